"""Plain-text reader: lines -> blocks, by line rules.

A scrape of a web page keeps no markup, so structure comes from layout:
paragraphs are separated by blank lines; the first line is the title; a
numbered line at the left margin ("1. Title", "7.The Break-Even ...") is a
level-3 heading; an indented numbered or bulleted line is a list item; a short
line without closing punctuation that introduces prose or a numbered line is a
level-2 heading.  Link labels survive a scrape ("Paper | Code") but their URLs
do not; bare URLs in the text are kept as links, and so are footnote marks ("Attention Is All
You Need [1]") where the text gives the note's address ("[1] https://…", as e-mail newsletters
cite).
"""

from __future__ import annotations

from dataclasses import replace

import regex

from . import AUTHORS_LABEL, LABELLED_LINE, Block, InlineLink, author_label_alone, source_lines, text_links, text_outside_links, wrap_kind, wraps_onto
from .front_matter import fenced_header, states_title

NUMBERED_LINE = regex.compile(r"^(\d{1,3})\s*[.)。．、](?:\s+(?=\S)|(?=\S)(?!\d))")
"""A numbered line: "1. Title", "7.The", "2. 3D Gaussian Splatting" (a digit after a space), not "3.14"."""
LIST_LINE = regex.compile(r"^(\s+)(\d{1,3}[.)]|[-*•·●▪–])\s+\S")
TERMINAL = regex.compile(r"[.!?。！？;；,，:：…]\s*$")
"""A line that ends a sentence or a clause: no title ends so."""
_WORD = regex.compile(r"\S+")
_SENTENCE_END = regex.compile(r"[.!?。！？](?:\s|$)")
# A text's first paragraph is its title (level-1 heading) when it is at most this long; a
# longer one is prose (a scrape without its title, or a whole text on one line).
TITLE_MAX = 200
# A line of one repeated mark: under a line, it makes that line a heading (the setext and
# reStructuredText way: "Title" over "=====", "1. Paper" over "--------"); alone, a rule.
UNDERLINE = regex.compile(r"^\s*([=\-~^*#+_])\1{2,}\s*$")


def _underlined(line: str, under: str) -> bool:
    """Is ``line`` a heading underlined by ``under`` (a line of one mark at least half as long)?"""
    return (UNDERLINE.match(under) is not None and UNDERLINE.match(line) is None
            and len(under.strip()) * 2 >= len(line.strip()) and len(line.strip()) <= TITLE_MAX)


# A footnote's address, on a line of its own ("[1] https://arxiv.org/abs/1706.03762", "[1]: …"),
# and a mark that cites one ("Attention Is All You Need [1]").
_FOOTNOTE = regex.compile(r"^\s*\[(\d{1,3})\]\s*:?\s*(https?://\S+)\s*$")
_FOOTNOTE_MARK = regex.compile(r"\[(\d{1,3})\]")


def _footnotes(lines: list[str]) -> dict[str, str]:
    """The address of each footnote a text gives (the first, where a number recurs)."""
    notes: dict[str, str] = {}
    for line in lines:
        if line.lstrip().startswith("[") and (match := _FOOTNOTE.match(line)):
            notes.setdefault(match.group(1), match.group(2))
    return notes


def _links(text: str, notes: dict[str, str]) -> tuple[InlineLink, ...]:
    """The links of a block's text: its footnote marks, labelled with the mark, then those
    :func:`text_links` finds (a footnote's own line links its address once).

    >>> _links("Attention Is All You Need [1]", {"1": "https://arxiv.org/abs/1706.03762"})
    (InlineLink(label='[1]', url='https://arxiv.org/abs/1706.03762'),)
    >>> _links("[1] https://arxiv.org/abs/1706.03762", {"1": "https://arxiv.org/abs/1706.03762"})
    (InlineLink(label='', url='https://arxiv.org/abs/1706.03762'),)
    """
    if not notes or "[" not in text:
        return text_links(text)
    cited = tuple(InlineLink(mark.group(0), notes[mark.group(1)]) for mark in _FOOTNOTE_MARK.finditer(text)
                  if mark.group(1) in notes and notes[mark.group(1)] not in text)
    return text_links(text, cited)


