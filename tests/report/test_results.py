"""The hand-in's compact results: tables equal to the summary rows (and to a recomputation
from the records), sentences that follow the tests, definitions said once, every key."""

import dataclasses
import math
import re
from pathlib import Path

import numpy as np
import pytest
import scipy.stats

from mlp_jax import records
from mlp_jax.labs import configs, stats, summary
from mlp_jax.report import discussion, document, lab_report, results, text
from mlp_jax.report.finished import Finished
from tests.report import test_lab_report

S, E = 10, 5
NBSP = "\u00a0"
WORDS = {
    "en": document.Words("Figure", "Table", "Fig.", "Table"),
    "pl": document.Words("Rysunek", "Tabela", "rys.", "tab."),
}


def shared(experiment="lab6", act="relu", lr_grid=1, validation=0, sizes=(784, 8, 10)):
    return records.SharedSettings(
        experiment=experiment,
        data="digest",
        validation=validation,
        layer_sizes=sizes,
        batch_size=32,
        epochs=E,
        seeds=S,
        seed=0,
        lr_grid=lr_grid,
        divergence_factor=1e3,
        act=act,
    )


def record(
    losses, config, *, baseline="sgd", settings=None, acc=0.8, val=None, choice=None, broken=False
):
    """A record of ``config`` whose seeds' epoch losses are ``losses`` ``[S, E]`` (or
    ``[G, S, E]`` with a grid, ``val`` its validation losses), two one-step windows per
    epoch each at the epoch's loss (``test_lab_report.record``); every seed diverged when
    ``broken``."""
    losses = np.asarray(losses, float)
    grid = {"learning_rate": tuple(config.learning_rate * 10.0 ** np.arange(-1, 2))}
    made = test_lab_report.record(losses, acc=acc, grid=grid if val is not None else None, val=val)
    return made._replace(
        diverged_step=np.full(losses.shape[:-1], 3 if broken else -1),
        provenance=records.Provenance(
            shared=settings or shared(),
            baseline=baseline,
            config=config.spec(),
            data_source="synthetic: test data",
            wall_s=1.0,
            choice=choice,
        ),
    )


def decay(speed, noise=0.01, seed=0):
    """Seeds' curves 2·exp(−speed·e), e = 1..E, with a little noise."""
    rng = np.random.default_rng(seed)
    return 2 * np.exp(-speed * np.arange(1, E + 1)) * (1 + noise * rng.standard_normal((S, E)))


def finished(results_, experiment="lab6", act="relu"):
    baseline = next(iter(results_.values())).provenance.baseline
    rows = summary.summarize(act, results_, baseline)
    return Finished(experiment, act, dict(results_), rows, [], [])


@pytest.fixture(scope="module")
def lab6():
    """Exercise 2's SGD, Adam (3× faster), a twin of SGD and one that never gets there."""
    sgd, adam = configs.Config("sgd", "sgd", 0.3), configs.Config("adam", "adam", 0.01)
    twin, slow = (
        configs.Config("momentum", "momentum", 0.1),
        configs.Config("adagrad", "adagrad", 0.3),
    )
    return finished(
        {
            "sgd": record(decay(0.2), sgd),
            "adam": record(decay(0.6, seed=1), adam, acc=0.9),
            "momentum": record(decay(0.2, seed=2), twin),
            "adagrad": record(decay(0.1, seed=3), slow, acc=0.7),
        }
    )


@pytest.fixture(scope="module")
def lab7():
    """Lab 7 from lab 6's Adam: N(0, 1) (the baseline), Xavier and He alike, exercise 2."""
    settings = shared("lab7")
    choice = records.Choice("adam", 0.01, "lab6", "adam")

    def adam(init, speed, seed):
        config = configs.Config(init, "adam", 0.01, init=init)
        return record(
            decay(speed, seed=seed), config, baseline="normal", settings=settings, choice=choice
        )

    ex2 = configs.Config(configs.EXERCISE2, "sgd", 0.3)
    return finished(
        {
            "normal": adam("normal", 0.2, 0),
            "xavier": adam("xavier", 0.6, 1),
            "he": adam("he", 0.6, 1),
            configs.EXERCISE2: record(
                decay(0.05, seed=4), ex2, baseline="normal", settings=settings
            ),
        },
        "lab7",
    )


