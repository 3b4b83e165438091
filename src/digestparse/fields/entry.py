"""Extract stage, part 2: read the fields of one entry from its blocks.

``extract_entry`` walks the entry's blocks once.  Each block gets one role,
decided by ``block_role`` (a first-author note, a TL;DR note, a row of links,
a figure, its caption, a related-papers line, ...), and the role's handler
fills one field.  So to find where a field comes from, look up its handler
here: title -> ``extract_entry`` head, summary -> ``_on_prose`` /
``_on_labelled``, links -> ``_on_link_row``, figure -> ``_on_image`` /
``_on_caption``, authors -> ``_on_author_line`` / ``_on_first_author``,
related -> ``_on_related``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from ..blocks import AUTHORS_LABEL, Block
from ..blocks.plaintext import is_label_row, is_link_label, joined_label, names_paper
from ..document import Document
from ..entries import Entry
from ..entries.patterns import (
    AFFILIATION_LABEL,
    CODE_SPAN,
    FIGURE_NUMBER,
    FIRST_AUTHOR,
    KEY_INSIGHT,
    LABELLED_SUMMARY,
    PAPER_LABEL,
    RELATED_LABEL,
    TIME_TAG,
    TLDR_MARKER,
    VENUE_LABEL,
    WHY,
)
from ..entries.rules.cited_paper_heading import LATIN_NAME
from ..entries.rules.linked_title_paragraph import YEAR_AFTER_TITLE, bold_linked_name
from ..entries.rules.paper_table_row import columns, title_cell
from ..entries.rules.walkthrough_paper import INTRO_BLOCKS
from ..entries.title import (
    TITLE_LABEL,
    VENUES,
    article_venue_year,
    before_bar,
    clean_title,
    heading_title,
    venue_year,
    without_venue_tag,
    without_year_tag,
)
from ..language import block_lang
from ..models import Link, RelatedPaper
from .authors import AuthorLine, cited_authors, is_name, named_as_thing, parse_author_line
from .links import leads_nowhere, make_link, paper_ids, role_of, same_paper_key
from .mentions import split_sentences


@dataclass(frozen=True)
class Value:
    """A field value with its language and the lines it was read from."""

    text: str
    lang: str | None
    lines: tuple[int, int]


@dataclass
class PersonValue:
    name: Value
    spelling: Value | None = None
    """The name in the other script, as the same line gives it: ``徐柯宇（Keyulu Xu）``."""
    links: list[Link] = field(default_factory=list)
    link_lines: list[tuple[int, int]] = field(default_factory=list)  # the lines of each of ``links``


@dataclass
class ExtractedEntry:
    """The fields of one entry as found in one document (before variants are merged)."""

    path: str | None
    lang: str | None
    ordinal: int
    number: int | None
    lines: tuple[int, int]
    title: Value
    rule: str = ""
    title_other: Value | None = None  # the title in a second language (merged under its own key)
    section: Value | None = None
    summary: Value | None = None
    summary_kind: str | None = None
    why: Value | None = None
    key_insight: Value | None = None
    links: list[Link] = field(default_factory=list)
    link_lines: list[tuple[int, int]] = field(default_factory=list)
    link_labels: list[str] = field(default_factory=list)
    image: str | None = None
    image_lines: tuple[int, int] | None = None
    caption: Value | None = None
    authors: list[PersonValue] = field(default_factory=list)
    et_al: bool = False
    year: int | None = None
    year_lines: tuple[int, int] | None = None
    first_author: PersonValue | None = None
    related: list[RelatedPaper] = field(default_factory=list)
    related_lines: list[tuple[int, int]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


CAPTION_PREFIX = regex.compile(r"^\W*(?:来源|资料来源|图片来源|图\s*\d*|figure|fig|source|image|credit|ML-Collage)\b", regex.I)
_CREDIT_WORD = r"^\W*(?:image |photo |picture )?(?:source|credit|来源|资料来源|图片来源|图源)s?"
_CREDIT_ONLY = regex.compile(
    _CREDIT_WORD + r"\W*(?:(?:(?:the |original )?paper|原始论文|原论文|论文|原文|here|这里)\W*|\S+://\S+\s*)?$", regex.I)
"""A credit line that says nothing of the figure ("Source", "Image Source", "Source: Paper",
"source: https://…"): no caption, though its link may still name the paper."""
_CREDIT_NAMING = regex.compile(_CREDIT_WORD + r"\s*[-–—:：]\s*", regex.I)
_CREDIT_AFTER = regex.compile(
    r"\s*[(（]\s*(?:来源|资料来源|图片来源|源|(?:image )?source|credit)s?\s*[:：]?\s*"
    r"(?:(?:the |original )?paper|原始论文|原论文|论文|原文)?\s*[)）]?"
    # ("(图片来源：原论文)，带有更多注释。": the original's "with more annotations" went outside)
    r"(?:\s*[,，]\s*(?:带有|附有|加上)?更多注释)?\s*[。.]?\s*$", regex.I)
"""A credit that says nothing at the end of a caption: "… 的比较 ( [来源](…))" (the link's label is
in the text; "(Source: Smith et al. 2020)" says something and stays)."""


def _credit_only(text: str, block: Block) -> bool:
    """``text`` (of ``block``) is a credit that says nothing of the figure: see
    :data:`_CREDIT_ONLY`, or one that names only the work a link of the block points to
    (``*来源- [感知者:具有迭代注意的一般感知](https://arxiv.org/abs/2103.03206)*``)."""
    if _CREDIT_ONLY.match(text):
        return True
    named = _CREDIT_NAMING.match(text)
    return named is not None and text[named.end():].strip(" *_") in {link.label.strip(" *_") for link in block.links}


_DISPLAY_MATH = regex.compile(r"\$\$.+\$\$", regex.S)
"""A formula set apart ("$$ … $$"); TeX is text to the Markdown reader."""
_LINK_ROW_RESIDUE = regex.compile(r"[\s|｜\p{P}\p{S}]+")
MAX_NAME_LINE = 40
TITLE_LINK_IS_PAPER = ("review_intro", "walkthrough_paper", "linked_title_paragraph")
"""Entry rules whose title is read from a link's text: that link is the paper."""
OPENING_PROSE = 3
"""How many prose paragraphs of an entry may hold the citation of its paper (as many as
``cited_paper_heading`` reads for a late one: ``#### ResNet`` over two paragraphs of background,
then "由何等人在其 2015 年的论文 [Deep Residual Learning …](arxiv) 中首次介绍")."""
CODE_CUE = regex.compile(r"代码|源码|实现|code|implementation|github", regex.I)
"""Words that make a link in running text the entry's code: "代码可以在[这里](github)找到"."""
CODE_CUE_WITHIN = 20
_SENTENCE_BREAK = regex.compile(r"[。！？；!?;]|\.\s")
_CITATION_GLUE = " \t,，;；、|｜/·"
"""What may stand between a citation and its code link: "[Gao 等人，2021](…)；[代码](…)"."""
_SENTENCE_END = regex.compile(r"[。.!?！？:：]\s*$")
MIN_LEAD_SUMMARY = 20
"""Characters the sentence before a link row needs to be the entry's summary."""
_UP_TO_LAST_STOP = regex.compile(r"(?s)^(.*[。.!?！？])(?:\s|$)")


_FOLLOW_US = regex.compile(r"扫码|二维码|长按(?:识别|关注)|关注我们|关注公众号|(?i:scan (?:the |this )?QR|QR code|follow us)")
"""What the line under an account's QR code says ("扫码关注我们", "长按识别二维码")."""
_LIST_SEPARATOR = regex.compile(r"[,，、]")
_TAGS_ONLY = regex.compile(r"^\s*(?:#[\w-]+\s*)+$")
"""A line of hashtags (a note's "#architecture #rnn")."""
_FOOTNOTE_DEFINITION = regex.compile(r"^\s*\[\^[^\]\s]{1,40}\]:")
"""A Markdown footnote's text (``[^1]: First published at NeurIPS 2017.``; one whose text is an
address alone is a link definition, which leaves no block)."""
_YEAR_IN_VENUE = regex.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_LINE_BREAK = regex.compile(r"(?<=(.))[ \t]*\n\s*(?=(.))")
_WIDE = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\u3000-\u303f\uff00-\uffef]")


def _unwrap(text: str) -> str:
    r"""``text`` on one line: a line break of wrapped text goes, between two Chinese characters
    (or full-width punctuation) for nothing, else for a space.

    >>> _unwrap("BERT 使用双向的\nTransformer 进行\n预训练。")
    'BERT 使用双向的 Transformer 进行预训练。'
    >>> _unwrap("replaces recurrence  \n  with attention")
    'replaces recurrence with attention'
    """
    if "\n" not in text:
        return text
    return _LINE_BREAK.sub(lambda m: "" if _WIDE.match(m.group(1)) and _WIDE.match(m.group(2)) else " ", text)


def _title_link(head: Block, title: str):  # noqa: ANN202 - an InlineLink or None
    """The link of ``head`` that gave the entry its title: the whole title, or part of the quoted
    one (“用于视觉识别的[漏斗激活](…)”); none that leads nowhere (“## [Title](#)”)."""
    links = [link for link in head.links if not leads_nowhere(link.url)]
    return next((link for link in links if clean_title(link.label) == title), None) or next(
        (link for link in links if link.label and clean_title(link.label) in title), None)


def _people(line: AuthorLine, lines: tuple[int, int]) -> list[PersonValue]:
    """One person per name of an author line (read from ``lines``), with the Latin spelling the
    line gives a Chinese name in brackets."""
    spellings = line.spellings or (None,) * len(line.names)
    return [PersonValue(Value(name, block_lang(name), lines), Value(spelled, block_lang(spelled), lines) if spelled else None)
            for name, spelled in zip(line.names, spellings)]


_FOOTNOTE_REFERENCE = regex.compile(r"(?<=\S)\[\^[\w-]{1,40}\](?=[\s\p{P}]|$)")
"""A Markdown footnote's mark after a word (``…with attention[^1].``); a bracket after a space
(``matches [^abc]``, a regular expression) is none."""


def _value(text: str, block: Block) -> Value:
    r"""A field's value read from ``text`` of ``block``: on one line, without footnote marks.

    >>> _value("Residual nets[^2] are\ndeep[^note].", Block("paragraph", "", (3, 4))).text
    'Residual nets are deep.'
    """
    text = _unwrap(text.strip())
    if "[^" in text:
        text = _FOOTNOTE_REFERENCE.sub("", text)
    return Value(text, block_lang(text), block.lines)


def _link_parts(block: Block) -> tuple[str, bool]:
    """(text outside the links, True if the block is essentially a row of links: nothing but
    them, their separators, and link labels, as in "Paper: https://arxiv.org/abs/1706.03762").

    >>> from digestparse.blocks import InlineLink
    >>> _link_parts(Block("paragraph", "Paper: https://arxiv.org/abs/1706.03762", (1, 1), "",
    ...     links=(InlineLink("", "https://arxiv.org/abs/1706.03762"),)))[1]
    True
    >>> _link_parts(Block("paragraph", "★ +9,210 · Paper · arXiv", (1, 1), "",
    ...     links=(InlineLink("Paper", "https://x.org/p"), InlineLink("arXiv", "https://arxiv.org/abs/2304.02643"))))[1]
    True
    """
    rest = block.text_outside_links()
    if not block.links:
        return rest, False
    # (counts beside the links are no text: "★ +9,210 · [Paper](…) · [arXiv](…)")
    residue = [word for word in _LINK_ROW_RESIDUE.sub(" ", rest).split() if not word.isdigit()]
    return rest, len("".join(residue)) <= 3 or all(is_link_label(word) for word in residue)


CONTENTS_HEADING = regex.compile(r"^\W*(?:目录|内容目录|table\s+of\s+contents|contents)\W*$", regex.I)
"""A heading over an article's table of contents."""


class _Reader:
    """The single pass over an entry's blocks; one ``_on_*`` handler per block role."""

    def __init__(self, doc: Document, entry: Entry, out: ExtractedEntry):
        self.doc = doc
        self.entry = entry
        self.out = out
        self.in_author_block = False
        self.block_people: list[PersonValue] = []  # the names of the author block so far
        self.name_expected = False  # an author label with no name on its line was just read
        self.author_block_seen = False  # (an author block after the first is the next entry's)
        self.expect_caption = False
        self.following: Block | None = None  # the block after the one being read
        self.known_urls: set[str] = set()  # the URLs of out.links (kept, not rebuilt per block)
        self.paper_keys: set[str] = set()  # same_paper_key of out.links' papers (kept, not rebuilt per link)
        self.keyed = 0  # how many of out.links paper_keys has looked at
        self.seen_prose = False
        self.blocks_read = 0  # after the entry's first block
        self.opening_prose: list[Block] = []
        self.alt_caption = False  # the caption so far is an image's alt text
        self.in_related = False  # after a "Related papers:" line, whose list follows it
        self.list_after_lead_in = False  # the summary so far only leads in to the list that follows
        self.in_contents = False  # under a "目录" / "Table of contents" heading, whose list is the article's parts

    # -- roles ---------------------------------------------------------------
    def block_role(self, block: Block) -> str:
        text = block.text
        if block.kind == "heading":
            self.in_contents = bool(CONTENTS_HEADING.match(text))
        elif self.in_contents and block.kind == "list_item":
            return "skip"  # (a review's table of contents, "摘要" / "MobileNeXt" / "PyTorch Code", is no summary)
        if block.kind in ("rule", "code", "table_row"):
            return "skip" if block.kind != "rule" else "rule"
        if block.kind == "image" or (block.images and _DISPLAY_MATH.fullmatch(text.strip())):
            return "image"  # (or one glued to a formula above it: "$$ … $$![](img/…)")
        if block.kind == "caption":
            # (an HTML <figcaption>: a caption whatever its style, where it is the entry's
            # figure's; a later figure's caption, "Figure 2. … (source: paper)", is neither the
            # entry's caption nor its links)
            return "caption" if self.expect_caption or self.out.image is None else "skip"
        if block.kind in ("heading", "paragraph") and (marked := FIRST_AUTHOR.match(text)) and (
            len(text) <= 80 or parse_author_line(_without_affiliation(marked.group(1).strip(" *"))) is not None
        ):
            return "first_author"
        if self.in_author_block:
            # (profile links; a row that links the paper or its code ends the author block)
            # (a link labelled "Paper" or "论文" is a label row and a name by its text alone: under
            # "Authors: A, B" it is the entry's link row, not a profile link nor a name; so is a
            # scrape's "Paper | Code" that lost its links)
            papers = any(make_link(link.url, link.label).role in ("paper", "code") for link in block.links)
            if not papers and (block.links or not names_paper(text)):
                if block.links or is_label_row(text):
                    return "author_links"
                # (a name under its label needs no bold: "第一作者:" / "迈克尔施特罗布尔" / "[GitHub](…)")
                if len(text) <= MAX_NAME_LINE and (is_name(text.strip(" *")) or (
                        (block.strong or self.name_expected) and not _SENTENCE_END.search(text))):
                    self.name_expected = False
                    return "author_name"
            self.in_author_block = False
        if TITLE_LABEL.match(text) and not block.links and not is_label_row(text):
            return "title_line"  # ("■ 论文 | Title"; a scrape's "论文 | 代码" is its link row's labels)
        if AFFILIATION_LABEL.match(text) or _TAGS_ONLY.match(text) or _FOOTNOTE_DEFINITION.match(text):
            return "skip"  # (no field for institutions, a note's tags or a footnote; this is no summary)
        if VENUE_LABEL.match(text) and not block.links:
            return "venue"
        if TLDR_MARKER.match(text):
            return "tldr_marker"
        if RELATED_LABEL.match(text):
            # a line that only announces the list ("**Related papers:**"): its items follow
            self.in_related = not block.links
            return "related"
        if self.in_related:
            if block.kind == "list_item" and block.links:
                return "related"
            self.in_related = False
        if WHY.match(text):
            return "why"
        if KEY_INSIGHT.match(text):
            return "key_insight"
        if (block.kind == "paragraph" and self.following is not None and self.following.kind == "image"
                and self.out.image is None and FIGURE_NUMBER.match(text)):
            return "caption"  # above its image
        # (a line under the image that ends in a colon leads in to what follows it, "***The 5
        # stages of JUST:***" over the stages, and says nothing of the image)
        if self.expect_caption and block.kind == "paragraph" and not _ENDS_IN_COLON.search(text) and (
            block.emphasis
            or CAPTION_PREFIX.match(text)
            # (in a scrape, the paragraph after a link row is the figure's caption, where the
            # entry's summary came before it; else it is the summary)
            or (self.doc.format == "text" and len(text) > 40 and self.out.summary is not None)
            # (under the image: the text with its credit, "… 相比( [来源](…))", or one left in
            # the original's language in a translated post, "Perceiver IO setup, showing …")
            or (_CREDIT_AFTER.search(text) and not _credit_only(text, block))
            or (self.doc.lang == "zh" and len(text) > 20 and not _HAN_CHAR.search(text) and block_lang(text) == "en")
        ):
            return "caption"
        self.expect_caption = False
        if any(pattern.match(text) for _, pattern in LABELLED_SUMMARY):
            return "labelled_summary"
        if (self.blocks_read <= 2 and block.kind == "paragraph" and not block.links
                and (block.strong or (self.doc.format == "text" and not _SENTENCE_END.search(text)))
                and MIN_BOLD_TITLE <= len(text) <= MAX_BOLD_TITLE and "\n" not in text):
            # the bold title under a heading that is a number alone ("### 01"), and its translation
            # (in text, which has no bold, a line with no full stop); a labelled line ("**TL;DR:
            # …**") was read above
            title = clean_title(text)
            if title == self.out.title.text:
                return "skip"
            if (self.out.title_other is None and block_lang(title) not in (None, self.out.title.lang)
                    and not (_LIST_SEPARATOR.search(text) and parse_author_line(text)) and not AUTHORS_LABEL.match(text)):
                return "title_translation"  # ("Ashish Vaswani, Noam Shazeer", "■ 作者 | Kaiming He" are no title)
        if block.links and "|" in text or _link_parts(block)[1]:
            return "link_row"
        if is_label_row(text):
            return "label_row"
        if block.kind == "heading":
            return "heading"
        return "prose"

    def feed(self, block: Block, following: Block | None = None) -> None:
        """Read ``block`` (``following``: the entry's next block, or None at its end)."""
        self.following = following
        self.blocks_read += 1
        if block.kind != "list_item":
            self.list_after_lead_in = False
        getattr(self, "_on_" + self.block_role(block))(block)

    # -- handlers ------------------------------------------------------------
    def _on_skip(self, block: Block) -> None:
        pass

    def _on_title_line(self, block: Block) -> None:
        """"论文标题：English Title" below a heading: the title in the line's language, where
        that is not the heading's."""
        other = clean_title(TITLE_LABEL.sub("", block.text, count=1))
        if other and self.out.title_other is None and block_lang(other) != self.out.title.lang:
            self.out.title_other = _value(other, block)

    def _on_title_translation(self, block: Block) -> None:
        self.out.title_other = _value(clean_title(block.text), block)

    def _on_rule(self, block: Block) -> None:
        self.in_author_block = False
        self.name_expected = False
        self.expect_caption = False

    def _on_heading(self, block: Block) -> None:
        pass

    def _on_image(self, block: Block) -> None:
        if self.following is not None and _FOLLOW_US.search(self.following.text[:60]):
            return  # a QR code to follow the account ("扫码关注我们"), no figure of the paper
        if self.out.image is None and block.images:
            self.out.image = block.images[0].src
            self.out.image_lines = block.lines
            self.expect_caption = self.out.caption is None  # (else its caption stood above it)
            alt = block.images[0].alt.strip()
            if self.out.caption is None and CAPTION_PREFIX.match(alt) and len(alt) > 12:
                # "![Fig. 3. Architecture of Make-A-Video.](mav.png)": the caption is the alt text
                # (a caption paragraph below still takes its place)
                self.out.caption = _value(alt, block)
                self.alt_caption = True

    def _on_caption(self, block: Block) -> None:
        self.expect_caption = False
        text = block.text
        if block.links and "|" in text:
            # "ML-Collage [25/52]:作者的数字。|📝[论文](...)": the caption, then a row of links
            text = text.partition("|")[0]
            self._add_links(block)
        else:
            # "Source: [Paper](...)": the figure's source is the entry's paper
            self._add_links(block, only=lambda link: PAPER_LABEL.match(link.label or "") is not None)
        if (self.out.caption is None or self.alt_caption) and not _credit_only(text, block):
            text = _CREDIT_AFTER.sub("", text) or text  # ("… 的比较 ( [来源](…))": the credit is no caption)
            self.out.caption = _value(text.strip(" |"), block)
            self.alt_caption = False

    def _on_first_author(self, block: Block) -> None:
        if self.author_block_seen:
            # a second author block: the entry runs on into the next one's, whose heading a
            # copy lost ("First author: Arber Zela" … "First author: Alex Renda"); the first is its own
            self.out.warnings.append(f"a second author block at line {block.lines[0]}: left out")
            self.in_author_block = False
            return
        self.author_block_seen = True
        self.in_author_block = True
        self.block_people = []
        name = FIRST_AUTHOR.match(block.text).group(1).strip(" *")
        self.name_expected = not name
        if name and is_name(name):
            self.out.first_author = PersonValue(_value(name, block))
            self.block_people.append(self.out.first_author)
        elif name:
            # "Authors: Jacob Devlin, Ming-Wei Chang, … (Google AI)": the marker says that the
            # rest lists the authors (an affiliation after them is no name)
            self._on_author_line(block, _without_affiliation(name))

    def _on_author_name(self, block: Block) -> None:
        """A name of the author block: an author, and the first author if it is the first
        ("主要作者:" over two names: both are authors)."""
        person = PersonValue(_value(block.text.strip(" *"), block))
        if self.out.first_author is None:
            self.out.first_author = person
        elif not self.out.authors:
            self.out.authors.append(self.out.first_author)  # (named on the label's line)
        self.out.authors.append(person)
        self.block_people.append(person)

    def _on_author_links(self, block: Block) -> None:
        """Profile links, of the name just read (of the first author if none was)."""
        person = self.block_people[-1] if self.block_people else self.out.first_author
        if person is None:
            return
        for link in block.links:
            made = make_link(link.url, link.label)
            if made.role != "code":
                made = made.model_copy(update={"role": "profile"})
            person.links.append(made)
            person.link_lines.append(block.lines)

    def _on_tldr_marker(self, block: Block) -> None:
        if self.out.summary is not None and self.out.summary_kind == "description":
            self.out.summary_kind = "tldr"

    def _on_related(self, block: Block) -> None:
        for link in block.links:
            made = make_link(link.url, link.label)
            if link.label and not leads_nowhere(made.url):
                self.out.related.append(RelatedPaper(title=clean_title(link.label), url=made.url, ids=paper_ids(made.url)))
                self.out.related_lines.append(block.lines)

    def _on_venue(self, block: Block) -> None:
        """"Venue: CVPR 2016": the year, where no other line gave one."""
        if self.out.year is None and (year := _YEAR_IN_VENUE.search(block.text)):
            self.out.year = int(year.group(0))

    def _on_why(self, block: Block) -> None:
        self.out.why = self.out.why or _value(WHY.sub("", block.text, count=1), block)

    def _on_key_insight(self, block: Block) -> None:
        self.out.key_insight = self.out.key_insight or _value(KEY_INSIGHT.sub("", block.text, count=1), block)

    def _on_labelled_summary(self, block: Block) -> None:
        for kind, pattern in LABELLED_SUMMARY:
            match = pattern.match(block.text)
            if match:
                text = block.text[match.end():].lstrip(" .。*").rstrip(" *")  # (its own full stop stays)
                if kind == "tldr" and _SOURCE_NOTE.match(text):
                    return  # ("(TL;DR, from …)" that TLDR_MARKER did not take: a note, no summary)
                if not text:
                    self.out.warnings.append(f"empty {kind} at line {block.lines[0]}")
                elif self.out.summary is None or self.out.summary_kind == "description":
                    self.out.summary, self.out.summary_kind = _value(text, block), kind
                return

    def _on_link_row(self, block: Block) -> None:
        rest, pure = _link_parts(block)
        if not pure:
            lead = rest.split("|", 1)[0].strip()
            sentences = _UP_TO_LAST_STOP.match(lead)  # (a label's leftovers after it: "`arXiv < >`_")
            if (not self._on_author_line(block, lead, require_marker=False) and self.out.summary is None
                    and sentences and len(lead := sentences.group(1)) >= MIN_LEAD_SUMMARY):
                # a sentence before the row: "A first-order approximation … rule. `arXiv <…>`_ | `code <…>`_"
                self.out.summary, self.out.summary_kind = _value(lead, block), "description"
        self._add_links(block)
        if self.doc.format == "text":
            self.expect_caption = True

    def _on_label_row(self, block: Block) -> None:
        self.out.link_labels.extend(part.strip(" *") for part in block.text.split("|"))
        if self.doc.format == "text":
            self.expect_caption = True

    def _on_prose(self, block: Block) -> None:
        # (a Markdown paragraph's source shows its emphasis: "*A, B (2021)*"; HTML's shows tags)
        source = block.raw if block.kind == "paragraph" and self.doc.format != "html" else block.text
        if not self.seen_prose and self._on_author_line(block, source):
            return
        text = block.text
        if AUTHORS_LABEL.match(text):
            return  # (a labelled author line not read as names, "■ 作者 | …", is no summary either)
        if not self.seen_prose and not self.out.authors and (byline := _leading_byline(text)) is not None:
            # "Lightman et al. (OpenAI). Process supervision beats …": authors, then the summary
            line, year, text = byline
            self.out.authors = _people(line, block.lines)
            self.out.et_al, self.out.year = line.et_al, year
        if self.list_after_lead_in:
            self._summary_goes_on(block)
        if len(self.opening_prose) < OPENING_PROSE:
            self.opening_prose.append(block)
        self.seen_prose = True
        # (the code where the words say so; the paper where its label does and the entry has
        # none yet: "My take: … [Paper](…) · [Code](…)"; a review's later "[论文](…)" is another's)
        unlinked = not any(link.role == "paper" for link in self.out.links) and not any(
            role_of(link.url, link.label) == "paper" for opening in self.opening_prose if opening is not block
            for link in opening.links)  # (an opening citation is the paper: see _add_opening_citation)
        others: list[set[str]] = []  # (worked out once, where a code link asks)

        def another_papers(link: Link) -> bool:
            if not others:
                others.append(self._codes_of_other_papers(block))
            return link.url in others[0]

        self._add_links(block, only=lambda link: (
            link.role == "code" and self._cued_as_code(block, link) and not another_papers(link)
        ) or (unlinked and link.role == "paper" and PAPER_LABEL.match(link.label or "") is not None))
        if (self.out.summary is None and block.kind in ("paragraph", "list_item") and len(text) >= 10
                and not is_question_alone(text) and not is_article_plan(text)):
            summary = without_lead_in(_without_link_residue(text, block))
            self.out.summary, self.out.summary_kind = _value(summary, block), "description"
            # (a paragraph that only leads in, "RN 类似于孪生网络，但有一些区别：", takes its list)
            self.list_after_lead_in = block.kind == "paragraph" and _ENDS_IN_COLON.search(summary) is not None

    def _summary_goes_on(self, item: Block) -> None:
        """Add the list ``item`` to a summary that led in to its list, while it stays within
        ``MAX_LISTED_SUMMARY`` characters."""
        summary = self.out.summary
        so_far = summary.text.rstrip()
        if not _ITEM_END.search(so_far):  # (an item with no stop of its own: "two stages: A; B")
            so_far += "；" if summary.lang == "zh" else ";"
        text = _unwrap(so_far + "\n" + _without_link_residue(item.text, item).strip())
        if len(text) > MAX_LISTED_SUMMARY:
            self.list_after_lead_in = False
            return
        self.out.summary = Value(text, block_lang(text), (summary.lines[0], item.lines[1]))

    # -- helpers -------------------------------------------------------------
    def _on_author_line(self, block: Block, text: str, require_marker: bool = False) -> bool:
        if self.out.authors:
            return False
        line = parse_author_line(text, require_marker=require_marker)
        if line is None:
            return False
        self.out.authors = _people(line, block.lines)
        self.out.et_al = line.et_al
        self.out.year = line.year
        return True

    @staticmethod
    def _cued_as_code(block: Block, link: Link) -> bool:
        at = block.text.find(link.label) if link.label else -1
        if at < 0:
            return False
        # the words around the link, within its own sentence
        before = _SENTENCE_BREAK.split(block.text[max(0, at - CODE_CUE_WITHIN) : at])[-1]
        after = _SENTENCE_BREAK.split(block.text[at + len(link.label) : at + len(link.label) + CODE_CUE_WITHIN])[0]
        return bool(CODE_CUE.search(before + link.label + after))

    def _codes_of_other_papers(self, block: Block) -> set[str]:
        """The code links of ``block`` that come straight after a citation of a paper other than
        the entry's: "**SimCSE**（[Gao 等人，2021](arxiv)；[代码](github)）" in a section on another
        paper.  (One pass over the block's links: a paragraph may hold thousands.)"""
        kept = self._paper_keys()
        cited_keys = {same_paper_key(cited.url) for opening in self.opening_prose if opening is not block
                      for cited in opening.links if role_of(cited.url, cited.label) == "paper"}
        if not kept and not cited_keys:
            return set()  # (no paper of the entry's own yet: the citation may well be it)
        found: set[str] = set()
        at, before = 0, None  # (the link before: its role, its paper, where its text starts and ends)
        for inline in block.links:
            made = make_link(inline.url, inline.label)
            here = block.text.find(inline.label, at) if inline.label else -1
            if (made.role == "code" and here >= 0 and before is not None and before[0] == "paper"
                    and before[1] not in kept and before[1] not in cited_keys and not block.text[before[3] : here].strip(_CITATION_GLUE)
                    and not self._names_the_entry(block.text, before[2])):
                found.add(made.url)
            start = here if here >= 0 else at
            if here >= 0:
                at = here + len(inline.label)
            before = (made.role, same_paper_key(made.url), start, at)
        return found

    def _names_the_entry(self, text: str, at: int) -> bool:
        """Does ``text`` name the entry right before ``at`` (its title, or the short name the title
        opens with), so that a citation there cites the entry's paper under another address?
        ("## [SimCSE](openreview)" / "**SimCSE**（[Gao 等人，2021](arxiv)；[代码](…)）")"""
        title = self.out.title.text.casefold() if self.out.title else ""
        names = {title, regex.split(r"\s*[:：]", title, maxsplit=1)[0]} - {""}  # ("SimCSE: Simple …")
        if not names:
            return False
        reach = max(map(len, names)) + 20  # (the text just before: a paragraph may hold thousands of links)
        named = text[max(0, at - reach) : at].rstrip(_CITATION_GLUE + "*_（(【[").casefold()
        return any(named.endswith(name) for name in names)

    def _paper_keys(self) -> set[str]:
        """:func:`.links.same_paper_key` of every paper of ``out.links``: kept as links are added
        (an entry of a thousand paper links had them all keyed again for each), and made again
        where the links were changed elsewhere."""
        if self.keyed != len(self.out.links):
            self.paper_keys = {same_paper_key(have.url) for have in self.out.links if have.role == "paper"}
            self.keyed = len(self.out.links)
        return self.paper_keys

    def _add_links(self, block: Block, only=None) -> None:
        known = self.known_urls
        if len(known) < len(self.out.links):  # (a link added before the reader read any)
            known.update(link.url for link in self.out.links)
        for link in block.links:
            if leads_nowhere(link.url):
                # a place in the page itself ("#### [**CSP**](#TOC)" leads back to the contents), or
                # no web address: a template's "[Paper]()", "<a href='javascript:void(0)'>Code</a>", an e-mail
                continue
            # (a link whose text is its own address takes the label before it: "项目主页：https://…")
            shown = link.label if link.label.startswith(("http://", "https://")) else ""  # (the address as shown)
            made = make_link(link.url, (link.label if not shown else "") or _label_before(block.text, shown or link.url)
                             or link.label)
            if made.url in known or (made.role == "other" and not made.label) or (only and not only(made)):
                continue
            if made.role == "paper" and same_paper_key(made.url) in self._paper_keys():
                continue  # the same paper again: its PDF after its abstract page ("链接到原始研究论文")
            self.out.links.append(made)
            if made.role == "paper":
                self.paper_keys.add(same_paper_key(made.url))
            self.keyed += 1
            self.out.link_lines.append(block.lines)
            known.add(made.url)


_TRAILING_SEPARATORS = " \t·•|｜/,，;；-–—"
_FOOTNOTE_MARK = regex.compile(r"\^[\w-]{1,30}|\[\^?[\w-]{1,30}\]")


def _without_link_residue(text: str, block: Block) -> str:
    """``text`` without the labels of the block's links it ends with ("… when to retrieve. Code",
    "… on MATH. arXiv · code"): a link row run into the summary's paragraph; and without its
    footnote marks ("^elmo", "[1]"), whose links the entry keeps.

    >>> from digestparse.blocks import InlineLink
    >>> _without_link_residue("It retrieves. arXiv · code", Block("paragraph", "", (1, 1), "",
    ...     links=(InlineLink("arXiv", "https://arxiv.org/abs/1"), InlineLink("code", "https://github.com/a/b"))))
    'It retrieves.'
    """
    for mark in {link.label for link in block.links if link.label and _FOOTNOTE_MARK.fullmatch(link.label)}:
        text = text.replace(mark, "")  # (a footnote's mark: "…词向量。^elmo")
    if block.links and ("(" in text or "（" in text):
        text = _without_bracketed_links(text, block)
    if any(_POINTER_LABEL.match(link.label or "") for link in block.links):
        text = _without_pointers(text, block)
    labels = sorted({link.label.strip() for link in block.links if link.label and is_link_label(link.label.strip())})
    rest = text
    while labels:
        trimmed = rest.rstrip(_TRAILING_SEPARATORS)
        label = next((label for label in labels if trimmed.endswith(label) and
                      (len(trimmed) == len(label) or not trimmed[-len(label) - 1].isalnum())), None)
        if label is None:
            break
        rest = trimmed[: -len(label)]
    rest = rest.rstrip(_TRAILING_SEPARATORS)
    return rest if rest != text.rstrip(_TRAILING_SEPARATORS) and rest.strip() else text


_BRACKETED = regex.compile(r"\s?[(（]([^()（）\n]{1,300})[)）]")
_LABEL_SEPARATORS = regex.compile(r"[\s、,，/|｜·;；]+")


def _without_bracketed_links(text: str, block: Block) -> str:
    """``text`` without brackets that hold only the labels of two or more of the block's links:
    "感知者 IO ( [博客](…)、 [HF 库](…)、[论文](…))基于…" leaves "( 博客、 HF 库、论文)" in the text.
    A citation stays, one link or several (its labels hold a year: "（Mnih 等人，2016）"), and so
    does one linked name ("（[K-FAC](…)）").

    >>> from digestparse.blocks import InlineLink
    >>> _without_bracketed_links("Gato (博客、论文) 是一个模型 (2022)。", Block("paragraph", "", (1, 1), "",
    ...     links=(InlineLink("博客", "https://example.com/gato"), InlineLink("论文", "https://arxiv.org/abs/2205.06175"))))
    'Gato 是一个模型 (2022)。'
    """
    labels = {label for link in block.links if (label := _LABEL_SEPARATORS.sub(" ", link.label or "").strip())
              and not any(ch.isdigit() for ch in label)}

    def links_only(match: regex.Match) -> str:
        # (separators made spaces on both sides: a label may hold one itself, "HF 库")
        rest = _LABEL_SEPARATORS.sub(" ", match.group(1)).strip()
        found = 0
        for label in sorted(labels, key=len, reverse=True):
            if label in rest:
                found += 1
                rest = rest.replace(label, " ")
        return "" if found >= 2 and not rest.strip() else match.group(0)

    return _BRACKETED.sub(links_only, text)


_POINTER_LABEL = regex.compile(r"^\W*(?:这里|此处|点击这里|点这里|here|click here|this link)", regex.I)
"""A link whose label only points: "去雾网的代码可以在[这里](github)找到。"."""
MAX_POINTER_SENTENCE = 40
"""A sentence this short (in characters) that holds a pointing link says only where the link goes."""


def _without_pointers(text: str, block: Block) -> str:
    """``text`` without its short sentences that only point to a link ("这个模型的代码可以在这里找到。"),
    where other sentences remain.

    >>> from digestparse.blocks import InlineLink
    >>> _without_pointers("去雾网是早期方法。去雾网的代码可以在这里找到。它学习映射。", Block("paragraph", "", (1, 1), "",
    ...     links=(InlineLink("这里", "https://github.com/caibolun/DehazeNet"),)))
    '去雾网是早期方法。它学习映射。'
    """
    pointers = [label for link in block.links if _POINTER_LABEL.match(label := (link.label or "").strip())]
    kept = [sentence for sentence in split_sentences(text)
            if not (len(sentence.strip()) <= MAX_POINTER_SENTENCE and any(p in sentence for p in pointers))]
    rest = "".join(kept).strip()
    return rest if rest else text


_SENTENCE_STOP = regex.compile(
    r"[。！？]|(?<!\b(?:al|etc|vs|eq|fig|no|e\.g|i\.e|[A-Za-z]))[.!?](?=\s+[\p{Lu}\p{Han}])", regex.I)
"""Where a sentence ends: a full-width stop, or a Latin one before a capital, unless it ends an
abbreviation ("et al.", "Fig.") or an initial."""
_ENDS_IN_COLON = regex.compile(r"[:：]\s*$")
_ITEM_END = regex.compile(r"[。.!?！？:：;；,，、…)）]$")
"""How a list item may end that needs no separator before the next one."""
MAX_LISTED_SUMMARY = 600
"""The longest a summary grows by the list its paragraph leads in to."""


def without_lead_in(text: str) -> str:
    """``text`` without a last sentence that only leads in to a list or a formula the paragraph
    does not hold ("ACER 提出了三种设计来克服这一障碍："), where a sentence comes before it.

    >>> without_lead_in("ACER 是 A3C 的离线对应物。ACER 提出了三种设计来克服这一障碍：")
    'ACER 是 A3C 的离线对应物。'
    >>> without_lead_in("Ho et al. (2020) found that a simpler objective works better:")
    'Ho et al. (2020) found that a simpler objective works better:'
    >>> without_lead_in("RoBERTa is BERT trained longer. It changes the following:")
    'RoBERTa is BERT trained longer.'
    """
    if not _ENDS_IN_COLON.search(text):
        return text
    last = None
    for last in _SENTENCE_STOP.finditer(text):
        pass
    return text[: last.end()] if last is not None else text


_QUESTION_ALONE = regex.compile(r"^[^。！？.!?]{1,200}[？?]\s*$")
"""A paragraph that is one question and nothing else."""
_ARTICLE_PLAN = regex.compile(
    r"^\s*(?:本文分为[^。]{0,10}部分。\s*)?首先，?\s*我们将"
    r"|^\s*(?:in\s+this\s+(?:post|article),?\s+)?we\s+will\s+first\b", regex.I)
"""A paragraph that lays out the article's plan: ``首先，我们将看看这篇论文背后的动机，然后……``,
``本文分为四个部分。首先，我们将简要回顾激活函数……``."""


def is_question_alone(text: str) -> bool:
    """Is a paragraph one question alone, which says nothing of the paper (``你能猜出哪个图像(从下面的
    2 个图像中)是真实的，哪个是 GAN 生成的吗？``, a heading a scrape left as the StyleGAN section's first
    sentence), so no summary?  A question the paragraph goes on to answer is part of its summary.

    >>> is_question_alone("你能猜出哪个图像(从下面的 2 个图像中)是真实的，哪个是 GAN 生成的吗？")
    True
    >>> is_question_alone("Can attention replace recurrence? The Transformer shows it can."), is_question_alone("本文提出了一种新的激活函数。")
    (False, False)
    """
    return bool(_QUESTION_ALONE.match(text))


def is_article_plan(text: str) -> bool:
    """Does a paragraph lay out the article's plan (what the review will do first, then), which
    is no summary of the paper?

    >>> is_article_plan("首先，我们将看看这篇论文背后的动机，然后与 GhostNet 进行比较。")
    True
    >>> is_article_plan("本文分为四个部分。首先，我们将简要回顾激活函数。"), is_article_plan("首先，作者提出了一种新的卷积。")
    (True, False)
    """
    return bool(_ARTICLE_PLAN.match(text))


_LABEL_BEFORE = regex.compile(r"(\p{L}[\p{L} ]{0,15}?)\s*[:：]\s*[【\[(（]?\s*$")
"""A label and its colon before a bare URL, which a bracket may open (``研究论文:【https://…】``)."""


def _label_before(text: str, url: str) -> str:
    """The link label a bare URL's line gives it (``项目主页：https://…``, ``Code link: https://…``),
    else "".

    >>> _label_before("论文：https://x.org/a\\n项目主页：https://mae.example/", "https://mae.example/")
    '项目主页'
    >>> _label_before("we released it at https://x.org/b", "https://x.org/b")
    ''
    >>> _label_before("研究 论文:【https://arxiv.org/pdf/1703.05192.pdf】T4", "https://arxiv.org/pdf/1703.05192.pdf")
    '研究论文'
    """
    at = text.find(url)
    match = _LABEL_BEFORE.search(text, max(0, at - 24), at) if at > 0 else None
    if not match or not is_link_label(match.group(1)):
        return ""
    return joined_label(match.group(1).strip())


def _opening_papers(opening: list[Block], title: str) -> list[tuple[Block, Link]]:
    """The paper links of the entry's opening prose, in order; where the first one's text is a
    phrase of a translated sentence ("…可以追溯到[很久以前](arxiv)", "a long time ago"; "包括神经图灵机和
    [记忆网络](arxiv)") and a later one cites its paper by author and year ("OpenAI 的研究人员（[Salimans,
    et al. 2017](arxiv)）"), the citation comes first: the phrase points to earlier work the
    section builds on, the citation to its paper (3 records of the archive sample, each now
    the paper its section is about)."""
    found = [(block, made) for block in opening for link in block.links
             if (made := make_link(link.url, link.label)).role == "paper"]
    if len(found) > 1 and not _cites_or_names(*found[0], title):
        cited = next((i for i, (_, link) in enumerate(found) if cited_authors(link.label or "")), None)
        if cited is not None:
            found.insert(0, found.pop(cited))
    return found


def _cites_or_names(block: Block, link: Link, title: str) -> bool:
    """Does a link's text cite its paper by author and year, or name it: the entry's title, a
    label ("论文"), a name or title left in Latin script, a title set off in italics or quotes
    (``*[图像识别的深度残差学习](arxiv)*``, ``[“注意力就是一切”](…)``)?"""
    label = link.label or ""
    if cited_authors(label) is not None or not _HAN_CHAR.search(label) or PAPER_LABEL.match(label):
        return True
    if clean_title(label) == title:
        return True
    set_off = regex.search(r"([*_“\"《「]?)\s*\[\s*([*_“\"《「]?)\s*" + regex.escape(label.strip(" *_“”\"《》「」")), block.raw)
    return bool(set_off and (set_off.group(1) or set_off.group(2)))


def _add_opening_citation(out: ExtractedEntry, opening: list[Block]) -> None:
    """The paper cited in the entry's first prose paragraphs ("… 发表在题为 *[Deep Residual …](arxiv)* 的论文"),
    ahead of any paper link that comes later in the entry (a link list at its end)."""
    for block, cited in _opening_papers(opening, out.title.text)[:1]:
        first_paper = next((i for i, link in enumerate(out.links) if link.role == "paper"), None)
        if first_paper is not None and out.link_lines[first_paper][0] <= block.lines[0]:
            return
        key = same_paper_key(cited.url)
        for at in reversed(range(len(out.links))):  # (the same link, or the same paper's PDF, later on)
            link = out.links[at]
            if link.url == cited.url or (link.role == "paper" and same_paper_key(link.url) == key):
                del out.links[at], out.link_lines[at]
        out.links.insert(0, cited)
        out.link_lines.insert(0, block.lines)
        return


_NAMED_PAPER_LABEL = regex.compile(r"^\W*(?P<name>[A-Za-z][\w.+-]{1,30})\s*(?:论文|的论文|paper)\W*$", regex.I)
_LEADING_NAME = regex.compile(r"^\W*(?P<name>[A-Za-z][\w.+-]{1,30})")


def _named_paper(blocks: list[Block], title: str) -> tuple[Block, Link] | None:
    """The first link of the entry labelled as the paper of the model its title opens with:
    ``[CSPNet 论文](…)`` under ``CSP:跨级部分连接(主干→ BoS)``."""
    lead = _LEADING_NAME.match(title)
    if lead is None:
        return None
    name = lead.group("name").casefold()
    for block in blocks:
        for link in block.links:
            match = _NAMED_PAPER_LABEL.match(link.label or "")
            if match is None or (made := make_link(link.url, link.label)).role != "paper":
                continue
            named = match.group("name").casefold()
            if named.startswith(name) or name.startswith(named):
                return block, made
    return None


def _add_named_paper(out: ExtractedEntry, blocks: list[Block]) -> None:
    """Put the paper the entry labels as its model's (:func:`_named_paper`) first, in place of an
    opening citation of another model's paper: the CSP section of the YOLOv4 walk-through opens
    citing DenseNet ("[2016 年，黄高等人](DenseNet) 提出了 DenseNet"), which CSP builds on, and had
    DenseNet for its paper."""
    found = _named_paper(blocks, out.title.text) if out.title else None
    if found is None:
        return
    block, named = found
    key = same_paper_key(named.url)
    first = next((i for i, link in enumerate(out.links) if link.role == "paper"), None)
    if first is not None and same_paper_key(out.links[first].url) == key:
        return
    if first is not None:  # (the citation of another paper is no link of this entry)
        del out.links[first], out.link_lines[first]
    out.links.insert(0, named)
    out.link_lines.insert(0, block.lines)




_BOLD_NAME_CITED = regex.compile(r"^\W*\*\*(?P<name>[^*]{2,60}?)\*\*\s*[（(]")
"""A paragraph opening with a bold name and a bracket right after it: ``**EDA**（*简易数据增强*；[Wei＆Zou
2019](…)）``, ``**IS-BERT（信息句 BERT）**（[Zhang 等人，2020](…)）``."""


def _closing_bracket(text: str, start: int) -> int:
    """Where the bracket opened right before ``start`` closes (brackets inside it, a Markdown
    link's ``](https://…)`` among them, counted), or ``len(text)``."""
    depth = 1
    for i in range(start, len(text)):
        depth += text[i] in "（("
        depth -= text[i] in "）)"
        if depth == 0:
            return i
    return len(text)


_FIRST_BRACKET = regex.compile(r"^[^*（(\[]{1,60}?\s*[（(]")
"""A paragraph's opening words and the bracket after them: ``网络驱动的领域随机化 (``."""
_ALSO_CALLED = regex.compile(r"\s*[，,]\s*(?:也称为|又称为?|简称)\s*\*\*(?P<name>[^*]{2,60}?)\*\*")
"""The bold name a model is also called by after that bracket: ``，也称为**DeceptionNet**``."""


def cited_model_name(block: Block, paper_url: str) -> str | None:
    """The model's name a paragraph opens with in bold, where the bracket right after it cites
    ``paper_url`` (or that it gives in bold as the name the model is also called by, right after
    that bracket), and the name keeps a Latin-script word (a translation keeps model names).

    >>> from digestparse.blocks import InlineLink
    >>> raw = "**EDA**（*简易数据增强*；[Wei＆Zou 2019](https://arxiv.org/abs/1901.11196)）为文本增强定义了一组操作。"
    >>> block = Block("paragraph", "EDA（简易数据增强；Wei＆Zou 2019）为文本增强定义了一组操作。", (5, 5), raw,
    ...               links=(InlineLink("Wei＆Zou 2019", "https://arxiv.org/abs/1901.11196"),))
    >>> cited_model_name(block, "https://arxiv.org/abs/1901.11196")
    'EDA'
    >>> cited_model_name(block, "https://arxiv.org/abs/1703.01780") is None  # (another paper)
    True
    >>> raw = "**IS-BERT（信息句 BERT）**（[Zhang 等人，2020](https://arxiv.org/abs/2009.12061)）采用……"
    >>> cited_model_name(Block("paragraph", "", (5, 5), raw, links=(InlineLink("Zhang 等人，2020",
    ...     "https://arxiv.org/abs/2009.12061"),)), "https://arxiv.org/abs/2009.12061")
    'IS-BERT'
    >>> raw = "网络驱动的领域随机化 ([Zakharov 等人，2019](https://arxiv.org/abs/1904.02750))，也称为**DeceptionNet**，受到了启发。"
    >>> cited_model_name(Block("paragraph", "", (5, 5), raw, links=(InlineLink("Zakharov 等人，2019",
    ...     "https://arxiv.org/abs/1904.02750"),)), "https://arxiv.org/abs/1904.02750")
    'DeceptionNet'
    """
    raw = block.raw
    bold = _BOLD_NAME_CITED.match(raw)
    opening = bold or _FIRST_BRACKET.match(raw)
    if opening is None:
        return None
    close = _closing_bracket(raw, opening.end())
    name = bold.group("name") if bold else None
    if name is None and (also := _ALSO_CALLED.match(raw, close + 1)) is not None:
        name = also.group("name")
    if name is None or not LATIN_NAME.search(name):
        return None
    key = same_paper_key(paper_url)
    cited = raw[opening.end() : close]
    if not any(link.url in cited and same_paper_key(link.url) == key for link in block.links):
        return None
    name = name.strip()
    # (its translation in a bracket after it is no part of the name: "IS-BERT（信息句 BERT）")
    bare = _TRAILING_BRACKET.sub("", name)
    return bare if LATIN_NAME.search(bare) else name


_TRAILING_BRACKET = regex.compile(r"\s*[（(][^（()）]*[)）]\s*$")


def _title_from_cited_name(out: ExtractedEntry, entry: Entry, opening: list[Block]) -> None:
    """A walk-through section headed by its topic in translation (``### 词汇编辑``, "lexical
    edits"; ``### 上下文预测``) whose opening names its model in bold and cites the entry's paper
    right after the name (``**EDA**（…；[Wei＆Zou 2019](…)）``) is titled with the model's name,
    read from that paragraph.  A heading that keeps a Latin-script name (``# RL 的稳定化（GTrXL）``)
    or names the model in translation alone (``# 跨视图训练`` over ``**跨视图训练**（简称 **CVT**；…）``)
    stays the title."""
    if entry.rule != "cited_paper_heading" or out.title is None or LATIN_NAME.search(out.title.text):
        return
    paper = next((link for link in out.links if link.role == "paper"), None)
    if paper is None:
        return
    for block in opening:
        if (name := cited_model_name(block, paper.url)) is not None:
            # (``**关系网络（RN）**`` under ``## 关系网络``: the heading names the model already)
            if out.title.text.casefold() not in name.casefold():
                out.title = _value(name, block)
            return


def named_as_model(word: str, article: list[Block]) -> bool:
    """Does the ``article`` use ``word`` as the name of a model or method, which no surname is:
    as a heading's whole title (``## Perceiver``, ``### Perceiver (2021)``), in code (``Perceiver(…)``,
    `` `Perceiver` ``) or in the plural (``Perceivers``)?

    Of the 882 names the archive sample's articles cite with a year, counted once per article
    (``Graves, 2016``, ``Lim，2018``, ``Vaswani 等人，2017`` …), none is so used in its article.

    >>> named_as_model("Perceiver", [Block("heading", "3. Perceiver (2021)", (1, 1), level=2)])
    True
    >>> named_as_model("Perceiver", [Block("paragraph", "Use `model = Perceiver(cfg)` here.", (1, 1), raw="Use `model = Perceiver(cfg)` here.")])
    True
    >>> named_as_model("Graves", [Block("heading", "Graves shows halting", (1, 1), level=2),
    ...                           Block("paragraph", "Graves (2016) lets the network learn.", (2, 2)),
    ...                           Block("code", "@article{graves2016, author = {Alex Graves}}", (3, 3))])
    False
    """
    escaped = regex.escape(word)
    # (called, imported or reached as an attribute: in a BibTeX entry in code, "author = {Puneet
    # Mangla}", a surname stands as a word too)
    identifier = regex.compile(r"(?:\.|\b(?:import|class|from)\s+)" + escaped + r"(?!\w)|(?<![\w-])" + escaped + r"\s*\(")
    plural = regex.compile(r"(?<![\w-])" + escaped + r"s(?![\w-])")
    for block in article:
        if block.kind == "heading":
            if without_year_tag(heading_title(block)[1]).casefold() == word.casefold():
                return True
        if block.kind == "code" and identifier.search(block.text):
            return True
        if "`" in block.raw or "<code" in block.raw:
            for span in CODE_SPAN.finditer(block.raw):
                code = (span.group(1) if span.group(1) is not None else span.group(2)).strip()
                if code == word or identifier.search(code):
                    return True
        if plural.search(block.text):
            return True
    return False


_BRACKET_AFTER = regex.compile(r"\s*[(（]([^()（）]{2,60})[)）]")
"""A bracket right after a link's text: the citation of a paper linked by its title
("[“注意力就是一切”](…)（Vaswani 等，2017）")."""


def _bracket_after(block: Block, label: str) -> str | None:
    """The text of the bracket right after ``label`` in ``block``, if one follows it."""
    at = block.text.find(label)
    match = _BRACKET_AFTER.match(block.text, at + len(label)) if at >= 0 else None
    return match.group(1) if match else None


_PROSE_BYLINE = regex.compile(
    r"(?P<names>[^\s，。、；;：:（）()“”]+(?:\s*(?:和|与|&|＆)\s*[^\s，。、；;：:（）()“”]+)?)\s*(?P<et_al>等人|等)?"
    r"\s*在(?:他们|其)的?\s*(?P<year>(?:19|20)\d\d)\s*年的(?:论文|文章|工作)\s*[“《]?\s*$")
"""A sentence naming a paper's authors and year right before its link: ``Simonyan 和 Zisserman
在他们 2014 年的论文 [*…*](arxiv)``, ``由何等人在其 2015 年的论文 [Deep Residual …](arxiv)``."""
MAX_BYLINE_BEFORE = 60


def prose_byline_before(text: str, label: str) -> str | None:
    """The citation (``Simonyan 和 Zisserman，2014``, ``何等人，2015``) a sentence gives right before
    the link labelled ``label``, as :func:`.authors.cited_authors` reads one, else None.

    >>> prose_byline_before("Simonyan 和 Zisserman 在他们 2014 年的论文 中介绍了 VGG 网络架构。", "中介绍了 VGG 网络架构")
    'Simonyan 和 Zisserman，2014'
    >>> prose_byline_before("ResNet 由何等人在其 2015 年的论文 Deep Residual Learning 中首次提出。", "Deep Residual Learning")
    '何等人，2015'
    >>> prose_byline_before("“盗梦空间”微架构首先由 Szegedy 等人在他们 2014 年的论文 中提出。", "中提出")
    'Szegedy等人，2014'
    >>> prose_byline_before("这个想法在 2015 年的论文 中提出。", "中提出") is None
    True
    """
    at = text.find(label)
    if at <= 0:
        return None
    match = _PROSE_BYLINE.search(text[max(0, at - MAX_BYLINE_BEFORE) : at])
    if match is None:
        return None
    names = regex.sub(r"^.*(?:由|是|被)", "", match.group("names")) or None
    return names and f"{names}{match.group('et_al') and '等人' or ''}，{match.group('year')}"


def _read_citation(out: ExtractedEntry, title: str, opening: list[Block], article: list[Block]) -> None:
    """The authors (and year) of an entry that has none but cites its paper by them, as the paper
    link's text or in its opening prose: "RealNVP（…；[Dinh et al., 2017](arxiv)）" gives Dinh,
    et al., and 2017, under a "[论文](arxiv)" row too; so does a bracket right after a link to the
    paper ("[“注意力就是一切”](…)（Vaswani 等，2017）"). One name that is a word of the title, or
    that the ``article`` writes as a thing's ("the Transformer"), is the model the paper made."""
    at = next((i for i, link in enumerate(out.links) if link.role == "paper"), None)
    if out.authors or out.first_author is not None or at is None:
        return
    paper = same_paper_key(out.links[at].url)
    cited_links = [(link.label, block) for block in opening for link in block.links
                   if link.label and same_paper_key(make_link(link.url, link.label).url) == paper]
    citations = [(out.links[at].label or "", out.link_lines[at])] + [
        (label, block.lines) for label, block in cited_links] + [
        (bracket, block.lines) for label, block in cited_links if (bracket := _bracket_after(block, label))] + [
        (byline, block.lines) for label, block in cited_links if (byline := prose_byline_before(block.text, label))]
    for label, lines in citations:
        cited = cited_authors(label)
        if cited is None or title.casefold() in label.casefold():
            continue
        if len(cited.names) == 1 and not cited.et_al and regex.search(
                r"(?<!\w)" + regex.escape(cited.names[0]) + r"(?!\w)", title, regex.I):
            continue  # ("Adam: A Method …" cited as "[Adam, 2014](…)": the model, not its author)
        if len(cited.names) == 1 and not cited.et_al and (any(
                named_as_thing(cited.names[0], block.text) for block in article) or named_as_model(cited.names[0], article)):
            continue  # ("[Transformer, 2017](…)" where the article speaks of "the Transformer")
        out.authors = [PersonValue(Value(name, block_lang(name), lines)) for name in cited.names]
        out.et_al = cited.et_al
        if out.year is None:
            out.year = cited.year
        return


# What is left of a list item around its links once their labels are out: separators, and
# brackets that held only links ("BERT ([paper](…), [code](…)) — bidirectional pre-training").
_EMPTY_BRACKETS = regex.compile(r"[(（\[【][\s,，、|/;；]*[)）\]】]")
_ITEM_SEPARATORS = " \t:：-–—|｜,，;；、"
MIN_BOLD_TITLE, MAX_BOLD_TITLE = 10, 200
"""The length of a bold line that is a title (or its translation) right under an entry's heading."""
TAG_BEFORE_TITLE = 30
"""How far into a list item a date or venue tag may put its title (``[2023/04] **LLaVA**``)."""
MIN_ITEM_SUMMARY = 4
"""Characters a list item's summary needs (after its title and links)."""
_AFFILIATION_AFTER = regex.compile(r"\s*[(（](?![^)）]*\d{4})[^()（）]{1,60}[)）]\s*$")
"""A bracketed affiliation after a list of authors ("(Google AI)"; not a year)."""


def _without_affiliation(text: str) -> str:
    """``text`` without a bracketed affiliation at its end (looked for in its last characters
    only: from every bracket of a long text, the pattern would scan to the end).

    >>> _without_affiliation("Jacob Devlin, Ming-Wei Chang (Google AI)"), _without_affiliation("A, B (2019)")
    ('Jacob Devlin, Ming-Wei Chang', 'A, B (2019)')
    """
    match = _AFFILIATION_AFTER.search(text, max(0, len(text) - 80))
    return text[: match.start()].rstrip() if match else text


def _item_summary(head: Block, title: str) -> str:
    """The summary a list item holds after its title and links (``paper_list_item``).

    >>> from digestparse.blocks import InlineLink
    >>> item = Block("list_item", "BERT (paper, code) — bidirectional pre-training.", (4, 4), "",
    ...     links=(InlineLink("paper", "https://arxiv.org/abs/1810.04805"), InlineLink("code", "https://github.com/x/y")))
    >>> _item_summary(item, "BERT")
    'bidirectional pre-training.'
    >>> _item_summary(Block("list_item", "BERT：双向预训练。 https://github.com/x/y", (4, 4), "",
    ...     links=(InlineLink("BERT", "https://arxiv.org/abs/1810.04805"), InlineLink("", "https://github.com/x/y"))), "BERT")
    '双向预训练。'
    """
    rest = TIME_TAG.sub("", head.text_outside_links(), count=1).lstrip(" *_“\"")  # (a linked title goes with its link)
    at = rest.find(title, 0, len(title) + TAG_BEFORE_TITLE) if title else -1
    rest = rest[at + len(title):] if at >= 0 else rest  # (a bold one is no link; a date may come first)
    rest = _EMPTY_BRACKETS.sub(" ", rest).lstrip(_ITEM_SEPARATORS + ".。”\"").rstrip(_ITEM_SEPARATORS)
    return rest if len(rest) >= MIN_ITEM_SUMMARY else ""


def _read_linked_names(out: ExtractedEntry, head: Block, title: str) -> None:
    """Authors an item names after its title with each name linked to the author's page
    (``[Title](arxiv) ，[【邵青】](author search)，[【明凯】](…) 等``): the names are the authors, and
    their links theirs, not the entry's."""
    at = head.text.find(title) if title else -1
    rest = head.text[at + len(title):] if at >= 0 else ""
    byline, _, left = split_byline(rest.lstrip(_ITEM_SEPARATORS))
    if byline is None or left:
        return
    people = _people(byline, head.lines)
    for person in people:
        for link in head.links:
            if link.label.strip(" *_【】") == person.name.text:
                person.links.append(make_link(link.url, link.label).model_copy(update={"role": "profile"}))
                person.link_lines.append(head.lines)
    owned = {link.url for person in people for link in person.links}
    keep = [i for i, link in enumerate(out.links) if link.url not in owned]
    out.links, out.link_lines = [out.links[i] for i in keep], [out.link_lines[i] for i in keep]
    out.authors, out.et_al = people, byline.et_al


_WRITTEN_BY = regex.compile(r"^[\s,，]*(?:由|by\s)\s*(?P<names>[^。.；;（(]{2,120}?)\s*(?:撰写|编写|所写|著|[.。；;（(]|$)")
"""The byline after a linked title's year: ``，由 Boehm、Atkinson 和 Plass 撰写。``, ``, by A and B.``"""


_SOURCE_NOTE = regex.compile(r"^[,，]?\s*(?:from|来自)\b", regex.I)
"""What follows "TL;DR" in a source note, not a summary: ", from OpenReview.net …"."""


def _read_linked_title_head(out: ExtractedEntry, head: Block, title: str) -> None:
    """The year and byline after a paragraph's linked title (``[Ropes](…)（1995），由 Boehm、
    Atkinson 和 Plass 撰写。``), or, after a bold linked name (``[**DCGAN**](…) (title) 是…``),
    the paragraph itself as the entry's description (``linked_title_paragraph``)."""
    rest = head.text.lstrip(" *_“\"").removeprefix(title).lstrip(" *_”\"")
    year = YEAR_AFTER_TITLE.match(rest)
    if year is None:
        if bold_linked_name(head) is not None and len(head.text) >= MIN_ITEM_SUMMARY:
            out.summary, out.summary_kind = _value(head.text, head), "description"
        return
    out.year = int(regex.search(r"(?:19|20)\d\d", year.group(0)).group(0))
    byline = _WRITTEN_BY.match(rest[year.end():])
    line = parse_author_line(byline.group("names")) if byline else None
    if line is None and byline and is_name(byline.group("names")):
        line = AuthorLine((byline.group("names").strip(),))  # one author: "由 Duret-Lutz 撰写" is the marker
    if line is not None:
        out.authors = _people(line, head.lines)
        out.et_al = line.et_al


# A venue standing alone where a summary would be: "ICLR 2021.", "(Interspeech 2020)", "arXiv 2020".
_VENUE_ONLY = regex.compile(
    r"^[(（\[]?\s*(?:" + VENUES + r")\s*'?(?P<year>(?:19|20)?\d\d)?[^.。()（）]{0,30}[)）\]]?\s*[.。]?$", regex.I)
# Where an author list at the start of a list item's text may end: a full stop before more text,
# or the end (an author's initial, "Matthew E. Peters", ends no list: the longest list is taken).
_BRACKETED_BYLINE = regex.compile(r"^[(（]([^()（）]{2,80})[)）]")
_BYLINE_END = regex.compile(r"[.。]\s|[.。]?\s*$")
BYLINE_WITHIN = 300
"""How far into a list item's text its author list may reach (in characters)."""


def split_byline(text: str) -> tuple[AuthorLine | None, int | None, str]:
    """A list item's text after its title, as an awesome-list writes it: its authors and venue,
    then what it says of the paper (``Chen et al. SimCLR, strong augmentations.``, ``Iz Beltagy,
    Matthew E. Peters, Arman Cohan. arXiv 2020.``).  Gives the author line (None where the text
    opens with none), the venue's year, and the text left.  Authors are taken only where the
    line says so (``et al.``) or each name has a given name and a surname.

    >>> split_byline("Iz Beltagy, Matthew E. Peters, Arman Cohan. arXiv 2020.")
    (AuthorLine(names=('Iz Beltagy', 'Matthew E. Peters', 'Arman Cohan'), et_al=False, year=None, spellings=()), 2020, '')
    >>> byline, year, rest = split_byline("Chen et al. SimCLR, strong augmentations plus a projection head.")
    >>> byline.names, byline.et_al, rest
    (('Chen',), True, 'SimCLR, strong augmentations plus a projection head.')
    >>> split_byline("GPT, BERT. Both are strong.")
    (None, None, 'GPT, BERT. Both are strong.')
    >>> split_byline("(Kaplan et al., 2020) — loss falls as a power law.")[1:]
    (2020, 'loss falls as a power law.')
    >>> split_byline("Brown et al., NeurIPS 2020. GPT-3, 175B parameters, few-shot.")[1:]
    (2020, 'GPT-3, 175B parameters, few-shot.')
    """
    byline, rest = None, text
    if (bracketed := _BRACKETED_BYLINE.match(text)) and (line := parse_author_line(bracketed.group(1))) and (
            line.et_al or line.year):
        byline, rest = line, text[bracketed.end() :].lstrip(_ITEM_SEPARATORS)  # "(Kaplan et al., 2020) — …"
    for match in reversed(list(_BYLINE_END.finditer(text, 0, BYLINE_WITHIN) if byline is None else ())):
        line = parse_author_line(text[: match.start()])
        if line is not None and (line.et_al or all(" " in name or _HAN_CHAR.match(name) for name in line.names)):
            byline, rest = line, text[match.end() :].strip()
            break
    year = byline.year if byline is not None else None
    if venue := _VENUE_ONLY.match(rest):
        stated = venue.group("year")
        year = year or (int(stated) + (2000 if len(stated) == 2 else 0) if stated else None)
        rest = ""
    return byline, year, rest


def _leading_byline(text: str) -> tuple[AuthorLine, int | None, str] | None:
    """(authors, year, the rest) where a paragraph opens with its paper's byline and goes on with
    a new sentence ("Brown et al., NeurIPS 2020. GPT-3, …"), else None: "Chen et al. propose …"
    is a sentence about them.

    >>> _leading_byline("Lightman et al. (OpenAI). Process supervision beats outcome supervision.")[2]
    'Process supervision beats outcome supervision.'
    >>> _leading_byline("Chen et al. propose a simple framework.") is None
    True
    """
    byline, year, rest = split_byline(text)
    if byline is None or rest == text or not (year is not None or rest[:1].isupper() or rest[:1].isdigit()):
        return None
    return byline, year, rest


def _read_columns(out: ExtractedEntry, cells: dict[str, str], row: Block) -> None:
    """The fields a table digest's row gives in its named columns (``paper_table_row``)."""
    if "summary" in cells:
        out.summary, out.summary_kind = _value(cells["summary"].strip(" .。*"), row), "summary"
    if "authors" in cells:
        # (a column of authors needs no "Authors:" marker; a single name is a list too)
        line = parse_author_line(cells["authors"])
        names = line.names if line is not None else ((cells["authors"],) if is_name(cells["authors"]) else ())
        out.authors = [PersonValue(Value(name, block_lang(name), row.lines)) for name in names]
        out.et_al = bool(line and line.et_al)
        out.year = line.year if line is not None else None
    if "year" in cells and (year := regex.search(r"(?:19|20)\d\d", cells["year"])):
        out.year = int(year.group(0))


# A title followed by its translation in brackets: "《思维链提示》(Chain-of-Thought Prompting)",
# "Chain-of-Thought Prompting（思维链提示）".
_HAN_CHAR = regex.compile(r"\p{Han}")
_LATIN_WORD = regex.compile(r"\p{Latin}{2,}")
# The bracketed part at a title's end (searched backwards from the end: a long run of spaces
# before it is read once); the title before it is the main one.
_BILINGUAL = regex.compile(r"(?r)\s*[(（](?P<other>[^()（）]{3,200})[)）]\s*$")


def split_bilingual(title: str) -> tuple[str, str | None]:
    """A title and its translation in brackets, where the two are in different scripts (Han and
    Latin); else the title alone.

    >>> split_bilingual("《思维链提示激发大模型推理》(Chain-of-Thought Prompting Elicits Reasoning)")
    ('思维链提示激发大模型推理', 'Chain-of-Thought Prompting Elicits Reasoning')
    >>> split_bilingual("GPT-3 (175B)"), split_bilingual("BERT（预训练）")
    (('GPT-3 (175B)', None), ('BERT（预训练）', None))
    """
    match = _BILINGUAL.search(title)
    if match is None or not match.start() or "\n" in title[: match.start()]:
        return title, None
    main, other = clean_title(title[: match.start()]), clean_title(match.group("other"))
    main_han, other_han = len(_HAN_CHAR.findall(main)), len(_HAN_CHAR.findall(other))
    # one side Han (at least 4 characters), the other Latin words (at least 2)
    if (main_han >= 4 and not other_han and len(_LATIN_WORD.findall(other)) >= 2) or (
            other_han >= 4 and not main_han and len(_LATIN_WORD.findall(main)) >= 2):
        return main, other
    return title, None


def _year_lines(blocks: list[Block], year: int) -> tuple[int, int]:
    """The lines of the entry's first block that writes ``year`` ("2021", "'21"), else its title's."""
    written = (str(year), f"'{year % 100:02d}", f"’{year % 100:02d}")
    return next((block.lines for block in blocks if any(w in block.text for w in written)), blocks[0].lines)


def extract_entry(doc: Document, entry: Entry) -> ExtractedEntry:
    blocks = doc.blocks[entry.start : entry.end]
    head = blocks[0]
    # (a list item's or a linked paragraph's title keeps what its link's text holds, "[SCNet
    # (CVPR 2020)](…)", where a heading's and a table row's lose the tag when they are read)
    main_title, other_title = split_bilingual(without_venue_tag(entry.title))
    out = ExtractedEntry(
        path=doc.path,
        lang=doc.lang,
        ordinal=entry.ordinal,
        number=entry.number,
        lines=(head.lines[0], blocks[-1].lines[1]),
        title=_value(main_title, head),
        rule=entry.rule,
        title_other=_value(other_title, head) if other_title else None,
    )
    if entry.section and entry.section_block is not None:
        out.section = _value(entry.section, doc.blocks[entry.section_block])
    reader = _Reader(doc, entry, out)
    if entry.rule in TITLE_LINK_IS_PAPER and (paper := _title_link(head, entry.title)) is not None:
        # the link the review announces, or the linked title, is the paper, whatever its host says
        out.links.append(make_link(paper.url, paper.label).model_copy(update={"role": "paper"}))
        out.link_lines.append(head.lines)
    else:
        reader._add_links(head)
    if entry.rule == "paper_list_item" and (summary := _item_summary(head, entry.title)):
        byline, out.year, summary = split_byline(summary)
        if byline is not None:
            out.authors = _people(byline, head.lines)
            out.et_al = byline.et_al
        if len(summary) >= MIN_ITEM_SUMMARY:
            out.summary, out.summary_kind = _value(summary, head), "description"
    if entry.rule == "paper_list_item" and not out.authors:
        _read_linked_names(out, head, entry.title)
    if entry.rule == "paper_table_row":
        _read_columns(out, columns(head), head)
    if entry.rule == "linked_title_paragraph":
        _read_linked_title_head(out, head, entry.title)
    for index in range(1, len(blocks)):
        reader.feed(blocks[index], blocks[index + 1] if index + 1 < len(blocks) else None)
    _add_opening_citation(out, reader.opening_prose)
    _add_named_paper(out, blocks)
    _title_from_cited_name(out, entry, reader.opening_prose)
    # (a walk-through's entry starts where a link reads as the paper's title, well down the
    # post; its intro cites the paper by its authors: "[雷德蒙和法尔哈迪(2017)](…) 发表这篇论文")
    intro = [b for b in doc.blocks[1 : min(entry.start, INTRO_BLOCKS)] if b.kind in ("paragraph", "list_item")
             ] if entry.rule == "walkthrough_paper" else []
    _read_citation(out, entry.title, intro + reader.opening_prose, doc.blocks)
    if out.year is None:
        # "Title (ICLR 2022, Oral)"; a table row's title is in its title column, not always its first
        # (and the title as its rule read it: a list item's "[HNAS (2017)](…)：…" ends in no tag)
        out.year = venue_year(title_cell(head) if entry.rule == "paper_table_row" else before_bar(head.text, head.raw)) or venue_year(
            entry.title)
    if out.year is not None:
        out.year_lines = _year_lines(blocks, out.year)
    elif doc.title and (year := article_venue_year(doc.title)) is not None:
        out.year, out.year_lines = year, doc.title_lines  # (a paper of "ICLR 2020 大会最佳深度学习论文")
    if out.first_author is None and out.authors:
        out.first_author = out.authors[0]
    elif out.first_author is not None and not out.authors:
        out.authors = [out.first_author]
    return out
