"""Character language model that scores candidate repairs.

Layers, each filling in where the one above knows nothing:

0. *document* statistics: the undamaged part of the document being repaired
   (:meth:`LanguageModel.for_document`, a layer over any of the models below), so that a
   partly damaged file is decoded with the words of its own clean paragraphs;
1. *batch* statistics: character unigram/bigram counts of clean documents of the same
   batch (:meth:`LanguageModel.from_texts`, :meth:`LanguageModel.batch`,
   :meth:`LanguageModel.update`), a layer over the next;
2. *archive* statistics: the same counts of clean archive text, and trigram counts around its
   Chinese text (:meth:`LanguageModel.trigram_cost`), which a second look at the close calls
   of byte recovery uses (:mod:`.fixes`); shipped in ``digestparse/data/zh_archive_counts.tsv.gz``
   (built by :mod:`.build_archive_counts`), and held by :meth:`LanguageModel.default` (a model
   made with ``archive=False`` counts its own clean texts here instead);
3. the *base* Chinese model shipped in ``digestparse/data/zh_charlm.tsv.gz``, built from
   wordfreq's Chinese word frequencies by :mod:`.build_table`: within a word, bigram counts;
   across words, P(b|a) = P(a ends a word) * P(b starts one), so the model covers running
   text, punctuation included (hand-set start shares for punctuation below);
4. a *prior* per character from its Unicode block and category (:func:`prior_cost`), also
   used by :mod:`.detect` to tell mojibake from real text.

All scores are costs in nats (negative natural log probabilities); lower is likelier.

>>> lm = LanguageModel.default()
>>> lm.cost("中", "国") < lm.cost("中", "丐")
True
>>> prior_cost("，") < prior_cost("¸") < prior_cost("\\ue000")
True
"""

from __future__ import annotations

import math
import operator
import re
import string
import threading
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import Iterable, NamedTuple

from .chardata import data_table_lines

__all__ = [
    "BESIDE_ASCII",
    "BesideAsciiShares",
    "FOLLOW_KINDS",
    "FOLLOW_SHARE",
    "FOLLOW_SHARE_HAN",
    "LanguageModel",
    "PRECEDE_MARKS",
    "PRECEDE_SHARE",
    "PRECEDE_SHARE_BASE",
    "PUNCT_START",
    "beside_ascii",
    "beside_ascii_shares",
    "archive_counts",
    "cjk_trigram_text",
    "escape_key",
    "follow_kind",
    "prior_cost",
    "read_archive_counts",
    "text_cost",
]

# Share of word tokens in Chinese running text that are these non-Han characters
# (hand-set estimates; they only need the right order of magnitude, but for "：", "！" and
# "？", measured on the archive's clean text, because a lost mark is one of them and their
# order decides: "？" is the commoner of the three).
_PUNCT_START: dict[str, float] = {
    "，": 0.060, "。": 0.035, "、": 0.012, "：": 0.0022, "；": 0.002, "！": 0.0013, "？": 0.0026,
    "“": 0.006, "”": 0.006, "‘": 0.001, "’": 0.002, "（": 0.003, "）": 0.003,
    "《": 0.001, "》": 0.001, "【": 0.0004, "】": 0.0004, "「": 0.0002, "」": 0.0002,
    "『": 0.00005, "』": 0.00005, "—": 0.001, "…": 0.0005, "·": 0.0004, "–": 0.0003,
    "\n": 0.03, " ": 0.03, "*": 0.005, "(": 0.003, ")": 0.003, "[": 0.002, "]": 0.002,
    ".": 0.004, ",": 0.004, ":": 0.002, "-": 0.002, "/": 0.002, "_": 0.001, "`": 0.002,
}
PUNCT_START = _PUNCT_START

_ASCII_ALNUM_START = 0.03  # spread over [A-Za-z0-9]

