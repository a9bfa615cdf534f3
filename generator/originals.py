"""A decision's published original: what `original:` may name, and where the site offers it.

A decision record may name the original it was written from, so that a reader can check every
word against it: the address where it is published (https only), or a PDF kept in the data tree
under originals/ (listed, never parsed, by generator/load.py), which the build publishes beside
the decision's page (paths.original_path). The rule lives here once: the validator calls
original_problems, the decision view and open data read published_original, and the MkDocs
plugin copies what kept_copies names.
"""

from __future__ import annotations

import difflib
import re
import string
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

from generator.crosscheck import Sourced, at
from generator.document import KeptOriginal
from generator.errors import Problem
from generator.load import ORIGINAL_SUFFIX, ORIGINALS
from generator.model import FollowUp, is_to_fill
from generator.paths import inside, original_path
from generator.swedish import format_number

if TYPE_CHECKING:
    from generator.derive.views import Portal

ADDRESS_START = "https://"
KEPT_START = f"{ORIGINALS}/"
PDF_START = b"%PDF-"
"""How every PDF file begins (ISO 32000): a file that was only renamed to .pdf does not."""
MAX_MEGABYTES = 25
MAX_BYTES = MAX_MEGABYTES * 1_000_000
"""A typed decision of a dozen pages is well under 1 MB and a scanned one a few MB. A larger file
stays in the repository's history for good and is slow to open on a phone."""
ADDRESS_CHARACTERS = frozenset(string.ascii_letters + string.digits + "-._~:/?#[]@!$&'()*+,;=%")
"""What an address may hold as it is (RFC 3986); anything else (a space, å, a quote) a browser's
address bar writes with %."""
_DRIVE = re.compile(r"^[A-Za-z]:")
EXAMPLES = "t.ex. `original: https://www.kommun.se/beslut/2021-03-03.pdf` eller `original: originals/2021-03-03.pdf`"


@dataclass(frozen=True)
class Refusal:
    """Why a value cannot be published, and what to do: a problem at the `original:` line."""

    message: str
    hint: str


HTTP = Refusal(
    "adressen i `original` börjar med http://, som inte är krypterad",
    "skriv adressen med https:// (öppna den i webbläsaren och kopiera den därifrån)",
)
NO_HOST = Refusal(
    "adressen i `original` saknar ett värdnamn som www.kommun.se efter https://",
    "skriv hela adressen, t.ex. https://www.kommun.se/beslut/2021-03-03.pdf",
)


@dataclass(frozen=True)
class PublishedOriginal:
    """Where the site offers a decision's original."""

    href: str
    """A kept PDF's site path, docs-relative as pages link to each other ("beslut/ID/ID.pdf");
    otherwise the https address where the original is published."""
    kept: str | None = None
    """The kept PDF as the record names it ("originals/x.pdf"); None for an address elsewhere."""

    def url(self, site_url: str) -> str:
        """The full address, for open data: the site's own address before a kept PDF's path."""
        return site_url + self.href if self.kept else self.href


@dataclass(frozen=True)
class Copy:
    """A kept PDF and the site path the build publishes it at, byte for byte."""

    source: Path
    path: str


def published_original(followup: FollowUp) -> PublishedOriginal | None:
    """Where the site offers the original of a valid decision, if the record names one."""
    value = followup.original
    if value is None:
        return None
    if value.startswith(KEPT_START):
        return PublishedOriginal(original_path(followup.id), value)
    return PublishedOriginal(value)


def kept_copies(portal: Portal, data_dir: Path) -> tuple[Copy, ...]:
    """Every kept PDF that a published decision names, with where the site publishes it."""
    return tuple(
        Copy(inside(data_dir, original.kept), original.href)
        for followup in portal.followups
        if (original := followup.original) is not None and original.kept is not None
    )


def original_problems(followups: Iterable[Sourced[FollowUp]], kept: Iterable[KeptOriginal]) -> Iterator[Problem]:
    """Every `original` that cannot be published, at its line. The marker `att fylla i` (in a
    draft) is left to the check of markers: it is never read as an address or a file name."""
    by_name = {original.name: original for original in kept}
    for item in followups:
        value = item.record.original
        if value is None or is_to_fill(value):
            continue
        for refusal in _refusals(value, by_name):
            yield at(item.document, ("original",), refusal.message, refusal.hint)


def _refusals(value: str, kept: Mapping[str, KeptOriginal]) -> tuple[Refusal, ...]:
    if value.startswith(ADDRESS_START):
        refusal = _address_refusal(value)
        return () if refusal is None else (refusal,)
    if value.lower().startswith("http://"):
        return (HTTP,)
    if value.lower().startswith(ADDRESS_START):
        rest = value[len(ADDRESS_START) :]
        return (
            Refusal("adressen i `original` ska börja med https:// i små bokstäver", f"skriv `{ADDRESS_START}{rest}`"),
        )
    refusal = _name_refusal(value)
    if refusal is not None:
        return (refusal,)
    original = kept.get(value)
    return (_missing(value, kept),) if original is None else _content_refusals(original)


