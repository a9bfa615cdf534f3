"""Charts are valid SVG with a text alternative, and their bars are to scale."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from generator.charts import BAR, share_chart
from generator.derive.views import Share

SVG = "{http://www.w3.org/2000/svg}"


def test_chart_is_svg_with_title_description_and_scaled_bars() -> None:
    figure = ET.fromstring(str(share_chart("test", "Andel <uppfyllda>", [Share("A & B", 1, 4), Share("C", 0, 0)])))
    svg = figure.find(f"{SVG}svg")
    assert svg is not None
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "test-title test-desc"
    assert svg.findtext(f"{SVG}title") == "Andel <uppfyllda>"
    assert svg.findtext(f"{SVG}desc") == "A & B: 1 av 4 krav uppfyllda (25 %); C: 0 av 0 krav uppfyllda (0 %)"
    bars = [int(rect.get("width", "")) for rect in svg.iter(f"{SVG}rect") if rect.get("class") == "kp-chart__bar"]
    assert bars == [BAR // 4, 0]
    assert figure.findtext("figcaption") == "Andel <uppfyllda>"
