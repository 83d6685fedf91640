"""One published version of the index, as a reader holds it: everything a request needs, loaded
together and swapped as one object, so no request sees half of two versions.

The BM25 index comes from the data dir's cache when `rag index` ran on this machine, or is built from
the chunk texts in the store (and cached) when it did not: a replica needs only the store. So do the
sentence vectors: without them, answering embeds the sentences it reads.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from index.catalog import Catalog
from index.lexical import LexicalIndex
from index.sentence_vectors import SentenceVectors
from index.store import ChunkStore

if TYPE_CHECKING:
    from pathlib import Path

    from index.manifest import Manifest

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True)
class IndexSnapshot:
    version: int
    manifest: Manifest
    store: ChunkStore  # a client opened for this version (embedded mode: it sees this version whole)
    catalog: Catalog
    lexical: LexicalIndex
    chunk_ids: frozenset[str]  # the chunks of this version; anything else the store holds is ignored
    sentences: SentenceVectors  # the vectors of its chunks' sentences (empty when `rag index` made none)

    def text(self, source: str) -> str | None:
        """The indexed text of a file of this version (what every citation's offsets index)."""
        entry = self.manifest.files.get(source)
        return self.catalog.text(entry.sha256) if entry else None


StoreOpener = Callable[[], tuple[ChunkStore, Catalog]]


class PerVersion(Generic[T]):
    """Something worked out from a snapshot's manifest once per index version (dates, stories), kept
    until a newer version is read."""

    def __init__(self, compute: Callable[[Manifest], T]) -> None:
        self._compute = compute
        self._kept: tuple[int, T] | None = None

    def of(self, snapshot: IndexSnapshot) -> T:
        kept = self._kept
        if kept is None or kept[0] != snapshot.version:
            kept = (snapshot.version, self._compute(snapshot.manifest))
            self._kept = kept
        return kept[1]


def load_snapshot(open_store: StoreOpener, data_dir: Path) -> IndexSnapshot:
    """The published version: manifest from the catalog, BM25 from the cache or rebuilt from the store."""
    store, catalog = open_store()
    manifest = catalog.load()
    lexical = LexicalIndex.load(data_dir, manifest.version)
    if lexical is None:
        lexical = _rebuild_lexical(store, manifest, data_dir)
    sentences = SentenceVectors.load(data_dir, manifest.version) or SentenceVectors.empty()
    chunk_ids = frozenset(manifest.chunk_ids())
    return IndexSnapshot(manifest.version, manifest, store, catalog, lexical, chunk_ids, sentences)


def _rebuild_lexical(store: ChunkStore, manifest: Manifest, data_dir: Path) -> LexicalIndex:
    ids = manifest.chunk_ids()
    log.info("building the BM25 index of version %d from the store (%d chunks)", manifest.version, len(ids))
    texts = {c.id: c.text for c in store.get(ids)}
    present = [cid for cid in ids if cid in texts]
    lexical = LexicalIndex.build(present, [texts[cid] for cid in present])
    if len(present) == len(ids):  # a version whose chunks are already being collected is not cached
        lexical.save(data_dir, manifest.version)
    return lexical
