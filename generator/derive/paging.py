"""Long listings cut into numbered pages, so that no page grows with the number of records, and
the menus of links between listings and their pages."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from generator.derive.views import Link, Page, T


def paged(items: Sequence[T], path_of: Callable[[int], str], per_page: int) -> list[Page[T]]:
    """At least one page, so that an empty listing still has its page saying so."""
    count = max(1, -(-len(items) // per_page))
    paths = [path_of(number) for number in range(1, count + 1)]
    numbers = tuple(Link(str(n), p) for n, p in enumerate(paths, 1)) if count > 1 else ()
    return [
        Page(
            path=path,
            items=tuple(items[(number - 1) * per_page : number * per_page]),
            first=(number - 1) * per_page + 1,
            total=len(items),
            numbers=marked(numbers, path),
        )
        for number, path in enumerate(paths, 1)
    ]


def marked(menu: Sequence[Link], page: str) -> tuple[Link, ...]:
    """The menu as a page of the listing whose first page is `page` shows it: the link to that
    listing current. Every menu marks its entries this one way, by the page they lead to."""
    return tuple(Link(link.label, link.page, link.page == page) for link in menu)
