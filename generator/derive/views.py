"""The immutable views the templates display. Built by the other derive modules; never by templates.

Long because it is the templates' whole vocabulary: the views refer to one another (a provider's
view holds decision views and shares, `Portal` holds them all), so split by page each part would
import the rest; the length is declarations, with no logic beyond what a view says of itself.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from dataclasses import dataclass
from typing import Generic, Literal, TypeVar

from generator import paths
from generator.derive import printed
from generator.derive.counts import OutcomeCounts, partial_copy_sentence
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
from generator.originals import PublishedOriginal, published_original
from generator.paths import badge_path, feed_path, page_path, url_of
from generator.states import ActionState, DeadlineState, EventKind, Standing
from generator.swedish import format_date

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
        return paths.finding_anchor(self.requirement.id)

    @property
    def version_anchor(self) -> str:
        return paths.version_anchor(self.version.id)

    @functools.cached_property
    def name_as_printed(self) -> str:
        """What the decision calls this finding: the heading as printed, else the requirement's name.
        Every list, sentence, register entry and CSV row naming the finding shows this."""
        return printed.name_as_printed(self.outcome, self.requirement)

    @functools.cached_property
    def requirement_name_beside(self) -> str | None:
        """The requirement's own name, shown beside the name as printed where the two differ.
        Both names are kept on the view once asked: every page and file that names the finding asks."""
        return printed.requirement_name_beside(self.outcome, self.requirement)

    @property
    def label(self) -> str:
        """The name as printed in plain text, with the requirement's name beside it where they differ."""
        beside = self.requirement_name_beside
        return f"{self.name_as_printed} (kvalitetskravet {beside})" if beside else self.name_as_printed


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
    def tally(self) -> OutcomeCounts:
        """The outcomes counted, and whether the copy is complete: what every count reads."""
        return OutcomeCounts.of((o.status for o in self.outcomes), complete=not self.record.partial)

    @property
    def copy_sentence(self) -> str:
        """ "Den publicerade kopian av beslutet är ofullständig: …"; empty for a complete copy."""
        return partial_copy_sentence(self.record)

    @property
    def assessment_sentence(self) -> str:
        """ "Minst 3 krav uppfylldes inte; övriga områden framgår inte av den publicerade kopian." """
        return self.tally.sentence(self.is_result_follow_up)

    @property
    def provider_page(self) -> str | None:
        return page_path("utforare", self.provider.id) if self.provider else None

    @property
    def last_corrected(self) -> dt.date | None:
        """When the published decision last changed: its latest correction, if it has one."""
        return max((c.date for c in self.record.corrections), default=None)

    @property
    def basis_words(self) -> str | None:
        """ "Överenskommelse med Programnämnd X, Sov 100/2020"; None when the record does not say."""
        return printed.basis_words(self.record.basis)

    @property
    def date_as_printed(self) -> str | None:
        """The date as the decision prints it, where that differs from YYYY-MM-DD."""
        return printed.date_as_printed(self.record)

    @property
    def original(self) -> PublishedOriginal | None:
        """Where the page and open data offer the published original, if the record names one."""
        return published_original(self.record)


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

    @property
    def followup(self) -> FollowUpRef:
        return self.finding.followup

    @property
    def provider(self) -> Provider | None:
        return self.finding.provider

    @property
    def kind(self) -> str:
        """The entry's kind in the open data: "finding", an action for one requirement."""
        return "finding"

    @property
    def is_deliverable(self) -> bool:
        return False


@dataclass(frozen=True)
class Deliverable:
    """What a decision as a whole sets a date for: the action plan, the documents to send in, or
    the result follow-up it announces; one per deadline, with its items as the decision lists them.

    Its state says only what the records say: the date has not passed, it has passed with no
    result follow-up of the decision published here, or a result follow-up is published. No
    record says whether the documents arrived, so a deliverable is never "remedied"."""

    view: DeadlineView
    followup: FollowUpRef
    provider: Provider | None
    state: ActionState
    position: int
    """The deadline's place among the decision's deadlines, from 1."""

    @property
    def due(self) -> Deadline:
        return self.view.deadline

    @property
    def kind(self) -> str:
        """The entry's kind in the open data: action_plan, documents or result_follow_up."""
        return self.view.deadline.kind.value

    @property
    def text(self) -> str:
        return self.view.deadline.text or ""

    @property
    def items(self) -> tuple[str, ...]:
        return self.view.deadline.items

    @property
    def followed_up_by(self) -> FollowUpRef | None:
        return self.view.followed_up_by

    @property
    def provider_page(self) -> str | None:
        return page_path("utforare", self.provider.id) if self.provider else None

    @property
    def is_result_follow_up(self) -> bool:
        return self.view.is_result_follow_up

    @property
    def is_deliverable(self) -> bool:
        return True


