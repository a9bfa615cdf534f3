"""The importer against the two seed decisions: the drafts must state nothing the shipped
records (as a controller wrote them) do not, and fill at least 90 % of what those records fill."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.exports import open_data
from generator.importing.batch import import_paths
from generator.model import TO_FILL
from generator.pipeline import check, generate
from generator.text import ItemList, Paragraph, SubHeading, blocks
from tests import pdfs
from tests.open_data import text_of

HERE = Path(__file__).parent
SEEDS = HERE / "seeds"
ARCHIVE = HERE / "fixtures" / "archive"
SEED_RECORDS = {
    "000_kvalitetsservice.txt": "kvalitetsservice-voo-1905-2023",
    "001_sov-881-2022.txt": "sov-881-2022",
}
NOT_COMPARED = {"draft", "original"}
"""The draft's own marks: the shipped records are published, and keep no original."""


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(ARCHIVE / "data", data)
    return data


def imported(tree: Path, *sources: Path, provider: str | None = None) -> list[str]:
    said: list[str] = []
    import_paths(list(sources), tree, provider, said.append)
    return said


def fields(record: Mapping[str, Any]) -> dict[str, object]:
    """A record's leaf fields by path. Outcomes are keyed by requirement and deadlines by kind,
    so that order is compared apart; text is compared as the text rule reads it."""
    return dict(_leaves(record, ""))


def _leaves(value: object, path: str) -> Iterator[tuple[str, object]]:
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield from _leaves(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, f"{path}[{_key(item, index)}]")
    elif isinstance(value, str):
        yield path, _as_read(value)
    else:
        yield path, value


def _key(item: object, index: int) -> str:
    if isinstance(item, Mapping) and isinstance(item.get("requirement"), str) and item["requirement"] != TO_FILL:
        return str(item["requirement"])
    if isinstance(item, Mapping) and "kind" in item and "date" in item:
        return str(item["kind"])
    return str(index)


def _as_read(text: str) -> object:
    """Text as the site reads it: its paragraphs, sub-headings and lists, spaces collapsed."""
    if text == TO_FILL:
        return TO_FILL
    return tuple(_block(block) for block in blocks(text))


def _block(block: Paragraph | SubHeading | ItemList) -> tuple[str, ...]:
    if isinstance(block, ItemList):
        return ("list", *(" ".join(item.split()) for item in block.items))
    return (type(block).__name__, " ".join(block.text.split()))


def comparison(draft: Mapping[str, Any], shipped: Mapping[str, Any]) -> tuple[int, int, list[str]]:
    """(fields equal, fields the shipped record fills, what the draft states wrongly)."""
    ours, theirs = fields(draft), fields(shipped)
    equal = sum(1 for path, value in theirs.items() if ours.get(path) == value)
    wrong = [
        f"{path}: {value!r} ≠ {theirs.get(path, '(saknas i posten)')!r}"
        for path, value in ours.items()
        if path not in NOT_COMPARED and value != TO_FILL and theirs.get(path) != value
    ]
    return equal, len(theirs), wrong


def test_the_seed_drafts_state_nothing_wrong_and_fill_nine_tenths(tree: Path) -> None:
    imported(tree, SEEDS)
    total_equal = total = 0
    for name, record_id in SEED_RECORDS.items():
        draft = yaml.safe_load((tree / "followups" / f"{record_id}.yml").read_text(encoding="utf-8"))
        shipped = yaml.safe_load((ARCHIVE / "expected" / f"{record_id}.yml").read_text(encoding="utf-8"))
        equal, filled, wrong = comparison(draft, shipped)
        print(f"{name}: {equal} av {filled} fält lika ({equal / filled:.0%})")
        assert not wrong, f"{name}: utkastet påstår fel:\n" + "\n".join(wrong)
        assert [o["heading"] for o in draft["outcomes"]] == [o["heading"] for o in shipped["outcomes"]]
        total_equal, total = total_equal + equal, total + filled
    print(f"sammanlagt: {total_equal} av {total} fält lika ({total_equal / total:.1%})")
    assert total_equal / total >= 0.9


