"""mlp_jax.optimizers against optax and NumPy transcriptions of the lab formulas."""

import functools
import inspect
import re
import zlib

import chex
import jax
import jax.numpy as jnp
import numpy as np
import optax
import pytest

from mlp_jax import optimizers as opt

# Its module fixtures and cached runs are built once: the module runs on one xdist worker.
pytestmark = pytest.mark.xdist_group("optimizers")

STEPS = 100
TOLERANCES = {
    "float32": {"rtol": 1e-5, "atol": 1e-6},
    "float64": {"rtol": 1e-10, "atol": 1e-12},
    "complex128": {"rtol": 1e-10, "atol": 1e-12},
}


# --------------------------------------------------------------------------
# Problems and a jitted training loop.
# --------------------------------------------------------------------------


def mlp_problem(complex_params=False):
    """A 3-4-2 tanh MLP with MSE on fixed random data, in the current precision.

    Parameters are a dict holding a list and a dict, so tree handling is
    exercised. With ``complex_params`` they get random imaginary parts, the
    activation is tanh of the real and imaginary parts (tanh itself has poles)
    and the loss the mean squared magnitude. Returns ``(params, loss)``.
    """
    rng = np.random.default_rng(0)
    dtype = jax.dtypes.canonicalize_dtype(jnp.float64)  # float32 unless x64
    arr = lambda *shape: jnp.asarray(rng.normal(size=shape), dtype)
    x, y = arr(16, 3), arr(16, 2)
    params = {"hidden": [arr(3, 4), 0.1 * arr(4)], "out": {"w": arr(4, 2), "b": arr(2)}}
    act = jnp.tanh
    if complex_params:
        params = jax.tree.map(lambda p: p + 1j * arr(*p.shape), params)
        act = lambda z: jnp.tanh(z.real) + 1j * jnp.tanh(z.imag)

    def loss(p):
        h = act(x @ p["hidden"][0] + p["hidden"][1])
        r = h @ p["out"]["w"] + p["out"]["b"] - y
        return jnp.mean((r * r.conj()).real)

    return params, loss


def run(tx, params, loss, steps=STEPS, state=None):
    """``steps`` steps of ``tx`` on ``loss``; returns (parameter trajectory, state).

    The gradient is conjugated, as optax expects for complex parameters (a no-op
    for real ones).
    """

    def step(carry, _):
        p, s = carry
        updates, s = tx.update(optax.tree.conj(jax.grad(loss)(p)), s, p)
        p = optax.apply_updates(p, updates)
        return (p, s), p

    state = tx.init(params) if state is None else state
    (_, state), trajectory = jax.lax.scan(step, (params, state), length=steps)
    return trajectory, state


def last(trajectory):
    return jax.tree.map(lambda t: t[-1], trajectory)


def finals(params, loss, *txs):
    """Final parameters after ``STEPS`` steps of each transformation in ``txs``."""
    return [last(run(tx, params, loss)[0]) for tx in txs]


def compiled_finals(params, loss, *txs):
    """:func:`finals`, compiled as a single program."""
    return jax.jit(lambda p: finals(p, loss, *txs))(params)


def assert_moved(new, old, at_least=1e-2):
    """Guards against vacuous agreement (e.g. both optimizers doing nothing)."""
    moved = jax.tree.map(lambda a, b: np.max(np.abs(np.subtract(a, b))), new, old)
    assert max(jax.tree.leaves(moved)) > at_least


# --------------------------------------------------------------------------
# Every optimizer against its optax counterpart.
# --------------------------------------------------------------------------


def uniform(r, low, high):
    return float(r.uniform(low, high))


def log_uniform(r, low, high):
    return float(np.exp(r.uniform(np.log(low), np.log(high))))


def weights_only(params):
    """Mask selecting matrices (not biases) for weight decay."""
    return jax.tree.map(lambda x: x.ndim > 1, params)


def sgd_hparams(r, **extra):
    return dict(learning_rate=uniform(r, 0.02, 0.2), **extra)


def momentum_hparams(r, **extra):
    return sgd_hparams(r, momentum=uniform(r, 0.5, 0.95), **extra)


def adagrad_hparams(r):
    return {
        "learning_rate": uniform(r, 0.05, 0.5),
        "initial_accumulator_value": uniform(r, 0.0, 1.0),
        "eps": log_uniform(r, 1e-8, 1e-2),
    }


