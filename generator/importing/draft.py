"""A reading of an archived decision as a draft record: the fields in the order a controller
writes them, `draft: true`, and the marker "att fylla i" for every value the words did not give
(the validator lists each one with its line). Where the marker stands, the comment above it is
the model's own description of the field, so the controller knows what to look for in the PDF.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from pydantic import BaseModel

from generator.importing.areas import ReadArea
from generator.importing.decision import ReadDeadline
from generator.importing.figures import ReadFigure, figures
from generator.importing.match import Matched, match_area
from generator.importing.read import Reading
from generator.importing.yaml_out import Entry, Items, Scalar, Value, document
from generator.kinds import FOLLOWUPS, PROVIDERS
from generator.model import (
    TO_FILL,
    Basis,
    Deadline,
    Decision,
    Figure,
    FollowUp,
    FollowUpKind,
    Issuer,
    Observed,
    Outcome,
    Provider,
    Requirement,
    Signatory,
)
from generator.schema import modeline

HEADING = """\
# Utkast importerat ur {source} med `python -m generator import`.
# Granska varje rad mot originalet. "att fylla i" står där importen inte kunde läsa ett värde
# ur beslutets ord: skriv värdet ur originalet, eller ta bort raden om fältet är valfritt och
# originalet inte anger det. Importen gissar aldrig; en status som bara visas med en färgad
# symbol lämnas att fylla i. Ta bort `draft: true` när allt är granskat: först då publiceras
# beslutet."""


OWN_MARKS = frozenset({"id", "draft", "original"})


@dataclass(frozen=True)
class DraftFollowUp:
    """The draft record's text and what the reading gave: the fields read and those to fill."""

    record_id: str
    text: str
    read: tuple[str, ...]
    to_fill: tuple[str, ...]


@dataclass(frozen=True)
class Context:
    """What the draft takes from outside the document: the tree's requirements, the provider's
    id (known or new) and where the original is."""

    requirements: Sequence[Requirement]
    provider_id: str | None
    original: str | None
    source: str


def followup_draft(reading: Reading, record_id: str, context: Context) -> DraftFollowUp:
    entries = _followup(reading, record_id, context)
    read, to_fill = _fields(entries, ())
    heading = f"{modeline(FOLLOWUPS.schema)}\n{HEADING.format(source=context.source)}"
    return DraftFollowUp(record_id, document(entries, heading), tuple(read), tuple(to_fill))


def provider_draft(provider_id: str, name: str, contracts: Sequence[str], source: str) -> str:
    entries = (
        Entry("id", provider_id),
        Entry("draft", True),
        Entry("name", name),
        _unknown("kind", Provider),
        *((Entry("contracts", Items(tuple(contracts))),) if contracts else ()),
    )
    heading = (
        f"{modeline(PROVIDERS.schema)}\n# Utkast: utföraren namnges i {source}; granska och ta bort `draft: true`."
    )
    return document(entries, heading)


def _unknown(key: str, model: type[BaseModel], comment: str = "") -> Entry:
    """The marker in place of a value, with the field's description from the model above it."""
    description = " ".join((model.model_fields[key].description or "").split())
    return Entry(key, TO_FILL, "\n".join(part for part in (description, comment) if part))


def _either(key: str, value: Value | None, model: type[BaseModel], hint: str = "") -> Entry:
    """The value read, or the marker with the field's description and the hint above it."""
    if value is None or value == ():
        return _unknown(key, model, hint)
    return Entry(key, value)


def _present(key: str, value: Value | None, comment: str = "") -> tuple[Entry, ...]:
    return () if value is None or value == () else (Entry(key, value, comment),)


def _followup(reading: Reading, record_id: str, context: Context) -> tuple[Entry, ...]:
    letterhead, issuer = reading.letterhead, reading.letterhead.issuer
    follow_up = reading.kind is FollowUpKind.FOLLOW_UP
    return (
        Entry("id", record_id),
        Entry("draft", True),
        *_present("original", context.original, "Originalet som utkastet lästes ur."),
        _either("kind", reading.kind.value if reading.kind else None, FollowUp),
        *_present("service", reading.service),
        _either("case_number", letterhead.case_number, FollowUp),
        _either("date", letterhead.date, FollowUp),
        *_present("date_as_printed", letterhead.date_as_printed),
        _either("provider", context.provider_id, FollowUp),
        _basis(reading),
        *_present("follow_up_interval_years", reading.interval_years),
        Entry(
            "issuer",
            (
                _either("organisation", issuer.organisation, Issuer),
                _either("department", issuer.department, Issuer),
                _either("unit", issuer.unit, Issuer),
                _either("website", issuer.website, Issuer),
            ),
        ),
        _either("introduction", reading.introduction, FollowUp),
        *(_either("provider_description", reading.provider_description, FollowUp),) * follow_up,
        *(_unknown("provider_facts", FollowUp),) * bool(reading.provider_description),
        *(_either("method", reading.method, FollowUp),) * follow_up,
        _outcomes(reading, context),
        _decision(reading),
        Entry(
            "signed_by",
            (_either("name", reading.signatory.name, Signatory), _either("title", reading.signatory.title, Signatory)),
        ),
    )


def _basis(reading: Reading) -> Entry:
    basis = reading.basis
    if basis is None:
        return _unknown("basis", FollowUp)
    return Entry(
        "basis",
        (
            Entry("kind", basis.kind.value),
            _either("number", basis.number, Basis),
            *_present("counterparty", basis.counterparty),
        ),
    )