def test_the_comparison_catches_a_wrong_value() -> None:
    shipped = {"outcomes": [{"requirement": "x", "status": "met", "assessment": "A.\n\nB."}]}
    assert comparison(shipped, shipped) == (3, 3, [])
    wrong = {"outcomes": [{"requirement": "x", "status": "not_met", "assessment": "A. B."}]}
    equal, _, found = comparison(wrong, shipped)
    assert equal == 1 and len(found) == 2
    unknown = {"outcomes": [{"requirement": "x", "status": TO_FILL, "assessment": "A.\n\nB."}]}
    assert comparison(unknown, shipped) == (2, 3, [])


def test_a_new_provider_gets_a_draft_of_its_own(tree: Path) -> None:
    imported(tree, SEEDS / "000_kvalitetsservice.txt")
    provider = yaml.safe_load((tree / "providers" / "kvalitetsservice.yml").read_text(encoding="utf-8"))
    expected = yaml.safe_load((ARCHIVE / "expected" / "provider-kvalitetsservice.yml").read_text(encoding="utf-8"))
    assert provider["draft"] is True
    assert (provider["id"], provider["name"], provider["contracts"]) == (
        expected["id"],
        expected["name"],
        expected["contracts"],
    )
    assert provider["kind"] == TO_FILL  # "Företaget" does not say private in so many words


def test_a_reimport_names_the_record_and_overwrites_nothing(tree: Path) -> None:
    imported(tree, SEEDS)
    before = {p: p.read_bytes() for p in tree.rglob("*.yml")}
    said = imported(tree, SEEDS)
    assert {p: p.read_bytes() for p in tree.rglob("*.yml")} == before
    text = "\n".join(said)
    assert "finns redan som" in text and "sov-881-2022.yml (samma diarienummer Sov 881/2022)" in text
    assert "0 utkast" in text and "2 fanns redan" in text


