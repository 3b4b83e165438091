"""Repair stage: detect and undo mojibake without touching text that was fine.

``repair(text)`` finds stretches that are UTF-8 bytes read through a single-byte codec
(Windows-1252/1250/1251/1253/1254/1257, Latin-1, MacRoman, ISO-8859-2/15, code page 437; double
encoding too), or through GBK
(:mod:`.gbk`: ``鏈哄櫒瀛︿範`` for ``机器学习``), turns them back into bytes and decodes them.
Bytes a strict decoder dropped are put back by :mod:`.bytes_recovery`; Han characters are
chosen by the word lattice of :mod:`.wordmodel` together with the character model of
:mod:`.langmodel` (which holds counts of clean archive text, whose trigrams also take a second
look at the lattice's close calls), other characters by :mod:`.viterbi`
(pass ``model=LanguageModel.from_texts(clean_docs)`` to add a batch's statistics; a file
whose undamaged part holds enough Chinese adds its own, see :func:`_document_model`).  With a clean
``twin`` of the same document, uncertain characters are taken from it (:mod:`.twin`).

Modules: :mod:`.chardata` (codec tables), :mod:`.detect` (finding mojibake),
:mod:`.bytes_recovery` (UTF-8 units, candidates for lost bytes), :mod:`.gbk` (UTF-8 read
as GBK, found and decoded on its own), :mod:`.langmodel`,
:mod:`.wordmodel` (word lattice), :mod:`.viterbi` (joint choice of other characters),
:mod:`.context` (what a damaged character's line says about its candidates, for both
models), :mod:`.fixes` (decoding one stretch), :mod:`.outer` (the lost bytes of a double
encoding's outer layer), :mod:`.twin`, :mod:`.report`, :mod:`.build_table`,
:mod:`.build_terms`, :mod:`.build_context_table`, :mod:`.build_archive_counts` (regenerate the
bundled tables).

Clean text comes back as the same object, with ``report.damaged == False``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from . import gbk
from .bytes_recovery import QUOTES_FOR_BYTES, SPACE_FOR_A0, VALID_SEQ_RE
from .chardata import C1_RUN_RE, CODECS, DROPPABLE, ENCODE_TABLES, NBSP_CODECS, QUOTE_BYTES, QUOTE_CODECS, SOFT_HYPHEN_BYTE
from .detect import (
    Suspect, find_suspects, is_suspect, joined_across_stand_ins, overlaps, quotes_inside_sequences, quotes_may_be_bytes,
    spaces_for_a0, spaces_inside_sequences, spaces_may_be_a0, straightened_quotes, with_no_break_spaces,
)
from .fixes import LOW_CONFIDENCE, REPLACEMENT, Piece, c1_control_pieces, decode_suspect, inner_layers, kept_soft_hyphens, splice
from .langmodel import LanguageModel
from .markers import MARKER_CODECS, MARKERS, markers_after, over_markers, take_out
from .report import RepairReport, RepairSpan, fast_span
from .twin import line_changes, missed_runs, rebuilt_characters, restore, twin_lines
from .wordmodel import count_han

__all__ = ["RepairResult", "RepairReport", "RepairSpan", "LanguageModel", "repair"]


@dataclass(frozen=True, eq=False)
class RepairResult:
    """The repaired text, and the report of what was done.

    The report of a damaged text is built when it is first read (most of its cost is one
    :class:`RepairSpan` per changed stretch, thousands in a damaged file): a caller that
    wants only the text does not pay for it.  Until then the result holds the input text
    and the decoded pieces.
    """

    text: str
    _report: "RepairReport | _PendingReport" = field(repr=False, compare=False)

    @property
    def report(self) -> RepairReport:
        r = self._report
        if not isinstance(r, RepairReport):
            try:
                r = r.build()
            except Exception as exc:  # as in repair(): a bug here must not cost the text
                r = RepairReport(damaged=True, notes=[f"report failed ({type(exc).__name__}: {exc})"])
            object.__setattr__(self, "_report", r)  # the input text and pieces can go
        return r

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RepairResult):
            return NotImplemented
        return self.text == other.text and self.report == other.report

    __hash__ = None  # type: ignore[assignment]  # (a report is not hashable)


def repair(
    text: str,
    *,
    twin: str | None = None,
    twin_path: str | None = None,
    model: LanguageModel | None = None,
) -> RepairResult:
    """Repair mojibake in ``text``; never raises for a ``str``.

    >>> repair("Ã©tÃ© 中文").text
    'été 中文'
    >>> r = repair("上周，我很高兴！“引号” η∈λ 🙂")
    >>> r.report.damaged, r.text == "上周，我很高兴！“引号” η∈λ 🙂"
    (False, True)
    """
    if not isinstance(text, str):
        raise TypeError(f"repair() takes str, not {type(text).__name__}")
    if not is_suspect(text) and not gbk.looks_gbk(text) and C1_RUN_RE.search(text) is None:
        return RepairResult(text, RepairReport(damaged=False))
    try:
        return _repair(text, twin, twin_path, model)
    except Exception as exc:  # a repair bug must not lose the document
        return RepairResult(
            text,
            RepairReport(damaged=False, notes=[f"repair failed ({type(exc).__name__}: {exc}); text left unchanged"]),
        )


def _repair(text: str, twin: str | None, twin_path: str | None, model: LanguageModel | None) -> RepairResult:
    if twin:
        twin = same_line_ends(twin, text)
    marked = _take_out_markers(text)
    working, kept, lost, gone = marked.working, marked.kept, marked.lost, marked.gone
    a0_spaces = marked.a0_spaces
    suspects = find_suspects(working, marks=lost)
    if any(s.truncated for s in suspects):
        # (spaces that stood for byte A0 inside a sequence are put back, one character for
        # one, and the text read again; only truncated sequences can be such a space's)
        working, suspects, n = _read_again(working, spaces_for_a0(working, lost), lost, suspects)
        a0_spaces += n
    # (where no rule put spaces back as A0, a space after a lost byte may still be one: those
    # inside a sequence are put back, and the model weighs those at a sequence's end)
    optional_a0 = not a0_spaces and any(s.truncated for s in suspects) and spaces_may_be_a0(working)
    if optional_a0:
        working, suspects, n = _read_again(working, spaces_inside_sequences(working), lost, suspects)
        a0_spaces += n
    # (the stand-ins after a truncated sequence that the model may read as a byte of it, per
    # codec: a space for A0, and a quote where those inside a sequence were taken out as markers)
    stand_ins: dict[str, dict[int, tuple[int, ...]]] = {}
    for codec in CODECS:
        table = {**(SPACE_FOR_A0 if optional_a0 and codec in NBSP_CODECS else {}),
                 **(QUOTES_FOR_BYTES if marked.optional_quotes and codec in QUOTE_CODECS else {})}
        if table:
            stand_ins[codec] = table
    if stand_ins:
        suspects = joined_across_stand_ins(working, suspects, stand_ins)
    gbk_runs = gbk.find_runs(working)
    if not suspects and not gbk_runs:
        lone = c1_control_pieces(text, [])
        if not lone:
            return RepairResult(text, RepairReport(damaged=False))
        return _assemble(text, lone, twin, twin_path, model, None)
    lm = model if model is not None else LanguageModel.default()
    doc_lm = _document_model(working, [(s.start, s.end) for s in suspects] + gbk_runs, lm)
    if doc_lm is not None:
        lm = doc_lm
    pieces: list[Piece] = []
    soft_hyphens = kept_soft_hyphens(working, suspects)
    for sus in suspects:
        pieces.extend(decode_suspect(working, sus, lm, lost=marked.lost_in.get(sus.codec), layers=False, soft_hyphens=soft_hyphens,
                                     marked_bytes=marked.quote_bytes_in.get(sus.codec), stand_ins=stand_ins.get(sus.codec)))
    quotes = len(marked.quote_codec)
    if stand_ins:
        # (the stand-ins the model took as bytes: their pieces hold them)
        taken = "".join(working[p.start : p.end] for p in pieces if p.method == "byte-recovery")
        a0_spaces += taken.count(" ")
        quotes += taken.count('"') + taken.count("'")
    pieces = inner_layers(working, pieces, lm)
    if gbk_runs:
        taken = sorted((p.start, p.end) for p in pieces)
        pieces.extend(p for p in gbk.pieces(working, lm, gbk_runs) if not overlaps(taken, p.start, p.end))
        if twin:
            pieces.extend(gbk.twin_pieces(working, pieces, twin))
    if twin and suspects:
        # (Windows-1252 mojibake the detector let pass, "### å¥å-BERT": decoded where the twin
        # holds, between the same context, what turns into it)
        taken = sorted((p.start, p.end) for p in pieces)
        pieces.extend(Piece(start, end, out, "twin", ("utf-8", "windows-1252"),
                            max(0, len(out.encode("utf-8", "surrogatepass")) - (end - start)))
                      for start, end, out in missed_runs(working, taken, twin))
    if kept is not None:
        # (a quote no piece rebuilt a character from stays: it is no marker of the piece after it)
        pieces = over_markers(pieces, kept, gone, len(text), forward_only=frozenset(marked.quote_codec))
    taken_lines = 0
    if twin:
        codecs = list(dict.fromkeys([s.codec for s in suspects] + list(marked.lost_in) + (["gbk"] if gbk_runs else [])))
        pieces, taken_lines = _with_twin_lines(text, pieces, twin, codecs)
    # (C1 controls no piece took: Windows-1252 text read as Latin-1, beside the mojibake)
    pieces = sorted(pieces + c1_control_pieces(text, sorted((p.start, p.end) for p in pieces)), key=lambda p: p.start)
    if not pieces:
        if not suspects:
            return RepairResult(text, RepairReport(damaged=False))  # (rare Han characters, not GBK mojibake)
        return RepairResult(text, RepairReport(damaged=False, notes=["mojibake-like text kept: decoding changed nothing"]))
    return _assemble(text, pieces, twin, twin_path, model, doc_lm, taken_lines, a0_spaces, quotes)


def _read_again(
    working: str, restored: str | None, lost: dict[int, int] | None, suspects: list[Suspect]
) -> tuple[str, list[Suspect], int]:
    """The working text with the spaces a rule put back as no-break spaces (``restored``, one
    character for one, or None where it put back none), its suspects found again, and how
    many spaces it put back."""
    if restored is None:
        return working, suspects, 0
    return restored, find_suspects(restored, marks=lost), sum(1 for a, b in zip(working, restored) if a != b)


class _Marked(NamedTuple):
    """A text with its markers taken out, as the model reads it (:func:`_take_out_markers`)."""

    working: str
    kept: list[int] | None
    """each offset of ``working`` in the text (None: the text had no markers)"""
    lost: dict[int, int] | None
    """how many markers followed each offset of ``working``"""
    gone: frozenset[int]
    """the markers' offsets in the text"""
    lost_in: dict[str, dict[int, int]]
    """``lost`` per codec, by the codec named beside each marker"""
    quote_bytes_in: dict[str, dict[int, frozenset[int]]]
    """per codec, the offsets of ``lost`` whose markers were (or held) straight quotes, and the bytes
    they may be (with a U+FFFD among them, any of the codec's undefined bytes too)"""
    quote_codec: dict[int, str]
    """the straight quotes taken for bytes (offsets in the text), each with its codec"""
    a0_spaces: int
    """how many spaces beside them were put back as no-break spaces"""
    optional_quotes: bool
    """whether a straight quote that ends a truncated sequence may still be a byte of it
    (:func:`.detect.quotes_may_be_bytes`; those inside one were taken out)"""


