"""The hand-in's discussion, from the records' numbers: the combined gain over exercise 2,
the pairs compared (momentum and Nesterov, Adagrad and Adadelta, Xavier and He), why they
differ (initial losses, σ per layer, the diagnostics), chosen rates at a grid's edge and
seeds that end far apart."""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from mlp_jax import records
from mlp_jax.labs import configs, pace, stats, summary
from mlp_jax.records import SummaryRow
from mlp_jax.report import document, lab_report, methods, results, text
from mlp_jax.report.finished import Diagnosed, Finished, Found


def p_text(p: float, lang: str) -> str:
    """``text.p_value``'s ``p = 0,10``, ``p = 0,042``, ``p < 0,001``, or ``p: —`` without
    a test."""
    return text.p_value(p, lang) if np.isfinite(p) else "p: —"


def ratio_interval(r: pace.Ratio, lang: str, p_holm: float | None = None, m: int = 0) -> str:
    """`` (confidence interval ≥ 95%: 1,10–1,40)``, an end never reached in words
    (``lab_report.interval``, its abbreviation written out: ``spelled``), with the
    sign-flip test's p Holm-adjusted over the family of all ``m`` pairs (``p_holm``) when
    given; nothing without an interval."""
    words = interval_words(r, lang)
    if not words:
        return ""
    if p_holm is not None:
        words += "; " + text.say(lang, "handin.speed_test", p=p_text(p_holm, lang), m=m)
    return f" ({words})"


def interval_words(r: pace.Ratio, lang: str) -> str:
    """``confidence interval ≥ 95%: 1,10–1,40`` (``lab_report.interval``, ``spelled``), at
    the ratio's decimals; "" without an interval."""
    if np.isnan(r.lo) or np.isnan(r.hi):
        return ""
    places = max(2, pace.shown_decimals(r))
    return spelled(lab_report.interval(r.lo, r.hi, r.never, places, lang), lang)


def spelled(words: str, lang: str) -> str:
    """An interval of ``lab_report.interval`` with the abbreviation before its ends ("PU
    95%: ", "95% CI ") written out, as running text says it before the appendix defines it;
    ``words`` as they are when they do not start with it."""
    short = text.say(lang, "stat.ci", lo="\0", hi="\0").split("\0")[0]
    if not short or not words.startswith(short):
        return words
    return text.say(lang, "report5.ci.spelled", rest=words.removeprefix(short))


def exercise2_record(f: Finished) -> records.History | None:
    """Lab 7's exercise-2 record (``configs.EXERCISE2``) at lab 6's rate
    (``summary.selected``: the grid's centre, never a rate lab 7 tuned)."""
    r = f.results.get(configs.EXERCISE2)
    return None if r is None else summary.selected(r)


def first_point(r: records.History) -> float:
    """The epoch of the first point of ``r``'s crossing curve (``summary.crossing_curves``:
    half an epoch, the centre of the first one-epoch average)."""
    return float(summary.crossing_curves(r)[1].times[0])


def significant(x: float, lang: str, digits: int = 2) -> str:
    """``x`` to ``digits`` significant digits (47,3 → ``47``, 4,73 → ``4,7``, 140,2 →
    ``140``)."""
    if not x or not math.isfinite(x):
        return text.num(x, ".0f", lang)
    shown = digits - 1 - math.floor(math.log10(abs(x)))
    return text.num(round(x, shown), f".{max(0, shown)}f", lang)


def times_words(r: pace.Ratio, lang: str, interval: bool = True) -> str:
    """A ratio of times in words: ``co najmniej 19 razy`` for a bound (a curve at the
    target at its first point); else the ratio at its interval's decimals, with the
    interval when ``interval``; ``—`` without a ratio."""
    if r.is_bound:
        return text.say(lang, "handin.at_least", x=text.times(lang, significant(r.point, lang)))
    if not math.isfinite(r.point):
        return "—"
    shown = text.num(r.point, f".{max(2, pace.shown_decimals(r))}f", lang)
    return text.times(lang, shown) + (ratio_interval(r, lang) if interval else "")


