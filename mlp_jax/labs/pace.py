r"""How much faster, measured on the seeds of each configuration: time to a target at
minibatch-step resolution, speed-ups with their bootstrap intervals, the exact sign-flip
test that decides "faster", and the ranks it gives.

Time to a target is read on a :class:`Clock`: :func:`step_blocks` turns the recorded
minibatch-step windows into curves whose points sit at the centres of the steps they
average (a per-epoch mean read at the epoch's end is half an epoch late). Whether one
configuration is faster is decided by an exact sign-flip permutation test
(:func:`permutation_p`, in every :class:`Ratio`'s ``p``; :func:`sign_flip_p` for one
value per seed), Holm-adjusted over the family the caller names (``stats.holm``); the
bootstrap interval says how much. Comparisons are paired as in ``stats``: resampling and
relabelling act on seed indices, once for every configuration compared.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from mlp_jax.labs import stats


def _crossings(
    curves: np.ndarray, targets: np.ndarray, interpolate: bool, times: np.ndarray | None = None
) -> np.ndarray:
    """First time at which each curve is at or below its target; inf if never.

    Args:
      curves: ``[..., T]`` curves; NaN never reaches.
      targets: ``[...]`` thresholds, one per curve (or broadcast to them).
      interpolate: as in :func:`epochs_to_target`.
      times: ``[T]`` the time of each column (default: epochs 1..T).

    Returns:
      ``[...]`` times, as floats.
    """
    curves = np.asarray(curves, dtype=float)
    targets = np.asarray(targets, dtype=float)[..., None]
    times = np.arange(1.0, curves.shape[-1] + 1) if times is None else np.asarray(times, float)
    hit = curves <= targets
    i = hit.argmax(-1)[..., None]  # The first hit; 0 if none.
    time = times[i]
    if interpolate:
        before = np.take_along_axis(curves, np.maximum(i - 1, 0), -1)
        after = np.take_along_axis(curves, i, -1)
        start = times[np.maximum(i - 1, 0)]
        with np.errstate(invalid="ignore", divide="ignore"):
            between = start + (times[i] - start) * (before - targets) / (before - after)
        time = np.where((i > 0) & np.isfinite(before), between, time)
    return np.where(hit.any(-1), time[..., 0], np.inf)


def epochs_to_target(
    mean_curve: np.ndarray,
    target: float,
    *,
    interpolate: bool = False,
    times: np.ndarray | None = None,
) -> float | None:
    r"""First epoch at which a per-epoch curve is at or below ``target``.

    Index ``e - 1`` of ``mean_curve`` holds epoch ``e`` (as ``train_loss``; for
    ``test_loss``, whose column 0 is at initialisation, pass ``curve[1:]``).

    Args:
      mean_curve: ``[E]`` values, e.g. a mean loss over runs. NaN never counts as
        reaching the target.
      target: threshold.
      interpolate: if false, return the integer epoch e of the first
        :math:`c_e \le` target. If true, interpolate linearly between that epoch
        and the one before,
        :math:`e - 1 + (c_{e-1} - \text{target}) / (c_{e-1} - c_e)`,
        a fractional epoch that separates curves crossing in the same epoch (the
        integer e when e = 1 or :math:`c_{e-1}` is NaN).
      times: the time of each column, in epochs (``Clock.times``), in place of 1..E:
        the crossing is then interpolated between those times.

    Returns:
      The epoch as a float, or ``None`` if the curve never reaches ``target``.
    """
    epoch = float(_crossings(mean_curve, target, interpolate, times))
    return epoch if math.isfinite(epoch) else None


LEVEL = 0.95
"""Confidence level of every interval and test threshold the reports use."""

N_RESAMPLES = 49_999
"""Bootstrap replicates per interval. On the default lab 6 relu run the endpoints'
Monte Carlo standard deviation is then at most 0.0016 (BUILD_NOTES, "Statistics"); print
intervals with :func:`stable_decimals` decimals."""

Method = Literal["paired", "unpaired"]


@dataclass(frozen=True)
class Ratio:
    r"""A ratio of epochs to a target with its percentile-bootstrap interval.

    Attributes:
      point: the ratio for the mean curves over the runs used (float64).
      lo: lower endpoint of the ``level`` interval; NaN when there is none.
      hi: upper endpoint; NaN when there is none.
      method: ``"paired"``: the runs are matched by seed and resampled together
        (one draw of seed indices for every configuration); ``"unpaired"``: each
        configuration's runs are resampled independently.
      n_used: the pairs (paired) or the smaller sample's runs (unpaired) left
        after dropping the runs that diverged; no interval when below 2.
      is_bound: a mean curve reaches the target at its first time point (the
        first block of steps; the first epoch on an epoch clock), where the curve
        cannot tell when: the point is a bound and no interval is given.
      mc_se: Monte Carlo standard error of the endpoints (the larger of the two),
        from the replicates: how much ``lo`` and ``hi`` move with the bootstrap
        seed (the point does not); NaN without an interval. See
        :func:`stable_decimals`.
      p: two-sided p-value of the permutation test of equal speed
        (:func:`permutation_p`); NaN without one (fewer than 2 runs used).
      never: the share of bootstrap replicates in which either curve never reaches
        the target (an endpoint 0 or ∞ is such a replicate: "not reached", not a
        number); NaN without an interval.
    """

    point: float
    lo: float
    hi: float
    method: Method
    n_used: int
    is_bound: bool
    mc_se: float = math.nan
    p: float = math.nan
    never: float = math.nan


def _used(samples: Sequence[np.ndarray], paired: bool) -> list[np.ndarray]:
    """The ``[R, E]`` samples (float64) without the runs that have a non-finite value;
    paired, a run drops out with every run of its seed."""
    samples = [np.asarray(s, dtype=np.float64) for s in samples]
    ok = [np.isfinite(s).all(-1) for s in samples]
    if not paired:
        return [s[k] for s, k in zip(samples, ok, strict=True)]
    if len({len(s) for s in samples}) > 1:
        raise ValueError(
            f"paired samples need the same seeds, got {[len(s) for s in samples]} runs"
        )
    keep = np.logical_and.reduce(ok)
    return [s[keep] for s in samples]


def _ratios(
    means: Sequence[np.ndarray], reference: int, times: np.ndarray | None, final: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``e(means[0]) / e(means[1])`` at ``means[reference]``'s final value (the mean of
    its last ``final`` columns) and the two times, for ``[..., T]`` mean curves at
    ``times``.

    ``e`` is the interpolated crossing of :func:`epochs_to_target`, ∞ if never: the
    ratio is ∞ or 0 when one curve never reaches the target, 1 when neither does.
    """
    target = means[reference][..., -final:].mean(-1)
    e_a, e_b = (_crossings(m, target, True, times) for m in means[:2])
    with np.errstate(invalid="ignore"):
        ratio = np.where(np.isinf(e_a) & np.isinf(e_b), 1.0, e_a / e_b)
    return ratio, e_a, e_b


