"""End-to-end tests of digestparse.repair: seeds, clean text, codecs, twin, report."""

from __future__ import annotations

import difflib
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  (sloppy-* codecs used to make damage)
import pytest

from digestparse.repair import LanguageModel, RepairReport, RepairResult, repair
from digestparse.repair.wordmodel import GENERAL_WORDS, WordModel, table_word_costs

REPO = Path(__file__).resolve().parent.parent
SEED_DIRS = [REPO / "fixtures" / "seeds", REPO.parent / "shared" / "seeds"]
DROPPED = bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D, 0xAD])


def _seed(prefix: str) -> str:
    for d in SEED_DIRS:
        hits = sorted(d.glob(prefix + "_*.txt")) if d.is_dir() else []
        if hits:
            return hits[0].read_text(encoding="utf-8")
    pytest.skip("seed files not found")


def lossy_1252(text: str) -> str:
    return text.encode("utf-8").translate(None, DROPPED).decode("cp1252")


CLEAN_SAMPLES = [
    "上周，我很高兴参加了学习表征国际会议（ICLR）：这是一个活动！",
    "“引号”和‘单引号’，还有《书名》【注】「直角」、顿号。",
    "Emoji 🙂👍🏽 and café naïve über façade Ångström — “quoted” – dash…",
    "Math: η λ ϕ κ¯ ∈ ℝ, x² ≤ 10⁻³, α→β, ∑ᵢ wᵢ × 2 ÷ 3 ± 0.5°",
    "Русский текст и ελληνικά γράμματα, Łódź, Dvořák, Škoda.",
    "ICLR 2020 大会最佳深度学习论文\n\n> 原文：<https://example.org/a?b=c>\n\n* * *\n",
    "",
    "plain ascii only\n",
]


@pytest.mark.parametrize("text", CLEAN_SAMPLES)
def test_clean_text_unchanged(text):
    r = repair(text)
    assert isinstance(r, RepairResult)
    assert r.text == text
    assert r.text.encode("utf-8") == text.encode("utf-8")
    assert r.report.damaged is False
    assert r.report.spans == [] and r.report.changed_chars == 0


def test_clean_seeds_unchanged():
    for prefix in ("000", "001", "003", "004"):
        text = _seed(prefix)
        r = repair(text)
        assert r.text == text, prefix
        assert not r.report.damaged


def test_seed_002_with_twin_is_exactly_000():
    clean, damaged = _seed("000"), _seed("002")
    r = repair(damaged, twin=clean, twin_path="000_e0b0f9869ef2ad94.txt")
    assert r.text == clean
    assert r.report.damaged
    assert r.report.twin == "000_e0b0f9869ef2ad94.txt"
    assert r.report.codec_chain == ["utf-8", "windows-1252"]
    # every damaged line is what a line of 000 became: it is taken whole (a model's reading of it
    # could be wrong, the twin's cannot)
    assert {s.method for s in r.report.spans} == {"twin-line"}
    assert r.report.notes[-1].startswith("twin: 107 damaged lines taken whole, each what a line of the twin became; ")


def test_seed_002_with_its_quotes_straightened_is_exactly_000_beside_it():
    # ftfy's uncurl_quotes over seed 002 (one of its default fixes): its quotes are no markers of
    # their own there, since 002 also lost bytes, but a line of 000 read so is the damaged line
    # (30 of 30 archive posts were inexact beside their twins, 15,805 wrong characters)
    clean, damaged = _seed("000"), ftfy.fixes.uncurl_quotes(_seed("002"))
    assert damaged.count('"') > _seed("002").count('"') + 100
    r = repair(damaged, twin=clean)
    assert r.text == clean
    assert r.report.notes[-1].startswith("twin: 107 damaged lines taken whole")


def test_seed_002_with_its_no_break_spaces_made_spaces_is_exactly_000_beside_it():
    # a strict reader's damage, then a cleaner that made the no-break spaces spaces: a line of 000
    # read so is the damaged line (30 of 30 archive posts were inexact beside their twins)
    clean, damaged = _seed("000"), _seed("002").replace("\xa0", " ")
    assert "\xa0" in _seed("002") and "\xa0" not in damaged
    r = repair(damaged, twin=clean)
    assert r.text == clean
    assert r.report.notes[-1].startswith("twin: 107 damaged lines taken whole")


def test_twin_on_one_long_line_is_aligned_sentence_by_sentence(monkeypatch):
    # a copy with no line breaks is one line: its characters used to be aligned with the
    # twin's all at once, which takes time with the product of the lengths (minutes here)
    import sys

    twin_module = sys.modules["digestparse.repair.twin"]
    clean = " ".join([_seed("000").replace("\n", " ")] * 3)
    assert len(clean) > 2 * twin_module.CHAR_ALIGN_LIMIT
    aligned: list[int] = []
    matcher = twin_module.SequenceMatcher

    def watched(junk, a, b, autojunk=True):
        aligned.append(max(len(a), len(b)))
        return matcher(junk, a, b, autojunk=autojunk)

    monkeypatch.setattr(twin_module, "SequenceMatcher", watched)
    # (a twin of another length: one that is longer by a sentence at the end)
    r = repair(lossy_1252(clean), twin=clean + " 全文完。")
    assert r.text == clean
    assert aligned and max(aligned) <= twin_module.CHAR_ALIGN_LIMIT


def test_seed_002_without_twin_is_999_permille_right():
    clean, damaged = _seed("000"), _seed("002")
    r = repair(damaged)
    sm = difflib.SequenceMatcher(None, clean, r.text, autojunk=False)
    right = sum(b.size for b in sm.get_matching_blocks())
    assert right / len(clean) >= 0.999
    assert len(r.text) == len(clean)
    rep = r.report
    assert rep.damaged and rep.codec_chain == ["utf-8", "windows-1252"]
    # every dropped byte of seed 000 is put back
    assert rep.restored_bytes == sum(clean.encode("utf-8").count(bytes([b])) for b in DROPPED)
    rec = [s for s in rep.spans if s.method == "byte-recovery"]
    assert rec and all(0.0 < s.confidence <= 1.0 for s in rec)
    assert all(s.repaired in s.alternatives for s in rec)
    assert rep.unresolved_chars == len(rep.unresolved)
    for s in rep.spans:  # offsets are consistent in both texts
        assert damaged[s.start : s.end] == s.original
        assert r.text[s.out_start : s.out_end] == s.repaired
    assert rep.changed_chars == sum(len(s.repaired) for s in rep.spans)


def test_batch_model_statistics_are_used():
    # A batch that holds clean text of the same wording must steer recovery to it.
    # (seed 002 comes back exactly from the word list alone: seed 004 does not)
    clean = _seed("004")
    damaged = lossy_1252(clean)
    lm = LanguageModel.from_texts([clean, _seed("000")], archive=False)
    plain = repair(damaged, model=LanguageModel(archive=False)).text
    batch = repair(damaged, model=lm).text
    err = lambda t: sum(a != b for a, b in zip(t, clean))
    assert len(plain) == len(batch) == len(clean)
    assert err(batch) < err(plain)
    assert err(batch) <= 2
    # update() adds statistics the same way
    lm2 = LanguageModel(archive=False).update(clean).update(_seed("000"))
    assert repair(damaged, model=lm2).text == batch
    # a batch over the archive's counts
    assert repair(damaged, model=LanguageModel.from_texts([clean, _seed("000")])).text == clean


def test_report_is_built_when_first_read():
    import pickle

    damaged = lossy_1252("我们在现实世界中测试模型。你不需要更多数据。")
    r = repair(damaged)
    assert "_PendingReport" in type(r._report).__name__  # nothing built yet
    report = r.report
    assert report is r.report and r._report is report
    assert report.damaged and report.restored_bytes > 0
    assert [s.original for s in report.spans] == [damaged[s.start : s.end] for s in report.spans]
    assert "".join(r.text[s.out_start : s.out_end] for s in report.spans) == "".join(s.repaired for s in report.spans)
    # a result travels (to a worker process and back) with or without its report built
    fresh = repair(damaged)
    assert pickle.loads(pickle.dumps(fresh)) == r == pickle.loads(pickle.dumps(r))


def test_a_bug_never_costs_the_text(monkeypatch):
    import importlib

    stage = importlib.import_module("digestparse.repair")  # the package (repair is its function)
    damaged = lossy_1252("我们在现实世界中测试模型。")

    def broken(*_args):
        raise RuntimeError("bug")

    monkeypatch.setattr(stage, "_spans", broken)
    r = repair(damaged)
    assert r.text == "我们在现实世界中测试模型。"
    assert r.report.damaged and r.report.notes == ["report failed (RuntimeError: bug)"]
    monkeypatch.setattr(stage, "_repair", broken)
    r = repair(damaged)
    assert r.text == damaged and not r.report.damaged
    assert r.report.notes == ["repair failed (RuntimeError: bug); text left unchanged"]


def test_seed_002_without_twin_errors_are_few(monkeypatch):
    # seed 002 alone comes back exactly; with the word-list tables alone (no archive counts)
    # within a wrong character, and with the archive's terms it reads 半监督 (not in the general
    # word list), which had been read 及监督 twice
    clean, damaged = _seed("000"), _seed("002")
    assert repair(damaged).text == clean
    monkeypatch.setattr(LanguageModel, "_default", LanguageModel(archive=False))
    text = repair(damaged).text
    assert len(text) == len(clean) and sum(a != b for a, b in zip(text, clean)) <= 1
    assert text.count("半监督") == clean.count("半监督") == 2


