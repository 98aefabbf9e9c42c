"""The numbers, tables and words of an experiment's results.

The lab's question is how much faster each configuration learns than exercise 2's
(the *baseline*: plain SGD in lab 6, N(0, 1) weights in lab 7). So the **target** is
the baseline's final mean training loss; ``epochs_to_target`` is the epoch (linearly
interpolated) at which a configuration's mean training loss first reaches it, and
``speedup_vs_baseline`` is the baseline's epochs to the target over the
configuration's, with a 95% bootstrap interval over seeds (``stats.speedup``).

With a learning-rate grid, each configuration is reported at the rate whose final
mean validation loss is lowest (``chosen``): the test set plays no part in the choice.

Files, per activation folder: ``summary.csv`` (``SUMMARY_COLUMNS``), ``metrics.csv``
(long format, ``metrics_columns``), ``loss_epoch.png``, ``loss_step.png``,
``test_acc.png``, ``lr_sensitivity.png`` (with a grid) and ``report.md``.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from mlp_jax import document, plots, stats, text, train, util

if TYPE_CHECKING:
    from mlp_jax.experiment import Setup

SUMMARY_COLUMNS = (
    "act",
    "config",
    "seeds",
    "diverged",
    "final_train_loss_mean",
    "final_train_loss_std",
    "test_acc_mean",
    "test_acc_std",
    "epochs_to_target",
    "wall_s",
    "final_test_loss_mean",
    "p_vs_baseline",
    "settings",
    "data_source",
    "speedup_vs_baseline",
    "speedup_ci_lo",
    "speedup_ci_hi",
    "test_acc_ci_lo",
    "test_acc_ci_hi",
    "test_acc_p_vs_baseline",
    "learning_rate",
)
"""Columns of ``summary.csv``, one row per configuration."""

METRICS_COLUMNS = (
    "act",
    "config",
    "seed",
    "epoch",
    "train_loss",
    "train_acc",
    "test_loss",
    "test_acc",
)
"""Columns of ``metrics.csv``; ``lr`` follows when a grid ran, ``val_*`` with a validation set."""

Row = dict[str, Any]
Log = Callable[[str], None]


def chosen(record: train.History) -> int | None:
    """The grid point with the lowest final mean validation loss (None without a grid).

    Means are over the seeds that never diverged; rates at which any seed diverged
    are passed over unless every rate had one.
    """
    if not record.grid:
        return None
    finite, final = record.finite, record.val_loss[..., -1]
    n = finite.sum(-1)
    mean = np.where(n > 0, np.where(finite, final, 0.0).sum(-1) / np.maximum(n, 1), np.inf)
    clean = finite.all(-1)
    return int(np.argmin(np.where(clean, mean, np.inf) if clean.any() else mean))


def selected(record: train.History) -> train.History:
    """The record at its chosen grid point (the record itself without a grid)."""
    index = chosen(record)
    return record if index is None else record.at(index)


def learning_rate(record: train.History) -> float:
    """The (chosen) learning rate the record's curves were trained at."""
    point = record.meta.get("point", {})
    return float(point.get("learning_rate", record.meta.get("config", {}).get("learning_rate")))


def _final(record: train.History, field: str) -> np.ndarray:
    """The last value of ``field`` for each seed that never diverged."""
    return getattr(record, field)[record.finite, -1]


def _mean_curve(record: train.History) -> np.ndarray:
    return stats.mean_ci(record.train_loss[record.finite])[0]


def target(baseline: train.History | None) -> float:
    """The baseline's final mean training loss (NaN without a baseline or finite seed)."""
    if baseline is None or not baseline.finite.any():
        return math.nan
    return float(_mean_curve(baseline)[-1])


def _p(a: np.ndarray, b: np.ndarray) -> float:
    return stats.welch_t_test(a, b)[2] if min(a.size, b.size) >= 2 else math.nan


