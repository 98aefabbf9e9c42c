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

# Its studies (``_MADE``, seconds of permutation tests each) are made once: the module runs
# on one xdist worker.
pytestmark = pytest.mark.xdist_group("momentum_study")

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


def r5(lang, key, **values):
    return text.say(lang, f"report5.mom.{key}", **values)


def numbers(lang):
    n = lambda v: text.num(v, ".3g", lang)
    return {"gamma": n(0.9), "rate": n(0.1), "big": n(BIG), "small": n(SGD)}


def shown(c, lang):
    """A contrast's ratio as the text shows it (``momentum_study.ratio_words``, pinned to
    literals in ``test_a_ratio_is_said_at_its_intervals_decimals``)."""
    return momentum_study.ratio_words(c, lang)


@pytest.mark.parametrize(
    ("ratio", "p", "times", "ratio_shown", "p_shown"),
    [
        ((2.2712, 2.03, 2.39), 0.029, "2,27 raza", "2,27", "p\xa0=\xa00,029"),  # A verdict.
        ((0.70262, 0.45336, 0.94659), 0.031, "1,42 raza", "0,70", "p\xa0=\xa00,031"),  # Slower.
        ((1.0031, 1.0004, 1.0062), 0.01, "1,0031 raza", "1,0031", "p\xa0=\xa00,010"),  # Near 1.
        ((1.19, 0.82, 1.51), 0.34, "1,19 raza", "1,19", "p\xa0=\xa00,34"),  # A tie.
    ],
)
def test_a_ratio_is_said_at_its_intervals_decimals(ratio, p, times, ratio_shown, p_shown):
    """ "times" is the larger of the ratio and its reciprocal (how many times faster or
    slower), "ratio" the ratio itself, both at the interval's decimals (more where fewer
    would round an interval without 1 onto it); p at two significant digits."""
    r = pace.Ratio(*ratio, "paired", 10, False, mc_se=0.0, p=p)
    c = momentum_study.Contrast("gamma", None, None, r, p)
    assert momentum_study.ratio_words(c, "pl") == {
        "times": times,
        "ratio": ratio_shown,
        "p": p_shown,
    }
    assert momentum_study.ratio_words(c._replace(ratio=None), "pl") == {}


TOTAL_CASES = [  # speeds of lab 6's momentum; its case against SGD (speed 0.2). Slower
    # than SGD never reaches SGD's own final loss: no "later" here.
    ({}, "sooner"),  # About 0.4.
    ({"momentum_g0.9_lab6_step": mixed(0.2)}, "same"),
    ({"momentum_g0.9_lab6_step": 0.05}, "never"),
]


@pytest.mark.parametrize("lang", ["en", "pl"])
@pytest.mark.parametrize(("speeds", "case"), TOTAL_CASES)
def test_lab6s_momentum_is_set_against_sgd_first(lang, speeds, case):
    f = study(speeds=speeds)
    pair = discussion.compare(f, "sgd", "momentum_g0.9_lab6_step")
    assert (
        discussion.pair_case(pair.ratio, pair.p_holm)
        in ({"sooner": "differ", "later": "differ", "same": "same", "never": "only"}[case])
    )
    c = momentum_study.Contrast("total", None, None, pair.ratio, pair.p_holm)
    target = text.num(float(np.mean(f.results["sgd"].train_loss[:, -1])), ".4f", lang)
    values = {"target": target, "tab": "@tab:momentum.relu"}
    ratio = shown(c, lang) if case in ("sooner", "later", "same") else {}
    total = r5(lang, f"total.{case}", **values, **ratio)
    start = r5(
        lang,
        "sentence",
        act=tf.single.with_act("relu", lang),
        total=total,
        by_step="S",
        by_gamma="G",
        **numbers(lang),
    )
    assert paragraph(f, lang).startswith(start.split("S;")[0])
    assert paragraph(f, lang).count("@tab:momentum.relu") == 1  # The table named once.


HURTS = {  # The larger step slows γ = 0.9 down and stops plain SGD; γ gets there at step 1.
    "momentum_g0.9_sgd_step": 0.4,
    "momentum_g0.9_lab6_step": mixed(0.2),
    "sgd_lab6_step": 0.05,
}
STEP_CASES = [  # speeds, the step's effect, each step contrast's case (γ = 0, γ = 0.9).
    ({}, "helps", ("sooner", "sooner")),
    (HURTS, "hurts", ("never", "later")),
    (
        {"momentum_g0.9_lab6_step": 0.25, "momentum_g0.9_sgd_step": 0.4},
        "mixed",
        ("sooner", "later"),
    ),
    (GAMMA_ONLY, "tie", ("same", "same")),
    (({}, {"sgd_lab6_step": tf.S, "momentum_g0.9_lab6_step": tf.S}), "none", ("none", "none")),
]


