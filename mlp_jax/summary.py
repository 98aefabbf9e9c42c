"""The numbers of an experiment's results: chosen rates, targets, summary rows, rankings.

The lab's question is how much faster each configuration learns than exercise 2's
(the *baseline*: plain SGD in lab 6, N(0, 1) weights in lab 7). So the **target** is
the baseline's final mean training loss; ``epochs_to_target`` is the epoch (linearly
interpolated) at which a configuration's mean training loss first reaches it, and
``speedup_vs_baseline`` is the baseline's epochs to the target over the
configuration's, with a 95% bootstrap interval over seeds (``stats.speedup``).

With a learning-rate grid, each configuration is reported at the rate whose final
mean validation loss is lowest (``chosen``): the test set plays no part in the choice.

Numbers only: ``report`` puts them into words, tables and figures.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np

from mlp_jax import records, stats
from mlp_jax.records import History, SummaryRow

ALPHA = 0.05
"""Significance level of the Welch tests: p < ALPHA is a difference beyond noise."""

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

SUMMARY_COLUMNS = records.SUMMARY_COLUMNS


def chosen(record: History) -> int | None:
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


def selected(record: History) -> History:
    """The record at its chosen grid point (the record itself without a grid)."""
    index = chosen(record)
    return record if index is None else record.at(index)


def rates(record: History) -> tuple[float, ...]:
    """The learning rates of the record's grid (() without one)."""
    return record.grid.get("learning_rate", ())


def _final(record: History, field: str) -> np.ndarray:
    """The last value of ``field`` for each seed that never diverged."""
    return getattr(record, field)[record.finite, -1]


def _mean_curve(record: History) -> np.ndarray:
    return stats.mean_ci(record.train_loss[record.finite])[0]


def target(baseline: History | None) -> float:
    """The baseline's final mean training loss (NaN without a baseline or finite seed)."""
    if baseline is None or not baseline.finite.any():
        return math.nan
    return float(_mean_curve(baseline)[-1])


def _p(a: np.ndarray, b: np.ndarray) -> float:
    return stats.welch_t_test(a, b)[2] if min(a.size, b.size) >= 2 else math.nan


def summarize(act: str, results: Mapping[str, History], baseline: str) -> list[SummaryRow]:
    """One ``SummaryRow`` per configuration (records at their chosen rate).

    Means, standard deviations (ddof 1) and intervals are over non-diverged seeds;
    accuracy and test loss are after the last epoch; the p-values are Welch's
    two-sided tests against the baseline.
    """
    picked = {name: selected(r) for name, r in results.items()}
    base = picked.get(baseline)
    goal = target(base)
    return [_row(act, name, r, base, goal) for name, r in picked.items()]


def _speed(r: History, base: History | None, loss: np.ndarray) -> tuple[float, float, float]:
    if r is base:
        return (1.0, math.nan, math.nan)  # 1 by definition.
    if base is not None and loss.size and base.finite.any():
        speed = stats.speedup(r.train_loss[r.finite], base.train_loss[base.finite])
        if math.isfinite(speed[0]):
            return speed
    return (math.nan,) * 3


def _row(act: str, name: str, r: History, base: History | None, goal: float) -> SummaryRow:
    loss, acc = _final(r, "train_loss"), _final(r, "test_acc")
    reached = stats.epochs_to_target(_mean_curve(r), goal, interpolate=True) if loss.size else None
    speed = _speed(r, base, loss)
    acc_mean, acc_lo, acc_hi = (float(v) for v in np.clip(stats.mean_ci(acc), 0.0, 1.0))
    base_loss = _final(base, "train_loss") if base is not None else np.empty(0)
    base_acc = _final(base, "test_acc") if base is not None else np.empty(0)
    return SummaryRow(
        act=act,
        config=name,
        seeds=int(r.diverged_step.size),
        diverged=int((~r.finite).sum()),
        final_train_loss_mean=float(loss.mean()) if loss.size else math.nan,
        final_train_loss_std=float(loss.std(ddof=1)) if loss.size > 1 else math.nan,
        test_acc_mean=acc_mean,
        test_acc_std=float(acc.std(ddof=1)) if acc.size > 1 else math.nan,
        epochs_to_target=math.nan if reached is None else float(reached),
        wall_s=float(r.provenance.wall_s),
        final_test_loss_mean=float(np.mean(_final(r, "test_loss"))) if loss.size else math.nan,
        p_vs_baseline=math.nan if r is base else _p(loss, base_loss),
        settings=json.dumps(dict(r.provenance.config)),
        data_source=r.provenance.data_source,
        speedup_vs_baseline=float(speed[0]),
        speedup_ci_lo=float(speed[1]),
        speedup_ci_hi=float(speed[2]),
        test_acc_ci_lo=acc_lo,
        test_acc_ci_hi=acc_hi,
        test_acc_p_vs_baseline=math.nan if r is base else _p(acc, base_acc),
        learning_rate=r.provenance.learning_rate,
    )


