"""Decode stage: bytes -> text, or a clear reason why not.

Mojibake that is already *inside* valid UTF-8 (text decoded wrongly and saved
again) is not this stage's business: that is for ``digestparse.repair``.  Here
we only pick the byte encoding of the file itself.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field

import regex
from charset_normalizer import from_bytes

MAX_BYTES = 64 * 1024 * 1024
"""Files above this size are refused with a per-file error rather than read."""


class DecodeError(ValueError):
    """The bytes are not text we can read; the message says why."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warnings: tuple[str, ...] = field(default_factory=tuple)


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Bytes that never occur in text files: C0 controls other than tab, LF, FF, CR, ESC.
_BINARY_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


# The guesses read at most this much of a file (a big file's start is evidence enough).
_SAMPLE_BYTES = 1 << 20
_SAMPLE_CHARS = _SAMPLE_BYTES // 4


def _sample(data: bytes) -> bytes:
    """The start of ``data`` that the guesses read: up to :data:`_SAMPLE_BYTES`, cut after a
    line break (no legacy codec's second byte is one), so that no character is cut in two."""
    if len(data) <= _SAMPLE_BYTES:
        return data
    head = data[:_SAMPLE_BYTES]
    cut = head.rfind(b"\n")
    return head[: cut + 1] if cut > 0 else head


