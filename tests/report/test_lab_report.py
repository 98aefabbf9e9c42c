"""The lab's numbers (``summary``) and words (``report``): target, speed-up, ranking, tables."""

import dataclasses
import math
import warnings
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
import scipy.stats

from mlp_jax import records
from mlp_jax.labs import configs, pace, summary
from mlp_jax.report import document, lab_report, text

S, E = 6, 5
NBSP = "\u00a0"


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
    """The ranking's lines of a ``lab_report.section`` (the list after its heading)."""
    at = next(i for i, b in enumerate(blocks) if getattr(b, "text", None) == "Ranking")
    return blocks[at + 1].items


def decay(speed, noise=0.01, seed=0, n=S):
    """``n`` seeds' curves 2·exp(−speed·e), e = 1..E, with a little noise."""
    rng = np.random.default_rng(seed)
    return 2 * np.exp(-speed * np.arange(1, E + 1)) * (1 + noise * rng.standard_normal((n, E)))


RESULTS = {
    "sgd": record(decay(0.2), name="sgd"),
    "adam": record(decay(0.6, seed=1), name="adam", optimizer="adam", rate=0.01, acc=0.9),
    "slow": record(decay(0.1, seed=2), name="slow", acc=0.7),
    "broken": record(decay(0.6, seed=3), name="broken", diverged=range(S)),
}


def _first_crossing(curve, target, times):
    """The first time a curve is at or below ``target``, linear between time points."""
    for i, value in enumerate(curve):
        if value <= target:
            if i == 0:
                return times[0]
            return np.interp(target, [value, curve[i - 1]], [times[i], times[i - 1]])
    return math.nan


def test_target_epochs_and_speedup_are_the_lab_question():
    """Times on the recorded windows' means averaged over one epoch, centred (the
    fixture's 2 one-step windows per epoch at e - 0.75 and e - 0.25: the averages of
    neighbours, at e - 0.5 and e), the target the baseline's mean over its last epoch."""
    rows = {r.config: r for r in summary.summarize("relu", RESULTS, "sgd")}
    centres = (np.arange(2 * E) + 0.5) / 2
    times = (centres[1:] + centres[:-1]) / 2
    base_mean, adam_mean = (
        (m[1:] + m[:-1]) / 2 for m in (RESULTS[n].step_loss.mean(0) for n in ("sgd", "adam"))
    )
    target = base_mean[-1]
    assert summary.target(RESULTS["sgd"]) == pytest.approx(target)
    base_time = _first_crossing(base_mean, target, times)
    assert rows["sgd"].epochs_to_target == pytest.approx(base_time)
    expected = _first_crossing(adam_mean, target, times)
    assert rows["adam"].epochs_to_target == pytest.approx(expected)
    # The curves fall as exp(−k e): adam crosses the target about 3× sooner.
    assert rows["adam"].speedup_vs_baseline == pytest.approx(base_time / expected)
    assert 2.5 < rows["adam"].speedup_vs_baseline < 4.5  # A staircase: 2 windows per epoch.
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


TEN = {
    "sgd": record(decay(0.2, n=10), name="sgd"),
    "adam": record(decay(0.6, seed=1, n=10), name="adam", optimizer="adam", rate=0.01, acc=0.9),
    "slow": record(decay(0.1, seed=2, n=10), name="slow", acc=0.7),
    "broken": record(decay(0.6, seed=3, n=10), name="broken", diverged=range(10)),
}
"""``RESULTS`` with 10 seeds: with 6, the sign-flip test's smallest p, 2/64, Holm-adjusted
over the 3 pairs of the configurations that have runs, separates nothing."""


def test_ranking_puts_the_fastest_first_and_the_words_match_the_table():
    rows = summary.summarize("relu", TEN, "sgd")
    assert [r.config for r in summary.ranked(rows)] == ["adam", "sgd", "slow", "broken"]
    lines = ranking(lab_report.section("relu", TEN, rows, Path("x")))
    by = {r.config: r for r in rows}
    speed = text.num(by["adam"].speedup_vs_baseline, ".2f", "en")
    assert lines[0].startswith(
        f"**With Adam**, the network reaches the final loss of exercise 2's plain SGD after "
        f"{by['adam'].epochs_to_target:.2f} epochs, that is {speed}× sooner (CI ≥ 95%"
    )
    assert lines[1].startswith("The baseline **SGD** (exercise 2's plain SGD) sets the target")
    assert lines[2].startswith(
        f"**With slow**, the network does not reach the final loss of exercise 2's plain SGD "
        f"within {E} epochs;"
    )
    assert lines[3] == "**broken**: every run diverged."


