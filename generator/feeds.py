"""What others subscribe to or embed: Atom feeds, standing badges, the sitemap and redirects
from old addresses. Written into the built site after MkDocs."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generator.derive.providers import by_provider
from generator.derive.views import FollowUpView, Portal, ProviderView
from generator.encode import escape_html, xml_text
from generator.kinds import FOLLOWUPS, PROVIDERS, REQUIREMENTS, Kind
from generator.model import FollowUp, Provider, Requirement
from generator.organisation import Organisation
from generator.paths import badge_path, feed_path, html_file, page_path, sitemap_path, url_of
from generator.states import Standing
from generator.swedish import DECISION_OUTCOMES, STANDING_LABELS, STATUS_LABELS, format_date

ATOM = "http://www.w3.org/2005/Atom"

FEED_ENTRIES = 100
"""The most entries a feed carries: the newest, by the date each entry is given (a correction
counts, `_updated`). Every subscriber's reader fetches a feed again and again for what is new;
every decision stays on the site and in the open data. With all of them, the feed of the L
benchmark's 20,000 decisions was 11 MB."""
FEED_SUBTITLE = (
    f"Högst {FEED_ENTRIES} beslut, de senast fattade eller rättade, nyast först."
    " Alla beslut finns på webbplatsen och i öppna data."
)
SITEMAP_URLS = 50_000
"""The most addresses one sitemap file may list (sitemaps.org): past it, sitemap.xml is an index
of parts of at most this many. The L benchmark's site has about 24,000 pages."""
SITEMAPS = "http://www.sitemaps.org/schemas/sitemap/0.9"

BADGE_COLOURS = {
    Standing.NO_KNOWN_DEFICIENCIES: ("#1b5e20", "#e8f5e9"),
    Standing.DEFICIENCIES_REMEDIED: ("#1b5e20", "#e8f5e9"),
    Standing.ACTIONS_REQUIRED: ("#b71c1c", "#ffebee"),
    Standing.DEFICIENCIES_REMAIN: ("#7a4100", "#fff3e0"),
    Standing.INCOMPLETE_COPY: ("#37474f", "#eceff1"),
    Standing.NO_FOLLOW_UP: ("#37474f", "#eceff1"),
}


def syndication(portal: Portal, site_url: str, organisation: Organisation | None = None) -> dict[str, str]:
    """Feeds, badges, redirects and the sitemap; the feeds' author and the badges' sender is
    organisation (without one, as in tests of other stages, the portal itself)."""
    author = _author(organisation)
    newest = _feed(portal, "Kvalitetsportalen: senaste besluten", feed_path(), portal.followups, site_url, author)
    files = {feed_path(): newest}
    decisions = by_provider(portal.followups, lambda f: f.provider)
    for provider in portal.providers:
        own = decisions.get(provider.record.id, ())
        title = f"Kvalitetsportalen: beslut om {provider.record.name}"
        path = feed_path(provider.record.id)
        files[path] = _feed(portal, title, path, own, site_url, author)
        files[badge_path(provider.record.id)] = badge(provider, organisation)
    files.update(redirects(portal))
    if site_url:
        files.update(sitemaps(portal, site_url))
    return files


@dataclass(frozen=True)
class Author:
    """A feed's Atom author: who publishes the decisions, and how to reach them where known."""

    name: str
    uri: str | None = None
    email: str | None = None


def _author(organisation: Organisation | None) -> Author:
    if organisation is None:
        return Author("Kvalitetsportalen")
    return Author(organisation.publisher, organisation.website, organisation.email)


