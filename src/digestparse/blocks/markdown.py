"""Markdown reader: markdown-it-py tokens -> blocks.

markdown-it-py gives every block token a ``map`` (0-based, end-exclusive line
range); we keep it as 1-based inclusive ``lines``.  Inline children are
flattened into visible text, links and images, and we note whether the whole
block is bold or italic (entry titles and captions often are).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it import helpers as md_helpers
from markdown_it.common.utils import unescapeAll
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from . import LABELLED_LINE, Block, Image, InlineLink, author_label_alone, bare_links, column_id_links, inline_wrap_kind, inline_wraps_onto, source_lines, text_links
from .front_matter import FRONT_MATTER_LINES, comment_header, fenced_header, read_fields


# The characters at which each enabled inline rule can fire.  ``]`` stays too: the link label
# scanner walks with ``skipToken`` and must stop at it.
_RULE_CHARS = {
    "newline": "\n", "escape": "\\", "backticks": "`", "emphasis": "*_", "link": "[]", "image": "![]",
    "autolink": "<", "html_inline": "<", "entity": "&", "math_inline": "$",
}


# A link target that markdown-it's link normalisation returns unchanged: only characters it
# never percent-encodes (or valid %XX escapes), and either an http(s) URL with a plain ASCII host
# name (labels of at most 63 characters, at most 253 in all: longer ones are rearranged) and an
# optional port, or a relative reference (no scheme, not ``//host``).  Most link targets in an
# archive are like this; they skip the normaliser (property-tested against it).
_KEPT_CHARS = r"(?:[A-Za-z0-9;/?:@&=+$,\-_.!~*'()#]|%[0-9A-Fa-f]{2})*"
NORMAL_URL = re.compile(
    r"(?:https?://(?=[^/?#:]{1,253}(?:[/?#:]|\Z))[A-Za-z0-9][A-Za-z0-9-]{0,62}(?:\.[A-Za-z0-9-]{1,63})*\.?"
    r"(?::[0-9]{1,5})?(?:[/?#]" + _KEPT_CHARS + r")?"
    r"|(?![A-Za-z0-9.+-]+:)(?!//)" + _KEPT_CHARS + r")\Z",
    re.IGNORECASE,
)


def _skip_normal(normalize: Callable[[str], str]) -> Callable[[str], str]:
    cached = lru_cache(maxsize=16384)(normalize)

    def normalize_link(url: str) -> str:
        return url if NORMAL_URL.match(url) else cached(url)

    return normalize_link


class _Destination:
    """What markdown-it's ``parseLinkDestination`` returns: ``ok``, ``pos`` (just after it), ``str``."""

    __slots__ = ("ok", "pos", "str")

    def __init__(self, ok: bool = False, pos: int = 0, text: str = "") -> None:
        self.ok, self.pos, self.str = ok, pos, text


# The body of an unbracketed link destination up to the first character where markdown-it's scan
# stops (space, a control character, ``)`` at depth 0) or must count (``(``, a ``\`` escape).
_PLAIN_DESTINATION = re.compile(r"[^\x00-\x20\x7f()\\]*")


def parse_link_destination(string: str, pos: int, maximum: int) -> _Destination:
    """markdown-it's ``parseLinkDestination``, scanning a destination without ``<``, ``(`` or ``\\`` at once.

    The stock function walks the destination a character at a time in Python; most link targets
    hold none of the characters it counts, so one regular-expression match finds where the scan
    would stop.  The rest goes to the stock function (property-tested against it).

    >>> found = parse_link_destination("[a](https://arxiv.org/abs/1 'x')", 4, 31)
    >>> found.ok, found.str, found.pos
    (True, 'https://arxiv.org/abs/1', 27)
    """
    if pos < min(maximum, len(string)) and string[pos] != "<":
        end = _PLAIN_DESTINATION.match(string, pos, maximum).end()  # type: ignore[union-attr]
        stop = string[end : end + 1] if end < maximum else ""
        if stop != "(" and stop != "\\":
            if end == pos:
                return _Destination()
            return _Destination(True, end, unescapeAll(string[pos:end]))
    return md_helpers.parseLinkDestination(string, pos, maximum)  # type: ignore[return-value]


