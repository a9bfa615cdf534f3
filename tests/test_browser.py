"""The built site as a person sees it, in headless Chromium (Debian's package, never a downloaded build).

Every page type, on a phone (390 × 844, touch: no hover, coarse pointer) and on a desktop
(1280 × 900, mouse: hover, fine pointer), in light and dark mode: it loads without console errors,
has zero axe-core WCAG 2.1 A/AA violations and, on the phone, nothing in it scrolls sideways.
Screenshots go to tests/artifacts/<name>-<width>-<scheme>.png for a person to look at. A wide touch
screen (1280 px without hover) is checked for what hover changes: Material makes a scrolling code
block focusable only where the device can hover, so there a wide one is out of the keyboard's reach.

Deterministic: transitions and animations are off before anything is measured (reduced motion, and
a style that turns off the rest), hover and pointer are set rather than whatever the Chromium at
hand reports (and checked with matchMedia), and one browser serves the module with one context per
colour scheme and hover.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from generator import search, swedish
from generator.cli import main
from generator.derive import Portal, derive
from generator.model import DeadlineKind
from generator.paths import url_of
from generator.pipeline import check
from tests.browsing import chromium, serve, skip_without_chromium
from tests.conftest import AS_OF, MINIMAL, ROOT, SHIPPED, SHIPPED_AS_OF

playwright_api = pytest.importorskip("playwright.sync_api")
from axe_playwright_python.sync_playwright import Axe  # noqa: E402

pytestmark = pytest.mark.slow

ARTIFACTS = Path(__file__).parent / "artifacts"
WCAG = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
MISSING = "finns-inte/"
"""An address with no page: the server answers with the site's 404.html, as a web host does."""

PAGE_TYPES = {
    "start": "",
    "utforare": "utforare/",
    "utforare-lage": "utforare/index/lage-brister-atgarder-kravs/",
    "utforare-sida": "utforare/kvalitetsservice/",
    "krav": "krav/",
    "krav-sida": "krav/egenkontroller/",
    "beslut": "beslut/",
    "beslut-ar": "beslut/ar/2022/",
    "atgarder": "atgarder/",
    "atgarder-krav": "atgarder/krav/egenkontroller/",
    "beslut-sida": "beslut/kvalitetsservice-voo-1905-2023/",
    "resultatuppfoljning": "beslut/sov-881-2022/",
    "jamforelse": "jamforelse/",
    "statistik": "statistik/",
    "om": "om/",
    "tillganglighet": "om/tillganglighet/",
    "oppna-data": "oppna-data/",
    "ordlista": "ordlista/",
    "sok": "sok/",
    "sok-resultat": "sok/?q=egenkontrollerna",
    "sok-filter": "sok/?q=egenkontrollerna&typ=Beslut&status=Uppfyller%20inte%20kravet",
    "404": MISSING,
}


@dataclass(frozen=True)
class Device:
    """A screen and whether it can hover: what Material and the CSS adapt to."""

    name: str
    width: int
    height: int
    hover: bool

    @property
    def viewport(self) -> dict[str, int]:
        return {"width": self.width, "height": self.height}


PHONE = Device("telefon", 390, 844, hover=False)
DESKTOP = Device("dator", 1280, 900, hover=True)
TOUCH_DESKTOP = Device("pekskarm", 1280, 900, hover=False)
"""A touch laptop or a tablet held sideways: wide, without hover."""
DEVICES = {device.name: device for device in (PHONE, DESKTOP)}

NO_MOTION = "*, *::before, *::after { transition: none !important; animation: none !important; }"
_NO_MOTION_SCRIPT = f"""document.addEventListener("DOMContentLoaded", () => {{
    const style = document.createElement("style");
    style.textContent = {NO_MOTION!r};
    document.head.appendChild(style);
}});"""
"""Material turns most of its transitions off for reduced motion, not all (the header tabs fade
in); Pagefind's interface has its own. Off everywhere, axe-core never measures a colour mid-fade."""

skip_without_chromium()


@pytest.fixture(scope="module")
def base_url(shipped_site: Path) -> Iterator[str]:
    yield from serve(shipped_site)


@pytest.fixture(scope="module")
def seed_url(seed_site: Path) -> Iterator[str]:
    """The seed decisions alone (conftest.seed_site): what sums them up, whatever data/ gains."""
    yield from serve(seed_site)


