"""What the provider's own page shows beyond its ProviderView: the page's lines and sentences.

Apart from ``providers.py`` because every other page (lists, comparison, statistics, search,
feeds, open data) reads a provider through its ProviderView, and none of them reads what is here:
the sentence the standing rests on, the summary's sentences, the table's rows, the action
register's entries one line each, the timeline, the facts per decision and the share in words.
Data flows one way: this module reads the views ``providers.py`` builds, never the reverse.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, fields

from generator.derive import printed
from generator.derive.counts import partial_copy_sentence
from generator.derive.providers import by_provider
from generator.derive.views import (
    CurrentStatus,
    DeadlineView,
    Deliverable,
    FollowUpRef,
    FollowUpView,
    OutcomeView,
    ProviderFactsLine,
    ProviderView,
    RegisterEntry,
    RequiredAction,
    Share,
    TimelineEvent,
)
from generator.kept import Kept, keep, keep_only, reused
from generator.model import DeadlineKind, DecisionOutcome, FollowUpKind, Provider, Requirement, Status
from generator.states import ActionState, DeadlineState, EventKind
from generator.swedish import ACTION_STATE_LABELS, DEADLINE_NAMES, format_date

UNDATED = "datum saknas i beslutet"
"""A decision whose published text gives no date, where a date would stand."""

ROW_ORDER = (Status.REMAINS, Status.NOT_MET, Status.UNKNOWN, Status.REMEDIED, Status.MET)
"""The provider page's table lists what is wrong first: a reader looks for the deficiencies."""


@dataclass(frozen=True)
class LinkedSentence:
    """Words, a link, words: each part plain text, which the template joins with spaces (text is
    printed with its surrounding spaces folded away), then the closing punctuation."""

    before: str
    text: str
    page: str
    anchor: str = ""
    after: str = ""
    end: str = ""


@dataclass(frozen=True)
class RequirementRow:
    """One row of the provider page's table: a requirement's latest published assessment."""

    requirement: Requirement
    latest: OutcomeView
    when: str
    """The decision's date in words, or that the decision gives none."""
    note: str | None = None
    """Set where a later partial copy does not show the requirement: this is the latest known
    assessment, not necessarily the latest one."""


@dataclass(frozen=True)
class ActionLine:
    """One entry of the action register on one line: what is required, by when, what the
    published decisions say of it, and where its full text is (the decision)."""

    what: str
    due: str
    state: str
    settled: LinkedSentence | None
    """The later decision the state rests on: "i [beslutet den 2 maj 2024]"."""
    anchor: str
    """The finding on the decision page, or the decision as a whole ("beslut")."""


@dataclass(frozen=True)
class ActionGroup:
    """What one decision requires of the provider, one line per entry."""

    decision: FollowUpRef
    when: str
    """The decision's date in words, or that the decision gives none."""
    lines: tuple[ActionLine, ...]


@dataclass(frozen=True, kw_only=True)
class ProviderPage(ProviderView):
    """The provider view with what only the provider's own page shows."""

    standing_basis: LinkedSentence | None
    """ "Läget bygger på [beslutet den 2 maj 2024] och 1 tidigare beslut."; None without decisions."""
    headline: tuple[str, ...]
    """The summary's sentences about the latest decision itself: what it found, whether its copy
    is partial, whether it closed the follow-up. The first screen shows these."""
    next_steps: tuple[str, ...]
    """The summary's sentences about the latest decision's deadlines."""
    rows: tuple[RequirementRow, ...]
    """The latest assessment per requirement, deficiencies first."""
    dated: bool
    """Whether any row's decision has a date: if none has, the table has no date column."""
    undated_sentence: str | None
    """Said once above the table when no row's decision has a date."""
    action_groups: tuple[ActionGroup, ...]
    """The provider's register entries by decision, newest decision first, one line each."""
    share_sentence: str | None
    """The share met in words, with its base, where there is one share only (one decision)."""
    share_chart: bool
    """Whether the shares make a chart: two or more known shares; one bar compares nothing."""
    summary: tuple[str, ...]
    """Plain-Swedish sentences, each saying only what the records say, in reading order: what the
    latest decision found, its deadlines, that it closed the follow-up."""
    timeline: tuple[TimelineEvent, ...]
    """Each decision, then the dates it set, then its closing; a marker for the as-of date."""
    facts: tuple[ProviderFactsLine, ...]
    """What the decisions state about the provider, newest decision first, each with its date."""


