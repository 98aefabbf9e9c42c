"""Resumable sweeps: records on disk, fingerprints, and what a rerun reports."""

import csv
import json
import shutil

import numpy as np
import pytest

from mlp_jax import configs, data, experiment, records, report, summary

DATA = data.synthetic(num_train=256, num_test=64)


def make_setup(tmp_path, **kwargs):
    defaults = {
        "experiment": "lab6",
        "baseline": "slow",
        "out_dir": tmp_path,
        "dataset": DATA,
        "layer_sizes": [784, 8, 10],
        "batch_size": 64,
        "epochs": 2,
        "seeds": 3,
        "seed": 0,
        "command": {"flag": 1},
    }
    return experiment.Setup.create(**(defaults | kwargs))


def two(slow_lr=0.01):
    return [
        configs.Config("slow", "sgd", slow_lr, init="xavier"),
        configs.Config("fast", "adam", 0.01, init="xavier"),
    ]


def quiet(_):
    pass


@pytest.fixture(scope="module")
def finished(tmp_path_factory):
    """One finished experiment (relu and tanh, two configurations), trained once."""
    out = tmp_path_factory.mktemp("finished")
    lines = []
    results = experiment.run(
        make_setup(out), {"relu": two(), "tanh": two()}, write=report.write_all, log=lines.append
    )
    return out, results, lines


@pytest.fixture
def copy_of(finished, tmp_path):
    """A private copy of the finished experiment's folder, and its results."""
    out, results, _ = finished
    shutil.copytree(out, tmp_path, dirs_exist_ok=True)
    return results


def read_csv(path):
    with path.open() as f:
        return list(csv.DictReader(f))


def test_outputs_records_and_summary_numbers(finished):
    out, results, lines = finished
    folder = out / "lab6" / "relu"
    for name in ("summary.csv", "metrics.csv", "report.md", "loss_epoch.png", "test_acc.png"):
        assert (folder / name).stat().st_size > 0
    assert (out / "lab6" / "activations.png").exists()
    assert sorted(p.name for p in (folder / "runs").iterdir()) == ["fast.npz", "slow.npz"]
    fast = records.History.load(folder / "runs" / "fast.npz")
    prov = fast.provenance
    assert prov.data_source == DATA.source and prov.data_digest == DATA.digest
    assert prov.config == configs.Config("fast", "adam", 0.01, init="xavier").spec()
    assert prov.versions["jax"] and fast.seeds == (0, 1, 2)
    assert prov.shared == make_setup(out).shared("relu")
    np.testing.assert_array_equal(fast.train_loss, results["relu"]["fast"].train_loss)

    rows = {r["config"]: r for r in read_csv(folder / "summary.csv")}
    assert list(rows["fast"]) == list(records.SUMMARY_COLUMNS)
    np.testing.assert_allclose(
        float(rows["fast"]["final_train_loss_mean"]), fast.train_loss[:, -1].mean(), rtol=1e-5
    )
    assert float(rows["slow"]["speedup_vs_baseline"]) == pytest.approx(1.0)
    assert any("ETA" in line for line in lines)


def test_rerun_skips_finished_and_recomputes_a_changed_spec(tmp_path, copy_of):
    setup = make_setup(tmp_path)
    lines = []
    again = experiment.run(setup, {"relu": two()}, write=report.write_all, log=lines.append)
    assert sum("skipping" in line for line in lines) == 2
    np.testing.assert_array_equal(
        copy_of["relu"]["fast"].step_loss, again["relu"]["fast"].step_loss
    )
    lines.clear()
    experiment.run(setup, {"relu": two(slow_lr=0.02)}, write=report.write_all, log=lines.append)
    assert any("slow: " in line and "other settings" in line for line in lines), lines
    assert any("fast: finished earlier" in line for line in lines)
    lines.clear()
    experiment.run(
        make_setup(tmp_path, overwrite=True),
        {"relu": two()[1:]},
        write=report.write_all,
        log=lines.append,
    )
    assert not any("skipping" in line for line in lines)


def test_a_schedule_edit_changes_the_fingerprint(tmp_path):
    """Editing a schedule's keyword (e.g. one_cycle's pct_start) must not reuse old results."""
    study = configs.schedule_study("sgd", 0.1, epoch_steps=4, total_steps=8, init="xavier")
    one_cycle = next(c for c in study if c.name == "one_cycle")
    edited = configs.Config(
        **(one_cycle.spec() | {"schedule_kwargs": one_cycle.schedule_kwargs | {"pct_start": 0.3}})
    )
    setup = make_setup(tmp_path, experiment="schedules", baseline="one_cycle")
    experiment.run(setup, {"relu": [one_cycle]}, write=report.write_all, log=quiet)
    lines = []
    experiment.run(setup, {"relu": [edited]}, write=report.write_all, log=lines.append)
    assert not any("skipping" in line for line in lines)


def test_mixed_files_from_another_run_are_recomputed_not_reported(tmp_path, copy_of):
    """A record copied in from a run with other settings is never reported as this run's."""
    other = make_setup(tmp_path / "other", epochs=1)
    experiment.run(other, {"relu": two()[1:]}, write=report.write_all, log=quiet)
    runs = tmp_path / "lab6" / "relu" / "runs"
    shutil.copy(tmp_path / "other" / "lab6" / "relu" / "runs" / "fast.npz", runs / "fast.npz")
    lines = []
    again = experiment.run(
        make_setup(tmp_path), {"relu": two()}, write=report.write_all, log=lines.append
    )
    assert any("fast.npz: written with other settings" in line for line in lines), lines
    np.testing.assert_array_equal(
        again["relu"]["fast"].train_loss, copy_of["relu"]["fast"].train_loss
    )


