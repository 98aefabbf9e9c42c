r"""The listings of our own code, read from the modules when the report is written.

:func:`formula` is the statements of a function that compute (checks, ``del`` and
bookkeeping left out; a branch on the settings it was built with replaced by the one they
take; casts and conjugates that real float32 arrays do not need dropped) with their file
and line numbers, and :func:`formula_listing` several functions' as one code block.
:func:`rule_functions` are the update functions an optimizer runs as built (its chain
followed); :func:`rules` groups their lines for the section's listing (:func:`rules_code`)
and :func:`helpers` are the functions those lines call; :func:`init_sources` are the
functions an initializer draws its weights with (:func:`inits_code`), and
:func:`gradient_step` the training step.
"""

from __future__ import annotations

import ast
import copy
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


def _relative(obj: Any) -> str:
    root = Path(mlp_jax.__file__).resolve().parent.parent
    return Path(inspect.getsourcefile(obj)).resolve().relative_to(root).as_posix()


def gradient_step(module: types.ModuleType) -> Callable:
    """The function of ``module`` that takes the gradient (calls ``jax.grad`` or
    ``jax.value_and_grad``): the training step, found in the module's source."""
    for node in ast.walk(ast.parse(inspect.getsource(module))):
        if isinstance(node, ast.FunctionDef) and any(
            isinstance(c, ast.Attribute) and c.attr in ("grad", "value_and_grad")
            for c in ast.walk(node)
        ):
            return getattr(module, node.name)
    raise ValueError(f"{module.__name__} takes no gradient")


def _ranges(numbers: Sequence[int], lang: str) -> str:
    """``[3, 4, 5, 9]`` → ``3–5, 9``."""
    runs = []
    for _, group in itertools.groupby(enumerate(numbers), lambda p: p[1] - p[0]):
        run = [n for _, n in group]
        runs.append(f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]))
    return text.say(lang, "impl.and").join(runs) if len(runs) == 2 else ", ".join(runs)


# --------------------------------------------------------------------------
# Formula lines: the statements of a function that compute, nothing else.
# --------------------------------------------------------------------------


class Formula(NamedTuple):
    """Lines of a module's source that compute a formula, as shown: ``shown[i]`` is the
    file's line ``numbers[i]``, dedented, or (``numbers[i] == 0``) a ``def`` line written
    from the function's parameter names; ``calls`` are the names the shown statements call."""

    path: str
    numbers: tuple[int, ...]
    shown: tuple[str, ...]
    calls: tuple[str, ...] = ()


def _header(node: ast.FunctionDef) -> str:
    """``def name(a, b, c):`` from a definition's parameter names, annotations left out."""
    args = node.args
    names = [a.arg for a in [*args.posonlyargs, *args.args]]
    names += [f"*{args.vararg.arg}"] if args.vararg else []
    names += [a.arg for a in args.kwonlyargs]
    return f"def {node.name}({', '.join(names)}):"


def _computes(node: ast.stmt) -> bool:
    """Whether a statement is arithmetic rather than bookkeeping: not a docstring, ``del``,
    ``raise``, a call of a ``check…`` function, nor a ``return`` of a bare name or of the
    (updates, state) pair."""
    if isinstance(node, ast.Delete | ast.Raise | ast.Pass):
        return False
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
        return False
    call = node.value if isinstance(node, ast.Expr) else None
    if isinstance(call, ast.Call) and isinstance(call.func, ast.Name):
        return not call.func.id.lstrip("_").startswith("check")
    if isinstance(node, ast.Return):
        return not isinstance(node.value, ast.Name | ast.Tuple) and node.value is not None
    return True


class Plain(ast.NodeTransformer):
    """Drops what is the identity on real arrays of the parameters' dtype (float32 in
    every run of the labs): a cast to a leaf's own dtype (``x.astype(g.dtype)``,
    ``jnp.asarray(x, g.dtype)``), the complex conjugate (``x.conj()``) and the real part
    (``x.real``); ``changed`` says whether it dropped any."""

    changed = False

    def visit_Call(self, node: ast.Call) -> ast.AST:
        node = self.generic_visit(node)
        func, args = node.func, node.args
        to_dtype = bool(args) and isinstance(args[-1], ast.Attribute) and args[-1].attr == "dtype"
        if isinstance(func, ast.Attribute):
            if (func.attr == "astype" and to_dtype) or (func.attr == "conj" and not args):
                self.changed = True
                return func.value
            if func.attr == "asarray" and len(args) == 2 and to_dtype:
                self.changed = True
                return args[0]
        return node

    def visit_Attribute(self, node: ast.Attribute) -> ast.AST:
        node = self.generic_visit(node)
        if node.attr == "real" and isinstance(node.ctx, ast.Load):
            self.changed = True
            return node.value
        return node


