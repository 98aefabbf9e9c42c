"""The hand-in's discussion (``findings``): each observation said with the records' numbers
when the records have the property, and not (or its opposite) when they do not. The
records are made by hand, so the true answer is known."""

import dataclasses
import functools
import math
import re

import numpy as np
import pytest
import scipy.stats

from mlp_jax import records
from mlp_jax.labs import pace, summary, surfaces, trajectories
from mlp_jax.report import curves as single
from mlp_jax.report import (
    discussion,
    document,
    findings,
    finished,
    lab_report,
    methods,
    momentum_study,
    text,
)
from tests import tiny
from tests.report import test_lab_report as lab

S, E = 12, lab.E  # Twelve seeds: a sign-flip test over them can reach p < 0.05 after Holm.
SOURCE = tiny.DATA.source  # A data line ``data.parse_source`` reads (64 test examples).
SIZES = (784, 8, 10)


def curves(speed, noise=0.01, seed=0, n=S):
    """``n`` seeds' training losses ``[n, E]``, 2·exp(−speed·e) with a little noise."""
    return lab.decay(speed, noise=noise, seed=seed, n=n)


def record(losses, name, *, optimizer="sgd", rate=0.1, init="normal", acc=0.8, **extra):
    """``lab.record`` with the configuration's initializer, a data line and ``extra``
    arrays (``test_loss``, ``test_acc``, …) set."""
    r = lab.record(losses, name=name, optimizer=optimizer, rate=rate, acc=acc)
    spec = {**r.provenance.config, "init": init}
    p = dataclasses.replace(r.provenance, config=spec, data_source=SOURCE)
    return r._replace(provenance=p, **extra)


def make(experiment, act, results, baseline):
    """``Finished`` of ``results`` (their provenance set to ``experiment`` and ``act``)."""
    shared = dataclasses.replace(lab.SHARED, experiment=experiment, act=act, seeds=S)
    results = {
        n: r._replace(
            provenance=dataclasses.replace(r.provenance, shared=shared, baseline=baseline)
        )
        for n, r in results.items()
    }
    order = summary.ranking(results, baseline)  # Once, as finished.load does.
    rows = summary.summarize(act, results, baseline, order)
    return finished.Finished(experiment, act, results, rows, [], [], order)


def found(**labs):
    return {"lab6": [], "lab7": [], "schedules": []} | labs


def words(blocks):
    """The text of every paragraph of ``blocks``."""
    return " ".join(b.text for b in blocks if isinstance(b, document.Paragraph))


LAB6 = {
    "sgd": (0.2, "sgd", 0.3),
    "momentum": (0.3, "momentum", 0.1),
    "nesterov": (0.45, "nesterov", 0.1),
    "adagrad": (0.4, "adagrad", 0.3),
    "adadelta": (0.25, "adadelta", 1.0),
    "adam": (0.9, "adam", 0.01),
}
"""Lab 6 as made here: configuration → (speed of its decay, optimizer, rate)."""


START = 11.8
"""Lab 6's initial test loss here, far above a uniform guess's ln 10 (N(0, 1) weights)."""


def lab6(act="relu", start=START, **speeds):
    """Lab 6 of ``LAB6`` (``speeds`` changed), the faster the more accurate, from an initial
    test loss ``start``."""
    results = {}
    for i, (n, (v, opt, rate)) in enumerate(LAB6.items()):
        speed = speeds.get(n, v)
        losses = curves(speed, seed=i)
        test_loss = np.concatenate([np.full((S, 1), start), losses], axis=1)
        acc = 0.6 + speed / 4
        results[n] = record(losses, n, optimizer=opt, rate=rate, acc=acc, test_loss=test_loss)
    return make("lab6", act, results, "sgd")


