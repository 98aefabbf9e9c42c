"""Where the experiments' conditions differ, from their records: the training patterns of
each (lab 7 holds some out for validation), lab 7's rate per configuration, what that does
to the losses of the configurations lab 7 shares with lab 6, and the curves' spacing in
epochs (the same number of steps is a larger share of a shorter epoch)."""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from typing import NamedTuple

import numpy as np

from mlp_jax import data
from mlp_jax.labs import configs, summary
from mlp_jax.records import History
from mlp_jax.report import lab_report, layers, methods, rates, results, text
from mlp_jax.report.finished import Finished, Found


def train_cell(f: Finished, lang: str) -> str:
    """The training patterns of ``f``'s records (``60 000``), with those held out for
    validation (``50 000 (10 000 odłożonych do walidacji)``); ``—`` when the data line
    does not tell."""
    source = data.parse_source(f.provenance.data_source)
    if source is None:
        return "—"
    train = text.integer(source.train, lang)
    if not source.validation:
        return train
    held = text.integer(source.validation, lang)
    return text.say(lang, "conditions.held_out", train=train, validation=held)


def rate_of(f: Finished, config: str) -> float:
    """The rate ``config``'s record of ``f`` is shown at (``summary.selected``)."""
    return float(summary.selected(f.results[config]).provenance.learning_rate)


def rated_names(f: Finished, names: Sequence[str], lang: str) -> str:
    """``names`` (one per configuration of ``f``, in its order) grouped by the rate each is
    shown at: ``N(0, 1), He: α = 0,01; ćwiczenie 2: α = 0,3``."""
    groups: dict[float, list[str]] = {}
    for config, name in zip(f.results, names, strict=True):
        groups.setdefault(rate_of(f, config), []).append(name)
    return "; ".join(
        text.say(lang, "conditions.rated", names=", ".join(g), rate=text.num(r, ".3g", lang))
        for r, g in groups.items()
    )


class Spacing(NamedTuple):
    """The points of an experiment's step curves (``summary.step_curves``).

    Attributes:
      steps: minibatch steps between two points.
      epochs: the same in epochs.
    """

    steps: int
    epochs: float


