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
and the conclusions use the same ``summary.summarize`` rows and ``summary.ranked``
order as its tables: a configuration *beats* the baseline only with a lower final
training loss at a Holm-adjusted p < ``summary.ALPHA`` (``summary.compare``), and is
called fastest only at rank 1 alone.
"""

from __future__ import annotations

import datetime
import functools
import math
import shlex
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from mlp_jax import (
    activations,
    diagnostics,
    document,
    experiment,
    labs,
    records,
    report,
    summary,
    text,
    trajectory_plots,
    util,
)
from mlp_jax.records import SummaryRow

Found = dict[str, list["Finished"]]
"""Experiment → its activations' records."""
Diagnosed = dict[str, records.Diagnosis]
"""Activation → its ``diagnostics/<act>/diagnosis.json``."""


class NoResults(records.RecordError):
    """``out_dir`` holds no records of any experiment."""


class Finished(NamedTuple):
    """One experiment's records for one activation, as the report uses them.

    Attributes:
      experiment: ``lab6``, ``lab7`` or ``schedules``.
      act: the activation.
      results: configuration name → record, in the order they finished.
      rows: their ``summary.summarize`` rows, in the same order.
      other_settings: files of ``runs/`` left out as written with other shared settings.
      unreadable: files of ``runs/`` that could not be read.
    """

    experiment: str
    act: str
    results: dict[str, records.History]
    rows: list[SummaryRow]
    other_settings: list[str]
    unreadable: list[str]

    @property
    def provenance(self) -> records.Provenance:
        """The first record's provenance (the shared settings are every record's)."""
        return report.provenance(self.results)

    @property
    def lab(self) -> labs.Lab:
        """The experiment's spec."""
        return labs.get(self.experiment)

    @property
    def base(self) -> SummaryRow | None:
        """The baseline's row (None without its record)."""
        return summary.baseline_row(self.rows, self.provenance.baseline)


def load(out_dir: str | Path, name: str, act: str) -> Finished | None:
    """``act``'s records of experiment ``name`` under ``out_dir`` (``experiment.latest``);
    None without any."""
    found = experiment.latest(labs.get(name).folder(out_dir, act))
    if not found.results:
        return None
    rows = summary.summarize(act, found.results, report.provenance(found.results).baseline)
    return Finished(name, act, found.results, rows, found.other_settings, found.unreadable)