def summarize(act: str, results: Mapping[str, train.History], baseline: str) -> list[Row]:
    """One ``SUMMARY_COLUMNS`` row per configuration (records at their chosen rate).

    Means, standard deviations (ddof 1) and intervals are over non-diverged seeds;
    accuracy and test loss are after the last epoch; the p-values are Welch's
    two-sided tests against the baseline.
    """
    picked = {name: selected(r) for name, r in results.items()}
    base = picked.get(baseline)
    goal = target(base)
    return [_row(act, name, r, base, goal) for name, r in picked.items()]


def _row(act: str, name: str, r: train.History, base: train.History | None, goal: float) -> Row:
    loss, acc = _final(r, "train_loss"), _final(r, "test_acc")
    reached = stats.epochs_to_target(_mean_curve(r), goal, interpolate=True) if loss.size else None
    speed = (math.nan,) * 3
    if r is base:
        speed = (1.0, math.nan, math.nan)  # 1 by definition.
    elif base is not None and loss.size and base.finite.any():
        speed = stats.speedup(r.train_loss[r.finite], base.train_loss[base.finite])
        speed = speed if math.isfinite(speed[0]) else (math.nan,) * 3
    acc_mean, acc_lo, acc_hi = (float(v) for v in np.clip(stats.mean_ci(acc), 0.0, 1.0))
    base_loss = _final(base, "train_loss") if base is not None else np.empty(0)
    base_acc = _final(base, "test_acc") if base is not None else np.empty(0)
    return {
        "act": act,
        "config": name,
        "seeds": r.diverged_step.size,
        "diverged": int((~r.finite).sum()),
        "final_train_loss_mean": float(loss.mean()) if loss.size else math.nan,
        "final_train_loss_std": float(loss.std(ddof=1)) if loss.size > 1 else math.nan,
        "test_acc_mean": acc_mean,
        "test_acc_std": float(acc.std(ddof=1)) if acc.size > 1 else math.nan,
        "epochs_to_target": math.nan if reached is None else reached,
        "wall_s": float(r.meta.get("wall_s", math.nan)),
        "final_test_loss_mean": float(np.mean(_final(r, "test_loss"))) if loss.size else math.nan,
        "p_vs_baseline": math.nan if r is base else _p(loss, base_loss),
        "settings": json.dumps(r.meta.get("config", {})),
        "data_source": r.meta.get("data_source", ""),
        "speedup_vs_baseline": speed[0],
        "speedup_ci_lo": speed[1],
        "speedup_ci_hi": speed[2],
        "test_acc_ci_lo": acc_lo,
        "test_acc_ci_hi": acc_hi,
        "test_acc_p_vs_baseline": math.nan if r is base else _p(acc, base_acc),
        "learning_rate": learning_rate(r),
    }


def ranked(rows: Sequence[Row]) -> list[Row]:
    """By ``epochs_to_target``; then those that never reach it, by final training loss."""

    def key(r: Row) -> tuple:
        reached, loss = r["epochs_to_target"], r["final_train_loss_mean"]
        return (
            not math.isfinite(reached),
            reached if math.isfinite(reached) else 0.0,
            loss if math.isfinite(loss) else math.inf,
        )

    return sorted(rows, key=key)


def metrics_rows(act: str, results: Mapping[str, train.History]) -> list[Row]:
    """``metrics.csv`` rows: one per (config, [rate,] seed, epoch); epoch 0 is the init."""
    rows = []
    for name, record in results.items():
        points = [record.at(g) for g in range(len(_rates(record)))] if record.grid else [record]
        for point in points:
            rows += _seed_epoch_rows(act, name, point)
    return rows


def _rates(record: train.History) -> tuple[float, ...]:
    return record.grid.get("learning_rate", ())


