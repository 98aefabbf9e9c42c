"""Figures: files written atomically, and the drawn lines and bands equal the statistics."""

import functools
import re
from types import SimpleNamespace

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.text import Text

from mlp_jax import records
from mlp_jax.labs import stats
from mlp_jax.report import document, layer_plots, methods, plots, results, text

R, E, STEPS_PER_EPOCH, LOG_EVERY = 5, 4, 50, 5
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _curves(rng, rate, noise, diverged=()):
    """Noisy exponential decays; runs in ``diverged`` (run, step) are NaN after that step."""
    windows = STEPS_PER_EPOCH // LOG_EVERY
    step_t = (np.arange(E * windows) + 0.5) / windows

    def decay(t, scale):
        return np.exp(-rate * t) * np.exp(scale * rng.normal(size=(R, len(t))))

    curves = {
        "train_loss": 2.3 * decay(np.arange(1, E + 1), noise),
        "train_acc": 1 - 0.9 * decay(np.arange(1, E + 1), 0.01),
        "test_loss": 2.3 * decay(np.arange(E + 1), noise),
        "test_acc": 1 - 0.9 * decay(np.arange(E + 1), 0.01),
        "step_loss": 2.3 * decay(step_t, noise),
        "diverged_step": np.full(R, -1),
    }
    for run, step in diverged:
        epoch = step // STEPS_PER_EPOCH
        curves["diverged_step"][run] = step
        curves["step_loss"][run, step // LOG_EVERY :] = np.nan
        for key in ("train_loss", "train_acc"):
            curves[key][run, epoch:] = np.nan
        for key in ("test_loss", "test_acc"):
            curves[key][run, epoch + 1 :] = np.nan
    return record(curves)


def record(curves, **fields):
    """A ``records.History`` with these per-seed arrays (no validation set, no grid)."""
    defaults = {
        "val_loss": None,
        "val_acc": None,
        "epoch_s": np.ones(E),
        "compile_s": 0.0,
        "steps_per_epoch": STEPS_PER_EPOCH,
        "log_every": LOG_EVERY,
        "seeds": tuple(range(R)),
        "grid": {},
    }
    return records.History(**(defaults | curves | fields))


@pytest.fixture
def runs():
    rng = np.random.default_rng(0)
    return {
        "sgd": _curves(rng, 0.3, 0.05),
        "momentum": _curves(rng, 0.6, 1.5, diverged=[(1, 70), (3, 160)]),  # Wide bands.
        "adam": _curves(rng, 0.9, 0.05, diverged=[(r, 10 + r) for r in range(R)]),
    }


@pytest.fixture(autouse=True)
def no_open_figures():
    plt.close("all")
    yield
    assert plt.get_fignums() == [], "a figure was left open"


def _band(ax, i, x):
    """(lower, upper) edge of the i-th band of ``ax`` at each of ``x``."""
    vertices = ax.collections[i].get_paths()[0].vertices
    at = [vertices[vertices[:, 0] == xi, 1] for xi in x]
    return np.array([v.min() for v in at]), np.array([v.max() for v in at])


def _assert_png(path, min_bytes=10_000):
    data = path.read_bytes()
    assert data[:8] == PNG_MAGIC
    assert len(data) > min_bytes


def test_colors_are_stable_and_distinct():
    names = [f"config{i}" for i in range(15)]
    assert plots.colors(names) == plots.colors(list(names))
    assert len(set(plots.colors(names).values())) == 15
    assert list(plots.colors(["b", "a", "b"])) == ["b", "a"]
    assert plots.colors(["x", "y"]).items() <= plots.colors(["x", "y", "z"]).items()


def test_plot_activation_writes_pngs(runs, tmp_path):
    out = tmp_path / "new" / "relu"
    paths = plots.plot_activation(runs, out, title="optimizers: relu")
    assert [p.name for p in paths] == ["loss_epoch.png", "loss_step.png", "test_acc.png"]
    for path in paths:
        assert path.parent == out
        _assert_png(path)
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in paths)  # No temp files.


