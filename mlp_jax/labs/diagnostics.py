r"""Glorot–Bengio diagnostics: what each layer of the MLP sees, at init and while training.

For every layer of the network, on a fixed evaluation batch (the first
``EVAL_SIZE`` = 1,000 training examples; all of them if there are fewer), per seed:

- ``preact_mean``, ``preact_std``: mean and standard deviation (ddof 0) of the
  pre-activations :math:`z^l = h^{l-1} W^l + b^l`, pooled over the examples and
  units of the layer (:math:`h^{-1} = x`; the output layer's are the logits).
- ``preact_std_closed_form``: the forward-propagation formula of seeds 001 and 003,

  .. math::

      \operatorname{Var}(z^l) = \overline{w^2}\, \frac1B \sum_b \lVert h_b^{l-1} \rVert^2
      + \overline{b^2},

  with :math:`\overline{w^2}, \overline{b^2}` the mean squares of the layer's
  weights and biases. It holds in expectation for independent zero-mean weights,
  i.e. at initialization: with N(0, 1) weights and 784 pixels in [0, 1] it is
  :math:`\sqrt{\sum_i x_i^2} \gg 1`, with Xavier or He weights it is O(1). After
  training the weights depend on the data and it is only a reference.
- ``saturated_frac`` (sigmoid, tanh): fraction of the layer's activations (over
  examples and units) outside the interval ``SATURATION[act]``: σ(z) outside
  [0.02, 0.98], i.e. |z| > ln 49 ≈ 3.89, and |tanh z| > 0.96, i.e. |z| > 1.95.
  Both mean a derivative below 7.84% of its maximum: σ' = σ(1−σ) < 0.0196 =
  0.0784 · ¼ and tanh' = 1 − tanh² < 0.0784 (the same cut, as
  tanh z = 2σ(2z) − 1). NaN for other activations and for the (linear) output layer.
- ``dead_frac`` (relu): fraction of the layer's units that are zero on every example
  of the evaluation batch (z ≤ 0 throughout, so no gradient flows through them). NaN
  for the other activations (only relu's units count as dying here) and for the
  output layer.
- ``grad_norm``: Frobenius norm :math:`\lVert \partial C / \partial W^l \rVert_F` of
  the gradient of the mean softmax cross-entropy C over the evaluation batch with
  respect to the layer's weights (biases left out).

Layer 0 is the first hidden layer, the last one the output layer (``kind``
``"output"``). Stats are computed with jax for every run, one after another in one
jitted program (``Probe``), at initialization (epoch 0) and after each epoch, then
averaged over the seeds that never diverged (``seeds`` in each row counts them).

Train once, read many times: ``run`` trains each initializer for the diagnostics, while
``recorded`` reads the statistics lab 7 recorded as it trained (``experiment.Setup.probe``,
saved as ``records.LayerStats`` with each record), each initializer at its chosen rate:
the same numbers without a second training (``tests/labs/test_diagnostics.py`` compares
them).
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Mapping, Sequence

import jax
import jax.numpy as jnp
import numpy as np

from mlp_jax import activations, data, model, records, train
from mlp_jax.labs import configs, experiment, summary

EVAL_SIZE = 1000
"""Examples in the evaluation batch: the first ones of the training set."""

SATURATION: dict[str, tuple[float, float]] = {"sigmoid": (0.02, 0.98), "tanh": (-0.96, 0.96)}
"""Activation → the interval of its output h outside which a unit is saturated."""

DEAD: tuple[str, ...] = ("relu",)
"""Activations whose units can die (be exactly zero on the whole batch)."""

STATS = records.LAYER_STATS
"""What ``layer_stats`` measures, per layer."""

COLUMNS = records.LAYER_COLUMNS
"""Columns of ``layer_stats.csv``, one row per init, layer and epoch."""

RECORD = "diagnosis.json"
"""The file of an activation's ``records.Diagnosis``, beside ``layer_stats.csv``."""

Log = Callable[[str], None]