# A link a scrape wrote as its text and its address in brackets: "Paper (https://…)", "代码（https://…）".
_PAIRED_URL = regex.compile(r"[ \t]?[(（](https?://[^\s()（）]+)[)）]")
# Where the text a bracketed address labels starts: after a separator, a sentence's end, a bracket,
# or a copula before a space ("本周的论文综述是 Title (https://…)", the space a link's edge left).
_LABEL_START = regex.compile(r"[|｜·•,，。;；:：!?！？)）\]】]\s*|(?<=\p{Han})是\s+")
MAX_PAIRED_LABEL = 120


def _with_paired_urls(block: Block) -> Block:
    """``block`` with each address in brackets after some text (``Paper (https://…)``) made the
    link of that text: its label the text back to the separator or sentence end before it, the
    address taken out of the block's text (a summary, a title, a TL;DR note hold no address).

    >>> b = _with_paired_urls(Block("paragraph", "A, B (2021) | Paper (https://arxiv.org/abs/2103.10697) | Code (https://github.com/x/y)", (1, 1), ""))
    >>> b.text, [(link.label, link.url) for link in b.links]
    ('A, B (2021) | Paper | Code', [('Paper', 'https://arxiv.org/abs/2103.10697'), ('Code', 'https://github.com/x/y')])
    >>> [link.label for link in _with_paired_urls(Block("paragraph", "本周的论文综述是 多流 CNN (https://arxiv.org/abs/2005.10470)。", (1, 1), "")).links]
    ['多流 CNN']
    """
    parts: list[str] = []
    paired: list[InlineLink] = []
    pos = 0
    text = block.text
    for match in _PAIRED_URL.finditer(text):
        before = text[: match.start()]
        starts = [m.end() for m in _LABEL_START.finditer(before)]
        label = before[starts[-1] if starts else 0 :].strip()
        if not label or len(label) > MAX_PAIRED_LABEL:
            continue  # (an address in brackets after a separator labels nothing)
        parts.append(text[pos : match.start()])
        paired.append(InlineLink(label, match.group(1)))
        pos = match.end()
    if not paired:
        return block
    parts.append(text[pos:])
    rest = "".join(parts)
    urls = {link.url for link in paired}
    links = tuple(paired) + tuple(link for link in block.links if link.url not in urls)
    return replace(block, text=rest, links=text_links(rest, links))


def _paragraphs(lines: list[str]) -> list[tuple[int, int]]:
    """Inclusive 1-based line ranges of runs of non-blank lines."""
    runs: list[tuple[int, int]] = []
    start = None
    for number, line in enumerate(lines, 1):
        if line.strip():
            if start is None:
                start = number
        elif start is not None:
            runs.append((start, number - 1))
            start = None
    if start is not None:
        runs.append((start, len(lines)))
    return runs


LINK_LABELS = frozenset(
    "paper code website linkedin twitter github blog slides video talk project pdf arxiv openreview "
    "data dataset demo poster homepage scholar".split()
    + ["home page", "research paper", "论文", "研究论文", "代码", "网站", "博客", "视频", "项目", "幻灯片", "数据集", "纸张", "代号",
       "谈话", "简报"]
)
"""Labels of links to a paper's resources or an author's pages ("纸张"/"代号" are mistranslated Paper/Code)."""
_SPACE_IN_HAN = regex.compile(r"(?<=\p{Han})\s+(?=\p{Han})")


def joined_label(text: str) -> str:
    """``text`` without the spaces between Han characters: a label set in two bolds
    (``**研究** **论文**:``) is one label.

    >>> joined_label("研究 论文"), joined_label("Project page")
    ('研究论文', 'Project page')
    """
    return _SPACE_IN_HAN.sub("", text)

_LABEL_WITH_SUFFIX = regex.compile(
    r"(?i)^(?:(?:paper|code|project|pdf|arxiv|github|demo|data(?:set)?|video|slides|blog|official code|"
    r"论文|代码|项目|源码|开源代码|官方代码|数据集?|视频|演示|博客|原文)\s*(?:link|links|page|url|homepage|链接|地址|主页|页面|下载)|"
    r"link|links|url|链接|地址|下载)$"
)


