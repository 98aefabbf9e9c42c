"""How each learning rate α of the hand-in was chosen (its appendix): lab 6's rates with
the learning-rate sweep's grid and final training losses (table ``lr_sweep``, which the
text cites), lab 7's grid with its validation losses (``lr_sweep.lab7``), and one
paragraph: the rule lab 6's rates come from and where it, applied to this data's sweep
alone, chooses another rate (``untuned``; the discussion's sentence on Adadelta,
``adadelta_rate``, says the same from the same numbers), the momentum study's rates by
its design (``momentum_study``: α/(1 − γ) against SGD's α), exercise 2's one rate.

The sweep's records are ``mlp_jax.labs.lr_sweep``'s (``read``); without them the first
table shows lab 6's rates alone and says how to run the sweep.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

import numpy as np

from mlp_jax.labs import configs, lr_sweep, specs, summary
from mlp_jax.labs.lr_sweep import Point, Sweep
from mlp_jax.report import document, lab_report, methods, momentum_study, results, text
from mlp_jax.report.finished import Finished, Found

KEY = "lr_sweep"
"""The first table's key (``@tab:lr_sweep``)."""

LAB7_KEY = "lr_sweep.lab7"
"""Lab 7's grid table's key."""

SAME = 1e-6
"""Relative difference below which two rates are the same (records keep float32 rates)."""


def read(found: Found, out_dir: str | Path) -> Sweep | None:
    """The sweep under the report's ``out_dir`` on the labs' data (``lr_sweep.load``)."""
    labs = [f for name in ("lab6", "lab7") for f in found.get(name, [])]
    data = labs[0].provenance.data_digest if labs else None
    return lr_sweep.load(out_dir, data)


def blocks(found: Found, sweep: Sweep | None, lang: str) -> list[document.Block]:
    """The appendix's tables and paragraph (``[]`` without lab 6 or lab 7 records)."""
    lab6, lab7 = found.get("lab6", []), found.get("lab7", [])
    if not (lab6 or lab7):
        return []
    shown: list[document.Block] = []
    if lab6:
        shown.append(sweep_table(lab6, sweep, lang))
    grid = lab7_table(lab7, lang, LAB7_KEY if shown else KEY)
    shown += [grid] if grid else []
    words = [
        rule_sentence(lab6, sweep, lang),
        text.say(lang, "lrtable.lab7", tab=f"@tab:{grid.key}") if grid else "",
        _momentum_sentence(found, lang),
        _exercise2_sentence(found, lang),
    ]
    return [*shown, document.Paragraph(" ".join(w for w in words if w))]


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=SAME)


def _rate(value: float, lang: str) -> str:
    return text.num(value, ".3g", lang)


def _used(lab6: Sequence[Finished]) -> dict[tuple[str, str], float]:
    """(optimizer, act) → the rate lab 6 reports it at, in the records' order."""
    used = {}
    for f in lab6:
        for r in f.results.values():
            p = summary.selected(r).provenance
            used[p.config["optimizer"], f.act] = p.learning_rate
    return used


def _loss_cell(point: Point | None, used: bool, lang: str) -> str:
    """A sweep cell: the final loss (``—`` not swept, the diverged mark), bold where lab 6
    uses the rate."""
    if point is None:
        cell = "—"
    elif point.diverged:
        cell = text.say(lang, "lrtable.diverged")
    else:
        cell = text.num(point.final_train_loss_mean, ".3f", lang)
    return f"**{cell}**" if used else cell