def crossing(curve, target, times):
    """The first time a curve is at or below ``target``, linear between time points."""
    for i, value in enumerate(curve):
        if value <= target:
            return (
                times[0] if i == 0 else np.interp(target, [value, curve[i - 1]], times[[i, i - 1]])
            )
    return math.nan


def by_config(f, table):
    names = {results.label(f, n, "en").replace(" ", NBSP): n for n in f.results}
    return {names[row[0]]: row for row in table.rows}


def test_speed_table_is_the_summary_rows_and_the_records(lab6):
    """Epochs to target recomputed from the step losses (two windows per epoch at e − 0.75
    and e − 0.25, averaged over one epoch: neighbours' means at e − 0.5 and e; the target
    the baseline's mean over its last epoch); the speed-up its ratio to the baseline's,
    with at least the interval's decimals."""
    table = results.speed_table(lab6, "lab6", summary.ranking(lab6.results, "sgd"), "en")
    cells, rows = by_config(lab6, table), {r.config: r for r in lab6.rows}
    times = np.arange(1, 2 * E) / 2
    means = {n: r.step_loss.mean(0) for n, r in lab6.results.items()}
    means = {n: (m[1:] + m[:-1]) / 2 for n, m in means.items()}
    target = means["sgd"][-1]
    base_time = crossing(means["sgd"], target, times)
    for name in ("sgd", "adam", "momentum"):
        expected = crossing(means[name], target, times)
        assert (
            cells[name][1]
            == f"{expected:.2f}"
            == text.num(rows[name].epochs_to_target, ".2f", "en")
        )
        assert cells[name][3] == lab_report.rank_cell(rows[name], "en")
        assert cells[name][3].split("–")[0] == str(int(rows[name].rank))
    assert cells["adam"][2].startswith(f"{base_time / crossing(means['adam'], target, times):.2f}×")
    lo, hi = (f"{v:.2f}" for v in (rows["adam"].speedup_ci_lo, rows["adam"].speedup_ci_hi))
    assert re.fullmatch(r"\d\.\d\d× \(\d\.\d+–\d\.\d+\)", cells["adam"][2])
    assert lo[:3] in cells["adam"][2] and hi[:3] in cells["adam"][2]
    assert cells["sgd"][2] == "1.00×"
    assert math.isnan(crossing(means["adagrad"], target, times))
    assert cells["adagrad"][1:3] == ["not reached", "—"]
    assert table.rows[0][0] == "Adam"  # Rank order.
    assert table.key == "lab6.relu.speed" and f"target {target:.4f} " in table.caption


def test_quality_table_is_the_summary_rows(lab6):
    table = results.quality_table(lab6, "lab6", "en")
    for name, cells in by_config(lab6, table).items():
        r = next(r for r in lab6.rows if r.config == name)
        final = lab6.results[name].train_loss[:, -1]
        places = min(4, 3 - math.floor(math.log10(final.mean())))  # Four significant digits.
        assert cells[1] == f"{final.mean():.{places}f} ± {final.std(ddof=1):.{places}f}"
        acc = lab6.results[name].test_acc[:, -1]
        mean, lo, hi = stats.mean_ci(acc)
        assert cells[3] == f"{100 * mean:.1f}% ({100 * lo:.1f}–{100 * hi:.1f}%)"
        assert cells[2] == results.p_cell(r.p_holm, "en")
    assert by_config(lab6, table)["sgd"][2] == "—"  # The baseline against itself: no test.


@pytest.mark.parametrize(
    ("p", "lang", "shown"),
    [
        (0.1, "en", "0.10"),
        (0.1, "pl", "0,10"),
        (0.0478, "pl", "0,048"),
        (0.0004, "en", "< 0.001"),
        (1.0, "en", "1.0"),
        (math.nan, "en", "—"),
    ],
)
def test_p_values_have_two_significant_digits(p, lang, shown):
    assert results.p_cell(p, lang) == shown


