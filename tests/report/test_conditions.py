"""Lab 7's conditions against lab 6's: its training patterns, its rates, the final losses
of the configurations both share, and the curves' spacing in epochs."""

import dataclasses
import functools

import numpy as np
import pytest

from mlp_jax import records
from mlp_jax.labs import configs, summary
from mlp_jax.report import conditions, findings, finished, lab_report, text
from tests.report import test_findings as tf
from tests.report import test_findings_layers as tfl

# Its records (``tfl.once``) are made once: the module runs on one xdist worker.
pytestmark = pytest.mark.xdist_group("conditions")

HELD_OUT = (
    "fashion_mnist: IDX files in /data (Debian dataset-fashion-mnist), "
    "50000 train / 10000 validation (end of train) / 10000 test"
)


def finer(r: records.History, per_epoch: int) -> records.History:
    """``r`` logged ``per_epoch`` times an epoch (its step losses repeated to fit)."""
    steps = np.repeat(r.train_loss, per_epoch, axis=-1)
    return r._replace(step_loss=steps, steps_per_epoch=per_epoch)


def made_lab7(rates=(0.003, 0.003), source=HELD_OUT, grid=5, per_epoch=2):
    """Lab 7 with N(0, 1) and He under Adam at ``rates`` and exercise 2's plain SGD at 0.3,
    on ``source``'s data, ``grid`` rates per configuration, ``per_epoch`` points an epoch."""
    choice = records.Choice("adam", 0.01, "lab6", "adam")
    made = {}
    for i, (name, opt, init, rate, speed) in enumerate(
        (
            ("normal", "adam", "normal", rates[0], 0.5),
            ("he", "adam", "he", rates[1], 0.7),
            (configs.EXERCISE2, "sgd", "normal", 0.3, 0.2),
        )
    ):
        r = tf.record(tf.curves(speed, seed=40 + i), name, optimizer=opt, rate=rate, init=init)
        p = dataclasses.replace(r.provenance, choice=choice, data_source=source)
        made[name] = finer(r._replace(provenance=p), per_epoch)
    f = tf.make("lab7", "relu", made, "normal")
    shared = dataclasses.replace(f.provenance.shared, lr_grid=grid)
    results = {
        n: r._replace(provenance=dataclasses.replace(r.provenance, shared=shared))
        for n, r in f.results.items()
    }
    return finished.Finished("lab7", "relu", results, f.rows, [], [])


lab7 = functools.partial(tfl.once, made_lab7)
"""``made_lab7``, made once per arguments (``tfl.once``)."""


def row(f, config):
    return next(r for r in f.rows if r.config == config)


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_lab_7s_patterns_rates_and_shared_losses_come_from_the_records(lang):
    f6, f7 = tfl.once(tf.lab6), lab7()
    note = conditions.lab7_note(tf.found(lab6=[f6], lab7=[f7]), lang)
    assert text.integer(50_000, lang) in note and text.integer(10_000, lang) in note
    assert "@tab:lr_sweep.lab7" in note
    losses = [
        row(f7, configs.EXERCISE2),
        row(f6, "sgd"),
        row(f7, "normal"),
        row(f6, "adam"),
    ]
    shown = [text.num(r.final_train_loss_mean, ".4f", lang) for r in losses]
    assert all(s in note for s in shown)
    assert note.index(shown[0]) < note.index(shown[1]) < note.index(shown[2])
    # Lab 7's Adam at 0.003, lab 6's at 0.01: said once, for the baseline only.
    rates = text.say(
        lang,
        "conditions.rates",
        lab7=text.num(0.003, ".3g", lang),
        lab6=text.num(0.01, ".3g", lang),
    )
    assert note.count(rates) == 1 and note.index(rates) > note.index(shown[3])
    # The same number of points an epoch: no sentence about the spacing.
    assert text.say(lang, "conditions.epoch", lab7="", lab6="", spacing="")[:12] not in note


def test_the_same_rate_in_both_labs_is_not_said_to_differ():
    f6 = tfl.once(tf.lab6)
    note = conditions.lab7_note(tf.found(lab6=[f6], lab7=[lab7(rates=(0.01, 0.01))]), "en")
    assert "instead of" not in note and "against" in note


def test_without_lab_6_or_a_validation_split_nothing_about_them_is_said():
    f7 = lab7(source=tf.SOURCE)
    assert conditions.lab7_note(tf.found(lab7=[f7]), "pl") == ""
    note = conditions.lab7_note(tf.found(lab7=[lab7()]), "pl")
    assert "wobec" not in note and text.integer(50_000, "pl") in note
    assert conditions.lab7_note(tf.found(lab6=[tfl.once(tf.lab6)]), "pl") == ""


def test_the_rates_group_the_configurations_that_share_one():
    f7 = lab7(rates=(0.01, 0.001))
    names = ["N", "H", "E"]
    assert conditions.rated_names(f7, names, "pl") == "N: α = 0,01; H: α = 0,001; E: α = 0,3"
    f7 = lab7(rates=(0.003, 0.003))
    assert conditions.rated_names(f7, names, "en") == "N, H: α = 0.003; E: α = 0.3"


