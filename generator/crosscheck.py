"""Rules that look at all valid records of a kind together: addresses that two pages would
share, and decisions that follow each other up in a circle.

Each finds what the build would otherwise crash on or publish as a contradiction, and
reports it at the second record, naming the first (or the portal's own page it collides with).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from pydantic import BaseModel

from generator.document import Path_, Placing
from generator.errors import Problem
from generator.kinds import BY_FOLDER
from generator.model import FollowUp, Provider, Requirement
from generator.paths import RESERVED_IDS, area_page

T = TypeVar("T", bound=BaseModel)
Record = Requirement | Provider | FollowUp

CIRCLE_SHOWN = 8
"""Names shown of a circle of follow-ups, so that one long circle is still one readable line."""


@dataclass(frozen=True)
class Sourced(Generic[T]):
    """A valid record with the file it came from, for placing later problems."""

    record: T
    document: Placing


def at(document: Placing, path: Path_, message: str, hint: str) -> Problem:
    """A problem at the value that path names in document."""
    where = document.position(path)
    return Problem(document.path, where.line, where.column, message, hint)


def reserved_ids(kind: str, items: Sequence[Sourced[Record]]) -> Iterator[Problem]:
    """An id names a page and an old id a redirect in its section, so neither may be a name the
    portal's own pages take there (`utforare/index.md`)."""
    section = BY_FOLDER[kind].section
    reserved = RESERVED_IDS[section]
    for item in items:
        names: list[tuple[Path_, str]] = [(("id",), item.record.id)]
        names += [(("previous_ids", i), old) for i, old in enumerate(item.record.previous_ids)]
        for path, name in names:
            if name in reserved:
                yield at(
                    item.document,
                    path,
                    f"`{name}` kan inte vara id: adressen {section}/{name}/ hör till portalens egna sidor",
                    f"ge posten ett annat id (upptagna i {section}/: {', '.join(sorted(reserved))})",
                )


def area_collisions(requirements: Sequence[Sourced[Requirement]]) -> Iterator[Problem]:
    """Each area has a comparison page named after it; two names that differ only in case,
    punctuation or letters outside a–z would get the same page."""
    first: dict[str, Sourced[Requirement]] = {}
    for item in requirements:
        area = item.record.area
        page = area_page(area)
        earlier = first.setdefault(page, item)
        if earlier.record.area != area:
            yield at(
                item.document,
                ("area",),
                f"området `{area}` får samma adress ({page}) som området `{earlier.record.area}`"
                f" i {earlier.document.path}",
                "skriv namnet exakt som där om det är samma område, annars ett namn som skiljer sig i bokstäver"
                " eller siffror",
            )


def follow_up_cycles(followups: Sequence[Sourced[FollowUp]]) -> Iterator[Problem]:
    """A decision follows up an earlier one, so the chain of `follows_up` must end. Each decision
    names at most one other, so one walk per chain finds every circle in linear time; a circle
    is reported once, at the member that comes last, and a decision that names itself is
    reported where the reference is checked."""
    order: dict[str, Sourced[FollowUp]] = {}
    for item in followups:
        order.setdefault(item.record.id, item)  # a repeated id is reported on its own
    follows = {record_id: item.record.follows_up for record_id, item in order.items()}
    rank = {record_id: index for index, record_id in enumerate(order)}
    done: set[str] = set()
    for start in order:
        walk: dict[str, None] = {}  # the chain from start, in order
        current: str | None = start
        while current is not None and current in follows and current not in done and current not in walk:
            walk[current] = None
            current = follows[current]
        if current in walk:
            chain = list(walk)
            circle = chain[chain.index(current) :]
            if len(circle) > 1:
                yield _circle(order, circle, max(circle, key=rank.__getitem__))
        done.update(walk)


def _circle(order: dict[str, Sourced[FollowUp]], circle: list[str], last: str) -> Problem:
    """The circle from the decision it is reported at back to it; a long one shortened."""
    turn = circle.index(last)
    names = [*circle[turn:], *circle[:turn], last]
    if len(names) > CIRCLE_SHOWN:
        names = [*names[: CIRCLE_SHOWN - 2], f"… ({len(circle)} beslut)", last]
    return at(
        order[last].document,
        ("follows_up",),
        f"besluten följer upp varandra i en cirkel: {' → '.join(names)}",
        "ett beslut följer upp ett tidigare beslut; rätta `follows_up` i ett av dem",
    )
