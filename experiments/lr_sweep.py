"""Learning-rate sweep: a log grid of rates x seeds as ONE compiled program per optimizer.

    python -m experiments.lr_sweep --act=sigmoid,relu --seeds=3 --epochs=10

For each optimizer and activation, every (rate, seed) pair trains in one vmapped
program (``train.train(hparams=...)``). Writes ``<out_dir>/lr_sweep/lr_sweep.csv``
(one row per optimizer, activation and rate) and prints, per optimizer, the rate
with the best summed rank of final training loss across the activations, among
the rates that never diverged with any of them: how lab 6's defaults were chosen.
"""

from __future__ import annotations

import math
from pathlib import Path

import jax
import numpy as np
from absl import flags

from experiments import flags as common
from mlp_jax import activations, experiment, optimizers, train, util

flags.adopt_module_key_flags(common)  # --help lists the shared flags too.

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
        ok = rates and all(float(r) > 0 for r in rates)
    except ValueError:
        ok = False
    if not ok:
        raise flags.ValidationError("expected positive numbers, e.g. 1e-3,1e-2,0.1")
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


def sweep_one(dataset, name: str, act: str, rates: list[float]) -> list[dict]:
    """Final training loss and test accuracy of every rate, mean over seeds."""
    history = train.train(
        dataset.train_x,
        dataset.train_y,
        test=(dataset.test_x, dataset.test_y),
        layer_sizes=common.layer_sizes(),
        activation=activations.get(act),
        w_init=common.init_settings(common.INIT.value, common.INIT_SCALE.value)[0],
        optimizer=optimizers.get(name),
        hparams={"learning_rate": rates},
        batch_size=common.BATCH_SIZE.value,
        epochs=common.EPOCHS.value,
        repeats=common.SEEDS.value,
        seed=common.SEED.value,
        log=None,
    )
    rows = []
    for g, rate in enumerate(rates):
        diverged = int((history.diverged_step[g] >= 0).sum())
        rows.append(
            {
                "optimizer": name,
                "act": act,
                "learning_rate": rate,
                "diverged": diverged,
                "final_train_loss_mean": float(np.mean(history.train_loss[g, :, -1]))
                if not diverged
                else math.inf,
                "test_acc_mean": float(np.nanmean(history.test_acc[g, :, -1])),
                "data_source": dataset.source,
            }
        )
    return rows


def main(argv):
    del argv
    dataset = common.load_data()
    print(f"devices: {jax.devices()}")
    grid = [float(g) for g in GRID.value]
    rows = []
    for name in OPTIMIZERS.value:
        rates = [10 * g for g in grid] if name == "adadelta" else grid
        mine = []
        for act in common.ACT.value:
            mine += sweep_one(dataset, name, act, rates)
        rows += mine
        for r in mine:
            print(
                f"{name:9s} {r['act']:8s} lr {r['learning_rate']:<8g} diverged {r['diverged']}"
                f"  final train loss {r['final_train_loss_mean']:.4f}"
                f"  test acc {r['test_acc_mean']:.2%}"
            )
        print(f"best rate for {name}: {experiment.best_rate(mine)}", flush=True)
    path = util.write_csv(Path(common.OUT_DIR.value) / "lr_sweep" / "lr_sweep.csv", COLUMNS, rows)
    print(f"wrote {path}")


if __name__ == "__main__":
    common.run(main)
