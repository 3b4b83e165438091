"""Field extraction from entries: summaries, links, authors, figures, related papers."""

import pytest
import regex
from hypothesis import example, given
from hypothesis import strategies as st

from digestparse.document import parse, parse_text
from digestparse.entries import find_entries
from digestparse.fields.authors import cited_authors, parse_author_line
from digestparse.fields.entry import extract_entry
from tests.conftest import SEED_000, SEED_001, SEED_003, SEED_004


def _extract(path):
    doc = parse(path)
    return [extract_entry(doc, e) for e in find_entries(doc.blocks)]


@pytest.fixture(scope="module")
def e000():
    return _extract(SEED_000)


def test_tldr_marker_makes_the_paragraph_before_a_tldr(e000):
    assert e000[0].summary_kind == "description"
    assert e000[1].summary_kind == "tldr"
    assert e000[1].summary.text == "梯度裁剪可证明地加速了非光滑非凸函数的梯度下降。"
    assert e000[15].summary_kind == "tldr"  # the broken "*(TL；博士，来自*[](...)**)**" note


def test_links_ids_figure_and_first_author(e000):
    second = e000[1]
    assert [(link.role, link.url) for link in second.links] == [
        ("paper", "https://openreview.net/forum?id=BJgnXpVYwS"),
        ("code", "https://github.com/JingzhaoZhang/why-clipping-accelerates"),
    ]
    assert second.image == "img/e7e51ccb5e2002b222c1ecdd21cf01d4.png"
    assert second.caption.text.startswith("Gradient norm vs local gradient") and second.caption.lang == "en"
    assert second.first_author.name.text == "张京兆"
    assert [link.url for link in second.first_author.links] == [
        "https://www.linkedin.com/in/jingzhao-zhang-6b0a09a4/", "https://sites.google.com/view/jingzhao/home"]
    # the LinkedIn/website row is the author's, not the paper's
    assert all(link.role in ("paper", "code") for link in second.links)


def test_plain_text_variant_fields():
    entries = _extract(SEED_001)
    assert entries[1].first_author.name.text == "Jingzhao Zhang"
    assert entries[1].link_labels == ["Paper", "Code"]
    assert entries[1].caption.text.startswith("Gradient norm vs local gradient")
    assert entries[5].first_author is None  # entry 6 names no first author


def test_003_authors_tldr_why_related():
    entries = _extract(SEED_003)
    first = entries[0]
    assert [p.name.text for p in first.authors] == [
        "Alexey Dosovitskiy", "Lucas Beyer", "Alexander", "Dirk Weissenborn", "Xiaohua Zhai"]
    assert first.et_al
    assert first.summary_kind == "tldr" and first.summary.text.startswith("直接应用于图像补丁")
    assert first.why.text.startswith("第一篇论文展示了")
    assert first.key_insight.text.startswith("迁移学习已被证明")
    assert [(r.title, r.ids.openreview) for r in first.related] == [("LambdaNetworks:建模远程交互而不被注意", "xTJEN-ggl1b")]
    assert [p.name.text for p in entries[7].authors] == ["Denis Yarats", "Ilya Kostrikovm", "Rob Fergus"]
    assert "empty tldr" in entries[3].warnings[0]


def test_004_author_row_with_equal_contribution_marks():
    entries = _extract(SEED_004)
    first = entries[0]
    assert [p.name.text for p in first.authors] == ["施密特", "施耐德", "亨宁"]
    assert first.year == 2021
    assert [link.role for link in first.links] == ["paper", "talk", "code"]
    assert [link.role for link in entries[2].links] == ["paper", "code"]  # labelled 纸张 / 代号
    assert first.summary_kind == "summary"
    # a labelled summary keeps the full stop it ends with, as a description does
    assert entries[1].summary.text.endswith("例子和图像的结构化印记。")
    assert all(e.summary.text.endswith("。") for e in entries[1:])
    assert first.caption.text == "ML-Collage [25/52]:作者的数字。"


@pytest.mark.parametrize(
    "line, names, et_al",
    [
        ("*李熊、熊等*", ("李熊", "熊"), True),
        ("*梁等著*", ("梁",), True),
        ("By Ada Lovelace and Alan Turing", ("Ada Lovelace", "Alan Turing"), False),
        # foreign names in Han characters with an initial or a double-barrelled part, "等 8 人",
        # and a venue and a citation count after "等人" (each was taken for an item's summary)
        ("迪德里克·p·金马，吉米·巴", ("迪德里克·p·金马", "吉米·巴"), False),
        ("凯文·福维尔、丹尼尔·巴卢克-托默特等 8 人。", ("凯文·福维尔", "丹尼尔·巴卢克-托默特"), True),
        ("瓦斯瓦尼等人，NeurIPS 2017，被 18178 引用", ("瓦斯瓦尼",), True),
    ],
)
def test_author_lines(line, names, et_al):
    parsed = parse_author_line(line)
    assert parsed.names == names and parsed.et_al == et_al


def test_a_list_item_s_byline_gives_authors_and_year_not_its_summary():
    text = "# 几篇关键论文\n\n以下是几篇关键研究论文:\n\n" + "".join(
        f"*   [**{title}**](https://arxiv.org/abs/{arxiv}) **，{byline}**\n" for title, arxiv, byline in [
            ("注意力是你所需要的一切", "1706.03762", "瓦斯瓦尼等人，NeurIPS 2017，被 18178 引用"),
            ("亚当:随机优化的一种方法", "1412.6980", "迪德里克·p·金马，吉米·巴"),
            ("联合学习对齐和翻译", "1409.0473", "巴赫达瑙等人，ICLR 2015，被 16866 引用")])
    first, second, third = _extract_text(text, "p.md")
    assert (first.summary, [a.name.text for a in first.authors], first.et_al, first.year) == (None, ["瓦斯瓦尼"], True, 2017)
    assert (second.summary, [a.name.text for a in second.authors]) == (None, ["迪德里克·p·金马", "吉米·巴"])
    assert third.year == 2015


def test_a_sentence_naming_a_model_and_its_year_is_no_byline():
    # "Residual nets (2016)." had been the entry's author "Residual nets": a lowercase common word
    # counted as part of a name once a year marked the line
    text = ("# Two papers\n\n"
            "## 1. Deep Residual Learning for Image Recognition\n\n[Paper](https://arxiv.org/abs/1512.03385)\n\n"
            "Residual nets (2016).\n\nShortcut connections let very deep networks train.\n\n"
            "## 2. Attention Is All You Need\n\n[Paper](https://arxiv.org/abs/1706.03762)\n\n"
            "Vaswani, Shazeer and Parmar (2017)\n\nAttention replaces recurrence.\n")
    first, second = _extract_text(text, "p.md")
    assert [a.name.text for a in first.authors] == []
    assert ([a.name.text for a in second.authors], second.year) == (["Vaswani", "Shazeer", "Parmar"], 2017)
    assert parse_author_line("Residual nets (2016).") is None
    assert parse_author_line("Ludwig van Beethoven, Fernando de la Torre (2016)").names == (
        "Ludwig van Beethoven", "Fernando de la Torre")


def test_a_term_in_title_case_with_its_year_is_no_byline():
    # "Residual Nets (2016)." had been the entry's author "Residual Nets": in title case both words
    # have a capital, and a year marked the line as a byline
    text = ("# Two papers\n\n"
            "## 1. Deep Residual Learning for Image Recognition\n\n[Paper](https://arxiv.org/abs/1512.03385)\n\n"
            "Residual Nets (2016).\n\nShortcut connections let very deep networks train.\n\n"
            "## 2. Identity Mappings in Deep Residual Networks\n\n[Paper](https://arxiv.org/abs/1603.05027)\n\n"
            "Kaiming He (2016).\n\nThe identity shortcut keeps the signal clean.\n")
    first, second = _extract_text(text, "p.md")
    assert ([a.name.text for a in first.authors], first.summary.text) == (
        [], "Residual Nets (2016).")
    assert ([a.name.text for a in second.authors], second.year) == (["Kaiming He"], 2016)
    assert second.summary.text == "The identity shortcut keeps the signal clean."
    assert parse_author_line("Capsule Networks, Neural Turing Machines (2017)") is None


@pytest.mark.parametrize("sentence", [
    # the article's "The Transformer replaces …" says it is a thing
    "The Transformer replaces recurrence with attention.",
    # it never writes "the Transformer", only "Transformers …": the word names a model, which no
    # surname does
    "Transformers replace recurrence with attention.",
])
def test_a_model_cited_with_its_year_is_no_author(sentence):
    # "[Transformer, 2017]" had given the author "Transformer": one capitalised word and a year
    # read as a surname
    text = ("# Two papers on sequence models\n\n"
            "## 1. Attention Is All You Need\n\n[Transformer, 2017](https://arxiv.org/abs/1706.03762)\n\n"
            f"{sentence}\n\n"
            "## 2. Adaptive Computation Time for Recurrent Neural Networks\n\n[Graves, 2016](https://arxiv.org/abs/1603.08983)\n\n"
            "Graves lets the network learn how many steps to take.\n")
    first, second = _extract_text(text, "p.md")
    assert [a.name.text for a in first.authors] == []
    assert ([a.name.text for a in second.authors], second.year) == (["Graves"], 2016)


@pytest.mark.parametrize("usage", [
    "### Perceiver\n\nIt reads any modality.",  # a heading of its own
    "Build it with `model = Perceiver(config)`.",  # code
    "Perceivers read any modality.",  # the plural
])
def test_a_word_the_article_uses_as_a_model_s_name_is_no_cited_author(usage):
    text = ("# Two papers\n\n"
            "## 1. General Perception with Iterative Attention\n\n[Perceiver, 2021](https://arxiv.org/abs/2103.03206)\n\n"
            f"Cross-attention to a small latent array.\n\n{usage}\n\n"
            "## 2. Attention Is All You Need\n\n[Vaswani et al., 2017](https://arxiv.org/abs/1706.03762)\n\n"
            "Attention replaces recurrence.\n")
    first, second = _extract_text(text, "p.md")
    assert [a.name.text for a in first.authors] == []
    assert ([a.name.text for a in second.authors], second.et_al, second.year) == (["Vaswani"], True, 2017)


def test_a_citation_of_three_names_gives_the_three_authors():
    # "原型网络（[Snell, Swersky & Zemel, 2017](…)）" had no author: a citation gave one or two names
    text = ("# 元学习\n\n## 原型网络\n\n原型网络（[Snell, Swersky & Zemel, 2017](https://arxiv.org/abs/1703.05175)）学习度量。\n\n"
            "## 神经图灵机\n\n神经图灵机（[Graves，Wayne＆Danihelka，2014](https://arxiv.org/abs/1410.5401)）带有外部存储。\n\n"
            "## Reptile\n\nReptile（[Nichol, Achiam, and Schulman, 2018](https://arxiv.org/abs/1803.02999)）是一种元学习算法。\n")
    fields = _extract_text(text, "p.md")
    assert [([a.name.text for a in f.authors], f.et_al, f.year) for f in fields] == [
        (["Snell", "Swersky", "Zemel"], False, 2017), (["Graves", "Wayne", "Danihelka"], False, 2014),
        (["Nichol", "Achiam", "Schulman"], False, 2018)]
    assert cited_authors("Smith, John, 2020") is None  # (no "&" or "and" before the last: no list)


def test_a_citation_whose_year_a_translation_wrote_with_nian_gives_the_authors():
    # lilianweng's PPG section cites "[Cobbe 等人，2020 年](arxiv)": the "年" the translation put
    # after the year left the record without authors and year
    text = ("# 策略梯度\n\n## PPG\n\n**阶段性策略梯度**（**PPG**；[Cobbe 等人，2020 年](https://arxiv.org/abs/2009.04416)）修改了传统的在线策略梯度算法，准确地说是 PPO。\n\n"
            "## SAC\n\n**软演员评论家**（[Haarnoja 等人 2018](https://arxiv.org/abs/1801.01290)）将策略的熵度量整合到奖励中以鼓励探索。\n\n"
            "## WGAN-GP\n\n**WGAN-GP**（[Gulrajani 等人 2017 年](https://arxiv.org/abs/1704.00028)）用梯度惩罚代替权重裁剪来满足约束。\n")
    fields = _extract_text(text, "p.md")
    assert [([a.name.text for a in f.authors], f.et_al, f.year) for f in fields] == [
        (["Cobbe"], True, 2020), (["Haarnoja"], True, 2018), (["Gulrajani"], True, 2017)]
    assert cited_authors("残差网络，2016 年") is None  # (one Chinese word and a year is no citation)