def sweep_table(lab6: Sequence[Finished], sweep: Sweep | None, lang: str) -> document.Table:
    """Lab 6's optimizers (rows, one per activation) over the sweep's grid (columns): the
    final training loss, lab 6's rate in bold (key ``lr_sweep``). Without the sweep, lab
    6's rates alone."""
    say = functools.partial(text.say, lang)
    used = _used(lab6)
    names = list(dict.fromkeys(name for name, _ in used))
    acts = list(dict.fromkeys(act for _, act in used))
    if sweep is None:
        header = [say("lrtable.col.optimizer"), say("lrtable.col.act"), say("results.col.lr")]
        rows = [
            [_name(name, i, lang), methods.label(act, lang), _rate(used[name, act], lang)]
            for name in names
            for i, act in enumerate(a for a in acts if (name, a) in used)
        ]
        return document.Table(header, rows, say("lrtable.cap.none"), KEY)
    grid = sorted({p.learning_rate / lr_sweep.SCALE.get(p.optimizer, 1.0) for p in sweep.points})
    header = [say("lrtable.col.optimizer"), say("lrtable.col.act"), *(_rate(g, lang) for g in grid)]
    rows = []
    for name in names:
        scale = lr_sweep.SCALE.get(name, 1.0)
        for i, act in enumerate(a for a in acts if (name, a) in used):
            mine = {p.learning_rate: p for p in sweep.points if (p.optimizer, p.act) == (name, act)}
            cells = [
                _loss_cell(_at(mine, g * scale), _same(g * scale, used[name, act]), lang)
                for g in grid
            ]
            rows.append([_name(name, i, lang, scale), methods.label(act, lang), *cells])
    return document.Table(header, rows, _sweep_caption(sweep, lang), KEY)


def _at(points: dict[float, Point], rate: float) -> Point | None:
    return next((p for r, p in points.items() if _same(r, rate)), None)


def _name(name: str, row: int, lang: str, scale: float = 1.0) -> str:
    """The optimizer's cell: its name on its first row only, with its grid's factor."""
    if row:
        return ""
    shown = methods.label(name, lang)
    if scale != 1.0:
        shown = text.say(lang, "lrtable.scaled", name=shown, factor=text.num(scale, "g", lang))
    return results.unbroken(shown)


def _sweep_caption(sweep: Sweep, lang: str) -> str:
    s, c = sweep.settings, sweep.config
    return text.say(
        lang,
        "lrtable.cap.sweep",
        seeds=text.count(lang, s.seeds, "lrtable.count.seeds_gen"),
        epochs=text.count(lang, s.epochs, "lrtable.count.epochs_loc"),
        init=methods.label(c["init"], lang, c.get("init_scale", 1.0)),
        diverged=text.say(lang, "lrtable.diverged"),
    )


def lab7_table(lab7: Sequence[Finished], lang: str, key: str) -> document.Table | None:
    """Lab 7's initializers (rows, one per activation) over its grid (columns): the final
    mean validation loss, the rate chosen in bold (``key``); exercise 2's configuration,
    reported at its own rate, is left out. None without a grid."""
    say = functools.partial(text.say, lang)
    gridded = [(f, n, r) for f in lab7 for n, r in f.results.items() if _tuned(n, r)]
    if not gridded:
        return None
    grid = sorted({float(x) for _, _, r in gridded for x in summary.rates(r)})
    header = [say("results.col.config"), say("lrtable.col.act"), *(_rate(g, lang) for g in grid)]
    rows = []
    for name in dict.fromkeys(n for _, n, _ in gridded):
        mine = [(f, r) for f, n, r in gridded if n == name]
        for i, (f, r) in enumerate(mine):
            shown = results.unbroken(results.label(f, name, lang)) if not i else ""
            rows.append([shown, methods.label(f.act, lang), *_validation_cells(r, grid, lang)])
    return document.Table(header, rows, _lab7_caption(lab7, lang), key)


def _tuned(name: str, record) -> bool:
    """Whether a lab 7 record was chosen from its grid (exercise 2's is not)."""
    return bool(summary.rates(record)) and name != configs.EXERCISE2


