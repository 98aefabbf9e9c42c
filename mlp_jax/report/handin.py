"""One report a student can hand in: labs 6 and 7 compared with exercise 2.

``build(out_dir, lang)`` reads what the experiment CLIs left under a dataset's folder
``out_dir`` (``<--out_dir>/<dataset>``, ``experiment.root``), draws its figures anew from
those records in the report's language (under ``out_dir/report_figures/<lang>/``) and
returns the report as ``document`` blocks, figures and keyed tables numbered and cited
(``document.numbered``); ``write`` renders the same blocks as ``report.md`` and as a
self-contained ``report.html``, so the two cannot disagree.

In order: the title; the introduction (data, network, inputs); the implementation
(``implementation``); the setup and, once, what the tables mean (``results.definitions``);
each lab per activation (``results.lab_blocks``: a speed table, a quality table, the loss
and accuracy figures); what the layer diagnostics measured; the deep network (with
``depth``); the combined gain over exercise 2; the discussion and the limitations
(``findings``); the conclusions; the student's own discussion (``notes``); the
references; and an appendix (the learning rates' choice, the remaining figures and
every p-value, the 2-D surfaces, the other optimizers' code, how to reproduce).

For each activation every readable ``runs/*.npz`` is loaded; when the records come
from several shared settings, those of the most recently finished record are used,
and the report says so. The conclusions use the same ``summary.summarize`` rows and
``summary.ranked`` order as the tables: a configuration *beats* the baseline only with a
lower final training loss at a Holm-adjusted p < ``summary.ALPHA`` (``summary.compare``),
and is called fastest only at rank 1 alone.
"""

from __future__ import annotations

import datetime
import functools
import re
import shlex
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

import numpy as np

from mlp_jax import activations, records, util
from mlp_jax.labs import diagnostics, experiment, specs, summary
from mlp_jax.report import (
    conditions,
    curves,
    deeper,
    discussion,
    document,
    findings,
    implementation,
    lab_report,
    layers,
    methods,
    momentum_study,
    rates,
    results,
    text,
    trajectory_plots,
)
from mlp_jax.report.finished import (
    Diagnosed,
    Finished,
    Found,
    NoResults,
    diagnosed,
    every,
    find,
    lab_command,
)


def build(
    out_dir: str | Path,
    lang: str = "en",
    log: Callable[[str], None] = print,
    author: str = "",
    depth: str | Path | None = None,
    notes: str = "",
) -> list[document.Block]:
    """The report on everything under ``out_dir``, in ``lang`` (one of ``text.LANGS``),
    its title block naming ``author`` (free text) and today's date, the student's own
    discussion from ``notes`` (text; none when empty); with ``depth`` (another dataset
    folder holding lab 7 on a deeper network), the deep network's section.

    Raises:
      experiment.Busy: a live run is writing an experiment's folder (``experiment.lock``).
      NoResults: no experiment has records under ``out_dir``.
      BadDepth: ``depth``'s lab 7 does not fit (``check_depth``).
    """
    out_dir = Path(out_dir)
    check_unlocked([out_dir, *([] if depth is None else [Path(depth)])])
    found, diag = find(out_dir, log), diagnosed(out_dir, log)
    if not any(found.values()):
        raise NoResults(
            f"no results under {out_dir}: no records (runs/*.npz) in "
            f"{', '.join(f'{name}/' for name in specs.LABS)}; fix: run "
            f"`{lab_command('lab6', out_dir, found)}`, then `{lab_command('lab7', out_dir, found)}`, "
            "then this command again"
        )
    main = (found["lab7"] or every(found))[0].provenance.shared
    deep = deeper.Deep.read(Path(depth), main, log) if depth is not None else None
    layer_tables, histograms = _diagnostics(diag, out_dir, lang)
    appendix = appendix_parts(found, deep, diag, out_dir, lang, histograms)
    blocks = [
        *title_block(text.say(lang, "handin.title"), author, lang=lang),
        *_introduction(found, lang),
        *_implementation(found, lang),
        *_setup(found, lang, letters(appendix)["definitions"]),
        *_labs(found, out_dir, lang),
        *layer_tables,
        *(
            deeper.deep_section(deep, main, out_dir, Path(FIGURES, lang), lang, found["lab7"])
            if deep
            else []
        ),
        *discussion.exercise2_gain(found, lang),
        *findings.blocks(found, diag, out_dir, lang, *(deep[1:] if deep else ())),
        *findings.limitations(found, diag, lang, deep.found if deep else None),
        *discussion.conclusions(found, lang, _said(found, deep, lang)),
        *own_discussion(notes, lang),
        *_bibliography(lang),
        *_appendix(appendix, lang),
    ]
    return document.numbered(_present(blocks, lang), _words(lang))


