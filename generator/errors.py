"""Problems found in the data: values with a place, collected and reported together."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

CodeRanges = tuple[tuple[int, int], ...]
"""Code points as inclusive (first, last) ranges, in order."""

INVISIBLE: CodeRanges = (
    (0x00AD, 0x00AD),
    (0x0600, 0x0605),
    (0x061C, 0x061C),
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x180E, 0x180E),
    (0x200B, 0x200C),
    (0x200E, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x2064),
    (0x2066, 0x206F),
    (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
)
"""Format characters (Unicode category Cf): they do not show as themselves, yet they change
the text around them. The bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E,
U+200F, U+061C) reorder a sentence on the page; zero-width spaces, joiners and the word joiner,
the soft hyphen, U+FEFF and the tag characters (U+E0020–U+E007F, a known way to hide text)
make two texts that look alike differ, so that search and comparison fail. None has a place
in Swedish plain-text records, so they are refused wholesale rather than one by one. The one
exception is U+200D ZERO WIDTH JOINER, which joins emoji (👩‍⚕️) and is harmless alone.
tests/test_errors.py checks this list against Python's Unicode tables."""


def char_class(ranges: CodeRanges) -> str:
    """The inside of a regular-expression character class for ranges, e.g. for `[^...]`."""
    return "".join(f"\\U{first:08x}-\\U{last:08x}" for first, last in ranges)


_UNSHOWN = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff{char_class(INVISIBLE)}]")
"""What must not reach a terminal or a CI log as itself: control characters (a line starting
`::warning` in a file name would be a GitHub workflow command), line and paragraph separators,
lone surrogates (they cannot even be printed) and the invisible format characters."""

_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def shown(text: str) -> str:
    """text with every character that would not show as itself written as an escape (\\n, \\x1b,
    \\u202e), so that printed problems are one visible line each."""
    return _UNSHOWN.sub(_escape, text)


def unshown(text: str) -> str | None:
    """The first character in text that shown() would escape, if any."""
    found = _UNSHOWN.search(text)
    return found.group() if found else None


def _escape(found: re.Match[str]) -> str:
    char = found.group()
    code = ord(char)
    return _ESCAPES.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


_CONTROL_NAMES = {"\t": "TAB", "\n": "LINE FEED", "\r": "CARRIAGE RETURN", "\x85": "NEXT LINE"}
"""Unicode gives control characters no names; these are the ones a message may meet."""


def describe(char: str) -> str:
    """A character as a message names it: `U+202E (RIGHT-TO-LEFT OVERRIDE)`."""
    name = unicodedata.name(char, None) or _CONTROL_NAMES.get(char, "styrtecken")
    return f"U+{ord(char):04X} ({name})"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, at a 1-based line and column, with what to do about it."""

    path: str
    line: int
    column: int
    message: str
    hint: str = ""

    def format(self) -> str:
        """The problem as text; path, message and hint can carry a file name or a record's own
        text, so they are printed through shown()."""
        text = f"{shown(self.path)}:{self.line}:{self.column}: {shown(self.message)}"
        return f"{text}\n    → {shown(self.hint)}" if self.hint else text


def format_problems(problems: Iterable[Problem]) -> str:
    """All problems sorted by place, then a count, ready to print."""
    ordered = sorted(problems)
    lines = [problem.format() for problem in ordered]
    files = len({problem.path for problem in ordered})
    lines.append(f"{len(ordered)} problem i {files} {'fil' if files == 1 else 'filer'}.")
    return "\n".join(lines)


def github_annotation(problem: Problem, level: str = "error") -> str:
    """A workflow command that GitHub shows on the line of the pull request: an error, or a
    notice for a draft's line still to fill."""
    message = f"{problem.message}\n{problem.hint}" if problem.hint else problem.message
    where = f"file={_workflow_escaped(problem.path, in_property=True)},line={problem.line},col={problem.column}"
    return f"::{level} {where},title=Kvalitetsportalen::{_workflow_escaped(message)}"


def _workflow_escaped(value: str, *, in_property: bool = False) -> str:
    """GitHub's escaping for a workflow command's message, and also ':' and ',' in a property."""
    codes = [("%", "%25"), ("\r", "%0D"), ("\n", "%0A")] + ([(":", "%3A"), (",", "%2C")] if in_property else [])
    for raw, code in codes:
        value = value.replace(raw, code)
    return value
