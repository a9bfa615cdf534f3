"""Check loaded documents against the models, then against each other.

Schema problems come from pydantic and are placed on the line that caused
them; cross-reference checks run only over records that passed the schema,
so one typo does not cascade into a screen of follow-on errors.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.copies import copy_problems
from generator.crosscheck import Sourced, area_collisions, at, follow_up_cycles, reserved_ids
from generator.drafts import Draft, draft_of, markers, nested_models, to_fill
from generator.errors import Problem
from generator.kept import Kept, keep, keep_only, reused
from generator.load import Document, Loaded, Path_
from generator.model import (
    CASE_NUMBER_PATTERN,
    ID_PATTERN,
    DecisionOutcome,
    FigureUnit,
    FollowUp,
    FollowUpKind,
    Period,
    Provider,
    Reply,
    Requirement,
    RequirementVersion,
    Status,
    case_number_key,
)
from generator.originals import original_problems
from generator.paths import is_id
from generator.privacy import personal_numbers

MODELS: dict[str, type[BaseModel]] = {
    "requirements": Requirement,
    "providers": Provider,
    "followups": FollowUp,
}

STATUSES_BY_KIND = {
    FollowUpKind.FOLLOW_UP: frozenset({Status.MET, Status.NOT_MET, Status.UNKNOWN}),
    FollowUpKind.RESULT_FOLLOW_UP: frozenset({Status.REMEDIED, Status.REMAINS, Status.UNKNOWN}),
}

PATTERN_HINTS = {
    ID_PATTERN: "ett id får bara ha små bokstäver a–z, siffror och enkla bindestreck, t.ex. `sov-881-2022`",
    CASE_NUMBER_PATTERN: 'skriv diarienumret som det är tryckt, t.ex. "Sov 881/2022" eller "SOV 881/2022"',
    r"^\d+(?:\.\d+)*$": 'skriv avtalspunkten som text inom citattecken, t.ex. "3.10"',
    r"^[1-9]\d{3}-(?:0[1-9]|1[0-2])$": "skriv en månad som ÅÅÅÅ-MM, t.ex. 2022-02",
    r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$": "skriv en e-postadress, t.ex. egetval@orebro.se",
}

DATE_HINT = "skriv datum som ÅÅÅÅ-MM-DD utan citattecken, t.ex. 2024-01-02"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
SURROGATE = re.compile(r"[\ud800-\udfff]")
"""Half of a UTF-16 pair: YAML reads "\\ud800" in quotes as one, but it is no character of its own."""
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class DataSet:
    """The whole valid tree: what every later stage works from."""

    requirements: tuple[Requirement, ...]
    providers: tuple[Provider, ...]
    followups: tuple[FollowUp, ...]
    followup_files: Mapping[str, str] = field(default_factory=dict)
    """Each decision's file by id, as problems name it: for messages about a decision as a whole."""

    @property
    def record_count(self) -> int:
        return len(self.requirements) + len(self.providers) + len(self.followups)


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


def validate(loaded: Loaded, as_of: dt.date, cache: RecordCache | None = None) -> Validated:
    """Every schema and cross-reference problem in the documents, and the valid published records.
    Drafts are checked with the rest, so that a published record cannot refer to one."""
    problems: list[Problem] = []
    filling: list[Problem] = []
    drafts: list[Draft] = []
    valid: dict[str, list[Sourced[Any]]] = {kind: [] for kind in MODELS}
    published: dict[str, list[Sourced[Any]]] = {kind: [] for kind in MODELS}
    existing = {kind: {stem for k, stem in loaded.stems if k == kind} for kind in MODELS}
    for document in loaded.documents:
        entry = reused(cache, document.path, (document,)) or keep(
            cache, document.path, (document,), _check_document(document)
        )
        problems.extend(entry.problems)
        filling.extend(entry.to_fill)
        if entry.draft is not None:
            drafts.append(entry.draft)
        if entry.record is not None:
            item = Sourced(entry.record, document)
            valid[document.kind].append(item)
            if entry.draft is None:
                published[document.kind].append(item)
    keep_only(cache, [document.path for document in loaded.documents])
    problems.extend(_check_ids(valid))
    for kind, items in valid.items():
        existing[kind] |= {item.record.id for item in items}  # a misnamed file still holds its record
    problems.extend(_CrossCheck(valid, existing, as_of, drafts).run())
    problems.extend(original_problems(valid["followups"], loaded.originals))
    dataset = DataSet(
        requirements=tuple(item.record for item in published["requirements"]),
        providers=tuple(item.record for item in published["providers"]),
        followups=tuple(item.record for item in published["followups"]),
        followup_files={item.record.id: item.document.path for item in published["followups"]},
    )
    return Validated(dataset, tuple(problems), tuple(filling), tuple(drafts))


