r"""Figures of an experiment: curves averaged over seeds, with a 95% band.

Each configuration (an optimizer, an initializer, ...) was trained R times with
different seeds. Its line is the mean over the runs that never diverged
(``diverged_step == -1``); the shaded band is the 95% confidence interval of that
mean from :func:`mlp_jax.labs.stats.mean_ci`,

.. math::

    \bar x \pm t_{0.975,\, n-1}\, s / \sqrt n,

computed independently at every epoch (or step), with n the number of
non-diverged seeds and s their sample standard deviation (ddof = 1). On log axes
the band's lower edge is drawn no lower than the smallest seed at that point: with
few seeds the interval can reach below zero, which a log axis cannot show, and a
mean of positive losses is never below their minimum. Diverged runs are left out
and counted in the legend, "name (k/R diverged)"; a configuration whose every
run diverged keeps its legend entry but draws nothing.

Every configuration has its own colour, line style and marker (:func:`styles`), so
lines that lie on top of each other stay distinguishable. Tick labels follow the
language (a decimal comma in Polish, log axes included, written as plain decimals:
0,3 0,4 0,6 rather than 6×10⁻¹); accuracy is in percent. What a figure shows is not
written into it: :func:`caption` gives that text, for the document to print under
the image. Legends sit inside the axes, where they cover the fewest points; a log figure
whose lines fall into two groups decades apart (:func:`_split`) is drawn as two stacked
panels, each zoomed on its group, with the legend below them.

Figures are drawn with the Agg backend, saved atomically (a temporary file in the
target directory, then ``os.replace``) and closed.
"""

from __future__ import annotations

import functools
import itertools
import textwrap
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.ticker import (
    FixedLocator,
    FuncFormatter,
    MaxNLocator,
    NullFormatter,
    PercentFormatter,
    ScalarFormatter,
)

from mlp_jax import records, util
from mlp_jax.labs import stats
from mlp_jax.report import text

matplotlib.use("Agg")
import matplotlib.pyplot as plt

Curves = records.History

LEVEL = 0.95
FIGSIZE = (7.0, 4.5)
DPI = 120
HALF_WIDTH = 3.5
"""Inches a figure prints at when two share a row of an A4 page (the hand-in's print
style: 182 mm of text, two images to a row)."""
MIN_PRINTED_PT = 7.0
"""The smallest text a printed figure may have, in points."""
PANEL = (4.4, 3.3)
"""One panel of a histogram or layer figure, in inches: printed half a page wide, its
``LEGEND_PT`` text prints at ``MIN_PRINTED_PT`` or more."""
LEGEND_PT = 9.0
"""Legend text, the smallest text of a figure (ticks and labels are matplotlib's 10 pt)."""
MAX_STEP_POINTS = 500
MARKS_PER_LINE = 10
"""At most this many markers on one line (step curves have hundreds of points)."""
Say = Callable[..., str]
"""``text.say`` with the figure's language bound: ``say(key, **values)``."""

LINE_STYLES = ("-", (0, (5, 2)), (0, (1, 1.5)), (0, (5, 1.5, 1, 1.5)), (0, (8, 2, 1, 2, 1, 2)))
"""Solid, dashed, dotted, dash-dot, dash-dot-dot: the i-th configuration's is i mod 5."""
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "<", "h", ">", "*")
"""Hollow markers, the i-th configuration's is i mod 11 (with 5 line styles: 55 pairs)."""


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


class Style(NamedTuple):
    """How one configuration is drawn: keywords of ``Axes.plot``."""

    color: str
    linestyle: Any
    marker: str
    index: int  # Position among the configurations: staggers the markers.

    def line(self) -> dict[str, Any]:
        return {"color": self.color, "ls": self.linestyle, "marker": self.marker, "mfc": "none"}


