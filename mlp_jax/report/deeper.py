"""The depth supplement in the hand-in: lab 7 on a deeper network (``Deep``), its section
in the body (why, the σ of every layer at initialization, the loss figures), its appendix,
its conclusion, and the checks that it fits the main labs."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from mlp_jax import records
from mlp_jax.labs import diagnostics
from mlp_jax.records import SummaryRow
from mlp_jax.report import (
    conditions,
    document,
    findings,
    lab_report,
    layers,
    methods,
    results,
    text,
)
from mlp_jax.report.finished import BadDepth, Diagnosed, Finished, Found, diagnosed, find


class Deep(NamedTuple):
    """The deep network's records: its dataset folder, lab 7 and diagnostics."""

    root: Path
    found: Found
    diag: Diagnosed

    @classmethod
    def read(cls, root: Path, main: records.SharedSettings, log: Callable[[str], None]) -> Deep:
        """The records under ``root``, checked against the main labs' ``main``
        (``check_depth``)."""
        found = find(root, log)
        check_depth(main, found, root)
        return cls(root, found, diagnosed(root, log))


def deep_section(
    deep: Deep,
    main: records.SharedSettings,
    out_dir: Path,
    drawn: Path,
    lang: str,
    main_lab7: Sequence[Finished] = (),
) -> list[document.Block]:
    """The deep network in the body: why (σ of Xavier and He in the main network's first
    layer), the measured σ of every layer at initialization (``deep.<act>.layers``, those
    of activations whose units can die; ``_layer_tables``), the
    training-loss figure per activation (``deep.<act>.loss``) and the configurations whose
    every seed diverged; how it is trained unlike lab 7 (``main_lab7``,
    ``conditions.deep_note``); its weights' σ, speed and final results are in the appendix
    (``deep_appendix``)."""
    say = functools.partial(text.say, lang)
    lab7 = deep.found["lab7"]
    shared = lab7[0].provenance.shared
    network = network_of(shared.layer_sizes)
    blocks: list[document.Block] = [document.Heading(2, say("lead.h.deep", network=network))]
    xavier, he = (methods.sigmas(init, main.layer_sizes)[0] for init in ("xavier", "he"))
    intro = say(
        "handin.depth.intro",
        fans=" → ".join(map(str, main.layer_sizes[:2])),
        first=text.pct(he / xavier - 1, lang),
        network=network,
        hidden=text.count(lang, len(shared.layer_sizes) - 2, "count.hidden_layer"),
        alike=_alike(main, shared, lang),
    )
    measured = [f"@tab:deep.{act}.layers" for act in deep.diag if act in diagnostics.DEAD]
    measured += [
        say("handin.in_appendix", ref=f"@tab:deep.{act}.layers")
        for act in deep.diag
        if act not in diagnostics.DEAD
    ]
    unlike = conditions.deep_note(lab7, main_lab7, lang)
    intro += f" {unlike}" if unlike else ""
    if measured:
        intro += " " + say("lead.deep.measured", tables=lab_report.join(measured, lang))
    blocks.append(document.Paragraph(intro))
    blocks += [t for act, t in _layer_tables(deep, lang).items() if act in diagnostics.DEAD]
    figures = [b for f in lab7 for b in results.images(f, "deep", out_dir, drawn, lang, ("loss",))]
    said = {
        "figures": lab_report.join([f"@fig:{b.key}" for b in figures], lang),
        "tables": lab_report.join(
            [f"@tab:deep.{f.act}.{t}" for f in lab7 for t in ("speed", "quality") if _has(f, t)],
            lang,
        ),
    }
    sentences = [say("handin.depth.figures", **said)]
    sentences += [_all_diverged(f, r, deep.diag, network, lang) for f in lab7 for r in f.rows]
    blocks.append(document.Paragraph(" ".join(s for s in sentences if s)))
    return [*blocks, *figures]


def _layer_tables(deep: Deep, lang: str) -> dict[str, document.Table]:
    """Per activation of the deep network's diagnostics, the measured σ of every layer at
    initialization (``deep.<act>.layers``); the body shows those of activations whose units
    can die (the σ-per-layer theory is ReLU's), the appendix the others."""
    network = network_of(deep.found["lab7"][0].provenance.shared.layer_sizes)
    tables = {}
    for act, record in deep.diag.items():
        named = methods.activation_with(act, lang)
        caption = text.say(lang, "lead.deep.table", network=network, act=named)
        table = layers.layers_table(record, lang)
        tables[act] = table._replace(caption=caption, key=f"deep.{act}.layers")
    return tables


def _has(f: Finished, table: str) -> bool:
    """Whether ``results.lab_blocks`` gives ``f`` the ``table`` (``speed``: only with a
    target)."""
    return table != "speed" or f.ranking is not None


def _all_diverged(f: Finished, row: SummaryRow, diag: Diagnosed, network: str, lang: str) -> str:
    """That every seed of ``row`` diverged (so its lines and results are missing); for
    plain SGD (a step not scaled by the gradient), with the output layer's σ at
    initialization when the diagnostics measured its initializer; "" when some seed did
    not diverge."""
    if not row.all_diverged:
        return ""
    say = functools.partial(text.say, lang)
    values = {
        "network": network,
        "act": methods.activation_with(f.act, lang),
        "name": results.label(f, row.config, lang),
        "k": row.diverged,
        "n": row.seeds,
    }
    spec = f.results[row.config].provenance.config
    init, record = spec["init"], diag.get(f.act)
    if spec["optimizer"] != "sgd" or record is None or init not in record.inits:
        return say("handin.depth.diverged", **values)
    std = record.layer(init, record.layers - 1, 0).preact_std
    return say(
        "handin.depth.diverged_std",
        init=methods.label(init, lang),
        rate=text.num(f.results[row.config].provenance.learning_rate, ".3g", lang),
        std=text.num(std, ".3g", lang),
        tab=f"@tab:deep.{f.act}.layers",
        **values,
    )


