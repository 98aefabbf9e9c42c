"""Blocks written as Markdown and as one self-contained HTML page."""

import _thread
import base64
import contextlib
import os
import re
import signal
import subprocess
import threading
import time
import zlib
from pathlib import Path
from xml.etree import ElementTree

import matplotlib.image
import numpy as np
import pytest

from mlp_jax.report import document

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def blocks(tmp_path):
    image = tmp_path / "fig.png"
    image.write_bytes(PNG)
    return [
        document.Heading(1, "Lab <6>"),
        document.Paragraph("**adam** wins; `sgd` & co."),
        document.Items(["one", "two"], ordered=True),
        document.Table(["a", "b"], [["1", "x|y"], ["2", "z"]]),
        document.Image("A figure", image, "sub/fig.png"),
    ]


def test_markdown(tmp_path):
    md = document.markdown(blocks(tmp_path))
    assert md.splitlines()[:3] == ["# Lab <6>", "", "**adam** wins; `sgd` & co."]
    assert "1. one\n2. two" in md
    assert "| a | b |\n| --- | --- |\n| 1 | x\\|y |" in md  # A cell's | escaped (GitHub).
    assert md.rstrip().endswith("![A figure](sub/fig.png)")


def test_html_is_self_contained_and_escaped(tmp_path):
    page = document.html(blocks(tmp_path), title="Report & co", lang="pl")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="pl">' in page
    assert "<title>Report &amp; co</title>" in page
    assert "<h1>Lab &lt;6&gt;</h1>" in page
    assert "<p><strong>adam</strong> wins; <code>sgd</code> &amp; co.</p>" in page
    assert "<ol><li>one</li><li>two</li></ol>" in page
    assert "<td>x|y</td>" in page
    (src,) = re.findall(r'<img src="([^"]+)"', page)
    assert base64.b64decode(src.removeprefix("data:image/png;base64,")) == PNG
    assert not re.search(r'(src|href)="(?!data:)', page)  # Nothing outside the file.


def test_image_caption_math_and_inline_math(tmp_path):
    image = tmp_path / "fig.png"
    image.write_bytes(PNG)
    chunks = [
        document.Image("Loss", image, "fig.png", caption="Bands: 95% CI, t(0,975; n − 1)."),
        document.Math(r"\theta_{t+1} = \theta_t - \alpha g_t"),
        document.Paragraph(r"with \(\gamma = 0.9\) and **bold**"),
    ]
    md = document.markdown(chunks)
    assert "![Loss](fig.png)\n\n*Bands: 95% CI, t(0,975; n − 1).*" in md
    assert "$$\n\\theta_{t+1} = \\theta_t - \\alpha g_t\n$$" in md
    assert "with $\\gamma = 0.9$ and **bold**" in md
    page = document.html(chunks, title="t")
    assert "<figcaption><strong>Loss.</strong> Bands: 95% CI, t(0,975; n − 1).</figcaption>" in page
    (block,) = re.findall(r'<div class="math">(<math.*?</math>)</div>', page)
    assert 'display="block"' in block and "<msub><mi>&#x003B8;</mi>" in block
    (inline,) = re.findall(r"<p>with (<math.*?</math>) and <strong>bold</strong></p>", page)
    assert 'display="inline"' in inline and "<mn>0.9</mn>" in inline
    for element in (block, inline):
        ElementTree.fromstring(element)  # Well-formed MathML.
    assert "script" not in page  # The browser renders MathML itself: nothing to load.


def test_numbers_are_right_aligned_and_small_tables_kept_together():
    rows = [
        ["adam", "0,4582 ± 0,0045", "86,3% (85,1–87,0)", "5,02× (4,89–5,05)", "< 0,001", "—"],
        ["sgd", "1,3·10⁻¹⁸", "60 000", "2/10", "3e-23", "relu"],
    ]
    page = document.html(
        [document.Table(["name", "loss", "acc", "speed", "p", "x"], rows)], title="t"
    )
    (table,) = re.findall(r"<table.*?</table>", page)
    assert table.startswith('<table class="small">')
    assert re.findall(r"<th( class=\"num\")?>", table) == ["", *[' class="num"'] * 4, ""]
    assert '<td class="num">0,4582 ± 0,0045</td>' in table and "<td>relu</td>" in table
    big = document.Table(["n"], [[str(i)] for i in range(document.SMALL_TABLE + 1)])
    assert "<table>" in document.html([big], title="t")
    assert "@page { size: A4" in page
    assert "table.small { break-inside: avoid; }" in page
    assert "thead { display: table-header-group; }" in page


