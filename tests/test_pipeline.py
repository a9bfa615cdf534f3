"""The pipeline's stages in order, run without the cycle collector and with it restored after."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest

from generator import pipeline
from generator.render import render
from generator.validate import validate
from tests.conftest import AS_OF, MINIMAL


def test_stages_run_without_the_cycle_collector_and_restore_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []

    def watched(stage: Any) -> Any:
        def run(*args: Any, **kwargs: Any) -> Any:
            seen.append(gc.isenabled())
            return stage(*args, **kwargs)

        return run

    monkeypatch.setattr(pipeline, "validate", watched(validate))
    monkeypatch.setattr(pipeline, "render", watched(render))
    assert gc.isenabled()
    generated = pipeline.generate(MINIMAL, tmp_path / "pages", AS_OF)
    assert generated.report is not None and generated.report.written
    assert seen == [False, False]
    assert gc.isenabled()


def test_a_failing_stage_restores_the_cycle_collector(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("stage failed")

    monkeypatch.setattr(pipeline, "derive", broken)
    with pytest.raises(RuntimeError):
        pipeline.generate(MINIMAL, tmp_path / "pages", AS_OF)
    assert gc.isenabled()
