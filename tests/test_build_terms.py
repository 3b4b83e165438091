"""The builder of the archive's term table: which strings it takes, and what it writes."""

import gzip
import math

from digestparse.repair.build_terms import COST_OFFSET, count_terms, main, select_terms, write

from .conftest import built_twice

# 拭子 stands between different characters each time; 们的 always follows 我; 中使用 starts
# with a function character; 模型 is a word the general list already has, cheaper.
LINES = [f"{before}拭子{after}，我们的{before}模型在{after}中使用" for before in "用取把看" for after in "样被是很"]


def test_select_takes_free_cohesive_strings_not_phrases_or_fragments():
    counts = count_terms(["\n".join(LINES)])
    assert counts.count["拭子"] == 16 and counts.count["们的"] == 16 and counts.count["中使用"] == 16
    terms = select_terms(counts, known={"模型": 5.0}, min_count=10)
    assert "拭子" in terms
    assert terms["拭子"] == -math.log(16 / counts.chars) + COST_OFFSET
    assert "们的" not in terms  # always after 我: not free on its left
    assert "中使用" not in terms  # a phrase around a function character
    assert "模型" not in terms  # the general list's cost is lower
    assert select_terms(counts, known={}, min_count=17) == {}


def test_each_distinct_line_is_counted_once():
    once = count_terms(["\n".join(LINES)])
    twice = count_terms(["\n".join(LINES), "\n".join(LINES)])
    assert twice.count == once.count and twice.chars == once.chars


def test_written_table_is_read_as_the_word_list_is(tmp_path):
    out = tmp_path / "terms.tsv.gz"
    write(out, {"拭子": 10.0, "半监督": 10.001, "反向传播": 12.0}, files=3)
    with gzip.open(out, "rt", encoding="utf-8") as fh:
        lines = [line.rstrip("\n") for line in fh if not line.startswith("#")]
    assert lines == ["434\t半监督 拭子", "521\t反向传播"]  # centibels, words of a bin sorted


def test_main_writes_byte_identical_tables_on_reruns(tmp_path):
    table, _ = built_twice(main, tmp_path, LINES, "--min-count", "5")
    with gzip.open(table, "rt", encoding="utf-8") as fh:
        text = fh.read()
    assert "outside the repair benchmark's samples" in text and "拭子" in text
