"""Generated Markdown converted to HTML outside MkDocs' page loop: on every core, and only once.

MkDocs converts each page with Python-Markdown one after another on one core, which was 87 % of
its time on the generated pages. Here each generated page is converted by MkDocs' own
`Page.render` (the same extensions, configuration and link rewriting and validation) in forked
worker processes, and what that leaves on the page (HTML, table of contents, title, anchors, links
to anchors, the warnings it logged) is kept in a cache on disk, so that a page converted by an
earlier build is not converted again. The plugin hands the result to MkDocs in place of its own
conversion (`Conversion.markdown`), so that the theme, navigation, search marking and link and
anchor validation see the page as before. Hand-written pages stay MkDocs' own.

A cache entry is found by the page's source text, its place (path, address, whether the site
leaves it out) and everything else the conversion reads (`fingerprint`), and it is used only if
the Markdown MkDocs is about to convert is the one it was made from and every path its links
looked up still resolves as it did: a page whose link target moved or appeared is converted again,
any other page is not. `KVALITETSPORTALEN_CONVERT=mkdocs` turns all this off (MkDocs converts every
page itself, as before); `KVALITETSPORTALEN_CACHE` names the cache folder.

Long because the conversion and its cache are one rule seen from two sides: an entry holds exactly
what a conversion leaves on a page (`Converted`, written and read back field by field), its key is
everything a conversion reads (`fingerprint`), and it stays valid while the paths its links looked
up resolve as they did; split apart, a field added to one side could be missed by the other.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import hashlib
import importlib
import importlib.metadata
import json
import logging
import os
import sys
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, get_toc
from mkdocs.utils import meta

from generator.build_log import log
from generator.parallel import map_in_processes

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.toc import _TocToken

ENGINE = "KVALITETSPORTALEN_CONVERT"
"""`mkdocs`: MkDocs converts every page itself, as before this module (the tests compare both)."""
CACHE_FOLDER = "KVALITETSPORTALEN_CACHE"
"""The cache folder; `.cache/kvalitetsportalen` beside mkdocs.yml when unset."""
DEFAULT_CACHE = Path(".cache") / "kvalitetsportalen"
FORMAT = 1
"""An entry's layout; entries of another layout are never found (it is part of every key)."""
PACKAGES = ("mkdocs", "Markdown", "pymdown-extensions", "mkdocs-material")
"""Whose code converts a page: MkDocs' link handling, Python-Markdown, the extensions and
Material's icons (emoji)."""
LEVEL = 6
"""zlib's level for an entry: a page's HTML to a sixth in about a millisecond."""
STALE_WRITE_SECONDS = 3600
"""A half-written entry this old was left by a build that was killed: pruned."""


def enabled() -> bool:
    """Whether the generated pages are converted here; MkDocs converts them itself with the
    switch set to `mkdocs`. Any other value is refused rather than read as either."""
    value = os.environ.get(ENGINE, "")
    if value not in ("", "mkdocs"):
        raise PluginError(f"{ENGINE}={value!r} känns inte igen: ange {ENGINE}=mkdocs eller ta bort variabeln.")
    return value == ""


# --- what a conversion leaves on a page ------------------------------------------------------


@dataclass(frozen=True)
class Logged:
    """A message MkDocs logged while converting a page (a broken link), told again in the build
    that uses the page, with the same text, so that strict mode counts it there."""

    logger: str
    level: int
    message: str

    def tell(self) -> None:
        logging.getLogger(self.logger).log(self.level, self.message)


@dataclass(frozen=True)
class Target:
    """What a path a link looked up resolved to: all of a file that a conversion reads."""

    url: str
    excluded: bool

    @staticmethod
    def of(file: File | None) -> Target | None:
        return None if file is None else Target(file.url, _excluded(file))


@dataclass(frozen=True)
class Heading:
    """An entry of a page's table of contents (MkDocs' AnchorLink, as data)."""

    title: str
    id: str
    level: int
    children: tuple[Heading, ...]

    @staticmethod
    def of(link: AnchorLink) -> Heading:
        return Heading(link.title, link.id, link.level, tuple(Heading.of(child) for child in link.children))

    def token(self) -> _TocToken:
        """As Python-Markdown's toc extension gives it, for MkDocs' own get_toc."""
        return {"level": self.level, "id": self.id, "name": self.title, "children": [c.token() for c in self.children]}


