"""Command-line experiments over mlp_jax (run as ``python -m experiments.NAME``).

On a CPU, XLA runs one program on all cores, and the small matrices of a 784-128-10
MLP use them poorly. The CLIs therefore expose one XLA host device per core (unless
``XLA_FLAGS`` already says how many), and ``mlp_jax.train`` splits the seeds across
them: 1.3x faster on 2 cores (BUILD_NOTES.md). On a GPU or TPU host this only adds
CPU devices that nothing uses. It must happen before JAX starts its backends, hence
here. The core count is the one this process may use (``os.process_cpu_count``,
Python 3.13+), else the machine's: the same on macOS, Windows and Linux.
"""

import os

if "xla_force_host_platform_device_count" not in os.environ.get("XLA_FLAGS", ""):
    _cores = getattr(os, "process_cpu_count", os.cpu_count)() or 1
    os.environ["XLA_FLAGS"] = (
        os.environ.get("XLA_FLAGS", "") + f" --xla_force_host_platform_device_count={_cores}"
    )
