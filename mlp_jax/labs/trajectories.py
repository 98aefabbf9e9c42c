r"""Optimizers on 2-D loss surfaces: paths, losses and update sizes, as one program.

:func:`run` drives any ``optax.GradientTransformation`` builder (ours or optax's) on a
:class:`mlp_jax.labs.surfaces.Surface` for a number of steps, from one or several starts
and at several learning rates: one jitted program, ``lax.scan`` over the steps,
``vmap`` over the learning rates and the starts. Step 0 is the start; the update of
step t moves the point from t to t + 1.

:func:`sweep` runs several builders on several surfaces (each from its start) the same
way, as one program: the surfaces are a ``lax.switch`` on a vmapped index.

On top of it: :func:`study` and :func:`choose_rate` (per optimizer and surface, the rate
of ``GRID`` that brings the loss within ``TOLERANCE`` of the minimum soonest, else the
one that ends closest to it, never a diverged one), :func:`steps_to` (steps until the loss stays within a tolerance of
the minimum), :func:`oscillation` (how far a path swings across a ravine) and
:func:`decompose` (one step of momentum and of Nesterov's momentum, split into the
parts the lab's Fig. 2 draws, from the two transforms' own states).
"""

from __future__ import annotations

import csv
import functools
import inspect
import math
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import jax
import jax.numpy as jnp
import numpy as np
import optax
from jax import lax

from mlp_jax import optimizers, train, util
from mlp_jax.labs import surfaces

Builder = Callable[..., optax.GradientTransformation]

TOLERANCE = 1e-3
"""A path has reached the minimum when its loss stays within this of the minimum loss."""

MOMENTUM = inspect.signature(optimizers.momentum).parameters["momentum"].default
"""γ of ``optimizers.momentum`` and ``optimizers.nesterov`` when not given (0.9)."""

FIG2_RATE = 0.1
"""α of the lab's Fig. 2 (``decompose`` on the ravine), with γ = ``MOMENTUM``."""
FIG2_STEP = 2
"""The step t of the lab's Fig. 2: θ_t after two momentum steps is just past the ravine's
floor, with the jump still carrying it across."""

GRID = tuple(10.0 ** (k / 2) for k in range(-8, 3))
"""The rates tried for every optimizer on every surface: 10⁻⁴ to 10, half a decade apart."""


class TooManySteps(train.OutOfMemory):
    """The paths of one program would not fit in the device's memory (checked before
    compiling); ``need`` says how much they take against how much there is, ``fit``
    is the most steps that would fit."""

    def __init__(self, need: str, fit: int) -> None:
        super().__init__(f"{need}; fix: at most {fit} steps fit, or run fewer paths")
        self.need, self.fit = need, fit


class Paths(NamedTuple):
    """What :func:`run` returns (leading axes: learning rate, start; :func:`sweep` puts
    optimizer and surface before them).

    Attributes:
      xy: ``[rates, starts, steps + 1, 2]``, the points (x, y), step 0 the start.
      loss: ``[rates, starts, steps + 1]``, the loss at each point.
      update: ``[rates, starts, steps]``, the Euclidean length of each step's update.
    """

    xy: np.ndarray
    loss: np.ndarray
    update: np.ndarray


def _point(xy: jax.Array) -> dict[str, jax.Array]:
    return {"x": xy[0], "y": xy[1]}


def _xy(params: Mapping[str, jax.Array]) -> jax.Array:
    return jnp.stack([params["x"], params["y"]])


def _path(
    tx: optax.GradientTransformation, loss: Callable[..., jax.Array], start: jax.Array, steps: int
) -> tuple[jax.Array, jax.Array, jax.Array]:
    """One run: points ``[steps + 1, 2]``, losses ``[steps + 1]``, update sizes ``[steps]``."""

    def step(carry, _):
        params, state = carry
        value, grads = jax.value_and_grad(loss)(params)
        updates, state = tx.update(grads, state, params)
        size = jnp.sqrt(sum(u**2 for u in jax.tree.leaves(updates)))
        return (optax.apply_updates(params, updates), state), (_xy(params), value, size)

    params = _point(start)
    (last, _), (xy, losses, sizes) = lax.scan(step, (params, tx.init(params)), length=steps)
    return jnp.concatenate([xy, _xy(last)[None]]), jnp.append(losses, loss(last)), sizes