@dataclass(frozen=True)
class Converted:
    """A page's HTML and everything MkDocs' conversion leaves on the Page beside it."""

    markdown_sha: str
    """The Markdown it was converted from: used only for that Markdown."""
    html: bytes
    """Compressed (zlib, UTF-8): taken out only when the page is written (`html_text`), so that the
    build does not hold every page's HTML at once."""
    toc: tuple[Heading, ...]
    title: str | None
    """The first heading, if the page starts with one (MkDocs' `_title_from_render`)."""
    anchors: frozenset[str]
    links_to_anchors: Mapping[str, Mapping[str, str]] | None
    """Per linked page (src_uri): anchor → the link as written. None where MkDocs does not
    collect them (its log at DEBUG)."""
    logged: tuple[Logged, ...]
    looked_up: Mapping[str, Target | None]
    """Every path a link looked up among the site's files, and what it found."""

    def still_valid(self, target_of: Callable[[str], Target | None]) -> bool:
        """Every link would resolve as it did (target_of: what a path resolves to in this build),
        and every warning would say the same."""
        return all(target_of(path) == target for path, target in self.looked_up.items())

    def html_text(self) -> str:
        return zlib.decompress(self.html).decode("utf-8", "surrogatepass")

    def hand_to(self, page: Page, files: Files) -> None:
        """Set on page what MkDocs' `Page.render` would have set, but for the HTML itself: the page
        holds none (`""`) until it is written."""
        page.content = ""
        page.toc = get_toc([heading.token() for heading in self.toc])
        page._title_from_render = self.title
        page.present_anchor_ids = set(self.anchors)
        page.links_to_anchors = None
        if self.links_to_anchors is not None:
            page.links_to_anchors = {
                page.file if uri == page.file.src_uri else _file(files, uri): dict(links)
                for uri, links in self.links_to_anchors.items()
            }


def _file(files: Files, uri: str) -> File:
    file = files.get_file_from_path(uri)
    assert file is not None, "a link's target was looked up and is checked by still_valid"
    return file


def _excluded(file: File) -> bool:
    """Whether the site leaves file out (MkDocs links to it with a note, not a warning)."""
    return bool(file.inclusion.is_excluded())  # type: ignore[no-untyped-call]  # MkDocs leaves it untyped


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


# --- converting ------------------------------------------------------------------------------


class _Recording(Files):
    """The site's files as a conversion sees them, noting every path its links look up and what
    each resolved to: what an entry depends on beyond its own text."""

    def __init__(self, files: Files) -> None:
        super().__init__(files)
        self.looked_up: dict[str, Target | None] = {}

    def get_file_from_path(self, path: str) -> File | None:
        file = super().get_file_from_path(path)
        self.looked_up[path] = Target.of(file)
        return file


def _convert(file: File, markdown: str, config: MkDocsConfig, files: _Recording, *, mute: bool) -> Converted | None:
    """The page converted by MkDocs' own Page.render, on a Page of its own (a copy of the file,
    so that the site's page is left as it is); None when the conversion fails, so that MkDocs
    converts the page itself and reports the failure as it always has. With mute, MkDocs' messages
    are only kept, to be told when the page is used; else they are also logged now."""
    page = Page(None, copy.copy(file), config)
    page.markdown = markdown
    files.looked_up = {}
    with _captured(mute=mute) as logged:
        try:
            page.render(config, files)
        except Exception:
            return None
    assert page.content is not None
    links = None
    if page.links_to_anchors is not None:
        links = {target.src_uri: dict(anchors) for target, anchors in page.links_to_anchors.items()}
    return Converted(
        markdown_sha=_sha(markdown),
        html=zlib.compress(page.content.encode("utf-8", "surrogatepass"), LEVEL),
        toc=tuple(Heading.of(link) for link in page.toc),
        title=page._title_from_render,
        anchors=frozenset(page.present_anchor_ids or ()),
        links_to_anchors=links,
        logged=tuple(logged),
        looked_up=dict(files.looked_up),
    )


@dataclass(frozen=True)
class _Job:
    file: File
    key: str


