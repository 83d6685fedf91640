"""Choosing the quoted sentences of an extractive answer (pure: evidence is built by hand)."""

from __future__ import annotations

from rag.answer.compose import ComposeOptions, compose
from rag.answer.direct import DirectOptions
from rag.answer.evidence import SentenceEvidence
from rag.answer.question import analyze
from rag.answer.retrieve import RetrievedChunk
from rag.schemas import Answer
from rag.text import content_terms

TEXT = (
    "The council approved 48 turbines on Wednesday. Construction starts in 2026. "
    "The mayor called it a big day for the coast."
)


def chunk(source: str = "wind.txt", text: str = TEXT) -> RetrievedChunk:
    return RetrievedChunk(
        id=f"id-{source}", source=source, title="Wind farm", ordinal=0, start=0, end=len(text), text=text
    )


def sentence(text: str, score: float, source: str = "wind.txt", body: str = TEXT) -> SentenceEvidence:
    start = body.index(text)
    return SentenceEvidence(
        chunk(source, body), 0, start, start + len(text), text, set(content_terms(text)), score=score
    )


OPTIONS = ComposeOptions(abstain_below=0.4, max_sentences=2, max_words=80, follow_margin=0.12)


def answer_to(question: str, ranked: list[list[SentenceEvidence]], chunks: list[RetrievedChunk]) -> Answer:
    return compose(analyze(question), ranked, chunks, OPTIONS, DirectOptions())


def test_the_best_sentence_is_quoted_with_its_exact_span() -> None:
    best = sentence("The council approved 48 turbines on Wednesday.", 0.9)
    answer = answer_to("How many turbines?", [[best]], [best.chunk])
    assert answer.answer == "The council approved 48 turbines on Wednesday. [1]"
    citation = answer.citations[0]
    assert TEXT[citation.start : citation.end] == citation.quote and citation.source == "wind.txt"


def test_below_the_bar_the_answer_abstains_and_names_the_nearest_article() -> None:
    weak = sentence("The mayor called it a big day for the coast.", 0.2)
    answer = answer_to("Who won the election?", [[weak]], [weak.chunk])
    assert answer.abstained and answer.citations == [] and "Wind farm" in answer.answer
    assert answer.nearest[0].source == "wind.txt"


def test_a_close_second_sentence_of_the_same_article_is_added_up_to_the_limit() -> None:
    ranked = [
        sentence("The council approved 48 turbines on Wednesday.", 0.9),
        sentence("Construction starts in 2026.", 0.85),
        sentence("The mayor called it a big day for the coast.", 0.84),
    ]
    answer = answer_to("Tell me about the wind farm", [ranked], [ranked[0].chunk])
    assert [c.quote for c in answer.citations] == [s.text for s in ranked[:2]]  # max_sentences = 2


def test_a_short_answer_quotes_one_article_only() -> None:
    other_body = "Elsewhere the council approved 48 turbines too."
    ranked = [
        sentence("The council approved 48 turbines on Wednesday.", 0.9),
        sentence(other_body, 0.88, source="copy.txt", body=other_body),
    ]
    answer = answer_to("How many turbines?", [ranked], [ranked[0].chunk])
    assert {c.source for c in answer.citations} == {"wind.txt"}


def test_each_part_of_a_compound_question_gets_its_best_sentence() -> None:
    turbines = sentence("The council approved 48 turbines on Wednesday.", 0.9)
    start = sentence("Construction starts in 2026.", 0.8)
    answer = answer_to("How many turbines, and when does construction start?", [[turbines], [start]], [])
    assert [c.quote for c in answer.citations] == [turbines.text, start.text]
