"""The typed records: files, JSON round trips, fingerprints, the summary's CSV form."""

import csv
import dataclasses
import json
import math
import re
import subprocess
import sys
from pathlib import Path

import jax.numpy as jnp
import numpy as np
import pytest

from mlp_jax import data, records, train
from mlp_jax.labs import configs, experiment

ROOT = Path(__file__).resolve().parents[2]
SHARED = records.SharedSettings(
    experiment="lab6",
    data="abc123",
    validation=0,
    layer_sizes=(784, 8, 10),
    batch_size=32,
    epochs=3,
    seeds=4,
    seed=0,
    lr_grid=2,
    divergence_factor=1e3,
    act="relu",
)
PROVENANCE = records.Provenance(
    shared=SHARED,
    baseline="sgd",
    config=configs.Config("adam", "adam", 0.01).spec(),
    data_source="synthetic: test data",
    flags={"argv": ["lab6.py", "--epochs=3"]},
    versions={"jax": "0.10.2", "mlp_jax": None},
    devices=("cpu:0",),
    finished="2026-01-01T00:00:00+00:00",
    wall_s=1.5,
    fingerprint="f00",
    choice=records.Choice("adam", 0.01, "lab6", "adam"),
)


def history(grid=2, seeds=4, epochs=3, provenance=PROVENANCE, val=True):
    """A record with distinct numbers in every cell, built with ``records.History``."""
    rng = np.random.default_rng(0)
    lead = (grid, seeds) if grid else (seeds,)
    curves = {
        "step_loss": rng.random(lead + (2 * epochs,)),
        "train_loss": rng.random(lead + (epochs,)),
        "train_acc": rng.random(lead + (epochs,)),
        "test_loss": rng.random(lead + (epochs + 1,)),
        "test_acc": rng.random(lead + (epochs + 1,)),
    }
    return records.History(
        **curves,
        val_loss=rng.random(lead + (epochs + 1,)) if val else None,
        val_acc=rng.random(lead + (epochs + 1,)) if val else None,
        diverged_step=np.where(np.arange(seeds) == 1, 3, -1) * np.ones(lead, int),
        epoch_s=np.ones(epochs),
        compile_s=0.5,
        steps_per_epoch=2,
        log_every=1,
        seeds=tuple(range(seeds)),
        grid={"learning_rate": (1e-3, 3e-2)} if grid else {},
        provenance=provenance,
        params=[{"w": rng.random(lead + (3, 2)), "b": rng.random(lead + (2,))}] if grid else None,
    )


def test_train_reexports_the_record_types():
    assert train.History is records.History and train.RecordError is records.RecordError


def test_records_import_no_jax():
    code = "import sys, mlp_jax.records; assert not any(m.startswith('jax') for m in sys.modules)"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_history_save_load_round_trip(tmp_path):
    h = history()
    path = h.save(tmp_path / "runs" / "a.npz")
    back = records.History.load(path, "f00")
    for field in ("step_loss", "train_loss", "test_acc", "val_loss", "diverged_step", "epoch_s"):
        np.testing.assert_array_equal(getattr(back, field), getattr(h, field))
    assert (back.seeds, back.grid, back.provenance) == (h.seeds, h.grid, h.provenance)
    assert back.params is None and back.steps_per_epoch == h.steps_per_epoch
    with pytest.raises(records.OtherSettings, match="other settings"):
        records.History.load(path, "another")


def test_at_picks_a_grid_point_and_records_it():
    h = history()
    point = h.at(1)
    np.testing.assert_array_equal(point.train_loss, h.train_loss[1])
    np.testing.assert_array_equal(point.params[0]["w"], h.params[0]["w"][1])
    assert point.grid == {} and point.provenance.point == {"learning_rate": 3e-2}
    assert point.provenance.learning_rate == 3e-2 and h.provenance.learning_rate == 0.01


@pytest.mark.parametrize(
    "content", [b"", b"garbage", "truncate", "no_header"], ids=["empty", "garbage", "cut", "hdr"]
)
def test_a_broken_record_raises_one_record_error_naming_the_file(tmp_path, content):
    path = history(grid=0).save(tmp_path / "a.npz")
    if content == "truncate":
        content = path.read_bytes()[:-100]
    elif content == "no_header":
        np.savez(path, step_loss=np.zeros(3))
        content = path.read_bytes()
    path.write_bytes(content)
    with pytest.raises(records.RecordError, match=re.escape(str(path))):
        records.History.load(path)


