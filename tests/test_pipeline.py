"""The pipeline end to end on the seeds: what issue #2 asks the records to show."""

from __future__ import annotations

import json

import difflib

import ftfy.bad_codecs  # noqa: F401  (the sloppy-* codecs used to make damage)
import pytest
import regex
from hypothesis import example, given
from hypothesis import strategies as st

from digestparse import convert
from digestparse.align import group_variants
from digestparse.convert import process_file, restore_from_twins, run
from tests.conftest import SEED_000, SEED_001, SEED_002, SEEDS


def _article(result, prefix):
    article = next(a for a in result.articles if a.article_id.startswith(prefix))
    return article, [p for p in result.papers if p.article_id == article.article_id]


def test_thirty_records(seeds_result):
    counts = sorted(a.papers for a in seeds_result.articles)
    assert counts == [4, 10, 16]
    assert len(seeds_result.papers) == 30


def test_iclr_2020_records_merge_all_three_variants(seeds_result):
    article, papers = _article(seeds_result, "iclr-2020")
    assert article.source_url == "https://neptune.ai/blog/iclr-2020-deep-learning"
    assert set(article.title) == {"en", "zh"}
    roles = {v.path: (v.role, v.damaged_copy_of) for v in article.variants}
    assert roles["002_99f2c18ff40ac442.txt"] == ("damaged_copy", "000_e0b0f9869ef2ad94.txt")
    assert roles["001_3cae63d3e1d6a8d1.txt"][0] == "original"
    code_entries = {2, 4, 5, 6, 9, 10, 12, 13, 14, 16}
    for paper in papers:
        assert set(paper.title) == {"en", "zh"}, paper.index
        assert set(paper.summary) == {"en", "zh"}, paper.index
        assert paper.ids.openreview, paper.index
        assert paper.figure.caption.get("en"), paper.index
        assert {s.path for s in paper.sources} == {
            "000_e0b0f9869ef2ad94.txt", "001_3cae63d3e1d6a8d1.txt", "002_99f2c18ff40ac442.txt"}
        assert any(link.role == "code" for link in paper.links) == (paper.index in code_entries), paper.index
        assert (paper.first_author is not None) == (paper.index != 6), paper.index
    second = papers[1]
    assert second.title["en"] == "Why Gradient Clipping Accelerates Training: A Theoretical Justification for Adaptivity"
    assert second.first_author.name == {"en": "Jingzhao Zhang", "zh": "张京兆"}
    assert [link.role for link in second.author_links] == ["profile", "profile"]
    assert second.ids.github == "JingzhaoZhang/why-clipping-accelerates"
    assert second.links[0].archived_url.startswith("https://web.archive.org/web/20220926095407/")
    assert second.provenance["title.en"].path == "001_3cae63d3e1d6a8d1.txt"
    assert second.provenance["title.zh"].lines == (23, 23)


def test_the_report_names_the_twin_a_file_was_restored_from(seeds_result):
    # articles.jsonl named seed 002's twin, report.json did not: a reader of the per-file
    # report could not tell which file the copy was repaired from
    twins = {r.path: r.repair.twin for r in seeds_result.reports if r.repair is not None}
    assert twins == {"000_e0b0f9869ef2ad94.txt": None, "001_3cae63d3e1d6a8d1.txt": None,
                     "002_99f2c18ff40ac442.txt": "000_e0b0f9869ef2ad94.txt",
                     "003_36c17465d1e853d3.txt": None, "004_b6b74f1d2d75484e.txt": None}
    variants = {v.path: v for a in seeds_result.articles for v in a.variants}
    assert all(twin == variants[path].damaged_copy_of for path, twin in twins.items())


def test_damaged_copy_never_lowers_a_merged_field(seeds_result):
    _, papers = _article(seeds_result, "iclr-2020")
    for paper in papers:
        for name, source in paper.provenance.items():
            if name.startswith(("title.", "summary.", "figure.caption.", "section.")):
                assert source.role != "damaged_copy", (paper.index, name)


def test_iclr_2021_and_august_2021(seeds_result):
    _, papers = _article(seeds_result, "iclr-2021")
    assert len(papers) == 10
    assert all(p.ids.openreview for p in papers)
    assert [p.ids.github for p in papers if p.ids.github] == [
        "google-research/vision_transformer", "yang-song/score_sde", "facebookresearch/GENRE"]
    assert all(any(link.role == "session" for link in p.links) for p in papers)
    related_titles = {r.title for p in papers for r in p.related}
    assert len(related_titles) == 6
    assert not related_titles & {p.title["zh"] for p in papers}
    _, papers = _article(seeds_result, "four-deep-learning-papers")
    assert [p.ids.arxiv for p in papers] == ["2007.01547", "2009.05041", "2103.10697", "2107.05802"]
    assert [[next(iter(a.name.values())) for a in p.authors] for p in papers] == [
        ["施密特", "施耐德", "亨宁"], ["鲍尔"], ["d'Ascoli"], ["拉森"]]
    assert [p.authors_et_al for p in papers] == [False, True, True, True]
    assert [[link.role for link in p.links] for p in papers][:2] == [["paper", "talk", "code"]] * 2


def _fields(entry) -> dict:
    return {
        "number": entry.number, "title": entry.title.text, "lines": entry.lines,
        "summary": entry.summary and entry.summary.text, "summary_kind": entry.summary_kind,
        "links": [link.url for link in entry.links], "image": entry.image,
        "caption": entry.caption and entry.caption.text,
        "first_author": entry.first_author and entry.first_author.name.text,
    }


def test_002_in_a_batch_with_000_agrees_field_for_field():
    """With its clean twin in the batch, the damaged copy is restored exactly: every field agrees."""
    results = [process_file(path, SEEDS) for path in (SEED_000, SEED_002)]
    groups = group_variants([r.variant for r in results])
    restore_from_twins(groups, {r.report.path: r.report for r in results})
    [group] = groups
    clean, damaged = sorted(group.variants, key=lambda v: v.path)
    assert damaged.role == "damaged_copy" and damaged.doc.repair.twin == clean.path
    assert [_fields(e) for e in damaged.entries] == [_fields(e) for e in clean.entries]


def test_002_alone_agrees_with_000_where_the_repair_is_certain():
    """Without the twin, ids and links agree exactly; text fields agree to within a few guessed characters."""
    alone_000 = {p.index: p for p in run(SEED_000).papers}
    alone_002 = {p.index: p for p in run(SEED_002).papers}
    assert sorted(alone_002) == sorted(alone_000)
    same = total = 0
    for index, paper in alone_002.items():
        clean = alone_000[index]
        assert paper.ids == clean.ids
        assert [link.url for link in paper.links] == [link.url for link in clean.links]
        assert paper.figure.caption == clean.figure.caption
        for name in ("title", "summary"):
            value, expected = getattr(paper, name).get("zh", ""), getattr(clean, name)["zh"]
            blocks = difflib.SequenceMatcher(None, value, expected, autojunk=False).get_matching_blocks()
            same += sum(block.size for block in blocks)
            total += len(expected)
            assert len(value) == len(expected), (index, name, value)
    assert same / total >= 0.98  # lossy guesses without a twin; tests/test_repair* hold the repair to its own targets


