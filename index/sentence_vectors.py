"""The vectors of every sentence of the indexed chunks, worked out by `rag index` for the version it
publishes and kept in the data dir beside the BM25 cache, so that answering embeds only the question:
the dozen sentences it shortlists were half of an answer's time.

The sentences are the chunk's `sentence_spans`, as answering reads them, and the vectors come from the
encoder answering uses, so a sentence scores the same either way. A text answering asks for and the
file lacks (two short sentences read as one; a replica on a machine without the data dir) is embedded
then, as before. A version keeps the rows of its own chunks only: the next version carries over the rows
of the chunks it keeps and embeds the sentences of its new chunks.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from index.sentences import sentence_spans

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence
    from pathlib import Path

    from index.encoder import TextEncoder

SENTENCES_DIR = "sentence_vectors"
KEEP_VERSIONS = 2  # the published version and the one before it (a reader may still be on it)
FILES = ("keys.npy", "vectors.npy", "row_keys.npy", "row_chunks.npy")
BATCH = 256  # sentences embedded per step (a step's progress is reported)
# Full precision (280 MB for the bench corpus's 182,585 sentences): half precision gave every one of the
# 1,235 detail and 96 bench questions the same answer, but not one seed question with two close sentences
VECTOR_TYPE = np.float32


def text_keys(texts: Iterable[str]) -> np.ndarray:
    """A 64-bit digest of each text: what a vector is looked up by."""
    digests = [hashlib.blake2b(t.encode("utf-8"), digest_size=8).digest() for t in texts]
    return np.frombuffer(b"".join(digests), dtype=np.uint64).copy() if digests else np.zeros(0, np.uint64)


@dataclass(frozen=True)
class SentenceVectors:
    """One vector per sentence text, and which chunks each text was read from (a text repeated in
    overlapping chunks or copies of a story is stored once)."""

    keys: np.ndarray  # uint64 digests of the sentence texts, sorted, unique
    vectors: np.ndarray  # one row per key (VECTOR_TYPE)
    row_keys: np.ndarray  # a (text, chunk) pair per row: the text's key ...
    row_chunks: np.ndarray  # ... and the chunk's id

    @classmethod
    def empty(cls) -> SentenceVectors:
        return cls(np.zeros(0, np.uint64), np.zeros((0, 0), np.float32), np.zeros(0, np.uint64), np.zeros(0, str))

    def __len__(self) -> int:
        return len(self.keys)

    def embedded(self, texts: Sequence[str], embed: Callable[[Sequence[str]], np.ndarray]) -> np.ndarray:
        """Vectors of `texts`: the stored ones, and `embed`'s for the texts not stored."""
        rows = self._rows(text_keys(texts))
        missing = [t for t, row in zip(texts, rows, strict=True) if row < 0]
        if not missing:
            return np.asarray(self.vectors[rows], dtype=np.float32)
        computed = iter(embed(missing))
        return np.stack([np.asarray(self.vectors[row], np.float32) if row >= 0 else next(computed) for row in rows])

    def _rows(self, keys: np.ndarray) -> np.ndarray:
        """The row of each key, or -1 when it is not stored."""
        if not len(self.keys):
            return np.full(len(keys), -1)
        at = np.minimum(np.searchsorted(self.keys, keys), len(self.keys) - 1)
        return np.where(self.keys[at] == keys, at, -1)

    def of_chunks(self, chunk_ids: Iterable[str]) -> SentenceVectors:
        """Only what was read from these chunks."""
        kept = np.isin(self.row_chunks, list(chunk_ids))
        row_keys = np.asarray(self.row_keys[kept])
        keys = np.unique(row_keys)
        return SentenceVectors(
            keys, np.asarray(self.vectors[self._rows(keys)]), row_keys, np.asarray(self.row_chunks[kept])
        )

    def save(self, data_dir: Path, version: int) -> None:
        """Written to a staging folder and renamed: a reader sees a version's vectors whole or not at all."""
        target = _version_dir(data_dir, version)
        staging = target.with_name(f"{target.name}.staging")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        for name, array in zip(FILES, (self.keys, self.vectors, self.row_keys, self.row_chunks), strict=True):
            np.save(staging / name, array)
        shutil.rmtree(target, ignore_errors=True)
        staging.rename(target)
        _prune(data_dir, version)

    @classmethod
    def load(cls, data_dir: Path, version: int) -> SentenceVectors | None:
        """The vectors of this version (mapped, not read), or None when it has none."""
        folder = _version_dir(data_dir, version)
        if not has_sentence_vectors(data_dir, version):
            return None
        keys, vectors, row_keys, row_chunks = (np.load(folder / name, mmap_mode="r") for name in FILES)
        return cls(keys, vectors, row_keys, row_chunks)


