"""The implementation section: listings from the files, deviations from the signatures,
the agreement with optax measured, and both languages written out."""

import ast
import importlib.util
import inspect
import re
import sys
from pathlib import Path
from xml.etree import ElementTree

import numpy as np
import optax
import pytest

from mlp_jax import optimizers, train
from mlp_jax.labs import configs
from mlp_jax.report import document, implementation, listings, methods, text
from tests.report import test_document

LAB6 = ["sgd", "momentum", "nesterov", "adagrad", "adadelta", "adam"]
INITS = ["normal", "xavier", "he"]
SIZES = (784, 128, 10)
ROOT = Path(__file__).resolve().parents[2]
WORDS = {
    "en": document.Words("Figure", "Table", "Fig.", "Table"),
    "pl": document.Words("Rysunek", "Tabela", "rys.", "tab."),
}


RATES = {
    "sgd": 0.3,
    "momentum": 0.1,
    "nesterov": 0.1,
    "adagrad": 0.3,
    "adadelta": 1.0,
    "adam": 0.01,
}
SWEEP = document.Table(["α"], [["0,01"]], "The rates.", key="lr_sweep")  # Cited for Adam's α.


def impl_section(lang, **kw):
    body = implementation.blocks(LAB6, INITS, SIZES, lang, rates=RATES, **kw)
    return body + implementation.appendix(LAB6, INITS, lang) + [SWEEP]


# --------------------------------------------------------------------------
# Listings.
# --------------------------------------------------------------------------


def _numbers(caption: str) -> tuple[str, list[int]]:
    """The file and the line numbers a listing's caption names."""
    path, _, ranges = re.fullmatch(r".* \((\S+\.py), (lines|wiersze) (.+)\)", caption).groups()
    numbers = []
    for part in re.split(r", | and | i ", ranges):
        first, _, last = part.partition("–")
        numbers += range(int(first), int(last or first) + 1)
    return path, numbers


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_every_appendix_listing_is_the_files_own_lines(lang):
    """Each shown line is its file's line (``def`` lines aside: parameter names only), or,
    with a cast dropped, the one line of that statement; no listing repeats another."""
    codes = [b for b in implementation.appendix(LAB6, INITS, lang) if isinstance(b, document.Code)]
    assert len(codes) == 3
    body = [
        b for b in implementation.blocks(LAB6, INITS, SIZES, lang) if isinstance(b, document.Code)
    ]
    shown = [s.strip() for c in codes + body for s in c.text.splitlines() if not s.startswith("#")]
    repeated = [s for s in set(shown) if shown.count(s) > 1 and s.startswith("def ")]
    assert not repeated
    for code in codes:
        path, numbers = _numbers(code.caption)
        text_ = (ROOT / path).read_text("utf-8")
        lines = text_.splitlines()
        starts = {n.lineno: n for n in ast.walk(ast.parse(text_)) if isinstance(n, ast.stmt)}
        kept = [s.strip() for s in code.text.splitlines() if not s.strip().startswith("def ")]
        assert len(kept) == len(numbers), path
        for line, n in zip(kept, numbers, strict=True):
            plain = listings.Plain()
            one = ast.unparse(plain.visit(starts[n])) if n in starts else None
            assert line == lines[n - 1].strip() or (plain.changed and line == one), line
        assert '"""' not in code.text  # Docstrings left out.
        for plumbing in ("_check_inexact", "add_decayed_weights", "_chain", "conj", "mu_dtype"):
            assert plumbing not in code.text
    assert sum(len(c.text.splitlines()) for c in codes) <= 45  # About a page.


def test_the_listings_are_numbered_through_the_body_and_the_appendix():
    body = [b for b in implementation.blocks(LAB6, INITS, SIZES, "pl", rates=RATES)]
    rest = implementation.appendix(LAB6, INITS, "pl")
    captions = [b.caption for b in body + rest if isinstance(b, document.Code)]
    assert [int(re.match(r"Listing (\d+)\. ", c)[1]) for c in captions] == list(
        range(1, len(captions) + 1)
    )
    assert not any(".py" in c for c in captions[:2])  # No paths in the body.
    step = next(b.text for b in body if isinstance(b, document.Paragraph) and "Listing 1" in b.text)
    assert "Listing 1" in step and captions[0].startswith("Listing 1. Linie programu")


