"""Rule: an unnumbered heading whose section opens by citing a paper.

Walk-through posts give each model its own section: ``# CoVe`` followed by
``**CoVe**（[McCann 等人，2017](arxiv)）...``, or ``## ResNet (2015)`` followed
by ``*[Deep Residual Learning ...](arxiv)*``.  A section counts when

* its first paragraph opens with a paper link (within ``CITATION_WITHIN`` characters),
* or its first or second paragraph names the heading's subject and cites it in the parenthesis
  right after the name (``**XLNet**（[Yang et al. 2019](arxiv)）``,
  ``**ELECTRA**（“Efficiently Learning ...”; [Clark et al. 2020](arxiv)）``).

A paper cited somewhere in running text does not make a section a paper entry.  (A sibling
section that links its own paper only as ``Source: [Paper](...)`` joins an accepted run in
``find_entries``.)
"""

from __future__ import annotations

import regex

from ...blocks import Block
from ...fields.links import role_of
from ..model import Candidate
from ..patterns import AUTHOR_YEAR_CITATION, FIGURE_NUMBER, PAPER_LABEL
from ..title import unnumbered_headings

MIN_RUN = 3
"""Fewer sections opening with a citation is more often a tutorial citing its sources than a walk-through."""
CITATION_WITHIN = 80
"""How far into a paragraph (in characters) the paper link must start."""
OPENING_PARAGRAPHS = 2
MAX_NAME = 120
"""A heading longer than this (in characters) names no subject to look for in the text.

(The case-blind search for a long name is far worse than linear: a 30,000-character heading
over the same text took minutes.)"""


_CREDIT_LABEL = regex.compile(r"^\W*(?:image |photo |figure )?(?:source|credit|来源|资料来源|图片来源)s?\W*$", regex.I)


def _paper_links(block: Block):
    """The block's links to papers, but for a figure's credit ("… cell ([source](researchgate))"),
    which says where a figure comes from, not which paper the section is about."""
    return [link for link in block.links
            if link.label and role_of(link.url, link.label) == "paper" and not _CREDIT_LABEL.match(link.label)]


def _named_then_cited_at(text: str, name: str) -> tuple[int, int] | None:
    """The span of the parenthesis right after the subject's name: ``XLNet（...）``."""
    if not 2 <= len(name) <= MAX_NAME:
        return None
    match = regex.search(regex.escape(name) + r"[*_\s]*[（(]([^（()）]*)[)）]", text, regex.I)
    return match.span(1) if match else None


SURVEY_CITATIONS = 2
"""An opening that cites this many papers by author and year ("学习文本的低维表示已有很长的历史
（[Deerwester 等，1990](…); [Yih 等，2011](…)）" under ``神经信息检索``) surveys a topic, unless
the heading's model is named right before its first citation (``**XLNet**（[Yang et al. 2019](…)）``
… ``[Dai et al. 2019](…)``; ``（简称 WANN；[Gaier & Ha 2019](…)）`` under ``网络拓扑优化：WANN``)."""
NAMED_WITHIN = 20
"""How close before the first citation the model's name must come (``WANN；`` is 5 characters)."""


_CITED_WITH_YEAR = regex.compile(r"\s(?:19|20)\d\d[a-z]?\W*$")
"""A link text that ends in a year, as a citation by authors translated without 等人 does:
``斯卡德 1965``, ``尼格拉姆＆加尼 CIKM 2000`` (Scudder 1965; Nigam & Ghani, CIKM 2000)."""


def _citation(label: str) -> bool:
    """Does a link text cite a paper by its authors and year?"""
    return bool(AUTHOR_YEAR_CITATION.search(label) or _CITED_WITH_YEAR.search(label))


def _cited_together(text: str, cited: list) -> bool:
    """Do the first bracket's citations cite several papers (``**自训练**不是一个新概念（[斯卡德
    1965](…)、[尼格拉姆＆加尼 CIKM 2000](…)）``: a topic and its literature, whatever names it)?"""
    first = text.find(cited[0].label)
    opened = max(text.rfind("（", 0, first), text.rfind("(", 0, first))
    closes = [at for at in (text.find("）", first), text.find(")", first)) if at >= 0]
    if opened < 0 or not closes:
        return False
    bracket = text[opened : min(closes)]
    return len({link.url for link in cited if link.label in bracket}) >= SURVEY_CITATIONS