def test_a_slower_configuration_is_said_to_be_slower():
    """A baseline that dips below its final loss early sets a target others reach later."""
    noise = 1 + 0.001 * np.random.default_rng(4).standard_normal((S, E))
    base = record(np.array([2.0, 1.0, 0.5, 0.6, 0.6]) * noise, name="sgd")
    lazy = record(np.array([2.0, 1.5, 1.0, 0.7, 0.55]) * noise, name="lazy")
    rows = summary.summarize("relu", {"sgd": base, "lazy": lazy}, "sgd")
    centres = (np.arange(2 * E) + 0.5) / 2
    times = (centres[1:] + centres[:-1]) / 2  # One epoch (2 windows) averaged, centred.
    means = [(m[1:] + m[:-1]) / 2 for m in (r.step_loss.mean(0) for r in (base, lazy))]
    target = means[0][-1]
    for row, mean in zip(rows, means, strict=True):
        assert row.epochs_to_target == pytest.approx(_first_crossing(mean, target, times))
    assert rows[1].speedup_vs_baseline < 1 and rows[1].speedup_p_holm < 0.05
    line = ranking(lab_report.section("relu", {"sgd": base, "lazy": lazy}, rows, Path("x")))[1]
    later = text.num(1 / rows[1].speedup_vs_baseline, ".2f", "en")
    epochs = text.num(rows[1].epochs_to_target, ".2f", "en")
    said = f"reaches the final loss of exercise 2's plain SGD after {epochs} epochs, that is "
    assert f"{said}{later}× later (CI ≥ 95%" in line


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
    # Exercise 2's configuration stands for exercise 2 as it was: its own rate, the centre.
    ex2 = record(losses, grid=grid, val=val, name=configs.EXERCISE2, rate=0.03)
    assert summary.chosen(ex2) == 1 and summary.lowest_validation(ex2) == 2


def test_section_renders_markdown_and_polish(tmp_path):
    rows = summary.summarize("relu", RESULTS, "sgd")
    md = document.markdown(lab_report.section("relu", RESULTS, rows, tmp_path))
    assert md.startswith("# Lab 6: learning-rate optimizers — ReLU")
    assert "| Adam | 0.01 | 0/6 |" in md
    # The accuracy interval covers seeds only; the wall time measures the machine too.
    assert "| test accuracy (95% CI over seeds, fixed test set) |" in md
    assert "computing time [s] (depends on the machine's load, not only the method)" in md
    assert "![Training loss per epoch](loss_epoch.png)" in md
    pl = document.markdown(lab_report.section("relu", RESULTS, rows, tmp_path, lang="pl", level=2))
    assert pl.startswith("## Laboratorium 6: metody optymalizacji współczynnika uczenia — ReLU")
    assert "współczynnik uczenia" in pl and "szybciej" in pl
    loss = rows[1].final_train_loss_mean
    assert f"{loss:.4f}".replace(".", ",") in pl  # Decimal comma.


def _fine(r, first=None):
    """``r`` with 20 one-step windows per epoch (each epoch's loss), the very first ``first``."""
    step = np.repeat(r.train_loss, 20, axis=-1)
    if first is not None:
        step[:, 0] = first
    return r._replace(step_loss=step, steps_per_epoch=20)


def test_a_target_reached_within_the_first_time_point_is_a_bound():
    """The first point (the first epoch's mean, at half an epoch) is below the target
    although the first step is not: the time is a bound, at that point."""
    base = _fine(record(decay(0.2), name="sgd"))
    quick = _fine(record(decay(0.2, seed=7) / 100, name="quick"), first=1.0)
    rows = summary.summarize("relu", {"sgd": base, "quick": quick}, "sgd")
    row = rows[1]
    assert row.speedup_note == ""  # Its first step, 1.0, is above the target.
    assert row.epochs_to_target == pytest.approx(0.5)  # The first point's time.
    assert lab_report.speedup_cell(row, "en") == f"≥ {row.speedup_vs_baseline:.2f}×"
    assert lab_report.speedup_words(row, "sgd", "en").startswith(
        f"at least {row.speedup_vs_baseline:.2f}× sooner (already at the first time point "
        "measured, 0.50 epochs in"
    )
    assert lab_report.speedup_words(row, "sgd", "pl").startswith("co najmniej")
    assert row.speedup_is_bound
    assert math.isnan(row.speedup_ci_lo) and math.isnan(row.speedup_ci_hi)


