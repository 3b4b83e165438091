"""Author lines and person names.

Author lines come in many shapes: ``*Alexey Dosovitskiy，Lucas Beyer 等人*``,
``*作者:施密特*、施耐德*、亨宁(2021)*`` (equal-contribution stars that Markdown
turned into emphasis), ``Denis Yarats，Ilya Kostrikovm 和 Rob Fergus。``.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

_PREFIX = regex.compile(r"^\s*(?:作者\s*[:：|｜]?|authors?\s*[:：|｜]|by\s+|written by\s+)\s*", regex.I)
"""An author line's label: "作者：", "Authors:", "By", and as PaperWeekly writes it, "■ 作者 | "."""
_ET_AL = regex.compile(
    r"\s*(?:等人|等著|等\s*\d{1,3}\s*人|等|et\s+al\.?|and others)(?:\s*[,，]\s*(?:(?![.。]\s)[^,，、。]){1,60}?){0,3}\s*[。.]?\s*$", regex.I)
""""et al." (or "等 8 人", and eight others) at the end, or before up to three more parts: the
affiliation ("Borgeaud et al., DeepMind"), a venue, a citation count ("等人，NeurIPS 2017，被 18178 引用"),
though no sentence ("Brown et al., NeurIPS 2020. GPT-3, 175B parameters, few-shot.")."""
_YEAR = regex.compile(r"\s*[(（\[]\s*((?:19|20)\d\d)\s*[)）\]]\s*$")
_SEPARATORS = regex.compile(r"\s*(?:[，,、;；&]|\s+and\s+|\s*和\s*|\s*与\s*)\s*", regex.I)
_HAN_NAME = regex.compile(r"^(?:\p{Han}{2,4}|\p{Han}{1,6}(?:[·・•](?:\p{Han}{1,6}(?:-\p{Han}{1,6})?|\p{Latin}\.?)){1,3})$")
"""A Chinese name (2-4 characters) or a transliterated one with middle dots (尼古拉·曹德), where a
part may be an initial or a double-barrelled name ("迪德里克·p·金马", "丹尼尔·巴卢克-托默特")."""
_LATIN_NAME = regex.compile(r"^[\p{Lu}\p{Ll}][\p{LC}\p{M}'’.\-]*(?:\s+[\p{LC}\p{M}'’.\-]+){0,4}$")
"""A name in a script with capitals (Latin, Greek, Cyrillic): words of cased letters only, so
that "Transformer 用注意力取代了循环网络" (a word, then Han) is none."""
_NAME_PARTICLES = frozenset("van von de der den del della dei da di do dos das du la le ten ter zu bin ibn al el".split())
"""The words a Latin name may hold in lowercase ("Ludwig van Beethoven", "Fernando de la Torre");
a common word is none ("Residual nets (2016)" names a model, not its authors)."""
_TERM_WORDS = frozenset("""
    net nets network networks model models machine machines learning learner learners transformer transformers
    autoencoder autoencoders encoder encoders decoder decoders embedding embeddings attention dropout
    normalization distillation regression descent gradient gradients optimizer optimizers optimization
    inference sampling search layer layers unit units tree trees kernel kernels flow flows process processes
    policy policies agent agents representation representations algorithm algorithms architecture
    architectures mechanism mechanisms memory memories classifier classifiers detector detectors detection
    segmentation recognition translation generation diffusion vision language
    blocks connections functions methods techniques operations features vectors weights estimators filters
    neural residual convolutional recurrent generative adversarial variational stochastic bayesian gaussian
    contrastive supervised unsupervised self-supervised reinforcement capsule pointer highway
""".split())
"""Words of the names models and methods go by, none a given name or a surname ("Residual Nets",
"Neural Networks", "Capsule Networks", "Deep Learning"): a name that holds one is a term written
in title case, not a person ("Residual Nets (2016)."). Left out are the words that are also
names: Deep (Deep Ganguli), Field, Forest, Gates, Markov, Bayes, Boltzmann, Turing. Of the 67
Latin-script texts the archive sample reads as names, three hold such a word, all products
("Azure Machine Learning", "Paperspace Gradient", the "Weights" of "Weights & Biases"); no author
of its records does, nor any of the 52 names of the fixtures."""
_LOWERCASE_INITIAL = regex.compile(r"^\p{Ll}\.?$")
_SURNAME = regex.compile(r"^\p{Han}$")
"""A lone surname ("梁等著" = Liang et al.), accepted only on a line marked as an author list."""
_CLAUSE_CHARS = regex.compile(r"[的了是很更都就不把被这它们我你他个能会要已着过吗呢吧啊]")
"""Characters of Chinese clauses that hardly occur in a name, Chinese, Japanese, Korean or
transliterated (unlike 得 of 彼得, 让 of 让·皮亚杰, 也 of 拓也, 在 of 文在寅): a line of short
clauses ("它更简单，就更快。", "速度很快") is no list of names."""
_SENTENCE = regex.compile(r"[。！？!?]\s*\S|[:：]\s*\S.{20,}")
_DIGIT = regex.compile(r"\d")
_AUTHOR_WORD = regex.compile(r"作者(?=\p{Han})")
# What an author line carries beside the names: a leading emoji ("👥 "), superscript marks of
# affiliations ("Feng Li<sup>1,2</sup>", "Yanghao Li¹", "Li1,2", "Chen*"), a name's Latin
# spelling in brackets ("徐柯宇（Keyulu Xu）"), the affiliation or venue after a dash, a bar or
# in brackets at the end ("A, B — Google Brain", "A, B (ACL 2021)").
_LEADING_SYMBOLS = regex.compile(r"^[\p{So}\p{Sk}\s]+")
_SUPERSCRIPT = regex.compile(r"<sup>[^<]{0,20}</sup>|[\u00b9\u00b2\u00b3\u2070-\u2079]+(?:[,，][\u00b9\u00b2\u00b3\u2070-\u2079]+)*"
                             r"|(?<=\p{L})(?:\d{1,2}(?:,\d{1,2})*[*†‡§]*|[*†‡§]+)(?=\s*(?:[,，、;；]|\s(?:and|&)\s|$))")
