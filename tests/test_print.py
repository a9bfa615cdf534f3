"""A decision printed on A4 in Chromium (Debian's package), read back from the PDF's text.

A relative who prints a decision gets the document: no heading or bold label at the foot of a page
with its text on the next, no table row split over two pages, and the decision's date, case number
and permanent address in the printout itself. The print rules are in docs/stylesheets/print.css.
"""

from __future__ import annotations

import functools
import io
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.browsing import chromium, serve, skip_without_chromium
from tests.conftest import SEED_DECISIONS, SITE_URL

pytestmark = pytest.mark.slow

playwright_api = pytest.importorskip("playwright.sync_api")
pypdf = pytest.importorskip("pypdf")


skip_without_chromium()

HEADS = "h1, h2, h3, h4, h5, h6, .kp-label, .kp-subheading"
"""What heads a block: the headings and the bold label paragraphs (the template's "Bedömning",
"Åtgärd", and the sub-headings in a decision's text)."""

PAIRS = """heads => {
  const shown = element => element.getClientRects().length > 0 && element.innerText.trim() !== "";
  const pairs = [];
  for (const head of document.querySelectorAll(`article :is(${heads})`)) {
    if (!shown(head)) continue;
    let next = head.nextElementSibling;
    while (next && !shown(next)) next = next.nextElementSibling;
    if (next) pairs.push({head: head.innerText, next: next.innerText, nextIsHead: next.matches(heads)});
  }
  return pairs;
}"""
"""Each shown heading of the printed page and the shown block after it, in document order."""

ROWS = """() => Array.from(document.querySelectorAll("article table tbody tr"), row => row.innerText)"""
"""Each table row's text: printed whole on one page, it stands in the PDF's text in one piece."""


@dataclass(frozen=True)
class Printout:
    """The PDF's text, page by page, without white space (line breaks fall anywhere in a PDF)."""

    pages: tuple[str, ...]

    @property
    def text(self) -> str:
        return "".join(self.pages)

    def page_at(self, position: int) -> int:
        """The page (from 1) that holds the character at this position of the whole text."""
        end = 0
        for number, page in enumerate(self.pages, 1):
            end += len(page)
            if position < end:
                return number
        raise IndexError(position)


def plain(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.fixture(scope="module")
def shipped_url(shipped_site: Path) -> Iterator[str]:
    yield from serve(shipped_site)


@pytest.fixture(scope="module")
def published_url(published_site: Path) -> Iterator[str]:
    yield from serve(published_site)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from chromium(playwright_api)


@dataclass(frozen=True)
class Printed:
    printout: Printout
    pairs: list[dict[str, Any]]
    rows: list[str]


@pytest.fixture
def printed(browser: Any) -> Callable[[str], Printed]:
    """Prints a page; each test prints afresh, so that a repeated run (--count) prints again."""
    return functools.partial(_print, browser)


def _print(browser: Any, url: str) -> Printed:
    """The page as Chromium prints it on A4, and what its print layout shows as headings and rows."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    page.emulate_media(media="print")
    pairs, rows = page.evaluate(PAIRS, HEADS), page.evaluate(ROWS)
    pdf = page.pdf(format="A4")
    context.close()
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return Printed(Printout(tuple(plain(p.extract_text()) for p in reader.pages)), pairs, rows)


def _find(printout: Printout, text: str, start: int, what: str) -> int:
    found = printout.text.find(text, start)
    assert found >= 0, f"{what} {text!r} is not in the printout after position {start}"
    return found


PREFIX = 30
"""Characters of a block's start that find it in the printout."""


@pytest.mark.parametrize("decision", SEED_DECISIONS)
def test_no_heading_ends_a_page_without_its_text(
    printed: Callable[[str], Printed], shipped_url: str, decision: str
) -> None:
    page = printed(f"{shipped_url}beslut/{decision}/")
    printout = page.printout
    assert len(printout.pages) > 1, "a decision runs over pages: the test would prove nothing on one"
    assert len(page.pairs) > 10
    stranded, cursor = [], 0
    for pair in page.pairs:
        head, block = plain(pair["head"])[:PREFIX], plain(pair["next"])[:PREFIX]
        at = _find(printout, head, cursor, "heading")
        follows = _find(printout, block, at + len(head), f"the block after {pair['head']!r}:")
        if printout.page_at(at) != printout.page_at(follows):
            stranded.append(f"{pair['head']!r} ends page {printout.page_at(at)}")
        cursor = follows if pair["nextIsHead"] else follows + len(block)
    assert stranded == []


@pytest.mark.parametrize("decision", SEED_DECISIONS)
def test_no_table_row_is_split_over_two_pages(
    printed: Callable[[str], Printed], shipped_url: str, decision: str
) -> None:
    page = printed(f"{shipped_url}beslut/{decision}/")
    printout = page.printout
    assert page.rows, "the decision page has tables"
    split, cursor = [], 0
    for row in page.rows:
        text = plain(row)
        start = _find(printout, text, cursor, "a table row (split by a page break, or missing)")
        end = start + len(text) - 1
        if printout.page_at(start) != printout.page_at(end):
            split.append(f"{row!r} on pages {printout.page_at(start)}–{printout.page_at(end)}")
        cursor = end
    assert split == []


def test_a_printout_says_its_date_case_number_and_permanent_address(
    printed: Callable[[str], Printed], published_url: str
) -> None:
    text = printed(f"{published_url}beslut/sov-881-2022/").printout.text
    assert plain("Beslut daterat 16 maj 2022 · Diarienummer Sov 881/2022") in text
    assert plain(f"Permanent adress: {SITE_URL}beslut/sov-881-2022/") in text


def test_a_printout_without_date_case_number_or_site_address_says_so(
    printed: Callable[[str], Printed], shipped_url: str
) -> None:
    """The shipped decision prints neither date nor case number, and the shipped site is built
    without its published address: the printout says each is unknown, never a guess."""
    text = printed(f"{shipped_url}beslut/kvalitetsservice-voo-1905-2023/").printout.text
    assert plain("Beslutets datum framgår inte av det publicerade beslutet") in text
    assert plain("Diarienumret framgår inte av det publicerade beslutet") in text
    assert plain("Permanent adress: /beslut/kvalitetsservice-voo-1905-2023/ på portalens webbplats") in text
    assert plain("webbplatsens fullständiga adress angavs inte när sidan byggdes") in text
