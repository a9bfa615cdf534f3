"""What a reader sees of a built page: the text of its main content, whitespace folded."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path


class _ArticleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if self.depth:
            self.depth += tag not in _VOID
            self._boundary(tag, "headerlink" in classes)
        elif tag == "article" and "md-content__inner" in classes:
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag not in _VOID:
            self.depth -= 1
            self._boundary(tag)

    def _boundary(self, tag: str, apart: bool = False) -> None:
        """A block element's edge separates words; an inline one's (a link, a term's explanation
        in <abbr>) does not, so "avvikelser</abbr>." reads "avvikelser.". A heading's ¶ link
        stands apart ("Inledning ¶")."""
        if apart or tag not in _INLINE:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts.append(data)


_INLINE = {"a", "abbr", "b", "code", "data", "del", "em", "i", "ins", "mark", "small", "span", "strong", "sub", "sup"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def article_text(page: Path) -> str:
    parser = _ArticleText()
    parser.feed(page.read_text(encoding="utf-8"))
    return " ".join("".join(parser.parts).split())


def site_page(site: Path, url: str) -> Path:
    """The file behind a site URL such as "beslut/sov-881-2022/"."""
    return site / url / "index.html" if url.endswith("/") or not url else site / url
