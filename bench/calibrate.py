"""Calibrate the evidence-scoring weights and the abstention threshold on a questions file.

Global parameters only (a handful of weights and one threshold), never per question. Prints the
in-sample figures and a 2-fold cross-validated estimate (fit on one half, measured on the other), so
the reported quality is not just what the set was tuned on.

Usage: RAG_DATA_DIR=... RAG_CORPUS_DIR=... python bench/calibrate.py QUESTIONS.jsonl
"""

from __future__ import annotations

import itertools
import json
import sys
from dataclasses import replace
from pathlib import Path

from index.snapshot import load_snapshot
from rag.answer.evidence import ScoringWeights, score_sentences, split_sentences
from rag.answer.followups import split_compound
from rag.answer.retrieve import hybrid_retrieve
from rag.evaluate import read_questions
from rag.runtime import configure_process
from rag.settings import Settings
from rag.text import normalize
from rag.wiring import build_answerer, build_embedder, store_opener

GRID = {
    "dense": [0.3, 0.5, 0.7],
    "coverage": [0.2, 0.35, 0.5],
    "context": [0.0, 0.1, 0.2],
    "chunk_prior": [0.0, 0.05, 0.15],
}


def features(answerer, snapshot, row: dict) -> list[dict]:
    """The shortlisted sentences of the question with their score components, as the answerer sees them."""
    question = row["question"]
    if len(split_compound(question)) > 1:
        return []
    vector = answerer.embedder.embed([question])[0]
    candidates = hybrid_retrieve(question, vector, snapshot, answerer.options.retrieve_k)
    sentences = split_sentences(candidates[: answerer.options.evidence_chunks])
    ranked = score_sentences(
        sentences,
        question,
        vector,
        answerer.embedder.embed,
        snapshot.lexical.idf,
        answerer.options.weights,
        answerer.options.embed_top,
    )
    gold = normalize(str(row.get("answer", "")))
    evidence = set(row.get("evidence_files") or [])
    return [
        {
            "dense": s.dense,
            "coverage": s.coverage,
            "context": s.context,
            "prior": 1.0 / (1 + s.chunk_rank),
            "answers_type": s.answers_type,
            "gold": bool(gold) and gold in normalize(s.text),
            "in_evidence": s.source in evidence,
        }
        for s in ranked
    ]


def score(f: dict, w: dict) -> float:
    return (
        w["dense"] * f["dense"]
        + w["coverage"] * f["coverage"]
        + w["context"] * f["context"]
        + w["chunk_prior"] * f["prior"]
    )


def best_sentence(sentences: list[dict], w: dict) -> tuple[float, dict | None]:
    usable = [s for s in sentences if s["answers_type"]]
    if not usable:
        return -1.0, None
    top = max(usable, key=lambda s: score(s, w))
    return score(top, w), top


def measure(rows: list[tuple[dict, list[dict]]], w: dict, threshold: float) -> dict:
    answerable = [(r, f) for r, f in rows if r.get("type", "answerable") == "answerable"]
    unanswerable = [(r, f) for r, f in rows if r.get("type", "answerable") != "answerable"]
    gold = cited_ok = answered = false_abst = 0
    for _, feats in answerable:
        top_score, top = best_sentence(feats, w)
        if top is None or top_score < threshold:
            false_abst += 1
            continue
        answered += 1
        gold += top["gold"]
        cited_ok += top["in_evidence"]
    abst_unans = sum(best_sentence(f, w)[0] < threshold for _, f in unanswerable)
    abstained = false_abst + abst_unans
    return {
        "gold_top1": gold / max(len(answerable), 1),
        "citation_precision_top1": cited_ok / max(answered, 1),
        "abstention_recall": abst_unans / max(len(unanswerable), 1),
        "abstention_precision": abst_unans / max(abstained, 1),
        "false_abstention": false_abst / max(len(answerable), 1),
    }


def fit(rows: list[tuple[dict, list[dict]]], max_false_abstention: float = 0.10) -> tuple[dict, float]:
    """Weights maximizing gold@top1 (ties: citation precision), then the highest threshold that keeps
    false abstention within the limit."""
    best_w, best_key = None, None
    for values in itertools.product(*GRID.values()):
        w = dict(zip(GRID, values, strict=True))
        m = measure(rows, w, threshold=-1.0)
        key = (round(m["gold_top1"], 4), round(m["citation_precision_top1"], 4))
        if best_key is None or key > best_key:
            best_w, best_key = w, key
    answerable_scores = sorted(
        best_sentence(f, best_w)[0] for r, f in rows if r.get("type", "answerable") == "answerable"
    )
    allowed = int(max_false_abstention * len(answerable_scores))
    threshold = answerable_scores[allowed] if allowed < len(answerable_scores) else 0.0
    return best_w, threshold - 1e-6


def main() -> None:
    questions = read_questions(Path(sys.argv[1]))
    settings = Settings()
    configure_process(settings.embed_threads)
    answerer = build_answerer(settings, build_embedder(settings))
    snapshot = load_snapshot(store_opener(settings), settings.data_dir)
    rows = [(row, features(answerer, snapshot, row)) for row in questions]
    w, threshold = fit(rows)
    print("in-sample weights", json.dumps(w), f"abstain_below {threshold:.4f}")
    print("in-sample", json.dumps({k: round(v, 3) for k, v in measure(rows, w, threshold).items()}))
    defaults = vars(replace(ScoringWeights()))
    print("current defaults", json.dumps(defaults), f"abstain_below {answerer.options.compose.abstain_below}")
    print(
        "current defaults measured",
        json.dumps(
            {k: round(v, 3) for k, v in measure(rows, defaults, answerer.options.compose.abstain_below).items()}
        ),
    )
    halves = [rows[0::2], rows[1::2]]
    for i, (train, test) in enumerate([(halves[0], halves[1]), (halves[1], halves[0])]):
        w_i, t_i = fit(train)
        held_out = {k: round(v, 3) for k, v in measure(test, w_i, t_i).items()}
        print(f"fold {i}: weights {json.dumps(w_i)} threshold {t_i:.4f} held-out {json.dumps(held_out)}")


if __name__ == "__main__":
    main()
