"""Align stage: group the files that are variants of one article, and line up their entries.

Files are grouped by their canonical source URL.  A file without one (an
English scrape usually has none) joins the group whose text it shares most
with: what survives translation is Latin script — English captions, names,
numbers — so we compare hashed word 4-grams of Latin-script text, the entry count (equal,
or one off: a scrape may miss an entry) and, where both files link their papers, the papers
(most of them shared).  With no Latin text to go on, a file joins by its title, and a damaged
one by the papers it links under a title its repair guessed a character or two of wrong.
Within a group, a damaged copy of a clean variant in the same language is recognised (its
repair found mojibake and it has the same shape), and entries are aligned by the paper they
link first, then by position, or in order by the words only two entries share and their
printed numbers; an entry of another variant that links a paper no slot holds gets a slot of
its own.
"""

from __future__ import annotations

import hashlib
import zlib
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher

import regex

from .blocks import Block
from .document import Document
from .fields.entry import ExtractedEntry
from .fields.links import paper_ids
from .index import paper_key
from .models import Mention

_LATIN_RUN = regex.compile(
    r"(\p{Latin}[\p{Latin}\d'’\-]*+(?:[\s,.;:()]++[\p{Latin}\d][\p{Latin}\d'’\-]*+)+)"
    r"|\p{Latin}[\p{Latin}\d'’\-]*+"
)
"""A run of at least two Latin-script words (group 1), else one word, skipped whole.

The second alternative only makes the search linear: where no run starts at a word's first
Latin letter, none starts later in that word either, so the word is passed over at once
instead of retried from each of its letters.  Word and separator characters are disjoint, so
the possessive quantifiers give the same runs as greedy ones.
"""
_WORD = regex.compile(r"[\p{Latin}\d]+")
_ASCII_WORD = regex.compile(r"[a-z0-9]+")
"""Words of lowercased ASCII text (shingles) and of an article id's slug."""
_SCHEME = regex.compile(r"^https?://(www\.)?")
SHINGLE = 4
MIN_CONTAINMENT = 0.3
"""Share of the smaller file's Latin 4-grams that a URL-less file must share to join a group."""
MIN_CONTAINMENT_ANY_GAP = 0.8
"""The share above which it joins whatever its entry count (copies measured 0.93-0.99; two weekly
digests of one template quoting one abstract, 0.6)."""


def latin_shingles(text: str) -> frozenset[int]:
    """Hashed word 4-grams of the Latin-script runs of a text (what survives translation).

    >>> len(latin_shingles("图 The architecture of an ODENet serves well")) > 0
    True
    >>> latin_shingles("只有中文")
    frozenset()
    """
    shingles: set[int] = set()
    for run in _LATIN_RUN.findall(text):
        if not run:
            continue
        if run.isascii():  # the common case: lowercase once (exact for ASCII), then split
            words = _ASCII_WORD.findall(run.lower())
        else:
            words = list(map(str.lower, _WORD.findall(run)))
        if len(words) >= SHINGLE:
            grams = zip(*(words[i:] for i in range(SHINGLE)))
            shingles.update(zlib.crc32(" ".join(gram).encode()) for gram in grams)
    return frozenset(shingles)


MIN_CONTENTS_ITEMS = 5
"""Lines a table of contents lists at least (see :func:`table_of_contents`)."""


def table_of_contents(blocks: list[Block]) -> bool:
    """Is the document a table of contents: at least :data:`MIN_CONTENTS_ITEMS` blocks, and
    nine in ten of those that are no heading, each wholly one link to a file beside it
    (``+   [对比表示学习](llw_14.md)``)?  It lists the titles of all its folder's posts, so it
    shares some Latin text with each and is no copy of any: its Latin text is not compared.

    >>> from digestparse.blocks import InlineLink
    >>> items = [Block("list_item", f"Post {n}", (n, n), "", links=(InlineLink(f"Post {n}", f"post_{n}.md"),)) for n in range(6)]
    >>> table_of_contents(items), table_of_contents(items[:3])
    (True, False)
    """
    body = [block for block in blocks if block.kind != "heading"]
    listed = sum(1 for block in body if len(block.links) == 1 and block.links[0].label == block.text.strip()
                 and "://" not in block.links[0].url and not block.links[0].url.startswith("#"))
    return listed >= MIN_CONTENTS_ITEMS and listed >= 0.9 * len(body)


