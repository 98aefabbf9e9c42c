"""Layer diagnostics: the stats against NumPy, seed 001's argument, symmetry, the
statistics lab 7 records read instead of training, the CLI."""

import csv
import dataclasses
import math
import re
from pathlib import Path

import jax
import numpy as np
import optax
import pytest

from mlp_jax import data, initializers, model, records, train
from mlp_jax.labs import configs, diagnostics, experiment, summary
from mlp_jax.report import layers, text
from tests import tiny

ROOT = Path(__file__).resolve().parents[2]

# A hand-made 4-3-3-2 MLP. Inputs are non-negative, so hidden unit 2 of layer 0
# (negative weights and bias) is zero on every example under relu; unit 0 has a
# large pre-activation and saturates sigmoid and tanh.
X = np.array(
    [[0.0, 0.5, 1.0, 0.2], [1.0, 0.0, 0.3, 0.9], [0.4, 0.4, 0.4, 0.4], [0.9, 0.1, 0.0, 0.6]]
)
Y = np.array([0, 1, 1, 0])
PARAMS = [
    {
        "w": np.array([[4.0, 0.3, -1.0], [5.0, -0.8, -0.5], [3.0, 1.2, -2.0], [6.0, -0.4, -0.1]]),
        "b": np.array([1.0, 0.1, -0.2]),
    },
    {
        "w": np.array([[0.7, -1.1, 0.2], [-0.3, 0.9, 1.5], [0.5, 0.4, -0.6]]),
        "b": np.array([-0.1, 0.2, 0.0]),
    },
    {"w": np.array([[1.0, -0.5], [0.3, 0.8], [-0.7, 0.2]]), "b": np.array([0.05, -0.05])},
]
NUMPY_ACTIVATIONS = {
    "sigmoid": lambda z: 1 / (1 + np.exp(-z)),
    "tanh": np.tanh,
    "relu": lambda z: np.maximum(z, 0),
    "leaky_relu": lambda z: np.where(z >= 0, z, 0.01 * z),
}
# The documented thresholds, restated on z: σ(z) ∉ [0.02, 0.98] ⇔ |z| > ln 49, and
# |tanh z| > 0.96 ⇔ |z| > atanh 0.96.
SATURATED_Z = {"sigmoid": math.log(49), "tanh": math.atanh(0.96)}


def numpy_loss(params, x, y, act):
    h = x
    for layer in params[:-1]:
        h = NUMPY_ACTIVATIONS[act](h @ layer["w"] + layer["b"])
    z = h @ params[-1]["w"] + params[-1]["b"]
    logp = z - z.max(1, keepdims=True)
    logp -= np.log(np.exp(logp).sum(1, keepdims=True))
    return -logp[np.arange(len(y)), y].mean()


def numpy_grad_norm(params, x, y, act, layer, eps=1e-6):
    """‖∂C/∂W‖_F of one layer by central differences."""
    grad = np.zeros_like(params[layer]["w"])
    for idx in np.ndindex(grad.shape):
        shifted = []
        for sign in (1, -1):
            p = [dict(q) for q in params]
            p[layer]["w"] = params[layer]["w"].copy()
            p[layer]["w"][idx] += sign * eps
            shifted.append(numpy_loss(p, x, y, act))
        grad[idx] = (shifted[0] - shifted[1]) / (2 * eps)
    return np.sqrt((grad**2).sum())


def numpy_stats(params, x, y, act):
    out = {name: [] for name in diagnostics.STATS}
    h = x
    for i, layer in enumerate(params):
        hidden = i < len(params) - 1
        z = h @ layer["w"] + layer["b"]
        closed = np.mean(layer["w"] ** 2) * np.mean((h**2).sum(1)) + np.mean(layer["b"] ** 2)
        out["preact_mean"].append(z.mean())
        out["preact_std"].append(np.sqrt(((z - z.mean()) ** 2).mean()))
        out["preact_std_closed_form"].append(np.sqrt(closed))
        saturates = hidden and act in SATURATED_Z
        out["saturated_frac"].append(np.mean(np.abs(z) > SATURATED_Z[act]) if saturates else np.nan)
        dies = hidden and act == "relu"
        out["dead_frac"].append(np.mean(np.all(z <= 0, axis=0)) if dies else np.nan)
        out["grad_norm"].append(numpy_grad_norm(params, x, y, act, i))
        h = NUMPY_ACTIVATIONS[act](z) if hidden else z
    return {k: np.array(v) for k, v in out.items()}


