"""Batch conversion: bad input beside good files, the same output for any worker count or engine,
the per-file cache, Parquet output and the closing summary."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from digestparse.batch import BatchOptions, run_batch, summary_table
from digestparse.cli import main
from tests.conftest import SEED_004, SEEDS
from tests.test_batch_support import OUTPUTS, outputs, write_digests

convert_module = sys.modules["digestparse.convert"]
engines_module = sys.modules["digestparse.batch.engines"]


def _dask_available() -> bool:
    try:
        import dask.bag  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        return False
    return True


def _run(root: Path, out: Path, **options):
    return run_batch(root, out, BatchOptions(**options))


# --- bad input never stops a batch --------------------------------------------------------------

def _bad_archive(tmp: Path) -> Path:
    archive = tmp / "archive"
    (archive / "good").mkdir(parents=True)
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, archive / "good" / seed.name)
    bad = archive / "bad"
    bad.mkdir()
    (bad / "empty.md").write_bytes(b"")
    (bad / "binary.md").write_bytes(bytes(range(256)) * 40)
    (bad / "nul.txt").write_bytes(b"\x00" * 4096)
    (bad / "invalid-utf8.md").write_bytes("# Caf\u00e9 papers\n\nA r\u00e9sum\u00e9 of one paper.\n".encode("utf-8")
                                          + b"broken \xc3\x28 bytes \xff here\n")
    (bad / "gbk.md").write_bytes("# 论文精选\n\n第一篇论文讲的是注意力机制。\n".encode("gbk"))
    (bad / "gb18030.txt").write_bytes("# 论文精选\n\n第二篇论文讲的是扩散模型。\n".encode("gb18030"))
    (bad / "utf16-bom.md").write_bytes("# Title with BOM\n\nbody text here\n".encode("utf-16"))
    (bad / "utf16-nobom.md").write_bytes("# Title without BOM\n\nbody text here\n".encode("utf-16-le"))
    with open(bad / "huge.md", "wb") as handle:  # 100 MB, sparse: refused by its size before reading
        handle.truncate(100 * 1024 * 1024)
    (bad / "one-line.md").write_bytes(b"word " * (2 * 1024 * 1024))  # a single 10 MB line
    (bad / "loop.md").symlink_to("loop.md")  # a symlink loop
    (bad / "dirloop").symlink_to("..")  # a folder symlink back up: not followed
    (bad / "unreadable.md").write_text("# Secret\n")
    os.chmod(bad / "unreadable.md", 0)
    (bad / "deleted.md").write_text("# Gone before it was read\n")
    os.mkfifo(bad / "fifo.md")  # reading it would block forever
    with open(os.path.join(os.fsencode(bad), b"name-\xff\xfe-latin1.md"), "wb") as handle:
        handle.write(b"# A file whose name is not UTF-8\n\nStill read.\n")
    return archive


@pytest.fixture
def unreadable_and_deleted(monkeypatch):
    """Make ``unreadable.md`` unreadable even for root, and delete ``deleted.md`` after listing."""
    real_open = open
    real_list = convert_module.list_inputs

    def guarded_open(path, *args, **kwargs):
        if os.fspath(path).endswith("unreadable.md"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_open(path, *args, **kwargs)

    def list_then_delete(root, *rest):
        found = real_list(root, *rest)
        for path in found:
            if path.name == "deleted.md":
                path.unlink()
        return found

    monkeypatch.setattr(convert_module, "open", guarded_open, raising=False)
    monkeypatch.setattr("digestparse.batch.list_inputs", list_then_delete)


def test_bad_input_beside_good_files(tmp_path, unreadable_and_deleted):
    archive = _bad_archive(tmp_path)
    result = _run(archive, tmp_path / "out", workers=1)
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    files = {f["path"]: f for f in report["files"]}

    def failed(name: str, reason: str) -> None:
        entry = files[f"bad/{name}"]
        assert entry["status"] == "failed", entry
        assert any(reason in error for error in entry["errors"]), entry

    failed("empty.md", "empty file")
    failed("binary.md", "binary file")
    failed("nul.txt", "binary file")
    failed("huge.md", "file too large: 104857600 bytes")
    failed("loop.md", "Too many levels of symbolic links")
    failed("unreadable.md", "PermissionError")
    failed("deleted.md", "FileNotFoundError")
    failed("fifo.md", "not a regular file")
    assert files["bad/invalid-utf8.md"]["status"] != "failed"
    assert "invalid UTF-8" in files["bad/invalid-utf8.md"]["warnings"][0]
    assert files["bad/gbk.md"]["encoding"] == "gb18030" and files["bad/gbk.md"]["title"] == "论文精选"
    assert files["bad/gb18030.txt"]["encoding"] == "gb18030"
    assert files["bad/utf16-bom.md"]["encoding"] == "utf-16-le (BOM)"
    assert files["bad/utf16-bom.md"]["title"] == "Title with BOM"
    assert files["bad/utf16-nobom.md"]["encoding"] == "utf-16-le"
    assert files["bad/utf16-nobom.md"]["title"] == "Title without BOM"
    assert files["bad/one-line.md"]["status"] == "ok" and files["bad/one-line.md"]["bytes"] == 10 * 1024 * 1024
    odd_name = files["bad/name-\\xff\\xfe-latin1.md"]
    assert odd_name["status"] == "ok" and odd_name["title"] == "A file whose name is not UTF-8"
    assert any("not valid UTF-8" in w for w in odd_name["warnings"])
    # every listed file has its line in the report; the good files still give all their records
    assert len(files) == 5 + 15
    assert result.summary.papers == 30
    assert result.summary.failed == 8
    assert sum(1 for f in files.values() if f["path"].startswith("good/") and f["status"] != "failed") == 5
    # the same with a process pool (the patches above reach the forked workers)
    (archive / "bad" / "deleted.md").write_text("# Gone before it was read\n")
    _run(archive, tmp_path / "two", workers=2)
    assert outputs(tmp_path / "out") == outputs(tmp_path / "two")


def test_a_worker_that_dies_fails_only_its_file(tmp_path, monkeypatch):
    archive = tmp_path / "archive"
    write_digests(archive, 0, 8)
    real = convert_module.process_data

    def dies_on_post_5(data, rel):
        if rel.endswith("post-0005.md"):
            os._exit(3)  # as a crash or the memory killer would end the worker
        return real(data, rel)

    monkeypatch.setattr(convert_module, "process_data", dies_on_post_5)
    result = _run(archive, tmp_path / "out", workers=2)
    report = {f["path"]: f for f in json.loads((tmp_path / "out" / "report.json").read_text())["files"]}
    assert "worker process died" in report["d00/post-0005.md"]["errors"][0]
    assert result.summary.failed == 1 and result.summary.papers == 7 * 6


@pytest.mark.parametrize("options", [
    pytest.param({"workers": 2}, id="pool"),
    pytest.param({"engine": "dask", "workers": 2, "dask_processes": False}, id="dask",
                 marks=pytest.mark.skipif(not _dask_available(), reason="dask not installed")),
])
def test_an_unexpected_error_outside_the_stages_fails_only_its_file(tmp_path, monkeypatch, options):
    archive = tmp_path / "archive"
    write_digests(archive, 0, 6)
    real = engines_module.process_file

    def fails_on_post_2(path, root, **kwargs):
        if path.name == "post-0002.md":
            raise RuntimeError("result cannot be sent back")
        return real(path, root, **kwargs)

    monkeypatch.setattr(engines_module, "process_file", fails_on_post_2)
    result = _run(archive, tmp_path / "out", **options)
    report = {f["path"]: f for f in json.loads((tmp_path / "out" / "report.json").read_text())["files"]}
    assert "RuntimeError: result cannot be sent back" in report["d00/post-0002.md"]["errors"][0]
    assert result.summary.failed == 1 and result.summary.papers == 5 * 6


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_chmod_000_file_is_reported(tmp_path):
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "secret.md").write_text("# Secret\n")
    os.chmod(archive / "secret.md", 0)
    _run(archive, tmp_path / "out", workers=1)
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert "PermissionError" in report["files"][0]["errors"][0]



def test_a_file_the_os_refuses_to_read_is_reported(tmp_path, monkeypatch):
    """The unreadable case even where the tests run as root (who reads a chmod 000 file)."""
    archive = tmp_path / "archive"
    write_digests(archive, 0, 3)
    real = engines_module.read_input

    def refuse_post_1(path):
        if path.name == "post-0001.md":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(engines_module, "read_input", refuse_post_1)
    result = _run(archive, tmp_path / "out", workers=1)
    report = {f["path"]: f for f in json.loads((tmp_path / "out" / "report.json").read_text())["files"]}
    assert "PermissionError" in report["d00/post-0001.md"]["errors"][0]
    assert "Permission denied" in report["d00/post-0001.md"]["errors"][0]
    assert result.summary.failed == 1 and result.summary.papers == 2 * 6

# --- the same output whatever runs the per-file stages ------------------------------------------

ENGINES = [
    pytest.param({"workers": 1}, id="workers-1"),
    pytest.param({"workers": 2}, id="workers-2"),
    pytest.param({"engine": "dask", "workers": 2, "dask_processes": False}, id="dask-local-threads",
                 marks=pytest.mark.skipif(not _dask_available(), reason="dask[bag] and distributed not installed")),
]


@pytest.fixture(scope="module")
def seeds_reference(tmp_path_factory):
    out = tmp_path_factory.mktemp("reference")
    from digestparse.convert import build_records, list_inputs, process_file
    from digestparse.output import to_json

    result = build_records(process_file(p, SEEDS) for p in list_inputs(SEEDS))
    run_batch(SEEDS, out, BatchOptions(workers=1, use_cache=False))
    assert (out / "papers.jsonl").read_text() == "".join(to_json(p) + "\n" for p in result.papers)
    return outputs(out)


@pytest.mark.parametrize("options", ENGINES)
def test_seeds_same_output_for_every_engine(tmp_path, seeds_reference, options):
    _run(SEEDS, tmp_path / "out", **options)
    assert outputs(tmp_path / "out") == seeds_reference


@pytest.fixture(scope="module")
def corpus_sample(tmp_path_factory):
    from tests.conftest import CORPUS

    if not CORPUS.is_dir():
        pytest.skip(f"archive sample not present at {CORPUS}")
    sample = tmp_path_factory.mktemp("corpus-sample")
    files = sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.suffix in (".md", ".txt", ".html"))
    chosen = files[::40] + sorted(CORPUS.glob("neptuneai/iclr-2020*"))
    for path in chosen:
        target = sample / path.relative_to(CORPUS)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target)
    return sample


def test_corpus_sample_same_output_for_every_engine(tmp_path, corpus_sample):
    reference = None
    for number, param in enumerate(ENGINES):
        if any(getattr(mark, "name", "") == "skipif" and mark.args[0] for mark in param.marks):
            continue
        out = tmp_path / f"out{number}"
        _run(corpus_sample, out, use_cache=False, **param.values[0])
        if reference is None:
            reference = outputs(out)
            assert json.loads(reference["report.json"])["summary"]["files"] > 50
        else:
            assert outputs(out) == reference, param.id


@pytest.mark.skipif(not _dask_available(), reason="dask[bag] and distributed not installed")
def test_cli_dask_engine_local_cluster(tmp_path, seeds_reference):
    result = CliRunner().invoke(main, ["convert", str(SEEDS), "-o", str(tmp_path / "out"), "--engine", "dask",
                                       "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert outputs(tmp_path / "out") == seeds_reference


@pytest.mark.skipif(not _dask_available(), reason="dask[bag] and distributed not installed")
def test_dask_engine_on_a_given_scheduler(tmp_path, seeds_reference):
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        result = _run(SEEDS, tmp_path / "out", engine="dask", scheduler=cluster.scheduler_address)
    assert result.stats.processed == 5
    assert outputs(tmp_path / "out") == seeds_reference


# --- the per-file cache -------------------------------------------------------------------------

def test_cache_second_run_does_no_per_file_work_and_one_change_redoes_one(tmp_path):
    archive = tmp_path / "archive"
    shutil.copytree(SEEDS, archive)
    write_digests(archive / "generated", 0, 6)
    out = tmp_path / "out"
    first = _run(archive, out, workers=2)
    assert (first.stats.processed, first.stats.cached) == (11, 0)
    before = outputs(out)

    second = _run(archive, out, workers=2)
    assert (second.stats.processed, second.stats.cached) == (0, 11)
    assert outputs(out) == before
    assert json.loads((out / ".cache" / "last_run.json").read_text())["cached"] == 11

    changed = archive / "generated" / "d00" / "post-0003.md"
    changed.write_text(changed.read_text().replace("# The 6 best", "# The six best"))
    third = _run(archive, out, workers=1)
    assert (third.stats.processed, third.stats.cached) == (1, 10)
    titles = [json.loads(line)["title"] for line in (out / "articles.jsonl").read_text().splitlines()]
    assert {"en": "The six best papers of workshop 3"} in titles

    forced = _run(archive, out, workers=1, use_cache=False)
    assert (forced.stats.processed, forced.stats.cached) == (11, 0)

    fresh = tmp_path / "fresh"
    _run(archive, fresh, workers=1, use_cache=False)
    assert outputs(out) == outputs(fresh)


def test_cache_is_invalidated_by_a_code_change(tmp_path, monkeypatch):
    archive = tmp_path / "archive"
    write_digests(archive, 0, 3)
    out = tmp_path / "out"
    _run(archive, out, workers=1)
    assert _run(archive, out, workers=1).stats.cached == 3
    monkeypatch.setattr("digestparse.batch.cache.code_key", lambda: "0" * 64)
    monkeypatch.setattr("digestparse.batch.engines.code_key", lambda: "0" * 64)
    changed = _run(archive, out, workers=1)
    assert (changed.stats.processed, changed.stats.cached) == (3, 0)
    assert [p.name for p in (out / ".cache" / "files").iterdir()] == ["0" * 24]  # the old code's cache is pruned


def test_damaged_copy_restored_from_cached_twin(tmp_path, seeds_reference, monkeypatch):
    """The damaged seed is re-repaired with its clean twin's text, also when both come from the cache."""
    out = tmp_path / "out"
    _run(SEEDS, out, workers=2)
    assert _run(SEEDS, out, workers=2).stats.cached == 5
    assert outputs(out) == seeds_reference
    report = json.loads((out / "report.json").read_text())
    damaged = next(f for f in report["files"] if f["role"] == "damaged_copy")
    assert damaged["status"] == "repaired"
    # a cached entry that vanished during a run that rebuilds the output: the file is processed again
    monkeypatch.setattr("digestparse.batch.cache.Cache.load_result", lambda self, key: None)
    (out / "papers.jsonl").write_text("")
    assert not _run(SEEDS, out, workers=1).stats.kept_output
    assert outputs(out) == seeds_reference


