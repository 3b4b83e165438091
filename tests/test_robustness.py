"""Bad input never stops a batch and never loses a file: each gets a result in the report."""

from __future__ import annotations

import json
import shutil

from digestparse import convert
from tests.conftest import SEED_004


def test_bad_files_beside_good_ones(tmp_path):
    archive = tmp_path / "archive"
    (archive / "sub").mkdir(parents=True)
    shutil.copy(SEED_004, archive / "sub" / "good.md")
    (archive / "empty.md").write_bytes(b"")
    (archive / "binary.md").write_bytes(bytes(range(256)) * 10)
    (archive / "nul.txt").write_bytes(b"\x00" * 500)
    (archive / "latin1.txt").write_bytes("Caf\xe9 r\xe9sum\xe9 paper list".encode("latin-1"))
    (archive / "gbk.md").write_bytes("# 论文精选\n\n第一篇论文。".encode("gb18030"))
    (archive / "utf16.md").write_bytes("# Title\n\nbody text here".encode("utf-16"))
    (archive / "ignored.png").write_bytes(b"\x89PNG")
    summary = convert(archive, tmp_path / "out")
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    by_path = {f["path"]: f for f in report["files"]}
    assert sorted(by_path) == ["binary.md", "empty.md", "gbk.md", "latin1.txt", "nul.txt", "sub/good.md", "utf16.md"]
    assert by_path["empty.md"]["status"] == "failed" and "empty file" in by_path["empty.md"]["errors"][0]
    assert by_path["binary.md"]["status"] == "failed" and "binary" in by_path["binary.md"]["errors"][0]
    assert by_path["nul.txt"]["status"] == "failed"
    assert by_path["latin1.txt"]["encoding"] == "windows-1252" and by_path["latin1.txt"]["warnings"]
    assert by_path["gbk.md"]["encoding"] == "gb18030" and by_path["gbk.md"]["title"] == "论文精选"
    assert by_path["utf16.md"]["encoding"] == "utf-16-le (BOM)" and by_path["utf16.md"]["title"] == "Title"
    assert by_path["sub/good.md"]["entries"] == 4
    assert summary.failed == 3 and summary.papers == 4


def test_outputs_are_replaced_whole(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "papers.jsonl").write_text("stale\n")
    convert(SEED_004.parent, out)
    assert "stale" not in (out / "papers.jsonl").read_text()
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
