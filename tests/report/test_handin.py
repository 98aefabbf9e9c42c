"""The report to hand in: every section, numbers equal to the tables', Polish, the CLI."""

import base64
import dataclasses
import datetime
import functools
import itertools
import math
import pathlib
import re
import shutil
import subprocess
import types

import numpy as np
import pytest
from matplotlib import image

from mlp_jax import records
from mlp_jax.labs import configs, diagnostics, experiment, pace, stats, summary
from mlp_jax.report import deeper, discussion, document, finished, handin, lab_report, layers, text
from mlp_jax.report import methods as methods_module
from mlp_jax.report import results as results_module
from tests import tiny

# Its module fixtures and cached runs are built once: the module runs on one xdist worker.
pytestmark = pytest.mark.xdist_group("handin")

DATA = tiny.DATA
ACTS = ("relu", "tanh")  # Tiny programs that tests/labs/test_experiment.py compiles too.


def make_setup(out, name, baseline, layer_sizes=(784, 8, 10)):
    argv = [f"/somewhere/experiments/{name}.py", "--act=relu,tanh", "--dataset=synthetic"]
    return tiny.setup(out, name, baseline, layer_sizes=list(layer_sizes), command={"argv": argv})


def quiet(_):
    pass


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory):
    """Lab 6 (sgd, adam) for two activations, lab 7 (normal, xavier, he and exercise 2's
    configuration) and diagnostics for relu.

    Lab 6's adam and lab 7's xavier are one configuration: they share compiled programs.
    """
    out = tmp_path_factory.mktemp("handin")
    lab6 = [configs.Config(name, name, 0.01, init="xavier") for name in ("sgd", "adam")]
    experiment.run(make_setup(out, "lab6", "sgd"), dict.fromkeys(ACTS, lab6), log=quiet)
    lab7 = configs.lab7("adam", 0.01, ["normal", "xavier"])
    study7 = configs.lab7_study("adam", 0.01, ["normal", "xavier", "he"])
    experiment.run(make_setup(out, "lab7", "normal"), {"relu": study7}, log=quiet)
    study = diagnostics.run(make_setup(out, "diagnostics", "normal"), "relu", lab7, log=quiet)
    root = experiment.root(out, DATA.name)
    layers.write(study, root / "diagnostics" / "relu")
    return root


@pytest.fixture(scope="module")
def english(out_dir, deep):
    """The English report, with the depth supplement."""
    return handin.build(out_dir, depth=deep)


AUTHOR = "Jan Kowalski, 123456, gr. 3"


@pytest.fixture(scope="module")
def polish(out_dir, deep):
    """The Polish report, with an author in its title block and the depth supplement."""
    return handin.build(out_dir, "pl", author=AUTHOR, depth=deep)


@pytest.fixture
def built(english, polish):
    """Language → the module's report."""
    return {"en": english, "pl": polish}


@pytest.fixture(scope="module")
def found(out_dir):
    return finished.find(out_dir)


@pytest.fixture
def copy(out_dir, tmp_path):
    """A private copy of the module's results (``<copy.parent>/<dataset>``)."""
    return shutil.copytree(out_dir, tmp_path / "results" / out_dir.name)


def section(blocks, heading):
    """The blocks after the level-2 heading ``heading``, up to the next one."""
    start = next(i for i, b in enumerate(blocks) if b == document.Heading(2, heading))
    end = next(
        (i for i, b in enumerate(blocks[start + 1 :], start + 1) if getattr(b, "level", 0) == 2),
        len(blocks),
    )
    return blocks[start + 1 : end]