@pytest.fixture(scope="module")
def minimal_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The minimal tree built: the shipped data have no provider's reply and no correction, it has both."""
    out = tmp_path_factory.mktemp("minimal") / "site"
    argv = ["build", "--data", str(MINIMAL), "--out", str(out), "--as-of", AS_OF.isoformat()]
    assert main([*argv, "--config", str(ROOT / "mkdocs.yml")]) == 0
    yield from serve(out)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from chromium(playwright_api)


@pytest.fixture(scope="module")
def contexts(browser: Any) -> Iterator[dict[tuple[str, bool], Any]]:
    """One browser context per colour scheme and hover, made when first needed and shared by the
    module's tests: each test opens its own page in it (page(), below) and closes it."""
    made: dict[tuple[str, bool], Any] = {}
    yield made
    for context in made.values():
        context.close()


def _context(contexts: dict[tuple[str, bool], Any], browser: Any, scheme: str, hover: bool) -> Any:
    if (scheme, hover) not in contexts:
        # Touch emulation is what makes Chromium report no hover and a coarse pointer: the DevTools
        # protocol's Emulation.setEmulatedMedia ignores the features hover and pointer (Chromium 156).
        context = browser.new_context(
            color_scheme=scheme, reduced_motion="reduce", has_touch=not hover, viewport=DESKTOP.viewport
        )
        context.add_init_script(script=_NO_MOTION_SCRIPT)
        contexts[scheme, hover] = context
    return contexts[scheme, hover]


@dataclass
class Opened:
    """A page loaded on a device, and the console errors and failed requests seen meanwhile."""

    page: Any
    errors: list[str]
    status: int


def _open(
    contexts: dict[tuple[str, bool], Any], browser: Any, url: str, device: Device = DESKTOP, scheme: str = "light"
) -> Opened:
    """The page on the device, in the shared context for its scheme and hover, loaded: its fonts
    in and Material's scripts run (the site loads nothing after that but the search's index)."""
    page = _context(contexts, browser, scheme, device.hover).new_page()
    page.set_viewport_size(device.viewport)
    errors: list[str] = []
    page.on("console", lambda message: errors.append(_console_error(message, url)) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    response = page.goto(url, wait_until="load")
    page.evaluate("document.fonts.ready.then(() => null)")
    _assert_emulated(page, scheme, device.hover)
    return Opened(page, [e for e in errors if e], response.status if response else 0)


def _assert_emulated(page: Any, scheme: str, hover: bool) -> None:
    """The emulation holds after loading: otherwise every check below would test another device."""
    queries = {
        "(hover: none)": not hover,
        "(pointer: coarse)": not hover,
        "(any-hover: hover)": hover,
        f"(prefers-color-scheme: {scheme})": True,
        "(prefers-reduced-motion: reduce)": True,
    }
    assert page.evaluate("qs => qs.map(q => matchMedia(q).matches)", list(queries)) == list(queries.values())
    motion = "(s => [s.transitionProperty, s.animationName])(getComputedStyle(document.body))"
    assert page.evaluate(motion) == ["none", "none"], "NO_MOTION is in force"


def _console_error(message: Any, url: str) -> str:
    """A console error's text; "" for the one a missing page must log (its own status 404)."""
    if url.endswith(MISSING) and message.location.get("url") == url:
        return ""
    return str(message.text)


def _violations(page: Any) -> Any:
    """axe-core's results once every finite animation still running has ended (there should be
    none: NO_MOTION) and the fonts are in."""
    page.evaluate(
        """Promise.allSettled(document.getAnimations()
            .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
            .map(a => a.finished)).then(() => document.fonts.ready)"""
    )
    return Axe().run(page, options=WCAG)


_SIDEWAYS = """() => {
    const root = document.documentElement;
    const found = [];
    if (root.scrollWidth > root.clientWidth) found.push(`the page: ${root.scrollWidth} > ${root.clientWidth} px`);
    for (const element of document.querySelectorAll(".md-content *")) {
        const overflow = getComputedStyle(element).overflowX;
        if (element.scrollWidth > element.clientWidth && !["visible", "clip", "hidden"].includes(overflow)) {
            const name = element.tagName.toLowerCase() + (element.id ? "#" + element.id : "")
                + [...element.classList].map(c => "." + c).join("");
            const text = element.textContent.trim().replace(/\\s+/g, " ").slice(0, 60);
            const widths = `${element.scrollWidth} > ${element.clientWidth} px`;
            found.push(`${name} (overflow-x ${overflow}): ${widths}, "${text}"`);
        }
    }
    return found;
}"""
"""What scrolls sideways: the page itself, or an element in the content that scrolls (a table's
wrapper, a code block); an element that merely clips its overflow does not count."""


def _sideways(page: Any) -> list[str]:
    found: list[str] = page.evaluate(_SIDEWAYS)
    return found


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("device", sorted(DEVICES))
@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_page_type_fits_and_is_accessible(
    browser: Any, contexts: Any, base_url: str, name: str, device: str, scheme: str
) -> None:
    shown = DEVICES[device]
    opened = _open(contexts, browser, base_url + PAGE_TYPES[name], shown, scheme)
    page = opened.page
    assert opened.status == (404 if PAGE_TYPES[name] == MISSING else 200)
    expected = "slate" if scheme == "dark" else "default"
    assert page.locator("body").get_attribute("data-md-color-scheme") == expected
    if name.startswith("sok-"):
        page.locator(".pagefind-ui__result").first.wait_for(timeout=10_000)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}-{shown.width}-{scheme}.png"), full_page=True)
    sideways = _sideways(page) if shown.width <= PHONE.width else []
    results = _violations(page)
    page.close()
    assert opened.errors == []
    assert sideways == [], f"scrolls sideways at {shown.width} px:\n" + "\n".join(sideways)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_page_type_on_a_wide_touch_screen_keeps_scrolling_regions_in_reach(
    browser: Any, contexts: Any, base_url: str, name: str
) -> None:
    """What hover changes, checked where it matters: a region that scrolls sideways at 1280 px
    must be reachable by keyboard without hover (axe-core's scrollable-region-focusable; the
    phone and desktop runs above check every rule, colours included, with and without hover)."""
    opened = _open(contexts, browser, base_url + PAGE_TYPES[name], TOUCH_DESKTOP)
    if name.startswith("sok-"):
        opened.page.locator(".pagefind-ui__result").first.wait_for(timeout=10_000)
    results = Axe().run(opened.page, options={"runOnly": {"type": "rule", "values": ["scrollable-region-focusable"]}})
    opened.page.close()
    assert results.violations_count == 0, results.generate_report()