def _rows(results):
    return {r.config: r for r in summary.summarize("relu", results, "sgd")}


def _words(results, lang="en"):
    """Every sentence of a section's ranking and of the results' opening paragraph (the
    leader's) in one text."""
    rows = summary.summarize("relu", results, "sgd")
    blocks = lab_report.section("relu", results, rows, Path("x"), lang=lang)
    at = next(i for i, b in enumerate(blocks) if getattr(b, "text", None) in ("Ranking",))
    results_heading = text.say(lang, "h.results")
    start = next(i for i, b in enumerate(blocks) if getattr(b, "text", None) == results_heading)
    first = blocks[start + 1]
    return "\n".join(
        [*blocks[at + 1].items, *([first.text] if isinstance(first, document.Paragraph) else [])]
    )


def test_the_results_open_with_the_leader_and_what_differs_from_the_baseline():
    """One or two sentences before the table, not the table row by row: the leader, then
    the configurations significantly sooner (Holm over every pair) than the baseline."""
    fast = {
        "sgd": record(decay(0.2, n=10), name="sgd"),
        "a": record(decay(0.6, seed=1, n=10), name="a"),
        "b": record(decay(0.2, seed=2, n=10), name="b"),
    }
    rows = summary.summarize("relu", fast, "sgd")
    ranks = summary.ranking(fast, "sgd")
    by = {r.config: r for r in rows}
    assert by["a"].speedup_p_holm < 0.05 <= by["b"].speedup_p_holm
    for lang, tail in (
        (
            "en",
            (
                "Reaching the target significantly sooner than the baseline **SGD** (Holm over "
                "all m = 3 pairs): **a**."
            ),
        ),
        (
            "pl",
            (
                "Konfiguracje, w których sieć osiąga wartość docelową istotnie szybciej niż "
                "punkt odniesienia, **SGD** (poprawka Holma dla wszystkich m = 3 par): **a**."
            ),
        ),
    ):
        words = lab_report.opening(rows, ranks, "sgd", lang)
        assert words == f"{lab_report.leader(rows, ranks, lang)} {tail}"
        blocks = lab_report.section("relu", fast, rows, Path("x"), lang=lang)
        assert any(getattr(b, "text", None) == words for b in blocks)
    none = lab_report.opening(rows, ranks, "sgd", "en").replace(tail, "")
    slow = [dataclasses.replace(r, speedup_p_holm=0.5) for r in rows]
    assert lab_report.opening(slow, ranks, "sgd", "en").startswith(none[:20])
    assert lab_report.opening(slow, ranks, "sgd", "en").endswith(
        "No configuration reaches the target significantly sooner than the baseline **SGD** "
        "(Holm over all m = 3 pairs)."
    )
    later = [
        dataclasses.replace(r, speedup_vs_baseline=0.5) if r.config == "a" else r for r in rows
    ]
    assert lab_report.opening(later, ranks, "sgd", "en").endswith(
        "Reaching it significantly later: **a**."
    )


def test_identical_configurations_share_rank_1_and_a_clearly_faster_one_is_alone():
    """10 seeds: with 6 the sign-flip test's smallest p, 2/64, Holm-adjusted over 3 pairs,
    could separate nothing."""
    twin = decay(0.6, seed=1, n=10)
    tie = {
        "sgd": record(decay(0.2, n=10), name="sgd"),
        "a": record(twin, name="a"),
        "b": record(twin, name="b"),
    }
    rows = _rows(tie)
    assert (rows["a"].rank, rows["b"].rank, rows["sgd"].rank) == (1, 1, 3)
    assert [lab_report.rank_cell(rows[n], "pl") for n in ("a", "b", "sgd")] == ["1–2", "1–2", "3"]
    words = _words(tie)
    assert "**a** and **b** share rank 1: their times to the target do not differ " in words
    assert "significantly (a against b: " in words
    assert "ratio 1.00, CI ≥ 95% 1.00–1.00; sign-flip test, p" in words
    assert "Holm-adjusted over all pairs (m = 3))" in words and "fastest alone" not in words
    fast = tie | {"c": record(decay(0.9, seed=5, n=10), name="c")}
    rows = _rows(fast)
    assert (rows["c"].rank, rows["a"].rank, rows["b"].rank, rows["sgd"].rank) == (1, 2, 2, 4)
    assert [rows[n].rank_worst for n in ("c", "a", "b", "sgd")] == [1, 3, 3, 4]
    assert (
        "The network learns fastest **with c** (the only configuration at rank 1); in the "
        "runner-up configuration (**a**) it needs "
    ) in _words(fast)


