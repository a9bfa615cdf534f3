"""The rows of the tables that the table macro writes (generator/templates/_macros.md.j2), read from
a generated page's Markdown: each row as its cells' Markdown by column name, in the page's order."""

from __future__ import annotations

import re
from html import unescape

_ROW = re.compile(r"<tr markdown>(.*?)</tr>", re.S)
_CELL = re.compile(r'<td data-label="([^"]*)" markdown>(.*?)</td>', re.S)


def table_rows(page: str) -> list[dict[str, str]]:
    """Every body row of every table on the page (the heading rows have no cells)."""
    rows = ({unescape(label): content for label, content in _CELL.findall(row)} for row in _ROW.findall(page))
    return [row for row in rows if row]
