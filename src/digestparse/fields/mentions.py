"""Mentions: every link to a paper in an article, with its anchor text and sentence.

Every article has mentions, digest or not: a tutorial that cites two papers in
passing gives no paper records but two mentions.
"""

from __future__ import annotations

import regex

from ..blocks import Block
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


def sentence_around(text: str, anchor: str, sentences: list[str] | None = None) -> str:
    """The sentence of ``text`` that holds ``anchor`` (the whole text when it cannot tell);
    ``sentences``: what :func:`split_sentences` gives for ``text``, where it is known.

    >>> sentence_around("第一句。这里引用了 BERT 论文。第三句。", "BERT 论文")
    '这里引用了 BERT 论文。'
    >>> sentence_around("1。一幅图像相当于 16x16 个字 | 代码", "1。一幅图像相当于 16x16 个字")
    '1。一幅图像相当于 16x16 个字 | 代码'
    >>> sentence_around("We use it. Adam (Diederik P. Kingma et al. 2015) is an optimizer. Next one.", "Diederik P. Kingma")
    'Adam (Diederik P. Kingma et al. 2015) is an optimizer.'
    """
    position = text.find(anchor) if anchor else -1
    if position < 0:
        return text.strip()
    stop = position + len(anchor)
    pieces, start = [], 0
    for piece in split_sentences(text) if sentences is None else sentences:
        end = start + len(piece)
        if start < stop and position < end:
            pieces.append(piece)
        start = end
    return "".join(pieces).strip() or text.strip()


def extract_mentions(blocks: list[Block], path: str | None) -> list[Mention]:
    mentions = []
    for block in blocks:
        # (cut once per block: a block of one long line may cite a hundred papers)
        sentences: list[str] | None = None
        for link in block.links:
            made = make_link(link.url, link.label)
            if made.role != "paper":
                continue
            if block.kind == "table_row":
                sentence, lines = block.text, block.lines  # (a table's row is its links' sentence)
            else:
                if sentences is None:
                    sentences = split_sentences(block.text)
                sentence, lines = sentence_around(block.text, link.label, sentences), block.lines
            mentions.append(
                Mention(
                    url=made.url,
                    archived_url=made.archived_url,
                    ids=paper_ids(made.url),
                    anchor=link.label,
                    sentence=sentence,
                    source=Source(path=path or "", lines=lines),
                )
            )
    return mentions