@dataclass
class Variant:
    doc: Document
    entries: list[ExtractedEntry]
    shingles: frozenset[int] = frozenset()
    mentions: list[Mention] = field(default_factory=list)
    entry_words: list[frozenset[str]] = field(default_factory=list)
    """Per entry, its Latin-script words (:func:`entry_words`), taken before the blocks are freed."""
    blocks: int = 0  # (a copy that lost its "原文：" line has one fewer than its original)
    """How many blocks the document had (taken before they are freed): of two copies, the one that
    lost a heading has fewer."""
    role: str = "original"
    damaged_copy_of: str | None = None

    @property
    def path(self) -> str:
        return self.doc.path or ""


@dataclass
class ArticleGroup:
    article_id: str
    variants: list[Variant]
    slots: list[dict[str, ExtractedEntry]] = field(default_factory=list)
    """One dict per aligned entry: variant path -> that variant's entry."""
    warnings: list[str] = field(default_factory=list)

    @property
    def source_url(self) -> str | None:
        return next((v.doc.source_url for v in self.variants if v.doc.source_url), None)


def _url_key(url: str) -> str:
    """What tells two source URLs of one article apart: no scheme, no "www.", no fragment (a
    link to one of its sections), no trailing slash.

    >>> _url_key("https://www.neptune.ai/blog/iclr-2020/#best-papers") == _url_key("http://neptune.ai/blog/iclr-2020")
    True
    """
    return _SCHEME.sub("", url.strip().lower()).split("#", 1)[0].rstrip("/")


def article_id(source_url: str | None, title: str | None, path: str) -> str:
    """A readable, stable id: the URL's last path segment (or the title) plus a short hash.

    >>> article_id("https://neptune.ai/blog/iclr-2020-deep-learning", None, "x")
    'iclr-2020-deep-learning-93954d90'
    """
    key = _url_key(source_url) if source_url else path
    digest = hashlib.sha1(key.encode()).hexdigest()[:8]
    if source_url:
        stem = source_url.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
    else:
        stem = title or path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    slug = "-".join(_ASCII_WORD.findall(stem.lower()))[:60].strip("-") or "article"
    return f"{slug}-{digest}"


def entry_paper(entry: ExtractedEntry) -> str | None:
    """What identifies the paper an entry links first: its canonical id with its kind
    (``arxiv:1706.03762``), else its URL (``url:…``); None where it links none."""
    url = next((link.url for link in entry.links if link.role == "paper"), None)
    return link_paper(url) if url else None


def link_paper(url: str) -> str:
    """The key of the paper a paper link names (:func:`entry_paper`'s)."""
    return paper_key(paper_ids(url), url)


def _comparable(a: str | None, b: str | None) -> bool:
    """Can two paper keys tell two papers apart: both known and of one kind (a copy may link a
    paper's arXiv page where another links its OpenReview page)?"""
    return a is not None and b is not None and a.partition(":")[0] == b.partition(":")[0]


MAX_ENTRY_GAP = 1
"""How many entries a file without a source URL may have more or fewer than a group's member
and still join it (an English scrape may miss or gain an entry)."""
MIN_PAPERS_ANY_GAP = 3
"""Papers two files must share to be one article whatever their entry counts."""
MIN_SHARED_PAPERS = 0.5
"""Where both link papers, the share of the fewer papers the two must share to be one article
(two weekly digests quoting one famous paper are two articles)."""


def _same_shape(key: GroupKey, member: GroupKey, containment: float) -> bool:
    """Could ``key`` be a copy of ``member``, by its entries: as many or one off (or any number
    off where ``key`` and ``member``'s group share :data:`MIN_CONTAINMENT_ANY_GAP` of their Latin
    text: a translation of half the article, a copy of a long list that misses several), and where
    both link papers, most of them the same (then any number off, where they share
    :data:`MIN_PAPERS_ANY_GAP` papers or more)?"""
    close = abs(member.entries - key.entries) <= MAX_ENTRY_GAP or containment >= MIN_CONTAINMENT_ANY_GAP
    kinds = {k.partition(":")[0] for k in key.papers} & {k.partition(":")[0] for k in member.papers} - {"url"}
    if kinds:  # (papers of a kind both link: most must be the same)
        mine = {k for k in key.papers if k.partition(":")[0] in kinds}
        theirs = {k for k in member.papers if k.partition(":")[0] in kinds}
        shared = len(mine & theirs)
        return shared >= MIN_SHARED_PAPERS * min(len(mine), len(theirs)) and (close or shared >= MIN_PAPERS_ANY_GAP)
    return close and (member.entries == key.entries or (member.entries > 0 and key.entries > 0)
                      or _lost_its_entries(key, member, containment))


