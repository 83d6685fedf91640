"""Chunk storage in Chroma, embedded (PersistentClient) or a `chroma run` server (HttpClient).

chromadb is used directly rather than through llama-index's ChromaVectorStore: we need deletes and
listings by source file, upserts of precomputed vectors with our own ids, and plain metadata. The
vector store wrapper adds a serialized node copy to every record and hides those operations.
Embeddings are always passed explicitly: Chroma's default embedding function downloads a model.
A chunk's text is kept in its metadata, not as the record's document: Chroma builds a trigram
full-text index over documents, which we never query (BM25 is ours), and that index made writes 3x
slower (1,100 chunks: 1.5 s vs 0.55 s here). Stores written before keep working (text from documents).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlparse

import numpy as np

from index.chunker import Chunk

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from pathlib import Path

    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection
    from chromadb.api.types import Where

log = logging.getLogger(__name__)

COLLECTION = "articles"
_WRITE_BATCH = 1000
# Candidates an HNSW search keeps (Chroma's default is 100). With 100, the 60 nearest of a question came
# out differently in each process, some true neighbours missed: a process re-inserts the records its
# graph has not yet saved (up to 1,000) when it loads, and the graph differs. At 512 the nearest 60 are
# the same in every process, at no measurable cost (~0.7 ms a query over 25,000 chunks either way).
EF_SEARCH = 512
_READ_PAGE = 5000


def open_client(data_dir: Path, chroma_url: str | None = None, fresh: bool = False) -> ClientAPI:
    """Embedded store under data_dir, or the Chroma server at chroma_url; telemetry off either way.

    `fresh`: a new embedded client that reads the folder anew. Chroma keeps one client per folder
    per process, and its in-memory vector index does not see what another process (`rag index`)
    wrote; a reader opens a fresh client for each published version it switches to. Clients opened
    before keep working for the requests that still hold them.
    """
    import chromadb
    from chromadb.api.client import SharedSystemClient
    from chromadb.config import Settings

    settings = Settings(anonymized_telemetry=False, allow_reset=False)
    if chroma_url:
        url = urlparse(chroma_url)
        if not url.hostname:
            raise ValueError(f"RAG_CHROMA_URL is not a URL: {chroma_url!r}")
        port = url.port or (443 if url.scheme == "https" else 8000)
        return chromadb.HttpClient(host=url.hostname, port=port, ssl=url.scheme == "https", settings=settings)
    if fresh:
        SharedSystemClient.clear_system_cache()
    return chromadb.PersistentClient(path=str(data_dir / "chroma"), settings=settings)


class ChunkStore:
    """The collection of chunks: one record per chunk, metadata = source, title, offsets."""

    def __init__(self, client: ClientAPI, name: str = COLLECTION) -> None:
        self.client = client
        self.name = name
        self.collection = self._open()

    def _open(self) -> Collection:
        """The collection, set to be searched with EF_SEARCH candidates if it was made with fewer (the
        setting is kept in the store and read when a process next loads the collection)."""
        collection = self.client.get_or_create_collection(
            self.name, metadata={"hnsw:space": "cosine"}, embedding_function=None
        )
        if (collection.configuration_json or {}).get("hnsw", {}).get("ef_search", 0) < EF_SEARCH:
            from chromadb.errors import ChromaError

            try:
                collection.modify(configuration={"hnsw": {"ef_search": EF_SEARCH}})
            except ChromaError as error:  # another process is writing: a later open sets it
                log.warning("could not widen the vector search of %s yet: %s", self.name, error)
        return collection

    def clear(self) -> None:
        """Drop every chunk (the collection is made anew: a new model may have another dimension)."""
        self.client.delete_collection(self.name)
        self.collection = self._open()

    def count(self) -> int:
        return self.collection.count()

    def upsert(self, chunks: Sequence[Chunk], vectors: np.ndarray) -> None:
        for i in range(0, len(chunks), _WRITE_BATCH):
            part = chunks[i : i + _WRITE_BATCH]
            self.collection.upsert(
                ids=[c.id for c in part],
                embeddings=vectors[i : i + _WRITE_BATCH],
                metadatas=[_metadata(c) for c in part],
            )

    def delete_sources(self, sources: Sequence[str]) -> None:
        for i in range(0, len(sources), _WRITE_BATCH):
            self.collection.delete(where=where_in("source", sources[i : i + _WRITE_BATCH]))

    def delete_ids(self, ids: Sequence[str]) -> None:
        for i in range(0, len(ids), _WRITE_BATCH):
            self.collection.delete(ids=list(ids[i : i + _WRITE_BATCH]))

    def ids_by_source(self) -> dict[str, set[str]]:
        """Every stored chunk id, grouped by source file (to find orphans and gaps)."""
        grouped: dict[str, set[str]] = defaultdict(set)
        for offset in range(0, self.count(), _READ_PAGE):
            page = self.collection.get(include=["metadatas"], limit=_READ_PAGE, offset=offset)
            for chunk_id, meta in zip(page["ids"], page["metadatas"] or [], strict=True):
                grouped[str(meta.get("source", ""))].add(chunk_id)
        return dict(grouped)

    def all_chunks(self) -> list[Chunk]:
        chunks: list[Chunk] = []
        for offset in range(0, self.count(), _READ_PAGE):
            page = self.collection.get(include=["metadatas", "documents"], limit=_READ_PAGE, offset=offset)
            rows = zip(page["ids"], page["documents"] or [], page["metadatas"] or [], strict=True)
            chunks.extend(_chunk(*row) for row in rows)
        return chunks

    def get(self, ids: Sequence[str]) -> list[Chunk]:
        """The chunks with these ids that are stored, in the order asked."""
        by_id: dict[str, Chunk] = {}
        for i in range(0, len(ids), _WRITE_BATCH):
            page = self.collection.get(ids=list(ids[i : i + _WRITE_BATCH]), include=["metadatas", "documents"])
            rows = zip(page["ids"], page["documents"] or [], page["metadatas"] or [], strict=True)
            by_id.update((cid, _chunk(cid, doc, meta)) for cid, doc, meta in rows if meta)
        return [by_id[i] for i in ids if i in by_id]

    def vectors(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        page = self.collection.get(ids=list(ids), include=["embeddings"])
        embeddings = page["embeddings"] if page["embeddings"] is not None else []
        return {cid: np.asarray(vec, dtype=np.float32) for cid, vec in zip(page["ids"], embeddings, strict=True)}

    def nearest(self, vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        """The ids of the k nearest chunks with their cosine similarity, without their texts: the
        caller keeps a few of many (a date range reads 600 to keep 30: 29 ms with their texts, 4 ms without).
        An id may be of a record already gone (an embedded reader's vector index lags behind another
        process's deletes until it reopens): `get` tells. An empty collection answers with nothing (no
        count first: it cost 3 ms per question)."""
        if k <= 0:
            return []
        result = self.collection.query(query_embeddings=[vector], n_results=k, include=["distances"])
        distances = (result["distances"] or [[]])[0]
        return [(cid, 1.0 - float(d)) for cid, d in zip(result["ids"][0], distances, strict=True)]


def where_in(key: str, values: Sequence[str]) -> Where:
    """A Chroma filter: `key` is one of `values`."""
    return cast("Where", {key: {"$in": list(values)}})


def where_below(key: str, value: int, **equal: str) -> Where:
    """A Chroma filter: `key` < value, and each of `equal` as given."""
    return cast("Where", {"$and": [{key: {"$lt": value}}, *({k: v} for k, v in equal.items())]})


def _metadata(chunk: Chunk) -> dict[str, str | int]:
    return {
        "source": chunk.source,
        "title": chunk.title,
        "start": chunk.start,
        "end": chunk.end,
        "ordinal": chunk.ordinal,
        "tokens": chunk.token_count,
        "text": chunk.text,
    }


def _chunk(chunk_id: str, document: str | None, meta: Mapping[str, Any]) -> Chunk:
    return Chunk(
        id=chunk_id,
        source=str(meta["source"]),
        title=str(meta.get("title", "")),
        ordinal=int(meta.get("ordinal", 0)),
        start=int(meta["start"]),
        end=int(meta["end"]),
        text=str(meta.get("text") or document or ""),
        token_count=int(meta.get("tokens", 0)),
    )