@pytest.mark.parametrize(
    "text, general_reading",
    [
        ("我们用反向传播训练网络。", "我们用偏向传播训练网络。"),
        ("每个字段都填充为空值。", "每个南段都填充为空值。"),
        ("这是一个假阳性的例子。", "这是一个均阳性的例子。"),
    ],
)
def test_archive_terms_beat_common_look_alikes(text, general_reading, monkeypatch):
    # terms of the archive's writing that the general word list lacks (zh_terms.tsv.gz); with
    # the general list alone, a common look-alike that lost the same bytes won
    # (the archive's character counts know these words too: the word-list tables here)
    monkeypatch.setattr(LanguageModel, "_default", LanguageModel(archive=False))
    assert repair(lossy_1252(text)).text == text
    monkeypatch.setattr(WordModel, "_default", WordModel(table_word_costs(GENERAL_WORDS)))
    assert repair(lossy_1252(text)).text == general_reading


@pytest.mark.parametrize(
    "text",
    [
        "*(****【LSTM】*",  # an opening bracket whose partner waits on the line beats 、
        # ... and an unpaired one beats it at a line's start, after its Markdown opening too
        "阅读！\n\n*   【2021 年 7 月更新：增加了一节",
        "## [**【多任务学习**](#TOC)",
        "阈值，\n\n***【TPR = TP/(TP + FN)**",
        "*   苹果、香蕉和橘子",
        "我们在现实世界中测试模型。",  # 在 ... 中: inside the frame 中 beats 不
        "输入向量",  # words: 向量 beats 发量 (both characters lost a byte)
        # ... and 表示 is a word of the window though 来 after it lost a byte too (the
        # window used to stop before 示, and 发/量表 beat 向量/表)
        "分类器根据它们的向量表示来区分上下文",
        # after an ASCII word and a space 中 is eight times commoner than 不
        "CSV 中每一行是一个样本。",
        # 不 (an adverb) hardly ever stands before 的: both used to be read 不的
        "这意味着一种语言中的所有特性都可以使用。",
        "检测风险模型输出中的异常。",
        "从数据中获得最大收益。",  # 从 ... 中 too
        # right after 在 the frame is not open yet: 在不 is 11x commoner than 在中
        "这允许我们在不改变代码的情况下运行。",
        "算法可以在不确定的环境中学习。",
        "你可以从中获得宝贵的经验。",  # but 从中 is twice as common as 从不
        # 于 opens no frame: after 由于 or 对于 中 is no likelier than anywhere (both used
        # to be read 中)
        "由于数据不完整，结果不可靠。",
        "对于这个模型不需要调整。",
        # ... and 在 opens one that outweighs the words of 不 (不可能, 不定, 不用)
        "但在这个识别过程中可能会意识到这些。",
        "在模型生命周期中定义明确角色。",
        "并在行业中用于实验。",
        # 中 hardly follows a pronoun, an adverb or a conjunction, 不 often does (all used
        # to be read 中: the 从 frame, 中小, 中从 outweighed them) ...
        "然而，从零开始实施并不总是容易的。",
        "如果你不小心，没有采取适当的措施。",
        "相互比较分数，而不考虑参数所在的网络部分。",
        "为什么不从今天开始学习？",
        "我们不希望另一个线程窃取我的工作。",
        "它不遵循当前策略。",
        # ... nor a two-character conjunction whose last character ends nouns too (结果中),
        # nor an opening quote or parenthesis
        "如果不使用它，就不能对它排序。",
        "结果是 1.06%(不正确，但仍合理)。",
        # ... nor the copula, a modal verb or a particle
        "持续存在的问题是不可能的。",
        "检查这些部分工作正常或不正常。",
        "我早些时候描述的不一致之处。",
        "忘记合并它，数据将不兼容。",
        "它们中的一些很有用。",  # ... but "among them" follows a plural pronoun
        # ... nor a degree adverb, a determiner or a clause's start (all used to be read 中)
        "我最不希望的事情就是让你失望。",
        "看到一些不正确的信息？",
        "我们将以编程方式构建应用程序，不使用故事板。",
        # 不 hardly stands before a determiner or an adverb of degree, 中 hardly before
        # the adverbs and modal verbs that 不 negates (all used to be read the other way)
        "所以最终两种语言中最好的想法都会进入。",
        "如果执行中没有冲突，这样的顺序就可以。",
        "这一步不总是必要的。",
        "高度非线性的模型不那么容易受到攻击。",
        "工程技能中的缺口不需要被填补。",
        # the 在 … 中 frame reads past a link's text and address, or a parenthetical ...
        "你可以在[这篇文章](https://example.com/post/)中了解更多信息。",
        "你可以在[这篇文章](https://example.com/post/)的第二部分中找到答案。",
        "在图像(左)中可以看到边缘。",
        # ... and past a localizer that starts a word (下面, 接下来), though the 面 or 来
        # after it lost a byte too (all used to be read 不)
        "只需在下面的表格中输入您的电子邮件地址。",
        "在接下来的两个月中开始骚扰他们。",
        "在上面的例子中移动小步长。",
        # ... and after a closing quote 中 is the likelier anyway (all used to be read 不)
        "详见《深度学习》中提到的方法。",
        # 另 and 否 share a leftover: 否 hardly stands before 一, 是否 is common, 是另 is
        # not (all used to be read the other way)
        "这是另一个异步函数。",
        "谱嵌入是另一种非线性降维技术。",
        "无论是否有来自 NLI 的监督。",
        # ... and so do 向/发 (the preposition before a pronoun) and 右/即 (after 、, before 和)
        "会向他推荐另一部恐怖电影。",
        "通过具有左、上、右和下属性的对象。",
        # 、 never follows a comma, a colon or a line start; an unpaired 【 does
        "暗网的官方实现可在:【https://pjreddie.com/darknet/；我们会下载",
        "但是让我告诉你，【Kickstarter 活动几乎从未启动过。",
        "你好吗？我很好。",
        # kana that lost a byte (の E3 81 AE) beat the squared forms of the same leftover (㍮)
        "列に入れよ、我らの味方に。",
        # footnote marks and subscripts beat ornaments (⁵ not ❵), VS16 the vertical comma
        "从 BART⁵ 开始，Atari⁷ 基准和 x₁ 的值。喜欢 ❤️",
    ],
)
def test_lossy_choices_from_words_and_context(text):
    assert repair(lossy_1252(text)).text == text


@pytest.mark.parametrize(
    "text",
    [
        # a character is weighed by the mark after it as the mark is by the character
        # before it: 吗 is followed by "？" 96% of the time, 南 hardly ever
        "你能把它部署到生产环境中吗？我认为可以。",
    ],
)
def test_lost_han_chosen_by_what_follows_it(text):
    assert repair(lossy_1252(text)).text == text


@pytest.mark.parametrize(
    "text, archive_reading",
    [
        # after an opening quote 不 is commoner than 中 (the rule of test_lossy_choices_from_words_and_context) ...
        ("学习“微笑”或“不微笑”的模式。", "学习“微笑”或“中微笑”的模式。"),
        # 吗 never stands before a Han character, and the next character (经, short of a byte
        # too) is one whichever candidate it turns out to be
        ("这些技术存在于一个受经济规律支配的世界。", "这些技术存在于一个字经济规律支配的世界。"),
    ],
)
def test_rules_that_the_archive_counts_outweigh(text, archive_reading, monkeypatch):
    # ... but the archive's counts know 中微 (中微调) and not 不微, and 一个字 five times as often
    # as 一个受: these sentences read right with the word list's tables and the rules alone
    # (as before the archive's counts; see docs/repair.md), and otherwise with them
    assert repair(lossy_1252(text)).text == archive_reading
    monkeypatch.setattr(LanguageModel, "_default", LanguageModel(archive=False))
    assert repair(lossy_1252(text)).text == text


def test_lost_mark_chosen_by_what_precedes_it():
    # Windows-1257 leaves ， (EF BC 8C) and ？ (EF BC 9F) the same leftover; 吗 is followed
    # by ？ 96% of the time
    text = "你知道吗？我们在这里。"
    assert repair(text.encode("utf-8").decode("cp1257", "ignore")).text == text


@pytest.mark.parametrize("text", ["其实很简单：\n速度", "其实很简单，对吧"])
def test_line_break_is_context(text):
    # Windows-1257 leaves 0x8C and 0x9A undefined, so ， (EF BC 8C) and ： (EF BC 9A) both
    # come back as EF BC; the batch knows ： ends lines and ， does not
    batch = LanguageModel.from_texts(
        ["这很简单：\n\n1. 下载\n", "这很简单，对吧？\n", "步骤如下：\n\n- 快\n", "看看吧，然后运行，再看看，然后写，最后读，完成。\n"]
    )
    damaged = text.encode("utf-8").decode("cp1257", "ignore")
    assert repair(damaged, model=batch).text == text


def test_batch_trigrams_decide_close_calls():
    # seed 003 damaged, with the other Chinese seeds and a text in which 言不 and 不更 are
    # common as the batch: its bigrams pick 不 in "学习语言不更深层次" (no 在…中 frame
    # is open there); its trigram 语言中, seen once, puts 中 back
    clean = _seed("003")
    batch = [_seed("000"), _seed("004"), "好的语言中更有用。这言不真。那言不对。这言不美。这不更好。那不更快。也不更多。"]
    # (counted without the archive's counts, which read this sentence right by themselves)
    lm = LanguageModel.from_texts(batch, archive=False)
    bigrams_only = LanguageModel.from_texts(batch, archive=False)
    bigrams_only.tri.clear()
    assert lm.has_trigrams and not bigrams_only.has_trigrams
    with_trigrams = repair(lossy_1252(clean), model=lm).text
    without = repair(lossy_1252(clean), model=bigrams_only).text
    assert "学习语言中更深层次" in with_trigrams
    assert "学习语言中更深层次" not in without
    err = lambda t: sum(a != b for a, b in zip(t, clean))
    assert len(with_trigrams) == len(clean) and err(with_trigrams) < err(without)


