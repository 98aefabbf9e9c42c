"""Experiments as resumable sweeps of configurations.

An experiment (lab 6, lab 7, the schedule study) trains a list of
``configs.Config`` for one or more activations, all seeds of a configuration (and
its learning-rate grid, with ``lr_grid > 1``) in one ``train.train`` call. Under
``<out_dir>/<dataset>/<experiment>/<act>/`` (``Setup.folder``):

- ``runs/<config>.npz``: the configuration's ``records.History``, written atomically
  in one file with its ``records.Provenance`` and fingerprint (a hash of the
  configuration's spec and of the ``records.SharedSettings``). A rerun loads it
  instead of training. A file that is unreadable or truncated is recomputed, with a
  line naming it; records of other settings (or of another record format), in any
  activation's folder of the experiment, stop the run before any training (``Clash``)
  unless ``--overwrite`` replaces them; a record whose provenance names another
  configuration, activation or experiment than its place is set aside
  (``records.misplaced``, ``set_aside``), with a line; a folder where a record or an
  output goes stops the run before any training (``Blocked``).
- whatever ``run``'s ``write`` writes from the records (the CLIs pass
  ``report.lab_report.write_all``: ``summary.csv``, ``metrics.csv``, the figures and
  ``report.md``), covering every configuration finished in ``runs/`` with the same
  shared settings, as read from disk when it writes.

One run at a time writes an experiment's folder: ``run`` holds
``<out_dir>/<dataset>/<experiment>/.lock`` (``lock``) and a second run stops at once
(``Busy``) naming the holder.

In a multi-process run (``jax.distributed``) every process trains every
configuration together; process 0 alone reads the folder to decide what to resume,
tells the others, and alone writes (``writes_results``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import importlib.metadata
import itertools
import os
import shlex
import socket
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple, Protocol

import jax
import numpy as np

from mlp_jax import activations, data, records, train, util
from mlp_jax.labs import configs

PACKAGES = ("mlp_jax", "jax", "jaxlib", "optax", "chex", "numpy", "scipy")
"""Packages whose versions every result records."""

Log = Callable[[str], None]
Results = dict[str, records.History]
"""Configuration name → its record."""
Writer = Callable[[Path, Mapping[str, Results], Log], None]
"""Writes an experiment's outputs: ``(experiment folder, act → results, log)``
(``report.lab_report.write_all``)."""
Describer = Callable[[Mapping[str, Any], Sequence[float]], str]
"""A configuration's spec and learning rates → its settings in words."""


class Probe(Protocol):
    """Measures per-layer statistics of every run on a fixed batch (``diagnostics.Probe``)."""

    @property
    def eval_size(self) -> int:
        """Examples in the batch."""

    def __call__(self, act: str, params: Any) -> Mapping[str, np.ndarray]:
        """Statistic → ``[*lead, L]`` for parameters with leading axes ``lead``."""


class Interrupted(KeyboardInterrupt):
    """Ctrl-C (or SIGTERM) during ``run``; the message says what was kept."""


class Clash(records.RecordError):
    """The folder holds finished records of other settings (nothing was trained)."""


class Busy(records.RecordError):
    """Another live process is writing the folder."""


class Blocked(records.RecordError):
    """A folder stands where the run writes a file (nothing was trained)."""


LOCK = ".lock"
"""The lock file of an experiment's folder: the holder's pid, host and command."""


