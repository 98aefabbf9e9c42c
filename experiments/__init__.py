"""Command-line experiments over mlp_jax (run as ``python -m experiments.NAME``).

Run so, a CLI ends at Ctrl-C or SIGTERM with one line and exit code 130 or 143 even
while it is still importing: the handler is installed here, the first code of the
package to run (``experiments.signals``). Imported as a library, the package changes
nothing. ``experiments.cli`` runs the CLIs; ``experiments.runtime`` starts JAX.
"""

import sys

if sys.argv[:1] == ["-m"]:  # ``python -m experiments.NAME``, while the module is found.
    from experiments import signals

    signals.early()
