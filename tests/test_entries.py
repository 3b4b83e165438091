"""Entry detection: the named rules and the traps around them."""

import pytest
import regex

from digestparse.blocks import to_blocks
from digestparse.document import parse, parse_text
from digestparse.entries import find_entries
from digestparse.entries.rules import bold_numbered_line, numbered_heading, paper_link_heading
from digestparse.entries.rules.cited_paper_heading import MAX_NAME, _named_then_cited_at
from digestparse.entries.rules.review_intro import review_intro
from digestparse.entries.title import split_number
from digestparse.fields.entry import extract_entry
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


def test_a_scrape_without_numbers_has_its_titles_over_their_label_rows():
    # a scrape that lost the numbers as well as the addresses gave no entries: a title line with a
    # colon or more than eight words was no heading, and no rule took a heading over "Paper | Code"
    _, numbered = _entries(SEED_001)
    text = regex.sub(r"(?m)^\d+\.\s?(?=[A-Z])", "", SEED_001.read_text(encoding="utf-8"))
    entries = find_entries(parse_text(text, path="001.txt").blocks)
    assert [(e.rule, e.number) for e in entries] == [("label_row_heading", None)] * 16
    assert [e.title for e in entries] == [e.title for e in numbered]
    # (the Summary part after the last entry stays out of it)
    blocks = parse_text(text, path="001.txt").blocks
    assert blocks[entries[-1].end].text == "Summary"


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


@pytest.mark.parametrize("closing", ["## 4. References", "### 4、参考资料", "## 四、总结"])
def test_a_numbered_closing_section_is_not_one_more_entry(closing):
    # the number kept the closing heading from reading as one: it became paper 4, with no link
    text = ("# Three papers\n\n" + "".join(
        f"## {n}. Paper number {n}\n\n[Paper](https://arxiv.org/abs/2001.0000{n})\n\nIt works.\n\n" for n in (1, 2, 3))
        + f"{closing}\n\n- https://cs231n.github.io/\n")
    assert [e.title for e in find_entries(parse_text(text).blocks)] == ["Paper number 1", "Paper number 2", "Paper number 3"]


@pytest.mark.parametrize("glossary", ["### 词典", "### Glossary", "### 术语表"])
def test_a_glossary_section_citing_a_source_is_no_entry(glossary):
    # the archive sample's "### 词典" (a tutorial's part on lexicons) opened with a DOI link, like
    # the model parts around it, and had become a paper record titled "Dictionary"
    parts = [("CTC 损失", "https://www.cs.toronto.edu/~graves/icml_2006.pdf"), (glossary[4:], "https://dl.acm.org/doi/pdf/10.1145/234173.234204"),
             ("RNN-T 损失", "https://arxiv.org/pdf/1211.3711.pdf"), ("Wav2Vec 2.0", "https://arxiv.org/abs/2006.11477")]
    text = "# 语音识别\n\n## 模型\n\n" + "".join(
        f"### {name}\n\n[{name}]({url})是一个重要的概念，这一节讲它的定义和计算方法。\n\n" for name, url in parts)
    assert [e.title for e in find_entries(parse_text(text).blocks)] == ["CTC 损失", "RNN-T 损失", "Wav2Vec 2.0"]


def test_each_rule_alone():
    blocks = to_blocks("# T\n\n## 3. Numbered\n\n**4. Bold line**\n\n## Plain\n\n*A* | [Paper](https://arxiv.org/abs/1.2)\n", "markdown")
    assert [c.title for c in numbered_heading(blocks)] == ["Numbered"]
    assert [c.title for c in bold_numbered_line(blocks)] == ["Bold line"]
    assert [c.title for c in paper_link_heading(blocks)] == ["Plain"]


def test_review_intro_rule():
    blocks = to_blocks("# 回顾-感知者\n\n> 原文：<https://x.org/r>\n\n本周深度学习论文综述为[感知者:迭代注意的一般感知](https://arxiv.org/abs/2103.03206)。\n", "markdown")
    assert [c.title for c in review_intro(blocks)] == ["感知者:迭代注意的一般感知"]


def test_a_review_whose_link_is_part_of_the_quoted_title():
    # 标题为“用于视觉识别的[漏斗激活](arxiv)”: the title was the link's two words
    from digestparse.fields.entry import extract_entry

    text = ("# 论文综述:视觉识别的漏斗激活\n\n> 原文：<https://x.org/r>\n\n激活函数的背景。\n\n"
            "本文回顾一篇论文，标题为“用于视觉识别的[漏斗激活](https://arxiv.org/pdf/2007.11824.pdf)”。\n\n正文。\n")
    doc = parse_text(text, path="r.md")
    [entry] = find_entries(doc.blocks)
    fields = extract_entry(doc, entry)
    assert (entry.rule, fields.title.text) == ("review_intro", "用于视觉识别的漏斗激活")
    assert [(link.role, link.url) for link in fields.links] == [("paper", "https://arxiv.org/pdf/2007.11824.pdf")]


def test_a_heading_that_lost_its_closing_bracket_gives_a_clean_title():
    # "#### [**【空间注意模块(探测器→ BoS)**](#TOC)": the title kept the lone "【"
    text = "# Three parts\n\n" + "".join(f"## {n}. 【模块 {n}(探测器→ BoS)\n\n[Paper](https://arxiv.org/abs/2001.0000{n})\n\nIt works.\n\n" for n in (1, 2, 3))
    assert [e.title for e in find_entries(parse_text(text).blocks)] == [f"模块 {n}(探测器→ BoS)" for n in (1, 2, 3)]


def _walkthrough(sections: list[tuple[str, str]]) -> str:
    return "# Survey\n\n" + "".join(f"## {title}\n\n{body}\n\n" for title, body in sections)


def test_model_sections_whose_paper_is_linked_after_some_background():
    # "## ResNeXt (2017)" links the ResNet blog post first and its own paper two paragraphs
    # down; "#### Xception" only in its third paragraph, "可在[这里](arxiv)找到": such a
    # walk-through gave no entries, and its sections ran into one another
    from digestparse.fields.entry import extract_entry

    background = "这一节先讲一些背景，以及它和之前的网络有什么不同。"
    sections = [
        ("DenseNet (2016)", f"{background}\n\n{background}\n\nDenseNet 由[密集连接的卷积网络](https://arxiv.org/abs/1608.06993)提出。"),
        ("ResNeXt (2017)", f"它建立在 [ResNet 博客](https://example.com/resnet) 之上。\n\n{background}\n\n"
                           "ResNeXt 出自论文 [聚合残差变换](https://arxiv.org/abs/1611.05431)。"),
        ("Xception", f"{background}\n\n{background}\n\n原始出版物可在[这里](https://arxiv.org/abs/1610.02357)找到。"),
    ]
    doc = parse_text(_walkthrough(sections))
    fields = [extract_entry(doc, e) for e in find_entries(doc.blocks)]
    assert [f.title.text for f in fields] == ["DenseNet (2016)", "ResNeXt (2017)", "Xception"]
    assert [[link.url for link in f.links if link.role == "paper"][0] for f in fields] == [
        "https://arxiv.org/abs/1608.06993", "https://arxiv.org/abs/1611.05431", "https://arxiv.org/abs/1610.02357"]
    # a paper cited in passing, where the paragraph neither names the subject nor labels the
    # link as the paper, makes no entry
    passing = [(t, f"{background}\n\n{background}\n\n另见 [相关工作 {n}](https://arxiv.org/abs/1701.0000{n})。")
               for n, (t, _) in enumerate(sections, 1)]
    assert find_entries(parse_text(_walkthrough(passing)).blocks) == []


def test_model_sections_named_in_a_bracket_with_greek_spelled_out_or_a_figure_first():
    # three of lilianweng's model sections ran into the one before: "# RL 的稳定化（GTrXL）" names
    # its model in the bracket; "# Beta-VAE" is "β-VAE（[…](…)）" in the text; "# 神经图灵机"
    # shows a figure and its numbered caption before the paragraph that cites its paper
    background = "这一节先讲一些背景，以及它和之前的网络有什么不同。"
    figure = "![](img/x.png)\n\n图 9\\. 图灵机的外观：带+处理带的头。"
    sections = [
        ("RL 的稳定化（GTrXL）", f"{background}\n\n**门控 Transformer-XL** (**GTrXL**; [帕里索托等人，2019](https://arxiv.org/abs/1910.06764)) 是一次尝试。"),
        ("Beta-VAE", f"{background}\n\n{background}\n\nβ-VAE（[Higgins 等人，2017](https://openreview.net/forum?id=Sy2fzU9gl)）是一个修改版本。"),
        ("神经图灵机", f"{background}\n\n{figure}\n\n**神经图灵机**（**NTM**，[Graves，2014](https://arxiv.org/abs/1410.5401)）是一种模型。"),
    ]
    assert [e.title for e in find_entries(parse_text(_walkthrough(sections)).blocks)] == [t for t, _ in sections]
    # a figure's credit ("… cell ([source](a paper host))") is not the section's paper
    credited = [(name, f"{background}\n\n![](img/{n}.png)\n\n{name} cell ([source](https://www.researchgate.net/figure/{name}_fig{n}))")
                for n, name in enumerate(("AlexNet", "LeNet", "长短期记忆(LSTM)"))]
    assert find_entries(parse_text(_walkthrough(credited)).blocks) == []


def test_a_walk_through_section_ends_at_a_sibling_topic_section():
    # lilianweng's "# 自适应计算时间（ACT）" ran on through "# 改进的注意力跨度" and its
    # sub-sections (lines 104-248, not 104-134), and "## 自训练" took the figure of the next
    # section "## 减少确认偏见", another paper's; a sibling heading that names the model
    # ("## ResNet 架构" after "## ResNet (2015)") is still the model's section
    from digestparse.fields.entry import extract_entry

    def cites(name, arxiv):
        return f"**{name}**（[某某等人，2016](https://arxiv.org/abs/{arxiv})）是一种模型，下面先讲它的动机，再讲它的具体做法和实验结果。"

    text = _walkthrough([
        ("ResNet (2015)", cites("ResNet", "1512.03385")),
        ("ResNet 架构", "![](img/resnet.png)\n\n图 7. ResNet 的结构。"),
        ("自适应计算时间（ACT）", cites("ACT", "1603.08983")),
        ("改进的注意力跨度", "这一节讲几种把注意力跨度变长的做法。\n\n![](img/other.png)\n\n图 6. 另一篇论文的图。"),
        ("Transformer", cites("Transformer", "1706.03762")),
    ])
    doc = parse_text(text)
    entries = find_entries(doc.blocks)
    assert [e.title for e in entries] == ["ResNet (2015)", "自适应计算时间（ACT）", "Transformer"]
    resnet, act, _ = (extract_entry(doc, e) for e in entries)
    assert doc.blocks[entries[1].end].text == "改进的注意力跨度"
    assert act.image is None
    assert resnet.image == "img/resnet.png"


