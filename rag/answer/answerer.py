"""The extractive pipeline: follow-ups resolved -> retrieve -> score sentences -> compose.

Every call reads one index snapshot (one published version) from start to end. `gather` stops before
composing, because LLM answers start from the same evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import partial
from typing import TYPE_CHECKING

from index.snapshot import PerVersion
from rag.answer.articles import CANDIDATES, about_article, answer_about_article
from rag.answer.compose import ComposeOptions, compose
from rag.answer.copies import diversify
from rag.answer.direct import DirectOptions, attach_candidates
from rag.answer.evidence import ScoringWeights, SentenceEvidence, score_sentences, split_sentences
from rag.answer.followups import Resolved, plays_its_role, quoted_in, resolve, split_compound
from rag.answer.question import Question, analyze
from rag.answer.retrieve import RetrievedChunk, article_chunks, dense_retrieve, evidence_chunks, hybrid_retrieve
from rag.answer.timeframe import (
    ANY_TIME,
    TimeFrame,
    admitted_chunks,
    arrange,
    article_dates,
    mentions_named_time,
    searched,
    without_named_time,
)
from rag.text import content_terms

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence
    from datetime import date

    import numpy as np

    from index.encoder import TextEncoder
    from index.snapshot import IndexSnapshot
    from rag.answer.language import Language
    from rag.schemas import Answer, ChatTurn


@dataclass(frozen=True)
class AnswerOptions:
    retrieve_k: int = 10  # chunks fused from the dense and BM25 lists
    evidence_chunks: int = 6  # of those, whose sentences are scored
    embed_top: int = 12  # sentences embedded for the final score (the slowest step of an answer)
    parse_top: int = 6  # of those, parsed for answer candidates (when a short answer is expected)
    weights: ScoringWeights = field(default_factory=ScoringWeights)
    direct: DirectOptions = field(default_factory=DirectOptions)
    compose: ComposeOptions = field(default_factory=ComposeOptions)


@dataclass(frozen=True)
class Evidence:
    question: str
    query: str  # the question as searched (with earlier turns when it needed them)
    analysis: Question  # what the query asks for
    chunks: list[RetrievedChunk]
    ranked_parts: list[list[SentenceEvidence]]  # ranked sentences for each part of the question
    idf: Callable[[str], float]  # term weights of the index these chunks came from
    settled: Answer | None = None  # answered from an article's head (articles.py): nothing to compose
    asked: str = ""  # the question with its pronouns replaced (as `question` when it had none)
    dates: Mapping[str, date] = field(default_factory=dict)  # publication dates (conflicts: the newest first)
    relative: tuple[date, date] | None = None  # the only dates read, from a time relative to the day of asking
    article: Callable[[str], list[RetrievedChunk]] = field(default=lambda source: [])  # all chunks of an article

    @property
    def strength(self) -> float:
        """How well the best sentence answers (an answer from an article's head is as strong as can be)."""
        if self.settled is not None:
            return float("inf")
        return max((s.strength for ranked in self.ranked_parts[:1] for s in ranked), default=float("-inf"))

    def chunks_by_evidence(self) -> list[RetrievedChunk]:
        """Retrieved chunks, those holding the best-scored sentences first."""
        order: dict[str, RetrievedChunk] = {}
        for ranked in self.ranked_parts:
            for sentence in ranked:
                order.setdefault(sentence.chunk.id, sentence.chunk)
        for chunk in self.chunks:
            order.setdefault(chunk.id, chunk)
        return list(order.values())


BORNE_OUT_BY = 3  # the best sentences a reading of a follow-up is checked against


class Answerer:
    def __init__(self, embedder: TextEncoder, language: Language, options: AnswerOptions) -> None:
        self.embedder = embedder
        self.language = language
        self.options = options
        self._dates = PerVersion(article_dates)  # the articles' publication dates, parsed once per version

    def retrieve(self, index: IndexSnapshot, query: str, k: int | None = None) -> list[RetrievedChunk]:
        """The k best chunks (hybrid_retrieve may add BM25's best after them, for answering only)."""
        vector = self.embedder.embed_cached([query])[0]
        k = k or self.options.retrieve_k
        return hybrid_retrieve(query, vector, index, k)[:k]

    def search(self, index: IndexSnapshot, query: str, k: int) -> list[RetrievedChunk]:
        """Dense search only: what the embedding model finds nearest."""
        return dense_retrieve(self.embedder.embed([query])[0], index, k)

    def answer(
        self, index: IndexSnapshot, question: str, history: Sequence[ChatTurn] = (), top_k: int | None = None
    ) -> Answer:
        return self.compose(self.gather(index, question, history, top_k))

    def analyze(self, question: str) -> Question:
        return analyze(question, self.language.parse_question)

    def gather(
        self,
        index: IndexSnapshot,
        question: str,
        history: Sequence[ChatTurn] = (),
        top_k: int | None = None,
        frame: TimeFrame = ANY_TIME,
    ) -> Evidence:
        """Retrieval and sentence scoring: what both the extractive and the LLM answers start from. A
        follow-up read two ways ("they": the body that paid, or the repairs it paid for) is answered as
        the reading the articles support better."""
        k = top_k or self.options.retrieve_k
        resolved = resolve(question, history, self.language.annotate)
        shown = quoted_in(history, question)
        found = self._gather_resolved(index, question, resolved, shown, k, frame)
        if resolved.otherwise is None:
            return found
        other = self._gather_resolved(index, question, resolved.otherwise, shown, k, frame)
        return max((found, resolved), (other, resolved.otherwise), key=lambda read: self._borne_out(question, *read))[0]

    def _borne_out(self, question: str, evidence: Evidence, reading: Resolved) -> tuple[bool, float]:
        """How well the articles bear a reading out: what its pronoun stood for plays the asked role in
        one of the best sentences, then the best sentence's strength."""
        ranked = sorted((s for part in evidence.ranked_parts[:1] for s in part), key=lambda s: -s.strength)
        plays = any(plays_its_role(question, reading, s.text, self.language.annotate) for s in ranked[:BORNE_OUT_BY])
        return plays, evidence.strength

    def _gather_resolved(
        self, index: IndexSnapshot, question: str, resolved: Resolved, shown: str, k: int, frame: TimeFrame
    ) -> Evidence:
        query = resolved.searched
        if (asked := about_article(query)) is not None:
            settled = answer_about_article(
                asked, question, index, lambda topic: self.retrieve(index, topic, CANDIDATES)
            )
            if settled is not None:
                return Evidence(
                    question, query, analyze(query), [], [], index.lexical.idf, settled=settled, asked=resolved.asked
                )
        search = searched(query, frame)
        vector = self.embedder.embed_cached([search])[0]
        dates = self._dates.of(index)
        admitted = admitted_chunks(index.manifest, frame, dates)
        found = hybrid_retrieve(search, vector, index, k, admitted=admitted)
        if frame.named and not mentions_named_time(search, [c.text for c in found]):
            search = without_named_time(search)  # the time is when the articles appeared, not in their text
            vector = self.embedder.embed_cached([search])[0]
            found = hybrid_retrieve(search, vector, index, k, admitted=admitted)
        chunks = arrange(diversify(found, index.manifest), frame, dates)
        parts = split_compound(search)
        if len(parts) == 1:  # a follow-up searched with the question before it asks what it asks...
            analysis = self.analyze(search if resolved.asked == query else resolved.asked)
            # ...and its sentences are weighed by the words searched ("Who said that?" has none of its own)
            analysis = replace(analysis, terms=analysis.terms | frozenset(content_terms(search)))
            ranked_parts = [self._ranked_evidence(analysis, vector, chunks, index, shown)]
        else:
            analysis = analyze(search)  # a compound question as a whole expects no one short answer
            ranked_parts = [self._ranked_part(part, k, index, shown, admitted) for part in parts]
        return Evidence(
            question,
            query,
            analysis,
            chunks,
            ranked_parts,
            index.lexical.idf,
            dates=dates,
            relative=frame.relative,
            article=partial(article_chunks, index),
            asked=resolved.asked,
        )

    def compose(self, evidence: Evidence) -> Answer:
        if evidence.settled is not None:
            result = evidence.settled.model_copy()
        else:
            result = compose(
                evidence.analysis,
                evidence.ranked_parts,
                evidence.chunks,
                self.options.compose,
                self.options.direct,
                evidence.dates,
                evidence.article,
            )
        result.question = evidence.question
        if result.abstained and evidence.relative is not None:
            start, end = evidence.relative
            result.answer += f" Only articles published from {start} to {end} were read: the time the question names."
        # as understood: its pronouns replaced, or else the earlier words it was searched with
        understood = evidence.asked if evidence.asked and evidence.asked != evidence.question else evidence.query
        if understood != evidence.question:
            result.resolved_question = understood
        return result

    def _ranked_part(
        self, part: str, k: int, index: IndexSnapshot, shown: str, admitted: frozenset[str] | None
    ) -> list[SentenceEvidence]:
        vector = self.embedder.embed_cached([part])[0]
        chunks = hybrid_retrieve(part, vector, index, k, admitted=admitted)
        return self._ranked_evidence(self.analyze(part), vector, chunks, index, shown)

    def _ranked_evidence(
        self, question: Question, vector: np.ndarray, chunks: list[RetrievedChunk], index: IndexSnapshot, shown: str
    ) -> list[SentenceEvidence]:
        options = self.options
        sentences = split_sentences(evidence_chunks(chunks, options.evidence_chunks))
        ranked = score_sentences(
            sentences,
            question,
            vector,
            lambda texts: index.sentences.embedded(texts, self.embedder.embed_cached),
            index.lexical.idf,
            options.weights,
            options.embed_top,
            shown,
            options.embed_top // options.compose.max_articles if question.wants_many else 0,
        )
        attach_candidates(ranked, question, self.language.annotate, options.direct, options.parse_top)
        return ranked