def test_markdown_and_html_hold_every_section_and_figure(out_dir, english):
    md_path, html_path = handin.write(out_dir, english)
    assert (md_path.name, html_path.name) == ("report.en.md", "report.en.html")
    md, page = md_path.read_text(), html_path.read_text()
    headings = [b.text for b in english if isinstance(b, document.Heading) and b.level == 2]
    say = functools.partial(text.say, "en")
    appendix = [
        say("lead.h.appendix", letter=letter, title=say(f"lead.appendix.{part}"))
        for letter, part in zip(
            "ABCDEF", ("rates", "definitions", "deep", "results", "code", "reproduce"), strict=True
        )
    ]  # No 2-D surfaces here: they have no run.
    expected = [
        say("lead.h.intro"),
        say("impl.h"),
        say("h.setup"),
        say("title.lab6"),
        say("title.lab7"),
        say("lead.h.deep", network="784–3×16–10"),
        say("findings.h"),
        say("h.conclusions"),
        say("lead.h.bibliography"),
    ]
    assert [h for h in headings if h in expected] == expected
    assert headings[-len(appendix) :] == appendix
    figures = [i for b in english for i in (b.images if isinstance(b, document.Row) else [b])]
    figures = [b for b in figures if isinstance(b, document.Image)]
    links = re.findall(r"!\[[^]]*\]\(([^)]+)\)", md)
    assert links == [f.link for f in figures]
    assert "report_figures/en/lab6/relu/loss_epoch.png" in links  # Drawn anew, in the language.
    assert "diagnostics/relu/activation_hist.png" in links
    assert all((out_dir / link).is_file() for link in links)
    assert not re.search(r'(src|href)="(?!data:)', page)  # Self-contained.
    embedded = re.findall(r'<img src="data:image/png;base64,([^"]+)"', page)
    assert embedded == [base64.b64encode(f.path.read_bytes()).decode() for f in figures]
    assert md.startswith("# Exercise 3")
    assert "`python -m experiments.lab7 --act=relu,tanh --dataset=synthetic`" in md


def test_every_figure_is_numbered_and_cited_before_the_appendix(english):
    """Figures and keyed tables carry their numbers in order, and each body figure is
    cited in the text by that number (no reference left unresolved: ``numbered`` raises)."""
    body = english[
        : next(i for i, b in enumerate(english) if getattr(b, "text", "").startswith("Appendix"))
    ]
    figures = [i for b in body for i in (b.images if isinstance(b, document.Row) else [b])]
    labels = [f.label for f in figures if isinstance(f, document.Image)]
    assert labels == [f"Figure {n}." for n in range(1, len(labels) + 1)]
    md = document.markdown(english)
    assert "@fig:" not in md and "@tab:" not in md
    # A list of figures names the word once ("Fig. 1 and 2", "Fig. 20–22").
    lists = re.findall(r"Figs?\.\u00a0(\d+(?:–\d+)?(?:(?:, | and )\d+(?:–\d+)?)*)", md)
    spans = [part.split("–") for cited_list in lists for part in re.split(", | and ", cited_list)]
    cited = {str(n) for a, *b in spans for n in range(int(a), int((b or [a])[0]) + 1)}
    assert {str(n) for n in range(1, len(labels) + 1)} <= cited
    tables = [b.label for b in english if isinstance(b, document.Table) and b.key]
    assert tables == [f"Table {n}." for n in range(1, len(tables) + 1)]


def test_conclusions_are_a_synthesis_each_citing_a_table(english, found):
    """The fastest optimizer per activation of lab 6 (its speed-up), each initializer
    significantly faster than N(0, 1) with its own speed-up (Xavier and He alike), and the
    combined gain over exercise 2, in at most eight bullets."""
    (bullets,) = [b for b in section(english, "Conclusions") if isinstance(b, document.Items)]
    lines = [re.sub(r"(Table|Fig\.)\xa0\d+", "T", line) for line in bullets.items]
    cites = ("(T)", ", T)", "; T)", "Holm-adjusted over all m = ")  # A table, figure or family.
    assert 3 <= len(lines) <= 8 and all(any(c in line for c in cites) for line in lines)
    for f in found["lab6"]:  # Who learns fastest, then the others' verdicts.
        lab6 = handin.conclusion(f, "en", quality=False)
        assert re.sub(r"@tab:[\w.]+", "T", lab6) in lines[0]
    for f in found["lab6"]:
        best = summary.ranked(f.rows)[0]
        if pace.distinct(*discussion.speed_interval(best), best.speedup_p_holm):
            assert f"sooner, {best.speedup_vs_baseline:.2f}× (T)" in lines[0]
    (f,) = found["lab7"]
    faster = [
        r
        for r in f.rows
        if r.config in ("xavier", "he")
        and pace.distinct(*discussion.speed_interval(r), r.speedup_p_holm)
        and r.speedup_vs_baseline > 1
    ]
    inits = [line for line in lines if line.startswith("Weight initialization")]
    assert len(inits) == discussion.has_target(f)  # Without a target: no speed to tell.
    for r in faster:  # Each significant one, not only the first.
        assert f"{r.speedup_vs_baseline:.2f}×" in inits[0]
    assert not inits or bool(faster) == ("no method" not in inits[0])
    assert lines[-1].startswith("The combined gain over exercise 2")
    assert "product of the speed-ups" in lines[-1]


