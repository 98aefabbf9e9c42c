r"""How much faster, measured on the seeds of each configuration: time to a target at
minibatch-step resolution, speed-ups, the exact sign-flip test that decides "faster" with
the interval that inverts it, and the ranks it gives.

Time to a target is read on a :class:`Clock`: :func:`step_blocks` turns the recorded
minibatch-step windows into curves whose points sit at the centres of the steps they
average (a per-epoch mean read at the epoch's end is half an epoch late), and
:func:`epoch_average` averages them over one epoch, centred, which removes the loss's
epoch-locked pattern. Whether one
configuration is faster is decided by an exact sign-flip permutation test
(:func:`permutation_p`, in every :class:`Ratio`'s ``p``; :func:`sign_flip_p` for one
value per seed), Holm-adjusted over the family the caller names (``stats.holm``; in
:func:`ranks`, every pair); the interval of the ratios the same test keeps says how much,
so the two never disagree. Comparisons are paired as in ``stats``: relabelling acts on
seed indices, once for every configuration compared.
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

ROUNDING = 1e-12
"""A value within this relative distance of the target reaches it: a reference's own final
value, averaged again in another order (a permutation test's relabelled mean), differs from
the target by rounding alone."""


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
    hit = curves <= targets + ROUNDING * np.abs(targets)  # Re-averaged in another order.
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

Method = Literal["paired", "unpaired"]


@dataclass(frozen=True)
class Ratio:
    r"""A ratio of times to a target with the permutation test's p and the interval that
    inverts it.

    Attributes:
      point: the ratio for the mean curves over the runs used (float64).
      lo: lower end of the interval (``_Test.interval``): the smallest ratio the
        test does not reject at its level, as far as its search looks; 0 when it rejects
        none below the point (the curve may never reach the target); NaN when there is
        none.
      hi: upper end; ∞ when the test rejects no ratio above the point.
      method: ``"paired"``: the runs are matched by seed and relabelled within seeds;
        ``"unpaired"``: the pooled runs are split at random.
      n_used: the pairs (paired) or the smaller sample's runs (unpaired) left
        after dropping the runs that diverged; no interval when below 2.
      is_bound: a mean curve reaches the target at its first time point (the
        first block of steps; the first epoch on an epoch clock), where the curve
        cannot tell when: the point is a bound and no interval is given.
      mc_se: Monte Carlo standard error of the endpoints: 0 for an exact test (every
        relabelling), NaN otherwise (see :func:`stable_decimals`).
      p: two-sided p-value of the permutation test of equal speed
        (:func:`permutation_p`); NaN without one (fewer than 2 runs used).
      never: the share of the test's relabellings in which either mean curve never
        reaches the target; NaN without a test.
      level: the interval's confidence level, 1 − the test's threshold (at least
        ``LEVEL``; more where Holm's procedure tested the pair at a smaller threshold,
        :func:`stats.holm_thresholds`).
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
    level: float = LEVEL


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


def _tested_ratio(
    samples: Sequence[np.ndarray],
    reference: int,
    *,
    paired: bool,
    level: float,
    seed: int,
    clock: Clock | None = None,
) -> Ratio:
    """:func:`epochs_ratio` of ``samples[0]`` over ``samples[1]`` at the target of
    ``samples[reference]``, with its permutation p and the ``level`` interval that inverts
    the test (even for a bound)."""
    used = _used(samples, paired)
    n_used = min(len(s) for s in used)
    method: Method = "paired" if paired else "unpaired"
    if n_used == 0:
        return Ratio(math.nan, math.nan, math.nan, method, 0, False)
    clock = clock or Clock.epochs(used[0].shape[-1])
    point, e_a, e_b = _ratios([s.mean(0) for s in used], reference, clock.times, clock.final)
    bound = bool(min(e_a, e_b) == clock.times[0])
    if n_used < 2:
        return Ratio(float(point), math.nan, math.nan, method, n_used, bound, level=level)
    test = _Test(used, reference, clock, paired, seed)
    p, never = test.p(0.0)
    lo, hi = test.interval(float(point), 1.0 - level)
    exact = paired and n_used <= MAX_EXACT
    se = 0.0 if exact else math.nan
    return Ratio(float(point), lo, hi, method, n_used, bound, se, p, never, level)


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


def epoch_average(curves: np.ndarray, clock: Clock) -> tuple[np.ndarray, Clock]:
    r"""The curves crossing times are read on: the centred moving average of one epoch of
    points (``clock.final``) of :func:`step_blocks`' curves, each at the mean of its
    points' times.

    The minibatch loss moves in an epoch-locked pattern (it drops as each epoch starts
    and is flat or rises within it), so a crossing read on the blocks snaps to an epoch's
    start and a slowed copy's crossing jumps by up to an epoch; the average over exactly
    one epoch removes any pattern that repeats each epoch and keeps the trend at the
    blocks' spacing. The first point is at half an epoch, the last is the last epoch's
    mean (``final`` = 1: the target is unchanged). For a loss :math:`a + b e^{-kt}` the
    average lies :math:`\sinh(k/2)/(k/2) - 1 \approx k^2/24` of :math:`b e^{-kt}` above it:
    a crossing about :math:`k/24` epochs late.

    Args:
      curves: ``[..., T]`` curves on ``clock``, T a multiple of ``clock.final``.
      clock: their clock (:func:`step_blocks`).

    Returns:
      ``([..., T - final + 1]`` averages, their :class:`Clock`).
    """
    window = np.lib.stride_tricks.sliding_window_view
    curves = window(np.asarray(curves, dtype=np.float64), clock.final, axis=-1).mean(-1)
    return curves, Clock(window(clock.times, clock.final).mean(-1), 1)


MAX_EXACT = 16
"""Up to this many pairs the sign-flip test enumerates all 2^n relabellings."""

N_PERMUTATIONS = 9_999
"""Random relabellings of a permutation test beyond ``MAX_EXACT`` pairs or unpaired."""


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


def _slowed(curves: np.ndarray, times: np.ndarray, factor: float) -> np.ndarray:
    """``[..., T]`` curves ``factor`` (≥ 1) times slower on the same ``times``: the value at
    t is the curve's at t / factor, linearly interpolated (the first point's value before
    the first point)."""
    if factor == 1.0:
        return curves
    at = times / factor
    i = np.clip(np.searchsorted(times, at), 1, len(times) - 1)
    w = np.clip((at - times[i - 1]) / (times[i] - times[i - 1]), 0.0, 1.0)
    return curves[..., i - 1] * (1.0 - w) + curves[..., i] * w


def _after_the_end(times: np.ndarray) -> float:
    """The time a curve that never reaches the target counts as reaching it: one time step
    after the last point (later than any curve that does, even at the last point)."""
    return float(times[-1] + (times[-1] - times[-2] if len(times) > 1 else 1.0))


STEP = 0.01
"""First step, in log ratio, of the search for an interval's ends (doubled until the test
rejects)."""

AHEAD = 20
"""Log ratios past a rejected one that the search tries (``STEP`` apart, 0.2 in all)."""

TOLERANCE = 1e-4
"""An interval's end is found to this log ratio (a relative 0.01%), on its inner side."""


class _Test:
    """The permutation test of one pair, "``a`` needs e^u times ``b``'s time to the
    target", at any log ratio u: the relabellings are drawn once, so p is a function of u.

    Under that hypothesis the faster curve slowed e^|u| times (:func:`_slowed`) and the
    other are exchangeable within each seed; :func:`permutation_p`'s statistic is computed
    on them after every relabelling.
    """

    def __init__(
        self, used: Sequence[np.ndarray], reference: int, clock: Clock, paired: bool, seed: int
    ) -> None:
        self.a, self.b, *rest = used
        self.reference, self.clock = reference, clock
        rng = np.random.default_rng(seed)
        labels = _relabellings(len(self.a), len(self.b), paired, rng).astype(np.float64)
        self.labels = (labels / len(self.a), (1.0 - labels) / len(self.b))
        self.fixed = [np.broadcast_to(r.mean(0), (len(labels), r.shape[-1])) for r in rest]

    def p(self, u: float) -> tuple[float, float]:
        """p at log ratio ``u``, and the share of relabellings in which a mean curve never
        reaches the target."""
        a, b, times = self.a, self.b, self.clock.times
        if u > 0:
            b = _slowed(b, times, math.exp(u))
        elif u < 0:
            a = _slowed(a, times, math.exp(-u))
        pooled = np.concatenate([a, b])
        means = [np.einsum("pr,rt->pt", w, pooled) for w in self.labels]  # No BLAS threads.
        _, e_a, e_b = _ratios([*means, *self.fixed], self.reference, times, self.clock.final)
        end = _after_the_end(times)
        s = np.abs(np.log(np.minimum(e_a, end)) - np.log(np.minimum(e_b, end)))
        never = float(np.mean(np.isinf(e_a) | np.isinf(e_b)))
        return float(np.mean(s >= s[0] * (1.0 - 1e-9))), never

    def kept(self, u: float, alpha: float) -> bool:
        """Whether the test at threshold ``alpha`` keeps the log ratio ``u``."""
        return self.p(u)[0] >= alpha

    def interval(self, point: float, alpha: float) -> tuple[float, float]:
        """The ratios around ``point`` that the test at threshold ``alpha`` keeps (ends 0
        and ∞ when it rejects none that far out), with 1 and the far side of 1 when the
        test keeps 1 or ratios beyond it (:meth:`_across`): the interval holds 1 unless
        every ratio the search finds kept lies on the point's side of 1."""
        span = math.log(2.0 * self.clock.times[-1] / self.clock.times[0])
        centre = 0.0 if math.isnan(point) else math.log(point) if point > 0 else -span
        centre = min(max(centre, -span), span)
        lo, hi = (self._edge(centre, side, span, alpha) for side in (-1.0, 1.0))
        if not lo <= 0.0 <= hi and (far := self._across(centre, span, alpha)) is not None:
            lo, hi = min(lo, far, 0.0), max(hi, far, 0.0)
        return math.exp(lo), math.exp(hi)

    def _across(self, centre: float, span: float, alpha: float) -> float | None:
        """The far end of the ratios kept on the other side of 1 from ``centre``, searched
        from the first kept of 1, the ``AHEAD`` ratios ``STEP`` apart beyond it and the
        farthest (±``span``) on, as :meth:`_edge`; None when the test keeps none of them. A
        rejected 1 with kept ratios on both sides does not say which configuration is
        faster (p moves in steps of 1/2^n: at Holm's smallest thresholds a ratio beyond 1
        that one more relabelling matches is kept while 1 is rejected)."""
        side = -math.copysign(1.0, centre)
        tried = (0.0, *self._ahead(0.0, side, span), side * span)
        start = next((u for u in tried if self.kept(u, alpha)), None)
        return None if start is None else self._edge(start, side, span, alpha)

    def _edge(self, centre: float, side: float, span: float, alpha: float) -> float:
        """The last kept log ratio from ``centre`` towards ``side`` (±1): steps doubling
        from ``STEP`` until one is rejected, then bisection; ±∞ when even ±``span`` (where a
        slowed curve holds its first value to the end) is kept. The centre counts as kept:
        the interval always holds the point."""
        inside, step = centre, STEP
        while True:
            u = inside + side * step
            if side * u >= span:
                if self.kept(side * span, alpha):
                    return side * math.inf
                return self._bisect(inside, side * span, alpha)
            if not self.kept(u, alpha):
                beyond = [v for v in self._ahead(u, side, span) if self.kept(v, alpha)]
                if not beyond:
                    return self._bisect(inside, u, alpha)
                u, step = beyond[-1], STEP
            inside, step = u, 2.0 * step

    @staticmethod
    def _ahead(u: float, side: float, span: float) -> list[float]:
        """The ``AHEAD`` log ratios ``STEP`` apart beyond a rejected ``u`` that the search
        tries before it stops: p is a step function of the ratio and may dip below the
        threshold between kept ratios (a mean curve's crossing jumps between dips)."""
        points = u + side * STEP * np.arange(1, AHEAD + 1)
        return [float(v) for v in points if side * v < span]

    def _bisect(self, inside: float, outside: float, alpha: float) -> float:
        """The boundary between a kept ``inside`` and a rejected ``outside``, on its kept
        side, to ``TOLERANCE``."""
        while abs(outside - inside) > TOLERANCE:
            mid = 0.5 * (inside + outside)
            inside, outside = (mid, outside) if self.kept(mid, alpha) else (inside, mid)
        return inside


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
    relabelling when the reference is ``a`` or ``b``), a time that never comes counted as
    one time step after the run's end. Paired, the null hypothesis is that within each seed the two runs are
    exchangeable: the relabellings swap a and b in any subset of the seeds, all 2^n of
    them up to ``MAX_EXACT`` pairs; unpaired, they split the pooled runs at random. With
    P relabellings including the observed one, :math:`p = \#\{|S_\pi| \ge |S|\} / P`:
    exact, so a decision p < α errs with probability at most α under the null (with n
    seeds the smallest p is :math:`2/2^n`, or :math:`1/2^n` when the target moves with the
    relabelling: swapping every seed then changes more than the sign of S).

    Args:
      samples: ``[R, T]`` curves ``a``, ``b`` and optionally a baseline that sets the
        target (``reference`` = 2; it is not relabelled); runs with a non-finite value
        (diverged) are left out, paired with their seed's runs.
      reference: the sample whose final loss is the target.
      paired: relabel within seeds (row s of each sample is seed s).
      clock: the curves' time axis (default: epochs 1..T).
      seed: seed of the random relabellings (unused when exact).

    Returns:
      p in (0, 1]; NaN with fewer than 2 runs in a sample.
    """
    a, b, *rest = _used(samples, paired)
    if min(len(a), len(b)) < 2:
        return math.nan
    clock = clock or Clock.epochs(a.shape[-1])
    return _Test([a, b, *rest], reference, clock, paired, seed).p(0.0)[0]


def stable_decimals(ratio: Ratio, most: int = 2) -> int:
    r"""Decimals to print ``ratio``'s interval with: the most d ≤ ``most`` whose unit
    :math:`10^{-d}` is at least 20 Monte Carlo standard errors (``mc_se``).

    Two runs with different random seeds then print a different last digit of an
    endpoint with probability about :math:`1.13\, \text{se} / 10^{-d} \le 6\%` (the
    mean absolute difference of two normal draws over the rounding unit); 0 when
    even whole numbers are not that stable (an infinite ``mc_se``), ``most`` when the
    endpoints do not move (an exact test), the error is unknown or there is no interval.
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
    seed: int = 0,
    clock: Clock | None = None,
) -> Ratio:
    r"""How many times more epochs ``a`` needs than ``b`` to reach the baseline's target.

    The target is the baseline's final mean loss :math:`L^\ast`; with :math:`e(c)`
    the interpolated epoch at which a mean curve first reaches it
    (:func:`epochs_to_target`, ``interpolate=True``; ∞ if never), the ratio is
    :math:`e(\bar a) / e(\bar b)`: above 1 when ``b`` is faster; ∞ (0) when only
    ``b`` (``a``) reaches the target, 1 when neither does.

    The ratio's ``p`` is :func:`permutation_p` of equal speed (the decision "faster or
    not"), and its interval inverts the same test: the ratios ρ that the test of "``a``
    needs ρ times ``b``'s time" keeps at threshold 1 − ``level`` (the faster curve slowed
    ρ times, :func:`_slowed`, and the other are exchangeable within seeds under that
    hypothesis). It holds 1 when p ≥ 1 − ``level``, and also when the test rejects 1 but
    keeps ratios on both sides of it (no direction: :func:`distinct`); it covers the true ratio
    with probability at least ``level`` wherever one curve is the other's slowed copy up to
    exchangeable seed noise. It is not a percentile bootstrap: a resample of n seeds
    averages about 0.63 n distinct ones, so its mean curve is noisier and crosses a level
    sooner, and the reference's own crossing of its final loss is pinned to its last epoch
    from above; such intervals put the point at their upper end (lab 7 on Fashion-MNIST:
    1.80 in 1.79–1.81). ``never`` is the share of the test's relabellings in which a mean
    curve never reaches the target.

    Args:
      a: ``[R, E]`` per-seed loss per epoch (epoch e at index e - 1). Runs with a
        non-finite value (diverged) are left out, paired with their seed's runs.
      b: ``[R, E]`` the same for the other configuration.
      baseline: ``[R, E]`` the same for the baseline, which sets the target (not
        relabelled).
      paired: relabel within seeds (the arrays must have the same rows); else split the
        pooled runs at random.
      level: confidence level ℓ in (0, 1) of the interval.
      seed: seed of the random relabellings (unused when exact).
      clock: the curves' time axis (default: per-epoch curves at epochs 1..E; the
        reports pass :func:`step_blocks`' step-resolution curves and clock, whose
        target is the mean of the baseline's mean curve over its last epoch).

    Returns:
      A :class:`Ratio`; NaN throughout when no run is left, no interval when fewer
      than 2 are or when a curve reaches the target at its first time point.

    Raises:
      ValueError: ``paired`` with arrays of different numbers of runs.
    """
    return _no_interval_for_a_bound(
        _tested_ratio((a, b, baseline), 2, paired=paired, level=level, seed=seed, clock=clock)
    )


