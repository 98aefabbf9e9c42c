"""The report to hand in: every section, numbers equal to the tables', Polish, the CLI."""

import base64
import dataclasses
import math
import re
import shutil
import subprocess

import numpy as np
import pytest
from matplotlib import image

from mlp_jax import (
    configs,
    data,
    diagnostics,
    document,
    experiment,
    handin,
    labs,
    records,
    report,
    summary,
    text,
)

DATA = data.synthetic(num_train=256, num_test=64)
ACTS = ("relu", "tanh")  # Tiny programs that tests/test_experiment.py compiles too.


def make_setup(out, name, baseline):
    argv = [f"/somewhere/experiments/{name}.py", "--act=relu,tanh", "--dataset=synthetic"]
    return experiment.Setup.create(
        experiment=name,
        baseline=baseline,
        out_dir=out,
        dataset=DATA,
        layer_sizes=[784, 8, 10],
        batch_size=64,
        epochs=2,
        seeds=3,
        command={"argv": argv},
    )


def quiet(_):
    pass


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory):
    """Lab 6 (sgd, adam) for two activations, lab 7 (normal, xavier) and diagnostics for relu.

    Lab 6's adam and lab 7's xavier are one configuration: they share compiled programs.
    """
    out = tmp_path_factory.mktemp("handin")
    lab6 = [configs.Config(name, name, 0.01, init="xavier") for name in ("sgd", "adam")]
    experiment.run(
        make_setup(out, "lab6", "sgd"), dict.fromkeys(ACTS, lab6), log=quiet, write=report.write_all
    )
    lab7 = configs.lab7("adam", 0.01, ["normal", "xavier"])
    experiment.run(
        make_setup(out, "lab7", "normal"), {"relu": lab7}, log=quiet, write=report.write_all
    )
    study = diagnostics.run(make_setup(out, "diagnostics", "normal"), "relu", lab7, log=quiet)
    diagnostics.write(study, out / "diagnostics" / "relu")
    return out


@pytest.fixture(scope="module")
def english(out_dir):
    return handin.build(out_dir)


@pytest.fixture(scope="module")
def found(out_dir):
    return handin.find(out_dir)


@pytest.fixture
def copy(out_dir, tmp_path):
    """A private copy of the module's results."""
    return shutil.copytree(out_dir, tmp_path / "results")


def section(blocks, heading):
    """The blocks after the level-2 heading ``heading``, up to the next one."""
    start = next(i for i, b in enumerate(blocks) if b == document.Heading(2, heading))
    end = next(
        (i for i, b in enumerate(blocks[start + 1 :], start + 1) if getattr(b, "level", 0) == 2),
        len(blocks),
    )
    return blocks[start + 1 : end]


def test_markdown_and_html_hold_every_section_and_figure(out_dir, english):
    md_path, html_path = handin.write(out_dir)
    md, page = md_path.read_text(), html_path.read_text()
    headings = [b.text for b in english if isinstance(b, document.Heading) and b.level == 2]
    assert headings == [
        "Setup",
        "Lab 6: learning-rate optimizers",
        "Lab 7: weight initialization",
        "Layer diagnostics",
        "Comparison with exercise 2",
        "Conclusions",
        "Provenance",
    ]
    figures = [b for b in english if isinstance(b, document.Image)]
    links = re.findall(r"!\[[^]]*\]\(([^)]+)\)", md)
    assert links == [f.link for f in figures]
    assert "report_figures/en/lab6/activations.png" in links  # Drawn anew, in the language.
    assert "report_figures/en/lab6/relu/loss_epoch.png" in links
    assert "diagnostics/relu/activation_hist.png" in links
    assert all((out_dir / link).is_file() for link in links)
    assert not re.search(r'(src|href)="(?!data:)', page)  # Self-contained.
    embedded = re.findall(r'<img src="data:image/png;base64,([^"]+)"', page)
    assert embedded == [base64.b64encode(f.path.read_bytes()).decode() for f in figures]
    assert "<em>Epochs to target</em>" in page and md.startswith("# Exercise 3")
    assert "`python -m experiments.lab7 --act=relu,tanh --dataset=synthetic`" in md


