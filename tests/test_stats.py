"""Statistics against NumPy transcriptions of their formulas, textbook values and
closed forms (SciPy, which the module uses, serves only as a generic integrator)."""

import math

import numpy as np
import pytest
import scipy.integrate

from mlp_jax import stats

# Two-sided Student-t table: t_{q, df} for q = (1 + level)/2.
T_TABLE = {
    (0.95, 9): 2.262157,
    (0.95, 4): 2.776445,
    (0.95, 1): 12.706205,
    (0.8, 9): 1.383029,
    (0.8, 4): 1.533206,
    (0.8, 1): 3.077684,
}


def test_finite_runs():
    mask = stats.finite_runs(np.array([-1, 17, -1, 0]))
    np.testing.assert_array_equal(mask, [True, False, True, False])


@pytest.mark.parametrize("level", [0.95, 0.8])
def test_mean_ci_textbook_t_values_with_missing_runs(level):
    a = np.random.default_rng(0).normal(2.0, 0.5, size=(10, 5))
    a[[1, 4, 6, 8, 9], 1] = [np.nan, np.inf, -np.inf, np.nan, np.nan]  # 5 runs left.
    a[2:, 2] = np.nan  # 2 runs left.
    a[1:, 3] = np.nan  # 1 run left: the band collapses.
    a[:, 4] = np.nan  # None left.
    mean, lo, hi = stats.mean_ci(a, axis=0, level=level)
    for j, n in enumerate([10, 5, 2]):
        x = a[np.isfinite(a[:, j]), j]
        assert x.size == n
        m = x.sum() / n
        s = math.sqrt(((x - m) ** 2).sum() / (n - 1))
        half = T_TABLE[level, n - 1] * s / math.sqrt(n)
        assert mean[j] == pytest.approx(m, rel=1e-12)
        assert (hi[j] - mean[j], mean[j] - lo[j]) == pytest.approx((half, half), rel=1e-6)
    assert lo[3] == mean[3] == hi[3] == a[0, 3]
    assert np.isnan([mean[4], lo[4], hi[4]]).all()


def test_mean_ci_constant_runs_have_no_width():
    mean, lo, hi = stats.mean_ci(np.full((4, 3), 0.25))
    np.testing.assert_array_equal([mean, lo, hi], np.full((3, 3), 0.25))


def test_mean_ci_axis_and_scalar():
    a = np.random.default_rng(1).normal(size=(4, 7))
    for got, want in zip(stats.mean_ci(a.T, axis=1), stats.mean_ci(a, axis=0), strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-12)
    mean, lo, hi = stats.mean_ci(a[:, 0])
    assert np.ndim(mean) == 0 and lo < mean < hi


def t_density(x, df):
    """Student's t density, transcribed."""
    norm = math.gamma((df + 1) / 2) / (math.gamma(df / 2) * math.sqrt(df * math.pi))
    return norm * (1 + x * x / df) ** (-(df + 1) / 2)


def two_sided_p(t, df):
    """P(|T_df| > |t|), integrating the density."""
    return 2 * scipy.integrate.quad(t_density, abs(t), math.inf, args=(df,), epsabs=0)[0]


WELCH_DF_RATIONAL = (13 / 6) ** 2 / ((1 / 2) ** 2 / 4 + (5 / 3) ** 2 / 3)
WELCH_CASES = [
    # Equal sizes and variances, df = 2(n - 1) = 2: P(|T_2| > t) = 1 - t / sqrt(2 + t²).
    ([0.0, 2.0], [3.0, 5.0], -3 / math.sqrt(2), 2.0, 1 - 3 / math.sqrt(2) / math.sqrt(6.5)),
    # b constant and n_a = 2, df = 1: Cauchy, P(|T_1| > t) = 1 - 2 arctan(t) / π.
    ([0.0, 2.0], [5.0, 5.0, 5.0], -4.0, 1.0, 1 - 2 * math.atan(4) / math.pi),
    # v_a = 2.5/5 = 1/2, v_b = (20/3)/4 = 5/3: a non-integer df.
    (
        [1.0, 2.0, 3.0, 4.0, 5.0],
        [2.0, 4.0, 6.0, 8.0],
        -2 / math.sqrt(13 / 6),
        WELCH_DF_RATIONAL,
        two_sided_p(-2 / math.sqrt(13 / 6), WELCH_DF_RATIONAL),
    ),
]