def _words(lang: str) -> document.Words:
    say = functools.partial(text.say, lang)
    names = ("figure", "table", "cite_figure", "cite_table", "cite_figures", "cite_tables")
    return document.Words(*(say(f"lead.words.{n}") for n in names))


def _introduction(found: Found, lang: str) -> list[document.Block]:
    """What was studied and over how many seeds; on Fashion-MNIST, why it and not MNIST
    (with the report's best test accuracy); the network and its inputs."""
    say = functools.partial(text.say, lang)
    blocks: list[document.Block] = [
        document.Heading(2, say("lead.h.intro")),
        document.Paragraph(_intro(found, lang)),
    ]
    shown = _assigned(found)
    if "fashion_mnist" in _datasets(shown):
        best = max(r.test_acc_mean for f in shown for r in f.rows if not r.all_diverged)
        blocks.append(document.Paragraph(say("lead.fashion_mnist", best=text.pct(best, lang))))
    sizes = shown[0].provenance.shared.layer_sizes
    k, n = len(sizes) - 2, ", ".join(map(str, dict.fromkeys(sizes[1:-1])))
    hidden = text.plural(lang, k, "lead.hidden").format(k=k, n=n)
    blocks.append(
        document.Paragraph(say("lead.network", sizes=deeper.network_of(sizes), hidden=hidden))
    )
    return blocks


def _implementation(found: Found, lang: str) -> list[document.Block]:
    """``implementation.blocks`` for the optimizers and initializers the assigned labs
    trained, with their update rules as trained (``methods.optimizer_blocks``): each
    optimizer at its first record's rate and keywords (at the grid point reported,
    ``summary.selected``), how the rates were chosen cited from the appendix."""
    trained = _trained(found)
    rules = [
        *methods.optimizer_blocks(list(trained.values()), lang),
        document.Paragraph(text.say(lang, "lead.rates")),
    ]
    return implementation.blocks(
        list(trained),
        _inits(found),
        _assigned(found)[0].provenance.shared.layer_sizes,
        lang,
        kwargs={name: t.kwargs for name, t in trained.items()},
        rates={name: t.learning_rate for name, t in trained.items()},
        rules=rules,
    )


def _trained(found: Found) -> dict[str, methods.Trained]:
    """Each optimizer the assigned labs trained → its first record's rate and keywords."""
    trained: dict[str, methods.Trained] = {}
    for p in _provenances(found):
        spec = p.config
        trained.setdefault(
            spec["optimizer"],
            methods.Trained(
                spec["optimizer"],
                p.learning_rate,
                kwargs=spec.get("optimizer_kwargs", {}),
                schedule=spec.get("schedule") or "",
            ),
        )
    return trained


def _code(found: Found, lang: str) -> list[document.Block]:
    """The appendix's code (``implementation.appendix``), as the optimizers were trained."""
    trained = _trained(found)
    kwargs = {name: t.kwargs for name, t in trained.items()}
    rates = {name: t.learning_rate for name, t in trained.items()}
    return implementation.appendix(list(trained), _inits(found), lang, kwargs=kwargs, rates=rates)


def _provenances(found: Found) -> list[records.Provenance]:
    """The assigned labs' records' provenance, each at the grid point it is reported at."""
    return [summary.selected(r).provenance for f in _assigned(found) for r in f.results.values()]


