"""The discussion's readings of lab 7's own layer statistics (``layers.draw``,
``layers.rate_rows``, ``layers.grad_rms``) and what ``findings`` says from them: the one
weight draw every initializer rescales, dead units against the grid of rates, Adadelta's
first steps against SGD's, Adagrad's accuracy. Records are made by hand, so the true
answer is known; every sentence is checked in each of its cases."""

import copy
import dataclasses
import math

import jax
import numpy as np
import pytest
import scipy.stats

from mlp_jax import initializers, records
from mlp_jax.labs import trajectories
from mlp_jax.report import curves, discussion, document, findings, layers, methods, text
from tests.report import test_findings as tf
from tests.report import test_lab_report as lab

# Its records (``once``) are made once: the module runs on one xdist worker.
pytestmark = pytest.mark.xdist_group("findings_layers")

S, E = tf.S, tf.E
RATES = (0.001, 0.01, 0.1)
SIZES = tf.SIZES


def stats_values(ratio=None, dead=0.0, grad=1.0, grid=None):
    """``LayerStats.values`` ``[*grid, S, E + 1, 2]``: σ over its formula ``ratio`` per seed
    at init in the first layer, the first layer's dead share ``dead`` (per grid point
    when a grid) after the last epoch, its gradient norm ``grad`` at init."""
    lead = (len(grid),) if grid else ()
    shape = lead + (S, E + 1, 2)
    values = {k: np.ones(shape) for k in records.LAYER_STATS}
    ratio = np.ones(S) if ratio is None else np.asarray(ratio, float)
    values["preact_std"][..., 0, 0] = 0.5 * ratio
    values["preact_std_closed_form"][..., 0, 0] = 0.5
    values["dead_frac"][..., 0] = 0.0
    values["dead_frac"][..., -1, 0] = np.asarray(dead, float).reshape(lead + (1,) * bool(lead))
    values["grad_norm"][..., 0, 0] = grad
    return values


def grid_record(name, *, dead, acc, val, ratio=None, noise=0.002, seed=0, spread=0.0):
    """Lab 7's ``name`` under Adam at ``RATES``: dead share, mean accuracy and validation
    loss per rate (the lowest validation loss is the chosen rate)."""
    rng = np.random.default_rng(seed)
    losses = np.stack([tf.curves(0.3, seed=seed + k) for k in range(len(RATES))])
    val_loss = np.broadcast_to(np.asarray(val, float)[:, None, None], (len(RATES), S, E + 1))
    r = lab.record(
        losses, name=name, optimizer="adam", rate=0.01, grid={"learning_rate": RATES}, val=val_loss
    )
    test_acc = np.asarray(acc, float)[:, None, None] + noise * rng.standard_normal(
        (len(RATES), S, E + 1)
    )
    choice = records.Choice("adam", 0.01, "lab6", "adam")
    spec = {**r.provenance.config, "init": name, "init_scale": 1.0}
    p = dataclasses.replace(r.provenance, config=spec, data_source=tf.SOURCE, choice=choice)
    ls = records.LayerStats(1000, stats_values(ratio, dead, grid=RATES))
    return r._replace(provenance=p, test_acc=test_acc, layer_stats=ls)


def lab7_grid(dead, acc, val=None, ratios=None):
    """Lab 7 (ReLU) with N(0, 1), Xavier and He on ``RATES``: ``dead``/``acc`` init → per
    rate; Xavier and He choose the lowest rate, N(0, 1) the middle one unless ``val``."""
    val = val or {"normal": (3, 1, 2), "xavier": (1, 2, 3), "he": (1, 2, 3)}
    results = {
        n: grid_record(
            n, dead=dead[n], acc=acc[n], val=val[n], ratio=(ratios or {}).get(n), seed=10 * i
        )
        for i, n in enumerate(("normal", "xavier", "he"))
    }
    return tf.make("lab7", "relu", results, "normal")


def step_down(p):
    """Holm's adjusted p-values, written out: the i-th smallest times (m − i), running
    maximum, capped at 1."""
    order = np.argsort(p)
    adjusted, running = np.empty(len(p)), 0.0
    for i, k in enumerate(order):
        running = max(running, (len(p) - i) * p[k])
        adjusted[k] = min(1.0, running)
    return adjusted


