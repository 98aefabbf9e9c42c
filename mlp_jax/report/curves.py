"""What single curves show, for the hand-in's discussion (``findings``): a configuration
whose mean misrepresents its seeds (loss against accuracy, with the seeds' curves drawn
here), and the optimizers' paths on the 2-D surfaces. Also the small helpers the
discussion's modules share."""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

import matplotlib.pyplot as plt
import numpy as np

from mlp_jax import records
from mlp_jax.labs import summary, surfaces, trajectories
from mlp_jax.report import discussion, document, lab_report, methods, plots, text
from mlp_jax.report.finished import Finished, Found

DISAGREE = 0.5
"""A configuration's ranks by final training loss and by test accuracy disagree when the
loss rank is worse by at least this share of the configurations."""
OUTLIER_MADS = 3.0
"""A seed's final loss is far off when above the median by this many scaled MADs."""
CONFIDENT = 1.2
"""A seed's test loss over the median seed's grows faster than its errors when their
ratio exceeds the error rate's ratio by this factor."""


def say_in(lang: str):
    return functools.partial(text.say, lang)


def with_act(act: str, lang: str) -> str:
    """``z funkcją aktywacji ReLU``, ``with the sigmoid activation``."""
    key = f"findings.with.{act}"
    return text.say(lang, key) if key in text.PHRASES[lang] else methods.label(act, lang)


def row_of(f: Finished, name: str) -> records.SummaryRow | None:
    return next((r for r in f.rows if r.config == name), None)


# --------------------------------------------------------------------------
# (c) Loss against accuracy: configurations whose mean misrepresents their seeds.
# --------------------------------------------------------------------------


def ranks(rows: Sequence[records.SummaryRow]) -> tuple[dict[str, int], dict[str, int]]:
    """Each configuration's rank by mean final training loss (1: the lowest) and by mean
    test accuracy (1: the highest); ties share the better rank."""
    loss = {
        r.config: 1 + sum(o.final_train_loss_mean < r.final_train_loss_mean for o in rows)
        for r in rows
    }
    acc = {r.config: 1 + sum(o.test_acc_mean > r.test_acc_mean for o in rows) for r in rows}
    return loss, acc


def odd_configs(f: Finished) -> list[str]:
    """The configurations of ``f`` whose loss rank is worse than their accuracy rank by
    at least ``DISAGREE`` of the configurations, or whose final losses spread over
    ``discussion.SPREAD`` times the median spread with far-off seeds (``Seeds.outliers``);
    at least three configurations."""
    rows = [
        r
        for r in f.rows
        if math.isfinite(r.final_train_loss_mean) and math.isfinite(r.test_acc_mean)
    ]
    if len(rows) < 3:
        return []
    loss, acc = ranks(rows)
    stds = [r.final_train_loss_std for r in rows if r.n_used > 1]
    median = float(np.median(stds)) if stds else math.nan
    return [
        r.config
        for r in rows
        if loss[r.config] - acc[r.config] >= DISAGREE * len(rows)
        or (
            r.final_train_loss_std > discussion.SPREAD * median and len(seeds(f, r.config).outliers)
        )
    ]


class Seeds(NamedTuple):
    """One configuration's seeds, as the discussion checks them.

    Attributes:
      finals: the final training loss per seed that never diverged.
      outliers: those above the median by more than ``OUTLIER_MADS`` scaled MADs.
      highest: epochs in which its mean training loss is the highest of all configurations.
      worst: (test loss, test accuracy) of the seed with the highest final test loss.
      middle: the same of the median seed by final test loss (the lower one of two).
    """

    finals: np.ndarray
    outliers: np.ndarray
    highest: int
    worst: tuple[float, float]
    middle: tuple[float, float]


