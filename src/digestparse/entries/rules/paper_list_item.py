"""Rule: a list item that opens with a paper's title, linked to the paper or in bold beside a
paper link, one item per paper.

Short digests list their papers instead of giving each a section::

    1. [Attention Is All You Need](https://arxiv.org/abs/1706.03762)：提出了 Transformer。
    - **BERT** ([paper](https://arxiv.org/abs/1810.04805)) — bidirectional pre-training.

The item holds the whole entry: its title, its links and, after them, its summary; nested items
below it (a "Code: …" sub-bullet) belong to it too, and may hold all its links and its summary,
below an item that is a bold title alone.  A list of links is common in any article
("Further reading", a survey's citations, a tutorial's sources), so more is asked than of the
other rules: at least :data:`MIN_RUN` items, each opening with a title (not an address, a year,
an author-and-year citation or a "Paper" label) beside a paper link, in a list that the article
announces as papers: the heading above the list (the title, where there is no other), the one
that heading stands under ("Papers" over year sections, a title over month sections) or the
line just before the list speaks of papers (:data:`PAPERS_CUE`: "本周值得一读的 5 篇论文", "Top
papers this month", "以下是人工智能领域的几篇关键研究论文:"); or the article is an "Awesome …"
list.  (Headings further up do not count: a tutorial on writing research papers lists example
papers deep in its sections.)
"""

from __future__ import annotations

import regex

from ...blocks import Block, InlineLink
from ...blocks.plaintext import TERMINAL, is_link_label
from ...fields.links import role_of, strip_edge_punctuation
from ..model import Candidate
from ..patterns import AUTHOR_YEAR_CITATION, PAPER_LABEL, PAPERS_CUE, RELATED_LABEL, TIME_TAG
from ..title import clean_title

MIN_RUN = 3
MIN_TITLE = 3
BOLD_OPENING = regex.compile(
    r"^\s*(?:[-*+]|\d{1,3}[.)])\s+(?:\[(?P<tag>[^\]\n]{1,20})\]\s*|`(?P<code>[^`\n]{1,20})`\s*"
    r"|(?P<id>(?i:arxiv|doi)\s*:\s*[^\s*_]{4,40})\s*[—–-]*\s*)?"
    r"[*_]?(?:\*\*|__)(?P<title>[^*_\n]{3,200}?)(?:\*\*|__)")
"""The raw line of an item that opens with a bold title: ``- **BERT** (...)``, ``1. __ResNet__``,
also after a date or venue tag or the paper's id (``- [2023/04] **LLaVA**``, ``- `NeurIPS 2023`
**MME**``, ``1. arXiv:2302.13971 — **LLaMA**``), and in an item set in italics throughout
(``- ***EDSR:** [title](…)*``)."""
ID_LABEL = regex.compile(r"(?i)^(?:arxiv|doi)\s*[:：]?\s*\S+$")
"""A link labelled with the paper's id (``arXiv:2302.13971``), which is no title."""
HTML_BOLD_OPENING = regex.compile(
    r"\s*<li\b[^>]*>\s*(?:<p\b[^>]*>\s*)?(?:<(?:em|i)\b[^>]*>\s*)?<(?P<tag>strong|b)\b[^>]*>(?P<title>[^<]{3,200}?)</(?P=tag)>",
    regex.IGNORECASE
)
"""The same in HTML, where the item's source starts: ``<li><strong>BERT</strong> (...)``, also in
an item set in italics (``<li><em><strong>EDSR:</strong> …</em>``)."""


