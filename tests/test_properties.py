"""Property tests: whatever bytes a file holds, the validator answers with problems, never a crash;
whatever text a field holds, a valid record renders, and its text survives as written."""

from __future__ import annotations

import json
import shutil
import tempfile
from html import unescape
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from generator.derive import derive
from generator.encode import escape_markdown
from generator.pipeline import check
from generator.render import render
from tests.conftest import AS_OF, MINIMAL, SHIPPED

pytestmark = pytest.mark.slow

SHIPPED_FILES = sorted(SHIPPED.rglob("*.yml"))
TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cc", "Cf", "Cs"), include_characters="\n\t"),
    min_size=1,
    max_size=200,
)
"""Any text but control characters (YAML forbids them in a file: tests/malformed/control-character),
surrogates (UTF-8 cannot hold them) and format characters (bidi controls, zero-width characters:
refused as invisible). Drawn with them, three examples in four were refused by the validator."""


@st.composite
def mutated(draw: st.DrawFn) -> tuple[Path, bytes]:
    path = draw(st.sampled_from(SHIPPED_FILES))
    data = bytearray(path.read_bytes())
    for _ in range(draw(st.integers(1, 8))):
        position = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(("insert", "delete", "replace")))
        byte = draw(st.integers(0, 255))
        if action == "insert":
            data.insert(position, byte)
        elif position < len(data) and action == "delete":
            del data[position]
        elif position < len(data):
            data[position] = byte
    return path, bytes(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_validator_never_crashes_on_mutated_files(case: tuple[Path, bytes]) -> None:
    path, data = case
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "data"
        shutil.copytree(SHIPPED, root)
        (root / path.relative_to(SHIPPED)).write_bytes(data)
        checked = check(root, AS_OF)
    for problem in checked.problems:
        assert problem.line >= 1 and problem.column >= 1
        assert problem.message


RENDERED_EXAMPLES = 60
RENDERED_AT_LEAST = 40
"""Examples the validator accepted and the assertions then checked: hypothesis tries others in
place of rejected ones, but a validator that refused almost every text would leave this test
checking nothing, so it counts them."""

rendered: list[tuple[str, str]] = []


def test_any_text_renders_as_written() -> None:
    rendered.clear()
    _renders_as_written()
    assert len(rendered) >= RENDERED_AT_LEAST, f"only {len(rendered)} examples got past the validator"


@settings(max_examples=RENDERED_EXAMPLES, deadline=None)
@given(assessment=TEXT, name=TEXT)
def _renders_as_written(assessment: str, name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "data"
        shutil.copytree(MINIMAL, root)
        followup = root / "followups" / "omsorg-ab-2023.yml"
        followup.write_text(
            followup.read_text(encoding="utf-8").replace(
                "assessment: Rutinen följs.", f"assessment: {_quoted(assessment)}"
            ),
            encoding="utf-8",
        )
        provider = root / "providers" / "omsorg-ab.yml"
        provider.write_text(
            provider.read_text(encoding="utf-8").replace("name: Omsorg AB", f"name: {_quoted(name)}"), encoding="utf-8"
        )
        checked = check(root, AS_OF)
    assume(not checked.problems)  # e.g. only whitespace, or a personal identity number: the validator said so
    pages = render(derive(checked.dataset, AS_OF))
    assert escape_markdown(name) in pages["utforare/omsorg-ab.md"]
    html = markdown.markdown(escape_markdown(assessment), extensions=["attr_list", "tables"])
    assert unescape(html.removeprefix("<p>").removesuffix("</p>")) == " ".join(assessment.split())
    rendered.append((assessment, name))


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar for any text (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)
