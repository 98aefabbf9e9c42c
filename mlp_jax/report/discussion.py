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
from mlp_jax.labs import configs, pace, specs, stats, summary
from mlp_jax.records import SummaryRow
from mlp_jax.report import document, lab_report, methods, results, text
from mlp_jax.report.finished import Diagnosed, Finished, Found


def p_text(p: float, lang: str) -> str:
    """``text.p_value``'s ``p = 0,10``, ``p = 0,042``, ``p < 0,001``, or ``p: —`` without
    a test."""
    return text.p_value(p, lang) if np.isfinite(p) else "p: —"


def ratio_interval(r: pace.Ratio, lang: str, p_holm: float | None = None) -> str:
    """`` (95% CI 1,10–1,40)``, an end never reached in words (``lab_report.interval``),
    with the sign-flip test's p Holm-adjusted over the pairs compared (``p_holm``) when
    given; nothing without an interval."""
    if np.isnan(r.lo) or np.isnan(r.hi):
        return ""
    words = lab_report.interval(r.lo, r.hi, r.never, max(2, pace.shown_decimals(r)), lang)
    if p_holm is not None:
        words += "; " + text.say(lang, "handin.speed_test", p=p_text(p_holm, lang))
    return f" ({words})"


def exercise2_record(f: Finished) -> records.History | None:
    """Lab 7's exercise-2 record (``configs.EXERCISE2``) at lab 6's rate
    (``summary.selected``: the grid's centre, never a rate lab 7 tuned)."""
    r = f.results.get(configs.EXERCISE2)
    return None if r is None else summary.selected(r)


class Resolution(NamedTuple):
    """How finely a step curve tells when it crosses a target.

    Attributes:
      crossing: the epoch the seed-mean step curve first reaches the target (NaN: never).
      first: the epoch of the curve's first point (the centre of its first block).
      window: epochs between two of its points.
      steps: minibatch steps between two of its points.
    """

    crossing: float
    first: float
    window: float
    steps: int

    @property
    def coarse(self) -> bool:
        """Whether the points lie at least ``COARSE`` of the crossing time apart: the time,
        and a ratio over it, is then known to about one significant digit."""
        return math.isfinite(self.crossing) and self.window >= COARSE * self.crossing

    @property
    def edge(self) -> bool:
        """Whether the crossing lies within one window past the curve's first point (at the
        limit of its resolution)."""
        return math.isfinite(self.crossing) and self.crossing < self.first + self.window


COARSE = 0.1
"""Points this share of the crossing time apart, or more, leave it one significant digit."""


def resolution(r: records.History, target: float) -> Resolution:
    """``Resolution`` of ``r``'s step curve (``summary.step_curves``) at ``target``."""
    loss, clock = summary.step_curves(r)
    crossing = pace.epochs_to_target(
        np.nanmean(loss, 0), target, interpolate=True, times=clock.times
    )
    window = 1 / clock.final
    return Resolution(
        math.nan if crossing is None else crossing,
        float(clock.times[0]),
        window,
        r.steps_per_epoch // clock.final,
    )


def about(x: float, lang: str) -> str:
    """``x`` to one significant digit (60,83 → ``60``, 0,148 → ``0,1``), with its
    numeral (``60 razy``)."""
    digit = math.floor(math.log10(abs(x))) if x else 0
    return text.times(lang, text.num(round(x, -digit), f".{max(0, -digit)}f", lang))


def gain_speed(speed: pace.Ratio, res: Resolution, lang: str) -> str:
    """The speed-up over exercise 2 in words: a bound ("at least"); when ``res.coarse``,
    about one significant digit with the points' spacing (no interval: its decimals would
    claim more than the curve tells), "at the limit of the curve's resolution" when
    ``res.edge``; else the ratio with its interval's decimals."""
    if speed.is_bound:
        shown = text.num(speed.point, f".{max(2, pace.shown_decimals(speed))}f", lang)
        return text.say(lang, "handin.at_least", x=text.times(lang, shown))
    if res.coarse:
        return text.say(
            lang,
            f"handin.gain.{'edge' if res.edge else 'coarse'}",
            x=about(speed.point, lang),
            t=text.num(res.crossing, ".2f", lang),
            window=text.num(res.window, ".2g", lang),
            steps=text.count(lang, res.steps, "handin.count.steps"),
        )
    shown = text.num(speed.point, f".{max(2, pace.shown_decimals(speed))}f", lang)
    return text.say(
        lang, "handin.gain.speed", x=text.times(lang, shown), ci=ratio_interval(speed, lang)
    )


