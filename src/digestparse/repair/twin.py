"""Restore uncertain characters from a clean twin (another copy of the same document).

The repaired text is aligned with the twin, lines first and then characters within
lines that differ.  Where the two differ only at *uncertain* positions (characters rebuilt
from lost bytes, or left as U+FFFD) and the twin's character is one the damage could have
produced, the twin's character is taken.  Everything else stays as repaired.  An uncertain
position where the aligned twin already has the same character is *confirmed*.

>>> ok = lambda ch: ch in "中不"
>>> restore("a不b\\nc", {1: ok}, "a中b\\nc")
Restored(text='a中b\\nc', changes=[(1, '不', '中')], confirmed=[])
>>> restore("a不b", {1: ok}, "a国b")
Restored(text='a不b', changes=[], confirmed=[])
>>> restore("a中b\\nc", {1: ok}, "a中b\\nc")
Restored(text='a中b\\nc', changes=[], confirmed=[1])
"""

from __future__ import annotations

import re
from bisect import bisect_right
from codecs import charmap_decode
from difflib import SequenceMatcher
from os.path import commonprefix
from functools import partial
from typing import TYPE_CHECKING, Callable, Iterator, NamedTuple

from .chardata import CURLY_QUOTES, DECODE_TABLES, NBSP_CODECS, PYTHON_NAMES, QUOTE_BYTES, QUOTE_CODECS

if TYPE_CHECKING:
    from .fixes import Piece

__all__ = ["restore", "consistent", "rebuilt_characters", "Restored", "missed_runs", "Damage", "damages", "twin_lines",
           "line_changes"]

# does the twin's character fit the damage seen at a position of the repaired text?
Check = Callable[[str], bool]

# Longer stretches than this (characters, on either side) are aligned sentence by sentence
# first: aligning characters costs time with the product of the lengths (a one-line copy of
# a whole document took minutes).
CHAR_ALIGN_LIMIT = 20_000
# A sentence with the marks and spaces that end it (or marks without a sentence before them).
_SENTENCE = re.compile(r"[^。！？；.!?;]+[。！？；.!?;]*\s*|[。！？；.!?;]+\s*")


def consistent(trunc: bytes, droppable: frozenset[int], ch: str) -> bool:
    """Could ``ch`` have become the truncated bytes ``trunc`` by losing droppable bytes?

    >>> consistent(b"\\xe4\\xb8", frozenset({0xAD, 0x8D}), "中")
    True
    >>> consistent(b"\\xe4\\xb8", frozenset({0xAD}), "丁")
    False
    """
    try:
        raw = ch.encode("utf-8")
    except UnicodeEncodeError:
        return False
    if len(raw) <= len(trunc) or raw[0] != trunc[0]:
        return False
    # Drop bytes greedily from the end: a subsequence match where all skipped bytes are droppable.
    i = 0
    for b in raw:
        if i < len(trunc) and b == trunc[i]:
            i += 1
        elif b not in droppable:
            return False
    return i == len(trunc)


def rebuilt_characters(piece: Piece) -> list[tuple[int, Check]]:
    """Each character of ``piece`` that byte recovery rebuilt from lost bytes: its offset in
    the piece's output and what those bytes allow there (a twin's character is taken only
    where they do).

    >>> from .fixes import Piece
    >>> [(rel, allows("中"), allows("丁")) for rel, allows in rebuilt_characters(
    ...     Piece(0, 2, "不", "byte-recovery", (), trunc=b"\\xe4\\xb8", droppable=frozenset({0xAD, 0x8D})))]
    [(0, True, False)]
    """
    if piece.method != "byte-recovery":
        return []
    found: list[tuple[int, Check]] = []
    if piece.trunc and len(piece.out) == 1:
        found.append((0, partial(consistent, piece.trunc, piece.droppable)))
    found.extend((rel, allowed.__contains__) for rel, allowed in piece.recovered)
    return found


class Restored(NamedTuple):
    text: str
    changes: list[tuple[int, str, str]]
    """``(offset, old, new)`` for each character taken from the twin"""
    confirmed: list[int]
    """uncertain offsets whose character the aligned twin has too"""


