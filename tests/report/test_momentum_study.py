"""The momentum study in the hand-in's words (``momentum_study``): every case of the
verdict (sooner, tie, not reached, not measured), of the equal-step conclusion (all, some,
none, no such configuration) and of the contrasts, on records made by hand whose true
answer is known: a seed's loss 2·exp(−speed·e), so the time to a level goes as 1/speed."""

import dataclasses
import math

import numpy as np
import pytest

from mlp_jax.labs import configs, stats, summary
from mlp_jax.report import discussion, momentum_study, text
from tests.report import test_findings as tf

SGD = configs.DEFAULT_LR["sgd"]
LAB6 = configs.DEFAULT_LR["momentum"]


def arm(losses, name, rate, gamma, **extra):
    """A record of momentum at ``rate`` and ``gamma`` (plain SGD for gamma None)."""
    optimizer = "sgd" if gamma is None else "momentum"
    r = tf.record(losses, name, optimizer=optimizer, rate=rate, **extra)
    kwargs = {} if gamma is None else {"momentum": gamma}
    spec = {**r.provenance.config, "optimizer_kwargs": kwargs}
    return r._replace(provenance=dataclasses.replace(r.provenance, config=spec))


MIXED = np.where(np.arange(tf.S) % 2, 0.18, 0.26)[:, None]
"""Seeds' speeds half below SGD's 0.2, half above: a mean curve that reaches SGD's final
loss a little sooner, which no sign-flip test can tell from SGD's (a tie)."""


def study(act="relu", *, equal=(0.4, 0.2), lab6=(0.5, 0.3), diverged=()):
    """The study with SGD decaying at speed 0.2, momentum at lab 6's α with γ 0.9 and 0.5
    at ``lab6``'s speeds, at SGD's step with γ 0.9 and 0.5 at ``equal``'s (None: left out);
    every seed of the configurations in ``diverged`` diverged."""
    results = {"sgd": arm(tf.curves(0.2), "sgd", SGD, None)}
    plan = [
        ("momentum_g0.9", LAB6, 0.9, lab6[0]),
        ("momentum_g0.5", LAB6, 0.5, lab6[1]),
        ("momentum_g0.9_equal_step", SGD * 0.1, 0.9, equal[0]),
        ("momentum_g0.5_equal_step", SGD * 0.5, 0.5, equal[1]),
    ]
    for i, (name, rate, gamma, speed) in enumerate(plan, start=1):
        if speed is not None:
            steps = np.full(tf.S, 3 if name in diverged else -1)
            results[name] = arm(tf.curves(speed, seed=i), name, rate, gamma, diverged_step=steps)
    return tf.make("momentum", act, results, "sgd")


def row(f, name):
    return next(r for r in f.rows if r.config == name)


def found(*fs):
    return {"momentum": list(fs)}