def seeds(f: Finished, name: str) -> Seeds:
    """``Seeds`` of configuration ``name`` of ``f`` (records at their chosen rates)."""
    chosen = {n: summary.selected(r) for n, r in f.results.items()}
    means = {
        n: np.nanmean(np.where(r.finite[:, None], r.train_loss, np.nan), axis=0)
        for n, r in chosen.items()
        if r.finite.any()
    }
    stacked = np.stack(list(means.values()))
    highest = int(np.sum(np.nanargmax(stacked, axis=0) == list(means).index(name)))
    r = chosen[name]
    finals = summary.finals(r, "train_loss")[r.finite]
    median = float(np.median(finals))
    mad = 1.4826 * float(np.median(np.abs(finals - median)))
    outliers = finals[finals > median + OUTLIER_MADS * mad] if mad > 0 else finals[:0]
    test_loss, test_acc = (summary.finals(r, k)[r.finite] for k in ("test_loss", "test_acc"))
    order = np.argsort(test_loss)
    worst, middle = order[-1], order[(len(order) - 1) // 2]
    pick = lambda i: (float(test_loss[i]), float(test_acc[i]))
    return Seeds(finals, np.sort(outliers)[::-1], highest, pick(worst), pick(middle))


def seed_blocks(found: Found, out_dir: Path, lang: str) -> list[str | document.Block]:
    """Per experiment and activation with odd configurations (``odd_configs``): a
    paragraph each, then one figure of their seeds' curves (``seed_figure``, key
    ``{exp}.{act}.seeds``) drawn under ``out_dir/report_figures/<lang>/``."""
    out: list[str | document.Block] = []
    for name in ("lab6", "lab7"):
        for f in found.get(name, []):
            odd = odd_configs(f)
            if not odd:
                continue
            key = f"{f.experiment}.{f.act}.seeds"
            link = Path("report_figures", lang, f.experiment, f.act, "seeds.png").as_posix()
            out += [seed_paragraph(f, config, key, lang) for config in odd]
            seed_figure(f, odd, out_dir / link, lang)
            title = text.say(lang, "findings.fig.seeds", act=methods.label(f.act, lang))
            caption = text.say(lang, "findings.fig.seeds_note")
            out.append(document.Image(title, out_dir / link, link, caption, key))
    return out


def seed_paragraph(f: Finished, name: str, key: str, lang: str) -> str:
    """Where ``name`` ranks by loss and by accuracy, how its seeds' final losses spread
    (median, far-off seeds, the mean without them), and whether its test loss grows
    faster than its errors between the median seed and the worst one."""
    say, num = say_in(lang), functools.partial(text.num, spec=".4f", lang=lang)
    rows = [r for r in f.rows if math.isfinite(r.final_train_loss_mean)]
    loss, acc = ranks(rows)
    s, row = seeds(f, name), row_of(f, name)
    epochs = f.provenance.shared.epochs
    label, exp = lab_report.config_label(name, lang), f.experiment
    better = "disagree" if acc[name] < loss[name] else "agree"
    sentences = [
        say(
            f"findings.seeds.rank.{better}",
            name=label,
            act=with_act(f.act, lang),
            loss=num(row.final_train_loss_mean),
            loss_rank=loss[name],
            acc=text.pct(row.test_acc_mean, lang),
            acc_rank=acc[name],
            n=len(rows),
            tab=f"@tab:{exp}.{f.act}.quality",
        )
    ]
    if s.highest:
        sentences.append(
            say(
                "findings.seeds.highest", k=s.highest, epochs=epochs, fig=f"@fig:{exp}.{f.act}.loss"
            )
        )
    median = num(float(np.median(s.finals)))
    if len(s.outliers):
        kept = s.finals[~np.isin(s.finals, s.outliers)]
        sentences.append(
            say(
                "findings.seeds.outliers",
                median=median,
                k=text.number(lang, len(s.outliers), "nom.n"),
                n=text.number(lang, len(s.finals), "gen"),
                end=text.plural(lang, len(s.outliers), "findings.seeds.end"),
                values=lab_report.join([num(v) for v in s.outliers], lang),
                trimmed=num(float(np.mean(kept))),
                fig=f"@fig:{key}",
            )
        )
    else:
        sentences.append(say("findings.seeds.even", median=median, fig=f"@fig:{key}"))
    sentences.append(confidence(s, lang))
    return " ".join(sentences)


def confidence(s: Seeds, lang: str) -> str:
    """The worst seed's test loss and errors over the middle seed's (``Seeds.middle``, the
    k-th of n by final test loss): over-confident
    errors when the loss grows ``CONFIDENT`` times faster than the error rate."""
    (loss_w, acc_w), (loss_m, acc_m) = s.worst, s.middle
    loss_ratio = loss_w / loss_m
    error_ratio = (1 - acc_w) / (1 - acc_m) if acc_m < 1 else math.nan
    case = "confident" if loss_ratio > CONFIDENT * error_ratio else "errors"
    return text.say(
        lang,
        f"findings.seeds.{case}",
        worst=text.num(loss_w, ".3f", lang),
        worst_acc=text.pct(acc_w, lang),
        middle=text.num(loss_m, ".3f", lang),
        middle_acc=text.pct(acc_m, lang),
        k=(len(s.finals) - 1) // 2 + 1,
        n=len(s.finals),
        loss_ratio=text.times(lang, text.num(loss_ratio, ".2f", lang)),
        error_ratio=text.times(lang, text.num(error_ratio, ".2f", lang)),
    )


def seed_figure(f: Finished, names: Sequence[str], path: Path, lang: str) -> Path:
    """Each configuration of ``names`` in a row: its seeds' training loss per epoch (log
    scale) and test accuracy per epoch, a thin line per seed, the mean bold and the
    median dashed."""
    say = say_in(lang)
    fig, axes = plt.subplots(len(names), 2, figsize=(9.0, 3.4 * len(names)), squeeze=False)
    for (ax_loss, ax_acc), name in zip(axes, names, strict=True):
        r = summary.selected(f.results[name])
        loss = np.asarray(r.train_loss, float)[r.finite]
        acc = np.asarray(r.test_acc, float)[r.finite, 1:]  # After each epoch.
        epochs = np.arange(1, loss.shape[1] + 1)
        for ax, y, x in ((ax_loss, loss, epochs), (ax_acc, acc, epochs)):
            ax.plot(x, y.T, color="tab:blue", lw=0.8, alpha=0.5)
            ax.plot(x, y.mean(0), color="black", lw=2.0, label=say("findings.fig.mean"))
            ax.plot(
                x,
                np.median(y, 0),
                color="tab:red",
                lw=1.5,
                ls="--",
                label=say("findings.fig.median"),
            )
            ax.set_title(lab_report.config_label(name, lang), fontsize="medium")
            ax.set_xlabel(say("plot.epoch"))
        ax_loss.set_yscale("log")
        ax_loss.set_ylabel(say("plot.loss_epoch"))
        ax_acc.set_ylabel(say("plot.test_acc"))
        for ax, percent in ((ax_loss, False), (ax_acc, True)):
            ax.grid(True, alpha=0.4)
            plots.locale_axis(ax.xaxis, lang)
            plots.locale_axis(ax.yaxis, lang, percent)
        ax_acc.legend(loc="best", fontsize="small")
    fig.tight_layout()
    return plots.save(fig, path)


# --------------------------------------------------------------------------
# (g) The 2-D surfaces.
# --------------------------------------------------------------------------

SADDLE_POINT = {"x": 0.0, "y": 0.0}
"""The saddle point of ``surfaces``' ``saddle`` (see its docstring)."""


def surface_paragraphs(out_dir: Path, lang: str) -> list[str]:
    """From ``<out_dir>/../trajectories/trajectories.csv``: on the ravine, which optimizer
    swings farthest past the floor and which reaches the minimum first; on the saddle,
    which stall (never within the tolerance, stopped near the saddle point) and which
    reaches the minimum first."""
    path = out_dir.parent / "trajectories" / "trajectories.csv"
    if not path.exists():
        return []
    try:
        runs = trajectories.read_csv(path)
    except (ValueError, KeyError):
        return []
    sentences = []
    for name, say_it in (("ravine", _ravine), ("saddle", _saddle)):
        mine = [r for r in runs if r.surface == name]
        if mine:
            sentences.append(say_it(surfaces.get(name), mine, lang))
    return [" ".join(sentences)] if sentences else []


def _fastest(surface: surfaces.Surface, runs: Sequence[trajectories.Run], lang: str) -> str:
    steps = {r.optimizer: trajectories.steps_to(r.loss, surface.minimum_loss) for r in runs}
    reached = {n: k for n, k in steps.items() if not np.isnan(k)}
    if not reached:
        return text.say(lang, "findings.traj.none", steps=len(runs[0].loss) - 1)
    best = min(reached, key=reached.__getitem__)
    return text.say(
        lang, "findings.traj.first", name=methods.label(best, lang), k=int(reached[best])
    )


def _ravine(surface: surfaces.Surface, runs: Sequence[trajectories.Run], lang: str) -> str:
    swings = {r.optimizer: trajectories.oscillation(r.xy[:, 1])[0] for r in runs}
    widest = max(swings, key=swings.__getitem__)
    start = abs(float(runs[0].xy[0, 1]))
    if swings[widest] > 0:
        over = text.say(
            lang,
            "findings.traj.overshoot",
            name=methods.label(widest, lang),
            y=text.num(swings[widest], ".2f", lang),
            start=text.num(start, ".2g", lang),
        )
    else:
        over = text.say(lang, "findings.traj.no_overshoot")
    return f"{over} {_fastest(surface, runs, lang)}"


def stalls(loss: np.ndarray, minimum: float, saddle: float) -> bool:
    """Whether a path never reaches the minimum (``trajectories.steps_to``) and its loss
    stays within ``trajectories.TOLERANCE`` of the saddle point's over its second half."""
    tol = trajectories.TOLERANCE
    late = np.asarray(loss[len(loss) // 2 :], float)
    return bool(
        np.isnan(trajectories.steps_to(loss, minimum)) and np.all(np.abs(late - saddle) <= tol)
    )


def _saddle(surface: surfaces.Surface, runs: Sequence[trajectories.Run], lang: str) -> str:
    saddle = float(surface({k: np.float32(v) for k, v in SADDLE_POINT.items()}))
    stalled = [r for r in runs if stalls(r.loss, surface.minimum_loss, saddle)]
    first = _fastest(surface, runs, lang)
    if not stalled:
        return text.say(lang, "findings.traj.no_stall", first=first)
    return text.say(
        lang,
        "findings.traj.stall",
        names=lab_report.join([methods.label(r.optimizer, lang) for r in stalled], lang),
        verb=text.plural(lang, len(stalled), "findings.traj.verb"),
        loss=text.num(float(stalled[0].loss[-1]), ".4f", lang),
        saddle=text.num(saddle, ".4f", lang),
        first=first,
    )
