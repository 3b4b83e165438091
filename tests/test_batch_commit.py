"""The output set is replaced as one step, and a run that cannot write (a full disk) fails cleanly.

A run's four outputs (papers, articles, paper index, report) are renamed into place one after
another; the renames are written to a journal first, so that Ctrl-C among them still makes
them all, and a kill among them is finished by the next run.
"""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from digestparse import output
from digestparse.batch import CACHE_DIR, COMMIT_JOURNAL, BatchOptions, run_batch
from digestparse.batch.cache import Cache
from digestparse.cli import main
from digestparse.output import AtomicFile, commit_together, complete_commit
from tests.test_batch_support import outputs, write_digests

NAMES = ("papers.jsonl", "articles.jsonl", "paper_index.jsonl", "report.json")


class Killed(BaseException):
    """Stands for SIGKILL: nothing after it runs."""


def _replace_failing_at(monkeypatch, name: str, exc: BaseException) -> None:
    """``os.replace`` in ``digestparse.output`` raises ``exc`` when it would first make ``name``."""
    real = os.replace
    failed = []

    def replace(src, dst):  # noqa: ANN001, ANN202
        if Path(dst).name == name and not failed:
            failed.append(dst)
            raise exc
        return real(src, dst)

    monkeypatch.setattr(output.os, "replace", replace)


def _temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def _files(folder: Path, texts: dict[str, str]) -> list[AtomicFile]:
    files = []
    for name, text in texts.items():
        f = AtomicFile(folder / name)
        f.handle.write(text)
        files.append(f)
    return files


def test_commit_together_replaces_every_file_and_removes_the_stale_ones(tmp_path):
    for name in ("a", "b", "stale"):
        (tmp_path / name).write_text("old")
    journal = tmp_path / "journal.json"
    commit_together(tmp_path, _files(tmp_path, {"a": "new a", "b": "new b"}), journal, ["stale"])
    assert {p.name: p.read_text() for p in tmp_path.iterdir()} == {"a": "new a", "b": "new b"}


def _old_files_and_new_temporaries(folder: Path) -> tuple[Path, list[AtomicFile]]:
    """Files a, b, c holding "old", temporaries holding "new" for each, and where the journal goes."""
    for name in "abc":
        (folder / name).write_text("old")
    return folder / "journal.json", _files(folder, dict.fromkeys("abc", "new"))


def test_a_kill_between_renames_is_finished_from_the_journal(tmp_path, monkeypatch):
    journal, files = _old_files_and_new_temporaries(tmp_path)
    _replace_failing_at(monkeypatch, "b", Killed())
    with pytest.raises(Killed):
        commit_together(tmp_path, files, journal, ["gone"])
    # killed half way: old and new side by side, and the journal says what is left to do
    assert [(tmp_path / n).read_text() for n in "abc"] == ["new", "old", "old"]
    assert journal.exists() and len(_temporaries(tmp_path)) == 2
    monkeypatch.undo()
    assert complete_commit(tmp_path, journal) == 2
    assert [(tmp_path / n).read_text() for n in "abc"] == ["new", "new", "new"]
    assert not journal.exists() and _temporaries(tmp_path) == []
    assert complete_commit(tmp_path, journal) == 0  # nothing left: a no-op


