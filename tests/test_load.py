"""The loader: positions, and the YAML traps it turns into problems instead of silent changes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import safe_read, yaml_read
from generator.document import Document, Position
from generator.errors import format_problems
from generator.load import load_tree, read_tree, released
from generator.safe_read import MAX_BYTES
from generator.yaml_read import MAX_DEPTH, MAX_DIGITS, load_file
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
        ("id: \u00c5sa\nname: \u00c5sa \u00e5\n".encode().replace(b"\xc3\xa5", b"\xe5"), "2:11: filen är inte UTF-8"),
        # YAML 1.1 numbers that change value or mean nothing a record needs (finding 4, 12)
        ("n: 066\n", "1:4: talet `066` är inte skrivet som ett vanligt decimaltal"),
        ("n: 1:30\n", "1:4: talet `1:30` är inte skrivet som ett vanligt decimaltal"),
        ("n: 0x42\n", "1:4: talet `0x42` är inte"),
        ("n: 6_6\n", "1:4: talet `6_6` är inte"),
        ("n: 0b101\n", "1:4: talet `0b101` är inte"),
        ("n: +5\n", "1:4: talet `+5` är inte"),
        ("n: .5\n", "1:4: talet `.5` är inte"),
        ("n: 1.0e+3\n", "1:4: talet `1.0e+3` är inte"),
        ("n: .inf\n", "1:4: talet `.inf` är inte"),
        ("n: -.inf\n", "1:4: talet `-.inf` är inte"),
        ("n: .nan\n", "1:4: talet `.nan` är inte"),
        ("n: !!int '066'\n", "1:4: talet `066` är inte"),
        ("n: " + "9" * 5000 + "\n", "1:4: talet har 5000 siffror; ett tal i en post får ha högst 15"),
        ("n: " + "9" * 400 + ".5\n", "1:4: talet har 401 siffror"),
        ("n: !!bool kanske\n", "1:4: `kanske` kan inte läsas som ett sanningsvärde"),
        ("n: !!timestamp igår\n", "1:4: `igår` kan inte läsas som ett datum"),
        # invisible characters, at their own line and column (finding 5)
        ("id: a\nname: Omsorg \u202eBA\n", "2:14: osynligt tecken U+202E (RIGHT-TO-LEFT OVERRIDE)"),
        ("id: a\nname: x\u2066y\n", "2:8: osynligt tecken U+2066 (LEFT-TO-RIGHT ISOLATE)"),
        ("id: a\nname: x\u200by\n", "2:8: osynligt tecken U+200B (ZERO WIDTH SPACE)"),
        ("id: a\nname: x\ufeffy\n", "2:8: osynligt tecken U+FEFF (ZERO WIDTH NO-BREAK SPACE)"),
        ("id: a\nname: x\u00ady\n", "2:8: osynligt tecken U+00AD (SOFT HYPHEN)"),
        ("id: a\nname: x\U000e0041y\n", "2:8: osynligt tecken U+E0041 (TAG LATIN CAPITAL LETTER A)"),
        ("id: a\n# \u200f\n", "2:3: osynligt tecken U+200F (RIGHT-TO-LEFT MARK)"),
        ('id: a\nname: "x \\u202e y"\n', "2:7: texten innehåller det osynliga tecknet U+202E (RIGHT-TO-LEFT OVERRIDE)"),
        ('id: a\n"x\\u200b": y\n', "2:1: texten innehåller det osynliga tecknet U+200B (ZERO WIDTH SPACE)"),
        ('id: a\nname: "x \\L y"\n', "2:7: texten innehåller det osynliga tecknet U+2028 (LINE SEPARATOR)"),
        # line breaks that YAML counts and GitHub does not (finding 15)
        ("id: a\nname: x\x85y\n", "2:8: tecknet U+0085 (NEXT LINE) är en radbrytning för YAML men inte för GitHub"),
        ("id: a\nname: x\u2028y\n", "2:8: tecknet U+2028 (LINE SEPARATOR) är en radbrytning"),
        ('id: a\nname: "x\u2029y"\n', "2:9: tecknet U+2029 (PARAGRAPH SEPARATOR) är en radbrytning"),
        ("id: a\r\nname: x\ry\r\n", "2:8: tecknet U+000D (CARRIAGE RETURN) är en radbrytning"),
    ],
)
def test_traps_become_problems(tmp_path: Path, content: bytes | str, expected: str) -> None:
    _, problems = _load(tmp_path, content)
    assert any(problem.startswith(expected) or expected in problem for problem in problems), problems


@pytest.mark.parametrize(
    "content",
    [
        "n: 0\nm: -5\no: 12.5\np: -0.25\nq: 2024\n",
        f"n: {'9' * MAX_DIGITS}\nm: 1234567.12345678\n",
        "id: a\r\nname: Omsorg AB\r\n",
        "id: a\nname: \U0001f469\u200d\u2695\ufe0f Omsorg AB\n",  # an emoji joined by U+200D
        'id: a\nname: "x\\ty"\n',
    ],
)
def test_plain_numbers_and_text_load(tmp_path: Path, content: str) -> None:
    assert _load(tmp_path, content)[1] == []


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("id: a\r\nname: [x\r\nother: b\r\n", "3:6: YAML kan inte läsas"),
        ("id: a\nname: \u00c5sa \u00c5sa\nother: [x\nthird: b\n", "4:6: YAML kan inte läsas"),
    ],
)
def test_lines_and_columns_are_counted_as_github_shows_them(tmp_path: Path, content: str, expected: str) -> None:
    """Only \\n ends a line (a Windows \\r\\n too), and a column counts characters, not bytes."""
    (problem,) = _load(tmp_path, content)[1]
    assert problem.startswith(expected)


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
        pytest.param("id: a\nname: " + "[" * 200_000 + "]" * 200_000 + "\n", TOO_DEEP, marks=pytest.mark.slow),
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
    monkeypatch.setattr(yaml_read, "_FastLoader", None)
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


def test_a_reading_gives_the_documents_one_at_a_time_and_what_else_it_met_once_read(tree: Tree) -> None:
    tree.write("providers/README.md", "not a record\n")
    reading = read_tree(tree.root)
    assert (reading.stems, reading.problems) == ([], [])
    first = next(reading.documents)
    rest = list(reading.documents)
    loaded = load_tree(tree.root)
    assert [first.path, *(d.path for d in rest)] == [d.path for d in loaded.documents] == reading.read
    assert (tuple(reading.problems), tuple(reading.stems)) == (loaded.problems, loaded.stems)


def test_a_released_document_places_a_value_where_the_document_did(tmp_path: Path) -> None:
    """The checks between records place their problems through a Placed, which reads the
    file's positions again; a file changed since places them at its start instead."""
    path = tmp_path / "x.yml"
    path.write_text("id: a\nnested:\n  items:\n    - one\n    - two\n", encoding="utf-8")
    document, _ = load_file(path, "providers", "data/providers/x.yml")
    assert document is not None
    placed = released(document)
    assert placed is not document
    assert (placed.path, placed.stem) == ("data/providers/x.yml", "x")
    for where, key in ((("nested", "items", 1), False), (("nested", "items"), True), (("missing",), False)):
        assert placed.position(where, key=key) == document.position(where, key=key)
    assert placed.position(("nested", "items", 1)) == Position(5, 7)
    path.write_text("id: b\nnested:\n  items:\n    - one\n    - two\n", encoding="utf-8")
    checked, _ = load_file(path, "providers", "data/providers/x.yml")
    assert checked is not None
    path.write_text("# a line more\nid: b\nnested:\n  items:\n    - one\n    - two\n", encoding="utf-8")
    assert released(checked).position(("nested", "items", 1)) == Position(1, 1)


