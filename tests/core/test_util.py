import pytest

from mlp_jax import util


def test_atomic_write_replaces_whole_file(tmp_path):
    path = tmp_path / "sub" / "a.txt"
    util.atomic_write_text(path, "first")
    util.atomic_write_text(path, "second")
    assert path.read_text() == "second"
    plain = tmp_path / "plain.txt"
    plain.write_text("x")
    assert path.stat().st_mode == plain.stat().st_mode  # Not mkstemp's private 0600.
    assert [p.name for p in path.parent.iterdir()] == ["a.txt"]


def test_failed_write_keeps_old_content_and_no_temp_file(tmp_path):
    path = tmp_path / "a.txt"
    util.atomic_write_text(path, "old")

    def crash(f):
        f.write(b"partial")
        raise RuntimeError("killed")

    with pytest.raises(RuntimeError):
        util.atomic_write(path, crash)
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_write_csv(tmp_path):
    path = util.write_csv(
        tmp_path / "t.csv", ["a", "b"], [{"a": "x", "b": 1 / 3}, {"a": "y", "b": 2}]
    )
    assert path.read_text() == "a,b\nx,0.333333\ny,2\n"


def test_a_folder_in_the_way_is_named_not_the_temporary_file(tmp_path):
    """Issue 29, case 17: the error named the temporary file the write was renaming."""
    path = tmp_path / "summary.csv"
    path.mkdir()
    with pytest.raises(IsADirectoryError) as error:
        util.atomic_write_text(path, "config\n")
    assert error.value.filename == str(path)
    assert [p.name for p in tmp_path.iterdir()] == ["summary.csv"]  # No temporary file left.
