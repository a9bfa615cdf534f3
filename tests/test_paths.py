"""Ids become paths only through page_path, which accepts nothing that could leave its folder."""

from __future__ import annotations

import pytest

from generator.paths import UnsafePath, page_path


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
