"""The layer diagnostics (``labs.diagnostics``) in words and figures: the headline
sentence, the tables, the figures and the diagnostics' own report, in every language.

Also what the hand-in's discussion (``findings``) reads from lab 7's own per-seed, per-rate
layer statistics (``records.LayerStats``): the one weight draw every initializer rescales
(``draw``, ``draw_sentences``), dead units against the grid of rates (``rate_rows``,
``rate_blocks``), and Adadelta's first steps against SGD's (``first_step``,
``adadelta_paragraphs``), with its first steps on the 2-D surfaces."""

from __future__ import annotations

import functools
import inspect
import itertools
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

import numpy as np

from mlp_jax import optimizers, records, util
from mlp_jax.labs import configs, diagnostics, pace, specs, stats, summary, surfaces, trajectories
from mlp_jax.labs.diagnostics import COLUMNS, RECORD, SATURATION, Study, trouble_column
from mlp_jax.report import discussion, document, lab_report, layer_plots, methods, text
from mlp_jax.report.curves import row_of as _row
from mlp_jax.report.curves import say_in as _say
from mlp_jax.report.curves import with_act as _with
from mlp_jax.report.finished import Diagnosed, Finished, Found


def headline(record: records.Diagnosis, lang: str = "en") -> str:
    """One sentence: the first hidden layer at initialization, per init: its pre-activation
    std and the trouble fraction (saturated: sigmoid, tanh; dead: relu)."""
    column = trouble_column(record.act)
    parts = []
    for init in record.inits:
        start = record.first_layer(init, 0)
        std = text.num(start.preact_std, ".3g", lang)
        part = text.say(lang, "diag.part", init=methods.label(init, lang), std=std)
        if column:
            frac = text.pct(getattr(start, column), lang)
            part += ", " + text.say(lang, f"diag.{column}", frac=frac)
        parts.append(part)
    act = methods.activation_with(record.act, lang)
    return text.say(lang, "concl.diagnostics", act=act, parts="; ".join(parts))


def first_layer_table(record: records.Diagnosis, lang: str = "en") -> document.Table:
    """The first hidden layer per init: pre-activation std at initialization (measured and
    closed form) and after the last epoch, and the trouble fraction at both."""
    say = functools.partial(text.say, lang)
    column, last = trouble_column(record.act), record.epochs
    header = [say("col.init"), say("col.preact_std", epoch=0), say("col.closed_form")]
    header += [say("col.preact_std", epoch=last)]
    header += [say(f"col.{column}", epoch=e) for e in (0, last)] if column else []
    rows = []
    for init in record.inits:
        start, end = record.first_layer(init, 0), record.first_layer(init, last)
        stds = (start.preact_std, start.preact_std_closed_form, end.preact_std)
        cells = [methods.label(init, lang)] + [text.num(v, "#.3g", lang) for v in stds]
        rows.append(
            cells + ([text.pct(getattr(r, column), lang) for r in (start, end)] if column else [])
        )
    return document.Table(header, rows)


def layers_table(record: records.Diagnosis, lang: str = "en") -> document.Table:
    """Every layer at initialization, per init: the measured standard deviation of its
    pre-activations and, in the hidden layers, the trouble fraction (saturated or dead):
    where in a deep network two initializers part ways."""
    say = functools.partial(text.say, lang)
    column, names = trouble_column(record.act), [methods.label(i, lang) for i in record.inits]
    header = [say("methods.col.layer")]
    header += [f"{say('col.preact_std', epoch=0)}: {n}" for n in names]
    header += [f"{say(f'col.{column}', epoch=0)}: {n}" for n in names] if column else []
    rows = []
    for layer in range(record.layers):
        start = [record.layer(i, layer, 0) for i in record.inits]
        cells = [str(layer + 1)] + [text.num(r.preact_std, "#.3g", lang) for r in start]
        hidden = layer < record.layers - 1
        trouble = [text.pct(getattr(r, column), lang) if hidden else "—" for r in start]
        rows.append(cells + (trouble if column else []))
    return document.Table(header, rows)


def report_name(lang: str) -> str:
    """The diagnostics' own report in ``lang``: ``report.md`` in English, else
    ``report.<lang>.md``."""
    return "report.md" if lang == "en" else f"report.{lang}.md"


