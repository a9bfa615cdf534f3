"""The record as printed: basis (contract or agreement), provider kind and facts, case numbers
and dates as printed, names as printed, and requirement versions whose text is unknown.

The fixture tests/fixtures/printed holds one decision of each of these shapes: an agreement
with a programme board, a municipal provider, an upper-case case number, a six-digit printed
date, a heading that names an area more narrowly than its requirement (cut off mid-word) and a
requirement version without known text.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from generator.derive import derive
from generator.derive.counts import OutcomeCounts
from generator.derive.printed import (
    announced_words,
    basis_words,
    date_words,
    demand_words,
    demands_note,
    facts_sentence,
    identity_words,
    result_words,
    subject_words,
)
from generator.derive.provider_page import ProviderPage
from generator.derive.views import Portal
from generator.exports import open_data
from generator.feeds import syndication
from generator.model import (
    Basis,
    BasisKind,
    Deadline,
    DeadlineKind,
    Decision,
    DecisionOutcome,
    ProviderFacts,
    case_number_key,
)
from generator.pipeline import check
from generator.render import render
from tests.conftest import AS_OF, Tree
from tests.open_data import json_of, table_of, text_of
from tests.tables import table_rows

PRINTED = Path(__file__).parent / "fixtures" / "printed"
DECISION = "followups/hemtjansten-norr-2021.yml"


@pytest.fixture
def printed_tree(tmp_path: Path) -> Tree:
    root = tmp_path / "data"
    shutil.copytree(PRINTED, root)
    return Tree(root)


def _portal(root: Path = PRINTED) -> Portal:
    checked = check(root, AS_OF)
    assert checked.problems == ()
    return derive(checked.dataset, AS_OF)


def _problems(tree: Tree) -> list[str]:
    return [f"{p.path}:{p.line}:{p.column}: {p.message}" for p in check(tree.root, AS_OF).problems]


# --- the normaliser -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "key"),
    [
        ("Sov 123/2021", "Sov 123/2021"),
        ("SOV 123/2021", "Sov 123/2021"),
        ("SoV 123/2021", "Sov 123/2021"),
        ("Voo  1905/2023", "Voo 1905/2023"),
        ("ÖVK 5/2020", "Övk 5/2020"),
    ],
)
def test_case_number_key_is_one_form_for_every_printed_form(printed: str, key: str) -> None:
    assert case_number_key(printed) == key


# --- validation -------------------------------------------------------------------------------


def test_printed_fixture_is_valid() -> None:
    assert check(PRINTED, AS_OF).problems == ()


def test_basis_matches_provider_and_version_numbers_in_any_case(printed_tree: Tree) -> None:
    """The decision prints SOV 100/2020; the provider record and one version say Sov 100/2020."""
    printed_tree.replace(DECISION, "number: SOV 100/2020", "number: Sov 100/2020")
    assert _problems(printed_tree) == []
    printed_tree.replace(DECISION, "number: Sov 100/2020", "number: SOV 101/2020")
    assert _problems(printed_tree) == [
        "data/followups/hemtjansten-norr-2021.yml:7:34: diarienumret SOV 101/2020 finns inte bland utförarens"
        " avtal och överenskommelser (Sov 100/2020)",
        "data/followups/hemtjansten-norr-2021.yml:20:26: versionen `sov-100-2020` hör till Sov 100/2020,"
        " beslutet till SOV 101/2020",
        "data/followups/hemtjansten-norr-2021.yml:25:26: versionen `sov-100-2020-tillagg` hör till SOV 100/2020,"
        " beslutet till SOV 101/2020",
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "case_number: SOV 123/2021",
            "case_number: sov 123/2021",
            "3:14: `sov 123/2021` har fel form",
        ),
        ("kind: agreement", "kind: avtal", "7:15: `avtal` är inget tillåtet värde för `kind`"),
        ('date_as_printed: "210303"', 'date_as_printed: "210304"', "5:18: det tryckta datumet 210304 (ÅÅMMDD)"),
        ("customers: 60", "customers: -1", "13:14: `customers` ska vara minst 0, fick `-1`"),
        ("staff: 30", 'staff: "30"', '14:10: `staff` ska vara ett tal, fick texten "30"'),
        ("vehicles: 4", "lorries: 4", "15:3: okänt fält `lorries`"),
    ],
)
def test_new_fields_are_explained_in_swedish_where_they_stand(
    printed_tree: Tree, old: str, new: str, expected: str
) -> None:
    printed_tree.replace(DECISION, old, new)
    problems = _problems(printed_tree)
    line_column, message = expected.split(": ", 1)
    prefix = f"data/followups/hemtjansten-norr-2021.yml:{line_column}: {message}"
    assert [p for p in problems if p.startswith(prefix)], problems


def test_provider_kind_is_municipal_or_private(printed_tree: Tree) -> None:
    printed_tree.replace("providers/hemtjansten-norr.yml", "kind: municipal", "kind: kommunal")
    assert _problems(printed_tree) == [
        "data/providers/hemtjansten-norr.yml:3:7: `kommunal` är inget tillåtet värde för `kind`"
    ]


def test_a_basis_needs_its_kind_and_may_leave_out_number_and_counterparty(printed_tree: Tree) -> None:
    printed_tree.replace(DECISION, "number: SOV 100/2020, counterparty: Programnämnd social välfärd", "")
    assert _problems(printed_tree) == []
    printed_tree.replace(DECISION, "basis: {kind: agreement, }", "basis: {number: SOV 100/2020}")
    assert _problems(printed_tree) == ["data/followups/hemtjansten-norr-2021.yml:7:8: fältet `kind` saknas"]


# --- derived views ---------------------------------------------------------------------------


def test_basis_in_words() -> None:
    agreement = Basis(kind=BasisKind.AGREEMENT, number="Sov 100/2020", counterparty="Programnämnd X")
    assert basis_words(agreement) == "Överenskommelse med Programnämnd X, Sov 100/2020"
    assert basis_words(Basis(kind=BasisKind.CONTRACT, number="Voo 1905/2023")) == "Avtal Voo 1905/2023"
    assert basis_words(Basis(kind=BasisKind.AGREEMENT)) == "Överenskommelse, diarienummer: uppgift saknas"
    assert basis_words(None) is None


def test_facts_are_dated_by_their_decision() -> None:
    import datetime as dt

    facts = ProviderFacts(customers=60, staff=30)
    assert facts_sentence(dt.date(2021, 3, 3), facts) == "Enligt beslutet den 3 mars 2021: 60 kunder, 30 medarbetare"
    assert facts_sentence(None, ProviderFacts(customers=1)) == "Enligt beslutet (beslutets datum saknas): 1 kund"
    assert facts_sentence(None, ProviderFacts()) is None


def test_names_as_printed_and_the_requirements_name_beside() -> None:
    (followup,) = _portal().followups
    names = [(o.name_as_printed, o.requirement_name_beside, o.label) for o in followup.outcomes]
    assert names == [
        ("Trygghetslarm", None, "Trygghetslarm"),  # "2.7 Trygghetslarm" only restates the name
        (
            "Dokumentation av larmmottagni",
            "Dokumentation",
            "Dokumentation av larmmottagni (kvalitetskravet Dokumentation)",
        ),
    ]
    assert [(a.area, a.titles) for a in followup.deficient_areas] == [
        ("Dokumentation", ("Dokumentation av larmmottagni (kvalitetskravet Dokumentation)",))
    ]
    assert followup.basis_words == "Överenskommelse med Programnämnd social välfärd, SOV 100/2020"
    assert followup.date_as_printed == "210303"


def test_the_seed_headings_that_restate_area_and_name_show_the_name() -> None:
    from tests.conftest import seed_dataset

    portal = derive(seed_dataset(), AS_OF)
    for followup in portal.followups:
        for outcome in followup.outcomes:
            assert outcome.requirement_name_beside is None
            assert outcome.name_as_printed == outcome.requirement.title


def test_provider_view_has_kind_bases_and_dated_facts() -> None:
    (provider,) = _portal().providers
    assert isinstance(provider, ProviderPage)
    assert provider.kind_words == "Kommunal utförare"
    assert provider.bases == ("Överenskommelse med Programnämnd social välfärd, SOV 100/2020",)
    assert [line.sentence for line in provider.facts] == [
        "Enligt beslutet den 3 mars 2021: 60 kunder, 30 medarbetare, 4 fordon, verksam i: Norr, Lillån,"
        " lokaler: Lokal på Storgatan 1"
    ]


def test_a_version_with_unknown_text_is_not_diffed() -> None:
    (requirement,) = (r for r in _portal().requirements if r.record.id == "dokumentation")
    newest, oldest = requirement.versions
    assert oldest.version.text is None
    assert newest.changes is not None
    assert newest.changes.text == ()
    assert newest.changes.text_unknown == "Kravtexten kan inte jämföras: texten är okänd för den föregående versionen."


# --- pages -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return render(_portal())


def test_decision_page_says_basis_date_and_names_as_printed(pages: dict[str, str]) -> None:
    page = pages["beslut/hemtjansten-norr-2021.md"]
    facts = '<td data-label="Uppgift" markdown>{}</td><td data-label="Värde" markdown>{}</td>'
    assert facts.format("Diarienummer", "SOV 123/2021") in page
    assert facts.format("Datum", "3 mars 2021 (tryckt: 210303)") in page
    basis = "Överenskommelse med Programnämnd social välfärd, SOV 100/2020"
    assert facts.format("Avtal eller överenskommelse", basis) in page
    subject = "Uppföljning av kvalitetskrav hos Hemtjänsten Norr enligt överenskommelse med Programnämnd social välfärd"
    assert f"{subject}, SOV 100/2020." in page
    assert "Beslutet är daterat 3 mars 2021 (tryckt: 210303)." in page
    assert "Beslut daterat 3 mars 2021 · Diarienummer SOV 123/2021" in page
    overview = '<td data-label="Kvalitetskrav" markdown>{}</td>'
    assert (
        overview.format(
            "[Dokumentation av larmmottagni](/beslut/hemtjansten-norr-2021.md#krav-dokumentation)"
            " (kvalitetskravet Dokumentation)"
        )
        in page
    )
    assert overview.format("[Trygghetslarm](/beslut/hemtjansten-norr-2021.md#krav-trygghetslarm)") in page
    assert (
        "- [Dokumentation av larmmottagni](/beslut/hemtjansten-norr-2021.md#krav-dokumentation)"
        " (kvalitetskravet Dokumentation)\n" in page
    ), "the summary names the finding as printed"
    assert (
        "Bedömningen är att utföraren brister inom följande kvalitetskrav:\n\n"
        "- Dokumentation\n"
        "    - Dokumentation av larmmottagni (kvalitetskravet Dokumentation)\n"
    ) in page
    assert "#### Dokumentation av larmmottagni { #krav-dokumentation }" in page
    assert "#### 2.7 Trygghetslarm { #krav-trygghetslarm }" in page


def test_provider_page_says_kind_basis_and_facts_as_of_their_decision(pages: dict[str, str]) -> None:
    page = pages["utforare/hemtjansten-norr.md"]
    assert "<dt>Slag av utförare</dt>\n<dd markdown>Kommunal utförare</dd>" in page
    assert (
        "<dt>Avtal eller överenskommelse</dt>\n"
        "<dd markdown>Överenskommelse med Programnämnd social välfärd, SOV 100/2020</dd>" in page
    )
    assert (
        "### Uppgifter ur besluten\n\n"
        "Uppgifterna gällde när beslutet fattades och kan ha ändrats sedan.\n\n"
        "- Enligt beslutet den 3 mars 2021: 60 kunder, 30 medarbetare, 4 fordon, verksam i: Norr, Lillån,"
        " lokaler: Lokal på Storgatan 1"
        " ([Uppföljning av kvalitetskrav – Hemtjänsten Norr](/beslut/hemtjansten-norr-2021.md)).\n"
    ) in page
    assert "- **Dokumentation av larmmottagni (kvalitetskravet Dokumentation)** · sista dag 1 maj 2021 ·" in page
    assert "[Dokumentation](/krav/dokumentation.md) · rubrik i beslutet: Dokumentation av larmmottagni</td>" in page
    assert '<td data-label="Beslutsdatum" markdown>3 mars 2021</td>' in page


def test_register_and_comparison_use_names_and_basis_as_printed(pages: dict[str, str]) -> None:
    assert (
        "- **[Dokumentation av larmmottagni](/krav/dokumentation.md)** (kvalitetskravet Dokumentation) ·"
        in (pages["atgarder/index.md"])
    )
    basis = "Överenskommelse med Programnämnd social välfärd, SOV 100/2020"
    for listing in ("jamforelse/index.md", "utforare/index.md"):
        (row,) = table_rows(pages[listing])
        assert row["Utförare"] == "[Hemtjänsten Norr](/utforare/hemtjansten-norr.md)", listing
        assert row["Avtal eller överenskommelse"] == basis, listing


def test_requirement_page_lists_headings_as_printed_and_unknown_text(pages: dict[str, str]) -> None:
    page = pages["krav/dokumentation.md"]
    assessments = [row for row in table_rows(page) if "Rubrik i beslutet" in row]
    assert [(row["Rubrik i beslutet"], row["Datum"]) for row in assessments] == [
        ("Dokumentation av larmmottagni", "3 mars 2021")
    ]
    assert "· rubriken i beslutet: Dokumentation av larmmottagni\n" in page
    assert "Kravtexten kan inte jämföras: texten är okänd för den föregående versionen.\n" in page
    assert "Kravtexten: uppgift saknas.\n" in page
    assert "## Enligt Sov 100/2020 { #version-sov-100-2020 }" in page


# --- open data and feeds -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def files() -> dict[str, str | bytes]:
    portal = _portal()
    return {**dict(open_data(portal, "")), **syndication(portal, "")}


def test_open_data_has_basis_printed_date_kind_and_names_as_printed(files: dict[str, str | bytes]) -> None:
    (decision,) = table_of(files, "beslut")
    assert {k: decision[k] for k in ("case_number", "date", "date_as_printed")} == {
        "case_number": "SOV 123/2021",
        "date": "2021-03-03",
        "date_as_printed": "210303",
    }
    assert (decision["basis_kind"], decision["basis_number"], decision["basis_counterparty"]) == (
        "agreement",
        "SOV 100/2020",
        "Programnämnd social välfärd",
    )
    (provider,) = table_of(files, "utforare")
    assert (provider["kind"], provider["contracts"]) == ("municipal", "Sov 100/2020")
    outcomes = {row["requirement_id"]: row["heading_as_printed"] for row in table_of(files, "utfall")}
    assert outcomes == {"trygghetslarm": "Trygghetslarm", "dokumentation": "Dokumentation av larmmottagni"}
    actions = [row for row in table_of(files, "atgarder") if row["requirement_id"] == "dokumentation"]
    assert [row["heading_as_printed"] for row in actions] == ["Dokumentation av larmmottagni"]
    versions = {(row["requirement_id"], row["version_id"]): row["text"] for row in table_of(files, "kravversioner")}
    assert versions["dokumentation", "sov-100-2020"] == ""
    (record,) = json_of(files, "data/beslut.json.gz")
    assert record["basis"] == {
        "kind": "agreement",
        "number": "SOV 100/2020",
        "counterparty": "Programnämnd social välfärd",
    }
    assert record["provider_facts"]["customers"] == 60


def test_feed_names_the_basis_and_the_findings_as_printed(files: dict[str, str | bytes]) -> None:
    feed = text_of(files, "feeds/beslut.xml")
    assert "Avtal eller överenskommelse: Överenskommelse med Programnämnd social välfärd, SOV 100/2020." in feed
    assert "Brister inom: Dokumentation av larmmottagni (kvalitetskravet Dokumentation)." in feed


# --- a decision page's summary in words -----------------------------------------------------


@pytest.mark.parametrize(
    ("counts", "result_follow_up", "sentence"),
    [
        (OutcomeCounts(met=6, not_met=3), False, "Utföraren uppfyllde 6 av 9 bedömda krav; 3 krav uppfylldes inte."),
        (OutcomeCounts(met=4), False, "Utföraren uppfyllde alla 4 bedömda krav."),
        (OutcomeCounts(met=1), False, "Utföraren uppfyllde 1 av 1 bedömt krav."),
        (OutcomeCounts(not_met=2), False, "Utföraren uppfyllde 0 av 2 bedömda krav; 2 krav uppfylldes inte."),
        (OutcomeCounts(remedied=2), True, "Av 2 tidigare brister bedömdes 2 som åtgärdade."),
        (
            OutcomeCounts(remedied=1, remains=2),
            True,
            "Av 3 tidigare brister bedömdes 1 som åtgärdad och 2 som kvarstående.",
        ),
        (OutcomeCounts(remains=1), True, "Av 1 tidigare brist bedömdes 0 som åtgärdade och 1 som kvarstående."),
        (
            OutcomeCounts(met=2, not_met=3, complete=False),
            False,
            "Minst 2 krav uppfylldes och minst 3 krav uppfylldes inte;"
            " övriga områden framgår inte av den publicerade kopian.",
        ),
        (
            OutcomeCounts(not_met=1, unknown=1, complete=False),
            False,
            "Minst 1 krav uppfylldes inte; för 1 krav framgår inte bedömningen av kopian;"
            " övriga områden framgår inte av den publicerade kopian.",
        ),
    ],
)
def test_the_result_in_one_sentence_never_stronger_than_the_counts(
    counts: OutcomeCounts, result_follow_up: bool, sentence: str
) -> None:
    assert result_words(counts, result_follow_up) == sentence


def _decision(outcome: DecisionOutcome, *deadlines: Deadline) -> Decision:
    return Decision(outcome=outcome, text="Beslutet.", deadlines=deadlines)


PLAN = Deadline(kind=DeadlineKind.ACTION_PLAN, date=dt.date(2024, 1, 2), send_to="uppfoljning@example.se")
DOCUMENTS = Deadline(kind=DeadlineKind.DOCUMENTS, date=dt.date(2024, 4, 1))
RESULT = Deadline(kind=DeadlineKind.RESULT_FOLLOW_UP, date=dt.date(2024, 4, 1))


def test_what_the_provider_must_do_by_when_and_what_the_decision_leaves_out() -> None:
    assert demand_words(PLAN) == "Åtgärdsplan: senast 2 januari 2024, till uppfoljning@example.se."
    assert demand_words(DOCUMENTS) == "Handlingar: senast 1 april 2024."
    assert demand_words(RESULT) is None, "the unit's to do, not the provider's"
    assert announced_words(RESULT) == "Enligt beslutet görs en resultatuppföljning efter 1 april 2024."
    assert announced_words(PLAN) is None
    required = DecisionOutcome.ACTION_PLAN_REQUIRED
    assert demands_note(_decision(required, PLAN, RESULT)) is None
    assert demands_note(_decision(required)) == "Beslutet kräver en åtgärdsplan; sista dag anges inte i beslutet."
    assert demands_note(_decision(required, DOCUMENTS)) == (
        "Beslutet kräver en åtgärdsplan; sista dag anges inte i beslutet."
    )
    assert demands_note(_decision(DecisionOutcome.CLOSED)) == (
        "Enligt beslutet avslutas uppföljningen; någon tidsfrist för utföraren anges inte i beslutet."
    )
    assert demands_note(_decision(DecisionOutcome.CLOSED, DOCUMENTS)) is None


def test_date_case_number_and_subject_in_words_say_what_is_not_given() -> None:
    (followup,) = _portal().followups
    record = followup.record
    assert date_words(record) == "Beslutet är daterat 3 mars 2021 (tryckt: 210303)."
    assert identity_words(record) == "Beslut daterat 3 mars 2021 · Diarienummer SOV 123/2021"
    assert subject_words(record, "Hemtjänsten Norr") == (
        "Uppföljning av kvalitetskrav hos Hemtjänsten Norr enligt överenskommelse med Programnämnd social välfärd,"
        " SOV 100/2020."
    )
    bare = record.model_copy(update={"date": None, "date_as_printed": None, "case_number": None, "basis": None})
    assert date_words(bare) == "Beslutets datum framgår inte av det publicerade beslutet."
    assert identity_words(bare) == (
        "Beslutets datum framgår inte av det publicerade beslutet"
        " · Diarienumret framgår inte av det publicerade beslutet"
    )
    assert subject_words(bare, None) == (
        "Uppföljning av kvalitetskrav. Utförare och avtal eller överenskommelse: uppgift saknas."
    )
    assert subject_words(bare, "Hemtjänsten Norr") == (
        "Uppföljning av kvalitetskrav hos Hemtjänsten Norr. Avtal eller överenskommelse: uppgift saknas."
    )
