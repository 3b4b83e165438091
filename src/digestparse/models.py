"""The typed output records of digestparse.

Every record written to ``papers.jsonl``, ``articles.jsonl`` and ``report.json``
is one of the pydantic models below; ``digestparse.schema`` derives the JSON
Schema files from them, so the schema can never drift from what is written.

Localised text (a title, a summary, a caption) is a mapping from a language code
(``"en"``, ``"zh"``, ...) to the text in that language; only languages that were
actually found are present.  Where a value came from is told by ``Source``
records: a path and an inclusive 1-based line range.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .repair.report import RepairReport

Localized = dict[str, str]
"""Language code -> text, e.g. ``{"en": "Neural Arithmetic Units", "zh": "神经运算单元"}``."""

LinkRole = Literal[
    "paper", "code", "talk", "session", "blog", "slides", "data", "project", "profile", "other"
]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(Record):
    """A place in an input file: its path (as given, relative to the archive) and lines."""

    path: str
    lines: tuple[int, int] = Field(description="first and last line, 1-based, inclusive")
    lang: str | None = None
    role: str | None = Field(
        default=None, description="what this variant is in its article group: original, translation, damaged_copy"
    )


class PaperIds(Record):
    """Canonical identifiers of a paper, as found in its links."""

    openreview: str | None = None
    arxiv: str | None = Field(default=None, description="arXiv id, version suffix stripped")
    github: str | None = Field(default=None, description="owner/repo")
    doi: str | None = None
    acl: str | None = Field(default=None, description="ACL Anthology id (P18-1079, 2020.emnlp-main.19)")

    def is_empty(self) -> bool:
        return not (self.openreview or self.arxiv or self.github or self.doi or self.acl)


class Link(Record):
    role: LinkRole
    url: str = Field(description="the target, with any web.archive.org wrapper removed")
    archived_url: str | None = Field(default=None, description="the web.archive.org URL as written, if it was wrapped")
    label: str | None = None


class Figure(Record):
    image: str | None = None
    caption: Localized = Field(default_factory=dict)


class Person(Record):
    name: Localized = Field(description="the name as written per language or script")
    links: list[Link] = Field(default_factory=list)


class RelatedPaper(Record):
    title: str
    url: str | None = None
    ids: PaperIds = Field(default_factory=PaperIds)


class PaperRecord(Record):
    """One paper entry of one article, merged over every variant of that article."""

    id: str = Field(description="article_id + ':' + ordinal, stable across runs")
    article_id: str
    index: int | None = Field(description="the entry's number as printed in the article, if any")
    ordinal: int = Field(description="position of the entry in the article, from 1")
    section: Localized = Field(default_factory=dict)
    title: Localized
    summary: Localized = Field(default_factory=dict)
    summary_kind: str | None = Field(default=None, description="tldr, summary, abstract or description")
    why: Localized = Field(default_factory=dict)
    key_insight: Localized = Field(default_factory=dict)
    links: list[Link] = Field(default_factory=list)
    ids: PaperIds = Field(default_factory=PaperIds)
    figure: Figure | None = None
    authors: list[Person] = Field(default_factory=list)
    authors_et_al: bool = Field(default=False, description="the author list was cut short (et al., 等人)")
    year: int | None = None
    first_author: Person | None = None
    author_links: list[Link] = Field(default_factory=list)
    related: list[RelatedPaper] = Field(default_factory=list)
    sources: list[Source]
    provenance: dict[str, Source] = Field(
        default_factory=dict, description="field path (e.g. 'title.en') -> where that value was read"
    )
    warnings: list[str] = Field(default_factory=list)


class Variant(Record):
    """One input file that is a version of an article."""

    path: str
    format: str
    lang: str | None
    role: str = Field(description="original, translation or damaged_copy")
    damaged_copy_of: str | None = None
    entries: int
    repair: RepairReport | None = None


class Mention(Record):
    """A link to a paper anywhere in an article, with the words around it."""

    url: str
    archived_url: str | None = None
    ids: PaperIds
    anchor: str = Field(description="the link text")
    sentence: str = Field(description="the sentence that holds the link")
    source: Source


class ArticleRecord(Record):
    article_id: str
    title: Localized
    source_url: str | None = None
    archived_source_url: str | None = None
    date: str | None = Field(
        default=None,
        description="publication date (ISO 8601: a day, a day and time, or a month): as the front matter states it, else as the "
        "source address gives it; the address's where the stated date lies outside it (see metadata.article_date)",
    )
    categories: list[str] = Field(default_factory=list, description="as the front matter states them")
    tags: list[str] = Field(default_factory=list, description="tags and keywords, as the front matter states them")
    authors: list[str] = Field(default_factory=list, description="the article's own authors, as its front matter names them")
    kind: Literal["digest", "review", "other"]
    papers: int
    variants: list[Variant]
    mentions: list[Mention] = Field(default_factory=list, description="every paper link of the preferred variant")
    warnings: list[str] = Field(default_factory=list)


class PaperIndexEntry(Record):
    """One distinct paper of the whole archive, with every record and mention that refers to it."""

    key: str = Field(description="the canonical id that identifies the paper, e.g. 'arxiv:2007.01547'")
    ids: PaperIds
    titles: list[str] = Field(default_factory=list)
    records: list[str] = Field(default_factory=list, description="ids of the PaperRecords of this paper")
    mentions: list[Source] = Field(default_factory=list, description="where the paper is linked, in any article")


class RepairSummary(Record):
    damaged: bool
    codec_chain: list[str] = Field(default_factory=list)
    changed_chars: int = 0
    restored_bytes: int = 0
    unresolved_chars: int = 0
    twin: str | None = Field(default=None, description="path of the clean copy this file was restored from, if any")


class FileReport(Record):
    path: str
    status: Literal["ok", "repaired", "failed"]
    bytes: int | None = None
    encoding: str | None = None
    format: str | None = None
    lang: str | None = None
    title: str | None = None
    repair: RepairSummary | None = None
    entries: int = 0
    article_id: str | None = None
    role: str | None = None
    errors: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


class ConvertSummary(Record):
    files: int
    ok: int
    repaired: int
    failed: int
    articles: int
    papers: int
    seconds: float
    out_dir: str | None = None