def test_ctrl_c_between_renames_still_makes_them_all(tmp_path, monkeypatch):
    journal, files = _old_files_and_new_temporaries(tmp_path)
    _replace_failing_at(monkeypatch, "b", KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        commit_together(tmp_path, files, journal)
    assert [(tmp_path / n).read_text() for n in "abc"] == ["new", "new", "new"]
    assert not journal.exists() and _temporaries(tmp_path) == []


def test_a_journal_that_does_not_parse_or_names_other_folders_changes_nothing(tmp_path):
    (tmp_path / "a").write_text("kept")
    journal = tmp_path / "journal.json"
    journal.write_text("{not json")
    assert complete_commit(tmp_path, journal) == 0 and not journal.exists()
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.tmp").write_text("elsewhere")
    journal.write_text(json.dumps({"replace": [["sub/x.tmp", "a"]], "remove": ["../a", "sub/x.tmp"]}))
    assert complete_commit(tmp_path, journal) == 0
    assert (tmp_path / "a").read_text() == "kept" and (tmp_path / "sub" / "x.tmp").exists()


def test_a_run_killed_while_renaming_is_finished_by_the_next_run(tmp_path, monkeypatch):
    archive, out, fresh = tmp_path / "archive", tmp_path / "out", tmp_path / "fresh"
    write_digests(archive, 0, 6, entries=3, paragraphs=1)
    run_batch(archive, out, BatchOptions(workers=1, progress="off"))
    write_digests(archive, 6, 2, entries=3, paragraphs=1)  # the next run has more to say
    run_batch(archive, fresh, BatchOptions(workers=1, progress="off"))
    expected = outputs(out.parent / "fresh", NAMES)
    _replace_failing_at(monkeypatch, "articles.jsonl", Killed())  # papers.jsonl is renamed first
    with pytest.raises(Killed):
        run_batch(archive, out, BatchOptions(workers=1, progress="off"))
    monkeypatch.undo()
    mixed = outputs(out, NAMES)
    assert mixed["papers.jsonl"] == expected["papers.jsonl"]
    assert mixed["articles.jsonl"] != expected["articles.jsonl"]
    assert (out / CACHE_DIR / COMMIT_JOURNAL).exists()
    # the next run finishes the renames before anything else, even when it then fails at once
    with pytest.raises(ValueError):
        run_batch(archive, out, BatchOptions(workers=1, progress="off", fmt="csv"))
    assert (out / CACHE_DIR / COMMIT_JOURNAL).exists()  # (options are checked before the folder is touched)
    run_batch(archive, out, BatchOptions(workers=1, progress="off"))
    assert outputs(out, NAMES) == expected
    assert not (out / CACHE_DIR / COMMIT_JOURNAL).exists() and _temporaries(out) == []


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)), "No space left on device"),
        # a MemoryError (a 5 MB one-line scrape once made a 2.6 GB record) came out as a traceback
        # and exit status 1, where every other stop is one line that says the output is unchanged
        (MemoryError(), "the run stopped: out of memory"),
    ],
)
def test_a_full_disk_or_no_memory_while_writing_fails_cleanly_and_keeps_the_previous_output(tmp_path, monkeypatch, error, said):
    archive, out = tmp_path / "archive", tmp_path / "out"
    write_digests(archive, 0, 4, entries=3, paragraphs=1)
    runner = CliRunner()
    assert runner.invoke(main, ["convert", str(archive), "-o", str(out), "--quiet", "-j", "1"]).exit_code == 0
    before = outputs(out, NAMES)
    write_digests(archive, 4, 2, entries=3, paragraphs=1)

    real_write = output.RecordWriter.write
    written = {"n": 0}

    def write(self, record):  # noqa: ANN001, ANN202
        written["n"] += 1
        if written["n"] > 3:
            raise error
        return real_write(self, record)

    monkeypatch.setattr(output.RecordWriter, "write", write)
    result = runner.invoke(main, ["convert", str(archive), "-o", str(out), "--quiet", "-j", "1"])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert said in result.output and "previous output" in result.output
    assert "Traceback" not in result.output
    assert outputs(out, NAMES) == before
    assert _temporaries(out) == []


def test_closing_a_temporary_on_a_full_disk_still_removes_it(tmp_path):
    f = AtomicFile(tmp_path / "x.json")
    f.handle.write("x" * 10)

    class Full:
        def close(self) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

    real = f.handle
    f.handle = Full()  # type: ignore[assignment]
    f.abort()
    real.close()
    assert list(tmp_path.iterdir()) == []


def test_a_cache_entry_that_cannot_be_written_leaves_no_temporary(tmp_path, monkeypatch):
    from digestparse.batch import cache as cache_module

    cache = Cache(tmp_path / "cache", code="0" * 64)

    def replace(src, dst):  # noqa: ANN001, ANN202
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(cache_module.os, "replace", replace)
    assert cache.put("ab" * 32, b"blob") is False
    assert [p for p in (tmp_path / "cache").rglob("*") if p.is_file()] == []