def report(study: Study, lang: str = "en") -> str:
    """The diagnostics' own report (``report_name``) in ``lang``: setup, the first hidden
    layer, every layer at initialization and after the last epoch, the figures."""
    say = functools.partial(text.say, lang)
    record, s = study.record, study.record.shared
    act = methods.label(study.act, lang)
    setup = [
        *methods.network_lines(
            methods.network(s, act, text.data_line(record.rows[0].data_source, lang)), lang
        ),
        *(
            f"{methods.label(i, lang)}: {methods.describe(spec, lang)}"
            for i, spec in study.specs.items()
        ),
        say("diag.eval_batch", n=text.integer(record.eval_size, lang)),
    ]
    folder = figure_folder(".", lang)
    figures = ["activation_hist", *filter(None, [trouble_column(study.act)]), "grad_norm"]
    blocks = [
        document.Heading(1, f"{say(specs.DIAGNOSTICS_TITLE)} — {act}"),
        document.Heading(2, say("h.setup")),
        document.Items(setup),
        document.Heading(2, say("diag.h_first")),
        document.Paragraph(headline(record, lang)),
        document.Heading(2, say("diag.h_layers")),
        document.Paragraph(say("diag.layers_explain")),
        _layer_rows_table(record, lang),
        document.Heading(2, say("h.plots")),
        *(
            document.Image(
                say(f"fig.{f}"),
                folder / f"{f}.png",
                (folder / f"{f}.png").as_posix(),
                caption(f, record, lang),
            )
            for f in figures
        ),
    ]
    return document.markdown(blocks)


def _layer_rows_table(record: records.Diagnosis, lang: str) -> document.Table:
    """Every init and layer at initialization and after the last epoch."""
    say = functools.partial(text.say, lang)
    num = functools.partial(text.num, lang=lang)
    header = [say(f"diag.col.{c}") for c in ("init", "layer", "epoch", "mean", "std", "closed")]
    header += [say(f"diag.col.{c}") for c in ("saturated", "dead", "grad")]
    rows = [
        [
            methods.label(r.init, lang),
            f"{r.layer + 1} ({say(f'plot.kind.{r.kind}')})",
            str(r.epoch),
            *(num(v, "#.3g") for v in (r.preact_mean, r.preact_std, r.preact_std_closed_form)),
            text.pct(r.saturated_frac, lang),
            text.pct(r.dead_frac, lang),
            num(r.grad_norm, ".3g"),
        ]
        for r in record.rows
        if r.epoch in (0, record.epochs)
    ]
    return document.Table(header, rows)


def figure_folder(folder: str | Path, lang: str) -> Path:
    """Where ``write`` draws the figures in ``lang``: ``folder`` in English, else
    ``folder/<lang>`` (the hand-in report embeds those of its language)."""
    return Path(folder) if lang == "en" else Path(folder) / lang


def write(study: Study, folder: str | Path) -> list[Path]:
    """Writes ``layer_stats.csv``, the ``RECORD``, the figures and ``report.md`` into
    ``folder``.

    Figures, in every language of ``text.LANGS`` (``figure_folder``):
    ``activation_hist.png`` (hidden activations at initialization, a panel per hidden
    layer, a colour per init), ``saturated_frac.png`` or ``dead_frac.png`` per epoch
    when the activation has that failure, and ``grad_norm.png`` per epoch (log y).

    Returns:
      The written paths.
    """
    folder = Path(folder)
    rows = study.record.rows
    paths = [util.write_csv(folder / "layer_stats.csv", COLUMNS, [r.to_dict() for r in rows])]
    paths.append(study.record.save(folder / RECORD))
    for lang in text.LANGS:
        paths += _figures(study, figure_folder(folder, lang), lang)
    paths += [
        util.atomic_write_text(folder / report_name(lang), report(study, lang))
        for lang in text.LANGS
    ]
    return paths


def caption(figure: str, record: records.Diagnosis, lang: str = "en") -> str:
    """The caption of a figure of ``write`` (a file stem), for the document to print under
    the image: what was measured, on which examples."""
    key = "diag.hist_note" if figure == "activation_hist" else "diag.note"
    return text.say(lang, key, n=text.integer(record.eval_size, lang))


def _figures(study: Study, folder: Path, lang: str) -> list[Path]:
    say = functools.partial(text.say, lang)
    act, column = study.act, trouble_column(study.act)
    labels = {init: methods.label(init, lang) for init in study.record.inits}
    named = methods.label(act, lang)
    paths = [
        layer_plots.plot_histograms(
            study.init_activations,
            folder / "activation_hist.png",
            title=say("diag.title.activation_hist", act=named),
            xlabel=say("diag.hist_xlabel"),
            marks=SATURATION.get(act, ()),
            marks_label=say("diag.marks"),
            lang=lang,
            labels=labels,
        )
    ]
    for name in [*filter(None, [column]), "grad_norm"]:
        paths.append(
            layer_plots.plot_layer_curves(
                study.record.rows,
                name,
                folder / f"{name}.png",
                title=say(f"diag.title.{name}", act=named),
                ylabel=say(f"diag.ylabel.{name}"),
                log=name == "grad_norm",
                percent=name != "grad_norm",
                lang=lang,
                labels=labels,
            )
        )
    return paths


