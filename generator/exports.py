"""Open data: the same records and derived facts as the pages, as CSV, JSON, a Frictionless
data package and DCAT-AP-SE metadata. Written into the built site under data/.

Long because of declarations: `build_tables` declares the seven tables column by column, one line
a column with its Swedish description, and the data package and DCAT metadata are made from those
declarations, so what the open data holds is read in one place.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from generator.derive.views import FollowUpView, OutcomeView, Portal, RegisterEntry, RequiredAction, RequirementView
from generator.encode import csv_cell, gzip_stream, gzipped_json_array, json_document
from generator.kinds import FOLLOWUPS, PROVIDERS, REQUIREMENTS, Kind
from generator.model import Correction, Reply, RequirementVersion
from generator.organisation import Organisation, phone_target
from generator.paths import url_of
from generator.text import plain_text

LICENSE = {
    "name": "CC0-1.0",
    "title": "Creative Commons Zero v1.0 Universal",
    "path": "https://creativecommons.org/publicdomain/zero/1.0/",
}
FOLDER = "data"
MEDIA_TYPES = "http://www.iana.org/assignments/media-types/"

OUTCOME_COUNT_COLUMNS = (
    ("met", "Antal krav som uppfylldes enligt beslutet (minst så många om kopian är ofullständig)"),
    ("not_met", "Antal krav som inte uppfylldes (minst så många om kopian är ofullständig)"),
    ("remedied", "Antal tidigare brister som bedömdes som åtgärdade (minst så många om kopian är ofullständig)"),
    ("remains", "Antal tidigare brister som bedömdes som kvarstående (minst så många om kopian är ofullständig)"),
    ("unknown", "Antal krav i beslutet vars bedömning inte framgår av den publicerade kopian"),
)
"""A decision's outcomes counted (derive.counts.OutcomeCounts), one column each."""


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    """A Frictionless field type: string, integer or date."""
    description: str
    value: Callable[[Any], object]
    """Reads the column's value from one item of the table."""


@dataclass(frozen=True)
class ForeignKey:
    """Columns of a table that name a row of another table (Frictionless foreignKeys)."""

    fields: tuple[str, ...]
    resource: str
    """The other table's name."""
    target: tuple[str, ...]
    """The other table's columns they name, in the order of fields."""


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...]
    items: tuple[Any, ...]
    also_json: bool = False
    """Written as JSON too (json_path, compressed: it grows with every decision), with the same
    fields: the action register, which has no record file."""
    compressed: bool = False
    """The CSV published as gzip (NAME.csv.gz): the tables with a row per outcome or per action,
    several rows more with every decision. At L (20,000 decisions) utfall.csv was 119 MB (4.9 MB
    as gzip) and atgarder.csv 34 MB (1.5 MB) of a 1.56 GB site, and GitHub Pages publishes at
    most 1 GB. Frictionless reads them as they are; the tables a spreadsheet is opened on first
    (decisions, providers, requirements) stay plain."""

    @property
    def path(self) -> str:
        return data_path(self.name, "csv", compressed=self.compressed)

    @property
    def json_path(self) -> str:
        return data_path(self.name, "json", compressed=True)

    def rows(self) -> Iterator[dict[str, object]]:
        """Each row as it is needed, none kept: open_data writes one table at a time."""
        return ({column.name: column.value(item) for column in self.columns} for item in self.items)


@dataclass(frozen=True)
class RecordFile:
    """The records of one kind as a JSON file, with its schema; the title names its DCAT distribution."""

    kind: Kind
    title: str
    compressed: bool = False
    """Published as gzip: the decisions, whose file grows with every decision."""

    @property
    def name(self) -> str:
        """The file's name under data/ without ".json": the kind's section of the site; its
        schema is schemas/NAME.schema.json."""
        return self.kind.section

    @property
    def path(self) -> str:
        return data_path(self.name, "json", compressed=self.compressed)


