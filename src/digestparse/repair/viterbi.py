"""Choose among candidate characters jointly, with context on both sides.

Damage clusters, so neighbouring damaged characters are decided together: a *slot* is a
list of options ``(text, extra_cost)``; the best path through the slots under the
language model's bigram costs, plus the right-hand context, wins.  Ties go to the earlier
option, and options come sorted, so the choice is deterministic.

>>> from .langmodel import LanguageModel
>>> lm = LanguageModel.default()
>>> best_path(lm, "是", [[("不", 0.0), ("中", 0.0)], [("国", 0.0), ("囯", 0.0)]], "人")[0]
[1, 0]
"""

from __future__ import annotations

import math
from typing import Sequence

from .langmodel import LanguageModel

__all__ = ["best_path", "Option"]

Option = tuple[str, float]  # replacement text, extra cost (nats)

_BEAM = 64


def best_path(
    lm: LanguageModel, left: str, slots: Sequence[Sequence[Option]], right: str
) -> tuple[list[int], list[float]]:
    """Indices of the chosen option per slot and each choice's confidence (0..1).

    ``left`` is the character before the first slot ("" at text start), ``right`` the
    text after the last slot (only its first character is scored).  The confidence of a
    choice is its share of probability among the slot's options with the chosen
    neighbours held fixed.
    """
    # state: last character -> (cost, back-pointers)
    states: dict[str, tuple[float, tuple[int, ...]]] = {left: (0.0, ())}
    for options in slots:
        nxt: dict[str, tuple[float, tuple[int, ...]]] = {}
        for prev, (cost, path) in states.items():
            for idx, (text, extra) in enumerate(options):
                c = cost + extra + lm.string_cost(prev, text)
                last = text[-1] if text else prev
                old = nxt.get(last)
                if old is None or c < old[0] or (c == old[0] and path + (idx,) < old[1]):
                    nxt[last] = (c, path + (idx,))
        if len(nxt) > _BEAM:
            nxt = dict(sorted(nxt.items(), key=lambda kv: (kv[1][0], kv[1][1]))[:_BEAM])
        states = nxt
    r = right[:1]
    best: tuple[float, tuple[int, ...]] | None = None
    for prev, (cost, path) in states.items():
        c = cost + (lm.cost(prev, r) if r else 0.0)
        if best is None or c < best[0] or (c == best[0] and path < best[1]):
            best = (c, path)
    assert best is not None
    choice = list(best[1])
    return choice, _confidences(lm, left, slots, r, choice)


def _confidences(lm: LanguageModel, left: str, slots: Sequence[Sequence[Option]], right: str, choice: list[int]) -> list[float]:
    texts = [slots[i][k][0] for i, k in enumerate(choice)]
    confs = []
    for i, options in enumerate(slots):
        if len(options) == 1:
            confs.append(1.0)
            continue
        prev = left
        for t in texts[:i]:
            prev = t[-1] if t else prev
        nxt = texts[i + 1] if i + 1 < len(texts) else right
        costs = []
        for text, extra in options:
            c = extra + lm.string_cost(prev, text)
            last = text[-1] if text else prev
            if nxt:
                c += lm.cost(last, nxt[0])
            costs.append(c)
        m = min(costs)
        weights = [math.exp(m - c) for c in costs]
        confs.append(weights[choice[i]] / sum(weights))
    return confs
