"""How every experiment CLI runs: ``--help``, one-line errors, exit codes.

Each CLI calls ``run(main)``. A bad flag value, a flag given twice or a stray argument
ends with one line, exit code 1; a problem found later (data, files, memory) with one
``error:`` line, exit code 2; Ctrl-C and SIGTERM with one ``interrupted`` line, exit
code 130 or 143 (``experiments.signals``). ``--verbosity`` shows a traceback instead.
"""

from __future__ import annotations

import codecs
import errno
import io
import logging as std_logging
import os
import sys
import threading
import traceback
import unicodedata
import warnings
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

import jax
from absl import app, flags, logging

from experiments import flags as common
from experiments import runtime, signals
from mlp_jax import data, train, util
from mlp_jax.report import text

_HELP_ARGS = ("-h", "-?", "--help", "--helpshort")

_ASCII = {
    "σ": "sigma",
    "η": "eta",
    "×": "x",
    "–": "-",
    "—": "-",
    "…": "...",
    "²": "^2",
    "√": "sqrt",
}
"""ASCII for the characters the progress lines use, where the output cannot show them."""


def _in_ascii(error: UnicodeError) -> tuple[str, int]:
    """A codec error handler: ``_ASCII``'s spelling, else the character decomposed
    (``ó`` → ``o``), else ``?``."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    bad = error.object[error.start : error.end]
    plain = "".join(
        _ASCII.get(c) or unicodedata.normalize("NFKD", c).encode("ascii", "ignore").decode() or "?"
        for c in bad
    )
    return plain, error.end


def _plain_output() -> None:
    """Lines the terminal's encoding cannot show (``LC_ALL=C``, ``PYTHONIOENCODING=ascii``)
    degrade to ASCII (``σ`` → ``sigma``) instead of ending the run."""
    codecs.register_error("mlp_jax_ascii", _in_ascii)
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="mlp_jax_ascii")


def _help() -> str:
    """``--help``: the CLI's docstring, its own flags, then the shared ones."""

    def flags_of(module: str) -> str:  # absl's help of one module, without its name line
        lines = flags.FLAGS.module_help(module).strip("\n").splitlines()
        return "\n".join(lines[1:])

    own, shared = flags_of(sys.argv[0]), flags_of(common.__name__)
    doc = (sys.modules["__main__"].__doc__ or "").strip()
    parts = [doc, "", "Flags of this command:", own] if own else [doc]
    return "\n".join(
        [
            *parts,
            "",
            "Flags every experiment shares:",
            shared,
            "",
            "Try --helpfull to see every flag, JAX's and absl's included.",
        ]
    )


def _parse(argv: list[str]) -> list[str]:
    if any(arg in _HELP_ARGS for arg in argv[1:]):
        print(_help())
        sys.exit(0)
    _check_repeats(argv)
    try:
        rest = flags.FLAGS(argv)
    except flags.Error as e:
        leave(1, f"error: {e}; fix: see --help")
    if len(rest) > 1:
        leave(
            1,
            f"error: unexpected argument {rest[1]!r} (flags start with --); "
            f"fix: drop it, or write --{rest[1].lstrip('-')}",
        )
    return rest


def _check_repeats(argv: Sequence[str]) -> None:
    """Refuses a flag given twice (absl would silently keep the last value)."""
    seen: dict[str, str] = {}
    for arg in argv[1:]:
        if arg == "--":
            break
        if not arg.startswith("-"):
            continue
        name = arg.lstrip("-").partition("=")[0]
        if name not in flags.FLAGS and name.startswith("no") and name[2:] in flags.FLAGS:
            name = name[2:]
        if name in seen:
            leave(1, f"error: --{name} given twice ({seen[name]} and {arg}); fix: give it once")
        seen[name] = arg


def _warning_line(message: Warning | str, category: type, *args: Any, **kwargs: Any) -> str:
    """Python warnings on one line, like the log's."""
    del args, kwargs
    return f"WARNING: {category.__name__}: {' '.join(str(message).split())}\n"


def _fix(error: OSError) -> str:
    if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return "free some disk space (or choose another --out_dir) and rerun"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "choose a folder you can write to (--out_dir) and rerun"
    return "check the path and rerun"


MEMORY_FIX = "fewer --seeds or grid points"
"""The fix an out-of-memory line says, for the CLIs that train (``run``'s default)."""