@dataclasses.dataclass(frozen=True)
class Setup:
    """What every configuration of an experiment shares.

    Every setting that determines the numbers is in ``settings`` (fingerprinted as a
    whole); the rest says where results go and how the run was asked for.

    Attributes:
      settings: the shared settings, ``act`` left empty (``shared`` fills it in).
      baseline: the configuration the others are compared with (exercise 2's).
      out_dir: the ``--out_dir`` folder.
      dataset: the training, validation and test data (its digest is ``settings.data``).
      command: the command line's flags, for the records.
      overwrite: recompute finished configurations.
      choices: activation → how its optimizer was chosen (lab 7), for the records.
      describe: a configuration's spec and learning-rates → its settings in words, for
        the progress lines (the CLIs pass ``report.methods.describe``); without it the
        lines name the configuration only.
      probe: measures every run's layers at initialization and after every epoch while
        it trains (lab 7 passes ``diagnostics.Probe``), saved with its record as
        ``History.layer_stats``; None: nothing measured. Not fingerprinted: it changes
        no number of the training, and a record finished without it is kept as it is.
      grid: a configuration → the rates it trains at, where they are not
        ``configs.rates`` of it and ``lr_grid`` (the learning-rate sweep's fixed grid,
        ``lr_sweep.rates``); the rates are fingerprinted either way.
    """

    settings: records.SharedSettings
    baseline: str
    out_dir: Path
    dataset: data.Dataset
    command: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    overwrite: bool = False
    choices: Mapping[str, records.Choice] = dataclasses.field(default_factory=dict)
    describe: Describer | None = None
    probe: Probe | None = None
    grid: Callable[[configs.Config], list[float]] | None = None

    def __post_init__(self) -> None:
        held_out = 0 if self.dataset.val_y is None else len(self.dataset.val_y)
        if (self.settings.data, self.settings.validation) != (self.dataset.digest, held_out):
            raise ValueError("Setup: settings.data/validation do not describe the dataset")

    @classmethod
    def create(
        cls,
        experiment: str,
        baseline: str,
        out_dir: str | Path,
        dataset: data.Dataset,
        layer_sizes: Sequence[int],
        *,
        batch_size: int = 128,
        epochs: int = 10,
        seeds: int = 10,
        seed: int = 0,
        lr_grid: int = 1,
        lr_halving: int = 0,
        divergence_factor: float | None = train.DIVERGENCE_FACTOR,
        **rest: Any,
    ) -> Setup:
        """The ``Setup`` of ``experiment`` on ``dataset``, its settings built from both;
        ``lr_halving`` is kept only where ``train.train`` applies it (a grid of 3 or more
        rates, before the last epoch), else 0.

        ``rest``: ``command``, ``overwrite``, ``choices``, ``describe``, ``probe``, ``grid``.
        """
        settings = records.SharedSettings(
            experiment=experiment,
            data=dataset.digest,
            validation=0 if dataset.val_y is None else len(dataset.val_y),
            layer_sizes=tuple(layer_sizes),
            batch_size=batch_size,
            epochs=epochs,
            seeds=seeds,
            seed=seed,
            lr_grid=lr_grid,
            divergence_factor=divergence_factor,
            lr_halving=train.applied_halving(lr_halving, lr_grid, epochs),
        )
        return cls(settings, baseline, Path(out_dir), dataset, **rest)

    @property
    def experiment(self) -> str:
        """The experiment's name."""
        return self.settings.experiment

    @property
    def root(self) -> Path:
        """``<out_dir>/<dataset>``: every experiment's results on this dataset (``root``)."""
        return root(self.out_dir, self.dataset.name)

    def folder(self, act: str) -> Path:
        """``<out_dir>/<dataset>/<experiment>/<act>``."""
        return self.root / self.experiment / act

    def rates(self, config: configs.Config) -> list[float]:
        """The rates ``config`` trains at: ``grid``'s, else ``configs.rates`` of it and
        ``lr_grid``."""
        if self.grid is not None:
            return self.grid(config)
        return configs.rates(config, self.settings.lr_grid)

    def shared(self, act: str) -> records.SharedSettings:
        """The settings every configuration of ``act`` shares (fingerprinted)."""
        return self.settings.for_act(act)

    def train(
        self,
        act: str,
        config: configs.Config,
        rates: Sequence[float] | None = None,
        **kwargs: Any,
    ) -> records.History:
        """Trains ``config`` (every seed, every rate of its grid) with ``act``.

        Args:
          act: the activation.
          config: the configuration.
          rates: the learning rates to train at (default: ``rates``); several form a
            grid.
          **kwargs: passed on to ``train.train`` (``log``, ``on_epoch``).
        """
        s, d = self.settings, self.dataset
        if rates is None:
            rates = self.rates(config)
        return train.train(
            d.train_x,
            d.train_y,
            test=(d.test_x, d.test_y),
            validation=None if d.val_x is None else (d.val_x, d.val_y),
            layer_sizes=s.layer_sizes,
            activation=activations.get(act),
            w_init=config.w_init(),
            optimizer=config.build if len(rates) > 1 else config.build(),
            hparams={"learning_rate": rates} if len(rates) > 1 else None,
            halving=s.lr_halving,
            batch_size=s.batch_size,
            epochs=s.epochs,
            seeds=s.seeds,
            seed=s.seed,
            divergence_factor=s.divergence_factor,
            **kwargs,
        )