# --------------------------------------------------------------------------
# What lab 7's own records hold per seed and per rate (``LayerStats``), for the discussion.
# --------------------------------------------------------------------------

SAME_DRAW = 1e-4
"""Per-seed ratios of measured to predicted σ that agree within this relative difference
come from one weight draw rescaled (the pre-activation is linear in the weights)."""


class Draw(NamedTuple):
    """The first hidden layer at initialization: per initializer and seed, the measured
    σ of the pre-activations over its formula's (``records.LayerStats``).

    Attributes:
      ratios: initializer → the ratio per seed (the seeds that never diverged).
      seeds: initializer → (the seed ids, the base seed).
      uncentred: initializer → the same ratio with the pre-activations' pooled mean not
        taken out (√(σ² + mean²) over the formula, which predicts the mean square).
    """

    ratios: dict[str, np.ndarray]
    seeds: dict[str, tuple[tuple[int, ...], int]]
    uncentred: dict[str, np.ndarray]

    @property
    def shared(self) -> bool:
        """Whether every initializer ran the same seeds and its ratios equal the others',
        seed by seed: one standard-normal draw, only rescaled."""
        first = next(iter(self.ratios.values()))
        return len(set(self.seeds.values())) == 1 and all(
            r.shape == first.shape and np.allclose(r, first, rtol=SAME_DRAW, atol=0)
            for r in self.ratios.values()
        )

    @property
    def pooled(self) -> np.ndarray:
        """Every initializer's ratios, one after another."""
        return np.concatenate(list(self.ratios.values()))


def draw(results: Mapping[str, records.History]) -> Draw | None:
    """``Draw`` of the records (each at its chosen rate, ``summary.selected``) that hold
    layer statistics; None when fewer than two do."""
    ratios, seeds, uncentred = {}, {}, {}
    for name, r in results.items():
        chosen = summary.selected(r)
        if chosen.layer_stats is None or chosen.provenance is None:
            continue
        v = {k: np.asarray(a[..., 0, 0], float) for k, a in chosen.layer_stats.values.items()}
        formula = v["preact_std_closed_form"]
        ratios[name] = (v["preact_std"] / formula)[chosen.finite]
        square = v["preact_std"] ** 2 + v["preact_mean"] ** 2
        uncentred[name] = (np.sqrt(square) / formula)[chosen.finite]
        seeds[name] = (tuple(chosen.seeds), chosen.provenance.shared.seed)
    return Draw(ratios, seeds, uncentred) if len(ratios) > 1 else None


class RateRow(NamedTuple):
    """One rate of lab 7's grid, per initializer: the first hidden layer's share of
    ``column`` (dead units, saturated values) after the last epoch and the final test
    accuracy, means over the seeds that never diverged.

    Attributes:
      rate: the learning rate.
      share: initializer → the share.
      acc: initializer → the accuracy.
      chosen: the initializers that chose this rate.
    """

    rate: float
    share: dict[str, float]
    acc: dict[str, float]
    chosen: tuple[str, ...]


def rate_rows(results: Mapping[str, records.History], column: str) -> list[RateRow]:
    """Lab 7's grid rate by rate (``RateRow``) for the records with a grid and layer
    statistics; [] without two such records on one grid. A rate a halved grid dropped
    before the last epoch is left out of that record's ``share`` and ``acc``."""
    grids = {
        n: r for n, r in results.items() if r.layer_stats is not None and len(summary.rates(r)) > 1
    }
    if len(grids) < 2 or len({summary.rates(r) for r in grids.values()}) != 1:
        return []
    rows = []
    for i, rate in enumerate(summary.rates(next(iter(grids.values())))):
        at = {n: r.at(i) for n, r in grids.items() if summary.trained(r, i)}
        share = {
            n: float(np.mean(r.layer_stats.values[column][..., -1, 0][r.finite]))
            for n, r in at.items()
        }
        acc = {n: float(np.mean(summary.finals(r, "test_acc")[r.finite])) for n, r in at.items()}
        chosen = tuple(n for n, r in grids.items() if summary.chosen(r) == i)
        rows.append(RateRow(float(rate), share, acc, chosen))
    return rows