ProviderPageCache = Kept[str, ProviderPage]
"""Each provider's page and what it was made from, by provider id (the preview keeps it)."""


def provider_pages(
    views: tuple[ProviderView, ...],
    oldest_first: tuple[FollowUpView, ...],
    as_of: dt.date,
    cache: ProviderPageCache | None = None,
) -> tuple[ProviderPage, ...]:
    """Each provider's view with its page's lines, in the views' order. With a cache, a provider
    whose inputs are equal keeps its page: the same object, which the rendered page's cache then
    recognises at once."""
    decisions = by_provider(oldest_first, lambda f: f.provider)
    pages = []
    for view in views:
        own = decisions.get(view.record.id, ())
        inputs = (view, own, as_of)
        page = reused(cache, view.record.id, inputs)
        if page is None:
            page = keep(cache, view.record.id, inputs, _provider_page(view, own, as_of))
        pages.append(page)
    keep_only(cache, [view.record.id for view in views])
    return tuple(pages)


def _provider_page(view: ProviderView, own: tuple[FollowUpView, ...], as_of: dt.date) -> ProviderPage:
    """The view's fields carried over as they are (whatever the view holds), then the page's own."""
    found, next_steps, closing = _found(view.record, own), _next_steps(own, as_of), _closing(own)
    rows = _rows(view.current, own, view.unread_since)
    shares = view.shares
    return ProviderPage(
        **{field.name: getattr(view, field.name) for field in fields(view)},
        summary=(*found, *next_steps, *closing),
        timeline=_timeline(own, as_of),
        facts=_facts(own),
        standing_basis=standing_basis(own, [item.latest for item in view.current]),
        headline=(*found, *closing),
        next_steps=next_steps,
        rows=rows,
        dated=any(row.latest.followup.date for row in rows),
        undated_sentence=_undated_sentence(rows),
        action_groups=_action_groups(view.actions),
        share_sentence=share_sentence(own[0], shares[0]) if len(shares) == 1 else None,
        share_chart=sum(1 for share in shares if share.complete) >= 2,
    )


def standing_basis(own: tuple[FollowUpView, ...], latest: Collection[OutcomeView]) -> LinkedSentence | None:
    """What the standing rests on: the provider's latest decision (the standing is as of it) and
    the earlier decisions that still hold the latest assessment of some requirement. The date is
    the latest decision's, the date the provider's badge states; None without decisions."""
    if not own:
        return None
    newest = own[-1].ref
    earlier = len({o.followup.id for o in latest} - {newest.id})
    end = "."
    if newest.date is None and any(f.record.date for f in own[:-1]):
        end += " Det beslutet saknar datum: att det är nyare än de daterade besluten framgår inte av besluten."
    return _in_decision("Läget bygger på", newest, after=f"och {earlier} tidigare beslut" if earlier else "", end=end)


def _rows(
    current: tuple[CurrentStatus, ...], own: tuple[FollowUpView, ...], unread_since: FollowUpRef | None
) -> tuple[RequirementRow, ...]:
    """The latest assessment per requirement, deficiencies first, then by area and name. Where a
    later partial copy does not show a requirement, its row says that this is the latest known."""
    position = {f.ref.id: index for index, f in enumerate(own)}
    since = position[unread_since.id] if unread_since else None
    rows = [
        RequirementRow(
            item.requirement,
            item.latest,
            _date_words(item.latest.followup.date),
            "Senast kända bedömning: en senare ofullständig kopia visar inte kravet."
            if since is not None and position[item.latest.followup.id] < since
            else None,
        )
        for item in current
    ]
    return tuple(sorted(rows, key=lambda row: ROW_ORDER.index(row.latest.status)))