def _labs(found: Found, out_dir: Path, lang: str) -> list[document.Block]:
    """Each experiment's heading, then ``results.lab_blocks`` per activation (with the
    records it leaves out); a missing assigned lab gets the command that produces it."""
    say = functools.partial(text.say, lang)
    blocks: list[document.Block] = []
    for name, lab in specs.LABS.items():
        if not lab.section or not (lab.assignment or found[name]):
            continue
        blocks.append(document.Heading(2, say(lab.title_key)))
        if not found[name]:
            folder, command = (
                text.code(out_dir / name),
                text.code(lab_command(name, out_dir, found)),
            )
            blocks.append(document.Paragraph(say("missing.lab", folder=folder, command=command)))
        for f in found[name]:
            section = results.lab_blocks(f, name, out_dir, Path(FIGURES, lang), lang)
            blocks += [section[0], *_notes(f, out_dir, lang), *section[1:]]
    return blocks


def _diagnostics(
    diag: Diagnosed, out_dir: Path, lang: str
) -> tuple[list[document.Block], list[document.Block]]:
    """What the layer diagnostics measured, then per activation the first hidden layer's
    table (``diag.<act>.layer1``); and, for the appendix, the activations' histograms
    (``diag.<act>.hist``)."""
    if not diag:
        return [], []
    say = functools.partial(text.say, lang)
    first = next(iter(diag.values()))
    epochs = text.count(lang, first.epochs, "count.epoch_acc")
    blocks: list[document.Block] = [
        document.Heading(3, say("lead.h.diagnostics")),
        document.Paragraph(
            say(
                "lead.diag.intro.lab7" if first.shared.experiment == "lab7" else "lead.diag.intro",
                epochs=epochs,
                n=text.integer(first.eval_size, lang),
                tables=lab_report.join([f"@tab:diag.{act}.layer1" for act in diag], lang),
                figures=lab_report.join([f"@fig:diag.{act}.hist" for act in diag], lang),
            )
        ),
    ]
    tables: list[document.Block] = []
    hists: list[document.Block] = []
    for act, record in diag.items():
        column, named = diagnostics.trouble_column(act), methods.activation_with(act, lang)
        lo, hi = (text.num(x, "g", lang) for x in diagnostics.SATURATION.get(act, (0, 1)))
        trouble = say(f"lead.diag.trouble.{column}", lo=lo, hi=hi) if column else ""
        caption = say("lead.diag.table", act=named, last=record.epochs, trouble=trouble)
        table = layers.first_layer_table(record, lang)._replace(
            caption=caption, key=f"diag.{act}.layer1"
        )
        drawn = layers.figure_folder(Path("diagnostics", act), lang) / "activation_hist.png"
        hist = document.Image(
            say("fig.activation_hist"),
            out_dir / drawn,
            drawn.as_posix(),
            say("lead.diag.hist", act=named),
            key=f"diag.{act}.hist",
        )
        tables.append(table)
        hists.append(hist)
    return [*blocks, *tables], hists


def _bibliography(lang: str) -> list[document.Block]:
    """The works the report cites (``implementation.BIBLIOGRAPHY``), by first author's
    surname and year (the keys)."""
    works = [implementation.BIBLIOGRAPHY[k] for k in sorted(implementation.BIBLIOGRAPHY)]
    return [document.Heading(2, text.say(lang, "lead.h.bibliography")), document.Items(works)]


class Part(NamedTuple):
    """One lettered part of the appendix: its title's key (``lead.appendix.<name>``) and
    blocks."""

    name: str
    blocks: list[document.Block]


