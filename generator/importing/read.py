"""An archived decision's text read into its parts, by the words it prints: the letterhead, the
title, the introduction, the provider, the method, the decision with its deadlines, each assessed
area and the signature.

What the words do not say is None here and becomes "att fylla i" in the draft. The reading
knows nothing of the data tree: matching an area to a requirement is match.py's, and writing
the record is draft.py's.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from generator.importing import prose, words
from generator.model import BasisKind, DeadlineKind, DecisionOutcome, FollowUpKind, Status


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
class ReadDeadline:
    kind: DeadlineKind
    date: dt.date | None
    send_to: str | None = None
    text: str | None = None
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReadDecision:
    text: str | None
    outcome: DecisionOutcome | None
    deadlines: tuple[ReadDeadline, ...]
    consequences: str | None
    deficient: tuple[str, ...]
    """The areas the decision lists as deficient, as printed (empty when it lists none)."""


@dataclass(frozen=True)
class ReadArea:
    """One assessed area as printed. requirement_lines is the printed requirement; in a
    follow-up's two-column layout it also holds the evidence column, which only the
    requirement's known wording can tell apart (match.py)."""

    heading: str
    status: Status | None
    requirement_lines: tuple[str, ...]
    assessment: str | None
    required_action: str | None = None
    earlier_finding: str | None = None
    earlier_action: str | None = None
    evidence_beside: bool = False
    """Whether the layout prints the evidence beside the requirement (a follow-up's columns)."""


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
    decision = _decision(spans.section(words.DECISION))
    areas = _areas(spans.section(words.ASSESSMENT), decision.deficient)
    if kind is None:
        kind = _kind_from_groups(areas)
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


# --- the decision -------------------------------------------------------------------------------


def _decision(lines: list[str]) -> ReadDecision:
    blocks = prose.blocks(lines)
    if not blocks:
        return ReadDecision(None, None, (), None, ())
    text = prose.written(prose.units(blocks[0]))
    whole = " ".join(lines)
    outcome = (
        DecisionOutcome.CLOSED
        if words.CLOSES.search(whole)
        else DecisionOutcome.ACTION_PLAN_REQUIRED
        if words.ACTION_PLAN.search(text)
        else None
    )
    reader = _DecisionParts()
    for block in blocks[1:]:
        reader.block(block)
    deadlines = [d for d in (_action_plan(text), *reader.deadlines()) if d is not None]
    return ReadDecision(text, outcome, tuple(deadlines), reader.consequences(), tuple(reader.deficient))


def _action_plan(text: str) -> ReadDeadline | None:
    """The action plan's deadline, in the sentence of the decision that names it and a date."""
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        due = words.DUE.search(sentence)
        if due and words.ACTION_PLAN.search(sentence):
            found = words.printed_date(sentence[due.end() :])
            email = words.EMAIL.search(sentence)
            return ReadDeadline(DeadlineKind.ACTION_PLAN, found[0] if found else None, email.group() if email else None)
    return None


@dataclass
class _OpenDeadline:
    """A deadline while its items are read (the one mutable thing here, local to _DecisionParts)."""

    kind: DeadlineKind
    text: str
    date: dt.date | None = None
    send_to: str | None = None
    items: list[str] = field(default_factory=list)

    def read(self) -> ReadDeadline:
        return ReadDeadline(self.kind, self.date, self.send_to, self.text, tuple(self.items))


