"""Load on `/api/answer` over loopback HTTP: latency percentiles, throughput, errors, server memory.

Starts `rag serve --no-ui` on a free loopback port over an existing index (RAG_DATA_DIR, or
RAG_CHROMA_URL, from the environment), warms it, then for each client count runs `clients x requests`
POSTs (bounded by --requests and --max-seconds) and prints one line of figures per run.

With --replicas N (needs RAG_CHROMA_URL: a `chroma run` holding an index), N replicas are started, each
on a fresh data dir of its own (as on separate machines), and every client count runs against one
replica and then against all N (clients spread round-robin, as a load balancer would), side by side.
With --switch CORPUS as well, an article is added to a copy of CORPUS and `rag index` run from another
fresh data dir; it prints how long after `rag index` ended each replica first cites it.

Usage: python -m bench.bench_server --clients 1 8 16 --requests 100 [--questions FILE.jsonl]
       RAG_CHROMA_URL=http://127.0.0.1:8001 python -m bench.bench_server --replicas 2 --switch seeds
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from rag.evaluate import percentile
from tests.helpers import free_port, wait_until_healthy

SEED_QUESTIONS = [
    "Who is the speaker of Crimea's parliament?",
    "Which missile did the Russian Armed Forces test?",
    "When did the United States and Russia begin preliminary discussions?",
    "What did the Kremlin announce about Putin?",
    "What is the population of Canada?",
    "Where could talks between the US and Russia take place?",
    "What did CNN report about Mike Waltz?",
    "Why are negotiations between Moscow and Kiev important?",
]


def start_server(env: dict[str, str] | None = None) -> tuple[subprocess.Popen[str], str]:
    """`rag serve --no-ui` on a free port: (process, its URL)."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "rag.cli", "serve", "--port", str(port), "--no-ui"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env or os.environ.copy(),
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url, process)
    except (RuntimeError, TimeoutError):
        process.kill()
        raise SystemExit("server did not start") from None
    return process, url


def rss_mb(pid: int) -> tuple[float, float]:
    """(current RSS, peak RSS) of the server process, MB."""
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def run_load(urls: list[str], questions: list[str], clients: int, requests: int, max_seconds: float) -> dict:
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + max_seconds

    def client(index: int) -> None:
        url = urls[index % len(urls)]
        with httpx.Client(timeout=60) as http:
            for i in range(requests):
                if time.monotonic() > stop_at:
                    return
                question = questions[(index * requests + i) % len(questions)]
                started = time.perf_counter()
                try:
                    response = http.post(f"{url}/api/answer", json={"question": question})
                    ok = response.status_code == 200
                    detail = f"{response.status_code}"
                except httpx.HTTPError as err:
                    ok, detail = False, type(err).__name__
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    (latencies.append(elapsed) if ok else errors.append(detail))

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(client, range(clients)))
    wall = time.perf_counter() - started
    done = len(latencies)
    return {
        "replicas": len(urls),
        "clients": clients,
        "requests": done + len(errors),
        "errors": len(errors),
        "error_kinds": sorted(set(errors)),
        "throughput_rps": round(done / wall, 2),
        "p50_ms": round(percentile(latencies, 50), 1) if latencies else None,
        "p95_ms": round(percentile(latencies, 95), 1) if latencies else None,
        "p99_ms": round(percentile(latencies, 99), 1) if latencies else None,
        "mean_ms": round(statistics.fmean(latencies), 1) if latencies else None,
    }


def replica_env(root: Path, name: str) -> dict[str, str]:
    """A machine of its own: only the Chroma server in common."""
    return {**os.environ, "RAG_DATA_DIR": str(root / name), "RAG_REFRESH_SECONDS": "1"}


def measure_switch(urls: list[str], corpus: Path, root: Path) -> None:
    """Index a copy of `corpus` plus one new article from another machine; time until each replica cites it."""
    copy = root / "switch-corpus"
    shutil.copytree(corpus, copy)
    (copy / "zz_bench_lake.txt").write_text(
        "Varnholt glacier lake floods valley\n\nThe Varnholt glacier lake rose by 4.5 metres on Tuesday.\n", "utf-8"
    )
    env = {**replica_env(root, "indexer"), "RAG_CORPUS_DIR": str(copy)}
    done = subprocess.run([sys.executable, "-m", "rag.cli", "index"], env=env, capture_output=True, text=True)
    finished = time.monotonic()
    if done.returncode:
        raise SystemExit(done.stderr)
    for url in urls:
        while True:
            answer = httpx.post(f"{url}/api/answer", json={"question": "How much did the Varnholt lake rise?"}).json()
            if any(c["source"] == "zz_bench_lake.txt" for c in answer["citations"]):
                break
            time.sleep(0.05)
        print(f"{url}: first answer citing the new article {time.monotonic() - finished:.2f} s after rag index ended")


def warm(url: str, questions: list[str]) -> None:
    for question in questions[:8]:  # caches and lazy imports
        httpx.post(f"{url}/api/answer", json={"question": question}, timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 8, 16])
    parser.add_argument("--requests", type=int, default=100, help="requests per client")
    parser.add_argument("--max-seconds", type=float, default=600, help="time bound of each run")
    parser.add_argument("--questions", type=Path, help="JSONL with 'question' fields (default: seed questions)")
    parser.add_argument("--replicas", type=int, default=1, help="replicas over one Chroma server (RAG_CHROMA_URL)")
    parser.add_argument("--switch", type=Path, help="with --replicas: measure the switch to a re-indexed CORPUS")
    args = parser.parse_args()
    questions = SEED_QUESTIONS
    if args.questions:
        questions = [json.loads(line)["question"] for line in args.questions.read_text("utf-8").splitlines() if line]
    if args.replicas > 1 and not os.environ.get("RAG_CHROMA_URL"):
        raise SystemExit("--replicas needs RAG_CHROMA_URL (replicas share one Chroma server)")

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        envs = [replica_env(root, f"replica-{i}") for i in range(args.replicas)] if args.replicas > 1 else [None]
        started = [start_server(env) for env in envs]
        servers, urls = [p for p, _ in started], [u for _, u in started]
        try:
            for url in urls:
                warm(url, questions)
            print(
                f"replicas {len(urls)}; questions {len(questions)}; rss after warm-up "
                f"{[round(rss_mb(s.pid)[0]) for s in servers]} MB"
            )
            for clients in args.clients:
                groups = [urls[:1], urls] if len(urls) > 1 else [urls]
                results = [run_load(group, questions, clients, args.requests, args.max_seconds) for group in groups]
                for result in results:
                    result["server_rss_mb"] = [round(rss_mb(s.pid)[0]) for s in servers]
                    print(json.dumps(result), flush=True)
                if len(results) == 2 and results[0]["throughput_rps"]:
                    ratio = results[1]["throughput_rps"] / results[0]["throughput_rps"]
                    print(f"clients {clients}: throughput {len(urls)} replicas / 1 replica = {ratio:.2f}")
            if args.switch and len(urls) > 1:
                measure_switch(urls, args.switch, root)
        finally:
            for server in servers:
                server.terminate()
                server.wait(timeout=30)


if __name__ == "__main__":
    main()