def test_diagnostics_section_reports_the_first_layer_of_the_record(out_dir, english):
    (table,) = [b for b in english if isinstance(b, document.Table) and b.key == "diag.relu.layer1"]
    record = finished.diagnosed(out_dir)["relu"]
    start = record.first_layer("normal", 0)
    normal = table.rows[0]
    assert normal[0] == "N(0, 1)"
    assert normal[1] == f"{start.preact_std:#.3g}".removesuffix(".")  # Zeros kept: 10.0.
    assert normal[4] == text.pct(start.dead_frac, "en")
    assert "zero activation on the whole probe batch" in table.caption
    lab7 = section(english, text.say("en", "title.lab7"))
    assert document.Heading(3, text.say("en", "lead.h.diagnostics")) in lab7


def test_polish_report_is_polish(polish):
    md = document.markdown(polish)
    assert md.startswith("# Ćwiczenie 3")
    for heading in ("## Wprowadzenie", "## Warunki badania", "## Wnioski", "## Bibliografia"):
        assert f"\n{heading}\n" in md
    (table,) = [b for b in polish if isinstance(b, document.Table) and b.key == "lab6.relu.quality"]
    cells = " ".join(table.rows[0])
    assert re.search(r"\d,\d{3,4} ± \d,\d{3,4}", cells) and re.search(r"\d,\d%", cells)
    assert "Tabela" in table.label and "rys.\u00a0" in md and "tab.\u00a0" in md
    assert not [key for key in text.PHRASES["pl"] if "." in key and key in md]
    (setup,) = [b for b in section(polish, "Warunki badania") if isinstance(b, document.Table)]
    lab7 = next(row for row in setup.rows if row[0] == "laboratorium 7")
    assert lab7[1:] == [  # The course's names; what every experiment shares said once.
        "ReLU",
        text.integer(len(DATA.train_y), "pl"),  # Training patterns: no validation split.
        "N(0, 1), Xavier (Glorot), He, ćwiczenie 2 (SGD, N(0, 1))",
        "N(0, 1)",
    ]
    lead = next(
        b.text for b in section(polish, "Warunki badania") if isinstance(b, document.Paragraph)
    )
    assert "sieć: 784–8–10; rozmiar paczki: 64" in lead
    assert "(autor)" not in md and AUTHOR in md
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
    expected = f"run `python -m experiments.lab7 --act=relu,tanh --dataset=synthetic --out_dir={copy.parent}`"
    assert expected in md
    assert "\n## Lab 6: learning-rate optimizers\n" in md and "| lab 7 |" not in md


def test_records_from_other_settings_and_broken_files_are_left_out_and_named(copy):
    runs = copy / "lab6" / "relu" / "runs"
    tiny.save_other_settings(runs)
    (runs / "broken.npz").write_bytes(b"not a record")
    relu = finished.load(copy, "lab6", "relu")
    assert set(relu.results) == {"sgd", "adam"}
    assert relu.other_settings == ["old.npz"] and relu.unreadable == ["broken.npz"]
    md = document.markdown(handin.build(copy))
    assert "also holds records from other settings (old.npz)" in md
    assert "Left out, unreadable: broken.npz." in md


@pytest.fixture(scope="module")
def by_cli(out_dir, tmp_path_factory, run_cli):
    """``experiments.report`` as a user runs it, twice, on a copy of the module's results:
    Polish (with ``--pdf`` where a browser is), then English with an author, after the
    diagnostics record was damaged, asking for a PDF on a ``PATH`` without a browser.

    Returns the copy's dataset folder and the two runs.
    """
    copy = shutil.copytree(out_dir, tmp_path_factory.mktemp("cli") / "results" / out_dir.name)
    pdf = ["--pdf"] if document.browser() else []
    polish = run_cli("report", f"--out_dir={copy.parent}", "--lang=pl", *pdf)
    (copy / "diagnostics" / "relu" / diagnostics.RECORD).write_text('{"format": 2, "diag')
    no_browser = {"PATH": str(tmp_path_factory.mktemp("empty_path"))}
    args = [f"--out_dir={copy.parent}", "--author=A. B.", "--pdf"]
    english = run_cli("report", *args, env=no_browser)
    return copy, polish, english


def test_cli_writes_each_language_to_its_own_files(by_cli):
    copy, polish, english = by_cli
    assert polish.returncode == 0, polish.stderr
    written = ["report.pl.md", "report.pl.html"] + ["report.pl.pdf"] * bool(document.browser())
    tail = [w for name in written for w in ("wrote", str(copy / name))]
    assert polish.stdout.split()[-len(tail) :] == tail  # After the lab folders written again.
    assert (copy / "report.pl.md").read_text().startswith("# Ćwiczenie 3")
    assert english.stdout.split()[-4:] == ["wrote", str(copy / "report.en.md")] + [
        "wrote",
        str(copy / "report.en.html"),
    ]
    assert (copy / "report.en.md").read_text().startswith("# Exercise 3")
    assert "Author: A. B. · Date: " in (copy / "report.en.md").read_text()


