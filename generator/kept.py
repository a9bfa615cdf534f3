"""What a long-running preview keeps between builds: one mechanism for every stage that keeps
anything. Each stage keeps a `Kept` table: per key (a record file's path, a decision's id, a
page's path) the value it made and the inputs it was made from, reused only while the inputs are
equal. A record file's inputs are the hash of its content, never its size and modification
time: an edit that keeps the size, saved within one tick of the file system's clock, is still
seen. A one-off build keeps nothing and passes None.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Hashable
from pathlib import Path
from typing import Any, TypeVar

Key = TypeVar("Key", bound=Hashable)
Value = TypeVar("Value")

Kept = dict[Key, tuple[Any, Value]]
"""Per key: the inputs a value was made from, and the value."""


def reused(kept: Kept[Key, Value] | None, key: Key, inputs: Any) -> Value | None:
    """What was kept for key, if it was made from equal inputs. Equality checks identity first
    for the items of a tuple, so inputs that are the very objects of the last build compare at once."""
    hit = kept.get(key) if kept is not None else None
    return hit[1] if hit is not None and hit[0] == inputs else None


def keep(kept: Kept[Key, Value] | None, key: Key, inputs: Any, value: Value) -> Value:
    """value, kept for key with the inputs it was made from (when there is a table to keep it in)."""
    if kept is not None:
        kept[key] = (inputs, value)
    return value


def keep_only(kept: dict[Key, Any] | None, keys: Collection[Key]) -> None:
    """Drop what was kept for keys that are gone: a deleted record, a page no longer made."""
    if kept is not None:
        for gone in kept.keys() - set(keys):
            del kept[gone]


def content_hash(path: Path) -> bytes | None:
    """The hash of a file's bytes, what a record file's entry is kept by; None when it cannot be
    read (the loader then says why). Hashing a record of a few kilobytes costs microseconds."""
    try:
        return hash_of(path.read_bytes())
    except OSError:
        return None


def hash_of(content: bytes) -> bytes:
    """What a file's bytes are known by: the preview's cache keeps a record file's entry by it,
    and a Placed (load.py) checks by it that its file is still the one that was checked."""
    return hashlib.blake2b(content, digest_size=16).digest()
