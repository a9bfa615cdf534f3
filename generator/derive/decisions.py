"""Decision pages: order, references between decisions, grouped findings and deadline states."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from generator.derive import printed
from generator.derive.counts import OutcomeCounts
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
from generator.model import Deadline, DecisionOutcome, FollowUp, FollowUpKind, Outcome, Provider, Requirement, Status
from generator.paths import numbered_page, page_path, url_of, year_page
from generator.states import DeadlineState
from generator.swedish import KIND_NAMES, format_date

STATUS_ORDER = (Status.MET, Status.NOT_MET, Status.REMEDIED, Status.REMAINS, Status.UNKNOWN)
"""The order of counts in every listing ("4 × uppfyller · 4 × uppfyller inte")."""
PAGE_ORDER = (Status.NOT_MET, Status.REMAINS, Status.UNKNOWN, Status.MET, Status.REMEDIED)
"""The order of a decision page's findings: what was found wanting first, then what the copy
does not show, then what was met or remedied; within a status, the decision's own order."""


@dataclass(frozen=True)
class DecisionSummary:
    """The top of a decision page, for a reader who reads only that: what was followed up, when,
    the result, what was not met, what the provider must do by when, and whether a later decision
    followed it up. Each sentence says what the record says and no more."""

    subject: str
    """ "Uppföljning av kvalitetskrav hos Kvalitetsservice enligt avtal Voo 1905/2023." """
    when: str
    """ "Beslutet är daterat 16 maj 2022." or that the published decision gives no date."""
    result: str
    """ "Utföraren uppfyllde 4 av 8 bedömda krav; 4 krav uppfylldes inte." """
    shortcomings_label: str
    shortcomings: tuple[OutcomeView, ...]
    """The findings not met or remaining, in the decision's order; each links to its finding."""
    demands: tuple[str, ...]
    """ "Åtgärdsplan: senast 2 januari 2024, till …": what the provider must send in, by when."""
    demands_note: str | None
    """What the decision leaves out: "… sista dag anges inte i beslutet."."""
    announced: tuple[str, ...]
    """ "Enligt beslutet görs en resultatuppföljning efter 1 april 2024." """
    followed_up_by: tuple[FollowUpRef, ...]
    """The published result follow-ups of this decision."""
    not_followed_up: str | None
    """ "Ingen resultatuppföljning av beslutet är publicerad här ännu (läget den 1 juni 2025)." where
    the decision leaves something to follow up and none is published: never whether the provider acted."""
    earlier_unpublished: str | None
    """For a result follow-up whose earlier decision is not published here, that sentence."""
    identity: str
    """ "Beslut daterat 16 maj 2022 · Diarienummer Sov 881/2022": what a printed copy says of itself."""
    address: str
    """The page's permanent address relative to the site ("beslut/ID/"); the site's own address
    (site_url) goes before it where the build knows it."""

    @property
    def followed_up_label(self) -> str:
        """What goes before the links to the published result follow-ups, in the plural for several."""
        if len(self.followed_up_by) == 1:
            return "Resultatuppföljningen är publicerad:"
        return "Resultatuppföljningarna är publicerade:"


@dataclass(frozen=True, kw_only=True)
class DecisionPageView(FollowUpView):
    """A decision's view with its page's summary: only the decision page reads the summary (lists,
    feeds and open data read FollowUpView), as only the provider page reads ProviderPage's lines."""

    summary: DecisionSummary


def chronological(followups: Iterable[FollowUp]) -> tuple[FollowUp, ...]:
    """Oldest first; reversed, the order of every listing (newest first).

    A dated decision stands by its date. A decision without a date is not placed by a date it
    does not have: the undated ones come after every dated one, as a group of their own, so that
    listings show them first (marked by their missing date) instead of at the end as if oldest.
    A decision always comes after the one it follows up, so that a later decision can settle an
    earlier one's actions: a result follow-up on the same day comes after its decision, and one
    that follows up an undated decision comes right after it in that group, dated or not."""
    by_id = {f.id: f for f in followups}

    def effective(followup: FollowUp, depth: int = 0) -> tuple[bool, dt.date, int]:
        own = (followup.date is None, followup.date or dt.date.min, 0)
        earlier = by_id.get(followup.follows_up or "")
        if earlier is None or depth > len(by_id):  # the validator refuses circles; never loop on one
            return own
        undated, date, steps = effective(earlier, depth + 1)
        return max(own, (undated, date, steps + 1))

    return tuple(sorted(by_id.values(), key=lambda f: (*effective(f), f.id)))


