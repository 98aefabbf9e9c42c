"""The momentum study in the hand-in's words (``momentum_study``): the one-factor
contrasts, every case of a contrast (sooner, later, tie, only, never, none), of the lead
(step, γ, both, neither), of lab 6's verdict and of the conclusion, in both languages, on
records made by hand whose true answer is known: a seed's loss 2·exp(−speed·e), so the
time to a level goes as 1/speed."""

import dataclasses
import math
import re

import numpy as np
import pytest

from mlp_jax.labs import configs, pace, summary
from mlp_jax.report import discussion, findings, momentum_study, text
from tests.report import test_findings as tf

SGD = configs.DEFAULT_LR["sgd"]
BIG = configs.DEFAULT_LR["momentum"] / (1 - configs.LAB6_GAMMA)
"""Lab 6 momentum's long-run step, computed here: 0.1 / (1 − 0.9) = 1."""

PLAN = {  # name → (γ, α), from the design's rule α = step · (1 − γ), written out.
    "sgd": (0.0, SGD),
    "momentum_g0.5_sgd_step": (0.5, SGD * 0.5),
    "momentum_g0.9_sgd_step": (0.9, SGD * 0.1),
    "sgd_lab6_step": (0.0, BIG),
    "momentum_g0.5_lab6_step": (0.5, BIG * 0.5),
    "momentum_g0.9_lab6_step": (0.9, BIG * 0.1),
}


def mixed(speed, flip=False):
    """Seeds' speeds alternately 0.9 and 1.3 times ``speed`` (odd seeds the slower; the
    faster with ``flip``): a mean curve a little faster than ``speed``'s, which no sign-flip
    test can tell from ``speed``'s, nor from the other alternation's (ties)."""
    slow = (np.arange(tf.S) % 2 == 1) != flip
    return np.where(slow, 0.9 * speed, 1.3 * speed)[:, None]


MIXED = mixed(0.2)

STEP_ONLY = {  # The step doubles the speed at every γ; at one step γ changes nothing.
    "sgd": 0.2,
    "momentum_g0.5_sgd_step": mixed(0.2),
    "momentum_g0.9_sgd_step": mixed(0.2, flip=True),
    "sgd_lab6_step": 0.4,
    "momentum_g0.5_lab6_step": mixed(0.4, flip=True),
    "momentum_g0.9_lab6_step": mixed(0.4),
}

GAMMA_ONLY = {  # γ = 0.9 doubles the speed at either step; the step changes nothing.
    "sgd": 0.2,
    "momentum_g0.5_sgd_step": mixed(0.2),
    "momentum_g0.9_sgd_step": 0.4,
    "sgd_lab6_step": mixed(0.2),
    "momentum_g0.5_lab6_step": mixed(0.2, flip=True),
    "momentum_g0.9_lab6_step": mixed(0.4, flip=True),
}

NEITHER = {  # Ties only (two configurations, one per factor).
    "sgd": 0.2,
    "momentum_g0.5_sgd_step": mixed(0.2),
    "momentum_g0.9_sgd_step": None,
    "sgd_lab6_step": mixed(0.2, flip=True),
    "momentum_g0.5_lab6_step": None,
    "momentum_g0.9_lab6_step": None,
}


def arm(losses, name, rate, gamma, diverged=0):
    """A record of momentum at ``rate`` and ``gamma`` (plain SGD for γ = 0); its first
    ``diverged`` seeds diverged."""
    optimizer = "sgd" if gamma == 0 else "momentum"
    steps = np.where(np.arange(tf.S) < diverged, 3, -1)
    r = tf.record(losses, name, optimizer=optimizer, rate=rate, diverged_step=steps)
    kwargs = {} if gamma == 0 else {"momentum": gamma}
    spec = {**r.provenance.config, "optimizer_kwargs": kwargs}
    return r._replace(provenance=dataclasses.replace(r.provenance, config=spec))


def study(act="relu", speeds=None, diverged=None):
    """The study with ``STEP_ONLY``'s speeds, ``speeds`` changed (None: left out);
    ``diverged``: configuration → seeds that diverged. Made once per arguments (the
    bootstrap is slow; nothing here changes a study)."""
    chosen = {**STEP_ONLY, **(speeds or {})}
    key = repr((act, [np.asarray(v).tolist() for v in chosen.values()], diverged))
    if key not in _MADE:
        _MADE[key] = _study(act, chosen, diverged)
    return _MADE[key]


