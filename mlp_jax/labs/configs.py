"""Configurations as data: what the labs compare, and the defaults behind them.

A :class:`Config` names an optimizer (registry name, learning rate, keywords), an
optional learning-rate schedule and a weight initializer. The optimizer and the
initializer are built from it, and its :meth:`Config.spec` is what the results
record and fingerprint, so the two can never disagree.
"""

from __future__ import annotations

import dataclasses
import inspect
import math
from collections.abc import Mapping, Sequence
from typing import Any

import optax

from mlp_jax import initializers, optimizers, schedules

DEFAULT_LR: dict[str, float] = {
    "sgd": 0.3,
    "momentum": 0.1,
    "nesterov": 0.1,
    "adagrad": 0.3,
    "adadelta": 1.0,
    "rmsprop": 0.01,
    "adam": 0.01,
    "nadam": 0.01,
    "adamax": 0.03,
    "amsgrad": 0.03,
    "adamw": 0.01,
}
"""Default learning rate of each optimizer (BUILD_NOTES.md, "Default learning rates").

Measured with ``python -m experiments.lr_sweep``: the rate with the best summed rank
of final training loss over every column swept — sigmoid and relu, the MNIST sample
and Fashion-MNIST, N(0, 1), Xavier and He weights — among rates that never diverged.
Adadelta keeps Zeiler's 1.0: the lab's formula has no step size.
"""

LAB6_OPTIMIZERS = ("sgd", "momentum", "nesterov", "adagrad", "adadelta", "adam")
"""Lab 6's optimizers: exercise 2's plain SGD (the baseline) and the five the lab asks for."""

LAB7_INITS = ("normal", "xavier", "he")
"""Lab 7's initializers: exercise 2's N(0, 1) (the baseline), Xavier and He."""

LAB7_LR_GRID = 5
"""Rates per initializer in lab 7 by default: see BUILD_NOTES.md, "Lab 7's learning rates"."""

RATE_STEP = 10**0.5
"""Ratio between neighbouring rates of a ``rate_grid``: half a decade (1, 3.16, 10, …), so a
grid around 0.01 holds the usual 1e-3."""


@dataclasses.dataclass(frozen=True)
class Config:
    """One configuration of an experiment.

    Attributes:
      name: short name, used in file names, tables and legends.
      optimizer: a key of ``optimizers.OPTIMIZERS``.
      learning_rate: the optimizer's (base) learning rate η.
      optimizer_kwargs: further keywords of the optimizer.
      schedule: a key of ``schedules.SCHEDULES``, or None for a constant rate.
      schedule_kwargs: the schedule's keywords at unit scale: the rate at step t is
        η times the schedule's value (``plateau`` instead scales the updates).
      init: a key of ``initializers.INITIALIZERS``.
      init_scale: σ of the ``normal`` initializer.
    """

    name: str
    optimizer: str
    learning_rate: float
    optimizer_kwargs: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    schedule: str | None = None
    schedule_kwargs: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    init: str = "normal"
    init_scale: float = 1.0

    def spec(self) -> dict[str, Any]:
        """The configuration as JSON-able data (what results record and fingerprint)."""
        return dataclasses.asdict(self)

    @classmethod
    def from_spec(cls, spec: Mapping[str, Any]) -> Config:
        """The configuration ``spec`` describes (``records.loads`` keeps its integer keys)."""
        return cls(**spec)

    def w_init(self) -> initializers.Initializer:
        """The weight initializer."""
        return initializers.get(self.init, self.init_scale)

    def build(self, learning_rate: Any = None) -> optax.GradientTransformation:
        """The optimizer, at ``learning_rate`` (default: ``self.learning_rate``).

        ``learning_rate`` may be a traced scalar: ``train``'s hyperparameter grid
        calls this through ``optax.inject_hyperparams``.
        """
        eta = self.learning_rate if learning_rate is None else learning_rate
        make = optimizers.get(self.optimizer)
        if self.schedule is None:
            return make(learning_rate=eta, **self.optimizer_kwargs)
        shape = schedules.get(self.schedule)(**self.schedule_kwargs)
        if self.schedule == "plateau":  # A transformation of the updates, not a schedule.
            return optax.chain(make(learning_rate=eta, **self.optimizer_kwargs), shape)
        return make(learning_rate=lambda step: eta * shape(step), **self.optimizer_kwargs)


def rate_grid(rate: float, points: int) -> list[float]:
    """``points`` log-spaced rates centred on ``rate``, ``RATE_STEP`` apart."""
    return [rate * RATE_STEP ** (i - (points - 1) / 2) for i in range(points)]


def rates(config: Config, points: int) -> list[float]:
    """The rates ``config`` trains at: ``rate_grid`` of its rate, except exercise 2's
    configuration (``EXERCISE2``), which stands for exercise 2 as it was and is reported at
    its own rate whatever the grid (``summary.chosen``): it trains at that one rate."""
    return (
        [config.learning_rate]
        if config.name == EXERCISE2
        else rate_grid(config.learning_rate, points)
    )


def lab6(
    names: Sequence[str], rates: Mapping[str, float], init: str = "normal", init_scale: float = 1.0
) -> list[Config]:
    """Lab 6: each optimizer in ``names`` at ``rates[name]``, from the same weights."""
    return [Config(n, n, rates[n], init=init, init_scale=init_scale) for n in names]


def lab7(
    optimizer: str, rate: float, inits: Sequence[str], init_scale: float = 1.0
) -> list[Config]:
    """Lab 7: one optimizer at one rate, a configuration per initializer (named after it)."""
    return [Config(i, optimizer, rate, init=i, init_scale=init_scale) for i in inits]


