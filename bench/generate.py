"""Synthetic data trees for benchmarks: shaped, sized and worded like the real data, valid by construction.

``python bench/generate.py --size M --out /tmp/m`` writes a tree laid out like ``data/``:

- ``requirements/``: the shipped requirement files, copied unchanged;
- ``providers/``: the shipped provider, plus synthetic home-care providers with Swedish
  company names ("Omsorgshuset i Kumla AB", "Trygg Hemtjänst Norr"), one contract each,
  ``kind: private`` where the name says AB (a company) and no kind otherwise, as a controller
  would record them;
- ``followups/``: the shipped decisions, plus synthetic ones in cycles per provider: a
  follow-up (``follow_up``) assessing 7–9 requirements, about a third of them not met;
  often, some months later, a result follow-up (``result_follow_up``) that reassesses exactly
  the deficient requirements as remedied or remaining (and another one if some remain);
  the next cycle a year or three later. Every provider has at least one decision, a few
  have many.

The shipped requirements name the shipped decisions as their source (``quoted_from``) and
the validator checks that reference, so the shipped decisions and their provider are part
of every tree and count towards its size in ``SIZES``.

Texts are sentences sampled from the shipped decisions, so their length and vocabulary are
the real ones; the shipped provider's name and contract are replaced by the synthetic
provider's. Every generated decision has a date (from 2018-01-01 up to the as-of date) and
a case number, but no ``basis``: the latest requirement versions belong to contract
Voo 1905/2023, and the validator rejects a decision whose basis number differs from that of a
version it assesses, while each synthetic provider has its own contract.

All chance comes from one ``random.Random(seed)``, so the same arguments give a
byte-identical tree.

Long because that one random stream runs through every part (names, contracts, cycles,
outcomes, texts): split into modules, the order of its draws, and so the tree, would depend on
the order of imports and calls across files.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import itertools
import json
import random
import re
import shutil
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

import yaml

from generator.model import case_number_key

DATA = Path(__file__).resolve().parents[1] / "data"
"""The shipped data: copied into every tree and the source of every sampled sentence."""

FOLDERS = ("requirements", "providers", "followups")


class Size(NamedTuple):
    providers: int
    decisions: int


SIZES: dict[str, Size] = {
    "XS": Size(4, 12),
    "S": Size(40, 120),
    "M": Size(400, 2000),
    "L": Size(4000, 20000),
}
"""Providers and decisions per tree, the shipped ones included. XS is the CI smoke test."""

EARLIEST = dt.date(2018, 1, 1)
DEFAULT_AS_OF = dt.date(2026, 11, 23)
MIN_SPAN_DAYS = 365
"""The as-of date must leave at least a year after EARLIEST, or the dates of a long chain cannot fit."""

MAX_PER_PROVIDER = 14
"""About one decision every seven months since 2018: the most a provider gets, so that its dates stay plausible."""
SPREAD = 0.75
"""Sigma of the log-normal weights that share decisions among providers: a long tail, few at MAX_PER_PROVIDER."""

CYCLE_SIZES = (1, 2, 3)
CYCLE_WEIGHTS = (3, 6, 1)
"""A follow-up alone, with one result follow-up, or with two (when deficiencies remained at the first)."""

OUTCOMES_PER_FOLLOW_UP = (7, 8, 8, 8, 9)
FAILURE_RATES = (0.15, 0.45)
"""Each provider's chance of failing a requirement, drawn from this range: about 30 % not met overall."""

REMAINS_RATE = 0.2
FIGURE_RATE = 0.4
"""Share of follow-up outcomes with figures, among requirements for which the shipped decisions give some."""
QUOTED_FIGURE_RATE = 0.7
RESULT_EVIDENCE_RATE = 0.5
DOCUMENTS_RATE = 0.4
DESCRIPTION_RATE = 0.6
METHOD_RATE = 0.9
EXCERPT_KEEP = 0.8
"""Share of a source's sentences an excerpt keeps (introductions, methods, descriptions, deadline items)."""

# Low, high and mode of the lengths in characters of generated assessments and required actions.
ASSESSMENT_CHARS = (300, 1200, 550)
ACTION_CHARS = (150, 700, 300)

MIN_SENTENCE = 35
"""Shorter pieces are side headings or fragments ("Rutin rapporteringsskyldighet"), not sentences."""

CONCLUSION = re.compile(r"\bbedömningen\b", re.IGNORECASE)
SENTENCE_BREAK = re.compile(r"(?<=\.) (?=[A-ZÅÄÖ])")
SWEDISH_DATE = re.compile(r"den\s+\d{1,2}\s+[A-Za-zåäöÅÄÖ]+\s+\d{4}")
AGREEMENT = re.compile(r"(avtalskravet gällande) [\wåäö]+")
CASE_NUMBER = re.compile(r"[A-ZÅÄÖ][A-ZÅÄÖa-zåäö]{1,5} \d{1,6}/\d{4}")
MONTHS = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)  # fmt: skip