_MADE: dict = {}


def _study(act, chosen, diverged):
    results = {}
    for i, (name, (gamma, rate)) in enumerate(PLAN.items()):
        if chosen[name] is not None:
            k = (diverged or {}).get(name, 0)
            results[name] = arm(tf.curves(chosen[name], seed=i), name, rate, gamma, k)
    f = tf.make("momentum", act, results, "sgd")
    return f._replace(speed=f.ranking)  # Ranked once, as ``finished.load`` does.


def found(*fs):
    return {"momentum": list(fs)}


def contrast(f, factor, name):
    every = momentum_study.contrasts(found(f))[f.act]
    (c,) = [c for c in every if (c.factor, c.arm.name) == (factor, name)]
    return c


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_labels_say_gamma_and_alpha(lang):
    base, others = momentum_study.arms(study())
    labels = [momentum_study.label(a, lang) for a in (base, *others)]
    n = lambda v: text.num(v, ".3g", lang)
    assert labels[0] == f"SGD (α = {n(SGD)})"
    assert labels[3] == f"SGD (α = {n(BIG)})" and n(BIG) == "1"
    assert labels[5] == f"momentum (γ = {n(0.9)}, α = {n(0.1)})"
    assert momentum_study.labels(study(), lang) == labels
    assert not any("_" in label for label in labels)  # No code names.


def test_the_contrasts_change_one_factor_with_the_rankings_ratio_and_holm_p():
    f = study("relu", {"momentum_g0.5_sgd_step": MIXED})
    every = momentum_study.contrasts(found(f))
    planned = {
        ("step", "sgd_lab6_step", "sgd"),
        ("step", "momentum_g0.5_lab6_step", "momentum_g0.5_sgd_step"),
        ("step", "momentum_g0.9_lab6_step", "momentum_g0.9_sgd_step"),
        ("gamma", "momentum_g0.5_sgd_step", "sgd"),
        ("gamma", "momentum_g0.9_sgd_step", "sgd"),
        ("gamma", "momentum_g0.5_lab6_step", "sgd_lab6_step"),
        ("gamma", "momentum_g0.9_lab6_step", "sgd_lab6_step"),
    }
    assert {(c.factor, c.arm.name, c.ref.name) for c in every["relu"]} == planned
    ranking = summary.ranking(f.results, "sgd")  # All 15 pairs, one Holm family.
    for c in every["relu"]:
        assert c.ratio == ranking.ratio[c.ref.name, c.arm.name]
        assert c.p == ranking.p_holm[c.ref.name, c.arm.name]
    (c,) = [c for c in every["relu"] if (c.factor, c.arm.name) == ("step", "sgd_lab6_step")]
    assert c.ratio.point == pytest.approx(2.0, rel=0.15)  # Twice the speed: half the time.


@pytest.mark.parametrize(
    ("speeds", "diverged", "case"),
    [
        ({}, None, "sooner"),  # 0.4 against 0.2.
        ({"momentum_g0.9_sgd_step": 0.4, "momentum_g0.9_lab6_step": 0.25}, None, "later"),
        ({"momentum_g0.9_sgd_step": 0.2, "momentum_g0.9_lab6_step": MIXED}, None, "same"),
        ({"momentum_g0.9_sgd_step": 0.05}, None, "only"),  # Its γ at SGD's step never gets there.
        ({"momentum_g0.9_lab6_step": 0.05}, None, "never"),
        ({}, {"momentum_g0.9_lab6_step": tf.S}, "none"),
    ],
)
def test_every_case_of_a_step_contrast(speeds, diverged, case):
    f = study(speeds=speeds, diverged=diverged)
    c = contrast(f, "step", "momentum_g0.9_lab6_step")
    assert c.case == case
    if case in ("sooner", "later"):
        assert (c.ratio.point > 1) == (case == "sooner") and c.p < summary.ALPHA


def paragraph(f, lang):
    (p,) = momentum_study.paragraphs(found(f), lang)
    return p


def say(lang, key, **values):
    return text.say(lang, f"momentum_study.{key}", **values)


