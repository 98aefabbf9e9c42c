"""The hand-in's discussion of the results, as a student would write it: each observation
computed from the records, tied to a figure or table by its key (``@fig:``/``@tab:``), and
said only when the records support it (else its opposite, or nothing).

``blocks`` is the section: why the leaders of lab 6 lead (Adam, Nesterov's momentum,
Adagrad with N(0, 1) weights), momentum's effective step, configurations whose loss and
accuracy disagree (with their seeds' curves, a figure drawn here), dead and saturated
units after training, Xavier against He in one hidden layer, the deep network's σ per
layer and early leader (the 2-D surfaces are told in the appendix, ``curves``).
``limitations`` is the paragraph on what the study cannot tell.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

import numpy as np

from mlp_jax import data, records
from mlp_jax.labs import configs, diagnostics, pace, stats, summary
from mlp_jax.report import (
    conditions,
    curves,
    discussion,
    document,
    lab_report,
    layers,
    methods,
    momentum_study,
    rates,
    text,
)
from mlp_jax.report.curves import row_of as _row
from mlp_jax.report.curves import say_in as _say
from mlp_jax.report.curves import with_act as _with
from mlp_jax.report.finished import Diagnosed, Finished, Found

ALPHA = summary.ALPHA
DIFFERENT = layers.DIFFERENT
WELL_SCALED = layers.WELL_SCALED
THEORY = 0.10
"""A measured σ ratio per layer agrees with theory within this relative difference."""


def _rate(value: float, lang: str) -> str:
    return text.num(value, ".3g", lang)


def _p(p: float, lang: str) -> str:
    return text.p_value(p, lang)


def blocks(
    found: Found,
    diag: Diagnosed,
    out_dir: Path,
    lang: str,
    deep: Found | None = None,
    deep_diag: Diagnosed | None = None,
) -> list[document.Block]:
    """The discussion section (a level-2 heading, a level-3 heading per subject with
    something to say): lab 6's leaders and momentum's step, loss against accuracy (with
    the seeds' figures drawn under ``out_dir``), the units after training, Xavier
    against He, the deep network (``deep``, ``deep_diag``: the depth supplement's records
    and diagnostics); [] when nothing is found."""
    say = _say(lang)
    parts: list[tuple[str, list[str | document.Block]]] = [
        ("optimizers", [*optimizer_paragraphs(found, lang), *momentum_paragraphs(found, lang)]),
        ("seeds", curves.seed_blocks(found, out_dir, lang)),
        ("adadelta", adadelta_paragraphs(found, out_dir, lang)),
        ("units", unit_paragraphs(found, diag, lang)),
        ("inits", init_paragraphs(found, diag, lang, deep_diag or {})),
        ("deep", deep_paragraphs(found, deep or {}, deep_diag or {}, lang)),
    ]
    out: list[document.Block] = []
    for key, part in parts:
        if part:
            out.append(document.Heading(3, say(f"findings.h.{key}")))
            out += [document.Paragraph(p) if isinstance(p, str) else p for p in part]
    return [document.Heading(2, say("findings.h")), *out] if out else []


def adadelta_paragraphs(found: Found, out_dir: Path, lang: str) -> list[str]:
    """``layers.adadelta_paragraphs``, closed by the rate they hold at when the selection
    rule applied to the sweep alone chooses another (``rates.adadelta_rate``)."""
    out = layers.adadelta_paragraphs(found, out_dir, lang)
    rate = rates.adadelta_rate(found, rates.read(found, out_dir), lang) if out else ""
    return [*out[:-1], f"{out[-1]} {rate}"] if rate else out


# --------------------------------------------------------------------------
# (a) Lab 6's leaders, (b) momentum's effective step.
# --------------------------------------------------------------------------


def optimizer_paragraphs(found: Found, lang: str) -> list[str]:
    """Per activation of lab 6, a paragraph each: where Adam ranks (and why it leads, when
    it does), Nesterov's momentum against plain momentum (Holm over the activations),
    Adagrad against SGD (and why per-parameter steps help with its weights, when they do)."""
    lab6 = [f for f in found.get("lab6", []) if f.base is not None]
    pairs = [discussion.compare(f, "momentum", "nesterov") for f in lab6]
    p_holm = iter(discussion.pair_p_values([p for p in pairs if p]))
    paragraphs, said = [], set()
    for f, pair in zip(lab6, pairs, strict=True):
        paragraphs += [
            _adam(f, lang, said),
            _nesterov(f, pair, next(p_holm)[1], lang, said) if pair else None,
            _adagrad(f, lang, said),
        ]
    return [p for p in paragraphs if p]


def _why(key: str, said: set[str], lang: str, **values: object) -> str:
    """The mechanism ``key`` the first time (added to ``said``), else ""."""
    if key in said:
        return ""
    said.add(key)
    return " " + text.say(lang, key, **values)


def _start(f: Finished) -> float:
    """The baseline's mean test loss at initialization."""
    return float(np.nanmean(np.asarray(f.results[f.provenance.baseline].test_loss)[..., 0]))


def _adam(f: Finished, lang: str, said: set[str]) -> str | None:
    """Adam's rank in ``f`` (its speed-up is in the speed table cited); the mechanism
    when it ranks first (once: ``said`` holds the mechanisms already told)."""
    row = _row(f, "adam")
    if row is None or not math.isfinite(row.rank):
        return None
    say = _say(lang)
    first = [r for r in f.rows if r.rank == 1]
    case = "behind" if row.rank != 1 else "alone" if len(first) == 1 else "tied"
    others = lab_report.join([lab_report.name(r, lang) for r in first if r is not row], lang)
    sentence = say(
        f"findings.adam.{case}",
        act=_with(f.act, lang),
        tab=f"@tab:lab6.{f.act}.speed",
        rank=int(row.rank),
        n=len(f.rows),
        others=others,
    )
    if row.rank != 1:
        return sentence
    spec, start = f.results["adam"].provenance.config, _start(f)
    scale = ""
    if spec["init"] == "normal" and start > math.log(10):  # Large gradients: say so.
        init = methods.label("normal", lang, spec["init_scale"])
        scale = say("findings.adam.scale", init=init, start=text.num(start, ".1f", lang))
    return sentence + _why("findings.adam.why", said, lang, scale=scale)


def _nesterov(
    f: Finished, pair: discussion.Pair, p: float, lang: str, said: set[str]
) -> str | None:
    """Nesterov's momentum against plain momentum (``pair``: momentum's time over
    Nesterov's, ``p`` its Holm-adjusted sign-flip p); the look-ahead when Nesterov wins."""
    case = discussion.pair_case(pair.ratio, p)
    if pair.ill or case not in ("differ", "same"):
        return None
    faster = "nesterov" if pair.ratio.point > 1 else "momentum"
    key = f"findings.nesterov.{faster if case == 'differ' else 'same'}"
    point = pair.ratio.point
    shown = text.num(max(point, 1 / point), ".2f", lang)
    sentence = text.say(
        lang,
        key,
        ratio=text.times(lang, shown) if case == "differ" else text.num(point, ".2f", lang),
        ci=discussion.ratio_interval(pair.ratio, lang, p, f.ranking.family if f.ranking else 0),
        tab=f"@tab:lab6.{f.act}.speed",
    )
    if case == "differ" and faster == "nesterov":
        return sentence + _why("findings.nesterov.why", said, lang)
    return sentence


def _adagrad(f: Finished, lang: str, said: set[str]) -> str | None:
    """Adagrad against SGD (sooner, later or a tie: the row's verdict, ``pace.distinct``;
    the numbers are in the speed table cited); when sooner, per-parameter scaling (the
    mechanism once) and what its accuracy and spread show (``adagrad_quality``)."""
    row = _row(f, "adagrad")
    if row is None or not math.isfinite(row.speedup_vs_baseline):
        return None
    distinct = pace.distinct(
        row.speedup_vs_baseline, row.speedup_ci_lo, row.speedup_ci_hi, row.speedup_p_holm, ALPHA
    )
    sooner = distinct and row.speedup_vs_baseline > 1
    later = distinct and row.speedup_vs_baseline < 1
    case = "sooner" if sooner else "later" if later else "same"
    spec = f.results["adagrad"].provenance.config
    init = methods.label(spec["init"], lang, spec["init_scale"])
    sentence = text.say(lang, f"findings.adagrad.{case}", tab=f"@tab:lab6.{f.act}.speed", init=init)
    if not sooner:
        quality = adagrad_quality(f, row, "", True, lang, sooner=False)
        return sentence + (" " + quality if quality else "")
    start = _start(f)
    if not start > math.log(10):  # No large initial loss: the mechanism alone.
        return sentence + _why("findings.adagrad.why_plain", said, lang)
    shown = text.num(start, ".1f", lang)
    chance = text.num(math.log(10), ".2f", lang)
    why = _why("findings.adagrad.why", said, lang, init=init, start=shown, chance=chance)
    quality = adagrad_quality(f, row, shown, bool(why), lang)
    return sentence + why + (" " + quality if quality else "")


WIDER = 1.5
"""A final-loss standard deviation this many times SGD's, or more, is said to be wider."""


def adagrad_quality(
    f: Finished, row: records.SummaryRow, start: str, told: bool, lang: str, sooner: bool = True
) -> str:
    """Adagrad's accuracy against SGD's (the quality table's Holm-adjusted p): no gain (in
    spite of a speed-up when ``sooner``), with its spread of final losses when ``WIDER``
    than SGD's; or, a gain where the mechanism was told before (not ``told``), the initial
    loss ``start`` with it."""
    base = _row(f, f.provenance.baseline)
    if base is None or not math.isfinite(row.test_acc_p_holm):
        return ""
    say = _say(lang)
    values = {
        "acc": text.pct(row.test_acc_mean, lang),
        "sgd_acc": text.pct(base.test_acc_mean, lang),
        "p": _p(row.test_acc_p_holm, lang),
        "tab": f"@tab:lab6.{f.act}.quality",
    }
    if row.test_acc_p_holm < ALPHA and row.test_acc_mean > base.test_acc_mean:
        return "" if told else say("findings.adagrad.like", start=start, **values)
    wider = row.final_train_loss_std / base.final_train_loss_std
    spread = ""
    if wider >= WIDER:
        spread = say(
            "findings.adagrad.spread",
            spread=text.times(lang, text.num(wider, ".1f", lang)),
            std=text.num(row.final_train_loss_std, ".4f", lang),
            sgd_std=text.num(base.final_train_loss_std, ".4f", lang),
        )
    return say(f"findings.adagrad.{'unlike' if sooner else 'no_gain'}", spread=spread, **values)


class Step(NamedTuple):
    """Momentum's long-run step against plain SGD's."""

    name: str
    rate: float
    gamma: float
    sgd_rate: float

    @property
    def effective(self) -> float:
        """Its ``momentum_study.long_run_step``."""
        return momentum_study.long_run_step(self.rate, self.gamma)


def momentum_steps(f: Finished) -> list[Step]:
    """The momentum configurations of ``f`` (``momentum``, ``nesterov``) with their γ."""
    base = f.results.get(f.provenance.baseline)
    if base is None:
        return []
    sgd_rate = summary.selected(base).provenance.learning_rate
    steps = []
    for name in ("momentum", "nesterov"):
        if name in f.results:
            p = summary.selected(f.results[name]).provenance
            steps.append(Step(name, p.learning_rate, momentum_study.gamma_of(p.config), sgd_rate))
    return steps


def momentum_paragraphs(found: Found, lang: str) -> list[str]:
    """Momentum's effective step α/(1 − γ) against SGD's α in lab 6 (one paragraph per
    distinct α, γ and SGD's α, citing its activations' speed tables), closed, when the
    momentum study has records, by its design (``momentum_study.design``); then the
    study's paragraphs (the design alone opens them without lab 6's records)."""
    groups: dict[Step, list[Finished]] = {}
    for f in found.get("lab6", []):
        steps = momentum_steps(f)
        if steps and f.base is not None:
            groups.setdefault(steps[0]._replace(name=""), []).append(f)
    design = momentum_study.design(found, lang)
    study = momentum_study.paragraphs(found, lang)
    lab6 = [_momentum_paragraph(s, fs, design, lang) for s, fs in groups.items()]
    return [*(lab6 or ([design] if design else [])), *study]


def _momentum_paragraph(s: Step, finished: Sequence[Finished], design: str, lang: str) -> str:
    """Lab 6's momentum against SGD's step; when larger, what would separate the two, or,
    with the momentum study's ``design`` sentence, that sentence."""
    say = _say(lang)
    ratio = s.effective / s.sgd_rate
    case = "larger" if ratio > 1.01 else "smaller" if ratio < 0.99 else "equal"
    studied = bool(design) and case == "larger"
    key = "findings.momentum.larger_studied" if studied else f"findings.momentum.{case}"
    grid = [
        say(
            "findings.momentum.point", gamma=_rate(g, lang), rate=_rate(s.effective * (1 - g), lang)
        )
        for g in sorted({0.0, 0.5, s.gamma})
    ]
    names = [step.name for step in momentum_steps(finished[0])]
    paragraph = say(
        key,
        names=lab_report.join([methods.label(n, lang) for n in names], lang),
        gamma=_rate(s.gamma, lang),
        rate=_rate(s.rate, lang),
        effective=_rate(s.effective, lang),
        sgd=_rate(s.sgd_rate, lang),
        times=text.times(lang, text.num(max(ratio, 1 / ratio), ".2g", lang)),
        tabs=lab_report.join([f"@tab:lab6.{f.act}.speed" for f in finished], lang),
        grid=lab_report.join(grid, lang),
    )
    return f"{paragraph} {design}" if studied else paragraph


# --------------------------------------------------------------------------
# (d) Dead and saturated units after training, (e) Xavier against He.
# --------------------------------------------------------------------------


def unit_paragraphs(found: Found, diag: Diagnosed, lang: str) -> list[str | document.Block]:
    """What the first-layer tables do not say, per activation with a failure: saturated
    sigmoid values at init (and what they cost) and their growth in training; dead ReLU
    units against lab 7's grid of rates (``rate_blocks``), else that they die in training."""
    out: list[str | document.Block] = []
    for act, record in diag.items():
        column = diagnostics.trouble_column(act)
        well = [i for i in WELL_SCALED if i in record.inits]
        if column is None or not well:
            continue
        f = layers.lab7_of(found, act)
        rows = [] if f is None else layers.rate_rows(f.results, column)
        if column == "dead_frac" and rows:
            out += layers.rate_blocks(f, rows, lang)
            continue
        sentences = _unit_sentences(record, column, well, lang)
        if sentences:
            say = _say(lang)
            lead = say("findings.units.lead", act=_with(act, lang))
            first = sentences[0][:1].lower() + sentences[0][1:]
            out.append(" ".join([lead, first, *sentences[1:]]))
    return out


def _unit_sentences(
    record: records.Diagnosis, column: str, well: Sequence[str], lang: str
) -> list[str]:
    """N(0, 1)'s saturated share at init when it exceeds the well-scaled ones' by
    ``DIFFERENT`` (a saturated sigmoid passes under 7.84% of its largest derivative back);
    the failure's growth in training (``DIFFERENT``), with σ's when it grows."""
    say, last, tab = _say(lang), record.epochs, f"@tab:diag.{record.act}.layer1"
    share = {
        (i, e): getattr(record.first_layer(i, e), column) for i in record.inits for e in (0, last)
    }
    out = []
    start_n = share.get(("normal", 0), math.nan)
    if column == "saturated_frac" and start_n >= max(share[i, 0] for i in well) + DIFFERENT:
        out.append(say("findings.units.start", share=text.pct(share["normal", 0], lang), tab=tab))
    if not all(share[i, last] >= share[i, 0] + DIFFERENT for i in well):
        return out
    start, end = (record.first_layer(well[0], e).preact_std for e in (0, last))
    if column == "saturated_frac" and end > start:
        num = functools.partial(text.num, spec=".3g", lang=lang)
        name = methods.initialized_by(well[0], lang)
        return [
            *out,
            say("findings.units.grew.sigma", name=name, start=num(start), end=num(end), tab=tab),
        ]
    return [*out, say(f"findings.units.grew.{column}", tab=tab)]


def init_paragraphs(
    found: Found, diag: Diagnosed, lang: str, deep_diag: Diagnosed | None = None
) -> list[str]:
    """Xavier against He in lab 7, for every activation together: a paragraph on their
    first-layer σ and its ratio √((n_in + n_out)/n_in) from the layer sizes (once per
    network), the measured ratio at init when the diagnostics ran and the one draw every
    initializer rescales (``draw_sentences``, with ``deep_diag``); a paragraph on each
    activation's paired differences of final training loss and test accuracy with their
    95% intervals, p Holm-adjusted over all of them, and the time ratio with the p of the
    ranks' family: a tie unless a difference is significant (the time's:
    ``discussion.pair_case``), said once when every difference is one."""
    lab7 = [f for f in found.get("lab7", []) if {"xavier", "he"} <= set(f.results)]
    if not lab7:
        return []
    tests = [discussion.xavier_he(f) for f in lab7]
    flat = [p for t in tests for p in t.p]
    adjusted = iter(stats.holm(flat).tolist())
    say = _say(lang)
    sizes = dict.fromkeys(f.provenance.shared.layer_sizes for f in lab7)
    sentences = [discussion.sigma_sentence(s, lang) for s in sizes]
    measured = discussion.measured_ratio(lab7, diag, lang)
    sentences += [measured] if measured else []
    drawn = layers.draw_sentences(lab7, diag, deep_diag or {}, lang)
    sentences += drawn
    verdicts = []
    for f, t in zip(lab7, tests, strict=True):
        p = [next(adjusted) for _ in t.p]
        sentences.append(discussion.tests_sentence(f, t, p, lang))
        verdicts.append(_init_verdict(f.act, t, p, lang))
        if verdicts[-1] != say("findings.inits.tie"):
            sentences.append(verdicts[-1])
    m = text.count(lang, len(flat), "findings.count.comparisons")
    sentences.append(say("findings.inits.holm", m=m))
    if all(v == say("findings.inits.tie") for v in verdicts):
        sentences.append(say("findings.inits.tie"))
    scale = len(sizes) + bool(measured) + len(drawn)
    return [" ".join(sentences[:scale]), " ".join(sentences[scale:])]


def _init_verdict(act: str, t: discussion.XavierHe, p: list[float], lang: str) -> str:
    """A tie unless a Holm-adjusted p of loss or accuracy is below ALPHA or the times
    differ (``discussion.pair_case``); else which one the significant differences favour
    (against He et al.'s motivation when Xavier wins with ReLU)."""
    say = _say(lang)
    better = []
    if p[0] < ALPHA:
        better.append("xavier" if t.means["xavier"][0] < t.means["he"][0] else "he")
    if p[1] < ALPHA:
        better.append("xavier" if t.means["xavier"][1] > t.means["he"][1] else "he")
    if t.speed and discussion.pair_case(t.speed.ratio, t.speed.p_holm) == "differ":
        better.append("he" if t.ratio > 1 else "xavier")
    if not better:
        return say("findings.inits.tie")
    if len(set(better)) > 1:
        return say("findings.inits.mixed")
    winner = better[0]
    key = (
        "findings.inits.against"
        if act in diagnostics.DEAD and winner == "xavier"
        else "findings.inits.favours"
    )
    return say(key, name=methods.label(winner, lang))


# --------------------------------------------------------------------------
# (f) The deep network.
# --------------------------------------------------------------------------


class Growth(NamedTuple):
    """How σ of the pre-activations changes from one hidden layer to the next at init, as
    the geometric mean over the hidden layers fed by a hidden layer: measured and predicted
    for ReLU, √(n_in σ_w² / 2) (half of a symmetric pre-activation's square passes)."""

    init: str
    measured: float
    predicted: float


def growth(record: records.Diagnosis, init: str, scale: float = 1.0) -> Growth:
    """``Growth`` of ``init`` (σ of N(0, σ²) weights: ``scale``) in a diagnostics record."""
    sizes = record.shared.layer_sizes
    w = methods.sigmas(init, sizes, scale)
    layers = range(1, record.layers - 1)  # Hidden ones fed by a hidden one.
    std = [record.layer(init, layer, 0).preact_std for layer in range(record.layers)]
    measured = [std[layer] / std[layer - 1] for layer in layers]
    predicted = [w[layer] * math.sqrt(sizes[layer] / 2) for layer in layers]
    geo = lambda v: float(np.exp(np.mean(np.log(v))))
    return Growth(init, geo(measured), geo(predicted))


class Lead(NamedTuple):
    """Which initializer has the significantly lowest mean training loss per epoch
    (paired t-tests against each other one, Holm-adjusted per epoch; None: no one).

    Attributes:
      leaders: per epoch, the leader's name or None.
      means: per epoch, name → mean training loss over the seeds that never diverged.
      ahead: per epoch, the lowest one and those not significantly above it.
    """

    leaders: list[str | None]
    means: list[dict[str, float]]
    ahead: list[list[str]]

    @property
    def span(self) -> int:
        """Epochs from the first in which the first epoch's leader stays the leader."""
        first = self.leaders[0]
        return next((e for e, x in enumerate(self.leaders) if x != first), len(self.leaders))


def lead(f: Finished) -> Lead:
    """``Lead`` of lab 7's initializers in ``f`` (``configs.LAB7_INITS`` present)."""
    names = [n for n in configs.LAB7_INITS if n in f.results]
    losses = {}
    for n in names:
        r = summary.selected(f.results[n])
        losses[n] = np.where(r.finite[:, None], np.asarray(r.train_loss, float), np.nan)
    found = Lead([], [], [])
    for e in range(f.provenance.shared.epochs):
        mean = {n: float(np.nanmean(losses[n][:, e])) for n in names}
        best = min(mean, key=mean.__getitem__)
        others = [n for n in names if n != best]
        ps = [stats.t_test(losses[best][:, e], losses[n][:, e], paired=True).p for n in others]
        adjusted = stats.holm(ps) if ps else []
        ahead = [best] + [n for n, p in zip(others, adjusted, strict=True) if not p < ALPHA]
        found.leaders.append(best if len(ahead) == 1 else None)
        found.means.append(mean)
        found.ahead.append(ahead)
    return found


def deep_paragraphs(found: Found, deep: Found, deep_diag: Diagnosed, lang: str) -> list[str]:
    """The deep network: per ReLU record of its diagnostics, σ's growth per layer against
    theory (``growth``); per activation of its lab 7, the initializer that leads early
    and at the end (``lead``); then what the supplement does and does not show."""
    say, out = _say(lang), []
    for act, record in deep_diag.items():
        if act in diagnostics.DEAD and record.layers > 2:
            out.append(_growth_paragraph(deep, act, record, lang))
    mains = {f.act: f for f in found.get("lab7", [])}
    out += [
        _lead_sentence(f, lang, deep_diag.get(f.act), mains.get(f.act))
        for f in deep.get("lab7", [])
        if len(lead_names(f)) > 1
    ]
    main = next(iter(found.get("lab7", [])), None)
    if deep.get("lab7") and main is not None:
        shared, main_shared = deep["lab7"][0].provenance.shared, main.provenance.shared
        rate = summary.selected(
            next(iter(deep["lab7"][0].results.values()))
        ).provenance.learning_rate
        epochs = "fewer" if shared.epochs < main_shared.epochs else "same"
        grid = "one" if shared.lr_grid == 1 else "grid"
        out.append(
            say(
                f"findings.deep.scope.{epochs}.{grid}",
                epochs=text.count(lang, shared.epochs, "findings.count.epochs_acc")
                if epochs == "fewer"
                else shared.epochs,
                main=main_shared.epochs,
                rate=_rate(rate, lang),
                n=shared.lr_grid,
            )
        )
    return out


def lead_names(f: Finished) -> list[str]:
    return [n for n in configs.LAB7_INITS if n in f.results]


def growths(deep: Found, act: str, record: records.Diagnosis) -> list[Growth]:
    """``growth`` of every initializer ``record`` measured, N(0, σ²)'s at the σ its
    record in the deep network's lab 7 (``deep``) was trained with (1 without one)."""
    f = next((f for f in deep.get("lab7", []) if f.act == act), None)
    scale = 1.0
    if f is not None and "normal" in f.results:
        scale = float(f.results["normal"].provenance.config.get("init_scale", 1.0))
    return [growth(record, i, scale if i == "normal" else 1.0) for i in record.inits]


def _growth_paragraph(deep: Found, act: str, record: records.Diagnosis, lang: str) -> str:
    grown = growths(deep, act, record)
    agree = all(abs(g.measured / g.predicted - 1) < THEORY for g in grown)
    parts = lab_report.join(
        [
            text.say(
                lang,
                "findings.deep.part",
                name=layers.short_label(g.init, lang),
                measured=text.num(g.measured, ".3g", lang),
                predicted=text.num(g.predicted, ".3g", lang),
            )
            for g in grown
        ],
        lang,
    )
    hidden = record.layers - 2
    return text.say(
        lang,
        f"findings.deep.growth.{'agree' if agree else 'differ'}",
        act=_with(act, lang),
        parts=parts,
        tab=f"@tab:deep.{act}.layers",
        layers=hidden,
        n=record.shared.layer_sizes[1],
        half=text.num(math.sqrt(0.5), ".3f", lang),
    )


def _ahead(found: Lead, epoch: int, lang: str) -> dict[str, str] | None:
    """Without a sole leader at ``epoch`` (0: the first): the names and losses of those
    tied ahead and of those significantly behind (None when none is behind); the last
    epoch's losses as the final-results table rounds them (``text.loss_places``)."""
    ahead, mean = found.ahead[epoch], found.means[epoch]
    behind = [n for n in mean if n not in ahead]
    if not behind:
        return None
    last = epoch in (-1, len(found.leaders) - 1)
    spec = lambda v: f".{text.loss_places(v)}f" if last else ".3g"

    def words(names: list[str]) -> tuple[str, str]:
        shown = lab_report.join([methods.initialized_by(n, lang) for n in names], lang)
        return shown, lab_report.join([text.num(mean[n], spec(mean[n]), lang) for n in names], lang)

    (names, values), (rest, rest_values) = words(ahead), words(behind)
    return {"names": names, "values": values, "rest": rest, "rest_values": rest_values}


def _lead_why(first: str, record: records.Diagnosis | None, lang: str) -> tuple[str, str]:
    """The hidden layers' saturated or dead share at init (``record``, the deep network's
    diagnostics) of the early leader ``first`` against the other initializers': in
    agreement with its lead (``less``) when the leader's highest share is below the
    others' lowest, else said not to explain it (``unexplained``); ("", "") without such
    a share."""
    column = None if record is None else diagnostics.trouble_column(record.act)
    if column is None or first not in record.inits or len(record.inits) < 2:
        return "", ""
    hidden = range(record.layers - 1)
    share = {i: [getattr(record.layer(i, k, 0), column) for k in hidden] for i in record.inits}
    others = [v for i in record.inits if i != first for v in share[i]]
    case = "less" if max(share[first]) < min(others) else "unexplained"
    return case, text.say(
        lang,
        f"findings.deep.why.{case}",
        what=text.say(lang, f"findings.deep.what.{column}"),
        lead=_span(share[first], lang),
        others=_span(others, lang),
        name=methods.initialized_by(first, lang),
        tab=f"@tab:deep.{record.act}.layers",
    )


def _span(values: Sequence[float], lang: str) -> str:
    """``60,5–71,4%``; one share when all round alike."""
    lo, hi = text.pct(min(values), lang), text.pct(max(values), lang)
    return lo if lo == hi else f"{lo.rstrip('%')}–{hi}"


def _lead_cause(
    f: Finished, first: str, record: records.Diagnosis | None, main: Finished | None, lang: str
) -> str:
    """`` …``: what may explain ``first``'s early lead in the deep network's lab 7 ``f``: its
    share at init (``_lead_why``) and the one rate's cost on lab 7's grid (``main``,
    ``conditions.rate_handicap``); the cause said unknown when the share does not explain
    it and the rate is no candidate."""
    case, why = _lead_why(first, record, lang)
    handicap = conditions.rate_handicap(f, main, first, lang)
    said = [why, handicap.sentence]
    if case == "unexplained" and handicap.case != "candidate":
        said.append(text.say(lang, "findings.deep.why.unknown"))
    return "".join(f" {s}" for s in said if s)


def _lead_sentence(
    f: Finished, lang: str, record: records.Diagnosis | None = None, main: Finished | None = None
) -> str:
    """Which initializer leads in the first epochs and at the last (``lead``), with what may
    explain the lead (``_lead_cause``; ``main``: lab 7 of the same activation)."""
    say, found = _say(lang), lead(f)
    epochs, first = len(found.leaders), found.leaders[0]
    fig = f"@fig:deep.{f.act}.loss"
    if first is None:
        ahead = _ahead(found, 0, lang)
        key = "findings.deep.no_lead" if ahead is None else "findings.deep.ahead"
        sentence = say(key, act=_with(f.act, lang), fig=fig, **(ahead or {}))
    else:
        mean = found.means[0]
        second = min((n for n in mean if n != first), key=mean.__getitem__)
        sentence = say(
            "findings.deep.lead.all" if found.span == epochs else "findings.deep.lead",
            act=_with(f.act, lang),
            name=methods.initialized_by(first, lang),
            last=found.span,
            a=text.num(mean[first], ".3g", lang),
            b=text.num(mean[second], ".3g", lang),
            second=methods.initialized_by(second, lang),
            m=len(mean) - 1,
            fig=fig,
        )
        sentence += _lead_cause(f, first, record, main, lang)
    if found.span == epochs and first is not None:
        return sentence
    final = found.leaders[-1]
    if final is not None:
        name = methods.initialized_by(final, lang)
        return f"{sentence} {say('findings.deep.end', epochs=epochs, name=name)}"
    ahead = _ahead(found, epochs - 1, lang)
    key = "findings.deep.end.none" if ahead is None else "findings.deep.end.ahead"
    return f"{sentence} {say(key, epochs=epochs, **(ahead or {}))}"


# --------------------------------------------------------------------------
# Limitations.
# --------------------------------------------------------------------------


def _diagnostics_limit(diag: Diagnosed, main: int, lang: str) -> list[str]:
    """How the diagnostics' runs stand to lab 7's ``main`` epochs: separate runs, or lab
    7's own (``Diagnosis.shared.experiment``) of which only the first epochs are shown
    (none when all are: no limitation); [] without diagnostics."""
    if not diag:
        return []
    say, days = _say(lang), max(record.epochs for record in diag.values())
    if all(record.shared.experiment == "lab7" for record in diag.values()):
        counted = text.count(lang, days, "findings.count.epochs_acc")
        return [say("findings.limits.diag.lab7.shorter", epochs=counted, main=main)] * (days < main)
    return [
        say(
            f"findings.limits.diag.{'shorter' if days < main else 'same'}",
            epochs=text.count(lang, days, "findings.count.epochs"),
            main=main,
        )
    ]


def limitations(
    found: Found, diag: Diagnosed, lang: str, deep: Found | None = None
) -> list[document.Block]:
    """The "Limitations" paragraph (a level-3 heading): lab 7's single rate (when it
    had no grid), the diagnostics' epochs against lab 7's, the deep network's epochs, the
    seeds, the one test set, the crossing times' resolution; [] without records."""
    every = [f for fs in found.values() for f in fs]
    if not every:
        return []
    say = _say(lang)
    sentences = []
    for f in found.get("lab7", [])[:1]:
        shared = f.provenance.shared
        r = summary.selected(next(iter(f.results.values()))).provenance
        if shared.lr_grid == 1:
            source = "lab6" if r.choice is not None and r.choice.why == "lab6" else "other"
            sentences.append(
                say(f"findings.limits.rate.{source}", rate=_rate(r.learning_rate, lang))
            )
        sentences += _diagnostics_limit(diag, shared.epochs, lang)
        d = deep["lab7"][0].provenance.shared if deep and deep.get("lab7") else None
        if d is not None and d.epochs < shared.epochs:  # As long as lab 7: no limitation.
            counted = text.count(lang, d.epochs, "findings.count.epochs_acc")
            sentences.append(say("findings.limits.deep", epochs=counted, main=shared.epochs))
    first = every[0]
    seeds = lab_report.join(
        [str(s) for s in dict.fromkeys(f.provenance.shared.seeds for f in every)], lang
    )
    sentences.append(say("findings.limits.seeds", seeds=seeds))
    source = data.parse_source(first.provenance.data_source)
    if source is not None:
        sentences.append(say("findings.limits.test", n=text.integer(source.test, lang)))
    sentences.append(say("findings.limits.clock", spacing=conditions.spacing_words(every, lang)))
    return [document.Heading(3, say("findings.h.limits")), document.Paragraph(" ".join(sentences))]