# What follows each full-width mark, and a Han character, in the archive's clean text (2,491
# files), by kind: (Han, line end, space, ASCII letter or digit, other ASCII, anything else).
# Half of all "？" end their line and under 1% of "，" do; "：" is followed by ASCII
# punctuation ("原文：<https") more often than by Han.  Lost bytes of a mark are chosen with it
# where the model lacks the archive's counts, whose pair costs say the same (and more finely:
# "！" before an emphasis's closing "**", not before one that opens): counted twice, on the
# tuning sample they took "，" for "！" or "：" before an emphasis or code (see context.rule_cost).
# (Shares under 0.0005 are written as 0.0005: rare is not impossible.)
FOLLOW_KINDS = ("han", "line end", "space", "ascii alnum", "ascii other", "other")
FOLLOW_SHARE: dict[str, tuple[float, ...]] = {
    "，": (0.9207, 0.0076, 0.0038, 0.0445, 0.0198, 0.0037),
    "。": (0.4802, 0.4269, 0.0052, 0.0223, 0.0525, 0.0130),
    "、": (0.7413, 0.0005, 0.0176, 0.1752, 0.0567, 0.0089),
    "：": (0.2823, 0.2364, 0.0005, 0.1054, 0.3588, 0.0166),
    "；": (0.7307, 0.1480, 0.0040, 0.0340, 0.0754, 0.0079),
    "！": (0.2109, 0.4879, 0.0030, 0.0096, 0.2266, 0.0620),
    "？": (0.3394, 0.5046, 0.0083, 0.0077, 0.0952, 0.0448),
    "“": (0.7526, 0.0005, 0.0061, 0.2008, 0.0372, 0.0033),
    "”": (0.4755, 0.0504, 0.0267, 0.0070, 0.2247, 0.2157),
    "（": (0.6773, 0.0005, 0.0005, 0.1775, 0.1275, 0.0177),
    "）": (0.3703, 0.1407, 0.0028, 0.0046, 0.0483, 0.4333),
    "《": (0.8699, 0.0005, 0.0005, 0.1160, 0.0094, 0.0047),
    "》": (0.6087, 0.0354, 0.0113, 0.0113, 0.1546, 0.1787),
    "【": (0.4549, 0.0005, 0.0007, 0.5275, 0.0063, 0.0106),
    "】": (0.0671, 0.0102, 0.0153, 0.0365, 0.7944, 0.0765),
    "—": (0.4423, 0.0011, 0.0362, 0.0214, 0.0385, 0.4605),
    "…": (0.3400, 0.1559, 0.0565, 0.0128, 0.2042, 0.2306),
    # measured later, on the files outside the repair benchmark's samples: ’ is mostly an
    # apostrophe or a prime (don’t, x’)
    "’": (0.0565, 0.0081, 0.0605, 0.6418, 0.2109, 0.0222),
    "‘": (0.4641, 0.0005, 0.0005, 0.4967, 0.0392, 0.0005),
    "–": (0.5429, 0.0031, 0.0980, 0.1918, 0.1582, 0.0061),
}
FOLLOW_SHARE_HAN = (0.8745, 0.0046, 0.0236, 0.0005, 0.0255, 0.0719)


def follow_kind(ch: str) -> int:
    """Index into :data:`FOLLOW_KINDS` of the character ``ch`` ("" is a line end).

    >>> [FOLLOW_KINDS[follow_kind(c)] for c in "中\\n A<é"]
    ['han', 'line end', 'space', 'ascii alnum', 'ascii other', 'other']
    """
    if not ch or ch == "\n" or ch == "\r":
        return 1
    if ch == " ":
        return 2
    if ch.isascii():
        return 3 if ch.isalnum() else 4
    return 0 if "\u4e00" <= ch <= "\u9fff" else 5


