"""Which library reads the decisions' PDFs: pypdf, pdfminer.six and PyMuPDF on the seeds' layout.

    python3 -m venv /tmp/pdfcmp
    /tmp/pdfcmp/bin/pip install pypdf pdfminer.six pymupdf playwright pytest
    /tmp/pdfcmp/bin/python bench/pdf_libraries.py

The candidates belong in a throwaway venv: the project keeps one extraction library (the one
generator/importing/pdf.py uses). A library that is not installed is left out with a note.

Both seed texts are printed to PDF as the tests print them (tests/pdfs.py: A4, a running header,
"Sida N av M"); each reader's pages go through the importer's ``document_text`` and are compared
with ``document_text`` of the seed text itself, line by line (trailing white space and runs of
blank lines aside). Per reader:

- ``lines``: the seeds' lines extracted equal and in place (blank lines included), as a share of
  the lines expected or extracted, whichever are more (a header left in counts against);
- ``breaks``: the share of the seeds' paragraph breaks (blank lines) that survive;
- ``columns``: whether a two-column table ("Krav som följs upp" beside "Underlag till
  bedömning") reads as the seeds' text has it: the heads on one line, then each cell's lines
  whole, the left cell's first;
- ``bullet``: whether a word processor's bullet (Symbol 0xB7, mapped to U+F0B7) survives at the
  start of its item's line, as in pdftotext's output;
- ``åäö``: whether every å, ä, ö (and capitals) of the seeds survives;
- ``ms/page``: the median of five runs over both seeds' pages.

The table goes to standard output; the last line is one JSON object with the figures.
"""

from __future__ import annotations

import difflib
import importlib
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.importing.pages import PARAGRAPH_BREAK, Page, document_text, text_pages  # noqa: E402
from tests import pdfs  # noqa: E402

SEEDS = tuple(sorted((ROOT / "tests" / "seeds").glob("*.txt")))
RUNS = 5
LETTERS = "åäöÅÄÖ"
HEADS = ("Krav som följs upp", "Underlag till bedömning")
LEFT = ("Utföraren ska ha en rutin som beskriver:", "Hur daglig samverkan sker")
RIGHT = ("Inkommen rutin:", "Samverkan.PDF")
BULLETS = ("Granska inkomna rutiner", "Åtgärdsplan för öppna ärenden")

Reader = Callable[[Path], tuple[Page, ...]]


@dataclass(frozen=True)
class Candidate:
    """A way to read a PDF with one library; ``module`` is what must be importable."""

    name: str
    module: str
    licence: str
    read: Callable[[ModuleType], Reader]


@dataclass(frozen=True)
class Result:
    name: str
    licence: str
    lines: float
    breaks: float
    columns: bool
    bullet: bool
    letters: bool
    pages: int
    ms_per_page: float


def _importer(module: ModuleType) -> Reader:
    """The importer's own reading (pypdf, with the lines' baselines): generator/importing/pdf.py."""
    from generator.importing.pdf import extract_pages

    return extract_pages


def _pypdf_layout(pypdf: ModuleType) -> Reader:
    """pypdf's layout mode, which keeps vertical space as blank lines and columns side by side."""

    def read(path: Path) -> tuple[Page, ...]:
        texts = [page.extract_text(extraction_mode="layout") for page in pypdf.PdfReader(path).pages]
        return tuple(Page(tuple(text.splitlines())) for text in texts)

    return read


def _pdfminer(high_level: ModuleType) -> Reader:
    """pdfminer.six's text with its default layout analysis: a blank line after each text box."""
    return lambda path: text_pages(high_level.extract_text(path))


def _pymupdf_text(pymupdf: ModuleType) -> Reader:
    """PyMuPDF's plain text: the lines of each block, no blank lines."""

    def read(path: Path) -> tuple[Page, ...]:
        with pymupdf.open(path) as document:
            return tuple(Page(tuple(page.get_text("text").splitlines())) for page in document)

    return read


def _pymupdf_blocks(pymupdf: ModuleType) -> Reader:
    """PyMuPDF's text blocks, a blank line between two."""

    def read(path: Path) -> tuple[Page, ...]:
        with pymupdf.open(path) as document:
            return tuple(Page(tuple(_between_blocks(page.get_text("blocks")))) for page in document)

    return read


def _between_blocks(blocks: Sequence[tuple[object, ...]]) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if block[6] == 0:  # a text block, not an image
            lines += [PARAGRAPH_BREAK] if lines else []
            lines += str(block[4]).splitlines()
    return lines