def styles(configs: Sequence[str]) -> dict[str, Style]:
    """Colour (:func:`colors`), line style and marker of each configuration, by position.

    Two configurations never share all three, so even lines that coincide exactly
    (Xavier under He with one hidden layer) show as two patterns.
    """
    palette = colors(configs)
    return {
        name: Style(color, LINE_STYLES[i % len(LINE_STYLES)], MARKERS[i % len(MARKERS)], i)
        for i, (name, color) in enumerate(palette.items())
    }


def caption(figure: str, lang: str = "en") -> str:
    """The caption of a figure, for the document to print under the image.

    Args:
      figure: a file stem of :func:`plot_activation` (``loss_epoch``, ``loss_step``,
        ``test_acc``), or ``activations`` (:func:`plot_side_by_side`) or
        ``lr_sensitivity`` (:func:`plot_lr_sensitivity`).
      lang: one of ``text.LANGS``.
    """
    if figure == "lr_sensitivity":
        return text.say(lang, "caption.lr")
    band = text.say(lang, "caption.band")
    return f"{band} {text.say(lang, 'caption.acc')}" if figure == "test_acc" else band


def _train_loss(curves: Curves, say: Say) -> tuple[np.ndarray, np.ndarray, str]:
    y = np.asarray(curves.train_loss, dtype=float)
    return np.arange(1, y.shape[1] + 1), y, say("plot.epoch")


def _test_acc(curves: Curves, say: Say) -> tuple[np.ndarray, np.ndarray, str]:
    """Test accuracy after epochs 1…E: epoch 0's chance level would squeeze the axis."""
    y = np.asarray(curves.test_acc, dtype=float)[:, 1:]
    return np.arange(1, y.shape[1] + 1), y, say("plot.epoch")


