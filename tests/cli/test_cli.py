"""The experiment CLIs as a user runs them: help, bad flags, a small lab 6 + lab 7 run."""

import csv
import os
import re
import types
from pathlib import Path

import pytest

from mlp_jax import records, util
from mlp_jax.labs import configs
from mlp_jax.report import methods

SMALL = ["--dataset=synthetic", "--epochs=2", "--seeds=2", "--hidden=32"]


def read_csv(path):
    with path.open() as f:
        return list(csv.DictReader(f))


def first_error_line(result):
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr
    return result.stderr.strip().splitlines()[0]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--act=softsign"], "error: flag --act=['softsign']: unknown activation 'softsign'"),
        (["--seeds=0"], "error: flag --seeds=0: 0 is not a positive integer; fix: see --help"),
        (["--data_dir=/nonexistent/mnist"], "/nonexistent/mnist"),
        (["--optimizers=sgd", "--lr=adam=0.5"], "--lr sets adam, which this run does not train"),
        # Case 15 of issue 18: a flag given twice, a stray positional argument.
        (
            ["--act=relu", "--act=sigmoid"],
            "error: --act given twice (--act=relu and --act=sigmoid)",
        ),
        (["--overwrite", "--nooverwrite"], "error: --overwrite given twice"),
        (["epochs=3"], "error: unexpected argument 'epochs=3' (flags start with --); fix: drop"),
    ],
)
def test_bad_input_gives_one_line_and_nonzero_exit(args, expected, run_cli):
    result = run_cli("lab6", *args)
    assert expected in first_error_line(result)
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--optimizers=sgd,lion"], "unknown optimizer 'lion'; valid: sgd"),
        (["--optimizers=sgd,adam,adam"], "optimizer 'adam' named twice"),
        (["--act=relu,sigmoid,relu"], "activation 'relu' named twice"),
        (["--epochs=0"], "0 is not a positive integer"),
        (["--seeds=-1"], "-1 is not a positive integer"),
        (["--batch_size=0"], "0 is not a positive integer"),
        (["--lr=adam"], "malformed entry 'adam'; expected NAME=RATE"),
        (["--lr=lion=0.1"], "unknown optimizer 'lion'"),
        (["--lr=sgd=-1"], "malformed entry 'sgd=-1'"),
        (["--lr=adam=inf"], "malformed entry 'adam=inf'"),
        (["--lr=adam=nan"], "malformed entry 'adam=nan'"),
        (["--init=glorot"], "unknown init 'glorot'; valid: normal"),
        (["--init=he", "--init_scale=2"], "--init_scale applies only to --init=normal"),
        (["--init_scale=nan"], "--init_scale must be a positive finite number"),
        (["--init_scale=0"], "--init_scale must be a positive finite number"),
        (["--hidden=128,x"], "expected one or more positive integers"),
        (["--hidden="], "expected one or more positive integers"),
        (["--hidden=²"], "expected one or more positive integers"),
        # Case 10 of issue 18: JAX takes a seed as a signed 32-bit integer.
        (["--seed=2147483648"], "is not an integer in the range [0, 2147483647]"),
        (["--seed=-1"], "is not an integer in the range [0, 2147483647]"),
        (["--divergence_factor=0.5"], "--divergence_factor must be a finite number above 1"),
        (["--divergence_factor=inf"], "--divergence_factor must be a finite number above 1"),
        (["--lr_grid=0"], "0 is not a positive integer"),
        # Case 14: rates float32 cannot hold, given or built by the grid.
        (["--lr=adam=1e-300"], "'adam=1e-300': float32 cannot hold 1e-300"),
        (["--lr=adam=1e39"], "'adam=1e39': float32 cannot hold 1e+39"),
        (["--lr_grid=1000"], "the 1000-point grid around"),
        (["--lr=sgd=1e-37", "--lr_grid=5"], "the 5-point grid around 1e-37 spans"),
        # Case 15: a name repeated in --lr.
        (["--lr=adam=0.1,adam=0.2"], "'adam' named twice"),
        (["--dataset=cifar"], "value should be one of <mnist|fashion_mnist|synthetic>"),
    ],
)
def test_flag_validation(args, expected):
    """The validators, checked in-process (absl prints their message on one line)."""
    from absl import flags

    import experiments.lab6  # noqa: F401  (defines --optimizers and --lr_grid)

    try:
        with pytest.raises(flags.Error, match=re.escape(expected)):
            flags.FLAGS(["lab6", *args])
    finally:
        flags.FLAGS.unparse_flags()


