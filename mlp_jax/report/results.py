"""The hand-in's results, compact: what the tables mean, said once for the whole report
(``definitions``); per experiment and activation a heading, a few sentences, a speed
table, a quality table and two figures (``lab_blocks``); in the appendix the step-loss
figure and every p-value (``appendix_blocks``). How each learning rate was chosen is
``rates``' appendix.

The numbers are the ``summary.summarize`` rows the other sections use
(``finished.Finished.rows``); the figures are drawn anew from the same records, in the
report's language, into ``out_dir/drawn/<exp>/<act>/``. Keys (``document.numbered``):
``{exp}.{act}.speed``, ``.quality``, ``.loss``, ``.acc``, ``.steps`` and ``.p``. A
configuration is named as the course does: the optimizer (lab 6), the optimizer and the
initializer where both vary (lab 7: "Adam + He"), and "(exercise 2)" only after plain SGD
from N(0, 1) weights.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from mlp_jax.labs import pace, stats, summary
from mlp_jax.records import History, SummaryRow
from mlp_jax.report import document, lab_report, methods, plots, text
from mlp_jax.report.finished import Finished

DEFINED = (
    "target",
    "epochs",
    "speedup",
    "rank",
    "whole_run",
    "final",
    "families",
    "diverged",
    "bands",
)
"""The terms ``definitions`` explains, in order (``results.def.<term>``)."""

FIGURES = {"loss": "loss_epoch", "acc": "test_acc", "steps": "loss_step"}
HALF = (4.4, 2.9)
"""The figures' size in inches: printed two side by side, half an A4 text width each,
their text stays about 8 pt."""
"""Key suffix of a figure → its file stem (``plots.plot_activation``)."""


def definitions(lang: str) -> list[document.Block]:
    """What the results' tables and figures mean, for the whole report: the target, epochs
    to it, the speed-up and its test, ranks, the final loss and accuracy and their tests,
    the Holm families, diverged seeds and the figures' bands."""
    values = {
        "blocks": pace.BLOCKS_PER_EPOCH,
        "exact": pace.MAX_EXACT,
        "alpha": text.num(summary.ALPHA, ".2f", lang),
        "floor": text.num(text.P_FLOOR, "g", lang),
        "not_reached": text.say(lang, "stat.not_reached"),
    }
    items = [text.say(lang, f"results.def.{term}", **values) for term in DEFINED]
    return [document.Paragraph(text.say(lang, "results.def.lead")), document.Items(items)]


def lab_blocks(
    f: Finished,
    exp: str,
    out_dir: Path,
    drawn: Path,
    lang: str,
    figures: Sequence[str] = ("loss", "acc"),
) -> list[document.Block]:
    """One experiment's results for one activation: a heading, what the tables show in a
    few sentences, the speed table (none without a target: it would hold only dashes) and
    the quality table, and the ``figures`` (keys of ``FIGURES``; by default the
    training-loss and test-accuracy figures) drawn into ``out_dir/drawn/<exp>/<act>/``
    (``images``). The sentences cite the loss and accuracy figures wherever they are.

    Args:
      f: the records and their summary rows.
      exp: the keys' prefix, ``lab6``, ``lab7`` or ``deep`` (lab 7 on a deeper network).
      out_dir: the report's folder.
      drawn: the figures' folder under ``out_dir`` (the links are relative to it).
      lang: one of ``text.LANGS``.
    """
    key = f"{exp}.{f.act}"
    ranking = f.ranking
    shown = images(f, exp, out_dir, drawn, lang, figures)
    return [
        document.Heading(3, _heading(f, exp, lang)),
        document.Paragraph(" ".join(sentences_of(f, key, ranking, lang))),
        *([speed_table(f, exp, ranking, lang)] if ranking is not None else []),  # No target.
        quality_table(f, exp, lang),
        *shown,
    ]


def appendix_blocks(
    f: Finished, exp: str, out_dir: Path, drawn: Path, lang: str
) -> list[document.Block]:
    """The appendix's part of one experiment and activation: the minibatch-step loss
    figure (``{exp}.{act}.steps``) and the table of every p-value (``{exp}.{act}.p``);
    arguments as ``lab_blocks``."""
    return [*images(f, exp, out_dir, drawn, lang, ("steps",)), p_table(f, exp, lang)]


