"""What loading gives: each record file's values with the line and column of every key and value,
the problems met, and the PDFs kept under originals/. Every stage after loading reads these
types; the loader's own modules (load.py, yaml_read.py, characters.py, safe_read.py) make them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from generator.errors import Problem

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
class Document:
    """One YAML file: its values and where each of them stands."""

    path: str
    kind: str
    """Its folder in data/, which names its kind (kinds.py)."""
    data: dict[str, Any]
    values: dict[Path_, Position] = field(default_factory=dict)
    keys: dict[Path_, Position] = field(default_factory=dict)
    converted: dict[Path_, Converted] = field(default_factory=dict)
    file: Path | None = None
    """The file it was read from, to read its positions again once the document is let go
    (load.released); None for a document made in memory."""
    digest: bytes = b""
    """The hash of the file's bytes as read (kept.hash_of), so that a file changed since is not
    read again for positions that no longer match."""

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


class Placing(Protocol):
    """What a check between records needs of the file a record came from: its name, and where
    a value in it stands. A Document is one; so is the lighter stand-in (load.Placed) that the
    validator keeps once a document's own checks are done, so that a build never holds every
    file's values and positions at once."""

    @property
    def path(self) -> str: ...

    @property
    def stem(self) -> str: ...

    def position(self, path: Path_, *, key: bool = False) -> Position: ...


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


def whole_file(path: str, message: str, hint: str) -> Problem:
    """A problem with a file as a whole (it cannot be read, it is empty), placed at its start."""
    return Problem(path, 1, 1, message, hint)
