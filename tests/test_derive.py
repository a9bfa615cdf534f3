"""Derived facts: order of decisions, current status, and deadline sentences that say no more than the record."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.derive import Portal, chronological, derive
from generator.derive.decisions import DecisionPageView, DecisionSummary
from generator.derive.paging import marked, page_numbers, paged
from generator.derive.provider_page import ActionLine, LinkedSentence, ProviderPage
from generator.derive.providers import standing
from generator.derive.views import FollowUpView, Link, ProviderListPage, ProviderView
from generator.model import Status
from generator.paths import RESERVED_IDS, UnsafePath, provider_list_page
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
    provider = _page(_seeds(), "kvalitetsservice")
    assert provider.summary == (
        "Vid den senaste uppföljningen (beslutets datum saknas) uppfyllde Kvalitetsservice 4 av 8 krav.",
        "Åtgärdsplan skulle lämnas senast 2 januari 2024.",
        "Begärda handlingar skulle lämnas senast 1 april 2024.",
        "Enligt beslutet görs en resultatuppföljning efter 1 april 2024.",
        "Sista dag har passerat; resultatuppföljningen är ännu inte publicerad här.",
    )
    before = _page(_seeds(dt.date(2023, 12, 1)), "kvalitetsservice").summary
    assert before[1] == "Åtgärdsplan ska lämnas senast 2 januari 2024."
    assert "Sista dag har passerat" not in " ".join(before)


def test_timeline_puts_the_as_of_marker_in_date_order(tree: Tree) -> None:
    (provider,) = _portal(tree.root).providers
    assert isinstance(provider, ProviderPage)
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
    assert isinstance(provider, ProviderPage)
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
    assert [cell.status for cell in hygien.listing.items[1].cells] == [Status.MET]
    assert [(cell.requirement, cell.status) for cell in hygien.listing.items[0].cells] == [("Hygien", None)]
    assert not hygien.cards, "one requirement column fits a screen"
    unassessed = pages["jamforelse/lage-ingen-uppfoljning-publicerad.md"]
    assert [r.page for r in unassessed.listing.items] == ["utforare/alfa-omsorg.md"]
    assert [link.current for link in unassessed.standings] == [False, False, True]


def test_statistics_per_area_and_year() -> None:
    stats = _portal().statistics
    assert [(t.area, [(s.label, s.met, s.total, s.decisions) for s in t.shares]) for t in stats.areas] == [
        ("Hygien", [("2023", 1, 1, 1)]),
        ("Ledningssystem för kvalitet", [("2023", 0, 1, 1), ("2024", 1, 1, 1)]),
    ]
    assert stats.undated == 0


def test_a_share_per_year_from_one_decision_gives_its_counts_and_no_percentage() -> None:
    """One decision is one provider's: "100 %" beside it would read as the year's level."""
    (_, management) = _portal().statistics.areas
    assert [(s.given, s.words) for s in management.shares] == [
        (False, "0 av 1 bedömda krav i 1 beslut; ingen andel anges för ett enda beslut"),
        (False, "1 av 1 bedömda krav i 1 beslut; ingen andel anges för ett enda beslut"),
    ]


def test_a_share_per_year_from_two_decisions_is_given_with_its_base(tree: Tree) -> None:
    tree.write("providers/alfa-omsorg.yml", "id: alfa-omsorg\nname: Alfa Omsorg\ncontracts: [Voo 1/2023]\n")
    text = tree.path("followups/omsorg-ab-2023.yml").read_text(encoding="utf-8")
    text = text.replace("id: omsorg-ab-2023", "id: alfa-omsorg-2023").replace(
        "provider: omsorg-ab", "provider: alfa-omsorg"
    )
    tree.write("followups/alfa-omsorg-2023.yml", text)
    (hygiene, management) = _portal(tree.root).statistics.areas
    assert [(s.label, s.given, s.words) for s in hygiene.shares] == [
        ("2023", True, "100 % (2 av 2 bedömda krav i 2 beslut)")
    ]
    assert management.shares[0].words == "0 % (0 av 2 bedömda krav i 2 beslut)"


def test_undated_assessments_are_counted_in_their_area_not_left_to_a_footnote(tree: Tree) -> None:
    tree.replace("followups/omsorg-ab-2024.yml", "date: 2024-05-02\n", "")
    stats = _portal(tree.root).statistics
    assert [(t.area, [s.label for s in t.shares], t.undated) for t in stats.areas] == [
        ("Hygien", ["2023"], 0),
        ("Ledningssystem för kvalitet", ["2023"], 1),
    ]
    assert stats.areas[1].undated_words == "1 bedömning i 1 beslut som saknar datum"
    assert stats.undated == 1


AREAS = "provider_facts:\n  areas_served: [Norr, Söder]\nintroduction:"


def _provider_lists(tree: Tree) -> dict[str, ProviderListPage]:
    return {page.page: page for page in _portal(tree.root).provider_lists}


def test_provider_listings_by_standing_and_by_area_served(tree: Tree) -> None:
    tree.write("providers/alfa-omsorg.yml", "id: alfa-omsorg\nname: Alfa Omsorg\n")
    tree.replace("followups/omsorg-ab-2023.yml", "introduction:", AREAS)
    pages = _provider_lists(tree)
    assert list(pages) == [
        "utforare/index.md",
        "utforare/index/lage-brister-atgardade.md",
        "utforare/index/lage-ingen-uppfoljning-publicerad.md",
        "utforare/index/verksam-i-norr.md",
        "utforare/index/verksam-i-soder.md",
        "utforare/index/omrade-okant.md",
    ]
    assert [r.name for r in pages["utforare/index/lage-brister-atgardade.md"].listing.items] == ["Omsorg AB"]
    assert [r.name for r in pages["utforare/index/verksam-i-soder.md"].listing.items] == ["Omsorg AB"]
    assert [r.name for r in pages["utforare/index/omrade-okant.md"].listing.items] == ["Alfa Omsorg"]
    assert [(link.label, link.current) for link in pages["utforare/index/omrade-okant.md"].areas] == [
        ("Alla områden", False),
        ("Norr (1)", False),
        ("Söder (1)", False),
        ("Område okänt (1)", True),
    ]
    assert [link.label for link in pages["utforare/index.md"].standings] == [
        "Alla lägen",
        "Brister åtgärdade (1)",
        "Ingen uppföljning publicerad (1)",
    ]
    assert [menu.title for menu in pages["utforare/index.md"].menus] == ["Läge", "Verksam i"], "no letters: few names"


def test_a_provider_whose_areas_no_decision_gives_is_unknown_not_serving_none(tree: Tree) -> None:
    (omsorg,) = _provider_lists(tree)["utforare/index.md"].listing.items
    assert omsorg.served is None
    assert [page.heading for page in _provider_lists(tree).values()] == [
        "Utförare",
        "Utförare: Brister åtgärdade",
        "Utförare: område okänt",
    ]


def test_the_areas_served_are_the_newest_decisions_that_name_any_with_its_date(tree: Tree) -> None:
    tree.replace("followups/omsorg-ab-2023.yml", "introduction:", AREAS)
    (omsorg,) = _provider_lists(tree)["utforare/index.md"].listing.items
    assert omsorg.served is not None, "the result follow-up of 2024 names no area: the 2023 decision's stand"
    assert (omsorg.served.areas, omsorg.served.followup.id) == (("Norr", "Söder"), "omsorg-ab-2023")
    assert omsorg.served.source == "enligt beslutet den 1 november 2023"
    tree.replace(
        "followups/omsorg-ab-2024.yml", "introduction:", "provider_facts: {areas_served: [NORR]}\nintroduction:"
    )
    pages = _provider_lists(tree)
    (omsorg,) = pages["utforare/index.md"].listing.items
    assert omsorg.served is not None and omsorg.served.areas == ("NORR",)
    assert "utforare/index/verksam-i-norr.md" in pages and "utforare/index/verksam-i-soder.md" not in pages


def test_areas_that_slug_alike_keep_listings_of_their_own(tree: Tree) -> None:
    tree.write("providers/alfa-omsorg.yml", "id: alfa-omsorg\nname: Alfa Omsorg\ncontracts: [Voo 1/2023]\n")
    tree.replace("followups/omsorg-ab-2023.yml", "introduction:", AREAS)
    text = tree.path("followups/omsorg-ab-2023.yml").read_text(encoding="utf-8")
    for old, new in [("omsorg-ab-2023", "alfa-omsorg-2023"), ("provider: omsorg-ab", "provider: alfa-omsorg")]:
        text = text.replace(old, new)
    tree.write("followups/alfa-omsorg-2023.yml", text.replace("[Norr, Söder]", "[NORR]"))
    norr = {
        page.page: (page.heading, [row.name for row in page.listing.items])
        for page in _provider_lists(tree).values()
        if "verksam-i-norr" in page.page
    }
    assert norr == {  # in the order of the names as printed: upper case first
        "utforare/index/verksam-i-norr.md": ("Utförare verksamma i: NORR", ["Alfa Omsorg"]),
        "utforare/index/verksam-i-norr-2.md": ("Utförare verksamma i: Norr", ["Omsorg AB"]),
    }


def test_provider_list_pages_take_addresses_no_provider_id_can() -> None:
    assert provider_list_page() == "utforare/index.md"
    assert provider_list_page("", 2) == "utforare/index/sida-2.md"
    assert provider_list_page("omrade-okant", 3) == "utforare/index/omrade-okant/sida-3.md"
    assert "index" in RESERVED_IDS["utforare"]
    for listing in ("sida-2", "../x", "A"):
        with pytest.raises(UnsafePath):
            provider_list_page(listing)


def test_provider_listings_are_cut_into_linked_pages(monkeypatch: pytest.MonkeyPatch, tree: Tree) -> None:
    from generator.derive import provider_list

    monkeypatch.setattr(provider_list, "PER_PAGE", 1)
    tree.write("providers/alfa-omsorg.yml", "id: alfa-omsorg\nname: Alfa Omsorg\n")
    whole = [
        page
        for page in _portal(tree.root).provider_lists
        if page.page.startswith(("utforare/index.md", "utforare/index/sida-"))
    ]
    assert [(page.page, [r.name for r in page.listing.items]) for page in whole] == [
        ("utforare/index.md", ["Alfa Omsorg"]),
        ("utforare/index/sida-2.md", ["Omsorg AB"]),
    ]
    assert [page.unknown_provider_count for page in whole] == [0, 0]


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


def test_a_menu_marks_the_link_to_the_listing_a_page_belongs_to_and_no_other() -> None:
    menu = (Link("Alla", "utforare/index.md"), Link("Norr (1)", "utforare/index/verksam-i-norr.md"))
    assert [link.current for link in marked(menu, "utforare/index/verksam-i-norr.md")] == [False, True]
    assert [link.current for link in marked(menu, "utforare/index/lage-x.md")] == [False, False]
    assert [(link.label, link.page) for link in marked(menu, "utforare/index.md")] == [
        (link.label, link.page) for link in menu
    ]


def test_comparison_listings_are_cut_into_linked_pages(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from bench.generate import generate_tree
    from bench.run import AS_OF
    from generator.derive import comparison

    monkeypatch.setattr(comparison, "PER_PAGE", 3)
    generate_tree(tmp_path / "data", "XS", 1, AS_OF)
    pages = [p for p in _portal(tmp_path / "data", AS_OF).comparisons if p.sortings[0].current]
    assert [p.page for p in pages] == ["jamforelse/index.md", "jamforelse/sidor/index/2.md"]
    assert [(p.listing.first, p.listing.last, p.listing.total) for p in pages] == [(1, 3, 4), (4, 4, 4)]
    assert [[link.current for link in p.listing.numbers] for p in pages] == [[True, False], [False, True]]
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
    assert [[link.current for link in part.numbers] for part in year.pages] == [[True, False], [False, True]]


def _shown(numbers: tuple[Link, ...]) -> str:
    """The page numbers as a reader sees them: … for pages left out, [n] for this page."""
    labels = (f"[{link.label}]" if link.current else link.label for link in numbers)
    return " ".join(("… " if link.follows_gap else "") + label for link, label in zip(numbers, labels, strict=True))


def test_a_long_listings_page_numbers_are_the_first_the_last_and_those_around_the_page() -> None:
    paths = [f"p{n}.md" for n in range(1, 711)]
    assert _shown(page_numbers(paths, 100)) == "1 … 98 99 [100] 101 102 … 710"
    assert _shown(page_numbers(paths, 1)) == "[1] 2 3 … 710"
    assert _shown(page_numbers(paths, 710)) == "1 … 708 709 [710]"
    assert _shown(page_numbers(paths, 5)) == "1 2 3 4 [5] 6 7 … 710", "one page between is shown, not left out"
    assert _shown(page_numbers(paths, 4)) == "1 2 3 [4] 5 6 … 710"
    assert [link.page for link in page_numbers(paths, 100)][:2] == ["p1.md", "p98.md"]
    assert _shown(page_numbers(paths[:7], 4)) == "1 2 3 [4] 5 6 7"
    assert page_numbers(paths[:1], 1) == ()


def test_no_page_of_a_listing_grows_with_the_number_of_pages() -> None:
    pages = paged(range(7_100), lambda n: f"sida-{n}.md", 10)
    assert max(len(page.numbers) for page in pages) == max(len(page.numbers) for page in pages[:20]) == 8
    assert (pages[0].previous_page, pages[0].next_page) == (None, "sida-2.md")
    assert (pages[99].previous_page, pages[99].next_page) == ("sida-99.md", "sida-101.md")
    assert (pages[-1].previous_page, pages[-1].next_page) == ("sida-709.md", None)
    assert [sum(link.current for link in page.numbers) for page in pages] == [1] * len(pages)


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


def test_the_preview_keeps_the_pages_of_providers_whose_inputs_are_unchanged(tree: Tree) -> None:
    """Vård AB has no decision: a save in Omsorg AB's decision derives Omsorg AB's page again only."""
    tree.write("providers/vard-ab.yml", "id: vard-ab\nname: Vård AB\ncontracts:\n  - Voo 2/2023\n")
    cache = Cache()

    def pages(as_of: dt.date = dt.date(2024, 6, 1)) -> dict[str, ProviderView]:
        portal = derive(check(tree.root, as_of, cache).dataset, as_of, cache.views)
        return {p.record.id: p for p in portal.providers}

    first = pages()
    assert all(pages()[id_] is page for id_, page in first.items())
    tree.replace("followups/omsorg-ab-2024.yml", "introduction: ", "introduction: Ändrad. ")
    second = pages()
    assert second["vard-ab"] is first["vard-ab"]
    assert second["omsorg-ab"] is not first["omsorg-ab"]
    assert second["omsorg-ab"] == _page(_portal(tree.root), "omsorg-ab"), "the same page as without the cache"
    later = pages(dt.date(2024, 7, 1))
    assert later["vard-ab"] is not second["vard-ab"], "another day: deadlines may read differently"


# The provider page (derive/provider_page.py ProviderPage): what only the provider's own page shows.

PARTIAL_LATER = """id: omsorg-ab-2024-partial
kind: follow_up
date: 2024-05-20
provider: omsorg-ab
basis: {kind: contract, number: Voo 1/2023}
published_copy: {complete: false, missing: Sidan 2 saknas}
issuer: {organisation: Exempel kommun, unit: Enheten för uppföljning}
introduction: okänt
outcomes:
  - requirement: dokumentation
    requirement_version: v1
    status: met
    assessment: okänt
