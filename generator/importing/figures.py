"""Figures an assessment states in words: a share ("73%") or a count ("inga avvikelser",
"två klagomål"), with the period and the sample its sentence gives.

Only what a sentence says: the period of the sentence itself, or of the sentence just before
it when that one names a period and no figure of its own ("… under perioden februari-april
2022. Granskningen visar att … 90% …"). What was measured is the controller's to word; the
draft leaves it to fill.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.importing import words
from generator.model import FigureUnit, Observed

PERCENT = re.compile(r"(?<![\d,.])(\d{1,3}(?:,\d+)?)\s?%")
SAMPLE = re.compile(r"\b(?:av|på) (\d+) ([\wåäöÅÄÖ/-]+(?: i [A-ZÅÄÖ][\wåäö]+)?)")
COUNT_AFTER_SHOWS = re.compile(r"\bvisar(?: att)?(?: endast| bara)? (\w+) [\wåäö/-]+", re.I)
NONE_AT_START = re.compile(r"^(inga|ingen|inget) [\wåäö]", re.I)
SENTENCE = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class Period:
    start: str
    """YYYY-MM-DD or YYYY-MM."""
    end: str


@dataclass(frozen=True)
class ReadFigure:
    value: int | float
    unit: FigureUnit
    sentence: str
    """The sentence the figure was read from, for the controller to word the measure."""
    sample_size: int | None = None
    sample: str | None = None
    period: Period | None = None
    observed: Observed = Observed.THIS_FOLLOW_UP


def figures(text: str | None, observed: Observed = Observed.THIS_FOLLOW_UP) -> tuple[ReadFigure, ...]:
    """Every figure in the text, in order."""
    found: list[ReadFigure] = []
    for paragraph in (text or "").split("\n\n"):
        previous = ""
        for sentence in SENTENCE.split(paragraph.replace("\n", " ")):
            in_sentence = _shares(sentence) or _count(sentence)
            period = _period(sentence) or (_period(previous) if previous and not _has_figure(previous) else None)
            found += [_completed(figure, period, sentence, observed) for figure in in_sentence]
            previous = sentence
    return tuple(found)


def _shares(sentence: str) -> list[tuple[int | float, FigureUnit]]:
    return [(_number(match[1]), FigureUnit.PERCENT) for match in PERCENT.finditer(sentence)]


def _count(sentence: str) -> list[tuple[int | float, FigureUnit]]:
    """A count is read only from a sentence that names a period between two dates: "Granskning
    … mellan 2022-10-26 och 2023-10-26 visar att inga avvikelser har rapporterats"."""
    if not words.DATE_SPAN.search(sentence):
        return []
    shown = COUNT_AFTER_SHOWS.search(sentence) or NONE_AT_START.search(sentence)
    value = words.quantity(shown[1]) if shown else None
    return [(value, FigureUnit.COUNT)] if value is not None else []


def _has_figure(sentence: str) -> bool:
    return bool(_shares(sentence) or _count(sentence))


def _number(printed: str) -> int | float:
    value = float(printed.replace(",", "."))
    return int(value) if value.is_integer() else value


def _period(sentence: str) -> Period | None:
    dates = words.DATE_SPAN.search(sentence)
    if dates:
        return Period(dates[1], dates[2])
    months = words.MONTH_SPAN.search(sentence)
    if months:
        year = months[3]
        return Period(f"{year}-{words.month_number(months[1]):02d}", f"{year}-{words.month_number(months[2]):02d}")
    return None


def _completed(
    figure: tuple[int | float, FigureUnit], period: Period | None, sentence: str, observed: Observed
) -> ReadFigure:
    value, unit = figure
    sample = SAMPLE.search(sentence) if unit is FigureUnit.PERCENT else None
    return ReadFigure(
        value=value,
        unit=unit,
        sentence=sentence.strip(),
        sample_size=int(sample[1]) if sample else None,
        sample=sample[2] if sample else None,
        period=period,
        observed=observed,
    )
