"""Rendering: record text stays text, and whole pages match their golden files.

Refresh the golden files after an intended change with
``UPDATE_GOLDEN=1 python -m pytest tests/test_render.py`` and review the diff.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import multiprocessing
import os
import re
from fractions import Fraction
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml

from bench.generate import generate_tree
from generator import parallel
from generator import render as render_module
from generator.derive import Portal, derive
from generator.derive.comparison import statistics
from generator.derive.provider_list import LETTERS, OTHER_INITIAL, initial, provider_list_pages
from generator.derive.views import Share
from generator.encode import escape_attribute, escape_markdown, front_matter_string
from generator.pipeline import check
from generator.render import PageCache, page_jobs, render
from generator.text import prose
from tests.conftest import AS_OF, MINIMAL, SHIPPED, SHIPPED_AS_OF, SITE_URL, Tree
from tests.tables import table_rows

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


BREAKOUTS = [
    '" onload="alert(1)" x="',
    "' onfocus='alert(1)' autofocus x='",
    '"><meta http-equiv="refresh" content="0;url=https://example.invalid/">',
    '`a` [b](c) \\" <i>',
    "a\n\nb",
    "a\u2028b\u0085c\ufffed\te",
]


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


@pytest.mark.parametrize("text", HOSTILE + BREAKOUTS)
def test_attribute_text_stays_in_its_attribute_in_a_block_and_inline(text: str) -> None:
    value = escape_attribute(text)
    block, inline = _html(f'<p><img src="x.png" alt="{value}"></p>'), _html(f'Se <img src="x.png" alt="{value}"> här.')
    for html in (block, inline):
        assert [tag for tag, _ in _tags(html)] in (["p", "img"], ["img"])
        assert _tags(html)[-1][1] == {"src": "x.png", "alt": " ".join(text.split())}


@pytest.mark.parametrize("text", HOSTILE + BREAKOUTS)
def test_front_matter_text_is_safe_where_the_theme_prints_it(text: str) -> None:
    value = yaml.safe_load(f"description: {front_matter_string(text)}")["description"]
    assert _tags(f'<meta name="description" content="{value}"><title>{value}</title>') == [
        ("meta", {"name": "description", "content": text}),
        ("title", {}),
    ]


def test_prose_keeps_paragraphs_and_lists() -> None:
    html = _html(prose("Inledning:\n- ett\n  fortsatt\n- två\n\nSista <stycket>."))
    assert html == (
        "<p>Inledning:</p>\n<ul>\n<li>ett fortsatt</li>\n<li>två</li>\n</ul>\n<p>Sista &#60;stycket&#62;.</p>"
    )


def test_every_page_is_rendered_once() -> None:
    assert sorted(_pages()) == [
        "atgarder/hela-beslutet/index.md",
        "atgarder/index.md",
        "atgarder/krav/dokumentation/index.md",
        "atgarder/krav/hygien/index.md",
        "atgarder/lage/atgardade/index.md",
        "atgarder/lage/kvarstaende/index.md",
        "atgarder/lage/resultatuppfoljning-publicerad/index.md",
        "atgarder/lage/sista-dag-ej-passerad/index.md",
        "atgarder/lage/sista-dag-passerad/index.md",
        "atgarder/utforare/index.md",
        "beslut/ar/2023.md",
        "beslut/ar/2024.md",
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
        "utforare/index/lage-brister-atgardade.md",
        "utforare/index/omrade-okant.md",
        "utforare/omsorg-ab.md",
    ]


def test_a_record_page_is_rendered_again_only_when_its_inputs_change(tree: Tree) -> None:
    as_of = dt.date(2024, 6, 1)
    cache: PageCache = {}
    render(derive(check(tree.root, as_of).dataset, as_of), "", cache)
    page = "beslut/omsorg-ab-2023.md"
    cache[page] = (cache[page][0], "kept")
    assert render(derive(check(tree.root, as_of).dataset, as_of), "", cache)[page] == "kept"
    tree.replace("followups/omsorg-ab-2023.yml", "introduction: ", "introduction: Ändrad. ")
    again = render(derive(check(tree.root, as_of).dataset, as_of), "", cache)[page]
    assert "Ändrad." in again
    later = dt.date(2024, 7, 1)
    cache[page] = (cache[page][0], "kept")
    assert render(derive(check(tree.root, later).dataset, later), "", cache)[page] != "kept"


def test_pages_rendered_in_worker_processes_are_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    checked = check(SHIPPED, SHIPPED_AS_OF)
    assert checked.problems == ()
    portal = derive(checked.dataset, SHIPPED_AS_OF)
    alone = render(portal, SITE_URL)
    monkeypatch.setattr(parallel, "WORTH_FORKING", 1)
    cache: PageCache = {}
    assert render(portal, SITE_URL, cache, workers=2) == alone
    records = [job.path for job in page_jobs(portal) if job.record]
    assert {path: text for path, (_, text) in cache.items()} == {path: alone[path] for path in records}


def _process_and_workers(env: object, job: object) -> str:
    """In place of a page's text: the process that rendered it and the workers alive then."""
    return f"{os.getpid()} {len(multiprocessing.active_children())}"