# A post whose words the bundled tables do not know (拭子, a swab: read 拍子, a racket, and
# 卖 for 取), damaged as seed 002 is, and a clean note of the same run that uses them.
SWAB_POST = "# 拭子检测笔记\n\n这些拭子样本需要被检测。\n\n取一个拭子，然后把它放进试管。\n"
SWAB_NOTES = "# 采样\n\n医生取一个拭子，在喉咙里取样。拭子样本送去检测。\n"
_LOST = bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D, 0xAD])


def _lossy_archive(tmp: Path) -> Path:
    """The damaged post without its twin, beside a clean note that uses the words it lost bytes of."""
    archive = tmp / "archive"
    archive.mkdir()
    damaged = SWAB_POST.encode("utf-8").translate(None, _LOST).decode("cp1252")
    (archive / "swab.md").write_text(damaged, encoding="utf-8")
    (archive / "notes.md").write_text(SWAB_NOTES, encoding="utf-8")
    return archive


def _damaged_variant(out: Path) -> dict:
    for line in (out / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        for variant in json.loads(line)["variants"]:
            if variant["path"] == "swab.md":
                return variant
    raise AssertionError("no variant of the damaged post")


def test_lost_bytes_without_twin_are_chosen_with_the_batch_model(tmp_path, monkeypatch):
    """No clean twin: the clean files of the same run teach the model 拭子, which the
    bundled tables alone get wrong; the cached run reuses the repair."""
    from digestparse import repair

    archive = _lossy_archive(tmp_path)
    alone = repair((archive / "swab.md").read_text(encoding="utf-8"))
    assert alone.text == SWAB_POST.replace("拭", "拍")
    wrong = {s.out_start: SWAB_POST[s.out_start : s.out_end] for s in alone.report.spans
             if s.repaired != SWAB_POST[s.out_start : s.out_end]}
    assert sorted(wrong.values()) == ["拭", "拭", "拭"]

    out = tmp_path / "out"
    _run(archive, out, workers=1)
    variant = _damaged_variant(out)
    assert variant["role"] != "damaged_copy"
    repaired = {s["out_start"]: s["repaired"] for s in variant["repair"]["spans"]}
    assert {offset: repaired[offset] for offset in wrong} == wrong
    assert variant["repair"]["notes"] == [
        f"language model: bundled tables and 1 clean document of this batch ({len(SWAB_NOTES)} characters)"]
    report = {f["path"]: f for f in json.loads((out / "report.json").read_text())["files"]}
    assert report["swab.md"]["repair"]["restored_bytes"] == alone.report.restored_bytes > 0
    first = outputs(out)

    # unchanged inputs, output to rebuild: the batch-model repair comes from the cache, no model is built
    def no_model(self):
        raise AssertionError("the batch model was built again")

    monkeypatch.setattr(convert_module.BatchModel, "model", no_model)
    (out / "papers.jsonl").unlink()
    assert not _run(archive, out, workers=2).stats.kept_output
    assert outputs(out) == first
    monkeypatch.undo()

    # a changed clean file changes the model, so the damaged file is repaired again
    changed_notes = SWAB_NOTES + "\n拭子。\n"
    (archive / "notes.md").write_text(changed_notes, encoding="utf-8")
    _run(archive, out, workers=1)
    assert f"({len(changed_notes)} characters)" in _damaged_variant(out)["repair"]["notes"][0]
    fresh = tmp_path / "fresh"
    _run(archive, fresh, workers=1, use_cache=False)
    assert outputs(out) == outputs(fresh)


def test_corrupt_cache_entry_is_a_miss(tmp_path):
    archive = tmp_path / "archive"
    write_digests(archive, 0, 2)
    out = tmp_path / "out"
    _run(archive, out, workers=1)
    for entry in (out / ".cache" / "files").rglob("*.pkl"):
        entry.write_bytes(b"truncated")
    (out / "report.json").unlink()  # so the output must be rebuilt from the entries
    again = _run(archive, out, workers=1)
    assert (again.stats.processed, again.stats.cached) == (2, 0)


def test_unchanged_archive_keeps_its_output_until_an_input_or_output_changes(tmp_path):
    archive = tmp_path / "archive"
    write_digests(archive, 0, 4)
    out = tmp_path / "out"
    first = _run(archive, out, workers=1)
    assert not first.stats.kept_output
    before = outputs(out)
    written = {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()}

    kept = _run(archive, out, workers=1)
    assert kept.stats.kept_output and (kept.stats.processed, kept.stats.cached) == (0, 4)
    assert kept.summary.model_dump(exclude={"seconds"}) == first.summary.model_dump(exclude={"seconds"})
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()} == written  # not rewritten
    assert "nothing changed since the last complete run" in summary_table(kept)

    (out / "articles.jsonl").write_text("edited by hand\n")  # an output touched: rebuilt from the cache
    rebuilt = _run(archive, out, workers=1)
    assert not rebuilt.stats.kept_output and rebuilt.stats.processed == 0
    assert outputs(out) == before

    other_format = _run(archive, out, workers=1, fmt="parquet") if _has_pyarrow() else None
    assert other_format is None or not other_format.stats.kept_output
    _run(archive, out, workers=1)

    changed = archive / "d00" / "post-0001.md"
    changed.write_text(changed.read_text().replace("# The", "# Now the"))
    assert not _run(archive, out, workers=1).stats.kept_output
    assert not _run(archive, out, workers=1, use_cache=False).stats.kept_output  # --force redoes everything


