"""Optimizers on 2-D surfaces: paths against optax and closed forms, the lab's Figs. 1 and 2
in numbers, the CLI's files, both languages."""

import csv
import functools

import numpy as np
import optax
import pytest
from PIL import Image

from mlp_jax.labs import surfaces, trajectories
from mlp_jax.report import document, handin, text, trajectory_plots

# Its module fixtures and cached runs are built once: the module runs on one xdist worker.
pytestmark = pytest.mark.xdist_group("trajectories")

RAVINE = surfaces.get("ravine")
A = np.array(surfaces.RAVINE_CURVATURES)  # The ravine's curvatures a_x, a_y.
OPTAX = {
    "sgd": optax.sgd,
    "momentum": functools.partial(optax.sgd, momentum=trajectories.MOMENTUM),
    "nesterov": functools.partial(optax.sgd, momentum=trajectories.MOMENTUM, nesterov=True),
    "adagrad": optax.adagrad,
    "adadelta": optax.adadelta,
    "adam": optax.adam,
}
"""optax's transform for each of lab 6's optimizers, at the same defaults."""
STEPS = 120


def linear(name, a, b):
    """A plane f = a·x + b·y: a constant gradient (a, b)."""
    return surfaces.Surface(
        name, "", lambda p: a * p["x"] + b * p["y"], (0.0, 0.0), 0.0, (1.0, 1.0), (-1, 1), (-1, 1)
    )


def scaled(surface, c):
    """``surface``'s loss times ``c``."""
    loss = lambda p: c * surface.loss(p)
    return surfaces.Surface(
        f"{surface.name}x{c}", "", loss, surface.minimum, 0.0, surface.start, (-1, 1), (-1, 1)
    )


@functools.cache
def ours_and_optax():
    """Every lab 6 optimizer on every surface at every grid rate: ours, then optax's."""
    shown = list(surfaces.SURFACES.values())
    rates = trajectories.GRID
    ours = trajectories.sweep(list(OPTAX), shown, rates, STEPS)
    theirs = trajectories.sweep(list(OPTAX.values()), shown, rates, STEPS)
    return ours, theirs


@pytest.mark.parametrize("surface", list(surfaces.SURFACES))
@pytest.mark.parametrize("name", list(OPTAX))
def test_paths_equal_optax_where_stable(name, surface):
    """The same path as optax's, step by step, at every rate at which it stays near the
    window and its loss at or below the start's: the stability edge included."""
    ours, theirs = ours_and_optax()
    i, j = list(OPTAX).index(name), list(surfaces.SURFACES).index(surface)
    got, want = ours.xy[i, j, :, 0], theirs.xy[i, j, :, 0]
    stable = np.all(np.abs(got) < 50, axis=(1, 2)) & ~trajectories.diverged(ours.loss[i, j, :, 0])
    assert stable.sum() >= 3, "too few stable rates to compare"
    np.testing.assert_allclose(got[stable], want[stable], rtol=2e-4, atol=2e-5)
    moved = np.abs(got[stable, -1] - got[stable, 0]).max()
    assert moved > 0.1


def test_sgd_on_the_ravine_follows_the_closed_form():
    rates = [0.02, 0.2, 0.39]
    starts = np.array([RAVINE.start, (3.0, -0.5)])
    paths = trajectories.run("sgd", RAVINE, rates, 60, starts)
    t = np.arange(61)[:, None]
    for i, rate in enumerate(rates):
        for k, start in enumerate(starts):
            want = (1 - rate * A) ** t * start  # x_t = (1 − ηa)^t x_0 per coordinate
            np.testing.assert_allclose(paths.xy[i, k], want, rtol=1e-4, atol=1e-7)
            np.testing.assert_allclose(paths.loss[i, k], 0.5 * (want**2 @ A), rtol=2e-4)


def test_sgd_diverges_exactly_above_two_over_the_largest_curvature():
    bound = trajectories.stability_bound(RAVINE)
    assert bound == pytest.approx(2 / A.max(), rel=1e-6)
    paths = trajectories.run("sgd", RAVINE, [0.998 * bound, 1.002 * bound], 3000)
    y = np.abs(paths.xy[:, 0, :, 1])
    assert y[0, -1] < 0.01 * y[0, 0]  # |1 − ηa| = 0.996: shrinks
    assert y[1, -1] > 100 * y[1, 0]  # |1 − ηa| = 1.004: grows
    assert list(trajectories.diverged(paths.loss[:, 0])) == [False, True]


