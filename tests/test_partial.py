"""Partial copies: a decision whose published copy is incomplete says so, its unknown text is the
marker okänt, and no page, CSV row, feed entry, badge or chart says more than the record.

The fixture tests/fixtures/partial is the minimal tree plus Hemtjänst Norr AB's decision
hemtjanst-norr-2024: three areas legible, all three not met, a heading cut off mid-word, and
the introduction, two assessments and actions, the decision text and the signatory unknown.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.charts import share_chart
from generator.derive import Portal, derive
from generator.derive.counts import OutcomeCounts
from generator.derive.provider_page import ProviderPage
from generator.derive.views import FollowUpView, ProviderView, Share
from generator.exports import open_data
from generator.feeds import badge, summary
from generator.model import Status
from generator.pipeline import check
from generator.render import render
from tests.conftest import AS_OF, Tree
from tests.open_data import table_of
from tests.tables import table_rows

PARTIAL = Path(__file__).parent / "fixtures" / "partial"
DECISION = "followups/hemtjanst-norr-2024.yml"
SENTENCE = "Minst 3 krav uppfylldes inte; övriga områden framgår inte av den publicerade kopian."
COPY = (
    "Den publicerade kopian av beslutet är ofullständig: Sidorna 3–5 saknas i den publicerade kopian;"
    " bara tre områden går att läsa."
)
OVERSTATEMENTS = ("0 av 3", "Bedömda krav 3", "| 0 | 3 |", "0 %")


@pytest.fixture(scope="module")
def portal() -> Portal:
    checked = check(PARTIAL, AS_OF)
    assert checked.problems == ()
    return derive(checked.dataset, AS_OF)


@pytest.fixture(scope="module")
def pages(portal: Portal) -> dict[str, str]:
    return render(portal)


def _followup(portal: Portal) -> FollowUpView:
    return next(f for f in portal.followups if f.record.id == "hemtjanst-norr-2024")


def _provider(portal: Portal) -> ProviderView:
    return next(p for p in portal.providers if p.record.id == "hemtjanst-norr")


def test_the_counts_say_at_least_and_that_the_rest_is_unknown(portal: Portal) -> None:
    followup = _followup(portal)
    assert followup.tally == OutcomeCounts(not_met=3, complete=False)
    assert not followup.tally.shareable
    assert followup.assessment_sentence == SENTENCE


@pytest.mark.parametrize(
    ("counts", "result", "sentence"),
    [
        (OutcomeCounts(met=2, not_met=1), False, "2 av 3 krav uppfylldes."),
        (
            OutcomeCounts(met=2, not_met=3, complete=False),
            False,
            "Minst 2 krav uppfylldes och minst 3 krav uppfylldes inte;"
            " övriga områden framgår inte av den publicerade kopian.",
        ),
        (
            OutcomeCounts(not_met=1, unknown=2, complete=False),
            False,
            "Minst 1 krav uppfylldes inte; för 2 krav framgår inte bedömningen av kopian;"
            " övriga områden framgår inte av den publicerade kopian.",
        ),
        (
            OutcomeCounts(remedied=1, remains=1, complete=False),
            True,
            "Minst 1 tidigare brist bedömdes som åtgärdad och minst 1 tidigare brist bedömdes som kvarstående;"
            " övriga tidigare brister framgår inte av den publicerade kopian.",
        ),
        (OutcomeCounts(remedied=2), True, "2 av 2 tidigare brister bedömdes som åtgärdade."),
    ],
)
def test_sentences_for_every_kind_of_count(counts: OutcomeCounts, result: bool, sentence: str) -> None:
    assert counts.sentence(result) == sentence


def test_decision_page_says_the_copy_is_partial_and_keeps_the_cut_off_heading(pages: dict[str, str]) -> None:
    page = pages["beslut/hemtjanst-norr-2024.md"]
    assert f"**Ofullständig kopia.** {COPY}" in page
    assert f"\n{SENTENCE}\n" in page
    assert "## Inledning\n\n*uppgift saknas*\n" in page
    assert "## Beslut\n\n*uppgift saknas*\n" in page
    assert "#### 3.10 Hygien och förbruknings { #krav-hygien }" in page
    assert "**Bedömning**\n{: .kp-label }\n\n*uppgift saknas*" in page
    assert "**Åtgärd**\n{: .kp-label }\n\n*uppgift saknas*" in page
    assert "## Underskrift\n\n*uppgift saknas*  \nAvtalscontroller  \n" in page
    assert "Av de områden som kopian visar uppfyller utföraren inte följande kvalitetskrav" in page
    assert "Bedömningen är att utföraren brister inom" not in page
    assert "okänt" not in page
    assert not any(claim in page for claim in OVERSTATEMENTS)


def test_provider_page_summary_share_and_timeline(pages: dict[str, str]) -> None:
    page = pages["utforare/hemtjanst-norr.md"]
    assert (
        "Vid den senaste uppföljningen (1 mars 2024): minst 3 krav uppfylldes inte;"
        " övriga områden framgår inte av den publicerade kopian.\n"
    ) in page
    assert f"\n{COPY}\n" in page
    assert "· minst 3 × " in page
    assert "· ofullständig kopia, övriga områden framgår inte" in page
    assert (
        "Andelen uppfyllda krav efter beslutet den 1 mars 2024 är okänd: den publicerade kopian är ofullständig."
    ) in page
    assert "kp-chart" not in page, "one decision: no chart of one bar"
    assert (
        "[Uppföljning av kvalitetskrav – Hemtjänst Norr AB](/beslut/hemtjanst-norr-2024.md) (1 mars 2024) är en"
        " ofullständig kopia, och inget senare beslut följer upp alla krav: krav som kopian inte visar kan ha"
        " bedömts där, så för dem är den senaste bedömningen okänd."
    ) in page
    assert not any(claim in page for claim in OVERSTATEMENTS)


def test_comparison_tells_unknown_from_not_assessed(portal: Portal, pages: dict[str, str]) -> None:
    page = pages["jamforelse/index.md"]
    rows = {row["Utförare"]: row for row in table_rows(page)}
    norr, omsorg = rows["[Hemtjänst Norr AB](/utforare/hemtjanst-norr.md)"], rows["[Omsorg AB](/utforare/omsorg-ab.md)"]
    # Samverkan: no decision assessed it. The partial copy may have: unknown, not "–".
    assert norr["Samverkan"] == (
        '[<span class="kp-status kp-status--unknown">Framgår inte av kopian</span>](/beslut/hemtjanst-norr-2024.md)'
    )
    assert (omsorg["Egenkontroller"], omsorg["Samverkan"]) == ("–", "–")
    assert "”Framgår inte av kopian” betyder att\nbedömningen är okänd" in page
    cells = next(p for p in portal.comparisons if p.page == "jamforelse/index.md").listing.items[0].cells
    assert [c.status for c in cells] == [Status.NOT_MET, Status.NOT_MET, Status.NOT_MET, Status.UNKNOWN]


def test_statistics_leave_partial_copies_out_of_shares_and_count_them(pages: dict[str, str]) -> None:
    page = pages["statistik/index.md"]
    rows = table_rows(page)
    assert {
        "Utförare": "[Hemtjänst Norr AB](/utforare/hemtjanst-norr.md)",
        "Uppfyllda eller åtgärdade krav": "okänd (ofullständig kopia)",
        "Efter beslut": "Uppföljning, 1 mars 2024",
    } in rows
    assert "För 1 utförare är det senaste beslutet en ofullständig kopia" in page
    hygien = {  # only the partial copy
        "År": "2024",
        "Uppfyllda eller åtgärdade krav": "okänd (ofullständig kopia)",
        "Ingår inte i andelen": "1 bedömning ur ofullständiga kopior",
    }
    management = {  # Omsorg's remedied finding, in one decision; two left out
        "År": "2024",
        "Uppfyllda eller åtgärdade krav": "1 av 1 bedömda krav i 1 beslut; ingen andel anges för ett enda beslut",
        "Ingår inte i andelen": "2 bedömningar ur ofullständiga kopior",
    }
    assert hygien in rows and management in rows


def test_decision_list_says_at_least(pages: dict[str, str]) -> None:
    row = next(row for row in table_rows(pages["beslut/index.md"]) if "hemtjanst-norr-2024" in row["Beslut"])
    assert row["Bedömning"] == (
        'minst 3 × <span class="kp-status kp-status--not_met">Uppfyller inte kravet</span>'
        " · ofullständig kopia, övriga områden framgår inte"
    )


def test_badge_says_only_that_a_requirement_was_not_met(portal: Portal) -> None:
    svg = badge(_provider(portal))
    title = "Kvalitetsportalen – Hemtjänst Norr AB: Brister – åtgärder krävs (senaste beslut 1 mars 2024)"
    assert f"<title>{title}</title>" in svg


def test_badge_of_a_partial_copy_without_known_deficiency_does_not_say_none_are_known(tmp_path: Path) -> None:
    tree = Tree(tmp_path / "data")
    shutil.copytree(PARTIAL, tree.root)
    text = tree.path(DECISION).read_text(encoding="utf-8")
    tree.write(DECISION, text.replace("status: not_met", "status: unknown").replace("action_plan_required", "closed"))
    checked = check(tree.root, AS_OF)
    assert checked.problems == ()
    portal = derive(checked.dataset, AS_OF)
    provider = _provider(portal)
    assert "Hemtjänst Norr AB: Läget framgår inte av kopian (senaste beslut 1 mars 2024)</title>" in badge(provider)
    assert _followup(portal).assessment_sentence == (
        "För 3 krav framgår inte bedömningen av kopian; övriga områden framgår inte av den publicerade kopian."
    )


def test_feed_entry(portal: Portal) -> None:
    text = summary(_followup(portal))
    assert f"Bedömning: {SENTENCE}" in text
    assert "Uppfyller inte kravet: 3" not in text


def test_csv_rows(portal: Portal) -> None:
    files = dict(open_data(portal, ""))
    decisions = {row["id"]: row for row in table_of(files, "beslut")}
    row = decisions["hemtjanst-norr-2024"]
    assert (row["copy_complete"], row["met"], row["not_met"], row["unknown"]) == ("false", "0", "3", "0")
    assert row["copy_missing"] == "Sidorna 3–5 saknas i den publicerade kopian; bara tre områden går att läsa"
    assert row["signed_by"] == "okänt"
    assert decisions["omsorg-ab-2023"]["copy_complete"] == "true"
    assert decisions["omsorg-ab-2023"]["copy_missing"] == ""
    rows = table_of(files, "utfall")
    outcomes = [r for r in rows if r["decision_id"] == "hemtjanst-norr-2024"]
    assert [(r["requirement_id"], r["status"], r["assessment"]) for r in outcomes] == [
        ("hygien", "not_met", "okänt"),
        ("dokumentation", "not_met", "Granskningen visar brister i genomförandeplanerna."),
        ("egenkontroller", "not_met", "okänt"),
    ]


def test_chart_gives_no_share_over_a_partial_copy() -> None:
    shares = [Share("Uppföljning, 2022", 1, 4), Share("Uppföljning, 2023", 2, 3)]
    chart = str(share_chart("x", "Andel", [*shares, Share("Uppföljning, 1 mars 2024", 0, 3, complete=False)]))
    assert "Uppföljning, 1 mars 2024: okänd (ofullständig kopia)" in chart
    assert 'class="kp-chart__bar" x="0" y="112" width="0"' in chart
    assert "0 %" not in chart and "0 av 3" not in chart


def test_the_marker_in_a_complete_record_is_a_problem_to_fill_in(tmp_path: Path) -> None:
    tree = Tree(tmp_path / "data")
    shutil.copytree(PARTIAL, tree.root)
    tree.replace(
        DECISION,
        "published_copy:\n  complete: false\n"
        "  missing: Sidorna 3–5 saknas i den publicerade kopian; bara tre områden går att läsa\n",
        "",
    )
    problems = check(tree.root, AS_OF).problems
    found = [(p.line, p.message) for p in problems]
    assert found == [
        (10, "`introduction` är okänt, men beslutet säger inte att kopian är ofullständig"),
        (16, "`outcomes.assessment` är okänt, men beslutet säger inte att kopian är ofullständig"),
        (17, "`outcomes.required_action` är okänt, men beslutet säger inte att kopian är ofullständig"),
        (26, "`outcomes.assessment` är okänt, men beslutet säger inte att kopian är ofullständig"),
        (27, "`outcomes.required_action` är okänt, men beslutet säger inte att kopian är ofullständig"),
        (30, "`decision.text` är okänt, men beslutet säger inte att kopian är ofullständig"),
        (35, "`signed_by.name` är okänt, men beslutet säger inte att kopian är ofullständig"),
    ]
    assert all("published_copy: {complete: false" in p.hint for p in problems)


def test_a_partial_copy_must_say_what_is_missing(tmp_path: Path) -> None:
    tree = Tree(tmp_path / "data")
    shutil.copytree(PARTIAL, tree.root)
    tree.replace(
        DECISION, "  missing: Sidorna 3–5 saknas i den publicerade kopian; bara tre områden går att läsa\n", ""
    )
    (problem,) = check(tree.root, AS_OF).problems
    assert problem.message == "kopian är ofullständig men det står inte vad som saknas"


LATER_PARTIAL = """\
id: omsorg-ab-2024-partiell
kind: follow_up
date: 2024-05-20
provider: omsorg-ab
basis: {kind: contract, number: Voo 1/2023}
published_copy: {complete: false, missing: Bara sidan om dokumentation finns i kopian}
issuer: {organisation: Exempel kommun, unit: Enheten för uppföljning}
introduction: okänt
outcomes:
  - requirement: dokumentation
    requirement_version: v1
    status: STATUS
    assessment: okänt
    required_action: okänt
