"""The learning-rate sweep: each optimizer over one fixed grid of rates, every (rate, seed)
pair in one compiled program, one record per optimizer and activation.

How lab 6's rates (``configs.DEFAULT_LR``) were chosen: the rate with the best summed
rank of final training loss (``configs.best_rate``). The hand-in runs it on its own data
(``experiments.lr_sweep``) so that the report can show the grid and its losses. Records:
``<out_dir>/<dataset>/lr_sweep/<act>/runs/<optimizer>.npz`` (``experiment.run``, with
``experiment.Setup.grid`` = ``grid_of``); ``load`` reads them back as ``Point`` rows.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from mlp_jax import activations, records
from mlp_jax.labs import configs, experiment

NAME = "lr_sweep"
"""The experiment's name: its records are under ``<out_dir>/<dataset>/lr_sweep/<act>/``."""

GRID = (1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 1.0)
"""The hand-in's grid: 1 and 3 per decade from 0.001 to 1 (steps of about half a decade),
holding each of lab 6's rates."""

SCALE = {"adadelta": 10.0}
"""Optimizers swept over ``GRID`` times a factor: Adadelta around Zeiler's 1.0."""

SEEDS = 2
"""The hand-in's seeds per rate."""

EPOCHS = 3
"""The hand-in's epochs."""


class Point(NamedTuple):
    """One optimizer at one rate with one activation, over the sweep's seeds.

    Attributes:
      optimizer: the optimizer's name (``optimizers.OPTIMIZERS``).
      act: the activation.
      learning_rate: the rate.
      seeds: the seeds trained.
      diverged: the seeds that diverged.
      final_train_loss_mean: the mean over the seeds of the last epoch's training loss;
        inf where a seed diverged.
      test_acc_mean: the mean final test accuracy of the seeds that did not diverge (nan
        where none).
    """

    optimizer: str
    act: str
    learning_rate: float
    seeds: int
    diverged: int
    final_train_loss_mean: float
    test_acc_mean: float


class Sweep(NamedTuple):
    """A sweep's records as the report reads them.

    Attributes:
      points: every optimizer, activation and rate.
      settings: one activation's shared settings (``epochs``, ``seeds``, ``data``,
        ``validation``; the others' differ only in ``act``).
      config: one record's configuration spec (its ``init`` and ``init_scale`` are
        every record's).
    """

    points: tuple[Point, ...]
    settings: records.SharedSettings
    config: Mapping[str, Any]


def rates(optimizer: str, grid: Sequence[float] = GRID) -> list[float]:
    """The rates ``optimizer`` is swept over: ``grid``, times its ``SCALE``."""
    return [SCALE.get(optimizer, 1.0) * r for r in grid]


def grid_of(grid: Sequence[float]) -> Callable[[configs.Config], list[float]]:
    """``experiment.Setup.grid`` for a sweep over ``grid``: a configuration → ``rates``."""
    return lambda config: rates(config.optimizer, grid)


def configurations(names: Sequence[str], init: str, init_scale: float) -> list[configs.Config]:
    """One configuration per optimizer, named after it, at its ``configs.DEFAULT_LR`` rate
    (the rate lab 6 uses; the grid replaces it in training)."""
    return [
        configs.Config(n, n, configs.DEFAULT_LR[n], init=init, init_scale=init_scale) for n in names
    ]


def points(record: records.History) -> list[Point]:
    """A sweep record's ``Point`` per rate, in the grid's order."""
    p = record.provenance
    grid = [_decimal(r) for r in record.grid.get("learning_rate", (p.learning_rate,))]
    at = [record.at(i) for i in range(len(grid))] if record.grid else [record]
    found = []
    for rate, one in zip(grid, at, strict=True):
        diverged = int((~one.finite).sum())
        acc = one.test_acc[one.finite, -1]
        found.append(
            Point(
                p.config["optimizer"],
                p.act,
                float(rate),
                len(one.finite),
                diverged,
                math.inf if diverged else float(np.mean(one.train_loss[:, -1])),
                float(np.mean(acc)) if acc.size else math.nan,
            )
        )
    return found


def _decimal(rate: float) -> float:
    """A rate as the grid gave it: training keeps rates in single precision (0.1 comes back
    as 0.10000000149), whose 7 significant digits recover the decimal."""
    return float(f"{rate:.7g}")


def rows(results: experiment.Results) -> list[Point]:
    """Every record's ``points``, in the records' order."""
    return [point for record in results.values() for point in points(record)]


def best(found: Sequence[Point]) -> dict[str, float | None]:
    """Optimizer → ``configs.best_rate`` of its points, each activation a column (None
    where every rate diverged with some activation)."""
    names = dict.fromkeys(p.optimizer for p in found)
    return {
        name: configs.best_rate([p._asdict() for p in found if p.optimizer == name])
        for name in names
    }


def load(root: str | Path, data: str | None = None) -> Sweep | None:
    """The sweep under a dataset's folder ``root`` (``<out_dir>/<dataset>``): each
    activation's latest records (``experiment.latest``), on the data whose digest is
    ``data`` when given; None without any."""
    keep = lambda record: data is None or record.provenance.data_digest == data
    found: list[Point] = []
    first = None
    for act in activations.ACTIVATIONS:
        results = experiment.latest(Path(root) / NAME / act, keep, log=lambda _: None).results
        found += rows(results)
        first = first or next((r.provenance for r in results.values()), None)
    return Sweep(tuple(found), first.shared, first.config) if first else None
