"""Drafts: records checked like any other but never published, and the lines still to fill in them.

The importer turns an archived decision into a draft (`draft: true` on a decision or a provider)
and writes the marker `att fylla i` (model.TO_FILL) for every value it could not read, in a field
of any type: a date, a status, an id, a text, an item of a list, a whole mapping. The marker is
the importer's question to the controller, so each one is listed at its own line as a value to
read in the original, in place of the type error it would cause (a date field holding text);
other problems of a draft are problems as in any record. In a record that is not a draft the
same marker is an error: the mark was removed before the review was done. Drafts are left out
of everything published (pages, open data, counts, feeds), and a published record may not
depend on one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, get_args

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.document import Document, Path_
from generator.errors import Problem, shown
from generator.kinds import BY_FOLDER
from generator.model import is_to_fill
from generator.paths import is_id

DRAFT_FIELD = "draft"

PATHS_SHOWN = 10
"""Drafts named in the line that says they were left out: an import of a whole archive is one line."""

_FILL = "läs värdet i originalbeslutet och skriv det här"
OPTIONAL_HINT = f'{_FILL}, eller ta bort raden om originalet inte anger det (då visas "uppgift saknas")'
REQUIRED_HINT = f"{_FILL}; fältet måste fyllas i och raden kan inte tas bort"
ITEM_HINT = f"{_FILL}, eller ta bort raden om originalet inte har något mer här"
NOT_A_DRAFT = "posten är inget utkast (`draft: true` är borttaget), och markeringen får inte publiceras: "


@dataclass(frozen=True)
class Draft:
    """A draft left out of the site. Its values are kept as read, also when the model cannot read
    them (a marker in a date or an id fails the type), so that `diff` lists and compares it."""

    path: str
    """The file, as problems name it."""
    kind: str
    """Its folder in data/: followups or providers."""
    id: str
    """The id it gives, or its file name where the id is still to fill."""
    data: Mapping[str, Any]
    """Its values as the YAML gives them, for comparing two versions of it."""

    @property
    def name(self) -> str:
        """As a report names it: what it is, its id and its file."""
        return f"{BY_FOLDER[self.kind].noun} `{self.id}` ({self.path})"


def draft_of(document: Document, model: type[BaseModel]) -> Draft | None:
    """The document as a draft, if it says it is one and its model has the mark (a requirement
    is never a draft); read from the YAML, not the model, because a draft with markers in typed
    fields has no model."""
    if DRAFT_FIELD not in model.model_fields or document.data.get(DRAFT_FIELD) is not True:
        return None
    record_id = document.data.get("id")
    shown_id = record_id if isinstance(record_id, str) and is_id(record_id) else document.stem
    return Draft(document.path, document.kind, shown_id, document.data)


def markers(data: Mapping[str, Any]) -> list[Path_]:
    """Every place in a record's values that holds the marker, in file order. Every file is
    walked (a marker outside a draft is an error), so the walk builds one list and tests the
    leaves where it meets them: about 0.1 s for the benchmark's 2,400 files at size M, half of
    what a generator per value took."""
    found: list[Path_] = []
    _collect(data.items(), (), found)
    return found


def _collect(items: Iterable[tuple[str | int, Any]], path: Path_, found: list[Path_]) -> None:
    for key, value in items:
        if isinstance(value, dict):
            _collect(value.items(), (*path, key), found)
        elif isinstance(value, list):
            _collect(enumerate(value), (*path, key), found)
        elif is_to_fill(value):
            found.append((*path, key))


def to_fill(document: Document, model: type[BaseModel], places: Iterable[Path_], *, draft: bool) -> tuple[Problem, ...]:
    """One entry per marker in a field the model has (a marker under an unknown field is that
    field's problem), naming the field and saying whether its line may go; outside a draft,
    also that the record is about to be published with the marker in it."""
    entries = []
    for path in places:
        field = field_at(model, path)
        if field is None:
            continue
        where = document.position(path)
        message = f"att fylla i: {_described(field, path)}"
        hint = _hint(field, path)
        entries.append(Problem(document.path, where.line, where.column, message, hint if draft else NOT_A_DRAFT + hint))
    return tuple(entries)


def _hint(field: FieldInfo, path: Path_) -> str:
    """Read the value in the original; where the original does not give it, an item or an
    optional field goes (and the page says "uppgift saknas"), a required field cannot."""
    if isinstance(path[-1], int):
        return ITEM_HINT
    return REQUIRED_HINT if field.is_required() else OPTIONAL_HINT


def field_at(model: type[BaseModel], path: Path_) -> FieldInfo | None:
    """The field of model that path names (for an item, its list's field); None where the model
    has no such field."""
    field: FieldInfo | None = None
    current: type[BaseModel] | None = model
    for part in path:
        if isinstance(part, int):
            continue
        if current is None or part not in current.model_fields:
            return None
        field = current.model_fields[part]
        current = next(nested_models(field.annotation), None)
    return field


def nested_models(annotation: Any) -> Iterator[type[BaseModel]]:
    """The models inside a field's type: Basis in `Basis | None`, Outcome in `tuple[Outcome, ...]`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for argument in get_args(annotation):
        yield from nested_models(argument)


def _enums(annotation: Any) -> Iterator[type[Enum]]:
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        yield annotation
    for argument in get_args(annotation):
        yield from _enums(argument)


_ASIDE = re.compile(r"\s*\([^)]*\)")
_CLAUSE_END = re.compile(r"[.,;](?:\s|$)|\n")


def _described(field: FieldInfo, path: Path_) -> str:
    """The field in the controllers' words, from the model's own description (its first clause,
    asides left out; an enum's own description, since a list of its values names nothing), with
    where it is: "beslutets datum (date)", "underlag till bedömning (outcomes[2].evidence[1])".
    Items are counted from 1, as a reader counts the lines of a list."""
    where = "".join(f"[{part + 1}]" if isinstance(part, int) else f".{part}" for part in path).lstrip(".")
    enum = next(_enums(field.annotation), None)
    text = _ASIDE.sub("", (enum.__doc__ if enum else field.description) or "").strip()
    clause = _CLAUSE_END.split(text, maxsplit=1)[0]
    if not clause or clause.lower().startswith("t.ex"):  # an example names no field
        return where
    return f"{clause[:1].lower()}{clause[1:]} ({where})"


def format_to_fill(entries: Sequence[Problem]) -> str:
    """The drafts' lines still to fill, after the problems: what the controller reviews next."""
    ordered = sorted(entries)
    drafts = len({entry.path for entry in ordered})
    lines = ["Att fylla i (utkast, publiceras inte):", *(entry.format() for entry in ordered)]
    lines.append(f"{len(ordered)} {'värde' if len(ordered) == 1 else 'värden'} att fylla i, i {drafts} utkast.")
    return "\n".join(lines)


def left_out_words(drafts: Sequence[Draft]) -> str:
    """How many drafts a build left out, and which: "2 utkast lämnades utanför (publiceras inte): …"."""
    paths = [shown(draft.path) for draft in sorted(drafts, key=lambda draft: draft.path)]
    more = len(paths) - PATHS_SHOWN
    named = ", ".join(paths[:PATHS_SHOWN]) + (f" och {more} till" if more > 0 else "")
    return f"{len(drafts)} utkast lämnades utanför (publiceras inte): {named}"
