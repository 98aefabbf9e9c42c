"""The tiny settings the training tests share, in one place: 256 synthetic examples, a
784-8-10 network, minibatches of 64, 2 epochs, 3 seeds. Alike everywhere, they compile
the same programs, which the compilation cache then serves."""

import dataclasses
from pathlib import Path
from typing import Any

from mlp_jax import data, records
from mlp_jax.labs import Setup

DATA = data.synthetic(num_train=256, num_test=64)
SETTINGS = {"layer_sizes": [784, 8, 10], "batch_size": 64, "epochs": 2, "seeds": 3}


def setup(out: str | Path, experiment: str = "lab6", baseline: str = "sgd", **kwargs: Any):
    """An ``experiment.Setup`` of ``experiment`` on ``DATA`` in ``out``, with ``SETTINGS``
    changed by ``kwargs``."""
    settings = {"dataset": DATA, **SETTINGS} | kwargs
    return Setup.create(experiment, baseline, Path(out), **settings)


def save_other_settings(runs: Path, name: str = "adam") -> None:
    """``runs/old.npz``: ``runs/<name>.npz`` as if finished long ago with 7 epochs, a
    record of other settings that a folder's readers must leave out."""
    record = records.History.load(runs / f"{name}.npz")
    old = dataclasses.replace(
        record.provenance,
        shared=dataclasses.replace(record.provenance.shared, epochs=7),
        config=record.provenance.config | {"name": "old"},
        finished="2000-01-01T00:00:00+00:00",
    )
    record._replace(provenance=old).save(runs / "old.npz")
