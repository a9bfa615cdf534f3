"""Ids become paths only through page_path, which accepts nothing that could leave its folder."""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest
from mkdocs.structure.files import File

from generator.derive import derive
from generator.kinds import KINDS
from generator.paths import RESERVED_IDS, SECTIONS, UnsafePath, area_page, html_file, page_path, url_of
from generator.pipeline import check
from generator.render import page_jobs
from tests.conftest import AS_OF, MINIMAL


def test_page_path_of_a_valid_id() -> None:
    assert page_path("krav", "egenkontroller") == "krav/egenkontroller.md"


@pytest.mark.parametrize("record_id", ["../x", "a/b", "A", "a b", "", "a--b", "-a", "ä"])
def test_unsafe_ids_are_refused(record_id: str) -> None:
    with pytest.raises(UnsafePath):
        page_path("krav", record_id)


def test_unknown_section_is_refused() -> None:
    with pytest.raises(UnsafePath):
        page_path("../docs", "x")


def test_numbered_pages_follow_the_first_in_a_folder_of_their_own() -> None:
    from generator.paths import numbered_page

    assert numbered_page("jamforelse/flest-brister.md", 1) == "jamforelse/flest-brister.md"
    assert numbered_page("jamforelse/flest-brister.md", 2) == "jamforelse/sidor/flest-brister/2.md"
    with pytest.raises(UnsafePath):
        numbered_page("jamforelse/../x.md", 2)


def test_every_page_the_portal_names_itself_in_a_record_section_is_reserved() -> None:
    """A page of the portal's own beside the record pages (a listing, the year folder) takes a name no
    record id may have: the validator refuses exactly RESERVED_IDS, so this list must hold every such name."""
    assert {kind.section for kind in KINDS} <= set(RESERVED_IDS) & set(SECTIONS)
    record_templates = {"provider.md.j2", "requirement.md.j2", "followup.md.j2"}
    portal = derive(check(MINIMAL, AS_OF).dataset, AS_OF)
    own = [job.path for job in page_jobs(portal) if job.template not in record_templates]
    assert "beslut/ar/2023.md" in own
    for path in own:
        section, *rest = PurePosixPath(path).with_suffix("").parts
        if section in RESERVED_IDS:
            assert rest[0] in RESERVED_IDS[section], path


def test_areas_that_differ_only_in_case_and_punctuation_share_a_page() -> None:
    assert area_page("Hygien och städ") == "jamforelse/omrade-hygien-och-stad.md"
    assert area_page("HYGIEN – och städ!") == area_page("Hygien och städ")
    assert area_page("Ωμέγα") == area_page("…") == "jamforelse/omrade-x.md"


@pytest.mark.parametrize(
    ("page", "url"),
    [
        ("index.md", ""),
        ("krav/index.md", "krav/"),
        ("krav/hygien.md", "krav/hygien/"),
        ("beslut/2024/index.md", "beslut/2024/"),
        ("om.md", "om/"),
        ("utforare/a.b.md", "utforare/a.b/"),
    ],
)
def test_a_page_is_published_where_mkdocs_writes_it(page: str, url: str) -> None:
    """The generator writes links as MkDocs publishes them (directory URLs), so nothing depends on
    MkDocs rewriting them; html_file is the built file at that address."""
    published = File(page, "docs", "site", use_directory_urls=True)
    assert url_of(page) == url == published.url.removeprefix("./")
    assert html_file(page) == f"{url}index.html" == published.dest_uri
