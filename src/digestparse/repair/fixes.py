"""Undo one mojibake stretch: decode its bytes, recovering lost bytes with the language model.

:func:`decode_suspect` turns a :class:`.detect.Suspect` into :class:`Piece` objects, each an
input range and its replacement: runs of plain decoding (``decode``), and one piece per
character rebuilt from a truncated sequence (``byte-recovery``) with the model's confidence.
Candidates that may be Han characters are chosen for a whole stretch at once by the word
lattice (:mod:`.wordmodel`), the others by the character Viterbi (:mod:`.viterbi`).
A truncated sequence may also stay as it was (the option costs :data:`KEEP_COST`), which
protects real accented text that happens to sit next to mojibake.  When the decoded text
is itself mojibake (double encoding) it is decoded again, up to :data:`MAX_DEPTH` layers
(the truncated sequences of an outer layer rebuilt as characters of the inner one, by
:mod:`.outer`);
:func:`second_layers` does so with a whole document's double encoding as evidence, and
:func:`inner_layers` (which calls it) also where the inner layer is another codec's.
"""

from __future__ import annotations

import itertools
import math
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from .bytes_recovery import VALID_SEQ_RE, candidates
from .chardata import C1_RUN_RE, DECODE_TABLES, DROPPABLE, SOFT_HYPHEN_BYTE, is_assigned, seq_len
from .context import LineView, line_end, line_start, weigh
from .detect import MIN_DOC_EVIDENCE, Suspect, find_suspects, is_suspect, overlaps
from .langmodel import PUNCT_START, LanguageModel
from .markers import over_markers, unmarked
from .outer import inner_fill, may_fill_inner, outer_candidates
from .wordmodel import WordModel, is_han
from .viterbi import Option, best_path

__all__ = ["Piece", "decode_suspect", "kept_soft_hyphens", "second_layers", "inner_layers", "KEEP_COST", "LOW_CONFIDENCE", "REPLACEMENT"]

KEEP_COST = 9.0
# Each lost byte is a separate accident: a character that lost two is less likely.
LOST_BYTE_COST = 1.0
MAX_DEPTH = 3
LOW_CONFIDENCE = 0.5
REPLACEMENT = "\ufffd"


@dataclass(slots=True)
class Piece:
    """``text[start:end]`` (input offsets) becomes ``out``."""

    start: int
    end: int
    out: str
    method: str  # "decode" | "byte-recovery" | "twin" | "c1-control"
    chain: tuple[str, ...]
    restored_bytes: int = 0
    confidence: float = 1.0
    trunc: bytes = b""  # the truncated bytes a recovered character came from
    droppable: frozenset[int] = frozenset()
    options: tuple[str, ...] = ()
    # where a piece rebuilt characters inside a longer decoding (.gbk): each one's offset in
    # ``out`` and the characters it could have been
    recovered: tuple[tuple[int, frozenset[str]], ...] = ()

    def moved(self, start: int, end: int) -> "Piece":
        """This piece for ``text[start:end]`` (what ``dataclasses.replace`` gives, which
        looks the fields up anew each time: a marked file moves every piece once).

        >>> Piece(0, 1, "中", "decode", ()).moved(2, 4)
        Piece(start=2, end=4, out='中', method='decode', chain=(), restored_bytes=0, confidence=1.0, trunc=b'', droppable=frozenset(), options=(), recovered=())
        """
        return Piece(start, end, self.out, self.method, self.chain, self.restored_bytes, self.confidence,
                     self.trunc, self.droppable, self.options, self.recovered)


def splice(text: str, pieces, start: int = 0, end: int | None = None) -> str:
    """``text[start:end]`` with the ``pieces`` (sorted, disjoint) that lie inside it put in.

    >>> splice("a?b?c", [Piece(1, 2, "中", "decode", ()), Piece(3, 4, "文", "decode", ())])
    'a中b文c'
    >>> splice("a?b?c", [Piece(1, 2, "中", "decode", ()), Piece(3, 4, "文", "decode", ())], 0, 3)
    'a中b'
    """
    end = len(text) if end is None else end
    parts: list[str] = []
    pos = start
    for p in pieces:
        if start <= p.start and p.end <= end:
            parts.append(text[pos : p.start])
            parts.append(p.out)
            pos = p.end
    parts.append(text[pos:end])
    return "".join(parts)


_CP1252_ONLY = frozenset("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ")
_C1_1252_DEFINED = frozenset(chr(b) for b in range(0x80, 0xA0)) - frozenset("\x81\x8d\x8f\x90\x9d")


def c1_control_pieces(text: str, taken: list[tuple[int, int]]) -> list[Piece]:
    """Windows-1252 text read as Latin-1: each run of C1 controls outside ``taken`` (the
    sorted, disjoint stretches other pieces hold) as the Windows-1252 characters of its bytes,
    as ftfy's ``fix_c1_controls`` does (``it\\x92s`` is ``it’s``).  No text holds C1 controls
    of its own.  Not where a byte is one Windows-1252 leaves undefined, nor beside a character
    of U+0080-U+00FF that no piece took: there the run is likelier UTF-8 mojibake left as it
    was (``â\\x80\\x9c``), which Windows-1252 would only spell another way.

    >>> [(p.start, p.out) for p in c1_control_pieces("it\\x92s \\x93ok\\x94 â\\x80\\x9c \\x81 中\\x85", [])]
    [(2, '’'), (5, '“'), (8, '”'), (17, '…')]
    """
    pieces = []
    # (the runs are looked for between the taken stretches only: in text read as Latin-1
    # nearly every run is inside one, 108,000 on 60 files; a run found at a gap's edge that
    # goes on into a taken stretch overlaps it)
    n = len(text)
    gap = 0
    for a, b in [*taken, (n, n)]:
        if a > gap:
            for m in C1_RUN_RE.finditer(text, gap, a):
                start, end = m.span()
                if (start == gap and start and "\x80" <= text[start - 1] <= "\x9f") or (end == a < n and "\x80" <= text[end] <= "\x9f"):
                    continue
                run = m.group()
                if not _C1_1252_DEFINED.issuperset(run):
                    continue
                if _mojibake_beside(text, start - 1, taken) or _mojibake_beside(text, end, taken):
                    continue
                pieces.append(Piece(start, end, run.encode("latin-1").decode("windows-1252"), "c1-control", ("windows-1252", "latin-1")))
        gap = max(gap, b)
    return pieces


