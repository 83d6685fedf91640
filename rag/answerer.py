"""The answering service: retrieve -> select evidence -> compose. Models and indexes load once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from index.embedder import Embedder
from index.lexical import LexicalIndex, bm25_chunk_ids
from index.store import ChunkStore
from rag.compose import ComposeOptions, compose
from rag.evidence import ScoringWeights, SentenceEvidence, score_sentences, split_sentences
from rag.history import contextualize, split_compound
from rag.retrieve import Candidate, hybrid_retrieve
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
    candidates: list[Candidate]
    ranked_parts: list[list[SentenceEvidence]]  # ranked sentences for each part of the question

    def chunks_by_evidence(self) -> list[Candidate]:
        """Retrieved chunks, those holding the best-scored sentences first."""
        order: dict[str, Candidate] = {}
        for ranked in self.ranked_parts:
            for sentence in ranked:
                order.setdefault(sentence.chunk.chunk.id, sentence.chunk)
        for candidate in self.candidates:
            order.setdefault(candidate.chunk.id, candidate)
        return list(order.values())


class Answerer:
    def __init__(self, store: ChunkStore, embedder: Embedder, data_dir: Path, options: AnswerOptions) -> None:
        self.store = store
        self.embedder = embedder
        self.data_dir = data_dir
        self.options = options
        self.lexical = LexicalIndex.load(data_dir)

    def refresh(self) -> None:
        """Reload BM25 if `rag index` rebuilt it since we loaded it."""
        if bm25_chunk_ids(self.data_dir) != self.lexical.chunk_ids:
            self.lexical = LexicalIndex.load(self.data_dir)

    def retrieve(self, query: str, k: int | None = None) -> list[Candidate]:
        vector = self.embedder.embed_cached([query])[0]
        return hybrid_retrieve(query, vector, self.store, self.lexical, k or self.options.retrieve_k)

    def answer(self, question: str, history: Sequence[ChatTurn] = (), top_k: int | None = None) -> Answer:
        return self.compose(self.gather(question, history, top_k))

    def gather(self, question: str, history: Sequence[ChatTurn] = (), top_k: int | None = None) -> Evidence:
        """Retrieval and sentence scoring: what both the extractive and the LLM answers start from."""
        query = contextualize(question, history)
        vector = self.embedder.embed_cached([query])[0]
        candidates = hybrid_retrieve(query, vector, self.store, self.lexical, top_k or self.options.retrieve_k)
        parts = split_compound(query)
        if len(parts) == 1:
            ranked_parts = [self._ranked_evidence(query, vector, candidates)]
        else:
            ranked_parts = [self._ranked_evidence(part) for part in parts]
        return Evidence(question, query, candidates, ranked_parts)

    def compose(self, evidence: Evidence) -> Answer:
        result = compose(evidence.question, evidence.ranked_parts, evidence.candidates, self.options.compose)
        if evidence.query != evidence.question:
            result.resolved_question = evidence.query
        return result

    def _ranked_evidence(
        self, query: str, vector: np.ndarray | None = None, candidates: list[Candidate] | None = None
    ) -> list[SentenceEvidence]:
        if vector is None:
            vector = self.embedder.embed_cached([query])[0]
        if candidates is None:
            candidates = hybrid_retrieve(query, vector, self.store, self.lexical, self.options.retrieve_k)
        sentences = split_sentences(candidates[: self.options.evidence_chunks])
        return score_sentences(
            sentences,
            query,
            vector,
            self.embedder.embed_cached,
            self.lexical.idf,
            self.options.weights,
            self.options.embed_top,
        )
