"""The sweep's rule read back for the report: rates that tie for the lowest rank sum
(``rates.tied``) and an optimizer whose lab-6 rate is not the sweep's best, with the
losses that tell it (``rates.rule_sentence``). Points are made by hand (tab. 16's numbers
for Adagrad and Adadelta), so the ranks are known."""

import dataclasses

import pytest

from mlp_jax.labs.lr_sweep import Point, Sweep
from mlp_jax.report import rates, text
from tests.report.test_lab_report import SHARED
from tests.report.test_rates import lab6_at

LOSSES = {
    "adagrad": {"sigmoid": {0.3: 0.517, 1.0: 0.463}, "relu": {0.3: 0.719, 1.0: 0.745}},
    "adadelta": {
        "sigmoid": {1.0: 0.545, 3.0: 0.472, 10.0: 0.574},
        "relu": {1.0: 3.211, 3.0: 0.688, 10.0: 0.529},
    },
}


def points(losses=LOSSES, diverged=()):
    """``Point``s of ``losses`` (optimizer → act → rate → final loss); those in
    ``diverged`` (optimizer, act, rate) with a diverged seed."""
    return tuple(
        Point(n, act, rate, 2, int((n, act, rate) in diverged), loss, 0.8)
        for n, acts in losses.items()
        for act, at in acts.items()
        for rate, loss in at.items()
    )


def of(name, found):
    return [p for p in found if p.optimizer == name]


def test_ranks_summed_over_the_activations_tie_or_pick_one():
    # Adagrad: ranks 1 + 0 at 0.3 and 0 + 1 at 1: a tie. Adadelta: 1 + 2, 0 + 1, 2 + 0.
    assert rates.tied(of("adagrad", points())) == [0.3, 1.0]
    assert rates.tied(of("adadelta", points())) == [3.0]
    # A rate that diverged with either activation is out, whatever its ranks.
    out = points(diverged=[("adadelta", "relu", 3.0)])
    assert rates.tied(of("adadelta", out)) == [10.0]
    every = [("adagrad", a, r) for a in ("sigmoid", "relu") for r in (0.3, 1.0)]
    assert rates.tied(of("adagrad", points(diverged=every))) == []


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_the_rule_sentence_says_ties_and_what_an_untuned_rate_costs(lang):
    settings = dataclasses.replace(SHARED, epochs=3)
    sweep = Sweep(points(), settings, {"init": "normal"})
    sentence = rates.rule_sentence(lab6_at({"adagrad": 0.3, "adadelta": 1.0}), sweep, lang)
    num = lambda x, spec=".3g": text.num(x, spec, lang)
    tie = text.say(
        lang, "lrtable.tie", name="Adagrad", rates=f"{num(0.3)}{text.say(lang, 'stat.and')}{num(1)}"
    )
    assert tie in sentence
    parts = [
        text.say(
            lang,
            "lrtable.untuned.part",
            act=text.say(lang, f"methods.name.{act}"),
            best=num(LOSSES["adadelta"][act][3.0], ".3f"),
            used=num(LOSSES["adadelta"][act][1.0], ".3f"),
        )
        for act in ("sigmoid", "relu")
    ]
    untuned = text.say(
        lang,
        "lrtable.untuned",
        name="Adadelta",
        used=num(1),
        best=num(3),
        epochs={"en": "three epochs", "pl": "trzech epokach"}[lang],
        parts="; ".join(parts),
    )
    assert untuned in sentence
    # Adagrad's rate is the tie's lower one, the rule's pick: not said to differ.
    assert (
        text.say(lang, "lrtable.other", name="Adagrad", best=num(1), used=num(0.3)) not in sentence
    )
    agreed = rates.rule_sentence(lab6_at({"adagrad": 0.3, "adadelta": 3.0}), sweep, lang)
    assert untuned not in agreed and tie in agreed
