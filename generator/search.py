"""The search index: Pagefind, run over the built pages as a process of its own."""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

from generator import processes

COMMAND = "KVALITETSPORTALEN_PAGEFIND"
"""Environment variable: the command that runs Pagefind, if not this Python's `-m pagefind`.
The test of a stopped build puts a stand-in there that runs until it is killed."""


def index_search(site_dir: Path) -> None:
    """Pagefind indexes the built pages for search (Swedish stemming, a small first download):
    only the pages that overrides/main.html marks with data-pagefind-body, the records and the
    information pages (derive/search.py says which and what each tells the index). If the build
    is stopped meanwhile, Pagefind is stopped with it (processes.run)."""
    command = shlex.split(os.environ.get(COMMAND, "")) or [sys.executable, "-m", "pagefind"]
    command += ["--site", str(site_dir), "--silent"]
    command += ["--exclude-selectors", ".headerlink, .kp-filter"]  # permalink signs and filter menus
    finished = processes.run(command)
    if finished.returncode != 0:
        raise PluginError(f"Pagefind kunde inte indexera webbplatsen:\n{finished.stdout}{finished.stderr}")
