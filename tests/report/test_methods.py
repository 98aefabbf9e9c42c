"""The methods section: formulas from the docstrings, values and σ from the code."""

import functools
import math
import re
from xml.etree import ElementTree

import jax
import numpy as np
import pytest

from mlp_jax import initializers, optimizers
from mlp_jax.labs import configs
from mlp_jax.report import document, methods, text

SIZES = (784, 128, 10)


@pytest.mark.parametrize("name", sorted(optimizers.OPTIMIZERS))
def test_every_optimizers_rule_converts_to_mathml(name):
    rule = methods.update_rule(name, {"momentum": 0.9} if name == "sgd" else {})
    assert rule, name
    for latex in rule:
        element = ElementTree.fromstring(document.mathml(latex, display=True))
        assert element.tag.endswith("math") and "merror" not in document.mathml(latex)
        assert not latex.endswith((",", "."))


def test_rules_are_the_docstrings_first_math_run():
    assert methods.update_rule("sgd") == [r"u_t = -\alpha_t g_t"]  # Plain SGD.
    assert methods.update_rule("momentum") == [
        r"v_t = \gamma v_{t-1} + \alpha_t \nabla C(\theta_t), \qquad \theta_{t+1} = \theta_t - v_t"
    ]
    # Nesterov: the lab's rule, not the change of variables derived after it.
    (nesterov,) = methods.update_rule("nesterov")
    assert r"\nabla C(\theta_t - \gamma v_{t-1})" in nesterov and r"\phi" not in nesterov
    adam = methods.update_rule("adam")  # Two consecutive blocks: moments, then the step.
    assert len(adam) == 2 and adam[1].startswith(r"\theta_{t+1} = \theta_t - \frac{\alpha_t}")


def test_hyperparameters_are_signature_defaults_with_overrides():
    assert methods.hyperparameters("adam") == {
        "b1": 0.9,
        "b2": 0.999,
        "eps": 1e-8,
        "eps_root": 0.0,
        "nesterov": False,
    }
    assert methods.hyperparameters("adadelta", {"rho": 0.95})["rho"] == 0.95
    assert methods.hyperparameters("momentum", {"momentum": 0.7}) == {"momentum": 0.7}
    assert methods.symbols("adam") == {
        "learning_rate": r"\alpha",
        "b1": r"\beta_1",
        "b2": r"\beta_2",
        "eps": r"\varepsilon",
        "eps_root": r"\bar\varepsilon",
    }
    assert methods.symbols("adadelta")["rho"] == r"\rho"


@pytest.mark.parametrize(
    ("init", "closed_form"),
    [
        ("xavier", lambda a, b: math.sqrt(2 / (a + b))),
        ("xavier_uniform", lambda a, b: math.sqrt(2 / (a + b))),
        ("he", lambda a, b: math.sqrt(2 / a)),
        ("he_uniform", lambda a, b: math.sqrt(2 / a)),
        ("lecun", lambda a, b: math.sqrt(1 / a)),
        ("normal", lambda a, b: 1.0),
        ("zeros", lambda a, b: 0.0),
    ],
)
def test_sigmas_match_the_closed_forms_and_the_drawn_weights(init, closed_form):
    sigmas = methods.sigmas(init, SIZES)
    np.testing.assert_allclose(sigmas, [closed_form(784, 128), closed_form(128, 10)], rtol=1e-12)
    w = np.asarray(initializers.get(init)(jax.random.key(0), (784, 128)))
    assert np.std(w) == pytest.approx(sigmas[0], rel=0.01, abs=1e-12)  # 100 352 draws.


def test_the_reviews_numbers_and_a_scaled_normal():
    assert round(methods.sigmas("xavier", SIZES)[0], 4) == 0.0468
    assert round(methods.sigmas("he", SIZES)[0], 4) == 0.0505
    assert methods.sigmas("normal", SIZES, scale=0.1) == pytest.approx([0.1, 0.1])


