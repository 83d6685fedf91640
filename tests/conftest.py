"""Shared fixtures: the real embedding model (loaded once), temp corpora and data folders."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from index.embedder import Embedder, default_model_path
from index.pipeline import index_corpus
from index.store import ChunkStore, open_client
from tests.fake_openai import FAKE_KEY, FakeLLMServer

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    return Embedder(default_model_path(), threads=2, batch_size=16, precision="auto")


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


def new_store(data_dir: Path) -> ChunkStore:
    return ChunkStore(open_client(data_dir))


API_KEY = "test-key-123"


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class RunningServer:
    url: str
    corpus: Path
    data_dir: Path
    process: subprocess.Popen

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {API_KEY}"}


def wait_until_healthy(url: str, process: subprocess.Popen, timeout: float = 180) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early: {process.stdout.read() if process.stdout else ''}")
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{url} did not become healthy")


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
    env = {
        **os.environ,
        "RAG_DATA_DIR": str(data),
        "RAG_CORPUS_DIR": str(corpus),
        "RAG_API_KEY": API_KEY,
        "RAG_LLM_BASE_URL": fake_llm_server.url,
        "RAG_LLM_MODEL": "fake-model",
        "RAG_LLM_API_KEY": FAKE_KEY,
        "HF_HUB_OFFLINE": "1",
        "GRADIO_ANALYTICS_ENABLED": "False",
    }
    subprocess.run([sys.executable, "-m", "rag.cli", "index"], env=env, check=True, capture_output=True, timeout=300)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "rag.cli", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url, process)
        yield RunningServer(url, corpus, data, process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def indexed(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> tuple[Path, Path]:
    """The seeds, copied and indexed once: (corpus, data dir)."""
    root = tmp_path_factory.mktemp("llm")
    corpus, data = root / "corpus", root / "data"
    shutil.copytree(SEEDS, corpus)
    data.mkdir()
    index_corpus(corpus, data, new_store(data), embedder)
    return corpus, data