# The first characters (after the line's indentation) at which each block rule can match; None:
# any.  Every rule but ``code`` returns False at once on a line indented 4 or more past the block,
# and ``code`` matches only there.
_BLOCK_FIRST_CHARS: dict[str, str | None] = {
    "front_matter": "-", "table": None, "fence": "`~", "blockquote": ">", "hr": "*-_", "list": "*-+0123456789",
    "reference": "[", "html_block": "<", "heading": "#", "lheading": None, "paragraph": None,
}

BlockRule = Callable[[StateBlock, int, int, bool], bool]


def _dispatching(rules: list[BlockRule], names: list[str]) -> list[BlockRule]:
    """One rule that tries, of a chain's rules, only those that can match at the line's first character.

    markdown-it tries every rule of a chain on every line (and each paragraph line against every
    terminator rule); most fail at their first check.  Lines indented into code range, and empty
    ones, still get the whole chain.  A chain with a rule we do not know is kept as it is.
    """
    if not rules or any(name != "code" and name not in _BLOCK_FIRST_CHARS for name in names):
        return rules
    able = [(rule, _BLOCK_FIRST_CHARS[name]) for rule, name in zip(rules, names) if name != "code"]
    anywhere = [rule for rule, chars in able if chars is None]
    by_char = {
        char: [rule for rule, chars in able if chars is None or char in chars]
        for char in sorted({char for _, chars in able for char in chars or ""})
    }

    def dispatch(state: StateBlock, startLine: int, endLine: int, silent: bool) -> bool:
        pos = state.bMarks[startLine] + state.tShift[startLine]
        if state.sCount[startLine] - state.blkIndent >= 4 or pos >= state.eMarks[startLine]:
            candidates = rules
        else:
            candidates = by_char.get(state.src[pos], anywhere)
        for rule in candidates:
            if rule(state, startLine, endLine, silent):
                return True
        return False

    return [dispatch]


def _dispatch_block_rules(md: MarkdownIt) -> None:
    """Have the block parser's chains (its own and the terminator chains rules ask for) dispatch.

    The parser is configured once, before this; the dispatching chains are built on first use.
    """
    ruler = md.block.ruler
    stock = ruler.getRules
    name_of = {id(rule.fn): rule.name for rule in ruler.__rules__}
    chains: dict[str, list[BlockRule]] = {}

    def get_rules(chain_name: str = "") -> list[BlockRule]:
        chain = chains.get(chain_name)
        if chain is None:
            rules = list(stock(chain_name))
            chain = chains[chain_name] = _dispatching(rules, [name_of.get(id(rule), "") for rule in rules])
        return chain

    ruler.getRules = get_rules  # type: ignore[method-assign]


# How deep blocks may nest (markdown-it's ``maxNesting``: its default preset's, where CommonMark's
# is 20).  A list or quote level counts one or two; an outline nested ten lists deep reaches 20.
MAX_NESTING = 100


def _keep_past_nesting_limit(md: MarkdownIt) -> None:
    """Keep, as plain paragraphs, the blocks nested past the nesting limit.

    markdown-it's block tokenizer stops at the limit and skips the rest of its range; inside a
    list that range runs to the end of the input, so everything after an outline nested too deep
    was lost.  Here a container at the limit gets one paragraph per run of non-blank lines that
    still belong to it (its deeper markers left in the text), and the parse goes on after them.

    >>> [b.text for b in parse_markdown(">" * 101 + " deep\\n\\nafter")]
    ['> deep', 'after']
    """
    tokenize = md.block.tokenize
    limit = md.options.maxNesting

    def tokenize_keeping(state: StateBlock, startLine: int, endLine: int) -> None:
        if state.level < limit:
            tokenize(state, startLine, endLine)
            return
        line = startLine
        while line < endLine:
            line = state.skipEmptyLines(line)
            if line >= endLine or state.sCount[line] < state.blkIndent:
                break
            start = line
            while line < endLine and not state.isEmpty(line) and state.sCount[line] >= state.blkIndent:
                line += 1
            state.push("paragraph_open", "p", 1).map = [start, line]
            token = state.push("inline", "", 0)
            token.content = state.getLines(start, line, state.blkIndent, False).strip()
            token.map = [start, line]
            token.children = []
            state.push("paragraph_close", "p", -1)
        state.line = line

    md.block.tokenize = tokenize_keeping  # type: ignore[method-assign]


class _Helpers:
    """The link helpers markdown-it's ``link``, ``image`` and ``reference`` rules call through ``md.helpers``."""

    parseLinkLabel = staticmethod(md_helpers.parseLinkLabel)
    parseLinkTitle = staticmethod(md_helpers.parseLinkTitle)
    parseLinkDestination = staticmethod(parse_link_destination)