def test_a_document_made_in_memory_is_its_own_place() -> None:
    document = Document("data/providers/x.yml", "providers", {})
    assert released(document) is document


def _problems(root: Path) -> list[str]:
    return [f"{p.path.split('/', 1)[1]}: {p.message}" for p in sorted(load_tree(root).problems)]


def test_every_file_that_is_not_a_record_is_reported(tree: Tree) -> None:
    """Finding 13: names that were skipped in silence are problems; tools' hidden files are not."""
    tree.write("misc/note.yml", "id: x\n")
    tree.write("providers/other.yaml", "id: other\n")
    tree.write("providers/other.YML", "id: other\n")
    tree.write("providers/.hidden.yml", "id: hidden\n")
    tree.write("providers/trailing.yml ", "id: trailing\n")
    tree.write("providers/README.md", "not a record\n")
    tree.write("notes.txt", "not a record\n")
    for harmless in (".gitkeep", "providers/.DS_Store", "providers/.omsorg-ab.yml.swp", ".git/config"):
        tree.write(harmless, "")
    (tree.path("providers") / ".#omsorg-ab.yml").symlink_to("user@host.123")  # an editor's lock file
    assert _problems(tree.root) == [
        "misc/note.yml: filen ligger utanför requirements/, providers/ och followups/",
        "notes.txt: filen är ingen post: bara .yml-filer hör hemma i datamappen",
        "providers/.hidden.yml: filnamnet börjar med punkt, så filen läses inte",
        "providers/README.md: filen är ingen post: bara .yml-filer hör hemma i datamappen",
        "providers/other.YML: filändelsen ska vara .yml",
        "providers/other.yaml: filändelsen ska vara .yml",
        "providers/trailing.yml : filnamnet börjar eller slutar med mellanslag",
    ]