def _undated_sentence(rows: tuple[RequirementRow, ...]) -> str | None:
    """Said once instead of a date column in which every row would say that the date is missing."""
    if not rows or any(row.latest.followup.date for row in rows):
        return None
    decisions = {row.latest.followup.id for row in rows}
    if len(decisions) == 1:
        return "Beslutet som bedömningarna står i saknar datum."
    return "Besluten som bedömningarna står i saknar datum."


def share_sentence(followup: FollowUpView, share: Share) -> str:
    """The one share of a provider with one decision, in words with its base; never over a partial copy."""
    when = f"den {format_date(followup.record.date)}" if followup.record.date else "utan datum"
    if not share.complete:
        return f"Andelen uppfyllda krav efter beslutet {when} är okänd: den publicerade kopian är ofullständig."
    # After a result follow-up, a deficiency remedied counts with the requirements met (Share.met).
    met = "uppfyllda eller åtgärdade" if followup.is_result_follow_up else "uppfyllda"
    return f"Efter beslutet {when} var {share.met} av {share.total} bedömda krav {met} ({share.percent} %)."


def _action_groups(actions: tuple[RegisterEntry, ...]) -> tuple[ActionGroup, ...]:
    """The provider's register entries by decision, the newest decision first, each decision's
    entries in the register's order (per finding, then for the decision as a whole)."""
    groups: dict[str, list[RegisterEntry]] = {}
    for entry in actions:
        groups.setdefault(entry.followup.id, []).append(entry)
    return tuple(
        ActionGroup(
            decision=entries[0].followup,
            when=_date_words(entries[0].followup.date),
            lines=tuple(_action_line(entry) for entry in entries),
        )
        for entries in reversed(groups.values())
    )


def _action_line(entry: RegisterEntry) -> ActionLine:
    """What the register entry says, in a line: its name as printed, its date, its state and
    the later decision that state rests on; the full text stays in the decision."""
    if isinstance(entry, RequiredAction):
        due = f"sista dag {format_date(entry.due.date)}" if entry.due else "sista dag anges inte i beslutet"
        resolution = entry.resolution
        return ActionLine(
            what=entry.finding.label,
            due=due,
            state=ACTION_STATE_LABELS[entry.state],
            settled=_in_decision("i", resolution.followup, resolution.anchor) if resolution else None,
            anchor=entry.finding.anchor,
        )
    followed = entry.followed_up_by
    return ActionLine(
        what=f"{DEADLINE_NAMES[entry.due.kind]} (beslutet som helhet)",
        due=f"{'genomförs efter' if entry.is_result_follow_up else 'sista dag'} {format_date(entry.due.date)}",
        state=_deliverable_state(entry) + (":" if followed else ""),
        settled=_in_decision("", followed) if followed else None,
        anchor="beslut",
    )


def _deliverable_state(entry: Deliverable) -> str:
    """A result follow-up is carried out after its date, not delivered by it: its words say so."""
    if entry.is_result_follow_up and entry.state is ActionState.DUE_PASSED:
        return "datumet har passerat; resultatuppföljningen är ännu inte publicerad här"
    if entry.is_result_follow_up and entry.state is ActionState.OPEN:
        return "datumet har inte passerat"
    return ACTION_STATE_LABELS[entry.state]


def _in_decision(
    before: str, decision: FollowUpRef, anchor: str = "", after: str = "", end: str = ""
) -> LinkedSentence:
    """A link to a decision named by its date: "i [beslutet den 2 maj 2024]", "[ett beslut utan datum]"."""
    text = f"beslutet den {format_date(decision.date)}" if decision.date else "ett beslut utan datum"
    return LinkedSentence(before, text, decision.page, anchor, after, end)


def _date_words(date: dt.date | None) -> str:
    return format_date(date) if date else UNDATED


def _facts(own: tuple[FollowUpView, ...]) -> tuple[ProviderFactsLine, ...]:
    """What each decision states about the provider, newest decision first, each with its date."""
    lines = []
    for followup in reversed(own):
        sentence = printed.facts_sentence(followup.record.date, followup.record.provider_facts)
        if sentence is not None:
            lines.append(ProviderFactsLine(followup.ref, sentence))
    return tuple(lines)


