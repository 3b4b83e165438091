"""The title of an entry, read from the block that starts it."""

from __future__ import annotations

import regex

from ..blocks import Block
from .patterns import NUMBER_PREFIX

_QUOTES = "“”\"'‘’「」『』《》【】"
_EMOJI_EDGE = regex.compile(r"^[\p{So}\p{Sk}\s|]+|[\p{So}\p{Sk}\s|]+$")


def split_number(text: str) -> tuple[int | None, str]:
    """Split a leading entry number from a title.

    >>> split_number("7 .。深度神经网络优化轨迹上的平衡点")
    (7, '深度神经网络优化轨迹上的平衡点')
    >>> split_number("7.The Break-Even Point")
    (7, 'The Break-Even Point')
    >>> split_number("10。比特下降")
    (10, '比特下降')
    >>> split_number("16x16 个字")
    (None, '16x16 个字')
    """
    match = NUMBER_PREFIX.match(text)
    if not match:
        return None, text.strip()
    return int(match.group(1)), text[match.end():].strip()


def clean_title(text: str) -> str:
    """Strip quotes, stray emphasis marks and decoration around a title.

    >>> clean_title("“穿越拥挤的山谷——深度学习优化器的标杆”")
    '穿越拥挤的山谷——深度学习优化器的标杆'
    """
    text = text.replace("**", "").strip()
    text = _EMOJI_EDGE.sub("", text).strip()
    while len(text) > 2 and text[0] in _QUOTES and text[-1] in _QUOTES:
        text = text[1:-1].strip()
    return text.strip(" *_")


def heading_title(block: Block) -> tuple[int | None, str]:
    """(number, title) of a block that starts an entry.

    A title that is itself a link ("[1。Title](openreview) | 🖥 [session](...)")
    is the link's text; otherwise trailing link rows after " | " are dropped.
    """
    text = block.text
    if block.links:
        first = block.links[0].label
        if first and text.startswith(first) and len(first) >= 4:
            text = first
    if "|" in text:
        text = text.split("|", 1)[0]
    number, rest = split_number(text)
    return number, clean_title(rest)
