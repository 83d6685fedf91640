"""Building a service with LLM generators over an indexed corpus, and the exact-citation check."""

from __future__ import annotations

from pathlib import Path

from index.embedder import Embedder
from rag.components import build_answerer, build_generators
from rag.schemas import Answer
from rag.service import RagService
from rag.settings import Settings
from tests.conftest import new_store
from tests.fake_openai import FAKE_KEY


def make_service(indexed: tuple[Path, Path], embedder: Embedder, base_url: str, **overrides: object) -> RagService:
    corpus, data = indexed
    values: dict = {
        "generator": "openai",
        "llm_base_url": base_url or None,
        "llm_model": "fake-model",
        "llm_api_key": FAKE_KEY,
        "llm_timeout": 10,
    }
    settings = Settings(data_dir=data, corpus_dir=corpus, **(values | overrides))
    answerer = build_answerer(settings, embedder=embedder, store=new_store(data))
    return RagService(answerer, data, corpus, "embedded", build_generators(settings, answerer), settings.generator)


def assert_exact(answer: Answer, corpus: Path) -> None:
    for c in answer.citations:
        assert Path(corpus, c.source).read_text("utf-8")[c.start : c.end] == c.quote
