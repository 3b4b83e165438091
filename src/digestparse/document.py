"""One input file as a parsed document: decode -> repair -> blocks -> metadata, title and source URL.

``parse`` is the single entry point of the per-file stages; everything after it
(entries, alignment, records) works on ``Document`` objects.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import regex

from .blocks import INPUT_SUFFIXES, Block, detect_format, drop_invisible, halfwidth_urls, to_blocks
from .decode import decode_bytes
from .fields.links import clean_url, role_of, unwrap_archive
from .language import doc_lang
from .metadata import Metadata, read_metadata
from .repair import LanguageModel, RepairReport, repair
from .repair.detect import unescape_mojibake_refs


@dataclass
class Document:
    path: str | None
    text: str
    format: str
    blocks: list[Block]
    lang: str | None = None
    title: str | None = None
    title_lines: tuple[int, int] | None = None
    source_url: str | None = None
    archived_source_url: str | None = None
    metadata: Metadata = field(default_factory=Metadata)
    encoding: str | None = None
    repair: RepairReport | None = None
    original_text: str | None = field(default=None, repr=False)
    warnings: list[str] = field(default_factory=list)

    @property
    def damaged(self) -> bool:
        return bool(self.repair and self.repair.damaged)


_SOURCE_LABEL = regex.compile(
    r"^\s*(?:(?:原文(?:链接|地址)?|来源|出处|source|original(?:ly published at)?|via)\s*[:：]"
    # "原文，<https://…>": the archive's header where a GBK repair without a twin read "：" as "，"
    r"|原文\s*[,，]\s*<?https?://)", regex.I)
_CANONICAL = regex.compile(
    r"""<link[^>]+rel=["']canonical["'][^>]*href=["']([^"']+)|<meta[^>]+property=["']og:url["'][^>]*content=["']([^"']+)""",
    regex.I,
)


def find_title(blocks: list[Block], stated: bool = False) -> Block | None:
    """The first level-1 heading, else (where the front matter states no title: ``stated``) the
    first heading among the first blocks."""
    for block in blocks:
        if block.kind == "heading" and block.level == 1:
            return block
    if stated:
        return None
    # (a table's rows are one block each, but count as one here)
    for block in islice((b for b in blocks if b.kind != "table_row" or b.marker == "header"), 3):
        if block.kind == "heading":
            return block
    return None


def find_source_url(blocks: list[Block], text: str, fmt: str) -> str | None:
    """The URL of the original article, as the archive states it near the top: after a label
    (``原文：``), or alone on the line under the title, spelled out as its own link text.

    >>> find_source_url(to_blocks("# 通用语言模型\\n\\n> [`a.github.io/posts/lm/`](https://a.github.io/posts/lm/)", "markdown"), "", "markdown")
    'https://a.github.io/posts/lm/'
    >>> find_source_url(to_blocks("# Attention\\n\\n[arxiv.org/abs/1706.03762](https://arxiv.org/abs/1706.03762)", "markdown"), "", "markdown") is None
    True
    """
    for block in blocks[:8]:
        if block.links and _SOURCE_LABEL.match(block.text):
            return block.links[0].url
    for block in blocks[1:3] if blocks and blocks[0].kind == "heading" else ():
        if _names_itself(block):
            return block.links[0].url
    if fmt == "html" and (match := _CANONICAL.search(text[:20000])):
        return match.group(1) or match.group(2)
    return None


def _names_itself(block: Block) -> bool:
    """``block`` is one link and nothing else, whose text is its own URL, and that URL is no
    paper's, code's or the like (a post under its title names where it comes from this way)."""
    if block.kind != "paragraph" or len(block.links) != 1:
        return False
    link = block.links[0]
    shown = link.label.strip().strip("`").rstrip("/").lower()
    target = link.url.lower().split("://", 1)[-1].rstrip("/")
    return (bool(shown) and block.text.strip().strip("`").rstrip("/").lower() == shown
            and target.removeprefix("www.") == shown.removeprefix("www.") and role_of(link.url) in ("blog", "other"))


_LIST_MARK = regex.compile(r"^[-*+]\s+(?=\S)")
# The last separator of a page title before what may be the site's name: a colon before a space
# ("！: ezyang’s 博客"), a full-width colon, a bar, or a dash between spaces.
_SITE_SEPARATOR = regex.compile(r"(?:\s*:\s+|\s*[：|]\s*|\s+[\-–—]\s+)(?=[^:：|]+$)")
# A blog's name, its owner one short word: "ezyang 的博客", "ezyang’s blog", "柯里的博客" (a
# translated owner's name), "Paperspace Blog".
_BLOG_NAME = regex.compile(r"^\S{1,8}\s*(?:的博客|['’]s\s*(?:blog|博客))$|^\S{1,20}\s+blog$", regex.I)
# Host labels that name no site (``blog.ezyang.com``: "ezyang" names it).
_GENERIC_HOST_LABELS = frozenset("www blog blogs com org net edu gov io ai co github gitlab medium substack".split())


def without_site_name(title: str, source_url: str | None = None) -> str:
    """``title`` without the site's name a page title ends with: the part after the last
    separator where it is a blog's name or holds the name in the source address's host (the
    archive's 408 ezyang posts are each titled "…：ezyang 的博客" or "… : ezyang’s blog").

    >>> without_site_name("一个 Zerocoin 的谜题：ezyang 的博客"), without_site_name("存在类型 - 柯里的博客")
    ('一个 Zerocoin 的谜题', '存在类型')
    >>> without_site_name("MOCHA: Federated Multi-Tasks Learning (Virginia Smith) : ezyang’s blog")
    'MOCHA: Federated Multi-Tasks Learning (Virginia Smith)'
    >>> without_site_name("Tips | PyImageSearch", "https://pyimagesearch.com/2014/06/16/a/"), without_site_name("数据探索| Neptune 博客", "https://neptune.ai/blog/a")
    ('Tips', '数据探索')
    >>> without_site_name("使用 RNN 预测股价：第 1 部分", "https://lilianweng.github.io/posts/x/"), without_site_name("ICLR 2020：最佳论文")
    ('使用 RNN 预测股价：第 1 部分', 'ICLR 2020：最佳论文')
    """
    cut = None
    for cut in _SITE_SEPARATOR.finditer(title):
        pass
    if cut is None or not title[: cut.start()].strip():
        return title
    tail = title[cut.end() :].strip()
    host = source_url.split("://", 1)[-1].split("/", 1)[0].casefold() if source_url and "://" in source_url else ""
    names = [label for label in host.split(".") if len(label) >= 4 and label not in _GENERIC_HOST_LABELS]
    squeezed = regex.sub(r"\s+", "", tail).casefold()
    if _BLOG_NAME.match(tail) or any(name in squeezed for name in names):
        return title[: cut.start()].rstrip()
    return title
"""A list item's mark a translation left at the start of a heading: "# -   使用源码，不要阅读它"."""
_FILE_NAME = regex.compile(r"[^\s<>|]*(?:" + "|".join(map(regex.escape, INPUT_SUFFIXES)) + ")", regex.I)
"""A string that can only be meant as a file of an input format ("post.md", "posts/a b.html" not)."""


def _read(source: str | os.PathLike) -> tuple[str | None, bytes | None, str | None]:
    """(path, bytes, text): a path-like or an existing file name is read; other strings are text,
    but for a missing file's name, which is an error (``parse("typo.md")`` had parsed the name).

    >>> _read("# Title")
    (None, None, '# Title')
    >>> _read("no-such-post.md")
    Traceback (most recent call last):
    FileNotFoundError: [Errno 2] No such file: 'no-such-post.md'
    >>> _read(b"# Title")
    Traceback (most recent call last):
    TypeError: parse() takes a path or a str, not bytes
    """
    if isinstance(source, os.PathLike):
        return os.fspath(source), _read_file(os.fspath(source)), None
    if not isinstance(source, str):
        # (bytes failed with "a bytes-like object is required, not 'str'", None with "argument of
        # type 'NoneType' is not iterable": say what parse takes, as repair() does)
        raise TypeError(f"parse() takes a path or a str, not {type(source).__name__}")
    if "\n" not in source and len(source) < 4096:
        # (a name that is there but no file to read, a symlink loop or a FIFO, is read as convert
        # reads it, and says why it cannot be: it had been "No such file")
        if os.path.lexists(source) and not os.path.isdir(source):
            return source, _read_file(source), None
        if _FILE_NAME.fullmatch(source.strip()):
            raise FileNotFoundError(errno.ENOENT, "No such file", source)
    return None, None, source


def _read_file(path: str) -> bytes:
    """The bytes of the file at ``path``, read as ``convert`` reads an input (``read_input``): what
    is no regular file (a FIFO, which would block the read forever) or too large is refused."""
    if os.path.isdir(path):
        raise IsADirectoryError(errno.EISDIR, "Is a directory", path)
    from .convert import read_input  # (convert imports this module)

    return read_input(Path(path))


def parse_text(
    text: str,
    *,
    path: str | None = None,
    fmt: str | None = None,
    encoding: str | None = None,
    do_repair: bool = True,
    twin: str | None = None,
    twin_path: str | None = None,
    model: LanguageModel | None = None,
) -> Document:
    """Repair and parse already-decoded text; ``twin`` is a clean variant of the same text, if known;
    ``model`` a language model with the batch's statistics (see ``repair``)."""
    if do_repair and (fmt or detect_format(text, path)) == "html":
        # (mojibake that a page hid behind character references is put back where repair sees
        # it; the report's offsets and the original text are then this text's)
        text = unescape_mojibake_refs(text)
    repaired = repair(text, twin=twin, twin_path=twin_path, model=model) if do_repair else None
    clean = repaired.text if repaired else text
    # (a byte-order mark the damage carried through comes back at the start: "ï»¿" is U+FEFF;
    # the file's own was taken off in decoding, and this one would hide its first heading)
    clean = clean.removeprefix("\ufeff")
    clean = halfwidth_urls(clean)  # ("ｈｔｔｐｓ：／／…", "https：//…": a link to every reader)
    fmt = fmt or detect_format(clean, path)
    blocks = to_blocks(clean, fmt)
    front = next((b for b in blocks if b.kind == "front_matter"), None)
    if front is not None:
        blocks = [b for b in blocks if b.kind != "front_matter"]
    metadata, warnings = read_metadata(front)
    title_block = find_title(blocks, stated=metadata.title is not None)
    title = _LIST_MARK.sub("", title_block.text) if title_block else metadata.title
    title = drop_invisible(title) if title else title  # ("语言模型的\u2060—The 极限": a word joiner copied from the page)
    title_lines = title_block.lines if title_block else (metadata.lines if metadata.title else None)
    source = find_source_url(blocks, clean, fmt) or metadata.source_url
    archived = None
    if source:
        source, archived = unwrap_archive(source)
        source = clean_url(source)
    if title:
        title = without_site_name(title, source)
    return Document(
        path=path,
        text=clean,
        format=fmt,
        blocks=blocks,
        lang=doc_lang(clean),
        title=title,
        title_lines=title_lines,
        source_url=source,
        archived_source_url=archived,
        metadata=metadata,
        encoding=encoding,
        repair=repaired.report if repaired else None,
        original_text=text if repaired and repaired.report.damaged else None,
        warnings=warnings,
    )


def parse(source: str | os.PathLike, *, fmt: str | None = None, path: str | None = None) -> Document:
    """Parse a file (a path) or a text (a string with content) into a ``Document``.

    Raises ``digestparse.decode.DecodeError`` when a file is not readable text, and
    ``FileNotFoundError`` for a path, or a string that is only a file name (``"post.md"``), that
    names no file.
    """
    file_path, data, text = _read(source)
    if data is not None:
        decoded = decode_bytes(data)
        document = parse_text(decoded.text, path=path or file_path, fmt=fmt, encoding=decoded.encoding)
        document.warnings[:0] = decoded.warnings
        return document
    return parse_text(text or "", path=path, fmt=fmt)
