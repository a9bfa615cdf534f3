"""Swedish personal identity numbers in free text: a record is public, so none may be published.

Finds personnummer and samordningsnummer (day + 60), with or without century and separator,
whose date is possible and whose check digit is right, so that case numbers and dates do not
trip it.
"""

from __future__ import annotations

import re

_SIX_DIGITS = re.compile(r"\d{6}")
"""Every candidate starts with six digits in a row; most text has none, and this scan is cheap."""
_CANDIDATE = re.compile(r"(?<![\d/])(?:19|20)?(\d{2})(\d{2})(\d{2})[-+ ]?(\d{3})(\d)(?![\d/])")


def personal_numbers(text: str) -> int:
    """How many personal identity numbers the text contains."""
    if not _SIX_DIGITS.search(text):
        return 0
    return sum(1 for match in _CANDIDATE.finditer(text) if _plausible(match))


def _plausible(match: re.Match[str]) -> bool:
    year, month, day, serial, check = match.groups()
    day_number = int(day) - 60 if int(day) > 60 else int(day)
    if not (1 <= int(month) <= 12 and 1 <= day_number <= 31):
        return False
    return _luhn(year + month + day + serial) == int(check)


def _luhn(digits: str) -> int:
    total = 0
    for index, digit in enumerate(digits):
        value = int(digit) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return (10 - total % 10) % 10