def test_arms_read_alpha_gamma_and_the_long_run_step_from_the_records():
    base, arms = momentum_study.arms(study())
    assert (base.name, base.rate, base.gamma, base.effective) == ("sgd", SGD, 0.0, SGD)
    steps = {a.name: (a.rate, a.gamma, a.effective) for a in arms}
    assert steps["momentum_g0.9"] == pytest.approx((LAB6, 0.9, LAB6 / 0.1))
    assert steps["momentum_g0.5"] == pytest.approx((LAB6, 0.5, 2 * LAB6))
    for name in ("momentum_g0.9_equal_step", "momentum_g0.5_equal_step"):
        assert steps[name][2] == pytest.approx(SGD)
    assert [a.name for a in arms if a.same_step(base)] == [
        "momentum_g0.9_equal_step",
        "momentum_g0.5_equal_step",
    ]


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_faster_at_sgds_step_says_momentum_itself_helps(lang):
    f = study(equal=(0.4, 0.4))
    design, measured = momentum_study.paragraphs(found(f), lang)
    for name in ("momentum_g0.9_equal_step", "momentum_g0.5_equal_step"):
        r = row(f, name)
        # Half the decay time of SGD's, whose target is its last epoch: 2× sooner.
        assert r.speedup_vs_baseline == pytest.approx(2.0, rel=0.1)
        assert momentum_study.verdict(r) == "sooner"
        assert text.times(lang, text.num(r.speedup_vs_baseline, ".2f", lang)) in measured
    assert (
        text.say(lang, "momentum_study.itself.all", act=tf.single.with_act("relu", lang))
        in measured
    )
    assert "@tab:momentum.relu" in design and "@tab:momentum.relu" in measured
    effective = text.say(
        lang,
        "momentum_study.arm",
        gamma=text.num(0.9, ".3g", lang),
        rate=text.num(SGD * 0.1, ".3g", lang),
        effective=text.num(SGD, ".3g", lang),
    )
    assert effective in design
    loss = text.num(float(np.mean(tf.curves(0.2)[:, -1])), ".4f", lang)
    assert loss in measured  # SGD's final loss, the target.


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_a_tie_at_sgds_step_claims_no_gain(lang):
    f = study(equal=(MIXED, MIXED))
    measured = momentum_study.paragraphs(found(f), lang)[1]
    for name in ("momentum_g0.9_equal_step", "momentum_g0.5_equal_step"):
        r = row(f, name)
        assert r.speedup_vs_baseline > 1 and r.speedup_p_holm > 0.05
        assert momentum_study.verdict(r) == "same"
    none = text.say(lang, "momentum_study.itself.none", act=tf.single.with_act("relu", lang))
    assert none in measured
    assert text.say(lang, "momentum_study.itself.all", act="")[:30] not in measured


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_one_gamma_faster_names_only_that_one(lang):
    f = study(equal=(0.4, 0.2))
    measured = momentum_study.paragraphs(found(f), lang)[1]
    _, arms = momentum_study.arms(f)
    faster = next(a for a in arms if a.name == "momentum_g0.9_equal_step")
    some = text.say(lang, "momentum_study.itself.some", arms=momentum_study.short(faster, lang))
    assert some in measured
    # γ at the same step: 0.9 reaches the target sooner than 0.5, by about 0.4/0.2 = 2.
    pair = discussion.compare(f, "momentum_g0.5_equal_step", "momentum_g0.9_equal_step")
    assert pair.ratio.point == pytest.approx(2.0, rel=0.1) and pair.ratio.lo > 1
    differ = text.say(
        lang,
        "momentum_study.pair.differ",
        faster=momentum_study.short(faster, lang),
        slower=momentum_study.short(arms[3], lang),
        ratio=text.times(lang, text.num(pair.ratio.point, ".2f", lang)),
        ci="",
    )
    assert differ[:-1] in measured  # Up to its interval, which follows,
    assert f"{text.num(pair.ratio.lo, '.2f', lang)}–" in measured  # The same way round.


def test_the_contrasts_are_holm_adjusted_over_both_activations():
    fs = [study("sigmoid", equal=(0.4, 0.2)), study("relu", equal=(0.4, 0.2))]
    paragraphs = momentum_study.paragraphs(found(*fs), "en")
    assert len(paragraphs) == 3  # The design once, then each activation.
    pairs = [
        discussion.compare(f, a, b)
        for f in fs
        for a, b in (  # The slower first.
            ("momentum_g0.9_equal_step", "momentum_g0.9"),
            ("momentum_g0.5_equal_step", "momentum_g0.5"),
            ("momentum_g0.5_equal_step", "momentum_g0.9_equal_step"),
        )
    ]
    raw = np.array([p.ratio.p for p in pairs])
    # Holm by hand: sorted p times (m − i), running maximum, capped at 1.
    order = np.argsort(raw)
    adjusted = np.empty_like(raw)
    adjusted[order] = np.minimum(
        1, np.maximum.accumulate(raw[order] * (len(raw) - np.arange(len(raw))))
    )
    np.testing.assert_allclose(adjusted, stats.holm(raw))
    p = discussion.p_text(adjusted[2], "en")
    assert text.say("en", "handin.speed_test", p=p) in paragraphs[1]


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_a_configuration_that_never_gets_there_is_said_so(lang):
    f = study(equal=(0.1, 0.4))  # Slower than SGD: SGD's final loss is out of its reach.
    r = row(f, "momentum_g0.9_equal_step")
    assert math.isnan(r.epochs_to_target) and momentum_study.verdict(r) == "never"
    measured = momentum_study.paragraphs(found(f), lang)[1]
    _, arms = momentum_study.arms(f)
    never = text.say(
        lang,
        "momentum_study.part.never",
        arm=momentum_study.short(arms[2], lang),
        loss=text.num(r.final_train_loss_mean, ".4f", lang),
    )
    assert never in measured
    only = text.say(
        lang,
        "momentum_study.pair.only",
        faster=momentum_study.short(arms[3], lang),
        slower=momentum_study.short(arms[2], lang),
    )
    assert only in measured
    (table,) = momentum_study.tables(found(f), lang)
    cells = dict(zip(table.header, table.rows[3], strict=True))
    assert cells[text.say(lang, "momentum_study.col.verdict")] == text.say(lang, "stat.not_reached")


