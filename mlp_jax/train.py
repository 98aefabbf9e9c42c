"""Training engine: every seed of a configuration in one compiled program.

Vocabulary. A *configuration* (an optimizer at a learning rate, an initializer, ...)
is trained with several *seeds*; with a hyperparameter *grid*, every grid point is
trained with every seed. Each (grid point, seed) pair is one *run*: one lane of the
compiled program. ``train`` runs them all as a single jitted program: ``jax.vmap``
over runs, ``lax.scan`` over the minibatches of an epoch, data resident on the
device. Python loops only over epochs, to report progress.

Randomness. Seed ``s`` uses ``fold_in(key(seed), s)``, split into an init key and a
shuffling key; epoch ``e`` is shuffled with ``fold_in(shuffle_key, e)``. So seed
``s`` sees the same numbers trained alone or among 10, and every grid point uses
the same seeds (common random numbers make the comparison sharper).

Minibatches. Each epoch draws a fresh permutation on the device and takes
``N // batch_size`` full batches; the remaining ``N mod batch_size`` examples are
left out of that epoch (a different remainder every epoch), so every step has the
same batch size.

Divergence. A run diverges at the first step whose minibatch loss is non-finite or
exceeds ``divergence_factor`` times its loss at initialization (the loss of its
first minibatch). It is then frozen: its parameters stop changing,
``diverged_step`` records the global step, and its later losses and metrics are
NaN. It never affects the other runs.

Devices. The runs are split across the devices with ``jax.shard_map`` over a 1-D
``Mesh`` named ``"runs"`` (padded to a multiple of the device count with copies of
real runs, dropped from the results; runs never communicate, so the results equal
one device's). After ``jax.distributed.initialize()``, ``jax.devices()`` is the
global device list: the mesh spans every process, each computes the runs on its
own devices, and the results are gathered to every process at the end of each
epoch (``multihost_utils.process_allgather``). Every process must pass the same
data and arguments. If another process stops, the gather fails and ``train`` raises
``DistributedError``.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import math
import os
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, NamedTuple

import jax
import jax.numpy as jnp
import numpy as np
import optax
from jax.experimental import multihost_utils
from jax.sharding import Mesh, NamedSharding, PartitionSpec

from mlp_jax import model, util
from mlp_jax.records import History, RecordError

__all__ = [
    "History",
    "RecordError",
    "initial_params",
    "train",
]  # History and RecordError live in records.

DIVERGENCE_FACTOR = 1e3
"""Default ``divergence_factor``: see BUILD_NOTES.md, "Divergence"."""

MAX_SEED = 2**31 - 1
"""The largest ``seed`` (and seed id): JAX takes a seed as a signed 32-bit integer."""

Optimizer = optax.GradientTransformation | Callable[..., optax.GradientTransformation]
Evals = Mapping[str, tuple[jax.Array, jax.Array]]


class OutOfMemory(MemoryError):
    """The runs of one ``train`` call would not fit in the devices' memory."""


class DistributedError(Exception):
    """The processes of a multi-process run cannot go on together: one stopped, or they differ."""


class _Program(NamedTuple):
    """The static description of the compiled program (bound with ``functools.partial``)."""

    layer_sizes: tuple[int, ...]
    activation: model.Activation
    loss: str
    w_init: Callable[..., jax.Array]
    make_optimizer: Callable[[Mapping[str, jax.Array]], optax.GradientTransformation]
    divergence_factor: float
    batch_size: int
    steps: int
    log_every: int


class _Lane(NamedTuple):
    """Everything one run carries from epoch to epoch."""

    params: model.Params
    opt_state: optax.OptState
    diverged_step: jax.Array  # -1 while healthy
    loss0: jax.Array  # minibatch loss at initialization
    shuffle_key: jax.Array
    hparams: Mapping[str, jax.Array]


def _objective(program: _Program, params, x, y):
    logits = model.apply(params, x, program.activation)
    return model.LOSSES[program.loss](logits, y), logits


