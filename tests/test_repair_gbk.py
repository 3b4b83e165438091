"""UTF-8 read as GBK: detection, lost bytes, and text that must be left alone."""

from __future__ import annotations

import difflib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digestparse.repair import LanguageModel, repair
from digestparse.repair.gbk import find_runs, looks_gbk

from .conftest import SEED_000, SEED_003


def gbk(text: str) -> str:
    """What a GBK reader makes of UTF-8: one U+FFFD per byte it rejects."""
    return text.encode("utf-8").decode("gbk", "replace")


def gbk_ignore(text: str) -> str:
    """What a GBK reader that drops the bytes it rejects (``errors="ignore"``) makes of UTF-8."""
    return text.encode("utf-8").decode("gbk", "ignore")


def share_right(orig: str, got: str) -> float:
    sm = difflib.SequenceMatcher(None, orig, got, autojunk=False)
    return sum(b.size for b in sm.get_matching_blocks()) / len(orig)


@pytest.mark.parametrize(
    "text",
    [
        "机器学习是人工智能的一个分支，我们使用神经网络。",  # lost bytes inside the line and at its end
        "我们训练模型。模型的训练过程很长。",  # 训: two lost bytes in a row
        "这是一个测试\n第二行有English和中文混合\n",
        "为什么?是这样的",  # a real question mark between two runs
    ],
)
def test_gbk_mojibake_is_undone(text):
    damaged = gbk(text)
    assert damaged != text and "\ufffd" in damaged
    r = repair(damaged)
    assert r.text == text
    assert r.report.damaged and r.report.codec_chain == ["utf-8", "gbk"]
    assert r.report.restored_bytes == damaged.count("\ufffd")  # one lost byte each


@pytest.mark.parametrize(
    "text",
    [
        "机器学习是人工智能的一个分支，我们使用神经网络。",
        "我们训练模型。模型的训练过程很长。",  # 训: two bytes lost in a row
        "机器学习中的不确定性，我们的模型：如下。",  # 性: the middle byte of three lost
        "为什么?是这样的，我们训练模型。",  # a real "?" is no marker here
    ],
)
def test_bytes_dropped_without_a_marker_are_restored(text):
    damaged = gbk_ignore(text)
    assert damaged == gbk(text).replace("\ufffd", "")  # the same damage, with no trace
    r = repair(damaged)
    assert r.text == text
    assert r.report.codec_chain == ["utf-8", "gbk"]
    assert r.report.restored_bytes == gbk(text).count("\ufffd")


def test_clean_text_that_reads_as_utf8_with_gaps_is_left_alone():
    # rare characters whose GBK bytes are UTF-8 once bytes are supposed lost between them
    # ("鏈鐭" would be 未知): too few Han characters, or too few of what they decode to
    for text in ["鏈鐭a銈应飞饩黑锕鍕", "鈹此住鏃为学鐬鍋\n声有花七", "绐官科銐棣半风涑娑", "惘飴浈业派共\n鈧钄站鐩", "閼鈴目然"]:
        r = repair(text)
        assert r.text == text and not r.report.damaged


@pytest.mark.parametrize("damage", [gbk, gbk_ignore])
def test_english_text_read_as_gbk(damage):
    # no long runs: each curly quote is 鈥 and a byte more (don鈥檛), a Polish or Greek
    # letter one character (ł is 艂, η is 畏, likelier than η under Chinese frequencies)
    text = "Authors: Michał Zieliński, José Müller.\nThey’re “great”, aren’t they?\nWe set η to 0.1; don’t worry."
    damaged = damage(text)
    assert "鈥檙" in damaged and "艂" in damaged and "畏" in damaged
    r = repair(damaged)
    assert r.text == text
    assert r.report.codec_chain == ["utf-8", "gbk"]


def test_few_curly_quote_signatures_are_no_evidence():
    # 鈥 opens every curly quote read as GBK, but two of them do not make a text damaged
    text = "鈥檛 and 鈥檚 are what GBK makes of ’t and ’s."
    assert repair(text).text == text


def test_a_replacement_character_of_the_original_comes_back():
    # U+FFFD in the UTF-8 text (EF BF BD) is read as "锟" and more, not as a lost byte
    text = "原文里有一个替换字符\ufffd在这里，然后继续写很多中文。"
    r = repair(gbk(text))
    assert r.text == text
    assert r.report.restored_bytes == gbk(text).count("\ufffd")


