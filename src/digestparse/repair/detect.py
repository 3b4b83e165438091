"""Find mojibake: stretches of text that are UTF-8 bytes read through a single-byte codec.

For every codec of :data:`.chardata.CODECS`, each maximal run of characters the codec can
encode is turned back into bytes and split into UTF-8 units.  Lines and bytes that cannot
belong to UTF-8 (strays) cut the run into *groups*; a group is mojibake when it holds at
least one valid multi-byte sequence and decoding makes it cheaper under the character
prior (``ä¸­`` costs far more than ``中``).  Groups with only truncated sequences count
when the same codec is clearly at work elsewhere in the text, and so do groups whose one
lone sequence decodes to a rare character or came from characters that read as clean
text (``café“…`` is Windows-1252 for ``caf铅``); where the whole text went through the codec,
so do lines that read as its own text.  Overlapping findings of
different codecs are settled by the number of sequences explained, then the codec's
evidence in the whole text, then the larger gain, then codec order.

>>> [(s.start, s.end, s.codec) for s in find_suspects("ok Ã©tÃ© ok")]
[(3, 8, 'windows-1252')]
>>> find_suspects("naïve café, “quoted” 中文，")
[]
"""

from __future__ import annotations

import bisect
import html
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property

import regex
from ftfy.badness import is_bad

from .bytes_recovery import QUOTES_FOR_BYTES, SPACE_FOR_A0, VALID_SEQ_RE, Unit, damaged_units, split_units, stand_ins_complete
from .chardata import (
    C1_RUN_RE, CODECS, CURLY_QUOTES, DECODE_TABLES, ENCODE_TABLES, FALLBACK_CODECS, LEAD_RE, NBSP_CODECS, PAIR_RE, QUOTE_CODECS, RUN_RE, SUSPECT_CANDIDATE_RE,
    SUSPECT_RE, encode_run, seq_len,
)
from .langmodel import LanguageModel, prior_cost, text_cost

__all__ = [
    "Suspect", "find_suspects", "is_suspect", "joined_across_stand_ins", "quotes_inside_sequences", "quotes_may_be_bytes",
    "spaces_for_a0", "spaces_inside_sequences", "spaces_may_be_a0", "straightened_quotes", "unescape_mojibake_refs",
    "with_no_break_spaces",
]

# A group must gain at least this much (nats) in all, and this much per decoded sequence.
MIN_GAIN = 4.0
MIN_GAIN_PER_SEQ = 2.0
# Valid sequences a codec needs elsewhere in the text before truncated-only groups count.
MIN_DOC_EVIDENCE = 3


@dataclass(frozen=True)
class Suspect:
    """A stretch ``text[start:end]`` that decodes as UTF-8 after encoding with ``codec``.

    ``data`` holds the bytes (one per character, so byte offset = char offset - start);
    ``whole`` says they are valid UTF-8 throughout (nothing truncated, no strays).
    ``units``, their UTF-8 split, is worked out on first use: a whole stretch is decoded
    in one go and never needs it, and the search itself only looks at truncated units.
    """

    start: int
    end: int
    codec: str
    data: bytes
    whole: bool
    valid: int
    truncated: int
    gain: float

    @cached_property
    def units(self) -> tuple[Unit, ...]:
        # A stretch starts and ends at unit boundaries of its line, so its own split is
        # the line's units between them.
        return tuple(split_units(self.data))


