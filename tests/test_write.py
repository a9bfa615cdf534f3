"""The writer touches only what changed and removes pages whose record is gone."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.kept import Kept
from generator.paths import UnsafePath
from generator.write import write_pages


def test_only_changed_pages_are_written(tmp_path: Path) -> None:
    first = write_pages({"a.md": "A", "krav/b.md": "B"}.items(), tmp_path)
    assert first.written == ("a.md", "krav/b.md")
    before = (tmp_path / "a.md").stat().st_mtime_ns
    second = write_pages({"a.md": "A", "krav/b.md": "B2"}.items(), tmp_path)
    assert second.written == ("krav/b.md",)
    assert second.unchanged == ("a.md",)
    assert (tmp_path / "a.md").stat().st_mtime_ns == before


def test_stale_pages_and_empty_folders_disappear(tmp_path: Path) -> None:
    write_pages({"a.md": "A", "krav/b.md": "B"}.items(), tmp_path)
    report = write_pages({"a.md": "A"}.items(), tmp_path)
    assert report.deleted == ("krav/b.md",)
    assert not (tmp_path / "krav").exists()


def test_known_texts_are_not_read_again_and_gone_pages_still_disappear(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    known: Kept[str, str] = {}
    write_pages({"a.md": "A", "krav/b.md": "B"}.items(), tmp_path, known=known)
    assert known == {"a.md": ("A", "A"), "krav/b.md": ("B", "B")}
    read: list[Path] = []
    original = Path.read_bytes

    def recording(path: Path) -> bytes:
        read.append(path)
        return original(path)

    monkeypatch.setattr(Path, "read_bytes", recording)
    report = write_pages({"a.md": "A", "krav/b.md": "B2"}.items(), tmp_path, known=known)
    assert (report.written, report.unchanged) == (("krav/b.md",), ("a.md",))
    assert read == [tmp_path / "krav" / "b.md"]
    report = write_pages({"krav/b.md": "B2"}.items(), tmp_path, known=known)
    assert report.deleted == ("a.md",)
    assert known == {"krav/b.md": ("B2", "B2")}


@pytest.mark.parametrize("path", ["../x.md", "/etc/x.md", "krav/../../x.md", ""])
def test_nothing_is_written_outside_the_folder(tmp_path: Path, path: str) -> None:
    with pytest.raises(UnsafePath):
        write_pages({path: "x"}.items(), tmp_path / "out")
    assert not (tmp_path / "x.md").exists()


def test_each_page_is_written_before_the_next_is_asked_for(tmp_path: Path) -> None:
    """A build hands the writer its pages as they are rendered: none is held back for later."""

    def rendered() -> Iterator[tuple[str, str]]:
        yield "a.md", "A"
        assert (tmp_path / "a.md").read_text(encoding="utf-8") == "A"
        yield "krav/b.md", "B"
        assert (tmp_path / "krav" / "b.md").is_file()

    assert write_pages(rendered(), tmp_path).written == ("a.md", "krav/b.md")


def test_bytes_are_written_as_they_are_and_unchanged_ones_left_alone(tmp_path: Path) -> None:
    """The open data's compressed files come as bytes; like text, an unchanged file keeps its time."""
    data = gzip.compress(b'[{"id": "x"}]', mtime=0)
    files: dict[str, str | bytes] = {"data/beslut.json.gz": data, "data/krav.csv": "id\n"}
    first = write_pages(files.items(), tmp_path, prune=False)
    assert first.written == ("data/beslut.json.gz", "data/krav.csv")
    assert (tmp_path / "data" / "beslut.json.gz").read_bytes() == data
    again = write_pages({"data/beslut.json.gz": data}.items(), tmp_path, prune=False)
    assert (again.written, again.unchanged) == ((), ("data/beslut.json.gz",))
