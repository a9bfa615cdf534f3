"""The pipeline's stages in order, the collector as it was after them, every stage reported to the
timing hook; every problem once; the data as they stood on a date."""

from __future__ import annotations

import datetime as dt
import gc
import shutil
from pathlib import Path
from typing import Any

import pytest

from generator import pipeline
from generator.cli import main
from generator.exports import open_data
from generator.feeds import syndication
from tests.conftest import AS_OF, MINIMAL, ROOT, SITE_URL, Tree
from tests.test_drafts import DRAFTS, drafts_tree


@pytest.mark.parametrize("preview", [False, True])
@pytest.mark.parametrize("enabled", [True, False])
def test_generating_leaves_the_cycle_collector_as_it_found_it(tmp_path: Path, preview: bool, enabled: bool) -> None:
    """The preview pauses Python's cycle collector while it generates; the process goes on with
    the collector as it was, whoever else had turned it off."""
    (gc.enable if enabled else gc.disable)()
    try:
        generated = pipeline.generate(MINIMAL, tmp_path / "pages", AS_OF, cache=pipeline.Cache() if preview else None)
        assert generated.report is not None and generated.report.written
        assert gc.isenabled() is enabled
    finally:
        gc.enable()


def test_a_failing_stage_leaves_the_cycle_collector_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("stage failed")

    monkeypatch.setattr(pipeline, "derive", broken)
    with pytest.raises(RuntimeError):
        pipeline.generate(MINIMAL, tmp_path / "pages", AS_OF, cache=pipeline.Cache())
    assert gc.isenabled()


def test_the_timing_hook_reports_every_stage_of_a_build(tmp_path: Path) -> None:
    """bench/run.py measures through pipeline.observed: a stage renamed or no longer timed fails
    here, instead of silently leaving the benchmark's figure out."""
    seen: list[tuple[str, float]] = []
    out = tmp_path / "site"
    argv = ["build", "--data", str(MINIMAL), "--out", str(out), "--as-of", AS_OF.isoformat()]
    with pipeline.observed(lambda stage, seconds: seen.append((stage, seconds))):
        assert main([*argv, "--config", str(ROOT / "mkdocs.yml")]) == 0
    assert sorted({stage for stage, _ in seen}) == sorted(pipeline.STAGES)
    assert all(seconds >= 0 for _, seconds in seen)
    reported = len(seen)
    pipeline.generate(MINIMAL, tmp_path / "pages", AS_OF)
    assert len(seen) == reported, "after the block nobody observes"


# --- the site as it stood on a date -------------------------------------------------------


def test_history_leaves_out_a_later_decision_and_what_follows_it(tree: Tree) -> None:
    """omsorg-ab-2023 is dated 2023-11-01; omsorg-ab-2024 (2024-05-02) follows it up."""
    assert pipeline.check(tree.root, dt.date(2024, 1, 15), history=True).left_out == ("omsorg-ab-2024",)
    tree.replace("followups/omsorg-ab-2024.yml", "date: 2024-05-02\n", "")  # undated: kept on its own
    assert pipeline.check(tree.root, dt.date(2024, 1, 15), history=True).left_out == ()
    checked = pipeline.check(tree.root, dt.date(2023, 10, 1), history=True)
    assert checked.problems == ()
    assert checked.left_out == ("omsorg-ab-2023", "omsorg-ab-2024")  # it follows one left out
    assert checked.dataset.followups == () and checked.dataset.followup_files == {}
    assert checked.records == 5 and checked.dataset.record_count == 3


def test_history_leaves_out_later_replies_and_keeps_later_corrections() -> None:
    """Replies 2023-11-20 (finding) and 2023-11-24 (decision); corrections 2023-11-08 and 2023-12-15."""
    checked = pipeline.check(MINIMAL, dt.date(2023, 11, 22), history=True)
    (decision,) = [f for f in checked.dataset.followups if f.id == "omsorg-ab-2023"]
    assert decision.provider_reply is None
    replies = [o.provider_reply for o in decision.outcomes if o.provider_reply is not None]
    assert [reply.date for reply in replies] == [dt.date(2023, 11, 20)]
    # The record holds the corrected text: its log goes on saying so.
    assert [c.date for c in decision.corrections] == [dt.date(2023, 11, 8), dt.date(2023, 12, 15)]
    earlier = pipeline.check(MINIMAL, dt.date(2023, 11, 1), history=True)
    (decision,) = earlier.dataset.followups
    assert all(o.provider_reply is None for o in decision.outcomes)


