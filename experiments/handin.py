"""The whole hand-in in one command: every run the report needs, then the report.

    python -m experiments.handin --dataset=fashion_mnist --lang=pl --author="Jan Kowalski, 123456, gr. 3" --pdf
    python -m experiments.handin --dataset=fashion_mnist --lang=pl,en

Runs, one after the other, the commands of the hand-in recipe, each as you could type
it yourself: lab 6, the learning-rate sweep whose grid and losses the report's appendix
shows (lab 6's optimizers, 2 seeds, 3 epochs; --nolr_sweep leaves it out), lab 7 (--act,
default sigmoid,relu), the momentum study (γ at
SGD's own step, which the discussion reads; --nomomentum leaves it out), the layer diagnostics
(--diagnostics_epochs), the optimizers on 2-D surfaces, the depth supplement (lab 7 and
its diagnostics on a network of six hidden layers of 128, one rate per configuration,
under <out_dir>/deep; --nodepth leaves it out), then the report in each --lang (with
your own discussion from --notes=FILE, when given). Lab 7 records its layers'
statistics while it trains, so the diagnostics steps train nothing: they read them, each
initializer at its chosen rate (they train only where lab 7's records lack them, as
records finished before lab 7 recorded them do). The
shared flags you give (--dataset, --epochs, --seeds, --out_dir, …) go to every step
they apply to. Like each of those commands it is resumable: a rerun skips what is
finished, and Ctrl-C keeps it.
"""

from __future__ import annotations

import dataclasses
import shlex
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence

from absl import flags

from experiments import cli, signals
from experiments import flags as common
from mlp_jax import util
from mlp_jax.labs import lr_sweep
from mlp_jax.report import document, text

LANGS = flags.DEFINE_list("lang", ["pl"], "Languages of the report, comma-separated: pl, en.")
flags.register_validator("lang", common.check_names("language", list(text.LANGS)))
AUTHOR = flags.DEFINE_string(
    "author", "", "Author line of the report's title (free text: name, index number, group)."
)
flags.register_validator("author", common.check_author)
NOTES = common.define_notes()
PDF = flags.DEFINE_bool("pdf", False, "Also print each report as PDF with a local Chromium.")
DEPTH = flags.DEFINE_bool("depth", True, "Run the depth supplement and add it to the report.")
MOMENTUM = flags.DEFINE_bool(
    "momentum", True, "Run the momentum study (γ at SGD's own step) for the discussion."
)
SWEEP = flags.DEFINE_bool(
    "lr_sweep", True, "Run the learning-rate sweep whose grid and losses the report shows."
)
DIAGNOSTICS_EPOCHS = flags.DEFINE_integer(
    "diagnostics_epochs", 5, "Epochs of the layer diagnostics (at most --epochs).", lower_bound=1
)

ACTS = "sigmoid,relu"
"""The activations the assignment compares (``--act``'s default here)."""
DEEP = ",".join(["128"] * 6)
"""The depth supplement's hidden layers."""
SWEEP_WEIGHT = 330
"""The learning-rate sweep's ``Step.weight``: lab 6's 802 scaled by its share of lab 6's
run-epochs (7 rates × 2 seeds × 3 epochs on 50,000 images against 10 seeds × 10 epochs on
60,000: 0.35) plus as many compilations (12, about 6.5 s each); measured: 378 CPU-s on
Fashion-MNIST, this 2-core machine shared with other jobs (load about 16)."""
CLUSTER = ("coordinator_address", "num_processes", "process_id", "distributed")
"""The multi-process flags: a cluster runs the steps one by one (docs/devices.md)."""


@dataclasses.dataclass(frozen=True)
class Step:
    """One command of the hand-in.

    Attributes:
      title: what it runs, for the progress lines.
      module: the CLI, ``experiments.<module>``.
      args: its flags.
      weight: its CPU-seconds in a whole hand-in on Fashion-MNIST (issue 32's table of
        the eight commands, one at a time on this 2-core machine: lab 7 and the deeper
        lab 7 at the recipe's settings, scaled from the measured one-rate and 5-epoch
        runs, plus the 1.4% that recording the layer statistics adds on Fashion-MNIST;
        the diagnostics reading them instead of training: 31 CPU-s, both activations,
        measured on the MNIST sample; the learning-rate sweep: SWEEP_WEIGHT), for the
        estimate; only the shares matter.
    """

    title: str
    module: str
    args: tuple[str, ...]
    weight: float

    def command(self) -> str:
        """The command as typed."""
        return shlex.join(["python", "-m", f"experiments.{self.module}", *self.args])


