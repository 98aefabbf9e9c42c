"""Lab 7: weight initializations compared with one optimizer.

    python -m experiments.lab7 --act=sigmoid,relu --dataset=fashion_mnist
    python -m experiments.lab7 --inits=normal,scaled_normal,xavier,he,lecun --optimizer=adam

By default the optimizer is the one that reached the loss target first in the lab-6
results under --out_dir for that activation, else adam; the program says which and
why. Writes summary.csv, histories, plots and report.md under <out_dir>/lab7/<act>/.
"""

from __future__ import annotations

import csv
import dataclasses
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


def lab6_choice(out_dir: Path, act: str) -> tuple[str, str]:
    """The lab-6 configuration that reached the loss target first, and why."""
    path = out_dir / "lab6" / act / "summary.csv"
    if not path.exists():
        return "adam", f"no lab-6 results at {path}; using adam"
    with path.open() as f:
        rows = [r for r in csv.DictReader(f) if int(r["diverged"]) < int(r["seeds"])]
    reached = [r for r in rows if math.isfinite(float(r["epochs_to_target"]))]
    if not reached:
        return "adam", f"no configuration in {path} reached the loss target; using adam"
    best = min(
        reached, key=lambda r: (float(r["epochs_to_target"]), float(r["final_train_loss_mean"]))
    )
    return best["config"], (
        f"fastest to the loss target in {path} "
        f"(epoch {float(best['epochs_to_target']):.2f}, final train loss "
        f"{float(best['final_train_loss_mean']):.4f})"
    )


def main(argv):
    del argv
    dataset = common.load_data()
    rates = common.learning_rates()
    configs, notes = {}, {}
    for act in common.ACT.value:
        if OPTIMIZER.value:
            name, why = OPTIMIZER.value, "chosen with --optimizer"
        else:
            name, why = lab6_choice(Path(common.OUT_DIR.value), act)
        notes[act] = f"Optimizer: {name}, learning rate {rates[name]:g} — {why}"
        print(f"{act}: {notes[act]}", flush=True)
        configs[act] = [
            common.optimizer_config(name, rates[name], init, common.INIT_SCALE.value, label=init)
            for init in INITS.value
        ]
    setup = common.setup("lab7", "Lab 7: weight initialization", dataset, baseline="normal")
    setup = dataclasses.replace(setup, notes=notes)
    experiment.run(setup, configs)


if __name__ == "__main__":
    common.run(main)