def test_holm_columns_adjust_the_raw_p_values_per_metric():
    rows = summary.summarize("relu", RESULTS | {"fast": record(decay(0.4, seed=6))}, "sgd")
    for raw, adjusted in (
        ("p_vs_baseline", "p_holm"),
        ("test_acc_p_vs_baseline", "test_acc_p_holm"),
    ):
        p = np.array([getattr(r, raw) for r in rows])
        tested = np.flatnonzero(np.isfinite(p))
        order = tested[np.argsort(p[tested])]
        m, expected, running = len(order), np.full(len(p), np.nan), 0.0
        for i, k in enumerate(order):  # Holm's step-down, from its definition.
            running = max(running, min(1.0, (m - i) * p[k]))
            expected[k] = running
        np.testing.assert_allclose([getattr(r, adjusted) for r in rows], expected)
    assert sum(math.isfinite(r.p_holm) for r in rows) == 3  # Not the baseline, not broken.


def test_a_plateaued_baseline_gives_no_target_and_no_speed_words():
    flat = 2.3 * (1 + 0.01 * np.random.default_rng(8).standard_normal((S, E)))
    results = {"sgd": record(flat, name="sgd"), "adam": RESULTS["adam"]}
    rows = _rows(results)
    assert rows["adam"].speedup_note == rows["sgd"].speedup_note == "no_fall"
    assert math.isnan(rows["adam"].speedup_vs_baseline) and math.isnan(rows["adam"].rank)
    assert math.isnan(rows["adam"].epochs_to_target)
    for lang in text.LANGS:
        words = _words(results, lang)
        for word in ("sooner", "later", "reach", "fastest", "szybciej", "wolniej", "osiąga"):
            assert word not in words, (lang, word)
    setup = document.markdown(lab_report.section("relu", results, list(rows.values()), Path("x")))
    assert setup.count("hardly learns") == 1 and "compared instead" in setup


def test_no_baseline_record_says_so_once_and_no_speed_words():
    results = {"adam": RESULTS["adam"], "slow": RESULTS["slow"]}
    rows = _rows(results)
    assert {r.speedup_note for r in rows.values()} == {"no_baseline"}
    words = _words(results)
    assert "does not reach" not in words and "sooner" not in words and "fastest" not in words
    md = document.markdown(lab_report.section("relu", results, list(rows.values()), Path("x")))
    assert md.count("has no result here") == 1


def test_one_survivor_gets_no_interval_no_test_and_is_named():
    results = RESULTS | {"lone": record(decay(0.3, seed=9), name="lone", diverged=range(1, S))}
    row = _rows(results)["lone"]
    assert row.n_used == 1 and row.diverged == S - 1
    assert math.isnan(row.test_acc_ci_lo) and math.isnan(row.p_holm)
    assert math.isnan(row.speedup_ci_lo) and math.isfinite(row.speedup_vs_baseline)
    words = _words(results)
    assert f"**With lone** (only 1 of {S} seeds did not diverge), the network reaches" in words
    assert "with a speed-up of" in words and "no test" in words
    pl = "**W konfiguracji lone** (użyto tylko 1 z 6 powtórzeń, pominięto rozbieżne) sieć osiąga"
    assert pl in _words(results, "pl")


def test_all_diverged_rows_have_no_rank_and_a_diverged_baseline_gives_no_target():
    rows = _rows(RESULTS)
    assert math.isnan(rows["broken"].rank) and rows["broken"].n_used == 0
    results = {"sgd": record(decay(0.2), name="sgd", diverged=range(S)), "adam": RESULTS["adam"]}
    assert _rows(results)["adam"].speedup_note == "no_run"
    assert "Every seed of the baseline **SGD** (exercise 2's plain SGD) diverged" in (
        document.markdown(
            lab_report.section("relu", results, list(_rows(results).values()), Path("x"))
        )
    )


