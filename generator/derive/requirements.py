"""Requirement pages and the requirements index: versions, how providers fared, figures."""

from __future__ import annotations

from generator.derive.decisions import count_statuses
from generator.derive.views import AreaView, FigureRow, FollowUpRef, FollowUpView, RequirementView, VersionView
from generator.model import Requirement
from generator.paths import page_path, slugify


def requirement_views(
    requirements: tuple[Requirement, ...], newest_first: tuple[FollowUpView, ...]
) -> tuple[RequirementView, ...]:
    """Sorted by area, then title."""
    refs = {f.record.id: f.ref for f in newest_first}
    return tuple(
        _requirement_view(r, newest_first, refs) for r in sorted(requirements, key=lambda r: (r.area, r.title))
    )


def _requirement_view(
    requirement: Requirement, newest_first: tuple[FollowUpView, ...], refs: dict[str, FollowUpRef]
) -> RequirementView:
    assessments = tuple(o for f in newest_first for o in f.outcomes if o.requirement.id == requirement.id)
    return RequirementView(
        record=requirement,
        page=page_path("krav", requirement.id),
        versions=tuple(VersionView(v, refs.get(v.quoted_from or "")) for v in reversed(requirement.versions)),
        assessments=assessments,
        counts=count_statuses(assessments),
        figures=tuple(FigureRow(f, o) for o in assessments for f in o.outcome.figures),
    )


def area_views(requirements: tuple[RequirementView, ...]) -> tuple[AreaView, ...]:
    names = dict.fromkeys(r.record.area for r in requirements)
    return tuple(
        AreaView(name, slugify(name), tuple(r for r in requirements if r.record.area == name)) for name in names
    )
