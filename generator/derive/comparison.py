"""The comparison matrix in its sortings and filterings, and the statistics behind the charts.

Each sorting and filter is its own page, so that the matrix reads, sorts and filters
without JavaScript.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from generator.derive.paging import marked, paged
from generator.derive.providers import latest_first
from generator.derive.views import (
    AreaTrend,
    AreaView,
    ComparisonCell,
    ComparisonColumn,
    ComparisonPage,
    ComparisonRow,
    FollowUpRef,
    FollowUpView,
    Link,
    OutcomeView,
    ProviderShare,
    ProviderView,
    RequirementView,
    Share,
    ShareBand,
    ShareBands,
    Statistics,
)
from generator.model import Status
from generator.paths import INDEX as SECTION_INDEX
from generator.paths import area_page, numbered_page, page_path, slugify
from generator.swedish import STANDING_LABELS

INDEX = page_path("jamforelse", SECTION_INDEX)
PER_PAGE = 100
"""Providers per comparison page: a matrix of a few hundred rows is already hard to read."""
BANDED_ABOVE = 60
"""Above this many providers with a latest share, the statistics count them per band of the share
instead of giving each a bar and a row: with 4,000 providers that page was 2 MB."""
BANDS = 10
"""Bands of ten percentage points below 100 %, and one band for 100 % itself."""

SortKey = Callable[[ProviderView], tuple[object, ...]]


def _deficiencies(provider: ProviderView) -> int:
    return sum(1 for c in provider.current if c.latest.status.deficient)


@dataclass(frozen=True)
class Sorting:
    """One order of the whole matrix, on a page of its own."""

    label: str
    page: str
    key: SortKey


SORTINGS = (
    Sorting("Namn", INDEX, lambda p: (p.record.name,)),
    Sorting(
        "Flest brister först", page_path("jamforelse", "flest-brister"), lambda p: (-_deficiencies(p), p.record.name)
    ),
    Sorting("Senaste beslut först", page_path("jamforelse", "senast-uppfoljd"), latest_first),
)


def comparison_pages(
    providers: tuple[ProviderView, ...], requirements: tuple[RequirementView, ...], areas: tuple[AreaView, ...]
) -> tuple[ComparisonPage, ...]:
    standings = sorted({p.standing for p in providers}, key=list(STANDING_LABELS).index)
    area_pages = {a.name: area_page(a.name) for a in areas}
    standing_pages = {s: page_path("jamforelse", f"lage-{slugify(STANDING_LABELS[s])}") for s in standings}
    rows = {p.record.id: _row(p, requirements) for p in providers}
    sortings = tuple(Link(sorting.label, sorting.page) for sorting in SORTINGS)
    area_menu = _menu("Alla områden", {a.name: area_pages[a.name] for a in areas})
    standing_menu = _menu("Alla lägen", {STANDING_LABELS[s]: standing_pages[s] for s in standings})
    position = {r.record.id: index for index, r in enumerate(requirements)}

    def page(
        path: str, description: str, columns: Sequence[RequirementView], shown: Sequence[ProviderView]
    ) -> list[ComparisonPage]:
        indexes = [position[c.record.id] for c in columns]
        shown_rows = [_columns(rows[p.record.id], indexes) for p in shown]
        shown_columns = tuple(ComparisonColumn(c.record.title, c.page) for c in columns)
        by_sorting, by_area, by_standing = marked(sortings, path), marked(area_menu, path), marked(standing_menu, path)
        return [
            ComparisonPage(
                description=description,
                columns=shown_columns,
                listing=part,
                sortings=by_sorting,
                areas=by_area,
                standings=by_standing,
            )
            for part in paged(shown_rows, lambda number: numbered_page(path, number), PER_PAGE)
        ]

    pages = [
        part
        for sorting in SORTINGS
        for part in page(
            sorting.page, f"Sorterat: {sorting.label.lower()}.", requirements, sorted(providers, key=sorting.key)
        )
    ]
    by_name = sorted(providers, key=lambda p: p.record.name)
    for a in areas:
        pages += page(area_pages[a.name], f"Bara området {a.name}.", a.requirements, by_name)
    for s in standings:
        shown = [p for p in by_name if p.standing is s]
        pages += page(standing_pages[s], f"Bara utförare med läget {STANDING_LABELS[s]}.", requirements, shown)
    return tuple(pages)


def _menu(everything: str, targets: dict[str, str]) -> tuple[Link, ...]:
    """A filter menu: the whole matrix first, then each filter's page by its label."""
    return (Link(everything, INDEX), *(Link(label, target) for label, target in targets.items()))


def _columns(row: ComparisonRow, indexes: list[int]) -> ComparisonRow:
    """The row with only some columns; built from the full row, so cells are made once per provider."""
    return dataclasses.replace(row, cells=tuple(row.cells[i] for i in indexes))


