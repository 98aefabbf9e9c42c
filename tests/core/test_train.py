import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import jax
import jax.numpy as jnp
import numpy as np
import optax
import pytest

from mlp_jax import initializers, model, train

SIZES = [12, 16, 3]
BATCH = 32


def make_data(n=200, seed=0):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, n).astype(np.int32)
    x = (rng.normal(size=(n, SIZES[0])) + 2.0 * np.eye(3, SIZES[0])[y]).astype(np.float32)
    return x, y


X, Y = make_data()
TEST = make_data(64, seed=1)


DEFAULTS = {
    "test": TEST,
    "layer_sizes": SIZES,
    "activation": jax.nn.tanh,
    "w_init": initializers.get("xavier"),
    "optimizer": optax.sgd(0.1, momentum=0.9),
    "batch_size": BATCH,
    "epochs": 2,
    "seeds": 4,
    "seed": 7,
    "log": None,
}


def run(optimizer=None, **kwargs):
    return train.train(
        X, Y, **(DEFAULTS | {"optimizer": optimizer or DEFAULTS["optimizer"]} | kwargs)
    )


PER_RUN = ("step_loss", "train_loss", "train_acc", "test_loss", "test_acc", "diverged_step")


def assert_runs_close(a, b, rtol=1e-5, atol=1e-6):
    """Compares the per-run fields and parameters of two histories."""
    for field in PER_RUN:
        np.testing.assert_allclose(getattr(a, field), getattr(b, field), rtol=rtol, atol=atol)
    close = lambda p, q: np.testing.assert_allclose(p, q, rtol=rtol, atol=atol)
    jax.tree.map(close, a.params, b.params)


