"""Reading decisions that print things differently from the two seeds: other date forms, a
service in the title, an agreement instead of a contract, statuses only as symbols, words that
disagree, a partial copy. What the words do not say stays None (the draft's "att fylla i")."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.importing import prose, words
from generator.importing.figures import figures
from generator.importing.read import read
from generator.model import BasisKind, DeadlineKind, DecisionOutcome, FigureUnit, FollowUpKind, Status

AGREEMENT = """\
UPPSALA KOMMUN 16 maj 2022 SOV 123/2021
Enheten för uppföljning
Vård- och omsorgsförvaltningen

Uppföljning av kvalitetskrav – Omvårdnad och Service
Inledning
Enheten för uppföljning har följt upp kvalitetskrav i er verksamhet. Kvalitetskraven har sin
utgångspunkt i den överenskommelse som verksamheten har med Programnämnd social välfärd
Sov 100/2020. En uppföljning genomförs minst en gång vartannat år.

Hemtjänst Norr
Hemtjänst Norr är en kommunal utförare med 40 medarbetare.

Beslut
Enheten för uppföljning har identifierat brister och beslutar att utföraren ska upprätta en
åtgärdsplan som ska vara inskickad senast den 1 september 2022 till uppfoljning@uppsala.se.

Bedömning
Uppfyllda kvalitetskrav
Resultatet visar att utföraren uppfyller nedanstående kvalitetskrav.

Samverkan
Krav som följs upp Underlag till bedömning
Utföraren ska samverka.
Inkommen rutin

Bedömning
Bedömningen är att ni uppfyller kraven i avtalet.

Brister i kvalitetskrav
Resultatet visar att utföraren brister i nedanstående kvalitetskrav.

Dokumentation
Krav som följs upp
Journalen ska föras.
Bedömning
Granskning av 20 journaler mellan 2022-01-01 och 2022-03-31 visar att 45 % var aktuella.
Bedömningen är att ni uppfyller kraven.
Åtgärd
Ni ska inkomma med en åtgärdsplan.

Anna Berg
Avtalscontroller
"""


def test_a_letterhead_in_capitals_with_a_long_date_and_the_number_in_capitals() -> None:
    reading = read(AGREEMENT)
    assert reading.letterhead.case_number == "SOV 123/2021"
    assert reading.letterhead.date == dt.date(2022, 5, 16)
    assert reading.letterhead.date_as_printed == "16 maj 2022"
    assert reading.letterhead.issuer.organisation == "Uppsala kommun"
    assert reading.letterhead.issuer.department == "Vård- och omsorgsförvaltningen"
    assert (reading.kind, reading.service) == (FollowUpKind.FOLLOW_UP, "Omvårdnad och Service")


def test_an_agreement_with_its_programme_board() -> None:
    reading = read(AGREEMENT)
    assert reading.basis is not None
    assert (reading.basis.kind, reading.basis.number) == (BasisKind.AGREEMENT, "Sov 100/2020")
    assert reading.basis.counterparty == "Programnämnd social välfärd"
    assert reading.interval_years == 2
    assert reading.provider_name == "Hemtjänst Norr"


def test_words_that_disagree_leave_the_status_unknown() -> None:
    """Dokumentation is listed under "Brister" but its verdict says it meets the requirement."""
    statuses = {area.heading: area.status for area in read(AGREEMENT).areas}
    assert statuses == {"Samverkan": Status.MET, "Dokumentation": None}


def test_a_deadline_in_the_decision_and_a_figure_with_its_period_and_sample() -> None:
    reading = read(AGREEMENT)
    assert reading.decision.outcome is DecisionOutcome.ACTION_PLAN_REQUIRED
    (plan,) = reading.decision.deadlines
    assert (plan.kind, plan.date, plan.send_to) == (
        DeadlineKind.ACTION_PLAN,
        dt.date(2022, 9, 1),
        "uppfoljning@uppsala.se",
    )
    documentation = reading.areas[1]
    (figure,) = figures(documentation.assessment)
    assert (figure.value, figure.unit, figure.sample_size, figure.sample) == (45, FigureUnit.PERCENT, 20, "journaler")
    assert figure.period is not None and (figure.period.start, figure.period.end) == ("2022-01-01", "2022-03-31")


def test_statuses_shown_only_as_symbols_are_not_read() -> None:
    """Without group headings the only status is a coloured mark the text lost: unknown."""
    text = AGREEMENT.replace("Uppfyllda kvalitetskrav\n", "").replace("Brister i kvalitetskrav\n", "")
    reading = read(text)
    assert [area.status for area in reading.areas] == [None, None]


def test_a_result_follow_up_with_a_deficiency_that_remains() -> None:
    text = """\
