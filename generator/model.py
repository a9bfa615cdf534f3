"""The record format: one typed, immutable model per kind of YAML file.

These classes are the single source of truth for field names, types and
allowed values. The validator checks YAML against them, the JSON Schema is
derived from them, and the docstring under each field is the description an
editor shows (in Swedish, for the controllers who edit the data).

Long because it is the whole record format, one model per kind with a Swedish description under
each field: the format is read, and changed, as one.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import (
    AllowInfNan,
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    StrictBool,
    StrictFloat,
    StrictInt,
    StringConstraints,
)

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
"""The patterns are named so that the validator's hints (messages.py) are keyed by the very
patterns the models check, never by a copy."""

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=80)]
"""Lowercase ASCII letters, digits and single hyphens: safe in file names and URLs."""

Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]

AreaName = Annotated[str, StringConstraints(min_length=1, max_length=100)]
"""An area's name also names its comparison page (jamforelse/omrade-…), so it stays short enough for a file name."""

CASE_NUMBER_PATTERN = r"^[A-ZÅÄÖ][A-ZÅÄÖa-zåäö]{1,5} \d{1,6}/\d{4}$"

CaseNumber = Annotated[str, StringConstraints(pattern=CASE_NUMBER_PATTERN)]
"""A diarienummer as printed, such as "Voo 1905/2023" or "SOV 123/2021"; ids, sorting and
matching use case_number_key(), so that the two forms of one number are the same number."""


def case_number_key(number: str) -> str:
    """The normalised form of a printed diarienummer: "SOV 123/2021" and "Sov 123/2021" are both
    "Sov 123/2021". The one place that decides when two printed numbers are the same."""
    prefix, _, rest = " ".join(number.split()).partition(" ")
    return f"{prefix[:1].upper()}{prefix[1:].lower()} {rest}".strip()


SECTION_NUMBER_PATTERN = r"^\d+(?:\.\d+)*$"

SectionNumber = Annotated[str, StringConstraints(pattern=SECTION_NUMBER_PATTERN)]
"""A contract section such as "3.10": always text, because 3.10 is not 3.1."""

YEAR_MONTH_PATTERN = r"^[1-9]\d{3}-(?:0[1-9]|1[0-2])$"

YearMonth = Annotated[str, StringConstraints(pattern=YEAR_MONTH_PATTERN)]
"""A month such as "2022-02", for periods the source gives only to the month; a real one, so that
its first and last days are dates (there is no year 0)."""

Date = Annotated[dt.date, Strict()]
"""A date written YYYY-MM-DD without quotes; strict, so that no number or text slips in."""

EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$"

Email = Annotated[str, StringConstraints(pattern=EMAIL_PATTERN)]

UNKNOWN_TEXT = "okänt"
"""The marker for text a partial copy does not show, written `okänt` in YAML: one word that is
never a decision's whole text, so the validator tells it from a sentence. Allowed only in a
decision whose `published_copy` says it is incomplete; printed as *uppgift saknas*."""

TextOrUnknown = Text
"""Text that a required field holds, or the marker okänt where a partial copy does not show it: the
marker is text to the schema (so a wrong value gets the usual message), and is_unknown() tells it apart."""


TO_FILL = "att fylla i"
"""The marker the importer writes where it could not read a value from an archived decision:
allowed in any field of a draft (`draft: true`), where the validator lists it as a line still to
fill; never published. Distinct from okänt, which says the published copy does not show the text."""


def is_to_fill(value: object) -> bool:
    """Whether a value is the importer's marker for a value still to read from the original."""
    return value == TO_FILL


def is_unknown(value: object) -> bool:
    """Whether a field holds the marker for text the published copy does not show."""
    return value == UNKNOWN_TEXT


class Record(BaseModel):
    """Shared configuration: no unknown fields, immutable, docstrings as descriptions.

    Lax mode only turns lists into tuples and strings into enums; text never
    accepts a number, and dates and numbers are strict where they are declared.
    """

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        use_attribute_docstrings=True,
    )


