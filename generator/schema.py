"""JSON Schemas for the record files, derived from the models: editors complete and explain
fields from them. Never edit schemas/ by hand; `python -m generator schema` writes it."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from generator.encode import json_document
from generator.kinds import KINDS

SCHEMAS: dict[str, type[BaseModel]] = {kind.schema: kind.model for kind in KINDS}


def schema_text(name: str) -> str:
    model = SCHEMAS[name]
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$comment": f"Genererad från generator/model.py ({model.__name__}); ändra modellen, inte filen.",
        **model.model_json_schema(),
    }
    return json_document(schema, compact=False)


def schema_file(name: str) -> str:
    return f"{name}.schema.json"


def modeline(name: str) -> str:
    """The first line of a record file, for editors running yaml-language-server."""
    return f"# yaml-language-server: $schema=../../schemas/{schema_file(name)}"


def stale_schemas(folder: Path) -> list[str]:
    """Schema files that are missing or differ from what the models give."""
    return [
        schema_file(name)
        for name in SCHEMAS
        if not (folder / schema_file(name)).is_file()
        or (folder / schema_file(name)).read_text(encoding="utf-8") != schema_text(name)
    ]


def write_schemas(folder: Path) -> list[str]:
    """Write the stale schema files; return their names."""
    folder.mkdir(parents=True, exist_ok=True)
    stale = stale_schemas(folder)
    for name in SCHEMAS:
        if schema_file(name) in stale:
            (folder / schema_file(name)).write_text(schema_text(name), encoding="utf-8")
    return stale
