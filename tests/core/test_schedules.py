"""mlp_jax.schedules against the lab's closed forms."""

import chex
import jax
import jax.numpy as jnp
import numpy as np
import optax
import pytest

from mlp_jax import optimizers, schedules

pytestmark = pytest.mark.usefixtures("x64")  # exact comparisons in float64

STEPS = np.array([0, 1, 4, 5, 7, 19, 20, 21, 33, 50, 99, 100, 101, 250])


def evaluate(schedule, steps=STEPS):
    """The schedule at ``steps``, under jit and vmap; checked against eager calls."""
    values = np.asarray(jax.jit(jax.vmap(schedule))(jnp.asarray(steps)))
    eager = [float(schedule(int(t))) for t in steps]
    np.testing.assert_allclose(values, eager, rtol=1e-12)
    return values


def one_cycle_reference(steps, T, peak, pct_start=0.3, pct_final=0.85, div=25.0, final_div=1e4):
    """The lab's 1cycle: linear through its four knots, constant after T."""
    knots = [0, int(pct_start * T), int(pct_final * T), T]
    return np.interp(steps, knots, [peak / div, peak, peak / div, peak / div / final_div])


def test_constant():
    np.testing.assert_allclose(evaluate(schedules.get("constant")(0.3)), 0.3, rtol=1e-12)


@pytest.mark.parametrize("power", [1.0, 0.5, 2.0])
def test_power_closed_form(power):
    values = evaluate(schedules.get("power")(0.1, scale_steps=20, power=power))
    np.testing.assert_allclose(values, 0.1 / (1 + STEPS / 20) ** power, rtol=1e-12)


def test_power_halves_after_scale_steps():
    schedule = schedules.power(0.4, scale_steps=20)
    np.testing.assert_allclose(evaluate(schedule, np.array([0, 20, 60])), [0.4, 0.2, 0.1])


@pytest.mark.parametrize("staircase", [False, True])
def test_exponential(staircase):
    # optax's order: init_value, transition_steps s = 20, decay_rate r = 0.5.
    values = evaluate(schedules.get("exponential")(0.1, 20, 0.5, staircase=staircase))
    exponent = np.floor(STEPS / 20) if staircase else STEPS / 20
    np.testing.assert_allclose(values, 0.1 * 0.5**exponent, rtol=1e-12)


def test_piecewise_constant_lecture_example():
    """0.1 for epochs 0-4, 0.01 for epochs 5-19, then 0.001."""
    values = evaluate(schedules.get("piecewise_constant")(0.1, {5: 0.1, 20: 0.1}))
    want = np.where(STEPS < 5, 0.1, np.where(STEPS < 20, 0.01, 0.001))
    np.testing.assert_allclose(values, want, rtol=1e-12)


def test_piecewise_constant_unsorted_and_empty():
    build = schedules.get("piecewise_constant")
    values = evaluate(build(2.0, {50: 0.5, 20: 3.0}))
    want = 2.0 * np.where(STEPS >= 20, 3.0, 1.0) * np.where(STEPS >= 50, 0.5, 1.0)
    np.testing.assert_allclose(values, want, rtol=1e-12)
    np.testing.assert_allclose(evaluate(build(2.0)), 2.0)


def test_one_cycle_knots():
    """Hand-computed values of one_cycle(100, 1.0, pct_start=0.4, pct_final=0.8, 10, 100)."""
    schedule = schedules.get("one_cycle")(100, 1.0, 0.4, 0.8, div_factor=10, final_div_factor=100)
    steps = np.array([0, 20, 40, 60, 80, 90, 100, 150])
    want = [0.1, 0.55, 1.0, 0.55, 0.1, 0.0505, 0.001, 0.001]
    np.testing.assert_allclose(evaluate(schedule, steps), want, rtol=1e-12)


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        # The lecture's recipe: up for about half of training, down, then 1000x lower.
        {"pct_start": 0.45, "pct_final": 0.9, "div_factor": 10.0, "final_div_factor": 1e3},
        # The lecture's plain cycle: up for half of training, down for the other half.
        {"pct_start": 0.5, "pct_final": 0.99, "div_factor": 10.0},
    ],
)
@pytest.mark.parametrize("T", [100, 120])
def test_one_cycle_closed_form(T, kwargs):
    steps = np.arange(0, 2 * T, 3)  # includes steps past the end of the cycle
    values = evaluate(schedules.get("one_cycle")(T, 0.05, **kwargs), steps)
    ref_kwargs = {"div": kwargs.get("div_factor", 25.0)}
    ref_kwargs["final_div"] = kwargs.get("final_div_factor", 1e4)
    ref_kwargs |= {k: v for k, v in kwargs.items() if k.startswith("pct")}
    np.testing.assert_allclose(values, one_cycle_reference(steps, T, 0.05, **ref_kwargs))


def test_one_cycle_knots_must_be_distinct():
    """With pct_final=1 optax's knots collide: from the peak straight down to the end value."""
    schedule = schedules.get("one_cycle")(100, 1.0, pct_start=0.5, pct_final=1.0, div_factor=10)
    steps = np.array([0, 50, 75, 100])
    np.testing.assert_allclose(evaluate(schedule, steps), [0.1, 1.0, 0.5 + 0.5e-4, 1e-4])


@pytest.mark.parametrize(
    "build",
    [
        lambda: schedules.power(0.1, scale_steps=0),
        lambda: schedules.get("piecewise_constant")(0.1, {10: -1.0}),
        lambda: schedules.get("one_cycle")(0, 0.1),
    ],
)
def test_invalid_arguments(build):
    with pytest.raises(ValueError):
        build()


def test_plateau_reduces_after_patience_non_improving_steps():
    params = {"w": jnp.ones(3)}
    grads = {"w": jnp.array([1.0, -2.0, 0.5])}
    tx = optax.chain(optimizers.sgd(0.1), schedules.get("plateau")(factor=0.5, patience=3))
    update = jax.jit(tx.update)
    state = tx.init(params)
    losses = [3.0, 2.0, 2.0, 2.0, 2.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]
    # Improvements at calls 1, 2 and 6; a reduction after 3 calls without one.
    want_scales = [1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.125]
    for loss, scale in zip(losses, want_scales, strict=True):
        updates, state = update(grads, state, params, value=jnp.asarray(loss))
        assert float(state[1].scale) == scale
        chex.assert_trees_all_close(updates, {"w": -0.1 * scale * grads["w"]})


def test_plateau_keeps_scale_while_improving():
    params = {"w": jnp.ones(2)}
    tx = schedules.get("plateau")(patience=1)
    update, state = jax.jit(tx.update), tx.init(params)
    for loss in np.linspace(1.0, 0.5, 8):
        _, state = update(params, state, params, value=jnp.asarray(loss))
    assert float(state.scale) == 1.0


def test_registry():
    assert set(schedules.SCHEDULES) == {
        "constant",
        "power",
        "exponential",
        "piecewise_constant",
        "one_cycle",
        "plateau",
    }
    assert schedules.get("one_cycle") is optax.linear_onecycle_schedule
    with pytest.raises(
        ValueError, match="unknown schedule 'cosine'; valid: constant, power, .*, plateau"
    ):
        schedules.get("cosine")
