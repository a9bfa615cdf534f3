"""What every page reads about a provider: its ProviderView (current status per requirement,
overall standing, shares, freshness, contracts in words), and the helpers other stages share
(grouping by provider, the home page's order, where the register lists an entry).

The lists, the comparison, statistics, search, feeds and open data read only this view; what only
the provider's own page shows is derived from it in ``provider_page.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable
from typing import TypeVar

from generator.derive.counts import OutcomeCounts
from generator.derive.views import (
    CurrentStatus,
    FollowUpView,
    Freshness,
    OutcomeView,
    ProviderView,
    RegisterEntry,
    Share,
)
from generator.model import FollowUpKind, Provider, Status, case_number_key
from generator.paths import page_path
from generator.states import Standing
from generator.swedish import SHORT_KIND_NAMES, every_years, format_age, format_date

T = TypeVar("T")


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
    return tuple(
        _provider_view(p, decisions.get(p.id, ()), owed.get(p.id, ()), as_of)
        for p in sorted(providers, key=lambda p: p.name)
    )


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
    as_of: dt.date,
) -> ProviderView:
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
    return ProviderView(
        record=provider,
        page=page_path("utforare", provider.id),
        followups=tuple(f.ref for f in reversed(own)),
        current=current,
        latest=own[-1].ref if own else None,
        standing=standing({o.status for o in latest.values()}, incomplete=stale),
        actions=actions,
        shares=tuple(shares),
        freshness=freshness(own, as_of),
        bases=_bases(provider, own),
        unread_since=unread_since,
    )


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