def _validation_cells(record, grid: Sequence[float], lang: str) -> list[str]:
    """The record's final mean validation loss at each rate of ``grid`` (``—`` off its
    grid, the diverged mark where a seed diverged), bold at the rate chosen."""
    own = [float(x) for x in summary.rates(record)]
    chosen = summary.chosen(record)
    cells = []
    for g in grid:
        i = next((i for i, x in enumerate(own) if _same(x, g)), None)
        if i is None:
            cells.append("—")
            continue
        finite = record.finite[i]
        if not summary.trained(record, i):
            cell = text.say(lang, "halving.cell", epoch=int(record.grid_epochs[i]))
        elif finite.all():
            cell = text.num(float(np.mean(record.val_loss[i][finite, -1])), ".3f", lang)
        else:
            cell = text.say(lang, "lrtable.diverged")
        cells.append(f"**{cell}**" if i == chosen else cell)
    return cells


def _lab7_caption(lab7: Sequence[Finished], lang: str) -> str:
    """What lab 7's table shows: the validation split, the seeds, where the grid's centre
    (lab 7's optimizer and rate) comes from."""
    say = functools.partial(text.say, lang)
    s = lab7[0].provenance.shared
    whence = []
    for f in lab7:
        choice = f.provenance.choice
        if choice is not None:
            name = lab_report.config_label(choice.config or choice.optimizer, lang)
            whence.append(say(f"results.how.choice.{choice.why}", name=name))
    caption = say(
        "lrtable.cap.lab7",
        n=text.integer(s.validation, lang),
        seeds=text.count(lang, s.seeds, "lrtable.count.seeds_gen"),
        whence=lab_report.join(list(dict.fromkeys(whence)), lang),
        diverged=say("lrtable.diverged"),
    )
    if not s.lr_halving:
        return caption
    return f"{caption} {say('halving.caption', k=s.lr_halving, cell=say('halving.cell', epoch=s.lr_halving))}"


class Untuned(NamedTuple):
    """An optimizer whose rate in lab 6 is not the one the selection rule (``tied``) takes
    from the sweep alone.

    Attributes:
      name: the optimizer.
      rule: the rule's rate.
      used: lab 6's rates that are not ``rule``, in the activations' order.
      pairs: per activation at such a rate whose sweep holds both rates, its point at
        ``rule`` and at lab 6's rate.
    """

    name: str
    rule: float
    used: tuple[float, ...]
    pairs: tuple[tuple[Point, Point], ...]


def untuned(lab6: Sequence[Finished], sweep: Sweep) -> list[Untuned]:
    """``Untuned`` of each of lab 6's optimizers in ``sweep`` whose rate somewhere is not
    the rule's; one whose every rate diverged with some activation has no rule's rate and
    is left out."""
    used = _used(lab6)
    found = []
    for name in dict.fromkeys(n for n, _ in used):
        points = [p for p in sweep.points if p.optimizer == name]
        rule = next(iter(tied(points)), None)
        if rule is None:
            continue
        off = {act: r for (n, act), r in used.items() if n == name and not _same(r, rule)}
        if not off:
            continue
        pairs = []
        for act, rate in off.items():
            at = {p.learning_rate: p for p in points if p.act == act}
            if (b := _at(at, rule)) is not None and (u := _at(at, rate)) is not None:
                pairs.append((b, u))
        used_rates = tuple(dict.fromkeys(off.values()))
        found.append(Untuned(name, rule, used_rates, tuple(pairs)))
    return found


def _used_rates(found: Untuned, lang: str) -> str:
    """Lab 6's rates that are not the rule's: ``1`` (``1 and 0.3`` where the activations'
    differ)."""
    return lab_report.join([_rate(r, lang) for r in found.used], lang)


def _epochs(sweep: Sweep, lang: str) -> str:
    """The sweep's epochs in words, after "after" ("po"): ``three epochs``."""
    n = sweep.settings.epochs
    return f"{text.number(lang, n, 'loc')} {text.plural(lang, n, 'lrtable.count.epochs_loc')}"


