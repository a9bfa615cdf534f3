"""Benchmark: build the site from scratch on a synthetic tree and print what it cost.

    python bench/run.py --size S|M|L [--seed 1] [--plain | --no-plain] [--no-preview] [--no-browser] [--keep DIR]

Steps, each in a fresh Python process so that memory and timings are its own:

1. ``full``, cold: ``python -m generator build`` as the command line runs it (validate,
   generate, MkDocs, open data, Pagefind) with an empty cache of converted pages (the folder
   that KVALITETSPORTALEN_CACHE names, one of the benchmark's own), timed per stage through the
   pipeline's public timing hook (``pipeline.observed``; ``stages_s`` has every stage).
   ``generate_s`` is the generator's time on the build's path: checking the tree (once, in the
   plugin), deriving, rendering and writing the pages, and writing the open data and feeds
   (``extras_s`` of it). ``total_s``, ``mkdocs_s`` and the like are this build's (also as
   ``cold_…``).
2. ``full``, warm: one decision's assessment edited, then the same build again with the cache
   the cold build left (``warm_…``), as a pull request that changes one decision is built. The
   edit adds a word the generated tree lacks, so every part of the search index is indexed
   again (generator/search.py); ``second_edit_…`` is the same build after the same sentence is
   added once more, words the site already has, as the next push to that pull request is
   built: the search index's unchanged parts come from the cache.
3. ``incremental``: the preview (``serve``): build once, then edit one decision's assessment
   and rebuild dirty, five times; the median rebuild is what a controller waits for (the
   fastest and slowest are ``incremental_range_s``). The open data, feeds and search index
   are refreshed in the background after each, timed separately (``incremental_background_s``).
4. The first search, in headless Chromium: the bytes the browser fetches from ``pagefind/`` (and
   the search page's module that merges the index's parts) to show the results for a Swedish
   inflected word, and that it finds the page. ``--no-browser`` leaves it out (its figures are
   then null), where Chromium is missing.
5. ``plain`` (default at XS, S and M; ``--plain`` at L): the same pages with a plain MkDocs
   configuration, every page in the nav and Material's built-in search, for the ratio and
   MkDocs' own time per page (``plain_mkdocs_ms_per_page``).
6. ``anchor``: the generated pages' paths and front matter with a one-paragraph body each,
   built by MkDocs with the project's mkdocs.yml but without its plugin: MkDocs' own cost per
   page with this theme when there is next to nothing to convert (``anchor_mkdocs_ms_per_page``);
   ``warm_anchor_ratio`` is the warm build's MkDocs stage per page against it.

Memory: while a step runs, this process samples the resident memory of the step's process and
all its descendants (forked workers, Pagefind) every 50 ms (Linux, /proc) and keeps the peak of
their sum, ``peak_rss_mb``: what the machine must hold at once. Forked workers share their
parent's unchanged pages, which the sum counts once per process, so it errs on the high side:
``peak_pss_mb`` (``cold_…``, ``warm_…``) is the peak of the sum of their proportional set sizes,
read every 0.5 s, where a page shared by n processes counts 1/n in each, the memory the machine
holds (null where /proc has no smaps_rollup).
``search_peak_rss_mb`` is the peak of the Pagefind processes alone, ``peak_rss_largest_mb``
the largest single process (the figure before the sum).

The table goes to standard output; the last line is one JSON object with the figures. Each
step's own figures go to standard error as it ends, so that a run stopped or failed late keeps
what it measured before.

Long because each step is a few small functions that only make sense beside the others: the
steps share the tree, the work folder, the figures' names and the memory sampling.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import gzip
import http.server
import itertools
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.generate import SIZES, generate_tree  # noqa: E402

AS_OF = dt.date(2026, 11, 23)
CACHE = "KVALITETSPORTALEN_CACHE"
"""Environment variable: the folder where the build keeps the pages it converted, between builds.
The benchmark points it at a folder of its own (``cache`` in the work folder), emptied before the
cold build, so that no earlier build's pages make the cold build warm."""
SEARCH_WORD = "egenkontrollerna"
"""Inflected: only a stemming search finds the pages titled "Egenkontroller"."""
EDITED_SENTENCE = " Bedömningen kompletterades vid granskningen."
NO_CHROMIUM = "Chromium saknas: sudo apt-get install chromium, eller mät utan webbläsaren med --no-browser"


