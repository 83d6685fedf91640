"""The evaluation arithmetic (pure)."""

from __future__ import annotations

from rag.evaluate import QuestionResult, percentile, summarize


def result(kind: str, abstained: bool, gold: bool | None, precise: bool | None = None) -> QuestionResult:
    return QuestionResult(
        id="q",
        question="q?",
        type=kind,
        gold="g",
        answer="a",
        abstained=abstained,
        evidence_files=["e.txt"] if kind == "answerable" else [],
        evidence_at={"1": True, "5": True, "10": True},
        contains_gold=gold,
        cited_sources=[],
        citation_precise=precise,
        words=3,
        latency_ms=10.0,
    )


def test_percentile_is_the_nearest_rank() -> None:
    assert percentile([], 50) == 0.0
    assert percentile([3.0, 1.0, 2.0], 50) == 2.0
    assert percentile(range(1, 101), 95) == 95


def test_summary_counts_abstentions_and_gold_by_kind() -> None:
    report = summarize(
        [
            result("answerable", False, True, True),
            result("answerable", True, False),
            result("unanswerable", True, None),
            result("unanswerable", False, None),
        ]
    )
    assert report.contains_gold == 0.5 and report.false_abstention == 0.5
    assert report.abstention_recall == 0.5 and report.abstention_precision == 0.5
    assert report.citation_precision == 1.0