def is_link_label(text: str) -> bool:
    """Is ``text`` (one word or a short phrase) a link label: ``Paper``, ``论文链接``, ``Code link``,
    ``项目主页``?

    >>> [is_link_label(w) for w in ("paper", "论文链接", "Project page", "代码地址", "Summary", "研究 论文")]
    [True, True, True, True, False, True]
    """
    text = joined_label(text.strip().lower())
    return text in LINK_LABELS or _LABEL_WITH_SUFFIX.match(text) is not None


def is_label_row(line: str) -> bool:
    """A row of link labels whose URLs a scrape lost, e.g. "Paper | Code".

    >>> is_label_row("Twitter | LinkedIn | GitHub | Website"), is_label_row("**论文 | 代码**")
    (True, True)
    >>> is_label_row("Summary")
    False
    """
    parts = [part.strip(" *") for part in line.split("|")]
    return all(is_link_label(part) for part in parts)


def names_paper(line: str) -> bool:
    """Is ``line`` a row of link labels (:func:`is_label_row`) one of which is the paper's?

    >>> names_paper("Paper | Code"), names_paper("论文"), names_paper("LinkedIn | Website")
    (True, True, False)
    """
    return is_label_row(line) and any(part.strip(" *").lower() in ("paper", "论文") for part in line.split("|"))


_ASIDE = regex.compile(r"^[(（][^()（）]{1,80}[)）]$")
"""A note in brackets on its own: "(TL;DR, from OpenReview.net)"."""
LABEL_ROW_WITHIN = 3
"""How many paragraphs after a title may hold the row of link labels naming its paper (its
summary and a "(TL;DR, from OpenReview.net)" note between)."""


def _titles_label_row(lines: list[str], runs: list[tuple[int, int]], position: int) -> bool:
    """Is run ``position`` a title line with no number, over its summary and a row of link labels
    naming the paper, as a scrape that lost the numbers and the addresses keeps them::

        Why Gradient Clipping Accelerates Training: A Theoretical Justification for Adaptivity

        Gradient clipping provably accelerates gradient descent for non-smooth non-convex functions.

        Paper | Code

    >>> text = ["Title of a paper: with a subtitle", "", "What it does.", "", "Paper | Code"]
    >>> _titles_label_row(text, [(1, 1), (3, 3), (5, 5)], 0), _titles_label_row(text, [(1, 1), (3, 3), (5, 5)], 1)
    (True, False)
    """
    first, last = runs[position]
    line = lines[first - 1].strip()
    if (first != last or len(line) > TITLE_MAX or TERMINAL.search(line) or line[:1].islower()
            or len(_WORD.findall(line)) < 2 or is_label_row(line) or LABELLED_LINE.match(line) or _ASIDE.match(line)
            or AUTHORS_LABEL.match(line)):
        return False  # (an author line between a title and its label row is no title: "主要作者：A, B")
    for first, last in runs[position + 1 : position + 1 + LABEL_ROW_WITHIN]:
        paragraph = " ".join(lines[first - 1 : last]).strip()
        if first == last and names_paper(paragraph):
            return True
        if not (TERMINAL.search(paragraph) or _ASIDE.match(paragraph)):
            return False  # (what lies between must be sentences: a summary, a note)
    return False


def _is_heading_line(line: str) -> bool:
    words = _WORD.findall(line)
    return (
        not is_label_row(line)
        and
        0 < len(words) <= 8
        and len(line) <= 80
        and not TERMINAL.search(line)
        and "|" not in line
        and ":" not in line
        and not line[:1].islower()
    )


_ENDS_IN_LABEL = regex.compile(r"[:：]\s*$")
"""A line that is a label for what follows it ("第一作者:"): the next line is its value."""


def _is_prose(text: str) -> bool:
    return len(text) >= 100 or len(_SENTENCE_END.findall(text)) >= 2


def _front_matter(lines: list[str]) -> Block | None:
    """Front matter between ``---`` (YAML) or ``+++`` (TOML) lines at the top of a text, where it
    reads as fields.

    >>> _front_matter(["---", "title: T", "date: 2020-01-02", "---", "", "T"]).lines
    (1, 4)
    >>> _front_matter(["---", "Some words.", "---"]) is None
    True
    """
    header = fenced_header(lines)
    if header is None:
        return None
    taken, body = header
    return Block("front_matter", body, (1, taken), "\n".join(lines[:taken]))