def _text_objects(pdf_bytes):
    """How many text objects (BT … ET) the PDF's compressed page streams hold."""
    count = 0
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf_bytes, re.DOTALL):
        try:
            count += len(re.findall(rb"\bBT\b", zlib.decompress(stream)))
        except zlib.error:
            continue
    return count


needs_browser = pytest.mark.skipif(
    document.browser() is None, reason="no Chromium or Chrome on PATH to print with"
)


@needs_browser
def test_pdf_is_a4_without_browser_header_or_footer(tmp_path):
    page = tmp_path / "report.html"
    page.write_text(document.html([document.Paragraph("Hello")], title="A title"), "utf-8")
    out = document.pdf(page, tmp_path / "report.pdf")
    data = out.read_bytes()
    assert data.startswith(b"%PDF-")
    (box,) = set(re.findall(rb"/MediaBox \[([^\]]*)\]", data))
    width, height = (float(v) for v in box.split()[2:])
    assert width == pytest.approx(595.28, abs=1) and height == pytest.approx(841.89, abs=1)  # A4.
    # One paragraph, one text object: no title, date, file path or page number around it.
    assert _text_objects(data) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html", "report.pdf"]


def test_pdf_without_a_browser_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setattr(document.shutil, "which", lambda name: None)
    with pytest.raises(document.PrintError) as error:
        document.pdf(tmp_path / "report.html", tmp_path / "report.pdf")
    message = str(error.value)
    assert "\n" not in message and "chromium" in message and "apt-get install" in message
    assert not (tmp_path / "report.pdf").exists()


def test_pdf_of_a_missing_page_and_a_browser_that_fails(tmp_path, monkeypatch):
    failing = tmp_path / "chromium"
    failing.write_text("#!/bin/sh\necho 'first line' >&2\necho 'cannot open display' >&2\nexit 3\n")
    failing.chmod(0o755)
    monkeypatch.setattr(document, "browser", lambda: str(failing))
    with pytest.raises(document.PrintError, match="no page to print at .*write the HTML"):
        document.pdf(tmp_path / "none.html", tmp_path / "out" / "report.pdf")
    page = tmp_path / "report.html"
    page.write_text(document.html([document.Paragraph("x")], title="t"), "utf-8")
    with pytest.raises(document.PrintError) as error:
        document.pdf(page, tmp_path / "out" / "report.pdf")
    assert str(error.value).endswith("(exit 3): cannot open display")
    assert list((tmp_path / "out").iterdir()) == []  # No partial PDF, no temporary folder.