@lru_cache(maxsize=2)
def _parser(front_matter: bool = True) -> tuple[MarkdownIt, re.Pattern[str] | None]:
    """One parser per process: CommonMark plus tables, TeX between dollars and YAML front matter
    at the top (``front_matter``; mdit-py-plugins' rules), set up to do no work we do not read.

    - The ``text`` rule stops only at characters where an enabled rule can fire (markdown-it
      stops at every character any rule or plugin might want, ``:`` ``-`` ``%`` ``=`` ...; at
      those no enabled rule fires and the character joins the text anyway).
    - ``text_join`` (merging escapes and entities into neighbouring text tokens) is off:
      ``_flatten_inline`` reads ``text_special`` tokens as text and joins all text itself.
    - Blocks nested deeper than :data:`MAX_NESTING` are kept as plain paragraphs
      (``_keep_past_nesting_limit``); markdown-it drops them and the rest of their range.
    - Each block rule chain tries only the rules that can match at a line's first character
      (``_dispatching``).
    - Link destinations are scanned by one regular-expression match where they hold none of the
      characters markdown-it's scan counts (``parse_link_destination``).
    - Link destinations that normalising would not change (``NORMAL_URL``) skip it; the others
      are normalised (percent-encoding, punycode) through a cache: the same URLs recur within
      a file and across the variants of an article, and normalising is pure.
    - When every enabled inline rule is known, the core ``inline`` rule is off: ``parse_markdown``
      runs the inline parser itself, only on the inline content it reads (not table cells) and
      only where some rule can fire; content with none of those characters is flattened
      directly (``_flatten_plain``), as the ``text`` and ``newline`` rules would.

    The blocks we build are the same as with the stock CommonMark parser.  Returns the parser
    and, when the inline stage is ours, the characters at which an inline rule other than
    ``newline`` can fire.
    """
    md = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table")
    if front_matter:
        md.use(front_matter_plugin)
        stock_rule = next(rule.fn for rule in md.block.ruler.__rules__ if rule.name == "front_matter")

        def front_matter_at_top(state: StateBlock, startLine: int, endLine: int, silent: bool) -> bool:
            # (the plugin's rule also fires inside a list item that opens the document, "- ---#",
            # reading the item's first line from column 0: front matter is the document's own)
            if startLine != 0 or state.level != 0 or state.blkIndent != 0:
                return False
            return stock_rule(state, startLine, endLine, silent)

        md.block.ruler.at("front_matter", front_matter_at_top)
    # TeX between dollars is text, not emphasis ("$\\mathbf{s}_\\theta(x)$, $y_j$" lost their
    # underscores); as pandoc reads it: no space inside the dollars, no digit after the closing
    # one ("$5 and $10" is money). A "$$" display stays in its paragraph, read by the same rule.
    md.use(dollarmath_plugin, allow_labels=False, allow_space=False, allow_digits=False, double_inline=True)
    md.block.ruler.disable("math_block")
    md.core.ruler.disable("text_join")
    markup = None
    active = [name for name in md.inline.ruler.get_active_rules() if name != "text"]
    if hasattr(md.inline, "terminator_re") and all(name in _RULE_CHARS for name in active):
        chars = sorted(set("".join(_RULE_CHARS[name] for name in active)))
        md.inline.terminator_re = re.compile("[" + re.escape("".join(chars)) + "]")
        md.core.ruler.disable("inline")
        markup = re.compile("[" + re.escape("".join(c for c in chars if c != "\n")) + "]")
    _dispatch_block_rules(md)
    _keep_past_nesting_limit(md)
    md.helpers = _Helpers  # type: ignore[assignment]
    md.normalizeLink = _skip_normal(md.normalizeLink)  # type: ignore[method-assign]
    md.normalizeLinkText = lru_cache(maxsize=16384)(md.normalizeLinkText)  # type: ignore[method-assign]
    md.validateLink = lru_cache(maxsize=16384)(md.validateLink)  # type: ignore[method-assign]
    return md, markup


def _lines(token: Token, fallback: tuple[int, int]) -> tuple[int, int]:
    if token.map:
        start, end = token.map
        return (start + 1, max(start + 1, end))
    return fallback


