"""The digestparse command, run as a user runs it."""

from __future__ import annotations

import json
import os
import sys

import pytest
from click.testing import CliRunner

from digestparse.cli import main
from tests.conftest import SEED_002, SEED_003, SEEDS


def test_convert_writes_outputs_and_exits_zero(tmp_path):
    result = CliRunner().invoke(main, ["convert", str(SEEDS), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    assert len((out / "papers.jsonl").read_text().splitlines()) == 30
    report = json.loads((out / "report.json").read_text())
    assert report["summary"]["files"] == 5 and report["summary"]["failed"] == 0
    assert sorted(p.name for p in (out / "schema").iterdir()) == [
        "article.schema.json", "file_report.schema.json", "paper.schema.json", "paper_index.schema.json"]
    assert "30 paper records" in result.output


def test_convert_bad_arguments_exit_non_zero(tmp_path):
    assert CliRunner().invoke(main, ["convert", str(tmp_path / "missing"), "-o", str(tmp_path)]).exit_code != 0
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert CliRunner().invoke(main, ["convert", str(SEEDS), "-o", str(blocker)]).exit_code != 0


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root can write anywhere")
def test_convert_unwritable_output_exits_non_zero(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    assert CliRunner().invoke(main, ["convert", str(SEEDS), "-o", str(locked / "out")]).exit_code != 0


def test_repair_prints_text_and_report():
    runner = CliRunner()
    text = runner.invoke(main, ["repair", str(SEED_002)])
    assert text.exit_code == 0
    assert text.output.startswith("# ICLR 2020 大会最佳深度")
    report = runner.invoke(main, ["repair", str(SEED_002), "--report"])
    assert json.loads(report.output)["damaged"] is True


def test_show_lists_entries():
    result = CliRunner().invoke(main, ["show", str(SEED_003)])
    assert result.exit_code == 0
    assert "[1] #1  一幅图像相当于 16x16 个字:大规模图像识别变形金刚" in result.output
    assert "openreview=YicbFdNTTy" in result.output