def test_sentences_name_the_fastest_and_say_a_tie_is_a_tie(lab6, lang):
    """Adam alone at rank 1; the twin of SGD, whose final loss is no different (Holm p ≥
    0.05), is said to be so; each configuration in the group its Holm p puts it in."""
    rows = {r.config: r for r in lab6.rows}
    assert rows["adam"].rank == 1 and [r.rank for r in lab6.rows].count(1) == 1
    assert rows["momentum"].p_holm >= summary.ALPHA > rows["adam"].p_holm
    ranking = summary.ranking(lab6.results, "sgd")
    said = " ".join(results.sentences_of(lab6, "lab6.relu", ranking, lang))
    adam, twin = (results.with_words(lab6, n, lang) for n in ("adam", "momentum"))
    fastest = {
        "en": f"The network learns fastest {adam} (the only configuration at rank 1",
        "pl": f"Najszybciej sieć uczy się {adam} (jedyna konfiguracja na pierwszym miejscu",
    }
    assert said.startswith(fastest[lang])
    factor = text.num(rows["adam"].speedup_vs_baseline, ".2f", lang)
    assert text.times(lang, factor) in said
    tie = {"en": "no significant difference", "pl": "bez istotnej różnicy"}[lang]
    loss = said[said.index({"en": "Final training loss", "pl": "Końcowa strata"}[lang]) :]
    parts = loss[loss.index("): ") + 3 : loss.index(".", loss.index("): "))].split("; ")
    lower = {"en": "significantly lower", "pl": "istotnie niższa"}[lang]
    groups = {part.split(" with" if lang == "en" else " z")[0]: part for part in parts}
    assert adam in groups[lower] and twin not in groups[lower]
    assert twin in groups[tie]


def test_configurations_tied_at_rank_1_are_said_to_share_it(lab7, lang):
    """Xavier and He learn alike: rank 1 together, never "the only one"."""
    ranks = {r.config: r.rank for r in lab7.rows}
    assert ranks["xavier"] == ranks["he"] == 1
    cite = dict.fromkeys(("speed", "quality", "loss", "acc"), "")
    said = results.speed_phrase(lab7, summary.ranking(lab7.results, "normal"), lang, cite)
    words = {"en": "these configurations share rank 1", "pl": "dzielą pierwsze miejsce"}[lang]
    assert words in said and {"en": "the only", "pl": "jedyna"}[lang] not in said
    for init in ("xavier", "he"):
        assert results.with_words(lab7, init, lang) in said


@pytest.mark.parametrize(
    ("change", "en", "pl"),
    [
        (
            {"speedup_p_holm": 0.01},
            "after only 2.00 epochs, 2.50× sooner",
            "już po 2,00 epoki, czyli 2,50 raza szybciej",
        ),
        (
            {"speedup_p_holm": 0.2},
            "with no significant difference in speed (ratio 2.50;",
            "bez istotnej różnicy szybkości (iloraz 2,50;",
        ),
        (
            {
                "speedup_p_holm": 0.01,
                "speedup_vs_baseline": 0.5,
                "speedup_ci_lo": 0.25,
                "speedup_ci_hi": 0.8,
            },
            "2.00× later (confidence interval ≥ 95%: 1.25–4.00)",
            "2,00 raza wolniej (przedział ufności ≥ 95%: 1,25–4,00)",
        ),
        (
            {"speedup_p_holm": 0.01, "speedup_ci_lo": 0.0},
            "95%: not reached–3.00",
            "95%: nie osiągnięto–3,00",
        ),
        (
            {"speedup_p_holm": 0.01, "speedup_ci_lo": 0.9},
            (
                "keeps ratios on both sides of 1 (ratio 2.50; confidence interval ≥ 95%: "
                "0.90–3.00), so which is faster is not established."
            ),
            (
                "nie odrzuca ilorazów po obu stronach 1 (iloraz 2,50; przedział ufności ≥ 95%: "
                "0,90–3,00), więc nie wiadomo, która konfiguracja jest szybsza."
            ),
        ),
        ({"speedup_is_bound": True}, "at least 2.50× sooner", "co najmniej 2,50 raza szybciej"),
        (
            {"speedup_ci_lo": math.nan},
            "(ratio 2.50; no interval and no test)",
            "(iloraz 2,50; przedziału ani testu",
        ),
        (
            {"epochs_to_target": math.nan},
            "In no other configuration",
            "W żadnej innej konfiguracji",
        ),
    ],
)
def test_speed_sentence_follows_the_holm_adjusted_test(lab6, change, en, pl):
    row = dataclasses.replace(
        next(r for r in lab6.rows if r.config == "adam"),
        speedup_vs_baseline=2.5,
        speedup_ci_lo=2.0,
        speedup_ci_hi=3.0,
        epochs_to_target=2.0,
    )
    row = dataclasses.replace(row, **change)
    for lang, expected in (("en", en), ("pl", pl)):
        assert expected in results.speed_sentence(lab6, row, None, lang, "S")