def restore(text: str, uncertain: dict[int, Check], twin: str) -> Restored:
    """Align ``text`` with ``twin`` and settle its ``uncertain`` positions from it."""
    if not uncertain or not twin:
        return Restored(text, [], [])
    out = list(text)
    changes: list[tuple[int, str, str]] = []
    confirmed: list[int] = []
    a_lines = text.splitlines(keepends=True)
    b_lines = twin.splitlines(keepends=True)
    a_off = _offsets(a_lines)
    b_off = _offsets(b_lines)
    sm = SequenceMatcher(None, a_lines, b_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        a_start, b_start = a_off[i1], b_off[j1]
        a_len = a_off[i2] - a_start
        inside = [p for p in _probe(uncertain, a_start, a_len) if a_start <= p < a_start + a_len]
        if not inside:
            continue
        if tag == "equal":
            confirmed.extend(inside)
            continue
        if tag != "replace":
            continue
        a_seg = text[a_start : a_off[i2]]
        b_seg = twin[b_start : b_off[j2]]
        if len(a_seg) == len(b_seg):
            pairs = [(k, k) for k in range(len(a_seg)) if a_seg[k] != b_seg[k]]
            if all(a_start + k in uncertain for k, _ in pairs):
                _apply(out, changes, uncertain, a_start, a_seg, b_seg, pairs)
                confirmed.extend(p for p in inside if a_seg[p - a_start] == b_seg[p - a_start])
                continue
        for ctag, c1, c2, d1, d2 in _char_opcodes(a_seg, b_seg):
            if ctag == "equal":
                confirmed.extend(p for p in inside if c1 <= p - a_start < c2)
            elif ctag == "replace" and c2 - c1 == d2 - d1:
                pairs = [(c1 + k, d1 + k) for k in range(c2 - c1)]
                if all(a_start + p in uncertain for p, _ in pairs):
                    _apply(out, changes, uncertain, a_start, a_seg, b_seg, pairs)
    return Restored("".join(out), changes, sorted(confirmed))


def _char_opcodes(a: str, b: str) -> Iterator[tuple[str, int, int, int, int]]:
    """The opcodes of a character alignment of ``a`` and ``b``, as
    ``SequenceMatcher.get_opcodes`` gives them.  Where either is longer than
    :data:`CHAR_ALIGN_LIMIT`, their sentences are aligned first and the characters only
    inside the groups of sentences that differ; a group still too long gives no opcode
    (:func:`restore` takes nothing from it).

    >>> list(_char_opcodes("ab。cd", "ab。xd"))
    [('equal', 0, 3, 0, 3), ('replace', 3, 4, 3, 4), ('equal', 4, 5, 4, 5)]
    """
    if len(a) <= CHAR_ALIGN_LIMIT and len(b) <= CHAR_ALIGN_LIMIT:
        yield from SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
        return
    a_parts, b_parts = _SENTENCE.findall(a), _SENTENCE.findall(b)
    a_off, b_off = _offsets(a_parts), _offsets(b_parts)
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a_parts, b_parts, autojunk=False).get_opcodes():
        a1, a2, b1, b2 = a_off[i1], a_off[i2], b_off[j1], b_off[j2]
        if tag == "equal":
            yield tag, a1, a2, b1, b2
        elif tag == "replace" and a2 - a1 <= CHAR_ALIGN_LIMIT and b2 - b1 <= CHAR_ALIGN_LIMIT:
            for ctag, c1, c2, d1, d2 in SequenceMatcher(None, a[a1:a2], b[b1:b2], autojunk=False).get_opcodes():
                yield ctag, a1 + c1, a1 + c2, b1 + d1, b1 + d2


def _probe(uncertain: dict[int, Check], start: int, length: int):
    if length < len(uncertain):
        return (p for p in range(start, start + length) if p in uncertain)
    return iter(uncertain)


def _apply(out, changes, uncertain, a_start, a_seg, b_seg, pairs) -> None:
    for p, q in pairs:
        pos = a_start + p
        if a_seg[p] != b_seg[q] and uncertain[pos](b_seg[q]):
            out[pos] = b_seg[q]
            changes.append((pos, a_seg[p], b_seg[q]))


def _offsets(lines: list[str]) -> list[int]:
    offs = [0]
    for line in lines:
        offs.append(offs[-1] + len(line))
    return offs


