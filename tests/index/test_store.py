"""The vector search returns the true nearest chunks, the same in every process: Chroma's default
search breadth (100 candidates) missed some of a question's 60 nearest, and which ones it missed changed
with each process's graph."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from index.store import COLLECTION, EF_SEARCH, ChunkStore, open_client

if TYPE_CHECKING:
    from pathlib import Path


def test_an_older_collection_is_searched_broadly_enough_to_find_the_true_nearest(tmp_path: Path) -> None:
    """A collection made as older versions made it (Chroma's defaults) is set to EF_SEARCH candidates
    when opened; loaded again, its 60 nearest to a query are the exact 60 nearest."""
    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(3000, 24)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    older = open_client(tmp_path).get_or_create_collection(
        COLLECTION, metadata={"hnsw:space": "cosine"}, embedding_function=None
    )
    ids = [f"c{i}" for i in range(len(vectors))]
    for start in range(0, len(ids), 1000):
        older.add(ids=ids[start : start + 1000], embeddings=vectors[start : start + 1000])
    ChunkStore(open_client(tmp_path, fresh=True))
    store = ChunkStore(open_client(tmp_path, fresh=True))
    assert store.collection.configuration_json["hnsw"]["ef_search"] == EF_SEARCH
    for query in vectors[:30]:
        exact = {ids[i] for i in np.argsort(-(vectors @ query))[:60]}
        assert {cid for cid, _ in store.nearest(query, 60)} == exact