def blocks(lab6, lab7, tmp_path, lang):
    out, drawn = tmp_path, Path("figures", lang)
    made = [*results.definitions(lang)]
    for exp, f in (("lab6", lab6), ("lab7", lab7)):
        made += results.lab_blocks(f, exp, out, drawn, lang)
    for exp, f in (("lab6", lab6), ("lab7", lab7)):
        made += results.appendix_blocks(f, exp, out, drawn, lang)
    return made


def test_every_key_is_there_every_reference_resolves_and_both_languages_render(
    lab6, lab7, tmp_path, lang
):
    made = blocks(lab6, lab7, tmp_path, lang)
    keys = {b.key for b in made if isinstance(b, document.Table | document.Image)}
    expected = {
        f"{exp}.relu.{k}"
        for exp in ("lab6", "lab7")
        for k in ("speed", "quality", "loss", "acc", "steps", "p")
    }
    assert keys == expected
    for image in (b for b in made if isinstance(b, document.Image)):
        assert image.path.exists() and image.link.startswith(f"figures/{lang}/")
        assert image.alt and (image.caption or not image.key.endswith(".steps"))
    numbered = document.numbered(made, WORDS[lang])  # Raises on a reference to no key.
    page = document.html(numbered, title="t", lang=lang)
    assert "@tab:" not in page and "@fig:" not in page and "—±—" not in page
    heading = [b.text for b in made if isinstance(b, document.Heading)]
    assert heading == ["ReLU", "ReLU"]


def test_each_definition_is_said_once(lab6, lab7, tmp_path, lang):
    """Definitions, then two experiments' blocks: every definition once, and the terms only
    the definitions explain (the slowed-down curves of the speed-up's interval, Student's t,
    the sign-flip test) nowhere else."""
    made = blocks(lab6, lab7, tmp_path, lang)
    md = document.markdown(document.numbered(made, WORDS[lang]))
    definitions = document.markdown(results.definitions(lang))
    for item in results.definitions(lang)[1].items:
        assert md.count(item) == 1
    slowed = {"en": "slowed down", "pl": "spowolnieniu"}[lang]
    for word in (slowed, "Student", {"en": "sign-flip", "pl": "zmianą znaków"}[lang]):
        assert md.count(word) == definitions.count(word) > 0


def test_coinciding_lines_are_those_within_each_others_bands():
    """Curves of 6 seeds at ±d about their means: each band is 2·t(0.975; 5)·s/√6 wide (s
    the seeds' standard deviation); two lines coincide when their means differ by no more."""
    d, base = 0.01, np.linspace(1.0, 0.5, 8)
    spread = d * np.array([1, -1, 1, -1, 1, -1])[:, None]
    width = 2 * scipy.stats.t.ppf(0.975, 5) * np.std(spread[:, 0], ddof=1) / math.sqrt(6)

    def at(shift):
        return base + shift * width + spread

    found = results.coinciding(
        {"a": at(0), "b": at(0.3), "c": at(0.6), "far": at(5), "one": base[None]}
    )
    assert found == [(["a", "b", "c"], pytest.approx(0.6 * width))]
    chain = results.coinciding({"a": at(0), "m": at(0.6), "z": at(1.2)})  # a and z do not.
    assert chain == [
        (["a", "m"], pytest.approx(0.6 * width)),
        (["m", "z"], pytest.approx(0.6 * width)),
    ]
    assert results.coinciding({"a": at(0), "b": at(1.01)}) == []


def test_names_in_tables_and_sentences(lab6, lab7):
    assert results.label(lab6, "sgd", "pl") == "SGD (ćwiczenie 2)"
    assert results.label(lab6, "adam", "pl") == "Adam"
    assert results.label(lab7, "normal", "en") == "Adam + N(0, 1)"
    assert results.label(lab7, configs.EXERCISE2, "pl") == "SGD + N(0, 1) (ćwiczenie 2)"
    assert results.with_words(lab6, "adam", "pl") == "z Adamem"
    assert results.with_words(lab7, "he", "pl") == "przy inicjalizacji metodą He"
    assert results.with_words(lab7, configs.EXERCISE2, "pl") == "przy SGD z ćwiczenia 2"
    assert results.base_phrase(lab7, "pl") == "sieci uczonej Adamem z wagami N(0, 1)"
    assert results.base_phrase(lab7, "en") == "the network trained with Adam from N(0, 1) weights"
    assert results.base_phrase(lab6, "en") == "exercise 2's SGD"
    assert results.network((784, *[128] * 6, 10)) == "784–6×128–10"
    assert results.network((784, 128, 64, 64, 10)) == "784–128–2×64–10"


