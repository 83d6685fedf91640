"""Builds the index-side parts from settings: the only place settings turn into parameters."""

from __future__ import annotations

from index.embedder import Embedder, default_model_path
from index.pipeline import ChunkingConfig
from index.store import ChunkStore, open_client
from rag.answerer import Answerer, AnswerOptions
from rag.compose import ComposeOptions
from rag.service import RagService
from rag.settings import Settings


def build_embedder(settings: Settings) -> Embedder:
    return Embedder(
        model_path=default_model_path(),
        threads=settings.embed_threads,
        batch_size=settings.embed_batch_size,
        precision=settings.embed_precision,
    )


def open_store(settings: Settings) -> ChunkStore:
    client = open_client(settings.data_dir, settings.chroma_url)
    return ChunkStore(client, settings.collection)


def chunking_config(settings: Settings) -> ChunkingConfig:
    return ChunkingConfig(overlap_tokens=settings.chunk_overlap_tokens, title_in_embedding=settings.title_in_embedding)


def build_answerer(settings: Settings, embedder: Embedder | None = None, store: ChunkStore | None = None) -> Answerer:
    options = AnswerOptions(
        retrieve_k=settings.retrieve_k,
        compose=ComposeOptions(
            abstain_below=settings.abstain_below,
            max_sentences=settings.answer_max_sentences,
            max_words=settings.answer_max_words,
        ),
    )
    return Answerer(store or open_store(settings), embedder or build_embedder(settings), settings.data_dir, options)


def build_service(settings: Settings) -> RagService:
    mode = "server" if settings.chroma_url else "embedded"
    return RagService(build_answerer(settings), settings.data_dir, settings.corpus_dir, mode)