_MARKS = regex.compile(r"(?<=\p{Han})\s*[(（]\s*\p{Latin}[\p{Latin} .'’-]{1,40}[)）]")
_SPELLED = regex.compile(r"(?P<han>\p{Han}[\p{Han}·]{0,9})\s*[(（]\s*(?P<latin>\p{Latin}[\p{Latin} .'’-]{1,40})[)）]")
"""A Chinese name and its Latin spelling in brackets (what :data:`_MARKS` takes off)."""
_AFFILIATION_TAIL = regex.compile(r"\s+[—–|｜·]\s+\S.*$|\s*[|｜]\s*\S[^,，、]*$")
_BRACKET_TAIL = regex.compile(r"\s*[(（][^()（）]{1,60}[)）]\s*$")
_YEAR_IN = regex.compile(r"(?:19|20)\d\d")
_CITED_YEAR = regex.compile(r"\S\s*[,，]\s*(?:19|20)\d\d[a-z]?\s*[)）]\s*$")
"""A bracket that cites someone and a year ("（Meta，2023）"), which a byline's venue tag ("(ACL 2021)") is not."""


@dataclass(frozen=True)
class AuthorLine:
    names: tuple[str, ...]
    et_al: bool = False
    year: int | None = None
    spellings: tuple[str | None, ...] = ()
    """Per name, the Latin spelling the line gives a Chinese name in brackets (``徐柯宇（Keyulu Xu）``),
    else None; empty where the line gives none."""