RegisterEntry = RequiredAction | Deliverable
"""An entry of the action register: an action for one finding, or a deliverable of a whole decision."""


@dataclass(frozen=True)
class TimelineEvent:
    kind: EventKind
    date: dt.date | None
    followup: FollowUpRef | None = None
    counts: tuple[StatusCount, ...] = ()
    deadline: DeadlineView | None = None
    partial: bool = False
    """The decision's copy is partial: its counts are "at least"."""


MIN_DECISIONS = 2
"""A share that sums up decisions (statistics per area and year) is given over at least this many:
one decision is one provider's follow-up, not a level for the year."""


@dataclass(frozen=True)
class Share:
    """How many of the requirements assessed were met (or remedied) at one point.

    Every page and chart says a share through `words` or `figure`, so that a percentage never
    stands without its base, and where no share is given the reason stands in its place."""

    label: str
    met: int
    total: int
    complete: bool = True
    """False where the share would rest on a partial copy or an unknown status: then no share
    is given (met and total are not shown), never one computed as if the copy were complete."""
    left_out: int = 0
    """Assessments from partial copies, or with an unknown status, not counted in met and total."""
    decisions: int | None = None
    """How many decisions met and total come from, where the share sums up decisions (statistics
    per area and year); None where it is one provider's after one decision."""

    @property
    def percent(self) -> int:
        return round(100 * self.met / self.total) if self.total else 0

    @property
    def known(self) -> bool:
        """Whether met and total are known: a complete base with at least one assessment."""
        return self.complete and self.total > 0

    @property
    def single_decision(self) -> bool:
        """Whether the share would sum up fewer decisions than MIN_DECISIONS: then only the counts are given."""
        return self.decisions is not None and self.decisions < MIN_DECISIONS

    @property
    def given(self) -> bool:
        """Whether a percentage is given (and drawn as a bar)."""
        return self.known and not self.single_decision

    @property
    def part(self) -> float:
        """The share as a fraction, drawn as a bar's length where given."""
        return self.met / self.total if self.given else 0.0

    @property
    def base(self) -> str:
        """ "1 av 2 bedömda krav", with the decisions where the share sums up several."""
        base = f"{self.met} av {self.total} bedömda krav"
        if self.decisions is not None:
            base += f" i {self.decisions} beslut"  # the same word in the singular and the plural
        return base

    @property
    def words(self) -> str:
        """ "50 % (1 av 2 bedömda krav)"; where no percentage is given, the counts and why, or that it is unknown."""
        if not self.complete:
            return "okänd (ofullständig kopia)"
        if not self.total:
            return "inga bedömda krav"
        if self.single_decision:
            return f"{self.base}; ingen andel anges för ett enda beslut"
        return f"{self.percent} % ({self.base})"

    @property
    def figure(self) -> str:
        """The chart's short label beside a bar: "50 % (1 av 2)"."""
        if not self.known:
            return "okänd (ofullständig kopia)" if not self.complete else "inga bedömda krav"
        if self.single_decision:
            return f"{self.met} av {self.total}, ett beslut"
        return f"{self.percent} % ({self.met} av {self.total})"

    @property
    def left_out_words(self) -> str:
        """ "3 bedömningar ur ofullständiga kopior"; "–" where none was left out."""
        if not self.left_out:
            return "–"
        noun = "bedömning" if self.left_out == 1 else "bedömningar"
        return f"{self.left_out} {noun} ur ofullständiga kopior"


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

    @property
    def date_words(self) -> str:
        """The latest follow-up's date in words, for a list; that the decision gives none, or that there is none."""
        if self.latest is None:
            return "ingen publicerad"
        return format_date(self.latest.date) if self.latest.date else "datum saknas i beslutet"