@pytest.mark.parametrize("lang", ["en", "pl"])
@pytest.mark.parametrize(("speeds", "effect", "cases"), STEP_CASES)
def test_the_larger_steps_effect_is_read_from_gamma_0_and_lab6s_gamma(lang, speeds, effect, cases):
    speeds, diverged = speeds if isinstance(speeds, tuple) else (speeds, None)
    f = study(speeds=speeds, diverged=diverged)
    got = [contrast(f, "step", n).case for n in ("sgd_lab6_step", "momentum_g0.9_lab6_step")]
    assert tuple(got) == cases
    (s,) = [momentum_study.story(f, momentum_study.contrasts(found(f))["relu"])]
    assert s.step_effect == effect and {c.arm.gamma for c in s.steps} == {0.0, 0.9}
    head = r5(lang, f"step.{effect}", groups="\0", **numbers(lang)).split("\0")[0]
    text_ = paragraph(f, lang)
    assert head in text_
    gamma = text.num(0.9, ".3g", lang)
    for c in s.steps:  # Each speed-up of a verdict with its ratio; γ = 0.5 left to the table.
        if c.case in ("sooner", "later"):
            where = (
                say(lang, "where.plain")
                if c.arm.gamma == 0
                else say(lang, "where.step", gamma=gamma)
            )
            assert f"{where} ({shown(c, lang)['times']})" in text_
    assert say(lang, "where.step", gamma=text.num(0.5, ".3g", lang)) + " (" not in text_


GAMMA_CASES = [  # speeds, diverged, γ's case at lab 6's step, the step's effect.
    ({"momentum_g0.9_lab6_step": 0.6}, None, "sooner", "helps"),
    ({}, None, "same", "helps"),
    ({"momentum_g0.9_lab6_step": 0.25}, None, "later", "helps"),
    ({"sgd_lab6_step": 0.05}, None, "only", "mixed"),
    ({"momentum_g0.9_lab6_step": 0.05}, None, "never", "mixed"),
    ({}, {"sgd_lab6_step": tf.S}, "diverged", "helps"),
    ({}, {"momentum_g0.9_lab6_step": tf.S}, "none", "helps"),
    (HURTS, None, "only", "hurts"),
    (HURTS, {"momentum_g0.9_sgd_step": tf.S}, "only", "hurts"),  # γ at SGD's step: no ratio.
]


@pytest.mark.parametrize("lang", ["en", "pl"])
@pytest.mark.parametrize(("speeds", "diverged", "case", "effect"), GAMMA_CASES)
def test_lab6s_gamma_at_its_step_closes_the_sentence(lang, speeds, diverged, case, effect):
    f = study(speeds=speeds, diverged=diverged)
    c = contrast(f, "gamma", "momentum_g0.9_lab6_step")
    assert (c.case if case != "diverged" else "diverged" if c.ref.row.all_diverged else "") in (
        case,
        "none" if case == "diverged" else case,
    )
    ratio = shown(c, lang) if case in ("sooner", "later", "same") else {}
    clause = r5(lang, f"gamma.{case}", **numbers(lang), **ratio)
    s = momentum_study.story(f, momentum_study.contrasts(found(f))["relu"])
    assert s.step_effect == effect
    small = contrast(f, "gamma", "momentum_g0.9_sgd_step")  # γ at SGD's own step.
    if effect == "hurts" and small.case in ("sooner", "later", "same"):
        # The step clause already says plain SGD does not reach it at step 1: γ's effect
        # at SGD's step instead, the step named in the place of the larger one.
        assert s.small == small and small.case == "sooner"
        at_small = {**numbers(lang), "big": numbers(lang)["small"]}
        clause = r5(lang, f"gamma.{small.case}", **at_small, **shown(small, lang))
    elif effect == "hurts":  # Made up for only in part: lab 6's momentum is no faster.
        assert s.total.case == "same"
        clause = r5(lang, "made_up.part", clause=clause, **numbers(lang))
    sentences = paragraph(f, lang).split(". ")
    assert sentences[0].endswith("; " + clause) or sentences[0].endswith("; " + clause + ".")


