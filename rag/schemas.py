"""Typed shapes shared by the CLI, the REST API and the UI."""

from __future__ import annotations

from pydantic import BaseModel, Field


class ChunkHit(BaseModel):
    """One retrieved chunk: the exact span of its source file, and how well it matched."""

    chunk_id: str
    source: str = Field(description="Path relative to the corpus folder.")
    title: str
    start: int = Field(description="Offset of the first character in the source file's text.")
    end: int = Field(description="Offset just past the last character.")
    text: str
    score: float
