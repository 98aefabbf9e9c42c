r"""Hand-written first-order optimizers as :class:`optax.GradientTransformation`\ s.

Every optimizer is a small factory returning an ``optax.GradientTransformation``
built by chaining elementary transformations with :func:`optax.chain`, exactly
like optax's own aliases. The public optimizers have the same names, keyword
arguments and defaults as their optax counterparts, so they are drop-in
replacements (``mlp_jax.optimizers.adam(1e-3)`` behaves like
``optax.adam(1e-3)``), plus the lab's ``momentum`` and ``nesterov``.

Notation (as in the lab): :math:`\theta` are the parameters, :math:`g_t =
\nabla C(\theta_t)` the gradient at step :math:`t = 1, 2, \dots`, :math:`\alpha`
(or :math:`\alpha_t` when a schedule is used) the learning rate, and all
operations on vectors are element-wise. Each transformation returns the
*update* :math:`u_t`, which :func:`optax.apply_updates` adds to the parameters:
:math:`\theta_{t+1} = \theta_t + u_t`.

Complex parameters are handled as optax handles them: squares are squared
magnitudes, :math:`|g|^2 = \mathrm{Re}(\bar g g)` (second moments, Adagrad's
sum, RMSProp's centring :math:`|m|^2`), so every denominator is real and
positive; for real parameters this is the same program as :math:`g^2`. The
accumulators have the parameters' dtype, as optax's do (complex, with a zero
imaginary part). As in optax, the gradient is given conjugated (``optax.tree.conj(jax.grad(loss)(params))``), the direction
of steepest ascent of a real loss. ``adadelta`` squares magnitudes too, where
optax's squares :math:`g` (its tests skip complex Adadelta).

Integer parameters: every optimizer here raises ``ValueError`` for integer or boolean
parameters (in ``init``) or gradients (in ``update``), naming the leaf and its dtype.
optax has no one behaviour to copy: its optimizers return float updates that
:func:`optax.apply_updates` truncates back to integers, and some change their state's
dtype after one step (``sgd`` with momentum, ``adam``, ``rmsprop``: no longer a valid
``lax.scan`` carry), truncate ``adam``'s second moment to 0 or return infinite updates
(``nadam``); ``jax.grad`` refuses integer inputs anyway.

Differences from optax's conventions:

* ``adagrad(..., eps_in_sqrt=False)`` (opt-in) places :math:`\varepsilon`
  outside the root as in the lab (optax only adds it inside); the lab's variant
  also needs ``initial_accumulator_value=0.0``. ``rmsprop`` already has optax's
  ``eps_in_sqrt`` keyword for the same choice.
* ``adadelta`` defaults to ``learning_rate=1.0`` (optax's ``None`` returns
  ascent directions).
* ``momentum``/``nesterov`` apply the learning rate before accumulating the
  velocity (the lab's form); with a constant step they equal ``optax.sgd``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

import chex
import jax
import jax.numpy as jnp
import optax

from mlp_jax import util

__all__ = [
    "OPTIMIZERS",
    "ScaleByAdaDeltaState",
    "ScaleByAdamState",
    "ScaleByAmsgradState",
    "ScaleByRmsState",
    "ScaleByRssState",
    "ScheduleCountState",
    "TraceState",
    "adadelta",
    "adagrad",
    "adam",
    "adamax",
    "adamw",
    "add_decayed_weights",
    "amsgrad",
    "get",
    "momentum",
    "nadam",
    "nesterov",
    "rmsprop",
    "scale_by_adadelta",
    "scale_by_adam",
    "scale_by_adamax",
    "scale_by_amsgrad",
    "scale_by_learning_rate",
    "scale_by_rms",
    "scale_by_rss",
    "sgd",
    "trace",
]

MaskOrFn = Any | Callable[[optax.Params], Any] | None


# --------------------------------------------------------------------------
# Tree helpers shared by all transformations.
# --------------------------------------------------------------------------


def _zeros_like(tree: optax.Params, dtype: Any = None) -> optax.Updates:
    return jax.tree.map(lambda x: jnp.zeros_like(x, dtype=dtype), tree)


def _full_like(tree: optax.Params, value: chex.Numeric) -> optax.Updates:
    return jax.tree.map(lambda x: jnp.full_like(x, value), tree)


def _canonical_dtype(dtype: Any) -> Any:
    return None if dtype is None else jax.dtypes.canonicalize_dtype(dtype)


def _cast(tree: optax.Updates, dtype: Any) -> optax.Updates:
    return tree if dtype is None else jax.tree.map(lambda x: x.astype(dtype), tree)


def _increment(count: chex.Array) -> chex.Array:
    """``count + 1``, saturating at the dtype's maximum instead of overflowing."""
    return jnp.where(count < jnp.iinfo(count.dtype).max, count + 1, count)


def _ema(updates: optax.Updates, moment: optax.Updates, decay: chex.Numeric) -> optax.Updates:
    r"""Exponential moving average :math:`m \leftarrow \beta m + (1-\beta) g`."""
    return jax.tree.map(lambda g, m: (1 - decay) * g + decay * m, updates, moment)


def _ema_abs_sq(
    updates: optax.Updates, moment: optax.Updates, decay: chex.Numeric
) -> optax.Updates:
    r"""Exponential moving average :math:`v \leftarrow \beta v + (1-\beta) |g|^2`.

    The operations of :func:`_ema` in the same order, with :math:`|g|^2` for :math:`g`.
    """
    return jax.tree.map(lambda g, v: (1 - decay) * _abs_sq(g) + decay * v, updates, moment)


def _abs_sq(x: chex.Array) -> chex.Array:
    r"""Element-wise :math:`|x|^2 = \mathrm{Re}(\bar x x)`.

    For a real ``x`` XLA compiles this, ``x * x`` and ``x ** 2`` to the same multiplication.
    """
    return (x.conj() * x).real


