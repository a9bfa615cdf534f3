"""What a change to the data will publish: two data trees compared, in words a reviewer reads.

Compares what the site shows (decisions, statuses, standings, deadlines), not the YAML text,
so that reformatting a file is no change and a moved deadline is one line. Drafts are listed
apart, since the site does not show them: a draft that loses its mark is a new decision. It
also holds the review rule: a published decision is corrected in the open, with a new entry in
its log of corrections, never changed silently, never removed and never made a draft again.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from generator.dataset import DataSet
from generator.derive import Portal, derive
from generator.derive.views import FollowUpView
from generator.drafts import Draft
from generator.kinds import FOLDERS, FOLLOWUPS, PROVIDERS
from generator.migrate import upgrade_tree
from generator.model import FollowUp, Provider, Requirement
from generator.swedish import DEADLINE_NAMES, STANDING_LABELS, STATUS_LABELS, format_date


@dataclass
class Changes:
    """Lines of the report, by section; an empty report means nothing published changes (the
    drafts are not published)."""

    decisions: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    deadlines: list[str] = field(default_factory=list)
    records: list[str] = field(default_factory=list)
    drafts: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return any((self.decisions, self.statuses, self.deadlines, self.records))


def compare(
    old: DataSet, new: DataSet, as_of: dt.date, old_drafts: Sequence[Draft] = (), new_drafts: Sequence[Draft] = ()
) -> Changes:
    """What changes on the site from old to new, and apart from it, what changes in the drafts."""
    before, after = derive(old, as_of), derive(new, as_of)
    changes = Changes()
    changes.decisions = _decisions(before, after)
    changes.statuses = _statuses(before, after)
    changes.deadlines = _deadlines(before, after)
    changes.records = [
        *_records("Utförare", old.providers, new.providers),
        *_records("Krav", old.requirements, new.requirements),
    ]
    changes.drafts = _drafts(old_drafts, new_drafts, new)
    return changes


def _drafts(old: Sequence[Draft], new: Sequence[Draft], published: DataSet) -> list[str]:
    """Drafts added, changed and removed, compared by what they hold (also a draft the model cannot
    read yet); a draft that lost its mark is published, and the report's decisions say so."""
    before = {(draft.kind, draft.id): draft for draft in old}
    after = {(draft.kind, draft.id): draft for draft in new}
    shown = {(FOLLOWUPS.folder, f.id) for f in published.followups}
    shown |= {(PROVIDERS.folder, p.id) for p in published.providers}
    lines = [f"Nytt utkast: {draft.name}" for key, draft in after.items() if key not in before]
    for key in after.keys() & before.keys():
        fields = _changed_keys(before[key].data, after[key].data)
        if fields:
            lines.append(f"Ändrat utkast: {after[key].name} (fält: {', '.join(fields)})")
    for key, draft in before.items():
        if key not in after:
            lines.append(f"{'Publiceras' if key in shown else 'Borttaget utkast'}: {draft.name}")
    return sorted(lines)


@dataclass(frozen=True)
class Unexplained:
    """A published decision changed or removed without a correction saying so: the review refuses it."""

    file: str
    message: str
    hint: str


def unexplained_changes(old: DataSet, new: DataSet, new_drafts: Sequence[Draft] = ()) -> tuple[Unexplained, ...]:
    """Every decision published in old that new removes, makes a draft, changes without a new
    correction, or whose earlier corrections it edits. A decision that changed its id is found by
    its previous_ids."""
    current = {f.id: f for f in new.followups}
    for followup in new.followups:
        for previous in followup.previous_ids:
            current.setdefault(previous, followup)
    drafted = {draft.id: draft for draft in new_drafts if draft.kind == FOLLOWUPS.folder}
    found: list[Unexplained] = []
    for published in sorted(old.followups, key=lambda f: f.id):
        now = current.get(published.id)
        if now is None and published.id in drafted:
            found.append(
                Unexplained(
                    drafted[published.id].path,
                    f"det publicerade beslutet `{published.id}` har gjorts till ett utkast",
                    "ett publicerat beslut dras inte tillbaka: ta bort `draft: true` och rätta det som är fel med"
                    " en ny rättelse sist under `corrections:`",
                )
            )
        elif now is None:
            found.append(
                Unexplained(
                    old.followup_files.get(published.id, published.id),
                    f"det publicerade beslutet `{published.id}` har tagits bort",
                    "ett publicerat beslut tas inte bort utan rättas: återställ filen och lägg till en rättelse"
                    " sist under `corrections:` som säger vad som var fel",
                )
            )
        else:
            found.extend(_uncorrected(published, now, new.followup_files.get(now.id, now.id)))
    return tuple(found)


def _uncorrected(published: FollowUp, now: FollowUp, file: str) -> Iterator[Unexplained]:
    if now.corrections[: len(published.corrections)] != published.corrections:
        yield Unexplained(
            file,
            f"en publicerad rättelse i `{now.id}` har ändrats eller tagits bort",
            "låt de publicerade rättelserna stå kvar oförändrade; skriv en ny rättelse sist under `corrections:`",
        )
    fields = _changed_fields(_as_published(published, published), _as_published(now, published))
    if fields and len(now.corrections) <= len(published.corrections):
        yield Unexplained(
            file,
            f"det publicerade beslutet `{now.id}` har ändrats (fält: {', '.join(fields)}) utan en ny rättelse",
            "lägg till en rättelse sist under `corrections:` med `date` (dagens datum), `change` (vad som"
            " ändrades) och `reason` (varför)",
        )


