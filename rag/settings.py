"""The one settings object. Every value can be set by an environment variable `RAG_<NAME>`."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="RAG_", extra="ignore")

    data_dir: Path = Field(Path(".rag-data"), description="Where the index (Chroma, manifest, BM25) lives.")
    corpus_dir: Path = Field(Path("seeds"), description="Folder of .txt/.md articles.")
    chroma_url: str | None = Field(None, description="Use this Chroma server instead of the embedded store.")
    collection: str = Field("articles", description="Chroma collection name.")

    embed_threads: int = Field(
        2,
        ge=1,
        description="Torch threads for embedding. 2 is fastest on an idle 2-core machine; use 1 when "
        "other processes compete for the cores (2 threads then ran 6-30x slower).",
    )
    embed_batch_size: int = Field(16, ge=1, le=512, description="Texts per forward pass.")
    embed_precision: Literal["auto", "bf16", "fp32"] = Field(
        "auto", description="bf16 autocast where the CPU has native bf16 (about 1.8x faster here)."
    )
    chunk_overlap_tokens: int = Field(32, ge=0, le=128, description="Tokens shared by consecutive chunks.")
    index_commit_chunks: int = Field(
        256, ge=1, le=10000, description="Chunks embedded and committed (store + manifest) per step."
    )
    title_in_embedding: bool = Field(True, description="Prefix each chunk's embedded text with its title.")

    retrieve_k: int = Field(10, ge=1, le=50, description="Chunks retrieved (dense + BM25, fused) per question.")
    abstain_below: float = Field(
        0.376,
        description="Best evidence score under which the answer is: the articles don't say (bench/calibrate.py).",
    )
    answer_max_sentences: int = Field(3, ge=1, le=10, description="Quoted sentences in a default answer.")
    answer_max_words: int = Field(80, ge=10, le=400, description="Word cap of a default answer.")

    api_key: str | None = Field(None, description="If set, /api and /v1 need 'Authorization: Bearer <key>'.")
