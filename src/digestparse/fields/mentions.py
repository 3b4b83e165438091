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


def table_rows(block: Block) -> list[tuple[str, tuple[int, int]]]:
    """The rows of a Markdown table block (its text holds a row per line) with each row's line:
    the header on the table's first line, the body rows after the delimiter row.

    >>> table_rows(Block("table", "# | 论文\\n1 | BERT", (3, 5), "| # | 论文 |\\n|---|---|\\n| 1 | BERT |"))
    [('# | 论文', (3, 3)), ('1 | BERT', (5, 5))]
    """
    rows = block.text.split("\n")
    first = block.lines[0]
    return [(row, (first + i + (i > 0),) * 2) for i, row in enumerate(rows)]


def _row_of(rows: list[tuple[str, tuple[int, int]]], anchor: str | None, at: tuple[int, int]) -> tuple[int, int]:
    """Where the next occurrence of ``anchor`` is, from row and offset ``at`` on (a table's links
    come in the order of its cells): (row, offset after it); ``at`` itself where it is not found."""
    if anchor:
        row, offset = at
        for i in range(row, len(rows)):
            found = rows[i][0].find(anchor, offset if i == row else 0)
            if found >= 0:
                return i, found + len(anchor)
    return at


def extract_mentions(blocks: list[Block], path: str | None) -> list[Mention]:
    mentions = []
    for block in blocks:
        # (cut once per block: a block of one long line may cite a hundred papers)
        sentences: list[str] | None = None
        # a Markdown table's mentions are read row by row: a row is a link's sentence and line
        # (an HTML table's text is not cut into rows)
        rows = table_rows(block) if block.kind == "table" and not block.raw.lstrip().startswith("<") else None
        at = (0, 0)
        for link in block.links:
            made = make_link(link.url, link.label)
            if rows:
                at = _row_of(rows, link.label, at)  # (every link moves on, a paper's or not)
            if made.role != "paper":
                continue
            if rows:
                sentence, lines = rows[at[0]]
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
