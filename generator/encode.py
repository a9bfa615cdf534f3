"""Output encoding by context: the one place that decides how record text is written into
another language. A record's text may come from outside the municipality (a provider's reply
arrives by pull request), so wherever it lands it must stay text:

- ``escape_markdown``: text of a Markdown page (render.py: every printed value, prose, links);
- ``escape_attribute``: a quoted attribute of a tag in a Markdown page (the templates'
  ``attribute`` filter);
- ``escape_html``: text or a quoted attribute of HTML or SVG that no Markdown reads (the badge
  code to paste in render.py, the badges in feeds.py);
- ``front_matter_string``: a value of a page's YAML front matter, which the theme prints as HTML
  (the templates' ``yaml_string`` filter);
- ``yaml_scalar``: a value in a record skeleton that ``new`` writes (scaffold.py);
- ``xml_text``: text of XML that ElementTree writes (feeds.py: Atom feeds, badges);
- ``csv_cell``: a cell of CSV (exports.py);
- ``json_document``: a JSON file (exports.py, the schemas in schema.py);
- ``gzipped_json_array``: a JSON array published compressed, made one item at a time
  (exports.py: the JSON files that grow with every decision); ``gzip_stream`` the same
  compression for the CSV tables that grow with every decision.

Addresses (``href``, ``src``) are made from ids through paths.py, with one exception: a
decision's ``original`` may be an address, which originals.py admits only as ``https://`` of
RFC 3986 characters (so never ``javascript:``) and which is written through ``escape_attribute``.
"""

from __future__ import annotations

import gzip
import html
import io
import json
import re
from collections.abc import Iterable
from typing import IO, Any

_SPECIAL = re.compile(r"[\\`*_{}\[\]|<>&#]|:(?=[\w+-])|^(?:[-+=]|\d+(?=[.)](?:\s|$)))")
"""What Markdown or its extensions could read as syntax: always-special characters,
a colon that could open an :emoji:, and what starts a list or a heading rule."""
_MAYBE_SPECIAL = re.compile(r"[\\`*_{}\[\]|<>&#:]|^[-+=\d]")
"""A quick first look: most record text has none of these, and then nothing is replaced."""
_QUOTES = str.maketrans({'"': "&#34;", "'": "&#39;"})

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters that XML 1.0 cannot carry at all, not even as a character reference."""
_NOT_YAML = re.compile("[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters that YAML does not allow unescaped in a file (MkDocs would drop the front matter)
or reads as a line break inside a quoted value (U+0085, U+2028, U+2029 would become a space)."""

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""How a spreadsheet recognises a formula in a cell (OWASP, CSV injection)."""
MARKED_START = (*FORMULA_START, "'")
"""Cells that get a leading ``'``: formulas, and text that itself starts with one (which a
spreadsheet would otherwise swallow), so that removing one leading ``'`` always gives the text."""


def escape_markdown(text: str) -> str:
    """Text that Markdown prints as written: every special character becomes an entity,
    and line breaks become spaces (callers that keep paragraphs split first)."""
    flat = " ".join(text.split())
    if not _MAYBE_SPECIAL.search(flat):
        return flat
    return _SPECIAL.sub(_entity, flat)


def _entity(match: re.Match[str]) -> str:
    found = match.group()
    if found.isdigit():
        return found[:-1] + f"&#{ord(found[-1])};"
    return f"&#{ord(found)};"


def escape_attribute(text: str) -> str:
    """A value for a quoted attribute of a tag written in a Markdown page. Markdown reads an
    inline tag's attributes before the browser does (a backtick or a bracket there would start
    code or a link and split the tag), so the Markdown escape comes first; then neither quote
    can close the attribute. Entities are decoded by the browser, so the value reads as written."""
    return escape_markdown(text).translate(_QUOTES)


def escape_html(text: str) -> str:
    """Text for HTML or SVG that no Markdown reads: safe both as element text and as a quoted
    attribute value (``&``, ``<``, ``>``, ``"`` and ``'`` become references)."""
    return html.escape(text, quote=True)


def yaml_scalar(value: object) -> str:
    """A value for a YAML file, quoted as JSON (a JSON value is a YAML flow scalar); characters
    that YAML refuses or reads as line breaks are written as escapes. For the skeletons that
    `new` writes, whose titles and names come from other records."""
    quoted = json.dumps(value, ensure_ascii=False, default=str)
    return _NOT_YAML.sub(lambda match: f"\\u{ord(match.group()):04x}", quoted)


def front_matter_string(text: str) -> str:
    """A YAML value for a page's front matter. The theme prints these values into element text
    (``<title>``) and attributes (``<meta content>``, ``<link title>``) without escaping, so
    the value is HTML-escaped for both, then written as a YAML scalar."""
    return yaml_scalar(escape_html(text))


def xml_text(text: str) -> str:
    """Text that XML can carry: ElementTree escapes markup but writes any character as it is,
    and a few (U+FFFE, lone surrogates) would make the whole feed unreadable. Those become
    U+FFFD, the replacement character."""
    return _NOT_XML.sub("\ufffd", text)


def csv_cell(value: object, *, text: bool) -> str:
    """One CSV cell; a missing value is an empty cell. A text cell that a spreadsheet would read
    as a formula (``=HYPERLINK(…)`` in a provider's reply) gets a leading ``'``, as OWASP
    advises; the check is on the cell's content, so the mark lands inside the quotes of a quoted
    cell. Numbers and dates are not text: a negative number keeps its sign. Öppna data says how
    to remove the mark."""
    cell = "" if value is None else str(value)
    return "'" + cell if text and cell.startswith(MARKED_START) else cell


def json_document(value: Any, *, compact: bool) -> str:
    """A JSON file, keys sorted so that builds are reproducible; dates as ISO strings. The data
    files are compact (one line, which Python's C encoder writes ten times faster than indented),
    metadata is indented for reading."""
    if compact:
        return _compact_json(value) + "\n"
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True, default=str) + "\n"


def gzipped_json_array(items: Iterable[Any]) -> bytes:
    """A compact JSON array (json_document(list(items), compact=True)) as gzip, encoded and
    compressed one item at a time: made whole, the decisions' file held every decision as Python
    objects and then as text (at S, 8.9 MB of memory for 86 KB of gzip; 0.65 MB item by item)."""
    out = io.BytesIO()
    with gzip_stream(out) as compressed:
        compressed.write(b"[")
        for number, item in enumerate(items):
            compressed.write((b"," if number else b"") + _compact_json(item).encode("utf-8"))
        compressed.write(b"]\n")
    return out.getvalue()


def gzip_stream(out: IO[bytes]) -> gzip.GzipFile:
    """Gzip written into out, the same bytes for the same content: no time or file name in the
    header, so that an unchanged file is not written again and builds stay reproducible. Level 6
    (zlib's default): on the L benchmark's beslut.json level 9 took a third longer (3.7 against
    2.8 s) for a file 2 % smaller. Closing it ends the gzip and leaves out open."""
    return gzip.GzipFile(fileobj=out, mode="wb", compresslevel=6, mtime=0)


def _compact_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str, separators=(",", ":"))
