"""The GitHub workflows are valid, use only official actions, and run the commands this suite runs.

Each `python -m generator` step of the workflows is run here on the shipped data, so a workflow
cannot call a command or an option that does not work.
"""

from __future__ import annotations

import os
import shlex
import socket
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli import main
from generator.convert import DEFAULT_CACHE
from tests.conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
OFFICIAL_ACTIONS = {
    "actions/checkout@v4",
    "actions/setup-python@v5",
    "actions/upload-artifact@v4",
    "actions/configure-pages@v5",
    "actions/upload-pages-artifact@v3",
    "actions/deploy-pages@v4",
    "actions/cache/restore@v4",
    "actions/cache/save@v4",
}
GENERATOR = ".venv/bin/python -m generator "
AUDIT = "bash scripts/audit.sh"


def _steps() -> list[dict[str, Any]]:
    steps = []
    for workflow in WORKFLOWS:
        document = yaml.safe_load(workflow.read_text(encoding="utf-8"))
        for job in document["jobs"].values():
            steps.extend(job["steps"])
    return steps


def test_there_is_a_review_and_a_publish_workflow() -> None:
    assert [w.name for w in WORKFLOWS] == ["publish.yml", "pull-request.yml"]
    publish = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    assert publish[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads the key `on` as True
    assert publish["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def test_only_official_actions() -> None:
    assert {step["uses"] for step in _steps() if "uses" in step} <= OFFICIAL_ACTIONS


def test_other_steps_are_the_project_scripts() -> None:
    runs = [step["run"] for step in _steps() if "run" in step and not step["run"].startswith(GENERATOR)]
    assert set(runs) == {"bash scripts/setup.sh", "bash scripts/test.sh", AUDIT}


def test_a_pull_request_audits_the_pinned_dependencies() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pull-request.yml").read_text(encoding="utf-8"))
    (audit,) = (j for j in workflow["jobs"].values() if any(s.get("run") == AUDIT for s in j["steps"]))
    assert [step.get("uses") for step in audit["steps"][:2]] == ["actions/checkout@v4", "actions/setup-python@v5"]
    script = (ROOT / "scripts" / "audit.sh").read_text(encoding="utf-8")
    assert "pip_audit --strict --no-deps --disable-pip --requirement constraints.txt" in script
    pins = (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
    assert any(line.lower().startswith(("pip-audit==", "pip_audit==")) for line in pins)
    assert all("==" in line for line in pins), "every dependency pinned, so the audit needs no resolver"


@pytest.mark.slow
def test_the_audit_is_skipped_with_a_clear_line_where_the_advisories_cannot_be_reached() -> None:
    with socket.socket() as unused:  # nothing listens on this port once it is closed
        unused.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{unused.getsockname()[1]}/"
    environment = os.environ | {"AUDIT_PROBE_URL": url, "GITHUB_ACTIONS": "true"}
    done = subprocess.run(["bash", AUDIT.split()[1]], cwd=ROOT, env=environment, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    warning, line = done.stdout.splitlines()
    assert line.startswith(f"Beroendegranskningen hoppades över: sårbarhetsdatabasen kan inte nås ({url}: URLError")
    assert warning == f"::warning title=pip-audit hoppades över::{line}"


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_the_build_starts_from_the_converted_pages_of_earlier_builds(workflow: Path) -> None:
    """The cache folder the build uses by default (generator/convert.py) is restored before the
    site is built and saved right after, before anything else builds into it."""
    document = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    (steps,) = (j["steps"] for j in document["jobs"].values() if any(_builds(s) for s in j["steps"]))
    uses = [step.get("uses") for step in steps]
    build = next(i for i, step in enumerate(steps) if _builds(step))
    restore, save = steps[build - 1], steps[build + 1]
    assert (restore.get("uses"), save.get("uses")) == ("actions/cache/restore@v4", "actions/cache/save@v4"), uses
    assert restore["with"]["path"] == save["with"]["path"] == DEFAULT_CACHE.as_posix()
    assert save["with"]["key"] == f"${{{{ steps.{restore['id']}.outputs.cache-primary-key }}}}"
    prefixes = restore["with"]["restore-keys"].splitlines()
    assert all(restore["with"]["key"].startswith(prefix) for prefix in prefixes) and prefixes


def _builds(step: dict[str, Any]) -> bool:
    return str(step.get("run", "")).startswith(GENERATOR + "build ")


@pytest.mark.slow
@pytest.mark.parametrize("command", sorted({s["run"] for s in _steps() if s.get("run", "").startswith(GENERATOR)}))
def test_generator_step_runs_here(command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    command = command.split(" >> ")[0].replace('"origin/${{ github.base_ref }}"', "data")
    command = command.replace("${{ steps.pages.outputs.base_url }}", "https://example.se/kvalitet")
    argv = shlex.split(command.removeprefix(GENERATOR))
    if argv[0] == "build":
        argv[argv.index("--out") + 1] = str(tmp_path / "site")
    assert main(argv) == 0