def test_pages_that_read_across_records_are_rendered_here_once_the_workers_have_ended(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A forked worker copies each page of its parent's memory that it reads from: the pages that
    list or compare records are rendered in the build's own process, with no worker left."""
    portal = derive(check(SHIPPED, SHIPPED_AS_OF).dataset, SHIPPED_AS_OF)
    monkeypatch.setattr(parallel, "WORTH_FORKING", 1)
    monkeypatch.setattr(
        render_module, "_text", lambda env, job: f"{os.getpid()} {len(multiprocessing.active_children())}"
    )
    rendered = render(portal, workers=2)
    across = {job.path for job in page_jobs(portal) if job.across}
    assert {"index.md", "atgarder/index.md", "jamforelse/index.md"} <= across < set(rendered)
    for path, text in rendered.items():
        process, workers = map(int, text.split())
        assert (process == os.getpid()) is (path in across), path
        assert workers == 0 or path not in across, path


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


def _decision_html() -> str:
    return str(markdown.markdown(_pages()["beslut/omsorg-ab-2023.md"], extensions=[*EXTENSIONS, "md_in_html"]))


def test_provider_reply_is_marked_as_theirs_and_kept_apart_from_the_assessment() -> None:
    html = _decision_html()
    replies = re.findall(r'<div class="kp-reply">\n(.*?)</div>', html, re.S)
    notice = "<p>Utförarens egen text, publicerad oförändrad. Kommunen har inte granskat eller bedömt den.</p>"
    assert replies == [  # the findings come before the decision as a whole
        "<p><strong>Utförarens svar (inkom 20 november 2023)</strong></p>\n"
        f"{notice}\n"
        "<blockquote>\n<p>Vi har gått igenom alla genomförandeplaner.</p>\n"
        "<ul>\n<li>Planerna ses nu över varje halvår</li>\n</ul>\n</blockquote>\n",
        "<p><strong>Utförarens svar (inkom 24 november 2023)</strong></p>\n"
        f"{notice}\n"
        "<blockquote>\n<p>Vi delar inte bedömningen i alla delar men har skickat in en åtgärdsplan.</p>\n"
        "</blockquote>\n",
    ]
    decision = html.split('<h2 id="beslut">', 1)[1].split('<h2 id="uppgifter-om-beslutet">', 1)[0]
    assert '<h2 id="utforarens-svar-pa-beslutet">Utförarens svar på beslutet</h2>' in decision
    finding = re.split("<h[234]", html.split('<h4 id="krav-dokumentation">', 1)[1], maxsplit=1)[0]
    assessment, after = finding.split('<div class="kp-reply">', 1)
    assert "Granskningen visar brister." in assessment and "Skicka in en åtgärdsplan." in assessment
    assert "genomförandeplaner." not in assessment.split("<table", 1)[0]
    assert after.count("Vi har gått igenom") == 1 and html.count("Vi har gått igenom") == 1


def test_correction_log_comes_right_after_the_summary() -> None:
    html = _decision_html()
    top, rest = html.split('<h2 id="rattelser">Rättelser</h2>', 1)
    assert top.count("<h2") == 0 and '<div class="kp-summary">' in top, "the summary, then the corrections"
    log = rest.split("<h2", 1)[0]
    assert "<p><strong>Beslutet har rättats</strong> efter att det publicerades, senast 15 december 2023." in log
    cells = r'<tr>\n<td data-label="Datum">(.*?)</td>\n<td [^>]*>(.*?)</td>\n<td [^>]*>(.*?)</td>\n</tr>'
    rows = re.findall(cells, log)
    assert rows == [
        (
            "8 november 2023",
            "Avtalets diarienummer rättat från Voo 1/2022 till Voo 1/2023.",
            "Skrivfel i det publicerade beslutet.",
        ),
        (
            "15 december 2023",
            "Urvalet för genomförandeplaner rättat från 20 till 30.",
            "Siffran hade förts in fel från underlaget.",
        ),
    ]


def test_a_decision_without_reply_or_corrections_shows_neither() -> None:
    page = _pages()["beslut/omsorg-ab-2024.md"]
    assert "Rättelser" not in page and "kp-reply" not in page


def test_a_years_second_page_says_which_decisions_it_shows(monkeypatch: pytest.MonkeyPatch, tree: Tree) -> None:
    from generator.derive import decisions

    monkeypatch.setattr(decisions, "YEAR_PAGE_SIZE", 1)
    tree.replace("followups/omsorg-ab-2024.yml", "date: 2024-05-02", "date: 2023-12-20")
    tree.replace("followups/omsorg-ab-2024.yml", "{start: 2024-02, end: 2024-04}", "{start: 2023-10, end: 2023-11}")
    pages = render(derive(check(tree.root, AS_OF).dataset, AS_OF))
    second = pages["beslut/ar/sidor/2023/2.md"]
    assert "Beslut 2–2 av 2." in second
    assert '[1](/beslut/ar/2023.md) · <strong aria-current="page">2</strong>' in second
    assert "omsorg-ab-2023" in second and "omsorg-ab-2024" not in second


def test_the_latest_decisions_on_home_and_the_index_leave_an_undated_one_to_its_own_group(tree: Tree) -> None:
    tree.replace("followups/omsorg-ab-2023.yml", "date: 2023-11-01\n", "")
    pages = render(derive(check(tree.root, AS_OF).dataset, AS_OF))
    note = "1 beslut saknar datum och står därför inte i listan: [Beslut utan känt datum](/beslut/ar/utan-datum.md)."
    for page in ("index.md", "beslut/index.md"):
        latest = pages[page].split("## Senaste besluten\n", 1)[1]
        assert "omsorg-ab-2024.md" in latest and "omsorg-ab-2023.md" not in latest, page
        assert f"\n\n{note}\n" in latest, page
    assert "nyast först" not in pages["beslut/ar/utan-datum.md"], "undated decisions have no order in time"
    assert "1 beslut, nyast först." in pages["beslut/ar/2024.md"]


# The provider page, written for the public, standing first (derive/provider_page.py ProviderPage).


def _provider_page(root: Path = MINIMAL, site_url: str = "") -> str:
    checked = check(root, AS_OF)
    assert checked.problems == ()
    return render(derive(checked.dataset, AS_OF), site_url)["utforare/omsorg-ab.md"]


def _section(page: str, heading: str) -> str:
    return page.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]


