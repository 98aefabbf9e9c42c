"""The course's experiments and their numbers, the second layer (over ``mlp_jax``).

- ``configs``: ``Config`` (a configuration as data: optimizer, rate, schedule, init),
  the default rates and each lab's configurations.
- ``specs``: the experiments as ``Lab`` specs (``LAB6``, ``LAB7``, ``SCHEDULES``:
  baseline, configurations, flag defaults), lab 7's choice of optimizer.
- ``experiment``: ``Setup`` and ``run``, resumable sweeps, one record per configuration.
- ``summary``, ``stats``, ``pace``: chosen rates, target, summary rows; intervals and
  tests; time to a target at minibatch-step resolution, speed-ups, the sign-flip test, ranks.
- ``diagnostics``: per-layer statistics while training; ``lr_range``: the LR range test;
  ``lr_sweep``: every optimizer over one grid of rates (how lab 6's rates were chosen);
  ``surfaces``, ``trajectories``: optimizers on 2-D test functions.

Imports ``mlp_jax`` only; scipy only where a statistic is computed.
"""

from mlp_jax import util

_MODULES = ("configs", "diagnostics", "experiment", "lr_range", "lr_sweep", "pace", "specs")
_MODULES += ("stats",)
_MODULES += ("summary", "surfaces", "trajectories")
_WHERE = (
    {m: m for m in _MODULES}
    | {"Config": "configs", "Setup": "experiment"}
    | dict.fromkeys(("Lab", "LAB6", "LAB7", "SCHEDULES", "LABS"), "specs")
)
__all__ = list(_WHERE)
__getattr__ = util.lazy_exports(__name__, _WHERE)
