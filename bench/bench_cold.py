"""Cold starts, as a user meets them: each figure is a fresh process, median of --runs.

- `rag ask QUESTION` on an index of the corpus (seeds by default), to the printed answer;
- `rag index` of the same, unchanged corpus (nothing to do but check);
- `rag serve` (with the chat window, as the README runs it) to its first answered question;
- what each of those imports (`sys.modules`: torch, transformers, sentence_transformers, gradio,
  llama_index, nltk, spacy), and the heaviest imports of `rag ask` from `python -X importtime`.

Usage: python -m bench.bench_cold [--corpus seeds] [--runs 5] [--importtime]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from tests.helpers import free_port

QUESTION = "Which missile did the Russian Armed Forces test?"
HEAVY = ("torch", "transformers", "sentence_transformers", "gradio", "llama_index.core", "nltk", "spacy", "onnxruntime")
PROBE = (
    "import atexit, sys\n"
    "atexit.register(lambda: print('MODULES', ' '.join(m for m in {heavy!r} if m in sys.modules), file=sys.stderr))\n"
    "from rag.cli import app\n"
    "app(sys.argv[1:])\n"
)


def rag(args: list[str], env: dict[str, str], probe: bool = False) -> tuple[float, str]:
    """Run `rag ARGS` in a fresh interpreter: (seconds, stderr)."""
    start = ["-c", PROBE.format(heavy=HEAVY)] if probe else ["-m", "rag.cli"]
    command = [sys.executable, *start, *args]
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    return time.perf_counter() - started, done.stderr


def timing(name: str, times: list[float]) -> str:
    runs = ", ".join(f"{t:.2f}" for t in times)
    return f"{name:24} median {statistics.median(times):5.2f} s  (runs: {runs})"


def imported(stderr: str) -> str:
    found = re.search(r"^MODULES ?(.*)$", stderr, re.MULTILINE)
    return (found.group(1) if found else "?") or "none of them"


def serve_to_first_answer(env: dict[str, str]) -> float:
    port = free_port()
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "rag.cli", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while time.perf_counter() - started < 120:
            try:
                response = httpx.post(f"http://127.0.0.1:{port}/api/answer", json={"question": QUESTION}, timeout=30)
                if response.status_code == 200:
                    return time.perf_counter() - started
            except httpx.TransportError:
                time.sleep(0.05)
        raise RuntimeError("rag serve did not answer within 120 s")
    finally:
        process.terminate()
        process.wait(30)


def heaviest_imports(env: dict[str, str], top: int = 12) -> list[str]:
    """Cumulative import times of `rag ask`, heaviest top-level packages first."""
    command = [sys.executable, "-X", "importtime", "-m", "rag.cli", "ask", QUESTION]
    stderr = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stderr
    totals: dict[str, int] = {}
    for line in stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            name = parts[2].rstrip()
            if not name.startswith("  ") and "." not in name.strip():  # top-level imports only
                totals[name.strip()] = totals.get(name.strip(), 0) + int(parts[1])
    ranked = sorted(totals.items(), key=lambda item: -item[1])[:top]
    return [f"{name} {micros / 1e6:.2f} s" for name, micros in ranked]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=Path("seeds"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--importtime", action="store_true", help="also list the heaviest imports of `rag ask`")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "RAG_CORPUS_DIR": str(args.corpus.resolve()), "RAG_DATA_DIR": data}
        env.pop("RAG_CHROMA_URL", None)
        subprocess.run([sys.executable, "-m", "rag.cli", "index"], env=env, capture_output=True, check=True)
        for name, command in (("rag ask", ["ask", QUESTION]), ("rag index (unchanged)", ["index"])):
            _, stderr = rag(command, env, probe=True)
            times = [rag(command, env)[0] for _ in range(args.runs)]
            print(timing(name, times))
            print(f"{'':24} imports: {imported(stderr)}")
        times = [serve_to_first_answer(env) for _ in range(max(1, args.runs // 2))]
        print(timing("rag serve → 1st answer", times))
        if args.importtime:
            print("heaviest imports of `rag ask` (cumulative):", "; ".join(heaviest_imports(env)))


if __name__ == "__main__":
    main()
