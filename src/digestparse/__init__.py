"""digestparse: repair, parse, extract and align archives of ML paper-digest posts.

The data flow, one module (or package) per stage::

    decode.py   bytes -> text
    repair/     text -> repaired text + RepairReport
    blocks/     text -> [Block] (markdown.py, plaintext.py, html.py)
    document.py blocks -> Document (title, source URL)
    entries/    Document -> [Entry] (one rule per file in entries/rules/)
    fields/     Entry -> ExtractedEntry (links, authors, summary, figure ...)
    align.py    files -> article groups, entries aligned across variants
    merge.py    aligned entries -> PaperRecord, ArticleRecord
    convert.py  archive folder -> papers.jsonl, articles.jsonl, report.json
"""

from __future__ import annotations

from .convert import convert, iter_records
from .document import Document, parse
from .models import ArticleRecord, ConvertSummary, FileReport, PaperRecord
from .repair import RepairReport, RepairResult, repair

__version__ = "0.1.0"

__all__ = [
    "ArticleRecord",
    "ConvertSummary",
    "Document",
    "FileReport",
    "PaperRecord",
    "RepairReport",
    "RepairResult",
    "convert",
    "iter_records",
    "parse",
    "repair",
]
