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

import gzip
import math
import threading
from importlib import resources
from typing import Callable, Sequence

__all__ = ["WordModel", "is_han"]

_LN10 = math.log(10.0)
# A prefix of a word that is not itself a word.
_PREFIX_ONLY = -1.0
# Cost (nats) of a Han character the word list does not know as a word of its own.
OOV_HAN_COST = 17.0


def is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


class WordModel:
    """Word costs (nats) plus every prefix of a word (marked :data:`_PREFIX_ONLY`)."""

    def __init__(self, costs: dict[str, float]) -> None:
        table: dict[str, float] = {}
        maxlen = 1
        for w, c in costs.items():
            table[w] = c
            if len(w) > maxlen:
                maxlen = len(w)
        for w in costs:
            for k in range(1, len(w)):
                table.setdefault(w[:k], _PREFIX_ONLY)
        self.table = table
        self.maxlen = maxlen

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
        costs: dict[str, float] = {}
        ref = resources.files("digestparse").joinpath("data/zh_words.tsv.gz")
        with ref.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("#"):
                    continue
                cb, _, words = line.rstrip("\n").partition("\t")
                cost = int(cb) / 100 * _LN10
                for w in words.split(" "):
                    if w and w not in costs:
                        costs[w] = cost
        return cls(costs)

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
    ) -> tuple[dict[int, int], dict[int, float]]:
        """Best option per slot, and its confidence (0..1).

        ``seq`` is a stretch of text, one item per position: a fixed character, or an int
        naming a slot whose options (text, extra cost) are ``opts[slot]``.  Fixed characters
        that are not Han cut the stretch into independent segments.  An option that is not a
        single Han character is a token of its own, costing ``token_cost(text)``.
        With ``char_cost(a, b)`` (a character bigram cost; ``a`` is "" at the start) the
        cost of every adjacent pair, times ``char_weight``, is added to the word costs.
        """
        picks: dict[int, int] = {}
        confs: dict[int, float] = {}
        n = len(seq)
        i = 0
        while i < n:
            item = seq[i]
            if isinstance(item, str) and not is_han(item):
                i += 1
                continue
            j = i
            has_slot = False
            while j < n and (not isinstance(seq[j], str) or is_han(seq[j])):  # type: ignore[arg-type]
                if not isinstance(seq[j], str):
                    has_slot = True
                j += 1
            if has_slot:
                left = seq[i - 1] if i > 0 else ""
                right = seq[j] if j < n else ""
                self._segment(seq[i:j], opts, token_cost, char_cost, char_weight, picks, confs, left, right)  # type: ignore[arg-type]
            i = j
        return picks, confs

    def _edges(self, seg, opts, token_cost, char_cost, char_weight):
        """Per start position: (end, cost, assignments ((slot, option), ...), first, last)."""
        n = len(seg)
        table = self.table
        maxlen = self.maxlen
        edges: list[list[tuple[int, float, tuple, str, str]]] = [[] for _ in range(n)]
        for i in range(n):
            out = edges[i]
            item = seg[i]
            if isinstance(item, int):
                for k, (t, x) in enumerate(opts[item]):
                    if len(t) != 1 or not is_han(t):
                        c = x + (token_cost(t) if token_cost else 20.0)
                        if char_cost is not None and len(t) > 1:
                            c += char_weight * sum(char_cost(a, b) for a, b in zip(t, t[1:]))
                        out.append((i + 1, c, ((item, k),), t[0], t[-1]))
            # words starting at i (depth-first through the prefixes)
            stack: list[tuple[int, str, float, tuple]] = [(i, "", 0.0, ())]
            while stack:
                j, p, extra, asg = stack.pop()
                if j >= n:
                    continue
                it = seg[j]
                if isinstance(it, str):
                    nexts: list[tuple[str, float, tuple]] = [(it, 0.0, asg)]
                else:
                    nexts = [(t, x, asg + ((it, k),)) for k, (t, x) in enumerate(opts[it]) if len(t) == 1 and is_han(t)]
                for ch, x, a in nexts:
                    q = p + ch
                    x2 = extra + x
                    if p and char_cost is not None:
                        x2 += char_weight * char_cost(p[-1], ch)
                    v = table.get(q)
                    if v is None:
                        if not p:
                            out.append((j + 1, OOV_HAN_COST + x2, a, ch, ch))
                        continue
                    if v != _PREFIX_ONLY:
                        out.append((j + 1, v + x2, a, q[0], ch))
                    elif not p:
                        out.append((j + 1, OOV_HAN_COST + x2, a, ch, ch))
                    if len(q) < maxlen:
                        stack.append((j + 1, q, x2, a))
        return edges

    def _segment(self, seg, opts, token_cost, char_cost, char_weight, picks, confs, left, right) -> None:
        n = len(seg)
        edges = self._edges(seg, opts, token_cost, char_cost, char_weight)
        inf = math.inf
        if char_cost is None:
            def link(prev: str, first: str) -> float:
                return 0.0
        else:
            def link(prev: str, first: str) -> float:
                return char_weight * char_cost(prev, first)
        # states per boundary position: last character -> (cost, back-pointer)
        alpha: list[dict[str, tuple[float, tuple | None]]] = [{} for _ in range(n + 1)]
        alpha[0][left] = (0.0, None)
        for i in range(n):
            states = alpha[i]
            if not states:
                continue
            for j, c, asg, first, last in edges[i]:
                nxt = alpha[j]
                for prev, (a, _) in states.items():
                    v = a + c + link(prev, first)
                    old = nxt.get(last)
                    if old is None or v < old[0]:
                        nxt[last] = (v, (i, prev, asg))
        tail = {last: (link(last, right) if right else 0.0) for last in alpha[n]}
        beta: list[dict[str, float]] = [{} for _ in range(n + 1)]
        beta[n] = tail
        for i in range(n - 1, -1, -1):
            for prev in alpha[i]:
                b = inf
                for j, c, _, first, last in edges[i]:
                    bj = beta[j].get(last)
                    if bj is None:
                        continue
                    v = link(prev, first) + c + bj
                    if v < b:
                        b = v
                beta[i][prev] = b
        # best path
        end = min(alpha[n], key=lambda last: (alpha[n][last][0] + tail[last], last))
        j, last = n, end
        while j > 0:
            _, bp = alpha[j][last]
            if bp is None:
                break
            i, prev, asg = bp
            for slot, k in asg:
                picks[slot] = k
            j, last = i, prev
        # max-marginals per slot option
        marg: dict[int, dict[int, float]] = {}
        for i in range(n):
            for j, c, asg, first, last in edges[i]:
                if not asg:
                    continue
                bj = beta[j].get(last)
                if bj is None:
                    continue
                best = inf
                for prev, (a, _) in alpha[i].items():
                    v = a + link(prev, first)
                    if v < best:
                        best = v
                v = best + c + bj
                for slot, k in asg:
                    m = marg.setdefault(slot, {})
                    if v < m.get(k, inf):
                        m[k] = v
        for slot, m in marg.items():
            best = min(m.values())
            z = sum(math.exp(best - v) for v in m.values())
            k = picks.get(slot)
            confs[slot] = math.exp(best - m[k]) / z if k in m else 0.0
