"""The momentum study (``specs.MOMENTUM``) in the hand-in's words: is lab 6's momentum
gain a momentum effect or a larger-step effect?

Under a constant gradient momentum's velocity v = γv + αg tends to α/(1 − γ) per unit
of gradient, its long-run (effective) step. The study crosses γ (0: plain SGD) with two
long-run steps, SGD's and lab 6 momentum's (``configs.momentum_study``); each
configuration's α and γ are read from its record. ``contrasts`` compares every
configuration with the one that differs from it in one factor (the step at one γ, γ at
one step), with the experiment's one Holm family of all pairs (``Finished.ranking``);
``design`` is the sentence that says what the study crosses, ``paragraphs`` one
synthesis per activation, ``conclusion`` the answer for the conclusions and ``tables``
one table per activation (key ``momentum.{act}``), which the paragraphs cite.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from mlp_jax import activations
from mlp_jax.labs import configs, pace, specs, summary
from mlp_jax.records import SummaryRow
from mlp_jax.report import (
    curves,
    discussion,
    document,
    finished,
    lab_report,
    layers,
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


DEFAULT_GAMMA = configs.LAB6_GAMMA
"""γ of momentum and Nesterov's momentum when a configuration does not set it."""


def gamma_of(config: Mapping) -> float:
    """The γ a configuration's spec trains with: its ``momentum`` keyword, else
    ``DEFAULT_GAMMA``."""
    return float(config.get("optimizer_kwargs", {}).get("momentum", DEFAULT_GAMMA))


def long_run_step(rate: float, gamma: float) -> float:
    """α/(1 − γ): the velocity's limit per unit of a constant gradient."""
    return rate / (1 - gamma)


def same_step(a: float, b: float) -> bool:
    """Whether two long-run steps are one (within ``SAME_STEP``)."""
    return math.isclose(a, b, rel_tol=SAME_STEP)


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
        """Whether its long-run step is ``other``'s (``same_step``)."""
        return same_step(self.effective, other.effective)


def arms(f: Finished) -> tuple[Arm | None, list[Arm]]:
    """The baseline (plain SGD; None without its record) and the study's other
    configurations of ``f`` (plain SGD at another rate, γ = 0, or momentum), in the
    records' order; other optimizers are left out."""
    base, others = None, []
    for name, record in f.results.items():
        config = summary.selected(record).provenance.config
        row = next(r for r in f.rows if r.config == name)
        if config["optimizer"] not in ("sgd", "momentum"):
            continue
        gamma = gamma_of(config) if config["optimizer"] == "momentum" else 0.0
        arm = Arm(name, row.learning_rate, gamma, row)
        base, others = (arm, others) if name == f.provenance.baseline else (base, [*others, arm])
    return base, others


def _num(value: float, lang: str) -> str:
    return text.num(value, ".3g", lang)


def label(arm: Arm, lang: str) -> str:
    """How the report names a configuration: ``SGD (α = 1)``, ``momentum (γ = 0.9, α = 0.1)``."""
    if arm.gamma == 0:
        return text.say(lang, "momentum_study.label.sgd", rate=_num(arm.rate, lang))
    values = {"gamma": _num(arm.gamma, lang), "rate": _num(arm.rate, lang)}
    return text.say(lang, "momentum_study.label.momentum", **values)


def short(arm: Arm, lang: str) -> str:
    """``(γ = 0.9, α = 0.1)``: α and γ after a name the sentence already gives."""
    values = {"gamma": _num(arm.gamma, lang), "rate": _num(arm.rate, lang)}
    return text.say(lang, "momentum_study.short", **values)


def labels(f: Finished, lang: str) -> list[str]:
    """``label`` of each configuration of ``f``, the baseline first (the setup's table)."""
    base, others = arms(f)
    return [label(a, lang) for a in ([base] if base else []) + others]


def _join(parts: Sequence[str], lang: str) -> str:
    """``lab_report.join``; "" for none."""
    return lab_report.join(list(parts), lang) if parts else ""


def table_key(act: str) -> str:
    """The key of ``act``'s table (``@tab:momentum.{act}``)."""
    return f"{NAME}.{act}"


# --------------------------------------------------------------------------
# The contrasts: configurations that differ in one factor.
# --------------------------------------------------------------------------

