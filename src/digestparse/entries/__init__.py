"""Extract stage, part 1: find where the paper entries of an article are.

Every rule in ``entries.rules`` proposes blocks that may start an entry.
``find_entries`` then keeps the proposals that form the most consistent run
(same rule, same heading level, numbers counting up, restarting only after a
section heading), drops anything inside a part of the article that holds no
entries (Summary, Read next, References ...), and requires that most entries
show evidence of being a paper (a paper link, a "Paper" label, a TL;DR note),
so numbered tutorial steps are not mistaken for papers.
"""

from __future__ import annotations

from itertools import groupby

from ..blocks import LABELLED_LINE, Block, author_label_alone
from ..blocks.plaintext import names_paper
from ..fields.authors import is_name
from ..fields.links import role_of, same_paper_key
from .model import Candidate, Entry
from .patterns import AUTHOR_YEAR_CITATION, PAPER_LABEL, RELATED_LABEL, STOP_SECTION, TLDR_MARKER, TOPIC_HEADING
from .rules import RULES
from .rules.cited_paper_heading import LATIN_NAME
from .rules.review_intro import review_intro
from .rules.walkthrough_paper import walkthrough_paper
from .title import heading_title

__all__ = ["SINGLE_PAPER_RULES", "Candidate", "Entry", "find_entries", "stop_zone"]

SINGLE_PAPER_RULES = ("review_intro", "walkthrough_paper")
"""Rules that make the whole article one entry, a review of one paper."""

MIN_RUN = 2
"""A list has at least two entries; one paper is a review, and only ``SINGLE_PAPER_RULES`` say so."""
MAX_REPEATED_SHARE = 0.34
"""A list of papers names different papers: when more than this share of its entries lead with a
paper an earlier entry already led with, the headings are parts of one story ("What is a
Transformer?", "Self-attention") citing the same source."""
MAX_TOPIC_SHARE = 0.34
"""Share of a run's titles that may read as parts of an explanation (``TOPIC_HEADING``) or repeat."""
MIN_PAPER_SHARE = 0.5
"""Share of a run's entries that must show paper evidence for the run to count as a digest."""
EVIDENCE_BLOCKS = 4
"""Evidence must sit in an entry's head: its title block and the few blocks after it
(a paper cited deep inside a tutorial section does not make the section a paper entry)."""


def _is_stop_marker(block: Block) -> bool:
    if block.kind == "heading":
        return bool(STOP_SECTION.match(block.text))
    return (
        block.kind == "paragraph"
        and (block.strong or block.emphasis)
        and len(block.text) <= 40
        and bool(STOP_SECTION.match(block.text))
        # (a bold "Related papers:" inside an entry announces the entry's own related list)
        and not RELATED_LABEL.match(block.text)
    )


def stop_zone(blocks: list[Block]) -> list[bool]:
    """For each block: is it inside a part of the article that holds no entries?"""
    inside: list[bool] = []
    stop_level: int | None = None
    for block in blocks:
        if block.kind == "heading" and stop_level is not None and block.level <= stop_level:
            stop_level = None
        if _is_stop_marker(block):
            # a heading closes its own part; a bold "**References:**" line inside a section
            # closes only the rest of that section (up to the next heading of any level)
            stop_level = block.level if block.kind == "heading" else 6
        inside.append(stop_level is not None)
    return inside


SURVEY_CITATIONS = 2
"""A section whose head cites this many different papers by author and year ("Zoph 等人(2016) ...
Pham 等人(2018)") surveys a topic; an entry about one paper cites that paper."""


MAX_AUTHOR_NAMES = 12
"""How many names under an author label (one a paragraph) the head reaches past."""


def _names_under_label(blocks: list[Block], index: int, end: int) -> int:
    """How many blocks after ``blocks[index]`` are names under it, where it is an author label
    alone ("主要作者:" over "**Jason Wei**" and "Xuezhi Wang"); else 0."""
    if not author_label_alone(blocks[index].text):
        return 0
    names = 0
    while (index + 1 + names < end and names < MAX_AUTHOR_NAMES and blocks[index + 1 + names].kind == "paragraph"
           and not blocks[index + 1 + names].links and is_name(blocks[index + 1 + names].text.strip(" *_"))):
        names += 1
    return names


