"""A decision's outcomes counted once, and the sentences that say no more than the counts.

Every page, chart, badge, feed entry and open-data row that counts a decision's outcomes
reads these counts. A decision whose published copy is partial says only "at least": the
areas its copy does not show are unknown, so no share is computed over it as if complete.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from generator.model import FollowUp, Status

REST_UNKNOWN = "övriga områden framgår inte av den publicerade kopian"
REST_UNKNOWN_RESULT = "övriga tidigare brister framgår inte av den publicerade kopian"


@dataclass(frozen=True)
class OutcomeCounts:
    """How many of one decision's outcomes are met, not met, remedied, remain or unknown."""

    met: int = 0
    not_met: int = 0
    remedied: int = 0
    remains: int = 0
    unknown: int = 0
    """Outcomes whose status the copy does not show (status: unknown)."""
    complete: bool = True
    """Whether the decision's published copy is complete; False: other areas are unknown."""

    @classmethod
    def of(cls, statuses: Iterable[Status], complete: bool = True) -> OutcomeCounts:
        counts = Counter(statuses)
        return cls(
            met=counts[Status.MET],
            not_met=counts[Status.NOT_MET],
            remedied=counts[Status.REMEDIED],
            remains=counts[Status.REMAINS],
            unknown=counts[Status.UNKNOWN],
            complete=complete,
        )

    @property
    def partial(self) -> bool:
        return not self.complete

    @property
    def known(self) -> int:
        """Outcomes with a known status."""
        return self.met + self.not_met + self.remedied + self.remains

    @property
    def satisfied(self) -> int:
        return self.met + self.remedied

    @property
    def deficient(self) -> int:
        return self.not_met + self.remains

    @property
    def shareable(self) -> bool:
        """Whether a share of requirements met over this decision says what it seems to:
        a complete copy with every status known."""
        return self.complete and not self.unknown and self.known > 0

    def sentence(self, result_follow_up: bool) -> str:
        """The decision's assessment in one sentence, e.g. "Minst 3 krav uppfylldes inte;
        övriga områden framgår inte av den publicerade kopian."."""
        if result_follow_up:
            return self._result_sentence()
        if self.shareable:
            return f"{self.met} av {self.known} krav uppfylldes."
        parts = []
        if self.met:
            parts.append(f"minst {self.met} krav uppfylldes")
        if self.not_met:
            parts.append(f"minst {self.not_met} krav uppfylldes inte")
        return self._with_unknowns(parts, "krav", REST_UNKNOWN)

    def _result_sentence(self) -> str:
        total = self.known
        if self.shareable:
            return f"{self.remedied} av {total} tidigare brister bedömdes som åtgärdade."
        parts = []
        if self.remedied:
            parts.append(f"minst {brister(self.remedied)} bedömdes som {plural(self.remedied, 'åtgärdad')}")
        if self.remains:
            parts.append(f"minst {brister(self.remains)} bedömdes som kvarstående")
        noun = "tidigare brist" if self.unknown == 1 else "tidigare brister"
        return self._with_unknowns(parts, noun, REST_UNKNOWN_RESULT)

    def _with_unknowns(self, parts: list[str], noun: str, rest: str) -> str:
        sentence = " och ".join(parts)
        if self.unknown:
            unknown = f"för {self.unknown} {noun} framgår inte bedömningen av kopian"
            sentence = f"{sentence}; {unknown}" if sentence else unknown
        if self.partial:
            sentence = f"{sentence}; {rest}" if sentence else rest
        return sentence[:1].upper() + sentence[1:] + "."


def brister(count: int) -> str:
    """ "1 tidigare brist", "3 tidigare brister"."""
    return f"{count} tidigare brist" if count == 1 else f"{count} tidigare brister"


def plural(count: int, word: str) -> str:
    """An adjective agreeing with a count: "åtgärdad", "åtgärdade"."""
    return word if count == 1 else word + "e"


def partial_copy_sentence(followup: FollowUp) -> str:
    """ "Den publicerade kopian av beslutet är ofullständig: Sidorna 3–5 saknas."; empty for a complete copy."""
    copy = followup.published_copy
    if copy is None or copy.complete:
        return ""
    missing = (copy.missing or "").strip().rstrip(".")
    return "Den publicerade kopian av beslutet är ofullständig" + (f": {missing}." if missing else ".")
