import json
import math

import numpy as np
import optax
import pytest

from mlp_jax import data, experiment, initializers, stats

DATA = data.synthetic(num_train=256, num_test=64)


def make_setup(tmp_path, **kwargs):
    defaults = {
        "experiment": "demo",
        "title": "Demo",
        "out_dir": tmp_path,
        "dataset": DATA,
        "layer_sizes": [784, 8, 10],
        "batch_size": 64,
        "epochs": 2,
        "seeds": 3,
        "seed": 0,
        "baseline": "slow",
        "command": {"flag": 1},
    }
    return experiment.Setup(**(defaults | kwargs))


def configs(slow_lr=0.01):
    init = initializers.get("xavier")
    return [
        experiment.Config("slow", optax.sgd(slow_lr), init, {"optimizer": "sgd", "lr": slow_lr}),
        experiment.Config("fast", optax.adam(0.01), init, {"optimizer": "adam", "lr": 0.01}),
    ]


def test_outputs_and_summary_numbers(tmp_path):
    setup = make_setup(tmp_path)
    lines = []
    results = experiment.run(setup, {"relu": configs(), "tanh": configs()}, log=lines.append)
    act_dir = tmp_path / "demo" / "relu"
    for name in ("summary.csv", "report.md", "loss_epoch.png", "loss_step.png", "test_acc.png"):
        assert (act_dir / name).stat().st_size > 0
    assert (tmp_path / "demo" / "activations.png").exists()
    manifest = json.loads((act_dir / "runs" / "fast.json").read_text())
    assert manifest["data_source"] == DATA.source
    assert manifest["settings"] == {"optimizer": "adam", "lr": 0.01}
    assert manifest["seeds"] == [0, 1, 2] and manifest["versions"]["jax"]

    header, *_ = (act_dir / "summary.csv").read_text().splitlines()
    assert header.split(",")[:10] == list(experiment.SUMMARY_COLUMNS[:10])
    summary = {r["config"]: r for r in experiment.summarize("relu", results["relu"], "slow")}
    fast = results["relu"]["fast"]
    np.testing.assert_allclose(
        summary["fast"]["final_train_loss_mean"], fast["train_loss"][:, -1].mean()
    )
    np.testing.assert_allclose(summary["fast"]["test_acc_std"], fast["test_acc"][:, -1].std(ddof=1))
    expected_p = stats.welch_t_test(
        fast["train_loss"][:, -1], results["relu"]["slow"]["train_loss"][:, -1]
    )[2]
    np.testing.assert_allclose(summary["fast"]["p_vs_baseline"], expected_p)
    # The target is the slowest configuration's final loss: it gets there at the last epoch.
    assert summary["slow"]["epochs_to_target"] == pytest.approx(2.0)
    assert summary["fast"]["epochs_to_target"] < 2.0
    # Whichever configuration sets the target reaches it, to the last bit.
    target = experiment.loss_target(results["tanh"])
    for row in experiment.summarize("tanh", results["tanh"], "slow"):
        assert math.isfinite(row["epochs_to_target"]), (row, target)
    assert any("ETA" in line for line in lines)

    report = (act_dir / "report.md").read_text()
    assert DATA.source in report and "| fast |" in report and "![training loss per epoch]" in report
    assert "1. **fast**" in report


def test_rerun_skips_finished_and_recomputes_changed_or_overwritten(tmp_path):
    setup = make_setup(tmp_path)
    first = experiment.run(setup, {"relu": configs()}, log=lambda _: None)
    lines = []
    again = experiment.run(setup, {"relu": configs()}, log=lines.append)
    assert sum("skipping" in line for line in lines) == 2
    np.testing.assert_array_equal(
        first["relu"]["fast"]["step_loss"], again["relu"]["fast"]["step_loss"]
    )

    lines.clear()
    experiment.run(setup, {"relu": configs(slow_lr=0.02)}, log=lines.append)
    assert [("skipping" in line) for line in lines if "done" in line or "skipping" in line] == [
        False,
        True,
    ]
    lines.clear()
    experiment.run(make_setup(tmp_path, overwrite=True), {"relu": configs()}, log=lines.append)
    assert not any("skipping" in line for line in lines)


def test_killed_run_loses_only_the_configuration_in_progress(tmp_path):
    setup = make_setup(tmp_path)
    calls = []

    def log(line):
        calls.append(line)
        if "[2/2]" in line and "seeds" in line:
            raise KeyboardInterrupt  # Killed while the second configuration starts.

    with pytest.raises(KeyboardInterrupt):
        experiment.run(setup, {"relu": configs()}, log=log)
    runs = tmp_path / "demo" / "relu" / "runs"
    assert sorted(p.name for p in runs.iterdir()) == ["slow.json", "slow.npz"]
    lines = []
    experiment.run(setup, {"relu": configs()}, log=lines.append)
    assert "skipping" in lines[0] and "skipping" not in lines[1]


def test_diverged_seeds_are_counted_and_left_out(tmp_path):
    setup = make_setup(tmp_path)
    runs = experiment.run(setup, {"relu": configs()}, log=lambda _: None)["relu"]
    # Seed 0 of "fast" diverges at step 5: frozen, NaN from then on.
    fast = dict(runs["fast"], diverged_step=np.array([5, -1, -1]))
    for key in ("train_loss", "train_acc", "test_loss", "test_acc"):
        fast[key] = fast[key].copy()
        fast[key][0, 1:] = np.nan
    runs = dict(runs, fast=fast)
    rows = {r["config"]: r for r in experiment.summarize("relu", runs, "slow")}
    assert rows["fast"]["diverged"] == 1 and rows["fast"]["seeds"] == 3
    np.testing.assert_allclose(
        rows["fast"]["final_train_loss_mean"], fast["train_loss"][1:, -1].mean()
    )
    np.testing.assert_allclose(rows["fast"]["test_acc_std"], fast["test_acc"][1:, -1].std(ddof=1))
    report = experiment.report(setup, "relu", runs, list(rows.values()), side_by_side=False)
    assert "| fast | 1/3 |" in report and "Diverged seeds" in report

    every = dict(fast, diverged_step=np.array([5, 5, 5]))
    row = experiment.summarize("relu", dict(runs, fast=every), "slow")[1]
    assert row["diverged"] == 3 and math.isnan(row["final_train_loss_mean"])
    assert math.isnan(row["epochs_to_target"])


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
    assert experiment.best_rate(rows) == 0.01
    rows[4]["final_train_loss_mean"] = 0.1  # relu: 0.1 now first, so 0.1 -> 0+0.
    assert experiment.best_rate(rows) == 0.1
    assert experiment.best_rate([row("relu", 0.1, math.inf, diverged=2)]) is None
