"""Text patterns shared by the entry rules and the field extractors."""

from __future__ import annotations

import regex

NUMBER_PREFIX = regex.compile(
    r"^\s*(\d{1,3})(?:\s*[.。．、):：]+(?:[.。．、]*\s[\s.。．、]*(?=\S)|[.。．、]*(?=\S)(?!\d))|\s+(?=[\p{Lu}\p{Han}]))")
"""An entry number at the start of a title: ``1。`` ``7 .。`` ``7.The`` ``10。`` ``1.`` ``1 ``, and
before a title that opens with a digit after a space (``2. 3D Gaussian Splatting``); not
``16x16`` nor ``3.14``."""

STOP_SECTION = regex.compile(
    r"^\W*(?:(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s*[.、)）．:：]?\s*)?(?:summary|conclusions?|concluding (?:remarks|thoughts)|final thoughts|references?|bibliography|further reading|read next|related (?:posts|articles|papers)|"
    r"you (?:might|may) also like|see also|resources|acknowledge?ments|"
    r"glossary|terminology|key terms|lexicon|dictionary|"
    r"摘要|总结(?:想法|思考)?|结论|最后的想法|小结|结束语|参考文献|参考资料|参考|延伸阅读|进一步阅读|阅读下一篇|相关文章|相关阅读|推荐阅读|"
    r"你可能也会喜欢|你可能还喜欢|你可能也喜欢|致谢|写在最后|结语|术语表?|词汇表|名词解释|词典|"
    r"まとめ|おわりに|用語集|마치며|맺음말|결론|참고 ?문헌|용어 ?(?:사전|집))\W*$",
    regex.I,
)
"""Headings (or bold one-line paragraphs) that open a part of the article that holds no entries,
numbered or not ("## 4. References", "### 4、参考资料"); a glossary ("Glossary", "术语表", "词典":
a list of words, which may cite where a word comes from: the archive sample's "### 词典" opened
with a DOI link and had become a paper record titled "Dictionary")."""

RELATED_LABEL = regex.compile(
    r"^\W*(?:你可能也会喜欢|你可能还喜欢|你可能也喜欢|你也许会喜欢|you (?:might|may) also like|related(?: papers?| work)?|see also|相关论文)[^:：]*[:：]",
    regex.I,
)

FIRST_AUTHOR = regex.compile(
    r"^\W*(?:第一作者|主要作者|一作|first author|lead author|main authors?|authors?|作者(?=\s*[:：][\s*_]*$))\s*[:：]\s*(.*)$", regex.I)
"""An author block's label: first author, main authors, authors (with their names after it or
below it), or "作者:" alone on its line over the names ("作者：A、B" is an author line)."""

TLDR_MARKER = regex.compile(
    r"^\W*\(\s*TL\s*[;；]\s*(?:DR|博士)\s*[,，]?\s*(?:from|来自)(?:[^()（）]|[(（][^()（）]{0,300}[)）]){0,80}[)）]\W*$", regex.I)
"""The "(TL;DR, from OpenReview.net)" note that marks the paragraph before it as the authors' TL;DR
(also "(TL;DR, from the OpenReview.net forum of this ICLR 2020 paper)", and in a scrape with its
link's address in brackets)."""

LABELLED_SUMMARY = (
    ("tldr", regex.compile(r"^\W*(?:作者的\s*)?TL\s*[;；]\s*(?:DR|博士)?\s*(?:from\s+\S+)?\s*[→:：\-—]*\s*", regex.I)),
    ("summary", regex.compile(
        r"^\W*(?:一段话总结|一句话总结|总结|概要|摘要|简介|内容简介|论文简介|核心思想|主要思想|核心内容|主要贡献|亮点|"
        r"one[- ]paragraph summary|summary|in a nutshell|key ideas?|main idea|highlights?|(?:main |key )?contributions?)"
        r"\s*(?:[:：→|｜]|】)\s*", regex.I)),
    ("abstract", regex.compile(r"^\W*(?:论文摘要|摘要|abstract|paper abstract)\s*(?:[:：→|｜]|】)\s*", regex.I)),
)

