"""The 2-D surface figure: a view that shows every path, and text that prints legibly."""

import re

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.text import Text

from mlp_jax.labs import surfaces, trajectories
from mlp_jax.report import document, plots, trajectory_plots

RAVINE = surfaces.get("ravine")  # Window x ∈ [−5, 1], y ∈ [−1,5, 1,5].


def _run(name, *points, rate=0.1):
    """A path through ``points`` with the ravine's loss at each."""
    xy = np.array(points, float)
    loss = 0.5 * (0.1 * xy[:, 0] ** 2 + 5.0 * xy[:, 1] ** 2)
    return trajectories.Run("ravine", name, rate, xy, loss)


def _page_width_in() -> float:
    """The text width of the hand-in's printed page, from its print style (A4 less the
    margins of its ``@page`` rule)."""
    margin = re.search(r"@page \{ size: A4; margin: (\d+)mm", document.PRINT_STYLE)[1]
    return (210 - 2 * int(margin)) / 25.4


def test_a_path_inside_the_window_keeps_the_window():
    inside = _run("sgd", (-4.5, 1.0), (-2.0, -0.5), (0.0, 0.0))
    shown = trajectory_plots.view(RAVINE, [inside])
    assert (shown.xlim, shown.ylim) == (RAVINE.xlim, RAVINE.ylim)


def test_the_view_widens_to_an_overshoot_and_not_to_a_divergence():
    """Review 2026-12-06, §3: Adagrad reached y = −2,16 outside the ±1,5 window."""
    overshoot = _run("adagrad", (-4.5, 1.0), (-2.0, -2.16), (0.0, 0.0))
    diverged = _run("sgd", (-4.5, 1.0), (-4.0, 40.0), (-4.0, np.inf))
    shown = trajectory_plots.view(RAVINE, [overshoot, diverged])
    low, high = shown.ylim
    span = 1.5 - (-2.16)
    assert low == pytest.approx(-2.16 - trajectory_plots.PAD * span) and high == 1.5
    assert shown.xlim == RAVINE.xlim


def test_the_figure_shows_every_path_and_its_contours_cover_the_view():
    overshoot = _run("adagrad", (-4.5, 1.0), (-2.0, -2.16), (0.0, 0.0))
    fig = trajectory_plots.surface_figure(RAVINE, [overshoot], "pl")
    try:
        ax = fig.axes[0]
        (lo, hi) = ax.get_ylim()
        assert lo < -2.16 < 1.0 < hi
        contours = [c for c in ax.collections if hasattr(c, "get_paths") and c.get_paths()]
        ys = np.concatenate([p.vertices[:, 1] for c in contours for p in c.get_paths()])
        assert ys.min() < -2.0  # Drawn on the widened grid, not the old window.
    finally:
        plt.close(fig)


def _texts(fig):
    fig.canvas.draw()
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip() and t.figure]


def test_the_surface_figures_text_prints_at_7_pt_or_more_a_page_wide():
    runs = [_run(n, (-4.5, 1.0), (-1.0, 0.5), (0.0, 0.0)) for n in ("sgd", "momentum", "adam")]
    fig = trajectory_plots.surface_figure(RAVINE, runs, "pl")
    try:
        scale = _page_width_in() / fig.get_figwidth()
        sizes = [t.get_fontsize() * scale for t in _texts(fig)]
        assert min(sizes) >= plots.MIN_PRINTED_PT, min(sizes)
        assert fig.legends and all(
            t.get_fontsize() == plots.LEGEND_PT for t in fig.legends[0].get_texts()
        )
    finally:
        plt.close(fig)
