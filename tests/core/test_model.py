import re

import chex
import jax
import jax.numpy as jnp
import numpy as np
import pytest
from jax.flatten_util import ravel_pytree

from mlp_jax import activations, initializers, model

SIZES = [6, 5, 4, 3]


def numpy_forward(params, x, act):
    for layer in params[:-1]:
        x = act(x @ layer["w"] + layer["b"])
    return x @ params[-1]["w"] + params[-1]["b"]


@pytest.fixture
def problem(x64):
    key = jax.random.key(0)
    params = model.init_mlp(key, SIZES, initializers.get("xavier"), dtype=jnp.float64)
    # Non-zero biases so their gradients are exercised too.
    params = [dict(p, b=jnp.linspace(-0.3, 0.3, p["b"].size)) for p in params]
    x = jax.random.normal(jax.random.key(1), (7, SIZES[0]), jnp.float64)
    y = jnp.array([0, 1, 2, 0, 1, 2, 2])
    return params, x, y


def test_init_shapes_and_layer_independence():
    params = model.init_mlp(jax.random.key(0), [784, 128, 10], initializers.get("he"))
    chex.assert_shape([p["w"] for p in params], [(784, 128), (128, 10)])
    chex.assert_shape([p["b"] for p in params], [(128,), (10,)])
    assert not np.any(params[0]["b"])
    deeper = model.init_mlp(jax.random.key(0), [784, 128, 64, 10], initializers.get("he"))
    np.testing.assert_array_equal(params[0]["w"], deeper[0]["w"])


def test_bias_initializer():
    params = model.init_mlp(
        jax.random.key(0), [784, 4096, 10], initializers.get("he"), initializers.get("normal", 0.5)
    )
    chex.assert_shape(params[0]["b"], (4096,))
    assert abs(float(jnp.std(params[0]["b"])) - 0.5) < 5 * 0.5 / np.sqrt(2 * 4096)


def test_forward_and_losses_match_numpy(problem):
    params, x, y = problem
    sig = lambda z: 1 / (1 + np.exp(-z))
    np_params = jax.tree.map(np.asarray, params)
    logits = numpy_forward(np_params, np.asarray(x), sig)
    np.testing.assert_allclose(model.apply(params, x, jax.nn.sigmoid), logits, rtol=1e-12)

    shifted = logits - logits.max(axis=1, keepdims=True)
    logp = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    xent = -logp[np.arange(len(y)), np.asarray(y)].mean()
    np.testing.assert_allclose(model.loss(params, x, y, jax.nn.sigmoid), xent)

    onehot = np.eye(SIZES[-1])[np.asarray(y)]
    np.testing.assert_allclose(
        model.loss(params, x, y, jax.nn.sigmoid, "mse"),
        0.5 * ((logits - onehot) ** 2).sum(1).mean(),
    )
    acc = (logits.argmax(1) == np.asarray(y)).mean()
    np.testing.assert_allclose(model.accuracy(params, x, y, jax.nn.sigmoid), acc)


@pytest.mark.parametrize("loss_name", sorted(model.LOSSES))
@pytest.mark.parametrize("act", ["sigmoid", "tanh", "gelu"])
def test_gradient_matches_finite_differences(problem, loss_name, act):
    params, x, y = problem
    fn = activations.get(act)
    grads = jax.grad(model.loss)(params, x, y, fn, loss_name)
    flat, unravel = ravel_pytree(params)
    eps = 1e-6
    numeric = np.array(
        [
            (
                model.loss(unravel(flat.at[i].add(eps)), x, y, fn, loss_name)
                - model.loss(unravel(flat.at[i].add(-eps)), x, y, fn, loss_name)
            )
            / (2 * eps)
            for i in range(flat.size)
        ]
    )
    np.testing.assert_allclose(ravel_pytree(grads)[0], numeric, rtol=1e-6, atol=1e-9)


def test_hidden_layers_yield_pre_and_post_activations(problem):
    params, x, _ = problem
    layers = list(model.hidden_layers(params, x, jnp.tanh))
    assert len(layers) == len(SIZES) - 2
    z0, h0 = layers[0]
    np.testing.assert_allclose(z0, x @ params[0]["w"] + params[0]["b"])
    np.testing.assert_allclose(h0, jnp.tanh(z0))


# Issue 29, case 19: sizes that make no network raise one clear ValueError (a zero size
# raised a bare ZeroDivisionError, a single size gave no layers at all).
@pytest.mark.parametrize("sizes", [[784, 0, 10], [784], [], [784, -3, 10], [784, 2.5, 10]])
def test_init_mlp_refuses_sizes_that_make_no_network(sizes):
    with pytest.raises(ValueError, match=re.escape(f"got {sizes}")):
        model.init_mlp(jax.random.key(0), sizes, initializers.get("he"))
