"""What a long-running preview keeps between builds: each stage's results, by key, with the
inputs they were made from. A one-off build keeps nothing and passes None."""

from __future__ import annotations

from collections.abc import Collection, Hashable
from typing import Any, TypeVar

Key = TypeVar("Key", bound=Hashable)
Value = TypeVar("Value")


def reused(kept: dict[Key, tuple[Any, Value]] | None, key: Key, inputs: Any) -> Value | None:
    """What was kept for key, if it was made from equal inputs. Equality checks identity first,
    so inputs that are the very objects of the last build compare at once."""
    hit = kept.get(key) if kept is not None else None
    return hit[1] if hit is not None and hit[0] == inputs else None


def keep_only(kept: dict[Key, Any] | None, keys: Collection[Key]) -> None:
    """Drop what was kept for keys that are gone: a deleted record, a page no longer made."""
    if kept is not None:
        for gone in kept.keys() - set(keys):
            del kept[gone]