def test_the_figures_too_large_rate_diverges_and_the_others_do_not():
    study = trajectories.learning_rate_study(RAVINE)
    assert study["too_small"] < study["about_right"] < trajectories.stability_bound(RAVINE)
    assert study["too_large"] > trajectories.stability_bound(RAVINE)
    paths = trajectories.run("sgd", RAVINE, list(study.values()), 200)
    assert list(trajectories.diverged(paths.loss[:, 0])) == [False, False, True]
    y = paths.xy[2, 0, :6, 1]
    assert np.all(np.sign(y[1:]) == -np.sign(y[:-1]))  # Overshoots at every step,
    assert np.all(np.abs(y[1:]) > np.abs(y[:-1]))  # further each time.


def test_momentum_overshoots_the_floor_where_sgd_does_not():
    rate = 0.1  # Below 1/a_y: plain SGD approaches y = 0 from one side.
    sgd = trajectories.run("sgd", RAVINE, [rate], STEPS).xy[0, 0, :, 1]
    heavy = trajectories.run("momentum", RAVINE, [rate], STEPS).xy[0, 0, :, 1]
    assert np.all(sgd >= 0) and trajectories.oscillation(sgd)[0] == 0
    assert heavy.min() < -0.1 and trajectories.oscillation(heavy)[0] > 0.1


@pytest.mark.parametrize("momentum", [0.5, 0.9])
@pytest.mark.parametrize("rate", [0.05, 0.1])
def test_nesterov_swings_less_across_the_ravine_than_momentum(rate, momentum):
    ys = {
        name: trajectories.run(name, RAVINE, [rate], 300, momentum=momentum).xy[0, 0, :, 1]
        for name in ("momentum", "nesterov")
    }
    heavy, nag = (trajectories.oscillation(ys[n]) for n in ("momentum", "nesterov"))
    assert nag[0] < heavy[0]  # smaller largest overshoot
    assert nag[1] < heavy[1]  # settles sooner


@pytest.mark.parametrize("c", [1e-3, 1.0, 1e3])
def test_adams_first_step_is_the_rate_times_the_gradients_sign(c):
    surface = scaled(RAVINE, c)
    rate = 0.01
    xy = trajectories.run("adam", surface, [rate], 1).xy[0, 0]
    gradient = c * A * np.array(RAVINE.start)
    np.testing.assert_allclose(xy[1] - xy[0], -rate * np.sign(gradient), rtol=1e-4)


def test_adagrads_step_shrinks_on_a_constant_gradient():
    g = np.array([3.0, -0.5])
    paths = trajectories.run("adagrad", linear("plane", *g), [0.1], 50)
    steps = paths.update[0, 0]
    assert np.all(np.diff(steps) < 0)
    t = np.arange(1, 51)[:, None]  # Closed form: u_t = η g / √(G_0 + t g² + ε), G_0 = 0.1.
    want = 0.1 * g / np.sqrt(0.1 + t * g**2 + 1e-7)
    np.testing.assert_allclose(steps, np.linalg.norm(want, axis=1), rtol=1e-5)


def lab_momentum(theta, v, rate, gamma, nesterov):
    """One step of the lab's (Nesterov) momentum in NumPy: returns (θ', v')."""
    grad = lambda p: A * p
    v = gamma * v + rate * grad(theta - gamma * v if nesterov else theta)
    return theta - v, v


def test_the_decomposition_adds_up_and_matches_the_labs_formulas():
    rate, gamma, step = trajectories.FIG2_RATE, trajectories.MOMENTUM, trajectories.FIG2_STEP
    parts = trajectories.decompose(RAVINE, rate, step)
    theta, v = np.array(RAVINE.start), np.zeros(2)
    for _ in range(step):
        theta, v = lab_momentum(theta, v, rate, gamma, nesterov=False)
    close = functools.partial(np.testing.assert_allclose, rtol=1e-5, atol=1e-6)
    close(parts.point, theta)
    close(parts.jump, -gamma * v)
    close(parts.gradient, -rate * A * theta)
    close(parts.correction, -rate * A * (theta - gamma * v))
    close(parts.jump + parts.correction, parts.nesterov_update)
    close(parts.gradient + parts.jump, parts.momentum_update)
    close(theta + parts.nesterov_update, lab_momentum(theta, v, rate, gamma, True)[0])
    close(theta + parts.momentum_update, lab_momentum(theta, v, rate, gamma, False)[0])
    assert np.linalg.norm(parts.correction - parts.gradient) > 0.1  # A visible difference.