def test_lines_and_bands_are_the_mean_and_ci_of_non_diverged_runs(runs):
    figures = dict(plots.activation_figures(runs, "t"))
    try:
        for stem, key, log in [
            ("loss_epoch", "train_loss", True),
            ("loss_step", "step_loss", True),
            ("test_acc", "test_acc", False),
        ]:
            ax = figures[stem].axes[0]
            lines = ax.get_lines()
            assert [line.get_label() for line in lines] == [
                "sgd",
                "momentum (2/5 diverged)",
                "adam (5/5 diverged)",
            ]
            assert len(lines[2].get_xdata()) == 0  # Fully diverged: legend entry only.
            assert len(ax.collections) == 2
            assert ax.get_yscale() == ("log" if log else "linear")
            for i, name in enumerate(["sgd", "momentum"]):
                ok = runs[name].finite
                y = getattr(runs[name], key)[ok]
                if key == "test_acc":
                    y = y[:, 1:]  # After epochs 1…E: epoch 0 is chance level.
                assert ok.sum() == (R if name == "sgd" else R - 2)
                np.testing.assert_allclose(lines[i].get_ydata(), y.mean(0), rtol=1e-12)
                _, lo, hi = stats.mean_ci(y)
                if log:
                    lo = np.maximum(lo, y.min(0))
                lower, upper = _band(ax, i, lines[i].get_xdata())
                np.testing.assert_allclose(lower, lo, rtol=1e-12)
                np.testing.assert_allclose(upper, hi, rtol=1e-12)
                if log:
                    assert (lower > 0).all()
        # The wide momentum band does reach below its smallest seed, so clipping was tested.
        y = runs["momentum"].train_loss[runs["momentum"].finite]
        assert (stats.mean_ci(y)[1] < y.min(0)).any()
    finally:
        for figure in figures.values():
            plt.close(figure)


def test_x_axes():
    rng = np.random.default_rng(1)
    figures = dict(plots.activation_figures({"sgd": _curves(rng, 0.3, 0.1)}, "t"))
    try:
        x = {stem: figure.axes[0].get_lines()[0].get_xdata() for stem, figure in figures.items()}
    finally:
        for figure in figures.values():
            plt.close(figure)
    np.testing.assert_array_equal(x["loss_epoch"], np.arange(1, E + 1))
    np.testing.assert_array_equal(x["test_acc"], np.arange(1, E + 1))  # Epoch 0 left out.
    # Window centres: 10 windows of 5 steps per epoch.
    np.testing.assert_array_equal(x["loss_step"], np.arange(E * 10) * LOG_EVERY + 2.5)


def test_step_loss_is_thinned_to_block_means():
    steps_per_epoch, every, epochs = 1003, 2, 3  # 501 windows per epoch, 1 step dropped.
    y = np.random.default_rng(2).uniform(1, 2, size=(2, epochs * 501))
    curves = SimpleNamespace(step_loss=y, steps_per_epoch=steps_per_epoch, log_every=every)
    x, thinned, xlabel = plots.thinned_step_loss(curves, functools.partial(text.say, "en"))
    k = 4  # ⌈1503 / 500⌉.
    assert thinned.shape == (2, 376) and x.shape == (376,)
    np.testing.assert_allclose(thinned[:, 0], y[:, :k].mean(1))
    np.testing.assert_allclose(thinned[:, -1], y[:, -3:].mean(1))  # 1503 = 375·4 + 3.
    assert x[0] == np.mean([1, 3, 5, 7])
    assert x[-1] == np.mean([2 * 1003 + 2 * w + 1 for w in (498, 499, 500)])
    assert f"{k * every} steps" in xlabel


