"""Language of a document, a block or a field value.

Script decides first (Han -> zh, kana -> ja, Hangul -> ko): it is exact and
cheap.  Latin-script text goes to langdetect, seeded so that the same text
always gets the same answer, and cached because the same captions recur.
"""

from __future__ import annotations

from functools import lru_cache

import regex

# Counted by runs (``sum`` of run lengths): the same counts as one match per character, far fewer objects.
_HAN = regex.compile(r"\p{Han}+")
_KANA = regex.compile(r"[\p{Hiragana}\p{Katakana}]+")
_HANGUL = regex.compile(r"\p{Hangul}+")
_LETTER = regex.compile(r"\p{L}+")
_LATIN_WORD = regex.compile(r"\p{Latin}{2,}")
_LATIN_LETTER = regex.compile(r"\p{Latin}")
_ET_AL = regex.compile(r"\b\p{Lu}[\p{L}'-]+(?:\s+(?:&|and)\s+\p{Lu}[\p{L}'-]+)?\s+et\s+al\.?,?\s*(?:\d{4}[a-z]?)?")
_WIDE = "\\p{Han}\\p{Hiragana}\\p{Katakana}\\p{Hangul}\\u3000-\\u303f\\uff00-\\uffef"
_URL = regex.compile(rf"[^\s{_WIDE}]+://[^\s{_WIDE}]+|[^\s{_WIDE}]+\.(?:png|jpg|gif|svg)\b")
"""What ``strip_urls`` removes (kept as the definition; applied mark by mark, see there): an
address or an image's file name, which ends at a space or a Chinese, Japanese or Korean
character (``论文https://arxiv.org/abs/1。`` writes the address between two of them)."""
_URL_MARK = regex.compile(r"://|\.(?:png|jpg|gif|svg)\b")
_WIDE_OR_SPACE = regex.compile(rf"[\s{_WIDE}]")
_WIDE_OR_SPACE_BEFORE = regex.compile(rf"(?r)[\s{_WIDE}]")


def _count(pattern: regex.Pattern, text: str) -> int:
    """How many characters of ``text`` the run pattern ``pattern`` covers."""
    return sum(map(len, pattern.findall(text)))


def strip_urls(text: str) -> str:
    """Replace URLs and image file names by a space: exactly ``_URL.sub(" ", text)``.

    ``_URL`` backtracks through every start position of a long run without spaces (a Chinese
    paragraph), which is quadratic; here only the runs (between spaces and wide characters) that
    hold ``://`` or an image extension are looked at, each once.

    >>> strip_urls("见 https://arxiv.org/abs/1 和 fig.png。以及 a.jpg")
    '见   和  。以及  '
    >>> strip_urls("我们在https://arxiv.org/abs/1810.04805中提出了BERT，代码见（https://github.com/x/y）。")
    '我们在 中提出了BERT，代码见（ ）。'
    """
    marks = list(_URL_MARK.finditer(text))
    parts: list[str] = []
    done = 0
    for number, mark in enumerate(marks):
        if mark.start() < done:
            continue
        before = _WIDE_OR_SPACE_BEFORE.search(text, done, mark.start())
        start = before.end() if before else done
        after = _WIDE_OR_SPACE.search(text, mark.end())
        end = after.start() if after else len(text)
        last = number
        while last + 1 < len(marks) and marks[last + 1].start() < end:
            last += 1
        in_run = [m for m in marks[number:last + 1] if m.start() > start]
        if any(m.group() == "://" and m.end() < end for m in in_run):
            cut = end  # (\S+://\S+ takes the whole run)
        elif images := [m for m in in_run if m.group() != "://"]:
            cut = images[-1].end()  # (up to the run's last image extension)
        else:
            continue
        parts.append(text[done:start])
        parts.append(" ")
        done = cut
    if not parts:
        return text
    parts.append(text[done:])
    return "".join(parts)


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


JA_LONG = 100
"""Japanese writes most of its words in kana: in a text of this many Han and kana characters or
more, kana are at least half as many as Han (a Chinese README quoting a Japanese lyric is not
Japanese); in a shorter one a fifth will do (``機械学習の論文を読む``)."""


