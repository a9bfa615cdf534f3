"""MkDocs integration, kept thin: run the pipeline before each build and add its pages.

Generated Markdown is written to its own folder (``pages_dir``), never into
``docs/``, so hand-written and generated pages cannot be confused and
``mkdocs serve`` does not rebuild in a loop on its own output.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import BytecodeCache, ChoiceLoader, DictLoader, Environment
from jinja2.bccache import Bucket
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from generator.convert import Conversion, for_build
from generator.derive import Portal
from generator.drafts import left_out_words
from generator.errors import Problem, format_problems
from generator.organisation import FILE_NAME, Organisation, load_organisation, statement, theme_identity
from generator.originals import Copy, kept_copies
from generator.parallel import Beside, available_cores
from generator.pipeline import Cache, generate, publish_extras
from generator.problem_page import showing_problems
from generator.render import RECORD_TEMPLATE, TEMPLATES, environment
from generator.search import index_search

log = logging.getLogger("mkdocs.plugins.kvalitetsportalen")

STATEMENT_PAGE = "om/tillganglighet.md"
"""The accessibility statement, rendered from the organisation's identity (organisation.py)."""
STATEMENT_TEMPLATE = "accessibility.md.j2"

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext


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


class PortalConfig(Config):
    data_dir = c.Type(str, default="data")
    """The data tree, relative to mkdocs.yml."""
    pages_dir = c.Type(str, default="generated")
    """Where generated Markdown is written, relative to mkdocs.yml. Not committed."""
    as_of = c.Optional(c.Type(str))
    """YYYY-MM-DD: the site as it stood that day (decisions dated after it left out) and the date
    deadlines are compared with; today when unset, and then a decision dated later is an error."""
    search = c.Type(bool, default=True)
    """Index the built site with Pagefind (Swedish stemming) after each build."""
    organisation = c.Type(str, default=FILE_NAME)
    """The deployment's identity (whose site, how to reach them), relative to mkdocs.yml."""


