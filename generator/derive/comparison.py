"""The comparison matrix in its sortings and filterings, and the statistics behind the charts.

Each sorting and filter is its own page, so that the matrix reads, sorts and filters
without JavaScript.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence

from generator.derive.views import (
    AreaTrend,
    AreaView,
    ComparisonLink,
    ComparisonPage,
    ComparisonRow,
    FollowUpView,
    ProviderView,
    RequirementView,
    Share,
    Statistics,
)
from generator.paths import page_path, slugify
from generator.swedish import STANDING_LABELS

INDEX = page_path("jamforelse", "index")

SortKey = Callable[[ProviderView], tuple[object, ...]]


def _deficiencies(provider: ProviderView) -> int:
    return sum(1 for c in provider.current if c.latest.status.deficient)


def _latest_date(provider: ProviderView) -> tuple[object, ...]:
    date = provider.latest.date if provider.latest else None
    return (date is None, -(date or dt.date.min).toordinal(), provider.record.name)


SORTINGS: tuple[tuple[str, str, SortKey], ...] = (
    ("Namn", INDEX, lambda p: (p.record.name,)),
    ("Flest brister först", page_path("jamforelse", "flest-brister"), lambda p: (-_deficiencies(p), p.record.name)),
    ("Senast uppföljd först", page_path("jamforelse", "senast-uppfoljd"), _latest_date),
)


def comparison_pages(
    providers: tuple[ProviderView, ...], requirements: tuple[RequirementView, ...], areas: tuple[AreaView, ...]
) -> tuple[ComparisonPage, ...]:
    standings = sorted({p.standing for p in providers}, key=list(STANDING_LABELS).index)
    area_pages = {a.name: page_path("jamforelse", f"omrade-{a.slug}") for a in areas}
    standing_pages = {s: page_path("jamforelse", f"lage-{slugify(STANDING_LABELS[s])}") for s in standings}

    def page(
        path: str, description: str, columns: Sequence[RequirementView], rows: Sequence[ProviderView]
    ) -> ComparisonPage:
        return ComparisonPage(
            page=path,
            description=description,
            columns=tuple(columns),
            rows=tuple(_row(p, columns) for p in rows),
            sortings=tuple(ComparisonLink(label, target, target == path) for label, target, _ in SORTINGS),
            areas=_links("Alla områden", path, {a.name: area_pages[a.name] for a in areas}),
            standings=_links("Alla lägen", path, {STANDING_LABELS[s]: standing_pages[s] for s in standings}),
        )

    pages = [
        page(path, f"Sorterat: {label.lower()}.", requirements, sorted(providers, key=key))
        for label, path, key in SORTINGS
    ]
    by_name = sorted(providers, key=lambda p: p.record.name)
    pages += [page(area_pages[a.name], f"Bara området {a.name}.", a.requirements, by_name) for a in areas]
    pages += [
        page(
            standing_pages[s],
            f"Bara utförare med läget {STANDING_LABELS[s]}.",
            requirements,
            [p for p in by_name if p.standing is s],
        )
        for s in standings
    ]
    return tuple(pages)


def _links(everything: str, current: str, targets: dict[str, str]) -> tuple[ComparisonLink, ...]:
    links = [ComparisonLink(everything, INDEX, current == INDEX)]
    links += [ComparisonLink(label, target, target == current) for label, target in targets.items()]
    return tuple(links)


def _row(provider: ProviderView, columns: Sequence[RequirementView]) -> ComparisonRow:
    latest = {c.requirement.id: c.latest for c in provider.current}
    return ComparisonRow(provider, tuple(latest.get(r.record.id) for r in columns))


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
