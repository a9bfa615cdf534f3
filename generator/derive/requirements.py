"""Requirement pages and the requirements index: versions, how providers fared, figures."""

from __future__ import annotations

from generator.derive.decisions import count_statuses
from generator.derive.versions import version_changes
from generator.derive.views import (
    AreaView,
    FigureRow,
    FollowUpRef,
    FollowUpView,
    OutcomeView,
    RequirementView,
    VersionView,
)
from generator.model import Requirement
from generator.paths import page_path


def requirement_views(
    requirements: tuple[Requirement, ...], newest_first: tuple[FollowUpView, ...]
) -> tuple[RequirementView, ...]:
    """Sorted by area, then title. Assessments are grouped by requirement once, newest decision first."""
    refs = {f.record.id: f.ref for f in newest_first}
    assessed: dict[str, list[OutcomeView]] = {}
    for followup in newest_first:
        for outcome in followup.outcomes:
            assessed.setdefault(outcome.requirement.id, []).append(outcome)
    return tuple(
        _requirement_view(r, tuple(assessed.get(r.id, ())), refs)
        for r in sorted(requirements, key=lambda r: (r.area, r.title))
    )


def _requirement_view(
    requirement: Requirement, assessments: tuple[OutcomeView, ...], refs: dict[str, FollowUpRef]
) -> RequirementView:
    return RequirementView(
        record=requirement,
        page=page_path("krav", requirement.id),
        versions=_version_views(requirement, refs),
        assessments=assessments,
        counts=count_statuses(assessments),
        figures=tuple(FigureRow(f, o) for o in assessments for f in o.outcome.figures),
    )


def _version_views(requirement: Requirement, refs: dict[str, FollowUpRef]) -> tuple[VersionView, ...]:
    """Newest first, each with what changed from the version before it."""
    views: list[VersionView] = []
    for version in requirement.versions:
        changes = version_changes(views[-1], version) if views else None
        views.append(VersionView(version, refs.get(version.quoted_from or ""), changes))
    return tuple(reversed(views))


def area_views(requirements: tuple[RequirementView, ...]) -> tuple[AreaView, ...]:
    areas: dict[str, list[RequirementView]] = {}
    for requirement in requirements:
        areas.setdefault(requirement.record.area, []).append(requirement)
    return tuple(AreaView(name, tuple(members)) for name, members in areas.items())