def test_the_provider_pages_first_block_has_the_standing_and_the_date_it_rests_on() -> None:
    first = _provider_page().split("\n## ", 1)[0]
    assert '<span class="kp-status kp-status--deficiencies_remedied">' in first
    assert "Läget bygger på [beslutet den 2 maj 2024](/beslut/omsorg-ab-2024.md) och 1 tidigare beslut." in first
    assert "**Hur aktuell är bedömningen?**" in first
    assert "Kvalitetskraven följdes senast upp i ett beslut den 1 november 2023, för 7 månader sedan." in first
    assert "<table" not in first and "Skicka in en åtgärdsplan." not in first


def test_the_shipped_provider_says_once_that_its_decision_has_no_date() -> None:
    from tests.conftest import seed_dataset

    page = render(derive(seed_dataset(), AS_OF))["utforare/kvalitetsservice.md"]
    first = page.split("\n## ", 1)[0]
    assert "Läget bygger på [ett beslut utan datum](/beslut/kvalitetsservice-voo-1905-2023.md)." in first
    table = _section(page, "Senaste bedömning per krav")
    assert table.count("Beslutet som bedömningarna står i saknar datum.") == 1
    assert "beslutsdatum" not in page.lower() and "uppgift saknas" not in table
    assert table.count('<td data-label="Status"') == 8


def test_a_provider_page_with_one_decision_has_no_chart(tree: Tree) -> None:
    tree.path("followups/omsorg-ab-2024.yml").unlink()
    page = _provider_page(tree.root)
    assert "kp-chart" not in page and "<svg" not in page
    assert _section(page, "Andel uppfyllda krav").strip() == (
        "Efter beslutet den 1 november 2023 var 1 av 2 bedömda krav uppfyllda (50 %)."
    )
    assert "kp-chart" in _provider_page(), "two decisions: a chart of two bars"


def test_the_provider_pages_actions_are_one_line_each_with_a_link_to_the_decision() -> None:
    section = _section(_provider_page(), "Åtgärder som besluten kräver")
    lines = [line for line in section.splitlines() if line.startswith("- ")]
    assert len(lines) == 3, "the finding's action, the action plan, the result follow-up"
    assert all(" · [Hela texten i beslutet](/beslut/omsorg-ab-2023.md#" in line for line in lines)
    assert lines[0] == (
        "- **Dokumentation** · sista dag 2 januari 2024"
        " · bedömd som åtgärdad i [beslutet den 2 maj 2024](/beslut/omsorg-ab-2024.md#krav-dokumentation)"
        " · [Hela texten i beslutet](/beslut/omsorg-ab-2023.md#krav-dokumentation)"
    )
    assert "Skicka in en åtgärdsplan." not in section, "the full text is in the decision"


