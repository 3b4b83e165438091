from digestparse.blocks import to_blocks
from digestparse.fields.mentions import extract_mentions
from digestparse.index import PaperIndex
from digestparse.models import ArticleRecord, Link, PaperIds, PaperRecord, Source


def test_mentions_keep_anchor_sentence_and_lines():
    text = "# T\n\nIntro.\n\n我们用了 [BERT](https://arxiv.org/abs/1810.04805v2) 的思路。还有 [博客](https://blog.x.org/a)。\n"
    mentions = extract_mentions(to_blocks(text, "markdown"), "a.md")
    assert len(mentions) == 1
    mention = mentions[0]
    assert (mention.anchor, mention.ids.arxiv, mention.source.lines) == ("BERT", "1810.04805", (5, 5))
    assert mention.sentence == "我们用了 BERT 的思路。"


def _paper(pid, arxiv):
    return PaperRecord(id=pid, article_id=pid.split(":")[0], index=1, ordinal=1, title={"en": "P"},
                       links=[Link(role="paper", url=f"https://arxiv.org/abs/{arxiv}")],
                       ids=PaperIds(arxiv=arxiv), sources=[Source(path="x", lines=(1, 1))])


def test_index_joins_records_and_mentions_by_canonical_id():
    a = _paper("a:001", "2007.01547")
    b = _paper("b:003", "2007.01547")
    article = ArticleRecord(article_id="c", title={}, kind="other", papers=0, variants=[], mentions=[
        {"url": "https://arxiv.org/pdf/2007.01547v2.pdf", "ids": {"arxiv": "2007.01547"}, "anchor": "x",
         "sentence": "x", "source": {"path": "c.md", "lines": (4, 4)}}])
    index = PaperIndex()
    index.add(article, [a, b])
    [entry] = index.entries()
    assert entry.key == "arxiv:2007.01547"
    assert entry.records == ["a:001", "b:003"]
    assert [m.path for m in entry.mentions] == ["c.md"]


def test_mention_sentence_after_many_english_sentences():
    # the sentence cut used to drop the space after each ". ", so the sentences' offsets
    # drifted from the text's and a short anchor at a sentence end was given the next one
    text = "A b. C d. E f. G h. I j. K cites [Xy](https://arxiv.org/abs/1810.04805). Next one.\n"
    (mention,) = extract_mentions(to_blocks(text, "markdown"), "a.md")
    assert mention.sentence == "K cites Xy."


def test_a_block_is_cut_into_sentences_once(monkeypatch):
    # one block (a document on one line) citing many papers used to be cut into sentences
    # once per citation: minutes for a long line
    import digestparse.fields.mentions as mentions

    cuts = []
    split = mentions.split_sentences
    monkeypatch.setattr(mentions, "split_sentences", lambda text: cuts.append(len(text)) or split(text))
    text = " ".join(f"第 {i} 篇是 [P{i}](https://arxiv.org/abs/2001.{i:05d})。" for i in range(50))
    found = extract_mentions(to_blocks(text, "markdown"), "a.md")
    assert [m.sentence for m in found[:2]] == ["第 0 篇是 P0。", "第 1 篇是 P1。"]
    assert len(found) == 50 and len(cuts) == 1


def test_a_tables_paper_links_are_mentions_with_their_rows():
    # Markdown tables kept only their raw text: the papers a table digest links were no
    # mentions at all (25 in the archive)
    text = (
        "# ICLR 2020 精选论文\n\n"
        "| # | 论文 | 链接 | 简介 |\n|---|------|------|------|\n"
        "| 1 | Attention Is All You Need | [arXiv](https://arxiv.org/abs/1706.03762) | Transformer |\n"
        "| 2 | BERT | [arXiv](https://arxiv.org/abs/1810.04805) · [code](https://github.com/google-research/bert) | 预训练 |\n"
        "| 3 | ResNet | [arXiv](https://arxiv.org/abs/1512.03385) | 残差网络 |\n"
    )
    rows = to_blocks(text, "markdown")[1:]
    assert [(row.kind, row.marker, row.lines) for row in rows] == [
        ("table_row", "header", (3, 3)), ("table_row", "", (5, 5)), ("table_row", "", (6, 6)), ("table_row", "", (7, 7))]
    assert rows[2].text == "2 | BERT | arXiv · code | 预训练" and rows[2].cells == ("2", "BERT", "arXiv · code", "预训练")
    mentions = extract_mentions(rows, "a.md")
    assert [(m.ids.arxiv, m.sentence.split(" | ")[1], m.source.lines) for m in mentions] == [
        ("1706.03762", "Attention Is All You Need", (5, 5)),
        ("1810.04805", "BERT", (6, 6)),
        ("1512.03385", "ResNet", (7, 7)),
    ]


