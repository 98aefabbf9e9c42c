"""The momentum study in the hand-in's words (``momentum_study``): the one-factor
contrasts, every case of a contrast (sooner, later, tie, only, never, none), of the lead
(step, γ, both, neither), of lab 6's verdict and of the conclusion, in both languages, on
records made by hand whose true answer is known: a seed's loss 2·exp(−speed·e), so the
time to a level goes as 1/speed."""

import dataclasses
import math

import numpy as np
import pytest

from mlp_jax.labs import configs, pace, stats, summary
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

STEP_ONLY = {  # The step doubles the speed at every γ; γ changes nothing (ties).
    "sgd": 0.2,
    "momentum_g0.5_sgd_step": 0.2,
    "momentum_g0.9_sgd_step": 0.2,
    "sgd_lab6_step": 0.4,
    "momentum_g0.5_lab6_step": 0.4,
    "momentum_g0.9_lab6_step": 0.4,
}

MIXED = np.where(np.arange(tf.S) % 2, 0.18, 0.26)[:, None]
"""Seeds' speeds half below 0.2, half above: a mean curve that reaches 0.2's final loss a
little sooner, which no sign-flip test can tell from 0.2's (a tie)."""


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
    ``diverged``: configuration → seeds that diverged."""
    chosen = {**STEP_ONLY, **(speeds or {})}
    results = {}
    for i, (name, (gamma, rate)) in enumerate(PLAN.items()):
        if chosen[name] is not None:
            k = (diverged or {}).get(name, 0)
            results[name] = arm(tf.curves(chosen[name], seed=i), name, rate, gamma, k)
    return tf.make("momentum", act, results, "sgd")


def found(*fs):
    return {"momentum": list(fs)}


def contrast(f, factor, name):
    every = momentum_study.contrasts(found(f))[f.act]
    (c,) = [c for c in every if (c.factor, c.arm.name) == (factor, name)]
    return c


def test_the_configurations_cross_gamma_with_the_two_steps():
    """``configs.momentum_study``: α = step · (1 − γ) at SGD's and lab 6 momentum's step."""
    study_ = {c.name: c for c in configs.momentum_study(configs.DEFAULT_LR)}
    assert list(study_) == list(PLAN)
    for name, (gamma, rate) in PLAN.items():
        c = study_[name]
        assert c.learning_rate == pytest.approx(rate, rel=1e-12)
        assert c.optimizer == ("sgd" if gamma == 0 else "momentum")
        assert dict(c.optimizer_kwargs) == ({} if gamma == 0 else {"momentum": gamma})
        assert (c.init, c.init_scale) == ("normal", 1.0)
    # The rates are written as the decimals they are, not 0.029999999999999992.
    assert study_["momentum_g0.9_sgd_step"].learning_rate == 0.03
    # Lab 6's own momentum is in the study: its rate and the optimizer's default γ.
    (lab6,) = configs.lab6(["momentum"], configs.DEFAULT_LR)
    mine = study_["momentum_g0.9_lab6_step"]
    assert mine.learning_rate == lab6.learning_rate and configs.LAB6_GAMMA == 0.9


def test_the_configurations_follow_other_rates_and_weights():
    study_ = {c.name: c for c in configs.momentum_study({"sgd": 0.2, "momentum": 0.05}, "he")}
    assert study_["sgd_lab6_step"].learning_rate == pytest.approx(0.5)
    assert study_["momentum_g0.5_lab6_step"].learning_rate == pytest.approx(0.25)
    assert study_["momentum_g0.9_sgd_step"].learning_rate == pytest.approx(0.02)
    assert {c.init for c in study_.values()} == {"he"}


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


def test_the_contrasts_change_one_factor_and_are_holm_adjusted_over_the_study():
    fs = [study("sigmoid"), study("relu", {"momentum_g0.5_sgd_step": MIXED})]
    every = momentum_study.contrasts(found(*fs))
    planned = {
        ("step", "sgd_lab6_step", "sgd"),
        ("step", "momentum_g0.5_lab6_step", "momentum_g0.5_sgd_step"),
        ("step", "momentum_g0.9_lab6_step", "momentum_g0.9_sgd_step"),
        ("gamma", "momentum_g0.5_sgd_step", "sgd"),
        ("gamma", "momentum_g0.9_sgd_step", "sgd"),
        ("gamma", "momentum_g0.5_lab6_step", "sgd_lab6_step"),
        ("gamma", "momentum_g0.9_lab6_step", "sgd_lab6_step"),
    }
    for act in ("sigmoid", "relu"):
        assert {(c.factor, c.arm.name, c.ref.name) for c in every[act]} == planned
    cs = [c for act in ("sigmoid", "relu") for c in every[act]]
    raw = np.array([c.ratio.p for c in cs])
    # Holm by hand: sorted p times (m − i), running maximum, capped at 1.
    order = np.argsort(raw)
    adjusted = np.empty_like(raw)
    adjusted[order] = np.minimum(1, np.maximum.accumulate(raw[order] * (len(raw) - np.arange(14))))
    np.testing.assert_allclose([c.p for c in cs], adjusted)


def test_a_contrast_with_the_baseline_is_its_summary_rows_speed_up():
    f = study()
    c = contrast(f, "gamma", "momentum_g0.9_sgd_step")
    row = next(r for r in f.rows if r.config == "momentum_g0.9_sgd_step")
    assert (c.ratio.point, c.ratio.lo, c.ratio.hi) == (
        row.speedup_vs_baseline,
        row.speedup_ci_lo,
        row.speedup_ci_hi,
    )
    assert c.ratio.p == row.speedup_p
    # Elsewhere the paired ratio of the reference's time over the configuration's.
    c = contrast(f, "step", "momentum_g0.9_lab6_step")
    pair = discussion.compare(f, "momentum_g0.9_sgd_step", "momentum_g0.9_lab6_step")
    assert c.ratio == pair.ratio
    assert c.ratio.point == pytest.approx(2.0, rel=0.1)  # Twice the speed: half the time.


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
