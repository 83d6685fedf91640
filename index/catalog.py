"""The catalog: what `rag index` published, kept in the store beside the chunks.

A second Chroma collection (`<collection>-state`) holds
- the published manifest of each version, as JSON split into parts, and a pointer record naming the
  version readers should use (written last: switching versions is one record upsert);
- the text of every indexed file by content hash, so citations, article views and BM25 can be served
  from the store alone (a replica on another machine needs nothing else);
- the indexer's lease (see lock.py).
Records carry a one-dimensional dummy vector: Chroma stores nothing without one.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

import numpy as np

from index.manifest import FORMAT, Manifest
from index.store import where_below, where_in

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection

POINTER = "published"
STORE_CONFIG = "store-config"
PART_CHARS = 200_000  # blobs are split into documents of at most this many characters
_BATCH = 200


class CatalogError(RuntimeError):
    """The catalog changed while it was being read, several times in a row."""


def state_collection(client: ClientAPI, name: str) -> Collection:
    return client.get_or_create_collection(f"{name}-state", embedding_function=None)


class Catalog:
    def __init__(self, client: ClientAPI, name: str) -> None:
        self.collection = state_collection(client, name)

    # -- published manifests ---------------------------------------------------------------------
    def version(self) -> int:
        """The published version (0 when nothing was published): one small read, for polling."""
        pointer = self._pointer()
        return int(pointer["version"]) if pointer else 0

    def load(self) -> Manifest:
        """The published manifest; an empty one when nothing was published or its format is older."""
        for _ in range(5):
            pointer = self._pointer()
            if pointer is None:
                return Manifest()
            text = self._blob(f"manifest-{pointer['version']}", int(pointer["parts"]))
            if text is not None:
                manifest = Manifest.model_validate_json(text)
                return manifest if manifest.format == FORMAT else Manifest()
            time.sleep(0.05)  # a newer publish removed this version's parts while we read: look again
        raise CatalogError("the published manifest kept changing while it was read")

    def publish(self, manifest: Manifest) -> None:
        """Make `manifest` the version readers use. Its parts are written first, the pointer last."""
        key = f"manifest-{manifest.version}"
        parts = self._put_blob(key, manifest.model_dump_json(), {"kind": "manifest", "version": manifest.version})
        self.collection.upsert(
            ids=[POINTER],
            embeddings=_zeros(1),
            metadatas=[{"kind": "pointer", "version": manifest.version, "parts": parts, "at": time.time()}],
        )
        # the previous version stays for readers still on it
        self.collection.delete(where=where_below("version", manifest.version - 1, kind="manifest"))

    # -- what the stored vectors were made with -----------------------------------------------------
    def store_config(self) -> str | None:
        """The settings the chunk collection's vectors were made with (JSON), as the last indexer saw them."""
        got = self.collection.get(ids=[STORE_CONFIG], include=["documents"])
        documents = got["documents"] or []
        return documents[0] if got["ids"] and documents else None

    def set_store_config(self, config: str) -> None:
        self.collection.upsert(
            ids=[STORE_CONFIG], embeddings=_zeros(1), documents=[config], metadatas=[{"kind": "config"}]
        )

    # -- article texts ---------------------------------------------------------------------------
    def put_text(self, sha256: str, text: str) -> None:
        self.put_texts({sha256: text})

    def put_texts(self, texts: Mapping[str, str]) -> None:
        """Several files' texts in as few writes as possible (one write each cost 7x more here)."""
        records: list[tuple[str, str, dict[str, str | int]]] = [
            (f"text-{sha256}-{i}", part, {"kind": "text", "sha256": sha256, "part": i})
            for sha256, text in texts.items()
            for i, part in enumerate(_parts(text))
        ]
        for i in range(0, len(records), _BATCH):
            batch = records[i : i + _BATCH]
            self.collection.upsert(
                ids=[r[0] for r in batch],
                embeddings=_zeros(len(batch)),
                documents=[r[1] for r in batch],
                metadatas=[r[2] for r in batch],
            )

    def text(self, sha256: str) -> str | None:
        """The text of the file with this content hash, exactly as it was indexed."""
        got = self.collection.get(where={"sha256": sha256}, include=["documents", "metadatas"])
        if not got["ids"]:
            return None
        return _join(got["ids"], got["documents"] or [], f"text-{sha256}", len(got["ids"]))

    def text_hashes(self) -> set[str]:
        got = self.collection.get(where={"kind": "text"}, include=["metadatas"])
        return {str(m["sha256"]) for m in got["metadatas"] or []}

    def delete_texts(self, hashes: Iterable[str]) -> None:
        hashes = list(hashes)
        for i in range(0, len(hashes), _BATCH):
            self.collection.delete(where=where_in("sha256", hashes[i : i + _BATCH]))

    # -- storage of long strings -----------------------------------------------------------------
    def _pointer(self) -> dict[str, Any] | None:
        got = self.collection.get(ids=[POINTER], include=["metadatas"])
        metadatas = got["metadatas"] or []
        return dict(metadatas[0]) if got["ids"] and metadatas and metadatas[0] else None

    def _put_blob(self, key: str, text: str, metadata: dict[str, str | int]) -> int:
        parts = _parts(text)
        for i in range(0, len(parts), _BATCH):
            batch = parts[i : i + _BATCH]
            self.collection.upsert(
                ids=[f"{key}-{i + j}" for j in range(len(batch))],
                embeddings=_zeros(len(batch)),
                documents=batch,
                metadatas=[{**metadata, "part": i + j} for j in range(len(batch))],
            )
        return len(parts)

    def _blob(self, key: str, parts: int) -> str | None:
        ids = [f"{key}-{i}" for i in range(parts)]
        got = self.collection.get(ids=ids, include=["documents"])
        return _join(got["ids"], got["documents"] or [], key, parts)


def _parts(text: str) -> list[str]:
    return [text[i : i + PART_CHARS] for i in range(0, len(text), PART_CHARS)] or [""]


def _zeros(rows: int) -> np.ndarray:
    return np.zeros((rows, 1), dtype=np.float32)


def _join(ids: Sequence[str], documents: Sequence[str | None], key: str, parts: int) -> str | None:
    """The parts in order, or None if any is missing."""
    by_id = dict(zip(ids, documents, strict=True))
    wanted = [by_id.get(f"{key}-{i}") for i in range(parts)]
    if any(part is None for part in wanted):
        return None
    return "".join(part or "" for part in wanted)
