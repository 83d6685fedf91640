"""Dense search: embed the query, ask Chroma for the nearest chunks."""

from __future__ import annotations

from index.embedder import Embedder
from index.store import ChunkStore, Hit
from rag.schemas import ChunkHit


def to_chunk_hit(hit: Hit) -> ChunkHit:
    chunk = hit.chunk
    return ChunkHit(
        chunk_id=chunk.id,
        source=chunk.source,
        title=chunk.title,
        start=chunk.start,
        end=chunk.end,
        text=chunk.text,
        score=round(hit.score, 4),
    )


def dense_search(query: str, store: ChunkStore, embedder: Embedder, k: int = 5) -> list[ChunkHit]:
    vector = embedder.embed([query])[0]
    return [to_chunk_hit(hit) for hit in store.query(vector, k)]