LINK = "det här är en symbolisk länk, och länkar följs inte"
NOT_A_FILE = "det här är ingen vanlig fil (utan t.ex. en FIFO, en enhet eller en socket)"


def test_only_regular_files_inside_the_tree_are_read(tree: Tree, tmp_path: Path) -> None:
    """Finding 6: a link is never followed, wherever it points (a file outside the tree, nowhere,
    /dev/zero, a folder), and a FIFO is refused without being opened, which would hang."""
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.yml").write_text("id: secret\nname: Hemlig AB\ncontracts:\n  - Voo 1/2023\n")
    providers = tree.path("providers")
    (providers / "secret.yml").symlink_to(outside / "secret.yml")
    (providers / "dangling.yml").symlink_to(tmp_path / "nowhere.yml")
    (providers / "zero.yml").symlink_to("/dev/zero")
    (providers / "more").symlink_to(outside, target_is_directory=True)
    os.mkfifo(providers / "fifo.yml")
    loaded = load_tree(tree.root)
    assert _problems(tree.root) == [
        f"providers/dangling.yml: {LINK}",
        f"providers/fifo.yml: {NOT_A_FILE}",
        f"providers/more: {LINK}",
        f"providers/secret.yml: {LINK}",
        f"providers/zero.yml: {LINK}",
    ]
    assert "secret" not in {document.stem for document in loaded.documents}
    assert load_tree(tree.root, cache={}).problems == loaded.problems


def test_a_file_is_checked_again_when_it_is_opened(tmp_path: Path) -> None:
    """The folder can change between the walk and the read: load_file refuses a link or a FIFO itself."""
    (tmp_path / "target.yml").write_text("id: a\n")
    (tmp_path / "link.yml").symlink_to(tmp_path / "target.yml")
    os.mkfifo(tmp_path / "fifo.yml")
    assert [p.message for p in load_file(tmp_path / "link.yml", "providers", "link.yml")[1]] == [LINK]
    assert [p.message for p in load_file(tmp_path / "fifo.yml", "providers", "fifo.yml")[1]] == [NOT_A_FILE]
    assert load_file(tmp_path / "gone.yml", "providers", "gone.yml")[1][0].message == "filen kan inte läsas (ENOENT)"


