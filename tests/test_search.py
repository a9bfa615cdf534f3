"""Search leads to records (generator/derive/search.py, the front_matter macro, overrides/main.html).

Only record pages (provider, requirement, decision) and the information pages are indexed; each
record page tells Pagefind what it is, its date and the areas and statuses to filter by, encoded
like any other record text. A large site's index is cut into parts (generator/search.py), each
page in exactly one. The browser side (a search, a filter from the address, the parts merged) is
in test_browser.py.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import logging
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import build_log, processes, search, swedish
from generator.cli import main
from generator.derive import Portal, derive
from generator.derive.search import INFORMATION, SearchEntry, decision_entry, provider_entry, requirement_entry
from generator.encode import escape_html
from generator.pipeline import check
from generator.render import render
from tests.conftest import AS_OF, MINIMAL, ROOT, SHIPPED, SHIPPED_AS_OF, Tree

HOSTILE_AREA = '"><img src=x onerror="window.__pwned=1"> & <b>fet</b>, Typ:Beslut [value] \'x\''
"""An area's name (at most 100 characters) that would break out of the value attribute, add a
tag, or read as Pagefind's own syntax (a comma, a colon, brackets) if it were not encoded."""

RECORD_PAGE = re.compile(r"(?:utforare|krav|beslut)/[a-z0-9]+(?:-[a-z0-9]+)*/index\.html")
"""A record's built page, by its id: a listing's address has another shape (beslut/ar/2023/…)."""
INFORMATION_PAGES = {"om/index.html", "om/tillganglighet/index.html", "oppna-data/index.html", "ordlista/index.html"}
LISTINGS = {
    "index.html",
    "utforare/index.html",
    "krav/index.html",
    "beslut/index.html",
    "jamforelse/index.html",
    "atgarder/index.html",
    "statistik/index.html",
    "sok/index.html",
}
"""Listings every site has: none of them may be indexed (the search page least of all)."""


def _portal(data: Path, as_of: dt.date) -> Portal:
    checked = check(data, as_of)
    assert checked.problems == ()
    return derive(checked.dataset, as_of)


def _build(data: Path, out: Path) -> Path:
    argv = ["build", "--data", str(data), "--out", str(out), "--as-of", AS_OF.isoformat()]
    assert main([*argv, "--config", str(ROOT / "mkdocs.yml")]) == 0
    return out


@pytest.fixture(scope="module")
def minimal_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(MINIMAL, tmp_path_factory.mktemp("minimal") / "site")


PART_PAGES = 3
"""Pages per part of the index in parted_site: the minimal tree has several times as many."""


@pytest.fixture(scope="module")
def parted_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal tree's site with its index cut into parts of PART_PAGES pages, as a large
    site's is."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "PAGES_PER_PART", PART_PAGES)
        return _build(MINIMAL, tmp_path_factory.mktemp("parted") / "site")


@pytest.fixture(scope="module")
def hostile_tree(tmp_path_factory: pytest.TempPathFactory) -> Tree:
    """The minimal tree with one requirement's area named by an attacker."""
    root = tmp_path_factory.mktemp("hostile") / "data"
    tree = Tree(root)
    for path in MINIMAL.rglob("*.yml"):
        tree.write(path.relative_to(MINIMAL).as_posix(), path.read_text(encoding="utf-8"))
    tree.replace("requirements/hygien.yml", "area: Hygien", f"area: {json.dumps(HOSTILE_AREA)}")
    return tree


@pytest.fixture(scope="module")
def hostile_site(hostile_tree: Tree) -> Path:
    return _build(hostile_tree.root, hostile_tree.root.parent / "site")


# The entries, derived.