def thinned_step_loss(curves: Curves, say: Say) -> tuple[np.ndarray, np.ndarray, str]:
    """Step losses, thinned to at most ``MAX_STEP_POINTS`` points per run.

    Column j of ``step_loss`` is the mean loss of window j (``log_every`` steps;
    ``steps_per_epoch // log_every`` windows per epoch), placed at the window's
    centre step. Consecutive blocks of k = ⌈S / MAX_STEP_POINTS⌉ windows are then
    averaged per run, before the mean and band over runs: each point is the mean
    loss over k·log_every steps (the last block may be shorter).
    """
    y = np.asarray(curves.step_loss, dtype=float)
    every, per_epoch = curves.log_every, curves.steps_per_epoch
    window = np.arange(y.shape[1])
    windows_per_epoch = max(per_epoch // every, 1)
    centre = (window // windows_per_epoch) * per_epoch
    centre = centre + (window % windows_per_epoch + 0.5) * every
    k = max(-(-y.shape[1] // MAX_STEP_POINTS), 1)
    starts = np.arange(0, y.shape[1], k)
    sizes = np.diff(np.append(starts, y.shape[1]))
    if starts.size:
        centre, y = np.add.reduceat(centre, starts) / sizes, np.add.reduceat(y, starts, 1) / sizes
    steps = k * every
    return centre, y, say("plot.step_one") if steps == 1 else say("plot.steps", steps=steps)


class _Metric(NamedTuple):
    ylabel: str  # a phrase key of ``text``
    log: bool
    series: Callable[[Curves, Say], tuple[np.ndarray, np.ndarray, str]]  # → x, [R, T], xlabel
    percent: bool = False


METRICS = {
    "loss_epoch": _Metric("plot.loss_epoch", True, _train_loss),
    "loss_step": _Metric("plot.loss_step", True, thinned_step_loss),
    "test_acc": _Metric("plot.test_acc", False, _test_acc, percent=True),
}


def _diverged(curves: Curves) -> tuple[int, int]:
    """(k, R): how many of the R runs diverged."""
    ok = stats.finite_runs(curves.diverged_step)
    return int((~ok).sum()), ok.size


def _label(name: str, curves: Curves, say: Say) -> str:
    k, r = _diverged(curves)
    return f"{name} ({say('plot.diverged', k=k, r=r)})" if k else name


def decimal_tick(value: float, lang: str) -> str:
    """A tick value as a plain decimal (0.001, 0.3, 25, 5000; three significant digits at
    most), or from 10 000 and below 0.001 as a multiple of a power of ten (10⁵, 2·10⁴,
    5·10⁻⁴), which reads at a glance where a row of zeros does not."""
    if value and not 1e-3 <= abs(value) < 1e4:
        exponent = int(np.floor(np.log10(abs(value)) + 1e-9))
        mantissa = decimal_tick(abs(value) / 10.0**exponent, lang)
        power = text.num(10.0**exponent, ".0e", lang)
        return ("-" if value < 0 else "") + (power if mantissa == "1" else f"{mantissa}·{power}")
    written = np.format_float_positional(
        value, precision=3, unique=False, fractional=False, trim="-"
    )
    return written.replace(".", ",") if lang == "pl" else written


class _CommaScalar(ScalarFormatter):
    """Matplotlib's linear-axis labels, with a decimal comma."""

    def __call__(self, x: float, pos: int | None = None) -> str:
        return super().__call__(x, pos).replace(".", ",")


class _CommaPercent(PercentFormatter):
    """Fractions as percentages (0.865 → 86,5%), with a decimal comma."""

    def __call__(self, x: float, pos: int | None = None) -> str:
        return super().__call__(x, pos).replace(".", ",")


LOG_TICK_SUBS = (
    tuple(np.round(np.arange(1, 10, 0.1), 1)),
    tuple(np.arange(1, 10, 0.5)),
    (1, 2, 3, 4, 5, 6, 7, 8, 9),
    (1, 2, 3, 5, 7),
    (1, 2, 5),
    (1, 3),
    (1,),
)
"""Mantissas of the labelled ticks of a log axis, finest first."""
MAX_LOG_TICKS = 8


def log_ticks(lo: float, hi: float, most: int = MAX_LOG_TICKS) -> list[float]:
    """Labelled ticks of a log axis over [lo, hi]: the finest of ``LOG_TICK_SUBS`` that
    gives at most ``most`` ticks (every k-th decade beyond that)."""
    decades = range(int(np.floor(np.log10(lo))), int(np.ceil(np.log10(hi))) + 1)
    for subs in LOG_TICK_SUBS:
        ticks = [m * 10.0**e for e in decades for m in subs if lo <= m * 10.0**e <= hi]
        if len(ticks) <= most:
            return ticks
    step = -(-len(ticks) // most)
    return ticks[::step]


def locale_axis(
    axis: Any, lang: str, percent: bool = False, whole: float = 1.0, most: int = MAX_LOG_TICKS
) -> None:
    """Tick labels of one axis (``ax.xaxis`` or ``ax.yaxis``) in ``lang``; with ``percent``,
    the data value ``whole`` is 100%; a log axis gets at most ``most`` labelled ticks."""
    if axis.get_scale() == "log":
        lo, hi = sorted(axis.get_view_interval())
        axis.set_major_locator(FixedLocator(log_ticks(lo, hi, most)))
    if axis.get_scale() in ("log", "asinh"):  # asinh: the caller's ticks, 0 and ±10^k.
        axis.set_major_formatter(FuncFormatter(lambda v, _: decimal_tick(v, lang)))
        axis.set_minor_formatter(NullFormatter())
    elif percent:
        lo, hi = sorted(axis.get_view_interval())
        span = 100 * (hi - lo) / whole  # Percentage points: whole ones unless narrower.
        decimals = 0 if span >= 5 else 1 if span >= 0.5 else 2
        percent_formatter = _CommaPercent if lang == "pl" else PercentFormatter
        axis.set_major_formatter(percent_formatter(xmax=whole, decimals=decimals))
    else:
        axis.set_major_formatter(
            (_CommaScalar if lang == "pl" else ScalarFormatter)(useOffset=False)
        )


def _legend(ax: Axes) -> None:
    """The legend inside the axes, where it covers the fewest points."""
    ax.legend(loc="best", fontsize=LEGEND_PT, framealpha=0.85)


def finish(ax: Axes, lang: str, percent: bool = False, whole: float = 1.0) -> None:
    """Grid, integer epochs, locale tick labels on both axes (y in percent of ``whole``
    with ``percent``), legend."""
    ax.grid(True, which="major", alpha=0.4)
    ax.grid(True, which="minor", alpha=0.15)
    if ax.get_xscale() == "linear":
        ax.xaxis.set_major_locator(MaxNLocator(integer=True, steps=[1, 2, 2.5, 5, 10]))
    locale_axis(ax.xaxis, lang)
    locale_axis(ax.yaxis, lang, percent, whole)
    _legend(ax)


def _draw(
    ax: Axes,
    metric: _Metric,
    runs: Mapping[str, Curves],
    looks: Mapping[str, Style],
    say: Say,
    labels: Mapping[str, str],
) -> None:
    """One line with its band per configuration, in ``runs`` order, and the axes' labels."""
    xlabel = ""
    for name, curves in runs.items():
        x, y, xlabel = metric.series(curves, say)
        y = y[stats.finite_runs(curves.diverged_step)]
        look = looks[name]
        label = _label(labels.get(name, name), curves, say)
        if len(y) == 0:  # Every run diverged: a legend entry only.
            ax.plot([], [], label=label, **look.line())
            continue
        mean, lo, hi = stats.mean_ci(y, axis=0, level=LEVEL)
        if metric.log:
            lo = np.maximum(lo, np.fmin.reduce(y, axis=0))  # fmin: NaN-ignoring minimum.
        every = -(-len(x) // MARKS_PER_LINE)
        start = look.index * every // max(len(looks), 1) % every  # Staggered markers.
        ax.plot(x, mean, label=label, lw=1.5, ms=5, markevery=(start, every), **look.line())
        ax.fill_between(x, lo, hi, color=look.color, alpha=0.15, lw=0)
    if metric.log:
        ax.set_yscale("log")
    root = ax.get_figure(root=True)
    size = plt.rcParams["axes.labelsize"]
    ax.set_xlabel(fitted(xlabel, 0.85 * root.get_figwidth(), size))  # The axes' share.
    ax.set_ylabel(fitted(say(metric.ylabel), 0.8 * root.get_figheight(), size))


GAP_DECADES = 1.0
"""Empty log axis between two groups of lines, in decades, from which a log figure is drawn
as two panels (``_split``): the lower group would otherwise be flattened into one line."""
SPLIT_HEIGHT = 1.5
"""A split figure's panels' height, in the height of an unsplit one (at most what
``MAX_PRINTED_HEIGHT`` leaves)."""
MAX_PRINTED_HEIGHT = 6 / 2.54
"""The print style's largest image height (6 cm), in inches: a taller figure is shrunk to
it, its text with it."""
SPLIT_LOG_TICKS = 5
"""Labelled ticks of a split panel's log axis at most (``MAX_LOG_TICKS`` on a whole one)."""
PAD = 1.15
"""Headroom above and below a split panel's lines and bands (a factor on a log axis)."""


def spans(metric: _Metric, runs: Mapping[str, Curves], say: Say) -> list[tuple[float, float]]:
    """Each configuration's lowest and highest drawn value (its band's edges, as ``_draw``
    draws them), configurations whose every run diverged left out."""
    out = []
    for curves in runs.values():
        y = metric.series(curves, say)[1][stats.finite_runs(curves.diverged_step)]
        if len(y):
            _, lo, hi = stats.mean_ci(y, axis=0, level=LEVEL)
            lo = np.maximum(lo, np.fmin.reduce(y, axis=0))
            out.append((float(np.nanmin(lo)), float(np.nanmax(hi))))
    return out


def split_groups(spans: Sequence[tuple[float, float]]) -> list[tuple[float, float]] | None:
    """The y ranges of two panels, upper first, when the spans fall into two groups with
    ``GAP_DECADES`` or more of empty log axis between them (at the widest such gap), else
    ``None``."""
    merged: list[list[float]] = []
    for lo, hi in sorted(s for s in spans if s[0] > 0 and np.isfinite(s).all()):
        if merged and lo <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    gaps = [np.log10(b[0] / a[1]) for a, b in itertools.pairwise(merged)]
    if not gaps or max(gaps) < GAP_DECADES:
        return None
    at = int(np.argmax(gaps)) + 1
    lower, upper = merged[:at], merged[at:]
    return [(upper[0][0], upper[-1][1]), (lower[0][0], lower[-1][1])]


def _broken(top: Axes, bottom: Axes) -> None:
    """Marks the y axis as broken between two stacked panels: no facing spines, and a
    short diagonal stroke at each end of the break."""
    top.spines["bottom"].set_visible(False)
    bottom.spines["top"].set_visible(False)
    top.tick_params(labelbottom=False, bottom=False)
    for ax, y in ((top, 0.0), (bottom, 1.0)):
        for x in (0.0, 1.0):
            ax.plot(
                [x - 0.015, x + 0.015],
                [y - 0.04, y + 0.04],
                color="k",
                lw=1,
                transform=ax.transAxes,
                clip_on=False,
            )


def _figure(
    metric: _Metric,
    runs: Mapping[str, Curves],
    looks: Mapping[str, Style],
    say: Say,
    labels: Mapping[str, str],
    size: tuple[float, float],
    lang: str,
) -> Figure:
    """One metric's figure: one panel, or (``_split``) an upper panel over a lower one,
    both with every line, each zoomed on its group, the legend below them (inside, it
    would cover the upper group's lines)."""
    ranges = split_groups(spans(metric, runs, say)) if metric.log else None
    if ranges is None:
        fig, ax = plt.subplots(figsize=size, layout="constrained")
        _draw(ax, metric, runs, looks, say, labels)
        finish(ax, lang, metric.percent)
        return fig
    return _split_figure(metric, runs, looks, say, labels, size, lang, ranges)


def _split_figure(
    metric: _Metric,
    runs: Mapping[str, Curves],
    looks: Mapping[str, Style],
    say: Say,
    labels: Mapping[str, str],
    size: tuple[float, float],
    lang: str,
    ranges: Sequence[tuple[float, float]],
) -> Figure:
    """``_figure``'s two panels (y ranges ``ranges``, upper first) in ``SPLIT_HEIGHT``
    times the height of one (no more than fits ``MAX_PRINTED_HEIGHT`` with the legend
    when printed ``HALF_WIDTH`` wide), their y label between them, and the legend below."""
    names = [_label(labels.get(n, n), c, say) for n, c in runs.items()]
    columns = _columns(names, size[0])
    legend = -(-len(names) // columns) * LEGEND_PT * 1.45 / 72 + 0.15  # Its inches.
    tallest = 0.95 * size[0] * MAX_PRINTED_HEIGHT / HALF_WIDTH  # Half a page wide, 5% spare.
    panels = min(size[1] * SPLIT_HEIGHT, tallest - legend)
    fig = plt.figure(figsize=(size[0], panels + legend), layout="constrained")
    upper, lower = fig.subfigures(2, 1, height_ratios=(panels, legend))
    axes = upper.subplots(2, 1, sharex=True)
    for ax, (lo, hi) in zip(axes, ranges, strict=True):
        _draw(ax, metric, runs, looks, say, labels)
        ax.set_ylim(lo / PAD, hi * PAD)
        ax.set_ylabel("")
        finish(ax, lang, metric.percent)
        locale_axis(ax.yaxis, lang, most=SPLIT_LOG_TICKS)  # Half the height: fewer.
        ax.get_legend().remove()
    axes[0].set_xlabel("")
    _broken(*axes)
    label_size = plt.rcParams["axes.labelsize"]
    upper.supylabel(fitted(say(metric.ylabel), 0.8 * panels, label_size), fontsize=label_size)
    handles, _ = axes[0].get_legend_handles_labels()
    lower.legend(handles, names, loc="center", ncols=columns, fontsize=LEGEND_PT)
    return fig


def _columns(names: Sequence[str], inches: float) -> int:
    """Columns of a legend below a figure ``inches`` wide: two when its longest entry fits
    half the width (``fitted``'s average character, a marker's length added), else one."""
    longest = max((len(n) for n in names), default=0) * 0.55 * LEGEND_PT / 72 + 0.6
    return 2 if 2 * longest <= inches else 1


def activation_figures(
    runs: Mapping[str, Curves],
    title: str,
    lang: str = "en",
    labels: Mapping[str, str] | None = None,
    stems: Sequence[str] = tuple(METRICS),
    size: tuple[float, float] = FIGSIZE,
) -> Iterator[tuple[str, Figure]]:
    """Yields ``(file stem, Figure)`` for each metric of ``stems`` (default: every one),
    ``size`` inches (a smaller one prints its text larger at a given width; a split log
    figure, ``_split``, is ``SPLIT_HEIGHT`` times taller), titled ``title`` (untitled when
    empty); the caller closes each figure."""
    say = functools.partial(text.say, lang)
    looks = styles(list(runs))
    for stem in stems:
        fig = _figure(METRICS[stem], runs, looks, say, labels or {}, size, lang)
        if title:
            fig.suptitle(title)
        yield stem, fig


def side_by_side_figure(
    runs_by_act: Mapping[str, Mapping[str, Curves]],
    title: str,
    lang: str = "en",
    labels: Mapping[str, str] | None = None,
) -> Figure:
    """Training loss per epoch, one panel per activation, each with its own y axis and legend."""
    say = functools.partial(text.say, lang)
    labels = labels or {}
    looks = styles([name for runs in runs_by_act.values() for name in runs])
    n = len(runs_by_act)
    fig, axes = plt.subplots(1, n, figsize=(5.2 * n, 4.5), squeeze=False, layout="constrained")
    for i, (ax, (act, runs)) in enumerate(zip(axes[0], runs_by_act.items(), strict=True)):
        _draw(ax, METRICS["loss_epoch"], runs, looks, say, labels)
        finish(ax, lang)
        ax.set_title(labels.get(act, act))
        if i:
            ax.set_ylabel("")
    fig.suptitle(title)
    return fig


def save(fig: Figure, path: Path) -> Path:
    """Writes ``fig`` as a PNG to ``path`` atomically, and closes it."""
    try:
        return util.atomic_write(path, lambda f: fig.savefig(f, format="png", dpi=DPI))
    finally:
        plt.close(fig)


def plot_activation(
    runs: Mapping[str, Curves],
    out_dir: Path,
    *,
    title: str,
    lang: str = "en",
    labels: Mapping[str, str] | None = None,
    stems: Sequence[str] = tuple(METRICS),
    size: tuple[float, float] = FIGSIZE,
) -> list[Path]:
    """Writes the figures of one activation's configurations into ``out_dir`` (those of
    ``stems``, by default all three):

    * ``loss_epoch.png``: training loss per epoch (the running mean of the
      minibatch losses of epoch e, at x = e), log scale;
    * ``loss_step.png``: minibatch loss against the step, log scale, thinned to
      at most ``MAX_STEP_POINTS`` block means per run (see the x label);
    * ``test_acc.png``: test accuracy in percent after each epoch 1…E (the x axis
      of ``loss_epoch``; epoch 0, at chance level, would squeeze the axis).

    Each shows, per configuration, the mean over non-diverged seeds and its 95%
    confidence band (module docstring), drawn in ``styles(list(runs))``. The
    caption to print under each is ``caption(stem, lang)``.

    Args:
      runs: configuration name → its ``Curves``, in legend order.
      out_dir: directory, created if missing.
      title: figure title, e.g. naming the experiment and the activation ("": none).
      lang: the labels' language, one of ``text.LANGS``.
      labels: configuration name → the name shown in the legend (default: itself).
      stems: which of the three to draw.
      size: the figures' size in inches.

    Returns:
      The written paths.
    """
    figures = activation_figures(runs, title, lang, labels, stems, size)
    return [save(fig, Path(out_dir) / f"{stem}.png") for stem, fig in figures]


def plot_side_by_side(
    runs_by_act: Mapping[str, Mapping[str, Curves]],
    path: Path,
    *,
    title: str,
    lang: str = "en",
    labels: Mapping[str, str] | None = None,
) -> Path:
    """Writes training loss per epoch for each activation, side by side, to ``path``.

    One panel per activation, each with its own log y axis (the activations' losses
    differ in scale) and its own legend, which counts that activation's diverged
    runs; the same style per configuration in every panel (``styles`` of all names,
    in order of first appearance). Its caption is ``caption("activations", lang)``.

    Args:
      runs_by_act: activation name → (configuration name → ``Curves``).
      path: PNG file to write; its directory is created if missing.
      title: figure title.
      lang: the labels' language, one of ``text.LANGS``.
      labels: configuration or activation name → the name shown (default: itself).

    Returns:
      ``path``.
    """
    return save(side_by_side_figure(runs_by_act, title, lang, labels), path)


def plot_lr_sensitivity(
    results: Mapping[str, Curves],
    chosen: Mapping[str, int],
    path: Path,
    *,
    title: str,
    lang: str = "en",
    labels: Mapping[str, str] | None = None,
) -> Path:
    """Final validation loss against the learning rate, a line per configuration.

    Each point is the mean over the seeds that did not diverge at that rate, with
    its 95% confidence band (``stats.mean_ci``); the rate each configuration is
    reported at (``chosen[name]``, a grid index) is circled. Both axes are log
    scale. Its caption is ``caption("lr_sensitivity", lang)``.

    Args:
      results: configuration name → a record with a ``learning_rate`` grid and
        validation losses.
      chosen: configuration name → index of its chosen rate.
      path: the PNG to write.
      title: figure title.
      lang: the labels' language, one of ``text.LANGS``.
      labels: configuration name → the name shown in the legend (default: itself).
    """
    say = functools.partial(text.say, lang)
    labels = labels or {}
    looks = styles(list(results))
    fig, ax = plt.subplots(figsize=FIGSIZE, layout="constrained")
    for name, r in results.items():
        rates = np.asarray(r.grid["learning_rate"])
        mean, lo, hi = stats.mean_ci(np.where(r.finite, r.val_loss[..., -1], np.nan), axis=1)
        look = looks[name]
        ax.plot(rates, mean, ms=5, label=labels.get(name, name), **look.line())
        ax.fill_between(rates, lo, hi, color=look.color, alpha=0.15, lw=0)
        ax.plot(rates[chosen[name]], mean[chosen[name]], "o", ms=13, mfc="none", color=look.color)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel(say("plot.lr"))
    ax.set_ylabel(say("plot.val_loss"))
    finish(ax, lang)
    fig.suptitle(title)
    return save(fig, path)


def fitted(label: str, inches: float, size: Any) -> str:
    """``label`` broken into lines of text of ``size`` (points or a name such as
    "large") that fit ``inches``, an average character taken as 0.55 of the size."""
    points = matplotlib.font_manager.FontProperties(size=size).get_size_in_points()
    return textwrap.fill(label, max(int(inches * 72 / (0.55 * points)), 12))
