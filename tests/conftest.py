"""Shared fixtures: tiny data trees to edit, and one build of the shipped data."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from generator.dataset import DataSet
from generator.pipeline import check
from tests import pdfs
from tests.browsing import skip_without_chromium

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = Path(os.environ.get("KVALITETSPORTALEN_TEST_DATA") or ROOT / "data").resolve()
"""The shipped data. The checks over them hold for any records: to try that, point
KVALITETSPORTALEN_TEST_DATA at a copy of data/ with records added and run the suite."""
MINIMAL = Path(__file__).parent / "fixtures" / "minimal"
AS_OF = dt.date(2024, 6, 1)


def latest_date(data: Path) -> dt.date:
    """The last day a decision or a provider's reply in data is dated (AS_OF if earlier): as of
    it, a build shows every record."""
    dates = [AS_OF]
    for followup in check(data, dt.date.max).dataset.followups:
        replies = (followup.provider_reply, *(outcome.provider_reply for outcome in followup.outcomes))
        dates += [followup.date] if followup.date else []
        dates += [reply.date for reply in replies if reply is not None]
    return max(dates)


SHIPPED_AS_OF = latest_date(SHIPPED)
"""The as-of date of the shipped data's builds and checks: AS_OF, or the date of a record added later."""

SEED_DECISIONS = ("kvalitetsservice-voo-1905-2023", "sov-881-2022")
"""The two real decisions the project started from (README, The record format)."""


def seed_dataset(as_of: dt.date = AS_OF) -> DataSet:
    """The shipped records as they stood on as_of, with the seed decisions only: facts that sum up
    decisions (a provider's standing and summary, the register's order) are the seeds' facts
    whatever other decisions data/ holds."""
    checked = check(SHIPPED, as_of, history=True)
    assert checked.problems == ()
    followups = tuple(f for f in checked.dataset.followups if f.id in SEED_DECISIONS)
    files = {i: path for i, path in checked.dataset.followup_files.items() if i in SEED_DECISIONS}
    return dataclasses.replace(checked.dataset, followups=followups, followup_files=files)


@dataclass
class Tree:
    """A copy of a fixture tree that a test may break, one edit at a time."""

    root: Path

    def path(self, relative: str) -> Path:
        return self.root / relative

    def write(self, relative: str, text: str) -> Path:
        target = self.path(relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        return target

    def replace(self, relative: str, old: str, new: str) -> None:
        text = self.path(relative).read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}"
        self.write(relative, text.replace(old, new, 1))


@pytest.fixture
def tree(tmp_path: Path) -> Tree:
    root = tmp_path / "data"
    shutil.copytree(MINIMAL, root)
    return Tree(root)


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped data built once, the way the README's command builds it."""
    out = tmp_path_factory.mktemp("shipped") / "site"
    argv = ["build", "--data", str(SHIPPED), "--out", str(out), "--as-of", SHIPPED_AS_OF.isoformat()]
    assert main([*argv, "--config", str(ROOT / "mkdocs.yml")]) == 0
    return out


@pytest.fixture(scope="session")
def seed_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped data with the seed decisions only, built as of AS_OF: the pages that gather
    decisions (a provider's, the register, a requirement's) show the seeds' facts whatever other
    decisions data/ holds. While data/ holds only the seeds, that is the shipped site itself."""
    decisions = {path.stem for path in (SHIPPED / "followups").rglob("*.yml")}
    if decisions == set(SEED_DECISIONS) and SHIPPED_AS_OF == AS_OF:
        site: Path = request.getfixturevalue("shipped_site")
        return site
    data = tmp_path_factory.mktemp("seeds") / "data"
    shutil.copytree(SHIPPED, data)
    for path in (data / "followups").rglob("*.yml"):
        if path.stem not in SEED_DECISIONS:
            path.unlink()
    seeds = "|".join(re.escape(seed) for seed in SEED_DECISIONS)
    for path in (data / "requirements").rglob("*.yml"):  # a version quoted from a decision left out
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(rf"^ *quoted_from: (?!(?:{seeds})\s*$).*\n", "", text, flags=re.M), encoding="utf-8")
    out = data.parent / "site"
    argv = ["build", "--data", str(data), "--out", str(out), "--as-of", AS_OF.isoformat()]
    assert main([*argv, "--config", str(ROOT / "mkdocs.yml")]) == 0
    return out


SITE_URL = "https://example.se/kvalitet/"


@pytest.fixture(scope="session")
def published_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped data built with a published address, as the publish workflow builds it."""
    out = tmp_path_factory.mktemp("published") / "site"
    argv = ["build", "--data", str(SHIPPED), "--out", str(out), "--as-of", SHIPPED_AS_OF.isoformat()]
    argv += ["--site-url", SITE_URL]
    assert main([*argv, "--config", str(ROOT / "mkdocs.yml")]) == 0
    return out


@pytest.fixture(scope="module")
def printer() -> Iterator[Any]:
    """Headless Chromium that prints texts to PDF (tests/pdfs.py), one per test module."""
    skip_without_chromium()
    pytest.importorskip("playwright.sync_api")
    with pdfs.browser() as launched:
        yield launched


SLOW_FIXTURES = frozenset({"shipped_site", "seed_site", "published_site", "printer"})
"""Fixtures that build a site with MkDocs or start Chromium: a test that uses one, itself or through
another fixture, is slow (`pytest -m "not slow"` is the fast loop; README, Tests)."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Marks slow every test that uses a fixture of SLOW_FIXTURES, so that no such mark is forgotten."""
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
