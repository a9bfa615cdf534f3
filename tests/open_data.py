"""The open data's files as a reader gets them: text as text, and a compressed file (``.json.gz``,
``.csv.gz``: exports.COMPRESSED) unpacked first, whether from open_data's mapping or a built site."""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any


def text_of(files: Mapping[str, str | bytes], path: str) -> str:
    """A file that open_data or syndication made as text (feeds, metadata) or as UTF-8 (CSV),
    unpacked if its name ends with .gz."""
    found = files[path]
    if isinstance(found, str):
        return found
    return (gzip.decompress(found) if path.endswith(".gz") else found).decode("utf-8")


def table_of(files: Mapping[str, str | bytes], name: str) -> list[dict[str, str]]:
    """The rows of the table NAME that open_data made (data/NAME.csv or .csv.gz)."""
    (path,) = (p for p in files if p in (f"data/{name}.csv", f"data/{name}.csv.gz"))
    return list(csv.DictReader(io.StringIO(text_of(files, path), newline="")))


def published_table(site: Path, name: str) -> list[dict[str, str]]:
    """The rows of the table NAME as a built site publishes it (data/NAME.csv or .csv.gz)."""
    (path,) = (site / "data").glob(f"{name}.csv*")
    return list(csv.DictReader(io.StringIO(file_text(path), newline="")))


def json_of(files: Mapping[str, str | bytes], path: str) -> Any:
    """A JSON file that open_data made, unpacked if it is compressed."""
    found = files[path]
    return json.loads(gzip.decompress(found) if isinstance(found, bytes) else found)


def file_text(path: Path) -> str:
    """A text file of a built site, unpacked if its name ends with .gz."""
    data = path.read_bytes()
    return (gzip.decompress(data) if path.suffix == ".gz" else data).decode("utf-8")


def json_file(path: Path) -> Any:
    """A JSON file of a built site, unpacked if its name ends with .gz."""
    return json.loads(file_text(path))


def published_records(site: Path, name: str) -> list[dict[str, Any]]:
    """The records of one kind as a built site publishes them (data/NAME.json or .json.gz)."""
    (path,) = (site / "data").glob(f"{name}.json*")
    found: list[dict[str, Any]] = json_file(path)
    return found
