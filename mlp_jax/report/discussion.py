"""The hand-in's discussion, from the records' numbers: the combined gain over exercise 2,
the pairs compared (momentum and Nesterov, Adagrad and Adadelta, Xavier and He), why they
differ (initial losses, σ per layer, the diagnostics), chosen rates at a grid's edge and
seeds that end far apart."""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

import numpy as np

from mlp_jax import records
from mlp_jax.labs import configs, diagnostics, pace, stats, summary
from mlp_jax.report import document, lab_report, methods, text
from mlp_jax.report.finished import Diagnosed, Finished, Found, every, lab_command


def p_text(p: float, lang: str) -> str:
    """``text.p_value``'s ``p = 0,10``, ``p = 0,042``, ``p < 0,001``, or ``p: —`` without
    a test."""
    return text.p_value(p, lang) if np.isfinite(p) else "p: —"


def ratio_interval(r: pace.Ratio, lang: str, p_holm: float | None = None) -> str:
    """`` (95% CI 1,10–1,40)``, an end never reached in words (``lab_report.interval``),
    with the sign-flip test's p Holm-adjusted over the pairs compared (``p_holm``) when
    given; nothing without an interval."""
    if np.isnan(r.lo) or np.isnan(r.hi):
        return ""
    words = lab_report.interval(r.lo, r.hi, r.never, max(2, pace.shown_decimals(r)), lang)
    if p_holm is not None:
        words += "; " + text.say(lang, "handin.speed_test", p=p_text(p_holm, lang))
    return f" ({words})"


def exercise2_record(f: Finished) -> records.History | None:
    """Lab 7's exercise-2 record (``configs.EXERCISE2``) at lab 6's rate
    (``summary.selected``: the grid's centre, never a rate lab 7 tuned)."""
    r = f.results.get(configs.EXERCISE2)
    return None if r is None else summary.selected(r)


def exercise2_gain(found: Found, lang: str) -> list[document.Block]:
    """Lab 7's best Xavier/He configuration against the real exercise 2 (plain SGD,
    N(0, 1)), per activation: the paired epochs ratio to exercise 2's final loss with
    its interval, and paired t-tests of the final training loss and test accuracy."""
    lines = []
    for f in found.get("lab7", []):
        ex2 = exercise2_record(f)
        rows = [r for r in f.rows if r.config not in (configs.EXERCISE2, f.provenance.baseline)]
        if ex2 is None or not rows:
            continue
        row = summary.ranked(rows)[0]
        best = summary.selected(f.results[row.config])
        speed = summary.time_ratio(ex2, best, ex2)
        times = text.times(
            lang, text.num(speed.point, f".{max(2, pace.shown_decimals(speed))}f", lang)
        )
        final = {
            (r, field): summary.finals(record, field)
            for r, record in (("best", best), ("ex2", ex2))
            for field in ("train_loss", "test_acc")
        }
        mean = {key: float(np.nanmean(v)) for key, v in final.items()}
        loss, acc = (
            stats.t_test(final["best", field], final["ex2", field], paired=True)
            for field in ("train_loss", "test_acc")
        )
        num = functools.partial(text.num, spec=".4f", lang=lang)
        lines.append(
            text.say(
                lang,
                "handin.gain",
                act=lab_report.config_label(f.act, lang),
                rate=text.num(ex2.provenance.learning_rate, ".3g", lang),
                ex2_loss=num(mean["ex2", "train_loss"]),
                ex2_acc=text.pct(mean["ex2", "test_acc"], lang),
                opt=methods.label(best.provenance.config["optimizer"], lang),
                init=methods.initialized_by(row.config, lang),
                speed=text.say(lang, "handin.at_least", x=times) if speed.is_bound else times,
                ci=ratio_interval(speed, lang),
                loss=num(mean["best", "train_loss"]),
                p_loss=p_text(loss.p, lang),
                acc=text.pct(mean["best", "test_acc"], lang),
                p_acc=p_text(acc.p, lang),
            )
        )
        tuned = tuned_exercise2(
            f.results[configs.EXERCISE2], lab_report.config_label(f.act, lang), lang
        )
        lines += [tuned] if tuned else []
    if not lines:
        return []
    say = functools.partial(text.say, lang)
    return [
        document.Heading(3, say("handin.gain_h")),
        document.Paragraph(say("handin.gain_explain")),
        document.Items(lines),
    ]


