"""Rule: an unnumbered heading whose first paragraph opens by citing a paper.

Walk-through posts give each model its own section: ``# CoVe`` followed by
``**CoVe**（[McCann 等人，2017](arxiv)）...``, or ``## ResNet (2015)`` followed
by ``*[Deep Residual Learning ...](arxiv)*``.  Only a citation near the start
of the section's first paragraph counts; a paper cited somewhere in running
text does not make a section a paper entry.
"""

from __future__ import annotations

from ...blocks import Block
from ...fields.links import role_of
from ..model import Candidate
from ..title import heading_title

MIN_RUN = 3
"""Fewer sections opening with a citation is more often a tutorial citing its sources than a walk-through."""
CITATION_WITHIN = 80
"""How far into the first paragraph (in characters) the paper link must start."""


def _opens_with_citation(block: Block) -> bool:
    if block.kind not in ("paragraph", "list_item"):
        return False
    for link in block.links:
        if role_of(link.url, link.label) != "paper":
            continue
        position = block.text.find(link.label) if link.label else -1
        if 0 <= position <= CITATION_WITHIN:
            return True
    return False


def cited_paper_heading(blocks: list[Block]) -> list[Candidate]:
    found = []
    for index, block in enumerate(blocks):
        if block.kind != "heading" or index == 0:
            continue
        first = next((b for b in blocks[index + 1 : index + 4] if b.kind not in ("image", "rule")), None)
        if first is None or first.kind == "heading" or not _opens_with_citation(first):
            continue
        number, title = heading_title(block)
        if title and number is None:
            found.append(Candidate(index, "cited_paper_heading", None, title, block.level))
    return found


cited_paper_heading.min_run = MIN_RUN