def test_comparison_table_has_summarize_numbers(english, found):
    (table,) = [
        b for b in section(english, "Comparison with exercise 2") if isinstance(b, document.Table)
    ]
    expected = [
        (f, summary.ranked(f.rows)[0])
        for name, lab in labs.LABS.items()
        if lab.assignment
        for f in found[name]
    ]
    assert [row[:2] for row in table.rows] == [
        [text.say("en", f.lab.short_key), f.act] for f, _ in expected
    ]
    for cells, (f, best) in zip(table.rows, expected, strict=True):
        base = summary.baseline_row(f.rows, f.provenance.baseline)
        tied = [report.name(r, "en") for r in summary.ranked(f.rows) if r.rank == 1]
        expected_best = " = ".join(tied) if len(tied) > 1 else report.name(best, "en")
        assert cells[2] == report.name(base, "en") and cells[5] == expected_best
        assert float(cells[3]) == pytest.approx(base.final_train_loss_mean, abs=5e-5)
        assert float(cells[4].rstrip("%")) == pytest.approx(100 * base.test_acc_mean, abs=0.05)
        assert float(cells[6]) == pytest.approx(best.final_train_loss_mean, abs=5e-5)
        assert cells[8] == report.speedup_cell(best, "en")
        assert f"{best.speedup_vs_baseline:.2f}×" in cells[8]


def test_conclusions_name_the_leaders_with_the_tables_speedup(english, found):
    lines = [
        line
        for b in section(english, "Conclusions")
        if isinstance(b, document.Items)
        for line in b.items
    ]
    every = [f for name in labs.LABS for f in found[name]]
    assert len(lines) == len(every) + 1  # And one for the diagnostics.
    for line, f in zip(lines, every, strict=False):
        name = f.provenance.baseline
        best = next(r for r in summary.ranked(f.rows) if r.config != name)
        first = [r.config for r in summary.ranked(f.rows) if r.rank == 1]
        if len(first) > 1:  # Tied at rank 1: nobody is "fastest" alone.
            assert "are fastest, indistinguishable from each other" in line
            assert "fastest alone" not in line
        ranks = summary.ranking(f.results, name)
        speed = report.speedup_words(best, name, "en", report.digits(ranks, name, best))
        assert f" {speed}, " in line  # As the ranking says it.
        base = summary.baseline_row(f.rows, name)
        lower = [
            r
            for r in f.rows
            if r.p_holm < 0.05 and r.final_train_loss_mean < base.final_train_loss_mean
        ]
        tested = [r for r in f.rows if math.isfinite(r.p_holm)]
        share = text.share("en", len(lower), len(tested), f.lab.noun_key, "concl.ends")
        assert f" {share} at a significantly lower training loss" in line
        assert "Holm-adjusted p < 0.05" in line


def test_diagnostics_section_reports_the_first_layer_of_the_record(out_dir, english):
    blocks = section(english, "Layer diagnostics")
    (table,) = [b for b in blocks if isinstance(b, document.Table)]
    record = handin.diagnosed(out_dir)["relu"]
    start = record.first_layer("normal", 0)
    normal = table.rows[0]
    assert normal[0] == "N(0, 1)"
    assert normal[1] == text.num(start.preact_std, ".3g", "en")
    assert normal[4] == text.pct(start.dead_frac, "en")
    assert "N(0, 1): pre-activation std" in diagnostics.headline(record)


def test_a_damaged_diagnostics_record_is_one_line_of_the_report_cli(copy, run_cli):
    (copy / "diagnostics" / "relu" / diagnostics.RECORD).write_text('{"format": 2, "diag')
    done = run_cli("report", f"--out_dir={copy}")
    assert done.returncode == 0 and "Traceback" not in done.stderr + done.stdout
    (line,) = [line for line in done.stdout.splitlines() if "diagnosis.json" in line]
    assert line.startswith("left out of the report: ") and "unreadable" in line
    assert "Layer diagnostics" not in (copy / "report.md").read_text()