def test_without_history_a_later_decision_is_an_error(tree: Tree) -> None:
    checked = pipeline.check(tree.root, dt.date(2024, 1, 15))
    assert [p.message for p in checked.problems] == ["beslutsdatumet 2024-05-02 ligger efter 2024-01-15"]
    assert checked.left_out == ()


# --- every problem at once --------------------------------------------------------------


def test_every_missing_field_of_one_mapping_is_reported_by_name(tree: Tree) -> None:
    decision = "followups/omsorg-ab-2023.yml"
    tree.replace(decision, "  name: Anna Controller\n  title: Avtalscontroller\n", "  x: 1\n")
    tree.replace(decision, "    requirement_version: v1\n    status: met\n", "")
    problems = pipeline.check(tree.root, AS_OF).problems
    assert [p.message for p in problems] == [
        "fältet `requirement_version` saknas",
        "fältet `status` saknas",
        "fältet `name` saknas",
        "fältet `title` saknas",
        "okänt fält `x`",
    ]
    places = [(p.line, p.column) for p in problems]
    assert places[0] == places[1] and places[2] == places[3] == places[4], "each pair shares its mapping's place"


def test_a_value_the_loader_refused_is_one_problem(tree: Tree) -> None:
    """The loader reads a refused value as empty; the validator's `value` is not filled in is
    the same problem again."""
    tree.replace("followups/omsorg-ab-2023.yml", "value: 73", "value: 0x49")
    problems = [p.message for p in pipeline.check(tree.root, AS_OF).problems]
    assert problems == ["talet `0x49` är inte skrivet som ett vanligt decimaltal"]


# --- drafts -----------------------------------------------------------------------------


def _published(data: Path, out: Path) -> dict[str, str | bytes]:
    """Everything a build publishes from data: the pages and the open data and feeds, by name."""
    tree = out / "data"
    shutil.copytree(data, tree)  # the same folder name, so that no path tells the trees apart
    generated = pipeline.generate(tree, out / "pages", AS_OF)
    assert generated.checked.problems == () and generated.portal is not None
    pages = {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in (out / "pages").rglob("*.md")}
    return {**pages, **dict(open_data(generated.portal, SITE_URL)), **syndication(generated.portal, SITE_URL)}


def test_drafts_are_left_out_of_every_page_count_and_open_data(tmp_path: Path) -> None:
    """The drafts tree is the minimal tree and three drafts, one of them a decision the model reads
    (a deficiency of a new provider): home page, statistics, lists, open data and feeds are the
    minimal tree's, to the byte."""
    checked = pipeline.check(DRAFTS, AS_OF)
    assert {f.id for f in checked.dataset.followups} == {"omsorg-ab-2023", "omsorg-ab-2024"}
    assert [p.id for p in checked.dataset.providers] == ["omsorg-ab"]
    assert [draft.path for draft in checked.drafts] == [
        "drafts/followups/omsorg-ab-2022.yml",
        "drafts/followups/vard-ab-2023.yml",
        "drafts/providers/vard-ab.yml",
    ]
    assert checked.records == checked.dataset.record_count == 5
    assert _published(DRAFTS, tmp_path / "drafts") == _published(MINIMAL, tmp_path / "minimal")


def test_a_tree_of_drafts_only_is_an_empty_tree(tmp_path: Path) -> None:
    tree = drafts_tree(tmp_path)
    for path in tree.root.rglob("*.yml"):
        if path.name not in ("vard-ab.yml", "omsorg-ab-2022.yml"):
            path.unlink()
    checked = pipeline.check(tree.root, AS_OF)
    assert checked.problems == () and checked.dataset.record_count == 0 and len(checked.drafts) == 2
    empty = tmp_path / "empty"
    (empty / "followups").mkdir(parents=True)
    assert _published(tree.root, tmp_path / "a") == _published(empty, tmp_path / "b")
