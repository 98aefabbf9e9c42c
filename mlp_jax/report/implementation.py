r"""The report's implementation section, read from the code when the report is written.

Nothing here restates the code by hand. What optax contributes is the list of ``optax.``
names the optimizers' and the training loop's sources refer to (:func:`optax_names`);
each optimizer's state is what its ``init`` returns (:func:`state_of`); the differences
from the instruction's formulas follow from the builders' signature defaults merged
with the keywords the networks were trained with (:func:`deviations`); the listings are
the modules' own lines that compute, in the branch the trained settings take
(``listings.formula``), captioned with their file and line numbers; and the agreement with optax is measured now, each
optimizer against optax's counterpart for :data:`STEPS` steps on a fixed small network
(:func:`max_difference`, :func:`agreement`).

:func:`blocks` writes the section (about a printed page), :func:`appendix` the remaining
listings, in English or Polish; :data:`BIBLIOGRAPHY` holds the works they cite.
"""

from __future__ import annotations

import ast
import functools
import inspect
import itertools
import math
import re
import types
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, NamedTuple

import jax
import jax.numpy as jnp
import optax

from mlp_jax import initializers, model, optimizers, train
from mlp_jax.labs import configs
from mlp_jax.report import document, lab_report, listings, methods, text

BIBLIOGRAPHY: dict[str, str] = {
    "duchi2011": "Duchi J., Hazan E., Singer Y. (2011). Adaptive Subgradient Methods for "
    "Online Learning and Stochastic Optimization. Journal of Machine Learning Research 12, "
    "2121–2159.",
    "glorot2010": "Glorot X., Bengio Y. (2010). Understanding the difficulty of training deep "
    "feedforward neural networks. Proceedings of the 13th International Conference on "
    "Artificial Intelligence and Statistics (AISTATS), PMLR 9, 249–256.",
    "he2015": "He K., Zhang X., Ren S., Sun J. (2015). Delving Deep into Rectifiers: Surpassing "
    "Human-Level Performance on ImageNet Classification. Proceedings of the IEEE "
    "International Conference on Computer Vision (ICCV), 1026–1034.",
    "kingma2015": "Kingma D. P., Ba J. (2015). Adam: A Method for Stochastic Optimization. 3rd "
    "International Conference on Learning Representations (ICLR); arXiv:1412.6980.",
    "nesterov1983": "Nesterov Yu. E. (1983). A method for solving the convex programming "
    "problem with convergence rate O(1/k²). Soviet Mathematics Doklady 27, 372–376.",
    "sutskever2013": "Sutskever I., Martens J., Dahl G., Hinton G. (2013). On the importance of "
    "initialization and momentum in deep learning. Proceedings of the 30th International "
    "Conference on Machine Learning (ICML), PMLR 28(3), 1139–1147.",
    "xiao2017": "Xiao H., Rasul K., Vollgraf R. (2017). Fashion-MNIST: a Novel Image Dataset "
    "for Benchmarking Machine Learning Algorithms. arXiv:1708.07747.",
    "zeiler2012": "Zeiler M. D. (2012). ADADELTA: An Adaptive Learning Rate Method. "
    "arXiv:1212.5701.",
}
"""First author's surname and year → the full reference, surname first, of each work the
report cites; sorted by key, the list is in the order of the surnames."""

# --------------------------------------------------------------------------
# What optax contributes: the ``optax.`` names the sources refer to.
# --------------------------------------------------------------------------

OPTAX_ROLES: dict[str, str] = {
    "GradientTransformation": "interface",
    "GradientTransformationExtraArgs": "interface",
    "EmptyState": "interface",
    "with_extra_args_support": "interface",
    "chain": "chain",
    "identity": "chain",
    "masked": "masked",
    "inject_hyperparams": "grid",
    "apply_updates": "apply",
    "Params": "type",
    "Updates": "type",
    "OptState": "type",
    "ScalarOrSchedule": "type",
}
"""What each ``optax.`` name the code uses does for it (``impl.optax.ROLE`` says it in
words); ``type`` names only annotate. A name not here is an ``optimizer`` when optax has
an optimizer of that name among ours, else ``other``."""


def optax_names(module: types.ModuleType) -> list[str]:
    """Every ``optax.NAME`` (``optax.a.b`` as ``a.b``) the module's code refers to, in
    order of first use; names in strings and docstrings are not code."""
    tree = ast.parse(inspect.getsource(module))
    inner = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    found: dict[str, None] = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute) or id(node) in inner:
            continue
        parts = []
        while isinstance(node, ast.Attribute):
            parts.insert(0, node.attr)
            node = node.value
        if isinstance(node, ast.Name) and node.id == "optax":
            found[".".join(parts)] = None
    return list(found)


