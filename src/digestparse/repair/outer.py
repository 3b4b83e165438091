"""The outer layer of a double encoding that lost bytes: which characters its lost bytes were.

UTF-8 read as Windows-1252, encoded again and read once more by a strict reader (as
Windows-1252 or -1250) loses bytes of the *outer* layer; each truncated sequence there
stood for one character of the inner layer's mojibake, that is for one byte of the
inner layer (``Ã§â€�Â¨`` is ``ç”¨``, E7 94 A8, which is ``用``).  Byte recovery weighs a
truncated sequence's candidates as final text, which the outer layer is not; here a
candidate counts when it is a character of a codec's upper half whose byte, between the
bytes of its neighbours in that codec, completes a valid UTF-8 sequence of the inner
layer.  The outer layer's characters come from a small set (the inner layer is all
mojibake), so this is strong evidence: decoded Chinese text never encodes in a one-byte
codec at all, and a lone candidate between clean characters completes nothing.  Where it
is, in the same stretch, a candidate whose byte leaves an inner sequence truncated after a
continuation byte counts too: the inner reader lost a byte there as well, which the inner
layer's own byte recovery puts back.

>>> from .langmodel import LanguageModel
>>> parts = ["ç", "\\ufffd", "¨"]
>>> inner_fill(parts, {1: ("”", "❀")}, "windows-1252", LanguageModel.default())
('windows-1252', {1: '”'})
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from .bytes_recovery import VALID_SEQ_RE
from .chardata import CODECS, ENCODE_TABLES
from .langmodel import LanguageModel

__all__ = ["inner_fill", "may_fill_inner", "outer_candidates"]

# Characters of a byte's neighbourhood that can share a UTF-8 sequence with it.
_REACH = 3
# Characters each side of a cluster of slots read with it: two Chinese characters' bytes.
_CONTEXT = 6
# Joint choices tried for one cluster of neighbouring truncated units at most (each has a
# handful of candidates in a codec's upper half; a longer cluster is decided unit by unit).
_MAX_JOINT = 4096
# A byte no UTF-8 sequence holds: stands for a character the codec cannot encode.
_BREAK = 0xFF


def _byte(ch: str, codec: str) -> int:
    """``ch``'s byte in ``codec``, or :data:`_BREAK` where it has none."""
    if len(ch) != 1:
        return _BREAK
    b = ENCODE_TABLES[codec].get(ord(ch))
    return _BREAK if b is None else b


@lru_cache(maxsize=4096)
def _upper_of(cands: tuple[str, ...], codec: str) -> tuple[str, ...]:
    return tuple(c for c in cands if 0x80 <= _byte(c, codec) < _BREAK)


def _upper(cands: tuple[str, ...], codec: str) -> list[str]:
    """The candidates that are characters of ``codec``'s upper half (0x80-0xFF)."""
    return list(_upper_of(cands, codec))


# Every character of some codec's upper half: a slot with no candidate among them (a Han
# character's, as in every single-layer Chinese stretch) is no outer layer's.
_ANY_UPPER = frozenset(chr(cp) for codec in CODECS for cp, b in ENCODE_TABLES[codec].items() if b >= 0x80)


def _clusters(slots: list[int]) -> list[list[int]]:
    """Sorted slot positions grouped where they are within :data:`_REACH` characters of each other.

    >>> _clusters([1, 3, 10, 20, 22])
    [[1, 3], [10], [20, 22]]
    """
    out: list[list[int]] = []
    for p in slots:
        if out and p - out[-1][-1] <= _REACH:
            out[-1].append(p)
        else:
            out.append([p])
    return out


_PIECE_RE = re.compile(rb"(?P<ascii>[\x00-\x7f])|(?P<valid>" + VALID_SEQ_RE.pattern + rb")|(?P<trunc>[\xc2-\xf4][\x80-\xbf]{1,2})")


def _reading(data: bytes, at: list[int]) -> tuple[int, int, str]:
    """How many of the offsets ``at`` of ``data`` lie inside a valid multi-byte sequence, how
    many inside a truncated one that kept a continuation byte after its lead (the inner layer
    lost a byte there too), and the text of ``data``'s ASCII and valid sequences.

    >>> _reading(b"\\xe7\\x94\\xa8\\xe5\\x91 \\xe7", [1, 4, 6])
    (1, 1, '用 ')
    """
    valid = truncated = 0
    text: list[str] = []
    for m in _PIECE_RE.finditer(data):
        a, b = m.span()
        kind = m.lastgroup
        if kind == "valid":
            valid += sum(a <= i < b for i in at)
        elif kind == "trunc":
            truncated += sum(a <= i < b for i in at)
            continue
        text.append(m.group().decode("utf-8"))
    return valid, truncated, "".join(text)


