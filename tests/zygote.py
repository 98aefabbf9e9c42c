"""Runs ``python -m experiments.MODULE ARGS`` many times from one interpreter that has
imported our library and its dependencies once (``run_cli`` in ``conftest.py``).

A CLI spends about 2 s of CPU importing JAX, optax, scipy and matplotlib before it
parses a flag; the suite runs about a hundred of them. Here each request forks a child
of an interpreter that imported them already, and the child becomes the CLI process: its
own environment, folder, arguments, stdin from /dev/null, stdout and stderr into the
files named, and ``experiments.MODULE`` run as ``__main__`` at top level, as ``-m`` runs
it: Python's own exit path (exceptions, ``SystemExit``, threads, ``atexit``) gives its
exit status. JAX is imported, never started: its backend, threads and XLA flags belong
to the child.

Linux only (``os.pidfd_open``); elsewhere ``run_cli`` starts every CLI afresh.

Protocol: one JSON request per line on stdin (``module``, ``args``, ``env``, ``cwd``,
``stdout``, ``stderr``, ``timeout`` in s); one line back on stdout, the child's exit
status as ``subprocess`` reports it (``-N`` for signal N), or ``timeout`` for a child
killed after ``timeout`` s. The server ends when stdin closes.
"""

import gc
import importlib
import json
import os
import pkgutil
import runpy
import select
import signal
import sys

for name in ("absl.app", "absl.flags", "scipy.stats"):
    importlib.import_module(name)
for module in pkgutil.iter_modules(importlib.import_module("mlp_jax").__path__):
    importlib.import_module(f"mlp_jax.{module.name}")
gc.freeze()  # The children's garbage collections leave these objects (and pages) shared.


def serve() -> dict:
    """Answers requests until stdin closes; in each forked child, returns its request."""
    for line in sys.stdin:
        request = json.loads(line)
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            return request
        with os.fdopen(os.pidfd_open(pid)) as exited:
            late = not select.select([exited], [], [], request["timeout"])[0]
        if late:
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        print("timeout" if late else os.waitstatus_to_exitcode(status), flush=True)
    sys.exit(0)


def become(request: dict) -> None:
    """Turns this child into the CLI process that ``request`` describes."""
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    streams = [(os.devnull, os.O_RDONLY)]
    streams += [
        (request[name], os.O_WRONLY | os.O_CREAT | os.O_TRUNC) for name in ("stdout", "stderr")
    ]
    for fd, (path, mode) in enumerate(streams):
        opened = os.open(path, mode, 0o600)
        os.dup2(opened, fd)
        os.close(opened)
    # "-m" as under ``python -m`` while the module is found (``experiments/__init__.py``
    # reads it); ``runpy`` then puts the module's file there. ``sys.stdin`` stays: it reads
    # fd 0, now /dev/null, and held nothing of the pipe beyond the request.
    sys.argv = ["-m", *request["args"]]
    sys.path[0] = request["cwd"]


if __name__ == "__main__":
    cli = serve()
    become(cli)
    runpy.run_module(cli["module"], run_name="__main__", alter_sys=True)
