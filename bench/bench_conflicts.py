"""Conflicts on a corpus the bench builds: for each answerable bench question whose gold answer is in
its evidence article, a later-dated copy of that article with the gold value changed ("changed"), or
left as it is ("unchanged"). Each variant is indexed with other bench articles, and the question is
asked:

- found: the answer flags a conflict, quotes the changed (newest) value first, and names the gold
  value as the other one;
- false: the unchanged copies produce a conflict anyway.

Reported over all such questions, and over those whose answer on the plain corpus has a direct answer
(a conflict is a disagreement between direct-answer candidates).

Usage: python -m bench.bench_conflicts [--others 150]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from index.loader import parse_header
from rag.answer.timeframe import parse_date
from rag.text import contains_words

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench" / "realtimeqa"


def changed_value(gold: str) -> str:
    """Another value of the same shape: each number in it moved by 7 ("60%" -> "67%"), anything else
    swapped for an invented name."""
    if re.search(r"\d", gold):
        return re.sub(r"\d+", lambda m: str(int(m.group()) + 7), gold)
    return "Morgan Ellery"


def later_copy(text: str, gold: str | None) -> str:
    """The article dated 30 days later; with `gold` replaced by another value when given."""
    header = parse_header(text)
    when = parse_date(header.metadata.get("published", "")) or date(2020, 1, 1)
    body = text[header.body_start :]
    if gold is not None:
        body = re.sub(rf"(?<!\w){re.escape(gold)}(?!\w)", changed_value(gold), body, flags=re.IGNORECASE)
    return f"{header.title}\nPublished: {(when + timedelta(days=30)).isoformat()}\n\n{body.lstrip()}"


def ask_all(corpus: Path, work: Path, questions: list[dict[str, object]]) -> list[dict[str, object]]:
    env = {**os.environ, "RAG_DATA_DIR": str(work / f"data-{corpus.name}"), "RAG_CORPUS_DIR": str(corpus)}
    subprocess.run([sys.executable, "-m", "rag", "index"], env=env, check=True, capture_output=True)
    asked = work / "questions.jsonl"
    asked.write_text("\n".join(json.dumps({"id": q["id"], "question": q["question"]}) for q in questions))
    out = subprocess.run([sys.executable, "-m", "rag", "ask", "--questions", str(asked), "--json"], env=env,
                         check=True, capture_output=True, text=True).stdout  # fmt: skip
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--others", type=int, default=150)
    args = parser.parse_args()
    corpus = BENCH / "corpus"
    rows = [json.loads(line) for line in (BENCH / "questions.jsonl").read_text().splitlines() if line.strip()]
    usable = []
    for row in rows:
        files = row.get("evidence_files") or []
        if row["type"] == "unanswerable" or len(files) != 1:
            continue
        if contains_words((corpus / files[0]).read_text("utf-8"), str(row["answer"])):
            usable.append(row)
    evidence = {str(r["evidence_files"][0]) for r in usable}
    others = sorted(p.name for p in corpus.glob("*.txt") if p.name not in evidence)
    random.Random(7).shuffle(others)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        results = {}
        for variant in ("plain", "changed", "unchanged"):
            folder = work / variant
            folder.mkdir()
            for name in sorted(evidence) + others[: args.others]:
                (folder / name).write_bytes((corpus / name).read_bytes())
            if variant != "plain":
                for row in usable:
                    name = str(row["evidence_files"][0])
                    gold = str(row["answer"]) if variant == "changed" else None
                    copy = later_copy((corpus / name).read_text("utf-8"), gold)
                    (folder / f"later-{row['id']}-{name}").write_text(copy)
            results[variant] = {a["id"]: a for a in ask_all(folder, work, usable)}
    with_direct = [r for r in usable if results["plain"][r["id"]].get("direct")]
    for label, subset in (("all", usable), ("with a direct answer", with_direct)):
        found = sum(_found(results["changed"][r["id"]], r) for r in subset)
        false = sum(  # a conflict the unchanged copy brought: none without it
            bool(results["unchanged"][r["id"]]["conflicts"]) and not results["plain"][r["id"]]["conflicts"]
            for r in subset
        )
        print(f"{label}: {len(subset)} questions; conflicts found {found / max(1, len(subset)):.2f}, "
              f"false conflicts on unchanged copies {false / max(1, len(subset)):.2f}")  # fmt: skip


def _found(answer: dict[str, object], row: dict[str, object]) -> bool:
    """Flagged, the changed (newest) value quoted first, the gold named as the other value."""
    conflicts = answer.get("conflicts") or []
    direct = answer.get("direct") or {}
    gold = str(row["answer"])
    return (
        bool(conflicts)
        and contains_words(str(direct.get("text", "")), changed_value(gold))
        and any(contains_words(str(c["value"]), gold) or contains_words(gold, str(c["value"])) for c in conflicts)
    )


if __name__ == "__main__":
    main()
