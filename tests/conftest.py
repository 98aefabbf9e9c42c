"""Shared fixtures."""

import jax
import pytest


@pytest.fixture
def x64():
    """Runs the test with float64 enabled, restoring the default afterwards."""
    with jax.enable_x64(True):
        yield
