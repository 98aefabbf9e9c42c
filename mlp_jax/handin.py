"""One report a student can hand in: labs 6 and 7 compared with exercise 2.

``build(out_dir, lang)`` reads what the experiment CLIs left under ``out_dir`` (drawing its figures anew from
those records, in the report's language, under ``out_dir/report_figures/<lang>/``) and
returns the report as ``document`` blocks; ``write`` renders the same blocks as
``report.md`` and as a self-contained ``report.html``, so the two cannot disagree.
In order: a title and an introduction, the setup, a section per experiment —
``lab6/`` and ``lab7/`` (the assignment's: a missing one gets the command that
produces it), ``schedules/`` and ``diagnostics/`` when present —, the comparison
with exercise 2, the conclusions and the provenance.

For each activation every readable ``runs/*.npz`` is loaded; when the records come
from several shared settings, those of the most recently finished record are used,
and the report says so. The sections are ``report.section``'s, and the comparison
and the conclusions use the same ``report.summarize`` rows and ``report.ranked``
order as its tables: a configuration *beats* the baseline only with a lower final
training loss at p < ``ALPHA``.
"""

from __future__ import annotations

import csv
import datetime
import functools
import math
import shlex
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from mlp_jax import (
    activations,
    diagnostics,
    document,
    experiment,
    report,
    text,
    train,
    trajectory_plots,
    util,
)

EXPERIMENTS = ("lab6", "lab7", "schedules")
"""The experiments with records, in the report's order."""

LABS = ("lab6", "lab7")
"""The experiments the assignment asks for, compared with exercise 2."""

ALPHA = 0.05
"""Significance level of the Welch tests, as in ``report.verdict``."""

Row = report.Row
Found = dict[str, list["Finished"]]
"""Experiment → its activations' records."""
Diagnosed = dict[str, list[Row]]
"""Activation → the rows of its ``diagnostics/<act>/layer_stats.csv``."""


class NoResults(train.RecordError):
    """``out_dir`` holds no records of any experiment."""


class Finished(NamedTuple):
    """One experiment's records for one activation, as the report uses them.

    Attributes:
      experiment: ``lab6``, ``lab7`` or ``schedules``.
      act: the activation.
      results: configuration name → record, in the order they finished.
      rows: their ``report.summarize`` rows, in the same order.
      other_settings: files of ``runs/`` left out as written with other shared settings.
      unreadable: files of ``runs/`` that could not be read.
    """

    experiment: str
    act: str
    results: dict[str, train.History]
    rows: list[Row]
    other_settings: list[str]
    unreadable: list[str]

    @property
    def meta(self) -> Mapping[str, Any]:
        """The first record's provenance (the shared settings are every record's)."""
        return next(iter(self.results.values())).meta

    @property
    def base(self) -> Row | None:
        """The baseline's row (None without its record)."""
        return next((r for r in self.rows if r["config"] == self.meta["baseline"]), None)


def load(out_dir: str | Path, name: str, act: str) -> Finished | None:
    """``act``'s records of experiment ``name`` under ``out_dir`` (``experiment.latest``);
    None without any."""
    found = experiment.latest(Path(out_dir) / name / act)
    if not found.results:
        return None
    baseline = next(iter(found.results.values())).meta["baseline"]
    rows = report.summarize(act, found.results, baseline)
    return Finished(name, act, found.results, rows, found.other_settings, found.unreadable)


def find(out_dir: str | Path) -> Found:
    """Every experiment's ``Finished`` activations (in ``activations.ACTIVATIONS`` order)."""
    loaded = {
        name: [load(out_dir, name, act) for act in activations.ACTIVATIONS] for name in EXPERIMENTS
    }
    return {name: [f for f in found if f] for name, found in loaded.items()}


def diagnosed(out_dir: str | Path) -> Diagnosed:
    """Activation → its ``diagnostics/<act>/layer_stats.csv`` rows, numbers parsed."""
    folder = Path(out_dir) / "diagnostics"
    paths = {act: folder / act / "layer_stats.csv" for act in activations.ACTIVATIONS}
    return {act: _read_stats(path) for act, path in paths.items() if path.exists()}