DEAD = {"normal": (0.0, 0.11, 0.9), "xavier": (0.07, 0.59, 0.95), "he": (0.07, 0.60, 0.96)}


def paragraph_and_table(f, lang="pl"):
    rows = layers.rate_rows(f.results, "dead_frac")
    line, table = layers.rate_blocks(f, rows, lang)
    return rows, line, table


# --------------------------------------------------------------------------
# Dead units against the grid of rates.
# --------------------------------------------------------------------------


def test_rate_rows_read_every_rate_and_star_the_chosen_one():
    acc = {n: (0.87, 0.86, 0.6) for n in DEAD}
    f = lab7_grid(DEAD, acc)
    rows = layers.rate_rows(f.results, "dead_frac")
    assert [r.rate for r in rows] == pytest.approx(RATES)
    for k, row in enumerate(rows):
        for n in DEAD:
            assert row.share[n] == pytest.approx(DEAD[n][k])
            own = f.results[n].test_acc[k, :, -1]
            assert row.acc[n] == pytest.approx(own.mean())
    assert rows[0].chosen == ("xavier", "he") and rows[1].chosen == ("normal",)
    table = layers.rates_table(rows, "dead_frac", E, "pl")
    assert table.rows[0][0] == "0,001 (Xavier, He)" and table.rows[1][0] == "0,01 (N(0, 1))"
    assert table.rows[2][0] == "0,1"
    assert table.rows[1][1:4] == ["11,0%", "59,0%", "60,0%"]
    assert "martwe: Xavier" in table.header  # The short name, no parentheses.


@pytest.mark.parametrize("lang", ["en", "pl"])
@pytest.mark.parametrize(
    ("acc_at_lab6", "case"), [(0.86, "lower"), (0.87, "same"), (0.88, "higher")]
)
def test_lab_6s_rate_against_the_chosen_one_says_what_the_paired_test_says(lang, acc_at_lab6, case):
    acc = {n: (0.87, acc_at_lab6, 0.6) for n in DEAD}
    f = lab7_grid(DEAD, acc)
    rows, line, table = paragraph_and_table(f, lang)
    assert isinstance(table, document.Table) and table.key == "diag.relu.rates"
    assert "@tab:diag.relu.rates" in line
    raw = [
        scipy.stats.ttest_rel(
            f.results[n].test_acc[k, :, -1], f.results[n].test_acc[0, :, -1]
        ).pvalue
        for n in ("xavier", "he")
        for k in (1, 2)
    ]
    holm = step_down(raw)[0]  # Xavier at lab 6's rate, first of the four.
    expected = "same" if holm >= 0.05 else case
    assert expected == case  # The noise (0.2 points) is far below the differences made.
    values = {
        "name": methods.initialized_by("xavier", lang),
        "chosen": text.num(0.001, ".3g", lang),
        "rate": text.num(0.01, ".3g", lang),
        "share_c": text.pct(0.07, lang),
        "share_r": text.pct(0.59, lang),
        "acc_c": text.pct(rows[0].acc["xavier"], lang),
        "acc_r": text.pct(rows[1].acc["xavier"], lang),
    }
    said = text.say(lang, f"findings.rates.at.{case}", p=text.p_value(holm, lang), **values)
    assert said in line
    size = text.integer(1000, lang)  # The probe batch of ``grid_record``.
    grow = text.say(lang, "findings.rates.grow", epochs=E, tab="@tab:diag.relu.rates", size=size)
    assert line.startswith(grow)
    harmless = "findings.rates.harmless"
    share = text.pct(0.59, lang)
    assert (case != "lower") == (text.say(lang, harmless, share=share, rate=text.num(0.01, ".3g", lang), p=text.p_value(holm, lang)) in line)  # fmt: skip
    m = text.count(lang, len(raw), "count.comparison")  # The four tests above.
    assert text.say(lang, "findings.rates.family", m=m) in line
    assert m == {"en": "4 comparisons", "pl": "4 porównania"}[lang]
    # The conclusion says the same verdict on the same numbers, citing the table.
    concluded = text.say(
        lang, f"concl.units.{case}", act="ReLU", tab="@tab:diag.relu.rates", **values
    )
    assert layers.rate_conclusion(f, rows, lang) == concluded