def spacing(f: Finished) -> Spacing:
    """``Spacing`` of ``f``'s first configuration's step curve."""
    r = next(iter(f.results.values()))
    blocks = summary.step_curves(summary.selected(r))[1].final
    return Spacing(r.steps_per_epoch // blocks, 1 / blocks)


def spacings(finished: Sequence[Finished]) -> dict[Spacing, list[str]]:
    """Each distinct ``Spacing`` → the short names' keys of the experiments that have it
    (``specs.Lab.short_key``), in order of first appearance."""
    out: dict[Spacing, list[str]] = {}
    for f in finished:
        keys = out.setdefault(spacing(f), [])
        if f.lab.short_key not in keys:
            keys.append(f.lab.short_key)
    return out


def spacing_words(finished: Sequence[Finished], lang: str) -> str:
    """The curves' spacing in words: ``39 kroków (0,083 epoki)``; per group of experiments
    when the epochs differ (``39 kroków – 0,083 epoki (laboratorium 6) i 0,1 epoki
    (laboratorium 7)``), each with its steps when those differ too."""
    say = functools.partial(text.say, lang)
    found = spacings(finished)

    def steps(s: Spacing) -> str:
        return text.count(lang, s.steps, "conditions.count.steps")

    def epochs(s: Spacing) -> str:
        return text.num(s.epochs, ".2g", lang)

    if len(found) == 1:
        (s,) = found
        return say("conditions.spacing.one", steps=steps(s), epochs=epochs(s))
    same = len({s.steps for s in found}) == 1
    parts = [
        say(
            "conditions.spacing.part" if same else "conditions.spacing.part_steps",
            steps=steps(s),
            epochs=epochs(s),
            labs=lab_report.join([say(key) for key in keys], lang),
        )
        for s, keys in found.items()
    ]
    if not same:
        return lab_report.join(parts, lang)
    shared = steps(next(iter(found)))
    return say("conditions.spacing.same_steps", steps=shared, parts=lab_report.join(parts, lang))


RATE_TOLERANCE = 1e-6
"""Rates this close are one rate (a record keeps its rate in single precision)."""


def _epoch_steps(f: Finished, lang: str) -> str:
    """``390 kroków``: the minibatch steps of an epoch of ``f``'s records."""
    steps = next(iter(f.results.values())).steps_per_epoch
    return text.count(lang, steps, "conditions.count.steps")


def _shared_losses(f7: Finished, f6: Finished, lang: str) -> str | None:
    """Exercise 2's and lab 7's baseline's final training loss in lab 7 against the same
    configurations in lab 6 (its baseline and the configuration lab 7's optimizer came
    from), the rates when they differ; None when lab 6 has neither."""
    say = functools.partial(text.say, lang)
    rows6 = {r.config: r for r in f6.rows}
    rows7 = {r.config: r for r in f7.rows}
    base7 = summary.selected(f7.results[f7.provenance.baseline]).provenance
    pairs = [(configs.EXERCISE2, f6.provenance.baseline)]
    if base7.choice is not None and base7.choice.config:
        pairs.append((f7.provenance.baseline, base7.choice.config))
    parts = []
    for c7, c6 in pairs:
        if c7 not in rows7 or c6 not in rows6:
            continue
        r7, r6 = rate_of(f7, c7), rate_of(f6, c6)
        rates = (
            ""
            if math.isclose(r7, r6, rel_tol=RATE_TOLERANCE)
            else say(
                "conditions.rates", lab7=text.num(r7, ".3g", lang), lab6=text.num(r6, ".3g", lang)
            )
        )
        parts.append(
            say(
                "conditions.loss",
                name=results.label(f7, c7, lang),
                lab7=text.num(rows7[c7].final_train_loss_mean, ".4f", lang),
                lab6=text.num(rows6[c6].final_train_loss_mean, ".4f", lang),
                rates=rates,
            )
        )
    if not parts:
        return None
    act = lab_report.config_label(f7.act, lang)
    return say("conditions.loss.act", act=act, parts=lab_report.join(parts, lang))


def lab7_note(found: Found, lang: str) -> str:
    """What lab 7 trains on and how its rates were chosen (with a validation split and a
    grid), how its shared configurations' final losses differ from lab 6's, and the
    curves' spacing when it differs from lab 6's; "" when there is nothing to say."""
    say = functools.partial(text.say, lang)
    labs7 = found.get("lab7", [])
    if not labs7:
        return ""
    f7 = labs7[0]
    source = data.parse_source(f7.provenance.data_source)
    sentences = []
    if source is not None and source.validation and f7.provenance.shared.lr_grid > 1:
        sentences.append(
            say(
                "conditions.lab7",
                train=text.integer(source.train, lang),
                validation=text.integer(source.validation, lang),
                tab=f"@tab:{rates.LAB7_KEY}",
            )
        )
    lab6 = {f.act: f for f in found.get("lab6", [])}
    losses = [_shared_losses(f, lab6[f.act], lang) for f in labs7 if f.act in lab6]
    if any(losses):
        sentences.append(say("conditions.differ", parts="; ".join(filter(None, losses))))
    if lab6 and spacing(f7) != spacing(next(iter(lab6.values()))):
        f6 = next(iter(lab6.values()))
        sentences.append(
            say(
                "conditions.epoch",
                lab7=_epoch_steps(f7, lang),
                lab6=_epoch_steps(f6, lang),
                spacing=spacing_words([f6, f7], lang),
            )
        )
    return " ".join(sentences)


def validation_excess(record: History, rate: float) -> float | None:
    """How much higher ``record``'s final validation loss (mean over the seeds that never
    diverged) is at ``rate`` than at the best rate of its grid that was trained to the end
    (a rate the halved grid dropped has no final loss); None without a grid, a validation
    loss, or ``rate`` on the grid and trained to the end."""
    grid = summary.rates(record)
    at = [i for i, r in enumerate(grid) if math.isclose(r, rate, rel_tol=RATE_TOLERANCE)]
    if not at or record.val_loss is None:
        return None
    finite, final = record.finite, record.val_loss[..., -1]
    means = [
        float(np.mean(final[i][finite[i]])) if finite[i].any() else math.inf
        for i in range(len(grid))
    ]
    kept = [m for m in means if not math.isnan(m)]
    return None if math.isnan(means[at[0]]) else means[at[0]] - min(kept)


def _groups(rates: Mapping[str, float], lang: str) -> str:
    """``0,01 (N(0, 1)) i 0,001 (Xavier, He)``: the rates and the initializers at each."""
    groups: dict[float, list[str]] = {}
    for init, rate in rates.items():
        same = next((r for r in groups if math.isclose(r, rate, rel_tol=RATE_TOLERANCE)), rate)
        groups.setdefault(same, []).append(layers.short_label(init, lang))
    parts = [
        text.say(lang, "conditions.group", rate=text.num(r, ".3g", lang), names=", ".join(ns))
        for r, ns in groups.items()
    ]
    return lab_report.join(parts, lang)


def _inits(f: Finished) -> dict[str, float]:
    """Lab 7's initializers of ``f`` → the rate each is shown at."""
    return {n: rate_of(f, n) for n in configs.LAB7_INITS if n in f.results}


def deep_note(deep: Sequence[Finished], lab7: Sequence[Finished], lang: str) -> str:
    """How the deep network's lab 7 (``deep``) is trained unlike lab 7 (``lab7``): on other
    training patterns, and at one rate where lab 7 chose one per initializer that differs
    from it; "" when neither holds."""
    say = functools.partial(text.say, lang)
    main = {f.act: f for f in lab7}
    pairs = [(d, main[d.act]) for d in deep if d.act in main]
    if not pairs:
        return ""
    sentences = []
    d_source, m_source = (data.parse_source(f.provenance.data_source) for f in pairs[0])
    if d_source is not None and m_source is not None and d_source.train != m_source.train:
        sentences.append(
            say(
                "conditions.deep.train",
                deep=text.integer(d_source.train, lang),
                main=text.integer(m_source.train, lang),
            )
        )
    differ = [
        (d, m)
        for d, m in pairs
        if d.provenance.shared.lr_grid == 1
        and any(
            not math.isclose(r, _inits(m).get(n, r), rel_tol=RATE_TOLERANCE)
            for n, r in _inits(d).items()
        )
    ]
    if differ:
        parts = [
            say(
                "conditions.deep.part",
                act=lab_report.config_label(m.act, lang),
                rates=_groups(_inits(m), lang),
            )
            for _, m in differ
        ]
        sentences.append(
            say(
                "conditions.deep.rates",
                deep=_groups(_inits(differ[0][0]), lang),
                main="; ".join(parts),
                tab=f"@tab:{rates.LAB7_KEY}",
            )
        )
    return " ".join(sentences)


class Handicap(NamedTuple):
    """What the deep network's one rate says about an early lead.

    Attributes:
      case: ``candidate`` (the rate costs the leader least on lab 7's grid), ``not``
        (it does not), "" (not measured).
      sentence: it in words ("" when not measured).
    """

    case: str
    sentence: str


def rate_handicap(deep: Finished, main: Finished | None, leader: str, lang: str) -> Handicap:
    """Whether the deep network's one rate could explain ``leader``'s early lead: on lab 7's
    validation grid (``main``, the same activation), the loss that rate costs ``leader``
    over its best rate against what it costs the other initializers; a candidate cause
    when it costs ``leader`` less than each other, else not."""
    none, used = Handicap("", ""), _inits(deep)
    one = len({text.num(r, ".3g", "en") for r in used.values()}) == 1
    if main is None or deep.provenance.shared.lr_grid != 1 or not one:
        return none
    cost = {}
    for n, r in used.items():
        excess = validation_excess(main.results[n], r) if n in main.results else None
        if excess is None:
            return none
        cost[n] = excess
    others = [n for n in cost if n != leader]
    if leader not in cost or not others:
        return none
    case = "candidate" if cost[leader] < min(cost[n] for n in others) else "not"
    rate = next(iter(used.values()))
    sentence = text.say(
        lang,
        f"conditions.handicap.{case}",
        rate=text.num(rate, ".3g", lang),
        network=results.network(main.provenance.shared.layer_sizes),
        name=methods.initialized_by(leader, lang),
        lead=text.num(cost[leader], ".2g", lang),
        others=lab_report.join([text.num(cost[n], ".2g", lang) for n in others], lang),
        rest=lab_report.join([methods.initialized_by(n, lang) for n in others], lang),
        tab=f"@tab:{rates.LAB7_KEY}",
    )
    return Handicap(case, sentence)