def _bold_opening(block: Block) -> str | None:
    """The bold title the item's source opens with (after a date or venue tag), if any and if
    the item's text opens with it."""
    text = block.text.lstrip(" *_“\"")
    if block.raw.lstrip().startswith("<"):
        bold = HTML_BOLD_OPENING.match(block.raw)
    elif (bold := BOLD_OPENING.match(block.raw)) is not None and (tag := bold.group("tag") or bold.group("code") or bold.group("id")):
        text = text.removeprefix(f"[{tag}]" if bold.group("tag") else tag).lstrip(" *_“\"—–-")
    # (a colon inside the bold, "**ESPCN:** [title](…)", leads in to the paper, as one after it)
    title = clean_title(bold.group("title")).rstrip(" :：") if bold is not None else None
    return title if title and text.startswith(title) else None


def _title_before_label(block: Block, paper: InlineLink) -> str | None:
    """A plain title before the item's paper link, where the link is labelled as one
    (``Denoising Diffusion Probabilistic Models. [[paper]](arxiv) [[code]](github)``)."""
    label = strip_edge_punctuation(paper.label or "")
    at = block.text.find(paper.label) if paper.label else -1
    if at <= 0 or not is_link_label(label):
        return None
    title = clean_title(block.text[:at].rstrip(" .-–—:：|[(（"))
    return title if _PLAIN_TITLE.search(title) and not TERMINAL.search(title) else None
AWESOME_LIST = regex.compile(r"(?i)^\W*awesome\b")
"""The title of a curated list (GitHub's "Awesome …" lists): it announces every list in it."""
NOT_A_TITLE = regex.compile(r"(?i)^(?:https?://|www\.)|^[\d\s.,:;()（）\[\]-]+$")
"""An address or a bare number (a year) where a title would be."""


def _title_like(title: str) -> bool:
    return not (NOT_A_TITLE.search(title) or AUTHOR_YEAR_CITATION.search(title) or PAPER_LABEL.match(title))


def _announced(blocks: list[Block], first: int, headings: list[Block]) -> bool:
    """Does the article announce the list whose first item is ``first`` as papers, in a heading
    it stands under (``headings``: from the title down to the nearest) or in the block just
    before it?"""
    before = blocks[first - 1] if first else None
    if before is not None and RELATED_LABEL.match(before.text) is not None:
        return False  # (a list after "Related papers:" is an entry's related papers, not entries)
    if headings and AWESOME_LIST.match(headings[0].text):
        return True
    # the nearest heading and the one it stands under (the title, over month sections)
    places = headings[-2:]
    return any(PAPERS_CUE.search(b.text) for b in (*places, before) if b is not None)


def _number(block: Block) -> int | None:
    marker = block.marker.rstrip(".)")
    return int(marker) if marker.isdigit() else None


_PLAIN_TITLE = regex.compile(r"^(?=.{8,200}$)(?:\S+\s+\S+.*|.*\p{Han}{4})")
"""A title with no markup: two words at least (or four Chinese characters), 8 to 200 characters."""


def item_title(block: Block, nested: list[Block] | tuple[Block, ...] = ()) -> str | None:
    """The title a list item opens with: its first link's text where that link is a paper's,
    else a bold opening beside a paper link, or a bold title alone whose paper link is in one of
    the items ``nested`` below it (``1. **Title**`` over ``- 论文：[arXiv](…)``), or a plain title
    alone over the one paper linked below it (a text newsletter's ``* Title`` over an indented
    address), or a plain title before a paper link labelled as one (an awesome list's
    ``Title. [[paper]](…)``).

    >>> from digestparse.blocks import InlineLink
    >>> item = Block("list_item", "Attention Is All You Need：提出了 Transformer。", (3, 3),
    ...     "1. [Attention Is All You Need](https://arxiv.org/abs/1706.03762)：提出了 Transformer。",
    ...     marker="1.", links=(InlineLink("Attention Is All You Need", "https://arxiv.org/abs/1706.03762"),))
    >>> item_title(item)
    'Attention Is All You Need'
    """
    papers = [link for link in block.links if role_of(link.url, link.label) == "paper"]
    if not papers:
        if block.links:
            return None
        title = _bold_opening(block)
        bold_alone = bool(title) and block.text.strip(" *_") == title
        plain = clean_title(block.text)
        plain_shaped = not TERMINAL.search(plain) and _PLAIN_TITLE.search(plain) is not None
        if not bold_alone and not plain_shaped:
            return None  # (nothing to look below for: each item of a list nested thousands deep had been)
        below = {link.url for item in nested for link in item.links if role_of(link.url, link.label) == "paper"}
        if bold_alone and below:
            return title
        # a plain title (text has no bold) over the one paper linked below it by its address or a
        # label ("https://…", "Paper: …"; a linked title below is an item of its own)
        addressed = {link.url for item in nested for link in item.links if link.url in below
                     and (not link.label or link.label == link.url or is_link_label(strip_edge_punctuation(link.label)))}
        return plain if len(below) == 1 and addressed and plain_shaped else None
    first = block.links[0]
    label = (first.label or "").strip()
    text = TIME_TAG.sub("", block.text, count=1).lstrip(" *_“\"")
    if len(label) >= MIN_TITLE and text.startswith(label) and first in papers and not ID_LABEL.match(label):
        return clean_title(label) or None
    return _bold_opening(block) or _title_before_label(block, papers[0])