def adadelta_hparams(r):
    return {
        "learning_rate": uniform(r, 0.5, 5.0),
        "rho": uniform(r, 0.8, 0.99),
        "eps": log_uniform(r, 1e-6, 1e-3),
        "weight_decay": uniform(r, 0.0, 0.1),
        "weight_decay_mask": weights_only,
    }


def rmsprop_hparams(r, **extra):
    return dict(
        learning_rate=log_uniform(r, 1e-3, 2e-2),
        decay=uniform(r, 0.8, 0.99),
        eps=log_uniform(r, 1e-8, 1e-3),
        initial_scale=uniform(r, 0.0, 1.0),
        **extra,
    )


def adam_hparams(r, **extra):
    return dict(
        learning_rate=log_uniform(r, 1e-3, 3e-2),
        b1=uniform(r, 0.8, 0.95),
        b2=uniform(r, 0.9, 0.999),
        eps=log_uniform(r, 1e-8, 1e-4),
        **extra,
    )


# (id, ours, optax reference, hyperparameter sampler(rng) -> kwargs).
CASES = [
    ("sgd", opt.sgd, optax.sgd, sgd_hparams),
    ("sgd_momentum", opt.sgd, optax.sgd, momentum_hparams),
    (
        "sgd_nesterov",
        opt.sgd,
        optax.sgd,
        functools.partial(momentum_hparams, nesterov=True),
    ),
    ("momentum", opt.momentum, optax.sgd, momentum_hparams),
    (
        "nesterov",
        opt.nesterov,
        functools.partial(optax.sgd, nesterov=True),
        momentum_hparams,
    ),
    ("adagrad", opt.adagrad, optax.adagrad, adagrad_hparams),
    ("adadelta", opt.adadelta, optax.adadelta, adadelta_hparams),
    ("rmsprop", opt.rmsprop, optax.rmsprop, rmsprop_hparams),
    (
        "rmsprop_eps_outside_debiased",
        opt.rmsprop,
        optax.rmsprop,
        functools.partial(rmsprop_hparams, eps_in_sqrt=False, bias_correction=True),
    ),
    (
        "rmsprop_centered_momentum",
        opt.rmsprop,
        optax.rmsprop,
        lambda r: rmsprop_hparams(r, centered=True, momentum=uniform(r, 0.5, 0.9)),
    ),
    (
        "rmsprop_nesterov",
        opt.rmsprop,
        optax.rmsprop,
        lambda r: rmsprop_hparams(r, momentum=uniform(r, 0.5, 0.9), nesterov=True),
    ),
    (
        "adam",
        opt.adam,
        optax.adam,
        lambda r: adam_hparams(r, eps_root=log_uniform(r, 1e-12, 1e-6)),
    ),
    (
        "adam_nesterov",
        opt.adam,
        optax.adam,
        functools.partial(adam_hparams, nesterov=True),
    ),
    ("nadam", opt.nadam, optax.nadam, adam_hparams),
    ("adamax", opt.adamax, optax.adamax, adam_hparams),
    ("amsgrad", opt.amsgrad, optax.amsgrad, adam_hparams),
    (
        "amsgrad_paper",
        opt.amsgrad,
        optax.amsgrad,
        functools.partial(adam_hparams, bias_correction_mu=False, bias_correction_nu=False),
    ),
    (
        "adamw",
        opt.adamw,
        optax.adamw,
        lambda r: adam_hparams(r, weight_decay=uniform(r, 0.05, 0.5), mask=weights_only),
    ),
]
CASE_IDS = [case[0] for case in CASES]
DTYPES = ["float32", "float64", "complex128"]
# optax's adadelta squares g, not |g| (its own tests skip complex Adadelta); ours is
# checked on complex gradients by test_complex_update_is_the_real_one_turned_by_the_phase.
NOT_COMPARED = {("adadelta", "complex128")}
COMPARISONS = [(c, d) for d in DTYPES for c in CASE_IDS if (c, d) not in NOT_COMPARED]


def sample(case_id, sampler):
    return sampler(np.random.default_rng(zlib.crc32(case_id.encode())))