@dataclass(frozen=True)
class VersionRow:
    """One row of kravversioner: a version of a requirement."""

    requirement: RequirementView
    version: RequirementVersion


@dataclass(frozen=True)
class CorrectionRow:
    """One row of rattelser: a correction of a decision, numbered within it from 1."""

    followup: FollowUpView
    number: int
    correction: Correction


RECORD_FILES = (
    RecordFile(REQUIREMENTS, "Kvalitetskrav med versioner"),
    RecordFile(PROVIDERS, "Utförare"),
    RecordFile(FOLLOWUPS, "Beslut med utfall", compressed=True),
)
"""The records as JSON, one file per kind, oldest decision first."""
COMPRESSED = ".gz"
"""The suffix of a file published as gzip (encode.gzip_stream): the files that grow with every
decision. At national scale (the L benchmark, 20,000 decisions) the decisions' JSON was 230 MB
and the action register's 47 MB, and GitHub Pages publishes at most 1 GB in all."""


def data_path(name: str, extension: str, *, compressed: bool) -> str:
    """Where a file of the open data is published: data/NAME.EXTENSION, with .gz compressed."""
    return f"{FOLDER}/{name}.{extension}" + (COMPRESSED if compressed else "")


def _json_file(path: str, items: Iterable[Any]) -> str | bytes:
    """A compact JSON array, compressed where its path says so (item by item, never whole)."""
    return gzipped_json_array(items) if path.endswith(COMPRESSED) else json_document(list(items), compact=True)


def open_data(
    portal: Portal, site_url: str, organisation: Organisation | None = None
) -> Iterator[tuple[str, str | bytes]]:
    """Every open-data file as (site path, content), one at a time, so that the writer lets go
    of each before the next is made: at L, made all at once with their tables' rows, they took
    the build's process from 1.7 to 2.9 GB. The DCAT metadata names organisation as publisher
    (without one, as in tests of other stages, the portal itself)."""
    tables = build_tables(portal, site_url)
    for table in tables:
        yield table.path, _csv(table, table.rows())
        if table.also_json:
            yield table.json_path, _json_file(table.json_path, table.rows())
    yield from _json_files(portal, site_url)
    yield f"{FOLDER}/datapackage.json", json_document(_datapackage(tables), compact=False)
    yield f"{FOLDER}/dcat.jsonld", json_document(_dcat(tables, site_url, organisation), compact=False)


def publisher(organisation: Organisation | None) -> dict[str, Any]:
    """Who publishes the data (DCAT dcterms:publisher): the deployment's organisation."""
    name = organisation.name if organisation else "Kvalitetsportalen"
    found: dict[str, Any] = {"@type": "foaf:Organization", "foaf:name": name}
    if organisation is not None and organisation.website:
        found["foaf:homepage"] = {"@id": organisation.website}
    return found


def contact_point(organisation: Organisation | None, site_url: str) -> dict[str, Any]:
    """Whom to ask about the data (DCAT dcat:contactPoint): the unit, with what the identity knows
    of how to reach it; the site's address where it gives no website."""
    found: dict[str, Any] = {
        "@type": "vcard:Organization",
        "vcard:fn": organisation.publisher if organisation else "Kvalitetsportalen",
        "vcard:hasURL": {"@id": (organisation.website if organisation else None) or site_url or "./"},
    }
    if organisation is not None and organisation.email:
        found["vcard:hasEmail"] = {"@id": f"mailto:{organisation.email}"}
    if organisation is not None and organisation.phone:
        found["vcard:hasTelephone"] = {"@id": phone_target(organisation.phone)}
    return found