def _mojibake_beside(text: str, i: int, taken: list[tuple[int, int]]) -> bool:
    """Is ``text[i]`` a character of U+0080-U+00FF that no piece took (``cafÃ©\\x92s``: the
    ``©`` of a decoded ``é`` is none)?"""
    return 0 <= i < len(text) and "\x80" <= text[i] <= "\xff" and not overlaps(taken, i, i + 1)


def _codec_name(orig: str, codec: str) -> str:
    """Windows-1252 mojibake spelled with C1 controls and no 1252-only characters is Latin-1."""
    if codec == "windows-1252" and _CP1252_ONLY.isdisjoint(orig) and not _C1_1252_DEFINED.isdisjoint(orig):
        return "latin-1"
    return codec


def decode_suspect(
    text: str, sus: Suspect, lm: LanguageModel, depth: int = 0, lost: dict[int, int] | None = None,
    layers: bool = True, soft_hyphens: bool = False, marked_bytes: dict[int, frozenset[int]] | None = None,
    stand_ins: dict[int, tuple[int, ...]] | None = None,
) -> list[Piece]:
    """Pieces that replace ``text[sus.start:sus.end]``.

    ``lost``: where the reader marked the bytes it could not map (read with
    ``errors="replace"``, the markers since taken out of ``text``), how many markers followed
    each offset of ``text``; a truncated sequence whose markers make up for its lost bytes
    gets only the characters with one of the codec's undefined bytes in each marker's place.
    ``layers=False``: the first layer alone, whose inner layers :func:`inner_layers` finds
    with the whole text in view.  ``soft_hyphens``: the reader kept them
    (:func:`kept_soft_hyphens`), so no byte AD was lost.  ``marked_bytes``: the offsets of
    ``lost`` whose markers were straight quotes, and the bytes they may be
    (:func:`.detect.straightened_quotes`); the other markers are the codec's undefined bytes.
    ``stand_ins``: ASCII characters right after a truncated sequence that may stand for a byte of
    it, each with the bytes it may be: a space for A0, a no-break space made a space
    (:func:`.detect.spaces_may_be_a0`), a straight quote for a byte of a curly quote
    (:func:`.detect.quotes_may_be_bytes`); where the model takes one so, it goes into the
    rebuilt character's piece.
    """
    chain = ("utf-8", _codec_name(text[sus.start : sus.end], sus.codec))
    droppable = DROPPABLE[sus.codec] - _SOFT_HYPHEN if soft_hyphens else DROPPABLE[sus.codec]
    base = sus.start
    data = sus.data
    if sus.whole:
        # valid UTF-8 throughout: decode in one go
        out = data.decode("utf-8")
        pieces = [] if out == text[base : sus.end] else [Piece(base, sus.end, out, "decode", chain)]
        if layers and depth + 1 < MAX_DEPTH:
            pieces = [p for piece in pieces for p in _inner_layers(piece, lm, depth)]
        return pieces
    # First pass: plain decoding, with a placeholder per truncated unit.
    parts: list[str] = []
    truncs: list[int] = []  # indices into parts
    for u in sus.units:
        if u.kind == "text":
            parts.append(data[u.start : u.end].decode("utf-8"))
        else:
            truncs.append(len(parts))
            parts.append(REPLACEMENT)
    choices: dict[int, tuple[str, float, int, tuple[str, ...]]] = {}
    consumed: dict[int, int] = {}  # (truncated units whose choice took the stand-ins after them as bytes: where those end)
    if truncs:
        statics = _recover(text, sus, parts, truncs, droppable, lm, choices, lost, marked_bytes, stand_ins, consumed)
        if _as_outer_layer(sus, parts, statics, droppable, lm, choices):
            # (one piece: its inner layer is decoded across the characters rebuilt here)
            out = "".join(parts)
            pieces = [Piece(base, sus.end, out, "decode", chain, sum(c[2] for c in choices.values()),
                            min([c[1] for c in choices.values()] + [1.0]))]
            if layers and depth + 1 < MAX_DEPTH:
                pieces = [p for piece in pieces for p in _inner_layers(piece, lm, depth)]
            return pieces
    pieces: list[Piece] = []
    pending_start = None
    pending: list[str] = []

    def flush(end: int) -> None:
        nonlocal pending_start, pending
        if pending_start is not None:
            orig = text[base + pending_start : base + end]
            out = "".join(pending)
            if out != orig:
                pieces.append(Piece(base + pending_start, base + end, out, "decode", chain))
        pending_start, pending = None, []

    taken_to = 0  # (the end of the last span a choice took past its own unit)
    for k, u in enumerate(sus.units):
        if u.end <= taken_to:
            continue
        if k in choices:
            flush(u.start)
            ch, conf, n, alts = choices[k]
            end = consumed.get(k, u.end)
            taken_to = end
            orig = text[base + u.start : base + end]
            if ch != orig:
                pieces.append(
                    Piece(base + u.start, base + end, ch, "byte-recovery", chain, n, conf, data[u.start : u.end],
                          statics[k].droppable, alts)
                )
        else:
            if pending_start is None:
                pending_start = max(u.start, taken_to)
            pending.append(parts[k])
    flush(sus.units[-1].end if sus.units else 0)

    if layers and depth + 1 < MAX_DEPTH:
        pieces = [p for piece in pieces for p in _inner_layers(piece, lm, depth)]
    return pieces