@pytest.mark.parametrize(
    ("init", "variant", "distribution", "variance"),
    [
        (
            "xavier",
            "normal",
            r"\mathcal{N}\left(0, \frac{2}{n_{\mathrm{in}}+n_{\mathrm{out}}}\right)",
            r"\frac{2}{n_{\mathrm{in}}+n_{\mathrm{out}}}",
        ),
        (
            "he_uniform",
            "uniform",
            r"\mathcal{U}\left[-\sqrt{\frac{6}{n_{\mathrm{in}}}}, \sqrt{\frac{6}{n_{\mathrm{in}}}}\right]",
            r"\frac{2}{n_{\mathrm{in}}}",
        ),
        ("normal", "normal", r"\mathcal{N}\left(0, \sigma^2\right)", r"\sigma^2"),
        ("zeros", "constant", "0", "0"),
    ],
)
def test_initializer_formulas_come_from_the_docstring_table(init, variant, distribution, variance):
    f = methods.formula(init)
    assert (f.variant, f.distribution, f.variance) == (variant, distribution, variance)
    ElementTree.fromstring(document.mathml(f.distribution))


def test_every_initializer_in_the_table_converts():
    for name in initializers.INITIALIZERS:
        f = methods.formula(name)
        for latex in (f.distribution, f.variance):
            assert "merror" not in document.mathml(latex) and "n_in" not in latex


def test_biases_start_at_zero():
    assert methods.bias_init() == "zeros"


def _section(lang):
    network = methods.Network(SIZES, "relu", "Fashion-MNIST", 128, 10, 10, 0)
    trained = [
        methods.Trained("sgd", 0.3, "exercise 2"),
        methods.Trained("adam", 0.003162, "grid", {"b2": 0.99}),
    ]
    inits = {"normal": 1.0, "xavier": 1.0, "he": 1.0}
    return methods.blocks(network, trained, inits, lang)


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_methods_section_holds_the_trained_values(lang):
    blocks = _section(lang)
    md = document.markdown(blocks)
    say = functools.partial(text.say, lang)
    assert blocks[0] == document.Heading(2, say("methods.h"))
    comma = "," if lang == "pl" else "."
    assert f"$\\alpha$ = 0{comma}3 (exercise 2)" in md
    assert f"$\\alpha$ = 0{comma}00316 (grid)" in md
    assert f"$\\beta_1$ = 0{comma}9, $\\beta_2$ = 0{comma}99, $\\varepsilon$ = $10^{{-8}}$" in md
    assert "$$\nu_t = -\\alpha g_t\n$$" in md  # α is constant: no α_t.
    (table,) = [b for b in blocks if isinstance(b, document.Table)]
    assert table.rows == [
        ["1", "784 → 128", f"1{comma}0000", f"0{comma}0468", f"0{comma}0505"],
        ["2", "128 → 10", f"1{comma}0000", f"0{comma}1204", f"0{comma}1250"],
    ]
    assert table.header[2:] == [
        "σ: N(0, 1)",
        f"σ: {say('methods.name.xavier')}",
        f"σ: {say('methods.name.he')}",
    ]
    assert "784–128–10" in md and "relu" in md and "Fashion-MNIST" in md
    assert text.say(lang, "setup.training", batch=128, epochs=10, seeds=10, seed=0) in md
    assert text.say(lang, "methods.biases", value="0") in md
    maths = [b.latex for b in blocks if isinstance(b, document.Math)]
    assert r"w \sim \mathcal{N}\left(0, 1\right), \qquad \operatorname{Var}(w) = 1" in maths
    page = document.html(blocks, title="t", lang=lang)
    assert page.count("<math") == md.count("$$") // 2 + len(re.findall(r"(?<!\$)\$[^$\n]+\$", md))


@pytest.mark.parametrize(
    ("name", "lang", "shown"),
    [
        ("adam", "en", "Adam"),
        ("nesterov", "pl", "Momentum Nesterova"),
        ("normal", "pl", "N(0, 1)"),
        ("xavier", "en", "Xavier (Glorot)"),
        ("he", "pl", "He"),
        ("sigmoid", "pl", "funkcja sigmoidalna"),
        ("relu", "en", "ReLU"),
        ("swish", "pl", "swish"),
    ],
)
def test_labels(name, lang, shown):
    assert methods.label(name, lang) == shown


