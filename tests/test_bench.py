"""The benchmark's smoke run: at the tiny size XS it runs every step and reports every figure.

Timings are not asserted (machines are noisy); the figures the README quotes come from
running `python bench/run.py --size M` by hand. What is asserted is that the benchmark
still works, that its data is valid and that the search it measures finds the page. Without
Chromium the smoke run still runs, without the first search (`--no-browser`).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import bench.run
from bench.generate import SIZES, generate_tree
from bench.run import AS_OF, EDITED_SENTENCE, TreeMemory, chromium, edit_newest_decision
from generator.derive import derive
from generator.paths import page_path
from generator.pipeline import check
from generator.render import render

ROOT = Path(__file__).resolve().parents[1]
KEYS = {
    "size",
    "decisions",
    "extras_s",
    "pages",
    "generate_s",
    "mkdocs_s",
    "search_s",
    "total_s",
    "incremental_s",
    "site_bytes",
    "search_first_bytes",
    "page_bytes_median",
    "peak_rss_mb",
    "plain_ratio",
    "cold_total_s",
    "cold_mkdocs_s",
    "cold_mkdocs_ms_per_page",
    "warm_total_s",
    "warm_mkdocs_s",
    "warm_mkdocs_ms_per_page",
    "warm_search_s",
    "second_edit_total_s",
    "second_edit_search_s",
    "plain_mkdocs_ms_per_page",
    "search_peak_rss_mb",
    "peak_rss_largest_mb",
    "peak_pss_mb",
    "cold_peak_pss_mb",
    "warm_peak_pss_mb",
    "anchor_mkdocs_ms_per_page",
    "warm_anchor_ratio",
}


@pytest.fixture(scope="module")
def xs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("bench") / "data"
    generate_tree(data, "XS", 1, AS_OF)
    return data


def test_memory_counts_the_pages_a_forked_child_shares_once_in_the_proportional_sum() -> None:
    """A child that shares its parent's 200 MB holds next to nothing of its own: the resident sum
    counts the 200 MB twice, the proportional one once."""
    if not Path("/proc/self/smaps_rollup").exists():
        pytest.skip("no /proc/PID/smaps_rollup here (Linux 4.14 and later)")
    script = (
        "import os, sys, time\n"
        "block = bytearray(200 * 2**20)\n"
        "for i in range(0, len(block), 4096): block[i] = 1\n"
        "child = os.fork()\n"
        "if child == 0: time.sleep(2); os._exit(0)\n"
        "time.sleep(2); os.waitpid(child, 0)\n"
    )
    with subprocess.Popen([sys.executable, "-c", script]) as process, TreeMemory(process.pid) as memory:
        process.wait(timeout=60)
    resident, proportional = memory.peak / 2**20, memory.proportional_peak / 2**20
    assert resident > 400, "the resident sum counts the shared block in both processes"
    assert 200 < proportional < 300, "the proportional sum counts it once"


def test_generated_tree_is_valid_and_sized(xs: Path) -> None:
    checked = check(xs, AS_OF)
    assert checked.problems == ()
    assert (len(checked.dataset.providers), len(checked.dataset.followups)) == SIZES["XS"]
    kinds = {f.kind for f in checked.dataset.followups}
    assert kinds == {"follow_up", "result_follow_up"}


def test_generation_is_deterministic(xs: Path, tmp_path: Path) -> None:
    again = tmp_path / "data"
    generate_tree(again, "XS", 1, AS_OF)
    files = sorted(p.relative_to(xs) for p in xs.rglob("*.yml"))
    assert files == sorted(p.relative_to(again) for p in again.rglob("*.yml"))
    assert all((xs / f).read_bytes() == (again / f).read_bytes() for f in files)


def test_edit_keeps_the_decision_valid_and_changes_its_page(xs: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    generate_tree(data, "XS", 1, AS_OF)
    before = _pages(data)
    edited = edit_newest_decision(data)
    assert EDITED_SENTENCE in edited.read_text(encoding="utf-8")
    after = _pages(data)
    page = page_path("beslut", edited.stem)
    assert EDITED_SENTENCE.strip() not in before[page]
    assert EDITED_SENTENCE.strip() in after[page]


def _pages(data: Path) -> dict[str, str]:
    checked = check(data, dt.date(2026, 11, 23))
    assert checked.problems == ()
    return render(derive(checked.dataset, AS_OF))


def test_a_run_that_would_measure_in_a_missing_browser_stops_before_it_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At L the builds take most of an hour: a missing Chromium is said first, not after them."""
    monkeypatch.setattr(bench.run, "chromium", lambda: None)
    with pytest.raises(SystemExit, match="--no-browser"):
        bench.run.main(["--size", "XS", "--keep", str(tmp_path / "work")])
    assert not (tmp_path / "work").exists()