def build_tables(portal: Portal, site_url: str) -> tuple[Table, ...]:
    def page(path: str) -> str:
        return site_url + url_of(path)

    def text(name: str, description: str, value: Callable[[Any], object]) -> Column:
        return Column(name, "string", description, value)

    def date(name: str, description: str, value: Callable[[Any], object]) -> Column:
        return Column(name, "date", description, value)

    def reply(about: str, value: Callable[[Any], Reply | None]) -> tuple[Column, Column]:
        """The provider's reply as two columns, described as theirs: the municipality has not assessed it."""
        return (
            date(
                "provider_reply_date",
                f"Dag då utförarens svar på {about} kom in, tom om inget svar",
                lambda i: _reply_date(value(i)),
            ),
            text(
                "provider_reply",
                f"Utförarens svar på {about} ordagrant, tomt om inget; utförarens egen text, inte granskad av kommunen",
                lambda i: _reply_text(value(i)),
            ),
        )

    providers = Table(
        "utforare",
        "Utförare",
        (
            text("id", "Utförarens id; blir adressen till utförarens sida", lambda p: p.record.id),
            text("name", "Utförarens namn", lambda p: p.record.name),
            text(
                "kind",
                "municipal (kommunal) eller private (privat), tomt om okänt",
                lambda p: p.record.kind.value if p.record.kind else None,
            ),
            text(
                "contracts",
                "Diarienummer för avtalen och överenskommelserna som de är tryckta, åtskilda med semikolon",
                lambda p: "; ".join(p.record.contracts),
            ),
            text("standing", "Läge enligt de publicerade besluten", lambda p: p.standing.value),
            text("url", "Utförarens sida", lambda p: page(p.page)),
        ),
        ("id",),
        (),
        portal.providers,
    )
    requirements = Table(
        "krav",
        "Kvalitetskrav",
        (
            text("id", "Kravets id", lambda r: r.record.id),
            text("title", "Kravets namn", lambda r: r.record.title),
            text("area", "Avtalsområde", lambda r: r.record.area),
            text("url", "Kravets sida", lambda r: page(r.page)),
        ),
        ("id",),
        (),
        portal.requirements,
    )
    versions = Table(
        "kravversioner",
        "Versioner av kvalitetskraven",
        (
            text("requirement_id", "Kravets id", lambda row: row.requirement.record.id),
            text("version_id", "Versionens id", lambda row: row.version.id),
            text(
                "contract",
                "Diarienummer för avtalet eller överenskommelsen som det är tryckt, tomt om okänt",
                lambda row: row.version.contract,
            ),
            text("sections", "Avtalspunkter, åtskilda med semikolon", lambda row: "; ".join(row.version.sections)),
            date("valid_from", "Gäller från, tomt om okänt", lambda row: row.version.valid_from),
            text(
                "text",
                "Kravtexten ordagrant, tom om texten är okänd",
                lambda row: plain_text(row.version.text or ""),
            ),
        ),
        ("requirement_id", "version_id"),
        (ForeignKey(("requirement_id",), "krav", ("id",)),),
        tuple(VersionRow(r, v.version) for r in portal.requirements for v in reversed(r.versions)),
    )
    decisions = Table(
        "beslut",
        "Beslut",
        (
            text("id", "Beslutets id", lambda f: f.record.id),
            text(
                "kind",
                "follow_up (uppföljning av kvalitetskrav) eller result_follow_up (resultatuppföljning)",
                lambda f: f.record.kind.value,
            ),
            text(
                "service",
                "Tjänsten som beslutets rubrik anger, tomt om den inte anger någon",
                lambda f: f.record.service,
            ),
            text("case_number", "Diarienummer som det är tryckt, tomt om okänt", lambda f: f.record.case_number),
            date("date", "Beslutets datum, tomt om okänt", lambda f: f.record.date),
            text(
                "date_as_printed",
                "Datumet som det är tryckt i beslutet, tomt om det är ÅÅÅÅ-MM-DD eller okänt",
                lambda f: f.date_as_printed,
            ),
            text("provider_id", "Utförarens id, tomt om okänt", lambda f: f.record.provider),
            text(
                "basis_kind",
                "contract (avtal) eller agreement (överenskommelse), tomt om okänt",
                lambda f: f.record.basis.kind.value if f.record.basis else None,
            ),
            text(
                "basis_number",
                "Diarienummer för avtalet eller överenskommelsen som det är tryckt, tomt om okänt",
                lambda f: f.record.basis.number if f.record.basis else None,
            ),
            text(
                "basis_counterparty",
                "Avtalets eller överenskommelsens andra part, tom om okänd",
                lambda f: f.record.basis.counterparty if f.record.basis else None,
            ),
            text(
                "follows_up", "Id för beslutet som följs upp, tomt om inget eller okänt", lambda f: f.record.follows_up
            ),
            text("outcome", "action_plan_required eller closed", lambda f: f.record.decision.outcome.value),
            Column(
                "copy_complete",
                "boolean",
                "false om den publicerade kopian av beslutet är ofullständig: antalen nedan är då minsta antal,"
                " och övriga områden framgår inte",
                lambda f: "false" if f.record.partial else "true",
            ),
            text(
                "copy_missing",
                "Vad som saknas i en ofullständig kopia, tomt om kopian är fullständig",
                lambda f: f.record.published_copy.missing if f.record.partial and f.record.published_copy else None,
            ),
            *(Column(name, "integer", description, _count(name)) for name, description in OUTCOME_COUNT_COLUMNS),
            text("organisation", "Organisationen som fattade beslutet", lambda f: f.record.issuer.organisation),
            text(
                "signed_by",
                "Avtalscontrollern som undertecknade; okänt om namnet inte framgår av den publicerade kopian",
                lambda f: f.record.signed_by.name,
            ),
            *reply("beslutet", lambda f: f.record.provider_reply),
            date(
                "corrected",
                "Dag för den senaste rättelsen, tom om beslutet inte har rättats",
                lambda f: f.last_corrected,
            ),
            text("url", "Beslutets sida", lambda f: page(f.ref.page)),
            text(
                "original",
                "Fullständig adress till det publicerade originalbeslutet: PDF-filen på portalen eller adressen där"
                " beslutet publiceras; tom om posten inte anger något original",
                lambda f: f.original.url(site_url) if f.original else None,
            ),
        ),
        ("id",),
        (ForeignKey(("provider_id",), "utforare", ("id",)), ForeignKey(("follows_up",), "beslut", ("id",))),
        portal.followups,
    )
    outcomes = Table(
        "utfall",
        "Utfall per beslut och krav",
        (
            text("decision_id", "Beslutets id", lambda o: o.followup.id),
            text("requirement_id", "Kravets id", lambda o: o.requirement.id),
            text("requirement_version", "Versionen av kravet som bedömdes", lambda o: o.version.id),
            text(
                "heading_as_printed",
                "Rubriken som den står i beslutet; kravets namn där beslutet inte har en egen",
                lambda o: o.name_as_printed,
            ),
            text(
                "status",
                "met, not_met, remedied eller remains; unknown om bedömningen inte framgår av den publicerade kopian",
                lambda o: o.status.value,
            ),
            text(
                "assessment",
                "Bedömningen ordagrant; okänt om den inte framgår av den publicerade kopian",
                lambda o: plain_text(o.outcome.assessment),
            ),
            text(
                "required_action",
                "Åtgärden ordagrant, tom om ingen; okänt om den inte framgår av den publicerade kopian",
                lambda o: plain_text(o.outcome.required_action or ""),
            ),
            *reply("bedömningen", lambda o: o.outcome.provider_reply),
            text("url", "Bedömningen på beslutets sida", lambda o: f"{page(o.followup.page)}#{o.anchor}"),
        ),
        ("decision_id", "requirement_id"),
        (
            ForeignKey(("decision_id",), "beslut", ("id",)),
            ForeignKey(("requirement_id", "requirement_version"), "kravversioner", ("requirement_id", "version_id")),
        ),
        tuple(o for f in portal.followups for o in f.outcomes),
        compressed=True,
    )
    actions = Table(
        "atgarder",
        "Åtgärder som besluten kräver",
        (
            text("decision_id", "Beslutet som kräver åtgärden", lambda a: a.followup.id),
            text(
                "provider_id",
                "Utföraren som ska vidta åtgärden, tomt om beslutet inte anger den",
                lambda a: a.provider.id if a.provider else None,
            ),
            text(
                "requirement_id",
                "Kravet som åtgärden gäller; tomt för det som beslutet kräver som helhet",
                lambda a: f.requirement.id if (f := _finding(a)) else None,
            ),
            text(
                "heading_as_printed",
                "Rubriken som den står i beslutet; kravets namn där beslutet inte har en egen",
                lambda a: f.name_as_printed if (f := _finding(a)) else None,
            ),
            text(
                "required_action",
                "Åtgärden ordagrant; för beslutet som helhet beslutets egen inledning till punkten, tom om den saknas;"
                " okänt om åtgärden inte framgår av den publicerade kopian",
                lambda a: plain_text(a.text),
            ),
            date(
                "due",
                "Sista dag för åtgärdsplanen eller handlingarna, dagen efter vilken resultatuppföljningen görs;"
                " tom om beslutet inte anger den",
                lambda a: a.due.date if a.due else None,
            ),
            text(
                "state",
                "open, due_passed, remedied, remains eller followed_up (resultatuppföljningen är publicerad),"
                " enligt de publicerade besluten",
                lambda a: a.state.value,
            ),
            text(
                "resolved_by",
                "Beslutet som senare bedömde kravet, tomt om inget",
                lambda a: r.followup.id if (r := _resolution(a)) else None,
            ),
            date(
                "resolved_on",
                "Datum för beslutet som senare bedömde kravet, tomt om inget eller om datum saknas",
                lambda a: r.followup.date if (r := _resolution(a)) else None,
            ),
            text(
                "verified_with",
                "Underlag som granskades vid den senare bedömningen, åtskilda av semikolon",
                lambda a: _verified_with(_resolution(a)),
            ),
            text(
                "kind",
                "finding (åtgärd för ett krav), eller för beslutet som helhet action_plan (åtgärdsplan),"
                " documents (handlingar) eller result_follow_up (resultatuppföljning)",
                lambda a: a.kind,
            ),
            text(
                "items",
                "Handlingarna som ska skickas in, eller vad resultatuppföljningen ska granska, en per rad",
                lambda a: "\n".join(plain_text(item) for item in a.items) if a.is_deliverable else None,
            ),
        ),
        (),
        (
            ForeignKey(("decision_id",), "beslut", ("id",)),
            ForeignKey(("provider_id",), "utforare", ("id",)),
            ForeignKey(("requirement_id",), "krav", ("id",)),
            ForeignKey(("resolved_by",), "beslut", ("id",)),
        ),
        portal.entries,
        also_json=True,
        compressed=True,
    )
    corrections = Table(
        "rattelser",
        "Rättelser av publicerade beslut",
        (
            text("decision_id", "Det rättade beslutet", lambda row: row.followup.record.id),
            Column("number", "integer", "Rättelsens nummer i beslutet, 1 för den första", lambda row: row.number),
            date("date", "Dag då beslutet rättades", lambda row: row.correction.date),
            text("change", "Vad som ändrades", lambda row: plain_text(row.correction.change)),
            text("reason", "Varför det ändrades", lambda row: plain_text(row.correction.reason)),
        ),
        ("decision_id", "number"),
        (ForeignKey(("decision_id",), "beslut", ("id",)),),
        tuple(CorrectionRow(f, n, c) for f in portal.followups for n, c in enumerate(f.record.corrections, 1)),
    )
    return (providers, requirements, versions, decisions, outcomes, actions, corrections)


