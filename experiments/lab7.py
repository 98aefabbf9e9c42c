"""Lab 7: weight initializations compared with one optimizer.

    python -m experiments.lab7 --act=sigmoid,relu --dataset=fashion_mnist
    python -m experiments.lab7 --inits=normal,scaled_normal,xavier,he,lecun --optimizer=adam

By default the optimizer is the one that reached the loss target first in the lab-6
results under --out_dir for that activation and the same data, at the learning rate lab 6
used (--lr overrides it), else adam; the program says which and why. Writes summary.csv,
histories, plots and report.md under <out_dir>/lab7/<act>/. --inits replaces the shared
--init; --init_scale is the σ of `normal`.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import math
from pathlib import Path

from absl import flags

from experiments import flags as common
from mlp_jax import experiment, optimizers

flags.adopt_module_key_flags(common)  # --help lists the shared flags too.

INITS = common.define_inits()
OPTIMIZER = common.define_name(
    "optimizer",
    None,
    optimizers.OPTIMIZERS,
    "optimizer",
    "Optimizer for every initializer (default: lab 6's fastest, else adam)",
)


def lab6_choice(out_dir: Path, act: str, source: str) -> tuple[str, float | None, str]:
    """Lab 6's configuration that reached the loss target first on the same data.

    Returns:
      ``(optimizer, its lab-6 learning rate or None, why)``.
    """
    path = out_dir / "lab6" / act / "summary.csv"
    if not path.exists():
        return "adam", None, f"no lab-6 results at {path}; using adam"
    with path.open() as f:
        rows = [r for r in csv.DictReader(f) if r["data_source"] == source]
    rows = [r for r in rows if int(r["diverged"]) < int(r["seeds"])]
    reached = [r for r in rows if math.isfinite(float(r["epochs_to_target"]))]
    if not reached:
        return "adam", None, f"no configuration in {path} on this data reached the target; adam"
    best = min(
        reached, key=lambda r: (float(r["epochs_to_target"]), float(r["final_train_loss_mean"]))
    )
    return (
        best["config"],
        json.loads(best["settings"])["learning_rate"],
        (
            f"fastest to the loss target in {path} (epoch {float(best['epochs_to_target']):.2f}, "
            f"final train loss {float(best['final_train_loss_mean']):.4f})"
        ),
    )


def main(argv):
    del argv
    dataset = common.load_data()
    overrides = common.parse_lr(common.LR.value)
    configs, notes = {}, {}
    for act in common.ACT.value:
        if OPTIMIZER.value:
            name, rate, why = OPTIMIZER.value, None, "chosen with --optimizer"
        else:
            name, rate, why = lab6_choice(Path(common.OUT_DIR.value), act, dataset.source)
        # --lr wins; else the rate lab 6 used; else the default table.
        rate = overrides.get(name, rate or common.DEFAULT_LR[name])
        notes[act] = f"Optimizer: {name}, learning rate {rate:g} — {why}"
        print(f"{act}: {notes[act]}", flush=True)
        configs[act] = [
            common.optimizer_config(name, rate, init, common.INIT_SCALE.value, label=init)
            for init in INITS.value
        ]
    setup = common.setup("lab7", "Lab 7: weight initialization", dataset, baseline="normal")
    setup = dataclasses.replace(setup, notes=notes)
    experiment.run(setup, configs)


if __name__ == "__main__":
    common.run(main)