@pytest.mark.parametrize("damage", ["truncate", "wrong_json"])
def test_a_broken_record_is_named_and_recomputed(tmp_path, copy_of, damage):
    path = tmp_path / "lab6" / "relu" / "runs" / "fast.npz"
    content = path.read_bytes()
    if damage == "truncate":
        path.write_bytes(content[: len(content) // 2])
    else:
        with np.load(path) as f:
            arrays = dict(f)
        arrays["header"] = np.asarray(json.dumps(["a", "list"]))
        np.savez(path, **arrays)
    lines = []
    again = experiment.run(
        make_setup(tmp_path), {"relu": two()}, write=report.write_all, log=lines.append
    )
    assert any(str(path) in line and "recomputed" in line for line in lines), lines
    np.testing.assert_array_equal(
        again["relu"]["fast"].train_loss, copy_of["relu"]["fast"].train_loss
    )
    records.History.load(path)  # Whole again.


def test_killed_run_loses_only_the_configuration_in_progress(tmp_path):
    setup = make_setup(tmp_path)

    def log(line):
        if "[2/2]" in line and "seeds" in line:
            raise KeyboardInterrupt  # Killed as the second configuration starts.

    with pytest.raises(KeyboardInterrupt):
        experiment.run(setup, {"relu": two()}, write=report.write_all, log=log)
    runs = tmp_path / "lab6" / "relu" / "runs"
    assert sorted(p.name for p in runs.iterdir()) == ["slow.npz"]
    lines = []
    experiment.run(setup, {"relu": two()}, write=report.write_all, log=lines.append)
    assert "skipping" in lines[0] and sum("skipping" in line for line in lines) == 1


def test_summary_covers_every_finished_configuration_with_these_settings(tmp_path):
    """Two runs writing one folder: the last summary has both runs' configurations."""
    setup = make_setup(tmp_path)
    slow, fast = two()
    experiment.run(setup, {"relu": [slow]}, write=report.write_all, log=quiet)
    experiment.run(setup, {"relu": [fast]}, write=report.write_all, log=quiet)
    rows = read_csv(tmp_path / "lab6" / "relu" / "summary.csv")
    assert [r["config"] for r in rows] == ["fast", "slow"]
    lines = []
    experiment.run(
        make_setup(tmp_path, epochs=1), {"relu": [fast]}, write=report.write_all, log=lines.append
    )
    rows = read_csv(tmp_path / "lab6" / "relu" / "summary.csv")
    assert [r["config"] for r in rows] == ["fast"]
    assert any("other settings: slow.npz" in line for line in lines), lines


def test_metrics_csv_final_epoch_means_equal_the_summary(finished):
    folder = finished[0] / "lab6" / "relu"
    metrics = read_csv(folder / "metrics.csv")
    assert list(metrics[0]) == list(summary.METRICS_COLUMNS)
    assert metrics[0]["epoch"] == "0" and metrics[0]["train_loss"] == ""
    assert len(metrics) == 2 * 3 * (2 + 1)  # configs x seeds x (init + epochs)
    for row in read_csv(folder / "summary.csv"):
        last = [m for m in metrics if m["config"] == row["config"] and m["epoch"] == "2"]
        for column, mean_column in (
            ("train_loss", "final_train_loss_mean"),
            ("test_acc", "test_acc_mean"),
        ):
            mean = np.mean([float(m[column]) for m in last])
            assert mean == pytest.approx(float(row[mean_column]), rel=1e-4)


def test_lr_grid_trains_every_rate_and_reports_the_best_on_validation(tmp_path):
    dataset = data.synthetic(num_train=256, num_test=64, validation=64)
    setup = make_setup(tmp_path, dataset=dataset, lr_grid=3)
    results = experiment.run(setup, {"relu": two()}, write=report.write_all, log=quiet)
    fast = results["relu"]["fast"]
    np.testing.assert_allclose(
        fast.grid["learning_rate"], [0.01 / 10**0.5, 0.01, 0.01 * 10**0.5], rtol=1e-6
    )
    assert fast.val_loss.shape == (3, 3, 3)
    pick = int(np.argmin(fast.val_loss[:, :, -1].mean(1)))
    rows = {r["config"]: r for r in read_csv(tmp_path / "lab6" / "relu" / "summary.csv")}
    assert float(rows["fast"]["learning_rate"]) == pytest.approx(
        fast.grid["learning_rate"][pick], rel=1e-5
    )
    np.testing.assert_allclose(
        float(rows["fast"]["final_train_loss_mean"]), fast.train_loss[pick, :, -1].mean(), rtol=1e-5
    )
    metrics = read_csv(tmp_path / "lab6" / "relu" / "metrics.csv")
    assert {"lr", "val_loss", "val_acc"} <= set(metrics[0])
    assert len(metrics) == 2 * 3 * 3 * 3  # configs x rates x seeds x (init + epochs)
    assert (tmp_path / "lab6" / "relu" / "lr_sensitivity.png").exists()
