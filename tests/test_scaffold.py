"""`new` writes skeletons whose only problems are the lines still to fill, and never overwrites."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from generator.cli import main
from generator.pipeline import check
from tests.conftest import Tree

TODAY = dt.date(2024, 6, 1)


def _new(tree: Tree, *argv: str) -> int:
    return main(["new", *argv, "--data", str(tree.root)])


def _problems(tree: Tree) -> list[tuple[str, int, str]]:
    return [(p.path, p.line, p.message) for p in check(tree.root, TODAY).problems]


def _lines(tree: Tree, relative: str, pattern: str) -> list[int]:
    text = tree.path(relative).read_text(encoding="utf-8")
    return [number for number, line in enumerate(text.splitlines(), 1) if re.fullmatch(pattern, line)]


def test_new_followup_lists_the_contract_requirements_and_points_only_at_blanks(tree: Tree) -> None:
    assert _new(tree, "followup", "--provider", "omsorg-ab", "--date", "2024-06-01") == 0
    relative = "followups/omsorg-ab-2024-06-01.yml"
    text = tree.path(relative).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/followup.schema.json\n")
    assert "requirement: hygien\n    requirement_version: v1" in text
    assert "requirement: dokumentation\n    requirement_version: v1" in text
    assert "date: 2024-06-01" in text
    blanks = sorted(
        _lines(tree, relative, r"(introduction|    assessment|  text): \|")
        + _lines(tree, relative, r"\s*(status|outcome|name):")
    )
    path = f"data/{relative}"
    assert sorted(line for file, line, _ in _problems(tree) if file == path) == blanks
    assert {file for file, _, _ in _problems(tree)} == {path}


def test_new_result_followup_quotes_the_required_actions(tree: Tree) -> None:
    tree.path("followups/omsorg-ab-2024.yml").unlink()
    assert _new(tree, "resultfollowup", "--follows", "omsorg-ab-2023", "--date", "2024-06-01") == 0
    relative = "followups/omsorg-ab-2023-resultat-2024-06-01.yml"
    text = tree.path(relative).read_text(encoding="utf-8")
    assert "follows_up: omsorg-ab-2023" in text
    assert "kind: result_follow_up" in text
    assert "requirement: dokumentation" in text and "requirement: hygien" not in text
    assert "    earlier_action: |\n      Skicka in en åtgärdsplan.\n" in text
    messages = [message for _, _, message in _problems(tree)]
    assert messages == [
        "`introduction` är inte ifyllt",
        "`status` är inte ifyllt",
        "`assessment` är inte ifyllt",
        "`outcome` är inte ifyllt",
        "`text` är inte ifyllt",
        "`name` är inte ifyllt",
    ]


@pytest.mark.parametrize(("kind", "folder"), [("provider", "providers"), ("requirement", "requirements")])
def test_new_provider_and_requirement(tree: Tree, kind: str, folder: str) -> None:
    assert _new(tree, kind, "ny-post") == 0
    problems = _problems(tree)
    assert problems and all(file == f"data/{folder}/ny-post.yml" for file, _, _ in problems)
    assert all(message.endswith("är inte ifyllt") for _, _, message in problems)


@pytest.mark.parametrize(
    "argv",
    [
        ("provider", "omsorg-ab"),
        ("requirement", "hygien"),
        ("followup", "--provider", "omsorg-ab", "--id", "omsorg-ab-2023"),
        ("resultfollowup", "--follows", "omsorg-ab-2023", "--id", "omsorg-ab-2024"),
    ],
)
def test_new_refuses_to_overwrite(tree: Tree, argv: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> None:
    before = {p: p.read_bytes() for p in tree.root.rglob("*.yml")}
    assert _new(tree, *argv) == 1
    assert "finns redan" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in tree.root.rglob("*.yml")} == before


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("followup", "--provider", "okand"), "det finns ingen giltig utförare `okand`"),
        (("resultfollowup", "--follows", "omsorg-ab-2024"), "fann inga brister"),
        (("provider", "Ogiltigt Id"), "är inget giltigt id"),
        (("provider", "../../ut"), "är inget giltigt id"),
    ],
)
def test_new_refuses_what_it_cannot_write(
    tree: Tree, argv: tuple[str, ...], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _new(tree, *argv) == 1
    assert message in capsys.readouterr().err