def _seed_epoch_rows(act: str, name: str, r: train.History) -> list[Row]:
    extra = {"lr": learning_rate(r)} if "point" in r.meta else {}
    per_epoch = {"test_loss": r.test_loss, "test_acc": r.test_acc}
    if r.val_loss is not None:
        per_epoch |= {"val_loss": r.val_loss, "val_acc": r.val_acc}
    rows = []
    for i, seed in enumerate(r.seeds):
        for epoch in range(r.test_loss.shape[-1]):
            row = {"act": act, "config": name, "seed": seed, "epoch": epoch, **extra}
            row["train_loss"] = float(r.train_loss[i, epoch - 1]) if epoch else ""
            row["train_acc"] = float(r.train_acc[i, epoch - 1]) if epoch else ""
            rows.append(row | {k: float(v[i, epoch]) for k, v in per_epoch.items()})
    return rows


def metrics_columns(rows: Sequence[Row]) -> tuple[str, ...]:
    """``METRICS_COLUMNS``, then ``lr`` and ``val_loss, val_acc`` when the rows have them."""
    extra = [c for c in ("lr", "val_loss", "val_acc") if rows and c in rows[0]]
    return METRICS_COLUMNS + tuple(extra)


def write_all(setup: Setup, results: Mapping[str, Mapping[str, train.History]], log: Log) -> None:
    """Writes every activation's files, and the side-by-side figure with several."""
    for act, records in results.items():
        write(setup, act, records)
        log(f"wrote {setup.folder(act)}/{{summary.csv,metrics.csv,report.md,*.png}}")
    if len(results) > 1:
        path = Path(setup.out_dir) / setup.experiment / "activations.png"
        side_by_side(setup.experiment, results, path)
        log(f"wrote {path}")


def write(setup: Setup, act: str, results: Mapping[str, train.History]) -> list[Row]:
    """Writes one activation's summary, metrics, figures and report; returns the rows."""
    folder = setup.folder(act)
    rows = summarize(act, results, setup.baseline)
    util.write_csv(folder / "summary.csv", SUMMARY_COLUMNS, rows)
    metrics = metrics_rows(act, results)
    util.write_csv(folder / "metrics.csv", metrics_columns(metrics), metrics)
    figures(setup.experiment, act, results, folder)
    util.atomic_write_text(folder / "report.md", markdown(setup, act, results, rows))
    return rows


def figures(
    experiment: str,
    act: str,
    results: Mapping[str, train.History],
    folder: Path,
    lang: str = "en",
) -> list[Path]:
    """Draws an activation's figures into ``folder``: the curves at each record's chosen
    rate, and the LR sensitivity of the records with a grid."""
    title = f"{_title(experiment, lang)}, {act}"
    picked = {name: selected(r) for name, r in results.items()}
    paths = plots.plot_activation(picked, folder, title=title, lang=lang)
    grids = {name: r for name, r in results.items() if r.grid}
    if grids:
        picks = {name: chosen(r) for name, r in grids.items()}
        path = folder / "lr_sensitivity.png"
        paths.append(plots.plot_lr_sensitivity(grids, picks, path, title=title, lang=lang))
    return paths


def side_by_side(
    experiment: str,
    results: Mapping[str, Mapping[str, train.History]],
    path: Path,
    lang: str = "en",
) -> Path:
    """Draws the activations' training losses side by side (records at their chosen rate)."""
    picked = {act: {n: selected(r) for n, r in rs.items()} for act, rs in results.items()}
    return plots.plot_side_by_side(picked, path, title=_title(experiment, lang), lang=lang)


def _title(experiment: str, lang: str) -> str:
    key = f"title.{experiment}"
    return text.say(lang, key) if key in text.PHRASES[lang] else experiment


def _label(experiment: str, baseline: str, lang: str) -> str:
    key = f"baseline.{experiment}"
    return text.say(lang, key) if key in text.PHRASES[lang] else f"`{baseline}`"


