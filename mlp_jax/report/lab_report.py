"""The words, tables, files and figures of an experiment's results (numbers: ``summary``).

Rendering takes a folder and the records (whose ``Provenance`` says which experiment,
baseline and settings they belong to), never a training setup.

Files, per activation folder: ``summary.csv`` (``records.SUMMARY_COLUMNS``),
``metrics.csv`` (long format, ``summary.metrics_columns``), ``steps.csv`` (the
step-resolution curves of the speed-ups, ``summary.STEPS_COLUMNS``), ``loss_epoch.png``,
``loss_step.png``, ``test_acc.png``, ``lr_sensitivity.png`` (with a grid) and
``report.md``.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from mlp_jax import records, train, util
from mlp_jax.labs import configs, pace, specs, summary
from mlp_jax.records import History, SummaryRow
from mlp_jax.report import document, methods, plots, text

Log = Callable[[str], None]
Results = Mapping[str, History]
Ranking = pace.Ranking | None

OUTPUTS = (
    *(f"{{act}}/{name}" for name in ("summary.csv", "metrics.csv", "steps.csv", "report.md")),
    *(f"{{act}}/{stem}.png" for stem in ("loss_epoch", "loss_step", "test_acc", "lr_sensitivity")),
    "activations.png",
)
"""Every file ``write_all`` may write, under the experiment's folder (``{act}``: each
activation's folder), for ``experiment.run``'s check before training."""


def provenance(results: Results) -> records.Provenance:
    """The first record's provenance (the shared settings are every record's)."""
    return next(iter(results.values())).provenance


def lab_of(results: Results) -> specs.Lab:
    """The experiment the records belong to."""
    return specs.get(provenance(results).experiment)


def write_all(folder: Path, results: Mapping[str, Results], log: Log) -> None:
    """Writes every activation's files under ``folder`` (``<out_dir>/<experiment>``), and
    the side-by-side figure with several (an ``experiment.Writer``)."""
    for act, records_ in results.items():
        write(folder / act, act, records_)
        log(f"wrote {folder / act}/{{summary.csv,metrics.csv,steps.csv,report.md,*.png}}")
    if len(results) > 1:
        path = folder / "activations.png"
        side_by_side(results, path)
        log(f"wrote {path}")


def write(folder: Path, act: str, results: Results) -> list[SummaryRow]:
    """Writes one activation's summary, metrics, figures and report into ``folder``;
    returns the summary rows."""
    baseline = provenance(results).baseline
    ranks = summary.ranking(results, baseline)  # Once: the rows' and the ranking lines'.
    rows = summary.summarize(act, results, baseline, ranks)
    records.write_summary(folder / "summary.csv", rows)
    metrics = summary.metrics_rows(act, results)
    util.write_csv(folder / "metrics.csv", summary.metrics_columns(metrics), metrics)
    util.write_csv(folder / "steps.csv", summary.STEPS_COLUMNS, summary.steps_rows(act, results))
    figures(act, results, folder)
    util.atomic_write_text(folder / "report.md", markdown(folder, act, results, rows, ranks))
    return rows


def figures(
    act: str,
    results: Results,
    folder: Path,
    lang: str = "en",
    labels: Mapping[str, str] | None = None,
) -> list[Path]:
    """Draws an activation's figures into ``folder``: the curves at each record's chosen
    rate, and the LR sensitivity of the records with a grid. ``labels``: the names shown
    for configurations and the activation (default: their own)."""
    title = f"{text.say(lang, lab_of(results).title_key)}, {(labels or {}).get(act, act)}"
    picked = {name: summary.selected(r) for name, r in results.items()}
    paths = plots.plot_activation(picked, folder, title=title, lang=lang, labels=labels)
    grids = {name: r for name, r in results.items() if r.grid}
    if grids:
        picks = {name: summary.chosen(r) for name, r in grids.items()}
        path = folder / "lr_sensitivity.png"
        paths.append(
            plots.plot_lr_sensitivity(grids, picks, path, title=title, lang=lang, labels=labels)
        )
    return paths


def side_by_side(
    results: Mapping[str, Results],
    path: Path,
    lang: str = "en",
    labels: Mapping[str, str] | None = None,
) -> Path:
    """Draws the activations' training losses side by side (records at their chosen rate);
    ``labels`` as in ``figures``."""
    picked = {act: {n: summary.selected(r) for n, r in rs.items()} for act, rs in results.items()}
    title = text.say(lang, lab_of(next(iter(results.values()))).title_key)
    return plots.plot_side_by_side(picked, path, title=title, lang=lang, labels=labels)


def section(
    act: str,
    results: Results,
    rows: Sequence[SummaryRow],
    folder: Path,
    *,
    lang: str = "en",
    level: int = 1,
    link: Callable[[str], str] = lambda name: name,
    ranks: Ranking | None = None,
) -> list[document.Block]:
    """One activation's report: setup, results table, ranking and figures.

    Args:
      act: the activation.
      results: the configurations' records, as ``experiment.run`` saves them.
      rows: their ``summary.summarize`` rows.
      folder: the activation's folder (the figures).
      lang: one of ``text.LANGS``.
      level: heading level of the section's title.
      link: a figure's file name → its link from the Markdown file.
      ranks: ``summary.ranking`` of ``results`` where the caller has it already.
    """
    say = functools.partial(text.say, lang)
    lab, first = lab_of(results), provenance(results)
    label = say(lab.baseline_key)
    settings = [
        [label_of(r, lang), methods.describe(r.provenance.config, lang, summary.rates(r))]
        for r in results.values()
    ]
    figures = ["loss_epoch", "loss_step", "test_acc"]
    figures += ["lr_sensitivity"] if any(r.grid for r in results.values()) else []
    of_label = say(lab.baseline_gen_key)
    ranks = ranks or summary.ranking(results, first.baseline)
    ranking = _ranking_lines(results, rows, ranks, of_label, lang)
    return [
        document.Heading(level, f"{say(lab.title_key)} — {config_label(act, lang)}"),
        document.Items(_setup_lines(first, rows, label, lang, no_target(results, label, lang))),
        document.Table([say("col.config"), say("col.settings")], settings),
        document.Heading(level + 1, say("h.results")),
        *([document.Paragraph(top)] if (top := opening(rows, ranks, first.baseline, lang)) else []),
        _results_table(rows, lang, ranks, first.baseline),
        document.Paragraph(explain(rows, lang)),
        document.Heading(level + 1, say("h.ranking")),
        document.Items(ranking),
        document.Heading(level + 1, say("h.plots")),
        document.Paragraph(say("plots.bands")),
        *(document.Image(say(f"fig.{f}"), folder / f"{f}.png", link(f"{f}.png")) for f in figures),
    ]


def opening(rows: Sequence[SummaryRow], ranking: Ranking, baseline: str, lang: str) -> str | None:
    """The results in one or two sentences, before the table: the leader against the
    runner-up (``leader``), then which configurations reach the target significantly sooner
    or later than the baseline (``summary.distinct_speed``: Holm's p of the one family of every
    pair, ``SummaryRow.speedup_p_holm``, and an interval without 1); None without a
    ranking."""
    top = leader(rows, ranking, lang)
    base = summary.baseline_row(rows, baseline)
    if top is None or base is None:
        return top
    others = [r for r in summary.ranked(rows) if r is not base]
    sooner, later = (
        [f"**{name(r, lang)}**" for r in others if summary.distinct_speed(r) and side(r)]
        for side in (lambda r: r.speedup_vs_baseline > 1, lambda r: r.speedup_vs_baseline < 1)
    )
    values = {"base": f"**{name(base, lang)}**", "m": ranking.family}
    parts = (
        [text.say(lang, "stats.opening.sooner", names=join(sooner, lang), **values)]
        if sooner
        else [text.say(lang, "stats.opening.none", **values)]
    )
    if later:
        parts.append(text.say(lang, "stats.opening.later", names=join(later, lang), **values))
    return f"{top} {' '.join(parts)}"


def explain(rows: Sequence[SummaryRow], lang: str) -> str:
    """What the results table's columns mean, with the test the rows used."""
    method = text.say(lang, f"stat.method.{rows[0].pairing if rows else 'paired'}")
    m = sum(math.isfinite(r.p_vs_baseline) for r in rows)
    m_area = sum(math.isfinite(r.log_loss_area_p) for r in rows)
    ranked = sum(math.isfinite(r.rank) for r in rows)
    return text.say(
        lang,
        "stat.explain",
        method=method,
        m=m,
        m_area=m_area,
        m_pairs=ranked * (ranked - 1) // 2,
    )


