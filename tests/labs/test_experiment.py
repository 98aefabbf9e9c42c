"""Resumable sweeps: records on disk, fingerprints, and what a rerun reports."""

import csv
import datetime
import itertools
import json
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import jax
import numpy as np
import pytest

from mlp_jax import data, records, train
from mlp_jax.labs import configs, diagnostics, experiment, summary
from mlp_jax.report import handin, lab_report
from tests import tiny

# Its module fixtures and cached runs are built once: the module runs on one xdist worker.
pytestmark = pytest.mark.xdist_group("experiment")

ROOT = Path(__file__).resolve().parents[2]

DATA = tiny.DATA


def make_setup(tmp_path, **kwargs):
    return tiny.setup(tmp_path, **({"baseline": "slow", "command": {"flag": 1}} | kwargs))


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
        make_setup(out),
        {"relu": two(), "tanh": two()},
        write=lab_report.write_all,
        log=lines.append,
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
    folder = out / "synthetic" / "lab6" / "relu"
    for name in ("summary.csv", "metrics.csv", "report.md", "loss_epoch.png", "test_acc.png"):
        assert (folder / name).stat().st_size > 0
    assert (out / "synthetic" / "lab6" / "activations.png").exists()
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


def test_records_are_listed_in_the_order_they_finished(tmp_path, monkeypatch):
    """In the order they trained, not by name, when they finish within one second (a
    clock that moves 1 ms a reading): finish times carry microseconds."""
    ticks = itertools.count()

    class Clock(datetime.datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime.datetime(2026, 1, 1, tzinfo=tz) + datetime.timedelta(
                milliseconds=next(ticks)
            )

    monkeypatch.setattr(datetime, "datetime", Clock)
    experiment.run(make_setup(tmp_path), {"relu": two()}, log=quiet)
    results = experiment.latest(tmp_path / "synthetic" / "lab6" / "relu").results
    assert list(results) == [c.name for c in two()]  # slow, then fast.


def test_rerun_skips_finished_and_a_changed_spec_stops_before_training(tmp_path, copy_of):
    setup = make_setup(tmp_path)
    lines = []
    again = experiment.run(setup, {"relu": two()}, log=lines.append)
    assert sum("skipping" in line for line in lines) == 2
    np.testing.assert_array_equal(
        copy_of["relu"]["fast"].step_loss, again["relu"]["fast"].step_loss
    )
    lines.clear()
    with pytest.raises(experiment.Clash) as clash:
        experiment.run(setup, {"relu": two(slow_lr=0.02)}, log=lines.append)
    assert str(clash.value) == (
        f"{tmp_path / 'synthetic' / 'lab6'} holds finished records of other settings "
        "(slow: learning_rate 0.01 → 0.02); fix: --out_dir=<another folder> to keep them, "
        "or --overwrite to replace them"
    )
    assert lines == []  # Stopped before anything, the record kept.
    slow = tmp_path / "synthetic" / "lab6" / "relu" / "runs" / "slow.npz"
    assert records.History.load(slow).provenance.config["learning_rate"] == 0.01
    experiment.run(
        make_setup(tmp_path, overwrite=True),
        {"relu": two(slow_lr=0.02)},
        log=lines.append,
    )
    assert not any("skipping" in line for line in lines)
    assert records.History.load(slow).provenance.config["learning_rate"] == 0.02


def test_a_schedule_edit_changes_the_fingerprint(tmp_path):
    """Editing a schedule's keyword (e.g. one_cycle's pct_start) must not reuse old results."""
    study = configs.schedule_study("sgd", 0.1, epoch_steps=4, total_steps=8, init="xavier")
    one_cycle = next(c for c in study if c.name == "one_cycle")
    edited = configs.Config(
        **(one_cycle.spec() | {"schedule_kwargs": one_cycle.schedule_kwargs | {"pct_start": 0.3}})
    )
    setup = make_setup(tmp_path, experiment="schedules", baseline="one_cycle")
    experiment.run(setup, {"relu": [one_cycle]}, log=quiet)
    with pytest.raises(experiment.Clash, match="one_cycle: schedule_kwargs"):
        experiment.run(setup, {"relu": [edited]}, log=quiet)


def test_mixed_files_from_another_run_stop_the_run_or_are_replaced(tmp_path, copy_of):
    """A record copied in from a run with other settings is never reported as this run's,
    nor deleted without --overwrite."""
    other = make_setup(tmp_path / "other", epochs=1, seeds=2)
    experiment.run(other, {"relu": two()[1:]}, log=quiet)
    runs = tmp_path / "synthetic" / "lab6" / "relu" / "runs"
    shutil.copy(other.folder("relu") / "runs" / "fast.npz", runs / "fast.npz")
    with pytest.raises(experiment.Clash, match=r"\(epochs 1 → 2, seeds 2 → 3\); fix: "):
        experiment.run(make_setup(tmp_path), {"relu": two()}, log=quiet)
    assert records.History.load(runs / "fast.npz").provenance.shared.epochs == 1
    again = experiment.run(make_setup(tmp_path, overwrite=True), {"relu": two()}, log=quiet)
    np.testing.assert_array_equal(
        again["relu"]["fast"].train_loss, copy_of["relu"]["fast"].train_loss
    )


@pytest.mark.parametrize("damage", ["truncate", "wrong_json"])
def test_a_broken_record_is_named_and_recomputed(tmp_path, copy_of, damage):
    path = tmp_path / "synthetic" / "lab6" / "relu" / "runs" / "fast.npz"
    content = path.read_bytes()
    if damage == "truncate":
        path.write_bytes(content[: len(content) // 2])
    else:
        with np.load(path) as f:
            arrays = dict(f)
        arrays["header"] = np.asarray(json.dumps(["a", "list"]))
        np.savez(path, **arrays)
    lines = []
    again = experiment.run(make_setup(tmp_path), {"relu": two()}, log=lines.append)
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
        experiment.run(setup, {"relu": two()}, log=log)
    runs = tmp_path / "synthetic" / "lab6" / "relu" / "runs"
    assert sorted(p.name for p in runs.iterdir()) == ["slow.npz"]
    lines = []
    experiment.run(setup, {"relu": two()}, log=lines.append)
    assert "skipping" in lines[0] and sum("skipping" in line for line in lines) == 1


def test_summary_covers_every_finished_configuration_with_these_settings(tmp_path):
    """Two runs writing one folder: the last summary has both runs' configurations."""
    setup = make_setup(tmp_path)
    slow, fast = two()
    experiment.run(setup, {"relu": [slow]}, write=lab_report.write_all, log=quiet)
    experiment.run(setup, {"relu": [fast]}, write=lab_report.write_all, log=quiet)
    rows = read_csv(tmp_path / "synthetic" / "lab6" / "relu" / "summary.csv")
    assert [r["config"] for r in rows] == ["fast", "slow"]
    lines = []
    with pytest.raises(experiment.Clash, match="epochs 2 → 1"):
        experiment.run(make_setup(tmp_path, epochs=1), {"relu": [fast]}, log=lines.append)
    experiment.run(
        make_setup(tmp_path, epochs=1, overwrite=True),
        {"relu": [fast]},
        write=lab_report.write_all,
        log=lines.append,
    )
    rows = read_csv(tmp_path / "synthetic" / "lab6" / "relu" / "summary.csv")
    assert [r["config"] for r in rows] == ["fast"]
    assert any("other settings: slow.npz" in line for line in lines), lines


def test_metrics_csv_final_epoch_means_equal_the_summary(finished):
    folder = finished[0] / "synthetic" / "lab6" / "relu"
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


@pytest.mark.parametrize("halving", [0, 1])
def test_lr_grid_trains_every_rate_and_reports_the_best_on_validation(tmp_path, halving):
    dataset = data.synthetic(num_train=256, num_test=64, validation=64)
    setup = make_setup(tmp_path, dataset=dataset, lr_grid=3, lr_halving=halving)
    ex2 = configs.Config(configs.EXERCISE2, "sgd", 0.05)  # Exercise 2's own rate, no grid.
    plan = {"relu": [*two(), ex2]}
    results = experiment.run(setup, plan, write=lab_report.write_all, log=quiet)
    assert not results["relu"][configs.EXERCISE2].grid
    assert results["relu"][configs.EXERCISE2].train_loss.shape == (3, 2)  # seeds x epochs
    fast = results["relu"]["fast"]
    np.testing.assert_allclose(
        fast.grid["learning_rate"], [0.01 / 10**0.5, 0.01, 0.01 * 10**0.5], rtol=1e-6
    )
    assert fast.val_loss.shape == (3, 3, 3)
    final = fast.val_loss[:, :, -1].mean(1)  # NaN at a rate the halving dropped
    pick = int(np.argmin(np.where(np.isnan(final), np.inf, final)))
    dropped = 2 * halving  # one rate of each gridded configuration, one epoch short
    assert (fast.grid_epochs is None) == (not halving)
    assert np.isnan(final).sum() == halving
    rows = {
        r["config"]: r for r in read_csv(tmp_path / "synthetic" / "lab6" / "relu" / "summary.csv")
    }
    assert float(rows["fast"]["learning_rate"]) == pytest.approx(
        fast.grid["learning_rate"][pick], rel=1e-5
    )
    np.testing.assert_allclose(
        float(rows["fast"]["final_train_loss_mean"]), fast.train_loss[pick, :, -1].mean(), rtol=1e-5
    )
    metrics = read_csv(tmp_path / "synthetic" / "lab6" / "relu" / "metrics.csv")
    assert {"lr", "val_loss", "val_acc"} <= set(metrics[0])
    assert float(rows[configs.EXERCISE2]["learning_rate"]) == pytest.approx(0.05)
    # (configs x rates + 1) x seeds x (init + epochs), less the epochs dropped rates skipped
    assert len(metrics) == (2 * 3 + 1) * 3 * 3 - dropped * 3
    assert all(m["val_loss"] != "nan" for m in metrics)
    assert (tmp_path / "synthetic" / "lab6" / "relu" / "lr_sensitivity.png").exists()


def test_full_grid_records_stop_a_halved_run_which_names_the_flag_that_uses_them(tmp_path):
    dataset = data.synthetic(num_train=256, num_test=64, validation=64)
    plan = {"relu": two()[1:]}
    full = experiment.run(make_setup(tmp_path, dataset=dataset, lr_grid=3), plan, log=quiet)
    with pytest.raises(experiment.Clash) as clash:
        experiment.run(make_setup(tmp_path, dataset=dataset, lr_grid=3, lr_halving=1), plan)
    assert "(lr_halving none → 1); fix: --out_dir=<another folder> to keep them, " in str(
        clash.value
    )
    assert "--lr_halving=0 to use them as they are, or --overwrite" in str(clash.value)
    lines = []
    again = experiment.run(make_setup(tmp_path, dataset=dataset, lr_grid=3), plan, log=lines.append)
    assert any("fast: finished" in line for line in lines), lines  # read back, not retrained
    np.testing.assert_array_equal(again["relu"]["fast"].val_loss, full["relu"]["fast"].val_loss)


@pytest.mark.parametrize(
    ("source", "target", "claim"),
    [
        ("relu/runs/slow.npz", "relu/runs/fast.npz", "configuration 'slow'"),
        ("relu/runs/fast.npz", "tanh/runs/fast.npz", "activation 'relu'"),
    ],
)
def test_a_renamed_record_is_set_aside_everywhere(tmp_path, copy_of, source, target, claim):
    """``cp runs/sgd.npz runs/adam.npz``: no "adam" row with sgd's numbers, anywhere."""
    lab6 = tmp_path / "synthetic" / "lab6"
    shutil.copy(lab6 / source, lab6 / target)
    act = target.split("/")[0]
    other = "slow" if target.endswith("fast.npz") else "fast"
    lines = []
    only = [c for c in two() if c.name == other]
    results = experiment.run(
        make_setup(tmp_path), {act: only}, log=lines.append, write=lab_report.write_all
    )
    assert list(results[act]) == [other]
    assert [r["config"] for r in read_csv(lab6 / act / "summary.csv")] == [other]
    assert f"{lab6 / target} holds {claim}; set aside" in lines
    lines.clear()
    assert list(experiment.latest(lab6 / act, log=lines.append).results) == [other]
    assert lines == [f"{lab6 / target} holds {claim}; set aside"]
    found = handin.find(tmp_path / "synthetic", log=quiet)
    assert [list(f.results) for f in found["lab6"] if f.act == act] == [[other]]
    again = experiment.run(
        make_setup(tmp_path), {act: two()}, log=lines.append, write=lab_report.write_all
    )
    assert (lab6 / f"{target}.aside").read_bytes() == (lab6 / source).read_bytes()  # Kept.
    np.testing.assert_array_equal(again[act]["fast"].train_loss, copy_of[act]["fast"].train_loss)


def test_the_summary_is_read_from_disk_when_written(tmp_path, copy_of):
    """What another process left in the folder since, not this run's memory, is summarized."""
    runs = tmp_path / "synthetic" / "lab6" / "relu" / "runs"
    replaced = copy_of["relu"]["fast"]._replace(train_loss=copy_of["relu"]["fast"].train_loss + 1)

    def log(line):
        if "fast: finished earlier" in line:  # Another writer replaces it meanwhile.
            replaced.save(runs / "fast.npz")

    results = experiment.run(
        make_setup(tmp_path), {"relu": two()}, log=log, write=lab_report.write_all
    )
    rows = {r["config"]: r for r in read_csv(runs.parent / "summary.csv")}
    expected = replaced.train_loss[:, -1].mean()
    assert float(rows["fast"]["final_train_loss_mean"]) == pytest.approx(expected, rel=1e-5)
    np.testing.assert_array_equal(results["relu"]["fast"].train_loss, replaced.train_loss)


def hold_lock(folder, cli_env):
    """A process holding ``folder``'s lock until signalled (a real second writer)."""
    code = (
        "import sys, time\nfrom mlp_jax.labs import experiment\n"
        f"with experiment.lock({str(folder)!r}):\n"
        "    print('held', flush=True)\n    time.sleep(120)\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=cli_env
    )
    assert process.stdout.readline() == "held\n"
    return process


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL])
def test_a_lock_held_stops_a_second_writer_and_a_stale_one_is_taken_over(tmp_path, cli_env, sig):
    holder = hold_lock(tmp_path, cli_env)
    with pytest.raises(experiment.Busy) as busy, experiment.lock(tmp_path):
        pass
    assert str(busy.value).startswith(f"{tmp_path} is being written by pid {holder.pid} on ")
    assert str(busy.value).endswith("(-c); fix: wait until it ends, or pass another --out_dir")
    holder.send_signal(sig)
    holder.wait(timeout=60)
    assert (tmp_path / experiment.LOCK).exists() == (sig == signal.SIGKILL)  # Stale if killed.
    with experiment.lock(tmp_path) as path:
        assert path.read_text().split("\n")[0] == str(os.getpid())
    assert not path.exists()


def test_report_cli_chooses_the_dataset(tmp_path, run_cli):
    (tmp_path / "lab6").mkdir()  # The layout before datasets had folders.
    old = run_cli("report", f"--out_dir={tmp_path}")
    assert old.returncode == 1 and "Traceback" not in old.stderr
    assert old.stderr.strip() == (
        f"error: --out_dir={tmp_path} holds lab6/ in the layout before datasets had folders; "
        f"fix: move them into {tmp_path}/<dataset>/ (e.g. mnist/)"
    )
    for name in ("mnist", "fashion_mnist"):
        (tmp_path / name).mkdir()
    both = run_cli("report", f"--out_dir={tmp_path}")
    assert both.returncode == 1 and both.stderr.strip() == (
        f"error: --out_dir={tmp_path} holds results of several datasets (mnist, fashion_mnist); "
        "fix: pick one, e.g. --dataset=mnist"
    )
    chosen = run_cli("report", f"--out_dir={tmp_path}", "--dataset=fashion_mnist")
    assert chosen.returncode == 2
    assert chosen.stderr.strip().startswith(f"error: no results under {tmp_path / 'fashion_mnist'}")


CLI = ["--dataset=synthetic", "--seeds=2", "--hidden=16", "--optimizers=sgd,adam"]


def test_two_overlapping_cli_writers_and_a_renamed_record(tmp_path, run_cli, cli_env):
    """Issue 18, cases 1-3 as a user runs them: a second writer stops at once, SIGTERM
    frees the folder, other settings stop before training, ``cp sgd.npz adam.npz``."""
    lab6 = tmp_path / "synthetic" / "lab6"
    first = [sys.executable, "-m", "experiments.lab6", *CLI, "--epochs=30", f"--out_dir={tmp_path}"]
    with subprocess.Popen(
        first, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=cli_env, cwd=ROOT
    ) as a:
        for line in a.stdout:
            if "relu/sgd: done" in line:
                break
        b = run_cli("lab6", *CLI, "--epochs=3", f"--out_dir={tmp_path}")
        a.send_signal(signal.SIGTERM)
        a.communicate(timeout=120)
    assert b.returncode == 2 and "Traceback" not in b.stderr
    assert b.stderr.strip().startswith(f"error: {lab6} is being written by pid {a.pid} on ")
    assert b.stderr.strip().endswith("; fix: wait until it ends, or pass another --out_dir")
    assert a.returncode == 143 and not (lab6 / experiment.LOCK).exists()
    clash = run_cli("lab6", *CLI, "--epochs=3", f"--out_dir={tmp_path}")
    assert clash.returncode == 2 and clash.stderr.strip() == (
        f"error: {lab6} holds finished records of other settings (epochs 30 → 3); fix: "
        "--out_dir=<another folder> to keep them, or --overwrite to replace them"
    )
    assert records.History.load(lab6 / "relu" / "runs" / "sgd.npz").provenance.shared.epochs == 30
    done = run_cli("lab6", *CLI, "--epochs=3", f"--out_dir={tmp_path}", "--overwrite")
    assert done.returncode == 0, done.stderr
    runs = lab6 / "relu" / "runs"
    shutil.copy(runs / "sgd.npz", runs / "adam.npz")
    again = run_cli("lab6", *CLI[:-1], "--optimizers=sgd", "--epochs=3", f"--out_dir={tmp_path}")
    assert again.returncode == 0, again.stderr
    assert f"{runs / 'adam.npz'} holds configuration 'sgd'; set aside" in again.stdout
    rows = read_csv(lab6 / "relu" / "summary.csv")
    assert [r["config"] for r in rows] == ["sgd"]
    sgd = records.History.load(runs / "sgd.npz")
    assert float(rows[0]["final_train_loss_mean"]) == pytest.approx(
        sgd.train_loss[:, -1].mean(), rel=1e-5
    )


def test_a_second_record_set_aside_never_replaces_the_first(tmp_path, copy_of):
    """Issue 29, case 3: two foreign records copied to ``runs/fast.npz`` in turn (each run
    trains fast again) are both kept, under names the lines give."""
    lab6 = tmp_path / "synthetic" / "lab6"
    runs = lab6 / "relu" / "runs"
    foreign = [runs / "slow.npz", lab6 / "tanh" / "runs" / "fast.npz"]
    for source, claim, name in zip(
        foreign,
        ["configuration 'slow'", "activation 'tanh'"],
        ["fast.npz.aside", "fast.npz.aside.1"],
        strict=True,
    ):
        shutil.copy(source, runs / "fast.npz")
        lines = []
        experiment.run(make_setup(tmp_path), {"relu": two()}, log=lines.append)
        assert (
            f"{runs / 'fast.npz'} holds {claim}; set aside as {name}, it will be recomputed"
        ) in lines
    assert (runs / "fast.npz.aside").read_bytes() == foreign[0].read_bytes()
    assert (runs / "fast.npz.aside.1").read_bytes() == foreign[1].read_bytes()


def test_the_settings_check_covers_every_activation_folder_of_the_experiment(tmp_path, copy_of):
    """Issue 29, case 5: sigmoid at 1 epoch beside relu and tanh at 2 would make one lab
    of two settings; it stops before training, with --overwrite too (which replaces only
    the records it trains)."""
    lab6 = tmp_path / "synthetic" / "lab6"
    for overwrite in (False, True):
        lines = []
        setup = make_setup(tmp_path, epochs=1, overwrite=overwrite)
        with pytest.raises(experiment.Clash) as clash:
            experiment.run(setup, {"sigmoid": two()}, log=lines.append)
        assert str(clash.value) == (
            f"{lab6} holds finished records of other settings (epochs 2 → 1 in relu/, tanh/); "
            "fix: --out_dir=<another folder> to keep them, or --overwrite "
            "--act=sigmoid,relu,tanh to replace them"
        )
        assert lines == [] and not (lab6 / "sigmoid").exists()


def test_a_folder_where_a_record_or_an_output_goes_stops_before_training(tmp_path, finished):
    """Issue 29, case 17: it failed once trained, naming a temporary file. ``lab_report.OUTPUTS``
    covers every file ``lab_report.write_all`` writes."""
    lab6 = finished[0] / "synthetic" / "lab6"
    written = {
        p.relative_to(lab6) for p in lab6.rglob("*") if p.is_file() and "runs" not in p.parts
    }
    patterns = {Path(o.format(act=act)) for o in lab_report.OUTPUTS for act in ("relu", "tanh")}
    assert written <= patterns and len(written) == 15
    for i, blocker in enumerate(("relu/runs/fast.npz", "tanh/summary.csv", "activations.png")):
        path = tmp_path / str(i) / "synthetic" / "lab6" / blocker
        path.mkdir(parents=True)
        lines = []
        with pytest.raises(experiment.Blocked) as blocked:
            experiment.run(
                make_setup(tmp_path / str(i)),
                {"relu": two(), "tanh": two()},
                log=lines.append,
                write=lab_report.write_all,
                outputs=lab_report.OUTPUTS,
            )
        assert str(blocked.value) == (
            f"{path} is a folder, where this run writes a file; fix: move it out of the way, "
            "or pass another --out_dir"
        )
        assert lines == []  # Nothing trained.


def test_the_report_refuses_a_lab_a_live_run_is_writing(tmp_path, copy_of, run_cli):
    """Issue 29, case 4: it presented a half-done lab as the finished lab, exit 0. The same
    judgement as the lock's: a stale lock (its process gone) does not block."""
    lab6 = tmp_path / "synthetic" / "lab6"
    with experiment.lock(lab6):  # This process: a live holder.
        with pytest.raises(experiment.Busy) as busy:
            handin.build(tmp_path / "synthetic", log=quiet)
        done = run_cli("report", f"--out_dir={tmp_path}")
    holder = f"pid {os.getpid()} on {socket.gethostname()} ({shlex.join(sys.argv)})"
    assert str(busy.value) == (
        f"{lab6} is being written by {holder}; fix: wait for that run to finish, then run "
        "this command again"
    )
    assert done.returncode == 2 and done.stderr.strip() == f"error: {busy.value}"
    assert not list((tmp_path / "synthetic").glob("report.*"))
    with subprocess.Popen(["true"]) as gone:
        pass  # Waited for: its pid is no process's now.
    (lab6 / experiment.LOCK).write_text(f"{gone.pid}\n{socket.gethostname()}\nlab6\n")
    assert experiment.busy(lab6, "") is None  # Stale: the report goes on.
    handin.check_unlocked([tmp_path / "synthetic"])


@pytest.fixture
def other_process():
    """A live process that wrote no lock (its pid is what a stale lock may name)."""
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    yield process
    process.kill()
    process.wait()


def write_lock(folder, *lines, age_s=0.0):
    path = folder / experiment.LOCK
    path.write_text("".join(f"{line}\n" for line in lines))
    os.utime(path, (path.stat().st_atime, path.stat().st_mtime - age_s))
    return path


@pytest.mark.skipif(not Path("/proc/self/stat").is_file(), reason="needs Linux's /proc")
def test_a_lock_whose_pid_now_runs_another_process_is_stale(tmp_path, other_process):
    """Issue 29, case 13: a live process with the lock's pid (pid 1 of a new container,
    say) made the lock look held forever. It must also have the start the lock recorded
    or, for a lock that recorded none, have started before the lock was written."""
    host, pid = socket.gethostname(), other_process.pid
    time.sleep(0.1)  # The lock below is written after the process started.
    for lock_file in (
        write_lock(tmp_path, pid, host, "started 00000000-0000-0000-0000-000000000000 1", "-c"),
        write_lock(tmp_path, pid, host, "python -m experiments.lab6", age_s=3600),  # An old one.
    ):
        with experiment.lock(tmp_path) as path:
            assert path.read_text().split("\n")[0] == str(os.getpid())
        assert not lock_file.exists()
    write_lock(tmp_path, pid, host, "python -m experiments.lab6")  # Old, but plausibly held.
    with (
        pytest.raises(experiment.Busy, match=f"by pid {pid} on {host} "),
        experiment.lock(tmp_path),
    ):
        pass


def test_a_lock_from_another_host_names_the_file_to_delete(tmp_path):
    path = write_lock(tmp_path, 4242, "elsewhere.example", "started x 1", "python -m lab6")
    with pytest.raises(experiment.Busy) as busy, experiment.lock(tmp_path):
        pass
    assert str(busy.value) == (
        f"{tmp_path} is being written by pid 4242 on elsewhere.example (python -m lab6), "
        "another machine; fix: wait until it ends, or pass another --out_dir "
        f"(if it has ended, delete {path})"
    )
    assert path.exists()  # Never taken over.


def test_a_probe_records_layer_stats_and_changes_no_number(tmp_path, finished):
    results = finished[1]
    probe = diagnostics.Probe.of(DATA)
    probed = experiment.run(make_setup(tmp_path, probe=probe), {"relu": two()}, log=quiet)["relu"]
    for config in two():
        plain, record = results["relu"][config.name], probed[config.name]
        for field in ("step_loss", "train_loss", "test_loss", "test_acc", "diverged_step"):
            np.testing.assert_array_equal(getattr(record, field), getattr(plain, field))
        assert record.provenance.fingerprint == plain.provenance.fingerprint
        stats = records.History.load(
            tmp_path / "synthetic" / "lab6" / "relu" / "runs" / f"{config.name}.npz"
        ).layer_stats
        assert stats.eval_size == len(DATA.train_y) and stats.epochs == 2
        assert stats.values["grad_norm"].shape == (3, 3, 2)  # Seeds, epochs + 1, layers.
        start = train.initial_params(tiny.SETTINGS["layer_sizes"], config.w_init(), 3, 0)
        at_init = probe("relu", jax.device_get(start))
        for name in records.LAYER_STATS:
            np.testing.assert_array_equal(stats.epoch(0)[name], at_init[name])
        assert (stats.values["grad_norm"][:, 1:] != stats.values["grad_norm"][:, :1]).all()


def test_a_record_finished_without_layer_stats_is_kept_as_it_is(tmp_path, copy_of):
    """A probe is not a setting: a record finished without one is resumed, not replaced."""
    runs = tmp_path / "synthetic" / "lab6" / "relu" / "runs"
    before = {p.name: p.read_bytes() for p in runs.iterdir()}
    lines = []
    setup = make_setup(tmp_path, probe=diagnostics.Probe.of(DATA))
    again = experiment.run(setup, {"relu": two()}, log=lines.append)["relu"]
    assert sum("skipping" in line for line in lines) == 2
    assert {p.name: p.read_bytes() for p in runs.iterdir()} == before
    assert all(r.layer_stats is None for r in again.values())