# --------------------------------------------------------------------------
# (a) The leaders of lab 6 and (b) momentum's step.
# --------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_adam_leads_and_its_mechanism_is_told_once(lang):
    fs = [lab6("sigmoid"), lab6("relu")]
    paragraphs = findings.optimizer_paragraphs(found(lab6=fs), lang)
    assert len(paragraphs) == 6  # Adam, Nesterov, Adagrad: a paragraph each, per activation.
    sigmoid, relu = " ".join(paragraphs[:3]), " ".join(paragraphs[3:])
    adam = next(r for r in fs[0].rows if r.config == "adam")
    assert adam.rank == 1 and [r.rank for r in fs[0].rows].count(1) == 1
    # Its speed-up is said once, in the speed table cited, not again here.
    assert text.num(adam.speedup_vs_baseline, ".2f", lang) not in sigmoid
    assert "@tab:lab6.sigmoid.speed" in sigmoid and "@tab:lab6.relu.speed" in relu
    scale = text.say(
        lang, "findings.adam.scale", init="N(0, 1)", start=text.num(START, ".1f", lang)
    )
    why = text.say(lang, "findings.adam.why", scale=scale)
    assert why in sigmoid and why not in relu  # The mechanism once.
    # The results section says "alone in first place"; the discussion does not repeat it.
    assert sigmoid.startswith(
        text.say(
            lang,
            "findings.adam.alone",
            act=single.with_act("sigmoid", lang),
            tab="@tab:lab6.sigmoid.speed",
        )
    )
    assert {"en": "first place", "pl": "pierwszym miejscu"}[lang] not in sigmoid + relu
    # Nesterov decays faster than momentum in every seed: significantly sooner.
    assert text.say(lang, "findings.nesterov.why") in sigmoid
    # Its interval with the words the appendix abbreviates, not the abbreviation.
    ratio = discussion.compare(fs[0], "momentum", "nesterov").ratio
    assert ratio.lo > 0 and math.isfinite(ratio.hi)
    places = max(2, pace.shown_decimals(ratio))
    ends = "–".join(text.num(v, f".{places}f", lang) for v in (ratio.lo, ratio.hi))
    assert f"({text.say(lang, 'report5.ci.spelled', rest=ends)}; " in sigmoid
    assert text.say(lang, "stat.ci", lo="", hi="").split("–")[0].strip() not in sigmoid


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_a_slow_adam_gets_its_rank_and_no_mechanism(lang):
    f = lab6(adam=0.22, nesterov=0.3)  # Nesterov as fast as momentum: a tie.
    paragraph = " ".join(findings.optimizer_paragraphs(found(lab6=[f]), lang))
    adam = next(r for r in f.rows if r.config == "adam")
    assert adam.rank > 1
    assert text.say(lang, "findings.adam.why", scale="")[:40] not in paragraph
    behind = text.say(
        lang,
        "findings.adam.behind",
        act=single.with_act("relu", lang),
        tab="@tab:lab6.relu.speed",
        rank=int(adam.rank),
        n=6,
        others="",
    )
    assert paragraph.startswith(behind)
    assert text.say(lang, "findings.nesterov.why") not in paragraph
    same = text.say(lang, "findings.nesterov.same", ratio="R", ci="C").split("R")[0]
    assert same in paragraph


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_adagrad_sooner_gets_per_parameter_steps_with_the_initial_loss(lang):
    f = lab6()
    paragraph = " ".join(findings.optimizer_paragraphs(found(lab6=[f]), lang))
    row = next(r for r in f.rows if r.config == "adagrad")
    assert row.speedup_p_holm < 0.05 and row.speedup_vs_baseline > 1
    start = float(np.mean(f.results["sgd"].test_loss[:, 0]))
    assert f"{text.num(start, '.1f', lang)} " in paragraph
    # From a loss no higher than a guess's, no word on large gradients: the mechanism alone.
    calm = " ".join(findings.optimizer_paragraphs(found(lab6=[lab6(start=2.3)]), lang))
    assert text.say(lang, "findings.adagrad.why_plain") in calm
    assert text.say(lang, "findings.adam.why", scale="") in calm
    slow = lab6(adagrad=0.2)  # As slow as SGD: no mechanism.
    paragraph = " ".join(findings.optimizer_paragraphs(found(lab6=[slow]), lang))
    chance = text.num(math.log(10), ".2f", lang)
    assert chance not in paragraph


@pytest.mark.parametrize(
    ("sgd_rate", "case", "factor"),
    [(0.3, "larger", 1.0 / 0.3), (1.0, "equal", 1.0), (3.0, "smaller", 3.0)],
)
def test_momentums_effective_step_is_set_against_sgds(sgd_rate, case, factor):
    f = lab6()
    base = f.results["sgd"]
    spec = {**base.provenance.config, "learning_rate": sgd_rate}
    f.results["sgd"] = base._replace(provenance=dataclasses.replace(base.provenance, config=spec))
    (paragraph,) = findings.momentum_paragraphs(found(lab6=[f]), "pl")
    gamma, alpha = 0.9, 0.1  # The records': momentum's default γ, its rate.
    assert momentum_study.DEFAULT_GAMMA == gamma
    effective = alpha / (1 - gamma)
    assert f"α/(1 − γ) = {text.num(effective, '.3g', 'pl')}" in paragraph
    larger = "większy" in paragraph
    assert larger == (case == "larger") and ("mniejszy" in paragraph) == (case == "smaller")
    settle = "γ = 0,5 z α = 0,5"  # The same α/(1 − γ) = 1 at γ = 0.5.
    assert (settle in paragraph) == (case == "larger")
    if case != "equal":
        assert text.times("pl", text.num(factor, ".2g", "pl")) in paragraph


