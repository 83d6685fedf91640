"""Server mode: the same commands against a real `chroma run` on a loopback port, and its faults."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import httpx

from tests.helpers import SEEDS, ChromaServer, free_port, rag_cli, rag_serve


def rag(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return rag_cli(*args, env=env)


def server_env(chroma: ChromaServer, tmp_path: Path, corpus: Path) -> dict[str, str]:
    return {
        **os.environ,
        "RAG_CHROMA_URL": chroma.url,
        "RAG_DATA_DIR": str(tmp_path / "data"),
        "RAG_CORPUS_DIR": str(corpus),
    }


def test_index_ask_and_serve_against_a_chroma_server_survive_its_outage(chroma: ChromaServer, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    env = server_env(chroma, tmp_path, corpus)
    indexed = rag(env, "index", "--json")
    assert indexed.returncode == 0, indexed.stderr
    assert json.loads(indexed.stdout)["added"] == 5
    assert not (tmp_path / "data" / "chroma").exists()  # nothing went to an embedded store
    again = json.loads(rag(env, "index", "--json").stdout)
    assert again["unchanged"] == 5 and again["chunks_embedded"] == 0

    asked = rag(env, "ask", "Which missile did the Russian Armed Forces test?", "--json")
    assert asked.returncode == 0, asked.stderr
    answer = json.loads(asked.stdout)
    assert "Oreshnik" in answer["answer"]
    for c in answer["citations"]:
        assert (corpus / c["source"]).read_text("utf-8")[c["start"] : c["end"]] == c["quote"]

    question = {"question": "Who is the speaker of Crimea's parliament?"}
    with rag_serve(env, "--no-ui") as (url, _):
        assert httpx.get(f"{url}/health").json()["store"]["mode"] == "server"
        assert httpx.post(f"{url}/api/answer", json=question, timeout=30).status_code == 200

        chroma.stop()
        down = httpx.post(f"{url}/api/answer", json=question, timeout=60)
        assert down.status_code == 503
        assert "unreachable" in down.json()["detail"] and "Traceback" not in down.text
        health = httpx.get(f"{url}/health", timeout=60).json()
        assert health["status"] == "degraded" and health["store"]["ok"] is False

        chroma.start()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            back = httpx.post(f"{url}/api/answer", json=question, timeout=60)
            if back.status_code == 200:
                break
            time.sleep(1)
        assert back.status_code == 200 and "Konstantinov" in back.json()["answer"]
        assert httpx.get(f"{url}/health").json()["status"] == "ok"


def test_a_server_serves_an_existing_embedded_index_as_is(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    embedded_env = {**os.environ, "RAG_DATA_DIR": str(tmp_path / "data"), "RAG_CORPUS_DIR": str(corpus)}
    assert rag(embedded_env, "index").returncode == 0
    embedded = json.loads(rag(embedded_env, "search", "peace talks in Saudi Arabia", "--json").stdout)

    chroma = ChromaServer(tmp_path / "data" / "chroma", free_port())
    chroma.start()
    try:
        remote_env = {**embedded_env, "RAG_CHROMA_URL": chroma.url}
        remote = json.loads(rag(remote_env, "search", "peace talks in Saudi Arabia", "--json").stdout)
        assert [h["chunk_id"] for h in remote] == [h["chunk_id"] for h in embedded]
        unchanged = json.loads(rag(remote_env, "index", "--json").stdout)
        assert unchanged["unchanged"] == 5 and unchanged["chunks_embedded"] == 0
    finally:
        chroma.stop()


def test_an_unreachable_chroma_server_is_a_clear_error(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "RAG_CHROMA_URL": f"http://127.0.0.1:{free_port()}",
        "RAG_DATA_DIR": str(tmp_path / "data"),
        "RAG_CORPUS_DIR": str(SEEDS),
    }
    for args in (["index"], ["ask", "Which missile was tested?"]):
        result = rag(env, *args)
        assert result.returncode == 1
        assert "cannot reach the Chroma server" in result.stderr and "Traceback" not in result.stderr
