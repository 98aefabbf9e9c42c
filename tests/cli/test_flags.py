"""The CLI runner under faults, as a hostile user meets them: one line, nothing lost.

Each case of BUILD_NOTES.md's "Faults and bad input" table has its test here (or in
test_cli.py for flag values, test_data.py for data files, test_experiment.py for
broken result files).
"""

import concurrent.futures
import contextlib
import csv
import os
import re
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest

from experiments import signals
from mlp_jax import train
from mlp_jax.labs import configs, experiment
from mlp_jax.report import document, lab_report
from tests import tiny

# Its module fixtures and cached runs are built once: the module runs on one xdist worker.
pytestmark = pytest.mark.xdist_group("flags")

ROOT = Path(__file__).resolve().parents[2]

SMALL = ["--dataset=synthetic", "--epochs=2", "--seeds=2", "--hidden=16", "--optimizers=sgd,adam"]


def only_line(result, code):
    """The one line a failure printed (after any one-line warnings); asserts the exit code
    and that no traceback came."""
    assert result.returncode == code, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    *warnings, line = result.stderr.strip().splitlines()
    assert all(w.startswith("WARNING: ") for w in warnings), result.stderr
    return line


def test_out_dir_that_is_a_file_fails_before_any_work(tmp_path, run_cli):
    blocker = tmp_path / "results"
    blocker.write_text("not a folder")
    line = only_line(run_cli("lab6", *SMALL, f"--out_dir={blocker}/lab"), 1)
    assert f"--out_dir={blocker}/lab: cannot write there (Not a directory)" in line
    assert "fix:" in line


@pytest.mark.skipif(not Path("/sys/kernel").is_dir(), reason="needs Linux's /sys")
def test_out_dir_that_cannot_be_written_fails_before_any_work(run_cli):
    result = run_cli("lr_range", "--dataset=synthetic", "--out_dir=/sys/kernel/mlp_jax_results")
    line = only_line(result, 1)
    assert "cannot write there" in line and "fix: pass a folder you can write to" in line
    assert "steps from" not in result.stdout  # Nothing ran.


def test_a_full_disk_ends_in_one_line_and_leaves_no_partial_file(tmp_path, run_cli):
    """Writes beyond 16 KiB fail (RLIMIT_FSIZE, EFBIG), as a full disk's would (ENOSPC).

    The limit is set by the child itself (a ``preexec_fn`` would fork this multithreaded
    process)."""
    limited_lab6 = (
        "import resource, runpy, signal; signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
        "resource.setrlimit(resource.RLIMIT_FSIZE, (16 * 1024, 16 * 1024)); "
        "runpy.run_module('experiments.lab6', run_name='__main__', alter_sys=True)"
    )
    result = run_cli("-c", limited_lab6, *SMALL, f"--out_dir={tmp_path}", python=True)
    line = only_line(result, 2)
    assert (
        line.startswith(f"error: {tmp_path}/synthetic/lab6/relu/")
        and ": File too large; fix: free" in line
    )
    assert not list(tmp_path.rglob("*.tmp"))  # No partial file left behind.


def test_too_many_seeds_are_refused_before_compiling(run_cli):
    line = only_line(run_cli("lab6", *SMALL[:2], "--seeds=1000000", "--optimizers=adam"), 2)
    assert "1000000 seeds x 1 grid points need about" in line and "seeds fit" in line


