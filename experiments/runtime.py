"""Starts JAX as the flags say, before anything touches a backend.

``start()`` gives the CPU one XLA device per core, turns on the persistent compilation
cache and, with ``--distributed`` or ``--coordinator_address``, joins the processes of
a multi-process run (docs/devices.md, "Running on a cluster"); ``stop()`` and ``leaving()`` end
one's part in it, with success or not.

A process of a multi-process run that leaves early (an error, Ctrl-C) says so in JAX's
key-value store (``STOPPED``), and a thread of every process (``_watch``) ends it with
one line when another one did: else the others would wait for it at their next
collective and, were it process 0 (whose coordination service they poll), JAX would
abort them with a stack dump (exit code 134). Process 0 leaves last: it waits up to
``LEAVE_WAIT_S`` until each other process has said it leaves (``LEFT``).

On a CPU, XLA runs one program on all cores, and the small matrices of a 784-128-10
MLP use them poorly. The CLIs therefore expose one XLA host device per core (unless
``XLA_FLAGS`` or ``JAX_NUM_CPU_DEVICES`` already says how many), and
``mlp_jax.train`` splits the seeds across them: 1.3x faster on 2 cores
(BUILD_NOTES.md). On a GPU or TPU host this only adds CPU devices that nothing uses.
The core count is the one this process may use (``os.process_cpu_count``, Python
3.13+), else the machine's: the same on macOS, Windows and Linux.

XLA's CPU backend has several libraries for a dot (``DOT_PATHS``). ``start`` picks one
before JAX reads ``XLA_FLAGS`` (at its first compilation): the one ``$MLP_JAX_DOT_PATH``
names, else ``DEFAULT_DOT_PATH``. ``XLA_FLAGS`` that already name a dot library's flag win
(``dot_path`` says ``"user"``). Each record keeps the ``XLA_FLAGS`` it was trained with
(``records.Provenance.xla_flags``); ``python -m experiments.benchmark --dot_paths=all``
times the paths side by side.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import sys
import threading
import time
import warnings
from collections.abc import Callable
from typing import Any, NamedTuple

import jax
import numpy as np
from absl import app
from jax._src import distributed

from experiments import flags as common
from mlp_jax import train, util

HEARTBEAT_TIMEOUT_S = 60
"""A process silent this long counts as dead, and JAX stops the others."""
SHUTDOWN_TIMEOUT_S = 300
"""How long a finished process waits at exit for the others (process 0 writes last)."""
WAITING_NOTICE_S = 5.0
"""After this long without all processes, a multi-process run says what it waits for."""
STOPPED = "mlp_jax/stopped"
"""Key of JAX's key-value store: ``<process index> <its last line>`` of the first process
of a multi-process run that leaves early."""
LEFT = "mlp_jax/left/"
"""Key prefix of JAX's key-value store: ``LEFT<index>`` is set by a process as it leaves."""
LEAVE_WAIT_S = 5.0
"""How long process 0, leaving early, waits for the others to leave first."""
LEAVE_GRACE_S = 0.1
"""Then how long it lets them end before its coordination service goes with it."""
_FOREVER_MS = 10**12  # About 30 years: as long as the run.
Leave = Callable[[int, str], object]
"""``experiments.cli.leave``: ends the program with a line and an exit code."""

_succeeded = threading.Event()  # Set by ``stop``: this process's part is done.

DOT_PATH_ENV = "MLP_JAX_DOT_PATH"
"""Environment variable naming the dot path: a key of ``DOT_PATHS``; unset or empty,
``DEFAULT_DOT_PATH``."""
DOT_PATHS = {
    "xla": "",
    "onednn": "--xla_cpu_use_onednn=true --xla_cpu_experimental_onednn_fusion_type=individual_dot",
}
"""Dot path → the ``XLA_FLAGS`` that select it (jaxlib 0.10.2). ``xla``: XLA's own choice,
YNNPACK for the dots it takes (``__ynn_fusion``), Eigen for the others; ``onednn``: oneDNN
for every dot it supports (``__onednn_fusion``), whose programs the persistent compilation
cache cannot keep (jaxlib 0.10.2 warns and compiles them again in every process).

Not offered: ``--xla_cpu_use_onednn=true`` alone, which changes no program (XLA adds
oneDNN's matcher only with a fusion type); XNNPACK's flags (``--xla_cpu_use_xnnpack``,
``--xla_cpu_experimental_xnn_fusion_type``), which change no dot of the training step; and
Eigen for every dot (``--xla_cpu_experimental_ynn_fusion_type=``), whose 10-seed training
on two devices reported test numbers its own parameters do not give (BUILD_NOTES)."""
DEFAULT_DOT_PATH = "xla"
"""The dot path unless ``$MLP_JAX_DOT_PATH`` says. oneDNN's trained the benchmark's 10-seed
epoch no faster on a Zen 3 EPYC (CPU time 0.97 of XLA's, 0.85-1.12 over 7 interleaved
pairs), with final losses within 1.2e-3 per seed (not bit for bit); on an Intel Xeon only
``--xla_cpu_use_onednn=true`` was timed, which runs XLA's own programs. XLA's own keeps the
records' numbers bit for bit, and its programs fit the compilation cache."""
DOT_FLAGS = (
    "xla_cpu_use_onednn",
    "xla_cpu_experimental_onednn_fusion_type",
    "xla_cpu_experimental_onednn_custom_call",
    "xla_cpu_experimental_ynn_fusion_type",
    "xla_cpu_use_xnnpack",
    "xla_cpu_experimental_xnn_fusion_type",
    "xla_cpu_experimental_xnn_graph_fusion_mode",
)
"""XLA flags that choose a dot's library: ``XLA_FLAGS`` naming one keep the user's choice."""


