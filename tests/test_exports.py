"""Open data, feeds, badges, sitemap and redirects, as a journalist or a harvester gets them."""

from __future__ import annotations

import dataclasses
import gzip
import json
import re
import tracemalloc
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest
from frictionless import Package, system
from jsonschema import Draft202012Validator

from generator import feeds
from generator.cli import main
from generator.dataset import DataSet
from generator.derive import derive
from generator.encode import csv_cell, gzipped_json_array, json_document
from generator.exports import build_tables, open_data
from generator.feeds import BADGE_COLOURS, FEED_ENTRIES, FEED_SUBTITLE, badge, standing_date, syndication
from generator.organisation import Organisation, load_organisation
from generator.pipeline import check
from generator.swedish import STANDING_LABELS, format_date
from generator.text import blocks, plain_text
from generator.write import write_pages
from tests.conftest import AS_OF, MINIMAL, ROOT, SHIPPED, SHIPPED_AS_OF, SITE_URL, Tree, seed_dataset
from tests.html_text import article_text, site_page
from tests.open_data import json_file, json_of, published_records, published_table, table_of, text_of


def _identity() -> Organisation:
    """The deployment's identity the project's mkdocs.yml builds with."""
    organisation, problems = load_organisation(ROOT / "organisation.yml", "organisation.yml", ROOT / "docs")
    assert organisation is not None, problems
    return organisation


def _shipped() -> DataSet:
    """The shipped records, whatever they are: what the built site must show."""
    return check(SHIPPED, SHIPPED_AS_OF).dataset