def test_lr_range_warns_about_few_steps_and_explains_a_non_finite_start(run_cli):
    result = run_cli(
        "lr_range", "--dataset=synthetic", "--steps=10", "--init_scale=1e30", "--hidden=16"
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    warning, error = result.stderr.strip().splitlines()
    assert "--steps=10 is too few" in warning
    assert "relu: the loss is not finite even at the first rate 1e-06" in error
    assert "fix: a smaller --min_lr or --init_scale" in error
    assert "relu: 10 steps from 1e-06 to 10, 10 seeds" in result.stdout  # Said at the start.


def test_benchmark_checks_the_batch_size_before_timing(run_cli):
    result = run_cli("benchmark", "--batch_size=100000", "--torch=false")
    assert "--batch_size=100000 exceeds the 60000 training examples" in only_line(result, 1)
    assert "matmul" not in result.stdout


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_mid_sweep_keeps_what_finished(tmp_path, sig, code, run_cli, cli_env):
    args = [SMALL[0], "--epochs=30", *SMALL[2:], f"--out_dir={tmp_path}"]
    with subprocess.Popen(
        [sys.executable, "-m", "experiments.lab6", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env,
        cwd=ROOT,
    ) as process:
        for line in process.stdout:
            if "relu/sgd: done" in line:
                process.send_signal(sig)
                break
        stdout, stderr = process.communicate(timeout=120)
    result = subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)
    line = only_line(result, code)
    assert line == (
        f"interrupted: kept 1 finished configuration in {tmp_path / 'synthetic' / 'lab6'}; "
        "rerun the same command to resume"
    )
    assert [p.name for p in (tmp_path / "synthetic" / "lab6" / "relu" / "runs").glob("*")] == [
        "sgd.npz"
    ]
    if sig == signal.SIGINT:
        resumed = run_cli("lab6", *args)
        assert resumed.returncode == 0, resumed.stderr
        assert "relu/sgd: finished earlier, skipping" in resumed.stdout


def tiny_setup(out):
    return tiny.setup(out, seeds=2)


TINY = {"relu": [configs.Config("sgd", "sgd", 0.1), configs.Config("adam", "adam", 0.01)]}

KILL = textwrap.dedent("""
    import os, signal, sys
    when, nth = sys.argv[1], int(sys.argv[2])
    real, calls = os.replace, []

    def replace(*args):  # SIGKILL before or after the nth atomic rename
        calls.append(args)
        if when == "before" and len(calls) == nth:
            os.kill(os.getpid(), signal.SIGKILL)
        real(*args)
        if when == "after" and len(calls) == nth:
            os.kill(os.getpid(), signal.SIGKILL)

    os.replace = replace
    from mlp_jax.labs import experiment
    from mlp_jax.report import lab_report
    from tests.cli.test_flags import TINY, tiny_setup
    experiment.run(tiny_setup(sys.argv[3]), TINY, log=lambda line: None, write=lab_report.write_all)
""")


def _summary(path):
    with path.open() as f:
        return [{k: v for k, v in row.items() if k != "wall_s"} for row in csv.DictReader(f)]


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory):
    out = tmp_path_factory.mktemp("uninterrupted")
    experiment.run(tiny_setup(out), TINY, log=lambda line: None, write=lab_report.write_all)
    return out / "synthetic" / "lab6" / "relu"


# Renames: 1 = sgd's record, 2 = adam's record, 3 = summary.csv, 4 = metrics.csv, 5+ figures.
# Killed: with sgd's record written but not renamed; just after; with both records saved
# and no summary yet. The other points repeat one of these states.
@pytest.mark.parametrize(
    ("when", "nth", "finished"), [("before", 1, 0), ("after", 1, 1), ("before", 3, 2)]
)
def test_sigkill_at_each_write_point_then_rerun_gives_the_uninterrupted_numbers(
    tmp_path, uninterrupted, run_cli, when, nth, finished
):
    killed = run_cli("-c", KILL, when, str(nth), str(tmp_path), python=True)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    lines = []
    experiment.run(tiny_setup(tmp_path), TINY, log=lines.append, write=lab_report.write_all)
    assert sum("skipping" in line for line in lines) == finished, lines
    folder = tmp_path / "synthetic" / "lab6" / "relu"
    assert _summary(folder / "summary.csv") == _summary(uninterrupted / "summary.csv")
    for name in ("sgd", "adam"):
        got, want = (
            train.History.load(f / "runs" / f"{name}.npz") for f in (folder, uninterrupted)
        )
        for field in ("step_loss", "train_loss", "test_loss", "test_acc", "diverged_step"):
            np.testing.assert_array_equal(getattr(got, field), getattr(want, field))
    visible = sorted(p.name for p in (folder / "runs").iterdir() if not p.name.startswith("."))
    assert visible == ["adam.npz", "sgd.npz"]
    # A kill between writing and renaming leaves one hidden temporary file, never a record.
    stray = [p.name for p in tmp_path.rglob(".*.tmp")]
    assert len(stray) == (when == "before"), stray