class _Static(NamedTuple):
    """What a truncated sequence's options are before context (:func:`_static_options`)."""

    cands: tuple[tuple[str, int], ...]
    """the candidates, each with the bytes it restores"""
    plain: tuple[tuple[str, float], ...]
    """the options, each with its lost-byte cost"""
    names: frozenset[str]
    """the candidates as a set"""
    alts: tuple[str, ...]
    """the candidates in order, as a piece's ``options`` names them"""
    han: bool
    """whether one of them is a Han character"""
    droppable: frozenset[int]
    """the bytes it may have lost"""
    outer: bool
    """whether it may be a character of a double encoding's inner layer (:func:`.outer.may_fill_inner`)"""


@lru_cache(maxsize=65536)
def _static_options(raw: bytes, droppable: frozenset[int], at: tuple[int, ...] | None = None) -> _Static:
    """What the truncated sequence ``raw`` may be before context, worked out once per byte
    string; ``at``: where its lost bytes went, if known."""
    cands = candidates(raw, droppable, at)
    plain = tuple((ch, LOST_BYTE_COST * n) for ch, n in cands)
    names = frozenset(ch for ch, _ in cands)
    alts = tuple(ch for ch, _ in cands)
    # (a compatibility ideograph among full-width marks' candidates is no Han character here)
    han = any("\u3400" <= ch <= "\u9fff" for ch in alts)
    return _Static(cands, plain, names, alts, han, droppable, may_fill_inner(raw, names))


def _slot_options(text: str, sus: Suspect, k: int, static, line: LineView, lm: LanguageModel, marked: bool = False):
    """The options of truncated unit ``k`` (``static``: what :func:`_static_options` gives
    for it), weighed by its line (:func:`.context.weigh`), and keeping its text as it is;
    and what each restores (character, bytes).  ``marked``: the reader left a marker for
    each of its lost bytes."""
    u = sus.units[k]
    info: list[tuple[str, int]] = list(static.cands)
    opts: list[Option] = weigh(line, k, static.plain, lm, static.names)
    keep = text[sus.start + u.start : sus.start + u.end]
    # Where no valid sequence (nor a marker) vouches for mojibake, keeping the text costs
    # nothing extra.
    opts.append((keep, KEEP_COST if sus.valid or marked else 0.0))
    info.append((keep, 0))
    return opts, info


PROVISIONAL_MARGIN = 3.0
"""How much likelier on its own (nats) the likeliest candidate of a truncated sequence that holds
no Han character must be than the next for the word lattice to take it as the context beside
its slots (:func:`_likely_mark`)."""


def _likely_mark(static: _Static, lm: LanguageModel) -> str | None:
    """The candidate of a truncated sequence with no Han character among them (a mark, decided
    after the Han characters beside it) that is :data:`PROVISIONAL_MARGIN` likelier on its own
    than any other, as the context the word lattice weighs a slot beside it with; None where
    none is.  Without it the lattice saw an unknown character there: ``机器学习库。`` came back
    ``机器学习应。`` where the quote of ``。`` (E3 80 82) had been straightened, since ``应`` is
    the commoner character and ``应。`` the rarer pair (on the benchmark's 300 files: Windows-1257
    with markers 3,918 → 3,843 wrong characters, quotes straightened 307 → 300, lossy 869 → 871).

    >>> lm = LanguageModel.default()
    >>> _likely_mark(_static_options(b"\\xe3\\x80", frozenset({0x82, 0x91, 0x92}), (2,)), lm)
    '。'
    >>> _likely_mark(_static_options(b"\\xe2\\x80", frozenset({0x93, 0x94}), (2,)), lm) is None  # – or —
    True
    """
    costs = sorted((lm.unigram_cost(ch) + x, ch) for ch, x in static.plain)
    if not costs:
        return None
    if len(costs) == 1 or costs[0][0] + PROVISIONAL_MARGIN <= costs[1][0]:
        return costs[0][1]
    return None


def _choose(k: int, info, pick: int, conf: float, sus: Suspect, choices, alts: tuple[str, ...]) -> str:
    """Record option ``pick`` of ``info`` (:func:`_slot_options`) as the choice for truncated
    unit ``k``, with its confidence and ``alts``, the unit's candidates."""
    ch, n = info[pick]
    if not alts:
        # Nothing valid to insert: inside clear mojibake say so with U+FFFD,
        # elsewhere keep the input's characters.
        choices[k] = (REPLACEMENT if sus.valid else info[-1][0], 0.0, 0, alts)
    else:
        choices[k] = (ch, conf, n, alts)
    return choices[k][0]



_SOFT_HYPHEN = frozenset({SOFT_HYPHEN_BYTE})