def test_a_link_row_with_counts_keeps_every_link_and_indexes_the_paper_once(tmp_path):
    # "★ +9,210 · [Paper](pwc) · [arXiv](…) · [Code](…)": the count made the row prose, whose
    # arXiv link was dropped; and the Papers with Code page, mentioned with no id, was a paper
    # of its own in the index
    import json

    from digestparse import convert

    archive = tmp_path / "in"
    archive.mkdir()
    (archive / "trending.md").write_text("# Trending this month\n\n" + "".join(
        f"### {name}\n★ +{stars:,} · [Paper](https://paperswithcode.com/paper/{slug}) · [arXiv](https://arxiv.org/abs/{arxiv})"
        f" · [Code](https://github.com/x/{slug})\n\nWhat {name} does.\n\n"
        for name, slug, arxiv, stars in [("Segment Anything", "segment-anything", "2304.02643", 9210),
                                         ("DINOv2", "dinov2", "2304.07193", 3100),
                                         ("Track Anything", "track-anything", "2304.11968", 2000)]), encoding="utf-8")
    convert(archive, tmp_path / "out")
    papers = [json.loads(line) for line in (tmp_path / "out" / "papers.jsonl").read_text().splitlines()]
    assert [p["ids"]["arxiv"] for p in papers] == ["2304.02643", "2304.07193", "2304.11968"]
    assert [p["summary"] for p in papers][0] == {"en": "What Segment Anything does."}
    index = [json.loads(line) for line in (tmp_path / "out" / "paper_index.jsonl").read_text().splitlines()]
    assert [row["key"] for row in index] == ["arxiv:2304.02643", "arxiv:2304.07193", "arxiv:2304.11968"]


def test_a_paragraph_of_many_links_gives_each_mention_a_bounded_sentence():
    # a line of many links and no sentence end was every link's sentence: an 850 KB file gave a
    # 2.6 GB articles.jsonl, and a 4.3 MB one used up the machine's memory
    from digestparse.document import parse_text
    from digestparse.fields.mentions import MAX_SENTENCE, extract_mentions

    text = "# T\n\n" + " ".join(f"[paper {i}](https://arxiv.org/abs/2001.{i:05d})" for i in range(3000)) + "\n"
    mentions = extract_mentions(parse_text(text, path="x.md").blocks, "x.md")
    assert len(mentions) == 3000
    # (the marks of the cut ends included: the README says at most 600; it had been 602)
    assert max(len(m.sentence) for m in mentions) == MAX_SENTENCE == 600
    assert all(m.anchor in m.sentence for m in mentions)


def test_a_bare_paper_address_gets_its_own_bounded_sentence():
    # a bare address has no anchor text, and its mention's sentence was the whole block: a 200 KB
    # scrape on one line, citing one paper every 150 characters, gave a 220 MB articles.jsonl
    # and a 5 MB one used up 24 GB of memory
    unit = "Residual nets train deep networks, see https://arxiv.org/abs/1512.03385 and the code. 深度残差网络。 "
    text = unit * 2000
    mentions = extract_mentions(to_blocks(text, "text"), "x.txt")
    assert len(mentions) == 2000
    assert max(len(m.sentence) for m in mentions) <= 600
    assert mentions[0].sentence == "Residual nets train deep networks, see https://arxiv.org/abs/1512.03385 and the code."
    assert mentions[1].sentence == mentions[0].sentence  # each its own occurrence, not the first one's


def test_a_bare_address_alone_after_a_full_stop_takes_the_sentence_before_it():
    # a reference ends in its address after a full stop: its sentence had become the address alone
    # (before bare addresses got a sentence of their own, it was the whole block)
    text = "[1]在神经网络中提取知识。Hinton G，Vinyals O，Dean J (2015) NIPS 深度学习研讨会。https://arxiv.org/abs/1503.02531\n"
    [mention] = extract_mentions(to_blocks(text, "text"), "x.txt")
    assert mention.sentence == "Hinton G，Vinyals O，Dean J (2015) NIPS 深度学习研讨会。https://arxiv.org/abs/1503.02531"
    # an address inside a sentence of words keeps that sentence
    text = "图 8. 掩码卷积的 PixelCNN。 (图片来源：https://arxiv.org/abs/1601.06759)\n"
    [mention] = extract_mentions(to_blocks(text, "text"), "x.txt")
    assert mention.sentence == "(图片来源：https://arxiv.org/abs/1601.06759)"


def test_a_mention_whose_anchor_is_not_in_the_text_gets_a_bounded_sentence():
    from digestparse.fields.mentions import Sentences

    sentences = Sentences("word " * 1000)
    assert len(sentences.around("no such anchor")) <= 600


def test_a_paper_linked_over_http_and_https_is_one_paper_of_the_index():
    # openaccess.thecvf.com, papers.nips.cc and jmlr.org PDFs linked both ways had been 8 papers
    # of the archive sample's index twice
    from digestparse.index import paper_key
    from digestparse.models import PaperIds

    urls = ("http://papers.nips.cc/paper/7181-attention-is-all-you-need.pdf",
            "https://papers.nips.cc/paper/7181-attention-is-all-you-need.pdf")
    assert {paper_key(PaperIds(), url) for url in urls} == {"url:https://papers.nips.cc/paper/7181-attention-is-all-you-need.pdf"}


def test_a_mentions_anchor_and_sentence_hold_no_invisible_characters():
    # the archive's "Pruning Filters for Efficient ConvNets\u200c" kept its joiner, and a
    # zero-width space or a joiner beside a space stayed inside a sentence
    text = ("We read [Attention\u200b Is All You Need](https://arxiv.org/abs/1706.03762) last week, and the\u200c paper "
            "is great.\n\n[Pruning Filters for Efficient ConvNets](https://arxiv.org/abs/1608.08710)\u200c\n\n"
            "بخوانید [می\u200cشود](https://arxiv.org/abs/1810.04805)\n")
    mentions = extract_mentions(to_blocks(text, "markdown"), "a.md")
    assert [(m.anchor, m.sentence) for m in mentions] == [
        ("Attention Is All You Need", "We read Attention Is All You Need last week, and the paper is great."),
        ("Pruning Filters for Efficient ConvNets", "Pruning Filters for Efficient ConvNets"),
        ("می\u200cشود", "بخوانید می\u200cشود"),  # (a joiner inside a Persian word is part of it)
    ]