# What precedes a full-width mark: for the Han characters whose marks differ most from the
# others' (40 of them), the share of each of PRECEDE_MARKS among the marks after them, and
# PRECEDE_SHARE_BASE for all Han characters; measured on the archive's clean text outside
# the repair benchmark's sample, each distinct line once and quoted lines left out (so its
# boilerplate, "> 原文：<…>" in every file, does not count).  吗 and 呢 are followed by "？"
# 96% and 98% of the time, 后, 时 and 而 by "，" (之后，然而，); "吧" by "！" a third of the
# time.  (Shares under 0.0005 are written as 0.0005.)  Used, as FOLLOW_SHARE, only by a model
# without the archive's counts.
PRECEDE_MARKS = "，。、：；！？（"
PRECEDE_SHARE_BASE = (0.5054, 0.3933, 0.0453, 0.012, 0.006, 0.0096, 0.021, 0.0074)
PRECEDE_SHARE: dict[str, tuple[float, ...]] = {
    "吗": (0.0357, 0.001, 0.0005, 0.0005, 0.0005, 0.001, 0.9614, 0.0005),  # 2,072
    "后": (0.9831, 0.0132, 0.001, 0.0005, 0.0005, 0.0005, 0.0005, 0.0015),  # 6,047
    "呢": (0.0084, 0.0053, 0.0005, 0.0011, 0.0005, 0.0053, 0.9799, 0.0005),  # 947
    "时": (0.9437, 0.046, 0.0043, 0.0019, 0.0005, 0.0009, 0.0012, 0.0018),  # 6,716
    "中": (0.8125, 0.1746, 0.001, 0.0033, 0.0023, 0.002, 0.0013, 0.0031),  # 11,931
    "是": (0.932, 0.036, 0.0005, 0.0217, 0.0007, 0.0043, 0.0019, 0.0033),  # 4,193
    "么": (0.3613, 0.2342, 0.0023, 0.0082, 0.0018, 0.01, 0.3786, 0.0036),  # 2,203
    "说": (0.9661, 0.0206, 0.0005, 0.0112, 0.0006, 0.0005, 0.0005, 0.0006),  # 3,308
    "此": (0.9348, 0.0603, 0.0005, 0.0022, 0.0008, 0.0011, 0.0005, 0.0006),  # 3,633
    "而": (0.9982, 0.0009, 0.0005, 0.0005, 0.0005, 0.0005, 0.0005, 0.0005),  # 2,266
    "如": (0.9789, 0.0089, 0.0037, 0.0073, 0.0005, 0.0005, 0.0005, 0.0008),  # 2,465
    "源": (0.2604, 0.297, 0.0528, 0.3745, 0.0026, 0.0034, 0.0077, 0.0017),  # 1,175
    "外": (0.967, 0.0291, 0.0015, 0.0015, 0.0005, 0.0005, 0.0005, 0.0005),  # 2,063
    "下": (0.8596, 0.1019, 0.0029, 0.028, 0.0005, 0.0035, 0.0005, 0.0035),  # 3,140
    "前": (0.9643, 0.0273, 0.0026, 0.001, 0.0021, 0.001, 0.0005, 0.001),  # 1,907
    "了": (0.2886, 0.5982, 0.0005, 0.0092, 0.0055, 0.0818, 0.0108, 0.0055),  # 3,250
    "等": (0.1288, 0.8446, 0.0012, 0.0012, 0.0046, 0.0162, 0.0023, 0.0012),  # 1,731
    "吧": (0.2531, 0.3136, 0.0005, 0.0005, 0.0005, 0.3164, 0.1169, 0.0005),  # 727
    "里": (0.8709, 0.0948, 0.0024, 0.001, 0.0019, 0.0038, 0.0243, 0.001),  # 2,099
    "先": (0.9879, 0.0093, 0.0005, 0.0005, 0.0009, 0.0019, 0.0005, 0.0005),  # 1,071
    "上": (0.7461, 0.2235, 0.0101, 0.0029, 0.0032, 0.0083, 0.0035, 0.0024),  # 3,749
    "在": (0.8564, 0.1179, 0.0019, 0.005, 0.0031, 0.0044, 0.0044, 0.0069),  # 1,595
    "读": (0.1547, 0.5434, 0.0208, 0.0132, 0.0019, 0.2642, 0.0005, 0.0019),  # 530
    "来": (0.7677, 0.2075, 0.0008, 0.0065, 0.0033, 0.0069, 0.0069, 0.0005),  # 2,458
    "意": (0.8194, 0.1439, 0.0031, 0.0211, 0.0005, 0.0055, 0.0063, 0.0008),  # 1,279
    "理": (0.353, 0.428, 0.1763, 0.0101, 0.0096, 0.0053, 0.0101, 0.0077),  # 2,082
    "果": (0.3123, 0.6288, 0.0186, 0.0066, 0.0066, 0.0137, 0.0095, 0.0037),  # 2,414
    "样": (0.6895, 0.2323, 0.0033, 0.0061, 0.0037, 0.0201, 0.0401, 0.0049),  # 2,441
    "反": (0.9313, 0.0607, 0.0016, 0.0016, 0.0032, 0.0016, 0.0005, 0.0005),  # 626
    "学": (0.3671, 0.2432, 0.3333, 0.0145, 0.0016, 0.0129, 0.0209, 0.0064),  # 621
    "址": (0.2871, 0.2426, 0.0446, 0.0005, 0.0005, 0.4208, 0.005, 0.0005),  # 202
    "度": (0.3613, 0.5132, 0.0887, 0.0094, 0.0115, 0.0013, 0.0037, 0.0108),  # 2,964
    "的": (0.4297, 0.4643, 0.0362, 0.0112, 0.0086, 0.0125, 0.0306, 0.007),  # 13,871
    "住": (0.9463, 0.0447, 0.0005, 0.0022, 0.0045, 0.0022, 0.0005, 0.0005),  # 447
    "建": (0.2905, 0.3538, 0.3241, 0.0099, 0.0059, 0.004, 0.0059, 0.0059),  # 506
    "性": (0.3745, 0.5019, 0.0753, 0.0174, 0.0072, 0.0039, 0.0109, 0.0088),  # 4,304
    "以": (0.8973, 0.076, 0.0019, 0.0019, 0.0038, 0.0095, 0.0038, 0.0057),  # 526
    "题": (0.4326, 0.4889, 0.0114, 0.0226, 0.0091, 0.0091, 0.0188, 0.0075),  # 4,829
    "然": (0.7996, 0.1807, 0.0044, 0.0055, 0.0011, 0.0044, 0.0005, 0.0044),  # 913
    "用": (0.3681, 0.5501, 0.0271, 0.0123, 0.0082, 0.0097, 0.0156, 0.0088),  # 3,401
}


# Han characters beside ASCII, a space between ("模型在 GPU 上", "图 3", "8 个 GPU", "CPU 或
# GPU"): the share of each Han character among those in each context (the indexes of
# :data:`BESIDE_ASCII`), counted on the archive's clean text outside the repair benchmark's
# samples, every character seen ten times or more (``digestparse/data/zh_beside_ascii.tsv.gz``,
# built by :mod:`.build_context_table`; :func:`beside_ascii_shares`).  Before a digit 第 and
# 图 lead; alone after a word 和 is 60% and 我 never stands; after a digit 个 is 12% and 一,
# eight times as common in running text, 0.1%.  See LanguageModel.beside_ascii_cost.
BESIDE_ASCII = ("after a digit", "after a word", "before a digit", "before a word", "alone, after a digit", "alone, after a word")


class BesideAsciiShares(NamedTuple):
    share: tuple[dict[str, float], ...]
    """per context of :data:`BESIDE_ASCII`, the share of each listed character"""
    rest: tuple[float, ...]
    """per context, the share of all the characters not listed"""