def _bias_correction(
    moment: optax.Updates, decay: chex.Numeric, count: chex.Array
) -> optax.Updates:
    r"""Adam's bias correction :math:`\hat m = m / (1 - \beta^t)`."""
    correction = 1 - decay**count
    return jax.tree.map(lambda m: m / correction.astype(m.dtype), moment)


def _rescale(
    updates: optax.Updates,
    second_moment: optax.Updates,
    eps: chex.Numeric,
    eps_root: chex.Numeric,
) -> optax.Updates:
    r"""Element-wise :math:`u / (\sqrt{v + \bar\varepsilon} + \varepsilon)`."""
    return jax.tree.map(lambda u, v: u / (jnp.sqrt(v + eps_root) + eps), updates, second_moment)


def _eps_split(eps: chex.Numeric, eps_in_sqrt: bool) -> tuple[chex.Numeric, chex.Numeric]:
    """Maps ``(eps, eps_in_sqrt)`` to the ``(eps, eps_root)`` of :func:`_rescale`."""
    return (0.0, eps) if eps_in_sqrt else (eps, 0.0)


# --------------------------------------------------------------------------
# Elementary transformations.
# --------------------------------------------------------------------------


class ScheduleCountState(NamedTuple):
    """Step counter of a transformation driven by a schedule."""

    count: chex.Array  # shape=(), dtype=int32


def _with_scalar_or_schedule(
    value: optax.ScalarOrSchedule,
    apply: Callable[[optax.Updates, optax.Params | None, chex.Numeric], optax.Updates],
) -> optax.GradientTransformation:
    """Transformation ``u -> apply(u, params, v_t)`` where ``v_t`` is ``value``.

    If ``value`` is a schedule, ``v_t = value(t)`` with ``t`` counted in the state
    from 0; otherwise ``v_t = value`` and the state is empty.
    """
    if callable(value):

        def init_fn(params: optax.Params) -> ScheduleCountState:
            del params
            return ScheduleCountState(count=jnp.zeros([], jnp.int32))

        def update_fn(updates, state, params=None):
            updates = apply(updates, params, value(state.count))
            return updates, ScheduleCountState(count=_increment(state.count))

    else:

        def init_fn(params: optax.Params) -> optax.EmptyState:
            del params
            return optax.EmptyState()

        def update_fn(updates, state, params=None):
            return apply(updates, params, value), state

    return optax.GradientTransformation(init_fn, update_fn)


def scale_by_learning_rate(
    learning_rate: optax.ScalarOrSchedule, *, flip_sign: bool = True
) -> optax.GradientTransformation:
    r"""Multiplies updates by :math:`-\alpha_t` (or :math:`+\alpha_t`).

    Args:
      learning_rate: The step size :math:`\alpha`, a scalar or a schedule
        ``step -> alpha_t`` (the step is counted from 0 in the state).
      flip_sign: If ``True`` (default), scale by :math:`-\alpha_t`, so that a
        (rescaled) gradient becomes a descent update.

    Returns:
      The corresponding :class:`optax.GradientTransformation`.
    """
    sign = -1 if flip_sign else 1

    def apply(updates, params, lr):
        del params
        return jax.tree.map(lambda g: jnp.asarray(sign * lr, g.dtype) * g, updates)

    return _with_scalar_or_schedule(learning_rate, apply)


def add_decayed_weights(
    weight_decay: optax.ScalarOrSchedule = 0.0, mask: MaskOrFn = None
) -> optax.GradientTransformation:
    r"""Adds :math:`\lambda_t \theta_t` to the updates (weight decay).

    After a rescaling (as in :func:`adamw`) this is decoupled weight decay;
    before it (as in :func:`adadelta`) it acts as L2 regularisation.

    Args:
      weight_decay: The decay rate :math:`\lambda`, a scalar or a schedule.
      mask: ``None`` (decay every leaf), or a pytree of booleans with the
        structure of (a prefix of) the parameters, or a callable returning such
        a tree from the parameters; only leaves marked ``True`` are decayed
        (e.g. skip biases). Applied with :func:`optax.masked`.

    Returns:
      The corresponding :class:`optax.GradientTransformation`; its ``update``
      requires ``params``.
    """

    def apply(updates, params, decay):
        if params is None:
            raise ValueError("add_decayed_weights requires `params` in update().")
        return jax.tree.map(lambda g, p: g + decay * p, updates, params)

    tx = _with_scalar_or_schedule(weight_decay, apply)
    return tx if mask is None else optax.masked(tx, mask)


class TraceState(NamedTuple):
    """Accumulated (undamped) sum of past updates."""

    trace: optax.Updates


def trace(
    decay: chex.Numeric, nesterov: bool = False, accumulator_dtype: Any = None
) -> optax.GradientTransformation:
    r"""Momentum accumulator (heavy ball), optionally with Nesterov's look-ahead.

    .. math::
        m_t = \gamma m_{t-1} + g_t, \qquad
        u_t = \begin{cases} m_t \\ g_t + \gamma m_t & \text{(nesterov)}\end{cases}

    with :math:`m_0 = 0` and :math:`\gamma` = ``decay``.

    Args:
      decay: The momentum coefficient :math:`\gamma`.
      nesterov: Whether to return the Nesterov update :math:`g_t + \gamma m_t`.
      accumulator_dtype: Optional dtype of :math:`m` (default: that of params).

    Returns:
      The corresponding :class:`optax.GradientTransformation`.
    """
    accumulator_dtype = _canonical_dtype(accumulator_dtype)

    def init_fn(params):
        return TraceState(trace=_zeros_like(params, accumulator_dtype))

    def update_fn(updates, state, params=None):
        del params
        step = lambda g, m: g + decay * m
        new_trace = jax.tree.map(step, updates, state.trace)
        if nesterov:
            updates = jax.tree.map(step, updates, new_trace)
        else:
            updates = new_trace
        return updates, TraceState(trace=_cast(new_trace, accumulator_dtype))

    return optax.GradientTransformation(init_fn, update_fn)