@functools.cache
def optax_comparison(dtype):
    """Initial params, and ours' and optax's final params for every case.

    All runs of a precision are compiled as one program (compiling dominates
    the cost); the tests below check one case each.
    """
    with jax.enable_x64(dtype != "float32"):
        params, loss = mlp_problem(complex_params=dtype == "complex128")
        pairs = {}
        for case_id, ours, reference, sampler in CASES:
            if (case_id, dtype) not in NOT_COMPARED:
                hparams = sample(case_id, sampler)
                pairs[case_id] = (ours(**hparams), reference(**hparams))
        run_all = jax.jit(lambda p: {k: finals(p, loss, *txs) for k, txs in pairs.items()})
        return params, run_all(params)


@pytest.mark.parametrize(
    ("case_id", "dtype"), COMPARISONS, ids=[f"{c}-{d}" for c, d in COMPARISONS]
)
def test_matches_optax(case_id, dtype):
    params, results = optax_comparison(dtype)
    got, want = results[case_id]
    chex.assert_trees_all_equal_dtypes(got, params)
    chex.assert_trees_all_close(got, want, **TOLERANCES[dtype])
    assert_moved(got, params)


@pytest.mark.parametrize("dtype", [jnp.float32, jnp.complex64])
def test_second_moment_is_optax_helper_bit_for_bit(dtype):
    """Our one-line average of squared magnitudes (Adam's ν) gives optax's helper's bits
    (the same float operations in the same order), for real and complex leaves, under jit."""
    rng = np.random.default_rng(5)
    draw = lambda: (
        rng.normal(size=(7, 5)) + (1j * rng.normal(size=(7, 5)) if dtype == jnp.complex64 else 0)
    )
    g, g2 = jnp.asarray(draw(), dtype), jnp.asarray(draw(), dtype)
    tx = opt.scale_by_adam(b2=0.999)
    state = tx.init({"a": g})
    nu = jax.jit(lambda s: tx.update({"a": g2}, tx.update({"a": g}, s)[1])[1])(state).nu
    v = jnp.zeros_like(g, dtype=jnp.float32 if dtype == jnp.float32 else g.real.dtype)
    helper = optax.tree_utils.tree_update_moment_per_elem_norm
    theirs = jax.jit(lambda v: helper({"a": g2}, helper({"a": g}, v, 0.999, 2), 0.999, 2))({"a": v})
    np.testing.assert_array_equal(nu["a"], theirs["a"])
    want = (
        0.001 * 0.999 * np.abs(np.asarray(g, np.complex128)) ** 2
        + 0.001 * np.abs(np.asarray(g2, np.complex128)) ** 2
    )
    np.testing.assert_allclose(nu["a"], want, rtol=1e-6)


# Optimizers that only divide each gradient by a root of its own accumulated magnitudes.
PER_ELEMENT = [
    ("adagrad", opt.adagrad, adagrad_hparams),
    ("rmsprop", opt.rmsprop, rmsprop_hparams),
    ("adadelta", opt.adadelta, adadelta_hparams),
]


@pytest.mark.parametrize(
    ("ours", "sampler"), [c[1:] for c in PER_ELEMENT], ids=[c[0] for c in PER_ELEMENT]
)
def test_complex_update_is_the_real_one_turned_by_the_phase(ours, sampler, x64):
    """With squared magnitudes, a complex gradient is scaled by a real factor that the
    magnitudes alone decide: the update of g_t is the update of |g_t| (a real run)
    times g_t / |g_t|. Squaring g itself would rotate it."""
    rng = np.random.default_rng(2)
    grads = rng.normal(size=(STEPS, 3, 4)) + 1j * rng.normal(size=(STEPS, 3, 4))
    tx = ours(**sampler(rng))

    def updates(gs):
        def step(state, g):
            u, state = tx.update(g, state, jnp.zeros_like(g))  # zero params: no decay
            return state, u

        return jax.lax.scan(step, tx.init(gs[0]), gs)[1]

    got, real = jax.jit(lambda: (updates(grads), updates(jnp.abs(grads))))()
    assert got.dtype == jnp.complex128
    chex.assert_trees_all_close(got, real * grads / np.abs(grads), **TOLERANCES["float64"])
    assert np.max(np.abs(real)) > 1e-3  # not vacuous