def _address_refusal(address: str) -> Refusal | None:
    """Why an https address cannot be a link's target as it is written, if it cannot."""
    if any(char.isspace() for char in address):
        return Refusal(
            "adressen i `original` innehåller mellanslag",
            "skriv mellanslag som %20, eller kopiera adressen från webbläsarens adressfält",
        )
    odd = next((char for char in address if char not in ADDRESS_CHARACTERS), None)
    if odd is not None:
        return Refusal(
            f"adressen i `original` innehåller tecknet {odd}, som en adress inte kan ha som det är",
            f"skriv det som {quote(odd, safe='')}, eller kopiera adressen från webbläsarens adressfält",
        )
    try:
        parts = urlsplit(address)
        host = parts.hostname
    except ValueError:  # e.g. an unclosed [ of an IPv6 host
        return NO_HOST
    if host is None or "." not in host:
        return NO_HOST
    if "@" in parts.netloc:
        return Refusal(
            "adressen i `original` innehåller inloggningsuppgifter (det som står före @)",
            "ta bort dem: originalet ska gå att öppna för alla",
        )
    return None


def _name_refusal(value: str) -> Refusal | None:
    """Why value does not name a kept PDF as `originals/NAME.pdf`, if it does not."""
    pure = PurePosixPath(value.replace("\\", "/"))
    if pure.is_absolute() or _DRIVE.match(value):
        return Refusal(
            "`original` är en sökväg på din dator",
            f"lägg PDF-filen i data/{ORIGINALS}/ och skriv `original: {KEPT_START}{pure.name}`",
        )
    if "\\" in value:
        return Refusal("sökvägen i `original` har \\ mellan mapparna", f"skriv / i stället: `{pure.as_posix()}`")
    if ".." in pure.parts:
        return Refusal(
            "sökvägen i `original` går ut ur datamappen (..)",
            f"lägg PDF-filen i data/{ORIGINALS}/ och skriv `original: {KEPT_START}{pure.name}`",
        )
    if not value.startswith(KEPT_START):
        if len(pure.parts) > 1 and "." in pure.parts[0]:  # www.kommun.se/beslut.pdf
            return Refusal("adressen i `original` saknar https:// i början", f"skriv `https://{value}`")
        if pure.suffix.lower() != ORIGINAL_SUFFIX:
            return Refusal(
                "`original` är varken en adress (https://…) eller en PDF under originals/", f"skriv {EXAMPLES}"
            )
        return Refusal(
            f"en PDF i `original` skrivs som sökvägen inom datamappen, {KEPT_START}FILNAMN.pdf",
            f"lägg filen i data/{ORIGINALS}/ och skriv `original: {KEPT_START}{pure.name}`",
        )
    if len(pure.parts) != 2:
        return Refusal(
            f"{KEPT_START} har inga undermappar",
            f"lägg PDF-filen direkt i data/{ORIGINALS}/ och skriv `original: {KEPT_START}{pure.name}`",
        )
    if pure.suffix != ORIGINAL_SUFFIX:
        return Refusal("originalet ska vara en PDF-fil, med filändelsen .pdf", f"skriv {EXAMPLES}")
    return None


def _missing(value: str, kept: Mapping[str, KeptOriginal]) -> Refusal:
    """A name not listed, with the listed name most like it (by the part before .pdf, which is
    what tells the files apart)."""
    stems = {PurePosixPath(name).stem: name for name in kept}
    close = difflib.get_close_matches(PurePosixPath(value).stem, stems, n=1)
    return Refusal(
        f"filen {value} i `original` finns inte i data/{ORIGINALS}/",
        f"menar du `{stems[close[0]]}`?" if close else f"lägg PDF-filen i data/{ORIGINALS}/ eller rätta namnet",
    )


def _content_refusals(original: KeptOriginal) -> tuple[Refusal, ...]:
    """What makes a listed file no publishable PDF: each reason, so that one save fixes both."""
    found: list[Refusal] = []
    if not original.head.startswith(PDF_START):
        found.append(
            Refusal(
                f"{original.name} är ingen PDF: filen börjar inte med %PDF-",
                "lägg in originalbeslutet som PDF; att byta filändelse på en annan fil räcker inte",
            )
        )
    if original.size > MAX_BYTES:
        megabytes = format_number(round(original.size / 1_000_000, 1))
        exact = f"{original.size:,}".replace(",", " ")
        found.append(
            Refusal(
                f"{original.name} är {megabytes} MB ({exact} byte); ett original får vara högst {MAX_MEGABYTES} MB",
                "spara PDF:en mindre (t.ex. med lägre upplösning för inskannade sidor), eller skriv i `original`"
                " adressen där originalet publiceras (https://…)",
            )
        )
    return tuple(found)