def _take_out_markers(text: str) -> _Marked:
    """``text`` without the characters that stand for a byte a process lost or replaced: the
    U+FFFD of a reader that could not map a byte (:func:`_lost_byte_markers`), and the straight
    quotes that stood for a byte of a curly one (:func:`.detect.straightened_quotes`), with the
    spaces that stood for byte A0 beside those put back as no-break spaces, one character for one.

    >>> m = _take_out_markers("å\\ufffd‚åŠ ")
    >>> m.working, m.kept, m.lost, m.lost_in
    ('å‚åŠ ', [0, 2, 3, 4, 5], {0: 1}, {'windows-1252': {0: 1}})
    """
    marker_codec = _lost_byte_markers(text)
    # (where lost bytes left U+FFFD, the text is decoded as if they had been dropped, seed 002's
    # damage, which byte recovery rebuilds; each marker is then taken into the piece beside it)
    gone = frozenset(marker_codec)
    kept, working = take_out(text, gone) if gone else (None, text)
    # (and where each marker stood says where its byte goes: the markers after each character
    # of the working text)
    lost = markers_after(kept, len(text)) if kept is not None else None
    # (straight quotes that stood for a byte are markers too, each of the bytes it may be; the
    # spaces that stood for byte A0 beside them are put back, one character for one)
    stand_ins = straightened_quotes(working, lost)
    # (where the text also lost bytes, only the quotes inside a sequence are taken out; the
    # model weighs those that end one)
    optional_quotes = not stand_ins and quotes_may_be_bytes(working)
    if optional_quotes:
        stand_ins = quotes_inside_sequences(working)
    at = {(kept[i] if kept is not None else i): codec for i, codec in stand_ins.items()}
    quote_codec = {i: codec for i, codec in at.items() if text[i] != " "}
    if at:
        marker_codec.update(quote_codec)
        gone = frozenset(marker_codec)
        kept, working = take_out(with_no_break_spaces(text, at.keys() - quote_codec.keys()), gone)
        lost = markers_after(kept, len(text))
    # (each codec's suspects are told of the markers its characters frame, and of the bytes a
    # quote among them may be)
    lost_in: dict[str, dict[int, int]] = {}
    quote_bytes_in: dict[str, dict[int, frozenset[int]]] = {}
    for w, n in (lost or {}).items():
        codec = marker_codec[kept[w] + 1]
        lost_in.setdefault(codec, {})[w] = n
        spots = range(kept[w] + 1, kept[w] + 1 + n)
        if any(t in quote_codec for t in spots):
            # (a quote and a U+FFFD may mark the bytes of one sequence: 意, E6 84 8F, is 'æ"�')
            undefined = DROPPABLE[codec] - {SOFT_HYPHEN_BYTE}
            quote_bytes_in.setdefault(codec, {})[w] = frozenset().union(
                *(QUOTE_BYTES[text[t]] if t in quote_codec else undefined for t in spots))
    return _Marked(working, kept, lost, gone, lost_in, quote_bytes_in, quote_codec, len(at) - len(quote_codec), optional_quotes)