class ScaleByRssState(NamedTuple):
    """Adagrad's running sum of squared gradients :math:`G_t`."""

    sum_of_squares: optax.Updates


def scale_by_rss(
    initial_accumulator_value: chex.Numeric = 0.1,
    eps: chex.Numeric = 1e-7,
    eps_in_sqrt: bool = True,
) -> optax.GradientTransformation:
    r"""Rescales by the root of the sum of all squared gradients (Adagrad).

    .. math::
        G_t = G_{t-1} + |g_t|^2, \qquad
        u_t = g_t / \sqrt{G_t + \varepsilon}
        \quad\text{or}\quad u_t = g_t / (\sqrt{G_t} + \varepsilon),

    with :math:`G_0` = ``initial_accumulator_value``; leaves where
    :math:`G_t = 0` get :math:`u_t = 0`. See :func:`adagrad`.

    Args:
      initial_accumulator_value: :math:`G_0`.
      eps: :math:`\varepsilon`.
      eps_in_sqrt: Whether :math:`\varepsilon` goes inside the root.

    Returns:
      The corresponding :class:`optax.GradientTransformation`.
    """
    eps, eps_root = _eps_split(eps, eps_in_sqrt)

    def init_fn(params):
        return ScaleByRssState(sum_of_squares=_full_like(params, initial_accumulator_value))

    def update_fn(updates, state, params=None):
        del params
        sum_of_squares = jax.tree.map(lambda g, s: s + _abs_sq(g), updates, state.sum_of_squares)
        scaled = _rescale(updates, sum_of_squares, eps, eps_root)
        updates = jax.tree.map(lambda u, s: jnp.where(s > 0, u, 0.0), scaled, sum_of_squares)
        return updates, ScaleByRssState(sum_of_squares=sum_of_squares)

    return optax.GradientTransformation(init_fn, update_fn)


class ScaleByAdaDeltaState(NamedTuple):
    r"""Adadelta's averages :math:`E[g^2]` and :math:`E[\Delta\theta^2]`."""

    e_g: optax.Updates
    e_x: optax.Updates


def scale_by_adadelta(
    rho: chex.Numeric = 0.9, eps: chex.Numeric = 1e-6
) -> optax.GradientTransformation:
    r"""Rescales updates according to Adadelta (without the sign flip).

    .. math::
        E[g^2]_t = \rho E[g^2]_{t-1} + (1-\rho) |g_t|^2, \quad
        \Delta_t = \frac{\sqrt{E[\Delta^2]_{t-1} + \varepsilon}}
                        {\sqrt{E[g^2]_t + \varepsilon}}\, g_t, \quad
        E[\Delta^2]_t = \rho E[\Delta^2]_{t-1} + (1-\rho) |\Delta_t|^2.

    Returns :math:`\Delta_t`, a positive multiple of :math:`g_t`; see
    :func:`adadelta`.

    Args:
      rho: The averaging coefficient :math:`\rho` (the lab's :math:`\gamma`).
      eps: :math:`\varepsilon`, inside both roots.

    Returns:
      The corresponding :class:`optax.GradientTransformation`.
    """

    def init_fn(params):
        return ScaleByAdaDeltaState(e_g=_zeros_like(params), e_x=_zeros_like(params))

    def update_fn(updates, state, params=None):
        del params
        e_g = _ema_abs_sq(updates, state.e_g, rho)
        updates = jax.tree.map(
            lambda g, eg, ex: jnp.sqrt(ex + eps) / jnp.sqrt(eg + eps) * g,
            updates,
            e_g,
            state.e_x,
        )
        e_x = _ema_abs_sq(updates, state.e_x, rho)
        return updates, ScaleByAdaDeltaState(e_g=e_g, e_x=e_x)

    return optax.GradientTransformation(init_fn, update_fn)


class ScaleByRmsState(NamedTuple):
    """RMSProp's step count, first moment (``None`` unless centered), second moment."""

    count: chex.Array  # shape=(), dtype=int32
    mu: optax.Updates
    nu: optax.Updates


def scale_by_rms(
    decay: chex.Numeric = 0.9,
    eps: chex.Numeric = 1e-8,
    initial_scale: chex.Numeric = 0.0,
    eps_in_sqrt: bool = True,
    bias_correction: bool = False,
    centered: bool = False,
) -> optax.GradientTransformation:
    r"""Rescales by the root of an exponential average of squared gradients.

    .. math::
        s_t = \rho s_{t-1} + (1-\rho) |g_t|^2, \qquad
        u_t = g_t / \sqrt{s_t + \varepsilon}
        \quad\text{or}\quad u_t = g_t / (\sqrt{s_t} + \varepsilon),

    with :math:`s_0` = ``initial_scale``. If ``centered``, :math:`s_t` is
    replaced by the variance estimate :math:`s_t - |m_t|^2` with
    :math:`m_t = \rho m_{t-1} + (1-\rho) g_t`. If ``bias_correction``,
    :math:`s_t` and :math:`m_t` are divided by :math:`1-\rho^t` first.

    Args:
      decay: :math:`\rho`.
      eps: :math:`\varepsilon`.
      initial_scale: :math:`s_0`.
      eps_in_sqrt: Whether :math:`\varepsilon` goes inside the root.
      bias_correction: Whether to debias the moments as in Adam.
      centered: Whether to normalise by the variance instead of the second
        moment.

    Returns:
      The corresponding :class:`optax.GradientTransformation`.
    """
    eps, eps_root = _eps_split(eps, eps_in_sqrt)

    def init_fn(params):
        return ScaleByRmsState(
            count=jnp.zeros([], jnp.int32),
            mu=_zeros_like(params) if centered else None,
            nu=_full_like(params, initial_scale),
        )

    def update_fn(updates, state, params=None):
        del params
        count = _increment(state.count)
        debias = (lambda m: _bias_correction(m, decay, count)) if bias_correction else (lambda m: m)
        nu = _ema_abs_sq(updates, state.nu, decay)
        mu = None
        denominator = debias(nu)
        if centered:
            mu = _ema(updates, state.mu, decay)
            denominator = jax.tree.map(lambda n, m: n - _abs_sq(m), denominator, debias(mu))
        updates = _rescale(updates, denominator, eps, eps_root)
        return updates, ScaleByRmsState(count=count, mu=mu, nu=nu)

    return optax.GradientTransformation(init_fn, update_fn)


