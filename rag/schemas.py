"""Typed shapes shared by the CLI, the REST API and the UI."""

from __future__ import annotations

from datetime import date
from typing import Literal, get_args

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, field_validator, model_validator

MAX_QUESTION_CHARS = 2000
MAX_HISTORY_TURNS = 50
MAX_TOP_K = 50
MAX_TURN_CHARS = 20_000


GeneratorName = Literal["extractive", "openai", "local"]
GENERATOR_NAMES: tuple[GeneratorName, ...] = get_args(GeneratorName)


class ChunkHit(BaseModel):
    """One retrieved chunk: the exact span of its source file, and how well it matched."""

    model_config = ConfigDict(from_attributes=True)

    chunk_id: str = Field(validation_alias=AliasChoices("chunk_id", "id"))
    source: str = Field(description="Path relative to the corpus folder.")
    title: str
    start: int = Field(description="Offset of the first character in the source file's text.")
    end: int = Field(description="Offset just past the last character.")
    text: str
    score: float = Field(validation_alias=AliasChoices("score", "dense"), description="Cosine similarity.")

    @field_validator("score")
    @classmethod
    def _rounded(cls, value: float) -> float:
        return round(value, 4)


class ChatTurn(BaseModel):
    role: Literal["user", "assistant", "system"] = Field(description="'user' or 'assistant'.")
    content: str = Field(max_length=MAX_TURN_CHARS)


class Citation(BaseModel):
    """An exact span of a corpus file's text: Path(corpus, source).read_text('utf-8')[start:end] == quote for
    .txt/.md; for HTML, PDF and Word, the same on its text layer (GET /api/sources/{source})."""

    n: int = Field(description="The marker number used in the answer text, [n].")
    source: str
    title: str
    chunk_id: str
    start: int
    end: int
    quote: str
    score: float
    published: str | None = Field(None, description="The article's publication date, when its head gives one.")
    pages: list[int] | None = Field(None, description="PDF: the page numbers (from 1) the quote stands on.")
    reported_by: list[Report] = Field(
        default_factory=list,
        description="The other articles of the same story (near-duplicates) that carry the quote, or at least 60 % "
        "of it word for word (a copy may lack the dateline): each at its own exact span.",
    )


class Report(BaseModel):
    """Another article of the same story that carries the same sentence, at this exact span."""

    source: str
    title: str
    start: int
    end: int
    published: str | None = None


class Conflict(BaseModel):
    """Another article's value for what the question asks: the value and its sentence, exact spans."""

    value: str
    source: str
    title: str
    published: str | None = None
    start: int = Field(description="The value's offsets in the file's text.")
    end: int
    quote: str = Field(description="The sentence that gives it.")
    quote_start: int
    quote_end: int


class NearestPassage(BaseModel):
    """Where the closest (but insufficient) material was, when the answerer abstains."""

    source: str
    title: str
    chunk_id: str


class AnswerSentence(BaseModel):
    """One sentence of the answer and what backs it."""

    text: str = Field(description="The sentence, without markers.")
    citations: list[int] = Field(default_factory=list, description="The [n] markers it carries.")
    verdict: Literal["quoted", "supported", "repaired", "unverified"] = Field(
        description="'quoted': verbatim from the article; 'supported': an LLM sentence its cited passage "
        "supports; 'repaired': supported by a passage other than the one it cited (or it cited none); "
        "'unverified': not supported, shown only when asked for."
    )
    coverage: float | None = Field(None, description="Share of its content words found in the cited passage.")
    similarity: float | None = Field(None, description="Embedding similarity to the cited passage.")
    reason: str | None = Field(None, description="Why an unverified sentence failed the check.")


class Verification(BaseModel):
    """What happened to the LLM's sentences on the way to the user."""

    model: str
    generated: int = Field(description="Sentences the LLM wrote.")
    kept: int = Field(description="Sentences supported by a passage (including repaired ones).")
    repaired: int
    dropped: int
    fell_back: bool = Field(description="Nothing was supported, so the extractive answer was given instead.")


class DirectAnswer(BaseModel):
    """The answer itself, as a verbatim span inside one of the cited quotes: `text` is
    Path(corpus, source).read_text('utf-8')[start:end] for the citation `n`, and start..end lies
    within that citation's span."""

    text: str
    n: int = Field(description="The citation the span lies in.")
    start: int
    end: int