# Note-taking apps' Markdown (Obsidian, Logseq, Foam): a wikilink "[[Target]]" or
# "[[Target|shown text]]", and a callout's marker "[!summary] title" opening a quote.
_WIKILINK = re.compile(r"\[\[([^\[\]|\n]+)(?:\|([^\[\]\n]+))?\]\]")
_CALLOUT = re.compile(r"^\[!([A-Za-z-]+)\][+-]?[ \t]*\n?")
# The callouts that hold a summary, as the label that says so.
_CALLOUT_LABELS = {"summary": "Summary: ", "abstract": "Abstract: ", "tldr": "TL;DR: "}


def _note_markup(text: str) -> str:
    """``text`` with a note-taking app's markup read: a wikilink is its shown text, a callout's
    marker goes (for a summary callout, a "Summary:" label stands in its place).

    >>> _note_markup("[[Retentive Network|RetNet]] and [[Transformer-XL]]")
    'RetNet and Transformer-XL'
    >>> _note_markup("[!summary]\\nRetNet has three forms."), _note_markup("[!note] How I use this")
    ('Summary: RetNet has three forms.', 'How I use this')
    """
    if "[[" in text:
        text = _WIKILINK.sub(lambda m: (m.group(2) or m.group(1)).strip(), text)
    if text.startswith("[!") and (callout := _CALLOUT.match(text)):
        text = _CALLOUT_LABELS.get(callout.group(1).lower(), "") + text[callout.end() :]
    return text


def _strip_stray_marks(text: str) -> tuple[str, bool]:
    """Remove emphasis marks CommonMark left as literal text, and say if they wrapped the whole text.

    CommonMark does not close ``**`` between CJK punctuation and a letter
    (``**一段话总结:**调优``), nor ``*`` after a space (``*caption. *``).

    >>> _strip_stray_marks("**一段话总结:**调优")
    ('一段话总结:调优', False)
    >>> _strip_stray_marks("*The colorbar indicates training. *")
    ('The colorbar indicates training.', True)
    """
    text = text.replace("**", "").replace("__", "")
    stripped = text.strip()
    if len(stripped) > 2 and stripped[0] == "*" and stripped[-1] == "*" and "*" not in stripped[1:-1]:
        return stripped[1:-1].strip(), True
    return text, False


Flattened = tuple[str, tuple[InlineLink, ...], tuple[Image, ...], bool, bool]


def _inline(md: MarkdownIt, markup: re.Pattern[str] | None, token: Token, env: dict) -> Flattened:
    """Flatten an inline token, parsing its content here when the core ``inline`` rule is off."""
    if markup is None:
        return _flatten_inline(token.children or [])
    if markup.search(token.content) is None:
        return _flatten_plain(token.content)
    return _flatten_inline(md.inline.parse(token.content, md, env, []))


# A paragraph that may open with a bold line ("**1. Title**" then a line break).
_BOLD_START = re.compile(r"\s*(?:\*\*|__|<(?:b|strong)>)", re.IGNORECASE)


def _broken_lines(children: list[Token]) -> list[list[Token]]:
    """An inline token's children cut at its line breaks (soft and hard), where no emphasis or
    link spans a break; [] where one does."""
    lines: list[list[Token]] = [[]]
    depth = 0
    for tok in children:
        if tok.type in ("softbreak", "hardbreak"):
            if depth:
                return []
            lines.append([])
            continue
        if tok.nesting:
            depth += tok.nesting
        elif tok.type == "html_inline" and (tag := _html_tag(tok.content)) and tag[0] != "br" and tag[0] != "img":
            depth += -1 if tag[0].startswith("/") else 1
        lines[-1].append(tok)
    return lines


