"""Rule: a paragraph that opens with a paper's linked title and its year, or with a model's
name in bold linked to its paper, with no heading at all.

Reading notes such as ezyang's "Paper Monday" give each paper one paragraph:
``[Ropes: an Alternative to Strings](….pdf)（1995），由 Boehm、Atkinson 和 Plass 撰写。``
followed by a quoted abstract and a comment.  The year in brackets right after the
link is what makes the link a title rather than a word linked in running text.  An overview of
models does the same with a name set in bold and linked to the paper, the paper's title in
brackets after it: ``[**DCGAN**](https://arxiv.org/abs/1511.06434) (深度卷积生成对抗网络的无监督表示学习)是…``;
there the bold and the paper link are what set the name apart.
"""

from __future__ import annotations

import html

import regex

from ...blocks import Block
from ...fields.links import role_of
from ..model import Candidate
from ..title import clean_title

MIN_RUN = 3
MIN_TITLE = 3
YEAR_AFTER_TITLE = regex.compile(r"^\s*[(（][^()（）]{0,16}?(?:19|20)\d\d\s*(?:年)?\s*[)）]")
"""``（2010）`` ``(1995)`` ``（最后更新于 2010 年）`` right after the linked title."""
BOLD_LINK_OPENING = regex.compile(r"^[\s*_]*\[(?:\*\*|__)(?P<label>[^*_\]\n]{2,60})(?:\*\*|__)\]\(")
"""The raw line of a paragraph that opens with a bold linked name: ``[**DCGAN**](…)``."""
_HTML_BOLD_LINK = (r"<a\b[^>]*>\s*<(?:strong|b)\b[^>]*>\s*{label}\s*</(?:strong|b)>\s*</a>"
                   r"|<(?:strong|b)\b[^>]*>\s*<a\b[^>]*>\s*{label}\s*</a>\s*</(?:strong|b)>")
"""The same in HTML, around the paragraph's first link's label: ``<a href="…"><strong>DCGAN</strong></a>``."""


def bold_linked_name(block: Block) -> str | None:
    """The bold linked name a paragraph opens with (its first link's label), if any: in Markdown
    the source line opens with it, in HTML the source holds the label bold inside its link."""
    match = BOLD_LINK_OPENING.match(block.raw)
    if match is not None:
        return match.group("label").strip()
    label = (block.links[0].label or "").strip() if block.links else ""
    if label and "<" in block.raw and block.text.lstrip().startswith(label):
        pattern = _HTML_BOLD_LINK.format(label=regex.escape(html.escape(label, quote=False)))
        if regex.search(pattern, block.raw, regex.IGNORECASE) is not None:
            return label
    return None


def linked_title_paragraph(blocks: list[Block]) -> list[Candidate]:
    found = []
    for index, block in enumerate(blocks):
        if block.kind != "paragraph" or not block.links:
            continue
        label = block.links[0].label or ""
        text = block.text.lstrip(" *_“\"")
        if len(label) < MIN_TITLE or not text.startswith(label):
            continue
        if YEAR_AFTER_TITLE.match(text[len(label) :].lstrip(" *_”\"")) or (
                bold_linked_name(block) == label.strip(" *_") and role_of(block.links[0].url, label) == "paper"):
            found.append(Candidate(index, "linked_title_paragraph", None, clean_title(label), 7))
    return found


linked_title_paragraph.min_run = MIN_RUN