def test_a_decision_entry_says_kind_date_areas_and_the_statuses_found() -> None:
    portal = _portal(MINIMAL, AS_OF)
    entries = {f.record.id: decision_entry(f) for f in portal.followups}
    assert entries["omsorg-ab-2023"] == SearchEntry(
        kind="Beslut",
        date_name="datum",
        date=dt.date(2023, 11, 1),
        areas=("Hygien", "Ledningssystem för kvalitet"),
        statuses=("Uppfyller kravet", "Uppfyller inte kravet"),
    )
    assert entries["omsorg-ab-2024"].statuses == ("Åtgärdad",)
    assert entries["omsorg-ab-2023"].date_words == "1 november 2023"


def test_a_provider_entry_gives_its_latest_decision_and_standing() -> None:
    portal = _portal(MINIMAL, AS_OF)
    (provider,) = portal.providers
    entry = provider_entry(provider)
    assert (entry.kind, entry.date_name, entry.date) == ("Utförare", "senaste beslut", dt.date(2024, 5, 2))
    assert entry.statuses == (swedish.STANDING_LABELS[provider.standing],)
    assert entry.areas == ("Hygien", "Ledningssystem för kvalitet")


def test_a_requirement_entry_gives_its_current_version_and_the_statuses_it_had() -> None:
    portal = _portal(MINIMAL, AS_OF)
    entries = {r.record.id: requirement_entry(r) for r in portal.requirements}
    assert entries["dokumentation"] == SearchEntry(
        kind="Kvalitetskrav",
        date_name="gäller från",
        date=dt.date(2024, 1, 1),
        areas=("Ledningssystem för kvalitet",),
        statuses=("Uppfyller inte kravet", "Åtgärdad"),
    )


def test_an_unknown_date_is_left_out_not_guessed() -> None:
    """The shipped decision of Kvalitetsservice prints no date: its entry has none, and so has its
    provider's, whose only decision it is."""
    portal = _portal(SHIPPED, SHIPPED_AS_OF)
    undated = [decision_entry(f) for f in portal.followups if f.record.date is None]
    assert undated, "the shipped data have a decision without a date"
    assert all(e.date is None and e.date_words is None for e in undated)


# The built pages.


class _Search(HTMLParser):
    """What Pagefind reads of a page: whether it has a body to index, and its metadata and filters."""

    def __init__(self) -> None:
        super().__init__()
        self.bodies = 0
        self.meta: dict[str, list[str]] = {}
        self.filters: dict[str, list[str]] = {}
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        self.tags.append((tag, named))
        self.bodies += "data-pagefind-body" in named
        for attribute, found in (("data-pagefind-meta", self.meta), ("data-pagefind-filter", self.filters)):
            key = named.get(attribute)
            if key is not None:
                assert tag == "data" and key.endswith("[value]"), f"{tag} {attribute}={key!r}"
                found.setdefault(key.removesuffix("[value]"), []).append(named.get("value") or "")


def _search(site: Path, page: str) -> _Search:
    parser = _Search()
    parser.feed((site / page).read_text(encoding="utf-8"))
    parser.close()
    return parser


def _pages(site: Path) -> list[str]:
    return sorted(
        p.relative_to(site).as_posix() for p in site.rglob("index.html") if p.relative_to(site).parts[0] != "pagefind"
    )