def _titled_lines(md: MarkdownIt, token: Token, env: dict, lines: tuple[int, int]) -> list[tuple[Flattened, tuple[int, int]]]:
    """A paragraph whose first line is bold from end to end, then more lines ("**1. Title**",
    a line break, "[Paper](…) | [Code](…)", a line break, the summary), or two of whose lines
    open with a label ("Paper: …", "Code: …"), as one flattened piece per
    line with its source lines: each is a block of its own, as under a heading, with the lines
    its text wrapped onto.  [] for other paragraphs.

    >>> [(b.text, b.lines, b.strong) for b in parse_markdown("**1. Title**  \\n[Paper](https://x.org/p)\\nSummary.")]
    [('1. Title', (1, 1), True), ('Paper', (2, 2), False), ('Summary.', (3, 3), False)]
    """
    pieces = _broken_lines(md.inline.parse(token.content, md, env, []))
    if len(pieces) < 2 or len(pieces) != lines[1] - lines[0] + 1:
        return []
    flattened = [_flatten_inline(piece) for piece in pieces]
    labelled = sum(1 for flat in flattened if LABELLED_LINE.match(flat[0]))
    if not (flattened[0][3] and len(flattened[0][0]) <= 200) and labelled < 2 and not author_label_alone(flattened[0][0]):
        return []  # (an author label alone on its line heads the names below it: "主要作者:" / "**A**" / "B")
    # a line that carries on the one above it (wrapped text) joins it: [first, last] per block
    spans: list[list[int]] = []
    kind = None  # what the latest span's first line takes after it
    for offset, flat in enumerate(flattened):
        if spans and inline_wraps_onto(kind, flattened[spans[-1][1]][0], flat):
            spans[-1][1] = offset
        else:
            spans.append([offset, offset])
            kind = inline_wrap_kind(flat)
    titled = []
    for first, last in spans:
        if first == last:
            flat = flattened[first]
        else:
            joined: list[Token] = []
            for piece in pieces[first : last + 1]:
                if joined:
                    joined.append(Token("softbreak", "br", 0))
                joined.extend(piece)
            flat = _flatten_inline(joined)
        if flat[0] or flat[2]:
            titled.append((flat, (lines[0] + first, lines[0] + last)))
    return titled


def _flatten_plain(content: str) -> Flattened:
    """``_flatten_inline`` of content where no inline rule but ``newline`` can fire.

    The ``newline`` rule drops the spaces before a line break and the spaces and tabs after it.

    >>> _flatten_plain("第一行  \\n\\t 第二行 \\nthird")[0]
    '第一行\\n第二行\\nthird'
    """
    if "\n" in content:
        lines = content.split("\n")
        for i in range(1, len(lines)):
            lines[i] = lines[i].lstrip(" \t")
        for i in range(len(lines) - 1):
            lines[i] = lines[i].rstrip(" ")
        text = "\n".join(lines)
    else:
        text = content
    return text.strip(), text_links(text), (), False, False


# Inline HTML tags whose meaning the visible text keeps: links, images, line breaks, bold, italics.
_INLINE_TAG = re.compile(r"<(/?)(a|img|br|b|strong|em|i)\b([^>]*)>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""\b(href|src|alt)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)


_ANY_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)(?:\s[^>]*)?/?>")
_HTML_ELEMENTS = frozenset(
    "a abbr acronym address area article aside audio b base bdi bdo big blink blockquote body br button "
    "canvas caption center cite code col colgroup data datalist dd del details dfn dialog dir div dl dt em "
    "embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr "
    "html i iframe img input ins kbd label legend li link main map mark marquee math menu meta meter nav nobr "
    "noframes noscript object ol optgroup option output p param picture plaintext pre progress q rp rt ruby s "
    "samp script search section select slot small source span strike strong style sub summary sup svg table "
    "tbody td template textarea tfoot th thead time title tr track tt u ul var video wbr xmp".split()
)


def _is_placeholder(content: str) -> bool:
    """Is an inline "HTML" tag no element of HTML but a token written in angle brackets, as
    ML prose writes them (``<mask>``, ``<eos>``, ``</s>`` is an element)?  Such text is kept.

    >>> [_is_placeholder(t) for t in ("<mask>", "<EOS>", "<span>", "</b>", "<my-widget>", "<s>")]
    [True, True, False, False, False, False]
    """
    match = _ANY_TAG.fullmatch(content.strip())
    if match is None:
        return False
    name = match.group(1).lower()
    return name not in _HTML_ELEMENTS and "-" not in name  # (a custom element has a hyphen)


def _html_tag(content: str) -> tuple[str, dict[str, str]] | None:
    """An inline HTML tag's name (``/a`` for a closing one) and its href, src and alt; None for
    other tags.

    >>> _html_tag('<a class="x" href="https://arxiv.org/abs/1706.03762?a=1&amp;b=2">')
    ('a', {'href': 'https://arxiv.org/abs/1706.03762?a=1&b=2'})
    >>> _html_tag("<BR/>"), _html_tag("</a>"), _html_tag("<span>")
    (('br', {}), ('/a', {}), None)
    """
    match = _INLINE_TAG.fullmatch(content.strip())
    if match is None:
        return None
    closing, name, rest = match.groups()
    attributes = {m.group(1).lower(): html.unescape(m.group(2) or m.group(3) or m.group(4) or "")
                  for m in _ATTRIBUTE.finditer(rest)}
    return closing + name.lower(), attributes