def test_a_question_alone_is_no_summary_the_paragraph_answering_it_is():
    # neptune.ai's StyleGAN section opens with a question a scrape had made a heading, "你能猜出哪个
    # 图像(从下面的 2 个图像中)是真实的，哪个是 GAN 生成的吗？": it was the record's summary
    text = ("# 6 种 GAN 架构\n\n"
            "## 1. StyleGAN\n\n[论文](https://arxiv.org/pdf/1812.04948.pdf) | [代码](https://github.com/NVlabs/stylegan)\n\n"
            "你能猜出哪个图像(从下面的 2 个图像中)是真实的，哪个是 GAN 生成的吗？\n\n"
            "事实是，这两个图像都是由一种叫做 StyleGAN 的 GAN 公式想象出来的。\n\n"
            "## 2. PixelRNN\n\n[论文](https://arxiv.org/pdf/1601.06759.pdf) | [代码](https://github.com/carpedm20/pixel-rnn-tensorflow)\n\n"
            "PixelRNN 能生成图像吗？能：它是自回归生成模型的一个例子。\n")
    fields = _extract_text(text, "g.md")
    assert [f.summary.text for f in fields] == [
        "事实是，这两个图像都是由一种叫做 StyleGAN 的 GAN 公式想象出来的。", "PixelRNN 能生成图像吗？能：它是自回归生成模型的一个例子。"]


def test_a_sentence_naming_the_authors_and_year_before_the_paper_link_gives_them():
    # pyimagesearch's walk-through writes "Simonyan 和 Zisserman 在他们 2014 年的论文 [*…*](arxiv)" and
    # "由何等人在其 2015 年的论文 [Deep Residual …](arxiv)": the records had neither authors nor year
    text = ("# ImageNet 模型\n\n"
            "#### VGG16 和 VGG19\n\nSimonyan 和 Zisserman 在他们 2014 年的论文 "
            "[*中介绍了 VGG 网络架构，用于大规模图像识别的超深度卷积网络*](https://arxiv.org/abs/1409.1556) 。\n\n"
            "#### ResNet\n\nResNet 是一种依赖于微架构模块的“奇异架构”，也称为“网络中的网络架构”。\n\n"
            "ResNet 由何等人在其 2015 年的论文 [图像识别的深度残差学习](https://arxiv.org/abs/1512.03385) 中首次提出。\n\n"
            "#### 盗梦空间 V3\n\n“盗梦空间”微架构首先由 Szegedy 等人在他们 2014 年的论文 "
            "[*中提出，用卷积*](https://arxiv.org/abs/1409.4842) 深化。\n")
    fields = _extract_text(text, "i.md")
    assert [([a.name.text for a in f.authors], f.et_al, f.year) for f in fields] == [
        (["Simonyan", "Zisserman"], False, 2014), (["何"], True, 2015), (["Szegedy"], True, 2014)]


def test_a_table_of_contents_is_no_summary():
    # a paperspace review lists its parts under "## 目录" right after the intro ("MobileNeXt",
    # "PyTorch Code"): the first item had been the record's summary
    text = ("# 论文综述:MobileNeXt\n\n本周的论文综述是 [MobileNeXt](https://arxiv.org/abs/2007.02269)。\n\n"
            "## 目录\n\n*   MobileNeXt 的瓶颈结构\n*   PyTorch Code 和结果\n\n"
            "## 沙漏块\n\n沙漏块把跳跃连接放在高维表示之间，以便传递更多信息。\n")
    fields = _extract_text(text, "r.md")
    assert [f.summary.text if f.summary else None for f in fields] == ["沙漏块把跳跃连接放在高维表示之间，以便传递更多信息。"]


def test_the_articles_plan_is_no_summary():
    # paperspace's SCNet review goes on "首先，我们将看看这篇论文背后的动机，然后与 GhostNet 进行一些比较。
    # 然后……": the record's summary was the plan of the post, not anything of the paper
    text = ("# 论文综述:SCNet\n\n本周的论文综述是 [用自校准卷积改进卷积网络](http://mftp.mmcheng.net/Papers/20cvprSCNet.pdf)。\n\n"
            "首先，我们将看看这篇论文背后的动机，然后与 GhostNet 进行一些微妙的比较。然后我们将研究 SC-Conv 的结构。\n\n"
            "自校准卷积在每个空间位置自适应地建立远程的空间和通道间依赖关系。\n")
    fields = _extract_text(text, "r.md")
    assert [f.summary.text if f.summary else None for f in fields] == ["自校准卷积在每个空间位置自适应地建立远程的空间和通道间依赖关系。"]


def test_a_citation_in_brackets_after_the_linked_title_gives_the_authors():
    # "[“注意力就是一切”](…)（Vaswani 等，2017）" gave no author: only a link's own text was read
    text = ("# 注意力\n\n## Transformer\n\n[“注意力就是一切”](https://arxiv.org/abs/1706.03762)（Vaswani 等，2017），"
            "毫无疑问，是 2017 年最有影响力的论文之一。\n\n"
            "## 指针网络\n\n[指针网络](https://arxiv.org/abs/1506.03134)（ICLR 2015）解决输出依赖输入的问题。\n\n"
            "## SNAIL\n\nSNAIL（[Mishra et al., 2017](https://arxiv.org/abs/1707.03141)）把时间卷积和软注意力结合起来，用于元学习。\n")
    transformer, pointer, snail = _extract_text(text, "p.md")
    assert ([a.name.text for a in transformer.authors], transformer.et_al, transformer.year) == (["Vaswani"], True, 2017)
    assert [a.name.text for a in pointer.authors] == []  # (a venue in the bracket names nobody)
    assert [a.name.text for a in snail.authors] == ["Mishra"]


def test_a_phrase_linked_before_the_section_s_citation_is_not_its_paper():
    # "…可以追溯到[很久以前](1106.0221)" ("a long time ago") was the paper of the OpenAI-ES section,
    # whose next paragraph cites it: "OpenAI 的研究人员（[Salimans, et al. 2017](1703.03864)）"
    text = ("# 进化策略\n\n"
            "## CEM-RL\n\nCEM-RL 方法（[Pourchot & Sigaud，2019](https://arxiv.org/abs/1810.01222)）将交叉熵方法与 TD3 结合起来。\n\n"
            "## OpenAI 强化学习中的进化策略\n\n在强化学习中使用进化算法的概念可以追溯到[很久以前](https://arxiv.org/abs/1106.0221)，"
            "但由于计算限制只限于表格型强化学习。\n\n"
            "受 NES 启发，OpenAI 的研究人员（[Salimans, et al. 2017](https://arxiv.org/abs/1703.03864)）提出使用 NES 作为无梯度黑盒优化器。\n\n"
            "## ResNet\n\n*[图像识别的深度残差学习](https://arxiv.org/abs/1512.03385)* 引入了残差学习框架，改善了更深网络的训练。\n\n"
            "它借鉴了高速公路网络（[Srivastava et al., 2015](https://arxiv.org/abs/1505.00387)）的门控思想。\n")
    cem, openai, resnet = _extract_text(text, "p.md")
    assert [link.url for link in openai.links if link.role == "paper"] == ["https://arxiv.org/abs/1703.03864"]
    assert ([a.name.text for a in openai.authors], openai.year) == (["Salimans"], 2017)
    # (a title set off in italics names the paper; the citation after it is another's)
    assert [link.url for link in resnet.links if link.role == "paper"][0] == "https://arxiv.org/abs/1512.03385"


def _extract_text(text, path=None):
    """The extracted entries of a document given as text (its format told by ``path``'s suffix)."""
    from digestparse.document import parse_text

    doc = parse_text(text, path=path)
    return [extract_entry(doc, e) for e in find_entries(doc.blocks)]


WALKTHROUGH = (
    "# Models\n\n"
    "## Inception v3 (2015)\n\n"
    "这个想法是在 2015 年发表的论文 *[重新思考计算机视觉](https://arxiv.org/abs/1512.00567)* 中提出的，此后被广泛使用。\n\n"
    "这个模型的代码可以在[这里](https://github.com/tensorflow/models)找到。另见 [TensorFlow](https://github.com/tensorflow/tensorflow) 项目的主页。\n\n"
    "1. [链接到原始研究论文](https://www.cv-foundation.org/openaccess/content_cvpr_2016/papers/Szegedy_Rethinking.pdf)\n\n"
    "## MSCNN\n\n"
    "MSCNN 是针对单幅图像去雾问题的早期尝试之一，它是多尺度的。\n\n"
    "![](img/f.png)\n\n"
    "Source: [Paper](https://link.springer.com/chapter/10.1007/978-3-319-46475-6_10)\n\n"
    "## ResNet (2015)\n\n"
    "*[图像识别的深度残差学习](https://arxiv.org/abs/1512.03385)* 引入了残差学习框架，改善了更深网络的训练。\n\n"
    "## Wide ResNet (2016)\n\n"
    "*[宽残差网络](https://arxiv.org/abs/1605.07146)* 是对原始深残差网络的更新改进，网络可以更浅更宽。\n"
)


def test_paper_cited_in_the_opening_prose_comes_before_a_later_link_list():
    inception = _extract_text(WALKTHROUGH)[0]
    papers = [link.url for link in inception.links if link.role == "paper"]
    assert papers[0] == "https://arxiv.org/abs/1512.00567"


def test_code_link_in_running_text_only_when_the_text_says_code():
    inception = _extract_text(WALKTHROUGH)[0]
    code = [link.url for link in inception.links if link.role == "code"]
    assert code == ["https://github.com/tensorflow/models"]  # not the project linked further on


def test_figure_source_labelled_paper_is_the_entry_paper():
    entries = _extract_text(WALKTHROUGH)
    mscnn = next(e for e in entries if e.title.text == "MSCNN")
    assert [link.url for link in mscnn.links if link.role == "paper"] == [
        "https://link.springer.com/chapter/10.1007/978-3-319-46475-6_10"
    ]
    assert mscnn.caption is None  # (a credit line that says nothing of the figure is no caption)


def test_a_lead_in_under_the_image_is_no_caption():
    # "***的 5 个阶段正好:***" ("The 5 stages of JUST:", over the stages) had been the figure's caption
    text = "# Papers\n\n" + "".join(
        f"## {n}. Paper title number {n}\n\n[Paper](https://arxiv.org/abs/2001.0000{n})\n\nWhat it does.\n\n"
        f"![](img/{n}.png)\n\n***The 5 stages of the model:***\n\n**1. Feature encoder**\n\n" for n in (1, 2))
    first, _ = _extract_text(text, "p.md")
    assert (first.image, first.caption, first.summary.text) == ("img/1.png", None, "What it does.")
    captioned = text.replace("***The 5 stages of the model:***", "*The model and its five stages.*")
    assert _extract_text(captioned, "p.md")[0].caption.text == "The model and its five stages."


@pytest.mark.parametrize("credit", ["Source", "Image Source", "Source: Paper", "来源：原始论文",
                                    "source: https://distill.pub/2017/ctc/"])
def test_a_credit_line_alone_is_no_caption(credit):
    text = "# Papers\n\n" + "".join(
        f"## {n}. Paper title number {n}\n\n[Paper](https://arxiv.org/abs/2001.0000{n})\n\nWhat it does.\n\n"
        f"![](img/{n}.png)\n\n{credit}\n\n" for n in (1, 2))
    first, _ = _extract_text(text, "p.md")
    assert first.image == "img/1.png" and first.caption is None
    captioned = text.replace(credit, "Figure 1: the model. (Source: Smith et al. 2020)")
    assert _extract_text(captioned, "p.md")[0].caption.text == "Figure 1: the model. (Source: Smith et al. 2020)"


UNDERLINED_DIGEST = """Best papers of the month
========================

1. Attention Is All You Need
----------------------------

Paper: https://arxiv.org/abs/1706.03762
Code: https://github.com/tensorflow/tensor2tensor

We propose the Transformer, based solely on attention mechanisms.

2. BERT
-------

论文：https://arxiv.org/abs/1810.04805

Pre-training of deep bidirectional transformers for language understanding.
"""


