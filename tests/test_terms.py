"""generator/terms.py: each glossary term explained at its first occurrence in each section."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

from generator.terms import read_glossary
from tests.conftest import ROOT

GLOSSARY = """

*[IVO]: IVO: Inspektionen för vård och omsorg.
*[avvikelse]: Avvikelse: en händelse som ska utredas.
*[avvikelser]: Avvikelse: en händelse som ska utredas.
"""


def converted(text: str) -> str:
    return markdown.markdown(text + GLOSSARY, extensions=["abbr", "generator.terms", "toc", "tables"])


def explained(html: str) -> list[str]:
    return re.findall(r'<abbr title="[^"]*">([^<]*)</abbr>', html)


def test_a_term_is_explained_at_its_first_occurrence_and_read_as_text_after_it() -> None:
    html = converted("Anmält till IVO. IVO svarade, och **IVO** skrev igen.\n\nSedan kom IVO.")
    assert explained(html) == ["IVO"]
    assert html.startswith('<p>Anmält till <abbr title="IVO: Inspektionen för vård och omsorg.">IVO</abbr>. IVO')
    assert "<strong>IVO</strong> skrev igen.</p>\n<p>Sedan kom IVO.</p>" in html


def test_each_section_explains_its_terms_again() -> None:
    table = "| krav | IVO |\n| --- | --- |\n| IVO | x |"
    html = converted(f"IVO och IVO.\n\n## Bedömning\n\nIVO.\n\n{table}\n\n### Krav\n\nIVO.")
    assert explained(html) == ["IVO", "IVO", "IVO"]
    assert "<th>IVO</th>" in html and "<td>IVO</td>" in html  # the table is in the section its text explained


def test_forms_of_a_term_with_one_explanation_are_one_term() -> None:
    html = converted("En avvikelse och två avvikelser, och IVO.")
    assert explained(html) == ["avvikelse", "IVO"]
    assert "två avvikelser, och" in html


def test_a_term_in_a_heading_explains_it_for_the_section_it_begins() -> None:
    html = converted("# Om IVO\n\nIVO granskar.")
    assert explained(html) == ["IVO"]
    assert '<h1 id="om-ivo">Om <abbr' in html and "<p>IVO granskar.</p>" in html


def test_the_text_around_an_unmarked_term_is_kept_whole() -> None:
    text = "IVO, IVO; *IVO* IVO\n\n- IVO i en lista\n- och IVO"
    html = converted(text)
    plain = re.sub(r"<[^>]+>", "", html)
    assert plain == "IVO, IVO; IVO IVO\n\nIVO i en lista\noch IVO\n"


def test_the_glossary_file_explains_terms_as_definitions_on_the_page_would(tmp_path: Path) -> None:
    """generator.terms hands abbr the glossary instead of each page carrying it: same HTML."""
    glossary = tmp_path / "abbreviations.md"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    text = "# Om IVO\n\nEn avvikelse, två avvikelser; IVO.\n\n## Mer\n\nAvvikelser hos IVO."
    configured = markdown.markdown(
        text,
        extensions=["abbr", "generator.terms", "toc"],
        extension_configs={"generator.terms": {"glossary": glossary}},
    )
    assert configured == converted(text)
    assert explained(configured) == ["IVO", "avvikelse", "IVO"]


def test_the_shipped_glossary_is_read_whole() -> None:
    path = ROOT / "includes" / "abbreviations.md"
    definitions = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("*[")]
    glossary = read_glossary(path)
    assert len(glossary) == len(definitions)
    assert glossary["IVO"].startswith("IVO: Inspektionen för vård och omsorg")


def test_a_missing_glossary_or_abbr_is_said(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"Ordlistans fil kan inte läsas: .*saknas\.md"):
        markdown.markdown(
            "x",
            extensions=["abbr", "generator.terms"],
            extension_configs={"generator.terms": {"glossary": tmp_path / "saknas.md"}},
        )
    with pytest.raises(ValueError, match="needs abbr"):
        markdown.markdown("x", extensions=["generator.terms"], extension_configs={"generator.terms": {"glossary": "x"}})
