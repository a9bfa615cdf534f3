"""The text rule (generator/text.py): paragraphs, lists and sub-headings in a record's text."""

from __future__ import annotations

import html
import re

import markdown
import pytest
import yaml

from generator.derive.versions import BREAK, tokens
from generator.text import ItemList, Paragraph, SubHeading, blocks, is_sub_heading, plain_text, prose
from tests.conftest import SHIPPED

EXTENSIONS = ["attr_list", "md_in_html"]


def _html(text: str) -> str:
    return str(markdown.markdown(prose(text), extensions=EXTENSIONS))


def test_a_short_line_above_its_text_is_a_sub_heading_of_its_own() -> None:
    text = (
        "Avvikelser\n"
        "Granskning av avvikelser i Treserva visar att inga avvikelser har rapporterats.\n"
        "\n"
        "Klagomål och synpunkter\n"
        "Granskning av klagomål visar endast ett rapporterat klagomål."
    )
    assert blocks(text) == (
        SubHeading("Avvikelser"),
        Paragraph("Granskning av avvikelser i Treserva visar att inga avvikelser har rapporterats."),
        SubHeading("Klagomål och synpunkter"),
        Paragraph("Granskning av klagomål visar endast ett rapporterat klagomål."),
    )
    assert _html(text) == (
        '<p class="kp-subheading"><strong>Avvikelser</strong></p>\n'
        "<p>Granskning av avvikelser i Treserva visar att inga avvikelser har rapporterats.</p>\n"
        '<p class="kp-subheading"><strong>Klagomål och synpunkter</strong></p>\n'
        "<p>Granskning av klagomål visar endast ett rapporterat klagomål.</p>"
    )


def test_the_first_block_may_start_with_a_sub_heading() -> None:
    assert blocks("Genomförandeplaner\nGranskning av 30 genomförandeplaner.") == (
        SubHeading("Genomförandeplaner"),
        Paragraph("Granskning av 30 genomförandeplaner."),
    )


@pytest.mark.parametrize(
    "text",
    [
        # a sentence: it ends with sentence punctuation
        "Rutin rapporteringsskyldighet.\nRutin för rapporteringsskyldighet beskriver vem som berörs.",
        "Bedömningen är att ni uppfyller kravet!\nVi ser positivt på arbetet.",
        "Vad gäller avvikelser?\nGranskningen visar inga.",
        "Rutinen ska beskriva följande:\nHur ofta informationen sker.",
        "Se punkt 3;\nDär framgår det.",
        # a wrapped sentence: the next line goes on in lower case
        "Kompetensinventeringen visar att\nendast 66 % av personalen har utbildning.",
        "Vi har tagit del\nav sammanställningen.",
        # a wrapped sentence: the line is long, or has many words
        "Granskning av 30 genomförandeplaner i Treserva mellan 2022-11-01 och 2023-11-01 visar\nAtt det brister.",
        "Det här är en rad med nio ord i sig\nSom fortsätter.",
        # a line that goes on: it ends with a comma, a dash, a slash or an open bracket
        "Rutin för samverkan,\nRiskanalys och egenkontroll.",
        "Klagomål -\nSynpunkter.",
        "Avvikelser/\nKlagomål.",
        # a line that starts in lower case
        "dokumentation\nGranskningen visar brister.",
        # a line alone in its block: nothing under it to head
        "Avvikelser",
        "Avvikelser\n\nGranskning av avvikelser visar inga.",
        # a list: the label before it is a paragraph, as before
        "Underlag\n- Kompetensinventering\n- Rutin",
        "- Avvikelser\nGranskning av avvikelser.",
        # the next line starts with a number, as a wrapped line often does
        "Granskningen omfattade\n30 journaler.",
    ],
)
def test_what_is_not_a_sub_heading(text: str) -> None:
    assert not any(isinstance(block, SubHeading) for block in blocks(text)), blocks(text)
    assert "kp-subheading" not in _html(text)


def test_is_sub_heading_needs_a_line_of_text_under_it() -> None:
    assert is_sub_heading(["Avvikelser", "Granskning visar inga."])
    assert not is_sub_heading(["Avvikelser"])
    assert not is_sub_heading(["Avvikelser", "- Granskning"])


def test_paragraphs_and_lists_read_as_before() -> None:
    assert blocks("Inledning:\n- ett\n  fortsatt\n- två\n\nSista\nstycket.") == (
        Paragraph("Inledning:"),
        ItemList(("ett fortsatt", "två")),
        Paragraph("Sista stycket."),
    )
    assert _html("Inledning:\n- ett\n  fortsatt\n- två\n\nSista <stycket>.") == (
        "<p>Inledning:</p>\n<ul>\n<li>ett fortsatt</li>\n<li>två</li>\n</ul>\n<p>Sista &#60;stycket&#62;.</p>"
    )