class Status(StrEnum):
    """Bedömningen av ett krav i ett beslut."""

    MET = "met"
    NOT_MET = "not_met"
    REMEDIED = "remedied"
    REMAINS = "remains"
    UNKNOWN = "unknown"
    """The copy does not show the assessment (e.g. only a lost coloured mark): neither met nor not met."""

    @property
    def deficient(self) -> bool:
        """Not met, or a deficiency that remains: an action is owed."""
        return self in (Status.NOT_MET, Status.REMAINS)

    @property
    def satisfied(self) -> bool:
        """Met, or a deficiency remedied. Not the same as not deficient: an unknown status is neither."""
        return self in (Status.MET, Status.REMEDIED)


class FollowUpKind(StrEnum):
    """Slag av beslut."""

    FOLLOW_UP = "follow_up"
    RESULT_FOLLOW_UP = "result_follow_up"


class DecisionOutcome(StrEnum):
    """Vad beslutet innebär."""

    ACTION_PLAN_REQUIRED = "action_plan_required"
    CLOSED = "closed"


class DeadlineKind(StrEnum):
    """Vad datumet gäller."""

    ACTION_PLAN = "action_plan"
    DOCUMENTS = "documents"
    RESULT_FOLLOW_UP = "result_follow_up"


class FigureUnit(StrEnum):
    """Enhet för en siffra."""

    PERCENT = "percent"
    COUNT = "count"


class BasisKind(StrEnum):
    """Vad beslutet grundar sig på."""

    CONTRACT = "contract"
    AGREEMENT = "agreement"


class ProviderKind(StrEnum):
    """Kommunal eller privat utförare."""

    MUNICIPAL = "municipal"
    PRIVATE = "private"


class Observed(StrEnum):
    """När siffran mättes."""

    THIS_FOLLOW_UP = "this_follow_up"
    EARLIER_FOLLOW_UP = "earlier_follow_up"


# --- requirements -----------------------------------------------------------


class RequirementVersion(Record):
    id: Id
    """Versionens id, unikt inom kravet, t.ex. "voo-1905-2023". Ändras aldrig."""
    contract: CaseNumber | None = None
    """Diarienummer för avtalet eller överenskommelsen där kravet står, som det är tryckt, t.ex.
    "Voo 1905/2023". Utelämna om okänt."""
    quoted_from: Id | None = None
    """Id för det beslut vars text är källan till kravtexten, om kravet är citerat därifrån."""
    valid_from: Date | None = None
    """Datum då versionen började gälla (ÅÅÅÅ-MM-DD). Utelämna om okänt."""
    sections: tuple[SectionNumber, ...] = ()
    """Avtalspunkter som text inom citattecken, t.ex. ["2.8"]."""
    text: Text | None = None
    """Kravtexten ordagrant. Tom rad mellan stycken; rader som börjar med "- " blir en punktlista.
    Utelämna om texten inte är känd (visas som "uppgift saknas"); skriv aldrig en ersättningstext."""
    evidence: tuple[Text, ...] = ()
    """Underlag som avtalscontrollern normalt granskar för kravet."""
    guidance: Text | None = None
    """Vägledning till utförare, där källan har sådan."""


class Requirement(Record):
    id: Id
    """Kravets id, som filnamnet utan .yml. Blir sidans adress; vid byte läggs det gamla i previous_ids."""
    previous_ids: tuple[Id, ...] = ()
    """Tidigare id för posten, om den har bytt id: de gamla adresserna leder hit."""
    title: Text
    """Kravets namn som i bedömningsöversikten, t.ex. "Egenkontroller"."""
    area: AreaName
    """Avtalsområdet kravet hör till, t.ex. "Ledningssystem för kvalitet"."""
    versions: tuple[RequirementVersion, ...] = Field(min_length=1)
    """Kravets versioner, äldsta först. Varje utfall anger vilken version som bedömdes."""


# --- providers --------------------------------------------------------------


