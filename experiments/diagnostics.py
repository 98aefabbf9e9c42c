"""Glorot–Bengio layer diagnostics of weight initializations, at init and per epoch.

    python -m experiments.diagnostics --act=sigmoid --inits=normal,xavier,he
    python -m experiments.diagnostics --act=sigmoid,relu --dataset=fashion_mnist --epochs=3

For each activation and initializer, measures every layer on the first 1,000 training
examples at initialization and after each of the first --epochs epochs: pre-activation
mean and std, saturated (sigmoid, tanh) or dead (relu) fraction, gradient norm (see
mlp_jax.labs.diagnostics). Where lab 7's finished records under --out_dir hold these
statistics (python -m experiments.lab7 records them) for every initializer, with the same
network, batch size, seeds and data and at least --epochs epochs, they are read, each
initializer at its chosen rate, and nothing is trained; otherwise (or with
--nofrom_lab7) each initializer is trained for --seeds seeds with --optimizer (learning
rate from the default table, or --lr). Writes layer_stats.csv, the figures and report.md
under <out_dir>/<dataset>/diagnostics/<act>/, always recomputing, and prints the first
hidden layer's numbers: seed 001's argument, measured. --inits replaces the shared
--init; --init_scale is normal's σ.
"""

from absl import flags

from experiments import build, cli
from experiments import flags as common
from mlp_jax import optimizers
from mlp_jax.labs import configs, diagnostics, experiment, specs
from mlp_jax.report import layers

INITS = common.define_inits()
OPTIMIZER = common.define_name(
    "optimizer",
    "adam",
    optimizers.OPTIMIZERS,
    "optimizer",
    "Optimizer for every initializer, when trained",
)
FROM_LAB7 = flags.DEFINE_bool(
    "from_lab7",
    True,
    "Read the statistics lab 7 recorded (each initializer at its chosen rate) where its "
    "records hold them, instead of training.",
)


def _study(setup: experiment.Setup, act: str, by_init: list[configs.Config]) -> diagnostics.Study:
    """``act``'s diagnostics: read from lab 7's records where they hold them, else trained."""
    if FROM_LAB7.value:
        folder = specs.LAB7.folder(setup.root, act)
        found = experiment.latest(folder, log=print).results
        inits = [c.name for c in by_init]
        try:
            study = diagnostics.recorded(found, setup.dataset, act, inits, setup.shared(act))
        except diagnostics.NotRecorded as e:
            print(f"{act}: training, as {folder} cannot be read for it ({e})", flush=True)
        else:
            print(f"{act}: read from lab 7's records in {folder}, nothing trained", flush=True)
            return study
    return diagnostics.run(setup, act, by_init)


def main(argv):
    del argv
    name = OPTIMIZER.value
    rate = common.learning_rates([name])[name]
    setup = build.setup("diagnostics", "normal")
    by_init = configs.lab7(name, rate, INITS.value, common.INIT_SCALE.value)
    headlines = []
    for act in common.ACT.value:
        study = _study(setup, act, by_init)
        folder = setup.root / "diagnostics" / act
        if experiment.writes_results():
            layers.write(study, folder)
            print(f"wrote {folder}/{{layer_stats.csv,diagnosis.json,report.md,*.png}}", flush=True)
        headlines.append(layers.headline(study.record))
    print("\n".join(headlines))


if __name__ == "__main__":
    cli.run(main)