# First screen: what a reader must see without scrolling on a phone. The expected texts come from
# the data (derived as the generator derives them), so that the checks hold for any records.


@functools.cache
def _portal(data: Path, as_of: dt.date) -> Portal:
    checked = check(data, as_of)
    assert checked.problems == ()
    return derive(checked.dataset, as_of)


_TEXT_BOXES = """(text) => {
    // Every occurrence of text in the article (white space collapsed, across elements), as the
    // box of its own characters: a Range over the text nodes it spans.
    const nodes = [];
    let flat = "";
    const walker = document.createTreeWalker(document.querySelector("article"), NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (let i = 0; i < node.data.length; i++) {
            const space = /\\s/.test(node.data[i]);
            if (space && (flat === "" || flat.endsWith(" "))) continue;
            flat += space ? " " : node.data[i];
            nodes.push([node, i]);
        }
    }
    const boxes = [];
    for (let at = flat.indexOf(text); at !== -1; at = flat.indexOf(text, at + 1)) {
        const range = document.createRange();
        const [first, start] = nodes[at];
        const [last, end] = nodes[at + text.length - 1];
        range.setStart(first, start);
        range.setEnd(last, end + 1);
        const box = range.getBoundingClientRect();
        boxes.push({top: box.top, bottom: box.bottom, width: box.width, height: box.height});
    }
    return boxes;
}"""


def _first_screen_misses(page: Any, texts: list[str]) -> list[str]:
    """The texts none of whose occurrences lies wholly on the first screen, with where they are."""
    page.evaluate("window.scrollTo(0, 0)")
    missing = []
    for text in texts:
        boxes = page.evaluate(_TEXT_BOXES, text)
        if not any(b["height"] > 0 and b["width"] > 0 and b["top"] >= 0 and b["bottom"] <= PHONE.height for b in boxes):
            missing.append(f"{text!r} at {[round(b['top']) for b in boxes] or 'nowhere'}")
    return missing


