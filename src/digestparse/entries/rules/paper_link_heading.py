"""Rule: an unnumbered heading whose own line, or the paragraph right after it (or after the
line of author names right after it), links to a paper.

This is how monthly "papers to read" collages mark entries:
``## **“Title”**`` followed by ``*Authors (2021)* |📝[Paper](arxiv) | 🤖[Code](github)``.
"""

from __future__ import annotations

from ...blocks import Block
from ...fields.authors import parse_author_line
from ...fields.links import role_of
from ..model import Candidate
from ..title import heading_title

LOOKAHEAD = 3
"""How many blocks after the heading may hold the paper link: after a line of authors, the
summary may come before it (a newsletter's title / authors / abstract / links)."""


MAX_ROW_TEXT = 120
MAX_BARE_ROW_TEXT = 20
"""A following block counts only when it is a row of links (with "|" separators, authors
allowed) or a link with next to no text; prose that cites a paper does not count."""


def links_paper(block: Block) -> bool:
    return any(role_of(link.url, link.label) == "paper" for link in block.links)


def is_short_row(block: Block) -> bool:
    rest = block.text_outside_links().strip()
    return len(rest) <= MAX_BARE_ROW_TEXT or ("|" in rest and len(rest) <= MAX_ROW_TEXT)


def paper_link_heading(blocks: list[Block]) -> list[Candidate]:
    found = []
    # (a top-level heading is the article's title, except where the article sets its sections
    # at the top level too: "# [Deep Speech](arxiv)" after "# 介绍")
    title = next((i for i, b in enumerate(blocks) if b.kind == "heading" and b.level == 1), None)
    for index, block in enumerate(blocks):
        if block.kind != "heading" or index == title:
            continue
        following = []
        for nxt in blocks[index + 1 : index + 1 + LOOKAHEAD]:
            if nxt.kind == "heading":
                break
            following.append(nxt)
        # (the row may come after a line of author names: "A, B, C", then "[arXiv] [code]", with
        # the summary between)
        reach = 3 if following and not following[0].links and parse_author_line(following[0].text) else 1
        if links_paper(block) or any(links_paper(b) and is_short_row(b) for b in following[:reach]):
            number, title = heading_title(block)
            if title:
                found.append(Candidate(index, "paper_link_heading", number, title, block.level))
    return found
