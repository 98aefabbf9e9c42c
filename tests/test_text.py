"""The report's phrases: both languages complete, numbers in each language's style."""

import re

import pytest

from mlp_jax import configs, text


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
