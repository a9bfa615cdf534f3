"""The kinds of record (generator/kinds.py): one mapping that loading, validation, the schemas
and the site's sections all read."""

from __future__ import annotations

from pathlib import Path

from generator.kinds import BY_FOLDER, FOLDERS, FOLDERS_IN_WORDS, KINDS
from generator.load import load_tree
from generator.paths import SECTIONS, page_path
from generator.schema import schema_file
from tests.conftest import ROOT


def test_each_kind_has_a_folder_a_section_and_a_schema_of_its_own() -> None:
    assert len({kind.folder for kind in KINDS}) == len({kind.section for kind in KINDS}) == len(KINDS)
    assert {kind.section for kind in KINDS} <= set(SECTIONS)
    assert {path.name for path in (ROOT / "schemas").iterdir()} == {schema_file(kind.schema) for kind in KINDS}
    assert all(BY_FOLDER[kind.folder] is kind for kind in KINDS)
    assert page_path(BY_FOLDER["followups"].section, "x") == "beslut/x.md"


def test_the_loader_reads_a_document_as_the_kind_its_folder_names(tmp_path: Path) -> None:
    for folder in FOLDERS:
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.yml").write_text("id: x\n", encoding="utf-8")
    (tmp_path / "elsewhere.yml").write_text("id: y\n", encoding="utf-8")
    loaded = load_tree(tmp_path)
    assert [document.kind for document in loaded.documents] == sorted(FOLDERS)
    assert [problem.message for problem in loaded.problems] == [f"filen ligger utanför {FOLDERS_IN_WORDS}"]
    assert FOLDERS_IN_WORDS == "requirements/, providers/ och followups/"
