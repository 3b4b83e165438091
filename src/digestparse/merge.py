"""Merge stage: the aligned entries of an article's variants -> one ``PaperRecord`` each.

Every field is filled from the variants in order of preference (clean before
damaged, structured before plain text).  A localised field takes, for each
language, the first variant that has a value in that language; a damaged copy
is consulted only for a language no clean variant provides, and never when its
value still holds unresolved damage (U+FFFD).  Each value's file and lines go
into ``provenance`` under the field's path, e.g. ``"title.en"``.
"""

from __future__ import annotations

from itertools import permutations

import regex

from .align import ArticleGroup, Variant, entry_paper, link_paper
from .entries import SINGLE_PAPER_RULES
from .fields.entry import ExtractedEntry, PersonValue, Value
from .fields.links import merge_ids
from .index import paper_key
from .language import block_lang, names_and_terms_only
from .metadata import article_date, url_date
from .models import ArticleRecord, Figure, Link, Mention, PaperRecord, Person, RelatedPaper, Source
from .models import Variant as VariantRecord

_HAN = regex.compile(r"\p{Han}")
_LATIN_WORD = regex.compile(r"\p{Latin}+")

UNRESOLVED = "\ufffd"


def _usable(value: Value | None, variant: Variant) -> bool:
    return value is not None and bool(value.text) and not (variant.doc.damaged and UNRESOLVED in value.text)


def _lang(value: Value, variant: Variant) -> str:
    return value.lang or variant.doc.lang or "und"


class _Builder:
    """Collects one record's fields and their provenance."""

    def __init__(self) -> None:
        self.provenance: dict[str, Source] = {}
        self.warnings: list[str] = []

    def source(self, variant: Variant, lines: tuple[int, int], lang: str | None = None) -> Source:
        return Source(path=variant.path, lines=lines, lang=lang, role=variant.role)

    def localized(self, name: str, values: list[tuple[Variant, Value | None]]) -> dict[str, str]:
        out: dict[str, str] = {}
        # (a variant may give several values, a title and its translation: the twin has the
        # field where any of them is usable; a second, empty one had hidden the first)
        variants = {variant.path: variant for variant, _ in values}
        filled = {variant.path for variant, value in values if _usable(value, variant)}
        for variant, value in values:
            if not _usable(value, variant):
                continue
            lang = _lang(value, variant)
            if variant.role == "damaged_copy":
                twin = variants.get(variant.damaged_copy_of or "")
                if twin is not None and twin.path in filled:
                    continue  # the clean twin has this field: the damaged copy never replaces it
                if twin is not None:
                    lang = twin.doc.lang or lang  # mojibake misleads language detection
            if lang not in out:
                out[lang] = value.text
                self.provenance[f"{name}.{lang}"] = self.source(variant, value.lines, lang)
        return dict(sorted(out.items()))


def pinyin_key(name: str) -> str | None:
    """The name's letters in pinyin (for Han script) or lowercased (for Latin script), no spaces.

    >>> pinyin_key("张京兆")
    'zhangjingzhao'
    """
    from pypinyin import lazy_pinyin

    if _HAN.search(name):
        return "".join(lazy_pinyin(name)).lower()
    return None


def same_person(latin: str, han: str) -> bool:
    """Is a Latin-script name the pinyin of a Chinese name, in either name order?

    >>> same_person("Jingzhao Zhang", "张京兆")
    True
    >>> same_person("Hanshu YAN", "张京兆")
    False
    """
    key = pinyin_key(han)
    words = [w.lower() for w in _LATIN_WORD.findall(latin)]
    if not key or not words or len(words) > 4:
        return False
    return any("".join(order) == key for order in permutations(words))