def tuned_exercise2(r: records.History, act: str, lang: str) -> str | None:
    """Where lab 7's grid puts plain SGD's best rate when it is not lab 6's (the rate
    exercise 2 is compared at): both rates and their final training losses."""
    if not r.grid:
        return None
    rates, own, best = summary.rates(r), summary.chosen(r), summary.lowest_validation(r)
    if best == own:
        return None
    loss = {i: float(np.nanmean(summary.finals(r.at(i), "train_loss"))) for i in (own, best)}
    edge = {0: "low", len(rates) - 1: "high"}.get(best)
    return text.say(
        lang,
        "handin.ex2_tuned",
        act=act,
        best=text.num(rates[best], ".3g", lang),
        edge=text.say(lang, f"handin.grid_edge.{edge}") if edge else "",
        best_loss=text.num(loss[best], ".4f", lang),
        own_loss=text.num(loss[own], ".4f", lang),
        own=text.num(rates[own], ".3g", lang),
    )


PAIRS: dict[str, tuple[tuple[str, str], ...]] = {
    "lab6": (("momentum", "nesterov"), ("adagrad", "adadelta")),
    "lab7": (("xavier", "he"),),
}
"""The pairs the discussion compares, per experiment."""


class Pair(NamedTuple):
    """Two configurations of one activation, compared once (``compare``).

    Attributes:
      a, b: their records at their chosen rates (``summary.selected``).
      ratio: the paired ratio of the times ``a`` needs over ``b``'s to reach the
        baseline's final loss (``summary.time_ratio``), with its sign-flip test's p.
      test: the paired t-test of their final training losses.
      ill: why the baseline's final loss is no target (``summary.target_problem``), or
        None.
    """

    a: records.History
    b: records.History
    ratio: pace.Ratio
    test: stats.TTest
    ill: str | None


def compare(f: Finished, a: str, b: str) -> Pair | None:
    """``a`` against ``b`` in ``f``; None without both or the baseline, or when every run of
    either diverged (nothing to compare)."""
    base = f.results.get(f.provenance.baseline)
    if a not in f.results or b not in f.results or base is None:
        return None
    ra, rb = summary.selected(f.results[a]), summary.selected(f.results[b])
    if not (ra.finite.any() and rb.finite.any()):
        return None
    finals = (summary.finals(r, "train_loss") for r in (ra, rb))
    return Pair(
        ra,
        rb,
        summary.time_ratio(ra, rb, base),
        stats.t_test(*finals, paired=True),
        summary.target_problem(base, f.results),
    )


def pair_sentence(
    f: Finished,
    a: str,
    b: str,
    lang: str,
    p_holm: tuple[float, float] | None = None,
    pair: Pair | None = None,
) -> str | None:
    """``a`` against ``b`` for one activation (None without both or the baseline): the
    paired ratio of the times ``a`` needs over ``b``'s to reach the baseline's final loss
    with its interval and sign-flip test ("no significant difference" unless its p <
    ``summary.ALPHA``), and the paired t-test of their final training losses; ``p_holm``:
    the (loss, speed) p-values Holm-adjusted over the pairs compared beside it
    (``pair_p_values``; the raw ones alone), with how many seeds formed its pairs when
    diverged runs left fewer than all. ``pair``: ``compare(f, a, b)``, when already made."""
    pair = pair or compare(f, a, b)
    if pair is None:
        return None
    ratio, test = pair.ratio, pair.test
    p, speed_p = (test.p, ratio.p) if p_holm is None else p_holm
    loss_same = not p < summary.ALPHA
    num = functools.partial(text.num, spec=".4f", lang=lang)
    loss = text.say(lang, f"handin.loss.{'same' if loss_same else 'differ'}", p=p_text(p, lang))
    if test.n_used < len(pair.a.seeds):
        loss += "; " + text.say(lang, "stat.pairs", n=test.n_used, seeds=len(pair.a.seeds))
    final_a, final_b = (summary.finals(r, "train_loss") for r in (pair.a, pair.b))
    return text.say(
        lang,
        f"handin.pair.{'no_target' if pair.ill else pair_case(ratio, speed_p)}",
        only=lab_report.config_label(a if ratio.point == 0 else b, lang),
        act=lab_report.config_label(f.act, lang),
        a=lab_report.config_label(a, lang),
        b=lab_report.config_label(b, lang),
        faster=lab_report.config_label(b if ratio.point > 1 else a, lang),
        ratio=text.num(ratio.point, f".{max(2, pace.shown_decimals(ratio))}f", lang),
        ci=ratio_interval(ratio, lang, speed_p),
        tiny=lab_report.tiny(ratio, lang),
        loss_a=num(float(np.nanmean(final_a))),
        loss_b=num(float(np.nanmean(final_b))),
        loss=loss,
    )


