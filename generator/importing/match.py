"""Which requirement (and version) an archived decision's area assessed, found by its wording.

A decision prints each requirement's text; the data tree holds the texts of the requirements'
versions. An area whose printed text contains every word of one version, in order, assessed
that version: a match by the words, never by a similar name. In a follow-up's two-column layout
the same words tell the evidence column apart: the lines that belong to no word of the
requirement are the evidence, one entry per block.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from generator import text
from generator.importing import prose
from generator.importing.areas import ReadArea
from generator.model import Requirement, case_number_key


@dataclass(frozen=True)
class Matched:
    """What the area's words say about its requirement; None where they do not say it."""

    requirement: str | None
    version: str | None
    evidence: tuple[str, ...] | None
    """The evidence entries, or None when the columns could not be told apart."""
    printed: str
    """The requirement as printed (with the evidence column where it was beside it)."""
    candidates: tuple[str, ...] = ()
    """Versions that fit equally well, "requirement/version", for the controller to choose from."""


@dataclass(frozen=True)
class _Fit:
    """A version all of whose words the printed text holds, in order, and which words it used."""

    requirement: str
    version: str
    contract: str | None
    used: frozenset[int]


@dataclass(frozen=True)
class _Token:
    word: str
    line: int


def match_area(area: ReadArea, requirements: Sequence[Requirement], basis_number: str | None) -> Matched:
    printed = prose.text(area.requirement_lines)
    tokens = _tokens(area.requirement_lines)
    fits = _fitting_versions(tokens, requirements)
    if basis_number is not None:
        own = [fit for fit in fits if fit.contract and case_number_key(fit.contract) == case_number_key(basis_number)]
        fits = own or fits
    chosen = {(fit.requirement, fit.version) for fit in fits}
    if len(chosen) == 1:
        fit = fits[0]
        return Matched(fit.requirement, fit.version, _evidence(area, tokens, fit.used), printed)
    requirement = _by_heading(area.heading, requirements) if not fits else _same_requirement(fits)
    candidates = tuple(sorted(f"{r}/{v}" for r, v in chosen))
    return Matched(requirement, None, None if area.evidence_beside else (), printed, candidates)


def _tokens(lines: Sequence[str]) -> list[_Token]:
    return [
        _Token(word.casefold(), index)
        for index, line in enumerate(lines)
        for word in line.removeprefix(prose.ITEM).split()
    ]


def _fitting_versions(tokens: list[_Token], requirements: Sequence[Requirement]) -> list[_Fit]:
    """Every version all of whose words the printed text holds in order."""
    words = [token.word for token in tokens]
    fits = []
    for requirement in requirements:
        for version in requirement.versions:
            if not version.text:
                continue
            wording = [word.casefold() for word in text.words(version.text)]
            matcher = difflib.SequenceMatcher(None, words, wording, autojunk=False)
            blocks = [b for b in matcher.get_matching_blocks() if b.size]
            if wording and sum(b.size for b in blocks) == len(wording):
                used = frozenset(i for b in blocks for i in range(b.a, b.a + b.size))
                fits.append(_Fit(requirement.id, version.id, version.contract, used))
    return fits


def _evidence(area: ReadArea, tokens: list[_Token], used: frozenset[int]) -> tuple[str, ...] | None:
    """The lines beside the requirement's words, one entry per block. Where the layout prints no
    evidence column, every word must be the requirement's: then there is no evidence."""
    lines_used = {tokens[i].line for i in used}
    if not area.evidence_beside:
        return () if len(used) == len(tokens) else None
    rest = [line if index not in lines_used else "" for index, line in enumerate(area.requirement_lines)]
    return tuple(prose.one_line(block) for block in _entries(rest))


def _entries(lines: list[str]) -> list[list[str]]:
    """Evidence entries are apart by a blank line; an entry's lines run on."""
    entries: list[list[str]] = [[]]
    for line in lines:
        if line:
            entries[-1].append(line)
        elif entries[-1]:
            entries.append([])
    return [entry for entry in entries if entry]


def _same_requirement(fits: list[_Fit]) -> str | None:
    requirements = {fit.requirement for fit in fits}
    return requirements.pop() if len(requirements) == 1 else None


def _by_heading(heading: str, requirements: Sequence[Requirement]) -> str | None:
    """A requirement whose title is the heading's name ("2.7 Trygghetslarm", "Ledningssystem för
    kvalitet - Samverkan"): the requirement is known, its version is not."""
    name = heading.lstrip("0123456789. ").rsplit(" - ", 1)[-1].strip().casefold()
    found = [r.id for r in requirements if r.title.casefold() == name]
    return found[0] if len(found) == 1 else None