def rates_table(rows: Sequence[RateRow], column: str, epochs: int, lang: str) -> document.Table:
    """``rate_rows`` as a table: the rate (with the initializers that chose it), the share
    per initializer, then the accuracy per initializer."""
    say = functools.partial(text.say, lang)
    names = list(dict.fromkeys(n for row in rows for n in row.share))
    labels = [short_label(n, lang).replace(" ", "\u00a0") for n in names]  # Unbroken.
    header = [say("layers.col.rate")]
    header += [say(f"layers.col.{column}", epochs=epochs, name=n) for n in labels]
    header += [say("layers.col.acc", name=n) for n in labels]
    body = []
    for row in rows:
        chose = ", ".join(short_label(n, lang) for n in row.chosen)
        cells = [text.num(row.rate, ".3g", lang) + (f" ({chose})" if chose else "")]
        for values in (row.share, row.acc):
            cells += [text.pct(values[n], lang) if n in values else DROPPED for n in names]
        body.append(cells)
    return document.Table(header, body)


DROPPED = "–"
"""A cell of a rate the halved grid dropped for that initializer."""


def short_label(name: str, lang: str) -> str:
    """An initializer's name where it was already introduced (``Xavier``, not ``Xavier
    (Glorot)``); else ``methods.label``."""
    key = f"layers.short.{name}"
    return text.say(lang, key) if key in text.PHRASES[lang] else methods.label(name, lang)


def grad_rms(r: records.History, layer: int = 0) -> float:
    """The root mean square per weight of the loss's gradient w.r.t. ``layer``'s weights at
    initialization, on the probe batch (``grad_norm`` over √(weights)), mean over the
    seeds of ``r`` at its chosen rate; NaN without layer statistics."""
    chosen = summary.selected(r)
    if chosen.layer_stats is None:
        return math.nan
    sizes = chosen.provenance.shared.layer_sizes
    norm = chosen.layer_stats.values["grad_norm"][..., 0, layer][chosen.finite]
    return float(np.mean(norm)) / math.sqrt(sizes[layer] * sizes[layer + 1])


# --------------------------------------------------------------------------
# The discussion's readings of these records (``findings`` places them).
# --------------------------------------------------------------------------

ALPHA = summary.ALPHA
DIFFERENT = 0.10
"""Shares of dead or saturated units (diagnostics' means over seeds, no test) differ only
by at least this much (10 percentage points)."""
WELL_SCALED = ("xavier", "he")
"""The initializers scaled to the layer sizes, set against N(0, 1)."""


def lab7_of(found: Found, act: str) -> Finished | None:
    """Lab 7 of activation ``act`` in ``found``, or None."""
    return next((f for f in found.get("lab7", []) if f.act == act), None)


def _rate(value: float, lang: str) -> str:
    return text.num(value, ".3g", lang)


# --------------------------------------------------------------------------
# Adadelta's first steps against SGD's, and on the 2-D surfaces.
# --------------------------------------------------------------------------


ADADELTA = {k: inspect.signature(optimizers.adadelta).parameters[k].default for k in ("rho", "eps")}
"""ρ and ε of Adadelta when a configuration does not set them."""


def same_draw(a: records.History, b: records.History) -> bool:
    """Whether two records start from the same weights: the same seeds, base seed, layer
    sizes and N(0, σ²) initializer, and the same initial test loss."""
    pa, pb = (summary.selected(r).provenance for r in (a, b))
    keys = ("init", "init_scale")
    return (
        a.seeds == b.seeds
        and (pa.shared.seed, pa.shared.layer_sizes) == (pb.shared.seed, pb.shared.layer_sizes)
        and all(pa.config.get(k) == pb.config.get(k) for k in keys)
        and np.allclose(_first_loss(a), _first_loss(b), rtol=1e-5)
    )


def _first_loss(r: records.History) -> np.ndarray:
    return np.asarray(summary.selected(r).test_loss, float)[..., 0]