def test_adadelta_defaults_to_unit_step_and_optax_none_ascends():
    params, loss = mlp_problem()
    grads = jax.grad(loss)(params)

    @jax.jit
    def first_updates():
        txs = [
            opt.adadelta(),
            optax.adadelta(learning_rate=1.0),
            optax.adadelta(),
            opt.adadelta(learning_rate=None),
        ]
        return [tx.update(grads, tx.init(params), params)[0] for tx in txs]

    ours, optax_unit, optax_default, ours_none = first_updates()
    chex.assert_trees_all_close(ours, optax_unit)
    chex.assert_trees_all_close(ours, jax.tree.map(jnp.negative, optax_default))
    chex.assert_trees_all_close(ours_none, optax_default)  # None: optax's ascent, as a drop-in.
    # Ours descends: the first update points against the gradient.
    for u, g in zip(jax.tree.leaves(ours), jax.tree.leaves(grads)):
        assert jnp.all(u * g <= 0) and jnp.any(u * g < 0)


@pytest.mark.parametrize(
    ("ours", "reference"),
    [
        (
            opt.adam(0.01, mu_dtype=jnp.bfloat16),
            optax.adam(0.01, mu_dtype=jnp.bfloat16),
        ),
        (
            opt.sgd(0.1, 0.9, accumulator_dtype=jnp.bfloat16),
            optax.sgd(0.1, 0.9, accumulator_dtype=jnp.bfloat16),
        ),
    ],
    ids=["adam_mu_dtype", "sgd_accumulator_dtype"],
)
def test_accumulator_dtype(ours, reference):
    params, loss = mlp_problem()

    @jax.jit
    def both(p):
        (trajectory, state), (want, _) = run(ours, p, loss), run(reference, p, loss)
        return last(trajectory), state, last(want)

    got, state, want = both(params)
    low = [x for x in jax.tree.leaves(state) if x.dtype == jnp.bfloat16]
    assert len(low) == len(jax.tree.leaves(params))  # exactly one accumulator tree
    chex.assert_trees_all_equal_dtypes(got, params)
    chex.assert_trees_all_close(got, want, **TOLERANCES["float32"])
    assert_moved(got, params)


# --------------------------------------------------------------------------
# Composition: chain, inject_hyperparams, jit/vmap, schedules.
# --------------------------------------------------------------------------

# (id, ours, optax reference, keyword arguments besides the learning rate).
COMPOSED = [
    ("adam", opt.adam, optax.adam, {}),
    ("rmsprop", opt.rmsprop, optax.rmsprop, {"centered": True, "momentum": 0.9}),
    ("sgd", opt.sgd, optax.sgd, {"momentum": 0.9, "nesterov": True}),
]


def parametrize_table(table):
    """Parametrizes a test over rows ``(id, ours, reference, kwargs)``."""
    return pytest.mark.parametrize(
        ("ours", "reference", "kwargs"), [row[1:] for row in table], ids=[row[0] for row in table]
    )


@parametrize_table(COMPOSED)
def test_inside_chain_with_clipping(ours, reference, kwargs):
    params, loss = mlp_problem()
    clip = optax.clip_by_global_norm(0.1)  # active: the gradient norm is > 1.
    assert optax.tree.norm(jax.grad(loss)(params)) > 1.0
    got, want = compiled_finals(
        params,
        loss,
        optax.chain(clip, ours(0.01, **kwargs)),
        optax.chain(clip, reference(0.01, **kwargs)),
    )
    chex.assert_trees_all_close(got, want, **TOLERANCES["float32"])
    assert_moved(got, params)


