"""Is lab 6's momentum gain a momentum effect or a larger-step effect?

    python -m experiments.momentum --act=sigmoid,relu --dataset=fashion_mnist
    python -m experiments.momentum --act=relu --configs=sgd,sgd_lab6_step

Lab 6 runs momentum at α = 0.1 with γ = 0.9, a long-run step α/(1 − γ) = 1 larger than
plain SGD's α = 0.3. The study crosses γ ∈ {0 (plain SGD), 0.5, 0.9} with the two long-run
steps, each configuration at α = step · (1 − γ) (``mlp_jax.labs.configs.momentum_study``;
the rates are the default table's, or --lr's for sgd and momentum). Writes summary.csv,
metrics.csv, steps.csv, the records, figures and report.md under <out_dir>/<dataset>/momentum/<act>/;
reruns skip finished configurations.
"""

from experiments import build, cli
from experiments import flags as common
from mlp_jax.labs import experiment, specs

CONFIGS = common.define_names(
    specs.MOMENTUM.flag,
    list(specs.MOMENTUM.defaults),
    dict.fromkeys(specs.MOMENTUM.defaults),
    "configuration",
    "Configurations to compare (sgd, exercise 2's plain SGD, is the baseline)",
)


def main(argv):
    del argv
    from mlp_jax.report import lab_report  # matplotlib's import: not in a run that stops early

    rates = common.learning_rates(["sgd", "momentum"])
    setup = build.setup(specs.MOMENTUM.name, specs.MOMENTUM.baseline)
    study = specs.MOMENTUM.configurations(rates, common.INIT.value, common.INIT_SCALE.value)
    chosen = [c for c in study if c.name in CONFIGS.value]
    by_act = dict.fromkeys(common.ACT.value, chosen)
    experiment.run(setup, by_act, write=lab_report.write_all, outputs=lab_report.OUTPUTS)


if __name__ == "__main__":
    cli.run(main)