def is_name(text: str) -> bool:
    """Does ``text`` look like one person's name (Chinese or Latin script)?

    >>> is_name("张京兆"), is_name("Jingzhao Zhang"), is_name("d'Ascoli"), is_name("尼古拉·曹德")
    (True, True, True, True)
    >>> is_name("的鲁棒性研究工作")
    False
    >>> is_name("We study the failure modes of DARTS"), is_name("Transformer 用注意力取代了循环网络")
    (False, False)

    A word without a capital is a name's particle or initial, never a common word:

    >>> is_name("Ludwig van Beethoven"), is_name("Fernando de la Torre"), is_name("Diederik p. Kingma")
    (True, True, True)
    >>> is_name("Residual nets"), is_name("Put simply"), is_name("Neural nets")
    (False, False, False)

    Nor is a term in title case, however capitalised its words (:data:`_TERM_WORDS`):

    >>> is_name("Residual Nets"), is_name("Capsule Networks"), is_name("Deep Learning"), is_name("Kaiming He")
    (False, False, False, True)
    >>> is_name("Residual Blocks"), is_name("Skip Connections")
    (False, False)
    >>> is_name("Deep Ganguli"), is_name("Bill Gates"), is_name("Andrey Markov")
    (True, True, True)
    """
    text = text.strip()
    if not text or len(text) > 40 or _DIGIT.search(text):
        return False
    if _HAN_NAME.match(text):
        return True
    if _LATIN_NAME.match(text):
        words = text.split()
        if any(word.strip(".'’").casefold() in _TERM_WORDS for word in words):
            return False  # ("Residual Nets": a term in title case)
        uncapitalised = [word for word in words if not any(c.isupper() for c in word)]
        return len(uncapitalised) < len(words) and all(_name_word_in_lowercase(word) for word in uncapitalised)
    return False


def _name_word_in_lowercase(word: str) -> bool:
    """Is ``word``, written without a capital, a part of a name: a particle (``van``, ``de``) or
    an initial (``p.``)?

    >>> _name_word_in_lowercase("van"), _name_word_in_lowercase("p."), _name_word_in_lowercase("nets")
    (True, True, False)
    """
    return word.casefold() in _NAME_PARTICLES or bool(_LOWERCASE_INITIAL.match(word))


