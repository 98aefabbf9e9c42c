"""Text from outside the code (the author, folder and file names, the flags echoed into
the provenance, the data line, names read from a record) is never live in a report: no
script, event handler, link, remote load or heading of its own, in the HTML (as a
browser renders it), in the Markdown, or in the PDF's printing."""

import dataclasses
import html.parser
import http.server
import os
import re
import subprocess
import threading

import pytest

from mlp_jax import data
from mlp_jax.labs import configs, experiment
from mlp_jax.report import document, handin, text

pytestmark = pytest.mark.xdist_group("hostile")

needs_browser = pytest.mark.skipif(
    document.browser() is None, reason="no Chromium or Chrome on PATH to render with"
)


def hostile(port):
    """The strings tried, by name; the remote ones point at the loopback server on ``port``."""
    far = f"http://127.0.0.1:{port}"
    return {
        "script": '<script>document.title="PWNED"</script>',
        "handler": "<img src=x onerror=\"document.title='PWNED'\"><svg onload=alert(1)>",
        "html link": '<a href="javascript:alert(1)">click</a>',
        "markdown link": "[click](javascript:alert(1))",
        "remote image": f'![]({far}/md.png) <img src="{far}/html.png">',
        "autolink": f"{far}/auto www.example.com",
        "heading": "Jan\n## heading\n| a | b |\n| --- | --- |\n- item",
        "right to left": "Jan \u202eevil\u202c \u2066isolated\u2069",
        "math script": r'\(\text{<script>document.title="PWNED"</script>}\)',
        "math link": rf"\(\href{{javascript:alert(1)}}{{x}} \style{{background:url({far}/css)}}{{y}}\)",
        "code breakout": "` <img src=x onerror=alert(1)> `` `",
        "entity and dollar": r"&#x202E; &lt;b&gt; $\text{x}$ **bold** _it_",
    }


@pytest.fixture(scope="module")
def server():
    """A loopback HTTP server: ``(port, hits)``, ``hits`` the paths asked for."""
    hits = []

    class Counting(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_error(404)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Counting)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd.server_address[1], hits
    httpd.shutdown()
    httpd.server_close()


class _Dom(html.parser.HTMLParser):
    """The elements of a page, and the text of its ``<title>`` and ``<p>`` elements."""

    def __init__(self, page):
        super().__init__()
        self.tags, self.attrs, self.title, self.paragraphs, self._in = [], [], "", [], None
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs
        self._in = tag if tag in ("title", "p") else self._in
        self.paragraphs += [""] if tag == "p" else []

    def handle_endtag(self, tag):
        self._in = None if tag in ("title", "p") else self._in

    def handle_data(self, chunk):
        if self._in == "title":
            self.title += chunk
        elif self._in == "p":
            self.paragraphs[-1] += chunk


def assert_nothing_live(page):
    """No script, no event handler, nothing linked or loaded but ``data:`` images."""
    dom = _Dom(page)
    assert "script" not in dom.tags
    assert [name for name, _ in dom.attrs if name.startswith("on")] == []
    linked = [(n, v) for n, v in dom.attrs if n in ("href", "src", "style", "action")]
    assert all(n == "src" and v.startswith("data:") for n, v in linked), linked
    return dom


def live_markdown(md):
    """What GitHub's Markdown would make live in ``md``: raw HTML, links, images and
    autolinks outside code spans and escapes (the code's own figures left out)."""
    bare = re.sub(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)|\\.", "", md)
    bare = re.sub(r"^!\[[^\]\n]*\]\(report_figures/[^)\s]+\)$", "", bare, flags=re.MULTILINE)
    return re.findall(r"<[A-Za-z/!?]|\]\(|!\[|https?:|www\.|javascript:|&#", bare)


BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


@pytest.mark.parametrize("name", hostile(1).keys())
def test_an_author_is_shown_as_typed_and_is_never_live(name):
    author = hostile(1)[name]
    blocks = handin.title_block("Report", author)
    page = document.html(blocks, title="Report")
    dom = assert_nothing_live(page)
    assert dom.title == "Report"
    assert "<math" not in page and not BIDI.search(page)
    md = document.markdown(blocks)
    assert md.count("\n") == 3 and md.startswith("# Report\n\nAuthor: ")  # One line, no heading.
    assert live_markdown(md) == [] and not BIDI.search(md)
    shown = text.one_line(author).strip()  # Line breaks as spaces, controls as their code.
    assert dom.paragraphs[0].startswith(f"Author: {shown} · Date: ")


FOLDER = "run `<img src=x onerror=alert(1)><script>document.title='PWNED'` [x](javascript:a)\n# h"
"""A folder name: anything but ``/``."""


