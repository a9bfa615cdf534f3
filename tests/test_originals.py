"""A decision's published original: what `original:` may name, the link on the decision page
and the kept PDF in the built site (one-off build and preview). Open data: tests/test_exports.py.

The fixture tests/fixtures/originals is the minimal tree with one decision naming a kept PDF
(originals/omsorg-ab-2023.pdf, a blank page written by pypdf) and the other an https address.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from generator.cli import main
from generator.crosscheck import Sourced
from generator.derive import derive
from generator.load import load_tree
from generator.mkdocs_plugin import PortalPlugin
from generator.model import TO_FILL, FollowUp
from generator.originals import MAX_BYTES, kept_copies, original_problems
from generator.paths import UnsafePath, original_path
from generator.pipeline import check
from generator.render import render
from generator.validate import check_schema
from tests.conftest import AS_OF, MINIMAL, ROOT, SITE_URL, Tree
from tests.test_links import broken_links

ORIGINALS = Path(__file__).parent / "fixtures" / "originals"
KEPT = ORIGINALS / "originals" / "omsorg-ab-2023.pdf"
ADDRESS = "https://www.kommun.example/beslut/sov-20-2024.pdf?version=2&spara=ja"
LINK_TEXT = "Ladda ner originalbeslutet (PDF)"
DECISION = "followups/omsorg-ab-2023.yml"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"


def _with_original(tree: Tree, value: str) -> None:
    """The decision names value as its original, on line 2 (right after its id)."""
    tree.replace(DECISION, "id: omsorg-ab-2023\n", f"id: omsorg-ab-2023\noriginal: {json.dumps(value)}\n")


def _problems(root: Path) -> list[str]:
    """What original_problems says of the tree's decisions, as `file:line: message (hint)`."""
    loaded = load_tree(root)
    assert loaded.problems == ()
    decisions = []
    for document in loaded.documents:
        record, found = check_schema(document)
        assert found == [] and record is not None, found
        if isinstance(record, FollowUp):
            decisions.append(Sourced(record, document))
    problems = original_problems(decisions, loaded.originals)
    return [f"{p.path.split('/', 1)[1]}:{p.line}: {p.message} ({p.hint})" for p in problems]


# --- what `original` may name -----------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "https://www.kommun.se/beslut/2021-03-03.pdf",
        "https://www.kommun.se/download/18.5c/1613478.pdf?a=1&b=%C3%B6#sida=2",
        "originals/beslut.pdf",
        "originals/Beslut 2021-03-03 (kopia).pdf",
        TO_FILL,  # a draft's marker: the check of markers reports it, never this one
    ],
)
def test_an_https_address_a_kept_pdf_and_the_marker_pass(tree: Tree, value: str) -> None:
    tree.path("originals").mkdir()
    tree.path("originals/beslut.pdf").write_bytes(PDF)
    tree.path("originals/Beslut 2021-03-03 (kopia).pdf").write_bytes(PDF)
    _with_original(tree, value)
    assert _problems(tree.root) == []


MOVE_IT = "(lägg PDF-filen i data/originals/ och skriv `original: originals/beslut.pdf`)"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("http://www.kommun.se/b.pdf", "börjar med http://, som inte är krypterad (skriv adressen med https://"),
        ("HTTP://www.kommun.se/b.pdf", "börjar med http://"),
        ("HTTPS://www.kommun.se/b.pdf", "ska börja med https:// i små bokstäver (skriv `https://www.kommun.se/b.pdf`)"),
        ("https://www.kommun.se/mitt beslut.pdf", "innehåller mellanslag (skriv mellanslag som %20"),
        (
            "https://www.kommun.se/ö.pdf",
            "innehåller tecknet ö, som en adress inte kan ha som det är (skriv det som %C3%B6",
        ),
        ('https://www.kommun.se/"onmouseover=x.pdf', 'innehåller tecknet ", som'),
        ("https://www.kommun.se/<script>.pdf", "innehåller tecknet <, som"),
        ("https:///beslut.pdf", "saknar ett värdnamn som www.kommun.se"),
        ("https://", "saknar ett värdnamn"),
        ("https://localhost/beslut.pdf", "saknar ett värdnamn"),
        ("https://[::1/beslut.pdf", "saknar ett värdnamn"),
        ("https://anna:hemligt@www.kommun.se/b.pdf", "innehåller inloggningsuppgifter"),
        ("www.kommun.se/beslut.pdf", "saknar https:// i början (skriv `https://www.kommun.se/beslut.pdf`)"),
        ("/home/anna/beslut.pdf", f"är en sökväg på din dator {MOVE_IT}"),
        ("C:\\Users\\anna\\beslut.pdf", f"är en sökväg på din dator {MOVE_IT}"),
        ("originals\\beslut.pdf", "har \\ mellan mapparna (skriv / i stället: `originals/beslut.pdf`)"),
        ("originals/../followups/beslut.pdf", "går ut ur datamappen (..)"),
        ("data/originals/beslut.pdf", "skrivs som sökvägen inom datamappen, originals/FILNAMN.pdf (lägg filen i"),
        ("beslut.PDF", "skrivs som sökvägen inom datamappen"),
        ("Se kommunens webbplats", "är varken en adress (https://…) eller en PDF under originals/"),
        ("originals/2021/beslut.pdf", "originals/ har inga undermappar"),
        ("originals/beslut.docx", "originalet ska vara en PDF-fil, med filändelsen .pdf"),
        ("originals/beslutet.pdf", "originals/beslutet.pdf i `original` finns inte i data/originals/ (menar du"),
        ("originals/helt-annat.pdf", "finns inte i data/originals/ (lägg PDF-filen i data/originals/ eller rätta"),
    ],
)
def test_each_value_that_cannot_be_published_is_refused_at_its_line(tree: Tree, value: str, expected: str) -> None:
    tree.path("originals").mkdir()
    tree.path("originals/beslut.pdf").write_bytes(PDF)
    _with_original(tree, value)
    (problem,) = _problems(tree.root)
    assert problem.startswith(f"{DECISION}:2: ")
    assert expected in problem


