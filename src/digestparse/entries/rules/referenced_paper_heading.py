"""Rule: an unnumbered heading whose section closes with its references, its paper among them.

Overviews of models may give each model a section that ends in the model's references:
``**参考文献:**`` over ``**研究论文:**【https://arxiv.org/pdf/1703.10593.pdf】`` and
``github:https://github.com/…`` (``neptuneai/6-gan-architectures.md``: CycleGAN, StyleGAN,
PixelRNN, Text-2-Image, DiscoGAN, LSGAN).  The section's prose may never link the paper; the line
labelled as the paper under the section's own references does.  A references part of the whole
article (under a heading of its own) is no section's.
"""

from __future__ import annotations

import regex

from ...blocks import Block
from ...fields.links import role_of, same_paper_key
from ..model import Candidate
from ..title import unnumbered_headings

MIN_RUN = 3
"""As for sections opening with a citation: fewer is more often a tutorial citing its sources."""
REFERENCES_AFTER = 3
"""How many blocks after the references label the paper's line may come (a heading for the
paper's line, the code's, one more)."""

_REFERENCES = regex.compile(r"^\W*(?:references?|参考文献|参考资料)\W*$", regex.I)
_PAPER_LINE = regex.compile(r"^\W*(?:(?:research\s+)?paper|(?:研究\s*)?论文)\W*[:：]", regex.I)


def section_end(blocks: list[Block], start: int, limit: int) -> int:
    """Where the section of the heading at ``start`` ends: at the next heading of its level or
    above, the references that close it included."""
    level = blocks[start].level
    return next((i for i in range(start + 1, limit) if blocks[i].kind == "heading" and blocks[i].level <= level), limit)


def referenced_paper(blocks: list[Block], start: int, end: int) -> str | None:
    """The paper the section ``blocks[start:end]`` lists under its references label, if one."""
    for index in range(start + 1, end):
        block = blocks[index]
        if block.kind != "paragraph" or not _REFERENCES.match(block.text):
            continue
        papers = {same_paper_key(link.url) for after in blocks[index + 1 : min(end, index + 1 + REFERENCES_AFTER)]
                  if after.kind == "paragraph" and _PAPER_LINE.match(after.text)
                  for link in after.links if role_of(link.url, link.label or "论文") == "paper"}
        if len(papers) == 1:
            return papers.pop()
    return None


def referenced_paper_heading(blocks: list[Block]) -> list[Candidate]:
    found = []
    for index, block, title in unnumbered_headings(blocks):
        if referenced_paper(blocks, index, section_end(blocks, index, len(blocks))) is not None:
            found.append(Candidate(index, "referenced_paper_heading", None, title, block.level))
    return found


def owns(blocks: list[Block], start: int, limit: int) -> int:
    """The entry runs over its whole section, the references that close it included."""
    return section_end(blocks, start, limit)


referenced_paper_heading.min_run = MIN_RUN
referenced_paper_heading.owns = owns
referenced_paper_heading.self_evident = True
"""The paper under the section's references is the evidence; it comes at the section's end, not
in the head where :func:`digestparse.entries.find_entries` looks for a paper."""