VENUE_LABEL = regex.compile(
    r"^\W*(?:发表(?:于|在)?|发表会议|会议|期刊|收录(?:于)?|出处|venue|published (?:in|at)|conference|journal)\s*[:：]", regex.I)
"""A line that names where the paper appeared ("Venue: CVPR 2016", "发表：NeurIPS 2022"): its year,
no summary."""

AFFILIATION_LABEL = regex.compile(r"^\W*(?:作者单位|单位|机构|所属机构|affiliations?|institutions?|organi[sz]ations?)\s*[:：]", regex.I)
"""A line that names the authors' institutions ("单位：Meta AI"): no summary."""

WHY = regex.compile(r"^\W*(?:❓\s*)?(?:why(?: (?:it|this) matters)?|为什么(?:重要)?)\s*[→:：]\s*", regex.I)
KEY_INSIGHT = regex.compile(r"^\W*(?:💡\s*)?(?:key insights?|关键见解|主要见解|核心观点)\s*[→:：]\s*", regex.I)

AUTHOR_YEAR_CITATION = regex.compile(
    r"等人|\b(?i:et\s+al)\b|^\s*\S{1,12}\s*等\s*[(（,，]?\s*(?:19|20)\d\d|"
    r"^\s*\p{Lu}\p{Ll}[\p{L}'-]*(?:\s+(?:and|&|和)\s+\p{Lu}\p{Ll}[\p{L}'-]*)?[,，]?\s*[(（]?(?:19|20)\d\d[)）]?\s*$"
)
"""A link text that cites a paper by author and year: ``Zoph 等人(2016)`` ``Yang et al. 2019`` ``周等(2019)``."""

PAPER_LABEL = regex.compile(
    r"^\W*(?:(?:the\s+|original\s+|research\s+|full\s+)*paper|(?:链接到)?(?:原始)?(?:研究)?论文(?:原文|链接)?|本文|这篇论文|原论文)\W*$",
    regex.I,
)
"""A link text that says the link is the paper itself: ``Paper`` ``[链接到原始研究论文]`` ``本文``."""

TOPIC_HEADING = regex.compile(
    r"[?？:：]\s*$|^\W*→|"
    r"^\W*(?:介绍|简介|引言|概述|背景|应用|结论|结果|实验|讨论|方法|总结|简化|动机|局限性?|实现|训练|评估|"
    r"introduction|overview|background|applications?|conclusions?|results|experiments?|discussion|methods?|"
    r"simplifications?|motivation|limitations?|implementation|training|evaluation)\W*$",
    regex.I,
)
"""Headings that name a part of an explanation, not a paper: questions ("变压器是什么？"),
lead-ins ending in a colon ("简介:"), arrows ("→架构概述"), generic parts ("介绍", "Results"; "简化",
the part of the diffusion-models post that simplifies its loss citing Ho et al. 2020, had been a
paper record)."""

CODE_SPAN = regex.compile(r"`([^`\n]{1,200})`|<code\b[^>]*>([^<]{1,200})</code>")
"""An inline code span in a block's source, Markdown's backticks (its text in group 1) or HTML's
``<code>`` (group 2)."""

TIME_TAG = regex.compile(r"^\s*[\[(【]\s*\d{1,4}(?:[:：/.\-]\d{1,2}){1,2}\s*[\])】]\s*")
"""A time or date before a list item's linked title: a show's timestamp ("[00:03:10]"), "[2023/04]"."""

PAPERS_CUE = regex.compile(r"(?i)\bpapers\b|\breading list\b|论文|文章精选|必读")
"""Words by which an article announces a list of papers (above a list, over a table)."""

FIGURE_NUMBER = regex.compile(r"^\W*(?:图\s*\d+|fig(?:ure)?\.?\s*\d+)", regex.I)
"""A numbered figure's label ("Figure 2:", "图 3："): a caption above its image, too."""
