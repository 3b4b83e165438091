"""The paper index: each distinct paper of an archive once, with the records and mentions of it.

Papers are identified by canonical id (OpenReview, arXiv, DOI, ACL Anthology, in that order of
preference); a paper link without any of them is identified by its URL.
"""

from __future__ import annotations

import regex

from .models import ArticleRecord, PaperIds, PaperIndexEntry, PaperRecord

_SCHEME = regex.compile(r"(?i)^https?://")


def paper_key(ids: PaperIds, url: str | None = None) -> str | None:
    """The key a paper is indexed under.

    >>> paper_key(PaperIds(arxiv="2007.01547", github="a/b"))
    'arxiv:2007.01547'
    >>> paper_key(PaperIds(), "https://example.org/p.pdf")
    'url:https://example.org/p.pdf'

    A paper known by its address alone is one paper under ``http://`` and ``https://`` (the
    archive links CVPR's, NeurIPS' and JMLR's PDFs both ways), and is keyed by its secure address:

    >>> paper_key(PaperIds(), "http://papers.nips.cc/paper/7181-attention-is-all-you-need.pdf")
    'url:https://papers.nips.cc/paper/7181-attention-is-all-you-need.pdf'
    """
    for name in ("openreview", "arxiv", "doi", "acl"):
        value = getattr(ids, name)
        if value:
            return f"{name}:{value}"
    return f"url:{_SCHEME.sub('https://', url, count=1)}" if url else None


class PaperIndex:
    """Collects papers article by article (so a batch can stream), then lists each paper once."""

    def __init__(self) -> None:
        self._entries: dict[str, PaperIndexEntry] = {}

    def _entry(self, key: str, ids: PaperIds) -> PaperIndexEntry:
        if key not in self._entries:
            self._entries[key] = PaperIndexEntry(key=key, ids=ids)
        return self._entries[key]

    def add(self, article: ArticleRecord, papers: list[PaperRecord]) -> None:
        # a mention of a record's paper link that has no id of its own (a Papers with Code page
        # beside the arXiv one) is a mention of that record's paper (its first paper link only:
        # a later one may be another paper's)
        record_keys: dict[str, tuple[str, PaperIds]] = {}
        for paper in papers:
            url = next((link.url for link in paper.links if link.role == "paper"), None)
            key = paper_key(paper.ids, url)
            if key is None:
                continue
            item = self._entry(key, paper.ids)
            item.records.append(paper.id)
            for title in paper.title.values():
                if title not in item.titles:
                    item.titles.append(title)
            if url is not None:
                record_keys.setdefault(url, (key, paper.ids))
        for mention in article.mentions:
            key, ids = paper_key(mention.ids, mention.url), mention.ids
            if key is not None and key.startswith("url:") and mention.url in record_keys:
                key, ids = record_keys[mention.url]
            if key is not None:
                self._entry(key, ids).mentions.append(mention.source)

    def entries(self) -> list[PaperIndexEntry]:
        return [self._entries[key] for key in sorted(self._entries)]