@pytest.fixture(params=["en", "pl"])
def lang(request):
    return request.param


def test_a_deep_network_and_a_configuration_whose_every_seed_diverged(tmp_path, lang):
    """The deep network's heading names it; a configuration with no seed left says so in
    its first cell and "—" in the others (never "—±—"), has no rank, and is said to have
    no results (once, with the loss)."""
    sizes = (784, *[16] * 6, 10)
    settings = shared("lab7", sizes=sizes)
    made = {
        name: record(
            decay(speed, seed=seed),
            configs.Config(name, "adam", 0.01, init=name),
            baseline="normal",
            settings=settings,
            broken=broken,
        )
        for name, speed, seed, broken in (
            ("normal", 0.2, 0, False),
            ("xavier", 0.6, 1, False),
            ("he", 0.6, 2, True),
        )
    }
    deep = finished(made, "lab7")
    blocks = results.lab_blocks(deep, "deep", tmp_path, Path("figures"), lang)
    assert blocks[0].text == {"en": "Network", "pl": "Sieć"}[lang] + " 784–6×16–10, ReLU"
    keys = [b.key for b in blocks if isinstance(b, document.Table | document.Image)]
    assert keys == [f"deep.relu.{k}" for k in ("speed", "quality", "loss", "acc")]
    speed, quality = (b for b in blocks if isinstance(b, document.Table))
    he = "He"  # Only the initializers vary: the optimizer goes without saying.
    diverged = {"en": "diverged: 10 of 10", "pl": "rozbieżne: 10 z 10"}[lang]
    assert next(r for r in speed.rows if r[0] == he)[1:] == [diverged, "—", "—"]
    assert next(r for r in quality.rows if r[0] == he)[1:] == [diverged, "—", "—", "—"]
    none = {
        "en": "no results with He initialization (every seed diverged)",
        "pl": "brak wyników przy inicjalizacji metodą He (wszystkie powtórzenia rozbieżne)",
    }
    assert blocks[1].text.count(none[lang]) == 1


def test_a_baseline_that_does_not_learn_gives_no_target_and_says_why(lang, tmp_path):
    flat = {
        "sgd": record(decay(0.0), configs.Config("sgd", "sgd", 0.3)),
        "adam": record(decay(0.6, seed=1), configs.Config("adam", "adam", 0.01)),
    }
    f = finished(flat)
    assert summary.ranking(f.results, "sgd") is None
    why = lab_report.no_target(f.results, results.label(f, "sgd", lang), lang)
    said = results.sentences_of(f, "lab6.relu", None, lang)
    assert why and said[0].startswith(why)
    table = results.speed_table(f, "lab6", None, lang)
    assert all(row[2:] == ["—", "—"] for row in table.rows)
    assert table.caption == text.say(
        lang,
        "results.cap.speed_none",
        where=results.place_phrase(f, "lab6", lang),
        base=results.base_phrase(f, lang),
    )
    shown = results.lab_blocks(f, "lab6", tmp_path, Path("figs"), lang)
    keys = [b.key for b in shown if isinstance(b, document.Table)]
    assert keys == ["lab6.relu.quality"]  # No table of dashes in the report.
    assert "@tab:lab6.relu.speed" not in " ".join(b.text for b in shown if hasattr(b, "text"))


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_a_leader_slower_over_the_whole_run_is_said_to_be(lang):
    """A configuration far above the baseline for most of the run that dives below its final
    loss at the end: rank 1 by the crossing, significantly higher over the whole run (every
    seed's mean log loss above the baseline's: exact sign-flip p = 2/2¹⁰), and said so with
    the geometric means recomputed here."""
    rng = np.random.default_rng(5)
    late_curve = np.array([3.0, 2.9, 2.8, 2.0, 0.6]) * (1 + 0.01 * rng.standard_normal((S, E)))
    f = finished(
        {
            "sgd": record(decay(0.2), configs.Config("sgd", "sgd", 0.3)),
            "adam": record(late_curve, configs.Config("adam", "adam", 0.01)),
        }
    )
    rows = {r.config: r for r in f.rows}
    assert rows["adam"].rank == 1 and rows["adam"].speedup_vs_baseline > 1
    log_area = {n: np.log(f.results[n].train_loss).mean(-1) for n in ("sgd", "adam")}
    assert (log_area["adam"] > log_area["sgd"]).all()  # Every seed: p = 2/1024 < 0.05.
    said = " ".join(results.sentences_of(f, "lab6.relu", summary.ranking(f.results, "sgd"), lang))
    geometric = {n: text.num(math.exp(v.mean()), ".3f", lang) for n, v in log_area.items()}
    late = {"en": "is significantly higher than that of", "pl": "jest jednak istotnie wyższa niż"}
    assert late[lang] in said and geometric["adam"] in said and geometric["sgd"] in said
    area = said[said.index({"en": "Loss over the whole run", "pl": "Strata w całym"}[lang]) :]
    higher = {"en": "significantly higher", "pl": "istotnie wyższa"}[lang]
    assert f"{higher} {results.with_words(f, 'adam', lang)}" in area
    assert "m = 1" in area
    # Not sooner by the rule (its interval holds 1): nothing to contrast the run with.
    tied = f._replace(
        rows=[
            dataclasses.replace(r, speedup_ci_lo=0.9) if r.config == "adam" else r for r in f.rows
        ]
    )
    said = " ".join(results.sentences_of(tied, "lab6.relu", None, lang))
    assert late[lang] not in said