def appendix_parts(
    found: Found,
    deep: deeper.Deep | None,
    diag: Diagnosed,
    out_dir: Path,
    lang: str,
    histograms: Sequence[document.Block] = (),
) -> list[Part]:
    """What a reader may want and an instructor need not read, the parts with something
    to show, in order: the learning rates' choice, the terms and tests the tables use
    (``results.definitions``), the momentum study's tables, the deep network's tables, the
    remaining figures (the layer diagnostics' ``histograms`` first) and every p-value, the
    optimizers on 2-D surfaces (with what they show, ``curves.surface_paragraphs``), the
    other optimizers' code, how to reproduce the results."""
    more: list[document.Block] = [*histograms]
    drawn = Path(FIGURES, lang)
    for name in (name for name, lab in specs.LABS.items() if lab.section):
        more += [
            b for f in found[name] for b in results.appendix_blocks(f, name, out_dir, drawn, lang)
        ]
    for f in deep.found["lab7"] if deep else []:
        more += results.appendix_blocks(f, "deep", out_dir, drawn, lang)
    parts = [
        Part("rates", rates.blocks(found, rates.read(found, out_dir), lang)),
        Part("definitions", results.definitions(lang)),
        Part("momentum", momentum_study.tables(found, lang)),
        Part(
            "deep", deeper.deep_appendix(deep, out_dir, Path(FIGURES, lang), lang) if deep else []
        ),
        Part("results", [*_contents(more, lang), *more]),
        Part("surfaces", _surfaces(out_dir, lang)),
        Part("code", _code(found, lang)[1:]),
        Part("reproduce", _provenance(found, deep, diag, lang)[1:]),
    ]
    return [p for p in parts if p.blocks]


def letters(parts: Sequence[Part]) -> dict[str, str]:
    """Each part's letter, A for the first."""
    return {p.name: "ABCDEFGHIJ"[i] for i, p in enumerate(parts)}


def _appendix(parts: Sequence[Part], lang: str) -> list[document.Block]:
    """The appendix: each part under its lettered heading."""
    say = functools.partial(text.say, lang)
    blocks: list[document.Block] = []
    for p in parts:
        title = say(
            "lead.h.appendix", letter=letters(parts)[p.name], title=say(f"lead.appendix.{p.name}")
        )
        blocks += [document.Heading(2, title), *p.blocks]
    return blocks


def _surfaces(out_dir: Path, lang: str) -> list[document.Block]:
    """The 2-D surfaces' figures (``trajectory_section``), then what they show."""
    shown = trajectory_section(out_dir, lang)[1:]
    if not shown:
        return []
    return [*shown, *(document.Paragraph(p) for p in curves.surface_paragraphs(out_dir, lang))]


def _contents(blocks: Sequence[document.Block], lang: str) -> list[document.Block]:
    """A sentence that cites each figure and keyed table of ``blocks`` (an appendix's):
    every one is cited somewhere."""
    figures = [f"@fig:{b.key}" for b in blocks if isinstance(b, document.Image) and b.key]
    tables = [f"@tab:{b.key}" for b in blocks if isinstance(b, document.Table) and b.key]
    if not figures and not tables:
        return []
    said = {"figures": lab_report.join(figures, lang), "tables": lab_report.join(tables, lang)}
    return [document.Paragraph(text.say(lang, "lead.appendix.contents", **said))]


def _inits(found: Found) -> list[str]:
    """The initializers the assigned labs trained, in order."""
    return list(dict.fromkeys(p.config["init"] for p in _provenances(found)))


def refresh(roots: Iterable[Path], log: Callable[[str], None] = print) -> list[Path]:
    """Writes every experiment folder's files again from its records under the dataset
    folders ``roots``, with the labs' writer (``lab_report.write_all``), each folder under
    its ``experiment.lock``; the records are those the report reads (``experiment.latest``
    of each activation, as ``finished.load``), the lines about them left to ``build``.

    Returns:
      The experiment folders written, in order.

    Raises:
      experiment.Busy: a live run holds one of the folders (``check_unlocked``),
        before anything is written.
    """
    roots = list(dict.fromkeys(roots))
    check_unlocked(roots)
    written = []
    for folder in (root / name for root in roots for name in specs.LABS):
        if not folder.is_dir():
            continue
        with experiment.lock(folder):
            found = {act: experiment.latest(folder / act, log=_quiet) for act in _acts(folder)}
            results = {act: f.results for act, f in found.items() if f.results}
            if results:
                lab_report.write_all(folder, results, log)
                written.append(folder)
    return written


def _acts(folder: Path) -> list[str]:
    """The activations with a folder in ``folder``, in ``activations.ACTIVATIONS`` order."""
    return [act for act in activations.ACTIVATIONS if (folder / act).is_dir()]


