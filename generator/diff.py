"""What a change to the data will publish: two data trees compared, in words a reviewer reads.

Compares what the site shows (decisions, statuses, standings, deadlines), not the YAML text,
so that reformatting a file is no change and a moved deadline is one line.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import tarfile
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from generator.derive import Portal, derive
from generator.derive.views import FollowUpView
from generator.model import Provider, Requirement
from generator.swedish import DEADLINE_NAMES, STANDING_LABELS, STATUS_LABELS, format_date
from generator.validate import DataSet


@dataclass
class Changes:
    """Lines of the report, by section; an empty report means nothing published changes."""

    decisions: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    deadlines: list[str] = field(default_factory=list)
    records: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return any((self.decisions, self.statuses, self.deadlines, self.records))


def compare(old: DataSet, new: DataSet, as_of: dt.date) -> Changes:
    before, after = derive(old, as_of), derive(new, as_of)
    changes = Changes()
    changes.decisions = _decisions(before, after)
    changes.statuses = _statuses(before, after)
    changes.deadlines = _deadlines(before, after)
    changes.records = [
        *_records("Utförare", old.providers, new.providers),
        *_records("Krav", old.requirements, new.requirements),
    ]
    return changes


def report(changes: Changes) -> str:
    """Markdown, for a terminal and for a pull request's job summary alike."""
    if not changes:
        return "## Vad ändringen publicerar\n\nIngenting som syns på webbplatsen ändras.\n"
    sections = [
        ("Beslut", changes.decisions),
        ("Status per utförare och krav", changes.statuses),
        ("Datum i besluten", changes.deadlines),
        ("Utförare och krav", changes.records),
    ]
    lines = ["## Vad ändringen publicerar", ""]
    for heading, items in sections:
        if items:
            lines += [f"### {heading}", "", *(f"- {item}" for item in items), ""]
    return "\n".join(lines)


def _by_id(followups: Iterable[FollowUpView]) -> dict[str, FollowUpView]:
    return {f.record.id: f for f in followups}


def _decisions(before: Portal, after: Portal) -> list[str]:
    old, new = _by_id(before.followups), _by_id(after.followups)
    lines = [f"Nytt beslut: {_name(new[i])}" for i in new if i not in old]
    lines += [f"Borttaget beslut: {_name(old[i])}" for i in old if i not in new]
    for record_id in new.keys() & old.keys():
        fields = _changed_fields(old[record_id].record, new[record_id].record)
        if fields:
            lines.append(f"Ändrat beslut: {_name(new[record_id])} (fält: {', '.join(fields)})")
    return sorted(lines)


def _name(followup: FollowUpView) -> str:
    return f"{followup.ref.title}, {format_date(followup.record.date)} (`{followup.record.id}`)"


def _changed_fields(old: BaseModel, new: BaseModel) -> list[str]:
    before, after = old.model_dump(), new.model_dump()
    return [name for name in after if before.get(name) != after[name]]


def _statuses(before: Portal, after: Portal) -> list[str]:
    lines = []
    old_providers = {p.record.id: p for p in before.providers}
    for provider in after.providers:
        previous = old_providers.get(provider.record.id)
        old_status = {c.requirement.id: c.latest.status for c in previous.current} if previous else {}
        for current in provider.current:
            was = old_status.get(current.requirement.id)
            if was is not current.latest.status:
                was_text = STATUS_LABELS[was] if was else "inte bedömt"
                now_text = STATUS_LABELS[current.latest.status]
                lines.append(f"{provider.record.name}, {current.requirement.title}: {was_text} → {now_text}")
        if previous is None or previous.standing is not provider.standing:
            was_standing = STANDING_LABELS[previous.standing] if previous else "ny utförare"
            lines.append(f"{provider.record.name}, läge: {was_standing} → {STANDING_LABELS[provider.standing]}")
    return lines


def _deadlines(before: Portal, after: Portal) -> list[str]:
    old, new = _by_id(before.followups), _by_id(after.followups)
    lines = []
    for record_id, followup in sorted(new.items()):
        earlier = {d.deadline.kind: d.deadline.date for d in old[record_id].deadlines} if record_id in old else {}
        for view in followup.deadlines:
            kind, date = view.deadline.kind, view.deadline.date
            what = f"{DEADLINE_NAMES[kind]} i {followup.ref.title}"
            if kind not in earlier:
                lines.append(f"{what}: nytt datum {format_date(date)}")
            elif earlier[kind] != date:
                lines.append(f"{what}: flyttat från {format_date(earlier[kind])} till {format_date(date)}")
        removed = earlier.keys() - {d.deadline.kind for d in followup.deadlines}
        lines += [f"{DEADLINE_NAMES[kind]} i {followup.ref.title}: datumet borttaget" for kind in sorted(removed)]
    return lines


def _records(noun: str, old: Iterable[Provider | Requirement], new: Iterable[Provider | Requirement]) -> list[str]:
    before = {r.id: r for r in old}
    after = {r.id: r for r in new}
    lines = [f"{noun} tillagd: `{i}`" for i in sorted(after.keys() - before.keys())]
    lines += [f"{noun} borttagen: `{i}`" for i in sorted(before.keys() - after.keys())]
    for record_id in sorted(after.keys() & before.keys()):
        fields = _changed_fields(before[record_id], after[record_id])
        if fields:
            lines.append(f"{noun} ändrad: `{record_id}` (fält: {', '.join(fields)})")
    return lines


@contextmanager
def tree_at(source: str, data_path: str = "data") -> Iterator[Path]:
    """A data tree: a folder as it is, or the data folder of a git revision, unpacked for the comparison."""
    if Path(source).is_dir():
        yield Path(source)
        return
    archive = subprocess.run(["git", "archive", source, data_path], capture_output=True, check=False)
    if archive.returncode != 0:
        raise ValueError(f"`{source}` är varken en mapp eller en git-revision med {data_path}/")
    with tempfile.TemporaryDirectory(prefix="kvalitetsportalen-diff-") as folder:
        tar_path = Path(folder) / "tree.tar"
        tar_path.write_bytes(archive.stdout)
        with tarfile.open(tar_path) as tar:
            tar.extractall(folder, filter="data")
        yield Path(folder) / data_path
