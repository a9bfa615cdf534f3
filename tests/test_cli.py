"""The commands as a controller runs them: exit codes, output, and a failed build that changes nothing."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import errno
import json
import os
import shlex
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from generator import outfolder, pipeline, processes, search
from generator.cli import main
from generator.errors import Problem, github_annotation
from generator.model import Status
from tests.conftest import AS_OF, MINIMAL, ROOT, SHIPPED, SHIPPED_AS_OF, Tree
from tests.open_data import file_text
from tests.test_drafts import DRAFTS, PROVIDER, TEXTS, TYPED, drafts_tree
from tests.test_links import broken_links
from tests.test_mkdocs_plugin import _config, _identity

CONFIG = str(ROOT / "mkdocs.yml")
STATUSES = ", ".join(f"'{status.value}'" for status in Status)


def test_validate_shipped_data(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--data", str(SHIPPED), "--as-of", SHIPPED_AS_OF.isoformat()]) == 0
    records = len([path for path in SHIPPED.rglob("*.yml") if not path.name.startswith(".")])
    assert capsys.readouterr().out == f"Inga problem: {records} poster i {records} filer kontrollerade.\n"


def test_validate_reports_every_file_and_exits_1(tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    tree.replace("providers/omsorg-ab.yml", "name: Omsorg AB", "name: [x")
    tree.replace("requirements/hygien.yml", 'sections: ["3.10"]', "sections: [3.10]")
    tree.replace("followups/omsorg-ab-2023.yml", "status: met", "status: bra")
    assert main(["validate", "--data", str(tree.root), "--as-of", AS_OF.isoformat()]) == 1
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert lines[0].startswith("data/followups/omsorg-ab-2023.yml:14:13: `bra` är inget tillåtet värde för `status`")
    assert lines[1] == f"    → tillåtna värden: {STATUSES}"
    assert lines[2] == (
        "data/providers/omsorg-ab.yml:3:10: YAML kan inte läsas: while parsing a flow sequence expected ',' or ']',"
        " but got ':' (det som inte avslutades började på rad 2)"
    )
    assert lines[4].startswith("data/requirements/hygien.yml:7:16: `3.10` lästes av YAML som ett decimaltal")
    assert lines[-1] == "3 problem i 3 filer."
    assert "Traceback" not in captured.err
    assert captured.out == ""


@pytest.mark.slow
def test_build_with_bad_data_leaves_the_old_site(tree: Tree, tmp_path: Path) -> None:
    out = tmp_path / "site"
    argv = ["build", "--data", str(tree.root), "--out", str(out), "--as-of", AS_OF.isoformat(), "--config", CONFIG]
    assert main(argv) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    tree.replace("followups/omsorg-ab-2023.yml", "status: met", "status: bra")
    assert main(argv) == 1
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert not list(tmp_path.glob(".build-*"))


@pytest.mark.slow
def test_build_reads_and_checks_the_tree_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The plugin's check is the build's only one; the command line says what it found."""
    stages: list[str] = []
    argv = ["build", "--data", str(MINIMAL), "--out", str(tmp_path / "site"), "--as-of", AS_OF.isoformat()]
    with pipeline.observed(lambda stage, seconds: stages.append(stage)):
        assert main([*argv, "--config", CONFIG]) == 0
    assert stages.count("check") == 1
    assert capsys.readouterr().out.splitlines()[0] == "Inga problem: 5 poster i 5 filer kontrollerade."


def test_a_build_error_is_said_once_in_swedish(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A problem in organisation.yml stops the build in the plugin: the command line says it, and
    MkDocs' own log of it and its English "Aborted" are not printed beside."""
    identity = _identity(tmp_path, "email: egetval@orebro.se", "email: egetval at orebro")
    config = _config(tmp_path, MINIMAL, identity)
    argv = ["build", "--data", str(MINIMAL), "--out", str(tmp_path / "site"), "--config", str(config)]
    assert main([*argv, "--as-of", AS_OF.isoformat()]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Bygget misslyckades: Data har problem:\n")
    assert err.count("`egetval at orebro` har fel form") == 1
    assert "Aborted" not in err and "ERROR" not in err


@pytest.mark.parametrize("files", [["notes.txt"], ["index.html", "notes.txt"]])
def test_build_refuses_to_replace_a_folder_it_did_not_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], files: list[str]
) -> None:
    for name in files:
        (tmp_path / name).write_text("keep me")
    argv = ["build", "--data", str(MINIMAL), "--out", str(tmp_path), "--as-of", AS_OF.isoformat(), "--config", CONFIG]
    assert main(argv) == 1
    assert all((tmp_path / name).read_text() == "keep me" for name in files)
    assert f"{tmp_path} finns och är ingen webbplats som bygget har skrivit" in capsys.readouterr().err