def gain_speed(speed: pace.Ratio, first: float, lang: str) -> str:
    """The speed-up over exercise 2 in words: a bound ("at least", the curve's ``first``
    point named), else the ratio with its interval (``times_words``)."""
    if speed.is_bound:
        x = text.times(lang, significant(speed.point, lang))
        return text.say(lang, "handin.gain.bound", x=x, first=text.num(first, ".2g", lang))
    return text.say(
        lang, "handin.gain.speed", x=times_words(speed, lang, False), ci=ratio_interval(speed, lang)
    )


class Gain(NamedTuple):
    """Lab 7's best Xavier/He configuration against exercise 2 and against lab 7's baseline.

    Attributes:
      f: lab 7's records of one activation.
      row: the best configuration's summary row (its speed-up over the baseline).
      best, ex2, base: the records of the best configuration, exercise 2 and the baseline
        (None without its record).
      speed: exercise 2's time over the best's at exercise 2's final loss.
    """

    f: Finished
    row: SummaryRow
    best: records.History
    ex2: records.History
    base: records.History | None
    speed: pace.Ratio


def gains(found: Found) -> list[Gain]:
    """Per activation of lab 7 with exercise 2, the baseline and Xavier or He: ``Gain``."""
    out = []
    for f in found.get("lab7", []):
        ex2, base = exercise2_record(f), f.results.get(f.provenance.baseline)
        rows = [r for r in f.rows if r.config not in (configs.EXERCISE2, f.provenance.baseline)]
        if ex2 is None or not rows:
            continue
        row = summary.ranked(rows)[0]
        best = summary.selected(f.results[row.config])
        out.append(
            Gain(
                f,
                row,
                best,
                ex2,
                summary.selected(base) if base else None,
                summary.time_ratio(ex2, best, ex2),
            )
        )
    return out


def exercise2_gain(found: Found, lang: str) -> list[document.Block]:
    """Lab 7's best Xavier/He configuration against the real exercise 2 (plain SGD,
    N(0, 1)), per activation: the paired epochs ratio to exercise 2's final loss
    (``gain_speed``), and paired t-tests of the final training loss and test accuracy
    (the values themselves are in the quality table cited); then how the speed-up over
    lab 7's baseline depends on the target (``depends``)."""
    lines = []
    found_gains = gains(found)
    for g in found_gains:
        final = {
            (r, field): summary.finals(record, field)
            for r, record in (("best", g.best), ("ex2", g.ex2))
            for field in ("train_loss", "test_acc")
        }
        loss, acc = (
            stats.t_test(final["best", field], final["ex2", field], paired=True)
            for field in ("train_loss", "test_acc")
        )
        lines.append(
            text.say(
                lang,
                "handin.gain",
                act=lab_report.config_label(g.f.act, lang),
                opt=methods.label(g.best.provenance.config["optimizer"], lang),
                init=methods.initialized_by(g.row.config, lang),
                speed=gain_speed(g.speed, first_point(g.best), lang),
                p_loss=p_text(loss.p, lang),
                p_acc=p_text(acc.p, lang),
                tab=f"@tab:lab7.{g.f.act}.quality",
            )
        )
        tuned = tuned_exercise2(
            g.f.results[configs.EXERCISE2], lab_report.config_label(g.f.act, lang), lang
        )
        lines += [tuned] if tuned else []
    if not lines:
        return []
    said = " ".join([text.say(lang, "handin.gain_explain"), *lines, depends(found_gains, lang)])
    return [document.Heading(3, text.say(lang, "handin.gain_h")), document.Paragraph(said.strip())]


def depends(found_gains: Sequence[Gain], lang: str) -> str:
    """That a speed-up depends on its target: per activation, the best configuration's
    speed-up over lab 7's baseline at the baseline's final loss (its speed table) and at
    exercise 2's; "" without a finite speed-up at the baseline's target."""
    parts = []
    for g in found_gains:
        if g.base is None or not has_target(g.f) or not math.isfinite(g.row.speedup_vs_baseline):
            continue
        at_ex2 = summary.time_ratio(g.base, g.best, g.ex2)
        parts.append(
            text.say(
                lang,
                "handin.depends.part",
                act=methods.label(g.f.act, lang),
                init=methods.initialized_by(g.row.config, lang),
                own=text.times(lang, text.num(g.row.speedup_vs_baseline, ".2f", lang)),
                target=text.num(summary.target(g.base), ".4f", lang),
                ex2=times_words(at_ex2, lang),
                ex2_target=text.num(summary.target(g.ex2), ".4f", lang),
                tab=f"@tab:lab7.{g.f.act}.speed",
            )
        )
    if not parts:
        return ""
    base = text.say(lang, found_gains[0].f.lab.baseline_gen_key)
    return text.say(lang, "handin.depends", base=base, parts="; ".join(parts))


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


