"""`diff` says what a change publishes: decisions, statuses, standings and deadlines, in Swedish."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.cli import main
from generator.diff import compare, report, unexplained_changes
from generator.pipeline import check
from tests.conftest import AS_OF, MINIMAL, Tree
from tests.test_drafts import PROVIDER, TEXTS, TYPED, drafts_tree

DECISION = "followups/omsorg-ab-2023.yml"
RESULT = "followups/omsorg-ab-2024.yml"
LAST_CORRECTION = "    reason: Siffran hade förts in fel från underlaget.\n"
NEW_CORRECTION = (
    "  - date: 2024-05-30\n"
    "    change: Beslutstexten kompletterad med ordet snarast.\n"
    "    reason: Ordet saknades i det publicerade beslutet.\n"
)


def _report(old: Path, new: Path) -> str:
    return report(compare(check(old, AS_OF).dataset, check(new, AS_OF).dataset, AS_OF))


def _published(tree: Tree) -> Path:
    """A copy of the tree as main has it, before the pull request's edits to the tree."""
    before = tree.root.parent / "before"
    shutil.copytree(tree.root, before)
    return before


def _diff(old: Path, new: Path) -> int:
    return main(["diff", str(old), str(new), "--as-of", AS_OF.isoformat()])


def _unexplained(old: Path, new: Path) -> list[str]:
    return [f"{u.file}: {u.message}" for u in unexplained_changes(check(old, AS_OF).dataset, check(new, AS_OF).dataset)]


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
        assert main(["diff", "HEAD", ".", "--as-of", AS_OF.isoformat()]) == 0  # the repository root
        assert main(["diff", "no-such-revision"]) == 2
    finally:
        os.chdir(cwd)
    captured = capsys.readouterr()
    assert captured.out.count("Nytt beslut: Resultatuppföljning av kvalitetskrav – Omsorg AB") == 2
    assert "är varken en mapp eller en git-revision" in captured.err


def test_a_published_decision_changed_without_a_correction_fails(
    tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _published(tree)
    tree.replace(DECISION, "upprätta en åtgärdsplan.", "upprätta en åtgärdsplan snarast.")
    assert _diff(before, tree.root) == 1
    captured = capsys.readouterr()
    assert "## Rättelser som saknas" in captured.out
    assert (
        "- `data/followups/omsorg-ab-2023.yml`: det publicerade beslutet `omsorg-ab-2023` har ändrats (fält: decision)"
        " utan en ny rättelse. Gör så här: lägg till en rättelse sist under `corrections:` med `date` (dagens datum),"
        " `change` (vad som ändrades) och `reason` (varför)." in captured.out
    )
    assert "Ändrat beslut: Uppföljning av kvalitetskrav – Omsorg AB" in captured.out  # the report is still there
    assert "Granskningen stoppar: 1 problem med publicerade beslut" in captured.err


def test_the_same_change_with_a_new_correction_passes(tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    before = _published(tree)
    tree.replace(DECISION, "upprätta en åtgärdsplan.", "upprätta en åtgärdsplan snarast.")
    tree.replace(DECISION, LAST_CORRECTION, LAST_CORRECTION + NEW_CORRECTION)
    assert _diff(before, tree.root) == 0
    out = capsys.readouterr().out
    assert "Rättelser som saknas" not in out
    assert "Beslutstexten kompletterad med ordet snarast. (30 maj 2024)" in out


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("change: Urvalet för genomförandeplaner rättat från 20 till 30.", "change: Urvalet rättat."),
        (
            "  - date: 2023-11-08\n"
            "    change: Avtalets diarienummer rättat från Voo 1/2022 till Voo 1/2023.\n"
            "    reason: Skrivfel i det publicerade beslutet.\n",
            "",
        ),
    ],
    ids=["edited", "removed"],
)
def test_an_earlier_correction_edited_or_removed_fails(tree: Tree, old: str, new: str) -> None:
    before = _published(tree)
    tree.replace(DECISION, old, new)
    tree.replace(DECISION, LAST_CORRECTION, LAST_CORRECTION + NEW_CORRECTION)
    assert _unexplained(before, tree.root) == [
        "data/followups/omsorg-ab-2023.yml: en publicerad rättelse i `omsorg-ab-2023` har ändrats eller tagits bort"
    ]