def _verified_with(resolution: OutcomeView | None) -> str | None:
    if resolution is None:
        return None
    return "; ".join(plain_text(e) for e in resolution.outcome.evidence) or None


def _finding(entry: RegisterEntry) -> OutcomeView | None:
    return entry.finding if isinstance(entry, RequiredAction) else None


def _resolution(entry: RegisterEntry) -> OutcomeView | None:
    return entry.resolution if isinstance(entry, RequiredAction) else None


def _count(name: str) -> Callable[[Any], object]:
    """One of a decision's outcome counts (met, not_met, …), read from its OutcomeCounts."""
    return lambda followup: getattr(followup.tally, name)


def _reply_date(reply: Reply | None) -> dt.date | None:
    return reply.date if reply else None


def _reply_text(reply: Reply | None) -> str:
    return plain_text(reply.text) if reply else ""


def _csv(table: Table, rows: Iterable[dict[str, object]]) -> bytes:
    """The table as UTF-8, encoded as it is written: the outcomes' table is the largest file of
    the open data (119 MB at L), and made as text first, then encoded, it was held several times
    over (at S, 3.0 MB of memory for a 0.8 MB file; 1.0 MB this way). Lines end in
    CRLF as RFC 4180 says; Python's writer then also quotes a cell that holds a lone CR, which
    a reader would otherwise take for the end of the row. Only string columns can hold a
    formula; an integer or a date is written as it is. A compressed table is compressed as it
    is written."""
    buffer = io.BytesIO()
    if table.compressed:
        with gzip_stream(buffer) as compressed:
            _write_csv(table, rows, compressed)
    else:
        _write_csv(table, rows, buffer)
    return buffer.getvalue()


