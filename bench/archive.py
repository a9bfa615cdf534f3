"""The importer's benchmark: a folder of printed decisions imported into a tree.

    python bench/archive.py [--decisions 200] [--keep DIR]

The decisions are the two seed texts (tests/seeds/) with another provider, case number,
contract and date each, printed to PDF by Chromium as tests/pdfs.py prints them (running
header, "Sida N av M"). The import runs in a process of its own, so that its time and peak
memory are its own: ``decisions_per_s`` (wall time, PDF reading included) and ``peak_rss_mb``.
Printing the PDFs is not timed.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SEEDS = ROOT / "tests" / "seeds"
SEED_NAMES = ("000_kvalitetsservice.txt", "001_sov-881-2022.txt")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--decisions", type=int, default=200)
    parser.add_argument("--keep", help="work in this folder and keep it (PDFs, data)")
    args = parser.parse_args(argv)
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="kp-archive-"))
    try:
        figures = benchmark(args.decisions, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print("\n".join(f"{name}: {value}" for name, value in figures.items()))
    print(json.dumps(figures))
    return 0


def benchmark(decisions: int, work: Path) -> dict[str, Any]:
    archive = work / "arkiv"
    if not archive.exists():
        print_archive(archive, decisions)
    data = work / "data"
    shutil.rmtree(data, ignore_errors=True)
    shutil.copytree(ROOT / "data" / "requirements", data / "requirements")
    command = [sys.executable, __file__, "--step", str(archive), str(data)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"the import failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    figures["pdf_pages"] = sum(_pages(pdf) for pdf in archive.glob("*.pdf"))
    return figures


def print_archive(folder: Path, decisions: int) -> None:
    """decisions PDFs, each seed in turn with its own provider, numbers and date."""
    from tests import pdfs

    folder.mkdir(parents=True)
    texts = [(SEEDS / name).read_text(encoding="utf-8") for name in SEED_NAMES]
    with pdfs.browser() as browser:
        for number in range(decisions):
            text = varied(texts[number % len(texts)], number)
            pdfs.print_text(browser, text, folder / f"beslut-{number:04d}.pdf")


def varied(text: str, number: int) -> str:
    """The seed as another decision: provider, case numbers, contract and date changed."""
    text = text.replace("Kvalitetsservice", f"Omsorgsbolaget {number}")
    text = re.sub(r"Sov 881/2022", f"Sov {1000 + number}/2022", text)
    text = re.sub(r"Voo 1905/2023", f"Voo {3000 + number}/2023", text)
    return text.replace("2022-05-16", f"2022-{1 + number % 12:02d}-{1 + number % 28:02d}")


def _pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def step(archive: Path, data: Path) -> dict[str, Any]:
    """The import as the command line runs it, in this process."""
    import contextlib
    import resource

    from generator import cli

    start = time.perf_counter()
    with contextlib.redirect_stdout(sys.stderr):
        code = cli.main(["import", str(archive), "--data", str(data)])
    seconds = time.perf_counter() - start
    drafts = sum(1 for _ in (data / "followups").glob("*.yml"))
    if code != 0 or drafts != sum(1 for _ in archive.glob("*.pdf")):
        raise SystemExit(f"import exited {code} with {drafts} drafts")
    return {
        "decisions": drafts,
        "import_s": round(seconds, 2),
        "decisions_per_s": round(drafts / seconds, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--step":
        print(json.dumps(step(Path(sys.argv[2]), Path(sys.argv[3]))))
        raise SystemExit(0)
    raise SystemExit(main())
