"""Versions of a requirement: what changed is computed in derive, word by word, and renders as text.

The requirement page lists the versions newest first; under each but the oldest it shows the
requirement text with removed words in ``<del>`` and added words in ``<ins>``, each run also
labelled in words for screen readers, and the other changes as sentences.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import markdown
import pytest

from generator.derive import Portal, derive
from generator.derive.versions import BREAK, text_diff, tokens, version_changes
from generator.derive.views import DiffSegment, RequirementView, VersionView
from generator.model import RequirementVersion
from generator.pipeline import check
from generator.render import render
from tests.conftest import AS_OF, MINIMAL, SHIPPED, SHIPPED_AS_OF, Tree

EXTENSIONS = ["attr_list", "tables", "toc", "md_in_html"]


def _checked(root: Path) -> Portal:
    as_of = SHIPPED_AS_OF if root == SHIPPED else AS_OF
    checked = check(root, as_of)
    assert checked.problems == ()
    return derive(checked.dataset, as_of)


def _requirement(portal: Portal, requirement_id: str) -> RequirementView:
    (requirement,) = (r for r in portal.requirements if r.record.id == requirement_id)
    return requirement


def _page_html(root: Path, page: str) -> str:
    checked = check(root, AS_OF)
    assert checked.problems == ()
    return str(markdown.markdown(render(derive(checked.dataset, AS_OF))[page], extensions=EXTENSIONS))


def _version(version_id: str = "v", **fields: object) -> VersionView:
    values: dict[str, object] = {"id": version_id, "text": "Kravtext."} | fields
    return VersionView(RequirementVersion.model_validate(values), None)


def _kinds(segments: tuple[DiffSegment, ...]) -> list[tuple[str, str]]:
    return [(s.kind, s.text) for s in segments]


# --- the word-level diff --------------------------------------------------------


def test_tokens_keep_paragraphs_and_list_items_apart() -> None:
    text = "Inledning\nfortsatt:\n- ett\n  fortsatt\n- två\n\nSista stycket."
    assert tokens(text) == [
        "Inledning", "fortsatt:", BREAK, "-", "ett", "fortsatt", BREAK, "-", "två", BREAK, "Sista", "stycket.",
    ]  # fmt: skip


def test_changed_words_are_removed_then_added_where_they_stood() -> None:
    diff = text_diff("Genomförandeplanen ska vara aktuell.", "Genomförandeplanen ska följas upp var sjätte månad.")
    assert _kinds(diff) == [
        ("same", "Genomförandeplanen ska"),
        ("removed", "vara aktuell."),
        ("added", "följas upp var sjätte månad."),
    ]


def test_a_short_shared_word_between_changes_does_not_scatter_the_diff() -> None:
    diff = text_diff("Utföraren ska dokumentera avvikelser och klagomål.", "Personalen ska rapportera brister och fel.")
    assert _kinds(diff) == [
        ("removed", "Utföraren ska dokumentera avvikelser och klagomål."),
        ("added", "Personalen ska rapportera brister och fel."),
    ]


def test_identical_text_has_no_change_and_keeps_its_line_breaks() -> None:
    diff = text_diff("Krav:\n- ett\n- två", "Krav:\n- ett\n- två")
    assert _kinds(diff) == [("same", "Krav:"), ("break", ""), ("same", "- ett"), ("break", ""), ("same", "- två")]


def test_added_list_items_keep_their_lines_and_removed_breaks_are_dropped() -> None:
    diff = text_diff("Krav:\n- ett\n- två", "Krav: ett.\n- tre")
    assert _kinds(diff) == [
        ("same", "Krav:"),
        ("removed", "- ett - två"),
        ("added", "ett."),
        ("break", ""),
        ("added", "- tre"),
    ]


# --- sections, evidence and guidance in words ------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (["3.4"], ["3.5"], ["Avtalspunkt ändrad från 3.4 till 3.5."]),
        (["3.4", "3.5"], ["3.6"], ["Avtalspunkter ändrade från 3.4 och 3.5 till 3.6."]),
        (["3.4"], [], ["Avtalspunkt 3.4 anges inte i denna version."]),
        (
            [],
            ["2.8", "3.1", "3.10"],
            ["Avtalspunkterna 2.8, 3.1 och 3.10 anges; föregående version anger ingen avtalspunkt."],
        ),
        (["3.4"], ["3.4"], []),
    ],
)
def test_section_changes_in_words(old: list[str], new: list[str], expected: list[str]) -> None:
    changes = version_changes(_version("a", sections=old), _version("b", sections=new).version)
    assert list(changes.notes) == expected
    assert not changes.text_changed


def test_evidence_and_guidance_changes_in_words() -> None:
    older = _version("a", evidence=["Rutin", "Journal"], guidance="Läs rutinen.")
    newer = _version("b", evidence=["Journal", "Genomförandeplan"]).version
    assert version_changes(older, newer).notes == (
        "Underlag borttaget: Rutin",
        "Underlag tillagt: Genomförandeplan",
        "Vägledningen borttagen.",
    )
    assert version_changes(_version("a"), _version("b", guidance="Ny.").version).notes == ("Vägledning tillagd.",)
    assert version_changes(_version("a", guidance="Gammal."), _version("b", guidance="Ny.").version).notes == (
        "Vägledningen ändrad.",
    )
    reordered = version_changes(_version("a", evidence=["A", "B"]), _version("b", evidence=["B", "A"]).version)
    assert reordered.notes == ("Underlagen står i en ny ordning.",)


# --- derived views ---------------------------------------------------------------


def test_versions_are_newest_first_and_each_knows_what_changed_from_the_one_before() -> None:
    dokumentation = _requirement(_checked(MINIMAL), "dokumentation")
    newest, oldest = dokumentation.versions
    assert (newest.version.id, oldest.version.id) == ("v2", "v1")
    assert oldest.changes is None
    assert newest.changes is not None and newest.changes.previous is oldest
    assert newest.changes.text_changed and newest.changes.notes == ()
    assert _requirement(_checked(MINIMAL), "hygien").versions[0].changes is None


def test_shipped_egenkontroller_reads_as_a_rewrite_with_its_section_no_longer_given() -> None:
    egenkontroller = _requirement(_checked(SHIPPED), "egenkontroller")
    (seed_version,) = (v for v in egenkontroller.versions if v.version.id == "voo-1905-2023")
    changes = seed_version.changes
    assert changes is not None
    assert changes.notes == ("Avtalspunkt 3.4 anges inte i denna version.",)
    kinds = _kinds(changes.text)
    assert kinds[1:6] == [
        ("added", "Utföraren ska"),
        ("same", "ha en rutin"),
        ("removed", "för,"),
        ("added", "för"),
        ("same", "och årligen"),
    ]
    last = "- Verksamhetens följsamhet till avvikelseprocessen som beskrivs i Riktlinje Avvikelser, "
    last += "Klagomål och synpunkter"
    assert kinds[-2:] == [("break", ""), ("added", last)]


@pytest.mark.parametrize("root", [MINIMAL, SHIPPED], ids=["minimal", "shipped"])
def test_every_finding_links_to_a_version_its_requirement_page_shows(root: Path) -> None:
    portal = _checked(root)
    anchors = {(r.record.id, v.anchor) for r in portal.requirements for v in r.versions}
    findings = [o for f in portal.followups for o in f.outcomes]
    assert findings
    for finding in findings:
        assert (finding.requirement.id, finding.version_anchor) in anchors


# --- the rendered page -----------------------------------------------------------


def test_requirement_page_shows_the_diff_with_words_that_say_what_changed() -> None:
    html = _page_html(MINIMAL, "krav/dokumentation.md")
    assert html.index('id="version-v2"') < html.index('id="andringar-v2"') < html.index('id="version-v1"')
    assert '<h3 id="andringar-v2">Ändringar från föregående version</h3>' in html
    assert '<a href="/krav/dokumentation.md#version-v1">Enligt Voo 1/2023</a>' in html
    assert "Ord som har tagits bort är överstrukna och ord som har lagts till är understrukna." in html
    diff = html.split('<p class="kp-diff" data-pagefind-ignore>', 1)[1].split("</p>", 1)[0]
    assert diff.strip().splitlines() == [
        "Genomförandeplanen ska",
        '<del class="kp-diff__removed"><span class="kp-sr">[borttaget: </span>vara aktuell.'
        '<span class="kp-sr">]</span></del>',
        '<ins class="kp-diff__added"><span class="kp-sr">[tillagt: </span>följas upp var sjätte månad.'
        '<span class="kp-sr">]</span></ins>',
    ]
    listing = html.split("<ul>", 1)[1].split("</ul>", 1)[0]
    assert "gäller från 1 januari 2024" in listing.split("</li>")[0]
    assert "gäller från 1 januari 2023" in listing.split("</li>")[1]


def test_a_single_version_has_no_diff() -> None:
    html = _page_html(MINIMAL, "krav/hygien.md")
    assert "Ändringar från föregående version" not in html
    assert "kp-diff" not in html
    assert "versioner" not in html


def test_unchanged_text_says_so_and_lists_the_other_changes(tree: Tree) -> None:
    newer = "Genomförandeplanen ska följas upp var sjätte månad."
    tree.replace("requirements/dokumentation.yml", newer, 'Genomförandeplanen ska vara aktuell.\n    sections: ["3.7"]')
    html = _page_html(tree.root, "krav/dokumentation.md")
    changes = html.split('<h3 id="andringar-v2">', 1)[1].split("<h2", 1)[0]
    assert "Kravtexten är oförändrad." in changes
    assert "kp-diff" not in changes
    assert "<li>Avtalspunkt 3.7 anges; föregående version anger ingen avtalspunkt.</li>" in changes


HOSTILE = (
    '<script>alert(1)</script> <img src=x onerror="alert(2)"> [klicka](javascript:alert(3)) </p> **fet** {{ portal }}'
)


def test_hostile_text_in_a_diff_renders_inert_and_as_written(tree: Tree) -> None:
    path = "requirements/dokumentation.yml"
    tree.replace(path, "Genomförandeplanen ska vara aktuell.", f"'old {HOSTILE}'")
    tree.replace(path, "Genomförandeplanen ska följas upp var sjätte månad.", f"'new {HOSTILE} ny'")
    tree.replace(path, "contract: Voo 1/2023", f"contract: Voo 1/2023\n    evidence: ['{HOSTILE}']")
    html = _page_html(tree.root, "krav/dokumentation.md")
    changes = html.split('<h3 id="andringar-v2">', 1)[1].split("<h2", 1)[0]
    for markup in ("<script", "<img", "<strong", '<a href="javascript', "<p>**"):
        assert markup not in changes
    diff = changes.split('<p class="kp-diff" data-pagefind-ignore>', 1)[1].split("\n</p>", 1)[0]
    visible = " ".join(unescape(re.sub(r"<[^>]+>", "", diff)).split())
    assert visible == f"[borttaget: old] [tillagt: new] {HOSTILE} [tillagt: ny]"
    assert f"<li>Underlag borttaget: {HOSTILE}</li>" in unescape(changes)


def test_dates_print_as_unknown_when_the_record_has_none(tree: Tree) -> None:
    tree.replace("requirements/dokumentation.yml", "    valid_from: 2024-01-01\n", "")
    html = _page_html(tree.root, "krav/dokumentation.md")
    listing = html.split("<ul>", 1)[1].split("</ul>", 1)[0]
    assert "gäller från uppgift saknas" in listing.split("</li>")[0]
    assert '<td data-label="Uppgift">Gäller från</td>\n<td data-label="Värde">uppgift saknas</td>' in html
