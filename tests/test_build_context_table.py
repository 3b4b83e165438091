"""The builder of the beside-ASCII table: which files it counts, and what it writes."""

import gzip
import random

from digestparse.repair.build_context_table import count_beside_ascii, held_out, main, write

from .conftest import built_twice


def _corpus(root, n):
    for i in range(n):
        (root / f"post_{i:02d}.md").write_text(f"第 {i} 篇：我们用了 8 个 GPU 训练模型。", encoding="utf-8")
    return sorted(root.rglob("*.md"))


def test_held_out_leaves_out_the_samples_the_benchmark_draws(tmp_path):
    files = _corpus(tmp_path, 10)
    drawn = set(random.Random(0).sample(files, 3)) | set(random.Random(11).sample(files, 3))
    kept = held_out(tmp_path, seeds=(0, 11), size=3)
    assert kept == [p for p in files if p not in drawn]
    assert 4 <= len(kept) <= 7


def test_written_table_holds_the_counts_over_the_threshold_and_the_totals(tmp_path):
    counts = count_beside_ascii(["训练了 8 个模型", "有 8 个 GPU", "训练了 9 个模型，9 年"])
    out = tmp_path / "table.tsv.gz"
    write(out, counts, min_count=2, files=3)
    with gzip.open(out, "rt", encoding="utf-8") as fh:
        lines = [line.rstrip("\n") for line in fh if not line.startswith("#")]
    assert "0\t个\t2" in lines  # after a digit: 个 twice ...
    assert "0\t*\t3" in lines  # ... of three
    assert not any(line.startswith("0\t年") for line in lines)  # once: under the threshold
    assert "4\t个\t1" not in lines and "4\t*\t1" in lines


def test_main_writes_byte_identical_tables_on_reruns(tmp_path):
    table, _ = built_twice(main, tmp_path, ["我们用了 8 个 GPU 训练模型。"], "--min-count", "1")
    with gzip.open(table, "rt", encoding="utf-8") as fh:
        text = fh.read()
    assert "outside the repair benchmark's samples" in text and "\t个\t" in text
