"""2-D loss surfaces on which the optimizers can be watched, by name.

Each surface is a pure JAX function of a parameter pytree ``{"x": x, "y": y}`` (two
scalars), so the very optax-style transforms that train the MLP drive it.
Each comes with the minimum its default start leads to, the loss there, a default
start and a view window:

==============  ==========================================  ============  ==============
name            f(x, y)                                     minimum       start
==============  ==========================================  ============  ==============
``ravine``      ½(0.1·x² + 5·y²), condition number 50       (0, 0)        (−4.5, 1)
``rosenbrock``  (1 − x)² + 100·(y − x²)²                    (1, 1)        (−1.5, 2)
``saddle``      x² + y⁶/6 − y⁴/4 + 1/12                     (0, 1)        (1.5, 0.05)
``plateau``     1 − exp(−½((x/2)² + y²))                    (0, 0)        (−5, 2.5)
==============  ==========================================  ============  ==============

- ``ravine``: an elongated quadratic valley (the lab's "wąwóz"), steep across (y) and
  nearly flat along (x); gradient descent is stable for α < 2/5 = 0.4.
- ``rosenbrock``: the classic banana-shaped curved valley.
- ``saddle``: a saddle point at the origin surrounded by a plateau along y (there
  ∂f/∂y = y⁵ − y³, flat to third order), with minima at (0, ±1); the start lies near
  the saddle's attracting line y = 0, where the gradient along y is about −10⁻⁴: the
  lab's saddle that traps SGD.
- ``plateau``: a Gaussian well; at the start the loss is within 2·10⁻³ of its ceiling 1
  and the gradient about 5·10⁻³.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Mapping

import jax
import jax.numpy as jnp
import numpy as np

from mlp_jax import util

Params = Mapping[str, jax.Array]
Point = tuple[float, float]


@dataclasses.dataclass(frozen=True)
class Surface:
    """A 2-D test function with its minimum, default start and view window.

    Attributes:
      name: the registry name.
      formula: f(x, y) as text, for titles (decimal points; ``text.num`` style is the
        caller's).
      loss: ``{"x", "y"}`` → scalar loss, a pure JAX function.
      minimum: the minimum the default start leads to, (x, y).
      minimum_loss: the loss at ``minimum`` (the lowest value of ``loss``).
      start: the default start, (x, y).
      xlim: the view window along x, (low, high).
      ylim: the view window along y, (low, high).
    """

    name: str
    formula: str
    loss: Callable[[Params], jax.Array]
    minimum: Point
    minimum_loss: float
    start: Point
    xlim: Point
    ylim: Point

    def __call__(self, params: Params) -> jax.Array:
        return self.loss(params)

    def on_grid(self, points: int = 200) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(X, Y, Z)``: the loss on a ``points`` × ``points`` grid over the window
        (computed once per surface and size; do not modify the arrays)."""
        return _on_grid(self, points)

    def hessian(self) -> np.ndarray:
        """The 2 × 2 Hessian of ``loss`` at ``minimum`` (x first)."""
        flat = lambda p: self.loss({"x": p[0], "y": p[1]})
        at = jnp.asarray(self.minimum, jnp.float32)
        return np.asarray(jax.jit(jax.hessian(flat))(at), dtype=float)


@functools.cache
def _on_grid(surface: Surface, points: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    X, Y = np.meshgrid(np.linspace(*surface.xlim, points), np.linspace(*surface.ylim, points))
    Z = jax.jit(jax.vmap(lambda a, b: surface.loss({"x": a, "y": b})))(X.ravel(), Y.ravel())
    return X, Y, np.asarray(Z, dtype=float).reshape(X.shape)


RAVINE_CURVATURES = (0.1, 5.0)
"""The ravine's curvatures a_x, a_y: f = ½(a_x·x² + a_y·y²)."""


def _ravine(p: Params) -> jax.Array:
    a_x, a_y = RAVINE_CURVATURES
    return 0.5 * (a_x * p["x"] ** 2 + a_y * p["y"] ** 2)


def _rosenbrock(p: Params) -> jax.Array:
    return (1 - p["x"]) ** 2 + 100 * (p["y"] - p["x"] ** 2) ** 2


def _saddle(p: Params) -> jax.Array:
    return p["x"] ** 2 + p["y"] ** 6 / 6 - p["y"] ** 4 / 4 + 1 / 12


def _plateau(p: Params) -> jax.Array:
    return 1 - jnp.exp(-0.5 * ((p["x"] / 2) ** 2 + p["y"] ** 2))


_ALL = (
    Surface(
        "ravine",
        "½({:g}·x² + {:g}·y²)".format(*RAVINE_CURVATURES),
        _ravine,
        minimum=(0.0, 0.0),
        minimum_loss=0.0,
        start=(-4.5, 1.0),
        xlim=(-5.0, 1.0),
        ylim=(-1.5, 1.5),
    ),
    Surface(
        "rosenbrock",
        "(1 − x)² + 100·(y − x²)²",
        _rosenbrock,
        minimum=(1.0, 1.0),
        minimum_loss=0.0,
        start=(-1.5, 2.0),
        xlim=(-2.0, 2.0),
        ylim=(-1.0, 3.0),
    ),
    Surface(
        "saddle",
        "x² + y⁶/6 − y⁴/4 + 1/12",
        _saddle,
        minimum=(0.0, 1.0),
        minimum_loss=0.0,
        start=(1.5, 0.05),
        xlim=(-2.0, 2.0),
        ylim=(-1.5, 1.5),
    ),
    Surface(
        "plateau",
        "1 − exp(−½((x/2)² + y²))",
        _plateau,
        minimum=(0.0, 0.0),
        minimum_loss=0.0,
        start=(-5.0, 2.5),
        xlim=(-6.0, 2.0),
        ylim=(-3.0, 3.0),
    ),
)
SURFACES: dict[str, Surface] = {s.name: s for s in _ALL}


def get(name: str) -> Surface:
    """The surface called ``name``.

    Raises:
      ValueError: ``name`` is not a key of ``SURFACES``.
    """
    return util.lookup(SURFACES, name, "surface")
