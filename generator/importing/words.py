"""The words an archived decision is read by: its headings, how it prints dates and numbers,
and the phrases that carry a fact. One home for the vocabulary, so that a new way of printing
(another municipality's heading, another date form) is added here and nowhere else.

Everything here reads words. Nothing is read from layout alone (a coloured symbol, a column's
position): what the words do not say stays unknown.
"""

from __future__ import annotations

import datetime as dt
import re

from generator.model import CASE_NUMBER_PATTERN
from generator.swedish import MONTHS

CASE_NUMBER = re.compile(r"(?<![\wÅÄÖåäö])" + CASE_NUMBER_PATTERN.strip("^$") + r"(?!\d)")
"""A diarienummer as the model allows it, found inside a line ("Sov 881/2022")."""

BULLET = re.compile(r"^\s*(?:[\uf0b7\u2022\u25aa\u25cf\u25e6\u2023\u2043\u00b7]|[-\u2013](?=\s))\s*")
"""A list item's mark at the start of a line: the Symbol font's bullet (U+F0B7, which text
extraction keeps as a private-use character), •, ▪, ●, ◦, ‣, ⁃, ·, or a dash followed by a space."""

EMAIL = re.compile(r"[^@\s,;:()<>]+@[^@\s,;:()<>]+\.[a-z]{2,}", re.IGNORECASE)

# --- headings -------------------------------------------------------------------------------

TITLE = re.compile(r"^(?P<kind>resultatuppföljning|uppföljning) av kvalitetskrav\b[\s,:–-]*(?P<rest>.*)$", re.I)
"""The document's title; what follows it on the line (or the next line) names the service."""

INTRODUCTION = "inledning"
OVERVIEW = "bedömningsöversikt"
METHOD = "metod"
DECISION = "beslut"
ASSESSMENT = "bedömning"
REQUIREMENT_COLUMN = re.compile(r"^krav som följs upp\b", re.I)
EVIDENCE_COLUMN = re.compile(r"\s*underlag till bedömning\s*", re.I)
ACTION = "åtgärd"
OVERVIEW_LABELS = frozenset({"bedömningskriterier", "uppfyller kravet", "uppfyller inte kravet", "kvalitetskrav"})
"""The overview's legend and column heading, printed above its list of requirements."""

GROUPS = {
    "uppfyllda kvalitetskrav": "met",
    "brister i kvalitetskrav": "not_met",
    "åtgärdade brister": "remedied",
    "kvarstående brister": "remains",
}
"""The headings under which a decision lists its areas by status: the status in words."""
GROUP_LEAD = re.compile(r"^(resultatet|resultatuppföljningen) visar\b", re.I)
"""The sentence under a group heading ("Resultatet visar att utföraren uppfyller …")."""

RESULT_HEADING = re.compile(r"^\d+(?:\.\d+)+\s+\S.{0,80}$")
"""An area's heading in a result follow-up: a contract section, then the name ("2.7 Trygghetslarm")."""
HEADING_GOES_ON = re.compile(r"^\s*[-–]\s*\S")
"""The second line of a heading broken before " - Egenkontroller"."""

EARLIER_FINDING = re.compile(r"^vid (den tidigare |förra )?uppföljning", re.I)
EARLIER_ACTION = re.compile(r"^(ni ombads?|ni skulle|ni uppmanades)\b", re.I)

# --- the decision's own words ------------------------------------------------------------------

CLOSES = re.compile(r"beslutar att avsluta", re.I)
ACTION_PLAN = re.compile(r"åtgärdsplan", re.I)
DOCUMENTS_LEAD = re.compile(r"följande handlingar\s*:?\s*$", re.I)
DOCUMENTS_DUE = re.compile(r"^handlingarna ska\b", re.I)
RESULT_FOLLOW_UP_DUE = re.compile(r"resultatuppföljning\w* (?:kommer (?:att )?)?genomföras efter den", re.I)
DEFICIENT_LIST = re.compile(r"brister inom följande kvalitetskrav\s*:?\s*$", re.I)
DEFICIENT_LIST_LABELS = frozenset({"avtalspunkter"})
CONSEQUENCES = re.compile(r"^om (bristerna?|brister) kvarstår|avtalsbrott", re.I)
DUE = re.compile(r"senast\s+(?:den\s+)?", re.I)
AFTER = re.compile(r"efter\s+(?:den\s+)?", re.I)

NEGATIVE = re.compile(r"\b(inte|ej) (uppfyller|uppfylla|lever upp|leva upp)|\bbrister\b|\bbrast\b", re.I)
POSITIVE = re.compile(r"\b(uppfyller|uppfylla|lever upp|leva upp)\b", re.I)
"""An assessment's verdict in words; the status is read from the group heading and these only
confirm it: an area listed as met whose words say it is not gets no status."""

