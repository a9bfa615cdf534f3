"""Everything the pages show that is not written in a record: computed once, here.

Templates only display these immutable views (``views.py``). Every derived sentence
is built from what the records say and never stronger: a passed deadline with nothing
recorded is "nothing published yet", not "late".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from generator.dataset import DataSet
from generator.derive.actions import deliverables, register_entries, required_actions
from generator.derive.comparison import comparison_pages, statistics
from generator.derive.decisions import ViewCache, chronological, decision_years, followup_views
from generator.derive.provider_list import provider_list_pages
from generator.derive.provider_page import ProviderPageCache, provider_pages
from generator.derive.providers import latest_first, provider_views
from generator.derive.register import register_pages
from generator.derive.requirements import area_views, requirement_views
from generator.derive.views import Portal

__all__ = ["DeriveCache", "Portal", "chronological", "derive"]

HOME_PROVIDERS = 10
"""The home page lists this many providers, so that it stays short however many there are."""


@dataclass
class DeriveCache:
    """What the preview keeps of this stage between builds: each decision's view (by id) and each
    provider's page (by id), reused while what it was made from is equal. After a save only the
    saved decision and its provider are derived again, and the pages showing the others find
    their views unchanged at a glance (the same objects)."""

    decisions: ViewCache = field(default_factory=dict)
    provider_pages: ProviderPageCache = field(default_factory=dict)


def derive(dataset: DataSet, as_of: dt.date, cache: DeriveCache | None = None) -> Portal:
    """Every view the pages show; with a cache (the preview keeps one), what is unchanged is kept."""
    requirements = {r.id: r for r in dataset.requirements}
    providers = {p.id: p for p in dataset.providers}
    oldest_first = followup_views(
        chronological(dataset.followups), requirements, providers, as_of, cache.decisions if cache else None
    )
    newest_first = tuple(reversed(oldest_first))
    actions = required_actions(oldest_first, as_of)
    entries = register_entries(oldest_first, actions, deliverables(oldest_first))
    views = provider_views(dataset.providers, oldest_first, entries, as_of)
    requirement_list = requirement_views(dataset.requirements, newest_first)
    register = register_pages(entries, requirement_list)
    provider_list = provider_pages(views, oldest_first, as_of, cache.provider_pages if cache else None)
    areas = area_views(requirement_list)
    return Portal(
        as_of=as_of,
        providers=provider_list,
        requirements=requirement_list,
        areas=areas,
        followups=newest_first,
        recently_followed_up=tuple(sorted(provider_list, key=latest_first)[:HOME_PROVIDERS]),
        decision_years=decision_years(newest_first),
        register=register,
        actions=actions,
        entries=entries,
        comparisons=comparison_pages(provider_list, requirement_list, areas),
        statistics=statistics(provider_list, oldest_first),
        unknown_provider_count=sum(1 for f in dataset.followups if f.provider is None),
        provider_lists=provider_list_pages(provider_list, oldest_first),
    )
