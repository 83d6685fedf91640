"""What the API, the UI and the CLI ask of the answering side: answers, search, citation lookups, the
corpus, health. They call this service and never the store, the answerer or an LLM directly.

One direction: `stream` gathers the evidence once and hands it to the writer the request asks for
(quotes, or an LLM whose sentences are verified); `answer` is the last state of that stream.

Every request reads one index snapshot (one published version). `refresh` is the one place a newer
version is picked up: it is called by a watcher thread in `rag serve`, and at once when a request
finds that the store dropped its version's chunks; that request is then answered from the new one.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from datetime import date
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from index.loader import published_of
from index.snapshot import IndexSnapshot, PerVersion, StoreOpener, load_snapshot
from rag.answer.copies import shared_span, stories_with_copies, story_members
from rag.answer.retrieve import StaleIndex
from rag.answer.timeframe import time_frame
from rag.citations import render_text
from rag.errors import GeneratorUnavailable, short_error, store_errors
from rag.schemas import (
    GENERATOR_NAMES,
    Answer,
    AnswerRequest,
    ChunkDetail,
    ChunkHit,
    GeneratorName,
    Health,
    Indexing,
    Report,
    SourceDetail,
    SourceSummary,
    StoreStatus,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping
    from pathlib import Path

    from index.catalog import Catalog
    from index.lock import IndexActivity
    from index.manifest import FileEntry
    from rag.answer.answerer import Answerer, Evidence
    from rag.llm.generate import VerifiedGenerator

log = logging.getLogger(__name__)
CONTEXT_CHARS = 300
# asked before the first user's question: a "which" question of a known kind loads every model an
# answer uses (the embedder, and spaCy, which parses questions like it and the sentences answering them)
WARM_UP_QUESTION = "Which company made the models that answer questions?"


class RagService:
    def __init__(
        self,
        answerer: Answerer,
        open_store: StoreOpener,
        data_dir: Path,
        store_mode: str,
        llm_generators: Mapping[GeneratorName, VerifiedGenerator] | None = None,
        default_generator: GeneratorName = "extractive",
        index_activity: Callable[[Catalog], IndexActivity | None] | None = None,
    ) -> None:
        self._answerer = answerer
        self._open_store = open_store
        self._data_dir = data_dir
        self.store_mode = store_mode
        self._llm_generators = dict(llm_generators or {})
        self.default_generator = default_generator
        self._index_activity = index_activity
        self._copies = PerVersion(stories_with_copies)  # the stories with copies, once per index version
        self._loading = threading.Lock()
        self._snapshot = load_snapshot(open_store, data_dir)

    # -- the published index ----------------------------------------------------------------------
    def refresh(self, force: bool = False) -> bool:
        """Switch to the published version if it is newer than ours (or `force`); True if we switched.
        Requests keep reading the snapshot they started with."""
        with self._loading:
            current = self._snapshot
            if not force and current.catalog.version() == current.version:
                return False
            fresh = load_snapshot(self._open_store, self._data_dir)
            if fresh.version == current.version and not force:
                return False
            self._snapshot = fresh
            log.info("now answering from index version %d (%d files)", fresh.version, len(fresh.manifest.files))
            return True

    @property
    def snapshot(self) -> IndexSnapshot:
        return self._snapshot

    def sources(self) -> list[SourceSummary]:
        return [
            SourceSummary(source=s, title=e.title, chunks=len(e.chunk_ids), metadata=e.metadata, format=file_format(s))
            for s, e in sorted(self._snapshot.manifest.files.items())
        ]

    def skipped(self) -> dict[str, str]:
        """Files in the corpus folder the last runs did not index, and why."""
        return dict(sorted(self._snapshot.manifest.skipped.items()))

    def source(self, source: str) -> SourceDetail | None:
        """One indexed article, its text exactly as indexed; None for anything not indexed."""
        snapshot = self._snapshot
        entry = snapshot.manifest.files.get(source)
        if entry is None:
            return None
        with store_errors():
            text = snapshot.text(source)
        if text is None:
            return None
        return SourceDetail(
            source=source,
            title=entry.title,
            chunks=len(entry.chunk_ids),
            metadata=entry.metadata,
            format=file_format(source),
            text=text,
            pages=entry.pages,
        )

    # -- answering ------------------------------------------------------------------------------
    def generator_names(self) -> list[GeneratorName]:
        return ["extractive", *(name for name in GENERATOR_NAMES if name in self._llm_generators)]

    def stream(self, request: AnswerRequest) -> Iterator[Answer]:
        """The answer as it grows, one sentence at a time; the last item is the whole answer."""
        name = self._generator(request.generator)
        snapshot = self._snapshot
        with store_errors():
            evidence = self._gather(request)
            extractive = self._answerer.compose(evidence)
            if name == "extractive":
                answers = growing(extractive)
            else:
                answers = self._llm_generators[name].stream(evidence, extractive, request.show_unverified)
            copies = self._copies.of(snapshot)
            for answer in answers:
                yield annotated(answer, snapshot, copies)

    def answer(self, request: AnswerRequest) -> Answer:
        """The whole answer: the last state of `stream`."""
        return deque(self.stream(request), maxlen=1)[0]

    def _gather(self, request: AnswerRequest) -> Evidence:
        frame = time_frame(request.question, request.since, request.until, request.as_of or date.today())
        try:
            return self._answerer.gather(self._snapshot, request.question, request.history, request.top_k, frame)
        except StaleIndex:
            self.refresh(force=True)
            return self._answerer.gather(self._snapshot, request.question, request.history, request.top_k, frame)

    def _generator(self, requested: GeneratorName | None) -> GeneratorName:
        name = requested or self.default_generator
        if name != "extractive" and name not in self._llm_generators:
            configured = ", ".join(self.generator_names())
            raise GeneratorUnavailable(f"generator {name!r} is not configured on this server (available: {configured})")
        return name

    def search(self, query: str, k: int) -> list[ChunkHit]:
        """The chunks nearest to `query` by embedding alone."""
        with store_errors():
            return [ChunkHit.model_validate(chunk) for chunk in self._answerer.search(self._snapshot, query, k)]

    def retrieve(self, question: str, k: int) -> list[ChunkHit]:
        """The chunks hybrid retrieval finds for `question`, best first (score: dense similarity)."""
        with store_errors():
            return [ChunkHit.model_validate(c) for c in self._answerer.retrieve(self._snapshot, question, k)]

    def chunk(self, chunk_id: str) -> ChunkDetail | None:
        """A chunk of the published version, with the text around it in its file."""
        snapshot = self._snapshot
        if chunk_id not in snapshot.chunk_ids:
            return None
        with store_errors():
            found = snapshot.store.get([chunk_id])
            text = snapshot.text(found[0].source) if found else None
        if not found:
            return None
        chunk = found[0]
        before, after = _context(text or "", chunk.start, chunk.end, chunk.text)
        return ChunkDetail(
            chunk_id=chunk.id,
            source=chunk.source,
            title=chunk.title,
            start=chunk.start,
            end=chunk.end,
            text=chunk.text,
            before=before,
            after=after,
        )

    # -- health ---------------------------------------------------------------------------------
    def health(self) -> Health:
        snapshot = self._snapshot
        activity = None
        try:
            published: int | None = snapshot.catalog.version()
            status = StoreStatus(ok=True, mode=self.store_mode)
            activity = self._index_activity(snapshot.catalog) if self._index_activity else None
        except Exception as err:
            published = None
            status = StoreStatus(ok=False, mode=self.store_mode, error=short_error(err))
        return Health(
            status="ok" if status.ok else "degraded",
            version=snapshot.version,
            published_version=published,
            documents=len(snapshot.manifest.files),
            chunks=snapshot.manifest.chunk_count(),
            store=status,
            indexing=Indexing(holder=activity.holder, done=activity.done, total=activity.total) if activity else None,
        )


def _context(text: str, start: int, end: int, passage: str) -> tuple[str, str]:
    """Up to CONTEXT_CHARS of the file's text before and after a passage."""
    if text[start:end] != passage:
        return "", ""
    return text[max(0, start - CONTEXT_CHARS) : start], text[end : end + CONTEXT_CHARS]


