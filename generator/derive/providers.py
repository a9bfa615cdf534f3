"""Provider pages: current status per requirement, overall standing, summary, timeline.

The provider's page is written for the public, standing first: what the standing rests on, a
table of the latest assessment per requirement, the required actions one line each (their full
text is on the decision page and in the action register). What only that page shows is derived
here into ProviderPage, a ProviderView with the page's own lines; every other page reads the
ProviderView part.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TypeVar

from generator.derive import printed
from generator.derive.counts import OutcomeCounts, partial_copy_sentence
from generator.derive.register import BY_PROVIDER_FOLDER, register_pages
from generator.derive.views import (
    CurrentStatus,
    DeadlineView,
    Deliverable,
    FollowUpRef,
    FollowUpView,
    Freshness,
    OutcomeView,
    ProviderFactsLine,
    ProviderView,
    RegisterEntry,
    RequiredAction,
    Share,
    TimelineEvent,
)
from generator.model import DeadlineKind, DecisionOutcome, FollowUpKind, Provider, Requirement, Status, case_number_key
from generator.paths import page_path, register_page
from generator.states import ActionState, DeadlineState, EventKind, Standing
from generator.swedish import (
    ACTION_STATE_LABELS,
    DEADLINE_NAMES,
    SHORT_KIND_NAMES,
    every_years,
    format_age,
    format_date,
)

T = TypeVar("T")

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
    published decisions say of it, and where its full text is (the decision, the register)."""

    what: str
    due: str
    state: str
    settled: LinkedSentence | None
    """The later decision the state rests on: "i [beslutet den 2 maj 2024]"."""
    anchor: str
    """The finding on the decision page, or the decision as a whole ("beslut")."""
    register: str
    """The page of the action register's listing by provider that holds the entry."""


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


def standing(statuses: Collection[Status], incomplete: bool = False) -> Standing:
    """The overall standing from the latest status of each requirement assessed.

    A remaining deficiency outweighs an unmet requirement, which outweighs a remedied one;
    "no known deficiencies" needs at least one assessment and none of the others. Where the
    latest decision's copy is partial (incomplete) or a status is unknown and no deficiency is
    known, the standing is that the copy does not show it: never "no known deficiencies".
    """
    if not statuses:
        return Standing.NO_FOLLOW_UP
    if Status.REMAINS in statuses:
        return Standing.DEFICIENCIES_REMAIN
    if Status.NOT_MET in statuses:
        return Standing.ACTIONS_REQUIRED
    if incomplete or Status.UNKNOWN in statuses:
        return Standing.INCOMPLETE_COPY
    if Status.REMEDIED in statuses:
        return Standing.DEFICIENCIES_REMEDIED
    return Standing.NO_KNOWN_DEFICIENCIES


def provider_views(
    providers: tuple[Provider, ...],
    oldest_first: tuple[FollowUpView, ...],
    actions: tuple[RegisterEntry, ...],
    as_of: dt.date,
) -> tuple[ProviderView, ...]:
    """Sorted by name. Decisions and actions are grouped by provider once, not searched per provider."""
    decisions = by_provider(oldest_first, lambda f: f.provider)
    owed = by_provider(actions, lambda a: a.provider)
    places = register_places(actions)
    return tuple(
        _provider_view(p, decisions.get(p.id, ()), owed.get(p.id, ()), places, as_of)
        for p in sorted(providers, key=lambda p: p.name)
    )


def register_places(entries: tuple[RegisterEntry, ...]) -> dict[int, str]:
    """The page of the register's listing by provider that holds each entry, by the entry's
    identity. Read from register_pages itself, so that the register's order and paging keep
    their one home; the provider page links each of its action lines there."""
    folder = PurePosixPath(register_page(BY_PROVIDER_FOLDER)).parent
    return {
        id(entry): page.page
        for page in register_pages(entries, ())
        if PurePosixPath(page.page).parent == folder
        for entry in page.listing.items
    }


