"""The decision part of an archived decision: what it decides (closed, or an action plan
required), its deadlines with what to send and where, the areas it lists as deficient, and what
follows if the provider does not act. read.py finds the part; this reads it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from generator.importing import prose, words
from generator.model import DeadlineKind, DecisionOutcome


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


def read_decision(lines: list[str]) -> ReadDecision:
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
