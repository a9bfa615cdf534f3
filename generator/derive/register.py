"""The action register: every required action of every decision, and every deliverable of a
decision as a whole (action plan, documents, result follow-up), as listings that sort, filter
and page without JavaScript (one page per listing and page number).

Listings: all entries by due date (the register's front page) and by provider; the
deliverables of whole decisions; one per state; one per requirement (a deliverable concerns
no single requirement, so it is in none of these). Each is cut into pages of PER_PAGE, so that
no page grows with the number of decisions, and an entry is a few lines that link to the
decision's own words (the entry's template in _macros.md.j2), since it stands in three or four
listings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from generator.derive.paging import marked, paged
from generator.derive.views import Link, RegisterEntry, RegisterPage, RequiredAction, RequirementView
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
BY_PROVIDER_FOLDER = "utforare"
"""The listing of all entries by provider: there a provider's entries stand together."""


def _by_due(entry: RegisterEntry) -> tuple[object, ...]:
    """Latest due date first; entries whose decision sets none last. Within a decision and a
    date, its deliverables (in the decision's order) before its actions per finding."""
    due = entry.due.date if entry.due else None
    within = (0, entry.position) if not isinstance(entry, RequiredAction) else (1, entry.finding.requirement.id)
    return (due is None, -(due or dt.date.min).toordinal(), entry.followup.id, *within)


def _by_provider(entry: RegisterEntry) -> tuple[object, ...]:
    provider = entry.provider
    return (provider is None, provider.name if provider else "", *_by_due(entry))


@dataclass(frozen=True)
class Listing:
    """One listing of the register before it is cut into pages."""

    folder: str
    """Its folder in paths.register_page: "" for all entries by due date."""
    label: str
    """Its label in the menu of listings, before the count."""
    heading: str
    includes: Callable[[RegisterEntry], bool]
    """Which entries it holds."""
    key: Callable[[RegisterEntry], tuple[object, ...]]
    """Their order."""


def register_pages(
    actions: tuple[RegisterEntry, ...], requirements: tuple[RequirementView, ...]
) -> tuple[RegisterPage, ...]:
    listings = [
        Listing("", "Alla, sista dag först", "Alla åtgärder", lambda a: True, _by_due),
        Listing(
            BY_PROVIDER_FOLDER, "Alla, efter utförare", "Alla åtgärder efter utförare", lambda a: True, _by_provider
        ),
        Listing(
            DELIVERABLES_FOLDER,
            "Beslut som helhet: åtgärdsplan, handlingar, resultatuppföljning",
            "Det som besluten som helhet kräver",
            lambda a: a.is_deliverable,
            _by_due,
        ),
    ]
    listings += [
        Listing(f"lage/{STATE_FOLDERS[state]}", name, name, _in_state(state), _by_due)
        for state, name in ACTION_STATE_NAMES.items()
    ]
    listings += [
        Listing(
            f"krav/{r.record.id}", r.record.title, f"Åtgärder för kravet {r.record.title}", _for(r.record.id), _by_due
        )
        for r in requirements
    ]
    chosen = [sorted(filter(listing.includes, actions), key=listing.key) for listing in listings]
    links = [
        Link(f"{listing.label} ({len(entries)})", register_page(listing.folder))
        for listing, entries in zip(listings, chosen, strict=True)
    ]
    first_listings = len(listings) - len(requirements)
    pages: list[RegisterPage] = []
    for listing, entries in zip(listings, chosen, strict=True):
        pages += _paged(listing, entries, links[:first_listings], links[first_listings:])
    return tuple(pages)


def _in_state(state: ActionState) -> Callable[[RegisterEntry], bool]:
    return lambda entry: entry.state is state


def _for(requirement_id: str) -> Callable[[RegisterEntry], bool]:
    return lambda entry: isinstance(entry, RequiredAction) and entry.finding.requirement.id == requirement_id


def _paged(
    listing: Listing, entries: Sequence[RegisterEntry], listings: list[Link], requirement_listings: list[Link]
) -> list[RegisterPage]:
    """Every page of one listing, each with the menus of listings, this one current."""
    first_page = register_page(listing.folder)
    menu, requirement_menu = marked(listings, first_page), marked(requirement_listings, first_page)
    return [
        RegisterPage(heading=listing.heading, listing=part, listings=menu, requirement_listings=requirement_menu)
        for part in paged(entries, lambda number: register_page(listing.folder, number), PER_PAGE)
    ]
