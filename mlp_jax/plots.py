r"""Figures of an experiment: curves averaged over seeds, with a 95% band.

Each configuration (an optimizer, an initializer, ...) was trained R times with
different seeds. Its line is the mean over the runs that never diverged
(``diverged_step == -1``); the shaded band is the 95% confidence interval of that
mean from :func:`mlp_jax.stats.mean_ci`,

.. math::

    \bar x \pm t_{0.975,\, n-1}\, s / \sqrt n,

computed independently at every epoch (or step), with n the number of
non-diverged seeds and s their sample standard deviation (ddof = 1). On log axes
the band's lower edge is drawn no lower than the smallest seed at that point: with
few seeds the interval can reach below zero, which a log axis cannot show, and a
mean of positive losses is never below their minimum. Diverged runs are left out
and counted in the legend, "name (k/R diverged)"; a configuration whose every
run diverged keeps its legend entry but draws nothing.

Figures are drawn with the Agg backend, saved atomically (a temporary file in the
target directory, then ``os.replace``) and closed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from mlp_jax import stats, util

matplotlib.use("Agg")
import matplotlib.pyplot as plt

Curves = Mapping[str, np.ndarray]

LEVEL = 0.95
FIGSIZE = (7.0, 4.5)
DPI = 120
MAX_STEP_POINTS = 500
BAND_NOTE = (
    "line: mean over non-diverged seeds;  band: 95% CI of the mean, "
    "mean ± t(0.975, n−1)·s/√n, n = non-diverged seeds"
)


def colors(configs: Sequence[str]) -> dict[str, str]:
    """One colour per configuration, by position in ``configs``.

    The i-th distinct name gets the i-th colour of ``tab10`` (``tab20`` beyond 10
    names, cycling beyond 20), so the same ordered list gives the same colours in
    every figure of an experiment.

    Args:
      configs: configuration names, in a fixed order.

    Returns:
      name → hex colour string.
    """
    names = list(dict.fromkeys(configs))
    palette = matplotlib.colormaps["tab10" if len(names) <= 10 else "tab20"].colors
    return {name: to_hex(palette[i % len(palette)]) for i, name in enumerate(names)}


def _train_loss(curves: Curves) -> tuple[np.ndarray, np.ndarray, str]:
    y = np.asarray(curves["train_loss"], dtype=float)
    return np.arange(1, y.shape[1] + 1), y, "epoch"


def _test_acc(curves: Curves) -> tuple[np.ndarray, np.ndarray, str]:
    y = np.asarray(curves["test_acc"], dtype=float)
    return np.arange(y.shape[1]), y, "epoch (0 = at initialisation)"


def _step_loss(curves: Curves) -> tuple[np.ndarray, np.ndarray, str]:
    """Step losses, thinned to at most ``MAX_STEP_POINTS`` points per run.

    Column j of ``step_loss`` is the mean loss of window j (``log_every`` steps;
    ``steps_per_epoch // log_every`` windows per epoch), placed at the window's
    centre step. Consecutive blocks of k = ⌈S / MAX_STEP_POINTS⌉ windows are then
    averaged per run, before the mean and band over runs: each point is the mean
    loss over k·log_every steps (the last block may be shorter).
    """
    y = np.asarray(curves["step_loss"], dtype=float)
    every, per_epoch = int(curves["log_every"]), int(curves["steps_per_epoch"])
    window = np.arange(y.shape[1])
    windows_per_epoch = max(per_epoch // every, 1)
    centre = (window // windows_per_epoch) * per_epoch
    centre = centre + (window % windows_per_epoch + 0.5) * every
    k = max(-(-y.shape[1] // MAX_STEP_POINTS), 1)
    starts = np.arange(0, y.shape[1], k)
    sizes = np.diff(np.append(starts, y.shape[1]))
    if starts.size:
        centre, y = np.add.reduceat(centre, starts) / sizes, np.add.reduceat(y, starts, 1) / sizes
    return centre, y, f"step (each point: mean minibatch loss over {k * every} steps)"


class _Metric(NamedTuple):
    ylabel: str
    log: bool
    series: Callable[[Curves], tuple[np.ndarray, np.ndarray, str]]  # → x, [R, T], xlabel


_METRICS = {
    "loss_epoch": _Metric("training loss (mean over the epoch)", True, _train_loss),
    "loss_step": _Metric("minibatch training loss", True, _step_loss),
    "test_acc": _Metric("test accuracy", False, _test_acc),
}


def _diverged(curves: Curves) -> tuple[int, int]:
    """(k, R): how many of the R runs diverged."""
    ok = stats.finite_runs(curves["diverged_step"])
    return int((~ok).sum()), ok.size


def _label(name: str, curves: Curves) -> str:
    k, r = _diverged(curves)
    return f"{name} ({k}/{r} diverged)" if k else name


def _draw(
    ax: Axes, metric: _Metric, runs: Mapping[str, Curves], palette: Mapping[str, str]
) -> None:
    """One line with its band per configuration, in ``runs`` order, and the axes."""
    xlabel = ""
    for name, curves in runs.items():
        x, y, xlabel = metric.series(curves)
        y = y[stats.finite_runs(curves["diverged_step"])]
        if len(y) == 0:  # Every run diverged: a legend entry only.
            ax.plot([], [], color=palette[name], label=_label(name, curves), ls="--")
            continue
        mean, lo, hi = stats.mean_ci(y, axis=0, level=LEVEL)
        if metric.log:
            lo = np.maximum(lo, np.fmin.reduce(y, axis=0))  # fmin: NaN-ignoring minimum.
        ax.plot(x, mean, color=palette[name], label=_label(name, curves), lw=1.5)
        ax.fill_between(x, lo, hi, color=palette[name], alpha=0.2, lw=0)
    if metric.log:
        ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(metric.ylabel)
    ax.grid(True, which="major", alpha=0.4)
    ax.grid(True, which="minor", alpha=0.15)


def _decorate(fig: Figure, title: str) -> None:
    fig.suptitle(title)
    fig.supxlabel(BAND_NOTE, fontsize="x-small", color="0.35")


def _activation_figures(runs: Mapping[str, Curves], title: str) -> Iterator[tuple[str, Figure]]:
    """Yields ``(file stem, Figure)`` for each metric; the caller closes each figure."""
    palette = colors(list(runs))
    for stem, metric in _METRICS.items():
        fig, ax = plt.subplots(figsize=FIGSIZE, layout="constrained")
        _draw(ax, metric, runs, palette)
        ax.legend(fontsize="small")
        _decorate(fig, title)
        yield stem, fig


def _side_by_side_figure(runs_by_act: Mapping[str, Mapping[str, Curves]], title: str) -> Figure:
    """Training loss per epoch, one panel per activation, with one shared legend."""
    configs = list(dict.fromkeys(name for runs in runs_by_act.values() for name in runs))
    palette = colors(configs)
    n = len(runs_by_act)
    fig, axes = plt.subplots(
        1, n, figsize=(4.5 * n + 2.5, 4.5), sharey=True, squeeze=False, layout="constrained"
    )
    for i, (ax, (act, runs)) in enumerate(zip(axes[0], runs_by_act.items(), strict=True)):
        _draw(ax, _METRICS["loss_epoch"], runs, palette)
        ax.set_title(act)
        if i:
            ax.set_ylabel("")

    def legend_entry(name: str) -> Line2D:
        counts = {act: _diverged(runs[name]) for act, runs in runs_by_act.items() if name in runs}
        notes = [f"{act} {k}/{r}" for act, (k, r) in counts.items() if k]
        label = f"{name} ({', '.join(notes)} diverged)" if notes else name
        drawn = any(k < r for k, r in counts.values())
        return Line2D([], [], color=palette[name], ls="-" if drawn else "--", label=label)

    handles = [legend_entry(name) for name in configs]
    fig.legend(handles=handles, loc="outside right upper", fontsize="small")
    _decorate(fig, title)
    return fig


def _save(fig: Figure, path: Path) -> Path:
    """Writes ``fig`` as a PNG to ``path`` atomically, and closes it."""
    try:
        return util.atomic_write(path, lambda f: fig.savefig(f, format="png", dpi=DPI))
    finally:
        plt.close(fig)


def plot_activation(runs: Mapping[str, Curves], out_dir: Path, *, title: str) -> list[Path]:
    """Writes the figures of one activation's configurations into ``out_dir``.

    * ``loss_epoch.png``: training loss per epoch (the running mean of the
      minibatch losses of epoch e, at x = e), log scale;
    * ``loss_step.png``: minibatch loss against the step, log scale, thinned to
      at most ``MAX_STEP_POINTS`` block means per run (see the x label);
    * ``test_acc.png``: test accuracy at initialisation (epoch 0) and after each
      epoch.

    Each shows, per configuration, the mean over non-diverged seeds and its 95%
    confidence band (module docstring), in the colours of ``colors(list(runs))``.

    Args:
      runs: configuration name → its ``Curves``, in legend order.
      out_dir: directory, created if missing.
      title: figure title, e.g. naming the experiment and the activation.

    Returns:
      The written paths.
    """
    return [
        _save(fig, Path(out_dir) / f"{stem}.png") for stem, fig in _activation_figures(runs, title)
    ]


def plot_side_by_side(
    runs_by_act: Mapping[str, Mapping[str, Curves]], path: Path, *, title: str
) -> Path:
    """Writes training loss per epoch for each activation, side by side, to ``path``.

    One panel per activation (log y, shared), the same colour per configuration
    in every panel (``colors`` of all names, in order of first appearance), and
    one legend that counts diverged runs per activation.

    Args:
      runs_by_act: activation name → (configuration name → ``Curves``).
      path: PNG file to write; its directory is created if missing.
      title: figure title.

    Returns:
      ``path``.
    """
    return _save(_side_by_side_figure(runs_by_act, title), path)
