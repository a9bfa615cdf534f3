"""A record as a controller writes it: keys in the model's order, text as `|` blocks wrapped
at a readable width (text.py reads them back into the same paragraphs, lists and sub-headings),
comments above the lines they explain. The importer's records are built as Entry trees and
written here, so that the draft reads like a record written by hand."""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass

import yaml

from generator.encode import yaml_scalar

WIDTH = 92
"""The shipped records' line length."""


@dataclass(frozen=True)
class Entry:
    """One key of a mapping, its value and the comment above it."""

    key: str
    value: Value
    comment: str = ""


@dataclass(frozen=True)
class Items:
    """A list: of scalars, or of mappings (each a tuple of entries)."""

    items: tuple[Scalar | tuple[Entry, ...], ...]
    comments: tuple[str, ...] = ()
    """A comment above each item, "" for none."""


Scalar = str | int | float | bool | dt.date
Value = Scalar | tuple[Entry, ...] | Items


def document(entries: tuple[Entry, ...], heading: str) -> str:
    """The whole file: the heading comment lines, then the entries."""
    return "".join(f"{line}\n" for line in [*heading.splitlines(), *_mapping(entries, 0)])


def _mapping(entries: tuple[Entry, ...], indent: int) -> Iterator[str]:
    for entry in entries:
        yield from _comment(entry.comment, indent)
        yield from _entry(entry, indent)


def _entry(entry: Entry, indent: int) -> Iterator[str]:
    pad = " " * indent
    value = entry.value
    if isinstance(value, tuple):
        yield f"{pad}{entry.key}:"
        yield from _mapping(value, indent + 2)
    elif isinstance(value, Items):
        if not value.items:
            yield f"{pad}{entry.key}: []"
            return
        yield f"{pad}{entry.key}:"
        yield from _items(value, indent + 2)
    elif isinstance(value, str) and "\n" in value:
        yield f"{pad}{entry.key}: |"
        yield from _block(value, indent + 2)
    elif isinstance(value, str) and _is_long(value):
        yield f"{pad}{entry.key}: >-"  # one line of text, folded: read back without a line break
        yield from _wrap(value, pad + "  ", pad + "  ")
    else:
        yield f"{pad}{entry.key}: {scalar(value)}"


def _items(items: Items, indent: int) -> Iterator[str]:
    pad = " " * indent
    comments = items.comments or ("",) * len(items.items)
    for item, comment in zip(items.items, comments, strict=True):
        yield from _comment(comment, indent)
        if isinstance(item, tuple):
            head, *tail = item
            yield from _comment(head.comment, indent)
            first, *rest = _entry(head, indent + 2)
            yield f"{pad}- {first.lstrip()}"
            yield from rest
            yield from _mapping(tuple(tail), indent + 2)
        elif isinstance(item, str) and _is_long(item):
            yield f"{pad}- >-"
            yield from _wrap(item, pad + "  ", pad + "  ")
        else:
            yield f"{pad}- {scalar(item)}"


def _comment(comment: str, indent: int) -> Iterator[str]:
    pad = " " * indent
    for line in comment.splitlines():
        yield from _wrap(line, f"{pad}# ", f"{pad}#   ") or [f"{pad}#"]


def _is_long(text: str) -> bool:
    return len(text) > WIDTH - 30


def _block(text: str, indent: int) -> Iterator[str]:
    """A text field as a literal block: each line of the text wrapped, list items hanging."""
    pad = " " * indent
    for line in text.splitlines():
        if not line:
            yield ""
        else:
            yield from _wrap(line, pad, pad + "  " if line.startswith("- ") else pad)


def _wrap(text: str, first: str, rest: str) -> list[str]:
    """Lines of at most WIDTH characters, broken only at spaces: a folded or literal block read
    back joins them with a space, so a break inside a word or at a hyphen would change the text."""
    return textwrap.wrap(
        text, WIDTH, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False, break_long_words=False
    )


def scalar(value: Scalar) -> str:
    """A value written plain when YAML reads it back as the same value, else quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | dt.date):
        return str(value)
    try:
        plain_reads_back = yaml.safe_load(f"k: {value}") == {"k": value}
    except yaml.YAMLError:
        plain_reads_back = False
    return value if plain_reads_back and value == value.strip() and value else yaml_scalar(value)