def test_the_badge_code_is_offered_only_with_the_published_address() -> None:
    without = _provider_page()
    assert "site_url" not in without and "<pre" not in without and "Kod att klistra in" not in without
    badge = _section(without, "Märke för webbplatser")
    assert badge.rstrip().endswith(
        '<p class="kp-provider-badge"><img src="../../badges/omsorg-ab.svg"'
        ' alt="Kvalitetsportalen – Omsorg AB: Brister åtgärdade" height="44"></p>\n\n'
        "Läget bygger på [beslutet den 2 maj 2024](/beslut/omsorg-ab-2024.md) och 1 tidigare beslut."
    ), "the date the badge's standing rests on, next to it"
    published = _provider_page(site_url=SITE_URL)
    code = published.split('<pre class="kp-badge-code"><code>', 1)[1].split("</code></pre>", 1)[0]
    assert unescape(code) == (
        f'<a href="{SITE_URL}utforare/omsorg-ab/"><img src="{SITE_URL}badges/omsorg-ab.svg"'
        ' alt="Kvalitetsportalen – Omsorg AB: Brister åtgärdade" height="44"></a>'
    )


# --- the decision page: what a reader reads first ---------------------------------------------


def _decision_page(root: Path = MINIMAL, page: str = "beslut/omsorg-ab-2023.md", site_url: str = "") -> str:
    checked = check(root, AS_OF)
    assert checked.problems == ()
    return render(derive(checked.dataset, AS_OF), site_url)[page]


def _summary(page: str) -> str:
    return page.split('<div class="kp-summary" markdown>', 1)[1].split("</div>", 1)[0]


def test_a_decision_page_opens_with_a_summary_in_plain_swedish() -> None:
    page = _decision_page()
    summary = _summary(page)
    assert (
        "Uppföljning av kvalitetskrav hos Omsorg AB enligt avtal Voo 1/2023. Beslutet är daterat 1 november 2023."
        in summary
    )
    assert "**Resultat:** Utföraren uppfyllde 1 av 2 bedömda krav; 1 krav uppfylldes inte." in summary
    assert (
        "**Krav som inte uppfylldes:**\n{: .kp-label }\n\n"
        "- [Dokumentation](/beslut/omsorg-ab-2023.md#krav-dokumentation)\n" in summary
    )
    assert "- Åtgärdsplan: senast 2 januari 2024, till uppfoljning@example.se.\n" in summary
    assert (
        "**Uppföljning av beslutet:** Enligt beslutet görs en resultatuppföljning efter 1 april 2024."
        " Resultatuppföljningen är publicerad:"
        " [Resultatuppföljning av kvalitetskrav – Omsorg AB](/beslut/omsorg-ab-2024.md) (2 maj 2024)."
    ) in summary
    assert page.index("# Uppföljning av kvalitetskrav – Omsorg AB") < page.index('<div class="kp-summary"')
    assert page.index('<div class="kp-summary"') < page.index("## Rättelser") < page.index("## Bedömningsöversikt")


def test_a_summary_says_when_no_result_follow_up_is_published_and_nothing_more(tree: Tree) -> None:
    tree.path("followups/omsorg-ab-2024.yml").unlink()
    summary = _summary(_decision_page(tree.root))
    assert "Ingen resultatuppföljning av beslutet är publicerad här ännu (läget den 1 juni 2024)." in summary
    for claim in ("försen", "har inte lämnat", "har inte skickat", "har inte åtgärdat", "struntat", "sent"):
        assert claim not in summary


def test_a_summary_of_an_undated_decision_without_deadlines_says_what_is_not_given(tree: Tree) -> None:
    tree.replace("followups/omsorg-ab-2023.yml", "case_number: Sov 10/2023\ndate: 2023-11-01\n", "")
    text = tree.path("followups/omsorg-ab-2023.yml").read_text(encoding="utf-8")
    deadlines = text[text.index("  deadlines:\n") : text.index("signed_by:")]
    tree.replace("followups/omsorg-ab-2023.yml", deadlines, "")
    page = _decision_page(tree.root)
    summary = _summary(page)
    assert "Beslutets datum framgår inte av det publicerade beslutet." in summary
    assert "**Vad utföraren ska göra och när:** Beslutet kräver en åtgärdsplan; sista dag anges inte i beslutet." in (
        summary
    )
    assert "Beslutets datum framgår inte av det publicerade beslutet · Diarienumret framgår inte" in page
    assert not re.search(r"\b(19|20)\d\d-\d\d-\d\d\b", summary), "no date is made up"


