"""API key check and request size cap."""

from __future__ import annotations

import secrets
from collections.abc import Callable

from fastapi import HTTPException, Request, status
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp

MAX_BODY_BYTES = 64 * 1024


def require_api_key(expected: str | None) -> Callable[[Request], None]:
    """A dependency that checks `Authorization: Bearer <key>` when a key is configured."""

    def check(request: Request) -> None:
        if not expected:
            return
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not secrets.compare_digest(token.strip(), expected):
            raise HTTPException(
                status.HTTP_401_UNAUTHORIZED,
                detail="missing or wrong API key: send 'Authorization: Bearer <key>'",
                headers={"WWW-Authenticate": "Bearer"},
            )

    return check


class BodySizeLimit(BaseHTTPMiddleware):
    """Refuse bodies over the cap before they are read (413), by declared length."""

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY_BYTES) -> None:
        super().__init__(app)
        self.max_bytes = max_bytes

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            return JSONResponse(
                {"detail": f"request body over {self.max_bytes} bytes"}, status_code=status.HTTP_413_CONTENT_TOO_LARGE
            )
        return await call_next(request)
