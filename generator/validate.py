"""The validation stage: each loaded document checked on its own (text, schema, draft markers),
then the records that passed against each other, so that one typo does not cascade into a
screen of follow-on errors.

The stage only orders the checks. What a schema error says is messages.py's; the rules between
records are references.py's, those within one record coherence.py's, those over all records of
a kind crosscheck.py's.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.crosscheck import Sourced, at, reserved_ids
from generator.dataset import DataSet
from generator.document import Document, Loaded, Path_, Placing
from generator.drafts import Draft, draft_of, markers, to_fill
from generator.errors import Problem
from generator.kept import Kept, keep, keep_only, reused
from generator.kinds import BY_FOLDER, FOLDERS, FOLLOWUPS, PROVIDERS, REQUIREMENTS
from generator.load import Reading, released
from generator.messages import field_name, schema_problems
from generator.originals import original_problems
from generator.paths import is_id
from generator.privacy import personal_numbers
from generator.references import References

__all__ = ["RecordCache", "Validated", "check_schema", "validate"]

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Validated:
    dataset: DataSet
    """The published records: drafts are checked, then left out."""
    problems: tuple[Problem, ...]
    to_fill: tuple[Problem, ...] = ()
    """The drafts' markers, each a line still to fill: no problem, since a draft is not published."""
    drafts: tuple[Draft, ...] = ()


@dataclass(frozen=True)
class DocumentCheck:
    """What one file can be checked for on its own: its record (None when the schema refuses
    it), its problems, and if it is a draft, the draft and the lines it still has to fill."""

    document: Document
    record: BaseModel | None
    problems: tuple[Problem, ...]
    to_fill: tuple[Problem, ...] = ()
    draft: Draft | None = None


RecordCache = Kept[str, DocumentCheck]
"""Each document's own checks, by its path, kept with the document (kept.py): the loader keeps an
unchanged file's document, so the preview checks only the files that changed."""


def validate(loaded: Loaded | Reading, as_of: dt.date, cache: RecordCache | None = None) -> Validated:
    """Every schema and cross-reference problem in the documents, and the valid published records.
    Drafts are checked with the rest, so that a published record cannot refer to one.

    Each document is checked on its own as it comes; then only its record is kept, with a
    Placed (load.released) for the checks between records, so that a Reading's documents are
    let go one by one (the cache, a preview's, keeps them for the next run)."""
    problems: list[Problem] = []
    filling: list[Problem] = []
    drafts: list[Draft] = []
    valid: dict[str, list[Sourced[Any]]] = {kind: [] for kind in FOLDERS}
    published: dict[str, list[Sourced[Any]]] = {kind: [] for kind in FOLDERS}
    checked: list[str] = []
    for document in loaded.documents:
        checked.append(document.path)
        entry = reused(cache, document.path, (document,)) or keep(
            cache, document.path, (document,), _check_document(document)
        )
        problems.extend(entry.problems)
        filling.extend(entry.to_fill)
        if entry.draft is not None:
            drafts.append(entry.draft)
        if entry.record is not None:
            item = Sourced(entry.record, released(document))
            valid[document.kind].append(item)
            if entry.draft is None:
                published[document.kind].append(item)
    keep_only(cache, checked)
    existing = {kind: {stem for k, stem in loaded.stems if k == kind} for kind in FOLDERS}  # a Reading's, once read
    problems.extend(_check_ids(valid))
    for kind, items in valid.items():
        existing[kind] |= {item.record.id for item in items}  # a misnamed file still holds its record
    problems.extend(References(valid, existing, as_of, drafts).run())
    problems.extend(original_problems(valid[FOLLOWUPS.folder], loaded.originals))
    dataset = DataSet(
        requirements=tuple(item.record for item in published[REQUIREMENTS.folder]),
        providers=tuple(item.record for item in published[PROVIDERS.folder]),
        followups=tuple(item.record for item in published[FOLLOWUPS.folder]),
        followup_files={item.record.id: item.document.path for item in published[FOLLOWUPS.folder]},
    )
    return Validated(dataset, tuple(problems), tuple(filling), tuple(drafts))


