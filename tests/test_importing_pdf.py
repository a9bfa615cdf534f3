"""A decision PDF read back as the decision's text (generator/importing/pdf.py and pages.py).

The seed texts are printed to PDF in Chromium (tests/pdfs.py: A4, a running header, "Sida N av
M"), and what the importer extracts from them must be the text itself, paragraph breaks and
all: the parser then reads the same text from a PDF as from the text. Files it cannot read are
refused with one Swedish line that says why.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader, PdfWriter

from generator.importing import pdf
from generator.importing.pages import Page, document_text, text_pages
from tests import pdfs

SEEDS = Path(__file__).parent / "seeds"
LONG_SEED = "000_kvalitetsservice.txt"
SHORT_SEED = "001_sov-881-2022.txt"
PAGE_NUMBER = re.compile(r"Sida \d+ av \d+")


def seed(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


def header_for(name: str) -> str:
    return pdfs.running_header(seed(name))


def first_difference(expected: list[str], got: list[str]) -> str | None:
    for number, (wanted, found) in enumerate(zip(expected, got, strict=False), 1):
        if wanted != found:
            return f"line {number}: expected {wanted!r}, extracted {found!r}"
    if len(expected) != len(got):
        line = min(len(expected), len(got)) + 1
        return f"{len(expected)} lines expected, {len(got)} extracted: the first extra or missing is line {line}"
    return None


def printed_seed(printer: Any, name: str, folder: Path) -> tuple[Page, ...]:
    text = seed(name)
    return pdf.extract_pages(pdfs.print_text(printer, text, folder / f"{name}.pdf"))


# --- the seeds, printed and read back ----------------------------------------------------------


@pytest.mark.parametrize("name", [LONG_SEED, SHORT_SEED])
def test_a_printed_seed_reads_as_its_text(printer: Any, tmp_path: Path, name: str) -> None:
    extracted = pdfs.comparable(document_text(printed_seed(printer, name, tmp_path)))
    expected = pdfs.comparable(document_text(text_pages(seed(name))))
    difference = first_difference(expected, extracted)
    assert difference is None, difference


@pytest.mark.parametrize("name", [LONG_SEED, SHORT_SEED])
def test_page_numbers_and_the_running_header_are_gone(printer: Any, tmp_path: Path, name: str) -> None:
    """The long seed's pages after the first carry the unit's name, the short seed's page 2 its
    letterhead, which its first page prints as its first line: that one stays."""
    pages = printed_seed(printer, name, tmp_path)
    header = header_for(name)
    in_text = 1 if name == SHORT_SEED else 0
    assert header == (pdfs.RUNNING_HEADER if name == LONG_SEED else "ÖREBRO KOMMUN 2022-05-16 Sov 881/2022")
    printed = [line.strip() for page in pages for line in page.lines]
    assert len(pages) >= 2
    assert sum(PAGE_NUMBER.fullmatch(line) is not None for line in printed) == len(pages)
    assert printed.count(header) == len(pages) - 1 + in_text

    text = [line.strip() for line in document_text(pages).splitlines()]
    assert not [line for line in text if PAGE_NUMBER.fullmatch(line)]
    assert text.count(header) == in_text


def test_the_first_pages_letterhead_stays(printer: Any, tmp_path: Path) -> None:
    head = header_for(SHORT_SEED)
    assert head == "ÖREBRO KOMMUN 2022-05-16 Sov 881/2022"
    assert document_text(printed_seed(printer, SHORT_SEED, tmp_path)).splitlines()[0].strip() == head


# --- what a word processor's PDF holds --------------------------------------------------------


def test_space_after_a_paragraph_is_a_paragraph_break(printer: Any, tmp_path: Path) -> None:
    """A word processor separates paragraphs by space after them (8 pt at 11 pt, lines 1.15
    apart), not by blank lines; the lines of one paragraph stay together."""
    style = "@page { size: A4; margin: 25mm } body { font: 11pt/1.15 'Liberation Sans' } p { margin: 0 0 8pt }"
    paragraphs = ("Första stycket, rad ett<br>och rad två.", "Andra stycket.", "Tredje stycket<br>på två rader.")
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    page = f"<!doctype html><meta charset='utf-8'><style>{style}</style>{body}"
    pages = pdf.extract_pages(pdfs.print_html(printer, page, tmp_path / "stycken.pdf"))
    assert document_text(pages).splitlines() == [
        "Första stycket, rad ett",
        "och rad två.",
        "",
        "Andra stycket.",
        "",
        "Tredje stycket",
        "på två rader.",
    ]


def test_a_two_column_table_reads_cell_by_cell(printer: Any, tmp_path: Path) -> None:
    """The decisions print "Krav som följs upp" and "Underlag till bedömning" side by side; the
    parser reads each column's lines whole and in order, the left cell's before the right's, as
    in the seeds' text ("Krav som följs upp Underlag till bedömning" on one line)."""
    heads = ("Krav som följs upp", "Underlag till bedömning")
    left = ("Utföraren ska ha en rutin som beskriver:", "Hur daglig samverkan sker")
    right = ("Inkommen rutin:", "Samverkan.PDF")
    printed = pdfs.print_html(printer, pdfs.columns_html(heads, left, right), tmp_path / "tabell.pdf")
    lines = [line for line in document_text(pdf.extract_pages(printed)).splitlines() if line]
    assert lines == [" ".join(heads), *left, *right]


