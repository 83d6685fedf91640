"""Incremental indexing: scan -> diff against the published manifest -> chunk -> embed -> store ->
BM25 -> publish -> collect garbage.

Readers answer from the published version until the new one is complete, then from the new one:
1. new chunks are added beside the published ones (ids are deterministic: a file's id set changes
   with its content, so nothing published is overwritten, and a repeat never duplicates);
2. the text of every new or changed file goes to the catalog, and the BM25 cache of the new
   version is built;
3. the new manifest is published with one record write (the switch);
4. only then are chunks and texts that the new version does not use deleted.
With a sentence encoder, step 2 also embeds the sentences of the new chunks (sentence_vectors.py).
A run killed at any point leaves the published version intact; the next run finds the chunks the
killed one stored (by id) and does not embed them again, and its step 4 removes any leftovers.
One indexer runs at a time (lock.py).

The encoder sets the pace; the rest hides behind it or is not done twice: articles are tokenised once
and chunked in a thread ahead of the encoder, which reads the chunker's token ids, and each group's
store write runs in another thread while the next group is encoded (torch releases the GIL while it
computes). Writes keep their order, and the first error stops the run.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from index.chunker import Chunk, chunk_article
from index.formats import TextLayer
from index.lexical import bm25_chunk_ids, build_bm25
from index.loader import (
    MAX_FILE_BYTES,
    Article,
    SkippedFile,
    iter_article_paths,
    parse_header,
    read_article,
    unsupported_files,
)
from index.manifest import FileEntry, Manifest
from index.sentence_vectors import build_sentence_vectors, has_sentence_vectors
from index.stories import STORY_RULE, signature, stories

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence
    from pathlib import Path

    import numpy as np
    from tqdm import tqdm

    from index.catalog import Catalog
    from index.embedder import Embedder
    from index.encoder import TextEncoder
    from index.loader import StoredLayer
    from index.lock import IndexLock
    from index.store import ChunkStore
    from index.tokens import Tokens

log = logging.getLogger(__name__)

TITLE_MAX_TOKENS = 32


@dataclass(frozen=True)
class IndexOptions:
    overlap_tokens: int = 32  # tokens shared by consecutive chunks
    title_in_embedding: bool = True  # the embedded text starts with the (short) title
    commit_chunks: int = 256  # chunks embedded and committed (store + manifest) per step
    replace: bool = False  # may a run over another corpus folder drop the articles indexed from the last one?
    max_file_bytes: int = MAX_FILE_BYTES  # larger files are skipped, and named


class CorpusChanged(RuntimeError):
    """The index holds another corpus folder's articles, and replacing them was not asked for."""


@dataclass
class IndexSummary:
    version: int = 0  # the published version after this run
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: int = 0
    chunks: int = 0
    chunks_embedded: int = 0
    chunks_deleted: int = 0
    sentences_embedded: int = 0  # sentence texts whose vectors were worked out for answering
    seconds: float = 0.0
    skipped_files: list[dict[str, str]] = field(default_factory=list)
    added_files: list[str] = field(default_factory=list)
    updated_files: list[str] = field(default_factory=list)
    removed_files: list[str] = field(default_factory=list)

    def file_lines(self) -> list[str]:
        """One line per file that changed or was skipped, for people (the summary line says how many)."""
        return [
            *(f"added    {source}" for source in self.added_files),
            *(f"updated  {source}" for source in self.updated_files),
            *(f"removed  {source}" for source in self.removed_files),
            *(f"skipped  {s['source']}: {s['reason']}" for s in self.skipped_files),
        ]

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


@dataclass(frozen=True)
class _Chunked:
    article: Article
    chunks: list[Chunk]
    title_prefix: str
    signature: str  # of its story (stories.py), worked out beside the encoder too
    inputs: list[np.ndarray]  # the ids the model reads for each chunk (Embedder.model_input)


def embedded_text(chunk: Chunk, title_prefix: str) -> str:
    """What the model reads for a chunk: the (short) title helps retrieval; the file path does not."""
    return f"{title_prefix}\n{chunk.text}" if title_prefix else chunk.text


