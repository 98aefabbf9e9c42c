"""Glorot–Bengio layer diagnostics of weight initializations, at init and per epoch.

    python -m experiments.diagnostics --act=sigmoid --inits=normal,xavier,he
    python -m experiments.diagnostics --act=sigmoid,relu --dataset=fashion_mnist --epochs=3

For each activation and initializer, trains --seeds seeds with --optimizer (learning
rate from the default table, or --lr) and measures every layer on the first 1,000
training examples: pre-activation mean and std, saturated (sigmoid, tanh) or dead
(relu) fraction, gradient norm (see mlp_jax.labs.diagnostics). Writes layer_stats.csv, the
figures and report.md under <out_dir>/<dataset>/diagnostics/<act>/, always recomputing, and
prints the first hidden layer's numbers: seed 001's argument, measured. --inits
replaces the shared --init; --init_scale is normal's σ.
"""

from experiments import build, cli
from experiments import flags as common
from mlp_jax import optimizers
from mlp_jax.labs import configs, diagnostics, experiment
from mlp_jax.report import layers

INITS = common.define_inits()
OPTIMIZER = common.define_name(
    "optimizer", "adam", optimizers.OPTIMIZERS, "optimizer", "Optimizer for every initializer"
)


def main(argv):
    del argv
    name = OPTIMIZER.value
    rate = common.learning_rates([name])[name]
    setup = build.setup("diagnostics", "normal")
    by_init = configs.lab7(name, rate, INITS.value, common.INIT_SCALE.value)
    headlines = []
    for act in common.ACT.value:
        study = diagnostics.run(setup, act, by_init)
        folder = setup.root / "diagnostics" / act
        if experiment.writes_results():
            layers.write(study, folder)
            print(f"wrote {folder}/{{layer_stats.csv,diagnosis.json,report.md,*.png}}", flush=True)
        headlines.append(layers.headline(study.record))
    print("\n".join(headlines))


if __name__ == "__main__":
    cli.run(main)