def _lost_its_entries(key: GroupKey, member: GroupKey, containment: float) -> bool:
    """Is ``key`` a damaged copy of ``member`` whose repair without the twin lost every entry: no
    entry, ``member``'s distinctive title (or that title with a character guessed wrong,
    :func:`_titles_alike`) and :data:`MIN_CONTAINMENT_ANY_GAP` of its Latin text? (A file with no
    entry joins no group of files with entries otherwise: a post that quotes a digest is not that
    digest.)"""
    return (key.damaged and not member.damaged and key.entries == 0 and containment >= MIN_CONTAINMENT_ANY_GAP
            and _titles_a_copy(key.title) and _titles_a_copy(member.title) and _titles_alike(key.title, member.title))


def _containment(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


@dataclass(frozen=True, slots=True)
class GroupKey:
    """What grouping needs of one file, small enough to keep for every file of an archive.

    The full per-file results stay on disk until their group is merged (``digestparse.batch``);
    ``shingles`` are packed as sorted 4-byte integers.
    """

    path: str
    source_url: str | None
    title: str | None
    entries: int
    damaged: bool
    plain_text: bool
    shingles: bytes = b""
    papers: tuple[str, ...] = ()  # the keys of the papers its entries link (sorted)
    blocks: int = 0  # (a copy that lost its "原文：" line has one fewer than its original)

    @classmethod
    def of(cls, variant: Variant) -> GroupKey:
        doc = variant.doc
        papers = tuple(sorted({key for entry in variant.entries if (key := entry_paper(entry)) is not None}))
        return cls(variant.path, doc.source_url, doc.title, len(variant.entries), doc.damaged,
                   doc.format == "text", array("I", sorted(variant.shingles)).tobytes(), papers, variant.blocks)

    def shingle_set(self) -> frozenset[int]:
        packed = array("I")
        packed.frombytes(self.shingles)
        return frozenset(packed)


def plan_groups(keys: list[GroupKey]) -> list[tuple[str, list[GroupKey]]]:
    """The article groups as (article id, member keys in preference order), sorted by article id.

    Deterministic for a given set of keys.
    """
    by_url: dict[str, list[GroupKey]] = {}
    loose: list[GroupKey] = []
    for key in sorted(keys, key=lambda k: k.path):
        if key.source_url:
            by_url.setdefault(_url_key(key.source_url), []).append(key)
        else:
            loose.append(key)
    groups = [members for _, members in sorted(by_url.items())]
    if loose:
        _place_loose(groups, loose)
    planned = []
    for members in groups:
        members.sort(key=_key_preference)
        first = members[0]
        gid = article_id(next((m.source_url for m in members if m.source_url), None), first.title, first.path)
        planned.append((gid, members))
    return sorted(planned, key=lambda g: g[0])


def _place_loose(groups: list[list[GroupKey]], loose: list[GroupKey]) -> None:
    """Add each file without a source URL to the group it shares most Latin text with, else a group of its own."""
    shingles: dict[int, frozenset[int]] = {}  # id(key) -> unpacked shingles, for the loose files

    def of(key: GroupKey) -> frozenset[int]:
        found = shingles.get(id(key))
        return found if found is not None else key.shingle_set()

    # Which groups hold each shingle that some loose file has (no other shingle can make a group
    # a candidate), and how many distinct shingles each group holds: while a group has only its
    # indexed members, a loose file's shared-shingle count with it is the size of the
    # intersection, and its containment needs no set operation.
    for key in loose:
        shingles[id(key)] = key.shingle_set()
    wanted = frozenset().union(*shingles.values())
    index: dict[int, set[int]] = {}
    size: list[int] = []
    for number, members in enumerate(groups):
        sets = [of(member) for member in members]
        for own in sets:
            for shingle in own & wanted:
                index.setdefault(shingle, set()).add(number)
        size.append(len(sets[0]) if len(sets) == 1 else len(frozenset().union(*sets)))
    absorbed: set[int] = set()  # groups a loose file joined (its shingles are not indexed)
    titled: dict[str, set[int]] = {}  # a title -> the groups with a member of that title
    linking: dict[str, set[int]] = {}  # a paper's key -> the groups with a clean member linking it
    for number, members in enumerate(groups):
        for member in members:
            if _titles_a_copy(member.title):
                titled.setdefault(member.title, set()).add(number)
            if not member.damaged:
                for paper in member.papers:
                    linking.setdefault(paper, set()).add(number)
    for key in loose:
        own = shingles[id(key)]
        counts: dict[int, int] = {}
        for shingle in own:
            for number in index.get(shingle, ()):
                counts[number] = counts.get(number, 0) + 1
        same_title = titled.get(key.title, set()) if _titles_a_copy(key.title) else set()
        best, best_rank = None, None
        for number in sorted(counts):
            if number in absorbed:
                score = _containment(own, frozenset().union(*(of(m) for m in groups[number])))
            else:
                score = counts[number] / min(len(own), size[number])
            if not any(_same_shape(key, m, score) for m in groups[number]):
                continue  # a different shape: never the same article
            # (a few shared 4-grams, all a small file has, are no evidence; the same title is)
            rank = (number in same_title, score)
            if score >= MIN_CONTAINMENT and (counts[number] >= MIN_SHARED_SHINGLES or number in same_title) and (
                    best_rank is None or rank > best_rank):
                best, best_rank = number, rank
        if best is None:
            # no Latin text to go on (a Chinese post that lost its "原文：" line): its title,
            # where one group alone has a member of that title and shape
            shaped = [n for n in sorted(same_title) if any(_same_shape(key, m, 0.0) for m in groups[n])]
            best = shaped[0] if len(shaped) == 1 else None
        if best is None and key.damaged:
            # nor a title its repair left whole ("回顾-感知而" for "回顾-感知者"): the papers it
            # links, where one group alone has a clean member that is plainly what it was
            linked = sorted(set().union(*(linking.get(paper, ()) for paper in key.papers)))
            garbled = [n for n in linked if any(_garbled_copy(key, m) for m in groups[n])]
            best = garbled[0] if len(garbled) == 1 else None
        if best is None:
            groups.append([key])
            size.append(len(own))
            number = len(groups) - 1
            for shingle in own:
                index.setdefault(shingle, set()).add(number)
            if _titles_a_copy(key.title):
                titled.setdefault(key.title, set()).add(number)
            if not key.damaged:
                for paper in key.papers:
                    linking.setdefault(paper, set()).add(number)
        else:
            groups[best].append(key)
            absorbed.add(best)


def _garbled_copy(key: GroupKey, member: GroupKey) -> bool:
    """Is the damaged ``key`` plainly a copy of the clean ``member`` whose repair without the twin
    guessed a character of its title wrong ("回顾-感知而:具有重复注意的一般感知" for "…感知者…"),
    where it has no Latin text to be known by: of ``member``'s shape (:func:`_same_shape`), linking
    the papers ``member`` links (most of either's), under a distinctive title that at most
    :data:`MAX_GARBLED_TITLE` of their characters tell apart (``difflib``'s ratio), in as many blocks
    as ``member`` or :data:`MAX_BLOCK_GAP` off (a copy that lost its "原文：" line has one fewer)?

    In the archive, the titles of two posts whose entries link one paper differ in three in five of
    their characters or more (a digest and a review of one of its papers); the parts of a series,
    whose titles differ in one character, link no paper in common.
    """
    if not key.damaged or member.damaged or not key.papers or abs(key.blocks - member.blocks) > MAX_BLOCK_GAP:
        return False
    shared = len(set(key.papers) & set(member.papers))
    if shared < MIN_SHARED_PAPERS * max(len(key.papers), len(member.papers)) or not _same_shape(key, member, 0.0):
        return False
    return _titles_a_copy(key.title) and _titles_a_copy(member.title) and _titles_alike(key.title, member.title)


def _titles_alike(damaged: str | None, clean: str | None) -> bool:
    """Are two titles one, but for at most :data:`MAX_GARBLED_TITLE` of their characters, which a
    repair without the twin guessed wrong (``difflib``'s ratio; "论文星期三" for "论文星期一")?"""
    a, b = (damaged or "").strip(), (clean or "").strip()
    return a == b or SequenceMatcher(None, a, b, autojunk=False).ratio() >= 1.0 - MAX_GARBLED_TITLE


MAX_GARBLED_TITLE = 0.2
"""The share of a title's characters a repair without the twin may have guessed wrong for the
copy to be known by its title and papers (:func:`_garbled_copy`)."""
MAX_BLOCK_GAP = 2
"""How many blocks such a copy may have more or fewer than its original."""


MIN_SHARED_SHINGLES = 3
"""Fewer shared Latin 4-grams join no group by themselves, whatever share of a small file they are."""
MIN_COPY_TITLE = 4
"""A title shorter than this (characters) is too common to tell two posts apart ("介绍", "Intro")."""


def _titles_a_copy(title: str | None) -> bool:
    """Is ``title`` distinctive enough that another file of that title is a copy of the same post?"""
    return title is not None and len(title.strip()) >= MIN_COPY_TITLE


def build_group(gid: str, members: list[Variant]) -> ArticleGroup:
    """The article group of ``members`` (in preference order), with roles assigned and entries aligned."""
    group = ArticleGroup(gid, _copies_in_order(members))
    assign_roles(group)
    align_entries(group)
    return group


def group_variants(variants: list[Variant]) -> list[ArticleGroup]:
    """Group variants of one article; deterministic for a given input order."""
    keys = [GroupKey.of(v) for v in variants]
    of_key = {id(k): v for k, v in zip(keys, variants)}
    return [build_group(gid, [of_key[id(k)] for k in members]) for gid, members in plan_groups(keys)]


def _copies_in_order(variants: list[Variant]) -> list[Variant]:
    """``variants`` (in preference order) with the copies of one format and language reordered
    among themselves: clean first, then the one with the most blocks (a copy that lost a heading,
    first by its name, had given the records its run-on section), then by path.  Each kind keeps
    its places, so the order of languages and formats, and what each gives a record, stays."""
    kind = [(v.doc.format, v.doc.lang) for v in variants]
    ordered = {k: sorted((v for v, kv in zip(variants, kind) if kv == k),
                         key=lambda v: (v.doc.damaged, -v.blocks, v.path)) for k in dict.fromkeys(kind)}
    return [ordered[k].pop(0) for k in kind]


def _key_preference(key: GroupKey) -> tuple:
    """Clean before damaged, structured (Markdown/HTML) before plain text, a copy that states its
    source before one that lost it, then by path."""
    return (key.damaged, key.plain_text, key.source_url is None, key.path)


def assign_roles(group: ArticleGroup) -> None:
    """Name each variant's role; a damaged file's twin is the clean variant most like it.

    The twin is chosen by shape: the language of the damaged file's repaired text where it has
    one, as many entries or one off (a repair without the twin may lose a heading's bracket, and
    with it an entry), then the same format, at least as many blocks as the copy (a clean copy
    that lost a heading the copy still has is the worse twin, even where its entry count is the
    copy's), the same number of entries, the same source URL and
    title (a copy that lost its "原文：" line is the worse twin), most shared Latin-script text,
    and the most blocks (a copy that lost a heading is the worse twin).  Where no clean variant is
    that close in entries, one that is plainly the same text (:func:`_plainly_a_copy`) is taken
    whatever its entries: a GBK copy whose repair without the twin lost every entry.
    """
    clean = [v for v in group.variants if not v.doc.damaged]
    for variant in group.variants:
        twin = None
        if variant.doc.damaged:
            # (the language of its repaired text, where repair read one: a mangled Chinese copy
            # is no copy of the English scrape, however alike their shapes)
            candidates = [v for v in clean if abs(len(v.entries) - len(variant.entries)) <= MAX_ENTRY_GAP
                          and (variant.doc.lang is None or v.doc.lang in (None, variant.doc.lang))]
            if not candidates:
                candidates = [v for v in clean if _plainly_a_copy(variant, v)]
            if candidates:
                twin = max(candidates, key=lambda v: (
                    v.doc.format == variant.doc.format, v.blocks >= variant.blocks,
                    len(v.entries) == len(variant.entries),
                    v.doc.source_url == variant.doc.source_url, v.doc.title == variant.doc.title,
                    _containment(v.shingles, variant.shingles), v.blocks, v.path))
        if twin is not None:
            variant.role, variant.damaged_copy_of = "damaged_copy", twin.path
        else:
            variant.role = "original" if variant.doc.lang == "en" else "translation"


def _plainly_a_copy(damaged: Variant, clean: Variant) -> bool:
    """Is ``clean`` plainly the text ``damaged`` is a copy of, whatever their entries: of the same
    (known) language and format, and two of: the same source URL, the same distinctive title (or
    that title with a character guessed wrong, :func:`_titles_alike`),
    :data:`MIN_CONTAINMENT_ANY_GAP` of their Latin-script text shared (at least
    :data:`MIN_SHARED_SHINGLES` 4-grams)?  (A translation states the same source URL, and may
    keep the title: the language tells it apart.)"""
    a, b = damaged.doc, clean.doc
    if a.lang is None or a.lang != b.lang or a.format != b.format:
        return False
    shared = len(damaged.shingles & clean.shingles)
    evidence = (
        a.source_url is not None and b.source_url is not None and _url_key(a.source_url) == _url_key(b.source_url),
        _titles_a_copy(a.title) and _titles_a_copy(b.title) and _titles_alike(a.title, b.title),
        shared >= MIN_SHARED_SHINGLES and _containment(damaged.shingles, clean.shingles) >= MIN_CONTAINMENT_ANY_GAP,
    )
    return sum(evidence) >= 2


def align_entries(group: ArticleGroup) -> None:
    """Fill ``group.slots``: the reference variant's entries, matched in every other variant.

    An entry is matched first by the paper it links (a copy may order its papers otherwise, or
    miss one), then, among the entries left, by position where as many are left on each side,
    else in order (:func:`in_order`), by the words that only one entry on each side holds (what
    survives translation: a caption, a name, a model's name) and the printed number; an entry
    and a slot that link different papers are never matched.
    An entry left over that links a paper no slot holds gets a slot of its own; the others left
    over are named in a warning.
    """
    reference = max(group.variants, key=lambda v: (len(v.entries), -group.variants.index(v)))
    group.warnings = []  # alignment is redone after twins are restored: its warnings with it
    kept = _without_repeats(reference, group.warnings)
    group.slots = [{reference.path: reference.entries[i]} for i in kept]
    slot_papers = [entry_paper(reference.entries[i]) for i in kept]
    all_words = _words_of(reference)
    slot_words = [all_words[i] for i in kept]
    for variant in group.variants:
        if variant is reference or not variant.entries:
            continue
        papers = [entry_paper(entry) for entry in variant.entries]
        words = _words_of(variant)
        pairs = _pair_entries(group.slots, slot_papers, reference.path, variant.entries, papers, slot_words, words)
        for slot_index, entry_index in pairs.items():
            group.slots[slot_index][variant.path] = variant.entries[entry_index]
        matched = set(pairs.values())
        lost = 0
        for index, entry in enumerate(variant.entries):
            if index in matched:
                continue
            if papers[index] is not None and papers[index] not in slot_papers:
                group.slots.append({variant.path: entry})
                slot_papers.append(papers[index])
            else:
                lost += 1
        if len(pairs) < len(variant.entries) or len(variant.entries) != len(reference.entries):
            group.warnings.append(
                f"{variant.path}: {len(variant.entries)} entries against {len(reference.entries)} in "
                f"{reference.path}; {len(pairs)} aligned, {len(variant.entries) - len(pairs) - lost} on slots of "
                f"their own, {lost} left out"
            )


def _without_repeats(variant: Variant, warnings: list[str]) -> list[int]:
    """The indices of the variant's entries but those that repeat an earlier one: the same paper
    under the same title (a copy that holds one entry twice; two entries on one paper under two
    titles, A3C and A2C, stay two)."""
    seen: dict[tuple[str, str], int] = {}
    kept = []
    for index, entry in enumerate(variant.entries):
        key = entry_paper(entry)
        if key is not None:
            first = seen.setdefault((key, entry.title.text.casefold().strip()), index)
            if first != index:
                warnings.append(f"{variant.path}: the entry at line {entry.lines[0]} repeats the one at line "
                                f"{variant.entries[first].lines[0]} and is left out")
                continue
        kept.append(index)
    return kept


def _pair_entries(slots: list[dict[str, ExtractedEntry]], slot_papers: list[str | None], reference: str,
                  entries: list[ExtractedEntry], papers: list[str | None],
                  slot_words: list[frozenset[str]], words: list[frozenset[str]]) -> dict[int, int]:
    """Which of ``entries`` goes on which slot (slot index -> entry index), as :func:`align_entries`
    says; ``slot_words`` are the words of the reference's entries (:func:`entry_words`), ``words``
    those of ``entries``."""
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    where = {}
    for index, key in enumerate(papers):
        if key is not None:
            where.setdefault(key, index)
    for slot_index, key in enumerate(slot_papers):
        if key is not None and (index := where.get(key)) is not None and index not in taken:
            pairs[slot_index] = index
            taken.add(index)
    open_slots = [i for i in range(len(slots)) if i not in pairs and reference in slots[i]]
    open_entries = [i for i in range(len(entries)) if i not in taken]

    def compatible(slot_index: int, entry_index: int) -> bool:
        a, b = slot_papers[slot_index], papers[entry_index]
        return a == b or not _comparable(a, b)

    found = shared_words([slot_words[i] for i in open_slots], [words[i] for i in open_entries])
    votes = {(open_slots[a], open_entries[b]): n for (a, b), n in found.items()}
    for slot_index, entry_index in mutual_best(votes, STRONG_SHARED_WORDS):
        if compatible(slot_index, entry_index):
            pairs[slot_index] = entry_index
            taken.add(entry_index)
    open_slots = [i for i in open_slots if i not in pairs]
    open_entries = [i for i in open_entries if i not in taken]
    if len(open_slots) == len(open_entries):
        for slot_index, entry_index in zip(open_slots, open_entries):
            if compatible(slot_index, entry_index):
                pairs[slot_index] = entry_index
        return pairs
    if len(open_slots) * len(open_entries) > MAX_ALIGN_CELLS:
        by_number = {}
        for index in open_entries:
            if entries[index].number is not None:
                by_number.setdefault(entries[index].number, index)
        for slot_index in open_slots:
            number = slots[slot_index][reference].number
            entry_index = by_number.pop(number, None) if number is not None else None
            if entry_index is not None and compatible(slot_index, entry_index):
                pairs[slot_index] = entry_index
        return pairs

    def score(a: int, b: int) -> float | None:
        slot_index, entry_index = open_slots[a], open_entries[b]
        if not compatible(slot_index, entry_index):
            return None
        number = slots[slot_index][reference].number
        same = number is not None and number == entries[entry_index].number
        shared = votes.get((slot_index, entry_index), 0)
        # (where both link papers, of different kinds of id, the ids say nothing and one word
        # is too little; where one links none, the words are all there is)
        if shared < (MIN_SHARED_WORDS if slot_papers[slot_index] and papers[entry_index] else 1):
            shared = 0
        return NUMBER_SCORE * same + WORD_SCORE * shared if same or shared else None

    for a, b in in_order(len(open_slots), len(open_entries), score):
        pairs[open_slots[a]] = open_entries[b]
    return pairs


MAX_ALIGN_CELLS = 250_000
"""Entries left on each side, multiplied, above which they are paired by printed number alone
(an ordered alignment costs time in proportion to that product)."""
NUMBER_SCORE = 1.0
"""What a pair with the same printed number is worth."""
WORD_SCORE = 2.0
"""What each word the two entries alone share is worth (more than a number: a copy may number
its entries afresh after one it misses)."""
MIN_SHARED_WORDS = 2
"""Where both entries link a paper (of different kinds of id), fewer words than this, shared by
the two alone, tell nothing (two different papers on vision transformers may both be the only
ones to name ``ViT``); where one links none, one word will do (``Hoppity``)."""
STRONG_SHARED_WORDS = 3
"""Two entries that share this many words no other entry holds, and more than either shares with
any other entry, are one, wherever they stand (a copy that lists two papers the other way round)."""
_ENTRY_WORD = regex.compile(r"[\p{Latin}\d][\p{Latin}\d\-]{2,}")


def entry_words(doc: Document, entries: list[ExtractedEntry]) -> list[frozenset[str]]:
    """The Latin-script words (three characters or more, lowercased) of each entry's blocks: what
    a translation keeps (``ODENet``, ``AWD-LSTM``, ``2018``).

    >>> from digestparse.blocks import Block
    >>> doc = Document(path="a.md", text="", format="markdown", blocks=[
    ...     Block("heading", "1. 鲁棒性", (1, 1)), Block("paragraph", "研究 NeuralODE 的鲁棒性", (3, 3))])
    >>> entry = ExtractedEntry(path="a.md", lang="zh", ordinal=1, number=1, lines=(1, 3), title=None)
    >>> entry_words(doc, [entry])
    [frozenset({'neuralode'})]
    """
    blocks = doc.blocks
    starts = [block.lines[0] for block in blocks]
    result = []
    for entry in entries:
        first, last = entry.lines
        found: set[str] = set()
        for block in blocks[bisect_left(starts, first) : bisect_right(starts, last)]:
            found.update(word.lower() for word in _ENTRY_WORD.findall(block.text))
        result.append(frozenset(found))
    return result


def _words_of(variant: Variant) -> list[frozenset[str]]:
    words = variant.entry_words
    return words if len(words) == len(variant.entries) else [frozenset()] * len(variant.entries)


def shared_words(left: list[frozenset[str]], right: list[frozenset[str]]) -> dict[tuple[int, int], int]:
    """For each pair (index in ``left``, index in ``right``), how many words only those two hold:
    each word found in exactly one entry on each side.

    >>> shared_words([frozenset({"odenet", "the"}), frozenset({"the", "hoppity"})],
    ...              [frozenset({"the", "hoppity", "bugs"}), frozenset({"the"})])
    {(1, 0): 1}
    """
    def unique(sets: list[frozenset[str]]) -> dict[str, int]:
        where: dict[str, int] = {}
        seen_twice: set[str] = set()
        for index, words in enumerate(sets):
            for word in words:
                if word in where:
                    seen_twice.add(word)
                else:
                    where[word] = index
        return {word: index for word, index in where.items() if word not in seen_twice}

    theirs = unique(right)
    votes: dict[tuple[int, int], int] = {}
    for word, a in unique(left).items():
        b = theirs.get(word)
        if b is not None:
            votes[(a, b)] = votes.get((a, b), 0) + 1
    return dict(sorted(votes.items()))


def mutual_best(votes: dict[tuple[int, int], int], least: int) -> list[tuple[int, int]]:
    """The pairs of ``votes`` with at least ``least`` votes where each is the other's one best.

    >>> mutual_best({(0, 1): 5, (1, 0): 4, (1, 1): 4, (2, 2): 2}, 3)
    [(0, 1)]
    """
    def best_by(side: int) -> dict[int, tuple[int, int]]:
        best: dict[int, tuple[int, int]] = {}  # index -> (votes, the other index; -1 where tied)
        for pair, n in votes.items():
            key, other = pair[side], pair[1 - side]
            held = best.get(key)
            if held is None or n > held[0]:
                best[key] = (n, other)
            elif n == held[0]:
                best[key] = (n, -1)
        return best

    left, right = best_by(0), best_by(1)
    return [(a, b) for (a, b), n in sorted(votes.items())
            if n >= least and left[a] == (n, b) and right[b] == (n, a)]


def in_order(n: int, m: int, score: Callable[[int, int], float | None]) -> list[tuple[int, int]]:
    """The pairs (i, j), both ascending, of the highest total ``score(i, j)`` (None: never
    paired) over ``range(n)`` and ``range(m)``, as a diff lines up two files.

    >>> in_order(3, 2, lambda i, j: {(0, 0): 1.0, (2, 1): 1.0}.get((i, j), 0.1))
    [(0, 0), (2, 1)]
    """
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n):
        row, below = best[i], best[i + 1]
        for j in range(m):
            v = max(row[j + 1], below[j])
            s = score(i, j)
            if s is not None and row[j] + s > v:
                v = row[j] + s
            below[j + 1] = v
    pairs = []
    i, j = n, m
    while i and j:
        if best[i][j] == best[i - 1][j]:
            i -= 1
        elif best[i][j] == best[i][j - 1]:
            j -= 1
        else:
            pairs.append((i - 1, j - 1))
            i -= 1
            j -= 1
    return pairs[::-1]
