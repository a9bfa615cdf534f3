"""Whose site this is: the deployment's identity, read from ``organisation.yml`` beside mkdocs.yml.

The file is not a record (it is the same for every page, and a copy of the project for another
municipality changes it, not the data), so it lives outside ``data/``. It is read with the
loader's own YAML reading (``yaml_read.load_file``: positions kept; aliases, tags, invisible
characters and numbers in odd forms refused) and checked against a frozen model here; its
problems are ``Problem`` values with file, line and column, reported like the data's.

Contact details the project cannot know for certain are left out of the shipped file, never
guessed: every contact field is optional, and the pages then omit the line or say *uppgift
saknas*. Addresses made from the file (``mailto:``, ``tel:``, the website, the logo) are
limited by the model's patterns to characters that cannot end an attribute or open markup,
and are still encoded where they are printed, like any text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated

from pydantic import Field, StringConstraints, ValidationError

from generator.encode import escape_html
from generator.errors import Problem
from generator.messages import PATTERN_HINTS, schema_problems
from generator.model import Date, Record
from generator.yaml_read import load_file

FILE_NAME = "organisation.yml"
"""The default file, relative to mkdocs.yml (the plugin's `organisation` setting)."""

_LINE = r"^[^\x00-\x1f\x7f-\x9f\u2028\u2029]+$"
Line = Annotated[str, StringConstraints(pattern=_LINE, min_length=1, max_length=200)]
"""One line of text: a name or an address, printed in the header, the footer and the feeds."""

_EMAIL = r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[a-z]{2,}$"
ContactEmail = Annotated[str, StringConstraints(pattern=_EMAIL, max_length=200)]
"""An e-mail address of letters, digits and . _ % + -: it becomes a mailto: address as it is."""

_PHONE = r"^\+?[0-9][0-9 -]{3,22}[0-9]$"
Phone = Annotated[str, StringConstraints(pattern=_PHONE)]
"""A telephone number as it is printed, e.g. "019-21 10 00"; digits, spaces and hyphens."""

_WEBSITE = r"^https://[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:/[A-Za-z0-9._~/-]*)?$"
Website = Annotated[str, StringConstraints(pattern=_WEBSITE, max_length=200)]
"""An https address of plain characters: it becomes a link's href as it is."""

_LOGO = r"^[A-Za-z0-9_-]+(?:[./][A-Za-z0-9_-]+)*\.(?:svg|png|jpg|jpeg|webp)$"
LogoPath = Annotated[str, StringConstraints(pattern=_LOGO, max_length=200)]
"""A picture under docs/, e.g. "bilder/logotyp.svg": names joined by single / or ., so never
absolute and never `..`."""

FIELD_HINTS = {
    _LINE: "skriv texten på en rad, utan styrtecken",
    _EMAIL: "skriv en e-postadress av bokstäver a–z, siffror och . _ % + -, t.ex. namn@kommun.se",
    _PHONE: 'skriv telefonnumret med siffror, mellanslag och bindestreck inom citattecken, t.ex. "019-00 00 00"',
    _WEBSITE: "skriv hela adressen med https://, t.ex. https://www.kommun.se (bokstäver a–z, siffror, . - / ~ _)",
    _LOGO: "skriv sökvägen till bilden under docs/, t.ex. bilder/logotyp.svg (.svg, .png, .jpg eller .webp)",
}

HINTS = {**PATTERN_HINTS, **FIELD_HINTS}
"""What to do about a value of the wrong form: the records' patterns and this file's."""
"""What to do when a value does not have its field's form, by the field's pattern."""


class Compliance(StrEnum):
    """Hur väl webbplatsen uppfyller lagen (2018:1937), med Diggs ord."""

    FULL = "helt förenlig"
    PARTIAL = "delvis förenlig"
    NONE = "inte förenlig"


COMPLIANCE_SENTENCES = {
    Compliance.FULL: "Kvalitetsportalen är helt förenlig med lagen om tillgänglighet till digital offentlig service.",
    Compliance.PARTIAL: (
        "Kvalitetsportalen är delvis förenlig med lagen om tillgänglighet till digital offentlig service,"
        " på grund av de brister som beskrivs nedan."
    ),
    Compliance.NONE: (
        "Kvalitetsportalen är inte förenlig med lagen om tillgänglighet till digital offentlig service,"
        " på grund av de brister som beskrivs nedan."
    ),
}
"""The statement's sentence on compliance, worded as in Digg's model statement."""

COMPLIANCE_SUMMARIES = {
    Compliance.FULL: "Vi bedömer att webbplatsen uppfyller lagens krav. Den tekniska informationen står nedan.",
    Compliance.PARTIAL: (
        "Vi är medvetna om att delar av webbplatsen inte är helt tillgängliga. Se avsnittet om innehåll"
        " som inte är tillgängligt nedan."
    ),
    Compliance.NONE: (
        "Vi är medvetna om att webbplatsen inte är tillgänglig för alla. Se avsnittet om innehåll som inte är"
        " tillgängligt nedan."
    ),
}
"""The answer to "Hur tillgänglig är webbplatsen?" at the top of the statement, as Digg's model words it."""


class Accessibility(Record):
    """Tillgänglighetsredogörelsen: vart brister rapporteras, hur förenlig webbplatsen är och när
    redogörelsen senast granskades."""

    email: ContactEmail | None = None
    """E-post för att rapportera brister i tillgängligheten. Utelämna om den inte är känd: sidan
    hänvisar då till enheten."""
    phone: Phone | None = None
    """Telefon för att rapportera brister i tillgängligheten, inom citattecken. Utelämna om okänt."""
    response_days: int | None = Field(default=None, ge=1, le=60, strict=True)
    """Inom hur många arbetsdagar ett meddelande normalt besvaras, om det är bestämt. Utelämna annars."""
    compliance: Compliance
    """Med Diggs ord: "helt förenlig", "delvis förenlig" eller "inte förenlig"."""
    reviewed: Date
    """Dag då redogörelsen senast granskades mot webbplatsen (ÅÅÅÅ-MM-DD)."""


class Organisation(Record):
    """Vems webbplatsen är: organisationen, enheten som publicerar och hur man når dem."""

    name: Line
    """Organisationens namn, t.ex. "Örebro kommun"."""
    unit: Line
    """Enheten som fattar besluten och publicerar webbplatsen, som besluten skriver den."""
    postal_address: Line | None = None
    """Enhetens postadress på en rad. Utelämna om den inte är känd."""
    email: ContactEmail | None = None
    """Enhetens e-post. Utelämna om den inte är känd."""
    phone: Phone | None = None
    """Enhetens telefon (eller kommunens växel), inom citattecken. Utelämna om okänt."""
    website: Website | None = None
    """Organisationens webbplats med https://. Utelämna om okänd."""
    accessibility: Accessibility
    """Tillgänglighetsredogörelsen."""
    logo: LogoPath | None = None
    """Logotyp under docs/, om organisationen har gett rätt att använda den. Utelämna annars."""

    @property
    def publisher(self) -> str:
        """Who publishes, in one line: "Enheten för uppföljning, Örebro kommun"."""
        return f"{self.unit}, {self.name}"


def load_organisation(path: Path, display: str, docs_dir: Path) -> tuple[Organisation | None, tuple[Problem, ...]]:
    """The identity in path, or None and every problem in it (display names the file in them).
    A logo must be a file under docs_dir, where the theme finds it."""
    if not path.exists() and not path.is_symlink():
        hint = f"skapa {FILE_NAME} bredvid mkdocs.yml (se README) eller ange filen med inställningen `organisation`"
        return None, (Problem(display, 1, 1, "filen med organisationens uppgifter finns inte", hint),)
    document, problems = load_file(path, "organisation", display)
    if document is None:
        return None, tuple(problems)
    try:
        organisation = Organisation.model_validate(document.data)
    except ValidationError as error:
        refused = {(problem.line, problem.column) for problem in problems}  # read as empty: said once
        found = [p for p in schema_problems(document, error, HINTS) if (p.line, p.column) not in refused]
        return None, (*problems, *found)
    if problems:
        return None, tuple(problems)
    if organisation.logo is not None and not (docs_dir / organisation.logo).is_file():
        where = document.position(("logo",))
        message = f"logotypen docs/{organisation.logo} finns inte"
        return None, (
            *problems,
            Problem(display, where.line, where.column, message, "lägg bilden där eller ta bort raden"),
        )
    return organisation, tuple(problems)


# --- what the pages print ------------------------------------------------------------------


def phone_digits(phone: str) -> str:
    """The number as a tel: address needs it: its digits (and a leading +), no spaces or hyphens."""
    return re.sub(r"[ -]", "", phone)


def phone_target(phone: str) -> str:
    """A tel: address for a number as printed."""
    return "tel:" + phone_digits(phone)


def website_label(website: str) -> str:
    """A website as people write it: "https://www.orebro.se/" prints as "www.orebro.se"."""
    return website.removeprefix("https://").rstrip("/")


@dataclass(frozen=True)
class Contact:
    """Ways to reach someone, each None where the file does not know it."""

    email: str | None
    phone: str | None

    @property
    def phone_digits(self) -> str | None:
        return phone_digits(self.phone) if self.phone else None

    @property
    def known(self) -> bool:
        return self.email is not None or self.phone is not None


@dataclass(frozen=True)
class Statement:
    """What the accessibility statement (om/tillganglighet.md) shows: the template prints it as it is."""

    organisation: Organisation
    unit_contact: Contact
    report_contact: Contact
    """Where accessibility problems are reported; unknown fields are not taken from the unit's."""
    website_label: str | None
    compliance_summary: str
    compliance_sentence: str
    reviewed: dt.date


def statement(organisation: Organisation) -> Statement:
    accessibility = organisation.accessibility
    website = organisation.website
    return Statement(
        organisation=organisation,
        unit_contact=Contact(organisation.email, organisation.phone),
        report_contact=Contact(accessibility.email, accessibility.phone),
        website_label=website_label(website) if website else None,
        compliance_summary=COMPLIANCE_SUMMARIES[accessibility.compliance],
        compliance_sentence=COMPLIANCE_SENTENCES[accessibility.compliance],
        reviewed=accessibility.reviewed,
    )


@dataclass(frozen=True)
class ThemeIdentity:
    """The identity as the theme's header, footer and 404 page print it (config.extra.organisation).

    The theme's templates do not autoescape, so every value here is already encoded for HTML text
    and quoted attributes (encode.escape_html); the templates print them as they are."""

    name: str
    unit: str
    postal_address: str | None
    email: str | None
    email_target: str | None
    phone: str | None
    phone_target: str | None
    website: str | None
    website_label: str | None
    logo: str | None
    """docs-relative, for the theme's `url` filter."""


def theme_identity(organisation: Organisation) -> ThemeIdentity:
    def html(value: str | None) -> str | None:
        return escape_html(value) if value is not None else None

    email, phone, website = organisation.email, organisation.phone, organisation.website
    return ThemeIdentity(
        name=escape_html(organisation.name),
        unit=escape_html(organisation.unit),
        postal_address=html(organisation.postal_address),
        email=html(email),
        email_target=html(f"mailto:{email}" if email else None),
        phone=html(phone),
        phone_target=html(phone_target(phone) if phone else None),
        website=html(website),
        website_label=html(website_label(website) if website else None),
        logo=html(organisation.logo),
    )