class _DecisionParts:
    """The decision's blocks after its first: the list of deficient areas, the documents to
    send with their date and address, the result follow-up with what it will examine, and the
    consequences. A list's items are the lines after its lead sentence that start in capitals
    (the PDFs' bullets do not survive text extraction)."""

    def __init__(self) -> None:
        self.deficient: list[str] = []
        self.open: list[_OpenDeadline] = []
        self.mode = ""
        self._consequences: list[str] = []

    def block(self, block: list[str]) -> None:
        first, whole = block[0], prose.one_line(block)
        if self.mode == "consequences" or words.CONSEQUENCES.search(first):
            self.mode = "consequences"
            self._consequences.append(whole)
        elif words.DEFICIENT_LIST.search(whole):
            self.mode = "deficient"
        elif self.mode == "deficient" and not words.DOCUMENTS_LEAD.search(first) and len(first) <= 90:
            self._deficient(block)
        elif words.DOCUMENTS_LEAD.search(first):
            self.mode = "items"
            self.open.append(_OpenDeadline(DeadlineKind.DOCUMENTS, first))
            self._items(block[1:])
        elif after := words.RESULT_FOLLOW_UP_DUE.search(whole):
            self.mode = "items"
            found = words.printed_date(whole[after.end() :])
            self.open.append(_OpenDeadline(DeadlineKind.RESULT_FOLLOW_UP, whole, found[0] if found else None))
        elif self.mode == "items":
            self._items(block)

    def _deficient(self, block: list[str]) -> None:
        """The deficient areas: "Ledningssystem för kvalitet" above "- Egenkontroller" names
        "Ledningssystem för kvalitet - Egenkontroller"."""
        parent = ""
        for line in block:
            if line.lower() in words.DEFICIENT_LIST_LABELS:
                continue
            if line.startswith(prose.ITEM) and parent:
                self.deficient.append(f"{parent} - {line[len(prose.ITEM) :]}")
            else:
                parent = line.removeprefix(prose.ITEM)
                self.deficient.append(parent)

    def _items(self, block: list[str]) -> None:
        current = self.open[-1]
        for line in block:
            if words.DOCUMENTS_DUE.match(line):
                due = words.DUE.search(line)
                found = words.printed_date(line[due.end() :]) if due else None
                email = words.EMAIL.search(line)
                current.date = found[0] if found else None
                current.send_to = email.group() if email else None
                self.mode = ""
                return
            runs_on = bool(current.items) and current.items[-1].rsplit(" ", 1)[-1].lower() in words.FUNCTION_WORDS
            if not current.items or line.startswith(prose.ITEM) or (line[0].isupper() and not runs_on):
                current.items.append(line.removeprefix(prose.ITEM))
            else:
                current.items[-1] = prose.join(current.items[-1], line)

    def deadlines(self) -> list[ReadDeadline]:
        return [found.read() for found in self.open]

    def consequences(self) -> str | None:
        return "\n\n".join(self._consequences) or None


# --- the assessed areas ----------------------------------------------------------------------


def _areas(lines: list[str], deficient: Sequence[str]) -> tuple[ReadArea, ...]:
    """Each area under its group heading ("Uppfyllda kvalitetskrav", "Åtgärdade brister", …),
    which says its status in words. A follow-up prints each area's heading above "Krav som
    följs upp"; a result follow-up numbers it ("2.7 Trygghetslarm")."""
    groups = {i: Status(words.GROUPS[line.lower()]) for i, line in enumerate(lines) if line.lower() in words.GROUPS}
    columns = [i for i, line in enumerate(lines) if words.REQUIREMENT_COLUMN.match(line)]
    starts = [_heading_above(lines, i) for i in columns] if columns else _numbered_headings(lines)
    areas = []
    for number, start in enumerate(starts):
        following = [i for i in (*starts[number + 1 :], *groups) if i > start]
        end = min(following, default=len(lines))
        group = next((groups[i] for i in sorted(groups, reverse=True) if i < start), None)
        part = lines[start:end]
        area = _column_area(part) if columns else _result_area(part)
        areas.append(_with_status(area, group, deficient))
    return tuple(areas)


def _heading_above(lines: list[str], column: int) -> int:
    index = column - 1
    while index > 0 and not lines[index]:
        index -= 1
    return index


def _numbered_headings(lines: list[str]) -> list[int]:
    return [
        i
        for i, line in enumerate(lines)
        if words.RESULT_HEADING.match(line) and (i == 0 or not lines[i - 1] or lines[i - 1].endswith("."))
    ]