def _entry_of(config: MkDocsConfig, files: _Recording, job: _Job) -> bytes | None:
    """In a worker: the page read and converted, as its cache entry (small, compressed), or None."""
    markdown, _ = meta.get_data(job.file.content_string)
    converted = _convert(job.file, markdown, config, files, mute=True)
    return None if converted is None else encode(job.key, converted)


@contextlib.contextmanager
def _captured(*, mute: bool) -> Iterator[list[Logged]]:
    """MkDocs' messages logged by this thread while the block runs. With mute, they reach none of
    the handlers (a worker's would print them in the wrong place and strict mode would not count
    them); messages of other threads (the preview's server) and of other libraries pass as usual."""
    thread = threading.get_ident()
    logged: list[Logged] = []

    def ours(record: logging.LogRecord) -> bool:
        return record.thread == thread and (record.name == "mkdocs" or record.name.startswith("mkdocs."))

    def not_ours(record: logging.LogRecord) -> bool:
        return not ours(record)

    logger = logging.getLogger("mkdocs")
    muted = _handlers_reached(logger) if mute else []
    capture = _Keeping(logged)
    capture.addFilter(ours)
    for handler in muted:
        handler.addFilter(not_ours)
    logger.addHandler(capture)
    try:
        yield logged
    finally:
        logger.removeHandler(capture)
        for handler in muted:
            handler.removeFilter(not_ours)


class _Keeping(logging.Handler):
    def __init__(self, logged: list[Logged]) -> None:
        super().__init__()
        self.logged = logged

    def emit(self, record: logging.LogRecord) -> None:
        self.logged.append(Logged(record.name, record.levelno, record.getMessage()))


def _handlers_reached(logger: logging.Logger) -> list[logging.Handler]:
    handlers: list[logging.Handler] = []
    current: logging.Logger | None = logger
    while current is not None:
        handlers += current.handlers
        current = current.parent if current.propagate else None
    return handlers


# --- the key and the entry -------------------------------------------------------------------


def fingerprint(config: MkDocsConfig) -> str:
    """Everything a page's conversion reads besides its own text and the files its links look up:
    the Markdown configuration, the versions of the code that converts (this project's own
    extensions by their source), the files the configuration names (the glossary), the settings
    of MkDocs' link handling and how much MkDocs' page log lets through (what an entry keeps of
    it; at DEBUG it also collects no links to anchors)."""
    project = Path(config.config_file_path).parent
    inputs = {
        "python": sys.version,
        "packages": _versions(),
        "extensions": _stable(config.markdown_extensions, project),
        "own_extensions": _own_sources(config.markdown_extensions),
        "configs": _stable(config.mdx_configs, project),
        "files": _named_files(config.mdx_configs),
        "directory_urls": config.use_directory_urls,
        "links": _stable(dict(config.validation.links), project),
        "page_log_detail": _detail(logging.getLogger("mkdocs.structure.pages").getEffectiveLevel()),
    }
    return _sha(json.dumps(inputs, sort_keys=True))


def _detail(level: int) -> int:
    """The levels MkDocs logs a conversion's messages at (DEBUG, INFO, WARNING) that level lets
    through: `generator build` (WARNING) and a test's build share entries; `mkdocs build` (INFO)
    keeps its notes on links to pages left out."""
    return next((known for known in (logging.DEBUG, logging.INFO, logging.WARNING) if level <= known), logging.ERROR)


@functools.cache
def _versions() -> dict[str, str]:
    """Looked up once per process: the preview asks on every save."""
    return {name: importlib.metadata.version(name) for name in PACKAGES}


def _own_sources(extensions: Iterable[object]) -> dict[str, str]:
    """The source of each extension from this package (generator.terms): its code changes
    without a version number that `_versions` would see."""
    own = [name for name in extensions if isinstance(name, str) and name.split(".")[0] == __package__]
    return {name: _sha(Path(str(importlib.import_module(name).__file__)).read_text(encoding="utf-8")) for name in own}


