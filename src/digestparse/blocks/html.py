"""HTML reader: beautifulsoup4 elements -> blocks.

Block-level elements (headings, paragraphs, list items, pre, figure, img, hr,
table) become blocks; their line range comes from the parser's ``sourceline``.
Text and inline elements that stand directly in a container (a ``<div>`` of links, a
``<section>`` of ``<span>`` soup, a ``<blockquote>`` of text) make a paragraph of each run of
them, as a browser lays them out.  Navigation chrome (script, style, nav, header/footer, form)
is skipped; an article's own ``<header>`` (with its ``<h1>``) is not.
"""

from __future__ import annotations

import html
import json
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import regex
from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString

from . import LABELLED_LINE, Block, Image, InlineLink, column_id_links, inline_wrap_kind, inline_wraps_onto, text_links
from .front_matter import fields_text

_SKIP = {"script", "style", "noscript", "nav", "header", "footer", "form", "head", "template", "svg", "title"}
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
# Elements that lay out as blocks: a run of anything else is inline content.
_BLOCK_TAGS = frozenset(_HEADINGS) | {
    "p", "ul", "ol", "li", "dl", "dt", "dd", "table", "tr", "td", "th", "thead", "tbody", "tfoot", "caption",
    "pre", "figure", "figcaption", "blockquote", "div", "section", "article", "main", "aside", "header",
    "footer", "nav", "form", "hr", "details", "summary", "center", "address", "fieldset", "body", "html", "hgroup",
}
# Attributes that hold a lazily loaded image's address, where ``src`` is a placeholder.
_LAZY_SRC = ("data-src", "data-actualsrc", "data-original", "data-lazy-src")


def _line_range(tag: Tag) -> tuple[int, int]:
    start = tag.sourceline or 1
    return (start, start + str(tag).count("\n"))


def _href(a: Tag) -> str:
    """A link's address: without the tabs and line breaks an editor wrapped it with, which a
    browser leaves out (``https://arxiv.org/abs/`` / ``1706.03762`` is one address), and with
    ``https:`` before a protocol-relative one."""
    href = _without_tabs_and_breaks(str(a.get("href")))
    return "https:" + href if href.startswith("//") else href


_WRAP = regex.compile(r"[ \t]*[\r\n][\s]*|\t")


def _without_tabs_and_breaks(address: str) -> str:
    r"""``address`` without the tabs and line breaks the URL standard removes from it (with the
    indentation of a wrapped line, which a writer never meant as part of it), and without the
    spaces at its ends.

    >>> _without_tabs_and_breaks(" https://arxiv.org/abs/\n    1706.03762\t"), _without_tabs_and_breaks("a%20b c.pdf")
    ('https://arxiv.org/abs/1706.03762', 'a%20b c.pdf')
    """
    address = address.strip()
    return _WRAP.sub("", address) if "\n" in address or "\r" in address or "\t" in address else address


def _apply_base(soup: BeautifulSoup) -> None:
    """Resolve the page's relative link addresses against its ``<base href>``, as a browser does
    (``<base href="https://x.org/blog/">`` makes ``papers/a.pdf`` ``https://x.org/blog/papers/a.pdf``);
    only the first ``<base>`` with an absolute web address counts.  An in-page link (``#code``)
    stays one, and images keep their addresses (an archive keeps a page's images beside it).

    >>> page = BeautifulSoup('<base href="https://x.org/b/"><a href="p.pdf">P</a><a href="/c">C</a><a href="#s">S</a>', "html.parser")
    >>> _apply_base(page); [a["href"] for a in page.find_all("a")]
    ['https://x.org/b/p.pdf', 'https://x.org/c', '#s']
    """
    base = soup.find("base", href=True)
    href = str(base["href"]).strip() if base is not None else ""
    if urlsplit(href).scheme.lower() not in ("http", "https") or not urlsplit(href).netloc:
        return
    for anchor in soup.find_all("a", href=True):
        target = str(anchor["href"]).strip()
        if target and not target.startswith("#"):
            anchor["href"] = urljoin(href, target)


def _image(img: Tag) -> Image:
    """An image's address: ``src``, or where that is a placeholder (``data:…``, none) the address
    a lazy loader will put there (``data-src``, ``data-actualsrc`` ...)."""
    src = _without_tabs_and_breaks(str(img.get("src", "")))
    if not src or src.startswith("data:"):
        src = next((_without_tabs_and_breaks(str(img[name])) for name in _LAZY_SRC if img.get(name)), src)
    return Image(src, str(img.get("alt", "")))


