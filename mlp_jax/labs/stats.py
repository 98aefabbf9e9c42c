r"""Statistics over the R repeats (seeds) of a configuration, in NumPy and SciPy.

Every per-run array has the runs on one axis (axis 0 for ``History`` fields). A run
that diverged has NaN losses after its ``diverged_step``; such runs are left out:
select them with :func:`finite_runs`, and the functions below also treat any
non-finite value (NaN, ±inf) as missing.

Comparisons inside one experiment are *paired*: seed s gives every configuration the
same initial key and minibatch order, so row s of each array is the same seed.
:func:`t_test` tests the per-seed differences; a seed that diverged anywhere drops out
of the pairs it belongs to (``n_used``). ``paired=False`` gives Welch's test for seeds
that do not match. :func:`holm` adjusts a family of p-values, :func:`ill_defined_target`
says when the baseline learns too little for its final loss to be a target. Time to a
target, speed-ups and ranks are ``pace``'s. Everything is computed in float64.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

# scipy.stats is imported where it is used: it is half of a CLI's start-up (about 2 s of
# CPU), which a run that stops at a flag, a signal or an error never needs.


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
    import scipy.stats  # Here, not at the top (see the imports).

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
    import scipy.stats  # Here, not at the top (see the imports).

    result = scipy.stats.ttest_ind(a, b, equal_var=False)
    return float(result.statistic), float(result.df), float(result.pvalue)


@dataclass(frozen=True)
class TTest:
    """A two-sided t-test of equal means.

    Attributes:
      statistic: t (NaN when there is no test).
      df: its degrees of freedom.
      p: the two-sided p-value.
      method: ``"paired"`` (Student's t on the per-seed differences) or
        ``"welch"`` (unequal variances, unpaired).
      n_used: the pairs (paired) or the smaller sample's finite values (Welch);
        no test when below 2.
      difference: mean of ``a`` minus mean of ``b`` over the values used (float64;
        NaN when a side has none).
    """

    statistic: float
    df: float
    p: float
    method: Literal["paired", "welch"]
    n_used: int
    difference: float


def t_test(a: np.ndarray, b: np.ndarray, *, paired: bool) -> TTest:
    r"""Paired or Welch t-test of equal means, in float64.

    Paired (``scipy.stats.ttest_rel``): with the n per-seed differences
    :math:`d_s = a_s - b_s` of the seeds where both are finite,
    :math:`t = \bar d / (s_d / \sqrt n)` on n - 1 degrees of freedom; a seed that
    diverged in either configuration drops out of its pair. Welch: as
    :func:`welch_t_test`, non-finite values dropped on each side.

    Args:
      a: ``[R]`` a final value per seed (e.g. training loss, test accuracy).
      b: the same for the other configuration; ``[R]`` too when paired.
      paired: whether entry s of ``a`` and ``b`` come from the same seed.

    Returns:
      A :class:`TTest`. With fewer than 2 values used (pairs, or on a side), or
      when the statistic is undefined (every difference equal up to float32
      rounding, :data:`DEGENERATE_ULPS`, or both samples constant), ``statistic``,
      ``df`` and ``p`` are NaN: no test.

    Raises:
      ValueError: ``paired`` with ``a`` and ``b`` of different lengths.
    """
    a, b = np.asarray(a, dtype=np.float64).ravel(), np.asarray(b, dtype=np.float64).ravel()
    if paired:
        if a.size != b.size:
            raise ValueError(f"paired samples need the same seeds, got {a.size} and {b.size}")
        keep = np.isfinite(a) & np.isfinite(b)
        a, b = a[keep], b[keep]
    else:
        a, b = _finite(a), _finite(b)
    n = min(a.size, b.size)
    difference = float(a.mean() - b.mean()) if n else math.nan
    none = TTest(math.nan, math.nan, math.nan, "paired" if paired else "welch", n, difference)
    if n < 2:
        return none
    if not paired:
        return dataclasses.replace(none, **dict(zip(("statistic", "df", "p"), welch_t_test(a, b))))
    if _constant(a - b, np.abs(np.concatenate([a, b])).max()):
        return none
    import scipy.stats  # Here, not at the top (see the imports).

    result = scipy.stats.ttest_rel(a, b)
    return dataclasses.replace(
        none, statistic=float(result.statistic), df=float(result.df), p=float(result.pvalue)
    )


DEGENERATE_ULPS = 8
"""Per-seed differences that vary by at most this many float32 units in the last place
of the values' magnitude are equal: the values come from float32 training, so such
variation is rounding, not spread (scipy would divide by it and warn of precision
loss)."""


def _constant(d: np.ndarray, scale: float) -> bool:
    """Whether the differences ``d`` are all equal up to float32 rounding of values of
    magnitude ``scale``."""
    return bool(np.ptp(d) <= DEGENERATE_ULPS * np.finfo(np.float32).eps * scale)


def holm(p: Sequence[float] | np.ndarray) -> np.ndarray:
    r"""Holm's step-down adjusted p-values (family-wise error rate).

    With the m finite p-values sorted, :math:`p_{(1)} \le \dots \le p_{(m)}`,

    .. math::

        \tilde p_{(i)} = \max_{j \le i} \min\bigl(1, (m - j + 1)\, p_{(j)}\bigr),

    so :math:`\tilde p_{(i)} \le \alpha` exactly when Holm's procedure at level α
    rejects :math:`H_{(i)}` (every :math:`p_{(j)} \le \alpha / (m - j + 1)`,
    j ≤ i). The adjusted values are monotone in the raw ones and at most 1.

    Args:
      p: raw p-values of one family; NaN (no test) is not counted in m and stays NaN.

    Returns:
      The adjusted values, float64, in ``p``'s shape and order.
    """
    raw = np.asarray(p, dtype=np.float64)
    flat = raw.ravel()
    order = np.flatnonzero(np.isfinite(flat))
    order = order[np.argsort(flat[order], kind="stable")]
    m = order.size
    adjusted = np.full(flat.shape, np.nan)
    scaled = np.minimum(1.0, (m - np.arange(m)) * flat[order])
    adjusted[order] = np.maximum.accumulate(scaled)
    return adjusted.reshape(raw.shape)


def holm_thresholds(p: Sequence[float] | np.ndarray, alpha: float) -> np.ndarray:
    r"""The threshold Holm's step-down procedure at level ``alpha`` sets for each p-value
    of one family, for the interval that inverts its test.

    With the m finite p-values sorted, :math:`p_{(1)} \le \dots \le p_{(m)}`, and k the
    first step whose :math:`(m - k + 1)\, p_{(k)} \ge \alpha` (the procedure stops there;
    k = m + 1 when it never does), :math:`H_{(i)}` gets :math:`\alpha / (m - i + 1)` for
    i < k and :math:`\alpha / (m - k + 1)` from k on. So :math:`p_{(i)}` is below its
    threshold exactly when :func:`holm`'s adjusted value is below α: an interval of the
    ratios a test keeps at this threshold excludes the null value exactly when Holm
    rejects it. Every threshold is at most α, so each interval covers with probability
    at least 1 − α (not simultaneously). Tied p-values share the first one's (smallest)
    threshold, so no interval's level depends on the order the pairs are listed in; Holm
    rejects all of a tie or none, so the decisions are the same.

    Args:
      p: raw p-values of one family; NaN (no test) is not counted in m and stays NaN.
      alpha: the family-wise level.

    Returns:
      The thresholds, float64, in ``p``'s shape and order.
    """
    raw = np.asarray(p, dtype=np.float64)
    flat = raw.ravel()
    order = np.flatnonzero(np.isfinite(flat))
    order = order[np.argsort(flat[order], kind="stable")]
    m = order.size
    left = m - np.arange(m)
    stops = np.flatnonzero(left * flat[order] >= alpha)
    k = stops[0] if stops.size else m
    step = alpha / np.where(np.arange(m) < k, left, m - k)
    tie = np.searchsorted(flat[order], flat[order], side="left")  # Each tie's first step.
    thresholds = np.full(flat.shape, np.nan)
    thresholds[order] = step[tie]
    return thresholds.reshape(raw.shape)


CHANCE_FACTOR = 1.5
"""A mean accuracy at most ``CHANCE_FACTOR / K`` is at chance level for K classes (see
:func:`ill_defined_target`)."""


@dataclass(frozen=True)
class IllDefinedTarget:
    """Why the baseline's final mean loss is no target to measure speed against.

    Attributes:
      reason: ``"no_run"``: every baseline run diverged; ``"chance"``: its final
        mean accuracy is at chance level; ``"no_fall"``: its mean loss fell from
        the first epoch to the last by no more than the seed-to-seed spread;
        ``"above_uniform"``: its final mean loss is at least ln K, a uniform
        guess's; ``"above_start"``: at least a configuration's initial loss
        (``start``), which then "reaches" the target before it learns.
      first: the baseline's mean training loss after the first epoch (float64).
      final: after the last epoch.
      spread: standard deviation over seeds (ddof 1) of the final loss; 0 with
        one run.
      accuracy: the mean final accuracy (NaN when not given).
      chance: ``1 / K``, the accuracy of a uniform guess over the K classes.
      n_used: the baseline's runs that did not diverge.
      start: the lowest initial loss of the configurations compared (NaN unless given).
      start_config: the configuration with that initial loss ("" unless given).
    """

    reason: Literal["no_run", "chance", "no_fall", "above_uniform", "above_start"]
    first: float
    final: float
    spread: float
    accuracy: float
    chance: float
    n_used: int
    start: float = math.nan
    start_config: str = ""


def ill_defined_target(
    loss: np.ndarray,
    accuracy: np.ndarray | None = None,
    *,
    n_classes: int = 10,
    starts: Mapping[str, float] | None = None,
) -> IllDefinedTarget | None:
    r"""Whether the baseline learns too little for its final loss to be a target.

    With the baseline's mean training loss :math:`\bar L_1` after the first epoch
    and :math:`\bar L_E` after the last, :math:`s` the standard deviation over
    seeds of the final loss and :math:`\bar a` the mean final accuracy, the
    target is ill-defined when (in this order)

    - no run is left (every one diverged): ``"no_run"``;
    - :math:`\bar a \le f / K` with f = :data:`CHANCE_FACTOR`: the model guesses,
      ``"chance"``. Accuracy, not loss: with N(0, 1) weights a model that learns
      can sit above the uniform guess's loss ln K for epochs (lab 6 relu adadelta
      on the MNIST sample: loss 2.38 > ln 10 = 2.30 at 88% training accuracy);
    - :math:`\bar L_1 - \bar L_E \le s`: the curve did not fall beyond the noise
      between seeds, ``"no_fall"``; it reaches its own final value early and any
      configuration that learns looks "later" than it;
    - :math:`\bar L_E \ge \ln K`: the target is no better than a uniform guess,
      ``"above_uniform"`` (a speed-up to it would be vacuous);
    - :math:`\bar L_E \ge` the lowest of ``starts``: some configuration is at the
      target before it has learned anything, ``"above_start"``.

    Args:
      loss: ``[R, E]`` the baseline's per-seed training loss per epoch; runs with
        a non-finite value (diverged) are left out, with their accuracy.
      accuracy: ``[R]`` its final accuracy per seed (training accuracy keeps the
        test set out of the decision); without it the chance rule is skipped.
      n_classes: K, the number of classes.
      starts: configuration → its mean initial loss (the loss of its first steps).

    Returns:
      An :class:`IllDefinedTarget` with the reason and its numbers, or None when
      the target is well defined.
    """
    loss = np.asarray(loss, dtype=np.float64)
    ok = np.isfinite(loss).all(-1)
    n, chance = int(ok.sum()), 1.0 / n_classes
    acc = (
        math.nan
        if accuracy is None or not n
        else float(np.mean(accuracy, dtype=np.float64, where=ok))
    )
    if n == 0:
        return IllDefinedTarget("no_run", math.nan, math.nan, math.nan, acc, chance, 0)
    first, final = (float(v) for v in loss[ok][:, [0, -1]].mean(0))
    spread = float(loss[ok, -1].std(ddof=1)) if n > 1 else 0.0
    values = (first, final, spread, acc, chance, n)
    if acc <= CHANCE_FACTOR * chance:
        return IllDefinedTarget("chance", *values)
    if first - final <= spread:
        return IllDefinedTarget("no_fall", *values)
    if final >= math.log(n_classes):
        return IllDefinedTarget("above_uniform", *values)
    lowest = min((starts or {}).items(), key=lambda item: item[1], default=("", math.inf))
    if final >= lowest[1]:
        return IllDefinedTarget("above_start", *values, lowest[1], lowest[0])
    return None
