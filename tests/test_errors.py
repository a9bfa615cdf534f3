"""Problems as printed: one visible line each, whatever a file name or a record holds."""

from __future__ import annotations

import sys
import unicodedata

from generator.errors import INVISIBLE, Problem, describe, format_problems, shown

ZWJ = 0x200D


def test_printed_problems_cannot_start_a_line_of_their_own() -> None:
    """Finding 16: a newline in a file name would start a line GitHub reads as a workflow command."""
    problem = Problem("data/ny\n::warning title=x::pwned.yml", 1, 1, "id `a\rb` \x1b[31m", "byt \u202e namn\ud800")
    assert format_problems([problem]).splitlines() == [
        "data/ny\\n::warning title=x::pwned.yml:1:1: id `a\\rb` \\x1b[31m",
        "    → byt \\u202e namn\\ud800",
        "1 problem i 1 fil.",
    ]


def test_ordinary_text_is_shown_as_it_is() -> None:
    text = "Åsa's omsorg – 90 % \U0001f469\u200d\u2695\ufe0f klart"
    assert shown(text) == text


def test_invisible_is_every_format_character_but_the_emoji_joiner() -> None:
    """INVISIBLE is spelled out for speed; Python's Unicode tables say what it must hold. A newer
    Unicode may add format characters (a new Python then fails here: add them), and code points
    unassigned in this Python's tables may stand in it."""
    listed = {code for first, last in INVISIBLE for code in range(first, last + 1)}
    format_characters = {code for code in range(sys.maxunicode + 1) if unicodedata.category(chr(code)) == "Cf"}
    assert format_characters - listed == {ZWJ}
    assert {unicodedata.category(chr(code)) for code in listed} <= {"Cf", "Cn"}
    assert [first for first, _ in INVISIBLE] == sorted(first for first, _ in INVISIBLE)


def test_characters_are_described_by_code_and_name() -> None:
    assert describe("\u202e") == "U+202E (RIGHT-TO-LEFT OVERRIDE)"
    assert describe("\n") == "U+000A (LINE FEED)"
    assert describe("\x07") == "U+0007 (styrtecken)"