@pytest.mark.parametrize(
    "text",
    ["我们在 Git 提交中捕获数据和模型。", "模型在现实世界数据中的实际表现很好。", "它在数据中“学习”到任何模式。"],
)
def test_frame_rule_chooses_zhong_as_in_the_windows_1252_repair(text):
    # 中 个 一 为 与 are all E4 B8 and a byte GBK may reject: inside 在 … the frame rule of
    # the Windows-1252 repair makes 中 likelier here too
    assert repair(gbk(text)).text == text


@pytest.mark.parametrize(
    "text",
    [
        "可以在 CPU 或 GPU 上运行这个模型，也可以用 TPU 来训练。",
        "我们用了 8 个 GPU 训练这个模型，每个 GPU 有很大的内存。",
        "我们从图 6 中了解到，直到 6 个月后才好。",
        # 一 after a digit is listed at its measured share (0.1%), far below its share of
        # running text, which no longer lets the word 一时期 win
        "在 15 个时期之后，我们可以看到结果。",
    ],
)
def test_character_beside_ascii_words(text):
    # 或 and 我 (E6 88), 个 与 中 一 (E4 B8) lose their last byte before the space; between
    # two ASCII words 我 never stands, after a digit 个 is far commoner than 与 or 一
    assert repair(gbk(text)).text == text


@pytest.mark.parametrize("damage", [gbk, gbk_ignore])
@pytest.mark.parametrize(
    "text",
    [
        "第一章\u3000\u3000引言：机器学习的基本概念和方法。",  # ideographic spaces (E3 80 80)
        "下面是目录结构。\n\n```\nroot\n├── data\n│\u00a0\u00a0 ├── train\n│\u00a0\u00a0 └── test\n```\n这是数据集的结构。",
    ],
)
def test_lost_spaces_of_other_widths(damage, text):
    # str.isprintable() is False for them: they were no candidates (〢〪, ° came back)
    assert repair(damage(text)).text == text


def test_lost_mark_chosen_by_what_precedes_it_too():
    # ！ and ？ both end lines; after 吧 a third of all marks are ！, a ninth ？
    text = "这是我们的教程。让我们开始吧！\n\n## 为什么这样做"
    assert repair(gbk(text)).text == text


@pytest.mark.parametrize(
    "text",
    [
        # "：" ends 39% of the lines before a code fence, "？" 0.7% ...
        "以下是整个过程：\n\n```py\nx = 1\n```\n",
        # ... and 19% of those before a formula, "！" none
        "N-对损失定义为：\n\n$$ L = -\\log p $$\n",
        # ... "！" 27% of those before a heading, "？" 3.5%, and no question word asks here
        "这可能有一个 bug！\n\n## 然后我们看到",
        # a question word before it keeps "？", though one of its characters lost a byte too
        "你知道为什么这样做吗？我们来看看。",
        "## 什么是推荐系统？\n\n推荐系统旨在预测用户的兴趣。",
    ],
)
def test_lost_mark_at_a_line_end_chosen_by_the_next_line_and_the_sentence(text):
    assert repair(gbk(text)).text == text


@pytest.mark.parametrize(
    "text",
    [
        # the ” that answers each “ is in the next run, not decoded yet when “ is chosen
        "可能的状态键有“*排队*”、“*处理*”或“*完成*”。",
        "我们通过“.”来分割文本文件。",
    ],
)
def test_quote_whose_partner_is_still_mojibake(text):
    assert repair(gbk(text)).text == text


@pytest.mark.parametrize("text", ["我们只需要一个开关。", "只需将文件放在这里。"])
def test_rule_sees_a_neighbour_that_lost_a_byte_too(text):
    # 只 and 可 lose their last byte to GBK, and so does 需 after them: among its candidates
    # 需 is far the commonest and stands for it, and 可需 never occurs
    assert repair(gbk(text)).text == text


def test_prime_after_an_ascii_word_is_no_unpaired_quote():
    # ’ after an ASCII word is an apostrophe or a prime, and is followed by what follows those
    text = "函数 $f(\\mathbf{x}’)$ 的权重很大。"
    assert repair(gbk(text)).text == text


