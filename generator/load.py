"""The loading stage: the data folder walked, every record file read into plain values that keep
their positions (yaml_read.py, after safe_read.py has read it and characters.py checked its
characters), and the PDFs under originals/ listed with their size and first bytes, never parsed.

What YAML would accept but a record must not hold is refused where it stands; here, the entries
of data/ that are not regular record files or PDFs in originals/ (links, FIFOs, other names).
The types this stage gives are in document.py, but for the two that only reading can make:
a Reading (the tree read one file at a time) and a Placed (a file's name and its positions,
read again when asked)."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator.document import Document, KeptOriginal, Loaded, Path_, Placing, Position, whole_file
from generator.errors import Problem, describe, unshown
from generator.kept import Kept, content_hash, keep, keep_only, reused
from generator.kinds import FOLDERS, FOLDERS_IN_WORDS
from generator.safe_read import LINK, NOT_A_FILE, Unreadable, peek, unreadable
from generator.yaml_read import load_file

ORIGINALS = "originals"
"""The folder under data/ that holds the published originals of decisions, as PDF files: listed,
never parsed, so that a decision can name one (`original: originals/x.pdf`) and the build can
publish it (generator/originals.py)."""

ORIGINAL_SUFFIX = ".pdf"


FileCache = Kept[Path, tuple["Document | None", list[Problem]]]
"""Files read earlier, by path, kept with the hash of their content (kept.py)."""


def load_tree(data_dir: Path, display_root: Path | None = None, cache: FileCache | None = None) -> Loaded:
    """Every record file under data_dir, the PDFs under its originals/, and every problem met on
    the way, all held at once (the importer and the tests; a build validates a Reading instead)."""
    reading = read_tree(data_dir, display_root, cache)
    documents = tuple(reading.documents)
    return Loaded(documents, tuple(reading.problems), tuple(reading.stems), tuple(reading.originals))


@dataclass
class Reading:
    """The data folder read one record file at a time. documents is iterated once; the
    validator checks each document as it comes and keeps only its record (and a Placed for it),
    so that a build never holds every file's values and positions at once: at M the check and
    derive's peak fell from 204 to 141 MB (bench/HISTORY.md). What the walk met besides the
    documents is complete once documents is exhausted."""

    documents: Iterator[Document]
    problems: list[Problem] = field(default_factory=list)
    stems: list[tuple[str, str]] = field(default_factory=list)
    """(kind, file name without .yml) of every record file, readable or not."""
    originals: list[KeptOriginal] = field(default_factory=list)
    read: list[str] = field(default_factory=list)
    """The display path of every document read."""


def read_tree(data_dir: Path, display_root: Path | None = None, cache: FileCache | None = None) -> Reading:
    """The record files under data_dir as they are read, with the PDFs under its originals/.

    With a cache (the preview keeps one), a file whose content is unchanged is not read again:
    saving one record rereads one file."""
    reading = Reading(iter(()))
    reading.documents = _documents(data_dir, display_root or data_dir.parent, cache, reading)
    return reading


def _documents(data_dir: Path, root: Path, cache: FileCache | None, reading: Reading) -> Iterator[Document]:
    if not data_dir.is_dir():
        reading.problems.append(whole_file(str(data_dir), "mappen finns inte", f"ange en mapp med {FOLDERS_IN_WORDS}"))
        return
    seen = set()
    for path, kind in _record_files(data_dir, reading.problems, root):
        if kind == ORIGINALS:
            _list_original(path, root, reading.originals, reading.problems)
            continue
        reading.stems.append((kind, path.stem))
        seen.add(path)
        document, found = _load_cached(path, kind, _display(path, root), cache)
        reading.problems.extend(found)
        if document is not None:
            reading.read.append(document.path)
            yield document
    keep_only(cache, seen)


@dataclass(frozen=True)
class Placed:
    """A record's file once its document has been let go: its name, and its positions read
    again from the file when a check between records has a problem to place there (rarely, so
    reading twice costs less than holding every file's positions). A file changed since it
    was read places the problem at its start rather than at a line that no longer matches."""

    path: str
    kind: str
    file: Path
    digest: bytes

    @property
    def stem(self) -> str:
        return Path(self.path).stem

    def position(self, path: Path_, *, key: bool = False) -> Position:
        document = _read_again(self)
        return document.position(path, key=key) if document is not None else Position(1, 1)


def released(document: Document) -> Placing:
    """What of document a check between records needs: a Placed when it was read from a file."""
    if document.file is None:
        return document
    return Placed(document.path, document.kind, document.file, document.digest)


@functools.lru_cache(maxsize=8)
def _read_again(placed: Placed) -> Document | None:
    """The file's document again, if its bytes are still those that were checked. Kept for the
    few files that the last problems were placed in: one file often has several."""
    document, _ = load_file(placed.file, placed.kind, placed.path)
    return document if document is not None and document.digest == placed.digest else None


def _list_original(path: Path, root: Path, originals: list[KeptOriginal], problems: list[Problem]) -> None:
    """A PDF under originals/ with its size and first bytes, read once from the opened file (a
    few bytes per file, so that the preview can afford it on every save); or why it cannot be read."""
    try:
        size, head = peek(path)
    except Unreadable as refused:
        problems.append(whole_file(_display(path, root), refused.message, refused.hint))
    else:
        originals.append(KeptOriginal(f"{ORIGINALS}/{path.name}", size, head))


def _load_cached(path: Path, kind: str, display: str, cache: FileCache | None) -> tuple[Document | None, list[Problem]]:
    digest = content_hash(path) if cache is not None else None
    if digest is None:  # no cache, or unreadable: load_file says why
        return load_file(path, kind, display)
    hit = reused(cache, path, digest)
    return hit if hit is not None else keep(cache, path, digest, load_file(path, kind, display))


def _display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _record_files(data_dir: Path, problems: list[Problem], root: Path) -> Iterator[tuple[Path, str]]:
    """Every record file under data_dir, with its kind, and every PDF under originals/ (kind
    ORIGINALS); a problem for every other entry."""
    for entry, parts in _entries_under(data_dir, problems, root):
        path = Path(entry.path)
        refusal = _refusal(entry, parts)
        if refusal is not None:
            problems.append(whole_file(_display(path, root), *refusal))
        else:
            yield path, parts[0]


def _entries_under(folder: Path, problems: list[Problem], root: Path) -> list[tuple[os.DirEntry[str], tuple[str, ...]]]:
    """Every entry below folder but its folders (walked into, never through a link) and tools'
    hidden files, sorted, with its path's parts relative to folder. os.scandir, because it says
    what an entry is without following it, and pathlib costs the preview a tenth of a second."""
    found: list[tuple[os.DirEntry[str], tuple[str, ...]]] = []
    pending: list[tuple[str, tuple[str, ...]]] = [(str(folder), ())]
    while pending:
        directory, parts = pending.pop()
        try:
            with os.scandir(directory) as entries:
                for entry in entries:
                    if _tools_own(entry):
                        continue
                    if entry.is_dir(follow_symlinks=False):
                        pending.append((entry.path, (*parts, entry.name)))
                    else:
                        found.append((entry, (*parts, entry.name)))
        except OSError as error:
            problems.append(whole_file(_display(Path(directory), root), *unreadable(error, "mappen")))
    return sorted(found, key=lambda item: item[1])


def _tools_own(entry: os.DirEntry[str]) -> bool:
    """Hidden entries are tools' (.git, .gitkeep, .DS_Store, editors' swap and lock files) and are
    not read; a hidden regular file named like a record is someone's record, and is reported."""
    return entry.name.startswith(".") and not (_named_like_record(entry.name) and entry.is_file(follow_symlinks=False))


