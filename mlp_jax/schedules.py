r"""Learning-rate schedules: optax's, and the lab's power scheduling.

A schedule is an :data:`optax.Schedule`: a pure, jit-able function mapping the
step count :math:`t = 0, 1, \dots` to a learning rate :math:`\eta_t`. Pass it
as ``learning_rate`` to any optimizer of :mod:`mlp_jax.optimizers` (or optax),
which then counts the steps in its state. :data:`SCHEDULES` names the builders
of the lab's six schedules; five are optax's own (mind their argument names and
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
- ``plateau``: ``optax.contrib.reduce_on_plateau(factor=0.1, patience=10,
  rtol=1e-4, atol=0.0, cooldown=0, accumulation_size=1, min_scale=0.0)``,
  performance scheduling. It depends on the loss rather than on the step, so it is
  a gradient transformation that multiplies the updates by a scale :math:`\sigma`
  (initially 1): chain it *after* an optimizer and pass the monitored loss to every
  ``update`` as the keyword ``value``
  (``tx = optax.chain(optimizers.adam(1e-3), get("plateau")(patience=5))``,
  ``tx.update(grads, state, params, value=loss)``). The values of
  ``accumulation_size`` consecutive calls are averaged into one measurement
  :math:`L` (the lecture's "check every :math:`N` steps"); :math:`L` improves if
  :math:`L < (1 - \text{rtol}) L_{best} - \text{atol}`; after ``patience``
  measurements without improvement :math:`\sigma \leftarrow \max(\sigma \cdot
  \text{factor}, \text{min\_scale})` (the lecture's division by
  :math:`\lambda = 1/\text{factor}`), followed by ``cooldown`` measurements
  without reduction. The current scale is ``state.scale``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import chex
import optax
import optax.contrib

from mlp_jax import util

__all__ = ["SCHEDULES", "get", "power"]


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


SCHEDULES: dict[str, Callable[..., Any]] = {
    "constant": optax.constant_schedule,
    "power": power,
    "exponential": optax.exponential_decay,
    "piecewise_constant": optax.piecewise_constant_schedule,
    "one_cycle": optax.linear_onecycle_schedule,
    "plateau": optax.contrib.reduce_on_plateau,
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
