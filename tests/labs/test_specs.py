"""The experiments as data: the registry, and lab 7's choice of optimizer."""

import csv
import dataclasses
import math

import numpy as np
import pytest
import scipy.stats

from mlp_jax import data, records
from mlp_jax.labs import configs, experiment, specs, summary
from mlp_jax.report import lab_report, text
from tests import tiny

DATA = tiny.DATA


def test_every_lab_builds_configurations_with_its_baseline_first():
    built = {
        "lab6": specs.LAB6.configurations(specs.LAB6.defaults, configs.DEFAULT_LR),
        "lab7": specs.LAB7.configurations("adam", 0.01, specs.LAB7.defaults),
        "schedules": specs.SCHEDULES.configurations("sgd", 0.3, 10, 100),
        "momentum": specs.MOMENTUM.configurations(configs.DEFAULT_LR),
    }
    assert set(built) == set(specs.LABS)
    for name, lab in specs.LABS.items():
        names = [c.name for c in built[name]]
        assert names[0] == lab.baseline == lab.defaults[0]
        extra = {configs.EXERCISE2} if lab is specs.LAB7 else set()
        assert set(names) == set(lab.defaults) | extra
        assert lab.folder("out/mnist", "relu").as_posix() == f"out/mnist/{name}/relu"
    with pytest.raises(ValueError, match="unknown experiment 'lab8'; valid: lab6, lab7"):
        specs.get("lab8")


def test_lab7_choice_is_the_first_of_lab6s_ranking(tmp_path):
    setup = tiny.setup(tmp_path)
    by_act = {"relu": [configs.Config("sgd", "sgd", 0.01), configs.Config("adam", "adam", 0.01)]}
    results = experiment.run(setup, by_act, log=lambda _: None, write=lab_report.write_all)
    best = summary.ranked(summary.summarize("relu", results["relu"], "sgd"))[0].config
    choice = specs.lab7_choice(setup.root, "relu", DATA)
    assert choice == records.Choice(best, 0.01, "lab6", best)
    with pytest.raises(dataclasses.FrozenInstanceError):
        choice.rate = 1.0  # Nobody mutates it.
    held_out = data.synthetic(num_train=256, num_test=64, validation=32)
    assert specs.lab7_choice(setup.root, "relu", held_out) == choice  # The same data.
    assert specs.lab7_choice(setup.root, "sigmoid", DATA) is None
    other = data.synthetic(num_train=256, num_test=64, seed=1)
    assert specs.lab7_choice(setup.root, "relu", other) is None
    assert specs.lab7_optimizer(setup.root, "relu", other) == records.Choice(
        "adam", configs.DEFAULT_LR["adam"], "default"
    )
    assert specs.lab7_optimizer(setup.root, "relu", DATA, "nesterov") == records.Choice(
        "nesterov", configs.DEFAULT_LR["nesterov"], "flag"
    )


def _row(config, loss, rank=1.0):
    return records.SummaryRow.from_dict(
        {f: math.nan for f in records.SUMMARY_COLUMNS}
        | {"act": "relu", "config": config, "seeds": 3, "diverged": 0, "settings": "{}"}
        | {"data_source": "x", "speedup_note": "", "n_used": 3, "speedup_is_bound": False}
        | {"pairing": "paired", "final_train_loss_mean": loss, "rank": rank}
    )


def test_a_tie_at_rank_1_is_broken_by_the_loss_then_the_labs_order():
    best, how = specs.break_tie([_row("nesterov", 0.2), _row("momentum", 0.1)])
    assert (best.config, how) == ("momentum", "loss")
    best, how = specs.break_tie([_row("nesterov", 0.1), _row("momentum", 0.1)])
    assert (best.config, how) == ("momentum", "order")  # momentum comes first in lab 6.
    best, how = specs.break_tie([_row("adam", 0.3)])
    assert (best.config, how) == ("adam", "")
    choice = records.Choice("momentum", 0.1, "lab6", "momentum", ("nesterov",), "order")
    assert records.Choice.from_json(choice.to_json()) == choice
    old = '{"optimizer": "adam", "rate": 0.01, "why": "lab6", "config": "adam"}'
    assert records.Choice.from_json(old).tied == ()  # Records written before ties load.
    assert lab_report.tie_words(choice, "en") == (
        "Lab 6's rank 1 was shared by **Momentum** and **Nesterov momentum**; **Momentum** was "
        "picked by the lab's order (their final training losses are equal)."
    )
    assert lab_report.tie_words(choice, "pl") == (
        "Pierwsze miejsce w laboratorium 6 dzieliły konfiguracje **Momentum** i **Momentum "
        "Nesterova**; wybrano **Momentum**, bo występuje wcześniej w kolejności laboratorium "
        "(końcowe straty są równe)."
    )