@parametrize_table(COMPOSED)
def test_inject_hyperparams_learning_rate_changed_mid_run(ours, reference, kwargs):
    params, loss = mlp_problem()

    def two_phases(factory, new_lr):
        tx = optax.inject_hyperparams(factory)(learning_rate=0.01, **kwargs)
        trajectory, state = run(tx, params, loss, STEPS // 2)
        hyperparams = {**state.hyperparams, "learning_rate": jnp.asarray(new_lr)}
        state = state._replace(hyperparams=hyperparams)
        return last(run(tx, last(trajectory), loss, STEPS // 2, state)[0])

    got, want, unchanged = jax.jit(
        lambda: [two_phases(ours, 1e-3), two_phases(reference, 1e-3), two_phases(ours, 1e-2)]
    )()
    chex.assert_trees_all_close(got, want, **TOLERANCES["float32"])
    with pytest.raises(AssertionError):  # the change of learning rate matters
        chex.assert_trees_all_close(got, unchanged, rtol=1e-3)


def test_vmap_over_learning_rates(x64):
    params, loss = mlp_problem()
    learning_rates = jnp.array([1e-3, 3e-3, 1e-2, 3e-2])

    @jax.jit
    def results():
        def batched(factory):
            one = lambda lr: last(run(factory(lr, momentum=0.8), params, loss)[0])
            return jax.vmap(one)(learning_rates)

        unbatched = last(run(opt.rmsprop(3e-2, momentum=0.8), params, loss)[0])
        return batched(opt.rmsprop), batched(optax.rmsprop), unbatched

    got, want, unbatched = results()
    chex.assert_shape(jax.tree.leaves(got), [(4, *p.shape) for p in jax.tree.leaves(params)])
    chex.assert_trees_all_close(got, want, **TOLERANCES["float64"])
    # The last row is the unbatched run with the same learning rate.
    chex.assert_trees_all_close(
        jax.tree.map(lambda x: x[-1], got), unbatched, **TOLERANCES["float64"]
    )


def test_vmap_over_initial_params(x64):
    params, loss = mlp_problem()
    shifts = jnp.linspace(-0.5, 0.5, 3)
    batch = jax.tree.map(lambda p: p + shifts.reshape(-1, *[1] * p.ndim), params)
    first = jax.tree.map(lambda x: x[0], batch)

    @jax.jit
    def results():
        def batched(tx):
            return jax.vmap(lambda p: last(run(tx, p, loss)[0]))(batch)

        unbatched = last(run(opt.nadam(0.02), first, loss)[0])
        return batched(opt.nadam(0.02)), batched(optax.nadam(0.02)), unbatched

    got, want, unbatched = results()
    chex.assert_trees_all_close(got, want, **TOLERANCES["float64"])
    chex.assert_trees_all_close(
        jax.tree.map(lambda x: x[0], got), unbatched, **TOLERANCES["float64"]
    )


SCHEDULED = [
    ("sgd_momentum", opt.sgd, optax.sgd, {"momentum": 0.9}),
    ("rmsprop_momentum", opt.rmsprop, optax.rmsprop, {"momentum": 0.5}),
    ("adagrad", opt.adagrad, optax.adagrad, {}),
    ("adam", opt.adam, optax.adam, {}),
    (
        "adamw_scheduled_decay",
        opt.adamw,
        optax.adamw,
        {"weight_decay": optax.exponential_decay(0.5, 20, 0.5)},
    ),
]


@parametrize_table(SCHEDULED)
def test_schedule_as_learning_rate(ours, reference, kwargs, x64):
    params, loss = mlp_problem()
    schedule = optax.linear_onecycle_schedule(STEPS, peak_value=0.05)
    got, want = compiled_finals(
        params, loss, ours(schedule, **kwargs), reference(schedule, **kwargs)
    )
    chex.assert_trees_all_close(got, want, **TOLERANCES["float64"])
    assert_moved(got, params)


# --------------------------------------------------------------------------
# The lab's formulas, transcribed literally in NumPy.
# --------------------------------------------------------------------------

_rng = np.random.default_rng(1)
A, B, THETA0 = _rng.normal(size=(6, 4)), _rng.normal(size=6), _rng.normal(size=4)


def np_grad(theta):
    """Analytic gradient of C(θ) = Σ log cosh(Aθ − b)."""
    return A.T @ np.tanh(A @ theta - B)


def jax_loss(theta):
    return jnp.sum(jnp.log(jnp.cosh(jnp.asarray(A) @ theta - jnp.asarray(B))))


def at(alpha, t):
    """The learning rate α_t of a constant or a schedule, as a float."""
    return float(alpha(t)) if callable(alpha) else alpha


def root(s, eps, eps_in_sqrt):
    return np.sqrt(s + eps) if eps_in_sqrt else np.sqrt(s) + eps


def lab_momentum(theta, steps, alpha, gamma):
    v, out = np.zeros_like(theta), []
    for t in range(steps):
        v = gamma * v + at(alpha, t) * np_grad(theta)
        theta = theta - v
        out.append(theta)
    return out


def lab_nesterov(theta, steps, alpha, gamma):
    v, out = np.zeros_like(theta), []
    for t in range(steps):
        v = gamma * v + at(alpha, t) * np_grad(theta - gamma * v)
        theta = theta - v
        out.append(theta - gamma * v)  # the look-ahead point the optimizer holds
    return out


def lab_adagrad(theta, steps, alpha, eps, g0, eps_in_sqrt):
    big_g, out = np.full_like(theta, g0), []
    for _ in range(steps):
        g = np_grad(theta)
        big_g = big_g + g**2
        theta = theta - alpha / root(big_g, eps, eps_in_sqrt) * g
        out.append(theta)
    return out


def lab_rmsprop(theta, steps, alpha, rho, eps, eps_in_sqrt):
    s, out = np.zeros_like(theta), []
    for _ in range(steps):
        g = np_grad(theta)
        s = rho * s + (1 - rho) * g**2
        theta = theta - alpha * g / root(s, eps, eps_in_sqrt)
        out.append(theta)
    return out


def lab_adadelta(theta, steps, rho, eps):
    e_g, e_dx, out = np.zeros_like(theta), np.zeros_like(theta), []
    for _ in range(steps):
        g = np_grad(theta)
        e_g = rho * e_g + (1 - rho) * g**2
        dx = -np.sqrt(e_dx + eps) / np.sqrt(e_g + eps) * g
        e_dx = rho * e_dx + (1 - rho) * dx**2
        theta = theta + dx
        out.append(theta)
    return out


def lab_adam(theta, steps, alpha, b1, b2, eps):
    m, v, out = np.zeros_like(theta), np.zeros_like(theta), []
    for t in range(1, steps + 1):
        g = np_grad(theta)
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g**2
        m_hat, v_hat = m / (1 - b1**t), v / (1 - b2**t)
        theta = theta - alpha / (np.sqrt(v_hat) + eps) * m_hat
        out.append(theta)
    return out


STEP_DECAY = optax.piecewise_constant_schedule(0.05, {30: 0.5, 60: 0.2})
# (id, ours, NumPy reference(theta, steps)); a large ε makes its placement matter.
LAB_CASES = [
    (
        "momentum",
        opt.momentum(0.05, 0.9),
        functools.partial(lab_momentum, alpha=0.05, gamma=0.9),
    ),
    (
        "momentum_scheduled",
        opt.momentum(STEP_DECAY, 0.8),
        functools.partial(lab_momentum, alpha=STEP_DECAY, gamma=0.8),
    ),
    (
        "nesterov",
        opt.nesterov(0.05, 0.9),
        functools.partial(lab_nesterov, alpha=0.05, gamma=0.9),
    ),
    (
        "nesterov_scheduled",
        opt.nesterov(STEP_DECAY, 0.8),
        functools.partial(lab_nesterov, alpha=STEP_DECAY, gamma=0.8),
    ),
    (
        "adagrad_lab",
        opt.adagrad(0.5, initial_accumulator_value=0.0, eps=0.1, eps_in_sqrt=False),
        functools.partial(lab_adagrad, alpha=0.5, eps=0.1, g0=0.0, eps_in_sqrt=False),
    ),
    (
        "adagrad_optax_convention",
        opt.adagrad(0.5, eps=0.1),
        functools.partial(lab_adagrad, alpha=0.5, eps=0.1, g0=0.1, eps_in_sqrt=True),
    ),
    (
        "rmsprop_eps_in_sqrt",
        opt.rmsprop(0.02, decay=0.9, eps=0.1),
        functools.partial(lab_rmsprop, alpha=0.02, rho=0.9, eps=0.1, eps_in_sqrt=True),
    ),
    (
        "rmsprop_eps_outside",
        opt.rmsprop(0.02, decay=0.9, eps=0.1, eps_in_sqrt=False),
        functools.partial(lab_rmsprop, alpha=0.02, rho=0.9, eps=0.1, eps_in_sqrt=False),
    ),
    (
        "adadelta",
        opt.adadelta(rho=0.9, eps=1e-3),
        functools.partial(lab_adadelta, rho=0.9, eps=1e-3),
    ),
    (
        "adam",
        opt.adam(0.05, b1=0.9, b2=0.99, eps=1e-3),
        functools.partial(lab_adam, alpha=0.05, b1=0.9, b2=0.99, eps=1e-3),
    ),
]


@pytest.mark.parametrize(
    ("ours", "reference"), [c[1:] for c in LAB_CASES], ids=[c[0] for c in LAB_CASES]
)
def test_matches_lab_formula(ours, reference, x64):
    trajectory, _ = jax.jit(functools.partial(run, ours, loss=jax_loss))(jnp.asarray(THETA0))
    want = np.stack(reference(THETA0, STEPS))
    chex.assert_trees_all_close(trajectory, want, **TOLERANCES["float64"])
    assert np.max(np.abs(want[-1] - THETA0)) > 1e-2


def test_scheduled_momentum_differs_from_optax_sgd(x64):
    """The lab puts α_t inside the velocity; optax.sgd scales the whole velocity."""
    theta = jnp.asarray(THETA0)
    ours, theirs = compiled_finals(
        theta, jax_loss, opt.momentum(STEP_DECAY, 0.8), optax.sgd(STEP_DECAY, 0.8)
    )
    assert np.max(np.abs(ours - theirs)) > 1e-3


# --------------------------------------------------------------------------
# Registry.
# --------------------------------------------------------------------------


def test_registry_names():
    assert set(opt.OPTIMIZERS) == {
        "sgd",
        "momentum",
        "nesterov",
        "adagrad",
        "adadelta",
        "rmsprop",
        "adam",
        "nadam",
        "adamax",
        "amsgrad",
        "adamw",
    }
    assert opt.get("adamw") is opt.adamw


@pytest.mark.parametrize(
    "name", ["sgd", "adagrad", "adadelta", "rmsprop", "adam", "nadam", "adamax", "amsgrad", "adamw"]
)
def test_signature_mirrors_optax(name):
    ours = inspect.signature(getattr(opt, name)).parameters
    theirs = inspect.signature(getattr(optax, name)).parameters
    for key, param in theirs.items():
        default = 1.0 if (name, key) == ("adadelta", "learning_rate") else param.default
        assert (ours[key].kind, ours[key].default) == (param.kind, default), key
    extras = [ours[key] for key in ours.keys() - theirs.keys()]
    assert all(p.kind == p.KEYWORD_ONLY and p.name == "eps_in_sqrt" for p in extras)


def test_get_unknown_name_lists_valid_names():
    with pytest.raises(
        ValueError, match="unknown optimizer 'adamm'; valid: sgd, momentum, .*, adamw"
    ):
        opt.get("adamm")


@pytest.mark.parametrize("name", sorted(opt.OPTIMIZERS))
def test_registry_builder_takes_a_descent_step(name):
    params, loss = mlp_problem()
    tx = opt.get(name)(learning_rate=0.01)
    updates, _ = jax.jit(tx.update)(jax.grad(loss)(params), tx.init(params), params)
    chex.assert_tree_all_finite(updates)
    chex.assert_trees_all_equal_shapes_and_dtypes(updates, params)
    assert loss(optax.apply_updates(params, updates)) < loss(params)


# Issue 29, case 19: integer parameters got zero updates from sgd, momentum and nesterov,
# where optax's do one thing per optimizer (float updates whose state changes dtype after
# a step, a second moment truncated to 0, NaN or inf): ours refuse them, every one.
@pytest.mark.parametrize("name", sorted(opt.OPTIMIZERS))
@pytest.mark.parametrize("dtype", [jnp.int32, jnp.bool_])
def test_integer_or_boolean_parameters_and_gradients_are_refused(name, dtype):
    tx = opt.get(name)(learning_rate=0.1)
    floats = {"b": jnp.zeros(2), "w": jnp.ones(3)}
    odd = {"b": jnp.zeros(2), "w": jnp.ones(3, dtype)}
    kind = jnp.dtype(dtype).name
    with pytest.raises(ValueError, match=re.escape(f"parameters; got {kind} at ['w']")):
        tx.init(odd)
    with pytest.raises(ValueError, match=re.escape(f"gradients; got {kind} at ['w']")):
        tx.update(odd, tx.init(floats), floats)
