"""The numbers of an experiment's results: chosen rates, targets, summary rows, rankings.

The lab's question is how much faster each configuration learns than exercise 2's
(the *baseline*: plain SGD in lab 6, N(0, 1) weights in lab 7). So the **target** is
the baseline's final mean training loss (its mean over the last epoch); ``epochs_to_target``
is the time, in epochs (``crossing_curves``: the recorded window means in blocks at
their centres, ``pace.step_blocks``, averaged over one epoch of blocks, centred,
``pace.epoch_average``), at which a configuration's seed-mean training loss first
reaches it, and ``speedup_vs_baseline`` is the baseline's time to the target over the
configuration's. Speed has one test and one Holm family per experiment and activation:
the exact sign-flip test of every pair of configurations, Holm-adjusted together
(``pace.ranks``); the speed-up's ``speedup_p_holm`` is its pair's (baseline,
configuration) in that family, its interval inverts the same test at the threshold Holm
set for the pair (so it holds 1 when ``speedup_p_holm`` ≥ ``ALPHA``, and also when the
test keeps ratios on both sides of 1: ``pace.distinct``), and ``rank`` counts the same
verdicts. The p-values of final loss and accuracy are paired
t-tests (Welch's when the seeds do not match), Holm-adjusted per metric over the
configurations compared with the baseline (``p_holm``, ``test_acc_p_holm``). A baseline that learns too little
(``stats.ill_defined_target``) or is missing gives no target: no speed-ups, no ranks,
the reason in ``speedup_note``.

With a learning-rate grid, each configuration is reported at the rate whose final
mean validation loss is lowest (``chosen``): the test set plays no part in the choice.

Numbers only: ``report`` puts them into words, tables and figures.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np

from mlp_jax import records, train
from mlp_jax.labs import configs, pace, stats
from mlp_jax.records import History, SummaryRow

ALPHA = 0.05
"""Significance level of the tests against the baseline: a Holm-adjusted p < ALPHA is
a significant difference."""

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
    are passed over unless every rate had one. Exercise 2's configuration in lab 7
    (``configs.EXERCISE2``) is the exception: it stands for exercise 2 as it was, so it
    is reported at its own rate (lab 6's, the grid's centre), never at a tuned one.
    """
    if not record.grid:
        return None
    if record.provenance and record.provenance.config.get("name") == configs.EXERCISE2:
        own = record.provenance.config["learning_rate"]
        return int(np.argmin([abs(math.log(x / own)) for x in rates(record)]))
    return lowest_validation(record)


def lowest_validation(record: History) -> int:
    """The grid point with the lowest final mean validation loss (``chosen``'s rule,
    ``train.grid_order``): rates where a seed diverged only if every rate had one, and
    never a rate a halved grid dropped."""
    return int(train.grid_order(record.val_loss[..., -1], record.finite)[0])


def trained(record: History, index: int) -> bool:
    """Whether grid point ``index`` trained every epoch (a halved grid drops some)."""
    return record.grid_epochs is None or bool(
        record.grid_epochs[index] == record.train_loss.shape[-1]
    )


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


def target(baseline: History | None) -> float:
    """The baseline's final mean training loss: the mean over its last epoch of its
    seed-mean step curve (``crossing_curves``' last point; NaN without a baseline or
    finite seed)."""
    if baseline is None or not baseline.finite.any():
        return math.nan
    loss, clock = crossing_curves(baseline)
    return float(np.nanmean(loss, 0)[-clock.final :].mean())


def paired(results: Mapping[str, History]) -> bool:
    """Whether the records' seeds match: the same seed ids and base seed, so seed s
    gave every configuration the same initial key and minibatch order (every
    comparison inside one experiment)."""
    keys = {(r.seeds, r.provenance.shared.seed if r.provenance else None) for r in results.values()}
    return len(keys) == 1


