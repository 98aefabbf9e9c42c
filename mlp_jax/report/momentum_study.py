"""The momentum study (``specs.MOMENTUM``) in the hand-in's words: what it separates,
and what its records say about momentum against plain SGD at the same long-run step and
about γ.

Under a constant gradient momentum's velocity v = γv + αg tends to α/(1 − γ) per unit
of gradient, its long-run (effective) step. Each configuration's α and γ are read from
its record; a configuration is "at SGD's step" when α/(1 − γ) equals the baseline's α.
``paragraphs`` gives the discussion's paragraphs (the design, then one per activation),
``tables`` one table per activation (key ``momentum.{act}``), which the paragraphs cite.
"""

from __future__ import annotations

import functools
import inspect
import itertools
import json
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from mlp_jax import activations, optimizers
from mlp_jax.labs import pace, specs, summary
from mlp_jax.records import SummaryRow
from mlp_jax.report import (
    curves,
    discussion,
    document,
    finished,
    lab_report,
    methods,
    results,
    text,
)
from mlp_jax.report.finished import Finished, Found

NAME = specs.MOMENTUM.name
"""The study's experiment name: its records are ``<dataset>/momentum/<act>/``."""

SAME_STEP = 1e-6
"""Relative difference below which two long-run steps α/(1 − γ) are the same step (the
study's rates are products of the default table's, exact up to rounding)."""


DEFAULT_GAMMA = inspect.signature(optimizers.momentum).parameters["momentum"].default
"""γ of momentum and Nesterov's momentum when a configuration does not set it."""


def gamma_of(config: Mapping) -> float:
    """The γ a configuration's spec trains with: its ``momentum`` keyword, else
    ``DEFAULT_GAMMA``."""
    return float(config.get("optimizer_kwargs", {}).get("momentum", DEFAULT_GAMMA))


def long_run_step(rate: float, gamma: float) -> float:
    """α/(1 − γ): the velocity's limit per unit of a constant gradient."""
    return rate / (1 - gamma)


class Arm(NamedTuple):
    """One configuration of the study, as its record states it.

    Attributes:
      name: the configuration's name.
      rate: its learning rate α (at the rate it is reported at).
      gamma: its γ; 0 for plain SGD.
      row: its summary row.
    """

    name: str
    rate: float
    gamma: float
    row: SummaryRow

    @property
    def effective(self) -> float:
        """Its ``long_run_step``."""
        return long_run_step(self.rate, self.gamma)

    def same_step(self, other: Arm) -> bool:
        """Whether its long-run step is ``other``'s."""
        return math.isclose(self.effective, other.effective, rel_tol=SAME_STEP)


def arms(f: Finished) -> tuple[Arm | None, list[Arm]]:
    """The baseline (plain SGD; None without its record) and the momentum configurations
    of ``f``, in the records' order; other optimizers are left out."""
    base, momentum = None, []
    for name, record in f.results.items():
        config = summary.selected(record).provenance.config
        row = next(r for r in f.rows if r.config == name)
        if name == f.provenance.baseline:
            base = Arm(name, row.learning_rate, 0.0, row)
        elif config["optimizer"] == "momentum":
            momentum.append(Arm(name, row.learning_rate, gamma_of(config), row))
    return base, momentum


def _num(value: float, lang: str) -> str:
    return text.num(value, ".3g", lang)


def described(arm: Arm, lang: str) -> str:
    """``with γ = 0.9 and α = 0.03 (α/(1 − γ) = 0.3)``."""
    values = {"gamma": arm.gamma, "rate": arm.rate, "effective": arm.effective}
    return text.say(lang, "momentum_study.arm", **{k: _num(v, lang) for k, v in values.items()})


def short(arm: Arm, lang: str) -> str:
    """``(γ = 0.9, α = 0.03)``."""
    return text.say(
        lang, "momentum_study.short", gamma=_num(arm.gamma, lang), rate=_num(arm.rate, lang)
    )


def _join(parts: Sequence[str], lang: str) -> str:
    """``lab_report.join``; "" for none."""
    return lab_report.join(list(parts), lang) if parts else ""


def paragraphs(found: Found, lang: str) -> list[str]:
    """The study's paragraphs: its design, then per activation what it measured (``[]``
    without its records, or without a baseline)."""
    studied = [(f, *arms(f)) for f in found.get(NAME, [])]
    studied = [(f, base, arms_) for f, base, arms_ in studied if base is not None and arms_]
    if not studied:
        return []
    pairs = [(f, pair) for f, base, arms_ in studied for pair in contrasts(f, base, arms_)]
    p_holm = [p for _, p in discussion.pair_p_values([pair for _, (_, _, pair) in pairs])]
    acts = [f.act for f, _, _ in studied]
    by_act: dict[str, list[str]] = {act: [] for act in acts}
    for (f, (a, b, pair)), p in zip(pairs, p_holm, strict=True):
        by_act[f.act].append(contrast_sentence(a, b, pair, p, lang))
    return [
        design(studied[0][1], [a for _, _, arms_ in studied for a in arms_], acts, lang),
        *(measured(f, base, arms_, by_act[f.act], lang) for f, base, arms_ in studied),
    ]