def _read_stats(path: Path) -> list[Row]:
    with path.open(newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        row.update({k: int(row[k]) for k in ("layer", "epoch", "seeds")})
        row.update({k: float(row[k]) if row[k] else math.nan for k in diagnostics.STATS})
    return rows


def build(out_dir: str | Path, lang: str = "en") -> list[document.Block]:
    """The report on everything under ``out_dir``, in ``lang`` (one of ``text.LANGS``).

    Raises:
      NoResults: no experiment has records under ``out_dir``.
    """
    out_dir = Path(out_dir)
    found, diag = find(out_dir), diagnosed(out_dir)
    if not any(found.values()):
        raise NoResults(
            f"no results under {out_dir}: no records (runs/*.npz) in "
            f"{', '.join(f'{name}/' for name in EXPERIMENTS)}; fix: run "
            f"`{_command('lab6', out_dir, found)}`, then `{_command('lab7', out_dir, found)}`, "
            "then this command again"
        )
    blocks = [
        document.Heading(1, text.say(lang, "handin.title")),
        document.Paragraph(_intro(found, lang)),
        *_setup(found, lang),
        *_trajectories(out_dir, lang),
    ]
    for name in EXPERIMENTS:
        if name in LABS or found[name]:
            blocks += _experiment(name, found, out_dir, lang)
    if diag:
        blocks += _diagnostics(diag, out_dir, lang)
    blocks += [*_comparison(found, lang), *_conclusions(found, diag, lang)]
    return _present([*blocks, *_provenance(found, diag, lang)], lang)


def write(out_dir: str | Path, lang: str = "en") -> list[Path]:
    """Writes ``build``'s report to ``out_dir/report.md`` and ``out_dir/report.html``.

    Returns:
      The two paths.
    """
    blocks = build(out_dir, lang)
    page = document.html(blocks, title=text.say(lang, "handin.title"), lang=lang)
    return [
        util.atomic_write_text(Path(out_dir) / "report.md", document.markdown(blocks)),
        util.atomic_write_text(Path(out_dir) / "report.html", page),
    ]


def _every(found: Found) -> list[Finished]:
    return [f for name in EXPERIMENTS for f in found[name]]


def _join(items: Iterable[str], lang: str) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    items = list(items)
    last = items.pop()
    return f"{', '.join(items)} {text.say(lang, 'and')} {last}" if items else last


def _datasets(finished: Iterable[Finished]) -> list[str]:
    return list(dict.fromkeys(f.meta["data_source"].partition(":")[0] for f in finished))


def _command(name: str, out_dir: Path, found: Found) -> str:
    """The command producing ``name``'s results for the activations and data found."""
    acts = list(dict.fromkeys(f.act for f in _every(found))) or ["sigmoid", "relu"]
    args = [f"--act={','.join(acts)}"]
    args += [f"--dataset={d}" for d in _datasets(_every(found))[:1] if d != "mnist"]
    args += [f"--out_dir={out_dir}"] if out_dir != Path("results") else []
    return shlex.join(["python", "-m", f"experiments.{name}", *args])


def _intro(found: Found, lang: str) -> str:
    """What was studied, on which data, over how many seeds (the labs', if any)."""
    say = functools.partial(text.say, lang)
    every = [f for name in LABS for f in found[name]] or _every(found)
    data = [
        say(f"dataset.{d}") if f"dataset.{d}" in text.PHRASES[lang] else d for d in _datasets(every)
    ]
    acts = dict.fromkeys(f.act for f in every)
    seeds = dict.fromkeys(str(f.meta["shared"]["seeds"]) for f in every)
    return say(
        "handin.intro", data=_join(data, lang), acts=_join(acts, lang), seeds=_join(seeds, lang)
    )


def _setup(found: Found, lang: str) -> list[document.Block]:
    say = functools.partial(text.say, lang)
    columns = (
        "experiment",
        "act",
        "network",
        "batch",
        "epochs_total",
        "seeds",
        "configs",
        "baseline",
    )

    def cells(f: Finished) -> list[str]:
        shared = f.meta["shared"]
        return [
            say(f"short.{f.experiment}"),
            f.act,
            "-".join(map(str, shared["layer_sizes"])),
            str(shared["batch_size"]),
            str(shared["epochs"]),
            str(shared["seeds"]),
            ", ".join(f.results),
            f.meta["baseline"],
        ]

    header = [say(f"col.{c}") for c in columns]
    return [
        document.Heading(2, say("h.setup")),
        document.Table(header, [cells(f) for f in _every(found)]),
    ]


FIGURES = "report_figures"
"""The folder under ``out_dir`` the report draws its figures into, one per language."""


def _trajectories(out_dir: Path, lang: str) -> list[document.Block]:
    """The optimizers on 2-D surfaces, when ``trajectories/`` holds a run of
    ``experiments.trajectories``: the ravine and saddle figures, drawn anew in ``lang``,
    and the GIFs' paths (``trajectory_plots.report_blocks``)."""
    if not (out_dir / "trajectories" / "trajectories.csv").exists():
        return []
    try:
        return trajectory_plots.report_blocks(out_dir, Path(FIGURES, lang, "trajectories"), lang)
    except (ValueError, KeyError):
        names = "trajectories/trajectories.csv"
        return [document.Paragraph(text.say(lang, "left_out.unreadable", names=names))]


def _experiment(name: str, found: Found, out_dir: Path, lang: str) -> list[document.Block]:
    """The experiment's heading, side-by-side figure and ``report.section`` per activation.

    The figures are drawn anew, from the very records the tables use, in ``lang``.
    """
    say = functools.partial(text.say, lang)
    blocks: list[document.Block] = [document.Heading(2, say(f"title.{name}"))]
    if not found[name]:
        folder, command = out_dir / name, _command(name, out_dir, found)
        return [*blocks, document.Paragraph(say("missing.lab", folder=folder, command=command))]
    drawn = Path(FIGURES, lang, name)
    if len(found[name]) > 1:
        results = {f.act: f.results for f in found[name]}
        report.side_by_side(name, results, out_dir / drawn / "activations.png", lang)
        link = (drawn / "activations.png").as_posix()
        blocks.append(document.Image(say("fig.activations"), out_dir / link, link))
    for f in found[name]:
        report.figures(name, f.act, f.results, out_dir / drawn / f.act, lang)
        section = report.section(
            f.act,
            f.results,
            f.rows,
            out_dir / drawn / f.act,
            lang=lang,
            level=3,
            link=lambda file, f=f: (drawn / f.act / file).as_posix(),
        )
        blocks += [section[0], *_notes(f, out_dir, lang), *section[1:]]
    return blocks


def _notes(f: Finished, out_dir: Path, lang: str) -> list[document.Paragraph]:
    """Which records of the activation's folder the report leaves out."""
    folder = out_dir / f.experiment / f.act / "runs"
    notes = []
    if f.other_settings:
        names = ", ".join(f.other_settings)
        notes.append(text.say(lang, "left_out.settings", folder=folder, names=names))
    if f.unreadable:
        notes.append(text.say(lang, "left_out.unreadable", names=", ".join(f.unreadable)))
    return [document.Paragraph(n) for n in notes]


def _first_layer(rows: Sequence[Row], init: str, epoch: int) -> Row:
    return next(r for r in rows if (r["init"], r["layer"], r["epoch"]) == (init, 0, epoch))


def _inits(rows: Sequence[Row]) -> list[str]:
    return list(dict.fromkeys(r["init"] for r in rows))


def _diagnostics(diag: Diagnosed, out_dir: Path, lang: str) -> list[document.Block]:
    """Per activation: the first hidden layer at init and at the end, and the figures."""
    say = functools.partial(text.say, lang)
    blocks: list[document.Block] = [document.Heading(2, say("title.diagnostics"))]
    for act, rows in diag.items():
        column, last = diagnostics.trouble_column(act), max(r["epoch"] for r in rows)
        header = [say("col.init"), say("col.preact_std", epoch=0), say("col.closed_form")]
        header += [say("col.preact_std", epoch=last)]
        header += [say(f"col.{column}", epoch=e) for e in (0, last)] if column else []
        table = [_diagnosis_cells(rows, init, last, column, lang) for init in _inits(rows)]
        figures = ["activation_hist", *([column] if column else [])]
        blocks += [
            document.Heading(3, f"{say('title.diagnostics')} — {act}"),
            document.Paragraph(say("diag.explain", path=f"diagnostics/{act}/report.md")),
            document.Table(header, table),
            *(
                document.Image(
                    say(f"fig.{figure}"),
                    out_dir / "diagnostics" / act / f"{figure}.png",
                    f"diagnostics/{act}/{figure}.png",
                )
                for figure in figures
            ),
        ]
    return blocks


def _diagnosis_cells(
    rows: Sequence[Row], init: str, last: int, column: str | None, lang: str
) -> list[str]:
    start, end = _first_layer(rows, init, 0), _first_layer(rows, init, last)
    cells = [init] + [
        text.num(value, ".3g", lang)
        for value in (start["preact_std"], start["preact_std_closed_form"], end["preact_std"])
    ]
    return cells + ([text.pct(r[column], lang) for r in (start, end)] if column else [])


def _comparison(found: Found, lang: str) -> list[document.Block]:
    """The table the assignment asks for: exercise 2 against each lab's fastest."""
    rows = [_comparison_cells(f, lang) for name in LABS for f in found[name]]
    if not rows:
        return []
    columns = ("experiment", "act", "ex2", "ex2_loss", "ex2_acc", "fastest", "loss", "test_acc")
    header = [text.say(lang, f"col.{c}") for c in (*columns, "speedup", "p_loss")]
    return [
        document.Heading(2, text.say(lang, "h.comparison")),
        document.Paragraph(text.say(lang, "compare.explain")),
        document.Table(header, rows),
    ]


def _comparison_cells(f: Finished, lang: str) -> list[str]:
    def loss_acc(row: Row | None) -> list[str]:
        if row is None:
            return ["—", "—"]
        return [
            text.num(row["final_train_loss_mean"], ".4f", lang),
            text.pct(row["test_acc_mean"], lang),
        ]

    best = report.ranked(f.rows)[0]
    return [
        text.say(lang, f"short.{f.experiment}"),
        f.act,
        f.meta["baseline"],
        *loss_acc(f.base),
        best["config"],
        *loss_acc(best),
        report.speedup_cell(best, lang),
        text.num(best["p_vs_baseline"], ".2g", lang),
    ]


def _conclusions(found: Found, diag: Diagnosed, lang: str) -> list[document.Block]:
    say = functools.partial(text.say, lang)
    blocks: list[document.Block] = [document.Heading(2, say("h.conclusions"))]
    for name in EXPERIMENTS:
        if found[name]:
            lines = [conclusion(f, lang) for f in found[name]]
            blocks += [document.Heading(3, say(f"title.{name}")), document.Items(lines)]
    if diag:
        lines = [diagnosis(act, rows, lang) for act, rows in diag.items()]
        blocks += [document.Heading(3, say("title.diagnostics")), document.Items(lines)]
    return blocks


def conclusion(found: Finished, lang: str = "en") -> str:
    """One activation's rows in words, for the conclusions.

    The first of ``report.ranked`` against the baseline (how many times sooner it
    reaches the baseline's final loss, where both end), then which configurations end
    lower, or higher, than the baseline beyond noise (p < ``ALPHA``).
    """
    say = functools.partial(text.say, lang)
    num = functools.partial(text.num, lang=lang)
    base, label = found.base, say(f"baseline.{found.experiment}")
    if base is None or not math.isfinite(base["final_train_loss_mean"]):
        return say("concl.no_baseline", act=found.act, name=found.meta["baseline"], label=label)
    order, noun = report.ranked(found.rows), say(f"noun.{found.experiment}")
    best, base_loss = order[0], base["final_train_loss_mean"]
    values = {
        "act": found.act,
        "label": label,
        "base_loss": num(base_loss, ".4f"),
        "base_acc": text.pct(base["test_acc_mean"], lang),
    }
    if best is base:
        first = say("concl.none_faster", noun=noun, **values)
    else:
        loss, acc = best["final_train_loss_mean"], best["test_acc_mean"]
        first = say(
            "concl.fastest",
            name=best["config"],
            speed=report.speedup_words(best, lang),
            epochs=num(best["epochs_to_target"], ".2f"),
            total=found.meta["shared"]["epochs"],
            loss=num(loss, ".4f"),
            acc=text.pct(acc, lang),
            loss_verdict=report.verdict(best["p_vs_baseline"], loss - base_loss, lang),
            acc_verdict=report.verdict(
                best["test_acc_p_vs_baseline"], acc - base["test_acc_mean"], lang
            ),
            **values,
        )
    others = [r for r in order if r is not base]
    tested = [r for r in others if r["p_vs_baseline"] < ALPHA]
    lower = [r["config"] for r in tested if r["final_train_loss_mean"] < base_loss]
    higher = [r["config"] for r in tested if r["final_train_loss_mean"] > base_loss]
    names = f": {', '.join(lower)}" if lower else ""
    sentences = [
        first,
        say("concl.beat", k=len(lower), n=len(others), noun=noun, label=label, names=names),
    ]
    if higher:
        sentences.append(say("concl.worse", k=len(higher), names=", ".join(higher)))
    return " ".join(sentences)


def diagnosis(act: str, rows: Sequence[Row], lang: str = "en") -> str:
    """The first hidden layer at initialisation, per init: pre-activation std and trouble."""
    column = diagnostics.trouble_column(act)
    parts = []
    for init in _inits(rows):
        start = _first_layer(rows, init, 0)
        part = text.say(
            lang, "diag.part", init=init, std=text.num(start["preact_std"], ".3g", lang)
        )
        if column:
            part += ", " + text.say(lang, f"diag.{column}", frac=text.pct(start[column], lang))
        parts.append(part)
    return text.say(lang, "concl.diagnostics", act=act, parts="; ".join(parts))


def _provenance(found: Found, diag: Diagnosed, lang: str) -> list[document.Block]:
    """Data sources, package versions, when the records finished, the commands."""
    say = functools.partial(text.say, lang)
    records = [r for f in _every(found) for r in f.results.values()]
    sources = [r.meta["data_source"] for r in records]
    sources += [row["data_source"] for rows in diag.values() for row in rows]
    dates = sorted({_date(r) for r in records})
    lines = [say("setup.data", source=s) for s in dict.fromkeys(sources)]
    lines += [say("prov.versions", versions=_versions(records))]
    lines += [say("prov.finished", dates=" – ".join(dict.fromkeys([dates[0], dates[-1]])))]
    argvs = [r.meta.get("flags", {}).get("argv") for r in records]
    commands = dict.fromkeys(f"`{_command_line(argv)}`" for argv in argvs if argv)
    blocks = [document.Heading(2, say("h.provenance")), document.Items(lines)]
    if commands:
        blocks += [document.Paragraph(say("prov.commands")), document.Items(list(commands))]
    return blocks


def _date(record: train.History) -> str:
    stamp = record.meta.get("finished", "")
    return datetime.datetime.fromisoformat(stamp).strftime("%Y-%m-%d %H:%M") if stamp else "—"


def _versions(records: Sequence[train.History]) -> str:
    """``mlp_jax 0.1.0, jax 0.10.2, …``: each package's versions among the records."""
    parts = []
    for package in experiment.PACKAGES:
        versions = {r.meta.get("versions", {}).get(package) for r in records} - {None}
        if versions:
            parts.append(f"{package} {'/'.join(sorted(versions))}")
    return ", ".join(parts) or "—"


def _command_line(argv: Sequence[str]) -> str:
    """A record's ``sys.argv`` as the command typed: ``python -m experiments.lab6 …``."""
    script = Path(argv[0])
    head = ["python", argv[0]]
    if script.parent.name == "experiments":
        head = ["python", "-m", f"experiments.{script.stem}"]
    return shlex.join([*head, *argv[1:]])


def _present(blocks: Sequence[document.Block], lang: str) -> list[document.Block]:
    """The blocks, with a sentence in place of each figure whose file is missing."""
    return [
        document.Paragraph(text.say(lang, "missing.figure", alt=b.alt, link=b.link))
        if isinstance(b, document.Image) and not Path(b.path).exists()
        else b
        for b in blocks
    ]