def pairs(results: Mapping[str, History], baseline: str) -> dict[str, int]:
    """Configuration → the seeds that form pairs with the baseline's (records at their
    chosen rate): those where neither run diverged, the pairs its paired t-tests and
    speed-up use. Empty when the seeds do not match (``paired``) or without the baseline."""
    picked = {name: selected(r) for name, r in results.items()}
    if baseline not in picked or not paired(picked):
        return {}
    base = picked[baseline].finite
    return {name: int((r.finite & base).sum()) for name, r in picked.items()}


def finals(r: History, field: str) -> np.ndarray:
    """``[S]`` (float64) the last value of ``field`` per seed, NaN for the seeds that diverged."""
    return np.where(r.finite, getattr(r, field)[..., -1].astype(np.float64), np.nan)


def target_problem(
    base: History, results: Mapping[str, History] | None = None
) -> stats.IllDefinedTarget | None:
    """``stats.ill_defined_target`` of the baseline's record (at its chosen rate), from its
    training loss and final training accuracy, against the initial losses (the first
    recorded window's mean over the seeds that never diverged) of the ``results``
    compared (at their chosen rates)."""
    base = selected(base)
    classes = base.provenance.shared.layer_sizes[-1] if base.provenance else 10
    starts = {
        name: float(np.mean(r.step_loss[r.finite, 0]))
        for name, r in ((n, selected(r)) for n, r in (results or {}).items())
        if r.finite.any()
    }
    return stats.ill_defined_target(
        curves(base), base.train_acc[..., -1], n_classes=classes, starts=starts
    )


def curves(r: History) -> np.ndarray:
    """``[S, E]`` training losses (float64), NaN throughout for the seeds that diverged (the stats
    functions leave such runs out, paired with their seed's runs)."""
    return np.where(r.finite[..., None], r.train_loss.astype(np.float64), np.nan)


def step_curves(r: History) -> tuple[np.ndarray, pace.Clock]:
    """``[S, T]`` training losses at minibatch-step resolution (``pace.step_blocks`` of
    the recorded windows, float64) with their clock; NaN throughout for the seeds that
    diverged."""
    loss, clock = pace.step_blocks(r.step_loss, r.steps_per_epoch, r.log_every)
    return np.where(r.finite[..., None], loss, np.nan), clock


def crossing_curves(r: History) -> tuple[np.ndarray, pace.Clock]:
    """``[S, T']`` the curves times to the target are read on: ``step_curves`` averaged
    over one epoch of blocks, centred (``pace.epoch_average``), with their clock."""
    return pace.epoch_average(*step_curves(r))


def log_loss_area(r: History) -> np.ndarray:
    """``[S]`` each seed's mean log training loss over the run: the area under its log-loss
    curve at step resolution (``step_curves``) over the run's length, which weighs every
    moment of training alike (a single crossing sees one); NaN for the seeds that diverged.
    A loss below ``LOSS_FLOOR`` counts as ``LOSS_FLOOR``: float32 training resolves no less,
    and an exact 0 (a memorized minibatch) would make the mean −∞."""
    loss, _ = step_curves(r)
    return np.log(np.maximum(loss, LOSS_FLOOR)).mean(-1)


LOSS_FLOOR = float(np.finfo(np.float32).eps)
"""The smallest training loss ``log_loss_area`` tells apart (float32's resolution at 1)."""


def _area_test(r: History, base: History | None, same: bool) -> float:
    """The p of ``log_loss_area`` against the baseline: the sign-flip test when paired,
    Welch's test otherwise; NaN for the baseline itself or without it."""
    if base is None or r is base:
        return math.nan
    area, base_area = log_loss_area(r), log_loss_area(base)
    if same:
        return pace.sign_flip_p(area, base_area)
    return stats.t_test(area, base_area, paired=False).p


