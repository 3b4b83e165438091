"""Front matter: recognised by each reader as one block, read by meaning into the article record."""

from digestparse.blocks import to_blocks

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


def test_unclosed_comment_in_the_body_keeps_what_follows():
    text = "# T\n\nIntro.\n\n<!-- a note that was never closed\n\n## 1. Paper\n\nSummary.\n"
    blocks = to_blocks(text, "markdown")
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "T"), ("paragraph", "Intro."), ("paragraph", "<!-- a note that was never closed"),
        ("heading", "1. Paper"), ("paragraph", "Summary.")]
    assert blocks[3].lines == (7, 7)

def test_unclosed_archive_header_does_not_swallow_the_article():
    # a damaged copy whose header lost its "-->": markdown-it runs the comment to the end
    blocks = to_blocks(ARCHIVE_HEADER.replace("\n-->\n", "\n<!--\n"), "markdown")
    assert [(b.kind, b.lines) for b in blocks] == [
        ("front_matter", (1, 7)), ("heading", (9, 9)), ("paragraph", (11, 11)), ("paragraph", (13, 13))]


def test_html_meta_tags_are_a_front_matter_block():
    page = '<html><head>\n<title>T</title>\n<meta name="author" content="Ada Lee">\n</head><body><h1>T</h1></body></html>'
    assert [(b.kind, b.lines) for b in to_blocks(page, "html")] == [("front_matter", (3, 3)), ("heading", (4, 4))]
