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


@pytest.fixture(scope="module")
def language() -> Language:
    return Language()


def candidates_in(text: str, question: str, language: Language) -> list[tuple[str, str]]:
    """(text, label) of every candidate of one sentence (a retrieved chunk of its own) for `question`."""
    chunk = RetrievedChunk(id="c", source="a.txt", title="News", ordinal=0, start=0, end=len(text), text=text)
    sentence = SentenceEvidence(chunk, 0, 0, len(text), text, set(content_terms(text)), score=0.9)
    asked = analyze(question, language.parse_question)
    return [(c.text, c.label) for c in find_candidates(asked, [sentence], language.annotate([text]))]


def test_how_many_is_not_answered_by_a_number_that_counts_something_else(language: Language) -> None:
    """ "zero-Covid" and "two-year" count no residents, and "01:18" is a clock; "25 million" does."""
    text = "Since the zero-Covid policy began, the city's 25 million residents waited 01:18 hours in a two-year slump."
    found = candidates_in(text, "How many residents does the city have?", language)
    assert [t for t, label in found if label in AMOUNTS] == ["25 million"], found


def test_when_is_answered_by_a_time_not_by_a_bare_number_the_model_calls_a_date(language: Language) -> None:
    text = "Voters in Maryland approved legalizing recreational marijuana for people 21 and over in November 2022."
    found = candidates_in(text, "When did voters in Maryland approve recreational marijuana?", language)
    assert [t for t, _ in found] == ["November 2022"], found