def test_the_output_is_kept_whether_out_is_given_relative_or_absolute(tmp_path, monkeypatch):
    # the stamp keyed each output by OUT as typed: "-o out" after "-o /abs/out" redid grouping
    archive = tmp_path / "archive"
    write_digests(archive, 0, 3)
    assert not _run(archive, tmp_path / "out", workers=1).stats.kept_output
    monkeypatch.chdir(tmp_path)
    assert _run(Path("archive"), Path("out"), workers=1).stats.kept_output
    assert _run(archive, tmp_path / "out", workers=1).stats.kept_output


def _has_pyarrow() -> bool:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    return True


# --- output formats, the command line --------------------------------------------------------

def test_parquet_output_holds_the_same_records(tmp_path, seeds_reference):
    pq = pytest.importorskip("pyarrow.parquet")
    result = CliRunner().invoke(main, ["convert", str(SEEDS), "-o", str(tmp_path / "out"), "--format", "parquet",
                                       "--workers", "1", "--quiet"])
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    assert not (out / "papers.jsonl").exists()
    papers = pq.read_table(out / "papers.parquet").to_pylist()
    expected = [json.loads(line) for line in seeds_reference["papers.jsonl"].decode().splitlines()]
    assert len(papers) == len(expected) == 30
    for row, record in zip(papers, expected):
        assert row["id"] == record["id"]
        assert dict(row["title"]) == record["title"]
        assert [link["url"] for link in row["links"]] == [link["url"] for link in record["links"]]
        assert {k: list(v["lines"]) for k, v in dict(row["provenance"]).items()} == {
            k: v["lines"] for k, v in record["provenance"].items()}
    articles = pq.read_table(out / "articles.parquet")
    assert articles.num_rows == 3
    assert (out / "report.json").read_bytes() == seeds_reference["report.json"]
    assert sorted(p.name for p in (out / "schema").iterdir()) == [
        "article.schema.json", "file_report.schema.json", "paper.schema.json", "paper_index.schema.json"]


