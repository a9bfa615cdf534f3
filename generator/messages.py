"""Pydantic's errors in the controllers' words: one Swedish problem per place, on the line that
caused it, with what to do.

The validator (validate.py) and organisation.yml's reader (organisation.py) both turn a
``ValidationError`` into problems here, so that a wrong value reads the same wherever it stands.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.document import Document, Path_
from generator.drafts import nested_models
from generator.errors import Problem
from generator.kinds import KINDS
from generator.model import CASE_NUMBER_PATTERN, EMAIL_PATTERN, ID_PATTERN, SECTION_NUMBER_PATTERN, YEAR_MONTH_PATTERN

PATTERN_HINTS = {
    ID_PATTERN: "ett id får bara ha små bokstäver a–z, siffror och enkla bindestreck, t.ex. `sov-881-2022`",
    CASE_NUMBER_PATTERN: 'skriv diarienumret som det är tryckt, t.ex. "Sov 881/2022" eller "SOV 881/2022"',
    SECTION_NUMBER_PATTERN: 'skriv avtalspunkten som text inom citattecken, t.ex. "3.10"',
    YEAR_MONTH_PATTERN: "skriv en månad som ÅÅÅÅ-MM, t.ex. 2022-02",
    EMAIL_PATTERN: "skriv en e-postadress, t.ex. egetval@orebro.se",
}
"""What to do about a value of the wrong form, by the model's own pattern (model.py)."""

DATE_HINT = "skriv datum som ÅÅÅÅ-MM-DD utan citattecken, t.ex. 2024-01-02"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
SURROGATE = re.compile(r"[\ud800-\udfff]")
"""Half of a UTF-16 pair: YAML reads "\\ud800" in quotes as one, but it is no character of its own."""


def schema_problems(
    document: Document,
    error: ValidationError,
    hints: Mapping[str, str] = PATTERN_HINTS,
    marked: frozenset[Path_] = frozenset(),
) -> list[Problem]:
    """One problem per place: union types report once per alternative, keep the first. Also the
    words for organisation.yml's problems, with the hints for its own patterns."""
    # A union reports one error per alternative; a specific one ("not finite") says more than "wrong type".
    ordered = sorted(error.errors(), key=lambda d: d["type"].endswith("_type"))
    details = [(_data_path(document.data, d["loc"], d["type"]), d) for d in ordered]
    paths = [path for path, _ in details]
    seen: set[Path_] = set()
    problems = []
    for path, detail in details:
        if path in seen or (detail["type"] == "too_short" and _has_deeper(path, paths)):
            continue
        if path in marked and detail["type"] != "extra_forbidden":
            continue  # the marker's own entry says what to do
        seen.add(path)
        problems.append(_schema_problem(document, path, detail, hints))
    return problems


def _has_deeper(path: Path_, paths: list[Path_]) -> bool:
    """Pydantic also calls a list too short once its only item failed: that is no news."""
    return any(len(other) > len(path) and other[: len(path)] == path for other in paths)


def _data_path(data: Any, loc: tuple[Any, ...], kind: str) -> Path_:
    """The part of pydantic's loc that names places in the data (not union members)."""
    path: list[str | int] = []
    current = data
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if _contains(current, part):
            path.append(part)
            current = current[part]
        elif last and kind in ("missing", "extra_forbidden"):
            path.append(part)
    return tuple(path)


def _contains(container: Any, part: Any) -> bool:
    if isinstance(container, dict):
        return part in container
    return isinstance(container, list) and isinstance(part, int) and 0 <= part < len(container)


def _schema_problem(document: Document, path: Path_, detail: Any, hints: Mapping[str, str]) -> Problem:
    kind = detail["type"]
    where = document.position(path, key=kind == "extra_forbidden")
    message, hint = _explain(document, path, detail, hints)
    return Problem(document.path, where.line, where.column, message, hint)


