"""Figures of optimizers on 2-D surfaces (``mlp_jax.labs.trajectories``), in English or Polish.

- ``surface_figure``: contours of the surface (log-spaced levels of the loss above its
  minimum), one path per optimizer (its own colour, line style and marker; the start
  and the minimum marked), and the loss above the minimum against the step;
- ``animate``: the same paths drawn step by step, a GIF (drawn by matplotlib, written
  by Pillow);
- ``learning_rate_figure``: the lab's Fig. 1, plain SGD at a rate too small, about
  right and too large, with the stability bound α < 2/λ_max;
- ``decomposition_figure``: the lab's Fig. 2, one momentum step and one Nesterov step
  split into arrows, and the two paths across the ravine at the same α and γ.

The learning rate is α, as in the lab. Polish figures have decimal commas on every
axis (``decimal_commas``) and in every label; colours, line styles and markers are
``plots.styles``'.
"""

from __future__ import annotations

import dataclasses
import functools
import textwrap
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import LogNorm
from matplotlib.figure import Figure
from PIL import Image

from mlp_jax import util
from mlp_jax.labs import surfaces, trajectories
from mlp_jax.report import document, methods, plots, text

matplotlib.use("Agg")
import matplotlib.pyplot as plt

GIF_FRAMES = 60
"""Frames of a GIF (fewer when a run has fewer steps): steps evenly spaced from 0 to the last."""
GIF_FPS = 20
"""Frames per second of a GIF: 60 frames last 3 s (a GIF counts time in hundredths)."""
GIF_DPI = 80
LEVELS = 16
"""Contour levels, log-spaced from 10⁻⁴ of the highest loss above the minimum to it."""
FLOOR = 1e-12
"""Losses above the minimum are drawn no lower than this on the log axis (float32 reaches 0)."""
Say = Callable[..., str]


def decimal_commas(fig: Figure, lang: str) -> Figure:
    """Every linear axis of ``fig`` with ``lang``'s decimal mark (``plots``' tick labels);
    log axes keep matplotlib's powers of ten, which have none."""
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            if axis.get_scale() == "linear":
                plots.locale_axis(axis, lang)
    return fig


def _say(lang: str) -> Say:
    return functools.partial(text.say, lang)


def _rate(value: float, lang: str) -> str:
    return text.num(value, ".3g", lang)


def _formula(surface: surfaces.Surface, lang: str) -> str:
    return surface.formula.replace(".", ",") if lang == "pl" else surface.formula


def _lower_first(name: str) -> str:
    """A surface's name inside a sentence: "Wąwóz" → "wąwóz", "Funkcja Rosenbrocka" →
    "funkcja Rosenbrocka"."""
    return name[:1].lower() + name[1:]


def _title(surface: surfaces.Surface, lang: str) -> str:
    say = _say(lang)
    return say("traj.title", name=say(f"traj.name.{surface.name}"), formula=_formula(surface, lang))


def reach(run: trajectories.Run, surface: surfaces.Surface, lang: str) -> str:
    """When ``run``'s loss comes to stay within ``trajectories.TOLERANCE`` of the minimum."""
    steps = trajectories.steps_to(run.loss, surface.minimum_loss)
    tol = text.num(trajectories.TOLERANCE, "g", lang)
    last = len(run.loss) - 1
    if trajectories.diverged(run.loss):
        return text.say(lang, "traj.diverged")
    if np.isnan(steps):
        return text.say(lang, "traj.miss", tol=tol, n=last)
    return text.say(lang, "traj.reach", tol=tol, k=int(steps))


def _label(run: trajectories.Run, surface: surfaces.Surface, lang: str) -> str:
    rate = _rate(run.learning_rate, lang)
    return text.say(
        lang,
        "traj.legend",
        opt=methods.label(run.optimizer, lang),
        rate=rate,
        reach=reach(run, surface, lang),
    )


def _styles(runs: Sequence[trajectories.Run]) -> dict[str, dict[str, Any]]:
    """``Axes.plot`` keywords per optimizer: ``plots.styles``' colour, line style and marker."""
    return {n: s.line() for n, s in plots.styles([r.optimizer for r in runs]).items()}


