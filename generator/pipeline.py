"""The stages in order (load, validate, derive, render, write) and the files published beside the pages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from generator.derive import Portal, derive
from generator.errors import Problem
from generator.exports import open_data
from generator.feeds import syndication
from generator.load import load_tree
from generator.render import render
from generator.validate import DataSet, validate
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


def check(data_dir: Path, as_of: dt.date) -> Checked:
    """Load and validate the whole tree; every problem, each place reported once."""
    loaded = load_tree(data_dir)
    validated = validate(loaded, as_of)
    problems: dict[tuple[str, int, int], Problem] = {}
    for problem in (*loaded.problems, *validated.problems):
        problems.setdefault((problem.path, problem.line, problem.column), problem)
    files = len({d.path for d in loaded.documents} | {p.path for p in loaded.problems})
    return Checked(validated.dataset, tuple(sorted(problems.values())), files)


def generate(data_dir: Path, pages_dir: Path, as_of: dt.date, site_url: str = "") -> Generated:
    """Check the tree and, only if it is valid, write its pages into pages_dir."""
    checked = check(data_dir, as_of)
    if checked.problems:
        return Generated(checked, None, None)
    portal = derive(checked.dataset, as_of)
    return Generated(checked, portal, write_pages(render(portal, site_url), pages_dir))


def publish_extras(portal: Portal, site_dir: Path, site_url: str) -> WriteReport:
    """Open data, feeds, badges, redirects and the sitemap, beside the built pages."""
    files = {**open_data(portal, site_url), **syndication(portal, site_url)}
    return write_pages(files, site_dir, prune=False)
