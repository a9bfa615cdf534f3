"""Lines as a PDF printed them, back to text as a controller writes it (generator/text.py's rule):
paragraphs apart, list items as "- ", a sub-heading on a line of its own, words broken at a
line's end joined again.

A PDF breaks lines where the page was full, and its text extraction adds blank lines where a
list item or a paragraph ran on below a gap. These rules undo that and nothing more: the words
and their order are the decision's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generator.errors import INVISIBLE, char_class
from generator.importing import words
from generator.text import LIST_MARK, SENTENCE_END, is_sub_heading

ITEM = LIST_MARK
"""A list item's mark as the text rule writes it (text.py), for the importer's line rules."""


_UNWRITABLE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029{char_class(INVISIBLE)}]")
"""Characters a record may not hold (characters.py refuses them): control characters and the invisible
format characters, the soft hyphen among them. A PDF's text can carry them; none is a word."""


def clean_lines(text: str) -> list[str]:
    """The text's lines without surrounding spaces and unwritable characters, a list mark written
    "- ", a blank line as ""."""
    lines = []
    for raw in _UNWRITABLE.sub("", text.replace("\f", "\n").replace("\t", " ")).splitlines():
        line = raw.strip()
        bullet = words.BULLET.match(line)
        if bullet and line[bullet.end() :]:
            line = ITEM + line[bullet.end() :]
        lines.append(line)
    return lines


def join(before: str, after: str) -> str:
    """Two lines as one. A word broken by a hyphen at the line's end is joined again; a hyphen
    that belongs to the word stays ("SoL-avvikelser", "2023-11-01", "hälso- och")."""
    if not before:
        return after
    if before.endswith("-") and len(before) > 1 and before[-2].isalnum():
        stem = before.rsplit(" ", 1)[-1][:-1]
        first = after.split(" ", 1)[0]
        if first in ("och", "eller", "samt"):
            return f"{before} {after}"
        if stem.isalpha() and stem.islower() and after[:1].islower():
            return before[:-1] + after
        return before + after
    return f"{before} {after}"


def goes_on(before: str, after: str) -> bool:
    """Whether a line after a blank line continues the text before it: it starts in lower case,
    or the line before ended on a hyphen, a comma or a word no sentence ends on ("… i")."""
    if not before or not after or after.startswith(ITEM):
        return False
    last_word = before.rsplit(" ", 1)[-1].lower()
    return (
        after[0].islower()
        or (before.endswith(("-", ",")) and not before.endswith(" -"))
        or last_word in words.FUNCTION_WORDS
    )


def blocks(lines: Sequence[str]) -> list[list[str]]:
    """The lines in blocks, a blank line between blocks unless the text runs on across it."""
    result: list[list[str]] = []
    gap = False
    for line in lines:
        if not line:
            gap = bool(result)
            continue
        if result and (not gap or goes_on(result[-1][-1], line)):
            result[-1].append(line)
        else:
            result.append([line])
        gap = False
    return result


@dataclass(frozen=True)
class Unit:
    """A paragraph, a list item or a sub-heading, its lines joined: what the text rule reads."""

    text: str
    item: bool = False
    heading: bool = False


def units(block: Sequence[str]) -> list[Unit]:
    """One block's units: a sub-heading on its own line, then a paragraph, then "- " items. A
    line in capitals after an item that ended a sentence starts a paragraph again."""
    lines = list(block)
    found: list[Unit] = []
    if is_sub_heading(lines):
        found.append(Unit(lines[0], heading=True))
        lines = lines[1:]
    for line in lines:
        last = found[-1] if found and not found[-1].heading else None
        if line.startswith(ITEM):
            found.append(Unit(line[len(ITEM) :], item=True))
        elif last is not None and not (last.item and last.text.endswith(SENTENCE_END) and line[0].isupper()):
            found[-1] = Unit(join(last.text, line), item=last.item)
        else:
            found.append(Unit(line))
    return found


def text(lines: Sequence[str]) -> str:
    """The lines as a text field: its blocks apart by a blank line, each as the text rule reads it."""
    return "\n\n".join(written(units(block)) for block in blocks(lines)).strip()


def written(found: Sequence[Unit]) -> str:
    """Units as a field's text: a paragraph after items starts a new block."""
    parts: list[str] = []
    for index, unit in enumerate(found):
        after_item = index > 0 and found[index - 1].item and not unit.item
        separator = "\n\n" if after_item or (index > 0 and not unit.item and not found[index - 1].heading) else "\n"
        parts.append((separator if parts else "") + (ITEM + unit.text if unit.item else unit.text))
    return "".join(parts)


def one_line(lines: Iterable[str]) -> str:
    """Lines that make one value (a heading, an evidence entry) joined into one line."""
    result = ""
    for line in lines:
        result = join(result, line.removeprefix(ITEM) if not result else line)
    return result
