"""The experiments as data: the registry, and lab 7's choice of optimizer."""

import dataclasses

import pytest

from mlp_jax import configs, data, experiment, labs, records, report, summary

DATA = data.synthetic(num_train=256, num_test=64)


def test_every_lab_builds_configurations_with_its_baseline_first():
    built = {
        "lab6": labs.LAB6.configurations(labs.LAB6.defaults, configs.DEFAULT_LR),
        "lab7": labs.LAB7.configurations("adam", 0.01, labs.LAB7.defaults),
        "schedules": labs.SCHEDULES.configurations("sgd", 0.3, 10, 100),
    }
    assert set(built) == set(labs.LABS)
    for name, lab in labs.LABS.items():
        names = [c.name for c in built[name]]
        assert names[0] == lab.baseline == lab.defaults[0]
        extra = {configs.EXERCISE2} if lab is labs.LAB7 else set()
        assert set(names) == set(lab.defaults) | extra
        assert lab.folder("out/mnist", "relu").as_posix() == f"out/mnist/{name}/relu"
    with pytest.raises(ValueError, match="unknown experiment 'lab8'; valid: lab6, lab7"):
        labs.get("lab8")


def test_lab7_choice_is_the_first_of_lab6s_ranking(tmp_path):
    setup = experiment.Setup.create(
        "lab6", "sgd", tmp_path, DATA, [784, 8, 10], batch_size=64, epochs=2, seeds=3
    )
    by_act = {"relu": [configs.Config("sgd", "sgd", 0.01), configs.Config("adam", "adam", 0.01)]}
    results = experiment.run(setup, by_act, log=lambda _: None, write=report.write_all)
    best = summary.ranked(summary.summarize("relu", results["relu"], "sgd"))[0].config
    choice = labs.lab7_choice(setup.root, "relu", DATA)
    assert choice == records.Choice(best, 0.01, "lab6", best)
    with pytest.raises(dataclasses.FrozenInstanceError):
        choice.rate = 1.0  # Nobody mutates it.
    held_out = data.synthetic(num_train=256, num_test=64, validation=32)
    assert labs.lab7_choice(setup.root, "relu", held_out) == choice  # The same data.
    assert labs.lab7_choice(setup.root, "sigmoid", DATA) is None
    other = data.synthetic(num_train=256, num_test=64, seed=1)
    assert labs.lab7_choice(setup.root, "relu", other) is None
    assert labs.lab7_optimizer(setup.root, "relu", other) == records.Choice(
        "adam", configs.DEFAULT_LR["adam"], "default"
    )
    assert labs.lab7_optimizer(setup.root, "relu", DATA, "nesterov") == records.Choice(
        "nesterov", configs.DEFAULT_LR["nesterov"], "flag"
    )