@dataclass(frozen=True)
class IndexTarget:
    """Where an indexing run writes, and the lock that keeps other indexers out while it does."""

    store: ChunkStore
    catalog: Catalog
    lock: IndexLock
    data_dir: Path  # the BM25 cache of each published version


def index_corpus(
    corpus: Path,
    target: IndexTarget,
    embedder: Embedder,
    options: IndexOptions = IndexOptions(),
    scope: Sequence[Path] | None = None,
    progress: bool = False,
    sentence_encoder: TextEncoder | None = None,
) -> IndexSummary:
    """Index `corpus` (or only the `scope` paths inside it) and publish the result, holding the lock.
    `sentence_encoder`: the encoder answering uses, to embed every sentence ahead (None: answering
    embeds the sentences it reads)."""
    with target.lock:
        return _index(corpus.resolve(), target, embedder, options, scope, progress, sentence_encoder)


def _index(
    corpus: Path,
    target: IndexTarget,
    embedder: Embedder,
    options: IndexOptions,
    scope: Sequence[Path] | None,
    progress: bool,
    sentence_encoder: TextEncoder | None,
) -> IndexSummary:
    store, catalog, lock, data_dir = target.store, target.catalog, target.lock, target.data_dir
    started = time.perf_counter()
    summary = IndexSummary()
    published = catalog.load()
    articles, skipped = _scan(corpus, scope, options.max_file_bytes, _stored_layers(published, catalog))
    found = {a.source for a in articles} | {s.source for s in skipped}
    if not options.replace:
        _refuse_to_drop_another_corpus(published, corpus, found)
    manifest = _start_from(published, _config(embedder, options), corpus, store, catalog, summary)
    if published.corpus and published.corpus != str(corpus):  # what the last folder had and this one lacks
        summary.removed_files = sorted(set(published.files) - found)
        summary.removed = len(summary.removed_files)
    summary.skipped, summary.skipped_files = len(skipped), [vars(s) for s in skipped]
    stored = store.ids_by_source()
    plan = _plan(manifest, articles, _in_scope(manifest.files, corpus, scope), stored, summary)
    for source in _in_scope(manifest.skipped, corpus, scope):  # this run says anew what it skips
        del manifest.skipped[source]
    manifest.skipped.update({s.source: s.reason for s in skipped})
    chunked = _embed_and_store(plan.to_embed, stored, target, embedder, options, summary, progress)
    for item in chunked:
        manifest.files[item.article.source] = FileEntry(
            sha256=item.article.sha256,
            title=item.article.title,
            chunk_ids=[c.id for c in item.chunks],
            metadata=item.article.metadata,
            pages=list(item.article.pages),
            signature=item.signature,
        )
    for source in plan.to_remove:
        del manifest.files[source]
    if chunked or plan.to_remove or manifest.story_rule != STORY_RULE:
        _group_stories(manifest, catalog)
    if manifest != published:
        manifest.version = published.version + 1
        texts = _chunk_texts(manifest, store, chunked)
        build_bm25(data_dir, manifest.version, list(texts), list(texts.values()))
        if sentence_encoder is not None:
            summary.sentences_embedded = _embed_sentences(
                data_dir, manifest.version, texts, sentence_encoder, published.version, progress
            )
        lock.check()
        catalog.publish(manifest)
    else:  # a lost cache is rebuilt from the store
        lost_bm25 = bm25_chunk_ids(data_dir, manifest.version) is None
        lost_sentences = sentence_encoder is not None and not has_sentence_vectors(data_dir, manifest.version)
        texts = _chunk_texts(manifest, store, chunked) if lost_bm25 or lost_sentences else {}
        if lost_bm25:
            build_bm25(data_dir, manifest.version, list(texts), list(texts.values()))
        if lost_sentences and sentence_encoder is not None:
            summary.sentences_embedded = _embed_sentences(
                data_dir, manifest.version, texts, sentence_encoder, None, progress
            )
    _collect_garbage(manifest, store, catalog, summary)
    summary.version = manifest.version
    summary.chunks = manifest.chunk_count()
    summary.seconds = time.perf_counter() - started
    return summary


