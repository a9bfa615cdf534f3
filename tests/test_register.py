"""The action register: one entry per required action, its listings, pages and states."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bench.generate import generate_tree
from bench.run import AS_OF
from generator.derive import Portal, derive, register
from generator.pipeline import check
from generator.render import render
from tests.conftest import MINIMAL, Tree


def _portal(root: Path = MINIMAL, as_of: dt.date = dt.date(2024, 6, 1)) -> Portal:
    checked = check(root, as_of)
    assert checked.problems == ()
    return derive(checked.dataset, as_of)


def test_every_required_action_is_one_entry_with_its_resolution() -> None:
    pages = {p.page: p for p in _portal().register}
    front = pages["atgarder/index.md"]
    assert [(a.finding.followup.id, a.finding.requirement.id) for a in front.listing.items] == [
        ("omsorg-ab-2023", "dokumentation")
    ]
    action = front.listing.items[0]
    assert action.state == "remedied"
    assert action.resolution is not None and action.resolution.followup.id == "omsorg-ab-2024"


def test_listings_filter_by_state_and_requirement_and_count_in_their_labels() -> None:
    pages = {p.page: p for p in _portal().register}
    assert len(pages["atgarder/lage/atgardade/index.md"].listing.items) == 1
    assert pages["atgarder/lage/sista-dag-passerad/index.md"].listing.items == ()
    assert len(pages["atgarder/krav/dokumentation/index.md"].listing.items) == 1
    assert pages["atgarder/krav/hygien/index.md"].listing.items == ()
    labels = [link.label for link in pages["atgarder/index.md"].listings]
    assert "Bedömda som åtgärdade (1)" in labels
    assert [link.active for link in pages["atgarder/lage/atgardade/index.md"].listings].count(True) == 1


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
    assert total == len(portal.actions) > 5
    assert len(listing) == -(-total // 5)
    assert [p.page for p in listing][:2] == ["atgarder/utforare/index.md", "atgarder/utforare/sida-2.md"]
    assert sum(len(p.listing.items) for p in listing) == total
    assert [p.listing.first for p in listing][:2] == [1, 6]
    assert [link.active for link in listing[1].listing.numbers] == [n == 1 for n in range(len(listing))]
    names = [a.finding.provider.name for p in listing for a in p.listing.items if a.finding.provider]
    assert names == sorted(names)


def test_provider_page_lists_its_actions_with_their_state() -> None:
    text = render(_portal())["utforare/omsorg-ab.md"]
    section = text.split("## Åtgärder som besluten kräver")[1].split("\n## ")[0]
    assert "Läge: bedömd som åtgärdad, i [Resultatuppföljning" in section
    assert "/beslut/omsorg-ab-2024.md#krav-dokumentation" in section
