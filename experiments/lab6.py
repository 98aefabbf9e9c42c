"""Lab 6: learning-rate optimizers compared on the exercise-2 network.

    python -m experiments.lab6 --act=relu
    python -m experiments.lab6 --act=sigmoid,relu --optimizers=sgd,adam,nadam --lr=adam=3e-3

Trains every optimizer with --seeds seeds and writes summary.csv, histories, plots
and report.md under <out_dir>/lab6/<act>/ (see README). Reruns skip finished
configurations.
"""

from absl import flags

from experiments import flags as common
from mlp_jax import experiment, optimizers

flags.adopt_module_key_flags(common)  # --help lists the shared flags too.

OPTIMIZERS = common.define_names(
    "optimizers",
    ["sgd", "momentum", "nesterov", "adagrad", "adadelta", "adam"],
    optimizers.OPTIMIZERS,
    "optimizer",
    "Optimizers to compare",
)


def main(argv):
    del argv
    rates = common.learning_rates()
    configs = [
        common.optimizer_config(name, rates[name], common.INIT.value, common.INIT_SCALE.value)
        for name in OPTIMIZERS.value
    ]
    setup = common.setup(
        "lab6", "Lab 6: learning-rate optimizers", common.load_data(), baseline="sgd"
    )
    experiment.run(setup, dict.fromkeys(common.ACT.value, configs))


if __name__ == "__main__":
    common.run(main)
