"""Activation functions, by name.

The lab compares ``sigmoid`` and ``relu``; the others are the ones the lecture notes
(seeds 003, 004) discuss. Every entry maps an array to an array of the same shape.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import jax
import jax.numpy as jnp

from mlp_jax import util

Activation = Callable[[jax.Array], jax.Array]


def leaky_relu(x: jax.Array, negative_slope: float = 0.01) -> jax.Array:
    """max(x, a·x): slope ``a`` for negative inputs."""
    return jnp.where(x >= 0, x, negative_slope * x)


def mish(x: jax.Array) -> jax.Array:
    """x · tanh(softplus(x)) (Misra, 2019)."""
    return x * jnp.tanh(jax.nn.softplus(x))


ACTIVATIONS: dict[str, Activation] = {
    "sigmoid": jax.nn.sigmoid,
    "relu": jax.nn.relu,
    "tanh": jnp.tanh,
    "leaky_relu": leaky_relu,
    "elu": jax.nn.elu,
    "selu": jax.nn.selu,
    "gelu": jax.nn.gelu,
    "swish": jax.nn.silu,
    "silu": jax.nn.silu,
    "mish": mish,
}


def get(name: str, **kwargs: float) -> Activation:
    """Returns the activation called ``name``, with keyword parameters bound.

    Args:
      name: a key of ``ACTIVATIONS``.
      **kwargs: parameters of the activation, e.g. ``negative_slope`` for
        ``leaky_relu``.

    Raises:
      ValueError: if ``name`` is not registered.
    """
    fn = util.lookup(ACTIVATIONS, name, "activation")
    return functools.partial(fn, **kwargs) if kwargs else fn
