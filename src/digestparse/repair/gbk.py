"""Undo UTF-8 read as GBK, the commonest Chinese mojibake (``机器学习`` → ``鏈哄櫒瀛︿範``).

A GBK decoder reads UTF-8's bytes two at a time: the three bytes of one Chinese character and
the three of the next become three GBK characters, most of them rare.  Where two bytes are
not a GBK character (a lead byte before a line break, a pair GBK leaves unassigned) the
decoder puts U+FFFD for the first byte and reads on from the second, so each U+FFFD stands
for exactly one lost byte; a file saved back as GBK turns it into ``?``.  A decoder told to
drop what it rejects (``errors="ignore"``) leaves no marker, but the lost bytes still sit
between two characters, where the UTF-8 is short of them.  An ASCII character after an odd
number of bytes may be taken in as a trail byte (``中A`` → ``涓璦``), and comes back when
the stretch is encoded again.

:func:`find_runs` finds the stretches: maximal runs of characters GBK spells with two bytes
(and the markers of lost bytes), on lines holding at least :data:`MIN_SIGNATURE` characters
whose two bytes are a UTF-8 lead byte and a continuation byte (:func:`looks_gbk`, the cheap
pre-check).  :func:`decode_run` encodes a run back, fills each lost byte with the values GBK
would have rejected there, lets the word lattice of :mod:`.wordmodel` choose among the
Han characters they make (and the character Viterbi among the others, with whether the line
ends there or what else follows), and keeps the decoding only when the bundled character frequencies find it
far likelier than the run (clean Chinese encoded as GBK is hardly ever UTF-8, and then
not likely text).  A run that decodes to one character only (``鍜\ufffd`` for ``和``
between English words) needs the text's longer runs as evidence (:func:`pieces`), or, in
English read as GBK (``don鈥檛``), runs that decode to curly quotes and dashes.  With a
clean twin, :func:`twin_pieces` decodes the runs kept as they were where the twin has
their decoding (``畏`` for ``η``).

>>> mangled = "机器学习，中文".encode("utf-8").decode("gbk", "replace")
>>> mangled
'鏈哄櫒瀛︿範锛屼腑鏂\ufffd'
>>> looks_gbk(mangled), looks_gbk("机器学习，铁链子")
(True, False)
>>> [(p.out, p.method, p.restored_bytes) for p in pieces(mangled, LanguageModel.default())]
[('机器学习，中文', 'byte-recovery', 1)]
"""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
from functools import lru_cache
from typing import Callable, Iterable

from .chardata import seq_len
from .context import UNDECIDED, LineView, line_end, line_start, weigh
from .detect import overlaps
from .fixes import CHAR_WEIGHT, Piece, char_cost, splice, token_cost
from .langmodel import LanguageModel
from .twin import TWIN_CONTEXT, rebuilt_characters
from .viterbi import best_path
from .wordmodel import WordModel, count_han

__all__ = ["CHAIN", "looks_gbk", "find_runs", "decode_run", "pieces", "twin_pieces"]

CHAIN = ("utf-8", "gbk")
# Runs are encoded back with GB18030, GBK's superset: it also spells the private-use
# characters that some decoders make of the pairs GBK leaves unassigned.
CODEC = "gb18030"
# Lost bytes are filled with values that plain GBK rejects before the byte that follows.
STRICT_CODEC = "gbk"
# A lost byte: what the decoder wrote, and what saving that as GBK again made of it.
REPLACEMENT = "\ufffd"
SAVED_REPLACEMENT = "?"
# Signature characters a line needs before its runs are looked at.
MIN_SIGNATURE = 2
# Han characters a run with bytes lost silently must decode to (and two thirds of what it
# decodes to, with a byte lost for at most every other character), unless the text's
# other runs gave evidence (:data:`MIN_DOC_EVIDENCE`).
MIN_SILENT_HAN = 4
# Characters decoded from runs of two or more that single-character runs need in the text.
MIN_DOC_EVIDENCE = 6
# What GBK makes of E2 80, the first two bytes of every curly quote, dash and ellipsis
# (``don鈥檛`` for ``don’t``): no Chinese text uses it, and in English text read as GBK it is
# what most damaged lines hold, so it counts as two signature characters.
PUNCT_SIGNATURE = "鈥"
# Or short runs that decode to that many general punctuation marks (’ “ ” – — … •).
MIN_PUNCT_EVIDENCE = 3
_GENERAL_PUNCT = re.compile("[\u2010-\u2027\u2030-\u205e]")
# Decoding must make the run this much likelier (nats per character decoded from two or
# more bytes, and in all), under the bundled character frequencies.
MIN_GAIN_PER_CHAR = 3.0
MIN_GAIN = 10.0
_CONT = range(0x80, 0xC0)
# UTF-8 lead bytes of the characters Chinese text is made of: punctuation and quotes
# (E2), CJK symbols and kana (E3), Han (E4-E9), full-width forms (EF).
_LEADS = (0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEF)