def _stable(value: object, project: Path) -> object:
    """value as JSON that is the same in every build: a function by its name (its repr holds its
    address), a path inside the project (MkDocs' `!relative`, the glossary) relative to
    mkdocs.yml's folder, so that a checkout in another folder (another CI runner's) finds the
    cache; its content is in the key already (`_named_files`). What has no stable form is written
    with its repr, which at worst makes every page a miss, never a wrong hit."""
    if isinstance(value, Mapping):
        return {str(k): _stable(v, project) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_stable(v, project) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, os.PathLike):
        path = Path(value)
        return path.relative_to(project).as_posix() if path.is_relative_to(project) else os.fspath(value)
    if callable(value) and hasattr(value, "__qualname__"):
        return f"{value.__module__}.{value.__qualname__}"
    return f"{type(value).__module__}.{type(value).__qualname__}:{value!r}"


def _named_files(value: object) -> list[str]:
    """The content of each file the Markdown configuration names by path (the glossary that
    generator.terms hands abbr): editing it changes every page without changing the path."""
    if isinstance(value, Mapping):
        return [text for item in value.values() for text in _named_files(item)]
    if isinstance(value, list | tuple):
        return [text for item in value for text in _named_files(item)]
    if isinstance(value, os.PathLike) and Path(value).is_file():
        return [hashlib.sha256(Path(value).read_bytes()).hexdigest()]
    return []