def test_a_configuration_whose_seeds_all_diverged_is_not_measured():
    f = study(diverged=("momentum_g0.9",))
    assert momentum_study.verdict(row(f, "momentum_g0.9")) == "none"
    measured = momentum_study.paragraphs(found(f), "en")[1]
    assert "no time to that loss can be measured (final loss —)" in measured


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_without_a_configuration_at_sgds_step_the_study_says_it_cannot_separate(lang):
    f = study(equal=(None, None))
    design, measured = momentum_study.paragraphs(found(f), lang)
    assert text.say(lang, "momentum_study.equal.none") in design
    for key in ("all", "some", "none"):
        assert text.say(lang, f"momentum_study.itself.{key}", act="", arms="")[:25] not in measured


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_the_baseline_is_exercise_2_only_with_n01_weights(lang):
    design = momentum_study.paragraphs(found(study()), lang)[0]
    assert text.say(lang, "baseline.momentum") in design
    f = study()
    he = {
        n: r._replace(
            provenance=dataclasses.replace(
                r.provenance, config={**r.provenance.config, "init": "he"}
            )
        )
        for n, r in f.results.items()
    }
    design = momentum_study.paragraphs(found(tf.make("momentum", "relu", he, "sgd")), lang)[0]
    assert text.say(lang, "baseline.momentum") not in design
    assert text.say(lang, "momentum_study.base.other", init="He") in design


def test_a_single_configuration_at_sgds_step_is_said_in_the_singular():
    f = study(equal=(0.4, None))
    design = momentum_study.paragraphs(found(f), "en")[0]
    assert "The momentum configuration (γ = 0.9, α = 0.03) has SGD's long-run step" in design


def test_nothing_without_records_or_a_baseline():
    assert momentum_study.paragraphs({}, "en") == []
    f = study()
    no_base = f._replace(results={k: v for k, v in f.results.items() if k != "sgd"})
    no_base = no_base._replace(rows=summary.summarize("relu", no_base.results, "sgd"))
    assert momentum_study.paragraphs(found(no_base), "en") == []
    assert momentum_study.tables(found(no_base), "en") == []


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_the_table_shows_each_configurations_step_and_verdict(lang):
    f = study(equal=(0.4, MIXED))
    (table,) = momentum_study.tables(found(f), lang)
    assert table.key == "momentum.relu"
    num = lambda v: text.num(v, ".3g", lang)
    expected = {  # α, γ, α/(1 − γ), computed here.
        "sgd": (SGD, 0, SGD),
        "momentum_g0.9": (LAB6, 0.9, LAB6 / (1 - 0.9)),
        "momentum_g0.5": (LAB6, 0.5, LAB6 / (1 - 0.5)),
        "momentum_g0.9_equal_step": (SGD * 0.1, 0.9, SGD),
        "momentum_g0.5_equal_step": (SGD * 0.5, 0.5, SGD),
    }
    assert [tuple(r[1:4]) for r in table.rows] == [tuple(map(num, v)) for v in expected.values()]
    verdicts = [r[7] for r in table.rows]
    say = lambda key: text.say(lang, f"momentum_study.verdict.{key}")
    assert verdicts[0] == "—" and verdicts[3] == say("sooner") and verdicts[4] == say("same")
    loss = row(f, "momentum_g0.5").final_train_loss_mean
    assert table.rows[2][8].startswith(text.num(loss, ".4f", lang))
    if lang == "pl":
        assert "0,03" in table.rows[3][1] and "Momentum" in table.rows[1][0]


def test_from_folder_reads_the_records_on_disk(tmp_path):
    """The study as the CLI writes it: the same paragraphs from the files."""
    from mlp_jax.labs import experiment
    from mlp_jax.report import lab_report
    from tests import tiny

    setup = tiny.setup(tmp_path, "momentum", "sgd")
    chosen = configs.momentum_study(configs.DEFAULT_LR)[:2]
    experiment.run(setup, {"relu": chosen}, log=lambda _: None, write=lab_report.write_all)
    paragraphs = momentum_study.from_folder(setup.root, "pl")
    assert len(paragraphs) == 2 and "@tab:momentum.relu" in paragraphs[1]
    assert "α = 0,3" in paragraphs[0] and "γ = 0,9" in paragraphs[0]