def test_steps_to_counts_from_where_the_loss_stays_within_the_tolerance():
    loss = np.array([[5.0, 1e-4, 0.5, 1e-4, 0.0], [5.0, 1.0, 0.5, 0.1, 0.01]])
    np.testing.assert_array_equal(trajectories.steps_to(loss, 0.0), [3.0, np.nan])


def test_choose_rate_prefers_the_soonest_then_the_closest_and_never_a_diverged_rate():
    xy = np.zeros((4, 4, 2))
    xy[:, -1, 0] = [0.0, 0.0, 0.5, 0.0]
    loss = np.array(
        [
            [1.0, 0.5, 1e-4, 0.0],  # within from step 2
            [1.0, 1e-4, 1e-4, 0.0],  # within from step 1: the soonest
            [1.0, 0.5, 0.4, 0.3],  # never within
            [1.0, 1e-4, np.inf, 0.0],  # diverged
        ]
    )
    assert trajectories.choose_rate(loss, xy, RAVINE, range(4)) == 1
    assert trajectories.choose_rate(loss, xy, RAVINE, [0, 2, 3]) == 0
    xy[2, -1] = 0.1
    assert trajectories.choose_rate(loss[[2, 3]], xy[[2, 3]], RAVINE, [0, 1]) == 0


@pytest.fixture(scope="module")
def small():
    """A small study: three optimizers on the ravine and the saddle, 40 steps."""
    return trajectories.study(
        ["sgd", "momentum", "adam"], [RAVINE, surfaces.get("saddle")], 40, {"adam": 0.2}
    )


def test_study_keeps_the_override_and_chooses_the_others_from_the_grid(small):
    chosen = {r.optimizer: r.learning_rate for r in small.best("ravine")}
    assert chosen["adam"] == pytest.approx(0.2)
    assert chosen["sgd"] in trajectories.GRID and chosen["momentum"] in trajectories.GRID
    run = small.best("ravine", ["sgd"])[0]
    np.testing.assert_allclose(
        run.xy, trajectories.run("sgd", RAVINE, [run.learning_rate], 40).xy[0, 0]
    )


def tick_labels(fig):
    fig.canvas.draw()
    return [
        t.get_text()
        for ax in fig.axes
        for t in [*ax.get_xticklabels(), *ax.get_yticklabels()]
        if t.get_text()
    ]


@pytest.mark.parametrize("lang", text.LANGS)
def test_both_languages_render_with_their_decimal_marks(small, lang):
    fig = trajectory_plots.surface_figure(RAVINE, small.best("ravine"), lang)
    labels = tick_labels(fig)
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    decimal = "," if lang == "pl" else "."
    other = "." if lang == "pl" else ","
    assert any(decimal in label for label in labels)
    assert not any(other in label for label in labels)
    assert any(f"0{decimal}" in entry for entry in legend)
    assert fig.get_suptitle().startswith(text.say(lang, "traj.name.ravine"))


def read_rows(path):
    with path.open(newline="") as f:
        reader = csv.DictReader(f)
        return reader.fieldnames, list(reader)


