"""Ctrl-C (SIGINT) and SIGTERM: one ``interrupted`` line and exit code 130 or 143, always.

Whenever they come:

- during the imports and the parsing of the flags nothing runs yet: ``leave_at_once``
  (installed by ``experiments/__init__.py`` as the first code of a CLI) prints the
  line and leaves;
- from ``catch()`` on (``experiments.cli.run``, before any work), the handler raises
  ``KeyboardInterrupt``, so that the experiment keeps what finished and says so. Such
  an exception can be dropped on its way: Python ignores one raised in a
  garbage-collector callback (JAX registers one, ``_xla_gc_callback``) or a finalizer,
  printing "Exception ignored in ..." and going on (that is how an early signal used to
  be lost, exit code 0), and a bare ``except:`` in library code swallows it silently
  (JAX has several, in code that runs while it traces and compiles). So a thread the
  handler starts sends the interrupt again every ``RESEND_S`` until the program leaves
  (``ignore``, then ``os._exit``), and a dropped one is not printed (``_unraisable``).
  A resent one that finds the first still on its way up (in an ``except`` or
  ``finally``) raises nothing, so the first one's message (what was kept) arrives;
- once the work is done (``finished``, after the last line), a signal ends the program
  at once with ``FINISHED``: until then it leaves by ``os._exit`` (``experiments.cli``),
  never by Python's own exit, whose last steps would ignore a signal (exit code 0);
- the process leaves with ``os._exit`` (``experiments.cli``): an ordinary interpreter
  exit while XLA compiles on another thread can crash (segmentation fault).

This module imports nothing heavy: it runs before JAX is imported.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from typing import Any, NoReturn

EXIT_CODE = {signal.SIGINT: 130, signal.SIGTERM: 143}
"""Exit code after each signal (128 + its number, as a shell reports it)."""

NOTHING_KEPT = "interrupted: nothing finished yet, nothing kept"
"""The line of a signal that comes before any work finished."""

FINISHED = "interrupted: after the work had finished; everything is kept"
"""The line of a signal that comes once the work is done (``finished``)."""

RESEND_S = 0.5
"""How often an interrupt is sent again until the program leaves (module docstring)."""

_received: list[int] = []
_resending = threading.Event()  # Set once the thread of ``_resend`` runs.


def leave_at_once(signum: int, frame: Any) -> None:
    """Before the work starts: one line, and leave (nothing to keep yet).

    The line goes straight to the file descriptor: the signal may have come while the
    program was writing to ``sys.stderr``, which a handler must not reenter.
    """
    del frame
    say(NOTHING_KEPT)
    os._exit(EXIT_CODE[signum])


def say(line: str) -> None:
    """Flushes the output, then writes ``line`` to stderr, straight to its file descriptor:
    safe in a signal handler, which may have come while the program was writing to
    ``sys.stdout`` or ``sys.stderr`` (a handler must not reenter them)."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(RuntimeError, OSError, ValueError):  # Reentered, or closed.
            stream.flush()
    encoding = getattr(sys.stderr, "encoding", None) or "utf-8"
    errors = getattr(sys.stderr, "errors", None) or "strict"  # ``cli``'s ASCII, if set.
    os.write(sys.stderr.fileno(), f"{line}\n".encode(encoding, errors))


def early() -> None:
    """Until ``catch()``, a signal ends the program at once (``leave_at_once``)."""
    for signum in EXIT_CODE:
        signal.signal(signum, leave_at_once)


def catch() -> None:
    """From here on, SIGINT and SIGTERM raise ``KeyboardInterrupt`` (module docstring)."""
    for signum in EXIT_CODE:
        signal.signal(signum, _interrupt)
    sys.unraisablehook = _unraisable


def finished(leave: Callable[[int, str], object]) -> None:
    """Once the work is done: a signal ends the program at once, with ``FINISHED`` and its
    exit code, by ``leave(code, line)`` (``experiments.cli.leave``)."""

    def leave_finished(signum: int, frame: Any) -> None:
        del frame
        leave(EXIT_CODE[signum], FINISHED)

    for signum in EXIT_CODE:
        signal.signal(signum, leave_finished)


def exit_done(leave: Callable[[int, str], object]) -> NoReturn:
    """Leaves with exit code 0 once the work is done, or by ``leave`` with ``FINISHED``
    when a signal came: SIGINT and SIGTERM are blocked first (where the platform can), so
    one that arrives after Python's last check for signals is still seen (pending) rather
    than lost in the exit."""
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_BLOCK, set(EXIT_CODE))
        if pending := sorted(signal.sigpending() & set(EXIT_CODE)):
            leave(EXIT_CODE[pending[0]], FINISHED)
    os._exit(0)


def ignore() -> None:
    """While the program leaves: a second signal changes nothing."""
    for signum in EXIT_CODE:
        signal.signal(signum, signal.SIG_IGN)


def received() -> int:
    """The last signal received (Ctrl-C's, SIGINT, when none was)."""
    return _received[-1] if _received else signal.SIGINT


def exit_code() -> int:
    """The exit code of the last signal received (Ctrl-C's, when none was)."""
    return EXIT_CODE[received()]


def _interrupt(signum: int, frame: Any) -> None:
    del frame
    _received.append(signum)
    if not _resending.is_set():
        _resending.set()
        threading.Thread(target=_resend, name="resend-interrupt", daemon=True).start()
    if isinstance(sys.exception(), KeyboardInterrupt):
        return  # One is on its way up (an ``except`` or ``finally`` runs): let it arrive.
    raise KeyboardInterrupt


def _resend() -> None:
    """Sends the last interrupt again every ``RESEND_S``, in case it was dropped, until
    the program leaves: from ``ignore`` on, the signals change nothing."""
    while True:
        time.sleep(RESEND_S)
        os.kill(os.getpid(), _received[-1])


def _unraisable(info: Any) -> None:
    """An interrupt Python dropped (raised in a callback) is not printed: ``_resend``
    sends it again. Anything else is printed as Python would."""
    if not (isinstance(info.exc_value, KeyboardInterrupt) and _received):
        sys.__unraisablehook__(info)