SOFT_HYPHEN_EVIDENCE = 3
"""Soft hyphens inside a text's mojibake that show its reader kept them.  A strict reader of
Windows-1257 (or -1252, -1250, -1251) does not drop byte AD, which it reads as the soft hyphen
(``ä¸\\xad`` is ``中``); only a text cleaner strips it.  Where it was kept, a truncated sequence
lost one of the codec's undefined bytes, not AD: ``ä¸`` is ``上`` (E4 B8 8A) or ``业`` (9A),
never ``中``.  30 archive files read through Windows-1257 with ``errors="ignore"`` held up to 435
soft hyphens in their mojibake, 28 of them at least 5 (and ``中`` came back for ``上`` 229 times);
the damage of seed 002, whose soft hyphens were stripped, holds none."""


def kept_soft_hyphens(text: str, suspects: list[Suspect]) -> bool:
    """Did the reader of ``text`` keep soft hyphens: do its ``suspects`` hold at least
    :data:`SOFT_HYPHEN_EVIDENCE` of them, in codecs that read byte AD so?

    >>> once = "中文，中国中心".encode("utf-8").decode("cp1257", "ignore")
    >>> stripped = once.replace("\\xad", "")
    >>> kept_soft_hyphens(once, find_suspects(once)), kept_soft_hyphens(stripped, find_suspects(stripped))
    (True, False)
    """
    seen = 0
    for s in suspects:
        if DECODE_TABLES[s.codec][SOFT_HYPHEN_BYTE] == "\xad":
            seen += text.count("\xad", s.start, s.end)
    return seen >= SOFT_HYPHEN_EVIDENCE


def _marked_places(lost: dict[int, int], start: int, raw: bytes) -> tuple[int, ...] | None:
    """Where in its UTF-8 sequence each lost byte of the truncated ``raw`` (at offset ``start``
    of the text) went, by the markers that followed its characters; None unless they make up
    for every lost byte (a sequence truncated without markers, or short of others).

    >>> _marked_places({0: 1}, 0, b"\\xe5\\x85"), _marked_places({1: 1}, 0, b"\\xe5\\x85"), _marked_places({0: 2}, 0, b"\\xe5")
    ((1,), (2,), (1, 2))
    >>> _marked_places({}, 0, b"\\xe5\\x85"), _marked_places({0: 1}, 0, b"\\xe5")
    (None, None)
    """
    places: list[int] = []
    pos = 0
    for i in range(len(raw)):
        pos += 1
        for _ in range(lost.get(start + i, 0)):
            places.append(pos)
            pos += 1
    return tuple(places) if places and pos == seq_len(raw[0]) else None


