"""Stories on the bench corpus: how index/stories.py groups near-duplicate articles, a sample of
grouped and not-grouped pairs to check by hand, and retrieval's top-5 story diversity with and
without `diversify` on the bench questions.

Usage: RAG_DATA_DIR=... RAG_CORPUS_DIR=... python -m bench.bench_stories [--sample 20] [--questions Q.jsonl]
(run `rag index` first: it hashes and groups the articles of an index made before stories existed)
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
from collections import Counter
from pathlib import Path

import numpy as np

from index.stories import SAME_STORY
from rag.answer.copies import diversify
from rag.settings import Settings
from rag.wiring import build_service

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench" / "realtimeqa"


def similarity(a: str, b: str) -> float:
    return float((np.frombuffer(bytes.fromhex(a), ">u8") == np.frombuffer(bytes.fromhex(b), ">u8")).mean())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sample", type=int, default=20)
    parser.add_argument("--questions", type=Path, default=BENCH / "questions.jsonl")
    args = parser.parse_args()
    service = build_service(Settings())
    manifest = service._snapshot.manifest
    files = manifest.files
    sizes = Counter(Counter(e.story for e in files.values()).values())
    grouped = sum(size * count for size, count in sizes.items() if size > 1)
    print(f"{len(files)} articles; {grouped} in {sum(c for s, c in sizes.items() if s > 1)} stories of 2+")
    print("story sizes:", dict(sorted(sizes.items())))

    rng = random.Random(7)
    members = [s for s, e in files.items() if e.story != s]
    print(f"\n-- {args.sample} grouped pairs (check: same story?)")
    for source in rng.sample(members, min(args.sample, len(members))):
        story = files[source].story
        print(f"{similarity(files[source].signature, files[story].signature):.2f}  {files[story].title[:60]!r}  ~  "
              f"{files[source].title[:60]!r}")  # fmt: skip
    print(f"\n-- {args.sample} near pairs below {SAME_STORY} (check: a missed copy?)")
    signed = [s for s, e in files.items() if e.signature]
    near = []
    for a in rng.sample(signed, min(400, len(signed))):
        for b in signed:
            if a < b and files[a].story != files[b].story:
                sim = similarity(files[a].signature, files[b].signature)
                if 0.25 <= sim < SAME_STORY:
                    near.append((sim, a, b))
    for sim, a, b in sorted(near, reverse=True)[: args.sample]:
        print(f"{sim:.2f}  {files[a].title[:60]!r}  ~  {files[b].title[:60]!r}")

    rows = [json.loads(line) for line in args.questions.read_text().splitlines() if line.strip()]
    before, after = [], []
    for row in rows:
        chunks = service._answerer.retrieve(service._snapshot, row["question"], 10)
        before.append(len({files[c.source].story for c in chunks[:5]}))
        after.append(len({files[c.source].story for c in diversify(chunks, manifest)[:5]}))
    print(f"\ntop-5 distinct stories over {len(rows)} questions: {statistics.mean(before):.2f} without diversify, "
          f"{statistics.mean(after):.2f} with")  # fmt: skip


if __name__ == "__main__":
    main()