def test_word_processor_bullets_and_swedish_letters_survive(tmp_path: Path) -> None:
    items = ("Granska inkomna rutiner", "Åtgärdsplan för öppna ärenden")
    pages = pdf.extract_pages(pdfs.bullet_pdf(tmp_path / "punkter.pdf", items))
    assert [line for page in pages for line in page.lines] == [f"{pdfs.WORD_BULLET} {item}" for item in items]


# --- refusals -----------------------------------------------------------------------------


def refusal(path: Path) -> str:
    with pytest.raises(pdf.Unreadable) as refused:
        pdf.extract_pages(path)
    reason = refused.value.reason
    assert reason == str(refused.value)
    assert "\n" not in reason
    return reason


def test_a_file_that_is_no_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "beslut.pdf"
    path.write_text("ÖREBRO KOMMUN 2022-05-16 Sov 881/2022\n", encoding="utf-8")
    assert refusal(path) == "filen är ingen PDF"


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    assert refusal(tmp_path / "saknas.pdf") == pdf.UNOPENED


def test_a_damaged_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "skadad.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R >>\n" + bytes(range(256)) * 4)
    assert refusal(path) == pdf.DAMAGED


def encrypted(tmp_path: Path, user_password: str) -> Path:
    writer = PdfWriter(clone_from=PdfReader(pdfs.bullet_pdf(tmp_path / "punkter.pdf", ("Punkt",))))
    writer.encrypt(user_password=user_password, owner_password="ägaren", algorithm="RC4-128")
    path = tmp_path / "krypterad.pdf"
    writer.write(path)
    return path


def test_an_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    reason = refusal(encrypted(tmp_path, user_password="hemligt"))
    assert reason == pdf.ENCRYPTED
    assert reason.startswith("PDF:en är krypterad; ")


def test_a_pdf_that_only_restricts_copying_is_read(tmp_path: Path) -> None:
    """Encrypted with an owner password only, a PDF opens without one: its text is read."""
    pages = pdf.extract_pages(encrypted(tmp_path, user_password=""))
    assert pages == (Page((f"{pdfs.WORD_BULLET} Punkt",)),)


def test_a_pdf_without_text_is_refused(printer: Any, tmp_path: Path) -> None:
    """A scanned decision is pictures of pages; an SVG shape stands in for the picture."""
    page = "<!doctype html><svg width='400' height='300'><rect width='380' height='280' fill='#345'/></svg>"
    reason = refusal(pdfs.print_html(printer, page, tmp_path / "skannad.pdf"))
    assert reason == pdf.NO_TEXT
    assert reason.startswith("PDF:en har ingen text (en inskannad bild?); ")


# --- pages.py: the page furniture and the joins ------------------------------------------------