def old_record(path):
    """A record as mlp_jax wrote it before record formats: a free-form ``meta`` header."""
    h = history(grid=0)
    header = {"compile_s": 0.5, "steps_per_epoch": 2, "log_every": 1, "seeds": list(h.seeds)}
    header |= {"grid": {}, "meta": {"fingerprint": "f00", "shared_fingerprint": "x"}}
    arrays = {f: getattr(h, f) for f in ("step_loss", "train_loss", "train_acc", "test_loss")}
    arrays |= {f: getattr(h, f) for f in ("test_acc", "diverged_step", "epoch_s")}
    np.savez(path, header=np.asarray(json.dumps(header)), **arrays)
    return path


def test_an_old_record_is_never_read_as_this_format(tmp_path):
    path = old_record(tmp_path / "old.npz")
    with pytest.raises(records.OtherSettings, match="record format 1, this one reads 2"):
        records.History.load(path, "f00")


def test_an_old_record_stops_the_run_and_overwrite_recomputes_it(tmp_path):
    dataset = data.synthetic(num_train=128, num_test=32)
    setup = experiment.Setup.create(
        "lab6", "sgd", tmp_path, dataset, [784, 4, 10], batch_size=64, epochs=1, seeds=2
    )
    (setup.folder("relu") / "runs").mkdir(parents=True)
    old_record(setup.folder("relu") / "runs" / "sgd.npz")
    sgd = {"relu": [configs.Config("sgd", "sgd", 0.1)]}
    before = (setup.folder("relu") / "runs" / "sgd.npz").read_bytes()
    with pytest.raises(experiment.Clash, match=r"\(record format 1 → 2\); fix: --out_dir="):
        experiment.run(setup, sgd, print)
    assert (setup.folder("relu") / "runs" / "sgd.npz").read_bytes() == before  # Kept.
    results = experiment.run(dataclasses.replace(setup, overwrite=True), sgd, print)
    assert results["relu"]["sgd"].provenance.shared == setup.shared("relu")


def test_every_record_type_round_trips_through_json():
    row = records.SummaryRow(*(math.nan if f.type == "float" else 1 for f in _fields()))
    row = dataclasses.replace(row, act="relu", config="adam", settings="{}", data_source="x")
    row = dataclasses.replace(row, speedup_vs_baseline=2.5)
    for value in (SHARED, PROVENANCE, PROVENANCE.choice, row):
        back = type(value).from_json(value.to_json())
        assert back.to_json() == value.to_json() and type(back) is type(value)
    assert records.Provenance.from_json(PROVENANCE.to_json()) == PROVENANCE


def test_provenance_keeps_the_xla_flags_and_reads_records_without_them(tmp_path):
    flags = "--xla_force_host_platform_device_count=1 --xla_cpu_experimental_ynn_fusion_type="
    saved = history(provenance=dataclasses.replace(PROVENANCE, xla_flags=flags))
    saved.save(tmp_path / "new.npz")
    assert records.History.load(tmp_path / "new.npz").provenance.xla_flags == flags
    older = {k: v for k, v in PROVENANCE.to_dict().items() if k != "xla_flags"}
    assert "xla_flags" not in json.loads(records.dumps(older))
    assert records.Provenance.from_json(records.dumps(older)).xla_flags is None


def _fields():
    return dataclasses.fields(records.SummaryRow)


@pytest.mark.parametrize("name", [c.name for c in configs.schedule_study("sgd", 0.1, 10, 100)])
def test_every_schedules_config_spec_round_trips_and_still_trains(name):
    config = next(c for c in configs.schedule_study("sgd", 0.1, 10, 100) if c.name == name)
    provenance = dataclasses.replace(PROVENANCE, config=config.spec())
    back = records.Provenance.from_json(provenance.to_json())
    assert back.config == config.spec()
    rebuilt = configs.Config.from_spec(back.config)
    assert rebuilt == config
    params = {"w": jnp.ones(3)}
    tx, same = rebuilt.build(), config.build()
    state, state_same = tx.init(params), same.init(params)
    grads = {"w": jnp.arange(3.0)}
    for _ in range(3):
        updates, state = tx.update(grads, state, params, value=jnp.asarray(1.0))
        expected, state_same = same.update(grads, state_same, params, value=jnp.asarray(1.0))
        np.testing.assert_array_equal(updates["w"], expected["w"])


def test_int_keys_survive_dumps():
    value = {"boundaries_and_scales": {50: 0.3, 75: 0.3}, "plain": {"a": [1, 2]}}
    assert records.loads(records.dumps(value)) == value


def test_the_fingerprint_covers_every_shared_setting():
    changed = {
        "experiment": "lab7",
        "data": "def",
        "validation": 10,
        "layer_sizes": (784, 9, 10),
        "batch_size": 64,
        "epochs": 4,
        "seeds": 5,
        "seed": 1,
        "lr_grid": 1,
        "divergence_factor": None,
        "act": "sigmoid",
        "lr_halving": 2,
    }
    assert set(changed) == {f.name for f in dataclasses.fields(records.SharedSettings)}
    prints = {SHARED.fingerprint()}
    for name, value in changed.items():
        prints.add(dataclasses.replace(SHARED, **{name: value}).fingerprint())
    assert len(prints) == len(changed) + 1