def deep_appendix(deep: Deep, out_dir: Path, drawn: Path, lang: str) -> list[document.Block]:
    """The deep network's weights' σ per layer (``deep.sigma``), the measured σ per layer
    the body leaves out (``_layer_tables``), then per activation its speed and quality
    tables and test-accuracy figure (``results.lab_blocks``), its figures drawn under
    ``out_dir / drawn``."""
    lab7 = deep.found["lab7"]
    network = network_of(lab7[0].provenance.shared.layer_sizes)
    sigma = methods.sigma_table(
        {"xavier": 1.0, "he": 1.0}, lab7[0].provenance.shared.layer_sizes, lang
    )
    caption = text.say(lang, "lead.deep.sigma", network=network)
    blocks: list[document.Block] = [sigma._replace(caption=caption, key="deep.sigma")]
    blocks += [t for act, t in _layer_tables(deep, lang).items() if act not in diagnostics.DEAD]
    for f in lab7:
        blocks += results.lab_blocks(f, "deep", out_dir, drawn, lang, ("acc",))
    return blocks


def depth_conclusion(deep: Deep, lang: str) -> str:
    """Per activation whose units can die, how σ of the deep network's pre-activations
    grows from layer to layer at initialization with each initializer (``findings.growth``,
    measured and predicted), and with which it neither grows nor shrinks (within
    ``findings.THEORY``)."""
    parts = []
    for act, record in deep.diag.items():
        if act not in diagnostics.DEAD:
            continue
        grown = findings.growths(deep.found, act, record)
        shown = [
            text.say(
                lang,
                "concl.depth.part",
                name=methods.label(g.init, lang),
                measured=text.num(g.measured, "#.3g", lang),
                predicted=text.num(g.predicted, "#.3g", lang),
            )
            for g in grown
        ]
        stable = [
            methods.initialized_by(g.init, lang)
            for g in grown
            if abs(g.measured - 1) < findings.THEORY
        ]
        parts.append(
            text.say(
                lang,
                "concl.depth",
                network=network_of(record.shared.layer_sizes),
                act=methods.label(act, lang),
                parts=lab_report.join(shown, lang),
                tab=f"@tab:deep.{act}.layers",
                stable=text.say(lang, "concl.depth.stable", names=lab_report.join(stable, lang))
                if stable
                else text.say(lang, "concl.depth.none"),
            )
        )
    return " ".join(parts)


def _network(shared: records.SharedSettings) -> str:
    return "–".join(map(str, shared.layer_sizes))


def network_of(sizes: Sequence[int]) -> str:
    """784–128–10; repeated hidden layers as 784–6×128–10."""
    hidden = list(sizes[1:-1])
    if len(hidden) > 1 and len(set(hidden)) == 1:
        return f"{sizes[0]}–{len(hidden)}×{hidden[0]}–{sizes[-1]}"
    return "–".join(map(str, sizes))


def check_depth(main: records.SharedSettings, deep: Found, root: Path) -> None:
    """Whether the depth supplement's lab 7 (``deep``, read from the dataset folder
    ``root``) fits the main labs' settings ``main``: more hidden layers, the same data.

    Raises:
      BadDepth: naming the records' folder and what does not fit.
    """
    for f in deep["lab7"]:
        shared, where = f.provenance.shared, root / "lab7" / f.act
        if shared.data != main.data:
            raise BadDepth(
                f"{where} holds records of other data than the main labs (data digest "
                f"{shared.data[:12]}… against {main.data[:12]}…)"
            )
        if len(shared.layer_sizes) <= len(main.layer_sizes):
            raise BadDepth(
                f"{where} holds a {_network(shared)} network, no deeper than the main labs' "
                f"{_network(main)}"
            )


def _alike(main: records.SharedSettings, deep: records.SharedSettings, lang: str) -> str:
    """``with the same data, batch size, seeds and epochs``, or which of those the depth
    supplement's settings (``deep``) change from the main labs' (``main``)."""
    say, count = functools.partial(text.say, lang), functools.partial(text.count, lang)
    same = [say("handin.depth.thing.data")]
    differ = []
    if deep.batch_size == main.batch_size:
        same.append(say("handin.depth.thing.batch_size"))
    else:
        differ.append(say("handin.depth.diff.batch_size", new=deep.batch_size, old=main.batch_size))
    if (deep.seeds, deep.seed) == (main.seeds, main.seed):
        same.append(say("handin.depth.thing.seeds"))
    if deep.seeds != main.seeds:
        new = count(deep.seeds, "count.depth_seed")
        differ.append(say("handin.depth.diff.seeds", new=new, old=main.seeds))
    if deep.seed != main.seed:
        differ.append(say("handin.depth.diff.seed", new=deep.seed, old=main.seed))
    if deep.epochs == main.epochs:
        same.append(say("handin.depth.thing.epochs"))
    else:
        new = count(deep.epochs, "count.depth_epoch")
        differ.append(say("handin.depth.diff.epochs", new=new, old=main.epochs))
    alike = say("handin.depth.same", things=lab_report.join(same, lang))
    return (
        say("handin.depth.but", same=alike, differences=lab_report.join(differ, lang))
        if differ
        else alike
    )