class Pair(NamedTuple):
    """Two configurations of one activation, compared once (``compare``).

    Attributes:
      a, b: their records at their chosen rates (``summary.selected``).
      ratio: the ratio of the times ``a`` needs over ``b``'s to reach the baseline's
        final loss, from the experiment's ranking (``Finished.ranking``: its interval
        inverts the sign-flip test at the pair's Holm threshold).
      p_holm: that test's p, Holm-adjusted over every pair of the experiment's
        configurations (the one family behind every speed verdict); NaN without a target.
      test: the paired t-test of their final training losses.
      ill: why the baseline's final loss is no target (``summary.target_problem``), or
        None.
    """

    a: records.History
    b: records.History
    ratio: pace.Ratio
    p_holm: float
    test: stats.TTest
    ill: str | None


def compare(f: Finished, a: str, b: str) -> Pair | None:
    """``a`` against ``b`` in ``f``; None without both or the baseline, or when every run of
    either diverged (nothing to compare)."""
    base = f.results.get(f.provenance.baseline)
    if a not in f.results or b not in f.results or base is None:
        return None
    ra, rb = summary.selected(f.results[a]), summary.selected(f.results[b])
    if not (ra.finite.any() and rb.finite.any()):
        return None
    finals = (summary.finals(r, "train_loss") for r in (ra, rb))
    order = f.ranking
    if order is None:
        ratio, p_holm = summary.time_ratio(ra, rb, base), math.nan
    else:
        ratio, p_holm = order.ratio[a, b], order.p_holm.get((a, b), math.nan)
    ill = summary.target_problem(base, f.results)
    return Pair(ra, rb, ratio, p_holm, stats.t_test(*finals, paired=True), ill)


def pair_case(ratio: pace.Ratio, p: float | None = None) -> str:
    """Which case a ratio of times is: "differ" only when ``pace.distinct``: the sign-flip
    test's ``p`` (default ``ratio.p``; Holm-adjusted where a family is compared) below
    ``summary.ALPHA`` and the interval not holding 1."""
    if ratio.point in (0, np.inf):
        return "only"  # One of the two never reaches the target.
    if ratio.is_bound or not np.isfinite(ratio.point):
        return "bound" if ratio.is_bound else "neither"
    if ratio.point == 1 and (np.isnan(ratio.lo) or (ratio.lo == 0 and np.isinf(ratio.hi))):
        return "neither"  # Neither reaches the target: the ratio is 1 by convention.
    p = ratio.p if p is None else p
    distinct = pace.distinct(ratio.point, ratio.lo, ratio.hi, p, summary.ALPHA)
    return "differ" if distinct else "same"  # NaN: no claim.


CLOSE = 1.15
"""He's σ over Xavier's below which, in every layer, the two are said to start almost alike."""


SPREAD = 3.0
"""A configuration whose final-loss standard deviation over the seeds is this many times
the median of its experiment's (same activation) is said to spread widely."""


def pair_p_values(pairs: Sequence[Pair]) -> list[tuple[float, float]]:
    """For each pair: the paired t-test p of the final training losses, Holm-adjusted
    over every pair compared (``stats.holm``: all labs and activations of the discussion
    together), and the speed test's p as its experiment's family adjusted it
    (``Pair.p_holm``; NaN without a target)."""
    loss = stats.holm([pair.test.p for pair in pairs]).tolist()
    return [
        (lo, math.nan if pair.ill else pair.p_holm) for lo, pair in zip(loss, pairs, strict=True)
    ]


# --------------------------------------------------------------------------
# Xavier against He (``findings.init_paragraphs``).
# --------------------------------------------------------------------------