def _fill_codec(chars: list[str], slots: dict[int, tuple[str, ...]], codec: str, lm: LanguageModel
                ) -> tuple[dict[int, str], int]:
    """For one ``codec`` of the inner layer: the character of each slot (offsets into
    ``chars``, one character each, the slots' current choice among them) whose byte takes its
    place in a UTF-8 sequence among its neighbours' bytes, and how many of them complete a
    valid one.  Neighbouring slots are chosen together: the choice that completes most slots,
    then places most (in a truncated sequence that kept a continuation byte: the inner layer
    lost one there too), then decodes most characters around them, then costs least under
    ``lm`` with them, then the earliest."""
    fills: dict[int, str] = {}
    completed = 0
    for cluster in _clusters(sorted(slots)):
        options = [_upper(slots[p], codec) for p in cluster]
        if not any(options):
            continue
        lo, hi = max(0, cluster[0] - _CONTEXT), min(len(chars), cluster[-1] + _CONTEXT + 1)
        base = [_byte(c, codec) for c in chars[lo:hi]]
        groups = [cluster] if _joint_size(options) <= _MAX_JOINT else [[p] for p in cluster]
        for group in groups:
            opts = [_upper(slots[p], codec) + [None] for p in group]
            best: tuple[int, int, int, float, tuple] | None = None
            for pick in itertools.product(*opts):
                data = list(base)
                filled = [p - lo for p, c in zip(group, pick) if c is not None]
                if not filled:
                    continue
                for p, c in zip(group, pick):
                    if c is not None:
                        data[p - lo] = _byte(c, codec)
                valid, truncated, text = _reading(bytes(data), filled)
                if valid + truncated < len(filled):
                    continue  # (a slot filled without a place in a sequence proves nothing)
                key = (-valid, -len(filled), -len(text), lm.string_cost("", text), pick)
                if best is None or key[:4] < best[:4]:
                    best = key
            if best is not None:
                completed -= best[0]
                for p, c in zip(group, best[4]):
                    if c is not None:
                        fills[p] = c
                        chars[p] = c
                        base[p - lo] = _byte(c, codec)
    return fills, completed


def _joint_size(options: list[list[str]]) -> int:
    n = 1
    for o in options:
        n *= len(o) + 1
    return n


@lru_cache(maxsize=32768)
def outer_candidates(raw: bytes, droppable: frozenset[int], cands: tuple[tuple[str, int], ...]) -> tuple[str, ...]:
    """What the truncated sequence ``raw`` may have been as a character of an inner layer:
    byte recovery's candidates ``cands`` (assigned characters, each with the bytes it
    restores), and the C1 controls that a sloppy reader of the inner layer gave for its
    undefined bytes, whose two bytes lost the second (U+008F is C2 8F, ``Â`` once a strict
    reader dropped 8F; without them the 8F of ``经`` was taken for the soft hyphen AD, ``续``).

    >>> outer_candidates(b"\\xc2", frozenset({0x8F, 0xAD}), (("\\xad", 1),))
    ('\\xad', '\\x8f')
    """
    chars = tuple(ch for ch, n in cands if n)
    if raw != b"\xc2":
        return chars
    return chars + tuple(chr(b) for b in sorted(droppable) if 0x80 <= b < 0xA0)


def may_fill_inner(raw: bytes, cands: frozenset[str]) -> bool:
    """Can the truncated sequence ``raw``, whose byte recovery candidates are ``cands``, be a
    slot of :func:`inner_fill`: has one of its :func:`outer_candidates` a place in some codec's
    upper half?  (Those are ``cands`` and, for a lone C2, C1 controls.)  Where no slot of a
    stretch can, :func:`inner_fill` finds nothing, and need not be asked: a truncated Han
    character's candidates are all Han.

    >>> may_fill_inner(b"\\xe4\\xb8", frozenset("中不")), may_fill_inner(b"\\xe2\\x80", frozenset("”❀")), may_fill_inner(b"\\xc2", frozenset())
    (False, True, True)
    """
    return raw == b"\xc2" or not _ANY_UPPER.isdisjoint(cands)


def _may_complete(parts: list[str], slots: dict[int, tuple[str, ...]], k: int) -> bool:
    """Can slot ``k`` complete a sequence: has it a candidate of some codec's upper half, and
    beside it another slot or such a character (a sequence is two bytes or more)?  In a
    single-layer Chinese stretch it is a Han character's, between Han characters."""
    if _ANY_UPPER.isdisjoint(slots[k]):
        return False
    before = parts[k - 1][-1:] if k else ""
    after = parts[k + 1][:1] if k + 1 < len(parts) else ""
    return k - 1 in slots or k + 1 in slots or before in _ANY_UPPER or after in _ANY_UPPER


def inner_fill(parts: list[str], slots: dict[int, tuple[str, ...]], codec: str, lm: LanguageModel
               ) -> tuple[str, dict[int, str]] | None:
    """Where the first layer ``parts`` (decoded runs, and at each index of ``slots`` the
    current choice for a truncated unit, whose candidates ``slots`` gives) is itself mojibake
    of some codec: that codec and the slots' characters that take their places in its inner
    sequences (:func:`_fill_codec`); the codec whose characters complete most valid ones,
    ``codec`` (the outer layer's) first on a tie, then the order of :data:`.chardata.CODECS`.
    None where no slot completes one.
    """
    if not any(_may_complete(parts, slots, k) for k in slots):
        return None
    chars: list[str] = []
    at: dict[int, int] = {}
    for k, p in enumerate(parts):
        if k in slots:
            at[len(chars)] = k
            chars.append(p if len(p) == 1 else "\ufffd")
        else:
            chars.extend(p)
    by_pos = {pos: slots[k] for pos, k in at.items()}
    best: tuple[int, str, dict[int, str]] | None = None
    for c in dict.fromkeys((codec,) + CODECS):
        fills, completed = _fill_codec(list(chars), by_pos, c, lm)
        if completed and (best is None or completed > best[0]):
            best = (completed, c, fills)
    if best is None:
        return None
    return best[1], {at[pos]: ch for pos, ch in best[2].items()}