def test_cli_summary_table_and_log_lines(tmp_path):
    archive = tmp_path / "archive"
    write_digests(archive, 0, 3)
    (archive / "empty.md").write_bytes(b"")
    result = CliRunner().invoke(main, ["convert", str(archive), "-o", str(tmp_path / "out"), "--workers", "1"])
    assert result.exit_code == 0, result.output
    text = result.output
    assert "digestparse convert: 4 files in" in text
    assert "digestparse: 4/4 files" in text  # the plain progress line when not on a terminal
    # then a word before grouping and output, which take a while on an archive (it had been silent)
    assert text.index("digestparse: 4/4 files") < text.index("digestparse: grouping 4 files into articles") < text.index(
        "digestparse convert: 4 files in")
    table = {line.split()[0]: line.split()[1:] for line in text.splitlines() if line.startswith("  ")}
    assert table["ok"][0] == "3" and table["failed"][0] == "1" and table["total"][0] == "4"
    assert "records: 3 articles, 18 paper records" in text
    quiet = CliRunner().invoke(main, ["convert", str(archive), "-o", str(tmp_path / "out"), "--quiet"])
    assert quiet.exit_code == 0 and quiet.output == ""


def test_cli_rejects_unknown_or_unavailable_options(tmp_path):
    runner = CliRunner()
    assert runner.invoke(main, ["convert", str(SEEDS), "-o", str(tmp_path), "--workers", "0"]).exit_code == 2
    assert runner.invoke(main, ["convert", str(SEEDS), "-o", str(tmp_path), "--format", "csv"]).exit_code == 2
    bad = runner.invoke(main, ["convert", str(SEEDS), "-o", str(tmp_path), "--scheduler", "tcp://127.0.0.1:1"])
    assert bad.exit_code == 2 and "--engine dask" in bad.output