def root(out_dir: str | Path, dataset: str) -> Path:
    """``<out_dir>/<dataset>``: the results of every experiment on ``dataset``."""
    return Path(out_dir) / dataset


def datasets(out_dir: str | Path) -> list[str]:
    """The datasets (``data.DATASETS``) with a results folder under ``out_dir``."""
    return [name for name in data.DATASETS if root(out_dir, name).is_dir()]


def writes_results() -> bool:
    """Whether this process writes the results: the only one, or process 0 of several."""
    return jax.process_index() == 0


def run(
    setup: Setup,
    by_act: Mapping[str, Sequence[configs.Config]],
    log: Log = print,
    write: Writer | None = None,
    outputs: Iterable[str] = (),
) -> dict[str, Results]:
    """Trains (or resumes) every configuration of every activation; ``write`` writes the
    outputs from them (process 0 alone).

    Finished configurations are found first, so the time estimates count only the
    configurations left to train. In a multi-process run, process 0's decisions hold
    for all, and the other processes write nothing. Process 0 holds the experiment
    folder's ``lock`` throughout.

    Args:
      setup: what the configurations share.
      by_act: activation name → its configurations.
      log: receives the progress lines.
      write: called with ``out_dir/experiment``, the results and ``log`` once trained.
      outputs: the files ``write`` writes, as paths under ``out_dir/experiment`` where
        ``{act}`` stands for each activation (``report.lab_report.OUTPUTS``), checked with the
        records' before any training (``check_outputs``).

    Returns:
      act → (config name → record), covering every configuration finished in the
      folder with these shared settings (this run's first, in order), read from disk
      once trained; on processes other than 0, only the configurations this run trained.

    Raises:
      Busy: another process is writing the experiment's folder.
      Blocked: a folder stands where a record or one of ``outputs`` goes.
      Clash: the experiment's folder holds records of other settings (``check_settings``).
    """
    if not writes_results():
        return _run(setup, by_act, log, write)
    with lock(setup.root / setup.experiment):
        return _run(setup, by_act, log, write, outputs)


def _run(
    setup: Setup,
    by_act: Mapping[str, Sequence[configs.Config]],
    log: Log,
    write: Writer | None,
    outputs: Iterable[str] = (),
) -> dict[str, Results]:
    """``run``, once the folder is this process's."""
    plan = [(act, config) for act, cs in by_act.items() for config in cs]
    if writes_results():
        check_outputs(setup, plan, outputs)
        check_settings(setup, plan)
    earlier = [_finished(setup, *p, log) if writes_results() else None for p in plan]
    mine: dict[str, Results] = {act: {} for act in by_act}
    todo = []
    for (act, config), record, train_it in zip(
        plan, earlier, _agreed(setup, plan, [r is None for r in earlier]), strict=True
    ):
        if train_it:
            todo.append((act, config))
        mine[act][config.name] = record
    try:
        _train_all(setup, todo, mine, log)
        if not writes_results():
            return {act: {n: r for n, r in rs.items() if r is not None} for act, rs in mine.items()}
        results = {act: finished(setup, act, first=mine[act], log=log) for act in by_act}
        if write is not None:
            write(setup.root / setup.experiment, results, log)
    except KeyboardInterrupt:
        kept = sum(r is not None for rs in mine.values() for r in rs.values())
        raise Interrupted(
            f"kept {kept} finished configuration{'s' if kept != 1 else ''} in "
            f"{setup.root / setup.experiment}; rerun the same command to resume"
        ) from None
    return results


