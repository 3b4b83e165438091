"""The digestparse command, run as a user runs it."""

from __future__ import annotations

import json
import os
import sys

import pytest
from click.testing import CliRunner

from digestparse.cli import main
from tests.conftest import SEED_000, SEED_002, SEED_003, SEED_004, SEEDS


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
    # a file where the cache folder goes: a clear --out error (exit 2), not a traceback (exit 1)
    out = tmp_path / "out"
    out.mkdir()
    (out / ".cache").write_text("not a folder")
    result = CliRunner().invoke(main, ["convert", str(SEEDS), "-o", str(out)])
    assert result.exit_code == 2 and "cannot write to" in result.output and ".cache" in result.output


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


def test_repair_reads_the_mojibake_an_html_page_hid_behind_character_references(tmp_path):
    import ftfy.bad_codecs  # noqa: F401  (the sloppy-* codecs used to make damage)

    clean = "我们读了四篇深度学习论文。这是一个很长的中文段落。"
    escaped = clean.encode("utf-8").decode("sloppy-windows-1252").encode("ascii", "xmlcharrefreplace").decode()
    page = tmp_path / "post.html"
    page.write_text(f"<html><body><h1>四篇论文</h1><p>{escaped}</p><p>caf&eacute; &lt;b&gt;</p></body></html>\n")
    result = CliRunner().invoke(main, ["repair", str(page)])
    assert result.exit_code == 0
    assert result.output == f"<html><body><h1>四篇论文</h1><p>{clean}</p><p>caf&eacute; &lt;b&gt;</p></body></html>\n"


def test_repair_with_twin_gives_back_the_clean_copy():
    result = CliRunner().invoke(main, ["repair", str(SEED_002), "--twin", str(SEED_000)])
    assert result.exit_code == 0
    assert result.output == SEED_000.read_text(encoding="utf-8")
    report = json.loads(CliRunner().invoke(main, ["repair", str(SEED_002), "--twin", str(SEED_000), "--report"]).output)
    assert report["twin"] == str(SEED_000)
    # every damaged line of seed 002 is what seed 000's line became: each is taken whole, and
    # the bytes the twin gives back are the bytes the model rebuilt without it
    assert {span["method"] for span in report["spans"]} == {"twin-line"}
    alone = json.loads(CliRunner().invoke(main, ["repair", str(SEED_002), "--report"]).output)
    assert report["restored_bytes"] == alone["restored_bytes"] > 0


def test_repair_learns_from_clean_files_only(tmp_path):
    clean = tmp_path / "clean.md"
    # 拭子 (a swab), which the bundled tables read 拍子 (a racket)
    clean.write_text("医生取一个拭子，在喉咙里取样。拭子样本送去检测。", encoding="utf-8")
    damaged_text = "这些拭子样本需要被检测。".encode("utf-8").decode("windows-1252", errors="ignore").replace("\xad", "")
    (tmp_path / "damaged.md").write_text(damaged_text, encoding="utf-8")
    (tmp_path / "also_damaged.md").write_text(damaged_text, encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    target = tmp_path / "damaged.md"
    plain = CliRunner().invoke(main, ["repair", str(target)])
    assert plain.output == "这些拍子样本需要被检测。"
    learned = CliRunner().invoke(main, ["repair", str(target), "--learn-from", str(tmp_path)])
    assert learned.exit_code == 0
    assert learned.stdout == "这些拭子样本需要被检测。"
    # the target itself is left out; the other damaged file and the binary one are skipped
    assert "learned from 1 clean files" in learned.stderr and "2 damaged or unreadable skipped" in learned.stderr


def test_a_symlink_loop_among_the_files_to_learn_from_is_skipped(tmp_path):
    # "--learn-from d" where d holds l1.md -> l2 -> l1.md: RuntimeError("Symlink loop") and a traceback
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "l1.md").symlink_to("l2")
    (folder / "l2").symlink_to("l1.md")
    (folder / "clean.md").write_text("这个代码块很短。下一个代码块更长。每个代码块都有编号。", encoding="utf-8")
    result = CliRunner().invoke(main, ["repair", str(SEED_002), "--learn-from", str(folder)])
    assert result.exit_code == 0, result.output
    assert result.exception is None
    assert "learned from 1 clean files" in result.stderr and "1 damaged or unreadable skipped" in result.stderr