def layer_stats(params: model.Params, x: jax.Array, y: jax.Array, act: str) -> dict[str, jax.Array]:
    """The statistics of the module docstring for every layer of one network.

    Pure: jit it, and vmap it over a leading repeats axis of ``params``.

    Args:
      params: one MLP's parameters.
      x: the evaluation batch ``[B, n_inputs]``.
      y: its integer labels ``[B]``.
      act: name of the hidden activation (a key of ``activations.ACTIVATIONS``).

    Returns:
      Each name of ``STATS`` → ``[L]`` values, L = number of layers (hidden + output).
    """
    activation = activations.get(act)
    hidden = list(model.hidden_layers(params, x, activation))
    inputs = [x] + [h for _, h in hidden]
    # (pre-activation, activation) per layer; the output layer is linear: no activation.
    outputs = hidden + [(model.apply(params, x, activation), None)]
    grads = jax.grad(model.loss)(params, x, y, activation)
    nan = jnp.full((), jnp.nan, x.dtype)
    out: dict[str, list[jax.Array]] = {name: [] for name in STATS}
    for layer, grad, h_in, (z, h) in zip(params, grads, inputs, outputs, strict=True):
        in_sq = jnp.mean(jnp.sum(h_in**2, axis=-1))
        closed_var = jnp.mean(layer["w"] ** 2) * in_sq + jnp.mean(layer["b"] ** 2)
        saturated = dead = nan
        if h is not None and act in SATURATION:
            lo, hi = SATURATION[act]
            saturated = jnp.mean((h < lo) | (h > hi)).astype(x.dtype)
        if h is not None and act in DEAD:
            dead = jnp.mean(jnp.all(h == 0, axis=0)).astype(x.dtype)
        out["preact_mean"].append(jnp.mean(z))
        out["preact_std"].append(jnp.std(z))
        out["preact_std_closed_form"].append(jnp.sqrt(closed_var))
        out["saturated_frac"].append(saturated)
        out["dead_frac"].append(dead)
        out["grad_norm"].append(jnp.sqrt(jnp.sum(grad["w"] ** 2)))
    return {name: jnp.stack(values) for name, values in out.items()}


# One run after another (``lax.map``, not ``vmap``): each run's numbers are computed by
# the same program whatever the number of runs, so a grid's runs measure exactly as a
# single rate's do.
@functools.partial(jax.jit, static_argnames="act")
def _per_seed_stats(params, x, y, act):
    return jax.lax.map(lambda p: layer_stats(p, x, y, act), params)


@functools.partial(jax.jit, static_argnames="act")
def _per_seed_activations(params, x, act):
    fn = activations.get(act)
    return jax.lax.map(lambda p: [h for _, h in model.hidden_layers(p, x, fn)], params)


@dataclasses.dataclass(frozen=True, eq=False)
class Probe:
    """The fixed evaluation batch, measuring ``layer_stats`` of many runs at once: what
    ``experiment.Setup.probe`` records while training (``records.LayerStats``).

    Attributes:
      x: the batch's inputs, the first training examples.
      y: their labels.
    """

    x: jax.Array
    y: jax.Array

    @classmethod
    def of(cls, dataset: data.Dataset, eval_size: int = EVAL_SIZE) -> Probe:
        """The first ``eval_size`` training examples of ``dataset`` (all, if fewer)."""
        return cls(
            jnp.asarray(dataset.train_x[:eval_size]), jnp.asarray(dataset.train_y[:eval_size])
        )

    @property
    def eval_size(self) -> int:
        """Examples in the batch."""
        return len(self.y)

    def __call__(self, act: str, params: model.Params) -> dict[str, np.ndarray]:
        """Each name of ``STATS`` → ``[*lead, L]`` for parameters whose leaves have leading
        axes ``lead`` (``[*grid, S]`` from ``train.train``'s ``on_epoch``)."""
        lead = np.shape(params[0]["b"])[:-1]
        flat = jax.tree.map(lambda a: np.reshape(a, (-1, *np.shape(a)[len(lead) :])), params)
        stats = jax.device_get(_per_seed_stats(flat, self.x, self.y, act))
        return {k: v.reshape(*lead, v.shape[-1]) for k, v in stats.items()}

    def activations(self, act: str, params: model.Params) -> list[np.ndarray]:
        """The hidden activations on the batch, one ``[R, B, units]`` array per hidden
        layer, of parameters with one leading axis of R runs."""
        return list(jax.device_get(_per_seed_activations(params, self.x, act)))