def test_labelled_link_lines_are_links_not_the_summary():
    # "Paper: <url>" was read as prose, and became the entry's description
    from digestparse.document import parse_text

    doc = parse_text(UNDERLINED_DIGEST, path="digest.txt")
    assert doc.format == "text" and doc.title == "Best papers of the month"
    entries = [extract_entry(doc, e) for e in find_entries(doc.blocks)]
    assert [e.title.text for e in entries] == ["Attention Is All You Need", "BERT"]
    first, second = entries
    assert first.summary.text.startswith("We propose the Transformer")
    assert {(link.role, link.url) for link in first.links} >= {
        ("paper", "https://arxiv.org/abs/1706.03762"), ("code", "https://github.com/tensorflow/tensor2tensor")
    }
    assert second.summary.text.startswith("Pre-training")


def test_authors_marked_as_a_list():
    # "Authors: A, B, C" was read as a first-author line whose one name failed, so no author at
    # all; a line over 80 characters or with an affiliation after the names was prose
    text = (
        "# 5 NLP papers you should read\n\n"
        "## 1. Attention Is All You Need\n\n**Authors:** Ashish Vaswani, Noam Shazeer, Niki Parmar\n\n"
        "[Paper](https://arxiv.org/abs/1706.03762)\n\n"
        "## 2. BERT\n\n*Authors: Jacob Devlin, Ming-Wei Chang, Kenton Lee, Kristina Toutanova (Google AI)*\n\n"
        "[Paper](https://arxiv.org/abs/1810.04805)\n\n"
        "## 3. GPT-3\n\nAuthors: Tom B. Brown et al.\n\n[Paper](https://arxiv.org/abs/2005.14165)\n"
    )
    entries = _extract_text(text)
    assert [[a.name.text for a in e.authors] for e in entries] == [
        ["Ashish Vaswani", "Noam Shazeer", "Niki Parmar"],
        ["Jacob Devlin", "Ming-Wei Chang", "Kenton Lee", "Kristina Toutanova"],
        ["Tom B. Brown"],
    ]
    assert [e.et_al for e in entries] == [False, False, True]
    assert entries[1].first_author.name.text == "Jacob Devlin"


WRAPPED = {
    "digest.md": (
        "# Two papers this week\n\n"
        "## 1. Attention Is All You Need\n\n"
        "**Authors:** Ashish Vaswani, Noam Shazeer,\nNiki Parmar\n"
        "**Summary:** The Transformer replaces recurrence\nwith attention only.\n"
        "**Paper:** [arXiv](https://arxiv.org/abs/1706.03762)\n\n"
        "## 2. BERT\n\n"
        "**摘要：** BERT 使用双向的\nTransformer 进行预训练。\n"
        "**论文：** [arXiv](https://arxiv.org/abs/1810.04805)\n"
    ),
    "digest.txt": (
        "Two papers this week\n\n"
        "1. Attention Is All You Need\n"
        "Authors: Ashish Vaswani, Noam Shazeer,\n  Niki Parmar\n"
        "Summary: The Transformer replaces recurrence\n  with attention only.\n"
        "Paper: https://arxiv.org/abs/1706.03762\n\n"
        "2. BERT\n"
        "摘要：BERT 使用双向的\nTransformer 进行预训练。\n"
        "论文：https://arxiv.org/abs/1810.04805\n"
    ),
    "digest.html": (
        "<html><body><h1>Two papers this week</h1>\n"
        "<h2>1. Attention Is All You Need</h2>\n"
        "<p><b>Authors:</b> Ashish Vaswani, Noam Shazeer,<br>Niki Parmar<br>\n"
        "<b>Summary:</b> The Transformer replaces recurrence<br>\nwith attention only.<br>\n"
        "<b>Paper:</b> <a href='https://arxiv.org/abs/1706.03762'>arXiv</a></p>\n"
        "<h2>2. BERT</h2>\n"
        "<p><b>摘要：</b>BERT 使用双向的<br>Transformer 进行预训练。<br>\n"
        "<b>论文：</b><a href='https://arxiv.org/abs/1810.04805'>arXiv</a></p>\n"
        "</body></html>\n"
    ),
}


@pytest.mark.parametrize("name", sorted(WRAPPED))
def test_labelled_lines_wrapped_onto_the_next_line_keep_their_whole_text(name):
    # each line of such a paragraph was a block of its own: the summary was cut at its first
    # line and the author list lost its wrapped names (in text, a wrapped line made the whole
    # record one description)
    first, second = _extract_text(WRAPPED[name], path=name)
    assert first.summary.text == "The Transformer replaces recurrence with attention only."
    assert [a.name.text for a in first.authors] == ["Ashish Vaswani", "Noam Shazeer", "Niki Parmar"]
    assert [link.url for link in first.links if link.role == "paper"] == ["https://arxiv.org/abs/1706.03762"]
    assert second.summary.text == "BERT 使用双向的 Transformer 进行预训练。"
    assert [link.url for link in second.links if link.role == "paper"] == ["https://arxiv.org/abs/1810.04805"]


SUBTITLED_HEADINGS = """<html><body><h1>Best papers of NeurIPS 2021</h1>
<h2>1. A Universal Law of Robustness via Isoperimetry<br><small>Sébastien Bubeck, Mark Sellke</small></h2>
<p><a href="https://arxiv.org/abs/2105.12806">Paper</a></p>
<p>Overparametrization is necessary for robust interpolation.</p>
<h2>2. On the Expressivity of Markov Reward <small>David Abel, Will Dabney</small></h2>
<p><a href="https://arxiv.org/abs/2111.00876">Paper</a></p>
</body></html>
"""

DESCRIPTION_LIST = """<html><body><h1>Three papers to read</h1>
<dl>
<dt><a href="https://arxiv.org/abs/1706.03762">Attention Is All You Need</a></dt>
<dd>The Transformer, attention only.</dd>
<dt><a href="https://arxiv.org/abs/1810.04805">BERT: Pre-training of Deep Bidirectional Transformers</a></dt>
<dd>Bidirectional pre-training.</dd>
<dt><a href="https://arxiv.org/abs/2005.14165">Language Models are Few-Shot Learners</a></dt>
<dd><p>GPT-3: few-shot learning at scale.</p></dd>
</dl>
</body></html>
"""


def test_authors_under_the_title_inside_an_html_heading():
    # "<h2>Title<br><small>authors</small></h2>" kept the authors in the title
    first, second = _extract_text(SUBTITLED_HEADINGS, path="p.html")
    assert first.title.text == "A Universal Law of Robustness via Isoperimetry"
    assert [a.name.text for a in first.authors] == ["Sébastien Bubeck", "Mark Sellke"]
    assert first.summary.text == "Overparametrization is necessary for robust interpolation."
    assert second.title.text == "On the Expressivity of Markov Reward"
    assert [a.name.text for a in second.authors] == ["David Abel", "Will Dabney"]


def test_html_description_list_of_papers():
    # each <dt> linking a paper and the <dd> under it were two unrelated paragraphs: no entries
    entries = _extract_text(DESCRIPTION_LIST, path="p.html")
    assert [e.title.text for e in entries] == [
        "Attention Is All You Need", "BERT: Pre-training of Deep Bidirectional Transformers",
        "Language Models are Few-Shot Learners"]
    assert [e.summary.text for e in entries] == ["The Transformer, attention only.", "Bidirectional pre-training.", "GPT-3: few-shot learning at scale."]
    assert [[link.url for link in e.links if link.role == "paper"] for e in entries] == [
        ["https://arxiv.org/abs/1706.03762"], ["https://arxiv.org/abs/1810.04805"], ["https://arxiv.org/abs/2005.14165"]]


def test_numbered_figure_caption_above_its_image():
    # "Figure 1: …" above the image was the entry's summary, and the figure had no caption
    text = (
        "# Two papers this week\n\n"
        "## 1. Attention Is All You Need\n\n[Paper](https://arxiv.org/abs/1706.03762)\n\n"
        "Figure 1: The Transformer architecture.\n\n![](transformer.png)\n\n"
        "The Transformer replaces recurrence with attention only.\n\n"
        "## 2. BERT\n\n[Paper](https://arxiv.org/abs/1810.04805)\n\n"
        "图 2：BERT 的预训练与微调。\n\n![BERT](bert.png)\n\n"
        "BERT 使用双向的 Transformer 进行预训练。\n"
    )
    first, second = _extract_text(text)
    assert (first.image, first.caption.text) == ("transformer.png", "Figure 1: The Transformer architecture.")
    assert first.summary.text == "The Transformer replaces recurrence with attention only."
    assert (second.image, second.caption.text) == ("bert.png", "图 2：BERT 的预训练与微调。")
    assert second.summary.text == "BERT 使用双向的 Transformer 进行预训练。"


FOOTNOTED = {
    "issue.txt": (
        "This week in ML, issue 42\n\nThree papers worth your time this week.\n\n"
        "1. Attention Is All You Need [1]\nThe Transformer replaces recurrence with attention only.\n\n"
        "2. BERT: Pre-training of Deep Bidirectional Transformers [2]\nBidirectional pre-training of language representations.\n\n"
        "3. Language Models are Few-Shot Learners [3]\nGPT-3 shows in-context learning at scale.\n\n"
        "Links\n\n[1] https://arxiv.org/abs/1706.03762\n[2] https://arxiv.org/abs/1810.04805\n[3] https://arxiv.org/abs/2005.14165\n"
    ),
    "issue.md": (
        "# This week in ML, issue 42\n\nThree papers worth your time this week.\n\n"
        "## 1. Attention Is All You Need[^1]\n\nThe Transformer replaces recurrence with attention only.\n\n"
        "## 2. BERT: Pre-training of Deep Bidirectional Transformers[^2]\n\nBidirectional pre-training of language representations.\n\n"
        "## 3. Language Models are Few-Shot Learners[^3]\n\nGPT-3 shows in-context learning at scale.\n\n"
        "[^1]: https://arxiv.org/abs/1706.03762\n[^2]: https://arxiv.org/abs/1810.04805\n[^3]: https://arxiv.org/abs/2005.14165\n"
    ),
}


@pytest.mark.parametrize("name", sorted(FOOTNOTED))
def test_papers_cited_by_footnote(name):
    # a newsletter that cites by footnote: in text, the marks linked nowhere and no entry was
    # found; in Markdown, each title ended in its mark ("…Need^1")
    entries = _extract_text(FOOTNOTED[name], path=name)
    assert [e.title.text for e in entries] == [
        "Attention Is All You Need", "BERT: Pre-training of Deep Bidirectional Transformers",
        "Language Models are Few-Shot Learners"]
    assert [[link.url for link in e.links if link.role == "paper"] for e in entries] == [
        ["https://arxiv.org/abs/1706.03762"], ["https://arxiv.org/abs/1810.04805"], ["https://arxiv.org/abs/2005.14165"]]
    assert entries[0].summary.text == "The Transformer replaces recurrence with attention only."


TEXT_NEWSLETTERS = {
    # a numbered title over the paper's address alone on its line, then the summary
    "numbered.txt": (
        "Papers of the week\n\nThree papers we liked this week.\n\n"
        "1. Deep Residual Learning for Image Recognition\nhttps://arxiv.org/abs/1512.03385\nResidual connections make very deep networks trainable.\n\n"
        "2) Adam: A Method for Stochastic Optimization\n<https://arxiv.org/abs/1412.6980>\nDiederik P. Kingma, Jimmy Ba (ICLR 2015)\n\nAdaptive moment estimation for training.\n"
    ),
    # bullets at the margin over indented lines, under a banner between rules
    "bullets.txt": (
        "WEEKLY ISSUE 87\n===============\n\nHi friends,\n\n==========\nPAPERS OF THE WEEK\n==========\n\n"
        "* Deep Residual Learning for Image Recognition\n  He et al. (Microsoft)\n  https://arxiv.org/abs/1512.03385\n"
        "  Why it matters: residual connections make very deep\n  networks trainable.\n\n"
        "* Adam: A Method for Stochastic Optimization\n  Kingma et al.\n  https://arxiv.org/abs/1412.6980\n"
        "  Why it matters: adaptive moment estimation for training.\n\n"
        "* Attention Is All You Need\n  Vaswani et al.\n  https://arxiv.org/abs/1706.03762\n"
    ),
    # titles with no number, an author line, then the address
    "unnumbered.txt": (
        "*** Deep Learning Weekly ***\n\n-- Research --\n\n"
        "*Deep Residual Learning for Image Recognition*\nHe, Zhang, Ren, Sun\nhttps://arxiv.org/abs/1512.03385\nResidual connections make very deep networks trainable.\n\n"
        "*Adam: A Method for Stochastic Optimization*\nKingma, Ba\nhttps://arxiv.org/abs/1412.6980\nAdaptive moment estimation for training.\n"
    ),
}


