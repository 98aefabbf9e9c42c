"""The typed records results are made of, and their files; NumPy only (no JAX).

- ``History``: what ``train.train`` measured for one configuration (every seed, every
  grid point), saved as one ``.npz`` with its ``Provenance``.
- ``Provenance``: where a record comes from: its ``SharedSettings``, the
  configuration's spec, the data, versions, devices, dates, wall time, how lab 7's
  optimizer was chosen (``Choice``) and the grid point.
- ``SharedSettings``: what every configuration of an experiment and activation
  shares; its ``fingerprint`` hashes every field, so a new field is fingerprinted by
  construction.
- ``LayerStats``: per-layer statistics on a probe batch at initialization and after
  every epoch, recorded with a ``History`` when its training was asked to.
- ``SummaryRow``: one row of ``summary.csv`` (``SUMMARY_COLUMNS``, in order).

Every record type has a JSON form (``to_json``/``from_json``) that round-trips exactly,
including mappings with integer keys (a piecewise schedule's boundaries): ``dumps`` and
``loads`` write such a mapping as ``{"__items__": [[key, value], ...]}``.

Files carry ``FORMAT``, the record format version. A file of another version (every
record written before versions existed counts as version 1) is never read as this
version's: ``load`` raises ``OtherSettings``, the error of a record from other
settings, which the experiments recompute with one line.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import os
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple, Self

import numpy as np

from mlp_jax import util

FORMAT = 2
"""Version of the record files' layout; records without one are version 1."""


class RecordError(Exception):
    """A saved record is unreadable, truncated, or from other settings."""


class OtherSettings(RecordError):
    """A saved record is readable but from other settings or another record format.

    Attributes:
      version: the file's record format when it is not ``FORMAT``, else None.
    """

    version: int | None = None


def dumps(value: Any) -> str:
    """JSON of ``value``, in its own key order; a mapping with a non-string key is kept
    as its items."""
    return json.dumps(_encode(value))


def loads(text: str) -> Any:
    """The value ``dumps`` wrote, integer-keyed mappings included."""
    return json.loads(text, object_hook=_decode)