def _contours(ax: Axes, surface: surfaces.Surface, lang: str, marks: bool = True) -> None:
    """The surface's contours, the window, the axis labels and (``marks``) the start and
    the minimum."""
    say = _say(lang)
    X, Y, Z = surface.on_grid()
    gap = np.maximum(Z - surface.minimum_loss, FLOOR)
    levels = np.geomspace(gap.max() * 1e-4, gap.max(), LEVELS)
    norm = LogNorm(levels[0], levels[-1])
    ax.contourf(X, Y, gap, levels, norm=norm, cmap="Greys_r", alpha=0.35, extend="both")
    ax.contour(X, Y, gap, levels, norm=norm, colors="0.45", linewidths=0.5)
    if marks:
        ax.plot(*surface.start, "ko", ms=7, mfc="white", zorder=5, label=say("traj.start"))
        ax.plot(*surface.minimum, "k*", ms=13, zorder=5, label=say("traj.minimum"))
    ax.set_xlim(surface.xlim)
    ax.set_ylim(surface.ylim)
    ax.set_xlabel("x")
    ax.set_ylabel("y")


LABEL_CHARS = 30
"""The loss panel's y label is broken into lines of at most this many characters, so that
it fits the panel's height."""


def _loss_panel(ax: Axes, lang: str) -> None:
    tol = text.num(trajectories.TOLERANCE, "g", lang)
    ax.axhline(trajectories.TOLERANCE, color="0.3", ls=":", lw=1)
    ax.set_yscale("log")
    ax.set_xlabel(text.say(lang, "traj.step"))
    ax.set_ylabel(textwrap.fill(text.say(lang, "traj.gap", tol=tol), LABEL_CHARS))
    ax.grid(True, which="major", alpha=0.4)


REACH = 2.0
"""How far beyond the surface's window, in window spans, a view follows a path (further
out a path has diverged, and following it would shrink the window to a dot)."""
PAD = 0.05
"""The margin added, as a fraction of the span, on a side the paths widen."""


def view(surface: surfaces.Surface, runs: Sequence[trajectories.Run]) -> surfaces.Surface:
    """``surface`` with its window widened to hold every point of ``runs``' paths within
    ``REACH`` window spans of it, plus a ``PAD`` margin on each side widened."""
    limits = []
    for axis, (lo, hi) in enumerate((surface.xlim, surface.ylim)):
        span = hi - lo
        points = np.concatenate([np.asarray(r.xy, float)[:, axis] for r in runs] or [[lo]])
        near = points[
            np.isfinite(points) & (np.abs(points - (lo + hi) / 2) <= span * (REACH + 0.5))
        ]
        low, high = min(lo, near.min(initial=lo)), max(hi, near.max(initial=hi))
        pad = PAD * (high - low)
        limits.append((low - pad if low < lo else lo, high + pad if high > hi else hi))
    return dataclasses.replace(surface, xlim=limits[0], ylim=limits[1])


SURFACE_SIZE = (9.0, 4.4)
"""The surface figure's inches: printed a page wide (7.2 in), its ``plots.LEGEND_PT``
legend prints at ``plots.MIN_PRINTED_PT`` or more."""