def _head_end(blocks: list[Block], start: int, end: int) -> int:
    """Where an entry's head ends: :data:`EVIDENCE_BLOCKS` blocks from its title, or further
    while its labelled lines go on ("论文标题：…", "作者：…", "机构：…", "论文链接：…" are one
    block of its parts, broken apart), and past the names under an author label, which are
    one part of it too ("主要作者:" / "**Jason Wei**" / "Xuezhi Wang" before "[论文](…)")."""
    stop = min(end, start + EVIDENCE_BLOCKS)
    index = start + 1
    while index < stop:
        names = _names_under_label(blocks, index, end)
        stop = min(end, stop + names)
        index += 1 + names
    while stop < end and LABELLED_LINE.match(blocks[stop - 1].text) and LABELLED_LINE.match(blocks[stop].text):
        stop += 1
    return stop


def _cites_many(blocks: list[Block]) -> bool:
    cited = {
        link.url
        for block in blocks
        for link in block.links
        if link.label and AUTHOR_YEAR_CITATION.search(link.label) and role_of(link.url, link.label) == "paper"
    }
    return len(cited) >= SURVEY_CITATIONS


def _paper_evidence(blocks: list[Block]) -> bool:
    if _cites_many(blocks):
        return False
    for block in blocks:
        if block.kind == "paragraph" and RELATED_LABEL.match(block.text):
            continue
        if TLDR_MARKER.match(block.text):
            return True
        if any(role_of(link.url, link.label) == "paper" for link in block.links):
            return True
        if block.kind == "paragraph" and names_paper(block.text):
            return True  # a scrape keeps the labels of a link row without its URLs: "Paper | Code"
    return False


def _lead_paper(head: list[Block]) -> str | None:
    for block in head:
        for link in block.links:
            if role_of(link.url, link.label) == "paper":
                return same_paper_key(link.url)
    return None


def _same_paper_again(heads: list[list[Block]]) -> bool:
    leads = [lead for lead in map(_lead_paper, heads) if lead]
    repeated = len(leads) - len(set(leads))
    return repeated > MAX_REPEATED_SHARE * len(heads)


def _topic_headings(run: list[Candidate]) -> bool:
    """Do the titles read like the parts of one explanation rather than papers?"""
    titles = [cand.title for cand in run]
    topical = sum(bool(TOPIC_HEADING.search(title)) for title in titles) + len(titles) - len(set(titles))
    return topical > MAX_TOPIC_SHARE * len(titles)


def _section_between(blocks: list[Block], first: int, last: int, level: int) -> bool:
    return any(b.kind == "heading" and b.level < level for b in blocks[first + 1 : last])


class _Numbering:
    """The printed numbers of a run so far, and which numbers may come next: one up; one down in a
    countdown ("10." ... "1."); one past a gap, where no gap is open (a copy that misses entry 5,
    or swaps 2 and 3: "1. 3. 2. 4."); or the open gap.

    >>> numbering = _Numbering(1)
    >>> [numbering.add(k) or k for k in (3, 2, 4) if numbering.takes(k)]
    [3, 2, 4]
    >>> [k for k in (3, 5, 6, 8) if numbering.takes(k)]  # after 4: 5, or 6 past a gap; not 3 again, nor 8
    [5, 6]
    >>> countdown = _Numbering(10)
    >>> [countdown.add(k) or k for k in (9, 8, 7) if countdown.takes(k)], countdown.takes(8)
    ([9, 8, 7], False)
    """

    def __init__(self, number: int) -> None:
        self.first = self.last = self.top = number
        self.gap: int | None = None  # a number skipped and not yet seen
        self.down = False

    def takes(self, number: int) -> bool:
        if self.down or (self.last == self.first and self.gap is None and number == self.last - 1):
            return number == self.last - 1
        return number == self.top + 1 or number == self.gap or (number == self.top + 2 and self.gap is None)

    def add(self, number: int) -> None:
        if number == self.last - 1 and self.last == self.top and self.gap is None:
            self.down = True
        elif number == self.gap:
            self.gap = None
        elif number == self.top + 2:
            self.gap = self.top + 1
        self.last = number
        self.top = max(self.top, number)


