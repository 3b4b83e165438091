"""Mentions: every link to a paper in an article, with its anchor text and sentence.

Every article has mentions, digest or not: a tutorial that cites two papers in
passing gives no paper records but two mentions.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import accumulate

import regex

from ..blocks import Block, drop_invisible
from ..models import Mention, Source
from .links import make_link, paper_ids

_SENTENCE_END = regex.compile(
    r"(?<=[。！？!?])|"
    # ". " before a capital ends a sentence, except after an initial ("Diederik P. Kingma") or an
    # abbreviation ("et al. 2019", "Fig. 3", "e.g. BERT")
    r"(?<![\s(（]\p{Lu}\.)(?<!^\p{Lu}\.)(?<!\b(?:al|Fig|fig|Eq|eq|vs|No|e\.g|i\.e|etc|Dr|Mr|Ms|Prof)\.)"
    r"(?<=[.;])(?=\s+[\p{Lu}\p{Han}\[(])"
)  # (zero-width: the space starts the next sentence, so that the sentences join back to the text)


def split_sentences(text: str) -> list[str]:
    """``text`` cut into its sentences, each with what ends it (they join back to ``text``).

    >>> split_sentences("第一句。第二句！ Next one. And more")
    ['第一句。', '第二句！', ' Next one.', ' And more']
    """
    return _SENTENCE_END.split(text)


class Sentences:
    """A text cut into its sentences once (:func:`split_sentences`), with where each ends, so that
    the sentence around each of many links is found by bisection; each link's anchor is looked
    for after the previous one (links come in the order of the text: the second of two links
    labelled alike is the second occurrence), else anywhere."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pieces = split_sentences(text)
        self.ends = list(accumulate(map(len, self.pieces)))
        self.seen = 0  # where the previous anchor ended

    def around(self, anchor: str, url: str = "") -> str:
        """The sentence that holds ``anchor``, or where it has none (a bare address) or it is not
        in the text, ``url`` as written; failing both, the text's start (at most
        :data:`MAX_SENTENCE` characters whatever is found: the whole block had been each bare
        address's sentence, and a 5 MB scrape on one line used up 24 GB)."""
        text = self.text
        for needle in (anchor, url):
            position = self._find(needle)
            if position >= 0:
                break
        else:
            return _window(text.strip(), 0, 0)
        stop = self.seen = position + len(needle)
        first = bisect_right(self.ends, position)  # the first sentence ending after the anchor starts
        last = min(bisect_left(self.ends, stop), len(self.pieces) - 1)  # the one the anchor ends in
        if needle == url and first and _BARE.fullmatch(self.text, self.ends[first - 1], position) and (
                _BARE.fullmatch(self.text, stop, self.ends[last])):
            first -= 1  # (an address alone after a reference's full stop belongs to the reference: "… 研讨会。https://…")
        start = self.ends[first - 1] if first else 0
        return (_window("".join(self.pieces[first : last + 1]), position - start, stop - start).strip()
                or _window(text.strip(), 0, 0))

    def _find(self, needle: str) -> int:
        """Where ``needle`` stands after the previous anchor, else anywhere; -1 where nowhere."""
        if not needle:
            return -1
        position = self.text.find(needle, self.seen)
        return position if position >= 0 else self.text.find(needle)


_BARE = regex.compile(r"[\s\p{P}]*")
"""What may stand beside an address that is a sentence of its own: spaces and marks."""

MAX_SENTENCE = 600
"""Characters of a mention's sentence at most: a paragraph without a sentence end (a line of a
hundred thousand links) is no sentence, and each of its links copied it whole into the output
(an 850 KB file gave 2.6 GB of mentions)."""


def _window(sentence: str, start: int, stop: int) -> str:
    """``sentence``, or where it is longer than :data:`MAX_SENTENCE`, that many characters of it
    around ``sentence[start:stop]`` (the anchor), each cut end marked "…".

    >>> w = _window("a " * 400 + "ANCHOR" + " b" * 400, 800, 806)
    >>> len(w), "ANCHOR" in w, w[0], w[-1]
    (600, True, '…', '…')
    >>> len(_window("ANCHOR" + " b" * 400, 0, 6))
    600
    """
    if len(sentence) <= MAX_SENTENCE:
        return sentence
    width = MAX_SENTENCE - 2  # (room for the two marks)
    half = max(0, (width - (stop - start)) // 2)
    lo = max(0, start - half)
    hi = min(len(sentence), max(stop, lo + width))
    lo = max(0, min(lo, hi - width))
    if lo == 0 or hi == len(sentence):  # cut at one end only: one mark, one more character
        hi, lo = (min(len(sentence), hi + 1), lo) if lo == 0 else (hi, max(0, lo - 1))
    return ("…" if lo else "") + sentence[lo:hi] + ("…" if hi < len(sentence) else "")


def sentence_around(text: str, anchor: str) -> str:
    """The sentence of ``text`` that holds ``anchor`` (the whole text when it cannot tell).

    >>> sentence_around("第一句。这里引用了 BERT 论文。第三句。", "BERT 论文")
    '这里引用了 BERT 论文。'
    >>> sentence_around("1。一幅图像相当于 16x16 个字 | 代码", "1。一幅图像相当于 16x16 个字")
    '1。一幅图像相当于 16x16 个字 | 代码'
    >>> sentence_around("We use it. Adam (Diederik P. Kingma et al. 2015) is an optimizer. Next one.", "Diederik P. Kingma")
    'Adam (Diederik P. Kingma et al. 2015) is an optimizer.'
    >>> sentence_around("One. Two cites A and. Three more. Four.", "A and. Three")
    'Two cites A and. Three more.'
    """
    return Sentences(text).around(anchor)


def extract_mentions(blocks: list[Block], path: str | None) -> list[Mention]:
    mentions = []
    for block in blocks:
        # (cut once per block: a block of one long line may cite a hundred papers)
        sentences: Sentences | None = None
        for link in block.links:
            made = make_link(link.url, link.label)
            if made.role != "paper":
                continue
            if block.kind == "table_row":
                # (a table's row is its links' sentence)
                sentence, lines = _window(block.text, 0, min(len(block.text), MAX_SENTENCE)), block.lines
            else:
                if sentences is None:
                    sentences = Sentences(block.text)
                sentence, lines = sentences.around(link.label, link.url), block.lines
            mentions.append(
                Mention(
                    url=made.url,
                    archived_url=made.archived_url,
                    ids=paper_ids(made.url),
                    # (no invisible character copied from the page: a title's are dropped too)
                    anchor=drop_invisible(link.label),
                    sentence=drop_invisible(sentence),
                    source=Source(path=path or "", lines=lines),
                )
            )
    return mentions
