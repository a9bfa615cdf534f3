"""The built site as a person sees it, in headless Chromium (Debian's package, never a downloaded build).

Every page type loads without console errors and with zero axe-core WCAG 2.1 A/AA violations in
light and dark mode; screenshots go to tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from tests.conftest import AS_OF, MINIMAL, ROOT

playwright_api = pytest.importorskip("playwright.sync_api")
from axe_playwright_python.sync_playwright import Axe  # noqa: E402

ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}

PAGE_TYPES = {
    "start": "",
    "utforare": "utforare/",
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
    "sok": "sok/",
}

if not Path(CHROMIUM).exists() and not os.environ.get("CI"):
    pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium (CI installs it)", allow_module_level=True)


@pytest.fixture(scope="module")
def base_url(shipped_site: Path) -> Iterator[str]:
    yield from _serve(shipped_site)


@pytest.fixture(scope="module")
def seed_url(seed_site: Path) -> Iterator[str]:
    """The seed decisions alone (conftest.seed_site): what sums them up, whatever data/ gains."""
    yield from _serve(seed_site)


@pytest.fixture(scope="module")
def minimal_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The minimal tree built: the shipped data have no provider's reply and no correction, it has both."""
    out = tmp_path_factory.mktemp("minimal") / "site"
    argv = ["build", "--data", str(MINIMAL), "--out", str(out), "--as-of", AS_OF.isoformat()]
    assert main([*argv, "--config", str(ROOT / "mkdocs.yml")]) == 0
    yield from _serve(out)


def _serve(site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """The test output is for failures, not for every request."""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        yield launched
        launched.close()


def _open(browser: Any, url: str, scheme: str = "light", **options: Any) -> tuple[Any, list[str]]:
    """The page loaded, with reduced motion: Material then turns its CSS transitions off, so that
    axe-core never measures the header tabs' colours halfway through their fade-in."""
    viewport = {"width": 1280, "height": 900}
    context = browser.new_context(color_scheme=scheme, viewport=viewport, reduced_motion="reduce", **options)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url, wait_until="networkidle")
    return page, errors


def _violations(page: Any) -> Any:
    """axe-core's results once every finite animation or transition still running has ended."""
    page.evaluate(
        """Promise.allSettled(document.getAnimations()
            .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
            .map(a => a.finished))"""
    )
    return Axe().run(page, options=WCAG)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_page_type_is_clean_and_accessible(browser: Any, base_url: str, name: str, scheme: str) -> None:
    page, errors = _open(browser, base_url + PAGE_TYPES[name], scheme)
    expected = "slate" if scheme == "dark" else "default"
    assert page.locator("body").get_attribute("data-md-color-scheme") == expected
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}-{scheme}.png"), full_page=True)
    results = _violations(page)
    assert errors == []
    assert results.violations_count == 0, results.generate_report()
    page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_reply_and_corrections_are_clean_and_accessible(browser: Any, minimal_url: str, scheme: str) -> None:
    page, errors = _open(browser, minimal_url + "beslut/omsorg-ab-2023/", scheme)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"beslut-svar-rattelser-{scheme}.png"), full_page=True)
    assert _violations(page).violations_count == 0
    assert errors == []
    replies = page.locator(".kp-reply")
    assert replies.count() == 2
    assert (
        replies.nth(1)
        .inner_text()
        .startswith("Utförarens svar (inkom 20 november 2023)\n\nUtförarens egen text, publicerad oförändrad.")
    )
    assert page.get_by_role("heading", name="Rättelser").is_visible()
    page.context.close()


def test_provider_page_shows_standing_and_summary(browser: Any, seed_url: str) -> None:
    page, _ = _open(browser, seed_url + "utforare/kvalitetsservice/")
    assert page.locator(".kp-standing .kp-status").inner_text().strip() == "Brister – åtgärder krävs"
    text = page.locator("article").inner_text()
    assert "uppfyllde Kvalitetsservice 4 av 8 krav" in text
    assert "Åtgärdsplan skulle lämnas senast 2 januari 2024." in text
    page.context.close()