def _pairs(found: Untuned, lang: str) -> str:
    """Each activation's final loss at the rule's rate against lab 6's, or that a seed
    diverged at lab 6's rate (the rule's never has one)."""
    parts = []
    for b, u in found.pairs:
        key = "lrtable.untuned.part.diverged" if u.diverged else "lrtable.untuned.part"
        parts.append(
            text.say(
                lang,
                key,
                act=methods.label(b.act, lang),
                best=text.num(b.final_train_loss_mean, ".3f", lang),
                used=text.num(u.final_train_loss_mean, ".3f", lang),
                rate=_rate(u.learning_rate, lang),
            )
        )
    return "; ".join(parts)


def rule_sentence(lab6: Sequence[Finished], sweep: Sweep | None, lang: str) -> str:
    """Where lab 6's rates come from (the rule of ``configs.DEFAULT_LR``, a grid of lab
    6's own, the command) and, with the sweep, where the rule applied to it alone
    (``tied``, the activations as columns) chooses another rate (``untuned``, with the
    losses), the rates it ties and the optimizers it has no rate for."""
    say = functools.partial(text.say, lang)
    used = _used(lab6)
    names = list(dict.fromkeys(name for name, _ in used))
    ruled = [
        n
        for n in names
        if all(
            _same(r, configs.DEFAULT_LR.get(n, math.nan)) for (m, _), r in used.items() if m == n
        )
    ]
    given = [methods.label(n, lang) for n in names if n not in ruled]
    words = [say("lrtable.rule")] if ruled else []
    if given:
        words.append(say("lrtable.given", names=lab_report.join(given, lang)))
    if sweep is None:
        return " ".join(words + [say("lrtable.no_sweep")])
    swept = {n: [p for p in sweep.points if p.optimizer == n] for n in names}
    ranked = {n: tied(points) for n, points in swept.items() if points}
    off = untuned(lab6, sweep)
    none = [methods.label(n, lang) for n, t in ranked.items() if not t]
    if off:
        differ = [
            say(
                "lrtable.other",
                name=methods.label(u.name, lang),
                best=_rate(u.rule, lang),
                used=_used_rates(u, lang),
            )
            for u in off
        ]
        words.append(say("lrtable.differs", which=lab_report.join(differ, lang)))
        words += [_untuned_sentence(u, sweep, lang) for u in off if u.pairs]
    elif ranked and not none:
        words.append(say("lrtable.agrees"))
    ties = [
        say(
            "lrtable.tie",
            name=methods.label(n, lang),
            rates=lab_report.join([_rate(r, lang) for r in t], lang),
        )
        for n, t in ranked.items()
        if len(t) > 1
    ]
    if ties:
        words.append(say("lrtable.ties", which="; ".join(ties)))
    if none:
        words.append(say("lrtable.all_diverged", names=lab_report.join(none, lang)))
    return " ".join(words)


def _untuned_sentence(found: Untuned, sweep: Sweep, lang: str) -> str:
    """Lab 6's results about ``found`` hold at its rate only, with the losses at the rule's
    rate against it."""
    return text.say(
        lang,
        "lrtable.untuned",
        name=methods.label(found.name, lang),
        used=_used_rates(found, lang),
        best=_rate(found.rule, lang),
        epochs=_epochs(sweep, lang),
        parts=_pairs(found, lang),
    )


def adadelta_rate(found: Found, sweep: Sweep | None, lang: str) -> str:
    """Where the conclusions on Adadelta hold: at lab 6's rate, when the selection rule
    applied to the sweep alone chooses another (``untuned``: the appendix's rates and
    losses); "" when it chooses lab 6's, when it has no rate, without the sweep or its
    points at both rates."""
    off = untuned(found.get("lab6", []), sweep) if sweep is not None else []
    adadelta = next((u for u in off if u.name == "adadelta" and u.pairs), None)
    if adadelta is None:
        return ""
    return text.say(
        lang,
        "findings.adadelta.rule",
        used=_used_rates(adadelta, lang),
        best=_rate(adadelta.rule, lang),
        epochs=_epochs(sweep, lang),
        parts=_pairs(adadelta, lang),
        tab=f"@tab:{KEY}",
    )