def test_a_fullwidth_parenthesis_closed_by_an_ascii_one_waits_for_no_other():
    # the （ of "（图片来源" is closed by the ")" that ends the line; read as waiting for a ）,
    # it made every candidate that is no bracket costly, and the lost ， came back （
    text = "性能大幅下降。（图片来源：[Chuang 等人，2020](https://arxiv.org/abs/2007.00224))"
    assert repair(gbk(text)).text == text


def test_saved_back_as_gbk_question_marks_are_lost_bytes():
    text = "为什么?是这样的，我们训练模型。"
    damaged = gbk(text).replace("\ufffd", "?")
    assert repair(damaged).text == text


def test_gb18030_reading_is_lossless_inside_a_run():
    # GB18030 spells the pairs GBK rejects as private-use characters: nothing is lost
    # but the last byte of a run that ends on an odd byte
    text = "机器学习是人工智能的分支"
    damaged = text.encode("utf-8").decode("gb18030")
    assert any("\ue000" <= c <= "\uf8ff" for c in damaged)
    r = repair(damaged)
    assert r.text == text and r.report.restored_bytes == 0


def test_ascii_taken_in_as_a_trail_byte_comes_back():
    text = "中A文和学习"  # 中's last byte and "A" make one GBK character
    r = repair(gbk(text))
    assert r.text == text


def test_report_spans_point_into_input_and_output():
    damaged = gbk("Intro: 机器学习，中文。 End 数据集和模型")
    r = repair(damaged)
    assert r.text == "Intro: 机器学习，中文。 End 数据集和模型"
    for s in r.report.spans:
        assert damaged[s.start : s.end] == s.original
        assert r.text[s.out_start : s.out_end] == s.repaired
        assert s.codec_chain == ["utf-8", "gbk"]


def test_clean_text_with_rare_characters_is_left_alone():
    # 鏈 and 涓 are what GBK makes of UTF-8 lead bytes; here they are meant
    for text in ["铁鏈与涓涓细流", "鏈条和涓水，鏈子与涓埃之力。", "涓涓鏈鏈 涓鏈"]:
        r = repair(text)
        assert r.text == text and not r.report.damaged and r.report.notes == []


def test_precheck_needs_two_signature_characters_on_a_line():
    assert looks_gbk(gbk("机器学习"))
    assert not looks_gbk("鏈\n涓")  # one per line
    assert find_runs("plain text") == []


def test_single_character_runs_need_evidence_elsewhere():
    line = "第 1 步：和 B 或 C"
    # alone, "鍜\ufffd" between two letters proves nothing
    assert repair(gbk("和 B")).text == gbk("和 B")
    text = line + "\n这是一个很长的句子，用来提供足够的证据。"
    out = repair(gbk(text)).text
    assert out.split("\n")[1] == text.split("\n")[1]
    # (或 alone between two letters comes back as 我: nothing around tells them apart)
    assert out.startswith("第 1 步：和 B")


def test_partly_damaged_document_keeps_its_clean_paragraphs():
    paras = ["第一段保持原样，“引号”。", "第二段被损坏了：中文、标点！", "Third paragraph, café — clean.", "第四段也损坏：数据集。"]
    damaged = "\n\n".join(gbk(p) if i % 2 else p for i, p in enumerate(paras))
    out = repair(damaged).text.split("\n\n")
    assert out[0] == paras[0] and out[2] == paras[2]
    assert out[1] == paras[1] and out[3] == paras[3]


@pytest.mark.parametrize("seed", [SEED_000, SEED_003])
def test_seed_articles_through_gbk(seed):
    # what is left is lost bytes with little context: "8 个" read "8 中", "→**" read "←**"
    text = seed.read_text(encoding="utf-8")
    r = repair(gbk(text))
    assert share_right(text, r.text) >= 0.99
    assert r.report.codec_chain == ["utf-8", "gbk"]


@pytest.mark.parametrize("damage", [gbk, gbk_ignore])
@pytest.mark.parametrize("seed", [SEED_000, SEED_003])
def test_damaged_copy_restored_exactly_from_its_twin(seed, damage):
    # every character rebuilt inside a decoded run is checked against the clean copy, and
    # runs kept as they were (Greek letters in 000) are decoded where the copy has them so
    text = seed.read_text(encoding="utf-8")
    damaged = damage(text)
    assert repair(damaged).text != text
    r = repair(damaged, twin=text)
    assert r.text == text
    assert r.report.notes[-1].startswith("twin: ")
    assert any(s.method == "twin-line" for s in r.report.spans)
    assert all(s.confidence == 1.0 for s in r.report.spans)


