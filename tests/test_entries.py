"""Entry detection: the named rules and the traps around them."""

from digestparse.blocks import to_blocks
from digestparse.document import parse, parse_text
from digestparse.entries import find_entries
from digestparse.entries.rules import bold_numbered_line, numbered_heading, paper_link_heading
from digestparse.entries.rules.review_intro import review_intro
from digestparse.entries.title import split_number
from tests.conftest import SEED_000, SEED_001, SEED_003, SEED_004


def _entries(path):
    doc = parse(path)
    return doc, find_entries(doc.blocks)


def test_odd_numbering_styles():
    assert split_number("1。关于神经常微分方程的鲁棒性") == (1, "关于神经常微分方程的鲁棒性")
    assert split_number("7 .。深度神经网络优化轨迹上的平衡点") == (7, "深度神经网络优化轨迹上的平衡点")
    assert split_number("7.The Break-Even Point") == (7, "The Break-Even Point")
    assert split_number("10。比特下降:重新审视神经网络的量子化") == (10, "比特下降:重新审视神经网络的量子化")
    assert split_number("2021 年 8 月") == (None, "2021 年 8 月")


def test_seed_000_sixteen_entries_not_summary_or_read_next():
    doc, entries = _entries(SEED_000)
    assert [e.number for e in entries] == list(range(1, 17))
    assert entries[6].title == "深度神经网络优化轨迹上的平衡点"  # "### 7 .**。...**"
    assert entries[9].title == "比特下降:重新审视神经网络的量子化"  # "### 10。" without bold
    last = entries[-1]
    # entry 16 ends before "# 摘要": the Summary list and the read-next card are not part of it
    assert doc.blocks[last.end].text == "摘要"
    assert all(e.section == "最佳深度学习论文" for e in entries)


def test_seed_001_plain_text_entries_and_summary_list():
    _, entries = _entries(SEED_001)
    assert len(entries) == 16
    assert entries[6].number == 7 and entries[6].title.startswith("The Break-Even Point")
    assert entries[0].section == "Best Deep learning papers"


def test_seed_003_heading_links_and_related_lists():
    doc, entries = _entries(SEED_003)
    assert len(entries) == 10
    assert entries[0].title == "一幅图像相当于 16x16 个字:大规模图像识别变形金刚"
    # "你可能也会喜欢" links are related papers inside an entry, never entries
    titles = {e.title for e in entries}
    assert "LambdaNetworks:建模远程交互而不被注意" not in titles


def test_seed_004_unnumbered_headings_with_paper_rows():
    _, entries = _entries(SEED_004)
    assert [e.rule for e in entries] == ["paper_link_heading"] * 4
    assert [e.number for e in entries] == [None] * 4
    assert entries[0].title == "穿越拥挤的山谷——深度学习优化器的标杆"
    assert entries[2].title == "ConViT:用软卷积电感偏置改善视觉变压器"


def test_numbering_restarts_per_section():
    text = "# T\n\n## A\n\n### 1. P one\n\n[Paper](https://arxiv.org/abs/2001.00001)\n\n### 2. P two\n\n" \
           "[Paper](https://arxiv.org/abs/2001.00002)\n\n## B\n\n### 1. P three\n\n[Paper](https://arxiv.org/abs/2001.00003)\n"
    entries = find_entries(parse_text(text).blocks)
    assert [(e.section, e.number) for e in entries] == [("A", 1), ("A", 2), ("B", 1)]


def test_numbered_tutorial_steps_are_not_entries():
    text = "# How to install\n\n## 1. Download\n\nGet the file from the site.\n\n## 2. Install\n\nRun the installer.\n\n" \
           "## 3. Configure\n\nSee [the paper](https://arxiv.org/abs/1706.03762) for background on the model.\n"
    assert find_entries(parse_text(text).blocks) == []


def test_summary_and_related_lists_are_not_entries():
    text = "# T\n\n### 1. Real one\n\n[Paper](https://arxiv.org/abs/2001.00001)\n\n### 2. Real two\n\n" \
           "[Paper](https://arxiv.org/abs/2001.00002)\n\n## Summary\n\n### 1. Not an entry\n\n[x](https://arxiv.org/abs/2001.00009)\n"
    entries = find_entries(parse_text(text).blocks)
    assert [e.title for e in entries] == ["Real one", "Real two"]


def test_each_rule_alone():
    blocks = to_blocks("# T\n\n## 3. Numbered\n\n**4. Bold line**\n\n## Plain\n\n*A* | [Paper](https://arxiv.org/abs/1.2)\n", "markdown")
    assert [c.title for c in numbered_heading(blocks)] == ["Numbered"]
    assert [c.title for c in bold_numbered_line(blocks)] == ["Bold line"]
    assert [c.title for c in paper_link_heading(blocks)] == ["Plain"]


def test_review_intro_rule():
    blocks = to_blocks("# 回顾-感知者\n\n> 原文：<https://x.org/r>\n\n本周深度学习论文综述为[感知者:迭代注意的一般感知](https://arxiv.org/abs/2103.03206)。\n", "markdown")
    assert [c.title for c in review_intro(blocks)] == ["感知者:迭代注意的一般感知"]
