"""Learning-rate range test (Smith, 2017; the UX of fastai's ``lr_find``).

Train from the initial parameters while the learning rate grows exponentially,
step ``t`` of ``T`` using

    η_t = η_min · (η_max / η_min)^(t / (T − 1)),

and watch the minibatch loss. The loss first barely moves (η too small), then falls
fastest, then blows up. The curve is the mean over seeds of the minibatch loss,
smoothed by a bias-corrected exponential moving average

    s_t = β s_{t−1} + (1 − β) ℓ_t,    ŝ_t = s_t / (1 − β^(t+1)),

and cut where ŝ_t exceeds ``blowup`` times its minimum so far (or turns non-finite).
β = 0.9 averages over about 10 steps: fastai's 0.98 (about 50) lags far behind a loss
that, from the lab's N(0, 1) initialization, falls a hundredfold during the sweep.
The suggestion is the rate at the minimum of ŝ divided by 10 — one order of
magnitude below where the loss stops improving, a robust rule (fastai's
``lr_min``); the rate of steepest descent of ŝ in log η is reported too.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import NamedTuple

import numpy as np
import optax

from mlp_jax import train

MIN_STEPS = 50
"""Fewer steps leave too little curve for the smoothing and the suggestion to mean much."""


class RangeTestError(ValueError):
    """The range test has no curve to read (the loss is not finite from the first rate)."""


class RangeTest(NamedTuple):
    """Result of ``run``, cut at the blow-up.

    Attributes:
      learning_rates: η_t of each step kept, ``[T']``.
      loss: mean minibatch loss over non-diverged seeds, ``[T']``.
      smoothed: its bias-corrected moving average ŝ, ``[T']``.
      minimum: the rate at the minimum of ŝ.
      suggestion: the suggested learning rate, ``minimum / 10``.
      steepest: the rate where ŝ falls fastest per unit of log η (after the first
        tenth of the steps, where the average is still warming up).
      stopped_at: the step where the loss blew up, or ``None`` if it never did.
    """

    learning_rates: np.ndarray
    loss: np.ndarray
    smoothed: np.ndarray
    minimum: float
    suggestion: float
    steepest: float
    stopped_at: int | None


def exponential_rates(min_lr: float, max_lr: float, num_steps: int) -> optax.Schedule:
    """The schedule η_t = η_min · (η_max/η_min)^(t/(T−1)), held at η_max after T − 1
    (``optax.exponential_decay`` with a growth rate above 1, capped at ``max_lr``)."""
    return optax.exponential_decay(
        init_value=min_lr,
        transition_steps=max(num_steps - 1, 1),
        decay_rate=max_lr / min_lr,
        end_value=max_lr,
    )


def smooth(loss: np.ndarray, beta: float = 0.9) -> np.ndarray:
    """Bias-corrected exponential moving average of ``loss``."""
    out = np.empty(len(loss))
    average = 0.0
    for t, value in enumerate(loss):
        average = beta * average + (1 - beta) * value
        out[t] = average / (1 - beta ** (t + 1))
    return out


def blowup_step(smoothed: np.ndarray, factor: float = 4.0) -> int | None:
    """First step whose smoothed loss is non-finite or above ``factor`` × the best so far."""
    best = np.minimum.accumulate(np.where(np.isfinite(smoothed), smoothed, np.inf))
    bad = ~np.isfinite(smoothed) | (smoothed > factor * best)
    return int(np.argmax(bad)) if bad.any() else None


def run(
    builder: Callable[..., optax.GradientTransformation],
    x: np.ndarray,
    y: np.ndarray,
    *,
    batch_size: int = 128,
    min_lr: float = 1e-6,
    max_lr: float = 10.0,
    num_steps: int = 300,
    beta: float = 0.9,
    blowup: float = 4.0,
    **train_kwargs,
) -> RangeTest:
    """Runs the range test for the optimizer ``builder(learning_rate=schedule)``.

    Args:
      builder: an optimizer factory taking ``learning_rate`` (ours or optax's).
      x: training inputs.
      y: training labels.
      batch_size: minibatch size.
      min_lr: the first learning rate.
      max_lr: the last learning rate.
      num_steps: steps from ``min_lr`` to ``max_lr``.
      beta: smoothing factor β.
      blowup: stop where the smoothed loss exceeds this multiple of its minimum.
      **train_kwargs: everything else ``train.train`` takes (data, network,
        repeats, ...); ``epochs`` is chosen to cover ``num_steps``.

    Returns:
      The ``RangeTest``.
    """
    schedule = exponential_rates(min_lr, max_lr, num_steps)
    history = train.train(
        x,
        y,
        optimizer=builder(learning_rate=schedule),
        batch_size=batch_size,
        epochs=math.ceil(num_steps / (len(y) // batch_size)),
        log_every=1,
        **train_kwargs,
    )
    steps = history.step_loss[:, :num_steps]
    ok = np.isfinite(steps)
    counts = ok.sum(0)
    loss = np.where(counts > 0, np.where(ok, steps, 0).sum(0) / np.maximum(counts, 1), np.nan)
    smoothed = smooth(loss, beta)
    stop = blowup_step(smoothed, blowup)
    if stop == 0:
        raise RangeTestError(f"the loss is not finite even at the first rate {min_lr:g}")
    keep = slice(0, stop if stop is not None else num_steps)
    rates = np.asarray(schedule(np.arange(num_steps)))[keep]
    return _result(rates, loss[keep], smoothed[keep], stop)


def _result(
    rates: np.ndarray, loss: np.ndarray, smoothed: np.ndarray, stop: int | None
) -> RangeTest:
    """The ``RangeTest`` of the rates kept (up to the blow-up) and their losses."""
    # The first tenth is skipped: the average is still warming up there.
    start = len(rates) // 10
    slope = np.gradient(smoothed[start:], np.log(rates[start:])) if len(rates) - start > 1 else [0]
    return RangeTest(
        learning_rates=rates,
        loss=loss,
        smoothed=smoothed,
        minimum=float(rates[np.argmin(smoothed)]),
        suggestion=float(rates[np.argmin(smoothed)] / 10),
        steepest=float(rates[start + np.argmin(slope)]),
        stopped_at=stop,
    )
