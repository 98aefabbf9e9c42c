"""mlp_jax.schedules against closed forms and optax's equivalents."""

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


def test_constant():
    np.testing.assert_allclose(evaluate(schedules.constant(0.3)), 0.3, rtol=1e-12)


@pytest.mark.parametrize("power", [1.0, 0.5, 2.0])
def test_power_closed_form(power):
    values = evaluate(schedules.power(0.1, scale_steps=20, power=power))
    np.testing.assert_allclose(values, 0.1 / (1 + STEPS / 20) ** power, rtol=1e-12)


def test_power_halves_after_scale_steps():
    schedule = schedules.power(0.4, scale_steps=20)
    np.testing.assert_allclose(evaluate(schedule, np.array([0, 20, 60])), [0.4, 0.2, 0.1])


@pytest.mark.parametrize("staircase", [False, True])
def test_exponential(staircase):
    values = evaluate(schedules.exponential(0.1, 0.5, 20, staircase=staircase))
    exponent = np.floor(STEPS / 20) if staircase else STEPS / 20
    np.testing.assert_allclose(values, 0.1 * 0.5**exponent, rtol=1e-12)
    reference = optax.exponential_decay(0.1, 20, 0.5, staircase=staircase)
    np.testing.assert_allclose(values, evaluate(reference), rtol=1e-12)


def test_piecewise_constant_lecture_example():
    """0.1 for epochs 0-4, 0.01 for epochs 5-19, then 0.001."""
    scales = {5: 0.1, 20: 0.1}
    values = evaluate(schedules.piecewise_constant(0.1, scales))
    want = np.where(STEPS < 5, 0.1, np.where(STEPS < 20, 0.01, 0.001))
    np.testing.assert_allclose(values, want, rtol=1e-12)
    reference = optax.piecewise_constant_schedule(0.1, scales)
    np.testing.assert_allclose(values, evaluate(reference), rtol=1e-12)


def test_piecewise_constant_unsorted_and_empty():
    values = evaluate(schedules.piecewise_constant(2.0, {50: 0.5, 20: 3.0}))
    want = 2.0 * np.where(STEPS >= 20, 3.0, 1.0) * np.where(STEPS >= 50, 0.5, 1.0)
    np.testing.assert_allclose(values, want, rtol=1e-12)
    np.testing.assert_allclose(evaluate(schedules.piecewise_constant(2.0)), 2.0)


def test_one_cycle_closed_form():
    """Knots of one_cycle(100, 1.0, pct_start=0.4, pct_final=0.8, 10, 100)."""
    schedule = schedules.one_cycle(100, 1.0, 0.4, 0.8, div_factor=10, final_div_factor=100)
    steps = np.array([0, 20, 40, 60, 80, 90, 100, 150])
    want = [0.1, 0.55, 1.0, 0.55, 0.1, 0.0505, 0.001, 0.001]
    np.testing.assert_allclose(evaluate(schedule, steps), want, rtol=1e-12)


def test_one_cycle_half_up_half_down():
    """The lecture's plain cycle: up for half of training, down for the other."""
    schedule = schedules.one_cycle(100, 1.0, pct_start=0.5, pct_final=1.0, div_factor=10)
    steps = np.array([0, 25, 50, 75, 99, 100, 200])
    want = [0.1, 0.55, 1.0, 0.55, 0.118, 1e-5, 1e-5]
    np.testing.assert_allclose(evaluate(schedule, steps), want, rtol=1e-12)


@pytest.mark.parametrize("kwargs", [{}, {"pct_start": 0.45, "pct_final": 0.9, "div_factor": 10.0}])
def test_one_cycle_matches_optax(kwargs):
    # Not with pct_final=1.0: optax then builds its knots in a dict whose two
    # last keys collide, and descends from the peak to peak/final_div_factor.
    steps = np.arange(0, 132, 3)  # includes the end of the cycle, 120
    values = evaluate(schedules.one_cycle(120, 0.05, **kwargs), steps)
    reference = optax.linear_onecycle_schedule(120, 0.05, **kwargs)
    np.testing.assert_allclose(values, evaluate(reference, steps), rtol=1e-12)


@pytest.mark.parametrize(
    "build",
    [
        lambda: schedules.power(0.1, scale_steps=0),
        lambda: schedules.exponential(0.1, 0.5, transition_steps=0),
        lambda: schedules.piecewise_constant(0.1, {10: -1.0}),
        lambda: schedules.one_cycle(0, 0.1),
        lambda: schedules.one_cycle(100, 0.1, pct_start=0.9, pct_final=0.5),
    ],
)
def test_invalid_arguments(build):
    with pytest.raises(ValueError):
        build()


def test_plateau_reduces_after_patience_non_improving_steps():
    params = {"w": jnp.ones(3)}
    grads = {"w": jnp.array([1.0, -2.0, 0.5])}
    tx = optax.chain(optimizers.sgd(0.1), schedules.plateau(factor=0.5, patience=3))
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
    tx = schedules.plateau(patience=1)
    update, state = jax.jit(tx.update), tx.init(params)
    for loss in np.linspace(1.0, 0.5, 8):
        _, state = update(params, state, params, value=jnp.asarray(loss))
    assert float(state.scale) == 1.0


def test_registry():
    assert set(schedules.SCHEDULES) == {
        "constant", "power", "exponential", "piecewise_constant", "one_cycle", "plateau",
    }  # fmt: skip
    assert schedules.get("one_cycle") is schedules.one_cycle
    with pytest.raises(
        ValueError, match="unknown schedule 'cosine'; valid: constant, power, .*, plateau"
    ):
        schedules.get("cosine")
