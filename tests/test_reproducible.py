"""Two builds of the same data and as-of date are byte for byte the same site."""

from __future__ import annotations

from pathlib import Path

from generator.cli import main
from tests.conftest import ROOT, SHIPPED, SHIPPED_AS_OF


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_are_identical(shipped_site: Path, tmp_path: Path) -> None:
    again = tmp_path / "site"
    argv = ["build", "--data", str(SHIPPED), "--out", str(again), "--as-of", SHIPPED_AS_OF.isoformat()]
    assert main([*argv, "--config", str(ROOT / "mkdocs.yml")]) == 0
    first, second = _files(shipped_site), _files(again)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