def _named_like_record(name: str) -> bool:
    return name.strip().lower().endswith((".yml", ".yaml"))


def _refusal(entry: os.DirEntry[str], parts: tuple[str, ...]) -> tuple[str, str] | None:
    """Why an entry under data/ is not read as a record or listed as an original (message, hint),
    or None if it is one of them."""
    name = entry.name
    in_originals = parts[0] == ORIGINALS and len(parts) > 1
    if entry.is_symlink():
        return LINK
    if not entry.is_file(follow_symlinks=False):
        return NOT_A_FILE
    char = unshown("/".join(parts))
    if char is not None:
        return f"namnet innehåller tecknet {describe(char)}", (
            "byt namn, t.ex. till beslut-2021-03-03.pdf"
            if in_originals
            else "byt namn: en post heter som sitt id, t.ex. omsorg-ab.yml"
        )
    if name != name.strip():
        return "filnamnet börjar eller slutar med mellanslag", f"byt namn på filen till `{name.strip()}`"
    if name.startswith("."):
        return "filnamnet börjar med punkt, så filen läses inte", f"byt namn på filen till `{name.lstrip('.')}`"
    if in_originals:
        return _original_refusal(name, parts)
    suffix = Path(name).suffix
    if suffix != ".yml" and _named_like_record(name):
        return "filändelsen ska vara .yml", f"byt namn på filen till `{name.removesuffix(suffix)}.yml`"
    if suffix != ".yml":
        return "filen är ingen post: bara .yml-filer hör hemma i datamappen", _elsewhere(name)
    if parts[0] not in FOLDERS or len(parts) < 2:
        return (
            f"filen ligger utanför {FOLDERS_IN_WORDS}",
            "flytta den till mappen för sin sorts post",
        )
    return None


def _original_refusal(name: str, parts: tuple[str, ...]) -> tuple[str, str] | None:
    """Why an entry under originals/ is not listed as an original: the folder holds PDF files only,
    side by side, so that a record names one as `originals/NAME.pdf`."""
    if len(parts) > 2:
        return (
            f"{ORIGINALS}/ har inga undermappar: PDF-filerna ligger direkt i mappen",
            f"flytta filen till {ORIGINALS}/{name} (eller ta bort den)",
        )
    suffix = Path(name).suffix
    if suffix.lower() == ORIGINAL_SUFFIX and suffix != ORIGINAL_SUFFIX:
        return f"filändelsen ska vara {ORIGINAL_SUFFIX}", f"byt namn på filen till `{Path(name).stem}{ORIGINAL_SUFFIX}`"
    if suffix != ORIGINAL_SUFFIX:
        return (
            f"i {ORIGINALS}/ ligger bara originalbeslut som PDF ({ORIGINAL_SUFFIX})",
            "flytta filen därifrån eller ta bort den; en post (.yml) hör hemma i sin sorts mapp, t.ex. followups/",
        )
    return None


def _elsewhere(name: str) -> str:
    """Where a file that is not a record goes: a decision's original to originals/, the rest away."""
    if Path(name).suffix.lower() == ORIGINAL_SUFFIX:
        return f"är det ett originalbeslut: flytta det till {ORIGINALS}/ och skriv `original: {ORIGINALS}/{name}`"
    return "flytta filen därifrån eller ta bort den"