class ScaleByAdamState(NamedTuple):
    """Step count and first/second moment estimates (Adam, NAdam, AdaMax)."""

    count: chex.Array  # shape=(), dtype=int32
    mu: optax.Updates
    nu: optax.Updates


def scale_by_adam(
    b1: chex.Numeric = 0.9,
    b2: chex.Numeric = 0.999,
    eps: chex.Numeric = 1e-8,
    eps_root: chex.Numeric = 0.0,
    mu_dtype: Any = None,
    *,
    nesterov: bool = False,
) -> optax.GradientTransformation:
    r"""Rescales updates according to Adam (or NAdam), without the step size.

    .. math::
        m_t = \beta_1 m_{t-1} + (1-\beta_1) g_t, \quad
        v_t = \beta_2 v_{t-1} + (1-\beta_2) |g_t|^2, \quad
        \hat m_t = \frac{m_t}{1-\beta_1^t}, \quad
        \hat v_t = \frac{v_t}{1-\beta_2^t}, \quad
        u_t = \frac{\hat m_t}{\sqrt{\hat v_t + \bar\varepsilon} + \varepsilon}.

    With ``nesterov=True`` (NAdam, Dozat 2016) the look-ahead momentum
    :math:`\hat m_t = \beta_1 \frac{m_t}{1-\beta_1^{t+1}} +
    (1-\beta_1)\frac{g_t}{1-\beta_1^t}` is used instead.

    Args:
      b1: :math:`\beta_1`.
      b2: :math:`\beta_2`.
      eps: :math:`\varepsilon`, outside the root.
      eps_root: :math:`\bar\varepsilon`, inside the root.
      mu_dtype: Optional dtype of :math:`m` (default: that of params).
      nesterov: Whether to use Nesterov momentum (NAdam).

    Returns:
      The corresponding :class:`optax.GradientTransformation`.
    """
    mu_dtype = _canonical_dtype(mu_dtype)

    def init_fn(params):
        return ScaleByAdamState(
            count=jnp.zeros([], jnp.int32),
            mu=_zeros_like(params, mu_dtype),
            nu=_zeros_like(params),
        )

    def update_fn(updates, state, params=None):
        del params
        count = _increment(state.count)
        mu = _ema(updates, state.mu, b1)
        nu = _ema_abs_sq(updates, state.nu, b2)
        if nesterov:
            mu_hat = jax.tree.map(
                lambda m, g: b1 * m + (1 - b1) * g,
                _bias_correction(mu, b1, _increment(count)),
                _bias_correction(updates, b1, count),
            )
        else:
            mu_hat = _bias_correction(mu, b1, count)
        nu_hat = _bias_correction(nu, b2, count)
        updates = _rescale(mu_hat, nu_hat, eps, eps_root)
        return updates, ScaleByAdamState(count=count, mu=_cast(mu, mu_dtype), nu=nu)

    return optax.GradientTransformation(init_fn, update_fn)


class ScaleByAmsgradState(NamedTuple):
    """Adam's state plus the running maximum of the second moment."""

    count: chex.Array  # shape=(), dtype=int32
    mu: optax.Updates
    nu: optax.Updates
    nu_max: optax.Updates


def scale_by_amsgrad(
    b1: chex.Numeric = 0.9,
    b2: chex.Numeric = 0.999,
    eps: chex.Numeric = 1e-8,
    eps_root: chex.Numeric = 0.0,
    mu_dtype: Any = None,
    bias_correction_mu: bool = True,
    bias_correction_nu: bool = True,
) -> optax.GradientTransformation:
    r"""Rescales updates according to AMSGrad (Reddi et al., 2018).

    As :func:`scale_by_adam`, but divides by the running maximum
    :math:`\hat v^{\max}_t = \max(\hat v^{\max}_{t-1}, \hat v_t)`, so that the
    effective per-parameter step never increases. Each bias correction can be
    switched off (the paper uses none).

    Args:
      b1: :math:`\beta_1`.
      b2: :math:`\beta_2`.
      eps: :math:`\varepsilon`, outside the root.
      eps_root: :math:`\bar\varepsilon`, inside the root.
      mu_dtype: Optional dtype of :math:`m` (default: that of params).
      bias_correction_mu: Whether to use :math:`\hat m_t` rather than
        :math:`m_t`.
      bias_correction_nu: Whether to take the maximum of :math:`\hat v_t`
        rather than of :math:`v_t`.

    Returns:
      The corresponding :class:`optax.GradientTransformation`.
    """
    mu_dtype = _canonical_dtype(mu_dtype)

    def init_fn(params):
        return ScaleByAmsgradState(
            count=jnp.zeros([], jnp.int32),
            mu=_zeros_like(params, mu_dtype),
            nu=_zeros_like(params),
            nu_max=_zeros_like(params),
        )

    def update_fn(updates, state, params=None):
        del params
        count = _increment(state.count)
        mu = _ema(updates, state.mu, b1)
        nu = _ema_abs_sq(updates, state.nu, b2)
        mu_hat = _bias_correction(mu, b1, count) if bias_correction_mu else mu
        nu_hat = _bias_correction(nu, b2, count) if bias_correction_nu else nu
        nu_max = jax.tree.map(jnp.maximum, state.nu_max, nu_hat)
        updates = _rescale(mu_hat, nu_max, eps, eps_root)
        return updates, ScaleByAmsgradState(
            count=count, mu=_cast(mu, mu_dtype), nu=nu, nu_max=nu_max
        )

    return optax.GradientTransformation(init_fn, update_fn)


