"""Skeleton records for `python -m generator new`: every field in place, with comments that
say what goes where, so that the validator points at exactly the lines still to fill."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from generator.dataset import DataSet
from generator.encode import yaml_scalar
from generator.kinds import FOLLOWUPS, PROVIDERS, REQUIREMENTS
from generator.model import Provider, Requirement, RequirementVersion, case_number_key
from generator.paths import UnsafePath, inside, is_id
from generator.schema import modeline


class Refused(Exception):
    """The skeleton cannot be written; the message says why and what to do."""


@dataclass(frozen=True)
class Planned:
    """One outcome in a skeleton: which requirement and version, and what to quote."""

    requirement: str
    version: str
    title: str
    area: str
    earlier_action: str = ""
    alternatives: tuple[str, ...] = ()
    """Other versions of the provider's contracts, "id (contract)", newest first."""


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(Path(__file__).parent / "templates" / "new"),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["y"] = yaml_scalar
    return env


def write_new(data_dir: Path, folder: str, record_id: str, text: str) -> Path:
    """Write a new record file, never over an existing one."""
    if not is_id(record_id):
        raise Refused(f"`{record_id}` är inget giltigt id: små bokstäver a–z, siffror och enkla bindestreck")
    try:
        target = inside(data_dir / folder, f"{record_id}.yml")
    except UnsafePath as error:
        raise Refused(str(error)) from None
    if target.exists():
        raise Refused(f"{target} finns redan; välj ett annat id eller redigera filen")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def followup_text(dataset: DataSet, provider_id: str, record_id: str, today: dt.date) -> str:
    """Only what the records know: the provider, its contract's number when it has exactly one,
    and the requirements with a version of one of its contracts. The issuer, the signatory and
    the kind of basis are the decision's to say, so they are left to fill."""
    provider = _provider(dataset, provider_id)
    return _followup_skeleton(
        record_id,
        today,
        provider=provider.id,
        provider_name=provider.name,
        contracts=provider.contracts,
        basis=None,
        follows=None,
        outcomes=_requirements_of(provider, dataset.requirements),
    )


def result_followup_text(dataset: DataSet, follows_id: str, record_id: str, today: dt.date) -> str:
    """The requirements the earlier decision found wanting, with the version it assessed and the
    action it required; the basis is the earlier decision's, which the result follow-up follows up."""
    earlier = next((f for f in dataset.followups if f.id == follows_id), None)
    if earlier is None:
        raise Refused(f"det finns inget giltigt beslut `{follows_id}` i data/followups/")
    requirements = {r.id: r for r in dataset.requirements}
    outcomes = [
        Planned(
            o.requirement,
            o.requirement_version,
            requirements[o.requirement].title,
            requirements[o.requirement].area,
            o.required_action or "",
        )
        for o in earlier.outcomes
        if o.status.deficient
    ]
    if not outcomes:
        raise Refused(f"beslutet `{follows_id}` fann inga brister; det finns inget att följa upp")
    providers = {p.id: p for p in dataset.providers}
    provider = providers.get(earlier.provider or "")
    return _followup_skeleton(
        record_id,
        today,
        provider=earlier.provider,
        provider_name=provider.name if provider else earlier.case_number or earlier.id,
        contracts=provider.contracts if provider else (),
        basis=earlier.basis,
        follows={"id": earlier.id, "title": earlier.case_number or earlier.id},
        outcomes=outcomes,
    )


def _followup_skeleton(record_id: str, today: dt.date, **context: object) -> str:
    template = _environment().get_template("followup.yml.j2")
    return template.render(modeline=modeline(FOLLOWUPS.schema), id=record_id, date=today.isoformat(), **context)


def provider_text(record_id: str) -> str:
    return _environment().get_template("provider.yml.j2").render(modeline=modeline(PROVIDERS.schema), id=record_id)


def requirement_text(record_id: str) -> str:
    return (
        _environment()
        .get_template("requirement.yml.j2")
        .render(modeline=modeline(REQUIREMENTS.schema), id=record_id, version="v1")
    )


def _provider(dataset: DataSet, provider_id: str) -> Provider:
    for provider in dataset.providers:
        if provider.id == provider_id:
            return provider
    known = ", ".join(sorted(p.id for p in dataset.providers)) or "inga"
    raise Refused(f"det finns ingen giltig utförare `{provider_id}` i data/providers/ (kända: {known})")


def _requirements_of(provider: Provider, requirements: tuple[Requirement, ...]) -> list[Planned]:
    """The requirements with a version whose contract is one of the provider's, each with the
    newest such version (and the others named beside it); none when no version matches."""
    planned = []
    for requirement in sorted(requirements, key=lambda r: (r.area, r.title)):
        matching = _versions_for(requirement, provider.contracts)
        if matching:
            *others, version = matching
            alternatives = tuple(f"{v.id} ({v.contract})" for v in reversed(others))
            planned.append(Planned(requirement.id, version.id, requirement.title, requirement.area, "", alternatives))
    return planned


def _versions_for(requirement: Requirement, contracts: tuple[str, ...]) -> list[RequirementVersion]:
    """The versions of one of the contracts, oldest first; a number matches whatever case it is printed in."""
    keys = {case_number_key(c) for c in contracts}
    return [v for v in requirement.versions if v.contract is not None and case_number_key(v.contract) in keys]