def _explain(document: Document, path: Path_, detail: Any, hints: Mapping[str, str]) -> tuple[str, str]:
    kind = detail["type"]
    name = field_name(path)
    value = detail.get("input")
    converted = document.converted.get(path)
    if kind == "missing":
        return f"fältet `{name}` saknas", f"lägg till `{name}:` med ett värde"
    if kind == "extra_forbidden":
        return f"okänt fält `{name}`", _suggest(str(name))
    if value is None and kind == "enum":
        return f"`{name}` är inte ifyllt", f"fyll i ett av: {_expected(detail)}"
    if value is None and kind.endswith("_type"):
        return f"`{name}` är inte ifyllt", "fyll i ett värde, eller ta bort raden om fältet är frivilligt"
    if converted is not None and kind == "string_type":
        return (
            f"`{converted.source}` lästes av YAML som {converted.read_as}, inte som text",
            f'skriv värdet inom citattecken: "{converted.source}"',
        )
    if kind.startswith("date") and isinstance(value, str) and ISO_DATE.fullmatch(value):
        return f'`{name}` ska vara ett datum, fick texten "{value}"', "ta bort citattecknen"
    if kind.startswith("date"):
        return f"`{value}` är inget datum", DATE_HINT
    if kind in ("greater_than_equal", "greater_than"):
        limit = detail["ctx"].get("ge", detail["ctx"].get("gt"))
        return f"`{name}` ska vara minst {limit}, fick `{value}`", "rätta värdet"
    if kind in ("less_than_equal", "less_than"):
        limit = detail["ctx"].get("le", detail["ctx"].get("lt"))
        return f"`{name}` ska vara högst {limit}, fick `{value}`", "rätta värdet"
    if kind == "string_unicode":
        code = next((f"U+{ord(c):04X}" for c in str(value) if SURROGATE.match(c)), "")
        return (
            f"`{name}` innehåller ett halvt tecken ({code}) som inte kan skrivas som text",
            "ta bort det; ett tecken skrivs inom citattecken som \\U0001F600, inte som två \\u-koder",
        )
    if kind == "string_too_long":
        return f"`{name}` får vara högst {detail['ctx']['max_length']} tecken långt", "korta värdet"
    if kind == "finite_number":
        source = converted.source if converted else value
        return f"`{name}` ska vara ett tal, fick `{source}`", "skriv ett tal, t.ex. 90"
    if kind == "string_pattern_mismatch":
        pattern = detail["ctx"]["pattern"]
        return f"`{value}` har fel form", hints.get(pattern, f"värdet ska matcha {pattern}")
    if kind in ("string_too_short", "too_short"):
        return f"`{name}` är inte ifyllt", "fyll i ett värde, eller ta bort raden om fältet är frivilligt"
    if kind == "enum":
        return f"`{value}` är inget tillåtet värde för `{name}`", f"tillåtna värden: {_expected(detail)}"
    if isinstance(value, str) and kind.endswith("_type") and value.strip().isdigit():
        return f'`{name}` ska vara ett tal, fick texten "{value}"', "ta bort citattecknen"
    if kind == "string_type":
        return f"`{name}` ska vara text", "skriv texten efter kolonet, inom citattecken om den innehåller ': '"
    if kind in ("int_type", "float_type", "int_from_float"):
        return f"`{name}` ska vara ett tal, fick `{value}`", "skriv bara siffror, t.ex. 90 (enheten anges i `unit`)"
    if kind in ("tuple_type", "list_type"):
        return f"`{name}` ska vara en lista", "skriv varje post på en egen rad som börjar med '- '"
    if kind == "bool_type":
        return f"`{name}` ska vara true eller false", "skriv true eller false utan citattecken"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"`{name}` ska vara en mappning med fält", "skriv fälten indragna på raderna under, som `namn: värde`"
    return f"`{name}`: {detail['msg']}", "rätta värdet"


def _expected(detail: Any) -> str:
    return str(detail["ctx"]["expected"]).replace("' or '", "', '")


def field_name(path: Path_) -> str:
    names = [part for part in path if isinstance(part, str)]
    return names[-1] if names else "posten"


def _all_field_names() -> set[str]:
    names: set[str] = set()
    pending: list[type[BaseModel]] = [kind.model for kind in KINDS]
    while pending:
        model = pending.pop()
        for name, info in model.model_fields.items():
            names.add(name)
            pending.extend(nested_models(info.annotation))
    return names


def _suggest(name: str) -> str:
    close = difflib.get_close_matches(name, sorted(_all_field_names()), n=1)
    if close:
        return f"menade du `{close[0]}`? Annars: ta bort fältet"
    return "ta bort fältet eller stava det som i schemat"