def test_a_section_headed_by_its_topic_is_titled_with_the_model_its_opening_names_and_cites():
    # lilianweng's "### 词汇编辑" ("lexical edits") opens "**EDA**（*简易数据增强*；[Wei＆Zou 2019](…)）",
    # "### 最大化互信息" opens "**IS-BERT（信息句 BERT）**（[Zhang 等人，2020](…)）": the records were
    # titled with the topic; a heading that names the model ("CoVe", "跨视图训练" over
    # "**跨视图训练**（简称 **CVT**；…）") stays the title
    from digestparse.fields.entry import extract_entry

    more = "它在速度和准确性方面都优于之前的方法，并且被广泛使用。"
    sections = [
        ("CoVe", f"**CoVe**（[McCann 等人，2017](https://arxiv.org/abs/1708.00107)）是一种模型。{more}"),
        ("ELMo", f"**ELMo**（[Peters 等人，2018](https://arxiv.org/abs/1802.05365)）是一种模型。{more}"),
        ("ULMFiT", f"**ULMFiT**（[Howard 等人，2018](https://arxiv.org/abs/1801.06146)）是一种模型。{more}"),
        ("词汇编辑", f"**EDA**（*简易数据增强*；[Wei＆Zou 2019](https://arxiv.org/abs/1901.11196)）为文本增强定义了一组操作。{more}"),
        ("最大化互信息", f"**IS-BERT（信息句 BERT）**（[Zhang 等人，2020](https://arxiv.org/abs/2009.12061)）采用互信息最大化。{more}"),
        ("跨视图训练", f"**跨视图训练**（简称 **CVT**；[Clark et al., 2018](https://arxiv.org/abs/1809.08370)）合并两个阶段。{more}"),
    ]
    doc = parse_text(_walkthrough(sections), path="w.md")
    fields = [extract_entry(doc, e) for e in find_entries(doc.blocks)]
    assert [(f.title.text, f.title.lang) for f in fields] == [
        ("CoVe", "en"), ("ELMo", "en"), ("ULMFiT", "en"), ("EDA", "en"), ("IS-BERT", "en"), ("跨视图训练", "zh")]
    # (the name's lines are its paragraph's, not the heading's)
    assert fields[3].title.lines == next(b.lines for b in doc.blocks if b.text.startswith("EDA"))


def test_a_section_headed_by_its_topic_is_titled_with_the_name_its_model_is_also_called_by():
    # lilianweng's "## 在模拟器中由数据引导" opens "网络驱动的领域随机化 ([Zakharov 等人，2019](…))，也称为
    # **DeceptionNet**": the record was titled with the topic
    from digestparse.fields.entry import extract_entry

    more = "它在速度和准确性方面都优于之前的方法，并且被广泛使用。"
    sections = [(name, f"**{name}**（[{who} 等人，{year}](https://arxiv.org/abs/{arxiv})）是一种模型。{more}")
                for name, who, year, arxiv in (("CoVe", "McCann", 2017, "1708.00107"), ("ELMo", "Peters", 2018, "1802.05365"))]
    sections.append(("在模拟器中由数据引导", "网络驱动的领域随机化 ([Zakharov 等人，2019](https://arxiv.org/abs/1904.02750))，"
                                        f"也称为**DeceptionNet**，受到了学习哪些随机化有用的启发。{more}"))
    doc = parse_text(_walkthrough(sections), path="w.md")
    assert [extract_entry(doc, e).title.text for e in find_entries(doc.blocks)] == ["CoVe", "ELMo", "DeceptionNet"]


def test_an_article_titled_with_a_model_and_its_venue_reviews_the_paper_its_intro_links():
    # paperspace's "SCNet (CVPR 2020)", "移动下一代(ECCV 2020)" and "三重注意解释(WACV 2021)" review one
    # paper each and gave no record; the paper is the intro's link given as the paper's title
    # ("题为[…](…)"), naming the title's model, or beside the venue, not the first one it cites
    intro = "最近注意力机制的设计是基于[挤压和激发模块](https://arxiv.org/abs/1709.01507)的。"
    cases = [
        ("SCNet (CVPR 2020)", f"{intro}我们将看看一篇论文，题为[用自校准卷积改进卷积网络](http://mftp.mmcheng.net/Papers/20cvprSCNet.pdf)。",
         "用自校准卷积改进卷积网络", "http://mftp.mmcheng.net/Papers/20cvprSCNet.pdf"),
        ("移动下一代(ECCV 2020)", f"{intro}\n\n我们将介绍在 ECCV 2020 上发布的新条目 [MobileNeXt](https://arxiv.org/abs/2007.02269) 。",
         "MobileNeXt", "https://arxiv.org/abs/2007.02269"),
        ("三重注意解释(WACV 2021)", f"{intro}\n\n我们将介绍一种新结构，称为[三联注意力](https://arxiv.org/abs/2010.03045)(在 WACV 2021 上接受)。",
         "三联注意力", "https://arxiv.org/abs/2010.03045"),
    ]
    from digestparse.fields.entry import extract_entry

    for title, body, name, url in cases:
        doc = parse_text(f"# {title}\n\n{body}\n\n## 动机\n\n这一节讲这篇论文的动机和它解决的问题。\n", path="r.md")
        fields = [extract_entry(doc, e) for e in find_entries(doc.blocks)]
        assert [(f.title.text, [link.url for link in f.links if link.role == "paper"][:1]) for f in fields] == [(name, [url])]
    # a title naming a conference is no review of one paper
    doc = parse_text(f"# CVPR 2020 的亮点(CVPR 2020)\n\n{intro}\n\n## 动机\n\n这一节讲动机。\n", path="r.md")
    assert find_entries(doc.blocks) == []


def test_a_walk_through_of_networks_whose_names_were_translated():
    # a meta-learning survey's "## 匹配网络" (Matching Networks), "## 关系网络", "## 原型网络":
    # fewer than half the headings kept a Latin-script name, so the run read as topics
    names = [("卷积暹罗神经网络", "1504.03641"), ("匹配网络", "1606.04080"), ("关系网络", "1711.06025"),
             ("原型网络", "1703.05175"), ("MAML", "1703.03400")]
    sections = [(name, f"{name}（[某某等人，2017](https://arxiv.org/abs/{arxiv})）是一种元学习模型，它学习度量。")
                for name, arxiv in names]
    assert [e.title for e in find_entries(parse_text(_walkthrough(sections)).blocks)] == [n for n, _ in names]
    # topics stay topics
    topics = [(t, f"{t}（[某某等人，2017](https://arxiv.org/abs/1703.0000{n})）讨论了这个问题，这一节讲它的定义和具体的计算步骤。")
              for n, t in enumerate(("影响函数", "训练过程中的预测变化", "神经网络的泛化", "MAML"))]
    assert find_entries(parse_text(_walkthrough(topics)).blocks) == []


def test_sections_citing_several_papers_by_author_year_are_a_survey_not_entries():
    # numbered category headings whose text cites many works ("Zoph 等人(2016) ... Pham 等人(2018)")
    cite = "[{a} 等人({y})](https://arxiv.org/abs/{y}.0{n})"
    sections = [
        (f"{n}. Method family {n}",
         f"这一类方法很多，例如 {cite.format(a='Zoph', y=2016, n=n)} 和 {cite.format(a='Pham', y=2018, n=n)} 都用它。")
        for n in (1, 2, 3)
    ]
    assert find_entries(parse_text(_walkthrough(sections)).blocks) == []
    # the same headings each about one paper are entries
    single = [(t, body.split(" 和 ")[0] + "。") for t, body in sections]
    assert [e.number for e in find_entries(parse_text(_walkthrough(single)).blocks)] == [1, 2, 3]


def test_walkthrough_section_citing_its_subject_after_its_name():
    sections = [
        (name, f"**{name}**（[{name} et al. 2019](https://arxiv.org/abs/19{n:02}.00001)）是一种预训练的语言表示模型，在许多任务上都有提升。")
        for n, name in enumerate(["CoVe", "ELMo", "GPT"], 1)
    ]
    # XLNet names itself in the second paragraph and cites the paper in the parenthesis after its name
    sections.append(("XLNet", "自回归模型有缺点。\n\n**XLNet**（“Generalized AR”; [Yang et al. 2019](https://arxiv.org/abs/1906.08237)）推广了它。"))
    # a topic section that names its subject and cites a paper only further on is not one
    sections.append(("令牌操作", "给定包含一系列令牌的文本输入，我们可以应用简单的令牌操作，如用同义词替换，以触发模型做出不正确的预测。基于令牌操作的攻击在黑盒设置中起作用。Python 框架 TextAttack ([Morris et al. 2020](https://arxiv.org/abs/2005.05909)) 实现了许多方法。"))
    entries = find_entries(parse_text(_walkthrough(sections)).blocks)
    assert [e.title for e in entries] == ["CoVe", "ELMo", "GPT", "XLNet"]


