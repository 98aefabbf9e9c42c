"""Experiments as sweeps of configurations: resumable runs, summary, plots, report.

An experiment (lab 6, lab 7, the schedule study) trains a list of ``Config``s for
one or more activations, all repeats of a configuration in one ``train.train``
call. Files, under ``<out_dir>/<experiment>/<act>/``:

- ``runs/<config>.npz``: the per-seed histories; ``runs/<config>.json``: its
  manifest (settings, flags, package versions, devices, data source, seeds, time).
  The manifest is written last, atomically: its presence marks the configuration
  finished, and a rerun with the same settings loads it instead of training.
- ``summary.csv``: one row per configuration (columns ``SUMMARY_COLUMNS``).
- ``loss_epoch.png``, ``loss_step.png``, ``test_acc.png`` and ``report.md``.

With several activations, ``<out_dir>/<experiment>/activations.png`` shows their
training losses side by side.

The loss target of ``epochs_to_target`` is the largest final mean training loss
among the configurations, i.e. the level that every non-diverged configuration
reached; ``epochs_to_target`` is the (linearly interpolated) epoch at which a
configuration's mean training loss first gets there — the lab's "how fast does it
learn" as one number.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import importlib.metadata
import json
import math
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import jax
import numpy as np
import optax

from mlp_jax import activations, data, plots, stats, train, util

SUMMARY_COLUMNS = (
    "act",
    "config",
    "seeds",
    "diverged",
    "final_train_loss_mean",
    "final_train_loss_std",
    "test_acc_mean",
    "test_acc_std",
    "epochs_to_target",
    "wall_s",
    "final_test_loss_mean",
    "p_vs_baseline",
    "settings",
    "data_source",
)
PACKAGES = ("mlp_jax", "jax", "jaxlib", "optax", "chex", "numpy", "tensorflow-datasets")
Log = Callable[[str], None]


@dataclasses.dataclass(frozen=True)
class Config:
    """One configuration of an experiment.

    Attributes:
      name: short name, used in file names, tables and legends.
      optimizer: the transformation to train with.
      w_init: weight initializer ``fn(key, shape, dtype)``.
      settings: JSON-able description (optimizer, learning rate, init, ...);
        part of the resume fingerprint and of every output.
    """

    name: str
    optimizer: optax.GradientTransformation
    w_init: Callable[..., jax.Array]
    settings: Mapping[str, Any]


@dataclasses.dataclass(frozen=True)
class Setup:
    """What every configuration of an experiment shares.

    Attributes:
      experiment: name, e.g. ``"lab6"``; results go to ``out_dir/experiment``.
      title: human title of the report.
      out_dir: the ``--out_dir`` folder.
      dataset: the training and test data.
      layer_sizes: ``[784, *hidden, 10]``.
      batch_size: minibatch size.
      epochs: passes over the training set.
      seeds: repeats per configuration.
      seed: base seed.
      baseline: the configuration others are tested against.
      command: the command line's flags, for the manifests.
      overwrite: recompute finished configurations.
      notes: activation → a line for its report (e.g. why this optimizer).
    """

    experiment: str
    title: str
    out_dir: Path
    dataset: data.Dataset
    layer_sizes: Sequence[int]
    batch_size: int
    epochs: int
    seeds: int
    seed: int
    baseline: str
    command: Mapping[str, Any]
    overwrite: bool = False
    notes: Mapping[str, str] = dataclasses.field(default_factory=dict)

    def act_dir(self, act: str) -> Path:
        return Path(self.out_dir) / self.experiment / act

    def fingerprint(self, act: str, config: Config) -> str:
        """Hash of everything that determines a configuration's results."""
        key = {
            "experiment": self.experiment,
            "act": act,
            "settings": config.settings,
            "data": self.dataset.source,
            "layer_sizes": list(self.layer_sizes),
            "batch_size": self.batch_size,
            "epochs": self.epochs,
            "seeds": self.seeds,
            "seed": self.seed,
        }
        return hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:16]


