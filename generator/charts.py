"""Charts as SVG written at build time: no chart library runs in the visitor's browser.

Each chart is a figure with a title and a description that say the numbers in words;
the page shows the same numbers in a table beside it.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from generator.derive.views import Share
from generator.encode import escape_html

ROW = 30
LABEL = 250
BAR = 300
VALUE = 140


def share_chart(chart_id: str, title: str, shares: Sequence[Share]) -> Markup:
    """Horizontal bars of the share of requirements met, one per row, labelled with the numbers."""
    height = ROW * len(shares) + 8
    description = "; ".join(f"{s.label}: {_value(s)}" for s in shares)
    rows = "".join(_row(index, share) for index, share in enumerate(shares))
    return Markup(
        f'<figure class="kp-chart">'
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {LABEL + BAR + VALUE} {height}" role="img"'
        f' aria-labelledby="{chart_id}-title {chart_id}-desc">'
        f'<title id="{chart_id}-title">{escape_html(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape_html(description)}</desc>'
        f"{rows}</svg>"
        f"<figcaption>{escape_html(title)}</figcaption></figure>"
    )


def _row(index: int, share: Share) -> str:
    top = 4 + index * ROW
    filled = round(BAR * share.met / share.total) if share.total and share.complete else 0
    return (
        f'<text class="kp-chart__label" x="0" y="{top + 17}">{escape_html(share.label)}</text>'
        f'<rect class="kp-chart__track" x="{LABEL}" y="{top + 4}" width="{BAR}" height="18"/>'
        f'<rect class="kp-chart__bar" x="{LABEL}" y="{top + 4}" width="{filled}" height="18"/>'
        f'<text class="kp-chart__value" x="{LABEL + BAR + 8}" y="{top + 17}">'
        f"{_figure(share)}</text>"
    )


def _value(share: Share) -> str:
    """In words, for the description; a share resting on a partial copy is not given."""
    if not share.complete:
        return "andelen är okänd (ofullständig kopia)"
    return f"{share.met} av {share.total} krav uppfyllda ({share.percent} %)"


def _figure(share: Share) -> str:
    return f"{share.percent} % ({share.met} av {share.total})" if share.complete else "okänd (ofullständig kopia)"