class Answer(BaseModel):
    question: str
    answer: str
    abstained: bool
    direct: DirectAnswer | None = Field(
        None, description="For questions with a short answer (a name, place, date, number...): that answer, first."
    )
    citations: list[Citation] = Field(default_factory=list)
    nearest: list[NearestPassage] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(
        default_factory=list,
        description="Other articles that give another value for what was asked; the answer quotes the newest.",
    )
    resolved_question: str | None = Field(
        None,
        description="The question as understood from earlier turns: its pronouns replaced, or else with the "
        "earlier question it was searched with.",
    )
    generator: GeneratorName = "extractive"
    sentences: list[AnswerSentence] = Field(default_factory=list)
    verification: Verification | None = None
    notice: str | None = Field(None, description="Why the answer is not what was asked for (e.g. LLM unreachable).")


class AnswerRequest(BaseModel):
    question: str = Field(min_length=1, max_length=MAX_QUESTION_CHARS, description="Asked in plain language.")
    history: list[ChatTurn] = Field(default_factory=list, max_length=MAX_HISTORY_TURNS)
    top_k: int | None = Field(
        None, ge=1, le=MAX_TOP_K, description="Chunks to retrieve (default: the server's setting)."
    )
    generator: GeneratorName | None = Field(
        None, description="'extractive' (verbatim quotes), or an LLM configured on the server ('openai', 'local')."
    )
    show_unverified: bool = Field(False, description="Show LLM sentences that failed verification, marked.")
    since: date | None = Field(None, description="Only articles published on or after this day (YYYY-MM-DD).")
    until: date | None = Field(
        None, description="Only articles published on or before this day (undated ones too are left out)."
    )
    as_of: date | None = Field(
        None,
        description="The day the question is asked on, which 'this week', 'yesterday', 'this year' count from "
        "(default: today). Dated articles outside that time are left out.",
    )

    @field_validator("question")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the question is empty")
        return value

    @model_validator(mode="after")
    def _range_in_order(self) -> AnswerRequest:
        if self.since and self.until and self.since > self.until:
            raise ValueError("since is after until")
        return self


class ChunkDetail(BaseModel):
    """A citation looked up: the passage and the text just around it in its file."""

    chunk_id: str
    source: str
    title: str
    start: int
    end: int
    text: str
    before: str = Field(description="Up to 300 characters of the file just before the passage.")
    after: str = Field(description="Up to 300 characters just after it.")


class SourceSummary(BaseModel):
    source: str
    title: str
    chunks: int
    metadata: dict[str, str] = Field(default_factory=dict)
    format: str = Field("", description="The file's kind: txt, md, html, pdf or docx.")


class SourceDetail(SourceSummary):
    text: str = Field(description="The text citations index into: the file itself for .txt/.md, else its text layer.")
    pages: list[int] = Field(default_factory=list, description="PDF: the offset in `text` where each page starts.")


class UploadedFile(BaseModel):
    """What became of one uploaded file."""

    source: str = Field(description="Its path in the corpus folder (its file name).")
    status: Literal["indexed", "skipped", "refused"] = Field(
        description="'indexed'; 'skipped': saved, but `rag index` found no text to index; 'refused': not saved."
    )
    reason: str | None = None


class UploadReport(BaseModel):
    files: list[UploadedFile]


class StoreStatus(BaseModel):
    ok: bool
    mode: str = Field(description="'embedded' or 'server'.")
    error: str | None = None


class Indexing(BaseModel):
    """A `rag index` run in progress (answers still come from the published version)."""

    holder: str = Field(description="host:pid of the indexer.")
    done: int = Field(description="Files chunked, embedded and stored so far.")
    total: int = Field(description="Files this run embeds (0: still comparing the folder with the index).")


class Health(BaseModel):
    status: str = Field(description="'ok', or 'degraded' when the store cannot be read.")
    version: int = Field(description="The index version answers come from (0: nothing indexed yet).")
    published_version: int | None = Field(
        description="The newest version `rag index` published (picked up within RAG_REFRESH_SECONDS); "
        "null when the store cannot be read."
    )
    documents: int
    chunks: int
    store: StoreStatus
    indexing: Indexing | None = Field(None, description="Set while a `rag index` run is in progress.")
