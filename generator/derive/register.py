"""The action register: every required action of every decision, as listings that sort,
filter and page without JavaScript (one page per listing and page number).

Listings: all actions by due date (the register's front page) and by provider; one per
state; one per requirement. Each is cut into pages of PER_PAGE, so that no page grows
with the number of decisions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from generator.derive.paging import paged
from generator.derive.views import ComparisonLink, RegisterPage, RequiredAction, RequirementView
from generator.paths import register_page
from generator.states import ActionState
from generator.swedish import ACTION_STATE_NAMES

PER_PAGE = 100

STATE_FOLDERS = {
    ActionState.OPEN: "sista-dag-ej-passerad",
    ActionState.DUE_PASSED: "sista-dag-passerad",
    ActionState.REMEDIED: "atgardade",
    ActionState.REMAINS: "kvarstaende",
}


def _by_due(action: RequiredAction) -> tuple[object, ...]:
    """Latest due date first; actions whose decision sets none last."""
    due = action.due.date if action.due else None
    return (due is None, -(due or dt.date.min).toordinal(), action.finding.followup.id, action.finding.requirement.id)


def _by_provider(action: RequiredAction) -> tuple[object, ...]:
    provider = action.finding.provider
    return (provider is None, provider.name if provider else "", *_by_due(action))


Listing = tuple[str, str, str, Callable[[RequiredAction], bool], Callable[[RequiredAction], tuple[object, ...]]]
"""(folder, link label, heading, which actions, sort key)."""


def register_pages(
    actions: tuple[RequiredAction, ...], requirements: tuple[RequirementView, ...]
) -> tuple[RegisterPage, ...]:
    listings: list[Listing] = [
        ("", "Alla, sista dag först", "Alla åtgärder", lambda a: True, _by_due),
        ("utforare", "Alla, efter utförare", "Alla åtgärder efter utförare", lambda a: True, _by_provider),
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


def _in_state(state: ActionState) -> Callable[[RequiredAction], bool]:
    return lambda action: action.state is state


def _for(requirement_id: str) -> Callable[[RequiredAction], bool]:
    return lambda action: action.finding.requirement.id == requirement_id


def _paged(
    folder: str,
    heading: str,
    chosen: Sequence[RequiredAction],
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
