"""Read the YAML tree into plain values, keeping where every key and value stood.

PyYAML's ``safe_load`` loses line numbers, keeps the last of two duplicate keys
and silently turns ``3.10`` into 3.1 and ``no`` into False. This loader builds the
values from the composed node tree itself, so that every value keeps its position,
duplicate keys and aliases are rejected, and the source text of every converted plain
scalar is kept for the validator to explain. libyaml composes most files; a file it
cannot, or one that breaks a rule, is composed again by PyYAML's Python parser with
our checks (``_Checks``), so that the message is the same whichever parser read it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from generator.errors import Problem
from generator.kept import keep_only

FOLDERS = ("requirements", "providers", "followups")
"""The folders under data/, one per kind of record."""

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
class Loaded:
    documents: tuple[Document, ...]
    problems: tuple[Problem, ...]
    stems: tuple[tuple[str, str], ...] = ()
    """(kind, file name without .yml) of every record file, readable or not."""


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


FileCache = dict[Path, tuple[tuple[int, int], "Document | None", list[Problem]]]
"""Files read earlier, by path, with the size and modification time they had then."""


def load_tree(data_dir: Path, display_root: Path | None = None, cache: FileCache | None = None) -> Loaded:
    """Every record file under data_dir, and every problem met on the way.

    With a cache (the preview keeps one), a file whose size and modification time are
    unchanged is not read again: saving one record rereads one file."""
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
    for path, kind in _record_files(data_dir, problems, root):
        stems.append((kind, path.stem))
        seen.add(path)
        document, found = _load_cached(path, kind, _display(path, root), cache)
        problems.extend(found)
        if document is not None:
            documents.append(document)
    keep_only(cache, seen)
    return Loaded(tuple(documents), tuple(problems), tuple(stems))


def _load_cached(path: Path, kind: str, display: str, cache: FileCache | None) -> tuple[Document | None, list[Problem]]:
    if cache is None:
        return load_file(path, kind, display)
    status = path.stat()
    stamp = (status.st_size, status.st_mtime_ns)
    hit = cache.get(path)
    if hit is not None and hit[0] == stamp:
        return hit[1], hit[2]
    document, problems = load_file(path, kind, display)
    cache[path] = (stamp, document, problems)
    return document, problems


def _display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _record_files(data_dir: Path, problems: list[Problem], root: Path) -> Iterator[tuple[Path, str]]:
    for path, parts in _files_under(data_dir):
        if path.name.startswith(".") or path.suffix not in (".yml", ".yaml"):
            continue
        kind = parts[0]
        if kind not in FOLDERS or len(parts) < 2:
            problems.append(
                _whole_file(
                    _display(path, root),
                    "filen ligger utanför requirements/, providers/ och followups/",
                    "flytta den till mappen för sin sorts post",
                )
            )
            continue
        if path.suffix == ".yaml":
            problems.append(
                _whole_file(_display(path, root), "filändelsen ska vara .yml", "byt namn på filen till .yml")
            )
            continue
        yield path, kind


def _files_under(folder: Path) -> list[tuple[Path, tuple[str, ...]]]:
    """Every file below folder, sorted, with its path's parts relative to folder: os.walk,
    because pathlib's rglob and relative_to cost the preview a tenth of a second per save."""
    found: list[tuple[Path, tuple[str, ...]]] = []
    for directory, _, names in os.walk(folder):
        parts = Path(os.path.relpath(directory, folder)).parts  # per folder, not per file
        found.extend((Path(directory, name), (*parts, name)) for name in names)
    return sorted(found)


def _whole_file(path: str, message: str, hint: str) -> Problem:
    return Problem(path, 1, 1, message, hint)


def load_file(path: Path, kind: str, display: str) -> tuple[Document | None, list[Problem]]:
    """One file as a Document, or None and the reasons it could not be read."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        message = f"filen är {size:,} byte; en post får vara högst {MAX_BYTES:,} byte".replace(",", " ")
        return None, [_whole_file(display, message, "dela upp eller korta innehållet")]
    raw = path.read_bytes()
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
        column = error.start - (before.rfind(b"\n") + 1) + 1
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


_NOT_YAML = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters YAML does not allow in a file, such as NUL and other control characters."""


def _check_characters(text: str, display: str) -> list[Problem]:
    if not _NOT_YAML.search(text):
        return []
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        for found in _NOT_YAML.finditer(line):
            code = f"U+{ord(found.group()):04X}"
            problems.append(Problem(display, number, found.start() + 1, f"otillåtet tecken {code}", "ta bort tecknet"))
    return problems


def _check_tabs(text: str, display: str) -> list[Problem]:
    if "\t" not in text:
        return []
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
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
        value = self.constructor.construct_object(node)
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

    def _problem(self, where: Position, message: str, hint: str) -> None:
        self.problems.append(Problem(self.display, where.line, where.column, message, hint))
