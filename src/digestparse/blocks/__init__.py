"""Parse stage: text -> one list of ``Block`` records with line provenance.

Each input format has its own reader (``markdown``, ``plaintext``, ``html``),
and all three end in the same structure, so every later stage is
format-blind.  ``detect_format`` picks the reader from the content, with the
file extension only as a tie-breaker (the seeds are all ``.txt`` whatever they hold).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

import regex

from ..language import block_lang


@dataclass(frozen=True, slots=True)
class InlineLink:
    label: str
    url: str


@dataclass(frozen=True, slots=True)
class Image:
    src: str
    alt: str = ""


@dataclass(slots=True)
class Block:
    """One block of a document, whatever its source format.

    ``kind`` is one of: heading, paragraph, list_item, image, caption (HTML's ``<figcaption>``),
    rule, code, table_row (one per row of a table, its ``cells`` the cells' texts, the header
    row's ``marker`` "header", a body row's ``header`` the header row's cells), front_matter
    (the fields a file states about itself above its body: see ``front_matter``; a reader
    gives at most one, first).
    ``text`` is the visible text with markup removed; ``raw`` the source lines.
    ``lines`` is the inclusive 1-based line range in the (repaired) text.
    """

    kind: str
    text: str
    lines: tuple[int, int]
    raw: str = ""
    level: int = 0
    marker: str = ""
    links: tuple[InlineLink, ...] = ()
    images: tuple[Image, ...] = ()
    strong: bool = False
    emphasis: bool = False
    quote: bool = False
    cells: tuple[str, ...] = ()
    header: tuple[str, ...] = ()  # a table's body row: the cells of its table's header row
    _lang: str | None = field(default=None, repr=False)

    def text_outside_links(self) -> str:
        """The visible text with every link's label (or bare URL) taken out."""
        return text_outside_links(self.text, self.links)

    @property
    def lang(self) -> str | None:
        """Language of the block's text (computed on first use, then kept)."""
        if self._lang is None and self.kind not in ("code", "rule", "image"):
            self._lang = block_lang(self.text) or ""
        return self._lang or None


def text_outside_links(text: str, links: tuple[InlineLink, ...]) -> str:
    """``text`` with every link's label (or bare URL) taken out, and the invisible characters
    (:func:`drop_invisible`: a zero-width space a bare URL stopped at is no text beside it)."""
    for link in links:
        if link.label:
            text = text.replace(link.label, " ", 1)
        text = text.replace(link.url, " ", 1)
    return drop_invisible(text)


FORMATS = ("markdown", "text", "html")

_PART_LABELS = (r"(?:paper|code|project)(?:\s+(?:link|url|title|page))?|pdf|arxiv|slides|video|talk|tl;?dr|summary|abstract|"
                r"authors?|(?:论文|代码|源码|项目)(?:标题|题目|链接|地址|主页)?|摘要|作者(?:单位)?|机构|单位|链接|简介")
LABELLED_LINE = regex.compile(
    r"^\s*[■□▪▫●○◆◇•►▶]?\s*(?:【\s*(?:" + _PART_LABELS + r")\s*】|(?:" + _PART_LABELS + r")\s*[:：|｜])",
    regex.IGNORECASE,
)
"""A line that opens with a label of an entry's parts ("Paper: https://…", "TL;DR：…", "Authors: …",
and as Chinese platforms write them, "■ 论文 | …", "【代码】https://…").  Lines of them, broken
apart with no blank line between, are a block each, in every format."""

AUTHORS_LABEL = regex.compile(
    r"^\W*(?:authors?|作者|第一作者|主要作者|一作|(?:first|lead|main) authors?)\s*[:：|｜]", regex.IGNORECASE)
"""A line that opens with an author label ("Authors: A, B", "主要作者：A", "First author:")."""


def author_label_alone(line: str) -> bool:
    """Is ``line`` an author label with nothing after it ("主要作者:", "**Authors:**"), whose names
    are the lines below it?

    >>> author_label_alone("主要作者:"), author_label_alone("**Authors:**"), author_label_alone("作者：A、B")
    (True, True, False)
    """
    label = AUTHORS_LABEL.match(line)
    return label is not None and not line[label.end():].strip(" *_")


_SENTENCE_ENDED = regex.compile(r"[.!?。！？…]['\"”’)）]*\s*$")
_LIST_OPEN = regex.compile(r"(?:[,，、;；&]|\band)\s*$")


def wrap_kind(head: str, head_words: str) -> str | None:
    """Which lines the line ``head`` of a paragraph whose lines are blocks of their own takes
    after it, as the rest of its wrapped text (``head_words``: its text outside its links):

    - ``"list"``: an author line, while its list goes on (``Authors: A, B,`` / ``C``);
    - ``"sentence"``: another labelled line, while its sentence goes on (``Summary: The
      Transformer replaces`` / ``recurrence with attention.``);
    - ``"lower"``: an unlabelled line, a line that goes on in lower case;
    - None: a line of links (``Paper: [arXiv](…)``) takes none.

    >>> wrap_kind("Authors: A, B", "Authors: A, B"), wrap_kind("Paper: arXiv", "Paper:  ")
    ('list', None)
    """
    label = LABELLED_LINE.match(head_words)
    if not any(ch.isalnum() for ch in head_words[label.end() if label else 0 :]):
        return None
    if AUTHORS_LABEL.match(head):
        return "list"
    return "sentence" if label else "lower"


def wraps_onto(kind: str | None, last: str, line: str) -> bool:
    """Does ``line`` carry on a line of wrap kind ``kind`` (:func:`wrap_kind`), ``last`` being the
    latest line already taken into it?  Never a line that opens with a label or an address.

    >>> wraps_onto("sentence", "Summary: The model", "learns fast.")
    True
    >>> wraps_onto("list", "Authors: A, B", "The paper shows.")
    False
    >>> wraps_onto("lower", "It works.", "and more")
    False
    """
    if kind is None or not line or LABELLED_LINE.match(line) or line.startswith(("http://", "https://", "<http")):
        return False
    tail = last.rstrip()[-12:]  # (what the line ends with; a long line is read no further)
    if kind == "list":
        return _LIST_OPEN.search(tail) is not None
    if _SENTENCE_ENDED.search(tail):
        return False
    return kind == "sentence" or "a" <= line[0] <= "z"


def inline_wrap_kind(head: tuple) -> str | None:
    """:func:`wrap_kind` for a line read with its markup, ``(text, links, images, strong,
    emphasis)`` (``strong``/``emphasis``: all its text is): a line with an image, or all bold or
    emphasised (a title, an author line), takes no lines after it."""
    text, links, images, strong, emphasis = head
    if images or strong or emphasis:
        return None
    return wrap_kind(text, text_outside_links(text, links))


def inline_wraps_onto(kind: str | None, last: str, line: tuple) -> bool:
    """:func:`wraps_onto` for a line read with its markup: a line with an image, or all bold or
    emphasised, carries on no other line."""
    text, _, images, strong, emphasis = line
    return not (images or strong or emphasis) and wraps_onto(kind, last, text)


_HTML_SIGNS = regex.compile(r"(?i)<!doctype html|<html[\s>]|<body[\s>]|<(p|div|h[1-6]|ul|ol|li|article)[\s>]")
_HTML_START = regex.compile(r"\s*(?i:<!doctype html|<html)")
# Code shown in a Markdown or text file (fenced blocks, code spans): HTML there is an example,
# not the file's markup.
_CODE = regex.compile(r"(?ms)^ {0,3}(`{3,}|~{3,}).*?(?:^ {0,3}\1|\Z)|`[^`\n]+`")
INPUT_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm")
"""The file names an archive's documents have (what ``convert`` reads, the formats read here)."""
_MD_SUFFIXES = ("md", "markdown")
_OPENS_WITH_HEADING = regex.compile(r"\A\ufeff?\s*(#{1,6} \S[^\n]*)(?:\n([^\n]*))?")
_COMMENT_SHAPE = regex.compile(
    r"^#\s*(?:-\*-|(?:TODO|FIXME|XXX|HACK|NOTE|BUG)\b|vim?:|(?:en)?coding[:=]|type:|noqa|pylint:)"
    r"|\s(?:=|==|\+=|:=)\s|;\s*$|[\p{Ll})]\.\s*$")
"""A ``#`` line shaped as a shell's or a script's comment, not a heading: a tag (``# TODO: fix``),
an editor's or a linter's setting (``# -*- coding: utf-8 -*-``), code (``# x = load(path)``), or
a sentence (``# This script fetches the papers.``: a heading ends in no full stop)."""
_COMMENT_LINE = regex.compile(r"^#(?: |$)")
_MD_SIGNS = (
    regex.compile(r"(?m)^#{1,6} \S"),
    regex.compile(r"!\[[^\]]*\]\([^)]+\)"),
    # (a link to an address, a path, an anchor, or a page beside it: "[Post](post.md)")
    regex.compile(r"\[[^\]]+\]\((?:(?:https?:|/|#)[^)]*|[\w./-]+\.(?:md|markdown|html?)(?:#[^)\s]*)?)\)"),
    regex.compile(r"\*\*[^*\n]+\*\*"),
    regex.compile(r"(?m)^(?:\* \* \*|---+|\*\*\*+)\s*$"),
    regex.compile(r"(?m)^```"),
    regex.compile(r"(?m)^> \S"),
)


def source_lines(text: str) -> list[str]:
    """The lines of a text as the ``lines`` of its blocks count them: broken at ``\\n``, ``\\r\\n``
    and ``\\r`` only, as markdown-it counts them.

    ``str.splitlines`` also breaks at form feeds, ``\\x1c``-``\\x1e``, ``\\x85``, U+2028 and
    U+2029; one of those would shift every later block's source lines against its line range.

    >>> source_lines("a\\u2028b\\r\\nc\\rd\\x0ce\\n")
    ['a\\u2028b', 'c', 'd\\x0ce']
    >>> source_lines("") == "".splitlines()
    True
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines[-1] == "":
        lines.pop()  # as with splitlines, a final line break ends the last line
    return lines


def detect_format(text: str, path: str | None = None) -> str:
    """Return "html", "markdown" or "text" judged by the content (and the file name's suffix).

    HTML in code (a fenced block, a code span) does not count: a Markdown tutorial that
    shows a web page's source is Markdown.  A ``.md`` file with Markdown signs is Markdown
    whatever HTML it holds (markdown-it reads raw HTML blocks), unless it starts as a page.

    >>> detect_format("# Title\\n\\n[a](https://x.org) and **b**")
    'markdown'
    >>> detect_format("Title\\n\\n1. First paper\\n")
    'text'
    >>> detect_format("<html><body><p>x</p></body></html>")
    'html'
    >>> detect_format("# Demo\\n\\n```html\\n<div><p>a</p><ul><li>b</li></ul></div>\\n```\\n**done**")
    'markdown'
    >>> detect_format("+   [Post one](post-one.md)\\n+   [Post two](post-two.md)\\n", "SUMMARY.md")
    'markdown'
    >>> detect_format("# Best papers\\n\\n## 1. BERT\\n\\nPre-training. https://arxiv.org/abs/1810.04805\\n")
    'markdown'
    >>> detect_format("# TODO: check the links\\nBERT. https://arxiv.org/abs/1810.04805\\n")
    'text'
    """
    head = text[:20000]
    if _HTML_START.match(head):
        return "html"
    html_hits = len(_HTML_SIGNS.findall(_CODE.sub(" ", head)))
    md_hits = sum(1 for sign in _MD_SIGNS if sign.search(head))
    suffix = (path or "").lower().rsplit(".", 1)[-1]
    if md_hits and suffix in _MD_SUFFIXES:
        return "markdown"
    if html_hits >= 3:
        return "html"
    if md_hits >= 2 or (opens_with_heading(head) and suffix not in ("txt", "text")):
        return "markdown"  # (a text that opens with "# Title" is Markdown, but in a file named a text)
    if html_hits and suffix in ("html", "htm"):
        return "html"
    return "text"


def opens_with_heading(text: str) -> bool:
    """Does ``text`` open with a Markdown heading: a ``#`` line that is not shaped as a comment,
    nor the first of a block of ``#`` comment lines?

    >>> opens_with_heading("# Best papers\\n\\n## 1. BERT\\n"), opens_with_heading("## 论文速递\\n正文")
    (True, True)
    >>> opens_with_heading("# TODO: fix the parser\\nPapers below."), opens_with_heading("# -*- coding: utf-8 -*-\\n")
    (False, False)
    >>> opens_with_heading("# This script fetches the papers.\\n"), opens_with_heading("# papers read in May\\n# (see below)\\n")
    (False, False)
    """
    match = _OPENS_WITH_HEADING.match(text)
    if match is None or _COMMENT_SHAPE.search(match.group(1)):
        return False
    return match.group(2) is None or not _COMMENT_LINE.match(match.group(2))


def to_blocks(text: str, fmt: str) -> list[Block]:
    """Parse ``text`` in format ``fmt`` into blocks."""
    from .headings import restore_displaced_headings

    if fmt == "markdown":
        from .markdown import parse_markdown

        return restore_displaced_headings(parse_markdown(text))
    if fmt == "html":
        from .html import parse_html

        return restore_displaced_headings(parse_html(text))
    if fmt == "text":
        from .plaintext import parse_plaintext

        return restore_displaced_headings(parse_plaintext(text))
    raise ValueError(f"unknown format {fmt!r}; expected one of {FORMATS}")


# Characters that take no room and write nothing: a zero-width space, a word joiner, a byte-order
# mark inside the text, the bidirectional marks and controls.  Web pages put them after a URL or
# in a heading ("深度学习语言模型的\u2060—The 极限"), where they make a title that matches no
# other and a URL that is another ("…/bert\u200b", "…/bert%E2%80%8B" once a Markdown
# link's target is normalised).  The zero-width (non-)joiner joins letters of scripts that need
# it, and emoji: only at the edges is it taken off (:data:`JOINERS`).
INVISIBLE = "\u200b\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
JOINERS = "\u200c\u200d"
_INVISIBLE = regex.compile(f"[{INVISIBLE}]+")
_JOINER_EDGES = regex.compile(f"^\\s*[{JOINERS}][{JOINERS}\\s]*|[{JOINERS}\\s]*[{JOINERS}]\\s*$")
_LONE_JOINER = regex.compile(f"(?<=[\\s\\p{{P}}])[{JOINERS}]+|[{JOINERS}]+(?=[\\s\\p{{P}}])")
"""A joiner beside a space or a punctuation mark, which has nothing to join (``the\u200c paper``,
``Inference。\u200c``; inside a word it stays, where Persian or an emoji needs it)."""


def drop_invisible(text: str) -> str:
    """``text`` without :data:`INVISIBLE` characters, nor joiners (and the spaces beside them) at its edges.

    >>> drop_invisible("\u200cBERT\u200b Pre-training\u200b\u200b"), drop_invisible("👩\u200d💻 Code")
    ('BERT Pre-training', '👩\u200d💻 Code')
    >>> drop_invisible("the\u200c paper, \u200dwe read。\u200c次"), drop_invisible("می\u200cشود")
    ('the paper, we read。次', 'می\u200cشود')
    """
    if text.isascii():
        return text
    text = _JOINER_EDGES.sub("", _INVISIBLE.sub("", text))
    return _LONE_JOINER.sub("", text) if "\u200c" in text or "\u200d" in text else text


# A URL written in full-width forms ("ｈｔｔｐｓ：／／ａｒｘｉｖ．ｏｒｇ／…", or only its colon: "https：//…"),
# as Chinese posts write one so that a platform does not link it, or a translation leaves it:
# its scheme, then the characters of a URL in either width.  It ends where a bare URL ends (at
# "，。、；" and the like, a space, a Han character); "？" and "！" are left to the sentence.
_WIDE_URL = regex.compile(
    r"[hｈ][tｔ][tｔ][pｐ][sｓ]?[:：][/／][/／][A-Za-z0-9ａ-ｚＡ-Ｚ０-９.．/／\-－_＿~～%％=＝&＆#＃?？@＠+＋:：]+"
)


def halfwidth_urls(text: str) -> str:
    """``text`` with each URL written in full-width forms in plain (half-width) ASCII, which
    every reader takes for a link; one character for one, so that no offset or line moves.

    >>> halfwidth_urls("论文：ｈｔｔｐｓ：／／ａｒｘｉｖ．ｏｒｇ／ａｂｓ／２１０６．０９６８５，代码：https：//github.com/a/b。")
    '论文：https://arxiv.org/abs/2106.09685，代码：https://github.com/a/b。'
    >>> halfwidth_urls("标点：https://x.org/a？对吗")
    '标点：https://x.org/a？对吗'
    """
    if "ｈ" not in text and "：" not in text and "／" not in text:
        return text

    def plain(match: regex.Match) -> str:
        run = match.group(0)
        url = run.rstrip("？?：:")  # (a question's mark, or a label's colon, after it)
        if url.isascii():
            return run
        return unicodedata.normalize("NFKC", url) + run[len(url):]

    return _WIDE_URL.sub(plain, text)


# A bare URL ends at a space, a bracket or quote, full-width punctuation, an invisible character
# (a zero-width space before the next word), or a Han character right after an ASCII letter or
# digit ("…/1812.01187v2了解每一个技巧"); Han characters that start a path segment or a query
# value belong to it ("https://zh.wikipedia.org/wiki/机器学习").
# A bracket it opens and closes is part of it ("…/wiki/Transformer_(machine_learning_model)", as
# Wikipedia names its pages), as in GitHub's autolinks; one it only closes is the text's.
# (Closing punctuation is taken off its end: "…/3Aoft6NWFej.")
_URL_STOP = r"""\s<>()\[\]"'，。、；：！？（）【】《》「」『』“”‘’""" + INVISIBLE + JOINERS
_BARE_URL = regex.compile(
    rf"https?://(?:[^{_URL_STOP}\p{{Han}}]|(?<=[/=#&?_\-])\p{{Han}}+|\([^{_URL_STOP}\p{{Han}}]+\))+")


def bare_links(text: str) -> tuple[InlineLink, ...]:
    """Links written as bare URLs in running text.

    >>> bare_links("来源:https://openreview.net/pdf?id=3Aoft6NWFej。")
    (InlineLink(label='', url='https://openreview.net/pdf?id=3Aoft6NWFej'),)
    >>> [link.url for link in bare_links("见 https://arxiv.org/abs/1812.01187v2了解细节，【https://arxiv.org/pdf/1703.10593.pdf】T2")]
    ['https://arxiv.org/abs/1812.01187v2', 'https://arxiv.org/pdf/1703.10593.pdf']
    >>> [link.url for link in bare_links("维基：https://zh.wikipedia.org/wiki/机器学习 和 https://x.org/a?q=中文&b=1”")]
    ['https://zh.wikipedia.org/wiki/机器学习', 'https://x.org/a?q=中文&b=1']
    >>> [link.url for link in bare_links("(see https://en.wikipedia.org/wiki/Transformer_(machine_learning_model)) or (https://x.org/a)")]
    ['https://en.wikipedia.org/wiki/Transformer_(machine_learning_model)', 'https://x.org/a']

    Nor does one end in the asterisks written after it (``<https://www.youtube.com/embed/…>***``,
    whose text had given the video twice, once as ``…/embed/p2dt4lljyLc*``):

    >>> bare_links("https://www.youtube.com/embed/p2dt4lljyLc***")
    (InlineLink(label='', url='https://www.youtube.com/embed/p2dt4lljyLc'),)
    """
    return tuple(InlineLink("", url) for m in _BARE_URL.finditer(text) if len(url := m.group(0).rstrip(".,;:!?*")) > 8)


# A paper's id written as text: "arXiv:1810.04805", "arXiv: hep-th/9711200", "DOI: 10.1109/CVPR.2016.90".
# A text scrape keeps these where it lost every URL.
_TEXT_ID = regex.compile(
    r"(?<![\w/.])(?:(?i:arxiv)\s?[:：]\s?(?P<arxiv>\d{4}\.\d{4,5}|[a-z][a-z-]*(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?(?!\.?\d)"
    r"|(?i:doi)\s?[:：]\s?(?P<doi>10\.\d{4,9}/[^\s\"<>，。；、）]*[^\s\"<>，。；、）.,;:!?)]))"
    # "[2305.18290] Title", as arXiv's listings head a paper: a new-style id (year, month 01-12)
    r"|(?<!\S)\[(?P<arxiv>\d\d(?:0[1-9]|1[0-2])\.\d{4,5})(?:v\d+)?\](?=\s)"
)
_ID_HINT = regex.compile(r"(?i)arxiv|doi|\[\d{4}\.\d")


_ID_COLUMNS = (
    (regex.compile(r"(?i)^\W*(?:acl\s*)?anthology(?:\s*id)?\W*$|^\W*acl\s*id\W*$"),
     regex.compile(r"^(?:[A-Z]\d{2}-\d{4}|\d{4}\.[a-z][a-z0-9]*(?:-[a-z0-9]+)*\.\d+)$"), "https://aclanthology.org/{}/"),
    (regex.compile(r"(?i)^\W*arxiv(?:\s*id)?\W*$"), regex.compile(r"^\d{4}\.\d{4,5}(?:v\d+)?$"), "https://arxiv.org/abs/{}"),
    (regex.compile(r"(?i)^\W*doi\W*$"), regex.compile(r"^10\.\d{4,9}/\S+$"), "https://doi.org/{}"),
    (regex.compile(r"(?i)^\W*openreview(?:\s*id)?\W*$"), regex.compile(r"^[A-Za-z0-9_-]{8,12}$"), "https://openreview.net/forum?id={}"),
)
"""Table columns that hold papers' ids as text: the header's name, the id's shape, its page."""


def column_id_links(header: tuple[str, ...], cells: tuple[str, ...] | list[str],
                    links: tuple[InlineLink, ...] = ()) -> tuple[InlineLink, ...]:
    """``links``, then a link to each id written as text in a column named for its kind
    (``Anthology ID``: ``N19-1423``; ``arXiv``: ``1810.04805``), unless a link already points at it.

    >>> column_id_links(("Paper", "Anthology ID"), ("BERT", "N19-1423"))
    (InlineLink(label='N19-1423', url='https://aclanthology.org/N19-1423/'),)
    >>> column_id_links(("Paper", "Presenter"), ("BERT", "N19-1423"))
    ()
    """
    found = list(links)
    for name, cell in zip(header, cells):
        cell = cell.strip()
        for column, shape, page in _ID_COLUMNS:
            if column.match(name) and shape.match(cell) and not any(cell.lower() in link.url.lower() for link in found):
                found.append(InlineLink(cell, page.format(cell)))
    return tuple(found)


def text_links(text: str, links: tuple[InlineLink, ...] = ()) -> tuple[InlineLink, ...]:
    """The links of a block: ``links`` (its markup's), then those its text gives that they do not:
    bare URLs, and papers' ids written as text (their label the id as written, their URL the
    id's canonical page), unless a link already points at that id.

    >>> [(l.label, l.url) for l in text_links("BERT (arXiv:1810.04805v2), DOI: 10.1109/CVPR.2016.90.")]
    [('arXiv:1810.04805v2', 'https://arxiv.org/abs/1810.04805'), ('DOI: 10.1109/CVPR.2016.90', 'https://doi.org/10.1109/CVPR.2016.90')]
    >>> [(l.label, l.url) for l in text_links("[2305.18290] Direct Preference Optimization")], text_links("[1234.5678] x")
    ([('[2305.18290]', 'https://arxiv.org/abs/2305.18290')], ())
    >>> text_links("[CM3](https://arxiv.org/abs/2201.07520) arXiv:2201.07520", (InlineLink("CM3", "https://arxiv.org/abs/2201.07520"),))
    (InlineLink(label='CM3', url='https://arxiv.org/abs/2201.07520'),)
    """
    found = list(links)
    if "http" in text:
        linked = {link.url for link in found}
        found.extend(link for link in bare_links(text) if link.url not in linked)
    if _ID_HINT.search(text):
        for match in _TEXT_ID.finditer(text):
            arxiv, doi = match.group("arxiv"), match.group("doi")
            key = arxiv or doi.lower()
            if any(key in link.url.lower() for link in found):
                continue
            url = f"https://arxiv.org/abs/{arxiv}" if arxiv else f"https://doi.org/{doi}"
            found.append(InlineLink(match.group(0), url))
    return tuple(found)

