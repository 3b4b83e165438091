"""Writing results: JSON lines and JSON files, written atomically.

Every file is written to a temporary name in the same folder and renamed into
place, so a reader (or an interrupted run) never sees half a file.
"""

from __future__ import annotations

import functools
import glob
import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from pydantic import BaseModel


def to_json(record: BaseModel | dict, *, indent: int | None = None) -> str:
    data = record.model_dump(mode="json") if isinstance(record, BaseModel) else record
    separators = (",", ":") if indent is None else (",", ": ")
    return json.dumps(data, ensure_ascii=False, indent=indent, separators=separators)


def write_atomic(path: Path, text: str) -> None:
    target = AtomicFile(path)
    try:
        target.handle.write(text)
        target.commit()
    except BaseException:
        target.abort()
        raise


FORMATS = ("jsonl", "parquet")


@functools.lru_cache(maxsize=1)
def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class AtomicFile:
    """A file written under a temporary name beside ``path``; ``commit`` renames it into place.

    Nothing is visible at ``path`` until ``commit``; ``abort`` (or an interrupted process) leaves
    the previous file untouched.  ``finish`` flushes and syncs without renaming, so that several
    files can be finished first and then committed together.
    """

    PREFIX_SUFFIX = ".tmp"

    def __init__(self, path: Path, *, binary: bool = False) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=self.PREFIX_SUFFIX, dir=path.parent)
        os.fchmod(fd, 0o666 & ~_umask())  # as a plain open() would create it, not mkstemp's 0600
        self.tmp = Path(tmp)
        self.handle = os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        self._finished = False

    def finish(self) -> None:
        if not self._finished:
            self.handle.flush()
            os.fsync(self.handle.fileno())
            self.handle.close()
            self._finished = True

    def commit(self) -> None:
        self.finish()
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        try:
            self.handle.close()
        except OSError:
            pass  # (closing flushes: on a full disk that fails again) the file goes anyway
        finally:
            self.tmp.unlink(missing_ok=True)


def commit_together(folder: Path, files: Sequence[AtomicFile | RecordWriter], journal: Path,
                    remove: Iterable[str] = ()) -> None:
    """Rename the finished temporaries of ``files`` (all in ``folder``) into place, and delete
    the files named ``remove``, as one step that a killed process cannot leave half done.

    The renames are written to ``journal`` (atomically) before the first is made, and the
    journal is deleted after the last; a run that finds a journal finishes it first
    (:func:`complete_commit`), so a kill between two renames never leaves old and new
    output side by side for longer than until the next run.
    """
    for f in files:
        f.finish()  # (a record writer closes its Parquet writer first)
    targets = [f if isinstance(f, AtomicFile) else f.file for f in files]
    plan = {"replace": [[t.tmp.name, t.path.name] for t in targets if t.path.parent == folder],
            "remove": sorted(remove)}
    if len(plan["replace"]) != len(targets):
        raise ValueError(f"commit_together: every file must be in {folder}")
    write_atomic(journal, json.dumps(plan, ensure_ascii=False) + "\n")
    try:
        complete_commit(folder, journal)
    except KeyboardInterrupt:
        complete_commit(folder, journal)  # Ctrl-C between two renames: make the rest first
        raise


def complete_commit(folder: Path, journal: Path) -> int:
    """Finish what :func:`commit_together` wrote in ``journal`` for ``folder``, if anything:
    the renames whose temporary is still there, then the deletions.  Returns the renames made.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> (folder / ".a.1.tmp").write_text("new")
    3
    >>> _ = (folder / "journal").write_text('{"replace": [[".a.1.tmp", "a"]], "remove": ["b"]}')
    >>> complete_commit(folder, folder / "journal"), (folder / "a").read_text(), sorted(os.listdir(folder))
    (1, 'new', ['a'])
    """
    try:
        plan = json.loads(journal.read_text(encoding="utf-8"))
        pairs = [(str(tmp), str(name)) for tmp, name in plan["replace"]]
        stale = [str(name) for name in plan["remove"]]
    except FileNotFoundError:
        return 0
    except (OSError, ValueError, KeyError, TypeError):
        journal.unlink(missing_ok=True)  # (written atomically: only a hand-edited one gets here)
        return 0
    renamed = 0
    for tmp, name in pairs:
        if "/" in tmp or "/" in name:
            continue
        if (folder / tmp).is_file():
            os.replace(folder / tmp, folder / name)
            renamed += 1
    for name in stale:
        if "/" not in name:
            (folder / name).unlink(missing_ok=True)
    journal.unlink(missing_ok=True)
    return renamed


