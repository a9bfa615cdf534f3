"""The preview's answer while the data has problems: a page listing them, whatever page is asked for.

A controller who saves a broken file is looking at the browser, not the terminal, and the page
they were on cannot be built. The preview's server keeps answering: every page request gets
this list of problems (each `path:line:column: message`, as `validate` prints them), and the
page reloads itself once the files are put right.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from generator.encode import escape_html
from generator.errors import Problem, format_problems

RELOAD_WHEN_FIXED = (
    "setInterval(() => fetch(location.href, {cache: 'no-store'})"
    ".then((response) => { if (response.ok) location.reload(); }), 1000);"
)
"""The page is answered with status 503 while the problems remain; once they are gone the
page that was asked for comes back, and this script loads it."""


def problem_page(problems: Iterable[Problem]) -> bytes:
    """A plain page that needs nothing else from the server: no theme, no assets."""
    listed = escape_html(format_problems(tuple(problems)))
    return (
        '<!doctype html>\n<html lang="sv">\n<head>\n<meta charset="utf-8">\n'
        "<title>Data har problem – Kvalitetsportalen</title>\n"
        "<style>body{font-family:system-ui,sans-serif;margin:2rem;line-height:1.5}"
        "pre{white-space:pre-wrap;background:#f5f5f5;padding:1rem}</style>\n</head>\n<body>\n"
        "<h1>Data har problem</h1>\n"
        "<p>Webbplatsen kan inte byggas förrän filerna nedan är rättade. Sidan laddas om av sig själv"
        " när de är det.</p>\n"
        f"<pre>{listed}</pre>\n<script>{RELOAD_WHEN_FIXED}</script>\n</body>\n</html>\n"
    ).encode()


def showing_problems(site: WSGIApplication, problems: Callable[[], tuple[Problem, ...]]) -> WSGIApplication:
    """site, except that while problems() has any, a request for a page gets the problem page;
    files (styles, scripts, the live-reload poll) are served as before."""

    def answer(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        found = problems()
        path = str(environ.get("PATH_INFO", ""))
        if not found or not path.endswith(("/", ".html")):
            return site(environ, start_response)
        body = problem_page(found)
        headers = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))]
        start_response("503 Service Unavailable", [*headers, ("Cache-Control", "no-store")])
        return [body]

    return answer