def _flags(given: Mapping[str, str], **changed: object) -> tuple[str, ...]:
    """``given`` (flag name → ``--name=value``) with ``changed``'s values instead."""
    return tuple((dict(given) | {k: f"--{k}={v}" for k, v in changed.items()}).values())


LAB7_WEIGHT = 2605
"""Lab 7's ``Step.weight`` with its full grid (issue 32's one-rate run scaled to 5 rates for
the 6 gridded configurations, exercise 2 at its one rate)."""


def _lab7_weight(lr_halving: int) -> float:
    """``LAB7_WEIGHT`` scaled by the rate-epochs lab 7 trains: a grid halved after epoch
    ``lr_halving`` of 10 trains 6 × (5k + 3(10 − k)) + 2 × 10 of 6 × 50 + 2 × 10 (224 of
    320 at k = 2)."""
    k = lr_halving if 0 < lr_halving < 10 else 10
    return LAB7_WEIGHT * (6 * (5 * k + 3 * (10 - k)) + 20) / 320


def _sweep_flags(given: Mapping[str, str]) -> tuple[str, ...]:
    """``given`` with the sweep's seeds and epochs (``lr_sweep.SEEDS``, ``.EPOCHS``), without
    ``--lr_grid`` (its grid is its own ``--grid``, ``lr_sweep.GRID`` by default)."""
    kept = {k: v for k, v in given.items() if k != "lr_grid"}
    return _flags(kept, seeds=lr_sweep.SEEDS, epochs=lr_sweep.EPOCHS)


def _study_flags(given: Mapping[str, str]) -> tuple[str, ...]:
    """``given`` without ``--lr_grid``: the momentum study trains each configuration at its
    one rate (a grid would undo its equal steps)."""
    return tuple(v for k, v in given.items() if k != "lr_grid")


def plan(
    given: Mapping[str, str],
    langs: Sequence[str],
    author: str,
    pdf: bool,
    depth: bool,
    diagnostics_epochs: int,
    notes: str = "",
    momentum: bool = True,
    sweep: bool = True,
    lr_halving: int = 2,
) -> list[Step]:
    """The hand-in's commands, in order.

    Args:
      given: the shared flags given, name → ``--name=value`` (``--dataset`` and
        ``--out_dir`` always among them); ``--act`` defaults to ``ACTS``.
      langs, author, pdf: the reports' languages, title line and printing.
      notes: the file with the student's own discussion ("": none).
      depth: with the depth supplement.
      diagnostics_epochs: the diagnostics' epochs.
      momentum: with the momentum study (``experiments.momentum``: γ at SGD's own step),
        which the discussion reads.
      sweep: with the learning-rate sweep (``experiments.lr_sweep``), whose grid and
        losses the appendix shows.
      lr_halving: lab 7's ``--lr_halving`` (a shared flag, in ``given`` when given), for
        its share of the ETA.
    """
    given = {"act": f"--act={ACTS}"} | dict(given)
    out_dir = given["out_dir"].split("=", 1)[1]
    deep = f"{out_dir}/deep"
    steps = [
        Step("lab 6", "lab6", _flags(given), 802),
        *[Step("the learning-rate sweep", "lr_sweep", _sweep_flags(given), SWEEP_WEIGHT)] * sweep,
        Step("lab 7", "lab7", _flags(given), _lab7_weight(lr_halving)),
        *[Step("the momentum study", "momentum", _study_flags(given), 670)] * momentum,
        Step("the layer diagnostics", "diagnostics", _flags(given, epochs=diagnostics_epochs), 31),
        Step(
            "the optimizers on 2-D surfaces",
            "trajectories",
            (*(given[k] for k in common.SURFACE_FLAGS if k in given), f"--lang={langs[0]}"),
            19,
        ),
    ]
    if depth:
        steps += [
            Step(
                "lab 7, deeper", "lab7", _flags(given, hidden=DEEP, lr_grid=1, out_dir=deep), 1195
            ),
            Step(
                "the layer diagnostics, deeper",
                "diagnostics",
                _flags(given, hidden=DEEP, epochs=diagnostics_epochs, out_dir=deep),
                31,
            ),
        ]
    report = [given["dataset"], given["out_dir"], *([f"--depth_dir={deep}"] if depth else [])]
    report += [f"--author={author}"] * bool(author) + [f"--notes={notes}"] * bool(notes)
    report += ["--pdf"] * pdf
    steps += [
        Step(f"the report ({lang})", "report", (*report, f"--lang={lang}"), 32) for lang in langs
    ]
    return steps