def time_ratio(a: History, b: History, baseline: History) -> pace.Ratio:
    """``pace.epochs_ratio`` of ``a`` over ``b`` (records at their chosen rate) at the
    baseline's target, paired, on ``crossing_curves``, with its permutation p
    and its 95% interval (a pair of the experiment's reports is ``ranking``'s, whose
    interval is at its Holm threshold)."""
    (loss_a, clock), (loss_b, _), (loss_base, _) = (
        crossing_curves(selected(r)) for r in (a, b, baseline)
    )
    return pace.epochs_ratio(loss_a, loss_b, loss_base, clock=clock)


def _target_note(base: History | None, results: Mapping[str, History]) -> str:
    """Why the baseline's final loss is no target (``SummaryRow.speedup_note``), or ""."""
    if base is None:
        return "no_baseline"
    ill = target_problem(base, results)
    return "" if ill is None else ill.reason


def summarize(
    act: str,
    results: Mapping[str, History],
    baseline: str,
    order: pace.Ranking | None = None,
) -> list[SummaryRow]:
    """One ``SummaryRow`` per configuration (records at their chosen rate).

    Means (float64), standard deviations (ddof 1) and intervals are over non-diverged
    seeds; accuracy and test loss are after the last epoch. Against the baseline:
    paired t-tests when the seeds match (``paired``), else Welch's tests, p-values
    Holm-adjusted per metric over the configurations. Speed is ``ranking``'s: the
    speed-up, its interval and its p are the pair (baseline, configuration) of the one
    family of every pair, so "faster than the baseline" and the ranks never disagree.
    Without a well-defined target (no baseline record, or ``stats.ill_defined_target``)
    there are no speed-ups, epochs to target or ranks, and ``speedup_note`` says why.
    ``order``: ``ranking(results, baseline)`` where the caller has it already.
    """
    picked = {name: selected(r) for name, r in results.items()}
    base = picked.get(baseline)
    same = paired(picked)
    note = _target_note(base, picked)
    goal = target(base) if not note else math.nan
    order = None if note else order or ranking(results, baseline)
    rows = [
        _row(act, name, r, base, goal, same, note, _speed(order, baseline, name, same))
        for name, r in picked.items()
    ]
    holm = {f: stats.holm([getattr(r, f) for r in rows]) for f in _HOLM}
    rows = [
        dataclasses.replace(r, **{h: float(holm[f][i]) for f, h in _HOLM.items()})
        for i, r in enumerate(rows)
    ]
    if order is None:
        return rows
    return [
        dataclasses.replace(
            r,
            rank=float(order.rank.get(r.config, math.nan)),
            rank_worst=float(order.worst.get(r.config, math.nan)),
        )
        for r in rows
    ]


_HOLM = {
    "p_vs_baseline": "p_holm",
    "test_acc_p_vs_baseline": "test_acc_p_holm",
    "log_loss_area_p": "log_loss_area_p_holm",
}
"""Raw p-value field → its Holm-adjusted field (one family per metric, over the
configurations compared with the baseline; speed's family is ``ranking``'s)."""


def ranking(results: Mapping[str, History], baseline: str) -> pace.Ranking | None:
    """``pace.ranks`` of the records at their chosen rate, on ``crossing_curves``: every
    pairwise ratio with its interval, Holm over every pair; None without a well-defined
    target."""
    picked = {name: selected(r) for name, r in results.items()}
    base = picked.get(baseline)
    if _target_note(base, picked):
        return None
    every = {n: crossing_curves(r)[0] for n, r in picked.items() if r.finite.any()}
    clock = crossing_curves(base)[1]
    return pace.ranks(every, baseline, paired=paired(picked), clock=clock)


class _Speed(NamedTuple):
    """A row's speed fields, from the ranking's pair (baseline, configuration)."""

    ratio: pace.Ratio | None
    p_holm: float