def _quiet(_: str) -> None:
    """Drops a line ``handin.build`` says too (a record left out, set aside)."""


def check_unlocked(roots: Iterable[Path]) -> None:
    """Refuses the experiments' folders under the dataset folders ``roots`` that a live
    run holds (``experiment.busy``; a stale lock does not count): half a lab is not
    reported as the lab."""
    for folder in (root / name for root in roots for name in specs.LABS):
        fix = "wait for that run to finish, then run this command again"
        if held := experiment.busy(folder, fix):
            raise held


def title_block(
    title: str, author: str = "", date: datetime.date | None = None, lang: str = "en"
) -> list[document.Block]:
    """The report's title, then one line with the author (free text) and the date.

    Args:
      title: the level-1 heading.
      author: e.g. name, index number and group, shown as typed (``text.literal``);
        "(autor)" / "(author)" when empty, for the student to fill in.
      date: the date written (default: today, UTC); Polish as 30.11.2026,
        English as 30 November 2026.
      lang: one of ``text.LANGS``.
    """
    date = date or datetime.datetime.now(datetime.UTC).date()
    written = f"{date:%d.%m.%Y}" if lang == "pl" else f"{date.day} {date:%B %Y}"
    shown = text.literal(author.strip()) or text.say(lang, "lead.no_author")
    parts = [text.say(lang, "doc.author", author=shown), text.say(lang, "doc.date", date=written)]
    return [document.Heading(1, title), document.Paragraph(" · ".join(parts))]


def paths(out_dir: str | Path, lang: str) -> tuple[Path, Path]:
    """``out_dir/report.<lang>.md`` and ``out_dir/report.<lang>.html``: one pair per language."""
    return Path(out_dir) / f"report.{lang}.md", Path(out_dir) / f"report.{lang}.html"


def write(out_dir: str | Path, blocks: list[document.Block], lang: str = "en") -> list[Path]:
    """Writes the report ``blocks`` (``build``'s, in ``lang``) to ``paths(out_dir, lang)``.

    Returns:
      The two paths (Markdown, HTML).
    """
    page = document.html(blocks, title=text.say(lang, "handin.title"), lang=lang)
    md, html = paths(out_dir, lang)
    return [
        util.atomic_write_text(md, document.markdown(blocks)),
        util.atomic_write_text(html, page),
    ]


def _datasets(finished: Iterable[Finished]) -> list[str]:
    return list(dict.fromkeys(f.provenance.data_source.partition(":")[0] for f in finished))


def _intro(found: Found, lang: str) -> str:
    """What was studied, on which data, over how many seeds (the labs', if any)."""
    say = functools.partial(text.say, lang)
    shown = [f for f in every(found) if f.lab.assignment] or every(found)
    data = [say(f"dataset.{d}") for d in _datasets(shown)]
    acts = dict.fromkeys(lab_report.config_label(f.act, lang) for f in shown)
    seeds = dict.fromkeys(str(f.provenance.shared.seeds) for f in shown)
    intro = say(
        "handin.intro",
        data=lab_report.join(data, lang),
        acts=lab_report.join(acts, lang),
        seeds=lab_report.join(seeds, lang),
    )
    fewer = [
        say(
            "stat.fewer_run",
            where=text.literal(f"{f.experiment}/{f.act}/{r.config}"),  # A record's name.
            n=r.n_used,
            seeds=r.seeds,
        )
        for f in shown
        for r in f.rows
        if r.diverged
    ]
    return f"{intro} {say('stat.fewer', runs='; '.join(fewer))}" if fewer else intro


SHARED_COLUMNS = ("network", "batch", "epochs_total", "seeds")
"""Setup columns said once in a sentence when every experiment has the same value."""


