"""The immutable views the templates display. Built by the other derive modules; never by templates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Generic, Literal, TypeVar

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
from generator.paths import badge_path, feed_path, page_path, url_of
from generator.states import ActionState, DeadlineState, EventKind, Standing

T = TypeVar("T")


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
    """One finding: a decision's assessment of one requirement."""

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

    @property
    def version_anchor(self) -> str:
        return f"version-{self.version.id}"


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

    @property
    def last_corrected(self) -> dt.date | None:
        """When the published decision last changed: its latest correction, if it has one."""
        return max((c.date for c in self.record.corrections), default=None)


@dataclass(frozen=True)
class RequiredAction:
    """A required action of one decision for one requirement, and what later decisions say of it."""

    finding: OutcomeView
    due: Deadline | None
    """The decision's action-plan deadline (or its documents deadline where it sets no plan)."""
    state: ActionState
    resolution: OutcomeView | None
    """The later assessment of the same requirement that settled it, if one is published."""

    @property
    def text(self) -> str:
        return self.finding.outcome.required_action or ""


@dataclass(frozen=True)
class TimelineEvent:
    kind: EventKind
    date: dt.date | None
    followup: FollowUpRef | None = None
    counts: tuple[StatusCount, ...] = ()
    deadline: DeadlineView | None = None


@dataclass(frozen=True)
class Share:
    """How many of the requirements assessed were met (or remedied) at one point."""

    label: str
    met: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.met / self.total) if self.total else 0


@dataclass(frozen=True)
class CurrentStatus:
    """The latest recorded outcome of one requirement for one provider."""

    requirement: Requirement
    latest: OutcomeView


@dataclass(frozen=True)
class Freshness:
    """How old the provider's latest follow-up of the requirements is, in the record's terms."""

    latest: FollowUpRef | None
    """The latest follow-up of all requirements (not a result follow-up), dated or not."""
    age: str | None
    """"för 2 år och 3 månader sedan"; None when there is no dated follow-up."""
    interval_years: int | None
    """The follow-up interval as the provider's latest decision stating one gives it."""
    older_than_interval: bool
    next_planned: dt.date | None
    sentences: tuple[str, ...]
    """Plain Swedish, each no stronger than the record."""


@dataclass(frozen=True)
class ProviderView:
    record: Provider
    page: str
    followups: tuple[FollowUpRef, ...]
    """Newest first."""
    current: tuple[CurrentStatus, ...]
    latest: FollowUpRef | None
    standing: Standing
    summary: tuple[str, ...]
    """Plain-Swedish sentences, each saying only what the records say."""
    actions: tuple[RequiredAction, ...]
    timeline: tuple[TimelineEvent, ...]
    shares: tuple[Share, ...]
    """Share of requirements met after each decision, oldest first."""
    freshness: Freshness

    @property
    def badge(self) -> str:
        return badge_path(self.record.id)

    @property
    def feed(self) -> str:
        return feed_path(self.record.id)

    @property
    def url(self) -> str:
        return url_of(self.page)

    @property
    def current_share(self) -> Share | None:
        return self.shares[-1] if self.shares else None


@dataclass(frozen=True)
class VersionView:
    version: RequirementVersion
    source: FollowUpRef | None
    """The decision the text is quoted from, where the record names one."""
    changes: VersionChanges | None = None
    """What changed from the version before this one; None for the first version."""

    @property
    def anchor(self) -> str:
        return f"version-{self.version.id}"

    @property
    def changes_anchor(self) -> str:
        return f"andringar-{self.version.id}"


@dataclass(frozen=True)
class FigureRow:
    figure: Figure
    assessment: OutcomeView


LISTED = 20
"""How many of a requirement's newest assessments, findings and figures its page lists."""


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

    @property
    def deficient(self) -> tuple[OutcomeView, ...]:
        """The assessments that found the requirement wanting: what typically fails."""
        return tuple(a for a in self.assessments if a.status.deficient)

    @property
    def listed(self) -> tuple[OutcomeView, ...]:
        """The newest assessments, which the page lists; the rest are in the open data and on
        the decision pages, so that the page stays readable with thousands of decisions."""
        return self.assessments[:LISTED]

    @property
    def listed_deficient(self) -> tuple[OutcomeView, ...]:
        return self.deficient[:LISTED]

    @property
    def listed_evidence(self) -> tuple[tuple[str, OutcomeView], ...]:
        """What controllers reviewed for this requirement in the listed decisions."""
        return tuple((item, a) for a in self.listed for item in a.outcome.evidence)

    @property
    def listed_figures(self) -> tuple[FigureRow, ...]:
        return self.figures[:LISTED]

    @property
    def truncated(self) -> bool:
        """Whether the page lists only the newest assessments."""
        return len(self.assessments) > LISTED


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a listing cut into pages (derive/paging.py)."""

    path: str
    items: tuple[T, ...]
    first: int
    """The position of the page's first item in the whole listing, from 1."""
    total: int
    """Items in the whole listing, over all its pages."""
    numbers: tuple[ComparisonLink, ...]
    """Links to every page of the listing, this one marked; empty when it fits on one page."""

    @property
    def last(self) -> int:
        return self.first + len(self.items) - 1


