"""Required actions: one per deficient finding, with what later decisions say of it."""

from __future__ import annotations

import datetime as dt

from generator.derive.views import FollowUpView, OutcomeView, RequiredAction
from generator.model import Deadline, DeadlineKind
from generator.states import ActionState


def required_actions(oldest_first: tuple[FollowUpView, ...], as_of: dt.date) -> tuple[RequiredAction, ...]:
    actions = []
    later_related = _later_related(oldest_first)
    for index, followup in enumerate(oldest_first):
        due = _due(followup.record.decision.deadlines)
        for finding in followup.outcomes:
            if finding.status.deficient:
                resolution = _later_assessment(finding, later_related[index])
                actions.append(RequiredAction(finding, due, _state(due, resolution, as_of), resolution))
    return tuple(actions)


def _later_related(oldest_first: tuple[FollowUpView, ...]) -> list[list[FollowUpView]]:
    """For each decision, the later decisions that follow it up or concern the same provider,
    oldest first; grouped once, so that the cost grows with the decisions, not their square."""
    position = {id(followup): index for index, followup in enumerate(oldest_first)}
    groups: dict[tuple[str, str], list[FollowUpView]] = {}
    for followup in oldest_first:
        if followup.provider is not None:
            groups.setdefault(("provider", followup.provider.id), []).append(followup)
        if followup.record.follows_up is not None:
            groups.setdefault(("follows", followup.record.follows_up), []).append(followup)
    related = []
    for index, followup in enumerate(oldest_first):
        keys = [("follows", followup.record.id)]
        if followup.provider is not None:
            keys.append(("provider", followup.provider.id))
        candidates = {id(c): c for key in keys for c in groups.get(key, ()) if position[id(c)] > index}
        related.append(sorted(candidates.values(), key=lambda c: position[id(c)]))
    return related


def _due(deadlines: tuple[Deadline, ...]) -> Deadline | None:
    """The action plan is what each required action is owed by; documents where no plan is asked for."""
    for kind in (DeadlineKind.ACTION_PLAN, DeadlineKind.DOCUMENTS):
        for deadline in deadlines:
            if deadline.kind is kind:
                return deadline
    return None


def _later_assessment(finding: OutcomeView, later: list[FollowUpView]) -> OutcomeView | None:
    """The first later assessment of the same requirement by a related decision."""
    for candidate in later:
        for outcome in candidate.outcomes:
            if outcome.requirement.id == finding.requirement.id:
                return outcome
    return None


def _state(due: Deadline | None, resolution: OutcomeView | None, as_of: dt.date) -> ActionState:
    if resolution is not None:
        return ActionState.REMAINS if resolution.status.deficient else ActionState.REMEDIED
    if due is not None and as_of > due.date:
        return ActionState.DUE_PASSED
    return ActionState.OPEN