# Characters Windows-1252 makes of UTF-8's bytes: a run of them outside every piece is
# mojibake the detector let pass ("### å¥å-BERT", too short to tell from Nordic text), or text
# that is what it is ("café"); only a twin tells them apart.
_WINDOWS_1252_RUN = re.compile("[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
                               "\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]+")
_UNDEFINED_1252 = frozenset(b"\x81\x8d\x8f\x90\x9d")
TWIN_CONTEXT = 8
"""Characters of repaired text on each side (within the line) that the twin must hold around a
run's decoding: a missed Windows-1252 run's here, a kept GBK run's in :func:`.gbk.twin_pieces`."""
MAX_MISSED_RUNS = 500
"""Runs outside the pieces looked up in the twin, at most."""


def windows_1252_damage(s: str) -> tuple[str, str]:
    """What UTF-8 ``s`` becomes read as Windows-1252: with its undefined bytes dropped and soft
    hyphens stripped (seed 002's damage), and with them kept as C1 controls.

    >>> windows_1252_damage("句子")
    ('å¥å', 'å\x8f¥å\xad\x90')
    """
    return _SEED_002_DAMAGE.apply(s), s.encode("utf-8", "surrogatepass").decode("latin-1").translate(_CP1252_DEFINED)


_CP1252_DEFINED = {b: bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in _UNDEFINED_1252}


def missed_runs(text: str, taken: list[tuple[int, int]], twin: str) -> list[tuple[int, int, str]]:
    """``(start, end, out)`` for the runs of Windows-1252 mojibake in ``text`` outside the
    ``taken`` spans (sorted) that the clean ``twin`` decodes: where the twin holds, between the
    run's context on either side, a text that this damage turns into the run.

    The context runs up to :data:`TWIN_CONTEXT` characters, within the line, short of the pieces
    and of the other runs (``rÃos_espaÃ±a``: each run's raw neighbour is no text of the twin's);
    where it reaches the start or end of the line, the twin's text must start or end a line
    there too (``### åè§`` at a line's end: else the shortest text after ``### `` was taken).

    >>> missed_runs("### å¥å-BERT\\n", [], "### 句子-BERT\\n")
    [(4, 7, '句子')]
    >>> missed_runs("Un café noir.\\n", [], "Un café noir.\\n")
    []
    >>> missed_runs("### åè§\\n", [], "### 偏见\\n"), missed_runs("data, rÃos_espaÃ±a\\n", [], "data, ríos_españa\\n")
    ([(4, 7, '偏见')], [(7, 8, 'í'), (15, 17, 'ñ')])
    """
    found: list[tuple[int, int, str]] = []
    bounds = [b for span in taken for b in span]
    runs = [run.span() for run in _WINDOWS_1252_RUN.finditer(text)]
    looked = 0
    for number, (start, end) in enumerate(runs):
        at = bisect_right(bounds, start)
        if at % 2 or (at < len(bounds) and bounds[at] < end):
            continue  # (inside a piece, or overlapping one)
        looked += 1
        if looked > MAX_MISSED_RUNS:
            break  # (a text of accented words, each looked up in the twin)
        line_start = text.rfind("\n", 0, start) + 1
        line_end = len(text) if (nl := text.find("\n", end)) < 0 else nl
        low = max(line_start, start - TWIN_CONTEXT, bounds[at - 1] if at else 0, runs[number - 1][1] if number else 0)
        high = min(line_end, end + TWIN_CONTEXT, bounds[at] if at < len(bounds) else len(text),
                   runs[number + 1][0] if number + 1 < len(runs) else len(text))
        left, right = text[low:start], text[end:high]
        if len(left) + len(right) < 4:
            continue
        pattern = ("^" if low == line_start else "") + re.escape(left) + "(.{1,%d}?)" % (3 * (end - start)) + re.escape(
            right) + ("$" if high == line_end else "")
        outs = {m.group(1) for m in re.finditer(pattern, twin, re.MULTILINE)}
        outs = {out for out in outs if text[start:end] in windows_1252_damage(out) and out != text[start:end]}
        if len(outs) == 1:
            found.append((start, end, outs.pop()))
    return found


# Python's names of the codecs a damaged copy is read through (GBK's too: gbk.py reads it).
_PYTHON_CODEC = {**PYTHON_NAMES, "gbk": "gbk"}