def surface_figure(
    surface: surfaces.Surface, runs: Sequence[trajectories.Run], lang: str = "en"
) -> Figure:
    """The paths of ``runs`` on ``surface`` (left, the window widened to show them, ``view``)
    and their loss above the minimum (right).

    The legend names each optimizer's rate and the step from which its loss stays
    within ``trajectories.TOLERANCE`` of the minimum.
    """
    styles = _styles(runs)
    fig, (ax, loss_ax) = plt.subplots(
        1, 2, figsize=SURFACE_SIZE, width_ratios=(1.25, 1), layout="constrained"
    )
    _contours(ax, view(surface, runs), lang)
    every = max(len(runs[0].loss) // 12, 1) if runs else 1
    for run in runs:
        style = styles[run.optimizer]
        ax.plot(*run.xy.T, lw=1.4, ms=4, markevery=every, **style, label=_label(run, surface, lang))
        gap = np.maximum(run.loss - surface.minimum_loss, FLOOR)
        loss_ax.plot(gap, lw=1.4, ms=4, markevery=every, **style)
    _loss_panel(loss_ax, lang)
    fig.legend(loc="outside lower center", ncols=2, fontsize=plots.LEGEND_PT)
    fig.suptitle(_title(surface, lang))
    return decimal_commas(fig, lang)


def frames(steps: int) -> np.ndarray:
    """The steps a GIF shows: ``GIF_FRAMES`` (or ``steps + 1``) evenly spaced, 0 and the last."""
    return np.unique(np.round(np.linspace(0, steps, min(GIF_FRAMES, steps + 1))).astype(int))


def animate(
    surface: surfaces.Surface, runs: Sequence[trajectories.Run], path: Path, lang: str = "en"
) -> Path:
    """Writes ``runs``' paths on ``surface``, drawn step by step, as a looping GIF at ``path``.

    One frame per step of ``frames(steps)``, ``GIF_FPS`` per second. matplotlib draws the
    contours, axes and legend once; each frame restores that picture and draws only
    the paths and the title over it (blitting), and Pillow (matplotlib's own dependency)
    writes the frames with one shared palette. ``matplotlib.animation``'s Pillow writer
    redraws the whole figure for every frame: about 0.2 s each, 50 s for four GIFs of 60
    frames on this project's 2 cores, against well under a second this way.
    """
    say, styles = _say(lang), _styles(runs)
    fig, ax = plt.subplots(figsize=(7, 5), dpi=GIF_DPI, layout="constrained")
    _contours(ax, surface, lang)
    lines = []
    for run in runs:
        label = f"{methods.label(run.optimizer, lang)}, α = {_rate(run.learning_rate, lang)}"
        style = {"lw": 1.4, "ms": 5, "markevery": [-1], **styles[run.optimizer]}
        lines += ax.plot([], [], animated=True, label=label, **style)
    ax.legend(fontsize="x-small")
    name, steps = say(f"traj.name.{surface.name}"), len(runs[0].loss) - 1 if runs else 0
    ax.set_title(say("traj.frame", name=name, k=steps, n=steps), animated=True)
    decimal_commas(fig, lang).canvas.draw()  # The layout, with the widest title.
    fig.set_layout_engine("none")
    fig.canvas.draw()
    background, images = fig.canvas.copy_from_bbox(fig.bbox), []
    for step in frames(steps):
        fig.canvas.restore_region(background)
        for line, run in zip(lines, runs, strict=True):
            line.set_data(*run.xy[: step + 1].T)
            ax.draw_artist(line)
        ax.title.set_text(say("traj.frame", name=name, k=step, n=steps))
        ax.draw_artist(ax.title)
        images.append(Image.fromarray(np.asarray(fig.canvas.buffer_rgba())[..., :3]))
    plt.close(fig)
    palette = images[-1].quantize(colors=255)  # The last frame holds every colour.
    gif = [image.quantize(palette=palette, dither=Image.Dither.NONE) for image in images]
    duration = round(1000 / GIF_FPS)
    return util.atomic_write(
        path,
        lambda f: gif[0].save(
            f, format="GIF", save_all=True, append_images=gif[1:], duration=duration, loop=0
        ),
    )


def _until_out(xy: np.ndarray, surface: surfaces.Surface) -> np.ndarray:
    """``xy`` up to its first point outside the surface's window (kept), the rest dropped."""
    x, y = np.asarray(xy, float).T
    inside = (surface.xlim[0] <= x) & (x <= surface.xlim[1])
    inside &= (surface.ylim[0] <= y) & (y <= surface.ylim[1])
    out = np.flatnonzero(~inside)
    return xy[: out[0] + 1] if out.size else xy


def learning_rate_figure(
    surface: surfaces.Surface, runs: Mapping[str, trajectories.Run], lang: str = "en"
) -> Figure:
    """The lab's Fig. 1: plain SGD at each rate of ``runs`` (label → run), one panel each
    (a path that leaves the window is drawn up to there), and their losses; the labels
    are ``trajectories.learning_rate_study``'s keys."""
    say = _say(lang)
    curvature = 2 / trajectories.stability_bound(surface)
    fig, axes = plt.subplots(2, 2, figsize=(12, 8), layout="constrained")
    panels, loss_ax = axes.ravel()[: len(runs)], axes.ravel()[-1]
    colors = plots.colors(list(runs)).values()
    for i, (ax, (label, run), color) in enumerate(zip(panels, runs.items(), colors)):
        _contours(ax, surface, lang)
        factor = text.num(1 - run.learning_rate * curvature, ".3g", lang)
        ratio = text.num(run.learning_rate * curvature / 2, ".3g", lang)
        ax.plot(*_until_out(run.xy, surface).T, "o-", color=color, lw=1.2, ms=3)
        ax.set_title(
            say(
                "traj.lr.panel",
                label=say(f"traj.lr.{label}"),
                rate=_rate(run.learning_rate, lang),
                ratio=ratio,
                factor=factor,
                reach=reach(run, surface, lang),
            ),
            fontsize="small",
        )
        gap = np.maximum(run.loss - surface.minimum_loss, FLOOR)
        loss_ax.plot(gap, color=color, ls=plots.LINE_STYLES[i], label=say(f"traj.lr.{label}"))
    _loss_panel(loss_ax, lang)
    loss_ax.legend(fontsize="small")
    bound = text.num(trajectories.stability_bound(surface), ".3g", lang)
    fig.suptitle(
        say(
            "traj.lr.title",
            name=_lower_first(say(f"traj.name.{surface.name}")),
            bound=bound,
            lam=text.num(curvature, ".3g", lang),
        )
    )
    return decimal_commas(fig, lang)


_ARROWS = {  # Fig. 2 of the lab: blue for momentum, brown, red and green for Nesterov.
    "gradient": "tab:blue",
    "jump": "saddlebrown",
    "momentum_update": "navy",
    "correction": "tab:red",
    "nesterov_update": "tab:green",
}


def _arrow(ax: Axes, start: np.ndarray, vector: np.ndarray, part: str, lang: str) -> np.ndarray:
    """Draws ``vector`` from ``start`` as an arrow labelled with ``part``; returns its tip."""
    wide = part.endswith("update")
    ax.annotate(
        "",
        start + vector,
        start,
        arrowprops={"arrowstyle": "-|>", "color": _ARROWS[part], "lw": 2.5 if wide else 1.6},
    )
    ax.plot(
        [],
        [],
        color=_ARROWS[part],
        lw=2.5 if wide else 1.6,
        label=text.say(lang, f"traj.arrow.{part}"),
    )
    return start + vector


def decomposition_figure(
    surface: surfaces.Surface,
    parts: trajectories.Decomposition,
    paths: Mapping[str, trajectories.Run],
    momentum: float,
    step: int,
    lang: str = "en",
) -> Figure:
    """The lab's Fig. 2 from ``trajectories.decompose``'s ``parts``, and ``paths``
    (``momentum`` and ``nesterov`` at the same α and γ = ``momentum``) across the ravine."""
    say = _say(lang)
    fig, axes = plt.subplots(
        1, 3, figsize=(13, 5), width_ratios=(1.2, 1.2, 2), layout="constrained"
    )
    theta = parts.point
    tips = [theta, theta + parts.momentum_update, theta + parts.nesterov_update]
    tips += [theta + parts.jump, theta + parts.gradient]
    lo, hi = np.min(tips, 0), np.max(tips, 0)
    pad = 0.25 * np.max(hi - lo)
    for ax, title, order in (
        (axes[0], "traj.nag.momentum", ("gradient", "jump", "momentum_update")),
        (axes[1], "traj.nag.nesterov", ("jump", "correction", "nesterov_update")),
    ):
        _contours(ax, surface, lang, marks=False)
        tip = theta
        for part in order:
            tip = _arrow(
                ax, theta if part.endswith("update") else tip, getattr(parts, part), part, lang
            )
        ax.plot(*theta, "ko", ms=5)
        ax.set_xlim(lo[0] - pad, hi[0] + pad)
        ax.set_ylim(lo[1] - pad, hi[1] + pad)
        ax.set_aspect("equal", adjustable="box")
        ax.set_title(say(title), fontsize="small")
        ax.legend(fontsize="x-small", loc="lower right")
    rate = next(iter(paths.values())).learning_rate
    fraction = 0.01
    for name, run in paths.items():
        overshoot, settle = trajectories.oscillation(run.xy[:, 1], fraction)
        label = say(
            "traj.nag.osc",
            opt=methods.label(name, lang),
            overshoot=text.num(overshoot, ".3g", lang),
            fraction=text.num(fraction, "g", lang),
            settle=text.num(settle, ".0f", lang),
        )
        color = _ARROWS["momentum_update" if name == "momentum" else "nesterov_update"]
        axes[2].plot(run.xy[:, 1], color=color, label=label)
    axes[2].axhline(0, color="0.3", lw=0.8)
    axes[2].set_xlabel(say("traj.step"))
    axes[2].set_ylabel(say("traj.nag.y"))
    gamma = text.num(momentum, "g", lang)
    axes[2].set_title(
        say("traj.nag.osc_title", rate=_rate(rate, lang), gamma=gamma), fontsize="small"
    )
    axes[2].legend(fontsize="x-small")
    fig.suptitle(say("traj.nag.title", rate=_rate(rate, lang), gamma=gamma, step=step))
    return decimal_commas(fig, lang)


REPORTED = ("ravine", "saddle")
"""The surfaces the hand-in report shows (the lab's ravine, and its saddle point)."""


def reach_sentence(surface: surfaces.Surface, runs: Sequence[trajectories.Run], lang: str) -> str:
    """Which optimizer's loss comes within the tolerance of the minimum first, and which never."""
    say, steps = _say(lang), len(runs[0].loss) - 1
    tol = text.num(trajectories.TOLERANCE, "g", lang)
    name = say(f"traj.name.{surface.name}")
    reached = {r.optimizer: trajectories.steps_to(r.loss, surface.minimum_loss) for r in runs}
    missing = [n for n, k in reached.items() if np.isnan(k)]
    form = "one" if steps == 1 else "many"
    in_steps = say(f"traj.in_steps.{form}", n=steps)
    if len(missing) == len(runs):
        return say("traj.none", name=name, tol=tol, steps=in_steps)
    first = min((k, n) for n, k in reached.items() if not np.isnan(k))
    first_name = methods.label(first[1], lang)
    sentence = say("traj.first", name=name, tol=tol, first=first_name, k=int(first[0]))
    if missing:
        names = ", ".join(methods.label(n, lang) for n in missing)
        sentence += " " + say("traj.missing", steps=in_steps, names=names)
    return sentence


def report_blocks(
    out_dir: Path,
    drawn: Path,
    lang: str = "en",
    source: Path | None = None,
    heading: str | None = None,
) -> list[document.Block]:
    """The hand-in report's section on ``source`` (default ``out_dir/trajectories/``),
    under ``heading`` (default ``traj.h``): the ``REPORTED`` surfaces' figures drawn anew
    in ``lang`` from ``trajectories.csv`` into ``out_dir/drawn`` (a folder relative to
    ``out_dir``; keyed ``traj.<surface>`` for references) and a sentence on each. (The
    animations stay beside the CSV: a printed report cannot play them.)

    Raises:
      ValueError, KeyError: the CSV is not one ``experiments.trajectories`` wrote.
    """
    say, folder = _say(lang), source or out_dir / "trajectories"
    runs = trajectories.read_csv(folder / "trajectories.csv")
    shown = [surfaces.get(s) for s in REPORTED if any(r.surface == s for r in runs)]
    steps = max((len(r.loss) - 1 for r in runs), default=0)
    form = "one" if steps == 1 else "many"
    intro = say(
        "traj.intro",
        lo=_rate(min(trajectories.GRID), lang),
        hi=_rate(max(trajectories.GRID), lang),
        tol=text.num(trajectories.TOLERANCE, "g", lang),
        steps=say(f"traj.in_steps.{form}", n=steps),
    )
    overridden = [
        r.optimizer for r in runs if not np.isclose(r.learning_rate, trajectories.GRID).any()
    ]
    if overridden:
        names = ", ".join(methods.label(n, lang) for n in dict.fromkeys(overridden))
        intro += " " + say("traj.override", names=names)
    blocks: list[document.Block] = [
        document.Heading(2, heading or say("traj.h")),
        document.Paragraph(intro),
    ]
    for surface in shown:
        mine = [r for r in runs if r.surface == surface.name]
        link = (drawn / f"{surface.name}.png").as_posix()
        plots.save(surface_figure(surface, mine, lang), out_dir / link)
        name = say(f"traj.name.{surface.name}")
        blocks += [
            document.Paragraph(reach_sentence(surface, mine, lang)),
            document.Image(
                say("traj.fig", name=name), out_dir / link, link, key=f"traj.{surface.name}"
            ),
        ]
    return blocks
