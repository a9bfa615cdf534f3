"""The shipped data with decisions added, written the way a controller starts one: a copy of a
shipped file with its id, case number, provider and date changed. Text replacement keeps this
working whatever else the record format holds."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

ADDED_AFTER = dt.date(2024, 9, 10)
"""The date of one added decision: later than the suite's AS_OF, as a decision published today is."""


def _copy(data: Path, source: str, target: str, replacements: list[tuple[str, str]]) -> None:
    text = (data / source).read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, f"{old!r} not in {source}"
        text = text.replace(old, new, 1)
    (data / target).write_text(text, encoding="utf-8")


MUNICIPAL_PROVIDER = """\
# yaml-language-server: $schema=../../schemas/provider.schema.json
id: hemtjansten-sodra
name: Hemtjänsten Södra
kind: municipal
contracts:
  - SOV 100/2020
"""
"""A municipal unit under an agreement, written as CONTRIBUTING.md shows."""

AGREEMENT_DECISION = """\
# yaml-language-server: $schema=../../schemas/followup.schema.json
id: hemtjansten-sodra-2021
kind: follow_up
case_number: SOV 123/2021
date: 2021-06-09
date_as_printed: "210609"
provider: hemtjansten-sodra
basis: {kind: agreement, number: SOV 100/2020, counterparty: Programnämnd social välfärd}
issuer:
  organisation: Örebro kommun
  unit: Enheten för uppföljning
introduction: Enheten för uppföljning har följt upp kvalitetskraven i överenskommelsen.
provider_facts:
  customers: 60
  staff: 30
outcomes:
  - requirement: trygghetslarm
    requirement_version: enligt-sov-881-2022
    heading: Larmhantering i hemtjänsten
    status: met
    assessment: Larmen dokumenteras i verkställighetsjournalen.
  - requirement: dokumentation
    requirement_version: sov-100-2020
    status: met
    assessment: Genomförandeplanerna är upprättade.
decision:
  outcome: closed
  text: Uppföljningen avslutas.
signed_by:
  name: Eva Exempel
  title: Avtalscontroller
"""
"""An upper-case case number, a date printed as six digits, an agreement with its counterparty,
facts about the provider, a heading that names the area differently from the requirement, and a
requirement version whose text is unknown (added to dokumentation.yml below)."""

PARTIAL_DECISION = """\
# yaml-language-server: $schema=../../schemas/followup.schema.json
id: hemtjansten-sodra-2024
kind: follow_up
case_number: Sov 31/2024
date: 2024-03-01
provider: hemtjansten-sodra
basis: {kind: agreement, number: SOV 100/2020, counterparty: Programnämnd social välfärd}
published_copy:
  complete: false
  missing: Bara tre områden går att läsa i den publicerade kopian.
issuer:
  organisation: Örebro kommun
  unit: Enheten för uppföljning
introduction: okänt
outcomes:
  - requirement: trygghetslarm
    requirement_version: enligt-sov-881-2022
    heading: Trygghetsla
    status: not_met
    assessment: okänt
    required_action: okänt
  - requirement: egenkontroller
    requirement_version: enligt-sov-881-2022
    status: not_met
    assessment: Egenkontroller har inte genomförts.
    required_action: Genomför egenkontroller.
  - requirement: dokumentation
    requirement_version: sov-100-2020
    status: not_met
    assessment: okänt
    required_action: okänt
decision:
  outcome: action_plan_required
  text: okänt
  deadlines:
    - kind: action_plan
      date: 2024-05-02
signed_by:
  name: okänt
  title: Avtalscontroller
"""
"""A partial copy: three areas legible and not met, one heading cut off mid-word, unknown text."""

AGREEMENT_VERSION = """\
  - id: sov-100-2020
    contract: SOV 100/2020
"""
"""The requirement under the agreement, its text not known (no text field)."""


def grown(shipped: Path, into: Path) -> Path:
    """A copy of shipped at into/data with decisions added: the result follow-up Sov 881/2022
    again as Sov 900/2024 of Kvalitetsservice (dated ADDED_AFTER, so that its standing changes);
    a new provider with a dated copy of the follow-up of Kvalitetsservice; and a municipal unit
    under an agreement with one complete and one partial decision of the shapes real decisions
    have (see the constants above). Returns the copy's data folder."""
    data = into / "data"
    shutil.copytree(shipped, data)
    _copy(
        data,
        "followups/sov-881-2022.yml",
        "followups/sov-900-2024.yml",
        [
            ("id: sov-881-2022\n", "id: sov-900-2024\n"),
            ("case_number: Sov 881/2022\n", "case_number: Sov 900/2024\nprovider: kvalitetsservice\n"),
            ("date: 2022-05-16\n", f"date: {ADDED_AFTER.isoformat()}\n"),
        ],
    )
    _copy(
        data,
        "providers/kvalitetsservice.yml",
        "providers/omsorgsbolaget.yml",
        [("id: kvalitetsservice\n", "id: omsorgsbolaget\n"), ("name: Kvalitetsservice\n", "name: Omsorgsbolaget\n")],
    )
    _copy(
        data,
        "followups/kvalitetsservice-voo-1905-2023.yml",
        "followups/omsorgsbolaget-2023-12-01.yml",
        [
            ("id: kvalitetsservice-voo-1905-2023\n", "id: omsorgsbolaget-2023-12-01\ndate: 2023-12-01\n"),
            ("provider: kvalitetsservice\n", "provider: omsorgsbolaget\n"),
        ],
    )
    (data / "providers/hemtjansten-sodra.yml").write_text(MUNICIPAL_PROVIDER, encoding="utf-8")
    (data / "followups/hemtjansten-sodra-2021.yml").write_text(AGREEMENT_DECISION, encoding="utf-8")
    (data / "followups/hemtjansten-sodra-2024.yml").write_text(PARTIAL_DECISION, encoding="utf-8")
    with (data / "requirements/dokumentation.yml").open("a", encoding="utf-8") as requirement:
        requirement.write(AGREEMENT_VERSION)
    return data
