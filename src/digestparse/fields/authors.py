"""Author lines and person names.

Author lines come in many shapes: ``*Alexey Dosovitskiy，Lucas Beyer 等人*``,
``*作者:施密特*、施耐德*、亨宁(2021)*`` (equal-contribution stars that Markdown
turned into emphasis), ``Denis Yarats，Ilya Kostrikovm 和 Rob Fergus。``.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

_PREFIX = regex.compile(r"^\s*(?:作者\s*[:：]?|authors?\s*[:：]|by\s+|written by\s+)\s*", regex.I)
_ET_AL = regex.compile(r"\s*(?:等人|等著|等|et\s+al\.?|and others)\s*[。.]?\s*$", regex.I)
_YEAR = regex.compile(r"\s*[(（\[]\s*((?:19|20)\d\d)\s*[)）\]]\s*$")
_SEPARATORS = regex.compile(r"\s*(?:[，,、;；&]|\s+and\s+|\s*和\s*|\s*与\s*)\s*", regex.I)
_HAN_NAME = regex.compile(r"^(?:\p{Han}{2,4}|\p{Han}{1,6}(?:[·・•]\p{Han}{1,6}){1,3})$")
"""A Chinese name (2-4 characters) or a transliterated one with middle dots (尼古拉·曹德)."""
_LATIN_NAME = regex.compile(r"^[\p{Lu}\p{Ll}][\p{L}'’.\-]*(?:\s+[\p{L}'’.\-]+){0,4}$")
_SURNAME = regex.compile(r"^\p{Han}$")
"""A lone surname ("梁等著" = Liang et al.), accepted only on a line marked as an author list."""
_SENTENCE = regex.compile(r"[。！？!?]\s*\S|[:：]\s*\S.{20,}")
_DIGIT = regex.compile(r"\d")
_AUTHOR_WORD = regex.compile(r"作者(?=\p{Han})")


@dataclass(frozen=True)
class AuthorLine:
    names: tuple[str, ...]
    et_al: bool = False
    year: int | None = None


def is_name(text: str) -> bool:
    """Does ``text`` look like one person's name (Chinese or Latin script)?

    >>> is_name("张京兆"), is_name("Jingzhao Zhang"), is_name("d'Ascoli"), is_name("尼古拉·曹德")
    (True, True, True, True)
    >>> is_name("的鲁棒性研究工作")
    False
    >>> is_name("We study the failure modes of DARTS")
    False
    """
    text = text.strip()
    if not text or len(text) > 40 or _DIGIT.search(text):
        return False
    if _HAN_NAME.match(text):
        return True
    if _LATIN_NAME.match(text):
        words = text.split()
        return sum(1 for w in words if any(c.isupper() for c in w)) >= max(1, len(words) - 1)
    return False


def parse_author_line(text: str, *, require_marker: bool = False) -> AuthorLine | None:
    """Read a list of authors, or None when the text is not one.

    >>> parse_author_line("*作者:施密特*、施耐德*、亨宁(2021)*")
    AuthorLine(names=('施密特', '施耐德', '亨宁'), et_al=False, year=2021)
    >>> parse_author_line("Alexey Dosovitskiy，Lucas Beyer，Xiaohua Zhai 等人")
    AuthorLine(names=('Alexey Dosovitskiy', 'Lucas Beyer', 'Xiaohua Zhai'), et_al=True, year=None)
    >>> parse_author_line("Denis Yarats，Ilya Kostrikovm 和 Rob Fergus。").names
    ('Denis Yarats', 'Ilya Kostrikovm', 'Rob Fergus')
    >>> parse_author_line("作者宋洋等人")
    AuthorLine(names=('宋洋',), et_al=True, year=None)
    >>> parse_author_line("这是一个非常清晰、直接的想法，同时也带来了同样显著的效果。") is None
    True
    """
    line = text.replace("*", "").replace("_", " ").strip().rstrip("。.")
    if not line or len(line) > 400 or "\n" in line:
        return None
    prefixed = bool(_PREFIX.match(line))
    line = _PREFIX.sub("", line)
    if not prefixed and _AUTHOR_WORD.match(text.replace("*", "").strip()):
        prefixed = True
        line = line[2:] if line.startswith("作者") else line
    year = None
    if match := _YEAR.search(line):
        year, line = int(match.group(1)), line[: match.start()]
    et_al = False
    if match := _ET_AL.search(line):
        et_al, line = True, line[: match.start()]
    if _SENTENCE.search(line):
        return None
    names = tuple(part.strip(" .。") for part in _SEPARATORS.split(line) if part.strip(" .。"))
    marked = prefixed or et_al or year is not None
    if not names or not all(is_name(name) or (marked and _SURNAME.match(name)) for name in names):
        return None
    if (len(names) == 1 or require_marker) and not marked:
        return None
    return AuthorLine(names, et_al, year)