FACTORS = ("step", "gamma")
"""What a contrast changes: the long-run step at one γ, or γ at one long-run step."""


class Contrast(NamedTuple):
    """A configuration against the one that differs from it in one factor only.

    Attributes:
      factor: ``"step"``: ``arm`` at a larger or smaller long-run step than ``ref``, the
        same γ, ``ref`` at SGD's step; ``"gamma"``: ``arm`` with γ > 0, ``ref`` plain
        SGD at the same long-run step.
      arm, ref: the two configurations.
      ratio: ``ref``'s time to SGD's final loss over ``arm``'s (``arm``'s speed-up over
        ``ref``; ``discussion.compare``); None when there is no time to compare.
      p: its sign-flip p, Holm-adjusted over every pair of the experiment's
        configurations (``Finished.ranking``); NaN without one.
    """

    factor: str
    arm: Arm
    ref: Arm
    ratio: pace.Ratio | None
    p: float

    @property
    def case(self) -> str:
        """``sooner``/``later`` (``discussion.pair_case`` "differ": ``arm`` significantly
        faster or slower), ``same`` (a tie), ``only`` (only ``arm`` reaches the target),
        ``never`` (only ``ref`` does), ``none`` (nothing to compare: every run of one
        diverged, neither reaches it, or a bound)."""
        if self.ratio is None:
            return "none"
        case = discussion.pair_case(self.ratio, self.p)
        if case == "only":
            return "only" if self.ratio.point == math.inf else "never"
        if case == "differ":
            return "sooner" if self.ratio.point > 1 else "later"
        return case if case == "same" else "none"


def _planned(base: Arm, others: Sequence[Arm]) -> list[tuple[str, Arm, Arm]]:
    """(factor, arm, ref) of each one-factor contrast: every configuration away from SGD's
    step against its γ at SGD's step, every momentum configuration against plain SGD at
    its step; a reference the study lacks is no contrast."""
    every = [base, *others]
    out = []
    for arm in others:
        step = [a for a in every if a.gamma == arm.gamma and a.same_step(base)]
        if not arm.same_step(base) and step:
            out.append(("step", arm, step[0]))
        plain = [a for a in every if a.gamma == 0 and a.same_step(arm)]
        if arm.gamma > 0 and plain:
            out.append(("gamma", arm, plain[0]))
    return out


def contrasts(found: Found) -> dict[str, list[Contrast]]:
    """Each activation's one-factor contrasts (``_planned``), each with the ratio and the
    Holm-adjusted p of the experiment's ranking (``discussion.compare``: the one family of
    every pair of its configurations behind every speed verdict); activations without a
    baseline are left out."""
    out: dict[str, list[Contrast]] = {}
    for f in found.get(NAME, []):
        base, others = arms(f)
        if base is None:
            continue
        for factor, arm, ref in _planned(base, others):
            out.setdefault(f.act, []).append(_contrast(f, factor, arm, ref))
    return out


def _contrast(f: Finished, factor: str, arm: Arm, ref: Arm) -> Contrast:
    """``arm`` against ``ref`` in ``f`` (``discussion.compare``): the ratio and its
    Holm-adjusted p, or None and NaN when there is no time to compare."""
    pair = discussion.compare(f, ref.name, arm.name)
    ratio = None if pair is None or pair.ill else pair.ratio
    return Contrast(factor, arm, ref, ratio, math.nan if ratio is None else pair.p_holm)


# --------------------------------------------------------------------------
# The text.
# --------------------------------------------------------------------------

CASES = ("sooner", "later", "same", "only", "never", "none")
"""The order in which a sentence tells the cases of ``Contrast.case``."""
RATIO_CASES = CASES[:3]
"""The cases with a ratio to show (the others are said in words)."""


def _where(c: Contrast, lang: str) -> str:
    """Which contrast an item of a sentence is: its γ (a step contrast), or its γ and step."""
    gamma, step = _num(c.arm.gamma, lang), _num(c.arm.effective, lang)
    if c.factor == "gamma":
        return text.say(lang, "momentum_study.where.gamma", gamma=gamma, step=step)
    if c.arm.gamma == 0:
        return text.say(lang, "momentum_study.where.plain")
    return text.say(lang, "momentum_study.where.step", gamma=gamma)


