"""The listings: our modules' own lines, only those that compute, in the branch a
configuration runs."""

import inspect
from pathlib import Path

import pytest

from mlp_jax import optimizers
from mlp_jax.report import listings
from tests.report.test_implementation import LAB6, RATES

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


def test_the_rules_listing_runs_what_each_optimizer_runs():
    code = listings.rules_code(LAB6, {}, RATES, "en").splitlines()
    labels = [s for s in code if s.startswith("# ")]
    assert labels == [
        "# every optimizer",
        "# Momentum",
        "# Nesterov momentum",
        "# Adagrad",
        "# Adadelta",
        "# Adam",
    ], labels
    nesterov = code[code.index("# Nesterov momentum") + 1 : code.index("# Adagrad")]
    assert nesterov[-1] == "updates = jax.tree.map(step, updates, new_trace)"
    momentum = code[code.index("# Momentum") + 1 : code.index("# Nesterov momentum")]
    assert momentum[-1] == "updates = new_trace"
    source = (ROOT / "mlp_jax/optimizers.py").read_text("utf-8")
    for line in code:
        assert line.startswith("# ") or line.strip() in source
    for padding in ("conj", "_check_inexact", "add_decayed_weights", "nesterov", "del "):
        assert padding not in "\n".join(code)
    assert 20 <= len(code) <= 40


def test_the_initializers_listing_draws_xavier_and_he():
    sources = listings.init_sources("xavier") + listings.init_sources("he")
    names = [f.__name__ for f in sources]
    assert names == ["_normal", "_xavier", "_normal", "_he"]
    assert [f.__name__ for f in listings.init_sources("normal")] == ["_normal", "normal"]


def test_dependencies_follow_the_calls_in_line_order():
    found = [f.__name__ for f in listings.dependencies(optimizers.adagrad)]
    assert {"adagrad", "scale_by_rss", "ScaleByRssState", "_rescale", "_chain"} <= set(found)
    assert "scale_by_adam" not in found
    lines = [inspect.getsourcelines(getattr(optimizers, n))[1] for n in found]
    assert lines == sorted(lines)


# --------------------------------------------------------------------------
