"""What the API and the UI ask of the answering side: answers, citation lookups, the corpus, health.

The UI and the REST routers call this service and never the store directly.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from index.loader import resolve_inside
from index.manifest import Manifest, load_manifest, manifest_path
from rag.answerer import Answerer
from rag.compose import render_text
from rag.generated import VerifiedGenerator
from rag.schemas import (
    Answer,
    ChatTurn,
    ChunkDetail,
    GeneratorName,
    Health,
    SourceDetail,
    SourceSummary,
    StoreStatus,
)

log = logging.getLogger(__name__)
CONTEXT_CHARS = 300


class StoreUnavailable(RuntimeError):
    """The vector store cannot be reached (e.g. the Chroma server is down)."""


class GeneratorUnavailable(ValueError):
    """An answer was asked of an LLM this server has not been configured with."""


class RagService:
    def __init__(
        self,
        answerer: Answerer,
        data_dir: Path,
        corpus_dir: Path,
        store_mode: str,
        llm_generators: dict[str, VerifiedGenerator] | None = None,
        default_generator: GeneratorName = "extractive",
    ) -> None:
        self.answerer = answerer
        self.llm_generators = llm_generators or {}
        self.default_generator = default_generator
        self.data_dir = data_dir
        self.default_corpus = corpus_dir
        self.store_mode = store_mode
        self._manifest: Manifest | None = None
        self._manifest_mtime = 0.0
        self._lock = threading.Lock()

    # -- the corpus, as last indexed --------------------------------------------------------------
    def manifest(self) -> Manifest:
        """The manifest, re-read when `rag index` has rewritten it."""
        path = manifest_path(self.data_dir)
        mtime = path.stat().st_mtime if path.exists() else 0.0
        with self._lock:
            if self._manifest is None or mtime != self._manifest_mtime:
                self._manifest, self._manifest_mtime = load_manifest(self.data_dir), mtime
                self.answerer.refresh()
            return self._manifest

    @property
    def corpus_dir(self) -> Path:
        corpus = self.manifest().corpus
        return Path(corpus) if corpus else self.default_corpus

    def sources(self) -> list[SourceSummary]:
        files = self.manifest().files
        return [
            SourceSummary(source=s, title=e.title, chunks=len(e.chunk_ids), metadata=e.metadata)
            for s, e in sorted(files.items())
        ]

    def source(self, source: str) -> SourceDetail | None:
        """One indexed article; None for anything not indexed or outside the corpus folder."""
        entry = self.manifest().files.get(source)
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
        return ["extractive", *self.llm_generators]  # type: ignore[list-item]

    def answer(
        self,
        question: str,
        history: Sequence[ChatTurn] = (),
        top_k: int | None = None,
        generator: GeneratorName | None = None,
        show_unverified: bool = False,
    ) -> Answer:
        if self._generator(generator) == "extractive":  # the default: no partial copies to build
            self.manifest()
            with store_errors():
                return self.answerer.answer(question, history, top_k)
        answer = None
        for answer in self.stream(question, history, top_k, generator, show_unverified):  # noqa: B007
            pass
        assert answer is not None, "every stream ends with the whole answer"
        return answer

    def _generator(self, requested: GeneratorName | None) -> GeneratorName:
        name = requested or self.default_generator
        if name != "extractive" and name not in self.llm_generators:
            configured = ", ".join(self.generator_names())
            raise GeneratorUnavailable(f"generator {name!r} is not configured on this server (available: {configured})")
        return name

    def stream(
        self,
        question: str,
        history: Sequence[ChatTurn] = (),
        top_k: int | None = None,
        generator: GeneratorName | None = None,
        show_unverified: bool = False,
    ) -> Iterator[Answer]:
        """The answer as it grows, one sentence at a time; the last item is the whole answer."""
        name = self._generator(generator)
        self.manifest()
        with store_errors():
            if name == "extractive":
                yield from growing(self.answerer.answer(question, history, top_k))
            else:
                yield from self.llm_generators[name].stream(question, history, top_k, show_unverified)

    def chunk(self, chunk_id: str) -> ChunkDetail | None:
        with store_errors():
            found = self.answerer.store.get([chunk_id])
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
        manifest = self.manifest()
        try:
            chunks = self.answerer.store.count()
            status = StoreStatus(ok=True, mode=self.store_mode)
        except Exception as err:  # noqa: BLE001 - any failure means the store is not usable
            chunks = manifest.chunk_count()
            status = StoreStatus(ok=False, mode=self.store_mode, error=_short(err))
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


@contextmanager
def store_errors() -> Iterator[None]:
    """Connection failures of the store become StoreUnavailable (a 503, not a 500)."""
    try:
        yield
    except Exception as err:
        if is_store_error(err):
            raise StoreUnavailable(str(err)) from err
        raise


def is_store_error(err: BaseException) -> bool:
    """Connection-level failures of the Chroma client (server down, refused, timed out)."""
    import httpx

    names = {type(e).__name__ for e in _chain(err)}
    return any(isinstance(e, (httpx.TransportError, ConnectionError)) for e in _chain(err)) or bool(
        names & {"ConnectError", "ConnectTimeout", "ReadTimeout", "RemoteProtocolError"}
    )


def _chain(err: BaseException | None) -> list[BaseException]:
    chain: list[BaseException] = []
    while err is not None and len(chain) < 10:
        chain.append(err)
        err = err.__cause__ or err.__context__
    return chain


def _short(err: BaseException) -> str:
    return f"{type(err).__name__}: {str(err)[:200]}"
