"""What `serve` keeps and does between builds, apart from the plugin's hooks (mkdocs_plugin.py).

A preview lives for many builds in one process: it keeps what the pipeline made (pipeline.Cache),
the theme's compiled templates, the data's problems the browser shows, and it refreshes the open
data, feeds and search index in a background thread after the pages are built. A one-off build
has none of this.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable
from pathlib import Path

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from mkdocs.structure.files import Files

from generator.build_log import log
from generator.derive import Portal
from generator.errors import Problem
from generator.organisation import Organisation
from generator.pipeline import Cache, publish_extras, stage
from generator.search import index_search


class Background:
    """The preview's open data, feeds and search index, refreshed beside the page reload instead
    of before it: they read every record and page (seconds with thousands), and a controller
    previewing an edit waits for the page. One run at a time; a save during a run queues the
    newest job for when it ends."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._worker: threading.Thread | None = None
        """The thread that will still take the queued job; None when there is none."""
        self._next: Callable[[], None] | None = None

    def run(self, job: Callable[[], None]) -> None:
        with self._lock:
            self._next = job
            if self._worker is None:
                self._worker = threading.Thread(target=self._work, daemon=True)
                self._worker.start()

    def _work(self) -> None:
        while (job := self._take()) is not None:
            try:
                job()
            except Exception as error:  # the preview goes on; the next save tries again
                log.warning(f"Öppna data, flöden och sökindex kunde inte uppdateras: {error}")

    def _take(self) -> Callable[[], None] | None:
        """The queued job; when there is none, the worker gives up its place in the same step, so
        that a job queued while it is ending starts a new worker instead of waiting for it."""
        with self._lock:
            job, self._next = self._next, None
            if job is None:
                self._worker = None
            return job

    def wait(self) -> None:
        """For tests and the benchmark: until the extras are current."""
        while (worker := self._worker) is not None:
            worker.join()


class CompiledTemplates(BytecodeCache):
    """The theme's compiled templates, kept in memory for the next build. MkDocs makes a new
    template environment for every build, and compiling Material's templates again costs the
    preview most of a second. Jinja checks each template's source against what was compiled."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


class Preview:
    """One `serve` session's state: made when the server starts, dropped when it stops."""

    def __init__(self) -> None:
        self.cache = Cache()
        """What the pipeline made, so that a save rereads one file and renders only its pages."""
        self.background = Background()
        self.compiled_templates = CompiledTemplates()
        self.problems: tuple[Problem, ...] = ()
        """The data's problems, shown in the browser instead of the site while there are any."""
        self.shown_organisation: Organisation | None = None
        """The identity the built pages show."""

    def redo_pages_for_a_new_identity(self, files: Files, organisation: Organisation) -> None:
        """Every page's header and footer show the identity, but the preview rebuilds only pages
        whose source is newer than the built page: after an edit to the identity, every built
        page is dated back, so that the rebuild redoes them all."""
        if organisation == self.shown_organisation:
            return
        if self.shown_organisation is not None:
            for file in files.documentation_pages():
                with contextlib.suppress(OSError):  # not built yet
                    os.utime(file.abs_dest_path, ns=(0, 0))
        self.shown_organisation = organisation

    def refresh(
        self, portal: Portal | None, site_dir: Path, site_url: str, organisation: Organisation, *, search: Path | None
    ) -> None:
        """The open data, feeds and search index, in the background after the pages are built;
        search is the cache folder the index's parts are kept in, None for no search index."""

        def job() -> None:
            if portal is not None:
                publish_extras(portal, site_dir, site_url, organisation)
            if search is not None:
                with stage("search"):
                    index_search(site_dir, search)

        self.background.run(job)

    def close(self) -> None:
        """Let the background work end before MkDocs removes its site folder."""
        self.background.wait()