def parse_author_line(text: str, *, require_marker: bool = False) -> AuthorLine | None:
    """Read a list of authors, or None when the text is not one.

    >>> parse_author_line("*作者:施密特*、施耐德*、亨宁(2021)*")
    AuthorLine(names=('施密特', '施耐德', '亨宁'), et_al=False, year=2021, spellings=())
    >>> parse_author_line("Alexey Dosovitskiy，Lucas Beyer，Xiaohua Zhai 等人")
    AuthorLine(names=('Alexey Dosovitskiy', 'Lucas Beyer', 'Xiaohua Zhai'), et_al=True, year=None, spellings=())
    >>> parse_author_line("Denis Yarats，Ilya Kostrikovm 和 Rob Fergus。").names
    ('Denis Yarats', 'Ilya Kostrikovm', 'Rob Fergus')
    >>> parse_author_line("作者宋洋等人")
    AuthorLine(names=('宋洋',), et_al=True, year=None, spellings=())
    >>> parse_author_line("Borgeaud et al., DeepMind"), parse_author_line("Mildenhall et al., ECCV 2020").year
    (AuthorLine(names=('Borgeaud',), et_al=True, year=None, spellings=()), 2020)
    >>> parse_author_line("这是一个非常清晰、直接的想法，同时也带来了同样显著的效果。") is None
    True
    >>> parse_author_line("它更简单，就更快。"), parse_author_line("Transformer 用注意力取代了循环网络，训练更快。")
    (None, None)
    >>> parse_author_line("尼古拉·曹德、法比奥·彼得罗尼、让·皮亚杰、文在寅、木村拓也。").names
    ('尼古拉·曹德', '法比奥·彼得罗尼', '让·皮亚杰', '文在寅', '木村拓也')
    >>> parse_author_line("*Xiang Lisa Li, Percy Liang (ACL 2021)*")
    AuthorLine(names=('Xiang Lisa Li', 'Percy Liang'), et_al=False, year=2021, spellings=())
    >>> parse_author_line("作者：Ashish Vaswani、Noam Shazeer（Google Brain）").names
    ('Ashish Vaswani', 'Noam Shazeer')
    >>> parse_author_line("Feng Li1,2, Hao Zhang1*, Lei Zhang²").names
    ('Feng Li', 'Hao Zhang', 'Lei Zhang')
    >>> line = parse_author_line("作者：徐柯宇（Keyulu Xu），胡伟华（Weihua Hu），Jure Leskovec")
    >>> line.names, line.spellings
    (('徐柯宇', '胡伟华', 'Jure Leskovec'), ('Keyulu Xu', 'Weihua Hu', None))
    >>> parse_author_line("👥 Xinlei Chen, Kaiming He — Facebook AI Research").names
    ('Xinlei Chen', 'Kaiming He')
    >>> parse_author_line("Jiaming Song, Chenlin Meng, Stefano Ermon · ICLR 2021")
    AuthorLine(names=('Jiaming Song', 'Chenlin Meng', 'Stefano Ermon'), et_al=False, year=2021, spellings=())
    >>> parse_author_line("【邵青】，【明凯】等").names
    ('邵青', '明凯')
    >>> parse_author_line("Authors: Ashish Vaswani,\\nNoam Shazeer").names
    ('Ashish Vaswani', 'Noam Shazeer')
    >>> parse_author_line("■ 作者 | Ashish Vaswani, Noam Shazeer").names
    ('Ashish Vaswani', 'Noam Shazeer')
    >>> parse_author_line("Residual nets (He et al., 2016)."), parse_author_line("残差网络（何等人，2016）。")
    (None, None)
    >>> parse_author_line("开源模型（Meta，2023）。"), parse_author_line("Ada Lee, Bo Chen (ACL 2021)").year
    (None, 2021)
    """
    line = text.replace("*", "").replace("_", " ").strip().rstrip("。.")
    if not line or len(line) > 400 or ("\n" in line and not _PREFIX.match(line)):
        return None  # (lines of text are no author line, unless a labelled list wrapped onto them)
    # one space for each run of white space: the patterns below would each scan a long run again
    # from every position in it
    line = " ".join(line.split())
    line = _SUPERSCRIPT.sub("", _LEADING_SYMBOLS.sub("", line))
    spelled = {m.group("han"): m.group("latin").strip() for m in _SPELLED.finditer(line)}
    line = _MARKS.sub("", line)
    # (the label first: the bar of "作者 | A, B" is no affiliation's)
    prefixed = bool(_PREFIX.match(line))
    line = _PREFIX.sub("", line)
    tail_year = None
    if match := _AFFILIATION_TAIL.search(line):  # "A, B — Facebook AI Research", "A, B | Google", "A · ICLR 2021"
        line = line[: match.start()]
        tail_year = _YEAR_IN.search(match.group(0))
    if not prefixed and _AUTHOR_WORD.match(text.replace("*", "").strip()):
        prefixed = True
        line = line[2:] if line.startswith("作者") else line
    year = int(tail_year.group(0)) if tail_year else None
    if match := _YEAR.search(line):
        year, line = int(match.group(1)), line[: match.start()]
    elif match := _BRACKET_TAIL.search(line):  # "(ACL 2021)", "（阿里巴巴）"
        if cited_authors(match.group(0).strip(" ()（）")) is not None or _CITED_YEAR.search(match.group(0)):
            return None  # ("Residual nets (He et al., 2016)", "开源模型（Meta，2023）": words that cite, no byline)
        stated = _YEAR_IN.search(match.group(0))
        year, line = (int(stated.group(0)) if stated else None), line[: match.start()]
    et_al = False
    if match := _ET_AL.search(line):
        et_al, line = True, line[: match.start()]
        if year is None and (stated := _YEAR_IN.search(match.group(0))):
            year = int(stated.group(0))  # "Mildenhall et al., ECCV 2020"
    if _SENTENCE.search(line):
        return None
    # (a name may come in brackets, as a translation that kept a linked name's mark: "【邵青】")
    names = tuple(part.strip(" .。【】") for part in _SEPARATORS.split(line) if part.strip(" .。【】"))
    marked = prefixed or et_al or year is not None
    if not names or not all(is_name(name) or (marked and _SURNAME.match(name)) for name in names):
        return None
    if not marked and any(_HAN_NAME.match(name) and _CLAUSE_CHARS.search(name) for name in names):
        return None  # ("简单有效，训练更快。": clauses, where no label says that names follow)
    if (len(names) == 1 or require_marker) and not marked:
        return None
    spellings = tuple(spelled.get(name) for name in names) if spelled else ()
    return AuthorLine(names, et_al, year, spellings if any(spellings) else ())


_CITATION = regex.compile(
    r"^\s*(?P<names>[^\d()（）,，]{1,60}?(?:\s*[,，]\s*[^\d()（）,，]{1,60}?){0,3}?)\s*[,，]?\s*(?P<et_al>et\s*al\.?|等人?)?\s*[,，]?\s*"
    r"[(（]?\s*(?P<year>(?:19|20)\d\d)[a-z]?\s*年?\s*[)）]?\s*$", regex.I)