def _recover(text: str, sus: Suspect, parts: list[str], truncs: list[int], droppable, lm: LanguageModel, choices, lost=None,
             marked_bytes=None, stand_ins: dict[int, tuple[int, ...]] | None = None, consumed: dict[int, int] | None = None) -> dict:
    """Fill ``parts[k]`` for every truncated unit ``k`` and record the choice in ``choices``;
    return each one's :func:`_static_options`.  ``lost`` and ``marked_bytes``: as
    :func:`decode_suspect` takes them.  With ``stand_ins`` (as :func:`decode_suspect` takes
    them), a unit right before a stand-in may also be a character one of whose bytes the
    stand-in stood for (with the continuation bytes after it); each unit whose choice is one goes
    into ``consumed`` with where the bytes it took end, and the parts of those bytes are emptied."""
    base = sus.start
    # A suspect never spans a line break, so its line is the bracket-pairing context.
    # The line breaks themselves are context too (， hardly ever ends a line, ： often does).
    first = line_start(text, base)
    last = line_end(text, sus.end)
    text_before = text[first - 1 if first and text[first - 1] == "\n" else first : base]
    text_after = text[sus.end : last + 1 if text[last : last + 1] == "\n" else last]
    units, data = sus.units, sus.data
    marked: set[int] = set()
    if lost and (undefined := droppable - _SOFT_HYPHEN):
        statics = {}
        for k in truncs:
            u = units[k]
            at = _marked_places(lost, base + u.start, data[u.start : u.end])
            bytes_ = undefined
            if at and marked_bytes:
                # (a straight quote stands for a byte of its curly quotes, a U+FFFD for an undefined one)
                bytes_ = frozenset().union(*(marked_bytes.get(i, undefined) for i in range(base + u.start, base + u.end) if i in lost))
            statics[k] = _static_options(data[u.start : u.end], bytes_ if at else droppable, at)
            if at:
                marked.add(k)
    else:
        statics = {k: _static_options(data[units[k].start : units[k].end], droppable) for k in truncs}
    takes: dict[int, dict[str, int]] = {}  # (per unit, the characters that take stand-ins after it: where those end)
    if stand_ins:
        stood_for = frozenset(b for bs in stand_ins.values() for b in bs)
        for k in truncs:
            u = units[k]
            if k in marked or u.end >= len(data) or data[u.end] not in stand_ins:
                continue
            found = _stand_in_options(data, u.start, u.end, stand_ins, droppable, statics[k].names)
            if found:
                extra = tuple((ch, n) for ch, (n, _) in sorted(found.items()))
                statics[k] = _with_stand_in_candidates(statics[k], data[u.start : u.end], extra, stood_for)
                takes[k] = {ch: end for ch, (_, end) in found.items()}
    undecided = {k: static.names for k, static in statics.items()}
    line = LineView(text, text_before, parts, text_after, sus.end, undecided)
    # Slots that may hold a Han character are decided by the word model, all at once.
    han_opts: dict[int, list[Option]] = {}
    han_info: dict[int, list[tuple[str, int]]] = {}
    rest: list[int] = []
    for k in truncs:
        if data[units[k].start] >= 0xE3 and statics[k].han:  # (one of its candidates may be a Han character)
            han_opts[k], han_info[k] = _slot_options(text, sus, k, statics[k], line, lm, k in marked)
            if k in takes:
                han_opts[k] = _stand_in_kept(han_opts[k], takes[k], data[units[k].end])
        else:
            # (weighed below, once the Han characters beside it are chosen: before, those
            # of the lead bytes E3 and above were weighed here too, and the result dropped)
            rest.append(k)
    if han_opts:
        seq: list[str | int] = list(text_before[-_CONTEXT:])
        # (a mark decided later stands there as its likeliest candidate, where that is clear)
        rest_set = set(rest)
        hidden_to = 0
        for k, p in enumerate(parts):
            if units[k].start < hidden_to:
                # (the stand-in after a slot that may take it as a byte, and the bytes after it that
                # such an option takes, are not seen: 张量 is ``å¼ é‡``, whose words the space cut;
                # Chinese hardly puts a space or a straight quote between two Han characters)
                if units[k].kind != "text":
                    continue
                p = p[hidden_to - units[k].start :]
            if k in takes:
                hidden_to = max(takes[k].values())
            if k in han_opts:
                seq.append(k)
            elif k in rest_set and (guess := _likely_mark(statics[k], lm)) is not None:
                seq.append(guess)
            else:
                seq.extend(p)
        seq.extend(text_after[:_CONTEXT])
        wm = WordModel.default()
        margins: dict[int, dict[int, float]] | None = {} if lm.has_trigrams else None
        picks, confs = wm.decode(seq, han_opts, lambda t: token_cost(lm, t), char_cost(lm), CHAR_WEIGHT, lm.cost_cache, margins)
        for k, info in han_info.items():
            parts[k] = _choose(k, info, picks.get(k, len(info) - 1), confs.get(k, 0.0), sus, choices, statics[k].alts)
        if margins:
            _second_look(lm, han_info, picks, margins, parts, text_before, text_after, sus, choices, statics)
        for k in han_info:
            line.decide(k)
    # The others: clusters of directly adjacent truncated units share one Viterbi search.
    # (a unit whose options may take the stand-ins after it is taken as directly before what
    # follows them, as in the word lattice above)
    def next_seen(k: int) -> tuple[int, int]:
        """The unit after unit ``k`` and its stand-ins, and how much of its part they hold."""
        end = max(takes[k].values()) if k in takes else units[k].end
        j = k + 1
        while j < len(units) and units[j].end <= end:
            j += 1
        return j, max(0, end - units[j].start) if j < len(units) else 0

    i = 0
    while i < len(rest):
        j = i
        while j + 1 < len(rest) and rest[j + 1] == next_seen(rest[j])[0]:
            j += 1
        idxs = rest[i : j + 1]
        slots: list[list[Option]] = []
        meta: list[list[tuple[str, int]]] = []
        for k in idxs:
            opts, info = _slot_options(text, sus, k, statics[k], line, lm, k in marked)
            if k in takes:
                opts = _stand_in_kept(opts, takes[k], data[units[k].end])
            slots.append(opts)
            meta.append(info)
        before = parts[idxs[0] - 1] if idxs[0] else text_before
        nxt, cut = next_seen(idxs[-1])
        after = parts[nxt][cut:] if nxt < len(parts) else text_after
        left = before[-1:] if before else text[base - 1 : base]
        picks_, confs_ = best_path(lm, left, slots, after[:1])
        for k, pick, conf, info in zip(idxs, picks_, confs_, meta):
            parts[k] = _choose(k, info, pick, conf, sus, choices, statics[k].alts)
            line.decide(k)  # what it is now counts, not what it could have been
        i = j + 1
    for k, ends in takes.items():
        end = ends.get(choices[k][0])
        if end is None:
            continue
        consumed[k] = end
        # (the stand-ins and the bytes after them are the character's now: their parts empty, or
        # cut where a part reaches past them)
        for j in range(k + 1, len(parts)):
            uj = units[j]
            if uj.start >= end:
                break
            parts[j] = parts[j][end - uj.start :] if uj.end > end else ""
            choices.pop(j, None)
    return statics


KEPT_STAND_IN_COST = {0x20: 3.81, 0x22: 9.92, 0x27: 9.92}
"""What an option that leaves the stand-in after its unit as it is pays for it (nats), where the
option is a Chinese character or mark: the log of the share of those that a space, or a straight
quote, follows in clean archive text outside the repair benchmark's samples (131,644 and 292 of
5,926,587; a space after ``⁵`` is common).  The word lattice and the marks' search do not see
a stand-in that an option may take (the next character is the one after it), so without this a
quote kept after ``、`` cost nothing: ``。`` (E3 80 82, its 82 straightened) came back ``、'``
(81 lost).  On 60 posts of the tuning sample, lossy Windows-1252 then quotes straightened, with
the cost on every option that leaves the quote: 385 wrong characters without it, 296 at 3, 261
at 9, 257 at 14; with no-break spaces made spaces instead, 40 posts: 102 without, 99 with it."""


_CJK = re.compile("[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")  # (Chinese characters and marks)


def _stand_in_kept(opts: list[Option], taking: dict[str, int], stand_in: int) -> list[Option]:
    """``opts`` with the options that leave the stand-in after the unit as it is (none of
    ``taking``) paying :data:`KEPT_STAND_IN_COST` for it."""
    extra = KEPT_STAND_IN_COST.get(stand_in, 0.0)
    if not extra:
        return opts
    return [(t, c + extra if t not in taking and _CJK.fullmatch(t) else c) for t, c in opts]


