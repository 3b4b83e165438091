"""Rule: a single-paper review, announced near the top ("本周的论文综述是 [Title](arxiv)"), or
titled with the paper's model and venue ("SCNet (CVPR 2020)") over an intro that links the paper.

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
    venue, name = (_venue_of(blocks[0].text) if blocks and blocks[0].kind == "heading" else None) or (None, "")
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
        if venue and (paper := _reviewed_paper(block, papers, venue, name)) is not None:
            return [Candidate(index, "review_intro", None, clean_title(_quoted_around(block.text, paper.label)), 0)]
    return []


VENUE_TAG = regex.compile(
    r"^(?P<name>.*?)\s*[(（]\s*(?P<venue>(?:CVPR|ECCV|ICCV|WACV|BMVC|NeurIPS|NIPS|ICLR|ICML|AAAI|IJCAI|ACL|EMNLP|NAACL|KDD)"
    r"\s*'?(?:19|20)?\d\d)\s*[)）]\s*$")
"""An article's title that is a model and its venue, as a review of that one paper is titled:
``SCNet (CVPR 2020)``, ``移动下一代(ECCV 2020)``, ``三重注意解释(WACV 2021)``."""
NEAR = 40
"""How close (in characters) to the paper's link the intro names the venue or says "titled"."""
_TITLED = regex.compile(r"(?:题为|标题为|名为|titled|called)\W{0,3}$", regex.I)


def _venue_of(title: str) -> tuple[str, str] | None:
    """(the venue without spaces, the model's name) of a title tagged with its venue, else None.

    >>> _venue_of("SCNet (CVPR 2020)"), _venue_of("三重注意解释(WACV 2021)"), _venue_of("CVPR 2020 最佳论文")
    (('CVPR2020', 'SCNet'), ('WACV2021', '三重注意解释'), None)
    """
    match = VENUE_TAG.match(title)
    return (regex.sub(r"\s+", "", match.group("venue")), match.group("name").strip()) if match else None


def _reviewed_paper(block: Block, papers: list, venue: str, name: str):
    """The paper link of an intro paragraph that is the reviewed paper: the one the intro gives
    as the paper's title (``一篇论文，题为[用自校准卷积改进卷积网络](…)``) or that names the title's
    model (``[MobileNeXt](…)``), else the one nearest the venue (``在 ECCV 2020 上发布的新条目
    [MobileNeXt](…)`` under ``移动下一代(ECCV 2020)``, whose name the translation changed;
    ``[三联注意力](…)(在 WACV 2021 上接受)``), within :data:`NEAR` characters."""
    text = block.text
    latin = {word.casefold() for word in regex.findall(r"[A-Za-z][A-Za-z0-9-]{2,}", name)}
    spans = [(link, at) for link in papers if (at := text.find(link.label)) >= 0]
    for link, at in spans:
        if _TITLED.search(text[max(0, at - NEAR) : at]) or any(word in link.label.casefold() for word in latin):
            return link
    venues = [m.span() for m in regex.finditer(r"\s*".join(regex.escape(c) for c in venue), text)]
    near = [(min(at - end if end <= at else start - (at + len(link.label)) for start, end in venues), link)
            for link, at in spans if venues]
    near = [(distance, link) for distance, link in near if distance <= NEAR]
    return min(near, key=lambda pair: pair[0])[1] if near else None


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
