"""The committed JSON Schemas are exactly what the models give, and editors find them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from generator.load import load_tree
from generator.schema import SCHEMAS, modeline, schema_file, stale_schemas, write_schemas
from tests.conftest import ROOT, SHIPPED

FOLDERS = {"requirement": "requirements", "provider": "providers", "followup": "followups"}


def test_committed_schemas_are_up_to_date() -> None:
    assert stale_schemas(ROOT / "schemas") == []


def test_write_then_check(tmp_path: Path) -> None:
    assert write_schemas(tmp_path) == [schema_file(name) for name in SCHEMAS]
    assert stale_schemas(tmp_path) == []
    (tmp_path / "provider.schema.json").write_text("{}", encoding="utf-8")
    assert stale_schemas(tmp_path) == ["provider.schema.json"]


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_shipped_records_satisfy_their_schema_and_name_it(name: str) -> None:
    schema = json.loads((ROOT / "schemas" / schema_file(name)).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    for document in load_tree(SHIPPED).documents:
        if document.kind == FOLDERS[name]:
            path = SHIPPED.parent / document.path
            assert path.read_text(encoding="utf-8").splitlines()[0] == modeline(name)
            assert list(validator.iter_errors(_as_json(document.data))) == [], document.path


def _as_json(data: object) -> object:
    """YAML dates as the ISO strings an editor's schema check sees."""
    return json.loads(json.dumps(data, default=str))


def test_descriptions_are_swedish() -> None:
    schema = json.loads((ROOT / "schemas" / "followup.schema.json").read_text(encoding="utf-8"))
    assert schema["properties"]["case_number"]["description"].startswith("Beslutets diarienummer")


def test_vscode_maps_each_schema_to_its_folder() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == {
        f"./schemas/{schema_file(name)}": f"data/{folder}/**/*.yml" for name, folder in FOLDERS.items()
    }