class FirstStep(NamedTuple):
    """One lab 6 activation's first steps per weight of the first layer.

    Attributes:
      act: the activation.
      grad: the gradient's root mean square per weight at init (``layers.grad_rms``).
      sgd: SGD's step, its rate times ``grad``.
      rate: SGD's rate.
      bound: Adadelta's bound α√(ε/(1 − ρ)), whatever the gradient.
      verdict: Adadelta against SGD in the speed table (the row's: ``sooner``, ``same``,
        ``later``).
    """

    act: str
    grad: float
    sgd: float
    rate: float
    bound: float
    verdict: str

    @property
    def case(self) -> str:
        """``smaller``: Adadelta's first steps are below SGD's, else ``larger``."""
        return "smaller" if self.sgd > self.bound else "larger"

    @property
    def fits(self) -> bool:
        """Whether the steps fit the verdict: smaller, not sooner; larger, sooner."""
        return (self.case == "smaller") == (self.verdict != "sooner")


def first_step(f: Finished, found: Found) -> FirstStep | None:
    """``FirstStep`` of lab 6's ``f``, the gradient read from lab 7's N(0, 1) record of the
    same activation when it is lab 6's draw (``same_draw``); None without one."""
    lab7, row = lab7_of(found, f.act), _row(f, "adadelta")
    if lab7 is None or "normal" not in lab7.results or row is None or "sgd" not in f.results:
        return None
    normal, sgd = lab7.results["normal"], summary.selected(f.results["sgd"])
    g = grad_rms(normal)
    if not (math.isfinite(g) and same_draw(normal, f.results["sgd"])):
        return None
    spec = summary.selected(f.results["adadelta"]).provenance
    kwargs = spec.config.get("optimizer_kwargs", {})
    rho = kwargs.get("rho", ADADELTA["rho"])
    bound = spec.learning_rate * math.sqrt(kwargs.get("eps", ADADELTA["eps"]) / (1 - rho))
    speed = (row.speedup_vs_baseline, row.speedup_ci_lo, row.speedup_ci_hi)
    distinct = pace.distinct(*speed, row.speedup_p_holm, ALPHA)
    verdict = "same" if not distinct else "sooner" if row.speedup_vs_baseline > 1 else "later"
    rate = sgd.provenance.learning_rate
    return FirstStep(f.act, g, rate * g, rate, bound, verdict)


def adadelta_paragraphs(found: Found, out_dir: Path, lang: str) -> list[str]:
    """Adadelta's bounded first step against SGD's per lab 6 activation (``first_step``;
    one bound for all, else nothing), with Adadelta's speed verdict against SGD; whether the
    step sizes fit every verdict; then its first steps on the 2-D surfaces
    (``_surface_start``)."""
    say = _say(lang)
    steps = [s for f in found.get("lab6", []) if (s := first_step(f, found)) is not None]
    out = []
    if steps and len({round(s.bound, 12) for s in steps}) == 1:
        out.append(say("findings.adadelta.intro", bound=text.num(steps[0].bound, ".2g", lang)))
        for s in steps:
            ratio = max(s.sgd, s.bound) / min(s.sgd, s.bound)
            out.append(
                say(
                    f"findings.adadelta.{s.case}",
                    act=_with(s.act, lang),
                    g=text.num(s.grad, ".2g", lang),
                    sgd=text.num(s.sgd, ".2g", lang),
                    rate=_rate(s.rate, lang),
                    times=text.times(lang, text.num(ratio, ".2g", lang)),
                    verdict=say(f"findings.adadelta.{s.verdict}", tab=f"@tab:lab6.{s.act}.speed"),
                )
            )
        if len(steps) > 1 or not steps[0].fits:
            both = len({s.case for s in steps}) > 1  # Larger steps in one, smaller in another.
            fits = (
                "agree" + ("" if both else ".alike") if all(s.fits for s in steps) else "disagree"
            )
            out.append(say(f"findings.adadelta.{fits}"))
    surface = _surface_start(out_dir, lang)
    return [" ".join(out + ([surface] if surface else []))] if out or surface else []


def _surface_start(out_dir: Path, lang: str) -> str:
    """Adadelta's path length over its first ``FIRST`` steps on each 2-D surface (from
    ``<out_dir>/../trajectories/trajectories.csv``) against the start's distance to the
    minimum and the shortest such length of the other optimizers; "" without its paths."""
    path = out_dir.parent / "trajectories" / "trajectories.csv"
    try:
        runs = trajectories.read_csv(path) if path.exists() else []
    except (ValueError, KeyError):
        return ""
    parts = []
    for name in ("ravine", "saddle"):
        mine = {r.optimizer: r for r in runs if r.surface == name}
        if "adadelta" not in mine or len(mine) < 2:
            continue
        moved = {
            n: float(np.sum(np.linalg.norm(np.diff(r.xy[: FIRST + 1], axis=0), axis=1)))
            for n, r in mine.items()
        }
        others = min(v for n, v in moved.items() if n != "adadelta")
        start = mine["adadelta"].xy[0]
        minimum = np.asarray(surfaces.get(name).minimum, float)
        parts.append(
            text.say(
                lang,
                f"findings.adadelta.surface.{'short' if moved['adadelta'] < others else 'long'}",
                surface=text.say(lang, f"findings.adadelta.{name}"),
                moved=text.num(moved["adadelta"], ".2g", lang),
                distance=text.num(float(np.linalg.norm(minimum - start)), ".2g", lang),
                others=text.num(others, ".2g", lang),
            )
        )
    if not parts:
        return ""
    return text.say(
        lang, "findings.adadelta.surfaces", steps=FIRST, parts=lab_report.join(parts, lang)
    )