def section(
    act: str,
    results: Mapping[str, train.History],
    rows: Sequence[Row],
    folder: Path,
    *,
    lang: str = "en",
    level: int = 1,
    link: Callable[[str], str] = lambda name: name,
) -> list[document.Block]:
    """One activation's report: setup, results table, ranking and figures.

    Args:
      act: the activation.
      results: the configurations' records, as ``experiment.run`` saves them.
      rows: their ``summarize`` rows.
      folder: the activation's folder (the figures).
      lang: one of ``text.LANGS``.
      level: heading level of the section's title.
      link: a figure's file name → its link from the Markdown file.
    """
    say = functools.partial(text.say, lang)
    meta = next(iter(results.values())).meta
    experiment, baseline = meta["shared"]["experiment"], meta["baseline"]
    label = _label(experiment, baseline, lang)
    settings = [[n, text.describe(r.meta["config"], lang, _rates(r))] for n, r in results.items()]
    figures = ["loss_epoch", "loss_step", "test_acc"]
    figures += ["lr_sensitivity"] if any(r.grid for r in results.values()) else []
    return [
        document.Heading(level, f"{_title(experiment, lang)} — {act}"),
        document.Items(_setup_lines(results, rows, label, lang)),
        document.Table([say("col.config"), say("col.settings")], settings),
        document.Heading(level + 1, say("h.results")),
        document.Paragraph(say("results.explain")),
        _results_table(rows, lang),
        document.Heading(level + 1, say("h.ranking")),
        document.Items(_ranking_lines(rows, baseline, label, meta, lang), ordered=True),
        document.Heading(level + 1, say("h.plots")),
        document.Paragraph(say("plots.bands")),
        *(document.Image(say(f"fig.{f}"), folder / f"{f}.png", link(f"{f}.png")) for f in figures),
    ]


def _setup_lines(results, rows, label: str, lang: str) -> list[str]:
    say = functools.partial(text.say, lang)
    meta = next(iter(results.values())).meta
    shared, baseline = meta["shared"], meta["baseline"]
    lines = [
        say("setup.data", source=meta["data_source"]),
        say("setup.network", sizes="-".join(map(str, shared["layer_sizes"])), act=shared["act"]),
        say(
            "setup.training",
            batch=shared["batch_size"],
            epochs=shared["epochs"],
            seeds=shared["seeds"],
            seed=shared["seed"],
        ),
    ]
    if shared["lr_grid"] > 1:
        lines.append(say("setup.grid", k=shared["lr_grid"]))
    if "choice" in meta:
        choice = meta["choice"]
        why = say(f"why.{choice['why']}")
        rate = text.num(choice["rate"], "g", lang)
        lines.append(say("choice", name=choice["optimizer"], rate=rate, why=why))
    base = next((r for r in rows if r["config"] == baseline), None)
    if base is None or not math.isfinite(base["final_train_loss_mean"]):
        lines.append(say("setup.no_baseline", name=baseline, label=label))
    else:
        goal = text.num(base["final_train_loss_mean"], ".4f", lang)
        lines.append(say("setup.baseline", name=baseline, label=label, target=goal))
    if shared["divergence_factor"] is not None:
        lines.append(
            say("setup.divergence", factor=text.num(shared["divergence_factor"], "g", lang))
        )
    return lines


def _results_table(rows: Sequence[Row], lang: str) -> document.Table:
    cols = (
        "config",
        "lr",
        "diverged",
        "loss",
        "epochs",
        "speedup",
        "p_loss",
        "acc",
        "p_acc",
        "wall",
    )
    header = [text.say(lang, f"col.{c}") for c in cols]

    def cells(r: Row) -> list[str]:
        num = functools.partial(text.num, lang=lang)
        return [
            r["config"],
            num(r["learning_rate"], ".3g"),
            f"{r['diverged']}/{r['seeds']}",
            f"{num(r['final_train_loss_mean'], '.4f')} ± {num(r['final_train_loss_std'], '.4f')}",
            num(r["epochs_to_target"], ".2f"),
            speedup_cell(r, lang),
            num(r["p_vs_baseline"], ".2g"),
            (
                f"{text.pct(r['test_acc_mean'], lang)} ({text.pct(r['test_acc_ci_lo'], lang)}–"
                f"{text.pct(r['test_acc_ci_hi'], lang)})"
            ),
            num(r["test_acc_p_vs_baseline"], ".2g"),
            num(r["wall_s"], ".1f"),
        ]

    return document.Table(header, [cells(r) for r in rows])