def _settled(test: ast.expr, settings: Mapping[str, Any]) -> bool | None:
    """The value of a branch's condition when it reads only the settings a function was
    built with (closure variables, e.g. ``if nesterov:``); ``None`` when it reads more."""
    names = {n.id for n in ast.walk(test) if isinstance(n, ast.Name)}
    if not names or not names <= set(settings):
        return None
    return bool(eval(compile(ast.Expression(test), "<branch>", "eval"), {}, dict(settings)))


class _Statement(NamedTuple):
    """One shown statement of ``formula``: its lines, and the names it sets and reads."""

    numbers: tuple[int, ...]
    shown: tuple[str, ...]
    sets: frozenset[str]
    reads: frozenset[str]
    calls: tuple[str, ...]


def _statement(st: ast.stmt, text_lines: Sequence[str], first: int, depth: int) -> _Statement:
    """A computing statement as shown: its own lines, or, where ``Plain`` dropped
    something, the rest written on one line (numbered as the statement's first)."""
    plain = Plain()
    simple = plain.visit(copy.deepcopy(st))
    if plain.changed:
        numbers, shown = [first + st.lineno - 1], ["    " * depth + ast.unparse(simple)]
    else:
        rows = range(st.lineno, st.end_lineno + 1)
        numbers = [first + i - 1 for i in rows]
        shown = ["    " * depth + text_lines[i - 1][st.col_offset :].rstrip() for i in rows]
    names = [n for n in ast.walk(simple) if isinstance(n, ast.Name)]
    sets = frozenset(n.id for n in names if isinstance(n.ctx, ast.Store))
    reads = frozenset(n.id for n in names if isinstance(n.ctx, ast.Load))
    return _Statement(tuple(numbers), tuple(shown), sets, reads, tuple(_called(simple)))


def _needed(found: Sequence[_Statement | None], of: Sequence[str]) -> list[_Statement | None]:
    """The statements the names ``of`` are computed from (``None``, a ``def`` line, kept)."""
    wanted, kept = set(of), []
    for st in reversed(found):
        if st is None or st.sets & wanted:
            wanted |= st.reads if st else set()
            kept.insert(0, st)
    return kept


def formula(fn: Callable, *, header: bool = True, of: Sequence[str] = ()) -> Formula:
    """The lines of ``fn`` that compute: its assignments and returned expressions, nested
    functions' too (each under a ``def`` line of its parameter names when ``header``);
    with ``of``, only the statements those names are computed from. A branch on the
    settings ``fn`` was made with (``if nesterov:``) is replaced by the branch they take,
    and what is the identity on real float32 arrays (``Plain``) is left out of a
    statement (then written on one line), so a listing shows what runs."""
    lines, first = inspect.getsourcelines(fn)
    source = textwrap.dedent("".join(lines))
    text_lines = source.splitlines()
    settings = inspect.getclosurevars(fn).nonlocals if fn.__closure__ else {}
    (node,) = ast.parse(source).body
    found: list[_Statement | None] = []  # None: a def line, from ``defs``.
    defs: list[str] = [_header(node)] if header else []

    def emit(stmts: Sequence[ast.stmt], depth: int) -> None:
        for st in stmts:
            taken = _settled(st.test, settings) if isinstance(st, ast.If) else None
            if isinstance(st, ast.FunctionDef):
                found.append(None)
                defs.append("    " * depth + _header(st))
                emit(st.body, depth + 1)
            elif taken is not None:
                emit(st.body if taken else st.orelse, depth)
            elif _computes(st):
                found.append(_statement(st, text_lines, first, depth))

    emit(node.body, int(header))
    kept = _needed(found, of) if of else found
    heads = iter(defs[1:] if header else defs)
    numbers, shown = ([0], defs[:1]) if header else ([], [])
    for st in kept:
        numbers += st.numbers if st else [0]
        shown += st.shown if st else [next(heads)]
    calls = dict.fromkeys(c for st in kept if st for c in st.calls)
    return Formula(_relative(fn), tuple(numbers), tuple(shown), tuple(calls))


def _called(node: ast.AST) -> list[str]:
    """The names a statement calls by a bare name (``_rescale(...)``), in order."""
    return [
        n.func.id
        for n in ast.walk(node)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
    ]


def formula_listing(
    fns: Sequence[Callable], what: str, lang: str, *, of: Sequence[str] = ()
) -> document.Code:
    """One listing of ``formula`` of each function (of one module; ``of`` as there), in
    order, captioned with ``what``, the module and the line numbers."""
    found = [formula(fn, of=of) for fn in fns]
    (path,) = {f.path for f in found}
    numbers = sorted(n for f in found for n in f.numbers if n)
    caption = text.say(lang, "impl.listing", what=what, path=path, lines=_ranges(numbers, lang))
    return document.Code("\n".join(s for f in found for s in f.shown), caption)


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