def from_folder(root: str | Path, lang: str) -> list[str]:
    """``paragraphs`` of the study's records under a dataset's folder ``root``
    (``<out_dir>/<dataset>``), read from disk now."""
    loaded = (finished.load(root, NAME, act, log=lambda _: None) for act in activations.ACTIVATIONS)
    return paragraphs({NAME: [f for f in loaded if f]}, lang)


def design(base: Arm, momentum: Sequence[Arm], acts: Sequence[str], lang: str) -> str:
    """What the study trains (every activation's momentum configurations, once each) and
    which of them share SGD's long-run step (``base``'s), citing the tables of ``acts``."""
    say = functools.partial(text.say, lang)
    unique = list({(a.rate, a.gamma): a for a in momentum}.values())
    equal = [a for a in unique if a.same_step(base)]
    tabs = [f"@tab:{table_key(act)}" for act in acts]
    key = (
        "momentum_study.equal.none"
        if not equal
        else "momentum_study.equal.one"
        if len(equal) == 1
        else "momentum_study.equal.many"
    )
    arms_ = _join([described(a, lang) for a in unique], lang)
    first = say(
        "momentum_study.design",
        base=_base_words(base, lang),
        sgd=_num(base.rate, lang),
        arms=arms_,
        tabs=_join(tabs, lang),
    )
    return f"{first} {say(key, arms=_join([short(a, lang) for a in equal], lang))}"


def _base_words(base: Arm, lang: str) -> str:
    """The baseline in words: exercise 2's plain SGD when its weights are N(0, 1), else
    plain SGD with its initializer."""
    spec = json.loads(base.row.settings)
    init, scale = spec["init"], spec.get("init_scale", 1.0)
    if (init, scale) == ("normal", 1.0):
        return text.say(lang, specs.MOMENTUM.baseline_key)
    return text.say(lang, "momentum_study.base.other", init=methods.label(init, lang, scale))


def table_key(act: str) -> str:
    """The key of ``act``'s table (``@tab:momentum.{act}``)."""
    return f"{NAME}.{act}"


def verdict(row: SummaryRow) -> str:
    """How a configuration reaches the baseline's final loss: ``sooner`` or ``later``
    (``pace.distinct``: the Holm-adjusted sign-flip p below ``summary.ALPHA`` and the
    interval not holding 1), ``same`` (a tie), ``never`` (its mean curve never gets
    there), ``none`` (no time to measure: no target, or every seed diverged)."""
    point = row.speedup_vs_baseline
    if not math.isfinite(point):
        reachable = not row.speedup_note and not row.all_diverged
        return "never" if reachable and not math.isfinite(row.epochs_to_target) else "none"
    lo, hi, p = row.speedup_ci_lo, row.speedup_ci_hi, row.speedup_p_holm
    if not pace.distinct(point, lo, hi, p, summary.ALPHA):
        return "same"
    return "sooner" if point > 1 else "later"


def _arm_sentence(arm: Arm, base: Arm, lang: str) -> str:
    """How soon ``arm`` reaches SGD's final loss (every case of ``verdict``) and where its
    training loss ends."""
    case = verdict(arm.row)
    values = {"arm": short(arm, lang), "loss": text.num(arm.row.final_train_loss_mean, ".4f", lang)}
    if case == "never":
        return text.say(lang, "momentum_study.part.never", **values)
    if case == "none":
        return text.say(lang, "momentum_study.part.none", **values)
    speed = lab_report.speedup_words(arm.row, lab_report.name(base.row, lang), lang)
    return text.say(lang, "momentum_study.part", speed=speed, **values)


def _itself(base: Arm, momentum: Sequence[Arm], act: str, lang: str) -> str:
    """Whether momentum at SGD's own long-run step reaches SGD's final loss significantly
    sooner: with every such γ, with some, with none; "" without such a configuration."""
    equal = [a for a in momentum if a.same_step(base)]
    if not equal:
        return ""
    sooner = [a for a in equal if verdict(a.row) == "sooner"]
    key = (
        "momentum_study.itself.all"
        if len(sooner) == len(equal)
        else "momentum_study.itself.some"
        if sooner
        else "momentum_study.itself.none"
    )
    arms_ = _join([short(a, lang) for a in sooner], lang)
    return text.say(lang, key, arms=arms_, act=curves.with_act(act, lang))


def measured(
    f: Finished, base: Arm, momentum: Sequence[Arm], contrasted: Sequence[str], lang: str
) -> str:
    """One activation's paragraph: each momentum configuration against SGD, whether
    momentum itself is faster at SGD's step (``_itself``), and the contrasts between
    configurations (``contrasted``: ``contrast_sentence``'s sentences)."""
    first = text.say(
        lang,
        "momentum_study.measured",
        act=curves.with_act(f.act, lang),
        base_loss=text.num(base.row.final_train_loss_mean, ".4f", lang),
        tab=f"@tab:{table_key(f.act)}",
    )
    parts = "; ".join(_arm_sentence(a, base, lang) for a in momentum)
    sentences = (first, parts[:1].upper() + parts[1:] + ".", _itself(base, momentum, f.act, lang))
    return " ".join(s for s in (*sentences, *contrasted) if s)