@pytest.mark.slow
def test_smoke_run_prints_every_figure_as_json_on_its_last_line(tmp_path: Path) -> None:
    """Every figure; the first search's only where Chromium is installed (else null)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    browser = chromium() is not None
    command = [sys.executable, "bench/run.py", "--size", "XS", "--keep", str(tmp_path / "work")]
    command += [] if browser else ["--no-browser"]
    finished = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env, check=False, timeout=600)
    assert finished.returncode == 0, finished.stderr[-2000:]
    figures = json.loads(finished.stdout.strip().splitlines()[-1])
    assert figures.keys() >= KEYS
    assert figures["size"] == "XS" and figures["decisions"] == SIZES["XS"].decisions
    assert figures["pages"] > figures["decisions"]
    assert 0 < figures["generate_s"] < figures["total_s"]
    assert 0 < figures["extras_s"] < figures["generate_s"]
    if browser:
        assert figures["search_results"] > 0, "the stemmed search found nothing"
        assert 0 < figures["search_first_bytes"] <= figures["search_first_bytes_uncompressed"]
    else:
        assert figures["search_results"] is None and figures["search_first_bytes"] is None
    assert figures["page_bytes_median"] <= figures["page_bytes_max"]
    assert figures["cold_total_s"] == figures["total_s"] and figures["warm_total_s"] > 0
    assert 0 < figures["warm_mkdocs_s"] < figures["warm_total_s"] and figures["warm_mkdocs_ms_per_page"] > 0
    assert 0 < figures["warm_search_s"] < figures["warm_total_s"]
    assert 0 < figures["second_edit_search_s"] < figures["second_edit_total_s"]
    assert figures["plain_mkdocs_ms_per_page"] > 0 and figures["anchor_mkdocs_ms_per_page"] > 0
    assert figures["warm_anchor_ratio"] == round(
        figures["warm_mkdocs_ms_per_page"] / figures["anchor_mkdocs_ms_per_page"], 2
    )
    # All the build's processes at once hold at least its largest one, and Pagefind ran in it.
    assert 0 < figures["search_peak_rss_mb"] <= figures["peak_rss_mb"]
    assert figures["peak_rss_largest_mb"] <= figures["peak_rss_mb"]
    # A shared page counts once in the proportional sum, once per process in the resident one.
    assert 0 < figures["cold_peak_pss_mb"] <= figures["peak_pss_mb"] <= figures["peak_rss_mb"]
    # Each step said its figures as it ended: a run stopped late keeps them.
    steps = [line.split(": ", 1) for line in finished.stderr.splitlines() if line.startswith("step ")]
    names = ("full", "full", "full", "incremental", "anchor", "plain")
    assert [step for step, _ in steps] == [f"step {name}" for name in names]
    assert json.loads(steps[1][1])["total_s"] == figures["warm_total_s"]


@pytest.mark.slow
def test_the_archive_benchmark_imports_every_printed_decision(tmp_path: Path) -> None:
    """bench/archive.py at four decisions: every PDF becomes a draft, and the figures are there."""
    if chromium() is None:
        pytest.skip("Chromium is not installed")
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "archive.py"), "--decisions", "4", "--keep", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert figures["decisions"] == 4 and figures["decisions_per_s"] > 0 and figures["peak_rss_mb"] > 0
    assert len(list((tmp_path / "data" / "originals").glob("*.pdf"))) == 4