def scale_by_adamax(
    b1: chex.Numeric = 0.9, b2: chex.Numeric = 0.999, eps: chex.Numeric = 1e-8
) -> optax.GradientTransformation:
    r"""Rescales updates according to AdaMax (Adam with the infinity norm).

    .. math::
        m_t = \beta_1 m_{t-1} + (1-\beta_1) g_t, \quad
        v_t = \max(\beta_2 v_{t-1}, |g_t| + \varepsilon), \quad
        u_t = \frac{m_t}{(1-\beta_1^t)\, v_t}.

    :math:`v_t` needs no bias correction. Following optax, :math:`\varepsilon`
    is added inside the maximum (the paper has none; Keras/PyTorch add it to
    the denominator).

    Args:
      b1: :math:`\beta_1`.
      b2: :math:`\beta_2`.
      eps: :math:`\varepsilon`.

    Returns:
      The corresponding :class:`optax.GradientTransformation`.
    """

    def init_fn(params):
        return ScaleByAdamState(
            count=jnp.zeros([], jnp.int32),
            mu=_zeros_like(params),
            nu=_zeros_like(params),
        )

    def update_fn(updates, state, params=None):
        del params
        count = _increment(state.count)
        mu = _ema(updates, state.mu, b1)
        nu = jax.tree.map(lambda g, v: jnp.maximum(jnp.abs(g) + eps, b2 * v), updates, state.nu)
        updates = jax.tree.map(lambda m, v: m / v, _bias_correction(mu, b1, count), nu)
        return updates, ScaleByAdamState(count=count, mu=mu, nu=nu)

    return optax.GradientTransformation(init_fn, update_fn)


# --------------------------------------------------------------------------
# Optimizers.
# --------------------------------------------------------------------------


def _check_inexact(tree: Any, what: str) -> None:
    """Refuses integer and boolean leaves (see the module docstring, "Integer parameters")."""
    bad = [
        f"{jnp.result_type(leaf).name} at {jax.tree_util.keystr(path)}"
        for path, leaf in jax.tree_util.tree_leaves_with_path(tree)
        if not jnp.issubdtype(jnp.result_type(leaf), jnp.inexact)
    ]
    if bad:
        raise ValueError(
            f"optimizers take floating-point or complex {what}; got {', '.join(bad)} "
            "(cast them to a floating-point dtype)"
        )


def _chain(*parts: optax.GradientTransformation) -> optax.GradientTransformationExtraArgs:
    """``optax.chain(*parts)`` that refuses integer and boolean parameters and gradients."""
    tx = optax.chain(*parts)

    def init_fn(params):
        _check_inexact(params, "parameters")
        return tx.init(params)

    def update_fn(updates, state, params=None, **extra_args):
        _check_inexact(updates, "gradients")
        return tx.update(updates, state, params, **extra_args)

    return tx._replace(init=init_fn, update=update_fn)


def _scale_then_trace(
    parts: list[optax.GradientTransformation],
    learning_rate: optax.ScalarOrSchedule,
    momentum: chex.Numeric | None,
    nesterov: bool,
) -> optax.GradientTransformation:
    """Chains ``parts``, ``-learning_rate`` and an optional momentum trace."""
    parts = [*parts, scale_by_learning_rate(learning_rate)]
    if momentum is not None:
        parts.append(trace(momentum, nesterov))
    return _chain(*parts)


def sgd(
    learning_rate: optax.ScalarOrSchedule,
    momentum: chex.Numeric | None = None,
    nesterov: bool = False,
    accumulator_dtype: Any = None,
) -> optax.GradientTransformation:
    r"""Stochastic gradient descent, optionally with (Nesterov) momentum.

    Without momentum :math:`u_t = -\alpha_t g_t`. With momentum :math:`\mu`
    (optax's convention, the learning rate multiplies the whole velocity):

    .. math::
        m_t = \mu m_{t-1} + g_t, \qquad
        u_t = -\alpha_t m_t \quad\text{or}\quad
        u_t = -\alpha_t (g_t + \mu m_t) \ \text{(nesterov)}.

    For the lab's form (:math:`\alpha` inside the velocity) see
    :func:`momentum` and :func:`nesterov`.

    Args:
      learning_rate: :math:`\alpha`, a scalar or a schedule.
      momentum: :math:`\mu`, or ``None`` for plain SGD.
      nesterov: Whether to use Nesterov momentum.
      accumulator_dtype: Optional dtype of the momentum accumulator.

    Returns:
      The corresponding :class:`optax.GradientTransformation`.
    """
    parts = []
    if momentum is not None:
        parts.append(trace(momentum, nesterov, accumulator_dtype))
    parts.append(scale_by_learning_rate(learning_rate))
    return _chain(*parts)


def momentum(
    learning_rate: optax.ScalarOrSchedule, momentum: chex.Numeric = 0.9
) -> optax.GradientTransformation:
    r"""Gradient descent with (heavy-ball) momentum, in the lab's form.

    .. math::
        v_t = \gamma v_{t-1} + \alpha_t \nabla C(\theta_t), \qquad
        \theta_{t+1} = \theta_t - v_t,

    with :math:`v_0 = 0` and :math:`\gamma` = ``momentum``. With a constant
    step this equals ``optax.sgd(learning_rate, momentum)`` (there
    :math:`v = \alpha m`); with a schedule they differ, since here each
    gradient is scaled by the learning rate of its own step.

    Args:
      learning_rate: :math:`\alpha`, a scalar or a schedule.
      momentum: :math:`\gamma`, typically 0.7-0.9.

    Returns:
      The corresponding :class:`optax.GradientTransformation`; its state holds
      :math:`-v`.
    """
    return _scale_then_trace([], learning_rate, momentum, nesterov=False)