class PortalPlugin(BasePlugin[PortalConfig]):
    def __init__(self) -> None:
        self.pages: tuple[str, ...] = ()
        self.originals: tuple[Copy, ...] = ()
        """The decisions' kept PDFs, published with the pages they belong to."""
        self.portal: Portal | None = None
        self.cache: Cache | None = None
        """Files read and records checked: handed over by `build`, which has just validated the
        tree, and kept while serving, so that a save rereads one file, not the whole tree."""
        self.serving = False
        self.background = Background()
        self.compiled_templates = CompiledTemplates()
        self.extras: Beside | None = None
        """A one-off build's open data and feeds, written while MkDocs renders the pages."""
        self.problems: tuple[Problem, ...] = ()
        """While serving: the data's problems, shown in the browser instead of the site."""
        self.organisation: Organisation | None = None
        """Whose site this is, read before each build; None while its file has problems."""
        self.shown_organisation: Organisation | None = None
        """While serving: the identity the built pages show."""
        self.conversion: Conversion | None = None
        """This build's conversion of the generated pages (convert.py); None when MkDocs converts them."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.cache = Cache() if self.serving else None

    def on_shutdown(self) -> None:
        """Let the preview's background work end before MkDocs removes its site folder. MkDocs may
        reuse this object for the next build in the same process, which then starts as a build.
        A build stopped while MkDocs renders stops its open data and feeds here."""
        self.background.wait()
        extras, self.extras = self.extras, None
        if extras is not None:
            extras.stop()
        self.serving, self.cache, self.problems = False, None, ()
        self.shown_organisation = None
        if self.conversion is not None:
            self.conversion.close()
        self.conversion = None

    def _path(self, config: MkDocsConfig, value: str) -> Path:
        return (Path(config.config_file_path).parent / value).resolve()

    def as_of(self) -> dt.date:
        return dt.date.fromisoformat(self.config.as_of) if self.config.as_of else dt.date.today()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """The sitemap is ours (feeds.py: pages dated by their decisions, only with a site_url);
        MkDocs would render its own, dated by the build, over it."""
        config.theme.static_templates.discard("sitemap.xml")
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        identity_problems = self._read_organisation(config)
        data_dir = self._path(config, self.config.data_dir)
        pages_dir = self._path(config, self.config.pages_dir)
        workers = 1 if self.serving else available_cores()  # never fork beside the server's threads
        result = generate(
            data_dir,
            pages_dir,
            self.as_of(),
            config.site_url or "",
            cache=self.cache,
            workers=workers,
            history=self.config.as_of is not None,  # a date set: the site as it stood then
        )
        problems = (*result.checked.problems, *identity_problems)
        self.problems = problems if self.serving else ()
        if self.problems:  # the server shows them (on_serve) and keeps the pages it has; a build fails
            log.info("Data har problem, webbläsaren visar dem:\n" + format_problems(self.problems))
            self.portal = None
            return
        if problems or result.report is None or result.portal is None:
            raise PluginError("Data har problem:\n" + format_problems(problems))
        if result.checked.drafts:
            log.info(left_out_words(result.checked.drafts))
        if not self.serving:
            self.cache = None  # a one-off build frees the parsed files before MkDocs renders the pages
        self.pages = (*result.report.written, *result.report.unchanged)
        self.originals = kept_copies(result.portal, data_dir)
        self.portal = result.portal

    def _read_organisation(self, config: MkDocsConfig) -> tuple[Problem, ...]:
        """The identity for the theme (config.extra.organisation, HTML-encoded), the statement
        page and the feeds; read before every build, so that the preview shows an edit to it."""
        path = self._path(config, self.config.organisation)
        display = _display(path, Path(config.config_file_path).parent)
        self.organisation, problems = load_organisation(path, display, Path(config.docs_dir))
        config.extra["organisation"] = theme_identity(self.organisation) if self.organisation else None
        return problems

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        pages_dir = self._path(config, self.config.pages_dir)
        for page in (*self.pages, STATEMENT_PAGE):
            if files.get_file_from_path(page) is not None:
                raise PluginError(f"docs/{page} is hand-written but the generator also writes it; remove one")
        for page in self.pages:
            files.append(File(page, str(pages_dir), config.site_dir, config.use_directory_urls))
        for original in self.originals:  # copied as they are, like any file of docs/
            files.append(File.generated(config, original.path, abs_src_path=str(original.source)))
        if self.organisation is not None:
            files.append(self._statement(config, self.organisation))
            self._redo_pages_for_a_new_identity(files)
        theme_sitemap = files.get_file_from_path("sitemap.xml")
        if theme_sitemap is not None:  # no longer rendered (on_config), MkDocs would copy the template as it is
            files.remove(theme_sitemap)
        if not self.serving and self.portal is not None and self.organisation is not None:  # the site was emptied
            self.extras = Beside(
                functools.partial(
                    publish_extras, self.portal, Path(config.site_dir), config.site_url or "", self.organisation
                )
            )
            self.portal = None  # MkDocs needs the memory more: it holds every page until the end
        return files

    def _statement(self, config: MkDocsConfig, organisation: Organisation) -> File:
        """The accessibility statement, rendered like the generated pages, from the identity."""
        template = environment(config.site_url or "").get_template(STATEMENT_TEMPLATE)
        return File.generated(config, STATEMENT_PAGE, content=template.render(statement=statement(organisation)))

    def _redo_pages_for_a_new_identity(self, files: Files) -> None:
        """Every page's header and footer show the identity, but the preview rebuilds only pages
        whose source is newer than the built page: after an edit to the identity, every built
        page is dated back, so that the rebuild redoes them all."""
        if not self.serving or self.organisation == self.shown_organisation:
            return
        if self.shown_organisation is not None:
            for file in files.documentation_pages():
                with contextlib.suppress(OSError):  # not built yet
                    os.utime(file.abs_dest_path, ns=(0, 0))
        self.shown_organisation = self.organisation

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """The site's files are final here: a one-off build converts every generated page now, on
        every core; the preview converts, in its own process (it never forks beside the server's
        threads), only the pages it rebuilds, when MkDocs reads them."""
        if self.conversion is not None:
            self.conversion.close()
        self.conversion = for_build(config, files, self.pages)
        if self.conversion is not None and not self.serving:
            self.conversion.prepare(available_cores())
        return nav

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return markdown if self.conversion is None else self.conversion.markdown(page, markdown)

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if self.conversion is not None:
            self.conversion.content(page)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.conversion is not None:
            self.conversion.release(page)
        return output

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Record pages name record.html (the project's overrides/); under a theme without it they
        are laid out like every other page rather than failing the build."""
        env.bytecode_cache = self.compiled_templates
        if env.loader is not None:
            env.loader = ChoiceLoader([env.loader, DictLoader({RECORD_TEMPLATE: '{% extends "main.html" %}'})])
        return env

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site_dir = Path(config.site_dir)
        if self.serving:
            if not self.problems and self.organisation is not None:  # while there are any, the browser shows them
                refresh = functools.partial(
                    self._refresh, self.portal, site_dir, config.site_url or "", self.organisation
                )
                self.background.run(refresh)
            return
        self._wait_for_extras()
        if self.config.search:
            index_search(site_dir)

    def on_build_error(self, *, error: Exception) -> None:
        """Not to leave a process writing into a site folder that is about to be removed."""
        with contextlib.suppress(PluginError):
            self._wait_for_extras()

    def _wait_for_extras(self) -> None:
        extras, self.extras = self.extras, None
        if extras is not None:
            try:
                extras.wait()
            except Exception as error:  # whatever it was, the build must not pass without them
                raise PluginError(f"Öppna data och flöden kunde inte skrivas: {error}") from error

    def _refresh(self, portal: Portal | None, site_dir: Path, site_url: str, organisation: Organisation) -> None:
        """The preview's open data, feeds and search index, in the background after a save."""
        if portal is not None:
            publish_extras(portal, site_dir, site_url, organisation)
        if self.config.search:
            index_search(site_dir)

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: object) -> LiveReloadServer:
        server.watch(str(self._path(config, self.config.data_dir)))
        server.watch(str(self._path(config, self.config.organisation)))
        server.watch(str(TEMPLATES))
        server.set_app(showing_problems(server.serve_request, lambda: self.problems))
        return server


def _display(path: Path, root: Path) -> str:
    """A file as problems name it: relative to mkdocs.yml where it is inside that folder."""
    try:
        return path.relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
