"""Fixtures: the real embedding model (loaded once), temp corpora and data folders, an index of the
seeds built once per session, `rag serve` in a subprocess, and the scripted OpenAI-compatible LLM."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from index.embedder import Embedder, default_model_path
from index.encoder import OnnxEncoder, TextEncoder
from index.onnx_export import default_onnx_path
from rag.runtime import configure_process
from rag.service import RagService
from rag.settings import Settings
from rag.wiring import build_service
from tests.fake_openai import FAKE_KEY, FakeLLMServer
from tests.helpers import (
    API_KEY,
    SEEDS,
    ChromaServer,
    RunningServer,
    free_port,
    index_folder,
    rag_cli,
    rag_env,
    rag_serve,
)


def pytest_configure(config: pytest.Config) -> None:
    configure_process(threads=2)  # as `rag` does at its start: offline, threads, log levels


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    return Embedder(default_model_path())


@pytest.fixture(scope="session")
def encoder() -> TextEncoder:
    """What answers embed with, as `rag ask` and `rag serve` build it (ONNX Runtime, no torch)."""
    return OnnxEncoder(default_model_path(), default_onnx_path())


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    return corpus


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture(scope="session")
def indexed(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder, encoder: TextEncoder) -> tuple[Path, Path]:
    """The seeds, copied and indexed once as `rag index` does (with sentence vectors): (corpus, data
    dir). Read-only for the tests."""
    root = tmp_path_factory.mktemp("seeds-index")
    corpus, data = root / "corpus", root / "data"
    shutil.copytree(SEEDS, corpus)
    data.mkdir()
    index_folder(corpus, data, embedder, sentence_encoder=encoder)
    return corpus, data


@pytest.fixture(scope="session")
def seeds_service(indexed: tuple[Path, Path], encoder: TextEncoder) -> RagService:
    """The extractive service over the session's index of the seeds, in this process."""
    corpus, data = indexed
    return build_service(Settings(data_dir=data, corpus_dir=corpus), encoder=encoder)


@pytest.fixture(scope="session")
def fake_llm_server() -> Iterator[FakeLLMServer]:
    """The scripted OpenAI-compatible LLM (see tests/fake_openai.py), for the whole session."""
    with FakeLLMServer(free_port()) as fake:
        yield fake


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory, fake_llm_server: FakeLLMServer) -> Iterator[RunningServer]:
    """`rag serve` on a free loopback port over a fresh index of the seeds, with an API key; answers are
    extractive by default, and the fake LLM is configured as the 'openai' generator."""
    root = tmp_path_factory.mktemp("served")
    corpus, data = root / "corpus", root / "data"
    shutil.copytree(SEEDS, corpus)
    env = rag_env(
        data,
        corpus,
        RAG_API_KEY=API_KEY,
        RAG_LLM_BASE_URL=fake_llm_server.url,
        RAG_LLM_MODEL="fake-model",
        RAG_LLM_API_KEY=FAKE_KEY,
    )
    indexing = rag_cli("index", env=env)
    assert indexing.returncode == 0, indexing.stderr
    with rag_serve(env) as (url, process):
        yield RunningServer(url, corpus, data, process)


@pytest.fixture
def chroma(tmp_path: Path) -> Iterator[ChromaServer]:
    server = ChromaServer(tmp_path / "chroma-server", free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def library_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """`rag serve` with a key over a folder of an HTML page, a PDF and a Word document (indexed by
    `rag index` as a user does), for uploads and removals; files over 0.1 MB are refused."""
    from tests.index.test_formats import write_corpus

    root = tmp_path_factory.mktemp("library")
    corpus, data = root / "corpus", root / "data"
    write_corpus(corpus)
    env = rag_env(data, corpus, RAG_API_KEY=API_KEY, RAG_MAX_FILE_MB="0.1", RAG_INDEX_LOCK_WAIT="2")
    indexing = rag_cli("index", env=env)
    assert indexing.returncode == 0, indexing.stderr
    with rag_serve(env) as (url, process):
        yield RunningServer(url, corpus, data, process)