def _row(provider: ProviderView, columns: Sequence[RequirementView]) -> ComparisonRow:
    latest = {c.requirement.id: c.latest for c in provider.current}
    cells = (_cell(provider, r.record.title, latest.get(r.record.id)) for r in columns)
    return ComparisonRow(
        name=provider.record.name,
        page=provider.page,
        standing=provider.standing,
        freshness=provider.freshness,
        bases=provider.bases,
        cells=tuple(cells),
    )


def _cell(provider: ProviderView, title: str, latest: OutcomeView | None) -> ComparisonCell:
    """The latest outcome; unknown where a later partial copy does not show the requirement
    (it may have been assessed there), None ("–") where no published decision assessed it."""
    since = provider.unread_since
    if since is not None and (latest is None or _older(provider, latest.followup, since)):
        return ComparisonCell(title, Status.UNKNOWN, since.page)
    if latest is None:
        return ComparisonCell(title, None)
    return ComparisonCell(title, latest.status, latest.followup.page, latest.anchor)


def _older(provider: ProviderView, decision: FollowUpRef, than: FollowUpRef) -> bool:
    """Whether decision comes before than among the provider's decisions (newest first)."""
    order = [ref.id for ref in provider.followups]
    return order.index(decision.id) > order.index(than.id)


@dataclass(frozen=True)
class _Assessed:
    """One assessment as the statistics count it."""

    decision: str
    """The id of the decision that made it."""
    known: bool | None
    """Whether the requirement was satisfied; None where it is left out of the share (see statistics)."""


def statistics(
    providers: tuple[ProviderView, ...], oldest_first: tuple[FollowUpView, ...], banded_above: int = BANDED_ABOVE
) -> Statistics:
    """The share met per provider (its latest assessments), or above banded_above providers how many
    lie in each band of it; and per area and year, each with its base; per area, the assessments of
    undated decisions counted beside the years instead of in none."""
    per_area: dict[str, dict[int | None, list[_Assessed]]] = defaultdict(lambda: defaultdict(list))
    for followup in oldest_first:
        year = followup.record.date.year if followup.record.date else None
        for outcome in followup.outcomes:
            # An assessment from a partial copy, or of unknown status, is left out of the share
            # (None) and counted apart: the copy's unread areas would otherwise weigh nothing.
            known = outcome.status.satisfied if _shareable(followup, outcome.status) else None
            per_area[outcome.requirement.area][year].append(_Assessed(followup.ref.id, known))
    areas = tuple(_trend(area, years) for area, years in sorted(per_area.items()))
    shares = tuple(ProviderShare(p, p.current_share) for p in providers if p.current_share is not None)
    banded = len(shares) > banded_above
    return Statistics(
        providers=() if banded else shares,
        areas=areas,
        undated=sum(trend.undated for trend in areas),
        banded=share_bands([listed.share for listed in shares]) if banded else None,
    )


def share_bands(shares: Sequence[Share]) -> ShareBands:
    """How many of the shares lie in each band, every band listed (an empty one says 0 utförare),
    and how many are not known, by the words that say why."""
    known = [share for share in shares if share.known]
    bands = Counter(_band(share) for share in known)
    unknown = Counter(share.words for share in shares if not share.known)
    return ShareBands(
        bands=tuple(ShareBand(_band_label(band), bands[band], len(known)) for band in range(BANDS + 1)),
        unknown=tuple(ShareBand(words, count, len(known), given=False) for words, count in sorted(unknown.items())),
    )


def _band(share: Share) -> int:
    """The band of the exact share, not of its rounded percentage: 199 of 200 is "90 till under
    100 %" even though it prints as 100 %, and the band 100 % holds only shares with every requirement met."""
    return BANDS if share.met == share.total else BANDS * share.met // share.total


def _band_label(band: int) -> str:
    low, high = 100 * band // BANDS, 100 * (band + 1) // BANDS
    return "100 %" if band == BANDS else f"{low} till under {high} %"


def _trend(area: str, years: dict[int | None, list[_Assessed]]) -> AreaTrend:
    undated = years.get(None, [])
    dated = {year: assessed for year, assessed in years.items() if year is not None}
    return AreaTrend(
        area,
        tuple(_year_share(str(year), assessed) for year, assessed in sorted(dated.items())),
        undated=len(undated),
        undated_decisions=len({assessed.decision for assessed in undated}),
    )


def _shareable(followup: FollowUpView, status: Status) -> bool:
    return not followup.record.partial and status is not Status.UNKNOWN


def _year_share(label: str, assessed: list[_Assessed]) -> Share:
    """One year's share over the assessments that can be counted, from how many decisions; the rest left out."""
    counted = [one for one in assessed if one.known is not None]
    return Share(
        label,
        sum(1 for one in counted if one.known),
        len(counted),
        complete=bool(counted),
        left_out=len(assessed) - len(counted),
        decisions=len({one.decision for one in counted}),
    )