def test_two_runs_never_write_one_folder_at_once(tmp_path):
    import fcntl

    from digestparse.batch import OutputBusy

    out = tmp_path / "out"
    (out / ".cache").mkdir(parents=True)
    with open(out / ".cache" / "lock", "a+") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        with pytest.raises(OutputBusy):
            _run(SEEDS, out, workers=1)
        busy = CliRunner().invoke(main, ["convert", str(SEEDS), "-o", str(out)])
        assert busy.exit_code == 1 and "another digestparse run" in busy.output
    assert _run(SEEDS, out, workers=1).summary.papers == 30


def test_public_api_still_works(tmp_path):
    import digestparse

    summary = digestparse.convert(SEED_004.parent, tmp_path / "out")
    assert summary.papers == 30 and summary.files == 5
    assert len(list(digestparse.iter_records(SEEDS))) == 30
    assert set(OUTPUTS) <= {p.name for p in (tmp_path / "out").iterdir()}


def test_worker_count_is_capped_at_a_few_per_core(tmp_path):
    # --workers 1000 started 1,000 processes: 134 s where one worker took 7
    from digestparse.batch import MAX_WORKERS_PER_CORE, available_cores

    archive = tmp_path / "in"
    archive.mkdir()
    for n in range(3):
        (archive / f"{n}.md").write_text(f"# Post {n}\n\nText.\n", encoding="utf-8")
    result = run_batch(archive, tmp_path / "out", BatchOptions(workers=1000))
    assert result.stats.workers == min(1000, MAX_WORKERS_PER_CORE * available_cores())
    assert result.summary.files == 3


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_a_file_swapped_for_a_fifo_after_its_check_is_refused_not_waited_on(tmp_path, monkeypatch):
    # the file was checked to be regular, then opened: a FIFO put in its place between the two
    # blocked the open forever (1 run in 12 with a swapper running)
    import sys as _sys

    from digestparse.convert import NotRegularFile, read_input

    regular = tmp_path / "a.md"
    regular.write_text("# A\n", encoding="utf-8")
    fifo = tmp_path / "f.md"
    os.mkfifo(fifo)
    real_stat = os.stat
    convert_module = _sys.modules["digestparse.convert"]

    class CheckedBeforeTheSwap:  # os, with the check seeing the regular file the FIFO replaced
        def __getattr__(self, name):
            return getattr(os, name)

        def stat(self, path, *args, **kwargs):
            return real_stat(regular)

    monkeypatch.setattr(convert_module, "os", CheckedBeforeTheSwap())
    with pytest.raises(NotRegularFile):
        read_input(fifo)


