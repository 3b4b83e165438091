"""The context rules: what a damaged character's line says about its candidates.

Both models that rebuild lost bytes (:mod:`.fixes` for UTF-8 read through a single-byte
codec, :mod:`.gbk` for UTF-8 read as GBK) weigh each candidate of a damaged character by
its line, measured on clean archive text: brackets and quotes waiting for a partner
(:func:`bracket_costs`), an open 在…中 frame (:func:`frame_cost`), what the character
before and after it are (:func:`rule_cost`), whether its sentence asks a question
(:func:`asks_question`), and what the next line starts with (:func:`next_line_kind`).

Each model hands its damaged stretch over as a :class:`LineView` (the line around it, its
parts, the candidates of those not decided yet) and gets each candidate's extra cost from
:func:`weigh`, so that a rule is written, and read, once for both.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache

from .langmodel import (
    FOLLOW_SHARE,
    FOLLOW_SHARE_HAN,
    PRECEDE_MARKS,
    PRECEDE_SHARE,
    PRECEDE_SHARE_BASE,
    LanguageModel,
    beside_ascii,
    follow_kind,
)
from .wordmodel import is_han

_OPEN_CLOSE = {"“": "”", "「": "」", "『": "』", "【": "】", "（": "）", "《": "》", "‘": "’"}
_CLOSE_OPEN = {v: k for k, v in _OPEN_CLOSE.items()}
_PAIR_COST = 6.0
# ... but a bracket or quote the held-out archive text often leaves unpaired on its line costs
# what it does there: the log of the share of each that no partner answers on its line (each
# distinct line once; 】 5.9%, ” 0.9%, （ 0.9%; 【 21%, from lists of 【tags】 split over
# lines).  At 6.0 a ” whose “ opened a line before lost to the zero-width joiner, which loses
# the same byte as it (``基金会托管。”*``).  Not measured for the rare 「」『』, nor for ’, which
# :func:`_apostrophe` reads first.
_UNPAIRED_COST = {"“": 3.93, "”": 4.69, "（": 4.70, "）": 6.10, "【": 1.56, "】": 2.83, "《": 3.21, "》": 4.47, "‘": 3.08}
_NEEDED_COST = 15.0
_PAIRED = frozenset(_OPEN_CLOSE) | frozenset(_CLOSE_OPEN)

# "在/从 ... 中" (in/from ... among): a clause opened by one of these prepositions and not
# yet closed by a localizer makes 中 likelier than its look-alikes (中 and 不 lose bytes to
# the same leftovers).  How much likelier, measured on clean archive text outside the repair
# benchmark's samples as the log likelihood ratio of the nearest opener (its share of all
# 中 over its share of all 不): 在 2.55, 从 2.38.  Right before the slot the frame is not
# open yet (在不改变: -2.84), except after 从 (从中, 0.33).  于 opens none (由于, 对于 and
# 基于 … 中: 0.0), nor does 到 (1.26, but no gain on the benchmark); a clause with no opener
# gives -0.71.  The rule takes these odds times _FRAME_WEIGHT, tuned on the benchmark's
# seed 11 (lossy errors 640 -> 617 with 于 dropped and the weight at 1.7; 1.2-2.0 gave
# 616-625).  A penalty outside frames made things worse.  ASCII brackets are read past as
# one character, whole: a link's text and address or a parenthetical hide the opener
# (在[这篇文章](…)的第二部分中: odds 3.32 where only the brackets hid it).
_FRAME_OPEN = {"在": 2.55, "从": 2.38}
_FRAME_OPEN_ADJACENT = {"从": 0.33}
_FRAME_WEIGHT = 1.7
_FRAME_CLOSE = frozenset("中上里内下")
# A localizer that starts one of these words closes no frame: 在下面的表格中, 在上一节中,
# 在接下来的两个月中.  Where the frame reading would stop at one of them, 中 still came
# 1,215 times and 不 7 (held-out archive text, as above; log likelihood ratio 4.71, above
# the open frame's 2.44).  Only the position and time words measured at 10 or more: the
# nouns (内存, 下载, 中心) are the archive's vocabulary, and 上表/下表 also read 上表现.
_NOT_CLOSING = frozenset({"下面", "上面", "下一", "上一", "下来", "下图", "上图", "上周", "下周", "上述"})
# (An ASCII ")" is no clause end: frame_cost reads past its group; an unmatched "(" is one.)
_CLAUSE_END = frozenset("，。；：！？、\n,;:!?(（）")
# What may open a line before its text: indentation, a list marker, heading hashes or a quote
# mark, then emphasis or a link's bracket.
_MARKDOWN_OPENING = re.compile(r"[ \t]*(?:[*+-]|\d+\.|#+|>)?[ \t]*[*_\[]*")
_FRAME_REACH = 25
_GROUP_OPEN = {")": "(", "]": "["}
_GROUP_REACH = 300
# The rules that read a damaged character's line (its brackets and quotes, the sentence so
# far) read at most this many characters (or undecided parts) of it on either side, so that
# a line of a megabyte (a minified page) costs time in proportion to its length.  Of the
# archive's 606,126 lines, 3 are longer.
LINE_REACH = 2000


# Characters that (almost) never stand before a Han character, or before anything else
# (punctuation, Latin, a line end), and the penalty (nats) for doing so.  Measured on clean
# archive text: 吗 (question particle) 0 of 397 times before a Han character; 不 (not)
# 48 of 5,741 times before anything else, against 2,481 of 9,142 for 中.
_BEFORE_HAN = {"吗": 6.0}
_BEFORE_OTHER = {"不": 3.0}
# ... and before one character: 不 (an adverb) before 的 once in 32,316 times in clean
# archive text outside the benchmark's sample, 中 before 的 10,138 times in 50,374.  Nor
# does 不 stand before a pronoun, a determiner or a degree adverb (中我们, 中每个, 中没有,
# 中最 are common, 不我们 or 不每个 are not), while 中 seldom stands before the adverbs and
# modal verbs that 不 negates (不太, 不能, 不需要): for these the cost is the log odds
# against it there, measured as for _AFTER_CHAR below.  Other pairs share a leftover too,
# and the same odds tell them apart where one of them is a function word: 否 hardly
# stands before 一 (6 of 2,762 times; 另 2,556 of 2,753) or 外 (0; 另 178; a count of 0
# is taken as half a time); 发 seldom before a pronoun or a determiner, where the
# preposition 向 stands (向您 327, 发您 20); 即 (namely) seldom before 和, 、 or a closing
# bracket, where 右 stands (左、上、右和下, (右)).
_BEFORE_CHAR = {
    "不的": 6.0,
    **{"不" + ch: cost for ch, cost in {
        "我": 5.42, "你": 3.69, "您": 2.92, "他": 2.5, "它": 3.11, "每": 6.07, "所": 6.19,
        "没": 5.34, "最": 5.2, "很": 3.55, "不": 3.92, "也": 4.61, "还": 4.11, "更": 2.31, "都": 2.16,
    }.items()},
    **{"中" + ch: cost for ch, cost in {"太": 5.95, "总": 2.21, "那": 2.13, "必": 4.27, "能": 5.93, "需": 3.24}.items()},
    "否一": 6.06,
    "否外": 5.88,
    **{"发" + ch: cost for ch, cost in {
        "您": 3.29, "你": 2.86, "他": 3.13, "它": 1.74, "我": 2.78, "其": 2.53, "每": 3.23, "所": 2.75,
        "最": 1.92, "那": 1.94,
    }.items()},
    **{"即" + ch: cost for ch, cost in {"和": 4.16, "、": 4.72, ")": 5.71, "）": 4.93}.items()},
    # (GBK loses the last byte of 只 and 可: 只需, 只要, 只有 1,494, 251 and 953 times, 可需,
    # 可要 never, 可有 once; capped at 6, as 不的)
    "可需": 6.0, "可要": 6.0, "可有": 6.0,
}
# ... and after one character: 中 (a localizer: 文件中, 过程中) follows a noun phrase, 不 (not)
# follows subjects, adverbs and the verbs that take a verb, so after the last character of
# a pronoun, an adverb, a conjunction, the copula, a modal verb or a particle, 中 is rare
# (而不 2,139 times, 而中 once; 是不 849, 是中 34).  The character model cannot tell: it
# scores pairs across words as one word ending and another starting, the same for 中 and
# 不.  Cost: how much rarer 中 is after the character than 不, measured on clean archive
# text outside the repair benchmark's samples (the log of the share of all 不 that follow
# it over the share of all 中; the degree adverbs, determiners and clause ends of the second
# block, 最不 31 times and 最中 never, "，不" 761 and "，中" 31, took the benchmark's lossy
# errors from 2,320 to 2,286).  Only closed classes are listed, function words and marks;
# nouns that favour 中 (文件, 环境) are the archive's vocabulary.  After a closing bracket, a
# code span or a quote 中 is the likelier one even where no frame is open (a bonus, measured
# there: 《深度学习》中提到).
# And the enumeration comma 、 never follows a comma, a colon or a line start (0 of 22,547
# times; an unpaired 【 does: "，【https"), so there it costs what the line rules out; nor
# a line's Markdown opening (_MARKDOWN_OPENING, in weigh: "*   【2021 年", "## [**【多任务":
# 、 0 times in held-out archive text, 【 127).
# The other pairs of _BEFORE_CHAR are told apart the same way: 是否 and 能否 are words, 另
# follows particles and prepositions (的另一个, 到另一个, 在另一个中; 否 never); 右 follows
# prepositions, 、 and 和 (向右, 左、右), 即 a comma or a bracket (，即); the preposition 向
# follows 将 (将向您).  (步 after 的 and numbers, against 来, changed nothing: the lattice
# knows 一步 and 步数 as words.)
_AFTER_CHAR = {
    **{ch + "中": cost for ch, cost in {
        # pronouns
        "我": 5.05, "你": 6.64, "您": 6.63, "他": 3.21, "她": 3.28, "它": 6.09, "们": 2.74,
        "这": 5.46, "那": 4.53,
        # adverbs and conjunctions (并不, 也不, 而不, 或不; 非常不, 永远不, 几乎不, 甚至不)
        "也": 7.28, "都": 6.51, "还": 6.2, "并": 7.29, "就": 5.23, "而": 7.71, "但": 5.17,
        "且": 6.15, "却": 4.11, "又": 3.74, "很": 4.06, "太": 3.58, "才": 3.01, "更": 4.38,
        "常": 5.53, "远": 6.34, "乎": 5.58, "至": 4.57, "只": 4.38, "将": 3.79, "或": 2.61,
        "与": 2.67, "和": 1.26, "则": 1.98,
        # the copula, modal verbs and a preposition (是不是, 能不能, 要不要, 会不会, 对不同)
        "是": 3.65, "能": 2.61, "要": 2.0, "会": 1.23, "对": 2.48,
        # particles (为什么不, 变得不, 了不起, 的不同)
        "么": 6.09, "得": 6.97, "的": 1.6, "了": 3.37, "着": 3.55, "过": 2.23,
        # opening marks (不 starts a quote or a parenthesis more often: “不微笑”, (不正确))
        "“": 1.78, "(": 2.87, "（": 2.65,
        # more adverbs and ends of conjunctions, determiners and pronouns
        "最": 4.59, "毫": 4.94, "必": 5.18, "全": 3.81, "此": 4.27, "些": 3.69, "何": 3.14,
        "所": 4.19, "然": 4.26, "以": 4.57, "当": 3.17, "种": 4.15, "有": 4.05, "上": 5.83,
        "前": 4.02,
        # clause ends
        "，": 3.66, "。": 4.0, "？": 3.38, "\n": 3.44,
        # closing marks
        ")": -1.08, "]": -1.4, "`": -1.41, "”": -0.65, "》": -1.75,
    }.items()},
    **{ch + "、": _NEEDED_COST for ch in "，：:\n"},
    "是另": 2.47, "能另": 4.83,
    **{ch + "否": cost for ch, cost in {"的": 3.31, "到": 5.87, "在": 5.33, "了": 4.99, "而": 4.49, "从": 4.01, "于": 3.81}.items()},
    **{ch + "即": cost for ch, cost in {"、": 4.12, "和": 3.67, "向": 6.28, "到": 4.36, "在": 3.0, "从": 3.74}.items()},
    "，右": 2.5, "(右": 1.75,
    "将发": 1.92,
}
# 地 (the adverbial particle: 更好地, 清楚地, 有效地) and 到 (to, arrive: 看到, 提到, 遇到) lose a
# byte to the same leftover through Windows-1257 (E5 9C B0 and E5 88 B0, "å�°"), and the
# character before them tells them apart (效地 410 times, 效到 never; 看到 3,266, 看地 3),
# which the character model cannot see across a word boundary.  Cost: the log odds against
# each after the character, against their shares of all 地 and 到, measured on the archive
# files outside the repair benchmark's samples (seeds 0, 1 and 11): every character seen
# before them 20 times or more with odds of at least 1 nat, capped at 6 as 不的 (a count of 0
# taken as half a time).
_AFTER_CHAR.update({ch + "到": cost for ch, cost in {
    "似": 6.0, "功": 6.0, "各": 6.0, "多": 6.0, "好": 6.0, "效": 6.0, "易": 6.0, "松": 6.0, "楚": 6.0,
    "观": 6.0, "误": 5.79, "全": 5.47, "细": 5.45, "他": 5.38, "便": 5.29, "兴": 5.27, "确": 5.27,
    "应": 5.24, "之": 5.16, "基": 5.11, "速": 5.11, "选": 5.08, "些": 5.05, "快": 4.88, "繁": 4.8,
    "靠": 4.8, "信": 4.76, "泛": 4.76, "缝": 4.76, "的": 4.75, "同": 4.72, "晰": 4.68, "当": 4.57,
    "单": 4.46, "然": 4.45, "断": 4.35, "美": 3.95, "式": 3.9, "导": 3.78, "免": 3.62, "征": 3.61,
    "个": 3.42, "何": 3.41, "切": 3.38, "立": 3.37, "心": 3.27, "、": 3.22, "件": 3.2, "力": 3.19,
    "体": 2.96, "和": 2.94, "性": 2.93, "度": 2.91, "活": 2.78, "实": 2.69, "本": 2.69, "代": 2.6,
    "素": 2.6, "率": 2.44, "归": 2.39, "在": 2.32, "态": 2.19, "大": 2.18, "能": 2.13, "统": 2.05,
    "对": 2.03, "步": 2.03, "有": 1.65, "时": 1.53, "要": 1.44, "与": 1.35, "由": 1.35, "义": 1.29,
    "定": 1.15, "一": 1.12, "理": 1.03, "*": 1.02,
}.items()})
_AFTER_CHAR.update({ch + "地": cost for ch, cost in {
    "加": 6.0, "提": 6.0, "遇": 6.0, "看": 5.97, "做": 5.83, "得": 5.55, "找": 5.53, "感": 5.52, "送": 5.44,
    "射": 5.38, "不": 5.33, "署": 5.31, "收": 5.3, "载": 5.23, "虑": 5.18, "察": 5.08, "换": 4.98,
    "谈": 4.94, "达": 4.93, "航": 4.67, "传": 4.65, "回": 4.6, "录": 4.56, "受": 4.47, "直": 4.42,
    "递": 4.36, "说": 4.3, "听": 4.26, "移": 4.23, "合": 4.18, "来": 4.16, "跳": 4.15, "装": 4.05,
    "列": 4.03, "展": 4.02, "存": 3.99, "们": 3.97, "左": 3.89, "贴": 3.87, "触": 3.86, "广": 3.84,
    "捉": 3.84, "转": 3.8, "音": 3.78, "渡": 3.68, "输": 3.64, "升": 3.62, "敛": 3.59, "储": 3.55,
    "降": 3.55, "成": 3.53, "学": 3.48, "植": 3.47, "读": 3.39, "走": 3.3, "高": 3.3, "再": 3.27,
    "放": 3.26, "播": 3.24, "测": 3.19, "及": 3.18, "影": 3.17, "溯": 3.17, "头": 3.14, "猜": 3.14,
    "缩": 3.14, "习": 3.1, "低": 3.06, "包": 3.06, "经": 2.98, "带": 2.96, "置": 2.89, "像": 2.75,
    "识": 2.69, "解": 2.59, ")": 2.58, "配": 2.52, "意": 2.48, "类": 2.47, "并": 2.37, "级": 2.32,
    "小": 2.29, "接": 2.24, "端": 2.24, "布": 2.07, "用": 1.99, "`": 1.91, "出": 1.9, "始": 1.89,
    "上": 1.84, "索": 1.84, "%": 1.79, "码": 1.79, "印": 1.72, "制": 1.63, "集": 1.6, "整": 1.59,
    "将": 1.55, "据": 1.5, "示": 1.49, "动": 1.44, "，": 1.42, "新": 1.28, "语": 1.23, "取": 1.18,
    "想": 1.15, "少": 1.07, "。": 1.06,
}.items()})
# ... and after a two-character conjunction or adverb, in place of the odds after its last
# character (果 also ends 结果, and 结果中 is common; 如果不 140 times, 如果中 3).
_AFTER_WORD = {
    w + "中": cost for w, cost in {
        "如果": 4.14, "虽然": 4.42, "尽管": 3.28, "因为": 3.79, "所以": 4.91, "因此": 3.79, "或者": 3.16,
        "并且": 5.83, "而且": 3.28, "要么": 3.49, "仍然": 4.65, "已经": 3.95, "完全": 5.07, "根本": 5.6,
        "通常": 5.75, "经常": 3.28, "往往": 3.28, "可以": 3.61, "可能": 5.6, "必须": 3.82, "应该": 4.11,
        "如何": 3.39,
    }.items()
}
# A sentence that ends in "？" holds a question word before it 86% of the time, one that
# ends in another mark 2-7% of the time (held-out archive text, as above): the share of
# each mark's sentences that hold one, against 6.8% for all of them.  A lost full-width
# mark is weighed by whether its sentence so far asks (以下是整个过程：, not ？).
_ASKING_SHARE = {"？": 0.8612, "！": 0.0711, "。": 0.0668, "：": 0.0236, "；": 0.0413, "，": 0.0371, "）": 0.0459}
_ASKING_BASE = 0.068
ASKING_MARKS = frozenset(_ASKING_SHARE)
_QUESTION_WORDS = "吗 呢 什么 怎么 怎样 如何 哪 谁 是否 多少 难道 为何 能否 可否 有没有 是不是 会不会 能不能 要不要".split()
_QUESTION_WORD = re.compile("|".join(_QUESTION_WORDS))
# the pairs of characters inside them, by which an undecided character is read as part of one
_QUESTION_PAIRS = frozenset(w[i : i + 2] for w in _QUESTION_WORDS for i in range(len(w) - 1))
_SENTENCE_END = "。！？\n"
# Where a full-width mark ends a line, what the next line (after blank ones) starts with, and
# whether its own line is a list item: "：" ends 39% of the paragraph lines before a code
# fence and 19% of those before a formula, "？" 0.7% and none (以下是整个过程：⏎⏎```), "！" 27% of
# those before a heading; "，" ends few paragraph lines but many list items before another
# (of the lines "，" ends, 74% are list items before another and 8.6% paragraph lines before a
# list; of those "：" ends, 0.2% and 24%: 具体来说：⏎⏎+ 它将…).  Per mark, the share of its line ends in each
# of the 22 contexts (a paragraph line before each of NEXT_LINE_KINDS, then a list item before
# each), against all seven marks' (held-out archive text, quoted lines left out; under
# 0.0005 as 0.0005).  Before the own line was told apart, the list items' "，" made "，" the
# likelier before any list item, and "：" there came back "，".
NEXT_LINE_KINDS = ("code fence", "list item", "indented", "table", "heading", "image", "quote", "Han", "other", "end", "formula")
_NEXT_LINE_SHARE = {
    "？": (0.007, 0.021, 0.0005, 0.0005, 0.0293, 0.0093, 0.0156, 0.5352, 0.1728, 0.002, 0.0005, 0.0005, 0.1744, 0.0005, 0.0005, 0.005, 0.0005, 0.0005, 0.0239, 0.0029, 0.0005, 0.0005),  # 4,432
    "！": (0.0284, 0.0451, 0.0005, 0.0015, 0.2661, 0.0213, 0.0101, 0.3705, 0.1835, 0.0208, 0.0005, 0.001, 0.0228, 0.0005, 0.0005, 0.0035, 0.002, 0.0005, 0.0147, 0.0071, 0.0005, 0.0005),  # 1,973
    "。": (0.0526, 0.0302, 0.0005, 0.0015, 0.1309, 0.0369, 0.0049, 0.4449, 0.1016, 0.003, 0.003, 0.0018, 0.1288, 0.0017, 0.0005, 0.012, 0.0035, 0.0005, 0.0332, 0.0082, 0.0005, 0.0005),  # 70,621
    "：": (0.391, 0.2437, 0.0056, 0.005, 0.0028, 0.0073, 0.0385, 0.0653, 0.0184, 0.0011, 0.1863, 0.0022, 0.0022, 0.0268, 0.0005, 0.0005, 0.0005, 0.0005, 0.0005, 0.0005, 0.0005, 0.0039),  # 1,793
    "；": (0.0122, 0.0365, 0.0005, 0.0005, 0.0005, 0.017, 0.0005, 0.0292, 0.0073, 0.0005, 0.0005, 0.0049, 0.8516, 0.0268, 0.0005, 0.0024, 0.0005, 0.0005, 0.0097, 0.0024, 0.0005, 0.0005),  # 411
    "，": (0.017, 0.0864, 0.0018, 0.0006, 0.0091, 0.0158, 0.0024, 0.0481, 0.0274, 0.0005, 0.0335, 0.0024, 0.736, 0.0043, 0.0005, 0.0006, 0.0018, 0.0006, 0.0097, 0.0018, 0.0005, 0.0006),  # 1,644
    "）": (0.008, 0.0608, 0.0005, 0.0005, 0.1456, 0.0048, 0.0048, 0.44, 0.1808, 0.0144, 0.0096, 0.0005, 0.0832, 0.008, 0.0005, 0.0016, 0.0016, 0.0005, 0.032, 0.0048, 0.0005, 0.0005),  # 625
}  # fmt: skip
_NEXT_LINE_BASE = (
    0.0557, 0.0362, 0.0005, 0.0015, 0.1228, 0.0336, 0.0063, 0.4295, 0.1042, 0.0033, 0.0075,
    0.0017, 0.1415, 0.0024, 0.0005, 0.0108, 0.0031, 0.0005, 0.0309, 0.0075, 0.0005, 0.0005,
)  # fmt: skip  (81,499 line ends)
_LINE_GAP = re.compile(r"\n[ \t]*\n*")
_LIST_ITEM = re.compile(r"(?:\* |- |\+ |\d+\.)")
# ... and next to a space (a no-break space too), on either side: "·" 1 of 2,100 times in
# clean archive text outside the benchmark's sample, a no-break space 56% (they share a
# leftover in GBK: "│\u00a0\u00a0 ├──" lost its second no-break space before the space).
_BESIDE_SPACE = {"·": 7.0}
_SPACES = frozenset(" \u00a0")
# After a no-break space, of the characters U+0080-U+00BF (which share leftovers) only a
# no-break space was seen, 1,154 times ("│\u00a0\u00a0 ├──", the indent of `tree`).
_NBSP_AFTER_NBSP = -5.0


def rule_cost(
    ch: str,
    frame: float,
    nxt: str | None,
    ascii_ctx: int | None = None,
    lm: LanguageModel | None = None,
    prev: str | None = None,
    asks: bool | None = None,
    next_line: int | None = None,
) -> float:
    """Extra cost (nats) of the candidate ``ch`` from the context rules:

    - the 在…中 frame (``frame``: what :func:`frame_cost` gives for 中 there);
    - with ``nxt`` (the next character, "" at the end, None while it is undecided): the
      characters that seldom stand before a Han character, before anything else or before
      one character (不 before 的 or 每), and for a full-width mark what follows it against
      what follows a Han character (:data:`.langmodel.FOLLOW_SHARE`);
    - for a Han character beside an ASCII word, a space between (``ascii_ctx``: what
      :func:`.langmodel.beside_ascii` gives), how often Han characters there are this one
      (:meth:`.LanguageModel.beside_ascii_cost` of ``lm``: between two words 或 often, 我
      never);
    - the characters that seldom stand next to a space, and the no-break space after another;
    - with ``prev`` (the character before, or the two before, if known): the characters
      that seldom follow one character or a two-character function word (中 after a pronoun,
      an adverb or a conjunction: 而不, not 而中, 如果不, not 如果中; 、 after "，"), for a
      full-width mark what precedes it (吗 is followed by "？", 而 by "，"), and for those
      characters the mark that follows them, where it is asked (吗 before "，" is rare);
      these and the marks' following kinds only where ``lm`` lacks the archive's counts
      (:attr:`.LanguageModel.has_archive`), whose pair costs hold the same: counted twice,
      they cost 85 wrong characters of 1,185 on the tuning sample read through
      Windows-1257 with markers, and 64 of 797 read as GBK (no change on the lossy model);
    - with ``asks`` (does the sentence before hold a question word, :func:`asks_question`):
      for a full-width mark, how often the sentences it ends do;
    - with ``next_line`` (where the candidate ends a line, the kind of line that comes next,
      and whether the candidate's own is a list item: :func:`line_end_context`): for a
      full-width mark, how often it ends such lines.

    >>> rule_cost("中", -3.0, "的"), rule_cost("不", 0.0, "。"), round(rule_cost("？", 0.0, ""), 2)
    (-3.0, 3.0, -4.7)
    >>> lm = LanguageModel.default()
    >>> rule_cost("或", 0.0, " ", 5, lm) < rule_cost("我", 0.0, " ", 5, lm)
    True
    >>> rule_cost("？", 0.0, None, asks=True) < rule_cost("：", 0.0, None, asks=True)
    True
    >>> rule_cost("？", 0.0, None, asks=False) > rule_cost("：", 0.0, None, asks=False)
    True
    >>> rule_cost("：", 0.0, "\\n", next_line=0) < rule_cost("！", 0.0, "\\n", next_line=0)
    True
    >>> round(rule_cost("？", 0.0, "", lm=LanguageModel(archive=False)), 2), rule_cost("？", 0.0, "", lm=lm)
    (-4.7, 0.0)
    """
    extra = frame if ch == "中" else 0.0
    if ascii_ctx is not None and lm is not None and is_han(ch):
        extra += lm.beside_ascii_cost(ch, ascii_ctx)
    # (the archive's pair costs already hold what the mark tables say: not counted twice)
    shares = lm is None or not lm.has_archive
    if prev:
        word = _AFTER_WORD.get(prev[-2:] + ch) if len(prev) > 1 else None
        prev = prev[-1]
        if shares:
            extra += _mark_after_cost(prev, ch)
        extra += _AFTER_CHAR.get(prev + ch, 0.0) if word is None else word
    if ch in _BESIDE_SPACE and (nxt in _SPACES or prev in _SPACES):
        extra += _BESIDE_SPACE[ch]
    elif ch == "\u00a0" and prev == "\u00a0":
        extra += _NBSP_AFTER_NBSP
    if nxt is not None:
        extra += _BEFORE_HAN.get(ch, 0.0) if is_han(nxt) else _BEFORE_OTHER.get(ch, 0.0)
        extra += _BEFORE_CHAR.get(ch + nxt, 0.0)
        if shares:
            row = FOLLOW_SHARE.get(ch)
            if row is not None:
                kind = follow_kind(nxt)
                extra -= math.log(row[kind] / FOLLOW_SHARE_HAN[kind])
            else:
                extra += _mark_after_cost(ch, nxt)
    if next_line is not None and ch in _NEXT_LINE_SHARE:
        extra -= math.log(_NEXT_LINE_SHARE[ch][next_line] / _NEXT_LINE_BASE[next_line])
    if asks is not None and ch in _ASKING_SHARE:
        share = _ASKING_SHARE[ch]
        extra -= math.log(share / _ASKING_BASE) if asks else math.log((1 - share) / (1 - _ASKING_BASE))
    return extra


def line_end_context(head: str, text: str, pos: int) -> int:
    """The context of a line end at ``text[pos]`` as the index :data:`_NEXT_LINE_SHARE` reads:
    :func:`next_line_kind`, plus ``len(NEXT_LINE_KINDS)`` where the line, whose text before the
    candidate is ``head``, is a list item.

    >>> line_end_context("具体来说", "\\n\\n+   它将", 0), line_end_context("\\n*   第一", "\\n*   第二", 0)
    (1, 12)
    """
    own = len(NEXT_LINE_KINDS) if _LIST_ITEM.match(head.lstrip()) else 0
    return own + next_line_kind(text, pos)


def _line_end_after(text: str, pos: int) -> int | None:
    """Where the line ends that a mark right before ``text[pos]`` ends, if it does: at the
    line break, past the Markdown emphasis that closes there (``问题？**``), or at the text's
    end (``工作愉快！`` ends many posts).

    >>> _line_end_after("？**\\n\\n说", 1), _line_end_after("！", 1), _line_end_after("，如何", 1)
    (3, 1, None)
    """
    end = pos
    while end < len(text) and text[end] in "*_":
        end += 1
    return end if end == len(text) or text[end] == "\n" else None


def next_line_kind(text: str, pos: int) -> int:
    """What the first line after the line break at ``text[pos]`` (blank lines skipped)
    starts with, as an index of :data:`NEXT_LINE_KINDS`.

    >>> [NEXT_LINE_KINDS[next_line_kind(t, 0)] for t in ["\\n\\n```py", "\\n* 一", "\\n\\n## 二", "\\n然后", "\\n", "\\n$$ x"]]
    ['code fence', 'list item', 'heading', 'Han', 'end', 'formula']
    """
    gap = _LINE_GAP.match(text, pos)
    start = gap.end() if gap is not None else pos
    head = text[start : start + 4]
    if head.startswith("```"):
        return 0
    if _LIST_ITEM.match(head.lstrip()):
        return 1
    if head.startswith(("    ", "\t")):
        return 2
    for k, lead in ((3, "|"), (4, "#"), (5, "!["), (6, ">"), (10, "$")):
        if head.startswith(lead):
            return k
    if not head:
        return 9
    return 7 if "\u4e00" <= head[0] <= "\u9fff" else 8


def asks_question(before: Sequence[str | frozenset[str]]) -> bool:
    """Does the sentence that ends ``before`` hold a question word?  ``before``: a string, or
    a sequence of strings and, for undecided characters, the sets of their candidates (such a
    character counts where one of its candidates makes a question word with a neighbour).

    >>> asks_question("。你知道为什么这样"), asks_question("你知道吗？以下是整个过程")
    (True, False)
    >>> asks_question(["## ", frozenset("什仁"), "么是推荐系统"]), asks_question([frozenset("吗受"), "是"])
    (True, False)
    """
    if not isinstance(before, str):
        before = _question_reading(before)
    start = max(before.rfind(ch) for ch in _SENTENCE_END) + 1
    return _QUESTION_WORD.search(before, start) is not None


def sentence_so_far(
    head: str, parts: Sequence[str], k: int, undecided: Mapping[int, frozenset[str]] | None
) -> list[str | frozenset[str]]:
    """What :func:`asks_question` reads before part ``k``: the parts before it back to the
    one that ends a sentence (or ``head``, the line before them; at most
    :data:`LINE_REACH` parts), an undecided part as the set of its candidates.

    >>> sentence_so_far("前。", ["你", "知", "道。", "为", "", "么"], 6, {4: frozenset("什")})
    ['道。', '为', frozenset({'什'}), '么']
    >>> sentence_so_far("前", ["你", "知"], 2, None)
    ['前', '你', '知']
    """
    items: list[str | frozenset[str]] = []
    stop = max(-1, k - 1 - LINE_REACH)
    for j in range(k - 1, stop, -1):
        if undecided and j in undecided:
            items.append(undecided[j])
            continue
        items.append(parts[j])
        if any(ch in parts[j] for ch in _SENTENCE_END):
            break
    else:
        if stop < 0:
            items.append(head)
    return items[::-1]


def _question_reading(items: Sequence[str | frozenset[str]]) -> str:
    """``items`` as text, each set of candidates read as the one that makes a question word
    with the character beside it, if one does (else as U+FFFC)."""
    out: list[str] = []
    for i, it in enumerate(items):
        if isinstance(it, str):
            out.append(it)
            continue
        prev = out[-1][-1:] if out else ""
        nxt = items[i + 1][:1] if i + 1 < len(items) and isinstance(items[i + 1], str) else ""
        out.append(next((c for c in sorted(it) if prev + c in _QUESTION_PAIRS or c + nxt in _QUESTION_PAIRS), "\ufffc"))
    return "".join(out)


def _mark_after_cost(han: str, mark: str) -> float:
    """Extra cost (nats) of ``mark`` right after ``han`` from :data:`.langmodel.PRECEDE_SHARE`:
    how much less often that mark follows this character than a Han character at large (0
    where the table knows neither; the end of the text is no mark).

    >>> round(_mark_after_cost("吗", "？"), 2), round(_mark_after_cost("吗", "，"), 2), _mark_after_cost("吗", "")
    (-3.82, 2.65, 0.0)
    """
    row = PRECEDE_SHARE.get(han)
    if row is None or len(mark) != 1 or mark not in PRECEDE_MARKS:
        return 0.0
    i = PRECEDE_MARKS.index(mark)
    return -math.log(row[i] / PRECEDE_SHARE_BASE[i])


def frame_cost(
    text_before: str, parts: Sequence[str] = (), k: int = 0, undecided: Mapping[int, frozenset[str]] | None = None
) -> float:
    """Extra cost (nats, negative) of 中 at the end of ``text_before`` and the first ``k``
    ``parts`` after it, from the 在/从 … 中 frame open there (0.0 where none is).  Only the
    characters up to the frame's reach are read, from the end.  ``undecided``: the
    candidates of the parts not decided yet; such a part reads as one character, which
    is no opener, and which may make the localizer before it start a word that closes no
    frame (:data:`_NOT_CLOSING`); one that may be 中 may close the frame itself, which then
    says nothing (``在输出的 OCR 文本中插入不正确的单词``: 中 and 不 lose a byte to the same
    leftover, and with the first 中 undecided, 不 came back 中 closing 在).

    >>> frame_cost("我们在现实世界") < frame_cost("从") < 0.0
    True
    >>> frame_cost("我们在"), frame_cost("在世界中，我们"), frame_cost("由于数据")
    (0.0, 0.0, 0.0)
    >>> frame_cost("我们", ["在", "", "现实"], 3) == frame_cost("我们在现实")
    True
    >>> frame_cost("在[这篇文章](https://example.com/a)的第二部分") == frame_cost("在文章的第二部分")
    True
    >>> frame_cost("在桌子下"), frame_cost("在下面的表格") == frame_cost("在表格")
    (0.0, True)
    >>> frame_cost("", ["在下", "é¢", "的表格"], 3, {1: frozenset("面额")}) == frame_cost("在表格")
    True
    >>> frame_cost("从输入图", ["ä¸", "学习“"], 2, {0: frozenset("中不")}), frame_cost("从输入图", ["é¢", "学习“"], 2, {0: frozenset("面额")}) < 0
    (0.0, True)
    """
    seen = 0
    after: Iterable[str] = ()  # what the character read last may be
    chars = _backwards(text_before, parts, k, undecided)
    for ch in chars:
        if isinstance(ch, frozenset):
            if "中" in ch:
                return 0.0
            after = ch
            seen += 1
            continue
        if ch in _GROUP_OPEN:
            if not _skip_group(chars, ch):
                return 0.0
            after = ()
            seen += 1
            continue
        if ch in _FRAME_CLOSE and any(ch + a in _NOT_CLOSING for a in after):
            after = ch
            seen += 1
            continue
        if ch in _CLAUSE_END or ch in _FRAME_CLOSE or seen >= _FRAME_REACH:
            return 0.0
        if ch in _FRAME_OPEN:
            odds = _FRAME_OPEN[ch] if seen else _FRAME_OPEN_ADJACENT.get(ch, 0.0)
            return -_FRAME_WEIGHT * odds if odds else 0.0
        after = ch
        seen += 1
    return 0.0


def _backwards(text_before: str, parts: Sequence[str], k: int, undecided: Mapping[int, frozenset[str]] | None):
    """The characters of ``text_before`` and the first ``k`` ``parts``, last first; an
    undecided part as the set of its candidates."""
    for j in range(k - 1, -1, -1):
        if undecided and j in undecided:
            yield undecided[j]
        else:
            yield from reversed(parts[j])
    yield from reversed(text_before)


def _skip_group(chars, close: str) -> bool:
    """Read ``chars`` (going back) past the opening bracket that matches ``close``; False
    if there is none within :data:`_GROUP_REACH` characters."""
    opening = _GROUP_OPEN[close]
    depth = 1
    for n, ch in enumerate(chars):
        if n >= _GROUP_REACH:
            return False
        if ch == close:
            depth += 1
        elif ch == opening:
            depth -= 1
            if depth == 0:
                return True
    return False


def _waiting(cand: str, before: str, after: str) -> int:
    """How many partners wait for the bracket or quote ``cand`` on its line (``before`` and
    ``after`` it): for a closing one, the openers before it that neither the line before
    nor the closers after it answer; for an opening one, the same the other way round.
    Zero or less: none.

    A full-width parenthesis is also answered by an ASCII one that nothing else on its side
    answers: of the 36 lines of held-out archive text that leave a （ open, 33 close it with
    ")" (``（图片来源：[Chuang 等人，2020](https://…))``, where GBK's lost ， had come back （).

    >>> _waiting("）", "（a", "b"), _waiting("）", "（a", "b）"), _waiting("（", "a", "b）c")
    (1, 0, 1)
    >>> _waiting("）", "（见[a", "2020](https://x.org))"), _waiting("）", "（见[a", "(2020)")
    (0, 1)
    """
    line_before = before[before.rfind("\n") + 1 :]
    nl = after.find("\n")
    line_after = after if nl < 0 else after[:nl]
    if cand in _CLOSE_OPEN:
        partner = _CLOSE_OPEN[cand]
        near, far = line_before, line_after
    else:
        partner = _OPEN_CLOSE[cand]
        near, far = line_after, line_before
    answers = far.count(cand) - far.count(partner)
    ascii_twin = _ASCII_PARENTHESIS.get(cand)
    if ascii_twin is not None:
        answers += max(0, far.count(ascii_twin) - far.count(_ASCII_PARENTHESIS[partner]))
    return near.count(partner) - near.count(cand) - max(0, answers)


_ASCII_PARENTHESIS = {"（": "(", "）": ")"}


def _apostrophe(cand: str, before: str, after: str) -> bool:
    """Is ``cand`` a right single quote right after an ASCII word: an apostrophe or a prime,
    no closing quote (don’t, \\mathbf{x}’; 768 of 844 such ’ in clean archive text had no ‘
    waiting on their line)?  Not where it ends the word while a “ waits on the line: there a
    word and ” were seen 1,617 times in held-out archive text, a word and ’ once (`‘7’`), and
    GBK's ``“great鈥�`` had come back ``“great’`` once the archive's counts, which have ’ before
    a comma likelier than ”, were in the model.

    >>> _apostrophe("’", "they", "re"), _apostrophe("’", "“great", ", aren’t"), _apostrophe("’", "users", ", and")
    (True, False, True)
    >>> _apostrophe("’", "“an earlier line\\nthe users", ", and")  # (the “ waits on another line)
    True
    """
    if cand != "’" or not (before[-1:].isascii() and (before[-1:].isalnum() or before[-1:] in "}$)")):
        return False
    line_before = before[before.rfind("\n") + 1 :]
    return after[:1].isalpha() or line_before.count("“") <= line_before.count("”")


def bracket_costs(
    cands: Sequence[str],
    before: str,
    after: str,
    maybe_before: Sequence[str] = (),
    maybe_after: Sequence[str] = (),
    rival: Callable[[str], bool] | None = None,
) -> list[float]:
    """Extra cost of each candidate from the brackets and quotes of its line (``before`` and
    ``after`` it; ``maybe_before`` and ``maybe_after``: the characters that the undecided
    characters on either side could be, one per undecided character and candidate):

    - a bracket with no partner waiting for it (:func:`_waiting`), not even one an undecided
      character could be, costs what it costs in :data:`_UNPAIRED_COST`, else :data:`_PAIR_COST`;
    - where a partner waits for one candidate, the candidates that are no bracket cost
      :data:`_NEEDED_COST`, unless ``rival(bracket)`` says another undecided character
      between this one and the partner could be that bracket.

    >>> bracket_costs(["“", "”", "—"], "他说：“你好！", "")
    [3.93, 0.0, 15.0]
    >>> bracket_costs(["，", "）"], "（[吴等", "2018](…)）的方法")  # the ） after answers the （
    [0.0, 6.1]
    >>> bracket_costs(["“", "…"], "有", "*排队*", maybe_after=["”"])  # its partner may be undecided
    [0.0, 0.0]
    >>> bracket_costs(["，", "）"], "（[吴等", "2018](…)", rival=lambda b: True)  # ... or answer
    [0.0, 0.0]
    """
    if _PAIRED.isdisjoint(cands):
        return [0.0] * len(cands)
    costs: list[float] = []
    needed = False
    for ch in cands:
        if ch not in _PAIRED or _apostrophe(ch, before, after):
            costs.append(0.0)
            continue
        waiting = _waiting(ch, before, after)
        partner = _CLOSE_OPEN[ch] if ch in _CLOSE_OPEN else _OPEN_CLOSE[ch]
        maybe_partner = (maybe_before if ch in _CLOSE_OPEN else maybe_after).count(partner)
        costs.append(_UNPAIRED_COST.get(ch, _PAIR_COST) if waiting + maybe_partner <= 0 else 0.0)
        if waiting > 0 and not (rival is not None and rival(ch)):
            needed = True
    if needed:
        costs = [c if ch in _PAIRED else _NEEDED_COST for ch, c in zip(cands, costs)]
    return costs


# Stands for "some Han character" where a rule asks what follows an undecided slot whose
# candidates are all Han (a rare one, which no rule names).
_ANY_HAN = "\u9fa5"
# ... unless one candidate is this many times as common as all the others together
# (需 among 霪 霫 霬: 可需 never occurs, 只需 1,494 times), which then stands for it.
_DOMINANT = 20.0


@lru_cache(maxsize=65536)
def stand_in(candidates: frozenset[str]) -> str | None:
    """What an undecided character whose candidates are ``candidates`` stands as for a rule
    that asks what follows: the candidate far commoner than the others (:data:`_DOMINANT`,
    by the bundled unigram costs), else :data:`_ANY_HAN` where every candidate is Han, else
    None.

    >>> stand_in(frozenset("需霪霫霬")), stand_in(frozenset("中不丁")) == _ANY_HAN, stand_in(frozenset("，A"))
    ('需', True, None)
    """
    names = sorted(candidates)
    if not names or not all(is_han(ch) for ch in names):
        return None
    uni = LanguageModel.default().unigram_cost
    p = [math.exp(-uni(ch)) for ch in names]
    best = max(range(len(p)), key=p.__getitem__)
    return names[best] if p[best] >= _DOMINANT * (sum(p) - p[best]) else _ANY_HAN


_RULE_CHARS = (
    frozenset(_BEFORE_HAN) | frozenset(_BEFORE_OTHER) | frozenset(FOLLOW_SHARE)
    | frozenset(k[0] for k in _BEFORE_CHAR) | frozenset(k[-1] for k in _AFTER_CHAR)
)
# The characters :func:`rule_cost` may give a cost where no ASCII word is beside them.
RULED = _RULE_CHARS | frozenset(_BESIDE_SPACE) | frozenset(PRECEDE_MARKS) | frozenset(PRECEDE_SHARE) | {"中", "\u00a0"}


def line_start(text: str, pos: int) -> int:
    """Where the line of ``text[pos]`` starts, or :data:`LINE_REACH` characters
    before ``pos`` if that is later.

    >>> line_start("ab\\ncd", 4), line_start("x" * 5000, 4500)
    (3, 2500)
    """
    reach = max(0, pos - LINE_REACH)
    return max(reach, text.rfind("\n", reach, pos) + 1)


def line_end(text: str, pos: int) -> int:
    """Where the line of ``text[pos]`` ends (its line break), or :data:`LINE_REACH`
    characters after ``pos`` if that is sooner.

    >>> line_end("ab\\ncd", 0), line_end("x" * 5000, 100)
    (2, 2100)
    """
    reach = min(len(text), pos + LINE_REACH)
    end = text.find("\n", pos, reach)
    return reach if end < 0 else end


# What an undecided part reads as to the rules that read characters: no bracket, no word,
# no character a rule knows.
UNDECIDED = "\ufffc"


class LineView:
    """A damaged stretch on its line, as the context rules read it.

    - ``parts``: the stretch, one string per position (an undamaged or decided character,
      or longer decoded text); an undecided position holds a character no rule knows
      (:data:`UNDECIDED`, or U+FFFD);
    - ``undecided``: the candidates of each undecided position (:meth:`decide` takes one
      out once it is chosen);
    - ``head``: the line before the stretch, ``tail``: the line after it with its line
      break, each as far as :func:`line_start` and :func:`line_end` reach;
    - ``text``, ``end``: the whole text, and where the stretch ends in it (what the next
      line starts with is read there);
    - ``tail_brackets``: the brackets and quotes that characters of ``tail`` not decoded
      yet may be (one per character and candidate).

    The caller keeps ``parts`` and fills in what it decides; :func:`weigh` reads it as it
    is then.
    """

    __slots__ = ("text", "head", "parts", "tail", "end", "undecided", "tail_brackets", "_bracket_at")

    def __init__(
        self,
        text: str,
        head: str,
        parts: list[str],
        tail: str,
        end: int,
        undecided: dict[int, frozenset[str]],
        tail_brackets: Sequence[str] = (),
    ) -> None:
        self.text, self.head, self.parts, self.tail, self.end = text, head, parts, tail, end
        self.undecided = undecided
        self.tail_brackets = tail_brackets
        # per bracket, the undecided positions that may be it, in order
        self._bracket_at: dict[str, list[int]] = {}
        for j in sorted(undecided):
            for b in sorted(undecided[j] & _PAIRED):
                self._bracket_at.setdefault(b, []).append(j)

    def decide(self, k: int) -> None:
        """Part ``k`` holds its chosen character now: it counts as what it is."""
        cands = self.undecided.pop(k, None)
        if cands and self._bracket_at:
            for b in cands & _PAIRED:
                at = self._bracket_at.get(b)
                if at is not None:
                    at.remove(k)

    def before(self, k: int) -> str:
        return self.head + "".join(self.parts[max(0, k - LINE_REACH) : k])

    def after(self, k: int) -> str:
        return "".join(self.parts[k + 1 : k + 1 + LINE_REACH]) + self.tail

    def _maybe(self, lo: int, hi: int) -> list[str]:
        """The brackets the undecided parts ``lo`` to ``hi`` (inclusive) may be, one per part."""
        return [
            b for b, at in sorted(self._bracket_at.items())
            for _ in range(bisect.bisect_right(at, hi) - bisect.bisect_left(at, lo))
        ]

    def maybe_before(self, k: int) -> list[str]:
        return self._maybe(k - LINE_REACH, k - 1)

    def maybe_after(self, k: int) -> list[str]:
        return self._maybe(k + 1, k + LINE_REACH) + list(self.tail_brackets)

    def rival(self, cand: str, k: int) -> bool:
        """Could another undecided part between part ``k`` and the partner waiting for
        ``cand`` be that bracket instead?"""
        others = [j for j in self._bracket_at.get(cand, ()) if j != k]
        if not others:
            return False
        parts = self.parts
        if cand in _OPEN_CLOSE:
            partner = _OPEN_CLOSE[cand]
            last = min(len(parts), k + 1 + LINE_REACH)
            end = next((j for j in range(k + 1, last) if partner in parts[j]), last)
            return any(k < j < end for j in others)
        partner = _CLOSE_OPEN[cand]
        first = max(-1, k - 1 - LINE_REACH)
        begin = next((j for j in range(k - 1, first, -1) if partner in parts[j]), first)
        return any(begin < j < k for j in others)

    def neighbours(self, k: int) -> tuple[str, str]:
        """The (at least) two characters before part ``k`` and after it."""
        parts = self.parts
        before = parts[k - 1] if k else ""
        if len(before) < 2:
            before = (parts[k - 2] if k > 1 else self.head[-2:]) + before
        after = parts[k + 1] if k + 1 < len(parts) else ""
        if len(after) < 2:
            after += parts[k + 2] if k + 2 < len(parts) else self.tail[:2]
        return before, after

    def chars_before(self, k: int) -> str:
        """The (up to) two characters before part ``k``, an undecided one as what
        :func:`stand_in` makes of its candidates (好 among 偽 僽 刽 ..., which lose a byte to
        the same leftover: 好到 is as rare as 好地 is common)."""
        out = ""
        j = k - 1
        while len(out) < 2 and j >= 0:
            part = self.parts[j]
            cands = self.undecided.get(j)
            if cands is not None:
                part = stand_in(cands) or part
            out = part + out
            j -= 1
        if len(out) < 2:
            out = self.head[-2:] + out
        return out[-2:]

    def next_char(self, k: int) -> str | None:
        """The character after part ``k``; for an undecided one, what :func:`stand_in` makes
        of its candidates (the rules ask what kind of character follows: 吗 before 块 or 字
        is as unlikely as before any Han)."""
        if k + 1 < len(self.parts):
            following = self.undecided.get(k + 1)
            return self.parts[k + 1][:1] if following is None else stand_in(following)
        return self.tail[:1]


def weigh(
    line: LineView, k: int, plain: Sequence[tuple[str, float]], lm: LanguageModel | None, names: frozenset[str] | None = None
) -> list[tuple[str, float]]:
    """The candidates of part ``k`` of ``line`` with their costs (``plain``), each plus the
    extra cost its line gives it: its brackets and quotes (:func:`bracket_costs`), and the
    rules of :func:`rule_cost` (an open 在…中 frame, the characters beside it, for a
    full-width mark whether its sentence asks and what the next line starts with).
    ``names``: the candidates as a set, where the caller holds it (most candidates meet no
    rule, and are told so without being listed one by one).

    >>> line = LineView("他说：“你好！" + UNDECIDED, "他说：“你好！", [UNDECIDED], "", 8, {0: frozenset("”—")})
    >>> costs = dict(weigh(line, 0, [("”", 1.0), ("—", 1.0)], None))
    >>> costs["—"] - costs["”"] > _NEEDED_COST  # “ waits for its partner
    True
    """
    before2, after2 = line.neighbours(k)
    ascii_ctx = beside_ascii(before2, after2)
    if names is None:
        names = frozenset(ch for ch, _ in plain)
    paired = not _PAIRED.isdisjoint(names)
    if ascii_ctx is None and not paired and RULED.isdisjoint(names):
        return list(plain)
    cands = [ch for ch, _ in plain]
    before = line.before(k) if paired or "、" in names else ""
    if paired:
        pairing = bracket_costs(
            cands,
            before,
            line.after(k),
            line.maybe_before(k),
            line.maybe_after(k),
            lambda b: line.rival(b, k),
        )
    else:
        pairing = [0.0] * len(cands)
    frame = frame_cost(line.head, line.parts, k, line.undecided) if "中" in cands else 0.0
    nxt = line.next_char(k)
    asks = next_line = None
    if not ASKING_MARKS.isdisjoint(cands):
        asks = asks_question(sentence_so_far(line.head, line.parts, k, line.undecided))
        if k + 1 == len(line.parts):
            at = _line_end_after(line.text, line.end)
            if at is not None:
                next_line = line_end_context(line.head, line.text, at)
    prev = line.chars_before(k)
    if "、" in names and _MARKDOWN_OPENING.fullmatch(before.rpartition("\n")[2]):
        # (a line's Markdown opening is as its start, where 、 never stands: see _AFTER_CHAR)
        pairing = [p + (_NEEDED_COST if ch == "、" else 0.0) for ch, p in zip(cands, pairing)]
    return [
        (ch, c + p + (rule_cost(ch, frame, nxt, ascii_ctx, lm, prev, asks, next_line) if ascii_ctx is not None or ch in RULED else 0.0))
        for (ch, c), p in zip(plain, pairing)
    ]
