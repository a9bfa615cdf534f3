"""The built site on the shipped data: every page type, Swedish, no third-party fonts, a small nav."""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

import pytest

from generator.model import Status
from generator.organisation import COMPLIANCE_SENTENCES, load_organisation
from generator.states import Standing
from generator.swedish import format_date
from tests.conftest import ROOT, SHIPPED
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
    "ordlista/",
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
def test_outcomes_carry_badges_with_their_word_and_no_inline_icon(
    shipped_site: Path, seed_site: Path, url: str, badges: dict[str, int]
) -> None:
    """A seed decision's page in the shipped site, the provider's in the site of the seeds alone
    (conftest.seed_site): a decision added to data/ changes the provider's page. The icon is the
    stylesheet's (test_every_status_and_standing_has_its_icon_in_the_stylesheet)."""
    html = site_page(shipped_site if url.startswith("beslut/") else seed_site, url).read_text(encoding="utf-8")
    found = re.findall(r'<span class="kp-status kp-status--(\w+)">([^<]+)</span>', html)
    assert html.count('<span class="kp-status ') == len(found), "a badge holds its word and nothing else"
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
    """Search leads to the records themselves and the information pages, never to a listing,
    the home page or the search page (they repeat what record pages say)."""
    entry = json.loads((shipped_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["sv"]
    pages = {p.parent.relative_to(shipped_site).as_posix() for p in shipped_site.rglob("index.html")}
    records = {p for p in pages if re.fullmatch(r"(utforare|krav|beslut)/[^/]+", p) and p not in {"beslut/ar"}}
    information = {"om", "om/tillganglighet", "oppna-data", "ordlista"}
    indexed = {p for p in pages if "data-pagefind-body" in site_page(shipped_site, f"{p}/").read_text(encoding="utf-8")}
    assert indexed == records | information
    assert entry["languages"]["sv"]["page_count"] == len(indexed)
    assert len(pages - indexed) > 10, "the home page, lists, register and years are left out"
    assert not (shipped_site / "search" / "search_index.json").exists()


LIST_PAGES = ["", "utforare/", "krav/", *(f"krav/{r}/" for r in REQUIREMENTS), "beslut/", "jamforelse/", "statistik/"]
LISTINGS = ("utforare/index", "beslut/ar", "jamforelse", "atgarder")
"""Folders of the listings that sort, filter and page the list pages, whatever pages the data make there."""


def test_list_pages_have_no_table_in_a_box_that_scrolls_sideways(shipped_site: Path) -> None:
    """Material puts a Markdown table (a <table> without a class) in a box that scrolls sideways on
    a phone; the table macro's tables (class kp-table) stack instead."""
    pages = [site_page(shipped_site, url) for url in LIST_PAGES]
    pages += [page for folder in LISTINGS for page in (shipped_site / folder).rglob("index.html")]
    assert len(pages) > len(LIST_PAGES) + 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "md-typeset__scrollwrap" not in html, page
        assert re.findall(r"<table(?![^>]*\bclass=\"kp-table)[^>]*>", html) == [], page
    assert any("utforare/index/" in page.as_posix() for page in pages), "the provider list's listings are pages"


def test_nav_lists_sections_not_records(shipped_site: Path) -> None:
    html = site_page(shipped_site, "").read_text(encoding="utf-8")
    assert "kvalitetsservice-voo-1905-2023" in html  # the home page links each provider's latest decision
    nav = html.split('<nav class="md-nav md-nav--primary', 1)[1].split("</nav>", 1)[0]
    assert "sov-881-2022" not in nav
    assert "egenkontroller" not in nav


def test_unknown_facts_read_uppgift_saknas(shipped_site: Path) -> None:
    undated = article_text(site_page(shipped_site, "beslut/ar/utan-datum/"))
    assert "uppgift saknas Uppföljning av kvalitetskrav – Kvalitetsservice uppgift saknas Kvalitetsservice" in undated
    assert "nyast först" not in undated, "undated decisions have no order in time"
    text = article_text(site_page(shipped_site, "beslut/"))
    assert "16 maj 2022 Resultatuppföljning av kvalitetskrav – Sov 881/2022 Sov 881/2022 uppgift saknas" in text


ABBREVIATIONS = ROOT / "includes" / "abbreviations.md"


def _identity_names() -> tuple[str, str]:
    organisation, _ = load_organisation(ROOT / "organisation.yml", "organisation.yml", ROOT / "docs")
    assert organisation is not None
    return organisation.name, organisation.unit


def test_the_404_page_is_swedish_and_shows_the_way_on(shipped_site: Path) -> None:
    html = (shipped_site / "404.html").read_text(encoding="utf-8")
    assert '<html lang="sv"' in html
    assert "<title>Sidan finns inte - Kvalitetsportalen</title>" in html
    assert "<h1>Sidan finns inte</h1>" in html
    assert "Not found" not in html
    # Absolute, since the page is shown at any address ("/." is the root, as in Material's own logo link).
    for target in ('href="/.">Startsidan', 'href="/utforare/"', 'href="/beslut/"', 'action="/sok/"'):
        assert target in html, target
    assert 'name="q"' in html


@pytest.mark.parametrize("url", ["", "beslut/sov-881-2022/", "om/tillganglighet/", "404"])
def test_header_and_footer_name_the_organisation_and_link_the_statement(shipped_site: Path, url: str) -> None:
    page = shipped_site / "404.html" if url == "404" else site_page(shipped_site, url)
    html = page.read_text(encoding="utf-8")
    name, unit = _identity_names()
    header = html.split('<header class="md-header', 1)[1].split("</header>", 1)[0]
    assert (
        f'Kvalitetsportalen<span class="kp-identity-name"><span class="kp-identity-sep"> · </span>{name}</span>'
        in header
    )
    footer = html.split('<footer class="md-footer', 1)[1].split("</footer>", 1)[0]
    assert "Made with" not in footer
    assert "Material for MkDocs" not in footer
    assert f"<strong>{unit}</strong>, {name}" in footer
    assert re.search(r'<a href="[./]*(om/tillganglighet/)?">Tillgänglighetsredogörelse</a>', footer)
    assert re.search(r'<a href="[./]*ordlista/">Ordlista</a>', footer)


def test_the_accessibility_statement_has_digg_s_four_elements(shipped_site: Path) -> None:
    organisation, _ = load_organisation(ROOT / "organisation.yml", "organisation.yml", ROOT / "docs")
    assert organisation is not None
    html = site_page(shipped_site, "om/tillganglighet/").read_text(encoding="utf-8")
    text = article_text(site_page(shipped_site, "om/tillganglighet/"))
    # 1. The compliance status, in Digg's words.
    assert COMPLIANCE_SENTENCES[organisation.accessibility.compliance] in text
    # 2. How to report a problem: the accessibility contact, or else the unit's, and never an invented one.
    report = organisation.accessibility
    reachable = [f'href="mailto:{address}"' for address in (report.email, organisation.email) if address]
    assert reachable and any(link in html for link in reachable)
    if report.email is None and report.phone is None:
        assert "Kontaktuppgifter särskilt för brister i tillgängligheten: <em>uppgift saknas</em>." in html
    # 3. The supervisory authority and its form.
    assert '<a href="https://www.digg.se/tdosanmalan">' in html
    assert "Myndigheten för digital förvaltning (Digg)" in text
    # 4. When the statement was last reviewed.
    assert f"Redogörelsen granskades senast den {format_date(report.reviewed)}." in text
    assert "Innehåll som inte är tillgängligt" in text
    assert "granskats manuellt med skärmläsare" in text


def test_the_glossary_explains_every_term_the_pages_mark(shipped_site: Path) -> None:
    glossary = article_text(site_page(shipped_site, "ordlista/")).lower()
    for line in ABBREVIATIONS.read_text(encoding="utf-8").splitlines():
        term = re.fullmatch(r"\*\[(.+?)\]: (.+?): .+", line)
        assert term, line
        assert term.group(2).lower() in glossary, f"{term.group(1)}: the glossary has no entry {term.group(2)}"
    nav = site_page(shipped_site, "").read_text(encoding="utf-8")
    assert 'href="ordlista/"' in nav


def test_terms_are_explained_where_they_occur_and_the_definitions_leave_no_trace(shipped_site: Path) -> None:
    decision = site_page(shipped_site, "beslut/kvalitetsservice-voo-1905-2023/").read_text(encoding="utf-8")
    for term in ("Treserva", "W3D3", "IVO"):
        assert re.search(rf'<abbr title="{term}: [^"<>]+">{term}</abbr>', decision), term
    for page in shipped_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "*[" not in html and "-8<-" not in html, page


RECORD_PAGES = {
    "beslut/kvalitetsservice-voo-1905-2023/": ("beslut", "Beslut"),
    "utforare/kvalitetsservice/": ("utforare", "Utförare"),
    "krav/egenkontroller/": ("krav", "Kvalitetskrav"),
}
"""A record page of each kind, with the section its breadcrumbs lead back to."""


@pytest.mark.parametrize("url", sorted(RECORD_PAGES))
def test_a_record_page_leaves_out_the_site_navigation_and_keeps_its_way_back(shipped_site: Path, url: str) -> None:
    """Tens of thousands of record pages at national scale: each without the tabs and the drawer's
    navigation (6–7 KB a page), but with the header, the way back to its section, search and its own
    table of contents."""
    html = site_page(shipped_site, url).read_text(encoding="utf-8")
    for chrome in ('class="md-tabs"', "md-nav--primary", 'for="__drawer"><svg'):
        assert chrome not in html, chrome
    assert 'for="__drawer"' not in html.split('<header class="md-header', 1)[1].split("</header>", 1)[0]
    path = html.split('<nav class="md-path"', 1)[1].split("</nav>", 1)[0]
    section, title = RECORD_PAGES[url]
    links = re.findall(r'<a href="([^"]*)" class="md-path__link"><span class="md-ellipsis">([^<]*)</span>', path)
    assert [(posixpath.normpath(url + href), text) for href, text in links] == [(".", "Start"), (section, title)]
    (search,) = re.findall(r'<a href="([^"]*)" class="md-header__button md-icon kp-header__search" title="Sök"', html)
    assert posixpath.normpath(url + search) == "sok"
    assert 'class="md-nav md-nav--secondary"' in html, "the page's own table of contents"


@pytest.mark.parametrize("url", ["", "beslut/", "statistik/", "om/"])
def test_other_pages_keep_the_tabs_and_the_drawer_and_show_no_breadcrumbs(shipped_site: Path, url: str) -> None:
    html = site_page(shipped_site, url).read_text(encoding="utf-8")
    assert 'class="md-tabs"' in html and "md-nav--primary" in html and 'for="__drawer"' in html
    assert "md-path" not in html and "kp-header__search" not in html


def test_no_page_carries_an_inline_icon_of_ours(shipped_site: Path) -> None:
    """The badges' icons come from the stylesheet, once: an inline SVG per badge cost a decision
    page 3.3 KB. What inline SVGs remain are Material's own buttons in the header and the charts."""
    pages = [page for page in shipped_site.rglob("*.html") if "pagefind" not in page.parts]
    assert len(pages) > 40
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "twemoji" not in html and ":material-" not in html, page
        article = html.split("<article", 1)[1].split("</article>", 1)[0] if "<article" in html else ""
        assert all('role="img"' in svg for svg in re.findall(r"<svg[^>]*>", article)), page


def test_every_status_and_standing_has_its_icon_in_the_stylesheet(shipped_site: Path) -> None:
    """The badges' icons are drawn by portal.css, by the badge's class: one for every status and standing."""
    css = (shipped_site / "stylesheets" / "portal.css").read_text(encoding="utf-8")
    with_icon = {
        name
        for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css)
        if "--kp-icon: url(" in body
        for name in re.findall(r"\.kp-status--(\w+)", selectors)
    }
    assert with_icon == {status.value for status in Status} | {standing.value for standing in Standing}
    assert re.search(r"\.kp-status::before \{[^}]*mask: var\(--kp-icon\)", css)
