"""What the browser tests share: Debian's Chromium (never a downloaded build), launched once per
module, and a built site served on a free local port the way a web host serves it."""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from http import HTTPStatus
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def skip_without_chromium() -> None:
    """Off CI a missing browser skips the module with what to install; on CI it fails instead."""
    if not Path(CHROMIUM).exists() and not os.environ.get("CI"):
        pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium (CI installs it)", allow_module_level=True)


def chromium(playwright_api: Any) -> Iterator[Any]:
    """A headless Chromium for a module's tests (yielded by its `browser` fixture)."""
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        yield launched
        launched.close()


def serve(site: Path) -> Iterator[str]:
    """The site's address while the caller's fixture lasts."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """The test output is for failures, not for every request."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """An address with no page gets the site's own 404 page, with status 404, as a web host
        serves it (GitHub Pages does), so that the 404 page is tested like any other."""
        page = Path(self.directory) / "404.html"
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
