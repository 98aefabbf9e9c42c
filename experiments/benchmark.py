"""Speed of the training engine, measured side by side in one run.

    python -m experiments.benchmark                       # synthetic 60k x 784
    python -m experiments.benchmark --dataset=fashion_mnist
    python -m experiments.benchmark --dot_paths=all --notorch  # XLA's dot libraries compared

Workload: 784-128-10 ReLU MLP, He init, Adam(1e-3), 60,000 examples. Of the shared
flags only --dataset (default here: synthetic), --data_dir, --batch_size, --seeds,
--seed and --out_dir apply; the network and optimizer are fixed so that figures compare
across runs. Timings that are compared are interleaved, so drifting machine load hits
both alike: ours against optax's Adam, and the divergence check on and off.
Prints a table and writes ``<out_dir>/benchmark/benchmark.json``. Achieved GFLOP/s
counts 6 · params · examples · seeds per epoch (forward 2, backward 4 FLOPs per
parameter and example) and is set against one large float32 matmul measured here.
Compiling is timed without the persistent compilation cache, and then, cold and warm,
with a fresh one in a temporary folder (whatever --compilation_cache says).

Everything runs on the dot path ``experiments.runtime`` chose (printed first; set
``$MLP_JAX_DOT_PATH`` to choose another). ``--dot_paths`` also times the 10-seed epoch on
each path named, each in its own process (``--epoch_only``), the paths alternating for
``DOT_ROUNDS`` rounds, and compares their final numbers with the first path's.
"""

from __future__ import annotations

import contextlib
import datetime
import itertools
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np
import optax
from absl import app, flags
from jax.experimental.compilation_cache import compilation_cache

from experiments import build, cli, runtime
from experiments import flags as common
from mlp_jax import data, initializers, optimizers, train, util
from mlp_jax.labs import experiment

TIMED_EPOCHS = flags.DEFINE_integer(
    "timed_epochs", 2, "Epochs timed per measurement (after compiling).", lower_bound=1
)
TORCH = flags.DEFINE_boolean("torch", True, "Also time a PyTorch loop, if torch is installed.")
DOT_PATHS = flags.DEFINE_list(
    "dot_paths",
    [],
    f"Also time the epoch on these dot paths ({', '.join(runtime.DOT_PATHS)}, or all), "
    "each in its own process, and compare their numbers with the first's.",
)
EPOCH_ONLY = flags.DEFINE_boolean(
    "epoch_only", False, "Time only the training epochs; print them and the final numbers as JSON."
)

flags.FLAGS.set_default("dataset", "synthetic")

DOT_ROUNDS = 3
"""Rounds of ``--dot_paths``: each path once per round, in the order given."""
LAYERS = [784, 128, 10]
LR = 1e-3
TARGETS = {
    "fraction of matmul rate": (">=", 0.70),
    "ours / optax time": ("<=", 1.05),
    "speed-up over PyTorch": (">=", 3.0),
    "compile s": ("<=", 5.0),
    "warm / cold compile": ("<=", 0.5),
    "divergence check: time with / without": ("<=", 1.02),
}


def matmul_gflops(n: int = 4096, repeats: int = 5) -> float:
    """Best rate of one ``n x n`` float32 matmul, in GFLOP/s."""
    a = jnp.ones((n, n), jnp.float32)
    f = jax.jit(lambda a: a @ a)
    f(a).block_until_ready()
    best = min(_timed(lambda: f(a).block_until_ready()) for _ in range(repeats))
    return 2 * n**3 / best / 1e9