# --------------------------------------------------------------------------
# Names.
# --------------------------------------------------------------------------


def _plain_sgd(spec: Mapping[str, Any]) -> bool:
    """Exercise 2's configuration: plain SGD, constant rate, N(0, 1) weights."""
    return (
        spec["optimizer"] == "sgd"
        and not spec.get("optimizer_kwargs")
        and not spec.get("schedule")
        and spec["init"] == "normal"
        and spec.get("init_scale", 1.0) == 1.0
    )


def _varying(results: Mapping[str, History]) -> tuple[bool, bool]:
    """Whether the records' optimizers vary, and whether their initializers do."""
    specs = [r.provenance.config for r in results.values()]
    optimizers = {s["optimizer"] for s in specs}
    inits = {(s["init"], s.get("init_scale", 1.0)) for s in specs}
    return len(optimizers) > 1, len(inits) > 1


def label(f: Finished, name: str, lang: str) -> str:
    """A configuration's name in tables and legends: what varies among the experiment's
    records (the optimizer, the initializer or both, ``Adam + He``; the configuration's
    own name when neither does), with "(exercise 2)" after plain SGD from N(0, 1)."""
    spec = f.results[name].provenance.config
    optimizers, inits = _varying(f.results)
    parts = [methods.label(spec["optimizer"], lang)] if optimizers or not inits else []
    if inits:
        parts.append(methods.label(spec["init"], lang, spec.get("init_scale", 1.0)))
    shown = " + ".join(parts) if optimizers or inits else lab_report.config_label(name, lang, spec)
    return text.say(lang, "results.ex2", name=shown) if _plain_sgd(spec) else shown


def with_words(f: Finished, name: str, lang: str) -> str:
    """A configuration in a sentence, "the network learns … {with_words}": what sets it
    apart (``z Adamem``, ``przy inicjalizacji metodą He``, ``z SGD z ćwiczenia 2``)."""
    spec = f.results[name].provenance.config
    optimizers, inits = _varying(f.results)
    if _plain_sgd(spec) and (optimizers or inits):
        return text.say(lang, "results.with.ex2")
    if inits and spec["init"] == "normal":
        shown = methods.label("normal", lang, spec.get("init_scale", 1.0))
        return text.say(lang, "results.with.normal", name=shown)
    if inits:
        return text.say(lang, "results.with.init", by=methods.initialized_by(spec["init"], lang))
    own = f"results.with.opt.{spec['optimizer']}"
    if optimizers and own in text.PHRASES[lang]:
        return text.say(lang, own)
    return text.say(lang, "results.with.other", name=label(f, name, lang))


def base_phrase(f: Finished, lang: str) -> str:
    """The baseline in the genitive: "the final loss of {…}"; one whose optimizer and
    initializer both vary among the records as the network trained with that optimizer
    from those weights ("sieci uczonej Adamem z wagami N(0, 1)")."""
    name = f.provenance.baseline
    if name not in f.results:
        return text.say(lang, "results.base.net", name=lab_report.config_label(name, lang))
    spec = f.results[name].provenance.config
    if _plain_sgd(spec):
        return text.say(lang, "results.base.ex2")
    by = f"results.base.by.{spec['optimizer']}"
    if all(_varying(f.results)) and by in text.PHRASES[lang]:
        init = spec["init"]
        weights = (
            text.say(
                lang,
                "results.base.weights.normal",
                name=methods.label(init, lang, spec.get("init_scale", 1.0)),
            )
            if init == "normal"
            else text.say(lang, "results.base.weights.init", by=methods.initialized_by(init, lang))
        )
        return text.say(lang, "results.base.trained", by=text.say(lang, by), weights=weights)
    return text.say(lang, "results.base.net", name=label(f, name, lang))


def network(layer_sizes: Sequence[int]) -> str:
    """``784–6×128–10``: runs of equal hidden layers written once with their count."""
    first, *hidden, last = layer_sizes
    runs = [(size, len(list(group))) for size, group in itertools.groupby(hidden)]
    shown = [f"{n}×{size}" if n > 1 else str(size) for size, n in runs]
    return "–".join([str(first), *shown, str(last)])


