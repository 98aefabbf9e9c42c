r"""The listings of our own code, read from the modules when the report is written.

:func:`piece` is an object's source lines (docstring left out) with its file and line
numbers; :func:`listing` several of them as one numbered code block; :func:`formula` only
the statements of a function that compute (checks, ``del`` and bookkeeping left out), and
:func:`rule_functions` the update functions an optimizer actually runs in the settings it
was built with (its chain followed, the branch its arguments choose taken), for
:func:`rules_code` and :func:`inits_code`; :func:`dependencies` and :func:`init_sources`
are the functions a builder or an initializer calls in our modules.
"""

from __future__ import annotations

import ast
import inspect
import itertools
import textwrap
import types
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import optax

import mlp_jax
from mlp_jax import initializers, optimizers
from mlp_jax.report import document, methods, text


class Piece(NamedTuple):
    """Lines of a module's source: ``lines[i]`` is the file's line ``numbers[i]``."""

    path: str  # Relative to the repository, e.g. "mlp_jax/optimizers.py".
    numbers: tuple[int, ...]
    lines: tuple[str, ...]


def _relative(obj: Any) -> str:
    root = Path(mlp_jax.__file__).resolve().parent.parent
    return Path(inspect.getsourcefile(obj)).resolve().relative_to(root).as_posix()


def _trimmed(path: str, lines: Sequence[str], first: int) -> Piece:
    """``lines`` of ``path`` from line ``first`` (one definition), its docstring and the
    blank lines after it left out."""
    numbers = list(range(first, first + len(lines)))
    definition = ast.parse(textwrap.dedent("".join(lines))).body[0]
    doc = definition.body[0]
    value = getattr(doc, "value", None)
    if (
        isinstance(doc, ast.Expr)
        and isinstance(value, ast.Constant)
        and isinstance(value.value, str)
    ):
        end = doc.end_lineno  # The docstring, and the blank lines after it.
        while end < len(lines) and not lines[end].strip():
            end += 1
        cut = range(doc.lineno - 1, end)
        lines = [s for i, s in enumerate(lines) if i not in cut]
        numbers = [n for i, n in enumerate(numbers) if i not in cut]
    return Piece(path, tuple(numbers), tuple(s.rstrip("\n") for s in lines))


def piece(obj: Any) -> Piece:
    """The source lines of a function or class, its docstring left out."""
    lines, first = inspect.getsourcelines(obj)
    return _trimmed(_relative(obj), lines, first)


def gradient_step(module: types.ModuleType) -> Piece:
    """The function of ``module`` that takes the gradient (calls ``jax.grad`` or
    ``jax.value_and_grad``): the training step, read from the module's source."""
    source = inspect.getsource(module)
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef) and any(
            isinstance(c, ast.Attribute) and c.attr in ("grad", "value_and_grad")
            for c in ast.walk(node)
        ):
            lines = source.splitlines(keepends=True)[node.lineno - 1 : node.end_lineno]
            return _trimmed(_relative(module), lines, node.lineno)
    raise ValueError(f"{module.__name__} takes no gradient")


def _ranges(numbers: Sequence[int], lang: str) -> str:
    """``[3, 4, 5, 9]`` → ``3–5, 9``."""
    runs = []
    for _, group in itertools.groupby(enumerate(numbers), lambda p: p[1] - p[0]):
        run = [n for _, n in group]
        runs.append(f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]))
    return text.say(lang, "impl.and").join(runs) if len(runs) == 2 else ", ".join(runs)


def listing(objs: Sequence[Any], what: str, lang: str) -> document.Code:
    """One listing of the objects' source (functions, classes or pieces (``Piece``) of one
    module), in order, a blank line between them, captioned with ``what``, the module and
    the line numbers."""
    pieces = [o if isinstance(o, Piece) else piece(o) for o in objs]
    pieces.sort(key=lambda p: p.numbers[0])
    (path,) = {p.path for p in pieces}
    shown = "\n\n".join(textwrap.dedent("\n".join(p.lines)) for p in pieces)
    numbers = [n for p in pieces for n in p.numbers]
    caption = text.say(lang, "impl.listing", what=what, path=path, lines=_ranges(numbers, lang))
    return document.Code(shown, caption)


# --------------------------------------------------------------------------
# Formula lines: the statements of a function that compute, nothing else.
# --------------------------------------------------------------------------


class Formula(NamedTuple):
    """Lines of a module's source that compute a formula, as shown: ``shown[i]`` is the
    file's line ``numbers[i]``, dedented, or (``numbers[i] == 0``) a ``def`` line written
    from the function's parameter names."""

    path: str
    numbers: tuple[int, ...]
    shown: tuple[str, ...]


def _header(node: ast.FunctionDef) -> str:
    """``def name(a, b, c):`` from a definition's parameter names, annotations left out."""
    args = node.args
    names = [a.arg for a in [*args.posonlyargs, *args.args]]
    names += [f"*{args.vararg.arg}"] if args.vararg else []
    names += [a.arg for a in args.kwonlyargs]
    return f"def {node.name}({', '.join(names)}):"


def _computes(node: ast.stmt) -> bool:
    """Whether a statement is arithmetic rather than bookkeeping: not a docstring, ``del``,
    ``raise``, nor a ``return`` of a bare name or of the (updates, state) pair."""
    if isinstance(node, ast.Delete | ast.Raise | ast.Pass):
        return False
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
        return False
    if isinstance(node, ast.Return):
        return not isinstance(node.value, ast.Name | ast.Tuple) and node.value is not None
    return True