def tie_words(choice: records.Choice, lang: str) -> str:
    """Lab 7's choice among lab 6's configurations tied at rank 1, and what broke the tie."""
    picked = choice.config or choice.optimizer
    names = [f"**{config_label(n, lang)}**" for n in sorted((picked, *choice.tied))]
    how = text.say(lang, f"stat.tie.{choice.tie_break}")
    return text.say(
        lang,
        "stat.choice_tie",
        names=join(names, lang),
        name=f"**{config_label(picked, lang)}**",
        how=how,
    )


def join(names: Sequence[str], lang: str) -> str:
    """``a, b and c`` (``a, b i c``); "" for none."""
    if not names:
        return ""
    *rest, last = names
    return ", ".join(rest) + text.say(lang, "stat.and") + last if rest else last


def _setup_lines(
    first: records.Provenance,
    rows: Sequence[SummaryRow],
    label: str,
    lang: str,
    problem: str | None,
) -> list[str]:
    say = functools.partial(text.say, lang)
    shared, baseline = first.shared, first.baseline
    data = text.data_line(first.data_source, lang)
    lines = methods.network_lines(
        methods.network(shared, config_label(shared.act, lang), data), lang
    )
    if shared.lr_grid > 1:
        lines.append(say("setup.grid", k=shared.lr_grid))
    if shared.lr_halving:
        kept = train.kept_points(shared.lr_grid)
        lines.append(say("halving.setup", k=shared.lr_halving, kept=kept, n=shared.lr_grid))
    if first.choice is not None:
        why = say(f"why.{first.choice.why}")
        rate = text.num(first.choice.rate, "g", lang)
        optimizer = methods.label(first.choice.optimizer, lang)
        lines.append(say("choice", name=optimizer, rate=rate, why=why))
        lines += [tie_words(first.choice, lang)] if first.choice.tied else []
    base = summary.baseline_row(rows, baseline)
    shown = name(base, lang) if base else config_label(baseline, lang)
    if base is None:
        lines.append(say("setup.no_baseline", name=shown, label=label))
    elif problem:
        lines.append(problem)
    else:
        goal = text.num(base.final_train_loss_mean, ".4f", lang)
        lines.append(say("setup.baseline", name=shown, label=label, target=goal))
    if shared.divergence_factor is not None:
        lines.append(say("setup.divergence", factor=text.num(shared.divergence_factor, "g", lang)))
    return lines