def _stand_in_options(data: bytes, start: int, end: int, stand_ins: dict[int, tuple[int, ...]], droppable: frozenset[int],
                      names: frozenset[str]) -> dict[str, tuple[int, int]]:
    """The characters other than ``names`` that the truncated unit ``data[start:end]`` may have
    been with the stand-ins right after it put back as their bytes (and the continuation bytes
    after those that its sequence still needs: 标 is E6, a space, 87; │, E2 94 82, is ``â"'``
    with its quotes straightened), bytes of ``droppable`` lost besides; each with the bytes it
    restores and where the bytes it takes end.

    >>> quotes = {0x22: (0x84, 0x93, 0x94), 0x27: (0x82, 0x91, 0x92)}
    >>> found = _stand_in_options(b"\\xe2\\x22\\x27 x", 0, 1, quotes, frozenset(), frozenset())
    >>> found["│"], sorted(found)
    ((2, 3), ['ℂ', 'ℑ', 'ℒ', 'Ⓜ', 'ⓑ', 'ⓒ', '│', '┑', '┒'])
    """
    need = seq_len(data[start])
    ends = []
    j = end
    while j < len(data) and j - start < need and data[j] in stand_ins:
        j += 1
        while j < len(data) and j - start < need and 0x80 <= data[j] <= 0xBF:
            j += 1
        ends.append(j)
    found: dict[str, tuple[int, int]] = {}
    for stop in ends:
        places = [q for q in range(end, stop) if data[q] in stand_ins]
        seq = bytearray(data[start:stop])
        for inserted in itertools.product(*(stand_ins[data[q]] for q in places)):
            for q, b in zip(places, inserted):
                seq[q - start] = b
            for ch, n in _stand_in_candidates(bytes(seq), droppable, len(places)):
                if ch not in names and (ch not in found or n < found[ch][0]):
                    found[ch] = (n, stop)
    return found


def _stand_in_candidates(seq: bytes, droppable: frozenset[int], stood: int = 1) -> tuple[tuple[str, int], ...]:
    """The characters a sequence may have been whose bytes ``seq`` holds, ``stood`` stand-ins put
    back as their bytes among them (a space as A0), where bytes of ``droppable`` were lost
    besides; each with the bytes it restores (the stand-ins' among them).

    >>> _stand_in_candidates(b"\\xe4\\xbd\\xa0", frozenset({0x81, 0xAD})), _stand_in_candidates(b"\\xe6\\xa0\\x87", frozenset({0xAD}))  # 你, 标
    ((('你', 1),), (('标', 1),))
    >>> _stand_in_candidates(b"\\xe5\\xa0", frozenset({0x8D}))  # 占 E5 8D A0, 堍 E5 A0 8D
    (('占', 2), ('堍', 2))
    """
    need = seq_len(seq[0])
    if len(seq) < need:
        return tuple((ch, n + stood) for ch, n in candidates(seq, droppable))
    if len(seq) > need or VALID_SEQ_RE.fullmatch(seq) is None:
        return ()
    ch = seq.decode("utf-8")
    return ((ch, stood),) if is_assigned(ch) else ()


def _with_stand_in_candidates(static: _Static, raw: bytes, extra: tuple[tuple[str, int], ...], stood_for: frozenset[int]) -> _Static:
    """``static`` with the candidates ``extra`` that take the stand-in after the unit as one of
    the bytes ``stood_for``."""
    cands = static.cands + extra
    names = frozenset(ch for ch, _ in cands)
    alts = tuple(ch for ch, _ in cands)
    return _Static(cands, tuple((ch, LOST_BYTE_COST * n) for ch, n in cands), names, alts,
                   any("\u3400" <= ch <= "\u9fff" for ch in alts), static.droppable | stood_for, may_fill_inner(raw, names))


def _as_outer_layer(sus: Suspect, parts: list[str], statics, droppable: frozenset[int], lm: LanguageModel, choices) -> bool:
    """Where ``parts`` (the first layer, each truncated unit's choice in place) is itself
    mojibake, re-choose the truncated units as characters of that inner layer
    (:func:`.outer.inner_fill`), in ``parts`` and ``choices``; whether it is.

    Before, each was chosen as the likeliest final text, and the decoding was cut there:
    ``Ã§â€�Â¨`` (``ç”¨``, ``用``) came back ``班”¨``.
    """
    if not any(static.outer for static in statics.values()):
        return False  # (no unit can complete an inner sequence: inner_fill would find none)
    units, data = sus.units, sus.data
    slots = {k: outer_candidates(data[units[k].start : units[k].end], droppable, static.cands) for k, static in statics.items()}
    found = inner_fill(parts, slots, sus.codec, lm)
    if found is None:
        return False
    for k, ch in found[1].items():
        parts[k] = ch
        choices[k] = (ch, 1.0, dict(statics[k].cands).get(ch, 1), choices[k][3])
    return True


_CONTEXT = 12
# Weight of the character model beside the word model (tuned on the repair benchmark).
CHAR_WEIGHT = 1.0
# The trigram second look (:func:`_second_look`): options within SECOND_LOOK_MARGIN nats of a
# slot's best are weighed again, adding TRIGRAM_WEIGHT times what trigram counts say beyond
# the bigram costs the word lattice already counted.  Tuned on lossy files of the repair
# benchmark's seed 11 (60 files, batch model of 2,000 other files: 181 wrong characters
# without it, 138 with these values; margins 4-12 and weights 0.3-1.0 gave 138-164).
SECOND_LOOK_MARGIN = 6.0
TRIGRAM_WEIGHT = 0.5