def _check_document(document: Document) -> DocumentCheck:
    """What one file can be checked for on its own: its text, its schema and its markers. The
    type errors a marker causes are left to the marker's entry; in a draft the entries are lines
    to fill, elsewhere problems."""
    model = MODELS[document.kind]
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
    model = MODELS[document.kind]
    try:
        return model.model_validate(document.data), []
    except ValidationError as error:
        return None, schema_problems(document, error, marked=marked)


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
    name = _field_name(path)
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


def _field_name(path: Path_) -> str:
    names = [part for part in path if isinstance(part, str)]
    return names[-1] if names else "posten"


def _all_field_names() -> set[str]:
    names: set[str] = set()
    pending: list[type[BaseModel]] = list(MODELS.values())
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
            f"`{_field_name(path)}` innehåller ett personnummer eller samordningsnummer",
            "ta bort det: kunders och personals personuppgifter publiceras aldrig",
        )
    elif isinstance(value, str) and (control := CONTROL.search(value)):
        code = f"U+{ord(control.group()):04X}"
        yield at(document, path, f"`{_field_name(path)}` innehåller styrtecknet {code}", "ta bort tecknet")


def _source(document: Document, path: Path_) -> str:
    """A number YAML converted still counts: 8112189876 unquoted is read as an integer."""
    converted = document.converted.get(path)
    return converted.source if converted else ""


# --- ids and cross-references -------------------------------------------------------


def _check_ids(valid: dict[str, list[Sourced[Any]]]) -> Iterator[Problem]:
    for kind, items in valid.items():
        yield from _check_previous_ids(items)
        yield from reserved_ids(kind, items)
        first_seen: dict[str, Document] = {}
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


