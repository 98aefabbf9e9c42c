"""Command-line experiments over mlp_jax (run as `python -m experiments.NAME`)."""
