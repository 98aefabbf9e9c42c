"""The package's shape, read from the sources: three layers, each importing only from
itself and the layers below it (every import, inside functions too), an import graph
with no cycle, and no module (tests included) reaching into another's private names."""

import ast
import graphlib
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "mlp_jax"
LIBRARY = sorted(PACKAGE.rglob("*.py"))
CLIS = sorted((ROOT / "experiments").glob("*.py"))
SOURCES = [*LIBRARY, *CLIS, *sorted((ROOT / "tests").rglob("*.py"))]
LAYERS = ("mlp_jax", "mlp_jax.labs", "mlp_jax.report", "experiments")
"""From the bottom up: the JAX library, the labs' numbers, the words, the CLIs."""
NOT_IN_THE_LIBRARY = ("matplotlib", "scipy", "latex2mathml")


def dotted(path: Path) -> str:
    """``mlp_jax/labs/stats.py`` → ``mlp_jax.labs.stats`` (a package: its name)."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def module_of(package: str, name: str) -> str:
    """What ``from package import name`` imports from: the submodule, else the package."""
    inside = ROOT.joinpath(*package.split("."), name)
    return f"{package}.{name}" if inside.is_dir() or inside.with_suffix(".py").exists() else package


def imported(path: Path, source: str | None = None) -> set[str]:
    """The project modules ``path`` (or ``source`` as if it were there) imports, anywhere
    in it (functions, ``TYPE_CHECKING``)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text() if source is None else source)):
        if (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.module.split(".")[0]
            in (
                "mlp_jax",
                "experiments",
            )
        ):
            found |= {module_of(node.module, a.name) for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "mlp_jax"}
    return found - {dotted(path)}


def layer(module: str) -> int:
    """The rank of ``module``'s layer in ``LAYERS``."""
    return max(i for i, name in enumerate(LAYERS) if f"{module}.".startswith(f"{name}."))


@pytest.mark.parametrize("path", [*LIBRARY, *CLIS], ids=lambda p: dotted(p))
def test_a_module_imports_only_its_own_layer_or_below(path):
    upward = [m for m in imported(path) if layer(m) > layer(dotted(path))]
    assert not upward, f"{dotted(path)} imports {upward}, a layer above its own"


def test_the_rank_rule_sees_an_upward_import_inside_a_function():
    """The rule above can fail: a core module importing the words in a function is seen."""
    leak = imported(PACKAGE / "leak.py", "def f():\n    from mlp_jax.report import text\n")
    assert leak == {"mlp_jax.report.text"} and layer("mlp_jax.report.text") > layer("mlp_jax.leak")


def test_the_import_graph_is_a_dag():
    graph = {dotted(path): imported(path) for path in LIBRARY}
    graphlib.TopologicalSorter(graph).prepare()  # CycleError on a cycle.
    assert {m for m in graph["mlp_jax.records"] if m != "mlp_jax"} <= {"mlp_jax.util"}


def test_the_library_loads_no_plots_stats_or_math_markup(run_cli):
    """The core and the labs, imported whole, load none of the writing side's packages
    (the labs import scipy only inside the functions that compute a statistic)."""
    core = [dotted(p) for p in LIBRARY if layer(dotted(p)) == 0]
    labs = [dotted(p) for p in LIBRARY if layer(dotted(p)) == 1]
    code = (
        f"import importlib, sys; [importlib.import_module(m) for m in {[*core, *labs]}]; "
        f"print([m for m in {NOT_IN_THE_LIBRARY} if m in sys.modules])"
    )
    result = run_cli("-c", code, python=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_clis_use_only_the_packages_public_api():
    """``experiments/`` imports names that a layer's ``__init__`` lists in ``__all__``."""
    outside = [
        f"{path.name}: {node.module}.{a.name}"
        for path in CLIS
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("mlp_jax")
        for a in node.names
        if a.name not in getattr(importlib.import_module(node.module), "__all__", ())
    ]
    assert not outside


def test_no_module_is_over_800_lines_but_the_optimizers():
    """The phrase books are data (key → template), one per language, not code."""
    long = {p.name: n for p in LIBRARY if (n := len(p.read_text().splitlines())) > 800}
    assert set(long) <= {"optimizers.py", "phrases_en.py", "phrases_pl.py"}, long


def test_numbers_are_read_through_records():
    for path in LIBRARY:
        source = path.read_text()
        assert "meta[" not in source and "meta.get" not in source, path.name
        if layer(dotted(path)) > 0 and path.stem != "lr_range":
            assert "train.History" not in source and "train.RecordError" not in source, path


def private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def test_no_module_uses_another_modules_private_names():
    """``module._name`` of a project module (by any name it is imported as) and
    ``from module import _name`` appear nowhere: what another module or a test needs is
    public (``plots.save``, ``specs.break_tie``)."""
    ours = {path.stem for path in SOURCES}
    reached = []
    for path in SOURCES:
        nodes = list(ast.walk(ast.parse(path.read_text(), str(path))))
        imports = [n for n in nodes if isinstance(n, ast.ImportFrom)]
        names = ours | {
            a.asname
            for n in imports
            if (n.module or "").split(".")[0] in ("mlp_jax", "experiments", "tests")
            for a in n.names
            if a.asname
        }
        reached += [
            f"{path.name}:{n.lineno} {a.name}"
            for n in imports
            if (n.module or "").split(".")[-1] in ours
            for a in n.names
            if private(a.name)
        ]
        reached += [
            f"{path.name}:{n.lineno} {n.value.id}.{n.attr}"
            for n in nodes
            if isinstance(n, ast.Attribute)
            and isinstance(n.value, ast.Name)
            and n.value.id in names
            and private(n.attr)
        ]
    assert not reached