def nesterov(
    learning_rate: optax.ScalarOrSchedule, momentum: chex.Numeric = 0.9
) -> optax.GradientTransformation:
    r"""Nesterov accelerated gradient (NAG), in the lab's form.

    The lab's rule evaluates the gradient at the look-ahead point:

    .. math::
        v_t = \gamma v_{t-1} + \alpha_t \nabla C(\theta_t - \gamma v_{t-1}),
        \qquad \theta_{t+1} = \theta_t - v_t.

    An optimizer only sees the gradient at the parameters it holds, so we hold
    the look-ahead point :math:`\phi_t = \theta_t - \gamma v_{t-1}` instead
    (the usual change of variables; :math:`\phi_1 = \theta_1` as
    :math:`v_0 = 0`). Writing :math:`g_t = \nabla C(\phi_t)`:

    .. math::
        \phi_{t+1} = \theta_{t+1} - \gamma v_t
                   = \phi_t + \gamma v_{t-1} - (1+\gamma) v_t
                   = \phi_t - \alpha_t g_t - \gamma v_t,

    using :math:`\gamma v_{t-1} = v_t - \alpha_t g_t`. Hence the update is
    :math:`u_t = -(\alpha_t g_t + \gamma v_t)` with
    :math:`v_t = \gamma v_{t-1} + \alpha_t g_t`: only gradients at the held
    parameters are needed, and :math:`\phi_t \to \theta_t` as
    :math:`v_t \to 0`. With a constant step this equals
    ``optax.sgd(learning_rate, momentum, nesterov=True)``.

    Args:
      learning_rate: :math:`\alpha`, a scalar or a schedule.
      momentum: :math:`\gamma`, typically 0.7-0.9.

    Returns:
      The corresponding :class:`optax.GradientTransformation`; the parameters
      it produces are :math:`\phi_t = \theta_t - \gamma v_{t-1}`, its state
      holds :math:`-v`.
    """
    return _scale_then_trace([], learning_rate, momentum, nesterov=True)


def adagrad(
    learning_rate: optax.ScalarOrSchedule,
    initial_accumulator_value: chex.Numeric = 0.1,
    eps: chex.Numeric = 1e-7,
    *,
    eps_in_sqrt: bool = True,
) -> optax.GradientTransformation:
    r"""Adagrad (Duchi et al., 2011).

    .. math::
        G_t = G_{t-1} + |g_t|^2, \qquad
        \theta_{t+1} = \theta_t - \frac{\alpha_t}{\sqrt{G_t + \varepsilon}} g_t.

    The defaults follow optax (:math:`G_0 = 0.1`, :math:`\varepsilon` inside
    the root). The lab writes
    :math:`\theta_{t+1} = \theta_t - \frac{\alpha}{\sqrt{G_t} + \varepsilon}
    g_t` with :math:`G_0 = 0`, :math:`\varepsilon = 10^{-8}`:
    ``adagrad(lr, initial_accumulator_value=0.0, eps=1e-8, eps_in_sqrt=False)``;
    the lecture slides' :math:`\sqrt{G_t + \varepsilon}` with :math:`G_0 = 0`
    is ``adagrad(lr, initial_accumulator_value=0.0)``.
    Leaves whose :math:`G_t` is still 0 are left unchanged.

    Args:
      learning_rate: :math:`\alpha`, a scalar or a schedule.
      initial_accumulator_value: :math:`G_0`.
      eps: :math:`\varepsilon`.
      eps_in_sqrt: Whether :math:`\varepsilon` goes inside the root (optax)
        or is added to it (the lab); not an optax keyword.

    Returns:
      The corresponding :class:`optax.GradientTransformation`.
    """
    return _chain(
        scale_by_rss(initial_accumulator_value, eps, eps_in_sqrt),
        scale_by_learning_rate(learning_rate),
    )


def adadelta(
    learning_rate: optax.ScalarOrSchedule | None = 1.0,
    rho: chex.Numeric = 0.9,
    eps: chex.Numeric = 1e-6,
    weight_decay: optax.ScalarOrSchedule = 0.0,
    weight_decay_mask: MaskOrFn = None,
) -> optax.GradientTransformation:
    r"""Adadelta (Zeiler, 2012).

    .. math::
        E[g^2]_t = \rho E[g^2]_{t-1} + (1-\rho) |g_t|^2, \quad
        \Delta\theta_t = -\frac{RMS[\Delta\theta]_{t-1}}{RMS[g]_t} g_t, \quad
        E[\Delta\theta^2]_t = \rho E[\Delta\theta^2]_{t-1}
                              + (1-\rho) |\Delta\theta_t|^2,

    .. math::
        RMS[x]_t = \sqrt{E[x^2]_t + \varepsilon}, \qquad
        \theta_{t+1} = \theta_t + \alpha_t \Delta\theta_t.

    Zeiler's method has no step size, so ``learning_rate`` defaults to 1.0.
    (``optax.adadelta`` defaults to ``learning_rate=None``, which skips the
    sign flip and returns *ascent* updates; ours with the default equals
    ``optax.adadelta(learning_rate=1.0)``.) As in optax, the learning rate is
    applied after :math:`E[\Delta\theta^2]` is accumulated.

    Args:
      learning_rate: :math:`\alpha`, a scalar or a schedule; ``None`` reproduces
        ``optax.adadelta(learning_rate=None)``, ascent updates included.
      rho: :math:`\rho` (the lab's :math:`\gamma`).
      eps: :math:`\varepsilon`.
      weight_decay: Optional L2 coefficient :math:`\lambda`: :math:`\lambda
        \theta_t` is added to the gradient before Adadelta.
      weight_decay_mask: Which leaves to decay; see :func:`add_decayed_weights`.

    Returns:
      The corresponding :class:`optax.GradientTransformation`.
    """
    return _chain(
        add_decayed_weights(weight_decay, weight_decay_mask),
        scale_by_adadelta(rho, eps),
        # None, as optax allows, applies no step at all (ascent updates, like optax's).
        optax.identity() if learning_rate is None else scale_by_learning_rate(learning_rate),
    )


