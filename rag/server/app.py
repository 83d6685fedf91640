"""The FastAPI application: /api, /v1, /health and /docs. The UI is mounted by the CLI on top.

While the app runs, a background thread calls `service.refresh()` every `refresh_seconds`, so a
corpus re-indexed by `rag index` is picked up without a restart.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from rag.documents import DocumentLibrary
from rag.errors import GeneratorUnavailable, StoreUnavailable, short_error
from rag.schemas import Health
from rag.server import answers, login, openai_chat, sources
from rag.server.options import ServerOptions
from rag.server.security import MAX_BODY_BYTES, BearerDeclared, KeyGate, RateLimit
from rag.service import RagService

log = logging.getLogger(__name__)


def create_app(service: RagService, options: ServerOptions, documents: DocumentLibrary | None = None) -> FastAPI:
    """The app; `documents`: uploads and removals in the corpus folder (501 without it)."""

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        stop = threading.Event()
        watcher = threading.Thread(
            target=_refresh_until, args=(service, options.refresh_seconds, stop), name="index-refresh", daemon=True
        )
        watcher.start()
        try:
            yield
        finally:
            stop.set()

    app = FastAPI(
        title="rag-articles",
        version="0.1.0",
        description="Answers from a folder of news articles, with the exact passage behind every claim.",
        lifespan=lifespan,
        max_body_size=MAX_BODY_BYTES,
    )
    app.state.service = service
    app.state.options = options
    app.state.documents = documents
    app.include_router(answers.router, dependencies=[BearerDeclared])
    app.include_router(sources.build_router(options.max_file_bytes), dependencies=[BearerDeclared])
    app.include_router(openai_chat.router, dependencies=[BearerDeclared])
    app.include_router(login.router)
    if options.api_key:
        app.add_middleware(KeyGate, api_key=options.api_key)
    if options.rate_limit:
        app.add_middleware(RateLimit, limit=options.rate_limit)  # outermost: counts refused requests too

    @app.get("/health", tags=["status"], summary="Documents, chunks and store status")
    def health() -> Health:
        return service.health()

    @app.exception_handler(StoreUnavailable)
    async def store_unavailable(_: Request, err: Exception) -> JSONResponse:
        log.warning("store unavailable: %s", err)
        return JSONResponse(
            {"detail": "the article store is unreachable right now; try again shortly"},
            status_code=503,
            headers={"Retry-After": "5"},
        )

    @app.exception_handler(GeneratorUnavailable)
    async def generator_unavailable(_: Request, err: Exception) -> JSONResponse:
        return JSONResponse({"detail": str(err)}, status_code=400)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_: Request, err: RequestValidationError) -> JSONResponse:
        """FastAPI's 422, without the `input` it would echo back (a 2,000-character question, a history)."""
        errors = [{k: v for k, v in e.items() if k != "input"} for e in err.errors()]
        return JSONResponse({"detail": jsonable_encoder(errors)}, status_code=422)

    _refuse_other_methods(app)
    return app


HTTP_METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE"})


def _refuse_other_methods(app: FastAPI) -> None:
    """405 (with `Allow`) for a wrong method on an API path. Without these routes the request would
    fall through to the chat window mounted at / and get its 404."""
    paths: dict[str, dict[str, object]] = app.openapi()["paths"]  # every documented route, routers included
    for path, operations in paths.items():
        methods = {method.upper() for method in operations}
        app.add_api_route(
            path, _refusal(", ".join(sorted(methods))), methods=sorted(HTTP_METHODS - methods), include_in_schema=False
        )


def _refusal(allow: str) -> Callable[[], Awaitable[JSONResponse]]:
    async def refuse() -> JSONResponse:
        return JSONResponse({"detail": "method not allowed"}, status_code=405, headers={"Allow": allow})

    return refuse


def _refresh_until(service: RagService, every: float, stop: threading.Event) -> None:
    while not stop.wait(every):
        try:
            service.refresh()
        except Exception as err:
            log.warning("could not load the re-indexed corpus: %s", short_error(err))
