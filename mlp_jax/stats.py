r"""Statistics over the R repeats (seeds) of a configuration, in NumPy.

Every per-run array has the runs on one axis (axis 0 for ``History`` fields). A run
that diverged has NaN losses after its ``diverged_step``; such runs are left out:
select them with :func:`finite_runs`, and the functions below also treat any
non-finite value (NaN, ±inf) as missing.

The Student t distribution is computed here from the regularized incomplete beta
function :math:`I_x(a, b)`, evaluated by its continued fraction, so the library
needs no SciPy. With :math:`T \sim t_\nu`,

.. math::

    P(|T| > t) = I_{\nu/(\nu + t^2)}(\nu/2, 1/2) = 1 - I_{t^2/(\nu + t^2)}(1/2, \nu/2).
"""

from __future__ import annotations

import functools
import itertools
import math

import numpy as np

_EPS = 1e-15
_TINY = 1e-300
_MAX_TERMS = 10_000


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


def _cf_terms(a: float, b: float, x: float):
    """Partial numerators d_m of I_x(a, b)'s continued fraction (DLMF 8.17.22)."""
    yield 1.0
    for m in itertools.count(1):
        k = m // 2
        if m % 2:
            yield -(a + k) * (a + b + k) * x / ((a + 2 * k) * (a + 2 * k + 1))
        else:
            yield k * (b - k) * x / ((a + 2 * k - 1) * (a + 2 * k))


def _betainc(a: float, b: float, x: float) -> float:
    r"""Regularized incomplete beta :math:`I_x(a, b)`.

    .. math::

        I_x(a, b) = \frac{x^a (1-x)^b}{a\,B(a, b)}
        \cfrac{1}{1 + \cfrac{d_1}{1 + \cfrac{d_2}{1 + \cdots}}}

    evaluated by the modified Lentz algorithm. The fraction converges fast for
    :math:`x < (a+1)/(a+b+2)`; above, :math:`I_x(a, b) = 1 - I_{1-x}(b, a)`.
    """
    if math.isnan(x):
        return math.nan
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    if x > (a + 1.0) / (a + b + 2.0):
        return 1.0 - _betainc(b, a, 1.0 - x)
    log_beta = math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)
    front = math.exp(a * math.log(x) + b * math.log1p(-x) - math.log(a) - log_beta)
    f, c, d = _TINY, _TINY, 0.0
    for term in itertools.islice(_cf_terms(a, b, x), _MAX_TERMS):
        d = 1.0 + term * d
        d = 1.0 / (d if abs(d) > _TINY else _TINY)
        c = 1.0 + term / c
        c = c if abs(c) > _TINY else _TINY
        f *= c * d
        if abs(c * d - 1.0) < _EPS:
            return front * f
    raise ArithmeticError(f"incomplete beta I_{x}({a}, {b}) did not converge")


def _t_split(t: float, df: float) -> tuple[float, float]:
    r""":math:`(P(|T| \le |t|), P(|T| > |t|))` for :math:`T \sim t_\nu`.

    For :math:`|t| < 1` the first is computed directly,
    :math:`I_{t^2/(\nu+t^2)}(1/2, \nu/2)`, else the second,
    :math:`I_{\nu/(\nu+t^2)}(\nu/2, 1/2)`; the other is its complement, which
    is then at least about 0.3, so both keep full relative precision.
    """
    t2 = t * t
    if t2 < 1.0:
        inside = _betainc(0.5, 0.5 * df, t2 / (df + t2))
        return inside, 1.0 - inside
    outside = _betainc(0.5 * df, 0.5, df / (df + t2))
    return 1.0 - outside, outside


def t_cdf(t: float, df: float) -> float:
    r"""Cumulative distribution function of Student's t with ``df`` degrees of freedom.

    .. math::

        F_\nu(t) = \tfrac12 + \tfrac12 P(|T| \le t) \quad (t \ge 0), \qquad
        F_\nu(t) = \tfrac12 P(|T| > |t|) \quad (t < 0).

    Args:
      t: point at which to evaluate.
      df: degrees of freedom ν > 0 (need not be an integer).
    """
    inside, outside = _t_split(t, df)
    return 0.5 + 0.5 * inside if t >= 0 else 0.5 * outside


def _t_pdf(t: float, df: float) -> float:
    r"""Density :math:`\Gamma(\frac{\nu+1}{2}) / (\Gamma(\frac\nu2)\sqrt{\nu\pi})
    \, (1 + t^2/\nu)^{-(\nu+1)/2}`."""
    log_norm = math.lgamma(0.5 * (df + 1)) - math.lgamma(0.5 * df) - 0.5 * math.log(df * math.pi)
    return math.exp(log_norm - 0.5 * (df + 1) * math.log1p(t * t / df))


