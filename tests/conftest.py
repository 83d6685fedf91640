"""Shared fixtures: the real embedding model (loaded once), temp corpora and data folders."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from index.embedder import Embedder, default_model_path
from index.store import ChunkStore, open_client

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