@pytest.mark.parametrize("name", sorted(TEXT_NEWSLETTERS))
def test_plain_text_newsletters(name):
    # each of these e-mail layouts gave no entry at all: a title over an address alone on its
    # line split off nothing, bullets at the margin were no list, a banner no heading
    entries = _extract_text(TEXT_NEWSLETTERS[name], path=name)
    assert len(entries) == (3 if name == "bullets.txt" else 2)  # (a list of papers needs three items)
    entries = entries[:2]
    assert [e.title.text for e in entries] == ["Deep Residual Learning for Image Recognition", "Adam: A Method for Stochastic Optimization"]
    assert [[link.url for link in e.links if link.role == "paper"] for e in entries] == [
        ["https://arxiv.org/abs/1512.03385"], ["https://arxiv.org/abs/1412.6980"]]
    first, second = entries
    if name == "bullets.txt":
        assert first.why.text == "residual connections make very deep networks trainable."
        assert ([a.name.text for a in first.authors], first.et_al) == (["He"], True)
    else:
        assert first.summary.text == "Residual connections make very deep networks trainable."
        assert second.summary.text.startswith("Adaptive moment estimation")
    if name == "unnumbered.txt":
        assert [a.name.text for a in first.authors] == ["He", "Zhang", "Ren", "Sun"]
    if name == "numbered.txt":
        assert ([a.name.text for a in second.authors], second.year) == (["Diederik P. Kingma", "Jimmy Ba"], 2015)


CHINESE_LABELS = {
    # PaperWeekly: "■ 论文 | Title", "■ 链接 | …", "■ 源码 | …"
    "paperweekly.md": (
        "# 本期精选论文\n\n" + "".join(
            f"@推荐人 推荐\n\n■ 论文 | {title}\n■ 链接 | https://arxiv.org/abs/{arxiv}\n■ 源码 | https://github.com/a/{n}\n\n{summary}\n\n"
            for n, (title, arxiv, summary) in enumerate(
                [("Momentum Contrast for Unsupervised Visual Representation Learning", "1911.05722", "MoCo 将对比学习视为字典查找。"),
                 ("Bootstrap your own latent", "2006.07733", "BYOL 不使用负样本对。")]))
    ),
    # CSDN: "【论文】Title", "【链接】…", "【代码】…", "【简介】…", under a table of contents of titles
    "csdn.md": (
        "# 【论文合集】2022 年目标检测论文汇总\n\n文章目录\n- 【论文】MoCo\n- 【论文】BYOL\n\n" + "".join(
            f"【论文】{title}\n【链接】https://arxiv.org/abs/{arxiv}\n【代码】https://github.com/a/{n}\n【简介】{summary}\n\n"
            for n, (title, arxiv, summary) in enumerate(
                [("Momentum Contrast for Unsupervised Visual Representation Learning", "1911.05722", "MoCo 将对比学习视为字典查找。"),
                 ("Bootstrap your own latent", "2006.07733", "BYOL 不使用负样本对。")]))
    ),
}


@pytest.mark.parametrize("name", sorted(CHINESE_LABELS))
def test_chinese_platforms_label_lines_their_own_way(name):
    # "■ 论文 | …" and "【论文】…" lines were no labelled lines: one paragraph per paper, no entry
    entries = _extract_text(CHINESE_LABELS[name], path=name)
    assert [e.title.text for e in entries] == ["Momentum Contrast for Unsupervised Visual Representation Learning",
                                                "Bootstrap your own latent"]  # (not the table of contents)
    assert [[(link.role, link.url) for link in e.links] for e in entries] == [
        [("paper", "https://arxiv.org/abs/1911.05722"), ("code", "https://github.com/a/0")],
        [("paper", "https://arxiv.org/abs/2006.07733"), ("code", "https://github.com/a/1")]]
    assert [e.summary.text for e in entries] == ["MoCo 将对比学习视为字典查找。", "BYOL 不使用负样本对。"]


@pytest.mark.parametrize("suffix", ["md", "txt"])
def test_paperweekly_author_lines_are_the_authors_not_the_summary(suffix):
    # "■ 作者 | A, B": the bar was taken for the one before an affiliation ("A, B | Google"), so
    # the line was no author line; it became the summary, and the summary under it was lost
    papers = [("Attention Is All You Need", "1706.03762", "Ashish Vaswani, Noam Shazeer", ["Ashish Vaswani", "Noam Shazeer"]),
              ("Deep Residual Learning for Image Recognition", "1512.03385", "Kaiming He", ["Kaiming He"]),
              ("Bootstrap your own latent", "2006.07733", "DeepMind 与帝国理工学院的研究团队", [])]
    text = "# PaperWeekly 本周论文\n\n本周论文推荐。\n\n" + "".join(
        f"■ 论文 | {title}\n■ 链接 | https://arxiv.org/abs/{arxiv}\n■ 作者 | {names}\n\n这篇论文提出了一种方法。\n\n"
        for title, arxiv, names, _ in papers)
    entries = _extract_text(text, f"p.{suffix}")
    assert [e.title.text for e in entries] == [title for title, *_ in papers]
    assert [[a.name.text for a in e.authors] for e in entries] == [authors for *_, authors in papers]
    assert [e.summary.text for e in entries] == ["这篇论文提出了一种方法。"] * 3


def test_a_venue_line_gives_the_year_not_the_summary():
    # "- Venue: CVPR 2016" came before the prose, so it was the entry's summary
    text = "# Two papers\n\n" + "".join(
        f"## {title}\n\n- Paper: [arxiv](https://arxiv.org/abs/{arxiv})\n- {venue}\n\n{summary}\n\n"
        for title, arxiv, venue, summary in (
            ("Deep Residual Learning for Image Recognition", "1512.03385", "Venue: CVPR 2016", "Residual connections help."),
            ("Batch Normalization", "1502.03167", "发表：ICML 2015", "Normalizing layer inputs helps."),
            ("Adam: A Method for Stochastic Optimization", "1412.6980", "Published in: ICLR 2015", "Adaptive moments help.")))
    entries = _extract_text(text)
    assert [(e.summary.text, e.year) for e in entries] == [
        ("Residual connections help.", 2016), ("Normalizing layer inputs helps.", 2015), ("Adaptive moments help.", 2015)]


def test_a_note_apps_wikilinks_callouts_and_tags():
    # titles kept "[[…]]", summaries "[!summary]", and a line of tags was the summary
    text = "# Reading list\n\n## Papers\n\n" + "".join(
        f"### [[{title}]]\n\n- Link: https://arxiv.org/abs/{arxiv}\n- #architecture #rnn\n\n> [!summary]\n> {summary}\n\n"
        for title, arxiv, summary in (
            ("Retentive Network: A Successor to Transformer", "2307.08621", "RetNet has three forms."),
            ("Efficient Streaming Language Models with Attention Sinks", "2309.17453", "Attention sinks let it stream."),
            ("Think before you speak", "2310.02226", "Pause tokens give extra computation.")))
    text += "Related: [[Attention Is All You Need|the Transformer]]\n"
    entries = _extract_text(text)
    assert [e.title.text for e in entries] == ["Retentive Network: A Successor to Transformer",
                                                "Efficient Streaming Language Models with Attention Sinks", "Think before you speak"]
    assert [(e.summary_kind, e.summary.text) for e in entries] == [
        ("summary", "RetNet has three forms."), ("summary", "Attention sinks let it stream."),
        ("summary", "Pause tokens give extra computation.")]


def test_number_only_headings_over_bold_titles_in_two_languages():
    # "### 01" gave no title, so no entry; the bold titles below it were the summary
    papers = [("基于人类反馈的强化学习训练有用无害的助手", "Training a Helpful and Harmless Assistant with RLHF", "2204.05862"),
              ("用于长文本建模的记忆 Transformer", "Memorizing Transformers", "2203.08913")]
    text = "# 每周 AI 论文精选\n\n" + "".join(
        f"### 0{n}\n\n**{zh}**\n\n**{en}**\n\n论文链接：https://arxiv.org/abs/{arxiv}\n\n这是这篇论文的简介。\n\n"
        for n, (zh, en, arxiv) in enumerate(papers, 1))
    entries = _extract_text(text)
    assert [(e.number, e.title.text, e.title_other.text) for e in entries] == [(n, zh, en) for n, (zh, en, _) in enumerate(papers, 1)]
    assert [e.summary.text for e in entries] == ["这是这篇论文的简介。"] * 2
    # a bold labelled line in the other language under a heading stays what its label says
    tldr = text.replace("**Training a Helpful and Harmless Assistant with RLHF**", "**TL;DR: A short summary in English.**")
    first = _extract_text(tldr)[0]
    assert (first.title_other, first.summary_kind, first.summary.text) == (None, "tldr", "A short summary in English.")


def test_an_accounts_qr_code_is_no_figure_of_the_last_paper():
    # a WeChat post ends with its account's QR code over "扫码关注我们": the last entry's figure
    text = "# 三篇论文\n\n" + "".join(
        f"## {n}. 论文 {n} 的题目很长\n\n[论文](https://arxiv.org/abs/2001.0000{n})\n\n这是介绍。\n\n" for n in (1, 2, 3))
    text += "![](https://mmbiz.qpic.cn/qr/640)\n\n扫码关注我们\n"
    entries = _extract_text(text)
    assert len(entries) == 3 and entries[-1].image is None
    with_figure = text.replace("扫码关注我们", "图 3：模型结构。")
    assert _extract_text(with_figure)[-1].image == "https://mmbiz.qpic.cn/qr/640"


def test_text_entries_numbered_on_a_line_of_their_own_with_titles_in_two_languages():
    # "【1】" alone on its line was no title, so the whole record was one paragraph and no entry
    text = "AI 前沿周报\n==========\n\n本周精选论文。\n\n" + "".join(
        f"【{n}】\n{zh}\n{en}\n论文：https://arxiv.org/abs/{arxiv}\n简介：{summary}\n\n"
        for n, (zh, en, arxiv, summary) in enumerate([
            ("视觉 Transformer 中的掩码自编码器", "Masked Autoencoders Are Scalable Vision Learners", "2111.06377", "随机遮挡图像块。"),
            ("离散扩散模型", "Vector Quantized Diffusion Model for Text-to-Image Synthesis", "2111.14822", "离散空间里的扩散。")], 1))
    entries = _extract_text(text, path="weekly.txt")
    assert [(e.number, e.title.text, e.title_other.text) for e in entries] == [
        (1, "视觉 Transformer 中的掩码自编码器", "Masked Autoencoders Are Scalable Vision Learners"),
        (2, "离散扩散模型", "Vector Quantized Diffusion Model for Text-to-Image Synthesis")]
    assert [e.summary.text for e in entries] == ["随机遮挡图像块。", "离散空间里的扩散。"]
    # an author line in the other language is the authors, not the title's translation
    authored = text.replace("Masked Autoencoders Are Scalable Vision Learners", "Kaiming He, Xinlei Chen, Saining Xie")
    first = _extract_text(authored, path="weekly.txt")[0]
    assert first.title_other is None and [a.name.text for a in first.authors] == ["Kaiming He", "Xinlei Chen", "Saining Xie"]


def test_every_name_under_an_author_label_is_an_author():
    # "主要作者:" over two names gave the first as first author and only the second as an author;
    # a name under "第一作者:" that was not bold was no name, and its GitHub became a record link
    papers = [("主要作者:", ["**赵一**", "**钱二**"]), ("第一作者:", ["孙三", "[GitHub](https://github.com/sun3)"]),
              ("第一作者:李四", ["[LinkedIn](https://www.linkedin.com/in/li4)"])]
    text = "# 三篇论文\n\n" + "".join(
        f"### {n}. 第 {n} 篇论文的题目\n\n[论文](https://arxiv.org/abs/2001.0000{n})\n\n**论文摘要:**这篇论文提出了一种方法。\n\n"
        + f"{label}\n\n" + "\n\n".join(lines) + "\n\n* * *\n\n"
        for n, (label, lines) in enumerate(papers, 1))
    first, second, third = _extract_text(text, "p.md")
    assert [a.name.text for a in first.authors] == ["赵一", "钱二"] and first.first_author.name.text == "赵一"
    assert [a.name.text for a in second.authors] == ["孙三"]
    assert [link.url for link in second.first_author.links] == ["https://github.com/sun3"]
    assert [link.role for link in second.links] == ["paper"]
    assert [a.name.text for a in third.authors] == ["李四"]
    assert [link.url for link in third.first_author.links] == ["https://www.linkedin.com/in/li4"]


