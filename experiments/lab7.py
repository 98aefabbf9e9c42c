"""Lab 7: weight initializations compared with exercise 2's N(0, 1) weights.

    python -m experiments.lab7 --act=sigmoid,relu --dataset=fashion_mnist
    python -m experiments.lab7 --inits=normal,scaled_normal,xavier,he,lecun --optimizer=adam

By default the optimizer is lab 6's fastest — the first of its ranking in the lab-6
results under --out_dir for that activation and data, never its baseline, plain SGD —
at the learning rate lab 6 used (--lr overrides it), else adam; the program says which
and why. Each
initializer is trained over --lr_grid rates around that rate and reported at its own
best (lowest validation loss), so no initializer is compared at a rate tuned for
another; exercise 2's configuration (plain SGD, N(0, 1) weights) trains at its own rate
alone. Writes summary.csv, metrics.csv, steps.csv, the records, figures and report.md under
<out_dir>/<dataset>/lab7/<act>/. --inits replaces the shared --init; --init_scale is the σ of
`normal`. With --layer_stats (the default) every rate of every configuration also records
its layers' statistics on the first 1,000 training examples at initialization and after
every epoch (see mlp_jax.labs.diagnostics), which python -m experiments.diagnostics then
reads instead of training again.
"""

import dataclasses

from absl import flags

from experiments import build, cli
from experiments import flags as common
from mlp_jax import optimizers
from mlp_jax.labs import diagnostics, experiment, specs
from mlp_jax.report import text

INITS = common.define_inits()
OPTIMIZER = common.define_name(
    "optimizer",
    None,
    optimizers.OPTIMIZERS,
    "optimizer",
    "Optimizer for every initializer (default: lab 6's fastest, else adam)",
)
LR_GRID = common.define_lr_grid(specs.LAB7.lr_grid)
LAYER_STATS = flags.DEFINE_bool(
    "layer_stats",
    True,
    "Record every run's per-layer statistics on the first 1,000 training examples at "
    "initialization and after every epoch, for the layer diagnostics to read.",
)


def main(argv):
    del argv
    from mlp_jax.report import lab_report  # matplotlib's import: not in a run that stops early

    setup = build.setup(
        specs.LAB7.name, specs.LAB7.baseline, LR_GRID.value, common.LR_HALVING.value
    )
    found = {
        act: specs.lab7_optimizer(setup.root, act, setup.dataset, OPTIMIZER.value)
        for act in common.ACT.value
    }
    overrides = common.lr_overrides(sorted({c.optimizer for c in found.values()}))
    choices = {
        act: dataclasses.replace(c, rate=overrides.get(c.optimizer, c.rate))
        for act, c in found.items()
    }
    by_act = {}
    for act, choice in choices.items():
        why = text.say("en", f"why.{choice.why}")
        print(f"{act}: optimizer {choice.optimizer}, learning rate {choice.rate:g} — {why}")
        by_act[act] = specs.LAB7.configurations(
            choice.optimizer, choice.rate, INITS.value, common.INIT_SCALE.value
        )
    probe = diagnostics.Probe.of(setup.dataset) if LAYER_STATS.value else None
    setup = dataclasses.replace(setup, choices=choices, probe=probe)
    experiment.run(setup, by_act, write=lab_report.write_all, outputs=lab_report.OUTPUTS)


if __name__ == "__main__":
    cli.run(main)
