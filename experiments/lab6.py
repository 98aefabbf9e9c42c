"""Lab 6: learning-rate optimizers compared with exercise 2's plain SGD.

    python -m experiments.lab6 --act=relu
    python -m experiments.lab6 --act=sigmoid,relu --optimizers=sgd,adam,nadam --lr=adam=3e-3
    python -m experiments.lab6 --act=relu --lr_grid=5

Trains every optimizer with --seeds seeds and writes summary.csv, metrics.csv, steps.csv, the
records, figures and report.md under <out_dir>/<dataset>/lab6/<act>/ (see docs/labs.md). Reruns skip
finished configurations.
"""

from experiments import build, cli
from experiments import flags as common
from mlp_jax import optimizers
from mlp_jax.labs import experiment, specs

OPTIMIZERS = common.define_names(
    "optimizers",
    list(specs.LAB6.defaults),
    optimizers.OPTIMIZERS,
    "optimizer",
    "Optimizers to compare (sgd is exercise 2's baseline)",
)
LR_GRID = common.define_lr_grid(specs.LAB6.lr_grid)


def main(argv):
    del argv
    from mlp_jax.report import lab_report  # matplotlib's import: not in a run that stops early

    rates = common.learning_rates(OPTIMIZERS.value)
    setup = build.setup(
        specs.LAB6.name, specs.LAB6.baseline, LR_GRID.value, common.LR_HALVING.value
    )
    chosen = specs.LAB6.configurations(
        OPTIMIZERS.value, rates, common.INIT.value, common.INIT_SCALE.value
    )
    by_act = dict.fromkeys(common.ACT.value, chosen)
    experiment.run(setup, by_act, write=lab_report.write_all, outputs=lab_report.OUTPUTS)


if __name__ == "__main__":
    cli.run(main)
