"""The builder of the archive's character counts: what it counts, and what it writes."""

import gzip

from digestparse.repair.build_archive_counts import count_archive, distinct_lines, main, write
from digestparse.repair.build_context_table import held_out
from digestparse.repair.langmodel import LanguageModel, read_archive_counts

from .conftest import built_twice

LINES = ["> 原文：<https://example.com>", "模型的训练过程。", "训练的过程很长：\t缩进\\路径", "训练过程\r结束"]


def _table_lines(path):
    with gzip.open(path, "rt", encoding="utf-8", newline="\n") as fh:
        return [line.rstrip("\n") for line in fh if not line.startswith("#")]


def test_each_distinct_line_is_counted_once():
    once = count_archive(["\n".join(LINES)])
    again = count_archive(["\n".join(LINES), "\n".join(LINES[:2]) + "\n新的一行"])
    assert again.bi - once.bi == count_archive(["新的一行"]).bi
    assert once.tri["训练过"] == 2  # (训练过程 twice, in two different lines)


def test_written_table_reads_back_as_counted_with_the_rare_ngrams_left_out(tmp_path):
    model = LanguageModel.from_texts(["\n".join(LINES)], use_base=False)  # (\r kept: no lines cut)
    out = tmp_path / "counts.tsv.gz"
    write(out, model, files=1, min_bigram=2, min_trigram=2)
    lines = _table_lines(out)
    assert len(lines) == len(model.uni) + sum(n >= 2 for n in model.bi.values()) + sum(
        n >= 2 and "\x00" not in k for k, n in model.tri.items())
    back = read_archive_counts(lines)
    # every character, tab, line feed, carriage return and backslash among them, with its count
    assert back.uni == model.uni and {"\t", "\n", "\\", "\r"} <= set(back.uni)
    assert all(back.follow[ch] == model.follow_count(ch) for ch in model.uni)
    assert back.bi == {k: n for k, n in model.bi.items() if n >= 2} and back.bi["训练"] == 3
    assert back.tri == {"\n训练": 2, "训练过": 2, "练过程": 2}


def test_main_writes_byte_identical_tables_on_reruns(tmp_path):
    table, corpus = built_twice(main, tmp_path, LINES)
    back = read_archive_counts(_table_lines(table))
    # the held-out files only, each of LINES once though many files hold each
    assert back.uni["第"] == len(held_out(corpus)) < 700 and back.bi["训练"] == 3


def test_distinct_lines_keeps_the_order_of_first_sight():
    assert list(distinct_lines(["a\nb\na", "b\nc"])) == ["a\nb", "c"]
