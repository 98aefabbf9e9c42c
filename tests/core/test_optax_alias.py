"""optax's own alias tests, run with our optimizers in place of optax's.

The cases come from the installed ``optax._src.alias_test`` (so every optax release
re-checks that our optimizers are drop-in replacements): each case of its ``AliasTest``
that names an optimizer we implement runs as it is, with the module's ``alias`` (the
name through which it reaches ``optax.adam`` and the others) replaced by a namespace
holding only our functions. A case that reached for any other optax alias would fail
with ``AttributeError`` instead of silently testing optax.

The cases skip themselves where optax's own test does so (e.g. adadelta with complex
parameters); none of the applicable cases needs an optax-only keyword.
"""

import inspect
import types
import unittest

import pytest
from optax._src import alias_test  # imports scikit-learn: in the `test` extra

from mlp_jax import optimizers

OURS = ("sgd", "adagrad", "adadelta", "rmsprop", "adam", "nadam", "adamax", "amsgrad", "adamw")
# test_explicit_dtype calls SGD with momentum "sgd_mom" (and builds it with alias.sgd).
CASE_OPTIMIZER = {"sgd_mom": "sgd"}


def case_params(name):
    """The keyword arguments absl's ``parameterized`` gives the test method ``name``."""
    method = getattr(alias_test.AliasTest, name)
    params = inspect.getclosurevars(method).nonlocals.get("testcase_params", {})
    return params if isinstance(params, dict) else {}


def applies(params):
    """Whether the case tests one of the optimizers we implement."""
    name = params.get("opt_name")
    return CASE_OPTIMIZER.get(name, name) in OURS


def describe(params):
    """A readable test id: optimizer, keyword arguments, target and dtypes."""
    parts = []
    for value in params.values():
        if isinstance(value, dict):
            parts.append(",".join(f"{k}={v}" for k, v in value.items()) or "defaults")
        else:
            parts.append(str(getattr(value, "__name__", value)))
    return "-".join(parts)


CASES = {
    name: case_params(name) for name in unittest.TestLoader().getTestCaseNames(alias_test.AliasTest)
}
APPLICABLE = {name: params for name, params in CASES.items() if applies(params)}


@pytest.fixture
def our_aliases(monkeypatch):
    """``alias_test`` sees our optimizers, and no other optax alias, as ``alias``."""
    ours = types.SimpleNamespace(**{name: getattr(optimizers, name) for name in OURS})
    monkeypatch.setattr(alias_test, "alias", ours)


def test_every_optimizer_has_cases():
    """Guards the selection: absl still exposes the parameters and every name is used."""
    assert all(CASES.values()), "absl's parameterized cases lost their parameters"
    tested = {CASE_OPTIMIZER.get(p["opt_name"], p["opt_name"]) for p in APPLICABLE.values()}
    assert tested == set(OURS)


@pytest.mark.parametrize(
    "name", list(APPLICABLE), ids=[f"{n}-{describe(p)}" for n, p in APPLICABLE.items()]
)
def test_optax_alias_case(name, our_aliases):
    """One case of optax's ``AliasTest`` (setUp, the test, tearDown), failing as it would."""
    alias_test.AliasTest(name).debug()
