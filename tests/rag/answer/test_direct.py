"""How a candidate span is cut out of its sentence, and which spans can answer at all."""

from __future__ import annotations

import pytest

from rag.answer.direct import _trimmed, find_candidates
from rag.answer.evidence import SentenceEvidence
from rag.answer.language import Language
from rag.answer.question import AMOUNTS, analyze
from rag.answer.retrieve import RetrievedChunk
from rag.text import content_terms


@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        ("the U.S.", "U.S."),  # an initialism keeps its last point
        ("Washington, D.C.", "Washington, D.C."),
        ("Houston.", "Houston"),  # a sentence's full stop is no part of the name
        ("the Times’s", "Times"),
    ],
)
def test_a_span_loses_its_article_and_trailing_punctuation_but_not_an_initialisms_point(raw: str, kept: str) -> None:
    start, end = _trimmed(raw)
    assert raw[start:end] == kept


def test_how_many_is_not_answered_by_a_number_that_counts_something_else() -> None:
    """ "zero-Covid" and "two-year" count no residents, and "01:18" is a clock; "25 million" does."""
    text = "Since the zero-Covid policy began, the city's 25 million residents waited 01:18 hours in a two-year slump."
    sentence = SentenceEvidence(
        RetrievedChunk(id="c", source="a.txt", title="City", ordinal=0, start=0, end=len(text), text=text),
        0, 0, len(text), text, set(content_terms(text)), score=0.9,
    )  # fmt: skip
    language = Language()
    question = analyze("How many residents does the city have?", language.parse_question)
    found = find_candidates(question, [sentence], language.annotate([text]))
    assert [c.text for c in found if c.label in AMOUNTS] == ["25 million"], [(c.text, c.label) for c in found]


def test_when_is_answered_by_a_time_not_by_a_bare_number_the_model_calls_a_date() -> None:
    text = "Voters in Maryland approved legalizing recreational marijuana for people 21 and over in November 2022."
    sentence = SentenceEvidence(
        RetrievedChunk(id="c", source="a.txt", title="Vote", ordinal=0, start=0, end=len(text), text=text),
        0, 0, len(text), text, set(content_terms(text)), score=0.9,
    )  # fmt: skip
    language = Language()
    question = analyze("When did voters in Maryland approve recreational marijuana?", language.parse_question)
    found = find_candidates(question, [sentence], language.annotate([text]))
    assert [c.text for c in found] == ["November 2022"], [(c.text, c.label) for c in found]
