"""Everything the pages show that is not written in a record: computed once, here.

Templates only display these immutable views. Every derived sentence is built
from what the records say and never stronger: a passed deadline with nothing
recorded is "nothing published yet", not "late".
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from generator.model import (
    Deadline,
    DeadlineKind,
    Figure,
    FollowUp,
    FollowUpKind,
    Outcome,
    Provider,
    Requirement,
    RequirementVersion,
    Status,
)
from generator.paths import page_path
from generator.swedish import KIND_NAMES
from generator.validate import DEFICIENT, DataSet

STATUS_ORDER = (Status.MET, Status.NOT_MET, Status.REMEDIED, Status.REMAINS)


@dataclass(frozen=True)
class FollowUpRef:
    """Enough of a decision to name it and link to it."""

    id: str
    page: str
    title: str
    date: dt.date | None
    case_number: str | None


@dataclass(frozen=True)
class OutcomeView:
    outcome: Outcome
    requirement: Requirement
    version: RequirementVersion
    heading: str
    followup: FollowUpRef
    provider: Provider | None

    @property
    def status(self) -> Status:
        return self.outcome.status

    @property
    def requirement_page(self) -> str:
        return page_path("krav", self.requirement.id)

    @property
    def provider_page(self) -> str | None:
        return page_path("utforare", self.provider.id) if self.provider else None

    @property
    def anchor(self) -> str:
        """The finding's anchor on its decision page: stable as long as the requirement id is."""
        return f"krav-{self.requirement.id}"


@dataclass(frozen=True)
class StatusCount:
    status: Status
    count: int


@dataclass(frozen=True)
class OutcomeGroup:
    """Outcomes of one status, in the order the decision lists them."""

    status: Status
    outcomes: tuple[OutcomeView, ...]


@dataclass(frozen=True)
class AreaGroup:
    area: str
    titles: tuple[str, ...]


class DeadlineState(StrEnum):
    UPCOMING = "upcoming"
    PASSED_NOTHING_PUBLISHED = "passed_nothing_published"
    FOLLOWED_UP = "followed_up"


@dataclass(frozen=True)
class DeadlineView:
    deadline: Deadline
    state: DeadlineState
    followed_up_by: FollowUpRef | None

    @property
    def is_result_follow_up(self) -> bool:
        return self.deadline.kind is DeadlineKind.RESULT_FOLLOW_UP


@dataclass(frozen=True)
class FollowUpView:
    record: FollowUp
    ref: FollowUpRef
    provider: Provider | None
    outcomes: tuple[OutcomeView, ...]
    groups: tuple[OutcomeGroup, ...]
    counts: tuple[StatusCount, ...]
    deficient_areas: tuple[AreaGroup, ...]
    deadlines: tuple[DeadlineView, ...]
    follows_up: FollowUpRef | None
    followed_up_by: tuple[FollowUpRef, ...]

    @property
    def is_result_follow_up(self) -> bool:
        return self.record.kind is FollowUpKind.RESULT_FOLLOW_UP

    @property
    def provider_page(self) -> str | None:
        return page_path("utforare", self.provider.id) if self.provider else None


@dataclass(frozen=True)
class CurrentStatus:
    """The latest recorded outcome of one requirement for one provider."""

    requirement: Requirement
    latest: OutcomeView


@dataclass(frozen=True)
class ProviderView:
    record: Provider
    page: str
    followups: tuple[FollowUpRef, ...]
    current: tuple[CurrentStatus, ...]
    latest: FollowUpRef | None
    deadlines: tuple[DeadlineView, ...]
    """The dates set by the latest decision, with what is known of each."""


@dataclass(frozen=True)
class VersionView:
    version: RequirementVersion
    source: FollowUpRef | None
    """The decision the text is quoted from, where the record names one."""


@dataclass(frozen=True)
class FigureRow:
    figure: Figure
    assessment: OutcomeView


@dataclass(frozen=True)
class RequirementView:
    record: Requirement
    page: str
    versions: tuple[VersionView, ...]
    """Newest first."""
    assessments: tuple[OutcomeView, ...]
    """Newest decision first."""
    counts: tuple[StatusCount, ...]
    figures: tuple[FigureRow, ...]

    @property
    def current_version(self) -> RequirementVersion:
        return self.versions[0].version


@dataclass(frozen=True)
class AreaView:
    name: str
    requirements: tuple[RequirementView, ...]


@dataclass(frozen=True)
class Portal:
    """The whole site's content, as the templates see it."""

    as_of: dt.date
    providers: tuple[ProviderView, ...]
    requirements: tuple[RequirementView, ...]
    areas: tuple[AreaView, ...]
    followups: tuple[FollowUpView, ...]
    unknown_provider_count: int