SWEEP = ["--dataset=synthetic", "--epochs=100000", "--seeds=2", "--hidden=16", "--optimizers=sgd"]
KEPT = re.compile(
    r"interrupted: (nothing finished yet, nothing kept|kept \d+ finished configurations? in "
    r".+; rerun the same command to resume)"
)


def _catches(pid: int, signum: int) -> bool:
    """Whether process ``pid`` has a handler for ``signum`` (Linux's /proc/PID/status)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    caught = int(re.search(r"^SigCgt:\s*([0-9a-f]+)$", status, re.MULTILINE).group(1), 16)
    return bool(caught >> (signum - 1) & 1)


def _interrupted(
    delay: float, sig: int, out: Path, env: dict, after: str = ""
) -> subprocess.CompletedProcess:
    """Lab 6, sent ``sig`` ``delay`` s after the package's first line ran (before that,
    Python is still starting and its own defaults apply), or after it printed ``after``."""
    command = [sys.executable, "-m", "experiments.lab6", *SWEEP, f"--out_dir={out}"]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT
    ) as process:
        while not _catches(process.pid, signal.SIGTERM) and process.poll() is None:
            time.sleep(0.002)
        printed = [] if after else ["(not read)"]
        while not printed and (line := process.stdout.readline()):
            printed += [line] if after in line else []
        time.sleep(delay)
        process.send_signal(sig)
        stdout, stderr = process.communicate(timeout=300)
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


# When the signals of the sweep below land. A delay counted from the start alone would,
# on a loaded machine, spend every run in the imports (3 s covered only them on 2 busy
# cores), so all but the first phase are found by the line the run prints as it enters it:
# (line printed, delays in s after it). Python's imports, flags and JAX's start (the
# handler of experiments/__init__.py, then from ``signals.catch`` on); the setup after
# the data ("data: ..."); a configuration's first 0.8 s, where JAX traces, compiles on
# its own threads and runs its garbage-collector callback (issue 18's cases 5 and 6:
# "Exception ignored" and exit 0, a crash at exit); the training between epochs.
PHASES = (
    ("", (0.05, 0.5, 1.0, 2.0)),
    ("data: ", (0.0,)),
    ("relu/sgd: ", (0.0, 0.05, 0.1, 0.2, 0.4, 0.8)),
    ("epoch 1/", (0.0,)),
)


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="needs Linux's /proc")
def test_a_signal_at_any_phase_of_a_run_ends_in_the_one_line(tmp_path, cli_env):
    """Cases 5-7 of issue 18: SIGINT and SIGTERM in turn at each moment of ``PHASES``
    (12 runs, 4 at a time). Each ends with the one line and 130/143: never exit 0 (a
    signal Python ignored in JAX's garbage-collector callback), 139 (a crash at exit)
    or a traceback."""
    moments = [(delay, after) for after, delays in PHASES for delay in delays]
    plan = [(*m, (signal.SIGINT, signal.SIGTERM)[k % 2]) for k, m in enumerate(moments)]

    def interrupt(k: int) -> subprocess.CompletedProcess:
        delay, after, sig = plan[k]
        return _interrupted(delay, sig, tmp_path / str(k), cli_env, after)

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        results = list(pool.map(interrupt, range(len(plan))))
    failed = []
    for (delay, after, sig), result in zip(plan, results, strict=True):
        lines = result.stderr.strip().splitlines()
        code = {signal.SIGINT: 130, signal.SIGTERM: 143}[sig]
        ok = result.returncode == code and lines and KEPT.fullmatch(lines[-1])
        if not ok or any(not w.startswith("WARNING: ") for w in lines[:-1]):
            failed.append(
                (f"{delay:.2f} s after {after!r}", sig.name, result.returncode, lines[-8:])
            )
    assert not failed, failed


# Ways an interrupt's ``KeyboardInterrupt`` is dropped on its way up: how → a script that
# drops one. Each script then runs code that can stop (``STOPS``).
DROPPED = {
    # Case 5 of issue 18: raised in a callback of the garbage collector, Python prints
    # "Exception ignored" and drops it; the run went on to exit code 0.
    "gc_callback": """
import gc, signal, time
import jax  # Registers its garbage-collector callback, _xla_gc_callback.
from experiments import signals

signals.catch()
(xla,) = [cb for cb in gc.callbacks if cb.__name__ == "_xla_gc_callback"]

def during(*args):  # The signal comes while JAX's callback runs.
    signal.raise_signal(signal.SIGTERM)
    return xla(*args)

gc.callbacks[gc.callbacks.index(xla)] = during
gc.collect()
""",
    # Seen in the signal sweep below once compiling got faster: a Ctrl-C while JAX traced
    # or compiled was lost and training went on. A bare ``except:`` swallows it, as in
    # JAX's shape checks (jax._src.core).
    "bare_except": """
import signal, time
from experiments import signals

signals.catch()

def swallowing():
    try:
        signal.raise_signal(signal.SIGINT)
    except:  # noqa: E722
        pass

swallowing()
""",
}
STOPS = """
try:
    for _ in range(3000):  # Code that can stop, for up to 3 s.
        time.sleep(0.001)
    print("went on")
except KeyboardInterrupt:
    print("interrupted", signals.exit_code())
"""


@pytest.mark.parametrize(("how", "code"), [("gc_callback", 143), ("bare_except", 130)])
def test_a_dropped_interrupt_is_sent_again_until_the_program_stops(how, code, run_cli):
    """Dropped (``DROPPED``), the interrupt must still stop the program, silently: it is
    sent again until the program leaves (``experiments.signals``)."""
    result = run_cli("-c", DROPPED[how] + STOPS, python=True)
    assert result.stdout.splitlines() == [f"interrupted {code}"], result.stdout + result.stderr
    assert "Exception ignored" not in result.stderr, result.stderr


HANDLED = """
import signal, time
from experiments import signals

signals.catch()
try:
    try:
        signal.raise_signal(signal.SIGINT)
    except KeyboardInterrupt:  # As experiment.run says what it kept, slowly.
        time.sleep(3 * signals.RESEND_S)
        raise KeyboardInterrupt("kept 1")
except KeyboardInterrupt as e:
    print("interrupted:", e)
"""


def test_an_interrupt_on_its_way_up_is_not_replaced_by_its_resends(run_cli):
    """The resends land while the first interrupt is handled; they raise nothing there,
    so the handler's own message (what was kept) arrives."""
    result = run_cli("-c", HANDLED, python=True)
    assert result.stdout.splitlines() == ["interrupted: kept 1"], result.stdout + result.stderr


COMPILING = textwrap.dedent("""
    import threading, time
    import jax, jax.numpy as jnp
    from experiments import cli

    def chain(x):
        for i in range(300):
            x = jnp.sin(x) @ x + i
        return x

    threading.Thread(
        target=lambda: jax.jit(chain).lower(jnp.ones((64, 64))).compile(), daemon=True
    ).start()
    time.sleep(1)
    cli.leave(130, "interrupted: the line")
""")


def test_leaving_while_xla_compiles_on_another_thread_does_not_crash(run_cli):
    """The cause of case 6 of issue 18: an interpreter exit (``sys.exit``) while XLA
    compiles on another thread aborts or segfaults (exit 134/139 on jax 0.10.2; see
    BUILD_NOTES.md); ``cli.leave`` leaves with ``os._exit`` once the output is out."""
    result = run_cli("-c", COMPILING, python=True)
    assert result.returncode == 130, result.stderr
    assert result.stderr.strip().splitlines()[-1] == "interrupted: the line"


@pytest.mark.parametrize(
    "encoding", [{"PYTHONIOENCODING": "ascii"}, {"LC_ALL": "C", "PYTHONUTF8": "0"}]
)
def test_an_output_that_cannot_show_unicode_gets_ascii(encoding, tmp_path, cli_env):
    """Case 11 of issue 18: the σ of the first progress line ended in a traceback."""
    env = {k: v for k, v in cli_env.items() if k not in ("PYTHONIOENCODING", "LANG")}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "experiments.lab7",
            *SMALL[:2],
            "--seeds=1",
            "--hidden=16",
            "--optimizer=sgd",
            "--inits=normal",
            "--lr_grid=1",
            f"--out_dir={tmp_path}",
        ],
        env=env | encoding,
        cwd=ROOT,
        capture_output=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    stdout = result.stdout.decode("ascii")  # Nothing else in it.
    assert "relu: optimizer sgd, learning rate 0.3 - chosen with --optimizer" in stdout  # "—"


