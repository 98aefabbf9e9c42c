"""How each learning rate was chosen (``report.rates``), from a real sweep on the MNIST
sample (``experiments.lr_sweep``): cells equal to the records' losses recomputed with
NumPy, lab 6's rate in bold, the best-rank rule recomputed, lab 7's grid, the momentum
study's rates from its design, exercise 2's one rate."""

import dataclasses
import math
import types
from pathlib import Path

import numpy as np
import pytest

import mlp_jax
from mlp_jax import records
from mlp_jax.labs import configs, lr_sweep
from mlp_jax.report import document, momentum_study, rates, text
from tests.report.test_results import WORDS, decay, finished, record, shared

SAMPLE = Path(mlp_jax.__file__).parent / "mnist_sample"
GRID = (0.01, 0.1, 0.3)
ARGS = [
    "--act=sigmoid,relu",
    "--optimizers=sgd,adadelta",
    f"--grid={','.join(map(str, GRID))}",
    "--epochs=1",
    "--seeds=2",
    "--hidden=8",
    f"--data_dir={SAMPLE}",
]


@pytest.fixture(scope="module")
def swept(run_cli, tmp_path_factory):
    """A sweep of SGD and Adadelta on the MNIST sample, run twice (the second resumes)."""
    out = tmp_path_factory.mktemp("sweep")
    first = run_cli("lr_sweep", *ARGS, f"--out_dir={out}")
    again = run_cli("lr_sweep", *ARGS, f"--out_dir={out}")
    assert first.returncode == 0 and again.returncode == 0, first.stderr + again.stderr
    return out / "mnist", again.stdout


def _raw(path: Path) -> dict[str, np.ndarray]:
    with np.load(path) as f:
        return {k: f[k] for k in ("train_loss", "diverged_step")}


def _expected(root: Path) -> dict[tuple[str, str, float], float]:
    """(optimizer, act, rate) → the seeds' mean final training loss, read from the files
    (inf where a seed diverged)."""
    found = {}
    for path in sorted(root.glob("lr_sweep/*/runs/*.npz")):
        raw = _raw(path)
        scale = 10.0 if path.stem == "adadelta" else 1.0
        for g, rate in enumerate(GRID):
            diverged = (raw["diverged_step"][g] >= 0).any()
            loss = math.inf if diverged else float(raw["train_loss"][g, :, -1].mean())
            found[path.stem, path.parent.parent.name, scale * rate] = loss
    return found


def lab6_at(rates_: dict[str, float]):
    """Lab 6's records with each optimizer at ``rates_[name]``, both activations."""
    made = {
        n: record(decay(0.2, seed=i), configs.Config(n, n, r))
        for i, (n, r) in enumerate(rates_.items())
    }
    return [finished(made, act=act) for act in ("sigmoid", "relu")]


