"""Records → words and figures, the third layer (over ``mlp_jax`` and ``mlp_jax.labs``).

- ``text``: the phrase logic (numbers, plurals, names in context) over the phrase
  tables ``phrases_en`` and ``phrases_pl``.
- ``document``: a small document model → Markdown, HTML (MathML) and PDF.
- ``methods``: the methods section, from the code (update rules, initializers, σ).
- ``plots``, ``layer_plots``, ``trajectory_plots``: the figures.
- ``lab_report``: an experiment folder's ``summary.csv``, ``metrics.csv``, figures and
  ``report.md`` (``write_all``).
- ``layers``: the layer diagnostics' tables, figures and own report.
- ``handin``: the report to hand in, every lab together (``deeper``: its depth
  supplement); ``finished``: the records it
  reads; ``implementation``: our own code shown and checked against optax, its
  ``listings`` read from the modules; ``results``:
  each lab's compact tables and figures; ``rates``: how each learning rate was chosen;
  ``findings``, ``curves`` and ``discussion``: its discussion, from their numbers.
"""

from mlp_jax import util

_MODULES = ("curves", "deeper", "discussion", "document", "finished", "findings", "handin")
_MODULES += ("implementation", "listings")
_MODULES += ("lab_report", "layer_plots", "layers", "methods", "rates", "results")
_MODULES += ("phrases_en", "phrases_pl", "plots", "text", "trajectory_plots")
_WHERE = {m: m for m in _MODULES}
__all__ = list(_WHERE)
__getattr__ = util.lazy_exports(__name__, _WHERE)
