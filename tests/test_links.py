import pytest

from digestparse.fields.links import make_link, paper_ids, role_of, unwrap_archive


@pytest.mark.parametrize(
    "url, label, role",
    [
        ("https://openreview.net/forum?id=BJgnXpVYwS", "论文", "paper"),
        ("https://arxiv.org/abs/2103.10697", "纸张", "paper"),
        ("https://github.com/facebookresearch/convit", "代号", "code"),
        ("https://www.youtube.com/watch?v=cz9RzlstFdE", "谈话", "talk"),
        ("https://slideslive.com/38932251/egomap", "简报", "talk"),
        ("https://iclr.cc/virtual/2021/poster/3013", "ICLR 会议", "session"),
        ("https://ai.googleblog.com/2020/10/rethinking-attention-with-performers.html", "博客", "blog"),
        ("https://drive.google.com/file/d/12QK7onizf2ArpEBK706ly8bNfiM9cPzp/view", "代码", "code"),
        ("https://www.linkedin.com/in/jingzhao-zhang-6b0a09a4/", "LinkedIn", "profile"),
        ("https://bitbucket.org/ghentdatascience/ecmlpkdd20-papers/raw/master/RT/sub_122.pdf", "论文", "paper"),
        ("https://example.org/x", "", "other"),
        # arXiv and ACL Anthology pages that are no paper: every page on their host was one
        ("https://arxiv.org/search/cs?searchtype=author&query=Redmon%2C+J", "Joseph Redmon", "profile"),
        ("https://arxiv.org/a/hinton_g_1", "Geoffrey Hinton", "profile"),
        ("https://arxiv.org/list/cs.LG/recent", "arXiv cs.LG", "other"),
        ("http://arxiv.org/licenses/nonexclusive-distrib/1.0/", "", "other"),
        ("https://arxiv.org/", "arXiv", "other"),
        ("https://aclanthology.org/events/acl-2023/", "ACL 2023", "other"),
        # a talk's PDF, or its slides', labelled so: every PDF was a paper
        ("http://metalearning-symposium.ml/files/vinyals.pdf", "演讲", "talk"),
        ("https://example.org/files/talk.pdf", "幻灯片", "slides"),
        ("https://example.org/files/talk.pdf", "", "paper"),
        ("https://arxiv.org/pdf/1703.03400.pdf", "演讲", "paper"),
        # or named so: a course's lecture, a talk's slides (16 papers of the sample's index were)
        ("https://www.cs.rochester.edu/u/james/CSC248/Lec12.pdf", "音位", "slides"),
        ("http://cs231n.stanford.edu/slides/2017/cs231n_2017_lecture3.pdf", "cs231n 幻灯片", "slides"),
        ("http://web.mit.edu/~ezyang/Public/hiw14-backpack-slides.pdf", "获取幻灯片", "slides"),
        ("http://research.microsoft.com/en-us/um/people/simonpj/papers/ndp/NdpSlides.pdf", "", "slides"),
        ("http://yann.lecun.com/exdb/publis/pdf/lecun-98.pdf", "", "paper"),
        # (a word that only holds "slide" names no slides)
        ("https://www.mdpi.com/2072-4292/12/3/landslide-mapping.pdf", "", "paper"),
        ("https://x.org/papers/Backslide_Lecturer2019.pdf", "", "paper"),
        ("https://www.cis.upenn.edu/~bcpierce/papers/lenses-etapsslides.pdf", "", "slides"),
    ],
)
def test_role_url_first_label_second(url, label, role):
    assert role_of(url, label) == role


def test_archive_wrapper_is_unwrapped_and_kept():
    link = make_link("https://web.archive.org/web/20220926095407/https://github.com/IBM/FedMA", "代码")
    assert link.url == "https://github.com/IBM/FedMA"
    assert link.archived_url == "https://web.archive.org/web/20220926095407/https://github.com/IBM/FedMA"
    assert link.role == "code"
    assert unwrap_archive("/web/20220926095407/https://neptune.ai/blog/x")[0] == "https://neptune.ai/blog/x"