class Damage(NamedTuple):
    """One way a damaged copy holds UTF-8 read through ``codec``: the bytes the codec cannot map
    dropped (``errors="ignore"``) or marked U+FFFD (``"replace"``), soft hyphens stripped or not,
    and (GBK) the markers saved back as ``?``; or read in the codec's sloppy form
    (``"strict"``) with its no-break spaces (byte A0) made spaces (``nbsp_as_space``,
    :func:`.detect.spaces_for_a0`) or not; and in any of these ways, with its curly quotes made
    straight after (``quotes_straightened``, :func:`.detect.straightened_quotes`)."""

    codec: str
    errors: str
    strip_soft_hyphens: bool = False
    marks_as_question: bool = False
    nbsp_as_space: bool = False
    quotes_straightened: bool = False

    def apply(self, text: str) -> str:
        """What ``text`` becomes.

        >>> Damage("windows-1252", "ignore", True).apply("中文"), Damage("windows-1252", "replace").apply("参")
        ('ä¸æ–‡', 'å\\ufffd‚')
        >>> Damage("windows-1252", "strict", nbsp_as_space=True).apply("你好")
        'ä½ å¥½'
        >>> Damage("windows-1252", "ignore", True, quotes_straightened=True).apply("我的")
        'æˆ\\'çš"'
        """
        if self.errors == "strict":
            read = charmap_decode(text.encode("utf-8", "surrogatepass"), "strict", DECODE_TABLES[self.codec])[0]
            if self.nbsp_as_space:
                read = read.replace("\xa0", " ")
        else:
            read = text.encode("utf-8", "surrogatepass").decode(_PYTHON_CODEC[self.codec], self.errors)
            if self.strip_soft_hyphens:
                read = read.replace("\xad", "")
            if self.marks_as_question:
                read = read.replace("\ufffd", "?")
            if self.nbsp_as_space:
                read = read.replace("\xa0", " ")
        return read.translate(_STRAIGHT_QUOTES) if self.quotes_straightened else read

    def kept_bytes(self, text: str) -> int:
        """How many of the UTF-8 bytes of ``text`` this damage leaves (a byte whose curly quote
        was made straight is not).

        >>> Damage("windows-1252", "replace", True).kept_bytes("中参"), Damage("windows-1252", "strict", quotes_straightened=True).kept_bytes("我的")
        (4, 4)
        """
        if self.quotes_straightened:
            unstraightened = self._replace(quotes_straightened=False)
            read = unstraightened.apply(text)
            return unstraightened.kept_bytes(text) - sum(1 for ch in read if ch in CURLY_QUOTES)
        if self.errors == "strict":
            return len(text.encode("utf-8", "surrogatepass"))  # (a sloppy read keeps every byte; A0 as a space)
        lossy = self._replace(errors="ignore", marks_as_question=False)
        return len(lossy.apply(text).encode(_PYTHON_CODEC[self.codec]))


# What a process that straightens quotes makes of the curly ones (ftfy's uncurl_quotes): each the
# straight quote of :data:`.chardata.QUOTE_BYTES` whose bytes the Windows codecs read it from.
_STRAIGHT_QUOTES = str.maketrans({DECODE_TABLES[QUOTE_CODECS[0]][b]: q for q, bs in QUOTE_BYTES.items() for b in bs})


_SEED_002_DAMAGE = Damage("windows-1252", "ignore", strip_soft_hyphens=True)


def damages(codec: str) -> list[Damage]:
    """The ways a copy read through ``codec`` may hold its damage (:class:`Damage`).

    >>> len(damages("windows-1252")), len(damages("mac-roman")), len(damages("gbk")), damages("utf-16")
    (10, 4, 6, [])
    """
    if codec not in _PYTHON_CODEC:
        return []
    found = [Damage(codec, errors, strip) for errors in ("ignore", "replace") for strip in (False, True)]
    if codec == "gbk":
        found += [Damage(codec, "replace", strip, True) for strip in (False, True)]
    if codec in NBSP_CODECS:
        # (sloppy, and seed 002's damage, each with its no-break spaces made spaces)
        found += [Damage(codec, "strict", nbsp_as_space=True), Damage(codec, "ignore", True, nbsp_as_space=True)]
    if codec in QUOTE_CODECS:
        # (seed 002's damage, a reader's markers, a sloppy reading with its no-break spaces or
        # without, each with the quotes made straight after)
        found += [Damage(codec, "ignore", True, quotes_straightened=True), Damage(codec, "replace", quotes_straightened=True),
                  Damage(codec, "strict", quotes_straightened=True)]
        if codec in NBSP_CODECS:
            found.append(Damage(codec, "strict", nbsp_as_space=True, quotes_straightened=True))
    return found


