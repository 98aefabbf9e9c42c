"""The report's phrases: both languages complete, numbers in each language's style."""

import ast
import re
from pathlib import Path

import pytest

from mlp_jax import configs, data, labs, records, surfaces, text

ROOT = Path(__file__).resolve().parents[1]


def test_every_phrase_exists_in_every_language_with_the_same_placeholders():
    english = text.PHRASES["en"]
    for lang in text.LANGS:
        assert set(text.PHRASES[lang]) == set(english), lang
        for key, phrase in text.PHRASES[lang].items():
            assert set(re.findall(r"{(\w+)", phrase)) == set(re.findall(r"{(\w+)", english[key]))


@pytest.mark.parametrize(
    ("value", "spec", "lang", "expected"),
    [
        (0.12345, ".3f", "en", "0.123"),
        (0.12345, ".3f", "pl", "0,123"),
        (float("nan"), ".3f", "pl", "—"),
        (3e-5, ".2g", "pl", "3e-05"),
    ],
)
def test_num(value, spec, lang, expected):
    assert text.num(value, spec, lang) == expected


def test_pct_and_describe():
    assert text.pct(0.8634, "en") == "86.3%" and text.pct(0.8634, "pl") == "86,3%"
    assert text.pct(float("nan"), "en") == "—"
    spec = configs.Config("x", "adam", 0.001, init="normal", init_scale=0.5).spec()
    assert text.describe(spec) == "adam, learning rate 0.001, init normal (σ = 0.5)"
    assert (
        text.describe(spec, "pl")
        == "adam, współczynnik uczenia 0,001, inicjalizacja normal (σ = 0,5)"
    )
    rates = configs.rate_grid(0.01, 5)
    assert text.describe(spec, rates=rates).startswith(
        "adam, learning rate from a grid of 5, 0.001–0.1, init"
    )
    assert text.describe(spec, rates=[0.001]) == text.describe(spec)


def _requested_keys():
    """Every text key the package and the CLIs can ask for, read from their sources.

    A literal key is taken as it is; an f-string key ``"prefix.{x}"`` is expanded over
    ``DYNAMIC[prefix]``, the values ``x`` can take (a new dynamic key must be added
    there, or this test fails); the labs' keys come from their specs.
    """
    keys, prefixes = set(), set()
    for path in [*ROOT.glob("mlp_jax/*.py"), *ROOT.glob("experiments/*.py")]:
        for node in ast.walk(ast.parse(path.read_text())):
            if not (isinstance(node, ast.Call) and _name(node.func) == "say" and node.args):
                continue
            first = node.args[0]
            lang_first = isinstance(first, ast.Name) and first.id == "lang"
            lang_first |= isinstance(first, ast.Constant) and first.value in text.LANGS
            key = node.args[1] if lang_first and len(node.args) > 1 else first
            if isinstance(key, ast.Constant):
                keys.add(key.value)
            elif isinstance(key, ast.JoinedStr):
                prefixes.add(key.values[0].value)
    assert prefixes <= set(DYNAMIC), prefixes - set(DYNAMIC)
    keys |= {prefix + value for prefix in prefixes for value in DYNAMIC[prefix]}
    keys.add(labs.DIAGNOSTICS_TITLE)
    return keys | {key for lab in labs.LABS.values() for key in lab.text_keys()}


def _name(func):
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)


DYNAMIC = {
    "why.": records.CHOICE_REASONS,
    "dataset.": data.DATASETS,
    "stat.": ("same", "lower", "higher"),
    "stat.method.": ("paired", "unpaired"),
    "stat.test.": ("paired", "unpaired"),
    "stat.no_target.": ("no_run", "chance", "no_fall"),
    "stat.tie.": ("loss", "order"),
    "stat.col.": ("rank", "p_holm_loss", "p_holm_acc"),
    "diag.": ("saturated_frac", "dead_frac"),
    "diag.ylabel.": ("saturated_frac", "dead_frac"),
    "plot.kind.": ("hidden", "output"),
    "methods.variant.": ("normal", "uniform", "constant"),  # methods.Formula.variant
    "traj.name.": tuple(surfaces.SURFACES),
    "traj.lr.": ("too_small", "about_right", "too_large"),
    "traj.in_steps.": ("one", "many"),
    "traj.arrow.": ("gradient", "jump", "momentum_update", "correction", "nesterov_update"),
    "fig.": (
        "loss_epoch",
        "loss_step",
        "test_acc",
        "lr_sensitivity",
        "activations",
        "activation_hist",
        "saturated_frac",
        "dead_frac",
    ),
    "col.": (
        *("config", "lr", "diverged", "loss", "epochs", "speedup", "p_loss", "acc", "p_acc"),
        *("wall", "experiment", "act", "network", "batch", "epochs_total", "seeds", "configs"),
        *("baseline", "ex2", "ex2_loss", "ex2_acc", "fastest", "test_acc", "settings", "init"),
        *("preact_std", "closed_form", "saturated_frac", "dead_frac"),
    ),
}


def test_every_key_the_code_asks_for_exists_in_both_languages():
    keys = _requested_keys()
    assert len(keys) > 100
    for lang in text.LANGS:
        assert not keys - set(text.PHRASES[lang]), (lang, sorted(keys - set(text.PHRASES[lang])))


def test_a_missing_key_raises_instead_of_falling_back():
    with pytest.raises(KeyError, match="title.lab8"):
        text.say("pl", "title.lab8")