FIRST = 10
"""Steps at the start of a 2-D path whose length shows a slow start."""


def _accuracy_p(f: Finished, name: str, i: int, j: int) -> float:
    """The paired t-test p of ``name``'s final test accuracy at grid points ``i`` and ``j``
    (the same seeds and draws)."""
    r = f.results[name]
    a, b = (summary.finals(r.at(k), "test_acc") for k in (i, j))
    return stats.t_test(a, b, paired=True).p


FLAT = 0.005
"""A share falling by less (half a point) to the next rate still grows (the seeds' noise)."""


class RateTests(NamedTuple):
    """Lab 7's well-scaled initializers (``well``), the row of each one's chosen rate
    (``chosen``), every other row's accuracy p against it (paired t-tests, Holm over all;
    keyed (initializer, row)) and the row of lab 6's rate (``lab6``; None off the grid)."""

    well: list[str]
    chosen: dict[str, int]
    p: dict[tuple[str, int], float]
    lab6: int | None


def rate_tests(f: Finished, rows: Sequence[RateRow]) -> RateTests:
    """``RateTests`` of lab 7's ``f`` on its grid ``rows`` (``rate_rows``)."""
    names = {n for row in rows for n in row.share}
    well = [i for i in WELL_SCALED if i in names]
    chosen = {n: next(k for k, row in enumerate(rows) if n in row.chosen) for n in well}
    tests = [(n, k) for n in well for k in _trained(rows, n) if k != chosen[n]]
    adjusted = stats.holm([_accuracy_p(f, n, k, chosen[n]) for n, k in tests]).tolist()
    choice = summary.selected(f.results[well[0]]).provenance.choice
    near = (k for k, r in enumerate(rows) if math.isclose(r.rate, choice.rate, rel_tol=1e-3))
    lab6 = next(near, None) if choice else None
    return RateTests(well, chosen, dict(zip(tests, adjusted, strict=True)), lab6)


def rate_blocks(f: Finished, rows: Sequence[RateRow], lang: str) -> list[str | document.Block]:
    """Dead units against lab 7's grid (``rate_rows``): a paragraph (whether the share grows
    with α for every initializer; ``_well_sentences`` for the first well-scaled one, as they
    start alike; ``_normal_rates``) and the table (key ``diag.<act>.rates``)."""
    say, column = _say(lang), "dead_frac"
    names = {n for row in rows for n in row.share}
    t = rate_tests(f, rows)
    epochs, tab = f.provenance.shared.epochs, f"@tab:diag.{f.act}.rates"
    pairs = itertools.pairwise(rows)
    grows = all(b.share[n] >= a.share[n] - FLAT for a, b in pairs for n in a.share if n in b.share)
    probe = summary.selected(f.results[t.well[0]]).layer_stats
    size = text.integer(probe.eval_size, lang) if probe is not None else "—"
    case = "grow" if grows else "mixed"
    sentences = [say(f"findings.rates.{case}", epochs=epochs, tab=tab, size=size)]
    well_said = _well_sentences(rows, t, lang)
    sentences += well_said + [
        say("findings.rates.family", m=text.count(lang, len(t.p), "count.comparison"))
    ] * bool(well_said)
    sentences += _normal_rates(f, rows, t.well[0], t.lab6, lang)
    table = rates_table(rows, column, epochs, lang)
    title = say("findings.rates.title", act=methods.label(f.act, lang), epochs=epochs)
    if any(len(row.share) < len(names) for row in rows):  # A halved grid dropped some.
        title += say("halving.dash", k=f.provenance.shared.lr_halving, dash=DROPPED)
    return [
        " ".join(sentences),
        document.Table(table.header, table.rows, title, key=f"diag.{f.act}.rates"),
    ]


