"""The deployment's identity (organisation.yml): read like a record, problems with file and line,
nothing invented in the shipped file, and its text encoded wherever it is printed."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.derive import derive
from generator.exports import open_data
from generator.feeds import syndication
from generator.organisation import (
    COMPLIANCE_SENTENCES,
    Compliance,
    Organisation,
    load_organisation,
    phone_target,
    statement,
    theme_identity,
    website_label,
)
from generator.pipeline import check
from generator.render import environment
from tests.conftest import AS_OF, MINIMAL, ROOT, SHIPPED

SHIPPED_FILE = ROOT / "organisation.yml"

VALID = """\
name: Exempel kommun
unit: Enheten för uppföljning
email: uppfoljning@exempel.se
phone: "010-123 45 67"
website: https://www.exempel.se/
accessibility:
  email: tillganglighet@exempel.se
  compliance: delvis förenlig
  reviewed: 2025-01-31
"""

HOSTILE_NAME = '<script>alert(1)</script> & "Kommun" [x](javascript:y) *[IVO]: z'


def _load(tmp_path: Path, text: str, name: str = "organisation.yml") -> tuple[Organisation | None, list[str]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    organisation, problems = load_organisation(path, name, tmp_path / "docs")
    return organisation, [problem.format() for problem in problems]


def _valid(tmp_path: Path, **replaced: str) -> Organisation:
    text = VALID
    for old, new in replaced.items():
        text = text.replace(old, new)
    organisation, problems = _load(tmp_path, text)
    assert problems == []
    assert organisation is not None
    return organisation


def test_the_shipped_file_is_valid() -> None:
    organisation, problems = load_organisation(SHIPPED_FILE, "organisation.yml", ROOT / "docs")
    assert problems == ()
    assert organisation is not None
    assert organisation.name == "Örebro kommun"
    assert organisation.unit == "Enheten för uppföljning"


def test_the_shipped_file_says_only_what_the_seed_decisions_say() -> None:
    """Every contact detail in the shipped file is printed in a decision under data/: the file
    must not invent an address or a number (a field no decision gives stays out)."""
    organisation, _ = load_organisation(SHIPPED_FILE, "organisation.yml", ROOT / "docs")
    assert organisation is not None
    seeds = "\n".join(path.read_text(encoding="utf-8") for path in sorted((SHIPPED / "followups").rglob("*.yml")))
    issuers = re.findall(r"^issuer:\n((?:  .*\n)+)", seeds, flags=re.M)
    assert any(f"organisation: {organisation.name}" in issuer for issuer in issuers)
    assert any(f"unit: {organisation.unit}" in issuer for issuer in issuers)
    details = [
        organisation.email,
        organisation.phone,
        organisation.postal_address,
        organisation.accessibility.email,
        organisation.accessibility.phone,
    ]
    for detail in filter(None, details):
        assert detail in seeds
    if organisation.website:
        assert f"website: {website_label(organisation.website)}" in seeds
    assert organisation.logo is None, "the project has no right to the municipality's logo"


def test_a_valid_file_gives_the_typed_identity(tmp_path: Path) -> None:
    organisation = _valid(tmp_path)
    assert organisation.publisher == "Enheten för uppföljning, Exempel kommun"
    assert organisation.accessibility.compliance is Compliance.PARTIAL
    assert organisation.accessibility.reviewed == dt.date(2025, 1, 31)
    assert organisation.postal_address is None
    with pytest.raises(ValueError, match="frozen"):
        organisation.name = "Annan kommun"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (VALID.replace("name: Exempel kommun\n", ""), "organisation.yml:1:1: fältet `name` saknas"),
        (VALID.replace("  compliance: delvis förenlig\n", ""), "organisation.yml:7:3: fältet `compliance` saknas"),
        (VALID.replace("  reviewed: 2025-01-31\n", ""), "organisation.yml:7:3: fältet `reviewed` saknas"),
        (VALID.split("accessibility:")[0], "organisation.yml:1:1: fältet `accessibility` saknas"),
        (
            VALID.replace("email: uppfoljning@exempel.se", "email: uppföljning(at)exempel"),
            "organisation.yml:3:8: `uppföljning(at)exempel` har fel form",
        ),
        (
            VALID.replace("  email: tillganglighet@exempel.se", '  email: "a@b.se\\" onclick=\\"x"'),
            'organisation.yml:7:10: `a@b.se" onclick="x` har fel form',
        ),
        (
            VALID.replace("2025-01-31", '"2025-01-31"'),
            'organisation.yml:9:13: `reviewed` ska vara ett datum, fick texten "2025-01-31"',
        ),
        (
            VALID.replace("2025-01-31", "2025-02-30"),
            "organisation.yml:9:13: 2025-02-30 är inget datum som finns i kalendern",
        ),
        (VALID.replace("2025-01-31", "31 januari 2025"), "organisation.yml:9:13: `31 januari 2025` är inget datum"),
        (
            VALID.replace("delvis förenlig", "ganska förenlig"),
            "organisation.yml:8:15: `ganska förenlig` är inget tillåtet värde",
        ),
        (
            VALID.replace("https://www.exempel.se/", "javascript:alert(1)"),
            "organisation.yml:5:10: `javascript:alert(1)` har fel form",
        ),
        (
            VALID.replace("https://www.exempel.se/", "http://www.exempel.se/"),
            "organisation.yml:5:10: `http://www.exempel.se/` har fel form",
        ),
        (VALID.replace('"010-123 45 67"', '"ring oss"'), "organisation.yml:4:8: `ring oss` har fel form"),
        (VALID + "logo: ../hemlig.svg\n", "organisation.yml:10:7: `../hemlig.svg` har fel form"),
        (VALID + "logo: bilder/logotyp.svg\n", "organisation.yml:10:7: logotypen docs/bilder/logotyp.svg finns inte"),
        (VALID + "adress: Storgatan 1\n", "organisation.yml:10:1: okänt fält `adress`"),
        (
            VALID.replace("name: Exempel kommun", "name: 2025"),
            "organisation.yml:1:7: `2025` lästes av YAML som ett heltal",
        ),
        (
            VALID.replace("name: Exempel kommun", 'name: "Exempel\\u0003kommun"'),
            "organisation.yml:1:7: `Exempel\\x03kommun` har fel form",
        ),
        (VALID.replace("name: Exempel kommun", "name: Exempel\u202ekommun"), "organisation.yml:1:14: osynligt tecken"),
        (
            VALID.replace("name: Exempel kommun", "name: &n Exempel\nunit: *n"),
            "organisation.yml:2:7: YAML kan inte läsas",
        ),
        (VALID.replace("name: Exempel kommun", "name: !!python/name:os.system x"), "organisation.yml:1:7: YAML-taggen"),
    ],
)
def test_each_problem_is_placed_and_says_what_to_do(tmp_path: Path, text: str, expected: str) -> None:
    organisation, problems = _load(tmp_path, text)
    assert organisation is None
    assert any(problem.startswith(expected) for problem in problems), problems
    assert all("\n    → " in problem for problem in problems), "every problem says what to do"


def test_every_problem_of_a_file_is_reported_at_once(tmp_path: Path) -> None:
    text = (
        VALID.replace("uppfoljning@exempel.se", "fel")
        .replace("2025-01-31", "i går")
        .replace("name: Exempel kommun\n", "")
    )
    _, problems = _load(tmp_path, text)
    assert len(problems) == 3


def test_a_missing_file_is_a_problem_that_says_where_it_belongs(tmp_path: Path) -> None:
    organisation, problems = load_organisation(tmp_path / "organisation.yml", "organisation.yml", tmp_path)
    assert organisation is None
    (problem,) = problems
    assert problem.format().startswith("organisation.yml:1:1: filen med organisationens uppgifter finns inte")
    assert "bredvid mkdocs.yml" in problem.hint


def test_a_logo_under_docs_is_accepted(tmp_path: Path) -> None:
    (tmp_path / "docs" / "bilder").mkdir(parents=True)
    (tmp_path / "docs" / "bilder" / "logotyp.svg").write_text("<svg/>", encoding="utf-8")
    assert _valid(tmp_path, **{"reviewed: 2025-01-31\n": "reviewed: 2025-01-31\nlogo: bilder/logotyp.svg\n"}).logo == (
        "bilder/logotyp.svg"
    )


def test_contact_addresses_are_made_from_the_checked_values() -> None:
    assert phone_target("010-123 45 67") == "tel:0101234567"
    assert phone_target("+46 19 21 10 00") == "tel:+4619211000"
    assert website_label("https://www.exempel.se/") == "www.exempel.se"


@pytest.mark.parametrize("compliance", list(Compliance))
def test_the_statement_uses_digg_s_words_for_each_status(tmp_path: Path, compliance: Compliance) -> None:
    organisation = _valid(tmp_path, **{"delvis förenlig": compliance.value})
    text = environment().get_template("accessibility.md.j2").render(statement=statement(organisation))
    assert COMPLIANCE_SENTENCES[compliance] in text
    assert f"är {compliance.value} med lagen" in text


def test_the_statement_without_an_accessibility_contact_points_to_the_unit(tmp_path: Path) -> None:
    organisation = _valid(tmp_path, **{"  email: tillganglighet@exempel.se\n": ""})
    text = environment().get_template("accessibility.md.j2").render(statement=statement(organisation))
    assert "Kontaktuppgifter särskilt för brister i tillgängligheten: *uppgift saknas*." in text
    assert '<a href="mailto:uppfoljning@exempel.se">uppfoljning@exempel.se</a>' in text
    assert '<a href="tel:0101234567">010-123 45 67</a>' in text
    assert '<a href="https://www.exempel.se/">www.exempel.se</a>' in text


def test_the_statement_with_an_accessibility_contact_gives_it_and_not_the_unit_s(tmp_path: Path) -> None:
    organisation = _valid(tmp_path)
    text = environment().get_template("accessibility.md.j2").render(statement=statement(organisation))
    assert '- E-post: <a href="mailto:tillganglighet@exempel.se">tillganglighet@exempel.se</a>' in text
    assert "uppfoljning@exempel.se" not in text
    assert "Kontaktuppgifter särskilt" not in text
    assert "Redogörelsen granskades senast den 31 januari 2025." in text


def test_hostile_text_is_encoded_where_it_is_printed(tmp_path: Path) -> None:
    quoted = HOSTILE_NAME.replace("\\", "\\\\").replace('"', '\\"')
    organisation = _valid(tmp_path, **{"name: Exempel kommun": f'name: "{quoted}"'})
    assert organisation.name == HOSTILE_NAME
    # The theme prints config.extra.organisation as it is: every value is already HTML.
    shown = theme_identity(organisation)
    assert shown.name == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Kommun&quot; [x](javascript:y) *[IVO]: z"
    # The statement is Markdown: no tag, link or abbreviation definition survives as syntax.
    page = environment().get_template("accessibility.md.j2").render(statement=statement(organisation))
    assert "<script>" not in page
    assert "[x](javascript" not in page
    assert "*[IVO]" not in page
    # Feeds, badges and DCAT: XML and JSON written by their libraries, read back as the same text.
    portal = derive(check(MINIMAL, AS_OF).dataset, AS_OF)
    files = {**syndication(portal, "", organisation), **dict(open_data(portal, "", organisation))}
    feed = ET.fromstring(files["feeds/beslut.xml"])
    assert feed.findtext("{http://www.w3.org/2005/Atom}author/{http://www.w3.org/2005/Atom}name") == (
        f"Enheten för uppföljning, {HOSTILE_NAME}"
    )
    badge = next(text for path, text in files.items() if path.startswith("badges/"))
    assert "<script>" not in badge
    assert HOSTILE_NAME in ET.fromstring(badge).findtext("{http://www.w3.org/2000/svg}title", "")
    assert '"foaf:name": "<script>alert(1)</script> & \\"Kommun\\"' in files["data/dcat.jsonld"]
