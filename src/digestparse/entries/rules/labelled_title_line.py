"""Rule: a line that gives a paper's title under a label, ``Title: …`` or ``论文标题：…``.

Award lists and newsletters set each paper out as labelled lines, with no heading::

    **Title:** Unbiased Gradient Estimation in Unrolled Computation Graphs
    **Authors:** Paul Vicol, Luke Metz, Jascha Sohl-Dickstein
    **Paper:** http://proceedings.mlr.press/v139/vicol21a.html

A line straight under a heading is that heading's second title (``### 1. 中文标题`` over
``论文标题：English Title``), not an entry of its own; and the line must be followed by another
of the paper's parts (a labelled line, a link): a table of contents listing ``【论文】DN-DETR``
and ``【论文】DINO`` holds titles only.
"""

from __future__ import annotations

from ...blocks import LABELLED_LINE, Block
from ..model import Candidate
from ..title import TITLE_LABEL, clean_title


def labelled_title_line(blocks: list[Block]) -> list[Candidate]:
    found = []
    for index, block in enumerate(blocks):
        if block.kind not in ("paragraph", "list_item") or not TITLE_LABEL.match(block.text):
            continue
        if index and blocks[index - 1].kind == "heading" and blocks[index - 1].level > 1:
            continue
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if following is None or TITLE_LABEL.match(following.text) or not (
                following.links or LABELLED_LINE.match(following.text)):
            continue
        title = clean_title(TITLE_LABEL.sub("", block.text, count=1))
        if len(title) >= 3 and "\n" not in title:
            found.append(Candidate(index, "labelled_title_line", None, title, 7))
    return found