def derive(dataset: DataSet, as_of: dt.date) -> Portal:
    requirements = {r.id: r for r in dataset.requirements}
    providers = {p.id: p for p in dataset.providers}
    ordered = chronological(dataset.followups)
    refs = {f.id: _ref(f, providers) for f in ordered}
    followers = _followers(ordered, refs)
    followups = tuple(_followup_view(f, requirements, providers, refs, followers, as_of) for f in ordered)
    newest_first = tuple(reversed(followups))
    requirement_views = tuple(
        _requirement_view(r, newest_first, refs) for r in sorted(dataset.requirements, key=lambda r: (r.area, r.title))
    )
    return Portal(
        as_of=as_of,
        providers=tuple(_provider_view(p, followups) for p in sorted(dataset.providers, key=lambda p: p.name)),
        requirements=requirement_views,
        areas=_areas(requirement_views),
        followups=newest_first,
        unknown_provider_count=sum(1 for f in dataset.followups if f.provider is None),
    )


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


def _ref(followup: FollowUp, providers: dict[str, Provider]) -> FollowUpRef:
    provider = providers.get(followup.provider or "")
    subject = provider.name if provider else followup.case_number
    title = f"{KIND_NAMES[followup.kind]} – {subject}" if subject else KIND_NAMES[followup.kind]
    return FollowUpRef(followup.id, page_path("beslut", followup.id), title, followup.date, followup.case_number)


def _followers(ordered: tuple[FollowUp, ...], refs: dict[str, FollowUpRef]) -> dict[str, tuple[FollowUpRef, ...]]:
    result: dict[str, list[FollowUpRef]] = {}
    for followup in ordered:
        if followup.follows_up is not None:
            result.setdefault(followup.follows_up, []).append(refs[followup.id])
    return {key: tuple(value) for key, value in result.items()}


def _followup_view(
    followup: FollowUp,
    requirements: dict[str, Requirement],
    providers: dict[str, Provider],
    refs: dict[str, FollowUpRef],
    followers: dict[str, tuple[FollowUpRef, ...]],
    as_of: dt.date,
) -> FollowUpView:
    provider = providers.get(followup.provider or "")
    outcomes = tuple(
        _outcome_view(o, requirements[o.requirement], refs[followup.id], provider) for o in followup.outcomes
    )
    followed_up_by = followers.get(followup.id, ())
    return FollowUpView(
        record=followup,
        ref=refs[followup.id],
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
    groups = (OutcomeGroup(s, tuple(o for o in outcomes if o.status is s)) for s in STATUS_ORDER)
    return tuple(group for group in groups if group.outcomes)


def count_statuses(outcomes: Iterable[OutcomeView]) -> tuple[StatusCount, ...]:
    counts = Counter(o.status for o in outcomes)
    return tuple(StatusCount(s, counts[s]) for s in STATUS_ORDER if counts[s])


def _deficient_areas(outcomes: tuple[OutcomeView, ...]) -> tuple[AreaGroup, ...]:
    """The decision's list of contract areas with deficiencies, areas in first-seen order."""
    areas: dict[str, list[str]] = {}
    for outcome in outcomes:
        if outcome.status in DEFICIENT:
            titles = areas.setdefault(outcome.requirement.area, [])
            if outcome.requirement.title != outcome.requirement.area:
                titles.append(outcome.requirement.title)
    return tuple(AreaGroup(area, tuple(titles)) for area, titles in areas.items())


def _deadline_view(deadline: Deadline, followed_up_by: tuple[FollowUpRef, ...], as_of: dt.date) -> DeadlineView:
    """Upcoming until its date; after it, either the published result follow-up or
    the plain fact that none is published here yet."""
    if followed_up_by:
        return DeadlineView(deadline, DeadlineState.FOLLOWED_UP, followed_up_by[0])
    if as_of <= deadline.date:
        return DeadlineView(deadline, DeadlineState.UPCOMING, None)
    return DeadlineView(deadline, DeadlineState.PASSED_NOTHING_PUBLISHED, None)


def _provider_view(provider: Provider, followups: tuple[FollowUpView, ...]) -> ProviderView:
    own = tuple(f for f in followups if f.provider is not None and f.provider.id == provider.id)
    latest: dict[str, OutcomeView] = {}
    for followup in own:
        for outcome in followup.outcomes:
            latest[outcome.requirement.id] = outcome
    current = tuple(
        CurrentStatus(o.requirement, o)
        for o in sorted(latest.values(), key=lambda o: (o.requirement.area, o.requirement.title))
    )
    return ProviderView(
        record=provider,
        page=page_path("utforare", provider.id),
        followups=tuple(f.ref for f in reversed(own)),
        current=current,
        latest=own[-1].ref if own else None,
        deadlines=own[-1].deadlines if own else (),
    )


def _requirement_view(
    requirement: Requirement, newest_first: tuple[FollowUpView, ...], refs: dict[str, FollowUpRef]
) -> RequirementView:
    assessments = tuple(o for f in newest_first for o in f.outcomes if o.requirement.id == requirement.id)
    return RequirementView(
        record=requirement,
        page=page_path("krav", requirement.id),
        versions=tuple(VersionView(v, refs.get(v.quoted_from or "")) for v in reversed(requirement.versions)),
        assessments=assessments,
        counts=count_statuses(assessments),
        figures=tuple(FigureRow(f, o) for o in assessments for f in o.outcome.figures),
    )


def _areas(requirements: tuple[RequirementView, ...]) -> tuple[AreaView, ...]:
    names = dict.fromkeys(r.record.area for r in requirements)
    return tuple(AreaView(name, tuple(r for r in requirements if r.record.area == name)) for name in names)