def test_a_scheduler_address_that_is_none_is_a_clear_error(tmp_path):
    # "--scheduler notanaddress" printed a 62-line traceback (ValueError: missing port number)
    pytest.importorskip("dask.distributed")
    result = CliRunner().invoke(main, ["convert", str(SEEDS), "-o", str(tmp_path / "out"), "--engine", "dask",
                                       "--scheduler", "notanaddress", "--force"])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "cannot reach the Dask scheduler at notanaddress" in result.output


def test_an_archive_without_input_files_is_warned_of(tmp_path):
    # a wrong folder gave an empty output, exit 0 and not a word
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes.docx").write_bytes(b"PK")
    result = CliRunner().invoke(main, ["convert", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--quiet"])
    assert result.exit_code == 0
    assert f"warning: no input files (.md .markdown .txt .html .htm) under {tmp_path / 'in'}" in result.stderr
    assert "warning" not in CliRunner().invoke(main, ["convert", str(SEEDS), "-o", str(tmp_path / "o2"), "--quiet"]).stderr


def test_show_and_repair_word_an_unreadable_file_alike(tmp_path):
    # show said "Error: DecodeError: binary file …", repair "Error: bin.md: binary file …"
    binary = tmp_path / "bin.md"
    binary.write_bytes(bytes(range(256)) * 4)
    shown = CliRunner().invoke(main, ["show", str(binary)])
    repaired = CliRunner().invoke(main, ["repair", str(binary)])
    assert shown.exit_code == repaired.exit_code == 1
    assert shown.output.startswith(f"Error: {binary}: binary file") and repaired.output.startswith(f"Error: {binary}: binary file")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_show_and_repair_word_a_file_that_is_no_regular_file_alike(tmp_path):
    # show said "Error: pipe.md: NotRegularFile: not a regular file …" (only names ending in
    # Error or Exception were taken off), repair "Error: pipe.md: not a regular file …"
    pipe = tmp_path / "pipe.md"
    os.mkfifo(pipe)
    shown = CliRunner().invoke(main, ["show", str(pipe)])
    repaired = CliRunner().invoke(main, ["repair", str(pipe)])
    assert shown.exit_code == repaired.exit_code == 1
    assert shown.output == repaired.output == f"Error: {pipe}: not a regular file (a FIFO, socket or device)\n"


def test_show_lists_entries():
    result = CliRunner().invoke(main, ["show", str(SEED_003)])
    assert result.exit_code == 0
    assert "[1] #1  一幅图像相当于 16x16 个字:大规模图像识别变形金刚" in result.output
    assert "openreview=YicbFdNTTy" in result.output
    assert "    year:    2021\n" in result.output  # (ICLR 2021's papers)


def test_show_gives_no_number_to_an_unnumbered_entry():
    # seed 004's entries are headings without numbers: "[1] #-  穿越…" read as a heading mark
    result = CliRunner().invoke(main, ["show", str(SEED_004)])
    assert result.exit_code == 0
    assert "[1]  穿越拥挤的山谷——深度学习优化器的标杆\n" in result.output
    assert "#-" not in result.output


def test_show_gives_the_date_the_front_matter_states(tmp_path):
    post = tmp_path / "post.md"
    post.write_text("<!--yml\ncategory: 未分类\ndate: 2024-07-01 18:18:17\n-->\n\n# 标题\n\n正文。\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["show", str(post)])
    assert result.exit_code == 0
    assert "date: 2024-07-01T18:18:17" in result.output


@pytest.mark.parametrize("command", [["repair"], ["repair", "--report"], ["show"]])
def test_a_symlink_loop_or_a_broken_link_given_to_repair_or_show_says_so(tmp_path, command):
    # click's own check called both "does not exist", where convert and parse() say
    # "Too many levels of symbolic links"
    (tmp_path / "l1.md").symlink_to("l2.md")
    (tmp_path / "l2.md").symlink_to("l1.md")
    (tmp_path / "broken.md").symlink_to("gone.md")
    loop = CliRunner().invoke(main, [*command, str(tmp_path / "l1.md")])
    assert loop.exit_code == 2 and "Too many levels of symbolic links" in loop.output
    assert "does not exist" not in loop.output
    broken = CliRunner().invoke(main, [*command, str(tmp_path / "broken.md")])
    assert broken.exit_code == 2 and "symbolic link to 'gone.md', which does not exist" in broken.output
    missing = CliRunner().invoke(main, [*command, str(tmp_path / "missing.md")])
    assert missing.exit_code == 2 and "does not exist" in missing.output