def test_a_damaged_diagnostics_record_is_one_line_of_the_report_cli(by_cli):
    copy, _, english = by_cli
    assert text.say("pl", "title.diagnostics") in (copy / "report.pl.md").read_text()
    assert "Traceback" not in english.stderr + english.stdout
    (line,) = [line for line in english.stdout.splitlines() if "diagnosis.json" in line]
    assert line.startswith("left out of the report: ") and "unreadable" in line
    assert text.say("en", "title.diagnostics") not in (copy / "report.en.md").read_text()


def test_pdf_without_a_browser_is_one_line_after_the_report(by_cli):
    copy, _, english = by_cli
    assert english.returncode == 2 and "Traceback" not in english.stderr
    (line,) = english.stderr.strip().splitlines()
    assert line.startswith("error: no Chromium or Chrome found")
    assert not (copy / "report.en.pdf").exists()


def test_an_empty_folder_is_one_error_line(tmp_path, run_cli):
    empty = run_cli("report", f"--out_dir={tmp_path / 'nothing'}")
    assert empty.returncode == 1 and "Traceback" not in empty.stderr
    (line,) = empty.stderr.strip().splitlines()
    assert line.startswith(f"error: --out_dir={tmp_path / 'nothing'} holds no dataset's results")
    assert "python -m experiments.lab6" in line


@pytest.mark.skipif(document.browser() is None, reason="no Chromium or Chrome")
def test_pdf_with_a_browser(by_cli):
    copy = by_cli[0]
    assert (copy / "report.pl.pdf").read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):  # The widest table fits the A4 page: its last column prints.
        args = ["pdftotext", "-layout", str(copy / "report.pl.pdf"), "-"]
        printed = subprocess.run(args, capture_output=True, text=True, check=True).stdout
        words = " ".join(printed.split())
        for header in (text.say("pl", "results.col.acc"), text.say("pl", "results.col.p_acc")):
            assert all(word in words for word in header.split()), header


@pytest.mark.skipif(shutil.which("chromium") is None, reason="no chromium")
def test_report_html_renders_in_chromium(by_cli, tmp_path):
    page = by_cli[0] / "report.pl.html"
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
    subprocess.run([shutil.which("chromium"), *args], capture_output=True, timeout=60, check=True)
    pixels = image.imread(shot)[..., :3]
    assert pixels.shape[:2] == (2400, 1000)
    rgb = (pixels * 255).astype(np.uint32)
    codes = np.sort((rgb[..., 0] << 16 | rgb[..., 1] << 8 | rgb[..., 2]).ravel())
    colours = 1 + np.count_nonzero(np.diff(codes))  # (np.unique takes seconds here.)
    assert colours > 100  # Antialiased text and tables, not a blank page.
    assert (pixels.min(-1) < 0.9).mean() > 0.05


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_methods_section_has_formulas_and_the_sigmas_of_the_trained_network(built, lang):
    blocks = built[lang]
    methods_ = section(blocks, text.say(lang, "impl.h"))
    assert sum(isinstance(b, document.Math) for b in methods_) >= 2  # sgd, adam.
    (table,) = [b for b in methods_ if isinstance(b, document.Table) and b.key == "impl.sigma"]
    sizes = [784, 8, 10]
    shown = {f"σ: {methods_module.label(i, lang)}": i for i in ("normal", "xavier", "he")}
    assert sorted(table.header[2:]) == sorted(shown)
    for column, name in enumerate(table.header[2:], start=2):
        expected = methods_module.sigmas(shown[name], sizes)
        assert [row[column] for row in table.rows] == [text.num(s, ".4f", lang) for s in expected]
    page = document.markdown(methods_)
    adam = f"\\beta_1$ = {text.num(0.9, 'g', lang)}"
    assert adam in page and "\\beta_2$" in page  # Every hyperparameter as trained.
    headings = [b.text for b in blocks if isinstance(b, document.Heading) and b.level == 2]
    assert headings[1] == text.say(lang, "impl.h")  # After the introduction, before the results.
    assert any(isinstance(b, document.Code) for b in methods_)  # Our own code, listed.


