"""The README's map of the tree (its table *Where things live*) matches the tree, so that a
newcomer who follows it finds every place it names and every module of the generator on it.

How a row is read, the rule every row must keep:

- Only the table under the heading ``## Where things live`` is read. Its first cell (the
  path column) names places; each name in backticks there is one path.
- A name with a ``/`` before its end (``generator/load.py``, ``tests/golden/``) is a path from
  the repository root. A bare name (``validate.py``, ``derive/``) stands beside the name
  before it in the same cell, in the same folder; the first name of a cell is from the root.
- A name that ends in ``/`` is a folder, any other name a file; a name with ``*`` is a pattern
  that must match at least one file, unless OPTIONAL says why the tree may have none.
- In the second cell, each ``NAME.py`` in backticks must exist too: a bare one in the folder of
  the row's first name (that folder itself when the name is a folder; ``generator/derive/`` says
  ``provider_list.py``, ``generator/load.py`` says ``pipeline.py``), one with a ``/`` from the root.
- Every module directly in ``generator/`` but ``__init__.py`` (which only marks the package),
  and every sub-package and ``generator/templates/``, is named in a first cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

import pytest

from tests.conftest import ROOT

README = ROOT / "README.md"
GENERATOR = ROOT / "generator"
OPTIONAL = {
    "data/originals/*.pdf": "no shipped decision keeps its original as a PDF; `import` creates the folder",
}
"""Patterns the tree may match with nothing, each with the reason."""


@dataclass(frozen=True)
class Row:
    """One row of the map: the paths its first cell names and the text of its second."""

    paths: tuple[str, ...]
    what: str


def table_rows(markdown: str) -> list[tuple[str, str]]:
    """The first two cells of each body row of the table under '## Where things live'."""
    section = markdown.split("\n## Where things live\n", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("|")]
    cells = [[cell.strip() for cell in line.strip("|").split(" | ")] for line in lines[2:]]
    return [(row[0], row[1]) for row in cells]


def paths_named(cell: str) -> tuple[str, ...]:
    """The paths a first cell names, bare names resolved beside the name before them."""
    paths: list[str] = []
    for name in re.findall(r"`([^`]+)`", cell):
        if "/" in name.rstrip("/") or not paths:
            paths.append(name)
        else:
            folder = PurePosixPath(paths[-1].rstrip("/")).parent
            paths.append(f"{folder / name.rstrip('/')}{'/' if name.endswith('/') else ''}".removeprefix("./"))
    return tuple(paths)


def read_map(markdown: str) -> list[Row]:
    return [Row(paths_named(first), what) for first, what in table_rows(markdown)]


def missing(path: str) -> bool:
    """Whether the place a path names is absent from the tree (a folder must be a folder)."""
    if "*" in path:
        return path not in OPTIONAL and not any(ROOT.glob(path))
    target = ROOT / path
    return not (target.is_dir() if path.endswith("/") else target.is_file())


def modules_said(row: Row) -> list[str]:
    """The modules a row's second cell names, as paths beside (or in) the row's first name."""
    first = row.paths[0]
    folder = PurePosixPath(first.rstrip("/")) if first.endswith("/") else PurePosixPath(first).parent
    names = re.findall(r"`([\w/]+\.py)`", row.what)
    return [name if "/" in name else str(folder / name) for name in names]


def generator_places() -> set[str]:
    """What the map must name: generator's modules and folders (caches and __init__.py aside)."""
    modules = {f"generator/{path.name}" for path in GENERATOR.glob("*.py") if path.name != "__init__.py"}
    folders = {f"generator/{path.name}/" for path in GENERATOR.iterdir() if path.is_dir()}
    return modules | {folder for folder in folders if folder != "generator/__pycache__/"}


MAP = read_map(README.read_text(encoding="utf-8"))


def test_the_map_is_read() -> None:
    named = {path for row in MAP for path in row.paths}
    assert {"generator/model.py", "generator/validate.py", "generator/derive/", "CONTRIBUTING.md"} <= named
    assert len(MAP) > 20


def test_bare_names_stand_beside_the_name_before_them() -> None:
    cell = "`generator/load.py` → `validate.py` → `derive/` → `render.py`, `tests/golden/`, `grown.py`"
    assert paths_named(cell) == (
        "generator/load.py",
        "generator/validate.py",
        "generator/derive/",
        "generator/render.py",
        "tests/golden/",
        "tests/grown.py",
    )
    assert paths_named("`scripts/`, `organisation.yml`") == ("scripts/", "organisation.yml")


def test_modules_the_second_cell_names_are_in_the_rows_folder() -> None:
    said = Row(("generator/derive/",), "`search.py`, read by `generator/text.py`")
    assert modules_said(said) == ["generator/derive/search.py", "generator/text.py"]
    stages = Row(("generator/load.py", "generator/validate.py"), "`pipeline.py` runs them")
    assert modules_said(stages) == ["generator/pipeline.py"]


def test_a_place_that_is_gone_is_found_missing() -> None:
    assert missing("generator/gone.py")
    assert missing("generator/model.py/")  # a file named as a folder
    assert missing("generator/derive")  # a folder named as a file
    assert missing("generator/templates/*.gone")
    assert not missing("generator/templates/")


@pytest.mark.parametrize("row", MAP, ids=[row.paths[0] if row.paths else "?" for row in MAP])
def test_every_place_the_map_names_exists(row: Row) -> None:
    assert row.paths, "a row of the map names no path in backticks"
    assert [path for path in row.paths if missing(path)] == []
    assert [path for path in modules_said(row) if not (ROOT / path).is_file()] == []


def test_every_module_of_the_generator_is_on_the_map() -> None:
    named = {path for row in MAP for path in row.paths}
    absent = sorted(generator_places() - named)
    assert absent == [], f"README, Where things live: add a row (or a name to a row) for {absent}"
