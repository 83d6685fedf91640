"""`rag eval`: retrieval, answer and abstention quality on a questions file.

File format (as ../shared/bench/*/questions.jsonl): one JSON object per line with `question`, and
optionally `id`, `answer` (gold), `evidence_files` (sources holding the answer), `type`
(`answerable` or `unanswerable`; a missing type counts as answerable) and `as_of` (the day it was
asked on, which "this week" counts from; default today).

Scoring is strict: the gold must stand in the answer as whole words after normalisation ("5" is not in
"2025"), and an abstention is never a right answer, whatever the nearest titles it names contain.
Beside it: how often the gold stands in a cited quote, and in the retrieved top-10 chunks (the ceiling
the answerer can reach), how often the direct answer equals a short gold, and citation recall (the
share of answer sentences that carry a citation that supports them).
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from rag.answer.compose import conflicts_text
from rag.schemas import Answer, AnswerRequest
from rag.service import WARM_UP_QUESTION
from rag.text import contains_words, normalize, words

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from rag.service import RagService

AnswerFn = Callable[[AnswerRequest], Answer]
TOP_KS = (1, 5, 10)
SHORT_GOLD_WORDS = 6  # a gold answer this short can be matched by a direct answer
ARTICLES = ("the ", "a ", "an ")


class QuestionResult(BaseModel):
    id: str
    question: str
    type: str
    gold: str
    answer: str
    abstained: bool
    evidence_files: list[str]
    evidence_at: dict[str, bool]
    contains_gold: bool | None  # the gold, as whole words, in an answer that is not an abstention
    gold_in_quote: bool | None  # ... in a cited quote
    gold_retrieved: bool | None  # ... in one of the top-10 retrieved chunks (the ceiling)
    direct: str | None = None
    direct_match: bool | None = None  # the direct answer equals a short gold (normalised)
    citation_recall: float | None = None  # share of the answer's sentences backed by a citation
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
    gold_in_quote: float
    gold_retrieved: float
    direct_match: float  # over answerable questions with a short gold
    direct_given: float  # share of answerable questions with a direct answer
    citation_recall: float
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


def answered(answer: Answer) -> str:
    """What the answer asserts: not the other values its conflicts name."""
    return answer.answer.removesuffix(conflicts_text(answer.conflicts))


def evaluate_question(service: RagService, row: dict[str, Any], answer_fn: AnswerFn | None = None) -> QuestionResult:
    question = row["question"]
    kind = row.get("type", "answerable")
    evidence = set(row.get("evidence_files") or [])
    started = time.perf_counter()
    answer = (answer_fn or service.answer)(AnswerRequest(question=question, as_of=row.get("as_of")))
    latency = (time.perf_counter() - started) * 1000
    retrieved = service.retrieve(question, max(TOP_KS))
    sources = [hit.source for hit in retrieved]
    cited = sorted({c.source for c in answer.citations})
    gold = str(row.get("answer", ""))
    judged = kind == "answerable" and bool(gold)
    direct = answer.direct.text if answer.direct else None
    return QuestionResult(
        id=str(row.get("id", "")),
        question=question,
        type=kind,
        gold=gold,
        answer=answer.answer,
        abstained=answer.abstained,
        evidence_files=sorted(evidence),
        evidence_at={str(k): bool(evidence & set(sources[:k])) for k in TOP_KS},
        contains_gold=(not answer.abstained and contains_words(answered(answer), gold)) if judged else None,
        gold_in_quote=any(contains_words(c.quote, gold) for c in answer.citations) if judged else None,
        gold_retrieved=any(contains_words(hit.text, gold) for hit in retrieved) if judged else None,
        direct=direct,
        direct_match=same_answer(direct or "", gold) if judged and is_short(gold) else None,
        citation_recall=citation_recall(answer),
        cited_sources=cited,
        citation_precise=(set(cited) <= evidence) if kind == "answerable" and evidence and cited else None,
        words=len(words(answer.answer)) if not answer.abstained else 0,
        latency_ms=round(latency, 1),
        generator=answer.generator,
        llm_sentences=answer.verification.generated if answer.verification else None,
        llm_kept=answer.verification.kept if answer.verification else None,
        fell_back=answer.verification.fell_back if answer.verification else None,
    )


def same_answer(direct: str, gold: str) -> bool:
    """The direct answer is the gold, but for case, punctuation and a leading article."""
    return bool(direct) and _bare(direct) == _bare(gold)


def _bare(text: str) -> str:
    text = normalize(text) + " "
    for article in ARTICLES:
        text = text.removeprefix(article)
    return text.strip()


def is_short(gold: str) -> bool:
    return 0 < len(normalize(gold).split()) <= SHORT_GOLD_WORDS


def citation_recall(answer: Answer) -> float | None:
    """Share of the answer's shown sentences that carry a citation (None for an abstention)."""
    if answer.abstained or not answer.sentences:
        return None
    return sum(1 for s in answer.sentences if s.citations) / len(answer.sentences)


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
    judged = [r for r in answerable if r.contains_gold is not None]
    recalls = [r.citation_recall for r in results if r.citation_recall is not None]
    return EvalReport(
        questions=len(results),
        answerable=len(answerable),
        unanswerable=len(unanswerable),
        evidence_at={str(k): _rate(r.evidence_at[str(k)] for r in with_evidence) for k in TOP_KS},
        contains_gold=_rate(bool(r.contains_gold) for r in judged),
        gold_in_quote=_rate(bool(r.gold_in_quote) for r in judged),
        gold_retrieved=_rate(bool(r.gold_retrieved) for r in judged),
        direct_match=_rate(r.direct_match for r in judged if r.direct_match is not None),
        direct_given=_rate(r.direct is not None for r in answerable),
        citation_recall=round(statistics.fmean(recalls), 4) if recalls else 0.0,
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
    answer = answer_fn or service.answer
    answer(AnswerRequest(question=WARM_UP_QUESTION))  # load the models before timing
    return summarize([evaluate_question(service, row, answer) for row in rows])


def report_lines(report: EvalReport) -> list[str]:
    lines = [
        f"{'id':<28} {'type':<5} ev@1 ev@5 gold quote top10 direct abst cite words  ms",
    ]
    for r in report.results:
        lines.append(
            f"{r.id[:28]:<28} {r.type[:5]:<5} {_mark(r.evidence_at['1'])}    {_mark(r.evidence_at['5'])}    "
            f"{_mark(r.contains_gold)}    {_mark(r.gold_in_quote)}     {_mark(r.gold_retrieved)}     "
            f"{_mark(r.direct_match)}      {_mark(r.abstained)}    {_mark(r.citation_precise)}    {r.words:>5} "
            f"{r.latency_ms:>5.0f}"
        )
    lines.append(
        f"questions {report.questions} (answerable {report.answerable}, unanswerable {report.unanswerable}); "
        f"evidence@1/5/10 {report.evidence_at['1']:.2f}/{report.evidence_at['5']:.2f}/{report.evidence_at['10']:.2f}; "
        f"contains gold {report.contains_gold:.2f} (in a cited quote {report.gold_in_quote:.2f}, in the top 10 "
        f"{report.gold_retrieved:.2f}); direct answer = gold {report.direct_match:.2f} (given for "
        f"{report.direct_given:.2f}); citation recall {report.citation_recall:.2f}, precision "
        f"{report.citation_precision:.2f}; abstention precision {report.abstention_precision:.2f} recall "
        f"{report.abstention_recall:.2f}; false abstention {report.false_abstention:.2f}; mean words "
        f"{report.mean_words}; latency p50 {report.latency_p50_ms:.0f} ms p95 {report.latency_p95_ms:.0f} ms"
    )
    if report.llm_sentences is not None:
        lines.append(
            f"LLM sentences written {report.llm_sentences}, kept after verification {report.llm_kept}; "
            f"fell back to the extractive answer on {report.llm_fell_back:.2f} of questions"
        )
    return lines


def _mark(value: bool | None) -> str:
    return "-" if value is None else ("y" if value else "n")