def _train_all(setup: Setup, todo, mine: dict[str, Results], log: Log) -> None:
    """Trains the configurations in ``todo``, each saved as soon as it finishes."""
    s = setup.settings
    clock = _Clock(s.epochs)
    for i, (act, config) in enumerate(todo):
        prefix = f"[{i + 1}/{len(todo)}] {act}/{config.name}"
        eta = clock.eta(len(todo) - i)
        rates = setup.rates(config)
        settings = "" if setup.describe is None else f", {setup.describe(config.spec(), rates)}"
        log(f"{prefix}: {s.seeds} seeds x {s.epochs} epochs{settings}{eta}")
        after = len(todo) - i - 1
        record = _train(setup, act, config, lambda p, a=after: log(f"    {p}{clock.total(p, a)}"))
        mine[act][config.name] = record  # Counted as kept from here on, as it is on disk.
        clock.add(record)
        log(f"{prefix}: done in {util.duration(record.provenance.wall_s)}")


def _agreed(
    setup: Setup, plan: Sequence[tuple[str, configs.Config]], todo: list[bool]
) -> list[bool]:
    """Process 0's ``todo`` on every process, once all plan the same configurations.

    Only process 0 reads the folder, so the processes agree even where they see
    different folders (no shared file system) or different files in it.

    Raises:
      train.DistributedError: the processes differ in flags or data, or one stopped.
    """
    if jax.process_count() == 1:
        return todo
    planned = records.fingerprint(
        {"plan": [_fingerprint(setup, act, config) for act, config in plan]}
    )
    digests = train.allgather(np.frombuffer(bytes.fromhex(planned), np.uint8))
    if (digests != digests[0]).any():
        raise train.DistributedError(
            "the processes plan different configurations (other flags, data or lab 6 "
            "results); fix: start every process with the same command and data"
        )
    return [bool(t) for t in train.allgather(np.asarray(todo, np.uint8))[0]]


def _path(setup: Setup, act: str, config: configs.Config) -> Path:
    return setup.folder(act) / "runs" / f"{config.name}.npz"


def _fingerprint(setup: Setup, act: str, config: configs.Config) -> str:
    """The shared settings, the configuration and the very rates its grid trains."""
    rates = setup.rates(config)
    shared = setup.shared(act).fingerprint()
    return records.fingerprint({"shared": shared, "config": config.spec(), "rates": rates})


def _finished(setup: Setup, act: str, config: configs.Config, log: Log) -> records.History | None:
    """The configuration's record if it finished earlier with these settings, else None.

    A record that claims another configuration, activation or experiment is renamed
    ``<config>.npz.aside`` (``.aside.1``, … where that is taken: ``set_aside``), kept out
    of every summary, with a line naming it.
    """
    path = _path(setup, act, config)
    if setup.overwrite or not path.exists():
        return None
    try:
        record = records.History.load(path)
        wrong = records.misplaced(record, path)
        if wrong:
            log(f"{path} {wrong}; set aside as {set_aside(path).name}, it will be recomputed")
            return None
        if record.provenance.fingerprint != _fingerprint(setup, act, config):
            raise records.OtherSettings(f"{path}: written with other settings")
    except records.RecordError as e:
        log(f"{act}/{config.name}: {e}; it will be recomputed")
        return None
    log(f"{act}/{config.name}: finished earlier, skipping (--overwrite recomputes)")
    return record


def set_aside(path: Path) -> Path:
    """Renames ``path`` to the first free name of ``NAME.aside``, ``NAME.aside.1``, …:
    a file set aside earlier is never replaced.

    Returns:
      The new path.
    """
    names = (f"{path.name}.aside{f'.{n}' if n else ''}" for n in itertools.count())
    while True:
        aside = path.with_name(next(names))
        try:
            os.link(path, aside)  # Fails where a file is, instead of replacing it.
        except FileExistsError:
            continue
        path.unlink()
        return aside