class XavierHe(NamedTuple):
    """Xavier against He in one activation's lab 7.

    Attributes:
      means: name → (mean final training loss, mean test accuracy).
      diffs: Xavier minus He per seed pair, (final training loss, test accuracy): the
        seeds where neither diverged.
      p: the paired t-tests' p-values of loss and accuracy (unadjusted).
      speed: the time ratio, Xavier's over He's, with the sign-flip test's p Holm-adjusted
        in the ranks' family (``Pair``); None without a target.
    """

    means: dict[str, tuple[float, float]]
    diffs: tuple[np.ndarray, np.ndarray]
    p: list[float]
    speed: Pair | None

    @property
    def ratio(self) -> float:
        """The time ratio, Xavier's over He's (NaN without a target)."""
        return self.speed.ratio.point if self.speed else math.nan


def xavier_he(f: Finished) -> XavierHe:
    """``XavierHe`` of ``f``."""
    pair = compare(f, "xavier", "he")
    rs = {n: summary.selected(f.results[n]) for n in ("xavier", "he")}
    both = rs["xavier"].finite & rs["he"].finite
    finals = {
        (n, k): summary.finals(r, k) for n, r in rs.items() for k in ("train_loss", "test_acc")
    }
    means = {
        n: tuple(float(np.nanmean(finals[n, k])) for k in ("train_loss", "test_acc")) for n in rs
    }
    diffs = tuple(
        np.asarray(finals["xavier", k], float)[both] - np.asarray(finals["he", k], float)[both]
        for k in ("train_loss", "test_acc")
    )
    loss, acc = (
        stats.t_test(finals["xavier", k], finals["he", k], paired=True).p
        for k in ("train_loss", "test_acc")
    )
    return XavierHe(means, diffs, [loss, acc], None if pair is None or pair.ill else pair)


def sigma_sentence(sizes: Sequence[int], lang: str) -> str:
    """He's first-layer σ over Xavier's, √((n_in + n_out)/n_in), for a network of ``sizes``."""
    sx, sh = methods.sigmas("xavier", sizes)[0], methods.sigmas("he", sizes)[0]
    return text.say(
        lang,
        "findings.inits.sigma",
        n_in=sizes[0],
        n_out=sizes[1],
        sx=text.num(sx, ".4f", lang),
        sh=text.num(sh, ".4f", lang),
        ratio=text.num(sh / sx, ".3f", lang),
        pct=text.pct(sh / sx - 1, lang),
    )


def measured_ratio(lab7: Sequence[Finished], diag: Diagnosed, lang: str) -> str:
    """He's measured σ of the first layer's pre-activations at init over Xavier's: one
    value when every activation's diagnostics give the same, else each with its
    activation; said to equal the weights' ratio (``sigma_sentence``) when every value
    prints as it does; "" without diagnostics of both."""
    shown, weights = {}, set()
    for f in lab7:
        record = diag.get(f.act)
        if record is not None and {"xavier", "he"} <= set(record.inits):
            mx, mh = (record.first_layer(i, 0).preact_std for i in ("xavier", "he"))
            shown[f.act] = text.num(mh / mx, ".3f", lang)
            sizes = f.provenance.shared.layer_sizes
            sx, sh = methods.sigmas("xavier", sizes)[0], methods.sigmas("he", sizes)[0]
            weights.add(text.num(sh / sx, ".3f", lang))
    if not shown:
        return ""
    values = set(shown.values())
    ratio = (
        next(iter(values))
        if len(values) == 1
        else lab_report.join([f"{v} ({methods.label(a, lang)})" for a, v in shown.items()], lang)
    )
    tab = lab_report.join([f"@tab:diag.{a}.layer1" for a in shown], lang)
    same = len(weights) == 1 and values == weights
    return text.say(
        lang, f"findings.inits.measured{'' if same else '.other'}", ratio=ratio, tab=tab
    )