# Formulas.
# --------------------------------------------------------------------------

_COMPOUND = re.compile(r"_\{[^{}]*[-+][^{}]*\}")


def _compound_subscripts(mathml: str) -> int:
    """``msub``/``msubsup`` elements whose subscript is an ``mrow`` holding an operator."""
    tree = ElementTree.fromstring(mathml)
    count = 0
    for element in tree.iter():
        if element.tag.split("}")[-1] in ("msub", "msubsup"):
            sub = list(element)[1]
            ops = [e for e in sub.iter() if e.tag.endswith("mo")]
            count += sub.tag.endswith("mrow") and bool(ops)
    return count


def _latex(blocks):
    """Every formula of the blocks: displayed, and inline in their texts."""
    out = [b.latex for b in blocks if isinstance(b, document.Math)]
    texts = [b.text for b in blocks if isinstance(b, document.Paragraph)]
    texts += [t for b in blocks if isinstance(b, document.Items) for t in b.items]
    texts += [c for b in blocks if isinstance(b, document.Table) for row in b.rows for c in row]
    return out + [m for t in texts for m in re.findall(r"\\\((.+?)\\\)", t)]


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_compound_subscripts_are_grouped_in_mathml(lang):
    formulas = _latex(implementation.blocks(LAB6, INITS, SIZES, lang))
    trained = [methods.Trained(n, 0.1) for n in LAB6]
    network = methods.Network(SIZES, "relu", "data", 128, 10, 10)
    formulas += _latex(methods.blocks(network, trained, dict.fromkeys(INITS, 1.0), lang))
    compound = [f for f in formulas if _COMPOUND.search(f)]
    assert len(compound) >= 8  # θ_{t+1}, v_{t-1}, G_{t-1}, E[…]_{t-1}, …
    for latex in formulas:
        mathml = document.mathml(latex)
        assert "merror" not in mathml, latex
        assert _compound_subscripts(mathml) == len(_COMPOUND.findall(latex)), latex


needs_browser = pytest.mark.skipif(document.browser() is None, reason="needs Chromium")


def _ink_bottom(tmp_path: Path, latex: str) -> int:
    """The lowest inked row of the formula, laid out by the browser at 120 px."""
    tmp_path.mkdir()
    return int(np.nonzero(test_document.math_ink(tmp_path, latex, width=800))[0].max())


@needs_browser
def test_the_browser_lowers_compound_subscripts(tmp_path):
    """Review 2026-12-06, criterion 1: "θ_{t+1}" was drawn as "θt + 1" on the baseline."""
    lowered = _ink_bottom(tmp_path / "sub", r"x_{t+1}")
    baseline = _ink_bottom(tmp_path / "base", r"x")  # x sits on the baseline.
    assert lowered > baseline + 0.15 * 120, (lowered, baseline)  # Unlowered: 6 px below.


def test_flat_writes_fractions_on_the_line():
    assert implementation.flat(r"\frac{2}{n_{\mathrm{in}}+n_{\mathrm{out}}}") == (
        r"2/(n_{\mathrm{in}}+n_{\mathrm{out}})"
    )
    assert implementation.flat(r"\mathcal{N}\left(0, \frac{2}{n_{\mathrm{in}}}\right)") == (
        r"\mathcal{N}(0, 2/n_{\mathrm{in}})"
    )


# --------------------------------------------------------------------------
# What optax gives; the optimizers' state.
# --------------------------------------------------------------------------


