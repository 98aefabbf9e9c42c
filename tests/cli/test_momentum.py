"""``python -m experiments.momentum`` as a user runs it: the study's rates from the
default table (or --lr), its files, a rerun that trains nothing, bad names."""

import csv
import json

import pytest

from mlp_jax.labs import configs

SMALL = ["--dataset=synthetic", "--epochs=2", "--seeds=2", "--hidden=16", "--act=relu"]
CHOSEN = "--configs=sgd,sgd_lab6_step,momentum_g0.9_sgd_step"


def rows(folder):
    with (folder / "summary.csv").open() as f:
        return {r["config"]: r for r in csv.DictReader(f)}


def test_the_study_trains_writes_and_resumes(tmp_path, run_cli):
    result = run_cli("momentum", *SMALL, f"--out_dir={tmp_path}", CHOSEN)
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "synthetic" / "momentum" / "relu"
    found = rows(folder)
    assert list(found) == ["sgd", "momentum_g0.9_sgd_step", "sgd_lab6_step"]
    rate = {name: float(r["learning_rate"]) for name, r in found.items()}
    gamma = {
        n: json.loads(r["settings"])["optimizer_kwargs"].get("momentum") for n, r in found.items()
    }
    assert rate["sgd"] == configs.DEFAULT_LR["sgd"]
    # Plain SGD at lab 6 momentum's long-run step α/(1 − γ) = 0.1 / (1 − 0.9) = 1.
    assert rate["sgd_lab6_step"] == pytest.approx(configs.DEFAULT_LR["momentum"] / (1 - 0.9))
    assert gamma == {"sgd": None, "momentum_g0.9_sgd_step": 0.9, "sgd_lab6_step": None}
    assert rate["momentum_g0.9_sgd_step"] / (1 - 0.9) == pytest.approx(rate["sgd"])
    report = (folder / "report.md").read_text()
    assert "Momentum: the step size and γ set apart" in report
    assert (folder / "loss_epoch.png").exists() and (folder / "metrics.csv").exists()
    again = run_cli("momentum", *SMALL, f"--out_dir={tmp_path}", CHOSEN)
    assert again.returncode == 0, again.stderr
    assert again.stdout.count("finished earlier, skipping") == 3
    assert "epoch 1/2" not in again.stdout


def test_lr_moves_both_steps_with_the_rates(tmp_path, run_cli):
    result = run_cli(
        "momentum",
        *SMALL,
        f"--out_dir={tmp_path}",
        "--configs=sgd,momentum_g0.5_sgd_step,sgd_lab6_step",
        "--lr=sgd=0.2,momentum=0.05",
    )
    assert result.returncode == 0, result.stderr
    found = rows(tmp_path / "synthetic" / "momentum" / "relu")
    assert float(found["sgd"]["learning_rate"]) == 0.2
    assert float(found["momentum_g0.5_sgd_step"]["learning_rate"]) == pytest.approx(0.1)
    assert float(found["sgd_lab6_step"]["learning_rate"]) == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--configs=sgd,momentum_g0.7"], "unknown configuration 'momentum_g0.7'; valid: sgd,"),
        (["--lr=adam=0.1"], "--lr sets adam, which this run does not train"),
    ],
)
def test_bad_input_is_one_line(args, expected, run_cli, tmp_path):
    result = run_cli("momentum", *SMALL, f"--out_dir={tmp_path}", *args)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert expected in result.stderr.strip().splitlines()[0]


def test_help_lists_the_configurations_flag(run_cli):
    result = run_cli("momentum", "--help")
    assert result.returncode == 0, result.stderr
    mine = result.stdout.partition("Flags every experiment shares:")[0]
    assert "  --configs:" in mine and "momentum_g0.9_lab6_step" in mine
