"""The words of the reports, in English and in Polish (the course's language).

``say(lang, key, **values)`` formats one phrase; numbers are formatted with
``num``/``pct`` first, which write Polish with a decimal comma. The Polish terms
follow the assignment (seed 000): optymalizator, współczynnik uczenia, inicjalizacja
wag, funkcja aktywacji, funkcja straty, epoka, paczka, zbiór uczący.
"""

from __future__ import annotations

import math
import re
import string
from collections.abc import Mapping, Sequence
from typing import Any

from mlp_jax import data
from mlp_jax.report import phrases_en, phrases_pl

LANGS = ("en", "pl")

PHRASES: dict[str, Mapping[str, str]] = {"en": phrases_en.PHRASES, "pl": phrases_pl.PHRASES}


def say(lang: str, key: str, **values: Any) -> str:
    """The phrase ``key`` in ``lang``, formatted with ``values``; a placeholder may name how
    its value is said (``_Say``): ``{name:with}`` → ``z Adamem``, ``{b:gen}`` → ``Xaviera
    (Glorota)``, ``{act:cap}`` → ``Funkcja sigmoidalna``, ``{ratio:times}`` → ``1,41 raza``."""
    return _Say(lang).vformat(PHRASES[lang][key], (), values)


class _Say(string.Formatter):
    """``str.format`` with the report's format specs: a case of ``inflect`` (``gen``,
    ``with``, ``With`` capitalized), ``cap`` (the first letter capitalized) and ``times``
    (``times`` of a printed number); any other spec as ``format`` reads it."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec in CASES:
            return inflect(self.lang, str(value), format_spec)
        if format_spec == "cap":
            return _capital(str(value))
        if format_spec == "times":
            return times(self.lang, str(value))
        return format(value, format_spec)


CASES = ("gen", "with", "With")
"""The forms ``inflect`` gives a name in: the genitive (``wobec Xaviera``) and the phrase
that says which configuration a sentence speaks of (``z Adamem``, ``przy inicjalizacji
metodą He``), ``With`` capitalized to open a sentence."""

NAMED = (
    *("sgd", "momentum", "nesterov", "adagrad", "adadelta", "adam"),
    *("xavier", "he", "sigmoid", "relu"),
)
"""The names ``inflect`` knows (``methods.name.<name>`` phrases); ``N(0, σ²)``, exercise 2's
configuration (``handin.ex2_name``) and any other name are told by their shape."""

_NORMAL = re.compile(r"N\(0[,;] ")


def _known(lang: str, name: str) -> str:
    """Which of ``NAMED`` (or ``normal``, ``exercise2``) the shown ``name`` is; ``other``."""
    for key in NAMED:
        if PHRASES[lang][f"methods.name.{key}"] == name:
            return key
    if name == PHRASES[lang]["handin.ex2_name"]:
        return "exercise2"
    return "normal" if _NORMAL.match(name) else "other"


def inflect(lang: str, name: str, case: str) -> str:
    """A configuration's shown name (``config_label``, ``methods.label``) in ``case`` (one of
    ``CASES``): ``inflect("pl", "Adam", "with")`` → ``z Adamem``; ``"He"`` → ``przy
    inicjalizacji metodą He``; ``"Xavier (Glorot)"``, ``gen`` → ``Xaviera (Glorota)``. A
    name in bold (``**Adam**``) stays in bold; an unknown one is said around as it is
    (``w konfiguracji lone``, ``with lone``)."""
    bold = name.startswith("**") and name.endswith("**") and len(name) > 4
    bare = name[2:-2] if bold else name
    said = say(lang, f"inflect.{case.lower()}.{_known(lang, bare)}", name=bare)
    said = _capital(said) if case[0].isupper() else said
    return f"**{said}**" if bold else said


def _capital(words: str) -> str:
    """``words`` with the first letter capitalized, after any opening ``**``."""
    lead = len(words) - len(words.lstrip("*"))
    return words[:lead] + words[lead : lead + 1].upper() + words[lead + 1 :]


CONTROL = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
"""What outside text may not bring into a report: control characters (line breaks among
them) and the bidirectional controls, which reorder what follows them (U+202E writes the
rest of its line right to left)."""

_MARKUP = re.compile(r"[\\`*<>\[\]&$~#:]|(?<![^\W_])_|_(?![^\W_])|(?<=[wW]{3})\.|^[-+]|^\d+[.)]")
"""What Markdown, or the reports' own inline markup (``document``), would read as markup
(its last character is escaped): emphasis, code, math, HTML, entities, links and images,
headings, a URL's scheme or ``www.`` (which GitHub links), ``_`` but inside a word, and a
list marker at the start."""


def one_line(value: object) -> str:
    """``value`` as one line that reads in order: line breaks and tabs as spaces, other
    control characters and the bidirectional controls (``CONTROL``) as their code."""

    def shown(c: re.Match) -> str:
        return " " if c[0].isspace() else f"\\u{ord(c[0]):04x}"

    return CONTROL.sub(shown, str(value))


def literal(value: object) -> str:
    r"""Text from outside the code (an author, a name read from a record, a path) as report
    text that shows it as it is, never as markup, math, a link, an image or a heading: its
    markup characters backslash-escaped (``<b>`` → ``\<b\>``), line breaks and tabs made
    spaces, other control characters and the bidirectional controls (U+202A–U+202E,
    U+2066–U+2069) written as their code (``\u202e``). Plain names (``one_cycle``) are
    unchanged."""
    return _MARKUP.sub(lambda m: f"{m[0][:-1]}\\{m[0][-1]}", one_line(value))


def code(value: object) -> str:
    """Text from outside the code (a path, a command) as a code span that shows it as it is:
    ``value`` on one line (as ``literal``) between runs of backticks longer than any it holds."""
    shown = one_line(value)
    fence = "`" * (max(map(len, re.findall("`+", shown)), default=0) + 1)
    pad = " " if shown.startswith(("`", " ")) or shown.endswith(("`", " ")) else ""
    return f"{fence}{pad}{shown}{pad}{fence}"


def loss_places(value: float) -> int:
    """Decimals that show ``value`` to four significant digits, at most four: 4 for
    0,3190, 1 for 183,8, 0 from 1000 up."""
    if value == 0 or not math.isfinite(value):
        return 4
    return min(4, max(0, 3 - math.floor(math.log10(abs(value)))))


def num(value: float, spec: str, lang: str, missing: str = "—") -> str:
    """``format(value, spec)``, with a decimal comma in Polish and a power of ten written
    out (``3·10⁻⁵``, not ``3e-05``); ``missing`` for NaN/None. An alternate-form ``g``
    spec (``#.3g``) keeps its trailing zeros, so a table column shows the same significant
    digits (``10,0`` beside ``9,86``), but no bare trailing point (``100``, not ``100.``)."""
    if value is None or not math.isfinite(value):
        return missing
    mantissa, _, exponent = format(value, spec).partition("e")
    mantissa = mantissa.removesuffix(".")
    if lang == "pl":
        mantissa = mantissa.replace(".", ",")
    if not exponent:
        return mantissa
    power = "10" + str(int(exponent)).translate(_SUPERSCRIPT)
    return power if mantissa in ("1", "1,0", "1.0") else f"{mantissa}·{power}"


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def integer(n: int, lang: str) -> str:
    """A whole number with thousands separated: ``60,000`` in English, ``60 000`` (a
    no-break space) in Polish, where four-digit numbers stay whole (``4000``)."""
    if lang == "pl":
        return f"{n:,}".replace(",", "\u00a0") if abs(n) >= 10_000 else str(n)
    return f"{n:,}"


P_FLOOR = 0.001
"""p-values below this are written ``p < 0.001``: with 10 runs, more digits say nothing."""


def p_value(p: float, lang: str, *, cell: bool = False) -> str:
    """A p-value with its relation to two significant digits, zeros kept (``p = 0,10``,
    ``p = 0,052``), or ``p < 0,001`` (no-break spaces);
    ``cell``: without ``p =`` (``0,42``, ``< 0,001``), for a table's p column."""
    if p is None or not math.isfinite(p):
        return "—"
    key, shown, spec = ("p.below", P_FLOOR, ".2g") if p < P_FLOOR else ("p.equals", p, "#.2g")
    words = say(lang, key, p=num(shown, spec, lang))
    if cell:
        return words.removeprefix("p\u00a0").removeprefix("=\u00a0")
    return words


def _forms(lang: str, key: str) -> tuple[str, list[str]]:
    """The grammatical gender (``m``/``f``; empty when not given) and the forms of ``key``."""
    gender, _, forms = PHRASES[lang][key].rpartition(":")
    return gender, forms.split("|")


def _pick(lang: str, n: int, forms: Sequence[str]) -> str:
    """Of ``forms`` (``one, many`` in English; ``one, few, many`` in Polish), the one for ``n``."""
    if n == 1:
        return forms[0]
    if lang == "pl" and n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return forms[1]
    return forms[-1]


def plural(lang: str, n: int, key: str) -> str:
    """The form of ``key`` (``one|many`` in English, ``one|few|many`` in Polish) that goes
    with ``n``: 1 optymalizator; 2–4, 22–24, … optymalizatory; 0, 5–21, 25, … optymalizatorów."""
    return _pick(lang, n, _forms(lang, key)[1])


def count(lang: str, n: int, key: str) -> str:
    """``n`` and the form of ``key`` that goes with it: ``5 optymalizatorów``."""
    return f"{integer(n, lang)} {plural(lang, n, key)}"


def none_of(lang: str, noun: str) -> str:
    """None of the things of ``noun`` (a ``noun.*`` key), in its gender: ``żaden z
    optymalizatorów``, ``przy żadnej z metod inicjalizacji sieć``."""
    gender, forms = _forms(lang, noun)
    return say(lang, f"share.none.{gender}", noun=forms[-1])


WORDS = 10
"""Counts up to this are written in words in prose (``pięć optymalizatorów``), larger ones
in digits."""


def number(lang: str, n: int, form: str = "nom.m") -> str:
    """``n`` in words up to ``WORDS``, else in digits (``integer``); ``form``: a
    ``number.<form>`` phrase, the case and gender (``nom.m``: dwa, ``nom.f``: dwie,
    ``gen``: dwóch, ``loc``: jednej, the feminine locative; English has one form)."""
    if not 0 < n <= WORDS:
        return integer(n, lang)
    return say(lang, f"number.{form}").split("|")[n - 1]


def share(lang: str, k: int, n: int, noun: str, verb: str) -> str:
    """``k`` of the ``n`` things of ``noun`` (a ``noun.*`` key) with the form of ``verb`` (its
    forms: the negated one for none, then as for ``plural``) that agrees, capitalized to
    start a sentence, counts in words: ``Żaden z optymalizatorów nie kończy uczenia``,
    ``Wszystkie pięć optymalizatorów kończy uczenie``, ``Trzy z pięciu optymalizatorów kończą
    uczenie``. A noun of gender ``p`` (initialization methods) is the circumstance of the
    network's learning, which takes the verb: ``Przy obu metodach inicjalizacji sieć
    kończy uczenie``, ``Przy dwóch z trzech metod inicjalizacji sieć kończy uczenie``."""
    gender, forms = _forms(lang, noun)
    counted = "loc" if gender == "p" else f"nom.{gender or 'm'}"
    if k == 0:
        subject = none_of(lang, noun)
    elif k == n == 1:
        subject = say(lang, f"share.only.{gender}", noun=forms[0])
    elif k == n == 2:
        subject = say(lang, f"share.both.{gender}", noun=forms[1 if lang == "pl" else -1])
    elif k == n:
        many = forms[1] if gender == "p" else plural(lang, n, noun)
        subject = say(lang, f"share.all.{gender}", n=number(lang, n, counted), noun=many)
    else:
        k_said, n_said = number(lang, k, counted), number(lang, n, "gen")
        subject = say(lang, f"share.some.{gender}", k=k_said, n=n_said, noun=forms[-1])
    verbs = PHRASES[lang][verb].split("|")
    said = verbs[0] if k == 0 else _pick(lang, 1 if gender == "p" else k, verbs[1:])
    return f"{_capital(subject)} {said}"


def times(lang: str, shown: str) -> str:
    """A printed factor as a multiple: ``3.10×``; in Polish ``3,10 raza`` (a fraction
    takes the genitive singular), ``1 raz``, ``2 razy``, ``5 razy``."""
    if lang != "pl":
        return f"{shown}×"
    if "," in shown:
        return f"{shown} raza"
    return f"{shown} raz" if shown == "1" else f"{shown} razy"


def reached(lang: str, epochs: float, total: int) -> str:
    """When a mean curve reaches its target: ``w 10. (ostatniej) epoce`` when that is the
    last epoch, else ``po 9,52 epoki``."""
    if math.isclose(epochs, total):
        return say(lang, "epoch.last", n=total)
    return say(lang, "epoch.after", x=num(epochs, ".2f", lang))


def data_line(source: str, lang: str) -> str:
    """A ``Dataset.source`` line in ``lang``: the dataset, where its files came from and the
    split sizes (``Fashion-MNIST, pliki IDX z …; 60 000 wzorców uczących i 10 000
    testowych``); a line ``data.parse_source`` cannot read is returned as it is. Its
    folders, URLs and such are ``literal``: the line comes from a record."""
    parsed = data.parse_source(source)
    if parsed is None:
        return literal(source)
    values = {k: literal(v) for k, v in parsed.values.items()}
    for field in ("n", "full", "fetched", "total", "classes"):
        if field in values:
            values[field] = integer(int(parsed.values[field]), lang)
    if "noise" in values:
        values["noise"] = num(float(parsed.values["noise"]), "g", lang)
    splits = {
        split: count(lang, getattr(parsed, split), f"count.{split}")
        for split in ("train", "validation", "test")
    }
    return say(
        lang,
        "data.line",
        name=say(lang, f"data.name.{parsed.name}"),
        origin=say(lang, f"origin.{parsed.kind}", **values),
        splits=say(lang, "data.splits_val" if parsed.validation else "data.splits", **splits),
    )


def pct(value: float, lang: str) -> str:
    """A fraction as a percentage with one decimal, e.g. ``86.3%`` (``86,3%`` in Polish)."""
    return num(100 * value, ".1f", lang) + ("%" if math.isfinite(value) else "")
