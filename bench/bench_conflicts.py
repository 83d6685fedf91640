"""Conflicts on a corpus the bench builds: for each answerable bench question whose gold answer is in
its evidence article, a later-dated copy of that article with the gold value changed ("changed"), or
left as it is ("unchanged"). Each variant is indexed with other bench articles, and the question is
asked:

- found: the answer flags a conflict, quotes the changed (newest) value first (as its direct answer,
  or, without one, in its first quote, which must not also hold the gold), and names the gold value as
  the other one;
- false: the unchanged copies produce a conflict anyway.

Reported over all such questions, over those whose answer on the plain corpus has a direct answer
(a conflict is a disagreement between direct-answer candidates), and over those the plain corpus
answers right (the gold in its direct answer, or in its first quote without one): a wrong answer
there is the answerer's miss (issue 10's figures), not a conflict the detection missed.

Usage: python -m bench.bench_conflicts [--others 150 | --base-data DATA_DIR_OF_THE_WHOLE_CORPUS] [--misses]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from index.loader import parse_header
from index.sentences import sentence_spans
from rag.answer.language import Language
from rag.answer.timeframe import RELATIVE_TIME, parse_date
from rag.text import contains_words

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench" / "realtimeqa"


# Invented values of each kind of name (spaCy's labels); a gold that is no name becomes an invented noun.
INVENTED = {
    "PERSON": "Morgan Ellery",
    "ORG": "Norvale Holdings",
    "GPE": "Eastmark",
    "LOC": "Eastmark",
    "FAC": "Eastmark Hall",
    "NORP": "Eastmarkian",
    "PRODUCT": "Zentrix",
    "EVENT": "Eastmark Cup",
    "WORK_OF_ART": "Quiet Harbour",
    "LAW": "Eastmark Act",
    "LANGUAGE": "Eastmarkish",
}
INVENTED_NOUN = "quorbels"


def changed_value(gold: str, label: str) -> str:
    """Another value of the same kind: each number in it moved by 7 ("60%" -> "67%"), a name swapped for
    an invented name of its kind (`label`: what spaCy calls the gold where the article says it), anything
    else for an invented noun."""
    if re.search(r"\d", gold):
        return re.sub(r"\d+", lambda m: str(int(m.group()) + 7), gold)
    if label in INVENTED:
        return INVENTED[label]
    return INVENTED_NOUN.capitalize() if gold[:1].isupper() else INVENTED_NOUN


def gold_label(text: str, gold: str, language: Language) -> str:
    """The entity label of the gold where the article first says it ("" when it is no name there)."""
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        if not contains_words(sentence, gold):
            continue
        for entity in language.annotate([sentence])[0].entities:
            named = sentence[entity.start : entity.end]
            if contains_words(named, gold) or contains_words(gold, named):
                return entity.label
        return ""
    return ""


def later_copy(text: str, gold: str | None, label: str = "") -> str:
    """The article dated 30 days later; with `gold` replaced by another value of its kind when given."""
    header = parse_header(text)
    when = parse_date(header.metadata.get("published", "")) or date(2020, 1, 1)
    body = text[header.body_start :]
    if gold is not None:
        body = re.sub(rf"(?<!\w){re.escape(gold)}(?!\w)", changed_value(gold, label), body, flags=re.IGNORECASE)
    return f"{header.title}\nPublished: {(when + timedelta(days=30)).isoformat()}\n\n{body.lstrip()}"


def without_relative_time(question: str) -> str:
    """A copy dated a month later is no news of the week a question was asked in: the bench asks
    without "this week" (which `rag ask` reads from the day of asking: rag/answer/timeframe.py)."""
    return re.sub(r"\s+([?,.])", r"\1", " ".join(RELATIVE_TIME.sub(" ", question).split()))


def ask_all(corpus: Path, data: Path, questions: list[dict[str, object]]) -> list[dict[str, object]]:
    env = {**os.environ, "RAG_DATA_DIR": str(data), "RAG_CORPUS_DIR": str(corpus)}
    subprocess.run([sys.executable, "-m", "rag", "index"], env=env, check=True, capture_output=True)
    asked = data.parent / "questions.jsonl"
    lines = [{"id": q["id"], "question": without_relative_time(str(q["question"]))} for q in questions]
    asked.write_text("\n".join(json.dumps(line) for line in lines))
    out = subprocess.run([sys.executable, "-m", "rag", "ask", "--questions", str(asked), "--json"], env=env,
                         check=True, capture_output=True, text=True).stdout  # fmt: skip
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--others", type=int, default=150)
    parser.add_argument("--misses", action="store_true", help="print each question the changed copy missed")
    parser.add_argument(
        "--base-data",
        type=Path,
        help="an index of the whole bench corpus (the RAG_DATA_DIR of `rag index` over it): each variant copies "
        "it and indexes only its later copies, so that every article competes (default: --others articles)",
    )
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
    language = Language()
    for row in usable:
        row["label"] = gold_label(
            (corpus / str(row["evidence_files"][0])).read_text("utf-8"), str(row["answer"]), language
        )
    others = sorted(p.name for p in corpus.glob("*.txt") if p.name not in evidence)
    random.Random(7).shuffle(others)
    kept = others if args.base_data else others[: args.others]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        results = {}
        for variant in ("plain", "changed", "unchanged"):
            folder = work / variant
            folder.mkdir()
            data = work / f"data-{variant}"
            if args.base_data:
                shutil.copytree(args.base_data, data)
            for name in sorted(evidence) + kept:
                (folder / name).write_bytes((corpus / name).read_bytes())
            if variant != "plain":
                for row in usable:
                    name = str(row["evidence_files"][0])
                    gold = str(row["answer"]) if variant == "changed" else None
                    copy = later_copy((corpus / name).read_text("utf-8"), gold, str(row["label"]))
                    (folder / f"later-{row['id']}-{name}").write_text(copy)
            results[variant] = {a["id"]: a for a in ask_all(folder, data, usable)}
            shutil.rmtree(data)
    with_direct = [r for r in usable if results["plain"][r["id"]].get("direct")]
    answered_right = [r for r in usable if contains_words(_first(results["plain"][r["id"]]), str(r["answer"]))]
    for row in usable if args.misses else []:
        answer = results["changed"][row["id"]]
        if not _found(answer, row):
            print(json.dumps({"question": row["question"], "gold": row["answer"], "answer": answer["answer"][:300],
                              "conflicts": [c["value"] for c in answer.get("conflicts") or []],
                              "sources": [c["source"] for c in answer.get("citations") or []]}))  # fmt: skip
    subsets = (
        ("all", usable),
        ("with a direct answer", with_direct),
        ("answered right on the plain corpus", answered_right),
    )
    for label, subset in subsets:
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
    direct = answer.get("direct")
    gold = str(row["answer"])
    first = _first(answer)
    return (
        bool(conflicts)
        and contains_words(first, changed_value(gold, str(row["label"])))
        and not (not direct and contains_words(first, gold))
        and any(contains_words(str(c["value"]), gold) or contains_words(gold, str(c["value"])) for c in conflicts)
    )


def _first(answer: dict[str, Any]) -> str:
    """What an answer gives first: its direct answer, or without one its first quote."""
    direct = answer.get("direct") or {}
    citations = answer.get("citations") or [{}]
    return str(direct.get("text", "")) if direct else str(citations[0].get("quote", ""))


if __name__ == "__main__":
    main()
