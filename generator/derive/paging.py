"""Long listings cut into numbered pages, so that no page grows with the number of records."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from generator.derive.views import ComparisonLink, Page, T


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
            numbers=tuple(ComparisonLink(str(n), p, n == number) for n, p in enumerate(paths, 1)) if count > 1 else (),
        )
        for number, path in enumerate(paths, 1)
    ]