def contrasts(
    f: Finished, base: Arm, momentum: Sequence[Arm]
) -> list[tuple[Arm, Arm, discussion.Pair]]:
    """The pairs of momentum configurations that differ in one thing: the same γ at
    different long-run steps (the step's effect), or the same long-run step with
    different γ (γ's effect); each as (slower, faster, ``discussion.compare`` of the
    slower's time over the faster's), so that the ratio and its interval read as "how
    many times sooner"."""
    out = []
    for a, b in itertools.combinations(momentum, 2):
        if (a.gamma == b.gamma) == a.same_step(b):
            continue
        pair = discussion.compare(f, a.name, b.name)
        if pair and pair.ratio.point < 1:  # a is the faster: the other way round.
            a, b, pair = b, a, discussion.compare(f, b.name, a.name)
        out += [(a, b, pair)] if pair else []
    return out


def contrast_sentence(slower: Arm, faster: Arm, pair: discussion.Pair, p: float, lang: str) -> str:
    """A contrast of ``contrasts`` (``p``: its sign-flip p Holm-adjusted over every
    contrast of the study): how many times sooner ``faster`` reaches SGD's final loss, a
    tie, a bound, or that only it reaches it; "" when neither does or there is no
    target."""
    case = discussion.pair_case(pair.ratio, p)
    if pair.ill or case == "neither":
        return ""
    names = {"faster": short(faster, lang), "slower": short(slower, lang)}
    if case == "only":
        return text.say(lang, "momentum_study.pair.only", **names)
    shown = text.num(pair.ratio.point, ".2f", lang)
    if case == "bound":
        return text.say(lang, "momentum_study.pair.bound", ratio=text.times(lang, shown), **names)
    ci = discussion.ratio_interval(pair.ratio, lang, p)
    if case == "same":
        return text.say(lang, "momentum_study.pair.same", ratio=shown, ci=ci, **names)
    return text.say(
        lang, "momentum_study.pair.differ", ratio=text.times(lang, shown), ci=ci, **names
    )


# --------------------------------------------------------------------------
# The table.
# --------------------------------------------------------------------------


def verdict_words(row: SummaryRow, lang: str) -> str:
    """``verdict`` in a table cell."""
    case = verdict(row)
    key = (
        "momentum_study.verdict.sooner"
        if case == "sooner"
        else "momentum_study.verdict.later"
        if case == "later"
        else "momentum_study.verdict.same"
        if case == "same"
        else "momentum_study.verdict.never"
        if case == "never"
        else "momentum_study.verdict.none"
    )
    return text.say(lang, key)


def _epochs(row: SummaryRow, lang: str) -> str:
    case = verdict(row)
    if math.isfinite(row.epochs_to_target):
        return text.num(row.epochs_to_target, ".2f", lang)
    return text.say(lang, "stat.not_reached") if case == "never" else "—"


def _loss(row: SummaryRow, lang: str) -> str:
    mean, sd = (
        text.num(v, ".4f", lang) for v in (row.final_train_loss_mean, row.final_train_loss_std)
    )
    return f"{mean} ± {sd}" if math.isfinite(row.final_train_loss_std) else mean


def table(f: Finished, lang: str) -> document.Table | None:
    """``f``'s configurations (the baseline first): α, γ, α/(1 − γ), epochs to SGD's final
    loss, the speed-up with its interval, its Holm-adjusted sign-flip p and verdict, and
    the final training loss (key ``momentum.{act}``); None without SGD or momentum."""
    base, momentum = arms(f)
    if base is None or not momentum:
        return None
    say = functools.partial(text.say, lang)

    def cells(arm: Arm) -> list[str]:
        row, own = arm.row, arm is base
        return [
            results.unbroken(methods.label(json.loads(row.settings)["optimizer"], lang)),
            *(_num(v, lang) for v in (arm.rate, arm.gamma, arm.effective)),
            _epochs(row, lang),
            "—" if own else lab_report.speedup_cell(row, lang),
            "—" if own else results.p_cell(row.speedup_p_holm, lang),
            "—" if own else verdict_words(row, lang),
            _loss(row, lang),
        ]

    header = [
        say("results.col.config"),
        say("results.col.lr"),
        say("momentum_study.col.gamma"),
        say("momentum_study.col.effective"),
        say("results.col.epochs"),
        say("results.col.speedup"),
        say("results.col.p.speed.holm"),
        say("momentum_study.col.verdict"),
        say("results.col.loss"),
    ]
    caption = say(
        "momentum_study.caption",
        act=curves.with_act(f.act, lang),
        target=text.num(base.row.final_train_loss_mean, ".4f", lang),
        alpha=text.num(summary.ALPHA, "g", lang),
        seeds=text.integer(f.provenance.shared.seeds, lang),
    )
    return document.Table(header, [cells(a) for a in (base, *momentum)], caption, table_key(f.act))


def tables(found: Found, lang: str) -> list[document.Table]:
    """``table`` of each activation of the study."""
    return [t for f in found.get(NAME, []) if (t := table(f, lang))]