def exercise2_gain(found: Found, lang: str) -> list[document.Block]:
    """Lab 7's best Xavier/He configuration against the real exercise 2 (plain SGD,
    N(0, 1)), per activation: the paired epochs ratio to exercise 2's final loss
    (``gain_speed``), and paired t-tests of the final training loss and test accuracy
    (the values themselves are in the quality table cited)."""
    lines = []
    for f in found.get("lab7", []):
        ex2 = exercise2_record(f)
        rows = [r for r in f.rows if r.config not in (configs.EXERCISE2, f.provenance.baseline)]
        if ex2 is None or not rows:
            continue
        row = summary.ranked(rows)[0]
        best = summary.selected(f.results[row.config])
        speed = summary.time_ratio(ex2, best, ex2)
        final = {
            (r, field): summary.finals(record, field)
            for r, record in (("best", best), ("ex2", ex2))
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
                act=lab_report.config_label(f.act, lang),
                opt=methods.label(best.provenance.config["optimizer"], lang),
                init=methods.initialized_by(row.config, lang),
                speed=gain_speed(speed, resolution(best, summary.target(ex2)), lang),
                p_loss=p_text(loss.p, lang),
                p_acc=p_text(acc.p, lang),
                tab=f"@tab:lab7.{f.act}.quality",
            )
        )
        tuned = tuned_exercise2(
            f.results[configs.EXERCISE2], lab_report.config_label(f.act, lang), lang
        )
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


class Pair(NamedTuple):
    """Two configurations of one activation, compared once (``compare``).

    Attributes:
      a, b: their records at their chosen rates (``summary.selected``).
      ratio: the paired ratio of the times ``a`` needs over ``b``'s to reach the
        baseline's final loss (``summary.time_ratio``), with its sign-flip test's p.
      test: the paired t-test of their final training losses.
      ill: why the baseline's final loss is no target (``summary.target_problem``), or
        None.
    """

    a: records.History
    b: records.History
    ratio: pace.Ratio
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
    return Pair(
        ra,
        rb,
        summary.time_ratio(ra, rb, base),
        stats.t_test(*finals, paired=True),
        summary.target_problem(base, f.results),
    )


def pair_case(ratio: pace.Ratio, p: float | None = None) -> str:
    """Which case a ratio of times is: "differ" only when ``pace.distinct``: the sign-flip
    test's ``p`` (default ``ratio.p``; Holm-adjusted where a family is compared) below
    ``summary.ALPHA`` and the interval not holding 1."""
    if ratio.point in (0, np.inf):
        return "only"  # One of the two never reaches the target.
    if ratio.is_bound or not np.isfinite(ratio.point):
        return "bound" if ratio.is_bound else "neither"
    if np.isnan(ratio.lo) and ratio.point == 1:
        return "neither"
    p = ratio.p if p is None else p
    distinct = pace.distinct(ratio.point, ratio.lo, ratio.hi, p, summary.ALPHA)
    return "differ" if distinct else "same"  # NaN: no claim.


CLOSE = 1.15
"""He's σ over Xavier's below which, in every layer, the two are said to start almost alike."""


SPREAD = 3.0
"""A configuration whose final-loss standard deviation over the seeds is this many times
the median of its experiment's (same activation) is said to spread widely."""


def pair_p_values(pairs: Sequence[Pair]) -> list[tuple[float, float]]:
    """For each pair: the paired t-test p of the final training losses and the
    sign-flip test p of the speed (NaN without a target), each family Holm-adjusted over
    every pair compared (``stats.holm``: all labs and activations of the discussion
    together)."""
    loss = [pair.test.p for pair in pairs]
    speed = [math.nan if pair.ill else pair.ratio.p for pair in pairs]
    return list(zip(stats.holm(loss).tolist(), stats.holm(speed).tolist(), strict=True))


