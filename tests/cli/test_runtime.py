"""The CPU's dot path (``experiments.runtime``): chosen, overridden, recorded, and the
same numbers on each path."""

import json

import numpy as np
import pytest
from absl import app

from experiments import runtime
from mlp_jax import records

DEVICE_COUNT = "--xla_force_host_platform_device_count=1"


@pytest.mark.parametrize("asked", ["onednn", "xla"])
def test_an_asked_path_adds_its_flags_after_the_users(asked):
    chosen = runtime.dot_path(f" {DEVICE_COUNT} ", asked)
    assert chosen.name == asked and chosen.before == f" {DEVICE_COUNT} "
    assert chosen.xla_flags.split() == [DEVICE_COUNT, *runtime.DOT_PATHS[asked].split()]


def test_by_default_xla_runs_its_own_programs():
    """The default path adds no flag: the records' numbers stay what they were."""
    assert runtime.DEFAULT_DOT_PATH == "xla" and runtime.DOT_PATHS["xla"] == ""
    flags = f" {DEVICE_COUNT}  "
    assert runtime.dot_path(flags, "") == ("xla", flags, flags)  # Left as they came.


@pytest.mark.parametrize(
    "flag",
    [
        "--xla_cpu_use_onednn=false",
        "--xla_cpu_use_onednn",
        "--xla_cpu_experimental_ynn_fusion_type=",
        "-xla_cpu_experimental_onednn_fusion_type=dot",
        "--xla_cpu_use_xnnpack=true",
    ],
)
def test_xla_flags_that_name_a_dot_library_win_untouched(flag):
    flags = f"{DEVICE_COUNT} {flag}"
    assert runtime.dot_path(flags, "onednn") == ("user", flags, flags)


def test_other_xla_flags_leave_the_choice_to_us():
    flags = f"{DEVICE_COUNT} --xla_cpu_use_thunk_runtime=true --xla_cpu_use_onednn_x=1"
    assert runtime.dot_path(flags, "onednn").name == "onednn"


def test_an_unknown_path_is_refused_naming_the_valid_ones():
    with pytest.raises(
        app.UsageError, match="MLP_JAX_DOT_PATH=mkl: no such .*: one of xla, onednn"
    ):
        runtime.dot_path("", "mkl")


NOISE = 1.2
"""Pixel noise of the synthetic data: enough that accuracies stay below 1."""
TRAIN = (
    f"NOISE = {NOISE}\n"
    + """
import json, re
import jax, jax.numpy as jnp
from experiments import runtime
runtime.use_dot_path()
from mlp_jax import data, initializers, optimizers, train
program = jax.jit(jnp.matmul).lower(jnp.ones((5, 64, 784)), jnp.ones((5, 784, 32))).compile()
kinds = sorted(set(re.findall(r'"kind":"(__[a-z]+_fusion)"', program.as_text())))
ds = data.synthetic(noise=NOISE)
h = train.train(ds.train_x, ds.train_y, test=(ds.test_x, ds.test_y), layer_sizes=[784, 32, 10],
    activation=jax.nn.relu, w_init=initializers.get("he"), optimizer=optimizers.adam(3e-3),
    batch_size=64, epochs=2, seeds=4, log=None)
print(json.dumps({"path": runtime.chosen_dot_path().name, "kinds": kinds,
    "train_loss": h.train_loss[:, -1].tolist(), "test_loss": h.test_loss[:, -1].tolist(),
    "test_acc": h.test_acc[:, -1].tolist(),
    "params": [{k: v.tolist() for k, v in layer.items()} for layer in h.params]}))
"""
)

LIBRARY = {"xla": ["__ynn_fusion"], "onednn": ["__onednn_fusion"]}
"""The library fusion a dot of the training step's shape gets on each path (jaxlib 0.10.2)."""
LOSS_RTOL = 1e-4
"""Largest relative difference between the paths' final losses accepted here (a 2-epoch
run; measured: below 1e-6)."""


def _numpy_test_numbers(params: list[dict], x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Each seed's test loss and accuracy from its parameters, in float64."""
    out = []
    for seed in range(len(params[0]["w"])):
        a = x
        for i, layer in enumerate(params):
            a = a @ np.asarray(layer["w"][seed]) + np.asarray(layer["b"][seed])
            a = np.maximum(a, 0) if i < len(params) - 1 else a
        log_p = a - a.max(1, keepdims=True)
        log_p -= np.log(np.exp(log_p).sum(1, keepdims=True))
        out.append((-log_p[np.arange(len(y)), y].mean(), (a.argmax(1) == y).mean()))
    return np.array(out).T


def test_each_path_uses_its_library_and_both_give_the_same_numbers(run_cli, cli_env):
    """A small training on XLA's own path and on oneDNN's, each in a fresh process with
    two devices as the CLIs have: each compiles a dot to its library, reports the test
    numbers its parameters give in NumPy, and the two agree within ``LOSS_RTOL``
    (accuracies to the example)."""
    from mlp_jax import data

    ds = data.synthetic(noise=NOISE)
    two = cli_env["XLA_FLAGS"].replace(DEVICE_COUNT, DEVICE_COUNT[:-1] + "2")
    assert two != cli_env["XLA_FLAGS"]
    runs = {}
    for path, library in LIBRARY.items():
        env = {runtime.DOT_PATH_ENV: path, "XLA_FLAGS": two}
        result = run_cli("-c", TRAIN, python=True, env=env)
        assert result.returncode == 0, result.stderr
        runs[path] = json.loads(result.stdout.splitlines()[-1])
        assert runs[path]["path"] == path and runs[path]["kinds"] == library
        reference = _numpy_test_numbers(runs[path]["params"], ds.test_x, ds.test_y)
        np.testing.assert_allclose(runs[path]["test_loss"], reference[0], rtol=1e-5)
        np.testing.assert_allclose(runs[path]["test_acc"], reference[1], atol=0.5 / len(ds.test_y))
    xla, onednn = runs["xla"], runs["onednn"]
    for key in ("train_loss", "test_loss"):
        np.testing.assert_allclose(onednn[key], xla[key], rtol=LOSS_RTOL)
    np.testing.assert_allclose(onednn["test_acc"], xla["test_acc"], atol=0.5 / len(ds.test_y))


def test_a_cli_records_the_xla_flags_of_its_dot_path(tmp_path, run_cli, cli_env):
    args = ["--dataset=synthetic", "--epochs=1", "--seeds=1", "--hidden=8", "--optimizers=sgd"]
    result = run_cli("lab6", *args, f"--out_dir={tmp_path}", env={runtime.DOT_PATH_ENV: "onednn"})
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr
    (record,) = (tmp_path / "synthetic" / "lab6" / "relu" / "runs").glob("*.npz")
    flags = records.History.load(record).provenance.xla_flags
    assert flags == f"{cli_env['XLA_FLAGS']} {runtime.DOT_PATHS['onednn']}".strip()