def _item(c: Contrast, lang: str) -> str:
    """``przy γ = 0,5 (2,05 raza)``; a tie with its ratio, the other cases bare; the ratio
    with its interval's decimals (``pace.shown_decimals``), at least two."""
    where, said = _where(c, lang), ratio_words(c, lang)
    if not said:
        return where
    if c.case == "same":
        return text.say(lang, "momentum_study.item.same", where=where, ratio=said["ratio"])
    return f"{where} ({said['times']})"


def _cases(cs: Sequence[Contrast], ref: str, lang: str) -> str:
    """Every case of ``cs`` in ``CASES``' order, each with its items (``_item``), joined by
    ", a" (", and"); ``ref``: what the configurations are compared with, in words."""
    groups = []
    for case in CASES:
        items = [_item(c, lang) for c in cs if c.case == case]
        if items:
            key = f"momentum_study.case.{case}"
            groups.append(text.say(lang, key, items=_join(items, lang), ref=ref))
    return text.say(lang, "report5.mom.and").join(groups)


def lab6_contrast(base: Arm, cs: Sequence[Contrast]) -> Contrast | None:
    """Lab 6's momentum (γ = ``configs.LAB6_GAMMA`` away from SGD's step) against plain SGD
    at its step, or None when the study lacks either."""
    return next(
        (
            c
            for c in cs
            if c.factor == "gamma"
            and c.arm.gamma == configs.LAB6_GAMMA
            and not c.arm.same_step(base)
        ),
        None,
    )


def _lab6_case(c: Contrast) -> str:
    """``diverged`` when every run of plain SGD at lab 6's step diverged, else ``c.case``."""
    return "diverged" if c.case == "none" and c.ref.row.all_diverged else c.case


STEP_EFFECTS = ("helps", "hurts", "mixed", "tie", "none")
"""What the larger step does to the speed (``Story.step_effect``)."""
GAMMA_CASES = (*CASES, "diverged")
"""γ's cases at lab 6's step (``_lab6_case``)."""


class Story(NamedTuple):
    """What the study says of lab 6's momentum in one activation.

    Attributes:
      act: the activation.
      base: plain SGD at its own step, the study's baseline.
      total: lab 6's momentum against ``base`` (factor ``"total"``): its whole gain.
      steps: the larger step against SGD's, at γ = 0 and at lab 6's γ (factor ``"step"``).
      gamma: lab 6's γ against plain SGD at lab 6's step (``lab6_contrast``).
      small: lab 6's γ against plain SGD at SGD's own step; None when not studied.
    """

    act: str
    base: Arm
    total: Contrast
    steps: list[Contrast]
    gamma: Contrast
    small: Contrast | None = None

    @property
    def step_effect(self) -> str:
        """``helps`` (every step contrast sooner or only with the larger step), ``hurts``
        (later or never, none sooner), ``mixed``, ``tie`` (ties among them) or ``none``
        (nothing measured)."""
        cases = {c.case for c in self.steps}
        up, down = cases & {"sooner", "only"}, cases & {"later", "never"}
        if up and down:
            return "mixed"
        if up or down:
            return "helps" if up else "hurts"
        return "tie" if "same" in cases else "none"


def story(f: Finished, cs: Sequence[Contrast]) -> Story | None:
    """``Story`` of ``f`` from its contrasts ``cs``; None without SGD or lab 6's momentum
    against SGD at its step."""
    base, _ = arms(f)
    lab6 = lab6_contrast(base, cs) if base else None
    if lab6 is None:
        return None
    total = _contrast(f, "total", lab6.arm, base)
    gammas = (0.0, lab6.arm.gamma)
    steps = [c for c in cs if c.factor == "step" and c.arm.gamma in gammas]
    at_small = (c for c in cs if c.factor == "gamma" and c.arm.gamma == lab6.arm.gamma)
    small = next((c for c in at_small if c.arm.same_step(base)), None)
    return Story(f.act, base, total, steps, lab6, small)