@lru_cache(maxsize=1)
def beside_ascii_shares() -> BesideAsciiShares:
    """The bundled table of Han characters beside ASCII, as shares.

    >>> t = beside_ascii_shares()
    >>> t.share[0]["个"] > 100 * t.share[0]["一"], round(sum(t.share[5].values()) + t.rest[5], 6)
    (True, 1.0)
    """
    counts: list[dict[str, int]] = [{} for _ in BESIDE_ASCII]
    totals = [0] * len(BESIDE_ASCII)
    for line in data_table_lines("zh_beside_ascii.tsv.gz"):
        context, ch, n = line.split("\t")
        if ch == "*":
            totals[int(context)] = int(n)
        else:
            counts[int(context)][ch] = int(n)
    share = tuple({ch: n / total for ch, n in listed.items()} for listed, total in zip(counts, totals))
    return BesideAsciiShares(share, tuple(max(0.0, 1.0 - sum(s.values())) for s in share))


_WORD_END = re.compile(r"[A-Za-z0-9_)\]`*] \Z")
_WORD_START = re.compile(r" [A-Za-z0-9_(\[`*]")


def beside_ascii(before: str, after: str) -> int | None:
    """Which context of :data:`BESIDE_ASCII` a character between ``before`` and ``after``
    stands in (None: it has no ASCII word beside it, a space between).

    >>> [BESIDE_ASCII[beside_ascii(b, a)] for b, a in [("CPU ", " GPU"), ("用了 8 ", " GPU"), ("如", " 3 所"), ("在 GPU ", "上")]]
    ['alone, after a word', 'alone, after a digit', 'before a digit', 'after a word']
    >>> beside_ascii("数据", "集")
    """
    word_before = _WORD_END.search(before[-2:]) is not None
    digit = before[-2:-1].isdigit()
    if _WORD_START.match(after) is not None:
        if word_before:
            return 4 if digit else 5
        return 2 if after[1].isdigit() else 3
    if word_before:
        return 0 if digit else 1
    return None


# Costs (nats) of characters by kind, for characters the statistics do not know.
_PRIOR_FIXED: dict[str, float] = {
    "\n": 3.0, " ": 3.0, "\t": 7.0, "\u00a0": 9.0, "\u00ad": 13.0,
    "“": 6.0, "”": 6.0, "‘": 7.0, "’": 6.0, "–": 7.0, "—": 7.0, "…": 7.0, "•": 8.0,
    "©": 9.0, "®": 9.0, "°": 8.0, "±": 9.0, "·": 8.0, "×": 8.0, "÷": 10.0, "€": 9.0, "™": 9.0,
    "é": 8.0, "è": 9.0, "á": 9.0, "ü": 9.0, "ö": 9.0, "ä": 9.0, "ó": 9.0, "í": 9.0, "ñ": 9.0,
    "ç": 9.0, "à": 9.0, "ô": 10.0, "ê": 10.0, "â": 10.0, "ï": 11.0, "ë": 11.0, "É": 10.0,
    # emoji presentation selectors (✍️, ❤️): VS16 loses a byte to the same leftover as
    # VS2, VS14 and the vertical comma ︐, which the archive never holds (VS16 18 times)
    "\ufe0f": 11.0, "\ufe0e": 12.0,
    # the box-drawing characters `tree` draws ("├── README.md"), the only four the archive
    # holds (├ 1,144 times, │ 1,114, ─ 3,213, └ 463 in the files outside the repair
    # benchmark's samples; ━, ┃, ┌ or ┐ never): ├ loses a byte to the same leftover as ten
    # others through Windows-1257 (E2 94 9C, "ā”�"), which it had lost to, first in order
    "├": 9.0, "│": 9.0, "─": 9.0, "└": 9.0,
}


def _block_cost(cp: int, cat: str) -> float:
    if cat in ("Cn", "Co", "Cs"):
        return 40.0
    if cat == "Cc":
        return 30.0
    if cp < 0x80:
        if chr(cp).isalnum():
            return 4.5
        return 6.0
    if 0x4E00 <= cp <= 0x9FFF:
        return 11.0
    if 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x3FFFF or 0xF900 <= cp <= 0xFAFF:
        return 17.0
    if 0x3000 <= cp <= 0x303F or 0xFF01 <= cp <= 0xFF60:
        return 11.0 if cat.startswith("P") else 13.0
    if 0x3041 <= cp <= 0x30FF:
        # kana: Japanese running text, and quoted in Chinese text
        return 12.0
    if 0x3190 <= cp <= 0x33FF:
        # kanbun marks, strokes, enclosed and squared compatibility forms (㍮ ㈁ ㆐):
        # legacy characters, rarer than any kana that loses a byte to the same leftover
        return 16.0
    if 0x1F300 <= cp <= 0x1FAFF or 0x2600 <= cp <= 0x27BF:
        return 12.0
    if 0x2070 <= cp <= 0x209F:
        # superscripts and subscripts (footnote marks, x₁): they lose bytes to the same
        # leftovers as dingbat ornaments (⁵ and ❵, ⁰ and ❰), which the archive never holds
        # (super- and subscripts about 110 times)
        return 11.0
    if cat == "Cf" or cat.startswith("M"):
        return 15.0
    if cp <= 0xFF:
        return 10.0 if cat.startswith("L") else 12.0
    if cp <= 0x24F:
        return 11.0
    if 0x370 <= cp <= 0x52F:
        return 10.5
    if 0x2000 <= cp <= 0x206F:
        return 13.0
    if 0x2190 <= cp <= 0x22FF:
        return 11.0
    if cat.startswith("L"):
        return 14.0
    return 13.0


