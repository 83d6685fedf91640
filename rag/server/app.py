"""The FastAPI application: /api, /v1, /health and /docs. The UI is mounted by the CLI on top."""

from __future__ import annotations

import logging

from fastapi import Depends, FastAPI, Request
from fastapi.responses import JSONResponse

from rag.schemas import Health
from rag.server import api, openai_chat
from rag.server.security import BodySizeLimit, require_api_key
from rag.service import GeneratorUnavailable, RagService, StoreUnavailable

log = logging.getLogger(__name__)


def create_app(service: RagService, api_key: str | None = None) -> FastAPI:
    app = FastAPI(
        title="rag-articles",
        version="0.1.0",
        description="Answers from a folder of news articles, with the exact passage behind every claim.",
    )
    app.state.service = service
    app.add_middleware(BodySizeLimit)
    guarded = [Depends(require_api_key(api_key))]
    app.include_router(api.router, dependencies=guarded)
    app.include_router(openai_chat.router, dependencies=guarded)

    @app.get("/health", response_model=Health, tags=["status"], summary="Documents, chunks and store status")
    def health() -> Health:
        return service.health()

    @app.exception_handler(StoreUnavailable)
    async def store_unavailable(_: Request, err: StoreUnavailable) -> JSONResponse:
        log.warning("store unavailable: %s", err)
        return JSONResponse(
            {"detail": "the article store is unreachable right now; try again shortly"},
            status_code=503,
            headers={"Retry-After": "5"},
        )

    @app.exception_handler(GeneratorUnavailable)
    async def generator_unavailable(_: Request, err: GeneratorUnavailable) -> JSONResponse:
        return JSONResponse({"detail": str(err)}, status_code=400)

    return app
