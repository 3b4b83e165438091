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
    method: str = Field(description="ftfy, byte-recovery, twin, ...")
    codec_chain: list[str] = Field(default_factory=list)
    restored_bytes: int = 0
    confidence: float = 1.0


class RepairReport(BaseModel):
    model_config = ConfigDict(extra="forbid")

    damaged: bool = Field(description="mojibake was detected")
    codec_chain: list[str] = Field(
        default_factory=list,
        description="how the text was mangled, outermost last: ['utf-8', 'windows-1252'] means "
        "UTF-8 bytes decoded as Windows-1252",
    )
    changed_chars: int = 0
    restored_bytes: int = 0
    unresolved_chars: int = 0
    spans: list[RepairSpan] = Field(default_factory=list)
    unresolved: list[RepairSpan] = Field(default_factory=list)
    twin: str | None = Field(default=None, description="path of the clean copy used to restore this one")
    notes: list[str] = Field(default_factory=list)
