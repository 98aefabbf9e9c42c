"""The experiment CLIs as a user runs them: bad flags, and a small lab 6 + lab 7 run."""

import csv
import json
import re
from pathlib import Path

import numpy as np
import pytest

from mlp_jax import experiment

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--act=softsign"], "unknown activation 'softsign'; valid: sigmoid, relu"),
        (["--lr=adam=fast"], "malformed entry 'adam=fast'; expected NAME=RATE"),
        (["--data_dir=/nonexistent/mnist"], "/nonexistent/mnist"),
        (["--dataset=synthetic", "--batch_size=5000"], "--batch_size=5000 exceeds the 2000"),
    ],
)
def test_bad_input_gives_one_line_and_nonzero_exit(args, expected, run_cli):
    result = run_cli("lab6", *args)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    first = result.stderr.strip().splitlines()[0]
    assert expected in first, result.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--optimizers=sgd,lion"], "unknown optimizer 'lion'; valid: sgd"),
        (["--epochs=0"], "0 is not a positive integer"),
        (["--seeds=-1"], "-1 is not a positive integer"),
        (["--batch_size=0"], "0 is not a positive integer"),
        (["--lr=adam"], "malformed entry 'adam'; expected NAME=RATE"),
        (["--lr=lion=0.1"], "unknown optimizer 'lion'"),
        (["--lr=sgd=-1"], "malformed entry 'sgd=-1'"),
        (["--init=glorot"], "unknown init 'glorot'; valid: normal"),
        (["--init=he", "--init_scale=2"], "--init_scale applies only to --init=normal"),
        (["--hidden=128,x"], "expected positive integers"),
        (["--dataset=cifar"], "value should be one of <mnist|fashion_mnist|synthetic>"),
    ],
)
def test_flag_validation(args, expected):
    """The same validators as above, checked in-process (absl prints their message)."""
    from absl import flags

    import experiments.lab6  # noqa: F401  (defines --optimizers)

    try:
        with pytest.raises(flags.Error, match=re.escape(expected)):
            flags.FLAGS(["lab6", *args])
    finally:
        flags.FLAGS.unparse_flags()


def test_lab6_then_lab7_end_to_end(tmp_path, run_cli):
    common = [
        "--dataset=synthetic",
        "--epochs=2",
        "--seeds=2",
        "--hidden=32",
        f"--out_dir={tmp_path}",
    ]
    lab6 = run_cli(
        "lab6", *common, "--act=sigmoid,relu", "--optimizers=sgd,adam", "--lr=adam=0.003,sgd=0.07"
    )
    assert lab6.returncode == 0, lab6.stderr
    for act in ("sigmoid", "relu"):
        folder = tmp_path / "lab6" / act
        with (folder / "summary.csv").open() as f:
            rows = list(csv.DictReader(f))
        assert [r["config"] for r in rows] == ["sgd", "adam"]
        assert set(experiment.SUMMARY_COLUMNS) <= set(rows[0])
        assert '"learning_rate": 0.003' in rows[1]["settings"]
        for name in ("report.md", "loss_epoch.png", "loss_step.png", "test_acc.png"):
            assert (folder / name).exists()
    assert (tmp_path / "lab6" / "activations.png").exists()
    assert "epoch 2/2" in lab6.stdout and "ETA" in lab6.stdout

    again = run_cli(
        "lab6", *common, "--act=relu", "--optimizers=sgd,adam", "--lr=adam=0.003,sgd=0.07"
    )
    assert again.stdout.count("skipping") == 2, again.stdout

    lab7 = run_cli("lab7", *common, "--act=relu", "--inits=normal,he")
    assert lab7.returncode == 0, lab7.stderr
    with (tmp_path / "lab6" / "relu" / "summary.csv").open() as f:
        best_row = min(csv.DictReader(f), key=lambda r: float(r["epochs_to_target"]))
    best = best_row["config"]
    assert f"relu: Optimizer: {best}" in lab7.stdout
    assert "fastest to the loss target" in lab7.stdout
    # Lab 7 trains at the rate lab 6 used (0.003 or 0.07), not the default table's.
    assert f"learning rate {json.loads(best_row['settings'])['learning_rate']:g} " in lab7.stdout
    report = (tmp_path / "lab7" / "relu" / "report.md").read_text()
    assert f"Optimizer: {best}" in report and "| he |" in report


def test_schedule_definitions():
    from experiments.schedules import learning_rates

    rates = learning_rates(0.1, epoch_steps=10, total_steps=40)
    at = {name: [float(s(t)) for t in (0, 10, 20, 30, 40)] for name, s in rates.items()}
    np.testing.assert_allclose(at["constant"], [0.1] * 5)
    np.testing.assert_allclose(at["power"], [0.1 / (1 + t / 10) for t in (0, 10, 20, 30, 40)])
    np.testing.assert_allclose(
        at["exponential"], [0.1 * 0.1 ** (t / 40) for t in (0, 10, 20, 30, 40)]
    )
    np.testing.assert_allclose(at["piecewise_constant"], [0.1, 0.1, 0.03, 0.009, 0.009])
    np.testing.assert_allclose(at["one_cycle"][0], 0.03)  # 3η/10 at the start
    np.testing.assert_allclose(max(float(rates["one_cycle"](t)) for t in range(40)), 0.3)


def test_schedules_cli(tmp_path, run_cli):
    args = [
        "--dataset=synthetic",
        "--epochs=2",
        "--seeds=2",
        "--hidden=16",
        f"--out_dir={tmp_path}",
    ]
    result = run_cli(
        "schedules", *args, "--schedules=constant,one_cycle,plateau", "--init=he", "--lr=sgd=0.05"
    )
    assert result.returncode == 0, result.stderr
    with (tmp_path / "schedules" / "relu" / "summary.csv").open() as f:
        rows = list(csv.DictReader(f))
    assert [r["config"] for r in rows] == ["constant", "one_cycle", "plateau"]
    assert all(
        r["diverged"] == "0" and float(r["test_acc_mean"]) > 0.2 for r in rows
    )  # chance: 0.1
    assert (
        "Learning-rate schedules (sgd)"
        in (tmp_path / "schedules" / "relu" / "report.md").read_text()
    )
