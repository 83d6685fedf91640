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


class ChatTurn(BaseModel):
    role: str = Field(description="'user' or 'assistant'.")
    content: str


class Citation(BaseModel):
    """An exact span of a corpus file: Path(corpus, source).read_text('utf-8')[start:end] == quote."""

    n: int = Field(description="The marker number used in the answer text, [n].")
    source: str
    title: str
    chunk_id: str
    start: int
    end: int
    quote: str
    score: float


class NearestPassage(BaseModel):
    """Where the closest (but insufficient) material was, when the answerer abstains."""

    source: str
    title: str
    chunk_id: str


class Answer(BaseModel):
    question: str
    answer: str
    abstained: bool
    citations: list[Citation] = Field(default_factory=list)
    nearest: list[NearestPassage] = Field(default_factory=list)
    resolved_question: str | None = Field(
        None, description="The question as searched, when earlier turns were needed to understand it."
    )