class _CrossCheck:
    """References between records, and consistency within a decision.

    A reference to a file that exists but failed the schema is not reported
    again here: that file's own problems say what to fix. A published record
    may not refer to a draft, which the site leaves out.
    """

    def __init__(
        self,
        valid: dict[str, list[Sourced[Any]]],
        existing: dict[str, set[str]],
        as_of: dt.date,
        drafts: Iterable[Draft] = (),
    ) -> None:
        self.existing = existing
        self.drafts: dict[str, dict[str, Draft]] = {kind: {} for kind in MODELS}
        for draft in drafts:
            self.drafts[draft.kind].setdefault(draft.id, draft)
        self.requirements: dict[str, Requirement] = {i.record.id: i.record for i in valid["requirements"]}
        self.providers: dict[str, Provider] = {i.record.id: i.record for i in valid["providers"]}
        self.followups: dict[str, FollowUp] = {i.record.id: i.record for i in valid["followups"]}
        self.valid = valid
        self.as_of = as_of

    def run(self) -> Iterator[Problem]:
        for item in self.valid["requirements"]:
            yield from self._requirement(item.record, item.document)
        yield from area_collisions(self.valid["requirements"])
        for item in self.valid["followups"]:
            yield from self._followup(item.record, item.document)
        yield from follow_up_cycles(self.valid["followups"])

    def _requirement(self, requirement: Requirement, document: Document) -> Iterator[Problem]:
        yield from self._version_order(requirement, document)
        seen: set[str] = set()
        for index, version in enumerate(requirement.versions):
            if version.id in seen:
                yield at(
                    document,
                    ("versions", index, "id"),
                    f"versionen `{version.id}` finns redan i kravet",
                    "ge varje version ett eget id",
                )
            seen.add(version.id)
            if version.quoted_from is not None and version.quoted_from not in self.existing["followups"]:
                yield at(
                    document,
                    ("versions", index, "quoted_from"),
                    f"okänt beslut `{version.quoted_from}`",
                    _known("beslut", self.followups),
                )
            elif draft := self.drafts["followups"].get(version.quoted_from or ""):
                yield at(
                    document,
                    ("versions", index, "quoted_from"),
                    f"beslutet `{draft.id}` är ett utkast som inte publiceras",
                    f"publicera det först ({_publishing(draft)}), eller ta bort `quoted_from`",
                )

    def _version_order(self, requirement: Requirement, document: Document) -> Iterator[Problem]:
        """Versions are listed oldest first: the page shows each one's changes from the one before."""
        previous: dt.date | None = None
        for index, version in enumerate(requirement.versions):
            if version.valid_from is None:
                continue
            if previous is not None and version.valid_from < previous:
                yield at(
                    document,
                    ("versions", index, "valid_from"),
                    f"versionen gäller från {version.valid_from.isoformat()}, före den föregående versionen"
                    f" ({previous.isoformat()})",
                    "skriv versionerna äldsta först, och kontrollera datumen",
                )
            previous = version.valid_from

    def _followup(self, followup: FollowUp, document: Document) -> Iterator[Problem]:
        yield from self._header(followup, document)
        yield from self._outcomes(followup, document)
        yield from self._decision(followup, document)
        yield from self._deadlines(followup, document)
        yield from self._figures(followup, document)
        yield from self._replies(followup, document)
        yield from self._corrections(followup, document)
        yield from self._next_follow_up(followup, document)
        yield from copy_problems(followup, document)
        if not followup.draft:
            yield from self._on_drafts(followup, document)
        if followup.follows_up is not None:
            yield from self._earlier(followup, document)

    def _on_drafts(self, followup: FollowUp, document: Document) -> Iterator[Problem]:
        """A published decision whose provider or earlier decision is a draft would link to a page
        the site does not have; a draft may refer to drafts, since neither is published."""
        references = (
            (("provider",), self.drafts["providers"].get(followup.provider or ""), "utföraren `{}`"),
            (("follows_up",), self.drafts["followups"].get(followup.follows_up or ""), "beslutet `{}` som följs upp"),
        )
        for path, draft, what in references:
            if draft is not None:
                yield at(
                    document,
                    path,
                    f"{what.format(draft.id)} är ett utkast som inte publiceras",
                    f"publicera det först ({_publishing(draft)}), eller gör även det här beslutet till ett utkast"
                    " med `draft: true`",
                )

    def _header(self, followup: FollowUp, document: Document) -> Iterator[Problem]:
        if followup.date is not None and followup.date > self.as_of:
            yield at(
                document,
                ("date",),
                f"beslutsdatumet {followup.date.isoformat()} ligger efter {self.as_of.isoformat()}",
                "ett publicerat beslut kan inte ha ett datum i framtiden; kontrollera datumet",
            )
        provider = self.providers.get(followup.provider) if followup.provider else None
        if followup.provider is not None and followup.provider not in self.existing["providers"]:
            yield at(
                document, ("provider",), f"okänd utförare `{followup.provider}`", _known("utförare", self.providers)
            )
        number = followup.basis.number if followup.basis else None
        if provider and number and provider.contracts and not _same_number(number, provider.contracts):
            yield at(
                document,
                ("basis", "number"),
                f"diarienumret {number} finns inte bland utförarens avtal och överenskommelser"
                f" ({', '.join(provider.contracts)})",
                f"lägg till numret under `contracts:` i data/providers/{provider.id}.yml eller rätta diarienumret",
            )
        yield from _printed_date(followup, document)
        if followup.follows_up is not None and followup.kind is not FollowUpKind.RESULT_FOLLOW_UP:
            yield at(
                document,
                ("follows_up",),
                "bara en resultatuppföljning följer upp ett tidigare beslut",
                "ändra `kind` till result_follow_up eller ta bort `follows_up`",
            )

    def _outcomes(self, followup: FollowUp, document: Document) -> Iterator[Problem]:
        seen: set[str] = set()
        allowed = STATUSES_BY_KIND[followup.kind]
        for index, outcome in enumerate(followup.outcomes):
            here = ("outcomes", index)
            if outcome.requirement in seen:
                yield at(
                    document,
                    (*here, "requirement"),
                    f"kravet `{outcome.requirement}` bedöms två gånger i beslutet",
                    "slå ihop bedömningarna till ett utfall",
                )
            seen.add(outcome.requirement)
            yield from self._version(outcome.requirement, outcome.requirement_version, followup, document, here)
            if outcome.status not in allowed:
                yield at(
                    document,
                    (*here, "status"),
                    f"statusen `{outcome.status}` hör inte till en {_kind_name(followup.kind)}",
                    f"tillåtna värden här: {', '.join(sorted(allowed))}",
                )
            if outcome.status.deficient and outcome.required_action is None:
                yield at(
                    document,
                    (*here, "status"),
                    "en brist utan åtgärd",
                    "lägg till `required_action:` med beslutets åtgärd"
                    + (", eller okänt om kopian inte visar den" if followup.partial else ""),
                )
            if followup.kind is FollowUpKind.FOLLOW_UP and (outcome.earlier_finding or outcome.earlier_action):
                yield at(
                    document,
                    here,
                    "`earlier_finding` och `earlier_action` hör till en resultatuppföljning",
                    "ta bort fälten eller ändra `kind` till result_follow_up",
                )

    def _version(
        self, requirement_id: str, version_id: str, followup: FollowUp, document: Document, here: Path_
    ) -> Iterator[Problem]:
        requirement = self.requirements.get(requirement_id)
        if requirement_id not in self.existing["requirements"]:
            yield at(
                document, (*here, "requirement"), f"okänt krav `{requirement_id}`", _known("krav", self.requirements)
            )
        if requirement is None:
            return
        versions: dict[str, RequirementVersion] = {}
        for candidate in requirement.versions:
            versions.setdefault(candidate.id, candidate)  # a repeated id is reported on the requirement
        version = versions.get(version_id)
        if version is None:
            yield at(
                document,
                (*here, "requirement_version"),
                f"kravet `{requirement_id}` har ingen version `{version_id}`",
                f"kända versioner: {', '.join(versions)}",
            )
        elif (
            version.contract
            and followup.basis is not None
            and followup.basis.number
            and not _same_number(followup.basis.number, (version.contract,))
        ):
            yield at(
                document,
                (*here, "requirement_version"),
                f"versionen `{version_id}` hör till {version.contract}, beslutet till {followup.basis.number}",
                "välj den version av kravet som gäller beslutets avtal eller överenskommelse",
            )
        elif version.valid_from and followup.date and version.valid_from > followup.date:
            yield at(
                document,
                (*here, "requirement_version"),
                f"versionen `{version_id}` gäller från {version.valid_from.isoformat()},"
                f" efter beslutsdatumet {followup.date.isoformat()}",
                "välj den version av kravet som gällde när beslutet fattades",
            )

    def _decision(self, followup: FollowUp, document: Document) -> Iterator[Problem]:
        deficient = [outcome for outcome in followup.outcomes if outcome.status.deficient]
        outcome = followup.decision.outcome
        if outcome is DecisionOutcome.CLOSED and deficient:
            yield at(
                document,
                ("decision", "outcome"),
                f"beslutet avslutar uppföljningen men {len(deficient)} krav har brister",
                "ändra beslutet till action_plan_required eller rätta utfallen",
            )
        if outcome is DecisionOutcome.ACTION_PLAN_REQUIRED and not deficient and not followup.partial:
            yield at(
                document,
                ("decision", "outcome"),
                "beslutet kräver en åtgärdsplan men inget krav har brister",
                "ändra beslutet till closed eller rätta utfallen",
            )

    def _deadlines(self, followup: FollowUp, document: Document) -> Iterator[Problem]:
        """A decision sets dates after its own: a deadline cannot have passed when it is set."""
        for index, deadline in enumerate(followup.decision.deadlines):
            if followup.date is not None and deadline.date < followup.date:
                yield at(
                    document,
                    ("decision", "deadlines", index, "date"),
                    f"datumet {deadline.date.isoformat()} ligger före beslutsdatumet {followup.date.isoformat()}",
                    "ett beslut sätter datum efter sitt eget; kontrollera datumet",
                )

    def _figures(self, followup: FollowUp, document: Document) -> Iterator[Problem]:
        """A share is 0–100 %, and a period measured for a decision ends after it starts and
        starts before the decision is taken."""
        for i, outcome in enumerate(followup.outcomes):
            for j, figure in enumerate(outcome.figures):
                here = ("outcomes", i, "figures", j)
                if figure.unit is FigureUnit.PERCENT and figure.value > 100:
                    yield at(
                        document,
                        (*here, "value"),
                        f"andelen {figure.value} % är större än 100 %",
                        "en andel i procent ligger mellan 0 och 100; skriv ett antal med `unit: count`",
                    )
                if figure.period is not None:
                    yield from self._period(figure.period, followup.date, document, (*here, "period"))

    def _period(self, period: Period, decided: dt.date | None, document: Document, here: Path_) -> Iterator[Problem]:
        start, end = _first_day(period.start), _last_day(period.end)
        if end < start:
            yield at(
                document,
                (*here, "end"),
                f"perioden slutar {period.end} men börjar {period.start}",
                "kontrollera periodens början och slut; `start` är den första dagen eller månaden",
            )
        if decided is not None and start > decided:
            yield at(
                document,
                (*here, "start"),
                f"perioden börjar {period.start}, efter beslutsdatumet {decided.isoformat()}",
                "en granskning gäller tiden före beslutet; kontrollera perioden",
            )

    def _replies(self, followup: FollowUp, document: Document) -> Iterator[Problem]:
        """A reply comes in after the decision and before the data are published."""
        replies: list[tuple[Path_, Reply | None]] = [(("provider_reply",), followup.provider_reply)]
        replies += [(("outcomes", i, "provider_reply"), o.provider_reply) for i, o in enumerate(followup.outcomes)]
        for here, reply in replies:
            if reply is None:
                continue
            date = reply.date.isoformat()
            if reply.date > self.as_of:
                yield at(
                    document,
                    (*here, "date"),
                    f"svarsdatumet {date} ligger efter {self.as_of.isoformat()}",
                    "ett svar som har kommit in kan inte ha ett datum i framtiden; kontrollera datumet",
                )
            elif followup.date is not None and reply.date < followup.date:
                yield at(
                    document,
                    (*here, "date"),
                    f"svarsdatumet {date} ligger före beslutsdatumet {followup.date.isoformat()}",
                    "utföraren svarar på ett beslut som redan är fattat; kontrollera datumet",
                )

    def _next_follow_up(self, followup: FollowUp, document: Document) -> Iterator[Problem]:
        planned = followup.next_follow_up
        if planned is not None and followup.date is not None and planned <= followup.date:
            yield at(
                document,
                ("next_follow_up",),
                f"nästa uppföljning {planned.isoformat()} ligger inte efter beslutsdatumet {followup.date.isoformat()}",
                "ange dagen då nästa uppföljning är planerad, efter beslutets datum",
            )

    def _corrections(self, followup: FollowUp, document: Document) -> Iterator[Problem]:
        """Corrections follow the decision, oldest first, none of them in the future. One problem
        per date, the first that applies: a place is reported once."""
        previous: dt.date | None = None
        for index, correction in enumerate(followup.corrections):
            here = ("corrections", index, "date")
            date = correction.date.isoformat()
            if correction.date > self.as_of:
                yield at(
                    document,
                    here,
                    f"rättelsens datum {date} ligger efter {self.as_of.isoformat()}",
                    "en rättelse kan inte ha ett datum i framtiden; kontrollera datumet",
                )
            elif followup.date is not None and correction.date < followup.date:
                yield at(
                    document,
                    here,
                    f"rättelsens datum {date} ligger före beslutsdatumet {followup.date.isoformat()}",
                    "ett beslut rättas efter att det har fattats; kontrollera datumet",
                )
            elif previous is not None and correction.date < previous:
                yield at(
                    document,
                    here,
                    f"rättelsens datum {date} ligger före den föregående rättelsens ({previous.isoformat()})",
                    "skriv rättelserna i datumordning, äldsta först, och en ny rättelse sist",
                )
            previous = correction.date

    def _earlier(self, followup: FollowUp, document: Document) -> Iterator[Problem]:
        earlier = self.followups.get(followup.follows_up or "")
        if followup.follows_up == followup.id:
            yield at(document, ("follows_up",), "beslutet följer upp sig självt", "ange id för det tidigare beslutet")
            return
        if followup.follows_up not in self.existing["followups"]:
            yield at(
                document,
                ("follows_up",),
                f"okänt tidigare beslut `{followup.follows_up}`",
                _known("beslut", self.followups),
            )
        if earlier is None:
            return
        if earlier.provider != followup.provider and followup.provider in self.providers:
            yield at(
                document,
                ("follows_up",),
                f"det tidigare beslutet gäller en annan utförare ({earlier.provider or 'uppgift saknas'})",
                "kontrollera `provider` och `follows_up`",
            )
        if earlier.date and followup.date and earlier.date > followup.date:
            yield at(
                document,
                ("date",),
                f"beslutet är daterat före beslutet det följer upp ({earlier.date.isoformat()})",
                "kontrollera datumen",
            )
        # A partial earlier copy may not show a deficiency, nor an unknown status rule one out.
        earlier_status = {outcome.requirement: outcome.status for outcome in earlier.outcomes}
        for index, outcome in enumerate(followup.outcomes):
            was = earlier_status.get(outcome.requirement)
            if (was is None and earlier.partial) or was is Status.UNKNOWN:
                continue
            if was is None or not was.deficient:
                yield at(
                    document,
                    ("outcomes", index, "requirement"),
                    f"kravet `{outcome.requirement}` hade ingen brist i {earlier.id}",
                    "en resultatuppföljning bedömer bara krav som det tidigare beslutet fann bristande",
                )


