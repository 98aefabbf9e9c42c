"""The momentum study's configurations (``configs.momentum_study``, ``specs.MOMENTUM``):
rates from the default table, and long-run steps equal where the names say so, checked
against the optimizers themselves under a constant gradient."""

import inspect

import jax.numpy as jnp
import numpy as np
import pytest

from mlp_jax import optimizers
from mlp_jax.labs import configs, specs

RATES = configs.DEFAULT_LR


def by_name(rates=RATES, **init):
    return {c.name: c for c in configs.momentum_study(rates, **init)}


def test_the_study_is_sgd_then_momentum_at_lab6s_rate_then_at_sgds_step():
    study = by_name()
    assert list(study) == list(configs.MOMENTUM_CONFIGS) == list(specs.MOMENTUM.defaults)
    assert list(study) == [
        "sgd",
        "momentum_g0.9",
        "momentum_g0.5",
        "momentum_g0.9_equal_step",
        "momentum_g0.5_equal_step",
    ]
    sgd = study["sgd"]
    assert (sgd.optimizer, sgd.learning_rate, dict(sgd.optimizer_kwargs)) == (
        "sgd",
        RATES["sgd"],
        {},
    )
    for gamma in (0.9, 0.5):
        lab6 = study[f"momentum_g{gamma}"]
        assert (lab6.optimizer, lab6.learning_rate) == ("momentum", RATES["momentum"])
        equal = study[f"momentum_g{gamma}_equal_step"]
        assert equal.optimizer == "momentum"
        # α/(1 − γ) is SGD's α: the rate is SGD's scaled by 1 − γ.
        assert equal.learning_rate / (1 - gamma) == pytest.approx(RATES["sgd"], rel=1e-12)
        assert lab6.optimizer_kwargs == equal.optimizer_kwargs == {"momentum": gamma}


def test_lab6s_own_momentum_is_in_the_study():
    """``momentum_g0.9`` is lab 6's momentum: its rate and the optimizer's default γ."""
    lab6 = next(c for c in configs.lab6(["momentum"], RATES))
    default = inspect.signature(optimizers.momentum).parameters["momentum"].default
    mine = by_name()[f"momentum_g{default:g}"]
    assert mine.learning_rate == lab6.learning_rate
    assert mine.optimizer_kwargs == {"momentum": default}
    assert (mine.init, mine.init_scale) == (lab6.init, lab6.init_scale) == ("normal", 1.0)


def test_other_rates_and_weights_carry_through():
    study = by_name({"sgd": 0.2, "momentum": 0.05}, init="he")
    assert study["sgd"].learning_rate == 0.2 and study["momentum_g0.5"].learning_rate == 0.05
    assert study["momentum_g0.9_equal_step"].learning_rate == pytest.approx(0.02)
    assert study["momentum_g0.5_equal_step"].learning_rate == pytest.approx(0.1)
    assert {c.init for c in study.values()} == {"he"}


@pytest.mark.parametrize("name", ["momentum_g0.9_equal_step", "momentum_g0.5_equal_step"])
def test_the_equal_step_configurations_move_as_far_as_sgd_under_a_constant_gradient(name):
    """The optimizers built from the configurations: after many steps of the same gradient
    g, momentum's update per step tends to −α/(1 − γ)·g, SGD's is −α·g: equal."""
    study = by_name()
    g = {"w": jnp.array([1.0, -2.0, 0.5])}
    params = {"w": jnp.zeros(3)}

    def last_update(config, steps):
        tx = config.build()
        state = tx.init(params)
        for _ in range(steps):
            update, state = tx.update(g, state, params)
        return np.asarray(update["w"])

    sgd = last_update(study["sgd"], 1)
    np.testing.assert_allclose(sgd, -RATES["sgd"] * np.asarray(g["w"]), rtol=1e-6)
    np.testing.assert_allclose(last_update(study[name], 300), sgd, rtol=1e-5)
    # Lab 6's momentum at γ = 0.9 moves (α/(1 − γ))/α_SGD times as far.
    lab6 = last_update(study["momentum_g0.9"], 300)
    ratio = RATES["momentum"] / (1 - 0.9) / RATES["sgd"]
    np.testing.assert_allclose(lab6, ratio * sgd, rtol=1e-5)


def test_the_spec_is_registered_with_its_baseline_and_flag():
    lab = specs.get("momentum")
    assert lab is specs.MOMENTUM and lab.baseline == "sgd" == lab.defaults[0]
    assert lab.flag == "configs" and lab.lr_grid == 1 and not lab.assignment
    assert lab.folder("out/fashion_mnist", "relu").as_posix() == "out/fashion_mnist/momentum/relu"
