"""The assessed areas of an archived decision, each with its heading, status, printed requirement,
assessment and required action: a follow-up's two-column layout under its group headings, or a
result follow-up's numbered headings. read.py finds the part; this reads it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from generator.importing import prose, words
from generator.model import FollowUpKind, Status


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


def read_areas(lines: list[str], deficient: Sequence[str]) -> tuple[ReadArea, ...]:
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


def kind_from_groups(areas: Sequence[ReadArea]) -> FollowUpKind | None:
    """Without a title, the group headings say the kind: met and not met are a follow-up's,
    remedied and remaining a result follow-up's."""
    statuses = {area.status for area in areas} - {None}
    if statuses and statuses <= {Status.MET, Status.NOT_MET}:
        return FollowUpKind.FOLLOW_UP
    if statuses and statuses <= {Status.REMEDIED, Status.REMAINS}:
        return FollowUpKind.RESULT_FOLLOW_UP
    return None