ROW = records.SummaryRow.from_dict(
    {f: math.nan for f in records.SUMMARY_COLUMNS}
    | {"act": "relu", "config": "adam", "seeds": 10, "diverged": 3, "settings": "{}"}
    | {"data_source": "x", "speedup_note": "", "n_used": 7, "speedup_is_bound": False}
    | {"pairing": "paired", "speedup_vs_baseline": 1.19, "speedup_ci_lo": 0.0}
    | {"speedup_ci_hi": 1.43, "speedup_p_holm": 0.3, "speedup_never": 0.04}
)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            (
                "at a speed not distinguishable from that of **SGD** (ratio 1.19, CI ≥ 95% not reached–1.43; "
                f"not reached in 4.0% of the test's relabellings; sign-flip test, p{NBSP}={NBSP}0.30 "
                "Holm-adjusted)"
            ),
        ),
        (
            "pl",
            (
                "bez istotnej różnicy szybkości względem **SGD** (iloraz 1,19, PU ≥ 95%: nie "
                "osiągnięto–1,43; w 4,0% przestawień testu nie osiągnięto wartości docelowej; test "
                "permutacyjny "
                f"ze zmianą znaków, p{NBSP}={NBSP}0,30 po poprawce Holma)"
            ),
        ),
    ],
)
def test_sooner_only_when_holm_p_is_below_005_and_the_interval_is_without_1(lang, expected):
    assert lab_report.speedup_words(ROW, "SGD", lang) == expected
    sooner = dataclasses.replace(ROW, speedup_ci_lo=1.02, speedup_never=0.0, speedup_p_holm=0.01)
    word = {
        "en": f"1.19× sooner (CI ≥ 95% 1.02–1.43; sign-flip test, p{NBSP}={NBSP}0.010 Holm-adjusted)",
        "pl": "1,19 raza szybciej (PU ≥ 95%: 1,02–1,43; test permutacyjny ze zmianą znaków, "
        f"p{NBSP}={NBSP}0,010 po poprawce Holma)",
    }
    assert lab_report.speedup_words(sooner, "SGD", lang) == word[lang]
    # One rule: Holm's p below 0.05 and an interval without 1 (the interval inverts the
    # same test; it holds 1 where the test keeps ratios on both sides of a rejected 1).
    held = dataclasses.replace(sooner, speedup_p_holm=0.08)
    assert lab_report.speedup_words(held, "SGD", lang).startswith(expected[:20])
    both_sides = dataclasses.replace(ROW, speedup_p_holm=0.01)
    said = {
        "en": "with no established direction against **SGD**: the test rejects equal speed "
        f"(sign-flip test, p{NBSP}={NBSP}0.010 Holm-adjusted) but keeps ratios on both sides "
        "of 1 (ratio 1.19, CI ≥ 95% not reached–1.43; not reached in 4.0% of the test's "
        "relabellings)",
        "pl": "bez ustalonego kierunku różnicy względem **SGD**: test odrzuca równą szybkość "
        f"(test permutacyjny ze zmianą znaków, p{NBSP}={NBSP}0,010 po poprawce Holma), ale nie "
        "odrzuca ilorazów po obu stronach 1 (iloraz 1,19, PU ≥ 95%: nie osiągnięto–1,43; w 4,0% "
        "przestawień testu nie osiągnięto wartości docelowej)",
    }
    assert lab_report.speedup_words(both_sides, "SGD", lang) == said[lang]
    fine = dataclasses.replace(sooner, speedup_vs_baseline=1.002, speedup_ci_lo=1.001)
    fine = dataclasses.replace(fine, speedup_ci_hi=1.003)
    assert lab_report.speedup_words(fine, "SGD", "en", 3).startswith(
        "1.002× sooner (CI ≥ 95% 1.001"
    )
    assert lab_report.speedup_cell(fine, "en", 3) == "1.002× (1.001–1.003)"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            [
                (
                    f"significantly lower than the baseline's, p{NBSP}={NBSP}0.031 Holm-adjusted, "
                    "0.0062 raw"
                ),
                f"no significant difference from the baseline's, p{NBSP}={NBSP}0.052 Holm-adjusted",
                " (7 of 10 seeds did not diverge)",
            ],
        ),
        (
            "pl",
            [
                (
                    f"istotnie niższa niż w punkcie odniesienia, p{NBSP}={NBSP}0,031 po poprawce "
                    "Holma, bez poprawki 0,0062"
                ),
                (
                    f"bez istotnej różnicy względem punktu odniesienia, p{NBSP}={NBSP}0,052 po "
                    "poprawce Holma"
                ),
                " (użyto 7 z 10 powtórzeń, pominięto rozbieżne)",
            ],
        ),
    ],
)
def test_holm_verdicts_and_seeds_used_in_both_languages(lang, expected):
    assert lab_report.verdict(0.031, 0.0062, -0.1, lang) == expected[0]
    assert lab_report.verdict(0.052, 0.0104, -0.1, lang) == expected[1]
    assert lab_report.used(ROW, lang) == expected[2]
    assert lab_report.verdict(math.nan, math.nan, 0.0, lang) == text.say(lang, "stat.no_test")