# --------------------------------------------------------------------------
# (c) Loss against accuracy.
# --------------------------------------------------------------------------


def odd_lab6(outliers: bool):
    """Lab 6 whose Adadelta ends with two seeds far above the rest and the second-best
    accuracy (``outliers``), or calm and ranked alike by loss and accuracy."""
    f = lab6()
    losses = curves(0.5, seed=9)
    acc = np.full((S, E + 1), 0.7)
    test_loss = np.concatenate([np.full((S, 1), 2.3), losses], axis=1)
    if outliers:
        losses[:2] *= 10.0  # Seeds 0 and 1 end at ten times the others' losses.
        acc[:, -1] = 0.86 - 0.001 * np.arange(S)
        test_loss[0, -1] *= 5.0  # Seed 0: five times the test loss, about as many errors.
    else:
        acc[:, -1] = 0.5  # The lowest accuracy, as its loss is among the highest.
        losses = curves(0.15, seed=9)
    r = f.results["adadelta"]
    f.results["adadelta"] = r._replace(
        train_loss=losses,
        step_loss=np.repeat(losses, 2, axis=-1),
        test_acc=acc,
        test_loss=test_loss,
    )
    return make("lab6", "relu", f.results, "sgd")


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_a_configuration_whose_loss_and_accuracy_disagree_is_shown_seed_by_seed(lang, tmp_path):
    f = odd_lab6(outliers=True)
    assert single.odd_configs(f) == ["adadelta"]
    blocks = single.seed_blocks(found(lab6=[f]), tmp_path, lang)
    paragraph, image = blocks
    assert image.key == "lab6.relu.seeds" and image.path.exists()
    assert image.path == tmp_path / "report_figures" / lang / "lab6" / "relu" / "seeds.png"
    finals = f.results["adadelta"].train_loss[:, -1]
    num = functools.partial(text.num, spec=".4f", lang=lang)
    assert num(float(np.median(finals))) in paragraph
    for value in sorted(finals[:2])[::-1]:
        assert num(float(value)) in paragraph
    assert num(float(np.mean(finals[2:]))) in paragraph  # The mean without them.
    loss, acc = single.ranks(f.rows)
    assert loss["adadelta"] - acc["adadelta"] >= single.DISAGREE * len(f.rows)
    # Seed 0's test loss is five times the median seed's, its errors about as many.
    worst = f.results["adadelta"].test_loss[0, -1]
    assert text.num(worst, ".3f", lang) in paragraph
    confident = text.say(lang, "findings.seeds.confident", **dict.fromkeys(PLACES, "·"))
    assert confident.split("·")[-1] in paragraph
    # The middle seed of 12 by test loss: the 6th from the lowest (the lower of two).
    test = f.results["adadelta"].test_loss[:, -1]
    middle = np.sort(test)[5]
    assert text.num(float(middle), ".3f", lang) in paragraph
    assert ("number 6 of 12" if lang == "en" else "6. z 12") in paragraph


PLACES = ("worst", "worst_acc", "middle", "middle_acc", "k", "n", "loss_ratio", "error_ratio")


def test_configurations_whose_ranks_agree_and_seeds_stay_together_are_not_shown(tmp_path):
    f = odd_lab6(outliers=False)
    assert single.odd_configs(f) == []
    assert single.seed_blocks(found(lab6=[f]), tmp_path, "pl") == []
    assert not (tmp_path / "report_figures").exists()


def test_a_seed_whose_loss_grows_with_its_errors_is_not_called_over_confident():
    s = single.Seeds(np.ones(3), np.ones(0), 0, worst=(1.1, 0.7), middle=(1.0, 0.75))
    # Loss ×1.1, errors ×1.2: the loss follows the number of errors.
    line = single.confidence(s, "en")
    assert line.startswith("The seed with the highest final test loss (1.100, accuracy 70.0%)")
    assert "1.10× as high and its errors 1.20× as many" in line