@pytest.mark.parametrize(
    "url, key, value",
    [
        ("https://openreview.net/forum?id=rkeu30EtvS", "openreview", "rkeu30EtvS"),
        ("https://openreview.net/pdf?id=mLcmdlEUxy-", "openreview", "mLcmdlEUxy-"),
        ("https://arxiv.org/abs/2007.01547v2", "arxiv", "2007.01547"),
        ("https://arxiv.org/pdf/2111.08137v1.pdf", "arxiv", "2111.08137"),
        ("https://github.com/IBM/FedMA/tree/master", "github", "IBM/FedMA"),
        ("https://doi.org/10.1007/978-3-030-67658-2_11", "doi", "10.1007/978-3-030-67658-2_11"),
    ],
)
def test_canonical_ids(url, key, value):
    assert getattr(paper_ids(url), key) == value


@pytest.mark.parametrize(
    "url, role, arxiv, doi",
    [
        ("https://ar5iv.org/abs/1706.03762", "paper", "1706.03762", None),
        ("https://www.alphaxiv.org/abs/1706.03762v2", "paper", "1706.03762", None),
        ("https://huggingface.co/papers/1706.03762", "paper", "1706.03762", None),  # was "code"
        ("https://www.semanticscholar.org/arxiv/1706.03762", "paper", "1706.03762", None),
        ("https://huggingface.co/bert-base-uncased", "code", None, None),
        ("https://www.biorxiv.org/content/10.1101/2020.04.08.031765v2", "paper", None, "10.1101/2020.04.08.031765"),
        ("https://www.nature.com/articles/s41586-020-2649-2", "paper", None, "10.1038/s41586-020-2649-2"),
        # ids the archive's links carried and went unread: a DOI suffix ending in a letter, a
        # PDF, an old letter's number; arXiv's file server; a new-style id written with a slash
        ("https://www.nature.com/articles/s42256-018-0006-z", "paper", None, "10.1038/s42256-018-0006-z"),
        ("https://www.nature.com/articles/s41467-022-31245-z.pdf", "paper", None, "10.1038/s41467-022-31245-z"),
        ("https://www.nature.com/articles/483531a", "paper", None, "10.1038/483531a"),
        ("https://arxiv.org/ftp/arxiv/papers/1803/1803.03916.pdf", "paper", "1803.03916", None),
        ("https://arxiv.org/abs/2004/05150", "paper", "2004.05150", None),
    ],
)
def test_mirrors_and_publisher_pages_give_canonical_ids(url, role, arxiv, doi):
    ids = paper_ids(url)
    assert (role_of(url), ids.arxiv, ids.doi) == (role, arxiv, doi)


@pytest.mark.parametrize(
    "url, acl",
    [
        ("https://aclanthology.org/P18-1079/", "P18-1079"),
        ("https://www.aclweb.org/anthology/P18-1079", "P18-1079"),
        ("https://www.aclweb.org/anthology/P/P18/P18-1079.pdf", "P18-1079"),
        ("https://www.aclweb.org/anthology/P19-1264v2.pdf", "P19-1264"),
        ("https://aclanthology.org/2020.emnlp-main.19.pdf", "2020.emnlp-main.19"),
        ("https://aclanthology.org/2021.triton-1.6", "2021.triton-1.6"),
        ("https://aclanthology.org/volumes/2020.emnlp-main/", None),
        ("https://www.aclweb.org/anthology/people/r/richard-socher/", None),
    ],
)
def test_acl_anthology_ids(url, acl):
    assert paper_ids(url).acl == acl


def test_one_acl_paper_under_both_of_its_hosts_is_one_paper_in_the_index():
    from digestparse.index import paper_key

    keys = {paper_key(paper_ids(url), url) for url in (
        "https://www.aclweb.org/anthology/D14-1162.pdf", "https://aclanthology.org/D14-1162/")}
    assert keys == {"acl:D14-1162"}


