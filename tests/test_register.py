"""The action register: one entry per required action, its listings, pages and states."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bench.generate import generate_tree
from bench.run import AS_OF
from generator.derive import Portal, derive, register
from generator.derive.views import Deliverable, RequiredAction
from generator.pipeline import check
from generator.render import render
from tests.conftest import AS_OF as SEEDS_AS_OF
from tests.conftest import MINIMAL, Tree, seed_dataset


def _portal(root: Path = MINIMAL, as_of: dt.date = dt.date(2024, 6, 1)) -> Portal:
    checked = check(root, as_of)
    assert checked.problems == ()
    return derive(checked.dataset, as_of)


def _seeds() -> Portal:
    """The shipped data with the seed decisions only: their register whatever else data/ holds."""
    return derive(seed_dataset(SEEDS_AS_OF), SEEDS_AS_OF)


def test_every_required_action_is_one_entry_with_its_resolution() -> None:
    pages = {p.page: p for p in _portal().register}
    front = pages["atgarder/index.md"]
    actions = [a for a in front.listing.items if isinstance(a, RequiredAction)]
    assert [(a.finding.followup.id, a.finding.requirement.id) for a in actions] == [("omsorg-ab-2023", "dokumentation")]
    action = actions[0]
    assert action.state == "remedied"
    assert action.resolution is not None and action.resolution.followup.id == "omsorg-ab-2024"


def test_each_date_a_whole_decision_sets_is_an_entry_by_its_due_date() -> None:
    """The minimal decision sets an action plan (2024-01-02) and a result follow-up (2024-04-01);
    both are entries, latest date first, the plan before the finding that shares its date."""
    front = {p.page: p for p in _portal().register}["atgarder/index.md"]
    assert [(a.kind, a.due.date if a.due else None) for a in front.listing.items] == [
        ("result_follow_up", dt.date(2024, 4, 1)),
        ("action_plan", dt.date(2024, 1, 2)),
        ("finding", dt.date(2024, 1, 2)),
    ]


def test_a_deliverable_is_never_remedied_only_followed_up_by_what_is_published(tree: Tree) -> None:
    portal = _portal()
    states = {d.kind: d.state for d in portal.entries if isinstance(d, Deliverable)}
    assert states == {"action_plan": "followed_up", "result_follow_up": "followed_up"}
    text = render(portal)["atgarder/hela-beslutet/index.md"]
    assert "Läge: resultatuppföljningen är publicerad: [Resultatuppföljning" in text
    assert "åtgärdad" not in text.split('<div class="kp-actions" markdown>')[1]
    (tree.root / "followups" / "omsorg-ab-2024.yml").unlink()
    before = {d.kind: d.state for d in _portal(tree.root, dt.date(2024, 2, 1)).entries if isinstance(d, Deliverable)}
    assert before == {"action_plan": "due_passed", "result_follow_up": "open"}
    text = render(_portal(tree.root, dt.date(2024, 2, 1)))["atgarder/index.md"]
    assert "genomförs efter 1 april 2024  \n  Läge: datumet har inte passerat." in text


def test_the_seed_decisions_1_april_2024_deliverables_are_in_the_register_linked_to_their_items() -> None:
    pages = {p.page: p for p in _seeds().register}
    whole = pages["atgarder/hela-beslutet/index.md"].listing.items
    assert [(d.kind, d.due.date if d.due else None) for d in whole] == [
        ("documents", dt.date(2024, 4, 1)),
        ("result_follow_up", dt.date(2024, 4, 1)),
        ("action_plan", dt.date(2024, 1, 2)),
    ]
    documents = whole[0]
    assert isinstance(documents, Deliverable)
    assert documents.items == (
        "Sammanställning av egenkontroller gällande: Basal hygien, dokumentation samt avvikelser.",
        "Uppdaterad rutin för Avvikelse, klagomål och synpunkter. Rutinen behöver beskriva"
        " hur ni arbetar med händelser där flera yrkeskategorier är inblandade.",
    )
    assert documents.state == "due_passed" and documents.provider and documents.provider.id == "kvalitetsservice"
    assert [a.kind for a in pages["atgarder/index.md"].listing.items][:2] == ["documents", "result_follow_up"]
    assert all(
        isinstance(a, RequiredAction) for page in pages.values() if "/krav/" in page.page for a in page.listing.items
    ), "a deliverable concerns no single requirement: it is in no requirement's listing"
    text = render(_seeds())["atgarder/index.md"]
    entry = text.split("- **Handlingar** (beslutet som helhet)")[1].split("\n- **")[0]
    assert "sista dag: 1 april 2024 · skickas till egetval@orebro.se" in entry
    assert entry.rstrip().endswith(
        "Krävd i [Uppföljning av kvalitetskrav – Kvalitetsservice](/beslut/kvalitetsservice-voo-1905-2023.md#beslut)."
    )
    assert "Sammanställning av egenkontroller" not in entry, "the items stand in the decision, where the entry links"
    decision = render(_seeds())["beslut/kvalitetsservice-voo-1905-2023.md"].split("\n## Beslut")[1]
    assert "Sammanställning av egenkontroller gällande: Basal hygien, dokumentation samt avvikelser." in decision


def test_the_provider_page_lists_the_deliverables_of_its_decisions() -> None:
    text = render(_seeds())["utforare/kvalitetsservice.md"]
    section = text.split("## Åtgärder som besluten kräver")[1].split("\n## ")[0]
    assert "- **Handlingar (beslutet som helhet)** · sista dag 1 april 2024 ·" in section
    assert "- **Resultatuppföljning (beslutet som helhet)** · genomförs efter 1 april 2024 ·" in section
    assert "[Hela texten i beslutet](/beslut/kvalitetsservice-voo-1905-2023.md#beslut)" in section
    assert "Sammanställning av egenkontroller" not in section, "the items stand in the decision"


def test_listings_filter_by_state_and_requirement_and_count_in_their_labels() -> None:
    pages = {p.page: p for p in _portal().register}
    assert len(pages["atgarder/lage/atgardade/index.md"].listing.items) == 1
    assert pages["atgarder/lage/sista-dag-passerad/index.md"].listing.items == ()
    assert len(pages["atgarder/krav/dokumentation/index.md"].listing.items) == 1
    assert pages["atgarder/krav/hygien/index.md"].listing.items == ()
    labels = [link.label for link in pages["atgarder/index.md"].listings]
    assert "Bedömda som åtgärdade (1)" in labels
    assert [link.current for link in pages["atgarder/lage/atgardade/index.md"].listings].count(True) == 1


def test_a_passed_due_date_without_a_later_decision_is_said_as_such(tree: Tree) -> None:
    (tree.root / "followups" / "omsorg-ab-2024.yml").unlink()
    text = render(_portal(tree.root))["atgarder/index.md"]
    assert "Läge: sista dag har passerat; resultatuppföljningen är ännu inte publicerad här." in text
    entries = text.split('<div class="kp-actions" markdown>')[1]
    assert "försen" not in entries and " sen " not in entries, "the register never says late"


def test_long_listings_are_cut_into_pages_that_link_to_each_other(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(register, "PER_PAGE", 5)
    data = tmp_path / "data"
    generate_tree(data, "XS", 1, AS_OF)
    portal = _portal(data, AS_OF)
    listing = [p for p in portal.register if p.page.startswith("atgarder/utforare/")]
    total = listing[0].listing.total
    assert total == len(portal.entries) > 5
    assert len(listing) == -(-total // 5)
    assert [p.page for p in listing][:2] == ["atgarder/utforare/index.md", "atgarder/utforare/sida-2.md"]
    assert sum(len(p.listing.items) for p in listing) == total
    assert [p.listing.first for p in listing][:2] == [1, 6]
    second = listing[1].listing
    assert [link.page for link in second.numbers if link.current] == ["atgarder/utforare/sida-2.md"]
    assert (second.previous_page, second.next_page) == ("atgarder/utforare/index.md", "atgarder/utforare/sida-3.md")
    assert second.numbers[-1].page == listing[-1].page, "the last page is always in reach"
    names = [a.provider.name for p in listing for a in p.listing.items if a.provider]
    assert names == sorted(names)


def test_provider_page_lists_its_actions_with_their_state() -> None:
    text = render(_portal())["utforare/omsorg-ab.md"]
    section = text.split("## Åtgärder som besluten kräver")[1].split("\n## ")[0]
    assert "bedömd som åtgärdad i [beslutet den 2 maj 2024](/beslut/omsorg-ab-2024.md#krav-dokumentation)" in section
