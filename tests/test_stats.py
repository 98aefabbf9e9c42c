"""Statistics against SciPy (an independent reference, used by the tests only)."""

import math

import numpy as np
import pytest
import scipy.stats

from mlp_jax import stats

DFS = [1, 2, 5, 9, 30, 200, 3.7]  # 3.7: Welch degrees of freedom are not integers.
QS = [1e-9, 1e-4, 0.01, 0.025, 0.05, 0.2, 0.5, 0.7, 0.9, 0.95, 0.975, 0.995, 0.9999, 1 - 1e-9]
TS = [-1e4, -30.0, -4.0, -1.0, -0.3, -1e-6, 0.0, 1e-6, 0.5, 0.999, 1.0, 2.26, 7.0, 1e3]


@pytest.mark.parametrize("df", DFS)
def test_t_quantile_matches_scipy(df):
    got = [stats.t_quantile(q, df) for q in QS]
    np.testing.assert_allclose(got, scipy.stats.t.ppf(QS, df), rtol=1e-9, atol=1e-300)


@pytest.mark.parametrize("df", DFS)
def test_t_cdf_matches_scipy(df):
    got = [stats.t_cdf(t, df) for t in TS]
    np.testing.assert_allclose(got, scipy.stats.t.cdf(TS, df), rtol=1e-10)


@pytest.mark.parametrize("q", [1e-6, 0.3, 0.5 + 1e-12, 0.99])
def test_t_quantile_cauchy_closed_form(q):
    # t_1 is the Cauchy distribution: F^{-1}(q) = tan(π(q − ½)) = −cot(πq).
    assert stats.t_quantile(q, 1) == pytest.approx(-1.0 / math.tan(math.pi * q), rel=1e-10)


@pytest.mark.parametrize("df", [1, 9, 200])
def test_t_quantile_inverts_cdf(df):
    for q in QS:
        assert stats.t_cdf(stats.t_quantile(q, df), df) == pytest.approx(q, rel=1e-9)


def test_t_quantile_edges():
    assert stats.t_quantile(0.5, 4) == 0.0
    assert stats.t_quantile(0.0, 4) == -math.inf
    assert stats.t_quantile(1.0, 4) == math.inf
    with pytest.raises(ValueError):
        stats.t_quantile(1.5, 4)
    with pytest.raises(ValueError):
        stats.t_quantile(0.5, 0)


def test_finite_runs():
    mask = stats.finite_runs(np.array([-1, 17, -1, 0]))
    np.testing.assert_array_equal(mask, [True, False, True, False])


def _scipy_ci(column, level):
    column = column[np.isfinite(column)]
    n = column.size
    if n < 2:
        return (column.mean(),) * 3 if n else (np.nan,) * 3
    lo, hi = scipy.stats.t.interval(level, n - 1, loc=column.mean(), scale=scipy.stats.sem(column))
    return column.mean(), lo, hi


@pytest.mark.parametrize("level", [0.95, 0.8])
def test_mean_ci_matches_scipy_with_nans(level):
    a = np.random.default_rng(0).normal(2.0, 0.5, size=(10, 6))
    a[3, 1] = np.nan  # One missing run.
    a[:8, 2] = np.nan  # Two runs left.
    a[1:, 3] = np.nan  # One run left: the band collapses.
    a[:, 4] = np.nan  # None left.
    a[5, 5] = np.inf  # Non-finite counts as missing.
    mean, lo, hi = stats.mean_ci(a, axis=0, level=level)
    want = np.array([_scipy_ci(a[:, j], level) for j in range(a.shape[1])]).T
    np.testing.assert_allclose(np.array([mean, lo, hi]), want, rtol=1e-12)
    assert lo[3] == mean[3] == hi[3]


def test_mean_ci_axis_and_scalar():
    a = np.random.default_rng(1).normal(size=(4, 7))
    for got, want in zip(stats.mean_ci(a.T, axis=1), stats.mean_ci(a, axis=0), strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-12)
    mean, lo, hi = stats.mean_ci(a[:, 0])
    assert np.ndim(mean) == 0 and lo < mean < hi


@pytest.mark.parametrize(("na", "nb", "sa", "sb"), [(10, 10, 1.0, 1.0), (5, 23, 0.3, 2.0)])
def test_welch_matches_scipy(na, nb, sa, sb):
    rng = np.random.default_rng(na + nb)
    a, b = rng.normal(0.4, sa, na), rng.normal(0.0, sb, nb)
    t, df, p = stats.welch_t_test(a, b)
    want = scipy.stats.ttest_ind(a, b, equal_var=False)
    assert t == pytest.approx(want.statistic, rel=1e-12)
    assert df == pytest.approx(want.df, rel=1e-12)
    assert p == pytest.approx(want.pvalue, rel=1e-9)


def test_welch_drops_nans_and_needs_two_values():
    rng = np.random.default_rng(3)
    a, b = rng.normal(size=8), rng.normal(1.0, 1.0, 6)
    with_nans = stats.welch_t_test(np.append(a, [np.nan, np.nan]), np.append(b, np.nan))
    assert with_nans == pytest.approx(stats.welch_t_test(a, b), rel=1e-14)
    with pytest.raises(ValueError):
        stats.welch_t_test([1.0, np.nan], b)
    assert all(math.isnan(v) for v in stats.welch_t_test([1.0, 1.0], [2.0, 2.0]))


def test_bootstrap_covers_true_difference_and_agrees_with_scipy():
    rng = np.random.default_rng(4)
    a, b = rng.normal(1.0, 1.0, 200), rng.normal(0.0, 1.0, 150)
    lo, hi = stats.bootstrap_diff_ci(a, b, seed=0)
    assert lo < 1.0 < hi
    want = scipy.stats.bootstrap(
        (a, b),
        lambda x, y, axis: x.mean(axis) - y.mean(axis),
        method="percentile",
        n_resamples=10_000,
        rng=np.random.default_rng(1),
    ).confidence_interval
    # Different random draws: the endpoints agree to Monte Carlo error.
    assert (lo, hi) == pytest.approx((want.low, want.high), abs=0.02)
    assert hi - lo == pytest.approx(2 * 1.96 * math.sqrt(1 / 200 + 1 / 150), rel=0.1)


def test_bootstrap_is_deterministic_and_drops_nans():
    rng = np.random.default_rng(5)
    a, b = rng.normal(size=10), rng.normal(size=10)
    first = stats.bootstrap_diff_ci(a, b, n_boot=2000, seed=7)
    assert stats.bootstrap_diff_ci(a, b, n_boot=2000, seed=7) == first
    assert stats.bootstrap_diff_ci(a, b, n_boot=2000, seed=8) != first
    assert stats.bootstrap_diff_ci(np.append(a, np.nan), b, n_boot=2000, seed=7) == first
    with pytest.raises(ValueError):
        stats.bootstrap_diff_ci([np.nan], b)


def test_epochs_to_target():
    curve = np.array([2.0, 1.0, 0.6, 0.2, 0.1])
    assert stats.epochs_to_target(curve, 0.6) == 3.0
    assert stats.epochs_to_target(curve, 0.5) == 4.0
    assert stats.epochs_to_target(curve, 5.0) == 1.0
    assert stats.epochs_to_target(curve, 0.05) is None
    assert stats.epochs_to_target(curve, 0.4, interpolate=True) == pytest.approx(3.5)
    assert stats.epochs_to_target(curve, 3.0, interpolate=True) == 1.0
    assert stats.epochs_to_target([np.nan, np.nan, 0.3], 0.5, interpolate=True) == 3.0
    assert stats.epochs_to_target([np.nan, np.nan], 0.5) is None