BASIS = re.compile(r"\b(?P<kind>avtal|avtalet|överenskommelse|överenskommelsen)\b", re.I)
COUNTERPARTY = re.compile(r"\b((?i:programnämnd)(?:en)? [a-zåäö ]+?)(?=[,.;]| och | [A-ZÅÄÖ]|$)")
INTERVAL = re.compile(r"minst en gång (?P<every>varje år|vartannat år|vart (?P<nth>\w+) år)", re.I)
ORDINAL_YEARS = {"andra": 2, "tredje": 3, "fjärde": 4, "femte": 5, "sjätte": 6}

ORGANISATION = re.compile(r"^(?:.+ kommun|region .+)$", re.I)
UNIT = re.compile(r"^(?:enheten|avdelningen|sektionen) för .+$", re.I)
DEPARTMENT = re.compile(r"förvaltning", re.I)
WEBSITE = re.compile(r"^(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:se|nu|org|com)/?$", re.I)
PERSON = re.compile(
    r"^[A-ZÅÄÖ][a-zåäöéü]+(?:-[A-ZÅÄÖ][a-zåäöéü]+)?(?: [A-ZÅÄÖ][a-zåäöéü]+(?:-[A-ZÅÄÖ][a-zåäöéü]+)?){1,3}$"
)
"""A signatory's name as printed: two to four capitalised words."""

FUNCTION_WORDS = frozenset(
    "i och av samt på till för med om som en ett de den det inom gällande mellan hos från vid".split()  # noqa: SIM905
)
"""Words a sentence never ends on: a line ending on one goes on after a blank line. Not "att":
"Detta innebär att vi kommer att" ends the lead of a list whose items start in capitals."""

# --- numbers and dates ------------------------------------------------------------------------

NUMBER_WORDS = {
    "inga": 0,
    "ingen": 0,
    "inget": 0,
    "en": 1,
    "ett": 1,
    "två": 2,
    "tre": 3,
    "fyra": 4,
    "fem": 5,
    "sex": 6,
    "sju": 7,
    "åtta": 8,
    "nio": 9,
    "tio": 10,
    "elva": 11,
    "tolv": 12,
}

_MONTH = "|".join(MONTHS)
ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
SHORT_DATE = re.compile(r"(?<!\d)(\d{2})(\d{2})(\d{2})(?!\d)")
LONG_DATE = re.compile(rf"(?<!\d)(\d{{1,2}}) ({_MONTH}) (\d{{4}})(?!\d)", re.I)
MONTH_SPAN = re.compile(rf"\b({_MONTH})\s*[-–]\s*({_MONTH}) (\d{{4}})\b", re.I)
DATE_SPAN = re.compile(r"mellan (\d{4}-\d{2}-\d{2}) och (\d{4}-\d{2}-\d{2})", re.I)


def printed_date(text: str) -> tuple[dt.date, str] | None:
    """The first date in text in any form a decision prints ("2022-05-16", "16 maj 2022",
    "210609"), with the form as printed; None when there is none or it is no real day. A
    six-digit date is read as 20YY-MM-DD, the only century the archive has."""
    for pattern, parts in ((ISO_DATE, _iso), (LONG_DATE, _long), (SHORT_DATE, _short)):
        found = pattern.search(text)
        if found:
            day = _real_day(*parts(found))
            return (day, found.group()) if day else None
    return None


def _iso(found: re.Match[str]) -> tuple[int, int, int]:
    return int(found[1]), int(found[2]), int(found[3])


def _long(found: re.Match[str]) -> tuple[int, int, int]:
    return int(found[3]), MONTHS.index(found[2].lower()) + 1, int(found[1])


def _short(found: re.Match[str]) -> tuple[int, int, int]:
    return 2000 + int(found[1]), int(found[2]), int(found[3])


def _real_day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def month_number(name: str) -> int:
    return MONTHS.index(name.lower()) + 1


def quantity(word: str) -> int | None:
    """A count as a decision writes it: digits or a number word ("inga", "ett", "två")."""
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word.lower())


def municipality(printed: str) -> str:
    """A letterhead's "ÖREBRO KOMMUN" as the name is written in text, "Örebro kommun": only a
    name printed in capitals and ending in KOMMUN is changed; anything else stays as printed."""
    words = printed.split()
    if printed.isupper() and len(words) >= 2 and words[-1] == "KOMMUN":
        return " ".join(w.capitalize() for w in words[:-1]) + " kommun"
    return printed
