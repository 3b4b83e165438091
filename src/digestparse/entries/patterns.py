"""Text patterns shared by the entry rules and the field extractors."""

from __future__ import annotations

import regex

NUMBER_PREFIX = regex.compile(r"^\s*(\d{1,3})(?:\s*[.。．、):：]+[\s.。．、]*|\s+(?=[\p{Lu}\p{Han}]))(?=\S)(?!\d)")
"""An entry number at the start of a title: ``1。`` ``7 .。`` ``7.The`` ``10。`` ``1.`` ``1 `` (not ``16x16``)."""

STOP_SECTION = regex.compile(
    r"^\W*(?:summary|conclusions?|references|bibliography|further reading|read next|related (?:posts|articles|papers)|"
    r"you (?:might|may) also like|see also|resources|acknowledge?ments|"
    r"摘要|总结|结论|小结|结束语|参考文献|参考资料|参考|延伸阅读|进一步阅读|阅读下一篇|相关文章|相关阅读|推荐阅读|"
    r"你可能也会喜欢|你可能还喜欢|你可能也喜欢|致谢)\W*$",
    regex.I,
)
"""Headings (or bold one-line paragraphs) that open a part of the article that holds no entries."""

RELATED_LABEL = regex.compile(
    r"^\W*(?:你可能也会喜欢|你可能还喜欢|你可能也喜欢|你也许会喜欢|you (?:might|may) also like|related(?: papers?| work)?|see also|相关论文)[^:：]*[:：]",
    regex.I,
)

FIRST_AUTHOR = regex.compile(r"^\W*(?:第一作者|主要作者|一作|first author|lead author|main authors?|authors?)\s*[:：]\s*(.*)$", regex.I)

TLDR_MARKER = regex.compile(r"^\W*\(\s*TL\s*[;；]\s*(?:DR|博士)\s*[,，]?\s*(?:from|来自)[^)）]{0,40}[)）]\W*$", regex.I)
"""The "(TL;DR, from OpenReview.net)" note that marks the paragraph before it as the authors' TL;DR."""

LABELLED_SUMMARY = (
    ("tldr", regex.compile(r"^\W*(?:作者的\s*)?TL\s*[;；]\s*(?:DR|博士)?\s*(?:from\s+\S+)?\s*[→:：\-—]*\s*", regex.I)),
    ("summary", regex.compile(r"^\W*(?:一段话总结|一句话总结|总结|概要|摘要|one[- ]paragraph summary|summary|in a nutshell)\s*[:：→]\s*", regex.I)),
    ("abstract", regex.compile(r"^\W*(?:论文摘要|摘要|abstract|paper abstract)\s*[:：→]\s*", regex.I)),
)

WHY = regex.compile(r"^\W*(?:❓\s*)?(?:why|为什么)\s*[→:：]\s*", regex.I)
KEY_INSIGHT = regex.compile(r"^\W*(?:💡\s*)?(?:key insights?|关键见解|主要见解|核心观点)\s*[→:：]\s*", regex.I)
