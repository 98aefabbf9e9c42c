"""Activation functions, by name.

The lab compares ``sigmoid`` and ``relu``; the others are the ones the lecture notes
(seeds 003, 004) discuss. Every entry maps an array to an array of the same shape,
and all are :mod:`jax.nn`'s:

- sigmoid σ(x) = 1/(1 + e^-x), relu max(x, 0), tanh;
- leaky_relu: x for x ≥ 0, a·x below (``negative_slope`` a = 0.01);
- elu: x for x > 0, α(e^x − 1) below (``alpha`` α = 1); selu: λ·elu with α ≈ 1.6733,
  λ ≈ 1.0507 (Klambauer et al., 2017);
- gelu: x·Φ(x), by default its tanh approximation
  ½x(1 + tanh(√(2/π)(x + 0.044715x³))) (``approximate=False``: the exact one);
- swish = silu: x·σ(x);
- mish: x·tanh(softplus(x)) = x·tanh(log(1 + e^x)) (Misra, 2019).
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import jax

from mlp_jax import util

Activation = Callable[[jax.Array], jax.Array]

ACTIVATIONS: dict[str, Activation] = {
    "sigmoid": jax.nn.sigmoid,
    "relu": jax.nn.relu,
    "tanh": jax.nn.tanh,
    "leaky_relu": jax.nn.leaky_relu,
    "elu": jax.nn.elu,
    "selu": jax.nn.selu,
    "gelu": jax.nn.gelu,
    "swish": jax.nn.swish,
    "silu": jax.nn.silu,
    "mish": jax.nn.mish,
}


def get(name: str, **kwargs: float | bool) -> Activation:
    """Returns the activation called ``name``, with keyword parameters bound.

    Args:
      name: a key of ``ACTIVATIONS``.
      **kwargs: parameters of the activation, e.g. ``negative_slope`` for
        ``leaky_relu``, ``alpha`` for ``elu``, ``approximate`` for ``gelu``.

    Raises:
      ValueError: if ``name`` is not registered.
    """
    fn = util.lookup(ACTIVATIONS, name, "activation")
    return functools.partial(fn, **kwargs) if kwargs else fn
