"""Metadata stage: a file's front matter -> the article's date, categories, tags and authors.

The readers give the fields a file states about itself as one ``front_matter`` block (YAML
front matter, the archive's ``<!--yml`` header, an HTML page's ``<meta>`` tags: see
:mod:`digestparse.blocks.front_matter`).  Here its fields are read by what they mean, whatever
the key's spelling or language (``date``, ``published``, ``article:published_time``, ``日期``
all give the date); a title and a source URL stated there stand in where the body gives none.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import regex

from .blocks import Block, bare_links
from .blocks.front_matter import TITLE_KEYS, read_fields

# Keys (lower-cased) per meaning, the first present one wins.
DATE_KEYS = (
    "date", "published", "pubdate", "publish_date", "published_at", "date_published", "datepublished",
    "article:published_time", "og:published_time", "dc.date", "dc.date.issued", "dcterms.date",
    "dcterms.issued", "citation_publication_date", "created", "日期", "时间", "发布时间", "发表时间",
    "发布日期", "发表日期",
)
CATEGORY_KEYS = ("categories", "category", "article:section", "类别", "分类", "栏目")
TAG_KEYS = ("tags", "tag", "keywords", "article:tag", "news_keywords", "标签", "关键词", "关键字")
AUTHOR_KEYS = ("authors", "author", "article:author", "dc.creator", "citation_author", "作者")
SOURCE_KEYS = (
    "source", "source_url", "original", "original_url", "canonical_url", "canonical", "原文", "原文链接",
    "原文地址", "来源", "出处",
)

# A date as people write it: 2024-07-01, 2024/7/1, 2024 年 07 月 01 日, with an optional time
# (18:18, 18:18:17) and zone (Z, +08:00).
_DATE = regex.compile(
    r"(?<!\d)(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:(?:\s+|T)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?(?!\d)"
)


@dataclass(frozen=True)
class Metadata:
    """What a file's front matter says about its article; ``lines`` is where it stands."""

    date: str | None = None
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    title: str | None = None
    source_url: str | None = None
    lines: tuple[int, int] | None = None


def normalize_date(value: object) -> str | None:
    """An ISO 8601 date (``2024-07-01``) or date and time (``2024-07-01T18:18:17``, with its
    zone where one is given), or None where ``value`` holds no valid date.

    >>> normalize_date("2024 年 07 月 01 日 18:18:17")
    '2024-07-01T18:18:17'
    >>> normalize_date("2020-05-01T10:00:00.000+08:00")
    '2020-05-01T10:00:00+08:00'
    >>> normalize_date(dt.date(2020, 5, 1)), normalize_date("2020-13-01"), normalize_date("soon")
    ('2020-05-01', None, None)
    """
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    match = _DATE.search(value)
    if match is None:
        return None
    year, month, day, hour, minute, second, zone = match.groups()
    try:
        date = dt.date(int(year), int(month), int(day))
        if hour is None:
            return date.isoformat()
        time = dt.time(int(hour), int(minute), int(second or 0))
    except ValueError:
        return None
    stamp = f"{date.isoformat()}T{time.isoformat()}"
    if zone:
        stamp += "Z" if zone == "Z" else f"{zone[:3]}:{zone[-2:]}"
    return stamp


_URL_DATE = regex.compile(r"/((?:19|20)\d\d)([/-])(\d\d)\2(\d\d)(?=[/-]|$)")
# A month alone only between slashes and before a slug (``/2013/04/ndseg/``): ``2017-06-…`` may
# be the start of any name.
_URL_MONTH = regex.compile(r"/((?:19|20)\d\d)/(\d\d)(?=/)")
EARLIEST_URL_YEAR = 1991
"""The first year a post can have been on the web (the first web page went up in 1991)."""
LATEST_URL_YEAR = 2030
"""The last year an address's date is taken for: a fixed bound, not the clock, so that a run
gives the same output whatever day it runs (the sample's newest address is of 2024); an
archived copy's capture day bounds it more closely."""
_LISTING_SEGMENTS = frozenset("archive archives page tag tags category categories label search feed".split())
"""Path segments of a blog's listing pages (``/archive/2020/05/06/``, ``/2020/05/06/page/2/``),
whose date is a day's listing, not a post's."""
_NO_SLUG = regex.compile(r"^[/-]*(?:index\.html?)?$")
_CAPTURE_STAMP = regex.compile(r"//web\.archive\.org/web/(\d{4})(\d\d)(\d\d)\d{0,6}(?:[a-z]{2}_)?/")