@pytest.fixture(scope="module")
def report(tmp_path_factory, server):
    """Lab 6 (two configurations, one of them named like a tag) on one activation, written
    under a hostile folder by a hostile command line, its data line and a broken record's
    name hostile too; the report on it, with every hostile string as its author:
    ``(out_dir, blocks, markdown, page)``."""
    strings = hostile(server[0])
    out = tmp_path_factory.mktemp("hostile") / FOLDER
    dataset = data.synthetic(num_train=128, num_test=32)
    dataset = dataclasses.replace(dataset, source=f"synthetic: {strings['remote image']}\n# h")
    argv = ["/somewhere/experiments/lab6.py", *(f"--x={s}" for s in strings.values())]
    setup = experiment.Setup.create(
        experiment="lab6",
        baseline="sgd",
        out_dir=out,
        dataset=dataset,
        layer_sizes=[784, 8, 10],
        batch_size=64,
        epochs=1,
        seeds=2,
        command={"argv": argv},
    )
    named = [configs.Config("sgd", "sgd", 0.01), configs.Config("<b onclick=x>", "adam", 0.01)]
    experiment.run(setup, {"relu": named}, log=lambda _: None)
    root = experiment.root(out, dataset.name)
    (root / "lab6" / "relu" / "runs" / "<img src=x onerror=alert(2)>.npz").write_text("broken")
    blocks = handin.build(root, author=" ".join(strings.values()), log=lambda _: None)
    md, html_path = handin.write(root, blocks)
    return root, blocks, md.read_text(), html_path


def test_every_route_into_the_report_is_text(report):
    _, blocks, md, html_path = report
    page = html_path.read_text()
    assert_nothing_live(page)
    assert not BIDI.search(page) and not BIDI.search(md)
    headings = document.markdown([b for b in blocks if isinstance(b, document.Heading)])
    prose = re.sub(
        r"^(`{3,})\n.*?\n\1$", "", md, flags=re.DOTALL | re.MULTILINE
    )  # Listings' comments.
    assert [line for line in prose.splitlines() if re.match(r" {0,3}#{1,6}(\s|$)", line)] == [
        line for line in headings.splitlines() if line
    ]
    assert live_markdown(md) == []
    # Each route is in the report, as text: the folder, the command, the data line and the
    # broken file's name (a record's own name is shown by its optimizer's label).
    for route in ("No results under", "python -m experiments.lab6", "Data ("):
        assert route in md
    assert "\\<img src=x onerror=alert(2)\\>.npz" in md  # Left out, unreadable: …


@needs_browser
def test_the_browser_runs_and_loads_nothing_of_it(report, server, tmp_path):
    """The page as a browser renders it (JavaScript on): no script, no handler, no request
    to the loopback server; and its CSP stops a script or image put into it anyway."""
    _, _, _, html_path = report
    port, hits = server
    injected = tmp_path / "injected.html"
    far = f"http://127.0.0.1:{port}/injected.png"
    extra = f'<script>document.title="PWNED"</script><img src="{far}"></body>'
    injected.write_text(html_path.read_text().replace("</body>", extra), "utf-8")
    title = text.say("en", "handin.title")
    for page, scripts in ((html_path, 0), (injected, 1)):
        dom = _Dom(_browse(page, tmp_path / "profile"))
        assert dom.title == title  # No script ran.
        assert dom.tags.count("script") == scripts
        assert [name for name, _ in dom.attrs if name.startswith("on")] == []
    assert hits == []
    assert f'content="{document.CSP}"' in html_path.read_text()


def _browse(page, profile):
    """The DOM of ``page`` after the browser loaded it (``--dump-dom``)."""
    command = [document.browser(), "--headless", "--disable-gpu", f"--user-data-dir={profile}"]
    command += ["--no-sandbox"] if os.geteuid() == 0 else []
    done = subprocess.run(
        [*command, "--dump-dom", page.as_uri()],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done.stdout


@needs_browser
def test_the_pdf_is_printed_with_javascript_off(tmp_path):
    """A script that would make the page three pages long does not run."""
    page = tmp_path / "page.html"
    script = "document.body.style.height = '700mm'"
    page.write_text(f"<!DOCTYPE html><html><body><p>one page</p><script>{script}</script>")
    printed = document.pdf(page, tmp_path / "page.pdf").read_bytes()
    assert len(re.findall(rb"/Type\s*/Page\b", printed)) == 1


@pytest.mark.parametrize(
    ("author", "code"), [("Jan\n## heading", "000A"), ("Jan \u202eevil", "202E")]
)
def test_the_cli_refuses_an_author_of_several_lines_or_reordered(run_cli, tmp_path, author, code):
    done = run_cli("report", f"--author={author}", f"--out_dir={tmp_path}")
    assert done.returncode == 1
    (line,) = done.stderr.splitlines()  # The value echoed in it on one line, in order.
    assert f"holds U+{code}" in line and "write it on one line" in line
    assert not BIDI.search(line)