# A line that is one address (``https://…``, ``<https://…>``, as e-mail writes it).
_URL_LINE = regex.compile(r"^\s*<?https?://[^\s<>]+>?\s*$")
# A bullet at the left margin ("* Title", "• Title"), whose item's other lines are indented.
_MARGIN_ITEM = regex.compile(r"^([*•·●▪–-])\s+(?=\S)")
# A line that is an entry's number alone ("【1】", "[2]", "(3)", "No. 4", "05").
NUMBER_ALONE = regex.compile(r"^\s*(?:【\s*\d{1,3}\s*】|\[\d{1,3}\]|[(（]\d{1,3}[)）]|No\.?\s*\d{1,3}|\d{1,3}[.)、]?)\s*$", regex.I)
# How many lines below an unnumbered title its address may come (an author line between).
_ADDRESS_WITHIN = 2
MIN_UNNUMBERED_TITLES = 2
"""How many such titles a text must have for them to be titles."""


_ROW_SEPARATORS = regex.compile(r"[|｜·•/,，]")


def _paired_link_row(line: str) -> bool:
    """Is ``line`` a row of links written as their labels and their addresses in brackets
    (``Paper (https://…) | Code (https://…)``)?

    >>> _paired_link_row("Paper (https://arxiv.org/abs/1706.03762) | Code (https://github.com/x/y)")
    True
    >>> _paired_link_row("BERT (https://arxiv.org/abs/1810.04805) pre-trains deep representations")
    False
    """
    rest, paired = _PAIRED_URL.subn(" ", line)
    labels = [part.strip(" *") for part in _ROW_SEPARATORS.split(rest) if part.strip(" *")]
    return paired > 0 and bool(labels) and all(is_link_label(label) for label in labels)


def _part_line(line: str) -> bool:
    """Is ``line`` one of an entry's parts: labelled (``Paper: …``), an address alone, or a row
    of links with their addresses in brackets (``Paper (https://…) | Code (https://…)``)?"""
    return bool(LABELLED_LINE.match(line) or _URL_LINE.match(line) or ("://" in line and _paired_link_row(line)))


