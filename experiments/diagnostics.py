"""Glorot–Bengio layer diagnostics of weight initializations, at init and per epoch.

    python -m experiments.diagnostics --act=sigmoid --inits=normal,xavier,he
    python -m experiments.diagnostics --act=sigmoid,relu --dataset=fashion_mnist --epochs=3

For each activation and initializer, trains --seeds repeats with --optimizer (learning
rate from DEFAULT_LR, or --lr) and measures every layer on the first 1,000 training
examples: pre-activation mean and std, saturated (sigmoid, tanh) or dead (relu)
fraction, gradient norm (see mlp_jax.diagnostics). Writes layer_stats.csv, the
figures and report.md under <out_dir>/diagnostics/<act>/, always recomputing, and
prints the first hidden layer's numbers: seed 001's argument, measured. Of the shared
flags, --init is not used (--inits replaces it); --init_scale is normal's σ.
"""

from __future__ import annotations

from pathlib import Path

from absl import flags

from experiments import flags as common
from mlp_jax import diagnostics, optimizers

flags.adopt_module_key_flags(common)  # --help lists the shared flags too.

INITS = common.define_inits()
OPTIMIZER = common.define_name(
    "optimizer", "adam", optimizers.OPTIMIZERS, "optimizer", "Optimizer for every initializer"
)


def main(argv):
    del argv
    dataset = common.load_data()
    name = OPTIMIZER.value
    rate = common.learning_rates()[name]
    configs = [
        common.optimizer_config(name, rate, init, common.INIT_SCALE.value, label=init)
        for init in INITS.value
    ]
    headlines = []
    for act in common.ACT.value:
        study = diagnostics.run(
            dataset,
            act,
            configs,
            layer_sizes=common.layer_sizes(),
            batch_size=common.BATCH_SIZE.value,
            epochs=common.EPOCHS.value,
            seeds=common.SEEDS.value,
            seed=common.SEED.value,
        )
        folder = Path(common.OUT_DIR.value) / "diagnostics" / act
        diagnostics.write(study, folder)
        print(f"wrote {folder}/{{layer_stats.csv,report.md,*.png}}", flush=True)
        headlines.append(diagnostics.headline(study))
    print("\n".join(headlines))


if __name__ == "__main__":
    common.run(main)