def _merge_person(builder: _Builder, field: str, people: list[tuple[Variant, PersonValue]]) -> Person | None:
    names: dict[str, str] = {}
    links: list[Link] = []
    for variant, person in people:
        value = person.name
        if not _usable(value, variant):
            continue
        lang = _lang(value, variant)
        if lang in names:
            continue
        if names and not _compatible(names, value.text):
            builder.warnings.append(f"{field}: '{value.text}' in {variant.path} does not match {sorted(names.values())}")
            continue
        names[lang] = value.text
        builder.provenance[f"{field}.name.{lang}"] = builder.source(variant, value.lines, lang)
        spelled = person.spelling
        if spelled is not None and (other := _lang(spelled, variant)) not in names:
            # the line's own pairing ("徐柯宇（Keyulu Xu）") needs no pinyin to agree: a
            # translator's characters rarely spell the name back
            names[other] = spelled.text
            builder.provenance[f"{field}.name.{other}"] = builder.source(variant, spelled.lines, other)
        known = {link.url for link in links}
        for link, lines in zip(person.links, person.link_lines or [value.lines] * len(person.links)):
            if link.url not in known:
                builder.provenance[f"{field}.links.{len(links)}"] = builder.source(variant, lines)
                links.append(link)
                known.add(link.url)
    if not names:
        return None
    return Person(name=dict(sorted(names.items())), links=links)


def _compatible(names: dict[str, str], other: str) -> bool:
    has_han = bool(_HAN.search(other))
    for name in names.values():
        name_han = bool(_HAN.search(name))
        if has_han == name_han:
            if name.lower() != other.lower():
                return False
        elif not (same_person(name, other) if has_han else same_person(other, name)):
            return False
    return True


def merge_slot(group: ArticleGroup, slot: dict[str, ExtractedEntry], ordinal: int,
               claims: dict[str, set[int]] | None = None,
               held: dict[str, set[tuple[int, str]]] | None = None) -> PaperRecord:
    """The paper record of one slot (``ordinal``: its place, from 1).  ``claims`` maps each paper
    an entry of the group leads with to the slots (by ordinal) whose entries do: a variant's
    links from another slot's paper on are that slot's (:func:`_own_links`); ``held`` maps each
    link to the (slot, variant) pairs whose entries hold it (:func:`_held_elsewhere`)."""
    variants = [v for v in group.variants if v.path in slot]
    entries = [(v, slot[v.path]) for v in variants]
    builder = _Builder()
    reference = entries[0][1]

    links: list[Link] = []
    for variant, entry in entries:
        if variant.doc.damaged and any(e.links for v, e in entries if v is not variant and not v.doc.damaged):
            continue  # (a clean copy's links stand; a scrape that kept no addresses leaves them to it)
        known = {link.url for link in links}
        own = _own_links(entry, ordinal, claims or {})
        if own < len(entry.links):
            builder.warnings.append(
                f"{variant.path}: the links from line {entry.link_lines[own][0]} on lead with another entry's "
                "paper and are left to it (a lost heading?)")
        for link, lines in zip(entry.links[:own], entry.link_lines[:own]):
            if _held_elsewhere(link.url, ordinal, variant.path, slot, held or {}):
                builder.warnings.append(f"{variant.path}: {link.url} is another entry's, which its other copies "
                                        "hold apart, and is left to it (a lost heading?)")
                continue
            if link.url not in known:
                links.append(link)
                builder.provenance[f"links.{len(links) - 1}"] = builder.source(variant, lines)
                known.add(link.url)

    figure = None
    image_from = next(((v, e) for v, e in entries if e.image), None)
    captions = builder.localized("figure.caption", [(v, e.caption) for v, e in entries])
    if image_from or captions:
        if image_from:
            builder.provenance["figure.image"] = builder.source(image_from[0], image_from[1].image_lines)
        figure = Figure(image=image_from[1].image if image_from else None, caption=captions)

    author_from = max(entries, key=lambda ve: len(ve[1].authors))
    authors: list[Person] = []
    if author_from[1].authors:
        for position, person in enumerate(author_from[1].authors):
            merged = _merge_person(builder, f"authors.{position}", [(author_from[0], person)])
            if merged:
                authors.append(merged)
    first_author = _merge_person(
        builder, "first_author", [(v, e.first_author) for v, e in entries if e.first_author is not None]
    )
    if first_author and authors and _compatible(authors[0].name, next(iter(first_author.name.values()))):
        authors[0] = first_author
        for key in [key for key in builder.provenance if key.startswith("authors.0.")]:
            del builder.provenance[key]
        builder.provenance.update({"authors.0." + key[len("first_author."):]: source
                                   for key, source in builder.provenance.items() if key.startswith("first_author.")})
    if first_author:
        builder.provenance.update({"author_links." + key[len("first_author.links."):]: source
                                   for key, source in builder.provenance.items() if key.startswith("first_author.links.")})

    related: list[RelatedPaper] = []
    for variant, entry in entries:
        known = {r.url for r in related}
        for paper, lines in zip(entry.related, entry.related_lines):
            if paper.url not in known:
                builder.provenance[f"related.{len(related)}"] = builder.source(variant, lines)
                related.append(paper)
                known.add(paper.url)
    year_from = next(((v, e) for v, e in entries if e.year), None)
    if year_from is not None and year_from[1].year_lines is not None:
        builder.provenance["year"] = builder.source(year_from[0], year_from[1].year_lines)

    summary_kinds = [e.summary_kind for v, e in entries if _usable(e.summary, v)]
    warnings = list(dict.fromkeys(w for _, e in entries for w in e.warnings))
    record = PaperRecord(
        id=f"{group.article_id}:{ordinal:03d}",
        article_id=group.article_id,
        index=reference.number,
        ordinal=ordinal,
        section=builder.localized("section", [(v, e.section) for v, e in entries]),
        # (a title in a second language that a variant gives beside its own comes after every
        # variant's own title: a variant in that language says it first)
        title=builder.localized("title", [(v, e.title) for v, e in entries] + [(v, e.title_other) for v, e in entries]),
        summary=builder.localized("summary", [(v, e.summary) for v, e in entries]),
        summary_kind="tldr" if "tldr" in summary_kinds else (summary_kinds[0] if summary_kinds else None),
        why=builder.localized("why", [(v, e.why) for v, e in entries]),
        key_insight=builder.localized("key_insight", [(v, e.key_insight) for v, e in entries]),
        links=links,
        ids=merge_ids(links),
        figure=figure,
        authors=authors,
        authors_et_al=any(e.et_al for _, e in entries),
        year=next((e.year for _, e in entries if e.year), None),
        first_author=first_author,
        author_links=first_author.links if first_author else [],
        related=related,
        sources=[builder.source(v, e.lines, v.doc.lang) for v, e in entries],
        provenance=dict(sorted(builder.provenance.items())),
        warnings=warnings + builder.warnings,
    )
    return record


