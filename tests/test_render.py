"""Rendering: record text stays text, and whole pages match their golden files.

Refresh the golden files after an intended change with
``UPDATE_GOLDEN=1 python -m pytest tests/test_render.py`` and review the diff.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml

from generator import parallel
from generator.derive import derive
from generator.encode import escape_attribute, escape_markdown, front_matter_string
from generator.pipeline import check
from generator.render import PageCache, page_jobs, prose, render
from tests.conftest import AS_OF, MINIMAL, SHIPPED, SHIPPED_AS_OF, SITE_URL, Tree

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
    assert replies == [
        "<p><strong>Utförarens svar (inkom 24 november 2023)</strong></p>\n"
        f"{notice}\n"
        "<blockquote>\n<p>Vi delar inte bedömningen i alla delar men har skickat in en åtgärdsplan.</p>\n"
        "</blockquote>\n",
        "<p><strong>Utförarens svar (inkom 20 november 2023)</strong></p>\n"
        f"{notice}\n"
        "<blockquote>\n<p>Vi har gått igenom alla genomförandeplaner.</p>\n"
        "<ul>\n<li>Planerna ses nu över varje halvår</li>\n</ul>\n</blockquote>\n",
    ]
    decision = html.split('<h2 id="beslut">', 1)[1].split('<h2 id="bedomning">', 1)[0]
    assert '<h2 id="utforarens-svar-pa-beslutet">Utförarens svar på beslutet</h2>' in decision
    finding = html.split('<h4 id="krav-dokumentation">', 1)[1].split("<h2", 1)[0]
    assessment, after = finding.split('<div class="kp-reply">', 1)
    assert "Granskningen visar brister." in assessment and "Skicka in en åtgärdsplan." in assessment
    assert "genomförandeplaner." not in assessment.split("<table>", 1)[0]
    assert after.count("Vi har gått igenom") == 1 and html.count("Vi har gått igenom") == 1


def test_correction_log_comes_right_after_the_facts() -> None:
    html = _decision_html()
    facts, rest = html.split('<h2 id="rattelser">Rättelser</h2>', 1)
    assert facts.count("<table>") == 1
    log = rest.split('<h2 id="inledning">', 1)[0]
    assert "<p><strong>Beslutet har rättats</strong> efter att det publicerades, senast 15 december 2023." in log
    rows = re.findall(r"<tr>\n<td>(.*?)</td>\n<td>(.*?)</td>\n<td>(.*?)</td>\n</tr>", log)
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
