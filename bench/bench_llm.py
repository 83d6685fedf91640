"""Verified LLM answers vs the extractive default, side by side in one process, on a questions file.

Prints for each: answer accuracy (contains gold), citation precision, abstention, latency; for the
LLM also sentences written vs kept after verification and how often nothing survived (fallback).
Accuracy is judged on what the user sees (verified sentences, or the extractive fallback). The same
LLM sentences are then re-checked under other verification bars (no new generation) to show what the
bars trade. Every LLM sentence, with its verdict, the reason it failed and the passage it was checked
against, goes to --dump (JSONL) for reading by hand. Use (local GGUF model, SmolLM2 by default):
  RAG_DATA_DIR=bench/out/realtimeqa-index RAG_CORPUS_DIR=../shared/bench/realtimeqa/corpus \\
    python bench/bench_llm.py ../shared/bench/realtimeqa/questions.jsonl --generator local
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import TYPE_CHECKING

from rag.citations import render_text
from rag.evaluate import evaluate, read_questions, report_lines
from rag.llm.verify import IDF, CheckedClaim, Passage, Verifier, VerifyOptions
from rag.runtime import configure_process
from rag.settings import Settings
from rag.wiring import build_query_encoder, build_service, verify_options

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    import numpy as np

    from rag.llm.claims import Claim
    from rag.schemas import Answer, AnswerRequest

GRID = [
    VerifyOptions(),
    VerifyOptions(repair_coverage=0.7, repair_similarity=0.55),
    VerifyOptions(min_coverage=0.6, min_similarity=0.5, repair_coverage=0.7, repair_similarity=0.6),
    VerifyOptions(min_coverage=0.8, min_similarity=0.65, repair_coverage=0.9, repair_similarity=0.7),
    VerifyOptions(min_relevance=0.0),
    VerifyOptions(min_relevance=0.4),
]


class RecordingVerifier(Verifier):
    """The verifier in use, remembering every claim and the passages it was checked against."""

    def __init__(self, embed: Callable[[list[str]], np.ndarray], options: VerifyOptions) -> None:
        super().__init__(embed, options)
        self.seen: list[tuple[Claim, list[Passage], IDF, str | None]] = []

    def check(self, claim: Claim, passages: Sequence[Passage], idf: IDF, question: str | None = None) -> CheckedClaim:
        self.seen.append((claim, list(passages), idf, question))
        return super().check(claim, passages, idf, question)


def visible(answer: Answer) -> Answer:
    """The answer as a user who did not ask for unverified sentences sees it."""
    hidden = [s for s in answer.sentences if s.verdict == "unverified"]
    if not hidden:
        return answer
    shown = [s for s in answer.sentences if s.verdict != "unverified"]
    if answer.generator == "extractive":  # fallback: unverified sentences were put before the quotes
        prefix = render_text(hidden) + " "
        text = answer.answer[len(prefix) :] if answer.answer.startswith(prefix) else render_text(shown)
    else:
        text = render_text(shown)
    return answer.model_copy(update={"answer": text, "sentences": shown})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("questions", type=Path)
    parser.add_argument("--generator", default="local", choices=["local", "openai"])
    parser.add_argument("--limit", type=int, default=0, help="Only the first N questions.")
    parser.add_argument("--dump", type=Path, default=Path("bench/out/llm_sentences.jsonl"))
    args = parser.parse_args()

    settings = Settings(generator=args.generator)
    configure_process(settings.embed_threads)
    encoder = build_query_encoder(settings)
    recorder = RecordingVerifier(encoder.embed_cached, verify_options(settings))
    service = build_service(settings, encoder=encoder, verifier=recorder)
    rows = read_questions(args.questions)[: args.limit or None]
    answers: dict[str, Answer] = {}

    def llm_answer(request: AnswerRequest) -> Answer:
        answer = service.answer(request.model_copy(update={"generator": args.generator, "show_unverified": True}))
        if request.question == "warm-up question":  # evaluate()'s own first call, not one of the questions
            recorder.seen.clear()
        answers[request.question] = answer
        return visible(answer)

    started = time.perf_counter()
    extractive = evaluate(service, rows, lambda r: service.answer(r.model_copy(update={"generator": "extractive"})))
    llm = evaluate(service, rows, llm_answer)
    print(f"{len(rows)} questions in {time.perf_counter() - started:.0f} s\n")
    print("extractive:", report_lines(extractive)[-1])
    print(f"{args.generator} (verified):", *report_lines(llm)[-2:], sep="\n  ")
    shown = sum(1 for r in llm.results if r.generator != "extractive")
    print(f"  answers written by the LLM (something verified): {shown}/{len(rows)}")

    print(f"\nthe same {len(recorder.seen)} LLM sentences re-checked under other bars:")
    print(
        f"{'cover':>5} {'simil':>5} {'rep.cov':>7} {'rep.sim':>7} {'relev':>5} {'supported':>9} {'repaired':>8} "
        f"{'dropped':>7}"
    )
    for options in GRID:
        verifier = Verifier(recorder.embed, options)
        verdicts = [verifier.check(c, passages, idf, q).verdict for c, passages, idf, q in recorder.seen]
        print(
            f"{options.min_coverage:>5} {options.min_similarity:>5} {options.repair_coverage:>7} "
            f"{options.repair_similarity:>7} {options.min_relevance:>5} {verdicts.count('supported'):>9} "
            f"{verdicts.count('repaired'):>8} {verdicts.count('unverified'):>7}"
        )

    args.dump.parent.mkdir(parents=True, exist_ok=True)
    with args.dump.open("w", encoding="utf-8") as out:
        for row in rows:
            answer = answers.get(row["question"])
            if answer is None:
                continue
            for sentence in answer.sentences:
                if sentence.verdict == "quoted":
                    continue
                cited = [c.quote for c in answer.citations if c.n in sentence.citations]
                record = {
                    "id": row.get("id"),
                    "question": row["question"],
                    "gold": row.get("answer"),
                    "sentence": sentence.text,
                    "verdict": sentence.verdict,
                    "coverage": sentence.coverage,
                    "similarity": sentence.similarity,
                    "reason": sentence.reason,
                    "cited": cited,
                }
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"sentences with verdicts: {args.dump}")


if __name__ == "__main__":
    main()