REORGANISED = 2023
"""From this year case numbers are Voo (as Voo 1905/2023), before it Sov (as Sov 881/2022)."""

ISSUERS: dict[bool, dict[str, str]] = {
    False: {
        "organisation": "Örebro kommun",
        "department": "Kommunstyrelseförvaltningen",
        "unit": "Enheten för uppföljning",
        "website": "orebro.se",
    },
    True: {
        "organisation": "Örebro kommun",
        "department": "Socialförvaltningen, Förvaltningskansliet",
        "unit": "Enheten för uppföljning",
    },
}
"""The issuer before REORGANISED (key False) and from then on (True), as in the shipped decisions of 2022 and 2023."""

YAML_WORDS = frozenset({"y", "n", "yes", "no", "true", "false", "on", "off", "null"})
"""Plain words YAML 1.1 reads as a boolean or null."""

MODELINE = "# yaml-language-server: $schema=../../schemas/{}.schema.json\n"

CORES = (
    "Omsorgshuset", "Hemtjänstgruppen", "Omvårdnadsteamet", "Vardagsstödet", "Servicehuset", "Hemhjälpen",
    "Äldrestödet", "Trygghetsteamet", "Hemomsorgen", "Vårdkraft", "Omsorgsteamet", "Hemmastödet",
    "Vårdhjälpen", "Serviceteamet", "Livsglädje Omsorg", "Närvården", "Omtanke Hemtjänst", "Vardagshjälpen",
)  # fmt: skip
ADJECTIVES = (
    "Trygg", "Varsam", "Personlig", "Nära", "Lugn", "Pålitlig", "Aktiv", "Vänlig", "Hjärtlig", "Tillgänglig",
    "Omtänksam", "Stabil", "Flexibel", "Lokal", "Kunnig", "Noggrann", "Glad", "Enkel",
)  # fmt: skip
SERVICES = ("Hemtjänst", "Omsorg", "Hemservice", "Vård och Omsorg", "Seniorservice", "Hemvård")
REGIONS = ("Norr", "Söder", "Öst", "Väst", "Syd", "Centrum", "Mitt", "Nordost", "Sydväst")
PLACES = (
    "Örebro", "Kumla", "Hallsberg", "Askersund", "Lindesberg", "Nora", "Karlskoga", "Degerfors", "Laxå",
    "Lekeberg", "Fjugesta", "Hällefors", "Kopparberg", "Glanshammar", "Vintrosa", "Odensbacken", "Garphyttan",
    "Marieberg", "Adolfsberg", "Brickebacken", "Vivalla", "Baronbackarna", "Varberga", "Lundby", "Mosås",
    "Norrby", "Tybble", "Sörbyängen", "Rynninge", "Hovsta", "Ekeby", "Almby", "Haga", "Oxhagen", "Björkhaga",
    "Ånsta", "Sörby", "Hjärsta", "Mellringe", "Ormesta",
)  # fmt: skip
FIRST_NAMES = (
    "Anna", "Maria", "Karin", "Sara", "Lena", "Emma", "Johanna", "Elin", "Helena", "Linda",
    "Erik", "Johan", "Anders", "Mikael", "Peter", "Fredrik", "Daniel", "Magnus", "Jonas", "Mattias",
)  # fmt: skip
SURNAMES = (
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson",
    "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson", "Lindberg", "Lindström", "Axelsson",
    "Berglund", "Sandberg", "Lundgren", "Forsberg", "Holmberg", "Sjöberg", "Wallin", "Engström", "Danielsson",
    "Håkansson", "Lund", "Nyberg",
)  # fmt: skip
NAME_PATTERNS = (
    "{core} i {place} AB",
    "{adjective} {service} {region}",
    "{surname}s {service} AB",
    "{service} {place} AB",
    "{adjective} {service} i {place}",
)
NAME_ATTEMPTS = 1000
STAFF = 12
"""Controllers who sign the decisions: a small unit, so each signs many."""

T = TypeVar("T")
Record = dict[str, Any]
Paragraphs = list[list[str]]


class Refused(Exception):
    """Arguments the generator will not work with; the message says why."""


# --- the shipped data -----------------------------------------------------------


@dataclass(frozen=True)
class Requirement:
    """What an outcome needs from a requirement, with the shipped wording for it."""

    id: str
    version: str
    title: str
    heading: str
    evidence: tuple[str, ...]
    figures: tuple[Record, ...]


