"""Shared fixtures, and XLA settings for small, fast-compiling test programs."""

import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

# The test programs are tiny: compiling would take most of their time. XLA's optimisation
# passes off (about 4 s of compiling per training, against 1.6 s unoptimised), and its
# older fused-kernel emitters, which compile a training's programs in half the time of
# the MLIR ones (1.2 s → 0.5 s for an epoch; jaxlib 0.10.2). Code generated on one thread,
# not split for several: the suite keeps both cores busy already, and the split cost 11%
# more CPU in the training tests. One CPU device, said explicitly: the CLIs run as
# subprocesses (``_cli_env``) would otherwise take one per core
# (``experiments.runtime.cpu_devices``). Set before JAX starts its backend; the tests of
# several devices ask for them.
FAST_COMPILE = (
    "--xla_backend_optimization_level=0 --xla_cpu_use_fusion_emitters=false "
    "--xla_cpu_parallel_codegen_split_count=1 --xla_force_host_platform_device_count=1"
)
os.environ["XLA_FLAGS"] = f"{os.environ.get('XLA_FLAGS', '')} {FAST_COMPILE}"

import jax
import pytest

ROOT = Path(__file__).resolve().parents[1]
ZYGOTE = ROOT / "tests" / "zygote.py"
TIMEOUT_S = 300  # The longest a CLI run by a test may take.


@pytest.hookimpl(tryfirst=True)  # Before pytest-xdist reads the groups.
def pytest_collection_modifyitems(items):
    """Puts the tests of a module without an ``xdist_group`` that use one of the module's own
    module-scoped fixtures into one group (named by the module's path): under
    ``--dist loadgroup`` that fixture is then built on one worker, once, instead of on each
    worker that runs one of its tests. The module's other tests still go to any worker."""
    for item in items:
        module = item.nodeid.split("::")[0]
        if item.get_closest_marker("xdist_group") or not hasattr(item, "_fixtureinfo"):
            continue
        defs = item._fixtureinfo.name2fixturedefs.values()
        if any(d[-1].scope == "module" and d[-1].baseid == module for d in defs):
            item.add_marker(pytest.mark.xdist_group(module))


@pytest.fixture(scope="session", autouse=True)
def compilation_cache(tmp_path_factory):
    """Shares compiled programs between tests: many trainings have the same HLO."""
    jax.config.update("jax_compilation_cache_dir", str(tmp_path_factory.mktemp("xla_cache")))
    jax.config.update("jax_persistent_cache_min_compile_time_secs", 0.0)
    yield
    jax.config.update("jax_compilation_cache_dir", None)


@pytest.fixture
def x64():
    """Runs the test with float64 enabled, restoring the default afterwards."""
    with jax.enable_x64(True):
        yield


def _cli_env():
    """The environment of a CLI run by a test: offline (no ``$MLP_JAX_DATA``), unbuffered,
    sharing the session's compilation cache, compiled unoptimised.

    Python keeps its bytecode cache, as it does by default: without it (this machine sets
    ``PYTHONDONTWRITEBYTECODE``) every CLI would compile our sources again, 0.5 s each.
    """
    environ = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return dict(
        environ,
        PYTHONPATH=str(ROOT),
        PYTHONUNBUFFERED="1",
        MLP_JAX_DATA="",
        XLA_FLAGS=os.environ["XLA_FLAGS"],
        JAX_COMPILATION_CACHE_DIR=str(jax.config.jax_compilation_cache_dir or ""),
        JAX_PERSISTENT_CACHE_MIN_COMPILE_TIME_SECS="0",
    )


def _read_after_start_up(variable: str) -> bool:
    """Whether nothing reads ``variable`` while Python and JAX start: ours, pytest's, ``PATH``."""
    return variable.startswith(("MLP_JAX_", "PYTEST_")) or variable == "PATH"


class _Zygote:
    """A ``tests/zygote.py`` server, started at first use: it forks each CLI run from an
    interpreter that has imported our library and its dependencies once."""

    def __init__(self):
        self.process = self.env = None
        self.lock = threading.Lock()

    def serves(self, env: dict) -> bool:
        """Whether a CLI in ``env`` would start as the server did (in ``_cli_env()``), on
        Linux (``os.pidfd_open``)."""
        if not hasattr(os, "pidfd_open"):
            return False
        started = self.env if self.process else _cli_env()
        names = {n for n in env.keys() | started.keys() if not _read_after_start_up(n)}
        return all(env.get(name) == started.get(name) for name in names)

    def run(self, module: str, args: list, env: dict) -> subprocess.CompletedProcess:
        """Runs ``python -m MODULE ARGS`` in ``env`` (which it ``serves``), in ``ROOT``."""
        with self.lock, tempfile.TemporaryDirectory() as tmp:
            if self.process is None:
                self.env = _cli_env()
                pipes = {"stdin": subprocess.PIPE, "stdout": subprocess.PIPE}
                server = [sys.executable, str(ZYGOTE)]
                self.process = subprocess.Popen(server, **pipes, text=True, env=self.env, cwd=ROOT)
            out, err = Path(tmp, "stdout"), Path(tmp, "stderr")
            files = {"stdout": str(out), "stderr": str(err)}
            request = {"module": module, "args": args, "env": env, "cwd": str(ROOT), **files}
            request["timeout"] = TIMEOUT_S
            try:
                print(json.dumps(request), file=self.process.stdin, flush=True)
                reply = self.process.stdout.readline().strip()
            except BaseException:  # E.g. Ctrl-C: the reply would answer the next request.
                self.close(kill=True)
                raise
            argv = [str(ZYGOTE), "-m", module, *args]  # What ran: a fork of the server.
            if reply == "timeout":
                raise subprocess.TimeoutExpired(argv, TIMEOUT_S)
            if not reply:
                self.close(kill=True)
                raise RuntimeError("tests/zygote.py has stopped (its error is above)")
            return subprocess.CompletedProcess(argv, int(reply), out.read_text(), err.read_text())

    def close(self, kill: bool = False) -> None:
        """Ends the server (at once with ``kill``); the next run starts another."""
        if self.process is not None:
            if kill:
                self.process.kill()
            self.process.communicate()  # Closes its stdin: the server's signal to end.
            self.process = None


_ZYGOTE = _Zygote()


def _run_cli(module, *args, python=False, env=None):
    """Runs ``python -m experiments.MODULE ARGS`` as a user would, in ``_cli_env()``
    updated with ``env``: forked from ``_ZYGOTE`` where that is the same, else started.

    With ``python=True``, runs ``python MODULE ARGS`` instead (e.g. ``-c CODE``).
    """
    environ = _cli_env() | (env or {})
    if not python and _ZYGOTE.serves(environ):
        return _ZYGOTE.run(f"experiments.{module}", list(args), environ)
    return subprocess.run(
        [sys.executable, module, *args]
        if python
        else [sys.executable, "-m", f"experiments.{module}", *args],
        check=False,
        capture_output=True,
        text=True,
        env=environ,
        cwd=ROOT,
        timeout=TIMEOUT_S,
    )


@pytest.fixture(scope="session")
def run_cli():
    """``run_cli(module, *args, env=None) -> CompletedProcess`` (see ``_run_cli``)."""
    yield _run_cli
    _ZYGOTE.close()


@pytest.fixture
def cli_env():
    """The environment tests give the CLIs they start themselves (see ``_cli_env``)."""
    return _cli_env()