def _evaluate(program: _Program, lane: _Lane, evals: Evals) -> dict[str, tuple]:
    """Loss and accuracy on each evaluation set; NaN once the run diverged."""
    nan = jnp.where(lane.diverged_step >= 0, jnp.nan, 0.0)
    out = {}
    for name, (x, y) in evals.items():
        value, logits = _objective(program, lane.params, x, y)
        out[name] = (value + nan, jnp.mean(jnp.argmax(logits, -1) == y) + nan)
    return out


def _step(program: _Program, opt, lane: _Lane, batch) -> tuple[_Lane, tuple]:
    """One optimizer step of one run, frozen from the step it diverges."""
    x, y, t = batch
    objective = lambda params: _objective(program, params, x, y)
    (value, logits), grads = jax.value_and_grad(objective, has_aux=True)(lane.params)
    updates, opt_state = opt.update(grads, lane.opt_state, lane.params, value=value)
    loss0 = jnp.where(t == 0, value, lane.loss0)
    healthy = lane.diverged_step < 0
    keep = healthy & jnp.isfinite(value) & (value <= program.divergence_factor * loss0)
    # The freeze is fused into the parameter update. A diverged run's optimizer state
    # is never used again, so it is left as it comes (selecting it costs a pass).
    params = jax.tree.map(
        lambda p, u: jnp.where(keep, (p + u).astype(p.dtype), p), lane.params, updates
    )
    diverged = jnp.where(healthy & ~keep, t, lane.diverged_step)
    nan = jnp.where(healthy, 0.0, jnp.nan)
    acc = jnp.mean(jnp.argmax(logits, -1) == y)
    new = lane._replace(params=params, opt_state=opt_state, diverged_step=diverged, loss0=loss0)
    return new, (value + nan, acc + nan)


def _epoch(program: _Program, lane: _Lane, shared) -> tuple[_Lane, tuple]:
    """One epoch of one run: shuffle, scan the steps, evaluate."""
    epoch, x, y, evals = shared
    opt = program.make_optimizer(lane.hparams)
    perm = jax.random.permutation(jax.random.fold_in(lane.shuffle_key, epoch), len(x))
    batches = perm[: program.steps * program.batch_size].reshape(program.steps, -1)
    first = epoch * program.steps

    def body(lane, inputs):
        i, idx = inputs
        return _step(program, opt, lane, (x[idx], y[idx], first + i))

    # Unrolling two steps per loop iteration measured 3-8% faster on CPU.
    lane, (values, accs) = jax.lax.scan(body, lane, (jnp.arange(program.steps), batches), unroll=2)
    windows = program.steps // program.log_every
    step_loss = values[: windows * program.log_every].reshape(windows, -1).mean(-1)
    return lane, (step_loss, (values.mean(), accs.mean()), _evaluate(program, lane, evals))


def _init(program: _Program, per_run, shared) -> tuple[_Lane, dict]:
    """A run's initial lane from its seed id and grid point, and its first evaluation."""
    seed_id, hparams = per_run
    base_seed, evals = shared
    init_key, shuffle_key = _keys(base_seed, seed_id)
    dtype = next(iter(evals.values()))[0].dtype
    params = model.init_mlp(init_key, program.layer_sizes, program.w_init, dtype=dtype)
    opt_state = program.make_optimizer(hparams).init(params)
    lane = _Lane(
        params, opt_state, jnp.int32(-1), jnp.asarray(jnp.nan, dtype), shuffle_key, hparams
    )
    return lane, _evaluate(program, lane, evals)


def _keys(base_seed, seed_id) -> tuple[jax.Array, jax.Array]:
    """Seed ``seed_id``'s initialization and shuffling keys (the module docstring's rule)."""
    return tuple(jax.random.split(jax.random.fold_in(jax.random.key(base_seed), seed_id)))


def initial_params(
    layer_sizes: Sequence[int],
    w_init: Callable[..., jax.Array],
    seeds: int | Sequence[int] = 10,
    seed: int = 0,
    dtype: Any = jnp.float32,
) -> model.Params:
    """The parameters ``train`` starts each seed from, without training: the same
    ``layer_sizes``, ``w_init``, ``seeds`` and ``seed`` give the same numbers (the data's
    ``dtype``); every grid point of a seed starts from them. Leaves have a leading seed axis.
    """
    seeds = list(range(seeds)) if isinstance(seeds, int) else list(seeds)

    def one(seed_id):
        key = _keys(seed, seed_id)[0]
        return model.init_mlp(key, tuple(layer_sizes), w_init, dtype=dtype)

    return jax.jit(jax.vmap(one))(jnp.asarray(seeds, jnp.int32))


