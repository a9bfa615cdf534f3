"""Read the YAML tree into plain values, keeping where every key and value stood.

PyYAML's ``safe_load`` loses line numbers, keeps the last of two duplicate keys
and silently turns ``3.10`` into 3.1 and ``no`` into False. This loader builds the
values from the composed node tree itself, so that every value keeps its position,
duplicate keys and aliases are rejected, and the source text of every converted plain
scalar is kept for the validator to explain. libyaml composes most files; a file it
cannot, or one that breaks a rule, is composed again by PyYAML's Python parser with
our checks (``_Checks``), so that the message is the same whichever parser read it.

What YAML would accept but a record must not hold is refused here too, each where it stands:
entries of data/ that are not regular record files or PDFs in originals/ (links, FIFOs, other
names), characters that do not show as themselves or that YAML alone counts as line breaks, and
numbers in any form but plain decimal. The PDFs are listed with their size and first bytes, never
parsed."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from generator.errors import INVISIBLE, CodeRanges, Problem, char_class, describe, unshown
from generator.kept import Kept, content_hash, keep, keep_only, reused

FOLDERS = ("requirements", "providers", "followups")
"""The folders under data/, one per kind of record."""

ORIGINALS = "originals"
"""The folder under data/ that holds the published originals of decisions, as PDF files: listed,
never parsed, so that a decision can name one (`original: originals/x.pdf`) and the build can
publish it (generator/originals.py)."""

ORIGINAL_SUFFIX = ".pdf"

HEAD_BYTES = 16
"""How much of a kept original is read: enough for the validator to see what kind of file it is."""

MAX_BYTES = 1_000_000
"""A record is a few kilobytes; anything this large is a mistake, not a record."""

CONVERTING_TAGS = {
    "tag:yaml.org,2002:bool": "ett sanningsvärde",
    "tag:yaml.org,2002:int": "ett heltal",
    "tag:yaml.org,2002:float": "ett decimaltal",
    "tag:yaml.org,2002:timestamp": "ett datum",
    "tag:yaml.org,2002:null": "ett tomt värde",
}
"""Plain scalars that YAML turns into something other than text, named for messages."""

NUMBER_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}

DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
"""The one way to write a number in a record. YAML 1.1 also reads 066 as 54 (octal), 1:30 as
90 (base 60), 0x42 and 6_6 as 66, and .inf, .nan and 1.0e+3: each changes the value silently
or means nothing a record needs, so they are refused where they stand instead."""

MAX_DIGITS = 15
"""A figure with more digits is a mistake: 15 is what a float and a JSON reader keep exactly,
and Python refuses to convert more than 4,300."""

STR_TAG = "tag:yaml.org,2002:str"
KNOWN_TAGS = {STR_TAG, *CONVERTING_TAGS}
COLLECTION_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}

Path_ = tuple[str | int, ...]
"""Where a value sits in a record, e.g. ("outcomes", 2, "status")."""


class Position(NamedTuple):
    """A tuple, not a dataclass: a record has thousands and tuples are made fastest."""

    line: int
    column: int


@dataclass(frozen=True)
class Converted:
    """A plain scalar that YAML read as something other than text."""

    source: str
    read_as: str


@dataclass(frozen=True)
class InvalidDate:
    """A scalar shaped like a date that is not in the calendar, e.g. 2024-02-30."""

    source: str


@dataclass(frozen=True)
class Document:
    """One YAML file: its values and where each of them stands."""

    path: str
    kind: str
    data: dict[str, Any]
    values: dict[Path_, Position] = field(default_factory=dict)
    keys: dict[Path_, Position] = field(default_factory=dict)
    converted: dict[Path_, Converted] = field(default_factory=dict)

    @property
    def stem(self) -> str:
        return Path(self.path).stem

    def position(self, path: Path_, *, key: bool = False) -> Position:
        """The position of the value at path, or of the nearest enclosing one."""
        table = self.keys if key else self.values
        for end in range(len(path), -1, -1):
            found = table.get(path[:end]) or self.keys.get(path[:end])
            if found:
                return found
        return Position(1, 1)


@dataclass(frozen=True)
class KeptOriginal:
    """A PDF under data/originals/: its name as a record writes it, its size and its first bytes.
    The loader only lists it; generator/originals.py decides whether it may be published."""

    name: str
    """ "originals/x.pdf" """
    size: int
    head: bytes
    """The first HEAD_BYTES bytes (fewer in a shorter file)."""


@dataclass(frozen=True)
class Loaded:
    documents: tuple[Document, ...]
    problems: tuple[Problem, ...]
    stems: tuple[tuple[str, str], ...] = ()
    """(kind, file name without .yml) of every record file, readable or not."""
    originals: tuple[KeptOriginal, ...] = ()
    """Every readable PDF file under data/originals/, by name."""


MAX_DEPTH = 50
"""Records nest a few levels; deeper is a mistake or an attack on the parser's recursion."""


