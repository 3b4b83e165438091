"""Chinese word model: choose recovered characters by the likeliest segmentation into words.

Characters that lost bytes mostly lose them to the same leftovers (``中`` and ``不`` both
become ``E4 B8``; ``重`` and ``量`` both ``E9 87``), and a character bigram model cannot tell
them apart reliably.  Words can: ``向量``, ``度量``, ``不需要``, ``顾名思义``.  This model is a
unigram model of words (the shipped table ``digestparse/data/zh_words.tsv.gz``, wordfreq's
Chinese list, built by :mod:`.build_table`); a stretch of Han characters, some of them slots
with several candidates, is decoded by the cheapest path through the lattice of all words
the candidates allow (as an input method does), and each slot's confidence comes from the
max-marginal costs of its options (forward-backward over the same lattice).

With a character model (``char_cost``) the costs of adjacent characters are added, across
word boundaries too, so the choice also sees the character statistics (and a batch's).

>>> wm = WordModel.default()
>>> seq = ["输", "入", 0, 1]
>>> opts = {0: [("向", 1.0), ("发", 1.0)], 1: [("量", 1.0), ("重", 1.0)]}
>>> picks, confs = wm.decode(seq, opts)
>>> picks
{0: 0, 1: 0}
"""

from __future__ import annotations

import math
import operator
import re
import threading
from typing import Callable, Sequence

from .chardata import data_table_lines

__all__ = ["ARCHIVE_TERMS", "GENERAL_WORDS", "WordModel", "count_han", "is_han", "table_word_costs"]

_LN10 = math.log(10.0)
# A prefix of a word that is not itself a word.
_PREFIX_ONLY = -1.0
# Added to the cost of every token of a segmentation (a listed word, an unknown Han
# character, a non-Han option): fewer, longer words are preferred a little more than word
# frequencies alone say ("不安全" over "中" + "安全").  Every token pays it, so it does
# not shift costs between Han and non-Han options (nor what pruning keeps).
# Chosen on another sample than the repair benchmark's (seed 11: lossy errors 808 -> 757
# with the bundled tables, 365 -> 358 with a batch model; on the benchmark's own sample
# 969 -> 945 and 435 -> 422).
TOKEN_PENALTY = 2.0
# Cost (nats) of a Han character the word list does not know as a word of its own.
OOV_HAN_COST = 17.0 + TOKEN_PENALTY
# Cost of a non-Han option when no ``token_cost`` is given.
DEFAULT_TOKEN_COST = 20.0
# Options costlier on their own than a slot's best by more than this (nats) are not tried.
PRUNE_MARGIN = 8.0
# Characters looked at on each side of the slots.
WINDOW = 4
# Slots at most this many positions apart share a window (are decided jointly).
JOINT_GAP = 2
# Context strings whose segmentation costs are remembered, at most (then forgotten at once;
# about 4 MB each for the two memos; 60 lossy files need 8,000).
_MEMO_SIZE = 20_000


def is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


_HAN_CHAR = re.compile("[\u3400-\u9fff\uf900-\ufaff]")  # the characters is_han accepts


def _remembered(memo: dict[str, list[float]], key: str, compute: Callable[[str], list[float]]) -> list[float]:
    """``compute(key)``, kept in ``memo`` (emptied when it holds :data:`_MEMO_SIZE`)."""
    value = memo.get(key)
    if value is None:
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        value = memo[key] = compute(key)
    return value


_by_cost = operator.itemgetter(0)  # (cost, state) pairs, cheapest first
_by_exit_cost = operator.itemgetter(1)  # (first character, cost) pairs


def count_han(text: str) -> int:
    """How many characters of ``text`` are Han in the sense of :func:`is_han`.

    >>> count_han("代码块 code，中文")
    5
    """
    return len(_HAN_CHAR.findall(text))


GENERAL_WORDS = "zh_words.tsv.gz"
"""wordfreq's Chinese list (:mod:`.build_table`)."""
ARCHIVE_TERMS = "zh_terms.tsv.gz"
"""The archive's words that list lacks or ranks lower (:mod:`.build_terms`)."""