def check_outputs(
    setup: Setup, plan: Iterable[tuple[str, configs.Config]], outputs: Iterable[str] = ()
) -> None:
    """Stops before any training where a folder stands in the place of a file the run
    writes: a record of the plan, or one of ``outputs`` (paths under the experiment's
    folder, ``{act}`` standing for each activation), which would fail only once trained.

    Raises:
      Blocked: naming the first such folder and the fix.
    """
    plan = list(plan)
    acts = dict.fromkeys(act for act, _ in plan)
    paths = [_path(setup, act, config) for act, config in plan]
    paths += [setup.root / setup.experiment / o.format(act=act) for o in outputs for act in acts]
    for path in paths:
        if path.is_dir():
            raise Blocked(
                f"{path} is a folder, where this run writes a file; fix: move it out of the "
                "way, or pass another --out_dir"
            )


def check_settings(setup: Setup, plan: Iterable[tuple[str, configs.Config]]) -> None:
    """Stops before any training when the experiment's folder holds finished records of
    other settings (or of another record format): in a ``runs/`` folder of the plan
    (unless ``setup.overwrite``), which training would replace or leave out of the
    summary, or in another activation's (even with ``setup.overwrite``, which replaces
    only what it trains), which would sit beside this run's in the reports.

    Raises:
      Clash: naming every setting that differs (old → new; with the activation folders,
        where another one's records differ) and both fixes.
    """
    planned = {(act, config.name): config for act, config in plan}
    acts = list(dict.fromkeys(act for act, _ in planned))
    folder = setup.root / setup.experiment
    found = {p.parent.name for p in folder.glob("*/runs")} & set(activations.ACTIVATIONS)
    others = sorted(found - set(acts))
    differ: dict[str, list[str]] = {}
    for act in [*([] if setup.overwrite else acts), *others]:
        for path in sorted((setup.folder(act) / "runs").glob("*.npz")):
            for d in _differences(setup, act, planned.get((act, path.stem)), path):
                differ.setdefault(d, []).append(act)
    if not differ:
        return
    shown = [
        f"{d} in {', '.join(f'{a}/' for a in dict.fromkeys(where))}"
        if set(where) - set(acts)
        else d
        for d, where in differ.items()
    ]
    clashing = [a for a in others if any(a in where for where in differ.values())]
    replace = f"--overwrite --act={','.join(acts + clashing)}" if clashing else "--overwrite"
    raise Clash(
        f"{folder} holds finished records of other settings ({', '.join(shown)}); fix: "
        f"--out_dir=<another folder> to keep them{_use_them(differ)}, or {replace} to "
        "replace them"
    )


def _use_them(differ: Mapping[str, list[str]]) -> str:
    """When only ``lr_halving`` differs, the flag that uses the records as they are."""
    (first, *rest) = differ
    if rest or not first.startswith("lr_halving "):
        return ""
    old = first.split()[1]
    return f", --lr_halving={0 if old == 'none' else old} to use them as they are"


def _differences(setup: Setup, act: str, config: configs.Config | None, path: Path) -> list[str]:
    """What differs between the record at ``path`` and this run (``old → new``)."""
    try:
        record = records.History.load(path)
    except records.OtherSettings as e:
        return [f"record format {e.version} → {records.FORMAT}"]
    except records.RecordError:
        return []  # Nothing to lose: recomputed, with a line.
    if records.misplaced(record, path):
        return []  # Set aside, with a line.
    old, new = record.provenance.shared, setup.shared(act)
    if old != new:
        return records.differences(old.to_dict(), new.to_dict())
    if config is None or record.provenance.fingerprint == _fingerprint(setup, act, config):
        return []
    spec = records.differences(record.provenance.config, config.spec())
    return [f"{config.name}: {d}" for d in spec] or [f"{config.name}: learning rates"]


def _train(setup: Setup, act: str, config: configs.Config, log) -> records.History:
    """Trains a configuration and saves its record (without parameters), with the
    probe's statistics when ``setup`` has one."""
    t0 = time.perf_counter()
    per_epoch: list[Mapping[str, np.ndarray]] = []
    probe = setup.probe
    measure = probe and (lambda _, params: per_epoch.append(probe(act, params)))
    record = setup.train(act, config, log=log, on_epoch=measure)
    stats = probe and records.LayerStats.stack(probe.eval_size, per_epoch)
    provenance = records.Provenance(
        shared=setup.shared(act),
        baseline=setup.baseline,
        config=config.spec(),
        data_source=setup.dataset.source,
        flags=dict(setup.command),
        versions={p: _version(p) for p in PACKAGES},
        devices=tuple(str(d) for d in jax.devices()),
        processes=jax.process_count(),
        finished=datetime.datetime.now(datetime.UTC).isoformat(timespec="microseconds"),
        wall_s=time.perf_counter() - t0,
        fingerprint=_fingerprint(setup, act, config),
        choice=setup.choices.get(act),
        xla_flags=os.environ.get("XLA_FLAGS", ""),
    )
    record = record._replace(provenance=provenance, params=None, layer_stats=stats)
    if writes_results():
        record.save(_path(setup, act, config))
    return record