class _Checks(Composer, SafeConstructor):
    """Composes nodes itself so that it can refuse aliases (the way to an exponential
    'billion laughs' file) and nesting deeper than MAX_DEPTH (the way to a RecursionError)."""

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()  # type: ignore[attr-defined]
        if self.check_event(AliasEvent):  # type: ignore[attr-defined]
            raise yaml.MarkedYAMLError(problem="alias (*) är inte tillåtna i posterna", problem_mark=event.start_mark)
        opened: list[Any] = self.__dict__.setdefault("_opened", [])
        if len(opened) > MAX_DEPTH:
            raise yaml.MarkedYAMLError(problem="värdet är för djupt nästlat", problem_mark=opened[1])
        opened.append(event.start_mark)
        try:
            return super().compose_node(parent, index)
        finally:
            opened.pop()

    def construct_yaml_timestamp(self, node: ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return InvalidDate(node.value)


class _Loader(_Checks, Reader, Scanner, Parser, Resolver):
    """PyYAML's own Python parser: slow, but its error messages are the ones we explain."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)


_FastLoader: type[Any] | None = None
if yaml.__with_libyaml__:
    from yaml._yaml import CParser

    class _CLoader(CParser, Resolver):
        """libyaml scans, parses and composes, about ten times faster than the Python
        parser; the composed tree is then checked for what _Checks refuses."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Resolver.__init__(self)

        def resolve(self, kind: type[Node], value: str | None, implicit: tuple[bool, bool]) -> str:
            """Only a plain scalar can be read as something other than text; libyaml asks this
            for every node, so the rest are answered here without Resolver's general search."""
            if kind is ScalarNode and implicit[0]:
                return str(Resolver.resolve(self, kind, value, implicit))  # type: ignore[no-untyped-call]
            return _DEFAULT_TAGS[kind]

    _FastLoader = _CLoader
    _DEFAULT_TAGS = {
        ScalarNode: Resolver.DEFAULT_SCALAR_TAG,
        SequenceNode: Resolver.DEFAULT_SEQUENCE_TAG,
        MappingNode: Resolver.DEFAULT_MAPPING_TAG,
    }
    assert not Resolver.yaml_path_resolvers, "resolve() above assumes no path resolvers"

FLOW_OPENERS_FOR_C = 1_000
"""libyaml composes recursively on the C stack, which a file of 100,000 nested '[' overflows
(the process dies). Files with more flow brackets than this go to the Python parser, which
stops at MAX_DEPTH; a record has a handful."""


_Checks.yaml_constructors = {
    **SafeConstructor.yaml_constructors,
    "tag:yaml.org,2002:timestamp": _Checks.construct_yaml_timestamp,
}


FileCache = Kept[Path, tuple["Document | None", list[Problem]]]
"""Files read earlier, by path, kept with the hash of their content (kept.py)."""


def load_tree(data_dir: Path, display_root: Path | None = None, cache: FileCache | None = None) -> Loaded:
    """Every record file under data_dir, the PDFs under its originals/, and every problem met on the way.

    With a cache (the preview keeps one), a file whose content is unchanged is not parsed
    again: saving one record rereads one file."""
    root = display_root or data_dir.parent
    documents: list[Document] = []
    problems: list[Problem] = []
    stems: list[tuple[str, str]] = []
    if not data_dir.is_dir():
        return Loaded(
            (),
            (
                _whole_file(
                    str(data_dir), "mappen finns inte", "ange en mapp med requirements/, providers/ och followups/"
                ),
            ),
        )
    seen = set()
    originals: list[KeptOriginal] = []
    for path, kind in _record_files(data_dir, problems, root):
        if kind == ORIGINALS:
            _list_original(path, root, originals, problems)
            continue
        stems.append((kind, path.stem))
        seen.add(path)
        document, found = _load_cached(path, kind, _display(path, root), cache)
        problems.extend(found)
        if document is not None:
            documents.append(document)
    keep_only(cache, seen)
    return Loaded(tuple(documents), tuple(problems), tuple(stems), tuple(originals))


def _list_original(path: Path, root: Path, originals: list[KeptOriginal], problems: list[Problem]) -> None:
    """A PDF under originals/ with its size and first bytes, read once from the opened file (a
    few bytes per file, so that the preview can afford it on every save); or why it cannot be read."""
    try:
        size, head = _peek(path)
    except _Unreadable as refused:
        problems.append(_whole_file(_display(path, root), refused.message, refused.hint))
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
            problems.append(_whole_file(_display(path, root), *refusal))
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
            problems.append(_whole_file(_display(Path(directory), root), *_unreadable(error, "mappen")))
    return sorted(found, key=lambda item: item[1])


def _tools_own(entry: os.DirEntry[str]) -> bool:
    """Hidden entries are tools' (.git, .gitkeep, .DS_Store, editors' swap and lock files) and are
    not read; a hidden regular file named like a record is someone's record, and is reported."""
    return entry.name.startswith(".") and not (_named_like_record(entry.name) and entry.is_file(follow_symlinks=False))


def _named_like_record(name: str) -> bool:
    return name.strip().lower().endswith((".yml", ".yaml"))


LINK = (
    "det här är en symbolisk länk, och länkar följs inte",
    "kopiera in filen (eller mappen) i stället för att länka till den: bara filer inne i datamappen läses",
)
NOT_A_FILE = ("det här är ingen vanlig fil (utan t.ex. en FIFO, en enhet eller en socket)", "ta bort den ur datamappen")


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
            "filen ligger utanför requirements/, providers/ och followups/",
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


def _unreadable(error: OSError, what: str) -> tuple[str, str]:
    if error.errno == errno.ELOOP:
        return LINK
    code = errno.errorcode.get(error.errno or 0, type(error).__name__)
    return f"{what} kan inte läsas ({code})", f"kontrollera att {what} finns och att du har rätt att läsa den"


def _whole_file(path: str, message: str, hint: str) -> Problem:
    return Problem(path, 1, 1, message, hint)


def load_file(path: Path, kind: str, display: str) -> tuple[Document | None, list[Problem]]:
    """One file as a Document, or None and the reasons it could not be read."""
    try:
        raw = _read(path)
    except _Unreadable as refused:
        return None, [_whole_file(display, refused.message, refused.hint)]
    problems = _check_bytes(raw, display)
    if problems:
        return None, problems
    text = raw.decode("utf-8")
    problems = _check_characters(text, display) or _check_tabs(text, display)
    if problems:
        return None, problems
    try:
        return _document(_compose_fast(text), kind, display)
    except (yaml.MarkedYAMLError, _Refused):
        pass  # read again in Python below, so that the message is PyYAML's and ours
    try:
        node = _compose_with(_Loader, text)
    except yaml.MarkedYAMLError as error:
        return None, [_yaml_problem(error, display)]
    return _document(node, kind, display)


class _Unreadable(Exception):
    """The file is not read: why, and what to do."""

    def __init__(self, reason: tuple[str, str]) -> None:
        super().__init__(reason[0])
        self.message, self.hint = reason


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
"""Not through a link, and without waiting for a writer if the file has become a FIFO."""


@contextlib.contextmanager
def _opened(path: Path) -> Iterator[tuple[BinaryIO, os.stat_result]]:
    """path opened for reading, with its status, if it is a regular file. The walk checked what
    the entry was, but the folder can change before it is opened, so the opened file is checked
    again."""
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        raise _Unreadable(_unreadable(error, "filen")) from None
    with os.fdopen(descriptor, "rb") as file:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise _Unreadable(NOT_A_FILE)
        yield file, status


def _read(path: Path) -> bytes:
    """The bytes of path if it is a regular file of at most MAX_BYTES. The cap is applied to
    what is read: a file that grows after its size was taken is still cut off."""
    with _opened(path) as (file, status):
        if status.st_size > MAX_BYTES:
            raise _Unreadable(_too_big(status.st_size))
        raw = file.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise _Unreadable(_too_big(len(raw)))
    return raw


def _peek(path: Path) -> tuple[int, bytes]:
    """The size and first HEAD_BYTES bytes of a regular file."""
    with _opened(path) as (file, status):
        return status.st_size, file.read(HEAD_BYTES)


def _too_big(size: int) -> tuple[str, str]:
    message = f"filen är {size:,} byte; en post får vara högst {MAX_BYTES:,} byte".replace(",", " ")
    return message, "dela upp eller korta innehållet"


def _document(node: Node | None, kind: str, display: str) -> tuple[Document | None, list[Problem]]:
    if not isinstance(node, MappingNode):
        mark = node.start_mark if node is not None else None
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return None, [
            Problem(
                display,
                line,
                column,
                "filen ska innehålla en post med fält (nyckel: värde)",
                "börja med t.ex. `id: ...` på första raden",
            )
        ]
    builder = _Builder(display)
    data = builder.build(node, ())
    document = Document(display, kind, data, builder.values, builder.keys, builder.converted)
    return document, builder.problems


class _Refused(Exception):
    """libyaml's tree has what _Checks refuses (an alias, deep nesting), or libyaml is not
    safe for this file: the Python parser reads it again and says what is wrong."""


def _compose_fast(text: str) -> Node | None:
    if _FastLoader is None or text.count("[") + text.count("{") > FLOW_OPENERS_FOR_C:
        raise _Refused
    return _compose_with(_FastLoader, text)


def _compose_with(loader_class: type[Any], text: str) -> Node | None:
    loader = loader_class(text)
    try:
        return loader.get_single_node()  # type: ignore[no-any-return]
    finally:
        loader.dispose()


def _check_bytes(raw: bytes, display: str) -> list[Problem]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return [_whole_file(display, "filen är inte UTF-8 (troligen UTF-16)", "spara filen med teckenkodningen UTF-8")]
    if raw.startswith(b"\xef\xbb\xbf"):
        return [_whole_file(display, "filen börjar med ett byte order mark (BOM)", "spara filen som UTF-8 utan BOM")]
    if not raw.strip():
        return [_whole_file(display, "filen är tom", "fyll i posten eller ta bort filen")]
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


def _check_characters(text: str, display: str) -> list[Problem]:
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


def _check_tabs(text: str, display: str) -> list[Problem]:
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


def _yaml_problem(error: yaml.MarkedYAMLError, display: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = " ".join(part for part in (error.context, error.problem) if part) or "YAML-fel"
    opened = error.context_mark
    unclosed = (error.context or "").startswith("while")
    if unclosed and opened is not None and mark is not None and opened.line != mark.line:
        message += f" (det som inte avslutades började på rad {opened.line + 1})"
    hint = (
        "kontrollera indrag och kolon; text som innehåller ': ' eller börjar med ett specialtecken"
        " ska stå inom citattecken"
    )
    if "single document" in message:
        hint = "en fil ska innehålla en enda post; ta bort '---' och dela upp i flera filer"
    if "alias" in message:
        hint = "skriv ut värdet i stället för att hänvisa med & och *"
    return Problem(display, line, column, f"YAML kan inte läsas: {message}", hint)


class _Builder:
    """Turns a composed node tree into plain values, recording positions on the way."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.constructor = _Loader("")
        self.seen: set[int] = set()
        self.values: dict[Path_, Position] = {}
        self.keys: dict[Path_, Position] = {}
        self.converted: dict[Path_, Converted] = {}
        self.problems: list[Problem] = []

    def build(self, node: Node, path: Path_) -> Any:
        if id(node) in self.seen or len(path) > MAX_DEPTH:
            raise _Refused  # only libyaml's trees get here: _Checks refuses both while composing
        self.seen.add(id(node))
        mark = node.start_mark
        self.values[path] = Position(mark.line + 1, mark.column + 1)
        if node.tag == STR_TAG and type(node) is ScalarNode:
            if node.style == '"' and self._refuse_escaped(node, self.values[path]):
                return None
            return node.value  # most values: text, nothing to convert or check
        if not isinstance(node, ScalarNode) and node.tag not in COLLECTION_TAGS:
            self._problem(
                self.values[path], f"YAML-taggen {node.tag} är inte tillåten", "ta bort taggen (det som börjar med !)"
            )
            return None
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode), "YAML has three kinds of node"
        return self._scalar(node, path)

    def _mapping(self, node: MappingNode, path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            where = Position(key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if not isinstance(key_node, ScalarNode):
                self._problem(
                    where, "en nyckel måste vara ett ord, inte en lista eller mappning", "skriv nyckeln som `namn:`"
                )
                continue
            if key_node.style == '"' and self._refuse_escaped(key_node, where):
                continue
            key = key_node.value
            if key in result:
                first = self.keys[(*path, key)]
                self._problem(
                    where,
                    f"nyckeln `{key}` finns redan på rad {first.line}",
                    "ta bort den ena; YAML skulle annars tyst behålla bara den sista",
                )
                continue
            self.keys[(*path, key)] = where
            result[key] = self.build(value_node, (*path, key))
        return result

    def _scalar(self, node: ScalarNode, path: Path_) -> Any:
        where = self.values[path]
        if node.tag not in KNOWN_TAGS:
            self._problem(where, f"YAML-taggen {node.tag} är inte tillåten", "ta bort taggen (det som börjar med !)")
            return None
        if node.tag in NUMBER_TAGS and (refusal := _number_refusal(node.value)):
            self._problem(where, *refusal)
            return None
        try:
            value = self.constructor.construct_object(node)
        except (ValueError, KeyError, AttributeError):  # a tag on what it cannot read, e.g. `!!bool x`
            self._problem(
                where,
                f"`{node.value}` kan inte läsas som {CONVERTING_TAGS[node.tag]}",
                "ta bort taggen (det som börjar med !) eller rätta värdet",
            )
            return None
        if isinstance(value, InvalidDate):
            self._problem(
                where,
                f"{value.source} är inget datum som finns i kalendern",
                "kontrollera år, månad och dag (ÅÅÅÅ-MM-DD)",
            )
            return None
        if isinstance(value, dt.datetime):
            self._problem(where, f"`{node.value}` har klockslag; ange bara datum", "skriv datum som ÅÅÅÅ-MM-DD")
            return None
        if not node.style and node.tag in CONVERTING_TAGS and node.value != "":
            self.converted[path] = Converted(node.value, CONVERTING_TAGS[node.tag])
        return value

    def _refuse_escaped(self, node: ScalarNode, where: Position) -> bool:
        """A double-quoted scalar can write with an escape (\\u202e) a character that the file
        itself may not hold; such a scalar is refused at its start."""
        found = _ESCAPED_REFUSED.search(node.value)
        if found is None:
            return False
        self._problem(
            where,
            f"texten innehåller det osynliga tecknet {describe(found.group())}, skrivet som kod",
            "ta bort koden (den som börjar med \\) ur texten",
        )
        return True

    def _problem(self, where: Position, message: str, hint: str) -> None:
        self.problems.append(Problem(self.display, where.line, where.column, message, hint))


_ESCAPED_REFUSED = re.compile(f"[\u2028\u2029{char_class(INVISIBLE)}]")
"""What an escape in a double-quoted scalar can bring in that the check of the file's own
characters did not see. (Control characters and lone surrogates written so are the validator's
to refuse, with the rest of what a value may hold.)"""


def _number_refusal(source: str) -> tuple[str, str] | None:
    """Why a scalar YAML reads as a number is not one a record may hold (see DECIMAL), if it is not."""
    if not DECIMAL.fullmatch(source):
        return (
            f"talet `{source}` är inte skrivet som ett vanligt decimaltal",
            f'skriv det med siffror, t.ex. 66 eller 12.5; är det text, skriv det inom citattecken: "{source}"',
        )
    digits = len(source) - source.count("-") - source.count(".")
    if digits > MAX_DIGITS:
        return (
            f"talet har {digits} siffror; ett tal i en post får ha högst {MAX_DIGITS}",
            "rätta talet; är det text, t.ex. ett nummer, skriv det inom citattecken",
        )
    return None