STATS = jax.jit(diagnostics.layer_stats, static_argnames="act")


@pytest.mark.parametrize("act", list(NUMPY_ACTIVATIONS))
def test_layer_stats_against_numpy(x64, act):
    got = STATS(PARAMS, X, Y, act)
    want = numpy_stats(PARAMS, X, Y, act)
    for name in diagnostics.STATS:
        np.testing.assert_allclose(got[name], want[name], rtol=1e-6, atol=1e-9, err_msg=name)
    if act in ("sigmoid", "tanh"):
        assert 0 < got["saturated_frac"][0] < 1  # The example exercises the threshold.
    if act == "relu":
        np.testing.assert_allclose(got["dead_frac"][0], 1 / 3)


def pixels(kind, n=500, seed=0):
    """Pixel-like inputs in [0, 1]: uniform, or seed 001's half zeros, half ones."""
    rng = np.random.default_rng(seed)
    if kind == "uniform":
        return rng.random((n, 784), dtype=np.float32)
    return (rng.permuted(np.tile(np.arange(784) < 392, (n, 1)), axis=1)).astype(np.float32)


WEIGHT_VARIANCE = {"normal": 1.0, "xavier": 2 / (784 + 512), "he": 2 / 784}


@pytest.mark.parametrize("kind", ["uniform", "half_ones"])
@pytest.mark.parametrize("init", list(WEIGHT_VARIANCE))
def test_seed_001_argument(kind, init):
    """Var(z) = Var(w)·Σᵢxᵢ²: N(0, 1) weights saturate sigmoid units, Xavier/He do not."""
    params = model.init_mlp(jax.random.key(0), [784, 512, 10], initializers.get(init))
    x = pixels(kind)
    got = jax.device_get(STATS(params, x, np.zeros(len(x), int), "sigmoid"))
    expected_std = math.sqrt(WEIGHT_VARIANCE[init] * np.mean((x**2).sum(1)))
    np.testing.assert_allclose(got["preact_std"][0], expected_std, rtol=0.1)
    np.testing.assert_allclose(got["preact_std_closed_form"][0], expected_std, rtol=0.02)
    if init == "normal":  # sqrt(Σxᵢ²): ≈ 16 (uniform), √392 ≈ 19.8 (half ones).
        assert got["preact_std"][0] > 10
        assert got["saturated_frac"][0] > 0.5
    else:
        assert 0.3 < got["preact_std"][0] < 1.5
        assert got["saturated_frac"][0] < 0.01


def test_zero_init_keeps_hidden_units_identical():
    dataset = data.synthetic(num_train=256, num_test=64)
    history = train.train(
        dataset.train_x,
        dataset.train_y,
        test=(dataset.test_x, dataset.test_y),
        layer_sizes=[784, 8, 6, 10],
        activation=jax.nn.sigmoid,
        w_init=initializers.get("zeros"),
        optimizer=optax.sgd(1.0),
        batch_size=32,
        epochs=3,
        seeds=1,
        log=None,
    )
    params = jax.tree.map(lambda a: np.asarray(a[0]), history.params)
    assert np.abs(params[0]["w"]).max() > 1e-5  # Trained, not stuck at zero.
    for layer in range(len(params) - 1):
        incoming, bias, outgoing = params[layer]["w"], params[layer]["b"], params[layer + 1]["w"]
        np.testing.assert_allclose(incoming, incoming[:, :1] + 0 * incoming, rtol=1e-6, atol=0)
        np.testing.assert_allclose(bias, np.full_like(bias, bias[0]), rtol=1e-6, atol=0)
        np.testing.assert_allclose(outgoing, outgoing[:1] + 0 * outgoing, rtol=1e-6, atol=0)


