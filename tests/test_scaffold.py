"""`new` writes skeletons whose only problems are the lines still to fill, and never overwrites."""

from __future__ import annotations

import argparse
import datetime as dt
import re

import pytest

from generator.cli import _parser, main
from generator.pipeline import check
from tests.conftest import ROOT, Tree

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
        + _lines(tree, relative, r"\s*(status|outcome|name|title|organisation|unit|kind):")
    )
    path = f"data/{relative}"
    assert sorted(line for file, line, _ in _problems(tree) if file == path) == blanks
    assert {file for file, _, _ in _problems(tree)} == {path}


def test_new_followup_leaves_the_issuer_the_signatory_and_the_kind_of_basis_to_fill(tree: Tree) -> None:
    """Nothing is taken from an older decision: the validator points at each of these lines."""
    assert _new(tree, "followup", "--provider", "omsorg-ab", "--date", "2024-06-01") == 0
    relative = "followups/omsorg-ab-2024-06-01.yml"
    text = tree.path(relative).read_text(encoding="utf-8")
    assert "Exempel kommun" not in text
    assert "  organisation:\n" in text and "  department:\n" in text and "  unit:\n" in text
    assert "  title:\n" in text and "title: Avtalscontroller" not in text
    assert "basis:\n" in text and '  number: "Voo 1/2023"\n' in text
    pointed = {(line, message.split("`")[1]) for file, line, message in _problems(tree) if file == f"data/{relative}"}
    for field in ("organisation", "unit", "name", "title", "kind"):
        (line,) = _lines(tree, relative, rf"\s*{field}:")
        assert (line, field) in pointed


def test_new_followup_lists_only_the_versions_of_the_providers_contract(tree: Tree) -> None:
    """dokumentation has v1 (Voo 1/2023) and v2 (Voo 2/2024); hygien only v1. A number matches
    whatever case it is printed in."""
    tree.replace("providers/omsorg-ab.yml", "Voo 1/2023", "VOO 2/2024")
    assert _new(tree, "followup", "--provider", "omsorg-ab", "--id", "ny") == 0
    text = tree.path("followups/ny.yml").read_text(encoding="utf-8")
    assert re.findall(r"requirement: (\S+)\n    requirement_version: (\S+)", text) == [("dokumentation", "v2")]
    assert '  number: "VOO 2/2024"' in text


def test_new_followup_names_the_other_matching_version_when_the_provider_has_two_contracts(tree: Tree) -> None:
    tree.replace("providers/omsorg-ab.yml", "  - Voo 1/2023", "  - Voo 1/2023\n  - Voo 2/2024")
    assert _new(tree, "followup", "--provider", "omsorg-ab", "--id", "ny") == 0
    text = tree.path("followups/ny.yml").read_text(encoding="utf-8")
    assert "  - requirement: dokumentation\n    # Versionen för utförarens avtal; eller: v1 (Voo 1/2023).\n" in text
    assert "requirement: dokumentation\n" in text and "    requirement_version: v2\n" in text
    assert "requirement: hygien\n    requirement_version: v1" in text
    assert "  # Utförarens avtal enligt data/providers/: Voo 1/2023, Voo 2/2024." in text
    assert "  number:\n" in text


@pytest.mark.parametrize(
    ("contracts", "says"),
    [
        ("contracts: []", "Utföraren har inget avtal eller någon överenskommelse under `contracts:`"),
        ("contracts: [Voo 9/2020]", "Inget kvalitetskrav i data/requirements/ har en version för utförarens avtal"),
    ],
)
def test_new_followup_lists_no_requirement_without_a_matching_version_and_says_what_to_do(
    tree: Tree, contracts: str, says: str
) -> None:
    tree.replace("providers/omsorg-ab.yml", "contracts:\n  - Voo 1/2023", contracts)
    assert _new(tree, "followup", "--provider", "omsorg-ab", "--id", "ny") == 0
    text = tree.path("followups/ny.yml").read_text(encoding="utf-8")
    assert "requirement:" not in text.replace("#   - requirement:", "")
    assert says in text and "kör kommandot igen" in text
    (line,) = _lines(tree, "followups/ny.yml", r"outcomes: \[\]")
    assert any(file == "data/followups/ny.yml" and at == line for file, at, _ in _problems(tree))


def test_contributing_documents_every_option_of_every_new_command() -> None:
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    new = next(a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction)).choices["new"]
    kinds = next(a for a in new._actions if isinstance(a, argparse._SubParsersAction)).choices
    assert set(kinds) == {"followup", "resultfollowup", "provider", "requirement"}
    for name, kind in kinds.items():
        assert f"`new {name}" in guide
        for action in kind._actions:
            for option in action.option_strings:
                if option not in ("-h", "--help"):
                    assert f"`{option}" in guide, f"{option} of new {name} is not in CONTRIBUTING.md"


def test_new_result_followup_quotes_the_required_actions(tree: Tree) -> None:
    tree.path("followups/omsorg-ab-2024.yml").unlink()
    assert _new(tree, "resultfollowup", "--follows", "omsorg-ab-2023", "--date", "2024-06-01") == 0
    relative = "followups/omsorg-ab-2023-resultat-2024-06-01.yml"
    text = tree.path(relative).read_text(encoding="utf-8")
    assert "follows_up: omsorg-ab-2023" in text
    assert "kind: result_follow_up" in text
    assert "requirement: dokumentation" in text and "requirement: hygien" not in text
    assert "    earlier_action: |\n      Skicka in en åtgärdsplan.\n" in text
    assert "basis:\n  kind: contract\n" in text, "the basis of the decision it follows up"
    fields = [message.split("`")[1] for _, _, message in _problems(tree)]
    assert fields == [
        "organisation",
        "unit",
        "introduction",
        "status",
        "assessment",
        "outcome",
        "text",
        "name",
        "title",
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