def _check_document(document: Document) -> DocumentCheck:
    """What one file can be checked for on its own: its text, its schema and its markers. The
    type errors a marker causes are left to the marker's entry; in a draft the entries are lines
    to fill, elsewhere problems."""
    model = BY_FOLDER[document.kind].model
    draft = draft_of(document, model)
    marked = markers(document.data)
    record, found = check_schema(document, frozenset(marked))
    entries = to_fill(document, model, marked, draft=draft is not None)
    problems = (*_check_text(document, document.data, ()), *found)
    if draft is None:
        return DocumentCheck(document, record, (*problems, *entries))
    return DocumentCheck(document, record, problems, entries, draft)


# --- schema -------------------------------------------------------------------


def check_schema(document: Document, marked: frozenset[Path_] = frozenset()) -> tuple[BaseModel | None, list[Problem]]:
    """The record, or what keeps the schema from reading it; nothing at a place in marked (the
    importer's markers) but an unknown field."""
    model = BY_FOLDER[document.kind].model
    try:
        return model.model_validate(document.data), []
    except ValidationError as error:
        return None, schema_problems(document, error, marked=marked)


# --- personal data ------------------------------------------------------------------


def _check_text(document: Document, value: Any, path: Path_) -> Iterator[Problem]:
    """Every text value of a file, whether or not the rest of it is valid: no personal identity
    numbers, and no control characters (an escaped "\\u0003" in a quoted string gets this far)."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _check_text(document, item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _check_text(document, item, (*path, index))
    elif personal_numbers(value if isinstance(value, str) else _source(document, path)):
        yield at(
            document,
            path,
            f"`{field_name(path)}` innehåller ett personnummer eller samordningsnummer",
            "ta bort det: kunders och personals personuppgifter publiceras aldrig",
        )
    elif isinstance(value, str) and (control := CONTROL.search(value)):
        code = f"U+{ord(control.group()):04X}"
        yield at(document, path, f"`{field_name(path)}` innehåller styrtecknet {code}", "ta bort tecknet")


def _source(document: Document, path: Path_) -> str:
    """A number YAML converted still counts: 8112189876 unquoted is read as an integer."""
    converted = document.converted.get(path)
    return converted.source if converted else ""


# --- ids ----------------------------------------------------------------------------


def _check_ids(valid: dict[str, list[Sourced[Any]]]) -> Iterator[Problem]:
    for kind, items in valid.items():
        yield from _check_previous_ids(items)
        yield from reserved_ids(kind, items)
        first_seen: dict[str, Placing] = {}
        for item in items:
            document = item.document
            record_id = item.record.id
            if record_id != document.stem:
                hint = f"byt id till `{document.stem}` eller filen till `{record_id}.yml`"
                if not is_id(document.stem):
                    hint = f"byt namn på filen till `{record_id}.yml`: ett filnamn är ett id"
                message = f"id `{record_id}` stämmer inte med filnamnet `{document.stem}.yml`"
                yield at(document, ("id",), message, hint)
            if record_id in first_seen:
                yield at(
                    document,
                    ("id",),
                    f"id `{record_id}` används redan i {first_seen[record_id].path}",
                    "ge posten ett eget id",
                )
            else:
                first_seen[record_id] = document


def _check_previous_ids(items: list[Sourced[Any]]) -> Iterator[Problem]:
    """An old id keeps redirecting to its record, so it can belong to no other record, old or new."""
    current = {item.record.id for item in items}
    claimed: dict[str, str] = {}
    for item in items:
        for index, old in enumerate(item.record.previous_ids):
            where = ("previous_ids", index)
            if old in current:
                yield at(
                    item.document,
                    where,
                    f"`{old}` är id för en befintlig post",
                    "ett tidigare id kan inte användas igen",
                )
            elif old in claimed and claimed[old] != item.record.id:
                yield at(item.document, where, f"`{old}` är redan tidigare id för `{claimed[old]}`", "ta bort det ena")
            claimed[old] = item.record.id
