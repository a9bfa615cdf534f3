"""The commands as a controller runs them: exit codes, output, and a failed build that changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import github_annotation, main
from generator.errors import Problem
from tests.conftest import AS_OF, ROOT, SHIPPED, Tree

CONFIG = str(ROOT / "mkdocs.yml")


def test_validate_shipped_data(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--data", str(SHIPPED), "--as-of", AS_OF.isoformat()]) == 0
    assert capsys.readouterr().out == "Inga problem: 12 poster i 12 filer kontrollerade.\n"


def test_validate_reports_every_file_and_exits_1(tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    tree.replace("providers/omsorg-ab.yml", "name: Omsorg AB", "name: [x")
    tree.replace("requirements/hygien.yml", 'sections: ["3.10"]', "sections: [3.10]")
    tree.replace("followups/omsorg-ab-2023.yml", "status: met", "status: bra")
    assert main(["validate", "--data", str(tree.root), "--as-of", AS_OF.isoformat()]) == 1
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert lines[0].startswith("data/followups/omsorg-ab-2023.yml:14:13: `bra` är inget tillåtet värde för `status`")
    assert lines[1] == "    → tillåtna värden: 'met', 'not_met', 'remedied', 'remains'"
    assert lines[2] == (
        "data/providers/omsorg-ab.yml:3:10: YAML kan inte läsas: while parsing a flow sequence expected ',' or ']',"
        " but got ':' (det som inte avslutades började på rad 2)"
    )
    assert lines[4].startswith("data/requirements/hygien.yml:7:16: `3.10` lästes av YAML som ett decimaltal")
    assert lines[-1] == "3 problem i 3 filer."
    assert "Traceback" not in captured.err
    assert captured.out == ""


def test_build_with_bad_data_leaves_the_old_site(tree: Tree, tmp_path: Path) -> None:
    out = tmp_path / "site"
    argv = ["build", "--data", str(tree.root), "--out", str(out), "--as-of", AS_OF.isoformat(), "--config", CONFIG]
    assert main(argv) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    tree.replace("followups/omsorg-ab-2023.yml", "status: met", "status: bra")
    assert main(argv) == 1
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert not list(tmp_path.glob(".build-*"))


def test_build_refuses_to_replace_a_folder_that_is_not_a_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_text("keep me")
    argv = ["build", "--data", str(SHIPPED), "--out", str(tmp_path), "--as-of", AS_OF.isoformat(), "--config", CONFIG]
    assert main(argv) == 1
    assert (tmp_path / "notes.txt").read_text() == "keep me"
    assert "är ingen byggd webbplats" in capsys.readouterr().err


def test_as_of_must_be_a_date(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["validate", "--as-of", "1 juni"])
    assert exit_info.value.code == 2
    assert "är inget datum på formen ÅÅÅÅ-MM-DD" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["validate", "build", "serve", "diff", "schema", "new"])
def test_every_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main([command, "--help"])
    assert "usage: python -m generator" in capsys.readouterr().out


def test_validate_github_format_annotates_the_lines(tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    tree.replace("followups/omsorg-ab-2023.yml", "status: met", "status: bra")
    assert main(["validate", "--data", str(tree.root), "--as-of", AS_OF.isoformat(), "--format", "github"]) == 1
    assert capsys.readouterr().out == (
        "::error file=data/followups/omsorg-ab-2023.yml,line=14,col=13,title=Kvalitetsportalen::"
        "`bra` är inget tillåtet värde för `status`%0Atillåtna värden: 'met', 'not_met', 'remedied', 'remains'\n"
    )


def test_annotation_escapes_what_github_would_misread() -> None:
    problem = Problem("a,b:c.yml", 2, 3, "100% fel\nrad två", "")
    assert (
        github_annotation(problem)
        == "::error file=a%2Cb%3Ac.yml,line=2,col=3,title=Kvalitetsportalen::100%25 fel%0Arad två"
    )


def test_schema_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--check", "--out", str(tmp_path)]) == 1
    assert main(["schema", "--out", str(tmp_path)]) == 0
    assert main(["schema", "--check", "--out", str(tmp_path)]) == 0
    assert "Kör `python -m generator schema`" in capsys.readouterr().err