def _heading(f: Finished, exp: str, lang: str) -> str:
    """The activation in words; for the deep network, the network and the activation."""
    act = methods.label(f.act, lang)
    if exp == "deep":
        return text.say(lang, "results.h.deep", network=network(_sizes(f)), act=act)
    return act[:1].upper() + act[1:]


def place_phrase(f: Finished, exp: str, lang: str) -> str:
    """The experiment and the activation, inside a caption (``laboratorium 6, ReLU``)."""
    act = methods.label(f.act, lang)
    if exp == "deep":
        return text.say(lang, "results.where.deep", network=network(_sizes(f)), act=act)
    return f"{text.say(lang, f.lab.short_key)}, {act}"


def _sizes(f: Finished) -> tuple[int, ...]:
    return f.provenance.shared.layer_sizes


def _join(names: Sequence[str], lang: str) -> str:
    return lab_report.join(list(names), lang)


def _capital(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


# --------------------------------------------------------------------------
# Numbers as the tables show them.
# --------------------------------------------------------------------------


def p_cell(p: float, lang: str) -> str:
    """A p-value in a cell: two significant digits (``0,10``, ``0,0049``), ``< 0,001``
    below ``text.P_FLOOR``, ``—`` without a test."""
    if not math.isfinite(p):
        return "—"
    if p < text.P_FLOOR:
        return f"< {text.num(text.P_FLOOR, 'g', lang)}"
    return text.num(p, "#.2g", lang)


def _epochs_cell(r: SummaryRow, lang: str) -> str:
    """Epochs to the target; "not reached" for a run that never gets there, ``—``
    without a target or a finite seed."""
    if math.isfinite(r.epochs_to_target):
        return text.num(r.epochs_to_target, ".2f", lang)
    if r.all_diverged:
        return diverged_cell(r, lang)
    reachable = not r.speedup_note and not r.all_diverged
    return text.say(lang, "stat.not_reached") if reachable else "—"


def _loss_cell(r: SummaryRow, lang: str) -> str:
    """``0,3190 ± 0,0021``, ``183,8 ± 52,3``: the mean to four significant digits (at
    most four decimals, ``text.loss_places``) and the spread to the same decimals; the mean
    alone without a spread; ``—`` without a value."""
    mean, sd = r.final_train_loss_mean, r.final_train_loss_std
    if r.all_diverged:
        return diverged_cell(r, lang)
    if not math.isfinite(mean):
        return "—"
    spec = f".{text.loss_places(mean)}f"
    shown = text.num(mean, spec, lang)
    return f"{shown} ± {text.num(sd, spec, lang)}" if math.isfinite(sd) else shown


def diverged_cell(r: SummaryRow, lang: str) -> str:
    """``rozbieżne: 10 z 10``, a configuration whose every seed diverged, in a cell."""
    return text.say(lang, "results.all_diverged", k=r.diverged, n=r.seeds)


def _acc_cell(r: SummaryRow, lang: str) -> str:
    """``85,5% (85,2–85,8%)``; the mean alone without an interval; ``—`` without a value."""
    if not math.isfinite(r.test_acc_mean):
        return "—"
    shown = text.pct(r.test_acc_mean, lang)
    if not math.isfinite(r.test_acc_ci_lo):
        return shown
    lo = text.num(100 * r.test_acc_ci_lo, ".1f", lang)
    return f"{shown} ({lo}–{text.pct(r.test_acc_ci_hi, lang)})"


# --------------------------------------------------------------------------
# Tables.
# --------------------------------------------------------------------------


def unbroken(name: str) -> str:
    """A name whose spaces do not break (no-break spaces): it stays on one line in its
    cell, and the other columns share the rest of the page."""
    return name.replace(" ", "\u00a0")


def speed_table(f: Finished, exp: str, ranking: pace.Ranking | None, lang: str) -> document.Table:
    """Epochs to the target, the speed-up with its interval and the rank, in rank order
    (key ``{exp}.{act}.speed``); ``ranking``: ``summary.ranking`` of ``f``'s records."""
    say = functools.partial(text.say, lang)
    base = f.provenance.baseline

    def cells(r: SummaryRow) -> list[str]:
        places = lab_report.digits(ranking, base, r)
        return [
            unbroken(label(f, r.config, lang)),
            _epochs_cell(r, lang),
            lab_report.speedup_cell(r, lang, places) if not r.speedup_note else "—",
            lab_report.rank_cell(r, lang),
        ]

    header = [say(f"results.col.{c}") for c in ("config", "epochs", "speedup", "rank")]
    rows = summary.ranked(f.rows)
    body = [cells(r) for r in rows]
    return document.Table(header, body, _speed_caption(f, exp, lang), f"{exp}.{f.act}.speed")


def _speed_caption(f: Finished, exp: str, lang: str) -> str:
    """What the speed table shows, with the target's value (or that there is none) and the
    configurations whose diverged seeds were left out."""
    base = f.provenance.baseline
    goal = summary.target(summary.selected(f.results[base])) if base in f.results else math.nan
    shown = {"where": place_phrase(f, exp, lang), "base": base_phrase(f, lang)}
    if f.base is None or f.base.speedup_note or not math.isfinite(goal):
        caption = text.say(lang, "results.cap.speed_none", **shown)
    else:
        caption = text.say(lang, "results.cap.speed", target=text.num(goal, ".4f", lang), **shown)
    diverged = [
        text.say(
            lang, "results.diverged_one", name=label(f, r.config, lang), k=r.diverged, n=r.seeds
        )
        for r in f.rows
        if r.diverged
    ]
    if diverged:
        caption += " " + text.say(lang, "results.diverged", runs=_join(diverged, lang))
    return caption


def quality_table(f: Finished, exp: str, lang: str) -> document.Table:
    """Final training loss (mean ± sd), test accuracy with its interval and their
    Holm-adjusted p against the baseline, in rank order (key ``{exp}.{act}.quality``)."""
    columns = ("config", "loss", "p_loss", "acc", "p_acc")
    rows = [
        [
            unbroken(label(f, r.config, lang)),
            _loss_cell(r, lang),
            p_cell(r.p_holm, lang),
            _acc_cell(r, lang),
            p_cell(r.test_acc_p_holm, lang),
        ]
        for r in summary.ranked(f.rows)
    ]
    caption = text.say(
        lang,
        "results.cap.quality",
        where=place_phrase(f, exp, lang),
        epochs=text.count(lang, f.provenance.shared.epochs, "count.epoch_gen"),
        base=base_phrase(f, lang),
    )
    header = [text.say(lang, f"results.col.{c}") for c in columns]
    return document.Table(header, rows, caption, f"{exp}.{f.act}.quality")


P_FIELDS = (
    ("p_vs_baseline", "p_holm"),
    ("test_acc_p_vs_baseline", "test_acc_p_holm"),
    ("speedup_p", "speedup_p_holm"),
)
"""The summary rows' raw and Holm-adjusted p-values of final loss, accuracy and speed."""


def p_table(f: Finished, exp: str, lang: str) -> document.Table:
    """Every p-value against the baseline, raw and Holm-adjusted, for final loss, test
    accuracy and speed (key ``{exp}.{act}.p``)."""
    header = [text.say(lang, "results.col.config")]
    header += [
        text.say(lang, f"results.col.p.{m}.{k}")
        for m in ("loss", "acc", "speed")
        for k in ("raw", "holm")
    ]
    rows, marked = [], False
    for r in summary.ranked(f.rows):
        cells = [p_cell(getattr(r, field), lang) for pair in P_FIELDS for field in pair]
        if pace.undirected(r.speedup_ci_lo, r.speedup_ci_hi, r.speedup_p_holm, summary.ALPHA):
            cells[-1], marked = cells[-1] + TIE_MARK, True
        rows.append([unbroken(label(f, r.config, lang)), *cells])
    caption = text.say(
        lang, "results.cap.p", where=place_phrase(f, exp, lang), base=base_phrase(f, lang)
    )
    caption += text.say(lang, "results.cap.p.tie", mark=TIE_MARK) if marked else ""
    return document.Table(header, rows, caption, f"{exp}.{f.act}.p")


TIE_MARK = "\u2020"
"""Marks a speed p below 0.05 whose interval holds 1 (``pace.undirected``): a tie."""


# --------------------------------------------------------------------------
# Sentences.
# --------------------------------------------------------------------------


def sentences_of(f: Finished, key: str, ranking: pace.Ranking | None, lang: str) -> list[str]:
    """The leader, the best other configuration against the baseline, and which end with a
    significantly lower or higher loss (the accuracy's tests are in the quality table); or
    why there is nothing to compare. The loss and accuracy figures are cited together."""
    say = functools.partial(text.say, lang)
    figures = lab_report.join([f"@fig:{key}.loss", f"@fig:{key}.acc"], lang)
    cite = {"speed": f"@tab:{key}.speed", "quality": f"@tab:{key}.quality", "loss": figures}
    base = f.base
    shown = cite | {"quality": lab_report.join([cite["quality"], figures], lang)}
    if base is None:
        name = lab_report.config_label(f.provenance.baseline, lang)
        return [say("results.no_baseline", name=name, **shown)]
    if ranking is None:
        problem = lab_report.no_target(f.results, label(f, f.provenance.baseline, lang), lang)
        first = say("results.no_target", reason=problem, **shown)
    else:
        first = speed_phrase(f, ranking, lang, cite)
    verdicts = [_verdict(f, lang, cite, measure) for measure in MEASURES]
    return [first, *_late_leaders(f, lang), *filter(None, verdicts)]


def speed_phrase(f: Finished, ranking: pace.Ranking, lang: str, cite: Mapping[str, str]) -> str:
    """The configurations at rank 1 ("fastest" for one alone, a tie for several), then how
    soon the first other than the baseline reaches the target: in one sentence when it is
    the one fastest."""
    order = summary.ranked(f.rows)
    first = [r for r in order if r.rank == 1]
    names = _join([with_words(f, r.config, lang) for r in first], lang)
    alone = "alone" if len(first) == 1 else "tied"
    tiny = _tiny(f, order, ranking, lang) if alone == "alone" else ""
    lead = text.say(lang, f"results.fastest.{alone}", names=names, tiny=tiny, **cite)
    best = next((r for r in order if r is not f.base and not r.all_diverged), None)
    if best is None:
        return f"{lead}."
    if first == [best] and math.isfinite(best.epochs_to_target):
        return speed_sentence(
            f, best, ranking, lang, text.say(lang, "results.subject.after", lead=lead)
        )
    subject = text.say(
        lang, "results.subject.with", with_=_capital(with_words(f, best.config, lang))
    )
    return f"{lead}. {speed_sentence(f, best, ranking, lang, subject)}"


def _tiny(f: Finished, order: Sequence[SummaryRow], ranking: pace.Ranking, lang: str) -> str:
    """ ", though ahead of the runner-up by only 0.79% of the epochs": when the ratio of
    their epochs lies within ``lab_report.TINY`` of 1, significant or not; "" otherwise."""
    ranked = [r for r in order if math.isfinite(r.rank)]
    if len(ranked) < 2:
        return ""
    ratio = ranking.ratio.get((ranked[1].config, ranked[0].config))
    if ratio is None or not abs(ratio.point - 1) < lab_report.TINY:
        return ""
    share = text.num(100 * abs(ratio.point - 1), ".2f", lang) + "%"
    return text.say(lang, "results.tiny", second=label(f, ranked[1].config, lang), pct=share)


def speed_sentence(
    f: Finished, r: SummaryRow, ranking: pace.Ranking, lang: str, subject: str
) -> str:
    """When ``r`` reaches the baseline's final loss and how many times sooner or later,
    after ``subject`` ("With Adam, the network"): "sooner"/"later" only when
    ``pace.distinct`` (a Holm-adjusted p < ``summary.ALPHA`` and an interval without 1),
    else a tie (said as one where the test rejects equal speed but keeps ratios on both
    sides of 1, ``pace.undirected``); the factor with at least its interval's decimals."""
    places = lab_report.digits(ranking, f.provenance.baseline, r)
    spec = f".{max(2, places)}f"
    point, lo, hi, p = r.speedup_vs_baseline, r.speedup_ci_lo, r.speedup_ci_hi, r.speedup_p_holm
    values = {
        "subject": subject,
        "base": base_phrase(f, lang),
        "epochs": text.num(r.epochs_to_target, ".2f", lang),
        "total": text.count(lang, f.provenance.shared.epochs, "count.epoch_gen"),
        "ratio": text.num(point, spec, lang),
        "ci": _ci(lo, hi, places, lang),
    }
    if not math.isfinite(r.epochs_to_target):
        return text.say(lang, "results.speed.never", **values)
    if r.speedup_is_bound:
        factor = text.times(lang, text.num(point, spec, lang))
        return text.say(lang, "results.speed.bound", factor=factor, **values)
    if not (math.isfinite(lo) and math.isfinite(p)):
        return text.say(lang, "results.speed.untested", **values)
    if pace.undirected(lo, hi, p, summary.ALPHA):
        return text.say(lang, "results.speed.both_sides", **values)
    if not pace.distinct(point, lo, hi, p, summary.ALPHA):
        return text.say(lang, "results.speed.tie", **values)
    if point > 1:
        factor = text.times(lang, text.num(point, spec, lang))
        return text.say(lang, "results.speed.faster", factor=factor, **values)
    later = text.times(lang, text.num(1 / point, spec, lang))
    ci = _ci(*(1 / v if v > 0 else math.inf for v in (hi, lo)), places, lang)
    return text.say(lang, "results.speed.slower", **(values | {"factor": later, "ci": ci}))


def _ci(lo: float, hi: float, places: int, lang: str) -> str:
    """``przedział ufności 95%: 4,86–5,06``; an end that never reaches the target (0 or ∞)
    as "not reached"."""
    ends = [
        text.say(lang, "stat.not_reached")
        if v == 0 or math.isinf(v)
        else text.num(v, f".{places}f", lang)
        for v in (lo, hi)
    ]
    return text.say(lang, "results.ci", lo=ends[0], hi=ends[1])


VERDICTS = ("lower", "higher", "tie", "untested", "diverged")
"""The groups of a verdict against the baseline, in the order it names them (the better first)."""

MEASURES = {
    "loss": ("final_train_loss_mean", "p_holm"),
    "area": ("log_loss_area_mean", "log_loss_area_p_holm"),
}
"""The verdicts against the baseline after the speed: final training loss and the whole
run's mean log training loss (``results.verdict.<measure>``), each with its summary
fields (value, Holm-adjusted p)."""


def _group(r: SummaryRow, base: SummaryRow, measure: str) -> str:
    """``r``'s place in ``VERDICTS`` against ``base`` on ``measure``."""
    value, p = (getattr(r, field) for field in MEASURES[measure])
    if r.all_diverged:
        return "diverged"
    if not math.isfinite(p):
        return "untested"
    if p >= summary.ALPHA:
        return "tie"
    return "lower" if value < getattr(base, MEASURES[measure][0]) else "higher"


def _late_leaders(f: Finished, lang: str) -> list[str]:
    """The rank-1 configurations (other than the baseline) whose loss over the whole run is
    significantly higher than the baseline's although they reach its final loss
    significantly sooner (``summary.distinct_speed``)."""
    late = [
        r
        for r in f.rows
        if r.rank == 1
        and r is not f.base
        and summary.distinct_speed(r)
        and r.speedup_vs_baseline > 1
        and _group(r, f.base, "area") == "higher"
    ]
    if not late:
        return []
    num = lambda log_loss: text.num(math.exp(log_loss), ".3f", lang)  # The geometric mean.
    values = [f"{label(f, r.config, lang)} {num(r.log_loss_area_mean)}" for r in late]
    return [
        text.say(
            lang,
            "results.late",
            names=_join([with_words(f, r.config, lang) for r in late], lang),
            base=base_phrase(f, lang),
            values=_join(values, lang),
            base_value=num(f.base.log_loss_area_mean),
            n=len(late),
        )
    ]


def _verdict(f: Finished, lang: str, cite: Mapping[str, str], measure: str) -> str | None:
    """Which configurations are significantly lower or higher than the baseline on
    ``measure`` (a key of ``MEASURES``), which are tied with it (Holm-adjusted p ≥
    ``summary.ALPHA``), which have no test and which diverged in every seed (said with
    the first measure only); None without others."""
    groups: dict[str, list[str]] = {g: [] for g in VERDICTS}
    for r in summary.ranked(f.rows):
        if r is not f.base:
            groups[_group(r, f.base, measure)].append(with_words(f, r.config, lang))
    if measure != next(iter(MEASURES)):
        groups["diverged"] = []
    parts = [
        text.say(lang, f"results.verdict.{g}", names=_join(names, lang))
        for g, names in groups.items()
        if names
    ]
    if not parts:
        return None
    return text.say(
        lang,
        f"results.verdict.{measure}",
        base=base_phrase(f, lang),
        parts="; ".join(parts),
        m=sum(math.isfinite(r.log_loss_area_p) for r in f.rows),
        **cite,
    )


# --------------------------------------------------------------------------
# Figures.
# --------------------------------------------------------------------------


def images(
    f: Finished, exp: str, out_dir: Path, drawn: Path, lang: str, which: Sequence[str]
) -> list[document.Image]:
    """Draws the figures ``which`` (keys of ``FIGURES``) of the records at their chosen
    rate into ``out_dir/drawn/<exp>/<act>/`` and returns them, keyed and captioned."""
    folder = Path(drawn, exp, f.act)
    picked = {name: summary.selected(r) for name, r in f.results.items()}
    labels = {name: label(f, name, lang) for name in f.results}
    stems = [FIGURES[w] for w in which]
    plots.plot_activation(
        picked, out_dir / folder, title="", lang=lang, labels=labels, stems=stems, size=HALF
    )
    where = place_phrase(f, exp, lang)
    return [
        document.Image(
            text.say(lang, f"results.fig.{w}", where=where),
            out_dir / folder / f"{FIGURES[w]}.png",
            (folder / f"{FIGURES[w]}.png").as_posix(),
            _figure_caption(w, picked, labels, lang),
            f"{exp}.{f.act}.{w}",
        )
        for w in which
    ]


def _figure_caption(
    which: str, picked: Mapping[str, History], labels: Mapping[str, str], lang: str
) -> str:
    """Which of the figure's lines lie on top of each other ("" for none; what the
    figures show is said once, in ``definitions``); the step-loss figure's blocks."""
    if which == "steps":
        return text.say(lang, "results.cap.steps")
    field, scale = ("train_loss", 1.0) if which == "loss" else ("test_acc", 100.0)
    curves = {
        labels[n]: getattr(r, field)[r.finite][:, 1 if which == "acc" else 0 :]
        for n, r in picked.items()
    }
    pairs = [
        text.say(
            lang,
            f"results.pair.{which}",
            names=_join(names, lang),
            d=text.num(scale * d, ".2f" if which == "acc" else ".2g", lang),
        )
        for names, d in coinciding(curves)
    ]
    return text.say(lang, "results.coincide", pairs="; ".join(pairs)) if pairs else ""


def coinciding(curves: Mapping[str, np.ndarray]) -> list[tuple[list[str], float]]:
    """The groups of configurations whose mean curves lie on top of each other: at every
    point the difference of two means is no larger than the width of either's 95% band
    (``stats.mean_ci``, as the figures draw it), for every pair of the group.

    Args:
      curves: name → ``[S, T]`` per-seed values (the seeds that never diverged).

    Returns:
      ``(names, largest difference of the means within the group)`` per group, in
      ``curves`` order: a connected group of such pairs when every pair in it is one,
      else its pairs one by one. Curves of fewer than 2 seeds have no band and are in no
      group.
    """
    bands = {}
    for name, y in curves.items():
        if len(y) >= 2:
            mean, lo, hi = stats.mean_ci(np.asarray(y, float), axis=0, level=plots.LEVEL)
            bands[name] = (mean, hi - lo)
    linked = {}
    for a, b in itertools.combinations(bands, 2):
        (mean_a, width_a), (mean_b, width_b) = bands[a], bands[b]
        gap = np.abs(mean_a - mean_b)
        if np.all(gap <= np.minimum(width_a, width_b)):
            linked[a, b] = float(gap.max())
    groups: list[list[str]] = []
    for a, b in linked:
        joined = [g for g in groups if a in g or b in g]
        merged = sorted({a, b}.union(*joined), key=list(bands).index)
        groups = [g for g in groups if g not in joined] + [merged]
    found = []
    for group in sorted(groups, key=lambda g: list(bands).index(g[0])):
        pairs = list(itertools.combinations(group, 2))
        if all(p in linked for p in pairs):
            found.append((group, max(linked[p] for p in pairs)))
        else:
            found += [([a, b], d) for (a, b), d in linked.items() if a in group]
    return found
