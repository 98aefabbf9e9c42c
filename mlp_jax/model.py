"""The multilayer perceptron as pure functions.

Parameters are a plain pytree: a list with one ``{"w": [n_in, n_out], "b": [n_out]}``
per layer. Hidden layers apply the activation; the output layer is linear and
returns logits. Gradients come from ``jax.grad`` of the losses below.
"""

from __future__ import annotations

import itertools
import numbers
from collections.abc import Callable, Sequence

import jax
import jax.numpy as jnp

from mlp_jax import initializers

Params = list[dict[str, jax.Array]]
Activation = Callable[[jax.Array], jax.Array]


def check_layer_sizes(layer_sizes: Sequence[int]) -> None:
    """Raises ``ValueError`` unless ``layer_sizes`` make a network: an input and an
    output size at least, each size a positive integer."""
    sizes = list(layer_sizes)
    if len(sizes) < 2 or not all(isinstance(n, numbers.Integral) and n >= 1 for n in sizes):
        raise ValueError(
            "layer_sizes must be an input size, any hidden sizes and an output size, "
            f"each a positive integer; got {sizes}"
        )


def init_mlp(
    key: jax.Array,
    layer_sizes: Sequence[int],
    w_init: initializers.Initializer,
    b_init: initializers.Initializer = initializers.zeros,
    dtype=jnp.float32,
) -> Params:
    """Draws the parameters of an MLP with the given layer sizes.

    Args:
      key: PRNG key; layer ``i`` uses ``fold_in(key, i)``, so a layer's weights do
        not depend on how many layers follow it.
      layer_sizes: ``[n_inputs, hidden..., n_outputs]``.
      w_init: ``fn(key, (n_in, n_out), dtype)`` for the weights.
      b_init: the same for the biases, called with shape ``(n_out,)``.
      dtype: parameter dtype.

    Raises:
      ValueError: ``layer_sizes`` make no network (see ``check_layer_sizes``).
    """
    check_layer_sizes(layer_sizes)
    params = []
    for i, (n_in, n_out) in enumerate(itertools.pairwise(layer_sizes)):
        w_key, b_key = jax.random.split(jax.random.fold_in(key, i))
        params.append(
            {
                "w": w_init(w_key, (n_in, n_out), dtype),
                "b": b_init(b_key, (n_out,), dtype),
            }
        )
    return params


def hidden_layers(params: Params, x: jax.Array, activation: Activation):
    """Yields ``(pre_activation, activation)`` of each hidden layer, in order."""
    for layer in params[:-1]:
        z = x @ layer["w"] + layer["b"]
        x = activation(z)
        yield z, x


def apply(params: Params, x: jax.Array, activation: Activation) -> jax.Array:
    """Logits of the MLP for a batch ``x`` of shape ``[batch, n_inputs]``."""
    h = x
    for _, h in hidden_layers(params, x, activation):
        pass
    return h @ params[-1]["w"] + params[-1]["b"]


def softmax_cross_entropy(logits: jax.Array, labels: jax.Array) -> jax.Array:
    """Mean softmax cross-entropy, C = −mean_i log softmax(z_i)[y_i]."""
    logp = jax.nn.log_softmax(logits)
    return -jnp.mean(jnp.take_along_axis(logp, labels[:, None], axis=1))


def squared_error(logits: jax.Array, labels: jax.Array) -> jax.Array:
    """Mean squared error against one-hot targets, C = mean_i ½‖z_i − e_{y_i}‖².

    The output layer stays linear (no softmax), as in seed 002's examples.
    """
    target = jax.nn.one_hot(labels, logits.shape[-1], dtype=logits.dtype)
    return 0.5 * jnp.mean(jnp.sum((logits - target) ** 2, axis=-1))


LOSSES: dict[str, Callable[[jax.Array, jax.Array], jax.Array]] = {
    "cross_entropy": softmax_cross_entropy,
    "mse": squared_error,
}


def loss(
    params: Params,
    x: jax.Array,
    y: jax.Array,
    activation: Activation,
    kind: str = "cross_entropy",
) -> jax.Array:
    """The loss ``LOSSES[kind]`` of the MLP on a batch with integer labels ``y``."""
    return LOSSES[kind](apply(params, x, activation), y)


def accuracy(params: Params, x: jax.Array, y: jax.Array, activation: Activation) -> jax.Array:
    """Fraction of the batch whose arg-max logit is the label."""
    return jnp.mean(jnp.argmax(apply(params, x, activation), axis=-1) == y)