def _results_table(
    rows: Sequence[SummaryRow], lang: str, ranking: Ranking, baseline: str
) -> document.Table:
    cols = ("config", "lr", "diverged", "rank", "loss", "epochs", "speedup", "p_loss")
    cols += ("p_holm_loss", "acc", "p_acc", "p_holm_acc", "wall")
    ours = {"rank", "p_holm_loss", "p_holm_acc"}
    header = [text.say(lang, f"stat.col.{c}" if c in ours else f"col.{c}") for c in cols]

    def cells(r: SummaryRow) -> list[str]:
        num = functools.partial(text.num, lang=lang)
        acc = text.pct(r.test_acc_mean, lang)
        if math.isfinite(r.test_acc_ci_lo):
            acc += f" ({text.pct(r.test_acc_ci_lo, lang)}–{text.pct(r.test_acc_ci_hi, lang)})"
        return [
            name(r, lang),
            num(r.learning_rate, ".3g"),
            f"{r.diverged}/{r.seeds}",
            rank_cell(r, lang),
            f"{num(r.final_train_loss_mean, '.4f')} ± {num(r.final_train_loss_std, '.4f')}",
            num(r.epochs_to_target, ".2f"),
            speedup_cell(r, lang, digits(ranking, baseline, r)),
            text.p_value(r.p_vs_baseline, lang, cell=True),
            text.p_value(r.p_holm, lang, cell=True),
            acc,
            text.p_value(r.test_acc_p_vs_baseline, lang, cell=True),
            text.p_value(r.test_acc_p_holm, lang, cell=True),
            num(r.wall_s, ".1f"),
        ]

    return document.Table(header, [cells(r) for r in rows])


def digits(ranking: Ranking, baseline: str, row: SummaryRow) -> int:
    """Decimals of ``row``'s speed-up interval: as many as its ratio's, two, or more where
    ``pace.shown_decimals`` keeps an interval that excludes 1 visibly apart from it. (Fewer
    would round an end outwards, 6.06–7.76 printed "6–8", and disagree with the same
    interval in the hand-in's discussion; the last digit may move with the relabellings'
    seed when ``pace.stable_decimals`` is below two.)"""
    ratio = ranking.ratio.get((baseline, row.config)) if ranking else None
    return 2 if ratio is None else max(2, pace.shown_decimals(ratio))