EXERCISE2 = "exercise2"
"""Lab 7's configuration of exercise 2: plain SGD at its lab-6 rate, N(0, 1) weights."""


def lab7_study(
    optimizer: str, rate: float, inits: Sequence[str], init_scale: float = 1.0
) -> list[Config]:
    """Lab 7 as run: ``lab7``'s configurations, then exercise 2's own (``EXERCISE2``: plain
    SGD at lab 6's default rate ``DEFAULT_LR["sgd"]``, N(0, 1) weights whatever
    ``init_scale``), which the hand-in report compares lab 7's best with."""
    ex2 = Config(EXERCISE2, "sgd", DEFAULT_LR["sgd"], init="normal", init_scale=1.0)
    return [*lab7(optimizer, rate, inits, init_scale), ex2]


def schedule_study(
    optimizer: str, rate: float, epoch_steps: int, total_steps: int, **init: Any
) -> list[Config]:
    """The lecture's learning-rate schedules (seed 004), from the optimizer's rate η.

    Over T = ``total_steps`` steps, one epoch being ``epoch_steps``:

    - constant: η (the baseline);
    - power: η / (1 + t/s), s = one epoch of steps;
    - exponential: η · 0.1^(t/T), ten times lower at the end;
    - piecewise_constant: η, ×0.3 at T/2 and again at 3T/4;
    - one_cycle: the lecture's 1cycle, up from 3η/10 to 3η over 45% of T, back down
      by 90%, then annealed 1000× lower;
    - plateau: η, scaled by 0.3 when the minibatch loss, averaged over tenths of an
      epoch, has not improved for 5 such tenths.

    ``init`` passes ``init``/``init_scale`` on to every ``Config``.
    """
    T = total_steps
    shapes: dict[str, tuple[str | None, dict[str, Any]]] = {
        "constant": (None, {}),
        "power": ("power", {"init_value": 1.0, "scale_steps": epoch_steps}),
        "exponential": (
            "exponential",
            {"init_value": 1.0, "transition_steps": T, "decay_rate": 0.1},
        ),
        "piecewise_constant": (
            "piecewise_constant",
            {"init_value": 1.0, "boundaries_and_scales": {T // 2: 0.3, 3 * T // 4: 0.3}},
        ),
        "one_cycle": (
            "one_cycle",
            {
                "transition_steps": T,
                "peak_value": 3.0,
                "pct_start": 0.45,
                "pct_final": 0.9,
                "div_factor": 10.0,
                "final_div_factor": 1e3,
            },
        ),
        "plateau": (
            "plateau",
            {"factor": 0.3, "patience": 5, "accumulation_size": max(epoch_steps // 10, 1)},
        ),
    }
    return [
        Config(name, optimizer, rate, schedule=s, schedule_kwargs=kw, **init)
        for name, (s, kw) in shapes.items()
    ]


MOMENTUM_GAMMAS = (0.5, 0.9)
"""γ of the momentum study's momentum configurations: a weak one, then lab 6's
(``LAB6_GAMMA``); plain SGD is the design's γ = 0."""

LAB6_GAMMA: float = inspect.signature(optimizers.momentum).parameters["momentum"].default
"""γ of lab 6's momentum (0.9): ``optimizers.momentum``'s default, which ``lab6`` leaves as it
is."""


def momentum_study(
    rates: Mapping[str, float], init: str = "normal", init_scale: float = 1.0
) -> list[Config]:
    """Momentum against exercise 2's plain SGD, its step size and γ set apart.

    Under a constant gradient momentum's velocity tends to α/(1 − γ) per unit of
    gradient, its long-run (effective) step. Lab 6's momentum (α = ``rates["momentum"]``,
    γ = ``LAB6_GAMMA``) has a larger such step than SGD's α = ``rates["sgd"]``, so lab 6
    cannot tell momentum from a larger step. The study crosses γ ∈ {0 (plain SGD),
    ``MOMENTUM_GAMMAS``} with the two long-run steps, each configuration at
    α = step · (1 − γ):

    - ``sgd``, ``momentum_g{γ}_sgd_step``: SGD's step (``sgd`` is the baseline,
      exercise 2's configuration with ``init="normal"``, ``init_scale=1``);
    - ``sgd_lab6_step``, ``momentum_g{γ}_lab6_step``: lab 6 momentum's step
      (``momentum_g0.9_lab6_step`` is lab 6's momentum itself).

    At one step the configurations differ only in γ; at one γ only in the step. Every
    configuration starts from the same ``init``/``init_scale`` weights.
    """
    steps = {"sgd": rates["sgd"], "lab6": rates["momentum"] / (1 - LAB6_GAMMA)}
    weights = {"init": init, "init_scale": init_scale}
    return [
        _study_arm(which, step, gamma, weights)
        for which, step in steps.items()
        for gamma in (0, *MOMENTUM_GAMMAS)
    ]


def _study_arm(which: str, step: float, gamma: float, weights: Mapping[str, Any]) -> Config:
    """The study's configuration at long-run step ``step`` (called ``which``) with γ =
    ``gamma`` (0: plain SGD): α = step · (1 − γ), to 12 significant digits so that the
    record shows 0.03, not 0.029999999999999992."""
    rate = float(f"{step * (1 - gamma):.12g}")
    if gamma == 0:
        return Config("sgd" if which == "sgd" else f"sgd_{which}_step", "sgd", rate, **weights)
    name = f"momentum_g{gamma:g}_{which}_step"
    return Config(name, "momentum", rate, {"momentum": gamma}, **weights)


MOMENTUM_CONFIGS = tuple(c.name for c in momentum_study(DEFAULT_LR))
"""The momentum study's configurations, the baseline first."""


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