def test_batch_model_combines_with_shipped_tables():
    # "拭子" (a swab) is in none of the shipped word lists (read "拍子", a racket); a batch
    # that uses it teaches it
    text = "这些拭子样本需要被检测。"
    assert repair(lossy_1252(text)).text == "这些拍子样本需要被检测。"
    lm = LanguageModel.from_texts(["医生取一个拭子，在喉咙里取样。拭子样本送去检测。"])
    assert lm.has_batch and not LanguageModel.default().has_batch
    assert repair(lossy_1252(text), model=lm).text == text


def test_undamaged_part_of_a_document_teaches_its_damaged_part():
    # a half-damaged file: its clean paragraph uses "拭子", which the shipped tables miss
    text = "这些拭子样本需要被检测。"
    clean = "医生取一个拭子，在喉咙里取样，拭子样本送去检测。" * 16
    result = repair(clean + "\n\n" + lossy_1252(text))
    assert result.text == clean + "\n\n" + text
    assert f"language model: the undamaged text of this document ({len(clean) + 2} characters)" in result.report.notes
    # with too little clean Chinese the layer is not built, and the bundled tables decide
    short = repair(clean[:100] + "\n\n" + lossy_1252(text))
    assert short.text != clean[:100] + "\n\n" + text
    assert not any("this document" in note for note in short.report.notes)


TEXT = "中文：上周，我很高兴参加了会议、讨论！“引号” café über 🙂 — done.\n第二段。"


@pytest.mark.parametrize(
    "codec,chain",
    [
        ("sloppy-windows-1252", "windows-1252"),
        ("latin-1", "latin-1"),
        ("sloppy-windows-1250", "windows-1250"),
        ("sloppy-windows-1251", "windows-1251"),
        ("sloppy-windows-1257", "windows-1257"),
        ("mac_roman", "mac-roman"),
        # ISO-8859-2: Windows-1250's letters, C1 controls for 80-9F (the default of Central
        # European Unix systems); ISO-8859-15: Latin-1 with €, Š, š, Ž, ž, Œ, œ, Ÿ
        ("iso8859_2", "iso-8859-2"),
        ("iso8859_15", "iso-8859-15"),
        # Greek and Turkish Windows code pages, and the DOS code page 437, as ftfy reads them
        ("sloppy-windows-1253", "windows-1253"),
        ("sloppy-windows-1254", "windows-1254"),
        ("cp437", "cp437"),
    ],
)
def test_lossless_codecs(codec, chain):
    damaged = TEXT.encode("utf-8").decode(codec)
    assert damaged != TEXT
    r = repair(damaged)
    assert r.text == TEXT
    assert r.report.codec_chain == ["utf-8", chain]
    assert r.report.restored_bytes == 0


def test_mac_roman_symbol_on_a_line_of_its_own():
    # "②" through MacRoman is "‚ë°": a quote and two Latin-1 symbols, no character this
    # archive is made of, so alone it stays; where MacRoman is at work in the rest of the
    # text it is decoded (an archive file had it after a line of Chinese)
    text = "整个训练集的损失可以写成：\n\n**②![L = x]\n"
    assert repair(text.encode("utf-8").decode("mac_roman")).text == text
    alone = "**②![L = x]".encode("utf-8").decode("mac_roman")
    assert repair(alone).text == alone


def test_double_encoding():
    once = TEXT.encode("utf-8").decode("sloppy-windows-1252")
    twice = once.encode("utf-8").decode("sloppy-windows-1252")
    r = repair(twice)
    assert r.text == TEXT
    assert r.report.codec_chain == ["utf-8", "windows-1252", "utf-8", "windows-1252"]


_ONE_BYTE = ["sloppy-windows-1252", "sloppy-windows-1250", "sloppy-windows-1251", "sloppy-windows-1257", "latin-1", "mac_roman",
             "iso8859_2", "iso8859_15"]


@pytest.mark.parametrize("inner", _ONE_BYTE)
@pytest.mark.parametrize("outer", _ONE_BYTE)
def test_double_encoding_through_two_codecs(inner, outer):
    # the inner layer is looked for in every codec: read through the outer one again, it
    # decoded only the characters both spell alike ("ä½¿用" for "使用"), 7 pairs of 36 exact
    twice = TEXT.encode("utf-8").decode(inner).encode("utf-8").decode(outer)
    assert repair(twice).text == TEXT


@pytest.mark.parametrize("outer, errors", [
    ("sloppy-windows-1252", "strict"), ("sloppy-windows-1257", "strict"), ("mac_roman", "strict"), ("cp1252", "replace"),
])
def test_short_lines_of_a_text_read_as_latin_1_first_are_decoded_twice(outer, errors):
    # Latin-1 leaves C1 controls for bytes 80-9F (原, E5 8E 9F, is "å\x8e\x9f"), which cost more
    # than the outer layer's letters: the short lines gained nothing from their first decoding
    # and stayed as they were, "> Ã¥ÂŽÂŸÃ¦Â–Â‡Ã¯Â¼Âš<http…>", a tree's "├── " (37 of 40 archive
    # posts inexact through Windows-1252, 14 through -1257, 34 through MacRoman); so did those
    # that lost a byte of the inner layer to a strict outer reader ("*   参考", 参 E5 8F 82)
    text = ("# 标题\n\n这是一个很长的中文段落，我们用它来测试修复的效果。\n\n> 原文：<https://x.org>\n\n*   结果\n\n"
            "*   参考\n\n```\n├── examples\n│   └── input.jpg\n```\n")
    twice = text.encode("utf-8").decode("latin-1").encode("utf-8").decode(outer, errors)
    assert "> 原文" not in twice
    assert repair(twice).text == text


@pytest.mark.parametrize("codec", ["sloppy-windows-1252", "latin-1", "sloppy-windows-1257"])
def test_spaces_that_stood_for_byte_a0_are_put_back(codec):
    # A0 reads as a no-break space through these codecs, and a process made it a space: 你
    # (E4 BD A0) read as a truncated "ä½" and a space came back "位 ", 池(GAP) "汁 (GAP)" (0 of 20
    # archive posts exact, 3,276 wrong characters)
    text = "你好，我们学习了四篇深度学习论文。用全局平均池(GAP)。\n\n码农的“你”和“我”。\n"
    damaged = text.encode("utf-8").decode(codec).replace("\xa0", " ")
    assert "\xa0" not in damaged
    result = repair(damaged)
    assert result.text == text
    assert "6 spaces read as byte A0: a no-break space made a space" in result.report.notes  # 你 习 池 码 你 习


@pytest.mark.parametrize("codec", ["cp1252", "cp1250", "cp1257"])
def test_spaces_for_byte_a0_beside_a_readers_markers(codec):
    # read with errors="replace", then the no-break spaces made spaces: 码 (E7 A0 81) is "ç �"
    # through Windows-1252, whose marker after a space no rule read, and through Windows-1257
    # 加 (E5 8A A0) is "å� "; so no space was put back and the markers stayed (20 archive posts
    # through Windows-1252: 2 exact, 843 wrong characters, 289 once a stretch reached past its
    # space; now 12 and 11, against 13 and 10 where the no-break spaces stayed)
    text = "这段代码相当简单明了。我们来看看代码:\n\n我们的代码更加简洁。你好，学习了。\n"
    damaged = text.encode("utf-8").decode(codec, "replace").replace("\xa0", " ")
    assert " \ufffd" in damaged
    result = repair(damaged)
    assert result.text == text
    assert "6 spaces read as byte A0: a no-break space made a space" in result.report.notes  # 码 码 码 加 你 习


@pytest.mark.parametrize("text", [
    "这是一个很长的中文段落，用于测试。文中 “引号” 很好。",  # ” less its 9D before a space
    "这是一个很长的中文段落，用于测试。我们在中 Python 里面。",  # 中 less its AD
])
def test_spaces_stay_where_the_text_also_lost_bytes(text):
    # a strict reader's lost bytes leave truncated sequences that a real space may follow: A0 in
    # its place made "” " a dagger, "中 " 丠
    damaged = lossy_1252(text)
    assert repair(damaged).text == text
    assert not any("byte A0" in note for note in repair(damaged).report.notes)


@pytest.mark.parametrize(("text", "shows", "spaces"), [
    ("你好，我们学习了四篇中文论文。你呢？我们在中国学习。\n", "ä½ å", 4),
    # (the space after 张 E5 BC A0, 加 E5 8A A0 and 你 ends its sequence; leaving it cost nothing,
    # and 式 E5 BC 8F, 半 E5 8D 8A and 住 E4 BD 8F came back with a space after them, which Chinese
    # seldom puts there: 131,644 of 5,926,587 Chinese characters and marks in clean archive text,
    # fixes.KEPT_STAND_IN_COST)
    ("但只有六张被检测到，中文变得更加透明。别指望他们会牵你的手。\n", "å¼ è¢«", 3),
])
def test_a_space_after_a_lost_byte_may_still_be_byte_a0(text, shows, spaces):
    # seed 002's damage, then the no-break spaces made spaces: 你 (E4 BD A0) is "ä½ " beside
    # "ä¸" (中 less its AD), so no rule could put the spaces back, and 你 came back 位 with its
    # space (0 of 20 archive posts exact, 1,479 wrong characters; 483 then).  Where the text holds
    # no no-break space, the space after a truncated sequence is one of the model's options
    damaged = lossy_1252(text).replace("\xa0", " ")
    assert shows in damaged and "ä¸æ" in damaged
    result = repair(damaged)
    assert result.text == text
    assert f"{spaces} spaces read as byte A0: a no-break space made a space" in result.report.notes
    assert repair(lossy_1252(text)).text == text  # (where the no-break spaces stayed, as before)


