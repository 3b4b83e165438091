"""Rule: the headings that each take up one of the papers the opening paragraph announces.

Weekly reviews of two papers open with "本周的论文综述有 [A](arxiv) 和 [B](arxiv)",
then give each paper its own heading, often retranslated ("决策变压器…" becomes
"## 决策转换器…") and without a link.  A heading takes up an announced paper when
its text reads like the paper's link text, or when its section links that paper.
"""

from __future__ import annotations

from ...blocks import Block
from ...fields.links import role_of, same_paper_key
from ..model import Candidate
from ..title import clean_title, heading_title

INTRO_BLOCKS = 6
"""The announcing paragraph must sit among the first blocks after the title."""
MIN_SIMILARITY = 0.5
"""Character-bigram Dice similarity between a heading and a link text that makes them one title."""
MAX_ANNOUNCED = 20
"""An opening paragraph linking more papers is a list of links, not the announcement of a few
papers reviewed one by one (and each heading is compared with each paper announced)."""


def _bigrams(text: str) -> set[str]:
    text = "".join(ch for ch in text.lower() if ch.isalnum())
    return {text[i : i + 2] for i in range(len(text) - 1)}


def similarity(a: str, b: str) -> float:
    """Dice similarity of character bigrams.

    >>> round(similarity("决策变压器:通过序列建模的强化学习", "决策转换器:通过序列建模的强化学习"), 2)
    0.8
    """
    return _dice(_bigrams(a), _bigrams(b))


def _dice(x: set[str], y: set[str]) -> float:
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


def _announced(blocks: list[Block]) -> tuple[int, dict[str, str]] | None:
    for index, block in enumerate(blocks[1:INTRO_BLOCKS], 1):
        if block.kind != "paragraph":
            continue
        papers: dict[str, str] = {}
        for link in block.links:
            if link.label and role_of(link.url, link.label) == "paper":
                papers.setdefault(same_paper_key(link.url), clean_title(link.label))
        if 2 <= len(papers) <= MAX_ANNOUNCED:
            return index, papers
    return None


def _section_links(blocks: list[Block], index: int) -> list[str]:
    level = blocks[index].level
    keys = []
    for block in (blocks[i] for i in range(index + 1, len(blocks))):  # (no copy of the rest)
        if block.kind == "heading" and block.level <= level:
            break
        keys.extend(same_paper_key(link.url) for link in block.links if role_of(link.url, link.label) == "paper")
    return keys


def intro_paper_heading(blocks: list[Block]) -> list[Candidate]:
    announced = _announced(blocks)
    if announced is None:
        return []
    start, papers = announced
    label_bigrams = {key: _bigrams(label) for key, label in papers.items()}
    found, taken = [], set()
    for index in range(start + 1, len(blocks)):
        block = blocks[index]
        if block.kind != "heading" or block.level == 1:
            continue
        number, title = heading_title(block)
        if not title:
            continue
        heading_bigrams = _bigrams(title)
        by_text = [key for key, bigrams in label_bigrams.items() if _dice(heading_bigrams, bigrams) >= MIN_SIMILARITY]
        by_link = [key for key in _section_links(blocks, index) if key in papers]
        key = next((k for k in by_text + by_link if k not in taken), None)
        if key is not None:
            taken.add(key)
            found.append(Candidate(index, "intro_paper_heading", number, title, block.level))
    return found


intro_paper_heading.min_run = 2
