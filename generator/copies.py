"""Partial copies: what a decision's record may leave unknown, and only when it says its copy is partial.

A record whose published copy is incomplete says so (`published_copy: {complete: false, missing: …}`)
and writes the marker `okänt` for each required text it cannot read, and `status: unknown` for an
assessment the copy does not show. In a record that declares no partial copy the marker is a
placeholder to fill in, reported here with where it stands and what to do.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.crosscheck import at
from generator.document import Path_, Placing
from generator.errors import Problem
from generator.model import FollowUp, Status, is_unknown

FIX = (
    "skriv texten ordagrant ur beslutet; om den publicerade kopian inte visar den, lägg till"
    ' `published_copy: {complete: false, missing: "…"}` som säger vad som saknas'
)


def unknown_fields(followup: FollowUp) -> Iterator[Path_]:
    """Where the record holds the marker okänt (or status unknown), in file order."""
    if is_unknown(followup.introduction):
        yield ("introduction",)
    for index, outcome in enumerate(followup.outcomes):
        if outcome.status is Status.UNKNOWN:
            yield ("outcomes", index, "status")
        if is_unknown(outcome.assessment):
            yield ("outcomes", index, "assessment")
        if is_unknown(outcome.required_action):
            yield ("outcomes", index, "required_action")
    if is_unknown(followup.decision.text):
        yield ("decision", "text")
    if is_unknown(followup.signed_by.name):
        yield ("signed_by", "name")
    if is_unknown(followup.signed_by.title):
        yield ("signed_by", "title")


def copy_problems(followup: FollowUp, document: Placing) -> Iterator[Problem]:
    copy = followup.published_copy
    if copy is not None and not copy.complete and copy.missing is None:
        yield at(
            document,
            ("published_copy",),
            "kopian är ofullständig men det står inte vad som saknas",
            'lägg till `missing:` med vad som saknas, t.ex. "Sidorna 3–5 saknas i den publicerade kopian"',
        )
    if copy is not None and copy.complete and copy.missing is not None:
        yield at(
            document,
            ("published_copy", "missing"),
            "kopian sägs vara fullständig men `missing` säger att något saknas",
            "ändra `complete` till false, eller ta bort `published_copy` om kopian är fullständig",
        )
    if followup.partial:
        return
    for path in unknown_fields(followup):
        name = ".".join(str(part) for part in path if not isinstance(part, int))
        value = "unknown" if path[-1] == "status" else "okänt"
        yield at(document, path, f"`{name}` är {value}, men beslutet säger inte att kopian är ofullständig", FIX)