# --- the parent: generate, run the steps, report ----------------------------------------------


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    if args.browser and chromium() is None:  # before the builds, not an hour into them at L
        raise SystemExit(NO_CHROMIUM)
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="kp-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        figures = benchmark(args.size, args.seed, work, plain=args.plain, preview=args.preview, browser=args.browser)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(table(figures))
    print(json.dumps(figures, ensure_ascii=False))
    return 0


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="S")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", help="work in this folder and keep it (data, site, preview)")
    parser.add_argument(
        "--plain",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="also build with plain MkDocs (default: at XS, S and M; at L it takes hours: --plain)",
    )
    parser.add_argument(
        "--preview",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also time the preview after one edit (it builds the whole tree once more first)",
    )
    parser.add_argument(
        "--browser",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also measure the first search in Chromium (--no-browser where it is missing)",
    )
    args = parser.parse_args(argv)
    if args.plain is None:
        args.plain = args.size != "L"
    return args


def benchmark(
    size: str, seed: int, work: Path, *, plain: bool, preview: bool = True, browser: bool = True
) -> dict[str, Any]:
    data = work / "data"
    if not data.exists():
        generate_tree(data, size, seed, AS_OF)
    shutil.rmtree(work / "cache", ignore_errors=True)
    (work / "cache").mkdir()
    full = _step("full", data, work)
    edit_newest_decision(data)
    warm = _step("full", data, work)
    edit_newest_decision(data)
    second = _step("full", data, work)
    incremental = _step("incremental", data, work) if preview else {}
    builds = [full, warm, second, incremental] if preview else [full, warm, second]
    site = work / "site"
    pages = sorted(site.rglob("*.html"))
    sized = {p: p.stat().st_size for p in pages if not p.is_relative_to(site / "pagefind")}
    page_sizes = list(sized.values())
    largest = max(sized, key=sized.__getitem__)
    search = first_search(site) if browser else {"bytes": None, "uncompressed": None, "results": None}
    figures: dict[str, Any] = {
        "size": size,
        "decisions": sum(1 for _ in (data / "followups").glob("*.yml")),
        "providers": sum(1 for _ in (data / "providers").glob("*.yml")),
        "pages": full["pages"],
        "generate_s": full["generate_s"],
        "extras_s": full["extras_s"],
        "mkdocs_s": full["mkdocs_s"],
        "search_s": full["search_s"],
        "total_s": full["total_s"],
        "cold_total_s": full["total_s"],
        "cold_mkdocs_s": full["mkdocs_s"],
        "cold_mkdocs_ms_per_page": full["mkdocs_ms_per_page"],
        "warm_total_s": warm["total_s"],
        "warm_mkdocs_s": warm["mkdocs_s"],
        "warm_mkdocs_ms_per_page": warm["mkdocs_ms_per_page"],
        "warm_search_s": warm["search_s"],
        "second_edit_total_s": second["total_s"],
        "second_edit_search_s": second["search_s"],
        "incremental_s": incremental.get("incremental_s"),
        "incremental_range_s": incremental.get("incremental_range_s"),
        "incremental_background_s": incremental.get("background_s"),
        "site_bytes": _bytes(site),
        "search_first_bytes": search["bytes"],
        "search_first_bytes_uncompressed": search["uncompressed"],
        "search_results": search["results"],
        "page_bytes_median": int(statistics.median(page_sizes)),
        "page_bytes_max": max(page_sizes),
        "page_largest": largest.parent.relative_to(site).as_posix(),
        "peak_rss_mb": max(build["peak_rss_mb"] for build in builds),
        "cold_peak_rss_mb": full["peak_rss_mb"],
        "warm_peak_rss_mb": warm["peak_rss_mb"],
        "search_peak_rss_mb": max(build["search_peak_rss_mb"] for build in (full, warm, second)),
        "peak_rss_largest_mb": max(build["largest_rss_mb"] for build in builds),
        "peak_pss_mb": max((build["peak_pss_mb"] or 0 for build in builds), default=0) or None,
        "cold_peak_pss_mb": full["peak_pss_mb"],
        "warm_peak_pss_mb": warm["peak_pss_mb"],
    }
    anchor = _step("anchor", data, work)
    figures["anchor_mkdocs_ms_per_page"] = anchor["mkdocs_ms_per_page"]
    figures["warm_anchor_ratio"] = round(warm["mkdocs_ms_per_page"] / anchor["mkdocs_ms_per_page"], 2)
    figures["generate_share"] = round(figures["generate_s"] / figures["total_s"], 3)
    figures["total_s_per_decision"] = round(figures["total_s"] / figures["decisions"], 5)
    if plain:
        other = _step("plain", data, work)
        figures["plain_total_s"] = other["total_s"]
        figures["plain_mkdocs_ms_per_page"] = other["mkdocs_ms_per_page"]
        figures["plain_site_bytes"] = other["site_bytes"]
        figures["plain_search_first_bytes"] = other["search_first_bytes"]
        figures["plain_page_bytes_median"] = other["page_bytes_median"]
        figures["plain_peak_rss_mb"] = other["peak_rss_mb"]
        figures["plain_ratio"] = round(other["total_s"] / figures["total_s"], 2)
    return figures