def test_a_summary_does_not_end_on_the_lead_in_to_a_list_it_leaves_out():
    text = "# Papers\n\n" + "".join(
        f"## {n}. Paper title number {n}\n\n[Paper](https://arxiv.org/abs/2001.0000{n})\n\n"
        f"This paper trains model {n} (Smith et al. 2020) longer. It changes the following:\n\n"
        "- more data\n- bigger batches\n\n" for n in (1, 2))
    first, _ = _extract_text(text, "p.md")
    assert first.summary.text == "This paper trains model 1 (Smith et al. 2020) longer."


def test_an_entry_that_runs_on_into_the_next_keeps_its_own_first_author():
    # a scrape that lost the heading "5. …": entry 4 held entry 5's author block too, and the
    # later one won
    text = regex.sub(r"(?m)^5\. Comparing Rewinding.*\n", "", SEED_001.read_text(encoding="utf-8"))
    entries = _extract_text(text, "001.txt")
    fourth = entries[3]
    assert fourth.title.text.startswith("Understanding and Robustifying")
    assert fourth.first_author.name.text == "Arber Zela"
    assert any("second author block" in w for w in fourth.warnings)
    # (and the second block's profile links are not the first author's)
    text = "# 论文\n\n" + "".join(
        f"## {n}. 第 {n} 篇论文\n\n[论文](https://arxiv.org/abs/2001.0000{n})\n\n这篇论文提出了方法。\n\n"
        "第一作者:张京兆\n\n[LinkedIn](https://www.linkedin.com/in/zhang)\n\n"
        "第一作者:李四\n\n[LinkedIn](https://www.linkedin.com/in/li4)\n\n" for n in (1, 2))
    first = _extract_text(text, "p.md")[0]
    assert first.first_author.name.text == "张京兆"
    assert [link.url for link in first.first_author.links] == ["https://www.linkedin.com/in/zhang"]


def test_a_link_labelled_paper_in_a_remark_is_the_entry_s_paper():
    # a sentence beside the link row made it prose, where only code links cued by the words were
    # taken: the paper link was lost
    text = "# Four papers\n\n" + "".join(
        f"## {n}. Paper title number {n}\n\n*Jane Doe, John Roe · ICLR 2021*\n\n> The abstract of paper {n}.\n\n"
        f"My take: this one made sampling practical. [Paper](https://arxiv.org/abs/2010.0250{n}) · "
        f"[Code](https://github.com/x/repo{n})\n\n" for n in (1, 2))
    first, _ = _extract_text(text, "p.md")
    assert [(link.role, link.url) for link in first.links] == [
        ("paper", "https://arxiv.org/abs/2010.02501"), ("code", "https://github.com/x/repo1")]


def test_bylines_before_the_summary_and_a_summary_before_the_link_row():
    # the byline opening a paragraph was the summary, a byline ending " · ICLR 2021" no byline, and
    # a summary sentence sharing its paragraph with the link row was lost
    text = ("# Papers\n\n"
            "## 1. Let's Verify Step by Step\n\n[Paper](https://arxiv.org/abs/2305.20050)\n\n"
            "Lightman et al. (OpenAI). Process supervision beats outcome supervision on MATH.\n\n"
            "## 2. Denoising Diffusion Implicit Models\n\n[Paper](https://arxiv.org/abs/2010.02502)\n\n"
            "*Jiaming Song, Chenlin Meng, Stefano Ermon · ICLR 2021*\n\nA faster sampler for diffusion models.\n\n"
            "## 3. Chen et al. on contrastive learning\n\n[Paper](https://arxiv.org/abs/2002.05709)\n\n"
            "Chen et al. propose a simple framework.\n\n"
            "## 4. Graph Convolutional Networks\n\n"
            "A first-order approximation gives a simple rule. [arXiv](https://arxiv.org/abs/1609.02907) | "
            "[code](https://github.com/tkipf/gcn)\n")
    first, second, third, fourth = _extract_text(text, "p.md")
    assert ([a.name.text for a in first.authors], first.et_al, first.summary.text) == (
        ["Lightman"], True, "Process supervision beats outcome supervision on MATH.")
    assert ([a.name.text for a in second.authors], second.year, second.summary.text) == (
        ["Jiaming Song", "Chenlin Meng", "Stefano Ermon"], 2021, "A faster sampler for diffusion models.")
    assert (third.authors, third.summary.text) == ([], "Chen et al. propose a simple framework.")
    assert fourth.summary.text == "A first-order approximation gives a simple rule."


def test_a_summary_does_not_end_in_the_labels_of_its_paragraph_s_links():
    text = "# Papers\n\n" + "".join(
        f"## {n}. Paper title number {n}\n\n[Paper](https://arxiv.org/abs/2001.0000{n})\n\n"
        f"It decides when to retrieve. [arXiv](https://arxiv.org/abs/2001.0000{n}) · [code](https://github.com/x/r{n})\n\n"
        for n in (1, 2))
    first, _ = _extract_text(text, "p.md")
    assert first.summary.text == "It decides when to retrieve."


def test_a_summary_drops_its_footnote_marks():
    text = "# 论文\n\n" + "".join(
        f"### {n}. 第 {n} 篇论文\n\n这篇论文提出了一种新的预训练方法。[^p{n}]\n\n" for n in (1, 2)) + "".join(
        f"[^p{n}]: https://arxiv.org/abs/2001.0000{n}\n" for n in (1, 2))
    first, _ = _extract_text(text, "p.md")
    assert first.summary.text == "这篇论文提出了一种新的预训练方法。"
    assert first.links[0].url == "https://arxiv.org/abs/2001.00001"


def test_a_year_in_brackets_after_a_title_is_the_entry_s_year():
    # "## ResNet (2015)": the title keeps it as written (the labelled set's convention); the year
    # was left null
    entries = _extract_text(WALKTHROUGH)
    resnet = next(e for e in entries if e.title.text.startswith("ResNet"))
    assert (resnet.title.text, resnet.year) == ("ResNet (2015)", 2015)


def test_a_link_showing_its_own_address_takes_the_label_before_it():
    # "项目主页：<a href=redirect>https://…</a>": the link's text was its address, so its role came
    # from the address alone (other), not from the label before it (project)
    html = "<html><body><h1>论文</h1>" + "".join(
        f"<h2>{n}. 第 {n} 篇论文</h2><p>论文链接：<a href='https://arxiv.org/abs/2001.0000{n}'>https://arxiv.org/abs/2001.0000{n}</a><br>"
        f"项目主页：<a href='https://link.zhihu.com/?target=https%3A//p{n}.github.io/'>https://p{n}.github.io/</a></p>"
        f"<p>本文提出了一种新方法。</p>" for n in (1, 2, 3)) + "</body></html>"
    first = _extract_text(html, "p.html")[0]
    assert [(link.role, link.label) for link in first.links] == [("paper", "论文链接"), ("project", "项目主页")]


def test_a_summary_loses_brackets_that_only_held_links_but_keeps_citations():
    # "感知者 IO ( [博客](…)、 [HF 库](…)、[论文](…))基于…" left "( 博客、 HF 库、论文)" in the summary
    models = [("感知者 IO", "2107.14795"), ("Data2vec", "2202.03555"), ("加托", "2205.06175")]
    text = "# 通用智能体\n\n" + "".join(
        f"## {name}\n\n{name} ( [博客](https://example.com/{n})、 [HF 库](https://huggingface.co/{n})、"
        f"[论文](https://arxiv.org/abs/{arxiv}))基于一个变压器（[Vaswani 等人，2017](https://arxiv.org/abs/1706.03762)）网络。\n\n"
        for n, (name, arxiv) in enumerate(models))
    entries = _extract_text(text)
    assert [e.summary.text for e in entries] == [f"{name}基于一个变压器（Vaswani 等人，2017）网络。" for name, _ in models]


def test_a_summary_loses_sentences_that_only_point_to_a_link():
    # "去雾网的代码可以在[这里](github)找到。" sat in the middle of five dehazing summaries
    models = [("去雾网", "10.1109/TIP.2016.2598681"), ("AOD 网", "10.1109/ICCV.2017.511"), ("DCPDN", "10.1109/CVPR.2018.00337")]
    text = "# 图像去雾\n\n" + "".join(
        f"## {name}\n\n[{name}](https://doi.org/{doi})是一种去雾方法。这个模型的代码可以在[这里](https://github.com/a/{n})找到。"
        f"它学习透射图。\n\n" for n, (name, doi) in enumerate(models))
    entries = _extract_text(text)
    assert [e.summary.text for e in entries] == [f"{name}是一种去雾方法。它学习透射图。" for name, _ in models]
    assert [[link.role for link in e.links] for e in entries] == [["paper", "code"]] * 3  # (the link is kept)
    # a paragraph that is only such a sentence stays what it is
    alone = text.replace("是一种去雾方法。", "").replace("它学习透射图。", "")
    assert [e.summary.text for e in _extract_text(alone)][0] == "去雾网这个模型的代码可以在这里找到。"


def test_captions_under_an_image_left_in_english_or_ending_with_their_credit():
    # a translated post keeps the original's caption under the image ("Perceiver IO setup, …"),
    # or writes its credit after it ("… 的比较 ( [来源](arxiv))"): neither was the figure's caption
    def entries(caption):
        text = "# 三个模型\n\n" + "".join(
            f"## 模型 {n}\n\n[论文](https://arxiv.org/abs/2107.1479{n})\n\n这个模型基于一个变压器神经网络。\n\n"
            f"![](img/{n}.png)\n\n{caption}\n\n后面的正文继续讲这个模型的训练。\n\n" for n in (1, 2, 3))
        return _extract_text(text)

    english = "Perceiver IO setup, showing its main components of input, output and latent data."
    assert [e.caption.text for e in entries(english)] == [english] * 3
    credited = "yolov 7 推理时间与其他实时物体探测器的比较 ( [来源](https://arxiv.org/abs/2207.02696))"
    assert [e.caption.text for e in entries(credited)] == ["yolov 7 推理时间与其他实时物体探测器的比较"] * 3
    # a Chinese paragraph under the image is still prose
    assert [e.caption for e in entries("图像下面的这段话是正文，不是图注。")] == [None] * 3


def test_names_linked_to_their_authors_pages_after_an_items_title_are_its_authors():
    # neptune.ai's list: "[**更快的 R-CNN**](arxiv) **，** [**【邵青】**](author search) **，** [**【明凯】**](…) **等**":
    # the names were the entry's profile links, and it had no authors
    search = "https://arxiv.org/search/cs?searchtype=author&query="
    text = ("# 关键论文\n\n以下是人工智能领域的几篇关键研究论文:\n\n"
            f"*   [**亚当:随机优化的一种方法**](https://arxiv.org/abs/1412.6980) **，迪德里克·金马，吉米·巴**\n"
            f"*   [**更快的 R-CNN:区域建议网络**](https://arxiv.org/abs/1506.01497) **，** [**【邵青】**]({search}Ren%2C+S) **，** "
            f"[**【明凯】**]({search}He%2C+K) **等**\n"
            f"*   [**注意力是你所需要的一切**](https://arxiv.org/abs/1706.03762) **，瓦斯瓦尼等人，NeurIPS 2017**\n")
    entries = _extract_text(text)
    faster = entries[1]
    assert [(a.name.text, [link.url for link in a.links]) for a in faster.authors] == [
        ("邵青", [f"{search}Ren%2C+S"]), ("明凯", [f"{search}He%2C+K"])]
    assert faster.et_al and [link.url for link in faster.links] == ["https://arxiv.org/abs/1506.01497"]
    assert [[a.name.text for a in e.authors] for e in (entries[0], entries[2])] == [["迪德里克·金马", "吉米·巴"], ["瓦斯瓦尼"]]


