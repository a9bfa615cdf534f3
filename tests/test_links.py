"""No broken internal link or anchor anywhere in the built site, generated files included."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        for name in ("href", "src"):
            target = values.get(name)
            if target and not (tag == "link" and values.get("rel") in ("preconnect", "dns-prefetch")):
                self.links.append(target)


def _parse(page: Path) -> _Links:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def _target(site: Path, page: Path, link: str) -> tuple[Path, str] | None:
    """The file and fragment a site-internal link points at; None for external links."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("mailto:", "javascript:", "data:")):
        return None
    base = site.resolve() if parts.path.startswith("/") else page.parent  # 404.html links from the root
    path = (base / unquote(parts.path).lstrip("/")).resolve() if parts.path else page
    if path.is_dir() or parts.path.endswith("/"):
        path = path / "index.html"
    return path, parts.fragment


def broken_links(site: Path) -> tuple[int, list[str]]:
    """The number of pages in a built site, and every internal link or anchor that leads nowhere."""
    pages = {page.resolve(): _parse(page) for page in site.rglob("*.html")}
    broken = []
    for page, parsed in pages.items():
        for link in parsed.links:
            target = _target(site, page, link)
            if target is None:
                continue
            path, fragment = target
            if not path.is_file():
                broken.append(f"{page.relative_to(site.resolve())}: {link}")
            elif fragment and path.suffix == ".html" and fragment not in pages[path].ids:
                broken.append(f"{page.relative_to(site.resolve())}: {link} (anchor)")
    return len(pages), broken


def test_every_internal_link_and_anchor_resolves(shipped_site: Path) -> None:
    pages, broken = broken_links(shipped_site)
    assert broken == []
    assert pages > 30