def stories(*fs):
    every = momentum_study.contrasts(found(*fs))
    return [momentum_study.story(f, every[f.act]) for f in fs]


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_a_step_that_helps_one_activation_and_hurts_the_other_is_set_against_the_gradient(lang):
    pair = stories(study("sigmoid"), study("relu", HURTS))
    assert [s.step_effect for s in pair] == ["helps", "hurts"]
    words = {
        "helps": tf.single.with_act("sigmoid", lang),
        "hurts": tf.single.with_act("relu", lang),
    }
    g = {"sigmoid": 0.0085, "relu": 0.14}
    num = lambda v: text.num(v, ".2g", lang)
    values = {**words, "g_helps": num(g["sigmoid"]), "g_hurts": num(g["relu"])}
    times = text.times(lang, num(0.14 / 0.0085))
    assert num(0.14 / 0.0085) in ("16", "17")
    assert momentum_study.asymmetry(pair, g, lang) == r5(lang, "asym.grad", times=times, **values)
    small = {"sigmoid": 0.0085, "relu": 0.001}
    values["g_hurts"] = num(0.001)
    assert momentum_study.asymmetry(pair, small, lang) == r5(lang, "asym.not", **values)
    unmeasured = momentum_study.asymmetry(pair, {}, lang)
    assert unmeasured == r5(lang, "asym.unmeasured", **{**values, "g_helps": "—", "g_hurts": "—"})
    same = stories(study("sigmoid"), study("relu"))
    assert momentum_study.asymmetry(same, g, lang) is None
    # Without lab 7's records the paragraph says the gradient was not measured.
    assert paragraph_of(found(study("sigmoid"), study("relu", HURTS)), lang).endswith(unmeasured)


def paragraph_of(study_found, lang):
    (p,) = momentum_study.paragraphs(study_found, lang)
    return p


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_the_conclusion_says_the_total_and_the_steps_effect(lang):
    fs = [study("sigmoid"), study("relu", HURTS)]
    every = momentum_study.contrasts(found(*fs))
    clauses = []
    for f, total, effect in ((fs[0], "sooner", "helps"), (fs[1], "same", "hurts")):
        s = momentum_study.story(f, every[f.act])
        assert (s.total.case, s.step_effect) == (total, effect)
        t = r5(lang, f"concl.total.{total}", **shown(s.total, lang))
        step = r5(lang, f"concl.step.{effect}", **numbers(lang))
        details = f"@tab:momentum.{f.act}"  # Its table; where the step hurts, γ's at SGD's.
        if effect == "hurts":
            small = contrast(f, "gamma", "momentum_g0.9_sgd_step")
            said = r5(lang, f"concl.small.{small.case}", **numbers(lang), **shown(small, lang))
            details = f"{said}; {details}"
        act = tf.single.with_act(f.act, lang)
        clauses.append(r5(lang, "concl", act=act, total=t, step=step, details=details))
    want = say(lang, "concl", clauses="; ".join(clauses))
    assert momentum_study.conclusion(found(*fs), lang) == want


@pytest.mark.parametrize("lang", ["en", "pl"])
@pytest.mark.parametrize(
    ("speeds", "diverged", "case"),
    [
        ({"sgd_lab6_step": 0.05}, None, "only"),
        ({"momentum_g0.9_lab6_step": 0.05}, None, "never"),
        ({}, {"momentum_g0.9_lab6_step": tf.S}, "none"),
    ],
)
def test_a_contrast_without_a_ratio_is_said_in_words_in_the_table(lang, speeds, diverged, case):
    f = study(speeds=speeds, diverged=diverged)
    assert contrast(f, "gamma", "momentum_g0.9_lab6_step").case == case
    (table,) = momentum_study.tables(found(f), lang)
    assert table.rows[5][4] == say(lang, f"cell.{case}")


def test_diverged_runs_of_sgd_at_the_larger_step_are_counted():
    f = study(diverged={"sgd_lab6_step": 2})
    (table,) = momentum_study.tables(found(f), "pl")
    assert table.rows[3][2] == f"2/{tf.S}" and table.rows[0][2] == f"0/{tf.S}"


def test_the_conclusion_needs_the_study():
    assert momentum_study.conclusion({}, "pl") is None
    assert (
        momentum_study.conclusion(found(study(speeds={"momentum_g0.9_lab6_step": None})), "pl")
        is None
    )


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
    assert len(every) == 2 and every[0].endswith(" " + design)
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
    every = configs.momentum_study(configs.DEFAULT_LR)
    chosen = [every[0], *every[3::2]]  # SGD, SGD at lab 6's step, lab 6's momentum.
    experiment.run(setup, {"relu": chosen}, log=lambda _: None, write=lab_report.write_all)
    (paragraph_,) = momentum_study.from_folder(setup.root, "pl")
    assert "@tab:momentum.relu" in paragraph_ and "(γ = 0,9, α = 0,1)" in paragraph_
    # Two arms at SGD's step missing: no paragraph without lab 6's momentum and its step.
    experiment.run(setup, {"sigmoid": every[:2]}, log=lambda _: None, write=lab_report.write_all)
    assert len(momentum_study.from_folder(setup.root, "pl")) == 1


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
    # A loss and its spread, and the step's header, do not break over lines.
    assert all(" " not in r[6] and "±" in r[6] for r in table.rows)
    assert table.header[1] == "α/(1\u00a0−\u00a0γ)"