def _encode(value: Any) -> Any:
    if isinstance(value, Mapping):
        if all(isinstance(k, str) for k in value):
            return {k: _encode(v) for k, v in value.items()}
        return {"__items__": [[k, _encode(v)] for k, v in value.items()]}
    if isinstance(value, (list, tuple)):
        return [_encode(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    return value


def _decode(obj: dict[str, Any]) -> Any:
    if set(obj) == {"__items__"}:
        return {k: v for k, v in obj["__items__"]}
    return obj


def fingerprint(value: Any) -> str:
    """A short hash of a JSON-able value (16 hex digits)."""
    text = json.dumps(_encode(value), sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


class _Json:
    """``to_json``/``from_json`` of a frozen dataclass through ``dumps``/``loads``."""

    def to_json(self) -> str:
        """The record as JSON."""
        return dumps(self.to_dict())

    def to_dict(self) -> dict[str, Any]:
        """The record as JSON-able data (nested records as dicts)."""
        return {f.name: _plain(getattr(self, f.name)) for f in dataclasses.fields(self)}

    @classmethod
    def from_json(cls, text: str) -> Self:
        """The record ``to_json`` wrote."""
        return cls.from_dict(loads(text))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """The record ``to_dict`` gave (raises ``TypeError``/``KeyError`` on other data)."""
        return cls(**data)


def _plain(value: Any) -> Any:
    if isinstance(value, _Json):
        return value.to_dict()
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


@dataclasses.dataclass(frozen=True)
class SharedSettings(_Json):
    """What every configuration of one experiment and activation shares.

    Everything here determines the numbers, and ``fingerprint`` hashes every field:
    records of other settings are never reused or summarized together.

    Attributes:
      experiment: ``lab6``, ``lab7``, ``schedules``, ``diagnostics``.
      data: the data's digest (``data.Dataset.digest``).
      validation: examples held out for validation (0 for none).
      layer_sizes: ``(784, *hidden, 10)``.
      batch_size: minibatch size.
      epochs: passes over the training set.
      seeds: seeds per configuration.
      seed: base seed.
      lr_grid: rates per configuration; 1 for none.
      divergence_factor: see ``train.train`` (None: never).
      act: the activation ("" in an experiment-wide template, see ``for_act``).
      lr_halving: the epoch after which a grid keeps its better half (``train.train``'s
        ``halving``); 0: the whole grid trains every epoch. Left out of ``to_dict`` when
        0, so records from before halving keep their fingerprints.
    """

    experiment: str
    data: str
    validation: int
    layer_sizes: tuple[int, ...]
    batch_size: int
    epochs: int
    seeds: int
    seed: int
    lr_grid: int
    divergence_factor: float | None
    act: str = ""
    lr_halving: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "layer_sizes", tuple(int(n) for n in self.layer_sizes))

    def to_dict(self) -> dict[str, Any]:
        """The settings as JSON-able data, without ``lr_halving`` when it is 0."""
        data = super().to_dict()
        return data if self.lr_halving else {k: v for k, v in data.items() if k != "lr_halving"}

    def for_act(self, act: str) -> SharedSettings:
        """These settings for activation ``act``."""
        return dataclasses.replace(self, act=act)

    def fingerprint(self) -> str:
        """A hash of every field and of ``FORMAT``."""
        return fingerprint({"format": FORMAT, **self.to_dict()})


CHOICE_REASONS = ("flag", "lab6", "baseline_only", "default")
"""The values of ``Choice.why``."""


@dataclasses.dataclass(frozen=True)
class Choice(_Json):
    """How lab 7's optimizer and rate were chosen for one activation.

    Attributes:
      optimizer: a key of ``optimizers.OPTIMIZERS``.
      rate: its learning rate.
      why: one of ``CHOICE_REASONS``: ``flag`` (``--optimizer``), ``lab6`` (lab 6's
        fastest), ``baseline_only`` (lab 6 holds no usable configuration but its
        baseline) or ``default`` (no lab-6 results).
      config: lab 6's configuration it came from (``why == "lab6"``), else None.
      tied: the other configurations that shared lab 6's rank 1 with it (none
        significantly faster than another); () when it was first alone.
      tie_break: what picked it among the tied: ``loss`` (the lowest final mean
        training loss) or ``order`` (equal losses: the first in the lab's order);
        "" without a tie.
    """

    optimizer: str
    rate: float
    why: str
    config: str | None = None
    tied: tuple[str, ...] = ()
    tie_break: str = ""

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Choice:
        return cls(**{**data, "tied": tuple(data.get("tied", ()))})


@dataclasses.dataclass(frozen=True)
class Provenance(_Json):
    """Where a record comes from.

    Attributes:
      shared: the shared settings it was trained with.
      baseline: the experiment's baseline configuration.
      config: the configuration's spec (``configs.Config.spec``).
      data_source: a line describing the data.
      flags: the command's flags (``argv`` among them).
      versions: package → version (None: not installed).
      devices: the devices trained on.
      processes: processes of the run.
      finished: when it finished, ISO 8601 UTC.
      wall_s: seconds of training.
      fingerprint: hash of ``shared`` and of the configuration (see ``experiment``).
      choice: how lab 7's optimizer was chosen (None elsewhere).
      point: hyperparameter → value of the grid point (``History.at``); {} for the
        whole record.
      xla_flags: the ``XLA_FLAGS`` it was trained with, the CPU's dot path among them
        (``experiments.runtime.DOT_PATHS``); None in records written before they were kept.
    """

    shared: SharedSettings
    baseline: str
    config: Mapping[str, Any]
    data_source: str
    flags: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    versions: Mapping[str, str | None] = dataclasses.field(default_factory=dict)
    devices: tuple[str, ...] = ()
    processes: int = 1
    finished: str = ""
    wall_s: float = math.nan
    fingerprint: str = ""
    choice: Choice | None = None
    point: Mapping[str, float] = dataclasses.field(default_factory=dict)
    xla_flags: str | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Provenance:
        data = dict(data)
        data["shared"] = SharedSettings.from_dict(data["shared"])
        data["choice"] = data.get("choice") and Choice.from_dict(data["choice"])
        data["devices"] = tuple(data.get("devices", ()))
        return cls(**data)

    @property
    def experiment(self) -> str:
        """The experiment's name."""
        return self.shared.experiment

    @property
    def act(self) -> str:
        """The activation."""
        return self.shared.act

    @property
    def data_digest(self) -> str:
        """The data's digest."""
        return self.shared.data

    @property
    def learning_rate(self) -> float:
        """The rate trained at: the grid point's, else the configuration's."""
        return float(self.point.get("learning_rate", self.config["learning_rate"]))


LAYER_STATS = (
    "preact_mean",
    "preact_std",
    "preact_std_closed_form",
    "saturated_frac",
    "dead_frac",
    "grad_norm",
)
"""The per-layer statistics of ``LayerStats`` (``diagnostics.layer_stats`` defines them)."""


class LayerStats(NamedTuple):
    """Per-layer statistics of every run on a fixed probe batch, at initialization and
    after every epoch (``labs.diagnostics``' definitions), saved with their ``History``.

    Attributes:
      eval_size: examples in the probe batch (the first ones of the training set).
      values: each name of ``LAYER_STATS`` → ``[*grid, S, epochs + 1, L]`` (L layers with
        weights, the output layer last); column 0 of the epoch axis is at initialization.
    """

    eval_size: int
    values: Mapping[str, np.ndarray]

    @classmethod
    def stack(cls, eval_size: int, per_epoch: Sequence[Mapping[str, np.ndarray]]) -> LayerStats:
        """The record of per-epoch ``[*grid, S, L]`` statistics, in epoch order."""
        return cls(
            int(eval_size),
            {k: np.stack([np.asarray(e[k]) for e in per_epoch], axis=-2) for k in LAYER_STATS},
        )

    def at(self, index: int) -> LayerStats:
        """The statistics of grid point ``index`` alone."""
        return self._replace(values={k: v[index] for k, v in self.values.items()})

    def epoch(self, epoch: int) -> dict[str, np.ndarray]:
        """Name → ``[*grid, S, L]`` at ``epoch`` (0: initialization)."""
        return {k: v[..., epoch, :] for k, v in self.values.items()}

    @property
    def epochs(self) -> int:
        """Epochs recorded after initialization."""
        return self.values[LAYER_STATS[0]].shape[-2] - 1


class History(NamedTuple):
    """What ``train.train`` measured: the one result record of a configuration.

    Per-run arrays have leading axes ``[*grid, S]`` (grid points, seeds).

    Attributes:
      step_loss: minibatch loss, averaged over windows of ``log_every`` steps,
        ``[*grid, S, epochs * (steps_per_epoch // log_every)]``.
      train_loss: mean of the minibatch losses over each epoch (the loss the
        optimizer saw, not a separate full pass), ``[*grid, S, epochs]``.
      train_acc: the same for minibatch accuracy.
      test_loss: loss on the whole test set, ``[*grid, S, epochs + 1]``; column 0
        is at initialization, column ``e`` after epoch ``e``.
      test_acc: the same for accuracy.
      val_loss: the same on the validation set, or None without one.
      val_acc: likewise.
      diverged_step: first global step of divergence, ``-1`` for runs that never
        diverged, ``[*grid, S]``.
      epoch_s: wall seconds of each epoch (all runs together), ``[epochs]``.
      compile_s: seconds before the first epoch: compiling both programs, plus
        initializing the runs and evaluating them once.
      steps_per_epoch: optimizer steps per epoch.
      log_every: steps averaged into each ``step_loss`` window.
      seeds: the seed ids, in the order of the seed axis.
      grid: hyperparameter name → its values along the grid axis ({} for none).
      provenance: where the record comes from, filled by whoever runs ``train``
        (None from ``train.train``); saved with the record.
      params: final parameters, each leaf with leading axes ``[*grid, S]``; not
        saved (None after ``load``).
      layer_stats: the per-layer statistics recorded while training (``LayerStats``),
        None when none were asked for (and in records written before they existed).
      grid_epochs: the epochs each grid point trained, ``[*grid]``, where a halved grid
        (``train.train``'s ``halving``) dropped some before the last (their later values
        are NaN); None when every point trained every epoch.
    """

    step_loss: np.ndarray
    train_loss: np.ndarray
    train_acc: np.ndarray
    test_loss: np.ndarray
    test_acc: np.ndarray
    val_loss: np.ndarray | None
    val_acc: np.ndarray | None
    diverged_step: np.ndarray
    epoch_s: np.ndarray
    compile_s: float
    steps_per_epoch: int
    log_every: int
    seeds: tuple[int, ...]
    grid: Mapping[str, tuple[float, ...]]
    provenance: Provenance | None = None
    params: Any = None
    layer_stats: LayerStats | None = None
    grid_epochs: np.ndarray | None = None

    @property
    def finite(self) -> np.ndarray:
        """Mask of the runs that never diverged, ``[*grid, S]``."""
        return self.diverged_step < 0

    def at(self, index: int) -> History:
        """The record of grid point ``index`` alone (the grid axis removed)."""
        per_run = (f for f in _ARRAYS if f != "epoch_s")
        pick = {f: None if getattr(self, f) is None else getattr(self, f)[index] for f in per_run}
        point = {k: v[index] for k, v in self.grid.items()}
        provenance = self.provenance and dataclasses.replace(self.provenance, point=point)
        stats = self.layer_stats and self.layer_stats.at(index)
        return self._replace(
            **pick,
            grid={},
            params=_take(self.params, index),
            provenance=provenance,
            layer_stats=stats,
        )

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Writes the record (all but ``params``) to one ``.npz`` file, atomically."""
        arrays = {f: getattr(self, f) for f in _ARRAYS if getattr(self, f) is not None}
        header = {f: getattr(self, f) for f in _SCALARS} | {"seeds": list(self.seeds)}
        header["grid"] = {k: list(v) for k, v in self.grid.items()}
        header["format"] = FORMAT
        header["provenance"] = self.provenance and self.provenance.to_dict()
        if self.layer_stats is not None:
            header["probe_size"] = self.layer_stats.eval_size
            arrays |= {_PROBE + k: v for k, v in self.layer_stats.values.items()}
        header_array = np.asarray(dumps(header))
        return util.atomic_write(path, lambda f: np.savez(f, header=header_array, **arrays))

    @classmethod
    def load(cls, path: str | os.PathLike[str], fingerprint: str | None = None) -> History:
        """Reads a record written by ``save``.

        Raises:
          OtherSettings: the file is of another record format, or its provenance's
            fingerprint differs from ``fingerprint`` (when given).
          RecordError: the file is unreadable, truncated or malformed.
        """
        try:
            with np.load(path, allow_pickle=False) as f:
                header = loads(str(f["header"]))
                arrays = {k: f[k] for k in f.files if k in _ARRAYS or k.startswith(_PROBE)}
        except (OSError, EOFError, ValueError, KeyError, zipfile.BadZipFile) as e:
            raise RecordError(f"{path}: unreadable or truncated ({type(e).__name__}: {e})") from e
        if not isinstance(header, dict):
            raise RecordError(f"{path}: unreadable or truncated (its header is not a mapping)")
        version = header.get("format", 1)
        if version != FORMAT:
            error = OtherSettings(
                f"{path}: written by another version of mlp_jax (record format {version}, "
                f"this one reads {FORMAT})"
            )
            error.version = version
            raise error
        try:
            provenance = header["provenance"] and Provenance.from_dict(header["provenance"])
            record = cls(
                **{k: arrays.get(k) for k in _ARRAYS},
                **{k: header[k] for k in _SCALARS},
                seeds=tuple(header["seeds"]),
                grid={k: tuple(v) for k, v in header["grid"].items()},
                provenance=provenance,
                layer_stats=_layer_stats(header, arrays),
            )
        except (KeyError, TypeError, AttributeError, ValueError) as e:
            raise RecordError(f"{path}: unreadable or truncated ({type(e).__name__}: {e})") from e
        if fingerprint is not None and (provenance and provenance.fingerprint) != fingerprint:
            raise OtherSettings(f"{path}: written with other settings")
        return record


def _layer_stats(header: Mapping[str, Any], arrays: Mapping[str, np.ndarray]) -> LayerStats | None:
    """The ``LayerStats`` a file holds; None in one without (recorded without a probe, or
    written before probes existed)."""
    if "probe_size" not in header:
        return None
    return LayerStats(int(header["probe_size"]), {k: arrays[_PROBE + k] for k in LAYER_STATS})


def misplaced(record: History, path: str | os.PathLike[str]) -> str | None:
    """What ``record``'s provenance claims that its place contradicts, else None.

    ``path`` is ``.../<experiment>/<act>/runs/<config>.npz``: the configuration's name,
    the activation and the experiment the record claims must be the file's name and
    its folders'.

    Returns:
      ``"holds configuration 'sgd'"`` and the like, naming each claim that differs.
    """
    p, path = record.provenance, Path(path)
    if p is None:
        return "holds no provenance"
    claims = [
        ("configuration", p.config.get("name"), path.stem),
        ("activation", p.act, path.parent.parent.name),
        ("experiment", p.experiment, path.parent.parent.parent.name),
    ]
    differ = [f"{what} {claim!r}" for what, claim, here in claims if here and claim != here]
    return f"holds {' and '.join(differ)}" if differ else None


def differences(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """``"name old → new"`` for each key whose value differs (a missing one is None)."""
    keys = dict.fromkeys([*old, *new])
    return [
        f"{k} {_shown(old.get(k))} → {_shown(new.get(k))}"
        for k in keys
        if _plain(old.get(k)) != _plain(new.get(k))
    ]


def _shown(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ",".join(map(str, value))
    return "none" if value is None else str(value)


def _take(tree: Any, index: int) -> Any:
    """Every array leaf of a tree of dicts, lists and tuples at ``index`` of its first axis."""
    if tree is None:
        return None
    if isinstance(tree, Mapping):
        return {k: _take(v, index) for k, v in tree.items()}
    if isinstance(tree, (list, tuple)):
        return type(tree)(_take(v, index) for v in tree)
    return tree[index]


_ARRAYS = (
    "step_loss",
    "train_loss",
    "train_acc",
    "test_loss",
    "test_acc",
    "val_loss",
    "val_acc",
    "diverged_step",
    "epoch_s",
    "grid_epochs",
)
_SCALARS = ("compile_s", "steps_per_epoch", "log_every")
_PROBE = "layer_stats."
"""The prefix of ``LayerStats.values``' arrays in a record's file."""


@dataclasses.dataclass(frozen=True)
class SummaryRow(_Json):
    """One row of ``summary.csv``: a configuration at its chosen rate.

    Means, standard deviations (ddof 1) and intervals are over the seeds that never
    diverged; NaN where not defined (written as an empty CSV field).

    Attributes:
      act: the activation.
      config: the configuration's name.
      seeds: seeds trained.
      diverged: seeds that diverged.
      final_train_loss_mean: mean final training loss.
      final_train_loss_std: its standard deviation over seeds.
      test_acc_mean: mean final test accuracy (a fraction).
      test_acc_std: its standard deviation over seeds.
      epochs_to_target: when (in epochs, at minibatch-step resolution:
        ``pace.step_blocks``) the mean training loss first reaches the target.
      wall_s: seconds of training.
      final_test_loss_mean: mean final test loss.
      p_vs_baseline: Welch's p of the final training loss against the baseline.
      settings: the configuration's spec, as JSON.
      data_source: the data's line.
      speedup_vs_baseline: the baseline's epochs to target over this one's.
      speedup_ci_lo: its 95% interval's lower end (``pace.epochs_ratio``: the ratios the
        speed test keeps at the pair's Holm threshold).
      speedup_ci_hi: its upper end.
      test_acc_ci_lo: the mean test accuracy's 95% t interval's lower end.
      test_acc_ci_hi: its upper end.
      test_acc_p_vs_baseline: Welch's p of the final test accuracy against the baseline.
      learning_rate: the (chosen) learning rate.
      rank: 1 + the number of configurations significantly faster (``pace.ranks``);
        ties share a rank; NaN when there is no target or every seed diverged.
      p_holm: ``p_vs_baseline`` Holm-adjusted over the experiment and activation's
        configurations (``stats.holm``).
      test_acc_p_holm: ``test_acc_p_vs_baseline`` Holm-adjusted likewise.
      speedup_note: why there is no speed-up although the configuration has runs:
        ``no_baseline`` (no baseline record), or the ``stats.IllDefinedTarget``
        reason (``no_run``, ``chance``, ``no_fall``, ``above_uniform``,
        ``above_start``); empty otherwise.
      n_used: seeds that entered the means (those that never diverged).
      speedup_is_bound: the target is reached at the first time point (the first
        block of steps): the speed-up is *at least* ``speedup_vs_baseline`` and has no
        interval.
      pairing: ``paired`` (the configurations share seed ids and base seed: relabelling
        within seeds and paired t-tests, a seed that diverged anywhere drops out of its
        pairs) or ``unpaired`` (random splits of the pooled runs, Welch's tests).
      speedup_p: the permutation test's p of equal speed against the baseline
        (``pace.permutation_p``: sign flips of the paired seeds); NaN when the
        configuration's mean curve never reaches the target (no time to test).
      speedup_p_holm: ``speedup_p`` Holm-adjusted over every pair of configurations
        (``pace.ranks``): "sooner" or "later" only below ``summary.ALPHA`` with an
        interval without 1 (``pace.distinct``).
      speedup_never: the share of the speed test's relabellings in which the configuration
        or the baseline never reaches the target (an interval's end 0 or ∞ is "not
        reached", never a number).
      log_loss_area_mean: the whole-run measure beside the crossing: the mean over seeds
        of each seed's mean log training loss over the run (the area under its
        log-loss curve at step resolution over the run's length, ``summary.log_loss_area``).
      log_loss_area_p: its sign-flip test's p against the baseline (``pace.sign_flip_p``;
        Welch's test when unpaired).
      log_loss_area_p_holm: ``log_loss_area_p`` Holm-adjusted over the configurations
        compared with the baseline.
      rank_worst: the other end of the rank interval (``pace.Ranking.worst``): the
        number of configurations minus those significantly slower; ``rank`` to
        ``rank_worst`` holds the configuration's place in the true order with the
        family's error. NaN where ``rank`` is.
      speedup_ci_level: the speed-up interval's confidence level: at least 0.95, more where
        Holm's procedure tested the pair at a smaller threshold (``pace.Ranking``); NaN
        without an interval.
    """

    act: str
    config: str
    seeds: int
    diverged: int
    final_train_loss_mean: float
    final_train_loss_std: float
    test_acc_mean: float
    test_acc_std: float
    epochs_to_target: float
    wall_s: float
    final_test_loss_mean: float
    p_vs_baseline: float
    settings: str
    data_source: str
    speedup_vs_baseline: float
    speedup_ci_lo: float
    speedup_ci_hi: float
    test_acc_ci_lo: float
    test_acc_ci_hi: float
    test_acc_p_vs_baseline: float
    learning_rate: float
    rank: float = math.nan
    p_holm: float = math.nan
    test_acc_p_holm: float = math.nan
    speedup_note: str = ""
    n_used: int = 0
    speedup_is_bound: bool = False
    pairing: str = "paired"
    speedup_p: float = math.nan
    speedup_p_holm: float = math.nan
    speedup_never: float = math.nan
    log_loss_area_mean: float = math.nan
    log_loss_area_p: float = math.nan
    log_loss_area_p_holm: float = math.nan
    rank_worst: float = math.nan
    speedup_ci_level: float = math.nan

    @property
    def all_diverged(self) -> bool:
        """Whether every seed diverged."""
        return self.diverged == self.seeds

    def csv_row(self) -> dict[str, Any]:
        """The row as ``util.write_csv`` takes it (``SUMMARY_COLUMNS`` → value)."""
        return {c: getattr(self, c) for c in SUMMARY_COLUMNS}

    @classmethod
    def from_csv(cls, row: Mapping[str, str]) -> SummaryRow:
        """The row a ``summary.csv`` line holds (an empty field: NaN; a column an older
        file lacks: the field's default)."""
        kinds = {f.name: f.type for f in dataclasses.fields(cls)}
        parse = {
            "int": int,
            "float": lambda s: float(s) if s else math.nan,
            "str": str,
            "bool": lambda s: s == "True",
        }
        return cls(**{c: parse[kinds[c]](row[c]) for c in SUMMARY_COLUMNS if c in row})

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SummaryRow:
        return cls(**{k: math.nan if v is None else v for k, v in data.items()})


SUMMARY_COLUMNS = tuple(f.name for f in dataclasses.fields(SummaryRow))
"""Columns of ``summary.csv``, one row per configuration (docs/labs.md's contract, in order)."""


def write_summary(path: str | os.PathLike[str], rows: Sequence[SummaryRow]) -> Path:
    """Writes ``rows`` as ``summary.csv``, atomically."""
    return util.write_csv(path, SUMMARY_COLUMNS, [r.csv_row() for r in rows])


@dataclasses.dataclass(frozen=True)
class LayerRow(_Json):
    """One layer of one initializer at one epoch, averaged over the non-diverged seeds
    (see ``diagnostics``); a row of ``layer_stats.csv``.

    Attributes:
      init: the initializer (the configuration's name).
      act: the hidden activation.
      layer: 0 for the first hidden layer; the last is the output layer.
      kind: ``hidden`` or ``output``.
      epoch: 0 at initialization, ``e`` after epoch ``e``.
      seeds: seeds averaged (those that never diverged).
      preact_mean: pre-activation mean.
      preact_std: pre-activation standard deviation.
      preact_std_closed_form: its forward-propagation formula.
      saturated_frac: saturated fraction (sigmoid, tanh), else NaN.
      dead_frac: dead fraction (relu), else NaN.
      grad_norm: Frobenius norm of the loss's gradient w.r.t. the layer's weights.
      data_source: the data's line.
    """

    init: str
    act: str
    layer: int
    kind: str
    epoch: int
    seeds: int
    preact_mean: float
    preact_std: float
    preact_std_closed_form: float
    saturated_frac: float
    dead_frac: float
    grad_norm: float
    data_source: str

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LayerRow:
        return cls(**{k: math.nan if v is None else v for k, v in data.items()})


LAYER_COLUMNS = tuple(f.name for f in dataclasses.fields(LayerRow))
"""Columns of ``layer_stats.csv``, one row per init, layer and epoch."""


@dataclasses.dataclass(frozen=True)
class Diagnosis(_Json):
    """The layer diagnostics of one activation, saved as ``diagnosis.json``.

    Attributes:
      act: the hidden activation.
      epochs: epochs trained (rows have epochs 0..epochs).
      eval_size: examples in the evaluation batch.
      shared: the settings of the runs measured: the diagnostics' own (``experiment``
        ``diagnostics``: trained for them) or those of lab 7's records they were read
        from (``experiment`` ``lab7``, ``epochs`` the diagnostics' first ones).
      rows: one ``LayerRow`` per init, layer and epoch.
    """

    act: str
    epochs: int
    eval_size: int
    shared: SharedSettings
    rows: tuple[LayerRow, ...]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Diagnosis:
        data = dict(data)
        data["shared"] = SharedSettings.from_dict(data["shared"])
        data["rows"] = tuple(LayerRow.from_dict(r) for r in data["rows"])
        return cls(**data)

    @property
    def inits(self) -> list[str]:
        """The initializers, in the order they ran."""
        return list(dict.fromkeys(r.init for r in self.rows))

    def first_layer(self, init: str, epoch: int) -> LayerRow:
        """The row of layer 0 (the first hidden layer) of ``init`` at ``epoch``."""
        return self.layer(init, 0, epoch)

    def layer(self, init: str, layer: int, epoch: int) -> LayerRow:
        """The row of ``layer`` (0: the first hidden layer) of ``init`` at ``epoch``."""
        return next(r for r in self.rows if (r.init, r.layer, r.epoch) == (init, layer, epoch))

    @property
    def layers(self) -> int:
        """Layers with weights (the hidden ones and the output layer)."""
        return 1 + max(r.layer for r in self.rows)

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Writes the record as JSON, atomically, with ``FORMAT``."""
        text = dumps({"format": FORMAT, "diagnosis": self.to_dict()})
        return util.atomic_write_text(path, text)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Diagnosis:
        """Reads a record written by ``save``.

        Raises:
          RecordError: the file is unreadable, truncated, malformed or of another format.
        """
        try:
            data = loads(Path(path).read_text())
            if data.get("format") != FORMAT:
                raise ValueError(f"record format {data.get('format')}, this one reads {FORMAT}")
            record = cls.from_dict(data["diagnosis"])
            record.first_layer(record.inits[0], 0)  # At least one layer at epoch 0.
        except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError) as e:
            raise RecordError(f"{path}: unreadable or truncated ({type(e).__name__}: {e})") from e
        except StopIteration as e:
            raise RecordError(f"{path}: unreadable or truncated (no first layer)") from e
        return record
