"""The output stamp: what the last complete run read and wrote (``OUT/.cache/output_stamp.json``).

Output depends only on the code, the output format, and each input file's path and bytes,
which the cache keys already hash.  After a complete run the stamp records a digest of every
file's key, the summary, and the size and modification time of every output file.  A run whose
files all hash to the same keys, in the same format, over output files nobody has touched since,
would write the same bytes again: it keeps them instead and skips grouping and output.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path

from ..output import write_atomic

STAMP = "output_stamp.json"


def inputs_digest(fmt: str, keys: Iterable[tuple[str, str]]) -> str:
    """A digest of the output format and every file's (path in the archive, cache key), in path order."""
    digest = hashlib.sha256(f"{fmt}\0".encode())
    for rel, key in sorted(keys):
        digest.update(f"{rel}\0{key}\n".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def outputs_state(out: Path, paths: Iterable[Path]) -> dict[str, list[int]]:
    """Size and modification time (ns) of each output file, by its path in ``out`` (not as ``out``
    was typed: a run given OUT relative, then absolute, had found the output changed)."""
    state = {}
    for path in paths:
        info = os.stat(path)
        state[path.relative_to(out).as_posix()] = [info.st_size, info.st_mtime_ns]
    return dict(sorted(state.items()))


def record_files(out: Path, fmt: str) -> list[Path]:
    """The records and the report a complete run writes into ``out`` (what ``run_batch`` returns)."""
    return [*(out / f"{stem}.{fmt}" for stem in ("papers", "articles", "paper_index")), out / "report.json"]


def output_files(out: Path, fmt: str) -> list[Path]:
    """Every file a complete run writes into ``out``: the records, the report and the schemas."""
    files = record_files(out, fmt)
    schema = out / "schema"
    if schema.is_dir():
        files.extend(sorted(schema.glob("*.json")))
    return files


def write_stamp(out: Path, cache_dir: Path, digest: str, fmt: str, record: dict) -> None:
    """Record a complete run; ``record`` holds what the next run reports when it keeps the output."""
    try:
        state = outputs_state(out, output_files(out, fmt))
        document = {"inputs": digest, "format": fmt, "outputs": state, **record}
        write_atomic(cache_dir / STAMP, json.dumps(document, indent=1, sort_keys=True) + "\n")
    except OSError:
        pass  # without a stamp the next run only does more work


def still_current(out: Path, cache_dir: Path, digest: str, fmt: str) -> dict | None:
    """The stamp's record when the output in ``out`` is what a run over these inputs would write."""
    try:
        stamp = json.loads((cache_dir / STAMP).read_text(encoding="utf-8"))
        if stamp.get("inputs") != digest or stamp.get("format") != fmt:
            return None
        if outputs_state(out, output_files(out, fmt)) != stamp.get("outputs"):
            return None
    except (OSError, ValueError):
        return None
    return stamp


def forget(cache_dir: Path) -> None:
    """Drop the stamp before outputs change, so a run killed half way never leaves a stale one."""
    try:
        (cache_dir / STAMP).unlink()
    except OSError:
        pass