def test_the_training_cell_tells_the_patterns_held_out():
    assert (
        conditions.train_cell(lab7(), "pl") == "50\u00a0000 (10\u00a0000 odłożonych do walidacji)"
    )
    assert conditions.train_cell(lab7(source=tf.SOURCE), "en") == "256"
    assert conditions.train_cell(lab7(source="no such line"), "en") == "—"


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_a_shorter_epoch_spaces_the_same_steps_wider_in_epochs(lang):
    f6, f7 = tfl.once(tf.lab6), lab7(per_epoch=4)
    # Two windows an epoch in lab 6, four in lab 7: one step apart, 1/2 and 1/4 epoch.
    spaced = {
        conditions.spacing(f): 1 / summary.step_curves(next(iter(f.results.values())))[1].final
        for f in (f6, f7)
    }
    assert sorted(s.epochs for s in spaced) == sorted(spaced.values()) == [0.25, 0.5]
    words = conditions.spacing_words([f6, f7], lang)
    for s, lab in zip(sorted(spaced, key=lambda s: -s.epochs), ("lab6", "lab7"), strict=True):
        part = text.say(
            lang,
            "conditions.spacing.part",
            epochs=text.num(s.epochs, ".2g", lang),
            labs=text.say(lang, f"short.{lab}"),
        )
        assert part in words
    note = conditions.lab7_note(tf.found(lab6=[f6], lab7=[f7]), lang)
    assert words in note
    # The limitations say the same spacing.
    limits = findings.limitations(tf.found(lab6=[f6], lab7=[f7]), {}, lang)
    assert words in limits[-1].text
    one = conditions.spacing_words([f6], lang)
    assert one == text.say(
        lang,
        "conditions.spacing.one",
        steps=text.count(lang, 1, "conditions.count.steps"),
        epochs=text.num(0.5, ".2g", lang),
    )


def grid():
    """Lab 7's grid of rates (``tfl.lab7_grid``): the lowest validation loss at 0.01 for
    N(0, 1), at 0.001 for Xavier and He."""
    return tfl.lab7_grid(tfl.DEAD, {n: (0.87, 0.86, 0.6) for n in tfl.DEAD})


def deep_at(rate):
    """The deep network's lab 7 (``test_findings.lab7``) with every initializer at ``rate``."""
    f = tfl.once(tf.lab7)
    results = {}
    for n, r in f.results.items():
        spec = {**r.provenance.config, "learning_rate": rate}
        results[n] = r._replace(provenance=dataclasses.replace(r.provenance, config=spec))
    return f._replace(results=results)


@pytest.mark.parametrize("lang", ["en", "pl"])
@pytest.mark.parametrize(("rate", "case"), [(0.01, "candidate"), (0.001, "not")])
def test_the_deep_networks_one_rate_is_weighed_on_lab_7s_validation_grid(lang, rate, case):
    """Validation losses per rate (0.001, 0.01, 0.1): N(0, 1) 3, 1, 2; Xavier and He 1, 2,
    3. At 0.01 the rate costs N(0, 1) nothing and the others 1: a candidate cause of
    N(0, 1)'s lead; at 0.001 it costs N(0, 1) 2 and the others nothing: no candidate."""
    main = tfl.once(grid)
    deep = deep_at(rate)
    assert deep.provenance.shared.lr_grid == 1
    got = conditions.rate_handicap(deep, main, "normal", lang)
    assert got.case == case
    costs = {"normal": (0.0, 2.0), "xavier": (1.0, 0.0), "he": (1.0, 0.0)}
    k = 0 if rate == 0.01 else 1
    assert f"{text.num(costs['normal'][k], '.2g', lang)} " in got.sentence
    shown = [text.num(costs[n][k], ".2g", lang) for n in ("xavier", "he")]
    assert lab_report.join(shown, lang) in got.sentence
    assert "@tab:lr_sweep.lab7" in got.sentence
    # No grid to weigh it on, or rates that differ by initializer: nothing said.
    assert conditions.rate_handicap(deep, None, "normal", lang) == ("", "")
    mixed = deep._replace(results={**deep.results, "he": deep_at(0.1).results["he"]})
    assert conditions.rate_handicap(mixed, main, "normal", lang) == ("", "")


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_the_deep_section_says_its_rate_against_lab_7s_chosen_ones(lang):
    main = tfl.once(grid)
    chosen = {n: conditions.rate_of(main, n) for n in ("normal", "xavier", "he")}
    assert chosen == {"normal": 0.01, "xavier": 0.001, "he": 0.001}  # Lowest validation loss.
    note = conditions.deep_note([deep_at(0.01)], [main], lang)
    group = functools.partial(text.say, lang, "conditions.group")
    assert group(rate=text.num(0.01, ".3g", lang), names="N(0, 1)") in note
    assert group(rate=text.num(0.001, ".3g", lang), names="Xavier, He") in note
    # Lab 7's chosen rates are the deep network's: nothing to say.
    assert conditions.deep_note([deep_at(0.01)], [tfl.once(tf.lab7)], lang) == ""


def test_a_rate_the_halved_grid_dropped_is_no_best_rate():
    """A dropped rate has no final validation loss (NaN): the excess is over the best of the
    rates trained to the end, and a dropped rate has none itself."""
    main = tfl.once(grid)
    r = main.results["normal"]
    val = np.array(r.val_loss, dtype=float)
    val[0, ..., -1] = np.nan  # 0.001 dropped (its loss was the worst, 3).
    dropped = r._replace(val_loss=val)
    final = val[..., -1]
    means = [float(np.mean(final[i][r.finite[i]])) for i in (1, 2)]  # 0.01, 0.1
    assert conditions.validation_excess(dropped, 0.1) == pytest.approx(means[1] - min(means))
    assert conditions.validation_excess(dropped, 0.01) == 0.0
    assert conditions.validation_excess(dropped, 0.001) is None