# --------------------------------------------------------------------------
# (d) Units after training, (e) Xavier against He.
# --------------------------------------------------------------------------


def diagnosis(act, shares, stds=None, epochs=5, sizes=SIZES):
    """A ``Diagnosis`` of ``act`` whose first layer has init → (share at 0, at ``epochs``)
    of its failure and σ (``stds``: init → (σ at 0, at ``epochs``)), the other layers 1."""
    column = "dead_frac" if act == "relu" else "saturated_frac"
    rows = []
    for init, (start, end) in shares.items():
        for layer in range(len(sizes) - 1):
            for epoch, share in ((0, start), (epochs, end)):
                std = (stds or {}).get(init, (1.0, 1.0))[epoch > 0] if layer == 0 else 1.0
                values = {"dead_frac": math.nan, "saturated_frac": math.nan, column: share}
                rows.append(
                    records.LayerRow(
                        init, act, layer, "hidden", epoch, S, 0.0, std, std, **values,
                        grad_norm=1.0, data_source=SOURCE,
                    )
                )  # fmt: skip
    shared = dataclasses.replace(lab.SHARED, experiment="diagnostics", layer_sizes=sizes)
    return records.Diagnosis(act, epochs, 1000, shared, tuple(rows))


def lab7(act="relu", he=0.6, xavier=0.6, why="lab6"):
    """Lab 7 with N(0, 1), Xavier and He under Adam at 0.01 (their decay speeds)."""
    choice = records.Choice("adam", 0.01, why, "adam" if why == "lab6" else None)
    results = {}
    for i, (name, speed) in enumerate((("normal", 0.3), ("xavier", xavier), ("he", he))):
        r = record(
            curves(speed, seed=20 + i),
            name,
            optimizer="adam",
            rate=0.01,
            init=name,
            acc=0.6 + speed / 4,
        )
        results[name] = r._replace(provenance=dataclasses.replace(r.provenance, choice=choice))
    return make("lab7", act, results, "normal")


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_xavier_and_he_tie_within_the_noise(lang):
    f = lab7(he=0.6, xavier=0.6)
    sigma, tests = findings.init_paragraphs(found(lab7=[f]), {}, lang)
    ratio = math.sqrt((784 + 8) / 784)  # He's σ over Xavier's in the first layer.
    assert text.num(ratio, ".3f", lang) in sigma
    assert text.num(math.sqrt(2 / 784), ".4f", lang) in sigma  # He's σ.
    assert tests.endswith(text.say(lang, "findings.inits.tie"))
    assert "@tab:lab7.relu.quality" in tests
    # Not "the same": the paired difference of the final losses with its t interval.
    d = f.results["xavier"].train_loss[:, -1] - f.results["he"].train_loss[:, -1]
    half = scipy.stats.t.ppf(0.975, len(d) - 1) * d.std(ddof=1) / math.sqrt(len(d))
    shown = [
        discussion.signed(v, ".4f", lang) for v in (d.mean(), d.mean() - half, d.mean() + half)
    ]
    interval = text.say(lang, "findings.inits.difference", mean=shown[0], lo=shown[1], hi=shown[2])
    assert interval in tests


def test_two_activations_share_one_sigma_sentence_and_one_tie():
    fs = [lab7("sigmoid"), lab7("relu")]
    sigma, tests = findings.init_paragraphs(found(lab7=fs), {}, "en")
    assert sigma.count("√((784 + 8)/784)") == 1
    assert tests.count(text.say("en", "findings.inits.tie")) == 1
    assert tests.startswith("Sigmoid: ") and " ReLU: " in tests
    assert "all 4 comparisons" in tests  # Holm over both activations' two t-tests.


@pytest.mark.parametrize(
    ("value", "shown"), [(-0.00213, "−0.0021"), (-0.00001, "0.0000"), (0.0031, "0.0031")]
)
def test_a_difference_has_a_true_minus_and_no_sign_on_zero(value, shown):
    assert discussion.signed(value, ".4f", "en") == shown


def test_xavier_beating_he_with_relu_is_said_against_he_et_al():
    _, line = findings.init_paragraphs(found(lab7=[lab7(he=0.4, xavier=0.8)]), {}, "en")
    against = text.say("en", "findings.inits.against", name="Xavier (Glorot)")
    assert against in line and text.say("en", "findings.inits.tie") not in line
    _, line = findings.init_paragraphs(found(lab7=[lab7("sigmoid", he=0.8, xavier=0.4)]), {}, "en")
    assert text.say("en", "findings.inits.favours", name="He") in line