def formula(fn: Callable, *, header: bool = True) -> Formula:
    """The lines of ``fn`` that compute: its assignments and returned expressions, nested
    functions' too (each under a ``def`` line of its parameter names when ``header``);
    a branch on a closure variable (``if nesterov:``) is replaced by the branch that
    variable takes, so a listing shows what runs with the settings ``fn`` was made with."""
    lines, first = inspect.getsourcelines(fn)
    source = textwrap.dedent("".join(lines))
    text_lines = source.splitlines()
    settings = inspect.getclosurevars(fn).nonlocals if fn.__closure__ else {}
    (node,) = ast.parse(source).body
    numbers: list[int] = []
    shown: list[str] = []

    def emit(stmts: Sequence[ast.stmt], depth: int) -> None:
        for st in stmts:
            if isinstance(st, ast.FunctionDef):
                numbers.append(0)
                shown.append("    " * depth + _header(st))
                emit(st.body, depth + 1)
            elif (
                isinstance(st, ast.If) and isinstance(st.test, ast.Name) and st.test.id in settings
            ):
                emit(st.body if settings[st.test.id] else st.orelse, depth)
            elif _computes(st):
                for i in range(st.lineno, st.end_lineno + 1):
                    numbers.append(first + i - 1)
                    shown.append("    " * depth + text_lines[i - 1][st.col_offset :].rstrip())

    if header:
        numbers.append(0)
        shown.append(_header(node))
    emit(node.body, int(header))
    return Formula(_relative(fn), tuple(numbers), tuple(shown))


def _is_rule(fn: types.FunctionType) -> bool:
    """An update function of one of the optimizers' rule transformations: ``trace`` or a
    ``scale_by_*`` (not the chain, the learning rate's schedule plumbing, weight decay)."""
    top, _, inner = fn.__qualname__.partition(".<locals>.")
    rule = top == "trace" or top.startswith("scale_by_")
    return fn.__module__ == optimizers.__name__ and rule and inner in ("update_fn", "apply")


def rule_functions(tx: optax.GradientTransformation) -> list[types.FunctionType]:
    """The rule functions (``_is_rule``) an optimizer's ``update`` runs, in the chain's
    order, found through the closures it was built from (its settings are theirs)."""
    found: list[types.FunctionType] = []
    seen: set[int] = set()

    def visit(obj: Any) -> None:
        if id(obj) in seen:
            return
        seen.add(id(obj))
        if isinstance(obj, types.FunctionType):
            if _is_rule(obj):
                found.append(obj)
            if obj.__closure__ and not obj.__name__.startswith("init"):
                for value in inspect.getclosurevars(obj).nonlocals.values():
                    visit(value)
        elif isinstance(obj, tuple | list):
            for item in obj:
                visit(item)

    visit(tx.update)
    return found


def rules_code(
    names: Sequence[str],
    kwargs: Mapping[str, Mapping[str, Any]],
    rates: Mapping[str, float],
    lang: str,
) -> str:
    """The lines of our code that compute the optimizers' rules as trained (``formula`` of
    each of ``rule_functions``), each block under a comment naming the optimizers that run
    it (the helpers they call are in the appendix's listings)."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for name in names:
        tx = optimizers.get(name)(trained_rate(name, rates), **dict(kwargs.get(name, {})))
        for fn in rule_functions(tx):
            groups.setdefault(formula(fn, header=False).shown, []).append(name)
    out: list[str] = []
    for shown, users in groups.items():
        who = ", ".join(methods.label(n, lang) for n in users)
        every = len(names) > 1 and users == list(names)
        out += [f"# {text.say(lang, 'impl.listing.every') if every else who}"]
        out += shown
    return "\n".join(out)


def inits_code(inits: Sequence[str]) -> str:
    """The lines of our code that draw the initializers' weights (``formula`` of each of
    ``init_sources``), each under a ``def`` line of its parameters."""
    sources = dict.fromkeys(s for i in inits for s in init_sources(i))
    return "\n".join(line for fn in sources for line in formula(fn).shown)


def dependencies(fn: Any) -> list[Any]:
    """``fn`` and every function or class of its module it refers to by name, directly
    or through those, in the order of the module's lines."""
    module = inspect.getmodule(fn)
    seen: dict[str, Any] = {}

    def visit(obj: Any) -> None:
        seen[obj.__name__] = obj
        tree = ast.parse(textwrap.dedent(inspect.getsource(obj)))
        for node in ast.walk(tree):
            found = getattr(module, getattr(node, "id", ""), None)
            own = inspect.isfunction(found) or inspect.isclass(found)
            new = own and found.__module__ == module.__name__ and found.__name__ not in seen
            if new:
                visit(found)

    visit(fn)
    return sorted(seen.values(), key=lambda o: inspect.getsourcelines(o)[1])


def _top(fn: Callable) -> Any:
    """The module-level function that defines ``fn`` (``fn`` itself, or the function
    a closure such as ``_normal.<locals>.init`` was made in)."""
    return getattr(inspect.getmodule(fn), fn.__qualname__.split(".")[0])


def init_sources(init: str) -> list[Any]:
    """The module-level functions that draw ``init``'s weights: the one that made the
    initializer and the one its variance comes from."""
    fn = initializers.get(init)
    variance = inspect.getclosurevars(fn).nonlocals.get("variance")
    return list(dict.fromkeys(_top(f) for f in (fn, variance) if f is not None))


def trained_rate(optimizer: str, rates: Mapping[str, float]) -> float:
    """The rate it was trained at, else its builder's default rate, else 0.01."""
    default = inspect.signature(optimizers.get(optimizer)).parameters["learning_rate"].default
    return rates.get(optimizer, default if isinstance(default, float) else 0.01)