def test_shapes():
    h = run(log_every=2)
    steps = len(X) // BATCH
    assert h.steps_per_epoch == steps
    assert h.step_loss.shape == (4, 2 * (steps // 2))
    assert h.train_loss.shape == h.train_acc.shape == (4, 2)
    assert h.test_loss.shape == h.test_acc.shape == (4, 3)
    assert h.diverged_step.shape == (4,) and (h.diverged_step == -1).all()
    assert h.params[0]["w"].shape == (4, 12, 16)
    assert h.epoch_s.shape == (2,) and h.compile_s > 0


def test_matches_a_plain_python_loop():
    """Repeat 2, rebuilt from the documented key derivation with a step-by-step loop."""
    h = run(seeds=[2], epochs=2)
    opt = optax.sgd(0.1, momentum=0.9)
    init_key, shuffle_key = jax.random.split(jax.random.fold_in(jax.random.key(7), 2))
    params = model.init_mlp(init_key, SIZES, initializers.get("xavier"))
    state = opt.init(params)
    losses = []
    grad_fn = jax.jit(jax.value_and_grad(model.loss), static_argnums=3)
    steps = len(X) // BATCH
    for epoch in range(2):
        perm = np.asarray(jax.random.permutation(jax.random.fold_in(shuffle_key, epoch), len(X)))
        for i in range(steps):
            idx = perm[i * BATCH : (i + 1) * BATCH]
            value, grads = grad_fn(params, X[idx], Y[idx], jnp.tanh)
            updates, state = opt.update(grads, state, params)
            params = optax.apply_updates(params, updates)
            losses.append(value)
    np.testing.assert_allclose(h.step_loss[0], losses, rtol=1e-5)
    np.testing.assert_allclose(h.train_loss[0], np.reshape(losses, (2, steps)).mean(1), rtol=1e-5)
    jax.tree.map(
        lambda p, q: np.testing.assert_allclose(p[0], q, rtol=1e-4, atol=1e-6),
        h.params,
        params,
    )
    acc = model.accuracy(params, *TEST, jnp.tanh)
    np.testing.assert_allclose(h.test_acc[0, -1], acc)


def test_vmapped_repeats_equal_single_repeat_runs():
    together = run(seeds=10)
    for r in (0, 5, 9):
        alone = run(seeds=[r])
        pick = {f: getattr(together, f)[r : r + 1] for f in PER_RUN}
        params = jax.tree.map(lambda a, r=r: a[r : r + 1], together.params)
        assert_runs_close(together._replace(**pick, params=params), alone)


def test_identical_runs_are_bitwise_identical():
    a, b = run(), run()
    for field in ("step_loss", "train_loss", "test_loss", "test_acc"):
        np.testing.assert_array_equal(getattr(a, field), getattr(b, field))
    jax.tree.map(np.testing.assert_array_equal, a.params, b.params)


def test_zero_learning_rate_keeps_test_loss():
    h = run(optax.sgd(0.0))
    # The loss at initialization and after each epoch come from two compiled programs,
    # whose float32 reductions may sum in another order: equal to within one ulp.
    np.testing.assert_array_max_ulp(h.test_loss[:, 1:], h.test_loss[:, :1].repeat(2, axis=1), 1)


def test_learning_rate_grid_equals_separate_runs():
    grid = run(optax.adam, hparams={"learning_rate": [1e-3, 3e-2]})
    assert grid.test_loss.shape == (2, 4, 3)
    for g, lr in enumerate((1e-3, 3e-2)):
        alone = run(optax.adam(lr))
        np.testing.assert_allclose(grid.test_loss[g], alone.test_loss, rtol=1e-5)
        np.testing.assert_allclose(grid.step_loss[g], alone.step_loss, rtol=1e-5)


def test_a_diverging_run_is_frozen_and_leaves_the_others_unchanged():
    # Squared error with a large step grows geometrically until it overflows.
    diverging = {"loss": "mse", "activation": jax.nn.relu}
    grid = run(optax.sgd, hparams={"learning_rate": [0.05, 10.0]}, **diverging)
    alone = run(optax.sgd(0.05), **diverging)
    np.testing.assert_allclose(grid.step_loss[0], alone.step_loss, rtol=1e-5)
    np.testing.assert_array_equal(grid.diverged_step[0], -1)
    bad = grid.diverged_step[1]
    assert (bad >= 0).all()
    for r, step in enumerate(bad):
        assert np.isfinite(grid.step_loss[1, r, :step]).all()
        assert np.isnan(grid.step_loss[1, r, step + 1 :]).all()
    assert np.isnan(grid.test_loss[1, :, -1]).all()
    assert np.isnan(grid.train_loss[1, :, -1]).all()


def test_on_epoch_sees_initial_and_trained_params():
    seen = []
    h = run(on_epoch=lambda e, p: seen.append((e, p[0]["w"])))
    assert [e for e, _ in seen] == [0, 1, 2]
    np.testing.assert_array_equal(seen[-1][1], h.params[0]["w"])
    assert not np.allclose(seen[0][1], seen[-1][1])


def plateau_sgd():
    """A loss-driven transformation: its state mixes per-run and constant values."""
    return optax.chain(optax.sgd(0.1), optax.contrib.reduce_on_plateau(patience=1))


def test_sharded_over_four_devices_equals_one_device(tmp_path):
    out = tmp_path / "sharded.json"
    script = textwrap.dedent(f"""
        import json, jax, optax
        from tests.core.test_train import HALVED, plateau_sgd, run
        assert len(jax.devices()) == 4
        h = run(optax.adam, seeds=5, hparams={{"learning_rate": [1e-2, 3e-2]}})
        p = run(plateau_sgd(), seeds=3)
        halved = run(halving=1, seeds=5, **HALVED)
        json.dump({{"test_loss": h.test_loss.tolist(), "w": h.params[0]["w"].tolist(),
                    "plateau": p.step_loss.tolist(), "halved": halved.test_loss.tolist()}},
                  open({str(out)!r}, "w"))
    """)
    env = dict(
        os.environ,
        XLA_FLAGS=" ".join(
            [f for f in os.environ["XLA_FLAGS"].split() if "device_count" not in f]
            + ["--xla_force_host_platform_device_count=4"]
        ),
        JAX_PLATFORMS="cpu",
    )
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", script], check=True, env=env, cwd=root)
    sharded = json.loads(out.read_text())
    local = run(optax.adam, seeds=5, hparams={"learning_rate": [1e-2, 3e-2]})
    np.testing.assert_allclose(sharded["test_loss"], local.test_loss, rtol=1e-5)
    np.testing.assert_allclose(sharded["w"], local.params[0]["w"], rtol=1e-4, atol=1e-6)
    np.testing.assert_allclose(sharded["plateau"], run(plateau_sgd(), seeds=3).step_loss, rtol=1e-5)
    # Halving moves 3 rates x 5 seeds onto 4 devices (one lane of padding).
    halved = run(halving=1, seeds=5, **HALVED).test_loss
    np.testing.assert_allclose(sharded["halved"], halved, rtol=1e-5)


# Issue 32: successive halving of a learning-rate grid. Squared error with relu makes the
# largest rate diverge (see the test above), so the rule meets a diverged point too.
HALVED = {
    "optimizer": optax.sgd,
    "hparams": {"learning_rate": [0.003, 0.01, 0.05, 0.3, 10.0]},
    "validation": TEST,
    "epochs": 3,
    "loss": "mse",
    "activation": jax.nn.relu,
}


def test_halving_keeps_the_better_half_which_trains_on_as_in_the_full_grid():
    full, half = run(**HALVED), run(halving=1, **HALVED)
    after_one = full.val_loss[:, :, 1].mean(-1)  # NaN where a seed diverged in epoch 1
    kept = np.sort(np.argsort(np.where(np.isnan(after_one), np.inf, after_one))[:3])
    np.testing.assert_array_equal(np.flatnonzero(half.grid_epochs == 3), kept)
    dropped = np.setdiff1d(np.arange(5), kept)
    np.testing.assert_array_equal(half.grid_epochs[dropped], 1)
    assert 4 in dropped  # the diverged rate
    for field in PER_RUN:
        np.testing.assert_allclose(
            getattr(half, field)[kept], getattr(full, field)[kept], rtol=1e-5
        )
    windows = full.step_loss.shape[-1] // 3
    np.testing.assert_allclose(
        half.step_loss[dropped, :, :windows], full.step_loss[dropped, :, :windows], rtol=1e-5
    )
    np.testing.assert_allclose(
        half.val_loss[dropped, :, :2], full.val_loss[dropped, :, :2], rtol=1e-5
    )
    assert np.isnan(half.step_loss[dropped, :, windows:]).all()
    assert (
        np.isnan(half.val_loss[dropped, :, 2:]).all()
        and np.isnan(half.train_loss[dropped, :, 1:]).all()
    )
    np.testing.assert_array_equal(half.diverged_step[dropped], full.diverged_step[dropped])
    assert np.isnan(half.params[0]["w"][dropped]).all()
    np.testing.assert_allclose(
        half.params[0]["w"][kept], full.params[0]["w"][kept], rtol=1e-5, atol=1e-6
    )
    assert full.grid_epochs is None


def test_halving_applies_only_to_a_grid_of_three_or_more_before_the_last_epoch():
    two = {**HALVED, "hparams": {"learning_rate": [0.003, 0.01]}}
    assert run(halving=1, **two).grid_epochs is None
    assert run(halving=3, **HALVED).grid_epochs is None
    with pytest.raises(ValueError, match="halving must be an epoch >= 0"):
        run(halving=-1, **HALVED)
    with pytest.raises(ValueError, match="needs validation data"):
        run(halving=1, **{**HALVED, "validation": None})


def test_grid_order_ranks_clean_points_by_mean_then_the_others():
    nan = np.nan
    val = np.array([[1.0, 1.0], [0.5, nan], [2.0, 2.0], [nan, nan], [0.7, 0.9]])
    finite = np.array([[1, 1], [1, 0], [1, 1], [1, 1], [1, 1]], bool)
    # Clean: 4 (0.8), 0 (1.0), 2 (2.0); then 1 (0.5 over its finite seed) and 3 (no mean).
    np.testing.assert_array_equal(train.grid_order(val, finite), [4, 0, 2, 1, 3])
    np.testing.assert_array_equal(
        train.grid_order(np.ones((3, 2)), np.ones((3, 2), bool)), [0, 1, 2]
    )


def test_bad_arguments():
    with pytest.raises(ValueError, match="batch_size"):
        run(batch_size=10_000)
    with pytest.raises(ValueError, match="epochs"):
        run(epochs=0)
    with pytest.raises(ValueError, match="same length"):
        run(optax.adam, hparams={"learning_rate": [1e-3, 1e-2], "b1": [0.9]})
    with pytest.raises(ValueError, match="builder"):
        run(optax.adam(1e-3), hparams={"learning_rate": [1e-3, 1e-2]})


NAN_X = np.where(np.arange(X.size).reshape(X.shape) == 5, np.nan, X).astype(np.float32)


# Case 18 of issue 18: each of these trained, or failed deep inside, before.
@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"y": Y[:100]}, "training has 200 inputs but labels of shape (100,)"),
        (
            {"y": Y - 1},
            "training labels must be in 0..2 (layer_sizes[-1] = 3 classes), found -1..1",
        ),
        ({"y": Y + 1}, "training labels must be in 0..2 (layer_sizes[-1] = 3 classes), found 1..3"),
        (
            {"y": Y.astype(np.float32)},
            "training labels must be integers (class ids), got dtype float32",
        ),
        ({"test": (TEST[0], TEST[1] + 3)}, "test labels must be in 0..2"),
        (
            {"validation": (TEST[0][:5], TEST[1])},
            "validation has 5 inputs but labels of shape (64,)",
        ),
        ({"x": NAN_X}, "training inputs hold 1 non-finite values"),
        ({"x": X[:0], "y": Y[:0]}, "training inputs must be a non-empty [N, 12] array"),
        ({"test": (TEST[0][:0], TEST[1][:0])}, "test inputs must be a non-empty [N, 12] array"),
        ({"layer_sizes": []}, "an output size, each a positive integer; got []"),
        ({"log_every": 7}, "log_every must be in 1..6 (the steps of an epoch), got 7"),
        ({"log_every": 0}, "log_every must be in 1..6"),
        ({"optimizer": optax.adam, "hparams": {"learning_rate": []}}, "at least one value"),
        ({"optimizer": optax.adam, "hparams": {"lr": [0.1]}}, "hparams lr are not arguments of"),
        ({"divergence_factor": -1}, "divergence_factor must be > 0 (or None), got -1"),
        ({"seeds": [0, 0]}, "seeds must be distinct integers in [0, 2**31), got [0, 0]"),
        ({"seed": 2**31}, "seed must be in [0, 2**31), got 2147483648"),
        ({"loss": "hinge"}, "unknown loss 'hinge'; known: cross_entropy"),
    ],
)
def test_bad_inputs_raise_one_clear_value_error(kwargs, expected):
    arrays = {"x": X, "y": Y} | {k: kwargs.pop(k) for k in ("x", "y") if k in kwargs}
    with pytest.raises(ValueError, match=re.escape(expected)):
        train.train(arrays["x"], arrays["y"], **(DEFAULTS | kwargs))