def test_rows_average_non_diverged_seeds():
    per_epoch = [{k: np.array([[1.0, 2.0], [50.0, np.nan], [3.0, 4.0]]) for k in diagnostics.STATS}]
    rows = diagnostics.layer_rows("he", "relu", per_epoch, np.array([True, False, True]))
    assert [(r.layer, r.kind, r.seeds, r.grad_norm) for r in rows] == [
        (0, "hidden", 2, 2.0),
        (1, "output", 2, 3.0),
    ]
    none_left = diagnostics.layer_rows("he", "relu", per_epoch, np.zeros(3, bool))
    assert all(math.isnan(r.preact_std) and r.seeds == 0 for r in none_left)


def test_cli_end_to_end(tmp_path, run_cli):
    args = ["--dataset=synthetic", "--epochs=1", "--seeds=2", "--hidden=32"]
    result = run_cli("diagnostics", *args, "--act=sigmoid,relu", f"--out_dir={tmp_path}")
    assert result.returncode == 0, result.stderr
    required = {"init", "act", "layer", "epoch", "preact_mean", "preact_std"}
    required |= {"saturated_frac", "dead_frac", "grad_norm"}
    for act, trouble in (("sigmoid", "saturated_frac"), ("relu", "dead_frac")):
        folder = tmp_path / "synthetic" / "diagnostics" / act
        with (folder / "layer_stats.csv").open() as f:
            reader = csv.DictReader(f)
            assert required <= set(reader.fieldnames)
            rows = list(reader)
        found = {(r["init"], r["layer"], r["epoch"]) for r in rows}
        assert found == {
            (init, str(layer), str(epoch))
            for init in ("normal", "xavier", "he")
            for layer in (0, 1)
            for epoch in (0, 1)
        }
        for name in ("activation_hist", trouble, "grad_norm"):
            assert (folder / f"{name}.png").stat().st_size > 0
        record = records.Diagnosis.load(folder / diagnostics.RECORD)
        for lang in text.LANGS:  # Its own report in each language, figures of that language.
            md = (folder / layers.report_name(lang)).read_text()
            links = re.findall(r"!\[[^]]*\]\(([^)]+)\)", md)
            assert len(links) == 3 and all((folder / link).is_file() for link in links)
            for figure in ("activation_hist", trouble):  # What a figure shows: its caption.
                assert layers.caption(figure, record, lang) in md
        polish = (folder / "report.pl.md").read_text()
        he = next(r for r in rows if (r["init"], r["layer"], r["epoch"]) == ("he", "0", "0"))
        assert format(float(he["preact_std"]), ".3g").replace(".", ",") in polish
        assert "## Wszystkie warstwy" in polish and " the " not in polish
        first = {r["init"]: r for r in rows if (r["layer"], r["epoch"]) == ("0", "0")}
        assert float(first["normal"]["preact_std"]) > 10 * float(first["he"]["preact_std"])
        if act == "sigmoid":
            assert float(first["normal"][trouble]) > 0.5
            assert float(first["xavier"][trouble]) < 0.01
    folder = tmp_path / "synthetic" / "diagnostics" / "sigmoid"
    record = records.Diagnosis.load(folder / diagnostics.RECORD)
    assert layers.headline(record) in result.stdout
    with (folder / "layer_stats.csv").open() as f:
        csv_rows = list(csv.DictReader(f))
    assert [(r["init"], int(r["layer"]), int(r["epoch"])) for r in csv_rows] == [
        (r.init, r.layer, r.epoch) for r in record.rows
    ]
    assert [float(r["preact_std"]) for r in csv_rows] == pytest.approx(
        [r.preact_std for r in record.rows], rel=1e-5
    )
    for lang in ("en", "pl"):
        assert (layers.figure_folder(folder, lang) / "grad_norm.png").exists()