def tests_sentence(f: Finished, t: XavierHe, p: list[float], lang: str) -> str:
    """One activation's differences (Xavier − He) of final loss and accuracy with their
    95% intervals (``stats.mean_ci`` of the paired differences) and Holm-adjusted ``p``,
    citing its quality table, and the time ratio with its interval and the sign-flip p of
    the ranks' family (``ratio_interval``), citing its speed table (there is none without
    a target: the quality table then)."""
    loss, acc = (
        difference(d, scale, spec, lang)
        for d, scale, spec in (
            (t.diffs[0], 1.0, ".4f"),
            (t.diffs[1], 100.0, ".2f"),
        )
    )
    act = methods.label(f.act, lang)
    speed = "—"
    if t.speed:
        m = f.ranking.family if f.ranking else 0
        places = max(2, pace.shown_decimals(t.speed.ratio))
        speed = text.num(t.ratio, f".{places}f", lang)
        speed += ratio_interval(t.speed.ratio, lang, t.speed.p_holm, m)
    return text.say(
        lang,
        "findings.inits.tests",
        act=act[:1].upper() + act[1:],
        loss=loss,
        p_loss=text.p_value(p[0], lang),
        acc=acc,
        p_acc=text.p_value(p[1], lang),
        speed=speed,
        tab=f"@tab:lab7.{f.act}.quality",
        speed_tab=f"@tab:lab7.{f.act}.{'speed' if t.speed else 'quality'}",
    )


def difference(d: np.ndarray, scale: float, spec: str, lang: str) -> str:
    """``0,0031 (przedział ufności 95%: od −0,0021 do 0,0083)``: the mean of ``d`` times
    ``scale`` with its Student-t interval; the mean alone below two values."""
    if len(d) < 2:
        return signed(scale * float(np.mean(d)), spec, lang) if len(d) else "—"
    mean, lo, hi = (scale * float(v) for v in stats.mean_ci(np.asarray(d, float)))
    return text.say(
        lang,
        "findings.inits.difference",
        mean=signed(mean, spec, lang),
        lo=signed(lo, spec, lang),
        hi=signed(hi, spec, lang),
    )


def signed(value: float, spec: str, lang: str) -> str:
    """``text.num`` with a true minus sign (−0,0021), and no sign on a value that rounds
    to zero."""
    shown = text.num(value, spec, lang)
    if shown.startswith("-"):
        bare = shown[1:]
        return bare if not bare.strip("0,.") else "\u2212" + bare
    return shown


# --------------------------------------------------------------------------
# The conclusions.
# --------------------------------------------------------------------------


class Said(NamedTuple):
    """Conclusions from modules that read this one (and so cannot be called from it), each
    one bullet or "" for none.

    Attributes:
      spread: configurations whose seeds end far apart (``curves``).
      momentum: the momentum study's.
      depth: what σ per layer of the deep network shows (``findings``).
      units: dead units at lab 6's rate against lab 7's chosen one (``layers``).
    """

    spread: str = ""
    momentum: str = ""
    depth: str = ""
    units: str = ""


def conclusions(found: Found, lang: str, said: Said | None = None) -> list[document.Block]:
    """The conclusions, a synthesis in at most eight bullets, each citing its table: the
    fastest optimizer of lab 6 and by how much (``fastest``), Nesterov's momentum against
    plain momentum (``nesterov``), ``said.spread``, ``said.momentum``, the initializers
    significantly faster than N(0, 1) (``initializers``), ``said.units``, ``said.depth``
    and the combined gain over exercise 2 (``combined``)."""
    said = said or Said()
    lines = [
        fastest(found.get("lab6", []), lang),
        nesterov(found.get("lab6", []), lang),
        said.spread,
        said.momentum,
        initializers(found.get("lab7", []), lang),
        said.units,
        said.depth,
        combined(gains(found), lang),
    ]
    lines = [line for line in lines if line]
    return (
        [document.Heading(2, text.say(lang, "h.conclusions")), document.Items(lines)]
        if lines
        else []
    )


def fastest(lab6: Sequence[Finished], lang: str) -> str:
    """Per activation, who learns fastest in lab 6 and, when the first of them reaches the
    baseline's final loss significantly sooner (``pace.distinct``), by how much, then the
    verdict on every other optimizer (``others``); the activation's reason when it has no
    target."""
    said = [(conclusion(f, lang, quality=False), others(f, lang)) for f in lab6]
    return " ".join(line for pair in said for line in pair if line)