@dataclass(frozen=True)
class ProviderFactsLine:
    """Facts one decision states about its provider: true as of that decision, not now."""

    followup: FollowUpRef
    sentence: str
    """ "Enligt beslutet den 3 mars 2021: 60 kunder, 30 medarbetare"."""


@dataclass(frozen=True)
class ProviderView:
    record: Provider
    page: str
    followups: tuple[FollowUpRef, ...]
    """Newest first."""
    current: tuple[CurrentStatus, ...]
    latest: FollowUpRef | None
    standing: Standing
    actions: tuple[RegisterEntry, ...]
    """The provider's entries of the action register: per decision, oldest first."""
    shares: tuple[Share, ...]
    """Share of requirements met after each decision, oldest first."""
    freshness: Freshness
    bases: tuple[str, ...] = ()
    """The contracts and agreements in words, from the decisions; numbers only the provider record gives last."""
    unread_since: FollowUpRef | None = None
    """The partial copy after which no complete follow-up is published: the requirements it does
    not show have an unknown latest assessment (the comparison shows them as unknown)."""

    @property
    def kind_words(self) -> str:
        """ "Kommunal utförare", "Privat utförare" or *uppgift saknas*."""
        return printed.provider_kind_words(self.record.kind)

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
        return paths.version_anchor(self.version.id)

    @property
    def changes_anchor(self) -> str:
        return paths.changes_anchor(self.version.id)


@dataclass(frozen=True)
class FigureRow:
    figure: Figure
    assessment: OutcomeView


LISTED = 20
"""How many of a requirement's newest assessments, findings and figures its page lists."""


@dataclass(frozen=True)
class ReviewedEvidence:
    """One item of evidence a decision names for a requirement, with the assessment that reviewed it."""

    item: str
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
    def listed_evidence(self) -> tuple[ReviewedEvidence, ...]:
        """What controllers reviewed for this requirement in the listed decisions."""
        return tuple(ReviewedEvidence(item, a) for a in self.listed for item in a.outcome.evidence)

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
    numbers: tuple[Link, ...]
    """Links to some pages of the listing, this one current (derive/paging.page_numbers); empty
    when it fits on one page."""
    previous_page: str | None
    next_page: str | None

    @property
    def last(self) -> int:
        return self.first + len(self.items) - 1


@dataclass(frozen=True)
class RegisterPage:
    """One page of one listing of the action register (all, one state or one requirement)."""

    heading: str
    listing: Page[RegisterEntry]
    listings: tuple[Link, ...]
    """The other listings: sortings and filters, each with its count in the label."""
    requirement_listings: tuple[Link, ...]

    @property
    def page(self) -> str:
        return self.listing.path

    @property
    def menus(self) -> tuple[Menu, ...]:
        return (Menu("Visa", self.listings), Menu("Krav", self.requirement_listings))


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


COMPARISON_HEADINGS = ("Utförare", "Avtal eller överenskommelse", "Läge", "Kraven senast uppföljda")
"""The comparison's columns about the provider, before those of the requirements."""

MATRIX_COLUMNS = 3
"""The most requirement columns the comparison shows as a table on a wide screen (beside the
provider's name, basis, standing and date); more read as a card per provider."""


@dataclass(frozen=True)
class Link:
    """One entry of a menu of pages: the page numbers of a listing, the sortings and filters of
    the comparison and the provider list, the register's listings. The entry for the page's own
    listing is current, shown as text rather than as a link to itself (derive/paging.marked)."""

    label: str
    page: str
    """The page it leads to: a listing's first page, or in a listing's page numbers one of its pages."""
    current: bool = False
    follows_gap: bool = False
    """In a listing's page numbers: pages before this one are left out (printed as …)."""


@dataclass(frozen=True)
class Menu:
    """A titled menu of links above a listing ("Sortera", "Läge"): its title also names it for screen readers."""

    title: str
    links: tuple[Link, ...]


@dataclass(frozen=True)
class ComparisonColumn:
    title: str
    page: str


