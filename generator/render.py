"""Turn the derived views into Markdown pages with Jinja2 templates.

Every value a template prints passes through ``_finalize``: text is escaped so
that nothing in a record can become Markdown or HTML (a ``<script>`` or a
``[link](javascript:…)`` shows as written), dates print in Swedish and a missing
value prints as *uppgift saknas*. Only the filters and macros produce markup;
autoescaping is on so that a macro's output is known to be markup already. Text inside a
tag's attribute goes through the ``attribute`` filter, front matter through ``yaml_string``;
the encoders themselves live in encode.py.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from generator import swedish
from generator.charts import share_chart
from generator.derive import Portal
from generator.derive.search import decision_entry, provider_entry, requirement_entry
from generator.derive.views import RegisterEntry
from generator.encode import escape_attribute, escape_html, escape_markdown, front_matter_string
from generator.kept import keep_only, reused
from generator.model import Figure, Status, is_unknown
from generator.parallel import map_in_processes
from generator.paths import is_id
from generator.states import Standing
from generator.text import UNKNOWN_MARK, prose

TEMPLATES = Path(__file__).parent / "templates"


def _finalize(value: Any) -> Markup:
    if isinstance(value, Markup):
        return value
    if isinstance(value, Enum | bool):
        raise TypeError(f"print {value!r} through a filter or a sentence, not as its code")
    if value is None:
        text = swedish.UNKNOWN
    elif isinstance(value, dt.date):
        text = swedish.format_date(value)
    elif isinstance(value, int | float):
        text = swedish.format_number(value)
    else:
        text = str(value)
    return Markup(escape_markdown(text))


def join(values: Any, separator: str = ", ") -> Markup:
    """Jinja's join would only HTML-escape the items; these are Markdown-escaped."""
    return Markup(separator.join(escape_markdown(str(value)) for value in values))


def known(value: Any) -> Markup:
    """A value that a partial copy may leave unknown: the marker okänt prints as *uppgift saknas*,
    emphasised so that it never reads as the decision's words; anything else as any value."""
    if is_unknown(value):
        return UNKNOWN_MARK
    return _finalize(value)


def link(title: str, page: str, anchor: str = "") -> Markup:
    """A Markdown link to another page, by its docs-relative path; the title is text unless it is markup."""
    target = f"/{page}" + (f"#{anchor}" if anchor else "")
    text = title if isinstance(title, Markup) else escape_markdown(title)
    return Markup(f"[{text}]({target})")


def anchor(name: str) -> Markup:
    """An explicit heading id ({ #name }), so that links to a finding never depend on its wording."""
    return Markup(f"{{ #{_name(name)} }}")


def modifier(value: Enum) -> Markup:
    """An enum's value as part of a CSS class name."""
    return Markup(_name(value.value.replace("_", "-")))


def _name(name: str) -> str:
    """Ids and class names come from ids and enums; this refuses anything else."""
    if not is_id(name):
        raise ValueError(f"not a name for an id or class: {name!r}")
    return name


def badge(status: Status) -> Markup:
    """The status in words, so that it never depends on colour alone; the stylesheet draws its icon."""
    return _pill(status.value, swedish.STATUS_LABELS[status])


def standing_badge(standing: Standing) -> Markup:
    return _pill(standing.value, swedish.STANDING_LABELS[standing])


def _pill(modifier: str, label: str) -> Markup:
    """A badge: its class says which, its word what. The icon before the word is drawn by
    docs/stylesheets/portal.css for the class, once for the whole site, instead of an inline
    SVG in every badge of every page (3.3 KB on a decision page)."""
    return Markup(f'<span class="kp-status kp-status--{modifier}">{label}</span>')


def figure_value(figure: Figure) -> str:
    return swedish.format_value(figure.value, figure.unit)


def yaml_string(text: str) -> Markup:
    """A value for YAML front matter, safe where the theme prints it (see encode.py)."""
    return Markup(front_matter_string(text))


def attribute(text: str) -> Markup:
    """Record text inside a quoted attribute of a tag in a template: without this filter a
    ``"`` in a provider's name would close the attribute and open a new one (``onload=``)."""
    return Markup(escape_attribute(text))