def _resampled_means(sample: np.ndarray, index: np.ndarray) -> np.ndarray:
    """``[B, E]`` mean curves of ``sample[index[b]]`` for ``[B, n]`` seed indices."""
    b, n = index.shape
    counts = np.bincount((index + n * np.arange(b)[:, None]).ravel(), minlength=b * n)
    return counts.reshape(b, n) @ sample / n


def _bootstrap_ratio(
    samples: Sequence[np.ndarray],
    reference: int,
    *,
    paired: bool,
    level: float,
    n_resamples: int,
    seed: int,
    clock: Clock | None = None,
) -> Ratio:
    """:func:`epochs_ratio` of ``samples[0]`` over ``samples[1]`` at the target of
    ``samples[reference]``, with its interval and permutation p even for a bound."""
    used = _used(samples, paired)
    n_used = min(len(s) for s in used)
    method: Method = "paired" if paired else "unpaired"
    if n_used == 0:
        return Ratio(math.nan, math.nan, math.nan, method, 0, False)
    clock = clock or Clock.epochs(used[0].shape[-1])
    at = (reference, clock.times, clock.final)
    point, e_a, e_b = _ratios([s.mean(0) for s in used], *at)
    bound = bool(min(e_a, e_b) == clock.times[0])
    if n_used < 2:
        return Ratio(float(point), math.nan, math.nan, method, n_used, bound)
    rng = np.random.default_rng(seed)
    if paired:
        index = [rng.integers(0, n_used, (n_resamples, n_used))] * len(used)
    else:
        index = [rng.integers(0, len(s), (n_resamples, len(s))) for s in used]
    replicates, r_a, r_b = _ratios(
        [_resampled_means(s, i) for s, i in zip(used, index, strict=True)], *at
    )
    lo = np.quantile(replicates, 0.5 * (1.0 - level), method="lower")
    hi = np.quantile(replicates, 0.5 * (1.0 + level), method="higher")
    replicates.sort()
    se = max(_quantile_se(replicates, 0.5 * (1.0 + s * level)) for s in (-1, 1))
    never = float(np.mean(np.isinf(r_a) | np.isinf(r_b)))
    p = permutation_p(used, reference, paired=paired, clock=clock, seed=seed)
    return Ratio(float(point), float(lo), float(hi), method, n_used, bound, se, p, never)