def test_measured_sigma_ratio_is_the_diagnostics():
    shares = {"normal": (0.0, 0.1), "xavier": (0.0, 0.1), "he": (0.0, 0.1)}
    diag = {"relu": diagnosis("relu", shares, {"xavier": (0.5, 1.0), "he": (0.55, 1.0)})}
    sigma, _ = findings.init_paragraphs(found(lab7=[lab7()]), diag, "en")
    assert "σ is 1.100, though (@tab:diag.relu.layer1)" in sigma  # Not the weights' 1.005.
    ratio = math.sqrt((784 + 8) / 784)  # He's σ over Xavier's: the weights' ratio.
    stds = {"xavier": (0.5, 1.0), "he": (0.5 * ratio, 1.0)}
    diag = {"relu": diagnosis("relu", shares, stds)}
    sigma, _ = findings.init_paragraphs(found(lab7=[lab7()]), diag, "en")
    assert f"σ is the same: {ratio:.3f} (@tab:diag.relu.layer1)" in sigma


# --------------------------------------------------------------------------
# (f) The deep network, (g) the surfaces.
# --------------------------------------------------------------------------

DEEP = (784, 128, 128, 128, 10)


def deep_diagnosis(factor=None):
    """σ per layer at init as ReLU theory has it (``factor``: every measured ratio instead)."""
    rows = []
    for init in ("normal", "xavier", "he"):
        w = methods.sigmas(init, DEEP)
        std = 0.6
        for layer in range(len(DEEP) - 1):
            if layer:
                std *= factor or w[layer] * math.sqrt(DEEP[layer] / 2)
            kind = "output" if layer == len(DEEP) - 2 else "hidden"
            row = records.LayerRow(init, "relu", layer, kind, 0, S, 0.0, std, std, math.nan, 0.1, 1.0, SOURCE)  # fmt: skip
            rows.append(row)
    shared = dataclasses.replace(lab.SHARED, experiment="diagnostics", layer_sizes=DEEP)
    return records.Diagnosis("relu", 0, 1000, shared, tuple(rows))


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_deep_sigma_per_layer_is_set_against_theory(lang):
    record = deep_diagnosis()
    x, h, n = (findings.growth(record, i) for i in ("xavier", "he", "normal"))
    # Theory, from the layer sizes: Xavier 1/√2 between square layers, He 1, N(0, 1) √(n/2).
    assert math.isclose(h.predicted, 1.0, rel_tol=1e-9)
    assert math.isclose(n.predicted, math.sqrt(128 / 2), rel_tol=1e-9)
    assert math.isclose(x.predicted, math.sqrt(0.5), rel_tol=1e-9)  # 128 → 128: 1/√2.
    assert math.isclose(x.measured, x.predicted, rel_tol=1e-9)
    (line,) = findings.deep_paragraphs(found(), {}, {"relu": record}, lang)
    assert "@tab:deep.relu.layers" in line and text.num(8.0, ".3g", lang) in line
    assert line == text.say(lang, "findings.deep.growth.agree", **_growth_values(line, lang))
    (off,) = findings.deep_paragraphs(found(), {}, {"relu": deep_diagnosis(1.0)}, lang)
    assert (
        "10%" in off
        and text.say(lang, "findings.deep.growth.agree", **_growth_values(off, lang)) != off
    )


def _growth_values(line, lang):
    """The values ``findings.deep.growth.*`` took, read back from ``line``."""
    parts = re.search(r"(?:hidden layer|ukrytą)\): (.*) \(@tab", line)
    return {
        "act": single.with_act("relu", lang),
        "parts": parts[1],
        "tab": "@tab:deep.relu.layers",
        "layers": 2,
        "n": 128,
        "half": text.num(math.sqrt(0.5), ".3f", lang),
    }


def early_leader():
    """Lab 7 with sigmoid where N(0, 1) leads early and Xavier ends lower."""
    rng = np.random.default_rng(5)
    early = np.linspace(1.0, 0.5, E) + 0.01 * rng.standard_normal((S, E))
    late = np.linspace(1.5, 0.3, E) + 0.01 * rng.standard_normal((S, E))
    results = {
        "normal": record(early, "normal", optimizer="adam", init="normal"),
        "xavier": record(late, "xavier", optimizer="adam", init="xavier"),
    }
    return make("lab7", "sigmoid", results, "normal")