def test_cli_writes_every_file_and_the_report_shows_them(run_cli, tmp_path):
    """One run in Polish: every file, the CSV's columns and rows, the GIF's frames, and the
    hand-in report's section drawn from them."""
    args = ["--surfaces=ravine,saddle", "--optimizers=sgd,momentum,adam", "--steps=20"]
    result = run_cli("trajectories", *args, f"--out_dir={tmp_path}", "--lang=pl")
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "trajectories"
    names = {"ravine.png", "ravine.gif", "saddle.png", "saddle.gif", "learning_rate.png"}
    names |= {"momentum_vs_nesterov.png", "trajectories.csv"}
    assert {p.name for p in folder.iterdir()} == names
    columns, rows = read_rows(folder / "trajectories.csv")
    assert columns == list(trajectories.COLUMNS)
    assert len(rows) == 2 * 3 * 21
    key = ("saddle", "adam", "0")
    first = next(r for r in rows if (r["surface"], r["optimizer"], r["step"]) == key)
    assert (float(first["x"]), float(first["y"])) == surfaces.get("saddle").start
    for png in names - {"ravine.gif", "saddle.gif", "trajectories.csv"}:
        assert Image.open(folder / png).format == "PNG"
    gif = Image.open(folder / "ravine.gif")
    assert gif.format == "GIF"
    assert gif.n_frames == len(trajectory_plots.frames(20)) == 21
    assert gif.info["duration"] * gif.n_frames <= 6000  # a few seconds
    assert (folder / "ravine.gif").stat().st_size < 3e6

    blocks = handin.trajectory_section(tmp_path / "mnist", "pl")  # A dataset's report.
    assert blocks[0] == document.Heading(2, text.say("pl", "traj.h"))
    images = [b for b in blocks if isinstance(b, document.Image)]
    links = [f"{handin.FIGURES}/pl/trajectories/{s}.png" for s in ("ravine", "saddle")]
    assert [i.link for i in images] == links
    assert all(i.path.exists() for i in images)
    assert [i.key for i in images] == ["traj.ravine", "traj.saddle"]  # Cited by number.
    assert not any(".gif" in getattr(b, "text", "") for b in blocks)  # A PDF cannot play them.
    assert handin.trajectory_section(tmp_path / "nothing" / "mnist", "en") == []


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--act=relu"], "--act does not apply to 2-D surfaces"),
        (["--surfaces=bowl"], "unknown surface 'bowl'"),
        (["--optimizers=sgd", "--lr=adam=0.5"], "--lr sets adam, which this run does not train"),
    ],
)
def test_bad_input_is_one_line(args, expected, run_cli, tmp_path):
    result = run_cli("trajectories", *args, f"--out_dir={tmp_path}")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert expected in result.stderr.strip().splitlines()[0]
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_polish_sentences_are_generated_from_the_numbers(small):
    sentence = trajectory_plots.reach_sentence(RAVINE, small.best("ravine"), "pl")
    steps = {r.optimizer: trajectories.steps_to(r.loss, 0.0) for r in small.best("ravine")}
    reached = {n: k for n, k in steps.items() if not np.isnan(k)}
    if reached:
        first = min(reached, key=reached.get)
        assert f"dla {first} (od kroku {int(reached[first])})" in sentence
    assert "0,001" in sentence


# Issue 29, case 18: paths too long for memory are refused before compiling, naming
# what the caller can change (the CLI: its own flags, not --seeds).
def test_paths_too_long_for_memory_are_refused_before_compiling():
    with pytest.raises(trajectories.TooManySteps, match=r"1 paths of 10000000000000 steps") as e:
        trajectories.run("sgd", RAVINE, [0.1], 10**13)
    assert 0 < e.value.fit < 10**13 and f"at most {e.value.fit} steps fit" in str(e.value)


def test_cli_too_many_steps_names_its_own_flags(run_cli, tmp_path):
    result = run_cli("trajectories", "--steps=1000000000", f"--out_dir={tmp_path}")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert " paths of 1000000000 steps need about " in line
    assert line.endswith("or fewer, or fewer --optimizers or --surfaces") and "--seeds" not in line
    assert "fix: --steps=" in line and not (tmp_path / "trajectories").exists()


def test_cli_out_of_memory_while_running_names_its_own_flags(run_cli):
    oom = "RESOURCE_EXHAUSTED: Out of memory while trying to allocate 8 bytes."
    code = (
        "import runpy; from mlp_jax.labs import trajectories; "
        f"trajectories.study = lambda *a, **k: (_ for _ in ()).throw(RuntimeError({oom!r})); "
        "runpy.run_module('experiments.trajectories', run_name='__main__', alter_sys=True)"
    )
    result = run_cli("-c", code, "--steps=5", python=True)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        f"error: out of memory ({oom}); fix: fewer --steps, --optimizers or --surfaces"
    )