decision: {outcome: closed, text: okänt}
signed_by: {name: okänt, title: Avtalscontroller}
"""


def _page(portal: Portal, provider_id: str) -> ProviderPage:
    (provider,) = (p for p in portal.providers if p.record.id == provider_id)
    assert isinstance(provider, ProviderPage)
    return provider


def test_the_standing_rests_on_the_latest_decision_and_says_its_date() -> None:
    basis = _page(_portal(), "omsorg-ab").standing_basis
    assert basis == LinkedSentence(
        "Läget bygger på", "beslutet den 2 maj 2024", "beslut/omsorg-ab-2024.md", after="och 1 tidigare beslut", end="."
    ), "hygien's latest assessment is still the first decision's"


def test_the_standing_of_an_undated_decision_says_the_date_is_missing() -> None:
    provider = _page(_seeds(), "kvalitetsservice")
    assert provider.standing_basis is not None
    assert (provider.standing_basis.text, provider.standing_basis.after) == ("ett beslut utan datum", "")


def test_an_undated_latest_decision_beside_dated_ones_says_its_place_is_not_known(tree: Tree) -> None:
    """Listings put an undated decision first, but the records do not say it is the newest: the
    sentence the standing rests on says so instead of claiming it."""
    text = tree.path("followups/omsorg-ab-2023.yml").read_text(encoding="utf-8")
    tree.write(
        "followups/omsorg-ab-odaterat.yml",
        text.replace("id: omsorg-ab-2023", "id: omsorg-ab-odaterat", 1)
        .replace("case_number: Sov 10/2023", "case_number: Sov 99/2023", 1)
        .replace("date: 2023-11-01\n", "", 1),
    )
    basis = _page(_portal(tree.root), "omsorg-ab").standing_basis
    assert basis is not None and basis.text == "ett beslut utan datum"
    assert "framgår inte av besluten" in basis.end
    dated_only = _page(_portal(), "omsorg-ab").standing_basis
    assert dated_only is not None and dated_only.end == "."


def test_a_provider_without_decisions_has_no_standing_basis(tree: Tree) -> None:
    tree.write("providers/alfa-omsorg.yml", "id: alfa-omsorg\nname: Alfa Omsorg\n")
    provider = _page(_portal(tree.root), "alfa-omsorg")
    assert provider.standing_basis is None and provider.rows == () and provider.action_groups == ()
    assert provider.headline == ("Det finns inget publicerat beslut om Alfa Omsorg.",)


def test_the_summary_is_split_into_what_the_decision_found_and_its_deadlines() -> None:
    provider = _page(_seeds(), "kvalitetsservice")
    assert provider.headline == (
        "Vid den senaste uppföljningen (beslutets datum saknas) uppfyllde Kvalitetsservice 4 av 8 krav.",
    )
    assert provider.next_steps == provider.summary[1:]
    closed = _page(_portal(), "omsorg-ab")
    assert closed.headline[-1] == "Beslutet avslutade uppföljningen." and closed.next_steps == ()


def test_rows_put_deficiencies_first_and_say_once_that_the_decision_has_no_date() -> None:
    provider = _page(_seeds(), "kvalitetsservice")
    statuses = [row.latest.status for row in provider.rows]
    assert statuses == [Status.NOT_MET] * 4 + [Status.MET] * 4
    assert not provider.dated
    assert provider.undated_sentence == "Beslutet som bedömningarna står i saknar datum."
    dated = _page(_portal(), "omsorg-ab")
    assert dated.dated and dated.undated_sentence is None
    assert [(row.requirement.id, row.when) for row in dated.rows] == [
        ("dokumentation", "2 maj 2024"),
        ("hygien", "1 november 2023"),
    ]


def test_a_row_that_a_later_partial_copy_does_not_show_says_it_is_the_latest_known(tree: Tree) -> None:
    tree.write("followups/omsorg-ab-2024-partial.yml", PARTIAL_LATER)
    rows = {row.requirement.id: row for row in _page(_portal(tree.root), "omsorg-ab").rows}
    assert rows["hygien"].note == "Senast kända bedömning: en senare ofullständig kopia visar inte kravet."
    assert rows["dokumentation"].note is None and rows["dokumentation"].latest.followup.id == "omsorg-ab-2024-partial"


def test_actions_are_one_line_each_by_decision_linking_the_decision_s_words(tree: Tree) -> None:
    tree.replace("followups/omsorg-ab-2024.yml", "status: remedied", "status: remains\n    required_action: Gör om.")
    tree.replace("followups/omsorg-ab-2024.yml", "outcome: closed", "outcome: action_plan_required")
    portal = _portal(tree.root)
    provider = _page(portal, "omsorg-ab")
    newest_first = ["omsorg-ab-2024", "omsorg-ab-2023"]
    assert [group.decision.id for group in provider.action_groups] == newest_first
    lines = [line for group in provider.action_groups for line in group.lines]
    assert len(lines) == len(provider.actions)
    assert provider.action_groups[0].lines[0] == ActionLine(
        "Dokumentation",
        "sista dag anges inte i beslutet",
        "sista dag har inte passerat",
        None,
        "krav-dokumentation",
    )
    first = provider.action_groups[1].lines
    assert (first[0].what, first[0].due) == ("Dokumentation", "sista dag 2 januari 2024")
    assert first[0].state == "bedömd som kvarstående"
    assert first[0].settled == LinkedSentence(
        "i", "beslutet den 2 maj 2024", "beslut/omsorg-ab-2024.md", "krav-dokumentation"
    ), "the later assessment that the state rests on"
    assert (first[1].what, first[1].anchor) == ("Åtgärdsplan (beslutet som helhet)", "beslut")
    assert first[2].due == "genomförs efter 1 april 2024"


def test_one_decision_gives_its_share_in_words_and_no_chart(tree: Tree) -> None:
    tree.path("followups/omsorg-ab-2024.yml").unlink()
    one = _page(_portal(tree.root), "omsorg-ab")
    assert one.share_sentence == "Efter beslutet den 1 november 2023 var 1 av 2 bedömda krav uppfyllda (50 %)."
    assert not one.share_chart
    two = _page(_portal(), "omsorg-ab")
    assert two.share_sentence is None and two.share_chart


def test_the_share_after_a_partial_copy_is_unknown_in_words_too(tree: Tree) -> None:
    tree.path("followups/omsorg-ab-2024.yml").unlink()
    tree.path("followups/omsorg-ab-2023.yml").unlink()
    tree.write("followups/omsorg-ab-2024-partial.yml", PARTIAL_LATER)
    provider = _page(_portal(tree.root), "omsorg-ab")
    assert provider.share_sentence == (
        "Andelen uppfyllda krav efter beslutet den 20 maj 2024 är okänd: den publicerade kopian är ofullständig."
    )
    assert "1 av 1" not in (provider.share_sentence or "")


# --- decisions: the order of listings and the decision page's summary ---------------------------


def _undated_copy(tree: Tree) -> None:
    """A third decision of the provider, neither dated nor numbered, with no dates of its own."""
    text = tree.path("followups/omsorg-ab-2023.yml").read_text(encoding="utf-8")
    text = text.replace("id: omsorg-ab-2023\n", "id: omsorg-ab-utan-datum\n")
    text = text.replace("case_number: Sov 10/2023\ndate: 2023-11-01\n", "")
    text = text.replace(text[text.index("  deadlines:\n") : text.index("signed_by:")], "")
    tree.write("followups/omsorg-ab-utan-datum.yml", text)


def test_an_undated_decision_is_listed_first_in_its_own_group_not_last_as_if_oldest(tree: Tree) -> None:
    _undated_copy(tree)
    followups = check(tree.root, dt.date(2024, 6, 1)).dataset.followups
    assert [f.id for f in chronological(followups)] == ["omsorg-ab-2023", "omsorg-ab-2024", "omsorg-ab-utan-datum"]
    portal = _portal(tree.root)
    assert [f.ref.id for f in portal.followups] == ["omsorg-ab-utan-datum", "omsorg-ab-2024", "omsorg-ab-2023"]
    assert [(year.year, year.page) for year in portal.decision_years] == [
        (None, "beslut/ar/utan-datum.md"),
        (2024, "beslut/ar/2024.md"),
        (2023, "beslut/ar/2023.md"),
    ]
    (undated,) = (f for f in portal.followups if f.ref.id == "omsorg-ab-utan-datum")
    assert undated.ref.date is None, "placed first, never given a date"


def test_the_latest_decisions_are_the_dated_ones_and_point_to_the_undated_group(tree: Tree) -> None:
    """Listed under "Senaste besluten", an undated decision would read as the newest, which its
    record does not say: the list holds the dated decisions, and says where the others are."""
    _undated_copy(tree)
    portal = _portal(tree.root)
    assert [f.ref.id for f in portal.latest] == ["omsorg-ab-2024", "omsorg-ab-2023"]
    group = portal.undated_decisions
    assert group is not None and (group.year, group.total, group.page) == (None, 1, "beslut/ar/utan-datum.md")
    every_dated = _portal()
    assert every_dated.latest == every_dated.followups and every_dated.undated_decisions is None


def test_a_decision_comes_before_the_result_follow_up_of_it_whatever_their_dates(tree: Tree) -> None:
    """A dated result follow-up of an undated decision joins the undated group right after it, so
    that the later decision still settles the earlier one's actions."""
    tree.replace("followups/omsorg-ab-2023.yml", "date: 2023-11-01\n", "")
    followups = check(tree.root, dt.date(2024, 6, 1)).dataset.followups
    assert [f.id for f in chronological(followups)] == ["omsorg-ab-2023", "omsorg-ab-2024"]
    portal = _portal(tree.root)
    assert [f.ref.id for f in portal.followups] == ["omsorg-ab-2024", "omsorg-ab-2023"]
    assert [(year.year, year.total) for year in portal.decision_years] == [(None, 1), (2024, 1)]
    (action,) = portal.actions
    assert action.resolution is not None and action.resolution.followup.id == "omsorg-ab-2024"


