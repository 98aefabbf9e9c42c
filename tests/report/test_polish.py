"""Mechanical checks of the Polish an instructor reads (issue 33): every phrase of
``phrases_pl`` rendered with representative values holds no numeral that disagrees with
"raz", no code identifier, file path or English key outside a code span, and no decimal
point; both phrase books have the same keys and placeholders."""

import re
import string

import pytest

from mlp_jax.report import phrases_en, phrases_pl, text

NAMES = {"name", "a", "b", "first", "second", "faster", "only", "start_name", "opt", "base"}
"""Placeholders that take a configuration's shown name."""

SHOWN = (
    "Adam",
    "Momentum Nesterova",
    "He",
    "Xavier (Glorot)",
    "N(0, 1)",
    "ćwiczenie 2 (SGD, N(0, 1))",
)
"""The names the reports show (``lab_report.config_label``), one per rendering."""

NUMBERS = ("5,02", "1,95", "0,10", "1", "2", "5", "22")
"""Numbers as the reports print them in Polish: decimal fractions and the integers whose
agreement differs (1; 2–4 and 22; 5+)."""

CODE_SPANS = {"missing.figure"}
"""The phrases that show code on purpose, inside backticks: a figure's file."""

SPAN = re.compile(r"`[^`]*`|\\\(.*?\\\)|@(fig|tab):[\w.-]*\w")
"""A code span, inline math (whose subscripts look like snake_case) or a reference to a
figure or table (``document.numbered`` replaces it by its number)."""

CODE = {
    "snake_case": re.compile(r"\b[a-z]{2,}_[a-z]{2,}\w*"),
    "module path": re.compile(r"\b(mlp_jax|experiments|initializers|optimizers)\.\w"),
    "flag": re.compile(r"(?<![\w-])--[a-z]"),
    "file path": re.compile(r"/usr/|\.(md|gif|png|py|csv|npz|json)\b"),
}
ENGLISH = re.compile(r"\b(sigmoid|relu|speed-?up|baseline|seed|target)\b")
"""English keys and words that must not stand in Polish prose (lower case: ReLU is right)."""


def _fields(phrase):
    return {f for _, f, _, _ in string.Formatter().parse(phrase) if f}


def _rendered(key, i):
    """``key``'s Polish phrase filled by placeholder name: a shown name for a name, a number
    (cycled through ``NUMBERS``) for anything else."""
    values = {
        f: SHOWN[i % len(SHOWN)] if f in NAMES else NUMBERS[(i + j) % len(NUMBERS)]
        for j, f in enumerate(sorted(_fields(phrases_pl.PHRASES[key])))
    }
    return text.say("pl", key, **values)


RENDERED = [(key, _rendered(key, i)) for key in phrases_pl.PHRASES for i in range(len(NUMBERS))]


def times_rule(shown):
    """Polish "raz" after a printed number: a decimal fraction takes the genitive singular
    ("5,02 raza"), exactly 1 the nominative singular ("1 raz"), every other whole number
    "razy" ("2 razy", "5 razy", "22 razy", "0 razy")."""
    if "," in shown:
        return f"{shown} raza"
    return f"{shown} raz" if shown == "1" else f"{shown} razy"


@pytest.mark.parametrize("spec", [".2f", ".1f", ".0f", ".3g", "g"])
def test_times_agrees_with_the_number_it_follows(spec):
    values = [k / 8 for k in range(400)] + list(range(130))
    for value in values:
        shown = text.num(value, spec, "pl")
        assert text.times("pl", shown) == times_rule(shown), shown
        assert text.times("en", text.num(value, spec, "en")).endswith("×")


def test_no_rendered_phrase_has_a_number_that_disagrees_with_raz():
    wrong = [
        re.compile(r"\d+,\d+ (raz|razy)\b"),  # a fraction: raza
        re.compile(r"(?<![\d,])1 (razy|raza)\b"),  # one: raz
        re.compile(r"(?<![\d,])(\d{2,}|[02-9]) (raz|raza)\b"),  # any other whole number: razy
    ]
    for key, said in RENDERED:
        for pattern in wrong:
            assert not pattern.search(said), (key, said)


