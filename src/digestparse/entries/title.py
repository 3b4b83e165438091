"""The title of an entry, read from the block that starts it."""

from __future__ import annotations

import regex

from ..blocks import Block, drop_invisible
from .patterns import CODE_SPAN, NUMBER_PREFIX

_QUOTES = "“”\"'‘’「」『』《》【】"
# Emoji, symbols, spaces and bars at a title's edges.  The end is searched backwards (``(?r)``):
# searched forwards, a long run in the middle would be scanned again from each of its positions.
_EMOJI_HEAD = regex.compile(r"^[\p{So}\p{Sk}\s|]+")
_EMOJI_TAIL = regex.compile(r"(?r)[\p{So}\p{Sk}\s|]+$")


def _strip_emoji_edges(text: str) -> str:
    text = _EMOJI_HEAD.sub("", text, count=1)
    tail = _EMOJI_TAIL.search(text)
    return text[: tail.start()] if tail else text


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
    >>> [split_number(t)[0] for t in ("#3 BERT", "Paper 2: GPT", "第十二篇：扩散模型", "论文三：ResNet", "（二）GAN", "④ VAE", "5️⃣ ViT")]
    [3, 2, 12, 3, 2, 4, 5]
    >>> [split_number(t) for t in ("IV. Diffusion", "01 | Attention", "【2】BERT", "Paper 3：GPT", "4 - ViT", "2/5 MAE")]
    [(4, 'Diffusion'), (1, 'Attention'), (2, 'BERT'), (3, 'GPT'), (4, 'ViT'), (2, 'MAE')]
    >>> split_number("I think so")
    (None, 'I think so')
    >>> split_number("2. 3D Gaussian Splatting"), split_number("3.14 is pi"), split_number("论文 1 | CLIP"), split_number("Paper 2 | GPT")
    ((2, '3D Gaussian Splatting'), (None, '3.14 is pi'), (1, 'CLIP'), (2, 'GPT'))
    >>> split_number("第1位：ControlNet"), split_number("第一位作者")  # (a Japanese ranking; "the first author")
    ((1, 'ControlNet'), (None, '第一位作者'))
    """
    match = NUMBER_PREFIX.match(text)
    if match:
        return int(match.group(1)), text[match.end():].strip()
    match = OTHER_NUMBER_PREFIX.match(text)
    if match:
        number = _number_value(match.group("n"))
        if number is not None:
            return number, text[match.end():].strip()
    return None, text.strip()


_CHINESE_DIGITS = {ch: i for i, ch in enumerate("零一二三四五六七八九")}
_CIRCLED = {chr(0x2460 + i): i + 1 for i in range(20)}  # ① .. ⑳


def _number_value(numeral: str) -> int | None:
    """The value of an entry number written in digits, in Chinese (一 .. 九十九) or circled.

    >>> [_number_value(n) for n in ("12", "七", "十", "十六", "二十", "二十三", "③", "百")]
    [12, 7, 10, 16, 20, 23, 3, None]
    """
    if numeral.isdigit() and numeral.isascii():
        return int(numeral)
    if numeral and set(numeral) <= set("IVX"):
        return _roman_value(numeral)
    if numeral in _CIRCLED:
        return _CIRCLED[numeral]
    if numeral in _CHINESE_DIGITS:
        return _CHINESE_DIGITS[numeral] or None
    tens, ten, ones = numeral.partition("十")
    if not ten or not all(ch in _CHINESE_DIGITS for ch in tens + ones) or len(tens) > 1 or len(ones) > 1:
        return None
    return (_CHINESE_DIGITS[tens] if tens else 1) * 10 + (_CHINESE_DIGITS[ones] if ones else 0)


_ROMAN = {"I": 1, "V": 5, "X": 10}


def _roman_value(numeral: str) -> int | None:
    """The value of a Roman numeral up to XXXIX (None where it is not one: ``IIII``, ``VX``).

    >>> [_roman_value(n) for n in ("I", "IV", "IX", "XIV", "XXXIX", "IIII", "VX")]
    [1, 4, 9, 14, 39, None, None]
    """
    values = [_ROMAN[ch] for ch in numeral]
    total = sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
    canonical = "X" * (total // 10) + ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"][total % 10]
    return total if canonical == numeral else None


OTHER_NUMBER_PREFIX = regex.compile(
    r"^\s*(?:"
    # "#1 Title", "No. 1: Title", "Paper 1: Title", "Paper #1 - Title", "Top 1: Title" (not
    # "Top 10 papers"), "[1] Title"
    r"(?:\#|(?i:no\.?|paper)\s*\#?\s*)(?P<n>\d{1,3})(?:\s*[.:：、)\-–—|｜]+\s*|\s+)"
    r"|(?i:top)\s*(?P<n>\d{1,3})\s*[.:：、)\-–—]+\s*"
    r"|\[(?P<n>\d{1,3})\]\s*|【(?P<n>\d{1,3})】\s*"
    # "01 | Title", "4 - Title", "2/5 Title"; "IV. Title", "II) Title" (Roman, capitals)
    r"|(?P<n>\d{1,3})\s*(?:[|｜]|\s[\-–—])\s+|(?P<n>\d{1,2})\s*/\s*\d{1,2}\s+"
    r"|(?P<n>X{0,3}(?:IX|IV|V?I{1,3}|V))[.)]\s+"
    # "第一篇：", "第 1 篇：", "第一：", "论文一：", "一、", "（一）" (not "第一作者", "第一部分")
    r"|第\s*(?P<n>\d{1,3}|[一二三四五六七八九十]{1,3})\s*(?:[篇个名]\s*(?:论文)?\s*[：:、.．]?|位\s*[：:、.．]|[：:、.．])\s*"
    r"|论文\s*(?P<n>\d{1,3}|[一二三四五六七八九十]{1,3})\s*[：:、.．|｜]\s*"
    r"|(?P<n>[一二三四五六七八九十]{1,3})\s*[、．.]\s*"
    r"|[(（](?P<n>[一二三四五六七八九十]{1,3}|\d{1,3})[)）]\s*"
    # "①", "1️⃣" (a keycap)
    r"|(?P<n>[\u2460-\u2473])\s*"
    r"|(?P<n>\d)\ufe0f?\u20e3\s*"
    r")(?=\S)"
)
"""Other ways digests number their entries (:func:`split_number`)."""


def clean_title(text: str) -> str:
    """Strip quotes, stray emphasis marks and decoration around a title.

    >>> clean_title("“穿越拥挤的山谷——深度学习优化器的标杆”")
    '穿越拥挤的山谷——深度学习优化器的标杆'
    >>> clean_title("【空间注意模块(探测器→ BoS)"), clean_title("SAM（空间注意模块）】"), clean_title("【论文】标题")
    ('空间注意模块(探测器→ BoS)', 'SAM（空间注意模块）', '【论文】标题')
    >>> clean_title("Title（ICLR 2020)"), clean_title("BERT\u200b Pre-training\u200b")
    ('Title（ICLR 2020)', 'BERT Pre-training')
    """
    text = drop_invisible(text).replace("**", "").strip()
    text = _strip_emoji_edges(text).strip()
    while len(text) > 2 and text[0] in _QUOTES and text[-1] in _QUOTES:
        text = text[1:-1].strip()
    # a bracket left open or closed alone at an edge ("【空间注意模块…": the heading's "】" was lost)
    # (either width closes either: translations mix "（…)")
    if len(text) > 2 and (kind := next((k for k in _BRACKETS if text[0] in k[0]), None)) and not any(c in text for c in kind[1]):
        text = text[1:].strip()
    if len(text) > 2 and (kind := next((k for k in _BRACKETS if text[-1] in k[1]), None)) and not any(c in text for c in kind[0]):
        text = text[:-1].strip()
    return text.strip(" *_")


_BRACKETS = (("(（", ")）"), ("[【［", "]】］"), ("《", "》"), ("「", "」"))
"""Kinds of brackets: (openers, closers)."""


_ARXIV_TAG = regex.compile(r"^\s*\[\d{4}\.\d{4,5}(?:v\d+)?\]\s+")
_NOTE_MARK = regex.compile(r"\[\^?\d{1,3}\]|\^\d{1,3}")
"""A footnote's mark, where it is a link's whole label: ``[1]`` (a text's), ``^1`` (Markdown's ``[^1]``)."""


def before_bar(text: str, raw: str = "") -> str:
    """``text`` up to its first ``|`` that is no part of an inline code span of its source ``raw``
    (``## Title with `a|b` | [code](…)``: the bar between the title and its links, not the code's).

    >>> before_bar("Title with a|b pipes | code", "## Title with `a|b` pipes | [code](…)"), before_bar("Title | code")
    ('Title with a|b pipes ', 'Title ')
    """
    code = [span.group(1) for span in CODE_SPAN.finditer(raw) if span.group(1) and "|" in span.group(1)] if "`" in raw else []
    kept: list[tuple[int, int]] = []
    for piece in code:
        at = text.find(piece)
        if at >= 0:
            kept.append((at, at + len(piece)))
    for bar in regex.finditer(r"\|", text):
        if not any(start <= bar.start() < end for start, end in kept):
            return text[: bar.start()]
    return text


def heading_title(block: Block) -> tuple[int | None, str]:
    """(number, title) of a block that starts an entry.

    A title that is itself a link ("[1。Title](openreview) | 🖥 [session](...)")
    is the link's text; otherwise trailing link rows after " | " are dropped.
    """
    text = block.text
    if tag := _ARXIV_TAG.match(text):
        text = text[tag.end() :]  # "[2305.18290] Title": the id is a link of the block
    if block.links:
        first = block.links[0].label
        if first and text.startswith(first) and len(first) >= 4:
            text = first
    number, rest = split_number(_EMOJI_HEAD.sub("", text, count=1) if _LEADING_EMOJI.match(text) else text)
    if number is not None and (tag := _ARXIV_TAG.match(rest)):
        rest = rest[tag.end() :]  # "1. [1810.04805] Title"
    if "|" in rest:
        rest = before_bar(rest, block.raw)
    rest = rest.rstrip()
    for link in block.links:
        if _NOTE_MARK.fullmatch(link.label) and rest.endswith(link.label):
            rest = rest[: -len(link.label)]  # a footnote mark ("Title [1]", "Title[^1]")
    rest = TITLE_LABEL.sub("", rest, count=1)
    if venue := find_venue_tag(rest):
        rest = rest[: venue.start()]
    return number, clean_title(rest)


def unnumbered_headings(blocks: list[Block]):  # noqa: ANN201 - an iterator of (index, block, title)
    """``(index, block, title)`` of each heading after the first block that has a title and no
    number: the heads of the sections the unnumbered-heading rules look into."""
    for index, block in enumerate(blocks):
        if block.kind != "heading" or index == 0:
            continue
        number, title = heading_title(block)
        if title and number is None:
            yield index, block, title


VENUES = (
    "ICLR|ICML|NeurIPS|NIPS|CVPR|ICCV|ECCV|ACL|EMNLP|NAACL|COLING|AAAI|IJCAI|KDD|SIGIR|WWW|TPAMI|JMLR|TMLR|CoRL|RSS|"
    "ICRA|IROS|UAI|AISTATS|COLT|MICCAI|Interspeech|ICASSP|ECML(?:[- ]PKDD)?|arXiv"
)
"""The venues a paper's title or byline names (an alternation for patterns)."""
VENUE_TAG = regex.compile(
    r"\s*[(（\[【]\s*(?P<venue>(?:" + VENUES + r")"
    r"\s*'?(?P<year>(?:19|20)?\d\d)?[^)）\]】]{0,40})[)）\]】]\s*$"
)
"""A venue tag after a title: ``(ICLR 2022, Outstanding Paper)``, ``[NeurIPS'21]``, ``（CVPR 2023 最佳论文）``."""
_VENUE_TAG_BACKWARDS = regex.compile("(?r)" + VENUE_TAG.pattern)


def find_venue_tag(text: str) -> regex.Match | None:
    """The venue tag at the end of ``text``: where it starts is searched backwards from the end
    (searched forwards, a long run of spaces would be scanned again from each of its
    positions), its parts read forwards from there (so that the year is the year)."""
    found = _VENUE_TAG_BACKWARDS.search(text)
    return VENUE_TAG.match(text, found.start()) if found else None


def venue_year(text: str) -> int | None:
    """The year of the venue tag after a title, if it gives one.

    >>> venue_year("Analytic-DPM (ICLR 2022, Outstanding Paper)"), venue_year("GPT-3 [NeurIPS'20]"), venue_year("ResNet (2015)")
    (2022, 2020, 2015)
    >>> venue_year("EAS (2018a)"), venue_year("NAS (2017b)")
    (2018, 2017)
    >>> heading_title(Block("heading", "1. Analytic-DPM: an Analytic Estimate (ICLR 2022, Outstanding Paper)", (1, 1)))
    (1, 'Analytic-DPM: an Analytic Estimate')
    """
    match = find_venue_tag(text.strip())
    if match is None or not match.group("year"):
        alone = _YEAR_TAG.search(text)  # ("ResNet (2015)": the year stays in the title, as written)
        return int(alone.group(1)) if alone else None
    year = int(match.group("year"))
    return year if year > 1900 else 2000 + year


_ARTICLE_VENUE = regex.compile(
    r"(?<![\p{L}\d])(?:" + VENUES.replace("|arXiv", "") + r")(?:\s*((?:19|20)\d\d)|\s*'\s*(\d\d)|(\d\d))(?!\d)"
    r"|(?<!\d)((?:19|20)\d\d)\s*年?\s*(?:" + VENUES.replace("|arXiv", "") + r")(?![\p{L}\d])")
"""A venue and its year: "ICLR 2020", "NeurIPS'21", "CVPR19" (not "NeurIPS 10 papers": a count),
or the year first: "2020 年 NeurIPS 最佳论文"."""


_SINCE_BEFORE = regex.compile(r"(?i)\b(?:since|after|beyond|post)[\s-]+(?:the\s+)?$")
_SINCE_AFTER = regex.compile(r"\s*(?:之后|以后|以来|过后)")
"""A venue named as a point in time, not as what the article is about: "Top papers since
ICLR 2018", "NeurIPS 2019 之后的进展"."""


def article_venue_year(title: str) -> int | None:
    """The year of the one conference an article's title is about ("ICLR 2020 大会最佳深度学习论文",
    "来自 ECML-PKDD 2020 会议的顶级研究论文"): the year of the papers it presents; None where the
    title names no venue with a year, or several.

    >>> article_venue_year("ICLR 2020 大会最佳深度学习论文"), article_venue_year("Top papers of NeurIPS'21")
    (2020, 2021)
    >>> article_venue_year("2021 年 8 月要读的四篇深度学习论文"), article_venue_year("From CVPR 2019 to ICCV 2021")
    (None, None)
    >>> article_venue_year("Top 10 papers since ICLR 2018"), article_venue_year("NeurIPS 2019 之后的进展")
    (None, None)
    >>> article_venue_year("NeurIPS 10 papers you should read"), article_venue_year("CVPR '19 highlights")
    (None, 2019)
    >>> article_venue_year("2020 年 NeurIPS 最佳论文"), article_venue_year("自 2018 年 ICLR 以来的进展")
    (2020, None)
    """
    years = {int(y) if len(y) == 4 else 2000 + int(y) for y in (
        match.group(1) or match.group(2) or match.group(3) or match.group(4) for match in _ARTICLE_VENUE.finditer(title)
        if not _SINCE_BEFORE.search(title, 0, match.start()) and not _SINCE_AFTER.match(title, match.end()))}
    return years.pop() if len(years) == 1 else None


_YEAR_TAG = regex.compile(r"(?r)[(（\[【]\s*((?:19|20)\d\d)[a-z]?\s*年?\s*[)）\]】]\s*$")
"""A year alone in brackets at the end of a title: ``ResNet (2015)``, ``(2016 年)``, ``EAS (2018a)``
(the letter tells its authors' papers of that year apart)."""


def without_venue_tag(title: str) -> str:
    """``title`` without the venue tag at its end (its year is the entry's: :func:`venue_year`);
    a year alone stays, as written.

    >>> without_venue_tag("SCNet (CVPR 2020)"), without_venue_tag("GPT-3 [NeurIPS'20]"), without_venue_tag("HNAS (2017)")
    ('SCNet', 'GPT-3', 'HNAS (2017)')
    """
    venue = find_venue_tag(title)
    return clean_title(title[: venue.start()]) if venue is not None and venue.start() else title


def without_year_tag(title: str) -> str:
    """``title`` without a year alone in brackets at its end.

    >>> without_year_tag("ResNet (2015)"), without_year_tag("EAS (2018a)"), without_year_tag("GPT-3")
    ('ResNet', 'EAS', 'GPT-3')
    """
    year = _YEAR_TAG.search(title)
    return title[: year.start()].rstrip() if year else title


_LEADING_EMOJI = regex.compile(r"^\s*[\p{So}\p{Sk}]")
# A label before the title itself: "论文标题：Masked Autoencoders …", "Title: …".
TITLE_LABEL = regex.compile(
    r"^\s*(?:(?:论文标题|论文题目|论文名称|标题|题目|(?i:paper title|title))\s*[:：]"
    # the paper's title under Chinese platforms' labels: "■ 论文 | Title", "【论文】Title"
    r"|[■□▪▫●○◆◇•►▶]?\s*(?:【\s*论文(?:标题|题目)?\s*】|论文(?:标题|题目)?\s*[|｜])(?!\s*(?:https?://|www\.)))\s*(?=\S)"
)
