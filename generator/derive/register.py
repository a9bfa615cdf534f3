"""The action register: every required action of every decision, and every deliverable of a
decision as a whole (action plan, documents, result follow-up), as listings that sort, filter
and page without JavaScript (one page per listing and page number).

Listings: all entries by due date (the register's front page) and by provider; the
deliverables of whole decisions; one per state; one per requirement (a deliverable concerns
no single requirement, so it is in none of these). Each is cut into pages of PER_PAGE, so that
no page grows with the number of decisions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from generator.derive.paging import paged
from generator.derive.views import ComparisonLink, RegisterEntry, RegisterPage, RequiredAction, RequirementView
from generator.paths import register_page
from generator.states import ActionState
from generator.swedish import ACTION_STATE_NAMES

PER_PAGE = 100

STATE_FOLDERS = {
    ActionState.OPEN: "sista-dag-ej-passerad",
    ActionState.DUE_PASSED: "sista-dag-passerad",
    ActionState.REMEDIED: "atgardade",
    ActionState.REMAINS: "kvarstaende",
    ActionState.FOLLOWED_UP: "resultatuppfoljning-publicerad",
}
DELIVERABLES_FOLDER = "hela-beslutet"


def _by_due(entry: RegisterEntry) -> tuple[object, ...]:
    """Latest due date first; entries whose decision sets none last. Within a decision and a
    date, its deliverables (in the decision's order) before its actions per finding."""
    due = entry.due.date if entry.due else None
    within = (0, entry.position) if not isinstance(entry, RequiredAction) else (1, entry.finding.requirement.id)
    return (due is None, -(due or dt.date.min).toordinal(), entry.followup.id, *within)


def _by_provider(entry: RegisterEntry) -> tuple[object, ...]:
    provider = entry.provider
    return (provider is None, provider.name if provider else "", *_by_due(entry))


Listing = tuple[str, str, str, Callable[[RegisterEntry], bool], Callable[[RegisterEntry], tuple[object, ...]]]
"""(folder, link label, heading, which entries, sort key)."""


def register_pages(
    actions: tuple[RegisterEntry, ...], requirements: tuple[RequirementView, ...]
) -> tuple[RegisterPage, ...]:
    listings: list[Listing] = [
        ("", "Alla, sista dag först", "Alla åtgärder", lambda a: True, _by_due),
        ("utforare", "Alla, efter utförare", "Alla åtgärder efter utförare", lambda a: True, _by_provider),
        (
            DELIVERABLES_FOLDER,
            "Beslut som helhet: åtgärdsplan, handlingar, resultatuppföljning",
            "Det som besluten som helhet kräver",
            lambda a: a.is_deliverable,
            _by_due,
        ),
    ]
    listings += [
        (f"lage/{STATE_FOLDERS[state]}", name, name, _in_state(state), _by_due)
        for state, name in ACTION_STATE_NAMES.items()
    ]
    listings += [
        (f"krav/{r.record.id}", r.record.title, f"Åtgärder för kravet {r.record.title}", _for(r.record.id), _by_due)
        for r in requirements
    ]
    selected = [(listing, sorted(filter(listing[3], actions), key=listing[4])) for listing in listings]
    links = [
        ComparisonLink(f"{label} ({len(chosen)})", register_page(folder), False)
        for (folder, label, *_), chosen in selected
    ]
    first_listings = len(listings) - len(requirements)
    pages: list[RegisterPage] = []
    for index, ((folder, _, heading, *_), chosen) in enumerate(selected):
        pages += _paged(folder, heading, chosen, links[:first_listings], links[first_listings:], index)
    return tuple(pages)


def _in_state(state: ActionState) -> Callable[[RegisterEntry], bool]:
    return lambda entry: entry.state is state


def _for(requirement_id: str) -> Callable[[RegisterEntry], bool]:
    return lambda entry: isinstance(entry, RequiredAction) and entry.finding.requirement.id == requirement_id


def _paged(
    folder: str,
    heading: str,
    chosen: Sequence[RegisterEntry],
    listings: list[ComparisonLink],
    requirement_listings: list[ComparisonLink],
    active: int,
) -> list[RegisterPage]:
    return [
        RegisterPage(
            heading=heading,
            listing=part,
            listings=_marked(listings, active),
            requirement_listings=_marked(requirement_listings, active - len(listings)),
        )
        for part in paged(chosen, lambda number: register_page(folder, number), PER_PAGE)
    ]


def _marked(links: list[ComparisonLink], active: int) -> tuple[ComparisonLink, ...]:
    return tuple(ComparisonLink(link.label, link.page, index == active) for index, link in enumerate(links))