def find(out_dir: str | Path) -> Found:
    """Every experiment's ``Finished`` activations (in ``activations.ACTIVATIONS`` order)."""
    loaded = {
        name: [load(out_dir, name, act) for act in activations.ACTIVATIONS] for name in labs.LABS
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


def build(
    out_dir: str | Path, lang: str = "en", log: Callable[[str], None] = print
) -> list[document.Block]:
    """The report on everything under ``out_dir``, in ``lang`` (one of ``text.LANGS``).

    Raises:
      NoResults: no experiment has records under ``out_dir``.
    """
    out_dir = Path(out_dir)
    found, diag = find(out_dir), diagnosed(out_dir, log)
    if not any(found.values()):
        raise NoResults(
            f"no results under {out_dir}: no records (runs/*.npz) in "
            f"{', '.join(f'{name}/' for name in labs.LABS)}; fix: run "
            f"`{_command('lab6', out_dir, found)}`, then `{_command('lab7', out_dir, found)}`, "
            "then this command again"
        )
    blocks = [
        document.Heading(1, text.say(lang, "handin.title")),
        document.Paragraph(_intro(found, lang)),
        *_setup(found, lang),
        *_trajectories(out_dir, lang),
    ]
    for name, lab in labs.LABS.items():
        if lab.assignment or found[name]:
            blocks += _experiment(name, found, out_dir, lang)
    if diag:
        blocks += _diagnostics(diag, out_dir, lang)
    blocks += [*_comparison(found, lang), *_conclusions(found, diag, lang)]
    return _present([*blocks, *_provenance(found, diag, lang)], lang)


def write(out_dir: str | Path, lang: str = "en", log: Callable[[str], None] = print) -> list[Path]:
    """Writes ``build``'s report to ``out_dir/report.md`` and ``out_dir/report.html``.

    Returns:
      The two paths.
    """
    blocks = build(out_dir, lang, log)
    page = document.html(blocks, title=text.say(lang, "handin.title"), lang=lang)
    return [
        util.atomic_write_text(Path(out_dir) / "report.md", document.markdown(blocks)),
        util.atomic_write_text(Path(out_dir) / "report.html", page),
    ]


def _every(found: Found) -> list[Finished]:
    return [f for name in labs.LABS for f in found[name]]


def _join(items: Iterable[str], lang: str) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    items = list(items)
    last = items.pop()
    return f"{', '.join(items)} {text.say(lang, 'and')} {last}" if items else last


def _datasets(finished: Iterable[Finished]) -> list[str]:
    return list(dict.fromkeys(f.provenance.data_source.partition(":")[0] for f in finished))


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
    every = [f for f in _every(found) if f.lab.assignment] or _every(found)
    data = [say(f"dataset.{d}") for d in _datasets(every)]
    acts = dict.fromkeys(f.act for f in every)
    seeds = dict.fromkeys(str(f.provenance.shared.seeds) for f in every)
    intro = say(
        "handin.intro", data=_join(data, lang), acts=_join(acts, lang), seeds=_join(seeds, lang)
    )
    fewer = [
        say("stat.fewer_run", where=f"{f.experiment}/{f.act}/{r.config}", n=r.n_used, seeds=r.seeds)
        for f in every
        for r in f.rows
        if r.diverged
    ]
    return f"{intro} {say('stat.fewer', runs='; '.join(fewer))}" if fewer else intro


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
        shared = f.provenance.shared
        return [
            say(f.lab.short_key),
            f.act,
            "-".join(map(str, shared.layer_sizes)),
            str(shared.batch_size),
            str(shared.epochs),
            str(shared.seeds),
            ", ".join(f.results),
            f.provenance.baseline,
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
    blocks: list[document.Block] = [document.Heading(2, say(labs.get(name).title_key))]
    if not found[name]:
        folder, command = out_dir / name, _command(name, out_dir, found)
        return [*blocks, document.Paragraph(say("missing.lab", folder=folder, command=command))]
    drawn = Path(FIGURES, lang, name)
    if len(found[name]) > 1:
        results = {f.act: f.results for f in found[name]}
        report.side_by_side(results, out_dir / drawn / "activations.png", lang)
        link = (drawn / "activations.png").as_posix()
        blocks.append(document.Image(say("fig.activations"), out_dir / link, link))
    for f in found[name]:
        report.figures(f.act, f.results, out_dir / drawn / f.act, lang)
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


def _diagnostics(diag: Diagnosed, out_dir: Path, lang: str) -> list[document.Block]:
    """Per activation: the first hidden layer at init and at the end, and the figures
    (drawn in ``lang`` by the diagnostics, ``diagnostics.figure_folder``)."""
    say = functools.partial(text.say, lang)
    blocks: list[document.Block] = [document.Heading(2, say(labs.DIAGNOSTICS_TITLE))]
    for act, record in diag.items():
        column = diagnostics.trouble_column(act)
        drawn = diagnostics.figure_folder(Path("diagnostics", act), lang)
        figures = ["activation_hist", *([column] if column else [])]
        blocks += [
            document.Heading(3, f"{say(labs.DIAGNOSTICS_TITLE)} — {act}"),
            document.Paragraph(say("diag.explain", path=f"diagnostics/{act}/report.md")),
            diagnostics.first_layer_table(record, lang),
            *(
                document.Image(
                    say(f"fig.{figure}"),
                    out_dir / drawn / f"{figure}.png",
                    (drawn / f"{figure}.png").as_posix(),
                )
                for figure in figures
            ),
        ]
    return blocks


def _comparison(found: Found, lang: str) -> list[document.Block]:
    """The table the assignment asks for: exercise 2 against each lab's fastest."""
    rows = [_comparison_cells(f, lang) for f in _every(found) if f.lab.assignment]
    if not rows:
        return []
    columns = ("experiment", "act", "ex2", "ex2_loss", "ex2_acc", "fastest", "loss", "test_acc")
    header = [text.say(lang, f"col.{c}") for c in (*columns, "speedup")]
    header.append(text.say(lang, "stat.col.p_holm_loss"))
    return [
        document.Heading(2, text.say(lang, "h.comparison")),
        document.Paragraph(text.say(lang, "compare.explain")),
        document.Table(header, rows),
    ]


def _comparison_cells(f: Finished, lang: str) -> list[str]:
    def loss_acc(row: SummaryRow | None) -> list[str]:
        if row is None:
            return ["—", "—"]
        return [
            text.num(row.final_train_loss_mean, ".4f", lang),
            text.pct(row.test_acc_mean, lang),
        ]

    best = summary.ranked(f.rows)[0]
    tied = [r.config for r in summary.ranked(f.rows) if r.rank == 1]
    return [
        text.say(lang, f.lab.short_key),
        f.act,
        report.name(f.base, lang) if f.base else f.provenance.baseline,
        *loss_acc(f.base),
        " = ".join(report.name(r, lang) for r in summary.ranked(f.rows) if r.rank == 1)
        if len(tied) > 1
        else report.name(best, lang),
        *loss_acc(best),
        report.speedup_cell(best, lang),
        text.p_value(best.p_holm, lang, cell=True),
    ]


def _conclusions(found: Found, diag: Diagnosed, lang: str) -> list[document.Block]:
    say = functools.partial(text.say, lang)
    blocks: list[document.Block] = [document.Heading(2, say("h.conclusions"))]
    for name, lab in labs.LABS.items():
        if found[name]:
            lines = [conclusion(f, lang) for f in found[name]]
            blocks += [document.Heading(3, say(lab.title_key)), document.Items(lines)]
    if diag:
        lines = [diagnostics.headline(record, lang) for record in diag.values()]
        blocks += [document.Heading(3, say(labs.DIAGNOSTICS_TITLE)), document.Items(lines)]
    return blocks


def conclusion(found: Finished, lang: str = "en") -> str:
    """One activation's ``summary.compare`` in words, for the conclusions.

    The leader against the runner-up ("fastest" only of rank 1 alone, else the tied
    configurations), the first of the ranking against the baseline (how many times
    sooner it reaches the baseline's final loss, where both end), then which
    configurations end significantly lower, or higher, than the baseline (Holm-adjusted
    p < ``summary.ALPHA``). Without a target (``report.no_target``) only the final
    losses and accuracies are compared.
    """
    say = functools.partial(text.say, lang)
    label, noun = say(found.lab.baseline_gen_key), found.lab.noun_key
    c = summary.compare(found.rows, found.provenance.baseline)
    problem = report.no_target(found.results, say(found.lab.baseline_key), lang)
    if c.baseline is None and problem is None:
        name = found.provenance.baseline
        return say("concl.no_baseline", act=found.act, name=name, label=label)
    values = {
        "act": found.act,
        "label": label,
        "base_loss": text.num(c.baseline.final_train_loss_mean, ".4f", lang) if c.baseline else "—",
        "base_acc": text.pct(c.baseline.test_acc_mean, lang) if c.baseline else "—",
    }
    if problem:
        first = say("stat.concl.no_target", act=found.act, reason=problem)
    elif c.best is c.baseline and [r.rank for r in found.rows].count(1) == 1:
        first = say("concl.none_faster", noun=text.none_of(lang, noun), **values)
    else:
        first = _fastest(found, c, values, lang)
    lower = [report.name(r, lang) for r in c.lower]
    names = f": {', '.join(lower)}" if lower else ""
    tested = [r for r in c.others if math.isfinite(r.p_holm)]
    test = say(f"stat.test.{found.rows[0].pairing}")
    share = text.share(lang, len(lower), len(tested), noun, "concl.ends")
    base_label = say(found.lab.baseline_key)
    sentences = [first, say("stat.beat", share=share, test=test, label=base_label, names=names)]
    if c.higher:
        names = ", ".join(report.name(r, lang) for r in c.higher)
        sentences.append(say("stat.worse", k=len(c.higher), names=names))
    return " ".join(sentences)


def _fastest(found: Finished, c: summary.Comparison, values: Mapping[str, str], lang: str) -> str:
    """The leader against the runner-up, then the first configuration of the ranking
    other than the baseline against the baseline."""
    num = functools.partial(text.num, lang=lang)
    base, name = c.baseline, found.provenance.baseline
    ranking = summary.ranking(found.results, name)
    top = report.leader(found.rows, ranking, lang)
    sentences = [text.say(lang, "stat.concl.leader", act=found.act, leader=top)] if top else []
    best = next((r for r in c.others if not r.all_diverged), None)
    if best is None:
        return " ".join(sentences)
    speed = report.speedup_words(best, name, lang, report.digits(ranking, name, best))
    sentences.append(
        text.say(
            lang,
            "stat.concl.best",
            name=report.name(best, lang),
            used=report.used(best, lang),
            speed=speed,
            epochs=num(best.epochs_to_target, ".2f"),
            total=text.count(lang, found.provenance.shared.epochs, "count.epoch_gen"),
            loss=num(best.final_train_loss_mean, ".4f"),
            acc=text.pct(best.test_acc_mean, lang),
            loss_verdict=report.verdict(
                best.p_holm,
                best.p_vs_baseline,
                best.final_train_loss_mean - base.final_train_loss_mean,
                lang,
            ),
            acc_verdict=report.verdict(
                best.test_acc_p_holm,
                best.test_acc_p_vs_baseline,
                best.test_acc_mean - base.test_acc_mean,
                lang,
            ),
            **values,
        )
    )
    return " ".join(sentences)


def _provenance(found: Found, diag: Diagnosed, lang: str) -> list[document.Block]:
    """Data sources, package versions, when the records finished, the commands."""
    say = functools.partial(text.say, lang)
    kept = [r.provenance for f in _every(found) for r in f.results.values()]
    sources = [p.data_source for p in kept]
    sources += [row.data_source for record in diag.values() for row in record.rows]
    dates = sorted({_date(p) for p in kept})
    lines = [say("setup.data", source=text.data_line(s, lang)) for s in dict.fromkeys(sources)]
    lines += [say("prov.versions", versions=_versions(kept))]
    lines += [say("prov.finished", dates=" – ".join(dict.fromkeys([dates[0], dates[-1]])))]
    argvs = [p.flags.get("argv") for p in kept]
    commands = dict.fromkeys(f"`{_command_line(argv)}`" for argv in argvs if argv)
    blocks = [document.Heading(2, say("h.provenance")), document.Items(lines)]
    if commands:
        blocks += [document.Paragraph(say("prov.commands")), document.Items(list(commands))]
    return blocks


def _date(provenance: records.Provenance) -> str:
    stamp = provenance.finished
    return datetime.datetime.fromisoformat(stamp).strftime("%Y-%m-%d %H:%M") if stamp else "—"


def _versions(kept: Sequence[records.Provenance]) -> str:
    """``mlp_jax 0.1.0, jax 0.10.2, …``: each package's versions among the records."""
    parts = []
    for package in experiment.PACKAGES:
        versions = {p.versions.get(package) for p in kept} - {None}
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
