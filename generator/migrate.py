"""Records written in an earlier version of the record format, brought up to the current one.

A change of format is not a correction: the decision says the same, only its fields are named
differently. `diff` reads the older side of a comparison through these steps, so that a
migration of the records shows as no published change and a reviewer sees only real ones. Each
step rewrites the text of a file, so the YAML a controller wrote keeps its comments and lines.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.kinds import FOLLOWUPS

_CONTRACT = re.compile(r"^contract:[ \t]*(?P<number>[^#\n]*?)[ \t]*(?P<comment>#[^\n]*)?$", re.MULTILINE)
"""Before the basis of a decision (contract or agreement) had a field of its own, a decision
named its contract's case number in a top-level `contract:`."""

_BASIS = re.compile(r"^basis:", re.MULTILINE)


def contract_to_basis(text: str) -> str:
    """`contract: Voo 1/2023` becomes `basis: {kind: contract, number: Voo 1/2023}`; an empty one
    goes (an unknown basis is left out). A file that already has a basis is left as it is."""
    if _BASIS.search(text):
        return text

    def basis(match: re.Match[str]) -> str:
        number = match.group("number")
        if not number or number in ("~", "null"):
            return match.group("comment") or ""
        comment = f"  {match.group('comment')}" if match.group("comment") else ""
        return f"basis: {{kind: contract, number: {number}}}{comment}"

    return _CONTRACT.sub(basis, text)


def upgrade_tree(data_dir: Path) -> None:
    """Every decision under data_dir rewritten in the current format, in place. Only for a copy:
    `diff` calls it on the older tree it has unpacked or copied for the comparison."""
    for path in sorted((data_dir / FOLLOWUPS.folder).rglob("*.yml")):
        if path.is_symlink() or not path.is_file():
            continue  # the loader reports these; nothing to rewrite
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
        upgraded = contract_to_basis(text)
        if upgraded != text:
            path.write_text(upgraded, encoding="utf-8", errors="surrogateescape")
