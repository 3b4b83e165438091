"""U+FFFD markers: where a one-byte reader with ``errors="replace"`` could not map a byte.

Every byte the codecs leave undefined is a UTF-8 continuation byte, so a marker between
characters of a codec's upper half stands for a byte that mojibake lost (``å�‚`` is
E5 ?? 82, ``参``).  The text is decoded with its markers taken out, told where each stood
(:func:`markers_after`), and each marker then goes into the piece beside it
(:func:`over_markers`).  The first layer of a double encoding holds the inner layer's
markers so (``Ã§Â»ï¿½`` is ``ç»�``, ``经``): :func:`unmarked` takes them out of a piece.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

import regex

from .chardata import DECODE_TABLES, DROPPABLE, SOFT_HYPHEN_BYTE

if TYPE_CHECKING:
    from .fixes import Piece

__all__ = ["MARKER_CODECS", "MARKERS", "Unmarked", "high_chars", "markers_after", "over_markers", "take_out", "unmarked"]


def high_chars(codec: str) -> str:
    """The characters ``codec`` reads bytes 0x80-0xFF as (its undefined bytes left out; the
    soft hyphen, which a reader strips, kept)."""
    return "".join(DECODE_TABLES[codec][b] for b in range(0x80, 0x100)
                   if b not in DROPPABLE[codec] or b == SOFT_HYPHEN_BYTE)


MARKER_CODECS = ("windows-1252", "windows-1250", "windows-1251", "windows-1257")
"""The codecs with undefined bytes whose U+FFFD markers are read, in order of preference."""
MARKERS = {
    codec: regex.compile(
        "(?<=[" + regex.escape(high_chars(codec)) + "][ \"']?)\ufffd+(?=[" + regex.escape(high_chars(codec)) + "\x00-\x7f]|$)")
    for codec in MARKER_CODECS
}
"""Per codec, a run of U+FFFD (``名``, E5 90 8D, lost two bytes: ``å��``) between characters of
its high bytes or before ASCII; or after one of those and a space or a straight quote, which may
have stood for a byte (``码``, E7 A0 81, is ``ç\xa0�``, and a no-break space made a space
``ç �``; ``意``, E6 84 8F, is ``æ„�``, and with its quote straightened ``æ"�``)."""


def take_out(text: str, gone: frozenset[int]) -> tuple[list[int], str]:
    """The offsets of ``text`` not in ``gone`` (offsets in it), and ``text`` without the
    characters at ``gone``; worked out run by run between those (before, character by
    character: some 2% of the repair time of marked benchmark files).

    >>> take_out("ab\ufffd\ufffdc\ufffd", frozenset({2, 3, 5}))
    ([0, 1, 4], 'abc')
    """
    kept: list[int] = []
    chunks: list[str] = []
    pos = 0
    for g in sorted(gone):
        if g > pos:
            kept.extend(range(pos, g))
            chunks.append(text[pos:g])
        pos = g + 1
    if pos < len(text):
        kept.extend(range(pos, len(text)))
        chunks.append(text[pos:])
    return kept, "".join(chunks)


def markers_after(kept: list[int], length: int) -> dict[int, int]:
    """For each offset of the text without its markers (``kept``: each one's offset in the
    text of ``length`` characters), how many markers followed it there, where any did.

    >>> markers_after([0, 3, 4], 6)
    {0: 2, 2: 1}
    """
    after: dict[int, int] = {}
    ends = kept[1:] + [length]
    for w, (here, nxt) in enumerate(zip(kept, ends)):
        if nxt - here > 1:
            after[w] = nxt - here - 1
    return after


def over_markers(
    pieces: list[Piece], kept: list[int], markers: frozenset[int], length: int, forward_only: frozenset[int] = frozenset()
) -> list[Piece]:
    """``pieces`` of the text without its markers (``kept``: each of its offsets in the text), as
    pieces of the text, each taking in the markers right after it and those right before it that
    no piece took (the byte each stands for is one the piece rebuilt); those of ``forward_only``
    only by the piece before them (a straight quote is no marker of the text after it).

    >>> from .fixes import Piece
    >>> after = [Piece(1, 2, "Y", "decode", ())]  # of 'x"\ufffdy' without its markers, "xy"
    >>> [(p.start, p.end) for p in over_markers(after, [0, 3], frozenset({1, 2}), 4)]
    [(1, 4)]
    >>> [(p.start, p.end) for p in over_markers(after, [0, 3], frozenset({1, 2}), 4, frozenset({1}))]
    [(2, 4)]
    """
    mapped: list[Piece] = []
    owned: set[int] = set()
    for p in sorted(pieces, key=lambda p: p.start):
        start = kept[p.start] if p.start < len(kept) else length
        end = kept[p.end - 1] + 1 if p.end > p.start else start
        while end in markers and end not in owned:
            owned.add(end)
            end += 1
        while start - 1 in markers and start - 1 not in owned and start - 1 not in forward_only:
            start -= 1
            owned.add(start)
        mapped.append(p.moved(start, end))
    return mapped


class Unmarked(NamedTuple):
    """A text with its markers taken out (:func:`unmarked`)."""

    text: str
    kept: list[int] | None
    """each offset of ``text`` in the text it came from (None: it had no markers)"""
    gone: frozenset[int]
    """the markers' offsets there"""
    lost: dict[int, int] | None
    """how many markers followed each offset of ``text`` (:func:`markers_after`)"""


def unmarked(text: str, codec: str) -> Unmarked:
    """``text`` without the markers that characters of ``codec`` frame (:data:`MARKERS`).

    >>> unmarked("ç»\\ufffd ok", "windows-1252")
    Unmarked(text='ç» ok', kept=[0, 1, 3, 4, 5], gone=frozenset({2}), lost={1: 1})
    >>> unmarked("中\\ufffd", "windows-1252").kept is None
    True
    """
    pattern = MARKERS.get(codec)
    if pattern is None or "\ufffd" not in text:
        return Unmarked(text, None, frozenset(), None)
    gone = frozenset(i for m in pattern.finditer(text) for i in range(m.start(), m.end()))
    if not gone:
        return Unmarked(text, None, frozenset(), None)
    kept, out = take_out(text, gone)
    return Unmarked(out, kept, gone, markers_after(kept, len(text)))
