"""The preview a controller uses: `python -m generator serve` shows a saved YAML change."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.conftest import ROOT, Tree


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _wait_for(url: str, text: str, seconds: float) -> float:
    """Seconds until the page shows text; fails after the given time."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if text in _get(url):
            return time.monotonic() - start
        time.sleep(0.1)
    raise AssertionError(f"{text!r} did not appear at {url} within {seconds} s")


def test_saved_change_reaches_the_browser(tree: Tree, tmp_path: Path) -> None:
    project = tmp_path / "project"
    for part in ("docs", "overrides"):
        shutil.copytree(ROOT / part, project / part)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(tree.root, project / "data")
    port = _free_port()
    command = [sys.executable, "-m", "generator", "serve", "--config", "mkdocs.yml", "--dev-addr", f"127.0.0.1:{port}"]
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(command, cwd=project, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        page = f"http://127.0.0.1:{port}/utforare/omsorg-ab/"
        _wait_for(page, "Omsorg AB", 60)
        provider = project / "data" / "providers" / "omsorg-ab.yml"
        provider.write_text(
            provider.read_text(encoding="utf-8").replace("Omsorg AB", "Omsorg Nya AB"), encoding="utf-8"
        )
        _wait_for(page, "Omsorg Nya AB", 20)
    finally:
        server.terminate()
        server.wait(timeout=10)
