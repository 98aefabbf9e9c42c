"""The listings: our modules' own lines, only those that compute, in the branch a
configuration runs, without what real float32 arrays do not need."""

import ast
from pathlib import Path

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from mlp_jax import model, optimizers, train
from mlp_jax.report import document, lab_report, listings, methods, text
from tests.report.test_implementation import LAB6, RATES, impl_section

ROOT = Path(__file__).resolve().parents[2]


def _file_lines(formula):
    lines = (ROOT / formula.path).read_text("utf-8").splitlines()
    return [lines[n - 1].strip() if n else None for n in formula.numbers]


def test_a_formula_is_the_files_own_lines_with_def_lines_from_the_names():
    found = listings.formula(listings.init_sources("normal")[0])
    assert found.shown == (
        "def _normal(variance):",
        "    def init(key, shape, dtype):",
        "        return math.sqrt(variance(*shape)) * jax.random.normal(key, shape, dtype)",
    )
    for shown, line in zip(found.shown, _file_lines(found), strict=True):
        assert line is None or shown.strip() == line


@pytest.mark.parametrize("nesterov", [False, True])
def test_a_formula_takes_the_branch_of_its_settings(nesterov):
    """Adam's update as built: the NAdam look-ahead only where it runs; no bookkeeping."""
    update = optimizers.scale_by_adam(nesterov=nesterov).update
    found = listings.formula(update, header=False)
    shown = "\n".join(found.shown)
    assert ("_increment(count)" in shown) == nesterov  # The look-ahead's t + 1.
    assert ("mu_hat = _bias_correction(mu, b1, count)" in shown) != nesterov
    for bookkeeping in ("if nesterov", "else:", "del params", "return", "ScaleByAdamState"):
        assert bookkeeping not in shown
    for shown_line, line in zip(found.shown, _file_lines(found), strict=True):
        assert shown_line.strip() in line  # A statement's first line keeps its source text.


@pytest.mark.parametrize(
    ("source", "plain"),
    [
        ("y = (x.conj() * x).real", "y = x * x"),
        ("y = m / c.astype(m.dtype)", "y = m / c"),
        ("y = jnp.asarray(s * a, g.dtype) * g", "y = s * a * g"),
        ("y = (a + b).real * c", "y = (a + b) * c"),  # Precedence kept.
        ("y = m.astype(jnp.bfloat16)", None),  # A cast to another dtype stays.
        ("y = jnp.asarray(a)", None),
    ],
)
def test_only_what_real_float32_arrays_do_not_need_is_dropped(source, plain):
    dropped = listings.Plain()
    tree = dropped.visit(ast.parse(source))
    assert dropped.changed == (plain is not None)
    assert ast.unparse(tree) == (plain or source)


def _run_shown(shown: str, module) -> dict:
    """The shown functions, defined in a copy of ``module``'s namespace."""
    space = dict(vars(module))
    exec(shown, space)  # noqa: S102 (our own listing's text, run to check its bits)
    return space


def test_the_helpers_listing_computes_the_modules_bits_for_float32():
    """What the appendix shows of each helper gives the module's own helper's bits."""
    found = listings.helpers(listings.rules(LAB6, {}, RATES))
    names = [f.__name__ for f in found]
    assert {"_abs_sq", "_ema", "_ema_abs_sq", "_bias_correction", "_rescale"} <= set(names)
    shown = "\n".join(s for f in found for s in listings.formula(f).shown)
    for leftover in ("conj", "astype", "asarray", ".real", "_canonical_dtype", "mu_dtype"):
        assert leftover not in shown
    space = _run_shown(shown, optimizers)
    rng = np.random.default_rng(0)
    g, m = ({"w": jnp.asarray(rng.normal(size=(5, 3)), jnp.float32)} for _ in range(2))
    count = jnp.asarray(7, jnp.int32)
    calls = {
        "_abs_sq": (g["w"],),
        "_ema": (g, m, 0.9),
        "_ema_abs_sq": (g, m, 0.999),
        "_bias_correction": (m, 0.9, count),
        "_rescale": (g, jax.tree.map(jnp.abs, m), 1e-8, 1e-7),
        "_increment": (count,),
    }
    for name in names:
        want = jax.jit(getattr(optimizers, name))(*calls[name])
        got = jax.jit(space[name])(*calls[name])
        for a, b in zip(jax.tree.leaves(got), jax.tree.leaves(want), strict=True):
            assert a.dtype == b.dtype
            np.testing.assert_array_equal(a, b)