def _trigram_gain(lm: LanguageModel, left: str, ch: str, right: str) -> float:
    """What the trigram costs of ``ch`` and the two characters after it add to their
    bigram costs, with two characters of context on each side (fewer at the edges)."""
    left = left[-2:]
    s = left + ch + right[:2]
    gain = 0.0
    for j in range(len(left), min(len(s), len(left) + 3)):
        if j >= 2:
            gain += lm.trigram_cost(s[j - 2], s[j - 1], s[j]) - lm.cost(s[j - 1], s[j])
    return gain


def _second_look(lm: LanguageModel, han_info, picks, margins, parts, text_before, text_after, sus, choices, statics) -> None:
    """Decide the word lattice's close calls again with the trigram counts of ``lm``.

    The lattice scores characters in pairs; counts of clean text (the archive's) also know
    which character follows two others (``的水中是`` against ``的水不是``: 中 and 不 lose a byte
    to the same leftover).  Each slot whose
    runner-up Han option is within :data:`SECOND_LOOK_MARGIN` nats of the best is decided,
    left to right with the characters already chosen as context, by its lattice margin
    plus :data:`TRIGRAM_WEIGHT` times :func:`_trigram_gain`.
    """
    for k in sorted(han_info):
        gaps = margins.get(k)
        if not gaps:
            continue
        info = han_info[k]
        close = [(j, g) for j, g in sorted(gaps.items()) if g < SECOND_LOOK_MARGIN and len(info[j][0]) == 1 and is_han(info[j][0])]
        if len(close) < 2:
            continue
        left = text_before[-2:] + "".join(parts[max(0, k - 2) : k])
        right = "".join(parts[k + 1 : k + 3]) + text_after[:2]
        totals = dict(gaps)
        for j, g in close:
            totals[j] = g + TRIGRAM_WEIGHT * _trigram_gain(lm, left, info[j][0], right)
        best = min(close, key=lambda jg: (totals[jg[0]], jg[0]))[0]
        conf = 1.0 / sum(math.exp(totals[best] - t) for t in totals.values())
        picks[k] = best
        parts[k] = _choose(k, info, best, conf, sus, choices, statics[k].alts)


def char_cost(lm: LanguageModel):
    """The character bigram cost the word lattice adds (``a`` is "" at a stretch's start).

    The lattice looks in ``lm.cost_cache`` first and asks for a pair only where it is not
    there, so this goes straight to working it out (and keeping it there); a pair asked for
    again is worked out again, to the same cost.
    """
    unknown, uni = lm.unknown_cost, lm.unigram_cost
    return lambda a, b: unknown(a, b, a + b) if a else uni(b)


def token_cost(lm: LanguageModel, t: str) -> float:
    """Cost of a non-Han token standing between words (remembered in the model's memo)."""
    key = ("token", t)
    hit = lm.memo.get(key)
    if hit is not None:
        return hit
    p = PUNCT_START.get(t) if len(t) == 1 else None
    cost = -math.log(p) if p is not None else lm.string_cost("", t)
    lm.memo[key] = cost
    return cost


def second_layers(pieces: list[Piece], lm: LanguageModel) -> list[Piece]:
    """``pieces`` of one document, with those decoded once decoded again where the document
    shows double encoding: at least :data:`.detect.MIN_DOC_EVIDENCE` characters that came
    out of two layers.

    A piece's inner layer is looked for in the piece alone, where one lone sequence that
    reads as clean text is not enough (``é“…``, the first layer of ``铅`` on a line of
    its own); the pieces decoded twice elsewhere in the document are.
    """
    twice = sum(len(p.out) - len(p.out.encode("ascii", "ignore")) for p in pieces if len(p.chain) > 2)
    if twice < MIN_DOC_EVIDENCE:
        return pieces
    return [q for p in pieces for q in (_inner_layers(p, lm, 0, twice) if len(p.chain) == 2 else [p])]


def inner_layers(text: str, pieces: list[Piece], lm: LanguageModel) -> list[Piece]:
    """The first-layer ``pieces`` of ``text`` (from :func:`decode_suspect` with
    ``layers=False``), each decoded again where it is itself mojibake (double encoding).

    A piece's inner layer is looked for in the piece alone and only in its own codec
    (:func:`_inner_layers`, then :func:`second_layers` with the document's evidence), as a
    lone piece is too little to tell another codec's layer from clean text (``“≤`` is also
    MacRoman for ``Ҳ``).  Only where the text with every piece put in, searched as a whole as
    the input was (all codecs, with their evidence and line rules), holds a stretch of another
    codec inside a piece (more valid sequences of other codecs than of the pieces' own) is that
    piece decoded so: UTF-8 read as Windows-1252 and the result
    read as Windows-1250 (``使用`` → ``ä½¿ç”¨`` → ``Ă¤Â˝ÂżĂ§â€ťÂ¨``).  Before, the inner layer
    was read through Windows-1250 too, which decoded the characters whose bytes the two
    codecs spell alike (``ä½¿用``) and rebuilt the rest from "lost" bytes: 30 archive files
    damaged so came back 67% right.

    >>> once = "使用机器学习".encode("utf-8").decode("cp1252")
    >>> twice = once.encode("utf-8").decode("cp1250")
    >>> first = [Piece(0, len(twice), once, "decode", ("utf-8", "windows-1250"))]
    >>> [(p.out, p.chain) for p in inner_layers(twice, first, LanguageModel.default())]
    [('使用机器学习', ('utf-8', 'windows-1252', 'utf-8', 'windows-1250'))]
    """
    pieces = sorted(pieces, key=lambda p: p.start)
    other: dict[int, list[Suspect]] = {}
    suspect = [p.method == "decode" and is_suspect(p.out) for p in pieces]
    if any(suspect):
        spliced, starts = _spliced(text, pieces)
        found: dict[int, list[Suspect]] = {}
        for sus in find_suspects(spliced):
            k = bisect_right(starts, sus.start) - 1
            if k >= 0 and pieces[k].method == "decode" and sus.end <= starts[k] + len(pieces[k].out):
                found.setdefault(k, []).append(sus)
        own = sum(s.valid for k, f in found.items() for s in f if s.codec == pieces[k].chain[-1])
        if sum(s.valid for f in found.values() for s in f) > 2 * own:
            # (more valid sequences of other codecs than of the pieces' own: a few stretches
            # of another codec amid a double layer of one are fragments that lost bytes.  On
            # 30 archive files read through Windows-1252 and then Windows-1250, other codecs
            # had 25-4,041 valid sequences and the pieces' own none; through Windows-1252
            # twice with markers, 1-13 against 318-4,574; read once, none at all)
            other = {k: f for k, f in found.items() if any(s.codec != pieces[k].chain[-1] for s in f)}
    out: list[Piece] = []
    for k, piece in enumerate(pieces):
        if k in other and REPLACEMENT in piece.out:
            # (the inner layer's markers break up its stretches as found in the whole text:
            # it is read again alone, without them, in the codec found most)
            codec = max(other[k], key=lambda s: s.valid).codec
            out.extend(_inner_layers(piece, lm, 0, sum(s.valid for f in found.values() for s in f if s.codec == codec), codec))
        elif k in other:
            out.append(_layer_of(spliced, starts[k], piece, other[k], lm))
        elif suspect[k] or (piece.method == "decode" and REPLACEMENT in piece.out):
            # (a decoded piece with neither a lead and continuation pair nor a marker in it
            # has no inner layer for :func:`_inner_layers` to find: most of a single layer's)
            out.extend(_inner_layers(piece, lm, 0))
        else:
            out.append(piece)
    return second_layers(out, lm)