def test_n01_loses_fewer_units_at_the_same_rate_and_adams_step_says_why():
    acc = {n: (0.87, 0.86, 0.6) for n in DEAD}
    _, line, _ = paragraph_and_table(lab7_grid(DEAD, acc), "pl")
    smaller = 1 / methods.sigmas("xavier", SIZES)[0]
    assert "Przy wagach N(0, 1) i α = 0,01 martwych jest tylko 11,0%" in line
    assert text.times("pl", text.num(smaller, ".0f", "pl")) + " mniejsze" in line
    alike = {**DEAD, "normal": (0.05, 0.55, 0.9)}  # Within 10 points: no mechanism.
    _, line, _ = paragraph_and_table(lab7_grid(alike, acc), "pl")
    assert "N(0, 1) i α" not in line


def test_a_share_that_falls_with_the_rate_is_not_said_to_grow():
    dead = {**DEAD, "he": (0.3, 0.1, 0.96)}
    acc = {n: (0.87, 0.86, 0.6) for n in DEAD}
    _, line, _ = paragraph_and_table(lab7_grid(dead, acc), "en")
    assert "does not grow with α for every method" in line


def test_units_without_a_grid_die_in_training_and_saturation_is_read_from_sigma():
    shares = {"normal": (0.0, 0.11), "xavier": (0.0, 0.56), "he": (0.0, 0.59)}
    (line,) = findings.unit_paragraphs(tf.found(), {"relu": tf.diagnosis("relu", shares)}, "pl")
    grew = text.say("pl", "findings.units.grew.dead_frac", tab="@tab:diag.relu.layer1")
    assert line == f"Sieć z funkcją aktywacji ReLU: n{grew[1:]}"  # No grid: no rates.
    shares = {"normal": (0.71, 0.92), "xavier": (0.0, 0.88), "he": (0.0, 0.88)}
    diag = {"sigmoid": tf.diagnosis("sigmoid", shares, {"xavier": (0.569, 23.8)})}
    (line,) = findings.unit_paragraphs(tf.found(), diag, "pl")
    assert line.startswith(
        "Sieć z sigmoidalną funkcją aktywacji: przy wagach N(0, 1) już w chwili "
    )
    assert "inicjalizacji 71,0% wartości" in line
    assert "zwiększa się z 0,569 do 23,8" in line
    low = {"normal": (0.05, 0.92), "xavier": (0.0, 0.88), "he": (0.0, 0.88)}  # < 10 points.
    shrunk = {"xavier": (0.569, 0.3)}
    (line,) = findings.unit_paragraphs(
        tf.found(), {"sigmoid": tf.diagnosis("sigmoid", low, shrunk)}, "pl"
    )
    grew = text.say("pl", "findings.units.grew.saturated_frac", tab="@tab:diag.sigmoid.layer1")
    assert line.endswith(grew[1:]) and "0,569" not in line  # σ fell: no growth of σ said.


# --------------------------------------------------------------------------
# The one draw every initializer rescales.
# --------------------------------------------------------------------------


def test_every_initializer_rescales_one_standard_normal_draw():
    """What ``findings.draw.shared`` states about the code: the same key gives N(0, 1),
    Xavier and He weights that differ by a constant factor only."""
    key, shape = jax.random.key(3), (784, 128)
    normal = np.asarray(initializers.get("normal")(key, shape))
    for name, sigma in (("xavier", math.sqrt(2 / 912)), ("he", math.sqrt(2 / 784))):
        w = np.asarray(initializers.get(name)(key, shape))
        np.testing.assert_allclose(w, sigma * normal, rtol=1e-5, atol=1e-8)


RATIOS = np.linspace(0.92, 1.04, S)