@dataclass(frozen=True)
class Corpus:
    """The shipped records, and their texts cut into pools to sample from."""

    requirements: tuple[Requirement, ...]
    """In the order the shipped decisions assess them, so generated decisions read the same way."""
    provider_count: int
    followup_count: int
    bodies: dict[str, list[str]]
    """Assessment sentences by outcome status, without the closing judgement."""
    conclusions: dict[bool, list[str]]
    """Closing judgements ("Bedömningen är att ...") by whether the requirement was found deficient."""
    actions: list[str]
    introductions: dict[str, list[Paragraphs]]
    methods: dict[str, list[Paragraphs]]
    descriptions: list[Paragraphs]
    decision_texts: dict[str, list[str]]
    consequences: list[str]
    deadlines: dict[str, list[Record]]
    names: tuple[str, ...]
    contracts: tuple[str, ...]
    taken: frozenset[str]
    """Every case number in the shipped files, so that no generated one repeats it."""
    provider_ids: frozenset[str]
    latest: dt.date
    """The latest date of a shipped decision: an earlier as-of date would make it one from the future."""


def load_corpus(data: Path) -> Corpus:
    """Read the shipped tree once and cut it into what the generator samples."""
    requirements = [_load(path) for path in _files(data, "requirements")]
    providers = [_load(path) for path in _files(data, "providers")]
    followups = [_load(path) for path in _files(data, "followups")]
    outcomes = [outcome for followup in followups for outcome in followup["outcomes"]]
    deadlines = [deadline for f in followups for deadline in f["decision"].get("deadlines", ())]
    bodies, conclusions = _assessment_pools(outcomes)
    return Corpus(
        requirements=_requirements(requirements, outcomes),
        provider_count=len(providers),
        followup_count=len(followups),
        bodies=bodies,
        conclusions=conclusions,
        actions=_pool(o.get(key) for o in outcomes for key in ("required_action", "earlier_action")),
        introductions=_by_kind(followups, "introduction"),
        methods=_by_kind(followups, "method"),
        descriptions=[_paragraphs(f["provider_description"]) for f in followups if f.get("provider_description")],
        decision_texts=_group((f["decision"]["outcome"], f["decision"]["text"]) for f in followups),
        consequences=[f["decision"]["consequences"] for f in followups if f["decision"].get("consequences")],
        deadlines=_group((deadline["kind"], deadline) for deadline in deadlines),
        names=tuple(provider["name"] for provider in providers),
        contracts=tuple(contract for provider in providers for contract in provider.get("contracts", ())),
        taken=_case_numbers(data),
        provider_ids=frozenset(provider["id"] for provider in providers),
        latest=max((f["date"] for f in followups if f.get("date")), default=EARLIEST),
    )


def _files(data: Path, folder: str) -> list[Path]:
    return sorted((data / folder).glob("*.yml"))


def _case_numbers(data: Path) -> frozenset[str]:
    """Every case number written anywhere in the shipped files, comments and texts included, normalised
    (case_number_key), so that "SOV 100/2020" there makes "Sov 100/2020" taken."""
    return frozenset(
        case_number_key(n)
        for f in FOLDERS
        for path in _files(data, f)
        for n in CASE_NUMBER.findall(path.read_text("utf-8"))
    )


def _load(path: Path) -> Record:
    record: Record = yaml.safe_load(path.read_text("utf-8"))
    return record


def _requirements(records: list[Record], outcomes: list[Record]) -> tuple[Requirement, ...]:
    """Each requirement's latest version, with the heading, evidence and figures shipped decisions give it."""
    order = list(dict.fromkeys([o["requirement"] for o in outcomes] + [r["id"] for r in records]))
    by_id = {record["id"]: record for record in records}
    all_evidence = tuple(dict.fromkeys(item for o in outcomes for item in o.get("evidence", ())))
    result = []
    for requirement_id in order:
        record = by_id[requirement_id]
        own = [o for o in outcomes if o["requirement"] == requirement_id]
        headings = [o["heading"] for o in own if o.get("heading")]
        evidence = tuple(dict.fromkeys(item for o in own for item in o.get("evidence", ())))
        figures = tuple(f for o in own for f in o.get("figures", ()) if f.get("observed") != "earlier_follow_up")
        result.append(
            Requirement(
                id=requirement_id,
                version=record["versions"][-1]["id"],
                title=record["title"],
                heading=headings[0] if headings else record["title"],
                evidence=evidence or all_evidence,
                figures=figures,
            )
        )
    return tuple(result)


