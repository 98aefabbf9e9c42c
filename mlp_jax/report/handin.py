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

import numpy as np

from mlp_jax import activations, records, util
from mlp_jax.labs import configs, diagnostics, experiment, specs, stats, summary
from mlp_jax.records import SummaryRow
from mlp_jax.report import document, lab_report, layers, methods, plots, text, trajectory_plots

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
    rows = summary.summarize(act, found.results, lab_report.provenance(found.results).baseline)
    return Finished(name, act, found.results, rows, found.other_settings, found.unreadable)


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


def build(
    out_dir: str | Path,
    lang: str = "en",
    log: Callable[[str], None] = print,
    author: str = "",
    depth: str | Path | None = None,
) -> list[document.Block]:
    """The report on everything under ``out_dir``, in ``lang`` (one of ``text.LANGS``),
    its title block naming ``author`` (free text) and today's date; with ``depth``
    (another dataset folder holding lab 7 on a deeper network), the depth supplement
    beside the main lab (``depth_supplement``).

    Raises:
      experiment.Busy: a live run is writing an experiment's folder (``experiment.lock``).
      NoResults: no experiment has records under ``out_dir``.
      BadDepth: ``depth``'s lab 7 does not fit (``check_depth``).
    """
    out_dir = Path(out_dir)
    _check_unlocked([out_dir, *([] if depth is None else [Path(depth)])])
    found, diag = find(out_dir, log), diagnosed(out_dir, log)
    if not any(found.values()):
        raise NoResults(
            f"no results under {out_dir}: no records (runs/*.npz) in "
            f"{', '.join(f'{name}/' for name in specs.LABS)}; fix: run "
            f"`{_command('lab6', out_dir, found)}`, then `{_command('lab7', out_dir, found)}`, "
            "then this command again"
        )
    main = (found["lab7"] or _every(found))[0].provenance.shared
    deep = None if depth is None else find(Path(depth), log)
    if deep is not None:
        check_depth(main, deep, Path(depth))
    blocks = [
        *document.title_block(text.say(lang, "handin.title"), author, lang=lang),
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
    blocks += [*_comparison(found, lang), *exercise2_gain(found, lang)]
    blocks += [*discussion(found, diag, out_dir, lang), *_conclusions(found, diag, lang)]
    blocks += own_discussion(lang)
    return _present([*blocks, *_provenance(found, diag, lang)], lang)


def _check_unlocked(roots: Iterable[Path]) -> None:
    """Refuses the experiments' folders under the dataset folders ``roots`` that a live
    run holds (``experiment.holder``; a stale lock does not count): half a lab is not
    reported as the lab."""
    for folder in (root / name for root in roots for name in specs.LABS):
        holder = experiment.holder(folder)
        if holder:
            raise experiment.Busy(
                f"{folder} is being written by {holder}; fix: wait for that run to finish, "
                "then run this command again"
            )


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


def _every(found: Found) -> list[Finished]:
    return [f for name in specs.LABS for f in found[name]]


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
    args += [f"--dataset={out_dir.name}"] if out_dir.name != "mnist" else []
    args += [f"--out_dir={out_dir.parent}"] if out_dir.parent != Path("results") else []
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
        say(
            "stat.fewer_run",
            where=text.literal(f"{f.experiment}/{f.act}/{r.config}"),  # A record's name.
            n=r.n_used,
            seeds=r.seeds,
        )
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
            name_label(f.act, lang),
            "–".join(map(str, shared.layer_sizes)),
            str(shared.batch_size),
            str(shared.epochs),
            str(shared.seeds),
            ", ".join(_labels(f.results, lang).values()),
            name_label(f.provenance.baseline, lang),
        ]

    header = [say(f"col.{c}") for c in columns]
    return [
        document.Heading(2, say("h.setup")),
        document.Table(header, [cells(f) for f in _every(found)]),
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
    """The experiment's heading, side-by-side figure and ``report.section`` per activation.

    The figures are drawn anew, from the very records the tables use, in ``lang``.
    """
    say = functools.partial(text.say, lang)
    blocks: list[document.Block] = [document.Heading(2, say(specs.get(name).title_key))]
    if not found[name]:
        folder, command = text.code(out_dir / name), text.code(_command(name, out_dir, found))
        return [*blocks, document.Paragraph(say("missing.lab", folder=folder, command=command))]
    return blocks + _sections(found[name], out_dir, out_dir, Path(FIGURES, lang, name), lang)


def _sections(
    finished: Sequence[Finished], root: Path, out_dir: Path, drawn: Path, lang: str
) -> list[document.Block]:
    """The side-by-side figure and ``report.section`` per activation of records read
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


def name_label(name: str, lang: str) -> str:
    """A configuration's or activation's name as the report shows it (``report.config_label``:
    ``methods.label``; lab 7's ``configs.EXERCISE2`` as exercise 2's plain SGD with N(0, 1)
    weights)."""
    return lab_report.config_label(name, lang)


def _labels(names: Iterable[str], lang: str) -> dict[str, str]:
    return {n: name_label(n, lang) for n in names}


def _figures(f: Finished, folder: Path, lang: str) -> None:
    """``report.figures`` of one activation, with the report's names."""
    lab_report.figures(f.act, f.results, folder, lang, _labels([f.act, *f.results], lang))


def _side_by_side(finished: Sequence[Finished], path: Path, lang: str) -> None:
    """``report.side_by_side``'s figure, with the report's names."""
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
        name, command = name_label(f.provenance.baseline, lang), text.code(_baseline_command(f))
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
    """The command of ``f``'s first record with the lab's list flag (``labs.Lab.flag``)
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
    p < ``summary.ALPHA``; lab 7's exercise 2 is left to ``exercise2_gain``). Without a target (``report.no_target``) only the final
    losses and accuracies are compared.
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
    kept = [r.provenance for f in _every(found) for r in f.results.values()]
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
# Methods, the gain over exercise 2, the discussion (from the records' numbers).
# --------------------------------------------------------------------------


def _assigned(found: Found) -> list[Finished]:
    return [f for f in _every(found) if f.lab.assignment] or _every(found)


def _rate_source(p: records.Provenance, rates: Sequence[float], lang: str) -> str:
    """Where a record's rate came from, in words."""
    say, spec = functools.partial(text.say, lang), p.config
    label = name_label(p.act, lang)
    if len(rates) > 1:
        lo, hi = (text.num(x, ".3g", lang) for x in (min(rates), max(rates)))
        init = name_label(spec["init"], lang)
        return say("handin.rate.grid", init=init, act=label, n=len(rates), lo=lo, hi=hi)
    if spec["learning_rate"] == configs.DEFAULT_LR.get(spec["optimizer"]):
        return say("handin.rate.default", lab=say(specs.get(p.experiment).short_key))
    return say("handin.rate.flag", lab=say(specs.get(p.experiment).short_key))


def _trained(every: Sequence[Finished], lang: str) -> list[methods.Trained]:
    """One ``methods.Trained`` per optimizer, at its first record's rate, with every
    record's rate and its source."""
    seen: dict[str, list[tuple[float, str]]] = {}
    kwargs: dict[str, Mapping] = {}
    for f in every:
        for name, r in f.results.items():
            ex2 = name == configs.EXERCISE2
            p = (exercise2_record(f) if ex2 else summary.selected(r)).provenance
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
    every = _assigned(found)
    if not every:
        return []
    shared = every[0].provenance.shared
    inits: dict[str, float] = {}
    for f in every:
        for r in f.results.values():
            spec = r.provenance.config
            inits.setdefault(spec["init"], spec["init_scale"] if spec["init"] == "normal" else 1.0)
    acts = dict.fromkeys(name_label(f.act, lang) for f in every)
    data = [text.say(lang, f"dataset.{d}") for d in _datasets(every)]
    network = methods.Network(
        shared.layer_sizes,
        _join(acts, lang),
        _join(data, lang),
        shared.batch_size,
        shared.epochs,
        shared.seeds,
        shared.seed,
    )
    return methods.blocks(network, _trained(every, lang), inits, lang)


def p_text(p: float, lang: str) -> str:
    """``p = 0,042``, ``p < 0,001``, or ``p: —`` without a test."""
    if not np.isfinite(p):
        return "p: —"
    return f"p < {text.num(0.001, 'g', lang)}" if p < 1e-3 else f"p = {text.num(p, '.2g', lang)}"


def _ci(r: stats.Ratio, lang: str) -> str:
    """`` (95% CI 1,10–1,40)``, or nothing without an interval."""
    if not (np.isfinite(r.lo) and np.isfinite(r.hi)):
        return ""
    spec = f".{max(2, stats.shown_decimals(r))}f"
    lo, hi = (text.num(x, spec, lang) for x in (r.lo, r.hi))
    return text.say(lang, "handin.ci", lo=lo, hi=hi)


def exercise2_record(f: Finished) -> records.History | None:
    """Lab 7's exercise-2 record (``configs.EXERCISE2``) at lab 6's rate
    (``summary.selected``: the grid's centre, never a rate lab 7 tuned)."""
    r = f.results.get(configs.EXERCISE2)
    return None if r is None else summary.selected(r)


def exercise2_gain(found: Found, lang: str) -> list[document.Block]:
    """Lab 7's best Xavier/He configuration against the real exercise 2 (plain SGD,
    N(0, 1)), per activation: the paired epochs ratio to exercise 2's final loss with
    its interval, and paired t-tests of the final training loss and test accuracy."""
    lines = []
    for f in found.get("lab7", []):
        ex2 = exercise2_record(f)
        rows = [r for r in f.rows if r.config not in (configs.EXERCISE2, f.provenance.baseline)]
        if ex2 is None or not rows:
            continue
        row = summary.ranked(rows)[0]
        best = summary.selected(f.results[row.config])
        speed = stats.epochs_ratio(*(summary.curves(r) for r in (ex2, best, ex2)))
        times = text.num(speed.point, ".2f", lang)
        final = {
            (r, field): summary.finals(record, field)
            for r, record in (("best", best), ("ex2", ex2))
            for field in ("train_loss", "test_acc")
        }
        mean = {key: float(np.nanmean(v)) for key, v in final.items()}
        loss, acc = (
            stats.t_test(final["best", field], final["ex2", field], paired=True)
            for field in ("train_loss", "test_acc")
        )
        num = functools.partial(text.num, spec=".4f", lang=lang)
        lines.append(
            text.say(
                lang,
                "handin.gain",
                act=name_label(f.act, lang),
                rate=text.num(ex2.provenance.learning_rate, ".3g", lang),
                ex2_loss=num(mean["ex2", "train_loss"]),
                ex2_acc=text.pct(mean["ex2", "test_acc"], lang),
                opt=methods.label(best.provenance.config["optimizer"], lang),
                init=methods.initialized_by(row.config, lang),
                speed=text.say(lang, "handin.at_least", x=times) if speed.is_bound else times,
                ci=_ci(speed, lang),
                loss=num(mean["best", "train_loss"]),
                p_loss=p_text(loss.p, lang),
                acc=text.pct(mean["best", "test_acc"], lang),
                p_acc=p_text(acc.p, lang),
            )
        )
        tuned = tuned_exercise2(f.results[configs.EXERCISE2], name_label(f.act, lang), lang)
        lines += [tuned] if tuned else []
    if not lines:
        return []
    say = functools.partial(text.say, lang)
    return [
        document.Heading(3, say("handin.gain_h")),
        document.Paragraph(say("handin.gain_explain")),
        document.Items(lines),
    ]


def tuned_exercise2(r: records.History, act: str, lang: str) -> str | None:
    """Where lab 7's grid puts plain SGD's best rate when it is not lab 6's (the rate
    exercise 2 is compared at): both rates and their final training losses."""
    if not r.grid:
        return None
    rates, own, best = summary.rates(r), summary.chosen(r), summary.lowest_validation(r)
    if best == own:
        return None
    loss = {i: float(np.nanmean(summary.finals(r.at(i), "train_loss"))) for i in (own, best)}
    edge = {0: "low", len(rates) - 1: "high"}.get(best)
    return text.say(
        lang,
        "handin.ex2_tuned",
        act=act,
        best=text.num(rates[best], ".3g", lang),
        edge=text.say(lang, f"handin.grid_edge.{edge}") if edge else "",
        best_loss=text.num(loss[best], ".4f", lang),
        own_loss=text.num(loss[own], ".4f", lang),
        own=text.num(rates[own], ".3g", lang),
    )


PAIRS: dict[str, tuple[tuple[str, str], ...]] = {
    "lab6": (("momentum", "nesterov"), ("adagrad", "adadelta")),
    "lab7": (("xavier", "he"),),
}
"""The pairs the discussion compares, per experiment."""


def pair_sentence(
    f: Finished, a: str, b: str, lang: str, p_holm: float | None = None
) -> str | None:
    """``a`` against ``b`` for one activation (None without both or the baseline): the
    paired ratio of epochs ``a`` needs over ``b``'s to reach the baseline's final loss,
    with its interval ("no significant difference" when it holds 1), and the paired
    t-test of their final training losses (``p_holm``: its p-value Holm-adjusted over the
    pairs compared beside it, ``pair_p_values``; its own p alone), with how many seeds
    formed its pairs when diverged runs left fewer than all."""
    base = f.results.get(f.provenance.baseline)
    if a not in f.results or b not in f.results or base is None:
        return None
    ra, rb = summary.selected(f.results[a]), summary.selected(f.results[b])
    ratio = stats.epochs_ratio(*(summary.curves(r) for r in (ra, rb, summary.selected(base))))
    final_a, final_b = (summary.finals(r, "train_loss") for r in (ra, rb))
    test = stats.t_test(final_a, final_b, paired=True)
    p = test.p if p_holm is None else p_holm
    loss_same = not p < summary.ALPHA
    num = functools.partial(text.num, spec=".4f", lang=lang)
    loss = text.say(lang, f"handin.loss.{'same' if loss_same else 'differ'}", p=p_text(p, lang))
    if test.n_used < len(ra.seeds):
        loss += "; " + text.say(lang, "stat.pairs", n=test.n_used, seeds=len(ra.seeds))
    return text.say(
        lang,
        f"handin.pair.{pair_case(ratio)}",
        only=name_label(a if ratio.point == 0 else b, lang),
        act=name_label(f.act, lang),
        a=name_label(a, lang),
        b=name_label(b, lang),
        faster=name_label(b if ratio.point > 1 else a, lang),
        ratio=text.num(ratio.point, f".{max(2, stats.shown_decimals(ratio))}f", lang),
        ci=_ci(ratio, lang),
        tiny=lab_report.tiny(ratio, lang),
        loss_a=num(float(np.nanmean(final_a))),
        loss_b=num(float(np.nanmean(final_b))),
        loss=loss,
    )


def pair_case(ratio: stats.Ratio) -> str:
    """Which ``handin.pair.*`` sentence a ratio of epochs calls for."""
    if ratio.point in (0, np.inf):
        return "only"  # One of the two never reaches the target.
    if ratio.is_bound or not np.isfinite(ratio.point):
        return "bound" if ratio.is_bound else "neither"
    if np.isnan(ratio.lo) and ratio.point == 1:
        return "neither"
    return "differ" if ratio.lo > 1 or ratio.hi < 1 else "same"  # NaN: no claim.


def _start_loss(f: Finished, name: str) -> float:
    """The mean test loss at epoch 0 (before training) of configuration ``name``."""
    return float(np.nanmean(np.asarray(summary.selected(f.results[name]).test_loss)[..., 0]))


CLOSE = 1.15
"""He's σ over Xavier's below which, in every layer, the two are said to start almost alike."""


def why_lines(found: Found, diag: Diagnosed, lang: str) -> list[str]:
    """The "why" sentences, from measured quantities: the loss at epoch 0 per activation
    with N(0, 1) weights (lab 6), σ per layer of Xavier and He and their ratio with the
    initial losses (lab 7), and the saturated or dead units at initialization and after
    the diagnostics' last epoch."""
    say, num = functools.partial(text.say, lang), functools.partial(text.num, lang=lang)
    lines = []
    lab6 = [f for f in found.get("lab6", []) if f.provenance.baseline in f.results]
    start = {f.act: _start_loss(f, f.provenance.baseline) for f in lab6}
    if start:
        spec = lab6[0].results[lab6[0].provenance.baseline].provenance.config
        init = methods.label(spec["init"], lang, spec["init_scale"])
        losses = _join([f"{num(v, '.2f')} ({name_label(a, lang)})" for a, v in start.items()], lang)
        chance = num(np.log(10), ".2f")
        lines.append(say("handin.why.start", init=init, losses=losses, chance=chance))
    for f in found.get("lab7", []):
        if not {"xavier", "he"} <= set(f.results):
            continue
        sizes = f.provenance.shared.layer_sizes
        sx, sh = methods.sigmas("xavier", sizes), methods.sigmas("he", sizes)
        ratios = [h / x for x, h in zip(sx, sh, strict=True)]
        loss = {
            n: num(_start_loss(f, n), ".2f") for n in ("normal", "xavier", "he") if n in f.results
        }
        lines.append(
            say(
                "handin.why.sigmas" if max(ratios) < CLOSE else "handin.why.sigmas_apart",
                act=name_label(f.act, lang),
                sx=num(sx[0], ".4f"),
                sh=num(sh[0], ".4f"),
                ratio=num(ratios[0], ".2f"),
                last=num(ratios[-1], ".2f"),
                most=num(max(ratios), ".2f"),
                times=num(1 / sh[0], ".0f"),
                losses=_join([f"{name_label(n, lang)} {v}" for n, v in loss.items()], lang),
            )
        )
    for record in diag.values():
        column = diagnostics.trouble_column(record.act)
        if column:
            parts = [
                f"{name_label(i, lang)} "
                + " → ".join(
                    text.pct(getattr(record.first_layer(i, e), column), lang)
                    for e in (0, record.epochs)
                )
                for i in record.inits
            ]
            act, epochs = name_label(record.act, lang), record.epochs
            lines.append(
                say(f"handin.why.{column}", act=act, epochs=epochs, parts=_join(parts, lang))
            )
    return lines


def edge_lines(found: Found, out_dir: Path, lang: str) -> list[str]:
    """A sentence per record whose chosen rate is the lowest or highest of its grid, with
    the command that widens the grid (two more rates on each side)."""
    lines = []
    for f in _every(found):
        for name, r in f.results.items():
            rates, index = summary.rates(r), summary.chosen(r)
            inside = index is None or 0 < index < len(rates) - 1
            if inside or len(rates) < 2 or name == configs.EXERCISE2:  # Compared at its own.
                continue
            command = _command(f.experiment, out_dir, found) + f" --lr_grid={len(rates) + 4}"
            command = text.code(command)
            lines.append(
                text.say(
                    lang,
                    f"handin.edge.{'low' if index == 0 else 'high'}",
                    name=name_label(name, lang),
                    act=name_label(f.act, lang),
                    rate=text.num(rates[index], ".3g", lang),
                    lo=text.num(min(rates), ".3g", lang),
                    hi=text.num(max(rates), ".3g", lang),
                    command=command,
                )
            )
    return lines


SPREAD = 3.0
"""A configuration whose final-loss standard deviation over the seeds is this many times
the median of its experiment's (same activation) is said to spread widely."""


def spread_lines(found: Found, lang: str) -> list[str]:
    """A sentence per configuration whose seeds end far apart (``SPREAD``): its standard
    deviation, the lowest and highest final training loss, and the experiment's median."""
    lines = []
    for f in _every(found):
        stds = {r.config: r.final_train_loss_std for r in f.rows if r.n_used > 1}
        median = float(np.median(list(stds.values()))) if stds else math.nan
        for name, std in stds.items():
            if not std > SPREAD * median:
                continue
            finals = summary.finals(summary.selected(f.results[name]), "train_loss")
            num = functools.partial(text.num, spec=".4f", lang=lang)
            lines.append(
                text.say(
                    lang,
                    "handin.spread",
                    name=name_label(name, lang),
                    act=name_label(f.act, lang),
                    std=num(std),
                    lo=num(float(np.nanmin(finals))),
                    hi=num(float(np.nanmax(finals))),
                    median=num(median),
                    times=text.num(std / median, ".1f", lang),
                )
            )
    return lines


def discussion(found: Found, diag: Diagnosed, out_dir: Path, lang: str) -> list[document.Block]:
    """The discussion: the pairs of ``PAIRS`` per activation, the "why" sentences, the
    configurations whose seeds end far apart, and the chosen rates at the edge of their
    grid."""
    say = functools.partial(text.say, lang)
    pairs = [
        line
        for name, pairs_ in PAIRS.items()
        for f in found.get(name, [])
        for (a, b), p in pair_p_values(f, pairs_).items()
        if (line := pair_sentence(f, a, b, lang, p))
    ]
    blocks: list[document.Block] = []
    for key, lines in (
        ("handin.h.pairs", pairs),
        ("handin.h.why", why_lines(found, diag, lang)),
        ("handin.h.spread", spread_lines(found, lang)),
        ("handin.h.edge", edge_lines(found, out_dir, lang)),
    ):
        if lines:
            blocks += [document.Heading(3, say(key)), document.Items(lines)]
    return [document.Heading(2, say("handin.h.discussion")), *blocks] if blocks else []


def pair_p_values(f: Finished, pairs: Sequence[tuple[str, str]]) -> dict[tuple[str, str], float]:
    """The paired t-test p-values of the final training losses of ``pairs`` (those with
    both configurations), Holm-adjusted over them (``stats.holm``)."""
    present = [(a, b) for a, b in pairs if a in f.results and b in f.results]
    finals = {n: summary.finals(summary.selected(f.results[n]), "train_loss") for n in f.results}
    raw = [stats.t_test(finals[a], finals[b], paired=True).p for a, b in present]
    return dict(zip(present, stats.holm(raw).tolist() if raw else [], strict=True))


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
    alike = say("handin.depth.same", things=_join(same, lang))
    return say("handin.depth.but", same=alike, differences=_join(differ, lang)) if differ else alike


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
        command = _command("lab7", root, found) + " --hidden=" + ",".join(["128"] * 6)
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
            document.Paragraph(say("handin.depth.layers", act=name_label(act, lang))),
            layers.layers_table(record, lang),
        ]
    blocks += _sections(lab7, root, out_dir, Path(FIGURES, lang, "deep"), lang)
    lines = [pair_sentence(f, *DEPTH_PAIR, lang) for f in lab7]
    lines += why_lines({"lab7": lab7}, diag, lang)
    found_lines = document.Items([x for x in lines if x])
    return [*blocks, document.Heading(3, say("handin.depth.h_found")), found_lines]


def own_discussion(lang: str) -> list[document.Block]:
    """The marked place for the student's own discussion."""
    say = functools.partial(text.say, lang)
    return [document.Heading(2, say("handin.own_h")), document.Paragraph(say("handin.own"))]