def _runs(blocks: list[Block], group: list[Candidate]) -> list[list[Candidate]]:
    """Split a rule's proposals into runs whose numbers count up or down (:class:`_Numbering`),
    restarting only after a section."""
    runs: list[list[Candidate]] = []
    numbering: _Numbering | None = None
    for cand in group:
        if runs:
            prev = runs[-1][-1]
            if cand.number is None or prev.number is None:
                if (cand.number is None) == (prev.number is None):
                    runs[-1].append(cand)
                    continue
            elif numbering is not None and numbering.takes(cand.number):
                numbering.add(cand.number)
                runs[-1].append(cand)
                continue
            elif cand.number == 1 and _section_between(blocks, prev.block, cand.block, cand.level):
                runs[-1].append(cand)
                numbering = _Numbering(1)
                continue
        runs.append([cand])
        numbering = _Numbering(cand.number) if cand.number is not None else None
    return runs


def _end_of(blocks: list[Block], start: int, level: int, limit: int, stops: list[bool]) -> int:
    for index in range(start + 1, limit):
        block = blocks[index]
        if stops[index] or (block.kind == "heading" and block.level < level):
            return index
    return limit


SECTION_RULES = ("cited_paper_heading",)
"""Rules whose entry is one section of a walk-through, which ends at the next heading of its own
level, entry or not, unless that section is still about the entry's model: its heading names the
model (``## ResNet 架构`` after ``## ResNet (2015)``) or it leads with the model's paper (``##
多尺度特征图`` citing SSD after ``## SSD``).  ``# 改进的注意力跨度`` after ``# 自适应计算时间（ACT）``
is a topic of its own, and its figures and links are not ACT's.  (A digest's entry may hold
headings of its own level, ``### 第一作者:…`` under ``### 2。Title``, so other rules' entries run on.)"""


def _section_end(blocks: list[Block], cand: Candidate, end: int) -> int:
    """Where a walk-through section ends: at the first heading of its level, before ``end``,
    that starts a section about something else than the entry's model."""
    names = [name.casefold() for name in LATIN_NAME.findall(cand.title)]
    paper = _lead_paper(blocks[cand.block : _head_end(blocks, cand.block, end)])
    for index in range(cand.block + 1, end):
        block = blocks[index]
        if block.kind != "heading" or block.level != cand.level:
            continue
        if any(name in block.text.casefold() for name in names):
            continue
        if paper is None or _lead_paper(blocks[index : _head_end(blocks, index, end)]) != paper:
            return index
    return end


class _Sections:
    """The nearest heading above a block with a level below a given one (the document's first
    block, its title, is no section), for blocks asked about in document order: one pass over
    the blocks in all (asking each time from the block back was quadratic in a table digest of
    thousands of rows)."""

    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = blocks
        self.read = 1  # blocks[1:read] have been read
        self.latest: dict[int, int] = {}  # heading level -> index of the latest such heading

    def of(self, start: int, level: int) -> tuple[str | None, int | None]:
        if start < self.read:  # (asked out of order: read again from the start)
            self.read, self.latest = 1, {}
        for index in range(self.read, start):
            block = self.blocks[index]
            if block.kind == "heading":
                self.latest[block.level] = index
        self.read = max(self.read, start)
        found = max((index for lvl, index in self.latest.items() if lvl < level), default=None)
        if found is None:
            return None, None
        return self.blocks[found].text.replace("**", "").strip() or None, found


_OWNS = {rule.__name__: rule.owns for rule in RULES if hasattr(rule, "owns")}
"""Rules whose entry is its own block and a few after it (a list item and its nested items),
with where such an entry ends; the others run to the next entry or a higher heading."""