@pytest.mark.parametrize(
    ("args", "env"),
    [(["--help"], {}), (["--seeds=0"], {}), ([], {"MLP_JAX_DATA": "/nonexistent/mnist"})],
    ids=["exit", "flag", "environment"],
)
def test_a_forked_cli_answers_as_a_started_one(args, env, run_cli):
    """``run_cli`` forks its CLIs from ``tests/zygote.py``: the same output and exit code as
    ``python -m`` started afresh, through Python's exit, through ``cli.leave``, and in an
    environment of its own."""
    forked = run_cli("lab6", *args, env=env)
    started = run_cli("-m", "experiments.lab6", *args, python=True, env=env)
    assert Path(forked.args[0]).name == "zygote.py" and started.args[1] == "-m"
    assert (forked.returncode, forked.stdout, forked.stderr) == (
        started.returncode,
        started.stdout,
        started.stderr,
    )
    assert all(value in forked.stderr for value in env.values())


@pytest.mark.parametrize(
    ("cli", "own"),
    [
        ("lab6", ["--optimizers", "--lr_grid"]),
        ("lab7", ["--inits", "--lr_grid", "--optimizer"]),
        ("schedules", ["--lr_grid", "--optimizer", "--schedules"]),
        ("diagnostics", ["--inits", "--optimizer"]),
        ("lr_range", ["--max_lr", "--min_lr", "--optimizer", "--steps"]),
        ("lr_sweep", ["--grid", "--optimizers"]),
        ("benchmark", ["--timed_epochs", "--[no]torch"]),
    ],
)
def test_help_lists_own_flags_then_the_shared_ones(cli, own, run_cli):
    result = run_cli(cli, "--help")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    mine, _, shared = out.partition("Flags every experiment shares:")
    assert "Flags of this command:" in mine
    for flag in own:
        assert f"  {flag}:" in mine, (flag, out)
    for flag in ("--act", "--dataset", "--seeds", "--out_dir"):
        assert f"  {flag}:" in shared and f"  {flag}:" not in mine


@pytest.mark.parametrize(
    ("system", "env", "expected"),
    [
        ("nt", {"LOCALAPPDATA": "{home}/Local"}, "{home}/Local/mlp_jax"),
        ("nt", {}, "{home}/AppData/Local/mlp_jax"),
        ("Darwin", {}, "{home}/Library/Caches/mlp_jax"),
        ("Linux", {"XDG_CACHE_HOME": "{home}/xdg"}, "{home}/xdg/mlp_jax"),
        ("Linux", {}, "{home}/.cache/mlp_jax"),
    ],
)
def test_the_cache_folder_of_each_platform(monkeypatch, tmp_path, system, env, expected):
    for name in ("MLP_JAX_CACHE", "LOCALAPPDATA", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value.format(home=tmp_path))
    monkeypatch.setattr(Path, "home", lambda: tmp_path)
    platform = types.SimpleNamespace(
        name="nt" if system == "nt" else "posix",
        environ=os.environ,
        uname=lambda: types.SimpleNamespace(sysname=system),
    )
    monkeypatch.setattr(util, "os", platform)  # util's view of the platform only.
    assert util.cache_dir() == Path(expected.format(home=tmp_path))


def test_lab6_then_lab7_end_to_end(tmp_path, run_cli):
    common = [*SMALL, f"--out_dir={tmp_path}"]
    lab6 = run_cli("lab6", *common, "--optimizers=sgd,adam", "--lr=adam=0.003,sgd=0.07")
    assert lab6.returncode == 0, lab6.stderr
    folder = tmp_path / "synthetic" / "lab6" / "relu"
    rows = read_csv(folder / "summary.csv")
    assert [r["config"] for r in rows] == ["sgd", "adam"]
    assert list(rows[0]) == list(records.SUMMARY_COLUMNS)
    assert '"learning_rate": 0.003' in rows[1]["settings"]
    for name in ("report.md", "metrics.csv", "loss_epoch.png", "loss_step.png"):
        assert (folder / name).exists()
    assert "epoch 2/2" in lab6.stdout and "ETA" in lab6.stdout

    lab7 = run_cli("lab7", *common, "--act=relu", "--inits=normal,he", "--lr_grid=2")
    assert lab7.returncode == 0, lab7.stderr
    rate = 0.003  # adam's: sgd, the baseline, is never lab 7's choice (issue 29, case 7).
    assert "relu: optimizer adam, learning rate 0.003 — in lab 6" in lab7.stdout
    lab7_rows = read_csv(tmp_path / "synthetic" / "lab7" / "relu" / "summary.csv")
    assert [r["config"] for r in lab7_rows] == ["normal", "he", configs.EXERCISE2]
    for r in lab7_rows[:2]:  # Each init at its own rate of the grid around lab 6's.
        assert float(r["learning_rate"]) == pytest.approx(rate * 10**-0.25, rel=1e-5) or float(
            r["learning_rate"]
        ) == pytest.approx(rate * 10**0.25, rel=1e-5)
    text = (tmp_path / "synthetic" / "lab7" / "relu" / "report.md").read_text()
    assert f"Optimizer: {methods.label('adam')} (in lab 6" in text and "| He |" in text
    assert (tmp_path / "synthetic" / "lab7" / "relu" / "lr_sensitivity.png").exists()