def rank_cell(row: SummaryRow, lang: str) -> str:
    """The rank as the tables show it: ``2`` when the rank interval is one place, else
    ``2–4`` (``SummaryRow.rank_worst``; a record without it shows its rank alone);
    ``—`` without a rank."""
    ends = [row.rank, row.rank_worst if math.isfinite(row.rank_worst) else row.rank]
    if not math.isfinite(row.rank):
        return "—"
    return "–".join(dict.fromkeys(text.num(e, ".0f", lang) for e in ends))


def speedup_cell(row: SummaryRow, lang: str, places: int = 2) -> str:
    """The speed-up as the tables show it: ``3.10× (2.80–3.70)``, ``≥ 5.00×`` when the
    target is reached at the first time point (a bound: the curve can tell no finer),
    the point alone without an interval, ``—`` without a point; the point with at least
    its interval's decimals, an end that never reaches the target "not reached"."""
    point, lo, hi = row.speedup_vs_baseline, row.speedup_ci_lo, row.speedup_ci_hi
    if not math.isfinite(point):
        return "—"
    factor = text.num(point, f".{max(2, places)}f", lang)
    if row.speedup_is_bound:
        return f"≥ {factor}×"
    if not math.isfinite(lo):
        return f"{factor}×"
    return f"{factor}× ({_end(lo, places, lang)}–{_end(hi, places, lang)})"


def _end(value: float, places: int, lang: str) -> str:
    """An interval's end: the number, or "not reached" for a resample that never reaches
    the target (a ratio of 0 or ∞)."""
    if value == 0 or math.isinf(value):
        return text.say(lang, "stat.not_reached")
    return text.num(value, f".{places}f", lang)


def interval(lo: float, hi: float, never: float, places: int, lang: str) -> str:
    """``95% CI 1.20–1.50``, with the share of the test's relabellings in which a mean curve
    never reaches the target when there are any (``; not reached in 3.0% of the test's
    relabellings``; ``< 0.1%`` for a share that one decimal would show as 0.0%)."""
    words = text.say(lang, "stat.ci", lo=_end(lo, places, lang), hi=_end(hi, places, lang))
    if never > 0:
        share = text.pct(never, lang) if never >= 0.0005 else f"< {text.pct(0.001, lang)}"
        words += text.say(lang, "stat.never_share", share=share)
    return words


def used(row: SummaryRow, lang: str, pairs: int | None = None) -> str:
    """`` (only 1 of 10 seeds did not diverge)`` when seeds diverged, and how many seeds
    form pairs with the baseline's (``summary.pairs``) when the baseline's diverged runs
    leave fewer than that: `` (the paired comparison covers 8 of 10 seeds)``; "" when every seed
    counts."""
    parts = []
    if row.diverged:
        key = "stat.only" if row.n_used == 1 else "stat.used"
        parts.append(text.say(lang, key, n=row.n_used, seeds=row.seeds))
    if pairs is not None and pairs < row.n_used:
        parts.append(text.say(lang, "stat.pairs", n=pairs, seeds=row.seeds))
    return f" ({'; '.join(parts)})" if parts else ""


def speedup_words(row: SummaryRow, baseline: str, lang: str, places: int = 2) -> str:
    """How much sooner (or later) a configuration reaches the target, in words: "sooner"
    or "later" only when ``pace.distinct``: the permutation test's p of the pair (baseline,
    configuration), Holm-adjusted over every pair of configurations (``speedup_p_holm``),
    below ``summary.ALPHA``, and an interval without 1 (where the test rejects equal speed
    but keeps ratios on both sides of 1, ``pace.undirected``, the tie says so).
    ``baseline``: its name as the report shows it (``name``). The factor has at least its
    interval's decimals."""
    point, lo, hi = row.speedup_vs_baseline, row.speedup_ci_lo, row.speedup_ci_hi
    spec = f".{max(2, places)}f"
    factor = text.num(point, spec, lang)
    if row.speedup_is_bound:
        first = text.num(row.epochs_to_target, ".2f", lang)
        return text.say(lang, "speed.at_least", factor=text.times(lang, factor), first=first)
    if not math.isfinite(lo):
        return text.say(lang, "stat.no_interval", factor=factor)
    p = row.speedup_p_holm
    test = text.say(lang, "stat.speed_test", p=text.p_value(p, lang))
    test = test if math.isfinite(p) else text.say(lang, "stat.no_test")
    if not pace.distinct(point, lo, hi, p, summary.ALPHA):
        ci = interval(lo, hi, row.speedup_never, places, lang)
        key = "stat.both_sides" if pace.undirected(lo, hi, p, summary.ALPHA) else "stat.same_speed"
        return text.say(lang, key, base=baseline, factor=factor, ci=ci, test=test)
    if point > 1:
        ci = interval(lo, hi, row.speedup_never, places, lang)
        return text.say(lang, "stat.sooner", factor=text.times(lang, factor), ci=ci, test=test)
    # Slower: the same interval, as how many times later (1/hi .. 1/lo).
    later = [1 / v if v > 0 else math.inf for v in (point, hi, lo)]
    ci = interval(later[1], later[2], row.speedup_never, places, lang)
    shown = text.times(lang, text.num(later[0], spec, lang))
    return text.say(lang, "stat.later", factor=shown, ci=ci, test=test)