def _version(package: str) -> str | None:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return None


def finished(setup: Setup, act: str, first: Iterable[str] = (), log: Log = print) -> Results:
    """Every record in ``act``'s ``runs/`` with ``setup``'s shared settings, read from
    disk now (never from records in hand, which another process may have replaced).

    The names in ``first`` come first, in order; the others follow by name. Unreadable
    files, files from other settings and records that claim another place
    (``records.misplaced``) are left out, with a line.
    """
    results = {}
    expected = setup.shared(act)
    others = []
    for path in sorted((setup.folder(act) / "runs").glob("*.npz")):
        try:
            record = records.History.load(path)
        except records.OtherSettings:
            others.append(path.name)
            continue
        except records.RecordError as e:
            log(f"left out of the summary: {e}")
            continue
        wrong = records.misplaced(record, path)
        if wrong:
            log(f"{path} {wrong}; set aside")
        elif record.provenance.shared == expected:
            results[path.stem] = record
        else:
            others.append(path.name)
    if others:
        log(f"left out of the summary, from other settings: {', '.join(others)} in {path.parent}")
    order = [name for name in first if name in results]
    return {name: results[name] for name in [*order, *sorted(set(results) - set(order))]}


class _Clock:
    """Estimates the time left from the configurations and epochs timed so far."""

    def __init__(self, epochs: int):
        self.epochs = epochs
        self.epoch_s: list[float] = []
        self.compile_s: list[float] = []

    def add(self, record: records.History) -> None:
        self.epoch_s += list(record.epoch_s)
        self.compile_s.append(record.compile_s)

    def _per_config(self, epoch_s: list[float], compile_s: list[float]) -> float:
        return self.epochs * sum(epoch_s) / len(epoch_s) + sum(compile_s) / len(compile_s)

    def eta(self, configs_left: int) -> str:
        """``, ETA …`` for ``configs_left`` configurations, once one was timed."""
        if not self.compile_s:
            return ""
        return (
            f", ETA {util.duration(configs_left * self._per_config(self.epoch_s, self.compile_s))}"
        )

    def total(self, progress: train.Progress, configs_after: int) -> str:
        """``; all: …``: this configuration's ETA plus ``configs_after`` more."""
        if not configs_after:
            return ""
        per_config = self._per_config(
            self.epoch_s + [progress.epoch_s], self.compile_s + [progress.compile_s]
        )
        return f"; all: {util.duration(progress.eta_s + configs_after * per_config)}"


class Latest(NamedTuple):
    """The records of a ``runs/`` folder that belong together (see ``latest``).

    Attributes:
      results: configuration name → record, in the order they finished.
      other_settings: file names of records written with other shared settings (or
        another record format).
      unreadable: file names of records that could not be read.
    """

    results: Results
    other_settings: list[str]
    unreadable: list[str]


def latest(
    folder: str | Path,
    keep: Callable[[records.History], bool] = lambda _: True,
    log: Log = print,
) -> Latest:
    """The readable records in ``folder/runs`` (those ``keep`` accepts) that share the
    settings of the most recently finished one; records that claim another place
    (``records.misplaced``) are left out, with a line to ``log``."""
    groups: dict[records.SharedSettings, Results] = {}
    unreadable, old = [], []
    for path in sorted((Path(folder) / "runs").glob("*.npz")):
        try:
            record = records.History.load(path)
        except records.OtherSettings:
            old.append(path.name)
            continue
        except records.RecordError:
            unreadable.append(path.name)
            continue
        wrong = records.misplaced(record, path)
        if wrong:
            log(f"{path} {wrong}; set aside")
        elif keep(record):
            groups.setdefault(record.provenance.shared, {})[path.stem] = record
    if not groups:
        return Latest({}, old, unreadable)
    newest = max(groups.values(), key=lambda group: max(map(_finished_at, group.values())))
    results = dict(sorted(newest.items(), key=lambda item: (_finished_at(item[1]), item[0])))
    others = [f"{stem}.npz" for group in groups.values() if group is not newest for stem in group]
    return Latest(results, sorted(others + old), unreadable)