def test_label_of_a_scaled_normal():
    assert methods.label("normal", "pl", scale=0.1) == "N(0; 0,01)"  # No comma collision.
    assert methods.label("normal", "en", scale=0.1) == "N(0, 0.01)"
    network = methods.Network(SIZES, "relu", "d", 128, 1, 1)
    blocks = methods.blocks(network, [], {"normal": 0.1}, "pl")
    maths = [b.latex for b in blocks if isinstance(b, document.Math)]
    assert (
        r"w \sim \mathcal{N}\left(0; 0\text{,}01\right), \qquad \operatorname{Var}(w) = 0\text{,}01"
        in maths
    )


def test_describe_names_each_keyword_with_its_value_in_the_language():
    spec = configs.Config("x", "momentum", 0.1, optimizer_kwargs={"momentum": 0.95}).spec()
    assert methods.describe(spec, "pl") == (
        "Momentum, współczynnik uczenia 0,1, momentum = 0,95, inicjalizacja wag: N(0, 1)"
    )
    assert (
        methods.describe(spec)
        == "Momentum, learning rate 0.1, momentum = 0.95, N(0, 1) initialization"
    )


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_settings_are_words_and_symbols_not_keywords(lang):
    """Review 2026-12-06, criterion 1: "eps_in_sqrt = tak", "nesterov = nie",
    "weight_decay = 0" and "(mlp_jax.optimizers.sgd)" stood in for prose."""
    trained = [methods.Trained(n, 0.1) for n in ("sgd", "momentum", "nesterov")]
    trained += [methods.Trained(n, 0.1) for n in ("adagrad", "adadelta", "adam")]
    network = methods.Network(SIZES, "relu", "data", 128, 10, 10)
    blocks = methods.blocks(network, trained, {"he": 1.0}, lang)
    prose = [b.text for b in blocks if isinstance(b, document.Paragraph)]
    for line in prose:
        assert "`" not in line and "_" not in re.sub(r"\\\(.*?\\\)", "", line), line
    adagrad = next(line for line in prose if line.startswith("**Adagrad**"))
    assert text.say(lang, "methods.flag.eps_in_sqrt.yes") in adagrad
    adam = next(line for line in prose if line.startswith("**Adam**"))
    assert r"\bar\varepsilon" not in adam  # ε̄ = 0: dropped from the list and the formula.
    maths = " ".join(b.latex for b in blocks if isinstance(b, document.Math))
    assert r"\bar\varepsilon" not in maths and r"\alpha_t" not in maths
    assert r"\frac{\alpha}{\sqrt{\hat v_t} + \varepsilon} \hat m_t" in maths


def test_the_report_rule_completes_adadelta_and_follows_the_settings():
    adadelta = methods.report_rule(methods.Trained("adadelta", 1.0))
    assert r"RMS[x]_t = \sqrt{E[x^2]_t + \varepsilon}" in adadelta[-1]
    assert r"\theta_{t+1} = \theta_t + \alpha \Delta\theta_t" in adadelta[-1]
    assert all(line.count(r"\qquad") <= 1 for line in adadelta)  # At most two a line.
    lab = methods.Trained("adagrad", 0.1, kwargs={"eps_in_sqrt": False})
    (rule,) = methods.report_rule(lab)
    assert r"\frac{\alpha}{\sqrt{G_t} + \varepsilon} g_t" in rule and "|" not in rule
    scheduled = methods.Trained("adam", 0.1, kwargs={"eps_root": 1e-8}, schedule="cosine")
    rule = " ".join(methods.report_rule(scheduled))
    assert r"\alpha_t" in rule and r"\sqrt{\hat v_t + \bar\varepsilon}" in rule
    network = methods.Network(SIZES, "relu", "data", 128, 10, 10)
    blocks = methods.blocks(network, [scheduled, lab], {"he": 1.0}, "en")
    assert document.Paragraph(text.say("en", "methods.notation.schedule")) in blocks
    md = document.markdown(blocks)
    assert r"$\bar\varepsilon$ = $10^{-8}$" in md and "$G_0$ = 0" in md  # G₀ is no term.
