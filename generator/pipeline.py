"""The stages in order (load, validate, derive, render and write) and the files published beside the pages.

Every stage reports how long it took to whoever observes (`observed`): the benchmark measures
through that hook, so that renaming a function cannot silently stop it from measuring.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
import itertools
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator.dataset import DataSet
from generator.derive import DeriveCache, Portal, derive
from generator.drafts import Draft
from generator.errors import Problem
from generator.exports import open_data
from generator.feeds import syndication
from generator.kept import Kept
from generator.load import FileCache, read_tree
from generator.model import FollowUp, Reply
from generator.organisation import Organisation
from generator.render import PageCache, pages
from generator.validate import RecordCache, validate
from generator.write import WriteReport, write_pages


@dataclass(frozen=True)
class Checked:
    dataset: DataSet
    problems: tuple[Problem, ...]
    files: int
    shown: int
    """The records the site shows (the dataset's), also once a build has let go of the dataset."""
    records: int = 0
    """Valid published records in the tree, also those left out of the state as of the date."""
    left_out: tuple[str, ...] = ()
    """Decisions (ids) not yet taken on the as-of date of a history build, left out of dataset."""
    drafts: tuple[Draft, ...] = ()
    """The drafts in the tree, checked and left out of dataset: nothing published shows them."""
    to_fill: tuple[Problem, ...] = ()
    """The drafts' markers, in order of place: lines still to fill, not problems."""

    def without_dataset(self) -> Checked:
        """What the command line says after a build, without the records themselves: a one-off
        build keeps only this, so that the records are freed once the pages and the open data are
        written, before MkDocs converts the pages and holds every one of them."""
        return dataclasses.replace(self, dataset=DataSet((), (), ()))


@dataclass(frozen=True)
class Generated:
    checked: Checked
    portal: Portal | None
    report: WriteReport | None
    """None when the data had problems and nothing was written."""


STAGES = ("check", "derive", "render", "extras", "search")
"""Every stage a build reports to its observers, in the order a one-off build runs them: the
generator's four (`render` writes each page as soon as it is rendered), the open data and feeds
(`extras`) and Pagefind's index (`search`, run by the plugin once MkDocs has built the pages)."""

Observer = Callable[[str, float], object]
"""Told each stage's name (one of STAGES) and the seconds it took, when it ends."""

_observers: list[Observer] = []


@contextlib.contextmanager
def observed(observer: Observer) -> Iterator[None]:
    """While the block runs, every stage run in this process, in any thread, reports to observer.
    A build inside the block (`python -m generator build` called in-process) is timed per stage
    without its code knowing."""
    _observers.append(observer)
    try:
        yield
    finally:
        _observers.remove(observer)


@contextlib.contextmanager
def stage(name: str) -> Iterator[None]:
    """Time the block as the stage name (one of STAGES) for the observers, also when it fails."""
    assert name in STAGES, name
    start = time.perf_counter()
    try:
        yield
    finally:
        seconds = time.perf_counter() - start
        for observer in tuple(_observers):
            observer(name, seconds)


@dataclass
class Cache:
    """What a long-running preview keeps between builds, one table per stage, each through
    kept.py (a value by key, with the inputs it was made from): files read (by path, with their
    content hash), records checked (by path, with their document), decision views and provider
    pages derived (by id), pages rendered and written (by page). A one-off build does without,
    so that it holds no more than it needs."""

    files: FileCache = field(default_factory=dict)
    records: RecordCache = field(default_factory=dict)
    views: DeriveCache = field(default_factory=DeriveCache)
    pages: PageCache = field(default_factory=dict)
    written: Kept[str, str] = field(default_factory=dict)


@contextlib.contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """For a preview's save: the stages make many objects and next to no reference cycles, and
    Python's cycle collector would walk the preview's whole kept heap again each time it grows
    by a quarter, about a fifth of a save at M (README, Performance). A one-off build runs with
    the collector: there the pause saved under 1 % of the build. Reference counting still frees
    everything; the collector runs again afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check(data_dir: Path, as_of: dt.date, cache: Cache | None = None, *, history: bool = False) -> Checked:
    """Load and validate the whole tree; every problem, each reported once. Drafts are checked
    and left out: the dataset holds only what is published.

    as_of is today unless history: then the tree is shown as it stood on as_of, and what was not
    yet there is left out instead of refused as a date in the future (see as_it_stood)."""
    with stage("check"):  # one stage: each file is checked as it is read, and let go (load.Reading)
        reading = read_tree(data_dir, cache=cache.files if cache else None)
        # in a history build no date is in the future: what is after as_of is left out below
        validated = validate(reading, dt.date.max if history else as_of, cache.records if cache else None)
    problems = _distinct(reading.problems, validated.problems)
    files = len({*reading.read} | {p.path for p in reading.problems})
    dataset, left_out = as_it_stood(validated.dataset, as_of) if history else (validated.dataset, ())
    return Checked(
        dataset,
        problems,
        files,
        shown=dataset.record_count,
        records=validated.dataset.record_count,
        left_out=left_out,
        drafts=validated.drafts,
        to_fill=tuple(sorted(validated.to_fill)),
    )


def _distinct(loaded: Iterable[Problem], validated: Iterable[Problem]) -> tuple[Problem, ...]:
    """Every problem once, in order of place. Several at one place are all kept: two fields
    missing from one mapping are both placed on the mapping. A value the loader refused is
    read as empty, so what the validator says at the loader's place is the same problem again
    (`name` is not filled in) and is left out."""
    problems: dict[tuple[str, int, int, str], Problem] = {}
    for problem in loaded:
        problems.setdefault((problem.path, problem.line, problem.column, problem.message), problem)
    refused = {key[:3] for key in problems}
    for problem in validated:
        if (problem.path, problem.line, problem.column) not in refused:
            problems.setdefault((problem.path, problem.line, problem.column, problem.message), problem)
    return tuple(sorted(problems.values()))


def as_it_stood(dataset: DataSet, as_of: dt.date) -> tuple[DataSet, tuple[str, ...]]:
    """The data as the site showed them on as_of, and the ids of the decisions left out.

    Left out: a decision dated after as_of, and a decision that follows one left out (it cannot
    have been taken before it; one without a date is otherwise kept, as its date is unknown).
    A provider's reply dated after as_of is left out: it had not come in. A correction dated
    after as_of stays with its decision: the record holds the corrected text, and the log must
    go on saying that the text was corrected and why (the text as first published is in git:
    `diff` between revisions). Providers and requirements stay as they are."""
    later = {f.id for f in dataset.followups if f.date is not None and f.date > as_of}
    follows = {f.id: f.follows_up for f in dataset.followups if f.follows_up is not None}
    grew = True
    while grew:
        grew = False
        for record_id, earlier in follows.items():
            if record_id not in later and earlier in later:
                later.add(record_id)
                grew = True
    if not later and not any(_replies_after(f, as_of) for f in dataset.followups):
        return dataset, ()
    followups = tuple(_without_replies_after(f, as_of) for f in dataset.followups if f.id not in later)
    files = {i: path for i, path in dataset.followup_files.items() if i not in later}
    kept = dataclasses.replace(dataset, followups=followups, followup_files=files)
    return kept, tuple(sorted(later))


def _replies_after(followup: FollowUp, as_of: dt.date) -> bool:
    replies = (followup.provider_reply, *(o.provider_reply for o in followup.outcomes))
    return any(reply is not None and reply.date > as_of for reply in replies)


def _without_replies_after(followup: FollowUp, as_of: dt.date) -> FollowUp:
    if not _replies_after(followup, as_of):
        return followup

    def kept(reply: Reply | None) -> Reply | None:
        return reply if reply is not None and reply.date <= as_of else None

    outcomes = tuple(o.model_copy(update={"provider_reply": kept(o.provider_reply)}) for o in followup.outcomes)
    return followup.model_copy(update={"provider_reply": kept(followup.provider_reply), "outcomes": outcomes})


def generate(
    data_dir: Path,
    pages_dir: Path,
    as_of: dt.date,
    site_url: str = "",
    *,
    cache: Cache | None = None,
    workers: int = 1,
    history: bool = False,
) -> Generated:
    """Check the tree and, only if it is valid, write its pages into pages_dir, rendering them
    in up to `workers` processes; with history, the site as it stood on as_of. A preview's (with
    a cache) runs without the cycle collector."""
    with _without_cycle_collection() if cache is not None else contextlib.nullcontext():
        return _generate(data_dir, pages_dir, as_of, site_url, cache, workers, history)


def _generate(
    data_dir: Path, pages_dir: Path, as_of: dt.date, site_url: str, cache: Cache | None, workers: int, history: bool
) -> Generated:
    checked = check(data_dir, as_of, cache, history=history)
    if checked.problems:
        return Generated(checked, None, None)
    with stage("derive"):
        portal = derive(checked.dataset, as_of, cache.views if cache else None)
    with stage("render"):  # each page is written as soon as it is rendered, and let go of
        rendered = pages(portal, site_url, cache.pages if cache else None, workers=workers)
        report = write_pages(rendered, pages_dir, known=cache.written if cache else None)
    return Generated(checked, portal, report)


def publish_extras(portal: Portal, site_dir: Path, site_url: str, organisation: Organisation) -> WriteReport:
    """Open data, feeds, badges, redirects and the sitemap, beside the built pages, with the
    deployment's identity (organisation.yml) as their author and publisher."""
    with stage("extras"):
        opened = open_data(portal, site_url, organisation)  # one file at a time, each written before the next
        syndicated = syndication(portal, site_url, organisation).items()
        return write_pages(itertools.chain(opened, syndicated), site_dir, prune=False)