@lru_cache(maxsize=65536)
def prior_cost(ch: str) -> float:
    """Cost of a character from its kind alone (no context, no statistics)."""
    fixed = _PRIOR_FIXED.get(ch)
    if fixed is not None:
        return fixed
    if ch in _PUNCT_START:
        return -math.log(_PUNCT_START[ch]) + 1.0
    cp = ord(ch)
    return _block_cost(cp, unicodedata.category(ch))


class _BaseTable:
    """The bundled word-derived Chinese statistics (see module docstring)."""

    def __init__(self, uni: dict[str, float], end: dict[str, float], start: dict[str, float], bi: dict[str, float]):
        self.uni = uni
        self.end = end
        self.bi = bi
        total_start = sum(start.values())
        # Non-Han starts take a share of all word tokens; Han starts share the rest.
        punct_mass = sum(_PUNCT_START.values()) + _ASCII_ALNUM_START
        self.start_p: dict[str, float] = {ch: (1.0 - punct_mass) * f / total_start for ch, f in start.items()}
        for ch, p in _PUNCT_START.items():
            self.start_p[ch] = p
        for ch in string.ascii_letters + string.digits:
            self.start_p.setdefault(ch, _ASCII_ALNUM_START / 62)
        total_uni = sum(uni.values())
        self.uni_p = {ch: f / total_uni for ch, f in uni.items()}

    @classmethod
    def load(cls) -> "_BaseTable":
        uni: dict[str, float] = {}
        end: dict[str, float] = {}
        start: dict[str, float] = {}
        bi: dict[str, float] = {}
        for line in data_table_lines("zh_charlm.tsv.gz"):
            parts = line.split("\t")
            if parts[0] == "U":
                ch = parts[1]
                uni[ch] = float(parts[2])
                end[ch] = float(parts[3])
                start[ch] = float(parts[4])
            elif parts[0] == "B":
                bi[parts[1]] = float(parts[2])
        return cls(uni, end, start, bi)


_BASE: _BaseTable | None = None
_BASE_LOCK = threading.Lock()


def _base_table() -> _BaseTable:
    global _BASE
    if _BASE is None:
        with _BASE_LOCK:
            if _BASE is None:
                _BASE = _BaseTable.load()
    return _BASE


# Weight of the character prior inside the base layer: keeps every character possible.
_PRIOR_WEIGHT = 0.02
_BASE_WEIGHT = 1 - _PRIOR_WEIGHT  # (the share of the base table's estimate)
_PRIOR_P: dict[str, float] = {}  # character -> _PRIOR_WEIGHT * exp(-prior_cost), worked out once
# Strength of the base layer against batch counts (Witten-Bell style pseudo-count).
_BATCH_K = 8.0
# Share of a layer's own character frequencies in what its bigram counts back off to (the
# rest is the layer below).  A batch is large and its unigrams are worth half; one
# document's are few, and the layer below (bundled tables, or a batch) knows better.
_UNIGRAM_MIX_BATCH = 0.5
_UNIGRAM_MIX_DOCUMENT = 0.1


# Strength of a layer's lower orders against its trigram counts: P(c | ab) takes the share
# n / (n + K) from the counts, where n is how often "ab" was seen.  Tuned with the trigram
# second look of :mod:`.fixes` (lossy files of the repair benchmark's seed 11 with a batch
# of 2,000 other files: 181 wrong characters without trigrams, 138 with K = 3; K = 1..30
# gave 138-148).
_TRIGRAM_K = 3.0

# Chinese text (Han, CJK punctuation, full-width forms) and the two characters on each side:
# every trigram holding one of these characters lies inside such a stretch.
_CJK_RUN = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]+")


def cjk_trigram_text(text: str) -> str:
    r"""The stretches of ``text`` that hold its trigrams with a CJK character in them,
    joined by NUL (which no query holds, so the trigrams across a join are inert).

    Counting trigrams only there keeps a batch's table to what repair asks of it (a
    character that lost bytes and its neighbours), from about half the text.

    >>> cjk_trigram_text("import x  # 中文 ok\nmore text，句子")
    '# 中文 o\x00xt，句子'
    """
    stretches = []
    lo = hi = -1
    for m in _CJK_RUN.finditer(text):
        start, end = max(0, m.start() - 2), m.end() + 2
        if start <= hi:
            hi = end
            continue
        if hi >= 0:
            stretches.append(text[lo:hi])
        lo, hi = start, end
    if hi >= 0:
        stretches.append(text[lo:hi])
    return "\x00".join(stretches)


_first_char = operator.itemgetter(0)

_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_ESCAPED = re.compile(r"\\(.)")
_UNESCAPES = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}


def escape_key(key: str) -> str:
    r"""``key`` (characters counted by :class:`LanguageModel`) as a field of a table line.

    >>> escape_key("。\n"), escape_key("a\\b\t")
    ('。\\n', 'a\\\\b\\t')
    """
    return "".join(_ESCAPES.get(ch, ch) for ch in key) if any(ch in _ESCAPES for ch in key) else key