def _first_screen(page: Any, selector: str) -> bool:
    box = page.locator(selector).first.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE.height


FIRST_SCREENS = [("shipped", "kvalitetsservice-voo-1905-2023"), ("minimal", "omsorg-ab-2023")]
"""Decisions whose first screen is checked: the shipped one without a printed date, and a dated one."""


def _site(request: pytest.FixtureRequest, site: str) -> tuple[str, Path, dt.date]:
    if site == "shipped":
        return request.getfixturevalue("base_url"), SHIPPED, SHIPPED_AS_OF
    return request.getfixturevalue("minimal_url"), MINIMAL, AS_OF


@pytest.mark.parametrize(("site", "decision"), FIRST_SCREENS)
def test_decision_first_screen_names_what_was_not_met_and_by_when(
    request: pytest.FixtureRequest, browser: Any, contexts: Any, site: str, decision: str
) -> None:
    url, data, as_of = _site(request, site)
    followup = next(f for f in _portal(data, as_of).followups if f.record.id == decision)
    not_met = [o.name_as_printed for o in followup.outcomes if o.status.deficient]
    owed = [d.deadline.date for d in followup.deadlines if d.deadline.kind is not DeadlineKind.RESULT_FOLLOW_UP]
    assert not_met and owed, "a decision with deficiencies and a deadline, or the check is empty"
    expected = [*not_met, swedish.format_date(min(owed))]
    opened = _open(contexts, browser, url + url_of(followup.ref.page), PHONE)
    ARTIFACTS.mkdir(exist_ok=True)
    opened.page.screenshot(path=str(ARTIFACTS / f"forsta-skarmen-{decision}.png"))
    missing = _first_screen_misses(opened.page, expected)
    opened.page.close()
    assert missing == [], "not on the first screen (844 px):\n" + "\n".join(missing)


@pytest.mark.parametrize(("site", "provider_id"), [("shipped", "kvalitetsservice"), ("minimal", "omsorg-ab")])
def test_provider_first_screen_shows_standing_and_the_date_it_rests_on(
    request: pytest.FixtureRequest, browser: Any, contexts: Any, site: str, provider_id: str
) -> None:
    """The standing badge, and the date of the decision it rests on; where that decision has no
    printed date, the page cannot give one, and the first screen links the decision instead."""
    url, data, as_of = _site(request, site)
    provider = next(p for p in _portal(data, as_of).providers if p.record.id == provider_id)
    assert provider.latest is not None, "a provider with a decision, or there is no date to show"
    opened = _open(contexts, browser, url + url_of(provider.page), PHONE)
    page = opened.page
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"forsta-skarmen-{provider_id}.png"))
    label = swedish.STANDING_LABELS[provider.standing]
    badge = page.locator(".kp-status", has_text=label)
    assert badge.count() > 0, f"no badge {label!r}"
    badge_shown = _first_screen(page, f'.kp-status:has-text("{label}")')
    if provider.latest.date is not None:
        missing = _first_screen_misses(page, [swedish.format_date(provider.latest.date)])
    else:
        decision = f'article a[href$="/{url_of(provider.latest.page)}"]'
        missing = [] if _first_screen(page, decision) else [f"a link to {provider.latest.title}"]
    page.close()
    assert badge_shown, f"the badge {label!r} is not on the first screen (844 px)"
    assert missing == [], "not on the first screen (844 px): " + ", ".join(missing)


# Search: results are records and information pages only, say what they are, and filter.

RECORD_PAGE = re.compile(r"/(?:utforare|krav|beslut)/[a-z0-9]+(?:-[a-z0-9]+)*/")
"""A record's page, by its id; a listing's address has another shape (beslut/ar/2022/, utforare/index/…)."""
INFORMATION_PAGES = ("/om/", "/om/tillganglighet/", "/oppna-data/", "/ordlista/")


SEARCH_PART_PAGES = 4
"""Pages per part of the search index in parted_url: the shipped data fill several parts."""


