"""The finished labs a hand-in report reads: each experiment's records per activation
(``Finished``), found under a dataset's results folder, and the layer diagnostics."""

from __future__ import annotations

import shlex
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from mlp_jax import activations, records
from mlp_jax.labs import diagnostics, experiment, pace, specs, summary
from mlp_jax.records import SummaryRow
from mlp_jax.report import lab_report

Found = dict[str, list["Finished"]]
"""Experiment → its activations' records."""
Diagnosed = dict[str, records.Diagnosis]
"""Activation → its ``diagnostics/<act>/diagnosis.json``."""


class NoResults(records.RecordError):
    """``out_dir`` holds no records of any experiment."""


class BadDepth(ValueError):
    """The depth supplement's lab 7 is no deeper network than the main labs', or was
    trained on other data."""


class Finished(NamedTuple):
    """One experiment's records for one activation, as the report uses them.

    Attributes:
      experiment: ``lab6``, ``lab7`` or ``schedules``.
      act: the activation.
      results: configuration name → record, in the order they finished.
      rows: their ``summary.summarize`` rows, in the same order.
      other_settings: files of ``runs/`` left out as written with other shared settings.
      unreadable: files of ``runs/`` that could not be read.
      speed: ``summary.ranking`` of ``results`` as ``load`` computed it (None: not
        computed, or no target); read it through ``ranking``.
    """

    experiment: str
    act: str
    results: dict[str, records.History]
    rows: list[SummaryRow]
    other_settings: list[str]
    unreadable: list[str]
    speed: pace.Ranking | None = None

    @property
    def ranking(self) -> pace.Ranking | None:
        """Every pair's speed ratio and Holm p (``summary.ranking``), computed once by
        ``load``; None without a well-defined target."""
        if self.speed is not None:
            return self.speed
        return summary.ranking(self.results, self.provenance.baseline)

    @property
    def provenance(self) -> records.Provenance:
        """The first record's provenance (the shared settings are every record's)."""
        return lab_report.provenance(self.results)

    @property
    def lab(self) -> specs.Lab:
        """The experiment's spec."""
        return specs.get(self.experiment)

    @property
    def base(self) -> SummaryRow | None:
        """The baseline's row (None without its record)."""
        return summary.baseline_row(self.rows, self.provenance.baseline)


def load(
    root: str | Path, name: str, act: str, log: Callable[[str], None] = print
) -> Finished | None:
    """``act``'s records of experiment ``name`` under a dataset's folder ``root``
    (``experiment.latest``: records that claim another place are left out, with a line
    to ``log``); None without any."""
    found = experiment.latest(specs.get(name).folder(root, act), log=log)
    if not found.results:
        return None
    baseline = lab_report.provenance(found.results).baseline
    order = summary.ranking(found.results, baseline)
    rows = summary.summarize(act, found.results, baseline, order)
    return Finished(name, act, found.results, rows, found.other_settings, found.unreadable, order)


def find(root: str | Path, log: Callable[[str], None] = print) -> Found:
    """Every experiment's ``Finished`` activations (in ``activations.ACTIVATIONS`` order)
    under a dataset's folder ``root``, read from disk now."""
    loaded = {
        name: [load(root, name, act, log) for act in activations.ACTIVATIONS] for name in specs.LABS
    }
    return {name: [f for f in found if f] for name, found in loaded.items()}


def diagnosed(out_dir: str | Path, log: Callable[[str], None] = print) -> Diagnosed:
    """Activation → its diagnostics record (``diagnostics.RECORD``); a damaged one is
    left out with one line to ``log``."""
    found = {}
    for act in activations.ACTIVATIONS:
        path = Path(out_dir) / "diagnostics" / act / diagnostics.RECORD
        if not path.exists():
            continue
        try:
            found[act] = records.Diagnosis.load(path)
        except records.RecordError as e:
            log(f"left out of the report: {e}; fix: rerun python -m experiments.diagnostics")
    return found


def every(found: Found) -> list[Finished]:
    return [f for name in specs.LABS for f in found.get(name, [])]


def lab_command(name: str, out_dir: Path, found: Found) -> str:
    """The command producing ``name``'s results for the activations and data found."""
    acts = list(dict.fromkeys(f.act for f in every(found))) or ["sigmoid", "relu"]
    args = [f"--act={','.join(acts)}"]
    args += [f"--dataset={out_dir.name}"] if out_dir.name != "mnist" else []
    args += [f"--out_dir={out_dir.parent}"] if out_dir.parent != Path("results") else []
    return shlex.join(["python", "-m", f"experiments.{name}", *args])
