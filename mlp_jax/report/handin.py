"""One report a student can hand in: labs 6 and 7 compared with exercise 2.

``build(out_dir, lang)`` reads what the experiment CLIs left under a dataset's folder
``out_dir`` (``<--out_dir>/<dataset>``, ``experiment.root``; drawing its figures anew from
those records, in the report's language, under ``out_dir/report_figures/<lang>/``) and
returns the report as ``document`` blocks; ``write`` renders the same blocks as
``report.md`` and as a self-contained ``report.html``, so the two cannot disagree.
In order: a title and an introduction, the setup, a section per experiment —
``lab6/`` and ``lab7/`` (the assignment's: a missing one gets the command that
produces it), ``schedules/`` and ``diagnostics/`` when present —, the comparison
with exercise 2, the conclusions and the provenance.

For each activation every readable ``runs/*.npz`` is loaded; when the records come
from several shared settings, those of the most recently finished record are used,
and the report says so. The sections are ``lab_report.section``'s, and the comparison
and the conclusions use the same ``summary.summarize`` rows and ``summary.ranked``
order as its tables: a configuration *beats* the baseline only with a lower final
training loss at a Holm-adjusted p < ``summary.ALPHA`` (``summary.compare``), and is
called fastest only at rank 1 alone.
"""

from __future__ import annotations

