"""The per-file result cache kept in the output folder (``OUT/.cache/``).

An entry is one file's pickled ``Packed`` result (report, grouping key, compacted ``FileResult``).  Its key is the SHA-256 of the
code key, the file's path in the archive and the file's bytes; the code key is a hash of
digestparse's version, the Python version and every source and data file of the installed
package, so any code change starts a fresh cache (old ones are pruned after a complete run).
Entries are written under a temporary name and renamed, so a killed run never leaves half an
entry; an entry that does not load (truncated by a crash of the machine) counts as a miss.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import shutil
import sys
import tempfile
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
LAYOUT = "v2"


@functools.lru_cache(maxsize=1)
def code_key() -> str:
    """A hash of the code that computes per-file results: changes whenever the package changes."""
    from .. import __version__

    digest = hashlib.sha256(f"{LAYOUT}\0{__version__}\0{sys.version_info[:2]}\0".encode())
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".pyc", ".pyo"):
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def content_key(code: str, rel: str, data: bytes) -> str:
    """The cache key of one file: code, path in the archive and bytes (the path decides the format)."""
    digest = hashlib.sha256(code.encode() + b"\0" + rel.encode("utf-8", "surrogatepass") + b"\0")
    digest.update(data)
    return digest.hexdigest()


class Cache:
    """Per-file results under ``folder/files/<code key>/``; ``read=False`` ignores entries but still writes."""

    def __init__(self, folder: Path, *, read: bool = True, code: str | None = None) -> None:
        self.root = folder
        self.code = code or code_key()
        self.dir = folder / "files" / self.code[:24]
        self.read = read
        self.hits = 0
        self.stores = 0
        self.used: set[str] = set()

    def is_empty(self) -> bool:
        return not self.dir.is_dir() or not any(self.dir.iterdir())

    def _path(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key}.pkl"

    def get(self, key: str) -> bytes | None:
        """The stored blob for ``key``, or None."""
        self.used.add(key)
        if not self.read:
            return None
        try:
            blob = self._path(key).read_bytes()
        except OSError:
            return None
        self.hits += 1
        return blob

    def load(self, key: str):  # noqa: ANN201 - a Packed result
        blob = self.get(key)
        if blob is None:
            return None
        try:
            return pickle.loads(blob)
        except Exception:  # noqa: BLE001 - a damaged entry is a miss
            self.hits -= 1
            return None

    def put(self, key: str, blob: bytes) -> bool:
        self.used.add(key)
        path = self._path(key)
        tmp = None
        try:
            try:
                fd, tmp = tempfile.mkstemp(prefix=f".{key[:16]}.", suffix=".tmp", dir=path.parent)
            except FileNotFoundError:  # the first entry of its shard (a mkdir per entry costs more)
                path.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(prefix=f".{key[:16]}.", suffix=".tmp", dir=path.parent)
            with os.fdopen(fd, "wb") as handle:
                handle.write(blob)
            os.replace(tmp, path)
            self.stores += 1
            return True
        except OSError:
            # a cache that cannot be written only costs time on the next run; a half-written
            # entry (a full disk) is not left behind to take the space the output needs
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
            return False

    def load_result(self, key: str):  # noqa: ANN201 - a FileResult
        """The full per-file result of an entry (when its article group is merged); None if gone or damaged."""
        try:
            return pickle.loads(self._path(key).read_bytes()).result()
        except Exception:  # noqa: BLE001 - gone or damaged: the caller falls back
            return None

    def prune(self) -> int:
        """After a complete run: drop other code versions' caches and entries this run did not use."""
        removed = 0
        files = self.root / "files"
        if files.is_dir():
            for other in files.iterdir():
                if other != self.dir:
                    shutil.rmtree(other, ignore_errors=True)
                    removed += 1
        if self.dir.is_dir():
            for sub in self.dir.iterdir():
                for entry in sub.iterdir() if sub.is_dir() else ():
                    if entry.name.endswith(".tmp") or entry.stem not in self.used:
                        entry.unlink(missing_ok=True)
                        removed += 1
        return removed
