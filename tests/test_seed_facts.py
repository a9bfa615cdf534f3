"""Facts taken from the two seed decisions, each checked on the built page where a reader looks for it.

The seeds are Örebro kommun's follow-up of Kvalitetsservice (contract Voo 1905/2023) and its
result follow-up Sov 881/2022. Built with --as-of 2024-06-01; the pages that gather decisions are
checked in a build of the seed decisions alone, so that they hold whatever decisions data/ gains.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.html_text import article_text, site_page

KVALITETSSERVICE = "beslut/kvalitetsservice-voo-1905-2023/"
SOV_881 = "beslut/sov-881-2022/"
PROVIDER = "utforare/kvalitetsservice/"

FACTS = [
    # The follow-up of Kvalitetsservice: its background and method.
    (KVALITETSSERVICE, "Uppföljning av kvalitetskrav – Kvalitetsservice"),
    (KVALITETSSERVICE, "Avtal Voo 1905/2023"),
    (KVALITETSSERVICE, "riktlinje för avtals- och verksamhetsuppföljning, Voo 938/2023"),
    (KVALITETSSERVICE, "minst en gång vart tredje år"),
    (KVALITETSSERVICE, "Företaget startade 2013 och erbjuder enbart servicetjänster"),
    (KVALITETSSERVICE, "bestått som mest av 8 medarbetare idag jobbar tre personer heltid"),
    (KVALITETSSERVICE, "Totalt har Kvalitetsservice 79 kunder, av dessa är ca 35-40 aktiva"),
    (KVALITETSSERVICE, "ett platsbesök genomförts"),
    # Its date and case number are not in the text: shown as unknown, not invented.
    (KVALITETSSERVICE, "Diarienummer uppgift saknas"),
    (KVALITETSSERVICE, "Datum uppgift saknas"),
    # The eight areas of the overview with their outcome.
    (KVALITETSSERVICE, "Lagar, förordningar, riktlinjer och utbildningar Uppfyller inte kravet"),
    (KVALITETSSERVICE, "Samverkan Uppfyller kravet"),
    (KVALITETSSERVICE, "Riskanalyser Uppfyller kravet"),
    (KVALITETSSERVICE, "Egenkontroller Uppfyller inte kravet"),
    (KVALITETSSERVICE, "Utredning av avvikelser och rapporteringsskyldighet Uppfyller inte kravet"),
    (KVALITETSSERVICE, "Uppdraget Uppfyller kravet"),
    (KVALITETSSERVICE, "Dokumentation Uppfyller inte kravet"),
    (KVALITETSSERVICE, "Hygien och förbrukningsmaterial Uppfyller kravet"),
    # Evidence, assessments and figures.
    (KVALITETSSERVICE, "Inkommen rutin: Samverkan.PDF"),
    (KVALITETSSERVICE, "Inkommen rutin: Riskanalys.PDF"),
    (KVALITETSSERVICE, "Inkommen rutin: Uppdrag.PDF"),
    (KVALITETSSERVICE, "Ingen sammanställning av egenkontroller har inkommit"),
    (KVALITETSSERVICE, "Information från IVO"),
    (KVALITETSSERVICE, "endast 66% av er personal genomgått utbildning i vardagsrehabilitering"),
    (KVALITETSSERVICE, "Personal som genomgått utbildning i vardagsrehabilitering 66 %"),
    (KVALITETSSERVICE, "Utbildningen basala hygienrutiner behöver genomgås minst en gång per år"),
    (KVALITETSSERVICE, "Granskning av 30 genomförandeplaner i Treserva mellan 2022-11-01 och 2023-11-01"),
    (KVALITETSSERVICE, "73 % 30 genomförandeplaner i Treserva 1 november 2022–1 november 2023"),
    (KVALITETSSERVICE, "87 % 30 verkställighetsjournaler"),
    (KVALITETSSERVICE, "Rapporterade avvikelser i Treserva 0"),
    (KVALITETSSERVICE, "visar endast ett rapporterat klagomål"),
    (KVALITETSSERVICE, "två klagomål/synpunkter har kommit verksamheten till del"),
    (KVALITETSSERVICE, "Verksamheten har också ett utsett hygienombud"),
    (KVALITETSSERVICE, "I samband med resultatuppföljningen kommer vi att begära in en ny kompetensinventering"),
    # The decision and its deadlines.
    (KVALITETSSERVICE, "Utföraren ska senast den 2 januari 2024 skicka in åtgärdsplanen till egetval@orebro.se"),
    (KVALITETSSERVICE, "Åtgärdsplan senast 2 januari 2024 egetval@orebro.se"),
    (KVALITETSSERVICE, "Handlingar senast 1 april 2024 egetval@orebro.se"),
    (KVALITETSSERVICE, "Resultatuppföljning efter 1 april 2024"),
    (KVALITETSSERVICE, "Sammanställning av egenkontroller gällande: Basal hygien, dokumentation samt avvikelser."),
    (KVALITETSSERVICE, "Uppdaterad rutin för Avvikelse, klagomål och synpunkter."),
    (KVALITETSSERVICE, "Granska inkomna avvikelser samt klagomål och synpunkter i Treservamodulen."),
    (KVALITETSSERVICE, "kan leda till väsentligt avtalsbrott"),
    (
        KVALITETSSERVICE,
        "Per Lindqvist Avtalscontroller Enheten för uppföljning, Socialförvaltningen, Förvaltningskansliet",
    ),
    # The result follow-up Sov 881/2022.
    (SOV_881, "Resultatuppföljning av kvalitetskrav – Sov 881/2022"),
    (SOV_881, "Diarienummer Sov 881/2022"),
    (SOV_881, "Datum 16 maj 2022"),
    (SOV_881, "Utförare uppgift saknas"),
    (SOV_881, "Det tidigare beslutet är inte publicerat här"),
    (SOV_881, "Enheten för uppföljning, Kommunstyrelseförvaltningen, Örebro kommun (orebro.se)"),
    (SOV_881, "beslutar att avsluta denna uppföljning"),
    (SOV_881, "2.7 Trygghetslarm"),
    (SOV_881, "Enligt avtal (punkt 2.8)"),
    (SOV_881, "Endast 40 % av de granskade larmloggarna fanns dokumenterade"),
    (SOV_881, "av urvalet på 10 larmloggar finns 90% av dessa dokumenterade och 80% har en beskriven åtgärd"),
    (SOV_881, "40 % granskade larmloggar – Vid den tidigare uppföljningen"),
    (SOV_881, "90 % 10 larmloggar februari–april 2022 Vid denna uppföljning"),
    (SOV_881, "80 % 10 larmloggar februari–april 2022"),
    (SOV_881, "3.4 Ledningssystem för kvalitet - Egenkontroller"),
    (SOV_881, "SOFS 2011:9"),
    (SOV_881, "Trygghetslarm Åtgärdad"),
    (SOV_881, "Egenkontroller Åtgärdad"),
    (SOV_881, "Hanna Hernebring Avtalscontroller"),
    # The provider page and the requirement pages.
    (PROVIDER, "Avtal Voo 1905/2023"),
    (PROVIDER, "Slag av utförare Privat utförare"),
    (PROVIDER, "Enligt beslutet (beslutets datum saknas): 79 kunder, verksam i: hela kommunen"),
    (KVALITETSSERVICE, "Avtal eller överenskommelse Avtal Voo 1905/2023"),
    (PROVIDER, "Åtgärdsplan skulle lämnas senast 2 januari 2024."),
    (PROVIDER, "uppfyllde Kvalitetsservice 4 av 8 krav"),
    (PROVIDER, "Brister – åtgärder krävs"),
    (PROVIDER, "Sista dag har passerat; resultatuppföljningen är ännu inte publicerad här."),
    ("krav/trygghetslarm/", "Avtalspunkt 2.8"),
    ("krav/trygghetslarm/", "90 % 10 larmloggar februari–april 2022"),
    ("krav/egenkontroller/", "Avtalspunkt 3.4"),
    ("krav/egenkontroller/", "Ingen sammanställning av egenkontroller har inkommit"),
    ("krav/samverkan/", "Inkommen rutin: Samverkan.PDF"),
    ("krav/egenkontroller/", "1 × Uppfyller inte kravet · 1 × Åtgärdad"),
    # The deliverables of the decision as a whole: in the action register, which links to the
    # decision, where their items stand; on the provider page one line each.
    ("atgarder/", "Handlingar (beslutet som helhet) · Kvalitetsservice · sista dag: 1 april 2024 · skickas till"),
    ("atgarder/", "Resultatuppföljning (beslutet som helhet) · Kvalitetsservice · genomförs efter 1 april 2024"),
    (KVALITETSSERVICE, "Sammanställning av egenkontroller gällande: Basal hygien, dokumentation samt avvikelser."),
    (KVALITETSSERVICE, "Uppdaterad rutin för Avvikelse, klagomål och synpunkter."),
    (KVALITETSSERVICE, "Granska inkomna rutiner och sammanställning av egenkontroller."),
    (PROVIDER, "Handlingar (beslutet som helhet) · sista dag 1 april 2024"),
]


def test_there_are_at_least_forty_facts() -> None:
    assert len(FACTS) >= 40


@pytest.mark.parametrize(("url", "fact"), FACTS)
def test_fact_is_on_its_page(shipped_site: Path, seed_site: Path, url: str, fact: str) -> None:
    """A seed decision's own page in the shipped site; a page that gathers decisions in the site
    of the seed decisions alone (conftest.seed_site), so that a decision added to data/ breaks no fact."""
    text = article_text(site_page(shipped_site if url.startswith("beslut/") else seed_site, url))
    assert fact in text
