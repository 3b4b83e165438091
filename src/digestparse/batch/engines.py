"""Where the per-file stages run: in this process, in a local process pool, or on a Dask cluster.

Every engine runs the same function, ``work_one``, on ``Task`` objects and yields ``Outcome``
objects in whatever order they finish; the caller sorts.  An outcome carries the pickled
``Packed`` result (report, grouping key and the compacted ``FileResult`` still pickled: bytes
travel cheaply between processes and go into the cache as is)
and the cache key computed from the bytes the worker actually read.

A task that names the cache (local engines: the workers share the output folder's file
system) has its worker write the cache entry itself; the outcome then carries only the
report and the grouping key, so the parent neither receives nor stores the full result.
"""

from __future__ import annotations

import gc
import pickle
import signal
from collections import deque
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from ..convert import FileResult, Packed, _relative, process_file, read_error, read_input
from ..decode import DecodeError
from ..models import FileReport
from .cache import Cache, code_key, content_key

PICKLE_PROTOCOL = pickle.HIGHEST_PROTOCOL


@dataclass(frozen=True)
class Task:
    path: Path
    root: Path
    size: int = 0
    cache_dir: Path | None = None
    """The output folder's cache, when the worker is to write the entry itself."""
    code: str | None = None
    """The parent's code key: a worker running other code does not write the cache."""


@dataclass(frozen=True)
class Outcome:
    rel: str
    blob: bytes
    key: str | None
    """None when the result must not be cached (the file could not be read, or an internal error)."""
    code: str
    size: int = 0
    stored: bool = False
    """The worker wrote the cache entry ``key``; ``blob`` is the ``Packed`` header without the result."""


def work_one(task: Task) -> Outcome:
    """Read, hash and run every per-file stage on one file (in whichever process or worker)."""
    code = code_key()
    rel = _relative(task.path, task.root)
    key = None
    try:
        data = read_input(task.path)
    except (OSError, DecodeError) as exc:
        result = read_error(task.path, task.root, exc)
    else:
        key = content_key(code, rel, data)
        result = process_file(task.path, task.root, data=data)
        if any(error.startswith("internal error") for error in result.report.errors):
            key = None
    packed = Packed.of(result)
    blob = packed.dumps()
    if key is not None and task.cache_dir is not None and task.code == code:
        if Cache(task.cache_dir, code=code).put(key, blob):
            header = Packed(packed.report, packed.key, b"").dumps()
            return Outcome(rel, header, key, code, task.size, stored=True)
    return Outcome(rel, blob, key, code, task.size)


def work_chunk(tasks: list[Task]) -> list[Outcome]:
    return [work_one(task) for task in tasks]


def crashed(task: Task, reason: str) -> Outcome:
    """The outcome of a file whose worker process died (a crash or the memory killer)."""
    report = FileReport(path=_relative(task.path, task.root), status="failed")
    report.errors.append(f"internal error: {reason}")
    return Outcome(report.path, Packed.of(FileResult(report)).dumps(), None, code_key(), task.size)


def chunked(tasks: list[Task], *, max_files: int = 16, max_bytes: int = 2_000_000) -> list[list[Task]]:
    """Tasks in chunks of a few files (fewer when they are large), to keep messages few but balanced."""
    chunks: list[list[Task]] = []
    current: list[Task] = []
    size = 0
    for task in tasks:
        if current and (len(current) >= max_files or size + task.size > max_bytes):
            chunks.append(current)
            current, size = [], 0
        current.append(task)
        size += task.size
    if current:
        chunks.append(current)
    return chunks


GC_THRESHOLD = 20_000
"""Container allocations between young-generation collections while files are processed.

Parsing allocates hundreds of thousands of short-lived tokens per file; with Python's default
(700) the cycle collector runs thousands of times per hundred files and took about 7% of the
per-file time, while almost all of those objects are freed by reference counting anyway.
"""


def run_inline(tasks: list[Task]) -> Iterator[Outcome]:
    saved = gc.get_threshold()
    gc.set_threshold(GC_THRESHOLD, *saved[1:])
    try:
        for task in tasks:
            yield work_one(task)
    finally:
        gc.set_threshold(*saved)


def _init_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])
    _die_with_parent()


PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """Have the kernel kill this worker when the process that started it dies (Linux): a run
    killed with SIGTERM or SIGKILL left its workers running, and the copy of the output
    folder's lock they had from the fork kept every later run out."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # pragma: no cover - not Linux: no such call
        pass


def _mp_context():  # noqa: ANN202
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def run_pool(tasks: list[Task], workers: int) -> Iterator[Outcome]:
    """A local process pool.  When a worker dies, the files that were in flight are retried one
    at a time in a single worker, so that only the file that kills it is reported failed."""
    queue = deque(chunked(tasks, max_files=max(1, min(16, len(tasks) // (workers * 4)))))
    suspects: deque[Task] = deque()
    while queue or suspects:
        if suspects:
            with ProcessPoolExecutor(max_workers=1, mp_context=_mp_context(), initializer=_init_worker) as pool:
                while suspects:
                    task = suspects[0]
                    try:
                        outcome = pool.submit(work_one, task).result()
                    except BrokenProcessPool:
                        suspects.popleft()
                        yield crashed(task, "the worker process died while processing this file")
                        break
                    except Exception as exc:  # noqa: BLE001 - e.g. a result that cannot be sent back
                        outcome = crashed(task, f"{type(exc).__name__}: {exc}")
                    suspects.popleft()
                    yield outcome
            continue
        broken = yield from _run_until_broken(queue, workers)
        suspects.extend(task for chunk in broken for task in chunk)


def _run_until_broken(queue: deque[list[Task]], workers: int):  # noqa: ANN202 - a generator
    """Run chunks from ``queue`` until it is empty or the pool breaks; returns the chunks lost in flight
    and those that failed as a whole."""
    window = workers * 4
    running: dict = {}
    broken: list[list[Task]] = []
    failed: list[list[Task]] = []
    with ProcessPoolExecutor(max_workers=workers, mp_context=_mp_context(), initializer=_init_worker) as pool:
        try:
            while queue or running:
                while queue and len(running) < window:
                    chunk = queue.popleft()
                    running[pool.submit(work_chunk, chunk)] = chunk
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    chunk = running.pop(future)
                    try:
                        outcomes = future.result()
                    except BrokenProcessPool:
                        broken.append(chunk)
                        continue
                    except Exception:  # noqa: BLE001 - the chunk failed as a whole: retry its files alone
                        failed.append(chunk)
                        continue
                    yield from outcomes
                if broken:
                    break
        except BrokenProcessPool:
            pass
        except BaseException:  # interrupted, or the caller stopped early: drop what has not started
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        broken.extend(running.values())
        if broken:
            pool.shutdown(wait=False, cancel_futures=True)
    return broken + failed


class EngineUnavailable(RuntimeError):
    """The engine cannot start: its cluster is not there (a wrong or unreachable scheduler address)."""


def run_dask(tasks: list[Task], *, scheduler: str | None = None, workers: int | None = None,
             processes: bool = True) -> Iterator[Outcome]:
    """The same per-file stage as a Dask bag on a dask.distributed cluster.

    ``scheduler``: the address of a running scheduler (``tcp://host:8786``); None starts a local
    cluster on the loopback interface with ``workers`` workers (processes unless ``processes``
    is False, then threads in this process).
    """
    try:
        import dask.bag as db
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError as exc:  # pragma: no cover - checked by the caller first
        raise RuntimeError("--engine dask needs the optional extra: pip install 'digestparse[dask]'") from exc

    if not tasks:
        return  # everything came from the cache: no cluster needed
    cluster = None
    if scheduler:
        try:
            client = Client(scheduler)
        except (OSError, ValueError, TimeoutError) as exc:  # ("notanaddress": ValueError; nobody there: OSError)
            raise EngineUnavailable(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    else:
        from . import available_cores

        n = workers or available_cores()
        if processes:  # worker processes talking over the loopback interface only
            cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, host="127.0.0.1",
                                   dashboard_address=None)
        else:  # threads in this process, no network at all
            cluster = LocalCluster(n_workers=1, threads_per_worker=n, processes=False, dashboard_address=None)
        client = Client(cluster)
    try:
        size = max(1, min(16, len(tasks) // (len(client.scheduler_info().get("workers", {})) * 4 or 4) or 1))
        bag = db.from_sequence(tasks, partition_size=size).map(work_one)
        futures = client.compute(bag.to_delayed())
        parts = {future.key: tasks[number * size:(number + 1) * size] for number, future in enumerate(futures)}
        for future in as_completed(futures):
            try:
                outcomes = future.result()
            except Exception:  # noqa: BLE001 - a partition failed (a worker died, ...): its files one by one
                outcomes = []
                for task in parts[future.key]:
                    single = client.submit(work_one, task, pure=False)
                    try:
                        outcomes.append(single.result())
                    except Exception as exc:  # noqa: BLE001
                        outcomes.append(crashed(task, f"{type(exc).__name__}: {exc}"))
            yield from outcomes
            future.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