def test_the_sweep_resumes_and_each_record_holds_its_grid(swept):
    root, again = swept
    assert again.count("finished earlier, skipping") == 4 and "epoch 1/1" not in again
    assert sorted(p.parent.parent.name + "/" + p.stem for p in root.glob("lr_sweep/*/runs/*")) == [
        "relu/adadelta", "relu/sgd", "sigmoid/adadelta", "sigmoid/sgd",
    ]  # fmt: skip
    sweep = lr_sweep.load(root)
    expected = _expected(root)
    assert len(sweep.points) == len(expected) == 12
    for p in sweep.points:
        assert p.final_train_loss_mean == pytest.approx(
            expected[p.optimizer, p.act, p.learning_rate]
        )
    assert sweep.settings.epochs == 1 and sweep.settings.seeds == 2
    csv = (root / "lr_sweep" / "lr_sweep.csv").read_text().splitlines()
    assert csv[0].split(",") == list(lr_sweep.Point._fields) and len(csv) == 13


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_the_table_holds_each_rates_loss_with_lab_6s_in_bold(swept, lang):
    root, _ = swept
    sweep, expected = lr_sweep.load(root), _expected(root)
    used = {"sgd": 0.3, "adadelta": 1.0}
    table = rates.sweep_table(lab6_at(used), sweep, lang)
    assert table.key == "lr_sweep" and table.header[2:] == [text.num(g, ".3g", lang) for g in GRID]
    assert len(table.rows) == 4 and [r[0] for r in table.rows][1::2] == ["", ""]
    for i, row in enumerate(table.rows):
        name, act = ("sgd", "adadelta")[i // 2], ("sigmoid", "relu")[i % 2]
        scale = 10.0 if name == "adadelta" else 1.0
        for rate, cell in zip(GRID, row[2:], strict=True):
            loss = expected[name, act, scale * rate]
            shown = text.num(loss, ".3f", lang) if math.isfinite(loss) else None
            shown = shown or text.say(lang, "lrtable.diverged")
            bold = math.isclose(scale * rate, used[name])
            assert cell == (f"**{shown}**" if bold else shown)
    assert "10" in table.rows[2][0] and "10" not in table.rows[0][0]  # Adadelta's ×10.


def _best_by_ranks(expected, name):
    """The rule recomputed: per activation rank the rates by loss; the lowest rank sum among
    rates that never diverged; ties to the lower rate."""
    scale = 10.0 if name == "adadelta" else 1.0
    rates_ = [scale * g for g in GRID]
    total = dict.fromkeys(rates_, 0.0)
    for act in ("sigmoid", "relu"):
        losses = [expected[name, act, r] for r in rates_]
        for rank, j in enumerate(np.argsort(losses, kind="stable")):
            total[rates_[j]] += math.inf if math.isinf(losses[j]) else rank
    finite = [r for r in rates_ if math.isfinite(total[r])]
    return min(finite, key=lambda r: (total[r], r)) if finite else None


def test_the_rule_sentence_names_where_this_datas_best_differs(swept):
    root, _ = swept
    sweep, expected = lr_sweep.load(root), _expected(root)
    lab6 = lab6_at({"sgd": 0.3, "adadelta": 1.0})
    sentence = rates.rule_sentence(lab6, sweep, "en")
    assert sentence.startswith(text.say("en", "lrtable.rule"))
    for name, shown, used in (("sgd", "SGD", 0.3), ("adadelta", "Adadelta", 1.0)):
        best = _best_by_ranks(expected, name)
        said = f"{shown} {text.num(best, '.3g', 'en')} instead of {text.num(used, '.3g', 'en')}"
        assert (said in sentence) == (best is not None and not math.isclose(best, used))
    lab6_other = lab6_at({"sgd": 0.1, "adadelta": 1.0})  # SGD's rate given in the command.
    assert "SGD: α was given in the command" in rates.rule_sentence(lab6_other, sweep, "en")


def test_without_the_sweep_the_table_gives_lab_6s_rates(lang="pl"):
    blocks = rates.blocks({"lab6": lab6_at({"sgd": 0.3, "adam": 0.01})}, None, lang)
    table, words = blocks
    assert [r[2] for r in table.rows] == ["0,3", "0,3", "0,01", "0,01"]
    assert text.say(lang, "lrtable.no_sweep") in words.text
    assert "domyśln" not in document.markdown(document.numbered(blocks, WORDS[lang]))


def test_lab_7s_table_holds_the_validation_losses_and_the_chosen_rate(lang="en"):
    settings = shared("lab7", act="relu", lr_grid=3, validation=50)
    val = np.stack([np.full((10, 6), v) for v in (0.9, 0.4, 0.7)])
    val = val + 0.01 * np.random.default_rng(1).standard_normal(val.shape)
    choice = records.Choice("adam", 0.01, "lab6", "adam")
    made = {
        n: record(
            np.stack([decay(0.2)] * 3),
            configs.Config(n, "adam", 0.01, init=n),
            baseline="normal",
            settings=settings,
            val=val + i,
            choice=choice,
        )
        for i, n in enumerate(("normal", "he"))
    }
    table = rates.lab7_table([finished(made, "lab7")], lang, "k")
    assert table.header[2:] == ["0.001", "0.01", "0.1"]
    for i, row in enumerate(table.rows):
        means = (val[:, :, -1] + i).mean(axis=1)
        cells = [text.num(m, ".3f", lang) for m in means]
        cells[int(np.argmin(means))] = f"**{cells[int(np.argmin(means))]}**"
        assert row[2:] == cells
    assert "from lab 6 (Adam: rank 1)" in table.caption and "last 50 examples" in table.caption


def test_lab_7s_table_marks_the_rates_a_halved_grid_dropped(lang="pl"):
    settings = shared("lab7", act="relu", lr_grid=3, validation=50)
    settings = dataclasses.replace(settings, lr_halving=2)
    val = np.stack([np.full((10, 6), v) for v in (0.9, 0.4, 0.7)])
    val[0, :, 3:] = np.nan  # 0.001 dropped after epoch 2
    choice = records.Choice("adam", 0.01, "lab6", "adam")
    he = record(
        np.stack([decay(0.2)] * 3),
        configs.Config("he", "adam", 0.01, init="he"),
        baseline="normal",
        settings=settings,
        val=val,
        choice=choice,
    )
    he = he._replace(grid_epochs=np.array([2, 5, 5]))
    table = rates.lab7_table([finished({"he": he}, "lab7")], lang, "k")
    assert table.rows[0][2:] == ["odrzucone po 2. ep.", "**0,400**", "0,700"]
    assert "„odrzucone po 2. ep.” – wartość odrzucona po 2. epoce" in table.caption


def test_the_momentum_studys_rates_are_said_by_its_design(lang="pl"):
    """α/(1 − γ) computed here: the configurations at SGD's step are those whose
    α/(1 − γ) is SGD's α; the others train at lab 6's momentum α."""
    study = configs.momentum_study(configs.DEFAULT_LR)
    made = {
        c.name: record(decay(0.2, seed=i), c, settings=shared("momentum"))
        for i, c in enumerate(study)
    }
    found = {
        "lab6": lab6_at({"sgd": 0.3, "momentum": 0.1}),
        momentum_study.NAME: [finished(made, momentum_study.NAME)],
    }
    sentence = rates.blocks(found, None, lang)[-1].text
    sgd = configs.DEFAULT_LR["sgd"]
    lab6_step = configs.DEFAULT_LR["momentum"] / (1 - 0.9)  # 0.1 / (1 − 0.9) = 1.
    groups = {sgd: [], lab6_step: []}
    for c in study[1:]:
        gamma = c.optimizer_kwargs.get("momentum", 0.0)
        rate = text.num(c.learning_rate, ".3g", lang)
        arm = (
            f"momentum (γ = {text.num(gamma, 'g', lang)}, α = {rate})"
            if gamma
            else f"SGD (α = {rate})"
        )
        step = c.learning_rate / (1 - gamma)
        groups[next(s for s in groups if math.isclose(step, s))].append(arm)
    assert groups[sgd] == ["momentum (γ = 0,5, α = 0,15)", "momentum (γ = 0,9, α = 0,03)"]
    assert f"{' i '.join(groups[sgd])} – α = 0,3·(1 − γ) z założenia badania" in sentence
    big = ", ".join(groups[lab6_step][:-1]) + " i " + groups[lab6_step][-1]
    assert f"{big} – α = 1·(1 − γ) z założenia badania" in sentence
    assert "podany w poleceniu" not in sentence and "podane w poleceniu" not in sentence
    assert "@tab:momentum.relu" in sentence
    assert "Zwykły SGD z ćwiczenia 2 ma w każdym badaniu to samo α = 0,3." in sentence


def test_exercise_2s_rates_are_named_per_experiment_where_they_differ():
    lab6 = lab6_at({"sgd": 0.1, "adam": 0.01})
    ex2 = record(decay(0.1), configs.Config(configs.EXERCISE2, "sgd", 0.3), baseline="normal")
    lab7 = finished({"normal": ex2, configs.EXERCISE2: ex2}, "lab7")
    sentence = rates.blocks({"lab6": lab6, "lab7": [lab7]}, None, "en")[-1].text
    assert "Exercise 2's plain SGD has α: lab 6: 0.1; lab 7: 0.3." in sentence


TABLE16 = {
    "sigmoid": {0.1: 1.05705, 0.3: 0.733415, 1.0: 0.545335, 3.0: 0.471825, 10.0: 0.573759},
    "relu": {0.1: 8.61083, 0.3: 5.30963, 1.0: 3.21115, 3.0: 0.688123, 10.0: 0.529382},
}
"""Adadelta's final training losses in the hand-in's sweep (Fashion-MNIST, 3 epochs): the
rule takes 3, while ReLU alone ends lowest at 10."""

TIED = {"sigmoid": {0.3: 0.5, 1.0: 0.6, 3.0: 0.9}, "relu": {0.3: 0.8, 1.0: 0.7, 3.0: 0.9}}
"""Rank sums 1, 1 and 4: 0.3 and 1 tie, the rule takes 0.3."""

EPOCHS = {"en": "three epochs", "pl": "trzech epokach"}


def adadelta_sweep(losses, diverged=()):
    """Adadelta's points of ``losses`` (act → rate → final loss), 3 epochs; those in
    ``diverged`` (act, rate) with a diverged seed and an infinite loss."""
    points = tuple(
        lr_sweep.Point("adadelta", act, rate, 2, int(out), math.inf if out else loss, 0.8)
        for act, at in losses.items()
        for rate, loss in at.items()
        for out in [(act, rate) in diverged]
    )
    return lr_sweep.Sweep(points, types.SimpleNamespace(epochs=3), {"init": "normal"})


def numpy_rule(losses, diverged=()):
    """The selection rule recomputed on an array: ranks per activation by argsort (a
    diverged point's loss infinite), summed; a rate diverged in any activation out; the
    lowest rate of the lowest sum (None when every rate is out)."""
    acts, grid = sorted(losses), sorted(losses["sigmoid"])
    table = np.array(
        [[math.inf if (a, r) in diverged else losses[a][r] for r in grid] for a in acts]
    )
    out = np.isinf(table).any(axis=0)
    ranks = np.argsort(np.argsort(table, axis=1, kind="stable"), axis=1).sum(axis=0)
    score = np.where(out, np.inf, ranks)
    return None if out.all() else grid[int(np.argmin(score))]


def said(lang, used, best, losses, diverged=()):
    """The discussion's sentence and the appendix's, from the losses directly."""
    num = lambda v, spec=".3g": text.num(v, spec, lang)
    parts = []
    for act in ("sigmoid", "relu"):
        name, at_best = text.say(lang, f"methods.name.{act}"), num(losses[act][best], ".3f")
        if (act, used) in diverged:
            key, at_used = "lrtable.untuned.part.diverged", ""
        else:
            key, at_used = "lrtable.untuned.part", num(losses[act][used], ".3f")
        parts.append(text.say(lang, key, act=name, best=at_best, used=at_used, rate=num(used)))
    values = {
        "used": num(used),
        "best": num(best),
        "epochs": EPOCHS[lang],
        "parts": "; ".join(parts),
    }
    discussion = text.say(lang, "findings.adadelta.rule", tab="@tab:lr_sweep", **values)
    return discussion, text.say(lang, "lrtable.untuned", name="Adadelta", **values)


@pytest.mark.parametrize("lang", ["en", "pl"])
@pytest.mark.parametrize(
    "losses, used, diverged",
    [
        (TABLE16, 1.0, ()),  # The hand-in: the rule takes 3 over lab 6's 1.
        (TIED, 1.0, ()),  # Lab 6's 1 ties with 0.3; the rule takes the lower.
        (TABLE16, 1.0, [("relu", 1.0)]),  # A seed diverged at lab 6's rate.
        (TABLE16, 1.0, [("sigmoid", 3.0)]),  # The rule's first pick diverged: 10.
    ],
)
def test_the_discussion_and_the_appendix_say_the_rules_rate_with_the_same_losses(
    losses, used, diverged, lang
):
    best = numpy_rule(losses, diverged)
    assert best is not None and not math.isclose(best, used)
    sweep, lab6 = adadelta_sweep(losses, diverged), lab6_at({"adadelta": used})
    discussion, appendix = said(lang, used, best, losses, diverged)
    assert rates.adadelta_rate({"lab6": lab6}, sweep, lang) == discussion
    rule = rates.rule_sentence(lab6, sweep, lang)
    other = text.say(lang, "lrtable.other", name="Adadelta", best=text.num(best, ".3g", lang), used=text.num(used, ".3g", lang))  # fmt: skip
    assert text.say(lang, "lrtable.differs", which=other) in rule and appendix in rule
    assert text.say(lang, "lrtable.agrees") not in rule


def test_the_hand_ins_sentence_names_the_rules_3_not_relus_own_best_10():
    assert min(TABLE16["relu"], key=TABLE16["relu"].get) == 10.0
    assert numpy_rule(TABLE16) == 3.0
    sentence = rates.adadelta_rate(
        {"lab6": lab6_at({"adadelta": 1.0})}, adadelta_sweep(TABLE16), "en"
    )
    assert "would choose α = 3 for Adadelta" in sentence and "α = 10" not in sentence
    assert "(sigmoid: 0.472 against 0.545; ReLU: 0.688 against 3.211)" in sentence


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_nothing_is_said_where_the_rule_takes_lab_6s_rate_or_none(lang):
    cases = [
        (TABLE16, 3.0, ()),  # The rule's own rate.
        (TIED, 0.3, ()),  # The lower of a tie: the rule's pick.
    ]
    for losses, used, diverged in cases:
        assert numpy_rule(losses, diverged) == used
        sweep, lab6 = adadelta_sweep(losses, diverged), lab6_at({"adadelta": used})
        assert rates.adadelta_rate({"lab6": lab6}, sweep, lang) == ""
        assert text.say(lang, "lrtable.agrees") in rates.rule_sentence(lab6, sweep, lang)
    every = [("relu", r) for r in TABLE16["relu"]]
    assert numpy_rule(TABLE16, every) is None
    lab6 = lab6_at({"adadelta": 1.0})
    sweep = adadelta_sweep(TABLE16, every)
    assert rates.adadelta_rate({"lab6": lab6}, sweep, lang) == ""
    rule = rates.rule_sentence(lab6, sweep, lang)
    assert text.say(lang, "lrtable.all_diverged", names="Adadelta") in rule
    assert text.say(lang, "lrtable.agrees") not in rule
    assert rates.adadelta_rate({"lab6": lab6}, None, lang) == ""


def test_without_lab_6s_rate_in_the_sweep_the_appendix_alone_names_the_rules(lang="en"):
    lab6 = lab6_at({"adadelta": 1.0})
    unswept = {act: {r: v for r, v in at.items() if r != 1.0} for act, at in TABLE16.items()}
    sweep = adadelta_sweep(unswept)
    assert rates.adadelta_rate({"lab6": lab6}, sweep, lang) == ""
    rule = rates.rule_sentence(lab6, sweep, lang)
    assert "Adadelta 3 instead of 1" in rule and "thus hold" not in rule
