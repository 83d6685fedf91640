"""BM25 over the chunk texts (bm25s), one per published index version, cached in the data dir.

Rebuilding the whole BM25 matrix is cheap (seconds for tens of thousands of chunks) and keeps it
exactly in step with the chunk set. `rag index` builds the cache of the version it publishes; a
process that finds no cache for the published version (a replica on another machine) builds it from
the chunk texts in the store. The cache is never the truth: deleting it costs one rebuild.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    import bm25s
    import Stemmer
    from bm25s.tokenization import Tokenized

BM25_DIR = "bm25"
IDS_FILE = "chunk_ids.json"
KEEP_VERSIONS = 2  # the published version and the one before it (a reader may still be on it)


@lru_cache(maxsize=1)
def stemmer() -> Stemmer.Stemmer:
    """The English Snowball stemmer shared by BM25 and the answerer's term matching."""
    import Stemmer

    return Stemmer.Stemmer("english")


def tokenize(texts: list[str]) -> Tokenized:
    import bm25s

    tokenized: Tokenized = bm25s.tokenize(texts, stopwords="en", stemmer=stemmer(), show_progress=False)
    return tokenized


def bm25_dir(data_dir: Path, version: int) -> Path:
    return data_dir / BM25_DIR / f"v{version}"


def build_bm25(data_dir: Path, version: int, chunk_ids: Sequence[str], texts: Sequence[str]) -> None:
    """Write the BM25 index of one version to the cache."""
    LexicalIndex.build(chunk_ids, texts).save(data_dir, version)


def _save(index: LexicalIndex, data_dir: Path, version: int) -> None:
    """Written in a folder of its own, then renamed into place: a reader never sees half of it, and
    two processes caching the same version do no harm."""
    target = bm25_dir(data_dir, version)
    staging = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    if index.retriever is not None:
        index.retriever.save(str(staging), show_progress=False)
    (staging / IDS_FILE).write_text(json.dumps(index.chunk_ids), "utf-8")
    try:
        staging.rename(target)
    except OSError:  # built by another process meanwhile
        shutil.rmtree(staging, ignore_errors=True)
    _prune(data_dir, version)


def _prune(data_dir: Path, version: int) -> None:
    for folder in (data_dir / BM25_DIR).glob("v*"):
        number = folder.name[1:]
        if number.isdigit() and int(number) <= version - KEEP_VERSIONS:
            shutil.rmtree(folder, ignore_errors=True)


def bm25_chunk_ids(data_dir: Path, version: int) -> list[str] | None:
    """The chunk ids of a cached version, in BM25's order; None when that version is not cached."""
    path = bm25_dir(data_dir, version) / IDS_FILE
    if not path.exists():
        return None
    ids: list[str] = json.loads(path.read_text("utf-8"))
    return ids


@dataclass
class LexicalIndex:
    """A loaded BM25 index: query text -> (chunk id, BM25 score), best first."""

    chunk_ids: list[str]
    retriever: bm25s.BM25 | None

    @cached_property
    def _document_frequency(self) -> dict[str, int]:
        if self.retriever is None:
            return {}
        per_token = np.diff(self.retriever.scores["indptr"])
        vocab = self.retriever.vocab_dict.items()
        return {token: int(per_token[i]) for token, i in vocab if i < len(per_token)}

    def idf(self, stemmed_term: str) -> float:
        """BM25-style inverse document frequency over chunks (unknown terms count as rare)."""
        n = max(len(self.chunk_ids), 1)
        df = self._document_frequency.get(stemmed_term, 0)
        return float(np.log(1 + (n - df + 0.5) / (df + 0.5)))

    @classmethod
    def empty(cls) -> LexicalIndex:
        return cls([], None)

    @classmethod
    def build(cls, chunk_ids: Sequence[str], texts: Sequence[str]) -> LexicalIndex:
        """BM25 over these texts, in memory."""
        import bm25s

        if not chunk_ids:
            return cls.empty()
        retriever = bm25s.BM25()
        retriever.index(tokenize(list(texts)), show_progress=False)
        return cls(list(chunk_ids), retriever)

    def save(self, data_dir: Path, version: int) -> None:
        _save(self, data_dir, version)

    @classmethod
    def load(cls, data_dir: Path, version: int) -> LexicalIndex | None:
        """The cached index of this version, or None when it is not cached."""
        import bm25s

        ids = bm25_chunk_ids(data_dir, version)
        if ids is None:
            return None
        if not ids:
            return cls.empty()
        retriever = bm25s.BM25.load(str(bm25_dir(data_dir, version)), show_progress=False, verbosity=0)
        return cls(ids, retriever)

    def search(self, query: str, k: int) -> list[tuple[str, float]]:
        if self.retriever is None or k <= 0:
            return []
        tokens = tokenize([query])
        if not tokens.vocab or not any(tokens.ids):
            return []
        k = min(k, len(self.chunk_ids))
        docs, scores = self.retriever.retrieve(tokens, k=k, show_progress=False, n_threads=1)
        return [
            (self.chunk_ids[int(d)], float(s))
            for d, s in zip(np.asarray(docs)[0], np.asarray(scores)[0], strict=True)
            if s > 0
        ]
