"""What a decision says as it is printed: its basis in words, a finding's name as printed, the
date as printed, and the facts it gives about the provider. Plain Swedish, never stronger than
the record; the templates only display these strings."""

from __future__ import annotations

import datetime as dt
import re

from generator.model import Basis, BasisKind, FollowUp, Outcome, ProviderFacts, ProviderKind, Requirement
from generator.swedish import UNKNOWN, format_date

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


def _plain(text: str) -> str:
    """Compared without case, runs of spaces or the kind of dash."""
    return " ".join(re.sub(r"\s*[-–—]\s+", " - ", text).split()).casefold()


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