def test_a_partial_copys_summary_says_at_least_and_that_the_rest_is_unknown() -> None:
    partial = Path(__file__).parent / "fixtures" / "partial"
    summary = _summary(_decision_page(partial, "beslut/hemtjanst-norr-2024.md"))
    assert "**Resultat:** Minst 3 krav uppfylldes inte; övriga områden framgår inte av den publicerade kopian." in (
        summary
    )
    assert "**Krav som inte uppfylldes, av dem som kopian visar:**" in summary
    assert "Utföraren uppfyllde" not in summary


def test_findings_come_shortcomings_first_then_the_decision_then_the_facts() -> None:
    html = _decision_html()
    ids = re.findall(r'<h[1-4] id="([^"]+)"', html)
    assert ids.index("brister-i-kvalitetskrav") < ids.index("uppfyllda-kvalitetskrav")
    assert ids.index("krav-dokumentation") < ids.index("krav-hygien"), "not met before met, whatever the record's order"
    assert ids.index("bedomning") < ids.index("beslut") < ids.index("uppgifter-om-beslutet") < ids.index("inledning")
    overview = html.split('<h2 id="bedomningsoversikt">', 1)[1].split("</table>", 1)[0]
    assert overview.index("#krav-dokumentation") < overview.index("#krav-hygien")


def test_a_decision_page_keeps_its_content_and_every_anchor_others_link_to() -> None:
    html = _decision_html()
    ids = set(re.findall(r' id="([^"]+)"', html))
    assert {"beslut", "rattelser", "krav-dokumentation", "krav-hygien", "bedomningsoversikt"} <= ids
    assert {"inledning", "uppgifter-om-beslutet", "utforarens-svar-pa-beslutet", "underskrift"} <= ids
    for text in ("Enheten har följt upp kvalitetskrav.", "Utföraren ska upprätta en åtgärdsplan.", "Anna Controller"):
        assert text in html


def test_a_decision_pages_tables_are_html_tables_that_fit_a_phone() -> None:
    for page in ("beslut/omsorg-ab-2023.md", "beslut/omsorg-ab-2024.md"):
        text = _pages()[page]
        assert not re.search(r"^\|", text, re.M), f"a Markdown pipe table in {page}"
        assert text.count('<table class="kp-table') >= 3


def test_a_sub_heading_in_an_assessment_stands_on_its_own_line(tree: Tree) -> None:
    tree.replace(
        "followups/omsorg-ab-2023.yml",
        "      Granskningen visar brister.\n",
        "      Avvikelser\n      Granskningen visar brister.\n",
    )
    page = _decision_page(tree.root)
    assert "**Avvikelser**\n{: .kp-subheading }\n\nGranskningen visar brister." in page


def test_a_printed_decision_says_its_date_case_number_and_permanent_address() -> None:
    line = "Beslut daterat 1 november 2023 · Diarienummer Sov 10/2023 · Permanent adress: "
    published = _decision_page(site_url=SITE_URL)
    assert f"{line}{SITE_URL}beslut/omsorg-ab-2023/\n" in published
    assert (
        f"{line}/beslut/omsorg-ab-2023/ på portalens webbplats"
        " (webbplatsens fullständiga adress angavs inte när sidan byggdes)\n"
    ) in _decision_page()
    assert '<div class="kp-print-only" data-pagefind-ignore markdown>' in published


def test_a_hostile_heading_as_printed_stays_text_on_the_provider_page(tree: Tree) -> None:
    hostile = "[klicka](javascript:alert(1)) <b>fet</b>"
    tree.replace("followups/omsorg-ab-2024.yml", "heading: 3.7 Dokumentation", f"heading: '{hostile}'")
    tree.replace(
        "followups/omsorg-ab-2023.yml",
        "  - requirement: dokumentation\n    requirement_version: v1\n",
        f"  - requirement: dokumentation\n    requirement_version: v1\n    heading: '{hostile}'\n",
    )
    page = _provider_page(tree.root)
    html = str(markdown.markdown(page.split("---\n", 2)[2], extensions=[*EXTENSIONS, "md_in_html"]))
    assert "javascript:" not in "".join(str(attrs) for _, attrs in _tags(html))
    assert "<b>" not in html
    table, actions = _section(page, "Senaste bedömning per krav"), _section(page, "Åtgärder som besluten kräver")
    assert f"rubrik i beslutet: {escape_markdown(hostile)}</td>" in table
    assert f"- **{escape_markdown(hostile + ' (kvalitetskravet Dokumentation)')}** ·" in actions


# The list and table pages (home, provider list, requirements, decisions, comparison, statistics):
# every table is the table macro's, which stacks on a phone; the provider list says each
# provider's standing and how old its latest follow-up is; a share always stands with its base.

