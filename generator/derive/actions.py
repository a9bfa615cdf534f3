"""Required actions: one per deficient finding, with what later decisions say of it."""

from __future__ import annotations

import datetime as dt

from generator.derive.views import FollowUpView, OutcomeView, RequiredAction
from generator.model import Deadline, DeadlineKind
from generator.states import ActionState


def required_actions(oldest_first: tuple[FollowUpView, ...], as_of: dt.date) -> tuple[RequiredAction, ...]:
    actions = []
    for index, followup in enumerate(oldest_first):
        due = _due(followup.record.decision.deadlines)
        later = oldest_first[index + 1 :]
        for finding in followup.outcomes:
            if finding.status.deficient:
                resolution = _later_assessment(finding, followup, later)
                actions.append(RequiredAction(finding, due, _state(due, resolution, as_of), resolution))
    return tuple(actions)


def _due(deadlines: tuple[Deadline, ...]) -> Deadline | None:
    """The action plan is what each required action is owed by; documents where no plan is asked for."""
    for kind in (DeadlineKind.ACTION_PLAN, DeadlineKind.DOCUMENTS):
        for deadline in deadlines:
            if deadline.kind is kind:
                return deadline
    return None


def _later_assessment(
    finding: OutcomeView, followup: FollowUpView, later: tuple[FollowUpView, ...]
) -> OutcomeView | None:
    """The first later assessment of the same requirement by a decision that follows this one up
    or concerns the same provider."""
    for candidate in later:
        if _related(followup, candidate):
            for outcome in candidate.outcomes:
                if outcome.requirement.id == finding.requirement.id:
                    return outcome
    return None


def _related(earlier: FollowUpView, later: FollowUpView) -> bool:
    if later.record.follows_up == earlier.record.id:
        return True
    return earlier.provider is not None and later.provider is not None and earlier.provider.id == later.provider.id


def _state(due: Deadline | None, resolution: OutcomeView | None, as_of: dt.date) -> ActionState:
    if resolution is not None:
        return ActionState.REMAINS if resolution.status.deficient else ActionState.REMEDIED
    if due is not None and as_of > due.date:
        return ActionState.DUE_PASSED
    return ActionState.OPEN
