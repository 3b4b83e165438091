"""Headings whose markup moved: a scrape that put a section's ``##`` on its first sentence.

A converter that lost the line break between a heading and its first paragraph, then split them
again one line off, leaves each model's name as a bare line and its first sentence as the
heading (``CycleGAN`` over ``## CycleGAN 是一种非常流行的 GAN 架构，…。``: the archive's
``neptuneai/6-gan-architectures.md``, six models and two closing sections so written).  Where a
document does so again and again, each such pair is read the way round it was written.
"""

from __future__ import annotations

import regex

from . import Block

MIN_PAIRS = 2
"""A document must show the broken pair this often: once is as often a heading that happens to be
a sentence under a short line (``作者图片`` over an interview question).  Of the archive's 2,491
files, 57 show two or more, every one a neptune.ai post (up to 36 in one); 42 show one."""
MAX_NAME = 30
"""The longest bare line read as a heading's text (``DiscoGAN 与 cycle gan–检查差异`` is 26)."""
MIN_SENTENCE = 12
"""A heading shorter than this is no sentence, whatever it ends with."""

_SENTENCE_END = regex.compile(r"[。！？!?]\s*$|[.](?<!\b\p{Lu}\.)\s*$|[。！？]")
"""A sentence's end: at the heading's end (``…之间的转换。``, ``…生成的吗？``), or a Chinese stop
anywhere in it (a heading cut short after its first sentence and a half)."""
_NO_NAME = regex.compile(r"[。！？!?:：;；,，、]\s*$|^\W*$|^[\d\W]+$")
"""A line that is no heading's text: one ending in punctuation, or no word at all."""


def _sentence(block: Block) -> bool:
    return (block.kind == "heading" and block.level >= 2 and len(block.text) >= MIN_SENTENCE
            and _SENTENCE_END.search(block.text) is not None)


def _bare_name(block: Block) -> bool:
    return (block.kind == "paragraph" and not block.links and not block.images and not block.strong
            and not block.emphasis and not block.quote and 0 < len(block.text) <= MAX_NAME
            and "\n" not in block.text and _NO_NAME.search(block.text) is None)


def displaced_heading_pairs(blocks: list[Block]) -> list[int]:
    """The indexes of the bare lines that are the headings of the sentence headings right after them."""
    return [i for i in range(1, len(blocks) - 1)
            if _bare_name(blocks[i]) and _sentence(blocks[i + 1]) and blocks[i].lines[1] < blocks[i + 1].lines[0]]


def restore_displaced_headings(blocks: list[Block]) -> list[Block]:
    """``blocks`` with each broken pair read the right way round, where the document shows at
    least :data:`MIN_PAIRS` of them: the bare line becomes a heading of the sentence's level,
    the sentence a paragraph (the blocks are changed in place and returned)."""
    pairs = displaced_heading_pairs(blocks)
    if len(pairs) < MIN_PAIRS:
        return blocks
    for i in pairs:
        name, sentence = blocks[i], blocks[i + 1]
        name.kind, name.level = "heading", sentence.level
        sentence.kind, sentence.level = "paragraph", 0
    return blocks
