"""``python -m experiments.report`` brings the lab folders it reads up to date: their files
written again from the records by the labs' own writer, the records untouched, a folder a
live run holds refused before anything is written, an interrupt leaving no half a file."""

import csv
import shutil

import pytest

from mlp_jax import util
from mlp_jax.labs import configs, experiment, summary
from mlp_jax.report import handin, lab_report
from tests import tiny

DERIVED = ("summary.csv", "metrics.csv", "steps.csv", "report.md")
FIGURES = ("loss_epoch.png", "loss_step.png", "test_acc.png")


def quiet(_):
    pass


@pytest.fixture(scope="module")
def lab6(tmp_path_factory):
    """Lab 6 (plain SGD and Adam) for ReLU, trained and written as ``experiments.lab6``
    writes it (``lab_report.write_all``); returns the dataset folder."""
    out = tmp_path_factory.mktemp("report")
    setup = tiny.setup(out, "lab6", "sgd")
    chosen = [configs.Config(name, name, 0.01, init="xavier") for name in ("sgd", "adam")]
    experiment.run(
        setup, {"relu": chosen}, log=quiet, write=lab_report.write_all, outputs=lab_report.OUTPUTS
    )
    return setup.root


@pytest.fixture
def copy(lab6, tmp_path):
    """A private copy of the module's results (``<copy.parent>`` is its ``--out_dir``)."""
    return shutil.copytree(lab6, tmp_path / "results" / lab6.name)


def contents(folder, names):
    return {name: (folder / name).read_bytes() for name in names}


def stale(folder):
    """Makes ``folder``'s files disagree with its records as an older library's would:
    a speed-up edited, steps.csv cut to its header, metrics.csv gone."""
    with (folder / "summary.csv").open() as f:
        rows = list(csv.DictReader(f))
    rows[1]["speedup_vs_baseline"] = "99"
    util.write_csv(folder / "summary.csv", list(rows[0]), rows)
    (folder / "steps.csv").write_text((folder / "steps.csv").read_text().splitlines()[0] + "\n")
    (folder / "metrics.csv").unlink()


def test_the_cli_writes_a_stale_lab_folder_again_from_its_records(copy, run_cli):
    folder = copy / "lab6" / "relu"
    written = contents(folder, DERIVED + FIGURES)  # The lab's writer, from these records.
    runs = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in (folder / "runs").iterdir()}
    stale(folder)
    done = run_cli("report", f"--out_dir={copy.parent}")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-3:] == [
        f"wrote {folder}/{{summary.csv,metrics.csv,steps.csv,report.md,*.png}}",
        f"wrote {copy / 'report.en.md'}",
        f"wrote {copy / 'report.en.html'}",
    ]
    assert contents(folder, DERIVED + FIGURES) == written
    kept = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in (folder / "runs").iterdir()}
    assert kept == runs  # The records: read, never written.


def test_the_rewritten_summary_holds_the_speed_ups_of_the_records(copy):
    folder = copy / "lab6" / "relu"
    stale(folder)
    assert handin.refresh([copy], log=quiet) == [copy / "lab6"]
    results = experiment.latest(folder).results
    expected = summary.summarize("relu", results, "sgd")
    with (folder / "summary.csv").open() as f:
        found = {r["config"]: r for r in csv.DictReader(f)}
    assert list(found) == ["sgd", "adam"]
    for row in expected:
        assert float(found[row.config]["speedup_vs_baseline"]) == pytest.approx(
            row.speedup_vs_baseline, rel=1e-5
        )
        assert float(found[row.config]["final_train_loss_mean"]) == pytest.approx(
            row.final_train_loss_mean, rel=1e-5
        )
    assert float(found["sgd"]["speedup_vs_baseline"]) == 1.0  # The baseline against itself.
    assert len((folder / "steps.csv").read_text().splitlines()) > 1


def test_a_folder_a_live_run_holds_stops_it_before_any_file(copy):
    folder = copy / "lab6" / "relu"
    stale(folder)
    before = contents(folder, ("summary.csv", "steps.csv"))
    held = pytest.raises(experiment.Busy, match="wait for that run to finish")
    with experiment.lock(copy / "lab6"), held:  # This process: a live holder.
        handin.refresh([copy], log=quiet)
    assert contents(folder, ("summary.csv", "steps.csv")) == before
    assert not (folder / "metrics.csv").exists()


def test_an_interrupt_mid_file_leaves_each_file_old_or_new(copy, monkeypatch):
    """Ctrl-C while the second file is half written: the first is new, the second still
    the old one, no temporary file stays, and the folder's lock is released."""
    folder = copy / "lab6" / "relu"
    new = contents(folder, ("summary.csv", "steps.csv"))
    stale(folder)
    old_steps = (folder / "steps.csv").read_bytes()
    real, calls = util.atomic_write, []

    def interrupted(path, write):
        calls.append(path)
        if len(calls) < 3:
            return real(path, write)

        def half(f):
            f.write(b"sgd,relu,0")
            raise KeyboardInterrupt

        return real(path, half)

    monkeypatch.setattr(util, "atomic_write", interrupted)
    with pytest.raises(KeyboardInterrupt):
        handin.refresh([copy], log=quiet)
    assert [p.name for p in calls] == ["summary.csv", "metrics.csv", "steps.csv"]
    assert (folder / "summary.csv").read_bytes() == new["summary.csv"]
    assert (folder / "steps.csv").read_bytes() == old_steps
    assert not [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]
    assert not (copy / "lab6" / experiment.LOCK).exists()


def test_records_of_other_settings_are_left_out_as_the_report_leaves_them(copy):
    """The files describe the records the report reads (``experiment.latest``): an
    older record of other settings stays out of summary.csv, and on disk."""
    runs = copy / "lab6" / "relu" / "runs"
    tiny.save_other_settings(runs)
    handin.refresh([copy], log=quiet)
    with (copy / "lab6" / "relu" / "summary.csv").open() as f:
        assert [r["config"] for r in csv.DictReader(f)] == ["sgd", "adam"]
    assert (runs / "old.npz").exists()
