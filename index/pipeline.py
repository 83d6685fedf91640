"""Incremental indexing: scan -> diff against the manifest -> chunk -> embed -> store -> BM25.

Order of writes, chosen so that a run killed at any point is repaired by the next run:
1. chunks of a changed or removed file are deleted by `source` (not by remembered ids), then the new
   chunks are upserted (ids are deterministic, so a repeat never duplicates);
2. only then is the file's manifest entry written (atomically);
3. every run starts by comparing the store with the manifest: chunks of unknown files or unknown
   ids are deleted, files whose stored chunks differ from the manifest are re-indexed;
4. BM25 is rebuilt whenever its chunk list differs from the manifest.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from index.chunker import Chunk, chunk_article
from index.lexical import bm25_chunk_ids, build_bm25
from index.loader import Article, SkippedFile, iter_article_paths, read_article
from index.manifest import FileEntry, Manifest, load_manifest, save_manifest

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from pathlib import Path

    from tqdm import tqdm

    from index.embedder import Embedder
    from index.store import ChunkStore

log = logging.getLogger(__name__)

TITLE_MAX_TOKENS = 32


@dataclass(frozen=True)
class IndexOptions:
    overlap_tokens: int = 32  # tokens shared by consecutive chunks
    title_in_embedding: bool = True  # the embedded text starts with the (short) title
    commit_chunks: int = 256  # chunks embedded and committed (store + manifest) per step


@dataclass
class IndexSummary:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: int = 0
    chunks: int = 0
    chunks_embedded: int = 0
    chunks_deleted: int = 0
    seconds: float = 0.0
    skipped_files: list[dict[str, str]] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"added {self.added}, updated {self.updated}, removed {self.removed}, "
            f"unchanged {self.unchanged}, skipped {self.skipped}; chunks {self.chunks} "
            f"(+{self.chunks_embedded} embedded, -{self.chunks_deleted} deleted) in {self.seconds:.1f} s"
        )


@dataclass(frozen=True)
class _Plan:
    to_embed: list[Article]
    to_remove: list[str]


def embedded_text(chunk: Chunk, title_prefix: str) -> str:
    """What the model reads for a chunk: the (short) title helps retrieval; the file path does not."""
    return f"{title_prefix}\n{chunk.text}" if title_prefix else chunk.text


def index_corpus(
    corpus: Path,
    data_dir: Path,
    store: ChunkStore,
    embedder: Embedder,
    options: IndexOptions = IndexOptions(),
    scope: Sequence[Path] | None = None,
    progress: bool = False,
) -> IndexSummary:
    started = time.perf_counter()
    corpus = corpus.resolve()
    summary = IndexSummary()
    manifest = _manifest_for(data_dir, corpus, embedder, options, store)
    articles, skipped = _scan(corpus, scope)
    summary.skipped, summary.skipped_files = len(skipped), [vars(s) for s in skipped]
    in_scope = _sources_in_scope(manifest, corpus, scope)
    _repair_store(store, manifest, summary)
    plan = _plan(manifest, articles, in_scope, summary)
    _remove(plan.to_remove, manifest, store, data_dir)
    _embed_and_store(plan.to_embed, manifest, store, embedder, options, data_dir, summary, progress)
    _sync_bm25(data_dir, manifest, store)
    summary.chunks = manifest.chunk_count()
    summary.seconds = time.perf_counter() - started
    return summary


def _manifest_for(
    data_dir: Path, corpus: Path, embedder: Embedder, options: IndexOptions, store: ChunkStore
) -> Manifest:
    """The stored manifest, or an empty one when the corpus, model or chunking changed (full rebuild)."""
    wanted: dict[str, str | int | bool] = {
        "model": embedder.name,
        "max_tokens": embedder.max_tokens,
        "overlap_tokens": options.overlap_tokens,
        "title_in_embedding": options.title_in_embedding,
        "bf16": embedder.uses_bf16,
    }
    manifest = load_manifest(data_dir)
    if manifest.config == wanted and manifest.corpus == str(corpus):
        return manifest
    if manifest.files:
        log.warning("index settings or corpus changed: rebuilding the whole index")
    fresh = Manifest(config=wanted, corpus=str(corpus))
    save_manifest(data_dir, fresh)
    return fresh


def _scan(corpus: Path, scope: Sequence[Path] | None) -> tuple[list[Article], list[SkippedFile]]:
    articles: list[Article] = []
    skipped: list[SkippedFile] = []
    for path in iter_article_paths(corpus, scope):
        result = read_article(corpus, path)
        if isinstance(result, SkippedFile):
            log.warning("skipped %s: %s", result.source, result.reason)
            skipped.append(result)
        else:
            articles.append(result)
    return articles, skipped


def _sources_in_scope(manifest: Manifest, corpus: Path, scope: Sequence[Path] | None) -> set[str]:
    if scope is None:
        return set(manifest.files)
    prefixes = [p.resolve().relative_to(corpus).as_posix() for p in scope]
    return {
        source
        for source in manifest.files
        if any(p in (".", source) or source.startswith(p.rstrip("/") + "/") for p in prefixes)
    }


def _repair_store(store: ChunkStore, manifest: Manifest, summary: IndexSummary) -> None:
    """Delete chunks the manifest does not know (a killed run's leftovers); mark files whose
    stored chunks are incomplete so that they are indexed again."""
    stored = store.ids_by_source()
    orphans: list[str] = []
    for source, ids in stored.items():
        entry = manifest.files.get(source)
        known = set(entry.chunk_ids) if entry else set()
        orphans.extend(ids - known)
    for source, entry in manifest.files.items():
        if not set(entry.chunk_ids) <= stored.get(source, set()):
            entry.sha256 = ""  # re-embedded below as an update
    if orphans:
        log.warning("removing %d chunks left by an interrupted run", len(orphans))
        store.delete_ids(orphans)
        summary.chunks_deleted += len(orphans)


def _plan(manifest: Manifest, articles: Iterable[Article], in_scope: set[str], summary: IndexSummary) -> _Plan:
    to_embed: list[Article] = []
    seen: set[str] = set()
    for article in articles:
        seen.add(article.source)
        entry = manifest.files.get(article.source)
        if entry is None:
            summary.added += 1
            to_embed.append(article)
        elif entry.sha256 != article.sha256:
            summary.updated += 1
            to_embed.append(article)
        else:
            summary.unchanged += 1
    to_remove = sorted(in_scope - seen)
    summary.removed = len(to_remove)
    summary.chunks_deleted += sum(len(manifest.files[s].chunk_ids) for s in to_remove)
    return _Plan(to_embed, to_remove)


def _remove(sources: list[str], manifest: Manifest, store: ChunkStore, data_dir: Path) -> None:
    if not sources:
        return
    store.delete_sources(sources)
    for source in sources:
        del manifest.files[source]
    save_manifest(data_dir, manifest)


def _embed_and_store(
    articles: list[Article],
    manifest: Manifest,
    store: ChunkStore,
    embedder: Embedder,
    options: IndexOptions,
    data_dir: Path,
    summary: IndexSummary,
    progress: bool,
) -> None:
    if not articles:
        return
    chunked = [_chunk(article, embedder, options) for article in articles]
    total = sum(len(chunks) for _, chunks, _ in chunked)
    bar = _progress_bar(total, progress)
    for group in _groups(chunked, options.commit_chunks):
        texts = [embedded_text(c, prefix) for _, chunks, prefix in group for c in chunks]
        vectors = embedder.embed(texts)
        store.delete_sources([article.source for article, _, _ in group])
        store.upsert([c for _, chunks, _ in group for c in chunks], vectors)
        for article, chunks, _ in group:
            if article.source in manifest.files:
                summary.chunks_deleted += len(manifest.files[article.source].chunk_ids)
            manifest.files[article.source] = FileEntry(
                sha256=article.sha256,
                title=article.title,
                chunk_ids=[c.id for c in chunks],
                metadata=article.metadata,
            )
        save_manifest(data_dir, manifest)
        summary.chunks_embedded += len(texts)
        if bar is not None:
            bar.update(len(texts))
    if bar is not None:
        bar.close()


def _chunk(article: Article, embedder: Embedder, options: IndexOptions) -> tuple[Article, list[Chunk], str]:
    """Chunks sized so that title prefix + chunk + special tokens fit the model's window."""
    prefix = _title_prefix(article.title, embedder) if options.title_in_embedding else ""
    budget = embedder.max_tokens - 2 - (embedder.count_tokens(prefix) + 1 if prefix else 0)
    return article, chunk_article(article, embedder.token_offsets, budget, options.overlap_tokens), prefix


def _title_prefix(title: str, embedder: Embedder) -> str:
    offsets = embedder.token_offsets(title)
    if len(offsets) <= TITLE_MAX_TOKENS:
        return title
    return title[: offsets[TITLE_MAX_TOKENS - 1][1]]


def _groups(
    chunked: list[tuple[Article, list[Chunk], str]], size: int
) -> Iterable[list[tuple[Article, list[Chunk], str]]]:
    """Whole files per group (a file is committed all at once), about `size` chunks each."""
    group: list[tuple[Article, list[Chunk], str]] = []
    count = 0
    for item in chunked:
        group.append(item)
        count += len(item[1])
        if count >= size:
            yield group
            group, count = [], 0
    if group:
        yield group


def _progress_bar(total: int, enabled: bool) -> tqdm[None] | None:
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="chunk", desc="embedding", leave=False)


def _sync_bm25(data_dir: Path, manifest: Manifest, store: ChunkStore) -> None:
    wanted = [cid for source in sorted(manifest.files) for cid in manifest.files[source].chunk_ids]
    if bm25_chunk_ids(data_dir) == wanted:
        return
    texts = {c.id: c.text for c in store.all_chunks()}
    build_bm25(data_dir, wanted, [texts[cid] for cid in wanted])
