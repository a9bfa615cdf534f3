"""What the search index says of each record page: what the page is, its date, and the areas and
statuses a reader can narrow the results by (Pagefind's metadata and filters, overrides/main.html).

Search leads to records. Only a page whose front matter carries a search entry is indexed, so the
listings that repeat what record pages say (the lists, the comparison, the register, statistics,
the search page itself) never come up as results. The generator gives each record page its entry
(render.page_jobs); a hand-written information page declares one by hand, with the kind only:
``search: {kind: Information}`` (INFORMATION below).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from generator import swedish
from generator.derive.views import FollowUpView, ProviderView, RequirementView
from generator.model import Status

PROVIDER = "Utförare"
REQUIREMENT = "Kvalitetskrav"
DECISION = "Beslut"
INFORMATION = "Information"
"""The kinds a search result names, as the reader filters by them. INFORMATION is written by hand
in the front matter of the hand-written pages (docs/om/, docs/oppna-data.md, docs/ordlista.md)."""


@dataclass(frozen=True)
class SearchEntry:
    """A record page as the search index describes it. Every value is the record's or a label
    the site already shows on the page: the index says nothing the page does not."""

    kind: str
    """What the page is: PROVIDER, REQUIREMENT or DECISION."""
    date_name: str
    """What the date is, as a result names it (Pagefind capitalises it): a decision's "datum",
    a provider's "senaste beslut", a requirement's current version "gäller från"."""
    date: dt.date | None
    """None where the record gives no date: then a result shows no date, never a guessed one."""
    areas: tuple[str, ...]
    """The areas of the requirements the page is about, each once, sorted."""
    statuses: tuple[str, ...]
    """As the page labels them: the assessments' statuses on a decision or a requirement page (each
    status that occurs, in the model's order), the standing on a provider page."""

    @property
    def date_words(self) -> str | None:
        """The date as the site prints it ("16 maj 2022"); None where the record gives none."""
        return swedish.format_date(self.date) if self.date else None


def decision_entry(followup: FollowUpView) -> SearchEntry:
    """A decision: its date, the areas it assessed and the statuses it found (a partial copy's
    unknown status included, as the page shows it)."""
    return SearchEntry(
        kind=DECISION,
        date_name="datum",
        date=followup.ref.date,
        areas=_areas(o.requirement.area for o in followup.outcomes),
        statuses=_statuses(o.status for o in followup.outcomes),
    )


def provider_entry(provider: ProviderView) -> SearchEntry:
    """A provider: the date of its latest decision, the areas of the requirements assessed and
    its standing (the standing's own label: search never words it differently from the page)."""
    return SearchEntry(
        kind=PROVIDER,
        date_name="senaste beslut",
        date=provider.latest.date if provider.latest else None,
        areas=_areas(current.requirement.area for current in provider.current),
        statuses=(swedish.STANDING_LABELS[provider.standing],),
    )


def requirement_entry(requirement: RequirementView) -> SearchEntry:
    """A requirement: the date its current version applies from where the record gives one, its
    area and the statuses its assessments have had (filtering by "Uppfyller inte kravet" finds
    the requirements some decision found not met)."""
    return SearchEntry(
        kind=REQUIREMENT,
        date_name="gäller från",
        date=requirement.current_version.valid_from,
        areas=(requirement.record.area,),
        statuses=_statuses(count.status for count in requirement.counts if count.count),
    )


def _areas(areas: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(areas)))


def _statuses(found: Iterable[Status]) -> tuple[str, ...]:
    present = set(found)
    return tuple(swedish.STATUS_LABELS[status] for status in Status if status in present)
