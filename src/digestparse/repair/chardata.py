"""Character tables for the single-byte codecs that UTF-8 text gets mis-decoded as.

Every codec here is taken in its *sloppy* form (as browsers and ftfy's ``sloppy-*``
codecs do): a byte the codec leaves undefined decodes to the C1 control with the same
number, so decoding is lossless and encoding is a plain table look-up.  A *strict*
decoder instead drops those bytes (``errors="ignore"``); those bytes, together with
0xAD (the soft hyphen, which text cleaners strip), are the codec's *droppable* bytes:
the ones byte recovery may have to put back.

>>> encode_run("Ã©", "windows-1252")
b'\\xc3\\xa9'
>>> sorted(hex(b) for b in DROPPABLE["windows-1252"])
['0x81', '0x8d', '0x8f', '0x90', '0x9d', '0xad']
"""

from __future__ import annotations

import codecs
import gzip
import re
import unicodedata
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterator

__all__ = [
    "C1_RUN_RE",
    "CODECS",
    "DROPPABLE",
    "ENCODE_TABLES",
    "FALLBACK_CODECS",
    "NBSP_CODECS",
    "CURLY_QUOTES",
    "QUOTE_BYTES",
    "QUOTE_CODECS",
    "RUN_RE",
    "SUSPECT_CANDIDATE_RE",
    "SUSPECT_RE",
    "encode_run",
    "is_assigned",
    "seq_len",
]

# Runs of C1 controls (U+0080-U+009F): no text holds them of its own, so where they stand a
# reader took bytes 80-9F for Latin-1 (UTF-8 mojibake, or Windows-1252 text read as Latin-1).
C1_RUN_RE = re.compile("[\x80-\x9f]+")

# Tried in this order; ties between codecs go to the earlier one (deterministic).
CODECS: tuple[str, ...] = (
    "windows-1252",
    "latin-1",
    "windows-1250",
    "windows-1251",
    "windows-1257",
    "mac-roman",
    "iso-8859-2",
    "iso-8859-15",
    "windows-1253",
    "windows-1254",
    "cp437",
)

FALLBACK_CODECS = frozenset({"iso-8859-2", "iso-8859-15"})
"""Codecs that spell some characters of a commoner one with other continuation bytes (ISO-8859-15's
``€ Š š Ž ž Œ œ Ÿ`` are Windows-1252's, ISO-8859-2's ``Ś Ť Ž Ź š ś ť ž ź`` Windows-1250's), so that a
text holding them reads validly through both: they are taken where they read the text better
(fewer truncated sequences, no C1 controls taken for letters), or where what they decode to is
likelier by a margin (:data:`.detect.FALLBACK_MARGIN`), not on the gain of what they decode to
(``ÃŽÂ·``, ``η`` encoded twice through Windows-1252, is ``ô·`` through ISO-8859-15)."""

PYTHON_NAMES = {  # (Python's name of each codec of CODECS)
    "windows-1252": "cp1252",
    "latin-1": "latin-1",
    "windows-1250": "cp1250",
    "windows-1251": "cp1251",
    "windows-1257": "cp1257",
    "mac-roman": "mac_roman",
    "iso-8859-2": "iso8859_2",
    "iso-8859-15": "iso8859_15",
    "windows-1253": "cp1253",
    "windows-1254": "cp1254",
    "cp437": "cp437",
}

SOFT_HYPHEN_BYTE = 0xAD


def _decode_table(codec: str) -> tuple[str, frozenset[int]]:
    """The 256 characters a sloppy decoder gives for bytes 0..255, and the undefined bytes."""
    chars = []
    undefined = set()
    for b in range(256):
        try:
            chars.append(bytes([b]).decode(PYTHON_NAMES[codec]))
        except UnicodeDecodeError:
            chars.append(chr(b))  # sloppy: undefined byte -> C1 control of the same number
            undefined.add(b)
    return "".join(chars), frozenset(undefined)


DECODE_TABLES: dict[str, str] = {}
DROPPABLE: dict[str, frozenset[int]] = {}
ENCODE_TABLES: dict[str, dict[int, int]] = {}
for _codec in CODECS:
    _chars, _undef = _decode_table(_codec)
    DECODE_TABLES[_codec] = _chars
    DROPPABLE[_codec] = frozenset(_undef | {SOFT_HYPHEN_BYTE})
    ENCODE_TABLES[_codec] = {ord(c): b for b, c in enumerate(_chars)}
# The codecs that read byte A0 as a no-break space, which a process may have made a space.
NBSP_CODECS = tuple(c for c in CODECS if DECODE_TABLES[c][0xA0] == "\xa0")

QUOTE_BYTES: dict[str, frozenset[int]] = {'"': frozenset({0x84, 0x93, 0x94}), "'": frozenset({0x82, 0x91, 0x92})}
"""Per straight quote, the bytes it may stand for where a process straightened the curly quotes
that a codec of :data:`QUOTE_CODECS` read those bytes as (84 ``„``, 93 ``“``, 94 ``”``;
82 ``‚``, 91 ``‘``, 92 ``’``), as ftfy's ``uncurl_quotes`` does."""
# Bytes 82 84 91 92 93 94, and the curly quotes Windows-1252 reads them as.
_QUOTE_BYTE_LIST, _CURLY = (0x82, 0x84, 0x91, 0x92, 0x93, 0x94), "\u201a\u201e\u2018\u2019\u201c\u201d"
CURLY_QUOTES = frozenset(_CURLY)
"""The curly quotes :data:`QUOTE_BYTES` stand for."""
QUOTE_CODECS = tuple(c for c in CODECS if "".join(DECODE_TABLES[c][b] for b in _QUOTE_BYTE_LIST) == _CURLY)
"""The codecs that read those bytes as curly quotes (the Windows ones, not Latin-1 or MacRoman)."""

