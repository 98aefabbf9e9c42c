"""Small helpers shared by the library and the experiments."""

from __future__ import annotations

import csv
import importlib
import io
import math
import os
import tempfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

WRITTEN: list[Path] = []
"""The files this process has written with ``atomic_write``, in order (what an
interrupted program says it left)."""


def atomic_write(path: str | os.PathLike[str], write: Callable[[IO[bytes]], object]) -> Path:
    """Writes a file so that readers see the old content or the whole new one.

    ``write`` fills a temporary file in the same folder, which is then renamed over
    ``path`` (``os.replace`` is atomic within a file system). A failure removes the
    temporary file (an ``OSError`` with an errno is re-raised naming ``path``, not the
    temporary file); a crash leaves at worst a stray hidden ``.NAME.*.tmp`` file, never a
    truncated ``path``. The path is added to ``written``.

    Returns:
      ``path`` as a ``Path``.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; give it open()'s mode.
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException as e:
        os.unlink(tmp)
        if isinstance(e, OSError) and e.errno and e.filename in (None, "", tmp):  # Name the file.
            raise OSError(e.errno, e.strerror or str(e), str(path)) from e
        raise
    WRITTEN.append(path)
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def check_writable(folder: str | os.PathLike[str]) -> Path:
    """Creates ``folder`` (and its parents) and writes and deletes a file in it.

    Raises:
      OSError: the folder cannot be created or written.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryFile(dir=folder):
        pass
    return folder


def atomic_write_text(path: str | os.PathLike[str], text: str) -> Path:
    """``atomic_write`` of UTF-8 text."""
    return atomic_write(path, lambda f: f.write(text.encode()))


def write_csv(
    path: str | os.PathLike[str], columns: Sequence[str], rows: Sequence[Mapping[str, Any]]
) -> Path:
    """Writes ``rows`` as CSV with a header of ``columns``, atomically.

    Floats get 6 significant digits; NaN is written as an empty field.
    """
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return atomic_write_text(path, buffer.getvalue())


def _cell(value: Any) -> Any:
    if isinstance(value, float):
        return "" if math.isnan(value) else f"{value:.6g}"
    return value


def lookup(registry: Mapping[str, Any], name: str, kind: str) -> Any:
    """``registry[name]``, or a ``ValueError`` naming ``kind`` and every valid name."""
    if name not in registry:
        raise ValueError(f"unknown {kind} {name!r}; valid: {', '.join(registry)}")
    return registry[name]


def duration(seconds: float) -> str:
    """``12.3 s``, ``4.5 min``, ``2.0 h`` or ``3.1 d``: a duration for progress lines."""
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if seconds >= 2 * size:
            return f"{seconds / size:.1f} {unit}"
    return f"{seconds:.1f} s"


def cache_dir() -> Path:
    """The folder for mlp_jax's caches (downloaded data, compiled programs); may not exist yet.

    ``$MLP_JAX_CACHE`` if set, else the user's cache folder: ``$XDG_CACHE_HOME/mlp_jax``
    or ``~/.cache/mlp_jax`` on Linux, ``~/Library/Caches/mlp_jax`` on macOS,
    ``%LOCALAPPDATA%\\mlp_jax`` on Windows.
    """
    if folder := os.environ.get("MLP_JAX_CACHE"):
        return Path(folder).expanduser()
    home = Path.home()
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local"
    elif os.uname().sysname == "Darwin":
        base = home / "Library" / "Caches"
    else:
        base = os.environ.get("XDG_CACHE_HOME") or home / ".cache"
    return Path(base) / "mlp_jax"


def lazy_exports(package: str, where: Mapping[str, str]) -> Callable[[str], Any]:
    """A package's module ``__getattr__`` (PEP 562) that imports its API on first use.

    ``where`` maps each exported name to the submodule that defines it (a submodule
    maps to itself). ``import mlp_jax.records`` thus loads no JAX, and ``import
    mlp_jax.report.text`` no matplotlib, while ``mlp_jax.adam`` still works.
    """

    def __getattr__(name: str) -> Any:
        if name not in where:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module = importlib.import_module(f"{package}.{where[name]}")
        return module if name == where[name] else getattr(module, name)

    return __getattr__