def test_kept_run_decoded_only_where_the_twin_has_its_decoding():
    text = "我们把学习率设为 η = 0.01，然后训练模型。"
    damaged = gbk(text)
    assert "畏 = 0.01" in damaged
    alone = repair(damaged)
    assert alone.text == text.replace("η", "畏")  # 畏 is likelier than η: kept without a twin
    r = repair(damaged, twin="标题\n" + text + "\n结尾")
    assert r.text == text
    span = next(s for s in r.report.spans if s.original == "畏")
    assert (span.repaired, span.method, span.restored_bytes) == ("η", "twin-line", 0)  # (the line is the twin's)
    # a twin whose line differs further on: the run is looked up between its neighbours
    r = repair(damaged, twin="标题\n" + text.replace("训练模型", "训练这个模型") + "\n结尾")
    assert r.text == text
    span = next(s for s in r.report.spans if s.original == "畏")
    assert (span.repaired, span.method, span.restored_bytes) == ("η", "twin", 0)
    assert r.report.notes[-1].endswith("1 kept runs decoded as the twin has them")
    # a twin without that sentence, or one that has 畏 there too, changes nothing
    assert repair(damaged, twin="另一篇文章。").text == alone.text
    assert repair(damaged, twin=alone.text).text == alone.text


def test_kept_run_decoded_where_the_twin_settles_a_guess_beside_it(monkeypatch):
    # "R³" read as GBK is "R鲁"; without the twin, byte recovery guessed "数据均" for "数据块"
    # just before it (as it had "端到第" for "端到端"), and the kept run was looked up in the twin with that guess around it
    # (GBK copies of four of the archive's posts kept "R鲁", "(位, n)", "\\eta鹿", "*尾*" so)
    text = "数据块 R³ QA 系统的训练目标是最小化给定问题$x$的正确答案$y$的负对数似然，\n"
    damaged = gbk(text)
    assert " R鲁 QA " in damaged
    # (the word-list tables alone: the archive's counts read 数据块 right)
    monkeypatch.setattr(LanguageModel, "_default", LanguageModel(archive=False))
    alone = repair(damaged)
    assert "数据均 R鲁 QA" in alone.text  # (the guess this test is about: the model's, not the twin's)
    r = repair(damaged, twin=text)
    assert r.text == text
    span = next(s for s in r.report.spans if s.original == "鲁")
    assert (span.repaired, span.method) == ("³", "twin-line")  # (the line is the twin's)
    # a twin whose line differs further on: the run is looked up between its neighbours
    r = repair(damaged, twin=text.replace("负对数似然", "负的对数似然"))
    assert r.text == text
    span = next(s for s in r.report.spans if s.original == "鲁")
    assert (span.repaired, span.method) == ("³", "twin")
    # a twin that has another character where the guess is, one no lost byte could have been, changes nothing
    other = text.replace("数据块 R", "数据a R")
    assert "R鲁" in repair(damaged, twin=other).text


@pytest.mark.parametrize("damage", [gbk, gbk_ignore])
@pytest.mark.parametrize(
    "line",
    [
        "它需要一个单一的参数，称为*α*(*α*)，也称为平滑因子。",  # α kept as 伪 beside ASCII
        "# 基于 Keras 的\u200dImplementing 文本摘要",  # a zero-width joiner rebuilt as "⡍"
        "资产价值超过 ã¢â\x82â¹33 亿卢比的公司。",  # mojibake the twin itself holds, read again
    ],
)
def test_a_damaged_line_that_is_what_the_twins_line_became_is_taken_whole(line, damage):
    # each of these lines stayed inexact beside its twin (18 of 300 archive posts through GBK):
    # the twin settled only the characters rebuilt from lost bytes and the runs kept between
    # neighbours it holds, and these are neither
    text = line + "\n\n机器学习很有趣，我们每天都在学习新的东西。\n"
    damaged = damage(text)
    assert repair(damaged).text != text
    r = repair(damaged, twin="另一段。\n" + text)
    assert r.text == text
    assert {s.method for s in r.report.spans} == {"twin-line"}
    assert r.report.notes[-1].startswith("twin: 2 damaged lines taken whole, each what a line of the twin became; ")
    # a line the twin holds otherwise (an edited copy) is not taken whole
    edited = repair(damaged, twin=text.replace("每天", "每一天"))
    assert edited.text.startswith(line + "\n")
    assert edited.report.notes[-1].startswith("twin: 1 damaged lines taken whole")


