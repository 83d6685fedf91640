"""The `rag` console script, run as a user runs it (subprocess, real model, real Chroma)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEEDS


def rag(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rag.cli", *args], env=env, capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def seeded_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    data = tmp_path_factory.mktemp("cli-data")
    env = {**os.environ, "RAG_DATA_DIR": str(data), "RAG_CORPUS_DIR": str(SEEDS), "HF_HUB_OFFLINE": "1"}
    first = rag("index", "--json", env=env)
    assert first.returncode == 0, first.stderr
    summary = json.loads(first.stdout)
    assert summary["added"] == 5 and summary["chunks"] > 5
    return env


def test_index_twice_prints_one_summary_line_and_embeds_nothing(seeded_env: dict[str, str]) -> None:
    again = rag("index", env=seeded_env)
    assert again.returncode == 0, again.stderr
    lines = again.stdout.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("added 0, updated 0, removed 0, unchanged 5, skipped 0;")
    assert "+0 embedded" in lines[0]


def test_search_oreshnik_ranks_the_article_that_names_it_first(seeded_env: dict[str, str]) -> None:
    result = rag("search", "Oreshnik", "--json", "-k", "3", env=seeded_env)
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert len(hits) == 3
    assert hits[0]["source"] == "000_f2c692fe7068c890.txt"
    assert hits[0]["score"] >= hits[1]["score"] >= hits[2]["score"]
    for hit in hits:
        text = (SEEDS / hit["source"]).read_text("utf-8")
        assert text[hit["start"] : hit["end"]] == hit["text"]


def test_search_prints_readable_ranked_lines(seeded_env: dict[str, str]) -> None:
    result = rag("search", "Crimea parliament speaker", env=seeded_env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("1. ")
    assert "000_f2c692fe7068c890.txt" in result.stdout


def test_index_of_a_missing_folder_is_a_clear_error(seeded_env: dict[str, str], tmp_path: Path) -> None:
    result = rag("index", str(tmp_path / "nope"), env=seeded_env)
    assert result.returncode != 0
    assert "does not exist" in " ".join(re.sub("[│╭╮╰╯─]", " ", result.stderr).split())
