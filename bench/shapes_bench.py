"""Growth of the per-file time on hostile input shapes, against plain prose of the same size.

    python bench/shapes_bench.py [--size 16000] [--factor 4] [--only NAME ...]

Each shape builds one document of about ``size`` characters and one ``factor`` times larger
(a run of spaces in a heading, thousands of wrapped lines, a list nested thousands deep ...:
the inputs on which some stage once took time growing with the square or cube of the input,
found by probing), converts each like one file of a batch (``process_data`` then
``build_records``), and prints both CPU times and the growth ratio, beside the same ratio for
plain prose measured in the same run.  A linear stage grows about as the prose does (``factor``
times); a ratio near ``factor`` squared means the shape is quadratic again.  No target is
asserted: these machines are shared and noisy, and the ratios are read, not timed in tests.
"""

from __future__ import annotations

import argparse
import time

from digestparse.convert import build_records, process_data


def _prose(n: int) -> tuple[str, str]:
    sentence = "The model learns a representation of the input and we train it on more data. "
    return "# Notes\n\n" + "".join(sentence * 4 + "\n\n" for _ in range(n // 320)), "prose.md"


SHAPES = {
    # a run of spaces read from each of its positions: author lines, titles, venue tags, labels
    "author line with a run of spaces": lambda n: (
        "# T\n\n" + "".join(f"## H{i}\n\nA" + " " * 390 + "B\n\n" for i in range(n // 400)), "a.md"),
    "heading with a run of spaces": lambda n: ("# T\n\n## A" + " " * n + "B\n\ntext\n", "a.md"),
    "heading with a run of emoji": lambda n: ("# T\n\n## A" + "😀" * (n // 2) + "B\n\ntext\n", "a.md"),
    "link label of dashes": lambda n: ("# T\n\nsee [a" + "-" * n + "b](https://x.org/p)\n", "a.md"),
    "author line of brackets": lambda n: (
        "# T\n\n## 1. A\n\n[Paper](https://arxiv.org/abs/2101.00001)\n\nAuthors: " + "(1" * (n // 2)
        + "\n\n## 2. B\n\n[Paper](https://arxiv.org/abs/2101.00002)\n", "a.md"),
    "unclosed tags in the language sample": lambda n: ("T\n\nx " + "<" * n + "\n", "a.txt"),
    # each "$" opens a TeX span whose closing one is looked for further on
    "dollar signs without a closing one": lambda n: ("# T\n\n" + "$a " * (n // 3) + "\n", "a.md"),
    "dollar signs one line each": lambda n: ("# T\n\n" + "$a\n" * (n // 3), "a.md"),
    # work repeated per line, per link or per item
    "labelled text wrapped onto many lines": lambda n: (
        "Title\n\nSummary: " + "x" * (n // 2) + "\n" + "more\n" * (n // 10) + "Paper: y\n", "a.txt"),
    "labelled Markdown wrapped onto many lines": lambda n: (
        "# T\n\nSummary: " + " ".join(f"[a{i}](https://x.org/{i})" for i in range(int(n ** 0.5)))
        + " and\n" + "more words\n" * (n // 11) + "Paper: y\n", "a.md"),
    "opening linking many papers over many headings": lambda n: (
        "# T\n\nThis week: " + " ".join(f"[Neural Model Study {i}](https://arxiv.org/abs/2101.{i:05d})" for i in range(n // 100))
        + "\n\n" + "".join(f"## Heading About Stuff {i}\n\ntext\n\n" for i in range(n // 100)), "a.md"),
    "HTML list nested thousands deep": lambda n: (
        "<html><body><h1>T</h1>" + "<ul><li>x" * (n // 10) + "</li></ul>" * (n // 10) + "</body></html>", "a.html"),
    "one long list of papers": lambda n: (
        "# Papers\n\n" + "".join(f"- [Paper Title number {i}](https://arxiv.org/abs/2101.{i:05d})\n" for i in range(n // 55)), "a.md"),
    "many paper links in one paragraph": lambda n: (
        "# T\n\n" + "".join(f"Model {i} is in [Paper {i}](https://arxiv.org/abs/2101.{i:05d}). " for i in range(n // 60)), "a.md"),
    "code links after other papers' citations": lambda n: (
        "# T\n\n## 1. First\n\n[Paper](https://arxiv.org/abs/2101.00001) 是第一篇。\n\n" + "".join(
            f"也见（[Gao 等人，2021](https://arxiv.org/abs/2104.{i:05d})；[代码](https://github.com/a/b{i})）。"
            for i in range(n // 80)) + "\n\n## 2. Second\n\n[Paper](https://arxiv.org/abs/2101.00002)\n", "a.md"),
    "one entry with many link rows": lambda n: (
        "# T\n\n## 1. First\n\n[Paper](https://arxiv.org/abs/2101.00001)\n\n"
        + "".join(f"[Code](https://github.com/a/b{i})\n\n" for i in range(n // 40))
        + "## 2. Second\n\n[Paper](https://arxiv.org/abs/2101.00002)\n", "a.md"),
    "many numbered headings": lambda n: (
        "# T\n\n" + "".join(f"## {i + 1}. Paper Title {i}\n\n[Paper](https://arxiv.org/abs/2101.{i % 100000:05d})\n\nSummary.\n\n"
                            for i in range(n // 70)), "a.md"),
}


def _seconds(text: str, name: str) -> float:
    start = time.process_time()
    build_records([process_data(text.encode("utf-8"), name)])
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=16000, help="characters of the smaller document")
    parser.add_argument("--factor", type=int, default=4, help="how many times larger the second one is")
    parser.add_argument("--only", nargs="*", default=None, help="shapes whose name holds one of these words")
    args = parser.parse_args(argv)
    small, large = args.size, args.size * args.factor
    _seconds(*_prose(small))  # (loads the language profiles and tables once, outside the timing)
    base_small, base_large = _seconds(*_prose(small)), _seconds(*_prose(large))
    base_ratio = base_large / max(base_small, 1e-6)
    print(f"sizes {small:,} and {large:,} characters (x{args.factor}); CPU seconds and growth ratio")
    print(f"{'shape':52} {'small':>8} {'large':>8} {'ratio':>7} {'/prose':>7}")
    print(f"{'plain prose (the baseline)':52} {base_small:8.3f} {base_large:8.3f} {base_ratio:7.1f} {1.0:7.1f}")
    for name, build in SHAPES.items():
        if args.only and not any(word in name for word in args.only):
            continue
        t_small, t_large = _seconds(*build(small)), _seconds(*build(large))
        ratio = t_large / max(t_small, 1e-6)
        print(f"{name:52} {t_small:8.3f} {t_large:8.3f} {ratio:7.1f} {ratio / base_ratio:7.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