def _summary(portal: Portal, followup_id: str) -> DecisionSummary:
    (followup,) = (f for f in portal.followups if f.ref.id == followup_id)
    assert isinstance(followup, DecisionPageView)
    return followup.summary


def test_the_seed_decisions_summaries_say_what_the_decisions_say() -> None:
    portal = _seeds()
    summary = _summary(portal, "kvalitetsservice-voo-1905-2023")
    assert summary.subject == "Uppföljning av kvalitetskrav hos Kvalitetsservice enligt avtal Voo 1905/2023."
    assert summary.when == "Beslutets datum framgår inte av det publicerade beslutet."
    assert summary.result == "Utföraren uppfyllde 4 av 8 bedömda krav; 4 krav uppfylldes inte."
    assert [o.anchor for o in summary.shortcomings] == [
        "krav-lagar-forordningar-riktlinjer-och-utbildningar",
        "krav-egenkontroller",
        "krav-utredning-av-avvikelser-och-rapporteringsskyldighet",
        "krav-dokumentation",
    ]
    assert summary.demands == (
        "Åtgärdsplan: senast 2 januari 2024, till egetval@orebro.se.",
        "Handlingar: senast 1 april 2024, till egetval@orebro.se.",
    )
    assert summary.demands_note is None
    assert summary.announced == ("Enligt beslutet görs en resultatuppföljning efter 1 april 2024.",)
    assert (
        summary.not_followed_up
        == "Ingen resultatuppföljning av beslutet är publicerad här ännu (läget den 1 juni 2024)."
    )
    assert summary.identity == (
        "Beslutets datum framgår inte av det publicerade beslutet"
        " · Diarienumret framgår inte av det publicerade beslutet"
    )
    assert summary.address == "beslut/kvalitetsservice-voo-1905-2023/"
    result = _summary(portal, "sov-881-2022")
    assert result.subject == (
        "Resultatuppföljning av kvalitetskrav. Utförare och avtal eller överenskommelse: uppgift saknas."
    )
    assert result.when == "Beslutet är daterat 16 maj 2022."
    assert result.result == "Av 2 tidigare brister bedömdes 2 som åtgärdade."
    assert result.shortcomings == () and result.demands == () and result.not_followed_up is None
    assert result.demands_note == (
        "Enligt beslutet avslutas uppföljningen; någon tidsfrist för utföraren anges inte i beslutet."
    )
    assert result.earlier_unpublished == "Det tidigare beslutet är inte publicerat här."


def test_a_decision_page_shows_shortcomings_first() -> None:
    (followup,) = (f for f in _seeds().followups if f.ref.id == "kvalitetsservice-voo-1905-2023")
    assert [group.status for group in followup.groups] == [Status.NOT_MET, Status.MET]
    assert [(c.status, c.count) for c in followup.counts] == [(Status.MET, 4), (Status.NOT_MET, 4)], "lists keep theirs"


def test_a_published_result_follow_up_is_named_never_what_the_provider_did(tree: Tree) -> None:
    summary = _summary(_portal(tree.root), "omsorg-ab-2023")
    assert [ref.id for ref in summary.followed_up_by] == ["omsorg-ab-2024"]
    assert summary.followed_up_label == "Resultatuppföljningen är publicerad:"
    assert summary.not_followed_up is None
