"""Repair stage: detect and undo mojibake without touching text that was fine."""

from __future__ import annotations

from dataclasses import dataclass

import ftfy

from .report import RepairReport, RepairSpan

__all__ = ["RepairResult", "RepairReport", "RepairSpan", "repair"]

# Never rewrite text that was fine: keep full-width punctuation, curly quotes, ligatures.
_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    remove_terminal_escapes=False,
    normalization=None,
    explain=True,
)


@dataclass(frozen=True)
class RepairResult:
    text: str
    report: RepairReport


def repair(text: str) -> RepairResult:
    fixed, plan = ftfy.fix_and_explain(text, config=_CONFIG)
    changed = fixed != text
    chain = [step[1] for step in (plan or []) if step[0] in ("encode", "decode")]
    return RepairResult(
        fixed,
        RepairReport(damaged=changed, codec_chain=chain, changed_chars=sum(a != b for a, b in zip(fixed, text))),
    )