def rate_conclusion(f: Finished, rows: Sequence[RateRow], lang: str) -> str:
    """The conclusion of ``rate_blocks``: lab 6's rate against the chosen one for the first
    well-scaled initializer (``_at_lab6``), citing the table; "" without that comparison."""
    at = _at_lab6(rows, rate_tests(f, rows), lang)
    if at is None:
        return ""
    case, values = at
    act, tab = methods.label(f.act, lang), f"@tab:diag.{f.act}.rates"
    return text.say(lang, f"concl.units.{case}", act=act, tab=tab, **values)


def _at_lab6(rows: Sequence[RateRow], t: RateTests, lang: str) -> tuple[str, dict[str, str]] | None:
    """The first well-scaled initializer at lab 6's rate against its chosen one: the
    accuracy's case by the Holm-adjusted p (lower, same, higher) and the values said; None
    off the grid, when the chosen rate is lab 6's, or when the halving dropped it."""
    n, c, lab6, p = t.well[0], t.chosen[t.well[0]], t.lab6, t.p
    if lab6 is None or lab6 == c or n not in rows[lab6].share:
        return None
    d = rows[lab6].acc[n] - rows[c].acc[n]
    case = "same" if not p[n, lab6] < ALPHA else "lower" if d < 0 else "higher"
    return case, {
        "name": methods.initialized_by(n, lang),
        "chosen": _rate(rows[c].rate, lang),
        "rate": _rate(rows[lab6].rate, lang),
        "share_c": text.pct(rows[c].share[n], lang),
        "share_r": text.pct(rows[lab6].share[n], lang),
        "acc_c": text.pct(rows[c].acc[n], lang),
        "acc_r": text.pct(rows[lab6].acc[n], lang),
        "p": text.p_value(p[n, lab6], lang),
    }


def _trained(rows: Sequence[RateRow], name: str) -> list[int]:
    """The rows whose rate ``name`` trained to the last epoch."""
    return [k for k, row in enumerate(rows) if name in row.share]


def _well_sentences(rows: Sequence[RateRow], t: RateTests, lang: str) -> list[str]:
    """The first well-scaled initializer at lab 6's rate against its chosen one
    (``_at_lab6``), then the highest dead share whose accuracy is not significantly below
    the chosen rate's, when above the chosen rate's."""
    n, c, p = t.well[0], t.chosen[t.well[0]], t.p
    say, out = _say(lang), []
    if (at := _at_lab6(rows, t, lang)) is not None:
        out.append(say(f"findings.rates.at.{at[0]}", **at[1]))
    trained = _trained(rows, n)
    worse = {k for k in trained if k != c and p[n, k] < ALPHA and rows[k].acc[n] < rows[c].acc[n]}
    most = max((k for k in trained if k not in worse), key=lambda k: rows[k].share[n])
    if most != c:
        out.append(
            say(
                "findings.rates.harmless",
                share=text.pct(rows[most].share[n], lang),
                rate=_rate(rows[most].rate, lang),
                p=text.p_value(p[n, most], lang),
            )
        )
    return out


def _normal_rates(
    f: Finished, rows: Sequence[RateRow], well: str, at: int | None, lang: str
) -> list[str]:
    """N(0, 1)'s dead share at lab 6's rate ``at`` when fewer than ``well``'s (by
    ``DIFFERENT``) under Adam, with why: Adam's step does not shrink with σ_w."""
    if at is None or not {"normal", well} <= set(rows[at].share):
        return []
    fewer = rows[at].share["normal"] <= rows[at].share[well] - DIFFERENT
    spec = summary.selected(f.results[well]).provenance.config
    if not fewer or spec["optimizer"] != "adam":
        return []
    sizes = f.provenance.shared.layer_sizes
    scale = float(summary.selected(f.results["normal"]).provenance.config.get("init_scale", 1.0))
    smaller = scale / methods.sigmas(spec["init"], sizes)[0]
    say = _say(lang)
    return [
        say(
            "findings.rates.normal",
            share=text.pct(rows[at].share["normal"], lang),
            rate=_rate(rows[at].rate, lang),
            name=methods.initialized_by(well, lang),
            times=text.times(lang, text.num(smaller, ".0f", lang)),
        )
    ]