# --------------------------------------------------------------------------
# Xavier against He (``findings.init_paragraphs``).
# --------------------------------------------------------------------------


class XavierHe(NamedTuple):
    """Xavier against He in one activation's lab 7.

    Attributes:
      means: name → (mean final training loss, mean test accuracy).
      diffs: Xavier minus He per seed pair, (final training loss, test accuracy): the
        seeds where neither diverged.
      p: the paired p-values of loss, accuracy and time to the target (NaN without one).
      ratio: the time ratio, Xavier's over He's (NaN without a target).
    """

    means: dict[str, tuple[float, float]]
    diffs: tuple[np.ndarray, np.ndarray]
    p: list[float]
    ratio: float


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
    acc = stats.t_test(finals["xavier", "test_acc"], finals["he", "test_acc"], paired=True)
    loss_p = (
        pair.test.p
        if pair
        else stats.t_test(finals["xavier", "train_loss"], finals["he", "train_loss"], paired=True).p
    )
    speed_p = math.nan if pair is None or pair.ill else pair.ratio.p
    ratio = math.nan if pair is None or pair.ill else pair.ratio.point
    return XavierHe(means, diffs, [loss_p, acc.p, speed_p], ratio)


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
    95% intervals (``stats.mean_ci`` of the paired differences), citing its quality table,
    and the time ratio, citing its speed table (there is none without a target: the quality
    table then); each with its Holm-adjusted ``p``."""
    loss, acc = (
        difference(d, scale, spec, lang)
        for d, scale, spec in (
            (t.diffs[0], 1.0, ".4f"),
            (t.diffs[1], 100.0, ".2f"),
        )
    )
    act = methods.label(f.act, lang)
    return text.say(
        lang,
        "findings.inits.tests",
        act=act[:1].upper() + act[1:],
        loss=loss,
        p_loss=text.p_value(p[0], lang),
        acc=acc,
        p_acc=text.p_value(p[1], lang),
        speed=text.num(t.ratio, ".2f", lang) if math.isfinite(t.ratio) else "—",
        p_speed=text.p_value(p[2], lang),
        tab=f"@tab:lab7.{f.act}.quality",
        speed_tab=f"@tab:lab7.{f.act}.{'speed' if math.isfinite(t.ratio) else 'quality'}",
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


def conclusions(found: Found, lang: str) -> list[document.Block]:
    """One short answer per lab and activation (``conclusion``); the numbers behind each
    are in the lab's section."""
    say = functools.partial(text.say, lang)
    lines = [
        conclusion(f, lang) for name, lab in specs.LABS.items() if lab.section for f in found[name]
    ]
    return [document.Heading(2, say("h.conclusions")), document.Items(lines)] if lines else []


def conclusion(found: Finished, lang: str = "en") -> str:
    """One experiment and activation's answer to its lab's question, in one line without
    the numbers its section gives (its tables cited): who learns fastest (rank 1) and
    whether the first of them reaches the baseline's final loss significantly sooner
    (``pace.distinct``), then which configurations end significantly lower, or higher, than
    the baseline (Holm-adjusted p < ``summary.ALPHA``; lab 7's exercise 2 is left to
    ``exercise2_gain``). Without a target (``lab_report.no_target``) its reason."""
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
    best = next((r for r in c.others if r.rank == 1), None)
    values = {
        "where": where,
        "base": say(lab.baseline_gen_key),
        "leaders": _with(leaders, lang),
        "tab": f"@tab:{exp}.{found.act}.speed",
    }
    if best and pace.distinct(*_speed(best), best.speedup_p_holm, summary.ALPHA):
        alone = leaders == [lab_report.name(best, lang)]
        key = "lead.concl.fast_alone" if alone else "lead.concl.fast"
        first = say(key, best=lab_report.name(best, lang), **values)
    else:
        first = say("lead.concl.same", **values)
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


def _speed(row: SummaryRow) -> tuple[float, float, float]:
    return row.speedup_vs_baseline, row.speedup_ci_lo, row.speedup_ci_hi


def _with(names: Sequence[str], lang: str) -> str:
    """Names said as "with" each (``text.inflect``), joined: ``z Adamem i z Adagradem``."""
    return lab_report.join([text.inflect(lang, n, "with") for n in names], lang)
