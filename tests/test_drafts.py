"""Drafts: each marker `att fylla i` is one line to fill at its own place, instead of the type
error it would cause; without the draft mark each is an error; drafts are named when left out."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.document import Document
from generator.drafts import NOT_A_DRAFT, Draft, field_at, format_to_fill, left_out_words, to_fill
from generator.errors import Problem
from generator.model import TO_FILL, FollowUp, Provider
from generator.pipeline import check
from generator.validate import check_schema
from tests.conftest import AS_OF, Tree
from tests.test_validate import _field_paths, _nest

DRAFTS = Path(__file__).parent / "fixtures" / "drafts"
"""The minimal tree and three drafts: a decision with markers in typed fields (no model), a
provider, and a decision for that provider with markers only in text (a model that would count)."""
TYPED = "followups/omsorg-ab-2022.yml"
TEXTS = "followups/vard-ab-2023.yml"
PROVIDER = "providers/vard-ab.yml"


def drafts_tree(tmp_path: Path) -> Tree:
    """A copy of the drafts tree that a test may edit."""
    root = tmp_path / "data"
    shutil.copytree(DRAFTS, root)
    return Tree(root)


def _marker_places(root: Path) -> list[tuple[str, int, int]]:
    """Every marker written in the tree's files, as (file, line, column), read from the text."""
    places = []
    for path in sorted(root.rglob("*.yml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.rstrip().endswith(TO_FILL):
                places.append((f"{root.name}/{path.relative_to(root).as_posix()}", number, line.index(TO_FILL) + 1))
    return places


def _places(problems: tuple[Problem, ...]) -> list[tuple[str, int, int]]:
    return [(problem.path, problem.line, problem.column) for problem in problems]


def test_each_marker_is_one_line_to_fill_at_its_own_place_and_no_problem() -> None:
    checked = check(DRAFTS, AS_OF)
    assert checked.problems == ()
    assert _places(checked.to_fill) == _marker_places(DRAFTS)
    assert len(checked.to_fill) == 8  # date, basis, requirement, status, an evidence item; three texts


def test_an_entry_names_the_field_and_says_whether_its_line_may_go() -> None:
    entries = {problem.message: problem.hint for problem in check(DRAFTS, AS_OF).to_fill}
    optional = 'eller ta bort raden om originalet inte anger det (då visas "uppgift saknas")'
    assert optional in entries["att fylla i: beslutets datum (date)"]
    assert optional in entries["att fylla i: avtalet eller överenskommelsen som följs upp (basis)"]
    required = "fältet måste fyllas i och raden kan inte tas bort"
    assert required in entries["att fylla i: bedömningen av ett krav i ett beslut (outcomes[1].status)"]
    assert required in entries["att fylla i: id för kravet (outcomes[1].requirement)"]
    assert required in entries["att fylla i: inledningen ordagrant (introduction)"]
    item = entries["att fylla i: underlag till bedömning (outcomes[1].evidence[2])"]
    assert item.startswith("läs värdet i originalbeslutet och skriv det här") and "inte har något mer här" in item
    assert all(not hint.startswith(NOT_A_DRAFT) for hint in entries.values())


def test_without_the_draft_mark_each_marker_is_an_error(tmp_path: Path) -> None:
    tree = drafts_tree(tmp_path)
    tree.replace(TYPED, "draft: true\n", "")
    checked = check(tree.root, AS_OF)
    typed = [place for place in _marker_places(tree.root) if place[0] == f"data/{TYPED}"]
    assert _places(checked.problems) == typed
    assert all(problem.message.startswith("att fylla i: ") for problem in checked.problems)
    assert all(problem.hint.startswith(NOT_A_DRAFT + "läs värdet i originalbeslutet") for problem in checked.problems)
    assert f"data/{TYPED}" not in {entry.path for entry in checked.to_fill}
    assert len(checked.to_fill) == 3  # the other draft's


def test_a_quoted_mark_is_no_draft(tmp_path: Path) -> None:
    tree = drafts_tree(tmp_path)
    tree.replace(TEXTS, "draft: true", 'draft: "true"')
    messages = [problem.message for problem in check(tree.root, AS_OF).problems]
    assert messages[0] == "`draft` ska vara true eller false"
    assert messages[1:] == [
        "att fylla i: inledningen ordagrant (introduction)",
        "att fylla i: åtgärd som utföraren ska vidta (outcomes[1].required_action)",
        "att fylla i: namnet på avtalscontrollern som undertecknade beslutet (signed_by.name)",
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("  outcome: closed", "  outcome: stängd", "20:12: `stängd` är inget tillåtet värde för `outcome`"),
        ("kind: follow_up", "kind: follow_up\nfoo: att fylla i", "4:1: okänt fält `foo`"),
        (
            "text: Uppföljningen avslutas.",
            'text: "Uppföljningen\\u0003 avslutas."',
            "21:9: `text` innehåller styrtecknet",
        ),
    ],
    ids=["wrong-value", "unknown-field", "control-character"],
)
def test_other_problems_of_a_draft_are_problems(tmp_path: Path, old: str, new: str, expected: str) -> None:
    tree = drafts_tree(tmp_path)
    tree.replace(TYPED, old, new)
    checked = check(tree.root, AS_OF)
    problems = [f"{p.line}:{p.column}: {p.message}" for p in checked.problems]
    assert len(problems) == 1 and problems[0].startswith(expected), problems
    assert len(checked.to_fill) == 8  # a marker under an unknown field is that field's problem


def test_a_requirement_is_never_a_draft(tmp_path: Path) -> None:
    tree = drafts_tree(tmp_path)
    tree.replace("requirements/hygien.yml", "guidance: Se riktlinjen Basal hygien.", f"guidance: {TO_FILL}")
    problems = check(tree.root, AS_OF).problems
    assert [(p.line, p.message) for p in problems] == [
        (13, "att fylla i: vägledning till utförare (versions[1].guidance)")
    ]
    assert problems[0].hint.startswith(NOT_A_DRAFT)
    tree.replace("requirements/hygien.yml", "id: hygien\n", "id: hygien\ndraft: true\n")
    assert [p.message for p in check(tree.root, AS_OF).problems] == [
        "okänt fält `draft`",
        "att fylla i: vägledning till utförare (versions[1].guidance)",
    ]


@pytest.mark.parametrize(("kind", "model"), [("followups", FollowUp), ("providers", Provider)])
def test_the_marker_takes_the_place_of_any_field_s_type_error(kind: str, model: type[FollowUp | Provider]) -> None:
    """In every field of every type, alone in a record: only the other fields' absence is a
    problem, and the marker is one entry. Without its place marked, a typed field's marker fails
    its type (so the test would see a marker that slipped through)."""
    typed = 0
    paths = list(_field_paths(model))
    for path in paths:
        document = Document(f"data/{kind}/x.yml", kind, _nest(path, TO_FILL))
        unmarked = [p.message for p in check_schema(document)[1] if "saknas" not in p.message]
        typed += bool(unmarked)
        assert [p.message for p in check_schema(document, frozenset({path}))[1] if "saknas" not in p.message] == []
        (entry,) = to_fill(document, model, [path], draft=True)
        where = ".".join(
            f"{part}[1]" if index + 1 < len(path) and path[index + 1] == 0 else str(part)
            for index, part in enumerate(path)
            if not isinstance(part, int)
        )
        assert entry.message == f"att fylla i: {where}" or entry.message.endswith(f" ({where})"), entry.message
    assert typed >= len(paths) // 2, "most fields are typed: without the marker's place, its type fails"


def test_a_marker_under_a_field_the_model_lacks_is_no_entry() -> None:
    assert field_at(FollowUp, ("outcomes", 0, "foo")) is None
    document = Document("data/followups/x.yml", "followups", {"foo": TO_FILL})
    assert to_fill(document, FollowUp, [("foo",)], draft=True) == ()


def test_the_lines_to_fill_are_counted_per_draft() -> None:
    entries = check(DRAFTS, AS_OF).to_fill
    text = format_to_fill(entries)
    assert text.splitlines()[0] == "Att fylla i (utkast, publiceras inte):"
    assert text.splitlines()[-1] == "8 värden att fylla i, i 2 utkast."
    assert format_to_fill(entries[:1]).splitlines()[-1] == "1 värde att fylla i, i 1 utkast."


def test_left_out_drafts_are_counted_and_named() -> None:
    drafts = check(DRAFTS, AS_OF).drafts
    assert [draft.path for draft in drafts] == [f"drafts/{TYPED}", f"drafts/{TEXTS}", f"drafts/{PROVIDER}"]
    assert [draft.id for draft in drafts] == ["omsorg-ab-2022", "vard-ab-2023", "vard-ab"]
    assert left_out_words(drafts[:1]) == f"1 utkast lämnades utanför (publiceras inte): drafts/{TYPED}"
    many = [Draft(f"data/followups/d{n:02}.yml", "followups", f"d{n:02}", {}) for n in range(12)]
    words = left_out_words(many)
    assert words.startswith("12 utkast lämnades utanför (publiceras inte): data/followups/d00.yml, ")
    assert words.endswith("data/followups/d09.yml och 2 till")


def test_a_draft_whose_id_is_still_to_fill_is_named_by_its_file(tmp_path: Path) -> None:
    tree = drafts_tree(tmp_path)
    tree.replace(TYPED, "id: omsorg-ab-2022", f"id: {TO_FILL}")
    checked = check(tree.root, AS_OF)
    assert checked.problems == ()
    assert "omsorg-ab-2022" in {draft.id for draft in checked.drafts}
