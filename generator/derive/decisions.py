"""Decision pages: order, references between decisions, grouped findings and deadline states."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

from generator.derive.paging import paged
from generator.derive.views import (
    AreaGroup,
    DeadlineView,
    DecisionYear,
    FollowUpRef,
    FollowUpView,
    OutcomeGroup,
    OutcomeView,
    Page,
    StatusCount,
)
from generator.kept import keep_only, reused
from generator.model import Deadline, FollowUp, Outcome, Provider, Requirement, Status
from generator.paths import numbered_page, page_path, year_page
from generator.states import DeadlineState
from generator.swedish import KIND_NAMES

STATUS_ORDER = (Status.MET, Status.NOT_MET, Status.REMEDIED, Status.REMAINS, Status.UNKNOWN)


def chronological(followups: Iterable[FollowUp]) -> tuple[FollowUp, ...]:
    """Oldest first. A decision without a date takes the date of the one it follows up,
    so that a result follow-up always comes after its decision; undated ones come first."""
    by_id = {f.id: f for f in followups}

    def effective(followup: FollowUp, depth: int = 0) -> tuple[dt.date, int]:
        if followup.date is not None:
            return followup.date, depth
        earlier = by_id.get(followup.follows_up or "")
        if earlier is None or depth > len(by_id):
            return dt.date.min, depth
        return effective(earlier, depth + 1)

    return tuple(sorted(by_id.values(), key=lambda f: (*effective(f), f.id)))


YEAR_PAGE_SIZE = 100
"""Decisions per page of a year's listing: a national portal publishes thousands a year."""


def decision_years(newest_first: tuple[FollowUpView, ...]) -> tuple[DecisionYear, ...]:
    """The decisions index lists years, not every decision, so that it stays short at any size."""
    years: dict[int | None, list[FollowUpView]] = {}
    for followup in newest_first:
        years.setdefault(followup.record.date.year if followup.record.date else None, []).append(followup)
    order = sorted(years, key=lambda year: (year is None, -(year or 0)))
    return tuple(DecisionYear(year, _year_pages(year, years[year])) for year in order)


def _year_pages(year: int | None, followups: list[FollowUpView]) -> tuple[Page[FollowUpView], ...]:
    first = year_page(year)
    return tuple(paged(followups, lambda number: numbered_page(first, number), YEAR_PAGE_SIZE))


ViewCache = dict[str, tuple[tuple[object, ...], FollowUpView]]
"""Each decision's view and what it was made from, by decision id: the preview keeps it, so
that after a save only the saved decision gets a new view, and pages showing the others find
their views unchanged at a glance (the same objects)."""


def followup_views(
    ordered: tuple[FollowUp, ...],
    requirements: dict[str, Requirement],
    providers: dict[str, Provider],
    as_of: dt.date,
    cache: ViewCache | None = None,
) -> tuple[FollowUpView, ...]:
    """One view per decision, oldest first."""
    refs = {f.id: _ref(f, providers) for f in ordered}
    followers: dict[str, list[FollowUpRef]] = {}
    for followup in ordered:
        if followup.follows_up is not None:
            followers.setdefault(followup.follows_up, []).append(refs[followup.id])
    views = []
    for followup in ordered:
        provider = providers.get(followup.provider or "")
        followed_up_by = tuple(followers.get(followup.id, ()))
        inputs = (
            followup,
            provider,
            tuple(requirements[o.requirement] for o in followup.outcomes),
            refs[followup.id],
            refs.get(followup.follows_up or ""),
            followed_up_by,
            as_of,
        )
        view = reused(cache, followup.id, inputs)  # unchanged files keep their record objects
        if view is None:
            view = _followup_view(followup, requirements, provider, refs, followed_up_by, as_of)
            if cache is not None:
                cache[followup.id] = (inputs, view)
        views.append(view)
    keep_only(cache, refs.keys())
    return tuple(views)


def _ref(followup: FollowUp, providers: dict[str, Provider]) -> FollowUpRef:
    provider = providers.get(followup.provider or "")
    subject = provider.name if provider else followup.case_number
    title = f"{KIND_NAMES[followup.kind]} – {subject}" if subject else KIND_NAMES[followup.kind]
    return FollowUpRef(followup.id, page_path("beslut", followup.id), title, followup.date, followup.case_number)


def _followup_view(
    followup: FollowUp,
    requirements: dict[str, Requirement],
    provider: Provider | None,
    refs: dict[str, FollowUpRef],
    followed_up_by: tuple[FollowUpRef, ...],
    as_of: dt.date,
) -> FollowUpView:
    ref = refs[followup.id]
    outcomes = tuple(_outcome_view(o, requirements[o.requirement], ref, provider) for o in followup.outcomes)
    return FollowUpView(
        record=followup,
        ref=ref,
        provider=provider,
        outcomes=outcomes,
        groups=_groups(outcomes),
        counts=count_statuses(outcomes),
        deficient_areas=_deficient_areas(outcomes),
        deadlines=tuple(_deadline_view(d, followed_up_by, as_of) for d in followup.decision.deadlines),
        follows_up=refs.get(followup.follows_up or ""),
        followed_up_by=followed_up_by,
    )


def _outcome_view(
    outcome: Outcome, requirement: Requirement, followup: FollowUpRef, provider: Provider | None
) -> OutcomeView:
    version = next(v for v in requirement.versions if v.id == outcome.requirement_version)
    heading = outcome.heading or f"{requirement.area} – {requirement.title}"
    return OutcomeView(outcome, requirement, version, heading, followup, provider)


def _groups(outcomes: tuple[OutcomeView, ...]) -> tuple[OutcomeGroup, ...]:
    by_status: dict[Status, list[OutcomeView]] = {}
    for outcome in outcomes:
        by_status.setdefault(outcome.status, []).append(outcome)
    return tuple(OutcomeGroup(s, tuple(by_status[s])) for s in STATUS_ORDER if s in by_status)


def count_statuses(outcomes: Iterable[OutcomeView]) -> tuple[StatusCount, ...]:
    counts = Counter(o.status for o in outcomes)
    return tuple(StatusCount(s, counts[s]) for s in STATUS_ORDER if counts[s])


def _deficient_areas(outcomes: tuple[OutcomeView, ...]) -> tuple[AreaGroup, ...]:
    """The decision's list of contract areas with deficiencies, areas in first-seen order; each
    finding under its area by its name as printed (with the requirement's name where they differ)."""
    areas: dict[str, list[str]] = {}
    for outcome in outcomes:
        if outcome.status.deficient:
            titles = areas.setdefault(outcome.requirement.area, [])
            if outcome.requirement_name_beside or outcome.requirement.title != outcome.requirement.area:
                titles.append(outcome.label)
    return tuple(AreaGroup(area, tuple(titles)) for area, titles in areas.items())


def _deadline_view(deadline: Deadline, followed_up_by: tuple[FollowUpRef, ...], as_of: dt.date) -> DeadlineView:
    """Upcoming until its date; after it, either the published result follow-up or
    the plain fact that none is published here yet."""
    if followed_up_by:
        return DeadlineView(deadline, DeadlineState.FOLLOWED_UP, followed_up_by[0])
    if as_of <= deadline.date:
        return DeadlineView(deadline, DeadlineState.UPCOMING, None)
    return DeadlineView(deadline, DeadlineState.PASSED_NOTHING_PUBLISHED, None)