def _config(embedder: Embedder, options: IndexOptions) -> dict[str, str | int | bool]:
    """What shapes the stored vectors: when any of it changes, everything is embedded again."""
    return {
        "model": embedder.name,
        "max_tokens": embedder.max_tokens,
        "overlap_tokens": options.overlap_tokens,
        "title_in_embedding": options.title_in_embedding,
        "bf16": embedder.uses_bf16,
    }


def _start_from(
    published: Manifest,
    config: dict[str, str | int | bool],
    corpus: Path,
    store: ChunkStore,
    catalog: Catalog,
    summary: IndexSummary,
) -> Manifest:
    """A copy of the published manifest to update, or an empty one when the corpus, model or chunking
    changed. Stored chunks made with other settings are dropped (their vectors no longer fit); those
    made with ours are kept (a killed run's work, or identical files of another corpus) and reused."""
    fingerprint = json.dumps(config, sort_keys=True)
    if catalog.store_config() != fingerprint:
        if store.count():
            log.warning("index settings changed: embedding everything again")
            summary.chunks_deleted += store.count()
            store.clear()
        catalog.set_store_config(fingerprint)
    elif published.config == config and published.corpus == str(corpus):
        return published.model_copy(deep=True)
    elif published.files and published.corpus != str(corpus):
        log.warning("another corpus folder: indexing it in place of %s", published.corpus)
    return Manifest(version=published.version, config=config, corpus=str(corpus))


def _refuse_to_drop_another_corpus(published: Manifest, corpus: Path, found: set[str]) -> None:
    """A run over another folder must not silently drop what was indexed from the last one. The same
    articles under another path (a copy, or another machine's mount of a shared corpus) are fine."""
    if not published.corpus or published.corpus == str(corpus):
        return
    dropped = set(published.files) - found
    if dropped:
        raise CorpusChanged(
            f"this index holds {len(published.files)} articles of {published.corpus}; indexing {corpus} "
            f"would drop {len(dropped)} of them. Run with --replace to do that, or use another RAG_DATA_DIR."
        )


def _scan(
    corpus: Path, scope: Sequence[Path] | None, max_bytes: int, stored_layer: StoredLayer
) -> tuple[list[Article], list[SkippedFile]]:
    articles: list[Article] = []
    skipped: list[SkippedFile] = unsupported_files(corpus, scope)
    for path in iter_article_paths(corpus, scope):
        result = read_article(corpus, path, max_bytes, stored_layer)
        if isinstance(result, SkippedFile):
            log.warning("skipped %s: %s", result.source, result.reason)
            skipped.append(result)
        else:
            articles.append(result)
    return articles, skipped


def _in_scope(sources: Iterable[str], corpus: Path, scope: Sequence[Path] | None) -> set[str]:
    if scope is None:
        return set(sources)
    prefixes = [p.resolve().relative_to(corpus).as_posix() for p in scope]
    return {
        source
        for source in sources
        if any(p in (".", source) or source.startswith(p.rstrip("/") + "/") for p in prefixes)
    }


def _group_stories(manifest: Manifest, catalog: Catalog) -> None:
    """Each file's story. Files indexed before stories existed are hashed from their stored text."""
    for entry in manifest.files.values():
        if not entry.signature and (text := catalog.text(entry.sha256)) is not None:
            entry.signature = signature(text[parse_header(text).body_start :])
    grouped = stories(
        {source: entry.signature for source, entry in manifest.files.items()},
        {source: entry.title for source, entry in manifest.files.items()},
        {source: entry.metadata.get("source", "") for source, entry in manifest.files.items()},
    )
    for source, entry in manifest.files.items():
        entry.story = grouped[source]
    manifest.story_rule = STORY_RULE


def _stored_layers(published: Manifest, catalog: Catalog) -> StoredLayer:
    """The text layer a document's unchanged bytes were indexed with (re-extracting is the slow part)."""

    def stored(source: str, sha256: str) -> TextLayer | None:
        entry = published.files.get(source)
        if entry is None or entry.sha256 != sha256:
            return None
        text = catalog.text(sha256)
        return TextLayer(text, entry.pages) if text is not None else None

    return stored


