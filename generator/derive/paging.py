"""Long listings cut into numbered pages, so that no page grows with the number of records."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from generator.derive.views import ComparisonLink

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    path: str
    items: tuple[T, ...]
    first: int
    """The position of the page's first item in the whole listing, from 1."""
    numbers: tuple[ComparisonLink, ...]
    """Links to every page of the listing, this one marked; empty when it fits on one page."""


def paged(items: Sequence[T], path_of: Callable[[int], str], per_page: int) -> list[Page[T]]:
    """At least one page, so that an empty listing still has its page saying so."""
    count = max(1, -(-len(items) // per_page))
    paths = [path_of(number) for number in range(1, count + 1)]
    return [
        Page(
            path=path,
            items=tuple(items[(number - 1) * per_page : number * per_page]),
            first=(number - 1) * per_page + 1,
            numbers=tuple(ComparisonLink(str(n), p, n == number) for n, p in enumerate(paths, 1)) if count > 1 else (),
        )
        for number, path in enumerate(paths, 1)
    ]