@pytest.mark.parametrize("url, label", [
    ("https://blog.evjang.com/2016/08/variational-bayes.html", "文章"),
    ("https://blog.paperspace.com/absolute-guide-to-tensorflow/", "文章"),
    ("https://towardsdatascience.com/how-do-we-train-neural-networks-edd985562b73", "文章"),
    ("https://ai.googleblog.com/2020/03/more-efficient-nlp-model-pre-training.html", "论文"),
])
def test_a_blog_post_labelled_as_an_article_or_paper_is_a_blog_post(url, label):
    # "Eric Jang 在他的[文章](blog)中…" was a paper link: 18 blog posts were papers of the index
    assert role_of(url, label) == "blog"
    assert role_of("https://arxiv.org/abs/1312.6114", "文章") == "paper"
    assert role_of("https://example.org/vae.pdf", "文章") == "paper"


@pytest.mark.parametrize("url", [
    "https://github.com/google-research/bert\u200b", "https://github.com/google-research/bert%E2%80%8B",
    "https://github.com/google-research/bert%e2%81%a0", "\u202ahttps://github.com/google-research/bert\u202c",
    "https://github.com/google-research/bert\u200c",
])
def test_invisible_characters_copied_with_a_url_are_not_part_of_it(url):
    # a zero-width space after a link's target (as Markdown normalises it, "%E2%80%8B") stayed in
    # the URL, and in the ids: github=google-research/bert%E2%80%8B, another repository
    link = make_link(url, "Code")
    assert link.url == "https://github.com/google-research/bert"
    assert paper_ids(link.url).github == "google-research/bert"


def test_a_joiner_inside_a_url_stays():
    # (the zero-width non-joiner is part of Persian words, and so of their pages' URLs)
    url = "https://fa.wikipedia.org/wiki/\u0645\u06cc\u200c\u0634\u0648\u062f"
    assert make_link(url).url == url


@pytest.mark.parametrize("url, arxiv", [
    ("https://arxiv.org/abs/1706.037625", None),  # (a digit too many: 1706.03762 is another paper)
    ("https://arxiv.org/pdf/2106.012345v2.pdf", None),
    ("https://arxiv.org/abs/math.GT/0309136", "math/0309136"),
    ("https://arxiv.org/pdf/cs.LG/0112017v1.pdf", "cs/0112017"),
    ("https://arxiv.org/abs/cs/0112017", "cs/0112017"),
    ("https://arxiv.org/abs/1706.03762v12", "1706.03762"),
])
def test_an_arxiv_id_is_read_whole_and_without_its_subject_class(url, arxiv):
    # "…/1706.037625" gave 1706.03762 (Attention Is All You Need) and "math.GT/0309136" was
    # another paper than "math/0309136", which arXiv says it is
    assert paper_ids(url).arxiv == arxiv


@pytest.mark.parametrize("url, doi", [
    ("https://link.springer.com/content/pdf/10.1007/BF00992698.pdf", "10.1007/BF00992698"),
    ("https://link.springer.com/article/10.1007/s10994-019-05864-5/fulltext.html", "10.1007/s10994-019-05864-5"),
    ("https://academic.oup.com/bioinformatics/article-pdf/10.1093/bioinformatics/btz682.pdf", "10.1093/bioinformatics/btz682"),
    ("https://doi.org/10.1145/3292500.3330701/", "10.1145/3292500.3330701"),
    ("https://doi.org/10.1145%2F3292500.3330701", "10.1145/3292500.3330701"),
    ("http://dx.doi.org/%2010.1109/ICCV.2005.104", "10.1109/ICCV.2005.104"),
    ("https://doi.org/10.3390/%20diagnostics11122242", "10.3390/diagnostics11122242"),
    ("https://doi.org/10.1016/S0893-6080(98)00116-6", "10.1016/S0893-6080(98)00116-6"),
    ("https://www.pnas.org/doi/full/10.1073/pnas.1611835114", "10.1073/pnas.1611835114"),
])
def test_a_doi_read_from_a_url_is_the_doi_alone(url, doi):
    # the file or page after it, a trailing slash and an encoded slash or space were read as part
    # of it or hid it: "10.1007/BF00992698.pdf", "10.3390/%20diagnostics11122242" (both in the
    # archive), none for "10.1145%2F3292500.3330701" or "%2010.1109/ICCV.2005.104"
    assert paper_ids(url).doi == doi