def test_optax_names_are_read_from_code_not_strings(tmp_path):
    source = '"""optax.adam in a docstring."""\nimport optax\n'
    source += 'x = optax.chain\ndef f():\n    return optax.tree_utils.foo(1)\nz = "optax.sgd"\n'
    (tmp_path / "fake_module.py").write_text(source)
    spec = importlib.util.spec_from_file_location("fake_module", tmp_path / "fake_module.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["fake_module"] = module
    try:
        spec.loader.exec_module(module)
        assert implementation.optax_names(module) == ["chain", "tree_utils.foo"]
    finally:
        del sys.modules["fake_module"]


def test_every_optax_name_our_code_uses_has_a_role_and_none_is_an_optimizer():
    """The section's claim: only the interface and helpers come from optax."""
    for module in (optimizers, train):
        source = inspect.getsource(module)
        names = implementation.optax_names(module)
        assert names and all(f"optax.{n}" in source for n in names)
        roles = [implementation.optax_role(n) for n in names]
        assert "other" not in roles and "optimizer" not in roles, names
    assert implementation.optax_role("adam") == "optimizer"
    assert implementation.optax_role("contrib.muon") == "other"


def test_the_training_step_is_as_the_section_says():
    """Gradient by automatic differentiation, the optimizer's update, then θ + u; the
    state is carried with the parameters."""
    step = inspect.getsource(listings.gradient_step(train))
    assert "jax.value_and_grad(" in step and "opt.update(grads" in step
    assert "p + u" in step and "params=params, opt_state=opt_state" in step


@pytest.mark.parametrize(
    ("name", "record", "arrays"),
    [
        ("sgd", None, 0),
        ("momentum", optimizers.TraceState, 1),
        ("adagrad", optimizers.ScaleByRssState, 1),
        ("adadelta", optimizers.ScaleByAdaDeltaState, 2),
        ("adam", optimizers.ScaleByAdamState, 2),
    ],
)
def test_state_is_read_from_the_state_records(name, record, arrays):
    state = implementation.state_of(name)
    assert state.fields == (record._fields if record else ())
    assert state.per_parameter == arrays
    assert all(f in implementation.FIELD_SYMBOLS for f in state.fields)


# --------------------------------------------------------------------------
# Deviations from the instruction.
# --------------------------------------------------------------------------


def _default(fn, name):
    return inspect.signature(fn).parameters[name].default


def test_deviations_name_the_signatures_defaults():
    found = implementation.deviations(["adagrad", "adadelta", "adam"], lang="en")
    g0 = _default(optimizers.adagrad, "initial_accumulator_value")
    eps = _default(optimizers.adagrad, "eps")
    assert any(f"G_0 = {g0:g}" in s for s in found)
    exponent = round(np.log10(eps))
    assert any(rf"\varepsilon = 10^{{{exponent}}}" in s and "under the root" in s for s in found)
    assert any("Adadelta" in s and r"\alpha = 1" in s for s in found)
    assert not any("Adam**" in s for s in found)  # ε̄ = 0 and no NAdam: the lab's Adam.


def test_a_changed_default_changes_the_sentence(monkeypatch):
    def lab_adagrad(learning_rate, initial_accumulator_value=0.0, eps=1e-8, *, eps_in_sqrt=False):
        return optimizers.adagrad(learning_rate, initial_accumulator_value, eps)

    (before,) = implementation.deviations(["adagrad"], lang="pl")
    assert before.startswith("**Adagrad** (Duchi i in., 2011): ") and before.count(". ") >= 1
    assert "G_0" in before and r"\sqrt{G_t + \varepsilon}" in before  # Both differences.
    monkeypatch.setitem(optimizers.OPTIMIZERS, "adagrad", lab_adagrad)
    assert implementation.deviations(["adagrad"], lang="pl") == []
    kwargs = {"adagrad": {"eps": 1e-6}}
    (only,) = implementation.deviations(["adagrad"], kwargs, lang="pl")
    assert r"\varepsilon = 10^{-6}" in only and r"10^{-8}" in only


def test_adadeltas_sentence_follows_the_trained_rate():
    at_one = implementation.deviations(["adadelta"], rates={"adadelta": 1.0}, lang="pl")
    at_half = implementation.deviations(["adadelta"], rates={"adadelta": 0.5}, lang="pl")
    assert at_one != at_half and r"\alpha = 0\text{,}5" in at_half[0]
    assert implementation.deviations(["adam"], {"adam": {"eps_root": 1e-8}}, lang="en")


# --------------------------------------------------------------------------
# Agreement with optax.
# --------------------------------------------------------------------------


def _cell(value: str) -> float:
    """A table's number back to a float: ``2,4·10⁻⁷`` → 2.4e-07."""
    digits = str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")
    value = value.replace(",", ".").translate(digits)
    mantissa, _, exponent = value.partition("·10")
    return float(mantissa) * 10 ** int(exponent or 0)


def test_our_optimizers_agree_with_optax_in_the_table():
    (table,) = [
        b
        for b in implementation.blocks(LAB6, INITS, SIZES, "pl")
        if isinstance(b, document.Table) and b.key == "impl.optax"
    ]
    assert [row[0] for row in table.rows] == [methods.label(n, "pl") for n in LAB6]
    for row in table.rows:
        assert _cell(row[2]) < implementation.TOLERANCE
        assert _cell(row[3]) > 0.1  # The parameters did move: the check can see a difference.


def test_the_check_can_fail():
    ours = optimizers.adam(0.01)
    gap, moved = implementation.max_difference(ours, optax.sgd(0.05))
    assert gap > 100 * implementation.TOLERANCE and moved > 0.1
    assert implementation.max_difference(ours, optimizers.adam(0.01))[0] == 0.0
    assert implementation.max_difference(ours, optax.adam(0.01, b1=0.8))[0] > 1e-3


def test_an_optimizer_without_a_counterpart_is_said(monkeypatch):
    kwargs = {"adagrad": {"eps_in_sqrt": False}}
    (row,) = implementation.agreement(["adagrad"], kwargs)
    assert np.isnan(row.difference)
    blocks = implementation.blocks(["adagrad"], ["he"], SIZES, "en", kwargs=kwargs)
    md = document.markdown(blocks)
    assert "No counterpart in optax: Adagrad." in md and "| Adagrad | 0.01 | — | — |" in md


# --------------------------------------------------------------------------
# The section in both languages.
# --------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_both_languages_render_without_code_in_the_prose(lang):
    blocks = document.numbered(impl_section(lang), WORDS[lang])
    page = document.html(blocks, title="t", lang=lang)
    assert "@tab:" not in page and "merror" not in page
    prose = [b.text for b in blocks if isinstance(b, document.Paragraph)]
    prose += [t for b in blocks if isinstance(b, document.Items) for t in b.items]
    for sentence in prose:
        assert "`" not in sentence and "optax." not in sentence, sentence
        for word in ("eps_in_sqrt", "weight_decay", "nesterov =", "mlp_jax"):
            assert word not in sentence, sentence
    keys = [b.key for b in blocks if isinstance(b, document.Table)]
    assert {"impl.state", "impl.optax", "impl.sigma"} <= set(keys)
    (sigma,) = [b for b in blocks if isinstance(b, document.Table) and b.key == "impl.sigma"]
    assert sigma.rows == methods.sigma_table(dict.fromkeys(INITS, 1.0), SIZES, lang).rows


CITATION = re.compile(r"\b([A-Z]\w+)(?: (?:and|i) [A-Z]\w+| et al\.| i in\.)?(?:, | \()(\d{4})\b")
"""A citation in running text: "Duchi et al., 2011", "Kingmę i Ba (2015)", "He i in., 2015"."""


def _cited(prose: str) -> set[tuple[str, str]]:
    return {(name, year) for name, year in CITATION.findall(prose) if name not in ("Tabela",)}


def _entry(surname: str, year: str) -> list[str]:
    """The bibliography's keys of ``surname`` (in any Polish case: "Kingmę") and ``year``."""
    stem = surname if len(surname) <= 3 else surname[:-1]
    return [
        k
        for k, ref in implementation.BIBLIOGRAPHY.items()
        if ref.startswith(stem) and f"({year})" in ref
    ]


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_every_citation_is_in_the_bibliography_and_every_entry_is_cited(lang):
    phrases = " ".join(text.PHRASES[lang].values())
    cited = _cited(phrases)
    for surname, year in cited:
        assert len(_entry(surname, year)) == 1, (surname, year)
    keys = {k for c in cited for k in _entry(*c)}
    assert keys == set(implementation.BIBLIOGRAPHY)  # None listed and never cited.
    section = {k for c in _cited(document.markdown(impl_section(lang))) for k in _entry(*c)}
    assert section == set(implementation.BIBLIOGRAPHY) - {"xiao2017"}  # The data: the lead's.


def test_the_bibliography_is_in_the_order_of_the_surnames():
    """``handin`` lists it sorted by key: the keys are the surname and year, and each
    entry starts with its first author's surname."""
    for key, ref in implementation.BIBLIOGRAPHY.items():
        surname, year = ref.split(" ")[0], re.search(r"\((\d{4})\)", ref)[1]
        assert key == f"{surname.lower()}{year}", key
    surnames = [
        implementation.BIBLIOGRAPHY[k].split(" ")[0] for k in sorted(implementation.BIBLIOGRAPHY)
    ]
    assert surnames == sorted(surnames) and "Xiao" in surnames


def test_nesterov_in_our_variables_is_the_instructions_look_ahead():
    """The section's claim: φ_t = θ_t − γ v_{t−1} follows the instruction's NAG exactly."""
    rng = np.random.default_rng(0)
    q = rng.normal(size=(5, 5))
    a = q @ q.T / 5 + np.eye(5)  # A quadratic C(θ) = ½ θᵀAθ, ∇C = Aθ.
    theta = rng.normal(size=5)
    alpha, gamma = 0.05, 0.9
    tx = optimizers.nesterov(alpha, gamma)
    phi = np.asarray(theta, np.float32)
    state = tx.init(phi)
    v = np.zeros(5)
    for _ in range(50):
        v_prev = v
        v = gamma * v_prev + alpha * a @ (theta - gamma * v_prev)  # The instruction's rule.
        theta = theta - v
        updates, state = tx.update(np.asarray(a @ phi, np.float32), state, phi)
        phi = np.asarray(optax.apply_updates(phi, updates))
    np.testing.assert_allclose(phi, theta - gamma * v, atol=1e-5)


def test_the_uniform_variant_is_discussed_only_with_xaviers_method():
    said = text.say("en", "impl.init.same", uniform="U", variance="V")[:30]
    with_xavier = document.markdown(implementation.blocks(["adam"], ["xavier"], SIZES, "en"))
    without = document.markdown(implementation.blocks(["adam"], ["he"], SIZES, "en"))
    assert said in with_xavier and said not in without
    assert "2/(n_{\\mathrm{in}}+n_{\\mathrm{out}})" in with_xavier  # Xavier's variance.


@pytest.mark.parametrize(
    ("rate", "default", "said"),
    [
        (0.01, 0.01, ["10 razy więcej niż", "przeszukiwanie siatki"]),
        (0.0025, 0.01, ["2,5 raza więcej niż", "jak ją wybrano"]),
        (0.0005, 0.0005, ["2 razy mniej niż", "przeszukiwanie siatki"]),
        (0.001, 0.01, ["tyle, ile zalecają Kingma i Ba (2015)", "jak ją wybrano"]),
    ],
)
def test_adams_rate_is_said_against_kingma_and_bas(monkeypatch, rate, default, said):
    """Review 2026-12-06, criterion 3: α = 0,01 is 10× the paper's, and why."""
    monkeypatch.setitem(configs.DEFAULT_LR, "adam", default)
    sentence = implementation.adam_rate(rate, "pl")
    assert all(s in sentence for s in said), sentence
    assert "@tab:lr_sweep" in sentence and r"\alpha = 0\text{,}001" in sentence


def _verdict(differences, lang="pl"):
    found = [implementation.Agreement(n, 0.1, d, 1.0) for n, d in zip(LAB6, differences)]
    return implementation.agreement_blocks(found, lang)[0].text


def test_an_exact_zero_is_explained_and_only_then():
    exact = text.say("pl", "impl.optax.exact", names="X")[:25]
    rounding = text.say("pl", "impl.optax.rounding")
    mixed = _verdict([0.0, 2e-7, 0.0])
    assert exact in mixed and rounding in mixed and "(SGD i Momentum Nesterova)" in mixed
    every = _verdict([0.0, 0.0])
    assert exact in every and rounding not in every
    none = _verdict([1e-7, 3e-7])
    assert exact not in none and rounding not in none