def _with_twin_lines(text: str, pieces: list[Piece], twin: str, codecs: list[str]) -> tuple[list[Piece], int]:
    """``pieces`` (of ``text``), where each line of ``text`` that the twin's line became through
    one of the ``codecs`` (:func:`.twin.twin_lines`) is the twin's line: its pieces give way to
    one per stretch that differs from it (method ``twin-line``).  A piece that reaches past such
    a line keeps it as it is.  Also how many lines were taken.

    The model's reading of a damaged line can be wrong where the twin's cannot: a Greek letter
    GBK made a common character of (``*伪*`` for ``*α*``), a zero-width joiner rebuilt as another
    character, mojibake that the twin itself holds, read through GBK once more.
    """
    matched = twin_lines(text, twin, codecs)
    if not matched:
        return pieces, 0
    pieces = sorted(pieces, key=lambda p: p.start)
    starts = [p.start for p in pieces]
    gone: set[int] = set()
    added: list[Piece] = []
    taken = 0
    for start, end, line, damage in matched:
        # (the pieces are disjoint: those inside start from the last one that starts by the line)
        first, stop = max(0, bisect_right(starts, start) - 1), bisect_left(starts, end)
        inside = [k for k in range(first, stop) if pieces[k].end > start or pieces[k].start >= start]
        if any(pieces[k].start < start or pieces[k].end > end for k in inside):
            continue
        gone.update(inside)
        added.extend(Piece(start + i1, start + i2, out, "twin-line", ("utf-8", damage.codec), restored)
                     for i1, i2, out, restored in line_changes(text[start:end], line, damage))
        taken += 1
    kept = [p for k, p in enumerate(pieces) if k not in gone]
    return sorted(kept + added, key=lambda p: p.start), taken