def twin_lines(text: str, twin: str, codecs: list[str]) -> list[tuple[int, int, str, Damage]]:
    """``(start, end, line, damage)`` for each line of ``text`` (without its line end) that is
    what a line of the clean ``twin`` becomes through one of the ``codecs``, in one of the ways
    of :func:`damages`, and is not that line itself: the twin's line, whatever a model would
    make of the damage.  A damaged line that two different lines of the twin could have become
    is left out (``ä¸`` alone, for ``中`` or ``不``).

    >>> [(s, e, line) for s, e, line, _ in twin_lines("# åŸºäºŽ Keras\\nok\\nä¸\\n", "# 基于 Keras\\nok\\n中\\n不\\n", ["windows-1252"])]
    [(0, 14, '# 基于 Keras')]
    """
    found_in: dict[str, tuple[str, Damage] | None] = {}
    # (quotes were made straight only where none is left curly, and a strict reader's no-break
    # spaces made spaces only where none is left)
    straight, no_nbsp = CURLY_QUOTES.isdisjoint(text), "\xa0" not in text
    ways = [damage for codec in codecs for damage in damages(codec)
            if (straight or not damage.quotes_straightened) and (no_nbsp or not damage.nbsp_as_space or damage.errors == "strict")]
    # (lines end at "\n" only: Latin-1 mojibake holds U+0085, which str.splitlines breaks at)
    for line in dict.fromkeys(line.rstrip("\r") for line in twin.split("\n")):
        if line.isascii():
            continue  # (no codec changes it)
        for damage in ways:
            form = damage.apply(line)
            if form == line:
                continue
            seen = found_in.get(form, False)
            if seen is False:
                found_in[form] = (line, damage)
            elif seen is not None and seen[0] != line:
                found_in[form] = None  # (two lines of the twin become this one)
    found: list[tuple[int, int, str, Damage]] = []
    start = 0
    for line in text.split("\n"):
        body = line.rstrip("\r")
        hit = found_in.get(body) if body and not body.isascii() else None
        if hit is not None:
            found.append((start, start + len(body), hit[0], hit[1]))
        start += len(line) + 1
    return found


_ASCII_OR_NOT = re.compile(r"[\x00-\x7f]+|[^\x00-\x7f]+")


def line_changes(damaged: str, clean: str, damage: Damage) -> list[tuple[int, int, str, int]]:
    """``(start, end, out, restored bytes)`` for each stretch of the ``damaged`` line that the
    ``damage`` made of a stretch of the ``clean`` line: each run of characters past ASCII that
    it changed, with the bytes it lost.  Where the damage reads across ASCII (a GBK pair takes a
    letter as its second byte), the whole stretch between the first and the last change.

    >>> line_changes("# åŸºäºŽ Keras ä¸æ–‡", "# 基于 Keras 中文", Damage("windows-1252", "ignore", True))
    [(2, 8, '基于', 0), (15, 20, '中文', 1)]
    """
    parts = _ASCII_OR_NOT.findall(clean)
    forms = [damage.apply(part) for part in parts]
    if "".join(forms) != damaged:
        head = len(commonprefix([damaged, clean]))
        tail = len(commonprefix([damaged[head:][::-1], clean[head:][::-1]]))
        out = clean[head : len(clean) - tail]
        return [(head, len(damaged) - tail, out, len(out.encode("utf-8", "surrogatepass")) - damage.kept_bytes(out))]
    found: list[tuple[int, int, str, int]] = []
    at = 0
    for part, form in zip(parts, forms):
        if form != part:
            found.append((at, at + len(form), part, len(part.encode("utf-8", "surrogatepass")) - damage.kept_bytes(part)))
        at += len(form)
    return found