def test_second_run_is_byte_identical(tmp_path):
    convert(SEEDS, tmp_path / "a")
    convert(SEEDS, tmp_path / "b")
    for name in ("papers.jsonl", "articles.jsonl", "paper_index.jsonl", "report.json", "schema/paper.schema.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_records_validate_against_generated_schema(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    convert(SEEDS, tmp_path)
    schema = json.loads((tmp_path / "schema" / "paper.schema.json").read_text())
    for line in (tmp_path / "papers.jsonl").read_text().splitlines():
        jsonschema.validate(json.loads(line), schema)
    schema = json.loads((tmp_path / "schema" / "article.schema.json").read_text())
    for line in (tmp_path / "articles.jsonl").read_text().splitlines():
        jsonschema.validate(json.loads(line), schema)
    schema = json.loads((tmp_path / "schema" / "paper_index.schema.json").read_text())
    index = [json.loads(line) for line in (tmp_path / "paper_index.jsonl").read_text().splitlines()]
    for entry in index:
        jsonschema.validate(entry, schema)
    # every paper with an id is listed once, with its record and the places it is linked
    by_key = {entry["key"]: entry for entry in index}
    bert_like = by_key["openreview:BJgnXpVYwS"]
    assert bert_like["records"] == ["iclr-2020-deep-learning-93954d90:002"]
    assert [m["path"] for m in bert_like["mentions"]] == ["000_e0b0f9869ef2ad94.txt"]


def _shingles_word_by_word(text: str) -> frozenset[int]:
    """``latin_shingles`` as first written: every word of a run lowercased on its own."""
    import zlib

    from digestparse.align import _LATIN_RUN, _WORD, SHINGLE

    out: set[int] = set()
    for run in _LATIN_RUN.findall(text):
        words = [w.lower() for w in _WORD.findall(run)] if run else []
        out.update(zlib.crc32(" ".join(words[i : i + SHINGLE]).encode()) for i in range(len(words) - SHINGLE + 1))
    return frozenset(out)


@given(st.lists(st.sampled_from(["The", "ODE", "net", "İstanbul", "Straße", "x2", "don't", "state-of-the-art",
                                 " ", ", ", "(", "中文", "。", "\n", "é", "K"]), max_size=20).map("".join))
@example("İstanbul Straße ODE Net serves")  # runs that lowercase to other lengths take the word-by-word path
def test_latin_shingles_are_the_lowercased_word_four_grams(text):
    from digestparse.align import latin_shingles

    assert latin_shingles(text) == _shingles_word_by_word(text)


def test_unrelated_html_posts_of_one_theme_are_two_articles(tmp_path):
    # the same header, navigation, scripts and footer, no canonical URL: only the posts differ
    theme = ('<html><head><title>{title}</title><script>window.dataLayer = window.dataLayer || []; '
             'function gtag(){{dataLayer.push(arguments);}} gtag("config", "UA-12345-1");</script></head><body>'
             '<nav><a href="/">Home</a> <a href="/about">About the machine learning reading group</a> '
             '<a href="/archive">Archive of every post we ever wrote</a></nav><h1>{title}</h1>{body}'
             '<footer>Copyright the machine learning reading group. Powered by a static site generator '
             'with a theme we did not write ourselves.</footer></body></html>')
    posts = {
        "gnn.html": ("Graph networks", "<p>How powerful are graph neural networks? GIN is as strong as the WL test.</p>"),
        "diffusion.html": ("Diffusion", "<p>Denoising diffusion probabilistic models learn to reverse a noising chain.</p>"),
    }
    archive = tmp_path / "in"
    archive.mkdir()
    for name, (title, body) in posts.items():
        (archive / name).write_text(theme.format(title=title, body=body), encoding="utf-8")
    convert(archive, tmp_path / "out")
    articles = [json.loads(line) for line in (tmp_path / "out" / "articles.jsonl").read_text().splitlines()]
    assert sorted(len(a["variants"]) for a in articles) == [1, 1]


def test_a_title_and_its_translation_are_one_title_per_language(tmp_path):
    papers = [("思维链提示激发大模型推理", "Chain-of-Thought Prompting Elicits Reasoning", "2201.11903"),
              ("自洽性改进思维链推理", "Self-Consistency Improves Chain of Thought Reasoning", "2203.11171"),
              ("大模型是零样本推理者", "Large Language Models are Zero-Shot Reasoners", "2205.11916")]
    bracketed = "# 三篇推理论文\n\n" + "".join(
        f"## {n}. 《{zh}》({en})\n\n[论文](https://arxiv.org/abs/{a})\n\n第 {n} 篇。\n\n" for n, (zh, en, a) in enumerate(papers, 1))
    labelled = "# 三篇推理论文\n\n" + "".join(
        f"## {n}. {zh}\n\n论文标题：{en}\n\n[论文](https://arxiv.org/abs/{a})\n\n第 {n} 篇。\n\n" for n, (zh, en, a) in enumerate(papers, 1))
    for name, text in (("bracketed.md", bracketed), ("labelled.md", labelled)):
        archive = tmp_path / name.split(".")[0]
        archive.mkdir()
        (archive / name).write_text(text, encoding="utf-8")
        convert(archive, tmp_path / f"out-{name}")
        records = [json.loads(line) for line in (tmp_path / f"out-{name}" / "papers.jsonl").read_text().splitlines()]
        assert [r["title"] for r in records] == [{"en": en, "zh": zh} for zh, en, _ in papers], name
        assert records[0]["provenance"]["title.en"]["lines"] == ([3, 3] if name == "bracketed.md" else [5, 5])


def _records(archive, out):
    convert(archive, out)
    articles = [json.loads(line) for line in (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    papers = [json.loads(line) for line in (out / "papers.jsonl").read_text(encoding="utf-8").splitlines()]
    return articles, papers


def test_a_damaged_copy_gives_an_english_title_no_second_language(tmp_path):
    # a Chinese post's "## BERT-universe" got {"en": "BERT-universe", "zh": "BERT-universe"}
    # beside its damaged copy (99 of the archive's 271 records in a probe): the twin's empty
    # title translation hid its title, and the copy's was taken in the twin's language
    archive = tmp_path / "in"
    archive.mkdir()
    names = ("BERT-universe", "经典信息检索", "Dense Passage Retrieval")
    post = "# 检索模型综述\n\n> 原文：<https://example.org/retrieval>\n\n" + "".join(
        f"## {name}\n\n[论文](https://arxiv.org/abs/2004.0490{n})\n\n这一节介绍{name}模型的方法和它的实验结果。\n\n"
        for n, name in enumerate(names))
    (archive / "post.md").write_text(post, encoding="utf-8")
    (archive / "post.damaged.md").write_text(post.encode("utf-8").decode("sloppy-windows-1252"), encoding="utf-8")
    articles, papers = _records(archive, tmp_path / "out")
    assert [v["role"] for v in articles[0]["variants"]] == ["translation", "damaged_copy"]  # (a Chinese post: a translation)
    assert [p["title"] for p in papers] == [{"en": "BERT-universe"}, {"zh": "经典信息检索"}, {"en": "Dense Passage Retrieval"}]
    assert {source["path"] for p in papers for key, source in p["provenance"].items() if key.startswith("title")} == {"post.md"}


def _model_post(names, source="https://example.org/models", lose=None):
    """A Chinese walk-through of models, each "## name" with its paper, its code and a summary;
    ``lose``: the name whose heading the copy lost."""
    head = f"# 模型综述\n\n> 原文：<{source}>\n\n" if source else "# 模型综述\n\n"
    return head + "".join(
        ("" if name == lose else f"## {name}\n\n") + f"[论文](https://arxiv.org/abs/2004.0490{n}) | [代码](https://github.com/x/m{n})\n\n"
        f"这一节介绍{name}模型的方法和它的实验结果，以及它为什么有效。\n\n" for n, name in enumerate(names))


def test_copies_that_lost_their_source_line_or_a_heading_join_and_give_nothing_wrong(tmp_path):
    # a probe put copies beside the archive's posts: one without its "原文：" line stood alone
    # (its records twice) or joined another post sharing a few Latin 4-grams; one that lost a
    # heading, first by its name, gave its run-on section as a record, and the lost entry's code
    # link to the entry before
    names = ("卷积网络", "循环网络", "注意力网络")
    archive = tmp_path / "in"
    archive.mkdir()
    (archive / "models.md").write_text(_model_post(names), encoding="utf-8")
    (archive / "models.copy.md").write_text(_model_post(names, source=None), encoding="utf-8")
    (archive / "b-other.md").write_text("# 另一篇\n\n> 原文：<https://example.org/other>\n\n正文 import numpy as np 正文。\n", encoding="utf-8")
    (archive / "models.a-lost.md").write_text(_model_post(names, lose="循环网络"), encoding="utf-8")
    articles, papers = _records(archive, tmp_path / "out")
    groups = {a["title"]["zh"]: sorted(v["path"] for v in a["variants"]) for a in articles}
    assert groups == {"模型综述": ["models.a-lost.md", "models.copy.md", "models.md"], "另一篇": ["b-other.md"]}
    assert [(p["title"], [link["url"][-3:] for link in p["links"]]) for p in papers] == [
        ({"zh": name}, [f"90{n}", f"/m{n}"]) for n, name in enumerate(names)]
    assert {source["path"] for p in papers for key, source in p["provenance"].items() if key.startswith("title")} == {"models.md"}


def test_a_link_another_entry_holds_that_the_other_copies_keep_apart_is_left_to_it():
    # image-dehazing without "## DCPDN": the AOD-Net entry of that copy held DCPDN's code link
    # (no DCPDN paper link before it to cut at), and the AOD-Net record got it
    from types import SimpleNamespace

    from digestparse.merge import _held_elsewhere

    def entry(*urls):
        return SimpleNamespace(links=[SimpleNamespace(url=u) for u in urls])

    slot3 = {"a.md": entry("aod-paper", "aod-code"), "a.copy.md": entry("aod-paper", "aod-code", "dcpdn-code")}
    slot4 = {"a.md": entry("dcpdn-paper", "dcpdn-code")}
    held: dict = {}
    for ordinal, slot in ((3, slot3), (4, slot4)):
        for path, e in slot.items():
            for link in e.links:
                held.setdefault(link.url, set()).add((ordinal, path))
    assert _held_elsewhere("dcpdn-code", 3, "a.copy.md", slot3, held)
    assert not _held_elsewhere("aod-code", 3, "a.copy.md", slot3, held)
    # one copy alone, or a link two entries share in every copy, stays where it is
    assert not _held_elsewhere("dcpdn-code", 3, "a.copy.md", {"a.copy.md": slot3["a.copy.md"]}, held)
    held["dcpdn-code"].add((3, "a.md"))
    assert not _held_elsewhere("dcpdn-code", 3, "a.copy.md", slot3, held)
    # a link two entries of the original share, where a copy lacks it in one: it stays
    shared = {"repo": {(3, "a.md"), (4, "a.md")}}
    assert not _held_elsewhere("repo", 3, "a.md", {"a.md": entry("repo"), "a.copy.md": entry("other")}, shared)


def test_a_damaged_copy_one_entry_short_still_has_its_twin(tmp_path):
    # a GBK copy whose repair without the twin lost a bracket, and with it an entry, got no twin:
    # the twin had to have as many entries
    names = ("卷积网络", "循环网络", "注意力网络")
    archive = tmp_path / "in"
    archive.mkdir()
    (archive / "models.md").write_text(_model_post(names), encoding="utf-8")
    damaged = _model_post(names, lose="注意力网络").encode("utf-8").decode("sloppy-windows-1252")
    (archive / "models.damaged.md").write_text(damaged, encoding="utf-8")
    articles, _ = _records(archive, tmp_path / "out")
    assert [(v["path"], v["role"], v.get("damaged_copy_of")) for v in articles[0]["variants"]] == [
        ("models.md", "translation", None), ("models.damaged.md", "damaged_copy", "models.md")]


def test_the_twin_of_a_damaged_copy_is_no_clean_copy_that_lost_a_heading(tmp_path):
    # a GBK copy whose repair without the twin lost an entry (not its block) took as its twin
    # the clean copy that lost that heading, for its entry count, over the full original (two
    # lilianweng posts of a probe)
    names = ("卷积网络", "循环网络", "注意力网络")
    archive = tmp_path / "in"
    archive.mkdir()
    (archive / "models.md").write_text(_model_post(names), encoding="utf-8")
    (archive / "models.a-lost.md").write_text(_model_post(names, lose="注意力网络"), encoding="utf-8")
    flat = _model_post(names).replace("## 循环网络", "循环网络：")  # (one entry fewer, as many blocks)
    (archive / "models.damaged.md").write_text(flat.encode("utf-8").decode("sloppy-windows-1252"), encoding="utf-8")
    articles, _ = _records(archive, tmp_path / "out")
    roles = {v["path"]: (v["role"], v["entries"], v.get("damaged_copy_of")) for v in articles[0]["variants"]}
    assert roles["models.damaged.md"] == ("damaged_copy", 2, "models.md")


_MONDAY_PAPERS = (("流行就是一切", "popular", "2010", "Schechter、Herley 和 Mitzenmacher"),
                  ("绳索：字符串的另一种选择", "ropes", "1995", "Boehm、Atkinson 和 Plass"),
                  ("类型函数乐趣", "typefun", "2009", "Oleg Kiselyov 和 Simon Peyton Jones"))


def _monday_post(source="> 来源：<https://example.org/paper-monday/>\n\n"):
    """A Chinese post whose entries are "[title](url)（year），由 authors 撰写" paragraphs."""
    return ("# 论文星期一\n\n" + source + "上周末，我在车站开始处理我的待读论文，第一篇是 Popularity is everything: "
            "a new approach to protecting passwords from statistical guessing attacks。\n\n") + "".join(
        f"[{title}](https://example.org/{name}.pdf)（{year}），由 {authors} 撰写。标语：*当假阳性是一件好事！*\n\n"
        "> 我们建议通过允许用户选择任何他们想要的密码来加强抵抗力，只要这些密码不是已经太过流行。\n\n"
        "这篇论文对概率数据结构的实际应用很有启发，值得一读。\n\n" for title, name, year, authors in _MONDAY_PAPERS)


def test_a_gbk_copy_that_lost_every_entry_still_has_its_twin(tmp_path):
    # read as GBK, "（2010），由" came back "，2010），用": the repair without the twin found no
    # entry, so no clean variant was within one entry of it, and it was never restored from
    # its twin (the archive's ezyang "Paper Monday" through GBK: 0 entries against 5)
    archive = tmp_path / "in"
    archive.mkdir()
    post = _monday_post()
    (archive / "monday.md").write_text(post, encoding="utf-8")
    (archive / "monday.gbk.md").write_text(post.encode("utf-8").decode("gbk", errors="replace"), encoding="utf-8")
    articles, papers = _records(archive, tmp_path / "out")
    assert [(v["path"], v["role"], v.get("damaged_copy_of"), v["entries"]) for v in articles[0]["variants"]] == [
        ("monday.md", "translation", None, 3), ("monday.gbk.md", "damaged_copy", "monday.md", 3)]
    assert [p["title"] for p in papers] == [{"zh": title} for title, *_ in _MONDAY_PAPERS]
    # the same copy without its source line: no entry joined no group of a file with entries,
    # and its title came back "论文星期三" (both read alike but for 一/三, which GBK mojibake
    # tells apart by a lost byte): a title a character off is still the title
    (archive / "monday.gbk.md").unlink()
    lost = _monday_post(source="").encode("utf-8").decode("gbk", errors="replace")
    (archive / "monday.nosource.gbk.md").write_text(lost, encoding="utf-8")
    articles, papers = _records(archive, tmp_path / "out2")
    assert [(v["path"], v["role"], v.get("damaged_copy_of"), v["entries"]) for v in articles[0]["variants"]] == [
        ("monday.md", "translation", None, 3), ("monday.nosource.gbk.md", "damaged_copy", "monday.md", 3)]
    assert len(articles) == 1 and len(papers) == 3


def test_a_copy_that_lost_its_entries_may_have_a_character_of_its_title_wrong():
    from digestparse.align import GroupKey, _lost_its_entries

    clean = GroupKey("monday.md", None, "论文星期一", 3, False, False)
    copy = GroupKey("monday.gbk.md", None, "论文星期三", 0, True, False)
    assert _lost_its_entries(copy, clean, 1.0)
    assert not _lost_its_entries(copy, clean, 0.5)  # (too little Latin text in common)
    # two characters of five off, or a clean file with entries of its own, is another post
    assert not _lost_its_entries(GroupKey("b.md", None, "论文星期天报", 0, True, False), clean, 1.0)
    assert not _lost_its_entries(GroupKey("c.md", None, "论文星期三", 2, True, False), clean, 1.0)


def _review_post(title, source):
    """A Chinese review of one paper, with no run of four Latin words to be known by."""
    return (f"# {title}\n\n{source}本周深度学习论文综述为[感知者:迭代注意的一般感知](https://arxiv.org/abs/2103.03206)。\n\n"
            "## 这篇论文有什么令人兴奋的地方\n\n今天的深度学习主要集中在为特定模态(如语言、视觉或语音)构建的模型上。"
            "感知者利用不对称注意力机制来训练图像、音频、视频和点云数据的单一模型。\n\n"
            "## 我们的外卖\n\n感知者是这条道路上的一个里程碑，看到未来的工作建立在感知者的想法上，这将是有趣的。\n\n")


def test_a_gbk_copy_without_its_source_joins_the_post_of_its_papers(tmp_path):
    # the GBK copy of the archive's "回顾-感知者" review without its "原文：" line stood alone: the
    # repair without the twin read its title "回顾-感知而…", and it has no Latin text to share;
    # it links the paper its original links, under a title one character off
    archive = tmp_path / "in"
    archive.mkdir()
    title = "回顾-感知者:具有重复注意的一般感知"
    (archive / "perceiver.md").write_text(_review_post(title, "> 原文：<https://example.org/review-perceiver/>\n\n"),
                                          encoding="utf-8")
    copy = _review_post(title, "").encode("utf-8").decode("gbk", errors="replace")
    (archive / "perceiver.gbk.md").write_text(copy, encoding="utf-8")
    # another post on that paper, of another title: no copy of it
    (archive / "attention.md").write_text(
        _review_post("回顾-注意力机制在视觉模型中的十年", "> 原文：<https://example.org/review-attention/>\n\n"), encoding="utf-8")
    articles, papers = _records(archive, tmp_path / "out")
    groups = sorted([(v["path"], v["role"], v.get("damaged_copy_of")) for v in a["variants"]] for a in articles)
    assert groups == [[("attention.md", "translation", None)],
                      [("perceiver.md", "translation", None), ("perceiver.gbk.md", "damaged_copy", "perceiver.md")]]
    assert len(papers) == 2


def test_a_scrape_one_entry_short_joins_its_article(tmp_path):
    # the English scrape (no source URL) missing its last entry had another entry count, so it
    # never joined: every paper came out twice, the Chinese records with no English title
    archive = tmp_path / "in"
    archive.mkdir()
    (archive / SEED_000.name).write_bytes(SEED_000.read_bytes())
    english = SEED_001.read_text(encoding="utf-8").split("\n16. Network Deconvolution")[0] + "\n"
    (archive / "001_en.txt").write_text(english, encoding="utf-8")
    articles, papers = _records(archive, tmp_path / "out")
    assert len(articles) == 1 and len(articles[0]["variants"]) == 2
    assert len(papers) == 16
    assert sum("en" in p["title"] for p in papers) == 15 and all("zh" in p["title"] for p in papers)
    assert papers[1]["title"]["en"].startswith("Why Gradient Clipping Accelerates Training")


def _renumbered(lines: list[str], pattern: str, start: int, step: int) -> list[str]:
    """``lines`` with each number that ``pattern`` finds (group 2), from ``start`` on, moved by ``step``."""
    def move(m):
        number = int(m.group(2))
        return m.group(1) + str(number + step if number >= start else number)
    return [regex.sub(pattern, move, line) for line in lines]


def _english_titles(archive, out) -> dict[str, str]:
    _, papers = _records(archive, out)
    return {p["ids"]["openreview"]: p["title"].get("en") for p in papers}


def _seed_pair(tmp_path):
    """An archive of seeds 000 and 001, and the English title of each paper (by OpenReview id)
    that the two give together, before a test edits one of them."""
    archive = tmp_path / "in"
    archive.mkdir()
    (archive / SEED_000.name).write_bytes(SEED_000.read_bytes())
    (archive / SEED_001.name).write_bytes(SEED_001.read_bytes())
    return archive, _english_titles(archive, tmp_path / "whole")


@pytest.mark.parametrize("change", ["scrape misses one", "translation adds one"])
def test_copies_numbered_afresh_around_a_missing_entry_still_align(tmp_path, change):
    # the English scrape has no links, so its entries were paired with the Chinese ones by printed
    # number: once one copy missed an entry and numbered the rest afresh, every title from there
    # on sat on the next paper's record.  The words only two entries share (English captions,
    # names, a model's name) line them up, as a diff lines up two files.
    archive, expected = _seed_pair(tmp_path)
    english = SEED_001.read_text(encoding="utf-8").split("\n")
    chinese = SEED_000.read_text(encoding="utf-8").split("\n")
    if change == "scrape misses one":
        start = english.index(next(line for line in english if line.startswith("5. ")))
        end = english.index(next(line for line in english if line.startswith("6. ")))
        english = english[:start] + _renumbered(english[end:], r"^()(\d+)(?=\.\s?[A-Z])", 6, -1)
        (archive / SEED_001.name).write_text("\n".join(english), encoding="utf-8")
        missing = "S1gSj0NKvB"
    else:
        start = chinese.index(next(line for line in chinese if line.startswith("### **3。")))
        extra = ["### **3。一篇多出来的论文：注意力就是你所需要的**", "", "这篇论文提出了 Transformer 架构。", "",
                 "[**论文**](https://arxiv.org/abs/1706.03762)", "", "* * *", ""]
        chinese = chinese[:start] + extra + _renumbered(chinese[start:], r"^(### (?:\*\*)?)(\d+)", 3, 1)
        (archive / SEED_000.name).write_text("\n".join(chinese), encoding="utf-8")
        missing = None
    articles, papers = _records(archive, tmp_path / "out")
    assert len(articles) == 1 and len(papers) == (16 if missing else 17)
    got = {p["ids"]["openreview"]: p["title"].get("en") for p in papers}
    # (the added entry links an arXiv page: its record has no OpenReview id and no English title)
    assert got == {key: (None if key == missing else title) for key, title in expected.items()} | (
        {} if missing else {None: None})


@pytest.mark.parametrize("numbers", ["kept", "afresh"])
def test_a_scrape_listing_two_papers_the_other_way_round_still_aligns(tmp_path, numbers):
    # as many entries on each side, so they were paired by position: the swapped papers' records
    # each held the other's English title (and, with the printed numbers kept, "3. … 2." split
    # the scrape's run, so it never joined its article)
    archive, expected = _seed_pair(tmp_path)
    english = SEED_001.read_text(encoding="utf-8").split("\n")
    two, three, four = (english.index(next(line for line in english if line.startswith(f"{n}. "))) for n in (2, 3, 4))
    second, third = english[two:three], english[three:four]
    if numbers == "afresh":
        second[0], third[0] = "3" + second[0][1:], "2" + third[0][1:]
    (archive / SEED_001.name).write_text("\n".join(english[:two] + third + second + english[four:]), encoding="utf-8")
    articles, papers = _records(archive, tmp_path / "out")
    assert len(articles) == 1 and len(papers) == 16
    assert {p["ids"]["openreview"]: p["title"].get("en") for p in papers} == expected


def test_a_scrape_without_numbers_or_links_joins_its_article(tmp_path):
    # it gave no entries, so it stood as an article of its own with no papers
    archive, expected = _seed_pair(tmp_path)
    text = regex.sub(r"(?m)^\d+\.\s?(?=[A-Z])", "", SEED_001.read_text(encoding="utf-8"))
    (archive / SEED_001.name).write_text(text, encoding="utf-8")
    articles, papers = _records(archive, tmp_path / "out")
    assert len(articles) == 1 and len(papers) == 16
    assert {p["ids"]["openreview"]: p["title"].get("en") for p in papers} == expected


def _digest(title: str, papers: list[tuple[str, str]], url: str = "") -> str:
    source = f"> 原文：<{url}>\n\n" if url else ""
    return f"# {title}\n\n{source}" + "".join(
        f"## {n}. {name}\n\n[Paper](https://arxiv.org/abs/{arxiv})\n\nWhat {name} does, in a few words here.\n\n"
        for n, (name, arxiv) in enumerate(papers, 1))


def test_copies_listing_their_papers_in_another_order_align_by_paper(tmp_path):
    # entries were aligned by position: titles and links of different papers were mixed
    papers = [("Attention Is All You Need", "1706.03762"), ("BERT Pre-training", "1810.04805"),
              ("Deep Residual Learning", "1512.03385"), ("Adam Optimizer", "1412.6980")]
    url = "https://example.org/four-papers"
    archive = tmp_path / "in"
    archive.mkdir()
    (archive / "en.md").write_text(_digest("Four papers", papers, url), encoding="utf-8")
    chinese = {"1706.03762": "注意力就是你所需要的", "1810.04805": "双向预训练的语言模型",
               "1512.03385": "用于图像识别的深度残差学习", "1412.6980": "一种随机优化方法"}
    swapped = [papers[0], papers[2], papers[1], papers[3]]
    zh = _digest("四篇论文", [(chinese[arxiv], arxiv) for _, arxiv in swapped], url)
    (archive / "zh.md").write_text(zh, encoding="utf-8")
    _, records = _records(archive, tmp_path / "out")
    assert [(p["title"]["en"], p["title"]["zh"], p["ids"]["arxiv"]) for p in records] == [
        (name, chinese[arxiv], arxiv) for name, arxiv in papers]


def test_two_digests_quoting_one_paper_are_two_articles(tmp_path):
    # two weekly digests without a source URL, sharing one paper and its quoted abstract, merged
    abstract = " The dominant sequence transduction models are based on complex recurrent networks. We propose a new simple network architecture."
    first = _digest("Weekly 41", [("Attention Is All You Need", "1706.03762"), ("SimCLR", "2002.05709"), ("DDPM", "2006.11239")])
    second = _digest("Digest of March 12", [("Attention Is All You Need", "1706.03762"), ("RAG", "2005.11401"),
                                            ("Scaling Laws", "2001.08361")])
    archive = tmp_path / "in"
    archive.mkdir()
    (archive / "weekly.md").write_text(first.replace("does, in a few words here.", "does." + abstract, 1), encoding="utf-8")
    (archive / "digest.md").write_text(second.replace("does, in a few words here.", "does." + abstract, 1), encoding="utf-8")
    articles, papers = _records(archive, tmp_path / "out")
    assert len(articles) == 2 and len(papers) == 6


def test_a_mangled_copy_is_no_damaged_copy_of_the_other_language(tmp_path):
    # the mangled Chinese copy with only the English scrape beside it was taken for a damaged
    # copy of the English one: its Chinese titles, links and ids were all dropped
    archive = tmp_path / "in"
    archive.mkdir()
    for seed in (SEED_001, SEED_002):
        (archive / seed.name).write_bytes(seed.read_bytes())
    articles, papers = _records(archive, tmp_path / "out")
    (article,) = articles
    assert {v["path"]: v["role"] for v in article["variants"]}[SEED_002.name] != "damaged_copy"
    assert len(papers) == 16 and all("zh" in p["title"] and "en" in p["title"] for p in papers)
    assert papers[0]["ids"]["openreview"] == "B1e9Y2NYvS"


def test_copies_linking_a_paper_under_two_kinds_of_id_still_align(tmp_path):
    # one copy links the arXiv pages, the other the OpenReview pages: the ids tell nothing apart
    url = "https://example.org/three-papers"
    names = ["Paper title number one", "Paper title number two", "Paper title number three"]
    archive = tmp_path / "in"
    archive.mkdir()
    (archive / "en.md").write_text(_digest("Three papers", [(n, f"2001.0000{i}") for i, n in enumerate(names, 1)], url),
                                   encoding="utf-8")
    zh = _digest("三篇论文", [(t, f"X{i}") for i, t in enumerate(["第一篇论文的题目", "第二篇论文的题目", "第三篇论文的题目"], 1)], url)
    (archive / "zh.md").write_text(zh.replace("https://arxiv.org/abs/X", "https://openreview.net/forum?id=X"), encoding="utf-8")
    _, records = _records(archive, tmp_path / "out")
    assert [(p["title"]["en"], p["title"]["zh"]) for p in records] == list(zip(names, ["第一篇论文的题目", "第二篇论文的题目", "第三篇论文的题目"]))


def test_a_chinese_translation_keeping_english_captions_stays_chinese_after_a_small_edit():
    # by letters, seed 000 was Chinese by ten letters: without its closing "快乐阅读！" it became
    # English, and with it its title, role and twin
    from digestparse.document import parse_text

    text = SEED_000.read_text(encoding="utf-8").replace("快乐阅读！", "")
    assert parse_text(text, path="000.md").lang == "zh"


def test_an_article_mentions_the_papers_of_every_copy(tmp_path):
    # the mentions were the preferred copy's alone: where it had lost its links, the article and
    # the paper index had none
    papers = [("Attention Is All You Need", "1706.03762"), ("BERT Pre-training", "1810.04805"),
              ("Deep Residual Learning", "1512.03385")]
    url = "https://example.org/three-papers"
    archive = tmp_path / "in"
    archive.mkdir()
    (archive / "en.md").write_text(_digest("Three papers", papers, url), encoding="utf-8")
    zh = _digest("三篇论文", [("注意力就是你所需要的", "X1"), ("双向预训练的语言模型", "X2"), ("深度残差学习", "X3")], url)
    (archive / "a_zh.md").write_text(regex.sub(r"\[Paper\]\([^)]*\)", "论文", zh), encoding="utf-8")
    articles, _ = _records(archive, tmp_path / "out")
    (article,) = articles
    assert article["variants"][0]["path"] == "a_zh.md"
    assert [(m["ids"]["arxiv"], m["source"]["path"]) for m in article["mentions"]] == [(a, "en.md") for _, a in papers]
    index = [json.loads(line) for line in (tmp_path / "out" / "paper_index.jsonl").read_text().splitlines()]
    assert all(row["mentions"] for row in index)


def test_one_name_shared_by_two_entries_alone_aligns_a_copy_without_links(tmp_path):
    # each pair of entries shared one distinctive word, the model's name: two were asked for, so
    # the printed number decided, and after the entry the scrape misses every English title sat
    # on the next paper's record
    names = ["Quasotkex", "Daxlonzor", "Kexlonfen", "Vorimtal", "Zelbrantix", "Moxifral"]
    url = "https://example.org/six-models"
    archive = tmp_path / "in"
    archive.mkdir()
    zh = f"# 六个模型\n\n> 原文：<{url}>\n\n" + "".join(
        f"## {n}. {name}：一种新的模型\n\n[论文](https://arxiv.org/abs/2001.0000{n})\n\n这个模型在基准上表现很好。\n\n"
        for n, name in enumerate(names, 1))
    (archive / "zh.md").write_text(zh, encoding="utf-8")
    kept = [name for name in names if name != "Kexlonfen"]
    en = f"Six models\n\nSource: {url}\n\n" + "".join(
        f"{n}. {name}: A New Model for the Benchmark\n\nThe model does well on the benchmark.\n\nPaper\n\n"
        for n, name in enumerate(kept, 1))
    (archive / "en.txt").write_text(en, encoding="utf-8")
    articles, papers = _records(archive, tmp_path / "out")
    assert len(articles) == 1 and len(papers) == 6
    assert [(p["title"]["zh"].split("：")[0], p["title"].get("en", "").split(":")[0]) for p in papers] == [
        (name, "" if name == "Kexlonfen" else name) for name in names]


def test_a_translation_of_half_the_article_joins_it(tmp_path):
    # one entry off at most: a Chinese post translating entries 1-8 of 16 stood alone, and its
    # papers came out twice
    archive = tmp_path / "in"
    archive.mkdir()
    chinese = SEED_000.read_text(encoding="utf-8")
    half = chinese[: chinese.index("### **9。")] + "未完待续。\n"
    (archive / "000_part1.md").write_text(half, encoding="utf-8")
    (archive / SEED_001.name).write_bytes(SEED_001.read_bytes())
    articles, papers = _records(archive, tmp_path / "out")
    assert len(articles) == 1 and len(papers) == 16
    assert [bool(p["title"].get("zh")) for p in papers] == [True] * 8 + [False] * 8
    assert all(p["title"].get("en") for p in papers)


def test_copies_of_a_long_list_sharing_their_papers_are_one_article_however_many_one_misses(tmp_path):
    names = [f"Model number {n} for the task" for n in range(1, 13)]
    archive = tmp_path / "in"
    archive.mkdir()
    (archive / "en.md").write_text(_digest("Twelve papers", [(name, f"2001.000{n:02}") for n, name in enumerate(names, 1)]),
                                   encoding="utf-8")
    kept = [(f"第 {n} 个模型", f"2001.000{n:02}") for n in range(1, 13) if n not in (3, 6, 9, 11)]
    (archive / "zh.md").write_text(_digest("十二篇论文", kept), encoding="utf-8")
    articles, papers = _records(archive, tmp_path / "out")
    assert len(articles) == 1 and len(papers) == 12
    assert sum("zh" in p["title"] for p in papers) == 8


def test_a_byte_order_mark_carried_through_the_damage_hides_no_heading():
    # "ï»¿" (a UTF-8 BOM read as Windows-1252) came back as U+FEFF at the start of the repaired
    # text, so "# Title" was no heading and the title was a later one's
    from digestparse.document import parse_text

    text = ("\ufeff" + SEED_000.read_text(encoding="utf-8")).encode("utf-8").decode("sloppy-windows-1252")
    assert text.startswith("ï»¿")
    assert parse_text(text, path="000.md").title == "ICLR 2020 大会最佳深度学习论文"


def test_the_source_line_as_a_gbk_repair_without_a_twin_reads_it():
    # a GBK-mangled copy repaired with no twin reads the archive's "原文：<url>" as "原文，<url>":
    # its source URL, and with it its article id, was lost
    from digestparse.document import parse_text

    doc = parse_text("# 标题\n\n> 原文，<https://example.org/post>\n\n正文。\n", path="a.md")
    assert doc.source_url == "https://example.org/post"
    assert parse_text("# 标题\n\n原文，我们看 https://x.org 的例子。\n", path="b.md").source_url is None


def test_a_chinese_name_with_its_latin_spelling_in_brackets_keeps_both(tmp_path):
    # "作者：徐柯宇（Keyulu Xu），Jure Leskovec": the bracket was taken off as a mark, and the
    # Latin spelling lost (a translator's characters do not spell it back: 柯宇 is "keyu")
    import digestparse

    (tmp_path / "a.md").write_text("# 三篇论文\n\n" + "".join(
        f"## {n}. 论文标题第 {n} 篇\n\n[论文](https://arxiv.org/abs/2001.0000{n})\n\n作者：徐柯宇（Keyulu Xu），胡伟华（Weihua Hu），Jure Leskovec\n\n"
        "这篇论文研究图神经网络的表达能力。\n\n" for n in (1, 2, 3)), encoding="utf-8")
    records = list(digestparse.iter_records(str(tmp_path)))
    assert [[a.name for a in r.authors] for r in records] == [
        [{"en": "Keyulu Xu", "zh": "徐柯宇"}, {"en": "Weihua Hu", "zh": "胡伟华"}, {"en": "Jure Leskovec"}]] * 3
    assert records[0].provenance["authors.0.name.en"].lines == records[0].provenance["authors.0.name.zh"].lines == (7, 7)


def test_parse_of_a_missing_file_name_is_an_error_not_a_document(tmp_path):
    # digestparse.parse("typo.md") parsed the string itself: a text document titled "typo.md"
    import digestparse

    with pytest.raises(FileNotFoundError):
        digestparse.parse(str(tmp_path / "typo.md"))
    with pytest.raises(FileNotFoundError):
        digestparse.parse("typo.md")
    post = tmp_path / "post.md"
    post.write_text("# 标题\n\n正文。\n", encoding="utf-8")
    assert digestparse.parse(str(post)).title == digestparse.parse(post).title == "标题"
    assert digestparse.parse("# 标题\n\n**正文**，见 [链接](https://x.org)。\n").title == "标题"
    assert digestparse.parse("see notes.md").format == "text"  # a sentence is text


@pytest.mark.parametrize("source", [b"# Title\n\nText.\n", None, 42])
def test_parse_of_what_is_no_path_or_text_says_what_it_takes(source):
    # bytes failed with "a bytes-like object is required, not 'str'", None with "argument of
    # type 'NoneType' is not iterable"; repair() says "repair() takes str, not bytes"
    import digestparse

    with pytest.raises(TypeError, match=f"parse\\(\\) takes a path or a str, not {type(source).__name__}"):
        digestparse.parse(source)


def test_parse_of_a_path_that_is_no_regular_file_says_what_it_is(tmp_path):
    # a symlink loop given as a string was "No such file", and a FIFO given as a path blocked
    # forever (parse read it as convert does not: convert refuses what is not a regular file)
    import errno
    import os
    import threading

    import digestparse

    os.symlink("loop2.md", tmp_path / "loop1.md")
    os.symlink("loop1.md", tmp_path / "loop2.md")
    for source in (str(tmp_path / "loop1.md"), tmp_path / "loop1.md"):
        with pytest.raises(OSError) as info:
            digestparse.parse(source)
        assert info.value.errno == errno.ELOOP
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.md")
        outcome = []

        def parse_fifo():
            try:
                digestparse.parse(tmp_path / "pipe.md")
            except OSError as exc:
                outcome.append(exc)

        reader = threading.Thread(target=parse_fifo, daemon=True)
        reader.start()
        reader.join(10)
        if reader.is_alive():  # (unblock it: open the FIFO for writing, then fail)
            with open(tmp_path / "pipe.md", "wb"):
                pass
            reader.join(10)
            pytest.fail("parse blocked on a FIFO")
        assert outcome and "not a regular file" in str(outcome[0])
    assert digestparse.parse(str(tmp_path)).format == "text"  # a folder's name is text, as before


def test_a_link_under_the_title_spelled_as_its_own_url_is_the_source():
    # lilianweng's "通用语言模型" copy has "> [`lilianweng.github.io/posts/…/`](https://…)" under
    # its title with no "原文：" label: its source URL, and so its article id, were lost
    from digestparse.document import parse_text

    url = "https://lilianweng.github.io/posts/2019-01-31-lm/"
    doc = parse_text(f"# 通用语言模型\n\n> [`lilianweng.github.io/posts/2019-01-31-lm/`]({url})\n\n正文。\n", path="a.md")
    assert doc.source_url == url
    # not a paper's own page, not a link whose text differs from its target, not one further down
    for text in (f"# Attention\n\n[arxiv.org/abs/1706.03762](https://arxiv.org/abs/1706.03762)\n",
                 f"# 标题\n\n[博客]({url})\n",
                 f"# 标题\n\n正文。\n\n第二段。\n\n[lilianweng.github.io/posts/2019-01-31-lm/]({url})\n",
                 f"# 标题\n\n见 [lilianweng.github.io/posts/2019-01-31-lm/]({url}) 一文。\n"):
        assert parse_text(text, path="b.md").source_url is None, text


def test_a_copy_that_lost_a_heading_leaves_the_lost_entrys_links_to_it(tmp_path):
    # the Chinese copy lost "## 2. …": its first entry held the second one's paper and code,
    # and the first record linked both papers
    papers = [("Attention Is All You Need", "1706.03762", "注意力就是你所需要的"), ("BERT Pre-training", "1810.04805", "双向预训练的语言模型"),
              ("Deep Residual Learning", "1512.03385", "用于图像识别的深度残差学习")]
    url = "https://example.org/three-papers"

    def digest(title, items, lose=None):
        return f"# {title}\n\n> 原文：<{url}>\n\n" + "".join(
            ("" if n == lose else f"## {n}. {name}\n\n")
            + f"[Paper](https://arxiv.org/abs/{arxiv}) | [Code](https://github.com/x/{arxiv})\n\n{summary}\n\n"
            for n, (name, arxiv, summary) in enumerate(items, 1))

    archive = tmp_path / "in"
    archive.mkdir()
    (archive / "en.md").write_text(digest("Three papers", [(e, a, f"What {e} does, in a few words.") for e, a, _ in papers]), encoding="utf-8")
    (archive / "zh.md").write_text(digest("三篇论文", [(z, a, f"这篇论文讲的是{z}的方法。") for _, a, z in papers], lose=2), encoding="utf-8")
    _, records = _records(archive, tmp_path / "out")
    assert [[link["url"].rsplit("/", 1)[1] for link in p["links"]] for p in records] == [[arxiv, arxiv] for _, arxiv, _ in papers]
    assert "a lost heading?" in records[0]["warnings"][0] and records[0]["title"]["zh"] == papers[0][2]
    assert not records[1]["warnings"] and not records[2]["warnings"]


def test_an_entry_a_copy_holds_twice_gives_one_record(tmp_path):
    # the Chinese copy held its second entry twice: a third record repeated the second one's
    # paper under its Chinese title alone
    papers = [("Attention Is All You Need", "1706.03762", "注意力就是你所需要的"), ("BERT Pre-training", "1810.04805", "双向预训练的语言模型"),
              ("Deep Residual Learning", "1512.03385", "用于图像识别的深度残差学习")]
    archive = tmp_path / "in"
    archive.mkdir()
    url = "https://example.org/three-papers"
    (archive / "en.md").write_text(_digest("Three papers", [(e, a) for e, a, _ in papers], url), encoding="utf-8")
    chinese = [(z, a) for _, a, z in papers]
    (archive / "zh.md").write_text(_digest("三篇论文", chinese[:2] + chinese[1:2] + chinese[2:], url), encoding="utf-8")
    articles, records = _records(archive, tmp_path / "out")
    assert [(p["title"]["en"], p["title"]["zh"]) for p in records] == [(e, z) for e, _, z in papers]
    assert any("repeats the one at line" in w for w in articles[0]["warnings"])
    # two entries on one paper under two titles (A3C, then A2C "of the same paper") stay two
    two = _digest("两个算法", [("A3C 异步优势演员评论家", "1602.01783"), ("A2C 同步优势演员评论家", "1602.01783"), ("DDPG 深度确定性策略梯度", "1509.02971")])
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / "rl.md").write_text(two, encoding="utf-8")
    assert len(_records(tmp_path / "one", tmp_path / "out1")[1]) == 3


def test_a_folders_table_of_contents_joins_no_article(tmp_path):
    # SUMMARY.md lists the titles of all its folder's posts: it shared a few Latin word 4-grams
    # with a post whose Latin text is little more than its title, and became its "translation"
    # (7 of the archive's 8); 5 of them were read as plain text, their relative links no sign of
    # Markdown
    archive = tmp_path / "in"
    archive.mkdir()
    titles = [f"Predicting Stock Prices Using RNN Part {n}" for n in (1, 2)] + [f"深度学习概述 {n}" for n in range(4)]
    (archive / "SUMMARY.md").write_text("".join(f"+   [{t}](post_{n}.md)\n" for n, t in enumerate(titles)), encoding="utf-8")
    (archive / "post_0.md").write_text("# Predicting Stock Prices Using RNN Part 1\n\n这是一篇很长的文章，讲的是如何预测价格。\n", encoding="utf-8")
    articles, _ = _records(archive, tmp_path / "out")
    assert sorted([v["path"] for v in a["variants"]] for a in articles) == [["SUMMARY.md"], ["post_0.md"]]
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert {f["path"]: f["format"] for f in report["files"]}["SUMMARY.md"] == "markdown"


_BODY_ZH = "这篇文章讨论了函数式编程中的一些想法，以及它们在实践中的用处。" * 3


def _archive_of(tmp_path, files: dict[str, str]):
    """An archive folder holding ``files`` (name -> text)."""
    archive = tmp_path / "archive"
    archive.mkdir()
    for name, text in files.items():
        (archive / name).write_text(text, encoding="utf-8")
    return archive


def test_a_listing_page_or_an_impossible_year_in_the_source_address_dates_nothing(tmp_path):
    # any /YYYY/MM/DD/ had dated the article: a day's archive page, a tag page, a year before the
    # web or far ahead, a day after the archived copy was captured
    sources = {
        "a": "https://x.io/archive/2020/05/06/", "b": "https://x.io/2020/05/06/page/2/",
        "c": "https://x.io/tag/nlp/2020/05/06/post", "d": "https://x.io/1905/05/06/post",
        "e": "https://x.io/2099/05/06/post",
        "f": "https://web.archive.org/web/20210101000000/https://x.io/2021/05/06/post",
        "g": "https://web.archive.org/web/20220926095407/https://x.io/2021/05/06/other-post"}
    archive = _archive_of(tmp_path, {
        f"{name}.md": f"# {name}\n\n> 原文：<{url}>\n\n{_BODY_ZH}\n" for name, url in sources.items()})
    articles, _ = _records(archive, tmp_path / "out")
    assert sorted((next(iter(a["title"].values())), a["date"]) for a in articles) == [
        ("a", None), ("b", None), ("c", None), ("d", None), ("e", None), ("f", None), ("g", "2021-05-06")]


def test_an_article_title_is_keyed_by_its_own_language(tmp_path):
    # 55 archive titles were keyed by their document's language: ezyang's translated posts keep
    # English titles ({"zh": "Comonads and Convolutions : ezyang’s blog"}), and a Chinese title
    # over an untranslated English body was {"en": "人工智能在金融和算法交易中的力量"}
    body_en = "Recently, two researchers discussed how AI can be leveraged in finance and trading. " * 3
    archive = _archive_of(tmp_path, {
        "comonads.md": f"# Comonads and Convolutions : ezyang’s blog\n\n{_BODY_ZH}\n",
        "finance.md": f"# 人工智能在金融和算法交易中的力量\n\n{body_en}\n",
        "mixed.md": f"# 采用 NVIDIA GPUs 的 OpenCV：YOLO 和 SSD\n\n{_BODY_ZH}\n"})
    articles, _ = _records(archive, tmp_path / "out")
    assert sorted(list(a["title"].items()) for a in articles) == sorted([
        [("en", "Comonads and Convolutions")], [("zh", "人工智能在金融和算法交易中的力量")],
        [("zh", "采用 NVIDIA GPUs 的 OpenCV：YOLO 和 SSD")]])


def test_an_article_title_of_names_alone_takes_its_document_s_language(tmp_path):
    # a Chinese post titled "BERT" (or "SCNet (CVPR 2020)") had its title keyed "en": names and
    # terms are no language's words, so the document's language is the title's
    archive = _archive_of(tmp_path, {
        "bert.md": f"# BERT\n\n{_BODY_ZH}\n", "scnet.md": f"# SCNet (CVPR 2020)\n\n{_BODY_ZH}\n",
        "keras.md": f"# Keras Mask R-CNN\n\n{_BODY_ZH}\n"})
    articles, _ = _records(archive, tmp_path / "out")
    assert sorted(list(a["title"].items()) for a in articles) == sorted([
        [("zh", "BERT")], [("zh", "SCNet (CVPR 2020)")], [("en", "Keras Mask R-CNN")]])


def test_an_article_without_a_stated_date_is_dated_by_its_source_address(tmp_path):
    # 630 archive posts (pyimagesearch's /2014/06/16/…, lilianweng's /posts/2017-06-21-…) had no
    # date, and ezyang's 408 (/2013/04/ndseg/) none but the time of the archive's conversion
    archive = _archive_of(tmp_path, {
        "a.md": f"# 甲\n\n> 原文：<https://pyimagesearch.com/2014/06/16/1-pixel-shifts/>\n\n{_BODY_ZH}\n",
        "b.md": f"# 乙\n\n> 原文：<https://lilianweng.github.io/posts/2017-06-21-overview/>\n\n{_BODY_ZH}\n",
        "d.md": f"# 丁\n\n> 原文：<http://blog.ezyang.com/2013/04/ndseg/>\n\n{_BODY_ZH}\n"})
    articles, _ = _records(archive, tmp_path / "out")
    assert sorted((a["title"]["zh"], a["date"], a["warnings"]) for a in articles) == [
        ("丁", "2013-04", []), ("乙", "2017-06-21", []), ("甲", "2014-06-16", [])]


def test_a_stated_date_outside_the_source_address_s_gives_way_to_it(tmp_path):
    # the archive's 407 ezyang posts each state a time on 2024-07-01, minutes apart (the archive's
    # conversion), under addresses of 2009 to 2018: all were dated 2024-07-01
    archive = _archive_of(tmp_path, {
        "c.md": f"<!--yml\ndate: 2024-07-01 18:17:21\n-->\n\n# 丙\n\n> 原文：<http://blog.ezyang.com/2013/04/a-zerocoin-puzzle/>\n\n{_BODY_ZH}\n",
        "e.md": f"<!--yml\ndate: 2013-04-09\n-->\n\n# 戊\n\n> 原文：<http://blog.ezyang.com/2013/04/ndseg/>\n\n{_BODY_ZH}\n",
        "f.md": f"---\ndate: 2014-06-17T01:00:00+08:00\n---\n\n# 己\n\n> 原文：<https://x.org/2014/06/16/f/>\n\n{_BODY_ZH}\n",
        "g.md": f"---\ndate: 2020-05-01\n---\n\n# 庚\n\n> 原文：<https://x.org/blog/g/>\n\n{_BODY_ZH}\n"})
    articles, _ = _records(archive, tmp_path / "out")
    assert sorted((a["title"]["zh"], a["date"], a["warnings"]) for a in articles) == [
        ("丙", "2013-04", ["front matter: the date 2024-07-01T18:17:21 (lines 1-3) lies outside the source address's 2013-04; the address's is kept"]),
        ("己", "2014-06-17T01:00:00+08:00", []),  # a time zone's day later: the stated time is kept
        ("庚", "2020-05-01", []),
        ("戊", "2013-04-09", []),  # a day inside the address's month is the more precise
    ]


def test_invisible_characters_in_titles_and_urls_are_dropped(tmp_path):
    # a zero-width space or a word joiner copied from a web page stayed in titles ("BERT\u200b
    # Pre-training"; "语言模型的\u2060—The 极限" in the archive) and in URLs, where it made another
    # repository ("google-research/bert%E2%80%8B"); a bare URL took the word after it along
    archive = tmp_path / "in"
    archive.mkdir()
    (archive / "post.md").write_text(
        "# Weekly\u2060—Papers\u200b\n\nIntro.\n\n## 1. BERT\u200b Pre-training\n\n"
        "**[Paper](https://arxiv.org/abs/1810.04805\u200b)** | [Code](https://github.com/google-research/bert\u200b)\n\n"
        "## 2. GPT-3\n\n论文：https://arxiv.org/abs/2005.14165\u200b代码：https://github.com/openai/gpt-3\u200c\n", encoding="utf-8")
    articles, papers = _records(archive, tmp_path / "out")
    assert articles[0]["title"] == {"en": "Weekly—Papers"}
    assert [p["title"] for p in papers] == [{"en": "BERT Pre-training"}, {"en": "GPT-3"}]
    assert [[link["url"] for link in p["links"]] for p in papers] == [
        ["https://arxiv.org/abs/1810.04805", "https://github.com/google-research/bert"],
        ["https://arxiv.org/abs/2005.14165", "https://github.com/openai/gpt-3"]]
    assert [p["ids"]["github"] for p in papers] == ["google-research/bert", "openai/gpt-3"]
    assert "summary" not in papers[1] or not papers[1]["summary"]  # (the line is links alone)


@pytest.mark.parametrize("name, post", [
    ("post.md", "# Weekly Papers\n\nIntro.\n\n## 1. Paper One\n\n[Paper]() | [Code](#code)\n\n"
                "## 2. Paper Two\n\n[Paper](mailto:author@example.org) | [Code](<>)\n\n"
                "## 3. Paper Three\n\n<a href=\"\">PDF</a> <a href=\"javascript:void(0)\">Code</a> "
                "[Paper](https://arxiv.org/abs/1706.03762)\n"),
    ("post.html", "<html><body><h1>Weekly Papers</h1><p>Intro.</p><h2>1. Paper One</h2><p><a href=\"\">Paper</a> | "
                  "<a href=\"#code\">Code</a></p><h2>2. Paper Two</h2><p><a href=\"mailto:a@b.org\">Paper</a> | "
                  "<a href=\"javascript:void(0)\">Code</a></p><h2>3. Paper Three</h2><p>"
                  "<a href=\"https://arxiv.org/abs/1706.03762\">Paper</a></p></body></html>"),
])
def test_placeholder_links_are_no_links_of_a_record(tmp_path, name, post):
    # a template's "[Paper]()", an e-mail address and "javascript:void(0)" were the records' paper
    # and code links (url "" and "mailto:…"), and the article's mentions of papers
    archive = tmp_path / "in"
    archive.mkdir()
    (archive / name).write_text(post, encoding="utf-8")
    articles, papers = _records(archive, tmp_path / "out")
    assert [[(link["role"], link["url"]) for link in p["links"]] for p in papers] == [
        [], [], [("paper", "https://arxiv.org/abs/1706.03762")]]
    assert [m["url"] for m in articles[0]["mentions"]] == ["https://arxiv.org/abs/1706.03762"]


def test_a_url_in_full_width_forms_is_a_link(tmp_path):
    # "ｈｔｔｐｓ：／／ａｒｘｉｖ．ｏｒｇ／…" (as Chinese posts write a URL a platform must not link) and
    # "https：//…" (a translation's colon) were no links: the entries had none, and the URL as summary
    archive = tmp_path / "in"
    archive.mkdir()
    post = ("# 本周论文\n\n介绍。\n\n## 1. LoRA\n\n论文：ｈｔｔｐｓ：／／ａｒｘｉｖ．ｏｒｇ／ａｂｓ／２１０６．０９６８５\n\n"
            "## 2. BERT\n\n论文：https：//arxiv.org/abs/1810.04805，代码：https：//github.com/google-research/bert。\n")
    (archive / "post.md").write_text(post, encoding="utf-8")
    _, papers = _records(archive, tmp_path / "out")
    assert [[link["url"] for link in p["links"]] for p in papers] == [
        ["https://arxiv.org/abs/2106.09685"], ["https://arxiv.org/abs/1810.04805", "https://github.com/google-research/bert"]]
    assert [p["sources"][0]["lines"] for p in papers] == [[5, 7], [9, 11]]
    assert not any(p["summary"] for p in papers)
