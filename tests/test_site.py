"""The built site on the shipped data: every page type, Swedish, no third-party fonts, a small nav."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import SHIPPED
from tests.html_text import article_text, site_page

REQUIREMENTS = sorted(p.stem for p in (SHIPPED / "requirements").glob("*.yml"))

PAGES = [
    "",
    "utforare/",
    "utforare/kvalitetsservice/",
    "krav/",
    *(f"krav/{r}/" for r in REQUIREMENTS),
    "beslut/",
    "beslut/kvalitetsservice-voo-1905-2023/",
    "beslut/sov-881-2022/",
    "om/",
    "om/tillganglighet/",
    "sok/",
    "jamforelse/",
    "statistik/",
]


@pytest.mark.parametrize("url", PAGES)
def test_page_exists_in_swedish_without_google_fonts(shipped_site: Path, url: str) -> None:
    html = site_page(shipped_site, url).read_text(encoding="utf-8")
    assert '<html lang="sv"' in html
    assert "fonts.googleapis.com" not in html
    assert "fonts.gstatic.com" not in html


def test_the_nine_seed_requirements_have_pages() -> None:
    assert len(REQUIREMENTS) >= 9  # every requirement of data/ is in PAGES


@pytest.mark.parametrize(
    ("url", "badges"),
    [
        ("beslut/kvalitetsservice-voo-1905-2023/", {"met": 8, "not_met": 8}),
        ("beslut/sov-881-2022/", {"remedied": 4}),
        # standing, the table of latest outcomes (4 + 4), and the counts in the timeline (1 + 1)
        ("utforare/kvalitetsservice/", {"actions_required": 1, "met": 5, "not_met": 5}),
    ],
)
def test_outcomes_carry_badges_with_icon_and_word(
    shipped_site: Path, seed_site: Path, url: str, badges: dict[str, int]
) -> None:
    """A seed decision's page in the shipped site, the provider's in the site of the seeds alone
    (conftest.seed_site): a decision added to data/ changes the provider's page."""
    html = site_page(shipped_site if url.startswith("beslut/") else seed_site, url).read_text(encoding="utf-8")
    found = re.findall(
        r'<span class="kp-status kp-status--(\w+)"><span class="twemoji">.*?</span> ([^<]+)</span>', html
    )
    counts = {status: sum(1 for s, _ in found if s == status) for status, _ in found}
    assert counts == badges
    words = {
        "met": "Uppfyller kravet",
        "not_met": "Uppfyller inte kravet",
        "remedied": "Åtgärdad",
        "actions_required": "Brister – åtgärder krävs",
    }
    assert all(word == words[status] for status, word in found)


def test_search_index_is_swedish_and_covers_the_records(shipped_site: Path) -> None:
    entry = json.loads((shipped_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["sv"]
    pages = {p.parent.relative_to(shipped_site).as_posix() for p in shipped_site.rglob("index.html")}
    listings = {p for p in pages if p.startswith(("atgarder", "beslut/ar/"))}
    assert entry["languages"]["sv"]["page_count"] == len(pages) - len(listings)
    assert len(listings) > 10, "the register and the years are listings of what record pages say"
    for listing in listings:
        assert "data-pagefind-body" not in (shipped_site / listing / "index.html").read_text(encoding="utf-8")
    assert not (shipped_site / "search" / "search_index.json").exists()


def test_nav_lists_sections_not_records(shipped_site: Path) -> None:
    html = site_page(shipped_site, "").read_text(encoding="utf-8")
    assert "kvalitetsservice-voo-1905-2023" in html  # the home page lists the latest decisions
    nav = html.split('<nav class="md-nav md-nav--primary', 1)[1].split("</nav>", 1)[0]
    assert "sov-881-2022" not in nav
    assert "egenkontroller" not in nav


def test_unknown_facts_read_uppgift_saknas(shipped_site: Path) -> None:
    text = article_text(site_page(shipped_site, "beslut/"))
    assert "uppgift saknas Uppföljning av kvalitetskrav – Kvalitetsservice uppgift saknas Kvalitetsservice" in text
    assert "16 maj 2022 Resultatuppföljning av kvalitetskrav – Sov 881/2022 Sov 881/2022 uppgift saknas" in text
