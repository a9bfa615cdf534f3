"""Work spread over forked processes: same results, same order, errors not swallowed."""

from __future__ import annotations

import gc
import os
import signal
import time
from collections import Counter
from pathlib import Path

import pytest

from generator import parallel, processes
from generator.parallel import ITEMS_PER_WORKER, WORTH_FORKING, available_cores, map_in_processes

MANY = list(range(WORTH_FORKING * 2 + 7))


def test_results_come_back_in_order_from_the_workers() -> None:
    results = list(map_in_processes(lambda n: (n * n, os.getpid()), MANY, workers=2))
    assert [square for square, _ in results] == [n * n for n in MANY]
    pids = {pid for _, pid in results}
    if available_cores() > 1:
        # Every item ran in a forked process. How the pool hands out the items is its own
        # affair: one process may take many while the other starts late.
        assert os.getpid() not in pids
    else:
        assert pids == {os.getpid()}


def test_a_worker_gives_way_to_a_fresh_one_after_its_share_of_items() -> None:
    """A long-lived worker comes to hold its own copy of what it inherited (parallel.py,
    ITEMS_PER_WORKER); none does more items than that."""
    items = list(range(ITEMS_PER_WORKER * 3))
    done_by = Counter(map_in_processes(lambda _: os.getpid(), items, workers=2))
    if available_cores() > 1:
        assert max(done_by.values()) <= ITEMS_PER_WORKER
        assert len(done_by) >= 3
    else:
        assert done_by == {os.getpid(): len(items)}


@pytest.mark.parametrize(("items", "workers"), [(list(range(WORTH_FORKING - 1)), 2), (MANY, 1)])
def test_little_work_or_one_worker_runs_here(items: list[int], workers: int) -> None:
    assert set(map_in_processes(lambda _: os.getpid(), items, workers)) == {os.getpid()}


def test_freed_memory_is_handed_back_before_workers_are_forked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forked workers share what this process holds, freed or not, and copy each page of it that
    this process reuses: so it hands back what it has freed first (processes.give_back_freed_memory),
    and only when it forks."""
    handed_back: list[int] = []
    monkeypatch.setattr(parallel, "give_back_freed_memory", lambda: handed_back.append(len(handed_back)))
    list(map_in_processes(lambda n: n, MANY[: WORTH_FORKING - 1], workers=2))
    assert handed_back == []
    list(map_in_processes(lambda n: n, MANY, workers=2))
    assert handed_back == ([0] if available_cores() > 1 else [])


def _refuse_seven(n: int) -> int:
    if n == 7:
        raise ValueError("seven")
    return n


def test_an_error_in_a_worker_is_raised_here() -> None:
    with pytest.raises(ValueError, match="seven"):
        list(map_in_processes(_refuse_seven, MANY, workers=2))


def test_each_result_is_handed_on_before_the_last_item_is_done(tmp_path: Path) -> None:
    """The first result reaches the caller while later items still wait for it: here the last
    items wait (at most a minute, so that a regression fails instead of hanging) for a file the
    caller writes only once it holds the first result."""
    go = tmp_path / "go"

    def after_the_first_is_back(n: int) -> str:
        if n < len(MANY) - 10:
            return "done"
        deadline = time.monotonic() + 60
        while not go.exists():
            if time.monotonic() > deadline:
                return "waited in vain"
            time.sleep(0.01)
        return "done"

    results = map_in_processes(after_the_first_is_back, MANY, workers=2)
    first = next(results)
    go.touch()
    assert [first, *results] == ["done"] * len(MANY)


def test_a_worker_ends_at_sigterm_as_the_signal_would() -> None:
    """The build's handler (a Python function) is not the workers': theirs is the default, which
    ends a worker even while it waits for the pool's lock."""
    with processes.stopped_by_signals():
        handlers = set(map_in_processes(lambda _: signal.getsignal(signal.SIGTERM), MANY, workers=2))
        here = signal.getsignal(signal.SIGTERM)
    assert callable(here)
    if available_cores() > 1:
        assert handlers == {signal.SIG_DFL}


@pytest.mark.skipif(available_cores() < 2, reason="the work runs in this process, nothing is forked")
def test_the_workers_collector_leaves_what_they_inherit_alone() -> None:
    """What a worker inherits is frozen (gc.freeze), so its collections never write to the
    memory it shares with this process; here it is unfrozen again, so that it can be freed."""
    inherited = [object() for _ in range(1000)]
    frozen_in_workers = set(map_in_processes(lambda _: gc.get_freeze_count(), MANY, workers=2))
    assert min(frozen_in_workers) > len(inherited)
    assert gc.get_freeze_count() == 0


@pytest.mark.skipif(available_cores() < 2, reason="the work runs in this process, nothing is forked")
def test_the_collector_pauses_here_while_workers_share_this_memory_and_runs_in_them() -> None:
    """This process's collector would write to the objects its workers share (each then copies
    them); it pauses while they run and runs again after. A worker's collector runs (converting a
    page makes reference cycles), on what it makes itself."""
    assert gc.isenabled()
    collector_here = []
    in_workers = []
    for result in map_in_processes(lambda _: (gc.isenabled(), gc.get_freeze_count()), MANY, workers=2):
        collector_here.append(gc.isenabled())
        in_workers.append(result)
    assert not any(collector_here) and gc.isenabled()
    assert all(enabled and frozen > 0 for enabled, frozen in in_workers)