def test_lab7_trains_exercise_2_and_the_gain_is_recomputed_from_its_records(found):
    (f,) = found["lab7"]
    ex2 = discussion.exercise2_record(f)
    spec = ex2.provenance.config
    assert (spec["optimizer"], spec["init"], spec["init_scale"]) == ("sgd", "normal", 1.0)
    assert ex2.provenance.learning_rate == configs.DEFAULT_LR["sgd"]  # Lab 6's rate.
    assert "momentum" not in spec["optimizer_kwargs"]  # Plain SGD.
    rows = [r for r in f.rows if r.config in ("xavier", "he")]
    best_row = summary.ranked(rows)[0]
    best = summary.selected(f.results[best_row.config])
    (ex2_steps, clock), (best_steps, _) = (summary.crossing_curves(r) for r in (ex2, best))
    gain = pace.epochs_ratio(ex2_steps, best_steps, ex2_steps, clock=clock)
    loss = stats.t_test(best.train_loss[:, -1], ex2.train_loss[:, -1], paired=True)
    (heading, said) = discussion.exercise2_gain(found, "en")
    line = said.text
    if gain.is_bound:  # At the target at the curve's first point: a bound, no interval.
        assert f"at least {discussion.significant(gain.point, 'en')}× sooner" in line
    else:  # The ratio with its seed interval, at the interval's decimals.
        places = max(2, pace.shown_decimals(gain))  # Its interval's ends: test_lab_report.
        assert f"{gain.point:.{places}f}× sooner{discussion.ratio_interval(gain, 'en')}" in line
    assert f"loss {discussion.p_text(loss.p, 'en')}" in line and "@tab:lab7.relu.quality" in line
    assert f"with Adam and {methods_module.label(best_row.config)} weights" in line
    assert heading == document.Heading(3, text.say("en", "handin.gain_h"))
    if not discussion.has_target(f):  # No speed table: no speed-up over the baseline.
        assert "depends on its target" not in line and "@tab:lab7.relu.speed" not in line
        return
    base = summary.selected(f.results["normal"])
    at_ex2 = summary.time_ratio(base, best, ex2)  # The baseline over the best, at ex2's target.
    assert "depends on its target" in line and "@tab:lab7.relu.speed" in line
    assert f"at exercise 2's final loss, {text.num(summary.target(ex2), '.4f', 'en')}" in line
    assert f"but {discussion.times_words(at_ex2, 'en')} at exercise 2's" in line


def test_pair_cases_follow_the_sign_flip_test():
    ratio = functools.partial(pace.Ratio, method="paired", n_used=3, is_bound=False)
    assert discussion.pair_case(ratio(1.2, 0.9, 1.5, p=0.3)) == "same"
    assert discussion.pair_case(ratio(1.2, 1.1, 1.5, p=0.01)) == "differ"
    assert discussion.pair_case(ratio(0.8, 0.7, 0.9, p=0.01)) == "differ"
    # The interval excludes 1, but the test, Holm-adjusted over the pairs, does not decide.
    assert discussion.pair_case(ratio(1.2, 1.1, 1.5, p=0.01), 0.06) == "same"
    assert discussion.pair_case(ratio(0.0, 0.0, 0.0)) == "only"
    assert discussion.pair_case(ratio(1.0, np.nan, np.nan)) == "neither"
    bound = pace.Ratio(2.0, np.nan, np.nan, "paired", 3, True)
    assert discussion.pair_case(bound) == "bound"


def test_title_block_names_the_author_and_figures_have_captions(out_dir, polish):
    assert polish[0] == document.Heading(1, text.say("pl", "handin.title"))
    assert polish[1].text.startswith(f"Autor: {AUTHOR} · Data: ")
    figures = [i for b in polish for i in (b.images if isinstance(b, document.Row) else [b])]
    figures = [b for b in figures if isinstance(b, document.Image)]
    assert all(b.label.startswith("Rysunek ") for b in figures)
    said = [(b.alt, b.caption) for b in figures]
    assert len(set(said)) == len(said)  # Each says what that figure shows.
    assert sum("diagnostics" in b.link for b in figures) == 1
    assert lab_report.config_label("xavier", "pl") == "Xavier (Glorot)"
    assert lab_report.config_label(configs.EXERCISE2, "en") == "exercise 2 (SGD, N(0, 1))"
    assert not any(b == document.Heading(2, "Własna dyskusja wyników") for b in polish)


def test_the_own_discussion_is_the_notes_paragraphs_as_typed():
    assert handin.own_discussion(" \n\n", "pl") == []
    notes = "Adam wygrywa,\nbo *normalizuje* kroki.\n\n  \n<b>Druga</b> myśl.\n"
    assert handin.own_discussion(notes, "pl") == [
        document.Heading(2, "Własna dyskusja wyników"),
        document.Paragraph("Adam wygrywa, bo \\*normalizuje\\* kroki."),
        document.Paragraph("\\<b\\>Druga\\</b\\> myśl."),
    ]