def test_polish_report_is_polish(out_dir):
    blocks = handin.build(out_dir, "pl")
    md = document.markdown(blocks)
    assert md.startswith("# Ćwiczenie 3")
    for heading in ("## Warunki badania", "## Porównanie z wynikami ćwiczenia 2", "## Wnioski"):
        assert f"\n{heading}\n" in md
    (table,) = [
        b
        for b in section(blocks, "Porównanie z wynikami ćwiczenia 2")
        if isinstance(b, document.Table)
    ]
    assert all(re.fullmatch(r"\d+,\d{4}", row[3]) for row in table.rows)  # Decimal commas.
    assert all(re.fullmatch(r"\d+,\d%", row[4]) for row in table.rows)
    assert not [key for key in text.PHRASES["pl"] if "." in key and key in md]
    english = [
        fragment
        for key, phrase in text.PHRASES["en"].items()
        for fragment in re.split(r"{\w+}", phrase)
        if len(fragment.split()) >= 3 and fragment not in text.PHRASES["pl"][key]
    ]
    assert not [fragment for fragment in english if fragment in md]


def test_a_missing_lab_names_the_command_that_produces_it(copy):
    shutil.rmtree(copy / "lab7")
    md = document.markdown(handin.build(copy))
    expected = (
        f"run `python -m experiments.lab7 --act=relu,tanh --dataset=synthetic --out_dir={copy}`"
    )
    assert expected in md
    assert "\n## Lab 6: learning-rate optimizers\n" in md and "| lab 7 |" not in md


def test_records_from_other_settings_and_broken_files_are_left_out_and_named(copy):
    runs = copy / "lab6" / "relu" / "runs"
    record = records.History.load(runs / "adam.npz")
    other = dataclasses.replace(record.provenance.shared, epochs=7)
    old = dataclasses.replace(record.provenance, shared=other, finished="2000-01-01T00:00:00+00:00")
    record._replace(provenance=old).save(runs / "old.npz")
    (runs / "broken.npz").write_bytes(b"not a record")
    relu = handin.load(copy, "lab6", "relu")
    assert set(relu.results) == {"sgd", "adam"}
    assert relu.other_settings == ["old.npz"] and relu.unreadable == ["broken.npz"]
    md = document.markdown(handin.build(copy))
    assert "also holds records from other settings (old.npz)" in md
    assert "Left out, unreadable: broken.npz." in md


def test_cli_writes_polish_and_an_empty_folder_is_one_error_line(copy, tmp_path, run_cli):
    done = run_cli("report", f"--out_dir={copy}", "--lang=pl")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [
        "wrote",
        str(copy / "report.md"),
        "wrote",
        str(copy / "report.html"),
    ]
    assert (copy / "report.md").read_text().startswith("# Ćwiczenie 3")
    empty = run_cli("report", f"--out_dir={tmp_path / 'nothing'}")
    assert empty.returncode == 2 and "Traceback" not in empty.stderr
    (line,) = empty.stderr.strip().splitlines()
    assert line.startswith("error: no results under") and "python -m experiments.lab6" in line


def test_report_html_renders_in_chromium(out_dir, tmp_path):
    browser = shutil.which("chromium")
    if browser is None:
        pytest.skip("no chromium")
    _, page = handin.write(out_dir)
    shot = tmp_path / "shot.png"
    args = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        f"--screenshot={shot}",
        "--window-size=1000,2400",
        page.as_uri(),
    ]
    subprocess.run([browser, *args], capture_output=True, timeout=60, check=True)
    pixels = image.imread(shot)[..., :3]
    assert pixels.shape[:2] == (2400, 1000)
    colours = np.unique((pixels * 255).astype(np.uint8).reshape(-1, 3), axis=0)
    assert len(colours) > 500  # Text, tables and the figures, not a blank page.
    assert (pixels.min(-1) < 0.9).mean() > 0.05