def test_schedules_cli(tmp_path, run_cli):
    result = run_cli(
        "schedules",
        *SMALL,
        f"--out_dir={tmp_path}",
        "--schedules=constant,one_cycle,plateau",
        "--init=he",
        "--lr=sgd=0.05",
    )
    assert result.returncode == 0, result.stderr
    rows = read_csv(tmp_path / "synthetic" / "schedules" / "relu" / "summary.csv")
    assert [r["config"] for r in rows] == ["constant", "one_cycle", "plateau"]
    assert all(r["diverged"] == "0" and float(r["test_acc_mean"]) > 0.2 for r in rows)
    assert (
        "Learning-rate schedules"
        in (tmp_path / "synthetic" / "schedules" / "relu" / "report.md").read_text()
    )


DEVICES = (
    "import os, jax, experiments.lab6; from experiments import runtime; "
    "print(os.environ.get('XLA_FLAGS', ''), jax.config.jax_num_cpu_devices, sep='|'); "
    "runtime.cpu_devices(); print(jax.device_count())"
)


@pytest.mark.parametrize("said", [None, "1", "3"])
def test_devices_one_per_core_set_when_needed_not_at_import(said, cli_env, run_cli):
    """Importing ``experiments`` edits nothing; ``runtime.cpu_devices`` (run by every CLI
    before any work) gives one CPU device per usable core unless XLA_FLAGS says."""
    flags = " ".join(f for f in cli_env["XLA_FLAGS"].split() if "device_count" not in f)
    if said:
        flags += f" --xla_force_host_platform_device_count={said}"
    result = run_cli("-c", DEVICES, python=True, env={"XLA_FLAGS": flags})
    assert result.returncode == 0, result.stderr
    at_import, count = result.stdout.splitlines()
    assert at_import == f"{flags}|-1"  # Untouched by the import.
    cores = getattr(os, "process_cpu_count", os.cpu_count)()  # docs/devices.md: the usable cores.
    assert int(count) == (int(said) if said else cores)


def test_the_core_count_without_os_process_cpu_count(monkeypatch):
    """Python before 3.13 has no ``os.process_cpu_count``: the machine's count is used
    (never fewer than the cores this process may run on). Where Python has it (3.13+),
    it is the cores this process may run on."""
    from experiments import runtime

    native = getattr(os, "process_cpu_count", None)
    if native is not None and hasattr(os, "sched_getaffinity"):
        assert runtime.usable_cores() == len(os.sched_getaffinity(0))
    monkeypatch.delattr(os, "process_cpu_count", raising=False)
    assert runtime.usable_cores() == os.cpu_count()
    if hasattr(os, "sched_getaffinity"):
        assert runtime.usable_cores() >= len(os.sched_getaffinity(0))
    monkeypatch.setattr(os, "cpu_count", lambda: None)  # "Undeterminable", say its docs.
    assert runtime.usable_cores() == 1
    monkeypatch.setattr(os, "process_cpu_count", lambda: 3, raising=False)
    assert runtime.usable_cores() == 3


def test_an_empty_out_dir_is_refused_at_flag_validation(run_cli):
    """Issue 29, case 16: ``--out_dir=`` wrote the results into the current folder."""
    for cli in ("lab6", "report"):
        result = run_cli(cli, "--out_dir=", "--dataset=synthetic", "--batch_size=100000")
        assert result.returncode == 1 and result.stderr.strip() == (
            "error: flag --out_dir=: --out_dir must name a folder (empty, it would write into "
            "the current one); fix: see --help"
        )


def test_an_interrupt_after_files_were_written_names_them(tmp_path, monkeypatch):
    """Issue 29, case 9: "nothing finished yet, nothing kept" came after the report or
    the trajectories had written files."""
    from experiments import cli, signals

    monkeypatch.setattr(util, "WRITTEN", [])  # What this process wrote so far: nothing.
    assert cli.one_line(KeyboardInterrupt()) == (130, signals.NOTHING_KEPT)
    for name in ("ravine.png", "ravine.gif", "ravine.png"):
        util.atomic_write_text(tmp_path / "trajectories" / name, "drawn")
    util.atomic_write_text(tmp_path / "report.en.md", "# Report")
    folders = f"{tmp_path / 'trajectories'}, {tmp_path}"
    line = f"interrupted: wrote 3 files in {folders}; rerun the same command to finish"
    assert cli.one_line(KeyboardInterrupt()) == (130, line)
    assert cli.one_line(KeyboardInterrupt("kept 2 finished configurations in …"))[1] == (
        "interrupted: kept 2 finished configurations in …"
    )