def _finished_at(record: records.History) -> str:
    return record.provenance.finished


@contextlib.contextmanager
def lock(folder: str | Path) -> Iterator[Path]:
    """Holds ``folder/.lock`` while the block runs; removed however the block ends.

    The file holds this process's pid, host, start (``_start``) and command line. It
    is created whole (written aside, then hard-linked into place), so a reader never
    sees half of it. A lock left by a process that is gone (killed, crashed) is stale
    and taken over: on this host, no process runs with its pid and start (its pid now
    another process's, pid 1 in a new container say, or the machine rebooted). Of a
    lock without a start (written before locks recorded it), the process with its pid
    must have started before the lock was written. A lock from another host is never
    taken over: the line names the file to delete once that process has ended.

    Raises:
      Busy: a live process holds it, or one on another host.
    """
    path = Path(folder) / LOCK
    path.parent.mkdir(parents=True, exist_ok=True)
    mine = path.with_name(f"{LOCK}.{os.getpid()}")
    started = " ".join(map(str, _start(os.getpid()) or ("unknown",)))
    mine.write_text(
        f"{os.getpid()}\n{socket.gethostname()}\nstarted {started}\n{shlex.join(sys.argv)}\n"
    )
    try:
        while True:
            try:
                os.link(mine, path)
                break
            except FileExistsError:
                if held := busy(folder, "wait until it ends, or pass another --out_dir"):
                    raise held from None
                path.unlink(missing_ok=True)  # Stale.
    finally:
        mine.unlink(missing_ok=True)
    try:
        yield path
    finally:
        path.unlink(missing_ok=True)


def busy(folder: str | Path, fix: str) -> Busy | None:
    """The ``Busy`` error, saying ``fix``, of ``folder`` when a live process holds its
    ``lock`` or one on another host does (then the error also names the file to delete
    once that process has ended); None when none does (no lock, or a stale one)."""
    path = Path(folder) / LOCK
    try:
        pid, host, rest = path.read_text().split("\n", 2)
        started, command = rest.split("\n", 1) if rest.startswith("started ") else ("", rest)
        remote = host != socket.gethostname()
        if not remote and not (
            _alive(int(pid)) and _same_start(int(pid), started.split()[1:], path)
        ):
            return None
    except (OSError, ValueError):
        return None
    who = f"pid {pid} on {host} ({command.strip()})" + (", another machine" if remote else "")
    fix += f" (if it has ended, delete {path})" if remote else ""
    return Busy(f"{folder} is being written by {who}; fix: {fix}")


def _start(pid: int) -> tuple[str, int] | None:
    """When process ``pid`` started: (the boot's id, clock ticks since boot), which with
    the pid names one process (Linux's /proc); None elsewhere, or for no such process."""
    try:
        boot = Path("/proc/sys/kernel/random/boot_id").read_text().strip()
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return boot, int(stat.rpartition(")")[2].split()[19])


def _same_start(pid: int, recorded: list[str], path: Path) -> bool:
    """Whether the live process ``pid`` is the one that wrote the lock at ``path``: it
    started when the lock says (``recorded``, ``_start``'s) or, for a lock that does not
    say, before the lock was written. True where it cannot tell (no /proc)."""
    start = _start(pid)
    if start is None or recorded == ["unknown"]:
        return True
    if recorded:
        return [start[0], str(start[1])] == recorded
    age = time.clock_gettime(time.CLOCK_BOOTTIME) - start[1] / os.sysconf("SC_CLK_TCK")
    return time.time() - age <= path.stat().st_mtime + 1  # 1 s: the clocks' rounding.


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # Someone else's process.
        pass
    return True
