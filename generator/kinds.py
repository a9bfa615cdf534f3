"""The kinds of record, one home for what names each: its folder under data/ (also the ``kind``
a loaded document carries), the section of the site its pages are in, its noun in messages and
its model.

Loading, validation, the drafts, the schemas, `diff`, `new`, the importer, the redirects and the
check of reserved ids all read these, so that adding or renaming a kind is one change here.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import FollowUp, Provider, Record, Requirement


@dataclass(frozen=True)
class Kind:
    folder: str
    """Its folder under data/, e.g. "followups"; a loaded document's kind is this name."""
    section: str
    """The section of the site its pages are in, e.g. "beslut" (one of paths.SECTIONS)."""
    noun: str
    """What its records are called in a Swedish message: "okänt beslut", "kända utförare: …"."""
    model: type[Record]
    """The pydantic model its files are checked against."""
    schema: str
    """Its name in schemas/NAME.schema.json (the editor's modeline) and in the open data, e.g. "followup"."""


REQUIREMENTS = Kind("requirements", "krav", "krav", Requirement, "requirement")
PROVIDERS = Kind("providers", "utforare", "utförare", Provider, "provider")
FOLLOWUPS = Kind("followups", "beslut", "beslut", FollowUp, "followup")

KINDS = (REQUIREMENTS, PROVIDERS, FOLLOWUPS)
"""In the order the loader reads their folders and validation checks them."""

FOLDERS = tuple(kind.folder for kind in KINDS)
"""The folders under data/, one per kind of record."""

BY_FOLDER = {kind.folder: kind for kind in KINDS}
"""Each kind by its folder, which is how a loaded document names its kind."""

FOLDERS_IN_WORDS = f"{', '.join(f'{folder}/' for folder in FOLDERS[:-1])} och {FOLDERS[-1]}/"
""" "requirements/, providers/ och followups/", as messages about the data folder name them."""
