"""JSON Schema of every output record, generated from the pydantic models."""

from __future__ import annotations

from pathlib import Path

from .models import ArticleRecord, FileReport, PaperIndexEntry, PaperRecord
from .output import to_json, write_atomic

SCHEMAS = {
    "paper.schema.json": PaperRecord,
    "article.schema.json": ArticleRecord,
    "file_report.schema.json": FileReport,
    "paper_index.schema.json": PaperIndexEntry,
}


def schemas() -> dict[str, dict]:
    return {name: model.model_json_schema() for name, model in SCHEMAS.items()}


def write_schemas(folder: Path) -> None:
    for name, schema in schemas().items():
        write_atomic(folder / name, to_json(schema, indent=2) + "\n")