def test_a_paper_linked_twice_as_page_and_pdf_is_one_link():
    # paperspace walk-throughs cite the paper's arXiv page in the text and link its PDF as the
    # "original research paper" further down: 6 records listed the paper twice
    def papers(body):
        text = "# 三个模型\n\n" + "".join(f"## ResNet {n}\n\n" + body.format(n=n) for n in (1, 2, 3))
        return [[link.url for link in e.links if link.role == "paper"] for e in _extract_text(text)]

    cited = ("ResNet 是在[图像识别的深度残差学习](https://arxiv.org/abs/1512.0338{n})中提出的。\n\n"
             "这个网络很深。\n\n[链接到原始研究论文](https://arxiv.org/pdf/1512.0338{n}.pdf)\n\n")
    assert papers(cited) == [[f"https://arxiv.org/abs/1512.0338{n}"] for n in (1, 2, 3)]
    row = "[Paper](https://arxiv.org/abs/1512.0338{n}) | [PDF](https://arxiv.org/pdf/1512.0338{n}v2.pdf)\n\n它很深。\n\n"
    assert papers(row) == [[f"https://arxiv.org/abs/1512.0338{n}"] for n in (1, 2, 3)]


def test_an_image_glued_to_a_formula_is_the_entrys_figure():
    # lilianweng's posts put the figure right after a display formula, "$$ … $$![](img/…)": the
    # entry had no figure, or a later one's
    text = "# 三个模型\n\n" + "".join(
        f"## 模型 {n}\n\n[论文](https://arxiv.org/abs/2107.1479{n})\n\n这个模型基于一个变压器神经网络。\n\n"
        f"$$ \\mathbf{{h}}^{n} = \\sigma(\\mathbf{{W}}\\mathbf{{x}}) $$![](img/{n}.png)\n\n图 {n}\\. 模型的结构。\n\n"
        f"后面的正文。\n\n![](img/later-{n}.png)\n\n" for n in (1, 2, 3))
    assert [(e.image, e.caption.text) for e in _extract_text(text)] == [(f"img/{n}.png", f"图 {n}. 模型的结构。") for n in (1, 2, 3)]


def test_a_link_to_a_place_in_the_page_is_no_link_of_the_entry():
    # pyimagesearch wraps its headings in links back to the contents: "#### [**CSP:…**](#TOC)"
    text = "# 三个模型\n\n" + "".join(
        f"#### [**模型 {n}：一个网络**](#TOC)\n\n[论文](https://arxiv.org/abs/2107.1479{n})\n\n"
        f"这个模型基于一个变压器神经网络，见[上文](#model-{n})。\n\n" for n in (1, 2, 3))
    assert [[link.url for link in e.links] for e in _extract_text(text)] == [
        [f"https://arxiv.org/abs/2107.1479{n}"] for n in (1, 2, 3)]


def test_credits_naming_the_original_paper_or_only_a_linked_work_are_taken_off():
    # "(图片来源：[原论文](…))" stayed in captions (only 原始论文 was known), also with the
    # original's "with more annotations" left outside its bracket; "*来源- [paper title](arxiv)*"
    # under an image was taken for the figure's caption
    def captions(caption):
        text = "# 三个模型\n\n" + "".join(
            f"## 模型 {n}\n\n[论文](https://arxiv.org/abs/2107.1479{n})\n\n这个模型基于一个变压器神经网络。\n\n"
            f"![](img/{n}.png)\n\n{caption}\n\n后面的正文继续讲这个模型的训练。\n\n" for n in (1, 2, 3))
        return [e.caption.text if e.caption else None for e in _extract_text(text)]

    for credit in ("(图片来源：[原论文](https://arxiv.org/abs/1703.03400))", "（图片来源：[原始论文](https://arxiv.org/abs/1703.03400)）。",
                   "(图片来源：[原论文](https://openreview.net/pdf?id=rJY0-Kcll))，带有更多注释。"):
        assert captions(f"图 11\\. MAML 的示意图。 {credit}") == ["图 11. MAML 的示意图。"] * 3, credit
    assert captions("*来源- [感知者:具有迭代注意的一般感知](https://arxiv.org/abs/2103.03206)*") == [None] * 3
    # a credit that says something stays
    said = "图 2. 模型。 (图片来源：[焦点损失] 论文，附加标签来自 YOLOv3)"
    assert captions(said) == [said] * 3


@pytest.mark.parametrize("note", [
    "*(TL;DR, from the OpenReview.net forum of this ICLR 2020 paper)*",
    "(TL；博士，来自OpenReview.net (https://web.archive.org/web/2020/http://openreview.net/))",
])
def test_a_long_tldr_source_note_marks_the_summary_and_is_none(note):
    # a note naming a source longer than 40 characters, or with its link's address in brackets
    # (a scrape's), was read as a labelled TL;DR: ", from the OpenReview.net forum …" was the summary
    text = "# Papers\n\n" + "".join(
        f"## {n}. Paper title number {n}\n\n[Paper](https://openreview.net/forum?id=abc{n})\n\n"
        f"What paper {n} shows, in one sentence.\n\n{note}\n\n" for n in (1, 2, 3))
    entries = _extract_text(text, "p.md")
    assert [(e.summary_kind, e.summary.text) for e in entries] == [
        ("tldr", f"What paper {n} shows, in one sentence.") for n in (1, 2, 3)]
    # a note too long to be taken for the marker is no summary either
    longer = text.replace(note, "(TL;DR, from " + "the forum of this paper, " * 5 + "as its authors wrote it)")
    assert [e.summary.text for e in _extract_text(longer, "p.md")] == [f"What paper {n} shows, in one sentence." for n in (1, 2, 3)]


def test_a_later_figures_figcaption_is_not_the_entrys_caption():
    # in HTML every <figcaption> was the entry's caption: a later, borrowed figure's caption was
    # paired with the first image, and its "Paper" link became the entry's paper
    def entry(n):
        return (f"<h2>{n}. Paper title number {n}</h2>\n<p><a href='https://arxiv.org/abs/2001.0000{n}'>Paper</a></p>\n"
                f"<p>What paper {n} does, in a sentence.</p>\n<figure><img src='img/{n}.png'></figure>\n<p>More text.</p>\n"
                f"<figure><img src='img/{n}b.png'><figcaption>Figure 2. A figure borrowed from another work "
                f"(<a href='https://arxiv.org/abs/1999.0000{n}'>Paper</a>)</figcaption></figure>\n")
    page = "<html><body><h1>Papers</h1>\n" + "".join(entry(n) for n in (1, 2, 3)) + "</body></html>\n"
    entries = _extract_text(page, "p.html")
    assert [(e.image, e.caption) for e in entries] == [(f"img/{n}.png", None) for n in (1, 2, 3)]
    assert [[link.url for link in e.links] for e in entries] == [[f"https://arxiv.org/abs/2001.0000{n}"] for n in (1, 2, 3)]
    # the first figure's own figcaption still is
    captioned = page.replace("<figure><img src='img/1.png'></figure>", "<figure><img src='img/1.png'><figcaption>Figure 1. The model.</figcaption></figure>")
    assert _extract_text(captioned, "p.html")[0].caption.text == "Figure 1. The model."


def test_a_name_under_its_label_in_a_text_scrape_is_the_author_not_a_heading():
    # "第一作者:" on a line of its own, the name on the next, then the next numbered title: the
    # name became a level-2 heading, the entry lost its author and the next ones took the name
    # for their section
    names = ("杨", "陈为", "王义桅")
    text = "ECML 论文\n\n聚类\n\n" + "".join(
        f"{n}.论文{n}的标题\n\n论文 | 简报\n\n论文摘要:在过去的几十年中，多视图聚类吸引了相当多的关注。\n\n第一作者:\n\n{name}\n\n"
        for n, name in enumerate(names, 1))
    entries = _extract_text(text, "ecml.txt")
    assert [[a.name.text for a in e.authors] for e in entries] == [[name] for name in names]
    assert [e.section.text for e in entries] == ["聚类"] * 3


@pytest.mark.parametrize("row", ["论文 | 代码", "Paper | Code"])
def test_a_scrapes_chinese_label_row_is_a_link_row_not_a_title_label(row):
    # "论文 | 代码" (a link row without its URLs) read as the title label "论文 | <title>": its
    # labels were lost, and the caption after it was no caption
    text = "ICLR 最佳论文\n\n" + "".join(
        f"{n}。论文{n}的标题\n\n这篇论文证明了梯度裁剪可以加速训练。\n\n(TL；博士，来自OpenReview.net)\n\n{row}\n\n"
        f"The architecture of the network. The block serves as a dimension-preserving mapping.\n\n" for n in (1, 2))
    entries = _extract_text(text, "iclr.txt")
    assert [e.link_labels for e in entries] == [row.replace(" ", "").split("|")] * 2
    assert [e.caption.text[:16] for e in entries] == ["The architecture"] * 2


def test_a_scrape_that_writes_links_as_text_and_address_in_brackets():
    # "Paper (https://…)": the address was a link without a label and stayed in the text, so the
    # walk-through rule (which reads a citation's label) found nothing, the TL;DR note with its
    # address was taken for the summary, and "Code (drive …)" was no code link
    models = [("CoVe", "McCann et al., 2017", "1708.00107"), ("ELMo", "Peters et al., 2018", "1802.05365"),
              ("ULMFiT", "Howard & Ruder, 2018", "1801.06146")]
    text = "Contextual embeddings\n\nAn overview of models.\n\n" + "".join(
        f"{name}\n\n{name} ({cite} (https://arxiv.org/abs/{arxiv})) learns contextual word vectors from a language "
        f"model and transfers them to downstream tasks with good results across the board.\n\n" for name, cite, arxiv in models)
    entries = _extract_text(text, "embeddings.txt")
    assert [(e.title.text, e.links[0].url) for e in entries] == [(name, f"https://arxiv.org/abs/{arxiv}") for name, _, arxiv in models]
    assert "https://" not in entries[0].summary.text
    digest = "ICLR papers\n\n" + "".join(
        f"{n}. Paper {n}\n\nThis paper proves something useful about training.\n\n"
        f"(TL;DR, from OpenReview.net (https://web.archive.org/web/20220926095407/http://openreview.net/))\n\n"
        f"Paper (https://openreview.net/forum?id=ABCDEFGH{n}) | Code (https://drive.google.com/file/d/abc{n}/view)\n\n"
        for n in (1, 2))
    entries = _extract_text(digest, "iclr.txt")
    assert [(e.summary_kind, e.summary.text) for e in entries] == [("tldr", "This paper proves something useful about training.")] * 2
    assert [[(link.role, link.label) for link in e.links] for e in entries] == [[("paper", "Paper"), ("code", "Code")]] * 2


@pytest.mark.parametrize("label", ["Authors: ", "主要作者: ", "主要作者：", "First author: "])
@pytest.mark.parametrize("paper", ["Paper", "论文"])
def test_the_link_row_under_an_author_line_is_the_entrys_not_the_authors(label, paper):
    # under "Authors: A, B" (an author label), "[Paper](arxiv)" was read as the authors' profile
    # link, its text being a link label and a name alike: records with no links and no ids
    papers = [("Attention Is All You Need", "Ashish Vaswani, Noam Shazeer", "1706.03762"),
              ("Deep Residual Learning for Image Recognition", "Kaiming He, Xiangyu Zhang", "1512.03385")]
    text = "# Papers of the week\n\n" + "".join(
        f"## {n}. {title}\n\n{label}{names}\n\n[{paper}](https://arxiv.org/abs/{arxiv})\n\nWhat the paper does.\n\n"
        for n, (title, names, arxiv) in enumerate(papers, 1))
    entries = _extract_text(text, "p.md")
    assert [[(link.role, link.url) for link in e.links] for e in entries] == [
        [("paper", f"https://arxiv.org/abs/{arxiv}")] for _, _, arxiv in papers]
    assert [e.first_author.name.text for e in entries] == [names.split(",")[0] for _, names, _ in papers]
    assert all(not e.first_author.links for e in entries)



