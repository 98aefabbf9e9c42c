"""The layer diagnostics (``labs.diagnostics``) in words and figures: the headline
sentence, the tables, the figures and the diagnostics' own report, in every language."""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

import numpy as np

from mlp_jax import records, util
from mlp_jax.labs import specs, summary
from mlp_jax.labs.diagnostics import COLUMNS, RECORD, SATURATION, Study, trouble_column
from mlp_jax.report import document, methods, plots, text


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
        cells = [methods.label(init, lang)] + [text.num(v, ".3g", lang) for v in stds]
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
        cells = [str(layer + 1)] + [text.num(r.preact_std, ".3g", lang) for r in start]
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
            *(num(v, ".3g") for v in (r.preact_mean, r.preact_std, r.preact_std_closed_form)),
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
        plots.plot_histograms(
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
            plots.plot_layer_curves(
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
    """

    ratios: dict[str, np.ndarray]
    seeds: dict[str, tuple[tuple[int, ...], int]]

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
    ratios, seeds = {}, {}
    for name, r in results.items():
        chosen = summary.selected(r)
        if chosen.layer_stats is None or chosen.provenance is None:
            continue
        v = chosen.layer_stats.values
        start = v["preact_std"][..., 0, 0] / v["preact_std_closed_form"][..., 0, 0]
        ratios[name] = np.asarray(start, float)[chosen.finite]
        seeds[name] = (tuple(chosen.seeds), chosen.provenance.shared.seed)
    return Draw(ratios, seeds) if len(ratios) > 1 else None


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
    statistics; [] without two such records on one grid."""
    grids = {
        n: r for n, r in results.items() if r.layer_stats is not None and len(summary.rates(r)) > 1
    }
    if len(grids) < 2 or len({summary.rates(r) for r in grids.values()}) != 1:
        return []
    rows = []
    for i, rate in enumerate(summary.rates(next(iter(grids.values())))):
        at = {n: r.at(i) for n, r in grids.items()}
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
    names = list(rows[0].share)
    labels = [short_label(n, lang) for n in names]
    header = [say("layers.col.rate")]
    header += [say(f"layers.col.{column}", epochs=epochs, name=n) for n in labels]
    header += [say("layers.col.acc", name=n) for n in labels]
    body = []
    for row in rows:
        chose = ", ".join(short_label(n, lang) for n in row.chosen)
        cells = [text.num(row.rate, ".3g", lang) + (f" ({chose})" if chose else "")]
        cells += [text.pct(row.share[n], lang) for n in names]
        body.append(cells + [text.pct(row.acc[n], lang) for n in names])
    return document.Table(header, body)


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
