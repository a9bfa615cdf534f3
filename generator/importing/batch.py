"""`python -m generator import`: files and folders of archived decisions in, one draft record per
decision out, a line per decision on what was read and what is left to fill, and a table at
the end. A file that cannot be read gets its reason and the batch goes on; nothing is ever
overwritten, and a decision already in the tree is named, not imported again."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.dataset import DataSet
from generator.importing.draft import Context, followup_draft, provider_draft
from generator.importing.pages import document_text, text_pages
from generator.importing.pdf import Unreadable, extract_pages
from generator.importing.read import Reading, read
from generator.kinds import FOLLOWUPS, PROVIDERS
from generator.load import ORIGINAL_SUFFIX, ORIGINALS, load_tree
from generator.model import TO_FILL, case_number_key
from generator.paths import inside, is_id, slugify
from generator.validate import validate

READABLE = (".pdf", ".txt")
NOT_A_DECISION = (
    "texten är inget beslut om uppföljning av kvalitetskrav (ingen rubrik, inget beslut, inga bedömda områden)"
)


@dataclass(frozen=True)
class Imported:
    """One file's result: the draft written (or the record it matches), or why it failed."""

    source: str
    record: str | None = None
    provider: str | None = None
    existing: str | None = None
    read: tuple[str, ...] = ()
    """The fields read, by path ("outcomes[2].status")."""
    to_fill: tuple[str, ...] = ()
    failed: str | None = None


@dataclass(frozen=True)
class _Known:
    """A record already in the tree (or written earlier in this batch), as its raw YAML says,
    so that a draft still holding markers is known too."""

    path: str
    record_id: str
    case_number: str | None
    provider: str | None
    basis_number: str | None
    date: str | None


def import_paths(
    sources: Sequence[Path], data_dir: Path, provider_id: str | None, say: Callable[[str], None] = print
) -> list[Imported]:
    files = list(_files(sources))
    tree = _Tree(data_dir)
    results = []
    for number, path in enumerate(files, 1):
        result = tree.import_file(path, provider_id)
        say(_progress(number, len(files), result))
        results.append(result)
    say(summary(results))
    return results


def _files(sources: Sequence[Path]) -> Iterator[Path]:
    for source in sources:
        if source.is_dir():
            yield from sorted(p for p in source.rglob("*") if p.suffix.lower() in READABLE and p.is_file())
        else:
            yield source


