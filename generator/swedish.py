"""The site's Swedish: dates, numbers and the names of statuses, in one place."""

from __future__ import annotations

import datetime as dt

from generator.model import DeadlineKind, DecisionOutcome, FigureUnit, FollowUpKind, Status
from generator.states import ActionState, Standing

UNKNOWN = "uppgift saknas"

MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)

STATUS_LABELS = {
    Status.MET: "Uppfyller kravet",
    Status.NOT_MET: "Uppfyller inte kravet",
    Status.REMEDIED: "Åtgärdad",
    Status.REMAINS: "Kvarstår",
    Status.UNKNOWN: "Framgår inte av kopian",
}

STATUS_GROUP_HEADINGS = {
    Status.MET: "Uppfyllda kvalitetskrav",
    Status.NOT_MET: "Brister i kvalitetskrav",
    Status.REMEDIED: "Åtgärdade brister",
    Status.REMAINS: "Kvarstående brister",
    Status.UNKNOWN: "Krav vars bedömning inte framgår av kopian",
}

KIND_NAMES = {
    FollowUpKind.FOLLOW_UP: "Uppföljning av kvalitetskrav",
    FollowUpKind.RESULT_FOLLOW_UP: "Resultatuppföljning av kvalitetskrav",
}

SHORT_KIND_NAMES = {
    FollowUpKind.FOLLOW_UP: "Uppföljning",
    FollowUpKind.RESULT_FOLLOW_UP: "Resultatuppföljning",
}

STANDING_LABELS = {
    Standing.NO_KNOWN_DEFICIENCIES: "Inga kända brister",
    Standing.DEFICIENCIES_REMEDIED: "Brister åtgärdade",
    Standing.ACTIONS_REQUIRED: "Brister – åtgärder krävs",
    Standing.DEFICIENCIES_REMAIN: "Kvarstående brister",
    Standing.INCOMPLETE_COPY: "Läget framgår inte av kopian",
    Standing.NO_FOLLOW_UP: "Ingen uppföljning publicerad",
}
"""In this order in lists and filters: from the best standing to no information."""

STANDING_EXPLANATIONS = {
    Standing.NO_KNOWN_DEFICIENCIES: "Vid den senaste bedömningen av varje krav uppfyllde utföraren kravet.",
    Standing.DEFICIENCIES_REMEDIED: (
        "Alla brister som hittats har vid en resultatuppföljning bedömts som åtgärdade, och inget krav har en"
        " obesvarad brist."
    ),
    Standing.ACTIONS_REQUIRED: (
        "Minst ett krav uppfylldes inte vid den senaste bedömningen, och ingen senare bedömning av det är publicerad."
    ),
    Standing.DEFICIENCIES_REMAIN: "Vid en resultatuppföljning bedömdes minst en brist som kvarstående.",
    Standing.INCOMPLETE_COPY: (
        "Den publicerade kopian av det senaste beslutet är ofullständig och visar ingen brist; om övriga krav"
        " uppfylldes framgår inte."
    ),
    Standing.NO_FOLLOW_UP: "Det finns inget publicerat beslut om utföraren.",
}

ACTION_STATE_LABELS = {
    ActionState.OPEN: "sista dag har inte passerat",
    ActionState.DUE_PASSED: "sista dag har passerat; resultatuppföljningen är ännu inte publicerad här",
    ActionState.REMEDIED: "bedömd som åtgärdad",
    ActionState.REMAINS: "bedömd som kvarstående",
    ActionState.FOLLOWED_UP: "resultatuppföljningen är publicerad",
}

DECISION_OUTCOMES = {
    DecisionOutcome.ACTION_PLAN_REQUIRED: "brister, åtgärdsplan krävs",
    DecisionOutcome.CLOSED: "uppföljningen avslutas",
}

DEADLINE_NAMES = {
    DeadlineKind.ACTION_PLAN: "Åtgärdsplan",
    DeadlineKind.DOCUMENTS: "Handlingar",
    DeadlineKind.RESULT_FOLLOW_UP: "Resultatuppföljning",
}


def format_date(value: dt.date | None) -> str:
    """ "2 januari 2024", or *uppgift saknas* where the record has no date."""
    if value is None:
        return UNKNOWN
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def months_between(then: dt.date, now: dt.date) -> int:
    """Whole calendar months from then to now (0 if now is earlier)."""
    months = (now.year - then.year) * 12 + now.month - then.month - (1 if now.day < then.day else 0)
    return max(0, months)


def format_age(then: dt.date, now: dt.date) -> str:
    """How long ago, in whole years and months: "för 2 år och 3 månader sedan"."""
    years, months = divmod(months_between(then, now), 12)
    parts = [f"{years} år"] if years else []
    if months:
        parts.append(f"{months} {'månad' if months == 1 else 'månader'}")
    return f"för {' och '.join(parts)} sedan" if parts else "för mindre än en månad sedan"


_ORDINALS = ("", "", "andra", "tredje", "fjärde", "femte", "sjätte", "sjunde", "åttonde", "nionde", "tionde")


def every_years(years: int) -> str:
    """ "vart tredje år"; "varje år" for one, "vartannat år" for two."""
    return {1: "varje år", 2: "vartannat år"}.get(years) or f"vart {_ORDINALS[years]} år"


def format_month(value: str) -> str:
    """ "2022-02" as "februari 2022"."""
    year, month = value.split("-")
    return f"{MONTHS[int(month) - 1]} {year}"


def format_point(value: dt.date | str) -> str:
    return format_date(value) if isinstance(value, dt.date) else format_month(value)


def format_period(start: dt.date | str, end: dt.date | str) -> str:
    """A period in words; months in one year share it: "februari–april 2022"."""
    if isinstance(start, str) and isinstance(end, str) and start[:4] == end[:4]:
        return f"{MONTHS[int(start[5:]) - 1]}–{format_month(end)}"
    return f"{format_point(start)}–{format_point(end)}"


def format_number(value: float) -> str:
    """Swedish decimal comma; whole numbers without decimals."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value}".replace(".", ",")


def format_value(value: float, unit: FigureUnit) -> str:
    number = format_number(value)
    return f"{number} %" if unit is FigureUnit.PERCENT else number


ACTION_STATE_NAMES = {
    ActionState.OPEN: "Sista dag har inte passerat",
    ActionState.DUE_PASSED: "Sista dag har passerat, inget uppföljande beslut publicerat ännu",
    ActionState.REMEDIED: "Bedömda som åtgärdade",
    ActionState.REMAINS: "Bedömda som kvarstående",
    ActionState.FOLLOWED_UP: "Resultatuppföljningen är publicerad",
}
"""The action register's listings by state: what the published decisions say, never more."""