def _one_machine(values: Mapping[str, object]) -> bool:
    """A flag validator: no multi-process flag (checked before JAX starts)."""
    if given := [f"--{name}" for name in CLUSTER if flags.FLAGS[name].present]:
        raise flags.ValidationError(
            f"{', '.join(given)}: the hand-in runs on one machine; fix: drop it, or run the "
            "recipe's commands one by one on the cluster (docs/labs.md)"
        )
    return True


def _printable(pdf: bool) -> bool:
    """A flag validator: ``--pdf`` only with a browser to print with."""
    if pdf and document.browser() is None:
        raise flags.ValidationError(
            f"needs Chromium or Chrome on PATH ({', '.join(document.BROWSERS)}): install one "
            "(Debian: apt-get install chromium), or drop --pdf"
        )
    return True


flags.register_multi_flags_validator(CLUSTER, _one_machine)
flags.register_validator("pdf", _printable)


def _given() -> dict[str, str]:
    """The shared flags given on the command line, with ``--dataset`` and ``--out_dir``."""
    shared = flags.FLAGS.get_flags_for_module(common.__name__)
    given = {f.name: f.serialize() for f in shared if f.present}
    return {"dataset": common.DATASET.serialize(), "out_dir": common.OUT_DIR.serialize()} | given


def _eta(steps: Sequence[Step], done: int, elapsed: float) -> str:
    """The whole hand-in's time left, from this run's pace so far (empty before any)."""
    weights = [s.weight for s in steps]
    if not done or elapsed < 1:
        return ""
    left = elapsed / sum(weights[:done]) * sum(weights[done:])
    return f"; hand-in ETA {util.duration(left)}"


def _run(step: Step, where: str) -> None:
    """Runs ``step``, its output shown as it comes; a failure or a signal ends the hand-in.

    Raises:
      KeyboardInterrupt: Ctrl-C or SIGTERM (passed on to the step, which keeps what it
        finished), saying ``where`` it stopped.
    """
    child = subprocess.Popen([sys.executable, "-m", f"experiments.{step.module}", *step.args])
    try:
        code = child.wait()
    except KeyboardInterrupt:
        child.send_signal(signals.received())
        child.wait()
        raise KeyboardInterrupt(f"{where}; rerun the same command to resume") from None
    if code:
        cli.leave(
            code,
            f"error: {where} ended with exit code {code} (its line is above); fix: see that "
            "line, then rerun the same command to resume",
        )


def main(argv: Sequence[str]) -> None:
    del argv
    epochs = min(DIAGNOSTICS_EPOCHS.value, common.EPOCHS.value)
    steps = plan(
        _given(),
        LANGS.value,
        AUTHOR.value,
        PDF.value,
        DEPTH.value,
        epochs,
        NOTES.value,
        momentum=MOMENTUM.value,
        sweep=SWEEP.value,
        lr_halving=common.LR_HALVING.value,
    )
    start = time.perf_counter()
    for i, step in enumerate(steps):
        eta = _eta(steps, i, time.perf_counter() - start)
        where = f"[hand-in {i + 1}/{len(steps)}] {step.title}"
        print(f"{where}: {step.command()}{eta}", flush=True)
        _run(step, where)
    print(f"hand-in done in {util.duration(time.perf_counter() - start)}")


if __name__ == "__main__":
    cli.run(main)