def tied(points: Sequence[Point]) -> list[float]:
    """The rates that share the lowest summed rank of final training loss of one
    optimizer's ``points`` (``configs.best_rate``'s rule: each activation a column, a rate
    that diverged in any column out), in increasing order; [] when every rate diverged."""
    rates = sorted({p.learning_rate for p in points})
    score = dict.fromkeys(rates, 0.0)
    for act in {p.act for p in points}:
        column = sorted((p for p in points if p.act == act), key=lambda p: p.final_train_loss_mean)
        for rank, p in enumerate(column):
            score[p.learning_rate] += math.inf if p.diverged else rank
    low = min(score.values(), default=math.inf)
    return [r for r in rates if math.isfinite(low) and score[r] == low]


def _momentum_sentence(found: Found, lang: str) -> str:
    """The momentum study's rates by its design (``momentum_study.arms``): SGD's α; the
    other configurations at SGD's long-run step (α/(1 − γ) = SGD's α: α = SGD's α ·
    (1 − γ)), at lab 6 momentum's (α = its α/(1 − γ) · (1 − γ)), or at another α (the
    command's); "" without its records."""
    say = functools.partial(text.say, lang)
    studied = [(f, *momentum_study.arms(f)) for f in found.get(momentum_study.NAME, [])]
    studied = [(f, base, arms) for f, base, arms in studied if base is not None and arms]
    if not studied:
        return ""
    base = studied[0][1]
    lab6 = [r for (name, _), r in _used(found.get("lab6", [])).items() if name == "momentum"]
    unique = list({(a.rate, a.gamma): a for _, _, arms in studied for a in arms}.values())
    equal = [a for a in unique if a.same_step(base)]
    steps = [momentum_study.long_run_step(r, momentum_study.DEFAULT_GAMMA) for r in lab6]
    at_lab6 = [
        a
        for a in unique
        if a not in equal and any(momentum_study.same_step(a.effective, s) for s in steps)
    ]
    other = [a for a in unique if a not in equal and a not in at_lab6]
    parts = []
    for key, arms in (
        ("lrtable.momentum.lab6", at_lab6),
        ("lrtable.momentum.equal", equal),
        ("lrtable.momentum.other", other),
    ):
        if arms:
            shown = lab_report.join([momentum_study.label(a, lang) for a in arms], lang)
            step = _rate(steps[0], lang) if steps else ""
            parts.append(say(key, arms=shown, sgd=_rate(base.rate, lang), step=step))
    tabs = lab_report.join([f"@tab:{momentum_study.table_key(f.act)}" for f, _, _ in studied], lang)
    return say("lrtable.momentum", tabs=tabs, sgd=_rate(base.rate, lang), parts="; ".join(parts))


def _exercise2_sentence(found: Found, lang: str) -> str:
    """Exercise 2's plain SGD: its one rate in every experiment (or each one's)."""
    rates = _exercise2_rates(found)
    if not rates:
        return ""
    values = list(dict.fromkeys(_rate(r, lang) for _, r in rates))
    if len(values) == 1:
        return text.say(lang, "lrtable.ex2.one", rate=values[0])
    each = [f"{text.say(lang, specs.get(exp).short_key)}: {_rate(r, lang)}" for exp, r in rates]
    return text.say(lang, "lrtable.ex2.each", rates="; ".join(each))


def _exercise2_rates(found: Found) -> list[tuple[str, float]]:
    """(experiment, rate) of exercise 2's configuration in each experiment that has it."""
    found_rates = []
    for exp in ("lab6", "lab7", momentum_study.NAME):
        for f in found.get(exp, []):
            name = configs.EXERCISE2 if exp == "lab7" else f.provenance.baseline
            if name in f.results:
                found_rates.append(
                    (exp, summary.selected(f.results[name]).provenance.learning_rate)
                )
    return list(dict.fromkeys(found_rates))
