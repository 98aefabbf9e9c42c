"""Weight initializers, by name: ``fn(key, (n_in, n_out), dtype) -> array``.

Variances, for a layer with n_in inputs and n_out outputs:

==================  ==============================  ===============
name                distribution                    variance
==================  ==============================  ===============
``normal``          N(0, σ²), σ = 1 by default      σ²
``scaled_normal``   N(0, 1/n_in) (seed 001)         1/n_in
``xavier_normal``   N(0, 2/(n_in+n_out))            2/(n_in+n_out)
``xavier_uniform``  U[±√(6/(n_in+n_out))]           2/(n_in+n_out)
``he_normal``       N(0, 2/n_in)                    2/n_in
``he_uniform``      U[±√(6/n_in)]                   2/n_in
``lecun_normal``    N(0, 1/n_in)                    1/n_in
``lecun_uniform``   U[±√(3/n_in)]                   1/n_in
``zeros``           0                               0
==================  ==============================  ===============

``normal`` with σ = 1 is ``np.random.randn``, the exercise-2 baseline. ``xavier``,
``he`` and ``lecun`` are the normal variants, as the lab writes them. Normal variants
are plain (untruncated) Gaussians, so their variance is exactly the formula.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import jax
import jax.numpy as jnp

from mlp_jax import util

Initializer = Callable[..., jax.Array]
FanVariance = Callable[[int, int], float]


def _normal(variance: FanVariance) -> Initializer:
    def init(key: jax.Array, shape: Sequence[int], dtype=jnp.float32) -> jax.Array:
        return math.sqrt(variance(*shape)) * jax.random.normal(key, shape, dtype)

    return init


def _uniform(variance: FanVariance) -> Initializer:
    def init(key: jax.Array, shape: Sequence[int], dtype=jnp.float32) -> jax.Array:
        limit = math.sqrt(3.0 * variance(*shape))  # Var U[-a, a] = a²/3.
        return jax.random.uniform(key, shape, dtype, -limit, limit)

    return init


def _xavier(n_in: int, n_out: int) -> float:
    return 2.0 / (n_in + n_out)


def _he(n_in: int, n_out: int) -> float:
    return 2.0 / n_in


def _lecun(n_in: int, n_out: int) -> float:
    return 1.0 / n_in


def normal(scale: float = 1.0) -> Initializer:
    """N(0, scale²) whatever the layer's size: the exercise-2 baseline."""
    return _normal(lambda *shape: scale**2)  # Any shape: weights or biases.


def zeros(key: jax.Array, shape: Sequence[int], dtype=jnp.float32) -> jax.Array:
    """All zeros: every hidden unit stays identical (the symmetry problem)."""
    del key
    return jnp.zeros(shape, dtype)


INITIALIZERS: dict[str, Initializer] = {
    "normal": normal(),
    "scaled_normal": _normal(_lecun),
    "xavier_normal": _normal(_xavier),
    "xavier_uniform": _uniform(_xavier),
    "he_normal": _normal(_he),
    "he_uniform": _uniform(_he),
    "lecun_normal": _normal(_lecun),
    "lecun_uniform": _uniform(_lecun),
    "zeros": zeros,
}
INITIALIZERS["xavier"] = INITIALIZERS["xavier_normal"]
INITIALIZERS["he"] = INITIALIZERS["he_normal"]
INITIALIZERS["lecun"] = INITIALIZERS["lecun_normal"]


def get(name: str, scale: float = 1.0) -> Initializer:
    """Returns the initializer called ``name``.

    Args:
      name: a key of ``INITIALIZERS``.
      scale: σ of ``normal`` (the exercise-2 N(0, σ²)); the other initializers
        derive their variance from the layer's size and take no scale.

    Raises:
      ValueError: if ``name`` is unknown, or a scale other than 1 is given to an
        initializer other than ``normal``.
    """
    init = util.lookup(INITIALIZERS, name, "initializer")
    if name == "normal":
        return normal(scale)
    if scale != 1.0:
        raise ValueError(f"initializer {name!r} takes no scale; only 'normal' does")
    return init