def verdict(p_holm: float, p: float, difference: float, lang: str) -> str:
    """A test against the baseline in words: significant when the Holm-adjusted p is
    below ``summary.ALPHA``; the raw p beside it."""
    if not math.isfinite(p_holm):
        return text.say(lang, "stat.no_test")
    key = "same" if p_holm >= summary.ALPHA else ("lower" if difference < 0 else "higher")
    return text.say(
        lang,
        f"stat.{key}",
        p=text.p_value(p_holm, lang),
        raw=text.p_value(p, lang, cell=True),
    )


def no_target(results: Results, label: str, lang: str) -> str | None:
    """The sentence that says why there is no target when the baseline's record exists
    but its final loss is no target (``summary.target_problem``); None otherwise."""
    name = provenance(results).baseline
    ill = summary.target_problem(results[name], results) if name in results else None
    if ill is None:
        return None

    def num(value: float) -> str:  # Four decimals; four significant digits from 10 up.
        return text.num(value, f".{4 if abs(value) < 10 else text.loss_places(value)}f", lang)

    return text.say(
        lang,
        f"stat.no_target.{ill.reason}",
        name=label_of(results[name], lang),
        label=label,
        acc=text.pct(ill.accuracy, lang),
        chance=text.pct(ill.chance, lang),
        first=num(ill.first),
        final=num(ill.final),
        spread=num(ill.spread),
        k=round(1 / ill.chance),
        uniform=text.num(-math.log(ill.chance), ".3f", lang),
        start=num(ill.start),
        start_name=label_of(results[ill.start_config], lang) if ill.start_config else "",
    )


def leader(rows: Sequence[SummaryRow], ranking: Ranking, lang: str) -> str | None:
    """The leader against the runner-up: "fastest" alone only at rank 1 alone, otherwise
    the tied configurations and their ratio; None with fewer than 2 ranked."""
    order = [r for r in summary.ranked(rows) if math.isfinite(r.rank)]
    if ranking is None or len(order) < 2:
        return None
    ratio = ranking.ratio[order[1].config, order[0].config]
    places = max(2, pace.shown_decimals(ratio))
    num = functools.partial(text.num, lang=lang)
    values = {
        "ratio": num(ratio.point, f".{max(2, places)}f"),
        "ci": interval(ratio.lo, ratio.hi, ratio.never, places, lang),
        "test": text.say(
            lang,
            "stat.rank_test",
            p=text.p_value(ranking.p_holm[order[1].config, order[0].config], lang),
            m=ranking.family,
        ),
        "times": text.times(lang, num(ratio.point, f".{max(2, places)}f")),
        "first": name(order[0], lang),
        "second": name(order[1], lang),
        "tiny": tiny(ratio, lang),
    }
    tied = [f"**{name(r, lang)}**" for r in order if r.rank == 1]
    if len(tied) == 1:
        return text.say(lang, "stat.leader.alone", name=values["first"], **values)
    return text.say(lang, "stat.leader.tie", names=join(tied, lang), **values)


TINY = 0.01
"""A ratio of epochs within this of 1 is said to be of no practical weight, significant or not."""


def tiny(ratio: pace.Ratio, lang: str) -> str:
    """``stat.tiny`` when ``ratio`` lies within ``TINY`` of 1 (its size, in percent), else ""."""
    if not abs(ratio.point - 1) < TINY:
        return ""
    return text.say(lang, "stat.tiny", pct=text.num(100 * abs(ratio.point - 1), ".2f", lang) + "%")