def _utf32_without_bom(data: bytes) -> str | None:
    """Guess UTF-32 from its zero bytes: every 4-byte unit of a code point (at most U+10FFFF)
    has a zero byte at one end and a byte of at most 0x10 beside it (two zero bytes in most
    text, three in ASCII), where UTF-16 or a legacy codec has letters; and the units must
    decode to written text (binary made of 32-bit integers decodes to control characters).

    >>> _utf32_without_bom("# 标题\\ntext".encode("utf-32-le")), _utf32_without_bom("# 标题\\ntext".encode("utf-32-be"))
    ('utf-32-le', 'utf-32-be')
    >>> _utf32_without_bom("hello world".encode("utf-16-le")) is None, _utf32_without_bom(bytes(range(16))) is None
    (True, True)
    """
    sample = data[: min(4096, len(data) // 4 * 4)]  # (whole units: a file cut in its last one is still read)
    if not sample:
        return None
    for name, zero, low in (("utf-32-le", 3, 2), ("utf-32-be", 0, 1)):
        if sample[zero::4].count(0) == len(sample) // 4 and max(sample[low::4]) <= 0x10:
            try:
                text = sample.decode(name)
            except UnicodeDecodeError:
                continue  # (a surrogate, which no UTF-32 text holds)
            if _written_share(text) >= 0.98:
                return name
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """Guess UTF-16 from the pattern of zero bytes (ASCII-heavy text has one in every pair).

    >>> _utf16_without_bom("hello world".encode("utf-16-le"))
    'utf-16-le'
    >>> _utf16_without_bom(b"hello world") is None
    True
    """
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_zeros = sample[0::2].count(0)
    odd_zeros = sample[1::2].count(0)
    half = len(sample) / 2
    if odd_zeros > 0.3 * half and even_zeros < 0.05 * half:
        return "utf-16-le"
    if even_zeros > 0.3 * half and odd_zeros < 0.05 * half:
        return "utf-16-be"
    return None


def _utf16_text(data: bytes) -> str | None:
    """Guess UTF-16 without a byte-order mark where the text is not ASCII-heavy (Chinese, Russian:
    few zero bytes), by decoding a sample both ways: the order whose characters are nearly all
    letters, marks and line breaks of written text, with line breaks, is taken.

    >>> _utf16_text("第一行：中文。\\n第二行，还是中文。\\n".encode("utf-16-le")), _utf16_text("中文".encode("utf-8")) is None
    ('utf-16-le', True)
    """
    if len(data) < 16:
        return None
    sample = data[: min(8192, len(data) // 2 * 2)]  # (whole code units: a file cut in its last one is still read)
    try:
        if _written_share(sample.decode("utf-8")) >= 0.98:
            return None  # (UTF-8 that reads as text is UTF-8; Russian in UTF-16 is valid UTF-8 too, of control bytes)
    except UnicodeDecodeError:
        pass
    for name in ("utf-16-le", "utf-16-be"):
        try:
            text = sample.decode(name)
        except UnicodeDecodeError:
            continue
        if "\n" in text and _written_share(text) >= 0.98:
            return name
    return None


def _written_share(text: str) -> float:
    """The share of ``text`` that is letters, marks, spaces and line breaks (not control or private-use characters)."""
    written = sum(1 for ch in text if ch in "\n\r\t" or (ch.isprintable() and not "\ue000" <= ch <= "\uf8ff"))
    return written / len(text) if text else 0.0


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    bad = sum(sample.count(b) for b in _BINARY_BYTES)
    return bad > max(1, len(sample) // 100)


def _mostly_han(text: str) -> bool:
    """True when the non-ASCII characters are overwhelmingly Chinese (a plausible GB18030 decode):
    Han characters and the marks of Chinese text (full-width forms, CJK punctuation, and
    the dashes, quotes and ellipsis of general punctuation: ``——``, ``“”``, ``…``).

    >>> _mostly_han("# KNN 算法——解释、机会、局限"), _mostly_han("炬랬――썩姦")
    (True, False)
    """
    non_ascii = [c for c in text[:_SAMPLE_CHARS] if c > "\x7f"]
    if not non_ascii:
        return False
    han = sum(
        1 for c in non_ascii
        if "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef" or "\u2010" <= c <= "\u2027"
    )
    return han >= 0.9 * len(non_ascii)


# The legacy codecs a file that is not UTF-8 is read in when charset-normalizer names one of
# them: the multibyte East Asian codecs (a strict decoding by one of them is strong
# evidence), and the single-byte codecs of scripts other than Latin.  Among the Latin ones
# its guesses are weak (Spanish in Windows-1252 came out as Windows-1250, "Café résumé" as
# Urdu cp1006): those files keep the Windows-1252 reading, whose mojibake repair can undo.
_MULTIBYTE = frozenset(
    "big5 big5hkscs cp950 cp932 shift_jis shift_jis_2004 shift_jisx0213 euc_jp euc_jis_2004 euc_jisx0213 "
    "cp949 euc_kr johab gb2312 gbk gb18030 hz iso2022_jp iso2022_jp_1 iso2022_jp_2 iso2022_jp_2004 "
    "iso2022_jp_3 iso2022_jp_ext iso2022_kr".split()
)
_OTHER_SCRIPTS = frozenset(
    "cp1251 koi8_r koi8_u iso8859_5 cp866 cp855 mac_cyrillic cp1253 iso8859_7 mac_greek "
    "cp1255 iso8859_8 cp1256 iso8859_6 cp874 tis_620".split()
)
# A single-byte guess is taken only with this many letters outside ASCII to go on.
_MIN_LETTERS = 20
_GB = frozenset({"gb2312", "gbk", "gb18030"})
# Above this mean cost (nats, by the bundled character unigrams) a GB18030 reading's Han
# characters are too rare to be Chinese: Japanese in Shift-JIS reads 14.9 (all unknown),
# Korean in EUC-KR 10.3-12.2, while 99% of the first eight characters of Chinese lines in
# the archive read under 8.6.
RARE_AS_CHINESE = 10.0


def _rare_as_chinese(text: str) -> bool:
    """Are the Han characters of ``text`` too rare, on average, for Chinese text?

    >>> _rare_as_chinese("深度学习论文"), _rare_as_chinese("怺憌妛廗")
    (False, True)
    """
    from .repair.langmodel import LanguageModel

    cost = LanguageModel.default().unigram_cost
    han = [ch for ch in text[:_SAMPLE_CHARS] if "\u4e00" <= ch <= "\u9fff"]
    return bool(han) and sum(map(cost, han)) / len(han) > RARE_AS_CHINESE


def _mostly_utf8(data: bytes) -> bool:
    """Is ``data`` UTF-8 with a few broken sequences (bytes lost or cut off), rather than
    text in another codec?  In a legacy codec's text, nearly every byte above ASCII breaks
    UTF-8; in damaged UTF-8 most multibyte sequences are still whole.

    >>> text = "这是一个例子，中文标点。".encode()
    >>> _mostly_utf8(text.replace(b"\\x8d", b"")), _mostly_utf8("這是一個例子".encode("big5"))
    (True, False)
    """
    text = _sample(data).decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    whole = sum(1 for ch in text if ch > "\x7f") - broken
    return whole >= 4 * broken


def _legacy_codec(data: bytes) -> str | None:
    """The East Asian or non-Latin codec charset-normalizer finds ``data`` to be in, if any
    (Python's name for it); None for the others, and for damaged UTF-8.

    >>> _legacy_codec("這篇論文大幅提升了深度學習模型的性能".encode("big5"))
    'big5'
    >>> _legacy_codec("El niño comió una manzana según él.".encode("cp1252")) is None
    True
    """
    if _mostly_utf8(data):
        return None
    sample = _sample(data)
    best = from_bytes(sample).best()
    if best is None:
        return None
    name = codecs.lookup(best.encoding).name.replace("-", "_")
    if name in _MULTIBYTE:
        return name
    if name in ("iso8859_7", "cp1253"):
        name = _greek_codec(sample, name)
    if name in _OTHER_SCRIPTS and sum(1 for ch in sample.decode(name, "ignore") if ch > "\x7f" and ch.isalpha()) >= _MIN_LETTERS:
        return name
    return None


_ALPHA_TONOS = {"cp1253": regex.compile(rb"\xa2[\xc1-\xfe]"), "iso8859_7": regex.compile(rb"\xb6[\xc1-\xfe]")}
_WINDOWS_PUNCTUATION = regex.compile(rb"[\x80\x82-\x87\x89\x8b\x91-\x97\x99\x9b]")


def _greek_codec(data: bytes, guess: str) -> str:
    """Windows-1253 or ISO-8859-7 for Greek ``data``, where charset-normalizer's ``guess`` between
    the two is a toss-up: they differ in Ά (0xA2 against 0xB6, each the other's ’ or ¶ before a
    letter) and in 0x80-0x9F (Windows' quotes and dashes, ISO's control characters).

    >>> text = "Άρθρο για τη μηχανική μάθηση. Άλλο ένα."
    >>> _greek_codec(text.encode("cp1253"), "iso8859_7"), _greek_codec(text.encode("iso8859_7"), "cp1253")
    ('cp1253', 'iso8859_7')
    >>> _greek_codec("Η “μάθηση” είναι θέμα.".encode("cp1253"), "iso8859_7")
    'cp1253'
    """
    windows = len(_ALPHA_TONOS["cp1253"].findall(data)) + 10 * len(_WINDOWS_PUNCTUATION.findall(data))
    iso = len(_ALPHA_TONOS["iso8859_7"].findall(data))
    choice = "cp1253" if windows > iso else "iso8859_7" if iso > windows else guess
    try:
        data.decode(choice)
    except UnicodeDecodeError:
        return guess
    return choice


# An HTML page: its first tag (after white space and comments) is one that only a page opens with.
_HTML_START = regex.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|meta|\?xml)\b", regex.I | regex.S)
_CHARSET = regex.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)|<\?xml\b[^>]*?\bencoding\s*=\s*["']([\w.:-]+)""", regex.I)
# Labels read as browsers read them (the WHATWG Encoding Standard): a page that says Latin-1 or
# GB2312 means Windows-1252 or GBK (of which GB18030 is a superset), and so on.
_CHARSET_ALIASES = {
    "latin1": "cp1252", "iso8859_1": "cp1252", "ascii": "cp1252", "iso8859_9": "cp1254", "iso8859_11": "cp874",
    "tis_620": "cp874", "gb2312": "gb18030", "gbk": "gb18030", "shift_jis": "cp932", "euc_kr": "cp949",
    "big5": "big5hkscs",
}


def _declared_codec(data: bytes) -> str | None:
    """The codec an HTML page declares in its first 4 KB (``<meta charset>``, ``<meta
    http-equiv="Content-Type">``, an XML declaration), as Python names it, read as browsers read
    the label; None for a file that is no page (a Markdown post showing a ``<meta>`` tag in its
    code), an unknown label, and UTF-8 or UTF-16 (which the bytes already are not).

    >>> _declared_codec(b'<!DOCTYPE html><html><head><meta charset="ISO-8859-2">'), _declared_codec(b"<html><meta charset=gb2312>")
    ('iso8859_2', 'gb18030')
    >>> _declared_codec(b'# Post\\n\\n<meta charset="iso-8859-1">') is None
    True
    """
    head = data[:4096]
    if not _HTML_START.match(head):
        return None
    match = _CHARSET.search(head)
    if match is None:
        return None
    try:
        name = codecs.lookup((match.group(1) or match.group(2)).decode("ascii")).name.replace("-", "_")
    except (LookupError, UnicodeDecodeError):
        return None
    if name.startswith(("utf_8", "utf_16", "utf_32")):
        return None
    return _CHARSET_ALIASES.get(name, name)


def _cut_in_last_character(data: bytes, error: UnicodeDecodeError) -> bool:
    """Is ``data`` UTF-8 cut off inside its last character: whole before it, with characters
    beyond ASCII there (else one accented letter of Windows-1252 at the very end reads so too)?

    >>> def cut(data):
    ...     try:
    ...         data.decode("utf-8")
    ...     except UnicodeDecodeError as error:
    ...         return _cut_in_last_character(data, error)
    >>> cut("naïve “".encode()[:-1]), cut("café".encode("cp1252")), cut("naïve ".encode() + b"\\xe2\\x80x")
    (True, False, False)
    """
    return (error.reason == "unexpected end of data" and error.end == len(data)
            and max(data[: error.start], default=0) > 0x7F)


def decode_bytes(data: bytes) -> Decoded:
    """Decode a file's bytes.

    Order: BOM, UTF-32 without BOM (:func:`_utf32_without_bom`), UTF-16 without BOM, UTF-8, GB18030 when that yields Chinese (common
    Chinese: where charset-normalizer recognises Japanese or Korean, or an HTML page declares
    another codec, the GB18030 reading must not be made of rare characters), the codec an
    HTML page declares (:func:`_declared_codec`), an East Asian or non-Latin codec that
    charset-normalizer recognises (Big5, Shift-JIS, EUC-KR, Windows-1251 ...:
    :func:`_legacy_codec`), Windows-1252, and last UTF-8 with U+FFFD replacements;
    every fallback carries a warning.  Stray NUL bytes (too few for a binary file) are removed,
    with a warning.  Raises ``DecodeError`` for empty (or only white space), oversized and
    binary input.

    >>> decode_bytes("标题".encode("gb18030")).encoding
    'gb18030'
    >>> decode_bytes(b"plain").text
    'plain'
    """
    decoded = _decode(data)
    text, warnings = decoded.text, decoded.warnings
    if "\x00" in text:
        # (a Markdown reader makes each one a U+FFFD, in the middle of a word)
        warnings += (f"{text.count(chr(0))} NUL byte(s) removed",)
        text = text.replace("\x00", "")
    if not text.strip():
        raise DecodeError("empty file: only white space" if text else "empty file: only a byte-order mark")
    return Decoded(text, decoded.encoding, warnings) if text is not decoded.text else decoded


def _decode(data: bytes) -> Decoded:
    """:func:`decode_bytes` before NUL bytes and white space are looked at."""
    if not data:
        raise DecodeError("empty file")
    if len(data) > MAX_BYTES:
        raise DecodeError(f"file too large: {len(data)} bytes (limit {MAX_BYTES})")
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom):].decode(name), name + " (BOM)")
            except UnicodeDecodeError as exc:
                # (one bad sequence, or a last character cut in half, is no reason to lose the file)
                text = data[len(bom):].decode(name, errors="replace")
                lost = text.count("\ufffd")
                return Decoded(text, name + " (BOM)", (f"{name} byte-order mark but invalid {name} at byte "
                                                       f"{exc.start + len(bom)}; {lost} sequence(s) replaced by U+FFFD",))
    guess32 = _utf32_without_bom(data)
    if guess32:
        try:
            return Decoded(data.decode(guess32), guess32)
        except UnicodeDecodeError as exc:
            # (a sample of whole, valid units is evidence enough: a bad unit past it, or a last
            # one cut short, is replaced rather than the file lost as "binary")
            text = data.decode(guess32, errors="replace")
            return Decoded(text, guess32, (f"{guess32} without a byte-order mark but invalid at byte {exc.start}; "
                                           f"{text.count(chr(0xFFFD))} sequence(s) replaced by U+FFFD",))
    guess16 = _utf16_without_bom(data) or _utf16_text(data)
    if guess16:
        try:
            return Decoded(data.decode(guess16), guess16)
        except UnicodeDecodeError as exc:
            if exc.end == len(data) and len(data) % 2:  # (cut in its last character, as with a BOM above)
                text = data.decode(guess16, errors="replace")
                return Decoded(text, guess16, (f"{guess16} without a byte-order mark, cut at byte {exc.start}; "
                                               f"{text.count(chr(0xFFFD))} sequence(s) replaced by U+FFFD",))
    if _looks_binary(data):
        raise DecodeError("binary file: control bytes that text does not contain")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        first_error = f"invalid UTF-8 at byte {exc.start}"
        if _cut_in_last_character(data, exc):
            return Decoded(data[: exc.start].decode("utf-8") + "\ufffd", "utf-8 (with replacements)",
                           (f"{first_error}: the file ends inside a character (cut off?); it is replaced by U+FFFD",))
    declared = _declared_codec(data) if not _mostly_utf8(data) else None
    legacy = _legacy_codec(data)
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        # (Japanese in Shift-JIS reads as GB18030 too, as Han characters, but rare ones; so may a
        # page that declares another codec, and a page that declares Shift-JIS may be GBK)
        rival = declared or legacy
        if _mostly_han(text) and (rival is None or rival in _GB or not _rare_as_chinese(text)):
            said = ", the charset the page declares" if declared in _GB else ""
            return Decoded(text, "gb18030", (f"{first_error}; decoded as GB18030{said}",))
    if declared is not None:
        try:
            text = data.decode(declared)
        except UnicodeDecodeError:
            pass  # (a page that declares what it is not in: the guesses below decide)
        else:
            label = "windows-1252" if declared == "cp1252" else declared.replace("_", "-")
            return Decoded(text, label, (f"{first_error}; decoded as {label}, the charset the page declares",))
    if legacy is not None:
        try:
            text = data.decode(legacy)
        except UnicodeDecodeError:
            pass
        else:
            label = legacy.replace("_", "-")
            return Decoded(text, label, (f"{first_error}; decoded as {label} (recognised by charset-normalizer)",))
    try:
        return Decoded(data.decode("cp1252"), "windows-1252", (first_error + "; decoded as Windows-1252",))
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    lost = text.count("\ufffd")
    return Decoded(text, "utf-8 (with replacements)", (f"{first_error}; {lost} undecodable byte sequence(s) replaced by U+FFFD",))
