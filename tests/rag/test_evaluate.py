"""The evaluation arithmetic (pure)."""

from __future__ import annotations

from rag.evaluate import QuestionResult, is_short, percentile, same_answer, summarize
from rag.text import contains_words


def result(
    kind: str, abstained: bool, gold: bool | None, precise: bool | None = None, direct: bool | None = None
) -> QuestionResult:
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
        gold_in_quote=gold,
        gold_retrieved=True if gold is not None else None,
        direct="g" if direct else None,
        direct_match=direct,
        citation_recall=None if abstained else 1.0,
        cited_sources=[],
        citation_precise=precise,
        words=3,
        latency_ms=10.0,
    )


def test_percentile_is_the_nearest_rank() -> None:
    assert percentile([], 50) == 0.0
    assert percentile([3.0, 1.0, 2.0], 50) == 2.0
    assert percentile(range(1, 101), 95) == 95


def test_the_gold_must_stand_as_whole_words() -> None:
    assert not contains_words("The budget for 2025 was cut.", "5")
    assert contains_words("It rose by 5 metres.", "5")
    assert contains_words("Officials in New York City said…", "new york city")
    assert not contains_words("Newark said", "New")
    assert contains_words("about 60% of adults", "60%")


def test_a_direct_answer_matches_the_gold_but_for_case_punctuation_and_an_article() -> None:
    assert same_answer("the Colorado Avalanche", "Colorado Avalanche")
    assert same_answer("Kroger and Albertsons", "Kroger and Albertsons")
    assert not same_answer("Colorado", "Colorado Avalanche")
    assert not same_answer("", "x")
    assert is_short("Colorado Avalanche") and not is_short("one two three four five six seven")


def test_summary_counts_abstentions_and_gold_by_kind() -> None:
    report = summarize(
        [
            result("answerable", False, True, True, direct=True),
            result("answerable", True, False, direct=False),
            result("unanswerable", True, None),
            result("unanswerable", False, None),
        ]
    )
    assert report.contains_gold == 0.5 and report.false_abstention == 0.5
    assert report.abstention_recall == 0.5 and report.abstention_precision == 0.5
    assert report.citation_precision == 1.0 and report.direct_match == 0.5 and report.direct_given == 0.5
    assert report.gold_retrieved == 1.0 and report.citation_recall == 1.0