def ratio_words(c: Contrast, lang: str) -> dict[str, str]:
    """A contrast's ratio as ``times`` (a verdict, "2,27 raza") and ``ratio`` (a tie),
    with its interval's decimals (at least two) and its Holm p; {} without a ratio to say
    (``Contrast.case`` not sooner, later or same)."""
    if c.case not in RATIO_CASES:
        return {}
    spec = f".{max(2, pace.shown_decimals(c.ratio))}f"
    point = c.ratio.point
    return {
        "times": text.times(lang, text.num(max(point, 1 / point), spec, lang)),
        "ratio": text.num(point, spec, lang),
        "p": discussion.p_text(c.p, lang),
    }


def _values(s: Story, lang: str) -> dict[str, str]:
    """The numbers every sentence of ``s`` may name."""
    arm = s.total.arm
    return {
        "act": curves.with_act(s.act, lang),
        "gamma": _num(arm.gamma, lang),
        "rate": _num(arm.rate, lang),
        "big": _num(arm.effective, lang),
        "small": _num(s.base.effective, lang),
        "target": text.num(s.base.row.final_train_loss_mean, ".4f", lang),
        "tab": f"@tab:{table_key(s.act)}",
    }


def sentence(s: Story, lang: str) -> str:
    """One activation's synthesis: lab 6's momentum against SGD, then the larger step's
    effect (at γ = 0 and lab 6's γ, ``_cases``) and γ's at that step, the latter said to
    make up for a step that hurts, partly or fully, when it helps; where only γ reaches
    the target at the larger step (the step clause says so already), γ's at SGD's step
    (``_small``)."""
    say, values = functools.partial(text.say, lang), _values(s, lang)
    total = say(f"report5.mom.total.{s.total.case}", **values, **ratio_words(s.total, lang))
    ref = say("momentum_study.ref.step", step=values["small"])
    step = say(f"report5.mom.step.{s.step_effect}", groups=_cases(s.steps, ref, lang), **values)
    case = _lab6_case(s.gamma)
    gamma = say(f"report5.mom.gamma.{case}", **values, **ratio_words(s.gamma, lang))
    if _small(s) and case == "only":
        small = {**values, "big": values["small"], **ratio_words(s.small, lang)}
        gamma = say(f"report5.mom.gamma.{s.small.case}", **small)
    elif s.step_effect == "hurts" and case in ("sooner", "only"):
        made_up = "full" if s.total.case == "sooner" else "part"
        gamma = say(f"report5.mom.made_up.{made_up}", clause=gamma, **values)
    return say("report5.mom.sentence", total=total, by_step=step, by_gamma=gamma, **values)


def _small(s: Story) -> bool:
    """Whether γ's effect at SGD's own step is worth saying: the larger step hurts, and it
    has a ratio (``RATIO_CASES``)."""
    return s.step_effect == "hurts" and s.small is not None and s.small.case in RATIO_CASES


def grad_scale(f: Finished, found: Found) -> float:
    """The root mean square of the first layer's gradient at the study's initial weights
    (``layers.grad_rms`` of lab 7's N(0, 1) record when it is the same draw as the study's
    SGD, ``layers.same_draw``); NaN without one."""
    base, _ = arms(f)
    lab7 = layers.lab7_of(found, f.act)
    normal = lab7.results.get("normal") if lab7 else None
    if base is None or normal is None or not layers.same_draw(normal, f.results[base.name]):
        return math.nan
    return layers.grad_rms(normal)


def asymmetry(stories: Sequence[Story], grads: Mapping[str, float], lang: str) -> str | None:
    """When the larger step helps one activation and hurts another, whether the gradient's
    scale at the initial weights (``grads``: activation → ``grad_scale``) explains it: the
    same α moves the weights further where the gradient is larger; None otherwise."""
    helps = [s.act for s in stories if s.step_effect == "helps"]
    hurts = [s.act for s in stories if s.step_effect == "hurts"]
    if len(helps) != 1 or len(hurts) != 1:
        return None
    g_up, g_down = grads.get(helps[0], math.nan), grads.get(hurts[0], math.nan)
    values = {
        "helps": curves.with_act(helps[0], lang),
        "hurts": curves.with_act(hurts[0], lang),
        "g_helps": text.num(g_up, ".2g", lang),
        "g_hurts": text.num(g_down, ".2g", lang),
    }
    if not (math.isfinite(g_up) and math.isfinite(g_down)):
        return text.say(lang, "report5.mom.asym.unmeasured", **values)
    if g_down <= g_up:
        return text.say(lang, "report5.mom.asym.not", **values)
    times = text.times(lang, text.num(g_down / g_up, ".2g", lang))
    return text.say(lang, "report5.mom.asym.grad", times=times, **values)