def _column_area(part: list[str]) -> ReadArea:
    """A follow-up's area: heading, the requirement and evidence columns, "Bedömning", "Åtgärd"."""
    lower = [line.lower() for line in part]
    assessment = lower.index(words.ASSESSMENT) if words.ASSESSMENT in lower else len(part)
    action = lower.index(words.ACTION, assessment) if words.ACTION in lower[assessment:] else len(part)
    column = [
        words.EVIDENCE_COLUMN.sub(" ", words.REQUIREMENT_COLUMN.sub("", line)).strip() for line in part[1:assessment]
    ]
    return ReadArea(
        heading=_heading(part[:1]),
        status=None,
        requirement_lines=tuple(column),
        assessment=prose.text(part[assessment + 1 : action]) or None,
        required_action=prose.text(part[action + 1 :]) or None,
        evidence_beside=True,
    )


def _result_area(part: list[str]) -> ReadArea:
    """A result follow-up's area: heading, the requirement as the contract words it, what the
    follow-up found and asked for ("Vid uppföljning …", "Ni ombads …"), then the assessment."""
    heading_lines = 2 if len(part) > 1 and words.HEADING_GOES_ON.match(part[1]) else 1
    blocks = prose.blocks(part[heading_lines:])
    earlier = next((i for i, block in enumerate(blocks) if words.EARLIER_FINDING.match(block[0])), None)
    requirement = blocks[:earlier] if earlier is not None else blocks[:1]
    rest = blocks[earlier + 1 :] if earlier is not None else blocks[1:]
    finding, action = _finding_and_action(prose.one_line(blocks[earlier])) if earlier is not None else (None, None)
    return ReadArea(
        heading=_heading(part[:heading_lines]),
        status=None,
        requirement_lines=tuple(line for block in requirement for line in [*block, ""]),
        assessment=prose.text([line for block in rest for line in [*block, ""]]) or None,
        earlier_finding=finding,
        earlier_action=action,
    )


def _finding_and_action(paragraph: str) -> tuple[str | None, str | None]:
    sentences = re.split(r"(?<=[.!?])\s+", paragraph)
    split = next((i for i, sentence in enumerate(sentences) if words.EARLIER_ACTION.match(sentence)), len(sentences))
    return " ".join(sentences[:split]) or None, " ".join(sentences[split:]) or None


def _heading(lines: Sequence[str]) -> str:
    """A heading as one line: "3.4 Ledningssystem för kvalitet" over "-Egenkontroller" is
    "3.4 Ledningssystem för kvalitet - Egenkontroller"."""
    first, *rest = lines
    for line in rest:
        first = f"{first} - {line.lstrip(' -–')}"
    return first


def _with_status(area: ReadArea, group: Status | None, deficient: Sequence[str]) -> ReadArea:
    """The group heading's status, unless the area's own verdict or the decision's list of
    deficient areas says otherwise: then the words disagree and the status stays unknown."""
    status = group
    verdict = _verdict(area.assessment or "")
    if status is not None and verdict is not None and verdict != status.satisfied:
        status = None
    if status is not None and deficient and _listed(area.heading, deficient) != status.deficient:
        status = None
    return ReadArea(**{**area.__dict__, "status": status})


def _verdict(assessment: str) -> bool | None:
    """The last sentence that gives the assessment ("Bedömningen är att ni …"): met or not."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", assessment) if re.search(r"bedöm", s, re.I)]
    if not sentences:
        return None
    if words.NEGATIVE.search(sentences[-1]):
        return False
    return True if words.POSITIVE.search(sentences[-1]) else None


def _listed(heading: str, deficient: Sequence[str]) -> bool:
    def last(name: str) -> str:
        return name.rsplit(" - ", 1)[-1].strip().lower()

    return any(name.lower() == heading.lower() or (" - " in name and last(name) == last(heading)) for name in deficient)


def _kind_from_groups(areas: Sequence[ReadArea]) -> FollowUpKind | None:
    """Without a title, the group headings say the kind: met and not met are a follow-up's,
    remedied and remaining a result follow-up's."""
    statuses = {area.status for area in areas} - {None}
    if statuses and statuses <= {Status.MET, Status.NOT_MET}:
        return FollowUpKind.FOLLOW_UP
    if statuses and statuses <= {Status.REMEDIED, Status.REMAINS}:
        return FollowUpKind.RESULT_FOLLOW_UP
    return None


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
