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


@pytest.mark.parametrize(
    "text",
    [
        "The ferry resumed on Tuesday after a week of repairs, the operator Baltica Lines said.",
        "Baltica Lines, the ferry operator, said the ferry resumed on Tuesday after a week of repairs.",
    ],
)
def test_a_name_in_apposition_to_the_asked_noun_is_of_its_kind(text: str, language: Language) -> None:
    """ "the operator Baltica Lines" answers "Which operator ...?" as surely as a phrase headed by
    "operator" would; the sentence's other phrases are only possible answers."""
    chunk = RetrievedChunk(id="c", source="a.txt", title="News", ordinal=0, start=0, end=len(text), text=text)
    sentence = SentenceEvidence(chunk, 0, 0, len(text), text, set(content_terms(text)), score=0.9)
    asked = analyze("Which operator runs the ferry?", language.parse_question)
    fits = {c.text: c.fit for c in find_candidates(asked, [sentence], language.annotate([text]))}
    assert fits["Baltica Lines"] == 1.0, fits
    assert fits and all(fit < 1.0 for name, fit in fits.items() if name != "Baltica Lines"), fits


def test_the_answer_is_the_name_after_the_title_the_question_asks_for(language: Language) -> None:
    """ "Which MP ...?" is answered "Chris Pincher", not "Tory MP Chris Pincher": the question already
    says the answer is an MP. A capitalised noun is a title before a person only: the "Missile" of the
    "Missile Defense Agency" is part of its name."""
    text = "The committee recommended suspending Tory MP Chris Pincher, a report by the Missile Defense Agency said."
    names = [t for t, label in candidates_in(text, "Which MP did the committee recommend suspending?", language)]
    assert "Chris Pincher" in names and not any("MP" in name for name in names), names
    found = candidates_in(text, "Which missile did the report mention?", language)
    assert ("Missile Defense Agency", "ORG") in found and not any(t == "Defense Agency" for t, _ in found), found
    text = "Mayor Eric Adams was monitoring the protest, a City Hall spokesperson said."  # a noun phrase's title
    found = candidates_in(text, "Which mayor was monitoring the protest?", language)
    assert ("Eric Adams", "NP") in found and not any("Mayor" in t for t, _ in found), found
