"""The HTML pages as published: the theme's indentation left out.

Material's templates indent their HTML for reading the templates; a browser shows a line break
followed by spaces exactly as it shows one line break, everywhere but where white space is kept
(``<pre>``, ``<textarea>``). Left out, it is 5.7 % of the bytes of the M tree's pages (600 pages
sampled: record pages, the register, provider pages), at 0.2–0.3 ms a page.
"""

from __future__ import annotations

import re

_INDENTATION = re.compile(r"\n[ \t\n]+")
"""A line break and the white space after it: blank lines and the next line's indentation."""
_KEPT = re.compile(r"(<(pre|textarea)\b.*?</\2\s*>)", re.S | re.I)
"""Elements whose white space a browser shows as it is; the split keeps each whole."""
_MAY_KEEP = ("<pre", "<textarea", "<PRE", "<TEXTAREA")


def without_indentation(page: str) -> str:
    """page with every line break's following white space removed, outside the elements that
    keep white space; text and tags are otherwise the same."""
    if not any(tag in page for tag in _MAY_KEEP):
        return _INDENTATION.sub("\n", page)
    pieces = _KEPT.split(page)
    # split with two groups gives: text, kept element, its tag name, text, …
    return "".join(
        piece if kind == 1 else _INDENTATION.sub("\n", piece)
        for index, piece in enumerate(pieces)
        if (kind := index % 3) != 2
    )
