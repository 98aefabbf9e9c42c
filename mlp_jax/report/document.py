"""A tiny document model, written out as Markdown or as one self-contained HTML page.

Reports are lists of blocks (:class:`Heading`, :class:`Paragraph`, :class:`Items`,
:class:`Table`, :class:`Image`, :class:`Math`). Text may hold ``**bold**``,
``*italics*``, code spans (```code```, or fenced by longer runs of backticks, as in
Markdown: their content is shown as it is), inline LaTeX math ``\\(…\\)`` and
backslash-escaped punctuation (``\\*`` is a star), the only inline markup used. Text
from outside the code (an author, a path, a name read from a record) enters as
``text.literal`` or ``text.code``, so it is never markup, math, a link or a heading:
math comes only from the code's own strings (the optimizers' docstrings). The HTML
embeds every image as a base64 PNG and writes the math as MathML (converted by
``latex2mathml``, rendered by the browser itself); its Content-Security-Policy forbids
scripts and anything loaded from elsewhere, so the one file can be mailed, opened
offline or printed to PDF: its print style is A4, and :func:`pdf` prints it with a
locally installed Chromium or Chrome, JavaScript off.
"""

from __future__ import annotations

import base64
import contextlib
import html as html_lib
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple
from xml.etree import ElementTree

from latex2mathml.converter import Converter


class Heading(NamedTuple):
    level: int
    text: str


class Paragraph(NamedTuple):
    text: str


class Items(NamedTuple):
    items: Sequence[str]
    ordered: bool = False


class Table(NamedTuple):
    header: Sequence[str]
    rows: Sequence[Sequence[str]]
    caption: str = ""  # What the table shows, above it.
    key: str = ""  # Its name for references (``@tab:key``); a keyed table is numbered.
    label: str = ""  # "Tabela 2." — set by ``numbered``.


class Image(NamedTuple):
    alt: str  # The figure's title: alt text, and the caption's first sentence.
    path: Path  # The PNG file.
    link: str  # Its Markdown link, relative to the Markdown file.
    caption: str = ""  # What the figure shows (e.g. ``plots.Figure.note``), under it.
    key: str = ""  # Its name for references (``@fig:key``).
    label: str = ""  # "Rysunek 3." — set by ``numbered``.


class Row(NamedTuple):
    """Figures printed side by side (one after the other in Markdown), each numbered."""

    images: Sequence[Image]


class Code(NamedTuple):
    """A listing shown as it is (e.g. lines of the library's own source)."""

    text: str
    caption: str = ""  # Where it comes from, above it.


class Math(NamedTuple):
    """A displayed formula, in LaTeX (one line, as in a ``.. math::`` block)."""

    latex: str


Block = Heading | Paragraph | Items | Table | Image | Math | Code | Row


class Words(NamedTuple):
    """How ``numbered`` names figures and tables: in labels and in references."""

    figure: str  # "Rysunek" / "Figure": the label over a caption.
    table: str  # "Tabela" / "Table".
    cite_figure: str  # "rys." / "Fig.": a reference in running text.
    cite_table: str  # "tab." / "Table".
    cite_figures: str = ""  # Before several numbers: "Figs."; "" for ``cite_figure``.
    cite_tables: str = ""  # "Tables"; "" for ``cite_table``.


_KEY = r"[A-Za-z0-9_.-]*[A-Za-z0-9_]"
REFERENCE = re.compile(f"@(?P<kind>fig|tab):(?P<key>{_KEY})")
"""A reference in text to a keyed figure or table: ``@fig:lab6.relu.loss``."""