def _speed(order: pace.Ranking | None, baseline: str, name: str, same: bool) -> _Speed:
    """The configuration's speed-up (the ranking's ratio of the baseline's time over its
    own) and the pair's Holm p; the baseline's own ratio is 1 without an interval, and
    there is none without a ranking or a finite run."""
    if order is None:
        return _Speed(None, math.nan)
    if name == baseline:
        method = "paired" if same else "unpaired"
        return _Speed(pace.Ratio(1.0, math.nan, math.nan, method, 0, False), math.nan)
    key = (baseline, name)
    return _Speed(order.ratio.get(key), order.p_holm.get(key, math.nan))


def _test(r: History, base: History | None, field: str, same: bool) -> float:
    if base is None or r is base:
        return math.nan
    return stats.t_test(finals(r, field), finals(base, field), paired=same).p


def _row(
    act: str,
    name: str,
    r: History,
    base: History | None,
    goal: float,
    same: bool,
    note: str,
    speed: _Speed,
) -> SummaryRow:
    loss, acc = (_final(r, f).astype(np.float64) for f in ("train_loss", "test_acc"))
    steps, clock = crossing_curves(r)
    reached = (
        pace.epochs_to_target(np.nanmean(steps, 0), goal, interpolate=True, times=clock.times)
        if loss.size
        else None
    )
    ratio = speed.ratio if r.finite.any() else None
    reaches = ratio is not None and ratio.point > 0
    acc_mean, acc_lo, acc_hi = (float(v) for v in np.clip(stats.mean_ci(acc), 0.0, 1.0))
    if acc.size < 2:
        acc_lo = acc_hi = math.nan
    test_loss = _final(r, "test_loss").astype(np.float64)
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
        final_test_loss_mean=float(test_loss.mean()) if loss.size else math.nan,
        p_vs_baseline=_test(r, base, "train_loss", same),
        settings=json.dumps(dict(r.provenance.config)),
        data_source=r.provenance.data_source,
        speedup_vs_baseline=ratio.point if reaches else math.nan,
        speedup_ci_lo=ratio.lo if reaches else math.nan,
        speedup_ci_hi=ratio.hi if reaches else math.nan,
        test_acc_ci_lo=acc_lo,
        test_acc_ci_hi=acc_hi,
        test_acc_p_vs_baseline=_test(r, base, "test_acc", same),
        learning_rate=r.provenance.learning_rate,
        speedup_note=note if r.finite.any() else "",
        n_used=int(r.finite.sum()),
        speedup_is_bound=bool(reaches and ratio.is_bound),
        pairing="paired" if same else "unpaired",
        speedup_p=ratio.p if reaches else math.nan,  # Never reached: no time to test.
        speedup_p_holm=speed.p_holm if reaches else math.nan,
        speedup_never=ratio.never if ratio else math.nan,
        log_loss_area_mean=float(np.nanmean(log_loss_area(r))) if loss.size else math.nan,
        log_loss_area_p=_area_test(r, base, same),
        speedup_ci_level=ratio.level if reaches and math.isfinite(ratio.lo) else math.nan,
    )


def ranked(rows: Sequence[SummaryRow]) -> list[SummaryRow]:
    """By ``rank`` (ties by ``epochs_to_target``); then those that never reach the
    target, or have no rank, by final training loss."""

    def key(r: SummaryRow) -> tuple:
        reached, loss = r.epochs_to_target, r.final_train_loss_mean
        return (
            r.rank if math.isfinite(r.rank) else math.inf,
            not math.isfinite(reached),
            reached if math.isfinite(reached) else 0.0,
            loss if math.isfinite(loss) else math.inf,
        )

    return sorted(rows, key=key)


def baseline_row(rows: Sequence[SummaryRow], baseline: str) -> SummaryRow | None:
    """The baseline's row (None without it)."""
    return next((r for r in rows if r.config == baseline), None)