def test_a_ratio_within_one_percent_of_one_is_said_to_be_of_no_practical_weight():
    close = pace.Ratio(0.99735, 0.99422, 0.99997, "paired", 10, False, 1e-5)
    assert lab_report.tiny(close, "pl") == (
        " — różnica 0,27% liczby epok, poniżej 1%: bez znaczenia praktycznego"
    )
    assert "0.27% of the epochs" in lab_report.tiny(close, "en")
    assert lab_report.tiny(pace.Ratio(1.02, 1.01, 1.03, "paired", 10, False, 1e-5), "en") == ""


def test_the_whole_run_measure_says_a_slower_curve_that_crosses_alike():
    """Both reach the target in the last epoch, but one starts far higher: the crossing
    cannot tell them apart, the mean log-loss over the run can, and the words say so."""
    rng = np.random.default_rng(12)
    noise = 1 + 0.01 * rng.standard_normal((2, 10, E))
    base = record(np.array([2.0, 1.0, 0.7, 0.6, 0.5]) * noise[0], name="sgd")
    late = record(np.array([3.0, 2.5, 1.5, 0.9, 0.5]) * noise[1], name="late")
    results = {"sgd": base, "late": late}
    rows = _rows(results)
    # The area under each seed's log-loss curve (2 one-step windows per epoch), transcribed.
    area = {n: np.log(r.step_loss).mean(-1) for n, r in results.items()}
    assert rows["late"].log_loss_area_mean == pytest.approx(area["late"].mean())
    d = area["late"] - area["sgd"]
    signs = 1 - 2 * ((np.arange(2**10)[:, None] >> np.arange(10)) & 1)
    p = np.mean(np.abs(signs @ d) >= abs(d.sum()) * (1 - 1e-9))
    assert rows["late"].log_loss_area_p == pytest.approx(p) == pytest.approx(2 / 2**10)
    assert rows["late"].log_loss_area_p_holm == pytest.approx(p)  # A family of one.
    line = ranking(lab_report.section("relu", results, list(rows.values()), Path("x")))[0]
    assert "at a speed not distinguishable from that of **SGD**" in line
    assert "over the whole run, mean log training loss" in line
    assert "significantly higher than the baseline's" in line.split("whole run")[1]
    pl = ranking(lab_report.section("relu", results, list(rows.values()), Path("x"), lang="pl"))
    assert "w całym przebiegu uczenia średnia logarytmu straty" in pl[0]
    # A loss that reaches exactly 0 in float32 counts as float32's eps, not as −∞.
    zero = record(np.array([2.0, 1.0, 0.0, 0.0, 0.0]) * noise[1], name="zero")
    (row,) = [r for r in _rows({"sgd": base, "zero": zero}).values() if r.config == "zero"]
    eps = np.finfo(np.float32).eps
    expected = np.log(np.maximum(zero.step_loss, eps)).mean(-1).mean()
    assert row.log_loss_area_mean == pytest.approx(expected) and math.isfinite(expected)