YEAR_PAGE_SIZE = 100
"""Decisions per page of a year's listing: a national portal publishes thousands a year."""


def decision_years(newest_first: tuple[FollowUpView, ...]) -> tuple[DecisionYear, ...]:
    """The decisions index lists years, not every decision, so that it stays short at any size.
    The undated decisions first, as their own group (see chronological), then the years, newest first."""
    years: dict[int | None, list[FollowUpView]] = {}
    for followup in newest_first:
        years.setdefault(followup.record.date.year if followup.record.date else None, []).append(followup)
    order = sorted(years, key=lambda year: (year is not None, -(year or 0)))
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
    follows_up = refs.get(followup.follows_up or "")
    return DecisionPageView(
        record=followup,
        ref=ref,
        provider=provider,
        outcomes=outcomes,
        groups=_groups(outcomes),
        counts=count_statuses(outcomes),
        deficient_areas=_deficient_areas(outcomes),
        deadlines=tuple(_deadline_view(d, followed_up_by, as_of) for d in followup.decision.deadlines),
        follows_up=follows_up,
        followed_up_by=followed_up_by,
        summary=decision_summary(followup, provider, outcomes, follows_up, followed_up_by, as_of),
    )


def decision_summary(
    followup: FollowUp,
    provider: Provider | None,
    outcomes: tuple[OutcomeView, ...],
    follows_up: FollowUpRef | None,
    followed_up_by: tuple[FollowUpRef, ...],
    as_of: dt.date,
) -> DecisionSummary:
    """The page's summary, from the record, its outcomes and the decisions that follow it up."""
    counts = OutcomeCounts.of((o.status for o in outcomes), complete=not followup.partial)
    result_follow_up = followup.kind is FollowUpKind.RESULT_FOLLOW_UP
    deadlines = followup.decision.deadlines
    shortcomings = tuple(o for o in outcomes if o.status.deficient)
    return DecisionSummary(
        subject=printed.subject_words(followup, provider.name if provider else None),
        when=printed.date_words(followup),
        result=printed.result_words(counts, result_follow_up),
        shortcomings_label=_shortcomings_label(result_follow_up, counts.partial),
        shortcomings=shortcomings,
        demands=tuple(words for d in deadlines if (words := printed.demand_words(d)) is not None),
        demands_note=printed.demands_note(followup.decision),
        announced=tuple(words for d in deadlines if (words := printed.announced_words(d)) is not None),
        followed_up_by=followed_up_by,
        not_followed_up=_not_followed_up(followup, shortcomings, followed_up_by, as_of),
        earlier_unpublished=(
            "Det tidigare beslutet är inte publicerat här." if result_follow_up and follows_up is None else None
        ),
        identity=printed.identity_words(followup),
        address=url_of(page_path("beslut", followup.id)),
    )


def _shortcomings_label(result_follow_up: bool, partial: bool) -> str:
    label = "Brister som kvarstår" if result_follow_up else "Krav som inte uppfylldes"
    return label + (", av dem som kopian visar:" if partial else ":")


def _not_followed_up(
    followup: FollowUp, shortcomings: tuple[OutcomeView, ...], followed_up_by: tuple[FollowUpRef, ...], as_of: dt.date
) -> str | None:
    """Where the decision leaves something to follow up (a shortcoming, a date, a required plan) and
    no result follow-up of it is published here: that plain fact, as of the build's date."""
    decision = followup.decision
    open_ = shortcomings or decision.deadlines or decision.outcome is DecisionOutcome.ACTION_PLAN_REQUIRED
    if followed_up_by or not open_:
        return None
    return f"Ingen resultatuppföljning av beslutet är publicerad här ännu (läget den {format_date(as_of)})."


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
    return tuple(OutcomeGroup(s, tuple(by_status[s])) for s in PAGE_ORDER if s in by_status)


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
