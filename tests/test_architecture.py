"""The package's shape, read from the sources: its import graph has no cycle, and no
module (tests included) reaches into another's private names."""

import ast
import graphlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "mlp_jax"
SOURCES = [
    *PACKAGE.glob("*.py"),
    *(ROOT / "experiments").glob("*.py"),
    *(ROOT / "tests").glob("*.py"),
]


def imports() -> dict[str, set[str]]:
    """Module → the ``mlp_jax`` modules it imports (anywhere in it, ``TYPE_CHECKING`` too)."""
    graph = {}
    for path in sorted(PACKAGE.glob("*.py")):
        found = set()
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.ImportFrom) and node.module == "mlp_jax":
                found |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("mlp_jax."):
                found.add(node.module.split(".")[1])
            elif isinstance(node, ast.Import):
                found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("mlp_jax.")}
        graph[path.stem] = found - {path.stem}
    return graph


def below(graph: dict[str, set[str]], module: str) -> set[str]:
    """Every module ``module`` imports, directly or not."""
    seen, todo = set(), [module]
    while todo:
        for name in graph[todo.pop()] - seen:
            seen.add(name)
            todo.append(name)
    return seen


def test_the_import_graph_is_a_dag():
    graph = imports()
    assert {"records", "summary", "labs", "report", "experiment", "handin"} <= set(graph)
    graphlib.TopologicalSorter(graph).prepare()  # CycleError on a cycle.
    # The layers of README's "How the pieces fit", each only below the next (records
    # below train too: the engine returns a History).
    for low, high in [
        ("records", "train"),
        ("records", "experiment"),
        ("experiment", "summary"),
        ("summary", "labs"),
        ("labs", "report"),
        ("report", "handin"),
    ]:
        assert high not in below(graph, low), f"{low} imports {high}"


def test_records_are_numpy_only_and_numbers_import_no_words():
    graph = imports()
    assert graph["records"] <= {"util"}
    assert not graph["summary"] & {"report", "plots", "text", "document", "handin"}
    assert not graph["experiment"] & {"report", "summary", "plots", "handin", "labs"}
    for name in ("plots", "report", "handin", "lr_range", "summary"):
        source = (PACKAGE / f"{name}.py").read_text()
        assert "train.History" not in source and "train.RecordError" not in source, name


def test_no_provenance_is_read_by_string_key():
    for path in PACKAGE.glob("*.py"):
        source = path.read_text()
        assert "meta[" not in source and "meta.get" not in source, path.name


def private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def test_no_module_uses_another_modules_private_names():
    """``module._name`` of a project module (by any name it is imported as) and
    ``from module import _name`` appear nowhere: what another module or a test needs is
    public (``plots.save``, ``labs.break_tie``)."""
    ours = {path.stem for path in SOURCES}
    reached = []
    for path in SOURCES:
        nodes = list(ast.walk(ast.parse(path.read_text(), str(path))))
        imports = [n for n in nodes if isinstance(n, ast.ImportFrom)]
        names = ours | {
            a.asname
            for n in imports
            if n.module in ("mlp_jax", "experiments")
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
