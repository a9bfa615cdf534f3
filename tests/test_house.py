"""House rules a test can check: no module of the generator or the benchmark is over 400 lines unless it says why.

A newcomer reads a module whole; past LIMIT lines it usually holds more than one idea. The
convention: a module longer than LIMIT lines has, in its module docstring, a line that starts with
"Long because" and goes on to give the reason, e.g. that a split would scatter one idea or that
the length is declarations read together. Without that line the module is to be split.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.conftest import ROOT

LIMIT = 400
"""Lines a module may have without saying why."""
REASON = re.compile(r"^\s*Long because \S", re.MULTILINE)


def unexplained(path: Path) -> bool:
    """Whether the module at path is longer than LIMIT lines and its docstring gives no reason."""
    source = path.read_text(encoding="utf-8")
    if len(source.splitlines()) <= LIMIT:
        return False
    docstring = ast.get_docstring(ast.parse(source), clean=False) or ""
    return REASON.search(docstring) is None


def test_a_long_module_needs_its_reason(tmp_path: Path) -> None:
    body = "x = 1\n" * LIMIT
    short = tmp_path / "short.py"
    short.write_text('"""Short."""\n' + "x = 1\n" * (LIMIT - 1), encoding="utf-8")
    bare = tmp_path / "bare.py"
    bare.write_text(f'"""Does two jobs."""\n{body}', encoding="utf-8")
    said = tmp_path / "said.py"
    reason = "Long because one table is declared column by column."
    said.write_text(f'"""One job.\n\n{reason}\n"""\n{body}', encoding="utf-8")
    empty = tmp_path / "empty.py"
    empty.write_text(f'"""One job.\n\nLong because\n"""\n{body}', encoding="utf-8")
    elsewhere = tmp_path / "elsewhere.py"
    elsewhere.write_text(f'"""One job."""\n# Long because of a comment\n{body}', encoding="utf-8")
    assert [p.name for p in (short, bare, said, empty, elsewhere) if unexplained(p)] == [
        "bare.py",
        "empty.py",
        "elsewhere.py",
    ]


def test_no_module_is_long_without_a_reason() -> None:
    modules = sorted((*(ROOT / "generator").rglob("*.py"), *(ROOT / "bench").glob("*.py")))
    assert len(modules) > 30
    long = [str(path.relative_to(ROOT)) for path in modules if unexplained(path)]
    assert long == [], f'over {LIMIT} lines: split each, or say why in its docstring ("Long because …"): {long}'