def _surveys(block: Block, name: str) -> bool:
    cited = [link for link in _paper_links(block) if _citation(link.label)]
    if len({link.url for link in cited}) < SURVEY_CITATIONS:
        return False
    if _cited_together(block.text, cited):
        return True
    first = block.text.find(cited[0].label)
    before = _spelled_out(block.text[max(0, first - NAMED_WITHIN - MAX_NAME) : max(0, first)])
    names = {_spelled_out(name)} | {_spelled_out(m.group(0)) for m in LATIN_NAME.finditer(name)}
    return not any(n in before[-(NAMED_WITHIN + len(n)) :] for n in names)


def _cites(block: Block, name: str, *, opening: bool) -> bool:
    """Does the paragraph cite a paper at its start (``opening``) or in a parenthesis after ``name``?"""
    if opening and _surveys(block, name):
        return False
    links = _paper_links(block)
    positions = [p for p in (block.text.find(link.label) for link in links) if p >= 0]
    if not positions:
        return False
    if opening and min(positions) <= CITATION_WITHIN:
        return True
    named = _named_then_cited_at(block.text, name)  # a regex per name: only when needed
    return named is not None and any(named[0] <= p < named[1] for p in positions)


_ASKS_FOR_NAME = regex.compile(
    r"^\W*(?:什么是|何为|what\s+is|what\s+about|how\s+about)\s*(?P<a>[^?？\s][^?？]{0,40}?)\s*[?？]\s*$"
    r"|^\W*(?P<b>[^?？\s][^?？]{0,40}?)\s*(?:怎么样|如何|是什么|呢)\s*[?？]\s*$", regex.I)


def asked_name(title: str) -> str:
    """The model a heading only asks about (``什么是 YOLO？``, ``SqueezeNet 怎么样？``, ``What about
    SqueezeNet?``), else the title as it is: the section is about the model, and the model is
    its title.  A question about something else (``Seq2Seq 模型有什么问题？``) stays a question.

    >>> [asked_name(t) for t in ("什么是 YOLO？", "SqueezeNet 怎么样？", "What is BERT?", "Seq2Seq 模型有什么问题？")]
    ['YOLO', 'SqueezeNet', 'BERT', 'Seq2Seq 模型有什么问题？']
    >>> asked_name("什么是扩散模型？")  # (no model's name: a topic)
    '什么是扩散模型？'
    """
    match = _ASKS_FOR_NAME.match(title)
    name = match and (match.group("a") or match.group("b")).strip()
    return name if name and LATIN_NAME.fullmatch(name) else title


def cited_paper_heading(blocks: list[Block]) -> list[Candidate]:
    found = []
    for index, block, title in unnumbered_headings(blocks):
        title = asked_name(title)
        opening = []
        for i in range(index + 1, len(blocks)):  # (no copy of the rest)
            nxt = blocks[i]
            if nxt.kind == "heading" or len(opening) == OPENING_PARAGRAPHS:
                break
            if nxt.kind in ("paragraph", "list_item") and not _is_caption(blocks, i):
                opening.append(nxt)
        if any(_cites(b, title, opening=i == 0) for i, b in enumerate(opening)) or _cites_late(blocks, index, title):
            found.append(Candidate(index, "cited_paper_heading", None, title, block.level))
    return found


LATE_PARAGRAPHS = 3
"""How many paragraphs of a section (before its first sub-heading) may come before the one that
links the section's paper, where that paragraph names the subject or labels the link as the paper."""
_BRACKETED_TAIL = regex.compile(r"\s*[(（][^()（）]*[)）]\s*$")
_HERE = regex.compile(r"^\W*(?:这里|此处|here|原始出版物|原文)\W*$", regex.I)


