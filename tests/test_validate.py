"""The validator: schema problems on the right line, cross-references, consistency of a decision."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import re
import weakref
from collections.abc import Iterator
from typing import Any, cast, get_args, get_origin

import pytest
from pydantic import BaseModel, ValidationError

from generator.crosscheck import Sourced, follow_up_cycles
from generator.document import Document, Path_
from generator.kinds import KINDS
from generator.load import read_tree
from generator.model import FollowUp
from generator.pipeline import check
from generator.validate import check_schema, validate
from tests.conftest import AS_OF, MINIMAL, SHIPPED, SHIPPED_AS_OF, Tree

FOLLOWUP = "followups/omsorg-ab-2023.yml"
RESULT = "followups/omsorg-ab-2024.yml"
BASIS = "basis: {kind: contract, number: Voo 1/2023}\n"


def _problems(tree: Tree) -> list[str]:
    return [f"{p.path}:{p.line}:{p.column}: {p.message}" for p in check(tree.root, AS_OF).problems]


def test_shipped_and_fixture_data_are_valid() -> None:
    for root, as_of in ((SHIPPED, SHIPPED_AS_OF), (MINIMAL, AS_OF)):
        checked = check(root, as_of)
        assert checked.problems == ()
        assert checked.dataset.record_count == len(list(root.rglob("*.yml"))) == checked.files


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (
            FOLLOWUP,
            "status: met",
            "status: uppfyller",
            "data/followups/omsorg-ab-2023.yml:14:13: `uppfyller` är inget tillåtet värde för `status`",
        ),
        (
            FOLLOWUP,
            "kind: follow_up",
            "kind: follow_up\nfoo: 1",
            "data/followups/omsorg-ab-2023.yml:3:1: okänt fält `foo`",
        ),
        (
            FOLLOWUP,
            "introduction: Enheten har följt upp kvalitetskrav.\n",
            "",
            "data/followups/omsorg-ab-2023.yml:1:1: fältet `introduction` saknas",
        ),
        (FOLLOWUP, "  name: Anna Controller\n", "", "data/followups/omsorg-ab-2023.yml:48:3: fältet `name` saknas"),
        (
            "requirements/hygien.yml",
            'sections: ["3.10"]',
            "sections: [3.10]",
            "data/requirements/hygien.yml:7:16: `3.10` lästes av YAML som ett decimaltal, inte som text",
        ),
        (
            "requirements/hygien.yml",
            "title: Hygien",
            "title: no",
            "data/requirements/hygien.yml:2:8: `no` lästes av YAML som ett sanningsvärde, inte som text",
        ),
        (
            FOLLOWUP,
            "date: 2023-11-01",
            "date: 1 november 2023",
            "data/followups/omsorg-ab-2023.yml:4:7: `1 november 2023` är inget datum",
        ),
        (
            FOLLOWUP,
            "date: 2023-11-01",
            'date: "2023-11-01"',
            'data/followups/omsorg-ab-2023.yml:4:7: `date` ska vara ett datum, fick texten "2023-11-01"',
        ),
        (
            FOLLOWUP,
            "value: 73",
            "value: 73%",
            "data/followups/omsorg-ab-2023.yml:27:16: `value` ska vara ett tal, fick `73%`",
        ),
        (
            FOLLOWUP,
            "id: omsorg-ab-2023",
            "id: Omsorg AB",
            "data/followups/omsorg-ab-2023.yml:1:5: `Omsorg AB` har fel form",
        ),
        (
            FOLLOWUP,
            "case_number: Sov 10/2023",
            "case_number: SOV-10-2023",
            "data/followups/omsorg-ab-2023.yml:3:14: `SOV-10-2023` har fel form",
        ),
        (FOLLOWUP, "outcomes:\n", "outcomes: []\nx:\n", "data/followups/omsorg-ab-2023.yml:12:1: okänt fält `x`"),
        (
            FOLLOWUP,
            "introduction: Enheten",
            "introduktion: Enheten",
            "data/followups/omsorg-ab-2023.yml:10:1: okänt fält `introduktion`",
        ),
        (
            FOLLOWUP,
            "date: 2023-11-01",
            "date: 2024-06-02",
            "data/followups/omsorg-ab-2023.yml:4:7: beslutsdatumet 2024-06-02 ligger efter 2024-06-01",
        ),
        (
            FOLLOWUP,
            "provider: omsorg-ab",
            "provider: omsorg",
            "data/followups/omsorg-ab-2023.yml:5:11: okänd utförare `omsorg`",
        ),
        (
            FOLLOWUP,
            "requirement: hygien",
            "requirement: hygiene",
            "data/followups/omsorg-ab-2023.yml:12:18: okänt krav `hygiene`",
        ),
        (
            FOLLOWUP,
            "requirement_version: v1",
            "requirement_version: v9",
            "data/followups/omsorg-ab-2023.yml:13:26: kravet `hygien` har ingen version `v9`",
        ),
        (
            FOLLOWUP,
            "number: Voo 1/2023",
            "number: Voo 9/2023",
            "data/followups/omsorg-ab-2023.yml:6:33: diarienumret Voo 9/2023 finns inte bland utförarens avtal och"
            " överenskommelser (Voo 1/2023)",
        ),
        (
            FOLLOWUP,
            "status: met",
            "status: remedied",
            "data/followups/omsorg-ab-2023.yml:14:13: statusen `remedied` hör inte till en uppföljning",
        ),
        (
            FOLLOWUP,
            "    required_action: Skicka in en åtgärdsplan.\n",
            "",
            "data/followups/omsorg-ab-2023.yml:19:13: en brist utan åtgärd",
        ),
        (
            FOLLOWUP,
            "outcome: action_plan_required",
            "outcome: closed",
            "data/followups/omsorg-ab-2023.yml:39:12: beslutet avslutar uppföljningen men 1 krav har brister",
        ),
        (
            "providers/omsorg-ab.yml",
            "id: omsorg-ab",
            "id: omsorg-bc",
            "data/providers/omsorg-ab.yml:1:5: id `omsorg-bc` stämmer inte med filnamnet `omsorg-ab.yml`",
        ),
        (
            RESULT,
            "follows_up: omsorg-ab-2023",
            "follows_up: omsorg-ab-2022",
            "data/followups/omsorg-ab-2024.yml:7:13: okänt tidigare beslut `omsorg-ab-2022`",
        ),
        (
            RESULT,
            "follows_up: omsorg-ab-2023",
            "follows_up: omsorg-ab-2024",
            "data/followups/omsorg-ab-2024.yml:7:13: beslutet följer upp sig självt",
        ),
        (
            RESULT,
            "date: 2024-05-02",
            "date: 2023-05-02",
            "data/followups/omsorg-ab-2024.yml:4:7: beslutet är daterat före beslutet det följer upp (2023-11-01)",
        ),
        (
            RESULT,
            "status: remedied",
            "status: not_met",
            "data/followups/omsorg-ab-2024.yml:17:13: statusen `not_met` hör inte till en resultatuppföljning",
        ),
        (
            RESULT,
            "kind: result_follow_up",
            "kind: follow_up",
            "data/followups/omsorg-ab-2024.yml:7:13: bara en resultatuppföljning följer upp ett tidigare beslut",
        ),
    ],
)
def test_problem_is_reported_at_its_line(tree: Tree, file: str, old: str, new: str, expected: str) -> None:
    tree.replace(file, old, new)
    problems = _problems(tree)
    assert any(problem.startswith(expected) for problem in problems), problems


def test_result_follow_up_of_a_requirement_never_found_wanting(tree: Tree) -> None:
    tree.replace(RESULT, "requirement: dokumentation", "requirement: hygien")
    assert _problems(tree) == [
        "data/followups/omsorg-ab-2024.yml:14:18: kravet `hygien` hade ingen brist i omsorg-ab-2023",
    ]


def test_two_records_with_one_id(tree: Tree) -> None:
    tree.write("providers/nested/omsorg-ab.yml", tree.path("providers/omsorg-ab.yml").read_text())
    assert _problems(tree) == [
        "data/providers/omsorg-ab.yml:1:5: id `omsorg-ab` används redan i data/providers/nested/omsorg-ab.yml",
    ]


def test_every_problem_of_every_file_in_one_run(tree: Tree) -> None:
    tree.replace(FOLLOWUP, "status: met", "status: ok")
    tree.replace(RESULT, "heading: 3.7 Dokumentation", "heading: 3.7 Dokumentation\n    heading: igen")
    tree.replace("requirements/hygien.yml", "area: Hygien", "area: 2024-01-01")
    tree.write("providers/broken.yml", "id: broken\nname: [unclosed\n")
    problems = _problems(tree)
    assert [p.split(": ")[0] for p in problems] == [
        "data/followups/omsorg-ab-2023.yml:14:13",
        "data/followups/omsorg-ab-2024.yml:17:5",
        "data/providers/broken.yml:3:1",
        "data/requirements/hygien.yml:3:7",
    ]


def test_each_document_is_let_go_once_checked(tree: Tree) -> None:
    """What keeps a build's memory to its records: of a Reading's documents (their values and
        every value's position), at most the last is still held when the next one is read (the
    loops' variables hold it until they move on); a problem between
        records is still placed at its line (test_two_records_with_one_id)."""
    reading = read_tree(tree.root)
    documents = reading.documents
    read: list[weakref.ref[Document]] = []
    held_when_the_next_was_read: list[int] = []

    def watched() -> Iterator[Document]:
        for document in documents:
            gc.collect()
            held_when_the_next_was_read.append(sum(ref() is not None for ref in read))
            read.append(weakref.ref(document))
            yield document

    reading.documents = watched()
    validated = validate(reading, AS_OF)
    assert len(read) == validated.dataset.record_count > 3
    assert max(held_when_the_next_was_read) == 1


def test_reference_to_a_broken_file_is_not_reported_twice(tree: Tree) -> None:
    tree.replace("providers/omsorg-ab.yml", "name: Omsorg AB", "name:")
    assert _problems(tree) == ["data/providers/omsorg-ab.yml:2:6: `name` är inte ifyllt"]


def test_unknown_field_suggests_the_closest_name(tree: Tree) -> None:
    tree.replace(FOLLOWUP, "signed_by:", "signed_bye:")
    hints = [p.hint for p in check(tree.root, AS_OF).problems]
    assert "menade du `signed_by`? Annars: ta bort fältet" in hints


def test_control_character_in_text_is_reported(tree: Tree) -> None:
    tree.replace(FOLLOWUP, "assessment: Rutinen följs.", 'assessment: "Rutinen\\u0003 följs."')
    assert _problems(tree) == ["data/followups/omsorg-ab-2023.yml:16:17: `assessment` innehåller styrtecknet U+0003"]


def test_reply_and_correction_dates_every_problem_in_one_run(tree: Tree) -> None:
    tree.replace(FOLLOWUP, "      date: 2023-11-20", "      date: 2023-10-20")
    tree.replace(FOLLOWUP, "  date: 2023-11-24", "  date: 2024-06-02")
    tree.replace(FOLLOWUP, "  - date: 2023-11-08", "  - date: 2023-11-30")
    tree.replace(FOLLOWUP, "  - date: 2023-12-15", "  - date: 2023-11-10")
    tree.write(
        "followups/omsorg-ab-2023.yml",
        tree.path(FOLLOWUP).read_text(encoding="utf-8")
        + "  - date: 2023-10-30\n    change: Ännu en rättelse.\n    reason: Test.\n"
        + "  - date: 2024-06-05\n    change: En rättelse i framtiden.\n    reason: Test.\n",
    )
    assert _problems(tree) == [
        "data/followups/omsorg-ab-2023.yml:33:13: svarsdatumet 2023-10-20 ligger före beslutsdatumet 2023-11-01",
        "data/followups/omsorg-ab-2023.yml:51:9: svarsdatumet 2024-06-02 ligger efter 2024-06-01",
        "data/followups/omsorg-ab-2023.yml:57:11: rättelsens datum 2023-11-10 ligger före den föregående rättelsens"
        " (2023-11-30)",
        "data/followups/omsorg-ab-2023.yml:60:11: rättelsens datum 2023-10-30 ligger före beslutsdatumet 2023-11-01",
        "data/followups/omsorg-ab-2023.yml:63:11: rättelsens datum 2024-06-05 ligger efter 2024-06-01",
    ]


def test_reply_and_corrections_of_an_undated_decision_are_not_compared_with_its_date(tree: Tree) -> None:
    tree.replace(FOLLOWUP, "date: 2023-11-01\n", "")
    tree.replace(FOLLOWUP, "      date: 2023-11-20", "      date: 2020-01-01")
    tree.replace(FOLLOWUP, "  - date: 2023-11-08", "  - date: 2020-01-01")
    tree.replace(RESULT, "follows_up: omsorg-ab-2023\n", "")
    assert _problems(tree) == []


def test_reply_needs_its_date_and_text(tree: Tree) -> None:
    tree.replace(FOLLOWUP, "  date: 2023-11-24\n", "")
    tree.replace(FOLLOWUP, "    reason: Skrivfel i det publicerade beslutet.\n", "")
    assert _problems(tree) == [
        "data/followups/omsorg-ab-2023.yml:51:3: fältet `date` saknas",
        "data/followups/omsorg-ab-2023.yml:53:5: fältet `reason` saknas",
    ]


def test_next_follow_up_must_come_after_the_decision(tree: Tree) -> None:
    tree.replace(FOLLOWUP, BASIS, BASIS + "next_follow_up: 2023-11-01\n")
    assert _problems(tree) == [
        "data/followups/omsorg-ab-2023.yml:7:17: "
        "nästa uppföljning 2023-11-01 ligger inte efter beslutsdatumet 2023-11-01"
    ]


def test_interval_is_whole_years_from_one_to_ten(tree: Tree) -> None:
    tree.replace(FOLLOWUP, BASIS, BASIS + "follow_up_interval_years: 0\n")
    (problem,) = _problems(tree)
    assert problem.startswith("data/followups/omsorg-ab-2023.yml:7:27: ")


# --- every schema error in Swedish ----------------------------------------------------

WRONG_VALUES: tuple[object, ...] = (
    None,
    "",
    "fel",
    "2024-01-02",
    "x" * 20_001,
    "a\ud800b",
    -1,
    0,
    11,
    1.5,
    float("inf"),
    float("nan"),
    10**30,
    True,
    dt.date(2024, 1, 2),
    dt.datetime(2024, 1, 2, 10, 30),
    [],
    [None],
    [1],
    ["fel"],
    [{}],
    {},
    {"okänt": 1},
)
"""A wrong value of every kind that YAML can give, for fields of every type the models declare."""

ENGLISH = re.compile(
    r"\b(input|should|valid|unable|field|expected|value|error|type|string|integer|number|least|most|greater|less"
    r"|equal|characters?|items?|object|dictionary|list|tuple|parse|unicode|allowed|extra|permitted|missing|required"
    r"|finite|date|format)\b",
    re.IGNORECASE,
)


def _field_paths(model: type[BaseModel], prefix: Path_ = ()) -> Iterator[Path_]:
    """Every field of a model and of the models inside it, as a path into a record."""
    for name, info in model.model_fields.items():
        yield (*prefix, name)
        for nested, many in _nested_models(info.annotation):
            yield from _field_paths(nested, (*prefix, name, *((0,) if many else ())))


def _nested_models(annotation: object, many: bool = False) -> Iterator[tuple[type[BaseModel], bool]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation, many
    for argument in get_args(annotation):
        yield from _nested_models(argument, many or get_origin(annotation) is tuple)


def _nest(path: Path_, value: object) -> Any:
    """The smallest record that holds value at path."""
    for part in reversed(path):
        value = [value] if isinstance(part, int) else {part: value}
    return value


@pytest.mark.slow
def test_every_schema_error_of_every_field_is_in_swedish() -> None:
    seen: set[str] = set()
    english: set[str] = set()
    for kind in KINDS:
        for path in _field_paths(kind.model):
            for wrong in WRONG_VALUES:
                document = Document(f"data/{kind.folder}/x.yml", kind.folder, _nest(path, wrong))
                try:
                    kind.model.model_validate(document.data)
                except ValidationError as error:
                    seen.update(detail["type"] for detail in error.errors())
                for problem in check_schema(document)[1]:
                    text = re.sub(r"`[^`]*`", "", f"{problem.message} {problem.hint}")
                    if ENGLISH.search(text):
                        english.add(f"{path} = {wrong!r}: {problem.message} → {problem.hint}")
    assert seen >= {
        *("missing", "extra_forbidden", "model_type", "tuple_type", "too_short", "enum", "date_type"),
        *("string_type", "string_too_short", "string_too_long", "string_pattern_mismatch", "string_unicode"),
        *("int_type", "float_type", "finite_number", "greater_than_equal", "less_than_equal"),
    }, "the wrong values no longer reach every kind of error the models can give"
    assert not english, "\n".join(sorted(english))


# --- impossible facts -------------------------------------------------------------------


def test_impossible_dates_and_shares_every_problem_in_one_run(tree: Tree) -> None:
    tree.replace(FOLLOWUP, "      date: 2024-01-02", "      date: 2023-01-02")
    tree.replace(FOLLOWUP, "value: 73", "value: 730")
    tree.replace(FOLLOWUP, "{start: 2022-11-01, end: 2023-11-01}", "{start: 2023-12-01, end: 2023-11}")
    tree.replace(RESULT, "{start: 2024-02, end: 2024-04}", "{start: 2024-02-10, end: 2024-02}")
    assert _problems(tree) == [
        "data/followups/omsorg-ab-2023.yml:27:16: andelen 730 % är större än 100 %",
        "data/followups/omsorg-ab-2023.yml:31:25: perioden börjar 2023-12-01, efter beslutsdatumet 2023-11-01",
        "data/followups/omsorg-ab-2023.yml:31:42: perioden slutar 2023-11 men börjar 2023-12-01",
        "data/followups/omsorg-ab-2023.yml:43:13: datumet 2023-01-02 ligger före beslutsdatumet 2023-11-01",
    ]


def test_requirement_versions_in_force_and_in_order(tree: Tree) -> None:
    tree.replace("requirements/hygien.yml", "    sections:", "    valid_from: 2023-12-01\n    sections:")
    tree.replace("requirements/dokumentation.yml", "valid_from: 2024-01-01", "valid_from: 2022-12-31")
    assert _problems(tree) == [
        "data/followups/omsorg-ab-2023.yml:13:26: versionen `v1` gäller från 2023-12-01, efter beslutsdatumet"
        " 2023-11-01",
        "data/requirements/dokumentation.yml:11:17: versionen gäller från 2022-12-31, före den föregående versionen"
        " (2023-01-01)",
    ]


def _circle_of_result_follow_ups(tree: Tree, *ids: str) -> None:
    """Result follow-ups that are each consistent with the one they follow up, each following the next
    and the last the first."""
    text = (MINIMAL / RESULT).read_text(encoding="utf-8")
    text = text.replace("status: remedied", "status: remains\n    required_action: Åtgärda.")
    text = text.replace("outcome: closed", "outcome: action_plan_required")
    for record_id, follows in zip(ids, [*ids[1:], ids[0]], strict=True):
        own = text.replace("id: omsorg-ab-2024", f"id: {record_id}")
        tree.write(f"followups/{record_id}.yml", own.replace("follows_up: omsorg-ab-2023", f"follows_up: {follows}"))


def test_decisions_that_follow_each_other_up_in_a_circle(tree: Tree) -> None:
    _circle_of_result_follow_ups(tree, "omsorg-ab-2024", "omsorg-ab-2024-b")
    _circle_of_result_follow_ups(tree, "omsorg-ab-c1", "omsorg-ab-c2", "omsorg-ab-c3")
    assert _problems(tree) == [
        "data/followups/omsorg-ab-2024.yml:7:13: besluten följer upp varandra i en cirkel:"
        " omsorg-ab-2024 → omsorg-ab-2024-b → omsorg-ab-2024",
        "data/followups/omsorg-ab-c3.yml:7:13: besluten följer upp varandra i en cirkel:"
        " omsorg-ab-c3 → omsorg-ab-c1 → omsorg-ab-c2 → omsorg-ab-c3",
    ]


@dataclasses.dataclass(frozen=True)
class _Link:
    """The two fields of a decision that the circle check reads; a real FollowUp takes long to make."""

    id: str
    follows_up: str | None


class _CountedId(str):
    """A decision's id that counts how often it is hashed: every step of a walk along `follows_up`
    looks ids up in dicts and sets, so the count is the walk's length, whatever the machine."""

    hashed = 0

    def __hash__(self) -> int:
        _CountedId.hashed += 1
        return str.__hash__(self)


def test_a_circle_of_two_thousand_decisions_is_found_in_linear_time() -> None:
    """The walk visits each decision once: a few lookups per decision, where a walk started again
    from each decision would make about two million."""
    ids = [_CountedId(f"b{n}") for n in range(2_000)]
    links = [_Link(record_id, ids[n - 1]) for n, record_id in enumerate(ids)] + [_Link(_CountedId("a"), None)]
    followups = [Sourced(cast(FollowUp, link), Document(f"{link.id}.yml", "followups", {})) for link in links]
    _CountedId.hashed = 0
    (problem,) = follow_up_cycles(followups)
    assert _CountedId.hashed < 20 * len(links)
    assert problem.path == "b1999.yml"
    assert problem.message == (
        "besluten följer upp varandra i en cirkel: b1999 → b1998 → b1997 → b1996 → b1995 → b1994"
        " → … (2000 beslut) → b1999"
    )


# --- pages that would share an address ----------------------------------------------


def test_ids_that_the_portal_s_own_pages_take_are_refused(tree: Tree) -> None:
    tree.write("providers/index.yml", "id: index\nname: Index AB\n")
    tree.replace(FOLLOWUP, "id: omsorg-ab-2023\n", "id: omsorg-ab-2023\nprevious_ids: [ar]\n")
    tree.replace("requirements/hygien.yml", "id: hygien\n", "id: hygien\nprevious_ids:\n  - index\n")
    assert _problems(tree) == [
        "data/followups/omsorg-ab-2023.yml:2:16: `ar` kan inte vara id: adressen beslut/ar/ hör till portalens"
        " egna sidor",
        "data/providers/index.yml:1:5: `index` kan inte vara id: adressen utforare/index/ hör till portalens"
        " egna sidor",
        "data/requirements/hygien.yml:3:5: `index` kan inte vara id: adressen krav/index/ hör till portalens"
        " egna sidor",
    ]


def test_areas_whose_pages_would_share_an_address(tree: Tree) -> None:
    tree.replace("requirements/dokumentation.yml", "area: Ledningssystem för kvalitet", "area: HYGIEN!")
    assert _problems(tree) == [
        "data/requirements/hygien.yml:3:7: området `Hygien` får samma adress (jamforelse/omrade-hygien.md) som"
        " området `HYGIEN!` i data/requirements/dokumentation.yml",
    ]


def test_an_area_name_too_long_for_a_file_name(tree: Tree) -> None:
    tree.replace("requirements/hygien.yml", "area: Hygien", "area: " + "Hygien " * 40)
    assert _problems(tree) == ["data/requirements/hygien.yml:3:7: `area` får vara högst 100 tecken långt"]


# --- messages -----------------------------------------------------------------------


def test_an_upper_limit_in_swedish(tree: Tree) -> None:
    tree.replace(FOLLOWUP, BASIS, BASIS + "follow_up_interval_years: 11\n")
    assert _problems(tree) == [
        "data/followups/omsorg-ab-2023.yml:7:27: `follow_up_interval_years` ska vara högst 10, fick `11`",
    ]


def test_a_month_in_year_zero_is_refused_not_compared(tree: Tree) -> None:
    """Periods are compared as days; a month with no first day must stop at the schema."""
    tree.replace(RESULT, "{start: 2024-02, end: 2024-04}", "{start: 0000-02, end: 2024-04}")
    assert _problems(tree) == ["data/followups/omsorg-ab-2024.yml:27:25: `0000-02` har fel form"]


# --- drafts ---------------------------------------------------------------------------------


def _draft(tree: Tree, file: str) -> None:
    first = tree.path(file).read_text(encoding="utf-8").splitlines()[0]
    tree.replace(file, f"{first}\n", f"{first}\ndraft: true\n")


def test_a_published_decision_may_not_depend_on_a_draft(tree: Tree) -> None:
    _draft(tree, "providers/omsorg-ab.yml")
    _draft(tree, FOLLOWUP)  # a draft of a draft provider: neither is published
    assert _problems(tree) == [
        "data/followups/omsorg-ab-2024.yml:5:11: utföraren `omsorg-ab` är ett utkast som inte publiceras",
        "data/followups/omsorg-ab-2024.yml:7:13: beslutet `omsorg-ab-2023` som följs upp är ett utkast som inte"
        " publiceras",
    ]
    hints = [problem.hint for problem in check(tree.root, AS_OF).problems]
    assert hints[0] == (
        "publicera det först (granska data/providers/omsorg-ab.yml mot originalet och ta bort `draft: true`),"
        " eller gör även det här beslutet till ett utkast med `draft: true`"
    )
    _draft(tree, RESULT)
    assert _problems(tree) == []


def test_a_draft_may_follow_up_a_published_decision(tree: Tree) -> None:
    _draft(tree, RESULT)
    checked = check(tree.root, AS_OF)
    assert checked.problems == ()
    assert [f.id for f in checked.dataset.followups] == ["omsorg-ab-2023"]


def test_a_requirement_may_not_quote_a_draft(tree: Tree) -> None:
    _draft(tree, RESULT)
    tree.replace(
        "requirements/hygien.yml",
        "    contract: Voo 1/2023\n",
        "    contract: Voo 1/2023\n    quoted_from: omsorg-ab-2024\n",
    )
    assert _problems(tree) == [
        "data/requirements/hygien.yml:7:18: beslutet `omsorg-ab-2024` är ett utkast som inte publiceras"
    ]


def test_a_draft_that_the_schema_refuses_is_still_a_draft_to_refer_to(tree: Tree) -> None:
    """A marker in a typed field leaves the draft without a model; it is a draft all the same."""
    _draft(tree, FOLLOWUP)
    tree.replace(FOLLOWUP, "date: 2023-11-01", "date: att fylla i")
    assert _problems(tree) == [
        "data/followups/omsorg-ab-2024.yml:7:13: beslutet `omsorg-ab-2023` som följs upp är ett utkast som inte"
        " publiceras",
    ]
