"""Lossy UTF-8 recovery: split bytes into UTF-8 units and enumerate what a lost byte could be.

When mojibake went through a *strict* single-byte decoder, the bytes the codec leaves
undefined were dropped (and text cleaners strip 0xAD, the soft hyphen).  Those are all
UTF-8 *continuation* bytes, so lead bytes survive and every damaged character shows up as
a lead byte followed by too few continuation bytes.  The damage model (which bytes can be
missing) says what to insert; only insertions that give a valid, assigned character count.

>>> [u.kind for u in split_units(b"a\\xe4\\xb8\\xe5\\x9b\\xbd")]
['text', 'trunc', 'text']
>>> candidates(b"\\xe4\\xb8", frozenset({0x81, 0x8D, 0x8F, 0x90, 0x9D, 0xAD}))[-6:]
(('丁', 1), ('不', 1), ('丏', 1), ('丐', 1), ('丝', 1), ('中', 1))
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from .chardata import QUOTE_BYTES, is_assigned, seq_len

__all__ = ["Unit", "split_units", "damaged_units", "candidates", "stand_ins_complete", "SPACE_FOR_A0", "QUOTES_FOR_BYTES", "MAX_MISSING", "VALID_SEQ_RE"]

# A character can lose at most this many bytes and still be recovered (名 = E5 90 8D
# keeps only its lead byte under lossy Windows-1252).
MAX_MISSING = 2

_CHAR = (
    rb"[\xc2-\xdf][\x80-\xbf]"
    rb"|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
# One valid multi-byte sequence, as a pattern of its own too (detection looks for one).
VALID_SEQ_RE = re.compile(_CHAR)
_TRUNC = rb"[\xc2-\xf4][\x80-\xbf]{0,2}"
# The ASCII runs and valid sequences before each truncated or stray unit (or the end) are
# taken in one match: they never need a look of their own.
_DAMAGE_RE = re.compile(
    rb"(?:[\x00-\x7f]+|" + _CHAR + rb")*(?:(?P<trunc>" + _TRUNC + rb")|(?P<stray>[\x80-\xff])|\Z)"
)


SPACE_FOR_A0: dict[int, tuple[int, ...]] = {0x20: (0xA0,)}
"""A space that stood for byte A0 (:func:`stand_ins_complete`): a no-break space made a space."""
QUOTES_FOR_BYTES: dict[int, tuple[int, ...]] = {ord(q): tuple(sorted(bs)) for q, bs in QUOTE_BYTES.items()}
"""Straight quotes that stood for bytes a codec read as curly quotes (:data:`.chardata.QUOTE_BYTES`)."""


def stand_ins_complete(data: bytes, lead: int, i: int, stand_ins: dict[int, tuple[int, ...]]) -> tuple[int, tuple[int, ...]]:
    """Where the sequence of the truncated unit starting at ``data[lead]`` ends, and where its
    stand-ins are, if the ASCII bytes of ``stand_ins`` from ``data[i]`` on, the first right after
    the unit, each in place of one of the bytes it may stand for, make it whole and valid UTF-8
    with the bytes between them; ``(0, ())`` if that is not so.

    >>> stand_ins_complete("ä½ å".encode("windows-1252"), 0, 2, SPACE_FOR_A0)  # 你 E4 BD A0
    (3, (2,))
    >>> stand_ins_complete(b"\\xe7 \\x81", 0, 1, SPACE_FOR_A0), stand_ins_complete(b"caf\\xe9 au", 3, 4, SPACE_FOR_A0)  # 码 E7 A0 81
    ((3, (1,)), (0, ()))
    >>> stand_ins_complete(b'\\xe5"\\x81', 0, 1, QUOTES_FOR_BYTES), stand_ins_complete(b'\\xe2\\x80"', 0, 2, QUOTES_FOR_BYTES)  # 品 E5 93 81, – E2 80 93
    ((3, (1,)), (3, (2,)))
    >>> stand_ins_complete(b'\\xe4\\xb8"', 0, 2, QUOTES_FOR_BYTES), stand_ins_complete(b'\\xe5"a', 0, 1, QUOTES_FOR_BYTES)  # 专 E4 B8 93
    ((3, (2,)), (0, ()))
    >>> stand_ins_complete(b"\\xe4\\xb8", 0, 2, SPACE_FOR_A0)
    (0, ())
    """
    end = lead + seq_len(data[lead])
    if end <= i or end > len(data) or data[i] not in stand_ins:
        return 0, ()
    places = tuple(q for q in range(i, end) if data[q] in stand_ins)
    seq = bytearray(data[lead:end])
    for inserted in itertools.product(*(stand_ins[data[q]] for q in places)):
        for q, b in zip(places, inserted):
            seq[q - lead] = b
        if VALID_SEQ_RE.fullmatch(seq) is not None:
            return end, places
    return 0, ()


class Unit(NamedTuple):
    """One piece of a byte string: ``start``/``end`` are byte offsets.

    kind is ``text`` (ASCII and valid multi-byte sequences, decoded as they are), ``trunc``
    (a lead byte with too few continuation bytes) or ``stray`` (a byte that cannot be part
    of well-formed UTF-8 here).  A named tuple: cheap to make by the thousand.
    """

    kind: str
    start: int
    end: int


def split_units(data: bytes) -> list[Unit]:
    """Split ``data`` into :class:`Unit` pieces covering it exactly, left to right: each
    truncated sequence and each stray byte on its own, the text between them in one piece.

    A truncated unit must be short of bytes: a lead byte followed by as many continuation
    bytes as it needs, but invalid (e.g. a surrogate), is not truncated; its bytes are strays.

    >>> [(u.kind, u.start, u.end) for u in split_units(b"\\xc3\\xa9\\xe2\\x80 \\x93ok")]
    [('text', 0, 2), ('trunc', 2, 4), ('text', 4, 5), ('stray', 5, 6), ('text', 6, 8)]
    """
    units: list[Unit] = []
    append = units.append
    pos = 0
    for kind, start, end in damaged_units(data):
        if start > pos:
            append(Unit("text", pos, start))
        if kind == "stray":
            units.extend(Unit("stray", i, i + 1) for i in range(start, end))
        else:
            append(Unit(kind, start, end))
        pos = end
    if pos < len(data):
        append(Unit("text", pos, len(data)))
    return units


def damaged_units(data: bytes) -> Iterator[tuple[str, int, int]]:
    """The ``trunc`` and ``stray`` units of :func:`split_units` as ``(kind, start, end)``,
    found without looking at the text between them character by character (a lossy line
    has one or two per ten characters).

    Strays that :func:`split_units` gives one byte each may come back as one piece.

    >>> list(damaged_units(b"\\xc3\\xa9\\xe2\\x80 \\x93\\xed\\xa0\\x80"))
    [('trunc', 2, 4), ('stray', 5, 6), ('stray', 6, 9)]
    """
    for m in _DAMAGE_RE.finditer(data):
        kind = m.lastgroup
        if kind is None:
            continue  # the end of the data
        start, end = m.span(kind)
        if kind == "trunc" and end - start >= seq_len(data[start]):
            kind = "stray"  # long enough yet invalid (a surrogate): strays, as in split_units
        yield kind, start, end


@lru_cache(maxsize=32768)
def candidates(
    trunc: bytes, droppable: frozenset[int], at: tuple[int, ...] | None = None
) -> tuple[tuple[str, int], ...]:
    """Characters ``trunc`` may have been before bytes from ``droppable`` were lost.

    Returns ``(char, inserted_bytes)`` pairs sorted by code point (deterministic order).
    Every lost byte is a continuation byte, so insertions go anywhere after the lead byte;
    ``at``, where known, names the places of the sequence they went (a reader that marks
    each byte it could not map with U+FFFD leaves the marker where the byte was: ``å�…``
    is E5 ?? 85, ``å…�`` E5 85 ??).

    >>> candidates(b"\\xe5\\x85", frozenset({0x8C, 0x83}), (1,)), candidates(b"\\xe5\\x85", frozenset({0x8C, 0x83}), (2,))
    ((('僅', 1), ('包', 1)), (('元', 1), ('兌', 1)))

    >>> candidates(b"\\xe2\\x80", frozenset({0x9D}))
    (('”', 1), ('❀', 1))
    >>> candidates(b"\\xc3", frozenset({0x81, 0x8D, 0x8F, 0x90, 0x9D, 0xAD}))
    (('Á', 1), ('Í', 1), ('Ï', 1), ('Ð', 1), ('Ý', 1), ('í', 1))
    >>> candidates(b"\\xe4", frozenset({0xAD}))
    (('䭭', 2),)
    >>> candidates(b"\\xe4\\xb8\\xad", frozenset({0xAD}))
    ()
    """
    if not trunc:
        return ()
    need = seq_len(trunc[0])
    missing = need - len(trunc)
    if need < 2 or missing < 1 or missing > MAX_MISSING:
        return ()
    if at is not None and (len(at) != missing or any(not 0 < i < need for i in at)):
        return ()
    drops = sorted(droppable)
    conts = trunc[1:]
    found: dict[str, int] = {}
    places = (at,) if at is not None else itertools.combinations(range(1, need), missing)
    for positions in places:
        for inserted in itertools.product(drops, repeat=missing):
            buf = bytearray([trunc[0]])
            ci = ii = 0
            for slot in range(1, need):
                if slot in positions:
                    buf.append(inserted[ii])
                    ii += 1
                else:
                    buf.append(conts[ci])
                    ci += 1
            try:
                ch = bytes(buf).decode("utf-8")
            except UnicodeDecodeError:
                continue
            if len(ch) == 1 and is_assigned(ch):
                found[ch] = missing
    return tuple(sorted(found.items()))
