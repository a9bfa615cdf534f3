"""The malformed corpus: broken data trees, and exactly what `validate` must say about each.

Every folder in tests/malformed/ is one case: `data/` is a copy of tests/fixtures/minimal with one thing
broken (many-at-once breaks several files), and `expected.txt` holds the `path:line:column: message` lines
that validate prints for it, in its order, without the hint lines and the count line.

To add a case: copy tests/fixtures/minimal to tests/malformed/<case>/data, break one thing, run
`python -m generator validate --data tests/malformed/<case>/data --as-of 2024-06-01`, check in the YAML
that every line and column points at the broken spot, and save the problem lines as expected.txt.

No file over 10 MB is committed: BIG_FILES names the record that the test pads, in its temporary copy
of the tree, with YAML comment lines to that size (see tests/malformed/file-over-10mb/README.md).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import AS_OF, MINIMAL, ROOT

CORPUS = Path(__file__).parent / "malformed"
CASES = sorted(path.name for path in CORPUS.iterdir() if path.is_dir())

BIG_FILES = {"file-over-10mb": ("providers/omsorg-ab.yml", 10_500_000)}
"""Case: (record, size in bytes) it is padded to at run time."""


def _copy(case: str, into: Path) -> Path:
    """The case's tree copied to into/data, with its big file, if any, grown there."""
    data = into / "data"
    shutil.copytree(CORPUS / case / "data", data)
    if case in BIG_FILES:
        relative, size = BIG_FILES[case]
        record = data / relative
        padding = size - record.stat().st_size
        with record.open("ab") as file:
            file.write((b"# fyllnad\n" * (padding // 10 + 1))[:padding])
        assert record.stat().st_size == size
    return data


def test_corpus_is_complete() -> None:
    assert len(CASES) >= 30
    assert set(BIG_FILES) <= set(CASES)
    for case in CASES:
        assert (CORPUS / case / "data").is_dir(), case
        assert (CORPUS / case / "expected.txt").read_text(encoding="utf-8").strip(), case


@pytest.mark.parametrize("case", CASES)
def test_validate_reports_each_problem_where_it_is(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _copy(case, tmp_path)
    code = main(["validate", "--data", str(data), "--as-of", AS_OF.isoformat()])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert code == 1
    *lines, count = err.splitlines()
    problems = [line for line in lines if not line.startswith("    → ")]
    assert problems == (CORPUS / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert count.startswith(f"{len(problems)} problem i ")


def _snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        path.relative_to(root).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.mark.slow
def test_build_on_broken_data_leaves_the_built_site_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    site = out / "site"

    def build(data: Path) -> int:
        argv = ["build", "--data", str(data), "--out", str(site), "--as-of", AS_OF.isoformat()]
        return main([*argv, "--config", str(ROOT / "mkdocs.yml")])

    shutil.copytree(MINIMAL, tmp_path / "valid" / "data")
    assert build(tmp_path / "valid" / "data") == 0
    before = _snapshot(site)
    assert "index.html" in before
    for case in ("unknown-requirement", "many-at-once"):
        assert build(_copy(case, tmp_path / case)) == 1
        assert _snapshot(site) == before
        assert [path.name for path in out.iterdir()] == ["site"]
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "okänt krav `hygiene`" in err