@pytest.fixture(scope="module")
def parted_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The shipped data built with the search index cut into parts of SEARCH_PART_PAGES pages, as
    a large site's is (generator/search.py), which the search page merges."""
    out = tmp_path_factory.mktemp("parted") / "site"
    argv = ["build", "--data", str(SHIPPED), "--out", str(out), "--as-of", SHIPPED_AS_OF.isoformat()]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "PAGES_PER_PART", SEARCH_PART_PAGES)
        assert main([*argv, "--config", str(ROOT / "mkdocs.yml")]) == 0
    assert (out / "pagefind" / "del-2" / "pagefind-entry.json").is_file(), "the index is in parts"
    yield from serve(out)


@pytest.fixture(params=["whole", "parts"])
def search_url(request: pytest.FixtureRequest) -> str:
    """The shipped site with its search index in one piece, and in parts: search finds, lists and
    filters the same in both."""
    url: str = request.getfixturevalue("base_url" if request.param == "whole" else "parted_url")
    return url


def _all_results(page: Any, query: str, filters: dict[str, list[str]] | None = None) -> list[dict[str, Any]]:
    """Every result of a search through Pagefind's API as the search page's interface loads it
    (docs/javascripts/sok/pagefind.js, the index's parts merged), not only the first page the
    interface shows."""
    results: list[dict[str, Any]] = page.evaluate(
        """async ([query, filters]) => {
            const pagefind = await import("../javascripts/sok/pagefind.js");
            const search = await pagefind.search(query, {filters});
            return Promise.all(search.results.map(async r => {
                const data = await r.data();
                return {url: data.url, meta: data.meta, filters: data.filters};
            }));
        }""",
        [query, filters or {}],
    )
    return results


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_finds_an_inflected_swedish_word(browser: Any, contexts: Any, search_url: str, scheme: str) -> None:
    opened = _open(contexts, browser, search_url, DESKTOP, scheme)
    page = opened.page
    page.get_by_label("Sök efter en utförare, ett krav eller ett ord i besluten").fill("egenkontrollerna")
    page.get_by_role("button", name="Sök").click()
    results = page.locator(".pagefind-ui__result")
    results.first.wait_for(timeout=10_000)
    first = results.first.locator(".pagefind-ui__result-link").first
    assert "/krav/egenkontroller/" in (first.get_attribute("href") or "")
    assert first.inner_text() == "Egenkontroller"
    assert results.first.locator('[data-pagefind-ui-meta="typ"]').inner_text().strip() == "Typ: Kvalitetskrav"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"sok-fran-start-{scheme}.png"), full_page=True)
    violations = _violations(page)
    page.close()
    assert violations.violations_count == 0, violations.generate_report()
    assert opened.errors == []


def test_search_lists_records_and_information_pages_only(browser: Any, contexts: Any, search_url: str) -> None:
    opened = _open(contexts, browser, search_url + "sok/")
    results = _all_results(opened.page, "egenkontrollerna")
    opened.page.close()
    urls = [r["url"] for r in results]
    assert "/krav/egenkontroller/" in urls
    others = [url for url in urls if not RECORD_PAGE.fullmatch(url) and url not in INFORMATION_PAGES]
    assert others == [], "a listing or the search page among the results: they lead away from the records"
    assert all(r["meta"].get("typ") for r in results), "every result says what it is"


def test_search_filters_by_kind_from_the_address(browser: Any, contexts: Any, search_url: str) -> None:
    opened = _open(contexts, browser, search_url + "sok/")
    unfiltered = {r["meta"]["typ"] for r in _all_results(opened.page, "egenkontrollerna")}
    assert {"Beslut", "Kvalitetskrav"} <= unfiltered, "the filter below must have something to leave out"
    decisions = [r["url"] for r in _all_results(opened.page, "egenkontrollerna", {"Typ": ["Beslut"]})]
    opened.page.close()
    opened = _open(contexts, browser, search_url + "sok/?q=egenkontrollerna&typ=Beslut")
    page = opened.page
    page.locator(".pagefind-ui__result").first.wait_for(timeout=10_000)
    page.get_by_text(f"egenkontrollerna gav {len(decisions)} träff").wait_for(timeout=10_000)
    shown = page.locator(".pagefind-ui__result-inner > .pagefind-ui__result-title > .pagefind-ui__result-link")
    assert sorted(shown.evaluate_all("links => links.map(a => a.getAttribute('href'))")) == sorted(decisions)
    assert page.get_by_role("checkbox", name="Beslut").is_checked()
    groups = page.locator(".pagefind-ui__filter-name").all_inner_texts()
    assert groups == ["Område", "Status", "Typ"], "every filter stays on offer, not only the one the link chose"
    assert page.locator(".pagefind-ui__search-input").input_value() == "egenkontrollerna"
    tags = page.locator('.pagefind-ui__result-tag[data-pagefind-ui-meta="typ"]').all_inner_texts()
    page.close()
    assert [t.strip() for t in tags] == ["Typ: Beslut"] * len(decisions)
    assert opened.errors == []