def speedup_ratio(
    curves: np.ndarray,
    baseline: np.ndarray,
    *,
    paired: bool = True,
    level: float = LEVEL,
    seed: int = 0,
    clock: Clock | None = None,
) -> Ratio:
    r"""How many times sooner a configuration reaches the baseline's final mean loss.

    :math:`e(\bar c_0) / e(\bar c)` for the baseline's and the configuration's mean
    curves: :func:`epochs_ratio` ``(baseline, curves, baseline)``, its test and interval at
    the baseline's observed final loss; 2 if the configuration needs half the epochs, 0
    if it never reaches the target. ``is_bound``: the configuration is at the target at
    its first time point, so the speed-up is *at least* ``point``.
    """
    return _no_interval_for_a_bound(
        _tested_ratio(
            (baseline, curves, baseline), 2, paired=paired, level=level, seed=seed, clock=clock
        )
    )


def speedup(
    curves: np.ndarray, baseline: np.ndarray, *, level: float = LEVEL, seed: int = 0
) -> tuple[float, float, float]:
    """:func:`speedup_ratio` unpaired, as ``(point, lo, hi)``.

    ``point`` is NaN if the configuration's mean curve never reaches the target;
    ``lo`` and ``hi`` are NaN if either sample has fewer than 2 runs, and are given
    for a bound too.
    """
    r = _tested_ratio((baseline, curves, baseline), 2, paired=False, level=level, seed=seed)
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
    """Ranks by time to the target, ties shared: one Holm family of every pair.

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
      ratio: ``(a, b)`` → :func:`epochs_ratio` (a, b), for every ordered pair
        (``ratio[baseline, c]`` is c's speed-up, :func:`speedup_ratio`). Each interval inverts the pair's test
        at the threshold Holm's procedure compared its p with
        (``stats.holm_thresholds``), so it holds 1 exactly when the pair is not
        significantly faster or slower (:func:`distinct`).
      p_holm: ``(a, b)`` → the pair's permutation p, Holm-adjusted over the family
        of every unordered pair (m = k(k - 1)/2 for k configurations): the only test of
        speed the reports use, against the baseline too.
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
    """Whether a ratio of times ``point`` is a verdict ("faster", "slower") rather than a
    tie: its Holm-adjusted permutation ``p`` below ``alpha`` and its interval ``lo``–``hi``
    on one side of 1. The interval inverts the same test at the threshold Holm's
    procedure set for the pair (:class:`Ranking`), so it holds 1 when p is not below
    ``alpha``; it also holds 1 when the test rejects 1 but keeps ratios on both sides of
    it, where the direction is not known (:meth:`_Test._across`). Without an interval (a
    bound, :attr:`Ratio.is_bound`) p alone decides."""
    one_side = not lo <= 1.0 <= hi  # NaN ends: no interval.
    return bool(p < alpha and point != 1 and not math.isnan(point) and one_side)


def undirected(lo: float, hi: float, p: float, alpha: float = 1.0 - LEVEL) -> bool:
    """Whether the test rejects equal speed (Holm-adjusted ``p`` below ``alpha``) while the
    interval ``lo``–``hi`` still holds 1: it keeps ratios on both sides of 1, so which
    configuration is faster is not known (a tie, :func:`distinct`)."""
    return bool(p < alpha and lo <= 1.0 <= hi)


def _reciprocal(r: Ratio) -> Ratio:
    """The ratio the other way round: 1/point and the interval (1/hi, 1/lo)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        point, lo, hi = (float(np.divide(1.0, v)) for v in (r.point, r.hi, r.lo))
    return dataclasses.replace(r, point=point, lo=lo, hi=hi)