def same_line_ends(twin: str, text: str) -> str:
    """``twin`` with the line ends ``text`` has: a copy saved on Windows (CRLF) and its clean
    twin saved elsewhere (LF) are aligned line by line, and no line of one matched the other's.

    >>> same_line_ends("a\\nb\\n", "x\\r\\ny\\r\\n"), same_line_ends("a\\r\\nb", "x\\ny")
    ('a\\r\\nb\\r\\n', 'a\\nb')
    """
    crlf = "\r\n" in text
    if crlf and "\r\n" not in twin:
        return twin.replace("\n", "\r\n")
    if not crlf and "\r\n" in twin and "\n" in text:
        return twin.replace("\r\n", "\n")
    return twin


def _lost_byte_markers(text: str) -> dict[int, str]:
    """Where U+FFFD stands for a byte a single-byte reader could not map (Windows-1252's 0x81,
    0x8D, 0x8F, 0x90, 0x9D, or another codec's undefined bytes, read with ``errors="replace"``):
    right after a character that a byte of 0x80 or above reads as under that codec (``å�‚``
    for ``参``), and before another or ASCII; each such marker's offset, and the codec named
    beside it.  The codec whose characters frame the most markers on the line is taken
    (Windows-1250's ``ć�‘`` is ``我``); on a tie, the one whose bytes hold more valid UTF-8
    sequences on the line, then the one that frames the most in the whole text.  A replacement character beside Chinese text (GBK mojibake marks its lost bytes
    so: ``瀹¤�嗙``, which :mod:`.gbk` reads) or after ASCII is left alone.

    >>> _lost_byte_markers("å\\ufffd‚åŠ "), _lost_byte_markers("中文\\ufffd"), _lost_byte_markers("瀹¤\\ufffd嗙")
    ({1: 'windows-1252'}, {}, {})
    >>> _lost_byte_markers("ć\\ufffd‘ä»¬")
    {1: 'windows-1250'}

    GBK mojibake's markers are read by :mod:`.gbk`, on the lines it reads; where a text holds
    such lines, the markers on its other lines are still looked for (one paragraph read
    through GBK, another through Windows-1252, both with ``errors="replace"``):

    >>> _lost_byte_markers("鏈哄櫒瀛︿範锛屼腑鏂\\ufffd\\nå\\ufffd‚åŠ ")
    {13: 'windows-1252'}

    A paragraph read through Windows-1252 and another through Windows-1250 each keep their own
    (before, the codec of the whole text's most markers was taken, and the other paragraph's
    markers stayed: ``提�¥`` for ``来``):

    >>> one = "参加会议".encode("utf-8").decode("cp1252", "replace")
    >>> two = "我们的模型很好".encode("utf-8").decode("cp1250", "replace")
    >>> _lost_byte_markers(one + "\\n" + two)
    {1: 'windows-1252', 14: 'windows-1250', 30: 'windows-1250'}
    """
    if REPLACEMENT not in text:
        return {}
    spans = [(a, b) for a, b in _lines(text) if REPLACEMENT in text[a:b]]
    if gbk.looks_gbk(text):
        spans = [(a, b) for a, b in spans if not gbk.looks_gbk(text[a:b])]
    found = {
        name: [[i for m in pattern.finditer(text, a, b) for i in range(m.start(), m.end())] for a, b in spans]
        for name, pattern in MARKERS.items()
    }
    # (in the codecs' order of preference where the whole text ties too)
    order = sorted(MARKERS, key=lambda name: -sum(map(len, found[name])))
    out: dict[int, str] = {}
    for k, (a, b) in enumerate(spans):
        most = max(len(found[name][k]) for name in order)
        tied = [name for name in order if len(found[name][k]) == most]
        # where several frame as many, the one whose bytes hold more valid UTF-8 sequences on
        # the line (Windows-1257 frames the marker of "å�‚åŠ ä¼šè®®" too, but reads "Š" as D0)
        best = tied[0] if len(tied) == 1 else max(tied, key=lambda name: _valid_sequences(text[a:b], name))
        out.update((i, best) for i in found[best][k])
    return out


