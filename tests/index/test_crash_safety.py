"""`rag index` killed with SIGKILL at several points, then re-run, ends exactly like a clean index."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.corpus_fixtures import write_varied_corpus
from tests.helpers import SEEDS, bm25_ids, new_store, published, stored_ids


def make_corpus(root: Path, extra: int = 40) -> Path:
    shutil.copytree(SEEDS, root)
    write_varied_corpus(root)
    for i in range(extra):  # more files so that a run has many commit points
        sentences = " ".join(
            f"Item {i}-{j} of the council budget was approved after debate number {j}." for j in range(60)
        )
        (root / f"generated_{i:03}.txt").write_text(f"Council budget report {i}\n\n{sentences}\n", "utf-8")
    return root


def rag_index(env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "rag.cli", "index", "--json"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def stored_chunks(data: Path) -> int:
    """Chunks the running indexer has stored so far (0 until it holds the lock: before that it may
    still be creating its store's tables, and a second client opening them then races it)."""
    if not (data / "index.lock").exists():
        return 0
    return new_store(data).count()


@pytest.fixture(scope="module")
def clean_ids(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    root = tmp_path_factory.mktemp("crash")
    corpus = make_corpus(root / "corpus")
    data = root / "clean"
    env = {**os.environ, "RAG_DATA_DIR": str(data), "RAG_CORPUS_DIR": str(corpus)}
    done = subprocess.run(
        [sys.executable, "-m", "rag.cli", "index", "--json"], env=env, capture_output=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    return corpus, stored_ids(data)


@pytest.mark.parametrize("kill_at", [0.0, 0.1, 0.5, 0.9])
def test_sigkill_then_rerun_equals_a_clean_index(
    kill_at: float, clean_ids: tuple[Path, list[str]], tmp_path: Path
) -> None:
    """Killed when it has stored that share of the chunks (0: as soon as it holds the lock)."""
    corpus, expected = clean_ids
    data = tmp_path / "data"
    env = {
        **os.environ,
        "RAG_DATA_DIR": str(data),
        "RAG_CORPUS_DIR": str(corpus),
        "RAG_INDEX_COMMIT_CHUNKS": "8",  # many small commits: many places to die between
    }
    run = rag_index(env)
    deadline = time.monotonic() + 300
    while run.poll() is None and time.monotonic() < deadline:
        if (kill_at == 0 and (data / "index.lock").exists()) or (
            kill_at and stored_chunks(data) >= kill_at * len(expected)
        ):
            break
        time.sleep(0.05)
    run.send_signal(signal.SIGKILL)
    run.wait(timeout=30)
    assert run.returncode == -signal.SIGKILL, (
        f"the run finished before it could be killed: {run.stderr.read() if run.stderr else ''}"
    )

    rerun = subprocess.run(
        [sys.executable, "-m", "rag.cli", "index", "--json"], env=env, capture_output=True, text=True, timeout=600
    )
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(rerun.stdout)
    assert summary["added"] + summary["updated"] + summary["unchanged"] == 50

    assert summary["chunks_embedded"] <= len(expected) - int(kill_at * len(expected))  # stored work is reused
    assert stored_ids(data) == expected
    assert sorted(published(data).chunk_ids()) == expected
    assert bm25_ids(data) == expected