def page_key(fingerprint: str, file: File, source: str) -> str:
    """Where a page's entry is kept: its source text (front matter and Markdown), its place, and
    the configuration's fingerprint."""
    digest = hashlib.sha256()
    for part in (str(FORMAT), fingerprint, file.src_uri, file.url, str(_excluded(file))):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    digest.update(source.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def encode(key: str, converted: Converted) -> bytes:
    """An entry: the length of the compressed state (4 bytes), the state (JSON), the HTML."""
    state: dict[str, object] = {
        "key": key,
        "markdown_sha": converted.markdown_sha,
        "toc": [heading.token() for heading in converted.toc],
        "title": converted.title,
        "anchors": sorted(converted.anchors),
        "links_to_anchors": None
        if converted.links_to_anchors is None
        else {uri: dict(links) for uri, links in converted.links_to_anchors.items()},
        "logged": [[entry.logger, entry.level, entry.message] for entry in converted.logged],
        "looked_up": {
            path: None if target is None else [target.url, target.excluded]
            for path, target in converted.looked_up.items()
        },
    }
    packed = zlib.compress(json.dumps(state, ensure_ascii=False).encode("utf-8", "surrogatepass"), LEVEL)
    return len(packed).to_bytes(4, "big") + packed + converted.html


def decode(key: str, entry: bytes) -> Converted | None:
    """The entry, or None if it is not one for key (damaged, cut short, of another layout). The
    HTML is checked whole here, so that a page found damaged only when it is written cannot stop
    the build."""
    try:
        size = int.from_bytes(entry[:4], "big")
        data = json.loads(zlib.decompress(entry[4 : 4 + size]).decode("utf-8", "surrogatepass"))
        html = entry[4 + size :]
        zlib.decompress(html).decode("utf-8", "surrogatepass")
        if data["key"] != key:
            return None
        links = data["links_to_anchors"]
        return Converted(
            markdown_sha=_text(data["markdown_sha"]),
            html=html,
            toc=tuple(_heading(token) for token in _list(data["toc"])),
            title=None if data["title"] is None else _text(data["title"]),
            anchors=frozenset(_text(anchor) for anchor in _list(data["anchors"])),
            links_to_anchors=None if links is None else {_text(k): _texts(v) for k, v in _dict(links).items()},
            logged=tuple(_logged(entry) for entry in _list(data["logged"])),
            looked_up={_text(path): _target(target) for path, target in _dict(data["looked_up"]).items()},
        )
    except (zlib.error, ValueError, TypeError, KeyError, AttributeError):
        return None


def _heading(token: object) -> Heading:
    data = _dict(token)
    children = tuple(_heading(child) for child in _list(data["children"]))
    return Heading(_text(data["name"]), _text(data["id"]), _number(data["level"]), children)


def _logged(value: object) -> Logged:
    logger, level, message = _list(value)
    return Logged(_text(logger), _number(level), _text(message))


def _target(value: object) -> Target | None:
    if value is None:
        return None
    url, excluded = _list(value)
    if not isinstance(excluded, bool):
        raise TypeError("excluded")
    return Target(_text(url), excluded)


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("text")
    return value


def _number(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError("number")
    return value


def _list(value: object) -> list[object]:
    if not isinstance(value, list):
        raise TypeError("list")
    return value


def _dict(value: object) -> dict[str, object]:
    if not isinstance(value, dict):
        raise TypeError("mapping")
    return value


def _texts(value: object) -> dict[str, str]:
    return {_text(k): _text(v) for k, v in _dict(value).items()}


# --- the cache on disk -----------------------------------------------------------------------


def cache_folder(config: MkDocsConfig) -> Path:
    """KVALITETSPORTALEN_CACHE (relative to the working folder), else `.cache/kvalitetsportalen`
    beside mkdocs.yml, the folder the workflows keep between runs."""
    named = os.environ.get(CACHE_FOLDER)
    if named:
        return Path(named)
    return Path(config.config_file_path or ".").resolve().parent / DEFAULT_CACHE


class HtmlCache:
    """Converted pages kept between builds, one file per entry under `html/`. Entries are written
    whole or not at all (a temporary file renamed), so a reader, another build among them, never
    sees half of one; an entry that cannot be read is a miss. A failure to write is only a miss
    in the next build, never a failed build."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder / "html"

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def read(self, key: str) -> bytes | None:
        try:
            return self._path(key).read_bytes()
        except OSError:
            return None

    def write(self, key: str, entry: bytes) -> None:
        path = self._path(key)
        part = path.with_name(f".{key}.{os.getpid()}.{threading.get_ident()}")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            part.write_bytes(entry)
            part.replace(path)
        except OSError as error:
            log.debug(f"Den konverterade sidan kunde inte sparas i {self.folder}: {error}")
            with contextlib.suppress(OSError):
                part.unlink()

    def prune(self, keep: Iterable[str]) -> None:
        """Remove every entry not in keep (those the last build used), so that the cache holds
        one site's pages, not every version of them; and what killed builds left half-written."""
        kept = set(keep)
        stale = time.time() - STALE_WRITE_SECONDS
        try:
            shards = list(self.folder.iterdir())
        except OSError:
            return
        for shard in shards:
            with contextlib.suppress(OSError):
                for path in shard.iterdir():
                    _remove_unless(path, kept, stale)
                shard.rmdir()  # only when empty


def _remove_unless(path: Path, kept: set[str], stale: float) -> None:
    with contextlib.suppress(OSError):
        if path.name.startswith("."):
            if path.stat().st_mtime < stale:  # else another build is writing it
                path.unlink()
        elif path.name not in kept:
            path.unlink()


# --- one build's conversion ------------------------------------------------------------------


@dataclass(frozen=True)
class _Ready:
    converted: Converted
    told: bool
    """Its messages were logged when it was converted, here: not to be told again."""


class Conversion:
    """One build's conversion of its generated pages (src_uris in generated). A one-off build
    converts them all first (`prepare`, in worker processes); the preview converts, in its own
    process and from the cache where it can, only the pages MkDocs rebuilds. Either way a page
    whose conversion failed is left to MkDocs."""

    def __init__(self, config: MkDocsConfig, files: Files, generated: Iterable[str], cache: HtmlCache | None) -> None:
        self._config = config
        self._files = files
        self._generated = frozenset(generated)
        self._cache = cache
        self._fingerprint = fingerprint(config)
        self._ready: dict[str, _Ready] = {}
        """Converted before MkDocs reads the page, taken when it does."""
        self._targets: dict[str, Target | None] = {}
        self._unwritten: dict[str, Converted] = {}
        """Handed to MkDocs, but for the HTML: taken when the page is written."""
        self.converted: list[str] = []
        """The pages converted in this build (src_uri): those not found in the cache."""
        self.reused = 0
        """The pages found in the cache."""

    @functools.cached_property
    def _recording(self) -> _Recording:
        return _Recording(self._files)

    def _key(self, file: File, source: str) -> str:
        return page_key(self._fingerprint, file, source)

    def _cached(self, key: str) -> Converted | None:
        entry = None if self._cache is None else self._cache.read(key)
        converted = None if entry is None else decode(key, entry)
        return converted if converted is not None and converted.still_valid(self._target_of) else None

    def _target_of(self, path: str) -> Target | None:
        """What path resolves to among this build's files, looked up once per build: pages share
        most of their links, and asking MkDocs' File for its URL and inclusion for each link of
        each page took 3.4 s of a warm build's 101 s at M under cProfile."""
        if path not in self._targets:
            self._targets[path] = Target.of(self._files.get_file_from_path(path))
        return self._targets[path]

    def prepare(self, workers: int) -> None:
        """Every generated page from the cache or converted in up to `workers` forked processes,
        before MkDocs reads the first; then the cache is pruned to this build's pages."""
        jobs, used = [], []
        for file in self._files:
            if file.src_uri not in self._generated:
                continue
            key = self._key(file, file.content_string)
            used.append(key)
            converted = self._cached(key)
            if converted is None:
                jobs.append(_Job(file, key))
            else:
                self._ready[file.src_uri] = _Ready(converted, told=False)
                self.reused += 1
        entries = map_in_processes(functools.partial(_entry_of, self._config, self._recording), jobs, workers)
        for job, entry in zip(jobs, entries, strict=True):
            converted = None if entry is None else decode(job.key, entry)
            if entry is None or converted is None:
                continue  # MkDocs converts it and says what is wrong
            self._ready[job.file.src_uri] = _Ready(converted, told=False)
            self.converted.append(job.file.src_uri)
            if self._cache is not None:
                self._cache.write(job.key, entry)
        if self._cache is not None:
            self._cache.prune(used)
        log.info(f"{len(self.converted)} genererade sidor konverterades, {self.reused} hämtades ur cachen.")

    def markdown(self, page: Page, markdown: str) -> str:
        """on_page_markdown: a generated page whose HTML is ready gets, in place of MkDocs'
        conversion, one that hands it over (`_hand_over`), and nothing to convert. Replacing the
        page's render, rather than letting it convert an empty text and setting the result in
        on_page_content, spares a Python-Markdown instance per page: about 1.3 ms, a fifth of what
        MkDocs spends on a page it no longer converts."""
        src = page.file.src_uri
        if src not in self._generated:
            return markdown
        ready = self._ready.pop(src, None)
        if ready is None or ready.converted.markdown_sha != _sha(markdown):
            ready = self._here(page.file, markdown)
        if ready is None:
            return markdown
        page.render = functools.partial(self._hand_over, page, ready)  # type: ignore[method-assign]
        return ""

    def _here(self, file: File, markdown: str) -> _Ready | None:
        """A page not prepared (the preview), or whose Markdown is not what was prepared: from the
        cache, else converted in this process."""
        key = self._key(file, file.content_string)
        converted = self._cached(key)
        if converted is not None and converted.markdown_sha == _sha(markdown):
            self.reused += 1
            return _Ready(converted, told=False)
        converted = _convert(file, markdown, self._config, self._recording, mute=False)
        if converted is None:
            return None
        self.converted.append(file.src_uri)
        if self._cache is not None:
            self._cache.write(key, encode(key, converted))
        return _Ready(converted, told=True)

    def _hand_over(self, page: Page, ready: _Ready, config: MkDocsConfig, files: Files) -> None:
        """Page.render for a page converted here: what MkDocs' conversion would have set on the
        page, and what it would have logged, at the moment it would have logged it."""
        if not ready.told:
            for entry in ready.converted.logged:
                entry.tell()
        ready.converted.hand_to(page, files)
        self._unwritten[page.file.src_uri] = ready.converted

    def content(self, page: Page) -> None:
        """on_page_context, just before the theme writes the page: its HTML. MkDocs reads every
        page before it writes any, and would otherwise hold all their HTML at once."""
        converted = self._unwritten.pop(page.file.src_uri, None)
        if converted is not None:
            page.content = converted.html_text()

    @staticmethod
    def release(page: Page) -> None:
        """on_post_page: a handed page is written, and nothing after needs its HTML (anchor
        validation reads its anchors, other pages its title), so it is let go at once."""
        if vars(page).pop("render", None) is not None:
            page.content = None

    def close(self) -> None:
        """What a build that stopped early did not take."""
        self._ready.clear()
        self._unwritten.clear()


def for_build(config: MkDocsConfig, files: Files, generated: Iterable[str]) -> Conversion | None:
    """This build's conversion of the generated pages; None when MkDocs is to convert them."""
    if not enabled():
        return None
    return Conversion(config, files, generated, HtmlCache(cache_folder(config)))