@pytest.mark.parametrize("query", ["egenkontrollerna", "ordlista", "ordlsta", "riskanalys samverkan"])
def test_search_in_parts_finds_what_one_index_finds(
    browser: Any, contexts: Any, base_url: str, parted_url: str, query: str
) -> None:
    """The parts merged find exactly the pages that one index finds: for a word every part has, a
    word only one part has, a misspelt word (Pagefind then falls back to a shorter word it has)
    and two words."""
    found = {}
    for url in (base_url, parted_url):
        opened = _open(contexts, browser, url + "sok/")
        found[url] = sorted(result["url"] for result in _all_results(opened.page, query))
        opened.page.close()
        assert opened.errors == []
    assert found[base_url], f"{query!r} must find something for the comparison to say anything"
    assert found[parted_url] == found[base_url]


def test_the_address_fills_in_values_never_markup(browser: Any, contexts: Any, search_url: str) -> None:
    attack = "<img src=x onerror=window.__pwned=1>"
    opened = _open(contexts, browser, search_url + "sok/?q=" + quote(attack) + "&typ=" + quote(attack))
    page = opened.page
    page.locator(".pagefind-ui__message").wait_for(timeout=10_000)
    assert page.locator(".pagefind-ui__search-input").input_value() == attack
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#sokresultat img").count() == 0
    page.close()
    assert opened.errors == []


# Other pages and behaviours.


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_reply_and_corrections_are_clean_and_accessible(
    browser: Any, contexts: Any, minimal_url: str, scheme: str
) -> None:
    opened = _open(contexts, browser, minimal_url + "beslut/omsorg-ab-2023/", DESKTOP, scheme)
    page = opened.page
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"beslut-svar-rattelser-{scheme}.png"), full_page=True)
    assert _violations(page).violations_count == 0
    assert opened.errors == []
    replies = page.locator(".kp-reply")
    assert replies.count() == 2
    to_finding = replies.filter(has_text="inkom 20 november 2023")  # the other is to the whole decision
    assert to_finding.count() == 1
    assert to_finding.inner_text().startswith(
        "Utförarens svar (inkom 20 november 2023)\n\nUtförarens egen text, publicerad oförändrad."
    )
    assert page.get_by_role("heading", name="Rättelser").is_visible()
    page.close()


def test_provider_page_shows_standing_and_summary(browser: Any, contexts: Any, seed_url: str) -> None:
    page = _open(contexts, browser, seed_url + "utforare/kvalitetsservice/").page
    assert page.locator(".kp-standing .kp-status").inner_text().strip() == "Brister – åtgärder krävs"
    text = page.locator("article").inner_text()
    assert "uppfyllde Kvalitetsservice 4 av 8 krav" in text
    assert "Åtgärdsplan skulle lämnas senast 2 januari 2024." in text
    page.close()


def test_decision_prints_without_site_chrome(browser: Any, contexts: Any, base_url: str) -> None:
    page = _open(contexts, browser, base_url + PAGE_TYPES["beslut-sida"]).page
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"):
        assert not page.locator(chrome).first.is_visible(), chrome
    assert page.locator("h1").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    page.close()


def _own_context(browser: Any, **options: Any) -> Any:
    """A context of its own, for a test that needs options the shared ones do not have."""
    context = browser.new_context(viewport=DESKTOP.viewport, reduced_motion="reduce", **options)
    context.add_init_script(script=_NO_MOTION_SCRIPT)
    return context


