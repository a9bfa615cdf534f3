"""The logger every message of a build goes through.

It is MkDocs' logger for plugins: MkDocs prints only loggers under `mkdocs`, and `--strict`
counts their warnings, so the build's own words stand beside MkDocs' and count as they do."""

from __future__ import annotations

import logging

log = logging.getLogger("mkdocs.plugins.kvalitetsportalen")