def _setup(found: Found, lang: str, letter: str) -> list[document.Block]:
    """The setup table (key ``setup``): per experiment its activations, training patterns,
    configurations (grouped by rate where each had a grid) and baseline, the activations
    sharing a row where the rest is alike; the network, batch size, epochs and seeds in
    their own columns, or in the sentence above when every experiment shares them; lab 7's
    conditions against lab 6's (``conditions.lab7_note``); then what the speed and quality
    tables' columns mean, the definitions cited from the appendix's part ``letter``."""
    say = functools.partial(text.say, lang)
    columns = ("experiment", "act", *SHARED_COLUMNS, "train", "configs", "baseline")

    def cells(f: Finished) -> dict[str, str]:
        shared = f.provenance.shared
        names = config_names(f, lang)
        values = (
            say(f.lab.short_key),
            lab_report.config_label(f.act, lang),
            "–".join(map(str, shared.layer_sizes)),
            str(shared.batch_size),
            str(shared.epochs),
            str(shared.seeds),
            conditions.train_cell(f, lang),
            conditions.rated_names(f, names, lang) if shared.lr_grid > 1 else ", ".join(names),
            lab_report.config_label(f.provenance.baseline, lang),
        )
        return dict(zip(columns, values, strict=True))

    table = [cells(f) for f in every(found)]
    common = [c for c in SHARED_COLUMNS if len({row[c] for row in table}) == 1]
    kept = [c for c in columns if c not in common]
    merged: dict[tuple[str, ...], list[str]] = {}
    for row in table:
        merged.setdefault(tuple(row[c] for c in kept if c != "act"), []).append(row["act"])
    rows = []
    for rest, acts in merged.items():
        row = list(rest)
        row.insert(kept.index("act"), lab_report.join(acts, lang))
        rows.append(row)
    lead = say("lead.setup")
    if common:
        parts = [say("lead.setup.part", name=say(f"col.{c}"), value=table[0][c]) for c in common]
        lead += " " + say("lead.setup.common", parts="; ".join(parts))
    header = [say(f"col.{c}") for c in kept]
    alpha = text.num(summary.ALPHA, ".2f", lang)
    note = conditions.lab7_note(found, lang)
    return [
        document.Heading(2, say("h.setup")),
        document.Paragraph(lead),
        document.Table(header, rows, caption=say("lead.setup.caption"), key="setup"),
        *([document.Paragraph(note)] if note else []),
        document.Paragraph(say("lead.setup.meaning", alpha=alpha, letter=letter)),
    ]


def config_names(f: Finished, lang: str) -> list[str]:
    """The configurations' names as the report shows them (``lab_report.config_label``);
    one without a name of its own (the momentum study's ``momentum_g0.9``) as its
    optimizer's name with its α, and γ for momentum."""
    shown = []
    for n in f.results:
        name = lab_report.config_label(n, lang)
        if name == text.literal(n):  # A record's own name: no code identifiers in prose.
            p = summary.selected(f.results[n]).provenance
            name, rate = (
                methods.label(p.config["optimizer"], lang),
                text.num(p.learning_rate, ".3g", lang),
            )
            if p.config["optimizer"] in ("momentum", "nesterov"):
                gamma = text.num(momentum_study.gamma_of(p.config), ".3g", lang)
                name += " " + text.say(lang, "momentum_study.short", gamma=gamma, rate=rate)
            else:
                name += " " + text.say(lang, "handin.setup.rate", rate=rate)
        shown.append(name)
    return shown


FIGURES = "report_figures"
"""The folder under ``out_dir`` the report draws its figures into, one per language."""


def trajectory_section(out_dir: Path, lang: str) -> list[document.Block]:
    """The optimizers on 2-D surfaces, when ``trajectories/`` holds a run of
    ``experiments.trajectories``: the ravine and saddle figures, drawn anew in ``lang``,
    and the GIFs' paths (``trajectory_plots.report_blocks``)."""
    surfaces = out_dir.parent / "trajectories"  # ``<out_dir>/trajectories``: no dataset.
    if not (surfaces / "trajectories.csv").exists():
        return []
    try:
        drawn = Path(FIGURES, lang, "trajectories")
        return trajectory_plots.report_blocks(out_dir, drawn, lang, source=surfaces)
    except (ValueError, KeyError):
        names = "trajectories/trajectories.csv"
        return [document.Paragraph(text.say(lang, "left_out.unreadable", names=names))]