def remove_stale_temporaries(folder: Path, names: Iterable[str]) -> int:
    """Delete temporary files an interrupted run left in ``folder`` for the outputs ``names``
    (``.NAME.XXXX.tmp``); other files, a user's own ``.notes.tmp`` among them, stay."""
    removed = 0
    if folder.is_dir():
        for name in names:
            for path in folder.glob(f".{glob.escape(name)}.*{AtomicFile.PREFIX_SUFFIX}"):
                if path.is_file():
                    path.unlink(missing_ok=True)
                    removed += 1
    return removed


class RecordWriter:
    """Streams typed records to ``<stem>.jsonl`` or ``<stem>.parquet``, atomically."""

    def __init__(self, folder: Path, stem: str, model: type[BaseModel], fmt: str = "jsonl",
                 batch_size: int = 2048) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown output format {fmt!r}; choose one of {', '.join(FORMATS)}")
        self.fmt, self.model, self.count = fmt, model, 0
        self.path = folder / f"{stem}.{fmt}"
        self._rows: list[dict] = []
        self._batch_size = batch_size
        self.file = AtomicFile(self.path, binary=fmt == "parquet")
        self._parquet = None
        if fmt == "parquet":
            import pyarrow.parquet as pq

            self._schema = arrow_schema(model)
            self._parquet = pq.ParquetWriter(self.file.handle, self._schema, compression="zstd")

    def write(self, record: BaseModel) -> None:
        self.count += 1
        if self._parquet is None:
            self.file.handle.write(to_json(record) + "\n")
            return
        self._rows.append(arrow_row(record, self.model))
        if len(self._rows) >= self._batch_size:
            self._flush_rows()

    def _flush_rows(self) -> None:
        import pyarrow as pa

        if self._rows:
            self._parquet.write_table(pa.Table.from_pylist(self._rows, schema=self._schema))
            self._rows = []

    def finish(self) -> None:
        if self._parquet is not None:
            self._flush_rows()
            self._parquet.close()
            self._parquet = None
        self.file.finish()

    def commit(self) -> None:
        self.finish()
        self.file.commit()

    def abort(self) -> None:
        if self._parquet is not None:
            try:
                self._parquet.close()
            except Exception:  # noqa: BLE001 - the temporary file is deleted anyway
                pass
        self.file.abort()


# --- Parquet: an Arrow schema derived from the same pydantic models as the JSON Schema ---------

def _arrow_type(annotation):  # noqa: ANN001, ANN202
    """The Arrow type of a field annotation; None means 'store as a JSON string'."""
    import types
    import typing

    import pyarrow as pa

    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        rest = [a for a in args if a is not type(None)]
        return _arrow_type(rest[0]) if len(rest) == 1 else None
    if origin is typing.Literal:
        return pa.string() if all(isinstance(a, str) for a in args) else None
    if annotation is str:
        return pa.string()
    if annotation is bool:
        return pa.bool_()
    if annotation is int:
        return pa.int64()
    if annotation is float:
        return pa.float64()
    if origin in (list, tuple, set, frozenset):
        items = {a for a in args if a is not Ellipsis}
        inner = _arrow_type(next(iter(items))) if len(items) == 1 else None
        return pa.list_(inner) if inner is not None else None
    if origin is dict and args and args[0] is str:
        inner = _arrow_type(args[1])
        return pa.map_(pa.string(), inner) if inner is not None else None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        inner = [(name, _arrow_type(info.annotation)) for name, info in annotation.model_fields.items()]
        if any(arrow is None for _, arrow in inner):
            return None  # the whole nested value is then stored as JSON text
        return pa.struct([pa.field(name, arrow) for name, arrow in inner])
    return None


def _arrow_fields(model: type[BaseModel]) -> list:
    import pyarrow as pa

    fields = []
    for name, info in model.model_fields.items():
        arrow = _arrow_type(info.annotation)
        fields.append(pa.field(name, arrow if arrow is not None else pa.string()))
    return fields


def arrow_schema(model: type[BaseModel]):  # noqa: ANN201
    """Arrow schema of a record model: dicts become maps, nested models structs, anything else JSON text.

    >>> from digestparse.models import Source
    >>> str(arrow_schema(Source).field("lines").type)  # doctest: +SKIP
    'list<item: int64>'
    """
    import pyarrow as pa

    return pa.schema(_arrow_fields(model))


@functools.lru_cache(maxsize=None)
def _json_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The record's fields that have no Arrow type and are stored as JSON text."""
    return tuple(name for name, info in model.model_fields.items() if _arrow_type(info.annotation) is None)


def arrow_row(record: BaseModel, model: type[BaseModel]) -> dict:
    """The record as a row for ``arrow_schema(model)``."""
    data = record.model_dump(mode="json")
    for name in _json_fields(model):
        if data.get(name) is not None:
            data[name] = json.dumps(data[name], ensure_ascii=False, separators=(",", ":"))
    return data
