"""Regenerate ``digestparse/data/zh_archive_counts.tsv.gz``: character counts of clean archive
text (unigrams, bigrams, and trigrams around Chinese text), the layer of
:meth:`.langmodel.LanguageModel.default` under a batch's and a document's own.

The bundled character model (``zh_charlm.tsv.gz``, from wordfreq's word list) takes the
characters on either side of a word boundary as independent, and the word lattice weighs
characters in pairs; what tells ``目录中总共有`` from ``目录不总共有`` (``中`` and ``不`` lose a byte
to the same leftover) is how this kind of writing runs on, which counts of running text hold.
A batch model of a run's clean files gave that to ``convert`` only; a text repaired on its own
(``digestparse.repair(text)``, ``digestparse repair FILE``) now starts from these counts.

The counts are those :meth:`.langmodel.LanguageModel.update` keeps, taken over the archive's
files outside the repair benchmark's samples (:func:`.build_context_table.held_out`), each
distinct line once (the archive's repeated headers teach nothing; about 4% of the Chinese
lines of the benchmark's samples also stand in these files, mostly such headers).  Measured on
the tuning sample (100 files of seed 11 damaged as seed 002 is; 388 wrong characters and 17
files exact with the bundled tables alone): with every count 185 wrong and 37 exact (5.8 MB);
bigrams seen twice or more and trigrams three times or more (:data:`MIN_BIGRAM`,
:data:`MIN_TRIGRAM`) 202 and 34, in 2 MB; trigrams twice or more 195 (2.7 MB); every bigram
and trigrams twice or more 185 (3.0 MB), three times or more 195 (2.3 MB); bigrams alone 245;
trigrams dropped where the bigrams predict them within half a nat 213.  The table is kept
small, as every rebuild adds its size to the repository's history for good.

Lines: ``U<TAB>character<TAB>count<TAB>count as a pair's first``, ``B<TAB>pair<TAB>count``,
``T<TAB>trigram<TAB>count``, with ``\\``, tab, line feed and carriage return written ``\\\\``,
``\\t``, ``\\n``, ``\\r``.

Run (from the repository; the archive is not needed at run time)::

    python -m digestparse.repair.build_archive_counts ../shared/corpus
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

from .build_context_table import table_arguments
from .chardata import write_data_table
from .langmodel import LanguageModel, escape_key

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "data" / "zh_archive_counts.tsv.gz"
MIN_BIGRAM = 2
MIN_TRIGRAM = 3


def distinct_lines(texts: Iterable[str]) -> Iterator[str]:
    """Each text with the lines an earlier one (or an earlier line of its own) held left out.

    >>> list(distinct_lines(["> 原文：a\\n正文一", "> 原文：a\\n正文二\\n正文二"]))
    ['> 原文：a\\n正文一', '正文二']
    """
    seen: set[str] = set()
    for text in texts:
        kept = []
        for line in text.splitlines():
            if line not in seen:
                seen.add(line)
                kept.append(line)
        yield "\n".join(kept)


def count_archive(texts: Iterable[str]) -> LanguageModel:
    """The counts of ``texts`` (each distinct line once), in a model of no bundled table."""
    return LanguageModel.from_texts(distinct_lines(texts), use_base=False)


def write(out: Path, model: LanguageModel, files: int, min_bigram: int = MIN_BIGRAM, min_trigram: int = MIN_TRIGRAM) -> None:
    lines = [
        f"# digestparse: character counts of {files} clean archive files outside the repair benchmark's samples,"
        f" each distinct line once; U<TAB>character<TAB>count<TAB>count as a pair's first,"
        f" B<TAB>pair<TAB>count (seen {min_bigram} times or more), T<TAB>trigram<TAB>count ({min_trigram} or more)",
        *(f"U\t{escape_key(ch)}\t{n}\t{model.follow_count(ch)}" for ch, n in sorted(model.uni.items())),
        *(f"B\t{escape_key(k)}\t{n}" for k, n in sorted(model.bi.items()) if n >= min_bigram),
        # (a NUL joins the stretches cjk_trigram_text counts: no query holds one)
        *(f"T\t{escape_key(k)}\t{n}" for k, n in sorted(model.tri.items()) if n >= min_trigram and "\x00" not in k),
    ]
    write_data_table(out, lines)


def main(argv: list[str] | None = None) -> None:
    args, files = table_arguments(argv, __doc__, DEFAULT_OUT, min_count=MIN_TRIGRAM)
    model = count_archive(p.read_text(encoding="utf-8") for p in files)
    write(args.out, model, len(files), MIN_BIGRAM, args.min_count)
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes, {len(files)} files)")


if __name__ == "__main__":
    main()