LIST_TEMPLATES = {
    "home.md.j2",
    "providers.md.j2",
    "requirements.md.j2",
    "requirement.md.j2",
    "followups.md.j2",
    "followups_year.md.j2",
    "register.md.j2",
    "comparison.md.j2",
    "statistics.md.j2",
}
PARTIAL = Path(__file__).parent / "fixtures" / "partial"


def _rendered(root: Path, as_of: dt.date = AS_OF) -> dict[str, str]:
    checked = check(root, as_of)
    assert checked.problems == ()
    return render(derive(checked.dataset, as_of))


def _body_html(page: str) -> str:
    return str(markdown.markdown(page.split("---\n", 2)[2], extensions=[*EXTENSIONS, "md_in_html"]))


@pytest.mark.parametrize("root", [MINIMAL, PARTIAL], ids=["minimal", "partial"])
def test_every_table_on_a_list_page_is_the_stacking_table_not_a_markdown_table(root: Path) -> None:
    """A Markdown table becomes a <table> without a class, which Material puts in a box that
    scrolls sideways on a phone; the table macro's table has its class and stacks instead."""
    checked = check(root, AS_OF)
    portal = derive(checked.dataset, AS_OF)
    pages = render(portal)
    listed = [job.path for job in page_jobs(portal) if job.template in LIST_TEMPLATES]
    assert len(listed) > 10
    tables = 0
    for path in listed:
        for tag, attrs in _tags(_body_html(pages[path])):
            if tag == "table":
                tables += 1
                assert "kp-table" in (attrs.get("class") or "").split(), path
    assert tables > 10


def test_the_provider_list_gives_each_providers_standing_and_latest_follow_up_with_its_age(tree: Tree) -> None:
    tree.write("providers/alfa-omsorg.yml", "id: alfa-omsorg\nname: Alfa Omsorg\n")
    rows = table_rows(_rendered(tree.root)["utforare/index.md"])
    assert [row["Utförare"] for row in rows] == [
        "[Alfa Omsorg](/utforare/alfa-omsorg.md)",
        "[Omsorg AB](/utforare/omsorg-ab.md)",
    ]
    assert [row["Läge"] for row in rows] == [
        '<span class="kp-status kp-status--no_follow_up">Ingen uppföljning publicerad</span>',
        '<span class="kp-status kp-status--deficiencies_remedied">Brister åtgärdade</span>',
    ]
    # the result follow-up of 2024 re-assessed one requirement; all of them were last followed up in 2023
    assert [row["Kraven senast uppföljda"] for row in rows] == [
        "ingen publicerad",
        "[1 november 2023](/beslut/omsorg-ab-2023.md) (för 7 månader sedan)",
    ]


def test_an_old_or_undated_latest_follow_up_says_so_in_the_provider_list(tree: Tree) -> None:
    tree.replace(
        "followups/omsorg-ab-2023.yml", "date: 2023-11-01\n", "follow_up_interval_years: 1\ndate: 2023-11-01\n"
    )
    (row,) = table_rows(_rendered(tree.root, dt.date(2024, 12, 1))["utforare/index.md"])
    assert row["Kraven senast uppföljda"] == (
        "[1 november 2023](/beslut/omsorg-ab-2023.md) (för 1 år och 1 månad sedan), **äldre än intervallet**"
    )
    tree.replace("followups/omsorg-ab-2023.yml", "date: 2023-11-01\n", "")
    (row,) = table_rows(_rendered(tree.root, dt.date(2024, 12, 1))["utforare/index.md"])
    assert row["Kraven senast uppföljda"] == "[datum saknas i beslutet](/beslut/omsorg-ab-2023.md)"


def test_a_provider_whose_areas_are_unknown_is_listed_as_unknown_never_as_serving_none(tree: Tree) -> None:
    tree.write("providers/alfa-omsorg.yml", "id: alfa-omsorg\nname: Alfa Omsorg\n")
    tree.replace(
        "followups/omsorg-ab-2023.yml", "introduction:", "provider_facts: {areas_served: [Norr]}\nintroduction:"
    )
    pages = _rendered(tree.root)
    rows = {row["Utförare"]: row["Verksam i"] for row in table_rows(pages["utforare/index.md"])}
    assert rows == {
        "[Alfa Omsorg](/utforare/alfa-omsorg.md)": "område okänt",
        "[Omsorg AB](/utforare/omsorg-ab.md)": (
            "Norr ([enligt beslutet den 1 november 2023](/beslut/omsorg-ab-2023.md))"
        ),
    }
    assert "[Område okänt (1)](/utforare/index/omrade-okant.md)" in pages["utforare/index.md"]
    unknown = pages["utforare/index/omrade-okant.md"]
    assert [row["Utförare"] for row in table_rows(unknown)] == ["[Alfa Omsorg](/utforare/alfa-omsorg.md)"]
    assert "Utförare som inget publicerat beslut anger något verksamhetsområde för." in unknown
    assert [row["Utförare"] for row in table_rows(pages["utforare/index/verksam-i-norr.md"])] == [
        "[Omsorg AB](/utforare/omsorg-ab.md)"
    ]