def others(f: Finished, lang: str) -> str:
    """Every configuration of ``f`` but the baseline and the leader ``conclusion`` names
    with its speed-up, grouped by its verdict against the baseline (``pace.distinct``):
    significantly sooner, each with its speed-up; significantly later; no significant
    difference (only after a leader: without one ``conclusion`` says that none is
    significantly sooner); "" without a target or without another configuration with a
    speed-up (one whose every seed diverged has none)."""
    if not has_target(f):
        return ""
    lead = leader(f)
    rows = [
        r
        for r in summary.ranked(f.rows)
        if r.config not in (configs.EXERCISE2, f.provenance.baseline, lead and lead.config)
        and not math.isnan(r.speedup_vs_baseline)  # Every seed diverged: nothing to say.
    ]
    groups: dict[str, list[str]] = {"sooner": [], "later": [], "same": []}
    for r in rows:
        name = text.inflect(lang, lab_report.name(r, lang), "with")
        speed = r.speedup_vs_baseline
        if not pace.distinct(*speed_interval(r), r.speedup_p_holm, summary.ALPHA):
            groups["same"].append(name)
            continue
        x = (
            text.times(lang, text.num(speed, ".2f", lang))
            if speed
            else text.say(lang, "stat.not_reached")
        )
        groups["sooner" if speed > 1 else "later"].append(f"{name} ({x})")
    parts = [
        text.say(
            lang,
            f"concl.others.{key}{'.also' if key == 'sooner' and lead else ''}",
            names=lab_report.join(names, lang),
        )
        for key, names in groups.items()
        if names and (lead or key != "same")
    ]
    said = "; ".join(parts)
    return f"{said[:1].upper()}{said[1:]}." if said else ""


def leader(f: Finished) -> SummaryRow | None:
    """The first configuration at rank 1 (not exercise 2, not the baseline) when it reaches
    the baseline's final loss significantly sooner (``pace.distinct``), else None."""
    own = [r for r in f.rows if r.config != configs.EXERCISE2]
    c = summary.compare(own, f.provenance.baseline)
    best = next((r for r in c.others if r.rank == 1), None)
    distinct = best and pace.distinct(*speed_interval(best), best.speedup_p_holm, summary.ALPHA)
    return best if distinct else None


def nesterov(lab6: Sequence[Finished], lang: str) -> str:
    """Nesterov's momentum against plain momentum per activation of lab 6: faster, or no
    significant difference (``pair_case``), with the ratio and the sign-flip p
    Holm-adjusted over the family it belongs to, lab 6's pairs of configurations (as the
    discussion gives it; the speed tables hold no pairwise p); "" without a comparable
    pair."""
    pairs = [(f, compare(f, "momentum", "nesterov")) for f in lab6]
    pairs = [(f, pair) for f, pair in pairs if pair and not pair.ill]
    parts = []
    for (f, pair), (_, p) in zip(pairs, pair_p_values([p for _, p in pairs]), strict=True):
        case = pair_case(pair.ratio, p)
        if case not in ("differ", "same"):
            continue
        point = pair.ratio.point
        faster = "nesterov" if point > 1 else "momentum"
        parts.append(
            text.say(
                lang,
                f"concl.nesterov.{faster if case == 'differ' else 'same'}",
                act=methods.label(f.act, lang),
                ratio=text.times(lang, text.num(max(point, 1 / point), ".2f", lang)),
                p=text.say(
                    lang,
                    "handin.speed_test",
                    p=p_text(p, lang),
                    m=f.ranking.family if f.ranking else 0,
                ),
            )
        )
    return text.say(lang, "concl.nesterov", parts="; ".join(parts)) if parts else ""


def has_target(f: Finished) -> bool:
    """Whether ``f``'s baseline has a final loss to reach (``SummaryRow.speedup_note``), so
    ``f`` has a speed table to cite."""
    base = summary.baseline_row(f.rows, f.provenance.baseline)
    return base is not None and not base.speedup_note


