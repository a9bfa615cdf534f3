"""From a document's pages to the one plain text the decision says.

A PDF adds what the decision does not say: page numbers, a running header or footer, and page
breaks that fall anywhere. ``document_text`` takes those away so that the parser reads the same
text from a PDF as from text already extracted (``text_pages`` splits pdftotext's output on its
form feeds, so a .txt goes through the same rule). It does not dehyphenate or re-flow lines
inside a page: the parser does that, for text and PDF alike.

The rule:

- A page-number line ("1", "Sida 2 av 5", "2 (5)", "2/5", "- 2 -") at the top or bottom of a
  page goes. Only there: a lone number inside the text may be the decision's own.
- A running header or footer, a line standing at the top or bottom of most pages of a document
  of two pages or more (and of two pages at least), goes from every page after the first. On
  the first page it stays: a decision's letterhead ("ÖREBRO KOMMUN 2022-05-16 Sov 881/2022") is
  what the record reads its date and case number from, and later pages often repeat it.
- A page break is a paragraph break, unless the page's last line ends with a hyphen or the next
  page's first line starts with a lower-case letter: then the sentence runs on.
- Lines keep their words and leading spaces; trailing white space goes, a line of white space
  only is a blank line, and a run of blank lines is one paragraph break.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

PARAGRAPH_BREAK = ""
"""The line that marks vertical space (at least one blank line) between two lines."""

EDGE_LINES = 2
"""How many text lines at the top and at the bottom of a page may be page furniture: a header
or footer line and a page number beside it."""

PAGE_NUMBER = re.compile(
    r"""\s*(?:
        (?:sida\s+)?\d{1,3}(?:\s*(?:av|/)\s*\d{1,3}|\s*\(\s*\d{1,3}\s*\))?  # 2, Sida 2 av 5, 2/5, 2 (5)
        | [-–—]\s*\d{1,3}\s*[-–—]                                           # - 2 -
    )\s*""",
    re.IGNORECASE | re.VERBOSE,
)

HYPHENS = ("-", "\u00ad", "\u2010", "\u2011")
"""A page ending in one of these runs on into the next (hyphen, soft hyphen, Unicode hyphens)."""


@dataclass(frozen=True)
class Page:
    """One page's lines in reading order; PARAGRAPH_BREAK between two lines marks vertical space."""

    lines: tuple[str, ...]


def text_pages(text: str) -> tuple[Page, ...]:
    """Plain text as pages: pdftotext ends every page with a form feed; text without one is one page."""
    pages = text.split("\f")
    if len(pages) > 1 and not pages[-1].strip():
        pages.pop()  # the form feed after the last page
    return tuple(Page(tuple(line.rstrip() for line in page.splitlines())) for page in pages)


def document_text(pages: Sequence[Page]) -> str:
    """The decision's text: page furniture removed, pages joined (see the module's rule)."""
    bodies = [_text_lines(page.lines) for page in pages]
    bodies = [_without_page_numbers(lines) for lines in bodies]
    bodies = _without_running_lines(bodies)
    return "\n".join(_joined(bodies))


def _text_lines(lines: Iterable[str]) -> list[str]:
    """Trailing white space gone, so that a line of spaces is a blank line."""
    return _trimmed([line.rstrip() for line in lines])


def _trimmed(lines: list[str]) -> list[str]:
    """Without blank lines at the start or end, and without two blank lines in a row."""
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    while kept and not kept[-1]:
        kept.pop()
    return kept


def _edges(lines: Sequence[str]) -> set[int]:
    """The indexes of the first and last EDGE_LINES text lines of a page."""
    text = [index for index, line in enumerate(lines) if line]
    return set(text[:EDGE_LINES] + text[-EDGE_LINES:])


def _without_page_numbers(lines: list[str]) -> list[str]:
    edges = _edges(lines)
    return _trimmed([line for index, line in enumerate(lines) if index not in edges or not PAGE_NUMBER.fullmatch(line)])


def _without_running_lines(bodies: list[list[str]]) -> list[list[str]]:
    """Each page after the first without the lines at its edges that stand at the edges of most pages."""
    if len(bodies) < 2:
        return bodies
    counts = Counter(key for lines in bodies for key in {_key(lines[index]) for index in _edges(lines)})
    printed = sum(1 for lines in bodies if lines)  # a blank page (a scanned one, the back of a sheet) has no edges
    running = {key for key, pages in counts.items() if pages >= 2 and pages * 2 > printed}
    cleaned = [bodies[0]]
    for lines in bodies[1:]:
        edges = _edges(lines)
        cleaned.append(
            _trimmed([line for index, line in enumerate(lines) if index not in edges or _key(line) not in running])
        )
    return cleaned


def _key(line: str) -> str:
    """A line as a header compares: its words, whatever the spacing between them."""
    return " ".join(line.split())


def _joined(bodies: list[list[str]]) -> list[str]:
    text: list[str] = []
    for lines in (lines for lines in bodies if lines):
        if text and not _runs_on(text[-1], lines[0]):
            text.append(PARAGRAPH_BREAK)
        text.extend(lines)
    return text


def _runs_on(last: str, first: str) -> bool:
    """Whether the sentence goes on across the page break (a hyphenated word, or a lower-case start)."""
    start = first.lstrip()
    return last.endswith(HYPHENS) or start[:1].islower()
