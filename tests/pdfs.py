"""Decision PDFs made for tests and the benchmark: a plain text printed on A4 by Debian's Chromium.

A published decision is a word processor's PDF: lines set in a normal font, paragraphs apart,
a running header and "Sida N av M" on the pages. ``print_text`` makes such a PDF of a text, line
for line, so that what the importer extracts from it can be compared with the text itself:

- each line of the text is a line on the page (never wrapped: 9 pt fits 100 characters), each
  run of blank lines one line of vertical space;
- a block (the lines between blank lines) is never split over two pages, so that a page break
  falls where the text has a paragraph break, and a block that reads as the run-on of the one
  before (it starts with a lower-case letter, or the one before ends with a hyphen) stays on its
  page, since a page break there would read as a sentence running on;
- the running header (``running_header``) stands at the top of every page after the first,
  which carries the letterhead (the text's own first lines), and "Sida N av M" at the foot of
  every page (CSS margin boxes, which Chromium prints).

Nothing here needs pytest: ``bench/pdf_libraries.py`` prints its PDFs with it too. Without
the network, and the same on every run.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator.encode import escape_html
from tests.browsing import chromium

RUNNING_HEADER = "Örebro kommun · Uppföljning"
LETTERHEAD = re.compile(r"[A-ZÅÄÖ]+(?: [A-ZÅÄÖ]+)* \d")
"""A letterhead's start: the municipality in capitals, then the date (ÖREBRO KOMMUN 2022-05-16 …)."""

PAGE = """
@page {{
  size: A4;
  margin: 22mm 18mm;
  @top-center {{ content: {header}; font: 9pt "Liberation Sans", sans-serif; }}
  @bottom-right {{ content: "Sida " counter(page) " av " counter(pages); font: 9pt "Liberation Sans", sans-serif; }}
}}
@page :first {{ @top-center {{ content: none; }} }}
body {{ margin: 0; font: 9pt/1.25 "Liberation Sans", sans-serif; }}
div {{ white-space: pre; break-inside: avoid; margin: 0 0 1.25em; }}
.runs-on {{ break-before: avoid; }}
"""
"""A4 with the running header after the first page and the page numbers on every page; a block
is a div of unwrapped lines with one line of space after it."""


@contextlib.contextmanager
def browser() -> Iterator[Any]:
    """Headless Chromium for a run of prints (the browser tests' launch, outside pytest too).
    Playwright is imported here, so that the rest of this module works without it."""
    from playwright import sync_api

    yield from chromium(sync_api)


def print_text(browser: Any, text: str, pdf: Path) -> Path:
    """The text printed on A4 to pdf, with its running header on every page after the first."""
    return print_html(browser, text_html(text, running_header(text)), pdf)


def running_header(text: str) -> str:
    """What a printed text repeats at the top of its later pages: its letterhead when its first
    line is one, as a decision repeats "ÖREBRO KOMMUN 2022-05-16 Sov 881/2022"; otherwise
    RUNNING_HEADER. The seeds try both: only the short one starts with its letterhead."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return first if LETTERHEAD.match(first) else RUNNING_HEADER


def print_html(browser: Any, html: str, pdf: Path) -> Path:
    """A page of HTML (with its own @page rules) printed to pdf by Chromium."""
    page = browser.new_page()
    page.set_content(html)
    pdf.write_bytes(page.pdf(prefer_css_page_size=True))
    page.close()
    return pdf


def text_html(text: str, header: str) -> str:
    """The text as a page: one div per block, its lines as written."""
    blocks = []
    previous: list[str] = []
    for lines in _blocks(text):
        runs_on = lines[0].lstrip()[:1].islower() or (bool(previous) and previous[-1].endswith("-"))
        attributes = ' class="runs-on"' if runs_on else ""
        blocks.append(f"<div{attributes}>" + escape_html("\n".join(lines)) + "</div>")
        previous = lines
    return _document(PAGE.format(header=_css_string(header)), "\n".join(blocks))


COLUMNS = """
@page { size: A4; margin: 20mm; }
body { font: 10pt/1.25 "Liberation Sans", sans-serif; }
th { text-align: left; }
td { vertical-align: top; width: 50%; }
"""


def columns_html(heads: tuple[str, str], left: tuple[str, ...], right: tuple[str, ...]) -> str:
    """A two-column table as the decisions print one ("Krav som följs upp" beside "Underlag till
    bedömning"): a row of heads, then one row whose cells hold these lines."""

    def cell(tag: str, lines: tuple[str, ...]) -> str:
        return f"<{tag}>" + "<br>".join(escape_html(line) for line in lines) + f"</{tag}>"

    row = cell("td", left) + cell("td", right)
    table = f"<table><tr>{cell('th', heads[:1])}{cell('th', heads[1:])}</tr><tr>{row}</tr></table>"
    return _document(COLUMNS, table)


def _document(style: str, body: str) -> str:
    head = f'<meta charset="utf-8"><style>{style}</style>'
    return f'<!doctype html>\n<html lang="sv"><head>{head}</head><body>{body}</body></html>'


def _blocks(text: str) -> Iterator[list[str]]:
    """The text's runs of lines between blank lines, trailing white space dropped."""
    block: list[str] = []
    for line in (line.rstrip() for line in text.splitlines()):
        if line:
            block.append(line)
        elif block:
            yield block
            block = []
    if block:
        yield block


def _css_string(text: str) -> str:
    """Text as a quoted CSS string: every character but letters, digits and spaces as an escape."""
    return '"' + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in text) + '"'


WORD_BULLET = "\uf0b7"
"""The bullet a word processor's list prints: the Symbol font's glyph 0xB7, which the PDF maps to
U+F0B7 (the seeds' texts were extracted from such PDFs). No font here has a glyph at U+F0B7, so
Chromium cannot print one: ``bullet_pdf`` writes such a PDF by hand."""


def bullet_pdf(pdf: Path, items: tuple[str, ...]) -> Path:
    """A one-page PDF as a word processor writes a bulleted list: each item a line, its bullet in
    the Symbol font mapped to U+F0B7, its words in Helvetica (WinAnsi, so å, ä and ö are one byte)."""
    lines = []
    for number, item in enumerate(items):
        y = 780 - 16 * number
        words = item.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
        lines.append(b"BT /S 11 Tf 72 %d Td (\xb7) Tj ET BT /H 11 Tf 90 %d Td (%s) Tj ET" % (y, y, words))
    content = b"\n".join(lines)
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Bullet def "
        b"1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfchar <B7> <F0B7> endbfchar "
        b"endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /S 5 0 R /H 6 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Symbol /ToUnicode 7 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(cmap), cmap),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    pdf.write_bytes(bytes(out))
    return pdf


def comparable(text: str) -> list[str]:
    """Lines without trailing white space, a run of blank lines as one, none at either end: a
    text and its PDF's extraction compared as a reader sees them."""
    lines: list[str] = []
    for line in (line.rstrip() for line in text.splitlines()):
        if line or (lines and lines[-1]):
            lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return lines