def paper_claims(group: ArticleGroup) -> dict[str, set[int]]:
    """Each paper an entry of the group leads with, and the slots (by ordinal) whose entries do."""
    claims: dict[str, set[int]] = {}
    for ordinal, slot in enumerate(group.slots, 1):
        for entry in slot.values():
            if (key := entry_paper(entry)) is not None:
                claims.setdefault(key, set()).add(ordinal)
    return claims


def links_held(group: ArticleGroup) -> dict[str, set[tuple[int, str]]]:
    """Each link of the group's entries, and the (slot ordinal, variant path) pairs holding it."""
    held: dict[str, set[tuple[int, str]]] = {}
    for ordinal, slot in enumerate(group.slots, 1):
        for path, entry in slot.items():
            for link in entry.links:
                held.setdefault(link.url, set()).add((ordinal, path))
    return held


def _held_elsewhere(url: str, ordinal: int, path: str, slot: dict[str, ExtractedEntry],
                    held: dict[str, set[tuple[int, str]]]) -> bool:
    """Is the link ``url`` of this slot's entry from ``path`` another slot's, which a copy that lost
    the heading between them holds in this one: another slot's entries hold it, and this slot's
    entries from the other copies, which have links of their own, do not (the DCPDN code link in
    the AOD-Net entry of a copy without "## DCPDN")?"""
    holders = held.get(url, ())
    if not any(o != ordinal for o, _ in holders) or any(o == ordinal and p != path for o, p in holders):
        return False
    if any(o != ordinal and p == path for o, p in holders):
        return False  # (its own copy links it from another entry too: a link two entries share)
    return any(other != path and entry.links for other, entry in slot.items())