import datetime
import functools
import math
import re
import shlex
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from mlp_jax import records, util
from mlp_jax.labs import configs, diagnostics, experiment, specs, summary
from mlp_jax.records import SummaryRow
from mlp_jax.report import (
    discussion,
    document,
    lab_report,
    layers,
    methods,
    plots,
    text,
    trajectory_plots,
)
from mlp_jax.report.finished import (
    BadDepth,
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
    discussion from ``notes`` (text; none when empty); with ``depth``
    (another dataset folder holding lab 7 on a deeper network), the depth supplement
    beside the main lab (``depth_supplement``).

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
    deep = None if depth is None else find(Path(depth), log)
    if deep is not None:
        check_depth(main, deep, Path(depth))
    blocks = [
        *title_block(text.say(lang, "handin.title"), author, lang=lang),
        document.Paragraph(_intro(found, lang)),
        *_methods(found, lang),
        *_setup(found, lang),
        *trajectory_section(out_dir, lang),
    ]
    for name, lab in specs.LABS.items():
        if lab.assignment or found[name]:
            blocks += _experiment(name, found, out_dir, lang)
    if diag:
        blocks += _diagnostics(diag, out_dir, lang)
    if deep is not None:
        blocks += depth_supplement(Path(depth), deep, main, out_dir, lang, log)
    blocks += [*_comparison(found, lang), *discussion.exercise2_gain(found, lang)]
    blocks += [*discussion.discussion(found, diag, out_dir, lang), *_conclusions(found, diag, lang)]
    blocks += own_discussion(notes, lang)
    return _present([*blocks, *_provenance(found, diag, lang)], lang)


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
        left out when empty.
      date: the date written (default: today, UTC); Polish as 30.11.2026,
        English as 30 November 2026.
      lang: one of ``text.LANGS``.
    """
    date = date or datetime.datetime.now(datetime.UTC).date()
    written = f"{date:%d.%m.%Y}" if lang == "pl" else f"{date.day} {date:%B %Y}"
    shown = text.literal(author.strip())
    parts = [text.say(lang, "doc.author", author=shown)] if shown else []
    parts.append(text.say(lang, "doc.date", date=written))
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
    acts = dict.fromkeys(f.act for f in shown)
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
            lab_report.config_label(f.act, lang),
            "–".join(map(str, shared.layer_sizes)),
            str(shared.batch_size),
            str(shared.epochs),
            str(shared.seeds),
            ", ".join(_labels(f.results, lang).values()),
            lab_report.config_label(f.provenance.baseline, lang),
        ]

    header = [say(f"col.{c}") for c in columns]
    return [
        document.Heading(2, say("h.setup")),
        document.Table(header, [cells(f) for f in every(found)]),
    ]


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


def _experiment(name: str, found: Found, out_dir: Path, lang: str) -> list[document.Block]:
    """The experiment's heading, side-by-side figure and ``lab_report.section`` per activation.

    The figures are drawn anew, from the very records the tables use, in ``lang``.
    """
    say = functools.partial(text.say, lang)
    blocks: list[document.Block] = [document.Heading(2, say(specs.get(name).title_key))]
    if not found[name]:
        folder, command = text.code(out_dir / name), text.code(lab_command(name, out_dir, found))
        return [*blocks, document.Paragraph(say("missing.lab", folder=folder, command=command))]
    return blocks + _sections(found[name], out_dir, out_dir, Path(FIGURES, lang, name), lang)


def _sections(
    finished: Sequence[Finished], root: Path, out_dir: Path, drawn: Path, lang: str
) -> list[document.Block]:
    """The side-by-side figure and ``lab_report.section`` per activation of records read
    from the dataset folder ``root``, their figures drawn anew into ``out_dir/drawn``."""
    blocks: list[document.Block] = []
    if len(finished) > 1:
        _side_by_side(finished, out_dir / drawn / "activations.png", lang)
        link = (drawn / "activations.png").as_posix()
        blocks.append(document.Image(text.say(lang, "fig.activations"), out_dir / link, link))
    for f in finished:
        _figures(f, out_dir / drawn / f.act, lang)
        section = lab_report.section(
            f.act,
            f.results,
            f.rows,
            out_dir / drawn / f.act,
            lang=lang,
            level=3,
            link=lambda file, f=f: (drawn / f.act / file).as_posix(),
        )
        blocks += [section[0], *_notes(f, root, lang), *section[1:]]
    return blocks


def _labels(names: Iterable[str], lang: str) -> dict[str, str]:
    return {n: lab_report.config_label(n, lang) for n in names}


def _figures(f: Finished, folder: Path, lang: str) -> None:
    """``lab_report.figures`` of one activation, with the report's names."""
    lab_report.figures(f.act, f.results, folder, lang, _labels([f.act, *f.results], lang))


def _side_by_side(finished: Sequence[Finished], path: Path, lang: str) -> None:
    """``lab_report.side_by_side``'s figure, with the report's names."""
    names = [f.act for f in finished] + [n for f in finished for n in f.results]
    results = {f.act: f.results for f in finished}
    lab_report.side_by_side(results, path, lang, _labels(names, lang))


CAPTIONED = ("loss_epoch", "loss_step", "test_acc", "lr_sensitivity", "activations")
"""The figures (file stems) that get ``plots.caption`` under them."""


def _captioned(b: document.Image, lang: str) -> document.Image:
    stem = Path(b.path).stem
    if b.caption or stem not in CAPTIONED:
        return b
    return b._replace(caption=plots.caption(stem, lang))


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


def _diagnostics(diag: Diagnosed, out_dir: Path, lang: str) -> list[document.Block]:
    """Per activation: the first hidden layer at init and at the end, and the figures
    (drawn in ``lang`` by the diagnostics, ``layers.figure_folder``)."""
    say = functools.partial(text.say, lang)
    blocks: list[document.Block] = [document.Heading(2, say(specs.DIAGNOSTICS_TITLE))]
    for act, record in diag.items():
        column = diagnostics.trouble_column(act)
        drawn = layers.figure_folder(Path("diagnostics", act), lang)
        figures = ["activation_hist", *([column] if column else [])]
        blocks += [
            document.Heading(3, f"{say(specs.DIAGNOSTICS_TITLE)} — {act}"),
            document.Paragraph(
                say("diag.explain", path=f"diagnostics/{act}/{layers.report_name(lang)}")
            ),
            layers.first_layer_table(record, lang),
            *(
                document.Image(
                    say(f"fig.{figure}"),
                    out_dir / drawn / f"{figure}.png",
                    (drawn / f"{figure}.png").as_posix(),
                    layers.caption(figure, record, lang),
                )
                for figure in figures
            ),
        ]
    return blocks


def _comparison(found: Found, lang: str) -> list[document.Block]:
    """The table the assignment asks for: exercise 2 against each lab's fastest."""
    rows = [_comparison_cells(f, lang) for f in every(found) if f.lab.assignment]
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
        lab_report.name(f.base, lang) if f.base else text.literal(f.provenance.baseline),
        *loss_acc(f.base),
        " = ".join(lab_report.name(r, lang) for r in summary.ranked(f.rows) if r.rank == 1)
        if len(tied) > 1
        else lab_report.name(best, lang),
        *loss_acc(best),
        lab_report.speedup_cell(best, lang),
        text.p_value(best.p_holm, lang, cell=True),
    ]