def _feed(
    portal: Portal, title: str, path: str, followups: Iterable[FollowUpView], site_url: str, author: Author
) -> str:
    """The FEED_ENTRIES newest, newest first (a stable sort: the portal's order among entries of
    one date). An entry whose decision has no date is dated by the as-of date of the build: Atom
    requires a date, and the summary says that the decision's own date is unknown."""
    followups = sorted(followups, key=lambda f: _updated(f, portal.as_of), reverse=True)[:FEED_ENTRIES]
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": "sv"})
    if not site_url:
        feed.set("xml:base", "../" * path.count("/"))
    ET.SubElement(feed, "title").text = xml_text(title)
    ET.SubElement(feed, "subtitle").text = FEED_SUBTITLE
    ET.SubElement(feed, "id").text = _iri(site_url, path)
    ET.SubElement(feed, "link", {"rel": "self", "href": site_url + path})
    ET.SubElement(feed, "link", {"rel": "alternate", "type": "text/html", "href": site_url or ""})
    dates = [_updated(f, portal.as_of) for f in followups]
    ET.SubElement(feed, "updated").text = _timestamp(max(dates, default=portal.as_of))
    written = ET.SubElement(feed, "author")
    ET.SubElement(written, "name").text = xml_text(author.name)
    if author.uri:
        ET.SubElement(written, "uri").text = author.uri
    if author.email:
        ET.SubElement(written, "email").text = author.email
    for followup in followups:
        _entry(feed, followup, portal.as_of, site_url)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _entry(feed: ET.Element, followup: FollowUpView, as_of: dt.date, site_url: str) -> None:
    entry = ET.SubElement(feed, "entry")
    url = url_of(followup.ref.page)
    ET.SubElement(entry, "title").text = xml_text(followup.ref.title)
    ET.SubElement(entry, "id").text = _iri(site_url, url)
    ET.SubElement(entry, "link", {"rel": "alternate", "type": "text/html", "href": site_url + url})
    ET.SubElement(entry, "updated").text = _timestamp(_updated(followup, as_of))
    ET.SubElement(entry, "summary").text = xml_text(summary(followup))


def _updated(followup: FollowUpView, as_of: dt.date) -> dt.date:
    """A correction is news about the decision: its date counts where it is the later one."""
    return max(followup.record.date or as_of, followup.last_corrected or dt.date.min)


def summary(followup: FollowUpView) -> str:
    counts = ", ".join(f"{STATUS_LABELS[c.status]}: {c.count}" for c in followup.counts)
    parts = [
        f"Beslutets datum: {format_date(followup.record.date)}.",
        f"Diarienummer: {followup.record.case_number or 'uppgift saknas'}.",
        f"Avtal eller överenskommelse: {followup.basis_words or 'uppgift saknas'}.",
        f"Bedömning: {counts}." if followup.tally.shareable else f"Bedömning: {followup.assessment_sentence}",
        f"Beslut: {DECISION_OUTCOMES[followup.record.decision.outcome]}.",
    ]
    deficient = [o.label for o in followup.outcomes if o.status.deficient]
    if deficient:
        parts.append(f"Brister inom: {'; '.join(deficient)}.")
    if followup.last_corrected:
        parts.append(f"Rättat {format_date(followup.last_corrected)}.")
    return " ".join(parts)


def _latest(dates: Iterable[dt.date | None]) -> dt.date | None:
    known = list(dates)
    return None if None in known else max((d for d in known if d is not None), default=None)


def _iri(site_url: str, path: str) -> str:
    """An absolute IRI for Atom ids: the address where the site has one, else a stable URN."""
    return site_url + path if site_url else f"urn:x-kvalitetsportalen:{path.strip('/').replace('/', ':')}"


def _timestamp(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00Z"


def standing_date(provider: ProviderView) -> str | None:
    """When the standing was last assessed, in the badge's words: the date of the provider's latest
    decision, on which the standing rests (derive.providers); None when there is none."""
    if provider.latest is None:
        return None
    if provider.latest.date is None:
        return "senaste beslutet saknar datum"
    return f"senaste beslut {format_date(provider.latest.date)}"


def badge(provider: ProviderView, organisation: Organisation | None = None) -> str:
    """A sticker of the provider's standing, readable without colour: the words are on it, with
    the date of the decision it rests on and who publishes it; the title says all of it."""
    label = STANDING_LABELS[provider.standing]
    sender = f"Kvalitetsportalen, {organisation.name}" if organisation else "Kvalitetsportalen"
    when = standing_date(provider)
    about = "; ".join(part for part in (when, organisation.name if organisation else None) if part)
    title = f"Kvalitetsportalen – {provider.record.name}: {label}" + (f" ({about})" if about else "")
    text = escape_html(xml_text(title))
    dated = f" · {when}" if when else ""
    foreground, background = BADGE_COLOURS[provider.standing]
    width = max(200, round(6.5 * len(sender)) + 24, 8 * len(label) + round(6.5 * len(dated)) + 24)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="44" viewBox="0 0 {width} 44"'
        f' role="img" aria-label="{text}">'
        f"<title>{text}</title>"
        f'<rect x="0.5" y="0.5" width="{width - 1}" height="43" rx="6" fill="{background}" stroke="{foreground}"/>'
        f'<text x="12" y="16" font-family="sans-serif" font-size="11" fill="{foreground}">'
        f"{escape_html(xml_text(sender))}</text>"
        f'<text x="12" y="34" font-family="sans-serif" font-size="14" fill="{foreground}">'
        f'<tspan font-weight="bold">{escape_html(label)}</tspan>'
        f'<tspan font-size="11">{escape_html(dated)}</tspan></text></svg>\n'
    )