def _as_published(record: FollowUp, published: FollowUp) -> FollowUp:
    """The record without what may change without a correction: the corrections themselves (checked
    apart), a provider's reply that came in after publication, and where the original is kept
    (`original`): none of them changes what the decision says."""
    replied = {o.requirement for o in published.outcomes if o.provider_reply is not None}
    outcomes = tuple(
        o if o.requirement in replied else o.model_copy(update={"provider_reply": None}) for o in record.outcomes
    )
    reply = record.provider_reply if published.provider_reply is not None else None
    unchanged = {"outcomes": outcomes, "provider_reply": reply, "corrections": (), "original": None}
    return record.model_copy(update=unchanged)


def unexplained_report(found: Iterable[Unexplained]) -> str:
    """Markdown, after the report: what the review refuses and what to do about each."""
    lines = [
        "## Rättelser som saknas",
        "",
        "Ett publicerat beslut ändras bara öppet, med en ny rättelse sist i beslutets `corrections:`"
        " (när, vad som ändrades och varför), och tas aldrig bort. Granskningen stoppar ändringen:",
        "",
    ]
    lines += [f"- `{item.file}`: {item.message}. Gör så här: {item.hint}." for item in found]
    return "\n".join([*lines, ""])


def report(changes: Changes) -> str:
    """Markdown, for a terminal and for a pull request's job summary alike: what the site shows,
    then the drafts, which it does not."""
    published = _published_report(changes)
    if not changes.drafts:
        return published
    drafts = [
        "## Utkast (publiceras inte)",
        "",
        "Utkast kontrolleras men visas inte på webbplatsen förrän `draft: true` tas bort.",
        "",
        *(f"- {line}" for line in changes.drafts),
        "",
    ]
    return "\n".join([published, *drafts])


def _published_report(changes: Changes) -> str:
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
        added = new[record_id].record.corrections[len(old[record_id].record.corrections) :]
        lines += [f"Rättelse i {_name(new[record_id])}: {c.change} ({format_date(c.date)})" for c in added]
    return sorted(lines)


def _name(followup: FollowUpView) -> str:
    return f"{followup.ref.title}, {format_date(followup.record.date)} (`{followup.record.id}`)"


def _changed_fields(old: BaseModel, new: BaseModel) -> list[str]:
    return _changed_keys(old.model_dump(), new.model_dump())


def _changed_keys(before: Mapping[str, object], after: Mapping[str, object]) -> list[str]:
    """The fields whose values differ, also those only one side has."""
    return [name for name in {**before, **after} if before.get(name) != after.get(name)]


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
def tree_at(source: str, data_path: str = "data", *, upgraded: bool = False) -> Iterator[Path]:
    """A data tree: a data folder as it is, the data folder of a repository root (a folder holding
    data/), or the data folder of a git revision, unpacked for the comparison. With upgraded, the
    tree is a copy whose records are brought up to the current format (migrate.py), so that a
    change of format shows as no change: the older side of a comparison is read this way."""
    folder = Path(source)
    if folder.is_dir() and not upgraded:
        yield data_folder(folder, data_path)
        return
    with tempfile.TemporaryDirectory(prefix="kvalitetsportalen-diff-") as unpacked:
        if folder.is_dir():
            tree = Path(unpacked) / data_path
            shutil.copytree(data_folder(folder, data_path), tree, symlinks=True)
        else:
            tree = _unpack(source, data_path, Path(unpacked))
        if upgraded:
            upgrade_tree(tree)
        yield tree


def _unpack(revision: str, data_path: str, into: Path) -> Path:
    archive = subprocess.run(["git", "archive", revision, data_path], capture_output=True, check=False)
    if archive.returncode != 0:
        raise ValueError(f"`{revision}` är varken en mapp eller en git-revision med {data_path}/")
    tar_path = into / "tree.tar"
    tar_path.write_bytes(archive.stdout)
    with tarfile.open(tar_path) as tar:
        tar.extractall(into, filter="data")
    return into / data_path


def data_folder(folder: Path, data_path: str = "data") -> Path:
    """The data folder that folder names: itself when it holds record folders (or nothing yet), its
    data/ when it is a repository root. Any other folder is refused rather than walked: a
    repository's .venv/ or site/ holds thousands of files that are no records."""
    if any((folder / kind).is_dir() for kind in FOLDERS) or not any(folder.iterdir()):
        return folder
    if (folder / data_path).is_dir():
        return folder / data_path
    raise ValueError(
        f"`{folder}` är ingen datamapp (med {', '.join(f'{kind}/' for kind in FOLDERS)}) och ingen kodförrådsrot"
        f" med {data_path}/: ange datamappen, kodförrådets rot eller en git-revision"
    )