def paragraphs(found: Found, lang: str) -> list[str]:
    """The study in one paragraph: a ``sentence`` per activation with a ``story``, then
    their ``asymmetry``; ``[]`` without one."""
    every = contrasts(found)
    studied = [(f, s) for f in found.get(NAME, []) if (s := story(f, every.get(f.act, [])))]
    if not studied:
        return []
    grads = {f.act: grad_scale(f, found) for f, _ in studied}
    stories = [s for _, s in studied]
    why = asymmetry(stories, grads, lang)
    return [" ".join([*(sentence(s, lang) for s in stories), *([why] if why else [])])]


def design(found: Found, lang: str) -> str:
    """The study's design in one sentence, citing its tables: the γ and long-run steps it
    crosses, with α = step · (1 − γ); "" without its records."""
    studied = [(f, *arms(f)) for f in found.get(NAME, [])]
    studied = [(f, base, others) for f, base, others in studied if base is not None]
    if not studied:
        return ""
    _, base, others = studied[0]
    every = [base, *others]
    gammas = sorted({a.gamma for a in every})
    steps = [base.effective]  # SGD's first, then the others in order, each once.
    for a in sorted(every, key=lambda a: a.effective):
        steps += [] if any(same_step(a.effective, s) for s in steps) else [a.effective]
    rates = [_step_rule(s, lang) for s in steps]
    return text.say(
        lang,
        "momentum_study.design",
        tabs=_join([f"@tab:{table_key(f.act)}" for f, _, _ in studied], lang),
        gammas=_set(gammas, lang),
        steps=_set(steps, lang),
        rates=_join(rates, lang),
        base=_base_words(base, lang),
    )


def _set(values: Sequence[float], lang: str) -> str:
    """``0; 0,5; 0,9`` (Polish: semicolons between decimal commas), ``0, 0.5, 0.9``."""
    return text.say(lang, "momentum_study.sep").join(_num(v, lang) for v in values)


def _step_rule(step: float, lang: str) -> str:
    """``α = 0,3(1 − γ)``; ``α = 1 − γ`` for a unit step."""
    if same_step(step, 1.0):
        return "α = 1 − γ"
    return f"α = {_num(step, lang)}(1 − γ)"


def _base_words(base: Arm, lang: str) -> str:
    """The weights in words: exercise 2's N(0, 1) weights, else the initializer's."""
    spec = json.loads(base.row.settings)
    init, scale = spec["init"], spec.get("init_scale", 1.0)
    if (init, scale) == ("normal", 1.0):
        return text.say(lang, "momentum_study.weights.ex2")
    return text.say(lang, "momentum_study.weights.other", init=methods.label(init, lang, scale))


def conclusion(found: Found, lang: str) -> str | None:
    """The study's answer for the conclusions in one sentence: per activation, lab 6's
    momentum against SGD and the larger step's effect (``Story``), with γ's at SGD's step
    where the larger step hurts (``_small``); None without one."""
    every = contrasts(found)
    clauses = []
    for f in found.get(NAME, []):
        s = story(f, every.get(f.act, []))
        if s is not None:
            values = _values(s, lang)
            total = text.say(
                lang, f"report5.mom.concl.total.{s.total.case}", **ratio_words(s.total, lang)
            )
            step = text.say(lang, f"report5.mom.concl.step.{s.step_effect}", **values)
            details = [values["tab"]]
            if _small(s):
                key = f"report5.mom.concl.small.{s.small.case}"
                details.insert(0, text.say(lang, key, **values, **ratio_words(s.small, lang)))
            said = {"total": total, "step": step, "details": "; ".join(details)}
            clauses.append(text.say(lang, "report5.mom.concl", **said, **values))
    if not clauses:
        return None
    return text.say(lang, "momentum_study.concl", clauses="; ".join(clauses))


def from_folder(root: str | Path, lang: str) -> list[str]:
    """``paragraphs`` of the study's records under a dataset's folder ``root``
    (``<out_dir>/<dataset>``), read from disk now."""
    loaded = (finished.load(root, NAME, act, log=lambda _: None) for act in activations.ACTIVATIONS)
    return paragraphs({NAME: [f for f in loaded if f]}, lang)