@dataclass(frozen=True)
class RegisterPage:
    """One page of one listing of the action register (all, one state or one requirement)."""

    heading: str
    listing: Page[RequiredAction]
    listings: tuple[ComparisonLink, ...]
    """The other listings: sortings and filters, each with its count in the label."""
    requirement_listings: tuple[ComparisonLink, ...]

    @property
    def page(self) -> str:
        return self.listing.path


@dataclass(frozen=True)
class DecisionYear:
    """One year's decisions, newest first, in pages; year None holds the undated ones."""

    year: int | None
    pages: tuple[Page[FollowUpView], ...]

    @property
    def page(self) -> str:
        return self.pages[0].path

    @property
    def total(self) -> int:
        return self.pages[0].total


@dataclass(frozen=True)
class AreaView:
    name: str
    requirements: tuple[RequirementView, ...]


@dataclass(frozen=True)
class ComparisonLink:
    label: str
    page: str
    active: bool


@dataclass(frozen=True)
class ComparisonColumn:
    title: str
    page: str


@dataclass(frozen=True)
class ComparisonCell:
    """What a matrix cell shows, and no more: so that an edit to a decision's wording leaves
    the comparison pages equal and the preview does not render them again."""

    status: Status
    page: str
    """The decision page where the finding stands."""
    anchor: str


@dataclass(frozen=True)
class ComparisonRow:
    name: str
    page: str
    standing: Standing
    freshness: Freshness
    cells: tuple[ComparisonCell | None, ...]
    """The latest outcome per column; None where the requirement was never assessed."""


@dataclass(frozen=True)
class ComparisonPage:
    """One sorting or filtering of the provider × requirement matrix, as its own page."""

    description: str
    columns: tuple[ComparisonColumn, ...]
    listing: Page[ComparisonRow]
    sortings: tuple[ComparisonLink, ...]
    areas: tuple[ComparisonLink, ...]
    standings: tuple[ComparisonLink, ...]

    @property
    def page(self) -> str:
        return self.listing.path


@dataclass(frozen=True)
class AreaTrend:
    area: str
    shares: tuple[Share, ...]
    """One per year with dated decisions, oldest first."""


@dataclass(frozen=True)
class Statistics:
    providers: tuple[tuple[ProviderView, Share], ...]
    areas: tuple[AreaTrend, ...]
    undated: int
    """Assessments left out of the trends because their decision has no date."""

    @property
    def provider_shares(self) -> tuple[Share, ...]:
        return tuple(Share(p.record.name, s.met, s.total) for p, s in self.providers)


@dataclass(frozen=True)
class Portal:
    """The whole site's content, as the templates see it."""

    as_of: dt.date
    providers: tuple[ProviderView, ...]
    requirements: tuple[RequirementView, ...]
    areas: tuple[AreaView, ...]
    followups: tuple[FollowUpView, ...]
    """Newest first."""
    recently_followed_up: tuple[ProviderView, ...]
    """The home page's few providers: the most recently followed up first."""
    decision_years: tuple[DecisionYear, ...]
    """Newest year first, the undated decisions last."""
    register: tuple[RegisterPage, ...]
    """The action register's pages."""
    actions: tuple[RequiredAction, ...]
    comparisons: tuple[ComparisonPage, ...]
    statistics: Statistics
    unknown_provider_count: int


DiffKind = Literal["same", "removed", "added", "break"]
"""A run of words in both versions, only in the older, only in the newer; or a line break."""


@dataclass(frozen=True)
class DiffSegment:
    """A run of words of a word-level diff, or a line break (kind "break", no text)."""

    kind: DiffKind
    text: str = ""


@dataclass(frozen=True)
class VersionChanges:
    """What changed from one version of a requirement to the next."""

    previous: VersionView
    text: tuple[DiffSegment, ...]
    """The requirement text word by word, in the newer text's order with the removed words where they stood."""
    notes: tuple[str, ...]
    """The changes to the sections, evidence and guidance, as plain-Swedish sentences."""

    @property
    def text_changed(self) -> bool:
        return any(segment.kind in ("removed", "added") for segment in self.text)