def _over_runs(fn: Callable, mesh: Mesh) -> Callable:
    """``fn(per_run, shared)`` of one run, mapped over the leading run axis of ``per_run``.

    With several devices the runs are split across the mesh; ``shared`` is replicated.
    """
    batched = jax.vmap(fn, in_axes=(0, None))
    if mesh.size == 1:
        return batched
    # Runs never communicate; check_vma=False lets optimizers whose lax.cond branches
    # mix per-run and constant values (optax's reduce_on_plateau) through.
    runs, replicated = PartitionSpec("runs"), PartitionSpec()
    return jax.shard_map(
        batched, mesh=mesh, in_specs=(runs, replicated), out_specs=runs, check_vma=False
    )


class _Layout(NamedTuple):
    """Which (grid point, seed) each lane runs, padded to a multiple of the devices."""

    seed_ids: np.ndarray  # [lanes]
    hparams: dict[str, np.ndarray]  # name -> [lanes]
    n_runs: int  # real runs; the rest are padding
    lead: tuple[int, ...]  # (*grid, S): the leading axes of per-run results
    mesh: Mesh


def _layout(seeds: Sequence[int], grid: Mapping[str, np.ndarray], devices) -> _Layout:
    grid_shape = (len(next(iter(grid.values()))),) if grid else ()
    n_runs = math.prod(grid_shape) * len(seeds)
    devices = list(devices or jax.devices())[:n_runs]
    lanes = n_runs + (-n_runs % len(devices))
    seed_ids = np.resize(np.tile(seeds, math.prod(grid_shape)), lanes).astype(np.int32)
    hparams = {k: np.resize(np.repeat(v, len(seeds)), lanes) for k, v in grid.items()}
    return _Layout(seed_ids, hparams, n_runs, (*grid_shape, len(seeds)), Mesh(devices, ("runs",)))


def _put(tree: Any, mesh: Mesh, spec: PartitionSpec) -> Any:
    """Host arrays onto the mesh (sharded on the run axis, or replicated); any process count."""
    sharding = NamedSharding(mesh, spec)

    def put(a):
        a = np.asarray(a)
        return jax.make_array_from_callback(a.shape, sharding, lambda index: a[index])

    return jax.tree.map(put, tree)


@contextlib.contextmanager
def _collective() -> Iterator[None]:
    """A failed collective across processes (another process stopped) as ``DistributedError``."""
    try:
        yield
    except (jax.errors.JaxRuntimeError, ValueError) as e:  # Dispatch raises the latter.
        cause = str(e).strip().partition("\n")[0]
        raise DistributedError(
            f"another process of this {jax.process_count()}-process run stopped ({cause}); "
            "fix: see that process's output, then start them all again"
        ) from e


def allgather(value: np.ndarray) -> np.ndarray:
    """Every process's ``value`` (the same shape in each), stacked in process order.

    Raises:
      DistributedError: another process stopped.
    """
    with _collective():
        return np.asarray(multihost_utils.process_allgather(value))


def _gather(tree: Any, layout: _Layout) -> Any:
    """Per-lane device arrays → host arrays with leading axes ``(*grid, S)``, padding dropped."""

    def gather(a):
        if jax.process_count() > 1:  # Each process holds only its own runs' shards.
            with _collective():
                a = multihost_utils.process_allgather(a, tiled=True)
        a = np.asarray(a)[: layout.n_runs]
        return a.reshape(layout.lead + a.shape[1:])

    return jax.tree.map(gather, tree)


