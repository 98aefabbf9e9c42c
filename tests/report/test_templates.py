"""Every branch of the sentences a report chooses between, rendered in both languages from
records that call for it (issue 31): a clear leader, a tie, a configuration no faster than
the baseline, one that never reaches the target, one whose every seed diverged, a baseline
whose every seed diverged, a target above the loss of a uniform guess, a single seed, no
baseline, the baseline fastest, and initializations that start from the same loss. Each
renders whole (no placeholder, None, nan or infinity left; the "(NaN)" of the divergence rule is words) and says what its numbers say: a
tie is never called faster."""

import re
from pathlib import Path

import numpy as np
import pytest

from mlp_jax.labs import summary
from mlp_jax.report import discussion, document, finished, handin, lab_report, results, text
from tests.report.test_lab_report import E, S, decay, record

LEFTOVER = re.compile(r"[{}]|\bNone\b(?! of)|\bnan\b|\binf\b|∞")
"""What a sentence that rendered wrong leaves behind (``∞`` is a bound never printed)."""

FASTER = {
    "pl": re.compile(r"istotnie szybciej|raz[ay]? szybciej"),
    "en": re.compile(r"faster|× sooner"),
}
"""The words that claim one configuration learns faster than another."""


def _flat(level, drop, n=S, seed=0):
    """``n`` seeds' curves ``level + drop·exp(−e/2)``, e = 1..E: they end near ``level``."""
    rng = np.random.default_rng(seed)
    curve = level + drop * np.exp(-0.5 * np.arange(1, E + 1))
    return curve * (1 + 0.01 * rng.standard_normal((n, E)))


SCENARIOS = {
    "leader": {"sgd": ("sgd", decay(0.2)), "adam": ("adam", decay(0.6, seed=1))},
    "tie": {
        "sgd": ("sgd", decay(0.2)),
        "momentum": ("momentum", decay(0.6, seed=1)),
        "nesterov": ("nesterov", decay(0.6, seed=1)),  # The same curves: a tie.
    },
    "as_baseline": {"sgd": ("sgd", decay(0.2)), "adagrad": ("adagrad", decay(0.2))},
    "never": {"sgd": ("sgd", decay(0.2)), "adadelta": ("adadelta", decay(0.05, seed=2))},
    "diverged": {
        "sgd": ("sgd", decay(0.2)),
        "adam": ("adam", decay(0.6, seed=1)),
        "adadelta": ("adadelta", decay(0.6, seed=3), range(S)),
    },
    "baseline_diverged": {
        "sgd": ("sgd", decay(0.2), range(S)),
        "adam": ("adam", decay(0.6, seed=1)),
    },
    "above_uniform": {"sgd": ("sgd", _flat(2.5, 1.5)), "adam": ("adam", decay(0.6, seed=1))},
    "single_seed": {"sgd": ("sgd", decay(0.2, n=1)), "adam": ("adam", decay(0.6, seed=1, n=1))},
    "no_baseline": {"adam": ("adam", decay(0.6, seed=1)), "nesterov": ("nesterov", decay(0.3))},
    "baseline_fastest": {"sgd": ("sgd", decay(0.6)), "momentum": ("momentum", decay(0.1))},
}


def _results(scenario):
    return {
        name: record(curves, name=name, optimizer=optimizer, diverged=rest[0] if rest else ())
        for name, (optimizer, curves, *rest) in SCENARIOS[scenario].items()
    }


def _finished(scenario):
    results = _results(scenario)
    return finished.Finished(
        "lab6", "relu", results, summary.summarize("relu", results, "sgd"), [], []
    )


def _said(scenario, lang):
    """The lab section (setup, ranking), the hand-in's sentences on the lab and its
    conclusion."""
    f = _finished(scenario)
    blocks = lab_report.section("relu", f.results, f.rows, Path("/nonexistent"), lang=lang)
    shown = [document.markdown([b]) for b in blocks if not isinstance(b, document.Image)]
    ranking = summary.ranking(f.results, f.provenance.baseline)
    hand_in = results.sentences_of(f, "lab6.relu", ranking, lang)
    return "\n".join([*shown, handin.conclusion(f, lang), *hand_in])