def test_comparison_sorts_and_filters_without_javascript(browser: Any, base_url: str) -> None:
    context = _own_context(browser, java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "jamforelse/")
    page.get_by_role("link", name="Flest brister först").click()
    assert page.url.endswith("/jamforelse/flest-brister/")
    page.get_by_role("link", name="Ledningssystem för kvalitet").first.click()
    headers = page.locator("table thead th").all_inner_texts()
    assert headers[0] == "Utförare" and "Kraven senast uppföljda" in headers
    seeds = ["Egenkontroller", "Riskanalyser", "Samverkan", "Utredning av avvikelser och rapporteringsskyldighet"]
    assert [h for h in headers if h in seeds] == seeds, "the area's requirements, in order"
    context.close()


def test_keyboard_reaches_the_content(browser: Any, contexts: Any, base_url: str) -> None:
    page = _open(contexts, browser, base_url + "utforare/kvalitetsservice/").page
    page.keyboard.press("Tab")
    skip = page.evaluate("document.activeElement.textContent.trim()")
    assert skip == "Gå till innehållet"
    page.keyboard.press("Enter")
    # The jump is a navigation within the page: page.url follows it a moment later, so wait for it.
    page.wait_for_function("location.hash === '#kvalitetsservice'", timeout=5_000)
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_copy_link_copies_a_findings_permalink(browser: Any, base_url: str, scheme: str) -> None:
    context = _own_context(browser, color_scheme=scheme, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(base_url + PAGE_TYPES["beslut-sida"] + "?fran=test", wait_until="networkidle")
    findings = page.locator('h4[id^="krav-"]')
    buttons = page.locator(".kp-copy-link__button")
    buttons.first.wait_for(timeout=5_000)
    assert buttons.count() == findings.count() > 0
    first = findings.first
    finding_id = first.get_attribute("id") or ""
    heading = first.evaluate("h => h.firstChild.textContent.trim()")
    button = buttons.first
    assert button.evaluate("b => b.firstChild.textContent") == "Kopiera länk"  # then the heading, for screen readers
    assert page.get_by_role("button", name=f"Kopiera länk till {heading}").count() == 1
    button.click()
    status = page.locator(".kp-copy-link__status").first
    status.filter(has_text="Länken är kopierad").wait_for(timeout=5_000)
    assert status.get_attribute("role") == "status"
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == base_url + PAGE_TYPES["beslut-sida"] + "#" + finding_id
    page.mouse.move(0, 0)
    box = first.bounding_box()
    ARTIFACTS.mkdir(exist_ok=True)
    clip = {"x": box["x"] - 16, "y": box["y"] - 24, "width": 760, "height": 170}
    page.screenshot(path=str(ARTIFACTS / f"kopiera-lank-{scheme}.png"), clip=clip)
    assert _violations(page).violations_count == 0
    assert errors == []
    context.close()


def test_copy_link_works_from_the_keyboard_on_a_requirement_page(browser: Any, base_url: str) -> None:
    context = _own_context(browser, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(base_url + PAGE_TYPES["krav-sida"], wait_until="networkidle")
    versions = page.locator('h2[id^="version-"]')
    page.locator(".kp-copy-link__button").first.wait_for(timeout=5_000)
    assert page.locator(".kp-copy-link__button").count() == versions.count() >= 2  # one per version
    button = page.get_by_role("button", name="Kopiera länk till Som kravet återges i Sov 881/2022")
    button.focus()
    page.keyboard.press("Enter")
    page.get_by_role("status").filter(has_text="Länken är kopierad").wait_for(timeout=5_000)
    assert page.evaluate("navigator.clipboard.readText()").endswith("/krav/egenkontroller/#version-enligt-sov-881-2022")
    assert errors == []
    context.close()


def test_without_javascript_the_heading_link_is_the_permalink(browser: Any, base_url: str) -> None:
    context = _own_context(browser, java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + PAGE_TYPES["beslut-sida"])
    assert page.locator(".kp-copy-link").count() == 0
    first = page.locator('h4[id^="krav-"]').first
    assert first.locator(".headerlink").get_attribute("href") == "#" + (first.get_attribute("id") or "")
    context.close()


def teardown_module() -> None:
    """Screenshots stay for a person to look at; an empty folder does not."""
    if ARTIFACTS.exists() and not any(ARTIFACTS.iterdir()):
        shutil.rmtree(ARTIFACTS)