Resultatuppföljning av kvalitetskrav
Enheten för uppföljning har följt upp bristerna.

Beslut
Enheten för uppföljning beslutar att utföraren ska upprätta en ny åtgärdsplan.

Bedömning
Kvarstående brister
Resultatuppföljningen visar att bristerna kvarstår.

2.7 Trygghetslarm
Enligt avtal ska larm dokumenteras.

Vid uppföljning av kvalitetskrav brast ni. Ni ombads inkomma med en åtgärdsplan.

Granskningen visar att inga larm dokumenterats. Bedömningen är att ni inte uppfyller kravet.

Eva Ek
Avtalscontroller
"""
    reading = read(text)
    (area,) = reading.areas
    assert (reading.kind, area.heading, area.status) == (
        FollowUpKind.RESULT_FOLLOW_UP,
        "2.7 Trygghetslarm",
        Status.REMAINS,
    )
    assert area.earlier_finding == "Vid uppföljning av kvalitetskrav brast ni."
    assert area.earlier_action == "Ni ombads inkomma med en åtgärdsplan."


def test_a_partial_copy_leaves_what_it_lacks_unknown() -> None:
    """The first page is missing: no letterhead, no title, no introduction."""
    text = AGREEMENT[AGREEMENT.index("Beslut") :]
    reading = read(text)
    assert reading.letterhead.case_number is None and reading.letterhead.date is None
    assert reading.introduction is None and reading.basis is None and reading.provider_name is None
    assert reading.kind is FollowUpKind.FOLLOW_UP  # the group headings are a follow-up's
    assert reading.signatory.name == "Anna Berg"


def test_a_text_that_is_no_decision() -> None:
    assert not read("Protokoll\n\nNärvarande: alla.\n").is_decision


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("2022-05-16", dt.date(2022, 5, 16)),
        ("210609", dt.date(2021, 6, 9)),
        ("16 maj 2022", dt.date(2022, 5, 16)),
        ("den 1 April 2024", dt.date(2024, 4, 1)),
        ("2022-02-30", None),
        ("utan datum", None),
    ],
)
def test_printed_dates(printed: str, expected: dt.date | None) -> None:
    found = words.printed_date(printed)
    assert (found[0] if found else None) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["mellan 2022-11-01 och 2023-", "11-01 visar"], "mellan 2022-11-01 och 2023-11-01 visar"),
        (["kopplat till SoL-", "avvikelser"], "kopplat till SoL-avvikelser"),
        (["genomföran-", "deplaner"], "genomförandeplaner"),
        (["hälso-", "och sjukvård"], "hälso- och sjukvård"),
        (["Klagomål/synpunkter i", "W3D3(kommunens"], "Klagomål/synpunkter i W3D3(kommunens"),
    ],
)
def test_lines_joined(lines: list[str], expected: str) -> None:
    assert prose.one_line(lines) == expected


def test_a_list_item_runs_on_across_a_blank_line_after_a_word_no_sentence_ends_on() -> None:
    lines = ["Inledning:", "", "- Granska avvikelser i", "", "Treservamodulen.", "- Granska rutiner."]
    assert prose.text(lines) == "Inledning:\n\n- Granska avvikelser i Treservamodulen.\n- Granska rutiner."
