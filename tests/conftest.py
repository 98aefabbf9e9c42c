"""Shared fixtures."""

import jax
import pytest


@pytest.fixture(scope="session", autouse=True)
def compilation_cache(tmp_path_factory):
    """Shares compiled programs between tests: many trainings have the same HLO."""
    jax.config.update("jax_compilation_cache_dir", str(tmp_path_factory.mktemp("xla_cache")))
    jax.config.update("jax_persistent_cache_min_compile_time_secs", 0.0)
    yield
    jax.config.update("jax_compilation_cache_dir", None)


@pytest.fixture
def x64():
    """Runs the test with float64 enabled, restoring the default afterwards."""
    with jax.enable_x64(True):
        yield
