"""MkDocs integration, kept thin: run the pipeline before each build and add its pages.

Generated Markdown is written to its own folder (``pages_dir``), never into
``docs/``, so hand-written and generated pages cannot be confused and
``mkdocs serve`` does not rebuild in a loop on its own output.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from generator.derive import Portal
from generator.errors import format_problems
from generator.pipeline import generate, publish_extras
from generator.render import TEMPLATES

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer


class PortalConfig(Config):
    data_dir = c.Type(str, default="data")
    """The data tree, relative to mkdocs.yml."""
    pages_dir = c.Type(str, default="generated")
    """Where generated Markdown is written, relative to mkdocs.yml. Not committed."""
    as_of = c.Optional(c.Type(str))
    """YYYY-MM-DD to compare deadlines against; today when unset."""
    search = c.Type(bool, default=True)
    """Index the built site with Pagefind (Swedish stemming) after each build."""


class PortalPlugin(BasePlugin[PortalConfig]):
    def __init__(self) -> None:
        self.pages: tuple[str, ...] = ()
        self.portal: Portal | None = None

    def _path(self, config: MkDocsConfig, value: str) -> Path:
        return (Path(config.config_file_path).parent / value).resolve()

    def as_of(self) -> dt.date:
        return dt.date.fromisoformat(self.config.as_of) if self.config.as_of else dt.date.today()

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        data_dir = self._path(config, self.config.data_dir)
        pages_dir = self._path(config, self.config.pages_dir)
        result = generate(data_dir, pages_dir, self.as_of(), config.site_url or "")
        if result.report is None or result.portal is None:
            raise PluginError("Data har problem:\n" + format_problems(result.checked.problems))
        self.pages = (*result.report.written, *result.report.unchanged)
        self.portal = result.portal

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        pages_dir = self._path(config, self.config.pages_dir)
        for page in self.pages:
            if files.get_file_from_path(page) is not None:
                raise PluginError(f"docs/{page} is hand-written but the generator also writes it; remove one")
            files.append(File(page, str(pages_dir), config.site_dir, config.use_directory_urls))
        return files

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site_dir = Path(config.site_dir)
        # MkDocs dates its sitemap by the build; ours (with a site_url) dates pages by their decisions.
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (site_dir / name).unlink(missing_ok=True)
        if self.portal is not None:
            publish_extras(self.portal, site_dir, config.site_url or "")
        if not self.config.search:
            return
        command = [sys.executable, "-m", "pagefind", "--site", config.site_dir, "--silent"]
        command += ["--exclude-selectors", ".headerlink, .kp-filter"]  # permalink signs and filter menus
        finished = subprocess.run(command, capture_output=True, text=True, check=False)
        if finished.returncode != 0:
            raise PluginError(f"Pagefind kunde inte indexera webbplatsen:\n{finished.stdout}{finished.stderr}")

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: object) -> LiveReloadServer:
        server.watch(str(self._path(config, self.config.data_dir)))
        server.watch(str(TEMPLATES))
        return server
