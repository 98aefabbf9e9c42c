"""LR range test: grow the learning rate exponentially, watch the loss, suggest a rate.

    python -m experiments.lr_range --optimizer=adam --act=relu
    python -m experiments.lr_range --optimizer=sgd --act=sigmoid,relu --min_lr=1e-5 --max_lr=1

All --seeds seeds run in one vmapped program; the curve is their mean. Prints
``suggested learning rate: <value>`` per activation and writes
``<out_dir>/lr_range/<optimizer>_<act>.png`` and ``.csv`` (see ``mlp_jax.labs.lr_range``).
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

from absl import app, flags

from experiments import build, cli
from experiments import flags as common
from mlp_jax import activations, data, initializers, optimizers, util
from mlp_jax.labs import experiment, lr_range
from mlp_jax.report import layer_plots, text

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
    out = build.out_dir() / "lr_range"
    if STEPS.value < lr_range.MIN_STEPS:
        print(
            f"warning: --steps={STEPS.value} is too few for the smoothed curve and its "
            f"suggestion to mean much; use {lr_range.MIN_STEPS} or more",
            file=sys.stderr,
        )
    dataset = build.load_data()
    for act in common.ACT.value:
        print(
            f"{act}: {STEPS.value} steps from {MIN_LR.value:g} to {MAX_LR.value:g}, "
            f"{common.SEEDS.value} seeds",
            flush=True,
        )
        result = _range_test(dataset, act)
        stop = (
            "never blew up" if result.stopped_at is None else f"blew up at step {result.stopped_at}"
        )
        where = (
            f"; wrote {_write(result, dataset, act, out)}" if experiment.writes_results() else ""
        )
        print(
            f"{act}: loss {stop}; minimum of the smoothed loss at "
            f"{result.minimum:.3g}, steepest descent at {result.steepest:.3g}{where}"
        )
        print(f"suggested learning rate: {result.suggestion:.3g}", flush=True)


def _range_test(dataset: data.Dataset, act: str) -> lr_range.RangeTest:
    try:
        return lr_range.run(
            optimizers.get(OPTIMIZER.value),
            dataset.train_x,
            dataset.train_y,
            test=(dataset.test_x, dataset.test_y),
            layer_sizes=common.layer_sizes(),
            activation=activations.get(act),
            w_init=initializers.get(common.INIT.value, common.INIT_SCALE.value),
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


def _write(result: lr_range.RangeTest, dataset: data.Dataset, act: str, out: Path) -> Path:
    """``<optimizer>_<act>.csv`` (the curve) and ``.png``; returns the figure's path."""
    stem = f"{OPTIMIZER.value}_{act}"
    columns = ["learning_rate", "loss", "smoothed", "data_source"]
    curve = zip(result.learning_rates, result.loss, result.smoothed, strict=True)
    rows = [dict(zip(columns, (float(r), float(l), float(s), dataset.source))) for r, l, s in curve]
    util.write_csv(out / f"{stem}.csv", columns, rows)
    title = text.say("en", "lr.title", optimizer=OPTIMIZER.value, act=act, seeds=common.SEEDS.value)
    return layer_plots.plot_lr_range(result, out / f"{stem}.png", title=title)


if __name__ == "__main__":
    cli.run(main)
