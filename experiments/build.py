"""What the flags describe, built: the data, the output folder, the ``experiment.Setup``.

The flag definitions (``experiments.flags``) only say what the values mean; this
module acts on them, once the CLI runs (``experiments.cli.run``).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from absl import app, flags

from experiments import flags as common
from mlp_jax import data, util
from mlp_jax.labs import experiment
from mlp_jax.report import methods

VALIDATION_SHARE = 6
"""With a learning-rate grid, 1/6 of the training set is held out to choose the rate."""


def load_data(validation: bool = False) -> data.Dataset:
    """The dataset ``--dataset``/``--data_dir`` name, loaded once; prints its source.

    Args:
      validation: hold out the last sixth of the training set as a validation split.
    """
    dataset = data.load(common.DATASET.value, common.DATA_DIR.value)
    if validation:
        dataset = dataset.holding_out(len(dataset.train_y) // VALIDATION_SHARE)
    print(f"data: {dataset.source}", flush=True)
    return check_batch_size(dataset)


def check_batch_size(dataset: data.Dataset) -> data.Dataset:
    """``dataset``, if ``--batch_size`` fits in its training set.

    Raises:
      app.UsageError: it does not.
    """
    if common.BATCH_SIZE.value > len(dataset.train_y):
        raise app.UsageError(
            f"--batch_size={common.BATCH_SIZE.value} exceeds the {len(dataset.train_y)} "
            "training examples; fix: a smaller --batch_size"
        )
    return dataset


def out_dir() -> Path:
    """``--out_dir``, created and test-written before any work (by the process that writes).

    Raises:
      app.UsageError: it cannot be created or written (a file in the way, no
        permission, a read-only or full disk).
    """
    return _writable(Path(common.OUT_DIR.value))


def _writable(folder: Path) -> Path:
    """``folder``, created and test-written by the process that writes (see ``out_dir``)."""
    try:
        if experiment.writes_results():
            util.check_writable(folder)
    except OSError as e:
        where = common.OUT_DIR.value
        inside = "" if folder == Path(where) else f" to {folder}"
        raise app.UsageError(
            f"--out_dir={where}: cannot write there{inside} ({e.strerror or e}); "
            "fix: pass a folder you can write to"
        ) from e
    return folder


def setup(
    name: str, baseline: str, lr_grid: int = 1, lr_halving: int = 0, **kwargs: Any
) -> experiment.Setup:
    """The ``experiment.Setup`` the shared flags describe, with its data loaded.

    Every folder the run writes results to (each activation's and its ``runs/``) is
    checked writable before any training, so that none is lost to a folder found
    unwritable after it.
    """
    built = experiment.Setup.create(
        experiment=name,
        baseline=baseline,
        out_dir=out_dir(),
        dataset=load_data(validation=lr_grid > 1),
        layer_sizes=common.layer_sizes(),
        batch_size=common.BATCH_SIZE.value,
        epochs=common.EPOCHS.value,
        seeds=common.SEEDS.value,
        seed=common.SEED.value,
        lr_grid=lr_grid,
        lr_halving=lr_halving,
        divergence_factor=common.DIVERGENCE_FACTOR.value,
        command=flags.FLAGS.flag_values_dict() | {"argv": sys.argv},
        overwrite=common.OVERWRITE.value,
        describe=lambda spec, rates: methods.describe(spec, rates=rates),
        **kwargs,
    )
    for act in common.ACT.value:
        _writable(built.folder(act))
        _writable(built.folder(act) / "runs")
    return built