def run(
    setup: Setup, configs: Mapping[str, Sequence[Config]], log: Log = print
) -> dict[str, dict[str, dict[str, np.ndarray]]]:
    """Trains (or resumes) every configuration of every activation; writes all outputs.

    Args:
      setup: what the configurations share.
      configs: activation name → its configurations.
      log: receives the progress lines.

    Returns:
      act → config name → the configuration's per-seed arrays.
    """
    results: dict[str, dict[str, dict[str, np.ndarray]]] = {}
    todo = [(act, c) for act, cs in configs.items() for c in cs]
    spent: list[float] = []
    for i, (act, config) in enumerate(todo):
        prefix = f"[{i + 1}/{len(todo)}] {act}/{config.name}"
        eta = f", ETA {_duration(np.mean(spent) * (len(todo) - i))}" if spent else ""
        curves = _load_finished(setup, act, config)
        if curves is not None:
            log(f"{prefix}: finished earlier, skipping (--overwrite recomputes)")
        else:
            log(
                f"{prefix}: {setup.seeds} seeds x {setup.epochs} epochs, {_describe(config.settings)}{eta}"
            )
            curves = _train_config(setup, act, config, log)
            spent.append(float(curves["wall_s"]))
            log(f"{prefix}: done in {_duration(spent[-1])}, {_headline(curves)}")
        results.setdefault(act, {})[config.name] = curves
    for act, runs in results.items():
        rows = summarize(act, runs, setup.baseline)
        util.write_csv(setup.act_dir(act) / "summary.csv", SUMMARY_COLUMNS, rows)
        plots.plot_activation(runs, setup.act_dir(act), title=f"{setup.title}, {act}")
        util.atomic_write_text(
            setup.act_dir(act) / "report.md", report(setup, act, runs, rows, len(results) > 1)
        )
        log(f"wrote {setup.act_dir(act)}/{{summary.csv,report.md,*.png}}")
    if len(results) > 1:
        path = Path(setup.out_dir) / setup.experiment / "activations.png"
        plots.plot_side_by_side(results, path, title=setup.title)
        log(f"wrote {path}")
    return results


def _describe(settings: Mapping[str, Any]) -> str:
    return ", ".join(f"{k} {v}" for k, v in settings.items())


def _duration(seconds: float) -> str:
    return f"{seconds:.1f} s" if seconds < 120 else f"{seconds / 60:.1f} min"


def _headline(curves: Mapping[str, np.ndarray]) -> str:
    loss, acc = _final(curves, "train_loss"), _final(curves, "test_acc")
    if not loss.size:
        return "every seed diverged"
    diverged = curves["diverged_step"].size - loss.size
    return f"final train loss {loss.mean():.4f}, test acc {acc.mean():.2%}, diverged {diverged}"


def _paths(setup: Setup, act: str, config: Config) -> tuple[Path, Path]:
    runs = setup.act_dir(act) / "runs"
    return runs / f"{config.name}.npz", runs / f"{config.name}.json"


def _load_finished(setup: Setup, act: str, config: Config) -> dict[str, np.ndarray] | None:
    npz, manifest = _paths(setup, act, config)
    if setup.overwrite or not manifest.exists() or not npz.exists():
        return None
    try:
        finished = json.loads(manifest.read_text())
        if finished.get("fingerprint") != setup.fingerprint(act, config):
            return None
        with np.load(npz) as f:
            return dict(f)
    except (OSError, ValueError):
        return None  # Unreadable leftovers are recomputed.


def _train_config(setup: Setup, act: str, config: Config, log: Log) -> dict[str, np.ndarray]:
    t0 = time.perf_counter()
    history = train.train(
        setup.dataset.train_x,
        setup.dataset.train_y,
        test=(setup.dataset.test_x, setup.dataset.test_y),
        layer_sizes=setup.layer_sizes,
        activation=activations.get(act),
        w_init=config.w_init,
        optimizer=config.optimizer,
        batch_size=setup.batch_size,
        epochs=setup.epochs,
        repeats=setup.seeds,
        seed=setup.seed,
        log=lambda line: log(f"    {line}"),
    )
    curves = {
        field: np.asarray(getattr(history, field))
        for field in ("step_loss", "train_loss", "train_acc", "test_loss", "test_acc")
    }
    curves |= {
        "diverged_step": history.diverged_step,
        "epoch_s": history.epoch_s,
        "steps_per_epoch": np.asarray(history.steps_per_epoch),
        "log_every": np.asarray(history.log_every),
        "compile_s": np.asarray(history.compile_s),
        "wall_s": np.asarray(time.perf_counter() - t0),
        "settings": np.asarray(json.dumps(dict(config.settings))),
        "data_source": np.asarray(setup.dataset.source),
    }
    npz, manifest = _paths(setup, act, config)
    util.atomic_write(npz, lambda f: np.savez(f, **curves))
    util.atomic_write_text(manifest, json.dumps(_manifest(setup, act, config, curves), indent=2))
    return curves


