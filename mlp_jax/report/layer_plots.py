"""The layer diagnostics' figures: activation histograms, per-layer curves over the
epochs, and the learning-rate range test (the styles, axes and saving of ``plots``)."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from mlp_jax import records
from mlp_jax.report import plots, text

plt = plots.plt
"""pyplot, on the backend ``plots`` chose."""

HIST_BINS = 60


def _hist_bins(values: np.ndarray) -> tuple[np.ndarray, float | None]:
    """Bin edges over the finite non-zero ``values``, and the asinh axis width (or None).

    Linear bins when every value lies in [−1, 1]; otherwise bins uniform in
    u = asinh(x / w), i.e. x = w·sinh(u), with w the extent of the shorter side of
    zero, min(|min x|, |max x|), but at least max|x| / 1000.
    """
    lo, hi = (values.min(), values.max()) if values.size else (0.0, 1.0)
    if lo == hi:
        lo, hi = lo - 0.5, hi + 0.5
    if max(abs(lo), abs(hi)) <= 1:
        return np.linspace(lo, hi, HIST_BINS + 1), None
    width = max(min(abs(lo), abs(hi)), max(abs(lo), abs(hi)) / 1000)
    u = np.linspace(np.arcsinh(lo / width), np.arcsinh(hi / width), HIST_BINS + 1)
    return width * np.sinh(u), width


def _asinh_ticks(lo: float, hi: float, width: float) -> list[float]:
    """0 and ±10^k for the powers of ten between ``width`` and the data, within [lo, hi].

    Inside ±width the asinh axis is linear and the default ±10^k ticks crowd there.
    """
    top = max(abs(lo), abs(hi))
    powers = list(10.0 ** np.arange(np.ceil(np.log10(width)), np.floor(np.log10(top)) + 1))
    return [t for t in [0.0, *powers, *(-p for p in powers)] if lo <= t <= hi]


def _panels_size(n: int) -> tuple[float, float]:
    """A figure of n ``plots.PANEL``s side by side (its title is wrapped to fit, ``_wrapped``)."""
    return plots.PANEL[0] * max(n, 1), plots.PANEL[1]


def _wrapped(title: str, fig: Figure) -> str:
    """``title`` broken into lines that fit ``fig``'s width at the title's size."""
    return plots.fitted(title, fig.get_figwidth(), plt.rcParams["figure.titlesize"])


def plot_histograms(
    values: Mapping[str, Sequence[np.ndarray]],
    path: Path,
    *,
    title: str,
    xlabel: str,
    marks: Sequence[float] = (),
    marks_label: str | None = None,
    lang: str = "en",
    labels: Mapping[str, str] | None = None,
) -> Path:
    r"""Writes histograms of per-layer values, a panel per layer and a line per name.

    ``values[name][l]`` holds hidden layer l + 1's values (any shape, e.g. ``[seeds,
    examples, units]``) of configuration ``name`` (e.g. an initializer), drawn in
    ``plots.styles(list(values))``. A bar is the fraction of all of the name's values of
    that layer that fall into the bin, in percent on the y axis. Values exactly 0 are
    kept out of the bars and their fraction goes to the legend ("h = 0: 50%"), as
    ReLU's inactive units would swamp the panel; non-finite values are dropped. Each
    panel has ``HIST_BINS`` bins shared by the names: linear when every value lies in
    [−1, 1] (sigmoid, tanh), else uniform on an ``asinh`` axis, :math:`x = w \sinh u`,
    linear within ±w and logarithmic beyond, w the extent of the shorter side of zero
    but at least max|x|/1000: ranges orders of magnitude apart (N(0, 1) against He
    weights) both stay readable, and the small negative side of elu or gelu stays
    linear. Tick labels follow ``lang``; what was measured belongs in the document's
    caption, not in the image.

    Args:
      values: name → one array per hidden layer, layers in order.
      path: PNG file to write; its directory is created if missing.
      title: figure title.
      xlabel: x-axis label of every panel.
      marks: x positions drawn as dashed vertical lines (e.g. saturation thresholds).
      marks_label: legend entry of those lines.
      lang: the language of the axes' words (``text.LANGS``).
      labels: name → the name shown in the legend (default: itself).

    Returns:
      ``path``.
    """
    return plots.save(
        histograms_figure(values, title, xlabel, marks, marks_label, lang, labels or {}), path
    )


def histograms_figure(
    values: Mapping[str, Sequence[np.ndarray]],
    title: str,
    xlabel: str,
    marks: Sequence[float],
    marks_label: str | None,
    lang: str,
    labels: Mapping[str, str],
) -> Figure:
    looks = plots.styles(list(values))
    n_layers = max((len(v) for v in values.values()), default=0)
    fig, axes = plt.subplots(
        1, max(n_layers, 1), figsize=_panels_size(n_layers), squeeze=False, layout="constrained"
    )
    for layer, ax in enumerate(axes[0][:n_layers]):
        per_name = {name: np.asarray(v[layer], float).ravel() for name, v in values.items()}
        nonzero = {k: v[np.isfinite(v) & (v != 0)] for k, v in per_name.items()}
        edges, width = _hist_bins(np.concatenate(list(nonzero.values())))
        for name, v in per_name.items():
            counts, _ = np.histogram(nonzero[name], edges)
            zeros = np.mean(v == 0) if v.size else 0.0
            label = labels.get(name, name)
            label += f" (h = 0: {text.pct(zeros, lang)})" if zeros >= 0.0005 else ""
            fraction, look = counts / max(v.size, 1), looks[name]
            ax.stairs(fraction, edges, color=look.color, ls=look.linestyle, lw=1.5, label=label)
            ax.stairs(fraction, edges, color=look.color, alpha=0.15, fill=True)
        for i, x in enumerate(marks):
            ax.axvline(x, color="0.4", ls="--", lw=1, label=None if i else marks_label)
        if width is not None:
            ax.set_xscale("asinh", linear_width=width)
            ax.set_xticks(_asinh_ticks(edges[0], edges[-1], width))
        ax.set_xlim(edges[0], edges[-1])
        ax.set_ylim(0, ax.get_ylim()[1] * 1.3)  # Headroom for the legend (``_above_bars``).
        ax.set_title(text.say(lang, "plot.hidden_layer", layer=layer + 1))
        ax.set_xlabel(xlabel)
        ax.grid(True, alpha=0.3)
        plots.locale_axis(ax.xaxis, lang)
        plots.locale_axis(ax.yaxis, lang, percent=True)
        ax.legend(fontsize=plots.LEGEND_PT)
    axes[0][0].set_ylabel(text.say(lang, "plot.per_bin"))
    fig.suptitle(_wrapped(title, fig))
    fig.draw_without_rendering()  # Lays the panels and legends out.
    for ax in axes[0][:n_layers]:
        _above_bars(
            ax, max((p.get_path().vertices[:, 1].max() for p in ax.patches), default=0), lang
        )
    return fig


def _above_bars(ax: Axes, highest: float, lang: str) -> None:
    """Raises the top of a histogram panel (laid out and drawn once already) until its
    legend sits above the highest bar, whatever the legend's size and the panel's."""
    box = ax.get_legend().get_window_extent().transformed(ax.transAxes.inverted())
    room = box.y0 - 0.02  # The legend's lower edge, in the axes' height, less a gap.
    if highest > 0 and room > 0.2:
        ax.set_ylim(0, max(ax.get_ylim()[1], highest / room))
        plots.locale_axis(ax.yaxis, lang, percent=True)


def plot_layer_curves(
    rows: Sequence[records.LayerRow],
    column: str,
    path: Path,
    *,
    title: str,
    ylabel: str,
    log: bool = False,
    percent: bool = False,
    lang: str = "en",
    labels: Mapping[str, str] | None = None,
) -> Path:
    """Writes ``column`` against the epoch, a panel per layer and a line per init.

    Layers are numbered from 1, as in the tables; tick labels follow ``lang``. What
    the lines are belongs in the document's caption, not in the image.

    Args:
      rows: ``records.LayerRow``s (``kind`` is shown in the panel title), e.g.
        ``records.Diagnosis.rows``. Lines follow the order of first appearance of
        the inits, drawn in ``plots.styles``; layers whose values are all NaN get no panel.
      column: the value to plot.
      path: PNG file to write; its directory is created if missing.
      title: figure title.
      ylabel: y-axis label.
      log: log-scale y axis.
      percent: the values are fractions: drawn in percent, on a 0–100% axis.
      lang: the language of the axes' words (``text.LANGS``).
      labels: init → the name shown in the legend (default: itself).

    Returns:
      ``path``.
    """
    return plots.save(
        layer_curves_figure(rows, column, title, ylabel, log, percent, lang, labels or {}), path
    )


def layer_curves_figure(
    rows: Sequence[records.LayerRow],
    column: str,
    title: str,
    ylabel: str,
    log: bool,
    percent: bool,
    lang: str,
    labels: Mapping[str, str],
) -> Figure:
    looks = plots.styles(list(dict.fromkeys(r.init for r in rows)))
    layers = sorted({r.layer for r in rows if np.isfinite(getattr(r, column))})
    layers = layers or sorted({r.layer for r in rows})
    fig, axes = plt.subplots(
        1,
        max(len(layers), 1),
        figsize=_panels_size(len(layers)),
        sharey=True,
        squeeze=False,
        layout="constrained",
    )
    scale = 100.0 if percent else 1.0
    for ax, layer in zip(axes[0], layers):
        kinds = {r.kind for r in rows if r.layer == layer}
        for init, look in looks.items():
            mine = sorted(
                (r for r in rows if (r.init, r.layer) == (init, layer)), key=lambda r: r.epoch
            )
            y = [scale * getattr(r, column) for r in mine]
            ax.plot([r.epoch for r in mine], y, ms=6, label=labels.get(init, init), **look.line())
        kind = "".join(f" ({text.say(lang, f'plot.kind.{k}')})" for k in kinds)
        ax.set_title(text.say(lang, "plot.layer", layer=layer + 1) + kind)
        ax.set_xlabel(text.say(lang, "plot.epoch0"))
    if log:
        axes[0][0].set_yscale("log")
    if percent:
        axes[0][0].set_ylim(0, 100)
    for ax in axes[0]:
        plots.finish(ax, lang, percent, whole=100.0)
    axes[0][0].set_ylabel(ylabel)
    fig.suptitle(_wrapped(title, fig))
    return fig


def plot_lr_range(result: Any, path: Path, *, title: str, lang: str = "en") -> Path:
    """The LR range test: loss against learning rate (log x), suggestion marked.

    Args:
      result: an ``mlp_jax.labs.lr_range.RangeTest``.
      path: the PNG to write.
      title: figure title.
      lang: the language of the axes' words (``text.LANGS``).
    """
    say = functools.partial(text.say, lang)
    rate = functools.partial(text.num, spec=".3g", lang=lang)
    fig, ax = plt.subplots(figsize=plots.FIGSIZE, dpi=plots.DPI)
    ax.plot(result.learning_rates, result.loss, color="0.7", lw=0.8, label=say("lr.loss"))
    ax.plot(result.learning_rates, result.smoothed, color="C0", lw=1.8, label=say("lr.smoothed"))
    suggested = say("lr.suggested", rate=rate(result.suggestion))
    ax.axvline(result.suggestion, color="C3", ls="--", label=suggested)
    steepest = say("lr.steepest", rate=rate(result.steepest))
    ax.axvline(result.steepest, color="C2", ls=":", label=steepest)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel(say("plot.lr"))
    ax.set_ylabel(say("lr.ylabel"))
    ax.grid(True, which="major", alpha=0.4)
    ax.legend(fontsize="small")
    fig.suptitle(title)
    fig.supxlabel(say("lr.note"), fontsize="x-small", color="0.35")
    fig.tight_layout()
    return plots.save(fig, path)
