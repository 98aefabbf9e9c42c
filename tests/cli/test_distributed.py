"""Multi-process runs on JAX's distributed runtime, and the persistent compilation cache.

Lab 6 runs as 2 processes with 1 CPU device each on 127.0.0.1 (explicit flags, and
Open MPI's mpirun with --distributed), against the same run as 1 process. The 1-process
runs compile into a fresh cache ($MLP_JAX_CACHE in a temporary folder), which is under
test; the 2-process runs that train lab 6's adam share another (``shared_cache``).
"""

import csv
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from mlp_jax import train

# Its module fixtures and cached runs are built once: the module runs on one xdist worker.
pytestmark = pytest.mark.xdist_group("distributed")

ROOT = Path(__file__).resolve().parents[2]
SMALL = ["--dataset=synthetic", "--epochs=2", "--seeds=4", "--hidden=16", "--optimizers=sgd,adam"]
PER_RUN = ("step_loss", "train_loss", "train_acc", "test_loss", "test_acc", "diverged_step")
TIMEOUT_S = 120
FAST_COMPILE = " ".join(f for f in os.environ["XLA_FLAGS"].split() if "device_count" not in f)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment(cache: Path, port: int | None = None) -> dict:
    """The CLIs' environment: offline, 1 CPU device, the cache in ``cache``, loopback only."""
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        MLP_JAX_DATA="",
        MLP_JAX_CACHE=str(cache),
        XLA_FLAGS=f"{FAST_COMPILE} --xla_force_host_platform_device_count=1",
    )
    env.pop("JAX_COMPILATION_CACHE_DIR", None)  # The CLIs' own cache folder is under test.
    if port is not None:  # JAX's coordinator listens on every address unless told.
        env.update(JAX_COORDINATOR_PORT=str(port), JAX_COORDINATOR_BIND_ADDRESS=f"127.0.0.1:{port}")
    return env


def lab6(*args: str, env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "experiments.lab6", *args],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(*processes: subprocess.Popen) -> list[tuple[str, str]]:
    """Waits for every process; each must succeed. Returns their (stdout, stderr)."""
    try:
        outputs = [p.communicate(timeout=TIMEOUT_S) for p in processes]
    finally:
        stop(*processes)
    for p, (out, err) in zip(processes, outputs, strict=True):
        assert p.returncode == 0, f"{out}\n{err}"
    return outputs


def stop(*processes: subprocess.Popen) -> None:
    for p in processes:
        if p.poll() is None:
            p.kill()
            p.wait()


def explicit(port: int, process_id: int) -> list[str]:
    return [
        f"--coordinator_address=127.0.0.1:{port}",
        "--num_processes=2",
        f"--process_id={process_id}",
    ]


def runs(out_dir: Path) -> Path:
    return out_dir / "synthetic" / "lab6" / "relu" / "runs"


def record(out_dir: Path, config: str) -> train.History:
    return train.History.load(runs(out_dir) / f"{config}.npz")


def assert_same_runs(a: train.History, b: train.History) -> None:
    for field in PER_RUN:
        np.testing.assert_allclose(getattr(a, field), getattr(b, field), rtol=1e-5, atol=1e-6)


def summary(out_dir: Path) -> list[dict]:
    with (out_dir / "synthetic" / "lab6" / "relu" / "summary.csv").open() as f:
        return [{k: v for k, v in row.items() if k != "wall_s"} for row in csv.DictReader(f)]


def assert_same_summary(a: Path, b: Path) -> None:
    for row_a, row_b in zip(summary(a), summary(b), strict=True):
        for key, value in row_a.items():
            try:
                assert float(value) == pytest.approx(float(row_b[key]), rel=1e-4), key
            except ValueError:
                assert value == row_b[key], key


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--distributed", "--process_id=0"], "--distributed finds the run's settings itself"),
        (["--coordinator_address=127.0.0.1:5"], "--num_processes and --process_id go together"),
        (["--num_processes=2", "--process_id=0"], "--num_processes and --process_id go together"),
        (
            ["--coordinator_address=h:1", "--num_processes=2", "--process_id=2"],
            "--process_id must be below --num_processes",
        ),
        (["--coordinator_address=host"], "--coordinator_address must be HOST:PORT"),
        (["--coordinator_address=::1:5"], "--coordinator_address must be HOST:PORT"),
        (["--coordinator_address=[::1]:5"], "--process_id go together"),  # Case 16: accepted.
        (["--init_timeout=0"], "0 is not a positive integer"),
    ],
)
def test_process_flags_are_validated(args, expected):
    """In-process, as tests/cli/test_cli.py checks the other flags."""
    from absl import flags

    import experiments.lab6  # noqa: F401  (the CLI's flags)

    try:
        with pytest.raises(flags.Error, match=re.escape(expected)):
            flags.FLAGS(["lab6", *args])
    finally:
        flags.FLAGS.unparse_flags()


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory):
    """The compilation cache of the module's 2-process runs: they compile the same programs."""
    return tmp_path_factory.mktemp("shared_cache")


