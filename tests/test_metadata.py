"""Front matter: recognised by each reader as one block, read by meaning into the article record."""

import json

from digestparse import convert, parse
from digestparse.blocks import to_blocks
from digestparse.entries import find_entries

JEKYLL = """---
title: "Four papers: a reading list"
date: 2021-08-02 09:30:00 +0800
categories: [papers]
tags: [nlp, vision]
author: Ada Lee
---

Four papers we read this month.

## 1. Attention

[Paper](https://arxiv.org/abs/1706.03762)
"""

ARCHIVE_HEADER = """<!--yml

category: 未分类

date: 2024-07-01 18:18:17

-->

# 四篇论文

> 原文：[https://example.org/four-papers](https://example.org/four-papers)

正文。
"""


def test_yaml_front_matter_is_one_block_not_a_heading():
    blocks = to_blocks(JEKYLL, "markdown")
    assert [(b.kind, b.lines) for b in blocks[:2]] == [("front_matter", (1, 7)), ("paragraph", (9, 9))]
    # before, the fields were a level-2 heading underlined by the closing "---"
    assert not any(b.kind == "heading" and "title:" in b.text for b in blocks)


def test_yaml_front_matter_gives_title_date_and_tags():
    doc = parse(JEKYLL, fmt="markdown")
    assert doc.title == "Four papers: a reading list" and doc.title_lines == (1, 7)
    meta = doc.metadata
    assert meta.date == "2021-08-02T09:30:00+08:00"
    assert meta.categories == ("papers",) and meta.tags == ("nlp", "vision") and meta.authors == ("Ada Lee",)
    assert all(b.kind != "front_matter" for b in doc.blocks)


HUGO_TOML = """+++
title = "Four papers: a reading list"
date = 2021-08-02T09:30:00+08:00
categories = ["papers"]
tags = ["nlp", "vision"]
author = "Ada Lee"
+++

Four papers we read this month.

## 1. Attention

[Paper](https://arxiv.org/abs/1706.03762)
"""


def test_toml_front_matter_in_markdown_and_text():
    # Hugo's "+++" header was a paragraph of raw fields: no date, no tags
    for fmt in ("markdown", "text"):
        blocks = to_blocks(HUGO_TOML, fmt)
        assert [(b.kind, b.lines) for b in blocks[:1]] == [("front_matter", (1, 7))] and blocks[1].lines == (9, 9), fmt
        doc = parse(HUGO_TOML, fmt=fmt)
        meta = doc.metadata
        assert meta.date == "2021-08-02T09:30:00+08:00"
        assert meta.categories == ("papers",) and meta.tags == ("nlp", "vision") and meta.authors == ("Ada Lee",)
    # the heading after it keeps its own line; in Markdown, the stated title is the title
    assert [(b.kind, b.lines) for b in to_blocks(HUGO_TOML, "markdown")][2] == ("heading", (11, 11))
    assert parse(HUGO_TOML, fmt="markdown").title == "Four papers: a reading list"


def test_plus_lines_around_no_fields_are_no_front_matter():
    text = "+++\nNot a field at all.\n+++\n\n# Title\n"
    assert [b.kind for b in to_blocks(text, "markdown")] == ["paragraph", "heading"]


def test_a_rule_at_the_top_is_no_front_matter():
    text = "---\n\nJust a paragraph between two rules.\n\n---\n\n# Title\n"
    blocks = to_blocks(text, "markdown")
    assert [b.kind for b in blocks] == ["rule", "paragraph", "rule", "heading"]
    assert parse(text, fmt="markdown").metadata.date is None


def test_archive_comment_header_and_its_translated_form():
    header = ARCHIVE_HEADER.replace("未分类", "论文")
    doc = parse(header, fmt="markdown")
    assert doc.metadata.date == "2024-07-01T18:18:17" and doc.metadata.categories == ("论文",)
    assert doc.metadata.lines == (1, 7)
    assert doc.blocks[0].kind == "heading" and doc.title == "四篇论文"
    translated = header.replace("category: 论文", "类别：论文").replace(
        "date: 2024-07-01 18:18:17", "日期：2024 年 07 月 01 日 18:18:17")
    assert parse(translated, fmt="markdown").metadata == doc.metadata


def test_a_placeholder_category_and_a_value_that_repeats_its_key_are_read_for_what_they_say():
    # 405 archive posts were filed under 未分类 ("uncategorized": under nothing), and one under
    # "分类：未分类" (its translator put the key into the value too)
    assert parse(ARCHIVE_HEADER, fmt="markdown").metadata.categories == ()
    assert parse(ARCHIVE_HEADER.replace("未分类", "分类：未分类"), fmt="markdown").metadata.categories == ()
    assert parse(ARCHIVE_HEADER.replace("未分类", "分类：论文, Uncategorized"), fmt="markdown").metadata.categories == ("论文",)