@pytest.mark.parametrize("lang", ["en", "pl"])
@pytest.mark.parametrize(
    ("speeds", "lead"),
    [
        ({}, "step"),
        (GAMMA_ONLY, "gamma"),
        ({"momentum_g0.9_sgd_step": 0.4, "momentum_g0.9_lab6_step": 0.6}, "both"),
        (NEITHER, "neither"),
    ],
)
def test_the_lead_names_the_factor_that_changes_the_speed(lang, speeds, lead):
    f = study(speeds=speeds)
    cs = momentum_study.contrasts(found(f))["relu"]
    step = any(c.case != "same" for c in cs if c.factor == "step")
    gamma = any(c.case != "same" for c in cs if c.factor == "gamma")
    assert (step, gamma) == {"step": (1, 0), "gamma": (0, 1), "both": (1, 1), "neither": (0, 0)}[
        lead
    ]
    target = text.num(float(np.mean(tf.curves(0.2, seed=0)[:, -1])), ".4f", lang)
    values = {
        "act": tf.single.with_act("relu", lang),
        "target": target,
        "tab": "@tab:momentum.relu",
    }
    text_ = paragraph(f, lang)
    assert text_.startswith(say(lang, f"lead.{lead}", **values))
    assert text_.count("@tab:momentum.relu") == 1  # The table and the test named once.


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_the_step_sentence_gives_each_gammas_speed_up(lang):
    f = study()
    text_ = paragraph(f, lang)
    items = []
    for name, where in (
        ("sgd_lab6_step", say(lang, "where.plain")),
        ("momentum_g0.5_lab6_step", say(lang, "where.step", gamma=text.num(0.5, ".3g", lang))),
        ("momentum_g0.9_lab6_step", say(lang, "where.step", gamma=text.num(0.9, ".3g", lang))),
    ):
        c = contrast(f, "step", name)
        assert c.case == "sooner" and c.ratio.point == pytest.approx(2.0, rel=0.1)
        spec = f".{max(2, pace.shown_decimals(c.ratio))}f"  # The interval's decimals.
        items.append(f"{where} ({text.times(lang, text.num(c.ratio.point, spec, lang))})")
    groups = say(lang, "case.sooner", items=" ".join(items[:1]))[: -len(items[0])]
    sentence = say(
        lang,
        "by_step",
        big=text.num(BIG, ".3g", lang),
        small=text.num(SGD, ".3g", lang),
        groups=groups + ", ".join(items[:2]) + text.say(lang, "stat.and") + items[2],
    )
    assert sentence in text_


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_a_tie_is_told_with_its_ratio_and_no_verdict(lang):
    f = study(speeds={"momentum_g0.9_sgd_step": MIXED})
    c = contrast(f, "gamma", "momentum_g0.9_sgd_step")
    assert c.case == "same" and c.ratio.point > 1
    where = say(
        lang, "where.gamma", step=text.num(SGD, ".3g", lang), gamma=text.num(0.9, ".3g", lang)
    )
    spec = f".{max(2, pace.shown_decimals(c.ratio))}f"
    item = say(lang, "item.same", where=where, ratio=text.num(c.ratio.point, spec, lang))
    assert item in paragraph(f, lang)


@pytest.mark.parametrize("lang", ["en", "pl"])
@pytest.mark.parametrize(
    ("speeds", "diverged", "case"),
    [
        ({"sgd_lab6_step": 0.05}, None, "only"),
        ({"momentum_g0.9_lab6_step": 0.05}, None, "never"),
        ({}, {"momentum_g0.9_lab6_step": tf.S}, "none"),
    ],
)
def test_a_contrast_without_a_ratio_is_said_in_words(lang, speeds, diverged, case):
    f = study(speeds=speeds, diverged=diverged)
    c = contrast(f, "gamma", "momentum_g0.9_lab6_step")
    assert c.case == case
    at_big = [
        d
        for d in momentum_study.contrasts(found(f))["relu"]
        if d.factor == "gamma" and d.case == case
    ]
    where = [
        say(lang, "where.gamma", step=text.num(BIG, ".3g", lang), gamma=text.num(g, ".3g", lang))
        for g in ((0.5, 0.9) if case == "only" else (0.9,))  # SGD at α = 1 never gets there.
    ]
    assert len(at_big) == len(where)
    items = text.say(lang, "stat.and").join(where)
    words = say(lang, f"case.{case}", items=items, ref=say(lang, "ref.gamma"))
    assert words in paragraph(f, lang)
    (table,) = momentum_study.tables(found(f), lang)
    assert table.rows[5][4] == say(lang, f"cell.{case}")