def _conclusions(found: Found, diag: Diagnosed, lang: str) -> list[document.Block]:
    say = functools.partial(text.say, lang)
    blocks: list[document.Block] = [document.Heading(2, say("h.conclusions"))]
    for name, lab in specs.LABS.items():
        if found[name]:
            lines = [conclusion(f, lang) for f in found[name]]
            blocks += [document.Heading(3, say(lab.title_key)), document.Items(lines)]
    if diag:
        lines = [layers.headline(record, lang) for record in diag.values()]
        blocks += [document.Heading(3, say(specs.DIAGNOSTICS_TITLE)), document.Items(lines)]
    return blocks


def conclusion(found: Finished, lang: str = "en") -> str:
    """One activation's ``summary.compare`` in words, for the conclusions.

    The leader against the runner-up ("fastest" only of rank 1 alone, else the tied
    configurations), the first of the ranking against the baseline (how many times
    sooner it reaches the baseline's final loss, where both end), then which
    configurations end significantly lower, or higher, than the baseline (Holm-adjusted
    p < ``summary.ALPHA``; lab 7's exercise 2 is left to ``exercise2_gain``). Without a
    target (``lab_report.no_target``) only the final losses and accuracies are compared.
    """
    say = functools.partial(text.say, lang)
    label, noun = say(found.lab.baseline_gen_key), found.lab.noun_key
    own = [r for r in found.rows if r.config != configs.EXERCISE2]  # Compared in exercise2_gain.
    c = summary.compare(own, found.provenance.baseline)
    problem = lab_report.no_target(found.results, say(found.lab.baseline_key), lang)
    if c.baseline is None and problem is None:
        name = lab_report.config_label(found.provenance.baseline, lang)
        return say(
            "concl.no_baseline",
            act=methods.activation_with(found.act, lang),
            name=name,
            label=label,
        )
    values = {
        "act": methods.activation_with(found.act, lang),
        "label": label,
        "base_loss": text.num(c.baseline.final_train_loss_mean, ".4f", lang) if c.baseline else "—",
        "base_acc": text.pct(c.baseline.test_acc_mean, lang) if c.baseline else "—",
    }
    if problem:
        first = say(
            "stat.concl.no_target",
            act=methods.activation_with(found.act, lang),
            reason=_continued(problem),
        )
    elif c.best is c.baseline and [r.rank for r in found.rows].count(1) == 1:
        first = say("concl.none_faster", noun=text.none_of(lang, noun), **values)
    else:
        first = _fastest(found, c, values, lang)
    tested = len([r for r in c.others if math.isfinite(r.p_holm)])
    test = say(f"stat.test.{found.rows[0].pairing}")
    base_label = say(found.lab.baseline_key)
    sentences = [
        first,
        say("stat.beat", label=base_label, test=test, **who(c.lower, tested, noun, lang)),
    ]
    if c.higher:
        sentences.append(say("stat.worse", **who(c.higher, tested, noun, lang)))
    return " ".join(sentences)


