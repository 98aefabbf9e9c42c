"""The experiments as data: one ``Lab`` spec per experiment, in ``LABS``.

A spec says what an experiment is called, its baseline (exercise 2's configuration,
which the others are compared with), how its configurations are built, its own flags'
defaults and the text keys of its title and words. The CLIs, the hand-in report and
the text-key test all read these specs: adding an experiment is one entry here (plus
its CLI and its phrases in ``text``).

Lab 7's choice of optimizer lives here too (``lab7_choice``): lab 6's rank-1
configuration other than its baseline (ties broken by the final training loss, then the
lab's order) on the same data, as a frozen ``records.Choice``.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from pathlib import Path

from mlp_jax import data, records, schedules
from mlp_jax.labs import configs, experiment, summary


@dataclasses.dataclass(frozen=True)
class Lab:
    """One experiment.

    Attributes:
      name: its name: the CLI ``experiments.<name>`` and the folder
        ``<out_dir>/<dataset>/<name>/``.
      baseline: the configuration the others are compared with.
      configurations: builds its configurations (see ``configs``).
      defaults: the names its own list flag picks by default; the baseline first.
      flag: that flag's name (``optimizers``, ``inits``, ``schedules``, ``configs``).
      assignment: whether the assignment asks for it (compared with exercise 2 in the
        hand-in report, which names the command when its results are missing).
      lr_grid: its default ``--lr_grid``.
      section: whether the hand-in report gives it a results section of its own (lab
        tables, figures, conclusions); a study that answers a question of the discussion
        (the momentum study) is read there instead.
    """

    name: str
    baseline: str
    configurations: Callable[..., list[configs.Config]]
    defaults: tuple[str, ...]
    flag: str
    assignment: bool = False
    lr_grid: int = 1
    section: bool = True

    @property
    def title_key(self) -> str:
        """``text`` key of its title."""
        return f"title.{self.name}"

    @property
    def short_key(self) -> str:
        """``text`` key of its short name (tables)."""
        return f"short.{self.name}"

    @property
    def baseline_key(self) -> str:
        """``text`` key of its baseline in words."""
        return f"baseline.{self.name}"

    @property
    def baseline_gen_key(self) -> str:
        """``text`` key of its baseline in words, in the genitive ("the final loss of ...")."""
        return f"baseline_gen.{self.name}"

    @property
    def noun_key(self) -> str:
        """``text`` key of what it compares: its gender and forms for ``text.plural``."""
        return f"noun.{self.name}"

    def text_keys(self) -> tuple[str, ...]:
        """Every ``text`` key the reports ask for about this experiment."""
        keys = (self.title_key, self.short_key, self.baseline_key, self.baseline_gen_key)
        return (*keys, self.noun_key)

    def folder(self, root: str | Path, act: str) -> Path:
        """``<root>/<name>/<act>``: its results for ``act``, ``root`` being a dataset's
        results folder, ``<out_dir>/<dataset>`` (``experiment.root``)."""
        return Path(root) / self.name / act


LAB6 = Lab("lab6", "sgd", configs.lab6, configs.LAB6_OPTIMIZERS, "optimizers", assignment=True)
LAB7 = Lab(
    "lab7",
    "normal",
    configs.lab7_study,
    configs.LAB7_INITS,
    "inits",
    assignment=True,
    lr_grid=configs.LAB7_LR_GRID,
)
SCHEDULES = Lab(
    "schedules", "constant", configs.schedule_study, tuple(schedules.SCHEDULES), "schedules"
)

MOMENTUM = Lab(
    "momentum", "sgd", configs.momentum_study, configs.MOMENTUM_CONFIGS, "configs", section=False
)

LABS: dict[str, Lab] = {lab.name: lab for lab in (LAB6, LAB7, SCHEDULES, MOMENTUM)}
"""Every experiment with result records, in the report's order."""

DIAGNOSTICS_TITLE = "title.diagnostics"
"""``text`` key of the layer diagnostics' title (diagnostics write no ``runs/``)."""


def get(name: str) -> Lab:
    """The ``Lab`` called ``name``."""
    if name not in LABS:
        raise ValueError(f"unknown experiment {name!r}; valid: {', '.join(LABS)}")
    return LABS[name]


FALLBACK = "adam"
"""Lab 7's optimizer where lab 6 offers none (at its ``configs.DEFAULT_LR`` rate)."""


def lab7_choice(out_dir: str | Path, act: str, dataset: data.Dataset) -> records.Choice | None:
    """Lab 6's rank-1 optimizer on the same data, as lab 7 uses it (None without results).

    Lab 6's ``experiment.latest`` records on the same data (``Dataset.digest``: a
    validation split held out of it does not make it other data); of its
    configurations with a finite final loss other than the baseline (whose final loss
    is the target: picking it would set it against itself), the one of ``rank`` 1 in
    their summary (``summary.summarize``: none significantly faster) wins, at the rate
    lab 6 reported it. Several at rank 1 are a tie: the lowest final mean training loss
    breaks it, then the lab's order (``tie_break`` ``loss`` or ``order``). Without
    ranks (no target), or with the baseline alone at rank 1, the first of
    ``summary.ranked`` wins. Where none is left, ``FALLBACK`` at its default rate,
    ``why`` ``baseline_only``.
    """
    same_data = lambda record: record.provenance.data_digest == dataset.digest
    results = experiment.latest(LAB6.folder(out_dir, act), same_data).results
    if not results:
        return None
    baseline = next(iter(results.values())).provenance.baseline
    rows = [
        r
        for r in summary.summarize(act, results, baseline)
        if r.config != baseline and math.isfinite(r.final_train_loss_mean)
    ]
    if not rows:
        return records.Choice(FALLBACK, configs.DEFAULT_LR[FALLBACK], "baseline_only")
    first = [r for r in rows if r.rank == 1] or summary.ranked(rows)[:1]
    best, tie_break = break_tie(first)
    spec = results[best.config].provenance.config
    tied = tuple(r.config for r in first if r is not best)
    return records.Choice(
        spec["optimizer"], best.learning_rate, "lab6", best.config, tied, tie_break
    )


def break_tie(first: list[records.SummaryRow]) -> tuple[records.SummaryRow, str]:
    """The lowest final mean training loss of ``first`` (the lab's order), and what
    broke the tie: "" alone, ``loss``, or ``order`` when the lowest loss is shared."""
    if len(first) == 1:
        return first[0], ""
    order = {name: i for i, name in enumerate(LAB6.defaults)}
    first = sorted(first, key=lambda r: order.get(r.config, len(order)))
    low = min(r.final_train_loss_mean for r in first)
    lowest = [r for r in first if r.final_train_loss_mean == low]
    return lowest[0], "loss" if len(lowest) == 1 else "order"


def lab7_optimizer(
    out_dir: str | Path, act: str, dataset: data.Dataset, optimizer: str | None = None
) -> records.Choice:
    """Lab 7's optimizer and rate for ``act``: ``optimizer`` at its default rate when given
    (``--optimizer``), else lab 6's fastest on the same data (``lab7_choice``), else
    ``FALLBACK`` at its default rate."""
    if optimizer:
        return records.Choice(optimizer, configs.DEFAULT_LR[optimizer], "flag")
    found = lab7_choice(out_dir, act, dataset)
    return found or records.Choice(FALLBACK, configs.DEFAULT_LR[FALLBACK], "default")
