"""The MkDocs plugin: generated pages join the build, and never silently replace a hand-written one."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from jinja2.bccache import Bucket
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from generator import mkdocs_plugin, parallel
from generator.mkdocs_plugin import Background, CompiledTemplates, PortalPlugin
from tests.conftest import AS_OF, MINIMAL


def _config(tmp_path: Path, data: Path) -> Path:
    (tmp_path / "docs").mkdir()
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: Test\n"
        "plugins:\n"
        "  - kvalitetsportalen:\n"
        f"      data_dir: {data}\n"
        "      pages_dir: generated\n"
        f"      as_of: '{AS_OF.isoformat()}'\n"
        "markdown_extensions: [attr_list, tables]\n",
        encoding="utf-8",
    )
    return config


def test_generated_pages_are_built_and_kept_out_of_docs(tmp_path: Path) -> None:
    config = load_config(str(_config(tmp_path, MINIMAL)))
    build(config)
    assert (tmp_path / "site" / "beslut" / "omsorg-ab-2024" / "index.html").is_file()
    assert (tmp_path / "generated" / "beslut" / "omsorg-ab-2024.md").is_file()
    assert list((tmp_path / "docs").iterdir()) == []


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


def test_background_runs_one_job_at_a_time_and_the_newest_queued_one_last() -> None:
    started, release = threading.Event(), threading.Event()
    done: list[str] = []

    def first() -> None:
        started.set()
        release.wait(5)
        done.append("first")

    background = Background()
    background.run(first)
    started.wait(5)
    background.run(lambda: done.append("stale"))
    background.run(lambda: done.append("newest"))
    release.set()
    background.wait()
    assert done == ["first", "newest"]


def test_serving_refreshes_open_data_and_search_after_the_build(tmp_path: Path) -> None:
    config = load_config(str(_config(tmp_path, MINIMAL)), strict=False)
    config.plugins.on_startup(command="serve", dirty=True)
    build(config, dirty=True)
    plugin = config.plugins["kvalitetsportalen"]
    assert isinstance(plugin, PortalPlugin)
    config.plugins.on_shutdown()
    assert not plugin.serving
    site = Path(config.site_dir)
    assert (site / "data" / "atgarder.csv").is_file()
    assert (site / "pagefind" / "pagefind.js").is_file()


def test_the_theme_is_compiled_once_for_all_builds_of_a_preview(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled: list[str] = []
    dump = CompiledTemplates.dump_bytecode

    def counted(self: CompiledTemplates, bucket: Bucket) -> None:
        compiled.append(bucket.key)
        dump(self, bucket)

    monkeypatch.setattr(CompiledTemplates, "dump_bytecode", counted)
    config = load_config(str(_config(tmp_path, MINIMAL)), strict=False)
    plugin = config.plugins["kvalitetsportalen"]
    assert isinstance(plugin, PortalPlugin)
    plugin.compiled_templates.compiled.clear()  # MkDocs keeps the plugin object between builds in one process
    config.plugins.on_startup(command="serve", dirty=True)
    build(config, dirty=True)
    first = len(compiled)
    assert first > 0
    build(config, dirty=True)
    config.plugins.on_shutdown()
    assert len(compiled) == first, "the second build compiled the theme's templates again"


@pytest.mark.parametrize("cores", [1, 2])
def test_a_build_fails_when_its_open_data_cannot_be_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, cores: int
) -> None:
    def broken(*args: object) -> None:
        raise OSError("disken är full")

    monkeypatch.setattr(mkdocs_plugin, "publish_extras", broken)
    monkeypatch.setattr(parallel, "available_cores", lambda: cores)
    with pytest.raises(Abort):
        build(load_config(str(_config(tmp_path, MINIMAL))))
    assert "Öppna data och flöden kunde inte skrivas" in caplog.text
