"""Learning-rate sweep: a log grid of rates x seeds as ONE compiled program per optimizer.

    python -m experiments.lr_sweep --act=sigmoid,relu --seeds=3 --epochs=10

For each optimizer and activation, every (rate, seed) pair trains in one vmapped
program (``train.train(hparams=...)``). Writes ``<out_dir>/lr_sweep/lr_sweep.csv``
(one row per optimizer, activation and rate) and prints, per optimizer, the rate
with the best summed rank of final training loss across the activations, among
the rates that never diverged with any of them: how lab 6's defaults were chosen
(``mlp_jax.labs.configs.DEFAULT_LR``).
"""

from __future__ import annotations

import math
from pathlib import Path

import jax
import numpy as np
from absl import flags

from experiments import build, cli
from experiments import flags as common
from mlp_jax import optimizers, util
from mlp_jax.labs import configs, experiment

OPTIMIZERS = common.define_names(
    "optimizers",
    list(optimizers.OPTIMIZERS),
    optimizers.OPTIMIZERS,
    "optimizer",
    "Optimizers to sweep",
)
GRID = flags.DEFINE_list(
    "grid",
    ["1e-4", "3e-4", "1e-3", "3e-3", "1e-2", "3e-2", "1e-1", "3e-1", "1"],
    "Learning rates to try (adadelta's are multiplied by 10, around Zeiler's 1.0).",
)


def _check_grid(rates: list[str]) -> bool:
    try:
        ok = rates and all(math.isfinite(float(r)) and float(r) > 0 for r in rates)
    except ValueError:
        ok = False
    if not ok:
        raise flags.ValidationError("expected positive finite numbers, e.g. 1e-3,1e-2,0.1")
    return True


flags.register_validator("grid", _check_grid)

COLUMNS = (
    "optimizer",
    "act",
    "learning_rate",
    "diverged",
    "final_train_loss_mean",
    "test_acc_mean",
    "data_source",
)


def sweep_one(setup: experiment.Setup, name: str, act: str, rates: list[float]) -> list[dict]:
    """Final training loss and test accuracy of every rate, mean over seeds."""
    config = configs.Config(
        name, name, rates[0], init=common.INIT.value, init_scale=common.INIT_SCALE.value
    )
    history = setup.train(act, config, rates=rates, log=None)
    points = [history.at(g) for g in range(len(rates))] if history.grid else [history]
    rows = []
    for rate, point in zip(rates, points, strict=True):
        diverged = int((~point.finite).sum())
        rows.append(
            {
                "optimizer": name,
                "act": act,
                "learning_rate": rate,
                "diverged": diverged,
                "final_train_loss_mean": math.inf
                if diverged
                else float(np.mean(point.train_loss[:, -1])),
                "test_acc_mean": float(np.nanmean(point.test_acc[:, -1])),
                "data_source": setup.dataset.source,
            }
        )
    return rows


def main(argv):
    del argv
    setup = build.setup("lr_sweep", baseline="")
    print(f"devices: {jax.devices()}")
    grid = [float(g) for g in GRID.value]
    rows = []
    for name in OPTIMIZERS.value:
        rates = [10 * g for g in grid] if name == "adadelta" else grid
        mine = []
        for act in common.ACT.value:
            mine += sweep_one(setup, name, act, rates)
        rows += mine
        for r in mine:
            print(
                f"{name:9s} {r['act']:8s} lr {r['learning_rate']:<8g} diverged {r['diverged']}"
                f"  final train loss {r['final_train_loss_mean']:.4f}"
                f"  test acc {r['test_acc_mean']:.2%}"
            )
        print(f"best rate for {name}: {configs.best_rate(mine)}", flush=True)
    if experiment.writes_results():
        path = util.write_csv(Path(setup.out_dir) / "lr_sweep" / "lr_sweep.csv", COLUMNS, rows)
        print(f"wrote {path}")


if __name__ == "__main__":
    cli.run(main)
