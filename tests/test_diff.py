"""`diff` says what a change publishes: decisions, statuses, standings and deadlines, in Swedish."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.cli import main
from generator.diff import compare, report
from generator.pipeline import check
from tests.conftest import AS_OF, MINIMAL, Tree


def _report(old: Path, new: Path) -> str:
    return report(compare(check(old, AS_OF).dataset, check(new, AS_OF).dataset, AS_OF))


def test_no_change_says_so() -> None:
    assert _report(MINIMAL, MINIMAL) == "## Vad ändringen publicerar\n\nIngenting som syns på webbplatsen ändras.\n"


def test_a_new_result_follow_up(tree: Tree) -> None:
    before = tree.root.parent / "before"
    shutil.copytree(tree.root, before)
    (before / "followups" / "omsorg-ab-2024.yml").unlink()
    text = _report(before, tree.root)
    assert "- Nytt beslut: Resultatuppföljning av kvalitetskrav – Omsorg AB, 2 maj 2024 (`omsorg-ab-2024`)" in text
    assert "- Omsorg AB, Dokumentation: Uppfyller inte kravet → Åtgärdad" in text
    assert "- Omsorg AB, läge: Brister – åtgärder krävs → Brister åtgärdade" in text


def test_moved_and_added_deadlines_and_changed_fields(tree: Tree) -> None:
    before = tree.root.parent / "before"
    shutil.copytree(tree.root, before)
    tree.replace("followups/omsorg-ab-2023.yml", "date: 2024-01-02", "date: 2024-01-15")
    tree.replace(
        "followups/omsorg-ab-2023.yml",
        "    - kind: result_follow_up",
        "    - kind: documents\n      date: 2024-02-01\n    - kind: result_follow_up",
    )
    tree.replace("providers/omsorg-ab.yml", "name: Omsorg AB", "name: Omsorg AB (nytt namn)")
    text = _report(before, tree.root)
    assert "flyttat från 2 januari 2024 till 15 januari 2024" in text
    assert "- Handlingar i Uppföljning av kvalitetskrav – Omsorg AB (nytt namn): nytt datum 1 februari 2024" in text
    changed = "Uppföljning av kvalitetskrav – Omsorg AB (nytt namn), 1 november 2023 (`omsorg-ab-2023`)"
    assert f"- Ändrat beslut: {changed} (fält: decision)" in text
    assert "- Utförare ändrad: `omsorg-ab` (fält: name)" in text


def test_diff_between_git_revisions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(MINIMAL, repo / "data")
    (repo / "data" / "followups" / "omsorg-ab-2024.yml").unlink()

    def git(*argv: str) -> None:
        subprocess.run(["git", "-C", str(repo), *argv], check=True, capture_output=True)

    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@example.se", "commit", "-qm", "a", "--allow-empty")
    git("add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@example.se", "commit", "-qm", "b")
    shutil.copy(MINIMAL / "followups" / "omsorg-ab-2024.yml", repo / "data" / "followups")
    cwd = Path.cwd()
    try:
        os.chdir(repo)
        assert main(["diff", "HEAD", "data", "--as-of", AS_OF.isoformat()]) == 0
        assert main(["diff", "no-such-revision"]) == 2
    finally:
        os.chdir(cwd)
    captured = capsys.readouterr()
    assert "Nytt beslut: Resultatuppföljning av kvalitetskrav – Omsorg AB" in captured.out
    assert "är varken en mapp eller en git-revision" in captured.err
