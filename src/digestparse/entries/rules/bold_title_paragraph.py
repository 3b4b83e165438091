"""Rule: a paragraph bold from end to end, with no number, whose next block (after a line of
authors or a summary, where one comes between) is a short row linking a paper (an award list's
or a WeChat post's way of setting out its papers)::

    **Universal Few-shot Learning of Dense Prediction Tasks with Visual Token Matching**

    论文地址：https://openreview.net/forum?id=88nT0j5jAZ

Bold one-line paragraphs are common pseudo-headings in any article, so more is asked than of
a heading: the paper link right after it (or its line of authors or its summary), in a row of
next to no text (:func:`.paper_link_heading.is_short_row`), and at least :data:`MIN_RUN` such
titles.  A numbered one is :mod:`.bold_numbered_line`'s.
"""

from __future__ import annotations

import regex

from ...blocks import Block
from ...fields.authors import parse_author_line
from ..model import Candidate
from ..title import heading_title
from .bold_numbered_line import is_bold_line
from .paper_link_heading import is_short_row, links_paper

_SENTENCE_ENDED = regex.compile(r"[.!?。！？]\s*$")

MIN_RUN = 3


def bold_title_paragraph(blocks: list[Block]) -> list[Candidate]:
    found = []
    for index, block in enumerate(blocks[:-1]):
        if not is_bold_line(block) or block.links:
            continue
        following = blocks[index + 1]
        if (not following.links and not following.strong and index + 2 < len(blocks) and following.kind == "paragraph"
                and (parse_author_line(following.text) is not None or _SENTENCE_ENDED.search(following.text))):
            # a line of authors between ("作者：Tri Dao, Daniel Y. Fu, …"), or the summary in
            # sentences ("📌 **Title**", its summary, "📄 [arXiv](…)"); a bold line is a title or
            # its translation
            following = blocks[index + 2]
        if following.kind == "heading" or not (links_paper(following) and is_short_row(following)):
            continue
        number, title = heading_title(block)
        if number is None and title:
            found.append(Candidate(index, "bold_title_paragraph", None, title, 7))
    return found


bold_title_paragraph.min_run = MIN_RUN