class DotPath(NamedTuple):
    """The dot path a process runs with.

    Attributes:
      name: a key of ``DOT_PATHS``, or ``user`` when ``XLA_FLAGS`` chose it.
      xla_flags: the ``XLA_FLAGS`` to run with.
      before: ``XLA_FLAGS`` as the environment gave them.
    """

    name: str
    xla_flags: str
    before: str


_dot_path: DotPath | None = None  # Set by ``use_dot_path``.


def start(leave: Leave) -> None:
    """Starts JAX: CPU devices, compilation cache, multi-process join (module docstring);
    in a multi-process run, ``leave`` ends this process when another leaves early.

    Raises:
      app.UsageError: ``--distributed`` found no cluster to join, or the coordinator's
        host does not resolve.
      train.DistributedError: a process stopped while joining.
    """
    use_dot_path()
    cpu_devices()
    if common.COMPILATION_CACHE.value:
        if not jax.config.jax_compilation_cache_dir:  # $JAX_COMPILATION_CACHE_DIR wins.
            jax.config.update("jax_compilation_cache_dir", str(util.cache_dir() / "xla"))
        # The default, 1 s, would leave out small programs (tiny networks, all-gathers).
        jax.config.update("jax_persistent_cache_min_compile_time_secs", 0.0)
    else:
        jax.config.update("jax_enable_compilation_cache", False)
    if common.DISTRIBUTED.value or common.COORDINATOR_ADDRESS.value:
        join()
        threading.Thread(target=_watch, args=(leave,), name="watch-peers", daemon=True).start()


def stop() -> None:
    """The end of a run that succeeded: in a multi-process run, waits at JAX's shutdown
    barrier for the others (process 0 writes last). From here on, this process leaving
    (a signal) stops no other, and no other stops it."""
    _succeeded.set()
    if jax.distributed.is_initialized():
        jax.distributed.shutdown()


def leaving(line: str) -> None:
    """Before this process leaves early with ``line`` (``experiments.cli.leave``): in a
    multi-process run, tells the others (``STOPPED``, ``LEFT``) and, in process 0,
    waits for them to leave first (module docstring). Errors of the key-value store
    (the run already broken) are ignored."""
    client = distributed.global_state.client
    if client is None or _succeeded.is_set():
        return
    index = jax.process_index()
    with contextlib.suppress(jax.errors.JaxRuntimeError):  # E.g. set already by another.
        client.key_value_set(STOPPED, f"{index} {line}")
    with contextlib.suppress(jax.errors.JaxRuntimeError):  # E.g. a process 0 gone, or late.
        if index:
            client.key_value_set(f"{LEFT}{index}", "")
        else:
            _wait_for_the_others(client)


def _wait_for_the_others(client: Any) -> None:
    """Process 0: until each other process has said it leaves (``LEFT``), at most
    ``LEAVE_WAIT_S``, then ``LEAVE_GRACE_S``; raises ``JaxRuntimeError`` when time runs out."""
    deadline = time.monotonic() + LEAVE_WAIT_S
    for other in range(1, jax.process_count()):
        ms = max(1, int(1000 * (deadline - time.monotonic())))
        client.blocking_key_value_get(f"{LEFT}{other}", ms)
    time.sleep(LEAVE_GRACE_S)


def _watch(leave: Leave) -> None:
    """Ends this process with one line once another one of the run leaves early
    (``leaving``); returns when the run ends (the store shut down)."""
    try:
        index, line = distributed.global_state.client.blocking_key_value_get(
            STOPPED, _FOREVER_MS
        ).split(" ", 1)
    except jax.errors.JaxRuntimeError:
        return
    if int(index) != jax.process_index() and not _succeeded.is_set():
        leave(
            2,
            f"error: process {index} of this {jax.process_count()}-process run stopped "
            f"({line}); fix: see that process's output, then start them all again",
        )


def _names_dot_flag(xla_flags: str) -> bool:
    return any(re.search(rf"(^|\s)--?{flag}(=|\s|$)", xla_flags) for flag in DOT_FLAGS)


def dot_path(xla_flags: str, asked: str) -> DotPath:
    """The dot path and the ``XLA_FLAGS`` for it: ``xla_flags`` (the environment's) when
    they name a dot library's flag, else ``asked`` (``$MLP_JAX_DOT_PATH``; "":
    ``DEFAULT_DOT_PATH``) with its flags after them.

    Raises:
      app.UsageError: ``asked`` is no dot path.
    """
    if _names_dot_flag(xla_flags):
        return DotPath("user", xla_flags, xla_flags)
    name = asked or DEFAULT_DOT_PATH
    if name not in DOT_PATHS:
        raise app.UsageError(
            f"{DOT_PATH_ENV}={asked}: no such dot path; fix: one of {', '.join(DOT_PATHS)}"
        )
    added = DOT_PATHS[name]
    return DotPath(name, f"{xla_flags.strip()} {added}".strip() if added else xla_flags, xla_flags)


