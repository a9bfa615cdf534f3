"""The text rule: how a plain-text field of a record (an assessment, a decision's text, a
requirement's wording, a provider's reply) is read into paragraphs, lists and sub-headings.

One home for the rule: ``render.py`` prints every such field through ``prose`` here, the open
data write it through ``plain_text``, the requirement diff reads its words from ``blocks``, and
CONTRIBUTING.md tells controllers the same rule in Swedish. No other module splits a field into
lines or paragraphs, so that the page, the open data and the diff always agree. Nothing in a field is read as
Markdown or HTML; the blocks' words are escaped like every other value (encode.py).

- A blank line ends a block; a run of blank lines is one break, as on the page.
- In a block, a line starting with "- " starts a list item; the lines after it continue the
  item. The lines before the first item are one paragraph.
- A block's first line is a sub-heading when it is short, does not end like a sentence, and
  the next line starts a sentence (decisions print "Avvikelser" or "Klagomål och synpunkter"
  on a line of their own above the text they head). It is printed as a bold line of its own,
  so that it never runs into the next sentence.
- The marker okänt (text a partial copy does not show) prints as *uppgift saknas*.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from markupsafe import Markup

from generator import swedish
from generator.encode import escape_markdown
from generator.model import is_unknown

LIST_MARK = "- "
"""What starts a list item's line, in a record and in the open data."""
_LIST_ITEM = re.compile(f"^{LIST_MARK}")
_BLANK_LINE = re.compile(r"\n\s*\n")

SUB_HEADING_MAX_CHARACTERS = 60
"""Longer than this, a line is the start of a wrapped sentence, not a heading: the decisions'
sub-headings are a few words ("Klagomål och synpunkter"), their wrapped lines 70–95 characters."""
SUB_HEADING_MAX_WORDS = 8
SENTENCE_END = (".", ":", ";", "!", "?")
"""A line ending in these ends a sentence or introduces what follows: never a sub-heading."""
CONTINUES = (",", "-", "–", "—", "/", "(")
"""A line ending in these goes on in the next line."""

UNKNOWN_MARK = Markup(f"*{swedish.UNKNOWN}*")
"""What the marker okänt prints as: *uppgift saknas*, emphasised so that it never reads as the
decision's words."""


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class SubHeading:
    """A short line of its own above the text it heads, as the decision prints it."""

    text: str


@dataclass(frozen=True)
class ItemList:
    items: tuple[str, ...]


Block = Paragraph | SubHeading | ItemList


def blocks(text: str) -> tuple[Block, ...]:
    """The field's paragraphs, sub-headings and lists, in order, each item's lines joined."""
    return tuple(block for part in parts(text) for block in part)


def parts(text: str) -> tuple[tuple[Block, ...], ...]:
    """The field's blocks grouped as the blank lines between them group them: the open data keep
    a paragraph and the list under it together, as the controller wrote them."""
    result: list[tuple[Block, ...]] = []
    for chunk in _BLANK_LINE.split(text.strip()):
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        part: list[Block] = []
        if is_sub_heading(lines):
            part.append(SubHeading(lines[0]))
            lines = lines[1:]
        part.extend(_paragraph_and_list(lines))
        if part:
            result.append(tuple(part))
    return tuple(result)


def is_sub_heading(lines: list[str]) -> bool:
    """Whether a block's first line heads the text under it. It must be short (a few words),
    not end like a sentence or go on in the next line, not start in lower case, and be followed
    by a line of text (not a list item) that starts with a capital letter, as a new sentence does.
    A wrapped sentence fails at least one of these: its first line is long, or the next line
    goes on in lower case."""
    if len(lines) < 2:
        return False
    first, following = lines[0], lines[1]
    return (
        len(first) <= SUB_HEADING_MAX_CHARACTERS
        and len(first.split()) <= SUB_HEADING_MAX_WORDS
        and not first.endswith(SENTENCE_END + CONTINUES)
        and not first[0].islower()
        and not _LIST_ITEM.match(first)
        and not _LIST_ITEM.match(following)
        and following[0].isupper()
    )


def _paragraph_and_list(lines: list[str]) -> list[Block]:
    """A block's leading lines are a paragraph; from the first "- " line on, list items."""
    paragraph: list[str] = []
    items: list[list[str]] = []
    for line in lines:
        if _LIST_ITEM.match(line):
            items.append([line[len(LIST_MARK) :]])
        elif items:
            items[-1].append(line)
        else:
            paragraph.append(line)
    result: list[Block] = []
    if paragraph:
        result.append(Paragraph(" ".join(paragraph)))
    if items:
        result.append(ItemList(tuple(" ".join(item) for item in items)))
    return result


@functools.lru_cache(maxsize=4096)
def prose(text: str | None) -> Markup:
    """A text field as Markdown: its blocks apart, every word escaped. Kept per text: a
    requirement's wording is printed under every decision that assesses it. The marker okänt
    and text no record gives (a requirement version whose wording is not known) print as
    *uppgift saknas*."""
    if text is None or is_unknown(text):
        return UNKNOWN_MARK
    return Markup("\n\n".join(_markdown(block) for block in blocks(text)))


def _markdown(block: Block) -> str:
    if isinstance(block, SubHeading):
        return f"**{escape_markdown(block.text)}**\n{{: .kp-subheading }}"
    if isinstance(block, ItemList):
        return "\n".join(f"- {escape_markdown(item)}" for item in block.items)
    return escape_markdown(block.text)


def words(text: str) -> list[str]:
    """The field's words in order, without the list marks: what the importer matches a printed
    requirement's wording against."""
    return [
        word
        for block in blocks(text)
        for unit in (block.items if isinstance(block, ItemList) else (block.text,))
        for word in unit.split()
    ]


def plain_text(text: str) -> str:
    """A field as plain text for the open data, without the line wrapping of its YAML file: a
    blank line between the blank-line groups, each paragraph, sub-heading and list item on a line
    of its own. Read again by ``blocks``, it gives the blocks the page shows."""
    return "\n\n".join("\n".join(_plain(block) for block in part) for part in parts(text))


def _plain(block: Block) -> str:
    if isinstance(block, ItemList):
        return "\n".join(f"{LIST_MARK}{item}" for item in block.items)
    return block.text
