r"""The report's methods section, generated from the code's own definitions.

Nothing here is a copy kept by hand: an optimizer's update rule is the LaTeX of the
``.. math::`` blocks of its docstring in :mod:`mlp_jax.optimizers` (rendered as
MathML by :mod:`mlp_jax.report.document`), each hyperparameter's symbol comes from the
``Args:`` section of the same docstring and its value from the builder's signature
defaults merged with the configuration's own keywords; an initializer's
distribution and variance come from the table in the docstring of
:mod:`mlp_jax.initializers`, and its σ for each layer from the variance function
the initializer itself calls; the biases' start is the default ``b_init`` of
:func:`mlp_jax.model.init_mlp`, which training uses.

Inputs are plain values (:class:`Trained`, :class:`Network`), so a record's
settings map onto them one to one. :func:`blocks` writes the section in English or
Polish.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import itertools
import math
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from mlp_jax import initializers, model, optimizers, records
from mlp_jax.report import document, text


@dataclasses.dataclass(frozen=True)
class Trained:
    """One optimizer as trained.

    Attributes:
      optimizer: a key of ``optimizers.OPTIMIZERS``.
      learning_rate: the rate α it was trained (and reported) at.
      rate_source: where that rate came from, a phrase in the report's language
        (e.g. "the lowest final validation loss of a grid of 5 rates").
      kwargs: the configuration's keywords (``Config.optimizer_kwargs``); every
        other hyperparameter has the builder's default.
      schedule: the learning-rate schedule's name (``Config.schedule``); empty when
        α is constant, as the formulas then write it (α, not α_t).
    """

    optimizer: str
    learning_rate: float
    rate_source: str = ""
    kwargs: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    schedule: str = ""


@dataclasses.dataclass(frozen=True)
class Network:
    """The trained network and how it was trained.

    Attributes:
      layer_sizes: ``[n_inputs, *hidden, n_outputs]``, e.g. ``(784, 128, 10)``.
      activation: the hidden layers' activation (a name of ``activations``).
      data: the data set, a phrase in the report's language.
      batch_size: examples per minibatch.
      epochs: passes over the training set.
      seeds: repeats of each configuration.
      seed: the base seed the repeats' seeds derive from.
    """

    layer_sizes: Sequence[int]
    activation: str
    data: str
    batch_size: int
    epochs: int
    seeds: int
    seed: int = 0


# --------------------------------------------------------------------------
# Optimizers: docstring math and hyperparameters.
# --------------------------------------------------------------------------


def _docstring(optimizer: str) -> str:
    return inspect.cleandoc(optimizers.get(optimizer).__doc__ or "")


def math_blocks(doc: str) -> list[list[str]]:
    """The ``.. math::`` blocks of a (cleaned) docstring, each joined into one line
    without its closing punctuation, grouped into runs of blocks with nothing but
    blank lines between them."""
    pattern = r"^( *)\.\. math::\n((?:\1 +\S.*\n|[ \t]*\n)+)"
    runs: list[list[str]] = []
    end = None
    for m in re.finditer(pattern, doc + "\n", re.MULTILINE):
        latex = " ".join(line.strip() for line in m[2].splitlines() if line.strip())
        if m.start() != end:
            runs.append([])
        runs[-1].append(latex.rstrip(" ,."))
        end = m.end()
    return runs


def update_rule(optimizer: str, kwargs: Mapping[str, Any] | None = None) -> list[str]:
    """The optimizer's update rule as LaTeX lines: the first run of ``.. math::``
    blocks of its docstring (later ones derive how the code computes it).

    Plain SGD (``sgd`` without ``momentum``) is the first inline ``:math:`` of its
    docstring; its block is the momentum variant.
    """
    doc = _docstring(optimizer)
    if optimizer == "sgd" and (kwargs or {}).get("momentum") is None:
        return [re.search(r":math:`([^`]+)`", doc)[1]]
    return math_blocks(doc)[0]


def hyperparameters(optimizer: str, kwargs: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Every numeric or boolean keyword of the builder as trained: its signature's
    defaults, overridden by ``kwargs``; the learning rate, dtypes and masks left out."""
    signature = inspect.signature(optimizers.get(optimizer))
    values = {k: p.default for k, p in signature.parameters.items() if k != "learning_rate"}
    values |= dict(kwargs or {})
    return {k: v for k, v in values.items() if isinstance(v, bool | int | float)}


