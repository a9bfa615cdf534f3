"""Derived facts: order of decisions, current status, and deadline sentences that say no more than the record."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.derive import Portal, chronological, derive
from generator.derive.providers import standing
from generator.derive.views import FollowUpView
from generator.model import Status
from generator.pipeline import Cache, check
from generator.states import ActionState, DeadlineState, EventKind, Standing
from tests.conftest import AS_OF, MINIMAL, Tree, seed_dataset


def _portal(root: Path = MINIMAL, as_of: dt.date = dt.date(2024, 6, 1)) -> Portal:
    checked = check(root, as_of)
    assert checked.problems == ()
    return derive(checked.dataset, as_of)


def _seeds(as_of: dt.date = AS_OF) -> Portal:
    """The shipped data as they stood on as_of with the seed decisions only: the seeds' facts
    whatever other decisions data/ holds."""
    return derive(seed_dataset(as_of), as_of)


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
    portal = _seeds()
    (kvalitetsservice,) = (f for f in portal.followups if f.record.id == "kvalitetsservice-voo-1905-2023")
    assert [(c.status, c.count) for c in kvalitetsservice.counts] == [(Status.MET, 4), (Status.NOT_MET, 4)]
    assert [(a.area, a.titles) for a in kvalitetsservice.deficient_areas] == [
        ("Krav på verksamhet och ledning", ("Lagar, förordningar, riktlinjer och utbildningar",)),
        ("Ledningssystem för kvalitet", ("Egenkontroller", "Utredning av avvikelser och rapporteringsskyldighet")),
        ("Dokumentation", ()),
    ]
    assert portal.unknown_provider_count == 1
    (egenkontroller,) = (r for r in portal.requirements if r.record.id == "egenkontroller")
    seeds = [v.version.id for v in egenkontroller.versions if v.version.id in ("voo-1905-2023", "enligt-sov-881-2022")]
    assert seeds == ["voo-1905-2023", "enligt-sov-881-2022"], "the latest first"


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        (set(), Standing.NO_FOLLOW_UP),
        ({Status.MET}, Standing.NO_KNOWN_DEFICIENCIES),
        ({Status.MET, Status.REMEDIED}, Standing.DEFICIENCIES_REMEDIED),
        ({Status.MET, Status.REMEDIED, Status.NOT_MET}, Standing.ACTIONS_REQUIRED),
        ({Status.NOT_MET, Status.REMAINS}, Standing.DEFICIENCIES_REMAIN),
    ],
)
def test_standing_rules(statuses: set[Status], expected: Standing) -> None:
    assert standing(statuses) is expected


@pytest.mark.parametrize(
    ("as_of", "keep_result", "expected"),
    [
        (dt.date(2024, 1, 2), False, ActionState.OPEN),
        (dt.date(2024, 1, 3), False, ActionState.DUE_PASSED),
        (dt.date(2024, 6, 1), True, ActionState.REMEDIED),
    ],
)
def test_required_action_state(tree: Tree, as_of: dt.date, keep_result: bool, expected: ActionState) -> None:
    if not keep_result:
        tree.path("followups/omsorg-ab-2024.yml").unlink()
    (action,) = _portal(tree.root, as_of).actions
    assert action.finding.requirement.id == "dokumentation"
    assert action.due is not None and action.due.date == dt.date(2024, 1, 2)
    assert action.state is expected
    assert (action.resolution is not None) is keep_result


def test_remaining_deficiency_keeps_the_action_unresolved_in_words(tree: Tree) -> None:
    tree.replace("followups/omsorg-ab-2024.yml", "status: remedied", "status: remains\n    required_action: Gör om.")
    tree.replace("followups/omsorg-ab-2024.yml", "outcome: closed", "outcome: action_plan_required")
    portal = _portal(tree.root)
    assert [a.state for a in portal.actions] == [ActionState.REMAINS, ActionState.OPEN]
    assert portal.providers[0].standing is Standing.DEFICIENCIES_REMAIN


def test_summary_of_the_shipped_provider_says_only_what_the_decision_says() -> None:
    (provider,) = (p for p in _seeds().providers if p.record.id == "kvalitetsservice")
    assert provider.summary == (
        "Vid den senaste uppföljningen (beslutets datum saknas) uppfyllde Kvalitetsservice 4 av 8 krav.",
        "Åtgärdsplan skulle lämnas senast 2 januari 2024.",
        "Begärda handlingar skulle lämnas senast 1 april 2024.",
        "Enligt beslutet görs en resultatuppföljning efter 1 april 2024.",
        "Sista dag har passerat; resultatuppföljningen är ännu inte publicerad här.",
    )
    (before,) = (p.summary for p in _seeds(dt.date(2023, 12, 1)).providers if p.record.id == "kvalitetsservice")
    assert before[1] == "Åtgärdsplan ska lämnas senast 2 januari 2024."
    assert "Sista dag har passerat" not in " ".join(before)


def test_timeline_puts_the_as_of_marker_in_date_order(tree: Tree) -> None:
    (provider,) = _portal(tree.root).providers
    assert [(e.kind, e.date) for e in provider.timeline] == [
        (EventKind.DECISION, dt.date(2023, 11, 1)),
        (EventKind.DEADLINE, dt.date(2024, 1, 2)),
        (EventKind.DEADLINE, dt.date(2024, 4, 1)),
        (EventKind.DECISION, dt.date(2024, 5, 2)),
        (EventKind.CLOSED, dt.date(2024, 5, 2)),
        (EventKind.AS_OF, dt.date(2024, 6, 1)),
    ]
    tree.path("followups/omsorg-ab-2024.yml").unlink()
    (provider,) = _portal(tree.root, dt.date(2024, 3, 1)).providers
    assert [e.kind for e in provider.timeline] == [
        EventKind.DECISION,
        EventKind.DEADLINE,
        EventKind.AS_OF,
        EventKind.DEADLINE,
    ]


def test_comparison_sorts_and_filters(tree: Tree) -> None:
    tree.write("providers/alfa-omsorg.yml", "id: alfa-omsorg\nname: Alfa Omsorg\n")
    portal = _portal(tree.root)
    pages = {p.page: p for p in portal.comparisons}
    assert [r.name for r in pages["jamforelse/index.md"].listing.items] == ["Alfa Omsorg", "Omsorg AB"]
    assert [r.name for r in pages["jamforelse/senast-uppfoljd.md"].listing.items] == ["Omsorg AB", "Alfa Omsorg"]
    hygien = pages["jamforelse/omrade-hygien.md"]
    assert [c.page for c in hygien.columns] == ["krav/hygien.md"]
    assert [cell.status if cell else None for cell in hygien.listing.items[1].cells] == [Status.MET]
    assert hygien.listing.items[0].cells == (None,)
    unassessed = pages["jamforelse/lage-ingen-uppfoljning-publicerad.md"]
    assert [r.page for r in unassessed.listing.items] == ["utforare/alfa-omsorg.md"]
    assert [link.active for link in unassessed.standings] == [False, False, True]


def test_statistics_per_area_and_year() -> None:
    stats = _portal().statistics
    assert [(t.area, [(s.label, s.met, s.total) for s in t.shares]) for t in stats.areas] == [
        ("Hygien", [("2023", 1, 1)]),
        ("Ledningssystem för kvalitet", [("2023", 0, 1), ("2024", 1, 1)]),
    ]
    assert stats.undated == 0


def _freshness(root: Path, as_of: dt.date) -> tuple[str, ...]:
    provider = next(p for p in _portal(root, as_of).providers if p.record.id == "omsorg-ab")
    return provider.freshness.sentences


def test_freshness_says_when_and_how_long_ago(tree: Tree) -> None:
    assert _freshness(tree.root, dt.date(2024, 6, 1)) == (
        "Kvalitetskraven följdes senast upp i ett beslut den 1 november 2023, för 7 månader sedan.",
    )


def test_freshness_flags_a_follow_up_older_than_the_interval_and_shows_the_planned_one(tree: Tree) -> None:
    tree.replace(
        "followups/omsorg-ab-2023.yml",
        "basis: {kind: contract, number: Voo 1/2023}\n",
        "basis: {kind: contract, number: Voo 1/2023}\nfollow_up_interval_years: 1\nnext_follow_up: 2025-03-01\n",
    )
    on_the_day = _portal(tree.root, dt.date(2024, 11, 1)).providers[0].freshness
    assert not on_the_day.older_than_interval
    later = _portal(tree.root, dt.date(2024, 11, 2)).providers[0].freshness
    assert later.older_than_interval and later.interval_years == 1
    assert later.sentences == (
        "Kvalitetskraven följdes senast upp i ett beslut den 1 november 2023, för 1 år sedan.",
        "Enligt beslutet ska kvalitetskraven följas upp minst en gång varje år.",
        "Den senaste uppföljningen är äldre än så.",
        "Nästa uppföljning är planerad till 1 mars 2025.",
    )


def test_freshness_of_an_undated_follow_up_says_the_date_is_missing() -> None:
    (provider,) = (p for p in _seeds(dt.date(2026, 11, 23)).providers if p.record.id == "kvalitetsservice")
    assert provider.freshness.age is None and not provider.freshness.older_than_interval
    assert provider.freshness.sentences == (
        "Beslutet om den senaste uppföljningen av kvalitetskraven saknar datum,"
        " så hur gammal bedömningen är går inte att säga.",
        "Enligt beslutet ska kvalitetskraven följas upp minst en gång vart tredje år.",
    )


def test_a_result_follow_up_does_not_count_as_following_up_every_requirement(tree: Tree) -> None:
    freshness = _portal(tree.root, dt.date(2024, 6, 1)).providers[0].freshness
    assert freshness.latest is not None and freshness.latest.id == "omsorg-ab-2023"


def test_comparison_listings_are_cut_into_linked_pages(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from bench.generate import generate_tree
    from bench.run import AS_OF
    from generator.derive import comparison

    monkeypatch.setattr(comparison, "PER_PAGE", 3)
    generate_tree(tmp_path / "data", "XS", 1, AS_OF)
    pages = [p for p in _portal(tmp_path / "data", AS_OF).comparisons if p.sortings[0].active]
    assert [p.page for p in pages] == ["jamforelse/index.md", "jamforelse/sidor/index/2.md"]
    assert [(p.listing.first, p.listing.last, p.listing.total) for p in pages] == [(1, 3, 4), (4, 4, 4)]
    assert [[link.active for link in p.listing.numbers] for p in pages] == [[True, False], [False, True]]
    names = [row.name for p in pages for row in p.listing.items]
    assert names == sorted(names)


def test_a_years_decisions_are_cut_into_linked_pages(monkeypatch: pytest.MonkeyPatch, tree: Tree) -> None:
    from generator.derive import decisions

    monkeypatch.setattr(decisions, "YEAR_PAGE_SIZE", 1)
    tree.replace("followups/omsorg-ab-2024.yml", "date: 2024-05-02", "date: 2023-12-20")
    tree.replace("followups/omsorg-ab-2024.yml", "{start: 2024-02, end: 2024-04}", "{start: 2023-10, end: 2023-11}")
    (year,) = _portal(tree.root, dt.date(2024, 6, 1)).decision_years
    assert (year.year, year.page, year.total) == (2023, "beslut/ar/2023.md", 2)
    assert [part.path for part in year.pages] == ["beslut/ar/2023.md", "beslut/ar/sidor/2023/2.md"]
    assert [[f.ref.id for f in part.items] for part in year.pages] == [["omsorg-ab-2024"], ["omsorg-ab-2023"]]
    assert [(part.first, part.last) for part in year.pages] == [(1, 1), (2, 2)]
    assert [[link.active for link in part.numbers] for part in year.pages] == [[True, False], [False, True]]


def test_the_preview_keeps_the_views_of_decisions_whose_inputs_are_unchanged(tree: Tree) -> None:
    as_of = dt.date(2024, 6, 1)
    cache = Cache()

    def views() -> dict[str, FollowUpView]:
        portal = derive(check(tree.root, as_of, cache).dataset, as_of, cache.views)
        return {f.ref.id: f for f in portal.followups}

    first = views()
    assert views() == first and all(views()[id_] is view for id_, view in first.items())
    tree.replace("followups/omsorg-ab-2024.yml", "introduction: ", "introduction: Ändrad. ")
    second = views()
    assert second["omsorg-ab-2023"] is first["omsorg-ab-2023"]
    assert second["omsorg-ab-2024"] is not first["omsorg-ab-2024"]
    assert second["omsorg-ab-2024"].record.introduction.startswith("Ändrad.")
    tree.replace("providers/omsorg-ab.yml", "name: Omsorg AB", "name: Omsorg AB (nytt namn)")
    third = views()
    assert all("nytt namn" in view.ref.title for view in third.values()), "a provider's new name reaches its decisions"
