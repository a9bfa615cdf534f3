"""The site's Swedish: dates, numbers and the names of statuses, in one place."""

from __future__ import annotations

import datetime as dt

from generator.model import DeadlineKind, FigureUnit, FollowUpKind, Status

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
}

STATUS_ICONS = {
    Status.MET: ":material-check-circle:",
    Status.NOT_MET: ":material-close-circle:",
    Status.REMEDIED: ":material-check-decagram:",
    Status.REMAINS: ":material-alert-circle:",
}

STATUS_GROUP_HEADINGS = {
    Status.MET: "Uppfyllda kvalitetskrav",
    Status.NOT_MET: "Brister i kvalitetskrav",
    Status.REMEDIED: "Åtgärdade brister",
    Status.REMAINS: "Kvarstående brister",
}

KIND_NAMES = {
    FollowUpKind.FOLLOW_UP: "Uppföljning av kvalitetskrav",
    FollowUpKind.RESULT_FOLLOW_UP: "Resultatuppföljning av kvalitetskrav",
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