def table_word_costs(*tables: str) -> dict[str, float]:
    """The words of bundled word tables (``centibels<TAB>words`` lines) with their costs in
    nats, the cheapest where several tables list a word.

    >>> costs = table_word_costs(GENERAL_WORDS)
    >>> round(costs["我们"], 2), "半监督" in costs, "半监督" in table_word_costs(GENERAL_WORDS, ARCHIVE_TERMS)
    (5.69, False, True)
    """
    costs: dict[str, float] = {}
    for table in tables:
        for line in data_table_lines(table):
            cb, _, words = line.partition("\t")
            cost = int(cb) / 100 * _LN10
            for w in words.split(" "):
                if w and cost < costs.get(w, math.inf):
                    costs[w] = cost
    return costs


class WordModel:
    """Word costs (nats, each plus :data:`TOKEN_PENALTY`) and every prefix of a word
    (marked :data:`_PREFIX_ONLY`)."""

    def __init__(self, costs: dict[str, float]) -> None:
        table: dict[str, float] = {}
        maxlen = 1
        for w, c in costs.items():
            table[w] = c + TOKEN_PENALTY
            if len(w) > maxlen:
                maxlen = len(w)
        for w in costs:
            for k in range(1, len(w)):
                table.setdefault(w[:k], _PREFIX_ONLY)
        self.table = table
        self.maxlen = maxlen
        # cost of a Han character standing alone as a word (OOV_HAN_COST if it is none)
        self._alone: dict[str, float] = {}
        # the best segmentation costs of the context strings beside a slot, which recur
        self._prefix_memo: dict[str, list[float]] = {}
        self._suffix_memo: dict[str, list[float]] = {}

    _default: "WordModel | None" = None
    _lock = threading.Lock()

    @classmethod
    def default(cls) -> "WordModel":
        if cls._default is None:
            with cls._lock:
                if cls._default is None:
                    cls._default = cls.load()
        return cls._default

    @classmethod
    def load(cls) -> "WordModel":
        """The bundled general word list, with the archive's terms where they are cheaper."""
        return cls(table_word_costs(GENERAL_WORDS, ARCHIVE_TERMS))

    def clear_caches(self) -> None:
        """Forget the costs worked out so far (a benchmark's runs each start without them)."""
        self._alone.clear()
        self._prefix_memo.clear()
        self._suffix_memo.clear()

    def word_cost(self, w: str) -> float | None:
        c = self.table.get(w)
        return None if c is None or c == _PREFIX_ONLY else c

    def decode(
        self,
        seq: Sequence[str | int],
        opts: dict[int, Sequence[tuple[str, float]]],
        token_cost: Callable[[str], float] | None = None,
        char_cost: Callable[[str, str], float] | None = None,
        char_weight: float = 1.0,
        char_cache: dict | None = None,
        margins: dict[int, dict[int, float]] | None = None,
    ) -> tuple[dict[int, int], dict[int, float]]:
        """Best option per slot, and its confidence (0..1).

        ``seq`` is a stretch of text, one item per position: a fixed character, or an int
        naming a slot whose options (text, extra cost) are ``opts[slot]``.  Fixed characters
        that are not Han cut the stretch into independent segments.  An option that is not a
        single Han character is a token of its own, costing ``token_cost(text)`` (default
        :data:`DEFAULT_TOKEN_COST`); every token also pays :data:`TOKEN_PENALTY`.
        With ``char_cost(a, b)`` (a character bigram cost; ``a`` is "" at the start) the
        cost of every adjacent pair, times ``char_weight``, is added to the word costs;
        ``char_cache`` may map ``a + b`` to known values of ``char_cost``.

        With a ``margins`` dict, each decided slot also gets how much costlier than its best
        option each option it weighed is (``{option index: nats}``, the best at 0): the
        best path's cost with that option forced, less the best path's.

        For speed, options far costlier than a slot's best one on their own (by
        :data:`PRUNE_MARGIN`) are not tried, nor, for a slot between two fixed characters,
        those far costlier with their pairs with them (:meth:`_with_neighbours`); a slot left
        with one option is decided at once, and only :data:`WINDOW` characters on each side of
        the slots are looked at.
        """
        picks: dict[int, int] = {}
        confs: dict[int, float] = {}
        table = self.table

        def cost_of_token(t: str) -> float:
            return (token_cost(t) if token_cost is not None else DEFAULT_TOKEN_COST) + TOKEN_PENALTY

        han_alone = self._alone
        alone_get = han_alone.get

        def alone_cost(t: str) -> float:
            """The cost of option text ``t`` as a token of its own (a Han character's is
            remembered in ``self._alone``)."""
            if not (len(t) == 1 and is_han(t)):
                return cost_of_token(t)
            c = table.get(t)
            c = han_alone[t] = OOV_HAN_COST if c is None or c == _PREFIX_ONLY else c
            return c

        seq = list(seq)
        cget = (char_cache if char_cache is not None else {}).get
        kept: dict[int, list[int]] = {}
        slot_pos: list[int] = []
        exp = math.exp
        # (the options that are no Han character, mostly the text kept as it is, recur
        # within a stretch: their costs are remembered for this call, not asked again)
        tokens: dict[str, float] = {}

        def unremembered(t: str) -> float:
            c = tokens.get(t)
            if c is None:
                c = alone_cost(t)
                if t not in han_alone:
                    tokens[t] = c
            return c

        for pos in [i for i, it in enumerate(seq) if not isinstance(it, str)]:
            item = seq[pos]
            options = opts[item]
            # (every such cost is above 0: each pays TOKEN_PENALTY)
            alone = [x + (alone_get(t) or unremembered(t)) for t, x in options]
            if char_cost is not None:
                before = seq[pos - 1] if pos else ""
                after = seq[pos + 1] if pos + 1 < len(seq) else None
                if isinstance(before, str) and isinstance(after, str):
                    alone = self._with_neighbours(options, alone, before, after, char_cost, char_weight, cget)
            best = min(alone)
            bound = best + PRUNE_MARGIN
            keep = [k for k, c in enumerate(alone) if c <= bound]
            if len(keep) == 1:
                k = keep[0]
                picks[item] = k
                z = sum([exp(best - c) for c in alone])
                confs[item] = 1.0 / z
                if margins is not None:
                    margins[item] = {j: c - best for j, c in enumerate(alone) if c < math.inf}
                seq[pos] = options[k][0] if len(options[k][0]) == 1 else "\ufffc"
                continue
            kept[item] = keep
            slot_pos.append(pos)
        if not slot_pos:
            return picks, confs
        n = len(seq)
        # windows: WINDOW characters around groups of slots, inside their run of Han
        # characters; slots more than JOINT_GAP apart are decided separately, and a window
        # reaches up to the next group's slots, not into them (a slot just outside is no
        # context character: the edge pair is not scored)
        groups: list[list[int]] = []
        for pos in slot_pos:
            if groups and pos - groups[-1][-1] <= JOINT_GAP:
                groups[-1].append(pos)
            else:
                groups.append([pos])
        windows: list[list[int]] = []
        for g, members in enumerate(groups):
            floor = groups[g - 1][-1] + 1 if g else 0
            ceil = groups[g + 1][0] if g + 1 < len(groups) else n
            lo = members[0]
            for _ in range(WINDOW):
                if lo <= floor:
                    break
                prev = seq[lo - 1]
                if isinstance(prev, str) and not is_han(prev):
                    break
                lo -= 1
            hi = members[-1] + 1
            for _ in range(WINDOW):
                if hi >= ceil:
                    break
                nxt = seq[hi]
                if isinstance(nxt, str) and not is_han(nxt):
                    break
                hi += 1
            windows.append([lo, hi])
        single, segment = self._single, self._segment
        for lo, hi in windows:
            seg = seq[lo:hi]
            left = seq[lo - 1] if lo > 0 else ""
            right = seq[hi] if hi < n else ""
            if not isinstance(left, str):
                left = ""
            if not isinstance(right, str):
                right = ""
            slots_here = [it for it in seg if not isinstance(it, str)]
            p_local: dict[int, int] = {}
            c_local: dict[int, float] = {}
            m_local: dict[int, dict[int, float]] | None = {} if margins is not None else None
            if len(slots_here) == 1:
                it = slots_here[0]
                options = opts[it]
                single(seg, it, [options[k] for k in kept[it]], cost_of_token, char_cost, char_weight, char_cache, p_local, c_local, left, right, m_local)
            else:
                local = {it: [opts[it][k] for k in kept[it]] for it in slots_here}
                segment(seg, local, cost_of_token, char_cost, char_weight, char_cache, p_local, c_local, left, right, m_local)  # type: ignore[arg-type]
            for it in slots_here:
                keep = kept[it]
                picks[it] = keep[p_local.get(it, len(keep) - 1)]
                confs[it] = c_local.get(it, 0.0)
                if m_local is not None:
                    margins[it] = {keep[j]: g for j, g in sorted(m_local.get(it, {}).items())}  # type: ignore[index]
        return picks, confs

    @staticmethod
    def _with_neighbours(options, alone, before, after, char_cost, char_weight, cget) -> list[float]:
        """``alone`` (the options' own costs) with each option's pair costs with the fixed
        characters ``before`` and ``after`` it added (and its own pairs, for a token of
        several characters), as the lattice adds them; ``inf`` for an option not weighed.

        Only options within :data:`PRUNE_MARGIN` of the cheapest alone are weighed (the others
        are pruned by :meth:`decode` anyway), cheapest alone first.  Pair costs are never
        negative, so once an option alone costs more than the best total so far plus the
        margin, neither it nor any after it can come within the margin of the best total:
        they are not weighed either.  (On 60 lossy benchmark files this decides two thirds of
        the slots the lattice used to weigh, and repair takes a fifth less time; 128 wrong
        characters, 129 before.)
        """
        order = sorted(range(len(alone)), key=alone.__getitem__)
        totals = [math.inf] * len(alone)
        bound = alone[order[0]] + PRUNE_MARGIN
        for k in order:
            c = alone[k]
            if c > bound:
                break
            t = options[k][0]
            v = cget(before + t[0])
            c += char_weight * (char_cost(before, t[0]) if v is None else v)
            v = cget(t[-1] + after)
            c += char_weight * (char_cost(t[-1], after) if v is None else v)
            if len(t) > 1:  # (a token of several characters: its own pairs, as the lattice adds them)
                c += char_weight * sum(char_cost(a, b) for a, b in zip(t, t[1:]))
            totals[k] = c
            if c + PRUNE_MARGIN < bound:
                bound = c + PRUNE_MARGIN
        return totals

    def _prefix_costs(self, s: str) -> list[float]:
        """best[i]: cost of the cheapest segmentation of ``s[:i]`` (remembered: do not
        change the list)."""
        return _remembered(self._prefix_memo, s, self._prefix_costs_of)

    def _suffix_costs(self, s: str) -> list[float]:
        """best[j]: cost of the cheapest segmentation of ``s[j:]`` (remembered: do not
        change the list)."""
        return _remembered(self._suffix_memo, s, self._suffix_costs_of)

    def _prefix_costs_of(self, s: str) -> list[float]:
        table = self.table
        maxlen = self.maxlen
        n = len(s)
        best = [0.0] + [math.inf] * n
        for i in range(n):
            b = best[i]
            c = table.get(s[i])
            v = b + (OOV_HAN_COST if c is None or c == _PREFIX_ONLY else c)
            if v < best[i + 1]:
                best[i + 1] = v
            if c is None:
                continue
            for j in range(i + 2, min(n, i + maxlen) + 1):
                c = table.get(s[i:j])
                if c is None:
                    break
                if c != _PREFIX_ONLY and b + c < best[j]:
                    best[j] = b + c
        return best

    def _suffix_costs_of(self, s: str) -> list[float]:
        table = self.table
        maxlen = self.maxlen
        n = len(s)
        best = [math.inf] * n + [0.0]
        for i in range(n - 1, -1, -1):
            c = table.get(s[i])
            b = (OOV_HAN_COST if c is None or c == _PREFIX_ONLY else c) + best[i + 1]
            if c is not None:
                for j in range(i + 2, min(n, i + maxlen) + 1):
                    c = table.get(s[i:j])
                    if c is None:
                        break
                    if c != _PREFIX_ONLY and c + best[j] < b:
                        b = c + best[j]
            best[i] = b
        return best

    def _single(self, seg, slot, options, token_cost, char_cost, char_weight, char_cache, picks, confs, left, right, gaps) -> None:
        """One slot in the window: each option's best path is the best segmentation of its
        text (the same model as :meth:`_segment`, without the lattice): the best split of
        the text before and after the slot, joined by the cheapest word covering the slot."""
        pos = seg.index(slot)
        lo = "".join(seg[:pos])
        hi = "".join(seg[pos + 1 :])
        prev = seg[pos - 1] if pos else left
        nxt = seg[pos + 1] if pos + 1 < len(seg) else right
        cget = (char_cache if char_cache is not None else {}).get
        table = self.table
        tget = table.get
        maxlen = self.maxlen
        # (the memos read in place: two calls fewer each)
        fwd = self._prefix_memo.get(lo)  # fwd[i]: best segmentation of lo[:i]
        if fwd is None:
            fwd = self._prefix_costs(lo)
        bwd = self._suffix_memo.get(hi)  # bwd[j]: best segmentation of hi[j:]
        if bwd is None:
            bwd = self._suffix_costs(hi)
        nl, nh = len(lo), len(hi)
        around = fwd[nl]
        after = bwd[0]
        # the non-empty ends of ``lo`` a word covering the slot may start with, and the best
        # segmentation before each (only those that start some word: the table holds every
        # prefix of its words); the empty one is the option's own lookup below.  (Per option
        # one table lookup fewer, and no is_han call.)
        heads = []
        for i in range(max(0, nl - maxlen + 1), nl):
            head = lo[i:]
            if head in table:
                heads.append((fwd[i], head))
        costed = char_cost is not None
        totals = []
        for t, x in options:
            if len(t) == 1 and ("\u3400" <= t <= "\u9fff" or "\uf900" <= t <= "\ufaff"):
                # the best segmentation of lo + t + hi: over the words that cover t
                v = tget(t)
                best = around + (OOV_HAN_COST if v is None or v == _PREFIX_ONLY else v) + after
                if v is not None:
                    # words starting with t
                    w = t
                    j = 0
                    while j < nh and maxlen > j + 1:
                        w += hi[j]
                        j += 1
                        v = tget(w)
                        if v is None:
                            break
                        if v != _PREFIX_ONLY:
                            c = around + v + bwd[j]
                            if c < best:
                                best = c
                for fi, head in heads:
                    w = head + t
                    v = tget(w)
                    j = 0
                    while v is not None:
                        if v != _PREFIX_ONLY:
                            c = fi + v + bwd[j]
                            if c < best:
                                best = c
                        if j >= nh or len(w) >= maxlen:
                            break
                        w += hi[j]
                        j += 1
                        v = tget(w)
                c = x + best
                if costed:
                    v = cget(prev + t)
                    c += char_weight * (char_cost(prev, t) if v is None else v)
                    if nxt:
                        v = cget(t + nxt)
                        c += char_weight * (char_cost(t, nxt) if v is None else v)
            else:
                c = x + token_cost(t) + around + after
                if costed:
                    if len(t) > 1:
                        c += char_weight * sum(char_cost(a, b) for a, b in zip(t, t[1:]))
                    v = cget(prev + t[0])
                    c += char_weight * (char_cost(prev, t[0]) if v is None else v)
                    if nxt:
                        v = cget(t[-1] + nxt)
                        c += char_weight * (char_cost(t[-1], nxt) if v is None else v)
            totals.append(c)
        best = min(totals)
        k = totals.index(best)
        picks[slot] = k
        confs[slot] = 1.0 / sum([math.exp(best - c) for c in totals])
        if gaps is not None:
            gaps[slot] = {j: c - best for j, c in enumerate(totals)}

    def _edges(self, seg, opts, token_cost, char_cost, char_weight, cget=None):
        """Per start position, the words (and non-Han tokens) that may start there, grouped
        by their first character: ``{first: [(end, cost, assignments ((slot, option), ...),
        last), ...]}``.

        Character costs are counted only for pairs that touch a slot: the others are the
        same on every path.  ``cget``: where known pair costs are looked up first (keyed by
        the two characters), ``char_cost`` asked only for the others.
        """
        n = len(seg)
        tget = self.table.get
        maxlen = self.maxlen
        if cget is None:
            cget = {}.get
        by_first: list[dict[str, list[tuple[int, float, tuple, str]]]] = [{} for _ in range(n)]
        # per position, the Han characters it may hold: (char, extra, assignment, fixed)
        han_at: list[list[tuple[str, float, tuple, bool]]] = []
        for i, item in enumerate(seg):
            if isinstance(item, str):
                han_at.append([(item, 0.0, (), True)])
                continue
            here = []
            groups = by_first[i]
            for k, (t, x) in enumerate(opts[item]):
                if len(t) == 1 and ("\u3400" <= t <= "\u9fff" or "\uf900" <= t <= "\ufaff"):
                    here.append((t, x, ((item, k),), False))
                else:
                    c = x + token_cost(t)
                    if char_cost is not None and len(t) > 1:
                        c += char_weight * sum(char_cost(a, b) for a, b in zip(t, t[1:]))
                    edge = (i + 1, c, ((item, k),), t[-1])
                    group = groups.get(t[0])
                    if group is None:
                        groups[t[0]] = [edge]
                    else:
                        group.append(edge)
            han_at.append(here)
        costed = char_cost is not None
        deep = maxlen >= 2
        for i in range(n):
            groups = by_first[i]
            # words starting at i (depth-first through the prefixes)
            for ch, x, a, fx in han_at[i]:
                v = tget(ch)
                out = groups.get(ch)
                if out is None:
                    out = groups[ch] = []
                out.append((i + 1, (OOV_HAN_COST if v is None or v == _PREFIX_ONLY else v) + x, a, ch))
                if v is None or not deep or i + 1 >= n:
                    continue
                # (each entry also carries its last character, and the pair cost is looked
                # up inline rather than through a wrapper)
                stack = [(i + 1, ch, x, a, fx, ch)]
                while stack:
                    j, p, extra, asg, fixed, last = stack.pop()
                    for ch2, x2, a2, fx2 in han_at[j]:
                        q = p + ch2
                        v = tget(q)
                        if v is None:
                            continue
                        e = extra + x2
                        if costed and not (fixed and fx2):
                            lv = cget(last + ch2)
                            e += char_weight * (char_cost(last, ch2) if lv is None else lv)
                        a3 = asg + a2 if a2 else asg
                        if v != _PREFIX_ONLY:
                            out.append((j + 1, v + e, a3, ch2))
                        if len(q) < maxlen and j + 1 < n:
                            stack.append((j + 1, q, e, a3, fx2, ch2))
        return by_first

    def _segment(self, seg, opts, token_cost, char_cost, char_weight, char_cache, picks, confs, left, right, gaps) -> None:
        n = len(seg)
        raw_cost = char_cost
        cget = (char_cache if char_cache is not None else {}).get if char_cost is not None else None
        if char_cost is not None:

            def char_cost(a: str, b: str) -> float:
                v = cget(a + b)
                return raw_cost(a, b) if v is None else v

        # edges grouped by their first character: the character cost of entering an edge
        # depends only on the previous state and that character
        by_first = self._edges(seg, opts, token_cost, raw_cost, char_weight, cget)
        inf = math.inf
        is_slot = [not isinstance(it, str) for it in seg]
        # does the pair ending at position i (characters i-1, i) touch a slot?
        linked = [char_cost is not None and (is_slot[i] or (i > 0 and is_slot[i - 1])) for i in range(n)] + [
            char_cost is not None and n > 0 and is_slot[n - 1] and bool(right)
        ]
        w = char_weight
        links: dict[str, float] = {}  # keyed by the two characters, as char_cache

        def link(prev: str, first: str) -> float:
            v = links.get(prev + first)
            if v is None:
                v = links[prev + first] = w * char_cost(prev, first)
            return v

        # (with the character costs unweighted, the known ones are read where they are kept:
        # one lookup in place of three calls, and one not known yet is asked of the caller's
        # char_cost at once)
        if char_cost is not None and char_cache is not None and w == 1.0:
            lget, unknown = char_cache.get, raw_cost
        else:
            lget, unknown = links.get, link

        # (pair costs are never negative, so a pair weighed in can only add: see below)
        bounded = w >= 0.0
        # states per boundary position: last character -> (cost, start of the last edge,
        # state there, its assignments) (one tuple per state, not a pair and a back-pointer tuple)
        alpha: list[dict[str, tuple]] = [{} for _ in range(n + 1)]
        alpha[0][left] = (0.0, 0, None, None)
        # entry[i][first] = cheapest cost of arriving at i and entering ``first``
        entry: list[dict[str, float]] = [{} for _ in range(n)]
        for i in range(n):
            states = alpha[i]
            if not states:
                continue
            ent = entry[i]
            lk = linked[i]
            if not lk:
                # (the cheapest state is the same for every first character: found once)
                cheapest = min(states, key=lambda p: states[p][0])
                cheapest = (states[cheapest][0], cheapest)
            else:
                # (the states cheapest first: once a state costs as much as the best entry found,
                # no later one can beat it, as no pair cost is negative; so pairs no cheapest
                # path can hold are neither weighed nor worked out: on 60 lossy benchmark files
                # 42% fewer pairs weighed here and below, 23% fewer worked out, the same choices
                # and confidences)
                ranked = [(a[0], prev) for prev, a in states.items()]
                if len(ranked) > 1:
                    ranked.sort(key=_by_cost)
            for first, group in by_first[i].items():
                if lk:
                    bv, bp = inf, ""
                    for a, prev in ranked:
                        if a >= bv and bounded:
                            break
                        lv = lget(prev + first)
                        v = a + (unknown(prev, first) if lv is None else lv)
                        if v < bv:
                            bv, bp = v, prev
                else:
                    bv, bp = cheapest
                ent[first] = bv
                for j, c, asg, last in group:
                    v = bv + c
                    nxt = alpha[j]
                    old = nxt.get(last)
                    if old is None or v < old[0]:
                        nxt[last] = (v, i, bp, asg)
        tail = {last: (link(last, right) if linked[n] else 0.0) for last in alpha[n]}
        beta: list[dict[str, float]] = [{} for _ in range(n + 1)]
        beta[n] = tail
        for i in range(n - 1, -1, -1):
            # ex[first]: cheapest cost from entering ``first`` at i to the end
            ex = {}
            for first, group in by_first[i].items():
                b = inf
                for j, c, _, last in group:
                    bj = beta[j].get(last)
                    if bj is not None and c + bj < b:
                        b = c + bj
                ex[first] = b
            states = alpha[i]
            if not states:
                continue
            bi = beta[i]
            if linked[i]:
                ranked_ex = sorted(ex.items(), key=_by_exit_cost) if len(ex) > 1 else list(ex.items())  # (as above)
                for prev in states:
                    bb = inf
                    for f, b in ranked_ex:
                        if b >= bb and bounded:
                            break
                        lv = lget(prev + f)
                        v = (unknown(prev, f) if lv is None else lv) + b
                        if v < bb:
                            bb = v
                    bi[prev] = bb
            else:
                bb = min(ex.values())
                for prev in states:
                    bi[prev] = bb
        # best path
        end = min(alpha[n], key=lambda last: (alpha[n][last][0] + tail[last], last))
        j, last = n, end
        while j > 0:
            _, i, prev, asg = alpha[j][last]
            for slot, k in asg:
                picks[slot] = k
            j, last = i, prev
        # max-marginals per slot option
        marg: dict[int, dict[int, float]] = {it: {} for it in seg if not isinstance(it, str)}
        for i in range(n):
            ent = entry[i]
            for first, group in by_first[i].items():
                e = ent.get(first)
                if e is None:
                    continue
                for j, c, asg, last in group:
                    if not asg:
                        continue
                    bj = beta[j].get(last)
                    if bj is None:
                        continue
                    v = e + c + bj
                    for slot, k in asg:
                        m = marg[slot]
                        if v < m.get(k, inf):
                            m[k] = v
        for slot, m in marg.items():
            if not m:
                continue
            best = min(m.values())
            z = sum(math.exp(best - v) for v in m.values())
            k = picks.get(slot)
            confs[slot] = math.exp(best - m[k]) / z if k in m else 0.0
            if gaps is not None:
                gaps[slot] = {j: v - best for j, v in m.items()}
