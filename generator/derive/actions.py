"""The action register's entries: one required action per deficient finding, with what later
decisions say of it, and one deliverable per date that a decision as a whole sets (action plan,
documents, result follow-up), with what the records say of it."""

from __future__ import annotations

import datetime as dt

from generator.derive.views import Deliverable, FollowUpView, OutcomeView, RegisterEntry, RequiredAction
from generator.model import Deadline, DeadlineKind, Status
from generator.states import ActionState, DeadlineState


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


def deliverables(oldest_first: tuple[FollowUpView, ...]) -> tuple[Deliverable, ...]:
    """One per deadline of each decision, in the decision's order. The state is the deadline's,
    in the register's words: the date has not passed, it has passed and no result follow-up of
    the decision is published here, or one is published (never "remedied": no record says
    whether the documents arrived)."""
    return tuple(
        Deliverable(view, followup.ref, followup.provider, DELIVERABLE_STATES[view.state], position)
        for followup in oldest_first
        for position, view in enumerate(followup.deadlines, 1)
    )


DELIVERABLE_STATES = {
    DeadlineState.UPCOMING: ActionState.OPEN,
    DeadlineState.PASSED_NOTHING_PUBLISHED: ActionState.DUE_PASSED,
    DeadlineState.FOLLOWED_UP: ActionState.FOLLOWED_UP,
}


def register_entries(
    oldest_first: tuple[FollowUpView, ...], actions: tuple[RequiredAction, ...], owed: tuple[Deliverable, ...]
) -> tuple[RegisterEntry, ...]:
    """Per decision, oldest first: its actions per finding, then its deliverables."""
    position = {followup.ref.id: index for index, followup in enumerate(oldest_first)}
    entries: list[RegisterEntry] = [*actions, *owed]
    return tuple(sorted(entries, key=lambda entry: position[entry.followup.id]))


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
    if resolution is not None and resolution.status is Status.UNKNOWN:
        return ActionState.FOLLOWED_UP  # assessed again, but the partial copy does not show how
    if resolution is not None:
        return ActionState.REMAINS if resolution.status.deficient else ActionState.REMEDIED
    if due is not None and as_of > due.date:
        return ActionState.DUE_PASSED
    return ActionState.OPEN