CANDIDATES = (
    Candidate("pypdf, baselines (the importer)", "pypdf", "BSD-3-Clause", _importer),
    Candidate("pypdf, layout mode", "pypdf", "BSD-3-Clause", _pypdf_layout),
    Candidate("pdfminer.six", "pdfminer.high_level", "MIT", _pdfminer),
    Candidate("PyMuPDF, text", "pymupdf", "AGPL-3.0 or commercial", _pymupdf_text),
    Candidate("PyMuPDF, blocks", "pymupdf", "AGPL-3.0 or commercial", _pymupdf_blocks),
)


@dataclass(frozen=True)
class Printed:
    """The PDFs every reader reads, and what each should read as."""

    seeds: tuple[tuple[Path, list[str]], ...]
    columns: Path
    bullets: Path


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="pdf-libraries-") as folder:
        printed = _print(Path(folder))
        results = []
        for candidate in CANDIDATES:
            try:
                module = importlib.import_module(candidate.module)
            except ImportError:
                print(f"{candidate.name}: {candidate.module} is not installed, left out", file=sys.stderr)
                continue
            results.append(_measure(candidate, candidate.read(module), printed))
    _report(results)
    return 0


def _print(folder: Path) -> Printed:
    """Both seeds, the two-column table and the bullets as PDFs in folder."""
    seeds = []
    with pdfs.browser() as browser:
        for seed in SEEDS:
            text = seed.read_text(encoding="utf-8")
            pdf = pdfs.print_text(browser, text, folder / f"{seed.stem}.pdf")
            seeds.append((pdf, pdfs.comparable(document_text(text_pages(text)))))
        columns = pdfs.print_html(browser, pdfs.columns_html(HEADS, LEFT, RIGHT), folder / "columns.pdf")
    bullets = pdfs.bullet_pdf(folder / "bullets.pdf", BULLETS)
    return Printed(tuple(seeds), columns, bullets)


def _measure(candidate: Candidate, read: Reader, printed: Printed) -> Result:
    equal = breaks = expected_lines = got_lines = expected_breaks = pages = 0
    letters = True
    for pdf, expected in printed.seeds:
        read_pages = read(pdf)
        pages += len(read_pages)
        got = pdfs.comparable(document_text(read_pages))
        matcher = difflib.SequenceMatcher(None, expected, got, autojunk=False)
        for block in matcher.get_matching_blocks():
            equal += block.size
            breaks += expected[block.a : block.a + block.size].count(PARAGRAPH_BREAK)
        expected_lines += len(expected)
        got_lines += len(got)
        expected_breaks += expected.count(PARAGRAPH_BREAK)
        letters &= all("".join(got).count(c) == "".join(expected).count(c) for c in LETTERS)
    bullet_lines = [line.strip() for line in document_text(read(printed.bullets)).splitlines()]
    column_lines = [line.strip() for line in document_text(read(printed.columns)).splitlines() if line.strip()]
    return Result(
        name=candidate.name,
        licence=candidate.licence,
        lines=round(equal / max(expected_lines, got_lines), 3),
        breaks=round(breaks / expected_breaks, 3),
        columns=column_lines == [" ".join(HEADS), *LEFT, *RIGHT],
        bullet=all(line.startswith(pdfs.WORD_BULLET) for line in bullet_lines) and len(bullet_lines) == len(BULLETS),
        letters=letters and all(any(item in line for line in bullet_lines) for item in BULLETS),
        pages=pages,
        ms_per_page=round(_median_seconds(read, [pdf for pdf, _ in printed.seeds]) * 1000 / pages, 1),
    )


def _median_seconds(read: Reader, files: list[Path]) -> float:
    """Seconds to read every file, the median of RUNS runs after one that warms the caches."""
    times = []
    for run in range(RUNS + 1):
        start = time.perf_counter()
        for pdf in files:
            read(pdf)
        if run:
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def _report(results: list[Result]) -> None:
    def mark(flag: bool) -> str:
        return "yes" if flag else "no"

    pages = results[0].pages if results else 0
    print(f"Both seeds printed by Chromium: {pages} pages. Median of {RUNS} runs.\n")
    heads = ("lines equal", "paragraph breaks", "table as in the seeds", "U+F0B7 starts its item", "åäö")
    print(f"| reader | {' | '.join(heads)} | ms/page | licence |")
    print("| --- " * (len(heads) + 3) + "|")
    for r in results:
        cells = (f"{r.lines:.1%}", f"{r.breaks:.1%}", mark(r.columns), mark(r.bullet), mark(r.letters))
        print(f"| {r.name} | {' | '.join(cells)} | {r.ms_per_page} | {r.licence} |")
    print(json.dumps({"pages": pages, "results": [asdict(r) for r in results]}, ensure_ascii=False))


if __name__ == "__main__":
    raise SystemExit(main())
