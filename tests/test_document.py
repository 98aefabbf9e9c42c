"""Blocks written as Markdown and as one self-contained HTML page."""

import base64
import re

from mlp_jax import document

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
    assert "| a | b |\n| --- | --- |\n| 1 | x|y |" in md
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