def test_a_new_decision_needs_no_correction(tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    before = _published(tree)
    (before / RESULT).unlink()
    assert _diff(before, tree.root) == 0
    assert "Nytt beslut: Resultatuppföljning av kvalitetskrav – Omsorg AB" in capsys.readouterr().out


def test_a_removed_decision_fails(tree: Tree) -> None:
    before = _published(tree)
    tree.path(RESULT).unlink()
    assert _unexplained(before, tree.root) == [
        "before/followups/omsorg-ab-2024.yml: det publicerade beslutet `omsorg-ab-2024` har tagits bort"
    ]


def test_a_renamed_decision_is_changed_not_removed(tree: Tree) -> None:
    before = _published(tree)
    tree.path(RESULT).rename(tree.path("followups/omsorg-ab-2024-05.yml"))
    tree.replace(
        "followups/omsorg-ab-2024-05.yml",
        "id: omsorg-ab-2024\n",
        "id: omsorg-ab-2024-05\nprevious_ids: [omsorg-ab-2024]\n",
    )
    assert _unexplained(before, tree.root) == [
        "data/followups/omsorg-ab-2024-05.yml: det publicerade beslutet `omsorg-ab-2024-05` har ändrats"
        " (fält: id, previous_ids) utan en ny rättelse"
    ]


def test_a_provider_reply_that_came_in_later_needs_no_correction(tree: Tree) -> None:
    before = _published(tree)
    tree.replace(
        RESULT,
        "    assessment: Nu är 90 % aktuella.\n",
        "    assessment: Nu är 90 % aktuella.\n    provider_reply:\n      date: 2024-05-10\n      text: Tack.\n",
    )
    tree.write(
        RESULT, tree.path(RESULT).read_text(encoding="utf-8") + "provider_reply:\n  date: 2024-05-10\n  text: Ja.\n"
    )
    assert _unexplained(before, tree.root) == []


def test_a_published_reply_changed_without_a_correction_fails(tree: Tree) -> None:
    before = _published(tree)
    tree.replace(DECISION, "      date: 2023-11-20\n", "      date: 2023-11-21\n")
    assert _unexplained(before, tree.root) == [
        "data/followups/omsorg-ab-2023.yml: det publicerade beslutet `omsorg-ab-2023` har ändrats (fält: outcomes)"
        " utan en ny rättelse"
    ]


def test_repository_roots_are_compared_by_their_data_folders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A repository root holds data/ beside .venv/ and site/: only data/ is read."""
    old, new = tmp_path / "old", tmp_path / "new"
    for root in (old, new):
        shutil.copytree(MINIMAL, root / "data")
        (root / ".venv" / "lib").mkdir(parents=True)
        (root / ".venv" / "lib" / "x.yml").write_text("a: [\n", encoding="utf-8")
        (root / "site").mkdir()
        (root / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    (old / "data" / RESULT).unlink()
    assert _diff(old, new) == 0
    captured = capsys.readouterr()
    assert "Nytt beslut: Resultatuppföljning av kvalitetskrav – Omsorg AB" in captured.out
    assert captured.err == ""
    assert _diff(old, new / "data") == 0  # a root and a data folder compare alike
    assert "Nytt beslut: Resultatuppföljning" in capsys.readouterr().out


def test_a_folder_that_is_neither_data_nor_a_repository_root_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "other" / "lib").mkdir(parents=True)
    (tmp_path / "other" / "lib" / "x.yml").write_text("a: 1\n", encoding="utf-8")
    assert _diff(tmp_path / "other", MINIMAL) == 2
    err = capsys.readouterr().err
    assert "är ingen datamapp (med requirements/, providers/, followups/) och ingen kodförrådsrot med data/" in err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert _diff(empty, MINIMAL) == 0  # nothing published yet: every decision is new


# --- drafts ------------------------------------------------------------------------------


def _checked_report(old: Path, new: Path) -> str:
    before, after = check(old, AS_OF), check(new, AS_OF)
    return report(compare(before.dataset, after.dataset, AS_OF, before.drafts, after.drafts))


def test_new_drafts_are_listed_apart_and_publish_nothing(tmp_path: Path) -> None:
    tree = drafts_tree(tmp_path)
    before = tree.root.parent / "before"
    shutil.copytree(MINIMAL, before)
    assert _checked_report(before, tree.root) == (
        "## Vad ändringen publicerar\n\nIngenting som syns på webbplatsen ändras.\n\n"
        "## Utkast (publiceras inte)\n\n"
        "Utkast kontrolleras men visas inte på webbplatsen förrän `draft: true` tas bort.\n\n"
        f"- Nytt utkast: beslut `omsorg-ab-2022` (data/{TYPED})\n"
        f"- Nytt utkast: beslut `vard-ab-2023` (data/{TEXTS})\n"
        f"- Nytt utkast: utförare `vard-ab` (data/{PROVIDER})\n"
    )


def test_a_changed_draft_and_a_removed_one(tmp_path: Path) -> None:
    tree = drafts_tree(tmp_path)
    before = _published(tree)
    tree.replace(TYPED, "date: att fylla i", "date: 2022-03-01")  # still no model: the basis is to fill
    tree.path(TEXTS).unlink()
    tree.path(PROVIDER).unlink()
    text = _checked_report(before, tree.root)
    assert "- Ändrat utkast: beslut `omsorg-ab-2022` (data/followups/omsorg-ab-2022.yml) (fält: date)" in text
    assert "- Borttaget utkast: beslut `vard-ab-2023` (before/followups/vard-ab-2023.yml)" in text
    assert "- Borttaget utkast: utförare `vard-ab` (before/providers/vard-ab.yml)" in text
    assert text.startswith("## Vad ändringen publicerar\n\nIngenting som syns på webbplatsen ändras.\n")


def test_a_draft_that_loses_its_mark_is_a_new_decision(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tree = drafts_tree(tmp_path)
    before = _published(tree)
    for file in (TEXTS, PROVIDER):
        tree.replace(file, "draft: true\n", "")
    tree.replace(TEXTS, "introduction: att fylla i", "introduction: Enheten har följt upp kvalitetskrav.")
    tree.replace(TEXTS, "required_action: att fylla i", "required_action: Skicka in en åtgärdsplan.")
    tree.replace(TEXTS, "  name: att fylla i", "  name: Anna Controller")
    assert _diff(before, tree.root) == 0
    out = capsys.readouterr().out
    assert "- Nytt beslut: Uppföljning av kvalitetskrav – Vård AB, 1 september 2023 (`vard-ab-2023`)" in out
    assert "- Utförare tillagd: `vard-ab`" in out
    assert f"- Publiceras: beslut `vard-ab-2023` (data/{TEXTS})" in out
    assert f"- Publiceras: utförare `vard-ab` (data/{PROVIDER})" in out  # OLD as diff reads it: a copy
    assert "omsorg-ab-2022" not in out  # unchanged


def test_a_published_decision_made_a_draft_fails(tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    before = _published(tree)
    tree.replace(RESULT, "id: omsorg-ab-2024\n", "id: omsorg-ab-2024\ndraft: true\n")
    assert _diff(before, tree.root) == 1
    out = capsys.readouterr().out
    assert (
        "- `data/followups/omsorg-ab-2024.yml`: det publicerade beslutet `omsorg-ab-2024` har gjorts till ett utkast."
        " Gör så här: ett publicerat beslut dras inte tillbaka" in out
    )
    assert "- Nytt utkast: beslut `omsorg-ab-2024`" in out