def redirects(portal: Portal) -> dict[str, str]:
    """A page at each old address that sends the reader to the record's address now."""
    kinds: tuple[tuple[Kind, Sequence[Provider | Requirement | FollowUp]], ...] = (
        (PROVIDERS, [p.record for p in portal.providers]),
        (REQUIREMENTS, [r.record for r in portal.requirements]),
        (FOLLOWUPS, [f.record for f in portal.followups]),
    )
    files = {}
    for kind, records in kinds:
        for record in records:
            files.update(_redirects(kind, record))
    return files


def _redirects(kind: Kind, record: Provider | Requirement | FollowUp) -> dict[str, str]:
    """The record's old addresses, each a page that sends the reader on: its pages live in its
    kind's section, under the record's id, as they did under each old id."""
    target = f"../{record.id}/"
    page = (
        '<!doctype html>\n<html lang="sv"><head><meta charset="utf-8">'
        f'<title>Sidan har flyttat</title><meta http-equiv="refresh" content="0; url={target}">'
        f'<link rel="canonical" href="{target}"></head>'
        f'<body><p>Sidan har flyttat till <a href="{target}">{target}</a>.</p></body></html>\n'
    )
    return {html_file(page_path(kind.section, old)): page for old in record.previous_ids}


@dataclass(frozen=True)
class Dated:
    """An address in a sitemap (a page, or a part of the sitemap) with its date, where known."""

    url: str
    date: dt.date | None


def sitemaps(portal: Portal, site_url: str) -> dict[str, str]:
    """sitemap.xml: every page with the date of the latest decision behind it, so that search
    engines see when the content changed, not when the site was last built (a page that rests on
    an undated decision gets no lastmod: its date is unknown). Past SITEMAP_URLS pages it is an
    index of parts, each dated by its latest page, as sitemaps.org requires."""
    pages = sorted(_dated_pages(portal), key=lambda page: page.url)
    if len(pages) <= SITEMAP_URLS:
        return {sitemap_path(): _sitemap_xml("urlset", "url", pages, site_url)}
    parts = [pages[start : start + SITEMAP_URLS] for start in range(0, len(pages), SITEMAP_URLS)]
    files = {sitemap_path(n): _sitemap_xml("urlset", "url", part, site_url) for n, part in enumerate(parts, 1)}
    index = [Dated(sitemap_path(n), _latest(page.date for page in part)) for n, part in enumerate(parts, 1)]
    files[sitemap_path()] = _sitemap_xml("sitemapindex", "sitemap", index, site_url)
    return files


def _dated_pages(portal: Portal) -> list[Dated]:
    """Every page a search engine should know, with the date of its latest decision."""
    everything = _latest(f.record.date for f in portal.followups)
    pages = [Dated(url_of(f.ref.page), f.record.date) for f in portal.followups]
    pages += [Dated(p.url, _latest(ref.date for ref in p.followups)) for p in portal.providers]
    pages += [Dated(url_of(r.page), _latest(a.followup.date for a in r.assessments)) for r in portal.requirements]
    pages += [
        Dated(url_of(part.path), _latest(f.record.date for f in part.items))
        for year in portal.decision_years
        for part in year.pages
    ]
    pages += [Dated(url, everything) for url in ("", "utforare/", "krav/", "beslut/", "jamforelse/", "statistik/")]
    return pages


def _sitemap_xml(root_tag: str, item_tag: str, addresses: Sequence[Dated], site_url: str) -> str:
    """A sitemap (urlset of url) or its index (sitemapindex of sitemap)."""
    root = ET.Element(root_tag, {"xmlns": SITEMAPS})
    for address in addresses:
        item = ET.SubElement(root, item_tag)
        ET.SubElement(item, "loc").text = site_url + address.url
        if address.date is not None:
            ET.SubElement(item, "lastmod").text = address.date.isoformat()
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