def _flatten_inline(children: list[Token]) -> Flattened:
    """Visible text, links, images, and whether all visible text is strong / emphasised.

    "Visible" is any alphanumeric character: a text piece of only punctuation or spaces does
    not count as inside or outside the emphasis.
    """
    parts: list[str] = []
    links: list[InlineLink] = []
    images: list[Image] = []
    strong_depth = em_depth = 0
    outside_strong = outside_em = inside_strong = inside_em = False
    link_stack: list[tuple[str, int]] = []
    isalnum = str.isalnum

    for tok in children:
        t = tok.type
        math = t == "math_inline" or t == "math_inline_double"
        if math or t == "text" or t == "text_special" or t == "code_inline" or (t == "html_inline" and _is_placeholder(tok.content)):
            if math:
                # (an author who wrote for a renderer that reads Markdown first escaped the marks
                # emphasis would take, "$p\\_\\theta$": TeX has no use for those escapes)
                fence = "$" if t == "math_inline" else "$$"
                content = fence + tok.content.replace("\\_", "_").replace("\\*", "*") + fence
            else:
                content = tok.content  # ("<mask>" in prose is a token of the text, no markup)
            parts.append(content)
            if math or any(map(isalnum, content)):
                if strong_depth:
                    inside_strong = True
                else:
                    outside_strong = True
                if em_depth:
                    inside_em = True
                else:
                    outside_em = True
        elif t == "softbreak" or t == "hardbreak":
            parts.append("\n")
        elif t == "strong_open":
            strong_depth += 1
        elif t == "strong_close":
            strong_depth = max(0, strong_depth - 1)
        elif t == "em_open":
            em_depth += 1
        elif t == "em_close":
            em_depth = max(0, em_depth - 1)
        elif t == "link_open":
            link_stack.append((str(tok.attrs.get("href", "")), len(parts)))
        elif t == "link_close" and link_stack:
            href, start = link_stack.pop()
            links.append(InlineLink("".join(parts[start:]).strip(), href))
        elif t == "image":
            images.append(Image(str(tok.attrs.get("src", "")), tok.content))
        elif t == "html_inline" and (tag := _html_tag(tok.content)) is not None:
            # inline HTML in Markdown: <a href>, <img>, <br>, <b>/<strong>, <i>/<em>
            name, attributes = tag
            if name == "a" and "href" in attributes:
                link_stack.append((attributes["href"], len(parts)))
            elif name == "/a" and link_stack:
                href, start = link_stack.pop()
                links.append(InlineLink("".join(parts[start:]).strip(), href))
            elif name == "img" and "src" in attributes:
                images.append(Image(attributes["src"], attributes.get("alt", "")))
            elif name == "br":
                parts.append("\n")
            elif name in ("b", "strong"):
                strong_depth += 1
            elif name in ("/b", "/strong"):
                strong_depth = max(0, strong_depth - 1)
            elif name in ("i", "em"):
                em_depth += 1
            elif name in ("/i", "/em"):
                em_depth = max(0, em_depth - 1)
    text, wrapped = _strip_stray_marks(_note_markup("".join(parts)))
    if wrapped:
        outside_em, inside_em = False, True
    return (
        text.strip(),
        text_links(text, tuple(links)),
        tuple(images),
        inside_strong and not outside_strong,
        inside_em and not outside_em,
    )


# Raw HTML in Markdown that holds elements the HTML reader makes blocks of (a list, a table, a
# paragraph, a figure); a comment (the archive's "<!--yml" header) or a <link> tag does not.
_HTML_CONTENT = re.compile(r"<(?:p|ul|ol|li|table|h[1-6]|figure|img|blockquote|pre|details|div|section)[\s>/]", re.IGNORECASE)