_CITED_PAIR = regex.compile(r"\s*(?:[&＆]|\band\b|和|与)\s*", regex.I)
_CITED_LIST = regex.compile(r"\s*[,，]\s*(?:(?:[&＆]|\band\b)\s*)?|" + _CITED_PAIR.pattern, regex.I)
"""What parts a list of three or more cited names: "Snell, Swersky & Zemel", "A, B, and C"."""
_CITED_LAST = regex.compile(r"(?:[&＆]|\band\b|和|与)\s*[^,，&＆]+$", regex.I)
"""The last name of such a list, after "&" or "and" (so "Smith, John, 2020" is none)."""
_CITED_SURNAME = regex.compile(
    r"^(?:(?i:van|von|de|der|den|da|di|le|la|du)\s+){0,3}\p{Lu}\p{Ll}[\p{L}'’-]*$|^\p{Han}{1,4}$")
"""A surname as a citation gives it: ``Dinh``, ``McCann``, ``van den Oord``, ``吴``."""
_GIVEN_NAME = regex.compile(r"^\p{Lu}\p{Ll}+\s+(?=\S)")
"""A first name before the surname, which a citation with "et al." may give: ``Yuhuai Wu 等人``."""
_INNER_CAPITAL = regex.compile(r"\p{Ll}\p{Lu}")
_PREFIXED_SURNAME = regex.compile(r"^(?:Mc|Mac|De|Le|La|Di|Du|Da)\p{Lu}\p{Ll}+$")
"""The capital inside ``McCann`` or ``LeCun``, which a model's ``ResNet`` has without the prefix."""


_CITED_NOBODY = frozenset("""
    google meta facebook microsoft amazon apple nvidia anthropic baidu alibaba tencent huawei
    bytedance samsung intel adobe salesforce uber twitter netflix tsinghua
    亚马逊 苹果 阿里巴巴 三星 斯坦福 清华 北大
    paper arxiv code blog link preprint pdf slides video talk demo project website
    论文 原文 代码 链接 博客 项目 预印本 视频
""".split())
"""Names a link text gives with a year that are no author's: a company or university
("(Anthropic, 2022)"), a link's own word ("[论文，2014](…)")."""
_CITED_COMPANY = regex.compile(r"^(?:谷歌|微软|脸书|英伟达|百度|腾讯|华为|字节)")
"""A Chinese name that opens as a company's: "（谷歌，2022）", "（谷歌大脑等，2017）"."""


def _cited_name(name: str, et_al: bool) -> bool:
    if name.split()[0].casefold() in _CITED_NOBODY:
        return False  # ("Google Brain 等人，2020": a company's lab)
    if et_al and (given := _GIVEN_NAME.match(name)):
        name = name[given.end() :]  # ("Yuhuai Wu 等人": a whole name before "et al.")
    if name.casefold() in _CITED_NOBODY or _CITED_COMPANY.match(name):
        return False
    if any(word.casefold() in _TERM_WORDS for word in name.split()):
        return False  # ("Transformer, 2017": a model's name, as :data:`_TERM_WORDS` knows it)
    return bool(_CITED_SURNAME.match(name)) and (not _INNER_CAPITAL.search(name) or bool(_PREFIXED_SURNAME.match(name)))


MAX_CITED_NAMES = 4
"""The most names a citation gives before it says "et al." (the archive sample cites three at most:
"Snell, Swersky & Zemel, 2017")."""