def _gbk_char(pair: bytes, codec: str = STRICT_CODEC) -> str | None:
    try:
        ch = pair.decode(codec)
    except UnicodeDecodeError:
        return None
    return ch if len(ch) == 1 else None


@lru_cache(maxsize=1)
def _signature_re() -> re.Pattern[str]:
    """The signature characters (built on first use from the codec itself)."""
    return re.compile("[" + _char_class(_pair_chars(_LEADS, _CONT)) + "]")


@lru_cache(maxsize=1)
def _run_re() -> re.Pattern[str]:
    """A run: two-byte characters and lost-byte markers, starting with a two-byte character
    (built only for a text that :func:`looks_gbk`: 24,000 characters)."""
    two_byte = _char_class({c for c in _pair_chars(range(0x81, 0xFF), [*range(0x40, 0x7F), *range(0x80, 0xFF)]) if ord(c) > 0x7F})
    return re.compile("[" + two_byte + "][" + two_byte + re.escape(REPLACEMENT + SAVED_REPLACEMENT) + "]*")


def _pair_chars(leads, trails) -> set[str]:
    """The characters :data:`CODEC` reads from a lead byte and a trail byte (one decoding of
    all pairs, each on a line of its own: a line break is no trail byte)."""
    pairs = b"\n".join(bytes([lead, t]) for lead in leads for t in trails)
    return {c for c in pairs.decode(CODEC, "replace").split("\n") if len(c) == 1 and c != REPLACEMENT}


def _char_class(chars: set[str]) -> str:
    """A regex character class body for ``chars``, as ranges."""
    cps = sorted(map(ord, chars))
    ranges: list[tuple[int, int]] = []
    start = prev = cps[0]
    for cp in cps[1:]:
        if cp != prev + 1:
            ranges.append((start, prev))
            start = cp
        prev = cp
    ranges.append((start, prev))
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)


def looks_gbk(text: str) -> bool:
    """Cheap pre-check: does some line hold :data:`MIN_SIGNATURE` signature characters
    (:data:`PUNCT_SIGNATURE` counting two)?"""
    if PUNCT_SIGNATURE in text:
        return True
    sig = _signature_re()
    found = sig.search(text)
    while found is not None:
        line_end = text.find("\n", found.end())
        line_end = len(text) if line_end < 0 else line_end
        nxt = sig.search(text, found.end(), line_end)
        if nxt is not None:
            return True
        found = sig.search(text, line_end)
    return False


