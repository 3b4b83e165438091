"""Rule: a heading that starts with a number ("### **1。Title**", "## [3。Title](url)", "7.The ...").

Plain-text documents reach this rule too: the plain-text reader turns a
numbered line at the left margin into a level-3 heading.  A heading that is a number alone
(``### 01``) takes its title from the bold line right under it (``**Memorizing Transformers**``).
"""

from __future__ import annotations

import regex

from ...blocks import Block
from ..model import Candidate
from ..title import clean_title, heading_title
from .bold_numbered_line import is_bold_line

NUMBER_ONLY = regex.compile(r"^\W*(?:No\.?\s*)?(\d{1,3})\W*$", regex.I)
"""A heading that is an entry's number and nothing else: ``01``, ``【2】``, ``No. 3``."""


def title_below(blocks: list[Block], index: int) -> str | None:
    """The title in the bold line right under the number-only heading ``index``, if there is one."""
    below = blocks[index + 1] if index + 1 < len(blocks) else None
    if below is None or not is_bold_line(below) or below.links:
        return None
    return clean_title(below.text) or None


def numbered_heading(blocks: list[Block]) -> list[Candidate]:
    found = []
    for index, block in enumerate(blocks):
        if block.kind != "heading" or block.level == 1:
            continue
        number, title = heading_title(block)
        if number is None and (alone := NUMBER_ONLY.match(block.text)) and (title := title_below(blocks, index)):
            number = int(alone.group(1))
        if number is not None and title:
            found.append(Candidate(index, "numbered_heading", number, title, block.level))
    return found
