"""Hostile text in every text field of every record renders inert and visible as written.

The minimal tree is rewritten so that each text field carries script tags, an onerror image,
a javascript: Markdown link, raw HTML and Jinja syntax; the site is built and every page is
opened in Chromium, where no script may run and the text must show exactly as written.
"""

from __future__ import annotations

from html import unescape
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli import main
from tests.conftest import AS_OF, ROOT, Tree
from tests.test_browser import CHROMIUM, playwright_api

HOSTILE = (
    '<script>window.__pwned = 1</script> <img src=x onerror="window.__pwned = 2"> '
    "[klicka](javascript:window.__pwned=3) <b>fet</b> {{ 7 * 7 }} {% if true %}x{% endif %} :material-alert: *stjärna*"
)
TEXT_FIELDS = {
    "title", "area", "name", "text", "guidance", "evidence", "heading", "earlier_finding", "earlier_action",
    "assessment", "required_action", "measure", "sample", "introduction", "provider_description", "method",
    "consequences", "organisation", "department", "unit", "website", "items", "change", "reason",
}  # fmt: skip


def _poison(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        return {k: _poison(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_poison(item, key) for item in value]
    if isinstance(value, str) and key in TEXT_FIELDS and value not in ("percent", "count"):  # Figure.unit is an enum
        return f"{key}: {HOSTILE}"
    return value


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    tree = Tree(root / "data")
    for source in (ROOT / "tests" / "fixtures" / "minimal").rglob("*.yml"):
        record = yaml.safe_load(source.read_text(encoding="utf-8"))
        tree.write(
            source.relative_to(ROOT / "tests" / "fixtures" / "minimal").as_posix(),
            yaml.safe_dump(_poison(record), allow_unicode=True),
        )
    out = root / "site"
    argv = ["build", "--data", str(tree.root), "--out", str(out), "--as-of", AS_OF.isoformat()]
    assert main([*argv, "--config", str(ROOT / "mkdocs.yml")]) == 0
    return out


def test_every_text_field_was_poisoned(hostile_site: Path) -> None:
    pages = unescape(" ".join(p.read_text(encoding="utf-8") for p in (hostile_site / "beslut").rglob("*.html")))
    poisoned = "assessment required_action earlier_finding measure introduction unit heading text change reason"
    for field in poisoned.split():
        assert f"{field}: " in pages, field


def test_no_script_runs_and_the_text_shows_as_written(hostile_site: Path) -> None:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing")
    pages = sorted(p for p in hostile_site.rglob("index.html") if "pagefind" not in p.parts)
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        dialogs: list[str] = []

        def on_dialog(dialog: Any) -> None:
            dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        shown = 0
        for path in pages:
            page.goto(path.as_uri())
            for link in page.locator("a[href^='javascript:']").all():
                raise AssertionError(f"{path}: a javascript: link became a link: {link.get_attribute('href')}")
            assert page.evaluate("window.__pwned") is None, path
            assert page.locator("article b").count() == 0, path
            text = page.locator("article").inner_text()
            shown += text.count(HOSTILE)
        browser.close()
    assert dialogs == []
    assert shown > 20
