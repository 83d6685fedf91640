"""Helpers shared by the tests (fixtures live in conftest.py and use these)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from index.catalog import Catalog
from index.embedder import Embedder
from index.encoder import TextEncoder
from index.lexical import bm25_chunk_ids
from index.lock import FileLock
from index.manifest import Manifest
from index.pipeline import IndexSummary, IndexTarget, index_corpus
from index.store import COLLECTION, ChunkStore, open_client
from rag.schemas import Answer, AnswerRequest, ChatTurn
from rag.service import RagService
from rag.settings import Settings
from rag.wiring import build_service
from tests.fake_openai import FAKE_KEY

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
API_KEY = "test-key-123"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def new_store(data_dir: Path) -> ChunkStore:
    return ChunkStore(open_client(data_dir))


def new_catalog(data_dir: Path) -> Catalog:
    return Catalog(open_client(data_dir), COLLECTION)


def index_folder(corpus: Path, data_dir: Path, embedder: Embedder, **options: Any) -> IndexSummary:
    """`rag index` in this process, on the embedded store under data_dir."""
    client = open_client(data_dir)
    catalog = Catalog(client, COLLECTION)
    lock = FileLock(data_dir / "index.lock", wait_seconds=0)
    return index_corpus(corpus, IndexTarget(ChunkStore(client), catalog, lock, data_dir), embedder, **options)


def published(data_dir: Path) -> Manifest:
    return new_catalog(data_dir).load()


def stored_ids(data_dir: Path) -> list[str]:
    return sorted(new_store(data_dir).collection.get(include=[])["ids"])


def bm25_ids(data_dir: Path) -> list[str]:
    """The chunk ids of the BM25 cache of the published version."""
    return sorted(bm25_chunk_ids(data_dir, published(data_dir).version) or [])


def rag_cli(*args: str, env: dict[str, str], timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """The `rag` command as a user runs it, in its own process."""
    return subprocess.run(
        [sys.executable, "-m", "rag.cli", *args], env=env, capture_output=True, text=True, timeout=timeout
    )


def rag_env(data: Path, corpus: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "RAG_DATA_DIR": str(data), "RAG_CORPUS_DIR": str(corpus), **extra}


@dataclass
class RunningServer:
    url: str
    corpus: Path
    data_dir: Path
    process: subprocess.Popen[str]

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {API_KEY}"}


def wait_until_healthy(url: str, process: subprocess.Popen[str], timeout: float = 180) -> None:
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


@contextmanager
def rag_serve(env: dict[str, str], *options: str) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """`rag serve` on a free loopback port, as a user starts it: (its URL, the process)."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "rag.cli", "serve", "--port", str(port), *options],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url, process)
        yield url, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def ask(service: RagService, question: str, history: list[ChatTurn] | None = None, **fields: Any) -> Answer:
    return service.answer(AnswerRequest(question=question, history=history or [], **fields))


def assert_citations_exact(answer: Answer | dict[str, Any], corpus: Path) -> None:
    """Every citation is the exact span of its file, and numbered 1..n in order."""
    payload = answer.model_dump() if isinstance(answer, Answer) else answer
    citations = payload["citations"]
    for c in citations:
        assert Path(corpus, c["source"]).read_text("utf-8")[c["start"] : c["end"]] == c["quote"]
    assert [c["n"] for c in citations] == list(range(1, len(citations) + 1))


def make_service(indexed: tuple[Path, Path], encoder: TextEncoder, base_url: str, **overrides: Any) -> RagService:
    """A service over an indexed corpus, with the fake LLM at `base_url` as its 'openai' generator."""
    corpus, data = indexed
    values: dict[str, Any] = {
        "generator": "openai",
        "llm_base_url": base_url or None,
        "llm_model": "fake-model",
        "llm_api_key": FAKE_KEY,
        "llm_timeout": 10,
    }
    settings = Settings(data_dir=data, corpus_dir=corpus, **(values | overrides))
    return build_service(settings, encoder=encoder)


CHROMA = str(Path(sys.executable).parent / "chroma")


@dataclass
class ChromaServer:
    path: Path
    port: int
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        env = {**os.environ, "ANONYMIZED_TELEMETRY": "False"}
        self.process = subprocess.Popen(
            [CHROMA, "run", "--path", str(self.path), "--host", "127.0.0.1", "--port", str(self.port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.url}/api/v2/heartbeat", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        raise TimeoutError("chroma run did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
