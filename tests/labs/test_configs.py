"""Configurations as data: what they build, and the rules behind the defaults."""

import inspect
import math

import jax.numpy as jnp
import numpy as np
import optax
import pytest

from mlp_jax import optimizers
from mlp_jax.labs import configs, specs


def rates_seen(tx: optax.GradientTransformation, steps: int, value=1.0) -> np.ndarray:
    """The step sizes an optimizer applies: −update for a gradient of 1 (plain SGD)."""
    params = {"w": jnp.zeros(())}
    state = tx.init(params)
    out = []
    for _ in range(steps):
        updates, state = tx.update({"w": jnp.ones(())}, state, params, value=jnp.asarray(value))
        out.append(-float(updates["w"]))
    return np.asarray(out)


def test_schedule_study_follows_the_lecture():
    eta, epoch, total = 0.1, 10, 40
    study = {c.name: c for c in configs.schedule_study("sgd", eta, epoch, total)}
    assert list(study) == [
        "constant",
        "power",
        "exponential",
        "piecewise_constant",
        "one_cycle",
        "plateau",
    ]
    t = np.arange(total + 1)
    seen = {
        name: rates_seen(optax.with_extra_args_support(c.build()), total + 1)
        for name, c in study.items()
    }
    np.testing.assert_allclose(seen["constant"], eta)
    np.testing.assert_allclose(seen["power"], eta / (1 + t / epoch), rtol=1e-6)
    np.testing.assert_allclose(seen["exponential"], eta * 0.1 ** (t / total), rtol=1e-5)
    piecewise = eta * np.where(t < 20, 1, np.where(t < 30, 0.3, 0.09))
    np.testing.assert_allclose(seen["piecewise_constant"], piecewise, rtol=1e-6)
    # 1cycle: from 3η/10 up to 3η at 45% of T, back to 3η/10 at 90%, then 1000× lower.
    cycle = np.interp(t, [0, 18, 36, 40], [0.03, 0.3, 0.03, 3e-5])
    np.testing.assert_allclose(seen["one_cycle"], cycle, rtol=1e-5)
    # Plateau (a measurement per step here): a loss that never improves on the first
    # scales the step by 0.3 after every 5 measurements.
    np.testing.assert_allclose(seen["plateau"], eta * 0.3 ** (t // 5), rtol=1e-5)


@pytest.mark.parametrize("schedule", [None, "power", "plateau"])
def test_a_traced_rate_builds_the_same_optimizer(schedule):
    """The grid path: ``inject_hyperparams(config.build)`` at η equals the config at η."""
    study = {c.name: c for c in configs.schedule_study("adam", 0.02, 5, 20)}
    config = study["constant" if schedule is None else schedule]
    fixed = optax.with_extra_args_support(config.build(0.05))
    injected = optax.with_extra_args_support(optax.inject_hyperparams(config.build)(0.05))
    np.testing.assert_allclose(rates_seen(injected, 12), rates_seen(fixed, 12), rtol=1e-6)


def test_spec_round_trips_and_builds_registry_optimizers():
    config = configs.Config("fast", "adam", 0.003, {"b1": 0.8}, init="he")
    assert configs.Config(**config.spec()) == config
    np.testing.assert_allclose(
        rates_seen(config.build(), 3), rates_seen(optimizers.adam(0.003, b1=0.8), 3)
    )
    assert config.w_init() is not None
    assert [c.name for c in configs.lab6(["sgd", "adam"], configs.DEFAULT_LR)] == ["sgd", "adam"]
    lab7 = configs.lab7("adam", 0.01, ["normal", "he"], init_scale=0.5)
    assert [(c.name, c.init, c.init_scale) for c in lab7] == [
        ("normal", "normal", 0.5),
        ("he", "he", 0.5),
    ]


def test_rate_grid_is_log_spaced_around_the_rate():
    np.testing.assert_allclose(configs.rate_grid(0.01, 1), [0.01])
    half_decade = math.sqrt(10)
    np.testing.assert_allclose(configs.rate_grid(0.01, 3), [0.01 / half_decade, 0.01, 0.0316227766])
    np.testing.assert_allclose(configs.rate_grid(0.01, 5)[0], 1e-3)  # The usual adam rate.
    np.testing.assert_allclose(configs.rate_grid(0.09, 2), [0.09 / 10**0.25, 0.09 * 10**0.25])


def test_best_rate_sums_ranks_and_skips_diverged():
    def row(act, rate, loss, diverged=0):
        return {
            "act": act,
            "learning_rate": rate,
            "final_train_loss_mean": loss,
            "diverged": diverged,
        }

    rows = [
        row("sigmoid", 0.01, 0.5),
        row("sigmoid", 0.1, 0.3),
        row("sigmoid", 1.0, 0.9),
        row("relu", 0.01, 0.4),
        row("relu", 0.1, 0.6),
        row("relu", 1.0, 0.2, diverged=1),
    ]
    # Ranks: sigmoid 0.1 < 0.01 < 1; relu 1 < 0.01 < 0.1. Sums: 0.01 -> 1+1, 0.1 -> 0+2,
    # 1.0 diverged (out, however low its loss). The tie goes to the lower rate.
    assert configs.best_rate(rows) == 0.01
    rows[4]["final_train_loss_mean"] = 0.1  # relu: 0.1 now first, so 0.1 -> 0+0.
    assert configs.best_rate(rows) == 0.1
    assert configs.best_rate([row("relu", 0.1, math.inf, diverged=2)]) is None


# --------------------------------------------------------------------------
# The momentum study's configurations (``configs.momentum_study``, ``specs.MOMENTUM``):
# rates from the default table, and long-run steps equal where the names say so, checked
# against the optimizers themselves under a constant gradient.
# --------------------------------------------------------------------------

RATES = configs.DEFAULT_LR


def by_name(rates=RATES, **init):
    return {c.name: c for c in configs.momentum_study(rates, **init)}


SGD_STEP = RATES["sgd"]
LAB6_STEP = RATES["momentum"] / (1 - 0.9)
"""Lab 6 momentum's long-run step: its rate over 1 − γ (0.1 / 0.1 = 1)."""


def test_the_study_crosses_gamma_with_sgds_and_lab6s_step():
    """α = step · (1 − γ) for γ ∈ {0 (plain SGD), 0.5, 0.9} at each of the two steps."""
    study = by_name()
    assert list(study) == list(configs.MOMENTUM_CONFIGS) == list(specs.MOMENTUM.defaults)
    expected = {  # name → (optimizer, α, γ), written out.
        "sgd": ("sgd", 0.3, None),
        "momentum_g0.5_sgd_step": ("momentum", 0.15, 0.5),
        "momentum_g0.9_sgd_step": ("momentum", 0.03, 0.9),
        "sgd_lab6_step": ("sgd", 1.0, None),
        "momentum_g0.5_lab6_step": ("momentum", 0.5, 0.5),
        "momentum_g0.9_lab6_step": ("momentum", 0.1, 0.9),
    }
    assert list(study) == list(expected)
    for name, (optimizer, rate, gamma) in expected.items():
        c = study[name]
        # Exact: the rates are recorded as the decimals they are (0.03, not 0.0299…).
        assert (c.optimizer, c.learning_rate) == (optimizer, rate)
        assert dict(c.optimizer_kwargs) == ({} if gamma is None else {"momentum": gamma})


def test_lab6s_own_momentum_is_in_the_study():
    """``momentum_g0.9_lab6_step`` is lab 6's momentum: its rate and the optimizer's
    default γ (``configs.LAB6_GAMMA``)."""
    lab6 = next(c for c in configs.lab6(["momentum"], RATES))
    default = inspect.signature(optimizers.momentum).parameters["momentum"].default
    assert configs.LAB6_GAMMA == default == 0.9
    mine = by_name()["momentum_g0.9_lab6_step"]
    assert mine.learning_rate == lab6.learning_rate
    assert mine.optimizer_kwargs == {"momentum": default}
    assert (mine.init, mine.init_scale) == (lab6.init, lab6.init_scale) == ("normal", 1.0)


def test_other_rates_and_weights_carry_through():
    study = by_name({"sgd": 0.2, "momentum": 0.05}, init="he")
    assert study["sgd"].learning_rate == 0.2 and study["sgd_lab6_step"].learning_rate == 0.5
    assert study["momentum_g0.9_lab6_step"].learning_rate == 0.05
    assert study["momentum_g0.5_lab6_step"].learning_rate == 0.25
    assert study["momentum_g0.9_sgd_step"].learning_rate == 0.02
    assert study["momentum_g0.5_sgd_step"].learning_rate == 0.1
    assert {c.init for c in study.values()} == {"he"}


@pytest.mark.parametrize(
    ("name", "step"),
    [
        ("momentum_g0.5_sgd_step", SGD_STEP),
        ("momentum_g0.9_sgd_step", SGD_STEP),
        ("sgd_lab6_step", LAB6_STEP),
        ("momentum_g0.5_lab6_step", LAB6_STEP),
        ("momentum_g0.9_lab6_step", LAB6_STEP),
    ],
)
def test_each_configuration_moves_its_long_run_step_under_a_constant_gradient(name, step):
    """The optimizers built from the configurations: after many steps of the same gradient
    g, momentum's update per step tends to −α/(1 − γ)·g, SGD's is −α·g."""
    study = by_name()
    g = {"w": jnp.array([1.0, -2.0, 0.5])}
    params = {"w": jnp.zeros(3)}

    def last_update(config, steps):
        tx = config.build()
        state = tx.init(params)
        for _ in range(steps):
            update, state = tx.update(g, state, params)
        return np.asarray(update["w"])

    np.testing.assert_allclose(last_update(study[name], 300), -step * np.asarray(g["w"]), rtol=1e-5)


def test_the_spec_is_registered_with_its_baseline_and_flag():
    lab = specs.get("momentum")
    assert lab is specs.MOMENTUM and lab.baseline == "sgd" == lab.defaults[0]
    assert lab.flag == "configs" and lab.lr_grid == 1 and not lab.assignment
    assert lab.folder("out/fashion_mnist", "relu").as_posix() == "out/fashion_mnist/momentum/relu"