def speedup_cell(row: Row, lang: str) -> str:
    """The speed-up as the tables show it: ``3.10× (2.80–3.70)``, ``≥ 5.00×`` when the
    target is reached within the first epoch (a bound: the per-epoch curve can tell no
    finer), the point alone without an interval, ``—`` without a point."""
    num = functools.partial(text.num, lang=lang)
    point, lo, hi = row["speedup_vs_baseline"], row["speedup_ci_lo"], row["speedup_ci_hi"]
    if not math.isfinite(point):
        return "—"
    if _first_epoch(row):
        return f"≥ {num(point, '.2f')}×"
    return f"{num(point, '.2f')}×" + (
        f" ({num(lo, '.2f')}–{num(hi, '.2f')})" if math.isfinite(lo) else ""
    )


def speedup_words(row: Row, lang: str) -> str:
    """How much sooner (or later) a configuration reaches the target, in words."""
    num = functools.partial(text.num, lang=lang)
    point, lo, hi = row["speedup_vs_baseline"], row["speedup_ci_lo"], row["speedup_ci_hi"]
    if _first_epoch(row):
        return text.say(lang, "speed.at_least", factor=num(point, ".2f"))
    if point >= 1:
        return text.say(
            lang, "speed.sooner", factor=num(point, ".2f"), lo=num(lo, ".2f"), hi=num(hi, ".2f")
        )
    # Slower: the same interval, as how many times later (1/hi .. 1/lo).
    later = [1 / v if v > 0 else math.inf for v in (point, hi, lo)]
    return text.say(
        lang,
        "speed.later",
        factor=num(later[0], ".2f"),
        lo=num(later[1], ".2f"),
        hi=num(later[2], ".2f", missing="∞"),
    )


def _first_epoch(row: Row) -> bool:
    """Whether the mean curve is at the target already after the first epoch."""
    return row["epochs_to_target"] == 1.0 and row["speedup_vs_baseline"] != 1.0


def verdict(p: float, difference: float, lang: str) -> str:
    """A Welch test against the baseline in words: beyond noise when p < 0.05."""
    if not math.isfinite(p):
        return text.say(lang, "verdict.none")
    key = "same" if p >= 0.05 else ("lower" if difference < 0 else "higher")
    return text.say(lang, f"verdict.{key}", p=text.num(p, ".2g", lang))


def _ranking_lines(rows, baseline: str, label: str, meta, lang: str) -> list[str]:
    base = next((r for r in rows if r["config"] == baseline), None)
    return [_ranking_line(r, base, label, meta["shared"]["epochs"], lang) for r in ranked(rows)]


def _ranking_line(r: Row, base: Row | None, label: str, total: int, lang: str) -> str:
    num = functools.partial(text.num, lang=lang)
    if r["diverged"] == r["seeds"]:
        return text.say(lang, "rank.diverged", name=r["config"])
    values = {
        "name": r["config"],
        "label": label,
        "total": total,
        "epochs": num(r["epochs_to_target"], ".2f"),
        "loss": num(r["final_train_loss_mean"], ".4f"),
        "acc": text.pct(r["test_acc_mean"], lang),
    }
    if base is r:
        return text.say(lang, "rank.baseline", **values)
    base_loss = base["final_train_loss_mean"] if base else math.nan
    base_acc = base["test_acc_mean"] if base else math.nan
    values["loss_verdict"] = verdict(
        r["p_vs_baseline"], r["final_train_loss_mean"] - base_loss, lang
    )
    values["acc_verdict"] = verdict(
        r["test_acc_p_vs_baseline"], r["test_acc_mean"] - base_acc, lang
    )
    if not math.isfinite(r["epochs_to_target"]):
        return text.say(lang, "rank.never", **values)
    return text.say(lang, "rank.reached", speed=speedup_words(r, lang), **values)


def markdown(setup: Setup, act: str, results: Mapping[str, train.History], rows) -> str:
    """``report.md`` of one activation folder, in English."""
    return document.markdown(section(act, results, rows, setup.folder(act)))