def _line(scenario, config, lang):
    """The ranking line of ``config``."""
    f = _finished(scenario)
    row = next(r for r in f.rows if r.config == config)
    blocks = lab_report.section("relu", f.results, f.rows, Path("/nonexistent"), lang=lang)
    items = [i for b in blocks for i in getattr(b, "items", ())]
    name = lab_report.name(row, lang)
    found = [i for i in items if name in i or text.inflect(lang, name, "With") in i]
    assert len(found) == 1, (config, items)
    return found[0]


@pytest.mark.parametrize("lang", text.LANGS)
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_every_branch_renders_whole(scenario, lang):
    said = _said(scenario, lang)
    assert said.strip()
    assert not LEFTOVER.search(said), (scenario, LEFTOVER.search(said), said)


@pytest.mark.parametrize("lang", text.LANGS)
def test_a_clear_leader_is_named_faster(lang):
    line = _line("leader", "adam", lang)
    assert FASTER[lang].search(line) or "sooner" in line, line
    assert (
        "Najszybciej sieć uczy się **z Adamem**" if lang == "pl" else "fastest **with Adam**"
    ) in (_said("leader", lang))


@pytest.mark.parametrize("lang", text.LANGS)
def test_a_tie_is_never_called_faster(lang):
    f = _finished("tie")
    leader = lab_report.leader(f.rows, summary.ranking(f.results, "sgd"), lang)
    assert ("Pierwsze miejsce dzielą" if lang == "pl" else "share rank 1") in leader
    assert ("najszybciej" if lang == "pl" else "fastest") not in leader.lower()


@pytest.mark.parametrize("lang", text.LANGS)
def test_no_faster_than_the_baseline_is_said_so(lang):
    line = _line("as_baseline", "adagrad", lang)
    assert not FASTER[lang].search(line) and "sooner" not in line, line
    assert ("bez istotnej różnicy szybkości" if lang == "pl" else "not distinguishable") in line


@pytest.mark.parametrize(
    ("scenario", "config", "pl", "en"),
    [
        ("never", "adadelta", "sieć nie osiąga końcowej straty", "does not reach the final loss"),
        (
            "diverged",
            "adadelta",
            "wszystkie powtórzenia okazały się rozbieżne",
            "every run diverged",
        ),
    ],
)
def test_a_configuration_that_never_gets_there_is_said_to(scenario, config, pl, en):
    for lang, words in (("pl", pl), ("en", en)):
        line = _line(scenario, config, lang)
        assert words in line and not FASTER[lang].search(line), line


@pytest.mark.parametrize(
    ("scenario", "pl", "en"),
    [
        (
            "baseline_diverged",
            "wszystkie powtórzenia punktu odniesienia",
            "every seed of the baseline",
        ),
        ("above_uniform", "nie niższą niż ln 10 ≈ 2,30", "no lower than ln 10 ≈ 2.30"),
        ("no_baseline", "brak wyników punktu odniesienia", "has no result"),
        ("baseline_fastest", "nie osiąga końcowej straty", "reaches the final training loss"),
    ],
)
def test_without_a_usable_target_no_speed_is_claimed(scenario, pl, en):
    for lang, words in (("pl", pl), ("en", en)):
        said = handin.conclusion(_finished(scenario), lang)
        assert words in said, (lang, said)
        assert not FASTER[lang].search(said) and "sooner" not in said.replace(
            "sooner than the", ""
        ), said


@pytest.mark.parametrize("lang", text.LANGS)
def test_a_single_seed_gives_no_interval_and_no_test(lang):
    line = _line("single_seed", "adam", lang)
    assert ("PU ≥ 95%" if lang == "pl" else "CI ≥ 95%") not in line, line
    assert "p\u00a0=" not in line, line


@pytest.mark.parametrize("lang", text.LANGS)
def test_the_epoch_a_target_is_reached_at_names_the_last_one(lang):
    assert text.reached(lang, E, E) == text.say(lang, "epoch.last", n=E)
    assert text.reached(lang, 2.5, E) == text.say(lang, "epoch.after", x=text.num(2.5, ".2f", lang))


@pytest.mark.parametrize("lang", text.LANGS)
def test_a_pair_with_an_all_diverged_configuration_is_not_compared(lang):
    f = _finished("diverged")
    assert not summary.selected(f.results["adadelta"]).finite.any()  # Every run diverged.
    assert discussion.compare(f, "adam", "adadelta") is None  # Nothing to compare: skipped.