def test_a_file_that_is_no_decision_fails_alone_and_the_batch_goes_on(tree: Path, tmp_path: Path) -> None:
    folder = tmp_path / "arkiv"
    folder.mkdir()
    (folder / "a-beslut.txt").write_text((SEEDS / "001_sov-881-2022.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "b-protokoll.txt").write_text("Protokoll fört vid sammanträde.\n\nNärvarande: alla.\n", encoding="utf-8")
    (folder / "c-trasig.pdf").write_bytes(b"inte en pdf")
    (folder / "d-latin1.txt").write_bytes("Beslut om uppföljning för åtgärd".encode("latin-1"))
    said = imported(tree, folder)
    text = "\n".join(said)
    assert "[1/4]" in text and "[4/4]" in text
    assert "b-protokoll.txt: inte importerad: texten är inget beslut" in text
    assert "c-trasig.pdf: inte importerad:" in text
    assert "d-latin1.txt: inte importerad: texten är inte UTF-8" in text
    assert "1 utkast" in text and "3 misslyckades" in text
    assert (tree / "followups" / "sov-881-2022.yml").exists()


def test_the_given_provider_is_used(tree: Path) -> None:
    imported(tree, SEEDS / "001_sov-881-2022.txt", provider="trygga-hem")
    draft = yaml.safe_load((tree / "followups" / "sov-881-2022.yml").read_text(encoding="utf-8"))
    assert draft["provider"] == "trygga-hem"


def test_draft_dates_are_dates(tree: Path) -> None:
    imported(tree, SEEDS / "001_sov-881-2022.txt")
    draft = yaml.safe_load((tree / "followups" / "sov-881-2022.yml").read_text(encoding="utf-8"))
    assert draft["date"] == dt.date(2022, 5, 16)


def filled(draft: Any, shipped: Any) -> Any:
    """The draft after review: each "att fylla i" given the shipped record's value, or removed
    where the shipped record has none; the draft mark removed."""
    if isinstance(draft, dict):
        result = {}
        for key, value in draft.items():
            theirs = shipped.get(key) if isinstance(shipped, dict) else None
            if key == "draft" or (value == TO_FILL and theirs is None):
                continue
            result[key] = theirs if value == TO_FILL else filled(value, theirs)
        return result
    if isinstance(draft, list):
        by_key = {_key(item, index): item for index, item in enumerate(shipped or [])}
        return [filled(item, by_key.get(_key(item, index))) for index, item in enumerate(draft)]
    return draft


@pytest.mark.slow
def test_filled_drafts_validate_build_and_render_like_the_shipped_records(tree: Path, tmp_path: Path) -> None:
    imported(tree, SEEDS)
    checked = check(tree, dt.date(2026, 11, 30))
    assert checked.problems == ()
    assert checked.dataset.followups == () and checked.dataset.providers == ()
    assert len(checked.to_fill) == 18 + 1  # and the new provider's kind
    lines = {p.path: (tree.parent / p.path).read_text(encoding="utf-8").splitlines() for p in checked.to_fill}
    assert all(lines[p.path][p.line - 1].endswith(TO_FILL) for p in checked.to_fill)

    reviewed = tmp_path / "reviewed"
    shutil.copytree(ARCHIVE / "data", reviewed)
    (reviewed / "providers").mkdir()
    shutil.copy(ARCHIVE / "expected" / "provider-kvalitetsservice.yml", reviewed / "providers" / "kvalitetsservice.yml")
    shipped = tmp_path / "shipped"
    shutil.copytree(reviewed, shipped)
    (reviewed / "followups").mkdir()
    (shipped / "followups").mkdir()
    for record_id in SEED_RECORDS.values():
        expected = yaml.safe_load((ARCHIVE / "expected" / f"{record_id}.yml").read_text(encoding="utf-8"))
        draft = yaml.safe_load((tree / "followups" / f"{record_id}.yml").read_text(encoding="utf-8"))
        done = yaml.safe_dump(filled(draft, expected), allow_unicode=True, sort_keys=False)
        (reviewed / "followups" / f"{record_id}.yml").write_text(done, encoding="utf-8")
        shutil.copy(ARCHIVE / "expected" / f"{record_id}.yml", shipped / "followups")

    pages = {}
    for name, data in (("reviewed", reviewed), ("shipped", shipped)):
        result = generate(data, tmp_path / f"{name}-pages", dt.date(2026, 11, 30))
        assert result.checked.problems == () and result.checked.to_fill == ()
        pages[name] = {
            p.relative_to(tmp_path / f"{name}-pages"): p.read_bytes()
            for p in (tmp_path / f"{name}-pages").rglob("*.md")
        }
    assert len(pages["shipped"]) > 10
    different = [str(path) for path in pages["shipped"] if pages["reviewed"].get(path) != pages["shipped"][path]]
    assert pages["reviewed"].keys() == pages["shipped"].keys() and not different, different


def test_printed_seeds_give_the_same_drafts_as_their_text(printer: Any, tmp_path: Path) -> None:
    """Each seed printed by Chromium with a running header and "Sida N av M": the draft from
    the PDF is the draft from the text, but for the original it keeps."""
    printed = tmp_path / "pdf"
    printed.mkdir()
    for name in SEED_RECORDS:
        pdfs.print_text(printer, (SEEDS / name).read_text(encoding="utf-8"), printed / name.replace(".txt", ".pdf"))
    from_text, from_pdf = tmp_path / "text" / "data", tmp_path / "pdf" / "data"
    for data, source in ((from_text, SEEDS), (from_pdf, printed)):
        shutil.copytree(ARCHIVE / "data", data)
        imported(data, source)
    assert check(from_pdf, dt.date(2026, 11, 30)).problems == ()  # the kept originals too
    for record_id in SEED_RECORDS.values():
        text_draft = yaml.safe_load((from_text / "followups" / f"{record_id}.yml").read_text(encoding="utf-8"))
        pdf_draft = yaml.safe_load((from_pdf / "followups" / f"{record_id}.yml").read_text(encoding="utf-8"))
        assert pdf_draft.pop("original") == f"originals/{record_id}.pdf"
        assert pdf_draft == text_draft
        kept = from_pdf / "originals" / f"{record_id}.pdf"
        assert (
            kept.read_bytes()
            == (printed / next(n for n, r in SEED_RECORDS.items() if r == record_id)).with_suffix(".pdf").read_bytes()
        )


def test_the_service_a_title_names_is_on_the_decision_page_and_in_open_data(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(HERE / "fixtures" / "minimal", data)
    record = data / "followups" / "omsorg-ab-2023.yml"
    record.write_text(
        record.read_text(encoding="utf-8").replace(
            "kind: follow_up\n", "kind: follow_up\nservice: Omvårdnad och Service\n"
        ),
        encoding="utf-8",
    )
    result = generate(data, tmp_path / "pages", dt.date(2026, 11, 30))
    assert result.portal is not None
    page = (tmp_path / "pages" / "beslut" / "omsorg-ab-2023.md").read_text(encoding="utf-8")
    assert "Tjänst" in page and "Omvårdnad och Service" in page
    decisions = text_of(dict(open_data(result.portal, "https://kvalitet.example/")), "data/beslut.csv")
    header = decisions.splitlines()[0]
    assert "service" in header.split(",") and "Omvårdnad och Service" in decisions


def test_hostile_text_becomes_a_draft_that_holds_it_as_text(tree: Path, tmp_path: Path) -> None:
    """A provider's name with YAML's and Markdown's characters, control and bidirectional
    characters in the text: the draft is valid YAML holding the words, and nothing else."""
    text = (SEEDS / "000_kvalitetsservice.txt").read_text(encoding="utf-8")
    text = text.replace("Kvalitetsservice", 'Omsorg: "AB" #1 & <b>x</b>').replace("Uppdraget", "Upp\u202edraget\x07")
    source = tmp_path / "fientlig.txt"
    source.write_text(text, encoding="utf-8")
    imported(tree, source)
    checked = check(tree, dt.date(2026, 11, 30))
    assert checked.problems == ()
    provider = yaml.safe_load((tree / "providers" / "omsorg-ab-1-b-x-b.yml").read_text(encoding="utf-8"))
    assert provider["name"] == 'Omsorg: "AB" #1 & <b>x</b>'
    draft = (tree / "followups" / "omsorg-ab-1-b-x-b-voo-1905-2023.yml").read_text(encoding="utf-8")
    assert "\u202e" not in draft and "\x07" not in draft and "heading: Uppdraget" in draft


def test_a_record_file_in_the_way_stops_the_import(tree: Path) -> None:
    """A record file that cannot be read has the draft's name: nothing is written over it."""
    (tree / "followups").mkdir(exist_ok=True)
    broken = tree / "followups" / "sov-881-2022.yml"
    broken.write_text("id: [\n", encoding="utf-8")
    said = "\n".join(imported(tree, SEEDS / "001_sov-881-2022.txt"))
    assert "finns redan (men går inte att läsa som post); inget skrevs" in said
    assert broken.read_text(encoding="utf-8") == "id: [\n"


def test_a_different_original_in_the_way_stops_the_import(printer: Any, tree: Path, tmp_path: Path) -> None:
    pdf = pdfs.print_text(printer, (SEEDS / "001_sov-881-2022.txt").read_text(encoding="utf-8"), tmp_path / "b.pdf")
    (tree / "originals").mkdir()
    other = tree / "originals" / "sov-881-2022.pdf"
    other.write_bytes(b"%PDF-1.4 ett annat beslut")
    said = "\n".join(imported(tree, pdf))
    assert "sov-881-2022.pdf finns redan med ett annat innehåll" in said
    assert other.read_bytes() == b"%PDF-1.4 ett annat beslut"
    assert not (tree / "followups" / "sov-881-2022.yml").exists()
    other.write_bytes(pdf.read_bytes())  # the same PDF kept earlier: the import goes on
    assert "utkast" in "\n".join(imported(tree, pdf))
    assert (tree / "followups" / "sov-881-2022.yml").exists()