@pytest.mark.parametrize("label", ["Authors: ", "主要作者: ", "主要作者：", "First author: "])
@pytest.mark.parametrize("paper", ["Paper", "论文"])
def test_a_scrapes_label_row_under_an_author_line_is_the_entrys(label, paper):
    # a scrape's row of labels that lost their links ("Paper | Code") under "Authors: A, B" was
    # read as the authors' profile labels: the entry had no link labels; under "主要作者：A, B" or
    # "First author: A", the author line was taken for the title of an entry over that row
    text = "Papers of the week\n\n" + "".join(
        f"{n}. Paper title number {n}\n\n{label}Ashish Vaswani, Noam Shazeer\n\n{paper} | Code\n\nWhat the paper does.\n\n"
        for n in (1, 2))
    entries = _extract_text(text, "p.txt")
    assert [e.title.text for e in entries] == ["Paper title number 1", "Paper title number 2"]
    assert [e.link_labels for e in entries] == [[paper, "Code"]] * 2
    assert [[a.name.text for a in e.authors] for e in entries] == [["Ashish Vaswani", "Noam Shazeer"]] * 2


@pytest.mark.parametrize("label", ["主要作者:", "作者：", "Authors:"])
@pytest.mark.parametrize("layout", ["paragraphs", "lines"])
@pytest.mark.parametrize("suffix", ["md", "txt"])
def test_every_name_under_an_author_label_alone_is_an_author(label, layout, suffix):
    # "主要作者:" over its names before the link row: a paragraph each, the link fell out of the
    # entry's head and no entry was found; on lines of one paragraph, the label and the names
    # were one block, the summary ("主要作者: Jason Wei Xuezhi Wang") and no author
    papers = [("Chain-of-Thought Prompting", "Jason Wei", "Xuezhi Wang", "2201.11903"),
              ("Attention Is All You Need", "Ashish Vaswani", "Noam Shazeer", "1706.03762")]
    gap = "\n\n" if layout == "paragraphs" else "\n"
    bold = "**" if suffix == "md" else ""
    link = "[论文](https://arxiv.org/abs/{})" if suffix == "md" else "论文：https://arxiv.org/abs/{}"
    text = ("# " if suffix == "md" else "") + "本周论文\n\n以下是本周值得一读的论文。\n\n" + "".join(
        f"{'## ' if suffix == 'md' else ''}{n}. {title}\n\n{label}{gap}{bold}{first}{bold}{gap}{second}\n\n"
        f"{link.format(arxiv)}\n\n这篇论文提出了一种方法。\n\n" for n, (title, first, second, arxiv) in enumerate(papers, 1))
    entries = _extract_text(text, f"p.{suffix}")
    assert [[a.name.text for a in e.authors] for e in entries] == [[first, second] for _, first, second, _ in papers]
    assert [e.first_author.name.text for e in entries] == [first for _, first, _, _ in papers]
    assert [e.summary.text for e in entries] == ["这篇论文提出了一种方法。"] * 2
    assert [e.links[0].url for e in entries] == [f"https://arxiv.org/abs/{arxiv}" for *_, arxiv in papers]


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_bracketed_link_row_straight_under_a_numbered_title(gap):
    # "1. Title" with "Paper (https://…) | Code (https://…)" on the next line was one paragraph,
    # no heading, and the text gave no entries (with a blank line between, it gave them all)
    papers = [("Attention Is All You Need", "1706.03762", "tensorflow/tensor2tensor"),
              ("BERT: Pre-training of Deep Bidirectional Transformers", "1810.04805", "google-research/bert"),
              ("Deep Residual Learning for Image Recognition", "1512.03385", None)]
    text = "Three papers to read\n\nThis week we picked three papers.\n\n" + "".join(
        f"{n}. {title}\nPaper (https://arxiv.org/abs/{arxiv})" + (f" | Code (https://github.com/{code})" if code else "")
        + f"{gap}What the paper does.\n\n" for n, (title, arxiv, code) in enumerate(papers, 1))
    entries = _extract_text(text, "p.txt")
    assert [e.title.text for e in entries] == [title for title, _, _ in papers]
    assert [[(link.role, link.label, link.url) for link in e.links] for e in entries] == [
        [("paper", "Paper", f"https://arxiv.org/abs/{arxiv}")] + ([("code", "Code", f"https://github.com/{code}")] if code else [])
        for _, arxiv, code in papers]
    assert [e.summary.text for e in entries] == ["What the paper does."] * 3


def test_labelled_link_lines_straight_under_an_underlined_numbered_title():
    # "1. Title" / "-----" / "Paper: https://…" / "Code: https://…", no blank line between: one
    # paragraph, and no entries
    papers = [("Attention Is All You Need", "1706.03762"), ("Deep Residual Learning for Image Recognition", "1512.03385")]
    text = "Papers of the Month\n===================\n\nHere are two papers worth reading.\n\n" + "".join(
        f"{n}. {title}\n{'-' * (len(title) + 3)}\nPaper: https://arxiv.org/abs/{arxiv}\n\nWhat the paper does.\n\n"
        for n, (title, arxiv) in enumerate(papers, 1))
    entries = _extract_text(text, "p.txt")
    assert [(e.title.text, [link.url for link in e.links], e.summary.text) for e in entries] == [
        (title, [f"https://arxiv.org/abs/{arxiv}"], "What the paper does.") for title, arxiv in papers]


@pytest.mark.parametrize("intro", ["Transformer 用注意力取代了循环网络，训练更快。", "模型很小，训练更快，效果更好。",
                                   "Transformers replace recurrence, train faster."])
def test_a_reviews_first_sentence_of_short_clauses_is_its_summary_not_its_authors(intro):
    # "Transformer 用注意力取代了循环网络，训练更快。" under "## 介绍" was read as two authors
    # ("Transformer 用注意力取代了循环网络": a capitalised word, then Han, passed for a Latin
    # name), and the summary came from the next section; so were short Chinese clauses
    # ("模型很小，训练更快"), each as long as a Chinese name (the English sentence is a control)
    text = (f"# 论文综述：注意力\n\n本周的论文综述是 [Attention Is All You Need](https://arxiv.org/abs/1706.03762)。\n\n"
            f"## 介绍\n\n{intro}\n\n## 方法\n\n多头注意力和位置编码。\n")
    (review,) = _extract_text(text, "review.md")
    assert (review.title.text, review.authors, review.summary.text) == ("Attention Is All You Need", [], intro)


def test_a_code_link_cited_with_another_paper_is_not_the_entrys():
    # llw_14 "丢弃和截断": Shen et al.'s section goes on to SimCSE, "(Gao 等人，2021；代码)"; the
    # code is SimCSE's, not the section's paper's. CERT's own "(Fang 等人（2020）; code)" stays.
    text = (
        "# 对比学习\n\n"
        "### 丢弃和截断\n\n"
        "[Shen 等人（2020）](https://arxiv.org/abs/2009.13818)提出将**截断**应用于文本增强。\n\n"
        "**SimCSE**（[Gao 等人，2021](https://arxiv.org/abs/2104.08821)；[代码](https://github.com/princeton-nlp/SimCSE)）"
        "通过预测一个句子自身并仅使用 dropout 噪声来从无监督数据中学习。\n\n"
        "### 回译\n\n"
        "CERT（[Fang 等人（2020）](https://arxiv.org/abs/2005.12766)；[code](https://github.com/UCSD-AI4H/CERT)）"
        "通过回译生成增强句子。\n\n"
        "它的代码也在[这里](https://github.com/UCSD-AI4H/CERT-extra)。\n"
    )
    shen, cert = _extract_text(text, "p.md")
    assert [(link.role, link.url) for link in shen.links] == [("paper", "https://arxiv.org/abs/2009.13818")]
    assert [(link.role, link.url) for link in cert.links] == [
        ("paper", "https://arxiv.org/abs/2005.12766"), ("code", "https://github.com/UCSD-AI4H/CERT"),
        ("code", "https://github.com/UCSD-AI4H/CERT-extra")]
    # the entry's own paper, cited under another address after the entry's title, keeps its code
    text = (
        "# 对比学习论文笔记\n\n"
        "## 1. [SimCSE](https://openreview.net/forum?id=abc123XYZ)\n\n"
        "**SimCSE**（[Gao 等人，2021](https://arxiv.org/abs/2104.08821)；[代码](https://github.com/princeton-nlp/SimCSE)）"
        "用 dropout 作为数据增强。\n\n"
        "## 2. [ConSERT](https://arxiv.org/abs/2105.11741)\n\n"
        "ConSERT 提出了多种增强。\n"
    )
    simcse, _ = _extract_text(text, "p.md")
    assert ("code", "https://github.com/princeton-nlp/SimCSE") in [(link.role, link.url) for link in simcse.links]
    # (named by the short name its title opens with: "SimCSE: Simple Contrastive Learning …")
    text = text.replace("[SimCSE](", "[SimCSE: Simple Contrastive Learning of Sentence Embeddings](")
    simcse, _ = _extract_text(text, "p.md")
    assert ("code", "https://github.com/princeton-nlp/SimCSE") in [(link.role, link.url) for link in simcse.links]


def test_a_summary_that_only_leads_in_takes_the_list_it_leads_in_to():
    # llw_29: "**关系网络（RN）**（Sung 等，2018）类似于孪生网络，但有一些区别：" was all of the summary
    text = (
        "# 元学习\n\n"
        "### RelationNet\n\n"
        "**关系网络（RN）**（[Sung 等，2018](https://arxiv.org/abs/1711.06025)）类似于孪生网络，但有一些区别：\n\n"
        "1.  关系由 CNN 分类器来预测。\n\n"
        "1.  目标函数是均方误差损失。\n\n"
        "![](img/rn.png)\n\n"
        "- 这一项在图后，不属于摘要。\n\n"
        "### MatchingNet\n\n"
        "匹配网络（[Vinyals 等，2016](https://arxiv.org/abs/1606.04080)）学习一个分类器。它有两个部分：\n\n"
        "1.  嵌入函数。\n\n"
        "### ProtoNet\n\n"
        "原型网络（[Snell 等，2017](https://arxiv.org/abs/1703.05175)）把每个类别的输入编码成一个原型向量，它和匹配网络的区别如下：\n\n"
        f"1.  {'很长的一项。' * 120}\n"
    )
    relation, matching, prototypical = _extract_text(text, "p.md")
    assert relation.summary.text == (
        "关系网络（RN）（Sung 等，2018）类似于孪生网络，但有一些区别：关系由 CNN 分类器来预测。目标函数是均方误差损失。")
    assert relation.summary.lines == (5, 9)
    assert matching.summary.text == "匹配网络（Vinyals 等，2016）学习一个分类器。"  # (a sentence before its lead-in)
    assert prototypical.summary.text == "原型网络（Snell 等，2017）把每个类别的输入编码成一个原型向量，它和匹配网络的区别如下："  # (a list item too long to take)
    # items without a stop of their own stay apart: "…如下：A；B", "…two stages: A; B"
    text = (
        "# 本周论文\n\n"
        "## 1. [Toolformer](https://arxiv.org/abs/2302.04761)\n\n"
        "The method has two stages:\n\n- Sampling API calls\n- Filtering them by loss\n\n"
        "## 2. [ReAct](https://arxiv.org/abs/2210.03629)\n\n"
        "这个方法的主要贡献如下：\n\n- 让模型交替推理与行动\n- 减少幻觉\n"
    )
    toolformer, react = _extract_text(text, "p.md")
    assert toolformer.summary.text == "The method has two stages: Sampling API calls; Filtering them by loss"
    assert react.summary.text == "这个方法的主要贡献如下：让模型交替推理与行动；减少幻觉"


def test_an_entry_that_cites_its_paper_by_author_and_year_has_them():
    # 77 of the archive's 271 records cited their paper as "Dinh et al., 2017" and had no
    # authors and no year; a model named with its year ("Inception (2014)") names no author
    text = (
        "# 流模型\n\n"
        "### RealNVP\n\n"
        "**RealNVP**（实值非体积保持；[Dinh et al., 2017](https://arxiv.org/abs/1605.08803)）通过堆叠可逆变换实现正规化流。\n\n"
        "### Glow\n\n"
        "**Glow**（[Kingma and Dhariwal, 2018](https://arxiv.org/abs/1807.03039)）扩展了 RealNVP，用可逆的 1x1 卷积取代了固定的通道置换。\n\n"
        "### GoogLeNet\n\n"
        "**GoogLeNet**（[Inception (2014)](https://arxiv.org/abs/1409.4842)）加深了网络，改善了训练。\n"
    )
    realnvp, glow, resnet = _extract_text(text, "p.md")
    assert ([a.name.text for a in realnvp.authors], realnvp.et_al, realnvp.year) == (["Dinh"], True, 2017)
    assert realnvp.authors[0].name.lines == (5, 5) and realnvp.first_author.name.text == "Dinh"
    assert ([a.name.text for a in glow.authors], glow.et_al, glow.year) == (["Kingma", "Dhariwal"], False, 2018)
    assert (resnet.authors, resnet.year) == ([], None)


