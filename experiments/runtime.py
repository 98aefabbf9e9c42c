"""Starts JAX as the flags say, before anything touches a backend.

``start()`` gives the CPU one XLA device per core, turns on the persistent compilation
cache and, with ``--distributed`` or ``--coordinator_address``, joins the processes of
a multi-process run (docs/devices.md, "Running on a cluster").

On a CPU, XLA runs one program on all cores, and the small matrices of a 784-128-10
MLP use them poorly. The CLIs therefore expose one XLA host device per core (unless
``XLA_FLAGS`` or ``JAX_NUM_CPU_DEVICES`` already says how many), and
``mlp_jax.train`` splits the seeds across them: 1.3x faster on 2 cores
(BUILD_NOTES.md). On a GPU or TPU host this only adds CPU devices that nothing uses.
The core count is the one this process may use (``os.process_cpu_count``, Python
3.13+), else the machine's: the same on macOS, Windows and Linux.
"""

from __future__ import annotations

import os
import socket
import sys
import threading

import jax
import numpy as np
from absl import app

from experiments import flags as common
from mlp_jax import train, util

HEARTBEAT_TIMEOUT_S = 60
"""A process silent this long counts as dead, and JAX stops the others."""
SHUTDOWN_TIMEOUT_S = 300
"""How long a finished process waits at exit for the others (process 0 writes last)."""
WAITING_NOTICE_S = 5.0
"""After this long without all processes, a multi-process run says what it waits for."""


def start() -> None:
    """Starts JAX: CPU devices, compilation cache, multi-process join (module docstring).

    Raises:
      app.UsageError: ``--distributed`` found no cluster to join, or the coordinator's
        host does not resolve.
      train.DistributedError: a process stopped while joining.
    """
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