def symbols(optimizer: str) -> dict[str, str]:
    """Keyword → its LaTeX symbol, from the ``Args:`` lines ``name: :math:`symbol```."""
    args = _docstring(optimizer).partition("Args:")[2]
    return dict(re.findall(r"^\s+(\w+): :math:`([^`]+)`", args, re.MULTILINE))


# --------------------------------------------------------------------------
# Initializers: the docstring's table and the code's variance.
# --------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Formula:
    """An initializer's row of the :mod:`mlp_jax.initializers` table, as LaTeX."""

    name: str  # The table's name (``xavier`` resolves to ``xavier_normal``).
    variant: str  # "normal", "uniform" or "constant".
    distribution: str  # LaTeX, e.g. \mathcal{N}\left(0, \frac{2}{n_{in}+n_{out}}\right).
    variance: str  # LaTeX.


def _table() -> dict[str, tuple[str, str]]:
    """name → (distribution, variance) as written in the initializers' docstring."""
    rows = re.findall(
        r"^``(\w+)``\s+(.+?)\s{2,}(\S.*?)\s*$", initializers.__doc__ or "", re.MULTILINE
    )
    return {name: (_bracketed(dist), variance) for name, dist, variance in rows}


def _bracketed(cell: str) -> str:
    """The cell up to its first closed bracket group: ``N(0, σ²), σ = 1 …`` → ``N(0, σ²)``."""
    depth = 0
    for i, c in enumerate(cell):
        depth += (c in "([") - (c in ")]")
        if c in ")]" and depth == 0:
            return cell[: i + 1]
    return cell


_TO_LATEX: tuple[tuple[str, str], ...] = (
    (r"n_(in|out)", r"n_{\\mathrm{\1}}"),
    (r"(\d+)/\(([^()]*)\)", r"\\frac{\1}{\2}"),
    (r"(\d+)/(n_\{\\mathrm\{\w+\}\})", r"\\frac{\1}{\2}"),
    (r"√\((.*)\)", r"\\sqrt{\1}"),
    (r"±", r"\\pm "),
    (r"σ²", r"\\sigma^2"),
    (r"^N\((.*)\)$", r"\\mathcal{N}\\left(\1\\right)"),
    (r"^U\[(.*)\]$", r"\\mathcal{U}\\left[-\1, \1\\right]"),
)


def to_latex(formula: str) -> str:
    """A formula of the initializers' table (``U[±√(6/(n_in+n_out))]``) as LaTeX."""
    for pattern, replacement in _TO_LATEX:
        formula = re.sub(pattern, replacement, formula)
    return formula.replace(r"\pm \sqrt", r"\sqrt")  # U[-a, a] writes the sign itself.


def _table_name(init: str) -> str:
    """The table's name for ``init``: aliases (``xavier``) resolve to the same function."""
    table = _table()
    if init in table:
        return init
    same = [k for k in table if initializers.INITIALIZERS.get(k) is initializers.get(init)]
    return same[0] if same else init


def formula(init: str) -> Formula:
    """The distribution and variance of ``init`` from the initializers' docstring."""
    name = _table_name(init)
    dist, variance = _table()[name]
    variant = {"N": "normal", "U": "uniform"}.get(dist[0], "constant")
    return Formula(name, variant, to_latex(dist), to_latex(variance))


def _variance_fn(init: str, scale: float) -> Callable[[int, int], float]:
    """The variance function the initializer calls (0 for one without, i.e. ``zeros``)."""
    found = inspect.getclosurevars(initializers.get(init, scale)).nonlocals.get("variance")
    return found or (lambda n_in, n_out: 0.0)


def sigmas(init: str, layer_sizes: Sequence[int], scale: float = 1.0) -> list[float]:
    """σ of each layer's weights under ``init``, from the variance the code draws with."""
    variance = _variance_fn(init, scale)
    return [math.sqrt(variance(a, b)) for a, b in itertools.pairwise(layer_sizes)]


def bias_init() -> str:
    """The name of the biases' initializer: ``model.init_mlp``'s default ``b_init``."""
    default = inspect.signature(model.init_mlp).parameters["b_init"].default
    return next(k for k, v in initializers.INITIALIZERS.items() if v is default)