class Provider(Record):
    id: Id
    """Utförarens id, som filnamnet utan .yml. Blir sidans adress; vid byte läggs det gamla i previous_ids."""
    draft: StrictBool = False
    """true för ett utkast (t.ex. skapat av `python -m generator import`): det kontrolleras men
    publiceras inte. Ta bort raden när uppgifterna är granskade mot originalet."""
    previous_ids: tuple[Id, ...] = ()
    """Tidigare id för posten, om den har bytt id: de gamla adresserna leder hit."""
    name: Text
    """Utförarens namn som i besluten."""
    kind: ProviderKind | None = None
    """municipal (kommunal utförare) eller private (privat utförare). Utelämna om det inte framgår."""
    contracts: tuple[CaseNumber, ...] = ()
    """Diarienummer för avtalen eller överenskommelserna utföraren är bunden av, som de är tryckta,
    t.ex. ["Voo 1905/2023"]."""


# --- follow-ups -------------------------------------------------------------


class Period(Record):
    start: Date | YearMonth
    """Första dag (ÅÅÅÅ-MM-DD) eller månad (ÅÅÅÅ-MM) i perioden."""
    end: Date | YearMonth
    """Sista dag (ÅÅÅÅ-MM-DD) eller månad (ÅÅÅÅ-MM) i perioden."""


class Figure(Record):
    measure: Text
    """Vad som mättes, t.ex. "Larmloggar dokumenterade i verkställighetsjournalen"."""
    value: Annotated[StrictInt | Annotated[StrictFloat, AllowInfNan(False)], Field(ge=0)]
    """Värdet som det står i beslutet, t.ex. 90."""
    unit: FigureUnit
    """percent (procent) eller count (antal)."""
    sample_size: Annotated[StrictInt, Field(ge=1)] | None = None
    """Antal granskade, t.ex. 10, om beslutet anger det."""
    sample: Text | None = None
    """Vad urvalet bestod av, t.ex. "larmloggar"."""
    period: Period | None = None
    """Granskad period, om beslutet anger den."""
    observed: Observed = Observed.THIS_FOLLOW_UP
    """this_follow_up (vid denna uppföljning) eller earlier_follow_up (vid den tidigare)."""


class Basis(Record):
    """Det avtal eller den överenskommelse som beslutet följer upp."""

    kind: BasisKind
    """contract (avtal, med en privat utförare) eller agreement (överenskommelse, t.ex. mellan en
    kommunal utförare och en programnämnd)."""
    number: CaseNumber | None = None
    """Diarienummer som det är tryckt, t.ex. "Voo 1905/2023" eller "SOV 100/2020". Utelämna om okänt."""
    counterparty: Text | None = None
    """Den andra parten som den står i beslutet, t.ex. "Programnämnd social välfärd". Utelämna om okänd."""


class ProviderFacts(Record):
    """Uppgifter om utföraren som beslutet anger. De gäller vid beslutet, inte nu."""

    customers: Annotated[StrictInt, Field(ge=0)] | None = None
    """Antal kunder som beslutet anger, t.ex. 79. Utelämna om det inte står ett tal."""
    staff: Annotated[StrictInt, Field(ge=0)] | None = None
    """Antal medarbetare som beslutet anger. Utelämna om det inte står ett tal."""
    vehicles: Annotated[StrictInt, Field(ge=0)] | None = None
    """Antal fordon (bilar, cyklar) som beslutet anger. Utelämna om det inte står ett tal."""
    areas_served: tuple[Text, ...] = ()
    """Områden där utföraren är verksam, som i beslutet, t.ex. ["hela kommunen"]."""
    premises: Text | None = None
    """Lokaler som beslutet beskriver dem, ordagrant."""


class Reply(Record):
    """Utförarens eget svar, publicerat oförändrat. Kommunen granskar eller bedömer det inte."""

    date: Date
    """Dagen då utförarens svar kom in (ÅÅÅÅ-MM-DD)."""
    text: Text
    """Utförarens svar ordagrant, som utföraren skrev det. Kommunen granskar eller bedömer det inte."""