def test_a_heading_too_long_to_be_a_name_is_not_looked_for_in_its_text():
    # a page whose <h1> was closed by </h2> makes one heading of the page; looking for it
    # case-blind in its own text took minutes
    body = "（Yang et al. 2019）推广了它。"
    long_name = "Model " * (MAX_NAME // 6 + 1)
    assert len(long_name) > MAX_NAME
    assert _named_then_cited_at(long_name + body, long_name) is None
    name = long_name[:MAX_NAME]
    assert _named_then_cited_at(name + body, name) is not None


def test_sibling_section_linking_only_its_own_paper_joins_the_run():
    cited = [(name, f"[{name}](https://arxiv.org/abs/20{n:02}.00001) 是一种去雾模型。") for n, name in enumerate(["A-Net", "B-Net", "C-Net"], 1)]
    sections = (
        [("MSCNN", "MSCNN 是一种早期方法。\n\n![](f.png)\n\nSource: [Paper](https://link.springer.com/chapter/10.1007/978-3-319-46475-6_10)")]
        + cited[:1]
        # a part of A-Net's story that links A-Net's paper again is not one more entry
        + [("A-Net 架构", "它的结构如下。\n\n[链接到原始研究论文](https://arxiv.org/pdf/2001.00001.pdf)")]
        + cited[1:]
        # a section showing figures from several papers is not an entry
        + [("应用", "用途很多。\n\nSource: [Paper](https://arxiv.org/abs/1901.1)\n\nSource: [Paper](https://arxiv.org/abs/1902.2)")]
    )
    entries = find_entries(parse_text(_walkthrough(sections)).blocks)
    assert [e.title for e in entries] == ["MSCNN", "A-Net", "B-Net", "C-Net"]


def test_bold_references_line_closes_only_its_section():
    text = _walkthrough([
        (f"{n}. Model {n}", f"[Paper](https://arxiv.org/abs/2001.0000{n})\n\n**参考文献:**\n\n[ref](https://arxiv.org/abs/1999.0000{n})")
        for n in (1, 2, 3)
    ])
    assert [e.number for e in find_entries(parse_text(text).blocks)] == [1, 2, 3]


def test_two_paper_review_gives_one_entry_per_announced_paper():
    from digestparse.entries.rules import intro_paper_heading

    text = (
        "# 审查-决策转换器和螺旋\n\n"
        "本周的论文点评有 *[决策变压器:通过序列建模的强化学习](https://arxiv.org/pdf/2106.01345.pdf)* 和"
        "*[螺旋:用于语音预训练的自监督扰动不变表征学习](https://arxiv.org/pdf/2201.10207.pdf)*\n\n"
        # retranslated heading, no link: found by its text
        "## 决策转换器:通过序列建模的强化学习\n\n### 这篇论文有什么令人兴奋的地方\n\n"
        "[决策转换器](https://arxiv.org/pdf/2106.01345.pdf)将 RL 作为一个序列建模任务。\n\n### 主要发现\n\n它表现很好。\n\n"
        # a heading that reads differently: found by the paper its section links
        "## SPIRAL 自监督预训练\n\n### 这篇论文有什么令人兴奋的地方\n\n"
        "这是一种替代的语音预训练方法。\n\n[本文](https://arxiv.org/pdf/2201.10207.pdf)从 [BYOL](https://arxiv.org/pdf/2006.07733.pdf) 中汲取灵感。\n"
    )
    blocks = parse_text(text).blocks
    assert [c.title for c in intro_paper_heading(blocks)] == ["决策转换器:通过序列建模的强化学习", "SPIRAL 自监督预训练"]
    entries = find_entries(blocks)
    assert [(e.rule, e.title) for e in entries] == [
        ("intro_paper_heading", "决策转换器:通过序列建模的强化学习"),
        ("intro_paper_heading", "SPIRAL 自监督预训练"),
    ]
    # one announced paper is a single-paper review, not a one-entry list
    single = text.replace("和*[螺旋:用于语音预训练的自监督扰动不变表征学习](https://arxiv.org/pdf/2201.10207.pdf)*", "")
    assert [e.rule for e in find_entries(parse_text(single).blocks)] == ["review_intro"]


def test_headingless_paragraphs_opening_with_a_linked_title_and_year():
    from digestparse.fields.entry import extract_entry

    papers = [
        ("流行就是一切", "http://research.microsoft.com/apps/pubs/?id=132859", "（2010），由 Schechter、Herley 和 Mitzenmacher 撰写。标语：*好事！*"),
        ("Ropes: an Alternative to Strings", "http://www.cs.ubc.ca/spe986.pdf", "（1995），由 Boehm、Atkinson 和 Plass 撰写。"),
        ("Autotools 教程", "http://web.mit.edu/autotools.pdf", "（最后更新于 2010 年）由 Duret-Lutz 撰写。"),
    ]
    body = "\n\n* * *\n\n".join(f"[{t}]({u}){rest}\n\n> 摘要。\n\n我读了 [Bloom filters](http://en.wikipedia.org/wiki/Bloom_filter) (1970) 的介绍。" for t, u, rest in papers)
    doc = parse_text("# Paper Monday\n\n这里是我读过的论文。\n\n* * *\n\n" + body + "\n")
    entries = find_entries(doc.blocks)
    assert [(e.rule, e.title) for e in entries] == [("linked_title_paragraph", t) for t, _, _ in papers]
    # the linked title is the paper, whatever its host
    first = extract_entry(doc, entries[0])
    assert [(link.role, link.url) for link in first.links][:1] == [("paper", papers[0][1])]
    # the year and byline after the title are the paper's (they were left unread)
    fields = [extract_entry(doc, e) for e in entries]
    assert [(f.year, [a.name.text for a in f.authors]) for f in fields] == [
        (2010, ["Schechter", "Herley", "Mitzenmacher"]), (1995, ["Boehm", "Atkinson", "Plass"]), (2010, ["Duret-Lutz"])]
    # (one name alone: "由 Duret-Lutz 撰写" marks it as the author, as a list's separators would)
    # two such paragraphs are not yet a digest
    two = "\n\n".join(f"[{t}]({u}){rest}" for t, u, rest in papers[:2])
    assert find_entries(parse_text("# Notes\n\n" + two + "\n").blocks) == []


def test_headingless_paragraphs_opening_with_a_bold_name_linked_to_its_paper():
    # an overview of GAN variants, one paragraph each: "[**DCGAN**](arxiv) (paper title)是…"
    from digestparse.fields.entry import extract_entry

    names = [("DCGAN", "1511.06434"), ("WGAN", "1701.07875"), ("cGAN", "1411.1784")]
    body = "\n\n".join(f"[**{name}**](https://arxiv.org/abs/{arxiv}) (论文 {n} 的中文标题)是第 {n} 个变体，它改进了训练。"
                        for n, (name, arxiv) in enumerate(names, 1))
    doc = parse_text("# 生成对抗网络简介\n\n以下是一些具有突破性的变体。\n\n" + body + "\n")
    fields = [extract_entry(doc, e) for e in find_entries(doc.blocks)]
    assert [(f.rule, f.title.text) for f in fields] == [("linked_title_paragraph", name) for name, _ in names]
    assert [[(link.role, link.url) for link in f.links] for f in fields] == [
        [("paper", f"https://arxiv.org/abs/{arxiv}")] for _, arxiv in names]
    assert fields[0].summary.text == "DCGAN (论文 1 的中文标题)是第 1 个变体，它改进了训练。"
    # a bold word linked to a page that is no paper opens running text
    blogs = regex.sub(r"https://arxiv\.org/abs/[\d.]+", "https://example.com/post", body)
    assert find_entries(parse_text("# 简介\n\n" + blogs + "\n").blocks) == []


def test_top_level_headings_linked_to_papers_below_a_top_level_title():
    # a survey that sets its sections at the top level, "# [Deep Speech](arxiv)" after "# 介绍",
    # gave no entries: top-level headings were all taken for the title
    papers = [("深度演讲", "1412.5567"), ("深度演讲 2", "1512.02595"), ("Wav2Vec", "1904.05862")]
    text = "# 端到端语音识别\n\n# 介绍\n\n以下是该领域的一些重要论文。\n\n" + "".join(
        f"# [{t}](https://arxiv.org/abs/{a})\n\n这篇论文提出了 {t}。\n\n### 模型结构\n\n它的结构很简单。\n\n" for t, a in papers)
    entries = find_entries(parse_text(text).blocks)
    assert [(e.rule, e.title) for e in entries] == [("paper_link_heading", t) for t, _ in papers]
    # the title itself, linked to a paper, is no entry
    review = "# [Attention Is All You Need](https://arxiv.org/abs/1706.03762)\n\n" + "".join(
        f"## [{t}](https://arxiv.org/abs/{a})\n\n相关工作。\n\n" for t, a in papers)
    assert [e.title for e in find_entries(parse_text(review).blocks)] == [t for t, _ in papers]


@pytest.mark.parametrize("html_template", [
    '<p><a href="https://arxiv.org/abs/{arxiv}"><strong>{name}</strong></a> (论文 {n} 的中文标题)是第 {n} 个变体，它改进了训练。</p>\n',
    '<p><b><a href="https://arxiv.org/abs/{arxiv}">{name}</a></b> (论文 {n} 的中文标题)是第 {n} 个变体，它改进了训练。</p>\n',
])
def test_bold_linked_names_and_bold_list_items_in_html(html_template):
    # the HTML of the two Markdown layouts above gave no entries: the rules read the Markdown source
    names = [("DCGAN", "1511.06434"), ("WGAN", "1701.07875"), ("cGAN", "1411.1784")]
    body = "".join(html_template.format(arxiv=arxiv, name=name, n=n) for n, (name, arxiv) in enumerate(names, 1))
    doc = parse_text("<html><body><h1>生成对抗网络简介</h1>\n<p>以下是一些变体。</p>\n" + body + "</body></html>\n", path="gan.html")
    assert [(e.rule, e.title) for e in find_entries(doc.blocks)] == [("linked_title_paragraph", name) for name, _ in names]
    items = "".join(f'<li><em><strong>{name}:</strong> <a href="https://arxiv.org/abs/{arxiv}">第 {n} 篇论文的中文标题</a> '
                    f'(<a href="https://github.com/a/{name}">实现</a>)</em></li>\n' for n, (name, arxiv) in enumerate(names, 1))
    doc = parse_text("<html><body><h1>模型</h1>\n<p>下面列出了它们的名称、实现和论文链接:</p>\n<ul>\n" + items + "</ul></body></html>\n",
                     path="sr.html")
    assert [(e.rule, e.title) for e in find_entries(doc.blocks)] == [("paper_list_item", name) for name, _ in names]


def test_one_heading_followed_by_a_paper_link_is_not_a_list():
    text = "# Tutorial\n\n## Setup\n\nInstall it.\n\n## 来源\n\n[Paper](https://arxiv.org/pdf/1806.03377.pdf)\n"
    assert find_entries(parse_text(text).blocks) == []


def test_parts_of_one_explanation_citing_the_same_paper_are_not_entries():
    paper = "[Vaswani et al.](https://arxiv.org/abs/1706.03762)"
    sections = [(t, f"{paper} 提出了 Transformer，这一节讲它的{t}和具体的计算步骤，以及它在实践中的效果。")
                for t in ("Encoder", "Decoder", "Multi-head attention")]
    assert find_entries(parse_text(_walkthrough(sections)).blocks) == []


def test_question_and_lead_in_headings_are_not_entries():
    sections = [(t, f"[{t} 论文](https://arxiv.org/abs/20{n:02}.00001) 提出的方法，这里介绍它的原理、训练方式和实际效果。")
                for n, t in enumerate(("简介:", "Transformer 是什么？", "BERT 的应用:"), 1)]
    assert find_entries(parse_text(_walkthrough(sections)).blocks) == []


def test_walkthrough_of_translated_topics_without_model_names_is_not_a_digest():
    def run(titles):
        sections = [(t, f"[作者 等人，2017](https://arxiv.org/abs/17{n:02}.00001) 提出了这种方法，这里介绍它的原理、训练方式和在各个基准上的效果。")
                    for n, t in enumerate(titles, 1)]
        return [e.title for e in find_entries(parse_text(_walkthrough(sections)).blocks)]

    assert run(("影响函数", "训练过程中的预测变化", "嘈杂交叉验证")) == []
    assert run(("SimCLR", "带有记忆库的实例辨别", "BYOL", "MoCo")) == ["SimCLR", "带有记忆库的实例辨别", "BYOL", "MoCo"]


LIST_DIGEST = """# 本周值得一读的 5 篇论文

以下是本周我们挑选的论文：

1. [Attention Is All You Need](https://arxiv.org/abs/1706.03762)：提出了 Transformer。[代码](https://github.com/tensorflow/tensor2tensor)
2. [BERT: Pre-training of Deep Bidirectional Transformers](https://arxiv.org/abs/1810.04805)：双向预训练。
3. [Deep Residual Learning for Image Recognition](https://arxiv.org/abs/1512.03385)：残差网络。
"""

BULLET_DIGEST = """# Top papers this month

- **Attention Is All You Need** ([paper](https://arxiv.org/abs/1706.03762), [code](https://github.com/tensorflow/tensor2tensor)) — the Transformer.
  - Talk: https://www.youtube.com/watch?v=abc
- **BERT** ([paper](https://arxiv.org/abs/1810.04805)) — bidirectional pre-training.
- **ResNet** ([paper](https://arxiv.org/abs/1512.03385)) — residual learning.

## Other news

A paragraph that is no part of the last entry.
"""


def test_digests_that_list_their_papers():
    # a list of linked or bold titles, one paper per item, was no entry at all
    from digestparse.fields.entry import extract_entry

    for text, numbers in ((LIST_DIGEST, [1, 2, 3]), (BULLET_DIGEST, [None, None, None])):
        doc = parse_text(text)
        entries = find_entries(doc.blocks)
        assert [e.rule for e in entries] == ["paper_list_item"] * 3
        assert [e.number for e in entries] == numbers
        fields = [extract_entry(doc, e) for e in entries]
        assert [f.links[0].url for f in fields] == [f"https://arxiv.org/abs/{n}" for n in ("1706.03762", "1810.04805", "1512.03385")]
        assert [link.role for link in fields[0].links][:2] == ["paper", "code"]
    list_fields = [extract_entry(doc, e) for doc in [parse_text(LIST_DIGEST)] for e in find_entries(doc.blocks)]
    assert [f.title.text for f in list_fields][1] == "BERT: Pre-training of Deep Bidirectional Transformers"
    assert [f.summary.text for f in list_fields] == ["提出了 Transformer。", "双向预训练。", "残差网络。"]
    doc = parse_text(BULLET_DIGEST)
    bullet_fields = [extract_entry(doc, e) for e in find_entries(doc.blocks)]
    assert [f.summary.text for f in bullet_fields] == ["the Transformer.", "bidirectional pre-training.", "residual learning."]
    # the nested item belongs to its entry, the paragraph after the list to none
    assert any(link.role == "talk" for link in bullet_fields[0].links)
    assert bullet_fields[-1].lines == (6, 6)


AWESOME_LIST = """# Awesome Efficient Transformers

A curated list. PRs welcome!

## 2021

- **[Rethinking Attention with Performers](https://arxiv.org/abs/2009.14794)** - Krzysztof Choromanski, Valerii Likhosherstov, et al. *ICLR 2021*. [[code](https://github.com/google-research/google-research)]
- **[Random Feature Attention](https://openreview.net/forum?id=QtTKTdVrFBB)** - Hao Peng, Nikolaos Pappas. *ICLR 2021*.

## 2020

- [Longformer: The Long-Document Transformer](https://arxiv.org/abs/2004.05150) - Beltagy et al. Sparse attention for long documents.
- [Reformer: The Efficient Transformer](https://openreview.net/forum?id=rkgNKkHtvB) - Nikita Kitaev, Łukasz Kaiser. *ICLR 2020*.
"""


def test_awesome_lists_and_papers_over_year_sections():
    # the year headings say nothing of papers, so the lists were announced by nothing: no entries;
    # the authors and venue after each title were its summary
    from digestparse.fields.entry import extract_entry

    for text in (AWESOME_LIST, AWESOME_LIST.replace("# Awesome Efficient Transformers", "# Efficient Transformers\n\n## Papers")
                 .replace("## 20", "### 20")):
        doc = parse_text(text)
        fields = [extract_entry(doc, e) for e in find_entries(doc.blocks)]
        assert [f.title.text for f in fields] == [
            "Rethinking Attention with Performers", "Random Feature Attention", "Longformer: The Long-Document Transformer",
            "Reformer: The Efficient Transformer"]
        assert [[a.name.text for a in f.authors] for f in fields] == [
            ["Krzysztof Choromanski", "Valerii Likhosherstov"], ["Hao Peng", "Nikolaos Pappas"], ["Beltagy"],
            ["Nikita Kitaev", "Łukasz Kaiser"]]
        assert [f.et_al for f in fields] == [True, False, True, False]
        assert [f.year for f in fields] == [2021, 2021, None, 2020]
        assert [f.summary.text if f.summary else None for f in fields] == [None, None, "Sparse attention for long documents.", None]


def test_a_title_speaking_of_papers_does_not_announce_lists_deep_in_its_sections():
    # a tutorial on writing research papers lists example papers under "Method > Approach"
    text = ("# 规划和撰写研究论文\n\n## 方法论\n\n### 接近\n\n" + "".join(
        f"- [Paper title number {n}](https://arxiv.org/abs/2001.0000{n})\n" for n in (1, 2, 3, 4)))
    assert find_entries(parse_text(text).blocks) == []


def test_bold_title_paragraphs_over_a_paper_link():
    # an award list's bold titles with no number, each over "论文地址：<url>", gave no entries
    papers = [("Universal Few-shot Learning of Dense Prediction Tasks", "88nT0j5jAZ"),
              ("Rethinking the Expressive Power of GNNs", "r9hNv76KoT3"), ("DreamFusion: Text-to-3D using 2D Diffusion", "FjNys5c7VyY")]
    text = "# ICLR 2023 杰出论文奖\n\n## 杰出论文\n\n" + "".join(
        f"**{title}**\n\n论文地址：\nhttps://openreview.net/forum?id={key}\n\n这篇论文的介绍。\n\n" for title, key in papers)
    assert [(e.rule, e.title) for e in find_entries(parse_text(text).blocks)] == [("bold_title_paragraph", t) for t, _ in papers]
    # two are too few to tell from a post's bold pseudo-headings; prose citing a paper is no link row
    assert find_entries(parse_text(text.split("**DreamFusion")[0]).blocks) == []
    cited = text.replace("论文地址：\nhttps://openreview.net/forum?id=", "我们在这里讨论了一篇很长很长的论文，它的地址是 https://openreview.net/forum?id=")
    assert find_entries(parse_text(cited).blocks) == []


def test_two_lists_of_papers_in_two_sections_are_both_entries():
    # only the best-scoring run of entries was kept: the honourable mentions were lost
    def items(numbered: bool, start: int) -> str:
        return "".join(f"{f'{n}.' if numbered else '-'} [Paper title number {n + start}](https://arxiv.org/abs/2001.000{n + start:02})\n"
                       for n in (1, 2, 3))
    text = f"# Reading list\n\n## Top papers\n\n{items(True, 0)}\n## Honourable mention papers\n\n{items(False, 10)}"
    entries = find_entries(parse_text(text).blocks)
    assert [e.title for e in entries] == [f"Paper title number {n}" for n in (1, 2, 3, 11, 12, 13)]
    assert [e.number for e in entries] == [1, 2, 3, None, None, None]
    assert [e.ordinal for e in entries] == [1, 2, 3, 4, 5, 6]


def test_awesome_list_items_titled_before_their_labelled_links_or_after_a_tag():
    # "Title. [[paper]](…)" and "[2023/04] **Title** [[📄 Paper](…)]" gave no title: the first
    # link's label is no title, and the bold title did not open the item
    from digestparse.fields.entry import extract_entry

    plain = "".join(f"- Paper title number {n}. [[paper]](https://arxiv.org/abs/2001.0000{n}) [[code]](https://github.com/a/{n})\n"
                    for n in (1, 2, 3))
    tagged = "".join(f"- [2023/0{n}] **Paper title number {n}** [[📄 Paper](https://arxiv.org/abs/2001.0000{n})]\n"
                     for n in (1, 2)) + "- `NeurIPS 2023` **Paper title number 3** [[Paper](https://arxiv.org/abs/2001.00003)]\n"
    for items in (plain, tagged):
        doc = parse_text("# Awesome Papers\n\n## Models\n\n" + items, path="awesome.md")
        entries = find_entries(doc.blocks)
        assert [e.title for e in entries] == [f"Paper title number {n}" for n in (1, 2, 3)]
        assert all(extract_entry(doc, e).summary is None for e in entries)  # (the tag is no summary)


def test_list_items_whose_bold_name_holds_its_colon_or_the_item_is_in_italics():
    # "**ESPCN:** *[title](arxiv)*" read as a topic lead-in ("简介:"), and "***EDSR:** …*" had
    # no bold opening: a list of four models with their papers gave no entries
    from digestparse.fields.entry import extract_entry

    names = ("EDSR", "ESPCN", "FSRCNN")
    items = [f"*   **{name}:** *[第 {n} 篇论文的中文标题](https://arxiv.org/abs/1707.0292{n})* ( [实现](https://github.com/a/{name}))"
             for n, name in enumerate(names, 1)]
    items[0] = f"*   ***{names[0]}:** [第 1 篇论文的中文标题](https://arxiv.org/abs/1707.02921) ( [实现](https://github.com/a/EDSR) )*"
    doc = parse_text("# 超分辨率\n\n下面列出了它们的名称、实现和论文链接:\n\n" + "\n".join(items) + "\n", path="sr.md")
    fields = [extract_entry(doc, e) for e in find_entries(doc.blocks)]
    assert [f.title.text for f in fields] == list(names)
    assert [[link.role for link in f.links] for f in fields] == [["paper", "code"]] * 3
    # a bold lead-in that is a topic stays one
    topics = "\n".join(f"*   **{t}:** [第 {n} 篇](https://arxiv.org/abs/1707.0292{n})" for n, t in enumerate(("简介", "背景", "结论"), 1))
    assert find_entries(parse_text("# 论文\n\n" + topics + "\n", path="t.md").blocks) == []


def test_list_items_with_an_id_before_the_title_and_paragraphs_below_it():
    # "1. arXiv:2302.13971 — **LLaMA**" was titled "arXiv:2302.13971"; the item's quoted abstract
    # and a Notion toggle's indented lines were no part of the entry; a title over month sections
    # did not announce their lists
    from digestparse.fields.entry import extract_entry

    listing = "# Top papers of the week\n\n" + "".join(
        f"{n}. arXiv:2302.0000{n} — **Paper title number {n}**\n   Ann Lee, Bob Li\n   > The abstract of paper {n}, in one sentence.\n\n"
        for n in (1, 2, 3))
    toggles = "# ML Papers I Read in 2023\n\n## January\n\n" + "".join(
        f"- **Paper title number {n}**\n    \n    Paper: [https://arxiv.org/abs/2302.0000{n}](https://arxiv.org/abs/2302.0000{n})\n"
        f"    \n    The abstract of paper {n}, in one sentence.\n    \n" for n in (1, 2, 3))
    for text in (listing, toggles):
        doc = parse_text(text, path="papers.md")
        fields = [extract_entry(doc, e) for e in find_entries(doc.blocks)]
        assert [f.title.text for f in fields] == [f"Paper title number {n}" for n in (1, 2, 3)]
        assert [f.summary.text for f in fields] == [f"The abstract of paper {n}, in one sentence." for n in (1, 2, 3)]
        assert [[link.url for link in f.links if link.role == "paper"] for f in fields] == [
            [f"https://arxiv.org/abs/2302.0000{n}"] for n in (1, 2, 3)]


def test_a_gap_in_the_numbering_loses_no_entries():
    # a scrape that missed entry 3 split its numbering into two runs, and only the longer was kept
    text = "# Papers of the year\n\n" + "".join(
        f"### {n}. Paper title number {n}\n\n[Paper](https://arxiv.org/abs/2001.000{n:02})\n\nWhat it does.\n\n"
        for n in (1, 2, 4, 5, 6, 7))
    assert [e.number for e in find_entries(parse_text(text, path="p.md").blocks)] == [1, 2, 4, 5, 6, 7]


@pytest.mark.parametrize("numbers", [(5, 4, 3, 2, 1), (10, 9, 8, 7, 6), (1, 3, 2, 4, 5), (1, 2, 4, 3, 5, 6)],
                         ids=["countdown", "top ten counted down", "two swapped", "two swapped later"])
def test_a_countdown_or_a_swapped_pair_is_one_run(numbers):
    # runs had to count up by one: a "top 5" counted down gave no entries, and a copy that
    # swapped two entries kept only the longest run after the swap
    text = "# Papers of the year\n\n" + "".join(
        f"### {n}. Paper title number {n}\n\n[Paper](https://arxiv.org/abs/2001.000{n:02})\n\nWhat it does.\n\n"
        for n in numbers)
    assert [e.number for e in find_entries(parse_text(text, path="p.md").blocks)] == list(numbers)


@pytest.mark.parametrize("suffix", ["md", "txt"])
def test_titles_that_open_with_a_digit_keep_their_numbered_run(suffix):
    # "2. 3D Gaussian Splatting" was no numbered title (a digit after the number read as a
    # decimal), so the run broke there and the entries after it ran into the one before
    titles = ["DreamGaussian", "3D Gaussian Splatting", "4D Gaussian Splatting", "3D-LLM: Injecting the 3D World", "Zero-1-to-3"]
    head = "## " if suffix == "md" else ""
    text = "# Papers of the year\n\n" + "".join(
        f"{head}{n}. {title}\n\nPaper: https://arxiv.org/abs/2001.000{n:02}\n\nWhat it does.\n\n" for n, title in enumerate(titles, 1))
    entries = find_entries(parse_text(text, path=f"p.{suffix}").blocks)
    assert [(e.number, e.title) for e in entries] == list(enumerate(titles, 1))


def test_a_plain_item_over_a_linked_title_is_no_entry_of_its_own():
    # (a plain title heads an entry only over a paper's bare address or labelled link)
    text = "# Papers to read\n\n" + "".join(
        f"- Introduction to topic {n}\n  - [Paper title number {n}](https://arxiv.org/abs/2001.0000{n})\n" for n in (1, 2, 3))
    assert [e.title for e in find_entries(parse_text(text, path="p.md").blocks)] == [
        f"Paper title number {n}" for n in (1, 2, 3)]


def test_link_lists_not_announced_as_papers_are_not_entries():
    # a tutorial's sources, a survey's citations: lists of paper links are common in any article
    sources = LIST_DIGEST.replace("# 本周值得一读的 5 篇论文", "# 用 PyTorch 训练模型").replace("以下是本周我们挑选的论文：", "参考资料：")
    assert find_entries(parse_text(sources).blocks) == []
    # titles that are addresses, years or author-and-year citations are no paper titles
    cited = "# Papers\n\n" + "".join(
        f"- [{label}](https://arxiv.org/abs/1706.0376{i}) 提出了新方法。\n"
        for i, label in enumerate(["https://arxiv.org/abs/1706.03760", "2017", "Vaswani et al. (2017)"])
    )
    assert find_entries(parse_text(cited).blocks) == []


@pytest.mark.parametrize(
    "heading, number, title",
    [("#2 BERT", 2, "BERT"), ("Paper 3: ResNet", 3, "ResNet"), ("No. 4 — GAN", 4, "GAN"),
     ("Top 5: ViT", 5, "ViT"), ("[6] VAE", 6, "VAE"), ("第七篇：扩散模型", 7, "扩散模型"),
     ("第 8 篇论文：CLIP", 8, "CLIP"), ("2. 3D Gaussian Splatting", 2, "3D Gaussian Splatting"),
     ("论文 1 | CLIP", 1, "CLIP"), ("Paper 2 | GPT-2", 2, "GPT-2"), ("3.14 is pi", None, "3.14 is pi"), ("论文九：DALL-E", 9, "DALL-E"), ("十一、GPT-3", 11, "GPT-3"),
     ("（十二）T5", 12, "T5"), ("⑬ XLNet", 13, "XLNet"), ("4️⃣ Swin", 4, "Swin"),
     # and what is no entry number
     ("第一作者：张三", None, "第一作者：张三"), ("第一部分", None, "第一部分"), ("Top 10 papers", None, "Top 10 papers"),
     ("一个模型", None, "一个模型"), ("#ICLR2020", None, "#ICLR2020")],
)
def test_more_numbering_styles(heading, number, title):
    assert split_number(heading) == (number, title)


def test_digest_numbered_in_chinese_ordinals():
    text = "# 本月论文精选\n\n" + "".join(
        f"## 第{n}篇：{name}\n\n[论文](https://arxiv.org/abs/{arxiv}) 简介。\n\n"
        for n, name, arxiv in (("一", "Transformer", "1706.03762"), ("二", "BERT", "1810.04805"), ("三", "ResNet", "1512.03385"))
    )
    entries = find_entries(parse_text(text).blocks)
    assert [(e.number, e.title) for e in entries] == [(1, "Transformer"), (2, "BERT"), (3, "ResNet")]


def test_bold_title_lines_broken_from_their_links_and_summary_are_entries():
    from digestparse.fields.entry import extract_entry

    # one paragraph per paper: a bold numbered title, a line break, links, a line break, summary
    papers = [("Attention Is All You Need", "1706.03762", "Attention replaces recurrence."),
              ("BERT", "1810.04805", "Masked language model pre-training."),
              ("ResNet", "1512.03385", "Residual connections.")]
    md = "# Three papers\n\nWe liked these.\n\n" + "".join(
        f"**{n}. {t}**  \n[Paper](https://arxiv.org/abs/{i})  \n{s}\n\n" for n, (t, i, s) in enumerate(papers, 1))
    html = "<html><body><h1>Three papers</h1>\n<p>We liked these.</p>\n" + "".join(
        f'<p><strong>{n}. {t}</strong><br>\n<a href="https://arxiv.org/abs/{i}">Paper</a><br>\n{s}</p>\n'
        for n, (t, i, s) in enumerate(papers, 1)) + "</body></html>"
    for text, fmt in ((md, "markdown"), (html, "html")):
        doc = parse(text, fmt=fmt)
        entries = find_entries(doc.blocks)
        assert [e.title for e in entries] == [t for t, _, _ in papers], fmt
        fields = [extract_entry(doc, e) for e in entries]
        assert [f.summary.text for f in fields] == [s for _, _, s in papers], fmt
        assert [f.links[0].url for f in fields] == [f"https://arxiv.org/abs/{i}" for _, i, _ in papers], fmt
    title_line = next(b for b in parse(md, fmt="markdown").blocks if b.text == "2. BERT")
    assert title_line.lines == (9, 9) and title_line.strong


def test_list_digest_whose_links_and_summary_are_nested_below_a_bold_title():
    from digestparse.fields.entry import extract_entry

    md = ("# 本周值得读的论文\n\n以下是本周推荐的三篇论文：\n\n"
          "1. **Attention Is All You Need**\n   - 论文：[arXiv](https://arxiv.org/abs/1706.03762)\n"
          "   - 代码：[GitHub](https://github.com/tensorflow/tensor2tensor)\n   - 摘要：提出了 Transformer。\n"
          "2. **BERT**\n   - 论文：[arXiv](https://arxiv.org/abs/1810.04805)\n   - 摘要：掩码语言模型预训练。\n"
          "3. **ResNet**\n   - 论文：[arXiv](https://arxiv.org/abs/1512.03385)\n   - 摘要：残差连接。\n")
    doc = parse_text(md)
    entries = find_entries(doc.blocks)
    assert [(e.rule, e.title) for e in entries] == [
        ("paper_list_item", "Attention Is All You Need"), ("paper_list_item", "BERT"), ("paper_list_item", "ResNet")]
    first = extract_entry(doc, entries[0])
    assert [link.role for link in first.links] == ["paper", "code"]
    assert (first.summary.text, first.summary.lang) == ("提出了 Transformer。", "zh")
    # a bold item with nothing linked below it is no paper
    unlinked = "\n".join(line for line in md.splitlines() if "](" not in line)
    assert find_entries(parse_text(unlinked).blocks) == []


def test_labelled_chinese_digest_lines_are_links_affiliations_and_summaries():
    from digestparse.fields.entry import extract_entry

    papers = [("Masked Autoencoders Are Scalable Vision Learners", "2111.06377", "facebookresearch/mae"),
              ("Swin Transformer", "2103.14030", "microsoft/Swin-Transformer"),
              ("Denoising Diffusion Probabilistic Models", "2006.11239", "hojonathanho/diffusion")]
    md = "# 三篇论文\n\n" + "".join(
        f"### 论文标题：{t}\n\n论文链接：https://arxiv.org/abs/{a}\n\n代码链接：https://github.com/{g}\n\n"
        f"项目主页：https://p{n}.example.org/\n\n单位：Meta AI (FAIR)\n\n简介：第 {n} 篇论文的简介。\n\n"
        for n, (t, a, g) in enumerate(papers, 1))
    doc = parse_text(md, fmt="markdown")
    entries = find_entries(doc.blocks)
    assert [e.title for e in entries] == [t for t, _, _ in papers]
    first = extract_entry(doc, entries[0])
    assert [(link.role, link.url) for link in first.links] == [
        ("paper", "https://arxiv.org/abs/2111.06377"), ("code", "https://github.com/facebookresearch/mae"),
        ("project", "https://p1.example.org/")]
    assert (first.summary.text, first.summary_kind) == ("第 1 篇论文的简介。", "summary")


@pytest.mark.parametrize("template", ["## {r}. {t}", "## {n:02d} | {t}", "## 【{n}】{t}", "## Paper {n}：{t}",
                                      "## 🔥 {n}. {t}", "## {n} - {t}", "## {n}/3 {t}"])
def test_numbering_styles_of_digest_headings(template):
    titles = ["Attention Is All You Need", "BERT", "Deep Residual Learning"]
    ids = ["1706.03762", "1810.04805", "1512.03385"]
    md = "# Three papers\n\n" + "".join(
        template.format(n=n, r="I" * n, t=t) + f"\n\n[Paper](https://arxiv.org/abs/{i})\n\nSummary {n}.\n\n"
        for n, (t, i) in enumerate(zip(titles, ids), 1))
    entries = find_entries(parse_text(md, fmt="markdown").blocks)
    assert [(e.number, e.title) for e in entries] == [(1, titles[0]), (2, titles[1]), (3, titles[2])]


PAPERS = [("Deep Reinforcement Learning at the Edge of the Statistical Precipice", "2108.13264"),
          ("Moser Flow: Divergence-based Generative Modeling on Manifolds", "2110.07580"),
          ("Attention Is All You Need", "1706.03762")]


def _html_digest(item: str) -> str:
    return ("<html><body><article><header><h1>Reading list</h1></header>\n"
            "<p>Three papers I enjoyed.</p>\n" + "".join(item.format(n=n, t=t, a=a) for n, (t, a) in enumerate(PAPERS, 1))
            + "</article></body></html>")


@pytest.mark.parametrize("item", [
    # a Jekyll post: the authors' line between the heading and the links
    "<h2>{t}</h2>\n<p>Ada Lee, Bo Chen, Carla Diaz</p>\n<p><a href='https://arxiv.org/abs/{a}'>[arXiv]</a></p>\n"
    "<p>Summary of paper {n}.</p>\n",
    # WordPress block comments between the heading and its links, a figure with a plain figcaption
    "<!-- wp:heading --><h3>{n}. {t}</h3><!-- /wp:heading -->\n<!-- wp:paragraph --><p><a href='https://arxiv.org/abs/{a}'>Paper</a></p>\n"
    "<figure><img src='f{n}.png'><figcaption>The method of paper {n}.</figcaption></figure>\n<p>Summary of paper {n}.</p>\n",
    # an ordered list whose items open with a bold title, links nested below
    "<ol start='{n}'><li><strong>{t}</strong><ul><li>Paper: <a href='https://arxiv.org/abs/{a}'>arXiv</a></li>"
    "<li>Summary: Summary of paper {n}.</li></ul></li></ol>\n",
    # a Zhihu answer: every outgoing link goes through link.zhihu.com
    "<h2>{n}. {t}</h2>\n<p><a href='https://link.zhihu.com/?target=https%3A//arxiv.org/abs/{a}'>论文</a></p>\n"
    "<p>Summary of paper {n}.</p>\n",
])
def test_html_digest_layouts(item):
    from digestparse.fields.entry import extract_entry

    html = _html_digest(item)
    if "<ol" in item:
        html = html.replace("Three papers I enjoyed.", "Three papers I enjoyed:")
    doc = parse_text(html, fmt="html")
    assert doc.title == "Reading list"
    entries = find_entries(doc.blocks)
    assert [e.title for e in entries] == [t for t, _ in PAPERS]
    fields = [extract_entry(doc, e) for e in entries]
    assert [f.links[0].url for f in fields] == [f"https://arxiv.org/abs/{a}" for _, a in PAPERS]
    assert [f.summary.text.rstrip(".") for f in fields] == [f"Summary of paper {n}" for n in (1, 2, 3)]
    if "Ada Lee" in item:
        assert [a.name.text for a in fields[0].authors] == ["Ada Lee", "Bo Chen", "Carla Diaz"]
    if "figcaption" in item:
        assert fields[0].caption.text == "The method of paper 1."


@pytest.mark.parametrize("author_line, names", [
    ("*Xiang Lisa Li, Percy Liang (ACL 2021)*", ["Xiang Lisa Li", "Percy Liang"]),
    ("作者：Ashish Vaswani、Noam Shazeer（Google Brain）", ["Ashish Vaswani", "Noam Shazeer"]),
    ("Feng Li<sup>1,2</sup>, Hao Zhang<sup>1</sup>", ["Feng Li", "Hao Zhang"]),
    ("👥 Xinlei Chen, Kaiming He — Facebook AI Research", ["Xinlei Chen", "Kaiming He"]),
])
def test_author_lines_with_venues_affiliations_and_marks_are_authors_not_summaries(author_line, names):
    from digestparse.fields.entry import extract_entry

    md = "# Three papers\n\n" + "".join(
        f"## {n}. Paper {n}\n\n{author_line}\n\n[Paper](https://arxiv.org/abs/2101.0000{n})\n\nSummary {n}.\n\n"
        for n in (1, 2, 3))
    doc = parse_text(md, fmt="markdown")
    first = extract_entry(doc, find_entries(doc.blocks)[0])
    assert [a.name.text for a in first.authors] == names
    assert first.summary.text.rstrip(".") == "Summary 1"


def test_venue_tags_alt_text_captions_and_labelled_related_lists():
    from digestparse.fields.entry import extract_entry

    md = "# Three ICLR 2022 papers\n\n" + "".join(
        f"## {n}. Paper number {n} (ICLR 2022, Outstanding Paper)\n\n[Paper](https://arxiv.org/abs/2201.0000{n})\n\n"
        f"![Fig. {n}. The architecture of model {n}.](fig{n}.png)\n\nSummary {n}.\n\n"
        f"**Related papers:**\n\n- [Earlier work {n}](https://arxiv.org/abs/1901.0000{n})\n- [Later work {n}](https://arxiv.org/abs/2301.0000{n})\n\n"
        for n in (1, 2, 3))
    doc = parse_text(md, fmt="markdown")
    entries = find_entries(doc.blocks)
    assert [e.title for e in entries] == [f"Paper number {n}" for n in (1, 2, 3)]
    last = extract_entry(doc, entries[2])
    assert last.year == 2022
    assert last.caption.text == "Fig. 3. The architecture of model 3."
    assert [r.title for r in last.related] == ["Earlier work 3", "Later work 3"]
    assert last.summary.text.rstrip(".") == "Summary 3"


def test_text_digest_whose_parts_are_labelled_lines_without_blank_lines():
    from digestparse.fields.entry import extract_entry

    text = "Three GNN papers\n\n" + "".join(
        f"{n}. Graph paper {n}\nAuthors: Ada Lee, Bo Chen\nPaper: https://arxiv.org/abs/1710.1090{n}\n"
        f"Code: https://github.com/lab/gnn{n}\nSummary: What paper {n} does.\n\n" for n in (1, 2, 3))
    doc = parse_text(text, fmt="text")
    entries = find_entries(doc.blocks)
    assert [e.title for e in entries] == [f"Graph paper {n}" for n in (1, 2, 3)]
    first = extract_entry(doc, entries[0])
    assert [link.role for link in first.links] == ["paper", "code"]
    assert [a.name.text for a in first.authors] == ["Ada Lee", "Bo Chen"]
    assert first.summary.text.rstrip(".") == "What paper 1 does"


TABLE_PAPERS = [("Attention Is All You Need", "1706.03762", "Vaswani 等", "提出 Transformer"),
                ("BERT", "1810.04805", "Devlin, Chang, Lee, Toutanova", "双向预训练"),
                ("Deep Residual Learning", "1512.03385", "Kaiming He", "残差连接")]


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_table_digest_rows_are_entries(fmt):
    from digestparse.fields.entry import extract_entry

    if fmt == "markdown":
        text = "# 本月值得读的论文\n\n| # | 论文 | 作者 | 简介 |\n|---|---|---|---|\n" + "".join(
            f"| {n} | [{t}](https://arxiv.org/abs/{a}) | {who} | {what}。 |\n" for n, (t, a, who, what) in enumerate(TABLE_PAPERS, 1))
    else:
        text = "<h1>本月值得读的论文</h1>\n<table><thead><tr><th>#</th><th>论文</th><th>作者</th><th>简介</th></tr></thead>\n" + "".join(
            f"<tr><td>{n}</td><td><a href='https://arxiv.org/abs/{a}'>{t}</a></td><td>{who}</td><td>{what}。</td></tr>\n"
            for n, (t, a, who, what) in enumerate(TABLE_PAPERS, 1)) + "</table>"
    doc = parse_text(text, fmt=fmt)
    entries = find_entries(doc.blocks)
    assert [(e.rule, e.number, e.title) for e in entries] == [
        ("paper_table_row", n, t) for n, (t, _, _, _) in enumerate(TABLE_PAPERS, 1)]
    fields = [extract_entry(doc, e) for e in entries]
    assert [f.links[0].url for f in fields] == [f"https://arxiv.org/abs/{a}" for _, a, _, _ in TABLE_PAPERS]
    assert [f.summary.text for f in fields] == [what for _, _, _, what in TABLE_PAPERS]
    assert [[a.name.text for a in f.authors] for f in fields] == [["Vaswani"], ["Devlin", "Chang", "Lee", "Toutanova"], ["Kaiming He"]]
    assert fields[0].et_al and fields[1].lines == (6, 6) if fmt == "markdown" else fields[0].et_al


def test_a_table_of_models_that_cite_papers_gives_no_entries():
    text = "# NAS 综述\n\n| 模型名称 | 搜索空间 | 搜索算法 |\n|---|---|---|\n" + "".join(
        f"| [Model {n}](https://arxiv.org/abs/2001.0000{n}) | cell | RL |\n" for n in range(1, 5))
    assert find_entries(parse_text(text, fmt="markdown").blocks) == []
    # unless a heading announces it as papers: "# 附录: NAS 论文摘要" over a model per row, its
    # name linked to its paper (the survey's 14 papers had no record)
    appendix = text.replace("# NAS 综述\n", "# NAS 综述\n\n正文。\n\n# 附录: NAS 论文摘要\n")
    assert [(e.rule, e.title) for e in find_entries(parse_text(appendix, fmt="markdown").blocks)] == [
        ("paper_table_row", f"Model {n}") for n in range(1, 5)]
    # (a name that only cites its paper beside other text is no linked name)
    cited = appendix.replace("| [Model", "| see [Model")
    assert find_entries(parse_text(cited, fmt="markdown").blocks) == []


# Titles with a venue tag, a year alone, and a bracketed tag, as three layouts write them.
_TAGGED = [("SCNet (CVPR 2020)", "2003.07469"), ("HNAS (2017)", "1711.00436"), ("GPT-3 [NeurIPS'20]", "2005.14165")]
_TAGGED_LAYOUTS = {
    "paper_table_row": "# 本月值得读的论文\n\n| # | 论文 | 简介 |\n|---|---|---|\n" + "".join(
        f"| {n} | [{title}](https://arxiv.org/abs/{arxiv}) | 它做了什么。 |\n" for n, (title, arxiv) in enumerate(_TAGGED, 1)),
    "paper_list_item": "# 本月论文\n\n以下是本月值得读的论文:\n\n" + "".join(
        f"{n}. [{title}](https://arxiv.org/abs/{arxiv})：它做了什么。\n" for n, (title, arxiv) in enumerate(_TAGGED, 1)),
    "numbered_heading": "# 论文\n\n" + "".join(
        f"## {n}. {title}\n\n[Paper](https://arxiv.org/abs/{arxiv})\n\n它做了什么。\n\n" for n, (title, arxiv) in enumerate(_TAGGED, 1)),
}


@pytest.mark.parametrize("rule", sorted(_TAGGED_LAYOUTS))
def test_an_entry_s_title_loses_its_venue_tag_whatever_its_layout(rule):
    # "| 1 | [SCNet (CVPR 2020)](…) |" and "1. [SCNet (CVPR 2020)](…)：…" kept the venue in the title,
    # as a heading's title did not, and gave no year: it was looked for in the row's first cell, its
    # number, and at the end of the item's text; a year alone stays in the title, as a heading's
    # does ("HNAS (2017)", "## ResNet (2015)")
    from digestparse.fields.entry import extract_entry

    doc = parse_text(_TAGGED_LAYOUTS[rule], fmt="markdown")
    fields = [extract_entry(doc, e) for e in find_entries(doc.blocks)]
    assert [(f.rule, f.title.text, f.year) for f in fields] == [
        (rule, "SCNet", 2020), (rule, "HNAS (2017)", 2017), (rule, "GPT-3", 2020)]
    if rule == "paper_list_item":
        assert [f.summary.text for f in fields] == ["它做了什么。"] * 3


def test_a_year_with_a_letter_after_a_name_is_the_year():
    # "EAS (2018a)" (its authors' first paper of 2018) had no year: the letter hid it
    from digestparse.fields.entry import extract_entry

    text = "# NAS 综述\n\n正文。\n\n# 附录: NAS 论文摘要\n\n| 模型名称 | 搜索空间 |\n|---|---|\n" + "".join(
        f"| [{name}](https://arxiv.org/abs/2001.0000{n}) | cell |\n" for n, name in enumerate(("NAS (2017)", "EAS (2018a)", "PNAS (2018b)")))
    doc = parse_text(text, fmt="markdown")
    assert [extract_entry(doc, e).year for e in find_entries(doc.blocks)] == [2017, 2018, 2018]


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_papers_set_out_as_labelled_lines_broken_apart(fmt):
    from digestparse.fields.entry import extract_entry

    papers = [("Unbiased Gradient Estimation in Unrolled Computation Graphs", "2112.13835"),
              ("Oops I Took A Gradient: Scalable Sampling for Discrete Distributions", "2102.04509"),
              ("Solving High-Dimensional Parabolic PDEs Using the Tensor Train Format", "2102.11830")]
    if fmt == "markdown":
        text = "# ICML 2021 outstanding papers\n\nFour awards this year.\n\n" + "".join(
            f"**Title:** {t}  \n**Authors:** Ada Lee, Bo Chen  \n**Paper:** [arXiv](https://arxiv.org/abs/{a})  \n"
            f"**Summary:** What paper {n} does.\n\n" for n, (t, a) in enumerate(papers, 1))
    else:
        text = "<h1>ICML 2021 outstanding papers</h1>\n<p>Four awards this year.</p>\n" + "".join(
            f"<p><b>Title:</b> {t}<br>\n<b>Authors:</b> Ada Lee, Bo Chen<br>\n<b>Paper:</b> <a href='https://arxiv.org/abs/{a}'>arXiv</a><br>\n"
            f"<b>Summary:</b> What paper {n} does.</p>\n" for n, (t, a) in enumerate(papers, 1))
    doc = parse_text(text, fmt=fmt)
    entries = find_entries(doc.blocks)
    assert [(e.rule, e.title) for e in entries] == [("labelled_title_line", t) for t, _ in papers]
    first = extract_entry(doc, entries[0])
    assert [link.url for link in first.links] == ["https://arxiv.org/abs/2112.13835"]
    assert [a.name.text for a in first.authors] == ["Ada Lee", "Bo Chen"]
    assert first.summary.text == "What paper 1 does."
    assert first.lines[0] == (5 if fmt == "markdown" else 3)


def test_bold_titles_over_an_author_line_and_a_paper_address():
    # a WeChat digest puts the authors between the bold title and its "论文地址：" line: no entries
    papers = [("LoRA: Low-Rank Adaptation of Large Language Models", "Edward J. Hu, Yelong Shen 等", "2106.09685"),
              ("QLoRA: Efficient Finetuning of Quantized LLMs", "Tim Dettmers, Artidoro Pagnoni", "2305.14314"),
              ("Fast Inference from Transformers via Speculative Decoding", "Yaniv Leviathan, Matan Kalman", "2211.17192")]
    text = "# 本周值得读的论文\n\n大家好。\n\n" + "".join(
        f"**「{title}」**\n\n作者：{authors}\n\n论文地址：https://arxiv.org/abs/{arxiv}\n\n一句话总结：很好。\n\n"
        for title, authors, arxiv in papers)
    entries = find_entries(parse_text(text, path="p.md").blocks)
    assert [(e.rule, e.title) for e in entries] == [("bold_title_paragraph", title) for title, _, _ in papers]


def test_headings_led_by_an_arxiv_id_in_brackets():
    # "## [2305.18290] Title", as arXiv's listings write them: the id is the paper, not the title
    papers = [("2305.18290", "Direct Preference Optimization"), ("2305.20050", "Let's Verify Step by Step"),
              ("2306.05685", "Judging LLM-as-a-Judge")]
    text = "# Papers I skimmed\n\n" + "".join(f"## [{arxiv}] {title}\n\nWhat it does.\n\n" for arxiv, title in papers)
    doc = parse_text(text, path="p.md")
    entries = find_entries(doc.blocks)
    assert [e.title for e in entries] == [title for _, title in papers]
    assert [link.url for link in doc.blocks[entries[0].start].links] == ["https://arxiv.org/abs/2305.18290"]
    # numbered too: "## 1. [2305.18290] Title" kept the id in the title
    numbered = "# Papers I skimmed\n\n" + "".join(f"## {n}. [{arxiv}] {title}\n\nWhat it does.\n\n"
                                                  for n, (arxiv, title) in enumerate(papers, 1))
    entries = find_entries(parse_text(numbered, path="p.md").blocks)
    assert [(e.number, e.title) for e in entries] == [(n, title) for n, (_, title) in enumerate(papers, 1)]


def test_show_notes_items_led_by_a_timestamp():
    # "[00:03:10] [Title](arxiv) (Kaplan et al., 2020) — summary": the timestamp before the
    # linked title hid it, and the bracketed byline opened the summary
    from digestparse.fields.entry import extract_entry

    papers = [("00:03:10", "Scaling Laws for Neural Language Models", "2001.08361", "Kaplan", 2020),
              ("00:17:45", "Training Compute-Optimal Large Language Models", "2203.15556", "Hoffmann", 2022),
              ("00:31:02", "Emergent Abilities of Large Language Models", "2206.07682", "Wei", 2022)]
    text = "# Episode 42\n\n## Papers discussed\n\n" + "".join(
        f"- [{time}] [{title}](https://arxiv.org/abs/{arxiv}) ({name} et al., {year}) — what it found.\n"
        for time, title, arxiv, name, year in papers)
    doc = parse_text(text, path="p.md")
    entries = [extract_entry(doc, e) for e in find_entries(doc.blocks)]
    assert [(e.title.text, [a.name.text for a in e.authors], e.year, e.summary.text) for e in entries] == [
        (title, [name], year, "what it found.") for _, title, _, name, year in papers]


def test_an_e_mail_laid_out_in_nested_tables():
    # a newsletter lays out its body in nested tables: the whole e-mail was one table row, and
    # the link row under each title, its authors and abstract between, was too far from it
    papers = [("EfficientNet: Rethinking Model Scaling", "Mingxing Tan, Quoc V. Le · ICML 2019", "1905.11946"),
              ("A ConvNet for the 2020s", "Zhuang Liu, Hanzi Mao, Saining Xie · CVPR 2022", "2201.03545"),
              ("MobileNets: Efficient Convolutional Neural Networks", "Andrew G. Howard et al. · 2017", "1704.04861")]
    cells = "".join(
        f'<tr><td class="mcnTextContent"><h3>{title}</h3>\n<p><em>{authors}</em></p>\n<p>What it does, in a sentence.</p>\n'
        f'<p><a href="https://arxiv.org/abs/{arxiv}">arXiv</a> | <a href="https://github.com/x/{arxiv}">code</a></p>\n</td></tr>\n'
        for title, authors, arxiv in papers)
    html = ('<html><head><title>Vision Weekly #88</title></head><body><center><table><tr><td>\n<table>\n'
            '<tr><td><h1>Vision Weekly #88</h1><p>Three papers this week.</p></td></tr>\n' + cells +
            '</table></td></tr></table></center></body></html>\n')
    doc = parse_text(html, path="weekly.html")
    entries = find_entries(doc.blocks)
    assert doc.title == "Vision Weekly #88"
    assert [e.title for e in entries] == [title for title, _, _ in papers]


def test_a_block_of_labelled_lines_with_compound_labels():
    # "论文标题：…<br>作者：…<br>机构：…<br>论文链接：…" was one paragraph (论文标题, 机构 and
    # 论文链接 were no labels), taken whole for the summary, with no authors; broken apart, its
    # paper link is the fifth block, which the evidence for an entry must still reach
    from digestparse.fields.entry import extract_entry

    papers = [("通用序列建模", "Universal Few-shot Learning of Dense Prediction Tasks", "88nT0j5jAn"),
              ("扩散模型的条件采样", "DreamFusion: Text-to-3D using 2D Diffusion", "FjNys5c7VyY"),
              ("神经网络的涌现", "Emergence of Maps in the Memories of Blind Navigation Agents", "lTt4KjHSsyl")]
    html = "<html><body><h1>ICLR 2023 杰出论文奖解读</h1>\n" + "".join(
        f"<h2>{n}. {topic}</h2>\n<p>论文标题：{title}<br>作者：Ada Lovelace, Alan Turing<br>机构：KAIST<br>"
        f'论文链接：<a href="https://openreview.net/forum?id={key}">https://openreview.net/forum?id={key}</a></p>\n'
        f"<p>本文提出了一种新方法。</p>\n" for n, (topic, title, key) in enumerate(papers, 1)) + "</body></html>\n"
    doc = parse_text(html, path="zhuanlan.html")
    entries = [extract_entry(doc, e) for e in find_entries(doc.blocks)]
    assert [(e.title.text, e.title_other.text) for e in entries] == [(topic, title) for topic, title, _ in papers]
    assert [[a.name.text for a in e.authors] for e in entries] == [["Ada Lovelace", "Alan Turing"]] * 3
    assert [e.summary.text for e in entries] == ["本文提出了一种新方法。"] * 3
    assert [e.links[0].url for e in entries] == [f"https://openreview.net/forum?id={key}" for _, _, key in papers]


@pytest.mark.parametrize("suffix", ["md", "html"])
def test_a_table_s_id_column_links_its_papers(suffix):
    # a reading list gives the ACL Anthology ids as text in their own column: no row linked a
    # paper, so the table gave no entries
    rows = [("GloVe: Global Vectors for Word Representation", "D14-1162"),
            ("BERT: Pre-training of Deep Bidirectional Transformers", "N19-1423"),
            ("BART: Denoising Sequence-to-Sequence Pre-training", "2020.acl-main.703")]
    if suffix == "md":
        text = "# Reading group\n\n| Week | Paper | Anthology ID |\n|---|---|---|\n" + "".join(
            f"| {n} | {title} | {acl} |\n" for n, (title, acl) in enumerate(rows, 1))
    else:
        text = "<html><body><h1>Reading group</h1><table><tr><th>Week</th><th>Paper</th><th>Anthology ID</th></tr>" + "".join(
            f"<tr><td>{n}</td><td>{title}</td><td>{acl}</td></tr>" for n, (title, acl) in enumerate(rows, 1)) + "</table></body></html>"
    doc = parse_text(text, path=f"p.{suffix}")
    entries = find_entries(doc.blocks)
    assert [e.title for e in entries] == [title for title, _ in rows]
    assert [doc.blocks[e.start].links[0].url for e in entries] == [f"https://aclanthology.org/{acl}/" for _, acl in rows]


@pytest.mark.parametrize("closing", ["写在最后", "结语", "まとめ", "마치며"])
def test_closing_sections_in_more_languages_end_the_last_entry(closing):
    text = "# Papers\n\n" + "".join(
        f"## {n}. Paper title number {n}\n\n[Paper](https://arxiv.org/abs/2001.0000{n})\n\nWhat it does.\n\n" for n in (1, 2, 3))
    doc = parse_text(text + f"## {closing}\n\nThanks for reading.\n", path="p.md")
    last = find_entries(doc.blocks)[-1]
    assert doc.blocks[last.end].text == closing


@pytest.mark.parametrize("suffix", ["md", "html"])
def test_bold_titles_over_a_summary_and_a_paper_row(suffix):
    # "📌 <b>Title</b>", its summary, "📄 arXiv": the emoji outside the bold made an HTML title no
    # bold line, and the summary between stood where the paper row was looked for
    papers = [("Genie: Generative Interactive Environments", "2402.15391"),
              ("The Era of 1-bit LLMs", "2402.17764"), ("Scaling Rectified Flow Transformers", "2403.03206")]
    if suffix == "md":
        text = "# Channel digest\n\n" + "".join(
            f"📌 **{title}**\n\nA sentence about what it does.\n\n📄 [arXiv](https://arxiv.org/abs/{arxiv})\n\n"
            for title, arxiv in papers)
    else:
        text = "<html><body><h1>Channel digest</h1>" + "".join(
            f'<p>📌 <strong>{title}</strong></p><p>A sentence about what it does.</p>'
            f'<p>📄 <a href="https://arxiv.org/abs/{arxiv}">arXiv</a></p>' for title, arxiv in papers) + "</body></html>"
    entries = find_entries(parse_text(text, path=f"p.{suffix}").blocks)
    assert [(e.rule, e.title) for e in entries] == [("bold_title_paragraph", title) for title, _ in papers]


@pytest.mark.parametrize("label", ["主要作者:", "作者：", "**Authors:**"])
def test_names_under_an_author_label_do_not_push_the_paper_link_out_of_the_head(label):
    # "主要作者:" over a name a paragraph (bold or not), then "[论文](…)": the link was the fifth
    # block of the entry, past the blocks its head is looked for evidence in, and no run was found
    papers = [("Chain-of-Thought Prompting", "Jason Wei", "Xuezhi Wang", "2201.11903"),
              ("Attention Is All You Need", "Ashish Vaswani", "Noam Shazeer", "1706.03762"),
              ("Deep Residual Learning for Image Recognition", "Kaiming He", "Xiangyu Zhang", "1512.03385")]
    text = "# 本周三篇论文\n\n以下是本周值得一读的论文。\n\n" + "".join(
        f"## {n}. {title}\n\n{label}\n\n**{first}**\n\n{second}\n\n[论文](https://arxiv.org/abs/{arxiv})\n\n这篇论文提出了一种方法。\n\n"
        for n, (title, first, second, arxiv) in enumerate(papers, 1))
    entries = find_entries(parse_text(text, path="p.md").blocks)
    assert [(e.rule, e.title) for e in entries] == [("numbered_heading", title) for title, *_ in papers]


def test_a_bar_inside_inline_code_does_not_end_a_heading_s_title():
    # "## 5. Title with `a|b` pipes | [code](…)" was cut at the code's bar: "Title with a"
    from digestparse.fields.entry import extract_entry

    text = ("# 本周论文\n\n" + "".join(
        f"## {n}. {title} | [Code](https://github.com/a/b{n})\n\n[Paper](https://arxiv.org/abs/2106.0968{n})\n\n它做了什么。\n\n"
        for n, title in enumerate(["Parsing `x|y` Grammars Fast", "Plain Title", "Another `||` Trick"], 1)))
    doc = parse_text(text, fmt="markdown")
    assert [extract_entry(doc, e).title.text for e in find_entries(doc.blocks)] == [
        "Parsing x|y Grammars Fast", "Plain Title", "Another || Trick"]


_GAN_MODELS = [("CycleGAN", "CycleGAN 是一种非常流行的 GAN 架构，主要用于图像之间的转换。", "1703.10593", "junyanz/CycleGAN"),
               ("像素网络", "PixelRNN 是自回归生成模型的一个例子。", "1601.06759", "carpedm20/pixel-rnn-tensorflow"),
               ("迪科曼", "最近，DiscoGAN 变得非常受欢迎，因为它能够学习跨域关系。", "1703.05192", "SKTBrain/DiscoGAN")]


def _gan_overview(models=_GAN_MODELS) -> str:
    # neptune.ai's scrape: each model's name a bare line, its "##" moved onto its first sentence,
    # and its paper only under the references that close its section
    return "# 你应该知道的 GAN 架构\n\n在本文中，我们将讨论一些最流行的 GAN 架构。\n\n" + "".join(
        f"{name}\n\n## {sentence}\n\n它的训练方式与普通 GAN 不同。\n\n这个公式学习两个映射。\n\n"
        f"作为对抗性公式的一部分，有两个鉴别器。\n\n**参考文献:**\n\n**研究** **论文**:【https://arxiv.org/pdf/{arxiv}.pdf】T4\n\n"
        f"**Github**:【https://github.com/{repo}\n\n" for name, sentence, arxiv, repo in models)


def test_a_heading_moved_onto_the_first_sentence_is_read_back_on_its_name():
    # the model names had been paragraphs and the sentences headings: no entry was found
    blocks = parse_text(_gan_overview(), path="gan.md").blocks
    named = [b for b in blocks if b.text in [name for name, *_ in _GAN_MODELS]]
    assert [(b.kind, b.level) for b in named] == [("heading", 2)] * 3
    sentences = [b for b in blocks if b.text in [sentence for _, sentence, *_ in _GAN_MODELS]]
    assert {b.kind for b in sentences} == {"paragraph"}
    # once is a heading that happens to be a sentence under a short line: left as written
    once = parse_text("# T\n\n作者图片\n\n## 什么是数据编排，您可以使用什么工具来执行它？\n\n正文。\n", path="q.md").blocks
    assert [(b.kind, b.text) for b in once[1:3]] == [("paragraph", "作者图片"), ("heading", "什么是数据编排，您可以使用什么工具来执行它？")]


def test_sections_closing_with_their_referenced_paper_are_entries():
    doc = parse_text(_gan_overview(), path="gan.md")
    entries = find_entries(doc.blocks)
    assert [(e.rule, e.title) for e in entries] == [("referenced_paper_heading", name) for name, *_ in _GAN_MODELS]
    records = [extract_entry(doc, e) for e in entries]
    # (the paper's line under a label in two bolds, its address after an opening bracket)
    assert [[(link.role, link.url) for link in r.links] for r in records] == [
        [("paper", f"https://arxiv.org/pdf/{arxiv}.pdf"), ("code", f"https://github.com/{repo}")]
        for _, _, arxiv, repo in _GAN_MODELS]
    # two such sections are a tutorial citing its sources, not a list
    assert find_entries(parse_text(_gan_overview(_GAN_MODELS[:2]), path="gan.md").blocks) == []


def _paper_walkthrough(links: int = 4, called: bool = True) -> str:
    pdf = "https://openaccess.thecvf.com/content_cvpr_2017/papers/Redmon_YOLO9000_Better_Faster_CVPR_2017_paper.pdf"
    text = ("# 更好、更快、更强的物体探测器(YOLOv2)\n\n## [**更好、更快、更强的物体探测器(YOLOv2)**](#TOC)\n\n"
            "检测框架已经变得越来越快速和准确。\n\n"
            f"这也是[雷德蒙和法尔哈迪(2017)]({pdf}) 发表这篇论文的部分动机。\n\n"
            + (f"然后，我们将详细讨论[论文]({pdf})。\n\n" if called else "然后，我们将详细讨论这篇论文。\n\n")
            + "### [**约洛夫 2** 简介](#TOC)\n\n"
            f"2017 年，约瑟夫·雷德蒙和阿里·法尔哈迪在 CVPR 会议上发表了 [YOLO9000:更好、更快、更强]({pdf})。\n\n"
            "YOLOv2 在标准检测数据集上接受训练。\n\n### [**批量标准化**](#TOC)\n\n批量标准化提高了 2% 的 mAP。\n\n")
    return text + "".join(f"如[雷德蒙和法尔哈迪]({pdf})所述，锚箱第 {n} 次改进。\n\n" for n in range(links - 3))


def test_a_walkthrough_citing_its_paper_in_the_intro_is_one_entry_titled_where_a_link_reads_as_the_title():
    # the post never says it reviews the paper: no entry had been found
    doc = parse_text(_paper_walkthrough(), path="yolov2.md")
    entries = find_entries(doc.blocks)
    assert [(e.rule, e.title) for e in entries] == [("walkthrough_paper", "YOLO9000:更好、更快、更强")]
    assert doc.blocks[entries[0].start].lines[0] == 13
    record = extract_entry(doc, entries[0])
    assert [link.role for link in record.links][:1] == ["paper"]
    # (the intro's citation gives its authors and year)
    assert [a.name.text for a in record.authors] == ["雷德蒙", "法尔哈迪"] and record.year == 2017
    # a paper linked only a few times, or never called "the paper", is a source the tutorial cites
    assert find_entries(parse_text(_paper_walkthrough(links=3), path="yolov2.md").blocks) == []
    assert find_entries(parse_text(_paper_walkthrough(called=False), path="yolov2.md").blocks) == []


def test_a_walkthroughs_questions_and_parts_are_no_entries_a_question_about_a_model_is_the_model():
    # "什么是 YOLO？" then "YOLO 建筑" ("YOLO architecture") both cite the YOLO paper, and
    # "Seq2Seq 模型有什么问题？" is a question of the explanation: each had been a paper record
    sections = [("Seq2Seq 模型有什么问题？", "**seq2seq**模型诞生于语言建模领域（[Sutskever 等人，2014](https://arxiv.org/abs/1409.3215)）。"),
                ("什么是 YOLO？", "YOLO 由 [Redmon 等人，2016](https://arxiv.org/abs/1506.02640) 提出。"),
                ("YOLO 建筑", "YOLO 的建筑类似于[谷歌网](https://arxiv.org/pdf/1506.02640.pdf)，如下图所示。"),
                ("SSD", "**SSD**（[Liu 等人，2016](https://arxiv.org/abs/1512.02325)）是一种单次检测器。"),
                ("多尺度特征图", "**SSD**（[Liu 等人，2016](https://arxiv.org/abs/1512.02325)）在多个尺度上检测。"),
                ("RetinaNet", "**RetinaNet**（[Lin 等人，2018](https://arxiv.org/abs/1708.02002)）是一种单阶段检测器。"),
                ("SqueezeNet 怎么样？", "**SqueezeNet**（[Iandola 等人，2016](https://arxiv.org/abs/1602.07360)）很小。")]
    more = "它在速度和准确性方面都优于之前的方法，并且被广泛使用。"
    doc = parse_text(_walkthrough([(title, body + more) for title, body in sections]), path="w.md")
    entries = find_entries(doc.blocks)
    assert [e.title for e in entries] == ["YOLO", "SSD", "RetinaNet", "SqueezeNet"]
    # (the part's text is the model's: the entry runs on over it)
    assert doc.blocks[entries[0].end].text == "SSD" and doc.blocks[entries[1].end].text == "RetinaNet"


def _cited_models(specs, more: str = "") -> list[tuple[str, str]]:
    """Walk-through sections, one per ``(name, author, year, arxiv id)``, each opening with its
    model in bold and the paper's citation after it."""
    return [(name, f"**{name}**（[{who} 等人，{year}](https://arxiv.org/abs/{arxiv})）是一种模型。{more}")
            for name, who, year, arxiv in specs]


def test_an_opening_citing_several_papers_surveys_a_topic_unless_it_names_the_model_first():
    # "神经信息检索" opened citing Deerwester 1990 and Yih 2011, and had become Deerwester's paper
    survey = "学习文本的低维表示已有很长的历史（[Deerwester 等，1990](http://lsa.colorado.edu/JASIS.lsi.90.pdf); [Yih 等，2011](https://arxiv.org/abs/1101.00001)）。"
    models = _cited_models((("CoVe", "McCann", 2017, "1708.00107"), ("ELMo", "Peters", 2018, "1802.05365"),
                            ("ULMFiT", "Howard", 2018, "1801.06146")))
    wann = ("网络拓扑优化：WANN", "Weight Agnostic Neural Networks（简称 WANN；[Gaier & Ha 2019](https://arxiv.org/abs/1906.04358)）"
                                 "应用了 NEAT（[Stanley & Miikkulainen, 2002](http://nn.cs.utexas.edu/stanley.ec02.pdf)）。")
    more = "它在速度和准确性方面都优于之前的方法，并且被广泛使用。"
    sections = [(title, body + more) for title, body in models + [("神经信息检索", survey), wann]]
    entries = find_entries(parse_text(_walkthrough(sections), path="w.md").blocks)
    assert [e.title for e in entries] == ["CoVe", "ELMo", "ULMFiT", "网络拓扑优化：WANN"]


def test_a_topic_whose_first_bracket_cites_its_literature_is_no_entry():
    # lilianweng's "## 自训练" opens "**自训练**不是一个新概念（[斯卡德 1965](…)、[尼格拉姆＆加尼 CIKM
    # 2000](…)）": self-training and its literature, not a paper; it had been a record of
    # Scudder's 1965 paper (the translation dropped "et al.", so neither read as a citation)
    more = "它在速度和准确性方面都优于之前的方法，并且被广泛使用。"
    models = _cited_models((("MixMatch", "Berthelot", 2019, "1905.02249"), ("DivideMix", "Li", 2020, "2002.07394"),
                            ("FixMatch", "Sohn", 2020, "2001.07685")), more)
    topic = ("自训练", "**自训练**不是一个新概念（[斯卡德 1965](https://ieeexplore.ieee.org/document/1053799)、"
                       f"[尼格拉姆＆加尼 CIKM 2000](http://www.kamalnigam.com/papers/cotrain-CIKM00.pdf)）。它是一个迭代算法。{more}")
    entries = find_entries(parse_text(_walkthrough([topic] + models), path="w.md").blocks)
    assert [e.title for e in entries] == ["MixMatch", "DivideMix", "FixMatch"]


def test_a_generic_part_is_no_entry_and_two_models_left_among_topics_are_no_run():
    # "### 简化" ("simplification") of the diffusion-models post cites Ho et al. 2020 and had become
    # a paper record; with it and a question gone, two sections are left: a survey's, no list
    more = "它在速度和准确性方面都优于之前的方法，并且被广泛使用。"
    models = [(name, f"**{name}**（[{who} 等人，{year}](https://arxiv.org/abs/{arxiv})）是一种模型。{more}")
              for name, who, year, arxiv in (("CoVe", "McCann", 2017, "1708.00107"), ("ELMo", "Peters", 2018, "1802.05365"),
                                             ("ULMFiT", "Howard", 2018, "1801.06146"))]
    simplified = ("简化", f"根据经验，[Ho et al. (2020)](https://arxiv.org/abs/2006.11239)发现简化目标效果更好。{more}")
    entries = find_entries(parse_text(_walkthrough(models + [simplified]), path="w.md").blocks)
    assert [e.title for e in entries] == ["CoVe", "ELMo", "ULMFiT"]
    assert find_entries(parse_text(_walkthrough(models[:2] + [simplified]), path="w.md").blocks) == []