def ranked(rows: Sequence[SummaryRow]) -> list[SummaryRow]:
    """By ``epochs_to_target``; then those that never reach it, by final training loss."""

    def key(r: SummaryRow) -> tuple:
        reached, loss = r.epochs_to_target, r.final_train_loss_mean
        return (
            not math.isfinite(reached),
            reached if math.isfinite(reached) else 0.0,
            loss if math.isfinite(loss) else math.inf,
        )

    return sorted(rows, key=key)


def baseline_row(rows: Sequence[SummaryRow], baseline: str) -> SummaryRow | None:
    """The baseline's row (None without it)."""
    return next((r for r in rows if r.config == baseline), None)


def first_epoch(row: SummaryRow) -> bool:
    """Whether the mean curve is at the target already after the first epoch (a bound:
    the per-epoch curve can tell no finer)."""
    return row.epochs_to_target == 1.0 and row.speedup_vs_baseline != 1.0


class Comparison(NamedTuple):
    """An activation's configurations against the baseline.

    Attributes:
      baseline: the baseline's row; None without its record or finite seed.
      best: the first of ``ranked`` (the baseline itself when none is faster).
      others: every other row, in ``ranked`` order.
      lower: those that end lower than the baseline, p < ``ALPHA``.
      higher: those that end higher than the baseline, p < ``ALPHA``.
    """

    baseline: SummaryRow | None
    best: SummaryRow
    others: list[SummaryRow]
    lower: list[SummaryRow]
    higher: list[SummaryRow]


def compare(rows: Sequence[SummaryRow], baseline: str) -> Comparison:
    """Who beats the baseline (a lower final training loss at p < ``ALPHA``), who ends
    worse, and the fastest configuration."""
    base = baseline_row(rows, baseline)
    if base is not None and not math.isfinite(base.final_train_loss_mean):
        base = None
    order = ranked(rows)
    others = [r for r in order if r.config != baseline]
    if base is None:
        return Comparison(None, order[0], others, [], [])
    tested = [r for r in others if r.p_vs_baseline < ALPHA]
    lower = [r for r in tested if r.final_train_loss_mean < base.final_train_loss_mean]
    higher = [r for r in tested if r.final_train_loss_mean > base.final_train_loss_mean]
    return Comparison(base, order[0], others, lower, higher)


def metrics_rows(act: str, results: Mapping[str, History]) -> list[dict[str, Any]]:
    """``metrics.csv`` rows: one per (config, [rate,] seed, epoch); epoch 0 is the init."""
    rows = []
    for name, record in results.items():
        points = [record.at(g) for g in range(len(rates(record)))] if record.grid else [record]
        for point in points:
            rows += _seed_epoch_rows(act, name, point)
    return rows


def _seed_epoch_rows(act: str, name: str, r: History) -> list[dict[str, Any]]:
    extra = {"lr": r.provenance.learning_rate} if r.provenance.point else {}
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


def metrics_columns(rows: Sequence[Mapping[str, Any]]) -> tuple[str, ...]:
    """``METRICS_COLUMNS``, then ``lr`` and ``val_loss, val_acc`` when the rows have them."""
    extra = [c for c in ("lr", "val_loss", "val_acc") if rows and c in rows[0]]
    return METRICS_COLUMNS + tuple(extra)
