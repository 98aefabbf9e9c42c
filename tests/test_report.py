"""The lab's numbers (``summary``) and words (``report``): target, speed-up, ranking, tables."""

import math
import warnings
from pathlib import Path

import numpy as np
import pytest
import scipy.stats

from mlp_jax import configs, document, records, report, stats, summary, text

S, E = 6, 5


def record(
    losses, *, name="c", optimizer="sgd", rate=0.1, diverged=(), acc=0.8, grid=None, val=None
):
    """A record whose seeds' training losses are ``losses`` ``[S, E]`` (or [G, S, E])."""
    losses = np.asarray(losses, float)
    lead = losses.shape[:-1]
    steps = np.repeat(losses, 2, axis=-1)
    test_acc = np.full(lead + (E + 1,), acc) + np.linspace(-0.01, 0.01, lead[-1])[:, None]
    diverged_step = np.full(lead, -1)
    for index in diverged:
        diverged_step[index] = 3
    return records.History(
        step_loss=steps,
        train_loss=losses,
        train_acc=1 - losses / 10,
        test_loss=np.concatenate([np.full(lead + (1,), 2.3), losses], axis=-1),
        test_acc=test_acc,
        val_loss=val,
        val_acc=val,
        diverged_step=diverged_step,
        epoch_s=np.ones(E),
        compile_s=0.0,
        steps_per_epoch=2,
        log_every=1,
        seeds=tuple(range(lead[-1])),
        grid=grid or {},
        provenance=records.Provenance(
            shared=SHARED,
            baseline="sgd",
            config=configs.Config(name, optimizer, rate).spec(),
            data_source="synthetic: test data",
            wall_s=1.5,
        ),
    )


SHARED = records.SharedSettings(
    experiment="lab6",
    data="digest",
    validation=0,
    layer_sizes=(784, 8, 10),
    batch_size=32,
    epochs=E,
    seeds=S,
    seed=0,
    lr_grid=1,
    divergence_factor=1e3,
    act="relu",
)


def ranking(blocks):
    """The ranking's lines of a ``report.section`` (the list after its heading)."""
    at = next(i for i, b in enumerate(blocks) if getattr(b, "text", None) == "Ranking")
    return blocks[at + 1].items


def decay(speed, noise=0.01, seed=0):
    """Per-seed curves 2·exp(−speed·e), e = 1..E, with a little noise."""
    rng = np.random.default_rng(seed)
    return 2 * np.exp(-speed * np.arange(1, E + 1)) * (1 + noise * rng.standard_normal((S, E)))


RESULTS = {
    "sgd": record(decay(0.2), name="sgd"),
    "adam": record(decay(0.6, seed=1), name="adam", optimizer="adam", rate=0.01, acc=0.9),
    "slow": record(decay(0.1, seed=2), name="slow", acc=0.7),
    "broken": record(decay(0.6, seed=3), name="broken", diverged=range(S)),
}


def test_target_epochs_and_speedup_are_the_lab_question():
    rows = {r.config: r for r in summary.summarize("relu", RESULTS, "sgd")}
    base_mean = RESULTS["sgd"].train_loss.mean(0)
    target = base_mean[-1]
    adam_mean = RESULTS["adam"].train_loss.mean(0)
    assert rows["sgd"].epochs_to_target == pytest.approx(
        stats.epochs_to_target(base_mean, target, interpolate=True)
    )
    expected = stats.epochs_to_target(adam_mean, target, interpolate=True)
    assert rows["adam"].epochs_to_target == pytest.approx(expected)
    # The curves fall as exp(−k e): adam crosses the target about 3× sooner.
    assert rows["adam"].speedup_vs_baseline == pytest.approx(
        rows["sgd"].epochs_to_target / expected
    )
    assert 2.5 < rows["adam"].speedup_vs_baseline < 3.5
    assert rows["adam"].speedup_ci_lo <= rows["adam"].speedup_vs_baseline
    assert rows["adam"].speedup_vs_baseline <= rows["adam"].speedup_ci_hi
    assert rows["sgd"].speedup_vs_baseline == 1 and math.isnan(rows["sgd"].speedup_ci_lo)
    assert math.isnan(rows["slow"].epochs_to_target)
    assert math.isnan(rows["slow"].speedup_vs_baseline) and math.isnan(rows["slow"].speedup_ci_hi)
    assert rows["broken"].diverged == S and math.isnan(rows["broken"].final_train_loss_mean)


def test_accuracy_gets_a_t_interval_and_a_paired_test():
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # No scipy precision-loss warning.
        rows = {r.config: r for r in summary.summarize("relu", RESULTS, "sgd")}
    acc = RESULTS["adam"].test_acc[:, -1]
    half = 2.570582 * acc.std(ddof=1) / math.sqrt(S)  # t(0.975, 5)
    assert rows["adam"].test_acc_ci_lo == pytest.approx(acc.mean() - half)
    assert rows["adam"].test_acc_ci_hi == pytest.approx(acc.mean() + half)
    # Every seed's accuracy is the baseline's + 0.1 (to rounding): no spread, no test.
    assert math.isnan(rows["adam"].test_acc_p_vs_baseline)
    assert rows["adam"].pairing == "paired"
    noisy = dict(RESULTS)
    noisy["adam"] = RESULTS["adam"]._replace(
        test_acc=RESULTS["adam"].test_acc + np.linspace(0, 0.02, S)[::-1, None] ** 2
    )
    row = summary.summarize("relu", noisy, "sgd")[1]
    acc, base = noisy["adam"].test_acc[:, -1], RESULTS["sgd"].test_acc[:, -1]
    assert row.test_acc_p_vs_baseline == pytest.approx(scipy.stats.ttest_rel(acc, base).pvalue)