@functools.partial(jax.jit, static_argnames=("makes", "losses", "steps", "kwargs"))
def _run(
    makes: tuple[Builder, ...],
    losses: tuple[Callable[..., jax.Array], ...],
    rates: jax.Array,
    starts: jax.Array,
    steps: int,
    kwargs: tuple[tuple[str, Any], ...],
) -> tuple[jax.Array, ...]:
    """Every builder × surface × rate × start; ``starts`` is ``[surfaces, starts, 2]``.

    The surfaces are one ``lax.switch`` on a vmapped index, so each builder's step is
    compiled once for all of them.
    """

    def loss(params: Mapping[str, jax.Array], index: jax.Array) -> jax.Array:
        return lax.switch(index, losses, params) if len(losses) > 1 else losses[0](params)

    def one(make: Builder, index: jax.Array, rate: jax.Array, start: jax.Array):
        tx = make(learning_rate=rate, **dict(kwargs))
        return _path(tx, functools.partial(loss, index=index), start, steps)

    def every(make: Builder) -> tuple[jax.Array, ...]:
        over_starts = jax.vmap(functools.partial(one, make), in_axes=(None, None, 0))
        over_rates = jax.vmap(over_starts, in_axes=(None, 0, None))
        over_surfaces = jax.vmap(over_rates, in_axes=(0, None, 0))
        return over_surfaces(jnp.arange(len(losses)), rates, starts)

    outs = [every(make) for make in makes]
    return tuple(jnp.stack(parts) for parts in zip(*outs, strict=True))


def sweep(
    makes: Sequence[Builder | str],
    surface_list: Sequence[surfaces.Surface | str],
    learning_rates: Sequence[float] | np.ndarray,
    steps: int,
    **kwargs: Any,
) -> Paths:
    """Every optimizer on every surface (from its start) at every rate: one program.

    Args:
      makes: optimizer builders taking ``learning_rate`` (e.g. ``optax.adam`` or
        ``mlp_jax.optimizers.adam``), or names of ``optimizers.OPTIMIZERS``.
      surface_list: surfaces: ``Surface`` objects or names of ``surfaces.SURFACES``.
      learning_rates: the rates, one run each.
      steps: updates per run.
      **kwargs: further (hashable) keywords of every builder, e.g. ``momentum=0.5``.

    Returns:
      ``Paths`` with leading axes ``[optimizers, surfaces, rates, 1]``, float32.

    Raises:
      TooManySteps: the paths would not fit in the device's memory (checked before
        compiling).
    """
    found = [surfaces.get(s) if isinstance(s, str) else s for s in surface_list]
    starts = [[s.start] for s in found]
    return _call(makes, found, learning_rates, starts, steps, kwargs)


def run(
    make: Builder | str,
    surface: surfaces.Surface | str,
    learning_rates: Sequence[float] | np.ndarray,
    steps: int,
    starts: Sequence[Sequence[float]] | np.ndarray | None = None,
    **kwargs: Any,
) -> Paths:
    """Runs one optimizer on one surface at each learning rate, from each start.

    Args:
      make, learning_rates, steps, **kwargs: as in ``sweep``.
      surface: a ``Surface`` or a name of ``surfaces.SURFACES``.
      starts: ``[starts, 2]`` points (x, y); default: the surface's start.

    Returns:
      ``Paths`` with leading axes ``[rates, starts]``, float32.

    Raises:
      TooManySteps: as in ``sweep``.
    """
    surface = surfaces.get(surface) if isinstance(surface, str) else surface
    starts = [surface.start] if starts is None else starts
    paths = _call([make], [surface], learning_rates, [starts], steps, kwargs)
    return Paths(*(a[0, 0] for a in paths))


def _call(makes, found, learning_rates, starts, steps, kwargs) -> Paths:
    makes = tuple(optimizers.get(m) if isinstance(m, str) else m for m in makes)
    rates = jnp.asarray(learning_rates, jnp.float32)
    points = jnp.asarray(starts, jnp.float32)
    _check_memory(len(makes) * rates.size * points.shape[0] * points.shape[1], steps)
    losses = tuple(s.loss for s in found)
    out = _run(makes, losses, rates, points, steps, tuple(sorted(kwargs.items())))
    return Paths(*(np.asarray(a) for a in out))