def _write_csv(table: Table, rows: Iterable[dict[str, object]], out: io.BytesIO | gzip.GzipFile) -> None:
    stream = io.TextIOWrapper(out, encoding="utf-8", newline="")
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow([c.name for c in table.columns])
    text = [column.type == "string" for column in table.columns]
    writer.writerows(
        [csv_cell(value, text=is_text) for value, is_text in zip(row.values(), text, strict=True)] for row in rows
    )
    stream.flush()
    stream.detach()  # closing the text stream would close out


def _json_files(portal: Portal, site_url: str) -> Iterator[tuple[str, str | bytes]]:
    """Each kind of record in a file of its own, with its schema, one kind at a time. No file
    combines them: at national scale a combined copy doubled the open data (the decisions' full
    texts twice); datapackage.json and dcat.jsonld list the files instead."""
    records: dict[Kind, Callable[[], Iterator[dict[str, Any]]]] = {
        REQUIREMENTS: lambda: (_dumped(r.record) for r in portal.requirements),
        PROVIDERS: lambda: (_dumped(p.record) for p in portal.providers),
        FOLLOWUPS: lambda: (_followup_json(f, site_url) for f in reversed(portal.followups)),
    }
    for record in RECORD_FILES:
        yield record.path, _json_file(record.path, records[record.kind]())
        yield f"{FOLDER}/schemas/{record.name}.schema.json", json_document(_array_schema(record.kind), compact=False)