def block_lang(text: str) -> str | None:
    """The language of a short text.

    >>> block_lang("深入研究神经常微分方程的鲁棒性。")
    'zh'
    >>> block_lang("The architecture of an ODENet. The neural ODE block serves as a dimension-preserving nonlinear mapping.")
    'en'
    >>> block_lang("12345") is None, block_lang("T5")
    (True, 'en')
    >>> block_lang("图 4. Dense-Sparse Phrase Index（DenSPI）架构示意图。（图片来源：Seo et al., 2019）")
    'zh'

    >>> block_lang("提出了 Transformer。"), block_lang("Proposed by 张三 at Google Brain in 2020.")
    ('zh', 'en')
    >>> block_lang("VGG16 和 VGG19"), block_lang("VQ-VAE 和 VQ-VAE-2"), block_lang("Attention Is All You Need 解读")
    ('zh', 'zh', 'en')
    >>> block_lang("Dense Passage Retrieval for Open-Domain Question Answering")
    'en'
    >>> block_lang("Apprentissage profond par renforcement pour la robotique et la vision")
    'fr'

    >>> block_lang("機械学習の論文を読む"), block_lang("深度学习模型的训练需要大量数据和算力。" * 4 + "列に入れよ、我らの味方に。皆聞こえるか？ドラムの響が。彼ら夢見た明日が来るよ。")
    ('ja', 'zh')
    """
    text = _ET_AL.sub(" ", strip_urls(text))  # (a citation's names are no language: "Seo et al., 2019")
    if _LETTER.search(text) is None:
        return None
    han = _count(_HAN, text)
    kana = _count(_KANA, text)
    if kana and kana * (5 if han + kana < JA_LONG else 2) >= han:
        return "ja"
    # Chinese prose routinely keeps English terms; a few Han characters carry the language:
    # zh when han * 3 >= letters - han - kana.  There are at most len(text) letters, so when
    # the Han characters outweigh even that, the letters need not be counted.
    if han and han * 4 + kana >= len(text):
        return "zh"
    letters = _count(_LETTER, text)
    if han and han * 3 >= letters - han - kana:
        return "zh"
    latin_words = _LATIN_WORD.findall(text)
    # (or by words: a Han character is about a syllable, an English term one word however
    # long: "提出了 Transformer", "稀疏化 Transformer", "深入 PyTorch")
    if han and han >= 2 * len(latin_words):
        return "zh"
    # (or where its English is names and terms alone, no sentence: "VGG16 和 VGG19")
    if han and len(latin_words) < MIN_LATIN_WORDS and not any(w.lower() in _ENGLISH_FUNCTION_WORDS for w in latin_words):
        return "zh"
    if _count(_HANGUL, text) * 2 >= letters:
        return "ko"
    if len(latin_words) < MIN_LATIN_WORDS:
        # (a name of single letters and digits, "T5", "A3C", is Latin-script text too)
        return "en" if latin_words or _LATIN_LETTER.search(text) else None
    english = sum(w.lower() in _ENGLISH_ONLY_WORDS for w in latin_words)
    if len(latin_words) < SHORT_LATIN_WORDS and english * 10 >= len(latin_words):
        return "en"  # (langdetect calls "Dense Passage Retrieval for Open-Domain Question Answering" Dutch)
    guess = _langdetect(text[:2000])
    return guess if guess in _TRUSTED else "en"


_WORD_RUN = regex.compile(r"[\p{L}\p{N}]+")
_LATIN_TERM = regex.compile(r"^[\p{Latin}\p{N}]+$")
_LANGUAGE_WORD = regex.compile(r"^(?:\p{Ll}+|\p{Lu}\p{Ll}+)$")
"""A word as a language writes it: in lowercase, or with one capital before lowercase letters
("networks", "Networks"); a name's or a term's spelling is neither ("BERT", "SCNet", "GPT-3")."""


def names_and_terms_only(text: str) -> bool:
    """Is ``text`` Latin-script names and terms alone, no word a language writes (an acronym,
    a word with a digit or a capital inside, single letters and numbers beside them)?

    >>> names_and_terms_only("BERT"), names_and_terms_only("SCNet (CVPR 2020)"), names_and_terms_only("GPT-3 / R-CNN")
    (True, True, True)
    >>> names_and_terms_only("Keras Mask R-CNN"), names_and_terms_only("vmap in Haskell"), names_and_terms_only("残差网络 ResNet")
    (False, False, False)
    >>> names_and_terms_only("2020"), names_and_terms_only("")
    (False, False)
    """
    terms = 0
    for word in _WORD_RUN.findall(strip_urls(text)):
        if _LETTER.search(word) is None or (len(word) == 1 and _LATIN_LETTER.match(word)):
            continue  # (a number, or one letter: the R of "R-CNN")
        if not _LATIN_TERM.match(word) or _LANGUAGE_WORD.match(word):
            return False  # (a word of another script, or of a language: "Mask", "in")
        terms += 1
    return terms > 0


SHORT_LATIN_WORDS = 30
"""Below this many Latin words, English words that no other language of the archive writes
decide (one in ten words: "for", "the", "with"), before langdetect is asked."""
_ENGLISH_ONLY_WORDS = frozenset("the of and for with from via this that are our towards using what how why which".split())
"""English words that French, German, Dutch, Spanish, Italian or Portuguese text does not use."""
_ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and for in on with to an by from is are was via at as be we our its this that or not how what why "
    "when can do does".split())
"""Words that make Latin-script text beside Han characters an English phrase, not a name or term."""

# langdetect's answers for short English technical text scatter over many languages;
# we keep the ones an archive of this kind really holds and call the rest English.
_TRUSTED = frozenset({"en", "de", "fr", "es", "it", "pt", "nl", "ru", "pl", "tr", "vi", "id"})


def doc_lang(text: str) -> str | None:
    """The main language of a whole document (by its prose, ignoring code and links).

    As :func:`block_lang`, but a text with at least as many Han characters as Latin words is
    Chinese: a translation keeps its source's captions, names and terms in English, and by
    letters a Chinese translation of an English digest (seed 000: 1,755 Han characters, 5,255
    Latin letters in 951 words) was English after the loss of one heading.

    >>> doc_lang("深度学习的论文。" * 3 + " The architecture of an ODENet serves as a mapping." * 2)
    'zh'
    """
    sample = _FENCED_CODE.sub(" ", text[:50000])
    sample = _LINK_TARGET_OR_TAG.sub(" ", sample)
    lang = block_lang(sample)
    if lang in ("zh", "ja", "ko"):
        return lang
    stripped = strip_urls(sample)
    han = _count(_HAN, stripped)
    if han >= DOC_MIN_HAN and han >= len(_LATIN_WORD.findall(stripped)):
        return "zh"
    return lang


DOC_MIN_HAN = 20
"""Fewer Han characters than this do not make a document Chinese, however few its Latin words."""


_FENCED_CODE = regex.compile(r"(?s)```.*?```")
# (a target holds no bracket and a tag no "<": so neither is scanned to the end of the sample
# from each "](" or "<" of a text that never closes them)
_LINK_TARGET_OR_TAG = regex.compile(r"\]\([^()]*\)|<[^<>]+>")
