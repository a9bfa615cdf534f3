"""Work spread over forked processes: same results, same order, errors not swallowed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import parallel
from generator.parallel import WORTH_FORKING, Beside, available_cores, map_in_processes

MANY = list(range(WORTH_FORKING * 2 + 7))


def test_results_come_back_in_order_from_the_workers() -> None:
    results = map_in_processes(lambda n: (n * n, os.getpid()), MANY, workers=2)
    assert [square for square, _ in results] == [n * n for n in MANY]
    pids = {pid for _, pid in results}
    if available_cores() > 1:
        # Every item ran in a forked process, in at most `workers` of them. How the pool hands
        # out the shares is its own affair: one process may take both when the other starts late.
        assert os.getpid() not in pids
        assert 1 <= len(pids) <= 2
    else:
        assert pids == {os.getpid()}


@pytest.mark.parametrize(("items", "workers"), [(list(range(WORTH_FORKING - 1)), 2), (MANY, 1)])
def test_little_work_or_one_worker_runs_here(items: list[int], workers: int) -> None:
    assert set(map_in_processes(lambda _: os.getpid(), items, workers)) == {os.getpid()}


def _refuse_seven(n: int) -> int:
    if n == 7:
        raise ValueError("seven")
    return n


def test_an_error_in_a_worker_is_raised_here() -> None:
    with pytest.raises(ValueError, match="seven"):
        map_in_processes(_refuse_seven, MANY, workers=2)


def test_a_job_beside_runs_in_another_process_when_a_core_is_free(tmp_path: Path) -> None:
    marker = tmp_path / "pid"
    beside = Beside(lambda: marker.write_text(str(os.getpid())))
    beside.wait()
    ran_in = int(marker.read_text())
    assert (ran_in != os.getpid()) is (available_cores() > 1)


def test_a_job_beside_runs_here_on_one_core(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "available_cores", lambda: 1)
    ran: list[int] = []
    beside = Beside(lambda: ran.append(os.getpid()))
    assert ran == [], "it runs when awaited"
    beside.wait()
    assert ran == [os.getpid()]


def test_a_failing_job_beside_is_reported_when_awaited() -> None:
    beside = Beside(lambda: _refuse_seven(7))
    with pytest.raises((RuntimeError, ValueError)):
        beside.wait()