def trouble_column(act: str) -> str | None:
    """``"saturated_frac"`` or ``"dead_frac"``: the failure ``act`` is prone to, if any."""
    if act in SATURATION:
        return "saturated_frac"
    return "dead_frac" if act in DEAD else None


@dataclasses.dataclass(frozen=True)
class Study:
    """The diagnostics of one activation with several initializers.

    Attributes:
      record: the numbers (``records.Diagnosis``: one ``LayerRow`` per init, layer and
        epoch, means over non-diverged seeds), saved as ``RECORD``.
      init_activations: init → the hidden activations at initialization on the
        evaluation batch, one ``[R, B, units]`` array per hidden layer (all seeds).
      specs: init → its configuration's ``Config.spec()`` (the report's setup lines).
    """

    record: records.Diagnosis
    init_activations: dict[str, list[np.ndarray]]
    specs: dict[str, dict]

    @property
    def act(self) -> str:
        """The hidden activation."""
        return self.record.act


def run(
    setup: experiment.Setup,
    act: str,
    by_init: Sequence[configs.Config],
    *,
    eval_size: int = EVAL_SIZE,
    log: Log = print,
) -> Study:
    """Trains each configuration (named after its init) and measures every epoch.

    Args:
      setup: data, network and training settings (``Setup.train`` trains); the
        evaluation batch is the first ``eval_size`` training examples.
      act: hidden activation, a key of ``activations.ACTIVATIONS``.
      by_init: one configuration per initializer; its name is the init's in the rows.
      eval_size: examples in the evaluation batch.
      log: receives progress lines.

    Returns:
      The ``Study``.
    """
    dataset, s = setup.dataset, setup.settings
    probe = Probe.of(dataset, eval_size)
    rows, init_activations = [], {}
    for config in by_init:
        log(f"{act}/{config.name}: {s.seeds} seeds x {s.epochs} epochs")
        per_epoch, at_init = [], []

        def measure(epoch: int, params: model.Params, per_epoch=per_epoch, at_init=at_init):
            per_epoch.append(probe(act, params))
            if epoch == 0:
                at_init.extend(probe.activations(act, params))

        history = setup.train(act, config, log=lambda p: log(f"    {p}"), on_epoch=measure)
        rows += layer_rows(config.name, act, per_epoch, history.finite, dataset.source)
        init_activations[config.name] = at_init
    diagnosis = records.Diagnosis(act, s.epochs, probe.eval_size, setup.shared(act), tuple(rows))
    return Study(diagnosis, init_activations, {c.name: c.spec() for c in by_init})


class NotRecorded(ValueError):
    """Finished records do not hold the statistics the diagnostics ask for; the message
    says what is missing or differs."""


