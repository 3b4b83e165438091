"""Rule: a heading that starts with a number ("### **1。Title**", "## [3。Title](url)", "7.The ...").

Plain-text documents reach this rule too: the plain-text reader turns a
numbered line at the left margin into a level-3 heading.
"""

from __future__ import annotations

from ...blocks import Block
from ..model import Candidate
from ..title import heading_title


def numbered_heading(blocks: list[Block]) -> list[Candidate]:
    found = []
    for index, block in enumerate(blocks):
        if block.kind != "heading" or block.level == 1:
            continue
        number, title = heading_title(block)
        if number is not None and title:
            found.append(Candidate(index, "numbered_heading", number, title, block.level))
    return found