def pair_case(ratio: pace.Ratio, p: float | None = None) -> str:
    """Which ``handin.pair.*`` sentence a ratio of times calls for: "differ" only when the
    sign-flip test's ``p`` (default ``ratio.p``; Holm-adjusted where a family is compared)
    is below ``summary.ALPHA``."""
    if ratio.point in (0, np.inf):
        return "only"  # One of the two never reaches the target.
    if ratio.is_bound or not np.isfinite(ratio.point):
        return "bound" if ratio.is_bound else "neither"
    if np.isnan(ratio.lo) and ratio.point == 1:
        return "neither"
    p = ratio.p if p is None else p
    return "differ" if p < summary.ALPHA and ratio.point != 1 else "same"  # NaN: no claim.


def _start_loss(f: Finished, name: str) -> float:
    """The mean test loss at epoch 0 (before training) of configuration ``name``."""
    return float(np.nanmean(np.asarray(summary.selected(f.results[name]).test_loss)[..., 0]))


CLOSE = 1.15
"""He's σ over Xavier's below which, in every layer, the two are said to start almost alike."""


def why_lines(found: Found, diag: Diagnosed, lang: str) -> list[str]:
    """The "why" sentences, from measured quantities: the loss at epoch 0 per activation
    with N(0, 1) weights (lab 6), σ per layer of Xavier and He and their ratio with the
    initial losses (lab 7), and the saturated or dead units at initialization and after
    the diagnostics' last epoch."""
    say, num = functools.partial(text.say, lang), functools.partial(text.num, lang=lang)
    lines = []
    lab6 = [f for f in found.get("lab6", []) if f.provenance.baseline in f.results]
    start = {f.act: _start_loss(f, f.provenance.baseline) for f in lab6}
    if start:
        spec = lab6[0].results[lab6[0].provenance.baseline].provenance.config
        init = methods.label(spec["init"], lang, spec["init_scale"])
        losses = lab_report.join(
            [f"{num(v, '.2f')} ({lab_report.config_label(a, lang)})" for a, v in start.items()],
            lang,
        )
        chance = num(np.log(10), ".2f")
        lines.append(say("handin.why.start", init=init, losses=losses, chance=chance))
    for f in found.get("lab7", []):
        if not {"xavier", "he"} <= set(f.results):
            continue
        sizes = f.provenance.shared.layer_sizes
        sx, sh = methods.sigmas("xavier", sizes), methods.sigmas("he", sizes)
        ratios = [h / x for x, h in zip(sx, sh, strict=True)]
        loss = {
            n: num(_start_loss(f, n), ".2f") for n in ("normal", "xavier", "he") if n in f.results
        }
        lines.append(
            say(
                "handin.why.sigmas" if max(ratios) < CLOSE else "handin.why.sigmas_apart",
                act=lab_report.config_label(f.act, lang),
                sx=num(sx[0], ".4f"),
                sh=num(sh[0], ".4f"),
                ratio=num(ratios[0], ".2f"),
                last=num(ratios[-1], ".2f"),
                most=num(max(ratios), ".2f"),
                times=num(1 / sh[0], ".0f"),
                losses=lab_report.join(
                    [f"{lab_report.config_label(n, lang)} {v}" for n, v in loss.items()], lang
                ),
            )
        )
    for record in diag.values():
        column = diagnostics.trouble_column(record.act)
        if column:
            parts = [
                f"{lab_report.config_label(i, lang)} "
                + " → ".join(
                    text.pct(getattr(record.first_layer(i, e), column), lang)
                    for e in (0, record.epochs)
                )
                for i in record.inits
            ]
            act, epochs = lab_report.config_label(record.act, lang), record.epochs
            lines.append(
                say(
                    f"handin.why.{column}",
                    act=act,
                    epochs=epochs,
                    parts=lab_report.join(parts, lang),
                )
            )
    return lines