def _outcomes(reading: Reading, context: Context) -> Entry:
    basis_number = reading.basis.number if reading.basis else None
    matched = [_MatchedArea(area, match_area(area, context.requirements, basis_number)) for area in reading.areas]
    ordered = _in_overview_order(matched, reading.overview, context.requirements)
    if not ordered:
        return _unknown("outcomes", FollowUp, "Beslutets bedömda områden gick inte att läsa.")
    return Entry("outcomes", Items(tuple(_outcome(one.area, one.found, reading) for one in ordered)))


@dataclass(frozen=True)
class _MatchedArea:
    """An area as read, with what its words say about its requirement."""

    area: ReadArea
    found: Matched


def _in_overview_order(
    matched: list[_MatchedArea], overview: Sequence[str], requirements: Sequence[Requirement]
) -> list[_MatchedArea]:
    """The decision's own list of requirements (the overview) orders the outcomes when each of
    its names is one matched requirement's title; otherwise they stay in printed order."""
    titles = {r.id: r.title.casefold() for r in requirements}
    by_title = {titles.get(one.found.requirement or ""): one for one in matched}
    names = [name.casefold() for name in overview]
    if len(names) == len(matched) and set(names) == set(by_title) and None not in by_title:
        return [by_title[name] for name in names]
    return matched


def _outcome(area: ReadArea, found: Matched, reading: Reading) -> tuple[Entry, ...]:
    follow_up = reading.kind is not FollowUpKind.RESULT_FOLLOW_UP
    printed = f"Kravet som det står i beslutet:\n{found.printed}" if found.version is None else ""
    choose = f"Passar lika bra: {', '.join(found.candidates)}" if found.candidates else ""
    status = area.status
    owed = status is None or status.deficient
    return (
        _either("requirement", found.requirement, Outcome),
        _either("requirement_version", found.version, Outcome, "\n".join(p for p in (printed, choose) if p)),
        Entry("heading", area.heading),
        _either("status", status.value if status else None, Outcome, _status_choices(reading.kind)),
        *(_either("evidence", Items(found.evidence) if found.evidence else None, Outcome),) * follow_up,
        *_present("earlier_finding", area.earlier_finding),
        *_present("earlier_action", area.earlier_action),
        _either("assessment", area.assessment, Outcome),
        *(
            (_either("required_action", area.required_action, Outcome),)
            if area.required_action or (owed and status is not None)
            else ()
        ),
        *_figures(area),
    )


def _status_choices(kind: FollowUpKind | None) -> str:
    if kind is FollowUpKind.RESULT_FOLLOW_UP:
        return "Här: remedied eller remains."
    return "Här: met eller not_met." if kind is FollowUpKind.FOLLOW_UP else ""


def _figures(area: ReadArea) -> tuple[Entry, ...]:
    found = figures(area.earlier_finding, Observed.EARLIER_FOLLOW_UP) + figures(area.assessment)
    if not found:
        return ()
    return (Entry("figures", Items(tuple(_figure(f) for f in found), tuple(f"Ur: {f.sentence}" for f in found))),)


def _figure(figure: ReadFigure) -> tuple[Entry, ...]:
    period = figure.period
    return (
        _unknown("measure", Figure),
        Entry("value", figure.value),
        Entry("unit", figure.unit.value),
        *_present("sample_size", figure.sample_size),
        *((_either("sample", figure.sample, Figure),) if figure.unit.value == "percent" or figure.sample else ()),
        *(
            (Entry("period", (Entry("start", _point(period.start)), Entry("end", _point(period.end)))),)
            if period
            else ()
        ),
        *_present("observed", figure.observed.value if figure.observed is Observed.EARLIER_FOLLOW_UP else None),
    )


def _point(value: str) -> Scalar:
    return dt.date.fromisoformat(value) if len(value) == 10 else value


def _decision(reading: Reading) -> Entry:
    decision = reading.decision
    return Entry(
        "decision",
        (
            _either("outcome", decision.outcome.value if decision.outcome else None, Decision),
            _either("text", decision.text, Decision),
            *_present(
                "deadlines", Items(tuple(_deadline(d) for d in decision.deadlines)) if decision.deadlines else None
            ),
            *_present("consequences", decision.consequences),
        ),
    )


def _deadline(deadline: ReadDeadline) -> tuple[Entry, ...]:
    return (
        Entry("kind", deadline.kind.value),
        _either("date", deadline.date, Deadline),
        *_present("send_to", deadline.send_to),
        *_present("text", deadline.text),
        *_present("items", Items(deadline.items) if deadline.items else None),
    )


def _fields(entries: tuple[Entry, ...], path: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """The leaf fields of the draft by path, items counted from 1 as the validator counts them
    ("outcomes[2].status" is the second outcome's): those read and those to fill. The importer's
    own marks (id, draft, original) were not read from the decision."""
    read: list[str] = []
    to_fill: list[str] = []
    for name, value in _leaves(entries, path):
        if name not in OWN_MARKS:
            (to_fill if value == TO_FILL else read).append(name)
    return read, to_fill


def _leaves(entries: tuple[Entry, ...], path: tuple[str, ...]) -> Iterator[tuple[str, Value]]:
    for entry in entries:
        yield from _leaves_of(entry.value, (*path, entry.key))


def _leaves_of(value: Value, path: tuple[str, ...]) -> Iterator[tuple[str, Value]]:
    if isinstance(value, tuple):
        yield from _leaves(value, path)
    elif isinstance(value, Items):
        for index, item in enumerate(value.items):
            yield from _leaves_of(item, (*path[:-1], f"{path[-1]}[{index + 1}]"))
    else:
        yield ".".join(path), value
