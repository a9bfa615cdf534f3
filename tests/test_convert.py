"""Generated pages converted outside MkDocs' loop (generator/convert.py): the published site is the
same byte for byte as when MkDocs converts every page itself, a page is converted once and then
taken from the cache until its text or what its links find changes, MkDocs' warnings still fail a
strict build, and a damaged cache costs time, never the build.

Slow: the tests named `..._slow` (the benchmark's S tree built three times, a few minutes on two
busy cores); `-k "not slow"` leaves them out.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import zlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any
from unittest import mock

import mkdocs.commands.build as mkdocs_build
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from bench.generate import generate_tree
from generator import convert, mkdocs_plugin, parallel, terms
from generator.convert import (
    CACHE_FOLDER,
    ENGINE,
    Conversion,
    Converted,
    Heading,
    HtmlCache,
    Logged,
    Target,
    decode,
    encode,
)
from generator.mkdocs_plugin import PortalPlugin
from generator.pipeline import Generated, generate
from tests.conftest import AS_OF, MINIMAL, ROOT, SHIPPED, SHIPPED_AS_OF, Tree

S_TREE_AS_OF = dt.date(2026, 11, 23)


class Built:
    """One build of a data tree with the project's mkdocs.yml into its own folder."""

    def __init__(self, work: Path) -> None:
        self.site = work / "site"
        self.pages = work / "pages"
        self.converted: list[str] | None = None
        """The pages this build converted; None when MkDocs converted them all."""
        self.reused = 0
        self.warnings: list[str] = []
        """What MkDocs and its plugins logged at WARNING or above, in order."""
        self.failure: str | None = None
        """Why MkDocs stopped the build, if it did."""

    def files(self) -> dict[str, bytes]:
        return {
            p.relative_to(self.site).as_posix(): p.read_bytes() for p in sorted(self.site.rglob("*")) if p.is_file()
        }

    def texts(self) -> dict[str, str]:
        """The generated Markdown pages as this build left them."""
        return {p.relative_to(self.pages).as_posix(): p.read_text(encoding="utf-8") for p in self.pages.rglob("*.md")}


