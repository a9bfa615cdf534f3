"""The search index: Pagefind, run over the built pages in parts, each part a process of its own.

Pagefind keeps every page it reads in memory until it has written its index, about 0.4 MB a
page whatever the page's size, so one run over a site of national size needs gigabytes (near
4 GB at 26,000 pages). The pages to index are cut into parts of at most PAGES_PER_PART pages,
indexed one part after the other, and the search page merges them in the browser with
Pagefind's `mergeIndex` (docs/javascripts/sok/pagefind.js). The first part is the main bundle,
`pagefind/`, which also holds the search's scripts; the others are written to `pagefind/del-2/`,
`pagefind/del-3/`, … and `pagefind/delar.json` lists them (an empty list when one part holds
every page, as it does up to PAGES_PER_PART pages).

Merged parts must find what one index would. Pagefind looks a search word up in each part on
its own, and where no word of a part starts with it, it falls back to the longest word of that
part that the search word starts with: searching for a word that only one part has would bring
every page of the other parts with a word like its first syllables. So each part that lacks
words the others have gets one more page, its vocabulary page, holding exactly those words:
then every part knows every word of the site, and falls back (or not) as one index would. The
search page leaves the vocabulary pages out of every search by their filter, VOCABULARY_FILTER.

A part whose pages, vocabulary page and settings are those of a part indexed before is not
indexed again: each part's index is kept in the build's cache folder (`KEPT_FOLDER`), under the
hash of everything its run reads (`part_key`), and copied into the site. A build after one edited
decision runs Pagefind only for the parts whose pages changed, as long as the edit brings no word
the site lacked: a new word is missing from every other part's vocabulary page, so every part
is indexed again.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import html
import importlib.metadata
import os
import re
import shlex
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError

from generator import processes
from generator.build_log import log
from generator.encode import escape_html, json_document

COMMAND = "KVALITETSPORTALEN_PAGEFIND"
"""Environment variable: the command that runs Pagefind, if not this Python's `-m pagefind`.
The test of a stopped build puts a stand-in there that runs until it is killed."""

BUNDLE = "pagefind"
"""The main bundle's folder in the site, where the search page loads Pagefind from."""
PARTS_LIST = "delar.json"
"""In the main bundle: the other parts' folders, relative to it, for the search page to merge."""
PAGES_PER_PART = 500
"""At most this many pages in one Pagefind run (and its vocabulary page): its peak memory grows
with the pages it holds (bench/run.py reports it as search_peak_rss_mb), and the build's own
process still holds 1,050–1,150 MB at L while Pagefind runs (more in a warm build than in a cold
one); each part costs the first search a few small files of its own. The L site of 0599b08
indexed again (index_search alone, its peak resident memory; the first search as
bench.run.first_search fetches it): 1,000 pages a part, 25 parts, 495 MB in the build and 898 KB;
700, 35 parts, 379 MB and 1,029 KB; 500, 49 parts, 304 MB and 1,076 KB. At 700 the warm L build
of fc19187 peaked at 1,524 MB, over issue #18's 1.5 GB, in this stage; at 500 (2d56cc5) the
stage held at most 1,429 MB, the build's process 1,150 and Pagefind 282 (bench/HISTORY.md), for
5 % more bytes on the first search, which no part size brings near 300 KB at L: the parts' lists
of their pages alone are about 11.6 bytes a page, compressed."""
CHUNK_LOCATIONS = 5000
"""How many word locations Pagefind puts in one file of its word index (its default is 20,000,
set only through its unstable PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE). A first search fetches from
every part the file that holds its word: at a part's size, smaller files keep that as small as
one index's (at M, 221 KB with three parts against 288 KB at the default; one index: 227 KB).
Should Pagefind drop the variable, only those bytes grow."""
MARK = "data-pagefind-body"
"""What overrides/main.html writes into a page that search is to find."""
EXCLUDED = (".headerlink", ".kp-filter")
"""Not indexed: permalink signs and filter menus."""
GLOB_SPECIAL = frozenset("\\?*$:<>()[]{},")
"""Characters that Pagefind's glob (the wax crate) reads as syntax, escaped with a backslash."""

VOCABULARY_FILTER = "kp-ordforrad"
"""The Pagefind filter that marks a part's vocabulary page (docs/javascripts/sok/pagefind.js
searches without them and takes the filter out of the counts)."""
VOCABULARY_PAGE = "ordforrad.html"
"""Where a part's vocabulary page lies in the main bundle's folder while Pagefind reads it; it is
removed afterwards and never published as a page."""
LANGUAGE = "sv"
"""The site's language: the vocabulary page's words are stemmed as the pages' are."""
KEPT_FOLDER = "pagefind"
"""In the build's cache folder (convert.cache_folder): one folder per part's index, named by its
key, holding exactly what Pagefind wrote for the part."""
FORMAT = 1
"""How a part is kept; a key of another format is never found (it is part of every key)."""
STALE_WRITE_SECONDS = 3600
"""A half-written kept part this old was left by a build that was killed: pruned."""

