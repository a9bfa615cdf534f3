"""What a decision says as it is printed: its basis in words, a finding's name as printed, the
date as printed, and the facts it gives about the provider; and, from the same record, the
sentences of its page's summary and the line a printout says of itself (date, case number).
Plain Swedish, never stronger than the record; the templates only display these strings."""

from __future__ import annotations

import datetime as dt
import functools
import re

from generator.derive.counts import OutcomeCounts, brister, plural
from generator.model import (
    Basis,
    BasisKind,
    Deadline,
    DeadlineKind,
    Decision,
    DecisionOutcome,
    FollowUp,
    Outcome,
    ProviderFacts,
    ProviderKind,
    Requirement,
)
from generator.swedish import KIND_NAMES, UNKNOWN, format_date

BASIS_NAMES = {BasisKind.CONTRACT: "Avtal", BasisKind.AGREEMENT: "Överenskommelse"}

PROVIDER_KIND_NAMES = {ProviderKind.MUNICIPAL: "Kommunal utförare", ProviderKind.PRIVATE: "Privat utförare"}

_SECTION_PREFIX = re.compile(r"^\d+(?:\.\d+)*\.?\s+")


def basis_words(basis: Basis | None) -> str | None:
    """ "Avtal Voo 1905/2023", "Överenskommelse med Programnämnd X, Sov 100/2020"; None when unknown.
    The number is quoted as printed."""
    if basis is None:
        return None
    name = BASIS_NAMES[basis.kind]
    number = basis.number or f"diarienummer: {UNKNOWN}"
    if basis.counterparty:
        return f"{name} med {basis.counterparty}, {number}"
    return f"{name} {number}" if basis.number else f"{name}, {number}"


def provider_kind_words(kind: ProviderKind | None) -> str:
    return PROVIDER_KIND_NAMES[kind] if kind else UNKNOWN


def name_as_printed(outcome: Outcome, requirement: Requirement) -> str:
    """What lists call the finding: the heading as printed (even cut off) where it names something
    other than the requirement, else the requirement's name."""
    return outcome.heading if outcome.heading and requirement_name_beside(outcome, requirement) else requirement.title


def requirement_name_beside(outcome: Outcome, requirement: Requirement) -> str | None:
    """The requirement's own name where the heading as printed names something else; None where the
    heading only restates it: the name, or the area, or "area - name", with or without a leading
    section number such as "2.7 ", in any letter case (the seeds print all three forms)."""
    if outcome.heading is None:
        return None
    printed = _plain(_SECTION_PREFIX.sub("", outcome.heading.strip()))
    title, area = _plain(requirement.title), _plain(requirement.area)
    same = {title, area, f"{area} - {title}"}
    return None if printed in same else requirement.title


@functools.lru_cache(maxsize=4096)
def _plain(text: str) -> str:
    """Compared without case, runs of spaces or the kind of dash. Kept per text: every finding
    is compared with its requirement's name and area, the same few dozen texts."""
    return " ".join(_DASH.sub(" - ", text).split()).casefold()


_DASH = re.compile(r"\s*[-–—]\s+")


def date_as_printed(followup: FollowUp) -> str | None:
    """The date as printed, where it differs from the ISO date that `date` holds."""
    printed = followup.date_as_printed
    if printed is None or (followup.date is not None and printed.strip() == followup.date.isoformat()):
        return None
    return printed


def _count(value: int, one: str, many: str) -> str:
    return f"{value} {one if value == 1 else many}"


def facts_words(facts: ProviderFacts | None) -> str | None:
    """ "79 kunder, 3 medarbetare, 2 fordon, verksam i: hela kommunen, lokaler: …"; None when none."""
    if facts is None:
        return None
    parts = []
    if facts.customers is not None:
        parts.append(_count(facts.customers, "kund", "kunder"))
    if facts.staff is not None:
        parts.append(_count(facts.staff, "medarbetare", "medarbetare"))
    if facts.vehicles is not None:
        parts.append(_count(facts.vehicles, "fordon", "fordon"))
    if facts.areas_served:
        parts.append(f"verksam i: {', '.join(facts.areas_served)}")
    if facts.premises:
        parts.append(f"lokaler: {facts.premises}")
    return ", ".join(parts) or None


def facts_sentence(date: dt.date | None, facts: ProviderFacts | None) -> str | None:
    """ "Enligt beslutet den 3 mars 2021: 60 kunder, 30 medarbetare": the facts as of that decision,
    never as current ones."""
    words = facts_words(facts)
    if words is None:
        return None
    when = f"den {format_date(date)}" if date else "(beslutets datum saknas)"
    return f"Enligt beslutet {when}: {words}"


# --- a decision page's summary and printed identity, in words -----------------------------