def _valid_sequences(line: str, codec: str) -> int:
    """How many valid UTF-8 sequences ``line`` holds read back through ``codec`` (a character
    it cannot encode, U+FFFD among them, is a stray byte).

    >>> line = "参加会议".encode("utf-8").decode("cp1252", "replace")
    >>> _valid_sequences(line, "windows-1252"), _valid_sequences(line, "windows-1257")
    (3, 1)
    """
    return len(VALID_SEQ_RE.findall(line.translate(_TO_BYTES[codec]).encode("latin-1", "replace")))


def _lines(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each line of ``text``, its line break left out.

    >>> _lines("ab\\ncd\\n")
    [(0, 2), (3, 5), (6, 6)]
    """
    out: list[tuple[int, int]] = []
    start = 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            out.append((start, len(text)))
            return out
        out.append((start, end))
        start = end + 1


_TO_BYTES = {
    codec: {**{cp: "\x00" for cp in range(0x80, 0x100)}, **{cp: chr(b) for cp, b in ENCODE_TABLES[codec].items()}}
    for codec in MARKER_CODECS
}
"""Per codec, a table that spells a text as its bytes (one character each, up to U+00FF)."""


def _assemble(
    text: str,
    pieces: list[Piece],
    twin: str | None,
    twin_path: str | None,
    model: LanguageModel | None,
    doc_lm: LanguageModel | None,
    twin_lines: int = 0,
    a0_spaces: int = 0,
    quotes: int = 0,
) -> RepairResult:
    """The repaired text and its report from the decoded ``pieces`` (at least one).

    ``model`` and ``doc_lm`` are the batch model passed in and the document's own layer,
    named in the notes; ``twin_lines`` how many lines were taken whole from the twin;
    ``a0_spaces`` how many spaces were read as byte A0 (:func:`.detect.spaces_for_a0`), ``quotes``
    how many straight quotes as a byte of a curly one (:func:`.detect.straightened_quotes`).  Without
    a twin the report is left to be built when it is read.
    """
    pieces = sorted(pieces, key=lambda p: p.start)
    result = splice(text, pieces)

    notes: list[str] = []
    if a0_spaces:
        notes.append(f"{a0_spaces} space{'s' if a0_spaces != 1 else ''} read as byte A0: a no-break space made a space")
    if quotes:
        notes.append(f"{quotes} straight quote{'s' if quotes != 1 else ''} read as byte 82, 84 or 91-94: a curly quote straightened")
    if any(p.method == "byte-recovery" for p in pieces):
        if model is not None and model.has_batch:
            docs = f"{model.documents} clean document{'s' if model.documents != 1 else ''}"
            notes.append(f"language model: bundled tables and {docs} of this batch ({model.characters} characters)")
        if doc_lm is not None:
            notes.append(f"language model: the undamaged text of this document ({doc_lm.characters} characters)")
    if twin is None:
        return RepairResult(result, _PendingReport(text, pieces, notes))

    spans = _spans(text, pieces)
    # every rebuilt character: its output offset -> what the damage allows, and its span
    uncertain: dict[int, Callable[[str], bool]] = {}
    span_at: dict[int, tuple[RepairSpan, int]] = {}
    for s, p in zip(spans, pieces):
        for rel, allows in rebuilt_characters(p):
            uncertain[s.out_start + rel] = allows
            span_at[s.out_start + rel] = (s, rel)
    result, changes, confirmed = restore(result, uncertain, twin)
    settled = Counter(id(span_at[off][0]) for off in confirmed)
    taken = set()
    for off, _old, new in changes:
        s, rel = span_at[off]
        s.repaired = s.repaired[:rel] + new + s.repaired[rel + 1 :]
        settled[id(s)] += 1
        taken.add(id(s))
    rebuilt = Counter(id(s) for s, _ in span_at.values())
    for s, _ in span_at.values():
        if settled[id(s)] == rebuilt[id(s)]:  # every character rebuilt here the twin has too
            s.confidence = 1.0
            if id(s) in taken:
                s.method = "twin"
    kept = sum(p.method == "twin" for p in pieces)  # (runs kept by the model, decoded where the twin has their decoding)
    notes.append(
        "twin: "
        + (f"{twin_lines} damaged lines taken whole, each what a line of the twin became; " if twin_lines else "")
        + f"{len(changes)} uncertain characters taken from the twin, {len(confirmed)} confirmed by it"
        + (f", {kept} kept runs decoded as the twin has them" if kept else "")
    )
    return RepairResult(result, _report(spans, notes, twin_path or "<twin>"))


@dataclass(frozen=True, slots=True)
class _PendingReport:
    """What :attr:`RepairResult.report` is built from when it is first read."""

    text: str
    pieces: list[Piece]
    notes: list[str]

    def build(self) -> RepairReport:
        return _report(_spans(self.text, self.pieces), list(self.notes), None)


def _spans(text: str, pieces: list[Piece]) -> list[RepairSpan]:
    """One span per piece (sorted by offset), with its offsets in the repaired text too."""
    spans: list[RepairSpan] = []
    out_len = 0
    pos = 0
    for p in pieces:
        out_len += p.start - pos
        # built without validation: every field is set here, with the right types
        spans.append(
            fast_span(
                start=p.start,
                end=p.end,
                out_start=out_len,
                out_end=out_len + len(p.out),
                original=text[p.start : p.end],
                repaired=p.out,
                method=p.method,
                codec_chain=list(p.chain),
                restored_bytes=p.restored_bytes,
                confidence=round(p.confidence, 4),
                alternatives=list(p.options),
            )
        )
        out_len += len(p.out)
        pos = p.end
    return spans


def _report(spans: list[RepairSpan], notes: list[str], twin: str | None) -> RepairReport:
    unresolved = [s for s in spans if s.repaired == REPLACEMENT or (s.method == "byte-recovery" and s.confidence < LOW_CONFIDENCE)]
    chains = Counter()
    for s in spans:
        chains[tuple(s.codec_chain)] += s.end - s.start
    chain = list(min(chains.items(), key=lambda kv: (-kv[1], kv[0]))[0]) if chains else []
    if len(chains) > 1:
        notes.append("several codec chains: " + "; ".join(" > ".join(c) for c in sorted(chains)))
    return RepairReport(
        damaged=True,
        codec_chain=chain,
        changed_chars=sum(len(s.repaired) for s in spans),
        restored_bytes=sum(s.restored_bytes for s in spans),
        unresolved_chars=len(unresolved),
        spans=spans,
        unresolved=[s.model_copy() for s in unresolved],
        twin=twin,
        notes=notes,
    )


# The undamaged text of a document becomes a layer of the language model when it holds at
# least this many Han characters: a partly damaged file is decoded with the words of its
# own clean paragraphs (half-damaged benchmark files, seed 11: 326 wrong characters without
# the layer, 242 with it).  Below that it says too little to pay for its fresh score cache.
DOCUMENT_MODEL_MIN_HAN = 300


def _document_model(text: str, damaged: list[tuple[int, int]], lm: LanguageModel) -> LanguageModel | None:
    """A layer over ``lm`` of the text outside the ``damaged`` stretches, or None if it holds
    little Chinese."""
    parts = []
    pos = 0
    for start, end in sorted(damaged):
        parts.append(text[pos:start])
        pos = max(pos, end)
    parts.append(text[pos:])
    if sum(map(count_han, parts)) < DOCUMENT_MODEL_MIN_HAN:
        return None
    return LanguageModel.for_document(lm, parts)


