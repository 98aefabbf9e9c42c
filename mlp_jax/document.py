"""A tiny document model, written out as Markdown or as one self-contained HTML page.

Reports are lists of blocks (:class:`Heading`, :class:`Paragraph`, :class:`Items`,
:class:`Table`, :class:`Image`). Text may hold ``**bold**``, ``*italics*`` and
```code```, the only inline markup used. The HTML embeds every image as a base64
PNG, so the one file can be mailed, opened offline or printed to PDF from a browser.
"""

from __future__ import annotations

import base64
import html as html_lib
import re
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple


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


class Image(NamedTuple):
    alt: str
    path: Path  # The PNG file.
    link: str  # Its Markdown link, relative to the Markdown file.


Block = Heading | Paragraph | Items | Table | Image


def markdown(blocks: Sequence[Block]) -> str:
    """The blocks as GitHub-flavoured Markdown."""
    out = []
    for b in blocks:
        if isinstance(b, Heading):
            out.append(f"{'#' * b.level} {b.text}")
        elif isinstance(b, Paragraph):
            out.append(b.text)
        elif isinstance(b, Items):
            out.append(
                "\n".join(f"{f'{i}.' if b.ordered else '-'} {t}" for i, t in enumerate(b.items, 1))
            )
        elif isinstance(b, Table):
            lines = [b.header, ["---"] * len(b.header), *b.rows]
            out.append("\n".join(f"| {' | '.join(cells)} |" for cells in lines))
        else:
            out.append(f"![{b.alt}]({b.link})")
    return "\n\n".join(out) + "\n"


def _inline(text: str) -> str:
    text = html_lib.escape(text)
    text = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", text)
    text = re.sub(r"(?<![^\s(])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])", r"<em>\1</em>", text)
    return re.sub(r"`(.+?)`", r"<code>\1</code>", text)


def _png(path: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(Path(path).read_bytes()).decode()


def _html_block(b: Block) -> str:
    if isinstance(b, Heading):
        return f"<h{b.level}>{_inline(b.text)}</h{b.level}>"
    if isinstance(b, Paragraph):
        return f"<p>{_inline(b.text)}</p>"
    if isinstance(b, Items):
        tag = "ol" if b.ordered else "ul"
        return f"<{tag}>" + "".join(f"<li>{_inline(t)}</li>" for t in b.items) + f"</{tag}>"
    if isinstance(b, Table):
        head = "".join(f"<th>{_inline(c)}</th>" for c in b.header)
        body = "".join(
            "<tr>" + "".join(f"<td>{_inline(c)}</td>" for c in row) + "</tr>" for row in b.rows
        )
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    alt = html_lib.escape(b.alt)
    return f'<figure><img src="{_png(b.path)}" alt="{alt}"><figcaption>{alt}</figcaption></figure>'


_STYLE = """
body { font: 15px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
       color: #222; }
h1, h2, h3, h4 { line-height: 1.2; break-after: avoid; }
h2 { border-bottom: 1px solid #ccc; padding-bottom: .2rem; }
table { border-collapse: collapse; margin: 1rem 0; font-size: 13px; }
th, td { border: 1px solid #bbb; padding: .25rem .5rem; text-align: left; }
th { background: #f2f2f2; } tbody tr:nth-child(even) { background: #fafafa; }
figure { margin: 1rem 0; break-inside: avoid; } img { max-width: 100%; }
figcaption { font-size: 13px; color: #555; } code { font-size: 90%; }
@media print { body { margin: 0; max-width: none; } h2 { break-before: auto; }
               img { max-height: 10cm; } tr { break-inside: avoid; } }
"""


def html(blocks: Sequence[Block], *, title: str, lang: str = "en") -> str:
    """The blocks as one self-contained HTML page (images embedded, styles inline)."""
    body = "\n".join(_html_block(b) for b in blocks)
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html_lib.escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )
