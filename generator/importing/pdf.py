"""A decision PDF's text as pages of lines, where vertical space between lines survives.

Paragraph breaks are the crux: the parser reads a decision's structure from them, and a PDF
has no blank lines, only text drawn lower on the page. pypdf reads the text in the order the
PDF draws it (for the decisions' word-processor PDFs that is reading order, a table row by row
and cell by cell, as in the seeds' text); its visitor gives each piece's baseline, and a line
that stands more than PARAGRAPH_GAP line pitches below the line before, or higher than it
(another column, a block drawn out of order), starts a new block.

Why pypdf: bench/pdf_libraries.py on both seeds printed by Chromium (9 pages; a two-column
table; a word processor's Symbol bullet) on the 2-core machine, at commit e50e0a4:

| reader | lines equal | breaks | table as in the seeds | U+F0B7 at item start | ms/page | licence |
| --- | --- | --- | --- | --- | --- | --- |
| pypdf, baselines (this module) | 100 % | 100 % | yes | yes | 18 | BSD-3-Clause |
| pypdf, layout mode | 100 % | 100 % | no (cells side by side) | yes | 18 | BSD-3-Clause |
| pdfminer.six | 100 % | 100 % | no (heads apart) | no (own line) | 56 | MIT |
| PyMuPDF, blocks | 90 % (leading spaces lost) | 100 % | no | no | 2.5 | AGPL-3.0 |

pypdf alone reads all of it as the seeds' text has it, under a licence the EUPL-1.2 project can
ship; PyMuPDF is 7 times faster but AGPL (or a commercial licence). At 18 ms a page, 200
decisions of 4–5 pages take about 15 s.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from pypdf import PageObject, PasswordType, PdfReader
from pypdf.errors import DependencyError

from generator.importing.pages import PARAGRAPH_BREAK, Page

NOT_PDF = "filen är ingen PDF"
UNOPENED = "filen kan inte öppnas; kontrollera att den finns och att den går att läsa"
ENCRYPTED = "PDF:en är krypterad; spara en kopia utan lösenord och importera den, eller importera beslutets text"
NO_TEXT = "PDF:en har ingen text (en inskannad bild?); läs in texten med OCR och importera den, eller skriv in beslutet"
DAMAGED = "PDF:en är skadad och kan inte läsas; hämta originalet på nytt"

A = TypeVar("A")
R = TypeVar("R")

HEADER_WINDOW = 1024
"""A PDF starts with %PDF- within its first kilobyte (readers allow some bytes before it)."""

PARAGRAPH_GAP = 1.5
"""How many line pitches below the line before a line must stand to start a new block: a blank
line is two pitches, a paragraph's own space after it (a word processor's 6–10 pt) about 1.5–1.8,
and lines of one paragraph one pitch, however their font's rounding jitters."""


class Unreadable(Exception):
    """A file the importer cannot read text from, with the one line (Swedish) that says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class _Line:
    """A line as drawn: its text and baseline (points from the page's foot; None for white space only)."""

    text: str
    baseline: float | None


@dataclass(frozen=True)
class _Piece:
    """Text as pypdf hands it over (it may hold line breaks), with the baseline it is drawn on."""

    text: str
    baseline: float


def extract_pages(path: Path) -> tuple[Page, ...]:
    """The PDF's pages as lines in reading order, "" where vertical space separates two lines."""
    drawn = [list(_drawn_lines(page)) for page in _pages(path)]
    if not any(line.baseline is not None for lines in drawn for line in lines):
        raise Unreadable(NO_TEXT)
    pitch = _pitch(drawn)
    return tuple(Page(tuple(_with_breaks(lines, pitch))) for lines in drawn)


def _pages(path: Path) -> list[PageObject]:
    """The document's pages, or the reason it has none to read."""
    try:
        with path.open("rb") as file:
            head = file.read(HEADER_WINDOW)
    except OSError as error:
        raise Unreadable(UNOPENED) from error
    if b"%PDF-" not in head:
        raise Unreadable(NOT_PDF)
    reader = _damaged_is_unreadable(PdfReader, path)
    if reader.is_encrypted and _decrypted(reader) == PasswordType.NOT_DECRYPTED:
        raise Unreadable(ENCRYPTED)
    return _damaged_is_unreadable(list, reader.pages)


def _decrypted(reader: PdfReader) -> PasswordType:
    """Opened with the empty password: a PDF that only restricts copying or printing reads as any."""
    try:
        return reader.decrypt("")
    except DependencyError as error:  # AES needs pypdf's optional crypto package
        raise Unreadable(ENCRYPTED) from error


def _damaged_is_unreadable(read: Callable[[A], R], argument: A) -> R:
    """What read returns; a damaged file makes pypdf raise errors of many kinds, each one DAMAGED."""
    try:
        return read(argument)
    except Exception as error:
        raise Unreadable(DAMAGED) from error


def _drawn_lines(page: PageObject) -> Iterator[_Line]:
    """The page's lines as pypdf joins its text, each with the baseline of its first words."""
    pieces: list[_Piece] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        pieces.append(_Piece(text, tm[4] * cm[1] + tm[5] * cm[3] + cm[5]))

    _damaged_is_unreadable(lambda visitor: page.extract_text(visitor_text=visitor), visit)
    text, baseline = "", None
    for piece in pieces:
        for index, part in enumerate(piece.text.split("\n")):
            if index:
                yield _Line(text.rstrip(), baseline)
                text, baseline = "", None
            if baseline is None and part.strip():
                baseline = piece.baseline
            text += part
    yield _Line(text.rstrip(), baseline)


def _steps(lines: Sequence[_Line]) -> Iterator[float]:
    """How far each drawn line stands below the drawn line before it."""
    drawn = [line.baseline for line in lines if line.baseline is not None]
    return (above - below for above, below in itertools.pairwise(drawn))


def _pitch(pages: Sequence[Sequence[_Line]]) -> float | None:
    """The document's distance from one line to the next (None without two lines in a row): the
    lower quartile of the steps down, since most steps in a decision are one line, and in a
    document where many lines stand alone between blank lines a quarter still are."""
    steps = [step for lines in pages for step in _steps(lines) if step > 0]
    if len(steps) < 2:
        return steps[0] if steps else None
    return statistics.quantiles(steps, n=4, method="inclusive")[0]


def _with_breaks(lines: Sequence[_Line], pitch: float | None) -> Iterator[str]:
    """The lines' text, "" between two where white space, a gap or a jump upwards separates them."""
    previous: float | None = None
    pending = False
    for line in lines:
        if line.baseline is None:
            pending = pending or previous is not None
            continue
        if previous is not None and (pending or _apart(previous - line.baseline, pitch)):
            yield PARAGRAPH_BREAK
        yield line.text
        previous, pending = line.baseline, False


def _apart(step: float, pitch: float | None) -> bool:
    """Whether a line this far below the one before starts a new block (negative: it stands higher)."""
    if pitch is None:
        return False
    return step > PARAGRAPH_GAP * pitch or step < -pitch / 2