@dataclass(frozen=True)
class Clock:
    """The time axis of loss curves: when each column's value was measured.

    Attributes:
      times: ``[T]`` the time of each column, in epochs (a window mean at its centre).
      final: the columns of the last epoch; the mean of their values is the final loss.
    """

    times: np.ndarray
    final: int

    @classmethod
    def epochs(cls, n: int) -> Clock:
        """Per-epoch curves read as values at the epochs' ends (1..n): the old convention,
        about half an epoch late for epoch means."""
        return cls(np.arange(1.0, n + 1.0), 1)


BLOCKS_PER_EPOCH = 10
"""At least this many time points per epoch for crossing times (:func:`step_blocks`)."""


def step_blocks(
    step_loss: np.ndarray, steps_per_epoch: int, log_every: int
) -> tuple[np.ndarray, Clock]:
    r"""Step-resolution curves for crossing times, from the recorded window means.

    ``step_loss``'s column j is the mean loss of window j (``log_every`` steps; w =
    ``steps_per_epoch // log_every`` windows per epoch). Within each epoch the windows
    are averaged in blocks of k, the largest divisor of w with w / k ≥
    :data:`BLOCKS_PER_EPOCH` (k = 1 when w is smaller), and each block mean is placed
    at the mean of its windows' centre steps, over ``steps_per_epoch``: the time of a
    block mean is the centre of the steps it averages, with no extra computation.

    Args:
      step_loss: ``[R, E * w]`` window means per run (``History.step_loss``).
      steps_per_epoch: optimizer steps per epoch.
      log_every: steps per window.

    Returns:
      ``([R, E * w / k]`` block means, their :class:`Clock` (``final`` = w / k)).
    """
    step_loss = np.asarray(step_loss, dtype=np.float64)
    w = max(steps_per_epoch // log_every, 1)
    k = max([d for d in range(1, w + 1) if w % d == 0 and w // d >= BLOCKS_PER_EPOCH] or [1])
    j = np.arange(step_loss.shape[-1])
    centre = ((j // w) * steps_per_epoch + (j % w + 0.5) * log_every) / steps_per_epoch
    blocks = step_loss.shape[-1] // k
    shape = (*step_loss.shape[:-1], blocks, k)
    curves = step_loss[..., : blocks * k].reshape(shape).mean(-1)
    return curves, Clock(centre[: blocks * k].reshape(blocks, k).mean(-1), w // k)


MAX_EXACT = 16
"""Up to this many pairs the sign-flip test enumerates all 2^n relabellings."""

N_PERMUTATIONS = 9_999
"""Random relabellings of a permutation test beyond ``MAX_EXACT`` pairs or unpaired."""


def _log_speed(means: Sequence[np.ndarray], reference: int, clock: Clock) -> np.ndarray:
    """log(e_a / e_b) of :func:`_ratios` with a time that never comes censored at the
    last time point (the run's end): finite, 0 when neither curve reaches the target."""
    _, e_a, e_b = _ratios(means, reference, clock.times, clock.final)
    end = clock.times[-1]
    return np.log(np.minimum(e_a, end)) - np.log(np.minimum(e_b, end))


def _relabellings(n_a: int, n_b: int, paired: bool, rng: np.random.Generator) -> np.ndarray:
    """``[P, n_a + n_b]`` 0/1 rows: which pooled runs (``a``'s, then ``b``'s) each
    relabelling calls ``a``; the first row is the observed labelling. Paired: each seed s
    keeps one run in each group (all 2^n sign flips up to ``MAX_EXACT`` pairs); unpaired:
    ``N_PERMUTATIONS`` random splits."""
    if paired and n_a <= MAX_EXACT:
        flips = (np.arange(2**n_a)[:, None] >> np.arange(n_a)) & 1
    elif paired:
        flips = np.vstack([np.zeros(n_a, int), rng.integers(0, 2, (N_PERMUTATIONS, n_a))])
    else:
        shuffled = [rng.permutation(n_a + n_b) for _ in range(N_PERMUTATIONS)]
        order = np.vstack([np.arange(n_a + n_b), *shuffled])
        labels = np.zeros_like(order)
        np.put_along_axis(labels, order[:, :n_a], 1, -1)
        return labels
    return np.hstack([1 - flips, flips])


def permutation_p(
    samples: Sequence[np.ndarray],
    reference: int,
    *,
    paired: bool = True,
    clock: Clock | None = None,
    seed: int = 0,
) -> float:
    r"""Two-sided permutation p-value of "``samples[0]`` and ``samples[1]`` are equally fast".

    The statistic is :math:`S = \log e(\bar a) - \log e(\bar b)`: the log ratio of the
    times at which the two mean curves first reach the target (the mean of the last
    ``clock.final`` columns of ``samples[reference]``'s mean curve, recomputed after each
    relabelling when the reference is ``a`` or ``b``), a time that never comes censored at
    the run's end. Paired, the null hypothesis is that within each seed the two runs are
    exchangeable: the relabellings swap a and b in any subset of the seeds, all 2^n of
    them up to ``MAX_EXACT`` pairs; unpaired, they split the pooled runs at random. With
    P relabellings including the observed one, :math:`p = \#\{|S_\pi| \ge |S|\} / P`:
    exact, so a decision p < α errs with probability at most α under the null (with n
    seeds the smallest p is :math:`2/2^n`, or :math:`1/2^n` when the target moves with the
    relabelling: swapping every seed then changes more than the sign of S).

    Args:
      samples: ``[R, T]`` finite curves ``a``, ``b`` and optionally a baseline that
        sets the target (``reference`` = 2; it is not relabelled).
      reference: the sample whose final loss is the target.
      paired: relabel within seeds (row s of each sample is seed s).
      clock: the curves' time axis (default: epochs 1..T).
      seed: seed of the random relabellings (unused when exact).

    Returns:
      p in (0, 1]; NaN with fewer than 2 runs in a sample.
    """
    a, b, *rest = (np.asarray(s, dtype=np.float64) for s in samples)
    if min(len(a), len(b)) < 2:
        return math.nan
    clock = clock or Clock.epochs(a.shape[-1])
    labels = _relabellings(len(a), len(b), paired, np.random.default_rng(seed))
    pooled = np.concatenate([a, b])
    means = [labels @ pooled / len(a), (1 - labels) @ pooled / len(b)]
    fixed = [np.broadcast_to(r.mean(0), means[0].shape) for r in rest]
    s = np.abs(_log_speed([*means, *fixed], reference, clock))
    return float(np.mean(s >= s[0] * (1.0 - 1e-9)))


def _quantile_se(ordered: np.ndarray, q: float) -> float:
    """Monte Carlo standard error of the q-quantile of B sorted replicates: half the
    distance between the order statistics one binomial standard deviation,
    √(B q (1 - q)) ranks, either side of it (∞ beside an infinite replicate)."""
    last = len(ordered) - 1
    centre, half = q * last, math.sqrt(len(ordered) * q * (1.0 - q))
    below = ordered[max(0, math.floor(centre - half))]
    above = ordered[min(last, math.ceil(centre + half))]
    return 0.0 if below == above else float(above - below) / 2.0


def stable_decimals(ratio: Ratio, most: int = 2) -> int:
    r"""Decimals to print ``ratio``'s interval with: the most d ≤ ``most`` whose unit
    :math:`10^{-d}` is at least 20 Monte Carlo standard errors (``mc_se``).

    Two runs with different bootstrap seeds then print a different last digit of an
    endpoint with probability about :math:`1.13\, \text{se} / 10^{-d} \le 6\%` (the
    mean absolute difference of two normal draws over the rounding unit); 0 when
    even whole numbers are not that stable (an infinite ``mc_se``: an endpoint
    beside replicates that never reach the target), ``most`` when the endpoints do
    not move or there is no interval.
    """
    if not ratio.mc_se > 0:
        return most
    if math.isinf(ratio.mc_se):
        return 0
    return max(0, min(most, math.floor(-math.log10(20.0 * ratio.mc_se))))


def shown_decimals(ratio: Ratio, most: int = 2, limit: int = 5) -> int:
    """Decimals to print ``ratio``'s interval with: ``stable_decimals``, and more (up to
    ``limit``) while an interval that excludes 1 would, rounded, seem to hold it
    (0.9943–0.9999 is not "1.00–1.00"; 1.024–1.349 is not "1.0–1.3")."""
    places = stable_decimals(ratio, most)
    excludes = ratio.lo > 1 or ratio.hi < 1  # NaN: no interval, nothing to keep apart.
    while excludes and places < limit and round(ratio.lo, places) <= 1 <= round(ratio.hi, places):
        places += 1
    return places


def _no_interval_for_a_bound(ratio: Ratio) -> Ratio:
    if not ratio.is_bound:
        return ratio
    return dataclasses.replace(ratio, lo=math.nan, hi=math.nan, mc_se=math.nan)


def epochs_ratio(
    a: np.ndarray,
    b: np.ndarray,
    baseline: np.ndarray,
    *,
    paired: bool = True,
    level: float = LEVEL,
    n_resamples: int = N_RESAMPLES,
    seed: int = 0,
    clock: Clock | None = None,
) -> Ratio:
    r"""How many times more epochs ``a`` needs than ``b`` to reach the baseline's target.

    The target is the baseline's final mean loss :math:`L^\ast`; with :math:`e(c)`
    the interpolated epoch at which a mean curve first reaches it
    (:func:`epochs_to_target`, ``interpolate=True``; ∞ if never), the ratio is
    :math:`e(\bar a) / e(\bar b)`: above 1 when ``b`` is faster; ∞ (0) when only
    ``b`` (``a``) reaches the target, 1 when neither does.

    The interval is a percentile bootstrap over seeds: each of ``n_resamples``
    replicates draws seed indices with replacement, recomputes the three mean
    curves, the target and the ratio; the endpoints are the replicates at the
    :math:`(1 \mp \ell)/2` quantiles, taken outwards (``np.quantile`` methods
    ``"lower"`` and ``"higher"``: exact replicates, ∞ included, and the reciprocal
    ratio gets exactly the reciprocal interval). ``paired=True`` (the runs of one
    experiment: row s of every array is seed s) draws the indices once for all
    three; ``paired=False`` draws them for each array independently.

    Args:
      a: ``[R, E]`` per-seed loss per epoch (epoch e at index e - 1). Runs with a
        non-finite value (diverged) are left out, paired with their seed's runs.
      b: ``[R, E]`` the same for the other configuration.
      baseline: ``[R, E]`` the same for the baseline, which sets the target.
      paired: resample the seeds together (the arrays must have the same rows).
      level: confidence level ℓ in (0, 1).
      n_resamples: bootstrap replicates.
      seed: seed of the ``numpy.random.default_rng`` that draws them.

      clock: the curves' time axis (default: per-epoch curves at epochs 1..E; the
        reports pass :func:`step_blocks`' step-resolution curves and clock, whose
        target is the mean of the baseline's mean curve over its last epoch).

    The ratio's ``p`` is :func:`permutation_p` of the same statistic (the decision
    "faster or not"; the interval says how much), and ``never`` the share of
    replicates in which a curve never reaches the target.

    Returns:
      A :class:`Ratio`; NaN throughout when no run is left, no interval when fewer
      than 2 are or when a curve reaches the target at its first time point.

    Raises:
      ValueError: ``paired`` with arrays of different numbers of runs.
    """
    return _no_interval_for_a_bound(
        _bootstrap_ratio(
            (a, b, baseline),
            2,
            paired=paired,
            level=level,
            n_resamples=n_resamples,
            seed=seed,
            clock=clock,
        )
    )


def speedup_ratio(
    curves: np.ndarray,
    baseline: np.ndarray,
    *,
    paired: bool = True,
    level: float = LEVEL,
    n_resamples: int = N_RESAMPLES,
    seed: int = 0,
    clock: Clock | None = None,
) -> Ratio:
    r"""How many times sooner a configuration reaches the baseline's final mean loss.

    :math:`e(\bar c_0) / e(\bar c)` for the baseline's and the configuration's mean
    curves: :func:`epochs_ratio` ``(baseline, curves, baseline)``, with the same
    arguments and interval; 2 if the configuration needs half the epochs, 0 if it
    never reaches the target. ``is_bound``: the configuration is at the target
    at its first time point, so the speed-up is *at least* ``point``.
    """
    return _no_interval_for_a_bound(
        _bootstrap_ratio(
            (baseline, curves),
            0,
            paired=paired,
            level=level,
            n_resamples=n_resamples,
            seed=seed,
            clock=clock,
        )
    )


def speedup(
    curves: np.ndarray,
    baseline: np.ndarray,
    *,
    level: float = LEVEL,
    n_resamples: int = N_RESAMPLES,
    seed: int = 0,
) -> tuple[float, float, float]:
    """:func:`speedup_ratio` unpaired, as ``(point, lo, hi)``.

    ``point`` is NaN if the configuration's mean curve never reaches the target;
    ``lo`` and ``hi`` are NaN if either sample has fewer than 2 runs, and are given
    for a bound too.
    """
    r = _bootstrap_ratio(
        (baseline, curves), 0, paired=False, level=level, n_resamples=n_resamples, seed=seed
    )
    return (r.point if r.point > 0 else math.nan), r.lo, r.hi


def sign_flip_p(a: np.ndarray, b: np.ndarray, *, seed: int = 0) -> float:
    r"""Two-sided sign-flip permutation p of equal means of paired values.

    With the n per-seed differences :math:`d_s = a_s - b_s` of the seeds where both are
    finite, the relabellings flip the signs of any subset of them (all 2^n up to
    ``MAX_EXACT`` pairs, else ``N_PERMUTATIONS`` random ones and the observed one):
    :math:`p = \#\{|\sum_s \epsilon_s d_s| \ge |\sum_s d_s|\} / P`, exact under the
    null hypothesis that each seed's two values are exchangeable.

    Args:
      a: ``[R]`` a value per seed.
      b: ``[R]`` the other configuration's, seed for seed.
      seed: seed of the random relabellings (unused when exact).

    Returns:
      p in (0, 1]; NaN with fewer than 2 pairs.

    Raises:
      ValueError: ``a`` and ``b`` of different lengths.
    """
    a, b = np.asarray(a, dtype=np.float64).ravel(), np.asarray(b, dtype=np.float64).ravel()
    if a.size != b.size:
        raise ValueError(f"paired samples need the same seeds, got {a.size} and {b.size}")
    d = (a - b)[np.isfinite(a) & np.isfinite(b)]
    if d.size < 2:
        return math.nan
    keep = _relabellings(d.size, d.size, True, np.random.default_rng(seed))[:, : d.size]
    s = np.abs((2 * keep - 1) @ d)
    return float(np.mean(s >= s[0] * (1.0 - 1e-9)))


@dataclass(frozen=True)
class Ranking:
    """Ranks by epochs to the target, ties shared.

    Attributes:
      rank: configuration → 1 + the number of configurations significantly
        faster than it; configurations that nothing separates share a rank.
      worst: configuration → k − the number of configurations significantly slower
        than it (k configurations). ``rank``–``worst`` is the configuration's rank
        interval: every verdict holds jointly with the family's error (Holm), so the
        true order by time to the target ranks it inside this interval (a simultaneous
        rank confidence set). Pairwise verdicts need not be transitive (a ties with b,
        yet c is faster than b and not than a: ranks 2 and 3); the intervals (2–3 and
        3–3, say) overlap where a single rank would order them.
      faster_than: configuration → the configurations significantly faster than
        it: a ratio :func:`epochs_ratio` (it, them) above 1 and :func:`distinct` at its
        Holm-adjusted permutation p (``p_holm``).
      ratio: ``(a, b)`` → :func:`epochs_ratio` (a, b), for every ordered pair.
      p_holm: ``(a, b)`` → the pair's permutation p, Holm-adjusted over the family
        of every unordered pair (m = k(k - 1)/2 for k configurations).
    """

    rank: dict[str, int]
    faster_than: dict[str, tuple[str, ...]]
    ratio: dict[tuple[str, str], Ratio]
    p_holm: dict[tuple[str, str], float] = dataclasses.field(default_factory=dict)
    worst: dict[str, int] = dataclasses.field(default_factory=dict)

    @property
    def family(self) -> int:
        """m, the pairwise comparisons the ranks are Holm-adjusted over."""
        return len(self.p_holm) // 2


def distinct(point: float, lo: float, hi: float, p: float, alpha: float = 1.0 - LEVEL) -> bool:
    """Whether a ratio of times ``point`` (interval ``lo``–``hi``) is a verdict ("faster", "slower") rather than a tie: its
    (Holm-adjusted) permutation ``p`` below ``alpha`` AND its bootstrap interval, where it
    has one, not holding 1. The two answer at different resolutions (the exact test sees
    a difference that every seed shares, however small; the interval, how far the mean
    curves' crossing moves from resample to resample); a verdict needs both, so no
    sentence calls a ratio significant beside an interval that holds 1, and the rule errs
    no more often than the test alone."""
    if not (p < alpha and point != 1 and not math.isnan(point)):
        return False
    return not (lo <= 1 <= hi)  # NaN: no interval (a bound), the test decides.


def _span(r: Ratio) -> tuple[float, float, float]:
    return r.point, r.lo, r.hi


def _reciprocal(r: Ratio) -> Ratio:
    """The ratio the other way round: 1/point, the interval (1/hi, 1/lo), and the
    standard error of 1/x, se/x², at the endpoint nearer 0 (the larger)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        point, lo, hi, se = (
            float(np.divide(a, b))
            for a, b in ((1.0, r.point), (1.0, r.hi), (1.0, r.lo), (r.mc_se, r.lo**2))
        )
    return dataclasses.replace(r, point=point, lo=lo, hi=hi, mc_se=se)


def ranks(
    curves: Mapping[str, np.ndarray],
    baseline: np.ndarray,
    *,
    paired: bool = True,
    level: float = LEVEL,
    n_resamples: int = N_RESAMPLES,
    seed: int = 0,
    clock: Clock | None = None,
) -> Ranking:
    """Ranks configurations by time to the baseline's target, ties shared.

    Configuration b is *significantly faster* than a when :func:`epochs_ratio` (a, b,
    baseline) is above 1 (a needs more time) and :func:`distinct`: its permutation p,
    Holm-adjusted over all k(k - 1)/2 pairs, below 1 - ``level`` and its interval above
    1; the rank of a is 1 + the number of such b, its worst rank k − the number of
    configurations a is significantly faster than. Nothing is significant without a test
    (fewer than 2 runs used).

    Args:
      curves: configuration → ``[R, E]`` per-seed losses (as :func:`epochs_ratio`);
        the baseline may be one of them.
      baseline: ``[R, E]`` the baseline's, which set the target.
      paired, level, n_resamples, seed, clock: as :func:`epochs_ratio`; every pair
        is bootstrapped with the same ``seed``.

    Returns:
      A :class:`Ranking`; its ``ratio`` records have no interval for bounds.
    """
    raw: dict[tuple[str, str], Ratio] = {}
    for a, b in itertools.combinations(curves, 2):
        raw[a, b] = _bootstrap_ratio(
            (curves[a], curves[b], baseline),
            2,
            paired=paired,
            level=level,
            n_resamples=n_resamples,
            seed=seed,
            clock=clock,
        )
        raw[b, a] = _reciprocal(raw[a, b])
    pairs = list(itertools.combinations(curves, 2))
    adjusted = stats.holm([raw[k].p for k in pairs]) if pairs else []
    p_holm = {k: float(q) for (a, b), q in zip(pairs, adjusted) for k in ((a, b), (b, a))}
    alpha = 1.0 - level
    ratio = {k: _no_interval_for_a_bound(r) for k, r in raw.items()}
    faster = {
        a: tuple(
            b
            for b in curves
            if b != a
            and ratio[a, b].point > 1
            and distinct(*_span(ratio[a, b]), p_holm[a, b], alpha)
        )
        for a in curves
    }
    slower = {a: sum(a in f for f in faster.values()) for a in curves}
    return Ranking(
        rank={a: 1 + len(f) for a, f in faster.items()},
        faster_than=faster,
        ratio=ratio,
        p_holm=p_holm,
        worst={a: len(curves) - n for a, n in slower.items()},
    )
