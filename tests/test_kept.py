"""What the preview keeps between builds: reused only for equal inputs, dropped when gone."""

from __future__ import annotations

from typing import Any

from generator.kept import keep_only, reused


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
