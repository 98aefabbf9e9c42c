"""Speed of the training engine, measured side by side in one run.

    python -m experiments.benchmark                       # synthetic 60k x 784
    python -m experiments.benchmark --dataset=fashion_mnist

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
"""

from __future__ import annotations

import datetime
import itertools
import json
import os
import platform
import tempfile
import time
from collections.abc import Callable

import jax
import jax.numpy as jnp
import numpy as np
import optax
from absl import flags
from jax.experimental.compilation_cache import compilation_cache

from experiments import build, cli
from experiments import flags as common
from mlp_jax import data, initializers, optimizers, train, util
from mlp_jax.labs import experiment

TIMED_EPOCHS = flags.DEFINE_integer(
    "timed_epochs", 2, "Epochs timed per measurement (after compiling).", lower_bound=1
)
TORCH = flags.DEFINE_boolean("torch", True, "Also time a PyTorch loop, if torch is installed.")

flags.FLAGS.set_default("dataset", "synthetic")

LAYERS = [784, 128, 10]
LR = 1e-3
TARGETS = {
    "fraction of matmul rate": (">=", 0.60),
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
    n_params = sum(a * b + b for a, b in itertools.pairwise(LAYERS))
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
    achieved = 6 * n_params * _examples_per_epoch(dataset) * seeds / ours_s / 1e9
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


def main(argv):
    del argv
    seeds, epochs = common.SEEDS.value, TIMED_EPOCHS.value
    out = build.out_dir()
    if common.DATASET.value == "synthetic":
        dataset = build.check_batch_size(data.synthetic(num_train=60_000, num_test=10_000))
        print(f"data: {dataset.source}")
    else:
        dataset = build.load_data()
    print(f"devices: {jax.devices()}", flush=True)
    _persistent_cache(None)
    figures = _figures(dataset, seeds, epochs)
    print(f"\n{_table(figures)}")
    record = {
        "figures": figures,
        "workload": {
            "layers": LAYERS,
            "optimizer": f"adam({LR})",
            "batch_size": common.BATCH_SIZE.value,
            "examples_per_epoch": _examples_per_epoch(dataset),
            "seeds": seeds,
            "timed_epochs": epochs,
            "data": dataset.source,
        },
        "machine": {
            "platform": platform.platform(),
            "processor": platform.processor(),
            "cpu_count": os.cpu_count(),
            "devices": [str(d) for d in jax.devices()],
            "jax": jax.__version__,
            "optax": optax.__version__,
        },
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    }
    if experiment.writes_results():
        path = util.atomic_write_text(
            out / "benchmark" / "benchmark.json", json.dumps(record, indent=2)
        )
        print(f"\nwrote {path}")


if __name__ == "__main__":
    cli.run(main)