def test_spaces_inside_sequences_are_put_back_where_the_text_also_lost_bytes():
    # the same damage: 标 (E6 A0 87) is "æ ‡", and the stray "‡" after the space starts no
    # stretch of mojibake, so the stretch ended at a truncated "æ" and 标 came back "提 ‡" (提 is
    # E6 8F 90, both bytes lost); the heading, every other character short of a byte, was read as
    # MacRoman; 码 (E7 A0 81) lost its 81 too, and its space ended a stretch before the colon
    # (20 archive posts: 483 wrong characters, now 49, against 48 where the no-break spaces stayed)
    text = "你好，我们学习了四篇中文论文。你呢？我们的目标是检测 ArUco 标记，样本的格式见代码:\n\n### 标签同步\n"
    damaged = lossy_1252(text).replace("\xa0", " ")
    assert "æ ‡" in damaged and "ç :" in damaged and "### æ ‡ç¾åŒæ¥" in damaged
    result = repair(damaged)
    assert result.text == text
    # 标 样 格 标 标 put back as no-break spaces, 你 习 你 码 taken by the model
    assert "9 spaces read as byte A0: a no-break space made a space" in result.report.notes
    # clean Latin text beside it keeps its spaces: "é ©" would read 頩 (E9 A0 A9)
    latin = "Le café ©2020 est là.\n"
    assert repair(damaged + latin).text == text + latin


def test_a_twin_restores_spaces_too_few_to_put_back_alone():
    # one such space (学习's 习, E4 B9 A0) is too few for the model (a short lossy text may end a
    # sequence so), but the twin's line, read through Windows-1252 with its no-break spaces made
    # spaces, is the damaged line: it is taken whole
    text = "# 对学习机器人学和计算机视觉\n\n我们很高兴。\n"
    damaged = text.encode("utf-8").decode("sloppy-windows-1252").replace("\xa0", " ")
    assert repair(damaged).text != text
    result = repair(damaged, twin=text)
    assert result.text == text
    assert any(s.method == "twin-line" for s in result.report.spans)


def test_clean_text_whose_letter_a_space_follows_keeps_its_space():
    # "Ã" before a space is C3 20, and C3 A0 is "à": Portuguese, no mojibake
    text = "IRMÃ E MÃE são boas, NÃO É?"
    assert repair(text).text == text


QUOTED = "我们的作用和品味很好，他说 \"你好\" 和 'ok'。这是一个很长的段落，我们用它来测试。\n"


@pytest.mark.parametrize("codec", ["sloppy-windows-1252", "sloppy-windows-1250", "sloppy-windows-1251", "sloppy-windows-1257"])
def test_straightened_curly_quotes_are_read_as_their_bytes(codec):
    # a process that straightens curly quotes (ftfy's defaults do) also straightens those that
    # bytes 82, 84 and 91-94 read as: 我 (E6 88 91) became "æˆ'", 的 (E7 9A 84) "çš\"" and were
    # read back as a truncated sequence and a quote (0 of 20 archive posts exact, 10,600 wrong
    # characters of 206,934); the text's own quotes stay
    damaged = ftfy.fixes.uncurl_quotes(QUOTED.encode("utf-8").decode(codec))
    assert damaged.count("'") + damaged.count('"') == QUOTED.count("'") + QUOTED.count('"') + 12
    result = repair(damaged)
    assert result.text == QUOTED
    assert "12 straight quotes read as byte 82, 84 or 91-94: a curly quote straightened" in result.report.notes
    assert repair(damaged, twin=QUOTED).text == QUOTED


@pytest.mark.parametrize("codec", ["cp1252", "cp1250", "cp1257"])
def test_straightened_quotes_beside_a_readers_markers(codec):
    # read with errors="replace", then the quotes made straight: 意 (E6 84 8F) is "æ„�" and then
    # 'æ"�', a marker after a quote, which the marker pattern did not read, so neither rule
    # explained the sequence (20 archive posts through Windows-1252: 1 exact, 10,603 wrong
    # characters; now 7 and 27; Windows-1250 10,695 -> 92, -1257 11,396 -> 287)
    text = "我们的注意力机制很好，意见和品味也是。这是一个很长的段落，用于测试。\n"
    damaged = ftfy.fixes.uncurl_quotes(text.encode("utf-8").decode(codec, "replace"))
    assert '"\ufffd' in damaged
    result = repair(damaged)
    assert result.text == text
    assert "11 straight quotes read as byte 82, 84 or 91-94: a curly quote straightened" in result.report.notes


def test_straightened_quotes_beside_spaces_that_stood_for_byte_a0():
    # a cleaner that made the quotes straight may make no-break spaces spaces too: 研 (E7 A0 94)
    # is "ç \"", whose sequence neither the quotes alone nor the spaces alone explain; each rule
    # had left the text as it was (0 of 20 archive posts exact, 11,945 wrong characters)
    text = "研究你们的模型。" + QUOTED
    damaged = ftfy.fixes.uncurl_quotes(text.encode("utf-8").decode("sloppy-windows-1252")).replace("\xa0", " ")
    assert 'ç "' in damaged
    result = repair(damaged)
    assert result.text == text
    assert "3 spaces read as byte A0: a no-break space made a space" in result.report.notes  # 研 你 你


@pytest.mark.parametrize(("text", "quotes"), [
    ("我们的作用和品味很好。中文论文的意见，我们学习了。他说 \"你好\" 和 'ok'。\n", 13),
    ("## 目录\n\n│   ├── 中文.md\n│   └── 图像.png\n\n我们的代码在这里。我们用它来测试——很好。\n", 19),
    # (。, E3 80 82, with its 82 straightened: 、, E3 80 81 less its 81, and the quote kept came
    # back where keeping a quote after a Chinese mark cost nothing: fixes.KEPT_STAND_IN_COST)
    ("我们的作用和品味很好，用于查询。右边的数字是我们的结果。您好。\n", 15),
])
def test_straightened_quotes_where_the_text_also_lost_bytes(text, quotes):
    # seed 002's damage, then its curly quotes made straight (ftfy's uncurl_quotes): a quote
    # after a truncated sequence may be a byte or the text's own ("ä¸" is 中 less its AD, and
    # 专 is E4 B8 93), so no quote was read as a byte (20 archive posts: 10,814 wrong characters
    # of 206,934, against 48 for the damage alone). Quotes inside a sequence (和, E5 92 8C, is
    # "å'Œ") are now taken out as markers, and the model weighs a quote that ends one (的, E7 9A
    # 84, "çš\""), two of them for │ (E2 94 82, "â\"'"): 78 wrong characters
    damaged = ftfy.fixes.uncurl_quotes(lossy_1252(text))
    assert "æˆ'" in damaged and 'çš"' in damaged
    result = repair(damaged)
    assert result.text == text
    assert f"{quotes} straight quotes read as byte 82, 84 or 91-94: a curly quote straightened" in result.report.notes
    assert text.count('"') == result.text.count('"')  # (the text's own quotes stay)


def test_straightened_quotes_where_ftfy_decoded_the_rest():
    # ftfy's defaults over seed 002's damage decode the runs they can and make the quotes
    # straight: the mojibake left stands between Chinese they decoded, so none of its lines is all
    # of one codec, and the quotes inside its sequences were never counted (20 archive posts,
    # against ftfy's output for the clean text: 6,624 wrong characters, 2,317 now, most of them
    # the widths ftfy changed in what it decoded itself)
    text = "我们的模型很好，用于测试的数据和代码都在这里。我们的作用和品味很好，他说的话我们都知道。我们用它来测试。\n"
    damaged = ftfy.fix_text(lossy_1252(text))
    assert "数æ®å'Œä»£ç" in damaged and damaged.startswith("我们的模型很好,")
    result = repair(damaged)
    assert result.text.startswith("我们的模型很好,用于测试的数据和代码都在这里。我们的作用和品味很好，他说的话")
    assert result.text.endswith("们用它来测试。\n")
    # (left: 道 less its 81, whose lead byte stands alone before its quote, 'é"', is no stretch of
    # mojibake, and it leaves its run, 'é"ã€\'æˆ\'', too few continuation bytes for the run to be
    # read as mojibake at all: 2 of 5, under detect.MIN_CONTINUATION_SHARE)
    assert 'é"' in result.text


def test_a_mark_decided_later_is_context_for_the_han_characters_beside_it():
    # 。 (E3 80 82) with its quote straightened is decided after the Han characters: the lattice
    # saw an unknown character after 库 (E5 BA 93) and took 应 (94), the commoner one, though
    # 应。 is the rarer pair; a mark whose own candidates leave little doubt now stands there
    text = "这是 Python 的标准机器学习库。我们的作用和品味很好，他说你好。\n"
    damaged = ftfy.fixes.uncurl_quotes(text.encode("utf-8").decode("sloppy-windows-1252"))
    assert "åº\"ã€'" in damaged
    assert repair(damaged).text == text


def test_a_line_whose_only_sequence_a_straightened_quote_cut():
    # "PyTorch å'Œ Tensors" (和, E5 92 8C) holds no lead and continuation pair: its line was not
    # looked at, and it stayed so even beside its twin (7 of 300 archive posts inexact with twins)
    text = QUOTED + "\n### PyTorch 和 Tensors\n"
    damaged = ftfy.fixes.uncurl_quotes(text.encode("utf-8").decode("sloppy-windows-1252"))
    assert "PyTorch å'Œ Tensors" in damaged
    assert repair(damaged).text == text


