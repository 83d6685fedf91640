"""Several machines over one Chroma server (`chroma run`): replicas that never ran `rag index` answer
exactly as the machine that did, follow a re-index within the bound, and indexers take turns."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx

from index.catalog import Catalog
from index.store import COLLECTION, ChunkStore
from tests.corpus_fixtures import write_varied_corpus
from tests.helpers import SEEDS, ChromaServer, assert_citations_exact, free_port, rag_cli, rag_serve

QUESTIONS = [
    "Who is the speaker of Crimea's parliament?",
    "Which missile did the Russian Armed Forces test?",
    "When did the United States and Russia begin preliminary discussions?",
    "Where did the lunar rover find water ice?",
    "How many vehicles a day do traffic engineers expect on the harbour bridge?",
    "What is the population of Canada?",
]
SWITCH_BOUND_S = 10.0


def machine(chroma: ChromaServer, root: Path, name: str, corpus: Path | None = None, **extra: str) -> dict[str, str]:
    """The environment of one machine: its own data dir; the shared Chroma server; a corpus if it indexes."""
    return {
        **os.environ,
        "RAG_CHROMA_URL": chroma.url,
        "RAG_DATA_DIR": str(root / name / "data"),
        "RAG_CORPUS_DIR": str(corpus or root / name / "no-corpus-here"),
        "RAG_REFRESH_SECONDS": "1",
        **extra,
    }


@contextmanager
def replica(env: dict[str, str]) -> Iterator[str]:
    with rag_serve(env, "--no-ui") as (url, _):
        yield url


def make_corpus(root: Path) -> Path:
    shutil.copytree(SEEDS, root)
    write_varied_corpus(root)
    return root


def answer(url: str, question: str) -> dict[str, object]:
    response = httpx.post(f"{url}/api/answer", json={"question": question}, timeout=60)
    assert response.status_code == 200, response.text
    return dict(response.json())


def store_state(chroma: ChromaServer) -> tuple[list[str], list[str]]:
    """(chunk ids in the store, chunk ids of the published manifest)."""
    import chromadb
    from chromadb.config import Settings

    client = chromadb.HttpClient(host="127.0.0.1", port=chroma.port, settings=Settings(anonymized_telemetry=False))
    stored = sorted(ChunkStore(client, COLLECTION).collection.get(include=[])["ids"])
    return stored, sorted(Catalog(client, COLLECTION).load().chunk_ids())


def test_replicas_on_fresh_machines_answer_as_the_indexing_machine_and_follow_a_reindex(
    chroma: ChromaServer, tmp_path: Path
) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    indexer = machine(chroma, tmp_path, "indexer", corpus)
    assert rag_cli("index", env=indexer).returncode == 0
    expected = [
        json.loads(line)
        for line in rag_cli(
            "ask", "--questions", str(questions_file(tmp_path)), "--json", env=indexer
        ).stdout.splitlines()
    ]

    with ExitStack() as stack:
        urls = [stack.enter_context(replica(machine(chroma, tmp_path, name))) for name in ("replica-b", "replica-c")]
        for url in urls:
            for question, wanted in zip(QUESTIONS, expected, strict=True):
                got = answer(url, question)
                assert (got["answer"], got["citations"]) == (wanted["answer"], wanted["citations"]), question
                assert_citations_exact(got, corpus)  # served from the store: the replica has no corpus folder
            source = "headed.txt"
            detail = httpx.get(f"{url}/api/sources/{source}").json()
            assert detail["text"] == (corpus / source).read_text("utf-8")

        errors: list[str] = []
        stop = threading.Event()

        def load(url: str) -> None:
            while not stop.is_set():
                response = httpx.post(f"{url}/api/answer", json={"question": QUESTIONS[0]}, timeout=60)
                if response.status_code != 200:
                    errors.append(f"{response.status_code} {response.text[:200]}")

        workers = [threading.Thread(target=load, args=(url,), daemon=True) for url in urls]
        for worker in workers:
            worker.start()
        third = make_corpus(tmp_path / "third-corpus")
        (third / "zz_lake.txt").write_text(
            "Varnholt glacier lake floods valley\n\nThe Varnholt glacier lake rose by 4.5 metres on Tuesday.\n", "utf-8"
        )
        assert rag_cli("index", env=machine(chroma, tmp_path, "third", third)).returncode == 0
        finished = time.monotonic()
        for url in urls:
            while "zz_lake.txt" not in {
                c["source"] for c in answer(url, "How much did the Varnholt lake rise?")["citations"]
            }:  # type: ignore[union-attr]
                assert time.monotonic() - finished < SWITCH_BOUND_S, f"{url} did not pick up the new article"
                time.sleep(0.2)
        print(f"both replicas cite the new article {time.monotonic() - finished:.2f} s after rag index ended")
        stop.set()
        for worker in workers:
            worker.join(timeout=60)
        assert errors == []


def questions_file(root: Path) -> Path:
    path = root / "questions.jsonl"
    path.write_text("".join(json.dumps({"question": q}) + "\n" for q in QUESTIONS), "utf-8")
    return path


def test_two_concurrent_indexers_take_turns_and_end_equal_to_one_clean_run(
    chroma: ChromaServer, tmp_path: Path
) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "rag.cli", "index", "--json"],
            env=machine(chroma, tmp_path, f"indexer-{i}", corpus),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(2)
    ]
    outputs = [run.communicate(timeout=600) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert any("another `rag index` is running" in err for _, err in outputs)  # one waited for the other
    first, second = sorted((json.loads(out) for out, _ in outputs), key=lambda s: -s["added"])
    assert first["added"] == 10 and second["unchanged"] == 10 and second["chunks_embedded"] == 0
    assert first["version"] == second["version"] == 1  # the second found nothing to publish

    stored, published = store_state(chroma)
    clean = ChromaServer(tmp_path / "clean-chroma", free_port())
    clean.start()
    try:
        assert rag_cli("index", env=machine(clean, tmp_path, "clean", corpus)).returncode == 0
        assert (stored, published) == store_state(clean)
    finally:
        clean.stop()
    assert stored == published


def test_a_killed_indexers_lease_expires_and_the_next_one_finishes_its_work(
    chroma: ChromaServer, tmp_path: Path
) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    for i in range(30):  # enough work that the first run is still embedding when it is killed
        body = " ".join(f"Clause {j} of the harbour budget {i} was debated at length." for j in range(60))
        (corpus / f"budget_{i:02}.txt").write_text(f"Harbour budget {i}\n\n{body}\n", "utf-8")
    lease_s = 6
    first = subprocess.Popen(
        [sys.executable, "-m", "rag.cli", "index"],
        env=machine(
            chroma, tmp_path, "first", corpus, RAG_INDEX_LEASE_SECONDS=str(lease_s), RAG_INDEX_COMMIT_CHUNKS="8"
        ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while len(store_state(chroma)[0]) < 16 and time.monotonic() < deadline:  # it holds the lease, mid-run
        time.sleep(0.1)
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=30)
    assert first.returncode == -signal.SIGKILL, "the first indexer finished before it could be killed"

    started = time.monotonic()
    second = rag_cli("index", "--json", env=machine(chroma, tmp_path, "second", corpus))
    waited = time.monotonic() - started
    assert second.returncode == 0, second.stderr
    assert "stopped renewing" in second.stderr  # it took over the dead indexer's lease
    assert waited < 120
    summary = json.loads(second.stdout)
    assert summary["chunks_embedded"] < summary["chunks"]  # the killed run's stored chunks were reused
    stored, published = store_state(chroma)
    assert stored == published and len(published) == summary["chunks"]
