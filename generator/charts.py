"""Charts as SVG written at build time: no chart library runs in the visitor's browser.

Each chart is a figure with a title and a description that say the numbers in words;
the page shows the same numbers in a table beside it. A chart needs two shares to compare:
with fewer, none is drawn and the table says it alone (a single bar compares nothing).
A bar is a share met (derive.views.Share) or how many providers' shares lie in a band
(derive.views.ShareBand): each says its own figure, so that a count never reads as a share.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from markupsafe import Markup

from generator.encode import escape_html


class Bar(Protocol):
    """What a chart reads of one bar."""

    @property
    def label(self) -> str: ...

    @property
    def given(self) -> bool:
        """Whether there is a figure to draw; where not, the figure says why and the bar stays empty."""
        ...

    @property
    def part(self) -> float:
        """How much of the bar is filled, from 0 to 1 (0 where no figure is given)."""
        ...

    @property
    def figure(self) -> str:
        """The short label beside the bar."""
        ...

    @property
    def words(self) -> str:
        """The figure with its base, for the chart's description."""
        ...


ROW = 44
"""Each share takes a row: its label on a line of its own, the bar and its figure under it, so
that the chart is narrow enough to keep its text readable on a phone."""
BAR = 220
VALUE = 180
"""Room for the figure beside the bar ("okänd (ofullständig kopia)" at the stylesheet's 13px)."""
WIDTH = BAR + VALUE

MIN_BARS = 2
"""The fewest shares given (Share.given) that make a chart."""


def chartable(shares: Sequence[Bar]) -> bool:
    """Whether the shares make a chart: at least MIN_BARS of them give a share to compare."""
    return sum(1 for share in shares if share.given) >= MIN_BARS


def share_chart(chart_id: str, title: str, shares: Sequence[Bar]) -> Markup:
    """Horizontal bars, one per row (a share of requirements met, or the providers in a band of
    it), labelled with the numbers and their base; nothing where the bars do not make a chart (chartable)."""
    if not chartable(shares):
        return Markup("")
    height = ROW * len(shares) + 8
    description = "; ".join(f"{s.label}: {s.words}" for s in shares)
    rows = "".join(_row(index, share) for index, share in enumerate(shares))
    return Markup(
        f'<figure class="kp-chart">'
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}"'
        f' width="{WIDTH}" height="{height}" role="img"'
        f' aria-labelledby="{chart_id}-title {chart_id}-desc">'
        f'<title id="{chart_id}-title">{escape_html(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape_html(description)}</desc>'
        f"{rows}</svg>"
        f"<figcaption>{escape_html(title)}</figcaption></figure>"
    )


def _row(index: int, share: Bar) -> str:
    top = 4 + index * ROW
    filled = round(BAR * share.part)
    return (
        f'<text class="kp-chart__label" x="0" y="{top + 13}">{escape_html(share.label)}</text>'
        f'<rect class="kp-chart__track" x="0" y="{top + 20}" width="{BAR}" height="16"/>'
        f'<rect class="kp-chart__bar" x="0" y="{top + 20}" width="{filled}" height="16"/>'
        f'<text class="kp-chart__value" x="{BAR + 8}" y="{top + 33}">{escape_html(share.figure)}</text>'
    )