def test_quotes_after_bytes_a_reader_lost_stay_quotes():
    # lossy mojibake with its quotes straightened (ftfy's defaults over seed 002's damage): 中 less
    # its AD before the text's own quote would be 专 (E4 B8 93) with the quote for byte 93.  Where
    # the text lost bytes elsewhere too ("ä¸æ–‡", 中文), its quotes are its own
    text = '他说"中"、"中"和"中"。这是一个很长的中文段落，用于测试。\n'
    damaged = ftfy.fixes.uncurl_quotes(lossy_1252(text))
    assert 'ä¸"' in damaged and "ä¸æ–‡" in damaged
    result = repair(damaged)
    assert result.text.startswith('他说"中"、"中"')
    assert not any("straight quote" in note for note in result.report.notes)


@pytest.mark.parametrize("outer", ["cp1252", "cp1250"])
@pytest.mark.parametrize("text", [TEXT, "# 用 PyTorch 训练", "他是一名自由职业者，使用 Python。"])
def test_double_encoding_whose_outer_layer_lost_bytes(text, outer):
    # both layers read strictly: each byte the outer layer lost was a character of the inner
    # layer's mojibake ("Ã§â€Â¨" is "ç”¨", "用"), rebuilt before as the likeliest final text
    # ("班”¨") and cut out of the inner layer's decoding (30 archive files through
    # Windows-1252 twice: 98.90% -> 99.94% of characters right; then -1250: 90.54% -> 99.92%)
    twice = text.encode("utf-8").decode("cp1252", "ignore").encode("utf-8").decode(outer, "ignore")
    assert repair(twice).text == text


def test_the_bytes_both_layers_of_a_double_encoding_lost_are_counted():
    # "用" lost the 9D of "”" in the outer layer, "经" its 8F in the inner one
    twice = "使用神经网络".encode("utf-8").decode("cp1252", "ignore").encode("utf-8").decode("cp1252", "ignore")
    r = repair(twice)
    assert r.text == "使用神经网络"
    assert r.report.restored_bytes == 2


def test_an_outer_layer_lost_byte_beside_one_the_inner_layer_lost():
    # "发" is E5 8F 91: the inner reader dropped 8F ("å‘"), the outer one the 98 of "‘" (E2 80
    # 98); "‘" leaves the inner sequence E5 91 truncated, not invalid, and is taken ("名∀" before)
    twice = "欢迎开发人员参与。".encode("utf-8").decode("cp1252", "ignore").encode("utf-8").decode("cp1250", "ignore")
    assert repair(twice).text == "欢迎开发人员参与。"


@pytest.mark.parametrize("outer", ["cp1252", "cp1250"])
@pytest.mark.parametrize("text", [TEXT, "卷积神经网络", "图片来源：[链接]"])
def test_double_encoding_whose_inner_layer_left_markers(text, outer):
    # read with errors="replace" twice: the inner reader's markers ("ç»�", "经") come out of the
    # first layer, and say where its lost bytes were, as the input's do (they stayed before:
    # "神经�网络"; 30 archive files through Windows-1252 twice 96.79% -> 99.97% of characters)
    twice = text.encode("utf-8").decode("cp1252", "replace").encode("utf-8").decode(outer, "replace")
    assert repair(twice).text == text


@pytest.mark.parametrize("text", ["我们在数据集上训练模型，在测试集上评估，中文和中国的中心。", "本质上是一个中等规模的中文语料库。"])
def test_a_reader_that_kept_soft_hyphens_lost_no_byte_ad(text):
    # Windows-1257 read with errors="ignore" keeps byte AD as the soft hyphen ("ä¸\xad" is "中"),
    # so "ä¸" lost one of the undefined bytes: "上" (E4 B8 8A), not "中", which came back for it
    # 229 times on 30 archive files (99.36% -> 99.57% of characters right)
    damaged = text.encode("utf-8").decode("cp1257", "ignore")
    assert repair(damaged).text == text
    # a text cleaner that strips them leaves AD a lost byte, as before (seed 002's damage)
    assert repair(lossy_1252("中文")).text == "中文"


def test_partially_damaged_paragraphs():
    paras = ["第一段保持原样，“引号”。", "第二段被损坏了：中文、标点！", "Third paragraph, café — clean.", "第四段也损坏：数据集。"]
    damaged = "\n\n".join(lossy_1252(p) if i % 2 else p for i, p in enumerate(paras))
    r = repair(damaged)
    out = r.text.split("\n\n")
    assert out[0] == paras[0] and out[2] == paras[2]
    assert out[1] == paras[1] and out[3] == paras[3]
    assert all(s.start > len(paras[0]) for s in r.report.spans)


@pytest.mark.parametrize(
    "clean, damaged_part",
    [
        # a line whose clean accented letters stand beside mojibake (ftfy's "inconsistent
        # mojibake"): they are too few continuation bytes for mojibake until the lowercase ones
        # glued to a letter are left out of the count
        ("Résumé: ", "café déjà vu"),
        ("Campeonatos > III ", "Divisão - Série F > Jornadas"),
        # and on a line of Chinese mojibake they are no Han characters short of two bytes
        # (they had become "R遭sum遭" and "P遭rez")
        ("Résumé ", "提出了新方法"),
        ("Pérez ", "等人提出的方法："),
    ],
)
def test_clean_accents_beside_mojibake_on_one_line(clean, damaged_part):
    text = clean + damaged_part + " (Classificação)"
    damaged = clean + lossy_1252(damaged_part) + " (Classificação)"
    assert damaged != text
    assert repair(damaged).text == text


def test_leetspeak_capitals_stay():
    # Latin-1 capitals are two-byte leads: glued to letters, they still count against the line
    # (one of ftfy's negative cases; "Ä£" alone is Windows-1252 for "ģ")
    text = "MÄ£ÄM ÌÑÌ Q £ÄGÌ GÄLÄW ÑÍCH SÖÄ£ ÑÝÄ $ÚÄMÌ Q £ÄGÌ GÄK ÉÑÄK BÄDÄÑ....?????????"
    assert repair(text).text == text


def test_lossy_damage_common_punctuation():
    text = "他说：“中国的名字、数据！”然后离开。"
    r = repair(lossy_1252(text))
    assert r.text == text
    assert r.report.restored_bytes > 0


@pytest.mark.parametrize("text", ["模型是怎么训练的？\n我们的数据很好，然后继续。\n", "为什么不用它？\n"])
def test_lost_full_width_mark_chosen_by_what_follows(text):
    # Windows-1257 leaves the last bytes of ，：？！（ undefined: a strict reader drops them
    # all, and only what follows tells them apart (half of all ？ end a line, 0.8% of ，)
    damaged = text.encode("utf-8").decode("cp1257", "ignore")
    assert repair(damaged).text == text


@pytest.mark.parametrize(
    "text, codec",
    [
        # what follows the mark is weighed once: the archive's pair costs know "！" before an
        # emphasis that closes and "，" before one that opens; the mark tables, which lump "*"
        # and "`" in with all other ASCII, said "：" and "！" again on top of them, and these
        # came back "：*用", "！*只需", "：`glob`"
        ("增强现实，顾名思义，*用计算机生成的感知信息来增强*我们周围的真实世界。", "cp1257"),
        ("增强现实，顾名思义，*用计算机生成的感知信息来增强*我们周围的真实世界。", "gbk"),
        ("如果您想在这些教程发布时得到通知)，*只需在下面的表格中输入您的电子邮件地址！*", "cp1257"),
        ("如果您想在这些教程发布时得到通知)，*只需在下面的表格中输入您的电子邮件地址！*", "gbk"),
        ("本教程使用 OpenCV 执行增强现实，*请继续阅读。*", "gbk"),
        ("我们用 `argparse` 解析命令行参数，`glob` 获取文件路径。", "cp1257"),
        # a mark ending a line is weighed by its own line too: of the lines "，" ends in held-out
        # archive text, 74% are list items before another and 8.6% paragraph lines before a
        # list, of those "：" ends 0.2% and 24%; told apart only by the next line, "，" was the
        # likelier mark before any list, and a paragraph's "：" came back "，"
        ("步骤如下：\n\n*   下载数据\n*   训练模型\n", "cp1257"),
        ("步骤如下：\n\n*   下载数据\n*   训练模型\n", "gbk"),
        ("我们需要做以下几件事：\n\n1. 下载数据\n2. 训练模型\n", "cp1257"),
        ("我们将蕴含物放在右侧：\n\n```\nx = 1\n```\n", "cp1257"),
        # ... and a list item's "，" before the next item stays "，"
        ("*   第一项，\n*   第二项。\n", "cp1257"),
        # the text's end is its last line's end (7% of the archive's posts end in "！"), and
        # emphasis closing at a line's end does not hide it; these came back "，"
        ("祝你在项目中工作愉快！", "cp1257"),
        ("祝你在项目中工作愉快！", "gbk"),
        ("在这里可以找到完整代码：**\n\n```\nx\n```", "cp1257"),
    ],
)
def test_lost_mark_weighed_by_its_line(text, codec):
    # Read through Windows-1257 or GBK with markers, ，：！？ lose their last byte alike
    assert repair(text.encode("utf-8").decode(codec, "replace")).text == text


@pytest.mark.parametrize(
    "text", ["它从软件工程中借用概念。Kedro 由 LF AI &数据基金会托管。”*\n", "这是数据科学项目的一个关键解决方案。”**\n"]
)
def test_closing_quote_whose_opener_is_on_another_line(text):
    # ” (E2 80 9D) and the zero-width joiner (E2 80 8D) lose the same byte to lossy
    # Windows-1252.  A ” no “ answers on its line is 0.9% of all ” in held-out archive text,
    # not the 1 in 400 of the old flat bracket cost, which let the joiner win
    assert repair(lossy_1252(text)).text == text