DEEP = (784, 16, 16, 16, 10)


@pytest.fixture(scope="module")
def deep(tmp_path_factory):
    """The depth supplement: lab 7 (normal, xavier, he) and its diagnostics record (the
    supplement shows no diagnostics figure) on a network of three hidden layers, relu,
    under another ``--out_dir``."""
    out = tmp_path_factory.mktemp("deep")
    study = configs.lab7("adam", 0.01, ["normal", "xavier", "he"])
    setup = make_setup(out, "lab7", "normal", DEEP)
    experiment.run(setup, {"relu": study}, log=quiet)
    setup = make_setup(out, "diagnostics", "normal", DEEP)
    diag = diagnostics.run(setup, "relu", study, log=quiet)
    root = experiment.root(out, DATA.name)
    diag.record.save(root / "diagnostics" / "relu" / diagnostics.RECORD)  # What the report reads.
    return root


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_depth_supplement_sits_beside_the_main_lab_with_sigmas_and_spreads(built, deep, lang):
    blocks = built[lang]
    headings = [b.text for b in blocks if isinstance(b, document.Heading) and b.level == 2]
    title = text.say(lang, "lead.h.deep", network="784–3×16–10")
    assert headings.index(title) == headings.index(text.say(lang, "title.lab7")) + 1
    part = section(blocks, title)
    (sigma,) = [b for b in blocks if isinstance(b, document.Table) and b.key == "deep.sigma"]
    (spread,) = [b for b in part if isinstance(b, document.Table)]  # The rest: the appendix.
    fans = list(itertools.pairwise(DEEP))
    expected = [[np.sqrt(2 / (a + b)), np.sqrt(2 / a)] for a, b in fans]  # Xavier, He (normal).
    got = [[float(c.replace(",", ".")) for c in row[2:]] for row in sigma.rows]
    np.testing.assert_allclose(got, expected, atol=5e-5)
    record = records.Diagnosis.load(deep / "diagnostics" / "relu" / diagnostics.RECORD)
    assert spread.key == "deep.relu.layers"
    assert len(spread.rows) == len(fans) == record.layers
    for layer, row in enumerate(spread.rows):
        stds = [record.layer(init, layer, 0).preact_std for init in record.inits]
        assert [float(c.replace(",", ".")) for c in row[1:4]] == pytest.approx(stds, rel=5e-3)
    keys = {b.key for b in blocks if isinstance(b, document.Table)}
    lab7 = finished.find(deep, quiet)["lab7"][0]
    speed = summary.ranking(lab7.results, lab7.provenance.baseline) is not None
    assert "deep.relu.quality" in keys and ("deep.relu.speed" in keys) == speed
    intro = next(b.text for b in part if isinstance(b, document.Paragraph))
    first = text.pct(np.sqrt(2 / 784) / np.sqrt(2 / (784 + 8)) - 1, lang)  # The main network's.
    assert "(784 → 8)" in intro and first in intro
    assert ("3 hidden layers" if lang == "en" else "3 warstwy ukryte") in intro
    alike = {
        "en": "with the same data, batch size, seeds and number of epochs;",
        "pl": "z tymi samymi danymi, rozmiarem paczki, powtórzeniami i liczbą epok;",
    }
    assert alike[lang] in intro
    # Appendix H: one data line per source, naming the experiments that used it.
    prefix = text.say(lang, "prov.data", names="§", source="").split("§")[0]
    data = [i for b in blocks if isinstance(b, document.Items) for i in b.items]
    data = [i for i in data if i.startswith(prefix)]
    assert len(data) == 1  # One source for every experiment here.
    for name in ("short.lab6", "short.lab7", "prov.deep", "prov.diagnostics"):
        assert text.say(lang, name) in data[0]


def test_depth_dir_without_lab7_is_one_error_line(copy, tmp_path, run_cli):
    missing = tmp_path / "deep"
    done = run_cli("report", f"--out_dir={copy.parent}", f"--depth_dir={missing}")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith(f"error: --depth_dir={missing} holds no lab 7 results on synthetic")
    assert "--hidden=128,128,128,128,128,128" in line


