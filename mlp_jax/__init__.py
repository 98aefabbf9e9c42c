"""mlp_jax: hand-written optimizers, initializers and activations for MLPs, in pure JAX."""
