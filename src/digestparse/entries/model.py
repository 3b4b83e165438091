"""The entry structure: where each entry of an article starts and ends."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Candidate:
    """A block that a rule proposes as the start of an entry."""

    block: int
    rule: str
    number: int | None
    title: str
    level: int


@dataclass(frozen=True)
class Entry:
    """An accepted entry: its title block and the blocks [start, end) it owns."""

    ordinal: int
    number: int | None
    title: str
    rule: str
    start: int
    end: int
    section: str | None = None
    section_block: int | None = None
