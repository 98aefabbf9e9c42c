"""Shared fixtures, and XLA settings for small, fast-compiling test programs."""

import os
import subprocess
import sys
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


def _run_cli(module, *args, python=False, env=None):
    """Runs ``python -m experiments.MODULE ARGS`` as a user would, in ``_cli_env()``
    updated with ``env``.

    With ``python=True``, runs ``python MODULE ARGS`` instead (e.g. ``-c CODE``).
    """
    return subprocess.run(
        [sys.executable, module, *args]
        if python
        else [sys.executable, "-m", f"experiments.{module}", *args],
        check=False,
        capture_output=True,
        text=True,
        env=_cli_env() | (env or {}),
        cwd=ROOT,
        timeout=300,
    )


@pytest.fixture(scope="session")
def run_cli():
    """``run_cli(module, *args, env=None) -> CompletedProcess`` (see ``_run_cli``)."""
    return _run_cli


@pytest.fixture
def cli_env():
    """The environment tests give the CLIs they start themselves (see ``_cli_env``)."""
    return _cli_env()
