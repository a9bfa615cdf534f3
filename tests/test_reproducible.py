"""Two builds of the same data and as-of date are byte for byte the same site, but for the order
inside Pagefind's filter files."""

from __future__ import annotations

import gzip
from collections import Counter
from pathlib import Path

from generator.cli import main
from tests.conftest import ROOT, SHIPPED, SHIPPED_AS_OF

SEARCH_INDEX = "pagefind/"
HASHING_FILTERS = (".pf_filter", ".pf_meta", "pagefind-entry.json")
"""The filter files and the two files that name them by their hash."""


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _filter_contents(files: dict[str, bytes]) -> list[Counter[int]]:
    """Each Pagefind filter file as the multiset of its bytes: Pagefind 1.5 writes a filter's values
    in the order of a hash map, which differs from run to run (and so do the names of the files that
    hash them), while what they hold is the same."""
    return sorted(
        (Counter(gzip.decompress(data)) for name, data in files.items() if name.endswith(".pf_filter")),
        key=lambda counts: sorted(counts.items()),
    )


def test_two_builds_are_identical(shipped_site: Path, tmp_path: Path) -> None:
    again = tmp_path / "site"
    argv = ["build", "--data", str(SHIPPED), "--out", str(again), "--as-of", SHIPPED_AS_OF.isoformat()]
    assert main([*argv, "--config", str(ROOT / "mkdocs.yml")]) == 0
    first, second = _files(shipped_site), _files(again)
    same = sorted(name for name in first if not name.endswith(HASHING_FILTERS))
    assert same == sorted(name for name in second if not name.endswith(HASHING_FILTERS))
    assert [name for name in same if first[name] != second[name]] == []
    assert any(name.startswith(SEARCH_INDEX) for name in same), "the search index's words and pages"
    assert _filter_contents(first) == _filter_contents(second)
    assert len(_filter_contents(first)) == 3, "Typ, Område and Status"