def _timed(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def _engine(
    dataset: data.Dataset,
    optimizer: optax.GradientTransformation,
    seeds: int | list[int],
    epochs: int,
    devices: list[jax.Device] | None = None,
    divergence_factor: float | None = train.DIVERGENCE_FACTOR,
) -> train.History:
    return train.train(
        dataset.train_x,
        dataset.train_y,
        test=(dataset.test_x, dataset.test_y),
        layer_sizes=LAYERS,
        activation=jax.nn.relu,
        w_init=initializers.get("he"),
        optimizer=optimizer,
        batch_size=common.BATCH_SIZE.value,
        epochs=epochs,
        seeds=seeds,
        seed=common.SEED.value,
        log=None,
        devices=devices,
        divergence_factor=divergence_factor,
    )


def _persistent_cache(folder: str | None) -> None:
    """Compiled programs go to ``folder`` (None: no persistent cache) from now on."""
    jax.config.update("jax_enable_compilation_cache", folder is not None)
    jax.config.update("jax_compilation_cache_dir", folder)
    compilation_cache.reset_cache()


def compile_cold_warm(dataset: data.Dataset, seeds: int) -> tuple[float, float]:
    """``compile_s`` with an empty persistent compilation cache, then again from it."""
    with tempfile.TemporaryDirectory() as folder:
        _persistent_cache(folder)
        cold = _engine(dataset, optimizers.adam(LR), seeds, 1).compile_s
        warm = _engine(dataset, optimizers.adam(LR), seeds, 1).compile_s
        _persistent_cache(None)
    return cold, warm


def torch_epoch_s(dataset: data.Dataset, seeds: int) -> float | None:
    """Seconds for one epoch of each of ``seeds`` seeds, in an idiomatic PyTorch loop."""
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(os.cpu_count() or 1)
    x = torch.from_numpy(dataset.train_x)
    y = torch.from_numpy(dataset.train_y.astype(np.int64))
    batch = common.BATCH_SIZE.value
    loss_fn = torch.nn.CrossEntropyLoss()

    def epoch(seed: int) -> None:
        torch.manual_seed(seed)
        net = torch.nn.Sequential(
            torch.nn.Linear(784, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10)
        )
        opt = torch.optim.Adam(net.parameters(), lr=LR)
        perm = torch.randperm(len(x))
        for i in range(len(x) // batch):
            idx = perm[i * batch : (i + 1) * batch]
            opt.zero_grad()
            loss_fn(net(x[idx]), y[idx]).backward()
            opt.step()

    return sum(_timed(lambda s=seed: epoch(s)) for seed in range(seeds))


def _interleaved(dataset: data.Dataset, seeds: int, epochs: int) -> dict[str, float]:
    """Best epoch time of each variant, the variants alternating twice."""
    variants = {
        "ours": lambda: _engine(dataset, optimizers.adam(LR), seeds, epochs),
        "optax": lambda: _engine(dataset, optax.adam(LR), seeds, epochs),
        "no divergence check": lambda: _engine(
            dataset, optimizers.adam(LR), seeds, epochs, divergence_factor=None
        ),
    }
    best = dict.fromkeys(variants, float("inf"))
    for _ in range(2):
        for name, trained in variants.items():
            epoch_s = trained().epoch_s
            best[name] = min(best[name], float(np.min(epoch_s)))
            print(f"{name}: epochs {np.round(epoch_s, 3)} s", flush=True)
    return best


def _figures(dataset: data.Dataset, seeds: int, epochs: int) -> dict[str, float | None]:
    """Every figure of the table, measured here and now."""
    rate = matmul_gflops()
    print(f"matmul: {rate:.1f} GFLOP/s", flush=True)
    best = _interleaved(dataset, seeds, epochs)
    compile_s = _engine(dataset, optimizers.adam(LR), seeds, 1).compile_s
    cold_s, warm_s = compile_cold_warm(dataset, seeds)
    one = jax.devices()[:1]
    one_device_s = float(np.min(_engine(dataset, optimizers.adam(LR), seeds, epochs, one).epoch_s))
    # One seed alone cannot be split across devices: each gets one device (all cores).
    separate_s = sum(
        float(np.min(_engine(dataset, optimizers.adam(LR), [s], 1, one).epoch_s))
        for s in range(seeds)
    )
    torch_s = torch_epoch_s(dataset, seeds) if TORCH.value else None
    ours_s = best["ours"]
    achieved = epoch_flops(_examples_per_epoch(dataset), seeds) / ours_s / 1e9
    return {
        f"{seeds}-seed epoch s (vmapped)": ours_s,
        f"{seeds}-seed epoch s, one device": one_device_s,
        "achieved GFLOP/s": achieved,
        "matmul GFLOP/s": rate,
        "fraction of matmul rate": achieved / rate,
        f"{seeds} separate single-seed epochs s": separate_s,
        "vmapped speed-up over separate runs": separate_s / ours_s,
        "optax adam epoch s": best["optax"],
        "ours / optax time": ours_s / best["optax"],
        "divergence check: time with / without": ours_s / best["no divergence check"],
        "compile s": compile_s,
        "compile s, empty persistent cache": cold_s,
        "compile s, from the persistent cache": warm_s,
        "warm / cold compile": warm_s / cold_s,
        f"PyTorch {seeds}-seed epochs s": torch_s,
        "speed-up over PyTorch": torch_s / ours_s if torch_s else None,
    }


class PathRun(NamedTuple):
    """One ``--epoch_only`` run on one dot path.

    Attributes:
      path: the dot path (``runtime.DotPath.name``).
      xla_flags: the ``XLA_FLAGS`` it ran with.
      epoch_s: seconds of each timed epoch.
      matmul_gflops: the 4096² matmul's rate in the same process.
      train_loss: each seed's mean minibatch loss over the last epoch.
      test_loss: each seed's test loss after it.
      test_acc: each seed's test accuracy after it.
    """

    path: str
    xla_flags: str
    epoch_s: tuple[float, ...]
    matmul_gflops: float
    train_loss: tuple[float, ...]
    test_loss: tuple[float, ...]
    test_acc: tuple[float, ...]

    def numbers(self) -> np.ndarray:
        """The final numbers, ``[3, seeds]``: training loss, test loss, test accuracy."""
        return np.array([self.train_loss, self.test_loss, self.test_acc])


def epoch_only(dataset: data.Dataset, seeds: int, epochs: int) -> PathRun:
    """The engine's epochs on this process's dot path, then the matmul's rate."""
    history = _engine(dataset, optimizers.adam(LR), seeds, epochs)
    chosen = runtime.chosen_dot_path()
    return PathRun(
        path=chosen.name if chosen else "",
        xla_flags=os.environ.get("XLA_FLAGS", ""),
        epoch_s=tuple(map(float, history.epoch_s)),
        matmul_gflops=matmul_gflops(),
        train_loss=tuple(map(float, history.train_loss[:, -1])),
        test_loss=tuple(map(float, history.test_loss[:, -1])),
        test_acc=tuple(map(float, history.test_acc[:, -1])),
    )


def _workload_flags() -> list[str]:
    """The flags that give a ``--epoch_only`` run this run's workload."""
    values = {
        "dataset": common.DATASET.value,
        "data_dir": common.DATA_DIR.value,
        "batch_size": common.BATCH_SIZE.value,
        "seeds": common.SEEDS.value,
        "seed": common.SEED.value,
        "timed_epochs": TIMED_EPOCHS.value,
    }
    return [f"--{name}={value}" for name, value in values.items() if value is not None]


def _run_path(name: str) -> PathRun:
    """``--epoch_only`` in a process of its own on dot path ``name``, from the environment
    this one started with."""
    before = runtime.chosen_dot_path().before
    env = os.environ | {"XLA_FLAGS": before, runtime.DOT_PATH_ENV: name}
    argv = [sys.executable, "-m", "experiments.benchmark", "--epoch_only", *_workload_flags()]
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"dot path {name}: exit code {done.returncode}: {last}")
    fields = json.loads(done.stdout.strip().splitlines()[-1])
    return PathRun(**{k: tuple(v) if isinstance(v, list) else v for k, v in fields.items()})


def compare_dot_paths(names: list[str], rounds: int = DOT_ROUNDS) -> dict[str, list[PathRun]]:
    """Each dot path's runs, the paths alternating for ``rounds`` rounds."""
    runs: dict[str, list[PathRun]] = {name: [] for name in names}
    for round_ in range(1, rounds + 1):
        for name in names:
            run = _run_path(name)
            runs[name].append(run)
            print(f"dot path {name}, round {round_}/{rounds}: epochs {np.round(run.epoch_s, 3)} s")
    return runs


class PathFigures(NamedTuple):
    """One dot path's figures against the first path compared.

    Attributes:
      best_s: the fastest epoch of all rounds.
      round_s: (least, most) of the rounds' fastest epochs.
      ratio: (median, least, most) of the rounds' fastest epoch over the first path's in
        the same round.
      fraction: of ``matmul_gflops``, the rate reached at ``best_s``.
      matmul_gflops: the fastest matmul of its own processes (the same dot path).
      over_torch: PyTorch's loop's epoch time over ``best_s``; None without it.
      repeatable: every round gave the same final numbers, bit for bit.
      differences: the largest difference from the first path's final numbers (its first
        rounds): training loss, test loss (relative) and test accuracy (absolute).
    """

    best_s: float
    round_s: tuple[float, float]
    ratio: tuple[float, float, float]
    fraction: float
    matmul_gflops: float
    over_torch: float | None
    repeatable: bool
    differences: tuple[float, float, float]


def path_figures(
    runs: dict[str, list[PathRun]], flops: float, torch_s: float | None
) -> dict[str, PathFigures]:
    """``PathFigures`` of each path of ``compare_dot_paths``; ``flops`` of one epoch,
    ``torch_s`` PyTorch's (None: not timed)."""
    first = next(iter(runs.values()))
    first_best = np.array([min(r.epoch_s) for r in first])
    reference = first[0].numbers()
    figures = {}
    for name, path_runs in runs.items():
        best = np.array([min(r.epoch_s) for r in path_runs])
        ratio = best / first_best
        matmul = max(r.matmul_gflops for r in path_runs)
        gap = np.abs(path_runs[0].numbers() - reference)
        scale = np.maximum(np.abs(reference[:2]), np.finfo(np.float32).tiny)
        figures[name] = PathFigures(
            best_s=float(best.min()),
            round_s=(float(best.min()), float(best.max())),
            ratio=(float(np.median(ratio)), float(ratio.min()), float(ratio.max())),
            fraction=flops / float(best.min()) / 1e9 / matmul,
            matmul_gflops=matmul,
            over_torch=torch_s / float(best.min()) if torch_s else None,
            repeatable=all(np.array_equal(r.numbers(), path_runs[0].numbers()) for r in path_runs),
            differences=(
                float((gap[0] / scale[0]).max()),
                float((gap[1] / scale[1]).max()),
                float(gap[2].max()),
            ),
        )
    return figures


def path_table(figures: dict[str, PathFigures]) -> str:
    first = next(iter(figures))
    header = (
        f"{'dot path':<8} {'epoch s':>7} {'rounds fastest':>14} {'time / ' + first:>23} "
        f"{'of matmul':>9} {'matmul':>7} {'x PyTorch':>9}  {'repeatable':>10}  "
        f"final numbers vs {first}"
    )
    lines = [header]
    for name, f in figures.items():
        same = "identical"
        if any(f.differences):
            same = "max |Δ| loss {:.1e}, test loss {:.1e} (relative), accuracy {:.1e}"
            same = same.format(*f.differences)
        torch = "n/a" if f.over_torch is None else f"{f.over_torch:.2f}"
        lines.append(
            f"{name:<8} {f.best_s:>7.3f} {f.round_s[0]:>6.3f}–{f.round_s[1]:<7.3f} "
            f"{f.ratio[0]:>8.3f} ({f.ratio[1]:.3f}–{f.ratio[2]:.3f}) {f.fraction:>9.3f} "
            f"{f.matmul_gflops:>7.1f} {torch:>9}  {'yes' if f.repeatable else 'no':>10}  {same}"
        )
    return "\n".join(lines)


def epoch_flops(examples: int, seeds: int) -> float:
    """FLOPs of one epoch of ``examples`` examples and ``seeds`` seeds (module docstring)."""
    n_params = sum(a * b + b for a, b in itertools.pairwise(LAYERS))
    return 6 * n_params * examples * seeds


def _examples_per_epoch(dataset: data.Dataset) -> int:
    return len(dataset.train_y) // common.BATCH_SIZE.value * common.BATCH_SIZE.value


def _table(figures: dict[str, float | None]) -> str:
    lines = [f"{'figure':<42} {'value':>10}  target"]
    for name, value in figures.items():
        shown = "n/a" if value is None else f"{value:.3f}"
        target = ""
        if name in TARGETS and value is not None:
            op, bound = TARGETS[name]
            met = value >= bound if op == ">=" else value <= bound
            target = f"{op} {bound}  {'met' if met else 'MISSED'}"
        lines.append(f"{name:<42} {shown:>10}  {target}")
    return "\n".join(lines)


def _dataset() -> data.Dataset:
    if common.DATASET.value == "synthetic":
        dataset = build.check_batch_size(data.synthetic(num_train=60_000, num_test=10_000))
        print(f"data: {dataset.source}")
        return dataset
    return build.load_data()


def dot_path_names(given: Sequence[str], chosen: runtime.DotPath | None) -> list[str]:
    """The paths ``--dot_paths`` names, ``all`` spelled out, in the order given.

    Raises:
      app.UsageError: paths to compare where ``XLA_FLAGS`` chose the library (``chosen``).
    """
    names = [n for v in given for n in runtime.DOT_PATHS if v in (n, "all")]
    if names and chosen and chosen.name == "user":
        raise app.UsageError(
            f"--dot_paths: XLA_FLAGS={chosen.before!r} choose the dot library; fix: leave "
            f"{', '.join(runtime.DOT_FLAGS)} out of XLA_FLAGS to compare the paths"
        )
    return list(dict.fromkeys(names))


def _cpu_vendor() -> str:
    """The CPU's ``vendor_id`` (Linux's ``/proc/cpuinfo``), else ``platform.processor()``."""
    with contextlib.suppress(OSError), open("/proc/cpuinfo", encoding="utf-8") as info:
        for line in info:
            key, _, value = line.partition(":")
            if key.strip() == "vendor_id":
                return value.strip()
    return platform.processor()


def _machine() -> dict[str, object]:
    chosen = runtime.chosen_dot_path()
    return {
        "platform": platform.platform(),
        "processor": platform.processor(),
        "cpu_vendor": _cpu_vendor(),
        "cpu_count": os.cpu_count(),
        "devices": [str(d) for d in jax.devices()],
        "jax": jax.__version__,
        "optax": optax.__version__,
        "dot_path": chosen.name if chosen else None,
        "xla_flags": os.environ.get("XLA_FLAGS", ""),
    }


def main(argv):
    del argv
    seeds, epochs = common.SEEDS.value, TIMED_EPOCHS.value
    out = build.out_dir()
    names = dot_path_names(DOT_PATHS.value, runtime.chosen_dot_path())
    dataset = _dataset()
    _persistent_cache(None)
    if EPOCH_ONLY.value:
        print(json.dumps(epoch_only(dataset, seeds, epochs)._asdict()))
        return
    machine = _machine()
    print(
        f"devices: {jax.devices()}; dot path: {machine['dot_path']} "
        f"(XLA_FLAGS={machine['xla_flags']!r})",
        flush=True,
    )
    figures = _figures(dataset, seeds, epochs)
    print(f"\n{_table(figures)}")
    paths = {}
    if names:
        runs = compare_dot_paths(names)
        flops = epoch_flops(_examples_per_epoch(dataset), seeds)
        paths = path_figures(runs, flops, figures[f"PyTorch {seeds}-seed epochs s"])
        print(f"\n{path_table(paths)}")
    record = {
        "figures": figures,
        "dot_paths": {name: f._asdict() for name, f in paths.items()},
        "workload": {
            "layers": LAYERS,
            "optimizer": f"adam({LR})",
            "batch_size": common.BATCH_SIZE.value,
            "examples_per_epoch": _examples_per_epoch(dataset),
            "seeds": seeds,
            "timed_epochs": epochs,
            "data": dataset.source,
        },
        "machine": machine,
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    }
    if experiment.writes_results():
        path = util.atomic_write_text(
            out / "benchmark" / "benchmark.json", json.dumps(record, indent=2)
        )
        print(f"\nwrote {path}")


if __name__ == "__main__":
    cli.run(main)