@pytest.mark.slow
def test_build_replaces_its_own_site_and_nothing_beside_it(tmp_path: Path) -> None:
    out = tmp_path / "site"
    (tmp_path / "site.old").mkdir()
    (tmp_path / "site.old" / "notes.txt").write_text("keep me")
    argv = ["build", "--data", str(MINIMAL), "--out", str(out), "--as-of", AS_OF.isoformat(), "--config", CONFIG]
    assert main(argv) == 0
    assert (out / outfolder.MARKER).is_file()
    (out / "index.html").write_text("old")
    assert main(argv) == 0
    assert (out / "index.html").read_text() != "old"
    assert (tmp_path / "site.old" / "notes.txt").read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "site.old"]


@pytest.mark.slow
def test_build_refuses_a_tree_without_records_unless_asked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, empty = tmp_path / "site", tmp_path / "data"
    (empty / "followups").mkdir(parents=True)
    argv = ["build", "--data", str(empty), "--out", str(out), "--as-of", AS_OF.isoformat(), "--config", CONFIG]
    out.mkdir()
    (out / outfolder.MARKER).write_text("")
    (out / "index.html").write_text("published")
    assert main(argv) == 1
    assert f"{empty} innehåller inga poster" in capsys.readouterr().err
    assert (out / "index.html").read_text() == "published"
    assert main([*argv, "--allow-empty"]) == 0
    assert (out / "index.html").read_text() != "published"


def _refusing_rename(refused: Callable[[Path], bool]) -> Callable[[Path, Path], Path]:
    """Path.rename, except that moving a path for which refused() holds fails as a busy folder does."""
    rename = Path.rename

    def busy(path: Path, target: Path) -> Path:
        if refused(path):
            raise OSError(errno.EBUSY, os.strerror(errno.EBUSY), str(path))
        return rename(path, target)

    return busy


def _in_work_folder(path: Path, name: str) -> bool:
    return path.name == name and path.parent.name.startswith(outfolder.PREFIX)


@pytest.mark.slow
@pytest.mark.parametrize(
    "busy",
    [
        pytest.param(lambda path: path.name == "site" and path.parent.name != "site", id="old site"),
        pytest.param(lambda path: _in_work_folder(path, "site"), id="new site"),
    ],
)
def test_a_busy_output_folder_is_a_message_and_the_old_site_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], busy: Callable[[Path], bool]
) -> None:
    out = tmp_path / "site"
    argv = ["build", "--data", str(MINIMAL), "--out", str(out), "--as-of", AS_OF.isoformat(), "--config", CONFIG]
    assert main(argv) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    capsys.readouterr()
    monkeypatch.setattr(Path, "rename", _refusing_rename(busy))
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert f": {os.strerror(errno.EBUSY)}. Webbplatsen i {out} är som förut." in err
    assert "Traceback" not in err
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert not list(tmp_path.glob(".build-*"))


@pytest.mark.slow
def test_an_old_site_that_cannot_be_put_back_is_kept_and_said_where(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "site"
    argv = ["build", "--data", str(MINIMAL), "--out", str(out), "--as-of", AS_OF.isoformat(), "--config", CONFIG]
    assert main(argv) == 0
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    capsys.readouterr()
    monkeypatch.setattr(
        Path, "rename", _refusing_rename(lambda p: _in_work_folder(p, "site") or _in_work_folder(p, outfolder.OLD))
    )
    assert main(argv) == 1
    [kept] = tmp_path.glob(f".build-*/{outfolder.OLD}")
    assert f"Den gamla webbplatsen ligger i {kept}; flytta tillbaka den." in capsys.readouterr().err
    monkeypatch.undo()
    outfolder.remove_abandoned(tmp_path)
    assert {p.relative_to(kept): p.read_bytes() for p in kept.rglob("*") if p.is_file()} == before


def test_a_folder_that_cannot_be_written_in_is_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def read_only(**kwargs: object) -> str:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(kwargs["dir"]))

    monkeypatch.setattr(tempfile, "mkdtemp", read_only)
    out = tmp_path / "site"
    argv = ["build", "--data", str(MINIMAL), "--out", str(out), "--as-of", AS_OF.isoformat(), "--config", CONFIG]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert f"Bygget misslyckades: {tmp_path}: {os.strerror(errno.EACCES)}." in err
    assert not out.exists()