def _step(name: str, data: Path, work: Path) -> dict[str, Any]:
    """One step in its own process; it prints its figures as JSON on its last line. Its memory,
    all its processes together, is sampled from here (TreeMemory)."""
    command = [sys.executable, __file__, "--step", name, str(data), str(work)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0", CACHE: str(work / "cache")}
    pipe = subprocess.PIPE
    with (
        subprocess.Popen(command, cwd=ROOT, stdout=pipe, stderr=pipe, text=True, env=env) as process,
        TreeMemory(process.pid) as memory,
    ):
        output, errors = process.communicate()
    if process.returncode != 0:
        raise SystemExit(f"step {name} failed:\n{output[-3000:]}\n{errors[-3000:]}")
    result: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    result["peak_rss_mb"] = max(_mb(memory.peak), result["largest_rss_mb"])  # /proc missing: the largest
    result["search_peak_rss_mb"] = _mb(memory.peaks.get(PAGEFIND, 0))
    result["peak_pss_mb"] = _mb(memory.proportional_peak) if memory.proportional_peak else None
    # Each step's figures as it ends, on standard error: a step that fails later (or a stopped run
    # at L, an hour long) leaves those measured before it.
    print(f"step {name}: {json.dumps(result, ensure_ascii=False)}", file=sys.stderr, flush=True)
    return result


SAMPLE_SECONDS = 0.05
PROPORTIONAL_EVERY = 10
"""Proportional set sizes are read every tenth sample (0.5 s): the kernel walks each process's
page tables for them, a few milliseconds for a process of gigabytes."""
PAGEFIND = "pagefind"
"""Pagefind's program name, as /proc/PID/comm gives it."""
PAGE_BYTES = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


class TreeMemory:
    """While the with-block runs, a thread samples the resident memory of a process and of all
    its descendants every SAMPLE_SECONDS: ``peak`` is the largest sum at one moment (bytes),
    ``peaks`` the same per program name. Every PROPORTIONAL_EVERY samples it also reads each
    process's proportional set size, its resident pages with each page shared by n processes
    counted as 1/n of it: ``proportional_peak`` is the largest sum of those, what the machine
    holds (forked workers share most of their parent's pages, which the resident sum counts
    once per process). It reads /proc (Linux); elsewhere all stay empty or 0. It runs in the
    benchmark's own process, so the sampling costs the step next to nothing."""

    def __init__(self, root: int) -> None:
        self.root = root
        self.peak = 0
        self.peaks: dict[str, int] = {}
        self.proportional_peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exception: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        for sample in itertools.count():
            processes = _descendants(self.root)
            by_program: dict[str, int] = {}
            for name, size in filter(None, map(_resident, processes)):
                by_program[name] = by_program.get(name, 0) + size
            self.peak = max(self.peak, sum(by_program.values()))
            for name, size in by_program.items():
                self.peaks[name] = max(self.peaks.get(name, 0), size)
            if sample % PROPORTIONAL_EVERY == 0:
                self.proportional_peak = max(self.proportional_peak, sum(map(_proportional, processes)))
            if self._stop.wait(SAMPLE_SECONDS):
                return


def _descendants(root: int) -> list[int]:
    """root and every process below it: each thread's children, as /proc lists them."""
    found, waiting = [], [root]
    while waiting:
        pid = waiting.pop()
        found.append(pid)
        with contextlib.suppress(OSError):
            for thread in Path(f"/proc/{pid}/task").iterdir():
                with contextlib.suppress(OSError):
                    waiting += map(int, (thread / "children").read_text().split())
    return found


def _resident(pid: int) -> tuple[str, int] | None:
    """The program's name and its resident bytes; None once it has ended."""
    try:
        name = Path(f"/proc/{pid}/comm").read_text().strip()
        pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return None
    return name, pages * PAGE_BYTES


def _proportional(pid: int) -> int:
    """The process's proportional set size in bytes (/proc/PID/smaps_rollup, Linux 4.14 and
    later); 0 once it has ended or where the file is missing."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    found = re.search(r"^Pss:\s+(\d+) kB", rollup, re.MULTILINE)
    return int(found[1]) * 1024 if found else 0


def _mb(size: int) -> float:
    return round(size / 2**20, 1)


def _bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


SEARCH_FILES = ("/pagefind/", "/javascripts/sok/")
"""Where the first search's files come from: Pagefind's bundles, and the module the search page
loads Pagefind through (docs/javascripts/sok/pagefind.js)."""
COMPRESSED_BY_SERVERS = (".js", ".css", ".json")
"""Text files that web servers (GitHub Pages among them) send gzip-compressed; Pagefind's
index, fragments and WebAssembly are compressed already."""


def first_search(site: Path) -> dict[str, int]:
    """Open the search page in Chromium, search, and count what came for the search
    (SEARCH_FILES): as sent by a server that compresses text (the figure that matters), and
    uncompressed."""
    from playwright.sync_api import sync_playwright

    fetched: dict[str, bytes] = {}
    with _serve(site) as base, sync_playwright() as playwright:
        executable = chromium()
        if executable is None:
            raise SystemExit(NO_CHROMIUM)
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        page = browser.new_page()

        def record(response: Any) -> None:
            if any(folder in response.url for folder in SEARCH_FILES):
                fetched[response.url] = response.body()

        page.on("response", record)
        page.goto(f"{base}/sok/?q={SEARCH_WORD}")
        page.wait_for_selector(".pagefind-ui__result", timeout=30_000)
        page.wait_for_load_state("networkidle")
        results = page.locator(".pagefind-ui__result").count()
        browser.close()
    sent = sum(len(gzip.compress(b)) if u.endswith(COMPRESSED_BY_SERVERS) else len(b) for u, b in fetched.items())
    return {"bytes": sent, "uncompressed": sum(len(b) for b in fetched.values()), "results": results}


def chromium() -> str | None:
    """Debian's chromium, or the browser CHROMIUM names (as the browser tests read it)."""
    for candidate in (os.environ.get("CHROMIUM", ""), "/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@contextlib.contextmanager
def _serve(site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def table(figures: dict[str, Any]) -> str:
    rows = [(key, _show(value)) for key, value in figures.items()]
    width = max(len(key) for key, _ in rows)
    return "\n".join(f"{key:<{width}}  {value}" for key, value in rows)


def _show(value: Any) -> str:
    if isinstance(value, int) and value >= 10_000:
        return f"{value:,}".replace(",", " ")
    return str(value)


# --- the steps, each in its own process ---------------------------------------------------------


class Stopwatch:
    """Seconds spent in each of the pipeline's stages (pipeline.STAGES), through its public timing
    hook (pipeline.observed), added up when a stage runs more than once."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def __call__(self, stage: str, seconds: float) -> None:
        self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds


GENERATOR_STAGES = ("check", "derive", "render", "extras")
"""What ``generate_s`` adds up: the generator's share of a build (the plugin checks the tree and
generates the pages, open data and feeds)."""


def _largest_rss_mb() -> float:
    """The largest single process of the step (itself or one it waited for), as the system
    counts it; the parent's TreeMemory gives the sum of all of them at once."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, children) / 1024, 1)


def step_full(data: Path, work: Path) -> dict[str, Any]:
    """The command line's build, with the generator's and Pagefind's shares timed."""
    from generator import cli, pipeline

    watch = Stopwatch()
    site = work / "site"
    shutil.rmtree(site, ignore_errors=True)
    start = time.perf_counter()
    with contextlib.redirect_stdout(sys.stderr), pipeline.observed(watch):
        code = cli.main(["build", "--data", str(data), "--out", str(site), "--as-of", AS_OF.isoformat()])
    total = time.perf_counter() - start
    if code != 0:
        raise SystemExit(f"build failed with {code}")
    generate = sum(watch.seconds.get(stage, 0.0) for stage in GENERATOR_STAGES)
    search = watch.seconds.get("search", 0.0)
    pages = sum(1 for p in site.rglob("index.html") if not p.is_relative_to(site / "pagefind"))
    return {
        "pages": pages,
        "generate_s": round(generate, 2),
        "extras_s": round(watch.seconds.get("extras", 0.0), 2),
        "mkdocs_s": round(total - generate - search, 2),
        "mkdocs_ms_per_page": round((total - generate - search) * 1000 / pages, 2),
        "search_s": round(search, 2),
        "total_s": round(total, 2),
        "stages_s": {stage: round(seconds, 2) for stage, seconds in watch.seconds.items()},
        "largest_rss_mb": _largest_rss_mb(),
    }


PREVIEW_EDITS = 5
"""Saves timed in the preview step; it reports their median, as the targets are medians."""


def step_incremental(data: Path, work: Path) -> dict[str, Any]:
    """The preview: a first build, then PREVIEW_EDITS saves of one decision, each followed by the
    dirty rebuild a controller waits for and the background refresh that follows it."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from generator.mkdocs_plugin import PortalPlugin

    preview = work / "preview"
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(preview / "site"), strict=False)  # as serve
    plugin = config.plugins["kvalitetsportalen"]
    assert isinstance(plugin, PortalPlugin)
    plugin.config["data_dir"] = str(data)
    plugin.config["pages_dir"] = str(preview / "pages")
    plugin.config["as_of"] = AS_OF.isoformat()
    config.plugins.on_startup(command="serve", dirty=True)
    session = plugin.preview
    assert session is not None, "started as serve"
    build(config, dirty=True)
    session.background.wait()
    rebuilds, refreshes = [], []
    for _ in range(PREVIEW_EDITS):
        edit_newest_decision(data)
        start = time.perf_counter()
        build(config, dirty=True)
        rebuilds.append(time.perf_counter() - start)
        session.background.wait()
        refreshes.append(time.perf_counter() - start - rebuilds[-1])
    config.plugins.on_shutdown()
    return {
        "incremental_s": round(statistics.median(rebuilds), 2),
        "incremental_range_s": [round(min(rebuilds), 2), round(max(rebuilds), 2)],
        "background_s": round(statistics.median(refreshes), 2),
        "largest_rss_mb": _largest_rss_mb(),
    }


def edit_newest_decision(data: Path) -> Path:
    """Append a sentence to the first assessment of the newest decision, as a controller would."""
    newest = max((data / "followups").glob("*.yml"), key=_decision_date)
    lines = newest.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("assessment:"))
    lines[start + 1] += EDITED_SENTENCE
    newest.write_text("\n".join(lines), encoding="utf-8")
    return newest


def _decision_date(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("date:"):
            return line.split(":", 1)[1].strip()
    return ""


def step_plain(data: Path, work: Path) -> dict[str, Any]:
    """The same Markdown pages with plain MkDocs: no nav given (so every page is in it) and
    Material's own search, as a site would be set up without this project's choices."""
    docs = _docs_with_generated_pages(data, work / "plain", body=None)
    site, total, built = _plain_build(docs, work / "plain-site", plugins=["search"], nav=None, not_in_nav="")
    sizes = [p.stat().st_size for p in site.rglob("*.html")]
    return {
        "total_s": round(total, 2),
        "mkdocs_ms_per_page": round(total * 1000 / built, 2),
        "site_bytes": _bytes(site),
        "search_first_bytes": (site / "search" / "search_index.json").stat().st_size,
        "page_bytes_median": int(statistics.median(sizes)),
        "largest_rss_mb": _largest_rss_mb(),
    }


ANCHOR_BODY = "En kort sida: ett stycke text, ingen tabell, inga länkar.\n"
"""The body of every page of the anchor build."""


def step_anchor(data: Path, work: Path) -> dict[str, Any]:
    """MkDocs' own cost per page with this site's theme and configuration: the generated pages'
    paths and front matter (title, template) with a one-paragraph body each, the hand-written
    pages as they are, built by plain MkDocs without the project's plugin. What a page costs
    MkDocs when there is next to nothing to convert; the warm build's MkDocs stage per page is
    compared with it (``warm_anchor_ratio``)."""
    docs = _docs_with_generated_pages(data, work / "anchor", body=ANCHOR_BODY)
    _, total, built = _plain_build(docs, work / "anchor-site", plugins=[])
    return {"mkdocs_ms_per_page": round(total * 1000 / built, 2), "largest_rss_mb": _largest_rss_mb()}


def _docs_with_generated_pages(data: Path, folder: Path, body: str | None) -> Path:
    """A docs folder (folder/docs) with the hand-written pages and the generated ones beside
    them; with body, each generated page keeps its front matter and gets that body instead."""
    from generator.pipeline import generate

    docs, pages = folder / "docs", folder / "pages"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(ROOT / "docs", docs)
    if generate(data, pages, AS_OF).report is None:
        raise SystemExit("the data has problems")
    for page in pages.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        if body is not None:
            text = text.split("\n---\n", 1)[0] + f"\n---\n\n{body}"
        target = docs / page.relative_to(pages)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return docs


def _plain_build(docs: Path, site: Path, **settings: Any) -> tuple[Path, float, int]:
    """MkDocs alone over docs with the project's mkdocs.yml and these settings: the site, the
    seconds it took and the pages it built."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(site), strict=False, **settings)
    start = time.perf_counter()
    build(config)
    total = time.perf_counter() - start
    return site, total, sum(1 for _ in site.rglob("index.html"))


STEPS = {"full": step_full, "incremental": step_incremental, "plain": step_plain, "anchor": step_anchor}

if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--step":
        import logging

        logging.getLogger("mkdocs").setLevel(logging.ERROR)
        figures = STEPS[sys.argv[2]](Path(sys.argv[3]), Path(sys.argv[4]))
        print(json.dumps(figures))
        raise SystemExit(0)
    raise SystemExit(main())