def cited_authors(label: str) -> AuthorLine | None:
    """The authors and year of a link text that cites a paper by them: "et al." (等人), or two names,
    or a list of names ending in "&" or "and", or one name with a comma before the year; None for
    anything else, a model and its year included.

    >>> cited_authors("Dinh et al., 2017"), cited_authors("吴等，2018")
    (AuthorLine(names=('Dinh',), et_al=True, year=2017, spellings=()), AuthorLine(names=('吴',), et_al=True, year=2018, spellings=()))
    >>> cited_authors("van den Oord, et al. 2017").names, cited_authors("Kingma & Welling, 2014").names
    (('van den Oord',), ('Kingma', 'Welling'))
    >>> cited_authors("Ravi & Larochelle (2017)").year, cited_authors("Schmidhuber, 1992").names
    (2017, ('Schmidhuber',))
    >>> cited_authors("Inception (2014)"), cited_authors("SMASH (2017)"), cited_authors("ResNet, 2015")
    (None, None, None)
    >>> cited_authors("McCann 等人，2017").names, cited_authors("DeepCluster et al., 2018")
    (('McCann',), None)
    >>> cited_authors("Yuhuai Wu 等人，2017").names, cited_authors("Inception Net (2015)")
    (('Yuhuai Wu',), None)
    >>> cited_authors("Anthropic, 2022"), cited_authors("谷歌大脑等，2020"), cited_authors("论文，2014"), cited_authors("残差网络，2016")
    (None, None, None, None)
    >>> cited_authors("Google Brain 等人，2020"), cited_authors("Slides, 2019")
    (None, None)
    >>> cited_authors("Kingma &, 2014"), cited_authors("和，2014"), cited_authors("  , 2014")
    (None, None, None)
    >>> cited_authors("Transformer, 2017"), cited_authors("Graves, 2016").names
    (None, ('Graves',))
    >>> cited_authors("Snell, Swersky & Zemel, 2017").names, cited_authors("Graves，Wayne＆Danihelka，2014").names
    (('Snell', 'Swersky', 'Zemel'), ('Graves', 'Wayne', 'Danihelka'))
    >>> cited_authors("Nichol, Achiam, and Schulman (2018)").names, cited_authors("Smith, John, 2020")
    (('Nichol', 'Achiam', 'Schulman'), None)
    >>> cited_authors("Cobbe 等人，2020 年"), cited_authors("残差网络，2016 年")  # (a translation's "年", year)
    (AuthorLine(names=('Cobbe',), et_al=True, year=2020, spellings=()), None)
    """
    match = _CITATION.match(label)
    if match is None:
        return None
    text = match.group("names").strip()
    if regex.search(r"[,，]", text) and not _CITED_LAST.search(text):
        return None  # (a list names its last after "&" or "and": "Smith, John, 2020" is no list)
    names = tuple(name.strip() for name in _CITED_LIST.split(text))
    et_al = match.group("et_al") is not None
    if not all(names) or len(names) > MAX_CITED_NAMES or not all(_cited_name(name, et_al) for name in names):
        return None
    if len(names) == 1 and not et_al and not regex.search(r"[,，]\s*[(（]?\s*(?:19|20)\d\d", label):
        return None  # ("Inception (2014)": a model and its year)
    if len(names) == 1 and not et_al and regex.match(r"\p{Han}", names[0]):
        return None  # ("残差网络，2016": a term and its year; a Chinese citation of people says 等)
    return AuthorLine(names, et_al, int(match.group("year")))


_DETERMINER = r"(?:(?i:\b(?:the|a|an|this|that|these|those|our|its|their|each|every))\s+|(?:该|这个|这种|一个|一种|此)\s*)"
"""A word that sets a noun after it: an English article or determiner, a Chinese demonstrative."""
_PERSON_AFTER = r"(?!\s*(?:et\s+al\b|等|['’]s\b|[,，&＆]|and\b|和))"
"""What follows a surname cited in prose ("the Graves et al. model", "the Kingma & Ba paper")."""


def named_as_thing(word: str, text: str) -> bool:
    """Does ``text`` write ``word`` as a thing's name, after an article or a determiner ("the
    Transformer", "该 Transformer"), where no one's surname stands (a surname in prose stands
    alone, "Graves shows …", or cites: "the Graves et al. model")?

    >>> named_as_thing("Transformer", "The Transformer replaces recurrence with attention.")
    True
    >>> named_as_thing("Transformer", "我们训练了一个 Transformer。"), named_as_thing("Transformer", "Transformers are big.")
    (True, False)
    >>> named_as_thing("Graves", "Graves shows that the model learns to halt."), named_as_thing("Graves", "the Graves et al. model")
    (False, False)
    """
    return regex.search(_DETERMINER + regex.escape(word) + r"(?![\w-])" + _PERSON_AFTER, text) is not None
