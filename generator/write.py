"""The one writer: pages into a folder, touching only what changed.

Unchanged files keep their modification time, so ``mkdocs serve`` does not
loop on its own output and a dirty rebuild redoes only the changed pages;
pages whose record is gone are deleted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.paths import inside


@dataclass(frozen=True)
class WriteReport:
    written: tuple[str, ...]
    unchanged: tuple[str, ...]
    deleted: tuple[str, ...]


def write_pages(pages: Mapping[str, str], root: Path, *, prune: bool = True) -> WriteReport:
    """Write each page whose text changed; with prune, delete the Markdown pages not in pages."""
    root.mkdir(parents=True, exist_ok=True)
    written, unchanged = [], []
    for relative, text in sorted(pages.items()):
        target = inside(root, relative)
        if target.is_file() and target.read_text(encoding="utf-8") == text:
            unchanged.append(relative)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(relative)
    deleted = _delete_stale(root, set(pages)) if prune else ()
    return WriteReport(tuple(written), tuple(unchanged), deleted)


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