@pytest.fixture(scope="module")
def one_process(tmp_path_factory):
    """Lab 6 as 1 process, then its sgd again, from the compilation cache the first left.

    Returns (results folder, the cache's files after the first run, after the second).
    """
    tmp = tmp_path_factory.mktemp("one_process")
    out, cache = tmp / "results", tmp / "cache"
    env = environment(cache)
    finish(lab6(*SMALL, f"--out_dir={out}", env=env))
    first = sorted(p.name for p in (cache / "xla").iterdir())
    finish(lab6(*SMALL[:-1], "--optimizers=sgd", f"--out_dir={out}", "--overwrite", env=env))
    return out, first, sorted(p.name for p in (cache / "xla").iterdir())


def test_a_rerun_compiles_from_the_cache(one_process):
    """The first run fills $MLP_JAX_CACHE/xla; the rerun finds every program it needs
    there and compiles none anew (a new one would be written to the cache)."""
    _, first, second = one_process
    assert len([name for name in first if "_epoch" in name]) == 2  # sgd's and adam's.
    assert second == first


def test_two_processes_train_as_one_and_process_0_alone_writes(one_process, shared_cache, tmp_path):
    """Process 0 finds sgd finished in its folder; process 1, whose folder is empty,
    follows its decision (else the processes would run different programs); only
    process 0's folder gets results, and they equal the 1-process run's."""
    reference = one_process[0]
    first, second = tmp_path / "process0", tmp_path / "process1"
    runs(first).mkdir(parents=True)
    shutil.copy(runs(reference) / "sgd.npz", runs(first))
    port = free_port()
    env = environment(shared_cache, port)
    (out0, _), (out1, err1) = finish(
        lab6(*SMALL, *explicit(port, 0), f"--out_dir={first}", env=env),
        lab6(*SMALL, *explicit(port, 1), f"--out_dir={second}", env=env),
    )
    assert out0.startswith("process 0/2: devices ")
    assert "relu/sgd: finished earlier, skipping" in out0
    assert "[1/1] relu/adam" in out0
    assert out1.splitlines()[0].startswith("process 1/2: devices ")
    assert len(out1.splitlines()) == 1 and not err1
    assert not second.exists()
    adam = record(first, "adam")
    assert adam.provenance.processes == 2
    assert_same_runs(adam, record(reference, "adam"))
    assert_same_summary(first, reference)


