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

from index.lexical import bm25_chunk_ids
from index.manifest import load_manifest
from tests.corpus_fixtures import write_varied_corpus
from tests.helpers import SEEDS, new_store


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


def committed_files(data: Path) -> int:
    try:
        return len(json.loads((data / "manifest.json").read_text("utf-8"))["files"])
    except (OSError, ValueError, KeyError):
        return 0


def chunk_set(data: Path) -> list[str]:
    return sorted(new_store(data).collection.get(include=[])["ids"])


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
    return corpus, chunk_set(data)


@pytest.mark.parametrize("kill_after_files", [0, 3, 20, 45])
def test_sigkill_then_rerun_equals_a_clean_index(
    kill_after_files: int, clean_ids: tuple[Path, list[str]], tmp_path: Path
) -> None:
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
        if (kill_after_files == 0 and (data / "manifest.json").exists()) or (
            kill_after_files and committed_files(data) >= kill_after_files
        ):
            break
        time.sleep(0.05)
    run.send_signal(signal.SIGKILL)
    run.wait(timeout=30)
    assert run.returncode == -signal.SIGKILL, "the run finished before it could be killed"

    rerun = subprocess.run(
        [sys.executable, "-m", "rag.cli", "index", "--json"], env=env, capture_output=True, text=True, timeout=600
    )
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(rerun.stdout)
    assert summary["added"] + summary["updated"] + summary["unchanged"] == 50

    assert chunk_set(data) == expected
    manifest_ids = sorted(cid for e in load_manifest(data).files.values() for cid in e.chunk_ids)
    assert manifest_ids == expected
    assert sorted(bm25_chunk_ids(data) or []) == expected