@pytest.mark.parametrize(
    ("flag", "expected"),
    [
        ("--inits=normal,foo", "unknown init 'foo'; valid: normal, scaled_normal"),
        ("--optimizer=lion", "unknown optimizer 'lion'; valid: sgd"),
    ],
)
def test_cli_bad_flag_gives_one_line(flag, expected, run_cli):
    result = run_cli("diagnostics", flag)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert expected in result.stderr.strip().splitlines()[0], result.stderr


def test_captions_name_the_evaluation_batch_in_each_language():
    record = records.Diagnosis("relu", 1, 1000, None, ())
    assert "first 1,000 training examples" in layers.caption("activation_hist", record)
    pooled = layers.caption("activation_hist", record, "pl")
    assert "(1000 pierwszych wzorców zbioru uczącego)" in pooled and pooled != layers.caption(
        "dead_frac", record, "pl"
    )
    assert layers.caption("dead_frac", record, "pl").startswith("Średnie z powtórzeń")


def test_probe_measures_every_run_of_a_grid(x64):
    """Each run of ``[G, S]`` parameters measured as alone, against NumPy."""
    scales = np.array([[0.5, 1.0, 2.0], [1.5, 0.8, 1.2]])
    grid = [
        {"w": scales[..., None, None] * layer["w"], "b": scales[..., None] * layer["b"]}
        for layer in PARAMS
    ]
    got = diagnostics.Probe(X, Y)("sigmoid", grid)
    for g, s in np.ndindex(scales.shape):
        alone = [{k: np.asarray(v[g, s]) for k, v in layer.items()} for layer in grid]
        want = numpy_stats(alone, X, Y, "sigmoid")
        for name in diagnostics.STATS:
            np.testing.assert_allclose(got[name][g, s], want[name], rtol=1e-6, atol=1e-9)


INITS = ("normal", "xavier", "he")


def quiet(_):
    pass


@pytest.fixture(scope="module")
def lab7(tmp_path_factory):
    """A tiny lab 7 (three rates, three epochs) that recorded its layer statistics."""
    dataset = tiny.DATA.holding_out(64)
    setup = tiny.setup(
        tmp_path_factory.mktemp("lab7"),
        "lab7",
        "normal",
        dataset=dataset,
        epochs=3,
        lr_grid=3,
        probe=diagnostics.Probe.of(dataset),
    )
    by_act = {"sigmoid": configs.lab7("adam", 0.01, INITS)}
    return setup, experiment.run(setup, by_act, log=quiet)["sigmoid"]


def diagnostics_setup(out, lab7_setup, **kwargs):
    """The diagnostics' settings beside ``lab7_setup``'s: its data, two epochs."""
    settings = {"dataset": lab7_setup.dataset, "epochs": 2} | kwargs
    return tiny.setup(out, "diagnostics", "normal", **settings)


def test_recorded_by_training_equals_retrained(lab7, tmp_path):
    """lab 7's recorded statistics at each init's chosen rate, first 2 of 3 epochs, against
    training that configuration at that rate for 2 epochs, as the diagnostics did: at
    initialization identical, after training equal to float32 rounding (rtol 1e-5: a grid
    of rates and a single rate are one program each, ``test_train``'s tolerance too)."""
    setup, results = lab7
    settings = diagnostics_setup(tmp_path, setup)
    read = diagnostics.recorded(results, tiny.DATA, "sigmoid", INITS, settings.shared("sigmoid"))
    rates = {i: summary.selected(results[i]).provenance.learning_rate for i in INITS}
    assert len(set(rates.values())) > 1  # The rates differ: each init's own was read.
    chosen = [
        dataclasses.replace(c, learning_rate=rates[c.name])
        for c in configs.lab7("adam", 0.01, INITS)
    ]
    again = diagnostics.run(settings, "sigmoid", chosen, log=quiet)
    assert read.specs == again.specs and read.record.epochs == again.record.epochs == 2
    assert read.record.shared == dataclasses.replace(results["he"].provenance.shared, epochs=2)
    assert len(read.record.rows) == len(again.record.rows) == 3 * 2 * 3
    for a, b in zip(read.record.rows, again.record.rows, strict=True):
        assert (a.init, a.layer, a.epoch, a.seeds, a.data_source) == (
            b.init,
            b.layer,
            b.epoch,
            b.seeds,
            b.data_source,
        )
        got, want = ([getattr(r, k) for k in diagnostics.STATS] for r in (a, b))
        if a.epoch == 0:
            np.testing.assert_array_equal(got, want)
        else:
            np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-7)
    for init in INITS:
        jax.tree.map(
            np.testing.assert_array_equal, read.init_activations[init], again.init_activations[init]
        )


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"inits": ("normal", "lecun")}, "no finished record of lecun"),
        ({"no_stats": "xavier"}, "xavier's record holds no layer statistics"),
        ({"epochs": 4}, "has 3 epochs, fewer than 4"),
        ({"seeds": 2}, "other settings (seeds)"),
        ({"data": data.synthetic(num_train=256, num_test=64, seed=1)}, "other data"),
    ],
)
def test_records_that_cannot_be_read_say_why(lab7, tmp_path, change, reason):
    setup, results = lab7
    if "no_stats" in change:
        name = change["no_stats"]
        results = results | {name: results[name]._replace(layer_stats=None)}
    settings = diagnostics_setup(
        tmp_path, setup, **{k: change[k] for k in ("epochs", "seeds") if k in change}
    )
    inits, dataset = change.get("inits", INITS), change.get("data", tiny.DATA)
    with pytest.raises(diagnostics.NotRecorded, match=re.escape(reason)):
        diagnostics.recorded(results, dataset, "sigmoid", inits, settings.shared("sigmoid"))