def test_halving_off_leaves_the_fingerprint_of_records_from_before_it():
    before = records.fingerprint({"format": records.FORMAT, **dataclasses.asdict(SHARED)})
    assert SHARED.lr_halving == 0 and "lr_halving" not in SHARED.to_dict()
    assert SHARED.fingerprint() != before  # asdict holds lr_halving: 0 ...
    without = {k: v for k, v in dataclasses.asdict(SHARED).items() if k != "lr_halving"}
    assert SHARED.fingerprint() == records.fingerprint({"format": records.FORMAT, **without})
    halved = dataclasses.replace(SHARED, lr_halving=2)
    assert records.SharedSettings.from_dict(halved.to_dict()) == halved


def test_summary_columns_are_the_documented_contract_in_order():
    labs = (ROOT / "docs" / "labs.md").read_text()
    listed = labs.split("`summary.csv` — one row per configuration: `", 1)[1].split("`", 1)[0]
    assert records.SUMMARY_COLUMNS == tuple(c.strip() for c in listed.split(","))


def test_summary_row_csv_round_trip(tmp_path):
    row = records.SummaryRow.from_dict(
        {
            c: {"float": math.nan, "bool": True, "str": "s"}.get(f.type, 3)
            for c, f in zip(records.SUMMARY_COLUMNS, _fields())
        }
        | {"act": "relu", "config": "adam", "settings": '{"a": 1}', "data_source": "x: y"}
        | {"final_train_loss_mean": 0.25, "learning_rate": 0.01}
    )
    path = records.write_summary(tmp_path / "summary.csv", [row])
    with path.open() as f:
        (line,) = list(csv.DictReader(f))
    assert list(line) == list(records.SUMMARY_COLUMNS)
    assert records.SummaryRow.from_csv(line).to_json() == row.to_json()
    # An older summary.csv, without the statistics columns, still reads (their defaults).
    old = {c: v for c, v in line.items() if c not in ("rank", "p_holm", "pairing")}
    assert math.isnan(records.SummaryRow.from_csv(old).rank)
    assert records.SummaryRow.from_csv(old).pairing == "paired"


def test_a_loaded_spec_keeps_its_key_order(tmp_path):
    """summary.csv's ``settings`` is the spec's JSON: a resumed record must write it alike."""
    spec = configs.Config("x", "sgd", 0.1, schedule="piecewise_constant").spec()
    path = history(provenance=dataclasses.replace(PROVENANCE, config=spec)).save(tmp_path / "a.npz")
    assert list(records.History.load(path).provenance.config) == list(spec)


def layer_stats(lead=(2, 4), epochs=3, layers=2):
    """``LayerStats`` with distinct numbers in every cell."""
    rng = np.random.default_rng(1)
    shape = (*lead, epochs + 1, layers)
    return records.LayerStats(7, {k: rng.random(shape) for k in records.LAYER_STATS})


def test_layer_stats_stack_epochs_in_order():
    rng = np.random.default_rng(2)
    per_epoch = [{k: rng.random((2, 4, 3)) for k in records.LAYER_STATS} for _ in range(5)]
    stats = records.LayerStats.stack(9, per_epoch)
    assert stats.eval_size == 9 and stats.epochs == 4
    for e, measured in enumerate(per_epoch):
        for k in records.LAYER_STATS:
            np.testing.assert_array_equal(stats.values[k][:, :, e, :], measured[k])
            np.testing.assert_array_equal(stats.epoch(e)[k], measured[k])


def test_layer_stats_are_saved_with_the_record_and_follow_its_grid_point(tmp_path):
    stats = layer_stats()
    h = history()._replace(layer_stats=stats)
    back = records.History.load(h.save(tmp_path / "a.npz"), "f00")
    assert back.layer_stats.eval_size == 7
    for k in records.LAYER_STATS:
        np.testing.assert_array_equal(back.layer_stats.values[k], stats.values[k])
        np.testing.assert_array_equal(back.at(1).layer_stats.values[k], stats.values[k][1])
    np.testing.assert_array_equal(back.train_loss, h.train_loss)


def test_a_record_without_layer_stats_loads_with_none(tmp_path):
    """A record saved without them (as every record before them was) loads as before."""
    h = history()
    path = h.save(tmp_path / "a.npz")
    with np.load(path) as f:
        assert not [k for k in f.files if k.startswith("layer_stats")]
    back = records.History.load(path, "f00")
    assert back.layer_stats is None and back.at(0).layer_stats is None
    np.testing.assert_array_equal(back.test_loss, h.test_loss)