def optax_role(name: str) -> str:
    """The role of ``optax.name`` in our code (see :data:`OPTAX_ROLES`)."""
    if name in OPTAX_ROLES:
        return OPTAX_ROLES[name]
    return "optimizer" if name in optimizers.OPTIMIZERS else "other"


def optax_roles(module: types.ModuleType) -> list[str]:
    """The roles of the optax names ``module`` uses, in order, each once, types left out."""
    roles = (optax_role(n) for n in optax_names(module))
    return [r for r in dict.fromkeys(roles) if r != "type"]


# --------------------------------------------------------------------------
# Listings: the modules' own lines (``listings``), numbered.
# --------------------------------------------------------------------------


def _numbered(blocks: Sequence[document.Block], first: int, lang: str) -> list[document.Block]:
    """The blocks with each listing's caption led by its number, from ``first``."""
    n = itertools.count(first)
    return [
        b._replace(caption=text.say(lang, "impl.listing.label", n=next(n), what=b.caption))
        if isinstance(b, document.Code)
        else b
        for b in blocks
    ]


def _body_listings(optimizers: Sequence[str], inits: Sequence[str]) -> int:
    """How many listings ``blocks`` shows: the rules', and the initializers'."""
    return bool(optimizers) + bool(inits)


# --------------------------------------------------------------------------
# The optimizers' state.
# --------------------------------------------------------------------------

FIELD_SYMBOLS: dict[str, str] = {
    "trace": r"-v",
    "sum_of_squares": r"G",
    "e_g": r"E[g^2]",
    "e_x": r"E[\Delta\theta^2]",
    "count": r"t",
    "mu": r"m",
    "nu": r"v",
    "nu_max": r"\hat v^{\max}",
}
"""The symbol of the instruction's formulas each state field holds."""


class State(NamedTuple):
    """What an optimizer keeps between steps."""

    optimizer: str
    fields: tuple[str, ...]  # The fields of its state records, in order.
    per_parameter: int  # Arrays the size of the parameters it holds.


def _records(state: Any) -> Iterator[tuple]:
    """The state records (NamedTuples with fields) in an optimizer's state, in order."""
    if isinstance(state, tuple) and getattr(state, "_fields", None):
        yield state
    elif isinstance(state, tuple | list):
        for s in state:
            yield from _records(s)