def test_side_by_side(runs, tmp_path):
    sigmoid = {"sgd": runs["sgd"], "adam": runs["sgd"]}  # adam converges under sigmoid.
    runs_by_act = {"sigmoid": sigmoid, "relu": runs}
    figure = plots.side_by_side_figure(runs_by_act, "optimizers", labels={"relu": "ReLU"})
    try:
        assert len(figure.axes) == 2 and not figure.legends
        looks = plots.styles(["sgd", "adam", "momentum"])
        for ax, act in zip(figure.axes, runs_by_act, strict=True):
            assert ax.get_yscale() == "log"
            assert [line.get_color() for line in ax.get_lines()] == [
                looks[name].color for name in runs_by_act[act]
            ]
            assert [line.get_marker() for line in ax.get_lines()] == [
                looks[name].marker for name in runs_by_act[act]
            ]
        assert [ax.get_title() for ax in figure.axes] == ["sigmoid", "ReLU"]
        # One legend per panel, counting that activation's diverged runs only.
        legends = [[t.get_text() for t in ax.get_legend().get_texts()] for ax in figure.axes]
        assert legends == [
            ["sgd", "adam"],
            ["sgd", "momentum (2/5 diverged)", "adam (5/5 diverged)"],
        ]
        # Each panel's own y range: sigmoid's converged losses are not squashed by relu's.
        sigmoid_ax, relu_ax = figure.axes
        assert not sigmoid_ax.get_shared_y_axes().joined(sigmoid_ax, relu_ax)
        top = max(np.nanmax(c.train_loss) for c in sigmoid.values())
        assert sigmoid_ax.get_ylim()[1] < 1.5 * top
    finally:
        plt.close(figure)
    path = plots.plot_side_by_side(runs_by_act, tmp_path / "side.png", title="optimizers")
    assert path == tmp_path / "side.png"
    _assert_png(path)


def test_only_diverged_configs_do_not_raise(runs, tmp_path):
    only = {"adam": runs["adam"]}
    assert len(plots.plot_activation(only, tmp_path, title="t")) == 3
    plots.plot_side_by_side({"relu": only}, tmp_path / "side.png", title="t")


def test_write_is_atomic(runs, tmp_path, monkeypatch):
    path = tmp_path / "side.png"
    path.write_bytes(b"previous figure")

    def broken_savefig(self, file, **kwargs):
        file.write(PNG_MAGIC)  # A partial file, then a failure.
        raise OSError("disk full")

    monkeypatch.setattr(Figure, "savefig", broken_savefig)
    with pytest.raises(OSError, match="disk full"):
        plots.plot_side_by_side({"relu": runs}, path, title="t")
    assert path.read_bytes() == b"previous figure"
    assert list(tmp_path.iterdir()) == [path]


def test_lr_sensitivity_draws_final_validation_loss_per_rate(tmp_path, monkeypatch):
    rng = np.random.default_rng(3)
    rates = (0.01, 0.03, 0.1)
    val = rng.uniform(0.2, 0.5, size=(3, R, E + 1))
    diverged = np.full((3, R), -1)
    diverged[2, 0] = 7  # One seed diverged at the largest rate: left out of its mean.
    val[2, 0] = np.nan
    base = _curves(rng, 0.3, 0.05)
    grid = base._replace(
        val_loss=val, val_acc=val, diverged_step=diverged, grid={"learning_rate": rates}
    )
    figure_path = tmp_path / "sens.png"
    captured = {}
    real_save = plots.save

    def keep(fig, path):
        captured["lines"] = [(line.get_xdata(), line.get_ydata()) for line in fig.axes[0].lines]
        return real_save(fig, path)

    monkeypatch.setattr(plots, "save", keep)
    plots.plot_lr_sensitivity({"adam": grid}, {"adam": 1}, figure_path, title="t")
    _assert_png(figure_path, min_bytes=5_000)
    (x, mean), (cx, cy) = captured["lines"]
    np.testing.assert_allclose(x, rates)
    expected = [val[g][diverged[g] < 0, -1].mean() for g in range(3)]
    np.testing.assert_allclose(mean, expected, rtol=1e-12)
    assert list(cx) == [0.03] and cy[0] == pytest.approx(expected[1])


