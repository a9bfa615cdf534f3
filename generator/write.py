"""The one writer: pages into a folder, touching only what changed.

Unchanged files keep their modification time, so ``mkdocs serve`` does not
loop on its own output and a dirty rebuild redoes only the changed pages;
pages whose record is gone are deleted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from generator.kept import Kept, keep, keep_only, reused
from generator.paths import inside

Content = TypeVar("Content", bound=str | bytes)
"""What a page is made of: text (written as UTF-8) or bytes (written as they are)."""


@dataclass(frozen=True)
class WriteReport:
    written: tuple[str, ...]
    unchanged: tuple[str, ...]
    deleted: tuple[str, ...]


def write_pages(
    pages: Iterable[tuple[str, Content]], root: Path, *, prune: bool = True, known: Kept[str, Content] | None = None
) -> WriteReport:
    """Write each page (path, text) whose text changed, as it comes, keeping none of the text;
    with prune, delete the Markdown pages not among them. A file given as bytes (the open data's
    compressed files) is written as it is, text as UTF-8.

    known, kept by a long-running preview, holds the text of each page as this writer left it,
    so that a page whose text is the same is neither read nor written again."""
    root.mkdir(parents=True, exist_ok=True)
    known_before = set(known) if known is not None else None
    written, unchanged, paths = [], [], set()
    for relative, text in pages:
        paths.add(relative)
        if reused(known, relative, text) is not None:
            unchanged.append(relative)
            continue
        target = inside(root, relative)
        content = text.encode("utf-8") if isinstance(text, str) else text
        if target.is_file() and target.read_bytes() == content:
            unchanged.append(relative)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
            written.append(relative)
        keep(known, relative, text, text)
    deleted = _delete_stale(root, paths) if prune and known_before != paths else ()
    keep_only(known, paths)
    return WriteReport(tuple(sorted(written)), tuple(sorted(unchanged)), deleted)


def _delete_stale(root: Path, keep: set[str]) -> tuple[str, ...]:
    deleted = []
    for path in sorted(root.rglob("*.md")):
        relative = path.relative_to(root).as_posix()
        if relative not in keep:
            path.unlink()
            deleted.append(relative)
    for folder in sorted((p for p in root.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    return tuple(deleted)