@pytest.mark.skipif(shutil.which("mpirun") is None, reason="Open MPI's mpirun is not installed")
def test_mpirun_with_distributed(one_process, shared_cache, tmp_path):
    """Both processes see sgd finished in the folder they share, and train adam."""
    reference, out = one_process[0], tmp_path / "results"
    runs(out).mkdir(parents=True)
    shutil.copy(runs(reference) / "sgd.npz", runs(out))
    mpirun = ["mpirun", "--allow-run-as-root", "--oversubscribe", "-n", "2"]
    loopback = ["--mca", "oob_tcp_if_include", "lo"]  # Open MPI's own address, for JAX.
    command = [*mpirun, *loopback, sys.executable, "-m", "experiments.lab6", "--distributed"]
    result = subprocess.run(
        [*command, *SMALL, f"--out_dir={out}"],
        env=environment(shared_cache, free_port()),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "process 0/2: devices " in result.stdout
    assert "process 1/2: devices " in result.stdout
    assert "[1/1] relu/adam" in result.stdout
    assert_same_runs(record(out, "adam"), record(reference, "adam"))
    assert_same_summary(out, reference)


@pytest.mark.timing
def test_a_killed_process_stops_the_other_with_one_line(tmp_path):
    """Process 1 is killed once both agreed on what to train; process 0 stops at its next
    gather. (Were process 0, JAX's coordinator, killed, JAX itself ends process 1 at
    once with its own multi-line message, exit code 134: see docs/devices.md.)"""
    port = free_port()
    env = environment(tmp_path / "cache", port)
    long = ["--dataset=synthetic", "--epochs=1000", "--seeds=2", "--hidden=16", "--optimizers=sgd"]
    survivor = lab6(*long, *explicit(port, 0), f"--out_dir={tmp_path}", env=env)
    victim = lab6(*long, *explicit(port, 1), f"--out_dir={tmp_path}", env=env)
    try:
        for line in survivor.stdout:  # The processes have agreed on what to train.
            if line.startswith("[1/1] relu/sgd:"):
                break
        victim.send_signal(signal.SIGKILL)
        t0 = time.perf_counter()
        _, err = survivor.communicate(timeout=TIMEOUT_S)
        seconds = time.perf_counter() - t0
    finally:
        stop(survivor, victim)
    assert survivor.returncode == 2
    assert seconds < 30
    (line,) = err.strip().splitlines()
    assert line.startswith("error: another process of this 2-process run stopped ("), line


def test_slurm_with_distributed(one_process, shared_cache, tmp_path):
    """As mpirun: two local processes given the environment srun gives its tasks."""
    reference, out = one_process[0], tmp_path / "results"
    runs(out).mkdir(parents=True)
    shutil.copy(runs(reference) / "sgd.npz", runs(out))
    env = environment(shared_cache, free_port())
    env = {k: v for k, v in env.items() if not k.startswith(("OMPI_", "PMI", "SLURM_"))}
    slurm = {"SLURM_JOB_ID": "4242", "SLURM_STEP_NODELIST": "localhost", "SLURM_NTASKS": "2"}
    tasks = [
        lab6(
            "--distributed",
            *SMALL,
            f"--out_dir={out}",
            env=env | slurm | {"SLURM_PROCID": str(task), "SLURM_LOCALID": str(task)},
        )
        for task in (0, 1)
    ]
    (out0, _), (out1, _) = finish(*tasks)
    assert out0.startswith("process 0/2: devices ") and out1.startswith("process 1/2: devices ")
    assert "[1/1] relu/adam" in out0
    assert_same_runs(record(out, "adam"), record(reference, "adam"))
    assert_same_summary(out, reference)


def test_an_absent_peer_is_named_then_given_up_on_at_init_timeout(tmp_path):
    """Case 9 of issue 18 (it waited 130 s in silence, then aborted with a stack dump);
    the IPv6 loopback as a coordinator address is case 16. Both wait at once."""
    waiting = {}
    for host in ("127.0.0.1", "[::1]"):
        port = free_port()
        env = environment(tmp_path / "cache", port)
        env["JAX_COORDINATOR_BIND_ADDRESS"] = f"{host}:{port}"
        where = f"{host}:{port}"
        waiting[where] = lab6(
            *SMALL,
            f"--coordinator_address={where}",
            "--num_processes=2",
            "--process_id=0",
            "--init_timeout=8",
            f"--out_dir={tmp_path / host}",
            env=env,
        )
    try:
        outputs = {where: alone.communicate(timeout=TIMEOUT_S) for where, alone in waiting.items()}
    finally:
        stop(*waiting.values())
    for where, (stdout, stderr) in outputs.items():
        assert waiting[where].returncode == 2 and not stdout, stderr
        notice, error = stderr.strip().splitlines()
        assert notice == f"waiting for 1 of 2 processes at {where} ..."
        assert error.startswith(
            f"error: the multi-process run did not start: waited 8 s for 1 of 2 processes at "
            f"{where}; fix: start every process with the same --coordinator_address"
        )


def test_a_coordinator_that_does_not_resolve_is_one_line(tmp_path):
    address = "nohost.invalid:1234"
    process = lab6(
        *SMALL,
        f"--coordinator_address={address}",
        "--num_processes=2",
        "--process_id=1",
        f"--out_dir={tmp_path}",
        env=environment(tmp_path / "cache"),
    )
    _, stderr = process.communicate(timeout=TIMEOUT_S)
    assert process.returncode == 1
    line = stderr.strip()
    assert line.startswith(
        f"error: --coordinator_address={address}: host 'nohost.invalid' does not resolve ("
    )
    assert line.endswith("; fix: give the coordinator's IP address or a name this machine resolves")


def test_an_interrupted_process_0_ends_the_other_with_one_line(tmp_path):
    """Issue 29, case 12: Ctrl-C on process 0 (which leaves with its line, 130) made
    process 1 abort (134) with JAX's 50-line C++ check failure: process 0's coordination
    service had gone. Process 0 now tells the others, and leaves after them."""
    port = free_port()
    env = environment(tmp_path / "cache", port)
    long = ["--dataset=synthetic", "--epochs=1000", "--seeds=2", "--hidden=16", "--optimizers=sgd"]
    interrupted = lab6(*long, *explicit(port, 0), f"--out_dir={tmp_path}", env=env)
    other = lab6(*long, *explicit(port, 1), f"--out_dir={tmp_path}", env=env)
    try:
        for line in interrupted.stdout:  # The processes have agreed on what to train.
            if line.startswith("[1/1] relu/sgd:"):
                break
        interrupted.send_signal(signal.SIGINT)
        _, err0 = interrupted.communicate(timeout=TIMEOUT_S)
        _, err1 = other.communicate(timeout=TIMEOUT_S)
    finally:
        stop(interrupted, other)
    (line,) = err0.strip().splitlines()
    assert interrupted.returncode == 130 and line.startswith("interrupted: kept 0 finished "), err0
    assert other.returncode == 2, err1
    assert err1.strip() == (
        f"error: process 0 of this 2-process run stopped ({line}); "
        "fix: see that process's output, then start them all again"
    )
