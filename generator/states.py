"""The states derived from the records, named once for the derive stage and the site's language."""

from __future__ import annotations

from enum import StrEnum


class DeadlineState(StrEnum):
    UPCOMING = "upcoming"
    PASSED_NOTHING_PUBLISHED = "passed_nothing_published"
    FOLLOWED_UP = "followed_up"


class ActionState(StrEnum):
    """What the record says of a required action; never more (no "late", no "ignored")."""

    OPEN = "open"
    DUE_PASSED = "due_passed"
    REMEDIED = "remedied"
    REMAINS = "remains"
    FOLLOWED_UP = "followed_up"
    """A deliverable of a whole decision whose result follow-up is published; whether it was
    delivered is the follow-up's to say, not the state's."""


class Standing(StrEnum):
    """A provider's overall standing; the rules are in derive.providers.standing."""

    NO_FOLLOW_UP = "no_follow_up"
    NO_KNOWN_DEFICIENCIES = "no_known_deficiencies"
    DEFICIENCIES_REMEDIED = "deficiencies_remedied"
    ACTIONS_REQUIRED = "actions_required"
    DEFICIENCIES_REMAIN = "deficiencies_remain"
    INCOMPLETE_COPY = "incomplete_copy"
    """The latest decision's copy is partial and shows no deficiency: the rest is unknown."""


class EventKind(StrEnum):
    DECISION = "decision"
    DEADLINE = "deadline"
    CLOSED = "closed"
    AS_OF = "as_of"
