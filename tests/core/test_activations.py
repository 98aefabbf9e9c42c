import math

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from mlp_jax import activations

X = np.linspace(-6.0, 6.0, 240)  # Even count: 0, where elu has a kink, is skipped.

NUMPY_REFERENCE = {
    "sigmoid": lambda x: 1.0 / (1.0 + np.exp(-x)),
    "relu": lambda x: np.maximum(x, 0.0),
    "tanh": np.tanh,
    "leaky_relu": lambda x: np.where(x >= 0, x, 0.01 * x),
    "elu": lambda x: np.where(x > 0, x, np.expm1(x)),
    "selu": lambda x: 1.0507009873554805 * np.where(x > 0, x, 1.6732632423543772 * np.expm1(x)),
    "gelu": lambda x: 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x**3))),
    "swish": lambda x: x / (1.0 + np.exp(-x)),
    "silu": lambda x: x / (1.0 + np.exp(-x)),
    "mish": lambda x: x * np.tanh(np.log1p(np.exp(x))),
}


def test_registry_is_covered_by_reference():
    assert set(activations.ACTIVATIONS) == set(NUMPY_REFERENCE)


@pytest.mark.parametrize("name", sorted(NUMPY_REFERENCE))
def test_matches_numpy(name, x64):
    got = activations.get(name)(jnp.asarray(X))
    np.testing.assert_allclose(got, NUMPY_REFERENCE[name](X), rtol=1e-12, atol=1e-12)


def test_leaky_relu_slope_is_a_parameter():
    fn = activations.get("leaky_relu", negative_slope=0.2)
    np.testing.assert_allclose(fn(jnp.array([-2.0, 3.0])), [-0.4, 3.0])


@pytest.mark.parametrize(
    ("name", "kwargs", "reference"),
    [
        ("leaky_relu", {"negative_slope": 0.2}, lambda x: np.where(x >= 0, x, 0.2 * x)),
        ("elu", {"alpha": 0.5}, lambda x: np.where(x > 0, x, 0.5 * np.expm1(x))),
        (
            "gelu",
            {"approximate": False},
            lambda x: 0.5 * x * (1 + np.vectorize(math.erf)(x / math.sqrt(2))),
        ),
    ],
)
def test_parameters_are_bound(name, kwargs, reference, x64):
    got = activations.get(name, **kwargs)(jnp.asarray(X))
    np.testing.assert_allclose(got, reference(X), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "elu", "gelu", "mish"])
def test_derivative_matches_finite_difference(name, x64):
    fn = activations.get(name)
    x = jnp.asarray(X)
    eps = 1e-6
    numeric = (fn(x + eps) - fn(x - eps)) / (2 * eps)
    np.testing.assert_allclose(jax.vmap(jax.grad(fn))(x), numeric, rtol=1e-7, atol=1e-8)


def test_unknown_name_lists_valid_names():
    with pytest.raises(ValueError, match="valid: sigmoid, relu"):
        activations.get("softsign")
