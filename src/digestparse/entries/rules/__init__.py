"""Entry rules: each proposes the blocks where entries start, one rule per module.

Like markdown-it-py's rule chains, every rule is a small function
``rule(blocks) -> list[Candidate]`` with a name; ``digestparse.entries.find_entries``
runs them all and keeps the most consistent set of proposals.
"""

from __future__ import annotations

from .bold_numbered_line import bold_numbered_line
from .bold_title_paragraph import bold_title_paragraph
from .cited_paper_heading import cited_paper_heading
from .intro_paper_heading import intro_paper_heading
from .label_row_heading import label_row_heading
from .labelled_title_line import labelled_title_line
from .linked_title_paragraph import linked_title_paragraph
from .numbered_heading import numbered_heading
from .paper_link_heading import paper_link_heading
from .paper_list_item import paper_list_item
from .paper_table_row import paper_table_row
from .referenced_paper_heading import referenced_paper_heading

RULES = (numbered_heading, bold_numbered_line, paper_link_heading, label_row_heading, cited_paper_heading,
         intro_paper_heading, linked_title_paragraph, paper_list_item, paper_table_row, labelled_title_line,
         bold_title_paragraph, referenced_paper_heading)
"""In order of preference when two rules propose the same block."""

__all__ = [
    "RULES",
    "numbered_heading",
    "bold_numbered_line",
    "paper_link_heading",
    "label_row_heading",
    "cited_paper_heading",
    "intro_paper_heading",
    "linked_title_paragraph",
    "paper_list_item",
    "paper_table_row",
    "labelled_title_line",
    "bold_title_paragraph",
    "referenced_paper_heading",
]