def with_means(f, means):
    """``f`` with the first layer's pooled pre-activation mean at init ``means`` per seed."""
    results = {}
    for n, r in f.results.items():
        values = {k: v.copy() for k, v in r.layer_stats.values.items()}
        values["preact_mean"][..., 0, 0] = means
        results[n] = r._replace(layer_stats=r.layer_stats._replace(values=values))
    return f._replace(results=results)


def t_words(values, lang):
    """The one-sample t test of ``values`` against 1, by scipy."""
    test = scipy.stats.ttest_1samp(values, 1.0)
    return text.say(
        lang,
        "findings.centring.t",
        df=len(values) - 1,
        t=discussion.signed(test.statistic, ".2f", lang),
        p=discussion.p_text(test.pvalue, lang),
    )


@pytest.mark.parametrize("lang", ["en", "pl"])
@pytest.mark.parametrize(
    ("shift", "case", "centring"),
    [(0.0, "within", None), (-0.12, "beyond", "explains"), (-0.12, "beyond", "part")],
)
def test_one_draw_gives_every_method_one_ratio_and_its_mean_is_tested_against_1(
    lang, shift, case, centring
):
    """The mean ratio against its standard error (SD/√n) and scipy's one-sample t test,
    not against one draw's spread; a gap then against the centring the measurement does
    (√(σ² + mean²) over the formula: exactly 1 with ``explains``)."""
    ratios = RATIOS + shift
    f = lab7_grid(DEAD, {n: (0.87, 0.86, 0.6) for n in DEAD}, ratios=dict.fromkeys(DEAD, ratios))
    # σ = 0.5·ratio and the formula 0.5 (``stats_values``): these means make √(σ² + m²)
    # over the formula 1 ± 0.01, symmetric about 1.
    around_1 = 1 + 0.01 * np.linspace(-1, 1, S)
    means = 0.5 * np.sqrt(around_1**2 - ratios**2) if centring == "explains" else np.full(S, 0.01)
    f = with_means(f, means)
    d = layers.draw(f.results)
    assert d.shared
    lines = layers.draw_sentences([f], {"relu": None}, {}, lang)
    assert len(lines) == 2
    num = lambda v: text.num(v, ".3f", lang)
    assert f"{num(ratios.mean())} (@tab:diag.relu.layer1)" in lines[0]
    dev, se = ratios.mean() - 1, ratios.std(ddof=1) / math.sqrt(S)
    assert (scipy.stats.ttest_1samp(ratios, 1.0).pvalue < 0.05) == (case == "beyond")
    sign = "\u2212" if dev < 0 else ""
    spread = text.say(
        lang,
        f"findings.draw.{case}",
        lo=num(ratios.min()),
        hi=num(ratios.max()),
        sd=num(ratios.std(ddof=1)),
        dev=sign + text.num(abs(100 * dev), ".1f", lang) + "%",
        n=S,
        se=num(se),
        k=text.num(abs(dev) / se, ".1f", lang),
        test=t_words(ratios, lang),
    )
    if centring is None:
        assert lines[1] == spread
        return
    uncentred = np.sqrt((0.5 * ratios) ** 2 + means**2) / 0.5
    said = text.say(
        lang,
        f"findings.centring.{centring}",
        ratio=num(uncentred.mean()),
        points=text.num(100 * (uncentred.mean() - ratios.mean()), ".1f", lang),
        test=t_words(uncentred, lang),
    )
    assert lines[1] == f"{spread} {said}"
    if centring == "explains":
        np.testing.assert_allclose(uncentred.mean(), 1.0)


def test_ratios_that_differ_by_method_are_each_said_and_no_draw_is_claimed():
    ratios = {"normal": RATIOS, "xavier": RATIOS * 1.1, "he": RATIOS}
    f = lab7_grid(DEAD, {n: (0.87, 0.86, 0.6) for n in DEAD}, ratios=ratios)
    assert not layers.draw(f.results).shared
    (line,) = layers.draw_sentences([f], {"relu": None}, {}, "en")
    assert line.startswith("The ratio of the measured to the predicted σ")
    assert text.num((RATIOS * 1.1).mean(), ".3f", "en") + " (Xavier)" in line