def numbered(blocks: Sequence[Block], words: Words) -> list[Block]:
    """The blocks with every figure and every keyed table numbered in order of
    appearance (``label``), and each ``@fig:key`` / ``@tab:key`` in text, captions and
    cells replaced by its number ("rys. 3").

    Raises:
      ValueError: a reference to a key no figure or table has, or a key used twice.
    """
    numbers: dict[tuple[str, str], int] = {}

    def label(b: Block) -> Block:
        if isinstance(b, Row):
            return b._replace(images=[label(i) for i in b.images])
        if isinstance(b, Image) or (isinstance(b, Table) and b.key):
            kind = "fig" if isinstance(b, Image) else "tab"
            n = 1 + sum(k == kind for k, _ in numbers)
            if b.key and (kind, b.key) in numbers:
                raise ValueError(f"two {kind}s named {b.key!r}")
            numbers[(kind, b.key or f"#{n}")] = n
            name = words.figure if kind == "fig" else words.table
            return b._replace(label=f"{name} {n}.")
        return b

    out = [label(b) for b in blocks]

    def number(kind: str, key: str) -> int:
        if (kind, key) not in numbers:
            raise ValueError(f"a reference to no {kind}: @{kind}:{key}")
        return numbers[(kind, key)]

    def cite(m: re.Match) -> str:
        refs = [(k, number(k, key)) for k, key in REFERENCE.findall(m[0])]
        conj = [c.strip(", ") for c in _SEPARATOR.findall(m[0]) if c.strip(", ")]
        if not conj:  # Commas alone need not make a list: each cited on its own.
            return ", ".join(cited([r], "", words) for r in refs)
        return cited(refs, conj[-1], words)

    return [_cited(b, lambda t: _REFERENCES.sub(cite, t)) for b in out]


_SEPARATOR = re.compile(r",? (?:i|oraz|and) |, ")
"""What may stand between two references of one list: a comma, a conjunction."""
_ONE = f"@(?:fig|tab):{_KEY}"
_REFERENCES = re.compile(f"{_ONE}(?:(?:{_SEPARATOR.pattern}){_ONE})*")
"""A list of references: one, or several joined by ``_SEPARATOR``s."""
RANGE = 3
"""Consecutive numbers, at least this many, are cited as a range ("tab. 25–30")."""


def cited(refs: Sequence[tuple[str, int]], conj: str, words: Words) -> str:
    """A list of references as running text: neighbours of one kind under one word, runs
    of ``RANGE`` consecutive numbers as a range, the list's conjunction (``conj``: "i",
    "and") said once: ``tab. 24, rys. 10 i 13``, ``tab. 4 i rys. 1``, ``tab. 25–30``.
    """
    groups: list[tuple[str, list[int]]] = []
    for kind, n in refs:
        if groups and groups[-1][0] == kind:
            groups[-1][1].append(n)
        else:
            groups.append((kind, [n]))
    one = {"fig": words.cite_figure, "tab": words.cite_table}
    many = {"fig": words.cite_figures or one["fig"], "tab": words.cite_tables or one["tab"]}
    items = [_ranges(ns) for _, ns in groups]
    shown = [
        f"{(many if len(ns) > 1 else one)[k]}\u00a0{_listed(its, conj)}"
        for (k, ns), its in zip(groups, items, strict=True)
    ]
    return _listed(shown, conj) if all(len(its) == 1 for its in items) else ", ".join(shown)


def _ranges(ns: Sequence[int]) -> list[str]:
    """The numbers, each run of at least ``RANGE`` consecutive ones as ``first–last``."""
    runs: list[list[int]] = []
    for n in ns:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    out: list[str] = []
    for r in runs:
        out += [f"{r[0]}–{r[-1]}"] if len(r) >= RANGE else [str(n) for n in r]
    return out


def _listed(items: Sequence[str], conj: str) -> str:
    """``a, b i c`` with the conjunction ``conj`` ("i", "and"); ``a, b, c`` without one."""
    if len(items) < 2 or not conj:
        return ", ".join(items)
    return f"{', '.join(items[:-1])} {conj} {items[-1]}"


def _cited(b: Block, sub: Callable[[str], str]) -> Block:
    """``b`` with ``sub`` applied to each of its texts."""
    if isinstance(b, Heading | Paragraph):
        return b._replace(text=sub(b.text))
    if isinstance(b, Items):
        return b._replace(items=[sub(t) for t in b.items])
    if isinstance(b, Table):
        rows = [[sub(c) for c in row] for row in b.rows]
        return b._replace(header=[sub(c) for c in b.header], rows=rows, caption=sub(b.caption))
    if isinstance(b, Image):
        return b._replace(alt=sub(b.alt), caption=sub(b.caption))
    if isinstance(b, Row):
        return b._replace(images=[_cited(i, sub) for i in b.images])
    return b


