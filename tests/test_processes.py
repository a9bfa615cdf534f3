"""The build's own processes: what it hands back to the system before starting one."""

from __future__ import annotations

import ctypes
import subprocess
import sys
from pathlib import Path

import pytest

FRAGMENTED_HEAP = """
import sys
from generator.processes import give_back_freed_memory

def resident_mb():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) // 1024 for line in status if line.startswith("VmRSS"))

blocks = [bytes(40_000) for _ in range(5_000)]  # 200 MB in blocks of a built page's size
kept = blocks[::8]  # every eighth stays, so the freed ones lie between them on the heap
del blocks
before = resident_mb()
give_back_freed_memory()
print(before, resident_mb())
"""

ROOT = Path(__file__).resolve().parents[1]


def _has_malloc_trim() -> bool:
    try:
        ctypes.CDLL(None).malloc_trim  # noqa: B018
    except (OSError, AttributeError):
        return False
    return sys.platform == "linux"


@pytest.mark.skipif(not _has_malloc_trim(), reason="only glibc holds freed memory this way and can hand it back")
def test_freed_memory_between_blocks_still_in_use_goes_back_to_the_system() -> None:
    """Pages of 40 KB freed between pages still held stay with the process (glibc keeps them for
    reuse) until they are handed back; Pagefind, started next, then has that memory."""
    shown = subprocess.run(
        [sys.executable, "-c", FRAGMENTED_HEAP], cwd=ROOT, capture_output=True, text=True, check=True
    )
    before, after = map(int, shown.stdout.split())
    assert before > 150
    assert after < before - 100
