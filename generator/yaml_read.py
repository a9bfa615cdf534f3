"""One record file's YAML into plain values, keeping where every key and value stood.

PyYAML's ``safe_load`` loses line numbers, keeps the last of two duplicate keys and silently
turns ``3.10`` into 3.1 and ``no`` into False. This reader builds the values from the composed
node tree itself, so that every value keeps its position, duplicate keys and aliases are
rejected, and the source text of every converted plain scalar is kept for the validator to
explain. libyaml composes most files; a file it cannot, or one that breaks a rule, is composed
again by PyYAML's Python parser with our checks (``_Checks``), so that the message is the same
whichever parser read it. Numbers in any form but plain decimal are refused where they stand.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from generator.characters import check_bytes, check_characters, check_tabs
from generator.document import Converted, Document, Path_, Position, whole_file
from generator.errors import INVISIBLE, Problem, char_class, describe
from generator.kept import hash_of
from generator.safe_read import Unreadable, read_file

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


@dataclass(frozen=True)
class InvalidDate:
    """A scalar shaped like a date that is not in the calendar, e.g. 2024-02-30."""

    source: str


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
                return _plain_scalar_tag(value)
            return _DEFAULT_TAGS[kind]

    _FastLoader = _CLoader
    _DEFAULT_TAGS = {
        ScalarNode: Resolver.DEFAULT_SCALAR_TAG,
        SequenceNode: Resolver.DEFAULT_SEQUENCE_TAG,
        MappingNode: Resolver.DEFAULT_MAPPING_TAG,
    }
    assert not Resolver.yaml_path_resolvers, "resolve() above assumes no path resolvers"

    @functools.lru_cache(maxsize=4096)
    def _plain_scalar_tag(value: str) -> str:
        """What YAML reads a plain scalar as (text, a number, a date …), which depends on its text
        alone. Kept per text: the keys and the short values (statuses, kinds) recur in every
        file, and the resolver tries up to a dozen patterns on each."""
        return str(Resolver().resolve(ScalarNode, value, (True, False)))  # type: ignore[no-untyped-call]


FLOW_OPENERS_FOR_C = 1_000
"""libyaml composes recursively on the C stack, which a file of 100,000 nested '[' overflows
(the process dies). Files with more flow brackets than this go to the Python parser, which
stops at MAX_DEPTH; a record has a handful."""


_Checks.yaml_constructors = {
    **SafeConstructor.yaml_constructors,
    "tag:yaml.org,2002:timestamp": _Checks.construct_yaml_timestamp,
}


def load_file(path: Path, kind: str, display: str) -> tuple[Document | None, list[Problem]]:
    """One file as a Document, or None and the reasons it could not be read."""
    try:
        raw = read_file(path)
    except Unreadable as refused:
        return None, [whole_file(display, refused.message, refused.hint)]
    problems = check_bytes(raw, display)
    if problems:
        return None, problems
    text = raw.decode("utf-8")
    problems = check_characters(text, display) or check_tabs(text, display)
    if problems:
        return None, problems
    document, problems = _composed(text, kind, display)
    if document is None:
        return None, problems
    return replace(document, file=path, digest=hash_of(raw)), problems


def _composed(text: str, kind: str, display: str) -> tuple[Document | None, list[Problem]]:
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
