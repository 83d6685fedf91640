"""BM25 over the chunk texts (bm25s), persisted beside the Chroma data and rebuilt by `rag index`.

Rebuilding the whole BM25 matrix is cheap (seconds for tens of thousands of chunks) and keeps it
exactly in step with the chunk set; queries only ever load it.
"""

from __future__ import annotations

import json
import shutil
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


@lru_cache(maxsize=1)
def stemmer() -> Stemmer.Stemmer:
    """The English Snowball stemmer shared by BM25 and the answerer's term matching."""
    import Stemmer

    return Stemmer.Stemmer("english")


def tokenize(texts: list[str]) -> Tokenized:
    import bm25s

    tokenized: Tokenized = bm25s.tokenize(texts, stopwords="en", stemmer=stemmer(), show_progress=False)
    return tokenized


def bm25_dir(data_dir: Path) -> Path:
    return data_dir / BM25_DIR


def build_bm25(data_dir: Path, chunk_ids: Sequence[str], texts: Sequence[str]) -> None:
    """Write a fresh BM25 index for these chunks, swapping it in with one rename."""
    import bm25s

    target = bm25_dir(data_dir)
    staging = data_dir / f".{BM25_DIR}.new"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    if chunk_ids:
        retriever = bm25s.BM25()
        retriever.index(tokenize(list(texts)), show_progress=False)
        retriever.save(str(staging), show_progress=False)
    (staging / IDS_FILE).write_text(json.dumps(list(chunk_ids)), "utf-8")
    old = data_dir / f".{BM25_DIR}.old"
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def bm25_chunk_ids(data_dir: Path) -> list[str] | None:
    path = bm25_dir(data_dir) / IDS_FILE
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
    def load(cls, data_dir: Path) -> LexicalIndex:
        import bm25s

        ids = bm25_chunk_ids(data_dir) or []
        if not ids:
            return cls([], None)
        retriever = bm25s.BM25.load(str(bm25_dir(data_dir)), show_progress=False, verbosity=0)
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
