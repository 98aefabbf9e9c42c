"""Learning-rate schedules compared with a constant rate, with the outputs of lab 6.

    python -m experiments.schedules --optimizer=sgd
    python -m experiments.schedules --optimizer=adam --act=sigmoid,relu --dataset=fashion_mnist

Every schedule starts from the optimizer's learning rate η (the default table, or
--lr); ``mlp_jax.labs.configs.schedule_study`` defines them. Writes summary.csv,
metrics.csv, steps.csv, the records, figures and report.md under <out_dir>/<dataset>/schedules/<act>/.
"""

from experiments import build, cli
from experiments import flags as common
from mlp_jax import optimizers, schedules
from mlp_jax.labs import experiment, specs

OPTIMIZER = common.define_name(
    "optimizer", "sgd", optimizers.OPTIMIZERS, "optimizer", "Optimizer every schedule drives"
)
SCHEDULES = common.define_names(
    "schedules",
    list(specs.SCHEDULES.defaults),
    schedules.SCHEDULES,
    "schedule",
    "Schedules to compare (constant is the baseline)",
)
LR_GRID = common.define_lr_grid(specs.SCHEDULES.lr_grid)


def main(argv):
    del argv
    from mlp_jax.report import lab_report  # matplotlib's import: not in a run that stops early

    name = OPTIMIZER.value
    rate = common.learning_rates([name])[name]
    setup = build.setup(
        specs.SCHEDULES.name, specs.SCHEDULES.baseline, LR_GRID.value, common.LR_HALVING.value
    )
    epoch_steps = len(setup.dataset.train_y) // setup.settings.batch_size
    study = specs.SCHEDULES.configurations(
        name,
        rate,
        epoch_steps,
        setup.settings.epochs * epoch_steps,
        init=common.INIT.value,
        init_scale=common.INIT_SCALE.value,
    )
    chosen = [c for c in study if c.name in SCHEDULES.value]
    by_act = dict.fromkeys(common.ACT.value, chosen)
    experiment.run(setup, by_act, write=lab_report.write_all, outputs=lab_report.OUTPUTS)


if __name__ == "__main__":
    cli.run(main)
