"""What a repair did, as a first-class result that explains itself."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class RepairSpan(BaseModel):
    """One changed stretch of text."""

    model_config = ConfigDict(extra="forbid")

    start: int = Field(description="offset of the span in the input text")
    end: int
    out_start: int = Field(description="offset of the replacement in the repaired text")
    out_end: int
    original: str
    repaired: str
    method: str = Field(
        description="decode, byte-recovery, twin (a run or character settled from the twin), twin-line (a line the twin's "
        "line became), c1-control (a C1 control that Windows-1252 text read as Latin-1 left, as its Windows-1252 character)"
    )
    codec_chain: list[str] = Field(default_factory=list)
    restored_bytes: int = Field(default=0, description="bytes put back by byte recovery in this span")
    confidence: float = Field(
        default=1.0,
        description="for a character rebuilt from lost bytes, the model's probability for it among "
        "the candidates; 1.0 for plain decoding and for characters confirmed by the twin",
    )
    alternatives: list[str] = Field(
        default_factory=list, description="the candidates byte recovery chose among (recovered characters only)"
    )


class RepairReport(BaseModel):
    model_config = ConfigDict(extra="forbid")

    damaged: bool = Field(description="mojibake was detected")
    codec_chain: list[str] = Field(
        default_factory=list,
        description="how the text was mangled, outermost last: ['utf-8', 'windows-1252'] means "
        "UTF-8 bytes decoded as Windows-1252",
    )
    changed_chars: int = Field(
        default=0,
        description="number of output characters inside changed spans, i.e. the summed length of "
        "every span's replacement text (a span exists only where output differs from input)",
    )
    restored_bytes: int = Field(default=0, description="bytes put back by lossy UTF-8 recovery")
    unresolved_chars: int = Field(
        default=0,
        description="characters left as U+FFFD or guessed with confidence below 0.5 (listed in unresolved)",
    )
    spans: list[RepairSpan] = Field(default_factory=list)
    unresolved: list[RepairSpan] = Field(default_factory=list)
    twin: str | None = Field(default=None, description="path of the clean copy used to restore this one")
    notes: list[str] = Field(default_factory=list)


_SPAN_FIELDS = frozenset(RepairSpan.model_fields)
# Every fast span has every field set, so they all share one fields-set: pydantic only adds
# to it (on assignment, of a name already in it), and a set per span was 40% of a big
# report's memory (700 of its 1,650 bytes a span).
_ALL_FIELDS_SET = set(_SPAN_FIELDS)
_set = object.__setattr__


def fast_span(**values) -> RepairSpan:
    """A :class:`RepairSpan` from values of the right types, every field given, built the
    way ``model_construct`` builds it but without its per-call overhead (a damaged file can
    have thousands of spans)."""
    if values.keys() != _SPAN_FIELDS:
        return RepairSpan(**values)
    span = RepairSpan.__new__(RepairSpan)
    _set(span, "__dict__", values)
    _set(span, "__pydantic_fields_set__", _ALL_FIELDS_SET)
    _set(span, "__pydantic_extra__", None)
    _set(span, "__pydantic_private__", None)
    return span