def test_labels_follow_the_language(runs):
    figures = dict(plots.activation_figures(runs, "t", "pl"))
    try:
        ax = figures["loss_epoch"].axes[0]
        assert ax.get_xlabel() == "epoka"
        assert ax.get_ylabel() == "strata na zbiorze uczącym (średnia z epoki)"
        assert [line.get_label() for line in ax.get_lines()][1] == "momentum (2/5 rozbieżnych)"
    finally:
        for figure in figures.values():
            plt.close(figure)


def test_styles_tell_every_configuration_apart():
    names = [f"c{i}" for i in range(12)]
    looks = plots.styles(names)
    assert list(looks) == names
    assert {name: look.color for name, look in looks.items()} == plots.colors(names)
    triples = {(str(look.linestyle), look.marker, look.color) for look in looks.values()}
    assert len(triples) == len(names)
    # The first few, which coincide in practice (Xavier and He), differ in all three.
    first = list(looks.values())[:5]
    for part in ("color", "linestyle", "marker"):
        assert len({str(getattr(look, part)) for look in first}) == 5


def _drawn(figure):
    """(labels of every visible text of the figure, the axes' legend boxes fit inside)."""
    figure.canvas.draw()
    ax = figure.axes[0]
    ticks = [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]
    legend = ax.get_legend().get_window_extent()
    box = ax.get_window_extent()
    inside = box.x0 <= legend.x0 and legend.x1 <= box.x1 and box.y0 <= legend.y0
    return [t for t in ticks if t], inside and legend.y1 <= box.y1


def test_coinciding_lines_are_distinguishable_and_markers_staggered():
    rng = np.random.default_rng(4)
    same = _curves(rng, 0.5, 0.05)
    figures = dict(plots.activation_figures({"normal": same, "xavier": same, "he": same}, "t"))
    try:
        for stem, figure in figures.items():
            lines = figure.axes[0].get_lines()
            assert len({(line.get_linestyle(), line.get_marker()) for line in lines}) == 3
            marks = [line.get_markevery() for line in lines]
            if stem == "loss_step":  # 40 points: a marker every 4, at offsets 0, 1, 2.
                assert marks == [(0, 4), (1, 4), (2, 4)]
    finally:
        for figure in figures.values():
            plt.close(figure)


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_tick_labels_follow_the_language_on_every_axis(runs, lang):
    figures = dict(plots.activation_figures(runs, "t", lang))
    try:
        for stem, figure in figures.items():
            labels, legend_inside = _drawn(figure)
            assert legend_inside, stem
            assert not any("×" in t or "10^" in t or "$" in t for t in labels), labels
            decimals = [t for t in labels if any(c in t for c in ".,")]
            assert decimals or stem == "test_acc", (stem, labels)  # Log axes: 0.5-like labels.
            assert all(
                ("," in t) == (lang == "pl") and ("." in t) == (lang == "en") for t in decimals
            )
            assert [t.get_text() for t in figure.texts] == ["t"]  # The title, no note.
        # Accuracy in percent, zoomed to the trained epochs (epoch 0, ~10%, left out).
        ax = figures["test_acc"].axes[0]
        labels = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
        assert all(t.endswith("%") for t in labels)
        assert not any(c in t for t in labels for c in ".,")  # Whole percents on a wide axis.
        acc = runs["sgd"].test_acc
        assert ax.get_ylim()[0] > acc[:, 0].mean()
        assert ax.get_xlim() == figures["loss_epoch"].axes[0].get_xlim()
    finally:
        for figure in figures.values():
            plt.close(figure)