def one_line(error: BaseException, memory_fix: str = MEMORY_FIX) -> tuple[int, str] | None:
    """The exit code and the one line an expected failure ends with; None for a bug."""
    if isinstance(error, KeyboardInterrupt):
        return signals.exit_code(), f"interrupted: {error}" if str(error) else _written_line()
    if isinstance(error, app.UsageError):
        return 1, f"error: {error}"
    if isinstance(
        error, (data.DataError, train.RecordError, train.OutOfMemory, train.DistributedError)
    ):
        return 2, f"error: {error}"
    if isinstance(error, OSError):
        where = f"{error.filename}: " if error.filename else ""
        return 2, f"error: {where}{error.strerror or error}; fix: {_fix(error)}"
    if "RESOURCE_EXHAUSTED" in str(error):
        first = str(error).strip().splitlines()[0]
        return 2, f"error: out of memory ({first}); fix: {memory_fix}"
    return None


def _written_line() -> str:
    """The line of an interrupt that says nothing itself: the files written so far
    (``util.WRITTEN``), or that nothing was."""
    paths = list(dict.fromkeys(util.WRITTEN))
    if not paths:
        return signals.NOTHING_KEPT
    folders = ", ".join(dict.fromkeys(str(p.parent) for p in paths))
    files = f"{len(paths)} file{'s' if len(paths) != 1 else ''}"
    return f"interrupted: wrote {files} in {folders}; rerun the same command to finish"


def _quiet(verbose: bool) -> None:
    """One-line logs and warnings, unless ``--verbosity`` was given."""
    if not verbose:
        logging.set_verbosity(logging.WARNING)  # JAX logs its platform probing at INFO.
        logging.get_absl_handler().setFormatter(std_logging.Formatter("%(levelname)s: %(message)s"))
        warnings.formatwarning = _warning_line


def run(main: Callable[[Sequence[str]], None], memory_fix: str = MEMORY_FIX) -> None:
    """``absl.app.run`` with ``--help`` listing own then shared flags, and one-line errors.

    An expected failure (bad flag, data, result file, disk, memory, Ctrl-C or SIGTERM)
    ends with one line naming the problem and the fix and a non-zero exit code (130
    after Ctrl-C, 143 after SIGTERM); ``--verbosity`` shows the traceback instead. Once
    ``main`` returns, the program leaves at once (``os._exit``), a signal until then
    ending it with ``signals.FINISHED``. ``memory_fix``: the fix said when the device runs
    out of memory, naming the CLI's own flags.
    """

    def guarded(argv: Sequence[str]) -> None:
        verbose = flags.FLAGS["verbosity"].present
        _quiet(verbose)
        try:
            signals.catch()
            runtime.start(leave)
            main(argv)
            signals.finished(leave)  # Done: a signal from now on ends it with its line.
            runtime.stop()
        except (Exception, KeyboardInterrupt) as e:
            signals.ignore()  # Leaving, whatever the outcome: no resent interrupt now.
            outcome = (
                None
                if verbose and not isinstance(e, KeyboardInterrupt)
                else one_line(e, memory_fix)
            )
            if outcome is None and jax.distributed.is_initialized():
                traceback.print_exc()  # A bug: its traceback, and leave without the others.
                outcome = (1, "error: this process failed (traceback above)")
            if outcome is None:
                raise
            leave(*outcome)
        sys.stdout.flush()
        sys.stderr.flush()
        signals.exit_done(leave)  # The handler of ``signals.finished`` runs until here.

    signals.early()  # Until ``guarded`` runs (already so under ``python -m``).
    _plain_output()
    app.run(guarded, flags_parser=_parse)


_LEAVING = threading.Lock()
"""Held by the thread that ends the program (``leave``)."""


def leave(code: int, line: str) -> NoReturn:
    """Ends the program with ``line`` on stderr and exit code ``code``.

    Leaves at once (``os._exit``), once the output is flushed: JAX's exit handler
    would wait for the other processes of a multi-process run (which this one tells
    first: ``runtime.leaving``), and an interpreter exit while XLA compiles on another
    thread can crash. Called from several threads (a multi-process run's watcher,
    ``runtime.start``), the first one leaves and the others wait for the end: one line.
    """
    if threading.current_thread() is threading.main_thread():
        signals.ignore()  # Before the lock: a handler calling ``leave`` again would wait on it.
    _LEAVING.acquire()
    line = text.one_line(line)  # Even with a flag's value in it.
    signals.say(line)
    runtime.leaving(line)
    os._exit(code)
