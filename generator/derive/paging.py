"""Long listings cut into numbered pages, so that no page grows with the number of records, and
the menus of links between listings and their pages."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Sequence

from generator.derive.views import Link, Page, T

PAGES_AROUND = 2
"""How many pages on each side of the current one a listing's page numbers show, beside the first
and the last; the pages between are left out (…) and reached by stepping or through them. Listing
every page put each page's number on every page: the L register's 710 pages each carried 710
links (23 KB), so its size grew with the square of the number of actions."""


def paged(items: Sequence[T], path_of: Callable[[int], str], per_page: int) -> list[Page[T]]:
    """At least one page, so that an empty listing still has its page saying so."""
    count = max(1, -(-len(items) // per_page))
    paths = [path_of(number) for number in range(1, count + 1)]
    return [
        Page(
            path=path,
            items=tuple(items[(number - 1) * per_page : number * per_page]),
            first=(number - 1) * per_page + 1,
            total=len(items),
            numbers=page_numbers(paths, number),
            previous_page=paths[number - 2] if number > 1 else None,
            next_page=paths[number] if number < count else None,
        )
        for number, path in enumerate(paths, 1)
    ]


def page_numbers(paths: Sequence[str], current: int) -> tuple[Link, ...]:
    """The numbers page `current` (from 1) of a listing on pages `paths` shows: the first, the
    last and PAGES_AROUND on each side of it, this one current; none when the listing fits on one
    page. A single page between two shown ones is shown rather than left out."""
    if len(paths) < 2:
        return ()
    around = range(max(1, current - PAGES_AROUND), min(len(paths), current + PAGES_AROUND) + 1)
    shown = sorted({1, len(paths), *around})
    shown = sorted({*shown, *(number + 1 for number, after in itertools.pairwise(shown) if after - number == 2)})
    links = [
        Link(str(number), paths[number - 1], follows_gap=number - before > 1)
        for before, number in itertools.pairwise([1, *shown])
    ]
    return marked(links, paths[current - 1])


def marked(menu: Sequence[Link], page: str) -> tuple[Link, ...]:
    """The menu as a page of the listing whose first page is `page` shows it: the link to that
    listing current. Every menu marks its entries this one way, by the page they lead to."""
    return tuple(dataclasses.replace(link, current=link.page == page) for link in menu)