@pytest.mark.parametrize(
    ("lo", "hi", "expected"),
    [
        (0.28, 0.62, [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6]),
        (0.25, 2.5, [0.3, 0.5, 0.7, 1, 2]),  # 1…9 would give nine.
        (0.02, 3.0, [0.02, 0.05, 0.1, 0.2, 0.5, 1, 2]),
        (1e-3, 0.3, [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2]),
    ],
)
def test_log_ticks_are_readable_decimals(lo, hi, expected):
    ticks = plots.log_ticks(lo, hi)
    np.testing.assert_allclose(ticks, expected)
    assert [plots.decimal_tick(t, "pl") for t in ticks[:2]] == [
        format(t, "g").replace(".", ",") for t in expected[:2]
    ]


def test_step_label_is_singular_for_one_step():
    say = functools.partial(text.say, "en")
    curves = SimpleNamespace(step_loss=np.ones((2, 30)), steps_per_epoch=10, log_every=1)
    assert "1 steps" not in plots.thinned_step_loss(curves, say)[2]
    assert plots.thinned_step_loss(curves, say)[2] == text.say("en", "plot.step_one")


def test_captions_carry_the_notes():
    assert "t(0,975; n − 1)" in plots.caption("loss_epoch", "pl")
    assert "t(0.975; n − 1)" in plots.caption("activations", "en")
    assert plots.caption("test_acc", "en").endswith(text.say("en", "caption.acc"))
    assert plots.caption("lr_sensitivity", "pl") == text.say("pl", "caption.lr")
    assert "dywergenc" not in " ".join(
        plots.caption(f, "pl") for f in ("test_acc", "lr_sensitivity")
    )


INITS = ("normal", "xavier", "he")


def _layer_rows(rng):
    """LayerRows of a 2-hidden-layer relu network: dead fractions, gradient norms 0.02…3."""
    return [
        records.LayerRow(
            init=init,
            act="relu",
            layer=layer,
            kind="output" if layer == 2 else "hidden",
            epoch=epoch,
            seeds=3,
            preact_mean=0.0,
            preact_std=1.0,
            preact_std_closed_form=1.0,
            saturated_frac=np.nan,
            dead_frac=np.nan if layer == 2 else rng.uniform(0, 0.7),
            grad_norm=rng.uniform(0.02, 3.0),
            data_source="",
        )
        for init in INITS
        for layer in range(3)
        for epoch in range(4)
    ]


def _ticks(axis):
    return [t.get_text() for t in axis.get_ticklabels() if t.get_text()]


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_layer_curves_read_in_the_language_with_percent_and_layers_from_one(lang):
    rows = _layer_rows(np.random.default_rng(5))
    labels = {i: methods.label(i, lang) for i in INITS}
    dead = layer_plots.layer_curves_figure(rows, "dead_frac", "t", "y", False, True, lang, labels)
    grad = layer_plots.layer_curves_figure(rows, "grad_norm", "t", "y", True, False, lang, labels)
    try:
        for figure in (dead, grad):
            figure.canvas.draw()
            for ax in figure.axes:
                assert [t.get_text() for t in ax.get_legend().get_texts()] == list(labels.values())
            assert [t.get_text() for t in figure.texts] == ["t"]  # The title, no note.
        hidden, output = text.say(lang, "plot.kind.hidden"), text.say(lang, "plot.kind.output")
        assert [ax.get_title() for ax in dead.axes] == [
            f"{text.say(lang, 'plot.layer', layer=n)} ({hidden})" for n in (1, 2)
        ]
        assert grad.axes[2].get_title().endswith(f"3 ({output})")
        ax = dead.axes[0]
        assert ax.get_ylim() == (0, 100)
        for line, init in zip(ax.get_lines(), INITS, strict=True):
            mine = [r for r in rows if (r.init, r.layer) == (init, 0)]
            np.testing.assert_allclose(line.get_ydata(), [100 * r.dead_frac for r in mine])
        percents = _ticks(ax.yaxis)
        assert percents[0] == "0%" and percents[-1] == "100%"
        decimals = [t for t in _ticks(grad.axes[0].yaxis) if any(c in t for c in ".,")]
        assert decimals and all(("," in t) == (lang == "pl") for t in decimals)
        assert all(("." in t) == (lang == "en") for t in decimals)
    finally:
        plt.close(dead)
        plt.close(grad)