def test_identical_dead_shares_in_the_deep_network_are_tied_to_relus_homogeneity():
    shares = {n: (0.02, 0.02) for n in DEAD}
    deep = {"relu": tf.diagnosis("relu", shares, sizes=tf.DEEP)}
    f = lab7_grid(DEAD, {n: (0.87, 0.86, 0.6) for n in DEAD}, ratios=dict.fromkeys(DEAD, RATIOS))
    first, _ = layers.draw_sentences([f], {"relu": None}, deep, "en")
    assert "positively homogeneous" in first and "(@tab:deep.relu.layers)" in first
    apart = {**shares, "he": (0.03, 0.03)}
    first, _ = layers.draw_sentences([f], {"relu": None}, {"relu": tf.diagnosis("relu", apart, sizes=tf.DEEP)}, "en")  # fmt: skip
    assert "homogeneous" not in first


# --------------------------------------------------------------------------
# Adadelta's first steps, and Adagrad's accuracy.
# --------------------------------------------------------------------------


_MADE: dict = {}


def once(build, *args, **kwargs):
    """``build(*args, **kwargs)`` (e.g. ``tf.lab6``), made once per arguments (ranking
    six configurations takes seconds of permutation tests); each call gets its own copy."""
    key = (build.__module__, build.__qualname__, args, tuple(sorted(kwargs.items())))
    if key not in _MADE:
        _MADE[key] = build(*args, **kwargs)
    return copy.deepcopy(_MADE[key])


def lab7_normal(act, grad, start=tf.START):
    """Lab 7 whose N(0, 1) record (lab 6's draw: same seeds and initial loss) has the first
    layer's gradient norm ``grad`` at init."""
    losses = tf.curves(0.3, seed=40)
    test_loss = np.concatenate([np.full((S, 1), start), losses], axis=1)
    r = tf.record(losses, "normal", optimizer="adam", rate=0.01, test_loss=test_loss)
    spec = {**r.provenance.config, "init_scale": 1.0}
    r = r._replace(
        provenance=dataclasses.replace(r.provenance, config=spec),
        layer_stats=records.LayerStats(1000, stats_values(grad=grad)),
    )
    return tf.make("lab7", act, {"normal": r}, "normal")


def adadelta_line(lab6, lab7, tmp_path, lang="en"):
    (line,) = layers.adadelta_paragraphs(
        tf.found(lab6=lab6, lab7=lab7), tmp_path / "results" / "x", lang
    )
    return line


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_adadeltas_bounded_first_step_is_set_against_sgds_for_each_activation(lang, tmp_path):
    rms = {"relu": 0.14, "sigmoid": 0.0008}  # SGD's first step 0.042 and 0.00024.
    lab6 = [once(tf.lab6, "relu", adadelta=0.2), once(tf.lab6, "sigmoid", adadelta=0.9)]
    lab7 = [lab7_normal(a, g * math.sqrt(784 * 8)) for a, g in rms.items()]
    line = adadelta_line(lab6, lab7, tmp_path, lang)
    bound = 1.0 * math.sqrt(1e-6 / (1 - 0.9))  # α√(ε/(1 − ρ)), Adadelta's defaults.
    for act, case in (("relu", "smaller"), ("sigmoid", "larger")):
        step = 0.3 * rms[act]
        said = text.say(
            lang,
            f"findings.adadelta.{case}",
            act=curves.with_act(act, lang),
            g=text.num(rms[act], ".2g", lang),
            sgd=text.num(step, ".2g", lang),
            rate=text.num(0.3, ".3g", lang),
            times=text.times(lang, text.num(max(step, bound) / min(step, bound), ".2g", lang)),
            verdict=text.say(
                lang,
                f"findings.adadelta.{'same' if act == 'relu' else 'sooner'}",
                tab=f"@tab:lab6.{act}.speed",
            ),
        )
        assert said in line
    intro = text.say(lang, "findings.adadelta.intro", bound=text.num(bound, ".2g", lang))
    assert line.startswith(intro)
    assert line.endswith(text.say(lang, "findings.adadelta.agree"))