def _plan(
    manifest: Manifest,
    articles: Iterable[Article],
    in_scope: set[str],
    stored: dict[str, set[str]],
    summary: IndexSummary,
) -> _Plan:
    """Files to (re-)embed: new, changed, or published with chunks missing from the store."""
    to_embed: list[Article] = []
    seen: set[str] = set()
    for article in articles:
        seen.add(article.source)
        entry = manifest.files.get(article.source)
        if entry is None:
            summary.added += 1
            summary.added_files.append(article.source)
            to_embed.append(article)
        elif entry.sha256 != article.sha256:
            summary.updated += 1
            summary.updated_files.append(article.source)
            to_embed.append(article)
        elif not set(entry.chunk_ids) <= stored.get(article.source, set()):
            log.warning("%s: stored chunks are missing; indexing it again", article.source)
            summary.updated += 1
            summary.updated_files.append(article.source)
            to_embed.append(article)
        else:
            summary.unchanged += 1
    to_remove = sorted(in_scope - seen)
    summary.removed += len(to_remove)
    summary.removed_files += to_remove
    return _Plan(to_embed, to_remove)


def _embed_and_store(
    articles: list[Article],
    stored: dict[str, set[str]],
    target: IndexTarget,
    embedder: Embedder,
    options: IndexOptions,
    summary: IndexSummary,
    progress: bool,
) -> list[_Chunked]:
    """Chunk the articles, embed and store the chunks not stored yet (a killed run may have stored
    some) and the texts; chunking runs ahead and each write overlaps the next group's encoding."""
    known_texts = target.catalog.text_hashes() if articles else set()
    chunked: list[_Chunked] = []
    bar = _progress_bar(len(articles), progress)
    target.lock.report(0, len(articles))
    chunker = ThreadPoolExecutor(1, "chunker", initializer=_yield_to_encoder)
    writer = ThreadPoolExecutor(1, "store-writer", initializer=_yield_to_encoder)
    try:
        ahead = (future.result() for future in [chunker.submit(_chunk, a, embedder, options) for a in articles])
        writing: Future[None] | None = None
        for group in _groups(ahead, options.commit_chunks):
            target.lock.check()
            chunked += group
            missing = [c for item in group for c in item.chunks if c.id not in stored.get(c.source, set())]
            inputs = {c.id: ids for item in group for c, ids in zip(item.chunks, item.inputs, strict=True)}
            vectors = embedder.embed_inputs([inputs[c.id] for c in missing]) if missing else None
            if writing is not None:
                writing.result()
            texts = {item.article.sha256: item.article.text for item in group if item.article.sha256 not in known_texts}
            writing = writer.submit(_write, target, texts, missing, vectors)
            summary.chunks_embedded += len(missing)
            target.lock.report(len(chunked), len(articles))
            if bar is not None:
                bar.update(len(group))
        if writing is not None:
            writing.result()
    finally:
        chunker.shutdown(cancel_futures=True)
        writer.shutdown()
        if bar is not None:
            bar.close()
    return chunked


def _yield_to_encoder() -> None:
    """Run this helper thread at the lowest CPU priority (Linux: per thread), so that it fills the
    moments the encoder leaves a core idle instead of taking cores from it."""
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)


def _write(target: IndexTarget, texts: dict[str, str], chunks: list[Chunk], vectors: np.ndarray | None) -> None:
    if texts:
        target.catalog.put_texts(texts)
    if chunks and vectors is not None:
        target.store.upsert(chunks, vectors)


def _chunk_texts(manifest: Manifest, store: ChunkStore, chunked: list[_Chunked]) -> dict[str, str]:
    """The text of every chunk of the manifest, in its order (what BM25 and the sentence vectors are
    built from); texts we have in hand are not re-read."""
    texts = {c.id: c.text for item in chunked for c in item.chunks}
    wanted = manifest.chunk_ids()
    unread = [cid for cid in wanted if cid not in texts]
    texts.update({c.id: c.text for c in store.get(unread)})
    return {cid: texts[cid] for cid in wanted}


