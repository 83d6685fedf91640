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
        query = contextualize(question, history)
        vector = self.embedder.embed_cached([query])[0]
        candidates = hybrid_retrieve(query, vector, self.store, self.lexical, top_k or self.options.retrieve_k)
        parts = split_compound(query)
        if len(parts) == 1:
            ranked_parts = [self._ranked_evidence(query, vector, candidates)]
        else:
            ranked_parts = [self._ranked_evidence(part) for part in parts]
        result = compose(question, ranked_parts, candidates, self.options.compose)
        if query != question:
            result.resolved_question = query
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