def who(rows: Sequence[SummaryRow], tested: int, noun: str, lang: str) -> dict[str, str]:
    """How many of the ``tested`` configurations (``noun``: a lab's ``noun_key``) ``rows``
    are, with the verb that agrees (``share``: ``Obie metody inicjalizacji kończą
    uczenie``), and their names (``names``: ``: Xavier (Glorot) i He``; "" for none): the
    subject of ``stat.beat`` and ``stat.worse``."""
    share = text.share(lang, len(rows), tested, noun, "concl.ends")
    shown = [lab_report.name(r, lang) for r in rows]
    return {"share": share, "names": f": {lab_report.join(shown, lang)}" if shown else ""}


def _continued(sentence: str) -> str:
    """A sentence that goes on after "With relu:", in lower case ("Sieć" → "sieć", "The
    baseline" → "the baseline"; a bold name stays as it is)."""
    return sentence[:1].lower() + sentence[1:]


def _fastest(found: Finished, c: summary.Comparison, values: Mapping[str, str], lang: str) -> str:
    """The leader against the runner-up, then the first configuration of the ranking
    other than the baseline against the baseline."""
    num = functools.partial(text.num, lang=lang)
    base, name = c.baseline, found.provenance.baseline
    ranking = summary.ranking(found.results, name)
    top = lab_report.leader(found.rows, ranking, lang)
    leader = text.say(
        lang,
        "stat.concl.leader",
        act=methods.activation_with(found.act, lang),
        leader=_continued(top or ""),
    )
    sentences = [leader] if top else []
    best = next((r for r in c.others if not r.all_diverged), None)
    if best is None:
        return " ".join(sentences)
    shown = lab_report.name(base, lang)
    speed = lab_report.speedup_words(best, shown, lang, lab_report.digits(ranking, name, best))
    pairs = summary.pairs(found.results, name).get(best.config)
    sentences.append(
        text.say(
            lang,
            "stat.concl.best",
            name=lab_report.name(best, lang),
            used=lab_report.used(best, lang, pairs),
            speed=speed,
            epochs=num(best.epochs_to_target, ".2f"),
            total=text.count(lang, found.provenance.shared.epochs, "count.epoch_gen"),
            loss=num(best.final_train_loss_mean, ".4f"),
            acc=text.pct(best.test_acc_mean, lang),
            loss_verdict=lab_report.verdict(
                best.p_holm,
                best.p_vs_baseline,
                best.final_train_loss_mean - base.final_train_loss_mean,
                lang,
            ),
            acc_verdict=lab_report.verdict(
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
    kept = [r.provenance for f in every(found) for r in f.results.values()]
    sources = [p.data_source for p in kept]
    sources += [row.data_source for record in diag.values() for row in record.rows]
    dates = sorted({_date(p) for p in kept})
    lines = [say("setup.data", source=text.data_line(s, lang)) for s in dict.fromkeys(sources)]
    lines += [say("prov.versions", versions=text.literal(_versions(kept)))]
    lines += [say("prov.finished", dates=" – ".join(dict.fromkeys([dates[0], dates[-1]])))]
    argvs = [p.flags.get("argv") for p in kept]
    commands = dict.fromkeys(text.code(_command_line(argv)) for argv in argvs if argv)
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
        (
            document.Paragraph(text.say(lang, "missing.figure", alt=b.alt, link=b.link))
            if not Path(b.path).exists()
            else _captioned(b, lang)
        )
        if isinstance(b, document.Image)
        else b
        for b in blocks
    ]


# --------------------------------------------------------------------------
# The methods section (from the records and the code).
# --------------------------------------------------------------------------


def _assigned(found: Found) -> list[Finished]:
    return [f for f in every(found) if f.lab.assignment] or every(found)


def _rate_source(p: records.Provenance, rates: Sequence[float], lang: str) -> str:
    """Where a record's rate came from, in words."""
    say, spec = functools.partial(text.say, lang), p.config
    label = lab_report.config_label(p.act, lang)
    if len(rates) > 1:
        lo, hi = (text.num(x, ".3g", lang) for x in (min(rates), max(rates)))
        init = lab_report.config_label(spec["init"], lang)
        return say("handin.rate.grid", init=init, act=label, n=len(rates), lo=lo, hi=hi)
    if spec["learning_rate"] == configs.DEFAULT_LR.get(spec["optimizer"]):
        return say("handin.rate.default", lab=say(specs.get(p.experiment).short_key))
    return say("handin.rate.flag", lab=say(specs.get(p.experiment).short_key))


def _trained(assigned: Sequence[Finished], lang: str) -> list[methods.Trained]:
    """One ``methods.Trained`` per optimizer, at its first record's rate, with every
    record's rate and its source."""
    seen: dict[str, list[tuple[float, str]]] = {}
    kwargs: dict[str, Mapping] = {}
    for f in assigned:
        for name, r in f.results.items():
            ex2 = name == configs.EXERCISE2
            p = (discussion.exercise2_record(f) if ex2 else summary.selected(r)).provenance
            seen.setdefault(p.config["optimizer"], [])
            kwargs.setdefault(p.config["optimizer"], p.config.get("optimizer_kwargs", {}))
            source = _rate_source(p, () if ex2 else summary.rates(r), lang)
            rate = float(f"{p.learning_rate:.6g}")  # A float32 grid point is the same rate.
            if (rate, source) not in seen[p.config["optimizer"]]:
                seen[p.config["optimizer"]].append((rate, source))
    return [
        methods.Trained(
            name,
            found[0][0],
            "; ".join(why for _, why in found)
            if len({rate for rate, _ in found}) == 1
            else "; ".join(f"{text.num(rate, '.3g', lang)} – {why}" for rate, why in found),
            kwargs[name],
        )
        for name, found in seen.items()
    ]


def _methods(found: Found, lang: str) -> list[document.Block]:
    """``methods.blocks`` from the records' own provenance: optimizers and their
    hyperparameters as trained, the rates and their sources, the initializers with
    their scales, the network, data, batch, epochs and seeds."""
    assigned = _assigned(found)
    if not assigned:
        return []
    shared = assigned[0].provenance.shared
    inits: dict[str, float] = {}
    for f in assigned:
        for r in f.results.values():
            spec = r.provenance.config
            inits.setdefault(spec["init"], spec["init_scale"] if spec["init"] == "normal" else 1.0)
    acts = dict.fromkeys(lab_report.config_label(f.act, lang) for f in assigned)
    data = [text.say(lang, f"dataset.{d}") for d in _datasets(assigned)]
    network = methods.Network(
        shared.layer_sizes,
        lab_report.join(acts, lang),
        lab_report.join(data, lang),
        shared.batch_size,
        shared.epochs,
        shared.seeds,
        shared.seed,
    )
    return methods.blocks(network, _trained(assigned, lang), inits, lang)


DEPTH_PAIR = ("xavier", "he")
"""The initializers the depth supplement sets against each other."""


def _network(shared: records.SharedSettings) -> str:
    return "–".join(map(str, shared.layer_sizes))


def check_depth(main: records.SharedSettings, deep: Found, root: Path) -> None:
    """Whether the depth supplement's lab 7 (``deep``, read from the dataset folder
    ``root``) fits the main labs' settings ``main``: more hidden layers, the same data.

    Raises:
      BadDepth: naming the records' folder and what does not fit.
    """
    for f in deep["lab7"]:
        shared, where = f.provenance.shared, root / "lab7" / f.act
        if shared.data != main.data:
            raise BadDepth(
                f"{where} holds records of other data than the main labs (data digest "
                f"{shared.data[:12]}… against {main.data[:12]}…)"
            )
        if len(shared.layer_sizes) <= len(main.layer_sizes):
            raise BadDepth(
                f"{where} holds a {_network(shared)} network, no deeper than the main labs' "
                f"{_network(main)}"
            )


def _alike(main: records.SharedSettings, deep: records.SharedSettings, lang: str) -> str:
    """``with the same data, batch size, seeds and epochs``, or which of those the depth
    supplement's settings (``deep``) change from the main labs' (``main``)."""
    say, count = functools.partial(text.say, lang), functools.partial(text.count, lang)
    same = [say("handin.depth.thing.data")]
    differ = []
    if deep.batch_size == main.batch_size:
        same.append(say("handin.depth.thing.batch_size"))
    else:
        differ.append(say("handin.depth.diff.batch_size", new=deep.batch_size, old=main.batch_size))
    if (deep.seeds, deep.seed) == (main.seeds, main.seed):
        same.append(say("handin.depth.thing.seeds"))
    if deep.seeds != main.seeds:
        new = count(deep.seeds, "count.depth_seed")
        differ.append(say("handin.depth.diff.seeds", new=new, old=main.seeds))
    if deep.seed != main.seed:
        differ.append(say("handin.depth.diff.seed", new=deep.seed, old=main.seed))
    if deep.epochs == main.epochs:
        same.append(say("handin.depth.thing.epochs"))
    else:
        new = count(deep.epochs, "count.depth_epoch")
        differ.append(say("handin.depth.diff.epochs", new=new, old=main.epochs))
    alike = say("handin.depth.same", things=lab_report.join(same, lang))
    return (
        say("handin.depth.but", same=alike, differences=lab_report.join(differ, lang))
        if differ
        else alike
    )


def depth_supplement(
    root: Path,
    found: Found,
    main: records.SharedSettings,
    out_dir: Path,
    lang: str,
    log: Callable[[str], None] = print,
) -> list[document.Block]:
    """Lab 7 on a deeper network (docs/labs.md's depth supplement), its records ``found``
    read from the dataset folder ``root``, shown in the report on ``out_dir`` beside the
    main labs of settings ``main``: σ per layer of ``DEPTH_PAIR`` (against the main
    network's first layer), the measured spread of every layer at initialization (when
    its diagnostics ran), the curves and tables per activation, and the two compared."""
    say = functools.partial(text.say, lang)
    diag = diagnosed(root, log)
    blocks: list[document.Block] = [document.Heading(2, say("handin.h.depth"))]
    if not found["lab7"]:
        command = lab_command("lab7", root, found) + " --hidden=" + ",".join(["128"] * 6)
        folder, command = text.code(root / "lab7"), text.code(command)
        return [*blocks, document.Paragraph(say("missing.lab", folder=folder, command=command))]
    lab7 = found["lab7"]
    shared = lab7[0].provenance.shared
    xavier, he = (methods.sigmas(init, main.layer_sizes)[0] for init in DEPTH_PAIR)
    intro = say(
        "handin.depth.intro",
        fans=" → ".join(map(str, main.layer_sizes[:2])),
        first=text.pct(he / xavier - 1, lang),
        network=_network(shared),
        hidden=text.count(lang, len(shared.layer_sizes) - 2, "count.hidden_layer"),
        alike=_alike(main, shared, lang),
    )
    blocks += [
        document.Paragraph(intro),
        methods.sigma_table(dict.fromkeys(DEPTH_PAIR, 1.0), shared.layer_sizes, lang),
    ]
    for act, record in diag.items():
        blocks += [
            document.Paragraph(say("handin.depth.layers", act=lab_report.config_label(act, lang))),
            layers.layers_table(record, lang),
        ]
    blocks += _sections(lab7, root, out_dir, Path(FIGURES, lang, "deep"), lang)
    lines = [discussion.pair_sentence(f, *DEPTH_PAIR, lang) for f in lab7]
    lines += discussion.why_lines({"lab7": lab7}, diag, lang)
    found_lines = document.Items([x for x in lines if x])
    return [*blocks, document.Heading(3, say("handin.depth.h_found")), found_lines]


def own_discussion(notes: str, lang: str) -> list[document.Block]:
    """The student's own discussion (``--notes``' text): its paragraphs, separated by
    blank lines, shown as typed (``text.literal``); nothing without one."""
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", notes) if p.strip()]
    if not paragraphs:
        return []
    heading = document.Heading(2, text.say(lang, "handin.own_h"))
    return [heading, *(document.Paragraph(text.literal(p)) for p in paragraphs)]