def _check_memory(runs: int, steps: int) -> None:
    """Refuses ``runs`` paths of ``steps`` steps that would not fit in the default device's
    memory: per step of a path, its point, loss and update size (4 float32), twice over
    (each optimizer's paths, then all of them stacked)."""
    capacity = train.device_bytes(jax.devices()[0], alone=True)
    per_step = 2 * runs * 4 * 4
    if capacity is not None and (steps + 1) * per_step > 0.9 * capacity:
        need = (steps + 1) * per_step / 2**30
        raise TooManySteps(
            f"{runs} paths of {steps} steps need about {need:.1f} GiB, more than the "
            f"device's {capacity / 2**30:.1f} GiB",
            max(int(0.9 * capacity) // per_step - 1, 0),
        )


def diverged(loss: np.ndarray) -> np.ndarray:
    """Whether each path (last axis: steps) diverged: a non-finite loss anywhere, or a
    final loss above the start's."""
    loss = np.asarray(loss, dtype=float)
    return ~np.isfinite(loss).all(-1) | ~(loss[..., -1] <= loss[..., 0])


def distance(xy: np.ndarray, surface: surfaces.Surface) -> np.ndarray:
    """Euclidean distance of points ``[..., 2]`` to the surface's minimum."""
    return np.hypot(*np.moveaxis(np.asarray(xy, float) - surface.minimum, -1, 0))


def steps_to(loss: np.ndarray, minimum_loss: float, tolerance: float = TOLERANCE) -> np.ndarray:
    """Steps until the loss (last axis) stays within ``tolerance`` of ``minimum_loss``.

    Returns:
      Per path, the first step from which every later loss is within the tolerance,
      as float; NaN when the last one is not.
    """
    inside = np.abs(np.asarray(loss, float) - minimum_loss) <= tolerance
    stays = np.flip(np.logical_and.accumulate(np.flip(inside, -1), -1), -1)
    first = np.argmax(stays, -1).astype(float)
    return np.where(stays[..., -1], first, np.nan)


def choose_rate(
    loss: np.ndarray, xy: np.ndarray, surface: surfaces.Surface, candidates: Sequence[int]
) -> int:
    """Of the ``candidates`` (indices into the first axis: rates), the rate that gets
    closest to the surface's minimum without diverging.

    Rates whose loss ends within ``TOLERANCE`` of the minimum are equally close (in
    float32 several get there to the last bit); of them, the one that gets there
    first (``steps_to``). If none does, the one whose path ends closest to the
    minimum. Ties go to the lower rate; diverged paths (``diverged``) are out, unless
    every candidate diverged (then the first one).

    Args:
      loss: ``[rates, steps + 1]``; xy: ``[rates, steps + 1, 2]``.
    """
    final = distance(xy[:, -1], surface)
    reach = np.nan_to_num(steps_to(loss, surface.minimum_loss), nan=np.inf)
    bad = diverged(loss) | ~np.isfinite(final)
    return min(candidates, key=lambda i: (bad[i], reach[i], final[i], i))


class Run(NamedTuple):
    """One optimizer's path on one surface, as ``trajectories.csv`` keeps it.

    Attributes:
      surface: the surface's name; optimizer: the optimizer's name.
      learning_rate: the rate it ran at.
      xy: ``[steps + 1, 2]``, step 0 the start; loss: ``[steps + 1]``.
    """

    surface: str
    optimizer: str
    learning_rate: float
    xy: np.ndarray
    loss: np.ndarray


COLUMNS = ("surface", "optimizer", "learning_rate", "step", "x", "y", "loss")
"""The columns of ``trajectories.csv``: one row per run and step, step 0 the start."""


def write_csv(path: str | os.PathLike[str], runs: Iterable[Run]) -> Path:
    """Writes ``runs`` to ``path`` in long format (``COLUMNS``), atomically."""
    rows = [
        dict(zip(COLUMNS, (r.surface, r.optimizer, r.learning_rate, t, *map(float, xy), float(f))))
        for r in runs
        for t, (xy, f) in enumerate(zip(r.xy, r.loss, strict=True))
    ]
    return util.write_csv(path, COLUMNS, rows)


def read_csv(path: str | os.PathLike[str]) -> list[Run]:
    """The runs of a ``trajectories.csv``, in file order (an empty field reads as NaN).

    Raises:
      ValueError: the file lacks a column of ``COLUMNS``.
    """
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    if rows and (missing := set(COLUMNS) - set(rows[0])):
        raise ValueError(f"{path}: no column {', '.join(sorted(missing))}")
    number = lambda text: float(text) if text else math.nan
    groups: dict[tuple[str, str, str], list[dict[str, str]]] = {}
    for row in rows:
        groups.setdefault((row["surface"], row["optimizer"], row["learning_rate"]), []).append(row)
    return [
        Run(
            surface,
            optimizer,
            float(rate),
            np.array([[number(r["x"]), number(r["y"])] for r in group]),
            np.array([number(r["loss"]) for r in group]),
        )
        for (surface, optimizer, rate), group in groups.items()
    ]


class Study(NamedTuple):
    """Optimizers on surfaces, each at the rate chosen for it (``study``).

    Attributes:
      optimizers: the optimizers' names.
      surfaces: the surfaces.
      rates: every rate that ran (ascending), the same for all.
      paths: ``Paths`` with leading axes ``[optimizers, surfaces, rates]`` (one start).
      chosen: ``[optimizers, surfaces]``, the index of each one's rate.
    """

    optimizers: list[str]
    surfaces: list[surfaces.Surface]
    rates: np.ndarray
    paths: Paths
    chosen: np.ndarray

    def run(self, optimizer: str, surface: str, learning_rate: float) -> Run:
        """One optimizer's path on one surface at one of ``rates``."""
        i, j = self.optimizers.index(optimizer), self._surface(surface)
        k = int(np.flatnonzero(np.isclose(self.rates, learning_rate))[0])
        return Run(
            surface,
            optimizer,
            float(self.rates[k]),
            self.paths.xy[i, j, k],
            self.paths.loss[i, j, k],
        )

    def best(self, surface: str, names: Sequence[str] | None = None) -> list[Run]:
        """The optimizers of ``names`` (default: all) on ``surface``, each at its chosen rate."""
        j = self._surface(surface)
        return [
            self.run(name, surface, self.rates[self.chosen[self.optimizers.index(name), j]])
            for name in (self.optimizers if names is None else names)
        ]

    def _surface(self, name: str) -> int:
        return [s.name for s in self.surfaces].index(name)


def study(
    names: Sequence[str],
    surface_list: Sequence[surfaces.Surface],
    steps: int,
    overrides: Mapping[str, float] | None = None,
    extra_rates: Sequence[float] = (),
) -> Study:
    """Every optimizer of ``names`` on every surface, as one program (``sweep``).

    An optimizer in ``overrides`` runs at that rate; the others at each rate of
    ``GRID``, keeping ``choose_rate``'s. ``extra_rates`` run too (for every optimizer:
    one program), but are never chosen.
    """
    overrides = dict(overrides or {})
    rates = np.array(sorted({*GRID, *overrides.values(), *extra_rates}))
    paths = sweep(names, surface_list, rates, steps)
    grid = [int(np.flatnonzero(rates == r)[0]) for r in GRID]
    chosen = np.zeros((len(names), len(surface_list)), int)
    for i, name in enumerate(names):
        candidates = (
            [int(np.flatnonzero(rates == overrides[name])[0])] if name in overrides else grid
        )
        for j, surface in enumerate(surface_list):
            loss, xy = paths.loss[i, j, :, 0], paths.xy[i, j, :, 0]
            chosen[i, j] = choose_rate(loss, xy, surface, candidates)
    squeezed = Paths(*(a[:, :, :, 0] for a in paths))
    return Study(list(names), list(surface_list), rates, squeezed, chosen)


def oscillation(y: np.ndarray, fraction: float = 0.01) -> tuple[float, float]:
    """How a path swings across a ravine whose floor is y = 0.

    Returns:
      ``(overshoot, settle)``: the largest |y| after y first changes sign (0 if it
      never does), and the step from which |y| stays within ``fraction`` of its start
      (NaN if it does not by the last step).
    """
    y = np.asarray(y, float)
    off = np.flatnonzero(y)  # A crossing may pass through exactly 0.
    flips = off[1:][np.sign(y[off[1:]]) != np.sign(y[off[:-1]])]
    overshoot = float(np.max(np.abs(y[flips[0] :]))) if flips.size else 0.0
    return overshoot, float(steps_to(y, 0.0, fraction * abs(y[0])))


@functools.cache
def stability_bound(surface: surfaces.Surface) -> float:
    """2/λ_max: gradient descent near the minimum converges only for α below this
    (λ_max, the largest eigenvalue of the Hessian there)."""
    return 2.0 / float(np.linalg.eigvalsh(surface.hessian())[-1])


def learning_rate_study(surface: surfaces.Surface) -> dict[str, float]:
    """The lab's Fig. 1 rates for plain SGD on ``surface``, from its curvature λ_max:
    ``too_small`` 0.1/λ_max, ``about_right`` 1/λ_max (no overshoot across the steepest
    direction, the fastest rate without) and ``too_large`` 1.05 × 2/λ_max (unstable)."""
    bound = stability_bound(surface)
    return {"too_small": 0.05 * bound, "about_right": 0.5 * bound, "too_large": 1.05 * bound}


class Decomposition(NamedTuple):
    """One step from the same point θ and velocity v, as the lab's Fig. 2 draws it.

    Every field but ``point`` is a displacement (x, y) from ``point``:

    Attributes:
      point: θ_t, where the momentum transform has arrived after ``step`` steps.
      gradient: −α∇C(θ_t), the gradient step momentum takes at θ_t.
      jump: −γv_{t−1}, the momentum jump both methods make.
      momentum_update: momentum's update, as its transform returns it.
      correction: −α∇C(θ_t − γv_{t−1}), Nesterov's gradient at the look-ahead point.
      nesterov_update: θ_{t+1} − θ_t of Nesterov's transform, read from the look-ahead
        point it holds and its state (see ``optimizers.nesterov``).
    """

    point: np.ndarray
    gradient: np.ndarray
    jump: np.ndarray
    momentum_update: np.ndarray
    correction: np.ndarray
    nesterov_update: np.ndarray


def decompose(
    surface: surfaces.Surface, learning_rate: float, step: int, momentum: float = MOMENTUM
) -> Decomposition:
    """Splits one momentum step and one Nesterov step from the same θ_t and v_{t−1}.

    The momentum transform (``optimizers.momentum``) runs ``step`` steps from the
    surface's start; its state then holds −v_{t−1}. Nesterov's transform
    (``optimizers.nesterov``) gets the same state and holds the look-ahead point
    φ = θ_t − γv_{t−1}; its update, mapped back to θ (θ_{t+1} = φ_{t+1} + γv_t, with
    −v_t in its new state), is compared with the jump and the correction, which are
    computed here with ``jax.grad`` independently of either transform. One compiled
    program.
    """
    start = jnp.asarray(surface.start, jnp.float32)
    parts = _decompose(surface.loss, start, learning_rate, momentum, step)
    return Decomposition(**{k: np.asarray(v, dtype=float) for k, v in parts.items()})


@functools.partial(jax.jit, static_argnames=("loss", "step"))
def _decompose(
    loss: Callable[..., jax.Array],
    start: jax.Array,
    learning_rate: jax.Array,
    momentum: jax.Array,
    step: int,
) -> dict[str, jax.Array]:
    heavy = optimizers.momentum(learning_rate, momentum)
    nag = optimizers.nesterov(learning_rate, momentum)
    grad = jax.grad(loss)
    params = _point(start)
    state = heavy.init(params)
    for _ in range(step):
        updates, state = heavy.update(grad(params), state, params)
        params = optax.apply_updates(params, updates)
    trace = optax.tree_utils.tree_get(state, "trace")  # −v_{t−1}
    jump = jax.tree.map(lambda m: momentum * m, trace)
    heavy_update, _ = heavy.update(grad(params), state, params)
    ahead = optax.apply_updates(params, jump)  # φ = θ − γv_{t−1}
    nag_state = optax.tree_utils.tree_set(nag.init(ahead), trace=trace)
    nag_update, nag_state = nag.update(grad(ahead), nag_state, ahead)
    new_trace = optax.tree_utils.tree_get(nag_state, "trace")  # −v_t
    # θ_{t+1} = φ_{t+1} + γv_t
    after = jax.tree.map(lambda p, u, m: p + u - momentum * m, ahead, nag_update, new_trace)
    return {
        "point": _xy(params),
        "gradient": -learning_rate * _xy(grad(params)),
        "jump": _xy(jump),
        "momentum_update": _xy(heavy_update),
        "correction": -learning_rate * _xy(grad(ahead)),
        "nesterov_update": _xy(after) - _xy(params),
    }
