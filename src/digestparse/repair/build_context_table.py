"""Regenerate ``digestparse/data/zh_beside_ascii.tsv.gz``: how often each Han character
stands beside an ASCII word, a space between, in each context of
:data:`.langmodel.BESIDE_ASCII` (``8 个 GPU``, ``CPU 或 GPU``, ``图 3``), counted on clean
archive text.  :meth:`.langmodel.LanguageModel.beside_ascii_cost` reads it.

The counts come from the archive's files outside the repair benchmark's samples: the one it
reports on (``bench/repair_bench.py``, seed 0) and the one its rules were tuned on (seed 11),
each drawn as the benchmark draws it, so that the benchmark scores the table on text it was
not taken from.  A character seen fewer than ``--min-count`` times in a context is left out
there: it shares what the listed ones leave in proportion to its unigram probability.
Listing every character seen ten times, not only the 30 commonest, was measured on GBK
mojibake of seed 11 (60 files: 1,189 wrong characters with the 30, 1,138 with all seen ten
times or more; five times 1,136, twenty 1,148): common characters that seldom stand there
(一 after a digit: ``15 个时期``, not ``15 一时期``) were given a share in proportion to their
frequency, far above what they get.

The table's lines: ``context<TAB>character<TAB>count``, the context an index of
``BESIDE_ASCII``; ``*`` in place of the character gives the context's total.

Run (from the repository; the archive is not needed at run time)::

    python -m digestparse.repair.build_context_table ../shared/corpus
"""

from __future__ import annotations

import argparse
import collections
import random
import re
from pathlib import Path
from typing import Iterable

from .chardata import write_data_table
from .langmodel import BESIDE_ASCII, beside_ascii

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "data" / "zh_beside_ascii.tsv.gz"
# the repair benchmark's sample (seed 0) and the sample its rules were tuned on (seed 11)
BENCH_SEEDS = (0, 11)
BENCH_SAMPLE = 300
TOTAL = "*"
_HAN = re.compile("[\u4e00-\u9fff]")


def held_out(corpus: Path, seeds: Iterable[int] = BENCH_SEEDS, size: int = BENCH_SAMPLE) -> list[Path]:
    """The ``.md`` files under ``corpus`` that are in none of the samples the repair
    benchmark draws with ``seeds`` (as ``bench/repair_bench.py`` draws them)."""
    files = sorted(p for p in corpus.rglob("*.md") if p.is_file())
    drawn: set[Path] = set()
    for seed in seeds:
        drawn.update(random.Random(seed).sample(files, min(size, len(files))))
    return [p for p in files if p not in drawn]


def count_beside_ascii(texts: Iterable[str]) -> collections.Counter[tuple[int, str]]:
    """``(context, character)`` counts of the Han characters that stand beside ASCII, with
    ``(context, "*")`` the total of each context.

    >>> c = count_beside_ascii(["训练了 8 个模型", "有 8 个 GPU", "CPU 或 GPU"])
    >>> c[(0, "个")], c[(4, "个")], c[(5, "或")], c[(0, TOTAL)]
    (1, 1, 1, 1)
    """
    counts: collections.Counter[tuple[int, str]] = collections.Counter()
    for text in texts:
        for m in _HAN.finditer(text):
            i = m.start()
            context = beside_ascii(text[max(0, i - 2) : i], text[i + 1 : i + 4])
            if context is not None:
                counts[(context, m.group())] += 1
                counts[(context, TOTAL)] += 1
    return counts


def write(out: Path, counts: collections.Counter[tuple[int, str]], min_count: int, files: int) -> None:
    lines = [
        f"# digestparse: Han characters beside an ASCII word, a space between, in {files} clean archive files"
        f" outside the repair benchmark's samples; context<TAB>character<TAB>count ({TOTAL}: all), contexts:",
        *(f"# {i} {name}" for i, name in enumerate(BESIDE_ASCII)),
    ]
    for (context, ch), n in sorted(counts.items()):
        if ch == TOTAL or n >= min_count:
            lines.append(f"{context}\t{ch}\t{n}")
    write_data_table(out, lines)


def table_arguments(argv: list[str] | None, doc: str | None, default_out: Path, min_count: int = 10) -> tuple[argparse.Namespace, list[Path]]:
    """The command line of a builder that counts held-out archive text (``corpus``,
    ``--min-count``, ``--out``), and the held-out files of its corpus."""
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path, help="the archive of clean Markdown files (../shared/corpus)")
    ap.add_argument("--min-count", type=int, default=min_count)
    ap.add_argument("--out", type=Path, default=default_out)
    args = ap.parse_args(argv)
    return args, held_out(args.corpus)


def main(argv: list[str] | None = None) -> None:
    args, files = table_arguments(argv, __doc__, DEFAULT_OUT)
    counts = count_beside_ascii(p.read_text(encoding="utf-8") for p in files)
    write(args.out, counts, args.min_count, len(files))
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes, {len(files)} files)")


if __name__ == "__main__":
    main()
