r"""Learning-rate schedules, written by hand in optax's style.

A schedule is an :data:`optax.Schedule`: a pure, jit-able function mapping the
step count :math:`t = 0, 1, \dots` to a learning rate :math:`\eta_t`. Pass it
as ``learning_rate`` to any optimizer of :mod:`mlp_jax.optimizers` (or optax),
which then counts the steps in its state.

The performance (plateau) schedule depends on the loss rather than on the step,
so it is a :class:`optax.GradientTransformation` instead; see :func:`plateau`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import chex
import jax.numpy as jnp
import optax
import optax.contrib

from mlp_jax import util

__all__ = [
    "SCHEDULES",
    "constant",
    "exponential",
    "get",
    "one_cycle",
    "piecewise_constant",
    "plateau",
    "power",
]


def _check_positive(**values: float) -> None:
    for name, value in values.items():
        if value <= 0:
            raise ValueError(f"`{name}` must be positive, got {value}.")


def constant(value: chex.Numeric) -> optax.Schedule:
    r"""The constant schedule :math:`\eta_t = \eta`.

    Args:
      value: :math:`\eta`.

    Returns:
      The schedule ``step -> value``.
    """

    def schedule(count: chex.Numeric) -> chex.Numeric:
        del count
        return jnp.asarray(value)

    return schedule


def power(
    init_value: chex.Numeric, scale_steps: float, power: chex.Numeric = 1.0
) -> optax.Schedule:
    r"""Power scheduling :math:`\eta_t = \eta_0 / (1 + t/s)^c`.

    The rate halves after :math:`s` steps (for :math:`c = 1`), then decays ever
    more slowly. Keras' ``decay`` argument is :math:`1/s` with :math:`c = 1`.

    Args:
      init_value: :math:`\eta_0`.
      scale_steps: :math:`s > 0`.
      power: :math:`c`, usually 1.

    Returns:
      The schedule ``step -> eta_t``.

    Raises:
      ValueError: If ``scale_steps`` is not positive.
    """
    _check_positive(scale_steps=scale_steps)

    def schedule(count: chex.Numeric) -> chex.Numeric:
        return init_value / (1 + count / scale_steps) ** power

    return schedule


def exponential(
    init_value: chex.Numeric,
    decay_rate: chex.Numeric,
    transition_steps: float,
    staircase: bool = False,
) -> optax.Schedule:
    r"""Exponential scheduling :math:`\eta_t = \eta_0 \, r^{t/s}`.

    The rate is multiplied by :math:`r` every :math:`s` steps; with
    ``staircase=True`` this happens in jumps,
    :math:`\eta_t = \eta_0 \, r^{\lfloor t/s \rfloor}`. Equals
    ``optax.exponential_decay(init_value, transition_steps, decay_rate,
    staircase=staircase)`` (note optax's argument order).

    Args:
      init_value: :math:`\eta_0`.
      decay_rate: :math:`r`, e.g. 0.1 for a tenfold decrease every :math:`s`
        steps.
      transition_steps: :math:`s > 0`.
      staircase: Whether to decay in discrete jumps.

    Returns:
      The schedule ``step -> eta_t``.

    Raises:
      ValueError: If ``transition_steps`` is not positive.
    """
    _check_positive(transition_steps=transition_steps)

    def schedule(count: chex.Numeric) -> chex.Numeric:
        exponent = count / transition_steps
        if staircase:
            exponent = jnp.floor(exponent)
        return init_value * decay_rate**exponent

    return schedule


def piecewise_constant(
    init_value: chex.Numeric,
    boundaries_and_scales: Mapping[int, float] | None = None,
) -> optax.Schedule:
    r"""Piecewise constant scheduling: scale the rate at given steps.

    .. math::
        \eta_t = \eta_0 \prod_{b \le t} s_b,

    i.e. from step :math:`b` on, the rate is multiplied by :math:`s_b`. Equals
    ``optax.piecewise_constant_schedule``. The lecture's Keras example (0.1 for
    5 epochs, 0.01 until epoch 20, then 0.001) is
    ``piecewise_constant(0.1, {5: 0.1, 20: 0.1})`` with steps counted in epochs.

    Args:
      init_value: :math:`\eta_0`.
      boundaries_and_scales: Mapping from step :math:`b` to the factor
        :math:`s_b \ge 0` applied from that step on.

    Returns:
      The schedule ``step -> eta_t``.

    Raises:
      ValueError: If a scale is negative.
    """
    items = sorted((boundaries_and_scales or {}).items())
    if any(scale < 0 for _, scale in items):
        raise ValueError("`boundaries_and_scales` must have non-negative scales.")

    def schedule(count: chex.Numeric) -> chex.Numeric:
        value = jnp.asarray(init_value)
        for boundary, scale in items:
            value = jnp.where(count >= boundary, value * scale, value)
        return value

    return schedule


def one_cycle(
    transition_steps: int,
    peak_value: chex.Numeric,
    pct_start: float = 0.3,
    pct_final: float = 0.85,
    div_factor: float = 25.0,
    final_div_factor: float = 1e4,
) -> optax.Schedule:
    r"""1cycle scheduling (Smith, 2017), piecewise linear in three phases.

    With :math:`T` = ``transition_steps``, :math:`\eta_1` = ``peak_value`` and
    :math:`\eta_0 = \eta_1 /` ``div_factor``:

    1. steps :math:`0 \to t_1 = \lfloor p_1 T \rfloor`: linearly up from
       :math:`\eta_0` to :math:`\eta_1`;
    2. steps :math:`t_1 \to t_2 = \lfloor p_2 T \rfloor`: linearly back down
       to :math:`\eta_0`;
    3. steps :math:`t_2 \to T`: annealing, linearly down to
       :math:`\eta_0 /` ``final_div_factor``, which is kept after :math:`T`.

    The signature and defaults are those of ``optax.linear_onecycle_schedule``,
    which it equals. The lecture's recipe (up for about half of training from
    :math:`\eta_0 = \eta_1/10`, down for the other half, then a few orders of
    magnitude lower at the end) is e.g. ``one_cycle(T, eta_1, pct_start=0.45,
    pct_final=0.9, div_factor=10.0, final_div_factor=1e3)``.

    Args:
      transition_steps: :math:`T > 0`, the length of the cycle (usually the
        whole training).
      peak_value: :math:`\eta_1`, the maximal rate.
      pct_start: :math:`p_1`, the fraction of :math:`T` spent increasing.
      pct_final: :math:`p_2 \ge p_1`, the fraction of :math:`T` at which the
        decrease ends and the annealing starts.
      div_factor: :math:`\eta_1 / \eta_0`.
      final_div_factor: How much lower than :math:`\eta_0` the annealing ends.

    Returns:
      The schedule ``step -> eta_t``.

    Raises:
      ValueError: If ``transition_steps`` is not positive or the fractions are
        not ordered within [0, 1].
    """
    _check_positive(transition_steps=transition_steps)
    if not 0 <= pct_start <= pct_final <= 1:
        raise ValueError("Need 0 <= pct_start <= pct_final <= 1.")
    initial = peak_value / div_factor
    final = initial / final_div_factor
    knots = [0, int(pct_start * transition_steps), int(pct_final * transition_steps)]
    knots.append(transition_steps)
    values = [initial, peak_value, initial, final]

    def schedule(count: chex.Numeric) -> chex.Numeric:
        cycle = jnp.interp(count, jnp.asarray(knots), jnp.asarray(values))
        return jnp.where(count >= transition_steps, final, cycle)

    return schedule


def plateau(
    factor: float = 0.1,
    patience: int = 10,
    rtol: float = 1e-4,
    atol: float = 0.0,
    cooldown: int = 0,
    accumulation_size: int = 1,
    min_scale: float = 0.0,
) -> optax.GradientTransformationExtraArgs:
    r"""Performance scheduling: reduce the rate when the loss stops improving.

    A wrapper of :func:`optax.contrib.reduce_on_plateau` (same arguments). It
    is a gradient transformation that multiplies the updates by a scale
    :math:`\sigma` (initially 1); chain it *after* an optimizer, and pass the
    monitored loss to every ``update`` call as the keyword ``value``::

        tx = optax.chain(optimizers.adam(1e-3), plateau(patience=5))
        updates, state = tx.update(grads, state, params, value=loss)

    The values of ``accumulation_size`` consecutive calls are averaged into
    one measurement :math:`L` (the lecture's "check every :math:`N` steps").
    :math:`L` improves if :math:`L < (1 - \text{rtol}) L_{best} -
    \text{atol}`; after ``patience`` measurements without improvement,
    :math:`\sigma \leftarrow \max(\sigma \cdot \text{factor},
    \text{min\_scale})` (the lecture's division by :math:`\lambda =
    1/\text{factor}`), followed by ``cooldown`` measurements during which no
    reduction happens.

    Args:
      factor: Multiplier applied to the scale on a plateau.
      patience: Number of non-improving measurements before a reduction.
      rtol: Relative improvement threshold.
      atol: Absolute improvement threshold.
      cooldown: Measurements to wait after a reduction.
      accumulation_size: Number of ``update`` calls averaged per measurement.
      min_scale: Lower bound of the scale.

    Returns:
      The :class:`optax.GradientTransformationExtraArgs`; the current scale is
      ``state.scale``.
    """
    return optax.contrib.reduce_on_plateau(
        factor=factor,
        patience=patience,
        rtol=rtol,
        atol=atol,
        cooldown=cooldown,
        accumulation_size=accumulation_size,
        min_scale=min_scale,
    )


SCHEDULES: dict[str, Callable[..., Any]] = {
    "constant": constant,
    "power": power,
    "exponential": exponential,
    "piecewise_constant": piecewise_constant,
    "one_cycle": one_cycle,
    "plateau": plateau,
}


def get(name: str) -> Callable[..., Any]:
    """Returns the schedule builder registered under ``name``.

    Args:
      name: One of the keys of :data:`SCHEDULES`.

    Returns:
      The builder, e.g. ``get("exponential")(0.1, 0.5, 1000)``.

    Raises:
      ValueError: If ``name`` is not registered; the message lists valid names.
    """
    return util.lookup(SCHEDULES, name, "schedule")
