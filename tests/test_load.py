"""The loader: positions, and the YAML traps it turns into problems instead of silent changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import load
from generator.load import MAX_BYTES, MAX_DEPTH, load_file, load_tree
from tests.conftest import MINIMAL, Tree


def _load(tmp_path: Path, content: bytes | str) -> tuple[object, list[str]]:
    path = tmp_path / "x.yml"
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    document, problems = load_file(path, "providers", "x.yml")
    return document, [f"{p.line}:{p.column}: {p.message}" for p in problems]


def test_positions_of_keys_and_values(tmp_path: Path) -> None:
    document, problems = _load(tmp_path, "id: a\nnested:\n  items:\n    - one\n    - two\n")
    assert problems == []
    assert document is not None
    assert document.values[("nested", "items", 1)].line == 5  # type: ignore[attr-defined]
    assert document.keys[("nested", "items")].column == 3  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("id: a\nname: b\nid: c\n", "3:1: nyckeln `id` finns redan på rad 1"),
        ("id: a\nname:\n\t- x\n", "3:1: tabb i indraget"),
        (b"\xef\xbb\xbfid: a\n", "1:1: filen börjar med ett byte order mark (BOM)"),
        ("id: a\nname: Omsorg AB\n".encode("latin-1").replace(b"AB", b"\xe5"), "2:14: filen är inte UTF-8"),
        ("a: &x [1]\nb: *x\n", "2:4: YAML kan inte läsas: alias (*) är inte tillåtna i posterna"),
        ("date: 2024-02-30\n", "1:7: 2024-02-30 är inget datum som finns i kalendern"),
        ("date: 2024-01-02 10:00:00\n", "1:7: `2024-01-02 10:00:00` har klockslag"),
        ("id: !!python/object:os.system x\n", "1:5: YAML-taggen tag:yaml.org,2002:python/object:os.system"),
        ("- a\n- b\n", "1:1: filen ska innehålla en post med fält"),
        ("id: a\n---\nid: b\n", "YAML kan inte läsas: expected a single document"),
        ("id: a\nname: x: y\n", "2:8: YAML kan inte läsas: mapping values are not allowed here"),
        ("   \n", "1:1: filen är tom"),
        ("id: a\x00b\n", "1:6: otillåtet tecken U+0000"),
        (b"id: a\n" + b"#" * MAX_BYTES, "1:1: filen är 1 000 006 byte; en post får vara högst 1 000 000 byte"),
    ],
)
def test_traps_become_problems(tmp_path: Path, content: bytes | str, expected: str) -> None:
    _, problems = _load(tmp_path, content)
    assert any(problem.startswith(expected) or expected in problem for problem in problems), problems


def test_billion_laughs_is_refused_quickly(tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
    _, problems = _load(tmp_path, "\n".join(lines) + "\n")
    assert problems == ["2:8: YAML kan inte läsas: alias (*) är inte tillåtna i posterna"]


TOO_DEEP = "2:7: YAML kan inte läsas: värdet är för djupt nästlat"


def _block_nesting(depth: int) -> str:
    return "id: a\n" + "".join(f"{'  ' * level}k:\n" for level in range(depth)) + "  " * depth + "k: v\n"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("id: &a x\nname: *a\n", "2:7: YAML kan inte läsas: alias (*) är inte tillåtna i posterna"),
        ("id: a\nname: " + "[" * 60 + "]" * 60 + "\n", TOO_DEEP),
        ("id: a\nname: " + "[" * 200_000 + "]" * 200_000 + "\n", TOO_DEEP),
        (_block_nesting(MAX_DEPTH - 1), None),
        (_block_nesting(MAX_DEPTH + 5), "3:3: YAML kan inte läsas: värdet är för djupt nästlat"),
    ],
)
def test_libyaml_trees_get_the_same_checks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str, expected: str | None
) -> None:
    """libyaml composes most files; what our own composer refuses must still be refused with
    the same message and place, and a file that would overflow libyaml's stack must not crash."""
    _, problems = _load(tmp_path, content)
    assert problems == ([expected] if expected else [])
    monkeypatch.setattr(load, "_FastLoader", None)
    assert _load(tmp_path, content)[1] == problems


def test_converted_plain_scalars_are_remembered(tmp_path: Path) -> None:
    document, _ = _load(tmp_path, 'a: 3.10\nb: no\nc: "3.10"\nd: 2024-01-02\n')
    converted = document.converted  # type: ignore[attr-defined]
    assert converted[("a",)].source == "3.10"
    assert converted[("b",)].read_as == "ett sanningsvärde"
    assert ("c",) not in converted
    assert ("d",) in converted


def test_tree_reads_every_record(tmp_path: Path) -> None:
    loaded = load_tree(MINIMAL)
    assert loaded.problems == ()
    assert sorted(d.kind for d in loaded.documents) == [
        "followups",
        "followups",
        "providers",
        "requirements",
        "requirements",
    ]


def test_files_outside_the_record_folders_are_reported(tree: Tree) -> None:
    tree.write("misc/note.yml", "id: x\n")
    tree.write("providers/other.yaml", "id: other\n")
    tree.write("providers/README.md", "not a record\n")
    messages = sorted(p.message for p in load_tree(tree.root).problems)
    assert messages == ["filen ligger utanför requirements/, providers/ och followups/", "filändelsen ska vara .yml"]


def test_missing_data_folder(tmp_path: Path) -> None:
    (problem,) = load_tree(tmp_path / "nowhere").problems
    assert problem.message == "mappen finns inte"
