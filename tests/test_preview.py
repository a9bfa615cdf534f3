"""The preview's state between builds: background refreshes one at a time, the theme compiled
once, and a save seen by its content, whatever its size and modification time."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from jinja2.bccache import Bucket
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.mkdocs_plugin import PortalPlugin
from generator.preview import Background, CompiledTemplates
from tests.conftest import MINIMAL
from tests.test_mkdocs_plugin import _config


def test_background_runs_one_job_at_a_time_and_the_newest_queued_one_last() -> None:
    started, release = threading.Event(), threading.Event()
    done: list[str] = []

    def first() -> None:
        started.set()
        release.wait(5)
        done.append("first")

    background = Background()
    background.run(first)
    started.wait(5)
    background.run(lambda: done.append("stale"))
    background.run(lambda: done.append("newest"))
    release.set()
    background.wait()
    assert done == ["first", "newest"]


class PausingLock:
    """The background's lock, except that the worker, once a job has run and it has found no
    other, stops after letting go of the lock: between 'the queue is empty' and the end of its
    thread, the window in which a save used to be lost."""

    def __init__(self, job_ran: threading.Event) -> None:
        self._lock = threading.Lock()
        self._job_ran = job_ran
        self.found_empty, self.go_on = threading.Event(), threading.Event()

    def __enter__(self) -> None:
        self._lock.acquire()

    def __exit__(self, *exception: object) -> None:
        self._lock.release()
        in_worker = threading.current_thread() is not threading.main_thread()
        if in_worker and self._job_ran.is_set() and not self.found_empty.is_set():
            self.found_empty.set()
            self.go_on.wait(5)


def test_background_runs_a_job_queued_while_the_worker_is_ending(monkeypatch: pytest.MonkeyPatch) -> None:
    first_ran = threading.Event()
    done: list[str] = []

    def first() -> None:
        done.append("first")
        first_ran.set()

    background = Background()
    lock = PausingLock(first_ran)
    monkeypatch.setattr(background, "_lock", lock)
    background.run(first)
    assert lock.found_empty.wait(5)
    background.run(lambda: done.append("second"))  # the worker has found the queue empty but still runs
    lock.go_on.set()
    background.wait()
    assert done == ["first", "second"]


def test_the_theme_is_compiled_once_for_all_builds_of_a_preview(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled: list[str] = []
    dump = CompiledTemplates.dump_bytecode

    def counted(self: CompiledTemplates, bucket: Bucket) -> None:
        compiled.append(bucket.key)
        dump(self, bucket)

    monkeypatch.setattr(CompiledTemplates, "dump_bytecode", counted)
    config = load_config(str(_config(tmp_path, MINIMAL)), strict=False)
    plugin = config.plugins["kvalitetsportalen"]
    assert isinstance(plugin, PortalPlugin)
    config.plugins.on_startup(command="serve", dirty=True)
    build(config, dirty=True)
    first = len(compiled)
    assert first > 0
    build(config, dirty=True)
    config.plugins.on_shutdown()
    assert len(compiled) == first, "the second build compiled the theme's templates again"


def test_an_edit_of_equal_size_within_the_same_modification_time_is_seen(tmp_path: Path) -> None:
    """The preview keeps a record file's entry by the hash of its content: a save that keeps the
    size, within one tick of the file system's clock, is still read again."""
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    config = load_config(str(_config(tmp_path, data)), strict=False)
    config.plugins.on_startup(command="serve", dirty=True)
    build(config, dirty=True)
    page = tmp_path / "site" / "beslut" / "omsorg-ab-2023" / "index.html"
    assert "Rutinen följs." in page.read_text(encoding="utf-8")
    record = data / "followups" / "omsorg-ab-2023.yml"
    before = record.stat()
    record.write_text(record.read_text(encoding="utf-8").replace("Rutinen följs.", "Rutinen kollad."), encoding="utf-8")
    os.utime(record, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = record.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    build(config, dirty=True)
    config.plugins.on_shutdown()
    assert "Rutinen kollad." in page.read_text(encoding="utf-8")
