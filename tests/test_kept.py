"""What the preview keeps between builds: reused only for equal inputs, dropped when gone, files by content."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.kept import Kept, content_hash, keep, keep_only, reused


def test_a_kept_value_is_reused_only_for_equal_inputs() -> None:
    kept: dict[str, tuple[Any, str]] = {"a": (("x", 1), "text")}
    assert reused(kept, "a", ("x", 1)) == "text"
    assert reused(kept, "a", ("x", 2)) is None
    assert reused(kept, "b", ("x", 1)) is None
    assert reused(None, "a", ("x", 1)) is None


def test_what_is_gone_is_dropped() -> None:
    kept: dict[str, Any] = {"a": 1, "b": 2, "c": 3}
    keep_only(kept, {"a", "c"})
    assert kept == {"a": 1, "c": 3}
    keep_only(kept, {"c": 0}.keys())
    assert kept == {"c": 3}
    keep_only(None, ())


def test_keep_stores_with_its_inputs_only_when_there_is_a_table() -> None:
    kept: Kept[str, str] = {}
    assert keep(kept, "a", ("x", 1), "text") == "text"
    assert reused(kept, "a", ("x", 1)) == "text"
    assert keep(None, "a", ("x", 1), "text") == "text"


def test_a_file_is_kept_by_its_content_not_its_size_or_time(tmp_path: Path) -> None:
    path = tmp_path / "a.yml"
    path.write_text("id: a\n", encoding="utf-8")
    first = content_hash(path)
    path.write_text("id: b\n", encoding="utf-8")  # the same size
    assert content_hash(path) != first
    path.write_text("id: a\n", encoding="utf-8")
    assert content_hash(path) == first
    assert content_hash(tmp_path / "gone.yml") is None