def state_of(optimizer: str, kwargs: Mapping[str, Any] | None = None) -> State:
    """The state ``optimizer``'s ``init`` creates, read from the state itself."""
    params = {"w": jnp.zeros((3, 2)), "b": jnp.zeros(2)}
    size = sum(x.size for x in jax.tree.leaves(params))
    state = optimizers.get(optimizer)(0.1, **dict(kwargs or {})).init(params)
    fields = tuple(f for r in _records(state) for f in r._fields)
    held = sum(x.size for x in jax.tree.leaves(state) if x.ndim)
    return State(optimizer, fields, held // size)


def _state_table(states: Sequence[State], lang: str) -> document.Table:
    say = functools.partial(text.say, lang)
    rows = [
        [
            methods.label(s.optimizer, lang),
            ", ".join(rf"\({FIELD_SYMBOLS.get(f, f)}\) ({text.code(f)})" for f in s.fields)
            or say("impl.state.none"),
            str(s.per_parameter),
        ]
        for s in states
    ]
    header = [say("impl.col.optimizer"), say("impl.col.state"), say("impl.col.arrays")]
    return document.Table(header, rows, say("impl.state.caption"), key="impl.state")


# --------------------------------------------------------------------------
# Agreement with optax.
# --------------------------------------------------------------------------

STEPS = 100
"""Steps of each optimizer in the comparison with optax."""

PROBLEM_SIZES = (20, 16, 4)
"""The comparison's network: layer sizes."""

TOLERANCE = 1e-5
"""A difference from optax below this is float32 rounding, not another rule."""


def _problem() -> tuple[model.Params, Callable[[model.Params], jax.Array]]:
    """A fixed small problem: a ReLU network with He weights, and the full-batch
    cross-entropy of 64 random inputs with random labels."""
    key = jax.random.key(0)
    k_params, k_x, k_y = jax.random.split(key, 3)
    params = model.init_mlp(k_params, PROBLEM_SIZES, initializers.get("he"))
    x = jax.random.normal(k_x, (64, PROBLEM_SIZES[0]))
    y = jax.random.randint(k_y, (64,), 0, PROBLEM_SIZES[-1])
    return params, lambda p: model.loss(p, x, y, jax.nn.relu)


def _run(tx: optax.GradientTransformation, steps: int) -> model.Params:
    params, loss = _problem()

    def step(carry, _):
        p, state = carry
        updates, state = tx.update(jax.grad(loss)(p), state, p)
        return (optax.apply_updates(p, updates), state), None

    return jax.lax.scan(step, (params, tx.init(params)), length=steps)[0][0]


def max_difference(
    ours: optax.GradientTransformation,
    theirs: optax.GradientTransformation,
    steps: int = STEPS,
) -> tuple[float, float]:
    """Both transformations trained ``steps`` full-batch steps from the same start on the
    same problem (:func:`_problem`): the largest absolute difference of any parameter
    after the last step, and the largest change of one of ``ours`` over the steps."""
    start = _problem()[0]
    a, b = _run(ours, steps), _run(theirs, steps)
    gap = max(float(jnp.max(jnp.abs(x - y))) for x, y in zip(*map(jax.tree.leaves, (a, b))))
    moved = max(float(jnp.max(jnp.abs(x - y))) for x, y in zip(*map(jax.tree.leaves, (a, start))))
    return gap, moved


def counterpart(
    optimizer: str, rate: float, hyper: Mapping[str, Any]
) -> optax.GradientTransformation | None:
    """optax's optimizer for ``optimizer`` at ``rate`` with the same hyperparameters
    (``methods.hyperparameters``): its namesake, or SGD with (Nesterov) momentum for the
    lab's momentum forms; ``None`` when optax has none (Adagrad with ε outside the root)."""
    if optimizer in ("momentum", "nesterov"):
        return optax.sgd(rate, momentum=hyper["momentum"], nesterov=optimizer == "nesterov")
    if not hyper.get("eps_in_sqrt", True) and optimizer == "adagrad":
        return None
    theirs = getattr(optax, optimizer, None)
    if theirs is None:
        return None
    accepted = inspect.signature(theirs).parameters
    return theirs(rate, **{k: v for k, v in hyper.items() if k in accepted})


class Agreement(NamedTuple):
    """One optimizer against optax's counterpart."""

    optimizer: str
    rate: float
    difference: float  # Largest |θ_ours − θ_optax| after STEPS steps; NaN: no counterpart.
    moved: float  # Largest change of one parameter over the steps (ours).


def agreement(
    names: Sequence[str],
    kwargs: Mapping[str, Mapping[str, Any]] | None = None,
    rates: Mapping[str, float] | None = None,
) -> list[Agreement]:
    """Each optimizer of ``names`` (with its ``kwargs`` and rate) against optax's."""
    return [
        _agreement(
            name,
            listings.trained_rate(name, rates or {}),
            tuple(dict((kwargs or {}).get(name, {})).items()),
        )
        for name in names
    ]


@functools.cache
def _agreement(name: str, rate: float, kwargs: tuple[tuple[str, Any], ...]) -> Agreement:
    """One row of ``agreement`` (cached: both languages' reports measure it once)."""
    theirs = counterpart(name, rate, methods.hyperparameters(name, dict(kwargs)))
    ours = optimizers.get(name)(rate, **dict(kwargs))
    gap, moved = max_difference(ours, theirs) if theirs else (math.nan, math.nan)
    return Agreement(name, rate, gap, moved)


def _power(value: float, lang: str) -> str:
    """``3·10⁻⁸``, ``0`` or ``—``, for a table cell."""
    return text.num(value, ".1e" if value else "g", lang)


def agreement_blocks(found: Sequence[Agreement], lang: str) -> list[document.Block]:
    say = functools.partial(text.say, lang)
    rows = [
        [
            methods.label(a.optimizer, lang),
            text.num(a.rate, ".3g", lang),
            _power(a.difference, lang),
            text.num(a.moved, ".3g", lang),
        ]
        for a in found
    ]
    header = [say("impl.col.optimizer"), "α", say("impl.col.difference"), say("impl.col.moved")]
    caption = say("impl.optax.caption", steps=STEPS, version=optax.__version__)
    names = lambda keep: [methods.label(a.optimizer, lang) for a in found if keep(a)]
    above = names(lambda a: a.difference >= TOLERANCE)
    missing = names(lambda a: math.isnan(a.difference))
    tolerance = text.num(TOLERANCE, ".0e", lang)
    verdict = [
        say("impl.optax.above", names=lab_report.join(above, lang), tol=tolerance)
        if above
        else say("impl.optax.below", tol=tolerance)
    ]
    exact = names(lambda a: a.difference == 0)
    if exact:
        rest = len(exact) < len(found) - len(missing)
        verdict.append(say("impl.optax.exact", names=lab_report.join(exact, lang)))
        verdict += [say("impl.optax.rounding")] if rest else []
    if missing:
        verdict.append(say("impl.optax.missing", names=lab_report.join(missing, lang)))
    sizes = "–".join(map(str, PROBLEM_SIZES))
    lead = say("impl.optax.lead", steps=STEPS, sizes=sizes)
    return [
        document.Paragraph(" ".join([lead, *verdict])),
        document.Table(header, rows, caption, key="impl.optax"),
    ]


# --------------------------------------------------------------------------
# Differences from the instruction's formulas.
# --------------------------------------------------------------------------

INSTRUCTION_EPS = 1e-8
"""Adagrad's ε as the instruction gives it ("zwykle jest równy 1e-8")."""


def _adagrad(hyper: Mapping[str, Any], rate: float, lang: str) -> list[str]:
    say = functools.partial(text.say, lang)
    out = []
    g0 = hyper["initial_accumulator_value"]
    if g0:
        out.append(say("impl.dev.g0", g0=methods.latex_number(g0, lang)))
    eps = methods.latex_number(hyper["eps"], lang)
    ieps = methods.latex_number(INSTRUCTION_EPS, lang)
    if hyper["eps_in_sqrt"]:
        out.append(say("impl.dev.eps_inside", eps=eps, ieps=ieps))
    elif hyper["eps"] != INSTRUCTION_EPS:
        out.append(say("impl.dev.eps_value", eps=eps, ieps=ieps))
    return out


def _adadelta(hyper: Mapping[str, Any], rate: float, lang: str) -> list[str]:
    key = "impl.dev.adadelta_one" if rate == 1 else "impl.dev.adadelta_rate"
    return [
        text.say(lang, key, rate=methods.latex_number(rate, lang)),
        text.say(lang, "impl.dev.rms"),
    ]


def _adam(hyper: Mapping[str, Any], rate: float, lang: str) -> list[str]:
    out = []
    if hyper["eps_root"]:
        out.append(
            text.say(lang, "impl.dev.eps_root", eps=methods.latex_number(hyper["eps_root"], lang))
        )
    if hyper["nesterov"]:
        out.append(text.say(lang, "impl.dev.nadam"))
    return out


_DEVIATIONS: dict[str, Callable[[Mapping[str, Any], float, str], list[str]]] = {
    "adagrad": _adagrad,
    "adadelta": _adadelta,
    "adam": _adam,
}


def _citation(name: str, lang: str) -> str:
    """The work an optimizer comes from as the text cites it (``BIBLIOGRAPHY``), or ""."""
    say = functools.partial(text.say, lang)
    cited = {
        "adagrad": say("impl.cite.adagrad"),
        "adadelta": say("impl.cite.adadelta"),
        "adam": say("impl.cite.adam"),
    }
    return cited.get(name, "")


def _sentence(clause: str) -> str:
    """A clause as a sentence: its first letter capitalized (formulas are left as they are)."""
    return clause[:1].upper() + clause[1:]


def deviations(
    names: Sequence[str],
    kwargs: Mapping[str, Mapping[str, Any]] | None = None,
    rates: Mapping[str, float] | None = None,
    lang: str = "en",
) -> list[str]:
    """Where each optimizer as trained differs from the instruction's formula, with the
    reasons: one item per optimizer that differs, its name and the work it cites, then a
    sentence per difference; from the builders' signature defaults merged with ``kwargs``
    (``methods.hyperparameters``) and the trained ``rates``."""
    out = []
    for name in names:
        hyper = methods.hyperparameters(name, (kwargs or {}).get(name))
        found = (
            _DEVIATIONS[name](hyper, listings.trained_rate(name, rates or {}), lang)
            if name in _DEVIATIONS
            else []
        )
        if found:
            cite = f" ({_citation(name, lang)})" if _citation(name, lang) else ""
            said = " ".join([found[0], *map(_sentence, found[1:])])
            out.append(f"**{methods.label(name, lang)}**{cite}: {said}")
    return out


# --------------------------------------------------------------------------
# The section.
# --------------------------------------------------------------------------


def _own(lang: str) -> document.Paragraph:
    """What is written for this work and what comes from optax, from the optax names the
    code uses."""
    say = functools.partial(text.say, lang)
    ours, loop = optax_roles(optimizers), optax_roles(train)
    extra = [say(f"impl.optax.{r}") for r in loop if r not in ours]
    loop_part = say("impl.own.loop", used=lab_report.join(extra, lang)) if extra else ""
    used = lab_report.join([say(f"impl.optax.{r}") for r in ours], lang)
    sentences = [say("impl.own", used=used, loop=loop_part)]
    ready = "optimizer" in ours + loop
    sentences.append(say("impl.own.optimizers" if ready else "impl.own.none"))
    return document.Paragraph(" ".join(sentences))


ADAM_PAPER_RATE = 1e-3
"""Adam's step size as Kingma and Ba recommend it (their Algorithm 1: α = 0.001)."""


def adam_rate(rate: float, lang: str) -> str:
    """Adam's trained rate against the paper's, and where it came from: the default the
    learning-rate sweep chose (``configs.DEFAULT_LR``), or as the sweep's table says."""
    say = functools.partial(text.say, lang)
    shown = {"rate": methods.latex_number(rate, lang)}
    shown["paper"] = methods.latex_number(ADAM_PAPER_RATE, lang)
    if math.isclose(rate, ADAM_PAPER_RATE):
        compared = say("impl.adam.rate.same", **shown)
    else:
        key = "impl.adam.rate.more" if rate > ADAM_PAPER_RATE else "impl.adam.rate.less"
        ratio = max(rate, ADAM_PAPER_RATE) / min(rate, ADAM_PAPER_RATE)
        compared = say(key, times=text.times(lang, text.num(ratio, ".3g", lang)), **shown)
    swept = math.isclose(rate, configs.DEFAULT_LR["adam"])
    return compared + say("impl.adam.rate.sweep" if swept else "impl.adam.rate.other")


def _optimizer_blocks(
    names: Sequence[str],
    kwargs: Mapping[str, Mapping[str, Any]],
    rates: Mapping[str, float],
    lang: str,
    rules: Sequence[document.Block] = (),
) -> list[document.Block]:
    say = functools.partial(text.say, lang)
    out: list[document.Block] = [_own(lang), *rules]
    if "adam" in names:
        out.append(document.Paragraph(adam_rate(listings.trained_rate("adam", rates), lang)))
    found = deviations(names, kwargs, rates, lang)
    out.append(document.Paragraph(say("impl.dev.lead" if found else "impl.dev.none")))
    if found:
        out.append(document.Items(found))
    if "nesterov" in names:
        out.append(document.Paragraph(say("impl.nesterov")))
    found_rules = listings.rules(names, kwargs, rates)
    order = say("impl.order.kept" if found_rules.in_order else "impl.order.mixed")
    if first := listings.every_first(found_rules):
        who = lab_report.join([methods.label(n, lang) for n in first], lang)
        order += " " + say("report5.order.every_first", names=who, every=say("impl.listing.every"))
    out += [
        document.Paragraph(say("impl.step", order=order)),
        document.Code(listings.rules_code(found_rules, lang), say("impl.what.rules")),
    ]
    return out + agreement_blocks(agreement(names, kwargs, rates), lang)


def _closing(latex: str, at: int) -> int:
    """The index of the ``}`` that closes the ``{`` at ``at``."""
    depth = 0
    for i in range(at, len(latex)):
        depth += {"{": 1, "}": -1}.get(latex[i], 0)
        if depth == 0:
            return i
    raise ValueError(f"unbalanced braces in {latex!r}")


def flat(latex: str) -> str:
    r"""A formula for running text: ``\frac{a}{b}`` as ``a/b`` (``b`` in brackets when
    it is a sum), ``\left``/``\right`` dropped, so that it keeps the line's height."""
    latex = latex.replace(r"\left", "").replace(r"\right", "")
    while (start := latex.find(r"\frac{")) >= 0:
        top = _closing(latex, start + 5)
        bottom = _closing(latex, top + 1)
        numerator, denominator = latex[start + 6 : top], latex[top + 2 : bottom]
        if re.search(r"[+-]", denominator):
            denominator = f"({denominator})"
        latex = f"{latex[:start]}{numerator}/{denominator}{latex[bottom + 1 :]}"
    return latex


def _draw(init: str, lang: str) -> str:
    """An initializer and its distribution, with its source where it has one."""
    dist = flat(methods.formula(init).distribution.replace(r"\sigma^2", "1"))  # N(0, 1).
    key = f"impl.init.item.{init}"
    if key in text.PHRASES[lang]:
        return text.say(lang, key, dist=dist)
    return rf"{methods.label(init, lang)} \({dist}\)"


def _init_blocks(
    inits: Sequence[str], layer_sizes: Sequence[int], lang: str
) -> list[document.Block]:
    say = functools.partial(text.say, lang)
    sizes = list(layer_sizes)
    normal = all(methods.formula(i).variant == "normal" for i in inits)
    xavier, uniform = methods.formula("xavier"), methods.formula("xavier_uniform")
    same = "impl.init.same" if xavier.variance == uniform.variance else "impl.init.other"
    lines = [
        say(
            "impl.init" if normal else "impl.init.any",
            draws="; ".join(_draw(i, lang) for i in inits),
            first_in=sizes[0],
            first_out=sizes[1],
            last_in=sizes[-2],
            last_out=sizes[-1],
            bias=methods.formula(methods.bias_init()).distribution,
        ),
    ]
    if "xavier_normal" in (methods.formula(i).name for i in inits):  # Why not uniform.
        lines.append(say(same, uniform=flat(uniform.distribution), variance=flat(uniform.variance)))
    table = methods.sigma_table(dict.fromkeys(inits, 1.0), sizes, lang)
    out: list[document.Block] = [
        document.Paragraph(" ".join(lines)),
        table._replace(caption=say("impl.sigma.caption"), key="impl.sigma"),
    ]
    if inits:
        out.append(document.Code(listings.inits_code(inits), say("impl.what.init")))
    return out


def blocks(
    optimizers: Sequence[str],
    inits: Sequence[str],
    layer_sizes: Sequence[int],
    lang: str,
    *,
    kwargs: Mapping[str, Mapping[str, Any]] | None = None,
    rates: Mapping[str, float] | None = None,
    rules: Sequence[document.Block] = (),
    level: int = 2,
) -> list[document.Block]:
    """The implementation section: what is our own code, how a step runs, the
    optimizers' state, the differences from the instruction, Adam's update, the check
    against optax, and the initializers with their listing.

    Args:
      optimizers: names of ``optimizers.OPTIMIZERS``, in the order to show.
      inits: names of ``initializers.INITIALIZERS``, in the order to show.
      layer_sizes: the network's ``[n_inputs, *hidden, n_outputs]``.
      lang: one of ``text.LANGS``.
      kwargs: each optimizer's keywords as trained (``Config.optimizer_kwargs``).
      rates: each optimizer's learning rate as trained; else its builder's default,
        else 0.01.
      rules: the update rules as trained (``methods.optimizer_blocks``), shown after
        what is our own.
      level: the section heading's level.

    Returns:
      The blocks, starting with the section's heading.
    """
    shown = [
        document.Heading(level, text.say(lang, "impl.h")),
        *_optimizer_blocks(optimizers, kwargs or {}, rates or {}, lang, rules),
        document.Heading(level + 1, text.say(lang, "impl.h_init")),
        *_init_blocks(inits, layer_sizes, lang),
    ]
    return _numbered(shown, 1, lang)


def appendix(
    optimizers: Sequence[str],
    inits: Sequence[str],
    lang: str,
    *,
    kwargs: Mapping[str, Mapping[str, Any]] | None = None,
    rates: Mapping[str, float] | None = None,
    level: int = 2,
) -> list[document.Block]:
    """What the section leaves out: the state each optimizer keeps (``impl.state``, as
    trained with ``kwargs``), then the listings, each only the lines that compute: the
    helpers the rules' listing calls, the network's initialization (layer by layer) and
    the training step (what the new parameters are computed from). ``inits`` are shown
    in the section already."""
    say = functools.partial(text.say, lang)
    found = listings.rules(optimizers, kwargs or {}, rates or {})
    states = [state_of(n, (kwargs or {}).get(n)) for n in optimizers]
    step = listings.gradient_step(train)
    called = listings.helpers(found)
    out: list[document.Block] = [
        document.Heading(level, say("impl.appendix.h")),
        _state_table(states, lang),
        *([listings.formula_listing(called, say("impl.what.helpers"), lang)] if called else []),
        listings.formula_listing([model.init_mlp], say("impl.what.init_mlp"), lang),
        listings.formula_listing([step], say("impl.what.step"), lang, of=("params",)),
    ]
    return _numbered(out, 1 + _body_listings(optimizers, inits), lang)
