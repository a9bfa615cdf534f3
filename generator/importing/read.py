"""An archived decision's text read into its parts, by the words it prints: the letterhead, the
title, the introduction, the provider, the method, the decision with its deadlines, each assessed
area and the signature. The decision part is read in decision.py, the assessed areas in
areas.py; this module finds the parts and reads the rest.

What the words do not say is None here and becomes "att fylla i" in the draft. The reading
knows nothing of the data tree: matching an area to a requirement is match.py's, and writing
the record is draft.py's.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from generator.importing import prose, words
from generator.importing.areas import ReadArea, kind_from_groups, read_areas
from generator.importing.decision import ReadDecision, read_decision
from generator.model import BasisKind, FollowUpKind


@dataclass(frozen=True)
class Issuer:
    organisation: str | None = None
    department: str | None = None
    unit: str | None = None
    website: str | None = None


@dataclass(frozen=True)
class Letterhead:
    issuer: Issuer
    case_number: str | None = None
    date: dt.date | None = None
    date_as_printed: str | None = None
    """The date as printed, when that is not YYYY-MM-DD."""


@dataclass(frozen=True)
class ReadBasis:
    kind: BasisKind
    number: str | None
    counterparty: str | None


@dataclass(frozen=True)
class Signatory:
    name: str | None
    title: str | None


@dataclass(frozen=True)
class Reading:
    kind: FollowUpKind | None
    service: str | None
    letterhead: Letterhead
    introduction: str | None
    provider_name: str | None
    provider_description: str | None
    method: str | None
    basis: ReadBasis | None
    interval_years: int | None
    overview: tuple[str, ...]
    decision: ReadDecision
    areas: tuple[ReadArea, ...]
    signatory: Signatory

    @property
    def is_decision(self) -> bool:
        """Whether the text reads as a follow-up decision at all: it has a decision or assessed areas."""
        return self.kind is not None or bool(self.areas) or self.decision.text is not None


def read(text: str, provider_names: Collection[str] = ()) -> Reading:
    """The decision's parts. provider_names are the names the provider may be printed under
    (known providers, or the one given on the command line): a heading of one of them above
    the provider's description starts that description."""
    lines = prose.clean_lines(text)
    spans = _Spans(lines)
    kind, service = _title(lines[: spans.body_start])
    letterhead = _letterhead(lines[: spans.header_end], lines[spans.signature_start :])
    introduction, provider_name, description = _introduction(spans.section("introduction"), provider_names)
    intro_text = " ".join(introduction or "")
    decision = read_decision(spans.section(words.DECISION))
    areas = read_areas(spans.section(words.ASSESSMENT), decision.deficient)
    if kind is None:
        kind = kind_from_groups(areas)
    return Reading(
        kind=kind,
        service=service,
        letterhead=letterhead,
        introduction=prose.text(introduction) or None if introduction is not None else None,
        provider_name=provider_name,
        provider_description=prose.text(description) or None,
        method=prose.text(spans.section(words.METHOD)) or None,
        basis=_basis(prose.one_line(introduction or ())),
        interval_years=_interval(intro_text),
        overview=tuple(
            line for line in spans.section(words.OVERVIEW) if line and line.lower() not in words.OVERVIEW_LABELS
        ),
        decision=decision,
        areas=areas,
        signatory=_signatory(lines[spans.signature_start :]),
    )


class _Spans:
    """Where each part starts: the headings a decision prints on a line of their own."""

    TOP = (words.INTRODUCTION, words.OVERVIEW, words.METHOD, words.DECISION)

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.starts: dict[str, int] = {}
        for index, line in enumerate(lines):
            name = line.lower()
            if name in self.TOP and name not in self.starts:
                self.starts[name] = index
        decision = self.starts.get(words.DECISION)
        if decision is not None:
            after = next((i for i in range(decision + 1, len(lines)) if lines[i].lower() == words.ASSESSMENT), None)
            if after is not None:
                self.starts[words.ASSESSMENT] = after
        self.signature_start = _signature_start(lines)
        title = next((i for i, line in enumerate(lines[:30]) if words.TITLE.match(line)), None)
        first = min(self.starts.values(), default=self.signature_start)
        self.header_end = min(first, title if title is not None else first)
        self.body_start = first
        if title is not None and words.INTRODUCTION not in self.starts:
            self.starts["introduction"] = title
        elif words.INTRODUCTION in self.starts:
            self.starts["introduction"] = self.starts.pop(words.INTRODUCTION)

    def section(self, name: str) -> list[str]:
        """The lines under a heading up to the next heading (or the signature); [] when absent."""
        start = self.starts.get(name)
        if start is None:
            return []
        ends = [i for i in self.starts.values() if i > start] + [self.signature_start]
        return self.lines[start + 1 : max(start + 1, min(ends))]


