"""What changed between two versions of a requirement: the text word by word, the rest in words.

The diff is computed here, never in a template: the template only prints the segments, each
through the usual escaping, and wraps the removed and added ones in ``<del>`` and ``<ins>``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from generator.derive.views import DiffKind, DiffSegment, VersionChanges, VersionView
from generator.model import RequirementVersion
from generator.text import LIST_MARK, ItemList, blocks

BREAK = "\n"
"""The token between paragraphs and list items; words never contain a line break."""


def version_changes(previous: VersionView, current: RequirementVersion) -> VersionChanges:
    older = previous.version
    known = older.text is not None and current.text is not None
    return VersionChanges(
        previous=previous,
        text=text_diff(older.text, current.text) if older.text is not None and current.text is not None else (),
        text_unknown=None if known else _unknown_text_note(older.text is None, current.text is None),
        notes=(
            *_section_notes(older.sections, current.sections),
            *_evidence_notes(older.evidence, current.evidence),
            *_guidance_notes(older.guidance, current.guidance),
        ),
    )


def _unknown_text_note(older: bool, current: bool) -> str:
    """Where a version's text is not known there is nothing to compare: say so, never diff placeholders."""
    which = "båda versionerna" if older and current else "den föregående versionen" if older else "den här versionen"
    return f"Kravtexten kan inte jämföras: texten är okänd för {which}."


# --- the text, word by word ----------------------------------------------------


def tokens(text: str) -> list[str]:
    """The words of a plain-text field, with BREAK between its blocks: paragraphs, sub-headings
    and list items as the page shows them (text.blocks); a list item keeps its "-" as a word."""
    units: list[list[str]] = []
    for block in blocks(text):
        if isinstance(block, ItemList):
            units.extend([LIST_MARK.strip(), *item.split()] for item in block.items)
        else:
            units.append(block.text.split())
    result: list[str] = []
    for unit in units:
        if result:
            result.append(BREAK)
        result.extend(unit)
    return result


def text_diff(old: str, new: str) -> tuple[DiffSegment, ...]:
    """The newer text in order, with the words only the older had where they stood.

    Short runs of shared words between two changes are counted as changed (as in
    diff-match-patch's semantic cleanup), so that a rewritten sentence reads as one removed
    and one added run instead of a scatter of common words such as "och" and "ska".
    """
    a, b = tokens(old), tokens(new)
    opcodes = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    runs = _merge(_cleanup([_Run(tag == "equal", tuple(a[i1:i2]), tuple(b[j1:j2])) for tag, i1, i2, j1, j2 in opcodes]))
    segments: list[DiffSegment] = []
    for run in runs:
        if run.equal:
            segments.extend(_segments("same", run.newer))
        else:
            removed = [token for token in run.older if token != BREAK]
            if removed:
                segments.append(DiffSegment("removed", " ".join(removed)))
            segments.extend(_segments("added", run.newer))
    return tuple(segments)


@dataclass(frozen=True)
class _Run:
    """A stretch of the diff: words both texts share (equal), or words the older text had where
    the newer has others."""

    equal: bool
    older: tuple[str, ...]
    newer: tuple[str, ...]

    @property
    def longer_side(self) -> int:
        """Its words on the side that has more of them."""
        return max(_words(self.older), _words(self.newer))


def _words(run: Sequence[str]) -> int:
    return sum(token != BREAK for token in run)


def _cleanup(runs: list[_Run]) -> list[_Run]:
    """Turn each shared run no longer than the changes on both sides of it into a change."""
    changed = True
    while changed:
        changed = False
        runs = _merge(runs)
        for index in range(1, len(runs) - 1):
            run, before, after = runs[index], runs[index - 1], runs[index + 1]
            if not run.equal or before.equal or after.equal:
                continue
            size = _words(run.newer)
            if size <= before.longer_side and size <= after.longer_side:
                runs[index] = _Run(False, run.older, run.newer)
                changed = True
                break
    return runs


def _merge(runs: list[_Run]) -> list[_Run]:
    """Adjacent runs of the same kind as one: all the removed words, then all the added ones."""
    merged: list[_Run] = []
    for run in runs:
        if merged and merged[-1].equal == run.equal:
            merged[-1] = _Run(run.equal, merged[-1].older + run.older, merged[-1].newer + run.newer)
        else:
            merged.append(run)
    return merged


def _segments(kind: DiffKind, run: Sequence[str]) -> list[DiffSegment]:
    """A run of words, split at its line breaks."""
    segments: list[DiffSegment] = []
    words: list[str] = []
    for token in [*run, BREAK]:
        if token != BREAK:
            words.append(token)
            continue
        if words:
            segments.append(DiffSegment(kind, " ".join(words)))
            words = []
        segments.append(DiffSegment("break"))
    return segments[:-1]


# --- sections, evidence and guidance, in words ---------------------------------


def _listing(items: tuple[str, ...]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " och " + items[-1]


def _section_notes(old: tuple[str, ...], new: tuple[str, ...]) -> tuple[str, ...]:
    if old == new:
        return ()
    if not new:
        noun = "Avtalspunkt" if len(old) == 1 else "Avtalspunkterna"
        return (f"{noun} {_listing(old)} anges inte i denna version.",)
    if not old:
        noun = "Avtalspunkt" if len(new) == 1 else "Avtalspunkterna"
        return (f"{noun} {_listing(new)} anges; föregående version anger ingen avtalspunkt.",)
    if len(old) == len(new) == 1:
        return (f"Avtalspunkt ändrad från {old[0]} till {new[0]}.",)
    return (f"Avtalspunkter ändrade från {_listing(old)} till {_listing(new)}.",)


def _evidence_notes(old: tuple[str, ...], new: tuple[str, ...]) -> tuple[str, ...]:
    removed = [f"Underlag borttaget: {item}" for item in old if item not in new]
    added = [f"Underlag tillagt: {item}" for item in new if item not in old]
    if not removed and not added and old != new:
        return ("Underlagen står i en ny ordning.",)
    return (*removed, *added)


def _guidance_notes(old: str | None, new: str | None) -> tuple[str, ...]:
    if old == new:
        return ()
    if old is None:
        return ("Vägledning tillagd.",)
    if new is None:
        return ("Vägledningen borttagen.",)
    return ("Vägledningen ändrad.",)