def rmsprop(
    learning_rate: optax.ScalarOrSchedule,
    decay: chex.Numeric = 0.9,
    eps: chex.Numeric = 1e-8,
    initial_scale: chex.Numeric = 0.0,
    eps_in_sqrt: bool = True,
    centered: bool = False,
    momentum: chex.Numeric | None = None,
    nesterov: bool = False,
    bias_correction: bool = False,
) -> optax.GradientTransformation:
    r"""RMSProp (Hinton, 2012), with optional centering and momentum.

    .. math::
        s_t = \rho s_{t-1} + (1-\rho) |g_t|^2, \qquad
        \theta_{t+1} = \theta_t - \alpha_t g_t / \sqrt{s_t + \varepsilon}.

    ``eps_in_sqrt=True`` (default, optax; also the lecture's
    :math:`\sqrt{s + \varepsilon}`) or ``False`` for
    :math:`\alpha_t g_t / (\sqrt{s_t} + \varepsilon)` (PyTorch; the notes'
    "as Adagrad" form). ``centered`` divides by :math:`\sqrt{s_t - |m_t|^2}`
    (Graves, 2013); ``bias_correction`` debiases :math:`s_t` (and
    :math:`m_t`) as Adam does. With ``momentum`` :math:`\gamma` the scaled
    step :math:`d_t = -\alpha_t g_t / \sqrt{\cdot}` is accumulated,
    :math:`v_t = \gamma v_{t-1} + d_t`, and :math:`u_t = v_t` (or
    :math:`d_t + \gamma v_t` with ``nesterov``). See :func:`scale_by_rms`.

    Args:
      learning_rate: :math:`\alpha`, a scalar or a schedule.
      decay: :math:`\rho`, typically 0.9.
      eps: :math:`\varepsilon`.
      initial_scale: :math:`s_0` (PyTorch uses 0, TF1 uses 1).
      eps_in_sqrt: Whether :math:`\varepsilon` goes inside the root.
      centered: Whether to divide by the variance instead of the second moment.
      momentum: :math:`\gamma`, or ``None`` for no momentum.
      nesterov: Whether the momentum is Nesterov's.
      bias_correction: Whether to debias the moment estimates.

    Returns:
      The corresponding :class:`optax.GradientTransformation`.
    """
    rms = scale_by_rms(decay, eps, initial_scale, eps_in_sqrt, bias_correction, centered)
    return _scale_then_trace([rms], learning_rate, momentum, nesterov)


def adam(
    learning_rate: optax.ScalarOrSchedule,
    b1: chex.Numeric = 0.9,
    b2: chex.Numeric = 0.999,
    eps: chex.Numeric = 1e-8,
    eps_root: chex.Numeric = 0.0,
    mu_dtype: Any = None,
    *,
    nesterov: bool = False,
) -> optax.GradientTransformation:
    r"""Adam (Kingma & Ba, 2014).

    .. math::
        m_t = \beta_1 m_{t-1} + (1-\beta_1) g_t, \quad
        v_t = \beta_2 v_{t-1} + (1-\beta_2) |g_t|^2, \quad
        \hat m_t = \frac{m_t}{1-\beta_1^t}, \quad
        \hat v_t = \frac{v_t}{1-\beta_2^t},

    .. math::
        \theta_{t+1} = \theta_t - \frac{\alpha_t}{\sqrt{\hat v_t +
        \bar\varepsilon} + \varepsilon} \hat m_t.

    With :math:`\bar\varepsilon = 0` this is the lab's formula. See
    :func:`scale_by_adam` (and :func:`nadam` for ``nesterov=True``).

    Args:
      learning_rate: :math:`\alpha`, a scalar or a schedule.
      b1: :math:`\beta_1`.
      b2: :math:`\beta_2`.
      eps: :math:`\varepsilon`, outside the root.
      eps_root: :math:`\bar\varepsilon`, inside the root.
      mu_dtype: Optional dtype of :math:`m`.
      nesterov: Whether to use Nesterov momentum (NAdam).

    Returns:
      The corresponding :class:`optax.GradientTransformation`.
    """
    return _chain(
        scale_by_adam(b1, b2, eps, eps_root, mu_dtype, nesterov=nesterov),
        scale_by_learning_rate(learning_rate),
    )


def nadam(
    learning_rate: optax.ScalarOrSchedule,
    b1: chex.Numeric = 0.9,
    b2: chex.Numeric = 0.999,
    eps: chex.Numeric = 1e-8,
    eps_root: chex.Numeric = 0.0,
    mu_dtype: Any = None,
    *,
    nesterov: bool = True,
) -> optax.GradientTransformation:
    r"""NAdam: Adam with Nesterov momentum (Dozat, 2016).

    As :func:`adam`, with the first moment replaced by its look-ahead

    .. math::
        \hat m_t = \beta_1 \frac{m_t}{1-\beta_1^{t+1}}
                   + (1-\beta_1) \frac{g_t}{1-\beta_1^t}.

    Args:
      learning_rate: :math:`\alpha`, a scalar or a schedule.
      b1: :math:`\beta_1`.
      b2: :math:`\beta_2`.
      eps: :math:`\varepsilon`, outside the root.
      eps_root: :math:`\bar\varepsilon`, inside the root.
      mu_dtype: Optional dtype of :math:`m`.
      nesterov: Whether to use Nesterov momentum (``False`` gives Adam).

    Returns:
      The corresponding :class:`optax.GradientTransformation`.
    """
    return adam(learning_rate, b1, b2, eps, eps_root, mu_dtype, nesterov=nesterov)