LAB6_CASES = [  # speeds, diverged, the key of lab 6's verdict.
    ({}, None, "step"),  # Momentum and SGD both at about 0.4 at lab 6's step: a tie.
    ({"momentum_g0.9_lab6_step": 0.25}, None, "step_more"),  # SGD at α = 1 is faster.
    ({"momentum_g0.9_lab6_step": 0.05}, None, "step_more"),  # Momentum never gets there.
    ({"momentum_g0.9_lab6_step": 0.6}, None, "gamma"),  # Momentum faster at the same step.
    ({"sgd_lab6_step": 0.05}, None, "only"),  # Only momentum gets there.
    ({}, {"sgd_lab6_step": tf.S}, "diverged"),
    ({}, {"momentum_g0.9_lab6_step": tf.S}, "none"),
]


@pytest.mark.parametrize("lang", ["en", "pl"])
@pytest.mark.parametrize(("speeds", "diverged", "key"), LAB6_CASES)
def test_lab6s_momentum_is_judged_against_plain_sgd_at_its_step(lang, speeds, diverged, key):
    f = study(speeds=speeds, diverged=diverged)
    n = lambda v: text.num(v, ".3g", lang)
    values = {"sgd_rate": n(BIG), "gamma": n(0.9), "rate": n(0.1)}
    values["div"] = say(lang, "stable")
    if key in ("step", "gamma"):  # Lab 6's speed-up as the step's times γ's at that step.
        rows = {r.config: r for r in f.rows}
        total = rows["momentum_g0.9_lab6_step"].speedup_vs_baseline
        step_x = rows["sgd_lab6_step"].speedup_vs_baseline
        gamma_x = discussion.compare(f, "sgd_lab6_step", "momentum_g0.9_lab6_step").ratio.point
        assert total == pytest.approx(step_x * gamma_x, rel=1e-9)  # One target, one curve each.
        shown = (text.num(v, ".2f", lang) for v in (total, step_x, gamma_x))
        values |= dict(zip(("total", "step_x", "gamma_x"), shown, strict=True))
    sentence = say(lang, f"lab6.{key}", **values)
    assert paragraph(f, lang).endswith(sentence)
    clause = say(lang, f"concl.{key}", act=tf.single.with_act("relu", lang), **values)
    assert momentum_study.conclusion(found(f), lang) == say(lang, "concl", clauses=clause)


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_diverged_runs_of_sgd_at_the_larger_step_are_counted(lang):
    f = study(diverged={"sgd_lab6_step": 2})
    div = say(lang, "unstable", k=2, n=tf.S)
    assert f"; {div})" in paragraph(f, lang)
    (table,) = momentum_study.tables(found(f), lang)
    assert table.rows[3][2] == f"2/{tf.S}" and table.rows[0][2] == f"0/{tf.S}"


