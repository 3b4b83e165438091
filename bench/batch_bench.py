"""Batch throughput, parallel speed-up, peak memory and cached re-runs on the archive sample.

    python bench/batch_bench.py [--corpus ../shared/corpus] [--limit N] [--json results.json]

Measured in one run, over the same files (the first N of the sorted file list with --limit):

1. ``ftfy.fix_text`` alone (bytes decoded as UTF-8, then fixed), in this process: the yardstick,
   measured before and again after the 1-worker run; the ratio is against the mean of the two,
   so that a machine that slows down or speeds up during the run does not favour either side.
2. ``digestparse convert --workers 1 --force`` into a fresh folder: the full pipeline (read, decode,
   repair, blocks, entries, fields, grouping, merge, output), as a subprocess.
3. The same with ``--workers 2``.
4. The same command again on the folder of 3 (unchanged archive): the cached run.  It hashes every
   file, finds the output stamp of run 3 current and keeps that output (``batch/stamp.py``).

Times are the run's own (``OUT/.cache/last_run.json``: from listing the files to the last rename),
with the process's wall time (which adds interpreter start and imports) beside them.  Peak memory
is the largest sum of the resident memory of the command and all its worker processes, sampled
every 20 ms (psutil), and the largest single process from ``getrusage`` as a cross-check.
Targets: throughput >= 1.0 x ftfy with 1 worker; 2 workers >= 1.7 x faster than 1; peak memory
< 500 MB; the cached run < 10% of the first run's time.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"


def _tree_rss(pid: int) -> int:
    import psutil

    try:
        proc = psutil.Process(pid)
        procs = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def run_convert(archive: Path, out: Path, *args: str) -> dict:
    """Run ``digestparse convert`` as a subprocess; its stats, wall time and peak memory."""
    command = [sys.executable, "-m", "digestparse.cli", "convert", str(archive), "-o", str(out), "--quiet", *args]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        try:
            import psutil  # noqa: F401
        except ImportError:
            return
        while not stop.is_set():
            peak = max(peak, _tree_rss(process.pid))
            stop.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = process.communicate()
    stop.set()
    sampler.join()
    wall = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{err.decode(errors='replace')}")
    stats = json.loads((out / ".cache" / "last_run.json").read_text())
    return {"seconds": stats["seconds"], "wall": wall, "peak_tree_mb": peak / 1e6, "stats": stats}


def ftfy_alone(paths: list[Path]) -> float:
    import ftfy

    started = time.perf_counter()
    for path in paths:
        try:
            ftfy.fix_text(path.read_bytes().decode("utf-8", errors="replace"))
        except OSError:
            pass
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="only the first N files (sorted)")
    parser.add_argument("--json", type=Path, default=None, help="also write the numbers to this file")
    parser.add_argument("--keep", action="store_true", help="keep the temporary output folders")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"archive sample not present at {args.corpus}: nothing to measure")
        return 0

    from digestparse.convert import list_inputs

    paths = list_inputs(args.corpus)
    work = Path(tempfile.mkdtemp(prefix="batch-bench-"))
    archive = args.corpus
    if args.limit is not None:
        paths = paths[: args.limit]
        archive = work / "archive"
        for path in paths:
            target = archive / path.relative_to(args.corpus)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.symlink(path, target)
    megabytes = sum(p.stat().st_size for p in paths) / 1e6
    files = len(paths)
    print(f"{files} files, {megabytes:.1f} MB from {args.corpus}; {os.cpu_count()} cores")

    try:
        t_ftfy_before = ftfy_alone(paths)
        one = run_convert(archive, work / "out1", "--workers", "1", "--force")
        t_ftfy_after = ftfy_alone(paths)
        t_ftfy = (t_ftfy_before + t_ftfy_after) / 2
        two = run_convert(archive, work / "out2", "--workers", "2", "--force")
        cached = run_convert(archive, work / "out2", "--workers", "2")
        same = all((work / "out1" / n).read_bytes() == (work / "out2" / n).read_bytes()
                   for n in ("papers.jsonl", "articles.jsonl", "report.json"))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    rusage_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    ratio = t_ftfy / one["seconds"]
    speedup = one["seconds"] / two["seconds"]
    peak = max(one["peak_tree_mb"], two["peak_tree_mb"], cached["peak_tree_mb"])
    cached_share = cached["seconds"] / two["seconds"]
    cached_share_1 = cached["seconds"] / one["seconds"]
    rows = [
        ("ftfy.fix_text, before", t_ftfy_before, None),
        ("ftfy.fix_text, after", t_ftfy_after, None),
        ("pipeline, 1 worker", one["seconds"], one["wall"]),
        ("pipeline, 2 workers", two["seconds"], two["wall"]),
        ("cached re-run, 2 workers", cached["seconds"], cached["wall"]),
    ]
    print(f"\n{'run':<28}{'seconds':>9}{'wall':>8}{'MB/s':>8}{'files/s':>9}")
    for name, seconds, wall in rows:
        print(f"{name:<28}{seconds:>9.2f}{(f'{wall:.2f}' if wall else '-'):>8}"
              f"{megabytes / seconds:>8.2f}{files / seconds:>9.1f}")
    kept = "output kept (unchanged since the last complete run)" if cached["stats"].get("kept_output") else "output rebuilt"
    print(f"\ncached run: {cached['stats']['cached']} files from cache, {cached['stats']['processed']} processed, {kept}")
    print(f"same output for 1 and 2 workers: {same}")

    def verdict(ok: bool) -> str:
        return "met" if ok else "NOT met"

    print("\nmeasure                                   value    target")
    print(f"throughput / ftfy alone (1 worker)      {ratio:>7.2f}x   >= 1.0   {verdict(ratio >= 1.0)}"
          f"   (against each ftfy run: {t_ftfy_before / one['seconds']:.2f}x, {t_ftfy_after / one['seconds']:.2f}x)")
    print(f"speed-up, 2 workers over 1              {speedup:>7.2f}x   >= 1.7   {verdict(speedup >= 1.7)}")
    print(f"peak memory, process tree (MB)          {peak:>7.0f}    < 500    {verdict(peak < 500)}")
    print(f"  largest single process (getrusage)    {rusage_mb:>7.0f}")
    print(f"cached run / first run (2 workers)      {cached_share:>7.1%}    < 10%    {verdict(cached_share < 0.10)}")
    print(f"cached run / first run (1 worker)       {cached_share_1:>7.1%}    < 10%    {verdict(cached_share_1 < 0.10)}")
    if args.json:
        args.json.write_text(json.dumps({
            "files": files, "megabytes": megabytes, "ftfy_seconds": t_ftfy,
            "ftfy_seconds_before": t_ftfy_before, "ftfy_seconds_after": t_ftfy_after, "one": one, "two": two,
            "cached": cached, "ratio_to_ftfy": ratio, "speedup_2_over_1": speedup, "peak_tree_mb": peak,
            "rusage_max_mb": rusage_mb, "cached_share": cached_share, "same_output": same,
        }, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
