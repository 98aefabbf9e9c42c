"""Learning-rate sweep: a grid of rates x seeds as ONE compiled program per optimizer.

    python -m experiments.lr_sweep --dataset=fashion_mnist --seeds=2 --epochs=3
    python -m experiments.lr_sweep --act=relu --optimizers=adam,nadam --grid=1e-4,1e-3,1e-2

For each optimizer and activation, every (rate, seed) pair trains in one vmapped
program (``mlp_jax.labs.lr_sweep``; Adadelta's rates are the grid times 10, around
Zeiler's 1.0), on the training set less its last sixth (held out, as with any grid).
One record per optimizer and activation under ``<out_dir>/<dataset>/lr_sweep/<act>/runs/``
(reruns skip finished ones; Ctrl-C keeps them), and ``lr_sweep.csv`` beside them (one
row per optimizer, activation and rate). Prints, per optimizer, the rate with the best
summed rank of final training loss across the activations among the rates that never
diverged (``configs.best_rate``): the rule lab 6's rates were chosen by
(``mlp_jax.labs.configs.DEFAULT_LR``). The hand-in runs it with lab 6's optimizers
(``experiments.handin``) and its report shows the grid and the losses.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path

from absl import flags

from experiments import build, cli
from experiments import flags as common
from mlp_jax import optimizers, util
from mlp_jax.labs import configs, experiment, lr_sweep

OPTIMIZERS = common.define_names(
    "optimizers",
    list(configs.LAB6_OPTIMIZERS),
    optimizers.OPTIMIZERS,
    "optimizer",
    "Optimizers to sweep",
)
GRID = flags.DEFINE_list(
    "grid",
    [f"{r:g}" for r in lr_sweep.GRID],
    "Learning rates to try (Adadelta's are multiplied by 10, around Zeiler's 1.0).",
)


def _check_grid(rates: list[str]) -> bool:
    try:
        ok = len(rates) > 1 and all(math.isfinite(float(r)) and float(r) > 0 for r in rates)
    except ValueError:
        ok = False
    if not ok:
        raise flags.ValidationError(
            "expected two or more positive finite numbers, e.g. 1e-3,1e-2,0.1"
        )
    return True


flags.register_validator("grid", _check_grid)


def write(
    folder: Path, results: Mapping[str, experiment.Results], log: experiment.Log = print
) -> None:
    """``folder/lr_sweep.csv`` from every activation's records, and each optimizer's best
    rate over the activations, to ``log``."""
    found = [p for by_name in results.values() for p in lr_sweep.rows(by_name)]
    for p in found:
        log(
            f"{p.optimizer:9s} {p.act:8s} lr {p.learning_rate:<8g} diverged {p.diverged}"
            f"  final train loss {p.final_train_loss_mean:.4f}  test acc {p.test_acc_mean:.2%}"
        )
    for name, rate in lr_sweep.best(found).items():
        log(f"best rate for {name}: {rate}")
    path = util.write_csv(
        folder / "lr_sweep.csv", lr_sweep.Point._fields, [p._asdict() for p in found]
    )
    log(f"wrote {path}")


def main(argv):
    del argv
    grid = [float(g) for g in GRID.value]
    setup = build.setup(lr_sweep.NAME, "", len(grid), grid=lr_sweep.grid_of(grid))
    chosen = lr_sweep.configurations(OPTIMIZERS.value, common.INIT.value, common.INIT_SCALE.value)
    by_act = dict.fromkeys(common.ACT.value, chosen)
    experiment.run(setup, by_act, write=write, outputs=["lr_sweep.csv"])


if __name__ == "__main__":
    cli.run(main)