STATEMENT = re.compile(r"\d+ %( \(\d+ av \d+ bedömda krav( i \d+ beslut)?\))?")


@pytest.mark.parametrize("root", [MINIMAL, PARTIAL], ids=["minimal", "partial"])
def test_every_share_on_the_statistics_page_stands_with_its_base(root: Path) -> None:
    page = _rendered(root)["statistik/index.md"]
    statements = [match.group(0) for match in STATEMENT.finditer(page)]
    assert statements, "the page gives a share"
    assert all(match.group(1) for match in STATEMENT.finditer(page)), statements


def test_a_years_share_from_one_decision_gives_its_counts_in_words_and_no_percentage() -> None:
    """Hygien in 2023: one decision met the one requirement. "100 %" would read as the year's level."""
    page = _pages()["statistik/index.md"]
    assert {
        "År": "2023",
        "Uppfyllda eller åtgärdade krav": "1 av 1 bedömda krav i 1 beslut; ingen andel anges för ett enda beslut",
        "Ingår inte i andelen": "–",
    } in table_rows(page)
    assert "kp-chart" not in page, "no chart of a single bar"


def test_undated_assessments_are_counted_in_their_areas_table(tree: Tree) -> None:
    tree.replace("followups/omsorg-ab-2023.yml", "date: 2023-11-01\n", "")
    page = _rendered(tree.root)["statistik/index.md"]
    management = page.split("### Ledningssystem för kvalitet", 1)[1]
    assert {
        "År": "Datum saknas",
        "Uppfyllda eller åtgärdade krav": "räknas inte per år",
        "Ingår inte i andelen": "1 bedömning i 1 beslut som saknar datum",
    } in table_rows(management)