def test_a_target_no_better_than_a_guess_or_a_start_is_no_target():
    """The deep ReLU case: a baseline that falls from 100 to 82 sets a target far above ln 10,
    which every configuration is below from its start: no speed-up, and the reason."""
    noise = 1 + 0.01 * np.random.default_rng(13).standard_normal((S, E))
    high = record(np.array([100.0, 90.0, 85.0, 83.0, 82.0]) * noise, name="sgd")
    high = high._replace(train_acc=np.full((S, E), 0.6))  # It learns: not at chance.
    results = {"sgd": high, "adam": RESULTS["adam"]}
    rows = _rows(results)
    assert rows["adam"].speedup_note == "above_uniform"
    assert math.isnan(rows["adam"].speedup_vs_baseline) and math.isnan(rows["adam"].rank)
    md = document.markdown(lab_report.section("relu", results, list(rows.values()), Path("x")))
    final = f"{high.train_loss.mean(0)[-1]:.2f}"  # Four significant digits, as the tables.
    assert f"ends at a mean training loss of {final}, no lower than ln 10 ≈ 2.303 (" in md
    words = _words(results)
    assert "sooner" not in words and "fastest" not in words and "reach" not in words
    # A target above a configuration's loss at its first steps.
    start = record(decay(0.2) / 10, name="quick")
    results = {"sgd": RESULTS["sgd"], "quick": start}
    rows = _rows(results)
    assert rows["quick"].speedup_note == "above_start"
    pl = document.markdown(
        lab_report.section("relu", results, list(rows.values()), Path("x"), lang="pl")
    )
    first = text.num(start.step_loss[:, 0].mean(), ".4f", "pl")
    assert f"nie niższą niż strata **quick** w pierwszych krokach ({first})" in pl


def test_a_share_of_never_reached_resamples_too_small_to_show_is_said_below_it():
    """A share of 0.02% printed with one decimal read "not reached in 0.0% of the
    resamples" (lab 6, relu Momentum, Fashion-MNIST)."""
    assert lab_report.interval(1.01, 1.42, 0.0, 2, "en") == "CI ≥ 95% 1.01–1.42"
    assert lab_report.interval(1.01, 1.42, 0.0002, 2, "en").endswith(
        "; not reached in < 0.1% of the test's relabellings"
    )
    assert "w 3,1% przestawień" in lab_report.interval(0.0, 1.43, 0.031, 2, "pl")


def test_an_interval_is_printed_with_its_ratios_decimals_even_when_its_ends_move():
    """Monte Carlo error large enough that no decimal of the ends is stable: the interval
    still shows two (6.06–7.76 is not "6–8", an end rounded outwards)."""
    noisy = pace.Ratio(7.22, 6.06, 7.76, "paired", 10, False, mc_se=0.3)
    assert pace.stable_decimals(noisy) == 0
    ranking = pace.Ranking({"sgd": 2, "adam": 1}, {}, {("sgd", "adam"): noisy})
    row = SimpleNamespace(config="adam")
    assert lab_report.digits(ranking, "sgd", row) == 2
    assert lab_report.interval(6.06, 7.76, 0.0, 2, "pl") == "PU ≥ 95%: 6,06–7,76"


def test_steps_csv_alone_gives_the_summarys_times_and_speedups(tmp_path):
    """A reader of ``steps.csv`` (no records, no mlp_jax) recomputes every time to the
    target and speed-up of ``summary.csv``: seed-means per block averaged over one epoch
    of blocks, centred, the baseline's last such average (its last epoch's mean) as the
    target, the first crossing linear between the averages' centre times."""
    import csv

    lab_report.write(tmp_path, "relu", RESULTS)
    with open(tmp_path / "steps.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert tuple(rows[0]) == summary.STEPS_COLUMNS
    curves: dict[str, dict[float, list[float]]] = {}
    for row in rows:
        if row["train_loss"]:  # Empty: a diverged seed.
            curves.setdefault(row["config"], {}).setdefault(float(row["time"]), []).append(
                float(row["train_loss"])
            )
    per_epoch = len({r["time"] for r in rows if r["config"] == "sgd" and r["epoch"] == "1"})

    def one_epoch(x):
        return np.convolve(x, np.ones(per_epoch) / per_epoch, mode="valid")

    means = {
        c: (one_epoch(np.array(sorted(v))), one_epoch([np.mean(v[t]) for t in sorted(v)]))
        for c, v in curves.items()
    }
    target = means["sgd"][1][-1]
    times = {c: _first_crossing(m, target, t) for c, (t, m) in means.items()}
    with open(tmp_path / "summary.csv", newline="") as f:
        summary_rows = {r["config"]: r for r in csv.DictReader(f)}
    assert "broken" not in curves and set(curves) == {"sgd", "adam", "slow"}
    for config, time in times.items():
        got = summary_rows[config]
        if math.isnan(time):
            assert got["epochs_to_target"] == ""
            continue
        assert float(got["epochs_to_target"]) == pytest.approx(time, rel=1e-5)
        speedup = float(got["speedup_vs_baseline"])
        assert speedup == pytest.approx(times["sgd"] / time, rel=1e-5)
