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
    r"(?<=[.;])\s+(?=[\p{Lu}\p{Han}\[(])"
)


def sentence_around(text: str, anchor: str) -> str:
    """The sentence of ``text`` that holds ``anchor`` (the whole text when it cannot tell).

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
    for piece in _SENTENCE_END.split(text):
        end = start + len(piece)
        if start < stop and position < end:
            pieces.append(piece)
        start = end
    return "".join(pieces).strip() or text.strip()


def extract_mentions(blocks: list[Block], path: str | None) -> list[Mention]:
    mentions = []
    for block in blocks:
        for link in block.links:
            made = make_link(link.url, link.label)
            if made.role != "paper":
                continue
            mentions.append(
                Mention(
                    url=made.url,
                    archived_url=made.archived_url,
                    ids=paper_ids(made.url),
                    anchor=link.label,
                    sentence=sentence_around(block.text, link.label),
                    source=Source(path=path or "", lines=block.lines),
                )
            )
    return mentions
