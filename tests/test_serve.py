"""The preview a controller uses: `python -m generator serve` shows a saved YAML change."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from wsgiref.types import StartResponse, WSGIEnvironment

import pytest

from generator.errors import Problem
from generator.problem_page import showing_problems
from tests.conftest import ROOT, Tree


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> str:
    """The page's text, also when the server answers with an error; '' when it does not answer."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return str(response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        return str(error.read().decode("utf-8"))
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


@contextlib.contextmanager
def _serving(tree: Tree, tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """`python -m generator serve` on a project copy with tree as its data: the project and
    the address of the provider page Omsorg AB, once it is shown."""
    project = tmp_path / "project"
    for part in ("docs", "overrides", "includes"):
        shutil.copytree(ROOT / part, project / part)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copy(ROOT / "organisation.yml", project / "organisation.yml")
    shutil.copytree(tree.root, project / "data")
    port = _free_port()
    command = [sys.executable, "-m", "generator", "serve", "--config", "mkdocs.yml", "--dev-addr", f"127.0.0.1:{port}"]
    temporary = tmp_path / "temporary"  # where MkDocs makes the folder of the site it serves
    temporary.mkdir()
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(temporary)}
    server = subprocess.Popen(command, cwd=project, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        page = f"http://127.0.0.1:{port}/utforare/omsorg-ab/"
        _wait_for(page, "Omsorg AB", 60)
        yield project, page
    finally:
        server.terminate()
        server.wait(timeout=30)
    # Stopped with SIGTERM (as a service manager stops it), it cleans up and ends as after Ctrl-C.
    assert server.returncode == 0
    assert list(temporary.iterdir()) == [], "the served site's temporary folder is left behind"


def _edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


@pytest.mark.slow
def test_saved_change_reaches_the_browser(tree: Tree, tmp_path: Path) -> None:
    with _serving(tree, tmp_path) as (project, page):
        _edit(project / "data" / "providers" / "omsorg-ab.yml", "Omsorg AB", "Omsorg Nya AB")
        _wait_for(page, "Omsorg Nya AB", 20)


@pytest.mark.slow
def test_a_broken_file_shows_in_the_browser_until_it_is_fixed(tree: Tree, tmp_path: Path) -> None:
    with _serving(tree, tmp_path) as (project, page):
        followup = project / "data" / "followups" / "omsorg-ab-2023.yml"
        _edit(followup, "status: met", "status: bra")
        _wait_for(page, "data/followups/omsorg-ab-2023.yml:14:13: `bra` är inget tillåtet värde", 20)
        assert "Data har problem" in _get(page.replace("omsorg-ab/", ""))  # every page, answered at once
        _edit(followup, "status: bra", "status: met")
        _wait_for(page, "Omsorg AB", 20)
        assert "Data har problem" not in _get(page)


def test_the_problem_page_is_only_for_pages_and_escapes_what_it_shows() -> None:
    problem = Problem("data/<b>.yml", 2, 3, "fel", "gör så här")
    answers: list[str] = []

    def site(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        start_response("200 OK", [])
        return [b"site"]

    def start_response(
        status: str, headers: list[tuple[str, str]], exc_info: object = None
    ) -> Callable[[bytes], object]:
        answers.append(status)
        return len

    app = showing_problems(site, lambda: (problem,))
    for path in ("/utforare/", "/index.html", "/assets/stylesheets/main.css", "/livereload/1/2"):
        body = b"".join(app({"PATH_INFO": path}, start_response))
        assert (b"data/&lt;b&gt;.yml:2:3: fel" in body) == path.endswith(("/", ".html"))
    assert answers == ["503 Service Unavailable", "503 Service Unavailable", "200 OK", "200 OK"]