def latest_first(provider: ProviderView) -> tuple[object, ...]:
    """Sort key: the most recently followed up first, those never followed up last, then by name."""
    date = provider.latest.date if provider.latest else None
    return (date is None, -(date or dt.date.min).toordinal(), provider.record.name)


def by_provider(items: Iterable[T], provider_of: Callable[[T], Provider | None]) -> dict[str, tuple[T, ...]]:
    """Items by provider id, in their order; items without a known provider are left out."""
    groups: dict[str, list[T]] = {}
    for item in items:
        provider = provider_of(item)
        if provider is not None:
            groups.setdefault(provider.id, []).append(item)
    return {key: tuple(value) for key, value in groups.items()}


def _provider_view(
    provider: Provider,
    own: tuple[FollowUpView, ...],
    actions: tuple[RegisterEntry, ...],
    places: dict[int, str],
    as_of: dt.date,
) -> ProviderPage:
    latest: dict[str, OutcomeView] = {}
    shares = []
    # stale: since the latest partial copy no complete follow-up of the requirements is published,
    # so the copy's unread areas may have been assessed again and the earlier statuses not be the latest.
    stale = False
    unread_since = None
    for followup in own:
        latest.update((o.requirement.id, o) for o in followup.outcomes)
        if followup.record.partial:
            stale, unread_since = True, followup.ref
        elif followup.record.kind is FollowUpKind.FOLLOW_UP:
            stale, unread_since = False, None
        shares.append(_share(followup, latest.values(), stale))
    current = tuple(
        CurrentStatus(o.requirement, o)
        for o in sorted(latest.values(), key=lambda o: (o.requirement.area, o.requirement.title))
    )
    found, next_steps, closing = _found(provider, own), _next_steps(own, as_of), _closing(own)
    rows = _rows(current, own, unread_since)
    return ProviderPage(
        record=provider,
        page=page_path("utforare", provider.id),
        followups=tuple(f.ref for f in reversed(own)),
        current=current,
        latest=own[-1].ref if own else None,
        standing=standing({o.status for o in latest.values()}, incomplete=stale),
        summary=(*found, *next_steps, *closing),
        actions=actions,
        timeline=_timeline(own, as_of),
        shares=tuple(shares),
        freshness=freshness(own, as_of),
        facts=_facts(own),
        bases=_bases(provider, own),
        unread_since=unread_since,
        standing_basis=standing_basis(own, latest.values()),
        headline=(*found, *closing),
        next_steps=next_steps,
        rows=rows,
        dated=any(row.latest.followup.date for row in rows),
        undated_sentence=_undated_sentence(rows),
        action_groups=_action_groups(actions, places),
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


def _action_groups(actions: tuple[RegisterEntry, ...], places: dict[int, str]) -> tuple[ActionGroup, ...]:
    """The provider's register entries by decision, the newest decision first, each decision's
    entries in the register's order (per finding, then for the decision as a whole)."""
    groups: dict[str, list[RegisterEntry]] = {}
    for entry in actions:
        groups.setdefault(entry.followup.id, []).append(entry)
    return tuple(
        ActionGroup(
            decision=entries[0].followup,
            when=_date_words(entries[0].followup.date),
            lines=tuple(_action_line(entry, places[id(entry)]) for entry in entries),
        )
        for entries in reversed(groups.values())
    )


def _action_line(entry: RegisterEntry, register: str) -> ActionLine:
    """What the register entry says, in a line: its name as printed, its date, its state and
    the later decision that state rests on; the full text stays in the decision and the register."""
    if isinstance(entry, RequiredAction):
        due = f"sista dag {format_date(entry.due.date)}" if entry.due else "sista dag anges inte i beslutet"
        resolution = entry.resolution
        return ActionLine(
            what=entry.finding.label,
            due=due,
            state=ACTION_STATE_LABELS[entry.state],
            settled=_in_decision("i", resolution.followup, resolution.anchor) if resolution else None,
            anchor=entry.finding.anchor,
            register=register,
        )
    followed = entry.followed_up_by
    return ActionLine(
        what=f"{DEADLINE_NAMES[entry.due.kind]} (beslutet som helhet)",
        due=f"{'genomförs efter' if entry.is_result_follow_up else 'sista dag'} {format_date(entry.due.date)}",
        state=_deliverable_state(entry) + (":" if followed else ""),
        settled=_in_decision("", followed) if followed else None,
        anchor="beslut",
        register=register,
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


def _bases(provider: Provider, own: tuple[FollowUpView, ...]) -> tuple[str, ...]:
    """The contracts and agreements in words as the newest decision naming each prints them, then the
    numbers only the provider record gives. Numbers match whatever case they are printed in."""
    seen: set[str] = set()
    words = []
    for followup in reversed(own):
        basis = followup.record.basis
        key = case_number_key(basis.number) if basis and basis.number else None
        if basis is not None and followup.basis_words and (key is None or key not in seen):
            seen.add(key or "")
            words.append(followup.basis_words)
    for number in provider.contracts:
        if case_number_key(number) not in seen:
            seen.add(case_number_key(number))
            words.append(number)
    return tuple(dict.fromkeys(words))


def freshness(own: tuple[FollowUpView, ...], as_of: dt.date) -> Freshness:
    """When the requirements were last followed up, how long ago, and whether that is longer
    ago than the interval the decisions give. Oldest-first input; the latest statement wins."""
    full = [f for f in own if f.record.kind is FollowUpKind.FOLLOW_UP]
    latest = full[-1] if full else None
    date = latest.record.date if latest else None
    interval = next(
        (f.record.follow_up_interval_years for f in reversed(own) if f.record.follow_up_interval_years), None
    )
    planned = next((f for f in reversed(own) if f.record.next_follow_up), None)
    older = date is not None and interval is not None and as_of > _years_after(date, interval)
    sentences = _freshness_sentences(latest, as_of, interval, older, planned)
    return Freshness(
        latest=latest.ref if latest else None,
        age=format_age(date, as_of) if date else None,
        interval_years=interval,
        older_than_interval=older,
        next_planned=planned.record.next_follow_up if planned else None,
        sentences=sentences,
    )


def _years_after(date: dt.date, years: int) -> dt.date:
    try:
        return date.replace(year=date.year + years)
    except ValueError:  # 29 February
        return date.replace(year=date.year + years, day=28)


def _freshness_sentences(
    latest: FollowUpView | None, as_of: dt.date, interval: int | None, older: bool, planned: FollowUpView | None
) -> tuple[str, ...]:
    if latest is None:
        sentences = ["Ingen uppföljning av kvalitetskraven är publicerad här."]
    elif latest.record.date is None:
        sentences = [
            "Beslutet om den senaste uppföljningen av kvalitetskraven saknar datum,"
            " så hur gammal bedömningen är går inte att säga."
        ]
    else:
        date = latest.record.date
        sentences = [
            f"Kvalitetskraven följdes senast upp i ett beslut den {format_date(date)}, {format_age(date, as_of)}."
        ]
    if interval is not None:
        sentences.append(f"Enligt beslutet ska kvalitetskraven följas upp minst en gång {every_years(interval)}.")
    if older:
        sentences.append("Den senaste uppföljningen är äldre än så.")
    if planned is not None and planned.record.next_follow_up is not None:
        sentences.append(f"Nästa uppföljning är planerad till {format_date(planned.record.next_follow_up)}.")
    return tuple(sentences)


def _share(followup: FollowUpView, latest: Collection[OutcomeView], stale: bool) -> Share:
    """The share met after the decision; not given (complete False) after a partial copy."""
    label = f"{SHORT_KIND_NAMES[followup.record.kind]}, {format_date(followup.record.date)}"
    counts = OutcomeCounts.of((o.status for o in latest), complete=not stale)
    return Share(label, counts.satisfied, counts.known, complete=counts.shareable)


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
