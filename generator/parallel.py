"""Spread independent work over the machine's cores, for one-off builds: rendering the pages
(render.py) and converting them to HTML (convert.py), the two steps where it pays in wall time
(README, Performance). Writing the open data in a forked process saved under 5 % of a build
and was removed (issue #19).

Worker processes are forked, so they start with the parent's data (the derived views and the
template environment, MkDocs' configuration) and only their results travel back. Where processes cannot be forked
(Windows, macOS) or only one core is free, the work runs in this process, in the same order
and with the same result. The preview never forks: it runs beside MkDocs' server threads.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from generator.processes import SIGNALS, give_back_freed_memory

Item = TypeVar("Item")
Result = TypeVar("Result")

WORTH_FORKING = 200
"""Fewer items than this run here: starting processes costs more than they would save."""
CHUNK = 8
"""Items a worker takes at a time: few enough that the work stays even between the workers
(pages differ in size), many enough that passing them costs next to nothing."""
ITEMS_PER_WORKER = 25 * CHUNK
"""Items a worker does before a fresh one, forked anew, takes its place. A worker shares its
parent's memory until it writes to it, and Python writes to every object it merely uses (its
reference count): at L each render worker's proportional memory grew from 566 to 1,131 MB
while its resident memory stayed at 1,677 MB, the parent's pages becoming its own one by one,
and the build's peak was there. A fresh worker starts with nothing of its own (bench/HISTORY.md)."""

_inherited: Any = None
"""What forked processes run: set just before they start, so that they inherit it, and cleared
right after, so that this process lets go of it."""


@contextlib.contextmanager
def _handed_to_children(work: object) -> Iterator[None]:
    global _inherited
    _inherited = work
    try:
        yield
    finally:
        _inherited = None


def available_cores() -> int:
    """Cores this process may use; 1 where worker processes cannot be forked (Windows) or
    forking is unsafe (macOS, whose system libraries do not survive it)."""
    if sys.platform == "darwin" or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def map_in_processes(function: Callable[[Item], Result], items: Sequence[Item], workers: int) -> Iterator[Result]:
    """function(item) for every item, in order, each handed on as it comes back; in up to
    `workers` forked processes. The caller can let go of a result before the next arrives:
    rendering writes each page as it comes instead of holding all of them (at M, 151 MB of
    page text; at L ten times as much)."""
    workers = min(workers, available_cores())
    if workers < 2 or len(items) < WORTH_FORKING:
        for item in items:
            yield function(item)
        return
    context = multiprocessing.get_context("fork")
    give_back_freed_memory()  # what the workers would otherwise share, and copy page by page as this process reuses it
    with (
        _handed_to_children((function, items)),
        _kept_shared(),
        context.Pool(workers, initializer=_started_in_worker, maxtasksperchild=ITEMS_PER_WORKER // CHUNK) as pool,
    ):
        yield from pool.imap(_run_one, range(len(items)), chunksize=CHUNK)
        pool.close()  # all done: the workers end on their own, and leaving the block finds them gone
        pool.join()


@contextlib.contextmanager
def _kept_shared() -> Iterator[None]:
    """Neither the parent's cycle collector nor a worker's looks at what they share. A forked
    worker shares its parent's memory until one of them writes to it, and a collection writes to
    every object it looks at, so each process came to hold its own copy of more and more of the
    other's data. Python's documentation on gc.freeze advises freezing before a fork; the pool
    forks a fresh worker whenever one is replaced, so the parent freezes its objects once and
    pauses its collector while workers run (it receives their results; cycles it makes meanwhile
    are collected after), and each worker freezes what it inherits as it starts
    (_started_in_worker). At M, freezing in the parent took the peak of all processes'
    proportional memory while the pages were converted from 522 to 453 MB (bench/HISTORY.md).
    The parent unfreezes its objects and collects again once the workers are gone, so what it
    let go of can be freed."""
    enabled = gc.isenabled()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        gc.unfreeze()
        if enabled:
            gc.enable()


def _started_in_worker() -> None:
    """What a worker runs first: its collector, paused in the parent it was forked from, runs
    again, but never on what it inherited (converting a page makes reference cycles, which
    without it stayed until the worker ended); and a signal ends it at once."""
    gc.freeze()
    gc.enable()
    _ended_by_signals()


def _ended_by_signals() -> None:
    """In a worker, SIGTERM and SIGINT end it at once, whatever it is waiting on. The build's
    handler (processes.stopped_by_signals), inherited at the fork, is Python code and runs only
    when the worker's Python code runs again: at L a worker waiting on the pool's lock
    (`sem_wait`) outlived the pool's SIGTERM, and the build waited for it until it was killed."""
    for signum in SIGNALS:
        signal.signal(signum, signal.SIG_DFL)


def _run_one(index: int) -> Any:
    assert _inherited is not None, "set by map_in_processes before the fork"
    function, items = _inherited
    return function(items[index])
