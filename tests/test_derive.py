"""Derived facts: order of decisions, current status, and deadline sentences that say no more than the record."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.derive import DeadlineState, Portal, chronological, derive
from generator.model import Status
from generator.pipeline import check
from tests.conftest import MINIMAL, SHIPPED, Tree


def _portal(root: Path = MINIMAL, as_of: dt.date = dt.date(2024, 6, 1)) -> Portal:
    checked = check(root, as_of)
    assert checked.problems == ()
    return derive(checked.dataset, as_of)


def _deadline_states(portal: Portal, followup_id: str) -> list[DeadlineState]:
    (followup,) = (f for f in portal.followups if f.record.id == followup_id)
    return [d.state for d in followup.deadlines]


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (dt.date(2024, 1, 2), [DeadlineState.UPCOMING, DeadlineState.UPCOMING]),
        (dt.date(2024, 1, 3), [DeadlineState.PASSED_NOTHING_PUBLISHED, DeadlineState.UPCOMING]),
        (dt.date(2024, 4, 2), [DeadlineState.PASSED_NOTHING_PUBLISHED, DeadlineState.PASSED_NOTHING_PUBLISHED]),
    ],
)
def test_deadline_without_a_result_follow_up(tree: Tree, as_of: dt.date, expected: list[DeadlineState]) -> None:
    tree.path("followups/omsorg-ab-2024.yml").unlink()
    assert _deadline_states(_portal(tree.root, as_of), "omsorg-ab-2023") == expected


def test_deadline_answered_by_a_published_result_follow_up() -> None:
    portal = _portal()
    (followup,) = (f for f in portal.followups if f.record.id == "omsorg-ab-2023")
    assert {d.state for d in followup.deadlines} == {DeadlineState.FOLLOWED_UP}
    assert followup.deadlines[0].followed_up_by is not None
    assert followup.deadlines[0].followed_up_by.id == "omsorg-ab-2024"


def test_current_status_is_the_latest_outcome_per_requirement() -> None:
    (provider,) = _portal().providers
    assert {c.requirement.id: c.latest.status for c in provider.current} == {
        "hygien": Status.MET,
        "dokumentation": Status.REMEDIED,
    }
    assert provider.latest is not None
    assert provider.latest.id == "omsorg-ab-2024"


def test_undated_result_follow_up_comes_after_the_decision_it_follows(tree: Tree) -> None:
    tree.replace("followups/omsorg-ab-2024.yml", "date: 2024-05-02\n", "")
    followups = check(tree.root, dt.date(2024, 6, 1)).dataset.followups
    assert [f.id for f in chronological(followups)] == ["omsorg-ab-2023", "omsorg-ab-2024"]


def test_shipped_data_groups_and_counts() -> None:
    portal = _portal(SHIPPED)
    (kvalitetsservice,) = (f for f in portal.followups if f.record.id == "kvalitetsservice-voo-1905-2023")
    assert [(c.status, c.count) for c in kvalitetsservice.counts] == [(Status.MET, 4), (Status.NOT_MET, 4)]
    assert [(a.area, a.titles) for a in kvalitetsservice.deficient_areas] == [
        ("Krav på verksamhet och ledning", ("Lagar, förordningar, riktlinjer och utbildningar",)),
        ("Ledningssystem för kvalitet", ("Egenkontroller", "Utredning av avvikelser och rapporteringsskyldighet")),
        ("Dokumentation", ()),
    ]
    assert portal.unknown_provider_count == 1
    (egenkontroller,) = (r for r in portal.requirements if r.record.id == "egenkontroller")
    assert [v.version.id for v in egenkontroller.versions] == ["voo-1905-2023", "enligt-sov-881-2022"]