ARTICLE_END = "</article>"
"""Where the theme's article, which holds the marked element, ends."""
_TAG = re.compile(r"<[^>]*>")
_ATTRIBUTE_TEXT = re.compile(r'\s(?:value|alt|title)="([^"]*)"')
"""Attribute values that Pagefind may read as words (metadata, image descriptions)."""


@dataclass(frozen=True)
class Part:
    """One Pagefind index: the built pages it holds (paths inside the site, in order) and the
    folder of the site it is written to."""

    folder: str
    pages: tuple[str, ...]


def index_search(site_dir: Path, cache: Path | None = None) -> None:
    """Pagefind indexes the built pages for search (Swedish stemming, a small first download):
    only the pages that overrides/main.html marks with data-pagefind-body, the records and the
    information pages (derive/search.py says which and what each tells the index), in parts so
    that no run holds more than PAGES_PER_PART pages. With a cache folder, a part indexed before
    from the same input is copied from there instead (KeptParts). If the build is stopped
    meanwhile, the running Pagefind is stopped with it (processes.run)."""
    processes.give_back_freed_memory()  # Pagefind runs beside the build, which is done with its pages
    parts = cut(marked_pages(site_dir), PAGES_PER_PART)
    vocabularies = [words(site_dir, part.pages) for part in parts] if len(parts) > 1 else [frozenset[str]()]
    everything = frozenset[str]().union(*vocabularies)
    kept = KeptParts(cache / KEPT_FOLDER) if cache is not None else None
    used, copied = [], 0
    for number, (part, own) in enumerate(zip(parts, vocabularies, strict=True), 1):
        missing = sorted(everything - own)
        key = part_key(site_dir, part, missing)
        used.append(key)
        run = functools.partial(_index, site_dir, part, missing, which=f"del {number} av {len(parts)}")
        if kept is None:
            run(site_dir / part.folder)
        elif kept.copy(key, site_dir / part.folder):
            copied += 1
        else:
            kept.make(key, site_dir / part.folder, run)
    if kept is not None:
        kept.prune(used)
        log.info(f"Sökindexet: {len(parts) - copied} av {len(parts)} delar indexerades, {copied} hämtades ur cachen.")
    others = [Path(part.folder).relative_to(BUNDLE).as_posix() + "/" for part in parts[1:]]
    (site_dir / BUNDLE / PARTS_LIST).write_text(json_document(others, compact=True), encoding="utf-8")


def marked_pages(site_dir: Path) -> list[str]:
    """The built pages marked for the index, as paths inside the site, sorted (so that a build
    cuts the same parts every time). Pagefind's own bundle holds no pages."""
    bundle = site_dir / BUNDLE
    return sorted(
        page.relative_to(site_dir).as_posix()
        for page in site_dir.rglob("*.html")
        if not page.is_relative_to(bundle) and MARK.encode() in page.read_bytes()
    )


def cut(pages: Sequence[str], size: int) -> tuple[Part, ...]:
    """The pages in parts of at most size, in their order; the first is the main bundle. With no
    marked page at all there is one part without a list, and Pagefind indexes the site as it
    finds it, as it always has."""
    chunks = [tuple(pages[start : start + size]) for start in range(0, len(pages), size)] or [()]
    return tuple(
        Part(folder=BUNDLE if number == 1 else f"{BUNDLE}/del-{number}", pages=chunk)
        for number, chunk in enumerate(chunks, 1)
    )


def words(site_dir: Path, pages: Iterable[str]) -> frozenset[str]:
    """Every word the pages could give Pagefind, lower case, as they stand in the text (with any
    punctuation around them: Pagefind splits them as it splits the pages' own). Generous: the
    text from the marked element to the end of the theme's article around it, and the attribute
    values Pagefind may read. A word too many only keeps a part from falling back for a word
    that no page has.

    The pages repeat most of their words and attribute values (at M, 1,604 distinct values in
    265,000 attributes), so each distinct piece of text is decoded and split once, at the end:
    the same words in half the time. An entity never spans white space, so decoding a piece
    gives what decoding the whole text would."""
    pieces: set[str] = set()
    for page in pages:
        text = (site_dir / page).read_text(encoding="utf-8")
        start = text.find(MARK)
        end = text.find(ARTICLE_END, start)
        marked = text[start : end if end >= 0 else len(text)]
        pieces.update(_TAG.sub(" ", marked).split())
        pieces.update(_ATTRIBUTE_TEXT.findall(marked))
    return frozenset(word for piece in pieces for word in html.unescape(piece).lower().split())


def glob(pages: Sequence[str]) -> str:
    """Pagefind's glob for exactly these pages: each path with wax's syntax characters escaped,
    as alternatives."""
    return "{" + ",".join("".join("\\" + c if c in GLOB_SPECIAL else c for c in page) for page in pages) + "}"


def vocabulary_page(missing: Sequence[str]) -> str:
    """A part's vocabulary page: the words it lacks, marked for the index and by VOCABULARY_FILTER."""
    mark = f'<data value="ja" data-pagefind-filter="{VOCABULARY_FILTER}[value]"></data>'
    text = escape_html(" ".join(missing))
    return f'<!DOCTYPE html><html lang="{LANGUAGE}"><body><div {MARK}>{mark}<p>{text}</p></div></body></html>\n'


