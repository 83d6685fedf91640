"""Hybrid retrieval: dense (Chroma) and BM25 rankings fused by reciprocal rank fusion.

RRF needs no score calibration between the two retrievers, which have incomparable scales. BM25's
list counts double: on the RealTime QA questions BM25 alone finds the evidence file in the top 5 for
0.91 of questions vs 0.78 for dense, and weight 2 gave the best fused top-1/top-5 (0.53/0.91).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from index.chunker import Chunk
from rag.text import content_terms

if TYPE_CHECKING:
    from index.snapshot import IndexSnapshot
    from index.store import ChunkStore

RRF_K = 60
LEXICAL_WEIGHT = 2.0
DEPTH = 30  # chunks taken from each of the dense and BM25 rankings before fusion
OVERFETCH = 2  # dense results asked for per result kept (others may belong to an unpublished version)
FILTERED_DEPTH = 10  # with a date range, each ranking is read this many times deeper before filtering


@dataclass(frozen=True)
class RetrievedChunk(Chunk):
    """A chunk as the answering side sees it: the stored chunk plus how it was found."""

    fused: float = 0.0  # RRF score
    dense: float = 0.0  # cosine similarity to the query (also computed when only BM25 found it)
    dense_rank: int | None = None
    lexical_rank: int | None = None


def reciprocal_rank_fusion(
    rankings: list[list[str]], weights: list[float] | None = None, k: int = RRF_K
) -> dict[str, float]:
    fused: dict[str, float] = {}
    for ranking, weight in zip(rankings, weights or [1.0] * len(rankings), strict=True):
        for rank, chunk_id in enumerate(ranking):
            fused[chunk_id] = fused.get(chunk_id, 0.0) + weight / (k + rank + 1)
    return fused


class StaleIndex(RuntimeError):
    """The store no longer holds chunks of the snapshot being read: a newer version was published
    and the old one's chunks collected. The caller loads the new snapshot and asks again."""


def hybrid_retrieve(
    query: str,
    query_vector: np.ndarray,
    index: IndexSnapshot,
    k: int,
    depth: int = DEPTH,
    admitted: frozenset[str] | None = None,
) -> list[RetrievedChunk]:
    """Top-k chunks by RRF over the dense and BM25 top-`depth` lists, all of the snapshot's version
    (and among the `admitted` chunk ids only, when given: a date range)."""
    if admitted is None:
        dense = _dense_ranking(query_vector, index, depth)
        lexical_hits = index.lexical.search(query, depth)
    else:  # look deeper, then keep what the range admits
        dense = [(cid, s) for cid, s in _dense_ranking(query_vector, index, depth * FILTERED_DEPTH) if cid in admitted]
        lexical_hits = [(cid, s) for cid, s in index.lexical.search(query, depth * FILTERED_DEPTH) if cid in admitted]
        dense, lexical_hits = dense[:depth], lexical_hits[:depth]
    dense_ids = [cid for cid, _ in dense]
    lexical_ids = [cid for cid, _ in lexical_hits]
    fused = reciprocal_rank_fusion([dense_ids, lexical_ids], [1.0, LEXICAL_WEIGHT])
    best = sorted(fused, key=lambda cid: (-fused[cid], cid))[:k]
    lexical_best = lexical_ids[0] if lexical_ids and lexical_ids[0] not in best else None
    chunks = _read(index, best if lexical_best is None else [*best, lexical_best])
    if lexical_best is not None and _holds_words_missed(query, chunks[lexical_best], [chunks[c] for c in best]):
        best.append(lexical_best)
    dense_scores = dict(dense)
    missing = [cid for cid in best if cid not in dense_scores]
    if missing:
        dense_scores.update(_cosines(index.store, missing, query_vector))
    return [
        retrieved(
            chunks[cid],
            fused=fused[cid],
            dense=dense_scores.get(cid, 0.0),
            dense_rank=_rank(dense_ids, cid),
            lexical_rank=_rank(lexical_ids, cid),
        )
        for cid in best
        if cid in chunks
    ]


def _holds_words_missed(query: str, chunk: Chunk, found: list[Chunk]) -> bool:
    """BM25's best chunk, which fusion ranked lower, holds a word of the question that none of the fused
    chunks holds ("Pinar" of "Pinar del Rio", among stories of Del Rio, Texas, the embedder prefers): the
    embedder missed what the question's rare word finds. Without such a word it adds nothing the fused
    chunks lack but a rival ("rocket" in one more launch story)."""
    missed = set(content_terms(query)) - set().union(*(content_terms(c.text) for c in found))
    return bool(missed & set(content_terms(chunk.text)))


def evidence_chunks(chunks: list[RetrievedChunk], k: int) -> list[RetrievedChunk]:
    """The first k fused chunks, and BM25's best when fusion ranks it lower (the embedder can miss
    what the question's rare words find: "the medical journal JAMA" ranks 8th; detail questions
    193 -> 197 right, 70 -> 72 wrong, gold in the answer 280 -> 286 of 336; bench answers unchanged,
    citation precision 0.556 -> 0.537)."""
    return chunks[:k] + [c for c in chunks[k:] if c.lexical_rank == 0]


def dense_retrieve(query_vector: np.ndarray, index: IndexSnapshot, k: int) -> list[RetrievedChunk]:
    """The nearest chunks by embedding alone (`rag search`)."""
    ranking = _dense_ranking(query_vector, index, k)
    chunks = _read(index, [cid for cid, _ in ranking])
    return [retrieved(chunks[cid], dense=score, dense_rank=rank) for rank, (cid, score) in enumerate(ranking)]


def _dense_ranking(query_vector: np.ndarray, index: IndexSnapshot, k: int) -> list[tuple[str, float]]:
    """The ids of the k nearest chunks of the snapshot's version, with their cosine similarity. The
    store may also hold chunks of a version being written (skipped: a few more are asked for)."""
    nearest = index.store.nearest(query_vector, k * OVERFETCH)
    return [(cid, score) for cid, score in nearest if cid in index.chunk_ids][:k]


def _read(index: IndexSnapshot, ids: list[str]) -> dict[str, Chunk]:
    """The chunks of these ids of the snapshot's version; StaleIndex when the store has lost some
    (a newer version was published and this one's chunks collected)."""
    chunks = {c.id: c for c in index.store.get(ids)}
    if any(cid not in chunks for cid in ids):
        raise StaleIndex(f"chunks of version {index.version} are gone from the store")
    return chunks


def article_chunks(index: IndexSnapshot, source: str) -> list[RetrievedChunk]:
    """Every chunk of one article of the snapshot's version, in order (read when what was retrieved of
    it is not enough: the one passage that names a person in full)."""
    entry = index.manifest.files.get(source)
    if entry is None:
        return []
    chunks = _read(index, entry.chunk_ids)
    return [retrieved(chunks[cid]) for cid in entry.chunk_ids]


def retrieved(
    chunk: Chunk, fused: float = 0.0, dense: float = 0.0, dense_rank: int | None = None, lexical_rank: int | None = None
) -> RetrievedChunk:
    return RetrievedChunk(**vars(chunk), fused=fused, dense=dense, dense_rank=dense_rank, lexical_rank=lexical_rank)


def _cosines(store: ChunkStore, ids: list[str], query_vector: np.ndarray) -> dict[str, float]:
    vectors = store.vectors(ids)
    return {cid: float(np.dot(vec, query_vector)) for cid, vec in vectors.items()}


def _rank(ranking: list[str], chunk_id: str) -> int | None:
    return ranking.index(chunk_id) if chunk_id in ranking else None