def test_search_finds_an_inflected_swedish_word(browser: Any, base_url: str) -> None:
    page, errors = _open(browser, base_url)
    page.get_by_label("Sök efter en utförare, ett krav eller ett ord i besluten").fill("egenkontrollerna")
    page.get_by_role("button", name="Sök").click()
    results = page.locator(".pagefind-ui__result-link")
    results.first.wait_for(timeout=10_000)
    assert "/krav/egenkontroller/" in (results.first.get_attribute("href") or "")
    assert results.first.inner_text() == "Egenkontroller"
    results_page = page.url
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "sok-resultat-light.png"), full_page=True)
    assert _violations(page).violations_count == 0, results_page
    assert errors == []
    page.context.close()


def test_decision_prints_without_site_chrome(browser: Any, base_url: str) -> None:
    page, _ = _open(browser, base_url + PAGE_TYPES["beslut-sida"])
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"):
        assert not page.locator(chrome).first.is_visible(), chrome
    assert page.locator("h1").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    page.context.close()


def test_comparison_sorts_and_filters_without_javascript(browser: Any, base_url: str) -> None:
    page, _ = _open(browser, base_url + "jamforelse/", java_script_enabled=False)
    page.get_by_role("link", name="Flest brister först").click()
    assert page.url.endswith("/jamforelse/flest-brister/")
    page.get_by_role("link", name="Ledningssystem för kvalitet").first.click()
    headers = page.locator("table thead th").all_inner_texts()
    assert headers[0] == "Utförare" and "Kraven senast uppföljda" in headers
    seeds = ["Egenkontroller", "Riskanalyser", "Samverkan", "Utredning av avvikelser och rapporteringsskyldighet"]
    assert [h for h in headers if h in seeds] == seeds, "the area's requirements, in order"
    page.context.close()


def test_keyboard_reaches_the_content(browser: Any, base_url: str) -> None:
    page, _ = _open(browser, base_url + "utforare/kvalitetsservice/")
    page.keyboard.press("Tab")
    skip = page.evaluate("document.activeElement.textContent.trim()")
    assert skip == "Gå till innehållet"
    page.keyboard.press("Enter")
    # The jump is a navigation within the page: page.url follows it a moment later, so wait for it.
    page.wait_for_function("location.hash === '#kvalitetsservice'", timeout=5_000)
    page.context.close()


def teardown_module() -> None:
    """Screenshots stay for a person to look at; an empty folder does not."""
    if ARTIFACTS.exists() and not any(ARTIFACTS.iterdir()):
        shutil.rmtree(ARTIFACTS)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_copy_link_copies_a_findings_permalink(browser: Any, base_url: str, scheme: str) -> None:
    permissions = ["clipboard-read", "clipboard-write"]
    page, errors = _open(browser, base_url + PAGE_TYPES["beslut-sida"] + "?fran=test", scheme, permissions=permissions)
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
    assert copied.endswith("#krav-samverkan")
    page.mouse.move(0, 0)
    box = first.bounding_box()
    ARTIFACTS.mkdir(exist_ok=True)
    clip = {"x": box["x"] - 16, "y": box["y"] - 24, "width": 760, "height": 170}
    page.screenshot(path=str(ARTIFACTS / f"kopiera-lank-{scheme}.png"), clip=clip)
    assert _violations(page).violations_count == 0
    assert errors == []
    page.context.close()


def test_copy_link_works_from_the_keyboard_on_a_requirement_page(browser: Any, base_url: str) -> None:
    permissions = ["clipboard-read", "clipboard-write"]
    page, errors = _open(browser, base_url + PAGE_TYPES["krav-sida"], permissions=permissions)
    versions = page.locator('h2[id^="version-"]')
    page.locator(".kp-copy-link__button").first.wait_for(timeout=5_000)
    assert page.locator(".kp-copy-link__button").count() == versions.count() >= 2  # one per version
    button = page.get_by_role("button", name="Kopiera länk till Som kravet återges i Sov 881/2022")
    button.focus()
    page.keyboard.press("Enter")
    page.get_by_role("status").filter(has_text="Länken är kopierad").wait_for(timeout=5_000)
    assert page.evaluate("navigator.clipboard.readText()").endswith("/krav/egenkontroller/#version-enligt-sov-881-2022")
    assert errors == []
    page.context.close()


def test_without_javascript_the_heading_link_is_the_permalink(browser: Any, base_url: str) -> None:
    page, _ = _open(browser, base_url + PAGE_TYPES["beslut-sida"], java_script_enabled=False)
    assert page.locator(".kp-copy-link").count() == 0
    first = page.locator('h4[id^="krav-"]').first
    assert first.locator(".headerlink").get_attribute("href") == "#" + (first.get_attribute("id") or "")
    page.context.close()
