"""Writing results: JSON lines and JSON files, written atomically.

Every file is written to a temporary name in the same folder and renamed into
place, so a reader (or an interrupted run) never sees half a file.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel


def to_json(record: BaseModel | dict, *, indent: int | None = None) -> str:
    data = record.model_dump(mode="json") if isinstance(record, BaseModel) else record
    separators = (",", ":") if indent is None else (",", ": ")
    return json.dumps(data, ensure_ascii=False, indent=indent, separators=separators)


def write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_jsonl(path: Path, records: Iterable[BaseModel]) -> int:
    lines = [to_json(record) for record in records]
    write_atomic(path, "".join(line + "\n" for line in lines))
    return len(lines)
