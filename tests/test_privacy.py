"""Personal identity numbers anywhere in a record stop it, and say where; look-alikes do not."""

from __future__ import annotations

import pytest

from generator.pipeline import check
from generator.privacy import personal_numbers
from tests.conftest import AS_OF, SHIPPED, SHIPPED_AS_OF, Tree


@pytest.mark.parametrize(
    "text",
    [
        "811218-9876",
        "19811218-9876",
        "8112189876",
        "198112189876",
        "811218+9876",
        "kunden 811218 9876 ringde",
        "samordningsnummer 811278-9873",
    ],
)
def test_numbers_with_a_valid_check_digit_are_found(text: str) -> None:
    assert personal_numbers(text) == 1


@pytest.mark.parametrize(
    "text",
    [
        "811218-9875",  # wrong check digit
        "811318-9876",  # month 13
        "Voo 1905/2023",
        "mellan 2022-10-26 och 2023-10-26",
        "Sov 881/2022",
        "av urvalet på 10 larmloggar finns 90%",
    ],
)
def test_look_alikes_are_not(text: str) -> None:
    assert personal_numbers(text) == 0


def test_a_number_in_any_field_is_a_problem_at_its_line(tree: Tree) -> None:
    tree.replace("followups/omsorg-ab-2023.yml", "assessment: Rutinen följs.", "assessment: Kund 19811218-9876 nöjd.")
    tree.replace("providers/omsorg-ab.yml", "- Voo 1/2023", "- Voo 1/2023\nnote: 8112189876")
    problems = [f"{p.path}:{p.line}:{p.column}: {p.message}" for p in check(tree.root, AS_OF).problems]
    assert (
        "data/followups/omsorg-ab-2023.yml:16:17: `assessment` innehåller ett personnummer eller samordningsnummer"
        in problems
    )
    assert "data/providers/omsorg-ab.yml:5:7: `note` innehåller ett personnummer eller samordningsnummer" in problems


def test_shipped_data_has_none() -> None:
    assert check(SHIPPED, SHIPPED_AS_OF).problems == ()