@pytest.mark.parametrize(("act", "scale"), [("sigmoid", 8.0), ("relu", 3.0)])
def test_histograms_read_in_polish(act, scale):
    rng = np.random.default_rng(6)
    f = {"sigmoid": lambda z: 1 / (1 + np.exp(-z)), "relu": lambda z: np.maximum(z, 0)}[act]
    values = {i: [f(scale * rng.normal(size=(2, 50, 16))) for _ in range(2)] for i in INITS}
    labels = {i: methods.label(i, "pl") for i in INITS}
    figure = layer_plots.histograms_figure(values, "t", "x", (), None, "pl", labels)
    try:
        figure.canvas.draw()
        assert [t.get_text() for t in figure.texts] == ["t"]
        for n, ax in enumerate(figure.axes, 1):
            assert ax.get_title() == text.say("pl", "plot.hidden_layer", layer=n)
            legend = [t.get_text() for t in ax.get_legend().get_texts()]
            assert [t.split(" (h = 0")[0] for t in legend] == list(labels.values())
            if act == "relu":  # Half the units are zero: their share, written in Polish.
                zeros = np.mean(values["he"][n - 1] == 0)
                assert legend[2] == f"He (h = 0: {text.pct(zeros, 'pl')})"
            assert all(t.endswith("%") for t in _ticks(ax.yaxis))
            ticks = _ticks(ax.xaxis) + _ticks(ax.yaxis)
            assert any("," in t for t in ticks) and not any("." in t for t in ticks), ticks
    finally:
        plt.close(figure)


# --------------------------------------------------------------------------
# Printed sizes: review 2026-12-06, §3 (legends and ticks at 4–5 pt, "100000").
# --------------------------------------------------------------------------


def _printed_sizes(figure, width):
    """Each visible text of ``figure`` in points when the figure prints ``width`` inches wide."""
    figure.canvas.draw()
    texts = [t for t in figure.findobj(Text) if t.get_visible() and t.get_text().strip()]
    return {t.get_text(): t.get_fontsize() * width / figure.get_figwidth() for t in texts}


def test_half_a_page_is_what_the_print_style_gives_two_images_in_a_row():
    margin = re.search(r"@page \{ size: A4; margin: (\d+)mm", document.PRINT_STYLE)[1]
    half = (210 - 2 * int(margin)) / 25.4 / 2
    assert plots.HALF_WIDTH == pytest.approx(half, abs=0.1)


def test_the_tallest_image_is_the_print_styles():
    tallest = re.search(r"img \{ max-height: (\d+)cm; \}", document.PRINT_STYLE)[1]
    assert plots.MAX_PRINTED_HEIGHT == pytest.approx(int(tallest) / 2.54)


def test_a_half_width_figures_text_prints_at_7_pt_or_more(runs):
    """The hand-in draws its figures at ``results.HALF``, two to a row."""
    for _, figure in plots.activation_figures(runs, "", "pl", size=results.HALF):
        try:
            sizes = _printed_sizes(figure, plots.HALF_WIDTH)
            assert min(sizes.values()) >= plots.MIN_PRINTED_PT, min(
                sizes.items(), key=lambda i: i[1]
            )
            legend = figure.axes[0].get_legend().get_texts()
            assert all(t.get_fontsize() == plots.LEGEND_PT for t in legend)
        finally:
            plt.close(figure)