def _spliced(text: str, pieces: list[Piece]) -> tuple[str, list[int]]:
    """``text`` with the (sorted, disjoint) ``pieces`` put in, and where each piece's output
    starts in it.

    >>> _spliced("a?b?c", [Piece(1, 2, "中文", "decode", ()), Piece(3, 4, "x", "decode", ())])
    ('a中文bxc', [1, 4])
    """
    starts: list[int] = []
    shift = 0
    for p in pieces:
        starts.append(p.start + shift)
        shift += len(p.out) - (p.end - p.start)
    return splice(text, pieces), starts


def _layer_of(spliced: str, base: int, piece: Piece, found: list[Suspect], lm: LanguageModel) -> Piece:
    """``piece`` (its output at ``base`` in ``spliced``) with the stretches ``found`` in it
    decoded (and their own inner layers, up to :data:`MAX_DEPTH`)."""
    soft_hyphens = kept_soft_hyphens(spliced, found)
    decoded = [q for sus in found for q in decode_suspect(spliced, sus, lm, 1, soft_hyphens=soft_hyphens)]
    return _with_layer(piece, spliced, base, base + len(piece.out), decoded, piece.restored_bytes, piece.confidence)


def _inner_layers(piece: Piece, lm: LanguageModel, depth: int, elsewhere: int = 0, codec: str | None = None) -> list[Piece]:
    """Decode a decoded piece again when it is itself mojibake (double encoding);
    ``elsewhere``: valid sequences of its codec's layer known in the rest of the document;
    ``codec``: the inner layer's, where not the piece's own.

    The markers that a reader of the inner layer left (read with ``errors="replace"``,
    ``ç»�`` for ``经``) are taken out and say where its lost bytes were, as in the input
    (before, they stayed: ``神经�网络``).
    """
    if piece.method != "decode" or not piece.chain:
        return [piece]
    # Double encoding repeats one codec; allowing any other codec inside would undo a
    # layer that never happened ("“≤" is also MacRoman mojibake of "Ҳ").
    codec = codec or piece.chain[-1]
    work = unmarked(piece.out, codec)
    inner = find_suspects(work.text, codecs=(codec,), elsewhere=elsewhere, marks=work.lost)
    if not inner:
        return [piece]
    soft_hyphens = kept_soft_hyphens(work.text, inner)
    decoded = [p for sus in inner for p in decode_suspect(work.text, sus, lm, depth + 1, lost=work.lost, soft_hyphens=soft_hyphens)]
    if work.kept is not None:
        decoded = over_markers(decoded, work.kept, work.gone, len(piece.out))
    return [_with_layer(piece, piece.out, 0, len(piece.out), decoded, piece.restored_bytes, piece.confidence)]


def _with_layer(piece: Piece, text: str, start: int, stop: int, decoded: list[Piece], recovered: int, conf: float) -> Piece:
    """``piece``, whose output is ``text[start:stop]``, with the ``decoded`` pieces of ``text``
    (its inner layer) put in: their bytes restored added to ``recovered``, their confidence the
    least of theirs and ``conf``, the chain theirs inside the piece's."""
    rebuilt: list[str] = []
    at = start
    chain = piece.chain
    for q in decoded:
        rebuilt.append(text[at : q.start])
        rebuilt.append(q.out)
        at = q.end
        recovered += q.restored_bytes
        conf = min(conf, q.confidence)
        chain = _merge_chain(q.chain, piece.chain)
    rebuilt.append(text[at:stop])
    return Piece(piece.start, piece.end, "".join(rebuilt), "decode", chain, recovered, conf)


def _merge_chain(inner: tuple[str, ...], outer: tuple[str, ...]) -> tuple[str, ...]:
    """('utf-8', A) inside ('utf-8', B) is ('utf-8', A, 'utf-8', B) (outermost last)."""
    return inner + outer