def test_no_code_identifier_or_file_path_in_polish_prose():
    for key, said in RENDERED:
        spans = re.findall(r"`[^`]*`", said)
        assert not spans or key in CODE_SPANS, (key, spans)
        prose = SPAN.sub("", said)
        for what, pattern in CODE.items():
            assert not pattern.search(prose), (key, what, prose)


def test_the_code_spans_listed_are_still_there():
    for key in CODE_SPANS:
        assert "`" in phrases_pl.PHRASES[key], key


def test_no_english_key_in_polish_prose():
    for key, said in RENDERED:
        assert not ENGLISH.search(SPAN.sub("", said)), (key, said)


def test_decimal_commas_only():
    for key, said in RENDERED:
        assert not re.search(r"\d\.\d", said), (key, said)


def test_counts_in_prose_are_words_up_to_ten():
    assert [text.number("pl", n) for n in (1, 2, 5, 10)] == ["jeden", "dwa", "pięć", "dziesięć"]
    assert [text.number("pl", n, "gen") for n in (2, 3, 5)] == ["dwóch", "trzech", "pięciu"]
    assert text.number("pl", 11) == "11" and text.number("pl", 0) == "0"
    assert text.number("en", 5) == "five"


def test_both_phrase_books_have_the_same_keys_and_placeholders():
    assert set(phrases_pl.PHRASES) == set(phrases_en.PHRASES)
    for key, phrase in phrases_pl.PHRASES.items():
        assert _fields(phrase) == _fields(phrases_en.PHRASES[key]), key


@pytest.mark.parametrize(
    ("name", "case", "pl", "en"),
    [
        ("Adam", "with", "z Adamem", "with Adam"),
        ("Momentum Nesterova", "with", "z momentum Nesterova", "with Momentum Nesterova"),
        ("Adadelta", "With", "Z Adadeltą", "With Adadelta"),
        ("He", "with", "przy inicjalizacji metodą He", "with He initialization"),
        ("Xavier (Glorot)", "gen", "Xaviera (Glorota)", "Xavier (Glorot)"),
        ("N(0; 0,25)", "with", "przy inicjalizacji N(0; 0,25)", "with N(0; 0,25) initialization"),
        ("**Adagrad**", "with", "**z Adagradem**", "**with Adagrad**"),
        ("lone", "With", "W konfiguracji lone", "With lone"),
    ],
)
def test_names_are_inflected_as_the_sentence_needs(name, case, pl, en):
    assert text.inflect("pl", name, case) == pl
    assert text.inflect("en", name, case) == en


def test_every_name_the_reports_show_has_its_own_forms():
    """Each known name has a genitive and a "with" form of its own in Polish, none of them
    the bare name after a preposition (the review's "dla Adagrad", "w konfiguracji Adam")."""
    for key in text.NAMED:
        shown = text.PHRASES["pl"][f"methods.name.{key}"]
        said = text.inflect("pl", shown, "with")
        assert said.split(" ", 1)[0] in ("z", "przy"), (key, said)
        assert said != f"z {shown}" or shown in ("SGD", "ReLU"), (key, said)


FRAME = ("handin.", "lead.", "concl.", "prov.")
"""The hand-in's own phrases (its frame, the combined gain, the conclusions, provenance)."""

FIRST_PERSON = re.compile(r"\b(nasz\w*|bierzemy|porównujemy|użyjemy|mówimy|stosujemy)\b")
"""First-person plural, where the report's voice is impersonal ("nauczono", "porównano")."""


def test_the_hand_ins_frame_is_impersonal_with_one_dash():
    for key, said in RENDERED:
        if key.startswith(FRAME):
            assert not FIRST_PERSON.search(said), (key, said)
            assert " — " not in said, (key, said)  # One dash: the en dash, "–".


def test_lab_7s_baseline_is_said_as_a_trained_network_not_a_formula():
    """ "końcową stratę sieci uczonej Adamem z wagami N(0, 1)", not "sieci Adam + N(0, 1)"."""
    assert text.say("pl", "baseline_gen.lab7") == "sieci uczonej Adamem z wagami N(0, 1)"


def test_a_range_of_factors_agrees_with_its_last_number():
    """ "47–84 razy", "4,0–4,8 raza": the numeral goes with the range's upper end."""
    assert text.times("pl", "47–84") == "47–84 razy"
    assert text.times("pl", "4,0–4,8") == "4,0–4,8 raza"
    assert text.times("en", "47–84") == "47–84×"