def _assessment_pools(outcomes: list[Record]) -> tuple[dict[str, list[str]], dict[bool, list[str]]]:
    """Assessment sentences by status, and the closing judgements apart, so a text can end on the right one."""
    bodies: dict[str, list[str]] = {}
    conclusions: dict[bool, list[str]] = {True: [], False: []}
    for outcome in outcomes:
        for sentence in _pool([outcome["assessment"]]):
            if CONCLUSION.search(sentence):
                conclusions[_deficient(outcome["status"])].append(sentence)
            else:
                bodies.setdefault(outcome["status"], []).append(sentence)
    # The shipped data has no remaining deficiency: word one as a result follow-up describing a deficiency.
    bodies.setdefault("remains", bodies["remedied"] + bodies["not_met"])
    return bodies, conclusions


def _by_kind(followups: list[Record], key: str) -> dict[str, list[Paragraphs]]:
    return _group((f["kind"], _paragraphs(f[key])) for f in followups if f.get(key))


def _group(pairs: Iterable[tuple[str, T]]) -> dict[str, list[T]]:
    grouped: dict[str, list[T]] = {}
    for key, value in pairs:
        grouped.setdefault(key, []).append(value)
    return grouped


def _pool(texts: Iterable[str | None]) -> list[str]:
    """The distinct sentences of some texts, fragments left out."""
    sentences = (s for text in texts if text for paragraph in _paragraphs(text) for s in paragraph)
    return list(dict.fromkeys(s for s in sentences if len(s) >= MIN_SENTENCE))


def _paragraphs(text: str) -> Paragraphs:
    """A shipped text as paragraphs of sentences (no final period): wrapped lines joined, side headings dropped."""
    result = []
    for block in text.strip().split("\n\n"):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if len(lines) > 1 and len(lines[0]) < 50 and not lines[0].endswith("."):
            lines = lines[1:]  # a side heading such as "Social dokumentation"
        sentences = [s.strip().rstrip(".") for s in SENTENCE_BREAK.split(" ".join(lines))]
        if any(sentences):
            result.append([s for s in sentences if s])
    return result


def _deficient(status: str) -> bool:
    return status in ("not_met", "remains")


# --- providers and their timelines ------------------------------------------------


@dataclass(frozen=True)
class Provider:
    """A synthetic provider and the shape of its history: cycle sizes and one date per decision."""

    id: str
    name: str
    contract: str
    failure_rate: float
    cycles: tuple[int, ...]
    dates: tuple[dt.date, ...]

    @property
    def record(self) -> Record:
        record: Record = {"id": self.id, "name": self.name, "contracts": [self.contract]}
        if self.name.endswith(" AB"):
            record["kind"] = "private"  # an aktiebolag is a company; other names do not say
        return record


def allocate(rng: random.Random, decisions: int, providers: int) -> list[int]:
    """Decisions per provider: one each, the rest spread unevenly (a few providers get many)."""
    weights = list(itertools.accumulate(rng.lognormvariate(0, SPREAD) for _ in range(providers)))
    counts = [1] * providers
    for _ in range(decisions - providers):
        chosen = bisect.bisect(weights, rng.random() * weights[-1])
        while counts[chosen] >= MAX_PER_PROVIDER:
            chosen = bisect.bisect(weights, rng.random() * weights[-1])
        counts[chosen] += 1
    return counts


def cycles(rng: random.Random, count: int) -> tuple[int, ...]:
    """Split a provider's decisions into cycles of a follow-up and its result follow-ups."""
    sizes = []
    while count:
        size = min(count, rng.choices(CYCLE_SIZES, CYCLE_WEIGHTS)[0])
        sizes.append(size)
        count -= size
    return tuple(sizes)


def dates(rng: random.Random, sizes: Sequence[int], as_of: dt.date) -> tuple[dt.date, ...]:
    """One weekday per decision, increasing, within EARLIEST..as_of.

    A result follow-up comes 100–240 days after the decision it follows up, a new cycle
    one to three years after the last; when a long history does not fit, the years between
    cycles shrink first, so that result follow-ups keep their realistic distance.
    """
    span = (as_of - EARLIEST).days
    steps: list[tuple[int, bool]] = []  # (days after the previous decision, starts a cycle)
    for index, size in enumerate(sizes):
        if index:
            steps.append((rng.randint(365, 1100), True))
        steps.extend((rng.randint(100, 240), False) for _ in range(size - 1))
    within = sum(days for days, new in steps if not new)
    gaps = iter(_fit([days for days, new in steps if new], span - within))
    intervals = _fit([next(gaps) if new else days for days, new in steps], span)
    day = EARLIEST + dt.timedelta(days=rng.randint(0, span - sum(intervals)))
    result = [_weekday(day)]
    for interval in intervals:
        day += dt.timedelta(days=interval)
        result.append(max(result[-1], _weekday(day)))
    return tuple(result)