# --------------------------------------------------------------------------
# The section.
# --------------------------------------------------------------------------


def _phrase(lang: str, key: str, fallback: str, **values: Any) -> str:
    found = text.PHRASES[lang].get(key)
    return found.format(**values) if found else fallback


DECIMAL_COMMA = r"\text{,}"
"""A decimal comma in LaTeX: ``{,}`` would become a MathML operator, spaced as "0, 1"."""


def latex_number(value: float, lang: str) -> str:
    """A number as LaTeX for inline math: ``10^{-7}``, ``3\\text{,}16 \\cdot 10^{-4}``,
    ``0\\text{,}9`` (a Polish decimal comma as text, which MathML spaces as no operator)."""
    if value == 0 or 1e-3 <= abs(value) < 1e4:
        return text.num(value, "g", lang).replace(",", DECIMAL_COMMA)
    exponent = math.floor(math.log10(abs(value)))
    mantissa = text.num(value / 10**exponent, ".3g", lang).replace(",", DECIMAL_COMMA)
    power = f"10^{{{exponent}}}"
    return power if mantissa == "1" else rf"{mantissa} \cdot {power}"


def _value(value: float, lang: str) -> str:
    """A hyperparameter's value: a decimal (0,9) in text, a power of ten (10⁻⁸) in math."""
    if value == 0 or 1e-3 <= abs(value) < 1e4:
        return text.num(value, "g", lang)
    return rf"\({latex_number(value, lang)}\)"


def _setting(key: str, value: bool | float, symbol: str | None, lang: str) -> str | None:
    """One hyperparameter in words, or ``None`` when there is nothing to say: a switch
    as its phrase (``methods.flag.KEY.yes``/``.no``; none or empty: not shown), a symbol
    with its value, a zero without a symbol (a term left out) not shown, another value
    under its phrase ``methods.param.KEY``."""
    if isinstance(value, bool):
        return _phrase(lang, f"methods.flag.{key}.{'yes' if value else 'no'}", "") or None
    if symbol:
        return rf"\({symbol}\) = {_value(value, lang)}"
    if value == 0:
        return None
    shown = _value(value, lang)
    return _phrase(lang, f"methods.param.{key}", f"{text.literal(key)} = {shown}", value=shown)


def _term(symbol: str) -> re.Pattern:
    """``symbol`` added in a formula: ``+ \\bar\\varepsilon``."""
    return re.compile(r"\s*\+\s*" + re.escape(symbol) + r"(?![A-Za-z])")


def _left_out(key: str, value: Any, symbol: Mapping[str, str], rule: str) -> bool:
    """Whether ``key`` is a term of ``rule`` that is 0 as trained, so the report's
    formula leaves it out (and does not name it)."""
    zero = not isinstance(value, bool) and value == 0
    return zero and key in symbol and bool(_term(symbol[key]).search(rule))


def _zero_terms(latex: str, hyper: Mapping[str, Any], symbol: Mapping[str, str]) -> str:
    """``latex`` without the added terms whose symbol is 0 as trained (``+ \\bar\\varepsilon``)."""
    for key, value in hyper.items():
        if _left_out(key, value, symbol, latex):
            latex = _term(symbol[key]).sub("", latex)
    return latex


def report_rule(t: Trained) -> list[str]:
    """``update_rule`` as the report shows it for ``t``, one displayed line each: α for
    α_t when α is constant, terms that are 0 as trained left out, ε added to the root
    where it was trained outside it (``eps_in_sqrt`` false), :math:`g^2` for the real
    parameters' :math:`|g|^2`, and at most two equations a line."""
    hyper = hyperparameters(t.optimizer, t.kwargs)
    symbol = symbols(t.optimizer)
    out = []
    for latex in update_rule(t.optimizer, t.kwargs):
        if not t.schedule:
            latex = latex.replace(r"\alpha_t", r"\alpha")
        if hyper.get("eps_in_sqrt") is False:
            latex = re.sub(
                r"\\sqrt\{([^{}]*?) \+ \\varepsilon\}", r"\\sqrt{\1} + \\varepsilon", latex
            )
        latex = re.sub(r"\|([^|]+)\|\^2", r"\1^2", _zero_terms(latex, hyper, symbol))
        equations = re.split(r",\s*\\q?quad\s*", latex)
        out += [r", \qquad ".join(equations[i : i + 2]) for i in range(0, len(equations), 2)]
    return out


