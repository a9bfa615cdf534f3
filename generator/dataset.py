"""The whole valid, published tree: what every stage after validation works from (derive, the
importer, `new`, `diff`). A module of its own so that they need not import the validator."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from generator.model import FollowUp, Provider, Requirement


@dataclass(frozen=True)
class DataSet:
    """The whole valid tree: what every later stage works from."""

    requirements: tuple[Requirement, ...]
    providers: tuple[Provider, ...]
    followups: tuple[FollowUp, ...]
    followup_files: Mapping[str, str] = field(default_factory=dict)
    """Each decision's file by id, as problems name it: for messages about a decision as a whole."""

    @property
    def record_count(self) -> int:
        return len(self.requirements) + len(self.providers) + len(self.followups)