def _dumped(record: BaseModel) -> dict[str, Any]:
    return record.model_dump(mode="json", exclude_defaults=False)


def _followup_json(followup: FollowUpView, site_url: str) -> dict[str, Any]:
    """A decision as its record says, but for `original`: the full address of the published
    original, as in beslut.csv, since a kept PDF's name in the data tree means nothing outside it."""
    dumped = _dumped(followup.record)
    if followup.original is not None:
        dumped["original"] = followup.original.url(site_url)
    return dumped


def _array_schema(kind: Kind) -> dict[str, Any]:
    record = kind.model.model_json_schema()
    definitions = record.pop("$defs", {})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "array",
        "items": {"$ref": "#/$defs/record"},
        "$defs": {**definitions, "record": record},
    }


def _datapackage(tables: Sequence[Table]) -> dict[str, Any]:
    return {
        "name": "kvalitetsportalen",
        "title": "Kvalitetsportalen: kvalitetskrav och beslut om hemtjänstens utförare",
        "licenses": [LICENSE],
        "resources": [_resource(table) for table in tables],
    }


def _resource(table: Table) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": [{"name": c.name, "type": c.type, "description": c.description} for c in table.columns],
        "missingValues": [""],
    }
    if table.primary_key:
        schema["primaryKey"] = list(table.primary_key)
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": list(key.fields), "reference": {"resource": key.resource, "fields": list(key.target)}}
            for key in table.foreign_keys
        ]
    found: dict[str, Any] = {
        "name": table.name,
        "title": table.title,
        "path": table.path.removeprefix(f"{FOLDER}/"),
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
    }
    if table.compressed:
        found["compression"] = COMPRESSED.removeprefix(".")  # Frictionless unpacks it as it reads
    return found


