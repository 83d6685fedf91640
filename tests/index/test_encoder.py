"""The answering encoder (ONNX Runtime) and the indexing embedder (torch) are the same model: their
vectors agree on real texts, padded batches included; and answering never imports torch."""

from __future__ import annotations

import subprocess
import sys
from typing import TYPE_CHECKING

import numpy as np
import pytest

from index.encoder import OnnxEncoder
from index.loader import Article, iter_article_paths, read_article
from index.sentences import sentence_spans
from tests.helpers import SEEDS, rag_env

if TYPE_CHECKING:
    from pathlib import Path

    from index.embedder import Embedder

MIN_COSINE = 0.999
TORCH_STACK = ("torch", "transformers", "sentence_transformers")


def seed_texts() -> list[str]:
    """Every sentence of the seeds, whole paragraphs (some beyond the model's 256 tokens) and questions."""
    texts = ["Which missile did the Russian Armed Forces test?", "And who announced it?", "x"]
    for path in iter_article_paths(SEEDS):
        article = read_article(SEEDS, path)
        assert isinstance(article, Article)
        texts += [article.text[s:e] for s, e in sentence_spans(article.text)]
        texts += [p for p in article.text.split("\n\n") if p.strip()]
    return texts


def min_cosine(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.min(np.sum(a * b, axis=1)))


def test_answering_and_indexing_vectors_agree_on_real_texts(encoder: OnnxEncoder, embedder: Embedder) -> None:
    texts = seed_texts()
    assert len(texts) > 100
    expected = embedder.embed(texts)
    assert min_cosine(expected, encoder.embed(texts)) >= MIN_COSINE
    assert np.allclose(np.linalg.norm(encoder.embed(texts[:5]), axis=1), 1.0, atol=1e-5)


@pytest.mark.parametrize("batch_size", [1, 7, 64])
def test_padding_changes_no_vector(encoder: OnnxEncoder, embedder: Embedder, batch_size: int) -> None:
    """Short and long texts in one padded batch give the vectors each gets alone."""
    texts = seed_texts()[:: max(1, len(seed_texts()) // 40)]
    alone = np.stack([encoder.embed([t])[0] for t in texts])
    batched = OnnxEncoder(encoder.model_path, encoder.onnx_path, batch_size=batch_size).embed(texts)
    assert min_cosine(alone, batched) >= 0.99999
    assert min_cosine(embedder.embed(texts), batched) >= MIN_COSINE


def test_cached_vectors_are_the_computed_ones(encoder: OnnxEncoder) -> None:
    texts = ["The council approved 48 turbines.", "x", "The council approved 48 turbines."]
    assert np.array_equal(encoder.embed_cached(texts), encoder.embed(texts))
    assert encoder.embed([]).shape == (0, 384)


PROBE = """
import sys
from typer.testing import CliRunner
from rag.cli import app
result = CliRunner().invoke(app, sys.argv[1:])
assert result.exit_code == 0, result.output
print("\\nIMPORTED", *[m for m in {modules!r} if m in sys.modules])
"""

SERVE_PROBE = """
import sys
from fastapi.testclient import TestClient
from rag.server.app import create_app
from rag.settings import Settings
from rag.wiring import build_service, chat_secret, server_options
from ui.chat import mount_ui
settings = Settings()
service = build_service(settings)
app = mount_ui(create_app(service, server_options(settings)), service, chat_secret(settings))
response = TestClient(app).post("/api/answer", json={{"question": sys.argv[1]}})
assert response.status_code == 200 and response.json()["citations"], response.text
print("\\nIMPORTED", *[m for m in {modules!r} if m in sys.modules])
"""


def imported_by(probe: str, args: list[str], env: dict[str, str]) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", probe.format(modules=TORCH_STACK), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    line = next(line for line in done.stdout.splitlines() if line.startswith("IMPORTED"))
    return line.split()[1:]


def test_answering_does_not_import_torch(indexed: tuple[Path, Path]) -> None:
    corpus, data = indexed
    env = rag_env(data, corpus)
    question = "Which missile did the Russian Armed Forces test?"
    assert imported_by(PROBE, ["ask", question], env) == []
    assert imported_by(PROBE, ["search", question], env) == []
    assert imported_by(SERVE_PROBE, [question], env) == []