def _alive(pid):
    """Whether process ``pid`` runs (a zombie, dead but not yet reaped, does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux's /proc")
def test_pdf_times_out_and_ends_the_browsers_process_group(tmp_path, monkeypatch):
    page = tmp_path / "report.html"
    page.write_text("<p>x</p>", "utf-8")
    hanging = tmp_path / "browser"
    child = tmp_path / "child.pid"
    hanging.write_text(f"#!/bin/sh\nsleep 60 &\necho $! > {child}\nwait\n")
    hanging.chmod(0o755)
    monkeypatch.setattr(document, "browser", lambda: str(hanging))
    with pytest.raises(document.PrintError, match="took over 1 s"):
        document.pdf(page, tmp_path / "report.pdf", timeout=1)
    pid = int(child.read_text())
    for _ in range(100):  # The browser's helper process was killed with it.
        if not _alive(pid):
            break
        time.sleep(0.05)
    assert not _alive(pid)


def math_ink(folder: Path, latex: str, width: int = 600) -> np.ndarray:
    """Where the browser inks ``latex`` laid out as a displayed formula at 120 px, in a
    window ``width`` pixels wide: a boolean image (rows, columns)."""
    page = folder / "math.html"
    page.write_text(
        document.html([document.Math(latex)], title="t").replace(
            "<body>", '<body style="font-size:120px">'
        ),
        "utf-8",
    )
    shot = folder / "math.png"
    command = [
        document.browser(),
        "--headless",
        "--disable-gpu",
        f"--user-data-dir={folder / 'profile'}",
        f"--screenshot={shot}",
        f"--window-size={width},600",
        page.as_uri(),
    ]
    if os.geteuid() == 0:
        command.insert(1, "--no-sandbox")
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    return matplotlib.image.imread(shot)[..., :3].mean(-1) < 0.5


@needs_browser
def test_the_browser_lays_out_mathml(tmp_path):
    """A fraction in MathML is drawn stacked (taller than wide), not as the inline text "12"."""
    rows, cols = np.nonzero(math_ink(tmp_path, r"\frac{1}{2}"))
    height, width = np.ptp(rows), np.ptp(cols)
    assert height > 1.5 * width, (height, width)


BUSY_BROWSER = """#!/bin/sh
for a; do case "$a" in --user-data-dir=*) profile="${a#--user-data-dir=}";; esac; done
mkdir -p "$profile"
echo $$ > "$0.pid"
sleep 60 &
echo $! > "$0.child"
while :; do echo x > "$profile/busy"; sleep 0.01; done
"""


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux's /proc")
def test_an_interrupted_pdf_ends_the_browser_and_leaves_nothing(tmp_path, monkeypatch):
    """Issue 29, case 11: Ctrl-C while printing left the browser's processes running and
    its profile (written to until then) in the results folder, or ended in an error."""
    page = tmp_path / "report.html"
    page.write_text("<p>x</p>", "utf-8")
    browser = tmp_path / "browser"
    browser.write_text(BUSY_BROWSER)
    browser.chmod(0o755)
    monkeypatch.setattr(document, "browser", lambda: str(browser))
    monkeypatch.setattr(document.tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    results = tmp_path / "results"
    ctrl_c = threading.Timer(0.5, _thread.interrupt_main)
    ctrl_c.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            document.pdf(page, results / "report.pdf")
        child = int(Path(f"{browser}.child").read_text())
        for _ in range(100):  # The browser's helper was killed with it.
            if not _alive(child):
                break
            time.sleep(0.05)
        assert not _alive(child)
        assert list(results.iterdir()) == [] and list((tmp_path / "tmp").iterdir()) == []
    finally:
        with contextlib.suppress(OSError, ValueError):
            os.killpg(int(Path(f"{browser}.pid").read_text()), signal.SIGKILL)


WORDS = document.Words("Rysunek", "Tabela", "rys.", "tab.")


def test_figures_and_keyed_tables_are_numbered_and_cited_in_order(tmp_path):
    image = tmp_path / "fig.png"
    image.write_bytes(PNG)
    out = document.numbered(
        [
            document.Paragraph("Strata (@fig:b) i wyniki (@tab:t)."),
            document.Image("Pierwszy", image, "a.png"),
            document.Image("Drugi", image, "b.png", "opis @tab:t", key="b"),
            document.Table(["x"], [["@fig:b"]]),  # Not keyed: not numbered.
            document.Table(["x"], [["1"]], caption="Wyniki", key="t"),
        ],
        WORDS,
    )
    assert out[0].text == "Strata (rys.\u00a02) i wyniki (tab.\u00a01)."
    assert [out[1].label, out[2].label, out[3].label, out[4].label] == [
        "Rysunek 1.",
        "Rysunek 2.",
        "",
        "Tabela 1.",
    ]
    assert out[2].caption == "opis tab.\u00a01" and out[3].rows == [["rys.\u00a02"]]
    page = document.html(out, title="t")
    assert "<figcaption><strong>Rysunek 2.</strong> <strong>Drugi.</strong> opis" in page
    assert "<caption><strong>Tabela 1.</strong> Wyniki</caption>" in page
    assert "*Rysunek 2. opis tab.\u00a01*" in document.markdown(out)


@pytest.mark.parametrize(
    "blocks",
    [
        [document.Paragraph("see @fig:nowhere")],
        [document.Paragraph("@tab:x"), document.Table(["a"], [["1"]])],
        [document.Table(["a"], [], key="t"), document.Table(["a"], [], key="t")],
    ],
)
def test_a_reference_to_nothing_or_a_key_used_twice_is_refused(blocks):
    with pytest.raises(ValueError):
        document.numbered(blocks, WORDS)


def test_a_code_listing_is_shown_as_it_is():
    listing = document.Code("def f(x):\n    return x < 1  # ``` & <b>", "mlp_jax/x.py")
    md = document.markdown([listing])
    assert md == "*mlp_jax/x.py*\n\n````\ndef f(x):\n    return x < 1  # ``` & <b>\n````\n"
    page = document.html([listing], title="t")
    assert "<pre><code>def f(x):\n    return x &lt; 1  # ``` &amp; &lt;b&gt;</code></pre>" in page


def test_a_heading_is_printed_on_the_page_of_what_follows_it():
    page = document.html(
        [
            document.Heading(2, "Lab 6"),
            document.Heading(3, "relu"),
            document.Paragraph("text"),
            document.Paragraph("more"),
            document.Heading(2, "End"),
        ],
        title="t",
    )
    body = page.split("<body>\n", 1)[1]
    assert body.startswith(
        '<div class="keep"><h2>Lab 6</h2><h3>relu</h3><p>text</p></div>\n<p>more</p>'
    )
    assert body.rstrip().endswith("<h2>End</h2>\n</body>\n</html>")
    assert (
        ".keep { break-inside: avoid; }" in page or "figure, .keep { break-inside: avoid; }" in page
    )


def test_figures_in_a_row_are_numbered_each_and_printed_side_by_side(tmp_path):
    image = tmp_path / "fig.png"
    image.write_bytes(PNG)
    row = document.Row([document.Image(n, image, f"{n}.png", "c", key=n) for n in ("a", "b")])
    out = document.numbered([document.Paragraph("@fig:b, @fig:a"), row], WORDS)
    assert out[0].text == "rys.\u00a02, rys.\u00a01"
    assert [i.label for i in out[1].images] == ["Rysunek 1.", "Rysunek 2."]
    page = document.html(out, title="t")
    assert page.count('<div class="row"><figure>') == 1 and page.count("<figure>") == 2
    assert document.markdown(out).count("![") == 2


@pytest.mark.parametrize(
    ("text", "pl", "en"),
    [
        (
            "@tab:t i @fig:a i @fig:b",
            "tab.\u00a01, rys.\u00a01 i 2",
            "Table\u00a01, Figs.\u00a01 and 2",
        ),
        ("@tab:t, @fig:a and @fig:b", "tab.\u00a01, rys.\u00a01 and 2", None),
        ("@tab:t i @fig:b", "tab.\u00a01 i rys.\u00a02", "Table\u00a01 and Fig.\u00a02"),
        ("@fig:a, @fig:b i @fig:c", "rys.\u00a01–3", "Figs.\u00a01–3"),
        ("@fig:a i @fig:c", "rys.\u00a01 i 3", "Figs.\u00a01 and 3"),
        ("@fig:a, @fig:b", "rys.\u00a01, rys.\u00a02", "Fig.\u00a01, Fig.\u00a02"),
        ("(@fig:a) i @fig:b", "(rys.\u00a01) i rys.\u00a02", "(Fig.\u00a01) and Fig.\u00a02"),
    ],
)
def test_a_list_of_references_names_each_kind_once(tmp_path, text, pl, en):
    image = tmp_path / "fig.png"
    image.write_bytes(PNG)
    figures = [document.Image(k, image, f"{k}.png", key=k) for k in "abc"]
    table = document.Table(["x"], [["1"]], key="t")
    words = {
        "pl": (text, pl, WORDS),
        "en": (
            text.replace(" i ", " and "),
            en,
            document.Words(*"FT", "Fig.", "Table", "Figs.", "Tables"),
        ),
    }
    for source, expected, w in words.values():
        if expected is not None:
            out = document.numbered([document.Paragraph(source), *figures, table], w)
            assert out[0].text == expected
