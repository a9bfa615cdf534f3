"""Records in an earlier format are read in the current one, so that a migration is no change."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.migrate import contract_to_basis
from tests.conftest import AS_OF, MINIMAL


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("id: x\ncontract: Voo 1/2023\nissuer:\n", "id: x\nbasis: {kind: contract, number: Voo 1/2023}\nissuer:\n"),
        ('contract: "SOV 2/2020"  # avtalet\n', 'basis: {kind: contract, number: "SOV 2/2020"}  # avtalet\n'),
        ("id: x\ncontract:\nissuer:\n", "id: x\n\nissuer:\n"),
        ("basis: {kind: agreement, number: Sov 1/2020}\ncontract: Voo 1/2023\n", None),
        ("outcomes:\n  - contract: Voo 1/2023\n", None),
    ],
)
def test_a_decisions_contract_becomes_its_basis(before: str, after: str | None) -> None:
    assert contract_to_basis(before) == (before if after is None else after)


def test_a_tree_in_the_format_before_basis_differs_in_nothing_published(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = tmp_path / "old"
    shutil.copytree(MINIMAL, old)
    for path in (old / "followups").glob("*.yml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("basis: {kind: contract, number: Voo 1/2023}", "contract: Voo 1/2023"), "utf-8")
    assert "contract: Voo 1/2023" in (old / "followups" / "omsorg-ab-2023.yml").read_text(encoding="utf-8")

    assert main(["diff", str(old), str(MINIMAL), "--as-of", AS_OF.isoformat()]) == 0
    assert capsys.readouterr().out == "## Vad ändringen publicerar\n\nIngenting som syns på webbplatsen ändras.\n\n"
    assert "contract: Voo 1/2023" in (old / "followups" / "omsorg-ab-2023.yml").read_text(encoding="utf-8"), (
        "diff reads a copy and never rewrites the folder it was given"
    )
