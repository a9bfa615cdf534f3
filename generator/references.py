"""References between records, and what a decision says about them: a decision's provider,
requirements and their versions exist and fit its basis, a result follow-up follows up a
deficiency of the decision it names, and no published record refers to a draft.

A reference to a file that exists but failed the schema is not reported again here: that
file's own problems say what to fix. The rules within one record are in coherence.py; those
over all records of a kind together (circles, reserved ids, areas) in crosscheck.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from generator import coherence
from generator.copies import copy_problems
from generator.crosscheck import Sourced, area_collisions, at, follow_up_cycles
from generator.document import Path_, Placing
from generator.drafts import Draft
from generator.errors import Problem
from generator.kinds import FOLLOWUPS, KINDS, PROVIDERS, REQUIREMENTS
from generator.model import FollowUp, FollowUpKind, Provider, Requirement, RequirementVersion, Status, case_number_key

STATUSES_BY_KIND = {
    FollowUpKind.FOLLOW_UP: frozenset({Status.MET, Status.NOT_MET, Status.UNKNOWN}),
    FollowUpKind.RESULT_FOLLOW_UP: frozenset({Status.REMEDIED, Status.REMAINS, Status.UNKNOWN}),
}


class References:
    """References between records, and consistency within a decision.

    A reference to a file that exists but failed the schema is not reported
    again here: that file's own problems say what to fix. A published record
    may not refer to a draft, which the site leaves out.
    """

    def __init__(
        self,
        valid: dict[str, list[Sourced[Any]]],
        existing: dict[str, set[str]],
        as_of: dt.date,
        drafts: Iterable[Draft] = (),
    ) -> None:
        self.existing = existing
        self.drafts: dict[str, dict[str, Draft]] = {kind.folder: {} for kind in KINDS}
        for draft in drafts:
            self.drafts[draft.kind].setdefault(draft.id, draft)
        self.requirements: dict[str, Requirement] = {i.record.id: i.record for i in valid[REQUIREMENTS.folder]}
        self.providers: dict[str, Provider] = {i.record.id: i.record for i in valid[PROVIDERS.folder]}
        self.followups: dict[str, FollowUp] = {i.record.id: i.record for i in valid[FOLLOWUPS.folder]}
        self.valid = valid
        self.as_of = as_of

    def run(self) -> Iterator[Problem]:
        for item in self.valid[REQUIREMENTS.folder]:
            yield from self._requirement(item.record, item.document)
        yield from area_collisions(self.valid[REQUIREMENTS.folder])
        for item in self.valid[FOLLOWUPS.folder]:
            yield from self._followup(item.record, item.document)
        yield from follow_up_cycles(self.valid[FOLLOWUPS.folder])

    def _requirement(self, requirement: Requirement, document: Placing) -> Iterator[Problem]:
        yield from coherence.version_order(requirement, document)
        seen: set[str] = set()
        for index, version in enumerate(requirement.versions):
            if version.id in seen:
                yield at(
                    document,
                    ("versions", index, "id"),
                    f"versionen `{version.id}` finns redan i kravet",
                    "ge varje version ett eget id",
                )
            seen.add(version.id)
            if version.quoted_from is not None and version.quoted_from not in self.existing[FOLLOWUPS.folder]:
                yield at(
                    document,
                    ("versions", index, "quoted_from"),
                    f"okänt beslut `{version.quoted_from}`",
                    _known(FOLLOWUPS.noun, self.followups),
                )
            elif draft := self.drafts[FOLLOWUPS.folder].get(version.quoted_from or ""):
                yield at(
                    document,
                    ("versions", index, "quoted_from"),
                    f"beslutet `{draft.id}` är ett utkast som inte publiceras",
                    f"publicera det först ({_publishing(draft)}), eller ta bort `quoted_from`",
                )

    def _followup(self, followup: FollowUp, document: Placing) -> Iterator[Problem]:
        yield from self._header(followup, document)
        yield from self._outcomes(followup, document)
        yield from coherence.decision_outcome(followup, document)
        yield from coherence.deadlines(followup, document)
        yield from coherence.figures(followup, document)
        yield from coherence.replies(followup, document, self.as_of)
        yield from coherence.corrections(followup, document, self.as_of)
        yield from coherence.next_follow_up(followup, document)
        yield from copy_problems(followup, document)
        if not followup.draft:
            yield from self._on_drafts(followup, document)
        if followup.follows_up is not None:
            yield from self._earlier(followup, document)

    def _on_drafts(self, followup: FollowUp, document: Placing) -> Iterator[Problem]:
        """A published decision whose provider or earlier decision is a draft would link to a page
        the site does not have; a draft may refer to drafts, since neither is published."""
        references = (
            (("provider",), self.drafts[PROVIDERS.folder].get(followup.provider or ""), "utföraren `{}`"),
            (
                ("follows_up",),
                self.drafts[FOLLOWUPS.folder].get(followup.follows_up or ""),
                "beslutet `{}` som följs upp",
            ),
        )
        for path, draft, what in references:
            if draft is not None:
                yield at(
                    document,
                    path,
                    f"{what.format(draft.id)} är ett utkast som inte publiceras",
                    f"publicera det först ({_publishing(draft)}), eller gör även det här beslutet till ett utkast"
                    " med `draft: true`",
                )

    def _header(self, followup: FollowUp, document: Placing) -> Iterator[Problem]:
        if followup.date is not None and followup.date > self.as_of:
            yield at(
                document,
                ("date",),
                f"beslutsdatumet {followup.date.isoformat()} ligger efter {self.as_of.isoformat()}",
                "ett publicerat beslut kan inte ha ett datum i framtiden; kontrollera datumet",
            )
        provider = self.providers.get(followup.provider) if followup.provider else None
        if followup.provider is not None and followup.provider not in self.existing[PROVIDERS.folder]:
            yield at(
                document, ("provider",), f"okänd utförare `{followup.provider}`", _known(PROVIDERS.noun, self.providers)
            )
        number = followup.basis.number if followup.basis else None
        if provider and number and provider.contracts and not _same_number(number, provider.contracts):
            yield at(
                document,
                ("basis", "number"),
                f"diarienumret {number} finns inte bland utförarens avtal och överenskommelser"
                f" ({', '.join(provider.contracts)})",
                f"lägg till numret under `contracts:` i data/providers/{provider.id}.yml eller rätta diarienumret",
            )
        yield from coherence.printed_date(followup, document)
        if followup.follows_up is not None and followup.kind is not FollowUpKind.RESULT_FOLLOW_UP:
            yield at(
                document,
                ("follows_up",),
                "bara en resultatuppföljning följer upp ett tidigare beslut",
                "ändra `kind` till result_follow_up eller ta bort `follows_up`",
            )

    def _outcomes(self, followup: FollowUp, document: Placing) -> Iterator[Problem]:
        seen: set[str] = set()
        allowed = STATUSES_BY_KIND[followup.kind]
        for index, outcome in enumerate(followup.outcomes):
            here = ("outcomes", index)
            if outcome.requirement in seen:
                yield at(
                    document,
                    (*here, "requirement"),
                    f"kravet `{outcome.requirement}` bedöms två gånger i beslutet",
                    "slå ihop bedömningarna till ett utfall",
                )
            seen.add(outcome.requirement)
            yield from self._version(outcome.requirement, outcome.requirement_version, followup, document, here)
            if outcome.status not in allowed:
                yield at(
                    document,
                    (*here, "status"),
                    f"statusen `{outcome.status}` hör inte till en {_kind_name(followup.kind)}",
                    f"tillåtna värden här: {', '.join(sorted(allowed))}",
                )
            if outcome.status.deficient and outcome.required_action is None:
                yield at(
                    document,
                    (*here, "status"),
                    "en brist utan åtgärd",
                    "lägg till `required_action:` med beslutets åtgärd"
                    + (", eller okänt om kopian inte visar den" if followup.partial else ""),
                )
            if followup.kind is FollowUpKind.FOLLOW_UP and (outcome.earlier_finding or outcome.earlier_action):
                yield at(
                    document,
                    here,
                    "`earlier_finding` och `earlier_action` hör till en resultatuppföljning",
                    "ta bort fälten eller ändra `kind` till result_follow_up",
                )

    def _version(
        self, requirement_id: str, version_id: str, followup: FollowUp, document: Placing, here: Path_
    ) -> Iterator[Problem]:
        requirement = self.requirements.get(requirement_id)
        if requirement_id not in self.existing[REQUIREMENTS.folder]:
            yield at(
                document,
                (*here, "requirement"),
                f"okänt krav `{requirement_id}`",
                _known(REQUIREMENTS.noun, self.requirements),
            )
        if requirement is None:
            return
        versions: dict[str, RequirementVersion] = {}
        for candidate in requirement.versions:
            versions.setdefault(candidate.id, candidate)  # a repeated id is reported on the requirement
        version = versions.get(version_id)
        if version is None:
            yield at(
                document,
                (*here, "requirement_version"),
                f"kravet `{requirement_id}` har ingen version `{version_id}`",
                f"kända versioner: {', '.join(versions)}",
            )
        elif (
            version.contract
            and followup.basis is not None
            and followup.basis.number
            and not _same_number(followup.basis.number, (version.contract,))
        ):
            yield at(
                document,
                (*here, "requirement_version"),
                f"versionen `{version_id}` hör till {version.contract}, beslutet till {followup.basis.number}",
                "välj den version av kravet som gäller beslutets avtal eller överenskommelse",
            )
        elif version.valid_from and followup.date and version.valid_from > followup.date:
            yield at(
                document,
                (*here, "requirement_version"),
                f"versionen `{version_id}` gäller från {version.valid_from.isoformat()},"
                f" efter beslutsdatumet {followup.date.isoformat()}",
                "välj den version av kravet som gällde när beslutet fattades",
            )

    def _earlier(self, followup: FollowUp, document: Placing) -> Iterator[Problem]:
        earlier = self.followups.get(followup.follows_up or "")
        if followup.follows_up == followup.id:
            yield at(document, ("follows_up",), "beslutet följer upp sig självt", "ange id för det tidigare beslutet")
            return
        if followup.follows_up not in self.existing[FOLLOWUPS.folder]:
            yield at(
                document,
                ("follows_up",),
                f"okänt tidigare beslut `{followup.follows_up}`",
                _known(FOLLOWUPS.noun, self.followups),
            )
        if earlier is None:
            return
        if earlier.provider != followup.provider and followup.provider in self.providers:
            yield at(
                document,
                ("follows_up",),
                f"det tidigare beslutet gäller en annan utförare ({earlier.provider or 'uppgift saknas'})",
                "kontrollera `provider` och `follows_up`",
            )
        if earlier.date and followup.date and earlier.date > followup.date:
            yield at(
                document,
                ("date",),
                f"beslutet är daterat före beslutet det följer upp ({earlier.date.isoformat()})",
                "kontrollera datumen",
            )
        # A partial earlier copy may not show a deficiency, nor an unknown status rule one out.
        earlier_status = {outcome.requirement: outcome.status for outcome in earlier.outcomes}
        for index, outcome in enumerate(followup.outcomes):
            was = earlier_status.get(outcome.requirement)
            if (was is None and earlier.partial) or was is Status.UNKNOWN:
                continue
            if was is None or not was.deficient:
                yield at(
                    document,
                    ("outcomes", index, "requirement"),
                    f"kravet `{outcome.requirement}` hade ingen brist i {earlier.id}",
                    "en resultatuppföljning bedömer bara krav som det tidigare beslutet fann bristande",
                )


def _same_number(number: str, among: tuple[str, ...]) -> bool:
    """Whether a printed diarienummer is one of others, whatever case each is printed in."""
    return case_number_key(number) in {case_number_key(other) for other in among}


def _publishing(draft: Draft) -> str:
    return f"granska {draft.path} mot originalet och ta bort `draft: true`"


def _kind_name(kind: FollowUpKind) -> str:
    return "resultatuppföljning" if kind is FollowUpKind.RESULT_FOLLOW_UP else "uppföljning av kvalitetskrav"


def _known(noun: str, records: dict[str, Any]) -> str:
    if not records:
        return f"det finns inga {noun} i data/ ännu"
    names = sorted(records)
    shown = ", ".join(names[:8]) + (" …" if len(names) > 8 else "")
    return f"kända {noun}: {shown}"
