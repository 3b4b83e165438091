"""Rule: a walk-through of one paper that never announces it as reviewed, but cites it in its
intro both by its authors and as "the paper".

A tutorial on one model (``pyimagesearch/…-yolov2.md``) opens with why the model was made, cites
its paper by author and year (``[雷德蒙和法尔哈迪(2017)](cvf pdf) 发表这篇论文``), says it will go
through ``[论文](the same pdf)``, and links that paper again and again; its title is where a link
to the paper reads as one (``[YOLO9000:更好、更快、更强](the same pdf)``), often well down the post.

Used, as ``review_intro`` is, only when no list of entries was found: the article is one entry.
"""

from __future__ import annotations

from collections import Counter

from ...blocks import Block
from ...fields.authors import cited_authors
from ...fields.links import role_of, same_paper_key
from ..model import Candidate
from ..patterns import PAPER_LABEL
from ..title import clean_title

INTRO_BLOCKS = 16
"""How far the intro reaches (the YOLOv2 post cites its paper at its 8th and 14th blocks, after a
table of contents' heading and a list)."""
MIN_LINKS = 4
"""How often the article must link the paper: a walk-through keeps coming back to it (nine times
in the YOLOv2 post); a tutorial that cites a paper as its source, once or twice."""
MIN_TITLE = 8
"""The shortest link text read as the paper's title (not a word of a sentence linked)."""


def _papers(block: Block) -> list[tuple[str, str]]:
    return [(same_paper_key(link.url), link.label or "") for link in block.links
            if link.label and role_of(link.url, link.label) == "paper"]


def _intro_paper(blocks: list[Block]) -> str | None:
    """The paper the intro both cites by author and year and calls "the paper"."""
    cited, called = set(), set()
    for block in blocks[1:INTRO_BLOCKS]:
        if block.kind not in ("paragraph", "list_item"):
            continue
        for key, label in _papers(block):
            if cited_authors(label) is not None:
                cited.add(key)
            elif PAPER_LABEL.match(label):
                called.add(key)
    both = cited & called
    return both.pop() if len(both) == 1 else None


def walkthrough_paper(blocks: list[Block]) -> list[Candidate]:
    key = _intro_paper(blocks)
    if key is None:
        return []
    counts = Counter(k for block in blocks for k, _ in _papers(block))
    if counts[key] < MIN_LINKS or counts.most_common(1)[0][0] != key:
        return []
    for index, block in enumerate(blocks):
        if block.kind != "paragraph":
            continue
        for k, label in _papers(block):
            title = clean_title(label)
            if (k == key and len(title) >= MIN_TITLE and cited_authors(label) is None
                    and not PAPER_LABEL.match(label)):
                return [Candidate(index, "walkthrough_paper", None, title, 0)]
    return []