STAND_IN = """
import os, pathlib, subprocess, sys, time
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
ready = pathlib.Path(sys.argv[1])
ready.with_suffix(".tmp").write_text(f"{os.getpid()} {child.pid}")
ready.with_suffix(".tmp").rename(ready)
time.sleep(600)
"""
"""Pagefind's stand-in: it says that it runs, and runs with a child of its own until killed."""

needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").is_file(), reason="reads processes from /proc")


def _poll(condition: Callable[[], bool], seconds: float) -> bool:
    """Whether condition() came true within the given time."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def _stat(pid: int) -> list[str]:
    """The fields of /proc/PID/stat from the state on (state, parent, group, session, …); [] if gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text(errors="replace").rsplit(")", 1)[1].split()
    except OSError:
        return []


def _running(pid: int) -> bool:
    """A process that has ended but was not reaped (state Z) does not run."""
    return _stat(pid)[:1] not in ([], ["Z"])


def _in_session(session: int) -> list[int]:
    pids = (int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit())
    return [pid for pid in pids if _running(pid) and _stat(pid)[3:4] == [str(session)]]


@contextlib.contextmanager
def _build_with_pagefind_running(tmp_path: Path, out: Path) -> Iterator[tuple[subprocess.Popen[bytes], list[int]]]:
    """`python -m generator build` of the minimal tree in a session of its own, once it has
    started Pagefind's stand-in; with the stand-in's process ids. Whatever the test leaves
    running is killed afterwards."""
    script, ready = tmp_path / "pagefind.py", tmp_path / "pagefind-runs"
    script.write_text(STAND_IN)
    environment = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        search.COMMAND: shlex.join([sys.executable, str(script), str(ready)]),
    }
    command = [sys.executable, "-m", "generator", "build", "--data", str(MINIMAL), "--out", str(out)]
    command += ["--as-of", AS_OF.isoformat(), "--config", CONFIG]
    with (tmp_path / "build.log").open("wb") as log:
        build = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=log, stderr=log, start_new_session=True)
    stand_ins: list[int] = []
    try:
        assert _poll(lambda: ready.is_file() or build.poll() is not None, 120), "Pagefind's stand-in did not start"
        assert ready.is_file(), (tmp_path / "build.log").read_text()
        stand_ins = [int(pid) for pid in ready.read_text().split()]
        yield build, stand_ins
    finally:
        for group in (build.pid, *stand_ins[:1]):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(group, signal.SIGKILL)
        build.wait(timeout=60)


@pytest.mark.slow
@needs_proc
def test_a_stopped_build_stops_pagefind_and_leaves_nothing_behind(tmp_path: Path) -> None:
    out = tmp_path / "site"
    with _build_with_pagefind_running(tmp_path, out) as (build, stand_ins):
        build.send_signal(signal.SIGTERM)
        assert build.wait(timeout=60) == 128 + signal.SIGTERM
        log = (tmp_path / "build.log").read_text()
        assert f"Bygget avbröts (SIGTERM): inget av det nya bygget finns kvar och {out} är som förut." in log
        assert "Traceback" not in log
        assert _poll(lambda: not any(map(_running, [*stand_ins, *_in_session(build.pid)])), 10), "a process is left"
        assert not list(tmp_path.glob(".build-*"))
        assert not out.exists()