class Rule(NamedTuple):
    """One block of the rules' listing: lines several optimizers may run alike."""

    formula: Formula
    settings: tuple[tuple[str, float], ...]  # The numbers of its closure that it reads.
    users: tuple[str, ...]  # The optimizers that run it.


class Rules(NamedTuple):
    """The rules' blocks, and whether each optimizer runs its blocks in their order."""

    names: tuple[str, ...]  # The optimizers, in the order asked for.
    blocks: tuple[Rule, ...]
    in_order: bool


def _numbers_read(fn: types.FunctionType, shown: Formula) -> tuple[tuple[str, float], ...]:
    """The numeric settings of ``fn``'s closure (not flags) that its shown lines read."""
    used = {
        n.id
        for n in ast.walk(ast.parse("\n".join(s.strip() for s in shown.shown)))
        if isinstance(n, ast.Name)
    }
    values = inspect.getclosurevars(fn).nonlocals if fn.__closure__ else {}
    return tuple(
        (k, v)
        for k, v in values.items()
        if k in used and isinstance(v, int | float) and not isinstance(v, bool)
    )


def in_order(keys: Sequence[Any], sequences: Sequence[Sequence[Any]]) -> tuple[list[Any], bool]:
    """``keys`` in an order every sequence follows (each key as early as that allows),
    and whether there is one; else ``keys`` as they are."""
    after = {k: {a for s in sequences for a, b in itertools.pairwise(s) if b == k} for k in keys}
    order: list[Any] = []
    while len(order) < len(keys):
        ready = [k for k in keys if k not in order and after[k] <= set(order)]
        if not ready:
            return list(keys), False
        order.append(ready[0])
    return order, True


def rules(
    names: Sequence[str],
    kwargs: Mapping[str, Mapping[str, Any]],
    rates: Mapping[str, float],
) -> Rules:
    """The lines of our code that compute the optimizers' rules as trained (``formula`` of
    each of ``rule_functions``), blocks that run alike shared, in an order each optimizer
    runs them in where there is one."""
    found: dict[tuple, tuple[Formula, tuple, list[str]]] = {}
    runs: list[list[tuple]] = []
    for name in names:
        tx = optimizers.get(name)(trained_rate(name, rates), **dict(kwargs.get(name, {})))
        runs.append([])
        for fn in rule_functions(tx):
            shown = formula(fn, header=False)
            key = (shown.shown, _numbers_read(fn, shown))
            found.setdefault(key, (shown, key[1], []))[2].append(name)
            runs[-1].append(key)
    order, kept = in_order(list(found), runs)
    blocks = tuple(Rule(found[k][0], found[k][1], tuple(found[k][2])) for k in order)
    return Rules(tuple(names), blocks, kept)


def every_first(found: Rules) -> list[str]:
    """The optimizers that run the block every optimizer runs (``rules_code``'s "every
    optimizer") before another block of theirs, when the listing's order is each
    optimizer's (``Rules.in_order``); [] otherwise."""
    shared = [i for i, b in enumerate(found.blocks) if b.users == found.names]
    if len(found.names) < 2 or not found.in_order or not shared:
        return []
    later = found.blocks[shared[0] + 1 :]
    return [n for n in found.names if any(n in b.users for b in later)]


def rules_code(found: Rules, lang: str) -> str:
    """The rules' blocks, each under a comment naming the optimizers that run it and the
    numbers it reads (the helpers they call are in the appendix's listings)."""
    out: list[str] = []
    for block in found.blocks:
        every = len(found.names) > 1 and block.users == found.names
        who = ", ".join(methods.label(n, lang) for n in block.users)
        values = ", ".join(f"{k} = {v!r}" for k, v in block.settings)
        comment = text.say(lang, "impl.listing.every") if every else who
        out += [f"# {comment}" + (f" ({values})" if values else "")]
        out += block.formula.shown
    return "\n".join(out)


def helpers(found: Rules) -> list[Callable]:
    """The functions of the optimizers' module the rules' lines call, and those they
    call in turn, in the order of the module's lines."""
    seen: dict[str, Callable] = {}
    todo = [c for b in found.blocks for c in b.formula.calls]
    while todo:
        fn = getattr(optimizers, todo.pop(0), None)
        if (
            inspect.isfunction(fn)
            and fn.__module__ == optimizers.__name__
            and fn.__name__ not in seen
        ):
            seen[fn.__name__] = fn
            todo += formula(fn).calls
    return sorted(seen.values(), key=lambda f: inspect.getsourcelines(f)[1])


def inits_code(inits: Sequence[str]) -> str:
    """The lines of our code that draw the initializers' weights (``formula`` of each of
    ``init_sources``), each under a ``def`` line of its parameters."""
    sources = dict.fromkeys(s for i in inits for s in init_sources(i))
    return "\n".join(line for fn in sources for line in formula(fn).shown)


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