def _entries_from(blocks: list[Block], chosen: list[Candidate], stops: list[bool]) -> list[Entry]:
    entries = []
    sections = _Sections(blocks)
    for ordinal, cand in enumerate(chosen, 1):
        limit = chosen[ordinal].block if ordinal < len(chosen) else len(blocks)
        level = cand.level or 7
        if cand.rule in _OWNS:
            end = _OWNS[cand.rule](blocks, cand.block, limit)
        else:
            end = _end_of(blocks, cand.block, level, limit, stops) if cand.level else limit
            if cand.rule in SECTION_RULES and cand.level:
                end = _section_end(blocks, cand, end)
        section, section_block = sections.of(cand.block, level) if cand.level else (None, None)
        entries.append(Entry(ordinal, cand.number, cand.title, cand.rule, cand.block, end, section, section_block))
    return entries


def _parent(blocks: list[Block], index: int) -> int:
    level = blocks[index].level
    return next((i for i in range(index - 1, -1, -1) if blocks[i].kind == "heading" and blocks[i].level < level), -1)


def _section_papers(blocks: list[Block], index: int, *, labelled: bool = False) -> set[str]:
    """Papers linked in the section of heading ``index`` (only those linked as "Paper" when ``labelled``)."""
    level = blocks[index].level
    papers = set()
    for block in (blocks[i] for i in range(index + 1, len(blocks))):  # (no copy of the rest)
        if block.kind == "heading" and block.level <= level:
            break
        for link in block.links:
            if role_of(link.url, link.label) == "paper" and (not labelled or PAPER_LABEL.match(link.label or "")):
                papers.add(same_paper_key(link.url))
    return papers


def _with_labelled_siblings(blocks: list[Block], run: list[Candidate], stops: list[bool]) -> list[Candidate]:
    """Add to a run of unnumbered heading entries the sibling sections that link one paper of their
    own, under a "Paper" label (``Source: [Paper](...)``, ``[链接到原始研究论文](...)``).

    A sibling whose paper is already an entry's (a "ResNet architecture" part after "ResNet") is a
    part of that entry, not one more.
    """
    if not run or run[0].number is not None or run[0].level in (0, 7):
        return run
    level, rule = run[0].level, run[0].rule
    members = {cand.block for cand in run}
    parents = {_parent(blocks, cand.block) for cand in run}
    claimed = set().union(*(_section_papers(blocks, cand.block) for cand in run))
    added = []
    for index, block in enumerate(blocks):
        if (block.kind != "heading" or block.level != level or index in members or stops[index]
                or _parent(blocks, index) not in parents):
            continue
        own = _section_papers(blocks, index, labelled=True) - claimed
        number, title = heading_title(block)
        # one new paper: a section showing figures from several papers is not an entry
        if len(own) == 1 and title and number is None:
            added.append(Candidate(index, rule, None, title, level))
            claimed |= own
    return sorted(run + added, key=lambda cand: cand.block)


def _other_runs(blocks: list[Block], best: list[Candidate], valid: list[tuple[float, list[Candidate]]],
                stops: list[bool]) -> list[Candidate]:
    """The proposals of the runs beside the best one that the same rule makes at the same level,
    each in a part of the article none of the runs taken so far reaches into (a numbered list of
    "Top papers", then "Honourable mentions" in bullets; an awesome list's sections), best first."""
    if not best:
        return []
    taken: list[tuple[int, int]] = []  # the block ranges the runs taken cover

    def span(run: list[Candidate]) -> tuple[int, int]:
        # (from its first entry's start to its last entry's: that entry's end is the next
        # run's start, where another run follows)
        return run[0].block, run[-1].block + 1

    taken.append(span(best))
    others: list[Candidate] = []
    for _, run in sorted(valid, key=lambda sr: (-sr[0], sr[1][0].block)):
        if run is best or run[0].rule != best[0].rule or run[0].level != best[0].level:
            continue
        start, end = span(run)
        if all(end <= first or start >= last for first, last in taken):
            taken.append((start, end))
            others.extend(run)
    return others