class Warnings(logging.Handler):
    def __init__(self, into: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.into = into

    def emit(self, record: logging.LogRecord) -> None:
        self.into.append(record.getMessage())


def _build(
    work: Path,
    data: Path,
    as_of: dt.date,
    *,
    serve: bool = False,
    engine: str = "",
    cache: Path | None = None,
    may_fail: bool = False,
) -> Built:
    """data built as `build` (strict) or as the preview builds it, with conversion as the switch
    says and the cache in cache (else in work)."""
    built = Built(work)
    docs = work.parent / "docs"  # one copy for the builds of a test: they compare what they built
    if not docs.exists():
        shutil.copytree(ROOT / "docs", docs)
    switches = {ENGINE: engine, CACHE_FOLDER: str(cache or work / "cache")}
    handler = Warnings(built.warnings)
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        with mock.patch.dict(os.environ, switches):
            config = load_config(
                str(ROOT / "mkdocs.yml"), site_dir=str(built.site), docs_dir=str(docs), strict=not serve
            )
            plugin = config.plugins["kvalitetsportalen"]
            assert isinstance(plugin, PortalPlugin)
            plugin.config.update(data_dir=str(data), pages_dir=str(built.pages), as_of=as_of.isoformat(), search=False)
            config.plugins.on_startup(command="serve" if serve else "build", dirty=serve)
            try:
                build(config, dirty=serve)
            except Abort as failure:
                built.failure = str(failure)
            finally:
                if plugin.conversion is not None:
                    built.converted, built.reused = list(plugin.conversion.converted), plugin.conversion.reused
                config.plugins.on_shutdown()
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    assert may_fail or built.failure is None, built.warnings
    return built


@pytest.fixture
def in_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Conversion in forked workers also for a tree of a few pages (on a machine with two cores)."""
    monkeypatch.setattr(parallel, "WORTH_FORKING", 2)


def _same_site(expected: Built, actual: Built) -> None:
    want, got = expected.files(), actual.files()
    assert sorted(got) == sorted(want)
    assert [name for name in want if got[name] != want[name]] == []


def _identical_with_and_without(tmp_path: Path, data: Path, as_of: dt.date) -> None:
    by_mkdocs = _build(tmp_path / "mkdocs", data, as_of, engine="mkdocs", cache=tmp_path / "cache")
    cold = _build(tmp_path / "cold", data, as_of, cache=tmp_path / "cache")
    warm = _build(tmp_path / "warm", data, as_of, cache=tmp_path / "cache")
    assert by_mkdocs.converted is None
    assert cold.converted is not None and sorted(cold.converted) == sorted(cold.texts()), "every page converted"
    assert cold.reused == 0
    assert warm.converted == [], "nothing converted with the cache filled"
    assert warm.reused == len(cold.converted)
    _same_site(by_mkdocs, cold)
    _same_site(by_mkdocs, warm)


@pytest.mark.slow
def test_the_shipped_site_is_the_same_with_and_without_workers_and_cache(tmp_path: Path, in_workers: None) -> None:
    _identical_with_and_without(tmp_path, SHIPPED, SHIPPED_AS_OF)


@pytest.mark.slow
def test_the_s_tree_site_is_the_same_with_and_without_workers_and_cache_slow(tmp_path: Path) -> None:
    data = tmp_path / "data"
    generate_tree(data, "S", 1, S_TREE_AS_OF)
    _identical_with_and_without(tmp_path, data, S_TREE_AS_OF)


@pytest.mark.slow
def test_after_an_edit_only_the_pages_whose_text_changed_are_converted(tmp_path: Path, tree: Tree) -> None:
    first = _build(tmp_path / "build", tree.root, AS_OF)
    before = first.texts()
    tree.replace("followups/omsorg-ab-2024.yml", "Nu är 90 % aktuella.", "Nu är 95 % aktuella.")
    second = _build(tmp_path / "build", tree.root, AS_OF)
    after = second.texts()
    changed = sorted(name for name in after if before.get(name) != after[name])
    assert "beslut/omsorg-ab-2024.md" in changed
    assert len(changed) < len(after)
    assert second.converted is not None and sorted(second.converted) == changed
    assert second.reused == len(after) - len(changed)
    page = (second.site / "beslut" / "omsorg-ab-2024" / "index.html").read_text(encoding="utf-8")
    assert "Nu är 95 % aktuella." in page


def _with_broken_links(monkeypatch: pytest.MonkeyPatch) -> None:
    """A generated page with a link to a page that does not exist and one to an anchor that does
    not exist, written after the generator, as a bug in a template would write them."""

    def broken(data_dir: Path, pages_dir: Path, *args: Any, **kwargs: Any) -> Generated:
        result = generate(data_dir, pages_dir, *args, **kwargs)
        page = pages_dir / "beslut" / "omsorg-ab-2024.md"
        links = "\n[Borta](/beslut/finns-inte.md)\n\n[Inget ankare](/beslut/omsorg-ab-2023.md#finns-inte)\n"
        page.write_text(page.read_text(encoding="utf-8") + links, encoding="utf-8")
        return result

    monkeypatch.setattr(mkdocs_plugin, "generate", broken)


@pytest.mark.slow
def test_a_broken_link_in_a_generated_page_fails_the_build_with_mkdocs_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, in_workers: None
) -> None:
    _with_broken_links(monkeypatch)
    cache = tmp_path / "cache"
    by_mkdocs, cold, warm = (
        _build(tmp_path / name, MINIMAL, AS_OF, engine=engine, cache=cache, may_fail=True)
        for name, engine in (("mkdocs", "mkdocs"), ("cold", ""), ("warm", ""))
    )
    assert by_mkdocs.failure == "Aborted with 2 warnings in strict mode!"
    assert any("contains a link '/beslut/finns-inte.md', but the target" in w for w in by_mkdocs.warnings)
    assert any("does not contain an anchor '#finns-inte'" in w for w in by_mkdocs.warnings)
    assert cold.converted is not None and "beslut/omsorg-ab-2024.md" in cold.converted
    assert (cold.failure, cold.warnings) == (by_mkdocs.failure, by_mkdocs.warnings), "converted in workers"
    assert warm.converted == []
    assert (warm.failure, warm.warnings) == (by_mkdocs.failure, by_mkdocs.warnings), "taken from the cache"


def _entries(cache: Path) -> Iterator[Path]:
    return (path for path in (cache / "html").rglob("*") if path.is_file())


@pytest.mark.slow
def test_a_damaged_cache_entry_is_converted_again(tmp_path: Path) -> None:
    first = _build(tmp_path / "first", MINIMAL, AS_OF, cache=tmp_path / "cache")
    entries = sorted(_entries(tmp_path / "cache"))
    assert first.converted is not None and len(entries) == len(first.converted) >= 4
    damages: list[Callable[[bytes], bytes]] = [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: b"",
        lambda data: zlib.compress(b'{"key": 1}'),  # another layout
        lambda data: data[:-8] + bytes(8),  # the end of the HTML overwritten
    ]
    for entry, damage in zip(entries, damages, strict=False):
        entry.write_bytes(damage(entry.read_bytes()))
    second = _build(tmp_path / "second", MINIMAL, AS_OF, cache=tmp_path / "cache")
    assert second.converted is not None and len(second.converted) == len(damages)
    assert second.reused == len(entries) - len(damages)
    _same_site(first, second)
    third = _build(tmp_path / "third", MINIMAL, AS_OF, cache=tmp_path / "cache")
    assert third.converted == [], "the damaged entries were written again"


@pytest.mark.slow
def test_entries_of_pages_no_longer_built_are_pruned(tmp_path: Path, tree: Tree) -> None:
    _build(tmp_path / "first", tree.root, AS_OF, cache=tmp_path / "cache")
    first = set(_entries(tmp_path / "cache"))
    tree.replace("followups/omsorg-ab-2024.yml", "Nu är 90 % aktuella.", "Nu är 95 % aktuella.")
    second = _build(tmp_path / "second", tree.root, AS_OF, cache=tmp_path / "cache")
    entries = set(_entries(tmp_path / "cache"))
    assert second.converted
    assert len(entries) == len(first), "one entry per page"
    assert len(first - entries) == len(second.converted), "the old versions of the changed pages are gone"


@pytest.mark.slow
def test_the_preview_converts_in_its_own_process_and_uses_the_cache(tmp_path: Path) -> None:
    by_mkdocs = _build(tmp_path / "mkdocs", MINIMAL, AS_OF, serve=True, engine="mkdocs", cache=tmp_path / "cache")
    first = _build(tmp_path / "first", MINIMAL, AS_OF, serve=True, cache=tmp_path / "cache")
    second = _build(tmp_path / "second", MINIMAL, AS_OF, serve=True, cache=tmp_path / "cache")
    assert first.converted is not None and sorted(first.converted) == sorted(first.texts())
    assert second.converted == [] and second.reused == len(first.converted)
    _same_site(by_mkdocs, first)
    _same_site(by_mkdocs, second)


def _holding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: str) -> list[int]:
    """For each page MkDocs writes, how many generated pages held HTML just before."""
    work = tmp_path / (engine or "converted")
    pages = str(work / "pages")
    holding: list[int] = []
    build_page = mkdocs_build._build_page

    def counting(page: Page, config: MkDocsConfig, doc_files: Sequence[File], *args: Any, **kwargs: Any) -> None:
        held = (f for f in doc_files if f.page is not None and f.page.content)
        holding.append(sum(1 for f in held if (f.abs_src_path or "").startswith(pages)))
        build_page(page, config, doc_files, *args, **kwargs)

    monkeypatch.setattr(mkdocs_build, "_build_page", counting)
    _build(work, MINIMAL, AS_OF, engine=engine, cache=tmp_path / "cache")
    return holding


@pytest.mark.slow
def test_a_generated_page_holds_its_html_only_while_it_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, in_workers: None
) -> None:
    """MkDocs reads every page before it writes any: converted pages get their HTML just before
    they are written and let go of it right after, so the build never holds all of it."""
    assert max(_holding(tmp_path, monkeypatch, "mkdocs")) > 1, "MkDocs itself holds them all"
    holding = _holding(tmp_path, monkeypatch, "")
    assert len(holding) > 1 and holding == [0] * len(holding)


# --- the cache's rules, on pages made here ------------------------------------------------------


def _config(tmp_path: Path) -> MkDocsConfig:
    (tmp_path / "docs").mkdir(exist_ok=True)
    path = tmp_path / "mkdocs.yml"
    path.write_text("site_name: Test\nmarkdown_extensions: [toc]\n", encoding="utf-8")
    return load_config(str(path))


PAGES = {"a.md": "# A\n\n[B](b.md#del)\n", "b.md": "# B\n\n## Del\n", "c.md": "# C\n"}


def _converted(config: MkDocsConfig, cache: HtmlCache, pages: dict[str, str], excluded: str = "") -> Conversion:
    docs = Path(config.docs_dir)
    for name, text in pages.items():
        (docs / name).write_text(text, encoding="utf-8")
    files = Files(
        File(
            name,
            str(docs),
            config.site_dir,
            config.use_directory_urls,
            inclusion=InclusionLevel.EXCLUDED if name == excluded else InclusionLevel.NOT_IN_NAV,
        )
        for name in pages
    )
    conversion = Conversion(config, files, pages, cache)
    conversion.prepare(workers=1)
    return conversion


def test_a_page_is_converted_again_when_what_its_links_find_changes(tmp_path: Path) -> None:
    config, cache = _config(tmp_path), HtmlCache(tmp_path / "cache")
    assert sorted(_converted(config, cache, PAGES).converted) == ["a.md", "b.md", "c.md"]
    assert _converted(config, cache, PAGES).converted == []
    # b left out of the site: its own entry and a's (its link now points at a page left out) are stale
    assert sorted(_converted(config, cache, PAGES, excluded="b.md").converted) == ["a.md", "b.md"]
    without_b = {name: text for name, text in PAGES.items() if name != "b.md"}
    assert _converted(config, cache, without_b).converted == ["a.md"], "a's link now finds nothing"


def test_a_change_of_the_markdown_configuration_converts_every_page_again(tmp_path: Path) -> None:
    config, cache = _config(tmp_path), HtmlCache(tmp_path / "cache")
    _converted(config, cache, PAGES)
    config.mdx_configs["toc"] = {"permalink": True}
    assert len(_converted(config, cache, PAGES).converted) == len(PAGES)


def test_a_change_of_this_project_s_own_extension_converts_every_page_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """generator.terms changes without a version number: its source is part of the key."""
    config, cache = _config(tmp_path), HtmlCache(tmp_path / "cache")
    config.markdown_extensions.append("generator.terms")
    _converted(config, cache, PAGES)
    assert _converted(config, cache, PAGES).converted == []
    edited = tmp_path / "terms.py"
    edited.write_text(Path(terms.__file__).read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    monkeypatch.setattr(terms, "__file__", str(edited))
    assert len(_converted(config, cache, PAGES).converted) == len(PAGES)


def test_an_edit_of_the_glossary_converts_every_page_again(tmp_path: Path) -> None:
    """The glossary is named by its path in the configuration; its text is part of the key."""
    config, cache = _config(tmp_path), HtmlCache(tmp_path / "cache")
    glossary = tmp_path / "abbreviations.md"
    glossary.write_text("*[B]: B: en sida.\n", encoding="utf-8")
    config.markdown_extensions += ["abbr", "generator.terms"]
    config.mdx_configs["generator.terms"] = {"glossary": glossary}
    _converted(config, cache, PAGES)
    assert _converted(config, cache, PAGES).converted == []
    glossary.write_text("*[B]: B: en annan sida.\n", encoding="utf-8")
    assert len(_converted(config, cache, PAGES).converted) == len(PAGES)


def test_the_same_project_in_another_folder_finds_its_entries(tmp_path: Path) -> None:
    """A path the configuration names inside the project counts by its place in it: another CI
    runner's checkout folder, or a moved one, keeps the cache."""
    cache = HtmlCache(tmp_path / "cache")
    for checkout in ("here", "there"):
        project = tmp_path / checkout
        project.mkdir()
        config = _config(project)
        (project / "abbreviations.md").write_text("*[B]: B: en sida.\n", encoding="utf-8")
        config.markdown_extensions += ["abbr", "generator.terms"]
        config.mdx_configs["generator.terms"] = {"glossary": project / "abbreviations.md"}
        converted = _converted(config, cache, PAGES).converted
    assert converted == []


def test_an_entry_is_read_back_only_for_its_own_key_and_whole() -> None:
    converted = Converted(
        markdown_sha="m" * 64,
        html=zlib.compress('<h1 id="a">Å</h1>'.encode()),
        toc=(Heading("Å", "a", 1, (Heading("B", "b", 2, ()),)),),
        title="Å",
        anchors=frozenset({"a", "b"}),
        links_to_anchors={"b.md": {"del": "b.md#del"}},
        logged=(Logged("mkdocs.structure.pages", logging.WARNING, "Doc file 'a.md' contains a link"),),
        looked_up={"b.md": Target("b/", excluded=False), "c.md": None},
    )
    entry = encode("a" * 64, converted)
    assert decode("a" * 64, entry) == converted
    assert decode("b" * 64, entry) is None
    assert decode("a" * 64, entry[:-1]) is None
    for place in (10, len(entry) - 3):  # in the state, in the HTML
        assert decode("a" * 64, entry[:place] + bytes([entry[place] ^ 0xFF]) + entry[place + 1 :]) is None
    assert decode("a" * 64, b"") is None


def test_an_unknown_switch_value_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENGINE, "mkdoc")
    with pytest.raises(Exception, match="KVALITETSPORTALEN_CONVERT"):
        convert.enabled()


def test_the_cache_folder_is_beside_mkdocs_yml_unless_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = _config(tmp_path)
    monkeypatch.delenv(CACHE_FOLDER, raising=False)
    assert convert.cache_folder(config) == tmp_path.resolve() / ".cache" / "kvalitetsportalen"
    monkeypatch.setenv(CACHE_FOLDER, str(tmp_path / "elsewhere"))
    assert convert.cache_folder(config) == tmp_path / "elsewhere"
    assert "/.cache/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