def test_the_early_leader_of_the_deep_network_is_read_from_the_epochs():
    f = early_leader()
    results = f.results
    found_lead = findings.lead(f)
    means = {n: r.train_loss.mean(0) for n, r in results.items()}
    ahead = [means["normal"][e] < means["xavier"][e] for e in range(E)]
    assert found_lead.span == ahead.index(False)
    (line,) = [x for x in findings.deep_paragraphs(found(), {"lab7": [f]}, {}, "pl") if "1–" in x]
    assert f"w epokach 1–{found_lead.span} " in line
    assert (
        f"W ostatniej, {E}. epoce prowadzi sieć z wagami inicjalizowanymi metodą Xaviera." in line
    )


def test_the_supplements_scope_names_its_epochs_and_its_one_rate():
    main = lab7()
    short = dataclasses.replace(main.provenance.shared, epochs=2)
    deep = {
        n: r._replace(provenance=dataclasses.replace(r.provenance, shared=short))
        for n, r in main.results.items()
    }
    d = finished.Finished("lab7", "relu", deep, main.rows, [], [])
    lines = findings.deep_paragraphs(found(lab7=[main]), {"lab7": [d]}, {}, "pl")
    assert lines[-1].startswith(
        f"Badanie sieci głębokiej obejmuje 2 epoki (laboratorium 7: {E}) i jeden współczynnik uczenia, α = 0,01"
    )


def run_on(surface, optimizer, xy, loss):
    return trajectories.Run(surface, optimizer, 0.1, np.asarray(xy, float), np.asarray(loss, float))


def test_surfaces_name_the_widest_swing_the_stalled_and_the_fastest(tmp_path):
    saddle = surfaces.get("saddle")
    stuck = float(saddle({"x": np.float32(0), "y": np.float32(0)}))
    steps = 20
    y_swing = [1.0, -0.8, 0.5, -0.2, 0.0] + [0.0] * (steps - 4)
    y_calm = list(np.linspace(1.0, 0.0, steps + 1))
    ravine = surfaces.get("ravine")
    loss_at = lambda y, k: (
        [ravine.minimum_loss + abs(v) for v in y[:k]] + [ravine.minimum_loss] * (steps + 1 - k)
    )
    runs = [
        run_on("ravine", "momentum", [[0, y] for y in y_swing], loss_at(y_swing, 5)),
        run_on("ravine", "adam", [[0, y] for y in y_calm], loss_at(y_calm, steps)),
        run_on("saddle", "sgd", [[0.0, 0.06]] * (steps + 1), [stuck] * (steps + 1)),
        run_on(
            "saddle",
            "adam",
            [[0.0, 1.0]] * (steps + 1),
            [1.0] * 3 + [saddle.minimum_loss] * (steps - 2),
        ),
    ]
    out = tmp_path / "results" / "synthetic"
    trajectories.write_csv(out.parent / "trajectories" / "trajectories.csv", runs)
    (line,) = single.surface_paragraphs(out, "en")
    assert (
        "In the ravine (@fig:traj.ravine) Momentum swings farthest past the floor: after first crossing y = 0 it reaches |y| = 0.80"
        in line
    )
    assert "At the saddle (@fig:traj.saddle) SGD gets stuck" in line
    assert f"stays at {stuck:.4f}" in line
    assert "Adam reaches the minimum first, in 3 steps." in line
    assert single.surface_paragraphs(tmp_path / "elsewhere" / "synthetic", "en") == []


# --------------------------------------------------------------------------
# The limitations, the keys, both languages.
# --------------------------------------------------------------------------