def test_ranking_puts_the_fastest_first_and_the_words_match_the_table():
    rows = summary.summarize("relu", RESULTS, "sgd")
    assert [r.config for r in summary.ranked(rows)] == ["adam", "sgd", "slow", "broken"]
    lines = ranking(report.section("relu", RESULTS, rows, Path("x")))
    by = {r.config: r for r in rows}
    speed = text.num(by["adam"].speedup_vs_baseline, ".2f", "en")
    assert lines[0].startswith("**adam** reaches the final loss of exercise 2's plain SGD")
    assert f"{speed}× sooner" in lines[0]
    assert f"after {by['adam'].epochs_to_target:.2f} epochs" in lines[0]
    assert lines[1].startswith("**sgd** (exercise 2's plain SGD) sets the target")
    assert lines[2].startswith("**slow** does not reach") and f"within {E} epochs" in lines[2]
    assert lines[3] == "**broken**: every seed diverged."


def test_a_slower_configuration_is_said_to_be_slower():
    """A baseline that dips below its final loss early sets a target others reach later."""
    noise = 1 + 0.001 * np.random.default_rng(4).standard_normal((S, E))
    base = record(np.array([2.0, 1.0, 0.5, 0.6, 0.6]) * noise, name="sgd")
    lazy = record(np.array([2.0, 1.5, 1.0, 0.7, 0.55]) * noise, name="lazy")
    rows = summary.summarize("relu", {"sgd": base, "lazy": lazy}, "sgd")
    assert rows[0].epochs_to_target == pytest.approx(2.8, abs=0.01)
    assert rows[1].epochs_to_target == pytest.approx(4 + 0.1 / 0.15, abs=0.01)
    assert rows[1].speedup_vs_baseline < 1
    line = ranking(report.section("relu", {"sgd": base, "lazy": lazy}, rows, Path("x")))[1]
    later = text.num(1 / rows[1].speedup_vs_baseline, ".2f", "en")
    assert f"reaches the final loss of exercise 2's plain SGD {later}× later (95% CI" in line


def test_chosen_rate_has_the_lowest_validation_loss_and_skips_diverged_rates():
    losses = np.stack([decay(0.2), decay(0.4), decay(0.6)])
    val = np.zeros((3, S, E + 1))
    val[..., -1] = [[0.5], [0.3], [0.1]]
    grid = {"learning_rate": (0.01, 0.03, 0.09)}
    r = record(losses, grid=grid, val=val)
    assert summary.chosen(r) == 2
    r = record(losses, grid=grid, val=val, diverged=[(2, 0)])
    assert summary.chosen(r) == 1  # A seed diverged at 0.09: passed over.
    picked = summary.selected(r)
    assert picked.provenance.learning_rate == 0.03
    np.testing.assert_array_equal(picked.train_loss, losses[1])
    assert summary.chosen(RESULTS["sgd"]) is None


def test_section_renders_markdown_and_polish(tmp_path):
    rows = summary.summarize("relu", RESULTS, "sgd")
    md = document.markdown(report.section("relu", RESULTS, rows, tmp_path))
    assert md.startswith("# Lab 6: learning-rate optimizers — relu")
    assert "| adam | 0.01 | 0/6 |" in md
    assert "![Training loss per epoch](loss_epoch.png)" in md
    pl = document.markdown(report.section("relu", RESULTS, rows, tmp_path, lang="pl", level=2))
    assert pl.startswith("## Laboratorium 6: optymalizacja współczynnika uczenia — relu")
    assert "współczynnik uczenia" in pl and "szybciej" in pl
    loss = rows[1].final_train_loss_mean
    assert f"{loss:.4f}".replace(".", ",") in pl  # Decimal comma.


def test_a_target_reached_within_the_first_epoch_is_a_bound():
    base = record(decay(0.2), name="sgd")
    quick = record(decay(0.2, seed=7) / 100, name="quick")
    rows = summary.summarize("relu", {"sgd": base, "quick": quick}, "sgd")
    row = rows[1]
    assert row.epochs_to_target == 1.0
    assert report.speedup_cell(row, "en") == f"≥ {row.speedup_vs_baseline:.2f}×"
    assert report.speedup_words(row, "sgd", "en").startswith(
        f"at least {row.speedup_vs_baseline:.2f}× sooner"
    )
    assert report.speedup_words(row, "sgd", "pl").startswith("co najmniej")
    assert row.speedup_is_bound
    assert math.isnan(row.speedup_ci_lo) and math.isnan(row.speedup_ci_hi)
