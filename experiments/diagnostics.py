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
from mlp_jax import diagnostics, initializers, optimizers

INITS = flags.DEFINE_list(
    "inits",
    ["normal", "xavier", "he"],
    f"Initializers to compare; any of: {', '.join(initializers.INITIALIZERS)}.",
)
OPTIMIZER = flags.DEFINE_string("optimizer", "adam", "Optimizer for every initializer.")
flags.register_validator("inits", common.check_names("init", list(initializers.INITIALIZERS)))
flags.register_validator(
    "optimizer",
    lambda name: common.check_names("optimizer", list(optimizers.OPTIMIZERS))([name]),
)


def main(argv):
    del argv
    dataset = common.load_data()
    name = OPTIMIZER.value
    rate = (common.DEFAULT_LR | common.parse_lr(common.LR.value))[name]
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
