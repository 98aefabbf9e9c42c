"""``python -m experiments.handin``: the hand-in recipe's commands, in order, as one."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from experiments import handin

ROOT = Path(__file__).resolve().parents[2]
GIVEN = {"dataset": "--dataset=fashion_mnist", "out_dir": "--out_dir=results", "seeds": "--seeds=3"}


def flags_of(step):
    """A step's flags as name → value (a flag without a value: True)."""
    pairs = [arg.removeprefix("--").partition("=") for arg in step.args]
    names = [name for name, _, _ in pairs]
    assert len(names) == len(set(names)), step.args  # The CLIs refuse a repeated flag.
    return {name: value if sep else True for name, sep, value in pairs}


def test_the_plan_is_the_recipe_in_order():
    steps = handin.plan(GIVEN, ["pl", "en"], "Jan Kowalski, gr. 3", True, True, 5, "my notes.txt")
    assert [s.module for s in steps] == [
        "lab6", "lr_sweep", "lab7", "momentum", "diagnostics", "trajectories", "lab7",
        "diagnostics", "report", "report",
    ]  # fmt: skip
    lab6, sweep, lab7, study, diag, surfaces, deep7, deep_diag, pl, en = map(flags_of, steps)
    main = {"act": "sigmoid,relu", "dataset": "fashion_mnist", "out_dir": "results", "seeds": "3"}
    assert lab6 == main and lab7 == main and study == main
    assert sweep == main | {"seeds": "2", "epochs": "3"}  # Its grid: lr_sweep.GRID.
    assert diag == main | {"epochs": "5"}
    assert surfaces == {"out_dir": "results", "lang": "pl"}  # It refuses the others.
    deep = {"out_dir": "results/deep", "hidden": ",".join(["128"] * 6)}
    assert deep7 == main | deep | {"lr_grid": "1"}
    assert deep_diag == main | deep | {"epochs": "5"}
    report = {"dataset": "fashion_mnist", "out_dir": "results", "depth_dir": "results/deep"}
    report |= {"author": "Jan Kowalski, gr. 3", "notes": "my notes.txt", "pdf": True}
    assert pl == report | {"lang": "pl"} and en == report | {"lang": "en"}
    assert steps[0].command().startswith("python -m experiments.lab6 --act=sigmoid,relu")
    # Lab 7's share of the ETA: its grid halved after epoch 2 trains 224 of 320 rate-epochs.
    full = handin.plan(GIVEN, ["pl"], "", False, True, 5, lr_halving=0)[2]
    assert steps[2].weight == pytest.approx(full.weight * 224 / 320)
    assert "'--author=Jan Kowalski, gr. 3'" in steps[-1].command()  # As a shell takes it.


def test_the_users_flags_win_and_the_supplement_can_be_left_out():
    given = GIVEN | {"act": "--act=relu", "epochs": "--epochs=2", "lr_grid": "--lr_grid=3"}
    steps = handin.plan(given, ["en"], "", False, False, 2)
    assert "lr_grid" not in flags_of(steps[1])  # The sweep's grid is its own.
    assert "lr_grid" not in flags_of(steps[3])  # The momentum study trains at one rate.
    steps = handin.plan(given, ["en"], "", False, False, 2, momentum=False, sweep=False)
    assert [s.module for s in steps] == ["lab6", "lab7", "diagnostics", "trajectories", "report"]
    assert flags_of(steps[0])["act"] == "relu" and flags_of(steps[2])["epochs"] == "2"
    assert flags_of(steps[-1]) == {"dataset": "fashion_mnist", "out_dir": "results", "lang": "en"}


@pytest.mark.parametrize(
    ("args", "env", "expected"),
    [
        (["--distributed"], {}, "--distributed: the hand-in runs on one machine"),
        (["--lang=de"], {}, "unknown language 'de'; valid: en, pl"),
        (["--author=a\u202eb"], {}, "holds U+202E"),
        (["--pdf"], {"PATH": "/nonexistent"}, "error: flag --pdf=True: needs Chromium or Chrome"),
    ],
)
def test_bad_input_stops_before_any_step(args, env, expected, run_cli, tmp_path):
    result = run_cli("handin", *args, f"--out_dir={tmp_path}", env=env)
    lines = result.stderr.strip().splitlines()
    assert result.returncode != 0 and len(lines) == 1 and expected in lines[0], result.stderr
    assert "[hand-in" not in result.stdout and not any(tmp_path.iterdir())


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads /proc")
def test_a_signal_to_the_hand_in_reaches_the_running_step(tmp_path, cli_env):
    """SIGTERM sent to the hand-in alone (not its process group, as ``kill`` does): the
    running step gets it, keeps what it finished and ends; then the hand-in ends with
    one line naming the step, 143, and no process of it is left."""
    args = ["--dataset=synthetic", "--act=relu", "--epochs=3", "--seeds=2", "--hidden=8"]
    command = [sys.executable, "-m", "experiments.handin", *args, f"--out_dir={tmp_path}"]
    run = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           env=cli_env, cwd=ROOT)  # fmt: skip
    for line in run.stdout:
        if "epoch 1/3" in line:  # Lab 6 trains: its first epoch is done.
            break
    run.send_signal(signal.SIGTERM)
    err = run.communicate(timeout=120)[1]
    lines = err.strip().splitlines()
    assert run.returncode == 143, err
    assert lines[-1] == "interrupted: [hand-in 1/9] lab 6; rerun the same command to resume"
    assert lines[-2].startswith("interrupted: "), err  # Lab 6's own line: what it kept.
    assert not (tmp_path / "synthetic" / "lab6" / ".lock").exists()  # Lab 6 has ended.
    left = [p for p in Path("/proc").glob("[0-9]*") if _cmdline(p).count(str(tmp_path))]
    assert not left, [_cmdline(p) for p in left]


def _cmdline(proc: Path) -> str:
    try:
        return (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""
