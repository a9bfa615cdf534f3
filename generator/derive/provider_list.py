"""The provider list and its listings by standing, by area served and, where there are many
providers, by the first letter of the name, each its own page, so that the list filters without
JavaScript (like the comparison, derive/comparison.py).

Where a provider works is what the newest decision stating it prints (`provider_facts.areas_served`),
true as of that decision. A provider no decision says that of is listed as "område okänt": never
as serving no area, and never under an area by guess.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from generator.derive.paging import marked, paged
from generator.derive.providers import by_provider
from generator.derive.views import (
    AreasServed,
    FollowUpView,
    Link,
    ProviderListPage,
    ProviderListRow,
    ProviderView,
)
from generator.paths import provider_list_page, slugify
from generator.swedish import STANDING_LABELS

PER_PAGE = 100
"""Providers per page of a listing: the list stays readable with hundreds of providers."""
LETTERS_ABOVE = 60
"""Above this many providers the list is also grouped by the first letter of the name: among
4,000 providers a reader finds one by its name, not by guessing which of 40 pages holds it."""
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖ"
"""The letters a name is grouped under, in Swedish order: Å, Ä and Ö are letters of their own."""
LETTER_NAMES = {"Å": "aa", "Ä": "ae", "Ö": "oe"}
"""The listing names of the letters that paths.slugify would fold into A and O."""
OTHER_INITIAL = "0–9 och andra tecken"
OTHER_INITIAL_LISTING = "namn-ovriga"

UNKNOWN_AREA = "Område okänt"
UNKNOWN_AREA_LISTING = "omrade-okant"
"""The listing of providers whose areas no decision gives; the areas' own listings start with "verksam-i-"."""


@dataclass(frozen=True)
class _Listing:
    """One listing before it is cut into pages."""

    name: str
    """Its name in paths.provider_list_page: "" for all providers."""
    label: str
    """Its label in the filter menu, before the count."""
    heading: str
    description: str
    rows: tuple[ProviderListRow, ...]


def provider_list_pages(
    providers: tuple[ProviderView, ...],
    oldest_first: tuple[FollowUpView, ...],
    per_page: int | None = None,
    letters_above: int | None = None,
) -> tuple[ProviderListPage, ...]:
    """Every page of every listing: all providers by name, then one listing per standing that
    some provider has, per area some decision names, and for the providers whose areas are unknown;
    above letters_above providers, one per first letter of the names too. The limits default to
    PER_PAGE and LETTERS_ABOVE as they are when called, so that a test can lower them."""
    per_page = PER_PAGE if per_page is None else per_page
    letters_above = LETTERS_ABOVE if letters_above is None else letters_above
    served = areas_served(oldest_first)
    rows = tuple(_row(p, served.get(p.record.id)) for p in sorted(providers, key=lambda p: p.record.name))
    whole = _Listing("", "", "Utförare", "Alla utförare, i bokstavsordning.", rows)
    by_standing, by_area = _standing_listings(rows), _area_listings(rows)
    by_letter = _letter_listings(rows) if len(rows) > letters_above else []
    standings, areas = _menu("Alla lägen", by_standing), _menu("Alla områden", by_area)
    letters = _menu("Alla bokstäver", by_letter) if by_letter else ()
    unnamed = sum(1 for f in oldest_first if f.provider is None)
    pages: list[ProviderListPage] = []
    for listing in (whole, *by_standing, *by_area, *by_letter):
        first_page = provider_list_page(listing.name)
        pages += [
            ProviderListPage(
                heading=listing.heading,
                description=listing.description,
                listing=part,
                standings=marked(standings, first_page),
                areas=marked(areas, first_page),
                letters=marked(letters, first_page),
                unknown_provider_count=unnamed if listing is whole else 0,
            )
            for part in paged(listing.rows, functools.partial(provider_list_page, listing.name), per_page)
        ]
    return tuple(pages)