def _own_links(entry: ExtractedEntry, ordinal: int, claims: dict[str, set[int]]) -> int:
    """How many of the entry's links are its own: up to the first paper link that another slot's
    entries lead with and this slot's do not.  A copy that lost the heading between two entries
    holds the second one's links in the first; its other copies give them their own slot."""
    for index, link in enumerate(entry.links):
        if index and link.role == "paper":
            holders = claims.get(link_paper(link.url))
            if holders and ordinal not in holders:
                return index
    return len(entry.links)


def article_mentions(variants: list[Variant]) -> list[Mention]:
    """The mentions of the preferred variant, then those of each other variant (in order) of a
    paper none before it mentions: a copy that lost its links, or links other papers, hides
    none of them."""
    mentions = list(variants[0].mentions) if variants else []
    seen = {paper_key(m.ids, m.url) for m in mentions}
    for variant in variants[1:]:
        new = [m for m in variant.mentions if paper_key(m.ids, m.url) not in seen]
        seen.update(paper_key(m.ids, m.url) for m in new)
        mentions.extend(new)
    return mentions


def title_lang(title: str, doc_lang: str | None) -> str:
    """The language of an article's title as the title itself reads (a translation may keep its
    original's English title; a Chinese title may stand over an untranslated body), but Chinese
    for a Chinese document's title with Chinese words in it, English terms and all.

    >>> title_lang("Comonads and Convolutions : ezyang’s blog", "zh"), title_lang("人工智能在金融中的力量", "en")
    ('en', 'zh')
    >>> title_lang("采用 NVIDIA GPUs 的 OpenCV“dnn”: YOLO、SSD 和 Mask R-CNN 快 1549%", "zh")
    'zh'

    A title of names and terms alone has no language of its own, and takes its document's:

    >>> title_lang("BERT", "zh"), title_lang("SCNet (CVPR 2020)", "zh"), title_lang("BERT", "en"), title_lang("Keras Mask R-CNN", "zh")
    ('zh', 'zh', 'en', 'en')
    """
    if doc_lang == "zh" and len(_HAN.findall(title)) >= 2:
        return "zh"
    if doc_lang and names_and_terms_only(title):
        return doc_lang
    return block_lang(title) or doc_lang or "und"


def merge_group(group: ArticleGroup) -> tuple[ArticleRecord, list[PaperRecord]]:
    claims, held = paper_claims(group), links_held(group)
    papers = [merge_slot(group, slot, ordinal, claims, held) for ordinal, slot in enumerate(group.slots, 1)]
    titles: dict[str, str] = {}
    for variant in group.variants:
        doc = variant.doc
        if doc.title and variant.role != "damaged_copy":
            titles.setdefault(title_lang(doc.title, doc.lang), doc.title)
    reference_entries = max((len(v.entries) for v in group.variants), default=0)
    review = any(e.rule in SINGLE_PAPER_RULES for v in group.variants for e in v.entries)
    kind = "other" if reference_entries == 0 else ("review" if review else "digest")
    stated = [v.doc.metadata for v in group.variants]  # front matter, the preferred variant's first
    archived_source_url = next((v.doc.archived_source_url for v in group.variants if v.doc.archived_source_url), None)
    dated = next((m for m in stated if m.date), None)
    date, date_warning = article_date(dated and dated.date, url_date(group.source_url, archived_source_url), dated and dated.lines)
    article = ArticleRecord(
        article_id=group.article_id,
        title=dict(sorted(titles.items())),
        source_url=group.source_url,
        archived_source_url=archived_source_url,
        date=date,
        categories=list(next((m.categories for m in stated if m.categories), ())),
        tags=list(next((m.tags for m in stated if m.tags), ())),
        authors=list(next((m.authors for m in stated if m.authors), ())),
        kind=kind,
        papers=len(papers),
        variants=[
            VariantRecord(
                path=v.path,
                format=v.doc.format,
                lang=v.doc.lang,
                role=v.role,
                damaged_copy_of=v.damaged_copy_of,
                entries=len(v.entries),
                repair=v.doc.repair,
            )
            for v in group.variants
        ],
        mentions=article_mentions(group.variants),
        warnings=group.warnings + ([date_warning] if date_warning else []),
    )
    return article, papers