@pytest.mark.parametrize(
    "text",
    [
        "It’s a “test” – with an ellipsis… and a dash—",
        "中文的“引用”和 English’s quotes",
        # beside UTF-8 mojibake of the same text
        "The café’s “menu” – crème brûlée",
    ],
)
def test_windows_1252_read_as_latin_1(text):
    # Windows-1252 text read as Latin-1 keeps its curly quotes, dashes and ellipses as the C1
    # controls of their bytes; no text holds those of its own (ftfy's fix_c1_controls)
    damaged = "".join(ch.encode("cp1252").decode("latin-1") if ch in "’“”–—…" else ch for ch in text)
    if "é" in text:
        damaged = damaged.replace("é", "Ã©").replace("è", "Ã¨").replace("û", "Ã»")
    assert damaged != text
    r = repair(damaged)
    assert r.text == text
    assert {s.method for s in r.report.spans} >= {"c1-control"}
    c1 = [s for s in r.report.spans if s.method == "c1-control"]
    assert all(s.codec_chain == ["windows-1252", "latin-1"] and len(s.original) == 1 for s in c1)


@pytest.mark.parametrize(
    "text",
    [
        "undefined in Windows-1252: \x81 and \x9d",
        # (lowercased double mojibake of ₹ from the archive: the C1 control beside â is part of it)
        "assets worth over ã¢â\x82â¹33 500 crore",
    ],
)
def test_c1_controls_left_where_windows_1252_does_not_explain_them(text):
    assert repair(text).text == text


def test_rare_latin_letter_decoded_where_ftfys_heuristic_reads_mojibake():
    # a lone sequence that decodes to a rare Latin letter needs its codec at work elsewhere
    # only where ftfy's badness heuristic reads the stretch, with a character on either side,
    # as clean ("AHÅ™" stays); "rÃ¥b" is bad to it ("Ã¥" alone is not), as ftfy 6.3 repairs it
    assert repair("Bremer/Mccoy – DrÃ¥ber").text == "Bremer/Mccoy – Dråber"
    assert repair("AHÅ™, the new sofa from IKEA").text == "AHÅ™, the new sofa from IKEA"


def test_lossy_latin_and_emoji():
    text = "The café’s “menu” – crème brûlée 🙂 señor"
    r = repair(lossy_1252(text))
    assert r.text == text


def test_unresolvable_byte_becomes_replacement_and_is_reported():
    # F4 A0 80 is a 4-byte lead short of one byte; every insertion gives an invalid or
    # private-use code point, so nothing can be rebuilt.
    good = lossy_1252("中文数据集")
    damaged = good + "ô\u00a0€" + good
    r = repair(damaged)
    assert r.text == "中文数据集\ufffd中文数据集"
    assert r.report.unresolved_chars == 1
    u = r.report.unresolved[0]
    assert r.text[u.out_start : u.out_end] == "\ufffd"
    assert u.original == "ô\u00a0€"


def test_non_str_rejected_and_odd_strings_ok():
    with pytest.raises(TypeError):
        repair(b"bytes")  # type: ignore[arg-type]
    for s in ["\ud800", "Ã\ud800©", "\x00\x81\x8d", "Ã" * 1000, "ä¸" * 50, "\ufffd"]:
        r = repair(s)
        assert isinstance(r.text, str) and isinstance(r.report, RepairReport)


def test_deterministic():
    damaged = lossy_1252(TEXT * 3)
    outs = {repair(damaged).report.model_dump_json() for _ in range(3)}
    assert len(outs) == 1


def test_codec_ambiguity_settled_by_document_evidence():
    # "分句" through Windows-1257 also decodes (to "分帥") through Windows-1252; the
    # codec at work in the rest of the text must win.
    text = "# 3.分句. py\n\n" + TEXT
    damaged = text.encode("utf-8").decode("sloppy-windows-1257")
    assert repair(damaged).text == text


@pytest.mark.parametrize(
    "text",
    [
        "Il a dit «été» hier.",  # MacRoman "«é" is "ǎ"
        "le café”… et le thé",  # Windows-1252 "é”…" is "锅"
        "c'est le café“…",  # "é“…" is "铅"
        "x…≤y",  # MacRoman "…≤" is the IPA "ɲ"
        "≈±3",  # MacRoman for "ű", a lone sequence from a math sign and a sign
        "x “über und “über y",  # MacRoman "“ü" is "ҟ", twice
    ],
)
def test_lone_lookalike_in_clean_text_is_left_alone(text):
    assert repair(text).text == text


@pytest.mark.parametrize("clean", [
    "He said “café” and left.", "He said “é” and “à” aloud.", "déjà—vu, the née… «fiancé»",
    "Voilà\xa0! C’est passé\xa0: oui.", "the naïve—and the “résumé”",
])
@pytest.mark.parametrize("damaged", ["L'été est arrivé, ça va.", "我们读了四篇深度学习论文。"])
def test_accents_before_quotes_and_dashes_stay_where_the_codec_is_at_work_elsewhere(clean, damaged):
    # an accented letter before a quote, a dash or a no-break space is a truncated UTF-8
    # sequence to Windows-1252 ("é”" is E9 94), and with mojibake elsewhere in the text it was
    # rebuilt from a "lost" byte: "“café”" came back as "“caf魔", "déjà—" as "déj" and a
    # Gurmukhi sign; 312 of 352 such pairs were rewritten
    text = f"# Post\n\n{clean}\n\n{damaged.encode().decode('cp1252')}\n\n{clean}\n"
    assert repair(text).text == f"# Post\n\n{clean}\n\n{damaged}\n\n{clean}\n"


@pytest.mark.parametrize("clean", ["Pokémon™ and Nescafé™ are brands.", "Die Messung: très± zwei, Rè±"])
@pytest.mark.parametrize("damaged", ["L'été est arrivé, ça va.", "我们读了四篇深度学习论文。"])
def test_accents_before_plus_minus_and_trade_mark_stay_where_the_codec_is_at_work_elsewhere(clean, damaged):
    # "±" and "™" after an accented letter are truncated UTF-8 sequences to Windows-1252 too
    # ("é™" is E9 99), and were rebuilt from a "lost" byte: "Pokémon™" came back as "Pok降mon"
    text = f"# Post\n\n{clean}\n\n{damaged.encode().decode('cp1252')}\n\n{clean}\n"
    assert repair(text).text == f"# Post\n\n{clean}\n\n{damaged}\n\n{clean}\n"


@pytest.mark.parametrize("damaged, clean", [("“quoted”", "“quoted”"), ("x⁰ + y⁰", "x⁰ + y⁰"), ("甲、乙、丙", "甲、乙、丙")])
def test_a_lost_byte_before_degree_or_euro_is_still_rebuilt(damaged, clean):
    # (why "°" and "€" are not among those marks: "â€" is ” or 、 less its last byte, "â°" ⁰)
    lossy = damaged.encode().translate(None, bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D])).decode("cp1252")
    text = f"# Post\n\n{'我们读了四篇深度学习论文。'.encode().decode('cp1252')}\n\n{lossy}\n"
    assert repair(text).text == f"# Post\n\n我们读了四篇深度学习论文。\n\n{clean}\n"


RUSSIAN = ("Этот учебник предназначен для того, чтобы вы могли с лёгкостью использовать редактор Vim.\n"
           "Её можно прочитать за 25-30 минут, но она не начнёт повторяться. Здесь также не достаёт частей.\n")


@pytest.mark.parametrize(
    "text",
    [
        RUSSIAN,  # Windows-1251's "Её", "лё" are valid sequences: the rest was rebuilt from "lost" bytes
        "ПІДСУМОК УРОКУ 1\n\nРедактор, що має багато команд, які неможливо помістити в підручнику.\n",
        "«КПСС»", "Её", "论文作者 Пётр Ветров 和 Семён Фёдоров。",
        "Přesuň kurzor VÝŠE tam, kam se má text vložit.",  # Windows-1252 "ÝŠ" is Syriac "݊"
        "√π ≈ 1.77",  # MacRoman
        "5 × 3 = 15 ×²",  # Windows-1252 "×²" is Hebrew "ײ"
    ],
)
def test_clean_text_in_other_scripts_and_math_is_left_alone(text):
    result = repair(text)
    assert result.text == text and not result.report.damaged


def test_mojibake_of_cyrillic_or_glued_to_latin_letters_is_still_repaired():
    assert repair(RUSSIAN.encode("utf-8").decode("sloppy-windows-1252")).text == RUSSIAN
    assert repair("ÐŸÑ€Ð¸Ð²ÐµÑ‚ мир").text == "Привет мир"  # (the clean word beside it stays)
    assert repair("thenaГЇve").text == "thenaïve"  # Windows-1251 "ГЇ" glued to Latin letters


def test_lone_sequence_repaired_where_it_looks_damaged_or_the_codec_is_at_work():
    def damage(s: str) -> str:
        return s.encode("utf-8").decode("sloppy-windows-1252")

    # letters and signs that do not meet in clean text: mojibake on their own
    assert repair(damage("的")).text == "的"  # "çš„"
    assert repair(damage("ROC 和 AUC")).text == "ROC 和 AUC"  # "å’Œ"
    assert repair(damage("参数 ϕ")).text == "参数 ϕ"  # "Ï•"
    # "é“…" reads as clean text alone, but not beside more of the codec's mojibake
    assert repair(damage("铅")).text == damage("铅")
    assert repair(damage("数据很好\n铅")).text == "数据很好\n铅"