def url_date(url: str | None, archived_url: str | None = None) -> str | None:
    """The publication date a post's address gives in its path: a day (``/2014/06/16/slug/``,
    ``/posts/2017-06-21-overview/``) or a month (``/2013/04/slug/``, ISO 8601's ``2013-04``),
    else None; also None for a listing page's address (a day's or month's archive, a tag or a
    category page) and for a year before the web or past :data:`LATEST_URL_YEAR`, or a day
    after the capture of ``archived_url``, the web.archive.org copy of the post.

    >>> url_date("https://pyimagesearch.com/2014/06/16/1-pixel-shifts/"), url_date("https://x.io/posts/2017-06-21-overview/")
    ('2014-06-16', '2017-06-21')
    >>> url_date("http://blog.ezyang.com/2013/04/ndseg/"), url_date("https://x.io/2020/13/45/a"), url_date(None)
    ('2013-04', None, None)
    >>> url_date("https://x.io/archive/2020/05/06/"), url_date("https://x.io/2020/05/06/"), url_date("https://x.io/tag/nlp/2020/05/06/a")
    (None, None, None)
    >>> url_date("https://x.io/2013/04/"), url_date("https://x.io/2013/13/a"), url_date("https://x.io/posts/2017-06-overview/")
    (None, None, None)
    >>> url_date("https://x.io/1905/05/06/a"), url_date("https://x.io/2099/05/06/a")
    (None, None)
    >>> url_date("https://x.io/2021/05/06/a", "https://web.archive.org/web/20210101000000/https://x.io/2021/05/06/a")
    >>> url_date("https://x.io/2021/05/06/a", "https://web.archive.org/web/20220926095407/https://x.io/2021/05/06/a")
    '2021-05-06'
    >>> url_date("https://x.io/2021/05/a", "https://web.archive.org/web/20210430000000/https://x.io/2021/05/a")
    """
    if not url:
        return None
    path = url.split("://", 1)[-1].split("?", 1)[0].split("#", 1)[0].partition("/")[2]
    match = _URL_DATE.search("/" + path)
    if match is not None:
        year, month, day = match.group(1), match.group(3), match.group(4)
    else:
        match = _URL_MONTH.search("/" + path)
        if match is None:
            return None
        year, month, day = match.group(1), match.group(2), None
    if _listing_page(path, match.end() - 1) or not EARLIEST_URL_YEAR <= int(year) <= LATEST_URL_YEAR:
        return None
    if day is not None:
        date = normalize_date(f"{year}-{month}-{day}")
    else:
        date = f"{year}-{month}" if 1 <= int(month) <= 12 else None
    captured = _CAPTURE_STAMP.search(archived_url or "")
    if date is not None and captured is not None and date > "-".join(captured.groups())[: len(date)]:
        return None  # (a post is not captured before it is written)
    return date