def _check(
    seeds: Sequence[int],
    grid: Mapping[str, np.ndarray],
    optimizer,
    x,
    batch_size,
    epochs,
    log_every,
):
    if min(epochs, batch_size, len(seeds)) < 1 or batch_size > len(x):
        raise ValueError("epochs, seeds, batch_size must be >= 1 and batch_size <= N")
    steps = len(x) // batch_size
    if not 1 <= log_every <= steps:
        raise ValueError(
            f"log_every must be in 1..{steps} (the steps of an epoch), got {log_every}"
        )
    if len(set(seeds)) < len(seeds) or not all(0 <= s <= MAX_SEED for s in seeds):
        raise ValueError(f"seeds must be distinct integers in [0, 2**31), got {seeds}")
    if len({v.shape for v in grid.values()}) > 1 or any(v.ndim != 1 for v in grid.values()):
        raise ValueError("every hparams entry must be a 1-D list of the same length")
    if any(v.size == 0 for v in grid.values()):
        raise ValueError("every hparams entry needs at least one value; got an empty list")
    if grid and isinstance(optimizer, optax.GradientTransformation):
        raise ValueError("with hparams, optimizer must be a builder such as optax.adam")
    if grid and (takes := _parameters(optimizer)) is not None and not set(grid) <= takes:
        raise ValueError(
            f"hparams {', '.join(sorted(set(grid) - takes))} are not arguments of the "
            f"optimizer builder {getattr(optimizer, '__qualname__', optimizer)!r} "
            f"(it takes {', '.join(sorted(takes))})"
        )


def _check_rates(hparams: Mapping[str, Sequence[float]]) -> None:
    """Refuses a ``learning_rate`` grid point that would not descend: negative (gradient
    ascent), or not finite in float32. Zero is allowed: a control run that keeps its
    initial parameters."""
    rates = np.ravel(np.asarray(hparams.get("learning_rate", []), np.float64))
    ok = np.isfinite(rates) & (rates >= 0) & (rates <= np.finfo(np.float32).max)
    if not ok.all():
        bad = ", ".join(map(str, rates[~ok]))
        raise ValueError(f"learning_rate must be >= 0 and finite in float32, got {bad}")


def _parameters(optimizer: Callable[..., Any]) -> set[str] | None:
    """The argument names an optimizer builder takes; None (any) if it takes ``**kwargs``."""
    try:
        parameters = inspect.signature(optimizer).parameters.values()
    except (TypeError, ValueError):  # No signature to read (a builtin): let it decide.
        return None
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters):
        return None
    return {p.name for p in parameters}


def _check_data(name: str, x: Any, y: Any, layer_sizes: Sequence[int]) -> None:
    """One clear ``ValueError`` for inputs ``train`` would silently misuse (not jitted)."""
    x, y = np.asarray(x), np.asarray(y)
    if x.ndim != 2 or len(x) == 0 or x.shape[1] != layer_sizes[0]:
        raise ValueError(
            f"{name} inputs must be a non-empty [N, {layer_sizes[0]}] array, got shape {x.shape}"
        )
    if y.shape != (len(x),):
        raise ValueError(f"{name} has {len(x)} inputs but labels of shape {y.shape}")
    if not np.issubdtype(y.dtype, np.integer):
        raise ValueError(f"{name} labels must be integers (class ids), got dtype {y.dtype}")
    classes = layer_sizes[-1]
    if y.min() < 0 or y.max() >= classes:
        raise ValueError(
            f"{name} labels must be in 0..{classes - 1} (layer_sizes[-1] = {classes} classes), "
            f"found {y.min()}..{y.max()}"
        )
    if not np.isfinite(x).all():
        raise ValueError(f"{name} inputs hold {(~np.isfinite(x)).sum()} non-finite values")


def _check_settings(layer_sizes, loss, divergence_factor, seed) -> None:
    """The scalar arguments of ``train``; see ``_check_data`` for the arrays."""
    model.check_layer_sizes(layer_sizes)
    if loss not in model.LOSSES:
        raise ValueError(f"unknown loss {loss!r}; known: {', '.join(model.LOSSES)}")
    if divergence_factor is not None and not divergence_factor > 0:
        raise ValueError(f"divergence_factor must be > 0 (or None), got {divergence_factor}")
    if not 0 <= seed <= MAX_SEED:
        raise ValueError(f"seed must be in [0, 2**31), got {seed}")