@functools.lru_cache(maxsize=512)
def t_quantile(q: float, df: float) -> float:
    r"""Quantile :math:`t_{q,\nu} = F_\nu^{-1}(q)` of Student's t distribution.

    By symmetry :math:`t_q = \operatorname{sign}(q - \tfrac12)\, x` where x ≥ 0
    solves :math:`P(|T| \le x) = |2q - 1|`, equivalently
    :math:`P(|T| > x) = 2\min(q, 1-q)` (whichever side is smaller is matched, for
    precision in both tails). The root is found by Newton's method (derivative
    :math:`2 f_\nu(x)`, the density), safeguarded by bisection inside a bracket
    found by doubling.

    Args:
      q: probability in [0, 1]; 0 and 1 give ∓inf.
      df: degrees of freedom ν > 0 (need not be an integer).

    Raises:
      ValueError: if q is outside [0, 1] or df ≤ 0.
    """
    if not 0.0 <= q <= 1.0 or not df > 0:
        raise ValueError(f"need 0 <= q <= 1 and df > 0, got q={q}, df={df}")
    sign = math.copysign(1.0, q - 0.5)
    central, tail = abs(1.0 - 2.0 * q), 2.0 * min(q, 1.0 - q)
    if central == 0.0 or tail == 0.0:
        return sign * (0.0 if central == 0.0 else math.inf)

    def excess(x: float) -> float:  # Increasing in x, zero at the root.
        inside, outside = _t_split(x, df)
        return inside - central if central < tail else tail - outside

    lo, hi = 0.0, 1.0
    while excess(hi) < 0:
        lo, hi = hi, 2.0 * hi
    x = 0.5 * (lo + hi)
    for _ in range(200):
        e = excess(x)
        if e == 0.0:
            break
        lo, hi = (x, hi) if e < 0 else (lo, x)
        new = x - e / (2.0 * _t_pdf(x, df))
        new = new if lo < new < hi else 0.5 * (lo + hi)
        converged = abs(new - x) <= 4 * _EPS * new
        x = new
        if converged:
            break
    return sign * x


def _t_factor(n: int, level: float) -> float:
    """Half-width multiplier t_{(1+level)/2, n-1}; 0 when n < 2 (no spread to measure)."""
    return t_quantile(0.5 * (1.0 + level), n - 1) if n >= 2 else 0.0


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

    the interval that covers the expected value of the quantity over seeds with
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
    factor = np.vectorize(_t_factor, otypes=[float])(n, level)
    half = np.where(n >= 2, factor * s / np.sqrt(np.maximum(n, 1)), 0.0)
    return mean, mean - half, mean + half


def welch_t_test(a: np.ndarray, b: np.ndarray) -> tuple[float, float, float]:
    r"""Welch's two-sample t-test of equal means, unequal variances.

    With sample means :math:`\bar a, \bar b`, variances :math:`s_a^2, s_b^2`
    (ddof = 1) and sizes :math:`n_a, n_b`, and :math:`v_a = s_a^2/n_a`,
    :math:`v_b = s_b^2/n_b`:

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
    va, vb = a.var(ddof=1) / a.size, b.var(ddof=1) / b.size
    if va + vb == 0:
        return math.nan, math.nan, math.nan
    t = float((a.mean() - b.mean()) / math.sqrt(va + vb))
    df = float((va + vb) ** 2 / (va**2 / (a.size - 1) + vb**2 / (b.size - 1)))
    return t, df, _t_split(t, df)[1]


def bootstrap_diff_ci(
    a: np.ndarray,
    b: np.ndarray,
    level: float = 0.95,
    n_boot: int = 10_000,
    seed: int = 0,
) -> tuple[float, float]:
    r"""Percentile-bootstrap confidence interval of :math:`\bar a - \bar b`.

    Each of ``n_boot`` replicates resamples a and b independently with replacement
    (same sizes) and takes :math:`\bar a^* - \bar b^*`; the interval is the
    :math:`(1-\ell)/2` and :math:`(1+\ell)/2` quantiles of the replicates. The
    samples are treated as unpaired.

    Args:
      a: first sample; non-finite values are dropped.
      b: second sample; likewise.
      level: confidence level ℓ in (0, 1).
      n_boot: number of bootstrap replicates.
      seed: seed of the ``numpy.random.default_rng`` that draws them; the result is
        a deterministic function of the inputs and the seed.

    Returns:
      ``(lo, hi)``.

    Raises:
      ValueError: if a sample has no finite value.
    """
    a, b = _finite(a), _finite(b)
    if min(a.size, b.size) < 1:
        raise ValueError("need >= 1 finite value per sample")
    rng = np.random.default_rng(seed)

    def resampled_means(x: np.ndarray) -> np.ndarray:
        return x[rng.integers(0, x.size, size=(n_boot, x.size))].mean(axis=1)

    diffs = resampled_means(a) - resampled_means(b)
    lo, hi = np.quantile(diffs, [0.5 * (1.0 - level), 0.5 * (1.0 + level)])
    return float(lo), float(hi)


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
    curve = np.asarray(mean_curve, dtype=float)
    hits = np.flatnonzero(curve <= target)
    if hits.size == 0:
        return None
    i = int(hits[0])
    epoch = float(i + 1)
    if not interpolate or i == 0 or not np.isfinite(curve[i - 1]):
        return epoch
    before, after = curve[i - 1], curve[i]
    return epoch - 1.0 + float((before - target) / (before - after))