def pages(*texts: str) -> tuple[Page, ...]:
    return tuple(Page(tuple(text.split("\n"))) for text in texts)


@pytest.mark.parametrize("number", ["1", "Sida 2 av 5", "sida 2 av 5", "2 (5)", "2/5", "- 2 -", "– 3 –", "  12  "])
def test_a_page_number_at_the_top_or_foot_goes(number: str) -> None:
    assert document_text(pages(f"{number}\nFörsta raden.\nAndra raden.")) == "Första raden.\nAndra raden."
    assert document_text(pages(f"Första raden.\nAndra raden.\n\n{number}")) == "Första raden.\nAndra raden."


def test_a_number_inside_the_text_stays() -> None:
    text = "Antal kunder:\nInledning\n60\nsom får insatser\nvarje vecka.\nSlut."
    assert document_text(pages(text)) == text


def test_a_running_header_and_footer_go_from_every_page_after_the_first() -> None:
    found = document_text(
        pages(
            "ÖREBRO KOMMUN 2022-05-16 Sov 881/2022\nBeslut\nText ett.\nEnheten för uppföljning\n1 (3)",
            "ÖREBRO  KOMMUN 2022-05-16 Sov 881/2022\nText två.\nEnheten för uppföljning\n2 (3)",
            "ÖREBRO KOMMUN 2022-05-16 Sov 881/2022\n\nText tre.\n\nEnheten för uppföljning\n3 (3)",
        )
    )
    assert found.splitlines() == [
        "ÖREBRO KOMMUN 2022-05-16 Sov 881/2022",
        "Beslut",
        "Text ett.",
        "Enheten för uppföljning",
        "",
        "Text två.",
        "",
        "Text tre.",
    ]


def test_a_line_at_the_top_of_only_some_pages_stays() -> None:
    found = document_text(
        pages("Inledning\nText ett.", "Bedömning\nText två.", "Åtgärd\nText tre.", "Bedömning\nSlut.")
    )
    assert found.count("Bedömning") == 2


def test_a_header_on_later_pages_only_goes_when_it_repeats() -> None:
    """The first page carries the letterhead; the header on the pages after it still repeats."""
    found = document_text(pages("Beslut\nText ett.", "Uppföljning\nText två.", "Uppföljning\nText tre."))
    assert found.splitlines() == ["Beslut", "Text ett.", "", "Text två.", "", "Text tre."]


def test_a_two_page_document_keeps_the_first_line_of_its_second_page() -> None:
    assert document_text(pages("Beslut\nText ett.", "Bedömning\nText två.")).count("Bedömning") == 1


@pytest.mark.parametrize(
    ("last", "first", "joined"),
    [
        ("genomförandeplaner i Treserva mellan 2022-11-01 och 2023-", "11-01 visar att", True),
        ("Bedömningen är att ni inte", "uppfyller kraven.", True),
        ("Bedömningen är att ni inte uppfyller kraven.", "Åtgärd", False),
        ("Bedömningen är att ni inte uppfyller kraven.", " Ni ska inkomma", False),
        ("sida ett slutar", " och nästa fortsätter", True),
    ],
)
def test_a_page_break_is_a_paragraph_break_unless_the_text_runs_on(last: str, first: str, joined: bool) -> None:
    found = document_text(pages(f"Rubrik\n{last}", f"{first}\nSlut."))
    assert found == "\n".join(["Rubrik", last, *([] if joined else [""]), first, "Slut."])


def test_lines_keep_their_words_and_lose_trailing_space_only() -> None:
    found = document_text(pages(" Inledning  \n \nEnheten för  uppföljning \n\n\n \nSlut. "))
    assert found == " Inledning\n\nEnheten för  uppföljning\n\nSlut."


def test_text_pages_splits_pdftotext_output_on_form_feeds() -> None:
    assert text_pages("Sida ett\nText.\f2\nText två.\n\f") == (Page(("Sida ett", "Text.")), Page(("2", "Text två.")))
    assert text_pages("Utan sidbrytning \n \n") == (Page(("Utan sidbrytning", "")),)