def _period(date: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day of an ISO 8601 day or month (the date part of a date and time).

    >>> _period("2013-04"), _period("2020-02-29T10:00:00+08:00")[1], _period("2013")
    ((datetime.date(2013, 4, 1), datetime.date(2013, 4, 30)), datetime.date(2020, 2, 29), None)
    """
    try:
        if len(date) == 7:
            first = dt.date(int(date[:4]), int(date[5:7]), 1)
            return first, (first + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
        day = dt.date.fromisoformat(date[:10])
        return day, day
    except ValueError:
        return None


def article_date(stated: str | None, from_address: str | None, lines: tuple[int, int] | None = None) -> tuple[str | None, str | None]:
    """The article's publication date, and a warning where the two sources disagree.

    The date the front matter states wins, unless the source address dates the post (see
    :func:`url_date`) to a day or month it lies outside of, a day's slack for time zones
    aside: an address is given once, when the post is published, so a stated date outside it
    is a later edit, a conversion or a capture time (the archive's 407 ezyang posts each state
    a time on 2024-07-01, minutes apart, under addresses of 2009 to 2018).  A stated day inside
    the address's month is the more precise, and kept.

    >>> article_date("2024-07-01T18:17:21", "2013-04", (1, 7))
    ('2013-04', "front matter: the date 2024-07-01T18:17:21 (lines 1-7) lies outside the source address's 2013-04; the address's is kept")
    >>> article_date("2013-04-02T08:00:00", "2013-04"), article_date("2014-06-17T01:00:00+08:00", "2014-06-16")
    (('2013-04-02T08:00:00', None), ('2014-06-17T01:00:00+08:00', None))
    >>> article_date(None, "2013-04"), article_date("2020-05-01", None)
    (('2013-04', None), ('2020-05-01', None))
    """
    if stated is None or from_address is None:
        return stated or from_address, None
    said, given = _period(stated), _period(from_address)
    if said is None or given is None:
        return stated, None
    slack = dt.timedelta(days=1)
    if given[0] - slack <= said[0] <= given[1] + slack:
        return stated, None
    where = f" (lines {lines[0]}-{lines[1]})" if lines else ""
    return from_address, (
        f"front matter: the date {stated}{where} lies outside the source address's {from_address}; the address's is kept"
    )


def _listing_page(path: str, date_end: int) -> bool:
    """Is ``path`` (without its host) a listing page's: a listing segment in it (``tag/nlp/``), or
    nothing after the date at ``date_end`` (``2020/05/06/``: that day's posts)?

    >>> _listing_page("2020/05/06/page/2/", 10), _listing_page("2020/05/06/", 10), _listing_page("2020/05/06/a-post/", 10)
    (True, True, False)
    """
    return (any(segment.casefold() in _LISTING_SEGMENTS for segment in path.split("/"))
            or _NO_SLUG.match(path[date_end:]) is not None)


def _texts(value: object, split: bool) -> list[str]:
    """The strings a field holds: a list's items (a person's ``name`` where an item is a mapping),
    a string split at commas where ``split``; blank ones and surrounding quotes left out.

    >>> _texts(["nlp", {"name": "A. Lee"}, 3], split=False)
    ['nlp', 'A. Lee', '3']
    >>> _texts("deep learning, NLP，视觉", split=True)
    ['deep learning', 'NLP', '视觉']
    """
    items = value if isinstance(value, list) else [value]
    found: list[str] = []
    for item in items:
        if isinstance(item, dict):
            item = item.get("name")
        if item is None or isinstance(item, (list, dict)):
            continue
        text = str(item)
        for part in regex.split(r"\s*[,，、;；]\s*", text) if split else [text]:
            part = part.strip().strip("`'\"")
            if part:
                found.append(part)
    return found


def _first(fields: dict[str, object], keys: tuple[str, ...]) -> object:
    for key in keys:
        if key in fields:
            return fields[key]
    return None


NO_CATEGORY = frozenset({"uncategorized", "uncategorised", "未分类", "未分類", "无分类", "默认分类"})
"""What a blog engine files a post under when it is filed under nothing (405 archive posts)."""


def _all(fields: dict[str, object], keys: tuple[str, ...], split: bool, none: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The strings of every field named by ``keys``, in their order, each once; a string that
    repeats its own key before its value (``分类：未分类``, a translation of ``category:
    Uncategorized``) without it, and those in ``none`` (compared case-blind) left out.

    >>> _all({"category": "分类：未分类", "类别": ["Uncategorized", "NLP"]}, CATEGORY_KEYS, True, NO_CATEGORY)
    ('NLP',)
    >>> _all({"tags": "tags: ml, 标签：nlp"}, TAG_KEYS, True)
    ('ml', 'nlp')
    """
    own_key = regex.compile(r"^(?:" + "|".join(map(regex.escape, keys)) + r")\s*[:：]\s*", regex.I)
    found: dict[str, None] = {}
    for key in keys:
        if key in fields:
            for text in _texts(fields[key], split):
                text = own_key.sub("", text)
                if text and text.casefold() not in none:
                    found.setdefault(text, None)
    return tuple(found)


def read_metadata(block: Block | None) -> tuple[Metadata, list[str]]:
    """The metadata a ``front_matter`` block states, and warnings about fields that were not read.

    >>> block = Block("front_matter", "日期：2024-07-01 18:18:17\\n类别：论文", (1, 4))
    >>> read_metadata(block)[0]
    Metadata(date='2024-07-01T18:18:17', categories=('论文',), tags=(), authors=(), title=None, source_url=None, lines=(1, 4))
    >>> read_metadata(Block("front_matter", "date: someday", (1, 3)))[1]
    ["front matter: the date 'someday' (lines 1-3) is no date"]
    """
    if block is None:
        return Metadata(), []
    raw = read_fields(block.text) or {}
    fields = {key.strip().lower(): value for key, value in raw.items()}
    warnings = []
    stated_date = _first(fields, DATE_KEYS)
    date = normalize_date(stated_date)
    if stated_date not in (None, "") and date is None:
        # (a list or mapping is not shown: YAML aliases can make its text exponentially long)
        shown = f" {str(stated_date)[:80]!r}" if isinstance(stated_date, (str, int, float)) else ""
        warnings.append(f"front matter: the date{shown} (lines {block.lines[0]}-{block.lines[1]}) is no date")
    titles = _texts(_first(fields, TITLE_KEYS), split=False)
    sources = [link.url for text in _texts(_first(fields, SOURCE_KEYS), split=False) for link in bare_links(text)]
    metadata = Metadata(
        date=date,
        categories=_all(fields, CATEGORY_KEYS, split=True, none=NO_CATEGORY),
        tags=_all(fields, TAG_KEYS, split=True),
        authors=_all(fields, AUTHOR_KEYS, split=False),
        title=titles[0] if titles else None,
        source_url=sources[0] if sources else None,
        lines=block.lines,
    )
    return metadata, warnings
