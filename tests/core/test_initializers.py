import math

import jax
import jax.numpy as jnp
import numpy as np
import pytest
import scipy.stats

from mlp_jax import initializers

SHAPE = (784, 512)  # n = 401,408 draws.
N_IN, N_OUT = SHAPE
VARIANCE = {
    "normal": 1.0,
    "scaled_normal": 1 / N_IN,
    "xavier_normal": 2 / (N_IN + N_OUT),
    "xavier_uniform": 2 / (N_IN + N_OUT),
    "xavier": 2 / (N_IN + N_OUT),
    "he_normal": 2 / N_IN,
    "he_uniform": 2 / N_IN,
    "he": 2 / N_IN,
    "lecun_normal": 1 / N_IN,
    "lecun_uniform": 1 / N_IN,
    "lecun": 1 / N_IN,
}


def kurtosis(name):
    """E[w⁴]/σ⁴: 3 for a Gaussian, 9/5 for a uniform distribution."""
    return 1.8 if name.endswith("uniform") else 3.0


@pytest.mark.parametrize("name", sorted(VARIANCE))
def test_mean_and_variance_match_formula(name):
    w = np.asarray(initializers.get(name)(jax.random.key(0), SHAPE), np.float64)
    n = w.size
    var = VARIANCE[name]
    # Standard errors: of the mean, σ/√n; of the sample variance, σ²·√((κ − 1)/n).
    assert abs(w.mean()) < 5 * math.sqrt(var / n)
    assert abs(w.var() - var) < 5 * var * math.sqrt((kurtosis(name) - 1) / n)


@pytest.mark.parametrize("name", ["xavier_uniform", "he_uniform", "lecun_uniform"])
def test_uniform_bounds(name):
    w = initializers.get(name)(jax.random.key(1), SHAPE)
    limit = math.sqrt(3 * VARIANCE[name])
    assert float(jnp.max(jnp.abs(w))) <= limit
    assert float(jnp.max(jnp.abs(w))) > 0.99 * limit


def test_normal_scale_sets_std():
    w = np.asarray(initializers.get("normal", scale=0.1)(jax.random.key(2), SHAPE))
    assert abs(w.std() - 0.1) < 5 * 0.1 * math.sqrt(2 / w.size)


def test_aliases_are_the_normal_variants():
    key = jax.random.key(3)
    for alias in ("xavier", "he", "lecun"):
        np.testing.assert_array_equal(
            initializers.get(alias)(key, (20, 30)),
            initializers.get(alias + "_normal")(key, (20, 30)),
        )


def test_zeros_and_dtype():
    assert not np.any(initializers.get("zeros")(jax.random.key(0), (3, 4)))
    assert initializers.get("he")(jax.random.key(0), (3, 4), jnp.bfloat16).dtype == jnp.bfloat16


def test_bad_names_and_scales():
    with pytest.raises(ValueError, match="valid: normal, scaled_normal"):
        initializers.get("glorot")
    with pytest.raises(ValueError, match="takes no scale"):
        initializers.get("he", scale=2.0)


JAX_EQUIVALENT = {
    "xavier_normal": jax.nn.initializers.variance_scaling(1.0, "fan_avg", "normal"),
    "xavier_uniform": jax.nn.initializers.glorot_uniform(),
    "he_normal": jax.nn.initializers.variance_scaling(2.0, "fan_in", "normal"),
    "he_uniform": jax.nn.initializers.he_uniform(),
    "lecun_normal": jax.nn.initializers.variance_scaling(1.0, "fan_in", "normal"),
    "lecun_uniform": jax.nn.initializers.lecun_uniform(),
}
"""Ours → jax.nn's initializer of the same distribution (jax's ``*_normal`` presets are
truncated normals: ``variance_scaling`` with ``"normal"`` is the untruncated one)."""


@pytest.mark.parametrize("name", sorted(JAX_EQUIVALENT))
def test_same_distribution_as_jax_nn_initializers(name):
    ours = np.asarray(initializers.get(name)(jax.random.key(1), SHAPE), np.float64).ravel()
    theirs = np.asarray(JAX_EQUIVALENT[name](jax.random.key(2), SHAPE), np.float64).ravel()
    # Two independent samples of one distribution: the KS test rarely rejects, and
    # both standard deviations match the exact formula within 5 standard errors.
    assert scipy.stats.ks_2samp(ours[::8], theirs[::8]).pvalue > 1e-4
    std, n = math.sqrt(VARIANCE[name]), ours.size
    for w in (ours, theirs):
        assert abs(w.std() - std) < 5 * std * math.sqrt((kurtosis(name) - 1) / n) / 2


@pytest.mark.parametrize(
    ("name", "preset"),
    [
        ("xavier_normal", jax.nn.initializers.glorot_normal()),
        ("he_normal", jax.nn.initializers.he_normal()),
    ],
)
def test_variance_equals_jax_nn_truncated_presets(name, preset):
    """jax.nn's glorot_normal/he_normal truncate at 2σ and rescale to the same variance."""
    ours = np.asarray(initializers.get(name)(jax.random.key(3), SHAPE), np.float64)
    theirs = np.asarray(preset(jax.random.key(4), SHAPE), np.float64)
    std = math.sqrt(VARIANCE[name])
    assert ours.std() == pytest.approx(std, rel=0.01) and theirs.std() == pytest.approx(
        std, rel=0.01
    )
    assert np.abs(theirs).max() <= 2 * std * 1.14 < np.abs(ours).max()  # Truncated vs not.