def _optimizer_maker(optimizer: Optimizer, grid: Mapping[str, Any]) -> Callable:
    def make(hparams):
        opt = optax.inject_hyperparams(optimizer)(**hparams) if grid else optimizer
        # Extra-args support lets ``update(..., value=loss)`` reach plateau schedules.
        return optax.with_extra_args_support(opt)

    return make


def _bytes(tree: Any) -> int:
    return sum(leaf.size * leaf.dtype.itemsize for leaf in jax.tree.leaves(tree))


def device_bytes(device: jax.Device, alone: bool = False) -> int | None:
    """Memory one device may use: its allocator's limit, else the host's RAM, shared by its
    CPU devices unless it works ``alone``; None where neither is known (e.g. CPU on Windows)."""
    stats = device.memory_stats() or {}
    if "bytes_limit" in stats:
        return int(stats["bytes_limit"])
    try:
        ram = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):
        return None
    return ram if alone else ram // len(jax.local_devices(backend=device.platform))


def _check_memory(program: _Program, layout: _Layout, lanes: Any, shared: Any) -> None:
    """Refuses a call whose runs would not fit, before anything is allocated.

    Per run: its state (parameters, optimizer state) about four times over (the state,
    its update, gradients, updates), the activations of a minibatch step and of the
    largest evaluation set; per device: a copy of the data. See BUILD_NOTES.md,
    "Memory".
    """
    devices = layout.mesh.devices.size
    capacity = device_bytes(layout.mesh.local_devices[0])  # This process's own.
    if capacity is None:
        return
    lanes_n = len(layout.seed_ids)
    width = sum(program.layer_sizes[1:])
    eval_rows = max(len(y) for _, y in shared[2].values())
    per_run = 4 * _bytes(lanes) // lanes_n + 4 * width * (4 * program.batch_size + 2 * eval_rows)
    need = _bytes(shared) + -(-lanes_n // devices) * per_run
    if need > 0.9 * capacity:
        per_seed = math.prod(layout.lead[:-1]) * per_run
        fit = max(int((0.9 * capacity - _bytes(shared)) * devices // per_seed), 0)
        raise OutOfMemory(
            f"{layout.lead[-1]} seeds x {math.prod(layout.lead[:-1])} grid points need about "
            f"{need / 2**30:.1f} GiB per device, more than its {capacity / 2**30:.1f} GiB; "
            f"fix: at most {fit} seeds fit, or train fewer grid points"
        )


def train(
    x: jax.Array,
    y: jax.Array,
    *,
    test: tuple[jax.Array, jax.Array],
    validation: tuple[jax.Array, jax.Array] | None = None,
    layer_sizes: Sequence[int],
    activation: model.Activation,
    w_init: Callable[..., jax.Array],
    optimizer: Optimizer,
    hparams: Mapping[str, Sequence[float]] | None = None,
    halving: int = 0,
    batch_size: int = 128,
    epochs: int = 10,
    seeds: int | Sequence[int] = 10,
    seed: int = 0,
    loss: str = "cross_entropy",
    divergence_factor: float | None = DIVERGENCE_FACTOR,
    log_every: int = 1,
    log: Callable[[Progress], None] | None = print,
    on_epoch: Callable[[int, Any], None] | None = None,
    devices: Sequence[jax.Device] | None = None,
) -> History:
    """Trains every seed (and grid point) of one configuration together.

    Args:
      x: training inputs ``[N, n_inputs]``.
      y: integer training labels ``[N]``.
      test: ``(x, y)`` evaluated at initialization and after every epoch.
      validation: optional ``(x, y)``, evaluated likewise.
      layer_sizes: ``[n_inputs, hidden..., n_classes]``.
      activation: hidden-layer activation.
      w_init: weight initializer ``fn(key, (n_in, n_out), dtype)``; biases are 0.
      optimizer: a ``GradientTransformation`` (ours or optax's) or, when
        ``hparams`` is given, a builder called as ``optimizer(**hyperparameters)``
        through ``optax.inject_hyperparams``.
      hparams: optional grid, name → G values (all the same length); the grid
        becomes a leading axis ``[G]`` of every per-run array. Its
        ``learning_rate`` values must be >= 0 and finite in float32 (a negative
        rate would climb the loss); 0 is a control that keeps the initial
        parameters.
      halving: after this epoch, a grid of 3 or more points keeps its better half
        (rounded up; ``grid_order`` on the validation loss) and only those train on:
        the others' later values are NaN and ``History.grid_epochs`` says how many
        epochs each point trained. 0 (or a grid of fewer points): every point trains
        every epoch. Needs ``validation``.
      batch_size: minibatch size.
      epochs: passes over the training set.
      seeds: the number of seeds S (ids ``0..S-1``), or the ids to run.
      seed: base seed, in [0, 2**31).
      loss: a key of ``model.LOSSES``.
      divergence_factor: a run diverges when its minibatch loss exceeds this
        multiple of its loss at initialization (or is non-finite); None: only
        non-finite losses count.
      log_every: window, in steps, of ``History.step_loss``.
      log: receives a ``Progress`` after each epoch (``print`` shows its line);
        ``None`` for silence.
      on_epoch: called as ``on_epoch(epoch, params)`` at initialization (epoch 0)
        and after each epoch, with the parameters of all runs (leading axes as in
        ``History.params``), for diagnostics.
      devices: devices to split the runs over; default ``jax.devices()``.

    Returns:
      The ``History`` of all runs; its ``provenance`` is None.
    """
    seeds = list(range(seeds)) if isinstance(seeds, int) else list(seeds)
    _check_rates(hparams or {})
    grid = {k: np.asarray(v, np.float32) for k, v in (hparams or {}).items()}
    _check_settings(layer_sizes, loss, divergence_factor, seed)
    splits = {"training": (x, y), "test": test, "validation": validation}
    _check_splits(splits, layer_sizes)
    _check(seeds, grid, optimizer, x, batch_size, epochs, log_every)
    halving = _check_halving(halving, grid, validation, epochs)
    steps = len(x) // batch_size
    factor = math.inf if divergence_factor is None else float(divergence_factor)
    program = _Program(
        tuple(layer_sizes),
        activation,
        loss,
        w_init,
        _optimizer_maker(optimizer, grid),
        factor,
        batch_size,
        steps,
        log_every,
    )
    layout = _layout(seeds, grid, devices)
    evals = {"test": test} | ({"val": validation} if validation is not None else {})
    run, first = _start(program, layout, (x, y, evals), seed)
    record = _epochs(run, first, (seeds, grid, devices, halving), epochs, log, on_epoch)
    return History(
        **record,
        compile_s=run.compile_s,
        steps_per_epoch=steps,
        log_every=log_every,
        seeds=tuple(seeds),
        grid={k: tuple(map(float, v)) for k, v in grid.items()},
    )


class _Run(NamedTuple):
    """The compiled epoch and what it runs on; ``rows``: the grid points the lanes hold
    (None: all of them, in order)."""

    epoch_all: Callable
    compiled: Any
    lanes: _Lane
    shared: Any
    layout: _Layout
    rows: np.ndarray | None
    compile_s: float


def _start(program: _Program, layout, data, seed: int) -> tuple[_Run, dict]:
    """Puts ``data`` (``(x, y, evals)``) and the runs' ids and hyperparameters on the
    layout's mesh, initializes every run and compiles one epoch.

    Returns:
      The ``_Run`` (its ``compile_s``: the seconds all this took) and the evaluations
      at initialization.
    """
    shared = _put(data, layout.mesh, PartitionSpec())
    per_run = _put((layout.seed_ids, layout.hparams), layout.mesh, PartitionSpec("runs"))
    init_all = jax.jit(_over_runs(functools.partial(_init, program), layout.mesh))
    epoch_all = jax.jit(
        _over_runs(functools.partial(_epoch, program), layout.mesh), donate_argnums=0
    )
    _check_memory(program, layout, jax.eval_shape(init_all, per_run, (seed, shared[2]))[0], shared)
    t0 = time.perf_counter()
    lanes, first = init_all(per_run, (np.uint32(seed), shared[2]))
    compiled = epoch_all.lower(lanes, (np.int32(0), *shared)).compile()
    run = _Run(epoch_all, compiled, lanes, shared, layout, None, time.perf_counter() - t0)
    return run, first


def grid_order(val_loss: np.ndarray, finite: np.ndarray) -> np.ndarray:
    """Grid points from best to worst by their validation loss: first those where no
    seed diverged, by mean loss; then the others, by the mean over the seeds that did
    not diverge (points with no finite mean last). Ties keep grid order.

    Args:
      val_loss: ``[G, S]`` validation losses (NaN where not measured).
      finite: ``[G, S]``, the runs that never diverged.
    """
    n = finite.sum(-1)
    total = np.where(finite, val_loss, 0.0).sum(-1)
    mean = np.where(n > 0, total / np.maximum(n, 1), np.inf)
    mean = np.where(np.isfinite(mean), mean, np.inf)
    clean = finite.all(-1) & np.isfinite(mean)
    return np.lexsort((mean, ~clean))


def applied_halving(halving: int, points: int, epochs: int) -> int:
    """``train``'s ``halving`` as it applies to a grid of ``points`` over ``epochs``: 0
    where the grid has fewer than 3 points or the epoch is the last."""
    return 0 if points < 3 or halving >= epochs else halving


def kept_points(points: int) -> int:
    """The grid points a halving keeps: the better half, rounded up."""
    return (points + 1) // 2


def _check_halving(halving: int, grid, validation, epochs: int) -> int:
    """``applied_halving`` of ``train``'s arguments, checked."""
    if halving < 0:
        raise ValueError(f"halving must be an epoch >= 0 (0: never), got {halving}")
    points = len(next(iter(grid.values()))) if grid else 0
    halving = applied_halving(halving, points, epochs)
    if halving and validation is None:
        raise ValueError("halving a grid needs validation data to choose the points kept")
    return halving


def _halve(run: _Run, val_loss: np.ndarray, diverged: np.ndarray, plan) -> _Run:
    """``run`` with the better half of its grid points (rounded up), the lanes moved to
    a new layout and the epoch compiled for it."""
    seeds, grid, devices, _ = plan
    keep = np.sort(grid_order(val_loss, diverged < 0)[: kept_points(len(val_loss))])
    rows = keep if run.rows is None else run.rows[keep]
    lanes = run.lanes._replace(shuffle_key=jax.random.key_data(run.lanes.shuffle_key))
    kept = jax.tree.map(lambda a: a[keep], _gather(lanes, run.layout))
    layout = _layout(seeds, {k: v[rows] for k, v in grid.items()}, devices)
    flat = jax.tree.map(lambda a: np.resize(a, (len(layout.seed_ids), *a.shape[2:])), kept)
    lanes = _put(flat, layout.mesh, PartitionSpec("runs"))
    lanes = lanes._replace(shuffle_key=jax.random.wrap_key_data(lanes.shuffle_key))
    shared = run.shared
    if layout.mesh != run.layout.mesh:
        shared = _put(jax.tree.map(np.asarray, shared), layout.mesh, PartitionSpec())
    compiled = run.epoch_all.lower(lanes, (np.int32(0), *shared)).compile()
    return run._replace(compiled=compiled, lanes=lanes, shared=shared, layout=layout, rows=rows)


def _widen(tree: Any, rows: np.ndarray | None, size: int) -> Any:
    """Per-run host arrays of grid points ``rows`` → all ``size`` points, NaN for the others."""
    if rows is None:
        return tree

    def widen(a):
        full = np.full((size, *a.shape[1:]), np.nan, np.result_type(a.dtype, np.float32))
        full[rows] = a
        return full

    return jax.tree.map(widen, tree)


def _check_splits(
    splits: Mapping[str, tuple[jax.Array, jax.Array] | None], layer_sizes: Sequence[int]
) -> None:
    """Checks each given data split (name → ``(x, y)`` or None) against the network."""
    for name, split in splits.items():
        if split is not None:
            _check_data(name, *split, layer_sizes)


def _epochs(run: _Run, first, plan, epochs: int, log, on_epoch) -> dict:
    """Runs the epochs (halving the grid as ``plan``'s last item says); returns the
    per-run fields of ``History`` and the parameters."""
    lead = run.layout.lead
    evals, steps, trains, epoch_s = [_gather(first, run.layout)], [], [], []
    diverged_all = np.full(lead, -1, np.int32)
    grid_epochs = np.full(lead[:-1], epochs, np.int32)
    if on_epoch:
        on_epoch(0, _gather(run.lanes.params, run.layout))
    for epoch in range(epochs):
        t0 = time.perf_counter()
        lanes, outputs = run.compiled(run.lanes, (np.int32(epoch), *run.shared))
        run = run._replace(lanes=lanes)
        step_loss, train_m, evals_m, diverged = _gather((*outputs, lanes.diverged_step), run.layout)
        diverged_all[slice(None) if run.rows is None else run.rows] = diverged
        widen = functools.partial(_widen, rows=run.rows, size=lead[0])
        steps.append(widen(step_loss))
        trains.append(widen(train_m))
        evals.append(widen(evals_m))
        if on_epoch:
            on_epoch(epoch + 1, widen(_gather(lanes.params, run.layout)))
        if epoch + 1 == plan[-1]:
            run = _halve(run, evals_m["val"][0], diverged, plan)
            grid_epochs[np.setdiff1d(np.arange(lead[0]), run.rows)] = epoch + 1
        epoch_s.append(time.perf_counter() - t0)
        if log:
            test_m = evals_m["test"]
            log(_progress(epoch + 1, epochs, epoch_s, run.compile_s, train_m, test_m, diverged))
    per_epoch = lambda history, i: np.stack([m[i] for m in history], axis=-1)
    has_val = "val" in evals[0]
    return {
        "step_loss": np.concatenate(steps, axis=-1),
        "train_loss": per_epoch(trains, 0),
        "train_acc": per_epoch(trains, 1),
        "test_loss": per_epoch([m["test"] for m in evals], 0),
        "test_acc": per_epoch([m["test"] for m in evals], 1),
        "val_loss": per_epoch([m["val"] for m in evals], 0) if has_val else None,
        "val_acc": per_epoch([m["val"] for m in evals], 1) if has_val else None,
        "diverged_step": diverged_all,
        "epoch_s": np.asarray(epoch_s),
        "params": _widen(_gather(run.lanes.params, run.layout), run.rows, lead[0]),
        "grid_epochs": grid_epochs if plan[-1] else None,
    }


class Progress(NamedTuple):
    """What ``train`` reports after each epoch; ``str()`` gives the progress line."""

    epoch: int
    epochs: int
    epoch_s: float  # mean seconds per epoch so far
    compile_s: float
    train_loss: float  # mean over the runs that have not diverged (NaN if none)
    test_acc: float
    diverged: int
    runs: int

    @property
    def eta_s(self) -> float:
        """Seconds until the last epoch, at the mean epoch time so far."""
        return (self.epochs - self.epoch) * self.epoch_s

    def __str__(self) -> str:
        if self.diverged < self.runs:
            metrics = f"train loss {self.train_loss:.4f}  test acc {self.test_acc:.2%}"
        else:
            metrics = "every run diverged"
        eta = f", ETA {util.duration(self.eta_s)}" if self.epoch < self.epochs else ""
        return (
            f"epoch {self.epoch}/{self.epochs}  {metrics}  diverged {self.diverged}/{self.runs}"
            f"  {self.epoch_s:.2f} s/epoch{eta}"
        )


def _progress(epoch, epochs, epoch_s, compile_s, train_m, test_m, diverged) -> Progress:
    ok = diverged < 0
    loss, acc = (train_m[0][ok].mean(), test_m[1][ok].mean()) if ok.any() else (np.nan, np.nan)
    n_bad = int((~ok).sum())
    mean_s = float(np.mean(epoch_s))
    return Progress(epoch, epochs, mean_s, compile_s, float(loss), float(acc), n_bad, ok.size)