def test_cli_reads_lab7s_records_instead_of_training(tmp_path, run_cli):
    args = ["--dataset=synthetic", "--seeds=2", "--hidden=8", "--act=relu", f"--out_dir={tmp_path}"]
    lab7 = run_cli("lab7", *args, "--epochs=2", "--lr_grid=2", "--inits=xavier,he")
    assert lab7.returncode == 0, lab7.stderr
    result = run_cli("diagnostics", *args, "--epochs=1", "--inits=xavier,he")
    assert result.returncode == 0, result.stderr
    assert "read from lab 7's records" in result.stdout and "epoch 1/1" not in result.stdout
    folder = tmp_path / "synthetic" / "diagnostics" / "relu"
    record = records.Diagnosis.load(folder / diagnostics.RECORD)
    for init in ("xavier", "he"):
        path = tmp_path / "synthetic" / "lab7" / "relu" / "runs" / f"{init}.npz"
        stats = summary.selected(records.History.load(path)).layer_stats
        for epoch in (0, 1):
            row = record.first_layer(init, epoch)
            want = stats.values["dead_frac"][:, epoch, 0].mean()
            assert row.dead_frac == pytest.approx(want, rel=1e-12)
    assert (folder / "activation_hist.png").stat().st_size > 0
    trained = run_cli("diagnostics", *args, "--epochs=1", "--inits=xavier,he", "--nofrom_lab7")
    assert trained.returncode == 0 and "epoch 1/1" in trained.stdout


@pytest.mark.parametrize("epochs", [2, 3])
def test_the_report_says_the_diagnostics_are_lab7s_own_runs(lab7, tmp_path, epochs):
    from mlp_jax.report import document, findings, finished

    setup, results = lab7
    settings = diagnostics_setup(tmp_path, setup, epochs=epochs).shared("sigmoid")
    diag = {"sigmoid": diagnostics.recorded(results, tiny.DATA, "sigmoid", INITS, settings).record}
    found = {"lab7": [finished.load(setup.root, "lab7", "sigmoid", log=quiet)]}
    said = {lang: document.markdown(findings.limitations(found, diag, lang)) for lang in text.LANGS}
    shorter = {
        "en": "The layer diagnostics show lab 7's own runs, but over 2 epochs of 3 only.",
        "pl": "Diagnostyka warstw pokazuje przebiegi samego laboratorium 7, ale tylko przez "
        "2 epoki z 3.",
    }
    for lang in text.LANGS:
        assert (shorter[lang] in said[lang]) == (epochs == 2), said[lang]
        assert "separate" not in said[lang] and "osobnych" not in said[lang]
