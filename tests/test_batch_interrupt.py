"""An interrupted ``digestparse convert`` leaves the previous output whole, and the next run resumes.

The test starts the command as a subprocess on a few hundred generated files, kills it (SIGKILL,
the whole process group) once part of the files are cached, and checks: the previous complete
output is untouched; the next normal run reuses the cached files and writes exactly what one
uninterrupted run writes.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from digestparse.batch import BatchOptions, run_batch
from tests.test_batch_support import outputs, write_digests

FILES = 160
SHAPE = {"entries": 4, "paragraphs": 1}


def _cached_entries(out: Path) -> int:
    return sum(1 for _ in (out / ".cache" / "files").rglob("*.pkl")) if (out / ".cache").is_dir() else 0


@pytest.mark.skipif(sys.platform == "win32", reason="process groups and SIGKILL")
def test_killed_run_keeps_previous_output_and_next_run_resumes(tmp_path):
    archive = tmp_path / "archive"
    out = tmp_path / "out"
    # a previous, complete run over the first part of the archive
    write_digests(archive, 0, 20, **SHAPE)
    run_batch(archive, out, BatchOptions(workers=1))
    previous = outputs(out)
    previous_cached = _cached_entries(out)
    assert previous_cached == 20

    # the archive grows; the reference is one uninterrupted run in another folder
    write_digests(archive, 20, FILES - 20, **SHAPE)
    reference = tmp_path / "reference"
    run_batch(archive, reference, BatchOptions(workers=2, use_cache=False))

    command = [sys.executable, "-m", "digestparse.cli", "convert", str(archive), "-o", str(out), "--workers", "2"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 120
    try:
        while _cached_entries(out) < previous_cached + FILES // 5:
            assert process.poll() is None, "the run ended before it could be interrupted"
            assert time.monotonic() < deadline, "no progress"
            time.sleep(0.02)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        process.stderr.close()
    assert process.returncode == -signal.SIGKILL
    done_before_kill = _cached_entries(out)
    assert previous_cached < done_before_kill < FILES + previous_cached

    # the previous output is whole and unchanged
    assert outputs(out) == previous

    # the next run resumes from the cache and gives what one uninterrupted run gives
    resumed = subprocess.run(command[:-2] + ["--workers", "2", "--quiet"], capture_output=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr.decode()
    stats = json.loads((out / ".cache" / "last_run.json").read_text())
    assert stats["cached"] == done_before_kill  # every file finished before the kill is reused
    assert stats["cached"] + stats["processed"] == FILES
    assert outputs(out) == outputs(reference)
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the parent-death signal is Linux's")
def test_workers_die_with_a_killed_run_and_leave_the_output_folder_free(tmp_path):
    # a run killed alone (not its process group) left its workers running, and the copy of the
    # folder's lock they had from the fork kept every later run out ("another digestparse run
    # is writing")
    archive = tmp_path / "archive"
    out = tmp_path / "out"
    write_digests(archive, 0, FILES, **SHAPE)
    command = [sys.executable, "-m", "digestparse.cli", "convert", str(archive), "-o", str(out), "--workers", "2"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    try:
        while _cached_entries(out) < 5:
            assert process.poll() is None, "the run ended before it could be killed"
            assert time.monotonic() < deadline, "no progress"
            time.sleep(0.02)
    finally:
        process.kill()  # the parent only
        process.wait(timeout=30)
    deadline = time.monotonic() + 20
    while True:  # (the kernel kills the workers once their parent is gone)
        try:
            run_batch(archive, out, BatchOptions(workers=1))
            break
        except Exception as error:  # noqa: BLE001 - OutputBusy while the workers linger
            assert type(error).__name__ == "OutputBusy" and time.monotonic() < deadline, error
            time.sleep(0.2)
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))["summary"]["files"] == FILES