def _notes(f: Finished, root: Path, lang: str) -> list[document.Paragraph]:
    """Which records of the activation's folder (under the dataset folder ``root``) the
    report leaves out, and the baseline's when it is missing (with the command that
    trains it)."""
    folder = text.code(root / f.experiment / f.act / "runs")
    notes = []
    if f.provenance.baseline not in f.results:
        name, command = (
            lab_report.config_label(f.provenance.baseline, lang),
            text.code(_baseline_command(f)),
        )
        notes.append(
            text.say(lang, "handin.no_baseline", name=name, folder=folder, command=command)
        )
    if f.other_settings:
        names = ", ".join(map(text.literal, f.other_settings))
        notes.append(text.say(lang, "left_out.settings", folder=folder, names=names))
    if f.unreadable:
        names = ", ".join(map(text.literal, f.unreadable))
        notes.append(text.say(lang, "left_out.unreadable", names=names))
    return [document.Paragraph(n) for n in notes]


def _baseline_command(f: Finished) -> str:
    """The command of ``f``'s first record with the lab's list flag (``specs.Lab.flag``)
    naming the baseline alone: it trains the baseline with the same settings."""
    flag = f"--{f.lab.flag}"
    argv = f.provenance.flags.get("argv") or [f"{f.experiment}.py", f"--act={f.act}"]
    kept = [a for i, a in enumerate(argv) if flag not in (a.partition("=")[0], i and argv[i - 1])]
    return _command_line([*kept, f"{flag}={f.provenance.baseline}"])


def _said(found: Found, deep: deeper.Deep | None, lang: str) -> discussion.Said:
    """The conclusions ``discussion.conclusions`` cannot draw itself: seeds that end far
    apart (``spread_conclusion``), the momentum study's (``momentum_study.conclusion``),
    the deep network's σ per layer (``depth_conclusion``) and the dead units at lab 6's
    rate (``units_conclusion``)."""
    return discussion.Said(
        spread=spread_conclusion(found, lang),
        momentum=momentum_study.conclusion(found, lang) or "",
        depth=deeper.depth_conclusion(deep, lang) if deep else "",
        units=units_conclusion(found, lang),
    )


def units_conclusion(found: Found, lang: str) -> str:
    """Per lab 7 activation whose trouble is dead units, with their shares recorded on its
    grid of rates (``layers.rate_rows``): ``layers.rate_conclusion``, joined."""
    lines = []
    for f in found.get("lab7", []):
        rows = layers.rate_rows(f.results, "dead_frac")
        if diagnostics.trouble_column(f.act) == "dead_frac" and rows:
            lines.append(layers.rate_conclusion(f, rows, lang))
    return " ".join(line for line in lines if line)


def spread_conclusion(found: Found, lang: str) -> str:
    """The configurations of labs 6 and 7 whose seeds end far apart (``curves.odd_configs``
    with ``curves.Seeds.outliers``): how many seeds end at which losses, where the mean
    loss and the mean accuracy rank, and the mean loss without them; "" for none."""
    parts = []
    for f in (f for name in ("lab6", "lab7") for f in found.get(name, [])):
        loss_rank, acc_rank = curves.ranks([r for r in f.rows if not r.all_diverged])
        for name in curves.odd_configs(f):
            s = curves.seeds(f, name)
            if not len(s.outliers):
                continue
            kept = s.finals[~np.isin(s.finals, s.outliers)]
            k = len(s.outliers)
            parts.append(
                text.say(
                    lang,
                    "concl.spread.part",
                    act=methods.label(f.act, lang),
                    name=results.label(f, name, lang),
                    k=text.number(lang, k),
                    n=text.number(lang, len(s.finals), "gen"),
                    ends=text.plural(lang, k, "concl.spread.ends"),
                    values=lab_report.join([text.num(v, ".4f", lang) for v in s.outliers], lang),
                    loss_rank=loss_rank[name],
                    acc_rank=acc_rank[name],
                    trimmed=text.num(float(np.mean(kept)), ".4f", lang),
                    tab=f"@tab:{f.experiment}.{f.act}.quality",
                )
            )
    return text.say(lang, "concl.spread", parts="; ".join(parts)) if parts else ""