def draw_sentences(
    lab7: Sequence[Finished], diag: Diagnosed, deep_diag: Diagnosed, lang: str
) -> list[str]:
    """Lab 7's initializers at init (``layers.draw``, the first activation with layer
    statistics): one standard-normal draw per seed rescaled, so one ratio of measured to
    predicted σ for all (and, ReLU being positively homogeneous, the same dead units in the
    deep network: ``_same_dead``), and that ratio's spread over the seeds against its
    mean's distance from 1; else each initializer's ratio. [] without statistics or
    without the diagnostics' first-layer tables (``diag``) to cite."""
    inits = [{n: f.results[n] for n in configs.LAB7_INITS if n in f.results} for f in lab7]
    d = next((d for r in inits if (d := draw(r)) is not None), None)
    if d is None or not diag:  # No first-layer table to cite.
        return []
    say = _say(lang)
    tabs = lab_report.join([f"@tab:diag.{a}.layer1" for a in diag], lang)
    num = functools.partial(text.num, spec=".3f", lang=lang)
    if not d.shared:
        parts = [f"{num(float(np.mean(r)))} ({short_label(n, lang)})" for n, r in d.ratios.items()]
        return [say("findings.draw.differ", parts=lab_report.join(parts, lang), tabs=tabs)]
    names = lab_report.join([short_label(n, lang) for n in d.ratios], lang)
    ratios = d.ratios[next(iter(d.ratios))]
    mean, sd = (
        float(np.mean(ratios)),
        float(np.std(ratios, ddof=1)) if len(ratios) > 1 else math.nan,
    )
    dead = _same_dead(deep_diag)
    deep = say("findings.draw.deep", tab=f"@tab:deep.{dead}.layers") if dead else ""
    shared = say("findings.draw.shared", names=names, ratio=num(mean), tabs=tabs, deep=deep)
    if not math.isfinite(sd):
        return [shared]
    return [shared, _draw_spread(ratios, d.uncentred[next(iter(d.ratios))], lang)]


def _one_sample(values: np.ndarray) -> stats.TTest:
    """The t test of ``values``' mean against 1 (``stats.t_test`` against ones, paired)."""
    return stats.t_test(values, np.ones_like(values), paired=True)


def _draw_spread(ratios: np.ndarray, uncentred: np.ndarray, lang: str) -> str:
    """The ratio's spread over the seeds, and its mean against 1 by its standard error and
    a one-sample t test: within the noise (``within``) or a systematic gap (``beyond``,
    p < ``summary.ALPHA``); then, for a gap, how much of it the measured σ's centring
    explains (the ``uncentred`` ratios tested alike)."""
    say, num = _say(lang), functools.partial(text.num, spec=".3f", lang=lang)
    n, mean, sd = len(ratios), float(np.mean(ratios)), float(np.std(ratios, ddof=1))
    test = _one_sample(ratios)
    case = "beyond" if test.p < summary.ALPHA else "within"
    spread = say(
        f"findings.draw.{case}",
        lo=num(float(np.min(ratios))),
        hi=num(float(np.max(ratios))),
        sd=num(sd),
        dev=discussion.signed(100 * (mean - 1), ".1f", lang) + "%",
        n=n,
        se=num(sd / math.sqrt(n)),
        k=text.num(abs(mean - 1) / (sd / math.sqrt(n)), ".1f", lang),
        test=_t_words(test, lang),
    )
    if case == "within":
        return spread
    centred = _one_sample(uncentred)
    explained = not centred.p < summary.ALPHA  # No test (all equal to 1): explained.
    return (
        spread
        + " "
        + say(
            f"findings.centring.{'explains' if explained else 'part'}",
            ratio=num(float(np.mean(uncentred))),
            points=text.num(100 * (float(np.mean(uncentred)) - mean), ".1f", lang),
            test=_t_words(centred, lang),
        )
    )


def _t_words(test: stats.TTest, lang: str) -> str:
    """``t(9) = −2,70, p = 0,025``; ``p: —`` without a test."""
    if not math.isfinite(test.statistic):
        return discussion.p_text(test.p, lang)
    return text.say(
        lang,
        "findings.centring.t",
        df=int(test.df),
        t=discussion.signed(test.statistic, ".2f", lang),
        p=discussion.p_text(test.p, lang),
    )


def _same_dead(deep_diag: Diagnosed) -> str | None:
    """The activation of ``deep_diag`` with dead units whose every initializer has the
    same dead share in every hidden layer at init, some above 0 (the same units die when
    one draw is rescaled), else None."""
    for act, record in deep_diag.items():
        if act not in diagnostics.DEAD or len(record.inits) < 2:
            continue
        hidden = range(record.layers - 1)
        shares = [[record.layer(i, k, 0).dead_frac for k in hidden] for i in record.inits]
        if all(np.allclose(s, shares[0], atol=1e-9) for s in shares) and max(shares[0]) > 0:
            return act
    return None