def _found(provider: Provider, own: tuple[FollowUpView, ...]) -> tuple[str, ...]:
    """What the latest decision found, each sentence no stronger than the record, and that its
    copy is partial (always right beside the finding it qualifies)."""
    if not own:
        return (f"Det finns inget publicerat beslut om {provider.name}.",)
    latest = own[-1]
    sentences = [_latest_sentence(provider.name, latest)]
    if latest.record.partial:
        sentences.append(partial_copy_sentence(latest.record))
    return tuple(sentences)


def _closing(own: tuple[FollowUpView, ...]) -> tuple[str, ...]:
    """That the latest decision closed the follow-up, where it did."""
    if own and own[-1].record.decision.outcome is DecisionOutcome.CLOSED:
        return ("Beslutet avslutade uppföljningen.",)
    return ()


def _next_steps(own: tuple[FollowUpView, ...], as_of: dt.date) -> tuple[str, ...]:
    """The latest decision's deadlines in plain sentences, and that a passed one has no result
    follow-up published here yet (never that anyone is late)."""
    if not own:
        return ()
    deadlines = own[-1].deadlines
    sentences = [_deadline_sentence(d, as_of) for d in deadlines]
    if any(d.state is DeadlineState.PASSED_NOTHING_PUBLISHED for d in deadlines):
        sentences.append("Sista dag har passerat; resultatuppföljningen är ännu inte publicerad här.")
    return tuple(sentences)


def _latest_sentence(name: str, latest: FollowUpView) -> str:
    when = format_date(latest.record.date) if latest.record.date else "beslutets datum saknas"
    if not latest.tally.shareable:
        kind = "resultatuppföljningen" if latest.is_result_follow_up else "den senaste uppföljningen"
        return f"Vid {kind} ({when}): {latest.assessment_sentence[:1].lower()}{latest.assessment_sentence[1:]}"
    statuses = [o.status for o in latest.outcomes]
    if latest.record.kind is FollowUpKind.RESULT_FOLLOW_UP:
        remedied = statuses.count(Status.REMEDIED)
        remains = statuses.count(Status.REMAINS)
        sentence = (
            f"Vid resultatuppföljningen ({when}) bedömdes {remedied} av {len(statuses)} tidigare brister som åtgärdade."
        )
        return sentence + (f" {remains} kvarstod." if remains else "")
    met = statuses.count(Status.MET)
    return f"Vid den senaste uppföljningen ({when}) uppfyllde {name} {met} av {len(statuses)} krav."


def _deadline_sentence(view: DeadlineView, as_of: dt.date) -> str:
    deadline = view.deadline
    when = format_date(deadline.date)
    tense = "ska" if as_of <= deadline.date else "skulle"
    if deadline.kind is DeadlineKind.ACTION_PLAN:
        return f"Åtgärdsplan {tense} lämnas senast {when}."
    if deadline.kind is DeadlineKind.DOCUMENTS:
        return f"Begärda handlingar {tense} lämnas senast {when}."
    return f"Enligt beslutet görs en resultatuppföljning efter {when}."


def _timeline(own: tuple[FollowUpView, ...], as_of: dt.date) -> tuple[TimelineEvent, ...]:
    """Each decision, then the dates it set, then its closing; a marker for the as-of date."""
    events: list[TimelineEvent] = []
    for followup in own:
        date = followup.record.date
        events.append(
            TimelineEvent(EventKind.DECISION, date, followup.ref, followup.counts, partial=followup.record.partial)
        )
        events.extend(
            TimelineEvent(EventKind.DEADLINE, d.deadline.date, followup.ref, deadline=d)
            for d in sorted(followup.deadlines, key=lambda d: d.deadline.date)
        )
        if followup.record.decision.outcome is DecisionOutcome.CLOSED:
            events.append(TimelineEvent(EventKind.CLOSED, date, followup.ref))
    passed = [i for i, e in enumerate(events) if e.date is None or e.date <= as_of]
    position = passed[-1] + 1 if passed else 0
    events.insert(position, TimelineEvent(EventKind.AS_OF, as_of))
    return tuple(events)