def build_sentence_vectors(
    data_dir: Path,
    version: int,
    chunk_texts: Mapping[str, str],
    encoder: TextEncoder,
    previous: int | None,
    progress: Callable[[int], Callable[[int], object] | None] | None = None,
) -> int:
    """Save the vectors of the sentences of `chunk_texts` (the chunks of `version`, by id), carrying
    over those of the `previous` version's chunks; returns how many texts were embedded. `progress`
    is told how many texts are to be embedded, and gives what to tell after each step."""
    old = SentenceVectors.load(data_dir, previous) if previous is not None else None
    kept = old.of_chunks(chunk_texts) if old is not None else SentenceVectors.empty()
    carried = set(kept.row_chunks.tolist())
    rows = [
        (cid, text[s:e]) for cid, text in chunk_texts.items() if cid not in carried for s, e in sentence_spans(text)
    ]
    row_keys = text_keys(text for _, text in rows)
    unknown = dict(zip(row_keys.tolist(), (text for _, text in rows), strict=True))
    for key in kept.keys.tolist():
        unknown.pop(key, None)
    embedded = _embedded(unknown, encoder, progress)
    _joined(kept, embedded, row_keys, np.array([cid for cid, _ in rows])).save(data_dir, version)
    return len(unknown)


def _embedded(
    texts: Mapping[int, str], encoder: TextEncoder, progress: Callable[[int], Callable[[int], object] | None] | None
) -> dict[int, np.ndarray]:
    """The vector of each text, by key, embedded a batch at a time."""
    update = progress(len(texts)) if progress is not None and texts else None
    pending = list(texts.items())
    vectors: dict[int, np.ndarray] = {}
    for start in range(0, len(pending), BATCH):
        batch = pending[start : start + BATCH]
        vectors.update(zip((k for k, _ in batch), encoder.embed([t for _, t in batch]), strict=True))
        if update is not None:
            update(len(batch))
    return vectors


def _joined(
    kept: SentenceVectors, embedded: Mapping[int, np.ndarray], row_keys: np.ndarray, row_chunks: np.ndarray
) -> SentenceVectors:
    """The kept vectors and rows with the new ones, sorted by key."""
    keys = np.concatenate([kept.keys, np.fromiter(embedded, np.uint64, len(embedded))])
    if not len(keys):
        return SentenceVectors.empty()
    vectors = [np.asarray(kept.vectors, VECTOR_TYPE)] if len(kept) else []
    vectors += [np.stack(list(embedded.values())).astype(VECTOR_TYPE)] if embedded else []
    order = np.argsort(keys)
    return SentenceVectors(
        keys[order],
        np.concatenate(vectors)[order],
        np.concatenate([kept.row_keys, row_keys]),
        np.concatenate([kept.row_chunks, row_chunks]),
    )


def has_sentence_vectors(data_dir: Path, version: int) -> bool:
    return all((_version_dir(data_dir, version) / name).is_file() for name in FILES)


def _version_dir(data_dir: Path, version: int) -> Path:
    return data_dir / SENTENCES_DIR / f"v{version}"


def _prune(data_dir: Path, version: int) -> None:
    for folder in (data_dir / SENTENCES_DIR).iterdir():
        number = folder.name.removeprefix("v").removesuffix(".staging")
        if number.isdigit() and int(number) <= version - KEEP_VERSIONS:
            shutil.rmtree(folder, ignore_errors=True)