def adamax(
    learning_rate: optax.ScalarOrSchedule,
    b1: chex.Numeric = 0.9,
    b2: chex.Numeric = 0.999,
    eps: chex.Numeric = 1e-8,
) -> optax.GradientTransformation:
    r"""AdaMax: Adam with the infinity norm (Kingma & Ba, 2014).

    .. math::
        v_t = \max(\beta_2 v_{t-1}, |g_t| + \varepsilon), \qquad
        \theta_{t+1} = \theta_t - \frac{\alpha_t}{1-\beta_1^t}
                       \frac{m_t}{v_t},

    with :math:`m_t` as in :func:`adam`. See :func:`scale_by_adamax`.

    Args:
      learning_rate: :math:`\alpha`, a scalar or a schedule.
      b1: :math:`\beta_1`.
      b2: :math:`\beta_2`.
      eps: :math:`\varepsilon`.

    Returns:
      The corresponding :class:`optax.GradientTransformation`.
    """
    return _chain(scale_by_adamax(b1, b2, eps), scale_by_learning_rate(learning_rate))


def amsgrad(
    learning_rate: optax.ScalarOrSchedule,
    b1: chex.Numeric = 0.9,
    b2: chex.Numeric = 0.999,
    eps: chex.Numeric = 1e-8,
    eps_root: chex.Numeric = 0.0,
    mu_dtype: Any = None,
    bias_correction_mu: bool = True,
    bias_correction_nu: bool = True,
) -> optax.GradientTransformation:
    r"""AMSGrad (Reddi et al., 2018).

    .. math::
        \hat v^{\max}_t = \max(\hat v^{\max}_{t-1}, \hat v_t), \qquad
        \theta_{t+1} = \theta_t - \frac{\alpha_t}{\sqrt{\hat v^{\max}_t +
        \bar\varepsilon} + \varepsilon} \hat m_t,

    with :math:`\hat m_t, \hat v_t` as in :func:`adam`. See
    :func:`scale_by_amsgrad`.

    Args:
      learning_rate: :math:`\alpha`, a scalar or a schedule.
      b1: :math:`\beta_1`.
      b2: :math:`\beta_2`.
      eps: :math:`\varepsilon`, outside the root.
      eps_root: :math:`\bar\varepsilon`, inside the root.
      mu_dtype: Optional dtype of :math:`m`.
      bias_correction_mu: Whether to debias :math:`m_t`.
      bias_correction_nu: Whether to debias :math:`v_t` before the maximum.

    Returns:
      The corresponding :class:`optax.GradientTransformation`.
    """
    return _chain(
        scale_by_amsgrad(b1, b2, eps, eps_root, mu_dtype, bias_correction_mu, bias_correction_nu),
        scale_by_learning_rate(learning_rate),
    )


def adamw(
    learning_rate: optax.ScalarOrSchedule,
    b1: chex.Numeric = 0.9,
    b2: chex.Numeric = 0.999,
    eps: chex.Numeric = 1e-8,
    eps_root: chex.Numeric = 0.0,
    mu_dtype: Any = None,
    weight_decay: optax.ScalarOrSchedule = 1e-4,
    mask: MaskOrFn = None,
    *,
    nesterov: bool = False,
) -> optax.GradientTransformation:
    r"""AdamW: Adam with decoupled weight decay (Loshchilov & Hutter, 2019).

    .. math::
        \theta_{t+1} = \theta_t - \alpha_t \left(\frac{\hat m_t}{\sqrt{\hat v_t
        + \bar\varepsilon} + \varepsilon} + \lambda \theta_t\right),

    with :math:`\hat m_t, \hat v_t` as in :func:`adam`. The decay is not part
    of the gradient (unlike L2 regularisation, it does not pass through
    :math:`\hat v_t`). As in optax, :math:`\lambda` is multiplied by the
    learning rate :math:`\alpha_t` (the paper multiplies it only by the
    schedule multiplier :math:`\eta_t`).

    Args:
      learning_rate: :math:`\alpha`, a scalar or a schedule.
      b1: :math:`\beta_1`.
      b2: :math:`\beta_2`.
      eps: :math:`\varepsilon`, outside the root.
      eps_root: :math:`\bar\varepsilon`, inside the root.
      mu_dtype: Optional dtype of :math:`m`.
      weight_decay: :math:`\lambda`, a scalar or a schedule.
      mask: Which leaves to decay (e.g. weights but not biases): a pytree of
        booleans or a callable ``params -> tree``; see
        :func:`add_decayed_weights`.
      nesterov: Whether to use Nesterov momentum (NAdamW).

    Returns:
      The corresponding :class:`optax.GradientTransformation`.
    """
    return _chain(
        scale_by_adam(b1, b2, eps, eps_root, mu_dtype, nesterov=nesterov),
        add_decayed_weights(weight_decay, mask),
        scale_by_learning_rate(learning_rate),
    )


OPTIMIZERS: dict[str, Callable[..., optax.GradientTransformation]] = {
    "sgd": sgd,
    "momentum": momentum,
    "nesterov": nesterov,
    "adagrad": adagrad,
    "adadelta": adadelta,
    "rmsprop": rmsprop,
    "adam": adam,
    "nadam": nadam,
    "adamax": adamax,
    "amsgrad": amsgrad,
    "adamw": adamw,
}


def get(name: str) -> Callable[..., optax.GradientTransformation]:
    """Returns the optimizer builder registered under ``name``.

    Args:
      name: One of the keys of :data:`OPTIMIZERS`.

    Returns:
      The builder, e.g. ``get("adam")(learning_rate=1e-3)``.

    Raises:
      ValueError: If ``name`` is not registered; the message lists valid names.
    """
    return util.lookup(OPTIMIZERS, name, "optimizer")
