"""MkDocs integration, only its hooks: run the pipeline before each build and add its pages.

Generated Markdown is written to its own folder (``pages_dir``), never into
``docs/``, so hand-written and generated pages cannot be confused and
``mkdocs serve`` does not rebuild in a loop on its own output. What the preview keeps and does
between builds lives in preview.py, the conversion of the pages in convert.py, the search index
in search.py. The plugin is told everything through its configuration (PortalConfig), by
mkdocs.yml or by the command line.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import ChoiceLoader, DictLoader, Environment
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from generator.build_log import log
from generator.convert import Conversion, cache_folder, for_build
from generator.derive import Portal
from generator.drafts import left_out_words
from generator.errors import Problem, format_problems
from generator.organisation import FILE_NAME, Organisation, load_organisation, statement, theme_identity
from generator.originals import Copy, kept_copies
from generator.parallel import available_cores
from generator.pipeline import Checked, generate, publish_extras, stage
from generator.preview import Preview
from generator.problem_page import showing_problems
from generator.published import without_indentation
from generator.render import RECORD_TEMPLATE, TEMPLATES, environment
from generator.search import index_search

STATEMENT_PAGE = "om/tillganglighet.md"
"""The accessibility statement, rendered from the organisation's identity (organisation.py)."""
STATEMENT_TEMPLATE = "accessibility.md.j2"

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext


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
        self.preview: Preview | None = None
        """While serving: what the preview keeps between builds (preview.py); None in a one-off build."""
        self.organisation: Organisation | None = None
        """Whose site this is, read before each build; None while its file has problems."""
        self.conversion: Conversion | None = None
        """This build's conversion of the generated pages (convert.py); None when MkDocs converts them."""
        self.checked: Checked | None = None
        """What the last build found in the data tree (its only check): the command line says it.
        A one-off build keeps it without the records (Checked.without_dataset), so that they are
        freed with the portal once the open data is written (on_files)."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.preview = Preview() if command == "serve" else None

    def on_shutdown(self) -> None:
        """MkDocs may reuse this object for the next build in the same process, which then starts
        as a build: the preview ends here, after its background work, before MkDocs removes its
        site folder."""
        preview, self.preview = self.preview, None
        if preview is not None:
            preview.close()
        if self.conversion is not None:
            self.conversion.close()
        self.conversion = None

    @property
    def problems(self) -> tuple[Problem, ...]:
        """While serving: the data's problems, shown in the browser instead of the site."""
        return self.preview.problems if self.preview is not None else ()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """The sitemap is ours (feeds.py: pages dated by their decisions, only with a site_url);
        MkDocs would render its own, dated by the build, over it."""
        config.theme.static_templates.discard("sitemap.xml")
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.organisation, identity_problems = _organisation(config, self.config.organisation)
        data_dir = _path(config, self.config.data_dir)
        preview = self.preview
        result = generate(
            data_dir,
            _path(config, self.config.pages_dir),
            _as_of(self.config.as_of),
            config.site_url or "",
            cache=preview.cache if preview is not None else None,
            workers=1 if preview is not None else available_cores(),  # never fork beside the server's threads
            history=self.config.as_of is not None,  # a date set: the site as it stood then
        )
        self.checked = result.checked if preview is not None else result.checked.without_dataset()
        problems = (*result.checked.problems, *identity_problems)
        if preview is not None:
            preview.problems = problems
        if preview is not None and problems:  # the server shows them (on_serve) and keeps the pages it has
            log.info("Data har problem, webbläsaren visar dem:\n" + format_problems(problems))
            self.portal = None
            return
        if problems or result.report is None or result.portal is None:
            raise PluginError("Data har problem:\n" + format_problems(problems))
        if result.checked.drafts:
            log.info(left_out_words(result.checked.drafts))
        self.pages = (*result.report.written, *result.report.unchanged)
        self.originals = kept_copies(result.portal, data_dir)
        self.portal = result.portal

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """The generated pages, the kept PDFs and the statement join the site's files. A one-off
        build writes the open data and feeds here, into the site folder MkDocs has just emptied,
        and lets go of the portal: MkDocs needs the memory more, it holds every page until the end."""
        pages_dir = _path(config, self.config.pages_dir)
        for page in (*self.pages, STATEMENT_PAGE):
            if files.get_file_from_path(page) is not None:
                raise PluginError(f"docs/{page} is hand-written but the generator also writes it; remove one")
        for page in self.pages:
            files.append(File(page, str(pages_dir), config.site_dir, config.use_directory_urls))
        for original in self.originals:  # copied as they are, like any file of docs/
            files.append(File.generated(config, original.path, abs_src_path=str(original.source)))
        if self.organisation is not None:
            files.append(_statement(config, self.organisation))
            if self.preview is not None:
                self.preview.redo_pages_for_a_new_identity(files, self.organisation)
        theme_sitemap = files.get_file_from_path("sitemap.xml")
        if theme_sitemap is not None:  # no longer rendered (on_config), MkDocs would copy the template as it is
            files.remove(theme_sitemap)
        if self.preview is None and self.portal is not None and self.organisation is not None:
            portal, self.portal = self.portal, None
            try:
                publish_extras(portal, Path(config.site_dir), config.site_url or "", self.organisation)
            except Exception as error:  # whatever it was, the build must not pass without them
                raise PluginError(f"Öppna data och flöden kunde inte skrivas: {error}") from error
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """The site's files are final here: a one-off build converts every generated page now, on
        every core; the preview converts, in its own process (it never forks beside the server's
        threads), only the pages it rebuilds, when MkDocs reads them."""
        if self.conversion is not None:
            self.conversion.close()
        self.conversion = for_build(config, files, self.pages)
        if self.conversion is not None and self.preview is None:
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
        return without_indentation(output)

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Record pages name record.html (the project's overrides/); under a theme without it they
        are laid out like every other page rather than failing the build."""
        if self.preview is not None:
            env.bytecode_cache = self.preview.compiled_templates
        if env.loader is not None:
            env.loader = ChoiceLoader([env.loader, DictLoader({RECORD_TEMPLATE: '{% extends "main.html" %}'})])
        return env

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site_dir = Path(config.site_dir)
        if self.preview is None:
            if self.config.search:
                with stage("search"):
                    index_search(site_dir, cache_folder(config))
        elif not self.preview.problems and self.organisation is not None:  # while there are any, the browser shows them
            search = cache_folder(config) if self.config.search else None
            self.preview.refresh(self.portal, site_dir, config.site_url or "", self.organisation, search=search)

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: object) -> LiveReloadServer:
        server.watch(str(_path(config, self.config.data_dir)))
        server.watch(str(_path(config, self.config.organisation)))
        server.watch(str(TEMPLATES))
        server.set_app(showing_problems(server.serve_request, lambda: self.problems))
        return server


def _path(config: MkDocsConfig, value: str) -> Path:
    """A setting's path, relative to mkdocs.yml."""
    return (Path(config.config_file_path).parent / value).resolve()


def _as_of(setting: str | None) -> dt.date:
    return dt.date.fromisoformat(setting) if setting else dt.date.today()


def _organisation(config: MkDocsConfig, setting: str) -> tuple[Organisation | None, tuple[Problem, ...]]:
    """The identity for the theme (config.extra.organisation, HTML-encoded), the statement page
    and the feeds; read before every build, so that the preview shows an edit to it."""
    path = _path(config, setting)
    display = _display(path, Path(config.config_file_path).parent)
    organisation, problems = load_organisation(path, display, Path(config.docs_dir))
    config.extra["organisation"] = theme_identity(organisation) if organisation else None
    return organisation, problems


def _statement(config: MkDocsConfig, organisation: Organisation) -> File:
    """The accessibility statement, rendered like the generated pages, from the identity."""
    template = environment(config.site_url or "").get_template(STATEMENT_TEMPLATE)
    return File.generated(config, STATEMENT_PAGE, content=template.render(statement=statement(organisation)))


def _display(path: Path, root: Path) -> str:
    """A file as problems name it: relative to mkdocs.yml where it is inside that folder."""
    try:
        return path.relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