def _html_blocks(content: str, offset: int, lines_of_source: list[str], quote: bool) -> list[Block]:
    """The blocks of a raw HTML block in Markdown, read by the HTML reader, their lines moved to
    where the HTML stands in the document (``offset``: the lines before it); [] where the HTML
    holds no such element or gives no block (the caller keeps it as one paragraph).

    >>> [(b.kind, b.text, b.lines) for b in _html_blocks("<ol>\\n<li>a</li>\\n<li>b</li>\\n</ol>\\n", 4, [""] * 8, False)]
    [('list_item', 'a', (6, 6)), ('list_item', 'b', (7, 7))]
    """
    if not _HTML_CONTENT.search(content):
        return []
    from .html import parse_html

    moved = []
    for block in parse_html(content):
        if block.kind == "front_matter":
            continue  # a page's <meta> tags in the middle of a document say nothing about it
        # (an element left open at the end of the file runs, for the HTML reader, a line on)
        first = min(block.lines[0] + offset, len(lines_of_source))
        last = min(block.lines[1] + offset, len(lines_of_source))
        raw = "\n".join(lines_of_source[first - 1 : last])
        moved.append(replace(block, lines=(first, last), raw=raw, quote=block.quote or quote))
    return moved


# How many times an unclosed comment's lines are read again (each time past a comment of its own).
MAX_REREADS = 8


def _reread(lines_of_source: list[str], first: int, last: int, depth: int) -> list[Block]:
    """The blocks of source lines ``first``..``last`` (1-based), read as a document of their own
    with their line numbers kept (the lines before them stand as empty lines)."""
    return parse_markdown("\n" * (first - 1) + "\n".join(lines_of_source[first - 1 : last]), _depth=depth + 1)


def _comment_block(tok: Token, lines: tuple[int, int], lines_of_source: list[str], at_top: bool,
                   depth: int) -> list[Block] | None:
    """The blocks of an HTML comment block, where it is a header or unclosed; None for others.

    - At the top of the file, a comment that holds fields (the archive's ``<!--yml`` header) is a
      ``front_matter`` block (:func:`.front_matter.comment_header`).
    - A comment with no ``-->`` runs, for markdown-it, to the end of its container: to the end
      of the file, at the top level, where a header lost its closing in a damaged copy.  Its
      first paragraph stays the comment; the lines after it are read again as Markdown.

    >>> [(b.kind, b.lines) for b in parse_markdown("<!--yml\\ndate: 2024-07-01\\n<!--\\n\\n# T\\n\\ntext")]
    [('front_matter', (1, 3)), ('heading', (5, 5)), ('paragraph', (7, 7))]
    """
    content = tok.content
    if not content.lstrip().startswith("<!--"):
        return None
    own = lines_of_source[lines[0] - 1 : lines[1]]
    header = comment_header(own) if at_top else None
    if header is not None:
        taken, fields = header
        head = (lines[0], lines[0] + taken - 1)
        blocks = [Block("front_matter", fields, head, "\n".join(own[:taken]))]
    elif "-->" not in content and depth < MAX_REREADS:
        taken = next((i for i, line in enumerate(own) if not line.strip()), len(own))
        head = (lines[0], lines[0] + max(taken, 1) - 1)
        text = "\n".join(own[: head[1] - head[0] + 1])
        blocks = [Block("paragraph", text.strip(), head, text, links=text_links(text))]
    else:
        return None
    if head[1] < lines[1]:
        blocks.extend(_reread(lines_of_source, head[1] + 1, lines[1], depth))
    return blocks