def _unescape_key(field: str) -> str:
    r"""The inverse of :func:`escape_key`.

    >>> all(_unescape_key(escape_key(k)) == k for k in ["。\n", "a\\b\t", "\\n", "中文"])
    True
    """
    return _ESCAPED.sub(lambda m: _UNESCAPES[m.group(1)], field) if "\\" in field else field


class ArchiveCounts(NamedTuple):
    """The bundled counts of clean archive text (see :mod:`.build_archive_counts`)."""

    uni: Counter[str]
    follow: Counter[str]
    bi: Counter[str]
    tri: Counter[str]

    @property
    def characters(self) -> int:
        return sum(self.uni.values())


_ARCHIVE: ArchiveCounts | None = None
_ARCHIVE_LOCK = threading.Lock()


def read_archive_counts(lines: Iterable[str]) -> ArchiveCounts:
    """The counts of a table written by :mod:`.build_archive_counts` (its data lines)."""
    counts = ArchiveCounts(Counter(), Counter(), Counter(), Counter())
    for line in lines:
        kind, key, n, *rest = line.split("\t")
        key = _unescape_key(key)
        if kind == "U":
            counts.uni[key] = int(n)
            counts.follow[key] = int(rest[0])
        elif kind == "B":
            counts.bi[key] = int(n)
        else:
            counts.tri[key] = int(n)
    return counts


def archive_counts() -> ArchiveCounts:
    """The bundled counts of clean archive text, read once per process (shared, never changed)."""
    global _ARCHIVE
    if _ARCHIVE is None:
        with _ARCHIVE_LOCK:
            if _ARCHIVE is None:
                _ARCHIVE = read_archive_counts(data_table_lines("zh_archive_counts.tsv.gz"))
    return _ARCHIVE