def _text(tag: Tag) -> str:
    """The visible text of ``tag``: its strings as they stand (no space added where inline
    elements meet: ``<code>kNN-LM</code>: …``), a space for a line break or a cell or item
    boundary, whitespace collapsed; comments left out."""
    parts: list[str] = []
    for node in tag.descendants:
        if isinstance(node, NavigableString):
            if not isinstance(node, PreformattedString):
                parts.append(str(node))
        elif node.name == "br" or node.name in _BLOCK_TAGS:
            parts.append(" ")
    return " ".join("".join(parts).split())


_STRONG = ("strong", "b")
_EMPHASIS = ("em", "i")


def _descendants(tag: Tag, skip: Tag | None) -> Iterator:
    """``tag.descendants`` in document order, without ``skip`` and what it holds."""
    if skip is None:
        yield from tag.descendants
        return
    stack = [iter(tag.contents)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            continue
        if node is skip:
            continue
        yield node
        if isinstance(node, Tag) and node.contents:
            stack.append(iter(node.contents))


def _source(nodes: list) -> str:
    """HTML for a run of nodes, to be parsed again as a piece of its own: elements as they
    serialise, text escaped (``List&lt;String&gt;`` stays text, not a tag)."""
    return "".join(str(node) if isinstance(node, Tag) else html.escape(str(node), quote=False) for node in nodes)


def _nested_list(item: Tag) -> Tag | None:
    """The list nested in a list item: among its children, or theirs (``<li><p>…</p><ul>``,
    ``<li><div><ul>``); looked for no deeper, since bs4's search first walks all the item holds
    (quadratic in a list nested thousands deep)."""
    for child in item.children:
        if isinstance(child, Tag):
            if child.name in ("ul", "ol"):
                return child
            for grandchild in child.children:
                if isinstance(grandchild, Tag) and grandchild.name in ("ul", "ol"):
                    return grandchild
    return None


def _inline(tag: Tag, skip: Tag | None = None) -> tuple[str, tuple[InlineLink, ...], tuple[Image, ...], bool, bool]:
    """Text (as :func:`_text`), links, images, and whether all the text is bold / italic: one
    pass over the element (and one over each link for its label), without ``skip`` (a list
    item's nested list).

    >>> _inline(BeautifulSoup('<p><b><code>kNN-LM</code>: x</b> <a href="//arxiv.org/abs/1">y</a></p>', "html.parser").p)[:2]
    ('kNN-LM: x y', (InlineLink(label='y', url='https://arxiv.org/abs/1'),))
    """
    parts: list[str] = []
    anchors: list[Tag] = [tag] if tag.name == "a" and tag.get("href") is not None else []
    images: list[Image] = [_image(tag)] if tag.name == "img" else []
    visible = bold = italic = 0
    for node in _descendants(tag, skip):
        if isinstance(node, NavigableString):
            if isinstance(node, PreformattedString):
                continue
            parts.append(str(node))
            # (letters and digits: an emoji or a mark outside the bold leaves a title bold, "📌 <b>Title</b>")
            size = sum(ch.isalnum() for ch in node)
            if size:
                visible += size
                marks = set()
                parent = node.parent
                while parent is not None:
                    marks.add(parent.name)
                    if parent is tag:
                        break
                    parent = parent.parent
                bold += size if not marks.isdisjoint(_STRONG) else 0
                italic += size if not marks.isdisjoint(_EMPHASIS) else 0
        elif node.name == "a":
            if node.get("href") is not None:
                anchors.append(node)
        elif node.name == "img":
            images.append(_image(node))
        elif node.name == "br" or node.name in _BLOCK_TAGS:
            parts.append(" ")
    text = " ".join("".join(parts).split())
    links = tuple(InlineLink(_text(a), _href(a)) for a in anchors)
    return text, text_links(text, links), tuple(images), visible > 0 and bold == visible, visible > 0 and italic == visible


def _holding_blocks(soup: BeautifulSoup) -> set[int]:
    """The ids of the elements that hold a block-level element (worked out once, from each
    block-level element up: a page nested thousands deep stays linear)."""
    holding: set[int] = set()
    for tag in soup.find_all(_BLOCK_TAGS):
        parent = tag.parent
        while parent is not None and id(parent) not in holding:
            holding.add(id(parent))
            parent = parent.parent
    return holding


def _run_start(run: list, node: Tag) -> int:
    """The line where a run of inline content's text starts: an element's own line; for text,
    the line of the element after it less the line breaks between, else of the one before it
    plus its lines and the breaks between, else its container's line plus the breaks before it.
    (Without serialising containers: a page nested thousands deep stays linear.)"""
    first = next((item for item in run if not (isinstance(item, NavigableString) and not item.strip())), run[0])
    if isinstance(first, Tag):
        return first.sourceline or node.sourceline or 1
    text = str(first)
    leading = text[: len(text) - len(text.lstrip())].count("\n")
    between = text.lstrip().count("\n")
    sibling = first.next_sibling
    while sibling is not None and not isinstance(sibling, Tag):
        between += str(sibling).count("\n")
        sibling = sibling.next_sibling
    if sibling is not None and sibling.sourceline:
        return sibling.sourceline - between
    before = 0
    sibling = first.previous_sibling
    while sibling is not None and not isinstance(sibling, Tag):
        before += str(sibling).count("\n")
        sibling = sibling.previous_sibling
    if sibling is not None and sibling.sourceline:
        return sibling.sourceline + str(sibling).count("\n") + before + leading
    return (node.sourceline or 1) + before + leading


MAX_SPAN = 100
"""A rowspan or colspan above this is read as this (a hostile page's span of a million rows)."""


def _span(cell: Tag, name: str) -> int:
    value = str(cell.get(name, "1")).strip()
    return min(int(value), MAX_SPAN) if value.isascii() and value.isdigit() and int(value) > 0 else 1


def _spanned_cells(cells: list[Tag], below: dict[int, tuple[str, int]]) -> tuple[str, ...]:
    """The texts of a row's cells, one per column: a cell spanning columns (``colspan``) stands in
    each, and a cell of a row above spanning rows (``rowspan``) stands in its column here.
    ``below`` holds, per column, the text of such a cell and how many rows more it spans; it is
    updated for the rows after this one.

    >>> soup = BeautifulSoup("<tr><td rowspan=2>Award</td><td>A</td></tr><tr><td>B</td></tr>", "html.parser")
    >>> below = {}
    >>> [_spanned_cells(row.find_all("td"), below) for row in soup.find_all("tr")]
    [('Award', 'A'), ('Award', 'B')]
    """
    texts: list[str] = []
    column = 0
    queue = deque(cells)
    while queue or column in below:
        if column in below:
            text, rows = below[column]
            texts.append(text)
            if rows > 1:
                below[column] = (text, rows - 1)
            else:
                del below[column]
            column += 1
            continue
        cell = queue.popleft()
        text = _inline(cell)[0]
        rows = _span(cell, "rowspan")
        for _ in range(_span(cell, "colspan")):
            texts.append(text)
            if rows > 1:
                below[column] = (text, rows - 1)
            column += 1
    return tuple(texts)


def _names_the_site(heading: Tag) -> bool:
    """Is ``heading`` a link to a site's home page and nothing more (a blog template's
    ``<h1><a href="https://blog.example/">ML Notes</a></h1>``)?

    >>> _names_the_site(BeautifulSoup("<h1><a href='https://ml.blogspot.com/'>ML Notes</a></h1>", "html.parser").h1)
    True
    >>> _names_the_site(BeautifulSoup("<h1><a href='/2019/12/five.html'>Five papers</a></h1>", "html.parser").h1)
    False
    """
    links = heading.find_all("a", href=True)
    if len(links) != 1 or links[0].get_text(strip=True) != heading.get_text(strip=True):
        return False
    parts = urlsplit(str(links[0]["href"]))
    return parts.path in ("", "/") and not parts.query and not parts.fragment


def _paragraph_runs(run: list) -> list[list]:
    """``run`` cut where two ``<br>`` follow each other (with only white space between): the
    blank line of loose text.

    >>> soup = BeautifulSoup("<div>a<br>b<br/>\\n<br />c</div>", "html.parser")
    >>> [[str(n) for n in part] for part in _paragraph_runs(list(soup.div.children))]
    [['a', '<br/>', 'b'], ['c']]
    """
    parts: list[list] = [[]]
    pending: list = []  # a <br> (and the white space after it) that may start a blank line
    for node in run:
        is_break = isinstance(node, Tag) and node.name == "br"
        if pending and is_break and any(isinstance(n, Tag) for n in pending):
            parts.append([])
            pending = []
            continue
        if is_break or (pending and isinstance(node, NavigableString) and not node.strip()):
            pending.append(node)
            continue
        if parts[-1] or not (isinstance(node, NavigableString) and not node.strip()):
            parts[-1].extend(pending)  # (a part starts at its first text: its lines count from there)
            parts[-1].append(node)
        pending = []
    return [part for part in parts if part]


def _skipped(tag: Tag) -> bool:
    """Chrome that is no part of the article; a ``<header>`` inside the article, or one that holds
    its ``<h1>``, is part of it (not a site's header that holds the blog's name in an ``<h1>``
    where the ``<article>`` or ``<main>`` has an ``<h1>`` of its own).  An ``<aside>`` outside the
    article (a sidebar of recent posts and tags) is chrome; inside it, a note of the article's own."""
    if tag.name == "aside":
        return tag.find_parent(("article", "main")) is None and tag.find(("article", "main")) is None
    if tag.name not in _SKIP:
        return False
    if tag.name != "header" or tag.find_parent(("article", "main")) is not None:
        return tag.name != "header"
    return tag.find("h1") is None or _article_has_h1(tag)


def _article_has_h1(header: Tag) -> bool:
    """Does the page of ``header`` (which stands outside any ``<article>`` and ``<main>``) have an
    ``<article>`` or ``<main>`` outside it that holds an ``<h1>``?

    >>> page = BeautifulSoup("<header><h1>Blog</h1></header><article><h1>Post</h1></article>", "html.parser")
    >>> _article_has_h1(page.header), _article_has_h1(BeautifulSoup("<header><h1>Post</h1></header><main><h2>1. A</h2></main>", "html.parser").header)
    (True, False)
    """
    root = header
    while root.parent is not None:
        root = root.parent
    return any(body.find("h1") is not None and all(parent is not header for parent in body.parents)
               for body in root.find_all(("article", "main")))


def _titled_segments(tag: Tag) -> list[tuple[Tag, tuple[int, int]]]:
    """A paragraph whose first line is bold from end to end, then more lines after ``<br>``
    (``<p><strong>1. Title</strong><br><a>Paper</a><br>Summary</p>``), or two of whose lines open
    with a label (``Paper: …<br>Code: …``), as one element per line
    with its source lines: each is a block of its own, as under a heading, with the lines its
    text wrapped onto.  [] for other paragraphs.

    >>> page = "<p><b>1. Title</b><br>\\n<a href='https://x.org/p'>Paper</a><br>Summary.</p>"
    >>> [(t.get_text().strip(), lines) for t, lines in _titled_segments(BeautifulSoup(page, "html.parser").p)]
    [('1. Title', (1, 1)), ('Paper', (2, 2)), ('Summary.', (2, 2))]
    >>> page = "<p><b>Summary:</b> one<br>two.<br><b>Code:</b> <a href='https://x.org/c'>x</a></p>"
    >>> [(t.get_text(), lines) for t, lines in _titled_segments(BeautifulSoup(page, "html.parser").p)]
    [('Summary: onetwo.', (1, 1)), ('Code: x', (1, 1))]
    """
    if tag.find("br", recursive=False) is None:
        return []
    segments: list[list] = [[]]
    for child in tag.contents:
        if isinstance(child, Tag) and child.name == "br":
            segments.append([])
        else:
            segments[-1].append(child)
    parts = []
    line = tag.sourceline or 1
    for segment in segments:
        source = _source(segment)
        if source.strip():
            first = line + source[: len(source) - len(source.lstrip())].count("\n")
            parts.append((BeautifulSoup(f"<p>{source}</p>", "html.parser").p, (first, first + source.strip().count("\n"))))
        line += source.count("\n")
    if len(parts) < 2:
        return []
    read = [_inline(part) for part, _ in parts]
    text, _, _, bold, _ = read[0]
    labelled = sum(1 for flat in read if LABELLED_LINE.match(flat[0]))
    if not (text and len(text) <= 200 and bold) and labelled < 2:
        return []
    # a segment that carries on the one above it (text wrapped at a <br>) joins it
    joined: list[tuple[Tag, tuple[int, int]]] = []
    kind = None  # what the latest joined segment's first line takes after it
    for index, (part, lines) in enumerate(parts):
        if index and inline_wraps_onto(kind, read[index - 1][0], read[index]):
            above, (first, _) = joined[-1]
            above.append(BeautifulSoup("<br>", "html.parser").br)
            above.extend(list(part.contents))
            joined[-1] = (above, (first, lines[1]))
        else:
            kind = inline_wrap_kind(read[index])
            joined.append((part, lines))
    return joined


_SUBTITLE_TAGS = frozenset({"small", "span", "em", "i", "sub", "sup", "font"})


def _subtitled(tag: Tag) -> tuple[tuple[Tag, tuple[int, int]], tuple[Tag, tuple[int, int]]] | None:
    """A heading with a line under its title inside it (``<h2>Title<br><small>A, B</small></h2>``,
    ``<h2>Title <small>A, B</small></h2>``): the title and that line, as elements with their
    lines; None for other headings.  The line (the authors, a venue) is no part of the title.

    >>> page = "<h2>1. GAT<br>\\n<small>P. Veličković, G. Cucurull</small></h2>"
    >>> [(t.get_text().strip(), lines) for t, lines in _subtitled(BeautifulSoup(page, "html.parser").h2)]
    [('1. GAT', (1, 1)), ('P. Veličković, G. Cucurull', (2, 2))]
    >>> _subtitled(BeautifulSoup("<h1>The 16 best papers<br>of ICLR 2020</h1>", "html.parser").h1) is None
    True
    """
    children = list(tag.contents)
    split = next((i for i, child in enumerate(children) if isinstance(child, Tag) and child.name == "br"), None)
    if split is None:
        last = next((i for i in range(len(children) - 1, -1, -1)
                     if not (isinstance(children[i], NavigableString) and not children[i].strip())), None)
        if last is None or not (isinstance(children[last], Tag) and children[last].name == "small"):
            return None
        split = last
        rest = children[last:]
    else:
        rest = children[split + 1 :]
        # (the line after the break must be set apart, in an element of its own: a title
        # broken over two lines, "The 16 best papers<br>of ICLR 2020", is one title)
        shown = [child for child in rest if not (isinstance(child, NavigableString) and not child.strip())]
        if len(shown) != 1 or not isinstance(shown[0], Tag) or shown[0].name not in _SUBTITLE_TAGS:
            return None
    head_source, rest_source = _source(children[:split]), _source(rest)
    if not head_source.strip() or not rest_source.strip():
        return None
    first = tag.sourceline or 1
    head_first = first + head_source[: len(head_source) - len(head_source.lstrip())].count("\n")
    before_rest = _source(children[: len(children) - len(rest)])
    rest_first = first + before_rest.count("\n") + rest_source[: len(rest_source) - len(rest_source.lstrip())].count("\n")
    return ((BeautifulSoup(f"<p>{head_source}</p>", "html.parser").p, (head_first, head_first + head_source.strip().count("\n"))),
            (BeautifulSoup(f"<p>{rest_source}</p>", "html.parser").p, (rest_first, rest_first + rest_source.strip().count("\n"))))


@dataclass(frozen=True)
class _Context:
    """Where an element stands: inside a quote, inside a link (its address), how many lists deep."""

    quote: bool = False
    anchor: str | None = None
    lists: int = 0

    def inside(self, tag: Tag) -> "_Context":
        """The context of ``tag``'s content."""
        anchor = _href(tag) if tag.name == "a" and tag.get("href") is not None else self.anchor
        return _Context(self.quote or tag.name == "blockquote", anchor, self.lists + (tag.name in ("ul", "ol")))


# What a page's linked data (schema.org, JSON-LD) says of the article, by the meta names it
# stands for.
_LINKED_DATA_KEYS = {"datePublished": "datepublished", "author": "author", "keywords": "keywords"}


def _linked_data(script: str) -> dict[str, object]:
    """The publication date, authors and keywords a JSON-LD script states of the first object
    that has a ``datePublished`` (in a list or an ``@graph`` too); {} where there is none or the
    script is no JSON.

    >>> _linked_data('{"@graph": [{"@type": "WebSite"}, {"@type": "BlogPosting", '
    ...              '"datePublished": "2021-08-02", "author": [{"@type": "Person", "name": "Ada Lee"}]}]}')
    {'datepublished': '2021-08-02', 'author': ['Ada Lee']}
    """
    try:
        data = json.loads(script)
    except (ValueError, RecursionError):  # (no JSON, or JSON nested past Python's limit)
        return {}
    queue = list(data) if isinstance(data, list) else [data]
    for index in range(1000):  # (a page's graph is small; this bounds a hostile one)
        if index >= len(queue):
            break
        item = queue[index]
        if not isinstance(item, dict):
            continue
        if isinstance(item.get("@graph"), list):
            queue.extend(item["@graph"])
        if "datePublished" not in item:
            continue
        found: dict[str, object] = {}
        for name, key in _LINKED_DATA_KEYS.items():
            value = item.get(name)
            values = value if isinstance(value, list) else [value]
            texts = [v.get("name") if isinstance(v, dict) else v for v in values]
            texts = [" ".join(t.split()) for t in texts if isinstance(t, str) and t.strip()]
            if texts:
                found[key] = texts if isinstance(value, list) else texts[0]
        return found
    return {}


def _meta_block(soup: BeautifulSoup, source_lines: list[str]) -> Block | None:
    """The page's ``<meta>`` tags with a name (``name``, ``property`` or ``itemprop``) and a
    ``content``, as a ``front_matter`` block: one field per name, a list where a name recurs
    (``article:tag``), and what its linked data (JSON-LD) states where the tags do not; None
    where there is none.

    >>> page = '<head><meta charset="utf-8">\\n<meta name="author" content="A. Lee">\\n</head><p>x</p>'
    >>> block = _meta_block(BeautifulSoup(page, "html.parser"), page.split("\\n"))
    >>> block.kind, block.text, block.lines
    ('front_matter', '"author": "A. Lee"', (2, 2))
    """
    fields: dict[str, object] = {}
    lines: list[int] = []
    for meta in soup.find_all("meta"):
        name = meta.get("name") or meta.get("property") or meta.get("itemprop")
        content = meta.get("content")
        if not isinstance(name, str) or not isinstance(content, str) or not content.strip():
            continue
        key, value = name.strip().lower(), " ".join(content.split())
        known = fields.get(key)
        if known is None:
            fields[key] = value
        elif isinstance(known, list):
            known.append(value)
        else:
            fields[key] = [known, value]
        lines.append(meta.sourceline or 1)
    for script in soup.find_all("script", type="application/ld+json"):
        for key, value in _linked_data(script.string or "").items():
            if key not in fields:
                fields[key] = value
                lines.append(script.sourceline or 1)
    if not fields:
        return None
    span = (min(lines), max(lines))
    return Block("front_matter", fields_text(fields), span, "\n".join(source_lines[span[0] - 1 : span[1]]))


RAW_REACH = 4000
"""Characters of an element's source a block keeps as its ``raw``: the rules read an HTML block's
source only where it starts (its bold or linked opening), and an item of a list nested thousands
deep spans the rest of the page (its time had grown with the square of the page)."""


def _source_start(source_lines: list[str], lines: tuple[int, int], column: int) -> str:
    """The source of ``lines`` (first and last, from 1) from ``column`` of the first, at most
    :data:`RAW_REACH` characters of it.

    >>> _source_start(["<p>a", "b</p>", "<p>c</p>"], (1, 2), 3), len(_source_start(["x" * 9000], (1, 1), 10))
    ('a\\nb</p>', 4000)
    """
    parts: list[str] = []
    size = 0
    for number in range(lines[0] - 1, lines[1]):
        part = source_lines[number][column:] if number == lines[0] - 1 else source_lines[number]
        parts.append(part[: RAW_REACH - size])
        size += len(parts[-1]) + 1
        if size >= RAW_REACH:
            break
    return "\n".join(parts)[:RAW_REACH]


def parse_html(text: str) -> list[Block]:
    # (html.parser counts lines at "\n" only: a page saved with CR line ends had every block on
    # line 1, and CRLF left "\r" in <pre> text; HTML reads both as "\n", as Markdown does)
    text = text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
    soup = BeautifulSoup(text, "html.parser")
    _apply_base(soup)
    source_lines = text.split("\n")
    blocks: list[Block] = []
    meta = _meta_block(soup, source_lines)
    if meta is not None:
        blocks.append(meta)
    for anchor in soup.find_all("a", href=True):
        # a heading's permalink ("#", "¶", "🔗") is no link of the article, and no text of it
        # (an anchor inside one removed before it has no attributes left)
        href = anchor.get("href") if anchor.attrs is not None else None
        if isinstance(href, str) and href.startswith("#") and len(anchor.get_text(strip=True)) <= 2:
            anchor.decompose()
    title = soup.find("title")
    first_h1 = soup.find("h1")
    if first_h1 is not None and _names_the_site(first_h1):
        first_h1.decompose()  # a blog template's site name, no title of the article
        first_h1 = soup.find("h1")
    if title and title.get_text(strip=True) and not first_h1:
        lines = _line_range(title)
        blocks.append(Block("heading", title.get_text(" ", strip=True), lines, str(title), level=1))
    holding = _holding_blocks(soup)

    def emit(kind: str, tag: Tag, ctx: _Context, level: int = 0, marker: str = "",
             lines: tuple[int, int] | None = None, skip: Tag | None = None, column: int = 0) -> None:
        """A block of ``tag`` (without ``skip``), standing in the context ``ctx``; ``lines``:
        where it stands, where that is not the element's own range (a piece parsed apart from
        the page: a line of a paragraph, a run of inline content; a list item's own lines);
        ``column``: where on its first line its source starts (a list item's, which the list
        rule reads: on a page of one line, every item would otherwise hold the whole page)."""
        body, links, images, strong, emphasis = _inline(tag, skip)
        if kind == "paragraph" and images and not body:
            kind = "image"
        if not body and not images and kind not in ("rule",):
            return
        lines = lines or _line_range(tag)
        raw = _source_start(source_lines, lines, column)
        # a block inside a link (a bookmark card: <a href><div>Title</div>…</a>) links there too
        if ctx.anchor is not None and body and all(link.url != ctx.anchor for link in links):
            links = (InlineLink(body, ctx.anchor), *links)
        blocks.append(
            Block(kind, body, lines, raw, level=level, marker=marker, links=links, images=images,
                  strong=strong, emphasis=emphasis, quote=ctx.quote)
        )

    def inline_run(node: Tag, run: list, ctx: _Context) -> None:
        """The paragraphs of a run of inline content (strings and elements) standing in ``node``:
        one, or one per stretch between blank lines made of two ``<br>`` (old blog templates
        write a post as loose text so), each split into its lines as a ``<p>`` would be where
        they set out a paper (:func:`_titled_segments`)."""
        for part in _paragraph_runs(run):
            source = _source(part)
            if not source.strip():
                continue
            first = _run_start(part, node)
            lines = (first, first + source.strip().count("\n"))
            if len(part) == 1 and isinstance(part[0], Tag):
                emit("paragraph", part[0], ctx, lines=lines)
                continue
            holder = BeautifulSoup(f"<p>{source}</p>", "html.parser").p
            if len(part) < len(run) and (segments := _titled_segments(holder)):
                shift = first - 1  # (the holder's lines count from its own first line)
                for segment, (start, end) in segments:
                    emit("paragraph", segment, ctx, lines=(start + shift, end + shift))
                continue
            emit("paragraph", holder, ctx, lines=lines)

    header_names: dict[int, tuple[str, ...]] = {}  # per table (by id): its last header row's cells
    spans: dict[int, dict[int, tuple[str, int]]] = {}  # per table (by id): the cells spanning rows below

    def table_row(row: Tag, ctx: _Context) -> None:
        """A block of a table's row, its cells' texts as ``cells``; a row of ``<th>`` cells (or
        one in a ``<thead>``) is its table's header.  What else a table holds (a caption, text
        or elements outside its rows, the rest of a page left inside a table never closed) is
        walked as anywhere else."""
        table = row.find_parent("table")
        cells = [cell for cell in row.find_all(("td", "th")) if cell.find_parent("tr") is row]
        texts = _spanned_cells(cells, spans.setdefault(id(table), {}))
        if not any(texts) and not row.find("img"):
            return
        header = row.find_parent("thead") is not None or (bool(cells) and all(cell.name == "th" for cell in cells))
        if header:
            header_names[id(table)] = texts
        body, links, images, strong, emphasis = _inline(row)
        lines = _line_range(row)
        blocks.append(Block("table_row", " | ".join(texts), lines, "\n".join(source_lines[lines[0] - 1 : lines[1]]),
                            marker="header" if header else "",
                            links=links if header else column_id_links(header_names.get(id(table), ()), texts, links),
                            images=images, strong=strong,
                            emphasis=emphasis, quote=ctx.quote, cells=texts,
                            header=() if header else header_names.get(id(table), ())))

    def is_inline(child) -> bool | None:
        """True for inline content, False for a block-level element, None for chrome left out."""
        if isinstance(child, Tag) and _skipped(child):
            return None
        if isinstance(child, NavigableString):
            return True
        return child.name not in _BLOCK_TAGS and id(child) not in holding

    def walk(root: Tag) -> None:
        # depth first, with a stack of its own: a page nested deeper than Python's recursion
        # limit (a thousand elements) is still read.  Each level keeps the run of inline content
        # it is reading, which becomes a paragraph where a block-level element or its end comes,
        # and its context (in a quote, in a link, how many lists deep), so that no block looks
        # up its ancestors (quadratic in a page nested thousands deep).
        stack: list[tuple[Tag, Iterator, list, _Context]] = [(root, iter(root.children), [], _Context())]
        while stack:
            node, children, run, ctx = stack[-1]
            child = next(children, None)
            if isinstance(child, PreformattedString):
                continue  # a comment neither ends nor joins a run of text
            kind = None if child is None else is_inline(child)
            if kind is not True and run:
                inline_run(node, run, ctx)
                run.clear()
            if child is None:
                stack.pop()
                continue
            if kind:
                run.append(child)
            if kind is not False:
                continue
            name = child.name
            inner = ctx.inside(child)
            if name in _HEADINGS and (parts := _subtitled(child)):
                (title, title_lines), (under, under_lines) = parts
                emit("heading", title, inner, level=_HEADINGS[name], lines=title_lines)
                emit("paragraph", under, inner, lines=under_lines)
            elif name in _HEADINGS:
                emit("heading", child, inner, level=_HEADINGS[name])
            elif name == "p" and id(child) in holding:
                # a <p> holding blocks: old pages leave <P> unclosed, and html.parser nests each
                # in the one before, with the headings between; its children are read in turn
                stack.append((child, iter(child.children), [], inner))
            elif name == "p" and (segments := _titled_segments(child)):
                for segment, lines in segments:
                    emit("paragraph", segment, inner, lines=lines)
            elif name in ("figcaption", "caption"):
                emit("caption", child, inner)
            elif name == "p":
                emit("paragraph", child, inner)
            elif name in ("dt", "dd"):
                # a description list is a list: its terms items, each description an item below
                # its term (so that a term linking a paper heads the entry its description sums
                # up), all its text one item's, as a list item's paragraphs are
                emit("list_item", child, inner, level=inner.lists + (1 if name == "dt" else 2), marker="-")
            elif name == "li":
                # the item's own text, and its nested list walked after it (the tree is not
                # changed: moving an element costs a walk over all it holds)
                nested = _nested_list(child)
                ordered = child.parent is not None and child.parent.name == "ol"
                start = str(child.parent.get("start", "1")) if ordered else "1"
                position = (int(start) if start.isascii() and start.isdigit() else 1) + sum(
                    1 for sib in child.previous_siblings if isinstance(sib, Tag) and sib.name == "li")
                first = child.sourceline or 1
                own = (first, max(first, (nested.sourceline or first) - 1)) if nested is not None else None
                emit("list_item", child, inner, level=inner.lists, marker=f"{position}." if ordered else "-",
                     lines=own, skip=nested, column=child.sourcepos or 0)
                if nested is not None:
                    stack.append((nested, iter(nested.children), [], inner.inside(nested)))
            elif name == "pre":
                lines = _line_range(child)
                blocks.append(Block("code", child.get_text(), lines, str(child)))
            elif name == "hr":
                blocks.append(Block("rule", "", _line_range(child), str(child)))
            elif name == "tr" and not _lays_out(child):
                table_row(child, inner)
            else:
                # a container (or an inline element holding blocks): its children in turn
                stack.append((child, iter(child.children), [], inner))

    walk(soup)
    return blocks


_LAYOUT_INSIDE = ("table", "h1", "h2", "h3", "h4", "h5", "h6")


def _lays_out(row: Tag) -> bool:
    """Is a table row a page's layout, not data: a row of one cell, or a cell that holds a table or
    a heading, or more than one paragraph or list (an e-mail newsletter lays out its whole body in
    nested tables)?"""
    cells = row.find_all(("td", "th"), recursive=False)
    if len(cells) == 1:
        return True
    for cell in cells:
        if cell.find(_LAYOUT_INSIDE) is not None or len(cell.find_all(("p", "ul", "ol"), limit=2)) > 1:
            return True
    return False