@pytest.mark.parametrize(
    "text, codec",
    [
        ("the×", "sloppy-windows-1250"),  # "Ă—": a Romanian letter and a dash, not clean-looking here
        ("theλ", "sloppy-windows-1251"),  # "О»": a Cyrillic letter and a guillemet
        ("数据数据", "sloppy-windows-1257"),  # "ę•°ę¨®", which Windows-1250 bytes read as "ꕰꨮ"
        ("名字", "sloppy-windows-1257"),  # also Windows-1252 bytes of "吨字": Han for Han, 名 likelier
        ("the，", "mac_roman"),  # "Ôºå", which Windows-1252 bytes read as "Ժ" and a lead byte
    ],
)
def test_short_mojibake_read_through_the_likelier_codec(text, codec):
    assert repair(text.encode("utf-8").decode(codec)).text == text


def test_double_encoding_decodes_a_lone_inner_sequence_with_the_document_as_evidence():
    def damage(s: str) -> str:
        return s.encode("utf-8").decode("sloppy-windows-1252")

    # the first layer of "铅" is "é“…", clean-looking on its own; the other lines show the
    # document went through the codec twice
    text = "数据很好\n铅\n模型训练"
    assert repair(damage(damage(text))).text == text
    assert repair(damage(text)).text == text


def test_a_long_line_is_read_only_near_each_damaged_character(monkeypatch):
    # a line of many thousand characters (a minified page) must not make every damaged
    # character read all of it: that made repair quadratic in the line's length
    import sys

    from digestparse.repair.context import LINE_REACH

    fixes = sys.modules["digestparse.repair.fixes"]
    clean = _seed("000").replace("\n", " ")
    assert len(clean) > 3 * LINE_REACH
    seen: list[int] = []
    weigh = fixes.weigh

    def watched(line, k, plain, lm, *rest):
        seen.append(max(len(line.head), len(line.tail)))
        return weigh(line, k, plain, lm, *rest)

    monkeypatch.setattr(fixes, "weigh", watched)
    out = repair(lossy_1252(clean)).text
    assert seen and max(seen) <= LINE_REACH + 1  # (+1: the line break after)
    assert len(out) == len(clean)
    assert sum(a == b for a, b in zip(out, clean)) >= 0.998 * len(clean)


@pytest.mark.parametrize("seed", ["000", "001"])
def test_windows_1252_damage_that_left_replacement_characters(seed):
    # UTF-8 read as Windows-1252 with errors="replace": each unmapped byte (0x81 0x8D 0x8F 0x90
    # 0x9D) left U+FFFD. Each marker split its mojibake run: the repair kept them all, guessed
    # wrong characters beside them (参加 -> 名�‚加), and even the clean twin could not help
    clean = _seed(seed)
    damaged = clean.encode("utf-8").decode("cp1252", errors="replace")
    assert "\ufffd" in damaged
    alone = repair(damaged)
    assert "\ufffd" not in alone.text
    same = sum(m.size for m in difflib.SequenceMatcher(None, clean, alone.text, autojunk=False).get_matching_blocks())
    assert same / len(clean) >= 0.999
    report = alone.report
    assert all(damaged[s.start : s.end] == s.original for s in report.spans)
    assert repair(damaged, twin=clean).text == clean


@pytest.mark.parametrize("codec, share", [("cp1250", 0.999), ("cp1251", 0.999), ("cp1257", 0.998)])
def test_other_codecs_damage_that_left_replacement_characters(codec, share):
    # the same damage through Windows-1250, -1251 or -1257 (each with undefined bytes of its
    # own): the markers stayed, the characters beside them were wrong ("ć�‘ä»¬" for "我们"
    # came back as "ć�‘们"), 99.21% of seed 000 was right (97.98% through Windows-1257), and
    # the twin did not help
    clean = _seed("000")
    damaged = clean.encode("utf-8").decode(codec, errors="replace")
    assert "\ufffd" in damaged
    alone = repair(damaged)
    assert "\ufffd" not in alone.text
    same = sum(m.size for m in difflib.SequenceMatcher(None, clean, alone.text, autojunk=False).get_matching_blocks())
    assert same / len(clean) >= share  # (Windows-1257 leaves 12 bytes undefined, and loses more)
    assert all(damaged[s.start : s.end] == s.original for s in alone.report.spans)
    assert repair(damaged, twin=clean).text == clean
    assert repair("我们创建一个模型".encode("utf-8").decode(codec, errors="replace")).text == "我们创建一个模型"


@pytest.mark.parametrize("first", ["sloppy-windows-1252", "latin-1", "sloppy-windows-1250", "iso8859_2"])
def test_paragraphs_read_through_iso_8859_15_beside_another_codec(first):
    # Windows-1252 reads ISO-8859-15's C1 controls too (as Latin-1's) and its Š š Ž ž Œ œ Ÿ € at
    # other continuation bytes: it had read the whole text, "一个" coming back "䞀䞪", and the
    # later codecs never tried the paragraphs it had explained; so had Windows-1252 a line of
    # ISO-8859-15 without C1 controls ("深度学习" is "æ·±åºŠå\xadŠä¹\xa0", "深床孊习" to it)
    paras = ["我们提出了一种新的方法，在多个数据集上取得了最好的结果。", "模型的训练速度也很快，“引号”和数字 2020。",
             "接下来，让我们为当前的练习创建几个辅助函数。", "*   [深度学习](/blog/tag/deep-learning/)"]
    damaged = "\n\n".join(p.encode("utf-8").decode("iso8859_15" if i % 2 else first) for i, p in enumerate(paras))
    assert repair(damaged).text == "\n\n".join(paras)


@pytest.mark.parametrize("other", ["cp1250", "cp1251"])
def test_paragraphs_read_through_two_codecs_each_keep_their_markers(other):
    # one codec was named for a whole text's markers (the one framing the most), and the other
    # paragraphs' markers stayed ("提�¥" for "来"): 30 archive files with one paragraph in three
    # read through Windows-1252 and one through Windows-1250 were 99.10% right (99.77% with
    # Windows-1251); with each line's markers named by its own codec, 99.98% and 99.99%
    paras = ["第一段保持原样。", "我们将使用传统的方法来预测股票走势。", "基本面分析是市场分析的两个极端之一。", "接下来，让我们为当前的练习创建几个辅助函数。"]
    damaged = "\n\n".join(
        [paras[0], paras[1].encode("utf-8").decode("cp1252", "replace"),
         paras[2].encode("utf-8").decode(other, "replace"), paras[3].encode("utf-8").decode("cp1252", "replace")]
    )
    assert "\ufffd" in damaged.split("\n\n")[1] and "\ufffd" in damaged.split("\n\n")[2]
    assert repair(damaged).text == "\n\n".join(paras)


@pytest.mark.parametrize(
    "text",
    [
        "现是，获得签证的前 15 家公司大多是外包公司。",  # 包 E5 8C 85 is "å�…", 元 E5 85 83 "å…�"
        "我们的主要目标是理解完成这项任务所需的术语和重要概念。",  # 需 E9 9C 80, 送 E9 80 81
        "同样，像苹果这样的季节性水果在冬季比其他季节有更多。",  # 像 E5 83 8F, 及 E5 8F 8A
        "考虑一些这样的例子，上图显示了正弦和余弦波的表示。",  # 上 E4 B8 8A, 中 E4 B8 AD
        "检查生成的绘图。",  # 生 E7 94 9F, 答 E7 AD 94
    ],
)
def test_a_marker_says_where_its_byte_was_lost_and_that_it_was_no_soft_hyphen(text):
    # UTF-8 read as Windows-1257 with errors="replace" was repaired as if the markers' bytes had
    # been dropped: any undefined byte or soft hyphen, in any place after the lead byte. But
    # each U+FFFD stands where its byte was, and a reader that marks bytes keeps soft hyphens
    # (0xAD reads as one): 包 came back 元, 需 送, 像 及, 上 中 and 生 答 (364 times in 60
    # archive files)
    damaged = text.encode("utf-8").decode("cp1257", errors="replace")
    assert "\ufffd" in damaged
    assert repair(damaged).text == text


@pytest.mark.parametrize("line", ["Optuna 功能:", "**挑战**", "## 行动呼吁"])
def test_a_line_whose_continuation_bytes_were_lost_is_still_read_by_its_markers(line):
    # each marker stands for a lost continuation byte, but the detector counted only the bytes
    # left: "Optuna å��č�½:" (功能) is E5 E8 BD without its markers, a third of them
    # continuation bytes, too few for mojibake (45%), and the line was left as it was, markers
    # and all (7 of 60 archive files through Windows-1257)
    text = "本文介绍了模型管理工具，也适用于其他领域。\n\n" + line + "\n\n*   轻量级\n"
    damaged = text.encode("utf-8").decode("cp1257", errors="replace")
    assert repair(damaged).text == text


def test_a_sequence_whose_every_lost_byte_left_a_marker_is_not_kept_as_it_is():
    # "∈" (E2 88 88) through Windows-1257 is "ā��": its group holds no valid sequence, so keeping
    # its text cost nothing extra, and "ā" and both markers stayed; the markers vouch for it
    text = "本文介绍了模型管理工具，也适用于其他领域。\n\n<|> ==> >. ||. ∈ ∉ !! &&. ++\n\n*   轻量级\n"
    out = repair(text.encode("utf-8").decode("cp1257", errors="replace")).text
    assert "\ufffd" not in out and len(out) == len(text)