SMALL_TABLE = 12
"""Tables of at most this many rows are kept on one printed page."""

_NUMBER = re.compile(r"([<>≤≥] ?)?[−+-]?(\d[\d\u00a0\u202f ]*([.,]\d+)?|[.,]\d+)\S*( ?[±(×–—].*)?")
_TOKEN = re.compile(
    r"(?<!`)(?P<fence>`++)(?P<code>.+?)(?<!`)(?P=fence)(?!`)"
    r"|\\\((?P<math>.+?)\\\)"
    r"|\\(?P<escaped>[!-/:-@\[-`{-~])"
)
"""The inline tokens that are not plain text: a code span, a formula, an escaped character."""


def markdown(blocks: Sequence[Block]) -> str:
    """The blocks as GitHub-flavoured Markdown (math as ``$…$`` and ``$$…$$``)."""
    out = []
    for b in blocks:
        if isinstance(b, Row):
            out.append(markdown(b.images).rstrip("\n"))
        elif isinstance(b, Heading):
            out.append(f"{'#' * b.level} {_md_inline(b.text)}")
        elif isinstance(b, Paragraph):
            out.append(_md_inline(b.text))
        elif isinstance(b, Items):
            out.append(
                "\n".join(
                    f"{f'{i}.' if b.ordered else '-'} {_md_inline(t)}"
                    for i, t in enumerate(b.items, 1)
                )
            )
        elif isinstance(b, Table):
            lines = [b.header, ["---"] * len(b.header), *b.rows]
            title = _md_inline(" ".join(filter(None, [b.label, b.caption])))
            table = "\n".join(f"| {' | '.join(map(_md_cell, c))} |" for c in lines)
            out.append(f"*{title}*\n\n{table}" if title else table)
        elif isinstance(b, Math):
            out.append(f"$$\n{b.latex}\n$$")
        elif isinstance(b, Code):
            fence = "`" * max(3, 1 + max(map(len, re.findall("`+", b.text)), default=0))
            title = f"*{_md_inline(b.caption)}*\n\n" if b.caption else ""
            out.append(f"{title}{fence}\n{b.text}\n{fence}")
        else:
            said = " ".join(filter(None, [b.label, b.caption]))
            out.append(f"![{b.alt}]({b.link})" + (f"\n\n*{_md_inline(said)}*" if said else ""))
    return "\n\n".join(out) + "\n"


def _tokens(text_: str, token: Callable[[re.Match], str], plain: Callable[[str], str]) -> str:
    """``text_`` with each of its ``_TOKEN`` as ``token`` writes it, the text between as
    ``plain`` does."""
    out, end = [], 0
    for m in _TOKEN.finditer(text_):
        out += [plain(text_[end : m.start()]), token(m)]
        end = m.end()
    return "".join([*out, plain(text_[end:])])


def _md_inline(text_: str) -> str:
    """Markdown's own inline markup, but formulas as ``$…$``."""
    return _tokens(text_, lambda m: m[0] if m["math"] is None else f"${m['math']}$", str)


def _md_cell(text_: str) -> str:
    """A table cell: ``|`` escaped, even in a code span or a formula (GitHub's tables)."""
    return _md_inline(text_).replace("|", "\\|")


_LINKING = ("href", "style", "src")
"""Attributes ``latex2mathml`` may write (``\\href``, ``\\style``) that link or load."""


def mathml(latex: str, display: bool = False) -> str:
    """``latex`` as a MathML ``<math>`` element (block when ``display``): only MathML
    elements, their text escaped, no attribute that links or loads (``_LINKING``)."""
    tree = Converter(display="block" if display else "inline").convert_to_element(latex)
    for element in tree.iter():
        for name in [a for a in element.attrib if a in _LINKING or a.startswith("on")]:
            del element.attrib[name]
    written = ElementTree.tostring(tree, encoding="unicode")
    # latex2mathml writes its symbols as character references (&#x003B8;) in the text.
    return re.sub(r"&amp;(#x[0-9A-Fa-f]+;)", r"&\1", written)