def test_only_a_runs_own_leftover_temporaries_are_removed(tmp_path):
    # every ".*.tmp" in OUT was deleted, a user's own among them (with -o ARCHIVE, the archive's)
    archive = tmp_path / "in"
    archive.mkdir()
    (archive / "a.md").write_text("# A\n\nText.\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    mine = out / ".notes.tmp"
    mine.write_text("keep me", encoding="utf-8")
    stale = out / ".papers.jsonl.k3j2h1.tmp"  # what a killed run leaves
    stale.write_text("half a file", encoding="utf-8")
    run_batch(archive, out, BatchOptions(workers=1))
    assert mine.read_text(encoding="utf-8") == "keep me"
    assert not stale.exists()



def test_a_folder_that_cannot_be_listed_is_a_failed_line_of_the_report(tmp_path, monkeypatch):
    # its files were skipped without a word: no report line, and the run said all was well
    archive = tmp_path / "in"
    (archive / "locked").mkdir(parents=True)
    (archive / "locked" / "x.md").write_text("# X\n", encoding="utf-8")
    (archive / "ok.md").write_text("# OK\n\nText.\n", encoding="utf-8")
    real_scandir = os.scandir

    def refuse_locked(path="."):
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refuse_locked)  # (even root is refused)
    result = run_batch(archive, tmp_path / "out", BatchOptions(workers=1))
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    files = {f["path"]: f for f in report["files"]}
    assert files["locked"]["status"] == "failed"
    assert files["locked"]["errors"] == ["PermissionError: [Errno 13] Permission denied (a folder: its files were not read)"]
    assert files["ok.md"]["status"] == "ok"
    # the closing summary tells the folder from the files (the progress bar had counted 1 file, it 2)
    assert summary_table(result).splitlines()[0].startswith(
        "digestparse convert: 1 files and 1 folder that could not be listed in ")


