"""Shared fixtures: tiny data trees to edit, and one build of the shipped data."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "data"
MINIMAL = Path(__file__).parent / "fixtures" / "minimal"
AS_OF = dt.date(2024, 6, 1)


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
    argv = ["build", "--data", str(SHIPPED), "--out", str(out), "--as-of", AS_OF.isoformat()]
    assert main([*argv, "--config", str(ROOT / "mkdocs.yml")]) == 0
    return out


SITE_URL = "https://example.se/kvalitet/"


@pytest.fixture(scope="session")
def published_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped data built with a published address, as the publish workflow builds it."""
    out = tmp_path_factory.mktemp("published") / "site"
    argv = ["build", "--data", str(SHIPPED), "--out", str(out), "--as-of", AS_OF.isoformat(), "--site-url", SITE_URL]
    assert main([*argv, "--config", str(ROOT / "mkdocs.yml")]) == 0
    return out