conclusion = discussion.conclusion
"""One experiment and activation's conclusion (``discussion.conclusion``)."""


def _provenance(
    found: Found, deep: deeper.Deep | None, diag: Diagnosed, lang: str
) -> list[document.Block]:
    """Data sources (each with the experiments that used it), package versions, when the
    records finished, the commands (the deep network's too)."""
    say = functools.partial(text.say, lang)
    runs = [(say(f.lab.short_key), f) for f in every(found)]
    runs += [(say("prov.deep"), f) for f in (deep.found.get("lab7", []) if deep else [])]
    kept = [r.provenance for _, f in runs for r in f.results.values()]
    uses: dict[str, list[str]] = {}
    for name, f in runs:
        for r in f.results.values():
            uses.setdefault(r.provenance.data_source, []).append(name)
    for record in diag.values():
        for row in record.rows:
            uses.setdefault(row.data_source, []).append(say("prov.diagnostics"))
    done = sorted((p for p in kept if p.finished), key=lambda p: p.finished)
    lines = [
        say(
            "prov.data",
            names=lab_report.join(list(dict.fromkeys(names)), lang),
            source=text.data_line(s, lang),
        )
        for s, names in uses.items()
    ]
    lines += [say("prov.versions", versions=text.literal(_versions(kept)))]
    lines += [say("prov.finished", dates=span(done[:1] + done[-1:], lang))]
    argvs = [p.flags.get("argv") for p in kept]
    commands = dict.fromkeys(text.code(_command_line(argv)) for argv in argvs if argv)
    blocks = [document.Heading(2, say("h.provenance")), document.Items(lines)]
    if commands:
        blocks += [document.Paragraph(say("prov.commands")), document.Items(list(commands))]
    if "fashion_mnist" in _datasets(every(found)):
        command = text.code(f"python -m experiments.handin --dataset=mnist --lang={lang}")
        blocks.append(document.Paragraph(say("lead.mnist", command=command)))
    return blocks


def span(done: Sequence[records.Provenance], lang: str) -> str:
    """When the first and the last of ``done`` (records that finished, in order) finished,
    in UTC: ``06.12.2026 w godz. 06:31–11:09`` on one day, ``od … do …`` over several,
    one time for one record, "—" for none."""
    if not done:
        return "—"
    first, last = (datetime.datetime.fromisoformat(p.finished) for p in (done[0], done[-1]))
    day = "%d.%m.%Y" if lang == "pl" else "%d %B %Y"
    if first == last:
        return first.strftime(f"{day} %H:%M")
    if first.date() == last.date():
        start, end = first.strftime("%H:%M"), last.strftime("%H:%M")
        return text.say(lang, "prov.span.day", day=first.strftime(day), start=start, end=end)
    start, end = (t.strftime(f"{day} %H:%M") for t in (first, last))
    return text.say(lang, "prov.span.days", start=start, end=end)


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
    """The blocks, with a sentence in place of each figure whose file is missing, and the
    figures that follow one another in rows of two (printed side by side)."""
    out: list[document.Block] = []
    for b in blocks:
        if isinstance(b, document.Image) and not Path(b.path).exists():
            b = document.Paragraph(text.say(lang, "missing.figure", alt=b.alt, link=b.link))
        if isinstance(b, document.Image) and out and isinstance(out[-1], document.Image):
            b = document.Row([out.pop(), b])
        out.append(b)
    return out


# --------------------------------------------------------------------------
# The methods section (from the records and the code).
# --------------------------------------------------------------------------


def _assigned(found: Found) -> list[Finished]:
    return [f for f in every(found) if f.lab.assignment] or every(found)


def own_discussion(notes: str, lang: str) -> list[document.Block]:
    """The student's own discussion (``--notes``' text): its paragraphs, separated by
    blank lines, shown as typed (``text.literal``); nothing without one."""
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", notes) if p.strip()]
    if not paragraphs:
        return []
    heading = document.Heading(2, text.say(lang, "handin.own_h"))
    return [heading, *(document.Paragraph(text.literal(p)) for p in paragraphs)]
