"""The one place where record ids become file names and addresses.

An id that passed the model's pattern is already safe; this module checks again,
so that no path built from data can leave the output folder whatever called it.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from generator.model import ID_PATTERN

SECTIONS = ("utforare", "krav", "beslut", "jamforelse")
"""URL sections: providers, requirements, decisions, comparison. Renaming one breaks every link to it."""

INDEX = "index"
"""The name of each section's listing page, e.g. "utforare/index.md": no record can have it as its id."""

YEAR_FOLDER = "ar"
"""The folder of the decisions' year listings, "beslut/ar/2024.md": a decision named so would take its address."""

RESERVED_IDS = {"utforare": frozenset({INDEX}), "krav": frozenset({INDEX}), "beslut": frozenset({INDEX, YEAR_FOLDER})}
"""Per section, the names the generator's own pages take there. The validator refuses them as record ids
(current or previous), so that a record page never lands on a listing's address."""

_ID = re.compile(ID_PATTERN)


class UnsafePath(ValueError):
    """A path that would leave the output folder or does not come from a valid id."""


def is_id(value: str) -> bool:
    """Lowercase letters, digits and single hyphens: the one rule for ids, file names and anchors."""
    return _ID.fullmatch(value) is not None


def page_path(section: str, record_id: str) -> str:
    """The docs-relative Markdown path of a record's page, e.g. "krav/samverkan.md"."""
    if section not in SECTIONS or not is_id(record_id):
        raise UnsafePath(f"no page for {section!r}/{record_id!r}")
    return f"{section}/{record_id}.md"


def finding_anchor(requirement_id: str) -> str:
    """A finding's anchor on its decision page, "krav-ID": stable as long as the requirement id is.
    docs/javascripts/kopiera-lank.js offers "Kopiera länk" on headings with this prefix."""
    return f"krav-{requirement_id}"


def version_anchor(version_id: str) -> str:
    """A requirement version's anchor on the requirement page, "version-ID", which decisions link
    to (kopiera-lank.js knows the prefix too)."""
    return f"version-{version_id}"


def changes_anchor(version_id: str) -> str:
    """The anchor of what changed in a version from the one before it, on the requirement page."""
    return f"andringar-{version_id}"


def year_page(year: int | None) -> str:
    """The page listing one year's decisions (or the undated ones). In a folder of its own,
    so that no decision id can take its address."""
    return f"beslut/{YEAR_FOLDER}/{year if year is not None else 'utan-datum'}.md"


def area_page(area: str) -> str:
    """The comparison limited to one area of requirements; two areas whose names slug alike would share it."""
    return page_path("jamforelse", f"omrade-{slugify(area)}")


def numbered_page(first: str, number: int) -> str:
    """Page `number` of a listing whose first page is `first`: "jamforelse/flest-brister.md" has
    "jamforelse/sidor/flest-brister/2.md" after it, in a folder no record id can take."""
    pure = PurePosixPath(first)
    if number < 1 or not is_id(pure.stem) or pure.suffix != ".md" or ".." in pure.parts or pure.is_absolute():
        raise UnsafePath(f"no page {number} after {first!r}")
    return first if number == 1 else f"{pure.parent}/sidor/{pure.stem}/{number}.md"


def register_page(listing: str, number: int = 1) -> str:
    """Page `number` of one listing of the action register, e.g. "atgarder/krav/samverkan/2.md".
    listing is "" (all, by due date) or slash-separated ids; each listing has a folder of its
    own, so that no id can take another listing's address."""
    parts = [part for part in listing.split("/") if part]
    if not all(is_id(part) for part in parts) or number < 1:
        raise UnsafePath(f"no register page for {listing!r}/{number}")
    folder = "/".join(["atgarder", *parts])
    return f"{folder}/index.md" if number == 1 else f"{folder}/sida-{number}.md"


def inside(root: Path, relative: str) -> Path:
    """root/relative, refusing anything that would resolve outside root."""
    pure = PurePosixPath(relative)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts:
        raise UnsafePath(f"refusing to write {relative!r}")
    target = (root / pure).resolve()
    if not target.is_relative_to(root.resolve()):
        raise UnsafePath(f"refusing to write {relative!r} outside {root}")
    return target


_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})


def slugify(name: str) -> str:
    """An id-shaped slug for a name that is not an id (an area, a standing): "Hygien och förbrukningsmaterial"
    becomes "hygien-och-forbrukningsmaterial". Its result still goes through page_path or an anchor check."""
    words = re.findall(r"[a-z0-9]+", name.lower().translate(_FOLD))
    return "-".join(words) or "x"


def html_file(page: str) -> str:
    """The built file of a Markdown page, as MkDocs writes it: "krav/x.md" is "krav/x/index.html"."""
    return f"{url_of(page)}index.html"


def url_of(page: str) -> str:
    """The site-relative URL of a Markdown page, as MkDocs writes it: "krav/x.md" is "krav/x/"
    and "krav/index.md" is "krav/". In plain string operations: every link and row of the open
    data asks, tens of thousands of times a build."""
    folder, _, name = page.rpartition("/")
    if name == "index.md":
        return f"{folder}/" if folder else ""
    stem = name[: -len(".md")] if name.endswith(".md") else name
    return f"{folder}/{stem}/" if folder else f"{stem}/"


def badge_path(provider_id: str) -> str:
    """The stable address of a provider's standing badge, for other sites to embed."""
    page_path("utforare", provider_id)
    return f"badges/{provider_id}.svg"


def original_path(followup_id: str) -> str:
    """Where a decision's original, kept as a PDF under data/originals/, is published: in its page's
    folder, named by the decision's id, so that a downloaded copy says which decision it is. Stable
    as long as the id is; no page or listing is named *.pdf, so nothing else can take it."""
    page_path("beslut", followup_id)
    return f"beslut/{followup_id}/{followup_id}.pdf"


def sitemap_path(part: int | None = None) -> str:
    """The sitemap search engines look for, or one part of a sitemap too long for one file."""
    return "sitemap.xml" if part is None else f"sitemap-{part}.xml"


def feed_path(provider_id: str | None = None) -> str:
    """The Atom feed of all decisions, or of one provider's."""
    if provider_id is None:
        return "feeds/beslut.xml"
    page_path("utforare", provider_id)
    return f"feeds/utforare/{provider_id}.xml"


PROVIDER_LISTINGS = INDEX
"""The folder of the provider list's filtered pages, "utforare/index/lage-…": the name is reserved
in utforare/ (RESERVED_IDS), so no provider id can take their addresses."""

_PAGE_NUMBER = re.compile(r"sida-[0-9]+")


def provider_list_page(listing: str = "", number: int = 1) -> str:
    """Page `number` of one listing of the providers. listing "" is all of them: "utforare/index.md",
    then "utforare/index/sida-2.md"; a filtered listing, e.g. "lage-kvarstaende-brister", is
    "utforare/index/lage-kvarstaende-brister.md", then ".../lage-kvarstaende-brister/sida-2.md"."""
    if number < 1 or (listing and (not is_id(listing) or _PAGE_NUMBER.fullmatch(listing))):
        raise UnsafePath(f"no provider list page for {listing!r}/{number}")
    folder = f"utforare/{PROVIDER_LISTINGS}"
    if not listing:
        return "utforare/index.md" if number == 1 else f"{folder}/sida-{number}.md"
    return f"{folder}/{listing}.md" if number == 1 else f"{folder}/{listing}/sida-{number}.md"
