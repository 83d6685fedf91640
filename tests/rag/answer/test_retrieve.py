"""Reciprocal rank fusion (pure), and retrieval over a store that lost chunks."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.chunker import Chunk
from index.embedder import Embedder
from index.encoder import TextEncoder
from rag.answer.retrieve import (
    RRF_K,
    RetrievedChunk,
    StaleIndex,
    evidence_chunks,
    hybrid_retrieve,
    reciprocal_rank_fusion,
    retrieved,
)
from rag.settings import Settings
from rag.wiring import build_service
from tests.helpers import index_folder, new_store


def test_a_chunk_found_by_both_retrievers_outranks_one_found_by_either() -> None:
    fused = reciprocal_rank_fusion([["a", "b"], ["c", "a"]])
    assert max(fused, key=fused.__getitem__) == "a"
    assert fused["a"] == pytest.approx(1 / (RRF_K + 1) + 1 / (RRF_K + 2))


def test_the_weighted_ranking_wins_ties_of_rank() -> None:
    fused = reciprocal_rank_fusion([["dense"], ["lexical"]], weights=[1.0, 2.0])
    assert fused["lexical"] == pytest.approx(2 * fused["dense"])


def test_empty_rankings_fuse_to_nothing() -> None:
    assert reciprocal_rank_fusion([[], []]) == {}


def test_bm25s_best_chunk_is_read_even_when_fusion_ranks_it_lower() -> None:
    """The embedder can miss what the question's rare words find; the chunks fusion ranks first come
    first, and nothing else below them is read."""

    def found(name: str, lexical_rank: int | None) -> RetrievedChunk:
        chunk = Chunk(id=name, source="a.txt", title="A", ordinal=0, start=0, end=1, text="x")
        return retrieved(chunk, lexical_rank=lexical_rank)

    chunks = [found("first", 3), found("second", None), found("third", 1), found("best of bm25", 0), found("last", 2)]
    assert [c.id for c in evidence_chunks(chunks, 2)] == ["first", "second", "best of bm25"]
    assert [c.id for c in evidence_chunks(chunks[:3], 2)] == ["first", "second"]


def test_a_chunk_gone_from_the_store_makes_the_snapshot_stale(
    seeds_copy: Path, tmp_path: Path, embedder: Embedder, encoder: TextEncoder
) -> None:
    """Retrieval reads ids first and the texts of the chunks it keeps after: a kept chunk whose record
    is gone (a newer version published, this one's chunks collected) must say so, not vanish, so that
    the service reloads the published version and asks again."""
    data = tmp_path / "data"
    index_folder(seeds_copy, data, embedder)
    snapshot = build_service(Settings(data_dir=data, corpus_dir=seeds_copy), encoder=encoder).snapshot
    question = "Which missile did the Russian Armed Forces test?"
    vector = encoder.embed([question])[0]
    kept = hybrid_retrieve(question, vector, snapshot, 5)
    assert len(kept) == 5
    new_store(data).delete_ids([kept[0].id])
    with pytest.raises(StaleIndex):  # every chunk kept: BM25 (the snapshot's) still ranks the lost one
        hybrid_retrieve(question, vector, snapshot, len(snapshot.chunk_ids))


DEL_RIO = (
    "Officials in Del Rio, Texas, set up shelters for thousands of migrants who crossed the river this week. "
    "Del Rio officials said the shelters in Del Rio were full, and the mayor of Del Rio asked for federal help."
)
PINAR = (
    "The hurricane made landfall in Pinar del Rio province, where officials set up 55 shelters before the storm. "
    "Tobacco farmers in the west of the island covered their crops."
)


def test_bm25s_best_chunk_is_retrieved_beside_the_fused_best(
    tmp_path: Path, embedder: Embedder, encoder: TextEncoder
) -> None:
    """A rare word of the question ("Pinar" among stories of Del Rio, Texas) can make a chunk BM25's best
    while the embedder prefers another: fusion ranks it second, below k = 1; it is read after the fused best."""
    corpus, data = tmp_path / "corpus", tmp_path / "data"
    corpus.mkdir()
    for n in range(4):
        (corpus / f"del_rio_{n}.txt").write_text(f"Border report {n}\n\n{DEL_RIO}\n", encoding="utf-8")
    (corpus / "hurricane.txt").write_text(f"Hurricane report\n\n{PINAR}\n", encoding="utf-8")
    index_folder(corpus, data, embedder)
    snapshot = build_service(Settings(data_dir=data, corpus_dir=corpus), encoder=encoder).snapshot
    question = "How many shelters did officials set up in Pinar del Rio?"
    kept = hybrid_retrieve(question, encoder.embed([question])[0], snapshot, 1)
    assert snapshot.lexical.search(question, 1)[0][0] == kept[-1].id, [c.source for c in kept]
    assert kept[-1].source == "hurricane.txt", [c.source for c in kept]