def paper_list_item(blocks: list[Block]) -> list[Candidate]:
    found = []
    headings: list[Block] = []  # the headings the block stands under, outermost first
    first = 0  # the first item of the list being read
    announced: bool | None = None  # whether it is announced as papers (asked once per list)
    ends = _item_ends(blocks)
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            while headings and headings[-1].level >= block.level:
                headings.pop()
            headings.append(block)
        if block.kind != "list_item":
            continue
        if not index or blocks[index - 1].kind != "list_item":
            first, announced = index, None
        nested = blocks[index + 1 : ends[index]] if not block.links else ()
        title = item_title(block, nested)
        if title is None or not _title_like(title):
            continue
        if announced is None:
            announced = _announced(blocks, first, headings)
        if announced:
            found.append(Candidate(index, "paper_list_item", _number(block), title, 7))
    return found


def _item_ends(blocks: list[Block]) -> dict[int, int]:
    """:func:`owns` for every list item at once, in one pass (item by item, a list nested
    thousands deep would be walked again below each of its items).

    >>> items = [Block("list_item", t, (i, i), level=lv, marker=m)
    ...          for i, (t, lv, m) in enumerate([("a", 1, "-"), ("b", 2, "-"), ("more of b", 2, ""), ("c", 3, "-"), ("d", 1, "-")])]
    >>> ends = _item_ends(items)
    >>> all(ends[i] == owns(items, i, len(items)) for i in (0, 1, 3, 4)), ends[1]  # (2 is more of 1)
    (True, 4)
    """
    ends: dict[int, int] = {}
    open_items: list[int] = []  # items whose nested items may go on, shallowest first
    for index, block in enumerate(blocks):
        level = block.level if block.kind == "list_item" else None
        more = level is not None and not block.marker  # (a further paragraph of the item above)
        while open_items and (level is None or blocks[open_items[-1]].level > level
                              or (blocks[open_items[-1]].level == level and not more)):
            ends[open_items.pop()] = index
        if more:
            ends[index] = index + 1  # (it holds nothing below it)
        elif level is not None:
            open_items.append(index)
    for index in open_items:
        ends[index] = len(blocks)
    return ends


def owns(blocks: list[Block], start: int, limit: int) -> int:
    """Where the entry of the item at ``start`` ends: after the items nested below it and the
    item's further paragraphs (a quoted abstract, a Notion toggle's lines: list items of its
    level with no marker)."""
    level = blocks[start].level
    end = start + 1
    while end < limit and blocks[end].kind == "list_item" and (
            blocks[end].level > level or (blocks[end].level == level and not blocks[end].marker)):
        end += 1
    return end


paper_list_item.min_run = MIN_RUN
paper_list_item.owns = owns