def _title(lines: Sequence[str]) -> tuple[FollowUpKind | None, str | None]:
    for line in lines:
        found = words.TITLE.match(line)
        if found:
            kind = (
                FollowUpKind.RESULT_FOLLOW_UP
                if found["kind"].lower().startswith("resultat")
                else FollowUpKind.FOLLOW_UP
            )
            return kind, found["rest"].strip() or None
    return None, None


def _letterhead(header: Sequence[str], signature: Sequence[str]) -> Letterhead:
    """The letterhead's line of organisation, date and case number, and the issuer's lines under
    it; what the letterhead lacks, the lines under the signature may say."""
    case_number = date = printed = None
    issuer = Issuer()
    for line in header:
        number = words.CASE_NUMBER.search(line)
        if number and case_number is None:
            case_number = number.group()
            rest = line[: number.start()] + line[number.end() :]
            found = words.printed_date(rest)
            if found:
                date, printed = found
                name = rest[: rest.find(printed)].strip()
                if name:
                    issuer = _with(issuer, organisation=words.municipality(name))
            continue
        issuer = _issuer_line(issuer, line)
        if date is None and (found := words.printed_date(line)) and len(line) <= 20:
            date, printed = found
    for line in signature:
        for part in [line, *line.split(", ")[1:]]:
            issuer = _issuer_line(issuer, part, fill_only=True)
    as_printed = printed if printed and date and printed != date.isoformat() else None
    return Letterhead(issuer, case_number, date, as_printed)


def _issuer_line(issuer: Issuer, line: str, *, fill_only: bool = False) -> Issuer:
    fields = (
        ("unit", words.UNIT.match(line)),
        ("department", words.DEPARTMENT.search(line) and not words.UNIT.match(line)),
        ("organisation", words.ORGANISATION.match(line)),
        ("website", words.WEBSITE.match(line)),
    )
    for name, matches in fields:
        if matches and (getattr(issuer, name) is None or not fill_only) and getattr(issuer, name) is None:
            return _with(issuer, **{name: words.municipality(line) if name == "organisation" else line})
    return issuer


def _with(issuer: Issuer, **values: str) -> Issuer:
    return Issuer(**{**issuer.__dict__, **values})


def _introduction(lines: list[str], provider_names: Collection[str]) -> tuple[list[str] | None, str | None, list[str]]:
    """The introduction, and the provider's description when a heading with the provider's name
    starts it: a short line above the description that the description names again, or a
    known name."""
    if not lines:
        return None, None, []
    known = {name.lower() for name in provider_names}
    start = 0
    for block in prose.blocks(lines):
        position = lines.index(block[0], start)
        start = position + 1
        heading = prose.units(block)[0]
        if position == 0 or not heading.heading:
            continue
        named_again = heading.text.lower() in " ".join(block[1:]).lower()
        if named_again or heading.text.lower() in known:
            return lines[:position], heading.text, lines[position + 1 :]
    return lines, None, []


def _basis(introduction: str) -> ReadBasis | None:
    """The contract or agreement the introduction names: the first case number after the word."""
    for found in words.BASIS.finditer(introduction):
        sentence_end = re.search(r"[.!?](\s|$)", introduction[found.end() :])
        scope = introduction[found.end() : found.end() + (sentence_end.start() if sentence_end else 400)]
        number = words.CASE_NUMBER.search(scope)
        kind = BasisKind.CONTRACT if found["kind"].lower().startswith("avtal") else BasisKind.AGREEMENT
        counterparty = words.COUNTERPARTY.search(scope) if kind is BasisKind.AGREEMENT else None
        if number or counterparty:
            return ReadBasis(kind, number.group() if number else None, counterparty.group(1) if counterparty else None)
    return None


def _interval(introduction: str) -> int | None:
    found = words.INTERVAL.search(introduction)
    if found is None:
        return None
    every = found["every"].lower()
    if every == "varje år":
        return 1
    if every == "vartannat år":
        return 2
    return words.ORDINAL_YEARS.get((found["nth"] or "").lower())


# --- the signature ---------------------------------------------------------------------------


def _signature_start(lines: list[str]) -> int:
    """The signatory's name: a person's name among the last lines, above the title."""
    tail = [i for i, line in enumerate(lines) if line][-8:]
    names = [i for i in tail if words.PERSON.match(lines[i])]
    return names[-1] if names else len(lines)


def _signatory(lines: list[str]) -> Signatory:
    rest = [line for line in lines if line]
    if not rest:
        return Signatory(None, None)
    title = rest[1].split(", ")[0] if len(rest) > 1 else None
    return Signatory(rest[0], title)