@pytest.mark.parametrize("url", ["", " ", "#", "#code", "mailto:author@example.org", "javascript:void(0)",
                                 "data:application/pdf;base64,JVBERi0=", "file:///C:/Users/me/paper.pdf"])
def test_a_link_that_leads_nowhere_is_no_paper_whatever_its_label(url):
    # "[Paper]()" and "<a href='mailto:…'>Paper</a>" were paper links: "" and "mailto:…" in the records
    assert role_of(url, "Paper") == "other"
    assert role_of(url, "Code") == "other"


@pytest.mark.parametrize("url, role", [("doi:10.1145/3292500.3330701", "paper"), ("papers/attention.pdf", "paper")])
def test_an_identifier_or_a_relative_file_still_leads_somewhere(url, role):
    assert role_of(url, "Paper") == role


def test_a_pdf_viewers_position_is_no_part_of_a_papers_address():
    # a figure credit "【来源:https://arxiv.org/pdf/1601.06759.pdf#page=9&zoom = 100，0，0】" had made
    # the PixelRNN record's paper link another address than its paper's
    from digestparse.fields.links import clean_url

    assert clean_url("https://arxiv.org/pdf/1601.06759.pdf#page=9&zoom=100,0,0") == "https://arxiv.org/pdf/1601.06759.pdf"
    assert clean_url("https://www.docdroid.net/qzyxCr4/report.pdf#page=13") == "https://www.docdroid.net/qzyxCr4/report.pdf"
    assert clean_url("https://lilianweng.github.io/posts/2018-06-24-attention/#born-for-translation").endswith("#born-for-translation")


def test_an_html_pages_relative_links_are_read_against_its_base_address():
    # a saved page that states <base href> wrote its links relative to it: they had stayed
    # "abs/1706.03762" and "/files/resnet.pdf", no address and no paper id
    from digestparse.blocks import to_blocks

    page = """<html><head><title>Two papers</title><base href="https://arxiv.org/list/"></head><body>
<p><a href="../abs/1706.03762">Paper</a> | <a href="/pdf/1512.03385v1.pdf">PDF</a> | <a href="#notes">notes</a>
| <a href="https://github.com/tensorflow/tensor2tensor">Code</a></p>
</body></html>"""
    (row,) = [b for b in to_blocks(page, "html") if b.links]
    urls = [link.url for link in row.links]
    assert urls == ["https://arxiv.org/abs/1706.03762", "https://arxiv.org/pdf/1512.03385v1.pdf", "#notes",
                    "https://github.com/tensorflow/tensor2tensor"]
    assert [paper_ids(url).arxiv for url in urls[:2]] == ["1706.03762", "1512.03385"]