ZH = ["中文", "数据", "模型", "训练", "我们", "名字", "学习", "论文", "可以", "不是", "网络", "参数"]
PUNCT = ["，", "。", "、", "：", "“", "”", " ", "\n", "AI", "2020"]


@pytest.mark.parametrize("damage", [gbk, gbk_ignore])
@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(ZH + PUNCT), max_size=30).map("".join))
def test_gbk_damage_never_raises_and_changes_only_what_it_reports(damage, text):
    damaged = damage(text)
    r = repair(damaged)
    pos = out = 0
    for s in r.report.spans:
        assert damaged[pos : s.start] == r.text[out : s.out_start]  # untouched between spans
        assert damaged[s.start : s.end] == s.original
        pos, out = s.end, s.out_end
    assert damaged[pos:] == r.text[out:]


def test_archive_with_gbk_copies(tmp_path):
    # the same article clean, read as GBK and kept as UTF-8, and read as GBK and saved as GBK
    from digestparse.convert import run

    text = SEED_003.read_text(encoding="utf-8")
    (tmp_path / "clean.md").write_text(text, encoding="utf-8")
    (tmp_path / "mangled_utf8.md").write_text(gbk(text), encoding="utf-8")
    (tmp_path / "mangled_gbk.md").write_bytes(gbk(text).encode("gbk", "replace"))
    (tmp_path / "mangled_ignore.md").write_text(gbk_ignore(text), encoding="utf-8")
    result = run(tmp_path)
    reports = {r.path: r for r in result.reports}
    assert reports["clean.md"].status == "ok"
    for name in ("mangled_utf8.md", "mangled_gbk.md", "mangled_ignore.md"):
        assert reports[name].status == "repaired"
        assert reports[name].repair.codec_chain == ["utf-8", "gbk"]
        assert reports[name].title == reports["clean.md"].title
        assert reports[name].role == "damaged_copy"


def test_a_long_line_is_read_only_near_each_run(monkeypatch):
    # as for the lossy model (test_repair.py): the line around a damaged character that its
    # bracket pairing reads stops LINE_REACH characters away on either side, so a line of a
    # megabyte is not read once per damaged character
    import sys

    context = sys.modules["digestparse.repair.context"]
    reach = context.LINE_REACH
    clean = SEED_000.read_text(encoding="utf-8").replace("\n", " ")
    assert len(clean) > 3 * reach
    seen: list[int] = []
    costs = context.bracket_costs

    def watched(cands, before, after, maybe_before=(), maybe_after=(), rival=None):
        seen.append(max(len(before), len(after)))
        return costs(cands, before, after, maybe_before, maybe_after, rival)

    monkeypatch.setattr(context, "bracket_costs", watched)
    out = repair(gbk(clean)).text
    # (before: the line before the run, up to LINE_REACH, and the run so far, up to LINE_REACH)
    assert seen and max(seen) <= 2 * reach
    assert share_right(clean, out) >= 0.995


def test_windows_1252_markers_beside_a_paragraph_read_as_gbk():
    # a text with GBK mojibake had all its U+FFFD left to .gbk, so the markers of a paragraph
    # read through Windows-1252 stayed ("不�稳定") and .gbk took some of them in ("遭�ž" for
    # "非"): 30 archive files damaged so were 98.9% right, 99.9% with the markers dropped
    paras = ["第一段保持原样。", "机器学习是人工智能的一个分支，我们使用神经网络。", "股票市场是不稳定的，动态的，非线性的。参数不同。"]
    damaged = "\n\n".join([paras[0], gbk(paras[1]), paras[2].encode("utf-8").decode("cp1252", "replace")])
    assert "\ufffd" in damaged.split("\n\n")[2]
    assert repair(damaged).text == "\n\n".join(paras)