def _titled_runs(lines: list[str], runs: list[tuple[int, int]], notes: dict[str, str] | None = None
                 ) -> tuple[list[tuple[int, int]], set[int]]:
    """``runs`` with a title line split off the lines it heads, and those lines a paragraph each
    (with the lines each wrapped onto), where they are an entry's parts; and where the titles
    that are no numbered line start (which the reader makes headings on this word alone).

    A numbered line is a title above a labelled line or an address ("1. Attention Is All You
    Need" straight above "Paper: https://…" or "https://…"), or where it cites a footnote of
    ``notes`` ("1. Attention Is All You Need [1]"); a number alone on its line ("【1】") with
    the line after it, over more lines; a line with no number, above an address
    within :data:`_ADDRESS_WITHIN` lines (an author line between), where the text has
    :data:`MIN_UNNUMBERED_TITLES` of them.  Lines that each open with a label are a paragraph
    each, with no title too.

    >>> _titled_runs(["1. Attention", "Paper: https://arxiv.org/abs/1706.03762", "Code: x"], [(1, 3)])
    ([(1, 1), (2, 2), (3, 3)], set())
    >>> _titled_runs(["1. First we build", "the model, then train it."], [(1, 2)])[0]
    [(1, 2)]
    >>> _titled_runs(["1. GAT", "Authors: P. Veličković", "Paper: https://x.org/p", "Summary: Attention on graphs."], [(1, 4)])[0]
    [(1, 1), (2, 2), (3, 3), (4, 4)]
    >>> _titled_runs(["Summary: Attention", "  on graphs.", "Paper: https://x.org/p"], [(1, 3)])[0]
    [(1, 2), (3, 3)]
    >>> record = ["*NeRF*", "Mildenhall et al.", "https://arxiv.org/abs/2003.08934", "An MLP maps", "coordinates.", ""]
    >>> _titled_runs(record * 2, [(1, 5), (7, 11)])
    ([(1, 1), (2, 2), (3, 3), (4, 5), (7, 7), (8, 8), (9, 9), (10, 11)], {1, 7})
    >>> _titled_runs(record, [(1, 5)])
    ([(1, 5)], set())
    """
    def title_line(first: int, last: int) -> bool:
        head = lines[first - 1]
        return last > first and not TERMINAL.search(head) and len(head) <= 200 and not _part_line(head)

    def unnumbered_title(first: int, last: int) -> bool:
        head = lines[first - 1]
        return (title_line(first, last) and not NUMBERED_LINE.match(head) and not _MARGIN_ITEM.match(head)
                and not head[:1].isspace()
                and any(_URL_LINE.match(line) for line in lines[first : min(last, first + _ADDRESS_WITHIN)]))

    # (a line over an address, once in a text, is as likely a sentence's lead-in: "Code here")
    unnumbered = {first for first, last in runs if unnumbered_title(first, last)}
    if len(unnumbered) < MIN_UNNUMBERED_TITLES:
        unnumbered = set()
    split: list[tuple[int, int]] = []
    heads: set[int] = set()
    for first, last in runs:
        head = lines[first - 1]
        taken = 0  # how many lines the title takes
        underlined = last > first + 1 and _underlined(head, lines[first])
        if underlined:
            taken = 2  # "1. Title" over "--------", the entry's lines straight under it
        elif last > first + 1 and NUMBER_ALONE.match(head) and title_line(first + 1, last):
            taken = 2  # "【1】" on a line of its own, the title on the next
        elif title_line(first, last) and NUMBERED_LINE.match(head):
            cites = bool(notes and any(mark.group(1) in notes for mark in _FOOTNOTE_MARK.finditer(head)))
            taken = 1 if _part_line(lines[first]) or cites else 0
        elif first in unnumbered:
            taken = 1
        if taken:
            split.append((first, first + taken - 1))
            if not underlined and (taken == 2 or not NUMBERED_LINE.match(head)):
                heads.add(first)  # (an underlined title is a heading by its underline)
            first += taken
        titled = bool(taken)
        chunk = lines[first - 1 : last]
        if chunk and ((titled and any(_part_line(line) for line in chunk)) or (
                last > first and LABELLED_LINE.match(chunk[0]) and sum(1 for line in chunk if LABELLED_LINE.match(line)) >= 2)
                or (last > first and author_label_alone(chunk[0]))):
            # "Authors: …", "Paper: https://…", "Code: https://…", "Summary: …": a line each,
            # with the lines a line wrapped onto; so are the names under an author label alone
            # on its line ("主要作者:" / "Jason Wei" / "Xuezhi Wang")
            kind = wrap_kind(chunk[0], text_outside_links(chunk[0], text_links(chunk[0])))
            split.append((first, first))
            for number in range(first + 1, last + 1):
                line = lines[number - 1].strip()
                if wraps_onto(kind, lines[number - 2], line):
                    split[-1] = (split[-1][0], number)
                else:
                    kind = wrap_kind(line, text_outside_links(line, text_links(line)))
                    split.append((number, number))
        else:
            split.append((first, last))
    return split, heads


def _margin_items(chunk: list[str], first: int, notes: dict[str, str]) -> list[Block] | None:
    """A list whose items start at the left margin ("* Title") with their other lines indented
    below them (an author line, an address, "Why it matters: …"), as e-mail newsletters write
    it: an item per bulleted line, and one nested below it per indented line (with the lines
    its text wrapped onto); None for other runs.

    >>> [(b.level, b.text) for b in _margin_items(["* Chinchilla", "  Hoffmann et al.", "  https://x.org/p"], 1, {})]
    [(1, 'Chinchilla'), (2, 'Hoffmann et al.'), (2, 'https://x.org/p')]
    """
    if not _MARGIN_ITEM.match(chunk[0]) or not all(_MARGIN_ITEM.match(line) or line[:1].isspace() for line in chunk):
        return None
    items: list[tuple[int, int, str, str]] = []  # (first line, level, marker, text)
    kind = None
    for offset, line in enumerate(chunk):
        bullet = _MARGIN_ITEM.match(line)
        text = line[bullet.end() :].strip() if bullet else line.strip()
        if items and wraps_onto(kind, items[-1][3], text):
            number, level, marker, above = items[-1]
            items[-1] = (number, level, marker, above + " " + text)
            continue
        kind = wrap_kind(text, text_outside_links(text, text_links(text))) if not bullet else "lower"
        items.append((first + offset, 1 if bullet else 2, bullet.group(1) if bullet else "-", text))
    blocks = []
    for index, (number, level, marker, text) in enumerate(items):
        end = items[index + 1][0] - 1 if index + 1 < len(items) else first + len(chunk) - 1
        raw = "\n".join(chunk[number - first : end - first + 1])
        blocks.append(Block("list_item", text, (number, end), raw, level=level, marker=marker, links=_links(text, notes)))
    return blocks