def _manifest(setup: Setup, act: str, config: Config, curves: Mapping[str, np.ndarray]) -> dict:
    return {
        "fingerprint": setup.fingerprint(act, config),
        "experiment": setup.experiment,
        "act": act,
        "config": config.name,
        "settings": dict(config.settings),
        "data_source": setup.dataset.source,
        "layer_sizes": list(setup.layer_sizes),
        "batch_size": setup.batch_size,
        "epochs": setup.epochs,
        "seeds": list(range(setup.seeds)),
        "base_seed": setup.seed,
        "diverged": int((curves["diverged_step"] >= 0).sum()),
        "wall_s": float(curves["wall_s"]),
        "compile_s": float(curves["compile_s"]),
        "flags": dict(setup.command),
        "versions": {p: _version(p) for p in PACKAGES},
        "devices": [str(d) for d in jax.devices()],
        "finished": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    }


def _version(package: str) -> str | None:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return None


def _mean_curve(curves: Mapping[str, np.ndarray]) -> np.ndarray:
    """Mean training loss per epoch over the non-diverged seeds (NaN if none)."""
    return stats.mean_ci(curves["train_loss"][stats.finite_runs(curves["diverged_step"])])[0]


def loss_target(runs: Mapping[str, Mapping[str, np.ndarray]]) -> float:
    """The largest final mean training loss among configurations that trained."""
    finals = [_mean_curve(c)[-1] for c in runs.values()]
    finals = [f for f in finals if math.isfinite(f)]
    return max(finals) if finals else math.nan


def _final(curves: Mapping[str, np.ndarray], key: str) -> np.ndarray:
    """Last value of ``key`` for each non-diverged seed."""
    return curves[key][stats.finite_runs(curves["diverged_step"]), -1]


def summarize(
    act: str, runs: Mapping[str, Mapping[str, np.ndarray]], baseline: str
) -> list[dict[str, Any]]:
    """One ``SUMMARY_COLUMNS`` row per configuration.

    Means and standard deviations (ddof 1) are over non-diverged seeds; accuracy and
    test loss are after the last epoch; ``p_vs_baseline`` is Welch's two-sided
    p-value for equal mean final training loss with the baseline.
    """
    target = loss_target(runs)
    rows = []
    for name, curves in runs.items():
        loss, acc = _final(curves, "train_loss"), _final(curves, "test_acc")
        mean_curve = stats.mean_ci(
            curves["train_loss"][stats.finite_runs(curves["diverged_step"])]
        )[0]
        reached = (
            stats.epochs_to_target(mean_curve, target, interpolate=True) if loss.size else None
        )
        rows.append(
            {
                "act": act,
                "config": name,
                "seeds": curves["diverged_step"].size,
                "diverged": int((curves["diverged_step"] >= 0).sum()),
                "final_train_loss_mean": _mean(loss),
                "final_train_loss_std": _std(loss),
                "test_acc_mean": _mean(acc),
                "test_acc_std": _std(acc),
                "epochs_to_target": math.nan if reached is None else reached,
                "wall_s": float(curves["wall_s"]),
                "final_test_loss_mean": _mean(_final(curves, "test_loss")),
                "p_vs_baseline": _p_value(loss, runs, baseline, name),
                "settings": json.dumps(_settings_of(curves)),
                "data_source": str(curves["data_source"]),
            }
        )
    return rows


def _settings_of(curves: Mapping[str, np.ndarray]) -> dict:
    return json.loads(str(curves["settings"]))


def _mean(a: np.ndarray) -> float:
    return float(a.mean()) if a.size else math.nan


def _std(a: np.ndarray) -> float:
    return float(a.std(ddof=1)) if a.size > 1 else math.nan


def _p_value(loss: np.ndarray, runs, baseline: str, name: str) -> float:
    if name == baseline or baseline not in runs:
        return math.nan
    base = _final(runs[baseline], "train_loss")
    if min(loss.size, base.size) < 2:
        return math.nan
    return stats.welch_t_test(loss, base)[2]