class Comparison(NamedTuple):
    """An activation's configurations against the baseline.

    Attributes:
      baseline: the baseline's row; None without its record or finite seed.
      best: the first of ``ranked`` (the baseline itself when none is faster).
      others: every other row, in ``ranked`` order.
      lower: those that end lower than the baseline, Holm-adjusted p < ``ALPHA``.
      higher: those that end higher than the baseline, Holm-adjusted p < ``ALPHA``.
    """

    baseline: SummaryRow | None
    best: SummaryRow
    others: list[SummaryRow]
    lower: list[SummaryRow]
    higher: list[SummaryRow]


def distinct_speed(row: SummaryRow) -> bool:
    """Whether ``row``'s speed-up is a verdict, sooner or later (``pace.distinct`` of its
    ratio, interval and Holm-adjusted p), not a tie."""
    point, lo, hi = row.speedup_vs_baseline, row.speedup_ci_lo, row.speedup_ci_hi
    return pace.distinct(point, lo, hi, row.speedup_p_holm, ALPHA)


def compare(rows: Sequence[SummaryRow], baseline: str) -> Comparison:
    """Who beats the baseline (a lower final training loss at Holm-adjusted p <
    ``ALPHA``), who ends worse, and the first of the ranking."""
    base = baseline_row(rows, baseline)
    if base is not None and not math.isfinite(base.final_train_loss_mean):
        base = None
    order = ranked(rows)
    others = [r for r in order if r.config != baseline]
    if base is None:
        return Comparison(None, order[0], others, [], [])
    tested = [r for r in others if r.p_holm < ALPHA]
    lower = [r for r in tested if r.final_train_loss_mean < base.final_train_loss_mean]
    higher = [r for r in tested if r.final_train_loss_mean > base.final_train_loss_mean]
    return Comparison(base, order[0], others, lower, higher)


def metrics_rows(act: str, results: Mapping[str, History]) -> list[dict[str, Any]]:
    """``metrics.csv`` rows: one per (config, [rate,] seed, epoch); epoch 0 is the init.
    A rate a halved grid dropped has rows up to the last epoch it trained."""
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
    trained = r.test_loss.shape[-1] - 1 if r.grid_epochs is None else int(r.grid_epochs)
    for i, seed in enumerate(r.seeds):
        for epoch in range(trained + 1):
            row = {"act": act, "config": name, "seed": seed, "epoch": epoch, **extra}
            row["train_loss"] = float(r.train_loss[i, epoch - 1]) if epoch else ""
            row["train_acc"] = float(r.train_acc[i, epoch - 1]) if epoch else ""
            rows.append(row | {k: float(v[i, epoch]) for k, v in per_epoch.items()})
    return rows


STEPS_COLUMNS = ("act", "config", "seed", "epoch", "time", "train_loss")
"""Columns of ``steps.csv``: the blocks of minibatch steps whose one-epoch averages the
speed-ups are read on (``crossing_curves``)."""


def steps_rows(act: str, results: Mapping[str, History]) -> list[dict[str, Any]]:
    """``steps.csv`` rows: one per (config, seed, block of ``step_curves``) at the chosen
    rate: ``time`` is the block's centre in epochs, ``epoch`` the epoch it lies in (the
    target is the baseline's seed-mean over its last epoch's blocks; times are read on the
    one-epoch averages, ``crossing_curves``); a diverged seed's losses are empty."""
    rows = []
    for name, record in results.items():
        r = selected(record)
        loss, clock = step_curves(r)
        epoch = np.ceil(clock.times).astype(int)
        for i, seed in enumerate(r.seeds):
            rows += [
                {"act": act, "config": name, "seed": seed, "epoch": int(e), "time": float(t)}
                | {"train_loss": float(v)}
                for e, t, v in zip(epoch, clock.times, loss[i], strict=True)
            ]
    return rows


def metrics_columns(rows: Sequence[Mapping[str, Any]]) -> tuple[str, ...]:
    """``METRICS_COLUMNS``, then ``lr`` and ``val_loss, val_acc`` when the rows have them."""
    extra = [c for c in ("lr", "val_loss", "val_acc") if rows and c in rows[0]]
    return METRICS_COLUMNS + tuple(extra)