def test_a_leader_lower_over_the_whole_run_gets_no_caveat(lab6, lang="en"):
    said = " ".join(
        results.sentences_of(lab6, "lab6.relu", summary.ranking(lab6.results, "sgd"), lang)
    )
    assert "is significantly higher than that of" not in said
    assert "Loss over the whole run (Holm over the m = 3 comparisons)" in said


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_initializers_equally_faster_are_said_once(lab7, lang):
    """Two initializers with the same shown speed-up: "each 1.78×", not "1.78× and 1.78×";
    different ones are listed."""
    f = lab7
    fast = {"speedup_vs_baseline": 1.78, "speedup_ci_lo": 1.6, "speedup_ci_hi": 1.9}
    fast |= {"speedup_p_holm": 0.01, "speedup_note": ""}
    rows = [
        dataclasses.replace(r, **fast) if r.config in ("xavier", "he") else r for r in f.rows
    ]
    said = discussion.initializers([f._replace(rows=rows)], lang)
    x = text.times(lang, text.num(1.78, ".2f", lang))
    assert text.say(lang, "concl.inits.alike", x=x) in said and said.count(x) == 1
    other = [
        dataclasses.replace(r, speedup_vs_baseline=2.0) if r.config == "he" else r for r in rows
    ]
    said = discussion.initializers([f._replace(rows=other)], lang)
    assert text.times(lang, text.num(2.0, ".2f", lang)) in said and x in said


def test_a_speed_p_below_alpha_with_an_interval_holding_1_is_marked_a_tie(lab6, lang):
    """The p table alone must not read as significant where the test keeps speed-ups on both
    sides of 1 (``pace.undirected``): that cell is marked and the caption says why."""
    f, tie = lab6, {"speedup_p_holm": 0.023, "speedup_ci_lo": 0.81, "speedup_ci_hi": 2.17}
    rows = [dataclasses.replace(r, **tie) if r.config == "adam" else r for r in f.rows]
    table = results.p_table(f._replace(rows=rows), "lab6", lang)
    cells = {row[0]: row[-1] for row in table.rows}
    marked = [name for name, cell in cells.items() if cell.endswith(results.TIE_MARK)]
    assert marked == [results.label(lab6, "adam", lang)]
    assert cells[marked[0]] == results.p_cell(0.023, lang) + results.TIE_MARK
    assert text.say(lang, "results.cap.p.tie", mark=results.TIE_MARK) in table.caption
    plain = results.p_table(lab6, "lab6", lang)
    assert not any(row[-1].endswith(results.TIE_MARK) for row in plain.rows)
    assert results.TIE_MARK not in plain.caption