def edge_lines(found: Found, out_dir: Path, lang: str) -> list[str]:
    """A sentence per record whose chosen rate is the lowest or highest of its grid, with
    the command that widens the grid (two more rates on each side)."""
    lines = []
    for f in every(found):
        for name, r in f.results.items():
            rates, index = summary.rates(r), summary.chosen(r)
            inside = index is None or 0 < index < len(rates) - 1
            if inside or len(rates) < 2 or name == configs.EXERCISE2:  # Compared at its own.
                continue
            widen = text.code(
                lab_command(f.experiment, out_dir, found) + f" --lr_grid={len(rates) + 4}"
            )
            lines.append(
                text.say(
                    lang,
                    f"handin.edge.{'low' if index == 0 else 'high'}",
                    name=lab_report.config_label(name, lang),
                    act=lab_report.config_label(f.act, lang),
                    rate=text.num(rates[index], ".3g", lang),
                    lo=text.num(min(rates), ".3g", lang),
                    hi=text.num(max(rates), ".3g", lang),
                    command=widen,
                )
            )
    return lines


SPREAD = 3.0
"""A configuration whose final-loss standard deviation over the seeds is this many times
the median of its experiment's (same activation) is said to spread widely."""


def spread_lines(found: Found, lang: str) -> list[str]:
    """A sentence per configuration whose seeds end far apart (``SPREAD``): its standard
    deviation, the lowest and highest final training loss, and the experiment's median."""
    lines = []
    for f in every(found):
        stds = {r.config: r.final_train_loss_std for r in f.rows if r.n_used > 1}
        median = float(np.median(list(stds.values()))) if stds else math.nan
        for name, std in stds.items():
            if not std > SPREAD * median:
                continue
            finals = summary.finals(summary.selected(f.results[name]), "train_loss")
            num = functools.partial(text.num, spec=".4f", lang=lang)
            lines.append(
                text.say(
                    lang,
                    "handin.spread",
                    name=lab_report.config_label(name, lang),
                    act=lab_report.config_label(f.act, lang),
                    std=num(std),
                    lo=num(float(np.nanmin(finals))),
                    hi=num(float(np.nanmax(finals))),
                    median=num(median),
                    times=text.num(std / median, ".1f", lang),
                )
            )
    return lines


def discussion(found: Found, diag: Diagnosed, out_dir: Path, lang: str) -> list[document.Block]:
    """The discussion: the pairs of ``PAIRS`` per activation, the "why" sentences, the
    configurations whose seeds end far apart, and the chosen rates at the edge of their
    grid."""
    say = functools.partial(text.say, lang)
    items = [
        (f, a, b, pair)
        for name, names in PAIRS.items()
        for f in found.get(name, [])
        for a, b in names
        if (pair := compare(f, a, b))
    ]
    p_holm = pair_p_values([pair for *_, pair in items])
    pairs = [
        line
        for (f, a, b, pair), p in zip(items, p_holm, strict=True)
        if (line := pair_sentence(f, a, b, lang, p, pair))
    ]
    blocks: list[document.Block] = []
    for key, lines in (
        ("handin.h.pairs", pairs),
        ("handin.h.why", why_lines(found, diag, lang)),
        ("handin.h.spread", spread_lines(found, lang)),
        ("handin.h.edge", edge_lines(found, out_dir, lang)),
    ):
        if lines:
            blocks += [document.Heading(3, say(key)), document.Items(lines)]
    return [document.Heading(2, say("handin.h.discussion")), *blocks] if blocks else []


def pair_p_values(pairs: Sequence[Pair]) -> list[tuple[float, float]]:
    """For each pair: the paired t-test p of the final training losses and the
    sign-flip test p of the speed (NaN without a target), each family Holm-adjusted over
    every pair compared (``stats.holm``: all labs and activations of the discussion
    together)."""
    loss = [pair.test.p for pair in pairs]
    speed = [math.nan if pair.ill else pair.ratio.p for pair in pairs]
    return list(zip(stats.holm(loss).tolist(), stats.holm(speed).tolist(), strict=True))