def test_the_tree_drawing_branch_is_the_box_character_a_lost_byte_leaves():
    # "├" (E2 94 9C) through Windows-1257 is "ā”�", and ten other box-drawing characters lose
    # a byte to the same leftover; all had one prior, and "━" (E2 94 81), first in order, won
    text = "项目的结构如下：\n\n```\n├── README.md\n├── converter.py\n└── env\n```\n\n我们从配置文件开始。\n"
    damaged = text.encode("utf-8").decode("cp1257", errors="replace")
    assert repair(damaged).text == text


@pytest.mark.parametrize("text", ["你可以简单地运行这个命令。", "我们很快地完成了这个任务。", "我们会用到的便利功能。"])
def test_the_character_before_tells_the_adverbial_particle_from_to(text):
    # 地 (E5 9C B0) and 到 (E5 88 B0) are both "å�°" through Windows-1257; the character model
    # scores them across a word boundary by their frequencies alone, and 到 won after 单 and
    # 快, 地 after 用 (190 wrong characters in 60 archive files)
    assert repair(text.encode("utf-8").decode("cp1257", errors="replace")).text == text


def test_a_rule_that_asks_what_precedes_reads_an_undecided_neighbour_as_its_common_candidate():
    # 好 (E5 A5 BD) lost a byte too ("å�½", as 偽 僽 刽 and nine rarer ones), so the rule for
    # 地 after 好 never saw it, and 更好地 came back 更好到; a rule that asks what follows
    # already read such a neighbour as its one common candidate
    text = "所有这些都需要改进，以便更好地处理我们正在处理的各种网站和数据集。"
    assert repair(text.encode("utf-8").decode("cp1257", errors="replace")).text == text


@pytest.mark.parametrize("codec", ["gbk", "cp1252"])
def test_a_copy_saved_with_crlf_is_restored_from_its_lf_twin(codec):
    # a damaged copy saved on Windows (CRLF) and its clean twin saved elsewhere (LF): no line of
    # one matched the other's, and GBK's line-final "：" came back as "！"
    clean = _seed("000")
    damaged = clean.replace("\n", "\r\n").encode("utf-8").decode(codec, errors="replace")
    assert repair(damaged, twin=clean).text == clean.replace("\n", "\r\n")
    assert repair(damaged.replace("\r\n", "\n"), twin=clean.replace("\n", "\r\n")).text == clean


def test_a_twin_decodes_a_short_run_the_detector_let_pass():
    # "### 句子-BERT" through seed 002's damage is "### å¥å-BERT": three letters the detector
    # takes for Nordic text where part of the text is clean (its last line here); the twin was
    # used only for characters repair rebuilt, and the copy stayed one heading short of exact
    # (a probe: 2 of 105 archive posts)
    clean = _seed("000") + "\n### 句子-BERT\n\n句子嵌入的方法。\nSee 句子-BERT for sentence embeddings.\n"
    damaged = lossy_1252(clean) + "这一行没有损坏。\n"
    clean += "这一行没有损坏。\n"
    assert "### å¥å-BERT" in damaged and "See å¥å-BERT" in damaged
    assert "å¥å" in repair(damaged).text  # (without the twin it stays: see the test below)
    result = repair(damaged, twin=clean)
    assert result.text == clean
    assert any(s.method == "twin-line" and s.original == "å¥å" and s.repaired == "句子" for s in result.report.spans)
    # where the twin's line differs further on (an edited copy), the run is looked up between
    # its neighbours
    edited = clean.replace("embeddings.", "embeddings and more.")
    result = repair(damaged, twin=edited)
    assert result.text == clean
    assert any(s.method == "twin" and s.original == "å¥å" and s.repaired == "句子" for s in result.report.spans)
    # clean text the twin holds as it is stays as it is
    french = clean + "\nUn café noir.\n"
    assert repair(lossy_1252(clean) + "\nUn café noir.\n", twin=french).text == french


@pytest.mark.parametrize("line, damaged_line", [
    ("### 句子-BERT", "### å¥å-BERT"),  # E5 A5 E5: too few continuation bytes for mojibake
    ("#### 锁", "#### é”"),  # an accented letter before a quote
])
def test_a_line_that_only_lost_bytes_is_decoded_where_the_whole_text_went_through_the_codec(line, damaged_line):
    # the detector takes such a line alone for text of the codec's own; but every character of
    # a text wholly read through Windows-1252 went through it, so there is no clean "é" left to
    # keep (an archive post's "### 句子-BERT" stayed so, and "**AI 偏向**" read "**AI åå‘**")
    clean = _seed("000") + f"\n{line}\n\n句子嵌入的方法。\n"
    damaged = lossy_1252(clean)
    assert f"\n{damaged_line}\n" in damaged
    assert repair(damaged).text == clean


@pytest.mark.parametrize("latin", [
    "He said “é” and “à” aloud.",  # strays: “ and ” are continuation bytes alone
    "Le café” est bon.",  # glued to a Latin letter
    "Il a dit «à» hier.",  # à is no CJK lead byte
])
def test_clean_latin_lines_stay_in_a_text_otherwise_wholly_damaged(latin):
    # (the lines :func:`test_a_line_that_only_lost_bytes_is_decoded_where_the_whole_text_went_through_the_codec`
    # decodes without the detector's guards must look like lost bytes of Chinese text)
    clean = _seed("000") + f"\n{latin}\n"
    assert repair(lossy_1252(_seed("000")) + f"\n{latin}\n").text == clean


def test_a_damaged_line_two_lines_of_the_twin_could_have_become_is_not_taken_whole():
    # "*   中" and "*   不" both become "*   ä¸" (0xAD stripped, 0x8D dropped): the line is no
    # one line's, and the twin settles its character by where it stands, as before
    clean = "选项如下：\n\n*   中\n*   不\n\n我们每天都在学习新的东西。\n"
    damaged = lossy_1252(clean)
    assert damaged.count("*   ä¸\n") == 2
    r = repair(damaged, twin=clean)
    assert r.text == clean
    assert not any(s.method == "twin-line" and s.original == "ä¸" for s in r.report.spans)
    assert any(s.method == "twin-line" for s in r.report.spans)  # (the other lines are taken whole)


def test_a_twin_decodes_a_short_run_at_a_line_end_or_beside_another():
    # "### 偏见" and "*   名字" through seed 002's damage end their lines ("### åè§"): the twin
    # was searched for the shortest text after "### ", which no damage turns into the run; in
    # "rÃos_espaÃ±a" each run was the other's context, which the twin does not hold (9 of the
    # archive's posts through that damage, beside their clean twin, stayed so)
    clean = _seed("000") + ("\n### 偏见\n\n偏差是指模型的误差。\n\n*   名字\n*   护照号码\n\n"
                            "data_structure, ríos_españa, dictionary\n")
    damaged = lossy_1252(clean)
    assert "\n### åè§\n" in damaged and "\n*   åå—\n" in damaged and "rÃos_espaÃ±a" in damaged
    assert repair(damaged, twin=clean).text == clean


def test_the_outer_layer_reading_is_asked_only_where_a_lost_byte_may_fill_an_inner_sequence(monkeypatch):
    # a truncated Han character's candidates are all Han, none a character of a one-byte
    # codec's upper half: a single-layer stretch of them cannot be an outer layer, and 93% of
    # the lossy benchmark's stretches were read as one all the same; a lost quote's ("â€" is
    # "”" or "❀") still can, and is
    from digestparse.repair import fixes

    asked: list[int] = []
    real = fixes.inner_fill

    def counted(parts, slots, codec, lm):
        asked.append(len(slots))
        return real(parts, slots, codec, lm)

    monkeypatch.setattr(fixes, "inner_fill", counted)
    lossy = "中文不错。".encode("utf-8").decode("cp1252", "ignore")
    assert repair(lossy).text == "中文不错。" and asked == []
    twice = "使用".encode("utf-8").decode("cp1252", "ignore").encode("utf-8").decode("cp1252", "ignore")
    assert repair(twice).text == "使用" and asked


def test_an_inner_layer_is_looked_for_only_in_pieces_that_may_hold_one(monkeypatch):
    # a decoded piece with neither a lead and continuation pair nor a marker in it is no
    # mojibake of any codec: each of a single layer's 30,000 pieces (60 lossy benchmark
    # files) was searched all the same, a tenth of a second of detection
    from digestparse.repair import fixes

    searched: list[str] = []
    real = fixes._inner_layers

    def counted(piece, *args):
        searched.append(piece.out)
        return real(piece, *args)

    monkeypatch.setattr(fixes, "_inner_layers", counted)
    lossy = "中文不错，模型很好。".encode("utf-8").decode("cp1252", "ignore")
    assert repair(lossy).text == "中文不错，模型很好。" and searched == []
    once = "机器学习".encode("utf-8").decode("cp1252")
    assert repair(once.encode("utf-8").decode("cp1252")).text == "机器学习" and searched[0] == once


def test_each_truncated_unit_is_weighed_by_its_line_once(monkeypatch):
    # a lost byte of a lead byte E3 or above whose candidates hold no Han character ("！" less
    # its 81: ！－／０＝ｍ) was weighed with the Han slots, the result dropped, and weighed
    # again with the others once the Han characters beside it were chosen
    from digestparse.repair import fixes

    weighed: list[tuple[int, int]] = []
    real = fixes.weigh

    def counted(line, k, *args):
        weighed.append((id(line), k))
        return real(line, k, *args)

    monkeypatch.setattr(fixes, "weigh", counted)
    text = "我们用中文写作！不用别的。"
    lossy = text.encode("utf-8").translate(None, bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D, 0xAD])).decode("cp1252")
    assert repair(lossy).text == text
    assert len(weighed) == len(set(weighed)) >= 3