def find_runs(text: str, min_signature: int = MIN_SIGNATURE) -> list[tuple[int, int]]:
    """``(start, end)`` of every run on a line with ``min_signature`` signature characters
    (not yet judged)."""
    if min_signature >= MIN_SIGNATURE and not looks_gbk(text):
        return []
    sig, run = _signature_re(), _run_re()
    runs: list[tuple[int, int]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        if min_signature == 0 or len(sig.findall(line)) + line.count(PUNCT_SIGNATURE) >= min_signature:
            runs.extend((pos + m.start(), pos + m.end()) for m in run.finditer(line))
        pos += len(line)
    return runs


def _stream(run: str, silent: bool = False) -> tuple[list[int | None], int] | None:
    """The bytes the run was read from (``None`` for a lost byte), and how many characters
    of the run they take (a trailing ``?`` that no character needs is a real one).

    None when they are not UTF-8 with lost bytes only where a marker stands.  ``silent``:
    read it as from a decoder that drops what it rejects (``errors="ignore"``): there are
    no markers, every ``?`` is real, and bytes may be lost between any two characters.

    >>> _stream("涓\ufffd鏂\ufffd")  # 中文 through GBK, each pair it rejected a U+FFFD
    ([228, 184, None, 230, 150, None], 4)
    >>> _stream("涓?鏂??")  # saved again as GBK: the last "?" is a real one
    ([228, 184, None, 230, 150, None], 4)
    >>> _stream("涓\ue15f枃")  # read as GB18030, which spells the pair GBK rejects
    ([228, 184, 173, 230, 150, 135], 3)
    >>> _stream("涓鏂", silent=True)  # read with errors="ignore"
    ([228, 184, None, 230, 150, None], 2)
    >>> _stream("涓?鏂", silent=True)  # the same: a real "?" ends what one decoding takes
    ([228, 184, None], 1)
    """
    out: list[int | None] = []
    need = 0  # continuation bytes the current sequence still needs
    used = 0
    for ch in run:
        if ch == REPLACEMENT or ch == SAVED_REPLACEMENT:
            if need == 0 or silent:
                if ch == SAVED_REPLACEMENT:
                    break
                return None  # a lost lead byte: not what GBK leaves of UTF-8
            out.append(None)
            need -= 1
        else:
            try:
                data = ch.encode(CODEC)
            except UnicodeEncodeError:
                return None
            if len(data) != 2:
                return None
            if need and silent:
                # GBK reads on from the byte after one it rejects: bytes dropped without
                # a trace were lost between two characters
                lost = _silent_gap(need, data)
                out.extend([None] * lost)
                need -= lost
            for b in data:
                if need:
                    if b not in _CONT:
                        return None
                    need -= 1
                elif b >= 0x80:
                    need = seq_len(b) - 1
                    if need < 1:
                        return None
                # (an ASCII byte between sequences was taken in as a trail byte)
                out.append(b)
        used += 1
    if need:
        if not silent:
            return None  # the run ends inside a character with nothing standing for its bytes
        out.extend([None] * need)
    return out, used


def _silent_gap(need: int, pair: bytes) -> int:
    """How many of the ``need`` continuation bytes still due were lost before ``pair``: the
    fewest that let both of its bytes read as UTF-8 (all of them, if none do)."""
    for lost in range(need + 1):
        left = need - lost
        ok = True
        for b in pair:
            if left:
                if b not in _CONT:
                    ok = False
                    break
                left -= 1
            elif 0x80 <= b < 0xC0:
                ok = False
                break
            else:
                break  # a new sequence (or ASCII) starts: the rest is checked as it comes
        if ok:
            return lost
    return need


@lru_cache(maxsize=None)
def _rejected_before(follow: int) -> tuple[int, ...]:
    """The continuation bytes GBK does not read as a pair with ``follow`` after them."""
    return tuple(v for v in _CONT if _gbk_char(bytes([v, follow])) is None)


@lru_cache(maxsize=65536)
def _fillings(unit: tuple[int | None, ...], after: int | None) -> tuple[str, ...]:
    """The characters a UTF-8 sequence with lost bytes may have been, in code point order.

    A lost byte is one GBK rejected as the first of a pair with the byte after it (the
    next one of ``unit``, filled in or not, or ``after`` for the last; None if unknown).

    >>> _fillings((0xE4, 0xB8, None), 0x0A)[:4]
    ('一', '丁', '丂', '七')
    >>> "中" in _fillings((0xE4, 0xB8, None), 0xE6), "中" in _fillings((0xE4, 0xB8, None), 0x41)
    (True, False)
    >>> len(_fillings((0xE4, 0xB8, None), 0x41))  # GBK takes "A" as a trail byte after all but 0x80, 0xA1-0xA7
    8
    >>> "训" in _fillings((0xE8, None, None), 0xE7)  # 训练: AE and AD both rejected
    True
    """
    found: set[str] = set()
    buf = list(unit)

    def fill(i: int, follow: int | None) -> None:
        # right to left, so that each lost byte knows the byte after it
        while i >= 0 and buf[i] is not None and unit[i] is not None:
            follow = buf[i]
            i -= 1
        if i < 0:
            try:
                ch = bytes(buf).decode("utf-8")  # type: ignore[arg-type]
            except UnicodeDecodeError:
                return
            if _printable(ch) and not ("\ue000" <= ch <= "\uf8ff"):
                found.add(ch)
            return
        for v in _CONT if follow is None else _rejected_before(follow):
            buf[i] = v
            fill(i - 1, v)
        buf[i] = None

    fill(len(unit) - 1, after)
    return tuple(sorted(found))


def _printable(s: str) -> bool:
    """Printable text, spaces of every width included (``str.isprintable`` leaves out the
    no-break space and the ideographic space U+3000).

    >>> _printable("a\u00a0b\u3000c"), _printable("a\x85")
    (True, False)
    """
    return s.isprintable() or all(ch.isprintable() or unicodedata.category(ch) == "Zs" for ch in s)


def _reading_cost(s: str) -> float:
    """The bundled unigram cost of the characters of ``s``: rare characters cost more."""
    return sum(map(_unigram_cost, s))


@lru_cache(maxsize=65536)
def _unigram_cost(ch: str) -> float:
    return LanguageModel.default().unigram_cost(ch)


def pieces(text: str, lm: LanguageModel, runs: list[tuple[int, int]] | None = None) -> list[Piece]:
    """Pieces that undo every stretch of ``text`` that is UTF-8 read as GBK (``runs``: what
    :func:`find_runs` gives, if known).

    A run that decodes to a single character (``鍜\ufffd`` for ``和`` between two English
    words) is taken only when the runs of two or more characters give
    :data:`MIN_DOC_EVIDENCE` characters of evidence.

    Lost bytes are where the markers are (U+FFFD, or ``?`` in a copy saved back as GBK)
    or, in a text without U+FFFD, wherever the UTF-8 needs them (a decoder that drops what
    it rejects).  When a run holds ``?`` too, both readings are made and the one that
    decodes more characters is kept.
    """
    runs = find_runs(text) if runs is None else runs
    if REPLACEMENT in text:
        return _pieces(text, lm, runs, silent=False)
    if not any(SAVED_REPLACEMENT in text[a:b] for a, b in runs):
        return _pieces(text, lm, runs, silent=True)
    marked = _pieces(text, lm, runs, silent=False)
    dropped = _pieces(text, lm, runs, silent=True)
    return dropped if sum(len(p.out) for p in dropped) > sum(len(p.out) for p in marked) else marked


def _pieces(text: str, lm: LanguageModel, runs: list[tuple[int, int]], silent: bool) -> list[Piece]:
    out = _decode_runs(text, lm, runs, weak=False, silent=silent)
    enough = sum(len(p.out) for p in out) >= MIN_DOC_EVIDENCE
    if enough or PUNCT_SIGNATURE in text:
        taken = [(p.start, p.end) for p in out]
        every = find_runs(text, 0)
        more = [part for r in every for part in _uncovered(r, taken)]
        weak = _decode_runs(text, lm, more, weak=True, silent=silent, done=out)
        # English read as GBK has few long runs: its curly quotes and dashes are the evidence
        if enough or sum(bool(_GENERAL_PUNCT.search(p.out)) for p in weak) >= MIN_PUNCT_EVIDENCE:
            out = sorted(out + weak, key=lambda p: p.start)
            out = sorted(out + _foreign_pieces(text, every, out, silent), key=lambda p: p.start)
    return out


def twin_pieces(text: str, pieces: list[Piece], twin: str) -> list[Piece]:
    """Pieces for the runs of a GBK-damaged ``text`` (one that ``pieces`` decode) that lost
    no byte but were kept, because what they spell is no likelier than the run: a Greek
    letter's two bytes read as one common character (``η`` as ``畏``).  Each is taken only
    where the clean ``twin`` holds its decoding with the repaired text around it (up to
    :data:`TWIN_CONTEXT` characters each side, within the line) and not the run.

    A character of that context that byte recovery rebuilt is a guess the twin settles only
    later (``端到第 R鲁`` where the twin has ``端到端 R³``): there the twin may hold any
    character the lost bytes could have been, where :data:`MIN_SURE_CONTEXT` characters of the
    context are not rebuilt.
    """
    if not twin or not any(p.chain == CHAIN for p in pieces):
        return []
    everything = sorted(pieces, key=lambda p: p.start)
    taken = [(p.start, p.end) for p in everything]
    repaired = splice(text, everything)
    # where each input offset outside the pieces lands in ``repaired``
    shifts: list[tuple[int, int]] = []  # (input offset, output less input from there on)
    shift = 0
    unsure: dict[int, Callable[[str], bool]] = {}  # offset in ``repaired`` -> what the lost bytes allow there
    for p in everything:
        at = p.start + shift
        for rel, allows in rebuilt_characters(p):
            unsure[at + rel] = allows
        shift += len(p.out) - (p.end - p.start)
        shifts.append((p.end, shift))
    found: list[Piece] = []
    for start, stop, out in _kept_lossless(text, find_runs(text, 0), taken):
        i = bisect.bisect_right(shifts, (start, math.inf)) - 1
        at = start + (shifts[i][1] if i >= 0 else 0)
        left = repaired[max(0, at - TWIN_CONTEXT) : at].rpartition("\n")[2]
        after = at + stop - start
        right = repaired[after : after + TWIN_CONTEXT].partition("\n")[0]
        if left + out + right in twin and left + text[start:stop] + right not in twin:
            found.append(Piece(start, stop, out, "twin", CHAIN, 0, 1.0))
            continue
        guessed = [k for k in range(at - len(left), at) if k in unsure] + [
            k for k in range(after, after + len(right)) if k in unsure]
        if guessed and len(left) + len(right) - len(guessed) >= MIN_SURE_CONTEXT:
            around = ["".join("(.)" if k in unsure else re.escape(repaired[k]) for k in range(a, b))
                      for a, b in ((at - len(left), at), (after, after + len(right)))]
            if _fits(out, *around, twin, guessed, unsure) and not _fits(text[start:stop], *around, twin, guessed, unsure):
                found.append(Piece(start, stop, out, "twin", CHAIN, 0, 1.0))
    return found


MIN_SURE_CONTEXT = 4
"""Characters of a kept run's context in :func:`twin_pieces` that must be sure (not rebuilt
from lost bytes) where the others may be whatever the twin has that the lost bytes allow."""


def _fits(middle: str, left: str, right: str, twin: str, guessed: list[int],
          unsure: dict[int, Callable[[str], bool]]) -> bool:
    """Does ``twin`` hold ``middle`` between the patterns ``left`` and ``right``, with each of
    their wildcards (the characters at the offsets ``guessed``, in order) one that its lost
    bytes allow?"""
    pattern = f"(?={left}{re.escape(middle)}{right})"  # (a lookahead: overlapping matches too)
    return any(all(unsure[k](ch) for k, ch in zip(guessed, m.groups())) for m in re.finditer(pattern, twin))


def _kept_lossless(text: str, runs: list[tuple[int, int]], taken: list[tuple[int, int]], silent: bool = False):
    """``(start, end, decoding)`` of each stretch of the ``runs`` (all of the text's) outside
    ``taken`` that lost no byte and spells printable text."""
    for run in runs:
        for start, end in _uncovered(run, taken):
            while start < end:
                parsed = _stream(text[start:end], silent)
                if parsed is None:
                    break
                stream, used = parsed
                if None not in stream:
                    try:
                        out = bytes(stream).decode("utf-8")  # type: ignore[arg-type]
                    except UnicodeDecodeError:
                        out = ""
                    if _printable(out):
                        yield start, start + used, out
                start += used + 1  # (past the real "?" that ended it)


def _foreign_pieces(text: str, runs: list[tuple[int, int]], pieces: list[Piece], silent: bool) -> list[Piece]:
    """In a text read as GBK whose decoded runs hold no Han character (English, Polish,
    Greek), the runs left (of ``runs``, all of the text's) that lost no byte and decode to no Han character either (``艂``
    for ``ł``, ``畏`` for ``η``: under Chinese frequencies no likelier), when they hold fewer
    characters than ``pieces`` (else they are a Chinese text's own)."""
    if any(count_han(p.out) for p in pieces):
        return []
    taken = [(p.start, p.end) for p in pieces]
    left = list(_kept_lossless(text, runs, taken, silent))
    if sum(b - a for a, b, _ in left) >= sum(p.end - p.start for p in pieces):
        return []
    return [Piece(a, b, out, "decode", CHAIN, 0, 1.0) for a, b, out in left if not count_han(out)]


def _uncovered(run: tuple[int, int], taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of ``run`` outside the sorted, disjoint intervals ``taken`` (a run split by
    a real ``?`` may have been decoded in part).

    >>> _uncovered((0, 10), [(2, 4), (6, 8)])
    [(0, 2), (4, 6), (8, 10)]
    >>> _uncovered((0, 10), [(0, 10)])
    []
    """
    start, end = run
    if not overlaps(taken, start, end):
        return [run]
    parts = []
    for a, b in taken[max(0, bisect.bisect_left(taken, (start, start)) - 1) :]:
        if a >= end:
            break
        if b <= start:
            continue
        if a > start:
            parts.append((start, a))
        start = max(start, b)
    if start < end:
        parts.append((start, end))
    return parts


def _decode_runs(
    text: str, lm: LanguageModel, runs: list[tuple[int, int]], weak: bool, silent: bool, done: Iterable[Piece] = ()
) -> list[Piece]:
    """The pieces of ``runs``, each decoded with the pieces before it on its line known
    (``done``: those of an earlier pass), so that a quote's partner is seen decoded."""
    out: list[Piece] = []
    known = sorted(done, key=lambda p: p.start)  # every piece so far, by start
    starts = [p.start for p in known]
    for start, end in runs:
        while start < end:
            begin = line_start(text, start)
            on_line = known[bisect.bisect_left(starts, begin) : bisect.bisect_left(starts, start)]
            piece, stop = decode_run(text, start, end, lm, weak, silent, splice(text, on_line, begin, start))
            if piece is not None:
                out.append(piece)
                at = bisect.bisect_right(starts, piece.start)
                starts.insert(at, piece.start)
                known.insert(at, piece)
            # a real "?" ends what one decoding takes; the run goes on after it
            start = stop + 1 if stop < end else end
    return out


def decode_run(
    text: str, start: int, end: int, lm: LanguageModel, weak: bool = False, silent: bool = False, line_before: str | None = None
) -> tuple[Piece | None, int]:
    """The piece that undoes the run ``text[start:end]`` (None if it is not mojibake), and
    where what it took ends (before a real ``?``).  ``weak``: one character will do, with
    the gain of one character.  ``silent``: bytes were dropped without markers.
    ``line_before``: the line before the run, repaired so far (default: as it is)."""
    parsed = _stream(text[start:end], silent)
    if parsed is None:
        return None, end
    stream, used = parsed
    end = start + used
    if line_before is None:
        line_before = text[line_start(text, start) : start]
    return _decode(text, start, end, stream, lm, weak, silent, line_before), end


def _decode(text: str, start: int, end: int, stream: list[int | None], lm: LanguageModel, weak: bool, silent: bool, line_before: str) -> Piece | None:
    run = text[start:end]
    after = text[end : end + 1]
    after_byte = after.encode(CODEC, "replace")[0] if after else None
    seq: list[str | int] = []
    opts: dict[int, list[tuple[str, float]]] = {}
    lost = multibyte = 0
    i = 0
    while i < len(stream):
        b = stream[i]
        n = seq_len(b)  # (1 for an ASCII byte taken in as a trail byte)
        unit = stream[i : i + n]
        if n > 1:
            multibyte += 1
        holes = [i + k for k, x in enumerate(unit) if x is None]
        if not holes:
            try:
                seq.append(bytes(unit).decode("utf-8"))  # type: ignore[arg-type]
            except UnicodeDecodeError:
                return None  # a lead byte and continuation bytes that make no character
        else:
            lost += len(holes)
            cands = _fillings(tuple(unit), stream[i + n] if i + n < len(stream) else after_byte)
            if not cands:
                return None
            opts[len(opts)] = list(cands)  # type: ignore[arg-type]  # (costs added below)
            seq.append(len(opts) - 1)
        i += n
    if multibyte < (1 if weak else 2):
        return None
    picks: dict[int, int] = {}
    confs: dict[int, float] = {}
    if opts:
        _weigh_context(text, line_before, end, seq, opts, lm)
        han = {x: o for x, o in opts.items() if count_han("".join(c for c, _ in o))}
        if han:
            placeholder = "\ufffc"  # (a slot decided below: no Han character, so it cuts words)
            full = [*text[max(0, start - 12) : start], *(x if isinstance(x, str) or x in han else placeholder for x in seq), *text[end : end + 12]]
            picks, confs = WordModel.default().decode(full, han, lambda t: token_cost(lm, t), char_cost(lm), CHAR_WEIGHT, lm.cost_cache)
        # the others (punctuation, symbols, Latin) one at a time, with the characters around
        for k, x in enumerate(seq):
            if isinstance(x, int) and x not in han:
                prev = seq[k - 1] if k else text[start - 1 : start]
                left = prev if isinstance(prev, str) else opts[prev][picks.get(prev, 0)][0]
                nxt = seq[k + 1] if k + 1 < len(seq) else text[end : end + 1]
                (pick,), (conf,) = best_path(lm, left[-1:], [opts[x]], nxt if isinstance(nxt, str) else "")
                picks[x], confs[x] = pick, conf
    out = "".join(x if isinstance(x, str) else opts[x][picks.get(x, 0)][0] for x in seq)
    # a byte lost without a marker counts as if the marker stood there
    gain = _reading_cost(run) + (lost * _unigram_cost(REPLACEMENT) if silent else 0.0) - _reading_cost(out)
    if silent and lost and not weak:
        # Without markers, clean text parses as UTF-8 with gaps now and then, in scripts a
        # Chinese text seldom holds or with a gap after every other character (涓涓鏈鏈 as
        # 一个本月): a run needs to be mostly Han and mostly whole, or evidence from the
        # text's other runs.
        han = count_han(out)
        if han < MIN_SILENT_HAN or han * 3 < multibyte * 2 or lost * 2 > multibyte:
            return None
    if weak and not lost:
        # valid UTF-8 throughout, in a text where GBK is at work: likelier will do
        if gain <= 0:
            return None
    elif gain < MIN_GAIN_PER_CHAR * multibyte or (gain < MIN_GAIN and not weak):
        return None
    conf = min(confs.values(), default=1.0)
    alternatives = tuple(c for c, _ in opts[0]) if len(opts) == 1 else ()
    recovered = tuple((k, frozenset(c for c, _ in opts[x])) for k, x in enumerate(seq) if isinstance(x, int))
    return Piece(start, end, out, "byte-recovery" if lost else "decode", CHAIN, lost, conf, options=alternatives, recovered=recovered)


# What a GBK reader makes of the first two bytes of the curly quotes, the full-width
# parentheses and the CJK brackets: such a character later on the line, not decoded yet,
# may be a partner of a bracket or quote being chosen (“*排队*” has its ” in the next run).
_BRACKET_LEADS = {"鈥": "“”‘’", "锛": "（）", "銆": "「」『』【】《》"}


def _raw_brackets(rest: str) -> list[str]:
    """The brackets and quotes that the characters of ``rest`` not decoded yet may be.

    >>> _raw_brackets("鈥濄 text 锛")
    ['“', '”', '‘', '’', '（', '）']
    """
    return [b for ch in rest if ch in _BRACKET_LEADS for b in _BRACKET_LEADS[ch]]


def _weigh_context(text: str, line_before: str, end: int, seq: list[str | int], opts: dict[int, list], lm: LanguageModel) -> None:
    """Turn each slot's candidates into options with the extra cost their line gives them
    (:func:`.context.weigh`, as in :mod:`.fixes`).  ``line_before``: the line before the
    run (decoded where known); ``end``: where the run ends in ``text``."""
    stop = line_end(text, end)
    parts = [y if isinstance(y, str) else UNDECIDED for y in seq]
    undecided = {k: frozenset(opts[x]) for k, x in enumerate(seq) if isinstance(x, int)}
    tail = text[end : stop + 1 if text[stop : stop + 1] == "\n" else stop]
    line = LineView(text, line_before, parts, tail, end, undecided, _raw_brackets(text[end:stop]))
    for k in sorted(undecided):
        x = seq[k]
        opts[x] = weigh(line, k, [(ch, 0.0) for ch in opts[x]], lm)  # type: ignore[index]
