"""Reading one file inside the data folder, and only a regular file: never through a symbolic link,
never waiting on a FIFO, and never more than MAX_BYTES of it, whatever the folder became between
the walk that listed the file and the moment it is opened."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

HEAD_BYTES = 16
"""How much of a kept original is read: enough for the validator to see what kind of file it is."""

MAX_BYTES = 1_000_000
"""A record is a few kilobytes; anything this large is a mistake, not a record."""

LINK = (
    "det här är en symbolisk länk, och länkar följs inte",
    "kopiera in filen (eller mappen) i stället för att länka till den: bara filer inne i datamappen läses",
)
NOT_A_FILE = ("det här är ingen vanlig fil (utan t.ex. en FIFO, en enhet eller en socket)", "ta bort den ur datamappen")


def unreadable(error: OSError, what: str) -> tuple[str, str]:
    if error.errno == errno.ELOOP:
        return LINK
    code = errno.errorcode.get(error.errno or 0, type(error).__name__)
    return f"{what} kan inte läsas ({code})", f"kontrollera att {what} finns och att du har rätt att läsa den"


class Unreadable(Exception):
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
        raise Unreadable(unreadable(error, "filen")) from None
    with os.fdopen(descriptor, "rb") as file:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise Unreadable(NOT_A_FILE)
        yield file, status


def read_file(path: Path) -> bytes:
    """The bytes of path if it is a regular file of at most MAX_BYTES. The cap is applied to
    what is read: a file that grows after its size was taken is still cut off."""
    with _opened(path) as (file, status):
        if status.st_size > MAX_BYTES:
            raise Unreadable(_too_big(status.st_size))
        raw = file.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise Unreadable(_too_big(len(raw)))
    return raw


def peek(path: Path) -> tuple[int, bytes]:
    """The size and first HEAD_BYTES bytes of a regular file."""
    with _opened(path) as (file, status):
        return status.st_size, file.read(HEAD_BYTES)


def _too_big(size: int) -> tuple[str, str]:
    message = f"filen är {size:,} byte; en post får vara högst {MAX_BYTES:,} byte".replace(",", " ")
    return message, "dela upp eller korta innehållet"