def _optimizer_blocks(t: Trained, lang: str) -> list[document.Block]:
    symbol, hyper = symbols(t.optimizer), hyperparameters(t.optimizer, t.kwargs)
    rule = " ".join(update_rule(t.optimizer, t.kwargs))
    shown = {k: v for k, v in hyper.items() if not _left_out(k, v, symbol, rule)}
    values = [_setting(k, v, symbol.get(k), lang) for k, v in shown.items()]
    values = [v for v in values if v]
    line = text.say(
        lang,
        "methods.optimizer",
        name=_phrase(lang, f"methods.name.{t.optimizer}", t.optimizer),
        lr=text.num(t.learning_rate, ".3g", lang),
        source=f" ({t.rate_source})" if t.rate_source else "",
        params="; " + ", ".join(values) if values else "",
    )
    return [document.Paragraph(line), *(document.Math(latex) for latex in report_rule(t))]


def _init_name(init: str, scale: float, lang: str) -> str:
    if init == "normal":
        variance = text.num(scale**2, "g", lang)
        return f"N(0{'; ' if ',' in variance else ', '}{variance})"  # N(0; 0,01) in Polish.
    family = formula(init).name.split("_")[0]
    return _phrase(lang, f"methods.name.{family}", init)


def label(name: str, lang: str = "en", scale: float = 1.0) -> str:
    """The name a report shows for an optimizer, initializer or activation.

    ``adam`` → Adam, ``nesterov`` → Momentum Nesterova (Polish), ``normal`` →
    N(0, 1) (N(0, scale²)), ``xavier`` → Xavier (Glorot), ``relu`` → ReLU; a name
    without a phrase is shown as it is (``text.literal``: it may come from a record).
    E.g. the ``labels`` of the figures:
    ``{n: label(n, lang) for n in runs}``.
    """
    if name in initializers.INITIALIZERS:
        return _init_name(name, scale, lang)
    return _phrase(lang, f"methods.name.{name}", text.literal(name))


def activation_with(act: str, lang: str = "en") -> str:
    """An activation's name where a sentence says "with the activation function …"
    (Polish: "Z funkcją aktywacji sigmoidalną", the instrumental); else ``label``."""
    return _phrase(lang, f"methods.with.{act}", label(act, lang))


def initialized_by(init: str, lang: str = "en") -> str:
    """An initializer's name where a sentence says "weights initialized …" (Polish: "wagami
    inicjalizowanymi metodą Xaviera"); else ``label``."""
    return _phrase(lang, f"methods.by.{init}", label(init, lang))


def _column(init: str, scale: float, lang: str) -> str:
    """The initializer's name in the σ table, its variant added when uniform."""
    name, f = _init_name(init, scale, lang), formula(init)
    uniform = f" ({text.say(lang, 'methods.variant.uniform')})" if f.variant == "uniform" else ""
    return name + uniform


def _init_blocks(
    inits: Mapping[str, float], sizes: Sequence[int], lang: str
) -> list[document.Block]:
    say = functools.partial(text.say, lang)
    out: list[document.Block] = []
    for init, scale in inits.items():
        f = formula(init)
        variant = say(f"methods.variant.{f.variant}")
        out.append(
            document.Paragraph(
                say("methods.init", name=_init_name(init, scale, lang), variant=variant)
            )
        )
        dist, variance = (
            latex.replace(r"\sigma^2", latex_number(scale**2, lang))
            for latex in (f.distribution, f.variance)
        )
        if DECIMAL_COMMA in dist:  # A decimal comma: N(0; 0,01).
            dist = dist.replace(r"\left(0, ", r"\left(0; ")
        out.append(document.Math(rf"w \sim {dist}, \qquad \operatorname{{Var}}(w) = {variance}"))
    bias = bias_init()
    biases = say("methods.biases", value=formula(bias).distribution)
    return [
        *out,
        document.Paragraph(say("methods.sigmas")),
        sigma_table(inits, sizes, lang),
        document.Paragraph(biases),
    ]