def _embed_sentences(
    data_dir: Path, version: int, texts: dict[str, str], encoder: TextEncoder, previous: int | None, progress: bool
) -> int:
    """The sentence vectors of `version`, with a progress bar of sentences embedded."""
    bars: list[tqdm[None] | LoggedProgress] = []

    def start(total: int) -> Callable[[int], object] | None:
        bar = _progress_bar(total, progress, unit="sentence", desc="embedding sentences")
        bars.extend([bar] if bar is not None else [])
        return bar.update if bar is not None else None

    try:
        return build_sentence_vectors(data_dir, version, texts, encoder, previous, start)
    finally:
        for bar in bars:
            bar.close()


def _collect_garbage(manifest: Manifest, store: ChunkStore, catalog: Catalog, summary: IndexSummary) -> None:
    """Delete what the published version does not use: superseded chunks and texts, removed files,
    and the leftovers of a killed run."""
    wanted = set(manifest.chunk_ids())
    garbage = [cid for ids in store.ids_by_source().values() for cid in ids if cid not in wanted]
    if garbage:
        store.delete_ids(garbage)
        summary.chunks_deleted += len(garbage)
    texts = {entry.sha256 for entry in manifest.files.values()}
    unused = catalog.text_hashes() - texts
    if unused:
        catalog.delete_texts(unused)


def _chunk(article: Article, embedder: Embedder, options: IndexOptions) -> _Chunked:
    """Chunks sized so that title prefix + chunk + special tokens fit the model's window."""
    prefix = _title_prefix(article.title, embedder) if options.title_in_embedding else ""
    prefix_ids = embedder.tokenize(prefix).ids if prefix else []
    budget = embedder.max_tokens - 2 - (len(prefix_ids) + 1 if prefix else 0)
    tokens = embedder.tokenize(article.text)
    chunks = chunk_article(article, tokens, budget, options.overlap_tokens)
    inputs = [embedder.model_input(prefix_ids, _ids(c, tokens, embedder)) for c in chunks]
    return _Chunked(article, chunks, prefix, signature(article.text[article.body_start :]), inputs)


def _ids(chunk: Chunk, tokens: Tokens, embedder: Embedder) -> Sequence[int]:
    """The chunk's token ids, read from its article's; a chunk that cuts a word is tokenised alone."""
    ids = tokens.ids_alone(chunk.start, chunk.end)
    return embedder.tokenize(chunk.text).ids if ids is None else ids


def _title_prefix(title: str, embedder: Embedder) -> str:
    offsets = embedder.tokenize(title).offsets
    if len(offsets) <= TITLE_MAX_TOKENS:
        return title
    return title[: offsets[TITLE_MAX_TOKENS - 1][1]]


def _groups(chunked: Iterable[_Chunked], size: int) -> Iterable[list[_Chunked]]:
    """Whole files per group (a file is stored all at once), about `size` chunks each."""
    group: list[_Chunked] = []
    count = 0
    for item in chunked:
        group.append(item)
        count += len(item.chunks)
        if count >= size:
            yield group
            group, count = [], 0
    if group:
        yield group


def _progress_bar(
    total: int, enabled: bool, unit: str = "file", desc: str = "indexing"
) -> tqdm[None] | LoggedProgress | None:
    """A bar on a terminal; elsewhere (logs, CI, a pipe) a line every few seconds."""
    if not enabled or not total:
        return None
    if not sys.stderr.isatty():
        return LoggedProgress(total, unit=unit, desc=desc)
    from tqdm import tqdm

    return tqdm(total=total, unit=unit, desc=desc, leave=False)


class LoggedProgress:
    """Progress as lines on stderr, where tqdm would draw its bar: "indexing: 120/300 files", at most
    every `every` seconds. Not a log record: at the default level it would read "WARNING: indexing"."""

    def __init__(self, total: int, every: float = 5.0, unit: str = "file", desc: str = "indexing") -> None:
        self.total, self.done, self.every, self.unit, self.desc = total, 0, every, unit, desc
        self.last = time.monotonic()

    def update(self, count: int) -> None:
        self.done += count
        if time.monotonic() - self.last >= self.every:
            self.last = time.monotonic()
            print(f"{self.desc}: {self.done}/{self.total} {self.unit}s", file=sys.stderr, flush=True)

    def close(self) -> None:
        return None