def test_an_unwritable_runs_folder_is_found_before_any_training(tmp_path, run_cli):
    """Case 17 of issue 18: it was found only once the first configuration had trained."""
    runs = tmp_path / "synthetic" / "lab6" / "relu" / "runs"
    runs.parent.mkdir(parents=True)
    runs.write_text("a file where the records go")  # Unwritable even for root.
    result = run_cli("lab6", *SMALL, f"--out_dir={tmp_path}")
    line = only_line(result, 1)
    assert line.startswith(f"error: --out_dir={tmp_path}: cannot write there to {runs} (")
    assert "fix: pass a folder you can write to" in line
    assert "relu/sgd" not in result.stdout  # Nothing trained.


PF_EXITING = 0x4
"""Linux's flag of a process that has begun to exit (/proc/PID/stat, field 9)."""
ENDS = re.compile(
    rf"{KEPT.pattern}|interrupted: after the work had finished; everything is kept|"
    r"interrupted: kept .+, without the PDF; rerun the same command to print it|"
    r"interrupted: wrote \d+ files? in .+; rerun the same command to finish"
)
"""The lines of a signal at any moment, the end and the printing of a PDF included."""


def _signal_if_running(pid: int, sig: int) -> bool:
    """Sends ``sig`` unless process ``pid`` has begun to exit (then no handler of its own
    can run: the signal would come after its end). Whether it was sent."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return False
    if fields[0] in "ZX" or int(fields[6]) & PF_EXITING:
        return False
    os.kill(pid, sig)
    return True


def _signalled_after(command, after, delay, sig, env) -> tuple:
    """Runs ``command`` (a CLI) and sends ``sig`` ``delay`` s after it printed a line that
    starts with ``after``, unless it has begun to exit. (result, whether it was sent)."""
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT
    ) as process:
        assert any(line.startswith(after) for line in process.stdout), process.stderr.read()
        time.sleep(delay)
        sent = _signal_if_running(process.pid, sig)
        stdout, stderr = process.communicate(timeout=300)
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr), sent


@contextlib.contextmanager
def _cpu_hog():
    """A process that keeps a core busy while the block runs."""
    hog = subprocess.Popen([sys.executable, "-c", "while 1: pass"])
    try:
        yield
    finally:
        hog.kill()
        hog.wait()


@pytest.fixture
def short_tmp():
    """A temporary folder with a short path: the browser's own sockets go under $TMPDIR,
    and a Unix socket's path is at most 107 bytes (tmp_path's can be too long)."""
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder)


def _browsers(where: Path) -> list[str]:
    """The pids of the running processes whose command line names ``where``."""
    running = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        with contextlib.suppress(OSError):
            state = (cmdline.parent / "stat").read_text().rpartition(")")[2].split()[0]
            if str(where).encode() in cmdline.read_bytes() and state not in "ZX":
                running.append(cmdline.parent.name)
    return running


@pytest.mark.skipif(not Path("/proc/self/stat").is_file(), reason="needs Linux's /proc")
def test_a_signal_at_the_end_while_printing_and_under_load_ends_in_the_one_line(
    tmp_path, cli_env, short_tmp
):
    """Issue 29: cases 10 (a signal in the 0.5 s after a CLI's last line was ignored:
    exit 0), 11 (one while ``report --pdf`` printed left the browser's profile in the
    results and its processes running) and 15 (one as a configuration starts, on a
    loaded machine, without compilation cache). A signal that would find the CLI
    already exiting comes too late for any handler, and is not sent."""
    lab6 = ["experiments.lab6", *SMALL[:1], "--epochs=1", *SMALL[2:-1], "--optimizers=sgd"]
    trajectories = [
        "experiments.trajectories",
        "--steps=20",
        "--surfaces=ravine",
        "--optimizers=sgd",
    ]
    plan = {  # name: (command, line, delay in s after it, signal)
        "lab6 end": ([*lab6, f"--out_dir={tmp_path}/a"], "wrote ", 0.0, signal.SIGTERM),
        "trajectories end": (
            [*trajectories, f"--out_dir={tmp_path}/b"],
            "done",
            0.1,
            signal.SIGINT,
        ),
        "under load": (
            ["experiments.lab6", *SWEEP, "--nocompilation_cache", f"--out_dir={tmp_path}/c"],
            "[1/1] relu/sgd: ",
            0.05,
            signal.SIGINT,
        ),
        "report --pdf": (  # Printing the results of "lab6 end", once they are there.
            ["experiments.report", f"--out_dir={tmp_path}/a", "--pdf"],
            f"wrote {tmp_path}/a/synthetic/report.en.html",
            0.3,
            signal.SIGTERM,
        ),
    }
    printing = short_tmp  # The report's $TMPDIR, where its browser makes its profile.

    def run(name):
        command, after, delay, sig = plan[name]
        env = cli_env | {"TMPDIR": str(printing)} if name == "report --pdf" else cli_env
        with _cpu_hog() if name == "under load" else contextlib.nullcontext():
            return _signalled_after([sys.executable, "-m", *command], after, delay, sig, env)

    with concurrent.futures.ThreadPoolExecutor(3) as pool:
        results = dict(zip(list(plan)[:3], pool.map(run, list(plan)[:3]), strict=True))
    if document.browser():  # Else ``report --pdf`` ends in one error line (test_handin.py).
        results["report --pdf"] = run("report --pdf")
    failed = {}
    for name, (result, sent) in results.items():
        lines = [line for line in result.stderr.splitlines() if not line.startswith("WARNING: ")]
        code = {signal.SIGINT: 130, signal.SIGTERM: 143}[plan[name][3]] if sent else 0
        said = len(lines) == 1 and ENDS.fullmatch(lines[0]) if sent else not lines
        if result.returncode != code or not said:
            failed[name] = (sent, result.returncode, lines[-8:])
    assert not failed, failed
    assert not list(printing.glob("mlp_jax-print-*"))  # The browser's profile is gone, ...
    assert not list((tmp_path / "a" / "synthetic").glob("*print*"))
    for _ in range(100):  # ... and its processes (killed: they end within moments).
        if not _browsers(printing):
            break
        time.sleep(0.02)
    assert not _browsers(printing)


@pytest.mark.parametrize(
    "content, said",
    [
        (None, "no such file"),
        ("", "is empty"),
        (b"Zaj\xeac", "is not UTF-8 text (byte 3)"),
        ("x" * 100_001, "over 100,000"),
    ],
)
def test_notes_that_cannot_be_the_report_s_section_are_refused(tmp_path, content, said, run_cli):
    notes = tmp_path / "notes.txt"
    if isinstance(content, bytes):
        notes.write_bytes(content)
    elif content is not None:
        notes.write_text(content)
    for cli in ("report", "handin"):
        line = only_line(run_cli(cli, "--dataset=synthetic", f"--notes={notes}"), 1)
        assert said in line and "fix:" in line, line
    assert "is a folder" in only_line(run_cli("report", f"--notes={tmp_path}"), 1)


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="needs POSIX signal masks")
def test_a_signal_pending_at_the_exit_ends_in_the_finished_line_not_exit_0():
    """The CLI's last step (``signals.exit_done``) blocks SIGINT and SIGTERM, then looks
    for one already pending: a SIGTERM that arrived after Python's last check for
    signals is handled (143, ``FINISHED``), not lost in the exit (it was: 0, no line)."""
    script = textwrap.dedent("""
        import os, signal, sys
        from experiments import signals
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
        os.kill(os.getpid(), signal.SIGTERM)  # Pending: blocked, as if it came at the end.
        def leave(code, line):
            print(line, file=sys.stderr, flush=True)
            os._exit(code)
        signals.exit_done(leave)
    """)
    run = {"capture_output": True, "text": True, "cwd": ROOT}
    done = subprocess.run([sys.executable, "-c", script], check=False, **run)
    assert done.returncode == 143 and done.stderr.strip() == signals.FINISHED, done
    quiet = script.replace("os.kill(os.getpid(), signal.SIGTERM)", "pass")
    done = subprocess.run([sys.executable, "-c", quiet], check=False, **run)
    assert done.returncode == 0 and not done.stderr, done
