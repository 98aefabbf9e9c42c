"""Lab 6's optimizers on 2-D loss surfaces: paths, still and animated (the lab's Figs. 1 and 2).

    python -m experiments.trajectories
    python -m experiments.trajectories --lang=pl --surfaces=ravine,saddle --steps=300
    python -m experiments.trajectories --optimizers=sgd,momentum,adam --lr=adam=0.1

Runs every optimizer on every surface (mlp_jax.labs.surfaces) at every rate of a grid,
10^-4 to 10 half a decade apart, as one compiled program, and draws each at the rate
that brings the loss within 0.001 of the minimum soonest (or, if none does, ends
closest to it); --lr=NAME=RATE runs NAME at that rate instead. Writes to
<out_dir>/trajectories/: <surface>.png and <surface>.gif per surface,
learning_rate.png (plain SGD on the ravine at a rate too small, about right and too
large), momentum_vs_nesterov.png (one step of each split into its parts) and
trajectories.csv (surface, optimizer, learning_rate, step, x, y, loss; step 0 is the
start). No network or data is involved: of the shared flags listed below only --lr,
--out_dir and --nocompilation_cache apply; giving any other is an error.
"""

from __future__ import annotations

import time
from pathlib import Path

from absl import app, flags

from experiments import build, cli
from experiments import flags as common
from mlp_jax import optimizers, train
from mlp_jax.labs import configs, surfaces, trajectories
from mlp_jax.report import plots, text, trajectory_plots

OPTIMIZERS = common.define_names(
    "optimizers",
    configs.LAB6_OPTIMIZERS,
    optimizers.OPTIMIZERS,
    "optimizer",
    "Optimizers to draw",
)
SURFACES = common.define_names(
    "surfaces", list(surfaces.SURFACES), surfaces.SURFACES, "surface", "Surfaces to draw"
)
STEPS = flags.DEFINE_integer("steps", 200, "Steps of every run.", lower_bound=1)
LANG = flags.DEFINE_enum(
    "lang", "en", list(text.LANGS), "Language of the figures: en (English) or pl (Polish)."
)
SMALLER = "--optimizers or --surfaces"
"""Besides --steps, the flags that make the paths take less memory."""


def _refuse_others() -> None:
    given = [
        f"--{f.name}"
        for f in flags.FLAGS.get_flags_for_module(common.__name__)
        if f.present and f.name not in common.SURFACE_FLAGS
    ]
    if given:
        raise app.UsageError(
            f"{', '.join(given)} does not apply to 2-D surfaces (no network, data or "
            f"cluster); fix: drop it (of the shared flags only --{', --'.join(common.SURFACE_FLAGS)} apply)"
        )


def main(argv):
    del argv
    _refuse_others()
    overrides = common.lr_overrides(OPTIMIZERS.value)
    out = build.out_dir() / "trajectories"
    names, shown = OPTIMIZERS.value, [surfaces.get(s) for s in SURFACES.value]
    ravine = surfaces.get("ravine")
    lr_study = trajectories.learning_rate_study(ravine)
    start = time.perf_counter()
    try:
        study = trajectories.study(
            list(dict.fromkeys([*names, "sgd", "momentum", "nesterov"])),
            list({s.name: s for s in [*shown, ravine]}.values()),
            STEPS.value,
            overrides,
            extra_rates=[*lr_study.values(), trajectories.FIG2_RATE],
        )
    except trajectories.TooManySteps as e:
        raise train.OutOfMemory(
            f"{e.need}; fix: --steps={e.fit} or fewer, or fewer {SMALLER}"
        ) from e
    print(
        f"ran {study.paths.loss.size // (STEPS.value + 1)} paths in {time.perf_counter() - start:.1f} s"
    )
    runs = []
    for surface in shown:
        best = study.best(surface.name, names)
        runs += best
        for run in best:
            print(
                f"{surface.name}: {run.optimizer}, α = {run.learning_rate:.3g}: "
                f"{trajectory_plots.reach(run, surface, 'en')}"
            )
        _write_surface(surface, best, out)
    _write_lab_figures(study, ravine, lr_study, out)
    print(f"wrote {trajectories.write_csv(out / 'trajectories.csv', runs)}")
    print(f"done in {time.perf_counter() - start:.1f} s")


def _write_surface(surface: surfaces.Surface, runs: list[trajectories.Run], out: Path) -> None:
    fig = trajectory_plots.surface_figure(surface, runs, LANG.value)
    print(f"wrote {plots.save(fig, out / f'{surface.name}.png')}")
    print(
        f"wrote {trajectory_plots.animate(surface, runs, out / f'{surface.name}.gif', LANG.value)}"
    )


def _write_lab_figures(
    study: trajectories.Study,
    ravine: surfaces.Surface,
    lr_study: dict[str, float],
    out: Path,
) -> None:
    runs = {label: study.run("sgd", ravine.name, rate) for label, rate in lr_study.items()}
    fig = trajectory_plots.learning_rate_figure(ravine, runs, LANG.value)
    print(f"wrote {plots.save(fig, out / 'learning_rate.png')}")
    rate, step = trajectories.FIG2_RATE, trajectories.FIG2_STEP
    parts = trajectories.decompose(ravine, rate, step)
    pair = {name: study.run(name, ravine.name, rate) for name in ("momentum", "nesterov")}
    fig = trajectory_plots.decomposition_figure(
        ravine, parts, pair, trajectories.MOMENTUM, step, LANG.value
    )
    print(f"wrote {plots.save(fig, out / 'momentum_vs_nesterov.png')}")


if __name__ == "__main__":
    cli.run(main, memory_fix=f"fewer --steps, {SMALLER}")
