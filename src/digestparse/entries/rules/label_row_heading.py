"""Rule: an unnumbered heading over a row of link labels naming the paper, whose addresses a
scrape lost (``Paper | Code``), with at most its summary and a note between::

    Why Gradient Clipping Accelerates Training: A Theoretical Justification for Adaptivity

    Gradient clipping provably accelerates gradient descent for non-smooth non-convex functions.

    (TL;DR, from OpenReview.net)

    Paper | Code

A numbered heading is :mod:`.numbered_heading`'s; one whose row keeps its links,
:mod:`.paper_link_heading`'s.
"""

from __future__ import annotations

from ...blocks import Block
from ...blocks.plaintext import LABEL_ROW_WITHIN, names_paper
from ..model import Candidate
from ..title import heading_title


def label_row_heading(blocks: list[Block]) -> list[Candidate]:
    found = []
    for index, block in enumerate(blocks):
        if block.kind != "heading" or block.level == 1:
            continue
        for nxt in blocks[index + 1 : index + 1 + LABEL_ROW_WITHIN]:
            if nxt.kind == "heading":
                break
            if nxt.kind == "paragraph" and not nxt.links and names_paper(nxt.text):
                number, title = heading_title(block)
                if number is None and title:
                    found.append(Candidate(index, "label_row_heading", None, title, block.level))
                break
    return found
