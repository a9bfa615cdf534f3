"""Published HTML: the theme's indentation left out, white space kept where a browser shows it."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from generator.published import without_indentation


class _Text(HTMLParser):
    """The text a browser lays out, white space collapsed as it collapses it outside <pre>."""

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.words += data.split()


def _read(page: str) -> tuple[list[str], list[str]]:
    parser = _Text()
    parser.feed(page)
    return parser.words, parser.tags


PAGE = """<!doctype html>
<html lang="sv">
  <body>
    <nav>
      <a href="../">Start</a>
      <a href="./">Beslut</a>
    </nav>

    <p>Beslutet är
      daterat <strong>28 september 2020</strong>.</p>
    <pre class="kp-badge-code"><code>&lt;a href="x"&gt;
    &lt;img src="y"&gt;
&lt;/a&gt;</code></pre>
    <textarea>
  två mellanslag</textarea>
  </body>
</html>
"""


def test_indentation_goes_and_the_words_and_tags_stay() -> None:
    published = without_indentation(PAGE)
    outside_kept = re.sub(r"<(pre|textarea)\b.*?</\1>", "<kept/>", published, flags=re.S)
    assert "\n " not in outside_kept and "\n\n" not in outside_kept
    assert _read(published) == _read(PAGE)
    assert len(published) < len(PAGE)


def test_white_space_in_pre_and_textarea_is_kept_as_written() -> None:
    published = without_indentation(PAGE)
    assert '<code>&lt;a href="x"&gt;\n    &lt;img src="y"&gt;\n&lt;/a&gt;</code></pre>' in published
    assert "<textarea>\n  två mellanslag</textarea>" in published
    assert without_indentation("<PRE>a\n  b</PRE>\n  <p>c</p>") == "<PRE>a\n  b</PRE>\n<p>c</p>"
    assert without_indentation("<Pre>a\n  b</Pre>\n  <p>c</p>") == "<Pre>a\n  b</Pre>\n<p>c</p>"


def test_a_line_break_between_words_stays_a_space() -> None:
    """Inline elements on lines of their own keep the white space between them."""
    assert without_indentation("<a>Start</a>\n      <a>Beslut</a>") == "<a>Start</a>\n<a>Beslut</a>"
