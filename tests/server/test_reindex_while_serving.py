"""The README's workflow with the embedded store: `rag serve` runs, files are added, changed and
deleted, `rag index` runs in another process. No request may fail, ever; the new article is answered
from within a bounded delay, without a restart; the deleted one is gone."""

from __future__ import annotations

import shutil
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from tests.helpers import SEEDS, rag_cli, rag_env, rag_serve

LAKES = ["Varnholt", "Skellbrae", "Tornquist"]
SWITCH_BOUND_S = 10.0  # from the end of `rag index` to the first answer that cites the new article
BACKGROUND_QUESTIONS = [
    "Who is the speaker of Crimea's parliament?",
    "Which missile did the Russian Armed Forces test?",
    "How much did the Varnholt glacier lake rise?",
]


def lake_article(name: str, metres: int) -> str:
    return (
        f"{name} glacier lake floods valley\n\n"
        f"The {name} glacier lake rose by {metres}.5 metres on Tuesday, the regional water agency said. "
        f"Farmers below the {name} dam moved their herds to higher pastures as a precaution.\n"
    )


@dataclass
class Load:
    """Questions, citation lookups and article views asked without pause from a background thread."""

    url: str
    statuses: Counter[int] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    cited: list[tuple[float, str]] = field(default_factory=list)  # (time, cited source)
    stop: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        with httpx.Client(base_url=self.url, timeout=60) as http:
            i = 0
            while not self.stop.is_set():
                question = BACKGROUND_QUESTIONS[i % len(BACKGROUND_QUESTIONS)]
                i += 1
                if i % 2:
                    self.record(http.post("/api/answer", json={"question": question}))
                else:
                    body = {"model": "rag-extractive", "messages": [{"role": "user", "content": question}]}
                    self.record(http.post("/v1/chat/completions", json=body))

    def record(self, response: httpx.Response) -> None:
        self.statuses[response.status_code] += 1
        if response.status_code != 200:
            self.failures.append(f"{response.request.url.path}: {response.status_code} {response.text[:200]}")
            return
        for citation in response.json().get("citations", []):
            self.cited.append((time.monotonic(), citation["source"]))


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path, dict[str, str]]]:
    corpus, data = tmp_path / "corpus", tmp_path / "data"
    shutil.copytree(SEEDS, corpus)
    env = rag_env(data, corpus, RAG_REFRESH_SECONDS="1")
    assert rag_cli("index", env=env).returncode == 0
    with rag_serve(env, "--no-ui") as (url, _):
        yield url, corpus, env


def cited_sources(url: str, question: str) -> set[str]:
    answer = httpx.post(f"{url}/api/answer", json={"question": question}, timeout=60).json()
    return {c["source"] for c in answer["citations"]}


def test_rag_index_while_serving_never_fails_a_request_and_switches_within_the_bound(
    served: tuple[str, Path, dict[str, str]],
) -> None:
    url, corpus, env = served
    load = Load(url)
    worker = threading.Thread(target=load.run, daemon=True)
    worker.start()
    delays = []
    try:
        for round_, lake in enumerate(LAKES):
            new = f"zz_lake_{round_}.txt"
            (corpus / new).write_text(lake_article(lake, round_ + 3), "utf-8")
            changed = corpus / "002_9c1a9366375f326e.txt"
            changed.write_text(changed.read_text("utf-8") + f"\nA late paragraph, round {round_}.\n", "utf-8")
            deleted = "004_a9289a8936d71362.txt" if round_ == 0 else f"zz_lake_{round_ - 1}.txt"
            (corpus / deleted).unlink()
            version_before = httpx.get(f"{url}/health").json()["version"]

            indexed = rag_cli("index", "--json", env=env)
            assert indexed.returncode == 0, indexed.stderr
            finished = time.monotonic()
            question = f"How much did the {lake} glacier lake rise?"
            while new not in cited_sources(url, question):
                assert time.monotonic() - finished < SWITCH_BOUND_S, f"round {round_}: {new} not cited in time"
                time.sleep(0.2)
            delays.append(time.monotonic() - finished)

            health = httpx.get(f"{url}/health").json()
            assert health["status"] == "ok" and health["version"] == version_before + 1
            if round_:
                assert deleted not in cited_sources(url, f"How much did the {LAKES[round_ - 1]} glacier lake rise?")
            switched = finished + delays[-1]
            assert all(source != deleted for at, source in load.cited if at > switched + 0.5)
    finally:
        load.stop.set()
        worker.join(timeout=60)
    assert load.failures == [], load.failures[:5]
    assert sum(load.statuses.values()) > 30 and set(load.statuses) == {200}
    print(f"switch delays after rag index: {[round(d, 2) for d in delays]} s; requests {dict(load.statuses)}")
