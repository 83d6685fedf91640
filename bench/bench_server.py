"""Load on `/api/answer` over loopback HTTP: latency percentiles, throughput, errors, server memory.

Starts `rag serve --no-ui` on a free loopback port over an existing index (RAG_DATA_DIR,
RAG_CORPUS_DIR from the environment), warms it, then for each client count runs `clients x requests`
POSTs (bounded by --requests and --max-seconds) and prints one line of figures per run.

Usage: python bench/bench_server.py --clients 1 8 16 --requests 100 [--questions FILE.jsonl]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
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


def start_server(port: int) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "rag.cli", "serve", "--port", str(port), "--no-ui"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=os.environ.copy(),
        text=True,
    )
    try:
        wait_until_healthy(f"http://127.0.0.1:{port}", process)
    except (RuntimeError, TimeoutError):
        process.kill()
        raise SystemExit("server did not start") from None
    return process


def rss_mb(pid: int) -> tuple[float, float]:
    """(current RSS, peak RSS) of the server process, MB."""
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def run_load(url: str, questions: list[str], clients: int, requests: int, max_seconds: float) -> dict:
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + max_seconds

    def client(index: int) -> None:
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 8, 16])
    parser.add_argument("--requests", type=int, default=100, help="requests per client")
    parser.add_argument("--max-seconds", type=float, default=600, help="time bound of each run")
    parser.add_argument("--questions", type=Path, help="JSONL with 'question' fields (default: seed questions)")
    args = parser.parse_args()
    questions = SEED_QUESTIONS
    if args.questions:
        questions = [json.loads(line)["question"] for line in args.questions.read_text("utf-8").splitlines() if line]

    port = free_port()
    server = start_server(port)
    url = f"http://127.0.0.1:{port}"
    try:
        for question in questions[:8]:  # warm caches and lazy imports
            httpx.post(f"{url}/api/answer", json={"question": question}, timeout=60)
        print(f"server pid {server.pid}; questions {len(questions)}; rss after warm-up {rss_mb(server.pid)[0]:.0f} MB")
        for clients in args.clients:
            result = run_load(url, questions, clients, args.requests, args.max_seconds)
            result["server_rss_mb"], result["server_peak_rss_mb"] = (round(v) for v in rss_mb(server.pid))
            print(json.dumps(result), flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
