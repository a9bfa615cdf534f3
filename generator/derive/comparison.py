"""The comparison matrix in its sortings and filterings, and the statistics behind the charts.

Each sorting and filter is its own page, so that the matrix reads, sorts and filters
without JavaScript.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Sequence

from generator.derive.paging import paged
from generator.derive.providers import latest_first
from generator.derive.views import (
    AreaTrend,
    AreaView,
    ComparisonCell,
    ComparisonColumn,
    ComparisonLink,
    ComparisonPage,
    ComparisonRow,
    FollowUpView,
    ProviderView,
    RequirementView,
    Share,
    Statistics,
)
from generator.paths import area_page, numbered_page, page_path, slugify
from generator.swedish import STANDING_LABELS

INDEX = page_path("jamforelse", "index")
PER_PAGE = 100
"""Providers per comparison page: a matrix of a few hundred rows is already hard to read."""

SortKey = Callable[[ProviderView], tuple[object, ...]]


def _deficiencies(provider: ProviderView) -> int:
    return sum(1 for c in provider.current if c.latest.status.deficient)


SORTINGS: tuple[tuple[str, str, SortKey], ...] = (
    ("Namn", INDEX, lambda p: (p.record.name,)),
    ("Flest brister först", page_path("jamforelse", "flest-brister"), lambda p: (-_deficiencies(p), p.record.name)),
    ("Senaste beslut först", page_path("jamforelse", "senast-uppfoljd"), latest_first),
)


def comparison_pages(
    providers: tuple[ProviderView, ...], requirements: tuple[RequirementView, ...], areas: tuple[AreaView, ...]
) -> tuple[ComparisonPage, ...]:
    standings = sorted({p.standing for p in providers}, key=list(STANDING_LABELS).index)
    area_pages = {a.name: area_page(a.name) for a in areas}
    standing_pages = {s: page_path("jamforelse", f"lage-{slugify(STANDING_LABELS[s])}") for s in standings}
    rows = {p.record.id: _row(p, requirements) for p in providers}
    position = {r.record.id: index for index, r in enumerate(requirements)}

    def page(
        path: str, description: str, columns: Sequence[RequirementView], shown: Sequence[ProviderView]
    ) -> list[ComparisonPage]:
        indexes = [position[c.record.id] for c in columns]
        shown_rows = [_columns(rows[p.record.id], indexes) for p in shown]
        return [
            ComparisonPage(
                description=description,
                columns=tuple(ComparisonColumn(c.record.title, c.page) for c in columns),
                listing=part,
                sortings=tuple(ComparisonLink(label, target, target == path) for label, target, _ in SORTINGS),
                areas=_links("Alla områden", path, {a.name: area_pages[a.name] for a in areas}),
                standings=_links("Alla lägen", path, {STANDING_LABELS[s]: standing_pages[s] for s in standings}),
            )
            for part in paged(shown_rows, lambda number: numbered_page(path, number), PER_PAGE)
        ]

    pages = [
        part
        for label, path, key in SORTINGS
        for part in page(path, f"Sorterat: {label.lower()}.", requirements, sorted(providers, key=key))
    ]
    by_name = sorted(providers, key=lambda p: p.record.name)
    for a in areas:
        pages += page(area_pages[a.name], f"Bara området {a.name}.", a.requirements, by_name)
    for s in standings:
        shown = [p for p in by_name if p.standing is s]
        pages += page(standing_pages[s], f"Bara utförare med läget {STANDING_LABELS[s]}.", requirements, shown)
    return tuple(pages)


def _links(everything: str, current: str, targets: dict[str, str]) -> tuple[ComparisonLink, ...]:
    links = [ComparisonLink(everything, INDEX, current == INDEX)]
    links += [ComparisonLink(label, target, target == current) for label, target in targets.items()]
    return tuple(links)


def _columns(row: ComparisonRow, indexes: list[int]) -> ComparisonRow:
    """The row with only some columns; built from the full row, so cells are made once per provider."""
    return dataclasses.replace(row, cells=tuple(row.cells[i] for i in indexes))


def _row(provider: ProviderView, columns: Sequence[RequirementView]) -> ComparisonRow:
    latest = {c.requirement.id: c.latest for c in provider.current}
    cells = (latest.get(r.record.id) for r in columns)
    return ComparisonRow(
        name=provider.record.name,
        page=provider.page,
        standing=provider.standing,
        freshness=provider.freshness,
        cells=tuple(ComparisonCell(o.status, o.followup.page, o.anchor) if o else None for o in cells),
    )


def statistics(providers: tuple[ProviderView, ...], oldest_first: tuple[FollowUpView, ...]) -> Statistics:
    per_area: dict[str, dict[int, list[bool]]] = defaultdict(lambda: defaultdict(list))
    undated = 0
    for followup in oldest_first:
        for outcome in followup.outcomes:
            if followup.record.date is None:
                undated += 1
            else:
                per_area[outcome.requirement.area][followup.record.date.year].append(not outcome.status.deficient)
    areas = tuple(
        AreaTrend(area, tuple(Share(str(year), sum(met), len(met)) for year, met in sorted(years.items())))
        for area, years in sorted(per_area.items())
    )
    return Statistics(
        providers=tuple((p, p.current_share) for p in providers if p.current_share is not None),
        areas=areas,
        undated=undated,
    )
