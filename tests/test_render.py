"""Rendering: record text stays text, and whole pages match their golden files.

Refresh the golden files after an intended change with
``UPDATE_GOLDEN=1 python -m pytest tests/test_render.py`` and review the diff.
"""

from __future__ import annotations

import os
from html import unescape
from pathlib import Path

import markdown
import pytest

from generator.derive import derive
from generator.pipeline import check
from generator.render import escape_markdown, prose, render
from tests.conftest import AS_OF, MINIMAL

GOLDEN = Path(__file__).parent / "golden" / "minimal"
EXTENSIONS = ["attr_list", "tables", "toc"]


def _html(text: str) -> str:
    return str(markdown.markdown(text, extensions=EXTENSIONS))


def _pages() -> dict[str, str]:
    checked = check(MINIMAL, AS_OF)
    assert checked.problems == ()
    return render(derive(checked.dataset, AS_OF))


HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[klicka](javascript:alert(1))",
    "![bild](http://example.com/x.png)",
    "{{ portal }} {% if x %}",
    "**fet** _kursiv_ `kod` ~~struken~~",
    "# rubrik",
    "- lista",
    "1. lista",
    "| a | b |",
    ":material-alert: { .klass }",
    "text &amp; &lt; &#60;",
    "<http://example.com>",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_renders_as_written(text: str) -> None:
    html = _html(escape_markdown(text))
    assert "<script" not in html
    assert "<img" not in html
    assert "<a " not in html
    assert "<strong" not in html
    assert "<h1" not in html
    assert "<li" not in html
    visible = html.removeprefix("<p>").removesuffix("</p>")
    assert unescape(visible) == text


def test_prose_keeps_paragraphs_and_lists() -> None:
    html = _html(prose("Inledning:\n- ett\n  fortsatt\n- två\n\nSista <stycket>."))
    assert html == (
        "<p>Inledning:</p>\n<ul>\n<li>ett fortsatt</li>\n<li>två</li>\n</ul>\n<p>Sista &#60;stycket&#62;.</p>"
    )


def test_every_page_is_rendered_once() -> None:
    assert sorted(_pages()) == [
        "beslut/index.md",
        "beslut/omsorg-ab-2023.md",
        "beslut/omsorg-ab-2024.md",
        "index.md",
        "jamforelse/flest-brister.md",
        "jamforelse/index.md",
        "jamforelse/lage-brister-atgardade.md",
        "jamforelse/omrade-hygien.md",
        "jamforelse/omrade-ledningssystem-for-kvalitet.md",
        "jamforelse/senast-uppfoljd.md",
        "krav/dokumentation.md",
        "krav/hygien.md",
        "krav/index.md",
        "statistik/index.md",
        "utforare/index.md",
        "utforare/omsorg-ab.md",
    ]


@pytest.mark.parametrize("page", sorted(_pages()))
def test_page_matches_golden_file(page: str) -> None:
    text = _pages()[page]
    golden = GOLDEN / page
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.read_text(encoding="utf-8") == text


def test_golden_files_have_no_orphans() -> None:
    expected = set(_pages())
    assert {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.md")} == expected