def test_a_real_lab6_summary_survives_independent_recomputation(tmp_path):
    """summary.csv against numpy/scipy on the records: means, paired t, Holm, speed-up."""
    setup = tiny.setup(tmp_path, epochs=3, seeds=4)
    by_act = {
        "relu": [
            configs.Config(n, n, r) for n, r in (("sgd", 0.05), ("adam", 0.01), ("momentum", 0.05))
        ]
    }
    results = experiment.run(setup, by_act, log=lambda _: None, write=lab_report.write_all)["relu"]
    with (setup.folder("relu") / "summary.csv").open() as f:
        rows = {r["config"]: r for r in csv.DictReader(f)}
    loss = {n: r.train_loss.astype(np.float64) for n, r in results.items()}
    raw = {}
    for name in ("adam", "momentum"):
        final = loss[name][:, -1]
        assert float(rows[name]["final_train_loss_mean"]) == pytest.approx(final.mean(), rel=1e-5)
        raw[name] = scipy.stats.ttest_rel(final, loss["sgd"][:, -1]).pvalue
        assert float(rows[name]["p_vs_baseline"]) == pytest.approx(raw[name], rel=1e-5)
        assert rows[name]["pairing"] == "paired" and rows[name]["n_used"] == "4"
        # The speed-up's point: epochs of the mean curves to sgd's final mean loss.
        goal = loss["sgd"].mean(0)[-1]
        epochs = [
            np.interp(-goal, -np.r_[np.inf, c], np.arange(len(c) + 1.0))
            for c in (loss["sgd"].mean(0), loss[name].mean(0))
        ]
        reached = np.any(loss[name].mean(0) <= goal) and loss[name].mean(0)[0] > goal
        if rows[name]["speedup_note"] or not reached:
            continue  # No target, never reached, or a bound: checked in test_report.
        assert float(rows[name]["speedup_vs_baseline"]) == pytest.approx(
            epochs[0] / epochs[1], rel=1e-4
        )
    low, high = sorted(raw.values())
    holm = {
        n: min(1.0, 2 * low) if p == low else min(1.0, max(2 * low, high)) for n, p in raw.items()
    }
    for name, expected in holm.items():
        assert float(rows[name]["p_holm"]) == pytest.approx(expected, rel=1e-5)


def test_lab7_never_picks_lab6s_baseline(tmp_path):
    """Issue 29, case 7: with lab 6's other records set aside, lab 7 picked plain SGD
    "because it reached plain SGD's final loss first". Where lab 6 holds nothing usable
    but its baseline, the usual choice, saying why."""
    setup = tiny.setup(tmp_path)
    by_act = {"relu": [configs.Config("sgd", "sgd", 0.01)]}
    sgd = experiment.run(setup, by_act, log=lambda _: None)["relu"]["sgd"]
    spec = configs.Config("adam", "adam", 1e-4).spec()
    slower = sgd._replace(  # Never reaches sgd's final loss: sgd ranks first.
        train_loss=sgd.train_loss + 1,
        provenance=dataclasses.replace(sgd.provenance, config=spec),
    )
    runs = setup.folder("relu") / "runs"
    slower.save(runs / "adam.npz")
    results = experiment.latest(setup.folder("relu")).results
    assert summary.ranked(summary.summarize("relu", results, "sgd"))[0].config == "sgd"
    choice = specs.lab7_choice(setup.root, "relu", DATA)
    assert choice == records.Choice("adam", 1e-4, "lab6", "adam")
    (runs / "adam.npz").rename(runs / "adam.npz.aside")
    usual = specs.lab7_choice(setup.root, "relu", DATA)
    assert usual == records.Choice(specs.FALLBACK, configs.DEFAULT_LR["adam"], "baseline_only")
    assert text.say("en", f"why.{usual.why}") == (
        "lab 6's results on this data hold no usable optimizer but exercise 2's plain SGD, the "
        "baseline, which cannot be faster than itself, so the lab's usual choice"
    )