def test_the_rules_listing_runs_what_each_optimizer_runs():
    found = listings.rules(LAB6, {}, RATES)
    code = listings.rules_code(found, "en").splitlines()
    labels = [s for s in code if s.startswith("# ")]
    assert labels == [
        "# Adagrad (eps = 0.0, eps_root = 1e-07)",
        "# Adadelta (eps = 1e-06, rho = 0.9)",
        "# Adam (b1 = 0.9, b2 = 0.999, eps = 1e-08, eps_root = 0.0)",
        "# every optimizer (sign = -1)",
        "# Momentum (decay = 0.9)",
        "# Nesterov momentum (decay = 0.9)",
    ], labels
    assert found.in_order  # Each optimizer's blocks stand in the order of its chain.
    nesterov = code[code.index("# Nesterov momentum (decay = 0.9)") + 1 :]
    assert nesterov[-1] == "updates = jax.tree.map(step, updates, new_trace)"
    assert "return jax.tree.map(lambda g: sign * lr * g, updates)" in code  # No cast.
    source = (ROOT / "mlp_jax/optimizers.py").read_text("utf-8")
    plain = [s for s in code if not s.startswith("# ") and s.strip() not in source]
    assert plain == ["return jax.tree.map(lambda g: sign * lr * g, updates)"]
    for padding in ("conj", "_check_inexact", "add_decayed_weights", "nesterov", "del "):
        assert padding not in "\n".join(code)
    assert 20 <= len(code) <= 40


def test_the_comments_give_the_numbers_each_block_reads_as_trained():
    kwargs = {"adam": {"b1": 0.8}, "momentum": {"momentum": 0.5}}
    code = listings.rules_code(listings.rules(["momentum", "adam"], kwargs, RATES), "en")
    assert "# Adam (b1 = 0.8, b2 = 0.999, eps = 1e-08, eps_root = 0.0)" in code
    assert "# Momentum (decay = 0.5)" in code


def test_blocks_follow_every_optimizers_order_or_say_they_cannot():
    order, kept = listings.in_order(["a", "b", "c"], [["c", "b"], ["a", "b"]])
    assert kept and order.index("c") < order.index("b") and order.index("a") < order.index("b")
    assert listings.in_order(["a", "b"], [["a", "b"], ["b", "a"]]) == (["a", "b"], False)


def test_the_training_step_shows_what_the_new_parameters_come_from():
    step = listings.formula(listings.gradient_step(train), of=("params",))
    shown = "\n".join(step.shown)
    assert "jax.value_and_grad(" in shown and "opt.update(grads" in shown
    assert "p + u" in shown and "astype" not in shown
    assert "acc =" not in shown and "_replace" not in shown  # Not needed for params.


def test_checks_are_not_formulas():
    shown = "\n".join(listings.formula(model.init_mlp).shown)
    assert "check_layer_sizes" not in shown and "fold_in(key, i)" in shown


def test_the_initializers_listing_draws_xavier_and_he():
    sources = listings.init_sources("xavier") + listings.init_sources("he")
    names = [f.__name__ for f in sources]
    assert names == ["_normal", "_xavier", "_normal", "_he"]
    assert [f.__name__ for f in listings.init_sources("normal")] == ["_normal", "normal"]


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_the_text_says_who_runs_the_shared_block_before_their_own(lang):
    """Momentum and Nesterov's momentum scale by −α before their trace (their state holds
    −v, ``optimizers.momentum``); the others scale last. The listing's one order holds
    both, and the text says which run the shared block first."""
    found = listings.rules(LAB6, {}, RATES)
    runs = {n: [b for b in found.blocks if n in b.users] for n in LAB6}
    shared = next(b for b in found.blocks if b.users == tuple(LAB6))
    first = [n for n in LAB6 if runs[n].index(shared) < len(runs[n]) - 1]
    assert first == ["momentum", "nesterov"] == listings.every_first(found)
    assert listings.every_first(listings.rules(["adam", "adagrad"], {}, RATES)) == []
    assert listings.every_first(listings.rules(["momentum"], {}, RATES)) == []
    names = lab_report.join([methods.label(n, lang) for n in first], lang)
    every = text.say(lang, "impl.listing.every")
    sentence = text.say(lang, "report5.order.every_first", names=names, every=every)
    words = " ".join(b.text for b in impl_section(lang) if isinstance(b, document.Paragraph))
    assert sentence in words