def test_the_conclusion_joins_the_activations_and_needs_the_study():
    assert momentum_study.conclusion({}, "pl") is None
    assert (
        momentum_study.conclusion(found(study(speeds={"momentum_g0.9_lab6_step": None})), "pl")
        is None
    )
    fs = [study("sigmoid"), study("relu", {"momentum_g0.9_lab6_step": 0.6})]
    words = momentum_study.conclusion(found(*fs), "pl")
    sig, relu = (tf.single.with_act(a, "pl") for a in ("sigmoid", "relu"))
    assert words.startswith("Badanie momentum: " + sig) and f"; {relu} iloraz czasów" in words


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_the_design_gives_the_grid_and_the_rule_for_alpha(lang):
    fs = [study("sigmoid"), study("relu")]
    design = momentum_study.design(found(*fs), lang)
    sep = say(lang, "sep")
    n = lambda v: text.num(v, ".3g", lang)
    assert "γ ∈ {" + sep.join([n(0), n(0.5), n(0.9)]) + "}" in design
    assert "α/(1 − γ) ∈ {" + sep.join([n(SGD), n(BIG)]) + "}" in design
    assert f"α = {n(SGD)}(1 − γ)" in design and "α = 1 − γ" in design
    assert "@tab:momentum.sigmoid" in design and "@tab:momentum.relu" in design
    assert say(lang, "weights.ex2") in design
    assert momentum_study.design({}, lang) == ""


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_the_table_holds_every_contrast_once(lang):
    f = study(speeds={"momentum_g0.9_sgd_step": MIXED})
    (table,) = momentum_study.tables(found(f), lang)
    assert table.key == "momentum.relu" and len(table.header) == 7
    assert [r[0] for r in table.rows] == [
        s.replace(" ", "\u00a0") for s in momentum_study.labels(f, lang)
    ]
    assert [r[1] for r in table.rows] == [
        text.num(v, ".3g", lang) for v in (SGD, SGD, SGD, BIG, BIG, BIG)
    ]
    filled = [(i, j) for i, r in enumerate(table.rows) for j in (4, 5) if r[j] != "—"]
    assert filled == [(1, 4), (2, 4), (3, 5), (4, 4), (4, 5), (5, 4), (5, 5)]
    c = contrast(f, "gamma", "momentum_g0.9_sgd_step")
    num = lambda v: text.num(v, ".2f", lang)
    p = text.num(c.p, "#.2g", lang)
    # An end at 0 or ∞ is a resample that never reaches the target: said in words.
    end = lambda v: text.say(lang, "stat.not_reached") if v in (0, math.inf) else num(v)
    assert table.rows[2][4] == f"{num(c.ratio.point)}× ({end(c.ratio.lo)}–{end(c.ratio.hi)}); {p}"
    row = next(r for r in f.rows if r.config == "momentum_g0.5_lab6_step")
    assert table.rows[4][6].startswith(text.num(row.final_train_loss_mean, ".4f", lang))


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_lab6s_paragraph_ends_with_the_design_and_the_study_follows(lang):
    lab6 = tf.lab6()
    study_ = found(study("sigmoid"), study("relu"))
    every = findings.momentum_paragraphs({**tf.found(lab6=[lab6]), **study_}, lang)
    design = momentum_study.design(study_, lang)
    assert len(every) == 3 and every[0].endswith(" " + design)
    assert every[1:] == momentum_study.paragraphs(study_, lang)
    assert every[0].count("α/(1 − γ)") == 2  # Once for lab 6's step, once in the design.
    alone = findings.momentum_paragraphs(study_, lang)
    assert alone[0] == design and alone[1:] == every[1:]


def test_nothing_without_records_or_a_baseline():
    assert momentum_study.paragraphs({}, "en") == [] and momentum_study.tables({}, "en") == []
    f = study()
    no_base = f._replace(results={k: v for k, v in f.results.items() if k != "sgd"})
    no_base = no_base._replace(rows=summary.summarize("relu", no_base.results, "sgd"))
    assert momentum_study.paragraphs(found(no_base), "en") == []
    assert momentum_study.tables(found(no_base), "en") == []
    assert momentum_study.design(found(no_base), "en") == ""


def test_from_folder_reads_the_records_on_disk(tmp_path):
    """The study as the CLI writes it: the same paragraphs from the files."""
    from mlp_jax.labs import experiment
    from mlp_jax.report import lab_report
    from tests import tiny

    setup = tiny.setup(tmp_path, "momentum", "sgd")
    chosen = configs.momentum_study(configs.DEFAULT_LR)[:2]
    experiment.run(setup, {"relu": chosen}, log=lambda _: None, write=lab_report.write_all)
    (paragraph_,) = momentum_study.from_folder(setup.root, "pl")
    assert "@tab:momentum.relu" in paragraph_ and "γ = 0,5" in paragraph_


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_a_column_of_speed_ups_has_one_number_of_decimals(lang):
    """One γ contrast whose interval needs 4 decimals to stay apart from 1 (1.0004) sets the
    decimals of its whole column; the step column keeps its own."""
    f = study(speeds={"momentum_g0.9_sgd_step": MIXED})
    cs = momentum_study.contrasts(found(f))[f.act]
    tight = dataclasses.replace(cs[0].ratio, point=1.0371, lo=1.0004, hi=1.2276, mc_se=0.0)
    assert cs[0].factor == "gamma" and pace.shown_decimals(tight) == 4
    cs = [cs[0]._replace(ratio=tight, p=0.01), *cs[1:]]
    table = momentum_study.table(f, cs, lang)
    for column, factor in ((4, "gamma"), (5, "step")):
        want = max(
            [2, *(pace.shown_decimals(c.ratio) for c in cs if c.factor == factor and c.ratio)]
        )
        shown = [re.match(r"\d+[.,](\d+)×", r[column]) for r in table.rows]
        assert {len(m[1]) for m in shown if m} == {want}, (column, table.rows)
    assert table.rows[1][4].startswith(text.num(1.0371, ".4f", lang) + "×")