def _code_text(content: str) -> str:
    """A code span's text: one space stripped from each end when both have one (Markdown)."""
    padded = content.startswith(" ") and content.endswith(" ") and content.strip()
    return content[1:-1] if padded else content


def _inline(text_: str) -> str:
    """Escaped text with its inline markup; ``\\(…\\)`` becomes inline MathML."""
    held = []  # Code spans and formulas, out of the way of the emphasis.

    def token(m: re.Match) -> str:
        if m["escaped"]:
            return f"&#{ord(m['escaped'])};"
        code = m["code"] is not None
        held.append(
            f"<code>{html_lib.escape(_code_text(m['code']))}</code>" if code else mathml(m["math"])
        )
        return f"\0{len(held) - 1}\0"

    text_ = _tokens(text_, token, lambda s: html_lib.escape(s.replace("\0", "\ufffd")))
    text_ = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", text_)
    text_ = re.sub(r"(?<![^\s(])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])", r"<em>\1</em>", text_)
    return re.sub("\0([0-9]+)\0", lambda m: held[int(m[1])], text_)


def _png(path: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(Path(path).read_bytes()).decode()


def _numeric_columns(b: Table) -> list[bool]:
    """Columns whose every non-empty body cell starts with a number (right-aligned)."""
    columns = list(zip(*b.rows, strict=True)) if b.rows else [() for _ in b.header]
    return [
        any(c.strip() for c in col)
        and all(_NUMBER.fullmatch(c.strip()) or c.strip() in ("", "—") for c in col)
        for col in columns
    ]


def _html_table(b: Table) -> str:
    numeric = _numeric_columns(b)

    def cell(tag: str, content: str, i: int) -> str:
        align = ' class="num"' if numeric[i] else ""
        return f"<{tag}{align}>{_inline(content)}</{tag}>"

    head = "".join(cell("th", c, i) for i, c in enumerate(b.header))
    body = "".join(
        "<tr>" + "".join(cell("td", c, i) for i, c in enumerate(row)) + "</tr>" for row in b.rows
    )
    small = ' class="small"' if len(b.rows) <= SMALL_TABLE else ""
    title = " ".join(
        filter(None, [f"<strong>{_inline(b.label)}</strong>" * bool(b.label), _inline(b.caption)])
    )
    caption = f"<caption>{title}</caption>" if title else ""
    return f"<table{small}>{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _html_block(b: Block) -> str:
    if isinstance(b, Heading):
        return f"<h{b.level}>{_inline(b.text)}</h{b.level}>"
    if isinstance(b, Paragraph):
        return f"<p>{_inline(b.text)}</p>"
    if isinstance(b, Items):
        tag = "ol" if b.ordered else "ul"
        return f"<{tag}>" + "".join(f"<li>{_inline(t)}</li>" for t in b.items) + f"</{tag}>"
    if isinstance(b, Table):
        return _html_table(b)
    if isinstance(b, Math):
        return f'<div class="math">{mathml(b.latex, display=True)}</div>'
    if isinstance(b, Row):
        return '<div class="row">' + "".join(_html_block(i) for i in b.images) + "</div>"
    if isinstance(b, Code):
        title = f"<figcaption>{_inline(b.caption)}</figcaption>" if b.caption else ""
        return f'<figure class="code">{title}<pre><code>{html_lib.escape(b.text)}</code></pre></figure>'
    alt = html_lib.escape(b.alt)
    label = f"<strong>{_inline(b.label)}</strong> " if b.label else ""
    caption = (
        f"{label}<strong>{_inline(b.alt)}.</strong> {_inline(b.caption)}"
        if b.caption
        else f"{label}{alt}"
    )
    return (
        f'<figure><img src="{_png(b.path)}" alt="{alt}"><figcaption>{caption}</figcaption></figure>'
    )


PRINT_STYLE = """
body { font: 15px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
       color: #222; }
h1, h2, h3, h4 { line-height: 1.2; break-after: avoid; }
h2 { border-bottom: 1px solid #ccc; padding-bottom: .2rem; }
.byline { color: #444; white-space: pre-line; }
table { border-collapse: collapse; margin: 1rem 0; font-size: 13px; }
th, td { border: 1px solid #bbb; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
th { background: #f2f2f2; } tbody tr:nth-child(even) { background: #fafafa; }
thead { display: table-header-group; }
figure { margin: 1rem 0; break-inside: avoid; } img { max-width: 100%; }
figcaption { font-size: 13px; color: #444; } code { font-size: 90%; }
.row { display: flex; gap: .8rem; align-items: flex-start; break-inside: avoid; }
.row figure { flex: 1 1 0; min-width: 0; }
caption { caption-side: top; text-align: left; font-size: 13px; color: #444; padding: .2rem 0; }
pre { background: #f6f6f6; padding: .4rem .6rem; font-size: 12px; line-height: 1.35;
      white-space: pre-wrap; margin: .3rem 0; }
.math { margin: .6rem 0; }
math { font-size: 110%; font-family: "DejaVu Math TeX Gyre", "STIX Two Math", "Latin Modern Math", math; }
@page { size: A4; margin: 14mm 14mm; }
@media print { body { margin: 0; max-width: none; padding: 0; font-size: 9.5pt; line-height: 1.4; }
               h2 { break-before: auto; margin: .8em 0 .4em; } h3 { margin: .6em 0 .3em; }
               p, ul, ol { margin: .45em 0; } figure { margin: .3rem 0; }
               img { max-height: 6cm; } .row img { max-height: 5.5cm; }
               figcaption, caption { font-size: 8pt; }
               table { font-size: 7.5pt; width: 100%; margin: .4rem 0; } table.small { break-inside: avoid; }
               th, td { padding: .1rem .25rem; } td.num { white-space: normal; }
               tr, .math, figure, .keep { break-inside: avoid; } pre { font-size: 8pt; }
               thead tr, tbody tr:first-child, tbody tr:nth-child(2) { break-after: avoid; }
               p, li { orphans: 3; widows: 3; } }
"""


def _kept(blocks: Sequence[Block]) -> list[str]:
    """The blocks as HTML, each heading (and the headings right after it) in one box with
    the block that follows, which a printed page does not split: no heading is left alone
    at a page's foot."""
    out: list[str] = []
    held: list[str] = []
    for b in blocks:
        held.append(_html_block(b))
        if not isinstance(b, Heading):
            out.append(f'<div class="keep">{"".join(held)}</div>' if len(held) > 1 else held[0])
            held = []
    return out + held


CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
"""The page's Content-Security-Policy: no script, nothing loaded from elsewhere (its
images are ``data:`` URIs, its style inline), no form or base URL."""


def html(blocks: Sequence[Block], *, title: str, lang: str = "en") -> str:
    """The blocks as one self-contained HTML page (images embedded, styles inline), its
    ``CSP`` in a meta tag."""
    body = "\n".join(_kept(blocks))
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        f"<title>{html_lib.escape(title)}</title>\n<style>{PRINT_STYLE}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
"""Names of the browser executables :func:`pdf` looks for on ``PATH``, in order."""


REMOVE_S = 2.0
"""How long :func:`pdf` retries removing the browser's profile (see ``_remove``)."""


class PrintError(Exception):
    """No browser to print with, or printing failed; the message says what to do."""


def browser() -> str | None:
    """The first of ``BROWSERS`` on ``PATH``, or None."""
    return next((path for name in BROWSERS if (path := shutil.which(name))), None)


NO_SCRIPTS = {"profile": {"default_content_setting_values": {"javascript": 2}}}
"""The preferences of the profile :func:`pdf` prints with: JavaScript blocked (2). (Chromium's
``--blink-settings=scriptEnabled=false`` blocks it too, but then headless prints nothing.)"""


def _profile(folder: Path) -> str:
    """A fresh browser profile in ``folder``, its preferences ``NO_SCRIPTS``."""
    preferences = folder / "Default" / "Preferences"
    preferences.parent.mkdir(parents=True)
    preferences.write_text(json.dumps(NO_SCRIPTS))
    return str(folder)


def _print_command(exe: str, html_path: Path, pdf_path: Path, profile: str) -> list[str]:
    flags = [
        "--headless",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--no-pdf-header-footer",
        f"--print-to-pdf={pdf_path}",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # Root: Chromium refuses its sandbox.
        flags.insert(1, "--no-sandbox")
    return [exe, *flags, html_path.resolve().as_uri()]


def _run(command: list[str], scratch: Path, timeout: float) -> int | None:
    """Runs the browser in its own process group; its exit code, or None after ``timeout``.
    However it ends (done, timed out, Ctrl-C), the whole group is killed: the browser's
    helper processes outlive it otherwise. Its temporary files go to ``scratch``, its
    messages to ``scratch/browser.log``: a helper can keep a pipe open after it exits."""
    with (scratch / "browser.log").open("w") as err:
        process = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=err,
            start_new_session=True,
            env=os.environ | {"TMPDIR": str(scratch)},
        )
        try:
            return process.wait(timeout)
        except subprocess.TimeoutExpired:
            return None
        finally:
            _surely(lambda: _kill_group(process))


def _kill_group(process: subprocess.Popen) -> None:
    """Kills the browser's process group (on Windows, which has none: the browser)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):  # None of it left.
        if hasattr(os, "killpg"):
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
    process.wait()


def _remove(out: Path, folder: Path) -> None:
    """Removes ``out`` (a PDF not renamed into place) and ``folder`` (the browser's),
    retrying the latter for up to ``REMOVE_S`` while the killed browser's helpers, which
    may still be dying, write into it."""
    out.unlink(missing_ok=True)
    deadline = time.monotonic() + REMOVE_S
    while True:
        try:
            shutil.rmtree(folder)
            return
        except FileNotFoundError:
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.05)


def _surely(cleanup: Callable[[], object]) -> None:
    """Runs ``cleanup`` to its end: interrupted (Ctrl-C), it runs again, and the
    interrupt is raised once it is done."""
    try:
        cleanup()
    except KeyboardInterrupt:
        cleanup()
        raise


def pdf(
    html_path: str | os.PathLike[str], pdf_path: str | os.PathLike[str], timeout: float = 120
) -> Path:
    """Prints the HTML page to a PDF with headless Chromium or Chrome.

    The page size (A4) and margins come from the page's own ``@page`` style; the
    browser's header and footer (date, title, file path, page numbers) are left out.
    The browser runs with a fresh profile, JavaScript off (``NO_SCRIPTS``), in a
    temporary folder outside ``pdf_path``'s, where its other temporary files go too
    (removed however printing ends, Ctrl-C included, with every process the browser
    started), without network services, and the PDF is written atomically (a hidden
    temporary file beside ``pdf_path``, then renamed).

    Args:
      html_path: the page, e.g. written by :func:`html`.
      pdf_path: the PDF to write; its folder is created if missing.
      timeout: seconds the browser may take.

    Returns:
      ``pdf_path``.

    Raises:
      PrintError: no browser found (one line naming the package to install), no
        page at ``html_path``, or the browser failed or timed out.
    """
    exe = browser()
    if exe is None:
        raise PrintError(
            "no Chromium or Chrome found to print the PDF (looked for "
            f"{', '.join(BROWSERS)}); install one (Debian: apt-get install chromium) or "
            "open the HTML report in a browser and print it to PDF (A4)"
        )
    html_path, pdf_path = Path(html_path), Path(pdf_path)
    if not html_path.is_file():
        raise PrintError(f"no page to print at {html_path}: write the HTML report first")
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    out = pdf_path.with_name(f".{pdf_path.name}.{os.getpid()}.tmp")
    tmp = Path(tempfile.mkdtemp(prefix="mlp_jax-print-"))
    try:
        code = _run(_print_command(exe, html_path, out, _profile(tmp / "profile")), tmp, timeout)
        if code is None:
            raise PrintError(f"{exe} took over {timeout:.0f} s to print {html_path}")
        if code != 0 or not out.exists() or out.stat().st_size == 0:
            log = (tmp / "browser.log").read_text(errors="replace")
            last = (log.strip().splitlines() or ["no message"])[-1]
            raise PrintError(f"{exe} could not print {html_path} (exit {code}): {last}")
        os.replace(out, pdf_path)
    finally:
        _surely(lambda: _remove(out, tmp))
    return pdf_path