def sigma_table(
    inits: Mapping[str, float], sizes: Sequence[int], lang: str = "en"
) -> document.Table:
    """σ of each layer's weights (``sigmas``) of a network of ``sizes``, a column per
    initializer of ``inits`` (name → scale, the σ of N(0, σ²))."""
    say = functools.partial(text.say, lang)
    per_layer = {init: sigmas(init, sizes, scale) for init, scale in inits.items()}
    header = [say("methods.col.layer"), say("methods.col.fans")]
    header += [f"σ: {_column(i, s, lang)}" for i, s in inits.items()]
    rows = [
        [str(layer + 1), f"{a} → {b}", *(text.num(per_layer[i][layer], ".4f", lang) for i in inits)]
        for layer, (a, b) in enumerate(itertools.pairwise(sizes))
    ]
    return document.Table(header, rows)


def network(shared: records.SharedSettings, activation: str, data: str) -> Network:
    """The ``Network`` of records of ``shared`` settings, its activation and data already
    in words."""
    return Network(
        shared.layer_sizes,
        activation,
        data,
        shared.batch_size,
        shared.epochs,
        shared.seeds,
        shared.seed,
    )


def network_lines(network: Network, lang: str) -> list[str]:
    """The data, the network and its training, a sentence each: every report says these
    facts in these phrases (``setup.data``, ``setup.network``, ``setup.training``)."""
    say = functools.partial(text.say, lang)
    return [
        say("setup.data", source=network.data),
        say("setup.network", sizes="–".join(map(str, network.layer_sizes)), act=network.activation),
        say(
            "setup.training",
            batch=network.batch_size,
            epochs=network.epochs,
            seeds=network.seeds,
            seed=network.seed,
        ),
    ]


def blocks(
    network: Network,
    trained: Sequence[Trained],
    inits: Mapping[str, float],
    lang: str = "en",
    level: int = 2,
) -> list[document.Block]:
    """The methods section: notation, optimizers, initializers, network and training.

    Args:
      network: the network and its training (shared by every configuration).
      trained: each optimizer as trained, in the order to show (one per optimizer).
      inits: each weight initializer used → its scale (σ of ``normal``; 1.0 for
        the others), in the order to show.
      lang: one of ``text.LANGS``.
      level: the section heading's level; its subsections are one deeper.

    Returns:
      The blocks, starting with the section's heading.
    """
    say = functools.partial(text.say, lang)
    lines = network_lines(network, lang)
    return [
        document.Heading(level, say("methods.h")),
        document.Paragraph(
            say(
                "methods.notation.schedule"
                if any(t.schedule for t in trained)
                else "methods.notation"
            )
        ),
        document.Heading(level + 1, say("methods.h_optimizers")),
        *(b for t in trained for b in _optimizer_blocks(t, lang)),
        document.Heading(level + 1, say("methods.h_init")),
        *_init_blocks(inits, list(network.layer_sizes), lang),
        document.Heading(level + 1, say("methods.h_training")),
        document.Items(lines),
    ]


def describe(spec: Mapping[str, Any], lang: str = "en", rates: Sequence[float] = ()) -> str:
    """A configuration's spec (``configs.Config.spec()``) in one line, in the course's names
    (Adam, N(0, 1), Xavier (Glorot)); with ``rates``, the learning-rate grid it was trained
    at instead of its own rate."""
    rate = functools.partial(text.num, spec=".3g", lang=lang)
    lr = text.say(lang, "describe.lr", lr=rate(spec["learning_rate"]))
    if len(rates) > 1:
        lr = text.say(lang, "describe.grid", n=len(rates), lo=rate(min(rates)), hi=rate(max(rates)))
    parts = [label(spec["optimizer"], lang), lr]
    parts += [
        f"{text.literal(k)} = {text.num(v, 'g', lang)}"
        for k, v in spec.get("optimizer_kwargs", {}).items()
    ]
    if spec.get("schedule"):
        parts.append(text.say(lang, "describe.schedule", schedule=text.literal(spec["schedule"])))
    init = label(spec["init"], lang, spec.get("init_scale", 1.0))
    parts.append(text.say(lang, "describe.init", init=init))
    return ", ".join(parts)