def test_a_file_that_is_no_pdf_is_refused(tree: Tree) -> None:
    tree.write("originals/beslut.pdf", "Beslut om uppföljning\n")
    _with_original(tree, "originals/beslut.pdf")
    assert _problems(tree.root) == [
        f"{DECISION}:2: originals/beslut.pdf är ingen PDF: filen börjar inte med %PDF- (lägg in originalbeslutet som"
        " PDF; att byta filändelse på en annan fil räcker inte)"
    ]


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        (MAX_BYTES, None),
        (MAX_BYTES + 1, "originals/beslut.pdf är 25 MB (25 000 001 byte); ett original får vara högst 25 MB"),
        (31_234_567, "originals/beslut.pdf är 31,2 MB (31 234 567 byte); ett original får vara högst 25 MB"),
    ],
)
def test_a_pdf_over_25_mb_is_refused_with_its_size(tree: Tree, size: int, expected: str | None) -> None:
    path = tree.path("originals/beslut.pdf")
    path.parent.mkdir()
    with path.open("wb") as file:
        file.write(PDF)
        file.truncate(size)  # sparse: the size without the disk
    _with_original(tree, "originals/beslut.pdf")
    hint = (
        "spara PDF:en mindre (t.ex. med lägre upplösning för inskannade sidor), eller skriv i `original` adressen"
        " där originalet publiceras (https://…)"
    )
    assert _problems(tree.root) == ([f"{DECISION}:2: {expected} ({hint})"] if expected else [])


def test_a_large_file_that_is_no_pdf_gets_both_reasons(tree: Tree) -> None:
    path = tree.path("originals/beslut.pdf")
    path.parent.mkdir()
    with path.open("wb") as file:
        file.truncate(MAX_BYTES + 1)
    _with_original(tree, "originals/beslut.pdf")
    assert [problem.split(": ", 1)[1].split(" (", 1)[0] for problem in _problems(tree.root)] == [
        "originals/beslut.pdf är ingen PDF: filen börjar inte med %PDF-",
        "originals/beslut.pdf är 25 MB",
    ]


def test_the_fixture_tree_is_valid_and_names_both_kinds() -> None:
    assert _problems(ORIGINALS) == []
    loaded = load_tree(ORIGINALS)
    assert [(o.name, o.size) for o in loaded.originals] == [("originals/omsorg-ab-2023.pdf", KEPT.stat().st_size)]
    assert check(ORIGINALS, AS_OF).problems == ()


def test_validate_reports_an_original_that_cannot_be_published(tree: Tree) -> None:
    _with_original(tree, "originals/saknas.pdf")
    assert [(p.line, p.message) for p in check(tree.root, AS_OF).problems] == [
        (2, "filen originals/saknas.pdf i `original` finns inte i data/originals/")
    ]


def test_the_published_path_comes_from_the_id_only() -> None:
    assert original_path("omsorg-ab-2023") == "beslut/omsorg-ab-2023/omsorg-ab-2023.pdf"
    for bad in ("../x", "a/b", "x.pdf", ""):
        with pytest.raises(UnsafePath):
            original_path(bad)


# --- the decision page --------------------------------------------------------------------------


def _pages(root: Path = ORIGINALS) -> dict[str, str]:
    checked = check(root, AS_OF)
    assert checked.problems == ()
    return render(derive(checked.dataset, AS_OF))


def _facts(page: str) -> str:
    """The section "Uppgifter om beslutet" of a rendered decision page."""
    return page.split("## Uppgifter om beslutet", 1)[1].split("\n## ", 1)[0]


@pytest.mark.slow
def test_the_decision_page_links_the_kept_pdf_where_the_site_publishes_it() -> None:
    facts = _facts(_pages()["beslut/omsorg-ab-2023.md"])
    row = next(line for line in facts.splitlines() if LINK_TEXT in line)
    assert '<td data-label="Uppgift" markdown>Originalbeslut</td>' in row
    assert f"[{LINK_TEXT}](/beslut/omsorg-ab-2023/omsorg-ab-2023.pdf)" in row


