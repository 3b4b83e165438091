"""Rule: a paragraph that is bold from end to end and starts with a number ("**1. Title**")."""

from __future__ import annotations

from ...blocks import Block
from ..model import Candidate
from ..title import heading_title

MAX_TITLE = 200


def bold_numbered_line(blocks: list[Block]) -> list[Candidate]:
    found = []
    for index, block in enumerate(blocks):
        if block.kind != "paragraph" or not block.strong or len(block.text) > MAX_TITLE or "\n" in block.text:
            continue
        number, title = heading_title(block)
        if number is not None and title:
            found.append(Candidate(index, "bold_numbered_line", number, title, 7))
    return found