@dataclass(frozen=True)
class ComparisonCell:
    """What a matrix cell shows, and no more: so that an edit to a decision's wording leaves
    the comparison pages equal and the preview does not render them again."""

    requirement: str
    """The requirement's title: the cell's label, where the matrix reads as cards."""
    status: Status | None
    """The latest outcome; None where no published decision assessed the requirement ("–")."""
    page: str = ""
    """The decision page where the finding stands."""
    anchor: str = ""


@dataclass(frozen=True)
class ComparisonRow:
    name: str
    page: str
    standing: Standing
    freshness: Freshness
    bases: tuple[str, ...]
    """The provider's contracts and agreements in words (ProviderView.bases)."""
    cells: tuple[ComparisonCell, ...]
    """The latest outcome per column."""


@dataclass(frozen=True)
class ComparisonPage:
    """One sorting or filtering of the provider × requirement matrix, as its own page."""

    description: str
    columns: tuple[ComparisonColumn, ...]
    listing: Page[ComparisonRow]
    sortings: tuple[Link, ...]
    areas: tuple[Link, ...]
    standings: tuple[Link, ...]

    @property
    def page(self) -> str:
        return self.listing.path

    @property
    def menus(self) -> tuple[Menu, ...]:
        return (Menu("Sortera", self.sortings), Menu("Område", self.areas), Menu("Läge", self.standings))

    @property
    def headings(self) -> tuple[str, ...]:
        """The matrix's column headings: the provider's, then one per requirement."""
        return (*COMPARISON_HEADINGS, *(column.title for column in self.columns))

    @property
    def cards(self) -> bool:
        """Whether the matrix reads as one card per provider at every width: with more requirement
        columns than MATRIX_COLUMNS a table row would not fit a screen without scrolling sideways."""
        return len(self.columns) > MATRIX_COLUMNS


@dataclass(frozen=True)
class AreasServed:
    """Where a provider works, as the newest decision that says so prints it: true as of that decision."""

    areas: tuple[str, ...]
    followup: FollowUpRef

    @property
    def source(self) -> str:
        """ "enligt beslutet den 3 mars 2021", or that the decision gives no date."""
        date = self.followup.date
        return f"enligt beslutet den {format_date(date)}" if date else "enligt beslutet, som saknar datum"


@dataclass(frozen=True)
class ProviderListRow:
    """One provider in the provider list: what a reader compares before opening its page. Only
    this, so that an edit to a decision's wording leaves the list equal and unrendered."""

    name: str
    page: str
    standing: Standing
    freshness: Freshness
    bases: tuple[str, ...]
    """The contracts and agreements in words (ProviderView.bases)."""
    served: AreasServed | None
    """None where no published decision says where the provider works: "område okänt", never none."""


@dataclass(frozen=True)
class ProviderListPage:
    """One listing of the providers (all of them, one standing, one area served), one page of it."""

    heading: str
    description: str
    """What the listing holds, in a sentence."""
    listing: Page[ProviderListRow]
    standings: tuple[Link, ...]
    areas: tuple[Link, ...]
    letters: tuple[Link, ...] = ()
    """The listings by first letter, where there are so many providers that the list is grouped so."""
    unknown_provider_count: int = 0
    """Decisions that name no provider; the list of all providers says where they are."""

    @property
    def page(self) -> str:
        return self.listing.path

    @property
    def menus(self) -> tuple[Menu, ...]:
        """The menus that have links: the letters only where the list is grouped by them."""
        menus = (Menu("Läge", self.standings), Menu("Verksam i", self.areas), Menu("Namn på", self.letters))
        return tuple(menu for menu in menus if menu.links)


@dataclass(frozen=True)
class AreaTrend:
    area: str
    shares: tuple[Share, ...]
    """One per year with dated decisions, oldest first."""
    undated: int = 0
    """Assessments in the area from decisions without a date: in no year, counted here."""
    undated_decisions: int = 0

    @property
    def undated_words(self) -> str:
        """ "8 bedömningar i 1 beslut som saknar datum"."""
        noun = "bedömning" if self.undated == 1 else "bedömningar"
        return f"{self.undated} {noun} i {self.undated_decisions} beslut som saknar datum"


