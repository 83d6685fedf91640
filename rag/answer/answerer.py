"""The extractive pipeline: follow-ups resolved -> retrieve -> score sentences -> compose.

Every call reads one index snapshot (one published version) from start to end. `gather` stops before
composing, because LLM answers start from the same evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rag.answer.compose import ComposeOptions, compose
from rag.answer.evidence import ScoringWeights, SentenceEvidence, score_sentences, split_sentences
from rag.answer.followups import contextualize, split_compound
from rag.answer.retrieve import RetrievedChunk, dense_retrieve, hybrid_retrieve

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    import numpy as np

    from index.embedder import Embedder
    from index.lexical import LexicalIndex
    from index.snapshot import IndexSnapshot
    from rag.schemas import Answer, ChatTurn


@dataclass(frozen=True)
class AnswerOptions:
    retrieve_k: int = 10  # chunks fused from the dense and BM25 lists
    evidence_chunks: int = 6  # of those, whose sentences are scored
    embed_top: int = 8  # sentences embedded for the final score (the slowest step of an answer)
    weights: ScoringWeights = field(default_factory=ScoringWeights)
    compose: ComposeOptions = field(default_factory=ComposeOptions)


@dataclass(frozen=True)
class Evidence:
    question: str
    query: str  # the question as searched (with earlier turns when it needed them)
    chunks: list[RetrievedChunk]
    ranked_parts: list[list[SentenceEvidence]]  # ranked sentences for each part of the question
    idf: Callable[[str], float]  # term weights of the index these chunks came from

    def chunks_by_evidence(self) -> list[RetrievedChunk]:
        """Retrieved chunks, those holding the best-scored sentences first."""
        order: dict[str, RetrievedChunk] = {}
        for ranked in self.ranked_parts:
            for sentence in ranked:
                order.setdefault(sentence.chunk.id, sentence.chunk)
        for chunk in self.chunks:
            order.setdefault(chunk.id, chunk)
        return list(order.values())


class Answerer:
    def __init__(self, embedder: Embedder, options: AnswerOptions) -> None:
        self.embedder = embedder
        self.options = options

    def retrieve(self, index: IndexSnapshot, query: str, k: int | None = None) -> list[RetrievedChunk]:
        vector = self.embedder.embed_cached([query])[0]
        return hybrid_retrieve(query, vector, index, k or self.options.retrieve_k)

    def search(self, index: IndexSnapshot, query: str, k: int) -> list[RetrievedChunk]:
        """Dense search only: what the embedding model finds nearest."""
        return dense_retrieve(self.embedder.embed([query])[0], index, k)

    def answer(
        self, index: IndexSnapshot, question: str, history: Sequence[ChatTurn] = (), top_k: int | None = None
    ) -> Answer:
        return self.compose(self.gather(index, question, history, top_k))

    def gather(
        self, index: IndexSnapshot, question: str, history: Sequence[ChatTurn] = (), top_k: int | None = None
    ) -> Evidence:
        """Retrieval and sentence scoring: what both the extractive and the LLM answers start from."""
        k = top_k or self.options.retrieve_k
        query = contextualize(question, history)
        vector = self.embedder.embed_cached([query])[0]
        chunks = hybrid_retrieve(query, vector, index, k)
        parts = split_compound(query)
        if len(parts) == 1:
            ranked_parts = [self._ranked_evidence(query, vector, chunks, index.lexical)]
        else:
            ranked_parts = [self._ranked_part(part, k, index) for part in parts]
        return Evidence(question, query, chunks, ranked_parts, index.lexical.idf)

    def compose(self, evidence: Evidence) -> Answer:
        result = compose(evidence.question, evidence.ranked_parts, evidence.chunks, self.options.compose)
        if evidence.query != evidence.question:
            result.resolved_question = evidence.query
        return result

    def _ranked_part(self, part: str, k: int, index: IndexSnapshot) -> list[SentenceEvidence]:
        vector = self.embedder.embed_cached([part])[0]
        chunks = hybrid_retrieve(part, vector, index, k)
        return self._ranked_evidence(part, vector, chunks, index.lexical)

    def _ranked_evidence(
        self, query: str, vector: np.ndarray, chunks: list[RetrievedChunk], lexical: LexicalIndex
    ) -> list[SentenceEvidence]:
        sentences = split_sentences(chunks[: self.options.evidence_chunks])
        return score_sentences(
            sentences,
            query,
            vector,
            self.embedder.embed_cached,
            lexical.idf,
            self.options.weights,
            self.options.embed_top,
        )