def test_a_citation_of_the_entrys_paper_in_its_opening_prose_gives_its_authors():
    # llw_34: "## A3C" / "[[论文](arxiv)|[代码](github)]" / "**异步优势演员-评论家**（[Mnih 等人，2016](arxiv)）…":
    # the link row's "论文" names nobody; the prose cites the same paper by its authors
    sections = [("A3C", "1602.01783", "**异步优势演员-评论家**（[Mnih 等人，2016](https://arxiv.org/abs/{})），简称 A3C，是一种经典的策略梯度方法。"),
                ("ACKTR", "1708.05144", "ACKTR（[Yuhuai Wu 等人，2017](https://arxiv.org/abs/{})）用克罗内克因子近似信任域。"),
                ("DDPG", "1509.02971", "DDPG（[Lillicrap 等人，2015](https://arxiv.org/abs/1602.01783)）引用的是另一篇论文。")]
    text = "# 策略梯度\n\n" + "".join(
        f"## {name}\n\n[[论文](https://arxiv.org/abs/{arxiv})|[代码](https://github.com/a/{name})]\n\n{prose.format(arxiv)}\n\n"
        for name, arxiv, prose in sections)
    a3c, acktr, ddpg = _extract_text(text, "p.md")
    assert ([a.name.text for a in a3c.authors], a3c.et_al, a3c.year) == (["Mnih"], True, 2016)
    assert a3c.authors[0].name.lines == (7, 7)
    assert [a.name.text for a in acktr.authors] == ["Yuhuai Wu"]
    assert (ddpg.authors, ddpg.year) == ([], None)  # (it cites another paper than its own)


def test_the_papers_of_an_article_about_one_conference_have_its_year():
    # "ICLR 2020 大会最佳深度学习论文": its 16 papers, and ECML-PKDD 2020's 59, had no year
    entries = "".join(f"## {n}. {title}\n\n[论文](https://openreview.net/forum?id=p{n})\n\n它做了一件事。\n\n"
                      for n, title in enumerate(["Paper One", "Paper Two (NeurIPS 2019)", "Paper Three"], 1))
    one, two, three = _extract_text("# ICLR 2020 大会最佳深度学习论文\n\n" + entries, "p.md")
    assert [(e.year, e.year_lines) for e in (one, two, three)] == [(2020, (1, 1)), (2019, (9, 9)), (2020, (1, 1))]
    ecml = _extract_text("# 来自 ECML-PKDD 2020 会议的顶级研究论文\n\n" + entries, "p.md")
    assert [e.year for e in ecml] == [2020, 2019, 2020]
    both = _extract_text("# 从 CVPR 2019 到 ICCV 2021\n\n" + entries, "p.md")
    assert [e.year for e in both] == [None, 2019, None]  # (two venues: which one is a paper's?)
    first = _extract_text("# 2020 年 NeurIPS 最佳论文\n\n" + entries, "p.md")
    assert [e.year for e in first] == [2020, 2019, 2020]  # (the year before the venue)
    # a venue named as a point in time is no conference the article is about
    for title in ("NeurIPS 2019 之后的进展", "Top 10 papers since ICLR 2018", "自 ICLR 2018 以来的十篇论文",
                  "What happened after NeurIPS 2019", "Beyond ICLR 2019",
                  "NeurIPS 10 papers you should read", "ICLR 20 篇必读论文"):  # (a count after the venue is no year)
        assert [e.year for e in _extract_text(f"# {title}\n\n" + entries, "p.md")] == [None, 2019, None], title


def test_an_organisation_a_link_word_or_the_entrys_model_cited_with_a_year_is_no_author():
    # "(Anthropic, 2022)", "（谷歌，2022）" cite a company, "[论文，2014]" a link, "[Adam, 2014]"
    # under "Adam: A Method …" the model: none of them is an author
    text = (
        "# 本周论文\n\n"
        "## 1. Constitutional AI\n\n"
        "Training a harmless assistant with AI feedback ([Anthropic, 2022](https://arxiv.org/abs/2212.08073)).\n\n"
        "## 2. PaLM：扩展语言模型\n\n"
        "5400 亿参数的模型（[谷歌，2022](https://arxiv.org/abs/2204.02311)）。\n\n"
        "## 3. 变分自编码器\n\n"
        "[论文，2014](https://arxiv.org/abs/1312.6114)\n\n"
        "一种生成模型。\n\n"
        "## 4. Adam: A Method for Stochastic Optimization\n\n"
        "An optimizer that adapts per-parameter learning rates ([Adam, 2014](https://arxiv.org/abs/1412.6980)).\n\n"
        "## 5. Long Short-Term Memory\n\n"
        "Gated recurrent cells ([Schmidhuber, 1997](https://doi.org/10.1162/neco.1997.9.8.1735)).\n"
    )
    entries = _extract_text(text, "p.md")
    assert [[a.name.text for a in e.authors] for e in entries] == [[], [], [], [], ["Schmidhuber"]]


def test_a_sentence_that_cites_its_paper_in_brackets_is_no_byline():
    # "Residual nets (He et al., 2016)." gave "Residual nets" as the author and lost the summary
    text = (
        "# Papers\n\n"
        "## 1. Deep Residual Learning\n\n"
        "Residual nets ([He et al., 2016](https://arxiv.org/abs/1512.03385)).\n\n"
        "## 2. Batch Normalization\n\n"
        "Normalizing layer inputs ([Ioffe & Szegedy, 2015](https://arxiv.org/abs/1502.03167)).\n"
    )
    resnet, bn = _extract_text(text, "p.md")
    assert ([a.name.text for a in resnet.authors], resnet.year) == (["He"], 2016)
    assert resnet.summary.text.startswith("Residual nets")
    assert [a.name.text for a in bn.authors] == ["Ioffe", "Szegedy"]


def test_a_sentence_that_cites_an_organisation_in_brackets_is_no_byline():
    # "开源模型（[Meta，2023](…)）。" gave 开源模型 as the author: a company cited with a year
    text = (
        "# 论文\n\n"
        "## 1. LLaMA\n\n"
        "开源模型（[Meta，2023](https://arxiv.org/abs/2302.13971)）。\n\n"
        "## 2. GPT-4\n\n"
        "闭源模型（[OpenAI，2023](https://arxiv.org/abs/2303.08774)）。\n"
    )
    llama, gpt4 = _extract_text(text, "p.md")
    assert (llama.authors, gpt4.authors) == ([], [])
    assert llama.summary.text.startswith("开源模型")


def test_a_chinese_term_cited_with_a_year_is_no_author():
    # "（[残差网络，2016](…)）": a translation names the model with its year; a Chinese citation of
    # people says 等 or names two ("[何等，2016]", "[金玛和巴，2014]")
    text = (
        "# 经典网络\n\n"
        "## 1. ResNet\n\n"
        "跳跃连接让很深的网络也能训练（[残差网络，2016](https://arxiv.org/abs/1512.03385)）。\n\n"
        "## 2. Adam\n\n"
        "自适应学习率（[金玛和巴，2014](https://arxiv.org/abs/1412.6980)）。\n"
    )
    resnet, adam = _extract_text(text, "p.md")
    assert (resnet.authors, [a.name.text for a in adam.authors]) == ([], ["金玛", "巴"])


@example(["Kingma &, 2014"])
@example(["和，2014"])
@given(st.lists(st.sampled_from(list("KingmaWelDh &＆,，()（）等人和与谷歌论文 .'") + [
    " et al", " and ", "2014", "19", "Google", "van den "]), max_size=16))
def test_a_citation_read_from_any_link_text_names_someone_or_is_none(parts):
    # "[Kingma &, 2014](…)" split into an empty name and raised IndexError
    cited = cited_authors("".join(parts))
    assert cited is None or (cited.names and all(name.strip() for name in cited.names) and 1900 <= cited.year <= 2099)


def test_a_link_labelled_as_the_models_paper_beats_an_opening_citation_of_another_model():
    # the CSP section opens citing DenseNet, which CSP builds on, and had DenseNet for its paper
    sections = [("CSP:跨级部分连接(主干→ BoS)", "在 [2016 年，黄高等人](https://arxiv.org/pdf/1608.06993.pdf)提出了 DenseNet。",
                 "YOLOv4 的作者受到了 [CSPNet 论文](http://export.arxiv.org/pdf/1911.11929)的启发。"),
                ("修改的 SPP:空间金字塔池", "[何等(2015)](https://arxiv.org/pdf/1406.4729.pdf) 提出空间金字塔池。", "SPP 层有助于检测。"),
                ("空间注意模块", "空间注意模块来自于 [Woo et al. (2018)](https://arxiv.org/pdf/1807.06521.pdf) 发表的工作。",
                 "SAM 从空间方式的注意修改为点方式的注意。")]
    text = "# YOLOv4\n\n## 主干\n\n" + "".join(f"#### {title}\n\n{opening}\n\n致密网由许多致密嵌段组成。\n\n{later}\n\n"
                                             for title, opening, later in sections)
    doc = parse_text(text, path="yolov4.md")
    records = [extract_entry(doc, e) for e in find_entries(doc.blocks)]
    assert [next(link.url for link in r.links if link.role == "paper") for r in records] == [
        "http://export.arxiv.org/pdf/1911.11929", "https://arxiv.org/pdf/1406.4729.pdf", "https://arxiv.org/pdf/1807.06521.pdf"]
    assert [link.label for link in records[0].links] == ["CSPNet 论文"]


def test_a_markdown_footnote_is_no_summary():
    # "[^1]: First published at NeurIPS 2017." right under the link row was the entry's summary,
    # and an entry whose only prose is a footnote had the footnote for its summary
    text = """# Best papers of 2020

## 1. Attention Is All You Need

[Paper](https://arxiv.org/abs/1706.03762) | [Code](https://github.com/tensorflow/tensor2tensor)

[^1]: First published at NeurIPS 2017.

The Transformer replaces recurrence with attention.

## 2. Deep Residual Learning

[Paper](https://arxiv.org/abs/1512.03385)

[^note]: See also the follow-up work,
    which goes deeper.
"""
    entries = _extract_text(text)
    assert [e.title.text for e in entries] == ["Attention Is All You Need", "Deep Residual Learning"]
    assert entries[0].summary.text == "The Transformer replaces recurrence with attention."
    assert entries[1].summary is None


def test_a_chinese_summary_with_an_address_written_into_it_is_chinese():
    # an address between two Chinese characters had taken them with it when URLs were left out
    # of the count: the summary below was English (its "BERT" alone was left), and a sentence
    # that is nothing but Chinese around an address had no language
    from digestparse.language import block_lang

    text = """# 2020 年最佳论文

## 1. BERT

[论文](https://arxiv.org/abs/1810.04805) | [代码](https://github.com/google-research/bert)

BERT 通过掩码语言模型预训练双向编码器，详见https://openreview.net/forum?id=abcDEF123。

## 2. Deep Residual Learning

[论文](https://arxiv.org/abs/1512.03385)

残差连接使深层网络易于训练。
"""
    entries = _extract_text(text)
    assert (entries[0].summary.lang, entries[1].summary.lang) == ("zh", "zh")
    assert block_lang("我们在https://arxiv.org/abs/1810.04805中提出了一种新的语言表示模型") == "zh"


def test_a_markdown_footnote_mark_is_no_part_of_a_summary_or_caption():
    # "…trainable[^2]." kept its mark (one whose note is an address is a link, and went with it)
    text = """# Best papers of 2020

## 1. Deep Residual Learning

[Paper](https://arxiv.org/abs/1512.03385)

**TL;DR:** Residual connections make deep nets trainable[^2], at any depth[^note].

![x](img/a.png)

*Figure 1: residual blocks[^3].*

## 2. Regular expressions

[Paper](https://arxiv.org/abs/1706.03762)

A class like [^abc] matches any other character.

[^2]: He et al. 2016.
"""
    entries = _extract_text(text)
    assert entries[0].summary.text == "Residual connections make deep nets trainable, at any depth."
    assert entries[0].caption.text == "Figure 1: residual blocks."
    assert entries[1].summary.text == "A class like [^abc] matches any other character."