WALKTHROUGH_RULES = ("cited_paper_heading",)
"""Rules whose runs walk through models one heading each, among headings of the explanation."""


def _models_only(blocks: list[Block], run: list[Candidate], stops: list[bool]) -> list[Candidate]:
    """A walk-through's run without the headings of its explanation that cite a paper too: a
    question or a lead-in (``Seq2Seq 模型有什么问题？``: a run may hold a third of them), and a
    section that leads with the paper of a section before it, a part of the same story (``YOLO
    建筑``, "YOLO architecture", after ``什么是 YOLO？``, read ``YOLO``; ``双向 LSTM``, DrQA's reader,
    after ``经典 IR``, DrQA's retriever); their text goes to the entry before them.  Fewer sections
    than the rule's run left are a survey's topics (``llw_13``, ``llw_17``), no list."""
    if not run or run[0].rule not in WALKTHROUGH_RULES:
        return run
    trial = _entries_from(blocks, run, stops)
    leads = [_lead_paper(blocks[e.start : _head_end(blocks, e.start, e.end)]) for e in trial]
    kept: list[Candidate] = []
    kept_leads: list[str | None] = []
    for cand, lead in zip(run, leads):
        if TOPIC_HEADING.search(cand.title):
            continue
        if lead is not None and lead in kept_leads:
            continue
        kept.append(cand)
        kept_leads.append(lead)
    # (what is left must still be a run: two model sections among topics are a survey's)
    rule = next(rule for rule in RULES if rule.__name__ == run[0].rule)
    return kept if len(kept) >= getattr(rule, "min_run", MIN_RUN) else []


def find_entries(blocks: list[Block]) -> list[Entry]:
    stops = stop_zone(blocks)
    proposals: dict[int, Candidate] = {}
    for rule in RULES:
        for cand in rule(blocks):
            if cand.block > 0 and not stops[cand.block]:
                proposals.setdefault(cand.block, cand)
    priority = {rule.__name__: rank for rank, rule in enumerate(RULES)}
    ordered = sorted(proposals.values(), key=lambda c: (priority[c.rule], c.level, c.block))
    best: list[Candidate] = []
    best_score = 0.0
    valid: list[tuple[float, list[Candidate]]] = []  # every run that passes, with its score
    for (rank, _), group in groupby(ordered, key=lambda c: (priority[c.rule], c.level)):
        group = list(group)
        min_run = getattr(RULES[rank], "min_run", MIN_RUN)
        accept_run = getattr(RULES[rank], "accept_run", None)
        for run in _runs(blocks, group):
            if len(run) < min_run or (accept_run and not accept_run(run)):
                continue
            trial = _entries_from(blocks, run, stops)
            heads = [blocks[e.start : _head_end(blocks, e.start, e.end)] for e in trial]
            # (a rule whose proposals hold their paper where the head does not says so itself)
            evidence = len(trial) if getattr(RULES[rank], "self_evident", False) else sum(map(_paper_evidence, heads))
            if evidence < MIN_PAPER_SHARE * len(trial) or _same_paper_again(heads) or _topic_headings(run):
                continue
            # printed numbers are strong evidence of a list: a numbered run wins a tie
            score = len(run) + evidence / (len(run) + 1) + (0.5 if run[0].number is not None else 0.0)
            valid.append((score, run))
            if score > best_score:
                best, best_score = run, score
    best = (_with_labelled_siblings(blocks, _models_only(blocks, best, stops), stops)
            + _other_runs(blocks, best, valid, stops))
    best.sort(key=lambda cand: cand.block)
    review = [c for c in review_intro(blocks) if not stops[c.block]] or (
        [c for c in walkthrough_paper(blocks) if not stops[c.block]] if not best else [])
    if best and (len(best) > 1 or not review):
        return _entries_from(blocks, best, stops)
    if review:
        cand = review[0]
        end = next((i for i in range(cand.block, len(blocks)) if stops[i]), len(blocks))
        return [Entry(1, None, cand.title, cand.rule, cand.block, end)]
    return []
