"""Repair time of one long line against the same text with its line breaks.

    python bench/long_line_bench.py [CORPUS] [--chars 1000000] [--seed 0]

A minified page or a scrape without line breaks puts a whole document on one line.  The
rules that read a damaged character's line (bracket pairing, the sentence so far) read at
most ``LINE_REACH`` characters of it on either side, so such a line should cost about what
the same text costs with its line breaks.  This joins the files of a deterministic sample of
the corpus (CORPUS defaults to ../shared/corpus) up to ``--chars`` characters, damages the
text with the repair benchmark's lossy-1252 and gbk models, and times ``repair`` on it as it
is and with every line break made a space (CPU time of this process).  It prints both times,
their ratio (one line / with breaks; the target is at most 1.5), and the share of characters
right in each (for the one line only where the repair kept its length: a line of a million
characters is too long to align), for half and all of the text so that growth shows.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from repair_bench import REPO, gbk, lossy_1252, matching_chars  # noqa: E402

from digestparse.repair import LanguageModel, repair  # noqa: E402
from digestparse.repair.wordmodel import WordModel  # noqa: E402


def timed(text: str) -> tuple[str, float]:
    LanguageModel.default().clear_caches()
    WordModel.default().clear_caches()
    t0 = time.process_time()
    out = repair(text).text
    return out, time.process_time() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", default=str(REPO.parent / "shared" / "corpus"))
    ap.add_argument("--chars", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    root = Path(args.corpus)
    files = sorted(p for p in root.rglob("*.md") if p.is_file()) if root.is_dir() else []
    if not files:
        print(f"corpus not found or empty: {root} (pass its path as the first argument)")
        return 0
    rng = random.Random(args.seed)
    texts: list[str] = []
    size = 0
    for p in rng.sample(files, len(files)):
        if size >= args.chars:
            break
        texts.append(p.read_text(encoding="utf-8"))
        size += len(texts[-1]) + 1
    whole = "\n".join(texts)[: args.chars]
    LanguageModel.default().cost("中", "文")  # load the bundled tables outside the timing
    WordModel.default()
    print(f"{len(texts)} files from {root} (seed {args.seed}), {len(whole)} characters")
    header = f"{'model':<12} {'chars':>9} {'lines s':>8} {'one line s':>10} {'ratio':>6} {'right (lines / one)':>22}"
    print(header)
    print("-" * len(header))
    for name, damage in (("lossy-1252", lossy_1252), ("gbk", gbk)):
        for n in (len(whole) // 2, len(whole)):
            clean = whole[:n]
            one = clean.replace("\n", " ")
            out_lines, t_lines = timed(damage(clean))
            out_one, t_one = timed(damage(one))
            # (one line of a million characters is too long to align when the lengths differ)
            same = sum(a == b for a, b in zip(one, out_one)) / n if len(out_one) == n else None
            right = f"{matching_chars(clean, out_lines) / n:.5f} / " + ("n/a" if same is None else f"{same:.5f}")
            print(f"{name:<12} {n:>9} {t_lines:>8.2f} {t_one:>10.2f} {t_one / t_lines:>6.2f} {right:>22}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
