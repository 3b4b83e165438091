"""HTML reader: beautifulsoup4 elements -> blocks.

Block-level elements (headings, paragraphs, list items, pre, figure, img, hr,
table) become blocks; their line range comes from the parser's ``sourceline``.
Navigation chrome (script, style, nav, header/footer, form) is skipped.
"""

from __future__ import annotations

import json

from bs4 import BeautifulSoup, NavigableString, Tag

from . import Block, Image, InlineLink, text_links
from .front_matter import fields_text

_SKIP = {"script", "style", "noscript", "nav", "header", "footer", "form", "head", "template", "svg"}
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_CONTAINERS = {"ul", "ol", "blockquote", "div", "section", "article", "main", "body", "html", "figure", "span", "center"}


def _line_range(tag: Tag) -> tuple[int, int]:
    start = tag.sourceline or 1
    return (start, start + str(tag).count("\n"))


def _inline(tag: Tag) -> tuple[str, tuple[InlineLink, ...], tuple[Image, ...], bool, bool]:
    text = " ".join(tag.get_text(" ", strip=True).split())
    links = tuple(
        InlineLink(" ".join(a.get_text(" ", strip=True).split()), str(a.get("href")))
        for a in tag.find_all("a", href=True)
    )
    images = tuple(Image(str(img.get("src", "")), str(img.get("alt", ""))) for img in tag.find_all("img"))
    if tag.name == "img":
        images = (Image(str(tag.get("src", "")), str(tag.get("alt", ""))),)

    def covered(names: tuple[str, ...]) -> bool:
        inner = "".join(el.get_text() for el in tag.find_all(names))
        return bool(text) and len("".join(inner.split())) >= len("".join(text.split()))

    return text, text_links(text, links), images, covered(("strong", "b")), covered(("em", "i"))


def _titled_segments(tag: Tag) -> list[tuple[Tag, tuple[int, int]]]:
    """A paragraph whose first line is bold from end to end, then more lines after ``<br>``
    (``<p><strong>1. Title</strong><br><a>Paper</a><br>Summary</p>``), as one element per line
    with its source lines: each is a block of its own, as under a heading.  [] for other
    paragraphs.

    >>> page = "<p><b>1. Title</b><br>\\n<a href='https://x.org/p'>Paper</a><br>Summary.</p>"
    >>> [(t.get_text().strip(), lines) for t, lines in _titled_segments(BeautifulSoup(page, "html.parser").p)]
    [('1. Title', (1, 1)), ('Paper', (2, 2)), ('Summary.', (2, 2))]
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
        source = "".join(str(child) for child in segment)
        if source.strip():
            first = line + source[: len(source) - len(source.lstrip())].count("\n")
            parts.append((BeautifulSoup(f"<p>{source}</p>", "html.parser").p, (first, first + source.strip().count("\n"))))
        line += source.count("\n")
    if len(parts) < 2:
        return []
    first = parts[0][0]
    text = first.get_text(" ", strip=True)
    bold = " ".join(el.get_text(" ", strip=True) for el in first.find_all(("strong", "b")))
    if not text or len(text) > 200 or "".join(bold.split()) != "".join(text.split()):
        return []
    return parts


def _depth(tag: Tag, names: tuple[str, ...]) -> int:
    return sum(1 for parent in tag.parents if parent.name in names)


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
    except ValueError:
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


def parse_html(text: str) -> list[Block]:
    soup = BeautifulSoup(text, "html.parser")
    source_lines = text.split("\n")  # html.parser counts lines at "\n" only
    blocks: list[Block] = []
    meta = _meta_block(soup, source_lines)
    if meta is not None:
        blocks.append(meta)
    title = soup.find("title")
    first_h1 = soup.find("h1")
    if title and title.get_text(strip=True) and not first_h1:
        lines = _line_range(title)
        blocks.append(Block("heading", title.get_text(" ", strip=True), lines, str(title), level=1))

    def emit(kind: str, tag: Tag, level: int = 0, marker: str = "", lines: tuple[int, int] | None = None) -> None:
        """A block of ``tag``; ``lines``: where a piece of a paragraph (``_titled_segments``)
        stands, since a piece is parsed apart from the page."""
        body, links, images, strong, emphasis = _inline(tag)
        if kind == "paragraph" and images and not body:
            kind = "image"
        if not body and not images and kind not in ("rule",):
            return
        lines = lines or _line_range(tag)
        raw = "\n".join(source_lines[lines[0] - 1 : lines[1]])
        blocks.append(
            Block(kind, body, lines, raw, level=level, marker=marker, links=links, images=images,
                  strong=strong, emphasis=emphasis, quote=_depth(tag, ("blockquote",)) > 0)
        )

    def walk(root: Tag) -> None:
        # depth first, with a stack of its own: a page nested deeper than Python's recursion
        # limit (a thousand elements) is still read
        stack = [(root, iter(root.children))]
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                continue
            if isinstance(child, NavigableString):
                if child.strip() and node.name in ("body", "div", "section", "article", "main"):
                    # Bare text directly in a container is a paragraph of its own.
                    start = getattr(node, "sourceline", 1) or 1
                    blocks.append(Block("paragraph", " ".join(child.split()), (start, start), str(child).strip(),
                                        links=text_links(str(child))))
                continue
            if not isinstance(child, Tag) or child.name in _SKIP:
                continue
            name = child.name
            if name in _HEADINGS:
                emit("heading", child, level=_HEADINGS[name])
            elif name == "p" and (segments := _titled_segments(child)):
                for segment, lines in segments:
                    emit("paragraph", segment, lines=lines)
            elif name in ("p", "figcaption", "dd", "dt", "caption"):
                emit("paragraph", child)
            elif name == "li":
                nested = child.find(["ul", "ol"])
                if nested is not None:
                    nested.extract()
                ordered = child.parent is not None and child.parent.name == "ol"
                position = 1 + sum(1 for sib in child.previous_siblings if isinstance(sib, Tag) and sib.name == "li")
                emit("list_item", child, level=_depth(child, ("ul", "ol")), marker=f"{position}." if ordered else "-")
                if nested is not None:
                    # re-attached so that depth is computed from the real tree, then walked
                    child.append(nested)
                    stack.append((nested, iter(nested.children)))
            elif name == "pre":
                lines = _line_range(child)
                blocks.append(Block("code", child.get_text(), lines, str(child)))
            elif name == "hr":
                blocks.append(Block("rule", "", _line_range(child), str(child)))
            elif name == "img":
                emit("image", child)
            elif name == "table":
                emit("table", child)
            elif name in _CONTAINERS or name not in ("a", "strong", "b", "em", "i", "code", "br"):
                stack.append((child, iter(child.children)))
            else:
                emit("paragraph", child)

    walk(soup)
    return blocks