def parse_markdown(text: str, _depth: int = 0) -> list[Block]:
    """The blocks of a Markdown text (``_depth``: how many unclosed comments deep it is read).

    YAML front matter (between ``---`` lines at the top) is a ``front_matter`` block where it
    reads as fields, else the file is read as if it had none (a rule, a paragraph, a rule); so is
    TOML front matter (between ``+++`` lines).
    """
    if text.startswith("+++"):  # TOML front matter (Hugo), which the front-matter rule does not know
        lines_of_source = source_lines(text)
        if header := fenced_header(lines_of_source[:FRONT_MATTER_LINES]):
            taken, fields = header
            return [Block("front_matter", fields, (1, taken), "\n".join(lines_of_source[:taken])),
                    *_reread(lines_of_source, taken + 1, len(lines_of_source), _depth)]
    md, markup = _parser()
    env: dict = {}
    tokens = md.parse(text, env)
    if tokens and tokens[0].type == "front_matter" and read_fields(tokens[0].content) is None:
        md, markup = _parser(front_matter=False)
        tokens = md.parse(text, env)
    lines_of_source = source_lines(text)
    blocks: list[Block] = []
    list_depth = 0
    quote_depth = 0
    pending_marker = ""
    heading_level = 0
    current: tuple[str, tuple[int, int]] | None = None
    # the table being read: its first line, and per row its cells' texts, links and images
    table: tuple[int, list[tuple[list[str], list[InlineLink], list[Image]]]] | None = None

    def raw(lines: tuple[int, int]) -> str:
        return "\n".join(lines_of_source[lines[0] - 1 : lines[1]])

    for tok in tokens:
        t = tok.type
        if t in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif t in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        elif t == "list_item_open":
            pending_marker = (tok.info + tok.markup) if tok.info else tok.markup
        elif t == "blockquote_open":
            quote_depth += 1
        elif t == "blockquote_close":
            quote_depth -= 1
        elif t == "heading_open":
            heading_level = int(tok.tag[1])
            current = ("heading", _lines(tok, (1, 1)))
        elif t == "paragraph_open":
            current = ("list_item" if list_depth else "paragraph", _lines(tok, (1, 1)))
        elif t in ("th_open", "td_open"):
            current = None
        elif t == "table_open":
            table = (_lines(tok, (1, 1))[0], [])
        elif t == "tr_open" and table is not None:
            table[1].append(([], [], []))
        elif t == "inline" and table is not None and current is None:
            body, links, images, _, _ = _inline(md, markup, tok, env)
            if table[1]:
                cells, row_links, row_images = table[1][-1]
                cells.append(body)
                row_links.extend(links)
                row_images.extend(images)
        elif t == "table_close" and table is not None:
            # a block per row, on its own line: the header on the table's first line, the body
            # rows after the delimiter row
            first, rows = table
            header = tuple(rows[0][0]) if rows else ()
            for i, (cells, links, images) in enumerate(rows):
                line = (first + i + (i > 0),) * 2
                blocks.append(Block("table_row", " | ".join(cells), line, raw(line), marker="header" if i == 0 else "",
                                    links=column_id_links(header, cells, tuple(links)) if i else tuple(links),
                                    images=tuple(images), quote=quote_depth > 0, cells=tuple(cells),
                                    header=header if i else ()))
            table = None
        elif t == "inline" and current is not None:
            kind, lines = current
            body, links, images, strong, emphasis = _inline(md, markup, tok, env)
            if kind == "paragraph" and "\n" in body and (
                    _BOLD_START.match(tok.content) or LABELLED_LINE.search(body) or author_label_alone(body.split("\n", 1)[0])) and (
                    titled := _titled_lines(md, tok, env, lines)):
                for (text, links, images, strong, emphasis), line in titled:
                    blocks.append(Block("image" if images and not text.strip() else "paragraph", text, line,
                                        raw(line), links=links, images=images, strong=strong, emphasis=emphasis,
                                        quote=quote_depth > 0))
                current = None
                continue
            if kind == "paragraph" and images and not body.strip():
                kind = "image"
            blocks.append(
                Block(
                    kind=kind,
                    text=body,
                    lines=lines,
                    raw=raw(lines),
                    level=heading_level if kind == "heading" else list_depth,
                    marker=pending_marker if kind == "list_item" else "",
                    links=links,
                    images=images,
                    strong=strong,
                    emphasis=emphasis,
                    quote=quote_depth > 0,
                )
            )
            pending_marker = ""
            current = None
        elif t in ("fence", "code_block"):
            lines = _lines(tok, (1, 1))
            blocks.append(Block("code", tok.content.rstrip("\n"), lines, raw(lines), quote=quote_depth > 0))
        elif t == "hr":
            lines = _lines(tok, (1, 1))
            blocks.append(Block("rule", "", lines, raw(lines)))
        elif t == "front_matter":
            lines = _lines(tok, (1, 1))
            blocks.append(Block("front_matter", tok.content, lines, raw(lines)))
        elif t == "html_block":
            lines = _lines(tok, (1, 1))
            at_top = not blocks and not list_depth and not quote_depth and not _depth
            comment = _comment_block(tok, lines, lines_of_source, at_top, _depth)
            if comment is not None:
                blocks.extend(comment)
                continue
            inner = _html_blocks(tok.content, lines[0] - 1, lines_of_source, quote_depth > 0)
            if inner:
                blocks.extend(inner)
            else:
                blocks.append(Block("paragraph", tok.content.strip(), lines, raw(lines), links=text_links(tok.content)))
    return blocks