def test_the_comparison_labels_each_status_with_its_requirement_and_reads_as_cards_when_wide(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from generator.derive import views

    page = _pages()["jamforelse/index.md"]
    assert '<table class="kp-table kp-table--titled" markdown>' in page
    (row,) = table_rows(page)
    assert list(row) == [
        "Utförare",
        "Avtal eller överenskommelse",
        "Läge",
        "Kraven senast uppföljda",
        "Hygien",
        "Dokumentation",
    ]
    assert row["Dokumentation"].startswith('[<span class="kp-status kp-status--remedied">')
    monkeypatch.setattr(views, "MATRIX_COLUMNS", 1)
    assert '<table class="kp-table kp-table--titled kp-table--cards" markdown>' in _pages()["jamforelse/index.md"]
    assert '<table class="kp-table kp-table--titled" markdown>' in _pages()["jamforelse/omrade-hygien.md"]


def test_a_hostile_area_served_stays_text_in_the_provider_list_and_its_listing(tree: Tree) -> None:
    hostile = "[klicka](javascript:alert(1)) <b>fet</b> {: .x }"
    tree.replace(
        "followups/omsorg-ab-2023.yml",
        "introduction:",
        f"provider_facts: {{areas_served: ['{hostile}']}}\nintroduction:",
    )
    pages = _rendered(tree.root)
    (listing,) = [path for path in pages if path.startswith("utforare/index/verksam-i-")]
    for path in ("utforare/index.md", listing):
        html = _body_html(pages[path])
        assert "javascript:" not in "".join(str(attrs) for _, attrs in _tags(html)), path
        assert "<b>" not in html and 'class="x"' not in html, path
        assert unescape(re.sub(r"<[^>]+>", "", html)).count(hostile) >= 1, path
    title = yaml.safe_load(pages[listing].split("---\n", 2)[1])["title"]  # encoded for where the theme prints it
    assert unescape(title) == f"Utförare verksamma i: {hostile}" and "<b>" not in title


CROWDED_AS_OF = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def crowded(tmp_path_factory: pytest.TempPathFactory) -> Portal:
    """The benchmark's tree of size S (40 providers, 120 decisions), derived: enough providers
    for a small threshold to group and band them, as thousands do with the real ones."""
    root = tmp_path_factory.mktemp("crowded") / "data"
    generate_tree(root, "S", 1, CROWDED_AS_OF)
    checked = check(root, CROWDED_AS_OF)
    assert checked.problems == ()
    return derive(checked.dataset, CROWDED_AS_OF)


def _band_rows(shares: list[Share]) -> list[dict[str, str]]:
    """The band table the statistics page should show, counted here from the exact fractions."""
    known = [Fraction(share.met, share.total) for share in shares if share.known]
    rows = [
        (f"{low} till under {low + 10} %", sum(1 for part in known if low <= 100 * part < low + 10))
        for low in range(0, 100, 10)
    ]
    rows.append(("100 %", sum(1 for part in known if part == 1)))
    unknown = sum(1 for share in shares if not share.known)
    rows += [("okänd (ofullständig kopia)", unknown)] if unknown else []
    return [{"Andel uppfyllda eller åtgärdade krav": band, "Utförare": f"{count} utförare"} for band, count in rows]


@pytest.mark.slow
def test_many_providers_are_counted_per_band_of_the_share_on_the_statistics_page(crowded: Portal) -> None:
    oldest_first = tuple(reversed(crowded.followups))
    assert statistics(crowded.providers, oldest_first).banded is None, "40 providers still get a row each"
    banded = statistics(crowded.providers, oldest_first, banded_above=len(crowded.providers) - 1)
    page = render(dataclasses.replace(crowded, statistics=banded))["statistik/index.md"]
    per_provider = page.split("## Per område och år", 1)[0]
    shares = [provider.current_share for provider in crowded.providers if provider.current_share]
    assert len(shares) == len(crowded.providers)
    assert table_rows(per_provider) == _band_rows(shares)
    assert per_provider.count('class="kp-chart__bar"') == 11, "a bar per band, not per provider"
    assert not any(provider.page in per_provider for provider in crowded.providers)
    assert "[Utförare](/utforare/index.md)" in per_provider, "each provider's own share is on its page"


@pytest.mark.slow
def test_many_providers_are_grouped_by_first_letter_in_pages_of_bounded_length(crowded: Portal) -> None:
    oldest_first = tuple(reversed(crowded.followups))
    assert all(not page.letters for page in provider_list_pages(crowded.providers, oldest_first))
    lists = provider_list_pages(crowded.providers, oldest_first, per_page=10, letters_above=len(crowded.providers) - 1)
    pages = render(dataclasses.replace(crowded, provider_lists=lists))
    for listing in lists:
        assert 0 < len(table_rows(pages[listing.page])) <= 10, listing.page
        assert "**Namn på:**" in pages[listing.page], listing.page
    by_letter = [listing for listing in lists if listing.page.startswith("utforare/index/namn-")]
    listed = [row["Utförare"] for listing in by_letter for row in table_rows(pages[listing.page])]
    names = [escape_markdown(provider.record.name) for provider in crowded.providers]  # as render.link writes it
    assert sorted(listed) == sorted(f"[{name}](/{p.page})" for name, p in zip(names, crowded.providers, strict=True))
    # The data the tree is sampled from may hold names that start with a digit, a sign or an
    # accented letter: each listing holds the names that the grouping rule puts under its heading.
    grouped_under = {f"Utförare: namn på {letter}": letter for letter in LETTERS}
    grouped_under[f"Utförare: namn som börjar med {OTHER_INITIAL}"] = OTHER_INITIAL
    for listing in by_letter:
        letter = grouped_under[listing.heading]
        assert all(initial(row.name) == letter for row in listing.listing.items), listing.heading


def test_names_are_grouped_under_their_swedish_first_letter(tree: Tree) -> None:
    names = {"aby": "Åby Omsorg", "angen": "Ängens Hemtjänst", "emile": "Émile Vård", "tre": "3 Stjärnor Omsorg"}
    for provider_id, name in names.items():
        tree.write(f"providers/{provider_id}.yml", f"id: {provider_id}\nname: {name}\n")
    checked = check(tree.root, AS_OF)
    assert checked.problems == ()
    portal = derive(checked.dataset, AS_OF)
    lists = provider_list_pages(portal.providers, tuple(reversed(portal.followups)), letters_above=0)
    headings = {listing.heading: [row.name for row in listing.listing.items] for listing in lists}
    assert headings["Utförare: namn på Å"] == ["Åby Omsorg"]
    assert headings["Utförare: namn på Ä"] == ["Ängens Hemtjänst"]
    assert headings["Utförare: namn på E"] == ["Émile Vård"]
    assert headings["Utförare: namn som börjar med 0–9 och andra tecken"] == ["3 Stjärnor Omsorg"]
    assert headings["Utförare: namn på O"] == ["Omsorg AB"]
    menu = [link.label for link in lists[0].letters]
    assert menu == ["Alla bokstäver", "E (1)", "O (1)", "Å (1)", "Ä (1)", "0–9 och andra tecken (1)"]