@pytest.mark.parametrize(("a", "b", "t", "df", "p"), WELCH_CASES)
@pytest.mark.filterwarnings("ignore:Precision loss:RuntimeWarning")  # SciPy, on constant b.
def test_welch_hand_computed(a, b, t, df, p):
    got_t, got_df, got_p = stats.welch_t_test(a, b)
    assert (got_t, got_df) == pytest.approx((t, df), rel=1e-12)
    assert got_p == pytest.approx(p, rel=1e-9)
    assert p == pytest.approx(two_sided_p(t, df), rel=1e-9)  # The closed forms, checked.


@pytest.mark.parametrize(("na", "nb", "sa", "sb"), [(10, 10, 1.0, 1.0), (5, 23, 0.3, 2.0)])
def test_welch_matches_formulas(na, nb, sa, sb):
    rng = np.random.default_rng(na + nb)
    a, b = rng.normal(0.4, sa, na), rng.normal(0.0, sb, nb)
    va = ((a - a.sum() / na) ** 2).sum() / (na - 1) / na
    vb = ((b - b.sum() / nb) ** 2).sum() / (nb - 1) / nb
    t = (a.sum() / na - b.sum() / nb) / math.sqrt(va + vb)
    df = (va + vb) ** 2 / (va**2 / (na - 1) + vb**2 / (nb - 1))
    assert stats.welch_t_test(a, b) == pytest.approx((t, df, two_sided_p(t, df)), rel=1e-9)


def test_welch_drops_nans_and_needs_two_values():
    rng = np.random.default_rng(3)
    a, b = rng.normal(size=8), rng.normal(1.0, 1.0, 6)
    with_nans = stats.welch_t_test(np.append(a, [np.nan, np.inf]), np.append(b, np.nan))
    assert with_nans == pytest.approx(stats.welch_t_test(a, b), rel=1e-14)
    with pytest.raises(ValueError):
        stats.welch_t_test([1.0, np.nan], b)
    assert all(math.isnan(v) for v in stats.welch_t_test([1.0, 1.0], [1.0, 1.0]))
    assert all(math.isnan(v) for v in stats.welch_t_test([1.0, 1.0], [2.0, 2.0, np.nan]))


def test_epochs_to_target():
    curve = np.array([2.0, 1.0, 0.6, 0.2, 0.1])
    assert stats.epochs_to_target(curve, 0.6) == 3.0
    assert stats.epochs_to_target(curve, 0.5) == 4.0
    assert stats.epochs_to_target(curve, 5.0) == 1.0
    assert stats.epochs_to_target(curve, 0.05) is None
    assert stats.epochs_to_target(curve, 0.4, interpolate=True) == pytest.approx(3.5)
    assert stats.epochs_to_target(curve, 0.6, interpolate=True) == 3.0
    assert stats.epochs_to_target(curve, 3.0, interpolate=True) == 1.0
    assert stats.epochs_to_target([np.nan, np.nan, 0.3], 0.5, interpolate=True) == 3.0
    assert stats.epochs_to_target([np.nan, np.nan], 0.5) is None
    assert stats.epochs_to_target([np.nan, 0.7, 0.5], 0.8, interpolate=True) == 2.0
    assert stats.epochs_to_target(curve, np.nan) is None


E = 20  # epochs


def linear_runs(rng, r, speed=1.0):
    """[r, E] per-seed losses a - b·t of seeds whose clock runs ``speed`` times faster."""
    a, b = rng.uniform(3.0, 3.5, (r, 1)), rng.uniform(0.05, 0.1, (r, 1))
    return a - b * speed * np.arange(1, E + 1)


def decaying_runs(rng, r, speed=1.0, noise=0.0):
    """[r, E] per-seed losses 0.1 + a·exp(-k·t) (+ noise), time scaled by ``speed``."""
    a, k = rng.uniform(1.5, 2.5, (r, 1)), rng.uniform(0.1, 0.2, (r, 1))
    return 0.1 + a * np.exp(-k * speed * np.arange(1, E + 1)) + noise * rng.random((r, E))


def test_speedup_of_the_baseline_is_one():
    baseline = decaying_runs(np.random.default_rng(0), 10)
    point, lo, hi = stats.speedup(baseline, baseline, n_resamples=2000)
    assert point == 1.0
    assert lo < 1.0 < hi


@pytest.mark.parametrize("speed", [3.0, 1.6])
def test_speedup_at_a_fractional_crossing(speed):
    """The same seeds on a clock ``speed`` times faster: the (linear) mean curve reaches
    the baseline's final mean at epoch E / speed exactly, between two epochs."""
    baseline = linear_runs(np.random.default_rng(1), 8)
    curves = linear_runs(np.random.default_rng(1), 8, speed)
    target = baseline.mean(0)[-1]
    assert stats.epochs_to_target(curves.mean(0), target, interpolate=True) == pytest.approx(
        E / speed, rel=1e-12
    )
    point, lo, hi = stats.speedup(curves, baseline, n_resamples=2000)
    assert point == pytest.approx(speed, rel=1e-12)
    assert lo < point < hi