def file_format(source: str) -> str:
    suffix = PurePosixPath(source).suffix.lower().lstrip(".")
    return "html" if suffix == "htm" else suffix


def annotated(answer: Answer, snapshot: IndexSnapshot, copies: Mapping[str, list[str]]) -> Answer:
    """Each citation with its article's publication date (when known), the PDF pages its span stands
    on, and the other articles of its story that carry the same quote (not those that say it with
    another value: they are the answer's conflicts)."""
    files = snapshot.manifest.files
    differing = [(c.source, c.quote_start, c.quote_end) for c in answer.conflicts]
    for citation in answer.citations:
        entry = files.get(citation.source)
        if entry is not None:
            citation.published = published(entry)
            citation.pages = entry.pages_of(citation.start, citation.end) or None
            citation.reported_by = [
                r
                for r in reports(snapshot, copies, citation.source, citation.quote)
                if not any(r.source == source and r.start < end and start < r.end for source, start, end in differing)
            ]
    return answer


def published(entry: FileEntry) -> str | None:
    return published_of(entry.metadata) or None


def reports(snapshot: IndexSnapshot, copies: Mapping[str, list[str]], source: str, quote: str) -> list[Report]:
    found = []
    for member in story_members(snapshot.manifest, copies, source):
        if span := shared_span(snapshot.text(member) or "", quote):
            entry = snapshot.manifest.files[member]
            found.append(
                Report(source=member, title=entry.title, start=span[0], end=span[1], published=published(entry))
            )
    return found


def growing(answer: Answer) -> Iterator[Answer]:
    """A finished answer replayed sentence by sentence, so every answer streams the same way."""
    for upto in range(1, len(answer.sentences)):
        shown = answer.sentences[:upto]
        used = {n for s in shown for n in s.citations}
        yield answer.model_copy(
            update={
                "answer": render_text(shown),
                "sentences": shown,
                "citations": [c for c in answer.citations if c.n in used],
            }
        )
    yield answer