# --------------------------------------------------------------------------
# The table.
# --------------------------------------------------------------------------


def _epochs(row: SummaryRow, lang: str) -> str:
    if math.isfinite(row.epochs_to_target):
        return text.num(row.epochs_to_target, ".2f", lang)
    return "—" if row.all_diverged or row.speedup_note else text.say(lang, "stat.not_reached")


def _loss(row: SummaryRow, lang: str) -> str:
    mean, sd = (
        text.num(v, ".4f", lang) for v in (row.final_train_loss_mean, row.final_train_loss_std)
    )
    return results.unbroken(f"{mean} ± {sd}") if math.isfinite(row.final_train_loss_std) else mean


def contrast_cell(c: Contrast | None, row: SummaryRow, lang: str, places: int = 2) -> str:
    """``2,31× (2,10–2,55); 0,0039``: the speed-up and its interval as the lab tables show
    them (``lab_report.speedup_cell`` with ``places`` decimals; ``row``: the
    configuration's), then its Holm p; the case in words when there is no ratio to show;
    "—" without a contrast."""
    if c is None:
        return "—"
    if c.case in ("only", "never", "none"):
        return text.say(lang, f"momentum_study.cell.{c.case}")
    r = c.ratio
    shown = dataclasses.replace(
        row,
        speedup_vs_baseline=r.point,
        speedup_ci_lo=r.lo,
        speedup_ci_hi=r.hi,
        speedup_is_bound=r.is_bound,
    )
    cell = lab_report.speedup_cell(shown, lang, places)
    return f"{cell}; {results.p_cell(c.p, lang)}"


def column_places(cs: Sequence[Contrast]) -> int:
    """The decimals of one column of speed-ups: the most any of its shown ratios needs to
    show its interval apart from 1 (``pace.shown_decimals``), at least two; a cell in words
    (``contrast_cell``) needs none."""
    shown = [c.ratio for c in cs if c.case in RATIO_CASES]
    return max([2, *(pace.shown_decimals(r) for r in shown)])


def table(f: Finished, cs: Sequence[Contrast], lang: str) -> document.Table | None:
    """``f``'s configurations (the baseline first), each with α/(1 − γ), its rate of
    diverged seeds, epochs to SGD's final loss, its speed-up over plain SGD at its step
    and over its γ at SGD's step (``contrast_cell``), and its final training loss (key
    ``momentum.{act}``); None without SGD or other configurations."""
    base, others = arms(f)
    if base is None or not others:
        return None
    say = functools.partial(text.say, lang)
    of = {(c.factor, c.arm.name): c for c in cs}
    places = {x: column_places([c for c in cs if c.factor == x]) for x in FACTORS}

    def cells(arm: Arm) -> list[str]:
        row = arm.row
        return [
            results.unbroken(label(arm, lang)),
            _num(arm.effective, lang),
            f"{row.diverged}/{row.seeds}",
            _epochs(row, lang),
            contrast_cell(of.get(("gamma", arm.name)), row, lang, places["gamma"]),
            contrast_cell(of.get(("step", arm.name)), row, lang, places["step"]),
            _loss(row, lang),
        ]

    header = [say(f"momentum_study.col.{c}") for c in COLUMNS]
    header[COLUMNS.index("effective")] = results.unbroken(header[COLUMNS.index("effective")])
    caption = say(
        "momentum_study.caption",
        act=curves.with_act(f.act, lang),
        target=text.num(base.row.final_train_loss_mean, ".4f", lang),
        step=_num(base.effective, lang),
        seeds=text.integer(f.provenance.shared.seeds, lang),
    )
    return document.Table(header, [cells(a) for a in (base, *others)], caption, table_key(f.act))


COLUMNS = ("config", "effective", "diverged", "epochs", "gamma", "step", "loss")
"""The table's columns (``momentum_study.col.<name>`` phrases)."""


def tables(found: Found, lang: str) -> list[document.Table]:
    """``table`` of each activation of the study."""
    every = contrasts(found)
    return [t for f in found.get(NAME, []) if (t := table(f, every.get(f.act, []), lang))]
