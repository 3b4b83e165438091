"""Rule: a row of a table that lists papers, one row per paper.

Table digests give each paper a row::

    | # | Paper | Code | Summary |
    |---|-------|------|---------|
    | 1 | [Attention Is All You Need](https://arxiv.org/abs/1706.03762) | [code](…) | Transformers. |

The header names the columns; the one named like a title (:data:`TITLE_COLUMN`: ``Paper``,
``Title``, ``论文``, ``标题`` ...) gives each row's title, and a row is an entry where it links a
paper.  A table of models, methods or results whose rows cite papers (``Model | Search space |
Evaluation``) names no such column and gives no entries, unless the heading it stands under
announces papers (``# 附录: NAS 论文摘要``) and its first column, of names (:data:`NAME_COLUMN`),
links each row's name to its paper (``| [NASNet (2018)](arxiv) | …``).  The other columns are
read by :func:`columns` (summary, authors, year) when the entry's fields are.
"""

from __future__ import annotations

import regex

from ...blocks import Block
from ...fields.links import role_of
from ..model import Candidate
from ..patterns import PAPERS_CUE
from ..title import clean_title, split_number, without_venue_tag

MIN_RUN = 3
TITLE_COLUMN = regex.compile(r"(?i)^\W*(?:papers?|(?:paper\s+)?title|paper name|论文|论文标题|论文名称|论文题目|标题|题目|文章)\W*$")
"""Header cells of the column that holds each paper's title."""
NUMBER_COLUMN = regex.compile(r"(?i)^\W*(?:#|no\.?|nr\.?|rank|序号|编号|排名)?\W*$")
"""Header cells of a column of entry numbers (also an empty header cell)."""
COLUMNS = {
    "summary": regex.compile(r"(?i)^\W*(?:summary|tl;?\s*dr|abstract|description|notes?|key ideas?|highlights?|"
                             r"简介|摘要|概要|说明|总结|一句话总结|亮点|核心思想|主要贡献|贡献)\W*$"),
    "authors": regex.compile(r"(?i)^\W*(?:authors?|作者)\W*$"),
    "year": regex.compile(r"(?i)^\W*(?:year|年份|年)\W*$"),
}
"""Header cells of the other columns an entry's fields are read from."""


def columns(row: Block) -> dict[str, str]:
    """The cells of ``row`` under the columns :data:`COLUMNS` names (in its table's header), by
    the names' keys.

    >>> columns(Block("table_row", "", (3, 3), cells=("BERT", "Devlin 等", "双向预训练。"), header=("论文", "作者", "简介")))
    {'authors': 'Devlin 等', 'summary': '双向预训练。'}
    """
    found: dict[str, str] = {}
    for name, cell in zip(row.header, row.cells):
        for key, pattern in COLUMNS.items():
            if pattern.match(name) and cell.strip() and key not in found:
                found[key] = cell.strip()
    return found


def title_cell(row: Block) -> str:
    """The cell a row's title is read from: its table's title column, else its first (a column
    of names).

    >>> title_cell(Block("table_row", "", (3, 3), cells=("1", "SCNet (CVPR 2020)", "…"), header=("#", "Paper", "Summary")))
    'SCNet (CVPR 2020)'
    """
    column = _title_column(row.header)
    cells = row.cells
    return cells[column] if column is not None and column < len(cells) else (cells[0] if cells else "")


NAME_COLUMN = regex.compile(r"(?i)^\W*(?:models?|methods?|names?|model name|模型|模型名称|方法|名称)\W*$")
"""Header cells of a first column of names (a model's, a method's)."""


def _title_column(names: tuple[str, ...]) -> int | None:
    return next((i for i, name in enumerate(names) if TITLE_COLUMN.match(name)), None)


def _linked_name(row: Block) -> bool:
    """Does the row's first cell hold a name linked to a paper (and nothing else)?"""
    cell = row.cells[0].strip() if row.cells else ""
    return any(link.label and clean_title(link.label) == clean_title(cell) and role_of(link.url, link.label) == "paper"
               for link in row.links)


def paper_table_row(blocks: list[Block]) -> list[Candidate]:
    found = []
    heading: Block | None = None  # the nearest heading above
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            heading = block
        if block.kind != "table_row" or block.marker == "header":
            continue
        column = _title_column(block.header)
        if column is None and block.header and NAME_COLUMN.match(block.header[0]) and heading is not None \
                and PAPERS_CUE.search(heading.text) and _linked_name(block):
            column = 0
        if column is None or column >= len(block.cells):
            continue
        if not any(role_of(link.url, link.label) == "paper" for link in block.links):
            continue
        number, title = split_number(block.cells[column])
        # ("[SCNet (CVPR 2020)](…)": the venue goes, its year read into the record's year, as
        # under a heading; a year alone stays, as written: "HNAS (2017)")
        title = without_venue_tag(clean_title(title))
        if len(title) < 3:
            continue
        if number is None and column > 0 and NUMBER_COLUMN.match(block.header[0]) and block.cells[0].strip().isdigit():
            number = int(block.cells[0].strip())
        found.append(Candidate(index, "paper_table_row", number, title, 7))
    return found


def owns(blocks: list[Block], start: int, limit: int) -> int:
    """A row is its entry."""
    return start + 1


paper_table_row.min_run = MIN_RUN
paper_table_row.owns = owns
