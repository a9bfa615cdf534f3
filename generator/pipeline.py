"""The stages in order (load, validate, derive, render, write) and the files published beside the pages."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator.derive import Portal, ViewCache, derive
from generator.errors import Problem
from generator.exports import open_data
from generator.feeds import syndication
from generator.load import FileCache, load_tree
from generator.render import PageCache, render
from generator.validate import DataSet, RecordCache, validate
from generator.write import WriteReport, write_pages


@dataclass(frozen=True)
class Checked:
    dataset: DataSet
    problems: tuple[Problem, ...]
    files: int


@dataclass(frozen=True)
class Generated:
    checked: Checked
    portal: Portal | None
    report: WriteReport | None
    """None when the data had problems and nothing was written."""


@dataclass
class Cache:
    """What a long-running preview keeps between builds: files read, records checked, decision
    views derived, pages rendered and written. A one-off build does without, so that it holds
    no more than it needs."""

    files: FileCache = field(default_factory=dict)
    records: RecordCache = field(default_factory=dict)
    views: ViewCache = field(default_factory=dict)
    pages: PageCache = field(default_factory=dict)
    written: dict[str, str] = field(default_factory=dict)


@contextlib.contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """The stages make millions of objects and next to no reference cycles, and Python's cycle
    collector would walk every live object again each time the heap grows by a quarter: a
    fifth of `check` and a third of `derive` in a preview holding a large tree. Reference
    counting still frees everything; the collector runs again afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@_without_cycle_collection()
def check(data_dir: Path, as_of: dt.date, cache: Cache | None = None) -> Checked:
    """Load and validate the whole tree; every problem, each place reported once."""
    loaded = load_tree(data_dir, cache=cache.files if cache else None)
    validated = validate(loaded, as_of, cache.records if cache else None)
    problems: dict[tuple[str, int, int], Problem] = {}
    for problem in (*loaded.problems, *validated.problems):
        problems.setdefault((problem.path, problem.line, problem.column), problem)
    files = len({d.path for d in loaded.documents} | {p.path for p in loaded.problems})
    return Checked(validated.dataset, tuple(sorted(problems.values())), files)


@_without_cycle_collection()
def generate(
    data_dir: Path,
    pages_dir: Path,
    as_of: dt.date,
    site_url: str = "",
    *,
    cache: Cache | None = None,
    workers: int = 1,
) -> Generated:
    """Check the tree and, only if it is valid, write its pages into pages_dir, rendering
    them in up to `workers` processes."""
    checked = check(data_dir, as_of, cache)
    if checked.problems:
        return Generated(checked, None, None)
    portal = derive(checked.dataset, as_of, cache.views if cache else None)
    pages = render(portal, site_url, cache.pages if cache else None, workers=workers)
    return Generated(checked, portal, write_pages(pages, pages_dir, known=cache.written if cache else None))


@_without_cycle_collection()
def publish_extras(portal: Portal, site_dir: Path, site_url: str) -> WriteReport:
    """Open data, feeds, badges, redirects and the sitemap, beside the built pages."""
    files = {**open_data(portal, site_url), **syndication(portal, site_url)}
    return write_pages(files, site_dir, prune=False)