@pytest.mark.slow
@needs_proc
def test_a_killed_builds_folder_is_removed_by_the_next_build_and_no_one_elses(tmp_path: Path) -> None:
    out = tmp_path / "site"
    foreign = tmp_path / ".build-foreign"  # no owner: another program's, or a build just starting
    foreign.mkdir()
    with _build_with_pagefind_running(tmp_path, out) as (build, _):
        build.kill()
        build.wait(timeout=60)
    killed = set(tmp_path.glob(".build-*")) - {foreign}
    assert len(killed) == 1, "SIGKILL cannot be handled: the killed build's folder is left"
    running = tmp_path / ".build-running"
    running.mkdir()
    (running / outfolder.OWNER).write_text(json.dumps(processes.identity()))
    argv = ["build", "--data", str(MINIMAL), "--out", str(out), "--as-of", AS_OF.isoformat(), "--config", CONFIG]
    assert main(argv) == 0
    assert set(tmp_path.glob(".build-*")) == {foreign, running}


def test_as_of_must_be_a_date(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["validate", "--as-of", "1 juni"])
    assert exit_info.value.code == 2
    assert "är inget datum på formen ÅÅÅÅ-MM-DD" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["validate", "build", "serve", "diff", "schema", "new"])
def test_every_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main([command, "--help"])
    assert "usage: python -m generator" in capsys.readouterr().out