def _fit(days: list[int], room: int) -> list[int]:
    """The intervals, shrunk in proportion if together they exceed room; each stays at least a day."""
    total = sum(days)
    if total <= room:
        return days
    return [max(1, day * max(room, 0) // total) for day in days]


def _weekday(day: dt.date) -> dt.date:
    """Decisions are signed on weekdays: a Saturday or Sunday moves back to the Friday."""
    return day - dt.timedelta(days=max(0, day.weekday() - 4))


def slugify(name: str) -> str:
    """An id for a name, as the id pattern wants it: "Vårdhjälpen i Laxå AB" becomes vardhjalpen-i-laxa-ab."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_name))


def provider_name(rng: random.Random) -> str:
    """A plausible Swedish home-care company name."""
    return rng.choice(NAME_PATTERNS).format(
        core=rng.choice(CORES),
        adjective=rng.choice(ADJECTIVES),
        service=rng.choice(SERVICES),
        region=rng.choice(REGIONS),
        place=rng.choice(PLACES),
        surname=rng.choice(SURNAMES),
    )


class Diary:
    """Case numbers as a registry hands them out: increasing per year, none given twice."""

    def __init__(self, rng: random.Random, taken: frozenset[str]) -> None:
        self.rng = rng
        self.taken = taken
        self.last: dict[int, int] = {}

    def number(self, year: int) -> str:
        prefix = "Voo" if year >= REORGANISED else "Sov"
        while True:
            if year not in self.last:
                self.last[year] = self.rng.randint(20, 300)
            self.last[year] += self.rng.randint(1, 6)
            number = f"{prefix} {self.last[year]}/{year}"
            if case_number_key(number) not in self.taken:
                return number


# --- decisions ----------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One decision's place in its provider's history."""

    date: dt.date
    case_number: str
    signer: str
    next_date: dt.date | None
    """Date of the result follow-up that follows this decision up, if one does."""


class Writer:
    """Builds one provider's decisions from the corpus, all chance from the tree's one generator."""

    def __init__(self, corpus: Corpus, rng: random.Random, provider: Provider) -> None:
        self.corpus = corpus
        self.rng = rng
        self.provider = provider

    # texts

    def _localise(self, text: str) -> str:
        """Sampled text names the shipped provider and contract: name this provider's instead."""
        for name in self.corpus.names:
            text = text.replace(name, self.provider.name)
        for contract in self.corpus.contracts:
            text = text.replace(contract, self.provider.contract)
        return text

    def _compose(self, pool: list[str], limits: tuple[int, int, int], ending: str = "") -> str:
        """Distinct sentences drawn from a pool up to a realistic length, in one to three paragraphs."""
        low, high, mode = limits
        target = self.rng.triangular(low, high, mode) - len(ending)
        room = high - len(ending)
        chosen: list[str] = []
        length = 0
        for _ in range(2 * len(pool)):
            if length >= target:
                break
            sentence = pool[self.rng.randrange(len(pool))]
            if sentence not in chosen and length + len(sentence) <= room:
                chosen.append(sentence)
                length += len(sentence) + 2
        if ending:
            chosen.append(ending)
        count = 1 if length < 400 or len(chosen) < 3 else self.rng.randint(1, 3)
        cuts = [0, *sorted(self.rng.sample(range(1, len(chosen)), count - 1)), len(chosen)]
        return self._localise(_text([chosen[a:b] for a, b in itertools.pairwise(cuts)]))

    def _excerpt(self, sources: list[Paragraphs]) -> str:
        """One source text with some sentences left out: introductions and methods keep their order."""
        source = self.rng.choice(sources)
        return self._localise(_text([self._subset(paragraph) for paragraph in source]))

    def _subset(self, items: Sequence[T]) -> list[T]:
        """An ordered selection of items, never empty."""
        chosen = [item for item in items if self.rng.random() < EXCERPT_KEEP]
        return chosen or [self.rng.choice(items)]

    # records

    def chain(self, numbers: Sequence[str], staff: Sequence[str]) -> Iterator[Record]:
        """The provider's decisions, oldest first; each result follow-up follows up the decision before it."""
        provider = self.provider
        index = 0
        for size in provider.cycles:
            signer = self.rng.choice(staff)
            earlier: Record | None = None
            for position in range(size):
                last = position == size - 1
                step = Step(provider.dates[index], numbers[index], signer, None if last else provider.dates[index + 1])
                earlier = self._follow_up(step) if earlier is None else self._result(step, earlier)
                yield earlier
                index += 1

    def _header(self, kind: str, step: Step) -> Record:
        return {
            "id": slugify(step.case_number),
            "kind": kind,
            "case_number": step.case_number,
            "date": step.date,
            "provider": self.provider.id,
        }

    def _follow_up(self, step: Step) -> Record:
        """A follow-up of 7–9 requirements; with at least one not met when a result follow-up is to follow."""
        requirements = self.corpus.requirements
        count = self.rng.choice(OUTCOMES_PER_FOLLOW_UP)
        assessed = [requirements[i] for i in sorted(self.rng.sample(range(len(requirements)), count))]
        statuses = ["not_met" if self.rng.random() < self.provider.failure_rate else "met" for _ in assessed]
        if step.next_date and "not_met" not in statuses:
            statuses[self.rng.randrange(len(statuses))] = "not_met"
        record = self._header("follow_up", step)
        record["issuer"] = dict(ISSUERS[step.date.year >= REORGANISED])
        record["introduction"] = self._excerpt(self.corpus.introductions["follow_up"])
        if self.rng.random() < DESCRIPTION_RATE:
            record["provider_description"] = self._excerpt(self.corpus.descriptions)
        if self.rng.random() < METHOD_RATE:
            record["method"] = self._excerpt(self.corpus.methods["follow_up"])
        record["outcomes"] = [self._outcome(r, s, step.date, None) for r, s in zip(assessed, statuses, strict=True)]
        return self._close(record, step)

    def _result(self, step: Step, earlier: Record) -> Record:
        """A result follow-up of exactly the earlier decision's deficiencies, remedied or remaining."""
        by_id = {requirement.id: requirement for requirement in self.corpus.requirements}
        wanting = [o for o in earlier["outcomes"] if _deficient(o["status"])]
        statuses = ["remains" if self.rng.random() < REMAINS_RATE else "remedied" for _ in wanting]
        if step.next_date and "remains" not in statuses:
            statuses[self.rng.randrange(len(statuses))] = "remains"
        record = self._header("result_follow_up", step)
        record["follows_up"] = earlier["id"]
        record["issuer"] = dict(ISSUERS[step.date.year >= REORGANISED])
        record["introduction"] = self._excerpt(self.corpus.introductions["result_follow_up"])
        record["outcomes"] = [
            self._outcome(by_id[o["requirement"]], status, step.date, o)
            for o, status in zip(wanting, statuses, strict=True)
        ]
        return self._close(record, step)

    def _close(self, record: Record, step: Step) -> Record:
        record["decision"] = self._decision(record["outcomes"], step)
        record["signed_by"] = {"name": step.signer, "title": "Avtalscontroller"}
        return record

    def _outcome(self, requirement: Requirement, status: str, date: dt.date, earlier: Record | None) -> Record:
        """One assessed requirement; a result follow-up's quotes what the earlier decision found and asked for."""
        outcome: Record = {
            "requirement": requirement.id,
            "requirement_version": requirement.version,
            "heading": requirement.heading,
            "status": status,
        }
        if earlier is None or self.rng.random() < RESULT_EVIDENCE_RATE:
            outcome["evidence"] = self._subset(requirement.evidence)[:3]
        if earlier is not None:
            outcome["earlier_finding"] = earlier["assessment"]
            outcome["earlier_action"] = earlier["required_action"]
        outcome["assessment"] = self._assessment(requirement, status)
        if _deficient(status):
            outcome["required_action"] = self._compose(self.corpus.actions, ACTION_CHARS)
        figures = self._figures(requirement, date, earlier)
        if figures:
            outcome["figures"] = figures
        return outcome

    def _assessment(self, requirement: Requirement, status: str) -> str:
        """Sentences for this status, ending on a judgement that agrees with it and names this requirement."""
        ending = self.rng.choice(self.corpus.conclusions[_deficient(status)])
        ending = AGREEMENT.sub(rf"\1 {requirement.title.lower()}", ending)
        return self._compose(self.corpus.bodies[status], ASSESSMENT_CHARS, ending)

    def _figures(self, requirement: Requirement, date: dt.date, earlier: Record | None) -> list[Record]:
        """Some outcomes give figures: a follow-up its own, a result follow-up the earlier ones beside the new."""
        measured = [f for f in (earlier or {}).get("figures", ()) if f.get("observed") != "earlier_follow_up"]
        if measured and self.rng.random() < QUOTED_FIGURE_RATE:
            before = [{**_quoted(f), "observed": "earlier_follow_up"} for f in measured]
            return before + [self._figure(f, date) for f in measured]
        if earlier is None and requirement.figures and self.rng.random() < FIGURE_RATE:
            return [self._figure(template, date) for template in self._subset(requirement.figures)]
        return []

    def _figure(self, template: Record, date: dt.date) -> Record:
        """A figure shaped like a shipped one, with a new value and a period just before the decision."""
        percent = template["unit"] == "percent"
        figure: Record = {
            "measure": template["measure"],
            "value": self.rng.randint(0, 100) if percent else self.rng.randint(0, 12),
            "unit": template["unit"],
        }
        if "sample_size" in template:
            figure["sample_size"] = self.rng.choice((10, 20, 30))
        if "sample" in template:
            figure["sample"] = template["sample"]
        if "period" in template:
            figure["period"] = self._period(template["period"], date)
        return figure

    def _period(self, template: Record, date: dt.date) -> Record:
        """As long as the template's period, ending a few weeks before the decision, in days or months like it."""
        length = _as_date(template["end"]) - _as_date(template["start"])
        end = date - dt.timedelta(days=self.rng.randint(7, 45))
        start = end - length
        if isinstance(template["start"], str):
            return {"start": start.strftime("%Y-%m"), "end": end.strftime("%Y-%m")}
        return {"start": start, "end": end}

    def _decision(self, outcomes: list[Record], step: Step) -> Record:
        """Closed when nothing is deficient; otherwise an action plan, documents perhaps, and a result follow-up."""
        if not any(_deficient(o["status"]) for o in outcomes):
            return {"outcome": "closed", "text": self.rng.choice(self.corpus.decision_texts["closed"])}
        follow = step.date + dt.timedelta(days=self.rng.randint(90, 150))
        if step.next_date is not None:
            follow = step.next_date - dt.timedelta(days=self.rng.randint(7, 30))
        follow = max(follow, step.date + dt.timedelta(days=2))
        plan = step.date + dt.timedelta(days=min(self.rng.randint(30, 60), (follow - step.date).days - 1))
        deadlines = [self._deadline("action_plan", plan)]
        if self.rng.random() < DOCUMENTS_RATE:
            deadlines.append(self._deadline("documents", follow))
        deadlines.append(self._deadline("result_follow_up", follow))
        return {
            "outcome": "action_plan_required",
            "text": _redate(self.rng.choice(self.corpus.decision_texts["action_plan_required"]), plan),
            "deadlines": deadlines,
            "consequences": self.rng.choice(self.corpus.consequences),
        }

    def _deadline(self, kind: str, date: dt.date) -> Record:
        """A deadline worded like a shipped one of its kind, with this date in its text."""
        template = self.rng.choice(self.corpus.deadlines[kind])
        deadline: Record = {"kind": kind, "date": date}
        if "send_to" in template:
            deadline["send_to"] = template["send_to"]
        if "text" in template:
            deadline["text"] = _redate(template["text"], date)
        if template.get("items"):
            deadline["items"] = self._subset(template["items"])
        return deadline


def _text(paragraphs: Sequence[Sequence[str]]) -> str:
    """Paragraphs of sentences as a record's text: a blank line between paragraphs, a final newline as in `|`."""
    return "\n\n".join(". ".join(sentences) + "." for sentences in paragraphs) + "\n"


def _redate(text: str, date: dt.date) -> str:
    """A shipped text's "den 2 januari 2024" set to this date."""
    return SWEDISH_DATE.sub(f"den {date.day} {MONTHS[date.month - 1]} {date.year}", text)


def _quoted(figure: Record) -> Record:
    """An earlier figure as a result follow-up repeats it: what was measured and the value, without the period."""
    return {key: figure[key] for key in ("measure", "value", "unit", "sample") if key in figure}


def _as_date(value: dt.date | str) -> dt.date:
    """A period bound as a date: a month ("2022-02") is its first day."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(f"{value}-01")


# --- the tree -------------------------------------------------------------------------


def _write(folder: Path, schema: str, record: Record) -> None:
    """One record as folder/ID.yml, with the shipped files' modeline so that editors find the schema."""
    text = "\n".join(_mapping(record, "")) + "\n"
    (folder / f"{record['id']}.yml").write_text(MODELINE.format(schema) + text, encoding="utf-8")


def _mapping(record: Record, indent: str) -> Iterator[str]:
    """A record as block YAML laid out like the shipped files (PyYAML's Python representer is too slow for L)."""
    for key, value in record.items():
        if isinstance(value, dict):
            yield f"{indent}{key}:"
            yield from _mapping(value, indent + "  ")
        elif isinstance(value, list):
            yield f"{indent}{key}:"
            for item in value:
                if isinstance(item, dict):
                    first, *rest = _mapping(item, indent + "    ")
                    yield f"{indent}  - {first.lstrip()}"
                    yield from rest
                else:
                    yield f"{indent}  - {_scalar(item, indent + '    ')}"
        else:
            yield f"{indent}{key}: {_scalar(value, indent + '  ')}"


def _scalar(value: str | int | dt.date, indent: str) -> str:
    """A value YAML reads back unchanged: dates unquoted, text plain, as a literal block or double-quoted."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    if _plain(value):
        return value
    lines = value.removesuffix("\n").split("\n")
    literal = "\n" in value and not value.startswith((" ", "\n")) and not value.endswith("\n\n")
    if literal and all(line.isprintable() for line in lines):
        chomping = "" if value.endswith("\n") else "-"
        return f"|{chomping}\n" + "\n".join(indent + line if line else "" for line in lines)
    return json.dumps(value, ensure_ascii=False)


def _plain(text: str) -> bool:
    """Text that needs no quotes: starts with a letter, has no ": " or " #", and is no YAML 1.1 word like "no"."""
    return (
        text[:1].isalpha()
        and text.isprintable()
        and text == text.strip()
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and text.lower() not in YAML_WORDS
    )


def check_arguments(out: Path, size: str, as_of: dt.date, corpus: Corpus) -> None:
    """Refuse before writing anything: an unknown size, an as-of date too early, or an output folder in use."""
    if size not in SIZES:
        raise Refused(f"unknown size {size!r}; choose one of {', '.join(SIZES)}")
    earliest = max(EARLIEST + dt.timedelta(days=MIN_SPAN_DAYS), corpus.latest)
    if as_of < earliest:
        raise Refused(f"--as-of must be {earliest.isoformat()} or later (shipped decisions, a year of history)")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise Refused(f"{out} exists and is not an empty folder; choose a new one")


def generate_tree(out: Path, size: str, seed: int = 1, as_of: dt.date = DEFAULT_AS_OF) -> None:
    """Write a tree of the given size to out (missing or empty): the shipped records plus synthetic ones."""
    corpus = load_corpus(DATA)
    check_arguments(out, size, as_of, corpus)
    rng = random.Random(seed)
    diary = Diary(rng, corpus.taken)
    providers = _providers(corpus, rng, diary, SIZES[size], as_of)
    numbers = [[""] * len(provider.dates) for provider in providers]
    slots = sorted((day, p, i) for p, provider in enumerate(providers) for i, day in enumerate(provider.dates))
    for day, p, i in slots:
        numbers[p][i] = diary.number(day.year)
    staff = _staff(rng)
    for folder in FOLDERS:
        (out / folder).mkdir(parents=True, exist_ok=True)
        for path in _files(DATA, folder):
            shutil.copyfile(path, out / folder / path.name)
    for provider, provider_numbers in zip(providers, numbers, strict=True):
        _write(out / "providers", "provider", provider.record)
        for record in Writer(corpus, rng, provider).chain(provider_numbers, staff):
            _write(out / "followups", "followup", record)


def _providers(corpus: Corpus, rng: random.Random, diary: Diary, total: Size, as_of: dt.date) -> list[Provider]:
    """The synthetic providers, each with a unique name and id, its contract and its history's dates.

    Their contracts take numbers from the same diary as the decisions, so that no case number repeats.
    """
    taken_ids = set(corpus.provider_ids)
    result = []
    counts = allocate(rng, total.decisions - corpus.followup_count, total.providers - corpus.provider_count)
    for decisions in counts:
        name = _unique_name(rng, taken_ids)
        taken_ids.add(slugify(name))
        sizes = cycles(rng, decisions)
        history = dates(rng, sizes, as_of)
        contract = diary.number(history[0].year - rng.randint(0, 2))
        result.append(Provider(slugify(name), name, contract, rng.uniform(*FAILURE_RATES), sizes, history))
    return result


def _unique_name(rng: random.Random, taken: set[str]) -> str:
    for _ in range(NAME_ATTEMPTS):
        name = provider_name(rng)
        if slugify(name) not in taken:
            return name
    raise RuntimeError("the name lists are too short for this many providers")


def _staff(rng: random.Random) -> list[str]:
    """The controllers who sign: distinct synthetic names, none of them a real signatory's."""
    names = [f"{first} {last}" for first in FIRST_NAMES for last in SURNAMES]
    return rng.sample(names, STAFF)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--size", required=True, choices=list(SIZES), help="XS, S, M or L (see SIZES)")
    parser.add_argument("--out", required=True, type=Path, help="folder to write; must be missing or empty")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=DEFAULT_AS_OF, help="no date after this")
    args = parser.parse_args(argv)
    try:
        generate_tree(args.out, args.size, args.seed, args.as_of)
    except Refused as error:  # raised before anything is written
        print(f"generate.py: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