def _first_day(value: dt.date | str) -> dt.date:
    """A period's bound as a day: a month (YYYY-MM) starts on its first."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(f"{value}-01")


def _last_day(value: dt.date | str) -> dt.date:
    """A period's bound as a day: a month (YYYY-MM) ends on its last."""
    if isinstance(value, dt.date):
        return value
    first = _first_day(value)
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


def _same_number(number: str, among: tuple[str, ...]) -> bool:
    """Whether a printed diarienummer is one of others, whatever case each is printed in."""
    return case_number_key(number) in {case_number_key(other) for other in among}


def _printed_date(followup: FollowUp, document: Document) -> Iterator[Problem]:
    """A date printed as six digits (YYMMDD) must be the same day as `date`."""
    printed = (followup.date_as_printed or "").strip()
    if followup.date is None or not re.fullmatch(r"\d{6}", printed):
        return
    if printed != followup.date.strftime("%y%m%d"):
        yield at(
            document,
            ("date_as_printed",),
            f"det tryckta datumet {printed} (ÅÅMMDD) är inte samma dag som `date` {followup.date.isoformat()}",
            "rätta `date` eller `date_as_printed` så att de anger samma dag",
        )


def _publishing(draft: Draft) -> str:
    return f"granska {draft.path} mot originalet och ta bort `draft: true`"


def _kind_name(kind: FollowUpKind) -> str:
    return "resultatuppföljning" if kind is FollowUpKind.RESULT_FOLLOW_UP else "uppföljning av kvalitetskrav"


def _known(noun: str, records: dict[str, Any]) -> str:
    if not records:
        return f"det finns inga {noun} i data/ ännu"
    names = sorted(records)
    shown = ", ".join(names[:8]) + (" …" if len(names) > 8 else "")
    return f"kända {noun}: {shown}"