# windows-1252 text often carries C1 controls as well (Latin-1 decoding of the same
# bytes); accept both spellings when encoding so that mixed mojibake round-trips.
for _b in range(0x80, 0xA0):
    ENCODE_TABLES["windows-1252"].setdefault(_b, _b)


def _char_class(chars) -> str:
    return "".join(re.escape(c) for c in sorted(set(chars)))


# Maximal runs of characters a codec can encode (ASCII included).
RUN_RE: dict[str, re.Pattern[str]] = {
    codec: re.compile("[" + _char_class(chr(cp) for cp in ENCODE_TABLES[codec]) + "]+")
    for codec in CODECS
}


def _lead_cont_pattern(codec: str) -> str:
    table = DECODE_TABLES[codec]
    leads = _char_class(table[b] for b in range(0xC2, 0xF5))
    conts = _char_class(table[b] for b in range(0x80, 0xC0))
    if codec == "windows-1252":
        conts = _char_class(list(table[b] for b in range(0x80, 0xC0)) + [chr(b) for b in range(0x80, 0xA0)])
    return f"[{leads}][{conts}]"


# Fast pre-check: a UTF-8 lead byte followed by a continuation byte, as seen through
# any of the codecs.  Text without such a pair is returned untouched without analysis.
PAIR_RE: dict[str, re.Pattern[str]] = {c: re.compile(_lead_cont_pattern(c)) for c in CODECS}
SUSPECT_RE: re.Pattern[str] = re.compile("|".join(_lead_cont_pattern(c) for c in CODECS))
# Its first filter: a character that is a lead byte in some codec, before one that is a
# continuation byte in some codec (one class each, so the scan is fast; the pair is checked
# against SUSPECT_RE where it hits).  The lookahead keeps overlapping candidates.
SUSPECT_CANDIDATE_RE: re.Pattern[str] = re.compile(
    "[" + _char_class(DECODE_TABLES[c][b] for c in CODECS for b in range(0xC2, 0xF5)) + "]"
    "(?=[" + _char_class([DECODE_TABLES[c][b] for c in CODECS for b in range(0x80, 0xC0)]
                         + [chr(b) for b in range(0x80, 0xA0)]) + "])"
)
# Characters that stand for a UTF-8 lead byte (0xC2..0xF4) in each codec.
LEAD_RE: dict[str, re.Pattern[str]] = {
    c: re.compile("[" + _char_class(DECODE_TABLES[c][b] for b in range(0xC2, 0xF5)) + "]") for c in CODECS
}
_TRANSLATE: dict[str, dict[int, str]] = {c: {cp: chr(b) for cp, b in t.items()} for c, t in ENCODE_TABLES.items()}
# The decode tables as the encoding maps of the standard library's charmap codecs, which
# encode in C (twice as fast as translating to Latin-1 first).
_ENCODING_MAPS = {c: codecs.charmap_build(DECODE_TABLES[c]) for c in CODECS}


def encode_run(run: str, codec: str) -> bytes:
    """Bytes of ``run`` in the sloppy form of ``codec`` (every char must be encodable)."""
    try:
        return codecs.charmap_encode(run, "strict", _ENCODING_MAPS[codec])[0]
    except UnicodeEncodeError:
        # a C1 control Windows-1252 takes as well as its own character for the byte
        return run.translate(_TRANSLATE[codec]).encode("latin-1")


def seq_len(lead: int) -> int:
    """Length of the UTF-8 sequence a lead byte starts; 0 for a byte that cannot start one.

    >>> [seq_len(b) for b in (0x41, 0xC3, 0xE4, 0xF0, 0xAD, 0xC0, 0xF5)]
    [1, 2, 3, 4, 0, 0, 0]
    """
    if lead < 0x80:
        return 1
    if 0xC2 <= lead <= 0xDF:
        return 2
    if 0xE0 <= lead <= 0xEF:
        return 3
    if 0xF0 <= lead <= 0xF4:
        return 4
    return 0


_BAD_CATEGORIES = frozenset({"Cn", "Co", "Cs", "Cc"})


@lru_cache(maxsize=65536)
def is_assigned(ch: str) -> bool:
    """True for a character a recovery may produce: assigned, not private use, not a control.

    Tab, newline and carriage return are the only controls allowed.

    >>> is_assigned("中"), is_assigned("\\ue000"), is_assigned("\\x81"), is_assigned("\\n")
    (True, False, False, True)
    """
    if ch in "\t\n\r":
        return True
    return unicodedata.category(ch) not in _BAD_CATEGORIES


def write_data_table(out: Path, lines: list[str]) -> None:
    """Write ``lines`` as a table for ``digestparse/data/`` (gzipped UTF-8, a line each), the
    same bytes on every rebuild: no time stamp and no file name in the gzip header."""
    out.parent.mkdir(parents=True, exist_ok=True)
    data = ("\n".join(lines) + "\n").encode("utf-8")
    with open(out, "wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(data)


def data_table_lines(name: str) -> Iterator[str]:
    """The data lines of a table shipped in ``digestparse/data/`` (gzipped, ``#`` comments skipped)."""
    ref = resources.files("digestparse").joinpath("data", name)
    with ref.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("#"):
                yield line.rstrip("\n")