def test_a_one_layer_histogram_is_one_panel_and_prints_at_7_pt_or_more():
    rng = np.random.default_rng(3)
    values = {i: [np.maximum(rng.normal(size=(2, 50, 16)), 0)] for i in INITS}
    labels = {i: methods.label(i, "pl") for i in INITS}
    title = "Aktywacje neuronów ukrytych w chwili inicjalizacji — funkcja sigmoidalna"
    figure = layer_plots.histograms_figure(values, title, "x", (0.5,), "progi", "pl", labels)
    try:
        assert tuple(figure.get_size_inches()) == plots.PANEL
        sizes = _printed_sizes(figure, plots.HALF_WIDTH)
        assert min(sizes.values()) >= plots.MIN_PRINTED_PT, sizes
        (suptitle,) = figure.texts
        assert suptitle.get_text().replace("\n", " ") == title  # Wrapped, not cut.
        bbox = suptitle.get_window_extent()
        assert bbox.x0 >= 0 and bbox.x1 <= figure.bbox.x1  # Inside the figure.
    finally:
        plt.close(figure)


@pytest.mark.parametrize(
    ("value", "pl", "en"),
    [
        (1e5, "10⁵", "10⁵"),
        (1e6, "10⁶", "10⁶"),
        (2e4, "2·10⁴", "2·10⁴"),
        (1.5e4, "1,5·10⁴", "1.5·10⁴"),
        (5000, "5000", "5000"),
        (5e-4, "5·10⁻⁴", "5·10⁻⁴"),
        (0.001, "0,001", "0.001"),
        (-1e5, "-10⁵", "-10⁵"),
    ],
)
def test_large_and_small_ticks_are_powers_of_ten(value, pl, en):
    assert (plots.decimal_tick(value, "pl"), plots.decimal_tick(value, "en")) == (pl, en)


def test_a_log_axis_up_to_a_million_has_no_row_of_zeros():
    figure, ax = plt.subplots()
    try:
        ax.plot([1, 2, 3], [1.0, 1e3, 1e6])
        ax.set_yscale("log")
        plots.locale_axis(ax.yaxis, "pl")
        figure.canvas.draw()
        labels = [t.get_text() for t in ax.yaxis.get_ticklabels() if t.get_text()]
        assert "10⁶" in labels and not any("0000" in t for t in labels), labels
    finally:
        plt.close(figure)


# --------------------------------------------------------------------------
# A log figure whose lines lie decades apart: two panels.
# --------------------------------------------------------------------------


def test_spans_decades_apart_split_at_the_widest_gap():
    far = [(180.0, 3e4), (0.4, 0.75), (0.39, 0.72)]
    assert plots.split_groups(far) == [(180.0, 3e4), (0.39, 0.75)]
    assert plots.split_groups([(0.4, 0.75), (0.39, 0.72), (0.6, 2.0)]) is None  # One group.
    assert plots.split_groups([(0.4, 0.75), (5.0, 9.0)]) is None  # 0.82 decades: one panel.
    three = [(1e4, 2e4), (50.0, 80.0), (0.4, 0.7)]  # Gaps of 2.1 and 1.9 decades.
    assert plots.split_groups(three) == [(1e4, 2e4), (0.4, 80.0)]


def _far_apart(rng):
    """Losses as in the deep ReLU network with N(0, 1) weights: one configuration 10⁴
    times the others, which lie within a factor of two of each other."""
    t = np.arange(E)[None, :]

    def runs(start, end, noise):
        y = start * (end / start) ** (t / (E - 1)) * np.exp(noise * rng.normal(size=(R, E)))
        acc = np.full((R, E + 1), 0.8)
        return record(
            {
                "train_loss": y,
                "step_loss": y,
                "train_acc": acc[:, 1:],
                "test_loss": acc,
                "test_acc": acc,
                "diverged_step": np.full(R, -1),
            }
        )

    return {
        "normal": runs(3e4, 180, 0.3),
        "xavier": runs(0.72, 0.41, 0.02),
        "he": runs(0.70, 0.40, 0.02),
    }


