"""The benchmark's dot-path comparison: its figures from runs, recomputed by hand."""

import pytest
from absl import app

from experiments import benchmark, runtime


def run(path, epoch_s, train_loss=(0.5, 0.25), test_acc=(0.75, 0.5), matmul=100.0):
    return benchmark.PathRun(
        path=path,
        xla_flags=runtime.DOT_PATHS[path],
        epoch_s=tuple(epoch_s),
        matmul_gflops=matmul,
        train_loss=tuple(train_loss),
        test_loss=(0.4, 0.2),
        test_acc=tuple(test_acc),
    )


RUNS = {
    "xla": [run("xla", [2.2, 2.0]), run("xla", [2.5, 2.4]), run("xla", [3.0, 4.0])],
    "onednn": [
        run("onednn", [1.5, 1.8], train_loss=(0.5, 0.2505), test_acc=(0.75, 0.5001), matmul=90),
        run("onednn", [3.6, 4.0], train_loss=(0.5, 0.2505), test_acc=(0.75, 0.5001), matmul=95),
        run("onednn", [2.7, 2.8], train_loss=(0.5, 0.25), test_acc=(0.75, 0.5001), matmul=80),
    ],
}


def test_path_figures_compare_each_round_with_the_first_paths():
    figures = benchmark.path_figures(RUNS, flops=40e9, torch_s=9.0)
    xla, onednn = figures["xla"], figures["onednn"]
    assert xla.best_s == 2.0 and xla.round_s == (2.0, 3.0)
    assert xla.ratio == (1.0, 1.0, 1.0) and xla.differences == (0.0, 0.0, 0.0)
    assert xla.repeatable and xla.fraction == pytest.approx(40 / 2.0 / 100)
    assert xla.over_torch == pytest.approx(9.0 / 2.0)
    # Rounds' fastest: 1.5, 3.6, 2.7 against 2.0, 2.4, 3.0.
    assert onednn.best_s == 1.5 and onednn.round_s == (1.5, 3.6)
    assert onednn.ratio == pytest.approx((0.9, 0.75, 1.5))
    assert onednn.matmul_gflops == 95 and onednn.fraction == pytest.approx(40 / 1.5 / 95)
    assert onednn.over_torch == pytest.approx(9.0 / 1.5)
    assert not onednn.repeatable  # Its third round's training loss differs from its first's.
    assert onednn.differences == pytest.approx((0.0005 / 0.25, 0.0, 0.0001))


def test_without_pytorch_the_table_says_not_available():
    figures = benchmark.path_figures(RUNS, flops=40e9, torch_s=None)
    assert figures["xla"].over_torch is None
    assert " n/a " in benchmark.path_table(figures).splitlines()[1]


def test_path_table_says_identical_or_the_largest_differences():
    table = benchmark.path_table(benchmark.path_figures(RUNS, flops=40e9, torch_s=9.0))
    header, xla, onednn = table.splitlines()
    assert header.split()[:2] == ["dot", "path"] and "time / xla" in header
    assert xla.split()[0] == "xla" and xla.endswith("yes  identical")
    assert onednn.split()[:2] == ["onednn", "1.500"] and " no " in onednn and " 6.00 " in onednn
    assert "loss 2.0e-03" in onednn and "accuracy 1.0e-04" in onednn


@pytest.mark.parametrize(
    ("given", "expected"),
    [([], []), (["all"], ["xla", "onednn"]), (["onednn", "xla", "onednn"], ["onednn", "xla"])],
)
def test_dot_paths_spell_out_all_and_keep_the_order_given(given, expected):
    assert benchmark.dot_path_names(given, runtime.dot_path("", "")) == expected


def test_dot_paths_are_refused_where_xla_flags_choose_the_library():
    user = runtime.dot_path("--xla_cpu_use_onednn=true", "")
    assert benchmark.dot_path_names([], user) == []
    with pytest.raises(
        app.UsageError, match="choose the dot library; fix: leave xla_cpu_use_onednn"
    ):
        benchmark.dot_path_names(["all"], user)


def test_epoch_flops_count_six_per_parameter_and_example():
    params = 784 * 128 + 128 + 128 * 10 + 10
    assert benchmark.epoch_flops(59_904, 10) == 6 * params * 59_904 * 10
