"""LR range test: grow the learning rate exponentially, watch the loss, suggest a rate.

    python -m experiments.lr_range --optimizer=adam --act=relu
    python -m experiments.lr_range --optimizer=sgd --act=sigmoid,relu --min_lr=1e-5 --max_lr=1

All --seeds seeds run in one vmapped program; the curve is their mean. Prints
``suggested learning rate: <value>`` per activation and writes
``<out_dir>/lr_range/<optimizer>_<act>.png`` and ``.csv`` (see ``mlp_jax.lr_range``).
"""

from __future__ import annotations

import math
import sys

from absl import app, flags

from experiments import flags as common
from mlp_jax import activations, initializers, lr_range, optimizers, plots, util

OPTIMIZER = common.define_name(
    "optimizer", "adam", optimizers.OPTIMIZERS, "optimizer", "Optimizer to test"
)
MIN_LR = flags.DEFINE_float("min_lr", 1e-6, "First learning rate.", lower_bound=0.0)
MAX_LR = flags.DEFINE_float("max_lr", 10.0, "Last learning rate.", lower_bound=0.0)
STEPS = flags.DEFINE_integer("steps", 300, "Steps from --min_lr to --max_lr.", lower_bound=2)
flags.register_multi_flags_validator(
    ["min_lr", "max_lr"],
    lambda f: 0 < f["min_lr"] < f["max_lr"] < math.inf,
    message="need 0 < --min_lr < --max_lr < inf",
)


def main(argv):
    del argv
    out = common.out_dir() / "lr_range"
    if STEPS.value < lr_range.MIN_STEPS:
        print(
            f"warning: --steps={STEPS.value} is too few for the smoothed curve and its "
            f"suggestion to mean much; use {lr_range.MIN_STEPS} or more",
            file=sys.stderr,
        )
    dataset = common.load_data()
    w_init = initializers.get(common.INIT.value, common.INIT_SCALE.value)
    for act in common.ACT.value:
        print(
            f"{act}: {STEPS.value} steps from {MIN_LR.value:g} to {MAX_LR.value:g}, "
            f"{common.SEEDS.value} seeds",
            flush=True,
        )
        try:
            result = lr_range.run(
                optimizers.get(OPTIMIZER.value),
                dataset.train_x,
                dataset.train_y,
                test=(dataset.test_x, dataset.test_y),
                layer_sizes=common.layer_sizes(),
                activation=activations.get(act),
                w_init=w_init,
                batch_size=common.BATCH_SIZE.value,
                seeds=common.SEEDS.value,
                seed=common.SEED.value,
                min_lr=MIN_LR.value,
                max_lr=MAX_LR.value,
                num_steps=STEPS.value,
                log=lambda p: print(f"    {p}", flush=True),
            )
        except lr_range.RangeTestError as e:
            raise app.UsageError(f"{act}: {e}; fix: a smaller --min_lr or --init_scale") from e
        stem = f"{OPTIMIZER.value}_{act}"
        rows = [
            {"learning_rate": float(r), "loss": float(l), "smoothed": float(s)}
            | {"data_source": dataset.source}
            for r, l, s in zip(result.learning_rates, result.loss, result.smoothed, strict=True)
        ]
        util.write_csv(
            out / f"{stem}.csv", ["learning_rate", "loss", "smoothed", "data_source"], rows
        )
        title = f"LR range test: {OPTIMIZER.value}, {act}, {common.SEEDS.value} seeds"
        path = plots.plot_lr_range(result, out / f"{stem}.png", title=title)
        stop = (
            "never blew up" if result.stopped_at is None else f"blew up at step {result.stopped_at}"
        )
        print(
            f"{act}: loss {stop}; minimum of the smoothed loss at "
            f"{result.minimum:.3g}, steepest descent at {result.steepest:.3g}; wrote {path}"
        )
        print(f"suggested learning rate: {result.suggestion:.3g}", flush=True)


if __name__ == "__main__":
    common.run(main)