def badge_code(url: str, badge: str, alt: str) -> str:
    """The HTML that another website pastes to show a provider's badge. That site reads it as
    HTML with no Markdown, so each value is encoded for its attribute there; the page that
    shows the code prints it as text, like any other value."""
    return f'<a href="{escape_html(url)}"><img src="{escape_html(badge)}" alt="{escape_html(alt)}" height="44"></a>'


RECORD_TEMPLATE = "record.html"
"""The theme template a record page (a decision, a provider, a requirement) names in its front
matter: overrides/record.html, without the site's navigation that thousands of records would
each repeat. The plugin lets a theme without it lay the page out as any other."""


@functools.lru_cache(maxsize=4)
def environment(site_url: str = "") -> Environment:
    """One environment per site address, kept: compiling the templates costs more than rendering
    a few changed pages in the preview. Jinja reloads a template whose file changed."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        join=join,
        prose=prose,
        known=known,
        badge=badge,
        modifier=modifier,
        standing_badge=standing_badge,
        standing_label=swedish.STANDING_LABELS.__getitem__,
        standing_explanation=swedish.STANDING_EXPLANATIONS.__getitem__,
        action_state=swedish.ACTION_STATE_LABELS.__getitem__,
        group_heading=swedish.STATUS_GROUP_HEADINGS.__getitem__,
        deadline_name=swedish.DEADLINE_NAMES.__getitem__,
        figure_value=figure_value,
        period=lambda period: swedish.format_period(period.start, period.end),
        yaml_string=yaml_string,
        attribute=attribute,
    )
    env.globals.update(
        link=link,
        anchor=anchor,
        badge_code=badge_code,
        unknown=swedish.UNKNOWN,
        share_chart=share_chart,
        site_url=site_url,
        record_template=RECORD_TEMPLATE,
    )
    env.globals["action_entry"] = ActionEntries(env)
    return env


class ActionEntries:
    """The action register's entry for each action, rendered once per build and reused: an action
    stands on its provider's page and on up to four register listings. One object per
    environment (Jinja copies the globals into each template module); render() clears it."""

    def __init__(self, env: Environment) -> None:
        self.env = env
        self.rendered: dict[tuple[int, bool], tuple[RegisterEntry, Markup]] = {}

    def __call__(self, action: RegisterEntry, with_provider: bool) -> Markup:
        key = (id(action), with_provider)  # the action is kept alongside, so its id stays its own
        if key not in self.rendered:
            module = self.env.get_template("_macros.md.j2").module
            macro = module.deliverable_entry_text if action.is_deliverable else module.action_entry_text  # type: ignore[attr-defined]
            self.rendered[key] = (action, Markup(macro(action, with_provider)))
        return self.rendered[key][1]


PageCache = dict[str, tuple[tuple[Any, ...], str]]
"""Each record page's inputs and text from the last render, by path: the preview re-renders
only the pages whose inputs changed."""


@dataclass(frozen=True)
class PageJob:
    """One page to render: its template and everything the template sees."""

    path: str
    template: str
    context: dict[str, Any]
    record: bool
    """A record page sees only its own view and the as-of date, never the whole portal, so
    that equal inputs are known to give equal text and the last render can be reused. A page
    about the whole portal (an index, the home page) is rendered every time."""
    across: bool
    """The page reads across many records: it lists or compares them (ONE_RECORD_TEMPLATES
    says which pages do not)."""

    def inputs(self, site_url: str) -> tuple[Any, ...]:
        return (self.template, site_url, *sorted(self.context.items()))


ONE_RECORD_TEMPLATES = frozenset({"followup.md.j2", "provider.md.j2"})
"""The pages that show one record, a decision or a provider: the only ones rendered in forked
workers. Every other page reads across many records (the indexes, a year's decisions, a
requirement's assessments, the provider lists, the comparison, the action register) and is
rendered in the build's own process once the workers have ended. A forked worker that reads an
object writes to it (its reference count) and so copies the memory page it lies in: at L, while
the workers rendered these pages last, the render held 1,460 MB of all processes' proportional
memory, against about 1,150 MB while they rendered the decisions (bench/HISTORY.md)."""


def page_jobs(portal: Portal) -> list[PageJob]:
    """Every generated page, in a fixed order."""
    jobs = [
        PageJob(path, template, {"portal": portal}, record=False, across=True)
        for path, template in (
            ("index.md", "home.md.j2"),
            ("krav/index.md", "requirements.md.j2"),
            ("beslut/index.md", "followups.md.j2"),
            ("statistik/index.md", "statistics.md.j2"),
        )
    ]
    records: list[tuple[str, str, dict[str, Any]]] = [
        *(
            (part.path, "followups_year.md.j2", {"year": year.year, "part": part})
            for year in portal.decision_years
            for part in year.pages
        ),
        *(
            (provider.page, "provider.md.j2", {"provider": provider, "search": provider_entry(provider)})
            for provider in portal.providers
        ),
        *(
            (
                requirement.page,
                "requirement.md.j2",
                {"requirement": requirement, "search": requirement_entry(requirement)},
            )
            for requirement in portal.requirements
        ),
        *(
            (followup.ref.page, "followup.md.j2", {"followup": followup, "search": decision_entry(followup)})
            for followup in portal.followups
        ),
        *((listing.page, "providers.md.j2", {"providers": listing}) for listing in portal.provider_lists),
        *((comparison.page, "comparison.md.j2", {"comparison": comparison}) for comparison in portal.comparisons),
        *((register.page, "register.md.j2", {"register": register}) for register in portal.register),
    ]
    jobs += (
        PageJob(
            path, template, {**context, "as_of": portal.as_of}, record=True, across=template not in ONE_RECORD_TEMPLATES
        )
        for path, template, context in records
    )
    return jobs


def render(portal: Portal, site_url: str = "", cache: PageCache | None = None, *, workers: int = 1) -> dict[str, str]:
    """Every generated page by docs-relative path, all at once (tests, tools); a build writes
    each page as it comes instead (`pages`)."""
    return dict(pages(portal, site_url, cache, workers=workers))


def pages(
    portal: Portal, site_url: str = "", cache: PageCache | None = None, *, workers: int = 1
) -> Iterator[tuple[str, str]]:
    """Every generated page as (docs-relative path, text), each handed on as soon as it is
    rendered, so that the writer can let go of it before the next: at M the pages' text is
    151 MB, at L ten times that, more than the rest of the build holds. site_url (or "") starts
    the addresses meant for other websites. With a cache, a record page whose inputs are
    unchanged is not rendered again; with several workers (a one-off build), the pages of one
    record are rendered in that many forked processes (at M, 10.7 s in one process against 7.1 s
    in two, wall time on 2 cores, about 8 % of a warm build; README, Performance), and then the
    pages that read across records in this one (ONE_RECORD_TEMPLATES)."""
    env = environment(site_url)
    entries = env.globals["action_entry"]
    assert isinstance(entries, ActionEntries)
    entries.rendered.clear()
    jobs = page_jobs(portal)
    paths = _each_once(job.path for job in jobs)
    todo: list[PageJob] = []
    for job in jobs:
        kept = reused(cache, job.path, job.inputs(site_url)) if job.record and cache is not None else None
        if kept is None:
            todo.append(job)
        else:
            yield job.path, kept
    forked = [job for job in todo if not job.across]
    in_workers = zip(forked, map_in_processes(functools.partial(_text, env), forked, workers), strict=True)
    alone = ((job, _text(env, job)) for job in todo if job.across)  # begun once the workers have ended
    for job, text in itertools.chain(in_workers, alone):
        if cache is not None and job.record:
            cache[job.path] = (job.inputs(site_url), text)
        yield job.path, text
    keep_only(cache, paths)
    entries.rendered.clear()  # the environment is kept between builds; the entries hold the records


def _each_once(paths: Iterable[str]) -> set[str]:
    seen: set[str] = set()
    for path in paths:
        if path in seen:
            raise ValueError(f"two pages for {path}")
        seen.add(path)
    return seen


def _text(env: Environment, job: PageJob) -> str:
    return env.get_template(job.template).render(**job.context)