@pytest.mark.skipif(not hasattr(os, "mkfifo") or sys.platform == "darwin", reason="FIFOs with a non-UTF-8 name")
def test_a_fifo_whose_name_is_not_utf8_is_a_failed_line_not_a_crash(tmp_path):
    # its error quoted the path, which JSON could not write: report.json failed, and the batch
    archive = tmp_path / "in"
    archive.mkdir()
    (archive / "ok.md").write_text("# OK\n\nText.\n", encoding="utf-8")
    os.mkfifo(os.path.join(os.fsencode(archive), b"pipe-\xff.md"))
    run_batch(archive, tmp_path / "out", BatchOptions(workers=1))
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    failed = [f for f in report["files"] if f["status"] == "failed"]
    assert [f["path"] for f in failed] == ["pipe-\\xff.md"]
    assert failed[0]["errors"] == ["NotRegularFile: not a regular file (a FIFO, socket or device)"]


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="names that are not UTF-8, and backslashes in names")
def test_a_name_with_byte_ff_and_one_spelled_backslash_xff_keep_two_report_lines(tmp_path):
    # both were reported as "a-\xff.md": one report line, one record, for two files
    archive = tmp_path / "in"
    archive.mkdir()
    with open(os.path.join(os.fsencode(archive), b"a-\xff.md"), "wb") as handle:
        handle.write("# 第一篇\n\n正文。\n".encode())
    (archive / "a-\\xff.md").write_text("# 第二篇\n\n正文。\n", encoding="utf-8")
    run_batch(archive, tmp_path / "out", BatchOptions(workers=1))
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert sorted((f["path"], f["title"]) for f in report["files"]) == [("a-\\\\xff.md", "第二篇"), ("a-\\xff.md", "第一篇")]
    articles = (tmp_path / "out" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(articles) == 2


def test_an_archive_a_thousand_folders_deep_is_read(tmp_path):
    # os.walk recursed, and an archive 1,100 folders deep stopped the batch (RecursionError)
    # before any file was read
    from digestparse.convert import list_inputs

    folder = os.fspath(tmp_path / "in")
    os.mkdir(folder)
    folders = []
    for _ in range(1100):
        folder = os.path.join(folder, "d")
        os.mkdir(folder)
        folders.append(folder)
    deep = os.path.join(folder, "deep.md")
    with open(deep, "w", encoding="utf-8") as handle:
        handle.write("# Deep\n\nText.\n")
    try:
        (tmp_path / "in" / "top.md").write_text("# Top\n\nText.\n", encoding="utf-8")
        (tmp_path / "in" / ".hidden").mkdir()
        (tmp_path / "in" / ".hidden" / "skipped.md").write_text("# Hidden\n", encoding="utf-8")
        assert [p.name for p in list_inputs(tmp_path / "in")] == ["deep.md", "top.md"]
    finally:  # (pytest's clean-up of old temporary folders recurses too: the tree goes now)
        os.remove(deep)
        for folder in reversed(folders):
            os.rmdir(folder)