def test_the_decision_page_links_an_address_elsewhere_as_it_is() -> None:
    facts = _facts(_pages()["beslut/omsorg-ab-2024.md"])
    row = next(line for line in facts.splitlines() if LINK_TEXT in line)
    assert f'<a href="{ADDRESS.replace("&", "&#38;")}">{LINK_TEXT}</a>' in row


def test_a_decision_without_an_original_offers_none() -> None:
    assert not any(LINK_TEXT in text for text in _pages(MINIMAL).values())


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_an_address_stays_in_its_attribute_even_one_that_validation_refuses() -> None:
    """Validation allows no quote or < in an address; the page encodes it all the same."""
    dataset = check(ORIGINALS, AS_OF).dataset
    hostile = 'https://x.example/"><script>alert(1)</script><a href="javascript:alert(2)'
    followups = tuple(
        f.model_copy(update={"original": hostile}) if f.id == "omsorg-ab-2024" else f for f in dataset.followups
    )
    pages = render(derive(dataclasses.replace(dataset, followups=followups), AS_OF))
    row = next(line for line in _facts(pages["beslut/omsorg-ab-2024.md"]).splitlines() if LINK_TEXT in line)
    parser = _Anchors()
    parser.feed(row)
    assert [tag for tag, _ in parser.tags] == ["tr", "td", "td", "a"]
    assert parser.tags[3][1] == {"href": hostile}


# --- the built site: one-off build and preview ---------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("originals") / "site"
    argv = ["build", "--data", str(ORIGINALS), "--out", str(out), "--as-of", AS_OF.isoformat()]
    assert main([*argv, "--site-url", SITE_URL, "--config", str(ROOT / "mkdocs.yml")]) == 0
    return out


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: dict[str, str] = {}
        self._href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._href = dict(attrs).get("href") if tag == "a" else None

    def handle_data(self, data: str) -> None:
        if self._href is not None and data.strip():
            self.links[data.strip()] = self._href
            self._href = None


def _link(site: Path, decision: str) -> str:
    parser = _Links()
    parser.feed((site / "beslut" / decision / "index.html").read_text(encoding="utf-8"))
    return parser.links[LINK_TEXT]


@pytest.mark.slow
def test_the_build_publishes_the_kept_pdf_byte_for_byte_where_the_page_links(built: Path) -> None:
    published = built / "beslut" / "omsorg-ab-2023" / "omsorg-ab-2023.pdf"
    assert published.read_bytes() == KEPT.read_bytes()
    assert _link(built, "omsorg-ab-2023") == "omsorg-ab-2023.pdf"  # relative to beslut/omsorg-ab-2023/
    assert _link(built, "omsorg-ab-2024") == ADDRESS
    assert not (built / "originals").exists()
    # 404.html links from the published address's root (/kvalitet/), which a folder on disk is not
    assert [link for link in broken_links(built)[1] if not link.startswith("404.html: ")] == []


def test_kept_copies_name_the_files_inside_the_data_tree() -> None:
    checked = check(ORIGINALS, AS_OF)
    (copy,) = kept_copies(derive(checked.dataset, AS_OF), ORIGINALS)
    assert (copy.source, copy.path) == (KEPT.resolve(), "beslut/omsorg-ab-2023/omsorg-ab-2023.pdf")


def _preview(tmp_path: Path, data: Path) -> MkDocsConfig:
    """The project's mkdocs.yml as `serve` runs it, on data."""
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=False)
    plugin = config.plugins["kvalitetsportalen"]
    assert isinstance(plugin, PortalPlugin)
    plugin.config.update(data_dir=str(data), pages_dir=str(tmp_path / "pages"), as_of=AS_OF.isoformat(), search=False)
    config.plugins.on_startup(command="serve", dirty=True)
    return config


@pytest.mark.slow
def test_the_preview_publishes_the_kept_pdf_and_a_replaced_one(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ORIGINALS, data)
    config = _preview(tmp_path, data)
    try:
        build(config, dirty=True)
        published = tmp_path / "site" / "beslut" / "omsorg-ab-2023" / "omsorg-ab-2023.pdf"
        assert published.read_bytes() == KEPT.read_bytes()
        assert _link(tmp_path / "site", "omsorg-ab-2023") == "omsorg-ab-2023.pdf"
        replaced = KEPT.read_bytes().replace(b"testfil", b"rattad")
        (data / "originals" / "omsorg-ab-2023.pdf").write_bytes(replaced)
        later = published.stat().st_mtime_ns + 1_000_000_000
        os.utime(data / "originals" / "omsorg-ab-2023.pdf", ns=(later, later))
        build(config, dirty=True)
        assert published.read_bytes() == replaced
    finally:
        config.plugins.on_shutdown()
