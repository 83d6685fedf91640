"""What the API, the UI and the CLI ask of the answering side: answers, search, citation lookups, the
corpus, health. They call this service and never the store, the answerer or an LLM directly.

One direction: `stream` gathers the evidence once and hands it to the writer the request asks for
(quotes, or an LLM whose sentences are verified); `answer` is the last state of that stream.
`refresh` is the one place a re-indexed corpus is picked up.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from index.lexical import LexicalIndex, bm25_chunk_ids
from index.loader import resolve_inside
from index.manifest import Manifest, load_manifest, manifest_path
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
    SourceDetail,
    SourceSummary,
    StoreStatus,
)

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from rag.answer.answerer import Answerer
    from rag.llm.generate import VerifiedGenerator

log = logging.getLogger(__name__)
CONTEXT_CHARS = 300


@dataclass(frozen=True)
class IndexFiles:
    """Where `rag index` leaves what the service reads besides the store."""

    data_dir: Path
    default_corpus: Path  # used until a manifest names the indexed folder


class RagService:
    def __init__(
        self,
        answerer: Answerer,
        files: IndexFiles,
        store_mode: str,
        llm_generators: Mapping[GeneratorName, VerifiedGenerator] | None = None,
        default_generator: GeneratorName = "extractive",
    ) -> None:
        self._answerer = answerer
        self._files = files
        self.store_mode = store_mode
        self._llm_generators = dict(llm_generators or {})
        self.default_generator = default_generator
        self._manifest = Manifest()
        self._manifest_mtime = -1.0
        self._lock = threading.Lock()
        self.refresh()

    # -- the corpus, as last indexed --------------------------------------------------------------
    def refresh(self) -> bool:
        """Load what `rag index` wrote since the last look (manifest, BM25); True if anything changed."""
        path = manifest_path(self._files.data_dir)
        mtime = path.stat().st_mtime if path.exists() else 0.0
        with self._lock:
            if mtime == self._manifest_mtime:
                return False
            self._manifest, self._manifest_mtime = load_manifest(self._files.data_dir), mtime
            if bm25_chunk_ids(self._files.data_dir) != self._answerer.lexical.chunk_ids:
                self._answerer.use_lexical(LexicalIndex.load(self._files.data_dir))
            return True

    @property
    def manifest(self) -> Manifest:
        return self._manifest

    @property
    def corpus_dir(self) -> Path:
        corpus = self._manifest.corpus
        return Path(corpus) if corpus else self._files.default_corpus

    def sources(self) -> list[SourceSummary]:
        return [
            SourceSummary(source=s, title=e.title, chunks=len(e.chunk_ids), metadata=e.metadata)
            for s, e in sorted(self._manifest.files.items())
        ]

    def source(self, source: str) -> SourceDetail | None:
        """One indexed article; None for anything not indexed or outside the corpus folder."""
        entry = self._manifest.files.get(source)
        path = resolve_inside(self.corpus_dir, source) if entry else None
        if entry is None or path is None or not path.is_file():
            return None
        return SourceDetail(
            source=source,
            title=entry.title,
            chunks=len(entry.chunk_ids),
            metadata=entry.metadata,
            text=path.read_text("utf-8"),
        )

    # -- answering ------------------------------------------------------------------------------
    def generator_names(self) -> list[GeneratorName]:
        return ["extractive", *(name for name in GENERATOR_NAMES if name in self._llm_generators)]

    def stream(self, request: AnswerRequest) -> Iterator[Answer]:
        """The answer as it grows, one sentence at a time; the last item is the whole answer."""
        name = self._generator(request.generator)
        with store_errors():
            evidence = self._answerer.gather(request.question, request.history, request.top_k)
            extractive = self._answerer.compose(evidence)
            if name == "extractive":
                yield from growing(extractive)
            else:
                yield from self._llm_generators[name].stream(evidence, extractive, request.show_unverified)

    def answer(self, request: AnswerRequest) -> Answer:
        """The whole answer: the last state of `stream`."""
        return deque(self.stream(request), maxlen=1)[0]

    def _generator(self, requested: GeneratorName | None) -> GeneratorName:
        name = requested or self.default_generator
        if name != "extractive" and name not in self._llm_generators:
            configured = ", ".join(self.generator_names())
            raise GeneratorUnavailable(f"generator {name!r} is not configured on this server (available: {configured})")
        return name

    def search(self, query: str, k: int) -> list[ChunkHit]:
        """The chunks nearest to `query` by embedding alone."""
        with store_errors():
            return [ChunkHit.model_validate(chunk) for chunk in self._answerer.search(query, k)]

    def retrieved_sources(self, question: str, k: int) -> list[str]:
        """The source files of the chunks hybrid retrieval finds for `question`, best first."""
        with store_errors():
            return [chunk.source for chunk in self._answerer.retrieve(question, k)]

    def chunk(self, chunk_id: str) -> ChunkDetail | None:
        with store_errors():
            found = self._answerer.store.get([chunk_id])
        if not found:
            return None
        chunk = found[0]
        before, after = self._context(chunk.source, chunk.start, chunk.end, chunk.text)
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

    def _context(self, source: str, start: int, end: int, text: str) -> tuple[str, str]:
        path = resolve_inside(self.corpus_dir, source)
        if path is None or not path.is_file():
            return "", ""
        content = path.read_text("utf-8")
        if content[start:end] != text:  # the file changed since it was indexed
            return "", ""
        return content[max(0, start - CONTEXT_CHARS) : start], content[end : end + CONTEXT_CHARS]

    # -- health ---------------------------------------------------------------------------------
    def health(self) -> Health:
        manifest = self._manifest
        try:
            chunks = self._answerer.store.count()
            status = StoreStatus(ok=True, mode=self.store_mode)
        except Exception as err:
            chunks = manifest.chunk_count()
            status = StoreStatus(ok=False, mode=self.store_mode, error=short_error(err))
        return Health(
            status="ok" if status.ok else "degraded",
            documents=len(manifest.files),
            chunks=chunks,
            store=status,
        )


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