NOT_PRINTED = "framgår inte av det publicerade beslutet"
"""What the page says of a date or case number the record leaves out: the record leaves a field out
when the published decision does not give it, so it is unknown, never "none"."""


def date_words(followup: FollowUp) -> str:
    """ "Beslutet är daterat 16 maj 2022." (with the date as printed where that differs), or that
    the published decision gives no date: never a date it does not give."""
    if followup.date is None:
        return f"Beslutets datum {NOT_PRINTED}."
    printed = date_as_printed(followup)
    return f"Beslutet är daterat {format_date(followup.date)}" + (f" (tryckt: {printed})." if printed else ".")


def identity_words(followup: FollowUp) -> str:
    """What a printed copy says of itself, beside its address: "Beslut daterat 16 maj 2022 ·
    Diarienummer Sov 881/2022", with "framgår inte …" for what the record leaves out."""
    date = f"Beslut daterat {format_date(followup.date)}" if followup.date else f"Beslutets datum {NOT_PRINTED}"
    number = f"Diarienummer {followup.case_number}" if followup.case_number else f"Diarienumret {NOT_PRINTED}"
    return f"{date} · {number}"


def subject_words(followup: FollowUp, provider_name: str | None) -> str:
    """ "Uppföljning av kvalitetskrav hos Kvalitetsservice enligt avtal Voo 1905/2023.", saying
    *uppgift saknas* for the provider or basis where the record does not name them."""
    basis = basis_words(followup.basis)
    subject = KIND_NAMES[followup.kind] + (f" hos {provider_name}" if provider_name else "")
    subject += f" enligt {basis[:1].lower()}{basis[1:]}." if basis else "."
    named = (("utförare", provider_name), ("avtal eller överenskommelse", basis))
    unknown = [name for name, value in named if not value]
    if unknown:
        subject += f" {' och '.join(unknown).capitalize()}: {UNKNOWN}."
    return subject


def result_words(counts: OutcomeCounts, result_follow_up: bool) -> str:
    """The result in one sentence, from the counts and never stronger: "Utföraren uppfyllde 4 av 8
    bedömda krav; 4 krav uppfylldes inte." Where the copy is partial or a status unknown, the
    counts' own "minst …" sentence, which says that the rest is unknown."""
    if not counts.shareable:
        return counts.sentence(result_follow_up)
    if result_follow_up:
        sentence = f"Av {brister(counts.known)} bedömdes {counts.remedied} som {plural(counts.remedied, 'åtgärdad')}"
        return sentence + (f" och {counts.remains} som kvarstående." if counts.remains else ".")
    assessed = "bedömt krav" if counts.known == 1 else "bedömda krav"
    if counts.met == counts.known and counts.known > 1:
        return f"Utföraren uppfyllde alla {counts.known} {assessed}."
    sentence = f"Utföraren uppfyllde {counts.met} av {counts.known} {assessed}"
    return sentence + (f"; {counts.not_met} krav uppfylldes inte." if counts.not_met else ".")


DEMAND_NAMES = {DeadlineKind.ACTION_PLAN: "Åtgärdsplan", DeadlineKind.DOCUMENTS: "Handlingar"}
"""The deadlines that ask something of the provider; a result follow-up is the unit's to do."""


def demand_words(deadline: Deadline) -> str | None:
    """ "Åtgärdsplan: senast 2 januari 2024, till egetval@orebro.se."; None for a result follow-up."""
    name = DEMAND_NAMES.get(deadline.kind)
    if name is None:
        return None
    return f"{name}: senast {format_date(deadline.date)}" + (f", till {deadline.send_to}." if deadline.send_to else ".")


def demands_note(decision: Decision) -> str | None:
    """What the decision leaves out of its dates, in its own terms: a required action plan without
    a last day, or a closing decision that sets none."""
    kinds = {deadline.kind for deadline in decision.deadlines}
    if decision.outcome is DecisionOutcome.ACTION_PLAN_REQUIRED and DeadlineKind.ACTION_PLAN not in kinds:
        return "Beslutet kräver en åtgärdsplan; sista dag anges inte i beslutet."
    if decision.outcome is DecisionOutcome.CLOSED and not any(kind in DEMAND_NAMES for kind in kinds):
        return "Enligt beslutet avslutas uppföljningen; någon tidsfrist för utföraren anges inte i beslutet."
    return None


def announced_words(deadline: Deadline) -> str | None:
    """ "Enligt beslutet görs en resultatuppföljning efter 1 april 2024."; None for other deadlines."""
    if deadline.kind is not DeadlineKind.RESULT_FOLLOW_UP:
        return None
    return f"Enligt beslutet görs en resultatuppföljning efter {format_date(deadline.date)}."