def test_where_lab_7s_grid_puts_plain_sgd_is_said_when_it_is_not_lab_6s_rate():
    from tests.report import test_lab_report

    losses = np.stack([test_lab_report.decay(speed) for speed in (0.2, 0.4, 0.6)])  # [G, S, E]
    val = np.zeros(losses.shape[:-1] + (losses.shape[-1] + 1,))
    val[..., -1] = [[0.5], [0.3], [0.1]]  # The grid's top rate validates best.
    grid = {"learning_rate": (0.1, 0.3, 0.9)}
    r = test_lab_report.record(losses, name=configs.EXERCISE2, rate=0.3, grid=grid, val=val)
    assert summary.selected(r).provenance.learning_rate == 0.3  # Reported at lab 6's rate.
    own, best = (float(np.mean(losses[i][:, -1])) for i in (1, 2))
    num = functools.partial(text.num, spec=".4f", lang="pl")
    assert discussion.tuned_exercise2(r, "ReLU", "pl") == (
        "ReLU: w siatce laboratorium 7 zwykły SGD wypada najlepiej przy α = 0,9 (największa "
        f"wartość w siatce): końcowa strata na zbiorze uczącym {num(best)} wobec {num(own)} przy "
        "α = 0,3; ćwiczenie 2 powyżej i przyspieszenia w laboratorium 6 dotyczą SGD z α = 0,3."
    )
    val[..., -1] = [[0.5], [0.1], [0.3]]  # Lab 6's rate is the grid's best: nothing to say.
    same = test_lab_report.record(losses, name=configs.EXERCISE2, rate=0.3, grid=grid, val=val)
    assert discussion.tuned_exercise2(same, "ReLU", "pl") is None


def test_a_lab_without_its_baseline_is_said_in_words_with_the_command(copy):
    """Issue 29, case 6: ``lab6 --optimizers=adam``, then the report: ``KeyError: 'sgd'``."""
    for gone in ("lab7", "diagnostics", "lab6/tanh"):
        shutil.rmtree(copy / gone)
    (copy / "lab6" / "relu" / "runs" / "sgd.npz").unlink()
    blocks = handin.build(copy, log=quiet)
    command = "python -m experiments.lab6 --act=relu,tanh --dataset=synthetic --optimizers=sgd"
    said = document.Paragraph(
        f"The baseline **SGD** has no record in `{copy / 'lab6' / 'relu' / 'runs'}`, so this "
        f"activation has no target, speed-up or comparison with it: run `{command}` to "
        "produce it, then this command again."
    )
    assert said in blocks


def test_depth_dir_must_hold_a_deeper_network_on_the_same_data(copy, deep, run_cli):
    """Issue 29, case 8: the main run itself was called "a deeper network"; other seeds and
    batch size were said to be the same."""
    main = finished.find(copy, quiet)["lab7"][0].provenance.shared
    done = run_cli("report", f"--out_dir={copy.parent}", f"--depth_dir={copy.parent}")
    assert done.returncode == 1 and done.stderr.strip() == (
        f"error: --depth_dir={copy.parent}: {copy / 'lab7' / 'relu'} holds a 784–8–10 network, "
        "no deeper than the main labs' 784–8–10; fix: pass the --out_dir of lab 7 run on a "
        "deeper network with the same data (python -m experiments.lab7 --dataset=synthetic "
        "--hidden=128,128,128,128,128,128 --out_dir=<another folder>), or leave the flag out"
    )
    found = finished.find(deep, quiet)
    with pytest.raises(finished.BadDepth, match=r"/lab7/relu holds records of other data than"):
        deeper.check_depth(dataclasses.replace(main, data="0" * 64), found, deep)
    deeper.check_depth(main, found, deep)  # Deeper, the same data.
    other = dataclasses.replace(main, batch_size=128, seeds=10, seed=1)
    drawn = pathlib.Path(handin.FIGURES, "en")
    part = deeper.deep_section(deeper.Deep.read(deep, other, quiet), other, copy, drawn, "en")
    intro = next(b.text for b in part if isinstance(b, document.Paragraph))
    assert (
        "(3 hidden layers), with the same data and number of epochs but a batch size of 64 "
        "(the main labs: 128), 3 seeds (the main labs: 10) and base seed 0 (the main labs: 1);"
    ) in intro


