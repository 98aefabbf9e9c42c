"""mlp_jax: hand-written optimizers, initializers and activations for MLPs, in pure JAX.

The library, first of three layers (each imports only from itself and the layers
before it; ``tests/test_architecture.py`` checks every import):

- ``mlp_jax`` (this package): the JAX library. ``model`` (``init_mlp``, ``apply``,
  ``loss``, ``accuracy``), ``activations``, ``initializers``, ``optimizers`` (optax
  ``GradientTransformation``s: ``sgd``, ``momentum``, ``nesterov``, ``adagrad``,
  ``adadelta``, ``rmsprop``, ``adam``, ``nadam``, ``adamax``, ``amsgrad``, ``adamw``),
  ``schedules``, ``data`` (``load``), ``train`` (``train``: every seed in one compiled
  program), ``records`` (``History``, ``Provenance``: NumPy only), ``util``.
  No matplotlib, scipy or latex2mathml.
- ``mlp_jax.labs``: the course's experiments and their numbers.
- ``mlp_jax.report``: records → words and figures (English, Polish), the hand-in.

Names load on first use, so ``import mlp_jax.records`` starts no JAX.
"""

from mlp_jax import util

_MODULES = ("activations", "data", "initializers", "model", "optimizers", "records")
_MODULES += ("schedules", "train", "util")
_OPTIMIZERS = ("sgd", "momentum", "nesterov", "adagrad", "adadelta", "rmsprop", "adam")
_OPTIMIZERS += ("nadam", "adamax", "amsgrad", "adamw")
_WHERE = (
    {m: m for m in _MODULES}
    | dict.fromkeys(_OPTIMIZERS, "optimizers")
    | dict.fromkeys(("init_mlp", "apply", "loss", "accuracy"), "model")
    | dict.fromkeys(("History", "Provenance", "RecordError"), "records")
)
__all__ = list(_WHERE)
__getattr__ = util.lazy_exports(__name__, _WHERE)