decision: {outcome: OUTCOME, text: okänt}
signed_by: {name: okänt, title: okänt}
"""


@pytest.mark.parametrize(
    ("status", "outcome", "standing"),
    [
        ("not_met", "action_plan_required", "Brister – åtgärder krävs"),
        ("met", "closed", "Läget framgår inte av kopian"),
    ],
)
def test_a_later_partial_copy_makes_earlier_statuses_of_other_requirements_unknown(
    tmp_path: Path, status: str, outcome: str, standing: str
) -> None:
    tree = Tree(tmp_path / "data")
    shutil.copytree(PARTIAL, tree.root)
    text = LATER_PARTIAL.replace("STATUS", status).replace("OUTCOME", outcome)
    if status == "met":
        text = text.replace("    required_action: okänt\n", "")
    tree.write("followups/omsorg-ab-2024-partiell.yml", text)
    checked = check(tree.root, AS_OF)
    assert checked.problems == ()
    portal = derive(checked.dataset, AS_OF)
    omsorg = next(p for p in portal.providers if p.record.id == "omsorg-ab")
    assert omsorg.standing.value in ("actions_required", "incomplete_copy")
    assert f"Omsorg AB: {standing} (senaste beslut " in badge(omsorg)
    assert omsorg.current_share is not None and not omsorg.current_share.complete
    page = render(portal)["jamforelse/index.md"]
    row = next(row for row in table_rows(page) if row["Utförare"].startswith("[Omsorg AB]"))
    hygien = row["Hygien"]  # the 2023 "met" is no longer the latest known: the partial copy may have assessed it
    assert "kp-status--unknown" in hygien and "omsorg-ab-2024-partiell" in hygien


def test_an_action_whose_later_assessment_is_unknown_is_followed_up_not_remedied(tmp_path: Path) -> None:
    tree = Tree(tmp_path / "data")
    shutil.copytree(PARTIAL, tree.root)
    tree.replace("followups/omsorg-ab-2024.yml", "status: remedied", "status: unknown")
    tree.replace(
        "followups/omsorg-ab-2024.yml",
        "follows_up: omsorg-ab-2023\n",
        "follows_up: omsorg-ab-2023\npublished_copy: {complete: false, missing: Bedömningsöversikten saknas}\n",
    )
    checked = check(tree.root, AS_OF)
    assert checked.problems == ()
    portal = derive(checked.dataset, AS_OF)
    (action,) = [a for a in portal.actions if a.finding.followup.id == "omsorg-ab-2023"]
    assert action.state.value == "followed_up"
    result = next(f for f in portal.followups if f.record.id == "omsorg-ab-2024")
    assert result.assessment_sentence == (
        "För 1 tidigare brist framgår inte bedömningen av kopian;"
        " övriga tidigare brister framgår inte av den publicerade kopian."
    )
    omsorg = next(p for p in portal.providers if p.record.id == "omsorg-ab")
    assert isinstance(omsorg, ProviderPage)
    assert omsorg.summary[0] == (
        "Vid resultatuppföljningen (2 maj 2024): för 1 tidigare brist framgår inte bedömningen av kopian;"
        " övriga tidigare brister framgår inte av den publicerade kopian."
    )


def test_a_result_follow_up_may_assess_what_a_partial_earlier_copy_does_not_show(tmp_path: Path) -> None:
    tree = Tree(tmp_path / "data")
    shutil.copytree(PARTIAL, tree.root)
    tree.write(
        "followups/hemtjanst-norr-2024-resultat.yml",
        """\
id: hemtjanst-norr-2024-resultat
kind: result_follow_up
date: 2024-05-30
provider: hemtjanst-norr
follows_up: hemtjanst-norr-2024
issuer: {organisation: Exempel kommun, unit: Enheten för uppföljning}
introduction: Enheten har gjort en resultatuppföljning.
outcomes:
  - requirement: samverkan
    requirement_version: v1
    status: remedied
    assessment: Bristen i samverkan är åtgärdad.
decision: {outcome: closed, text: Uppföljningen avslutas.}
signed_by: {name: Bo Controller, title: Avtalscontroller}
""",
    )
    assert check(tree.root, AS_OF).problems == ()
    tree.replace(DECISION, "complete: false", "complete: true")
    tree.replace(
        DECISION, "  missing: Sidorna 3–5 saknas i den publicerade kopian; bara tre områden går att läsa\n", ""
    )
    messages = [p.message for p in check(tree.root, AS_OF).problems]
    assert "kravet `samverkan` hade ingen brist i hemtjanst-norr-2024" in messages