def test_unclosed_header_does_not_swallow_the_article():
    # a damaged copy whose header lost its "-->": markdown-it runs the comment to the end
    text = ARCHIVE_HEADER.replace("\n-->\n", "\n<!--\n")
    doc = parse(text, fmt="markdown")
    assert doc.title == "四篇论文"
    assert doc.source_url == "https://example.org/four-papers"
    assert doc.metadata.date == "2024-07-01T18:18:17"
    assert [(b.kind, b.lines) for b in doc.blocks] == [("heading", (9, 9)), ("paragraph", (11, 11)), ("paragraph", (13, 13))]


def test_unclosed_comment_in_the_body_keeps_what_follows():
    text = "# T\n\nIntro.\n\n<!-- a note that was never closed\n\n## 1. Paper\n\nSummary.\n"
    blocks = to_blocks(text, "markdown")
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "T"), ("paragraph", "Intro."), ("paragraph", "<!-- a note that was never closed"),
        ("heading", "1. Paper"), ("paragraph", "Summary.")]
    assert blocks[3].lines == (7, 7)


def test_html_meta_tags_are_a_front_matter_block():
    page = '<html><head>\n<title>T</title>\n<meta name="author" content="Ada Lee">\n</head><body><h1>T</h1></body></html>'
    assert [(b.kind, b.lines) for b in to_blocks(page, "html")] == [("front_matter", (3, 3)), ("heading", (4, 4))]


def test_html_meta_tags_are_the_page_front_matter():
    page = """<html><head>
<title>Best papers</title>
<meta property="article:published_time" content="2020-05-01T10:00:00.000Z">
<meta name="keywords" content="deep learning, ICLR">
<meta property="article:tag" content="NLP">
<meta name="author" content="Ada Lee">
</head><body><h1>Best papers</h1><p>x</p></body></html>"""
    blocks = to_blocks(page, "html")
    assert blocks[0].kind == "front_matter" and blocks[0].lines == (3, 6)
    meta = parse(page, fmt="html").metadata
    assert meta.date == "2020-05-01T10:00:00Z"
    assert meta.tags == ("deep learning", "ICLR", "NLP") and meta.authors == ("Ada Lee",)


def test_an_unreadable_date_is_a_warning_not_a_guess():
    doc = parse("---\ntitle: T\ndate: the day after\n---\n\ntext\n", fmt="markdown")
    assert doc.metadata.date is None
    assert any("the day after" in w for w in doc.warnings)


def test_article_record_carries_the_front_matter(tmp_path):
    archive = tmp_path / "in"
    archive.mkdir()
    (archive / "post.md").write_text(JEKYLL, encoding="utf-8")
    (archive / "header.md").write_text(ARCHIVE_HEADER, encoding="utf-8")
    convert(archive, tmp_path / "out")
    articles = {r["title"].get("en") or r["title"].get("zh"): r
                for r in map(json.loads, (tmp_path / "out" / "articles.jsonl").read_text().splitlines())}
    post = articles["Four papers: a reading list"]
    assert (post["date"], post["categories"], post["tags"], post["authors"]) == (
        "2021-08-02T09:30:00+08:00", ["papers"], ["nlp", "vision"], ["Ada Lee"])
    header = articles["四篇论文"]
    assert (header["date"], header["categories"], header["tags"]) == ("2024-07-01T18:18:17", [], [])


def test_html_linked_data_gives_the_date_where_no_meta_tag_does():
    page = """<html><head><title>Best papers</title>
<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [{"@type": "WebSite", "name": "Blog"},
 {"@type": "BlogPosting", "datePublished": "2021-08-02T09:30:00+08:00",
  "author": {"@type": "Person", "name": "Ada Lee"}, "keywords": "NLP, vision"}]}
</script>
<meta name="author" content="The Blog Team">
</head><body><h1>Best papers</h1><p>x</p></body></html>"""
    meta = parse(page, fmt="html").metadata
    assert meta.date == "2021-08-02T09:30:00+08:00"
    assert meta.authors == ("The Blog Team",)  # a <meta> tag says it first
    assert meta.tags == ("NLP", "vision")
    assert parse(page.replace('"@graph"', '"graph"'), fmt="html").metadata.date is None


def test_plain_text_front_matter_and_titles_straight_above_their_links():
    text = ("---\ntitle: Two papers\ndate: 2020-01-02\n---\n\nTwo papers to read\n\n"
            "1. Attention Is All You Need\nPaper: https://arxiv.org/abs/1706.03762\n\n"
            "2. BERT\nPaper: https://arxiv.org/abs/1810.04805\nCode: https://github.com/google-research/bert\n")
    blocks = to_blocks(text, "text")
    assert [(b.kind, b.lines) for b in blocks[:4]] == [
        ("front_matter", (1, 4)), ("heading", (6, 6)), ("heading", (8, 8)), ("paragraph", (9, 9))]
    doc = parse(text, fmt="text")
    assert doc.title == "Two papers to read" and doc.metadata.date == "2020-01-02"
    assert [e.title for e in find_entries(doc.blocks)] == ["Attention Is All You Need", "BERT"]


