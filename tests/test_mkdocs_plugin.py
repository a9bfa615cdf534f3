"""The MkDocs plugin: generated pages join the build, and never silently replace a hand-written one."""

from __future__ import annotations

import gc
import html
import logging
import shutil
from pathlib import Path
from typing import Literal

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from generator import mkdocs_plugin
from generator.mkdocs_plugin import PortalPlugin
from generator.model import Record
from generator.organisation import ThemeIdentity
from generator.pipeline import check
from tests.conftest import AS_OF, MINIMAL, ROOT
from tests.test_drafts import DRAFTS, PROVIDER, TEXTS, TYPED, drafts_tree


def _config(tmp_path: Path, data: Path, organisation: Path = ROOT / "organisation.yml") -> Path:
    (tmp_path / "docs").mkdir()
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: Test\n"
        "plugins:\n"
        "  - kvalitetsportalen:\n"
        f"      data_dir: {data}\n"
        "      pages_dir: generated\n"
        f"      as_of: '{AS_OF.isoformat()}'\n"
        f"      organisation: {organisation}\n"
        "markdown_extensions: [attr_list, tables]\n",
        encoding="utf-8",
    )
    return config


@pytest.mark.slow
def test_generated_pages_are_built_and_kept_out_of_docs(tmp_path: Path) -> None:
    config = load_config(str(_config(tmp_path, MINIMAL)))
    build(config)
    assert (tmp_path / "site" / "beslut" / "omsorg-ab-2024" / "index.html").is_file()
    assert (tmp_path / "generated" / "beslut" / "omsorg-ab-2024.md").is_file()
    assert list((tmp_path / "docs").iterdir()) == []