@pytest.mark.parametrize("url, clean", [
    # a referrer's mark and HubSpot's language mark had stayed in the URL, and so in an id-less paper's index key
    ("https://arxiv.org/abs/1812.05905?ref=hackernoon.com", "https://arxiv.org/abs/1812.05905"),
    ("https://info.example.com/hubfs/a.pdf?hsLang=en-us", "https://info.example.com/hubfs/a.pdf"),
    ("https://x.org/p.pdf?_hsenc=p2AN&_hsmi=1&id=7&mc_cid=a&mc_eid=b", "https://x.org/p.pdf?id=7"),
    # Google Scholar's redirect page in front of the paper's
    ("https://scholar.google.com/scholar_url?url=https://ieeexplore.ieee.org/abstract/document/7974879/&hl=en&sa=T&oi=gsb",
     "https://ieeexplore.ieee.org/abstract/document/7974879/"),
    # (a ref that names no site, and Scholar's other pages, stay as written)
    ("https://gitlab.com/a/b/-/raw/x.py?ref=main", "https://gitlab.com/a/b/-/raw/x.py?ref=main"),
    ("https://scholar.google.com/citations?user=abc&hl=en", "https://scholar.google.com/citations?user=abc&hl=en"),
])
def test_tracking_marks_and_redirect_pages_leave_a_links_address(url, clean):
    assert make_link(url, "Paper").url == clean


def test_a_paper_behind_google_scholars_redirect_is_a_paper():
    link = make_link("https://scholar.google.com/scholar_url?url=https://arxiv.org/abs/1901.00596&hl=en", "几何深度学习")
    assert (link.role, link.url, paper_ids(link.url).arxiv) == ("paper", "https://arxiv.org/abs/1901.00596", "1901.00596")


def test_a_wayback_capture_with_the_default_port_gives_the_papers_id():
    # the Wayback Machine writes the address it captured with its port ("http://arxiv.org:80/…"):
    # the unwrapped link had no arXiv id
    link = make_link("https://web.archive.org/web/20200101000000/http://arxiv.org:80/abs/1706.03762", "Paper")
    assert (link.url, paper_ids(link.url).arxiv) == ("http://arxiv.org/abs/1706.03762", "1706.03762")
    assert make_link("https://x.org:8443/a.pdf").url == "https://x.org:8443/a.pdf"


def test_a_space_slipped_in_before_a_query_value_is_no_part_of_the_address():
    # pyimagesearch links Rumelhart et al. (1986) as "citation.cfm?id=%2065669.104451" and as
    # "citation.cfm?id=65669.104451": two papers of the index
    from digestparse.align import link_paper

    urls = ("http://dl.acm.org/citation.cfm?id=%2065669.104451", "http://dl.acm.org/citation.cfm?id=65669.104451%20")
    assert {link_paper(make_link(url).url) for url in urls} == {"url:https://dl.acm.org/citation.cfm?id=65669.104451"}


@pytest.mark.parametrize("url", ["https://doi.org/10.48550/arXiv.1706.03762", "https://doi.org/10.48550/ARXIV.1706.03762"])
def test_the_doi_arxiv_gives_a_paper_is_its_arxiv_id(url):
    # a paper cited by its arXiv DOI and by its arXiv page had been two papers (doi:… and arxiv:…)
    from digestparse.align import link_paper

    assert link_paper(url) == link_paper("https://arxiv.org/abs/1706.03762") == "arxiv:1706.03762"
    assert paper_ids(url).doi.lower() == "10.48550/arxiv.1706.03762"


@pytest.mark.parametrize("url, role, clean", [
    # Markdown reads these as files beside the post: the links had no host (www.github.com/… was
    # no code link) and stayed "//…" where the HTML reader wrote "https://…"
    ("//arxiv.org/abs/1706.03762", "paper", "https://arxiv.org/abs/1706.03762"),
    ("www.github.com/google-research/bert", "code", "https://www.github.com/google-research/bert"),
    ("arxiv.org/abs/1706.03762", "paper", "https://arxiv.org/abs/1706.03762"),
    ("//web.archive.org/web/20220529063311/https://github.com/a/b", "code", "https://github.com/a/b"),
    ("paper.pdf", "paper", "paper.pdf"),  # (a file beside the post stays one)
])
def test_an_address_without_its_scheme_is_read_as_the_web_address_it_names(url, role, clean):
    link = make_link(url, "Code" if role == "code" else "Paper")
    assert (link.role, link.url) == (role, clean)