def test_title_block_has_author_and_localized_date():
    day = datetime.date(2026, 11, 30)
    pl = handin.title_block("Sprawozdanie", "Jan Kowalski, 123456, gr. 3", day, "pl")
    assert pl == [
        document.Heading(1, "Sprawozdanie"),
        document.Paragraph("Autor: Jan Kowalski, 123456, gr. 3 · Data: 30.11.2026"),
    ]
    en = handin.title_block("Report", "  ", day, "en")  # Left for the student to fill in.
    assert en[1] == document.Paragraph("Author: (author) · Date: 30 November 2026")


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_exercise_2s_gain_is_its_ratio_with_the_seed_interval_or_a_bound(lang):
    """A ratio with its interval, at the interval's decimals; a bound (the curve at the
    target at its first point) as "at least", to two significant digits, naming that
    point."""
    ratio = pace.Ratio(13.6627, 13.1629, 13.9496, "paired", 10, False, p=0.002)
    said = discussion.gain_speed(ratio, 0.5, lang)
    ends = f"{text.num(13.16, '.2f', lang)}–{text.num(13.95, '.2f', lang)})"
    assert said.startswith(text.times(lang, text.num(13.66, ".2f", lang))) and said.endswith(ends)
    bound = discussion.gain_speed(dataclasses.replace(ratio, point=19.0, is_bound=True), 0.5, lang)
    assert bound == text.say(
        lang, "handin.gain.bound", x=text.times(lang, "19"), first=text.num(0.5, ".2g", lang)
    )
    assert discussion.times_words(dataclasses.replace(ratio, point=math.inf), lang) == "—"


@pytest.mark.parametrize(
    ("x", "shown"),
    [(47.27, "47"), (84.1, "84"), (4.73, "4,7"), (140.2, "140"), (0.148, "0,15"), (1.0, "1,0")],
)
def test_significant_keeps_two_digits(x, shown):
    assert discussion.significant(x, "pl") == shown


def test_the_computations_time_span_is_said_once_per_day():
    at = lambda when: types.SimpleNamespace(finished=f"2026-12-06T{when}:00+00:00")
    one, two = at("06:31"), at("11:09")
    other = types.SimpleNamespace(finished="2026-12-07T01:02:00+00:00")
    assert handin.span([one, two], "pl") == "06.12.2026 w godz. 06:31–11:09"
    assert handin.span([one, two], "en") == "on 06 December 2026, 06:31–11:09"
    assert handin.span([one, other], "pl") == "od 06.12.2026 06:31 do 07.12.2026 01:02"
    assert handin.span([one, one], "pl") == "06.12.2026 06:31"
    assert handin.span([], "pl") == "—"
    said = text.say("pl", "prov.finished", dates=handin.span([one, two], "pl"))
    assert said == "Obliczenia wykonano 06.12.2026 w godz. 06:31–11:09 (UTC)."


def test_the_setup_names_configurations_without_code_identifiers():
    """The momentum study's records are named ``momentum_g0.5``…: the setup table shows the
    optimizer with its γ and α instead (the review's tab. 3)."""
    from tests.report import test_lab_report

    def record(name, optimizer, rate, **kwargs):
        r = test_lab_report.record(
            test_lab_report.decay(0.3), name=name, optimizer=optimizer, rate=rate
        )
        config = {**r.provenance.config, "optimizer_kwargs": kwargs}
        return r._replace(provenance=dataclasses.replace(r.provenance, config=config))

    results = {
        "sgd": record("sgd", "sgd", 0.3),
        "momentum_g0.5_equal_step": record(
            "momentum_g0.5_equal_step", "momentum", 0.15, momentum=0.5
        ),
        "momentum_g0.9": record("momentum_g0.9", "momentum", 0.1),  # γ: the default, 0.9.
        "odd_rate": record("odd_rate", "adam", 0.003),
    }
    f = finished.Finished("momentum", "relu", results, [], [], [])
    assert handin.config_names(f, "pl") == [
        "SGD",
        "Momentum (γ = 0,5, α = 0,15)",
        "Momentum (γ = 0,9, α = 0,1)",
        "Adam (α = 0,003)",
    ]


def test_the_setup_is_a_summary_citing_the_appendixs_definitions(english):
    say = functools.partial(text.say, "en")
    title = say("lead.appendix.definitions")
    (heading,) = [b for b in english if isinstance(b, document.Heading) and b.text.endswith(title)]
    letter = heading.text.removeprefix("Appendix ")[0]
    assert heading == document.Heading(2, say("lead.h.appendix", letter=letter, title=title))
    setup = section(english, say("h.setup"))
    meaning = say("lead.setup.meaning", alpha=text.num(summary.ALPHA, ".2f", "en"), letter=letter)
    assert document.Paragraph(meaning) in setup
    assert not any(isinstance(b, document.Items) for b in setup)  # The definitions: once.
    at = english.index(heading)
    defined = results_module.definitions("en")
    assert english[at + 1 : at + 1 + len(defined)] == defined
