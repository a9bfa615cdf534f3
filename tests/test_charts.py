"""Charts are valid SVG with a text alternative, their bars are to scale, every figure has its
base, and a chart is drawn only where there are two shares to compare."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from generator.charts import BAR, share_chart
from generator.derive.views import Share, ShareBand

SVG = "{http://www.w3.org/2000/svg}"


def test_chart_is_svg_with_title_description_and_scaled_bars() -> None:
    shares = [Share("A & B", 1, 4), Share("C", 0, 2), Share("D", 3, 3)]
    figure = ET.fromstring(str(share_chart("test", "Andel <uppfyllda>", shares)))
    svg = figure.find(f"{SVG}svg")
    assert svg is not None
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "test-title test-desc"
    assert svg.findtext(f"{SVG}title") == "Andel <uppfyllda>"
    assert svg.findtext(f"{SVG}desc") == (
        "A & B: 25 % (1 av 4 bedömda krav); C: 0 % (0 av 2 bedömda krav); D: 100 % (3 av 3 bedömda krav)"
    )
    bars = _bar_widths(svg)
    assert bars == [BAR // 4, 0, BAR]
    values = _value_labels(svg)
    assert values == ["25 % (1 av 4)", "0 % (0 av 2)", "100 % (3 av 3)"]
    assert figure.findtext("figcaption") == "Andel <uppfyllda>"


def test_one_bar_compares_nothing_and_makes_no_chart() -> None:
    assert str(share_chart("x", "Andel", [Share("Uppföljning, 1 mars 2024", 1, 2)])) == ""
    unknown = Share("Uppföljning, 1 mars 2025", 0, 3, complete=False)
    assert str(share_chart("x", "Andel", [Share("Uppföljning, 1 mars 2024", 1, 2), unknown])) == ""


def test_a_share_from_one_decision_is_drawn_as_its_counts_without_a_bar() -> None:
    """Per area and year, one decision's "1 av 1" is no level for the year: no bar, no percentage."""
    shares = [Share("2022", 1, 1, decisions=1), Share("2023", 1, 2, decisions=2), Share("2024", 3, 4, decisions=3)]
    svg = ET.fromstring(str(share_chart("x", "Andel", shares))).find(f"{SVG}svg")
    assert svg is not None
    bars = _bar_widths(svg)
    assert bars == [0, BAR // 2, BAR * 3 // 4]
    values = _value_labels(svg)
    assert values == ["1 av 1, ett beslut", "50 % (1 av 2)", "75 % (3 av 4)"]
    assert svg.findtext(f"{SVG}desc", "").startswith(
        "2022: 1 av 1 bedömda krav i 1 beslut; ingen andel anges för ett enda beslut;"
        " 2023: 50 % (1 av 2 bedömda krav i 2 beslut)"
    )
    assert "100 %" not in ET.tostring(svg, encoding="unicode")


def test_a_band_is_drawn_as_its_part_of_the_providers_and_says_a_count_not_a_share() -> None:
    bands = [ShareBand("0 till under 10 %", 0, 8), ShareBand("10 till under 20 %", 2, 8), ShareBand("100 %", 6, 8)]
    svg = ET.fromstring(str(share_chart("band", "Antal utförare", bands))).find(f"{SVG}svg")
    assert svg is not None
    bars = _bar_widths(svg)
    assert bars == [0, BAR // 4, BAR * 3 // 4]
    values = _value_labels(svg)
    assert values == ["0 utförare", "2 utförare", "6 utförare"]
    assert (
        svg.findtext(f"{SVG}desc") == "0 till under 10 %: 0 utförare; 10 till under 20 %: 2 utförare; 100 %: 6 utförare"
    )
    assert "%)" not in ET.tostring(svg, encoding="unicode"), "no band reads as a share of requirements"


def _bar_widths(svg: ET.Element) -> list[int]:
    return [int(rect.get("width", "")) for rect in svg.iter(f"{SVG}rect") if rect.get("class") == "kp-chart__bar"]


def _value_labels(svg: ET.Element) -> list[str | None]:
    return [text.text for text in svg.iter(f"{SVG}text") if text.get("class") == "kp-chart__value"]