def areas_served(oldest_first: Sequence[FollowUpView]) -> dict[str, AreasServed]:
    """Per provider id, the areas the newest decision that names any gives, with that decision."""
    served = {}
    for provider_id, own in by_provider(oldest_first, lambda f: f.provider).items():
        stating = [(f.ref, f.record.provider_facts.areas_served) for f in own if f.record.provider_facts]
        stating = [(ref, areas) for ref, areas in stating if areas]
        if stating:
            ref, areas = stating[-1]
            served[provider_id] = AreasServed(tuple(areas), ref)
    return served


def _row(provider: ProviderView, served: AreasServed | None) -> ProviderListRow:
    return ProviderListRow(
        name=provider.record.name,
        page=provider.page,
        standing=provider.standing,
        freshness=provider.freshness,
        bases=provider.bases,
        served=served,
    )


def _standing_listings(rows: tuple[ProviderListRow, ...]) -> list[_Listing]:
    """One listing per standing that some provider has, in the order of STANDING_LABELS."""
    return [
        _Listing(
            f"lage-{slugify(label)}",
            label,
            f"Utförare: {label}",
            f"Utförare med läget {label}.",
            tuple(r for r in rows if r.standing is standing),
        )
        for standing, label in STANDING_LABELS.items()
        if any(r.standing is standing for r in rows)
    ]


def _area_listings(rows: tuple[ProviderListRow, ...]) -> list[_Listing]:
    """One listing per area as printed, then the providers whose areas are unknown. Areas whose
    names slug alike ("Norr", "NORR") keep pages of their own, numbered in the order of their names."""
    listings: list[_Listing] = []
    taken: set[str] = set()
    for area in sorted({area for r in rows if r.served for area in r.served.areas}):
        name, number = f"verksam-i-{slugify(area)}", 1
        while (candidate := name if number == 1 else f"{name}-{number}") in taken:
            number += 1
        taken.add(candidate)
        description = (
            f"Utförare som är verksamma i: {area}, enligt det senaste beslutet om utföraren som anger var"
            " den är verksam. Uppgiften gäller den dag beslutet fattades."
        )
        serving = tuple(r for r in rows if r.served and area in r.served.areas)
        listings.append(_Listing(candidate, area, f"Utförare verksamma i: {area}", description, serving))
    unknown = tuple(r for r in rows if r.served is None)
    if unknown:
        description = "Utförare som inget publicerat beslut anger något verksamhetsområde för."
        heading = f"Utförare: {UNKNOWN_AREA.lower()}"
        listings.append(_Listing(UNKNOWN_AREA_LISTING, UNKNOWN_AREA, heading, description, unknown))
    return listings


def _letter_listings(rows: tuple[ProviderListRow, ...]) -> list[_Listing]:
    """One listing per letter that some name starts with, in Swedish order, then the names that
    start with a digit or another sign."""
    groups = {letter: tuple(r for r in rows if initial(r.name) == letter) for letter in (*LETTERS, OTHER_INITIAL)}
    return [_letter_listing(letter, starting) for letter, starting in groups.items() if starting]


def _letter_listing(letter: str, rows: tuple[ProviderListRow, ...]) -> _Listing:
    if letter == OTHER_INITIAL:
        description = "Utförare vars namn börjar med en siffra eller ett annat tecken än en bokstav."
        return _Listing(OTHER_INITIAL_LISTING, letter, f"Utförare: namn som börjar med {letter}", description, rows)
    name = f"namn-{LETTER_NAMES.get(letter, letter.lower())}"
    description = f"Utförare vars namn börjar på {letter}, i bokstavsordning."
    return _Listing(name, letter, f"Utförare: namn på {letter}", description, rows)


def initial(name: str) -> str:
    """The letter a name is grouped under: its first letter, with an accent dropped (É under E)
    but Å, Ä and Ö as letters of their own; OTHER_INITIAL for a digit or any other sign."""
    first = name.strip()[:1].upper()
    if first not in LETTERS:
        first = unicodedata.normalize("NFD", first)[:1]
    return first if first and first in LETTERS else OTHER_INITIAL


def _menu(everything: str, listings: list[_Listing]) -> tuple[Link, ...]:
    """A filter menu: the whole list first, then each listing with its count."""
    whole = Link(everything, provider_list_page())
    return (
        whole,
        *(Link(f"{listing.label} ({len(listing.rows)})", provider_list_page(listing.name)) for listing in listings),
    )
