"""`rag eval`: retrieval, answer and abstention quality on a questions file.

File format (as ../shared/bench/*/questions.jsonl): one JSON object per line with `question`, and
optionally `id`, `answer` (gold), `evidence_files` (sources holding the answer) and `type`
(`answerable` or `unanswerable`; a missing type counts as answerable).
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from rag.schemas import Answer, AnswerRequest
from rag.text import normalize, words

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from rag.service import RagService

AnswerFn = Callable[[str], Answer]
TOP_KS = (1, 5, 10)


class QuestionResult(BaseModel):
    id: str
    question: str
    type: str
    gold: str
    answer: str
    abstained: bool
    evidence_files: list[str]
    evidence_at: dict[str, bool]
    contains_gold: bool | None
    cited_sources: list[str]
    citation_precise: bool | None
    words: int
    latency_ms: float
    generator: str = "extractive"
    llm_sentences: int | None = None  # written by the LLM, when one answered
    llm_kept: int | None = None
    fell_back: bool | None = None


class EvalReport(BaseModel):
    questions: int
    answerable: int
    unanswerable: int
    evidence_at: dict[str, float]
    contains_gold: float
    citation_precision: float
    abstention_precision: float
    abstention_recall: float
    false_abstention: float
    mean_words: float
    latency_p50_ms: float
    latency_p95_ms: float
    llm_sentences: int | None = None
    llm_kept: int | None = None
    llm_fell_back: float | None = None
    results: list[QuestionResult]


def read_questions(path: Path) -> list[dict[str, Any]]:
    rows = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        if not isinstance(row, dict) or not str(row.get("question", "")).strip():
            raise ValueError(f"{path}:{number}: each line needs a non-empty 'question'")
        rows.append(row)
    return rows


def evaluate_question(service: RagService, row: dict[str, Any], answer_fn: AnswerFn | None = None) -> QuestionResult:
    question = row["question"]
    kind = row.get("type", "answerable")
    evidence = set(row.get("evidence_files") or [])
    started = time.perf_counter()
    answer = (answer_fn or _default_answer(service))(question)
    latency = (time.perf_counter() - started) * 1000
    retrieved = service.retrieved_sources(question, max(TOP_KS))
    cited = sorted({c.source for c in answer.citations})
    gold = str(row.get("answer", ""))
    answerable = kind == "answerable"
    return QuestionResult(
        id=str(row.get("id", "")),
        question=question,
        type=kind,
        gold=gold,
        answer=answer.answer,
        abstained=answer.abstained,
        evidence_files=sorted(evidence),
        evidence_at={str(k): bool(evidence & set(retrieved[:k])) for k in TOP_KS},
        contains_gold=(normalize(gold) in normalize(answer.answer)) if answerable and gold else None,
        cited_sources=cited,
        citation_precise=(set(cited) <= evidence) if answerable and evidence and cited else None,
        words=len(words(answer.answer)) if not answer.abstained else 0,
        latency_ms=round(latency, 1),
        generator=answer.generator,
        llm_sentences=answer.verification.generated if answer.verification else None,
        llm_kept=answer.verification.kept if answer.verification else None,
        fell_back=answer.verification.fell_back if answer.verification else None,
    )


def _rate(values: Iterable[bool | None]) -> float:
    counted = [bool(v) for v in values]
    return round(sum(counted) / len(counted), 4) if counted else 0.0


def summarize(results: list[QuestionResult]) -> EvalReport:
    answerable = [r for r in results if r.type == "answerable"]
    unanswerable = [r for r in results if r.type != "answerable"]
    with_evidence = [r for r in answerable if r.evidence_files]
    abstained = [r for r in results if r.abstained]
    latencies = sorted(r.latency_ms for r in results)
    llm = [r for r in results if r.llm_sentences is not None]
    return EvalReport(
        questions=len(results),
        answerable=len(answerable),
        unanswerable=len(unanswerable),
        evidence_at={str(k): _rate(r.evidence_at[str(k)] for r in with_evidence) for k in TOP_KS},
        contains_gold=_rate(bool(r.contains_gold) for r in answerable),
        citation_precision=_rate(r.citation_precise for r in answerable if r.citation_precise is not None),
        abstention_precision=_rate(r.type != "answerable" for r in abstained),
        abstention_recall=_rate(r.abstained for r in unanswerable),
        false_abstention=_rate(r.abstained for r in answerable),
        mean_words=round(statistics.fmean([r.words for r in results if not r.abstained] or [0]), 1),
        latency_p50_ms=percentile(latencies, 50),
        latency_p95_ms=percentile(latencies, 95),
        llm_sentences=sum(r.llm_sentences or 0 for r in llm) if llm else None,
        llm_kept=sum(r.llm_kept or 0 for r in llm) if llm else None,
        llm_fell_back=_rate(bool(r.fell_back) for r in llm) if llm else None,
        results=results,
    )


def percentile(values: Iterable[float], pct: float) -> float:
    """The nearest-rank percentile (0 for no values)."""
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def evaluate(service: RagService, rows: list[dict[str, Any]], answer_fn: AnswerFn | None = None) -> EvalReport:
    """Every question answered by `answer_fn` (default: the service's default generator); retrieval is
    judged on the service's hybrid retrieval."""
    answer = answer_fn or _default_answer(service)
    answer("warm-up question")  # load models before timing
    return summarize([evaluate_question(service, row, answer) for row in rows])


def _default_answer(service: RagService) -> AnswerFn:
    return lambda question: service.answer(AnswerRequest(question=question))


def report_lines(report: EvalReport) -> list[str]:
    lines = [
        f"{'id':<28} {'type':<5} ev@1 ev@5 gold abst cite words  ms",
    ]
    for r in report.results:
        lines.append(
            f"{r.id[:28]:<28} {r.type[:5]:<5} {_mark(r.evidence_at['1'])}    {_mark(r.evidence_at['5'])}    "
            f"{_mark(r.contains_gold)}    {_mark(r.abstained)}    {_mark(r.citation_precise)}    {r.words:>5} "
            f"{r.latency_ms:>5.0f}"
        )
    lines.append(
        f"questions {report.questions} (answerable {report.answerable}, unanswerable {report.unanswerable}); "
        f"evidence@1/5/10 {report.evidence_at['1']:.2f}/{report.evidence_at['5']:.2f}/{report.evidence_at['10']:.2f}; "
        f"contains gold {report.contains_gold:.2f}; citation precision {report.citation_precision:.2f}; "
        f"abstention precision {report.abstention_precision:.2f} recall {report.abstention_recall:.2f}; "
        f"false abstention {report.false_abstention:.2f}; mean words {report.mean_words}; "
        f"latency p50 {report.latency_p50_ms:.0f} ms p95 {report.latency_p95_ms:.0f} ms"
    )
    if report.llm_sentences is not None:
        lines.append(
            f"LLM sentences written {report.llm_sentences}, kept after verification {report.llm_kept}; "
            f"fell back to the extractive answer on {report.llm_fell_back:.2f} of questions"
        )
    return lines


def _mark(value: bool | None) -> str:
    return "-" if value is None else ("y" if value else "n")
