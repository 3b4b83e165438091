"""Batch conversion at archive scale: parallel, cached, streaming, atomic.

The flow of ``run_batch``::

    list files (sorted)  ->  cache lookup (sha256 of code + path + bytes)
        -> every key as the output stamp records, outputs untouched: keep them, stop   (stamp.py)
        -> misses: per-file stages on an engine (inline, process pool, Dask)   [workers]
        -> every result sorted by path -> group, align, restore, merge          [this process]
        -> papers / articles streamed to temporary files -> report.json -> rename all
           (the renames written down first: a run killed among them is finished by the next)

Per-file results are compacted (the document text compressed) and packed (report and grouping
key beside the still-pickled result) before they travel or are cached.  The parent keeps only
the reports and grouping keys in memory; full results stay in the cache (or a spill file) and
are read back one article group at a time, when it is merged.  Output files appear only by rename at the very end, so
an interrupted run leaves the previous output whole, and the next run picks up every result
the interrupted one had cached.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..align import GroupKey
from ..convert import FileResult, Packed, RecordStream, _relative, list_inputs, process_file, read_error, read_input
from ..decode import DecodeError
from ..index import PaperIndex
from ..models import ArticleRecord, ConvertSummary, FileReport, PaperIndexEntry, PaperRecord
from ..output import FORMATS, AtomicFile, RecordWriter, commit_together, complete_commit, remove_stale_temporaries, to_json
from ..schema import write_schemas
from .cache import Cache, code_key, content_key
from .engines import EngineUnavailable, Outcome, Task, run_dask, run_inline, run_pool
from .progress import Progress
from .stamp import forget, inputs_digest, record_files, still_current, write_stamp

ENGINES = ("local", "dask")
CACHE_DIR = ".cache"
# where the renames of a run's outputs are written down before they are made (see commit_together)
COMMIT_JOURNAL = "commit.json"


@dataclass
class BatchOptions:
    workers: int | None = None
    """Processes for the per-file stages: 1 runs them in this process; None uses every core."""
    use_cache: bool = True
    """Reuse cached per-file results (``--force`` sets this False; results are still cached)."""
    fmt: str = "jsonl"
    engine: str = "local"
    scheduler: str | None = None
    dask_processes: bool = True
    """For a local Dask cluster: worker processes (True) or threads in this process (False)."""
    progress: bool | str = False
    """False / "off"; True / "auto" (a bar on a terminal, log lines otherwise); "bar"; "log"."""
    log_interval: float = 10.0
    """Seconds between two progress lines when not on a terminal."""


@dataclass
class BatchStats:
    files: int = 0
    bytes: int = 0
    cached: int = 0
    processed: int = 0
    read_failed: int = 0
    folders_unlisted: int = 0
    """Folders that could not be listed: each a failed line of the report, not a file of the count."""
    workers: int = 1
    engine: str = "local"
    seconds: float = 0.0
    seconds_files: float = 0.0
    seconds_records: float = 0.0
    kept_output: bool = False
    """Every file hashed as in the last complete run, whose output was untouched: it was kept."""
    by_status: dict[str, list[int]] = field(default_factory=lambda: {s: [0, 0] for s in ("ok", "repaired", "failed")})
    """status -> [files, bytes]."""
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


@dataclass
class BatchResult:
    summary: ConvertSummary
    stats: BatchStats
    outputs: list[Path]


def check_options(options: BatchOptions) -> None:
    """Raise ValueError with a clear message for an option this installation cannot honour."""
    if options.fmt not in FORMATS:
        raise ValueError(f"unknown format {options.fmt!r}; choose one of {', '.join(FORMATS)}")
    if options.engine not in ENGINES:
        raise ValueError(f"unknown engine {options.engine!r}; choose one of {', '.join(ENGINES)}")
    if options.workers is not None and options.workers < 1:
        raise ValueError("workers must be at least 1")
    if options.fmt == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise ValueError("--format parquet needs the optional extra: pip install 'digestparse[parquet]'") from None
    if options.engine == "dask":
        try:
            import dask.bag  # noqa: F401
            import distributed  # noqa: F401
        except ImportError:
            raise ValueError("--engine dask needs the optional extra: pip install 'digestparse[dask]'") from None
    if options.scheduler and options.engine != "dask":
        raise ValueError("--scheduler is for --engine dask")


OUTPUT_NAMES = tuple(f"{stem}.{fmt}" for stem in ("papers", "articles", "paper_index") for fmt in FORMATS) + ("report.json",)
"""The files a run writes in OUT (under temporary names first)."""
MAX_WORKERS_PER_CORE = 4
"""Local worker processes per core at most, whatever ``--workers`` asks."""


def available_cores() -> int:
    """The cores this process may run on (fewer than the machine's under a CPU affinity or cgroup set)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _progress_mode(progress: bool | str) -> str:
    import sys

    if progress in (False, None, "off"):
        return "off"
    if progress in (True, "auto"):
        return "bar" if sys.stderr.isatty() else "log"
    return str(progress)


def _size(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


class OutputBusy(RuntimeError):
    """Another run is writing to the same output folder."""


@contextlib.contextmanager
def _exclusive(out: Path):  # noqa: ANN202
    """Hold ``OUT/.cache/lock`` for the run, so two runs never write one folder at the same time."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no lock
        yield
        return
    lock = out / CACHE_DIR / "lock"
    lock.parent.mkdir(parents=True, exist_ok=True)
    with open(lock, "a+") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise OutputBusy(f"another digestparse run is writing to {out}") from None
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def run_batch(root: Path, out: Path, options: BatchOptions | None = None) -> BatchResult:
    """Convert the archive at ``root`` into ``out``; see the module docstring for the flow.

    Raises ``OutputBusy`` when another run holds the output folder.
    """
    options = options or BatchOptions()
    check_options(options)
    out.mkdir(parents=True, exist_ok=True)
    with _exclusive(out):
        return _run_batch(root, out, options)


def _run_batch(root: Path, out: Path, options: BatchOptions) -> BatchResult:
    started = time.perf_counter()
    # (more processes than a few per core only cost: 1,000 workers took 134 s where one took 7)
    workers = min(options.workers or available_cores(), MAX_WORKERS_PER_CORE * available_cores())
    stats = BatchStats(workers=workers, engine=options.engine)

    out.mkdir(parents=True, exist_ok=True)
    complete_commit(out, out / CACHE_DIR / COMMIT_JOURNAL)  # a run killed while renaming its output
    remove_stale_temporaries(out, OUTPUT_NAMES)
    cache = Cache(out / CACHE_DIR, read=options.use_cache)
    unreadable: list[OSError] = []  # folders that could not be listed: each a failed line of the report
    paths = list_inputs(root, unreadable)
    # local workers write their cache entries themselves; a Dask worker may be on another machine
    shared = {} if options.engine == "dask" else {"cache_dir": out / CACHE_DIR, "code": cache.code}
    tasks = [Task(path, root, _size(path), **shared) for path in paths]
    stats.files, stats.bytes = len(tasks), sum(t.size for t in tasks)
    progress = Progress(len(tasks), stats.bytes, _progress_mode(options.progress), interval=options.log_interval)

    store = ResultStore(out / CACHE_DIR, cache, tasks, root)
    for error in unreadable:
        store.add_result(read_error(Path(error.filename), root, error))
        stats.read_failed += 1
    stats.folders_unlisted = len(unreadable)
    misses: list[Task] = []
    keys: dict[str, str] = {}  # path in the archive -> cache key, for the output stamp
    try:
        # 1. cached results: hash each file's bytes (skipped when there is no cache to look in)
        look = options.use_cache and not cache.is_empty()
        hashed: list[tuple[Task, str, str]] = []
        for task in tasks if look else ():
            rel = _relative(task.path, root)
            try:
                data = read_input(task.path)
            except (OSError, DecodeError) as exc:
                store.add_result(read_error(task.path, root, exc))
                stats.read_failed += 1
                progress.update(1, task.size)
                continue
            hashed.append((task, rel, content_key(cache.code, rel, data)))
        if look and not stats.read_failed:
            kept = still_current(out, cache.root, inputs_digest(options.fmt, ((r, k) for _, r, k in hashed)), options.fmt)
            if kept is not None:  # an unchanged archive over untouched output: nothing to redo
                store.close()
                progress.update(len(hashed), stats.bytes)
                return _kept_output(kept, out, options.fmt, stats, started)
        for task, rel, key in hashed:
            cached = cache.load(key)
            if not isinstance(cached, Packed):
                misses.append(task)
            else:
                store.add(cached, key)
                keys[rel] = key
                progress.update(1, task.size)
        if not look:
            misses = list(tasks)
        stats.cached = cache.hits

        # 2. the per-file stages for the rest, on the chosen engine
        if options.engine == "dask":
            outcomes = run_dask(misses, scheduler=options.scheduler, workers=options.workers,
                                processes=options.dask_processes)
        elif workers == 1 or len(misses) <= 1:
            outcomes = run_inline(misses)
        else:
            outcomes = run_pool(misses, min(workers, len(misses)))
        mismatch = False
        for outcome in outcomes:
            store.accept(outcome)
            if outcome.key is not None:
                keys[outcome.rel] = outcome.key
            mismatch |= outcome.code != cache.code
            stats.processed += 1
            progress.update(1, outcome.size)
        if mismatch:
            stats.warnings.append("some workers run a different digestparse build than this process; "
                                  "their results were not cached")
        stats.seconds_files = time.perf_counter() - started
    except BaseException:
        store.close()
        raise
    finally:
        progress.close()

    # 3. group, align, merge, in this process; records go to temporary files as they are produced
    # (a sign of life: on the archive this takes a while, a batch language model built first)
    progress.message(f"digestparse: grouping {len(tasks)} files into articles, merging and writing the records")
    stats_records_start = time.perf_counter()
    forget(cache.root)
    try:
        summary, outputs = _write_outputs(store, out, options.fmt, stats)
    finally:
        store.close()
    if len(keys) == len(tasks):  # every file has its key: the next run can tell if anything changed
        record = {"summary": summary.model_dump(mode="json", exclude={"seconds", "out_dir"}),
                  "by_status": stats.by_status}
        write_stamp(out, cache.root, inputs_digest(options.fmt, keys.items()), options.fmt, record)
    stats.seconds_records = time.perf_counter() - stats_records_start
    cache.prune()
    stats.seconds = time.perf_counter() - started
    _write_stats(out / CACHE_DIR / "last_run.json", stats)
    summary = summary.model_copy(update={"seconds": round(stats.seconds, 3), "out_dir": str(out)})
    return BatchResult(summary, stats, outputs)


def _kept_output(kept: dict, out: Path, fmt: str, stats: BatchStats, started: float) -> BatchResult:
    """The result of a run that found its output current (see ``stamp``): nothing is written but the stats."""
    stats.cached = stats.files
    stats.by_status = {status: list(kept["by_status"][status]) for status in stats.by_status}
    stats.seconds_files = stats.seconds = time.perf_counter() - started
    stats.kept_output = True
    _write_stats(out / CACHE_DIR / "last_run.json", stats)
    summary = ConvertSummary(**kept["summary"], seconds=round(stats.seconds, 3), out_dir=str(out))
    return BatchResult(summary, stats, record_files(out, fmt))


class ResultStore:
    """Where the per-file results wait for grouping, holding in memory only what grouping needs.

    For each file it keeps the report and the ``GroupKey``; the full result stays on disk, in the
    cache entry when there is one, else in a spill file under ``OUT/.cache/`` (removed at the end
    of the run), and is read back when the file's article group is merged (``load``).
    """

    SPILL_PREFIX = "spill-"

    def __init__(self, folder: Path, cache: Cache, tasks: list[Task], root: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob(f"{self.SPILL_PREFIX}*.tmp"):  # left by a killed run (we hold the lock)
            stale.unlink(missing_ok=True)
        self.cache = cache
        self.tasks = tasks
        self.root = root
        self.entries: list[tuple[FileReport, GroupKey | None]] = []
        self.where: dict[str, str | tuple[int, int]] = {}
        """path -> cache key, or (offset, length) in the spill file."""
        fd, name = tempfile.mkstemp(prefix=self.SPILL_PREFIX, suffix=".tmp", dir=folder)
        self.spill_path = Path(name)
        self.spill = os.fdopen(fd, "w+b")
        self.spill_end = 0

    def add(self, packed: Packed, key: str | None = None) -> None:
        """One file's result; ``key``: its cache entry, else the full result is spilled."""
        self.entries.append((packed.report, packed.key))
        if packed.key is None:
            return  # a failed file: never loaded again
        if key is not None:
            self.where[packed.report.path] = key
        else:
            self.spill.seek(self.spill_end)
            self.spill.write(packed.blob)
            self.where[packed.report.path] = (self.spill_end, len(packed.blob))
            self.spill_end += len(packed.blob)

    def add_result(self, result: FileResult) -> None:
        self.add(Packed.of(result))

    def accept(self, outcome: Outcome) -> None:
        """An engine's outcome: cached when it can be (by the worker, or here), else spilled."""
        packed = pickle.loads(outcome.blob)
        if outcome.stored and outcome.key is not None:
            self.cache.used.add(outcome.key)
            self.cache.stores += 1
            self.add(packed, outcome.key)
            return
        cached = (outcome.key is not None and outcome.code == self.cache.code
                  and self.cache.put(outcome.key, outcome.blob))
        self.add(packed, outcome.key if cached else None)

    def load(self, path: str) -> FileResult:
        where = self.where[path]
        if isinstance(where, tuple):
            self.spill.seek(where[0])
            return pickle.loads(self.spill.read(where[1]))
        result = self.cache.load_result(where)
        if result is None:  # the cache entry vanished since: run the file again
            task = next(t for t in self.tasks if _relative(t.path, self.root) == path)
            result = process_file(task.path, self.root)
        return result

    # DerivedCache: results that depend on other files too (see convert.BatchModel)
    def key_of(self, path: str) -> str | None:
        where = self.where.get(path)
        return where if isinstance(where, str) else None

    def get_derived(self, key: str) -> FileResult | None:
        packed = self.cache.load(key)
        return packed.result() if isinstance(packed, Packed) else None

    def put_derived(self, key: str, result: FileResult) -> None:
        self.cache.put(key, Packed.of(result).dumps())

    def close(self) -> None:
        self.spill.close()
        self.spill_path.unlink(missing_ok=True)


def _write_outputs(store: ResultStore, out: Path, fmt: str, stats: BatchStats) -> tuple[ConvertSummary, list[Path]]:
    stream = RecordStream(entries=store.entries, load=store.load, derived=store)
    store.entries = []
    papers = RecordWriter(out, "papers", PaperRecord, fmt)
    articles = RecordWriter(out, "articles", ArticleRecord, fmt)
    paper_index = RecordWriter(out, "paper_index", PaperIndexEntry, fmt)
    report_file = AtomicFile(out / "report.json")
    writers = [papers, articles, paper_index]
    index = PaperIndex()
    try:
        for article, records in stream:
            articles.write(article)
            for record in records:
                papers.write(record)
            index.add(article, records)
        for entry in index.entries():
            paper_index.write(entry)
        reports = stream.reports
        counts = {status: sum(1 for r in reports if r.status == status) for status in ("ok", "repaired", "failed")}
        for report in reports:
            entry = stats.by_status[report.status]
            entry[0] += 1
            entry[1] += report.bytes or 0
        summary = ConvertSummary(files=len(reports), ok=counts["ok"], repaired=counts["repaired"],
                                 failed=counts["failed"], articles=articles.count, papers=papers.count, seconds=0.0)
        document = {"summary": summary.model_dump(mode="json", exclude={"seconds", "out_dir"}),
                    "files": [r.model_dump(mode="json") for r in reports]}
        report_file.handle.write(to_json(document, indent=2) + "\n")
        for writer in writers:
            writer.finish()
        report_file.finish()
        write_schemas(out / "schema")
    except BaseException:
        for writer in writers:
            writer.abort()
        report_file.abort()
        raise
    # Everything is on disk under temporary names: now replace the previous output in one go
    # (and drop the other format's, which would be stale)
    stale = [f"{stem}.{other}" for other in FORMATS if other != fmt for stem in ("papers", "articles", "paper_index")]
    commit_together(out, [*writers, report_file], out / CACHE_DIR / COMMIT_JOURNAL, stale)
    return summary, [papers.path, articles.path, paper_index.path, report_file.path]


def _write_stats(path: Path, stats: BatchStats) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(to_json(stats.as_dict(), indent=2) + "\n", encoding="utf-8")
    except OSError:
        pass


def summary_table(result: BatchResult) -> str:
    """The closing summary: files per status with their size, records, work done and time."""
    s, st = result.summary, result.stats
    out_dir = s.out_dir or ""
    unlisted = st.folders_unlisted
    # (the progress bar counts the files it found; an unlistable folder is a report line besides)
    counted = f"{s.files} files"
    if unlisted:
        counted = f"{s.files - unlisted} files and {unlisted} folder{'s' if unlisted != 1 else ''} that could not be listed"
    lines = [f"digestparse convert: {counted} in {s.seconds:.1f}s -> {out_dir}",
             f"  {'status':<10}{'files':>8}{'MB':>10}"]
    for status in ("ok", "repaired", "failed"):
        files, nbytes = st.by_status[status]
        lines.append(f"  {status:<10}{files:>8}{nbytes / 1e6:>10.1f}")
    lines.append(f"  {'total':<10}{s.files:>8}{st.bytes / 1e6:>10.1f}")
    lines.append(f"  records: {s.articles} articles, {s.papers} paper records")
    where = f"{st.workers} worker{'s' if st.workers != 1 else ''}" if st.engine == "local" else "dask"
    lines.append(f"  work: {st.processed} files processed ({where}), {st.cached} from cache; "
                 f"{st.seconds_files:.1f}s per-file stages, {st.seconds_records:.1f}s grouping and output")
    if st.kept_output:
        lines.append("  output: nothing changed since the last complete run; its files were kept")
    if s.failed:
        lines.append("  report.json lists every failed file with its reason")
    lines.extend(f"  warning: {w}" for w in st.warnings)
    return "\n".join(lines)


__all__ = ["BatchOptions", "BatchResult", "BatchStats", "EngineUnavailable", "OutputBusy", "check_options", "code_key", "run_batch", "summary_table"]
