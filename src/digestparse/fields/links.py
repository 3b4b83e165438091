"""Links: unwrap archive URLs, decide each link's role, read canonical paper ids.

The URL decides a link's role first; the label only breaks ties, because
translated labels are unreliable ("纸张" and "代号" are machine translations
of "Paper" and "Code").
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import parse_qsl, quote, unquote_plus, urlsplit, urlunsplit

import regex

from ..blocks import INVISIBLE, JOINERS
from ..models import Link, PaperIds

_ARCHIVE = regex.compile(
    r"^(?:https?://(?:web\.)?archive\.org)?/web/(?:\d{1,14}(?:[a-z]{2}_)?/)?(?P<target>(?:https?:)?//.+|[\w.-]+\.[a-z]{2,}/.*)$",
    regex.IGNORECASE,
)

_HTTP = regex.compile(r"(?i)https?://")


_HOST_FIRST = regex.compile(r"(?i)^(?://|(?=www\.[\w-]+\.[\w.-]+(?:[/?#]|$))|(?=(?:[\w-]+\.)*(?:arxiv\.org|openreview\.net|github\.com|doi\.org|aclanthology\.org)(?:[/?#]|$)))")


def with_scheme(url: str) -> str:
    """``url`` with ``https:`` where it names its host without a scheme: a protocol-relative
    address (``//arxiv.org/abs/…``, as the HTML reader already reads one), or one written as a
    browser's address bar shows it (``www.github.com/a/b``, ``arxiv.org/abs/…``), which Markdown
    would take for a file beside the post; a relative address (``paper.pdf``, ``img/a.png``) stays.

    >>> with_scheme("//arxiv.org/abs/1706.03762"), with_scheme("www.github.com/a/b"), with_scheme("arxiv.org/abs/1706.03762")
    ('https://arxiv.org/abs/1706.03762', 'https://www.github.com/a/b', 'https://arxiv.org/abs/1706.03762')
    >>> with_scheme("paper.pdf"), with_scheme("img/a.png"), with_scheme("https://x.org"), with_scheme("www.pdf")
    ('paper.pdf', 'img/a.png', 'https://x.org', 'www.pdf')
    """
    match = _HOST_FIRST.match(url)
    if match is None:
        return url
    return "https:" + url if match.group() else "https://" + url


def unwrap_archive(url: str) -> tuple[str, str | None]:
    """Return (original URL, archived URL or None).

    >>> unwrap_archive("https://web.archive.org/web/20220926095407/https://openreview.net/forum?id=B1e9Y2NYvS")
    ('https://openreview.net/forum?id=B1e9Y2NYvS', 'https://web.archive.org/web/20220926095407/https://openreview.net/forum?id=B1e9Y2NYvS')
    >>> unwrap_archive("https://web.archive.org/web/https://neptune.ai/blog/iclr-2020-deep-learning")[0]
    'https://neptune.ai/blog/iclr-2020-deep-learning'
    >>> unwrap_archive("/web/20220926095407/https://neptune.ai/blog/x")[0]
    'https://neptune.ai/blog/x'
    >>> unwrap_archive("https://arxiv.org/abs/2007.01547")
    ('https://arxiv.org/abs/2007.01547', None)
    """
    url = url.strip()
    match = _ARCHIVE.match(url)
    if not match:
        return url, None
    target = match.group("target")
    if target.startswith("//"):
        target = "https:" + target
    elif not _HTTP.match(target):
        target = "http://" + target
    return target, url


_TRACKING = ("utm_", "fbclid", "gclid", "_hsenc", "_hsmi", "mc_cid", "mc_eid", "igshid")
"""Query keys (or their beginnings) that only tell a site where a visit came from: Google
Analytics' ``utm_*``, Facebook's and Google Ads' click ids, HubSpot's and Mailchimp's e-mail
marks, Instagram's share id."""
_TRACKING_KEYS = frozenset({"hslang", "ref_src", "ref_url"})
"""Whole keys, in any case, that do so too: HubSpot's ``hsLang=en-us`` (a PDF of its file server
linked from its newsletters), Twitter's ``ref_src``/``ref_url``."""
_REFERRER = regex.compile(r"(?i)^(?:https?://)?[\w-]+(?:\.[\w-]+)+/?$")
"""A ``ref=`` value that names the site the visit came from (``?ref=hackernoon.com``): only
such a value is a referrer's mark (``?ref=main`` may be a branch)."""


# Sites that send their outgoing links through a redirect page, and the parameter that holds the
# target: Zhihu, Google, Facebook, Juejin, Jianshu, Weibo.
# Google's and Google Scholar's only at their redirect page's path (a search is no redirect).
_REDIRECTS = {
    "link.zhihu.com": "target", "www.google.com": "q", "google.com": "q", "l.facebook.com": "u",
    "link.juejin.cn": "target", "links.jianshu.com": "to", "weibo.cn": "u", "scholar.google.com": "url",
}
_REDIRECT_PATHS = {"www.google.com": "/url", "google.com": "/url", "scholar.google.com": "/scholar_url"}


# The invisible characters a URL never holds, as written and as a Markdown link's normalised
# target spells them (the zero-width space as "%E2%80%8B"); a joiner only at its end.
_INVISIBLE_IN_URL = regex.compile(
    "|".join([f"[{INVISIBLE}]"] + [quote(ch) for ch in INVISIBLE])
    + f"|(?:[{JOINERS}]|%E2%80%8[CD])+$",
    regex.I,
)


def drop_invisible_in_url(url: str) -> str:
    """``url`` without the invisible characters copied along with it.

    >>> drop_invisible_in_url("https://github.com/google-research/bert%E2%80%8B"), drop_invisible_in_url("https://x.org/a\u200c")
    ('https://github.com/google-research/bert', 'https://x.org/a')
    """
    return _INVISIBLE_IN_URL.sub("", url) if ("%" in url or not url.isascii()) else url


_PDF_POSITION = regex.compile(r"(?i)(?<=\.pdf)#(?:page|zoom|view|nameddest)=.*$")
"""A PDF's open parameters after its address (Adobe's "PDF Open Parameters": page, zoom, view)."""


def clean_url(url: str) -> str:
    """Drop invisible characters (:func:`drop_invisible_in_url`), tracking parameters that do
    not change the target, and a site's redirect page in front of it.

    >>> clean_url("https://towardsdatascience.com/x-888d?source=collection_archive---------4---")
    'https://towardsdatascience.com/x-888d'
    >>> clean_url("https://openreview.net/forum?id=abc&utm_source=t")
    'https://openreview.net/forum?id=abc'
    >>> clean_url("https://link.zhihu.com/?target=https%3A//openreview.net/forum%3Fid%3D6Tm1mposlrM")
    'https://openreview.net/forum?id=6Tm1mposlrM'
    >>> clean_url("https://scholar.google.com/scholar_url?url=https://arxiv.org/abs/1901.00596&hl=en&sa=T")
    'https://arxiv.org/abs/1901.00596'
    >>> clean_url("https://arxiv.org/abs/1812.05905?ref=hackernoon.com"), clean_url("https://x.org/a.pdf?hsLang=en-us")
    ('https://arxiv.org/abs/1812.05905', 'https://x.org/a.pdf')

    The rest of the query stays as written, and "&amp;" (an HTML page's escape, carried into
    Markdown) is "&":

    >>> clean_url("https://x.org/a.pdf?utm_source=n&amp;utm_medium=e&amp;id=1"), clean_url("https://x.org/p?undefined&q=a%20b")
    ('https://x.org/a.pdf?id=1', 'https://x.org/p?undefined&q=a%20b')

    A PDF viewer's position (``#page=9&zoom=100,0,0``, a figure's credit) is no part of the paper's
    address; another fragment stays:

    >>> clean_url("https://arxiv.org/pdf/1601.06759.pdf#page=9&zoom=100,0,0"), clean_url("https://x.org/a#sec-2")
    ('https://arxiv.org/pdf/1601.06759.pdf', 'https://x.org/a#sec-2')

    A port that is the scheme's own and spaces at the edges of a query's value say nothing either:

    >>> clean_url("http://arxiv.org:80/abs/1706.03762"), clean_url("http://dl.acm.org/citation.cfm?id=%2065669.104451")
    ('http://arxiv.org/abs/1706.03762', 'http://dl.acm.org/citation.cfm?id=65669.104451')
    """
    url = _PDF_POSITION.sub("", drop_invisible_in_url(url))
    if "&amp;" in url:
        url = url.replace("&amp;", "&")
    for _ in range(3):  # (a redirect to a redirect, at most so deep)
        parts = urlsplit(url)
        host = parts.netloc.lower()
        key = _REDIRECTS.get(host)
        if key is None or _REDIRECT_PATHS.get(host, parts.path) != parts.path:
            break
        target = dict(parse_qsl(parts.query)).get(key, "")
        if not target.startswith(("http://", "https://")):
            break
        url = target
    parts = urlsplit(url)
    netloc = _without_default_port(parts.scheme, parts.netloc)
    query = _QUERY_VALUE_EDGE_SPACE.sub("", parts.query) if "%20" in parts.query else parts.query
    if query:
        query = "&".join(pair for pair in query.split("&") if not _tracking(pair))
    if (netloc, query) == (parts.netloc, parts.query):
        return url
    return urlunsplit(parts._replace(netloc=netloc, query=query))


_DEFAULT_PORTS = {"http": "80", "https": "443"}
_QUERY_VALUE_EDGE_SPACE = regex.compile(r"(?i)(?<==)(?:%20)+|(?:%20)+(?=&|$)")
"""Encoded spaces at the edges of a query's value (``citation.cfm?id=%2065669.104451``, a space
slipped in before the id): a site reads the value without them."""


def _without_default_port(scheme: str, netloc: str) -> str:
    """``netloc`` without its scheme's own port, which says nothing (``arxiv.org:80``, as the
    Wayback Machine writes the addresses it captured).

    >>> _without_default_port("http", "arxiv.org:80"), _without_default_port("https", "x.org:8080")
    ('arxiv.org', 'x.org:8080')
    """
    host, colon, port = netloc.rpartition(":")
    return host if colon and port == _DEFAULT_PORTS.get(scheme.lower()) and "]" not in port else netloc


def _tracking(pair: str) -> bool:
    """Is a query's ``key=value`` a tracking parameter (``utm_source=…``, Medium's
    ``source=collection_archive---…``, a referrer's ``ref=hackernoon.com``)?

    >>> [_tracking(p) for p in ("hsLang=en-us", "ref=hackernoon.com", "ref=main", "id=1", "_hsenc=p2AN")]
    [True, True, False, False, True]
    """
    key, _, value = pair.partition("=")
    key = unquote_plus(key)
    value = unquote_plus(value)
    return (key.startswith(_TRACKING) or key.lower() in _TRACKING_KEYS or (key == "source" and "---" in value)
            or (key == "ref" and _REFERRER.match(value) is not None))


_OPENREVIEW = regex.compile(r"openreview\.net/(?:forum|pdf|attachment)\?(?:.*&)?id=([\w-]+)", regex.I)
# arXiv's own pages, and the mirrors that address a paper by its arXiv id (ar5iv, alphaXiv,
# Hugging Face's paper pages, Semantic Scholar's arXiv route)
# (and arXiv's file server, arxiv.org/ftp/arxiv/papers/1803/1803.03916.pdf).  A new-style id
# written with a slash (arxiv.org/abs/2004/05150, a slip for 2004.05150) is read as meant.
# An id with a digit too many (…/1706.037625) is none: its first digits are another paper's.
# An old-style id's subject class is no part of it (math.GT/0309136 is math/0309136).
_ARXIV = regex.compile(
    r"(?:arxiv\.org/(?:abs|pdf|html|ftp/arxiv/papers/\d{4})|ar5iv\.org/(?:abs|html)|alphaxiv\.org/(?:abs|overview|pdf)|"
    r"huggingface\.co/papers|semanticscholar\.org/arxiv)/"
    r"((?:\d{4}[./]\d{4,5})|(?:[a-z-]+(?:\.[A-Z]{2})?/\d{7}))(?!\d)(?:v\d+)?(?:\.pdf)?",
    regex.I,
)
_SUBJECT_CLASS = regex.compile(r"\.[A-Z]{2}(?=/)", regex.I)
# A DOI in a URL: its prefix, then (after a slash, and spaces a "%20" slipped in: "doi.org/%2010.1109/…")
# its suffix, which ends in no punctuation and no slash ("…/3292500.3330701/").
_DOI = regex.compile(r"\b(10\.\d{4,9})/\s*([^\s\"<>?#]*[^\s\"<>?#.,;)\]/])")
# Where a publisher's URL goes on past the DOI to a file or a page of it: Springer's
# ".../content/pdf/10.1007/BF00992698.pdf", ".../10.1007/s10994-019-05864-5/fulltext.html".
_DOI_PAGE = regex.compile(r"(?i)(?:/(?:full(?:text)?|abstract|e?pdf)(?:\.html?)?|(?:\.full)?\.(?:pdf|html?))$")
_ENCODED_SLASH_OR_SPACE = regex.compile(r"(?i)%2F|%20")
# The DOI arXiv gives each paper (10.48550/arXiv.1706.03762): the paper's arXiv id, so that its
# doi.org address and its arXiv page are one paper.
_ARXIV_DOI = regex.compile(r"(?i)^10\.48550/arxiv\.(\d{4}\.\d{4,5})$")
# bioRxiv and medRxiv write a version and a page after the DOI in their URLs
# (…/2020.01.01.123456v1.full.pdf; older DOIs are 10.1101/123456)
_RXIV_VERSION = regex.compile(r"^(10\.1101/(?:\d{4}\.\d{2}\.\d{2}\.)?\d+)(?:v\d+)?(?:[./].*)?$")
# A Nature journal article's page is named by the DOI's suffix (nature.com/articles/nature14539,
# s42256-018-0006-z, 483531a; a PDF's name adds ".pdf")
_NATURE = regex.compile(r"nature\.com/articles/([a-z0-9][\w-]*(?:\.\d+)?)(?:\.pdf)?(?:[/?#]|$)", regex.I)
# An ACL Anthology paper (aclanthology.org/P18-1079, …/2020.emnlp-main.19.pdf, and the older
# www.aclweb.org/anthology/P18-1079 or …/anthology/P/P18/P18-1079.pdf)
_ACL = regex.compile(
    r"(?:aclanthology\.org|aclweb\.org/anthology)/(?:[A-Z]/[A-Z]\d{2}/)?"
    r"([A-Z]\d{2}-\d{4}|\d{4}\.[a-z\d]+-[a-z\d]+\.\d+)(?:v\d+)?(?:\.pdf)?/?(?:[?#]|$)",
    regex.I,
)
_GITHUB = regex.compile(r"^(?:www\.)?github\.com$", regex.I)
_GITHUB_RESERVED = frozenset(
    "about orgs topics features sponsors marketplace pricing settings login join explore collections "
    "trending site apps enterprise readme".split()
)


def github_repo(url: str) -> str | None:
    """owner/repo of a GitHub repository URL.

    >>> github_repo("https://github.com/JingzhaoZhang/why-clipping-accelerates/tree/master")
    'JingzhaoZhang/why-clipping-accelerates'
    >>> github_repo("https://github.com/Aubret") is None
    True
    """
    parts = urlsplit(url)
    if not _GITHUB.match(parts.netloc):
        return None
    segments = [s for s in parts.path.split("/") if s]
    if len(segments) < 2 or segments[0].lower() in _GITHUB_RESERVED:
        return None
    repo = segments[1]
    if repo.endswith(".git"):
        repo = repo[:-4]
    return f"{segments[0]}/{repo}"


def paper_ids(url: str) -> PaperIds:
    """Canonical ids a URL carries.

    >>> paper_ids("https://openreview.net/pdf?id=YicbFdNTTy").openreview
    'YicbFdNTTy'
    >>> paper_ids("https://arxiv.org/pdf/2007.01547v3.pdf").arxiv
    '2007.01547'
    >>> paper_ids("https://dl.acm.org/doi/10.1145/3292500.3330701").doi
    '10.1145/3292500.3330701'
    >>> paper_ids("https://link.springer.com/content/pdf/10.1007/BF00992698.pdf").doi, paper_ids("http://dx.doi.org/%2010.1109/ICCV.2005.104").doi
    ('10.1007/BF00992698', '10.1109/ICCV.2005.104')
    >>> paper_ids("https://huggingface.co/papers/1706.03762").arxiv, paper_ids("https://ar5iv.org/abs/1706.03762").arxiv
    ('1706.03762', '1706.03762')
    >>> paper_ids("https://www.medrxiv.org/content/10.1101/2020.03.19.20039354v1.full.pdf").doi
    '10.1101/2020.03.19.20039354'
    >>> paper_ids("https://www.nature.com/articles/nature14539").doi
    '10.1038/nature14539'
    >>> paper_ids("https://www.nature.com/articles/s41467-022-31245-z.pdf").doi
    '10.1038/s41467-022-31245-z'
    >>> paper_ids("https://arxiv.org/ftp/arxiv/papers/1803/1803.03916.pdf").arxiv
    '1803.03916'
    >>> paper_ids("https://arxiv.org/abs/2004/05150").arxiv
    '2004.05150'
    >>> paper_ids("https://arxiv.org/abs/math.GT/0309136v2").arxiv, paper_ids("https://arxiv.org/abs/1706.037625").arxiv
    ('math/0309136', None)
    >>> paper_ids("https://doi.org/10.48550/arXiv.1706.03762").arxiv
    '1706.03762'
    >>> paper_ids("https://www.aclweb.org/anthology/P19-1264v2.pdf").acl, paper_ids("https://aclanthology.org/2020.emnlp-main.19/").acl
    ('P19-1264', '2020.emnlp-main.19')
    """
    ids: dict[str, str] = {}
    if m := _OPENREVIEW.search(url):
        ids["openreview"] = m.group(1)
    if m := _ARXIV.search(url):
        ids["arxiv"] = m.group(1).replace("/", ".") if m.group(1)[:4].isdigit() else _SUBJECT_CLASS.sub("", m.group(1))
    if m := _ACL.search(url):
        ids["acl"] = m.group(1)
    if m := _DOI.search(_ENCODED_SLASH_OR_SPACE.sub(lambda e: "/" if e.group().lower() == "%2f" else " ", url)):
        doi = f"{m.group(1)}/{m.group(2)}"
        if v := _RXIV_VERSION.match(doi):
            doi = v.group(1)
        ids["doi"] = _DOI_PAGE.sub("", doi)
        if (arxiv := _ARXIV_DOI.match(ids["doi"])) and "arxiv" not in ids:
            ids["arxiv"] = arxiv.group(1)
    elif m := _NATURE.search(url):
        ids["doi"] = "10.1038/" + m.group(1)
    if repo := github_repo(url):
        ids["github"] = repo
    return PaperIds(**ids)


_PAPER_HOSTS = regex.compile(
    r"(?:^|\.)(?:openreview\.net|arxiv\.org|doi\.org|aclanthology\.org|aclweb\.org|papers\.nips\.cc|"
    r"proceedings\.neurips\.cc|proceedings\.mlr\.press|jmlr\.org|openaccess\.thecvf\.com|ieeexplore\.ieee\.org|"
    r"link\.springer\.com|dl\.acm\.org|biorxiv\.org|ojs\.aaai\.org|ijcai\.org|semanticscholar\.org|"
    r"paperswithcode\.com|researchgate\.net|ecva\.net|nature\.com|science\.org|pnas\.org|isca-speech\.org|"
    r"ecmlpkdd2020\.net)$",
    regex.I,
)
_CODE_HOSTS = regex.compile(r"(?:^|\.)(?:github\.com|gitlab\.com|bitbucket\.org|colab\.research\.google\.com|huggingface\.co)$", regex.I)
_TALK_HOSTS = regex.compile(r"(?:^|\.)(?:youtube\.com|youtu\.be|slideslive\.com|vimeo\.com|videolectures\.net|bilibili\.com)$", regex.I)
_SESSION = regex.compile(r"(?:^|\.)(?:iclr|icml|neurips|nips|cvpr|eccv|aaai)\.cc$", regex.I)
_PROFILE_HOSTS = regex.compile(r"(?:^|\.)(?:linkedin\.com|twitter\.com|x\.com|scholar\.google\.com|sites\.google\.com|orcid\.org)$", regex.I)
_BLOG = regex.compile(r"(?:^|\.)(?:googleblog\.com|medium\.com|towardsdatascience\.com|distill\.pub|substack\.com|blogspot\.com)$", regex.I)

_SLIDES_FILE = regex.compile(r"(?i:slides)(?![a-z])|(?<![a-z])(?i:slide|lec(?:ture)?[_-]?\d+)(?![a-z])|Slide(?![a-z])")
"""A PDF's file name that says it holds a lecture's or a talk's slides (``lec12.pdf``,
``cs231n_2017_lecture3.pdf``, ``NdpSlides.pdf``): 20 of the archive sample's PDF links are named
so, none a paper's (``lecun98.pdf`` is one, and no lecture).  "Slides" may end a word
(``lenses-etapsslides.pdf``), "slide" only stands alone or capitalised (``landslide-mapping.pdf``
is a paper); read in the name as written."""

_LABELS = (
    ("paper", regex.compile(r"(?i)^(?:📝\s*)?(?:paper|pdf|arxiv|论文|纸张|纸|文章|原文)(?:\s*(?:link|url|链接|地址|下载))?$")),
    ("code", regex.compile(r"(?i)^(?:code|github|repo|代码|代号|源码|开源代码|官方代码)(?:\s*(?:link|url|链接|地址))?$")),
    ("talk", regex.compile(r"(?i)^(?:talk|video|presentation|谈话|视频|演讲|简报)$")),
    ("slides", regex.compile(r"(?i)^(?:slides|幻灯片)$")),
    ("blog", regex.compile(r"(?i)^(?:blog|博客|blog post)$")),
    ("project", regex.compile(r"(?i)^(?:project(?:\s*(?:page|link|url|homepage))?|项目(?:页面|主页|地址|链接)?)$")),
    ("data", regex.compile(r"(?i)^(?:data|dataset|数据|数据集)$")),
    ("profile", regex.compile(r"(?i)^(?:linkedin|twitter|website|homepage|网站|主页|个人网站)$")),
)


def same_paper_key(url: str) -> str:
    """What tells two links to one paper apart: its canonical id, else the URL.

    >>> same_paper_key("https://arxiv.org/pdf/1512.03385.pdf") == same_paper_key("https://arxiv.org/abs/1512.03385")
    True
    """
    ids = paper_ids(url)
    return ids.arxiv or ids.openreview or ids.doi or ids.acl or url


# Punctuation at a label's edges; the end searched backwards (a long run is read once).
_EDGE_PUNCTUATION_HEAD = regex.compile(r"^[\W_]+")
_EDGE_PUNCTUATION_TAIL = regex.compile(r"(?r)[\W_]+$")


def strip_edge_punctuation(label: str) -> str:
    """``label`` without the punctuation, symbols and spaces at its edges ("" where that is all).

    >>> strip_edge_punctuation(" [📄 Paper] "), strip_edge_punctuation("[[]]")
    ('Paper', '')
    """
    stripped = _EDGE_PUNCTUATION_HEAD.sub("", label.strip(), count=1)
    tail = _EDGE_PUNCTUATION_TAIL.search(stripped)
    return stripped[: tail.start()] if tail else stripped


# Schemes whose links lead to no paper, page or file on the web, whatever their label says.
_NOWHERE_SCHEMES = regex.compile(r"(?i)^\s*(?:mailto|tel|javascript|vbscript|data|about|blob|file):")


def leads_nowhere(url: str) -> bool:
    """Is ``url`` no address of anything on the web: empty, a place in the page itself
    ("#", "#code"), an e-mail address, a script, inline data or a file on the writer's disk?

    >>> [leads_nowhere(u) for u in ("", "#", "mailto:a@b.org", "javascript:void(0)", "doi:10.1/x", "paper.pdf", "https://x.org")]
    [True, True, True, True, False, False, False]
    """
    url = url.strip()
    return not url or url.startswith("#") or _NOWHERE_SCHEMES.match(url) is not None


@lru_cache(maxsize=16384)
def role_of(url: str, label: str = "") -> str:
    """Role of a link: URL first, label second (cached: the same links recur within a file and
    across an article's copies).

    >>> role_of("https://openreview.net/forum?id=BJgnXpVYwS", "论文")
    'paper'
    >>> role_of("https://github.com/facebookresearch/convit", "代号")
    'code'
    >>> role_of("https://drive.google.com/file/d/12QK7/view", "代码")
    'code'
    >>> role_of("https://iclr.cc/virtual/2021/poster/3013", "ICLR 会议")
    'session'
    >>> role_of("https://slideslive.com/38932251/egomap", "简报")
    'talk'
    >>> role_of("https://github.com/Aubret", "GitHub")
    'profile'
    >>> role_of("https://www.aclweb.org/anthology/people/r/richard-socher/", "Richard Socher")
    'profile'
    >>> role_of("https://mae-site.example/", "项目主页"), role_of("https://x.org/dl", "Paper link")
    ('project', 'paper')
    >>> role_of("https://arxiv.org/list/cs.LG/recent"), role_of("https://arxiv.org/a/hinton_g_1"), role_of("http://arxiv.org/licenses/nonexclusive-distrib/1.0/")
    ('other', 'profile', 'other')
    >>> role_of("https://blog.evjang.com/2016/08/variational-bayes.html", "文章")
    'blog'
    >>> role_of("http://metalearning-symposium.ml/files/vinyals.pdf", "演讲"), role_of("https://x.org/a.pdf", "slides")
    ('talk', 'slides')
    >>> role_of("mailto:author@example.org", "Paper"), role_of("", "Paper")
    ('other', 'other')
    >>> role_of("https://www.cs.rochester.edu/u/james/CSC248/Lec12.pdf", "音位"), role_of("http://x.org/NdpSlides.pdf")
    ('slides', 'slides')
    >>> role_of("http://yann.lecun.com/exdb/publis/pdf/lecun-98.pdf"), role_of("https://x.org/selected-papers.pdf")
    ('paper', 'paper')
    >>> role_of("https://x.org/landslide-mapping.pdf"), role_of("https://x.org/cs231n_2017_lecture3.pdf"), role_of("https://x.org/talk_slides.pdf")
    ('paper', 'slides', 'slides')
    """
    if leads_nowhere(url):
        return "other"  # ("[Paper]()", "<a href='javascript:void(0)'>Code</a>": a template's placeholder)
    parts = urlsplit(url)
    host = parts.netloc.lower().split(":")[0]
    path = parts.path.lower()
    label = strip_edge_punctuation(label or "") or label.strip()
    if _OPENREVIEW.search(url) or (_ARXIV.search(url)):
        return "paper"
    if path.endswith(".pdf"):
        # (a talk's or its slides' PDF, labelled so: "[演讲](…/vinyals.pdf)", or named so:
        # "…/CSC248/Lec12.pdf", "…/hiw14-backpack-slides.pdf")
        labelled = next((role for role, pattern in _LABELS if role in ("talk", "slides") and pattern.match(label)), None)
        return labelled or ("slides" if _SLIDES_FILE.search(parts.path.rpartition("/")[2]) else "paper")
    if host.endswith("openreview.net") and path.strip("/") in ("", "group"):
        return "other"
    if host == "arxiv.org" or host.endswith(".arxiv.org"):
        # a paper's page whose id reads as none we know (a slip), else no paper: an author's
        # page or search, a listing, the home page, a licence
        if path.startswith(("/abs/", "/pdf/", "/html/", "/ftp/")):
            return "paper"
        return "profile" if path.startswith("/a/") or "searchtype=author" in parts.query else "other"
    if host.endswith(("aclanthology.org", "aclweb.org")) and ("/events/" in path or "/volumes/" in path):
        return "other"  # a conference's or a volume's table of contents
    if _PAPER_HOSTS.search(host) and ("/people/" in path or "/author/" in path):
        return "profile"  # an author's page on a proceedings site
    if _PAPER_HOSTS.search(host) and not host.endswith("openreview.net"):
        return "paper"
    if _GITHUB.match(host):
        return "code" if github_repo(url) else "profile"
    if _CODE_HOSTS.search(host):
        return "code"
    if _TALK_HOSTS.search(host):
        return "talk"
    if _SESSION.search(host) and ("virtual" in path or "poster" in path or "oral" in path or "session" in path):
        return "session"
    if _PROFILE_HOSTS.search(host) and "/status/" not in path:
        return "profile"
    if _BLOG.search(host) or host.startswith("blog."):
        return "blog"  # (whatever its label: "Eric Jang 在他的[文章](https://blog.evjang.com/…)")
    for role, pattern in _LABELS:
        if pattern.match(label):
            return role
    if "/blog" in path:
        return "blog"
    return "other"


def make_link(url: str, label: str | None = None) -> Link:
    """A ``Link`` with the archive wrapper removed and the role decided."""
    label = (label or "").strip() or None
    role, target, archived = _resolve(url, label or "")
    return Link(role=role, url=target, archived_url=archived, label=label)


@lru_cache(maxsize=16384)
def _resolve(url: str, label: str) -> tuple[str, str, str | None]:
    """Role, unwrapped and cleaned target, archived URL (cached like ``role_of``; ``Link`` is mutable, so
    ``make_link`` builds a new one each time)."""
    target, archived = unwrap_archive(with_scheme(url))
    target = clean_url(target)
    return role_of(target, label), target, archived


def merge_ids(links: list[Link]) -> PaperIds:
    """The first id of each kind among the paper and code links, in link order."""
    ids: dict[str, str] = {}
    for link in links:
        if link.role not in ("paper", "code"):
            continue
        for key, value in paper_ids(link.url).model_dump(exclude_none=True).items():
            if key == "github" and link.role != "code":
                continue
            ids.setdefault(key, value)
    return PaperIds(**ids)