def parse_plaintext(text: str) -> list[Block]:
    lines = source_lines(text)
    blocks: list[Block] = []
    front = _front_matter(lines)
    if front is not None:
        blocks.append(front)
    # (the lines after the front matter's closing line, in a run with it or not)
    after = front.lines[1] if front is not None else 0
    notes = _footnotes(lines)
    runs, heads = _titled_runs(lines, [(max(first, after + 1), last) for first, last in _paragraphs(lines) if last > after], notes)
    for position, (first, last) in enumerate(runs):
        chunk = lines[first - 1 : last]
        raw = "\n".join(chunk)
        if (items := _margin_items(chunk, first, notes)) is not None:
            blocks.extend(items)
            continue
        if all(LIST_LINE.match(line) for line in chunk):
            for offset, line in enumerate(chunk):
                match = LIST_LINE.match(line)
                depth = 1 + len(match.group(1).expandtabs(4)) // 4
                body = line[match.end(2) :].strip()
                blocks.append(
                    Block("list_item", body, (first + offset, first + offset), line, level=depth,
                          marker=match.group(2), links=_links(body, notes))
                )
            continue
        if len(chunk) == 1 and UNDERLINE.match(chunk[0]):
            blocks.append(Block("rule", "", (first, last), raw))
            continue
        underlined = len(chunk) == 2 and _underlined(chunk[0], chunk[1])
        # a banner: a line between two rules ("=====" / "PAPERS OF THE WEEK" / "=====")
        banner = len(chunk) == 3 and UNDERLINE.match(chunk[0]) and UNDERLINE.match(chunk[2]) and len(chunk[1].strip()) <= TITLE_MAX
        if underlined or banner:
            title = chunk[1 if banner else 0].strip()
            numbered = NUMBERED_LINE.match(title) is not None
            level = 1 if not blocks or blocks[-1].kind == "front_matter" else 3 if numbered else 2
            blocks.append(Block("heading", title, (first, last), raw, level=level, links=_links(title, notes)))
            continue
        joined = " ".join(part.strip() for part in chunk)
        single = first == last
        kind, level = "paragraph", 0
        if not blocks or blocks[-1].kind == "front_matter":
            # (the first paragraph is the title; where the front matter states one, only a line
            # that reads as a title is: a sentence is the body's first, and had been taken for
            # the title over the stated one)
            if len(joined) <= TITLE_MAX and not (
                    blocks and TERMINAL.search(joined) and states_title(blocks[-1].text)):
                kind, level = "heading", 1
        elif first in heads or (single and NUMBERED_LINE.match(chunk[0]) and not TERMINAL.search(chunk[0])
                                and len(chunk[0]) <= 200):
            kind, level = "heading", 3
        elif single and _titles_label_row(lines, runs, position):
            kind, level = "heading", 2
        elif single and _is_heading_line(chunk[0].strip()) and position + 1 < len(runs) and not (
                blocks and _ENDS_IN_LABEL.search(blocks[-1].text)):
            # (a line under "第一作者:" is that label's value, a name, no heading)
            nxt_first, nxt_last = runs[position + 1]
            following = " ".join(lines[nxt_first - 1 : nxt_last]).strip()
            if _is_prose(following) or NUMBERED_LINE.match(lines[nxt_first - 1]):
                kind, level = "heading", 2
        blocks.append(Block(kind, joined, (first, last), raw, level=level, links=_links(joined, notes)))
    return [_with_paired_urls(block) if "://" in block.text else block for block in blocks]
