r"""Statistics over the R repeats (seeds) of a configuration, in NumPy and SciPy.

Every per-run array has the runs on one axis (axis 0 for ``History`` fields). A run
that diverged has NaN losses after its ``diverged_step``; such runs are left out:
select them with :func:`finite_runs`, and the functions below also treat any
non-finite value (NaN, ±inf) as missing (:func:`speedup` expects finite runs only).
"""

from __future__ import annotations

import math

import numpy as np
import scipy.stats


def finite_runs(diverged_step: np.ndarray) -> np.ndarray:
    """Boolean mask of the runs that never diverged (``diverged_step == -1``).

    Args:
      diverged_step: ``[R]`` first non-finite step of each run, ``-1`` if none.

    Returns:
      ``[R]`` mask; ``a[finite_runs(d)]`` keeps the non-diverged runs of ``a``.
    """
    return np.asarray(diverged_step) < 0


def _finite(a: np.ndarray) -> np.ndarray:
    """The finite entries of ``a``, flattened to 1-D floats."""
    a = np.asarray(a, dtype=float).ravel()
    return a[np.isfinite(a)]


def mean_ci(
    a: np.ndarray, axis: int = 0, level: float = 0.95
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Mean over runs with its Student-t confidence interval.

    Along ``axis``, with the n finite values :math:`x_1..x_n` at each position
    (NaN and ±inf are left out, position by position),

    .. math::

        \bar x = \frac1n \sum_i x_i, \qquad
        s^2 = \frac{1}{n-1} \sum_i (x_i - \bar x)^2, \qquad
        \bar x \pm t_{(1+\ell)/2,\, n-1} \frac{s}{\sqrt n},

    with the quantile t of Student's t distribution from ``scipy.stats.t``: the
    interval that covers the expected value of the quantity over seeds with
    probability ℓ (``level``) if the runs are independent and roughly normal. It
    measures the uncertainty of the *mean*, not the spread of single runs (that is
    √n times wider). With n = 1 there is no spread to measure and the interval
    collapses to the mean; with n = 0 all three are NaN.

    Args:
      a: values, with the runs on ``axis``.
      axis: the runs axis.
      level: confidence level ℓ in (0, 1).

    Returns:
      ``(mean, lo, hi)``, each of ``a``'s shape without ``axis``.
    """
    a = np.asarray(a, dtype=float)
    ok = np.isfinite(a)
    n = ok.sum(axis)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(ok, a, 0.0).sum(axis) / n
        dev = np.where(ok, a - np.expand_dims(mean, axis), 0.0)
        s = np.sqrt((dev**2).sum(axis) / (n - 1))
        half = scipy.stats.t.ppf(0.5 * (1.0 + level), n - 1) * s / np.sqrt(n)
    half = np.where(n >= 2, half, 0.0)
    return mean, mean - half, mean + half


def welch_t_test(a: np.ndarray, b: np.ndarray) -> tuple[float, float, float]:
    r"""Welch's two-sample t-test of equal means, unequal variances.

    ``scipy.stats.ttest_ind(a, b, equal_var=False)``: with sample means
    :math:`\bar a, \bar b`, variances :math:`s_a^2, s_b^2` (ddof = 1) and sizes
    :math:`n_a, n_b`, and :math:`v_a = s_a^2/n_a`, :math:`v_b = s_b^2/n_b`:

    .. math::

        t = \frac{\bar a - \bar b}{\sqrt{v_a + v_b}}, \qquad
        \nu = \frac{(v_a + v_b)^2}{v_a^2/(n_a - 1) + v_b^2/(n_b - 1)}, \qquad
        p = P(|T_\nu| > |t|).

    Args:
      a: first sample; non-finite values are dropped.
      b: second sample; likewise.

    Returns:
      ``(t, df, p)`` with the two-sided p-value; all NaN if both samples are
      constant (the statistic is undefined).

    Raises:
      ValueError: if a sample has fewer than 2 finite values.
    """
    a, b = _finite(a), _finite(b)
    if min(a.size, b.size) < 2:
        raise ValueError(f"need >= 2 finite values per sample, got {a.size} and {b.size}")
    if np.ptp(a) == np.ptp(b) == 0:
        return math.nan, math.nan, math.nan
    result = scipy.stats.ttest_ind(a, b, equal_var=False)
    return float(result.statistic), float(result.df), float(result.pvalue)


def _crossings(curves: np.ndarray, targets: np.ndarray, interpolate: bool) -> np.ndarray:
    """First epoch at which each curve is at or below its target; inf if never.

    Args:
      curves: ``[..., E]`` curves, epoch e at index e - 1; NaN never reaches.
      targets: ``[...]`` thresholds, one per curve (or broadcast to them).
      interpolate: as in :func:`epochs_to_target`.

    Returns:
      ``[...]`` epochs, as floats.
    """
    curves = np.asarray(curves, dtype=float)
    targets = np.asarray(targets, dtype=float)[..., None]
    hit = curves <= targets
    i = hit.argmax(-1)[..., None]  # The first hit; 0 if none.
    epoch = i + 1.0
    if interpolate:
        before = np.take_along_axis(curves, np.maximum(i - 1, 0), -1)
        after = np.take_along_axis(curves, i, -1)
        with np.errstate(invalid="ignore", divide="ignore"):
            between = i + (before - targets) / (before - after)
        epoch = np.where((i > 0) & np.isfinite(before), between, epoch)
    return np.where(hit.any(-1), epoch[..., 0], np.inf)


def epochs_to_target(
    mean_curve: np.ndarray, target: float, *, interpolate: bool = False
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

    Returns:
      The epoch as a float, or ``None`` if the curve never reaches ``target``.
    """
    epoch = float(_crossings(mean_curve, target, interpolate))
    return epoch if math.isfinite(epoch) else None


def _speedups(mean_curves: np.ndarray, baseline_means: np.ndarray) -> np.ndarray:
    """``[...]`` speed-ups of ``[..., E]`` mean curves over ``[..., E]`` baseline means.

    0 where a curve never reaches its baseline's final value.
    """
    target = baseline_means[..., -1]
    return _crossings(baseline_means, target, True) / _crossings(mean_curves, target, True)


def speedup(
    curves: np.ndarray,
    baseline: np.ndarray,
    *,
    level: float = 0.95,
    n_resamples: int = 9999,
    seed: int = 0,
) -> tuple[float, float, float]:
    r"""How many times sooner a configuration reaches the baseline's final mean loss.

    The target is the baseline's final mean loss :math:`L^\ast` (the mean over its
    seeds of the last epoch). With :math:`e(c)` the interpolated epoch at which a
    mean curve :math:`c` first reaches it (:func:`epochs_to_target` with
    ``interpolate=True``), the speed-up is :math:`e(\bar c_0) / e(\bar c)` for the
    baseline's and the configuration's mean curves :math:`\bar c_0, \bar c`: 2 if
    the configuration gets there in half the epochs.

    The interval is the percentile bootstrap over seeds (``scipy.stats.bootstrap``,
    ``method="percentile"``): each of ``n_resamples`` replicates resamples the
    configuration's and the baseline's seeds independently, with replacement (the
    seeds are unpaired), recomputes both mean curves, the target and the
    speed-up, which is 0 (infinitely slow) when the resampled configuration never
    reaches the target; the endpoints are the :math:`(1 \mp \ell)/2` quantiles of
    the replicates.

    Args:
      curves: ``[R, E]`` per-seed loss per epoch of the configuration (epoch e at
        index e - 1), its non-diverged seeds only (see :func:`finite_runs`).
      baseline: ``[R0, E]`` the same for the baseline.
      level: confidence level ℓ in (0, 1).
      n_resamples: number of bootstrap replicates.
      seed: seed of the ``numpy.random.default_rng`` that draws them; the result is
        a deterministic function of the inputs and the seed.

    Returns:
      ``(point, lo, hi)``: ``point`` is NaN if the configuration's mean curve never
      reaches the target; ``lo`` and ``hi`` are NaN if either sample has fewer than
      2 seeds.
    """
    curves, baseline = np.asarray(curves, dtype=float), np.asarray(baseline, dtype=float)
    point = float(_speedups(curves.mean(0), baseline.mean(0)))
    point = point if point > 0 else math.nan
    if min(len(curves), len(baseline)) < 2:
        return point, math.nan, math.nan

    def statistic(i: np.ndarray, j: np.ndarray, axis: int = -1) -> np.ndarray:
        """Speed-ups for ``[..., R]`` and ``[..., R0]`` resampled seed indices."""
        del axis  # Always the last: the seeds.
        return _speedups(curves[i].mean(-2), baseline[j].mean(-2))

    interval = scipy.stats.bootstrap(
        (np.arange(len(curves)), np.arange(len(baseline))),
        statistic,
        n_resamples=n_resamples,
        vectorized=True,
        confidence_level=level,
        method="percentile",
        rng=np.random.default_rng(seed),
    ).confidence_interval
    return point, float(interval.low), float(interval.high)