class _Tree:
    """The data tree the drafts go into: its requirements, providers and decisions."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        loaded = load_tree(data_dir)
        self.dataset: DataSet = validate(loaded, dt.date.max).dataset
        self.known = [_known(doc.path, doc.data) for doc in loaded.documents if doc.kind == FOLLOWUPS.folder]
        self.providers = {
            str(doc.data.get("name", "")).casefold(): str(doc.data.get("id"))
            for doc in loaded.documents
            if doc.kind == PROVIDERS.folder and isinstance(doc.data, dict)
        }

    def import_file(self, path: Path, provider_id: str | None) -> Imported:
        source = str(path)
        try:
            text = _text(path)
        except Unreadable as error:
            return Imported(source, failed=str(error))
        reading = read(text, [name for name in self.providers if name] + ([provider_id] if provider_id else []))
        if not reading.is_decision:
            return Imported(source, failed=NOT_A_DECISION)
        provider, new_provider = self._provider(reading, provider_id)
        record_id = _record_id(reading, provider, path)
        existing = self._existing(reading, provider, record_id)
        if existing is not None:
            return Imported(source, existing=existing)
        try:
            return self._written(path, reading, record_id, provider, new_provider)
        except _Taken as taken:
            return Imported(source, failed=str(taken))

    def _written(
        self, path: Path, reading: Reading, record_id: str, provider: str | None, new_provider: bool
    ) -> Imported:
        """The draft, its original and its new provider written, each only where no file is."""
        original = self._original_name(path, record_id)
        if original is not None:
            _free_for(path, self.data_dir / original)
        draft = followup_draft(reading, record_id, Context(self.dataset.requirements, provider, original, path.name))
        written = self._write(FOLLOWUPS.folder, record_id, draft.text)
        if original is not None:
            (self.data_dir / original).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, self.data_dir / original)
        provider_path = None
        if new_provider and provider is not None and reading.provider_name:
            contracts = [reading.basis.number] if reading.basis and reading.basis.number else []
            text = provider_draft(provider, reading.provider_name, contracts, path.name)
            provider_path = self._write(PROVIDERS.folder, provider, text)
            self.providers[reading.provider_name.casefold()] = provider
        known = {"id": record_id, "case_number": reading.letterhead.case_number, "provider": provider}
        self.known.append(_known(written, known))
        return Imported(str(path), written, provider_path, None, draft.read, draft.to_fill)

    def _provider(self, reading: Reading, given: str | None) -> tuple[str | None, bool]:
        """The provider's id: the one given, a known provider of the printed name, or a new draft
        provider named as printed. None when the decision does not name it."""
        if given:
            return given, False
        if reading.provider_name is None:
            return None, False
        known = self.providers.get(reading.provider_name.casefold())
        if known:
            return known, False
        new = slugify(reading.provider_name)
        if (self.data_dir / PROVIDERS.folder / f"{new}.yml").exists():
            return None, False  # another provider has the id its name would get: the controller decides
        return new, True

    def _existing(self, reading: Reading, provider: str | None, record_id: str) -> str | None:
        """The record in the tree for the same decision: the same case number, or the same
        provider, basis and date, or the same id."""
        number = reading.letterhead.case_number
        basis = reading.basis.number if reading.basis else None
        date = reading.letterhead.date.isoformat() if reading.letterhead.date else None
        for known in self.known:
            if number and known.case_number and case_number_key(known.case_number) == case_number_key(number):
                return f"{known.path} (samma diarienummer {number})"
            same_basis = basis and known.basis_number and case_number_key(known.basis_number) == case_number_key(basis)
            if provider and known.provider == provider and same_basis and known.date == date and not number:
                return f"{known.path} (samma utförare, avtal {basis} och datum)"
            if known.record_id == record_id:
                return f"{known.path} (samma id {record_id})"
        return None

    def _original_name(self, path: Path, record_id: str) -> str | None:
        """A PDF is kept under data/originals/ and named in the draft; a text has no original."""
        if path.suffix.lower() != ORIGINAL_SUFFIX:
            return None
        return f"{ORIGINALS}/{record_id}{ORIGINAL_SUFFIX}"

    def _write(self, folder: str, record_id: str, text: str) -> str:
        target = inside(self.data_dir / folder, f"{record_id}.yml")
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with target.open("x", encoding="utf-8") as file:  # never over an existing file
                file.write(text)
        except FileExistsError:
            raise _Taken(f"{target} finns redan (men går inte att läsa som post); inget skrevs") from None
        return str(target)


class _Taken(Exception):
    """A file the import would write is there already; the message says which."""


def _free_for(source: Path, target: Path) -> None:
    """The original may be kept at target: nothing is there, or the same bytes are."""
    if target.exists() and target.read_bytes() != source.read_bytes():
        raise _Taken(f"{target} finns redan med ett annat innehåll; flytta den och importera igen")


def _text(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return document_text(extract_pages(path))
    if suffix == ".txt":
        try:
            return document_text(text_pages(path.read_text(encoding="utf-8")))
        except UnicodeDecodeError:
            raise Unreadable("texten är inte UTF-8; spara den som UTF-8 och importera igen") from None
        except OSError as error:
            raise Unreadable(f"filen går inte att läsa ({error.strerror})") from None
    raise Unreadable("varken PDF (.pdf) eller text (.txt)")


def _known(path: str, data: Any) -> _Known:
    data = data if isinstance(data, Mapping) else {}
    basis = data.get("basis")
    return _Known(
        path,
        str(data.get("id", "")),
        _text_or_none(data.get("case_number")),
        _text_or_none(data.get("provider")),
        _text_or_none(basis.get("number")) if isinstance(basis, Mapping) else None,
        str(data["date"]) if data.get("date") not in (None, TO_FILL) else None,
    )


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value != TO_FILL else None


def _record_id(reading: Reading, provider: str | None, path: Path) -> str:
    """The id a controller would give: the case number ("sov-881-2022"), else the provider and
    the contract ("kvalitetsservice-voo-1905-2023"), else the provider and the date, else the
    file's name."""
    letterhead = reading.letterhead
    basis = reading.basis.number if reading.basis else None
    if letterhead.case_number:
        return slugify(letterhead.case_number)
    if provider and basis:
        return f"{provider}-{slugify(basis)}"
    if provider and letterhead.date:
        return f"{provider}-{letterhead.date.isoformat()}"
    stem = slugify(path.stem)
    return stem if is_id(stem) else "importerat-beslut"


def _progress(number: int, total: int, result: Imported) -> str:
    head = f"[{number}/{total}] {result.source}: "
    if result.failed:
        return head + f"inte importerad: {result.failed}"
    if result.existing:
        return head + f"finns redan som {result.existing}; inget skrevs"
    lines = [head + f"utkast {result.record} ({len(result.read)} fält lästa, {len(result.to_fill)} att fylla i)"]
    lines.append("    läst: " + ", ".join(_parts(result.read)))
    if result.provider:
        lines.append(f"    ny utförare (utkast): {result.provider}")
    if result.to_fill:
        lines.append("    att fylla i: " + ", ".join(result.to_fill))
    return "\n".join(lines)


def _parts(fields: Sequence[str]) -> list[str]:
    """The top-level fields among paths, each once, in order, with how many leaves were read."""
    counts: dict[str, int] = {}
    for path in fields:
        part = path.split(".")[0].split("[")[0]
        counts[part] = counts.get(part, 0) + 1
    return [part if count == 1 else f"{part} ({count})" for part, count in counts.items()]


def summary(results: Sequence[Imported]) -> str:
    """The table that ends a run: per file the outcome, then the totals."""
    rows = [
        "| fil | resultat | fält lästa | att fylla i |",
        "| --- | --- | --- | --- |",
    ]
    for result in results:
        outcome = (
            f"misslyckades: {result.failed}"
            if result.failed
            else f"finns redan: {result.existing}"
            if result.existing
            else f"utkast: {result.record}"
        )
        read, to_fill = (str(len(result.read)), str(len(result.to_fill))) if result.record else ("", "")
        rows.append(f"| {result.source} | {outcome} | {read} | {to_fill} |")
    drafts = [r for r in results if r.record]
    failed = [r for r in results if r.failed]
    existing = [r for r in results if r.existing]
    rows.append(
        f"\n{len(drafts)} utkast, {sum(len(r.read) for r in drafts)} fält lästa, "
        f"{sum(len(r.to_fill) for r in drafts)} att fylla i; {len(existing)} fanns redan; {len(failed)} misslyckades."
    )
    return "\n".join(rows)
