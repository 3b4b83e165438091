"""Rule: a single-paper review, announced near the top ("本周的论文综述是 [Title](arxiv)").

Used only when no list of entries was found: the whole article is then one entry.
"""

from __future__ import annotations

import regex

from ...blocks import Block
from ...fields.links import role_of
from ..model import Candidate
from ..title import clean_title

INTRO = regex.compile(
    r"(?:本周|这周|今天|this week|today).{0,40}(?:论文|paper|综述|review|研究).{0,20}(?:是|为|is|:|：)|"
    r"(?:we review|this review|in this review|本文(?:回顾|评论|解读))",
    regex.I,
)
REVIEW_TITLE = regex.compile(r"^\W*(?:回顾|评论|论文(?:综述|解读|回顾)|review|paper review|ai research review|人工智能研究评论)\b", regex.I)
SEARCH_BLOCKS = 6


def review_intro(blocks: list[Block]) -> list[Candidate]:
    title_is_review = bool(blocks and blocks[0].kind == "heading" and REVIEW_TITLE.search(blocks[0].text))
    for index, block in enumerate(blocks[:SEARCH_BLOCKS]):
        if block.kind != "paragraph":
            continue
        labelled = [link for link in block.links if link.label]
        papers = [link for link in labelled if role_of(link.url, link.label) == "paper"]
        if INTRO.search(block.text) and labelled:
            # "本周的论文综述是 [Title](url)": the announced link is the paper, whatever its host
            return [Candidate(index, "review_intro", None, clean_title(_quoted_around(block.text, labelled[0].label)), 0)]
        if papers and title_is_review:
            return [Candidate(index, "review_intro", None, clean_title(_quoted_around(block.text, papers[0].label)), 0)]
    return []


_QUOTED = regex.compile(r'“([^“”]{1,200})”|「([^「」]{1,200})」|《([^《》]{1,200})》|"([^"]{1,200})"')


def _quoted_around(text: str, label: str) -> str:
    """The quoted title the link's label is part of, else the label: 标题为“用于视觉识别的[漏斗激活](…)”
    links only the last words.

    >>> _quoted_around("标题为“用于视觉识别的漏斗激活”的论文", "漏斗激活")
    '用于视觉识别的漏斗激活'
    >>> _quoted_around("见“漏斗激活”与“其他”", "漏斗激活"), _quoted_around("没有引号的漏斗激活", "漏斗激活")
    ('漏斗激活', '漏斗激活')
    """
    for match in _QUOTED.finditer(text):
        quoted = next(group for group in match.groups() if group is not None)
        if label and label in quoted:
            return quoted
    return label