def test_the_size_cap_applies_to_what_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file that grows after its size was taken is still cut off at MAX_BYTES."""
    path = tmp_path / "x.yml"
    path.write_bytes(b"id: a\n" + b"#" * (2 * MAX_BYTES))
    real_fstat = os.fstat

    def small(descriptor: int) -> os.stat_result:
        status = real_fstat(descriptor)
        return os.stat_result((status.st_mode, *status[1:6], 10, *status[7:10]))

    monkeypatch.setattr(os, "fstat", small)
    (problem,) = load_file(path, "providers", "x.yml")[1]
    assert problem.message == "filen är 1 000 001 byte; en post får vara högst 1 000 000 byte"


@pytest.mark.parametrize("name", ["ny\n::warning title=x::pwned.yml", "ny\x1b[31m.yml", "ny\u202egpj.yml"])
def test_file_names_that_would_not_show_as_themselves(tree: Tree, name: str) -> None:
    """Finding 16: such a name is refused, and printed escaped, so no line of output is its own."""
    tree.write(f"providers/{name}", "id: ny\nname: Ny AB\ncontracts:\n  - Voo 1/2023\n")
    (problem,) = load_tree(tree.root).problems
    assert problem.message.startswith("namnet innehåller tecknet U+")
    printed = format_problems([problem]).splitlines()
    assert len(printed) == 3
    assert printed[0].startswith("data/providers/ny\\")


def test_missing_data_folder(tmp_path: Path) -> None:
    (problem,) = load_tree(tmp_path / "nowhere").problems
    assert problem.message == "mappen finns inte"


def test_the_pdfs_under_originals_are_listed_with_their_size_and_first_bytes(tree: Tree) -> None:
    """They are decisions' originals, not records: listed for the validator, never parsed."""
    tree.path("originals").mkdir()
    tree.path("originals/sov-10-2023.pdf").write_bytes(b"%PDF-1.7\n" + b"x" * 100)
    tree.path("originals/tom.pdf").write_bytes(b"")
    tree.write("originals/.gitkeep", "")
    loaded = load_tree(tree.root)
    assert loaded.problems == ()
    assert [(o.name, o.size, o.head) for o in loaded.originals] == [
        ("originals/sov-10-2023.pdf", 109, b"%PDF-1.7\n" + b"x" * (safe_read.HEAD_BYTES - 9)),
        ("originals/tom.pdf", 0, b""),
    ]
    assert {kind for kind, _ in loaded.stems} == {"followups", "providers", "requirements"}
    assert load_tree(tree.root, cache={}).originals == loaded.originals


def test_every_entry_of_originals_that_is_not_a_pdf_file_is_reported(tree: Tree, tmp_path: Path) -> None:
    tree.write("originals/anteckningar.txt", "x")
    tree.write("originals/beslut.PDF", "%PDF-")
    tree.write("originals/2021/beslut.pdf", "%PDF-")
    tree.write("originals/omsorg-ab.yml", "id: omsorg-ab\n")
    tree.write("followups/beslut.pdf", "%PDF-")
    tree.write("originals/ beslut.pdf", "%PDF-")
    (tmp_path / "utanfor.pdf").write_bytes(b"%PDF-")
    tree.path("originals/lank.pdf").symlink_to(tmp_path / "utanfor.pdf")
    os.mkfifo(tree.path("originals/fifo.pdf"))
    assert [f"{p.path.split('/', 1)[1]}: {p.message} → {p.hint}" for p in sorted(load_tree(tree.root).problems)] == [
        "followups/beslut.pdf: filen är ingen post: bara .yml-filer hör hemma i datamappen → är det ett"
        " originalbeslut: flytta det till originals/ och skriv `original: originals/beslut.pdf`",
        "originals/ beslut.pdf: filnamnet börjar eller slutar med mellanslag → byt namn på filen till `beslut.pdf`",
        "originals/2021/beslut.pdf: originals/ har inga undermappar: PDF-filerna ligger direkt i mappen → flytta"
        " filen till originals/beslut.pdf (eller ta bort den)",
        "originals/anteckningar.txt: i originals/ ligger bara originalbeslut som PDF (.pdf) → flytta filen därifrån"
        " eller ta bort den; en post (.yml) hör hemma i sin sorts mapp, t.ex. followups/",
        "originals/beslut.PDF: filändelsen ska vara .pdf → byt namn på filen till `beslut.pdf`",
        f"originals/fifo.pdf: {NOT_A_FILE} → ta bort den ur datamappen",
        f"originals/lank.pdf: {LINK} → kopiera in filen (eller mappen) i stället för att länka till den: bara filer"
        " inne i datamappen läses",
        "originals/omsorg-ab.yml: i originals/ ligger bara originalbeslut som PDF (.pdf) → flytta filen därifrån"
        " eller ta bort den; en post (.yml) hör hemma i sin sorts mapp, t.ex. followups/",
    ]
    assert load_tree(tree.root).originals == ()


def test_a_file_named_originals_at_the_top_is_no_folder_of_originals(tree: Tree) -> None:
    tree.write("originals", "%PDF-")
    (problem,) = load_tree(tree.root).problems
    assert (problem.path, problem.message) == (
        "data/originals",
        "filen är ingen post: bara .yml-filer hör hemma i datamappen",
    )