def initializers(lab7: Sequence[Finished], lang: str) -> str:
    """Per activation of lab 7 with a target (``has_target``), every initializer (not
    exercise 2) that reaches the baseline's final loss significantly sooner
    (``pace.distinct``), each with its speed-up, or that none does."""
    parts = []
    for f in (f for f in lab7 if has_target(f)):
        rows = [
            r
            for r in summary.ranked(f.rows)
            if r.config not in (configs.EXERCISE2, f.provenance.baseline)
            and pace.distinct(*speed_interval(r), r.speedup_p_holm, summary.ALPHA)
            and r.speedup_vs_baseline > 1
        ]
        values = {
            "act": methods.label(f.act, lang),
            "base": text.say(lang, f.lab.baseline_gen_key),
            "tab": f"@tab:lab7.{f.act}.speed",
        }
        if not rows:
            parts.append(text.say(lang, "concl.inits.none", **values))
            continue
        names = lab_report.join([methods.initialized_by(r.config, lang) for r in rows], lang)
        shown = [text.times(lang, text.num(r.speedup_vs_baseline, ".2f", lang)) for r in rows]
        alike = len(shown) > 1 and len(set(shown)) == 1  # "each 1.78×", not "1.78× and 1.78×".
        speeds = (
            text.say(lang, "concl.inits.alike", x=shown[0])
            if alike
            else lab_report.join(shown, lang)
        )
        parts.append(text.say(lang, "concl.inits.some", names=names, speeds=speeds, **values))
    return text.say(lang, "concl.inits", parts="; ".join(parts)) if parts else ""


def combined(found_gains: Sequence[Gain], lang: str) -> str:
    """The combined gain over exercise 2 per activation (``times_words``, with its interval
    and its figure), and that it is not the product of the labs' speed-ups."""
    parts = [
        text.say(
            lang,
            "concl.gain.part",
            act=methods.label(g.f.act, lang),
            x=times_words(g.speed, lang, False),
            tab="; ".join(
                filter(None, (interval_words(g.speed, lang), f"@fig:lab7.{g.f.act}.steps"))
            ),
        )
        for g in found_gains
        if math.isfinite(g.speed.point)
    ]
    return text.say(lang, "concl.gain", parts="; ".join(parts)) if parts else ""


def conclusion(found: Finished, lang: str = "en", quality: bool = True) -> str:
    """One experiment and activation's answer to its lab's question, in one line without
    the numbers its section gives (its tables cited): who learns fastest (rank 1) and
    whether the first of them reaches the baseline's final loss significantly sooner
    (``pace.distinct``), then which configurations end significantly lower, or higher, than
    the baseline (Holm-adjusted p < ``summary.ALPHA``; lab 7's exercise 2 is left to
    ``exercise2_gain``; none of them without ``quality``). Without a target
    (``lab_report.no_target``) its reason."""
    say = functools.partial(text.say, lang)
    lab, exp = found.lab, found.experiment
    where = results.place_phrase(found, exp, lang)
    own = [r for r in found.rows if r.config != configs.EXERCISE2]
    c = summary.compare(own, found.provenance.baseline)
    problem = lab_report.no_target(found.results, say(lab.baseline_key), lang)
    if problem or c.baseline is None:
        reason = problem or say("handin.concl.no_baseline", label=say(lab.baseline_key))
        return say("lead.concl.none", where=where, reason=reason[:1].lower() + reason[1:])
    leaders = [lab_report.name(r, lang) for r in summary.ranked(own) if r.rank == 1]
    best = leader(found)
    values = {
        "where": where,
        "base": say(lab.baseline_gen_key),
        "leaders": _with(leaders, lang),
        "tab": f"@tab:{exp}.{found.act}.speed",
    }
    if best:
        alone = leaders == [lab_report.name(best, lang)]
        key = "lead.concl.fast_alone" if alone else "lead.concl.fast"
        x = text.times(lang, text.num(best.speedup_vs_baseline, ".2f", lang))
        first = say(key, best=lab_report.name(best, lang), x=x, **values)
    else:
        first = say("lead.concl.same", **values)
    if not quality:
        return first
    tested = len([r for r in c.others if math.isfinite(r.p_holm)])
    lower, higher = (
        text.share(lang, len(r), tested, lab.noun_key, "concl.ends") for r in (c.lower, c.higher)
    )
    quality = f"@tab:{exp}.{found.act}.quality"
    label = say(lab.baseline_key)
    sentences = [first, say("lead.concl.beat", share=lower, label=label, tab=quality)]
    if c.higher:
        sentences.append(say("lead.concl.worse", share=higher))
    return " ".join(sentences)


def speed_interval(row: SummaryRow) -> tuple[float, float, float]:
    return row.speedup_vs_baseline, row.speedup_ci_lo, row.speedup_ci_hi


def _with(names: Sequence[str], lang: str) -> str:
    """Names said as "with" each (``text.inflect``), joined: ``z Adamem i z Adagradem``."""
    return lab_report.join([text.inflect(lang, n, "with") for n in names], lang)