class Outcome(Record):
    requirement: Id
    """Id för kravet (en fil i data/requirements/)."""
    requirement_version: Id
    """Id för den version av kravet som bedömdes."""
    heading: Text | None = None
    """Rubriken som den står i beslutet, om den skiljer sig från kravets namn, även om den är
    avklippt. Listor, register och öppna data visar den, med kravets namn bredvid."""
    status: Status
    """met (uppfyller kravet), not_met (uppfyller inte kravet), remedied (åtgärdad brist),
    remains (kvarstående brist); unknown om bedömningen inte framgår av en ofullständig kopia
    (t.ex. bara ett färgat tecken som inte syns)."""
    evidence: tuple[Text, ...] = ()
    """Underlag till bedömning, en rad per underlag, ordagrant."""
    earlier_finding: Text | None = None
    """Resultatuppföljning: vad den tidigare uppföljningen fann, ordagrant."""
    earlier_action: Text | None = None
    """Resultatuppföljning: vilken åtgärd som begärdes då, ordagrant."""
    assessment: TextOrUnknown
    """Bedömningen ordagrant; okänt om den inte går att läsa i en ofullständig kopia."""
    required_action: TextOrUnknown | None = None
    """Åtgärd som utföraren ska vidta, ordagrant. Krävs när kravet inte uppfylls; okänt om den
    inte går att läsa i en ofullständig kopia."""
    figures: tuple[Figure, ...] = ()
    """Siffror ur bedömningen, med urval och period."""
    provider_reply: Reply | None = None
    """Utförarens svar på bedömningen av just detta krav, om utföraren har lämnat ett."""


class Deadline(Record):
    kind: DeadlineKind
    """action_plan (åtgärdsplan), documents (handlingar) eller result_follow_up (resultatuppföljning)."""
    date: Date
    """Sista dag för åtgärdsplan och handlingar; dagen efter vilken resultatuppföljningen görs."""
    send_to: Email | None = None
    """E-postadress dit åtgärdsplan eller handlingar ska skickas."""
    text: Text | None = None
    """Beslutets egen inledning till punkten, ordagrant."""
    items: tuple[Text, ...] = ()
    """Handlingar som ska skickas in, eller vad resultatuppföljningen ska granska."""


class Decision(Record):
    outcome: DecisionOutcome
    """action_plan_required (brister, åtgärdsplan krävs) eller closed (uppföljningen avslutas)."""
    text: TextOrUnknown
    """Beslutet ordagrant; okänt om det inte går att läsa i en ofullständig kopia."""
    deadlines: tuple[Deadline, ...] = ()
    """Datum som beslutet sätter."""
    consequences: Text | None = None
    """Vad som händer om bristerna kvarstår, ordagrant."""


class Issuer(Record):
    organisation: Text
    """T.ex. "Örebro kommun"."""
    department: Text | None = None
    """Förvaltning, t.ex. "Kommunstyrelseförvaltningen"."""
    unit: Text
    """T.ex. "Enheten för uppföljning"."""
    website: Text | None = None
    """Webbplats som den står i beslutets sidhuvud."""


class Signatory(Record):
    name: TextOrUnknown
    """Namnet på avtalscontrollern som undertecknade beslutet; okänt om det inte går att läsa i en
    ofullständig kopia."""
    title: TextOrUnknown
    """T.ex. "Avtalscontroller"; okänt om det inte går att läsa i en ofullständig kopia."""


class Copy(Record):
    """Den publicerade kopian som posten bygger på."""

    complete: StrictBool
    """false om kopian är ofullständig (sidor saknas, bara vissa områden går att läsa)."""
    missing: Text | None = None
    """Vad som saknas i kopian, t.ex. "Sidorna 3–5 saknas i den publicerade kopian". Krävs när
    complete är false."""


class Correction(Record):
    """En rättelse av ett publicerat beslut: när, vad som ändrades och varför."""

    date: Date
    """Dagen då beslutet rättades (ÅÅÅÅ-MM-DD)."""
    change: Text
    """Vad som ändrades, t.ex. "Avtalets diarienummer rättat från Voo 1/2022 till Voo 1/2023"."""
    reason: Text
    """Varför det ändrades, t.ex. "Skrivfel i det publicerade beslutet"."""