def test_a_loss_far_above_its_start_diverges():
    """sgd at a huge rate: the loss explodes without turning non-finite for a while."""
    blowing = {"loss": "cross_entropy", "activation": jax.nn.relu}
    h = run(optax.sgd, hparams={"learning_rate": [0.05, 1000.0]}, **blowing)
    assert (h.diverged_step[0] == -1).all()
    assert (h.diverged_step[1] >= 0).all()
    only_nan = run(optax.sgd(1000.0), divergence_factor=None, **blowing)
    finite = np.isfinite(only_nan.step_loss)
    assert finite.any() and only_nan.step_loss[finite].max() > 1e3 * only_nan.step_loss[:, 0].min()
    for r, step in enumerate(h.diverged_step[1]):
        # The step that diverged is the first whose loss exceeds 1000x the first one.
        losses = only_nan.step_loss[r]
        first = np.flatnonzero(~(np.isfinite(losses) & (losses <= 1e3 * losses[0])))[0]
        assert step == first


def test_validation_set_is_evaluated_like_the_test_set():
    h = run(validation=TEST)
    np.testing.assert_array_equal(h.val_loss, h.test_loss)
    np.testing.assert_array_equal(h.val_acc, h.test_acc)
    assert run().val_loss is None


# Issue 29, case 19: a negative rate trained as gradient ascent without a word, and a
# non-finite one (or one float32 cannot hold) diverged every run. Zero is allowed: a
# control whose parameters stay at their initialization.
@pytest.mark.parametrize(
    ("rates", "bad"),
    [
        ([0.1, -0.01], "-0.01"),
        ([float("nan")], "nan"),
        ([0.1, float("inf")], "inf"),
        ([1e39], "1e+39"),
    ],
)
def test_learning_rates_that_do_not_descend_are_refused(rates, bad):
    expected = f"learning_rate must be >= 0 and finite in float32, got {bad}"
    with pytest.raises(ValueError, match=re.escape(expected)):
        run(optax.sgd, hparams={"learning_rate": rates})


@pytest.mark.parametrize("hparams", [None, {"learning_rate": [1e-3, 3e-2]}])
def test_initial_params_are_those_training_starts_from(hparams):
    seen = {}
    optimizer = optax.adam if hparams else None
    run(optimizer, hparams=hparams, epochs=1, on_epoch=lambda e, p: seen.setdefault(e, p))
    start = train.initial_params(SIZES, DEFAULTS["w_init"], 4, DEFAULTS["seed"])
    at_init = seen[0] if hparams is None else jax.tree.map(lambda a: a[1], seen[0])
    jax.tree.map(np.testing.assert_array_equal, jax.device_get(start), at_init)
    other = train.initial_params(SIZES, DEFAULTS["w_init"], [2, 0], DEFAULTS["seed"])
    np.testing.assert_array_equal(other[0]["w"], at_init[0]["w"][[2, 0]])
