"""Chunk storage in Chroma, embedded (PersistentClient) or a `chroma run` server (HttpClient).

chromadb is used directly rather than through llama-index's ChromaVectorStore: we need deletes and
listings by source file, upserts of precomputed vectors with our own ids, and plain metadata. The
vector store wrapper adds a serialized node copy to every record and hides those operations.
Embeddings are always passed explicitly: Chroma's default embedding function downloads a model.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

from index.chunker import Chunk

COLLECTION = "articles"
_WRITE_BATCH = 1000


@dataclass(frozen=True)
class StoredChunk:
    id: str
    source: str
    title: str
    start: int
    end: int
    text: str
    ordinal: int


@dataclass(frozen=True)
class Hit:
    chunk: StoredChunk
    score: float  # cosine similarity


def open_client(data_dir: Path, chroma_url: str | None = None):  # noqa: ANN201 - chromadb ClientAPI
    """Embedded store under data_dir, or the Chroma server at chroma_url; telemetry off either way."""
    import chromadb
    from chromadb.config import Settings

    settings = Settings(anonymized_telemetry=False, allow_reset=False)
    if chroma_url:
        url = urlparse(chroma_url)
        if not url.hostname:
            raise ValueError(f"RAG_CHROMA_URL is not a URL: {chroma_url!r}")
        port = url.port or (443 if url.scheme == "https" else 8000)
        return chromadb.HttpClient(host=url.hostname, port=port, ssl=url.scheme == "https", settings=settings)
    return chromadb.PersistentClient(path=str(data_dir / "chroma"), settings=settings)


class ChunkStore:
    """The collection of chunks: one record per chunk, metadata = source, title, offsets."""

    def __init__(self, client, name: str = COLLECTION) -> None:  # noqa: ANN001 - chromadb ClientAPI
        self.client = client
        self.collection = client.get_or_create_collection(
            name, metadata={"hnsw:space": "cosine"}, embedding_function=None
        )

    def count(self) -> int:
        return self.collection.count()

    def upsert(self, chunks: Sequence[Chunk], vectors: np.ndarray) -> None:
        for i in range(0, len(chunks), _WRITE_BATCH):
            part = chunks[i : i + _WRITE_BATCH]
            self.collection.upsert(
                ids=[c.id for c in part],
                embeddings=vectors[i : i + _WRITE_BATCH],
                documents=[c.text for c in part],
                metadatas=[_metadata(c) for c in part],
            )

    def delete_sources(self, sources: Sequence[str]) -> None:
        for i in range(0, len(sources), _WRITE_BATCH):
            self.collection.delete(where={"source": {"$in": list(sources[i : i + _WRITE_BATCH])}})

    def delete_ids(self, ids: Sequence[str]) -> None:
        for i in range(0, len(ids), _WRITE_BATCH):
            self.collection.delete(ids=list(ids[i : i + _WRITE_BATCH]))

    def ids_by_source(self) -> dict[str, set[str]]:
        """Every stored chunk id, grouped by source file (to find orphans and gaps)."""
        grouped: dict[str, set[str]] = defaultdict(set)
        for offset in range(0, self.count(), _WRITE_BATCH * 5):
            page = self.collection.get(include=["metadatas"], limit=_WRITE_BATCH * 5, offset=offset)
            for chunk_id, meta in zip(page["ids"], page["metadatas"], strict=True):
                grouped[str(meta.get("source", ""))].add(chunk_id)
        return dict(grouped)

    def all_chunks(self) -> list[StoredChunk]:
        chunks: list[StoredChunk] = []
        for offset in range(0, self.count(), _WRITE_BATCH * 5):
            page = self.collection.get(include=["metadatas", "documents"], limit=_WRITE_BATCH * 5, offset=offset)
            chunks.extend(_stored(*row) for row in zip(page["ids"], page["documents"], page["metadatas"], strict=True))
        return chunks

    def get(self, ids: Sequence[str]) -> list[StoredChunk]:
        if not ids:
            return []
        page = self.collection.get(ids=list(ids), include=["metadatas", "documents"])
        by_id = {row[0]: _stored(*row) for row in zip(page["ids"], page["documents"], page["metadatas"], strict=True)}
        return [by_id[i] for i in ids if i in by_id]

    def vectors(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        page = self.collection.get(ids=list(ids), include=["embeddings"])
        return {
            cid: np.asarray(vec, dtype=np.float32) for cid, vec in zip(page["ids"], page["embeddings"], strict=True)
        }

    def query(self, vector: np.ndarray, k: int) -> list[Hit]:
        if k <= 0 or self.count() == 0:
            return []
        result = self.collection.query(
            query_embeddings=[vector], n_results=k, include=["metadatas", "documents", "distances"]
        )
        rows = zip(
            result["ids"][0], result["documents"][0], result["metadatas"][0], result["distances"][0], strict=True
        )
        return [Hit(_stored(cid, doc, meta), 1.0 - float(dist)) for cid, doc, meta, dist in rows]


def _metadata(chunk: Chunk) -> dict[str, str | int]:
    return {
        "source": chunk.source,
        "title": chunk.title,
        "start": chunk.start,
        "end": chunk.end,
        "ordinal": chunk.ordinal,
    }


def _stored(chunk_id: str, document: str, meta: dict) -> StoredChunk:
    return StoredChunk(
        id=chunk_id,
        source=str(meta["source"]),
        title=str(meta.get("title", "")),
        start=int(meta["start"]),
        end=int(meta["end"]),
        text=document,
        ordinal=int(meta.get("ordinal", 0)),
    )