class FollowUp(Record):
    id: Id
    """Beslutets id, som filnamnet utan .yml. Blir sidans adress; vid byte läggs det gamla i previous_ids."""
    draft: StrictBool = False
    """true för ett utkast (t.ex. importerat ur ett arkiverat beslut med `python -m generator import`):
    det kontrolleras men publiceras inte, och "att fylla i" får stå där ett värde inte gick att läsa.
    Ta bort raden när posten är granskad mot originalet."""
    original: Text | None = None
    """Det publicerade originalbeslutet: en adress (https://…) eller en PDF under data/originals/,
    skriven som "originals/filnamn.pdf". Beslutssidan och öppna data länkar till det."""
    previous_ids: tuple[Id, ...] = ()
    """Tidigare id för posten, om den har bytt id: de gamla adresserna leder hit."""
    kind: FollowUpKind
    """follow_up (uppföljning av kvalitetskrav) eller result_follow_up (resultatuppföljning)."""
    service: Text | None = None
    """Tjänsten som beslutet gäller, som rubriken anger den, t.ex. "Omvårdnad och Service".
    Utelämna om rubriken inte anger någon."""
    case_number: CaseNumber | None = None
    """Beslutets diarienummer, t.ex. "Sov 881/2022". Utelämna om okänt."""
    date: Date | None = None
    """Beslutets datum (ÅÅÅÅ-MM-DD). Utelämna om okänt."""
    date_as_printed: Text | None = None
    """Datumet som det är tryckt, om det skiljer sig från ÅÅÅÅ-MM-DD, t.ex. "210303" eller
    "3 mars 2021". `date` är då samma dag skriven ÅÅÅÅ-MM-DD."""
    provider: Id | None = None
    """Id för utföraren (en fil i data/providers/). Utelämna om okänt."""
    basis: Basis | None = None
    """Avtalet eller överenskommelsen som följs upp, t.ex. {kind: contract, number: Voo 1905/2023}
    eller {kind: agreement, number: Sov 100/2020, counterparty: Programnämnd social välfärd}.
    Utelämna om okänt."""
    follows_up: Id | None = None
    """Resultatuppföljning: id för beslutet som följs upp, om det är publicerat här."""
    issuer: Issuer
    """Vem som fattade beslutet."""
    published_copy: Copy | None = None
    """Den publicerade kopian, om den är ofullständig: {complete: false, missing: "…"}. Bara då får
    okänt stå i stället för text som kopian inte visar. Utelämna när kopian är fullständig."""
    introduction: TextOrUnknown
    """Inledningen ordagrant; okänt om den inte går att läsa i en ofullständig kopia."""
    provider_description: Text | None = None
    """Beslutets beskrivning av utföraren, ordagrant."""
    provider_facts: ProviderFacts | None = None
    """Uppgifter om utföraren som beslutet anger som tal eller ord (kunder, medarbetare, fordon,
    områden, lokaler). Bara det som står i beslutet; visas med beslutets datum."""
    method: Text | None = None
    """Metodavsnittet ordagrant."""
    outcomes: tuple[Outcome, ...] = Field(min_length=1)
    """Ett utfall per bedömt krav, i beslutets ordning."""
    decision: Decision
    """Beslutet med dess datum."""
    signed_by: Signatory
    """Avtalscontrollern som undertecknade."""
    provider_reply: Reply | None = None
    """Utförarens svar på beslutet som helhet, om utföraren har lämnat ett."""
    follow_up_interval_years: Annotated[StrictInt, Field(ge=1, le=10)] | None = None
    """Hur ofta kvalitetskraven ska följas upp enligt beslutet, i år: 3 för "minst en gång vart
    tredje år". Utelämna om beslutet inte anger det."""
    next_follow_up: Date | None = None
    """Datum då nästa uppföljning är planerad, om beslutet anger det (ÅÅÅÅ-MM-DD)."""
    corrections: tuple[Correction, ...] = ()
    """Rättelser efter publiceringen, äldsta först. Ett publicerat beslut ändras bara med en ny rättelse sist."""

    @property
    def partial(self) -> bool:
        """Whether the record says its published copy is incomplete."""
        return self.published_copy is not None and not self.published_copy.complete