@pytest.mark.slow
def test_a_build_lets_go_of_the_records_before_mkdocs_converts_the_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once the pages and the open data are written, MkDocs holds every page until the end of
    the build; the records are freed before (at L they are most of the generator's memory)."""
    alive: list[int] = []
    on_nav = PortalPlugin.on_nav

    def counting(self: PortalPlugin, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        alive.append(_records_alive())
        return on_nav(self, nav, config=config, files=files)

    monkeypatch.setattr(PortalPlugin, "on_nav", counting)
    before = _records_alive()
    config = load_config(str(_config(tmp_path, MINIMAL)))
    build(config)
    assert alive and alive[0] <= before
    plugin = config.plugins["kvalitetsportalen"]
    assert isinstance(plugin, PortalPlugin) and plugin.checked is not None
    assert plugin.checked.shown == check(MINIMAL, AS_OF).dataset.record_count > 0


def _records_alive() -> int:
    """The data's records (generator.model's, not the deployment's identity) this process holds."""
    gc.collect()
    return sum(isinstance(thing, Record) and type(thing).__module__ == Record.__module__ for thing in gc.get_objects())


@pytest.mark.slow
def test_a_build_leaves_the_drafts_out_and_says_so(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.kvalitetsportalen")
    build(load_config(str(_config(tmp_path, DRAFTS))))
    assert f"3 utkast lämnades utanför (publiceras inte): drafts/{TYPED}, drafts/{TEXTS}, drafts/{PROVIDER}" in (
        caplog.text
    )
    assert sorted(p.name for p in (tmp_path / "generated" / "beslut").glob("*.md")) == [
        "index.md",
        "omsorg-ab-2023.md",
        "omsorg-ab-2024.md",
    ]
    assert not (tmp_path / "site" / "utforare" / "vard-ab").exists()


@pytest.mark.slow
def test_a_hand_written_page_in_the_way_stops_the_build(tmp_path: Path) -> None:
    config_file = _config(tmp_path, MINIMAL)
    (tmp_path / "docs" / "krav").mkdir()
    (tmp_path / "docs" / "krav" / "index.md").write_text("# Handskriven\n", encoding="utf-8")
    with pytest.raises(Abort):
        build(load_config(str(config_file)))


def test_bad_data_stops_the_build_before_the_site_is_cleaned(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "providers").mkdir()
    (data / "providers" / "x.yml").write_text("id: x\n", encoding="utf-8")
    config_file = _config(tmp_path, data)
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("old", encoding="utf-8")
    with pytest.raises(Abort):
        build(load_config(str(config_file)))
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "old"


@pytest.mark.slow
def test_serving_shows_problems_instead_of_failing_and_recovers(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    config = load_config(str(_config(tmp_path, data)), strict=False)
    plugin = config.plugins["kvalitetsportalen"]
    assert isinstance(plugin, PortalPlugin)
    config.plugins.on_startup(command="serve", dirty=True)
    build(config, dirty=True)
    assert not plugin.problems
    followup = data / "followups" / "omsorg-ab-2023.yml"
    followup.write_text(followup.read_text(encoding="utf-8").replace("status: met", "status: bra", 1), encoding="utf-8")
    build(config, dirty=True)  # no exception: MkDocs' server would stop answering
    assert [problem.line for problem in plugin.problems] == [14]
    assert (tmp_path / "site" / "beslut" / "omsorg-ab-2024" / "index.html").is_file(), "the pages it had stay"
    followup.write_text(followup.read_text(encoding="utf-8").replace("status: bra", "status: met", 1), encoding="utf-8")
    build(config, dirty=True)
    assert not plugin.problems
    config.plugins.on_shutdown()


@pytest.mark.slow
def test_the_preview_leaves_drafts_out_until_their_mark_is_removed(tmp_path: Path) -> None:
    data = drafts_tree(tmp_path).root
    config = load_config(str(_config(tmp_path, data)), strict=False)
    config.plugins.on_startup(command="serve", dirty=True)
    build(config, dirty=True)
    decision = tmp_path / "site" / "beslut" / "vard-ab-2023" / "index.html"
    assert not decision.exists()
    for file, old, new in (
        (PROVIDER, "draft: true\n", ""),
        (TEXTS, "draft: true\n", ""),
        (TEXTS, "introduction: att fylla i", "introduction: Enheten har följt upp kvalitetskrav."),
        (TEXTS, "required_action: att fylla i", "required_action: Skicka in en åtgärdsplan."),
        (TEXTS, "  name: att fylla i", "  name: Anna Controller"),
    ):
        path = data / file
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    build(config, dirty=True)
    plugin = config.plugins["kvalitetsportalen"]
    assert isinstance(plugin, PortalPlugin) and not plugin.problems
    assert decision.is_file()
    assert not (tmp_path / "site" / "beslut" / "omsorg-ab-2022").exists()
    config.plugins.on_shutdown()


@pytest.mark.slow
def test_serving_refreshes_open_data_and_search_after_the_build(tmp_path: Path) -> None:
    config = load_config(str(_config(tmp_path, MINIMAL)), strict=False)
    config.plugins.on_startup(command="serve", dirty=True)
    build(config, dirty=True)
    plugin = config.plugins["kvalitetsportalen"]
    assert isinstance(plugin, PortalPlugin)
    config.plugins.on_shutdown()
    assert plugin.preview is None
    site = Path(config.site_dir)
    assert (site / "data" / "atgarder.csv.gz").is_file()
    assert (site / "pagefind" / "pagefind.js").is_file()


@pytest.mark.slow
def test_a_build_fails_when_its_open_data_cannot_be_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: object) -> None:
        raise OSError("disken är full")

    monkeypatch.setattr(mkdocs_plugin, "publish_extras", broken)
    with pytest.raises(Abort):
        build(load_config(str(_config(tmp_path, MINIMAL))))
    assert "Öppna data och flöden kunde inte skrivas" in caplog.text


def _identity(tmp_path: Path, old: str, new: str) -> Path:
    """The shipped organisation.yml with one change, beside the test's mkdocs.yml."""
    path = tmp_path / "organisation.yml"
    text = (ROOT / "organisation.yml").read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.slow
def test_the_accessibility_statement_is_built_from_the_organisation_file(tmp_path: Path) -> None:
    identity = _identity(tmp_path, "name: Örebro kommun", "name: Exempel kommun")
    config = load_config(str(_config(tmp_path, MINIMAL, identity)))
    build(config)
    statement = (tmp_path / "site" / "om" / "tillganglighet" / "index.html").read_text(encoding="utf-8")
    assert "Exempel kommun står bakom den här webbplatsen" in statement
    assert isinstance(config.extra["organisation"], ThemeIdentity)
    assert config.extra["organisation"].name == "Exempel kommun"


def test_a_hand_written_statement_in_the_way_stops_the_build(tmp_path: Path) -> None:
    config_file = _config(tmp_path, MINIMAL)
    (tmp_path / "docs" / "om").mkdir()
    (tmp_path / "docs" / "om" / "tillganglighet.md").write_text("# Handskriven\n", encoding="utf-8")
    with pytest.raises(Abort):
        build(load_config(str(config_file)))


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("email: egetval@orebro.se", "email: egetval at orebro", ":8: `egetval at orebro` har fel form"),
        ("reviewed: 2026-11-30", 'reviewed: "2026-11-30"', ":14: `reviewed` ska vara ett datum"),
    ],
)
def test_problems_in_the_organisation_file_stop_the_build_like_data_problems(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, old: str, new: str, expected: str
) -> None:
    identity = _identity(tmp_path, old, new)
    line = next(n for n, text in enumerate(identity.read_text(encoding="utf-8").splitlines(), 1) if new in text)
    with pytest.raises(Abort):
        build(load_config(str(_config(tmp_path, MINIMAL, identity))))
    assert "Data har problem" in caplog.text
    assert f"organisation.yml:{line}:" in caplog.text
    assert expected.split(": ", 1)[1] in caplog.text


def test_a_missing_organisation_file_stops_the_build(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with pytest.raises(Abort):
        build(load_config(str(_config(tmp_path, MINIMAL, tmp_path / "saknas.yml"))))
    assert "saknas.yml:1:1: filen med organisationens uppgifter finns inte" in caplog.text


@pytest.mark.slow
def test_serving_shows_the_organisation_file_s_problems_and_recovers(tmp_path: Path) -> None:
    identity = _identity(tmp_path, "name: Örebro kommun", "name: Örebro kommun")
    config = load_config(str(_config(tmp_path, MINIMAL, identity)), strict=False)
    plugin = config.plugins["kvalitetsportalen"]
    assert isinstance(plugin, PortalPlugin)
    config.plugins.on_startup(command="serve", dirty=True)
    build(config, dirty=True)
    assert not plugin.problems
    identity.write_text(identity.read_text(encoding="utf-8").replace("compliance: delvis", "compliance: nästan"))
    build(config, dirty=True)  # no exception: MkDocs' server would stop answering
    assert [(problem.path, problem.message.split(" ")[0]) for problem in plugin.problems] == [
        ("organisation.yml", "`nästan")
    ]
    identity.write_text(identity.read_text(encoding="utf-8").replace("compliance: nästan", "compliance: delvis"))
    build(config, dirty=True)
    assert not plugin.problems
    config.plugins.on_shutdown()


def _project_config(
    tmp_path: Path, identity: Path, command: Literal["build", "serve"], data: Path = MINIMAL, docs: Path = ROOT / "docs"
) -> MkDocsConfig:
    """The project's mkdocs.yml (its theme prints the identity in every page) on the minimal tree."""
    site = str(tmp_path / "site")
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=site, docs_dir=str(docs), strict=command == "build")
    plugin = config.plugins["kvalitetsportalen"]
    assert isinstance(plugin, PortalPlugin)
    pages_dir = str(tmp_path / "pages")
    plugin.config.update(
        data_dir=str(data), pages_dir=pages_dir, as_of=AS_OF.isoformat(), organisation=str(identity), search=False
    )
    config.plugins.on_startup(command=command, dirty=command == "serve")
    return config


@pytest.mark.slow
def test_the_preview_shows_an_edited_identity_on_every_page(tmp_path: Path) -> None:
    identity = _identity(tmp_path, "name: Örebro kommun", "name: Örebro kommun")
    config = _project_config(tmp_path, identity, "serve")
    build(config, dirty=True)
    home = tmp_path / "site" / "index.html"
    assert "</span>Örebro kommun</span>" in home.read_text(encoding="utf-8")
    identity.write_text(identity.read_text(encoding="utf-8").replace("name: Örebro kommun", "name: Testkommun"))
    build(config, dirty=True)  # the home page's own text is unchanged
    assert "</span>Testkommun</span>" in home.read_text(encoding="utf-8")
    config.plugins.on_shutdown()


@pytest.mark.slow
def test_hostile_text_in_the_organisation_file_is_encoded_in_every_page(tmp_path: Path) -> None:
    """With the project's theme (header, footer, 404 print config.extra.organisation unescaped)."""
    hostile = '"<img src=x onerror=alert(1)> & Co"'
    identity = _identity(tmp_path, "name: Örebro kommun", f"name: {hostile}")
    site = tmp_path / "site"
    config = _project_config(tmp_path, identity, "build")
    build(config)
    config.plugins.on_shutdown()
    pages = [site / "404.html", site / "index.html", site / "om" / "tillganglighet" / "index.html"]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<img src=x" not in html, page
        assert "&lt;img src=x onerror=alert(1)&gt; &amp; Co" in html, page


@pytest.mark.slow
def test_record_text_can_neither_include_a_file_nor_define_an_abbreviation(tmp_path: Path) -> None:
    """Every page knows the glossary's abbreviations (generator.terms hands them to abbr): a record's
    text that looks like a snippet or an abbreviation's definition stays text."""
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    decision = data / "followups" / "omsorg-ab-2024.yml"
    hostile = '|\n      --8<-- "abbreviations.md"\n\n      *[Nu]: kapad förklaring\n\n      Nu är 90 % aktuella.'
    decision.write_text(
        decision.read_text(encoding="utf-8").replace("assessment: Nu är 90 % aktuella.", f"assessment: {hostile}"),
        encoding="utf-8",
    )
    config = _project_config(tmp_path, ROOT / "organisation.yml", "build", data)
    build(config)
    config.plugins.on_shutdown()
    page = (tmp_path / "site" / "beslut" / "omsorg-ab-2024" / "index.html").read_text(encoding="utf-8")
    shown = html.unescape(page)
    assert '<p>--8<-- "abbreviations.md"</p>' in shown  # as written, a paragraph of its own
    assert "<p>*[Nu]: kapad förklaring</p>" in shown
    assert 'title="kapad' not in page
    assert "Treserva: ett verksamhetssystem" not in page, "the abbreviations file is not printed"


@pytest.mark.slow
def test_a_logo_named_in_the_organisation_file_replaces_the_theme_s_icon(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    (docs / "bilder").mkdir()
    (docs / "bilder" / "logotyp.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    identity = _identity(tmp_path, "# logo:", "logo: bilder/logotyp.svg")
    config = _project_config(tmp_path, identity, "build", docs=docs)
    build(config)
    config.plugins.on_shutdown()
    page = (tmp_path / "site" / "om" / "index.html").read_text(encoding="utf-8")
    assert page.count('<img src="../bilder/logotyp.svg" alt="">') == 2  # the header and the drawer
