"""Where a build writes: only into a folder it made, and nothing it did not write is deleted.

Each built site carries a marker file; a build replaces a folder only if it is absent, empty
or carries the marker. The new site is built in a temporary folder beside it and swapped in
only once it is complete, so a failed or stopped build leaves the old site as it was. Each
temporary folder names the process that made it, so that a later build can remove those
whose build was killed, and only those.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from generator import processes

MARKER = ".kvalitetsportalen-bygge"
"""In every site a build writes: the next build may replace that folder."""
MARKER_TEXT = "Kvalitetsportalen byggde denna mapp (python -m generator build); nästa bygge ersätter den.\n"
PREFIX = ".build-"
"""Temporary folders beside the output folder: the new site, and the old one while it is swapped out."""
OWNER = "bygge.json"
"""In every temporary folder: the process that made it (processes.identity)."""
OLD = "gammal"
"""In the temporary folder: the old site while the new one is moved in."""


class OldSiteMoved(OSError):
    """Neither could the new site be moved in, nor the old one back; filename is where it is."""


def refusal(out: Path) -> str | None:
    """Why the build may not write out, in Swedish with what to do; None when it may."""
    if not out.exists() or (out.is_dir() and (not any(out.iterdir()) or (out / MARKER).is_file())):
        return None
    return (
        f"{out} finns och är ingen webbplats som bygget har skrivit (filen {MARKER} saknas), så bygget"
        " skriver inte över den. Ange en ny eller tom mapp med --out, eller ta själv bort mappen om"
        " den är en äldre byggd webbplats som inget annat finns i."
    )


@contextlib.contextmanager
def work_folder(out: Path) -> Iterator[Path]:
    """A new temporary folder beside out, marked as this process's and removed afterwards,
    whatever happens. Left-overs of earlier builds that were killed are removed first."""
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_abandoned(out.parent)
    work = Path(tempfile.mkdtemp(prefix=PREFIX, dir=out.parent))
    try:
        (work / OWNER).write_text(json.dumps(processes.identity()), encoding="utf-8")
        yield work
    finally:
        if (work / OLD).exists():  # the old site could not be put back (OldSiteMoved): no build removes it
            (work / OWNER).unlink(missing_ok=True)
        else:
            shutil.rmtree(work, ignore_errors=True)


def remove_abandoned(parent: Path) -> None:
    """Remove the temporary folders in parent whose build has certainly ended. One without a
    readable owner may be another program's, or a build's that is just starting, and stays."""
    for folder in parent.glob(PREFIX + "*"):
        owner = _owner(folder)
        if owner is not None and processes.is_gone(owner):
            shutil.rmtree(folder, ignore_errors=True)


def _owner(folder: Path) -> dict[str, object] | None:
    try:
        owner = json.loads((folder / OWNER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return owner if isinstance(owner, dict) else None


def replace(out: Path, built: Path, work: Path) -> None:
    """Swap the built site in for out. The old site moves into the work folder and back if the
    new one cannot be moved in, so out is never left half-replaced."""
    (built / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    old = work / OLD
    if out.exists():
        out.rename(old)
    try:
        built.rename(out)
    except OSError:
        if old.exists():
            _put_back(old, out)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _put_back(old: Path, out: Path) -> None:
    try:
        old.rename(out)
    except OSError as error:
        raise OldSiteMoved(error.errno, error.strerror, str(old)) from error