def config_label(config: str, lang: str, settings: Mapping[str, Any] | None = None) -> str:
    """A configuration's name as the course writes it: ``methods.label`` (Adam, N(0, 1)
    with the ``init_scale`` of ``settings``, Xavier (Glorot)); lab 7's
    ``configs.EXERCISE2`` as exercise 2's plain SGD from N(0, 1) weights."""
    if config == configs.EXERCISE2:
        return text.say(lang, "handin.ex2_name")
    return methods.label(config, lang, (settings or {}).get("init_scale", 1.0))


def name(row: SummaryRow, lang: str) -> str:
    """``config_label`` of a summary row's configuration."""
    return config_label(row.config, lang, json.loads(row.settings))


def label_of(record: History, lang: str) -> str:
    """``config_label`` of a record's configuration."""
    return config_label(record.provenance.config["name"], lang, record.provenance.config)


def _ranking_lines(
    results: Results, rows: Sequence[SummaryRow], ranking: Ranking, label: str, lang: str
) -> list[str]:
    first = provenance(results)
    base = summary.baseline_row(rows, first.baseline)
    epochs = first.shared.epochs
    places = {r.config: digits(ranking, first.baseline, r) for r in rows}
    pairs = summary.pairs(results, first.baseline)
    return [
        ranking_line(r, base, label, (epochs, places[r.config], pairs.get(r.config)), lang)
        for r in summary.ranked(rows)
    ]


def ranking_line(
    r: SummaryRow,
    base: SummaryRow | None,
    label: str,
    total: tuple[int, int, int | None],
    lang: str,
) -> str:
    """One configuration's line; ``total``: the epochs trained, the decimals of its
    speed-up interval and the seeds that form pairs with the baseline's (None:
    unpaired)."""
    num = functools.partial(text.num, lang=lang)
    if r.all_diverged:
        return text.say(lang, "rank.diverged", name=name(r, lang))
    values = {
        "name": name(r, lang),
        "label": label,
        "total": text.count(lang, total[0], "count.epoch_gen"),
        "used": used(r, lang, None if base is r else total[2]),
        "epochs": num(r.epochs_to_target, ".2f"),
        "loss": num(r.final_train_loss_mean, ".4f"),
        "acc": text.pct(r.test_acc_mean, lang),
    }
    target = base is not None and not base.speedup_note and not r.speedup_note
    if base is r:
        values["epochs"] = text.reached(lang, r.epochs_to_target, total[0])
        return text.say(
            lang, "stat.rank.baseline" if target else "stat.rank.plain_baseline", **values
        )
    base_loss = base.final_train_loss_mean if base else math.nan
    base_acc = base.test_acc_mean if base else math.nan
    values["loss_verdict"] = verdict(
        r.p_holm, r.p_vs_baseline, r.final_train_loss_mean - base_loss, lang
    )
    values["acc_verdict"] = verdict(
        r.test_acc_p_holm, r.test_acc_p_vs_baseline, r.test_acc_mean - base_acc, lang
    )
    if not target:
        return text.say(lang, "stat.rank.plain", **values)
    values["area"] = whole_run(r, base, lang)
    if not math.isfinite(r.epochs_to_target):
        return text.say(lang, "stat.rank.never", **values)
    speed = speedup_words(r, name(base, lang), lang, total[1])
    return text.say(lang, "stat.rank.reached", speed=speed, **values)


def whole_run(r: SummaryRow, base: SummaryRow, lang: str) -> str:
    """The whole-run measure beside the crossing (``summary.log_loss_area``) against the
    baseline's, with its Holm-adjusted test: a configuration slower over the run is said
    to be, whatever its crossing; "" without the measure."""
    if not math.isfinite(r.log_loss_area_mean):
        return ""
    num = functools.partial(text.num, spec=".3f", lang=lang)
    difference = r.log_loss_area_mean - base.log_loss_area_mean
    return text.say(
        lang,
        "stat.area",
        value=num(r.log_loss_area_mean),
        base=num(base.log_loss_area_mean),
        verdict=verdict(r.log_loss_area_p_holm, r.log_loss_area_p, difference, lang),
    )


def markdown(
    folder: Path,
    act: str,
    results: Results,
    rows: Sequence[SummaryRow],
    ranks: Ranking | None = None,
) -> str:
    """``report.md`` of one activation folder, in English (``ranks``: as ``section``'s)."""
    return document.markdown(section(act, results, rows, folder, ranks=ranks))
