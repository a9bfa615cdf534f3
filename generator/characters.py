"""The bytes and characters a record file may hold, checked before YAML reads it: UTF-8 without a
byte order mark, no character YAML refuses, no invisible or bidirectional control character, no
line break that only YAML counts, and no tab in an indent. Each refusal is placed at its line and
column as GitHub shows the file."""

from __future__ import annotations

import re

from generator.document import whole_file
from generator.errors import INVISIBLE, CodeRanges, Problem, char_class, describe


def check_bytes(raw: bytes, display: str) -> list[Problem]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return [whole_file(display, "filen är inte UTF-8 (troligen UTF-16)", "spara filen med teckenkodningen UTF-8")]
    if raw.startswith(b"\xef\xbb\xbf"):
        return [whole_file(display, "filen börjar med ett byte order mark (BOM)", "spara filen som UTF-8 utan BOM")]
    if not raw.strip():
        return [whole_file(display, "filen är tom", "fyll i posten eller ta bort filen")]
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8")) + 1
        return [
            Problem(
                display,
                line,
                column,
                "filen är inte UTF-8 (troligen Latin-1 eller Windows-1252)",
                "spara filen med teckenkodningen UTF-8",
            )
        ]
    return []


_YAML_PRINTABLE: CodeRanges = (
    (0x09, 0x0A),
    (0x0D, 0x0D),
    (0x20, 0x7E),
    (0x85, 0x85),
    (0xA0, 0xD7FF),
    (0xE000, 0xFFFD),
    (0x10000, 0x10FFFF),
)
"""The characters YAML allows in a file; the rest (NUL and other control characters) are not."""

_YAML_ONLY_BREAKS: CodeRanges = ((0x85, 0x85), (0x2028, 0x2029))
"""NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR end a line for YAML but not for editors or GitHub,
which count only \\n: the value around one is not what the file shows, and every line after it
would be reported at the wrong number. A lone \\r (not of \\r\\n) is the same, and is looked for
apart, so that the one search below stays a single character class."""


def _without(ranges: CodeRanges, removed: CodeRanges) -> CodeRanges:
    """ranges less the code points in removed (both in order, not overlapping)."""
    kept: list[tuple[int, int]] = []
    for first, last in ranges:
        for cut_first, cut_last in removed:
            if cut_last < first or cut_first > last:
                continue
            if cut_first > first:
                kept.append((first, cut_first - 1))
            first = max(first, cut_last + 1)
        if first <= last:
            kept.append((first, last))
    return tuple(kept)


_REFUSED = re.compile(f"[^{char_class(_without(_YAML_PRINTABLE, tuple(sorted({*INVISIBLE, *_YAML_ONLY_BREAKS}))))}]")
"""Every character a file may not hold, in one class: one search over a clean file, ~0.1 ms."""
_LONE_CR = re.compile(r"\r(?!\n)")
_INVISIBLE = re.compile(f"[{char_class(INVISIBLE)}]")


def check_characters(text: str, display: str) -> list[Problem]:
    """Each refused character at its line and column, counting lines by \\n as GitHub does."""
    found = list(_REFUSED.finditer(text))
    if "\r" in text:
        found = sorted([*found, *_LONE_CR.finditer(text)], key=lambda match: match.start())
    problems = []
    line, line_start = 1, 0
    for match in found:
        start = match.start()
        breaks = text.count("\n", line_start, start)
        if breaks:
            line += breaks
            line_start = text.rindex("\n", line_start, start) + 1
        problems.append(Problem(display, line, start - line_start + 1, *_character_refusal(match.group())))
    return problems


def _character_refusal(char: str) -> tuple[str, str]:
    if char in "\r\x85\u2028\u2029":
        return (
            f"tecknet {describe(char)} är en radbrytning för YAML men inte för GitHub och de flesta editorer",
            "ersätt det med en vanlig radbrytning eller ta bort det",
        )
    if _INVISIBLE.match(char):
        return (
            f"osynligt tecken {describe(char)}: det kan ändra texten runt sig, t.ex. vända läsordningen",
            "ta bort tecknet (det syns inte i de flesta editorer: radera och skriv om tecknen runt kolumnen)",
        )
    return f"otillåtet tecken U+{ord(char):04X}", "ta bort tecknet"


def check_tabs(text: str, display: str) -> list[Problem]:
    if "\t" not in text:
        return []
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(
                Problem(
                    display,
                    number,
                    indent.index("\t") + 1,
                    "tabb i indraget",
                    "YAML tillåter bara mellanslag som indrag; ersätt tabben med mellanslag",
                )
            )
    return problems
