r"""Learning-rate schedules: optax's, the lab's power scheduling and a plateau wrapper.

A schedule is an :data:`optax.Schedule`: a pure, jit-able function mapping the
step count :math:`t = 0, 1, \dots` to a learning rate :math:`\eta_t`. Pass it
as ``learning_rate`` to any optimizer of :mod:`mlp_jax.optimizers` (or optax),
which then counts the steps in its state. :data:`SCHEDULES` names the builders
of the lab's six schedules; four are optax's own (mind their argument names and
order):

- ``constant``: ``optax.constant_schedule(value)``, :math:`\eta_t = \eta`.
- ``power``: :func:`power`, :math:`\eta_t = \eta_0 / (1 + t/s)^c`.
- ``exponential``: ``optax.exponential_decay(init_value, transition_steps,
  decay_rate, staircase=False)``, :math:`\eta_t = \eta_0 \, r^{t/s}` with
  :math:`s` = ``transition_steps`` and :math:`r` = ``decay_rate``: the rate is
  multiplied by :math:`r` every :math:`s` steps, in jumps
  (:math:`\eta_0 \, r^{\lfloor t/s \rfloor}`) with ``staircase=True``.
- ``piecewise_constant``: ``optax.piecewise_constant_schedule(init_value,
  boundaries_and_scales)``, :math:`\eta_t = \eta_0 \prod_{b \le t} s_b`: from
  step :math:`b` on the rate is multiplied by :math:`s_b \ge 0`. The lecture's
  Keras example (0.1 for 5 epochs, 0.01 until epoch 20, then 0.001) is
  ``optax.piecewise_constant_schedule(0.1, {5: 0.1, 20: 0.1})`` with steps
  counted in epochs.
- ``one_cycle``: ``optax.linear_onecycle_schedule(transition_steps, peak_value,
  pct_start=0.3, pct_final=0.85, div_factor=25.0, final_div_factor=1e4)``, 1cycle
  (Smith, 2017). With :math:`T` = ``transition_steps``, :math:`\eta_1` =
  ``peak_value`` and :math:`\eta_0 = \eta_1 /` ``div_factor``, piecewise linear
  through the knots :math:`(0, \eta_0)`, :math:`(\lfloor p_1 T \rfloor, \eta_1)`,
  :math:`(\lfloor p_2 T \rfloor, \eta_0)` and
  :math:`(T, \eta_0 /` ``final_div_factor``:math:`)`, constant after :math:`T`
  (:math:`p_1` = ``pct_start``, :math:`p_2` = ``pct_final``). The knots must be
  distinct, :math:`\lfloor p_1 T \rfloor < \lfloor p_2 T \rfloor < T`: optax
  keys them by step in a dict, so with ``pct_final=1`` the descent runs from
  :math:`\eta_1` straight to the final value. The lecture's recipe (up for about
  half of training from :math:`\eta_1/10`, down for the other half, then a few
  orders of magnitude lower at the end) is e.g.
  ``optax.linear_onecycle_schedule(T, eta_1, pct_start=0.45, pct_final=0.9,
  div_factor=10.0, final_div_factor=1e3)``.
- ``plateau``: :func:`plateau`. It depends on the loss rather than on the step,
  so it is a :class:`optax.GradientTransformation` instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import chex
import optax
import optax.contrib

from mlp_jax import util

__all__ = ["SCHEDULES", "get", "plateau", "power"]


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
    if scale_steps <= 0:
        raise ValueError(f"`scale_steps` must be positive, got {scale_steps}.")

    def schedule(count: chex.Numeric) -> chex.Numeric:
        return init_value / (1 + count / scale_steps) ** power

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
    "constant": optax.constant_schedule,
    "power": power,
    "exponential": optax.exponential_decay,
    "piecewise_constant": optax.piecewise_constant_schedule,
    "one_cycle": optax.linear_onecycle_schedule,
    "plateau": plateau,
}


def get(name: str) -> Callable[..., Any]:
    """Returns the schedule builder registered under ``name``.

    Args:
      name: One of the keys of :data:`SCHEDULES`.

    Returns:
      The builder, e.g. ``get("exponential")(0.1, 1000, 0.5)`` (optax's order:
      ``init_value, transition_steps, decay_rate``).

    Raises:
      ValueError: If ``name`` is not registered; the message lists valid names.
    """
    return util.lookup(SCHEDULES, name, "schedule")