def _line_around(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) of the line(s) of ``text`` holding ``text[start:end]``, without the newlines."""
    le = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, len(text) if le < 0 else le


def _lines_holding(pattern: re.Pattern[str], text: str) -> Iterator[tuple[int, int]]:
    """[start, end) of each line of ``text`` (without its newline) holding a match of ``pattern``.

    >>> list(_lines_holding(re.compile("b"), "ab\\ncc\\nbb"))
    [(0, 2), (6, 8)]
    """
    pos = 0
    while (found := pattern.search(text, pos)) is not None:
        start, end = _line_around(text, found.start(), found.end())
        yield start, end
        pos = end


def is_suspect(text: str) -> bool:
    """Cheap pre-check: does the text hold a lead byte + continuation byte pair in any codec?

    >>> is_suspect("中文 café"), is_suspect("Ã©")
    (False, True)
    """
    # (One search at a time: most texts asked, decoded pieces among them, hold no candidate.)
    found = SUSPECT_CANDIDATE_RE.search(text)
    while found is not None:
        if SUSPECT_RE.match(text, found.start()):
            return True
        found = SUSPECT_CANDIDATE_RE.search(text, found.start() + 1)
    return False


# A group: [start, end) of a line's bytes and the [start, end) of its truncated units.
_Group = tuple[int, int, list[tuple[int, int]]]


def _groups(data: bytes, marks: tuple[tuple[int, int], ...] = ()) -> Iterator[_Group]:
    """The groups of a line's bytes (no line breaks): the stretches between strays and
    :func:`_genuine_letter` bytes (``marks``: see :func:`_analyse_line`), less their ASCII
    ends (ASCII decodes to itself); stretches of ASCII alone are left out.

    >>> [(lo, hi) for lo, hi, _ in _groups("Résumé æå‡º".encode("windows-1252"))]
    [(7, 11)]
    """
    start = 0
    truncated: list[tuple[int, int]] = []
    for kind, a, b in damaged_units(data):
        if kind == "trunc" and not _genuine_letter(data, a, b, marks):
            truncated.append((a, b))
        else:
            yield from _trimmed(data, start, a, truncated)
            start, truncated = b, []
    yield from _trimmed(data, start, len(data), truncated)


_ASCII_LETTER_BYTES = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _genuine_letter(data: bytes, a: int, b: int, marks: tuple[tuple[int, int], ...] = ()) -> bool:
    """Is the truncated unit ``data[a:b]`` a letter of the codec's own, not a character short of
    bytes: the lead byte of a three- or four-byte sequence alone (no continuation byte, no
    marker after it), glued to an ASCII letter?  Such a character lost two or three bytes, and
    of the archive's 48,164 characters whose continuation bytes may all be lost, the 8 beside an
    ASCII letter are two-byte ones (``í``, Cyrillic ``с``, an Arabic mark), no Han character; but
    a clean accented letter of a line that is only partly mojibake is (``Résumé``,
    ``Classificação``), and the lost-byte reading made it ``R遭sum遭``.

    >>> data = "Résumé ä".encode("windows-1252")
    >>> _genuine_letter(data, 1, 2), _genuine_letter(data, 5, 6), _genuine_letter(data, 7, 8)
    (True, True, False)
    """
    if b - a != 1 or data[a] < 0xE0 or any(i == a for i, _ in marks):
        return False
    return (a > 0 and data[a - 1] in _ASCII_LETTER_BYTES) or (b < len(data) and data[b] in _ASCII_LETTER_BYTES)


def _trimmed(data: bytes, start: int, end: int, truncated: list[tuple[int, int]]) -> Iterator[_Group]:
    """``data[start:end]`` as a group without its ASCII ends, unless that leaves nothing."""
    chunk = data[start:end]
    lo = start + len(chunk) - len(chunk.lstrip(_ASCII_BYTES))
    hi = start + len(chunk.rstrip(_ASCII_BYTES))
    if lo < hi:
        yield lo, hi, truncated


def _gain(line: str, data: bytes, group: _Group) -> tuple[float, int]:
    """(gain of decoding the group's valid sequences, their number).

    Worked out on the whole group at once: decoding it with ``errors="ignore"`` keeps the
    ASCII and the valid sequences and drops exactly the truncated units, whose own cost
    is taken off the input's.
    """
    lo, hi, truncated = group
    decoded = data[lo:hi].decode("utf-8", "ignore")
    valid = len(decoded) - len(decoded.encode("ascii", "ignore"))
    lost = 0.0
    for a, b in truncated:
        lost += text_cost(line[a:b])
    gain = text_cost(line[lo:hi]) - decoded_cost(decoded) - lost
    return gain, valid


def decoded_cost(decoded: str) -> float:
    """The cost (:func:`.langmodel.text_cost`) of what a stretch decodes to; where that holds C1
    control characters and is itself UTF-8 read as Latin-1, of the text under that layer (less
    its sequences that lost bytes to a strict outer reader, as :func:`_gain` leaves out those
    of the first layer).

    A text read as Latin-1 and then as Windows-1252 holds a C1 control (30 nats, a character no
    text uses) for most bytes 80-9F of its first layer: ``原`` is ``Ã¥ÂŽÂŸ`` twice, ``å\x8e\x9f``
    once.  Costed once decoded, a short line of it gained nothing (``> 原文：<http…>``,
    ``*   结果``) and stayed as it was, while the document's longer lines were decoded.

    >>> decoded_cost("å\x8e\x9f") == text_cost("原") < text_cost("Ã¥ÂŽÂŸ") < text_cost("å\x8e\x9f")
    True
    """
    if C1_RUN_RE.search(decoded) is not None:
        try:
            return text_cost(decoded.encode("latin-1").decode("utf-8", "ignore"))
        except UnicodeError:
            pass
    return text_cost(decoded)


def _covered(intervals: list[tuple[int, int]], start: int, end: int) -> bool:
    """Is [start, end) inside one of the sorted, disjoint ``intervals``?"""
    i = bisect.bisect_right(intervals, (start, float("inf"))) - 1
    return i >= 0 and intervals[i][0] <= start and end <= intervals[i][1]


def _residual_pair(text: str, skip: list[tuple[int, int]], pattern) -> bool:
    """Does ``pattern`` match in the text outside the ``skip`` intervals?"""
    pos = 0
    for a, b in skip:
        if a > pos and pattern.search(text, pos, a):
            return True
        pos = max(pos, b)
    return pattern.search(text, pos) is not None


def overlaps(intervals: list[tuple[int, int]], start: int, end: int) -> bool:
    """Does [start, end) overlap one of the sorted, disjoint ``intervals``?"""
    i = bisect.bisect_left(intervals, (start, start))
    if i < len(intervals) and intervals[i][0] < end:
        return True
    return i > 0 and intervals[i - 1][1] > start


# The characters this archive is made of: a MacRoman group must decode to at least one of
# them to count as mojibake (see _judge).  Latin letters are those of written languages:
# Latin-1, Extended-A, Vietnamese ơ ư, pinyin's ǎ ǐ ǒ ǔ ǖ ǘ ǚ ǜ, Romanian ș ț, Extended
# Additional, and the ligatures of text taken from PDF files ("signiﬁcantly", "ﬂow"); not the
# IPA and phonetic letters that a MacRoman ellipsis before a math sign ("…≤" is "ɲ") or a
# guillemet before a letter ("»à" is "Ȉ") spells.
_TYPICAL_CHARS = (
    r"\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}"
    r"\u00c0-\u017f\u01a0\u01a1\u01af\u01b0\u01cd-\u01dc\u0218-\u021b\u1e00-\u1eff\p{Greek}\p{Sm}\p{So}\p{Sc}"
    r"\u00a0-\u00bf\u2000-\u206f\u3000-\u303f\uff00-\uffef\ufb00-\ufb06\p{Emoji_Presentation}"
)
_TYPICAL = regex.compile(f"[{_TYPICAL_CHARS}]")

# What mojibake of any other codec must decode to (at least one character of it): the same,
# and Cyrillic ("ÐŸÑ€Ð¸Ð²ÐµÑ‚" is "Привет"), which a MacRoman quote before a letter also spells
# ("“é" is "Щ") and so is left out above.
_DECODES_TO = regex.compile(f"[{_TYPICAL_CHARS}\\p{{Cyrillic}}]")

# Characters that read as clean text where one lone sequence's bytes came from: an accented
# letter of Western European text before quotes, ellipses, dashes or guillemets ("café”…"),
# those before such a letter ("«été»"), or punctuation, symbols and Greek letters alone, as in
# a formula ("x…≤y"; "√π" is MacRoman for "ù").  Other
# letters are rare in this archive: "Ă—" (Windows-1250) and "О»" (Windows-1251) are "×"
# and "λ" mojibake.
_CLEAN_LOOKING = regex.compile(r"[À-ÖØ-öø-ÿ][“”‘’…«»–—]+|[“”‘’…«»–—]+[À-ÖØ-öø-ÿ]|[\p{P}\p{S}\p{Greek}]+")
# Two Cyrillic letters read as clean text too where no Latin letter is glued to them: Windows-1251
# spells "Ÿ" as "Её" and "ï" as "ГЇ", but "thenaГЇve" is mojibake.  (A Russian line as a whole
# is kept by MIN_CONTINUATION_SHARE.)
_CYRILLIC_PAIR = regex.compile(r"\p{Cyrillic}{2}")


def _codec_findings(
    text: str, codec: str, skip: list[tuple[int, int]], marks: "_Marks | None" = None
) -> tuple[list[Suspect], list[Suspect]]:
    """(accepted groups, truncated-only groups) of one codec, ignoring runs inside ``skip``
    (``marks``: see :func:`find_suspects`)."""
    accepted: list[Suspect] = []
    weak: list[Suspect] = []
    if not _residual_pair(text, skip, PAIR_RE[codec]):
        return accepted, weak
    lead = LEAD_RE[codec]
    pair = PAIR_RE[codec]
    for m in RUN_RE[codec].finditer(text):
        run = m.group()
        if run.isascii() or not lead.search(run) or _covered(skip, m.start(), m.end()):
            continue
        # Only lines holding a lead + continuation pair can hold a sequence (valid or
        # truncated with a continuation byte); a group never spans a line break.
        for ls, le in _lines_holding(pair, run):
            _line_findings(text, m.start() + ls, run[ls:le], codec, accepted, weak, marks)
    return accepted, weak


# The verdicts of :func:`_judge` on a group.
ACCEPTED, WEAK = "accepted", "weak"

# A finding of one line: (verdict, start, end, data, whole, valid, truncated, gain), the
# verdict of :func:`_judge` and the fields of its Suspect but the codec, offsets relative
# to the line.  A plain tuple, which the garbage collector stops tracking.
_Finding = tuple[str, int, int, bytes, bool, int, int, float]

# (codec, line, its markers) -> its findings: the same short runs recur all over a document
# (and an archive), so each is analysed once.
_LINE_MEMO: dict[tuple[str, str, tuple[tuple[int, int], ...]], tuple[_Finding, ...]] = {}
_LINE_MEMO_MAX = 100_000

# Where a reader marked the bytes it could not map (see :func:`find_suspects`): the offsets
# of the text after which markers stood, sorted, and how many stood after each.
_Marks = tuple[list[int], list[int]]


def _marks_in(marks: "_Marks | None", start: int, end: int) -> tuple[tuple[int, int], ...]:
    """The markers after ``text[start:end]``'s characters: (offset from ``start``, how many)."""
    if not marks:
        return ()
    offsets, counts = marks
    i = bisect.bisect_left(offsets, start)
    j = bisect.bisect_left(offsets, end, i)
    return tuple((offsets[k] - start, counts[k]) for k in range(i, j))


def _line_findings(
    text: str, offset: int, line: str, codec: str, accepted: list[Suspect], weak: list[Suspect], marks: "_Marks | None" = None
) -> None:
    """The groups of one line (a stretch of a run without line breaks) at ``text[offset:]``."""
    here = _marks_in(marks, offset, offset + len(line))
    key = (codec, line, here)
    found = _LINE_MEMO.get(key)
    if found is None:
        found = tuple(_analyse_line(line, codec, here))
        if len(_LINE_MEMO) >= _LINE_MEMO_MAX:
            _LINE_MEMO.clear()
        _LINE_MEMO[key] = found
    for verdict, start, end, data, whole, valid, truncated, gain in found:
        placed = Suspect(start + offset, end + offset, codec, data, whole, valid, truncated, gain)
        (accepted if verdict == ACCEPTED else weak).append(placed)


_LEAD_CONT = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")


MIN_CONTINUATION_SHARE = 0.45
"""Of a line's bytes past ASCII, the share that must be UTF-8 continuation bytes (80-BF) for the
line to hold mojibake.  Every UTF-8 sequence has one lead byte and one to three continuation
bytes, so UTF-8 read through a single-byte codec keeps at least half of them (a little less
where bytes were lost); text written in the codec's own script is mostly lead-range letters
(Russian "пётр" is EF B8 F2 F0 in Windows-1251: one in four).  Without this, a Russian or
Ukrainian text, whose "Её" and "лё" are valid sequences, gave its codec the evidence to rebuild
every other word from "lost" bytes."""


_HIGH_BYTES = bytes(range(0x80, 0x100))
_CONTINUATION_BYTES = bytes(range(0x80, 0xC0))


# A byte E0-FF that starts no sequence (no continuation byte after it), glued to an ASCII letter:
# the lead byte of :func:`_genuine_letter`, or a byte that cannot start one (a lowercase Latin-1
# letter, "ö" F6).  Not C0-DF, the leads of two-byte sequences: Latin-1's capitals ("MÄ£ÄM
# ÌÑÌ", Indonesian leetspeak, is no mojibake), and a Latin letter short of its soft hyphen
# ("rÃo" is "río").
_LONE_BY_LETTER = re.compile(rb"(?<=[A-Za-z])[\xe0-\xff](?![\x80-\xbf])|[\xe0-\xff](?=[A-Za-z])")


def _continuation_share(data: bytes, marks: tuple[tuple[int, int], ...] = ()) -> float:
    """The share of continuation bytes among ``data``'s bytes past ASCII (0 where there are none),
    with a continuation byte more for each marker a reader left (``marks``: see
    :func:`_analyse_line`).  A byte that starts no sequence and is glued to an ASCII letter is
    left out: it is a clean accented letter of a line that is only partly mojibake
    (``Résumé: cafÃ©``; see :data:`_LONE_BY_LETTER`), or a character that lost its
    continuation bytes, which lowers the share only because they were lost.

    >>> round(_continuation_share(b"\\xe5\\xe8\\xbd"), 2), round(_continuation_share(b"\\xe5\\xe8\\xbd", ((0, 3),)), 2)
    (0.33, 0.67)
    >>> _continuation_share("Résumé: cafÃ©".encode("windows-1252"))  # (0.25 with the two é)
    0.5
    """
    marked = sum(n for _, n in marks)
    glued = 0
    for m in _LONE_BY_LETTER.finditer(data):
        if not any(i == m.start() for i, _ in marks):
            glued += 1
    high = len(data) - len(data.translate(None, _HIGH_BYTES)) + marked - glued
    return (len(data) - len(data.translate(None, _CONTINUATION_BYTES)) + marked) / high if high else 0.0


def _analyse_line(line: str, codec: str, marks: tuple[tuple[int, int], ...] = (), guarded: bool = True) -> Iterator[_Finding]:
    """The findings of ``line``, accepted or weak, left to right; ``marks``: the markers taken
    out after its characters (offset, how many), each a lost continuation byte.  Unless
    ``guarded`` is false (:func:`_lines_left`), a line whose bytes read as text of the
    codec's own (too few continuation bytes, or accented letters before typographic marks)
    has none."""
    data = encode_run(line, codec)
    if guarded and _continuation_share(data, marks) < MIN_CONTINUATION_SHARE:
        return
    try:
        decoded = data.decode("utf-8")
    except UnicodeDecodeError:
        decoded = None
    if decoded is not None:
        # valid UTF-8 throughout: one group, the line less its ASCII ends
        lo = len(line) - len(line.lstrip(_ASCII))
        hi = len(line.rstrip(_ASCII))
        if lo >= hi:
            return
        inner = data[lo:hi].decode("utf-8")
        valid = len(inner) - len(inner.encode("ascii", "ignore"))  # non-ASCII characters
        gain = text_cost(line[lo:hi]) - decoded_cost(inner)
        stretch = data[lo:hi]
        verdict = _judge(codec, line[lo:hi], stretch, valid, gain, glued=_glued(line, lo, hi),
                         framed=_framed(line, lo, hi))
        if verdict:
            yield verdict, lo, hi, stretch, True, valid, 0, gain
        return
    if VALID_SEQ_RE.search(data) is None and not marks and (_LEAD_CONT.search(data) is None or (guarded and _accents_only(line, data))):
        # neither a valid sequence nor a truncated one with a continuation byte (or a marker);
        # or only accented letters before typographic marks ("café”", "déjà—", "voilà\xa0!"),
        # which the lost-byte readings of the codec at work elsewhere had rewritten ("caf魔")
        return
    # (Less its ASCII ends, a group starts with a valid or a truncated sequence.)
    for group in _groups(data, marks):
        lo, hi, truncated = group
        gain, valid = _gain(line, data, group)
        stretch = data[lo:hi]
        # (a truncated unit with a continuation byte, or a marker, after its lead byte)
        continued = any(b - a >= 2 or any(a <= i < b for i, _ in marks) for a, b in truncated)
        verdict = _judge(codec, line[lo:hi], stretch, valid, gain, continued=continued, glued=_glued(line, lo, hi),
                         framed=_framed(line, lo, hi))
        if verdict:
            yield verdict, lo, hi, stretch, False, valid, len(truncated), gain


# A truncated unit that reads as Latin text: an accented letter (its lead byte), and after it only
# typographic marks that follow a word (quotes, dashes, an ellipsis, guillemets, a no-break space,
# "±" and "™": "Pokémon™").  Not "°" and "€", which are as often the lost-byte mojibake of a
# common character: in the corpus damaged by lossy Windows-1252, 48 lines with no whole sequence
# are kept by "â€" (” or 、 less its last byte) and 4 by "â°" (⁰), none by "±" or "™"; and the
# Han characters that read so weigh 4.8e-3 ("å°" 小) and 4.1e-3 ("é€" 送) by the bundled
# unigrams, those of "±" and "™" 3.0e-4 and 5.7e-4, less than those of any mark above.
_ACCENT_BEFORE_MARKS = regex.compile(r"(?V1)[\p{Latin}--\p{ASCII}][“”‘’…«»–—\u00a0±™]*")


def _accents_only(line: str, data: bytes) -> bool:
    """Does every damaged unit of ``line`` (``data`` its bytes, one per character) read as Latin
    text: each truncated unit an accented letter before typographic marks, each stray a mark?

    >>> _accents_only("the “café” and déjà—vu", encode_run("the “café” and déjà—vu", "windows-1252"))
    True
    >>> _accents_only("BERT ä¸ model", encode_run("BERT ä¸ model", "windows-1252"))
    False
    """
    for kind, a, b in damaged_units(data):
        if kind == "trunc" and _ACCENT_BEFORE_MARKS.fullmatch(line, a, b) is None:
            return False
    return True


_ASCII = "".join(chr(i) for i in range(128))
_ASCII_BYTES = _ASCII.encode("ascii")


RARE_HAN_COST = 13.0
"""A Han character whose cost in the bundled tables is at least this (铓 14.9, 琦 13.7; 中 4.8,
镑 11.7) is too rare to take as mojibake on the strength of one sequence."""


RARE_LATIN_COST = 14.5
"""A Latin letter of a two-byte sequence whose cost in the bundled tables is at least this is too
rare to take as mojibake from Windows-1252 characters that ftfy's badness heuristic, which knows
their mojibake best, passes as clean text: ``SELKÄ\u00a0EDELLÄ`` (Finnish, a no-break space
after each Ä) is ``SELKĠEDELL`` (Ġ 15.6), and ``AHÅ™`` (a Swedish product's name) ``AHř``
(ř 15.6); the heuristic reads the stretch with a character on either side (``DrÃ¥ber``, which
it reads as bad, is still ``Dråber``).  The accented letters of the main Western European
languages cost less (é 12.3, ü 13.2, ñ 13.6, ß 14.2, ø 14.4).  Greek letters are left out:
``Ï•`` is ``ϕ``, which ftfy passes too, and this archive's formulas are full of them."""


def _rare_latin_only(decoded: str) -> bool:
    """Are the characters past ASCII of ``decoded`` (what a group's valid sequences decode to)
    all two-byte Latin letters rarer than :data:`RARE_LATIN_COST`?

    >>> _rare_latin_only("Ġ å"), _rare_latin_only("Ġ é"), _rare_latin_only("Ġϕ")
    (True, False, False)
    """
    decoded = decoded.translate(_NO_ASCII)
    cost = LanguageModel.default().unigram_cost
    return bool(decoded) and all(ch <= "\u07ff" and _LATIN.match(ch) and cost(ch) >= RARE_LATIN_COST for ch in decoded)


_NO_ASCII = dict.fromkeys(range(128))
_LATIN = regex.compile(r"\p{Latin}")


def _ftfy_reads(original: str) -> bool:
    """Are ``original``'s characters all Windows-1252's, whose mojibake ftfy's badness heuristic
    knows best (see :data:`RARE_LATIN_COST`; ``SELKÄ\u00a0`` is Windows-1250 for the same bytes)?"""
    try:
        original.encode("windows-1252")
    except UnicodeEncodeError:
        return False
    return True


def _modifier_only(decoded: str) -> bool:
    """Is ``decoded`` (what a group's valid sequences decode to) spacing modifier symbols alone,
    besides ASCII: ``Āø`` is Windows-1257 for a spacing cedilla, ``¸``, which text hardly ever
    holds on its own?

    >>> _modifier_only("a¸"), _modifier_only("é")
    (True, False)
    """
    decoded = decoded.translate(_NO_ASCII)
    return bool(decoded) and _MODIFIERS.fullmatch(decoded) is not None


_MODIFIERS = regex.compile(r"\p{Sk}+")


def _rare_han(decoded: str) -> bool:
    """Is ``decoded`` (what a group's valid sequences decode to) one Han character, besides
    ASCII, rarer than :data:`RARE_HAN_COST`?"""
    decoded = decoded.strip(_ASCII)
    return (len(decoded) == 1 and _HAN.match(decoded) is not None
            and LanguageModel.default().unigram_cost(decoded) >= RARE_HAN_COST)


_HAN = regex.compile(r"\p{Han}")


def _framed(line: str, lo: int, hi: int) -> str:
    """``line[lo:hi]`` with the character on either side of it, as ftfy's badness heuristic reads
    a stretch: ``DrÃ¥ber`` is bad to it (``rÃ¥b``), ``Ã¥`` alone is not.

    >>> _framed("DrÃ¥ber", 2, 4), _framed("Ã¥", 0, 2)
    ('rÃ¥b', 'Ã¥')
    """
    return line[max(0, lo - 1) : hi + 1]


def _glued(line: str, lo: int, hi: int) -> bool:
    """Is a Latin letter right before or after ``line[lo:hi]``?"""
    return (lo > 0 and line[lo - 1].isascii() and line[lo - 1].isalpha()) or (
        hi < len(line) and line[hi].isascii() and line[hi].isalpha())


_MAC_ROMAN_QUOTES = frozenset(b"\xd2\xd3\xd4\xd5")  # “ ” ‘ ’


def _judge(codec: str, original: str, data: bytes, valid: int, gain: float, continued: bool = False,
           glued: bool = False, framed: str = "") -> str | None:
    """Is a group (``original`` in the text, ``data`` its bytes) with these valid sequences
    and gain :data:`ACCEPTED` as mojibake, :data:`WEAK` (mojibake where the codec is at work
    elsewhere), or neither (None)?

    ``continued``: one of its truncated units still has a continuation byte after its lead.
    ``framed``: the group with the character on either side of it (:func:`_framed`).
    """
    # (what its valid sequences and its ASCII decode to; without a valid sequence, no codec's
    # branch below takes the group but for a continued truncated unit, so nothing is decoded)
    decoded = data.decode("utf-8", "ignore") if valid else ""
    gains = bool(valid) and gain >= MIN_GAIN and gain >= MIN_GAIN_PER_SEQ * valid
    if codec == "cp437" and not any(ch >= "\u0800" for ch in decoded):
        # Code page 437's lead bytes C2-DF are box-drawing characters, and so are some of its
        # continuation bytes ("┼┐" is C5 BF, "ſ"; ftfy's line art "├┤a┼┐a" became "ôaſa"): a
        # group of two-byte sequences alone is mojibake only where the codec is at work
        # elsewhere, and is no evidence of it (see _one_codec)
        return WEAK if gains else None
    if codec == "mac-roman" and _TYPICAL.search(decoded) is None:
        # MacRoman maps curly quotes and accented letters onto UTF-8 lead and continuation
        # bytes, so sequences are a coincidence unless one decodes to a character this
        # archive is made of ("“ü" is MacRoman for "ҟ", but it is a quote and a ü, as often
        # twice in a line as once), or MacRoman is at work elsewhere in the text ("‚ë°" for
        # "②" on a line of its own).  Truncated sequences are left out: as U+FFFD (a
        # symbol) they would pass for typical.  Sequences that all start with a curly quote
        # (D2-D5: U+0480-U+057F, Cyrillic Supplement and Armenian) are no mojibake at all: a
        # text MacRoman damaged has its own quotes damaged too ("“" is "‚Äú"), and three weak
        # groups vouched for each other in one line ("“≤“≤“≤" had become "ҲҲҲ").
        if valid and all(m.group()[0] in _MAC_ROMAN_QUOTES for m in VALID_SEQ_RE.finditer(data)):
            return None
        return WEAK if gains else None
    if gains:
        if _DECODES_TO.search(decoded) is None:
            # sequences that only decode to letters this archive is not written in: Czech
            # "VÝŠE" is Windows-1252 for "V݊E" (Syriac), a coincidence unless the codec is
            # at work elsewhere in the text
            return WEAK
        if _rare_latin_only(decoded) and _ftfy_reads(original) and not is_bad(framed or original):
            # (as rare, from characters that read as clean text: a coincidence unless the
            # codec is at work elsewhere in the text; see RARE_LATIN_COST)
            return WEAK
        if valid == 1 and (
            _rare_han(decoded) or _modifier_only(decoded) or (not continued and _clean_looking(original, data, glued))
        ):
            # One sequence alone is mojibake only where the codec is at work elsewhere in
            # the text, like a group that only lost bytes, when it decodes to a rare
            # character ("é““" is Windows-1252 for "铓"), or when nothing beside it looks
            # damaged (no truncated sequence that kept a continuation byte) and its own
            # characters read as clean text ("café“…" is Windows-1252 for "caf铅").
            return WEAK
        return ACCEPTED
    if valid == 0 and continued:
        # a lead byte still followed by a continuation byte: rare in real text
        return WEAK
    return None


def _clean_looking(original: str, data: bytes, glued: bool = False) -> bool:
    """Do the characters that the one valid sequence of a group's bytes ``data`` came from
    read as clean text: in a shape of :data:`_CLEAN_LOOKING` (or :data:`_CYRILLIC_PAIR`, where
    the group is not ``glued`` to a Latin letter), and not mojibake to ftfy's badness
    heuristic?  (One byte per character: offsets in ``data`` are offsets in ``original``.)"""
    seq = VALID_SEQ_RE.search(data)
    if seq is None:
        return False
    chars = original[seq.start() : seq.end()]
    shaped = _CLEAN_LOOKING.fullmatch(chars) is not None or (not glued and _CYRILLIC_PAIR.fullmatch(chars) is not None)
    return shaped and not is_bad(chars)


def find_suspects(
    text: str, codecs: tuple[str, ...] = CODECS, *, elsewhere: int = 0, marks: dict[int, int] | None = None
) -> list[Suspect]:
    """Mojibake stretches of ``text``, sorted by position, not overlapping.

    ``codecs`` limits the codecs tried (in their order of preference).  ``elsewhere``: valid
    sequences of these codecs known outside ``text`` (in the rest of the document ``text``
    is a piece of), which count as its evidence too.  ``marks``: where a reader marked the
    bytes it could not map with U+FFFD (taken out of ``text`` since), how many markers
    followed each offset; each is a lost continuation byte (every byte the codecs leave
    undefined is one), which a line's share of them counts, and a truncated sequence with
    one after its lead byte is as good as one that kept a continuation byte.
    """
    if not is_suspect(text):
        return []
    placed: _Marks | None = None
    if marks:
        offsets = sorted(marks)
        placed = (offsets, [marks[i] for i in offsets])
    whole = _one_codec(text, codecs, elsewhere, placed)
    if whole is not None:
        return whole
    found: list[tuple[int, int, int, bool, float, int, Suspect]] = []
    # Runs wholly inside a stretch an earlier codec explained are not tried again.
    explained: list[tuple[int, int]] = []
    for rank, codec in enumerate(codecs):
        accepted, weak = _codec_findings(text, codec, explained, placed)
        borrowed = [_borrowed(text, [s], codec) for s in accepted]
        # (a stretch read with borrowed characters is tried again by the later codecs)
        explained = sorted(explained + _merge([(s.start, s.end) for s, b in zip(accepted, borrowed) if not b]))
        explained = _merge(explained)
        evidence = sum(s.valid for s in accepted) + elsewhere
        fallback = codec in FALLBACK_CODECS
        for s, b in zip(accepted, borrowed):
            found.append((s.valid, evidence, b, fallback, s.gain, rank, s))
        if evidence >= MIN_DOC_EVIDENCE:
            # Under a codec that is clearly at work, a group whose sequences all lost bytes
            # is still mojibake; the recovery step may keep it as it is.
            for s in weak:
                found.append((0, evidence, 0, fallback, 0.0, rank, s))
    # The reading that explains more sequences wins (a whole line in one codec beats a
    # fragment another codec happens to decode), then the one that reads fewer characters as
    # another codec's (a paragraph read through ISO-8859-15 beside one read through Windows-1252
    # is ISO-8859-15's, though Windows-1252 has more evidence in the whole text), then the
    # codec with more evidence in the whole text, then one not of FALLBACK_CODECS (as in
    # _one_codec), then the larger gain, then codec order.
    found.sort(key=lambda f: (-f[0], f[2], -f[1], f[3], -f[4], f[5], f[6].start))
    # (the same stretch read as well through a fallback codec, the likeliest where several do:
    # see _rather_fallback)
    alternatives: dict[tuple[int, int, int], Suspect] = {}
    for valid, _, b, fallback, *_, s in found:
        if fallback and valid and not b:
            key = (s.start, s.end, s.valid)
            if key not in alternatives or _reading_cost([s]) < _reading_cost([alternatives[key]]):
                alternatives[key] = s
    chosen: list[Suspect] = []
    taken: list[tuple[int, int]] = []
    for *_, s in found:
        if overlaps(taken, s.start, s.end):
            continue
        other = alternatives.get((s.start, s.end, s.valid))
        if other is not None and s.codec not in FALLBACK_CODECS and _rather_fallback([other], [s]):
            s = other
        chosen.append(s)
        bisect.insort(taken, (s.start, s.end))
    chosen.sort(key=lambda s: s.start)
    left = _lines_left(text, chosen, placed)
    if left:
        chosen = sorted(chosen + left, key=lambda s: s.start)
    return chosen


WHOLE_TEXT_EVIDENCE = 20
"""Valid sequences one codec must explain before the lines it left alone are read again
without their guards (:func:`_lines_left`)."""
WHOLE_TEXT_UNEXPLAINED = 0.02
"""At most this share of a text's non-ASCII characters may stand outside the stretches found,
for :func:`_lines_left` to read the lines that hold them again.  (Of the benchmark's 300 files
damaged by lossy Windows-1252, the one with such a line had 0.02% outside; a half-damaged file,
whose clean paragraphs hold Chinese, 27%.)"""


def _lines_left(text: str, found: list[Suspect], marks: "_Marks | None" = None) -> list[Suspect]:
    """The mojibake of lines that ``found`` leaves out, where the whole text went through one
    codec: every character of it is one the codec reads, that codec explains at least
    :data:`WHOLE_TEXT_EVIDENCE` valid sequences, and at most :data:`WHOLE_TEXT_UNEXPLAINED` of
    the text's non-ASCII characters stand outside ``found``.

    Such a text holds no clean accented letters (their bytes went through the codec too: "é"
    is "Ã©"), so the guards for lines that read as the codec's own text are lifted, for lines
    whose damage looks like Chinese text short of bytes (:func:`_cjk_damage_only`), in groups
    no Latin letter is glued to.  The heading ``### 句子-BERT`` lost three bytes to lossy
    Windows-1252 and left ``### å¥å-BERT``, whose bytes E5 A5 E5 are too few continuation
    bytes for mojibake; ``锁`` left ``é”``, an accented letter before a quote.  Both stayed so.
    """
    if not found:
        return []
    explained: dict[str, int] = {}
    for s in found:
        explained[s.codec] = explained.get(s.codec, 0) + s.valid
    codec = max(sorted(explained), key=lambda c: explained[c])
    if explained[codec] < WHOLE_TEXT_EVIDENCE or RUN_RE[codec].fullmatch(text) is None:
        return []
    high = len(text) - len(text.encode("ascii", "ignore"))
    inside = sum((s.end - s.start) - len(text[s.start : s.end].encode("ascii", "ignore")) for s in found)
    if high - inside > WHOLE_TEXT_UNEXPLAINED * high:
        return []
    taken = [(s.start, s.end) for s in found]
    out: list[Suspect] = []
    for ls, le in _lines_holding(PAIR_RE[codec], text):
        if overlaps(taken, ls, le):
            continue
        line = text[ls:le]
        if not _cjk_damage_only(encode_run(line, codec)):
            continue
        for _verdict, start, end, data, whole, valid, truncated, gain in _analyse_line(line, codec, _marks_in(marks, ls, le), guarded=False):
            if not _glued(line, start, end):
                out.append(Suspect(start + ls, end + ls, codec, data, whole, valid, truncated, gain))
    return out


# The lead bytes of the characters of this archive's text: CJK marks, kana and Han (E3-E9),
# full-width forms (EF).
_CJK_LEADS = frozenset([*range(0xE3, 0xEA), 0xEF])


def _cjk_damage_only(data: bytes) -> bool:
    """Is every damaged unit of a line's bytes ``data`` a CJK character or mark short of bytes
    (a truncated unit whose lead byte is in :data:`_CJK_LEADS`), with no stray byte?  Lost
    continuation bytes leave no strays; clean Latin text does (“ and « are continuation bytes).

    >>> _cjk_damage_only("### å¥å-BERT".encode("windows-1252")), _cjk_damage_only("«à»".encode("windows-1252"))
    (True, False)
    >>> _cjk_damage_only("He said “é” aloud".encode("windows-1252"))
    False
    """
    return all(kind == "trunc" and data[a] in _CJK_LEADS for kind, a, _ in damaged_units(data))


def _line_codec(line: str, codecs: tuple[str, ...]) -> str | None:
    """The first of ``codecs`` that reads every character of ``line``, if one does."""
    return next((c for c in codecs if RUN_RE[c].fullmatch(line)), None)


def _lines_in_one_codec(text: str, line_re: re.Pattern[str], codecs: tuple[str, ...]) -> Iterator[tuple[int, str, bytes]]:
    """``(start, codec, bytes)`` of each line of ``text`` that ``line_re`` finds and whose
    characters are all of one of ``codecs`` (the first such), read back through it."""
    for ls, le in _lines_holding(line_re, text):
        line = text[ls:le]
        codec = _line_codec(line, codecs)
        if codec is not None:
            yield ls, codec, encode_run(line, codec)


def _stand_in_places(
    text: str, line_re: re.Pattern[str], codecs: tuple[str, ...], stand_ins: Callable[[str], dict[int, tuple[int, ...]]],
    marks: dict[int, int] | None,
) -> tuple[dict[int, str], int] | None:
    """Where ASCII characters of ``text``'s mojibake stand for bytes (``stand_ins(codec)``: each
    one's byte and the bytes it may stand for), each with the codec of its line, and how many
    whole sequences those lines hold; None where a truncated sequence is neither made whole by
    stand-ins after it (:func:`.bytes_recovery.stand_ins_complete`) nor made up for by the
    ``marks`` after its characters (a reader's markers, taken out) nor by both, a stand-in beside
    markers, or a stray byte is no part of such a sequence.  The lines looked at are those
    ``line_re`` finds whose characters are all of one of ``codecs`` (the first such)."""
    places: dict[int, str] = {}
    valid = 0
    for ls, codec, data in _lines_in_one_codec(text, line_re, codecs):
        table = stand_ins(codec)
        completed = 0  # where the sequence the last stand-ins made whole ends
        for kind, a, b in damaged_units(data):
            if kind == "stray" and b <= completed:
                continue  # (continuation bytes after a stand-in: 码 is E7, a space, 81)
            inside = sum(marks.get(ls + j, 0) for j in range(a, b)) if kind == "trunc" and marks else 0
            if inside and inside == seq_len(data[a]) - (b - a):
                continue  # (its lost bytes were marked)
            if kind == "trunc" and marks and b < len(data) and data[b] in table:
                # (markers for the bytes before or after a stand-in: 码, E7 A0 81, is "ç �" where a
                # reader marked 81, 加, E5 8A A0, "å� " where it marked 8A, and 意, E6 84 8F, with
                # its quote straightened "æ\"�")
                after = marks.get(ls + b, 0)
                if inside + after and inside + 1 + after == seq_len(data[a]) - (b - a):
                    places[ls + b] = codec
                    completed = b + 1
                    continue
            end, at = stand_ins_complete(data, a, b, table) if kind == "trunc" else (0, ())
            if not end:
                return None
            places.update((ls + q, codec) for q in at)
            completed = end
        valid += len(VALID_SEQ_RE.findall(data))
    return places, valid


def spaces_for_a0(text: str, marks: dict[int, int] | None = None) -> str | None:
    """``text`` with each space that stands for byte A0 in its mojibake put back as the no-break
    space its codec reads A0 as; None where there is none, or the text shows other damage.
    ``marks``: how many markers a reader left after each offset of ``text`` (taken out since;
    a straightened quote among them, :func:`straightened_quotes`).

    A process that took the no-break space for a space (Windows-1252, Latin-1, -1250, -1251
    and -1257 read A0 so) cuts every sequence holding byte A0 in two: ``你`` (E4 BD A0) became
    ``ä½ ``, which read as a truncated ``ä½`` and a space had come back ``位 `` (0 of 20 archive
    posts exact, 3,276 wrong characters).  Spaces are put back only where every truncated
    sequence of the text's mojibake is one that a space ends and that A0 in its place makes
    whole (or one whose lost bytes were marked; and every stray byte is one of those
    sequences), at least :data:`MIN_DOC_EVIDENCE` of them, and the text holds as many whole
    sequences besides: a text that also lost bytes to a strict reader keeps its spaces (``”``
    less its 9D before a space would otherwise read ``†``), and so do clean Portuguese
    (``IRMÃ E``) and clean Latin text beside mojibake (``“café” and``: the quotes are stray
    bytes).

    >>> damaged = "你好，学习了，你呢？".encode("utf-8").decode("windows-1252").replace("\xa0", " ")
    >>> damaged, spaces_for_a0(damaged).encode("windows-1252").decode("utf-8")
    ('ä½ å¥½ï¼Œå­¦ä¹ äº†ï¼Œä½ å‘¢ï¼Ÿ', '你好，学习了，你呢？')
    >>> spaces_for_a0("IRMÃ E MÃE") is None
    True
    """
    found = _stand_in_places(text, SUSPECT_RE, NBSP_CODECS, lambda codec: SPACE_FOR_A0, marks)
    if found is None:
        return None
    places, valid = found
    if len(places) < MIN_DOC_EVIDENCE or valid < MIN_DOC_EVIDENCE:
        return None
    return with_no_break_spaces(text, places)


def with_no_break_spaces(text: str, places) -> str:
    """``text`` with the characters at ``places`` (spaces that stood for byte A0) made the no-break
    space that the codecs of :data:`.chardata.NBSP_CODECS` read A0 as, one character for one.

    >>> with_no_break_spaces("ä½ å", [2])
    'ä½\xa0å'
    """
    chars = list(text)
    for i in places:
        chars[i] = "\xa0"
    return "".join(chars)


def spaces_may_be_a0(text: str) -> bool:
    """May a space right after a truncated sequence of ``text``'s mojibake be its byte A0, where
    :func:`spaces_for_a0` cannot tell (the text also lost bytes to a strict reader)?  Only where
    the text holds no no-break space, which its codec reads A0 as, and at least
    :data:`MIN_DOC_EVIDENCE` spaces make a truncated sequence whole as A0.

    >>> damaged = "你好，我们学习了四篇中文论文。你呢".encode("utf-8").translate(None, b"\\x81\\x8d\\x8f\\x90\\x9d\\xad").decode("cp1252")
    >>> spaces_may_be_a0(damaged.replace("\\xa0", " ")), spaces_may_be_a0(damaged)
    (True, False)
    """
    if "\xa0" in text:
        return False
    seen = 0
    for _, _, data in _lines_in_one_codec(text, SUSPECT_RE, NBSP_CODECS):
        for kind, a, b in damaged_units(data):
            if kind == "trunc" and stand_ins_complete(data, a, b, SPACE_FOR_A0)[0]:  # (a space right after it)
                seen += 1
                if seen >= MIN_DOC_EVIDENCE:
                    return True
    return False


def spaces_inside_sequences(text: str) -> str | None:
    """``text`` with each space of its mojibake that sits inside a sequence put back as the
    no-break space its codec reads byte A0 as: a truncated sequence, the space, then the
    continuation bytes that, with A0 for the space, make it whole; None where there is none.

    For a text that also lost bytes (where :func:`spaces_for_a0` puts none back, and
    :func:`spaces_may_be_a0` holds).  ``标`` (E6 A0 87) is ``æ ‡``: read with the space, the
    ``‡`` is a stray byte that starts no stretch of mojibake, and the stretch before it ends at a
    truncated ``æ``.  Lines whose stretches the spaces cut read wrongly: ``### æ ‡ç¾åŒæ¥``
    (``### 标签同步``, every other character short of a byte) held no whole sequence but
    MacRoman's ``Œæ``.  A space the sequence ends at (``你`` is ``ä½ ``) may be the text's own,
    after a character that lost a byte (``位`` less its 8D); the model weighs those
    (:func:`joined_across_stand_ins`).  Nor is a space put back after a letter or digit and a lead
    byte (``café ©``, 頩 E9 A0 A9), nor where a continuation byte follows the sequence.

    >>> damaged = "目标检测".encode("utf-8").decode("windows-1252").replace("\xa0", " ")
    >>> damaged, spaces_inside_sequences(damaged).encode("windows-1252").decode("utf-8")
    ('ç›®æ ‡æ£€æµ‹', '目标检测')
    >>> spaces_inside_sequences("ä½ å¥½"), spaces_inside_sequences("café ©2020 ä½")
    (None, None)
    """
    places: list[int] = []
    for ls, _, data in _lines_in_one_codec(text, SUSPECT_RE, NBSP_CODECS):
        for kind, a, b in damaged_units(data):
            if kind != "trunc" or (a and 0x30 <= data[a - 1] < 0x80 and chr(data[a - 1]).isalnum()):
                continue
            end, at = stand_ins_complete(data, a, b, SPACE_FOR_A0)
            if end and _inside(data, end, at):
                places.extend(ls + q for q in at)
    return with_no_break_spaces(text, places) if places else None


def _inside(data: bytes, end: int, at: tuple[int, ...]) -> bool:
    """Do the stand-ins at ``at`` sit inside the sequence of ``data`` that ends at ``end``: a
    continuation byte after the last of them, and none right after the sequence?

    >>> _inside(b"\\xe6 \\x87x", 3, (1,)), _inside(b"\\xe4\\xbd ", 3, (2,)), _inside(b"\\xe6 \\x87\\x87", 3, (1,))
    (True, False, False)
    """
    follows = data[end] if end < len(data) else 0
    return at[-1] + 1 < end and not 0x80 <= follows <= 0xBF


# Per codec, the characters it reads UTF-8's continuation bytes (80-BF) as.
_CONTINUATION_CHARS = {c: frozenset(DECODE_TABLES[c][b] for b in range(0x80, 0xC0)) for c in CODECS}


def joined_across_stand_ins(text: str, suspects: list[Suspect], stand_ins: dict[str, dict[int, tuple[int, ...]]]) -> list[Suspect]:
    """``suspects`` with each one whose last unit is truncated joined to the stand-in after it
    (``stand_ins[codec]``: the ASCII characters that may stand for a byte there, a space for A0
    where :func:`spaces_may_be_a0` holds, a straight quote where :func:`quotes_may_be_bytes`
    does), the continuation bytes after that which its sequence may still need, and the stretch
    right after those.

    ``码`` (E7 A0 81) lost its 81 besides its A0: ``代码:`` is ``ä»£ç :``, whose stretch ended at
    the truncated ``ç``, before the space.  So with a quote: ``意见`` (意 is E6 84 8F) is
    ``æ"è§`` with its 84 straightened and its 8F lost.

    >>> damaged = "代码:".encode("utf-8").decode("windows-1252", "ignore").replace("\\xa0", " ")
    >>> from digestparse.repair.detect import find_suspects
    >>> [(s.start, s.end) for s in find_suspects(damaged)], [(s.start, s.end) for s in joined_across_stand_ins(damaged, find_suspects(damaged), {"windows-1252": {0x20: (0xA0,)}})]
    ([(0, 4)], [(0, 5)])
    """
    out: list[Suspect] = []
    reach = -1  # (where the last suspect, with the stand-in after it, may go on)
    for sus in suspects:
        if sus.start == reach and out[-1].codec == sus.codec:
            out[-1] = _joined(text, out[-1], sus.end, sus)
        else:
            out.append(sus)
        reach = -1
        last = out[-1]
        units = last.units
        table = stand_ins.get(last.codec)
        if not table or not units or units[-1].kind != "trunc" or last.end >= len(text) or ord(text[last.end]) not in table:
            continue
        raw = last.data[units[-1].start :]
        # (the continuation bytes its sequence still needs, less the stand-in's)
        need = seq_len(raw[0]) - len(raw) - 1
        cont = _CONTINUATION_CHARS[last.codec]
        end = last.end + 1
        while end - last.end - 1 < need and end < len(text) and text[end] in cont:
            end += 1
        out[-1] = _joined(text, last, end)
        reach = end
    return out


def _joined(text: str, first: Suspect, end: int, second: Suspect | None = None) -> Suspect:
    """One suspect over ``text[first.start:end]``, which holds ``first`` and ``second``."""
    valid, truncated, gain = first.valid, first.truncated, first.gain
    if second is not None:
        valid, truncated, gain = valid + second.valid, truncated + second.truncated, gain + second.gain
    return Suspect(first.start, end, first.codec, encode_run(text[first.start : end], first.codec), False, valid, truncated, gain)


# A line that may hold mojibake: a lead and continuation pair, or a lead byte before a straight
# quote (``PyTorch å'Œ Tensors``, 和: a quote cut the line's only sequence).
_QUOTE_LINE_RE = re.compile(
    SUSPECT_RE.pattern + "|[" + "".join(sorted({re.escape(DECODE_TABLES[c][b]) for c in QUOTE_CODECS for b in range(0xC2, 0xF5)}))
    + "][\"']"
)


# A straight quote right after a character past ASCII, or after one and a space that stood for A0
# (研, E7 A0 94, is 'ç "'): :func:`straightened_quotes` reads a text's lines only where three are.
_QUOTE_AFTER_HIGH = re.compile("[^\x00-\x7f] ?[\"']")


def _quote_stand_ins(codec: str) -> dict[int, tuple[int, ...]]:
    """The straight quotes, and a space for A0 where ``codec`` reads A0 as a no-break space (a
    process that straightens quotes may make those spaces too)."""
    return {**QUOTES_FOR_BYTES, **SPACE_FOR_A0} if codec in NBSP_CODECS else QUOTES_FOR_BYTES


def _may_hold_straightened_quotes(text: str) -> bool:
    """Does ``text`` hold none of the curly quotes, and :data:`MIN_DOC_EVIDENCE` straight ones
    right after a character past ASCII?  Only such a text is read line by line for quotes that
    stood for bytes (Latin-1 mojibake holds no curly quote, and reading its lines took a fifth of
    its repair time)."""
    if not CURLY_QUOTES.isdisjoint(text) or ('"' not in text and "'" not in text):
        return False
    return sum(1 for _ in itertools.islice(_QUOTE_AFTER_HIGH.finditer(text), MIN_DOC_EVIDENCE)) >= MIN_DOC_EVIDENCE


def straightened_quotes(text: str, marks: dict[int, int] | None = None) -> dict[int, str]:
    """The straight quotes of ``text`` that stand for bytes 82, 84 or 91-94 of its mojibake, each
    with the codec of its line, where none of the curly quotes is left; and the spaces that stand
    for byte A0 there (a process that straightened the quotes may have made no-break spaces
    spaces too: ``研``, E7 A0 94, is ``ç "``).  ``marks``: as :func:`spaces_for_a0` takes them.

    A process that straightens curly quotes (ftfy's defaults among them) also straightens those
    a Windows codec read these bytes as, and so cuts the sequences that held them: ``品``
    (E5 93 81) is ``å"\\x81`` and ``–`` (E2 80 93) ``â€"``, a truncated sequence and a quote
    (0 of 20 archive posts exact, 5% of their characters wrong).  Each quote is a lost byte of
    three (:data:`.chardata.QUOTE_BYTES`), which the model chooses among, as among the
    bytes a reader left markers for.  Quotes are taken so only where the text holds no curly
    quote, every truncated sequence of its mojibake is one that the quotes after it make whole
    (or spaces for byte A0, :func:`spaces_for_a0`, or markers; and every stray byte is one of
    those sequences), at least :data:`MIN_DOC_EVIDENCE` of them, and the text holds as many
    whole sequences besides: a quote after mojibake that also lost bytes may be the text's own
    (``"ä¸"`` is ``"中"`` less its AD), and clean Latin text keeps its quotes (``café"``).

    >>> import ftfy
    >>> damaged = "我们的作用和味很好".encode("utf-8").decode("windows-1252")
    >>> damaged = ftfy.fixes.uncurl_quotes(damaged)
    >>> damaged, sorted(straightened_quotes(damaged))
    ('æˆ\\'ä»¬çš"ä½œç"¨å\\'Œå\\'³å¾ˆå¥½', [2, 8, 13, 16, 19])
    >>> straightened_quotes('He said "café" and "ok"'), straightened_quotes("å“\\x81 “å\\"³”")
    ({}, {})
    >>> damaged = ftfy.fixes.uncurl_quotes("研究我们的模型".encode("utf-8").decode("windows-1252")).replace("\\xa0", " ")
    >>> damaged, sorted(straightened_quotes(damaged))
    ('ç "ç©¶æˆ\\'ä»¬çš"æ¨¡åž‹', [1, 2, 8, 14])
    """
    if not _may_hold_straightened_quotes(text):
        return {}
    found = _stand_in_places(text, _QUOTE_LINE_RE, QUOTE_CODECS, _quote_stand_ins, marks)
    if found is None:
        return {}
    places, valid = found
    if sum(text[i] != " " for i in places) < MIN_DOC_EVIDENCE or valid < MIN_DOC_EVIDENCE:
        return {}
    return places


def _runs_in_one_codec(text: str, line_re: re.Pattern[str], codecs: tuple[str, ...]) -> Iterator[tuple[int, str, bytes]]:
    """As :func:`_lines_in_one_codec`, and for a line whose characters are not all of one of
    ``codecs``, each run of the first codec's characters on it that ``line_re`` finds: a text
    that ftfy's defaults went over holds the Chinese they decoded beside the mojibake they could
    not (a sequence that lost a byte, and those beside it)."""
    for ls, le in _lines_holding(line_re, text):
        line = text[ls:le]
        codec = _line_codec(line, codecs)
        if codec is not None:
            yield ls, codec, encode_run(line, codec)
            continue
        for m in RUN_RE[codecs[0]].finditer(line):
            if line_re.search(m.group()):
                yield ls + m.start(), codecs[0], encode_run(m.group(), codecs[0])


def _quotes_completing(text: str) -> Iterator[tuple[int, str, bytes, int, tuple[int, ...]]]:
    """``(line start, codec, line bytes, sequence end, stand-in places)`` of each truncated
    sequence of ``text``'s mojibake that straight quotes (and spaces for A0) after it make whole,
    a quote among them, where no curly quote is left and three quotes follow characters past
    ASCII; places and ends are offsets in the line."""
    if not _may_hold_straightened_quotes(text):
        return
    for ls, codec, data in _runs_in_one_codec(text, _QUOTE_LINE_RE, QUOTE_CODECS):
        table = _quote_stand_ins(codec)
        for kind, a, b in damaged_units(data):
            if kind == "trunc" and data[b : b + 1] in (b'"', b"'", b" "):
                end, at = stand_ins_complete(data, a, b, table)
                if end and any(data[q] != 0x20 for q in at):
                    yield ls, codec, data, end, at


def quotes_may_be_bytes(text: str) -> bool:
    """May a straight quote right after a truncated sequence of ``text``'s mojibake be a byte of
    a curly quote, where :func:`straightened_quotes` cannot tell (the text also lost bytes to a
    strict reader, and a quote after such a sequence may be the text's own)?  Only where no
    curly quote is left and at least :data:`MIN_DOC_EVIDENCE` quotes make a truncated sequence
    whole with continuation bytes after them (``和``, E5 92 8C, is ``å'Œ``): no text puts its own
    quote before a stray continuation byte, while one that ends a sequence may be the text's own
    (``"ä¸"`` is ``"中"`` less its AD, and ``专`` is E4 B8 93).

    >>> import ftfy
    >>> damaged = "我们的作用和味很好，中文".encode("utf-8").translate(None, b"\\x81\\x8d\\x8f\\x90\\x9d\\xad").decode("cp1252")
    >>> quotes_may_be_bytes(ftfy.fixes.uncurl_quotes(damaged)), quotes_may_be_bytes(damaged)
    (True, False)
    """
    inside = (1 for _, _, data, end, at in _quotes_completing(text) if _inside(data, end, at))
    return sum(1 for _ in itertools.islice(inside, MIN_DOC_EVIDENCE)) >= MIN_DOC_EVIDENCE


def quotes_inside_sequences(text: str) -> dict[int, str]:
    """The straight quotes of ``text``'s mojibake that sit inside a sequence, each with the codec
    of its line, and the spaces for A0 beside them: a truncated sequence, then the stand-ins and
    continuation bytes that make it whole, where :func:`quotes_may_be_bytes` holds.

    ``和`` (E5 92 8C) is ``å'Œ``, and the stray ``Œ`` starts no stretch of mojibake, so the
    stretch before it ends at a truncated ``å``.  A quote that ends its sequence may be the
    text's own (``"ä¸"`` is ``"中"`` less its AD, and ``专`` is E4 B8 93): the model weighs those.
    Nor is a quote taken where a continuation byte follows the sequence.

    >>> import ftfy
    >>> damaged = ftfy.fixes.uncurl_quotes("我们的作用和味很好".encode("utf-8").decode("cp1252"))
    >>> damaged, sorted(quotes_inside_sequences(damaged))
    ('æˆ\\'ä»¬çš"ä½œç"¨å\\'Œå\\'³å¾ˆå¥½', [13, 16, 19])
    """
    places: dict[int, str] = {}
    for ls, codec, data, end, at in _quotes_completing(text):
        if _inside(data, end, at):
            places.update((ls + q, codec) for q in at)
    return places


# A run of HTML character references, nothing between them.
_REF_RUN = re.compile(r"(?:&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)+")


def unescape_mojibake_refs(page: str) -> str:
    """``page`` (HTML) with each run of character references that spells mojibake put back as the
    characters: a page that escaped its non-ASCII characters hides its mojibake from the
    detector (``&Atilde;&copy;`` for ``Ã©``, ``é``), and the parser decoded it only after repair.
    A run is put back only where its characters hold a lead and continuation pair and none is
    ASCII (``&lt;`` stays markup), so other references (``&eacute;``) stay as they are.

    >>> unescape_mojibake_refs("<p>caf&Atilde;&copy; &eacute; &lt;b&gt; &#230;&#136;&#145;</p>")
    '<p>cafÃ© &eacute; &lt;b&gt; æˆ‘</p>'
    """
    if "&" not in page:
        return page

    def put_back(m: re.Match[str]) -> str:
        chars = html.unescape(m.group())
        if chars == m.group() or not all(ch > "\x7f" for ch in chars) or SUSPECT_RE.search(chars) is None:
            return m.group()
        return chars

    return _REF_RUN.sub(put_back, page)


def _one_codec(text: str, codecs: tuple[str, ...], elsewhere: int = 0, marks: "_Marks | None" = None) -> list[Suspect] | None:
    """Fast path for the common case of a whole file read through one wrong codec.

    When, for one codec, every line that shows a lead + continuation pair under any codec
    is encodable as a whole and is one group (accepted as mojibake, or holding only
    truncated sequences while the codec has :data:`MIN_DOC_EVIDENCE` valid ones in the
    text), those lines are the answer.  When several codecs read every line so (Windows-1250
    and -1257 spell "数据" alike, as "ę•°ę¨®", which Windows-1250 bytes make "ꕰꨮ"), the
    reading that leaves fewer sequences truncated, then the one that reads fewer characters
    as another codec's (:func:`_borrowed`), then (but for :data:`FALLBACK_MARGIN`) one not of
    :data:`.chardata.FALLBACK_CODECS`, then the larger gain, then the likelier
    characters under the bundled statistics, then the earlier codec wins (MacRoman's "！…"
    is also three Windows-1252 sequences, "ԺłĶ": neither truncates, and the gain of
    the likelier characters decides).  A line of mixed
    text (real accents beside mojibake, bytes that cannot be UTF-8) leaves this path, and so
    does a text whose best reading borrows characters (paragraphs read through two codecs).
    """
    lines = [(ls, text[ls:le]) for ls, le in _lines_holding(SUSPECT_RE, text)]
    if not lines:
        return None
    # (how it ranks: (-truncated, -borrowed, gain); the codec's rank; its stretches)
    readings: list[tuple[tuple[int, int, float], int, list[Suspect]]] = []
    for rank, codec in enumerate(codecs):
        if readings and _same_bytes(text, readings[0][2], codec):
            # (Latin-1 mojibake is Windows-1252 mojibake too, byte for byte; but where that
            # reading took C1 controls for letters, the codec that reads them wins: the same
            # stretches under its name)
            (truncated, borrowed, gain), _, first = readings[0]
            if borrowed:
                out = [replace(s, codec=codec) for s in first]
                readings.append(((truncated, -_borrowed(text, out, codec), gain), rank, out))
            continue
        run = RUN_RE[codec]
        out: list[Suspect] = []
        evidence = elsewhere
        has_weak = False
        for offset, line in lines:
            if run.fullmatch(line) is None:
                break
            acc: list[Suspect] = []
            weak: list[Suspect] = []
            _line_findings(text, offset, line, codec, acc, weak, marks)
            if len(acc) + len(weak) != 1:
                break
            sus = (acc or weak)[0]
            trimmed = line.strip(_ASCII)
            if sus.end - sus.start != len(trimmed):
                break  # the line is more than one group (strays, too, part groups)
            if acc or codec != "cp437":
                evidence += sus.valid  # (weak groups vouch for each other, but not box drawing)
            has_weak = has_weak or bool(weak)
            out.append(sus)
        else:
            if has_weak and evidence < MIN_DOC_EVIDENCE:
                return None
            key = (-sum(s.truncated for s in out), -_borrowed(text, out, codec), sum(s.gain for s in out))
            readings.append((key, rank, out))
    if not readings:
        return None
    top = max(r[0][:2] for r in readings)
    contenders = [r for r in readings if r[0][:2] == top]
    common = [r for r in contenders if codecs[r[1]] not in FALLBACK_CODECS]
    chosen = _best_reading(common or contenders)
    fallbacks = [r for r in contenders if codecs[r[1]] in FALLBACK_CODECS]
    if common and fallbacks:
        likeliest = min(fallbacks, key=lambda r: (_reading_cost(r[2]), r[1]))
        if _rather_fallback(likeliest[2], chosen[2]):
            chosen = likeliest
    if chosen[0][1]:
        # (the best reading takes C1 controls for letters: paragraphs read through two codecs,
        # which the line by line search tells apart)
        return None
    return chosen[2]


FALLBACK_MARGIN = 0.25
"""How much likelier (nats per character they decode differently, by the bundled unigrams) the
characters that a codec of :data:`.chardata.FALLBACK_CODECS` decodes a text to must be than those
of the commoner codec that reads it as well: ``学习`` through ISO-8859-15 is ``å\xadŠä¹\xa0``,
which Windows-1252 reads as ``孊习`` (学 5.9, 孊 15.6), and ISO-8859-15 wins; ``η`` encoded twice
through Windows-1252 is ``Î·`` under it and ``ô·`` under ISO-8859-15 (Î 14.61, ô 14.53), a near
tie the commoner codec keeps (``ηηηη`` too).  Small: with 0.5, 34 pairs of the property tests'
tokens through ISO-8859-2 came back wrong (``中η``: η 0.25-0.5 likelier than Windows-1250's
``Ρ``), none with 0.25.  Short texts stay ambiguous: Swedish ``går`` through ISO-8859-2 is
``gĂĽr``, which Windows-1250 reads as ``gür``, and ``ü`` is the likelier."""


def _rather_fallback(fallback: list[Suspect], common: list[Suspect]) -> bool:
    """Does the reading ``fallback`` (through a codec of :data:`.chardata.FALLBACK_CODECS`) beat
    ``common``, which reads the same text as well through a commoner codec: are its characters
    likelier by :data:`FALLBACK_MARGIN` per character the two decode differently?"""
    ours, theirs = _decoded(fallback), _decoded(common)
    differ = sum(a != b for a, b in zip(ours, theirs)) + abs(len(ours) - len(theirs))
    return _reading_cost(fallback) + FALLBACK_MARGIN * max(1, differ) < _reading_cost(common)


def _best_reading(readings: list) -> tuple:
    """The reading of :func:`_one_codec` that gains most; on a tie, the one whose characters the
    statistics favour, then the earlier codec."""
    best = max(r[0] for r in readings)
    tied = [r for r in readings if r[0] == best]
    if len(tied) > 1:
        # the same prior gain (Han for Han): the characters the statistics favour decide
        return min(tied, key=lambda r: (_reading_cost(r[2]), r[1]))
    return tied[0]


# Per codec, the characters it encodes that its own reader never gives: the C1 controls that
# Windows-1252 takes for the bytes it maps to letters and marks (for mojibake read partly as
# Latin-1).
_BORROWED = {c: frozenset(chr(cp) for cp in ENCODE_TABLES[c]) - frozenset(DECODE_TABLES[c]) for c in CODECS}
_BORROWED_RE = {c: re.compile("[" + re.escape("".join(sorted(chars))) + "]") for c, chars in _BORROWED.items() if chars}


def _borrowed(text: str, found: list[Suspect], codec: str) -> int:
    """How many characters of ``found``'s stretches ``codec`` reads only as another codec's
    (:data:`_BORROWED`).  A codec that reads them as its own wins a tie of truncated sequences:
    ISO-8859-15 gives C1 controls for 80-9F and ``ž`` for B8, which Windows-1252 reads as 9E;
    both are continuation bytes, and the gain of the letters the outer layer of a double
    encoding decodes to had decided for Windows-1252 (``äž`` for ``中``, then ``ş`` in it).

    >>> text = "äž\x8a"
    >>> [_borrowed(text, [Suspect(0, 3, c, b"", True, 1, 0, 0.0)], c) for c in ("windows-1252", "iso-8859-15")]
    [1, 0]
    """
    pattern = _BORROWED_RE.get(codec)
    if pattern is None:
        return 0
    return sum(len(pattern.findall(text, s.start, s.end)) for s in found)


def _same_bytes(text: str, found: list[Suspect], codec: str) -> bool:
    """Does ``codec`` turn every stretch of ``found`` into the bytes ``found`` holds (so that
    it reads every line of :func:`_one_codec` the same)?"""
    run = RUN_RE[codec]
    for s in found:
        stretch = text[s.start : s.end]
        if run.fullmatch(stretch) is None or encode_run(stretch, codec) != s.data:
            return False
    return True


def _decoded(found: list[Suspect]) -> str:
    """The characters past ASCII that ``found``'s valid sequences decode to."""
    return "".join(ch for s in found for ch in s.data.decode("utf-8", "ignore") if ch > "\x7f")


def _reading_cost(found: list[Suspect]) -> float:
    """The bundled unigram cost of the characters that ``found``'s valid sequences decode to."""
    lm = LanguageModel.default()
    return sum(lm.unigram_cost(ch) for ch in _decoded(found))


def _merge(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted union of intervals."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(intervals):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out