def test_lines_decades_apart_get_a_panel_each_with_the_legend_below_both():
    """Review 2026-12-06, §3: in the deep ReLU figure the legend covered N(0, 1)'s first
    epochs, and the 1–10⁵ log axis flattened Xavier and He into one line."""
    runs = _far_apart(np.random.default_rng(2))
    ((_, fig),) = plots.activation_figures(runs, "", "pl", stems=["loss_epoch"], size=results.HALF)
    try:
        top, bottom = fig.axes
        spans = dict(zip(runs, plots.spans(plots.METRICS["loss_epoch"], runs, str)))
        assert top.get_ylim()[0] <= spans["normal"][0] and top.get_ylim()[1] >= spans["normal"][1]
        lo, hi = bottom.get_ylim()
        assert lo <= min(spans["he"][0], spans["xavier"][0])
        assert hi / lo < 3  # Xavier and He fill the lower panel, not a fifth of 5 decades.
        for ax, names in ((top, ["normal"]), (bottom, ["xavier", "he"])):
            drawn = [line for line in ax.get_lines() if line.get_label() in names]
            for line in drawn:  # Every point of the group inside its panel.
                y = line.get_ydata()
                assert ax.get_ylim()[0] <= y.min() and y.max() <= ax.get_ylim()[1]
        assert top.get_legend() is None and bottom.get_legend() is None
        for ax in (top, bottom):  # Half a figure's height: fewer labelled ticks.
            assert 2 <= len(_ticks(ax.yaxis)) <= plots.SPLIT_LOG_TICKS
        (legend,) = fig.findobj(Legend)
        fig.canvas.draw()
        box = legend.get_window_extent()
        assert box.y1 <= bottom.get_window_extent().y0  # Below the panels: covers no line.
        printed = fig.get_figheight() * plots.HALF_WIDTH / fig.get_figwidth()
        assert printed <= plots.MAX_PRINTED_HEIGHT  # Not shrunk when printed.
        sizes = _printed_sizes(fig, plots.HALF_WIDTH)
        assert min(sizes.values()) >= plots.MIN_PRINTED_PT, min(sizes.items(), key=lambda i: i[1])
    finally:
        plt.close(fig)


def test_lines_close_together_stay_one_panel(runs):
    ((_, fig),) = plots.activation_figures(runs, "", "pl", stems=["loss_epoch"])
    try:
        assert len(fig.axes) == 1 and fig.axes[0].get_legend() is not None
    finally:
        plt.close(fig)


def test_a_histograms_legend_sits_above_its_highest_bar():
    """Review 2026-12-06: the ReLU histogram's legend covered the N(0, 1) peak."""
    rng = np.random.default_rng(4)
    scales = {"normal": 20.0, "xavier": 0.8, "he": 0.85}  # ReLU: N(0, 1) far to the right.
    values = {i: [np.maximum(s * rng.normal(size=(2, 500, 128)), 0)] for i, s in scales.items()}
    labels = {i: methods.label(i, "pl") for i in INITS}
    title = "Aktywacje neuronów ukrytych w chwili inicjalizacji — ReLU"  # Two lines.
    figure = layer_plots.histograms_figure(
        values, title, "aktywacja h = f(z)", (), None, "pl", labels
    )
    try:
        figure.canvas.draw()
        (ax,) = figure.axes
        top = max(p.get_path().vertices[:, 1].max() for p in ax.patches)
        bar = ax.transData.transform((1.0, top))[1]
        assert ax.get_legend().get_window_extent().y0 >= bar
    finally:
        plt.close(figure)


def test_a_long_axis_label_is_wrapped_inside_the_figure(runs):
    """Review 2026-12-06: the step figure's x label ran off the image."""
    ((_, fig),) = plots.activation_figures(runs, "", "pl", stems=["loss_step"], size=results.HALF)
    try:
        fig.canvas.draw()
        label = fig.axes[0].xaxis.label
        assert "\n" in label.get_text() or len(label.get_text()) < 60
        box, frame = label.get_window_extent(), fig.bbox
        assert frame.x0 <= box.x0 and box.x1 <= frame.x1
    finally:
        plt.close(fig)