class LanguageModel:
    """Character bigram model (and trigrams for a second look): counts of clean text over the
    bundled base over the prior, in the layers of the module docstring.

    :meth:`default` (one shared ``LanguageModel()``) holds the archive's counts;
    :meth:`from_texts`, :meth:`batch` and :meth:`for_document` lay clean documents over a model;
    :meth:`update` adds a clean text (and invalidates the score cache).
    """

    def __init__(self, *, use_base: bool = True, parent: "LanguageModel | None" = None, archive: bool = True) -> None:
        self._use_base = use_base
        self.parent = parent
        """the model this one's counts are laid over (instead of the base and the prior)"""
        self._unigram_mix = _UNIGRAM_MIX_DOCUMENT if parent is not None else _UNIGRAM_MIX_BATCH
        self.uni: Counter[str] = Counter()
        self.bi: Counter[str] = Counter()
        self.tri: Counter[str] = Counter()
        """trigram counts around Chinese text (see :func:`cjk_trigram_text`); a batch's only"""
        self._follow: Counter[str] = Counter()
        self._types: Counter[str] = Counter()  # distinct followers per character (lazy)
        self._types_stale = False
        self._n = 0
        self._archive_n = 0
        self._shared = False  # are the counters the bundled archive's (copied before a change)?
        if archive and use_base and parent is None:
            counts = archive_counts()
            self.uni, self._follow, self.bi, self.tri = counts.uni, counts.follow, counts.bi, counts.tri
            self._n = self._archive_n = counts.characters
            self._types_stale = self._shared = True
        self.documents = 0
        """clean texts added by :meth:`update`"""
        # keyed by the two characters as one string: unlike tuples, strings are not tracked
        # by the garbage collector (a tuple per new pair was a quarter of what it walked)
        self._cache: dict[str, float] = {}
        self._tri_cache: dict[str, float] = {}
        self._uni_cache: dict[str, float] = {}  # unigram_cost's, by character
        # the parts of unknown_cost's interpolation that depend on one character alone: per
        # first character its count of pairs and weight, per second its unigram share
        self._first_terms: dict[str, tuple[int, float]] = {}
        self._second_terms: dict[str, float] = {}
        # costs of non-Han tokens between words (see .fixes) and the share of the Han
        # characters no table lists beside ASCII (beside_ascii_cost), worked out with this model
        self.memo: dict = {}

    _default: "LanguageModel | None" = None

    @classmethod
    def default(cls) -> "LanguageModel":
        """The shared model of the bundled tables (no batch statistics)."""
        if cls._default is None:
            cls._default = cls()
        return cls._default

    @classmethod
    def for_document(cls, parent: "LanguageModel", clean_parts: Iterable[str]) -> "LanguageModel":
        """The undamaged parts of one document as a layer over ``parent``.

        Its counts are interpolated with ``parent``'s costs as a batch's are with the
        bundled tables (Witten-Bell), backing off mostly to ``parent``: where the document
        says little, ``parent`` decides.

        >>> doc = LanguageModel.for_document(LanguageModel.default(), ["异步调用。异步任务。"])
        >>> doc.cost("异", "步") < LanguageModel.default().cost("异", "步")
        True
        """
        model = cls(parent=parent)
        for part in clean_parts:
            model.update(part)
        return model

    @classmethod
    def batch(cls) -> "LanguageModel":
        """An empty layer for a batch's clean texts (:meth:`update`) over :meth:`default`.

        Where the batch has counts, they come first, and where it has none, the archive's and
        the bundled tables' decide: a word the run's clean files use (``拭子``, which the
        bundled tables miss) is learnt from one file that uses it twice, which added to the
        archive's 15 million characters it was not.  The batch keeps no trigrams of its own:
        the archive's are there, and on the tuning sample (100 lossy files of seed 11, a batch
        of 300 other files) the batch gave 218 wrong characters as a layer, 208 added to the
        archive's counts, trigrams and all (230 MB for 20 million characters), and the archive
        alone 202.
        """
        model = cls(parent=cls.default())
        model._unigram_mix = _UNIGRAM_MIX_BATCH
        return model

    @classmethod
    def from_texts(cls, texts: Iterable[str], **options: bool) -> "LanguageModel":
        """A batch of clean ``texts``: a layer over the bundled tables (:meth:`batch`); where
        ``options`` (the constructor's) leave out the archive's counts (``archive=False``) or
        every bundled table (``use_base=False``), one model that counts them, trigrams too, in
        their place."""
        bundled = options.get("archive", True) and options.get("use_base", True)
        model = cls.batch() if bundled else cls(**options)
        for text in texts:
            model.update(text)
        return model

    def update(self, text: str) -> "LanguageModel":
        """Add the character statistics of one clean text; returns self."""
        if not text:
            return self
        if self._shared:
            self.uni, self.bi, self.tri, self._follow = Counter(self.uni), Counter(self.bi), Counter(self.tri), Counter(self._follow)
            self._shared = False
        self.uni.update(text)
        # counted in C: the pairs as two-character strings, and their first characters
        self.bi.update(map(str.__add__, text, text[1:]))
        self._follow.update(text[:-1])
        if self.parent is None:
            # the trigrams of a model with no layer below (the archive's, or a batch's in place
            # of them); one document's are too few to add to its bigrams (half-damaged
            # benchmark files, seed 11: 189 wrong characters without them, 191 with), and a
            # batch over the archive's gains nothing from its own (see batch())
            cjk = cjk_trigram_text(text)
            self.tri.update(cjk[i : i + 3] for i in range(len(cjk) - 2))
        self._types_stale = True
        self._n += len(text)
        self.documents += 1
        self.clear_caches()
        return self

    def clear_caches(self) -> None:
        """Forget the scores worked out so far (they are worked out again when needed): what
        :meth:`update` does, and what a benchmark does so that one run does not time the
        next with the first's scores known."""
        self._cache.clear()
        self._tri_cache.clear()
        self._uni_cache.clear()
        self._first_terms.clear()
        self._second_terms.clear()
        self.memo.clear()

    @property
    def base(self) -> _BaseTable | None:
        return _base_table() if self._use_base else None

    def unigram_cost(self, ch: str) -> float:
        """Cost of ``ch`` with no context (remembered until the caches are cleared: the word
        lattice asks for it at the start of every stretch)."""
        hit = self._uni_cache.get(ch)
        if hit is not None:
            return hit
        if self.parent is not None:
            p = math.exp(-self.parent.unigram_cost(ch))
        else:
            p = _PRIOR_WEIGHT * math.exp(-prior_cost(ch))
            base = self.base
            if base is not None:
                p += (1 - _PRIOR_WEIGHT) * base.uni_p.get(ch, 0.0) * 0.85
        if self._n:
            mix = self._unigram_mix
            p = (1 - mix) * p + mix * self.uni.get(ch, 0) / self._n
        cost = self._uni_cache[ch] = -math.log(p) if p > 0 else 60.0
        return cost

    def beside_ascii_cost(self, ch: str, context: int) -> float:
        """What to add to the cost of the Han character ``ch`` where it stands beside ASCII
        (``context``: an index of :data:`BESIDE_ASCII`): its share there
        (:func:`beside_ascii_shares`) in place of its unigram probability.  A character not
        listed shares what the listed ones leave in proportion to its unigram probability.

        >>> lm = LanguageModel.default()
        >>> lm.beside_ascii_cost("或", 5) < 0 < lm.beside_ascii_cost("我", 5)
        True
        """
        table = beside_ascii_shares()
        share = table.share[context].get(ch)
        if share is not None:
            return -math.log(share) - self.unigram_cost(ch)
        key = ("beside ascii rest", context)
        rest = self.memo.get(key)
        if rest is None:
            listed = sum(math.exp(-self.unigram_cost(c)) for c in table.share[context])
            rest = self.memo[key] = -math.log(max(table.rest[context], 1e-4) / max(1.0 - listed, 1e-3))
        return rest

    def cost(self, a: str, b: str) -> float:
        """Cost of character ``b`` right after character ``a`` (one character each; ``a``
        may be "" for none)."""
        key = a + b
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        return self.unknown_cost(a, b, key)

    def unknown_cost(self, a: str, b: str, key: str) -> float:
        """:meth:`cost` of a pair not in :attr:`cost_cache` (``key`` is ``a + b``), worked
        out and kept there without looking first: for a caller that just looked."""
        parent = self.parent
        if parent is not None:
            v = parent._cache.get(key)
            p = math.exp(-(parent.unknown_cost(a, b, key) if v is None else v))
        else:
            p = _PRIOR_P.get(b)
            if p is None:
                p = _PRIOR_P[b] = _PRIOR_WEIGHT * math.exp(-prior_cost(b))
            if self._use_base:
                # the base table's P(b | a): within a word, its bigram count; across words, P(a
                # ends a word) * P(b starts one); where it knows nothing of a, P(b starts one)
                base = _BASE if _BASE is not None else _base_table()
                ua = base.uni.get(a)
                if ua:
                    q = (base.bi.get(key, 0.0) + base.end.get(a, 0.0) * base.start_p.get(b, 0.0)) / ua
                else:
                    q = base.start_p.get(b, 0.0)
                p += _BASE_WEIGHT * q
        if self._n:
            # (what depends on a or b alone is worked out once per character, not per pair:
            # a document's layer asks for every pair its lattices weigh, 178,000 on the
            # half-lossy benchmark files; the same sums, so the same costs)
            mix = self._unigram_mix
            second = self._second_terms.get(b)
            if second is None:
                second = self._second_terms[b] = mix * (self.uni.get(b, 0) + 0.01) / (self._n + 0.01 * 65536)
            lower = (1 - mix) * p + second
            first = self._first_terms.get(a)
            if first is None:
                n_a = self._follow.get(a, 0)
                if n_a:
                    if self._types_stale:
                        self._types = Counter(map(_first_char, self.bi))
                        self._types_stale = False
                    first = (n_a, n_a / (n_a + self._types[a] + _BATCH_K))
                else:
                    first = (0, 0.0)
                self._first_terms[a] = first
            n_a, lam = first
            if n_a:
                p = lam * self.bi.get(key, 0) / n_a + (1 - lam) * lower
            else:
                p = lower
        cost = -math.log(p) if p > 0 else 60.0
        if len(self._cache) > 500_000:
            self._cache.clear()
        self._cache[key] = cost
        return cost

    @property
    def _lowest_layer(self) -> "LanguageModel":
        """The lowest layer: the one that holds the trigram counts (the archive's, by default)."""
        model = self
        while model.parent is not None:
            model = model.parent
        return model

    @property
    def has_archive(self) -> bool:
        """Does the model hold the archive's counts (in this layer or below)?  Then its pair
        costs already say what follows a full-width mark and what precedes it, and the
        context rules that say so from their own tables (:data:`FOLLOW_SHARE`,
        :data:`PRECEDE_SHARE`) stand aside."""
        return self._lowest_layer._archive_n > 0

    @property
    def has_trigrams(self) -> bool:
        """Does the model hold trigram counts (in this layer or below)?"""
        return bool(self._lowest_layer.tri)

    def trigram_cost(self, a: str, b: str, c: str) -> float:
        """Cost of character ``c`` right after ``a`` and ``b``.

        The trigram counts of the lowest layer (the archive's, or those of a model made with
        ``archive=False``) interpolated with :meth:`cost` of ``c`` after ``b`` (Witten-Bell-like,
        :data:`_TRIGRAM_K`); where they never saw ``a`` and ``b`` together, or there are none,
        this *is* :meth:`cost`.

        >>> lm = LanguageModel.from_texts(["模型的训练过程。训练的过程很长。"], archive=False)
        >>> lm.trigram_cost("训", "练", "过") < lm.cost("练", "过")
        True
        """
        key = a + b + c
        hit = self._tri_cache.get(key)
        if hit is not None:
            return hit
        p = math.exp(-self.cost(b, c))
        lowest = self._lowest_layer
        n = lowest.bi.get(a + b, 0)
        if n:
            lam = n / (n + _TRIGRAM_K)
            p = lam * lowest.tri.get(key, 0) / n + (1 - lam) * p
        cost = -math.log(p) if p > 0 else 60.0
        if len(self._tri_cache) > 500_000:
            self._tri_cache.clear()
        self._tri_cache[key] = cost
        return cost

    @property
    def cost_cache(self) -> dict[str, float]:
        """Known values of :meth:`cost`, keyed by ``a + b`` (read-only use)."""
        return self._cache

    @property
    def characters(self) -> int:
        """Characters of clean text added by :meth:`update` (the bundled archive's not counted)."""
        return self._n - self._archive_n

    @property
    def has_batch(self) -> bool:
        """Does the model hold statistics of clean documents (``update``/``from_texts``)?"""
        return self.documents > 0

    def follow_count(self, ch: str) -> int:
        """How often ``ch`` was counted as the first of a pair."""
        return self._follow.get(ch, 0)

    def string_cost(self, prev: str, s: str) -> float:
        """Cost of the characters of ``s`` following character ``prev`` ("" for none)."""
        total = 0.0
        for ch in s:
            total += self.cost(prev, ch) if prev else self.unigram_cost(ch)
            prev = ch
        return total


def text_cost(text: str) -> float:
    """Context-free cost of a text: the sum of its characters' prior costs.

    Used to compare an original run with its decoding; the shared ASCII cancels out.

    >>> text_cost("ä¸­") > text_cost("中")
    True
    """
    return sum(map(_PRIORS.__getitem__, text))


class _Priors(dict):
    def __missing__(self, ch: str) -> float:
        v = self[ch] = prior_cost(ch)
        return v


_PRIORS = _Priors()