def _command() -> list[str]:
    return shlex.split(os.environ.get(COMMAND, "")) or [sys.executable, "-m", "pagefind"]


def _settings(site_dir: Path, part: Part, missing: Sequence[str], output: str) -> dict[str, object]:
    """Pagefind's settings for one part's run (with the vocabulary page among its pages if it
    lacks any word)."""
    vocabulary = site_dir / BUNDLE / VOCABULARY_PAGE
    pages = [*part.pages, vocabulary.relative_to(site_dir).as_posix()] if missing else part.pages
    settings: dict[str, object] = {
        "site": str(site_dir),
        "output_path": output,
        "exclude_selectors": list(EXCLUDED),
        "silent": True,
    }
    if pages:
        settings["glob"] = glob(pages)
    return settings


def part_key(site_dir: Path, part: Part, missing: Sequence[str]) -> str:
    """Everything one part's run reads, hashed: its settings (with the site's folder left out,
    since every build writes a new one), Pagefind's version or the command named instead of it,
    the index's chunk size, the vocabulary page and every page's path and bytes."""
    settings = {**_settings(site_dir, part, missing, part.folder), "site": ""}
    digest = hashlib.blake2b(digest_size=20)
    for text in (str(FORMAT), json_document(settings, compact=True), os.environ.get(COMMAND, ""), _version()):
        digest.update(text.encode() + b"\0")
    digest.update(f"{CHUNK_LOCATIONS}\0{vocabulary_page(missing) if missing else ''}\0".encode())
    for page in part.pages:
        content = (site_dir / page).read_bytes()
        digest.update(f"{page}\0{len(content)}\0".encode() + content)
    return digest.hexdigest()


def _version() -> str:
    try:
        return importlib.metadata.version("pagefind_bin")
    except importlib.metadata.PackageNotFoundError:
        return ""


class KeptParts:
    """Parts' indexes kept between builds, one folder per key, holding exactly what Pagefind wrote
    for the part. A folder is written whole or not at all (under a temporary name, then renamed),
    so another build never copies half of one; one that cannot be read or written is indexed
    again, never a failed build."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def copy(self, key: str, output: Path) -> bool:
        """The kept index copied to output; False when there is none (or it cannot be read)."""
        kept = self.folder / key
        if not kept.is_dir():
            return False
        try:
            shutil.copytree(kept, output, dirs_exist_ok=True)
        except OSError:
            return False
        return True

    def make(self, key: str, output: Path, index: Callable[[Path], None]) -> None:
        """index(folder) writes a part's index into an empty folder: here one in the cache (so that
        keeping it is a rename), kept under key and copied to output. Where the cache cannot be
        written, index writes to output itself."""
        folder = self.folder / f".{key}.{os.getpid()}"
        try:
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
        except OSError:
            index(output)
            return
        try:
            index(folder)
            with contextlib.suppress(OSError):  # another build kept it first: this one is copied
                folder.rename(self.folder / key)
            shutil.copytree(folder if folder.exists() else self.folder / key, output, dirs_exist_ok=True)
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def prune(self, used: Iterable[str]) -> None:
        """Only the parts of the last build stay, and what killed builds left half-written."""
        keep = set(used)
        stale = time.time() - STALE_WRITE_SECONDS
        with contextlib.suppress(OSError):
            for kept in self.folder.iterdir():
                with contextlib.suppress(OSError):
                    if kept.name.startswith(".") and kept.stat().st_mtime >= stale:
                        continue  # another build is writing it
                    if kept.name not in keep:
                        shutil.rmtree(kept) if kept.is_dir() else kept.unlink()


def _index(site_dir: Path, part: Part, missing: Sequence[str], output: Path, *, which: str) -> None:
    """One Pagefind run, with the part's vocabulary page if it lacks any word, writing the part's
    index to output. Its settings go in a pagefind.json in a folder of its own, its working
    directory: a part's glob is longer than one command-line argument may be. That folder is in
    the site's folder, the build's own, so that a build killed while Pagefind runs leaves nothing
    behind anywhere else (a killed build's site folder is removed, cli.py)."""
    vocabulary = site_dir / BUNDLE / VOCABULARY_PAGE
    settings = _settings(site_dir, part, missing, str(output))
    try:
        if missing:
            vocabulary.parent.mkdir(parents=True, exist_ok=True)
            vocabulary.write_text(vocabulary_page(missing), encoding="utf-8")
        with tempfile.TemporaryDirectory(prefix=".kp-pagefind-", dir=site_dir) as folder:
            (Path(folder) / "pagefind.json").write_text(json_document(settings, compact=False), encoding="utf-8")
            environment = {**os.environ, "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": str(CHUNK_LOCATIONS)}
            finished = processes.run(_command(), cwd=Path(folder), env=environment)
    finally:
        vocabulary.unlink(missing_ok=True)
    if finished.returncode != 0:
        raise PluginError(f"Pagefind kunde inte indexera webbplatsen ({which}):\n{finished.stdout}{finished.stderr}")
