"""Rule: a paragraph that is bold from end to end and starts with a number ("**1. Title**")."""

from __future__ import annotations

from ...blocks import Block
from ..model import Candidate
from ..title import heading_title

MAX_TITLE = 200


def is_bold_line(block: Block) -> bool:
    """Is ``block`` a paragraph of one line, bold from end to end, short enough for a title?"""
    return block.kind == "paragraph" and block.strong and len(block.text) <= MAX_TITLE and "\n" not in block.text


def bold_numbered_line(blocks: list[Block]) -> list[Candidate]:
    found = []
    for index, block in enumerate(blocks):
        if not is_bold_line(block):
            continue
        number, title = heading_title(block)
        if number is not None and title:
            found.append(Candidate(index, "bold_numbered_line", number, title, 7))
    return found