def use_dot_path() -> DotPath:
    """Sets ``XLA_FLAGS`` for this process's dot path (module docstring); before JAX
    compiles anything."""
    global _dot_path
    _dot_path = dot_path(os.environ.get("XLA_FLAGS", ""), os.environ.get(DOT_PATH_ENV, ""))
    # oneDNN's programs cannot be cached (DOT_PATHS): said once here, not at every compile.
    warnings.filterwarnings("ignore", "Error writing persistent compilation cache entry.*onednn")
    os.environ["XLA_FLAGS"] = _dot_path.xla_flags
    return _dot_path


def chosen_dot_path() -> DotPath | None:
    """The dot path ``start`` chose; None before."""
    return _dot_path


def cpu_devices() -> None:
    """One XLA CPU device per usable core, unless the environment says how many."""
    said = "xla_force_host_platform_device_count" in os.environ.get("XLA_FLAGS", "")
    if said or jax.config.jax_num_cpu_devices >= 0:  # $JAX_NUM_CPU_DEVICES sets the latter.
        return
    jax.config.update("jax_num_cpu_devices", usable_cores())


def usable_cores() -> int:
    """The cores this process may use: ``os.process_cpu_count`` (Python 3.13+), else the
    machine's (``os.cpu_count``); 1 when neither can tell."""
    return getattr(os, "process_cpu_count", os.cpu_count)() or 1


def join() -> None:
    """Joins the processes of a multi-process run (CPU collectives over gloo).

    Says after ``WAITING_NOTICE_S`` what it waits for, and gives up after
    ``--init_timeout`` seconds with one line (exit code 2). Every process then prints
    one line with its id and devices; processes other than 0 print nothing more
    (their stderr stays).
    """
    address = common.COORDINATOR_ADDRESS.value
    if address:
        _check_resolves(address)
    jax.config.update("jax_cpu_collectives_implementation", "gloo")
    timeout = common.INIT_TIMEOUT.value
    where = f"at {address}" if address else "at the coordinator the cluster names"
    count = common.NUM_PROCESSES.value
    others = f"{count - 1} of {count} processes" if count else "the other processes"
    notice = threading.Timer(WAITING_NOTICE_S, _say, (f"waiting for {others} {where} ...",))
    line = (
        f"error: the multi-process run did not start: waited {timeout} s for {others} "
        f"{where}; fix: start every process with the same --coordinator_address, "
        "--num_processes and its own --process_id (or raise --init_timeout)"
    )
    give_up = threading.Timer(timeout, _give_up, (line,))
    for timer in (notice, give_up):
        timer.daemon = True
        timer.start()
    try:
        jax.distributed.initialize(
            address,
            common.NUM_PROCESSES.value,
            common.PROCESS_ID.value,
            # JAX's own deadline comes later: ours says it in one line, JAX's aborts.
            initialization_timeout=timeout + 30,
            heartbeat_timeout_seconds=HEARTBEAT_TIMEOUT_S,
            shutdown_timeout_seconds=SHUTDOWN_TIMEOUT_S,
        )
    except ValueError as e:  # Nothing detected: "coordinator_address should be defined."
        raise app.UsageError(
            "--distributed found no cluster to join (SLURM, Open MPI, Kubernetes, Cloud TPU); "
            "fix: launch with srun or mpirun, or give --coordinator_address, --num_processes "
            "and --process_id"
        ) from e
    finally:
        notice.cancel()
        give_up.cancel()
    _joined()


def _joined() -> None:
    """The line each process prints once joined; silences the others' stdout."""
    index, count = jax.process_index(), jax.process_count()
    devices = ", ".join(map(str, jax.local_devices()))
    who = "this process" if index == 0 else "process 0"
    print(
        f"process {index}/{count}: devices {devices} of {jax.device_count()}; "
        f"{who} prints the progress and writes the results",
        flush=True,
    )
    if index:  # Silence the rest, C++ libraries' output to stdout included.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    # The first collective connects the processes (gloo): from here on, one that stops
    # is seen at once by the others.
    train.allgather(np.zeros(1, np.uint8))


def _check_resolves(address: str) -> None:
    """Refuses a coordinator whose host name does not resolve (JAX would wait it out)."""
    host = address.rpartition(":")[0].strip("[]")
    try:
        socket.getaddrinfo(host, None)
    except OSError as e:
        raise app.UsageError(
            f"--coordinator_address={address}: host {host!r} does not resolve ({e.strerror or e}); "
            "fix: give the coordinator's IP address or a name this machine resolves"
        ) from e


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _give_up(line: str) -> None:
    """Ends the process from the watchdog thread: the main one is blocked in JAX's join."""
    _say(line)
    sys.stdout.flush()
    os._exit(2)