def test_limitations_are_read_from_the_records():
    diag = {"relu": diagnosis("relu", {"normal": (0.0, 0.1)}, epochs=2)}
    (heading, paragraph) = findings.limitations(found(lab6=[lab6()], lab7=[lab7()]), diag, "pl")
    assert heading.text == "Ograniczenia"
    p = paragraph.text
    assert "jednym współczynnikiem uczenia α = 0,01, przejętym z laboratorium 6" in p
    assert f"krótszych przebiegów (2 epoki wobec {E} w laboratorium 7)" in p
    assert f"Liczba powtórzeń każdej konfiguracji: {S};" in p
    assert "(64 wzorców)" in p
    r = lab6().results["sgd"]
    blocks = summary.step_curves(r)[1].final
    steps = text.count("pl", r.steps_per_epoch // blocks, "conditions.count.steps")
    assert f"odległymi o {steps} ({text.num(1 / blocks, '.2g', 'pl')} epoki)" in p
    grid = lab7(why="default")
    other = findings.limitations(found(lab7=[grid]), {}, "en")[1].text
    assert "taken over from lab 6" not in other and "one rate, α = 0.01" in other
    assert findings.limitations(found(), {}, "en") == []


KEY = re.compile(
    r"(?:(?:lab6|lab7|deep)\.(?:sigmoid|relu)\.(?:speed|quality|loss|acc|steps|p|seeds)"
    r"|lr_sweep|diag\.(?:sigmoid|relu)\.(?:layer1|hist)|deep\.(?:sigmoid|relu)\.layers"
    r"|traj\.(?:ravine|saddle))"
)
"""The keys the report may cite (preamble's convention; ``seeds``: this module's figures)."""


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_every_key_cited_is_in_the_convention_and_both_languages_render(lang, tmp_path):
    shares = {"normal": (0.0, 0.11), "xavier": (0.0, 0.56), "he": (0.0, 0.59)}
    diag = {"relu": diagnosis("relu", shares)}
    out = tmp_path / "synthetic"
    blocks = findings.blocks(
        found(lab6=[odd_lab6(True)], lab7=[lab7()]),
        diag,
        out,
        lang,
        {"lab7": [lab7()]},
        {"relu": deep_diagnosis()},
    ) + findings.limitations(found(lab6=[lab6()], lab7=[lab7()]), diag, lang)
    assert blocks[0] == document.Heading(2, text.say(lang, "findings.h"))
    cited = document.REFERENCE.findall(document.markdown(blocks))
    assert cited and all(KEY.fullmatch(key) for _, key in cited)
    keys = [b.key for b in blocks if isinstance(b, document.Image)]
    assert keys == ["lab6.relu.seeds"]
    page = re.sub(r"\$[^$]*\$", "", document.markdown(blocks))  # Math keeps its braces.
    assert "{" not in page and "}" not in page
    assert document.html(blocks, title="t", lang=lang)
    if lang == "pl":
        prose = document.REFERENCE.sub("", words(blocks))
        assert not re.search(r"\b(sigmoid|relu)\b", prose)


def test_initializers_tied_ahead_are_named_with_the_one_significantly_behind():
    rng = np.random.default_rng(6)
    low = np.linspace(1.0, 0.5, E)
    xavier = low + 0.05 * rng.standard_normal((S, E))
    results = {
        "normal": record(low + 0.5 + 0.01 * rng.standard_normal((S, E)), "normal", init="normal"),
        "xavier": record(xavier, "xavier", init="xavier"),
        "he": record(xavier + 0.001 * (-1) ** np.arange(S)[:, None], "he", init="he"),  # Tied.
    }
    f = make("lab7", "relu", results, "normal")
    found_lead = findings.lead(f)
    assert found_lead.leaders[0] is None and set(found_lead.ahead[0]) == {"xavier", "he"}
    (line, _) = findings.deep_paragraphs(found(lab7=[f]), {"lab7": [f]}, {}, "en")
    means = {n: r.train_loss[:, 0].mean() for n, r in results.items()}
    behind = (
        f"the N(0, 1) weights are significantly higher ({text.num(means['normal'], '.3g', 'en')}; "
    )
    assert behind in line and "share the lowest training loss in epoch 1" in line
    # The last epoch's loss as the final-results table shows it: four significant digits.
    final = results["normal"].train_loss[:, -1].mean()
    assert 0.1 < final < 1 and line.endswith(f"({format(final, '.4g')}).")


def test_no_swing_and_no_stall_are_said_as_such(tmp_path):
    ravine, saddle = surfaces.get("ravine"), surfaces.get("saddle")
    y = list(np.linspace(1.0, 0.0, 11))
    runs = [
        run_on("ravine", "adam", [[0, v] for v in y], [ravine.minimum_loss + v for v in y]),
        run_on("saddle", "sgd", [[0.0, 1.0]] * 11, [0.5] * 2 + [saddle.minimum_loss] * 9),
    ]
    out = tmp_path / "results" / "synthetic"
    trajectories.write_csv(out.parent / "trajectories" / "trajectories.csv", runs)
    (line,) = single.surface_paragraphs(out, "pl")
    assert "żaden optymalizator nie przeskakuje dna" in line
    assert "żaden optymalizator nie zatrzymuje się w punkcie siodłowym" in line
    assert "Najszybciej do minimum dochodzi SGD, w 2 krokach." in line


def test_plain_momentum_faster_than_nesterov_is_said_against_expectation():
    f = lab6(momentum=0.45, nesterov=0.3)
    paragraph = " ".join(findings.optimizer_paragraphs(found(lab6=[f]), "en"))
    assert "Plain momentum reaches the target" in paragraph
    assert "against what the look-ahead leads one to expect" in paragraph
    assert text.say("en", "findings.nesterov.why") not in paragraph


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_the_conclusions_give_every_other_optimizers_verdict_once(lang):
    """After the leader, each other optimizer once, by rank, in the group of its verdict
    against SGD (p Holm-adjusted in the ranks' family below 0.05 and the interval without
    1), a significant one with its speed-up."""
    f = lab6("sigmoid", momentum=0.2, adagrad=0.5)
    lead = discussion.leader(f)
    assert lead is not None and lead.config == "adam"
    groups = {"sooner": [], "same": []}
    for r in summary.ranked(f.rows):
        if r.config in ("sgd", "adam"):
            continue
        q, lo, hi = r.speedup_p_holm, r.speedup_ci_lo, r.speedup_ci_hi
        differ = q < 0.05 and not lo <= 1 <= hi
        assert not differ or r.speedup_vs_baseline > 1  # No optimizer here is slower.
        name = text.inflect(lang, methods.label(r.config, lang), "with")
        x = text.times(lang, text.num(r.speedup_vs_baseline, ".2f", lang))
        groups["sooner" if differ else "same"].append(f"{name} ({x})" if differ else name)
    assert groups["sooner"] and groups["same"]  # Both groups.
    parts = [
        text.say(
            lang, f"concl.others.{k}{'.also' * (k == 'sooner')}", names=lab_report.join(v, lang)
        )
        for k, v in groups.items()
    ]
    said = "; ".join(parts)
    assert discussion.others(f, lang) == f"{said[:1].upper()}{said[1:]}."


def test_an_optimizer_whose_every_seed_diverged_gets_no_verdict_in_the_conclusions():
    f = lab6("sigmoid")
    results = dict(f.results)
    r = results["adadelta"]
    nan = {k: np.full_like(getattr(r, k), np.nan) for k in ("train_loss", "step_loss")}
    results["adadelta"] = r._replace(**nan)
    g = make("lab6", "sigmoid", results, "sgd")
    (row,) = [r for r in g.rows if r.config == "adadelta"]
    assert math.isnan(row.speedup_vs_baseline)
    said = discussion.others(g, "en")
    assert said and "Adadelta" not in said and "Adadelta" in discussion.others(f, "en")


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_the_nesterov_conclusion_gives_the_pairs_p_in_the_ranks_family(lang):
    """The speed tables hold no pairwise p: the conclusion gives the pair's, Holm-adjusted
    over every pair of lab 6's configurations (m = 6·5/2), and cites no table."""
    fs = [lab6("sigmoid", momentum=0.3, nesterov=0.6), lab6("relu", momentum=0.3, nesterov=0.3)]
    said = discussion.nesterov(fs, lang)
    for f in fs:
        q = f.ranking.p_holm["momentum", "nesterov"]
        family = text.say(lang, "handin.speed_test", p=text.p_value(q, lang), m=15)
        assert f"({family})" in said
    assert "@tab:" not in said


@pytest.mark.parametrize(
    ("normal", "xavier", "case"), [(0.6, 0.0, "unexplained"), (0.0, 0.3, "less")]
)
def test_the_deep_leaders_start_is_set_against_its_saturation_at_init(normal, xavier, case):
    """N(0, 1) leads early: more saturated at init than Xavier is no explanation (said so),
    less saturated agrees with its lead."""
    f = early_leader()
    shares = {"normal": (normal, normal), "xavier": (xavier, xavier)}
    record_ = diagnosis("sigmoid", shares, sizes=DEEP)
    lines = findings.deep_paragraphs(found(), {"lab7": [f]}, {"sigmoid": record_}, "en")
    (line,) = [x for x in lines if "1–" in x]
    why = text.say(
        "en",
        f"findings.deep.why.{case}",
        what=text.say("en", "findings.deep.what.saturated_frac"),
        lead=text.pct(normal, "en"),
        others=text.pct(xavier, "en"),
        name="N(0, 1)",
        tab="@tab:deep.sigmoid.layers",
    )
    assert why in line