@pytest.mark.parametrize("text", ["okänt", None])
def test_unknown_text_prints_as_uppgift_saknas(text: str | None) -> None:
    assert prose(text) == "*uppgift saknas*"


def test_a_sub_heading_is_escaped_like_any_text() -> None:
    html = _html("**Fet** <b>x</b> {: .evil }\nText under.")
    assert html.startswith('<p class="kp-subheading"><strong>&#42;&#42;Fet&#42;&#42; &#60;b&#62;x&#60;/b&#62; ')
    assert "evil" not in html.split(">", 1)[0] and 'class="evil"' not in html


def _texts(value: object) -> list[str]:
    if isinstance(value, dict):
        return [text for item in value.values() for text in _texts(item)]
    if isinstance(value, list):
        return [text for item in value for text in _texts(item)]
    return [value] if isinstance(value, str) and "\n" in value.strip() else []


def _sub_headings(decision: str) -> list[str]:
    record = yaml.safe_load((SHIPPED / "followups" / f"{decision}.yml").read_text(encoding="utf-8"))
    return [block.text for text in _texts(record) for block in blocks(text) if isinstance(block, SubHeading)]


def test_the_seed_decisions_sub_headings_are_found_and_nothing_else() -> None:
    """In the seed decision each of these stands on a line of its own above its text (the issue:
    "Avvikelser" ran into the next sentence); no other line of the seeds is a sub-heading."""
    assert _sub_headings("kvalitetsservice-voo-1905-2023") == [
        "Rutin ”Avvikelse, klagomål och synpunkter",
        "Avvikelser",
        "Klagomål och synpunkter",
        "Genomförandeplaner",
        "Social dokumentation",
    ]
    assert _sub_headings("sov-881-2022") == []


# --- one rule for the page, the open data and the diff -------------------------

TRICKY = [
    "Ett stycke.\n\n\n\nEtt till.",
    "Ett stycke.\n   \n\t\nEtt till.",
    "\n\nText med blanka rader före och efter.\n\n\n",
    "Avvikelser\nGranskningen visar inga avvikelser.\n\n- en punkt\n  som fortsätter\n- två",
    "Inledning:\n- ett\n- två\nfortsätter två\n\n\n\nSlut.",
    "  Indraget stycke\n  på två rader.  \n\n\n- punkt\n\n\n- en annan lista",
]
_UNIT = re.compile(r"<(p|li)\b[^>]*>(.*?)</\1>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def _page_units(text: str) -> list[str]:
    """The paragraphs, sub-headings and list items a reader sees on the page, in order."""
    return [html.unescape(_TAG.sub("", inner)).strip() for _, inner in _UNIT.findall(_html(text))]


def _open_data_units(text: str) -> list[str]:
    """The same as a reader of the open data sees them: groups apart by a blank line, then one
    line each. A run of blank lines left in the open data reads as an empty paragraph."""
    written = plain_text(text)
    lines = [line for group in written.split("\n\n") for line in group.split("\n")]
    return [line.removeprefix("- ") for line in lines]


def _diff_units(text: str) -> list[str]:
    """The same as the requirement diff compares them: the words between its breaks."""
    units = " ".join(tokens(text)).split(f" {BREAK} ")
    return [unit.removeprefix("- ") for unit in units]


@pytest.mark.parametrize("text", TRICKY)
def test_the_page_the_open_data_and_the_diff_read_a_text_alike(text: str) -> None:
    """A second reading of the text rule anywhere (runs of blank lines kept in the open data, a
    sub-heading run into its paragraph in the diff) makes one of these differ from the page."""
    page = _page_units(text)
    assert page
    assert _open_data_units(text) == page
    assert _diff_units(text) == page
    assert blocks(plain_text(text)) == blocks(text)


def test_a_run_of_blank_lines_is_one_paragraph_break_everywhere() -> None:
    assert blocks("Ett.\n\n\n\nTvå.") == (Paragraph("Ett."), Paragraph("Två."))
    assert plain_text("Ett.\n\n \n\nTvå.") == "Ett.\n\nTvå."


def test_the_open_data_keep_a_sub_heading_on_its_own_line_and_a_list_with_its_paragraph() -> None:
    assert plain_text("Avvikelser\nInga avvikelser\nhar rapporterats.\n\nRutinen:\n- ett\n  fortsatt\n- två") == (
        "Avvikelser\nInga avvikelser har rapporterats.\n\nRutinen:\n- ett fortsatt\n- två"
    )