def test_steps_that_do_not_fit_the_verdicts_are_said_not_to_explain_them(tmp_path):
    lab6 = [once(tf.lab6, "relu", adadelta=0.9), once(tf.lab6, "sigmoid", adadelta=0.9)]
    lab7 = [lab7_normal(a, 0.14 * math.sqrt(784 * 8)) for a in ("relu", "sigmoid")]
    line = adadelta_line(lab6, lab7, tmp_path)
    assert line.endswith(text.say("en", "findings.adadelta.disagree"))


def test_no_step_is_compared_without_the_same_draw(tmp_path):
    other = lab7_normal("relu", 10.0, start=tf.START + 1)  # Another initial loss.
    out = layers.adadelta_paragraphs(
        tf.found(lab6=[once(tf.lab6, "relu")], lab7=[other]), tmp_path / "results" / "x", "en"
    )
    assert out == []


def test_adadeltas_first_steps_on_the_surfaces_against_the_distance_to_the_minimum(tmp_path):
    out = tmp_path / "results" / "x"
    start = [-4.5, 1.0]
    slow = [[start[0] + 0.01 * k, 1.0] for k in range(12)]
    fast = [[start[0] + 0.5 * k, 1.0] for k in range(12)]
    runs = [
        tf.run_on("ravine", "adadelta", slow, [1.0] * 12),
        tf.run_on("ravine", "adam", fast, [1.0] * 12),
    ]
    trajectories.write_csv(out.parent / "trajectories" / "trajectories.csv", runs)
    lab6 = [once(tf.lab6, "relu", adadelta=0.2)]
    line = adadelta_line(lab6, [lab7_normal("relu", 0.14 * math.sqrt(784 * 8))], tmp_path)
    distance = math.hypot(4.5, 1.0)  # To the ravine's minimum (0, 0).
    part = text.say(
        "en",
        "findings.adadelta.surface.short",
        surface=text.say("en", "findings.adadelta.ravine"),
        moved=text.num(0.1, ".2g", "en"),
        distance=text.num(distance, ".2g", "en"),
        others=text.num(5.0, ".2g", "en"),
    )
    assert line.endswith(text.say("en", "findings.adadelta.surfaces", steps=10, parts=part))


def test_adagrad_sooner_without_an_accuracy_gain_says_so_with_its_spread():
    f = once(tf.lab6, "relu")
    results = dict(f.results)
    sgd_acc = results["sgd"].test_acc
    noise = 0.005 * np.random.default_rng(1).standard_normal(sgd_acc.shape)
    results["adagrad"] = results["adagrad"]._replace(test_acc=sgd_acc + 0.001 + noise)
    g = tf.make("lab6", "relu", results, "sgd")
    row, base = (next(r for r in g.rows if r.config == n) for n in ("adagrad", "sgd"))
    line = findings.adagrad_quality(g, row, "11,8", False, "pl")
    assert line.startswith("Tu jednak przyspieszenie nie idzie w parze z wyższą dokładnością")
    assert text.p_value(row.test_acc_p_holm, "pl") in line
    wider = row.final_train_loss_std / base.final_train_loss_std
    assert ("większe niż przy SGD" in line) == (wider >= findings.WIDER)
    better = dict(results, adagrad=results["adagrad"]._replace(test_acc=sgd_acc + 0.05 + noise))
    g = tf.make("lab6", "relu", better, "sgd")
    row = next(r for r in g.rows if r.config == "adagrad")
    assert findings.adagrad_quality(g, row, "11,8", True, "pl") == ""
    assert findings.adagrad_quality(g, row, "11,8", False, "pl").startswith(
        "Strata początkowa na zbiorze testowym wynosi tu 11,8"
    )