@dataclass(frozen=True)
class ShareBand:
    """How many providers' latest shares lie in one band of the share met (ShareBands.bands), or
    are not known: a count of providers and nothing more, so that a band's bar never reads as a share."""

    label: str
    """ "50 till under 60 %", "100 %"; or the words of a share not known ("okänd (ofullständig kopia)")."""
    providers: int
    of: int
    """How many providers the bands of the chart count together: the bar is the band's part of them."""
    given: bool = True
    """Whether the band is one of the share (drawn in the chart), not of shares not known."""

    @property
    def part(self) -> float:
        return self.providers / self.of if self.of else 0.0

    @property
    def figure(self) -> str:
        """ "12 utförare" (the same word in the singular and the plural)."""
        return f"{self.providers} utförare"

    @property
    def words(self) -> str:
        return self.figure


@dataclass(frozen=True)
class ShareBands:
    """The providers' latest shares counted per band of ten percentage points, where there are too
    many providers for a bar and a row each: the page then stays the same size however many there are."""

    bands: tuple[ShareBand, ...]
    """Every band from "0 till under 10 %" to "100 %", empty ones too, so that the distribution reads whole."""
    unknown: tuple[ShareBand, ...]
    """Providers whose latest share is not known (a partial copy), by why; in the table, not the chart."""

    @property
    def rows(self) -> tuple[ShareBand, ...]:
        """The table's rows: every band, then the shares not known."""
        return self.bands + self.unknown


@dataclass(frozen=True)
class ProviderShare:
    """A provider's share met at its latest assessments (ProviderView.current_share, known to be given)."""

    provider: ProviderView
    share: Share


@dataclass(frozen=True)
class Statistics:
    providers: tuple[ProviderShare, ...]
    """The providers with a latest share, one by one; none where banded counts them instead."""
    areas: tuple[AreaTrend, ...]
    undated: int
    """Assessments in no year because their decision has no date (each area counts its own)."""
    banded: ShareBands | None = None
    """The providers' shares counted per band, where they are too many to list one by one."""

    @property
    def partial_providers(self) -> int:
        """Listed providers whose latest decision is a partial copy, so that no share is given."""
        return sum(1 for listed in self.providers if not listed.share.complete)

    @property
    def undated_sentence(self) -> str:
        """Where the assessments of undated decisions went; empty where there are none."""
        if not self.undated:
            return ""
        noun = "bedömning" if self.undated == 1 else "bedömningar"
        return (
            f"{self.undated} {noun} står i beslut som saknar datum och räknas inte in i något år;"
            " varje område visar sina på raden ”Datum saknas”."
        )

    @property
    def provider_shares(self) -> tuple[Share, ...]:
        return tuple(dataclasses.replace(listed.share, label=listed.provider.record.name) for listed in self.providers)


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
    """The undated decisions first (marked by their missing date), then the years, newest first."""
    register: tuple[RegisterPage, ...]
    """The action register's pages."""
    actions: tuple[RequiredAction, ...]
    """The actions required per finding."""
    entries: tuple[RegisterEntry, ...]
    """The action register: per decision, oldest first, its actions per finding and then its deliverables."""
    comparisons: tuple[ComparisonPage, ...]
    statistics: Statistics
    unknown_provider_count: int
    provider_lists: tuple[ProviderListPage, ...] = ()
    """The provider list's pages: all providers, by standing and by area served."""

    @property
    def latest(self) -> tuple[FollowUpView, ...]:
        """What a list of the latest decisions shows: the dated decisions, newest first. An undated
        decision is not known to be among the latest (nor the oldest): it is listed in its own group
        (decision_years, undated_decisions), never under that heading."""
        return tuple(f for f in self.followups if f.record.date is not None)

    @property
    def undated_decisions(self) -> DecisionYear | None:
        """The undated decisions' group, which a list of the latest points to; None when every decision is dated."""
        return next((year for year in self.decision_years if year.year is None), None)


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
    text_unknown: str | None = None
    """ "Kravtexten kan inte jämföras: texten är okänd för …" where either text is unknown; then text is empty."""

    @property
    def text_changed(self) -> bool:
        return any(segment.kind in ("removed", "added") for segment in self.text)