def recorded(
    results: Mapping[str, records.History],
    dataset: data.Dataset,
    act: str,
    inits: Sequence[str],
    settings: records.SharedSettings,
    *,
    eval_size: int = EVAL_SIZE,
) -> Study:
    """The diagnostics of ``inits`` read from finished records (lab 7's) instead of
    training: each configuration at its chosen rate (``summary.selected``), the
    statistics its training recorded (``records.LayerStats``) over the first
    ``settings.epochs`` epochs, averaged over the seeds that did not diverge in them.

    The numbers are those ``run`` measures training the same configuration at that rate
    on the same data and settings. The histogram's activations at initialization come
    from the seeds' initial parameters (``train.initial_params``), rate-independent.

    Args:
      results: configuration name → record (an init's configuration is named after it).
      dataset: the data the records were trained on, before any validation split.
      act: the hidden activation.
      inits: the initializers to read.
      settings: the diagnostics' settings: its network, batch size, seeds and base seed
        and divergence factor must be the records' too; ``epochs`` at most theirs.
      eval_size: examples in the evaluation batch.

    Raises:
      NotRecorded: a record is missing, holds no statistics, or differs from ``settings``.
    """
    picked = [_recorded_at_choice(results, i, settings) for i in inits]
    shared = picked[0].provenance.shared
    if dataset.digest != shared.data:
        raise NotRecorded("the records were trained on other data")
    if dataset.val_y is None and shared.validation:
        dataset = dataset.holding_out(shared.validation)
    probe = Probe.of(dataset, eval_size)
    if any(r.layer_stats.eval_size != probe.eval_size for r in picked):
        raise NotRecorded(f"the records' layer statistics are not on {probe.eval_size} examples")
    rows, init_activations, specs = [], {}, {}
    for init, record in zip(inits, picked, strict=True):
        p, stats, epochs = record.provenance, record.layer_stats, settings.epochs
        per_epoch = [stats.epoch(e) for e in range(epochs + 1)]
        diverged = record.diverged_step
        ok = (diverged < 0) | (diverged >= epochs * record.steps_per_epoch)
        rows += layer_rows(init, act, per_epoch, ok, p.data_source)
        start = train.initial_params(
            shared.layer_sizes,
            configs.Config.from_spec(p.config).w_init(),
            record.seeds,
            shared.seed,
            dataset.train_x.dtype,
        )
        init_activations[init] = probe.activations(act, start)
        specs[init] = {**p.config, "learning_rate": p.learning_rate}
    shared = dataclasses.replace(shared, epochs=settings.epochs)
    diagnosis = records.Diagnosis(act, settings.epochs, probe.eval_size, shared, tuple(rows))
    return Study(diagnosis, init_activations, specs)


_SAME = ("layer_sizes", "batch_size", "seeds", "seed", "divergence_factor")
"""The settings a record must share with the diagnostics to be read for them."""


def _recorded_at_choice(
    results: Mapping[str, records.History],
    init: str,
    settings: records.SharedSettings,
) -> records.History:
    """``init``'s record at its chosen rate, if it recorded what the diagnostics need."""
    record = results.get(init)
    if record is None:
        raise NotRecorded(f"no finished record of {init}")
    stats, shared = record.layer_stats, record.provenance.shared
    if stats is None:
        raise NotRecorded(f"{init}'s record holds no layer statistics")
    differ = [f for f in _SAME if getattr(shared, f) != getattr(settings, f)]
    if differ:
        raise NotRecorded(f"{init}'s record has other settings ({', '.join(differ)})")
    if stats.epochs < settings.epochs:
        raise NotRecorded(
            f"{init}'s record has {stats.epochs} epochs, fewer than {settings.epochs}"
        )
    return summary.selected(record)


def layer_rows(
    init: str,
    act: str,
    per_epoch: Sequence[Mapping[str, np.ndarray]],
    ok: np.ndarray,
    data_source: str = "",
) -> list[records.LayerRow]:
    """``LayerRow``s from per-epoch ``[R, L]`` stats: means over the seeds in ``ok``."""
    with np.errstate(invalid="ignore", divide="ignore"):  # No seed left: NaN.
        means = {k: np.stack([s[k] for s in per_epoch])[:, ok].sum(1) / ok.sum() for k in STATS}
    n_epochs, n_layers = means["grad_norm"].shape
    return [
        records.LayerRow(
            init=init,
            act=act,
            layer=layer,
            kind="output" if layer == n_layers - 1 else "hidden",
            epoch=epoch,
            seeds=int(ok.sum()),
            **{k: float(means[k][epoch, layer]) for k in STATS},
            data_source=data_source,
        )
        for layer in range(n_layers)
        for epoch in range(n_epochs)
    ]