def test_speedup_at_an_epoch():
    """Decaying curves 2.5 times faster reach the target exactly at epoch 20 / 2.5 = 8."""
    baseline = decaying_runs(np.random.default_rng(2), 6)
    curves = decaying_runs(np.random.default_rng(2), 6, speed=2.5)
    point, lo, hi = stats.speedup(curves, baseline, n_resamples=2000)
    assert point == 2.5
    assert lo < point < hi


def test_speedup_never_reaching():
    baseline = linear_runs(np.random.default_rng(3), 8)
    curves = linear_runs(np.random.default_rng(3), 8, speed=0.5)
    point, lo, hi = stats.speedup(curves, baseline, n_resamples=500)
    assert math.isnan(point)
    assert lo == hi == 0.0  # No resample reaches it either: infinitely slow.


def test_speedup_needs_two_seeds_for_an_interval():
    baseline = decaying_runs(np.random.default_rng(4), 5)
    curves = decaying_runs(np.random.default_rng(4), 5, speed=2.5)
    point, lo, hi = stats.speedup(curves[:1], baseline)
    assert point > 1 and math.isnan(lo) and math.isnan(hi)
    assert all(math.isnan(v) for v in stats.speedup(curves, baseline[:1])[1:])


def first_crossing(curve, target):
    """epochs_to_target(interpolate=True), transcribed as a loop; inf if never."""
    for e, value in enumerate(curve, start=1):
        if value <= target:
            if e == 1:
                return 1.0
            return e - 1 + (curve[e - 2] - target) / (curve[e - 2] - value)
    return math.inf


def loop_bootstrap(curves, baseline, n_resamples, rng, level=0.95):
    """Percentile-bootstrap endpoints of the speed-up, one replicate at a time."""
    replicates = []
    for _ in range(n_resamples):
        config = curves[rng.integers(0, len(curves), len(curves))].mean(0)
        base = baseline[rng.integers(0, len(baseline), len(baseline))].mean(0)
        target = base[-1]
        replicates.append(first_crossing(base, target) / first_crossing(config, target))
    return np.quantile(replicates, [(1 - level) / 2, (1 + level) / 2])


@pytest.mark.parametrize("level", [0.95, 0.8])
def test_speedup_interval_matches_a_loop_bootstrap(level):
    rng = np.random.default_rng(5)
    baseline = decaying_runs(rng, 10, noise=0.05)
    curves = decaying_runs(rng, 7, speed=1.5, noise=0.05)
    point, lo, hi = stats.speedup(curves, baseline, level=level, seed=0)
    want_lo, want_hi = loop_bootstrap(curves, baseline, 9999, np.random.default_rng(1), level)
    # Independent draws: the endpoints agree to Monte Carlo error, whose standard
    # deviation is about 0.5% (lo) and 2% (hi, the long tail) of the width. Keeping the
    # baseline's seeds fixed instead would move them by 12% and 34%.
    assert (lo, hi) == pytest.approx((want_lo, want_hi), abs=0.1 * (want_hi - want_lo))
    assert lo < point < hi


def test_speedup_interval_counts_never_reaching_resamples_as_zero():
    """Half-way configurations: some resamples never reach the target, so lo = 0."""
    rng = np.random.default_rng(6)
    baseline = linear_runs(rng, 6)
    curves = np.concatenate([linear_runs(rng, 3, speed=2.0), linear_runs(rng, 3, speed=0.5)])
    point, lo, hi = stats.speedup(curves, baseline, n_resamples=4000)
    want_lo, want_hi = loop_bootstrap(curves, baseline, 4000, np.random.default_rng(1))
    assert want_lo == lo == 0.0
    assert hi == pytest.approx(want_hi, rel=0.1)
    assert 0 < point < hi


def test_speedup_is_deterministic():
    baseline = decaying_runs(np.random.default_rng(7), 5, noise=0.05)
    curves = decaying_runs(np.random.default_rng(8), 5, speed=1.3, noise=0.05)
    first = stats.speedup(curves, baseline, n_resamples=500, seed=3)
    assert stats.speedup(curves, baseline, n_resamples=500, seed=3) == first
    assert stats.speedup(curves, baseline, n_resamples=500, seed=4) != first