def _dcat(tables: Sequence[Table], site_url: str, organisation: Organisation | None) -> dict[str, Any]:
    """DCAT-AP-SE metadata, so that Sweden's open-data portal can harvest the data set."""
    publishing = publisher(organisation)
    csv_files = [_distribution(f"{table.title} (CSV)", table.path, "text/csv", site_url) for table in tables]
    json_files = [(f"{f.title} (JSON)", f.path) for f in RECORD_FILES]
    json_files += [(f"{table.title} (JSON)", table.json_path) for table in tables if table.also_json]
    distributions = csv_files + [_distribution(title, path, "application/json", site_url) for title, path in json_files]
    dataset = {
        "@type": "dcat:Dataset",
        "dcterms:title": swedish("Uppföljning av kvalitetskrav i hemtjänsten"),
        "dcterms:description": swedish(
            "Kvalitetskraven för hemtjänstens utförare och besluten från uppföljningen av dem: utfall per krav,"
            " åtgärder och datum."
        ),
        "dcterms:publisher": publishing,
        "dcat:contactPoint": contact_point(organisation, site_url),
        "dcat:keyword": [swedish(word) for word in ("hemtjänst", "kvalitetskrav", "uppföljning", "LOV")],
        "dcat:theme": {"@id": "http://publications.europa.eu/resource/authority/data-theme/SOCI"},
        "dcterms:license": {"@id": LICENSE["path"]},
        "dcat:distribution": distributions,
    }
    return {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dcterms": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "vcard": "http://www.w3.org/2006/vcard/ns#",
        },
        "@type": "dcat:Catalog",
        "dcterms:title": swedish("Kvalitetsportalen"),
        "dcterms:description": swedish("Öppna data från Kvalitetsportalen."),
        "dcterms:publisher": publishing,
        "dcterms:license": {"@id": LICENSE["path"]},
        "foaf:homepage": {"@id": site_url or "./"},
        "dcat:dataset": [dataset],
    }


def _distribution(title: str, path: str, media_type: str, site_url: str) -> dict[str, Any]:
    """One file of the data set as DCAT describes it: every CSV table and every JSON file, each
    on its own (no file repeats another); a compressed file says so (dcat:compressFormat)."""
    found = {
        "@type": "dcat:Distribution",
        "dcterms:title": swedish(title),
        "dcat:accessURL": {"@id": f"{site_url}oppna-data/"},
        "dcat:downloadURL": {"@id": site_url + path},
        "dcat:mediaType": {"@id": f"{MEDIA_TYPES}{media_type}"},
        "dcterms:license": {"@id": LICENSE["path"]},
    }
    if path.endswith(COMPRESSED):
        found["dcat:compressFormat"] = {"@id": f"{MEDIA_TYPES}application/gzip"}
    return found


def swedish(value: str) -> dict[str, str]:
    return {"@language": "sv", "@value": value}