def _cites_late(blocks: list[Block], index: int, name: str) -> bool:
    """Does one of the section's first :data:`LATE_PARAGRAPHS` paragraphs link a paper where it
    names the heading's subject, or under a label that says the link is the paper (``由何等人在其
    2015 年的论文 [Deep Residual Learning …](arxiv)`` under ``#### ResNet``)?

    The subject is the heading without a bracket at its end (``DenseNet (2016)``), or the model
    named in that bracket (``RL 的稳定化（GTrXL）``); a Greek letter may be spelled out in one and
    not the other (``# Beta-VAE`` over ``β-VAE（[Higgins 等人，2017](…)）``).  Figures and their
    numbered captions are not counted among the paragraphs.
    """
    if not LATIN_NAME.search(name) or len(name) > MAX_NAME:
        return False
    tail = _BRACKETED_TAIL.search(name)
    names = {_spelled_out(_BRACKETED_TAIL.sub("", name))}
    if tail and LATIN_NAME.search(tail.group(0)):
        names.add(_spelled_out(tail.group(0).strip(" (（)）")))
    names.discard("")
    seen = 0
    for i in range(index + 1, len(blocks)):
        nxt = blocks[i]
        if nxt.kind == "heading" or seen == LATE_PARAGRAPHS:
            return False
        if nxt.kind != "paragraph" or _is_caption(blocks, i):
            continue
        seen += 1
        links = _paper_links(nxt)
        if links and (any(n in _spelled_out(nxt.text) for n in names)
                      or any(PAPER_LABEL.match(link.label) or _HERE.match(link.label) for link in links)):
            return True
    return False


_GREEK = {"α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "θ": "theta", "λ": "lambda",
          "μ": "mu", "π": "pi", "ρ": "rho", "σ": "sigma", "τ": "tau", "φ": "phi", "ψ": "psi", "ω": "omega"}
_GREEK_LETTER = regex.compile("[" + "".join(_GREEK) + "]")


def _spelled_out(text: str) -> str:
    """``text`` case-folded, with its Greek letters spelled out.

    >>> _spelled_out("β-VAE（Higgins 等人）") == _spelled_out("Beta-VAE（Higgins 等人）")
    True
    """
    text = text.casefold()
    return _GREEK_LETTER.sub(lambda m: _GREEK[m.group(0)], text) if not text.isascii() else text


def _is_caption(blocks: list[Block], i: int) -> bool:
    """Is ``blocks[i]`` a figure's numbered caption, under or above its image (``图 9. 图灵机的外观``)?"""
    if not FIGURE_NUMBER.match(blocks[i].text):
        return False
    return any(0 <= j < len(blocks) and blocks[j].kind == "image" for j in (i - 1, i + 1))


LATIN_NAME = regex.compile(r"(?<![A-Za-z])(?:[A-Za-z]*[A-Z][A-Za-z0-9]*[-‐]?[A-Za-z0-9]+|[A-Z]{2,})")
"""A model name as translation leaves it: ``CoVe`` ``AOD-Net`` ``MSCNN`` ``Wide ResNet``."""
NAMED_NETWORK = regex.compile(r"\p{Han}{2,}网络$")
"""A model translated with its kind: "匹配网络" (Matching Networks), "原型网络", "增强记忆神经网络"."""
MIN_NAMED_SHARE = 0.5


def names_models(run: list[Candidate]) -> bool:
    """Does at least half of the run name a model, in Latin script or as a network?

    Translation keeps model names (SimCLR, BYOL, RealNVP) and rewrites topic headings
    ("影响函数", "嘈杂交叉验证"), so a run of all-Chinese headings walks through topics,
    unless they name networks ("匹配网络", "关系网络", "原型网络": a meta-learning survey).

    >>> names_models([Candidate(1, "r", None, t, 2) for t in ("CoVe", "跨视图训练", "ELMo")])
    True
    >>> names_models([Candidate(1, "r", None, t, 2) for t in ("影响函数", "训练过程中的预测变化", "CPU 卸载")])
    False
    >>> names_models([Candidate(1, "r", None, t, 2) for t in ("常见方法", "匹配网络", "关系网络", "原型网络")])
    True
    """
    named = sum(bool(LATIN_NAME.search(cand.title) or NAMED_NETWORK.search(cand.title)) for cand in run)
    return named >= MIN_NAMED_SHARE * len(run)


cited_paper_heading.min_run = MIN_RUN
cited_paper_heading.accept_run = names_models