def _faster(ratio: Ratio, p_holm: float, level: float) -> bool:
    """Whether the second of a pair is significantly faster (:func:`distinct`, ratio > 1)."""
    return ratio.point > 1 and distinct(ratio.point, ratio.lo, ratio.hi, p_holm, 1.0 - level)


def ranks(
    curves: Mapping[str, np.ndarray],
    baseline: str,
    *,
    paired: bool = True,
    level: float = LEVEL,
    seed: int = 0,
    clock: Clock | None = None,
) -> Ranking:
    """Ranks configurations by time to the baseline's target, ties shared.

    Every pair (a, b) is tested once (:func:`permutation_p` at the baseline's observed
    target, the baseline in the pair too: ``ratio[baseline, c]`` is :func:`speedup_ratio`),
    and the k(k - 1)/2 p values are Holm-adjusted as one family. b is *significantly faster* than a when a's
    time over b's is above 1, the adjusted p is below 1 - ``level`` and the pair's interval
    is without 1 (:func:`distinct`); the rank of a is
    1 + the number of such b, its worst rank k − the number of configurations a is
    significantly faster than. Each pair's interval inverts its test at the threshold Holm
    compared its p with, so the interval, the verdict against the baseline and the ranks
    never disagree. Nothing is significant without a test (fewer than 2 runs used).

    Args:
      curves: configuration → ``[R, E]`` per-seed losses (as :func:`epochs_ratio`),
        the baseline's among them.
      baseline: the configuration whose final loss is the target.
      paired, level, seed, clock: as :func:`epochs_ratio`.

    Returns:
      A :class:`Ranking`; its ``ratio`` records have no interval for bounds.
    """
    pairs = list(itertools.combinations(curves, 2))
    given = {"paired": paired, "seed": seed, "clock": clock}
    base = curves[baseline]
    raw = [permutation_p([curves[a], curves[b], base], 2, **given) for a, b in pairs]
    adjusted = stats.holm(raw) if pairs else []
    threshold = stats.holm_thresholds(raw, 1.0 - level) if pairs else []
    ratio: dict[tuple[str, str], Ratio] = {}
    for (a, b), alpha in zip(pairs, threshold, strict=True):
        at = 1.0 - alpha if math.isfinite(alpha) else level
        ratio[a, b] = epochs_ratio(curves[a], curves[b], base, level=at, **given)
        ratio[b, a] = _reciprocal(ratio[a, b])
    p_holm = {k: float(q) for (a, b), q in zip(pairs, adjusted) for k in ((a, b), (b, a))}
    faster = {
        a: tuple(b for b in curves if b != a and _faster(ratio[a, b], p_holm[a, b], level))
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