def test_data_package_validates_with_frictionless(shipped_site: Path) -> None:
    with system.use_context(trusted=True):
        report = Package(str(shipped_site / "data" / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    names = [
        resource["name"]
        for resource in json.loads((shipped_site / "data" / "datapackage.json").read_text())["resources"]
    ]
    assert names == ["utforare", "krav", "kravversioner", "beslut", "utfall", "atgarder", "rattelser"]


def test_every_outcome_on_the_site_is_in_the_csv_and_back(shipped_site: Path) -> None:
    on_site = set()
    for row in published_table(shipped_site, "beslut"):
        html = site_page(shipped_site, f"beslut/{row['id']}/").read_text(encoding="utf-8")
        overview = html.split('id="bedomningsoversikt"', 1)[1].split("</table>", 1)[0]
        for anchor, status in re.findall(r'href="(?:\./)?#krav-([a-z0-9-]+)".*?kp-status--(\w+)"', overview, re.S):
            on_site.add((row["id"], anchor, status))
    in_csv = {(r["decision_id"], r["requirement_id"], r["status"]) for r in published_table(shipped_site, "utfall")}
    assert on_site == in_csv
    assert len(in_csv) == sum(len(f.outcomes) for f in _shipped().followups)


def test_actions_and_decisions_tables(shipped_site: Path) -> None:
    actions = [a for a in published_table(shipped_site, "atgarder") if a["kind"] == "finding"]
    seed = [a for a in actions if a["decision_id"] == "kvalitetsservice-voo-1905-2023"]
    # Their states depend on the decisions that follow (test_register checks the seeds' own).
    assert {(a["requirement_id"], a["due"]) for a in seed} == {
        (requirement, "2024-01-02")
        for requirement in (
            "lagar-forordningar-riktlinjer-och-utbildningar",
            "egenkontroller",
            "utredning-av-avvikelser-och-rapporteringsskyldighet",
            "dokumentation",
        )
    }
    decisions = {d["id"]: d for d in published_table(shipped_site, "beslut")}
    assert decisions["sov-881-2022"]["date"] == "2022-05-16"
    assert decisions["sov-881-2022"]["provider_id"] == ""
    assert decisions["kvalitetsservice-voo-1905-2023"]["case_number"] == ""


def test_the_seed_decisions_deliverables_are_rows_of_the_action_register_with_their_items(
    shipped_site: Path,
) -> None:
    whole = [
        a
        for a in published_table(shipped_site, "atgarder")
        if a["kind"] != "finding" and a["decision_id"] == "kvalitetsservice-voo-1905-2023"
    ]
    assert [(a["decision_id"], a["kind"], a["due"], a["state"]) for a in whole] == [
        ("kvalitetsservice-voo-1905-2023", "action_plan", "2024-01-02", "due_passed"),
        ("kvalitetsservice-voo-1905-2023", "documents", "2024-04-01", "due_passed"),
        ("kvalitetsservice-voo-1905-2023", "result_follow_up", "2024-04-01", "due_passed"),
    ]
    documents = whole[1]
    assert documents["provider_id"] == "kvalitetsservice"
    assert documents["requirement_id"] == documents["resolved_by"] == ""
    assert documents["required_action"].startswith("Med anledning av ovanstående brister ska utföraren skicka in")
    assert documents["items"].split("\n") == [
        "Sammanställning av egenkontroller gällande: Basal hygien, dokumentation samt avvikelser.",
        "Uppdaterad rutin för Avvikelse, klagomål och synpunkter. Rutinen behöver beskriva hur ni arbetar med"
        " händelser där flera yrkeskategorier är inblandade.",
    ]
    assert whole[2]["items"].split("\n")[0] == "Granska inkomna rutiner och sammanställning av egenkontroller."
    entries = published_records(shipped_site, "atgarder")
    seed_entries = [e for e in entries if e["decision_id"] == "kvalitetsservice-voo-1905-2023"]
    assert [e["kind"] for e in seed_entries].count("documents") == 1


@pytest.mark.parametrize("name", ["krav", "utforare", "beslut"])
def test_json_files_satisfy_their_published_schema(shipped_site: Path, name: str) -> None:
    schema = json.loads((shipped_site / "data" / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    records = published_records(shipped_site, name)
    Draft202012Validator.check_schema(schema)
    assert list(Draft202012Validator(schema).iter_errors(records)) == []


def _objects(value: object) -> list[object]:
    """Every JSON object inside value, value itself included."""
    if isinstance(value, list):
        return [found for item in value for found in _objects(item)]
    if isinstance(value, dict):
        return [value, *(found for item in value.values() for found in _objects(item))]
    return []


def test_no_json_file_repeats_the_records_of_another(shipped_site: Path) -> None:
    """Each record is published once as JSON: a file combining the others would double the open
    data at national scale (the decisions' full texts twice)."""
    files = sorted((shipped_site / "data").rglob("*.json*"))
    found = [obj for path in files for obj in _objects(json_file(path))]
    for name in ("krav", "utforare", "beslut"):
        records = published_records(shipped_site, name)
        assert records
        assert all(sum(1 for obj in found if obj == record) == 1 for record in records), name


def test_dcat_metadata(published_site: Path) -> None:
    catalog = json.loads((published_site / "data" / "dcat.jsonld").read_text(encoding="utf-8"))
    (dataset,) = catalog["dcat:dataset"]
    assert catalog["dcterms:license"]["@id"] == "https://creativecommons.org/publicdomain/zero/1.0/"
    assert dataset["dcterms:publisher"]["foaf:name"] == "Örebro kommun"
    identity = _identity()
    assert catalog["dcterms:publisher"] == dataset["dcterms:publisher"]
    assert dataset["dcterms:publisher"]["foaf:name"] == identity.name
    contact = dataset["dcat:contactPoint"]
    assert contact["vcard:fn"] == f"{identity.unit}, {identity.name}"
    assert contact.get("vcard:hasEmail") == ({"@id": f"mailto:{identity.email}"} if identity.email else None)
    assert contact["vcard:hasURL"] == {"@id": identity.website or SITE_URL}
    downloads = {d["dcat:downloadURL"]["@id"] for d in dataset["dcat:distribution"]}
    assert f"{SITE_URL}data/utfall.csv.gz" in downloads
    assert all((published_site / url.removeprefix(SITE_URL)).is_file() for url in downloads)
    data = [p for p in (published_site / "data").glob("*") if p.suffix in (".csv", ".json", ".gz")]
    described = {f"{SITE_URL}data/{p.name}" for p in data if p.name != "datapackage.json"}
    assert downloads == described, "every data file, and only those, is a distribution"
    compressed = {
        d["dcat:downloadURL"]["@id"]: (d["dcat:mediaType"]["@id"], d["dcat:compressFormat"]["@id"])
        for d in dataset["dcat:distribution"]
        if "dcat:compressFormat" in d
    }
    types = "http://www.iana.org/assignments/media-types/"
    gzip_type = f"{types}application/gzip"
    assert compressed == {
        **{
            f"{SITE_URL}data/{name}.json.gz": (f"{types}application/json", gzip_type) for name in ("beslut", "atgarder")
        },
        **{f"{SITE_URL}data/{name}.csv.gz": (f"{types}text/csv", gzip_type) for name in ("utfall", "atgarder")},
    }


def test_feeds_have_one_entry_per_decision(published_site: Path) -> None:
    everything = feedparser.parse((published_site / "feeds" / "beslut.xml").read_bytes())
    assert not everything.bozo
    dataset = _shipped()
    links = [e.link for e in everything.entries]
    assert sorted(links) == sorted(f"{SITE_URL}beslut/{f.id}/" for f in dataset.followups)
    entry = {e.link.removeprefix(f"{SITE_URL}beslut/"): e for e in everything.entries}
    assert entry["sov-881-2022/"].updated.startswith("2022-05-16")
    assert "Beslutets datum: uppgift saknas." in entry["kvalitetsservice-voo-1905-2023/"].summary
    provider = feedparser.parse((published_site / "feeds" / "utforare" / "kvalitetsservice.xml").read_bytes())
    titles = [e.title for e in provider.entries]
    assert len(titles) == len([f for f in dataset.followups if f.provider == "kvalitetsservice"])
    assert "Uppföljning av kvalitetskrav – Kvalitetsservice" in titles
    identity = _identity()
    for feed in (everything, provider):
        assert feed.feed.author_detail.name == f"{identity.unit}, {identity.name}"
        assert feed.feed.author_detail.get("email") == identity.email


def test_feeds_without_a_site_address_resolve_from_the_site_root(shipped_site: Path) -> None:
    parsed = feedparser.parse(
        (shipped_site / "feeds" / "beslut.xml").read_bytes(),
        response_headers={"content-location": "https://example.se/feeds/beslut.xml"},
    )
    assert "https://example.se/beslut/sov-881-2022/" in [entry.link for entry in parsed.entries]


def test_pages_advertise_their_feeds(shipped_site: Path) -> None:
    home = site_page(shipped_site, "").read_text(encoding="utf-8")
    assert 'title="Kvalitetsportalen: senaste besluten" href="./feeds/beslut.xml">' in home
    provider = site_page(shipped_site, "utforare/kvalitetsservice/").read_text(encoding="utf-8")
    assert 'href="../../feeds/utforare/kvalitetsservice.xml"' in provider


def test_badge_is_svg_with_a_title(published_site: Path) -> None:
    svg = ET.fromstring((published_site / "badges" / "kvalitetsservice.svg").read_text(encoding="utf-8"))
    # The standing after the seed (Brister – åtgärder krävs), or after a decision added later.
    (provider,) = (p for p in derive(_shipped(), SHIPPED_AS_OF).providers if p.record.id == "kvalitetsservice")
    standing, when = provider.standing, standing_date(provider)
    assert svg.findtext("{http://www.w3.org/2000/svg}title") == (
        f"Kvalitetsportalen – Kvalitetsservice: {STANDING_LABELS[standing]} ({when}; {_identity().name})"
    )
    snippet = f'<a href="{SITE_URL}utforare/kvalitetsservice/"><img src="{SITE_URL}badges/kvalitetsservice.svg"'
    assert snippet in article_text(site_page(published_site, "utforare/kvalitetsservice/"))


def test_sitemap_dates_pages_by_their_decisions(published_site: Path, shipped_site: Path) -> None:
    root = ET.fromstring((published_site / "sitemap.xml").read_text(encoding="utf-8"))
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    lastmod = {u.findtext(f"{ns}loc"): u.findtext(f"{ns}lastmod") for u in root.iter(f"{ns}url")}
    assert lastmod[f"{SITE_URL}beslut/sov-881-2022/"] == "2022-05-16"
    assert lastmod[f"{SITE_URL}beslut/kvalitetsservice-voo-1905-2023/"] is None
    # A requirement's page: its latest decision's date, none while one of its decisions is undated.
    for requirement in ("trygghetslarm", "egenkontroller"):
        dates = [f.date for f in _shipped().followups if any(o.requirement == requirement for o in f.outcomes)]
        latest = None if None in dates else max(d for d in dates if d is not None).isoformat()
        assert lastmod[f"{SITE_URL}krav/{requirement}/"] == latest
    assert lastmod[f"{SITE_URL}krav/egenkontroller/"] is None  # the seed Voo 1905/2023 is undated
    assert not (published_site / "sitemap.xml.gz").exists()
    assert not (shipped_site / "sitemap.xml").exists()


def test_a_sitemap_too_long_for_one_file_becomes_an_index_of_parts(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """sitemaps.org allows 50,000 addresses a file: past SITEMAP_URLS, sitemap.xml lists parts of
    at most that many, each dated by its latest page (none while one of its pages is undated)."""
    from bench.generate import generate_tree
    from bench.run import AS_OF as BENCH_AS_OF

    generate_tree(tmp_path / "data", "XS", 1, BENCH_AS_OF)
    portal = derive(check(tmp_path / "data", BENCH_AS_OF).dataset, BENCH_AS_OF)
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    whole = ET.fromstring(syndication(portal, SITE_URL)["sitemap.xml"])
    pages = [(u.findtext(f"{ns}loc"), u.findtext(f"{ns}lastmod")) for u in whole.iter(f"{ns}url")]
    assert whole.tag == f"{ns}urlset" and len(pages) > 10
    monkeypatch.setattr(feeds, "SITEMAP_URLS", 4)
    files = syndication(portal, SITE_URL)
    index = ET.fromstring(files["sitemap.xml"])
    assert index.tag == f"{ns}sitemapindex"
    parts = [(s.findtext(f"{ns}loc"), s.findtext(f"{ns}lastmod")) for s in index.iter(f"{ns}sitemap")]
    assert [loc for loc, _ in parts] == [f"{SITE_URL}sitemap-{n}.xml" for n in range(1, len(parts) + 1)]
    listed = []
    for loc, lastmod in parts:
        part = ET.fromstring(files[str(loc).removeprefix(SITE_URL)])
        entries = [(u.findtext(f"{ns}loc"), u.findtext(f"{ns}lastmod")) for u in part.iter(f"{ns}url")]
        assert part.tag == f"{ns}urlset" and 1 <= len(entries) <= 4
        dates = [date for _, date in entries]
        assert lastmod == (None if None in dates else max(d for d in dates if d is not None))
        listed += entries
    assert listed == pages, "every page once, in the same order, with the same date"
    assert len(parts) == -(-len(pages) // 4)


@pytest.mark.slow
def test_renamed_id_keeps_its_old_address(tree: Tree, tmp_path: Path) -> None:
    tree.replace("providers/omsorg-ab.yml", "id: omsorg-ab", "id: omsorg-ab\nprevious_ids: [omsorg]")
    out = tmp_path / "site"
    argv = ["build", "--data", str(tree.root), "--out", str(out), "--as-of", AS_OF.isoformat()]
    assert main([*argv, "--config", str(ROOT / "mkdocs.yml")]) == 0
    redirect = (out / "utforare" / "omsorg" / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../omsorg-ab/">' in redirect


def test_the_tables_that_grow_by_outcome_and_action_are_gzip_the_same_bytes_every_build() -> None:
    """utfall and atgarder are published as .csv.gz (119 and 34 MB of CSV at L): unpacked, the
    RFC 4180 table with its header; two builds of the same records give the same bytes."""
    portal = derive(seed_dataset(), AS_OF)
    first, second = dict(open_data(portal, SITE_URL)), dict(open_data(portal, SITE_URL))
    tables = {table.name: table for table in build_tables(portal, SITE_URL)}
    assert {name for name, table in tables.items() if table.compressed} == {"utfall", "atgarder"}
    for name in ("utfall", "atgarder"):
        path = f"data/{name}.csv.gz"
        assert tables[name].path == path and f"data/{name}.csv" not in first
        assert isinstance(first[path], bytes) and first[path] == second[path]
        text = text_of(first, path)
        assert text.split("\r\n", 1)[0] == ",".join(column.name for column in tables[name].columns)
        assert len(table_of(first, name)) == len(tables[name].items) > 0


def test_open_data_page_is_linked_from_home(shipped_site: Path) -> None:
    home = site_page(shipped_site, "").read_text(encoding="utf-8")
    assert 'href="oppna-data/"' in home
    page = site_page(shipped_site, "oppna-data/").read_text(encoding="utf-8")
    package = json.loads((shipped_site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    paths = [resource["path"] for resource in package["resources"]]
    assert paths == [
        *(f"{name}.csv" for name in ("utforare", "krav", "kravversioner", "beslut")),
        "utfall.csv.gz",
        "atgarder.csv.gz",
        "rattelser.csv",
    ]
    for path in paths:
        assert f'href="../data/{path}"' in page
    assert "CC0 1.0" in page


@pytest.mark.parametrize(
    ("value", "text", "cell"),
    [
        ('=HYPERLINK("https://example.invalid","y")', True, '\'=HYPERLINK("https://example.invalid","y")'),
        ("+46 19 21 10 00", True, "'+46 19 21 10 00"),
        ("-2+3", True, "'-2+3"),
        ("@SUM(A1:A2)", True, "'@SUM(A1:A2)"),
        ("\t=1+1", True, "'\t=1+1"),
        ("\r=1+1", True, "'\r=1+1"),
        ("'citat'", True, "''citat'"),
        ("Omsorg AB = bäst", True, "Omsorg AB = bäst"),
        (None, True, ""),
        (-3, False, "-3"),
        ("-3", False, "-3"),
    ],
)
def test_a_text_cell_a_spreadsheet_would_calculate_gets_a_quote_mark(value: object, text: bool, cell: str) -> None:
    assert csv_cell(value, text=text) == cell
    if text:
        assert cell.removeprefix("'") == ("" if value is None else value)  # as Öppna data tells a reader


def test_plain_text_joins_wrapped_lines_and_keeps_paragraphs_and_lists() -> None:
    assert plain_text("Ett\nstycke.\n\n- punkt\n  fortsatt\n- två\n") == "Ett stycke.\n\n- punkt fortsatt\n- två"


def test_the_open_data_write_each_assessment_in_the_blocks_its_page_shows() -> None:
    """The open data go through the text rule (text.py), not a reading of their own: read again,
    each assessment in utfall.csv gives the page's paragraphs, sub-headings and lists."""
    shipped = seed_dataset()
    written = table_of(dict(open_data(derive(shipped, AS_OF), SITE_URL)), "utfall")
    rows = {(row["decision_id"], row["requirement_id"]): row for row in written}
    for followup in shipped.followups:
        for outcome in followup.outcomes:
            cell = rows[(followup.id, outcome.requirement)]["assessment"].removeprefix("'")
            assert blocks(cell) == blocks(outcome.assessment)
    assert any(row["assessment"].startswith("Genomförandeplaner\nGranskning") for row in rows.values())


@pytest.fixture(scope="module")
def minimal_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The open data and feeds of the minimal tree, whose first decision has replies and corrections."""
    portal = derive(check(MINIMAL, AS_OF).dataset, AS_OF)
    site = tmp_path_factory.mktemp("minimal")
    files: dict[str, str | bytes] = {**dict(open_data(portal, SITE_URL)), **syndication(portal, SITE_URL)}
    write_pages(files.items(), site, prune=False)
    return site


def test_replies_and_corrections_in_the_csv(minimal_data: Path) -> None:
    decisions = {row["id"]: row for row in published_table(minimal_data, "beslut")}
    assert (decisions["omsorg-ab-2023"]["provider_reply_date"], decisions["omsorg-ab-2023"]["corrected"]) == (
        "2023-11-24",
        "2023-12-15",
    )
    assert decisions["omsorg-ab-2023"]["provider_reply"] == (
        "Vi delar inte bedömningen i alla delar men har skickat in en åtgärdsplan."
    )
    assert [decisions["omsorg-ab-2024"][c] for c in ("provider_reply_date", "provider_reply", "corrected")] == [""] * 3
    outcomes = {(r["decision_id"], r["requirement_id"]): r for r in published_table(minimal_data, "utfall")}
    replied = outcomes[("omsorg-ab-2023", "dokumentation")]
    assert replied["provider_reply_date"] == "2023-11-20"
    assert (
        replied["provider_reply"]
        == "Vi har gått igenom alla genomförandeplaner.\n\n- Planerna ses nu över varje halvår"
    )
    assert replied["assessment"] == "Granskningen visar brister.\n\n- 73 % var inte aktuella"
    assert outcomes[("omsorg-ab-2023", "hygien")]["provider_reply"] == ""
    assert published_table(minimal_data, "rattelser") == [
        {
            "decision_id": "omsorg-ab-2023",
            "number": "1",
            "date": "2023-11-08",
            "change": "Avtalets diarienummer rättat från Voo 1/2022 till Voo 1/2023.",
            "reason": "Skrivfel i det publicerade beslutet.",
        },
        {
            "decision_id": "omsorg-ab-2023",
            "number": "2",
            "date": "2023-12-15",
            "change": "Urvalet för genomförandeplaner rättat från 20 till 30.",
            "reason": "Siffran hade förts in fel från underlaget.",
        },
    ]


@pytest.mark.slow
def test_replies_and_corrections_in_the_data_package_and_json(minimal_data: Path) -> None:
    with system.use_context(trusted=True):
        report = Package(str(minimal_data / "data" / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    schema = json.loads((minimal_data / "data" / "schemas" / "beslut.schema.json").read_text(encoding="utf-8"))
    records = {r["id"]: r for r in published_records(minimal_data, "beslut")}
    assert list(Draft202012Validator(schema).iter_errors(list(records.values()))) == []
    assert records["omsorg-ab-2023"]["provider_reply"]["date"] == "2023-11-24"
    assert [c["date"] for c in records["omsorg-ab-2023"]["corrections"]] == ["2023-11-08", "2023-12-15"]
    assert records["omsorg-ab-2023"]["outcomes"][1]["provider_reply"]["date"] == "2023-11-20"


def test_a_corrected_decision_is_updated_in_the_feed(minimal_data: Path) -> None:
    feed = feedparser.parse((minimal_data / "feeds" / "beslut.xml").read_bytes())
    entries = {entry.link: entry for entry in feed.entries}
    corrected = entries[f"{SITE_URL}beslut/omsorg-ab-2023/"]
    assert corrected.updated.startswith("2023-12-15")
    assert corrected.summary.endswith("Rättat 15 december 2023.")
    assert entries[f"{SITE_URL}beslut/omsorg-ab-2024/"].updated.startswith("2024-05-02")


def test_a_feed_carries_the_newest_decisions_and_says_where_the_rest_are(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A reader fetches a feed again and again: it holds the newest FEED_ENTRIES, by the date each
    entry gives (a correction counts), not every decision ever taken."""
    from bench.generate import generate_tree
    from bench.run import AS_OF as BENCH_AS_OF

    generate_tree(tmp_path / "data", "XS", 1, BENCH_AS_OF)
    portal = derive(check(tmp_path / "data", BENCH_AS_OF).dataset, BENCH_AS_OF)
    assert len(portal.followups) > 3
    monkeypatch.setattr(feeds, "FEED_ENTRIES", 3)
    parsed = feedparser.parse(syndication(portal, SITE_URL)["feeds/beslut.xml"].encode("utf-8"))
    kept = [entry.updated[:10] for entry in parsed.entries]
    every = sorted((feeds._updated(f, portal.as_of).isoformat() for f in portal.followups), reverse=True)
    assert kept == every[:3], "the newest three, newest first"
    assert parsed.feed.subtitle == FEED_SUBTITLE
    assert f"Högst {FEED_ENTRIES} beslut" in FEED_SUBTITLE
    said = " ".join((ROOT / "docs" / "oppna-data.md").read_text(encoding="utf-8").split())
    assert f"nyast först: högst {FEED_ENTRIES}, de senast fattade eller rättade." in said, "the page says the same"


def test_action_register_in_csv_and_json_says_who_resolved_it_and_how(minimal_data: Path) -> None:
    action, plan, result = published_table(minimal_data, "atgarder")
    assert action == {
        "decision_id": "omsorg-ab-2023",
        "provider_id": "omsorg-ab",
        "requirement_id": "dokumentation",
        "heading_as_printed": action["heading_as_printed"],
        "required_action": action["required_action"],
        "due": action["due"],
        "state": "remedied",
        "resolved_by": "omsorg-ab-2024",
        "resolved_on": "2024-05-02",
        "verified_with": "",
        "kind": "finding",
        "items": "",
    }
    assert action["required_action"]
    entry, *_ = published_records(minimal_data, "atgarder")
    assert {key: "" if value is None else str(value) for key, value in entry.items()} == action
    # The decision's own dates: a result follow-up of it is published, which is all the records say.
    assert [(r["kind"], r["due"], r["state"], r["resolved_by"]) for r in (plan, result)] == [
        ("action_plan", "2024-01-02", "followed_up", ""),
        ("result_follow_up", "2024-04-01", "followed_up", ""),
    ]


def _badge_texts(svg: str) -> list[str]:
    """The badge's visible lines, as a reader of the picture sees them."""
    root = ET.fromstring(svg)
    return ["".join(text.itertext()) for text in root.iter("{http://www.w3.org/2000/svg}text")]


def test_the_badge_shows_the_date_its_standing_rests_on_and_who_publishes_it() -> None:
    portal = derive(check(MINIMAL, AS_OF).dataset, AS_OF)
    (provider,) = (p for p in portal.providers if p.followups)
    assert provider.latest is not None and provider.latest.date is not None
    lines = _badge_texts(badge(provider, _identity()))
    assert lines[0] == f"Kvalitetsportalen, {_identity().name}"
    assert lines[1] == f"{STANDING_LABELS[provider.standing]} · senaste beslut {format_date(provider.latest.date)}"
    assert _badge_texts(badge(provider))[0] == "Kvalitetsportalen"


def test_the_badge_of_an_undated_decision_says_so_and_one_without_decisions_gives_no_date() -> None:
    seeds = derive(seed_dataset(), AS_OF)
    (provider,) = (p for p in seeds.providers if p.record.id == "kvalitetsservice")
    assert provider.latest is not None and provider.latest.date is None  # the seed Voo 1905/2023 is undated
    assert _badge_texts(badge(provider))[1].endswith(" · senaste beslutet saknar datum")
    alone = derive(dataclasses.replace(seed_dataset(), followups=()), AS_OF)
    (unfollowed,) = (p for p in alone.providers if p.record.id == "kvalitetsservice")
    assert _badge_texts(badge(unfollowed))[1] == STANDING_LABELS[unfollowed.standing]
    assert "senaste" not in badge(unfollowed)


def test_the_badge_keeps_its_contrast_and_is_wide_enough_for_its_lines() -> None:
    for foreground, background in BADGE_COLOURS.values():  # every line is written in the foreground
        assert _contrast(foreground, background) >= 4.5
    portals = (derive(seed_dataset(), AS_OF), derive(check(MINIMAL, AS_OF).dataset, AS_OF))
    for provider in (p for portal in portals for p in portal.providers):
        root = ET.fromstring(badge(provider, _identity()))
        assert {text.get("fill") for text in root.iter("{http://www.w3.org/2000/svg}text")} == {
            BADGE_COLOURS[provider.standing][0]
        }
        sender, shown = _badge_texts(badge(provider, _identity()))
        label = STANDING_LABELS[provider.standing]
        width = int(root.get("width", "0"))
        assert width >= 6 * len(sender) + 24
        assert width >= 8 * len(label) + 6 * (len(shown) - len(label)) + 24


def _contrast(foreground: str, background: str) -> float:
    """WCAG 2.1's contrast ratio of two #rrggbb colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_the_decisions_table_and_json_give_the_original_s_full_address() -> None:
    """A kept PDF where the site publishes it, an address as it is, nothing where the record names none."""
    originals = Path(__file__).parent / "fixtures" / "originals"
    address = "https://www.kommun.example/beslut/sov-20-2024.pdf?version=2&spara=ja"
    expected = {"omsorg-ab-2023": f"{SITE_URL}beslut/omsorg-ab-2023/omsorg-ab-2023.pdf", "omsorg-ab-2024": address}
    for root, originals_of in ((originals, expected), (MINIMAL, dict.fromkeys(expected, ""))):
        files = dict(open_data(derive(check(root, AS_OF).dataset, AS_OF), SITE_URL))
        rows = table_of(files, "beslut")
        assert {row["id"]: row["original"] for row in rows} == originals_of
        found = {record["id"]: record["original"] for record in json_of(files, "data/beslut.json.gz")}
        assert found == {i: value or None for i, value in originals_of.items()}
    package = json_of(files, "data/datapackage.json")
    decisions = next(resource for resource in package["resources"] if resource["name"] == "beslut")
    (column,) = (field for field in decisions["schema"]["fields"] if field["name"] == "original")
    assert column["type"] == "string"
    assert column["description"].startswith("Fullständig adress till det publicerade originalbeslutet")


def test_a_compressed_json_file_is_the_compact_array_made_one_item_at_a_time() -> None:
    """The decisions' file grows with every decision: it is never held whole, as objects or as
    text, while it is compressed (encode.gzipped_json_array), and it is the same
    compact JSON, with the same bytes in every build."""
    count, text = 2000, "Bedömningen grundas på verkställighetsjournalen, ”citat” & <b>. " * 160

    def decisions() -> Iterator[dict[str, object]]:
        return ({"id": f"sov-{n}-2024", "assessment": text, "n": n} for n in range(count))

    tracemalloc.start()
    try:
        compressed = gzipped_json_array(decisions())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    whole = json_document(list(decisions()), compact=True).encode("utf-8")
    assert gzip.decompress(compressed) == whole
    assert compressed == gzipped_json_array(decisions())
    assert compressed[4:8] == bytes(4)  # no time in the header
    assert peak < len(whole) / 20, (peak, len(whole))
