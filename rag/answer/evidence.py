"""Sentence-level evidence: which sentences of the retrieved chunks answer the question.

Each sentence gets a lexical score first (IDF-weighted coverage of the question's content words, in
the sentence and its neighbours, plus its chunk's retrieval rank); the best few are then embedded and
scored by similarity to the question too. Near-duplicates (overlapping chunks repeat sentences, and
articles repeat each other) are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from index.sentences import sentence_spans
from rag.text import TermWeights, content_terms, numbers, words

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from rag.answer.retrieve import RetrievedChunk

MIN_WORDS = 4
QUANTITY_QUESTION = re.compile(
    r"\b(how (many|much|old|long|far|tall|big|often)|what (percentage|percent|proportion|share|number|age|year)"
    r"|which year|what amount|which amount|how much)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ScoringWeights:
    """Calibrated on shared/bench/realtimeqa/questions.jsonl by bench/calibrate.py (global weights)."""

    dense: float = 0.3
    coverage: float = 0.2
    context: float = 0.2
    chunk_prior: float = 0.0


@dataclass
class SentenceEvidence:
    chunk: RetrievedChunk
    chunk_rank: int
    start: int  # absolute offsets in the source file
    end: int
    text: str
    terms: set[str]
    coverage: float = 0.0
    context: float = 0.0
    dense: float = 0.0
    answers_type: bool = True
    score: float = 0.0
    features: dict[str, float] = field(default_factory=dict)

    @property
    def source(self) -> str:
        return self.chunk.source


def split_sentences(chunks: Sequence[RetrievedChunk]) -> list[SentenceEvidence]:
    """Every sentence of the retrieved chunks once (the best-ranked chunk keeps a repeated one)."""
    seen: set[tuple[str, int, int]] = set()
    sentences: list[SentenceEvidence] = []
    for rank, chunk in enumerate(chunks):
        for s, e in sentence_spans(chunk.text):
            key = (chunk.source, chunk.start + s, chunk.start + e)
            text = chunk.text[s:e]
            if key in seen or len(words(text)) < MIN_WORDS:
                continue
            seen.add(key)
            sentences.append(SentenceEvidence(chunk, rank, key[1], key[2], text, set(content_terms(text))))
    return sentences


def lexical_scores(sentences: list[SentenceEvidence], question_terms: list[str], idf: Callable[[str], float]) -> None:
    """Coverage of the question's terms by each sentence, and by its neighbours (context)."""
    weights = TermWeights(question_terms, idf)
    for i, sentence in enumerate(sentences):
        sentence.coverage = weights.coverage(sentence.terms)
        neighbours = set(sentence.terms)
        for j in (i - 1, i + 1):
            if 0 <= j < len(sentences) and sentences[j].chunk is sentence.chunk:
                neighbours |= sentences[j].terms
        neighbours |= set(content_terms(sentence.chunk.title))
        sentence.context = weights.coverage(neighbours)


def expects_quantity(question: str) -> bool:
    return bool(QUANTITY_QUESTION.search(question))


def answer_type_check(sentences: list[SentenceEvidence], question: str) -> None:
    """A sentence can only answer if it says something the question does not: a number for a
    quantity question, and in any case a content word beyond the question's own."""
    question_terms = set(content_terms(question))
    question_numbers = numbers(question)
    wants_number = expects_quantity(question)
    for sentence in sentences:
        new_terms = sentence.terms - question_terms
        has_new_number = bool(numbers(sentence.text) - question_numbers)
        sentence.answers_type = bool(new_terms) and (has_new_number or not wants_number)


def prior(rank: int) -> float:
    return 1.0 / (1.0 + rank)


def score_sentences(
    sentences: list[SentenceEvidence],
    question: str,
    question_vector: np.ndarray,
    embed: Callable[[list[str]], np.ndarray],
    idf: Callable[[str], float],
    weights: ScoringWeights,
    embed_top: int,
) -> list[SentenceEvidence]:
    """Sentences best first; only the `embed_top` best by lexical score are embedded."""
    if not sentences:
        return []
    lexical_scores(sentences, content_terms(question), idf)
    answer_type_check(sentences, question)
    for s in sentences:
        s.score = (
            weights.coverage * s.coverage + weights.context * s.context + weights.chunk_prior * prior(s.chunk_rank)
        )
        s.score += weights.dense * s.chunk.dense  # chunk-level similarity until the sentence's own is known
    shortlist = sorted(sentences, key=lambda s: -s.score)[:embed_top]
    vectors = embed([s.text for s in shortlist])
    for s, vector in zip(shortlist, vectors, strict=True):
        s.dense = float(np.dot(vector, question_vector))
        s.score += weights.dense * (s.dense - s.chunk.dense)
        s.features = {
            "dense": round(s.dense, 4),
            "coverage": round(s.coverage, 4),
            "context": round(s.context, 4),
            "chunk_rank": s.chunk_rank,
        }
    return sorted(shortlist, key=lambda s: (-s.score, s.source, s.start))


def is_near_duplicate(a: SentenceEvidence, b: SentenceEvidence, threshold: float = 0.6) -> bool:
    if not a.terms or not b.terms:
        return a.text == b.text
    return len(a.terms & b.terms) / len(a.terms | b.terms) >= threshold
