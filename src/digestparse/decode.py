"""Decode stage: bytes -> text, or a clear reason why not.

Mojibake that is already *inside* valid UTF-8 (text decoded wrongly and saved
again) is not this stage's business: that is for ``digestparse.repair``.  Here
we only pick the byte encoding of the file itself.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field

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


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    bad = sum(sample.count(b) for b in _BINARY_BYTES)
    return bad > max(1, len(sample) // 100)


def _mostly_han(text: str) -> bool:
    """True when the non-ASCII characters are overwhelmingly Chinese (a plausible GB18030 decode)."""
    non_ascii = [c for c in text if ord(c) > 127]
    if not non_ascii:
        return False
    han = sum(1 for c in non_ascii if "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef")
    return han >= 0.9 * len(non_ascii)


def decode_bytes(data: bytes) -> Decoded:
    """Decode a file's bytes.

    Order: BOM, UTF-16 without BOM, UTF-8, GB18030 when that yields Chinese,
    Windows-1252, and last UTF-8 with U+FFFD replacements; every fallback
    carries a warning.  Raises ``DecodeError`` for
    empty, oversized and binary input.

    >>> decode_bytes("标题".encode("gb18030")).encoding
    'gb18030'
    >>> decode_bytes(b"plain").text
    'plain'
    """
    if not data:
        raise DecodeError("empty file")
    if len(data) > MAX_BYTES:
        raise DecodeError(f"file too large: {len(data)} bytes (limit {MAX_BYTES})")
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom):].decode(name), name + " (BOM)")
            except UnicodeDecodeError as exc:
                raise DecodeError(f"{name} byte-order mark but invalid {name}: {exc.reason} at byte {exc.start}") from None
    guess16 = _utf16_without_bom(data)
    if guess16:
        try:
            return Decoded(data.decode(guess16), guess16)
        except UnicodeDecodeError:
            pass
    if _looks_binary(data):
        raise DecodeError("binary file: control bytes that text does not contain")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        first_error = f"invalid UTF-8 at byte {exc.start}"
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        if _mostly_han(text):
            return Decoded(text, "gb18030", (first_error + "; decoded as GB18030",))
    try:
        return Decoded(data.decode("cp1252"), "windows-1252", (first_error + "; decoded as Windows-1252",))
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    lost = text.count("\ufffd")
    return Decoded(text, "utf-8 (with replacements)", (f"{first_error}; {lost} undecodable byte sequence(s) replaced by U+FFFD",))