def report(
    setup: Setup,
    act: str,
    runs: Mapping[str, Mapping[str, np.ndarray]],
    rows: Sequence[Mapping[str, Any]],
    side_by_side: bool,
) -> str:
    """The lab report for one activation, as Markdown with the real numbers."""
    target = loss_target(runs)
    sizes = "-".join(map(str, setup.layer_sizes))
    lines = [
        f"# {setup.title} — {act}",
        "",
        "## Setup",
        "",
        f"- Data: {setup.dataset.source}",
        f"- Network: {sizes} MLP, {act} hidden units, linear output, softmax cross-entropy",
        f"- Training: minibatches of {setup.batch_size}, {setup.epochs} epochs",
        *([f"- {setup.notes[act]}"] if act in setup.notes else []),
        (
            f"- Seeds: {setup.seeds} per configuration (repeat r uses fold_in({setup.seed}, r)); "
            "means and bands over non-diverged seeds"
        ),
        "",
        "| configuration | settings |",
        "|---|---|",
        *(f"| {c} | {_describe(_settings_of(curves))} |" for c, curves in runs.items()),
        "",
        "## Results",
        "",
        (
            f"Loss target: {target:.4g} — the largest final mean training loss of the "
            "configurations, i.e. the level every one of them reached; *epochs to target* is "
            "the epoch (linearly interpolated) at which a configuration's mean training loss "
            "first gets there. *p* is Welch's two-sided t-test of the final training loss "
            f"against the baseline `{setup.baseline}` across seeds."
        ),
        "",
        (
            "| configuration | diverged | final train loss | test accuracy | epochs to target "
            "| p vs baseline | wall s |"
        ),
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['config']} | {r['diverged']}/{r['seeds']} "
            f"| {r['final_train_loss_mean']:.4f} ± {r['final_train_loss_std']:.4f} "
            f"| {r['test_acc_mean']:.2%} ± {r['test_acc_std']:.2%} "
            f"| {_fmt(r['epochs_to_target'], '.2f', 'not reached')} "
            f"| {_fmt(r['p_vs_baseline'], '.2g', '—')} | {r['wall_s']:.1f} |"
        )
    lines += ["", "## Ranking", "", *_ranking(rows, setup.baseline), ""]
    lines += [
        "## Plots",
        "",
        (
            "Lines are means over the non-diverged seeds; bands are 95% confidence intervals "
            "of the mean, mean ± t(0.975, n−1)·s/√n at each epoch (or step)."
        ),
        "",
        "![training loss per epoch](loss_epoch.png)",
        "",
        "![minibatch loss per step](loss_step.png)",
        "",
        "![test accuracy per epoch](test_acc.png)",
        "",
    ]
    if side_by_side:
        lines += ["![activations side by side](../activations.png)", ""]
    if any(r["diverged"] for r in rows):
        lines += [
            (
                "Diverged seeds (non-finite loss) are frozen, counted in *diverged*, marked in "
                "the legends and left out of every mean, band and test."
            ),
            "",
        ]
    return "\n".join(lines)


def _fmt(value: float, spec: str, missing: str) -> str:
    return missing if value is None or not math.isfinite(value) else format(value, spec)


def _ranking(rows: Sequence[Mapping[str, Any]], baseline: str) -> list[str]:
    def key(r):
        reached, loss = r["epochs_to_target"], r["final_train_loss_mean"]
        return (
            not math.isfinite(reached),
            reached if math.isfinite(reached) else 0.0,
            loss if math.isfinite(loss) else math.inf,
        )

    lines = []
    for rank, r in enumerate(sorted(rows, key=key), 1):
        if r["config"] == baseline:
            verdict = "the baseline"
        elif not math.isfinite(r["p_vs_baseline"]):
            verdict = "no test possible (fewer than 2 finite seeds)"
        elif r["p_vs_baseline"] < 0.05:
            verdict = f"differs from {baseline} beyond noise (p = {r['p_vs_baseline']:.2g})"
        else:
            verdict = f"not distinguishable from {baseline} (p = {r['p_vs_baseline']:.2g})"
        reached = _fmt(r["epochs_to_target"], ".2f", "")
        reached = (
            f"reached the target at epoch {reached}" if reached else "never reached the target"
        )
        lines.append(
            f"{rank}. **{r['config']}** — {reached}, final train loss "
            f"{r['final_train_loss_mean']:.4f}; {verdict}"
        )
    return lines


def best_rate(rows: Sequence[Mapping[str, Any]]) -> float | None:
    """The learning rate with the lowest summed rank of final training loss.

    Args:
      rows: sweep results with ``learning_rate``, ``act`` (the column a rate is
        ranked within: an activation, or any label such as ``"xavier/relu"``),
        ``final_train_loss_mean`` and ``diverged`` (seeds that diverged).

    Returns:
      The rate whose ranks, summed over the columns, are lowest; a rate that
      diverged in any column is out, and ties go to the lower rate. None if every
      rate diverged somewhere.
    """
    rates = sorted({r["learning_rate"] for r in rows})
    score = dict.fromkeys(rates, 0.0)
    for act in {r["act"] for r in rows}:
        ranked = sorted(
            (r for r in rows if r["act"] == act), key=lambda r: r["final_train_loss_mean"]
        )
        for rank, r in enumerate(ranked):
            score[r["learning_rate"]] += math.inf if r["diverged"] else rank
    finite = [rate for rate in rates if math.isfinite(score[rate])]
    return min(finite, key=lambda rate: (score[rate], rate)) if finite else None