def test_validate_github_format_annotates_the_lines(tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    tree.replace("followups/omsorg-ab-2023.yml", "status: met", "status: bra")
    assert main(["validate", "--data", str(tree.root), "--as-of", AS_OF.isoformat(), "--format", "github"]) == 1
    assert capsys.readouterr().out == (
        "::error file=data/followups/omsorg-ab-2023.yml,line=14,col=13,title=Kvalitetsportalen::"
        f"`bra` är inget tillåtet värde för `status`%0Atillåtna värden: {STATUSES}\n"
    )


def test_annotation_escapes_what_github_would_misread() -> None:
    problem = Problem("a,b:c.yml", 2, 3, "100% fel\nrad två", "")
    assert (
        github_annotation(problem)
        == "::error file=a%2Cb%3Ac.yml,line=2,col=3,title=Kvalitetsportalen::100%25 fel%0Arad två"
    )


def test_schema_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--check", "--out", str(tmp_path)]) == 1
    assert main(["schema", "--out", str(tmp_path)]) == 0
    assert main(["schema", "--check", "--out", str(tmp_path)]) == 0
    assert "Kör `python -m generator schema`" in capsys.readouterr().err


@pytest.mark.slow
def test_build_as_of_a_date_between_two_decisions_builds_the_earlier_state(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """omsorg-ab-2023 is dated 1 November 2023, its result follow-up omsorg-ab-2024 2 May 2024."""
    out = tmp_path / "site"
    argv = ["build", "--data", str(MINIMAL), "--out", str(out), "--as-of", "2024-01-15", "--config", CONFIG]
    assert main(argv) == 0
    assert capsys.readouterr().out.splitlines()[:2] == [
        "Inga problem: 5 poster i 5 filer kontrollerade.",
        "1 beslut daterat efter 2024-01-15 lämnades utanför: webbplatsen visar läget den dagen, 4 poster.",
    ]
    assert (out / "beslut" / "omsorg-ab-2023" / "index.html").is_file()
    assert not (out / "beslut" / "omsorg-ab-2024").exists()
    assert "omsorg-ab-2024" not in "".join(p.read_text(encoding="utf-8") for p in out.rglob("*.html"))
    assert broken_links(out)[1] == []
    with (out / "data" / "beslut.csv").open(encoding="utf-8") as file:
        assert [row["id"] for row in csv.DictReader(file)] == ["omsorg-ab-2023"]
    assert (out / "feeds" / "beslut.xml").read_text(encoding="utf-8").count("<entry>") == 1
    provider = (out / "utforare" / "omsorg-ab" / "index.html").read_text(encoding="utf-8")
    assert "Brister – åtgärder krävs" in provider and "Brister åtgärdade" not in provider


def test_a_decision_dated_after_today_is_an_error_unless_as_of_is_given(
    tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    tree.replace("followups/omsorg-ab-2024.yml", "date: 2024-05-02", f"date: {tomorrow.isoformat()}")
    assert main(["validate", "--data", str(tree.root)]) == 1
    assert (
        f"beslutsdatumet {tomorrow.isoformat()} ligger efter {dt.date.today().isoformat()}" in capsys.readouterr().err
    )
    assert main(["validate", "--data", str(tree.root), "--as-of", dt.date.today().isoformat()]) == 0
    assert f"1 beslut daterat efter {dt.date.today().isoformat()} lämnades utanför" in capsys.readouterr().out


# --- drafts ------------------------------------------------------------------------------


def test_validate_lists_the_drafts_lines_to_fill_and_passes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--data", str(DRAFTS), "--as-of", AS_OF.isoformat()]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    lines = captured.out.splitlines()
    assert lines[0] == "Inga problem: 8 poster i 8 filer kontrollerade."
    assert lines[1] == "Att fylla i (utkast, publiceras inte):"
    assert lines[2] == f"drafts/{TYPED}:4:7: att fylla i: beslutets datum (date)"
    assert lines[3].startswith("    → läs värdet i originalbeslutet och skriv det här")
    assert lines[-2] == "8 värden att fylla i, i 2 utkast."
    assert lines[-1] == (
        f"3 utkast lämnades utanför (publiceras inte): drafts/{TYPED}, drafts/{TEXTS}, drafts/{PROVIDER}."
    )


def test_validate_fails_when_the_mark_is_removed_before_the_markers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = drafts_tree(tmp_path)
    tree.replace(TYPED, "draft: true\n", "")
    assert main(["validate", "--data", str(tree.root), "--as-of", AS_OF.isoformat()]) == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines()[0] == f"data/{TYPED}:3:7: att fylla i: beslutets datum (date)"
    assert captured.err.splitlines()[-1] == "5 problem i 1 fil."
    assert "3 värden att fylla i, i 1 utkast." in captured.out  # the other draft's, after the problems


def test_validate_github_format_notes_the_lines_to_fill(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tree = drafts_tree(tmp_path)
    tree.replace(TEXTS, "draft: true\n", "")
    argv = ["validate", "--data", str(tree.root), "--as-of", AS_OF.isoformat(), "--format", "github"]
    assert main(argv) == 1
    out = capsys.readouterr().out.splitlines()
    assert [line.split(" ", 1)[0] for line in out] == ["::error"] * 4 + ["::notice"] * 5
    assert out[0].startswith(f"::error file=data/{TEXTS},line=4,col=11,title=Kvalitetsportalen::utföraren `vard-ab`")
    assert out[4].startswith(
        f"::notice file=data/{TYPED},line=4,col=7,title=Kvalitetsportalen::att fylla i: beslutets datum (date)%0A"
    )
    tree.replace(TEXTS, "id: vard-ab-2023\n", "id: vard-ab-2023\ndraft: true\n")
    assert main(argv) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split(" ", 1)[0] for line in out[:-2]] == ["::notice"] * 8
    assert out[-2] == "Inga problem: 8 poster i 8 filer kontrollerade."


@pytest.mark.slow
def test_build_leaves_the_drafts_out_and_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "site"
    argv = ["build", "--data", str(DRAFTS), "--out", str(out), "--as-of", AS_OF.isoformat(), "--config", CONFIG]
    assert main(argv) == 0
    said = capsys.readouterr().out
    assert f"3 utkast lämnades utanför (publiceras inte): drafts/{TYPED}, drafts/{TEXTS}, drafts/{PROVIDER}.\n" in said
    site = "".join(file_text(p) for p in out.rglob("*") if p.suffix in (".html", ".csv", ".json", ".gz"))
    for draft in ("omsorg-ab-2022", "vard-ab", "Vård AB"):
        assert draft not in site
    assert (out / "beslut" / "omsorg-ab-2023" / "index.html").is_file()


@pytest.mark.slow
def test_a_tree_of_drafts_only_is_refused_like_an_empty_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tree = drafts_tree(tmp_path)
    for path in tree.root.rglob("*.yml"):
        if path.name not in ("vard-ab.yml", "omsorg-ab-2022.yml"):
            path.unlink()
    out = tmp_path / "site"
    argv = ["build", "--data", str(tree.root), "--out", str(out), "--as-of", AS_OF.isoformat(), "--config", CONFIG]
    assert main(argv) == 1
    captured = capsys.readouterr()
    assert "2 utkast lämnades utanför (publiceras inte)" in captured.out
    assert f"{tree.root} innehåller inga poster" in captured.err
    assert main([*argv, "--allow-empty"]) == 0
    assert not (out / "utforare" / "vard-ab").exists()
