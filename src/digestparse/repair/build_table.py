"""Regenerate the bundled Chinese tables: ``digestparse/data/zh_charlm.tsv.gz`` (character
model, :mod:`.langmodel`) and ``digestparse/data/zh_words.tsv.gz`` (word list, :mod:`.wordmodel`).

The word list is wordfreq's ``large_zh`` list as it is, Han words only, one line per
frequency bin: ``centibels<TAB>word word ...`` (a word's frequency per token is
10^(-centibels/100)); 297,071 words, 1.5 MB.

Source: wordfreq's ``large_zh`` list (word frequencies per 10^9 tokens from Wikipedia,
subtitles, news, web text; data CC-BY-SA 4.0), or with ``--source jieba`` jieba's bundled
``dict.txt``.  wordfreq was picked by measured accuracy: on 40 corpus files damaged with the
lossy Windows-1252 model it chose 96.1% of damaged characters right against 93.2% for
jieba's dictionary.  Only Han words are used.

Each entry of frequency f (``wordfreq.word_frequency``) adds f to the unigram count of each
of its characters, to the *end* count of its last character and to the *start* count of
its first.  The word-internal *pair* counts take the entry's frequency in the list itself
instead: ``word_frequency`` tokenizes an entry again, and for the six entries in seven that
its tokenizer splits it gives a frequency made up from the parts' (``中使``, listed at 158
per 10^9, comes back as 45,100: ``中`` and ``使`` combined), which filled the pair counts
with invented word-internal pairs (``中使`` over ``不使``, so ``不使用`` was read
``中使用``).  Each character's pair counts are then scaled to add up to its unigram count
less its end count (how often a word goes on after it), so the model's P(b | a) still sums
to one.  (Taking the list's frequencies for the unigram, start and end counts too made the
repair worse: 中 lost half its starts and was read 不.)  :mod:`.langmodel` turns these
into a character bigram model of running text (word-internal pairs plus word boundaries).
Measured on the repair benchmark's lossy Windows-1252 sample (300 files), the rebuilt
pair counts took the wrong characters from 2,995 to 2,785.

Only pairs whose (scaled) count reaches ``--min-bigram`` are kept, so the file stays small.

Run (wordfreq/jieba are needed only here, not at run time)::

    pip install "wordfreq[jieba]"   # wordfreq 3.1.1 and jieba 0.42.1 made the shipped tables
    python -m digestparse.repair.build_table            # writes both tables in src/digestparse/data/
"""

from __future__ import annotations

import argparse
import collections
import os
from pathlib import Path

from .chardata import write_data_table

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "data" / "zh_charlm.tsv.gz"
DEFAULT_WORDS_OUT = DEFAULT_OUT.with_name("zh_words.tsv.gz")


def _han_word(word: str) -> bool:
    return all("\u3400" <= ch <= "\u9fff" for ch in word)


def write_words(out: Path) -> None:
    """The word list of :mod:`.wordmodel` from wordfreq's large Chinese list."""
    from wordfreq import get_frequency_list

    lines = ["# digestparse zh word list from wordfreq large_zh (CC-BY-SA 4.0): centibels<TAB>space-separated Han words"]
    for cb, words in enumerate(get_frequency_list("zh", "large")):
        han = [w for w in words if _han_word(w)]
        if han:
            lines.append(f"{cb}\t{' '.join(han)}")
    write_data_table(out, lines)


def jieba_words(dict_path: str):
    """(word, frequency, frequency) triples of a jieba-format dictionary (its one count
    serves as both)."""
    with open(dict_path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 2:
                yield parts[0], int(parts[1]), int(parts[1])


def wordfreq_words(scale: float = 1e9):
    """(word, ``word_frequency``, frequency in the list) of every entry of wordfreq's large
    Chinese list, per ``scale`` tokens."""
    import wordfreq

    for cb, words in enumerate(wordfreq.get_frequency_list("zh", "large")):
        listed = round(10 ** (-cb / 100) * scale)
        for word in words:
            yield word, round(wordfreq.word_frequency(word, "zh", "large") * scale), listed


def build(words, min_bigram: int) -> tuple[dict, dict, dict, dict]:
    """Unigram, end, start and pair counts from ``(word, frequency, listed frequency)``
    triples (see the module docstring).

    >>> uni, end, start, bi = build([("中国", 12, 12), ("中使", 40, 4), ("中", 30, 30)], 0)
    >>> uni["中"], end["中"], sorted(bi.items())
    (82, 30, [('中使', 13.0), ('中国', 39.0)])
    """
    uni: collections.Counter[str] = collections.Counter()
    end: collections.Counter[str] = collections.Counter()
    start: collections.Counter[str] = collections.Counter()
    pairs: collections.Counter[str] = collections.Counter()
    for word, freq, listed in words:
        if freq <= 0 or not _han_word(word):
            continue
        for ch in word:
            uni[ch] += freq
        for a, b in zip(word, word[1:]):
            pairs[a + b] += listed
        end[word[-1]] += freq
        start[word[0]] += freq
    going_on: collections.Counter[str] = collections.Counter()
    for pair, n in pairs.items():
        going_on[pair[0]] += n
    bi: dict[str, float] = {}
    for pair, n in pairs.items():
        a = pair[0]
        v = n * (uni[a] - end[a]) / going_on[a]
        if v >= min_bigram and v > 0:
            bi[pair] = v
    return uni, end, start, bi


def write(out: Path, uni, end, start, bi, source: str) -> None:
    lines = [f"# digestparse zh char model from {source}; U char count end start / B pair count"]
    for ch in sorted(uni):
        lines.append(f"U\t{ch}\t{uni[ch]}\t{end.get(ch, 0)}\t{start.get(ch, 0)}")
    for pair in sorted(bi):
        lines.append(f"B\t{pair}\t{round(bi[pair])}")
    write_data_table(out, lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--source", choices=("jieba", "wordfreq"), default="wordfreq")
    ap.add_argument("--dict", help="path of jieba's dict.txt (default: the installed jieba's)")
    ap.add_argument("--min-bigram", type=int, default=100)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--words-out", type=Path, default=DEFAULT_WORDS_OUT)
    args = ap.parse_args(argv)
    if args.source == "wordfreq":
        words, source = wordfreq_words(), "wordfreq large_zh"
    else:
        path = args.dict
        if path is None:
            import jieba  # only needed to regenerate the table

            path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
        words, source = jieba_words(path), "jieba dict.txt"
    uni, end, start, bi = build(words, args.min_bigram)
    write(args.out, uni, end, start, bi, source)
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes, {len(uni)} chars, {len(bi)} bigrams)")
    write_words(args.words_out)
    print(f"wrote {args.words_out} ({args.words_out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