def test_text_right_after_plain_text_front_matter_is_kept():
    blocks = to_blocks("---\ntitle: T\ndate: 2020-01-02\n---\nTitle text\n\nBody para.\n", "text")
    assert [(b.kind, b.lines, b.text) for b in blocks[1:]] == [("heading", (5, 5), "Title text"), ("paragraph", (7, 7), "Body para.")]


def test_a_list_mark_a_translation_left_before_a_title_is_no_part_of_it():
    # ezyang: "# -   使用源码，不要阅读它：ezyang 的博客"; a title that starts with a minus sign stays
    from digestparse import parse

    assert parse("# -   使用源码，不要阅读它\n\n正文。\n", path="a.md").title == "使用源码，不要阅读它"
    assert parse("# -1 的平方根\n\n正文。\n", path="a.md").title == "-1 的平方根"


def test_a_title_ends_without_its_site_s_name():
    # the archive's 408 ezyang posts were each titled "…：ezyang 的博客" or "… : ezyang’s blog"
    from digestparse import parse

    def title(text: str) -> str | None:
        return parse(text + "\n\n正文。\n", path="a.md").title

    assert title("# 一个 Zerocoin 的谜题：ezyang 的博客\n\n> 原文：<http://blog.ezyang.com/2013/04/a/>") == "一个 Zerocoin 的谜题"
    assert title("# Calling all space leaks：ezyang's 博客") == "Calling all space leaks"
    assert title("# 存在类型 - 柯里的博客") == "存在类型"
    assert title("# 没有人预料到斯科特归纳！: ezyang’s 博客") == "没有人预料到斯科特归纳！"
    assert title("# Tips | PyImageSearch\n\n> 原文：<https://pyimagesearch.com/2014/06/16/a/>") == "Tips"
    # a colon of the title itself stays, as does a part that names no site
    assert title("# MOCHA: Federated Multi-Tasks Learning : ezyang’s blog") == "MOCHA: Federated Multi-Tasks Learning"
    assert title("# 使用 RNN 预测股价：第 1 部分\n\n> 原文：<https://lilianweng.github.io/posts/a/>") == "使用 RNN 预测股价：第 1 部分"
    assert title("# 铁博客") == "铁博客"
    assert title("# 官方发布：一个全新的团队工作流与新的博客") == "官方发布：一个全新的团队工作流与新的博客"


def test_front_matter_that_is_invalid_yaml_is_still_read_field_by_field():
    # an unclosed quote or bracket, or a nested list of authors, made the header no front matter
    # at all: no title, date, tags or authors, and its lines came out as body text
    text = """---
title: "Five papers: a review
author:
  - name: Jane Doe
    affiliation: MIT
  - Bo Li
date: 2021-05-01
tags: [nlp, vision
---

Five papers we read.
"""
    for fmt in ("markdown", "text"):
        doc = parse(text, fmt=fmt)
        meta = doc.metadata
        assert (meta.title, meta.date, meta.tags, meta.authors) == ("Five papers: a review", "2021-05-01", ("nlp", "vision"), ("Jane Doe", "Bo Li")), fmt
        assert [b.text for b in doc.blocks] == ["Five papers we read."], fmt
    assert parse(text, fmt="markdown").title == "Five papers: a review"


def test_yaml_values_are_read_as_the_text_they_are():
    # YAML's plain scalars had been typed: a title "1.10" came back "1.1", "yes" "True", a tag
    # "12:30" the sexagesimal 750, "0x1F" 31
    doc = parse("---\ntitle: 1.10\ndate: 2021-08-02\ntags: [yes, 12:30, 0x1F, 2020]\nauthor: No\n---\n\nThe body.\n",
                fmt="markdown")
    assert doc.title == "1.10"
    meta = doc.metadata
    assert (meta.date, meta.tags, meta.authors) == ("2021-08-02", ("yes", "12:30", "0x1F", "2020"), ("No",))


def test_a_text_files_stated_title_beats_its_first_paragraph():
    # under front matter that states a title, a text file's first sentence had been read as a
    # title heading, and had won over the stated one (a line that reads as a title still does)
    doc = parse("---\ntitle: Four papers: a reading list\ndate: 2021-08-02\n---\n\nWe read four papers.\n", fmt="text")
    assert doc.title == "Four papers: a reading list"
    assert [(b.kind, b.text) for b in doc.blocks] == [("paragraph", "We read four papers.")]
    # (with no title stated, the first paragraph is still the title)
    assert parse("---\ndate: 2021-08-02\n---\n\nFour papers\n\nWe read them.\n", fmt="text").title == "Four papers"