def test_xavier_and_he_times_cite_the_speed_table_and_the_quality_table_without_a_target():
    f = tf.lab7()
    t = discussion.xavier_he(f)
    line = discussion.tests_sentence(f, t, [0.5, 0.5], "en")
    assert "Xavier's over He's (@tab:lab7.relu.speed): " in line
    assert "(@tab:lab7.relu.quality);" in line
    # The time's p is the ranks' (the family of every pair of lab 7's configurations).
    q, m = f.ranking.p_holm["xavier", "he"], f.ranking.family
    assert f"{discussion.p_text(q, 'en')}, Holm-adjusted over all m = {m} pairs" in line
    no_target = t._replace(speed=None)
    line = discussion.tests_sentence(f, no_target, [0.5, 0.5], "en")
    assert "@tab:lab7.relu.speed" not in line and line.endswith("(@tab:lab7.relu.quality): —.")


@pytest.mark.parametrize(("lang", "said"), [("pl", "dwa z 12 powtórzeń kończą uczenie ze stratą"), ("en", "two of 12 seeds end at")])  # fmt: skip
def test_far_off_seeds_are_counted_in_words_with_their_verb_agreeing(lang, said, tmp_path):
    """Two seeds far above the rest (``odd_lab6``): the count in words, the verb plural."""
    (paragraph, _) = curves.seed_blocks(tf.found(lab6=[once(tf.odd_lab6, True)]), tmp_path, lang)
    assert said in paragraph
    assert text.number("pl", 1, "nom.n") == "jedno"  # "jedno z … powtórzeń kończy uczenie"
    assert text.plural("pl", 1, "findings.seeds.end") == text.plural("pl", 5, "findings.seeds.end")


def test_adagrad_not_sooner_without_an_accuracy_gain_says_that_alone():
    f = once(tf.lab6, "relu")
    results = dict(f.results)
    noise = 0.005 * np.random.default_rng(2).standard_normal(results["sgd"].test_acc.shape)
    results["adagrad"] = results["adagrad"]._replace(test_acc=results["sgd"].test_acc + noise)
    g = tf.make("lab6", "relu", results, "sgd")
    row = next(r for r in g.rows if r.config == "adagrad")
    line = findings.adagrad_quality(g, row, "", True, "pl", sooner=False)
    assert (
        line.startswith("Dokładność nie jest też istotnie wyższa: ")
        and "przyspieszenie" not in line
    )
    assert text.p_value(row.test_acc_p_holm, "pl") in line


def test_a_rate_the_halved_grid_dropped_is_left_out_of_its_initializers_cells():
    acc = {n: (0.87, 0.86, 0.6) for n in DEAD}
    f = lab7_grid(DEAD, acc)
    he = f.results["he"]
    epochs = he.train_loss.shape[-1]
    halved = he._replace(grid_epochs=np.array([epochs, epochs, 1]))  # 0.1 dropped after 1
    f.results["he"] = halved
    rows = layers.rate_rows(f.results, "dead_frac")
    assert "he" not in rows[2].share and "he" not in rows[2].acc
    assert rows[2].share["xavier"] == pytest.approx(DEAD["xavier"][2])
    for n, r in f.results.items():  # Every record's settings say the grid was halved.
        shared = dataclasses.replace(r.provenance.shared, lr_halving=1)
        f.results[n] = r._replace(provenance=dataclasses.replace(r.provenance, shared=shared))
    _, _, table = paragraph_and_table(f, "en")
    assert table.rows[2][3] == layers.DROPPED and table.rows[2][6] == layers.DROPPED
    assert table.caption.endswith(". –: dropped after epoch 1 by the halving of the grid")
    assert table.rows[1][3] == "60.0%"


def test_first_steps_smaller_in_every_network_fit_without_a_contrast(tmp_path):
    """Adadelta's first steps below SGD's in both networks and no verdict "sooner": they fit,
    said without the larger-against-smaller contrast that is not there."""
    lab6 = [once(tf.lab6, "relu", adadelta=0.2), once(tf.lab6, "sigmoid", adadelta=0.2)]
    lab7 = [lab7_normal(a, 0.14 * math.sqrt(784 * 8)) for a in ("relu", "sigmoid")]
    line = adadelta_line(lab6, lab7, tmp_path)
    assert line.count("smaller than Adadelta's") == 0 and "at least" in line
    assert line.endswith(text.say("en", "findings.adadelta.agree.alike"))
