"""Language of a document, a block or a field value.

Script decides first (Han -> zh, kana -> ja, Hangul -> ko): it is exact and
cheap.  Latin-script text goes to langdetect, seeded so that the same text
always gets the same answer, and cached because the same captions recur.
"""

from __future__ import annotations

from functools import lru_cache

import regex

_HAN = regex.compile(r"\p{Han}")
_KANA = regex.compile(r"[\p{Hiragana}\p{Katakana}]")
_HANGUL = regex.compile(r"\p{Hangul}")
_LETTER = regex.compile(r"\p{L}")
_LATIN_WORD = regex.compile(r"\p{Latin}{2,}")
_URL = regex.compile(r"\S+://\S+|\S+\.(?:png|jpg|gif|svg)\b")

MIN_LATIN_WORDS = 8
"""Below this many Latin words langdetect guesses wildly (short headings come out Dutch or Turkish); such text is called English, the archive's Latin-script language."""


def _detector_factory():
    from langdetect import DetectorFactory

    DetectorFactory.seed = 0  # langdetect is random without a seed
    return DetectorFactory


@lru_cache(maxsize=65536)
def _langdetect(text: str) -> str | None:
    _detector_factory()
    from langdetect import LangDetectException, detect

    try:
        return detect(text)
    except LangDetectException:
        return None


def block_lang(text: str) -> str | None:
    """The language of a short text.

    >>> block_lang("深入研究神经常微分方程的鲁棒性。")
    'zh'
    >>> block_lang("The architecture of an ODENet. The neural ODE block serves as a dimension-preserving nonlinear mapping.")
    'en'
    >>> block_lang("12345") is None
    True
    """
    text = _URL.sub(" ", text)
    letters = len(_LETTER.findall(text))
    if not letters:
        return None
    han = len(_HAN.findall(text))
    kana = len(_KANA.findall(text))
    if kana and kana * 5 >= han:
        return "ja"
    if han and han * 3 >= letters - han - kana:
        # Chinese prose routinely keeps English terms; a few Han characters carry the language.
        return "zh"
    if len(_HANGUL.findall(text)) * 2 >= letters:
        return "ko"
    latin_words = _LATIN_WORD.findall(text)
    if len(latin_words) < MIN_LATIN_WORDS:
        return "en" if latin_words else None
    guess = _langdetect(text[:2000])
    return guess if guess in _TRUSTED else "en"


# langdetect's answers for short English technical text scatter over many languages;
# we keep the ones an archive of this kind really holds and call the rest English.
_TRUSTED = frozenset({"en", "de", "fr", "es", "it", "pt", "nl", "ru", "pl", "tr", "vi", "id"})


def doc_lang(text: str) -> str | None:
    """The main language of a whole document (by its prose, ignoring code and links)."""
    sample = regex.sub(r"(?s)```.*?```", " ", text[:50000])
    sample = regex.sub(r"\]\([^)]*\)|<[^>]+>", " ", sample)
    return block_lang(sample)