@pytest.mark.slow
@pytest.mark.parametrize("site", ["minimal", "shipped"])
def test_only_records_and_information_pages_are_indexed(request: pytest.FixtureRequest, site: str) -> None:
    built: Path = request.getfixturevalue(f"{site}_site")
    pages = _pages(built)
    indexed = [page for page in pages if _search(built, page).bodies]
    expected = [page for page in pages if RECORD_PAGE.fullmatch(page) or page in INFORMATION_PAGES]
    assert indexed == expected
    assert set(pages) >= LISTINGS and not LISTINGS & set(indexed)
    assert any(page.startswith("beslut/ar/") for page in pages) and any(page.startswith("atgarder/") for page in pages)
    assert {"om/index.html", "oppna-data/index.html"} <= set(indexed)
    assert all(_search(built, page).bodies == 1 for page in indexed)
    entry = json.loads((built / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["sv"]
    assert entry["languages"]["sv"]["page_count"] == len(indexed)
    assert _search(built, "404.html").bodies == 0


@pytest.mark.slow
def test_a_decision_page_has_its_kind_and_date_and_filters(minimal_site: Path) -> None:
    found = _search(minimal_site, "beslut/omsorg-ab-2023/index.html")
    assert found.meta == {"typ": ["Beslut"], "datum": ["1 november 2023"]}
    assert found.filters == {
        "Typ": ["Beslut"],
        "Område": ["Hygien", "Ledningssystem för kvalitet"],
        "Status": ["Uppfyller kravet", "Uppfyller inte kravet"],
    }


@pytest.mark.slow
def test_provider_requirement_and_information_pages_say_what_they_are(minimal_site: Path) -> None:
    provider = _search(minimal_site, "utforare/omsorg-ab/index.html")
    assert provider.meta == {"typ": ["Utförare"], "senaste beslut": ["2 maj 2024"]}
    assert provider.filters["Typ"] == ["Utförare"] and len(provider.filters["Status"]) == 1
    requirement = _search(minimal_site, "krav/dokumentation/index.html")
    assert requirement.meta == {"typ": ["Kvalitetskrav"], "gäller från": ["1 januari 2024"]}
    assert requirement.filters["Område"] == ["Ledningssystem för kvalitet"]
    information = _search(minimal_site, "om/index.html")
    assert information.meta == {"typ": [INFORMATION]}
    assert information.filters == {"Typ": [INFORMATION]}


def test_hand_written_pages_declare_information_and_the_search_page_nothing() -> None:
    """A hand-written page is indexed only by the key at its top; the search page never is."""
    declared = {}
    for page in sorted((ROOT / "docs").rglob("*.md")):
        front_matter = yaml.safe_load(page.read_text(encoding="utf-8").split("---\n")[1])
        if "search" in front_matter:
            declared[page.relative_to(ROOT / "docs").as_posix()] = front_matter["search"]
    assert "sok.md" not in declared
    assert {"om/index.md", "oppna-data.md"} <= set(declared)
    assert all(entry == {"kind": INFORMATION} for entry in declared.values()), declared


def test_hostile_record_text_in_the_front_matter_is_encoded(hostile_tree: Tree) -> None:
    checked = check(hostile_tree.root, AS_OF)
    assert checked.problems == ()
    page = render(derive(checked.dataset, AS_OF))["krav/hygien.md"]
    front_matter = yaml.safe_load(page.split("---\n")[1])
    assert front_matter["search"]["areas"] == [escape_html(HOSTILE_AREA)]


@pytest.mark.slow
def test_hostile_record_text_in_meta_and_filters_stays_a_value(hostile_site: Path, minimal_site: Path) -> None:
    """The attacker's area is a filter value, whole, and adds no tag or attribute: each page has the
    very tags of the same page built from the clean tree."""
    for page in ("krav/hygien/index.html", "beslut/omsorg-ab-2023/index.html", "utforare/omsorg-ab/index.html"):
        found, clean = _search(hostile_site, page), _search(minimal_site, page)
        assert HOSTILE_AREA in found.filters["Område"], page
        assert [tag for tag, _ in found.tags] == [tag for tag, _ in clean.tags], page
        assert not [attrs for _, attrs in found.tags if "onerror" in attrs], page


# The index in parts.


def _parts(site: Path) -> list[Path]:
    """The folders of the index's parts: the main bundle, then those its list names."""
    bundle = site / search.BUNDLE
    others = json.loads((bundle / search.PARTS_LIST).read_text(encoding="utf-8"))
    return [bundle, *(bundle / other for other in others)]


def _fragments(part: Path) -> list[dict[str, Any]]:
    """What a part holds of each page (gzip, after Pagefind's 12-byte signature): its address,
    text and filters."""
    found = sorted((part / "fragment").glob("*.pf_fragment"))
    return [json.loads(gzip.decompress(fragment.read_bytes())[12:]) for fragment in found]


def _is_vocabulary(fragment: dict[str, Any]) -> bool:
    return search.VOCABULARY_FILTER in fragment["filters"]


def _indexed_urls(part: Path) -> list[str]:
    """The address of every page a part holds, its vocabulary page aside."""
    return [fragment["url"] for fragment in _fragments(part) if not _is_vocabulary(fragment)]


@pytest.mark.slow
def test_a_small_site_has_one_index(minimal_site: Path) -> None:
    assert _parts(minimal_site) == [minimal_site / "pagefind"]
    assert not list((minimal_site / "pagefind").glob("del-*"))
    assert not [fragment for fragment in _fragments(minimal_site / "pagefind") if _is_vocabulary(fragment)]


@pytest.mark.slow
def test_a_large_index_is_cut_into_parts_that_hold_every_page_once(parted_site: Path) -> None:
    """No Pagefind run holds more than PAGES_PER_PART pages (and its vocabulary page), the list
    names every part beside the main bundle, and together the parts hold each indexed page
    exactly once."""
    indexed = [page for page in _pages(parted_site) if _search(parted_site, page).bodies]
    assert len(indexed) > 2 * PART_PAGES, "the tree must fill more than two parts"
    parts = _parts(parted_site)
    assert [part.name for part in parts[1:]] == [f"del-{n}" for n in range(2, len(parts) + 1)]
    assert all(0 < len(_indexed_urls(part)) <= PART_PAGES for part in parts)
    urls = [url for part in parts for url in _indexed_urls(part)]
    assert sorted(urls) == sorted("/" + page.removesuffix("index.html") for page in indexed)
    assert (parts[0] / "pagefind-ui.js").is_file(), "the main bundle holds the search's scripts"
    assert not list(parted_site.rglob(search.VOCABULARY_PAGE)), "a vocabulary page is no page of the site"


def _bare(words: Iterable[str]) -> set[str]:
    """Words without a full stop at the end: Pagefind ends a block of text with one."""
    return {word.removesuffix(".") for word in words}


def test_words_are_the_marked_text_and_attribute_values_decoded_and_in_lower_case(tmp_path: Path) -> None:
    """What a part's vocabulary is made of: the words from the marked element to the end of the
    article, entities decoded (a no-break space splits words, as in the text Pagefind reads), and
    the attribute values Pagefind may read; nothing before the mark or after the article."""
    page = (
        "<html><p>Före</p><article><div data-pagefind-body><h1>Hygien &amp; Städ</h1>"
        '<p>Åtgärd&nbsp;krävs <b>SNART</b>&#33;</p><img alt="Diagram &quot;Andel&quot;" src="x.png">'
        '<data value="Kommunal&#32;utförare"></data><a title="Uppfölj">x</a></div></article><p>Efter</p></html>'
    )
    (tmp_path / "a.html").write_text(page, encoding="utf-8")
    (tmp_path / "b.html").write_text(page.replace("SNART", "senare"), encoding="utf-8")
    expected = {"hygien", "&", "städ", "åtgärd", "krävs", "snart", "!", "diagram", '"andel"', "kommunal", "utförare"}
    expected.add("data-pagefind-body>")  # the rest of the marking tag: a word too many, which is harmless
    assert search.words(tmp_path, ["a.html"]) == expected | {"uppfölj", "x"}
    assert search.words(tmp_path, ["a.html", "b.html"]) == expected | {"uppfölj", "x", "senare"}


@pytest.mark.slow
def test_every_part_knows_every_word_of_the_site(parted_site: Path) -> None:
    """A part's vocabulary page holds exactly the words of the site's indexed pages that its own
    pages lack, so that Pagefind never falls back to a shorter word in one part for a word that
    another part has. It is marked by its filter and has nothing else to show."""
    parts = _parts(parted_site)
    own = [search.words(parted_site, [url.lstrip("/") + "index.html" for url in _indexed_urls(part)]) for part in parts]
    everything = frozenset[str]().union(*own)
    for part, words in zip(parts, own, strict=True):
        vocabularies = [fragment for fragment in _fragments(part) if _is_vocabulary(fragment)]
        missing = vocabularies[0]["content"].split() if vocabularies else []
        assert len(vocabularies) <= 1 and _bare(missing) == _bare(everything - words), part.name
        assert all(fragment["filters"] == {search.VOCABULARY_FILTER: ["ja"]} for fragment in vocabularies)
    assert any(everything - words for words in own), "some part lacks words: the test must see a vocabulary page"


@pytest.mark.slow
def test_a_page_in_a_folder_named_like_glob_syntax_is_indexed_in_its_part(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each part names its pages in a glob: a folder whose name has the glob's syntax characters
    is still exactly the page it names (and not, say, a choice between two others)."""
    site = tmp_path / "site"
    names = ["a{b,c}[1]*?(x)$:<>", "b", "c", "x#!&%+=@^|~;'ö"]
    for name in names:
        page = site / name / "index.html"
        page.parent.mkdir(parents=True)
        body = f"<main data-pagefind-body><h1>Sidan {escape_html(name)}</h1><p>Egenkontroller.</p></main>"
        page.write_text(f'<!DOCTYPE html><html lang="sv"><body>{body}</body></html>', encoding="utf-8")
    (site / "listning").mkdir()  # not marked: in no part
    (site / "listning" / "index.html").write_text('<html lang="sv"><body><p>Egenkontroller</p></body></html>')
    monkeypatch.setattr(search, "PAGES_PER_PART", 1)
    search.index_search(site)
    parts = _parts(site)
    assert len(parts) == len(names)
    assert sorted(url for part in parts for url in _indexed_urls(part)) == sorted(f"/{name}/" for name in names)


def _small_site(site: Path, texts: dict[str, str]) -> None:
    """A site of marked pages, one per name, each with its text."""
    for name, text in texts.items():
        page = site / name / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        body = f"<main data-pagefind-body><h1>{escape_html(name)}</h1><p>{escape_html(text)}</p></main>"
        page.write_text(f'<!DOCTYPE html><html lang="sv"><body>{body}</body></html>', encoding="utf-8")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


class _Runs:
    """Pagefind's runs, counted by the part each indexed (its folder in the site)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.parts: list[str] = []
        run = search._index

        def counted(site_dir: Path, part: search.Part, *args: Any, **named: Any) -> None:
            self.parts.append(part.folder)
            run(site_dir, part, *args, **named)

        monkeypatch.setattr(search, "_index", counted)


@pytest.mark.slow
def test_a_part_indexed_before_from_the_same_pages_is_copied_not_indexed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """With a cache folder, a part whose pages and vocabulary are those of a part indexed before
    is copied as Pagefind wrote it; an edited page's part alone is indexed again, unless the edit
    brings a word the site lacked (every other part's vocabulary page then changes)."""
    monkeypatch.setattr(search, "PAGES_PER_PART", 1)
    caplog.set_level(logging.INFO, logger=build_log.log.name)
    runs = _Runs(monkeypatch)
    texts = {"a": "Egenkontroller görs varje månad.", "b": "Hygien och städ.", "c": "Trygghetslarm besvaras."}
    cache = tmp_path / "cache"
    _small_site(tmp_path / "first", texts)
    search.index_search(tmp_path / "first", cache)
    assert runs.parts == ["pagefind", "pagefind/del-2", "pagefind/del-3"]
    indexed = _files(tmp_path / "first" / search.BUNDLE)

    _small_site(tmp_path / "again", texts)
    search.index_search(tmp_path / "again", cache)
    assert runs.parts[3:] == [], "nothing changed: nothing indexed"
    assert _files(tmp_path / "again" / search.BUNDLE) == indexed

    _small_site(tmp_path / "edited", {**texts, "b": "Och hygien städ."})
    search.index_search(tmp_path / "edited", cache)
    assert runs.parts[3:] == ["pagefind/del-2"], "the same words in another order: only its own part"
    assert "Sökindexet: 1 av 3 delar indexerades, 2 hämtades ur cachen." in caplog.messages
    assert [_indexed_urls(part) for part in _parts(tmp_path / "edited")] == [["/a/"], ["/b/"], ["/c/"]]

    _small_site(tmp_path / "new-word", {**texts, "b": "Och hygien städ. Nattpatrull."})
    search.index_search(tmp_path / "new-word", cache)
    assert runs.parts[4:] == ["pagefind", "pagefind/del-2", "pagefind/del-3"], "a new word: every part"
    assert len(list((cache / search.KEPT_FOLDER).iterdir())) == 3, "only the last build's parts stay"


@pytest.mark.slow
def test_a_kept_part_that_cannot_be_read_is_indexed_again_and_a_half_written_one_pruned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs = _Runs(monkeypatch)
    _small_site(tmp_path / "site", {"a": "Egenkontroller."})
    cache = tmp_path / "cache"
    search.index_search(tmp_path / "site", cache)
    (kept,) = (cache / search.KEPT_FOLDER).iterdir()
    shutil.rmtree(kept)
    kept.write_text("inte ett index", encoding="utf-8")  # where a folder should be
    killed = cache / search.KEPT_FOLDER / f".{kept.name}.1"
    killed.mkdir()
    os.utime(killed, (0, 0))  # left by a build killed long ago
    search.index_search(tmp_path / "site", cache)
    assert runs.parts == ["pagefind", "pagefind"]
    assert _indexed_urls(tmp_path / "site" / search.BUNDLE) == ["/a/"]
    assert not killed.exists()


@pytest.mark.slow
def test_a_cache_folder_that_cannot_be_written_leaves_the_index_as_without_one(tmp_path: Path) -> None:
    _small_site(tmp_path / "site", {"a": "Egenkontroller."})
    (tmp_path / "cache").write_text("en fil där cachen skulle ligga", encoding="utf-8")
    search.index_search(tmp_path / "site", tmp_path / "cache")
    assert _indexed_urls(tmp_path / "site" / search.BUNDLE) == ["/a/"]
    assert (tmp_path / "cache").read_text(encoding="utf-8") == "en fil där cachen skulle ligga"


@pytest.mark.slow
def test_pagefind_works_in_the_sites_folder_and_leaves_nothing_there_or_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pagefind's settings folder is the build's own (in the site), so a killed build cannot
    leave it in the system's temporary folder; a finished one leaves it nowhere. Before it
    starts, the build hands back the memory it has freed (processes.give_back_freed_memory)."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    _small_site(tmp_path / "site", {"a": "Egenkontroller."})
    working: list[Path] = []
    events: list[str] = []
    run = processes.run

    def noted(command: Sequence[str], *, cwd: Path | None = None, **named: Any) -> subprocess.CompletedProcess[str]:
        assert cwd is not None
        working.append(cwd)
        events.append("pagefind")
        return run(command, cwd=cwd, **named)

    monkeypatch.setattr(processes, "run", noted)
    monkeypatch.setattr(processes, "give_back_freed_memory", lambda: events.append("handed back"))
    search.index_search(tmp_path / "site")
    assert events == ["handed back", "pagefind"]
    assert [folder.parent for folder in working] == [tmp_path / "site"]
    assert _indexed_urls(tmp_path / "site" / search.BUNDLE) == ["/a/"]
    assert list((tmp_path / "tmp").iterdir()) == []
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == ["a", "pagefind"]
