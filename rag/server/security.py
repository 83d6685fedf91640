"""The server's doors: who may come in, and how often.

- With an API key set, every route but /health and the login form needs it, the chat window and all
  of Gradio's routes included: as `Authorization: Bearer <key>` (programs), or as the session cookie
  the login form sets (browsers). One ASGI gate checks every request and websocket, so no route can
  be forgotten. The /api and /v1 routers also declare the Bearer scheme, for the OpenAPI document.
- A per-client rate limit (off unless set) on POST requests (questions, logins, uploads): 429 with
  Retry-After, counted by the `limits` library's moving window, per client address.
- The request body limit is FastAPI's own (`FastAPI(max_body_size=...)`): it counts the bytes that
  arrive, so a chunked body over the limit gets a 413 too.
"""

from __future__ import annotations

import hashlib
import hmac
import html
import json
import math
import time
from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.requests import HTTPConnection

if TYPE_CHECKING:
    from starlette.types import ASGIApp, Receive, Scope, Send

MAX_BODY_BYTES = 64 * 1024
SESSION_COOKIE = "rag_session"
OPEN_PATHS = frozenset({"/health", "/login", "/favicon.ico"})
bearer = HTTPBearer(
    auto_error=False,
    description="The server's API key (RAG_API_KEY), when one is set.",
)


def declared_bearer(_: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)]) -> None:
    """Declares the Bearer scheme in OpenAPI; the KeyGate middleware does the checking."""


BearerDeclared = Depends(declared_bearer)


def session_token(api_key: str) -> str:
    """The login cookie's value: derived from the key, so changing the key ends every session."""
    return hmac.new(api_key.encode(), b"rag-session-v1", hashlib.sha256).hexdigest()


def key_matches(offered: str, api_key: str) -> bool:
    return hmac.compare_digest(offered.encode(), api_key.encode())


def is_authorized(connection: HTTPConnection, api_key: str) -> bool:
    scheme, _, token = connection.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and key_matches(token.strip(), api_key):
        return True
    cookie = connection.cookies.get(SESSION_COOKIE, "")
    return bool(cookie) and hmac.compare_digest(cookie, session_token(api_key))


class KeyGate:
    """Refuses every request without the key (or the login cookie), except OPEN_PATHS."""

    def __init__(self, app: ASGIApp, api_key: str) -> None:
        self.app = app
        self.api_key = api_key

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or scope["path"] in OPEN_PATHS:
            await self.app(scope, receive, send)
            return
        connection = HTTPConnection(scope)
        if is_authorized(connection, self.api_key):
            await self.app(scope, receive, send)
        elif scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
        elif "text/html" in connection.headers.get("accept", "") and scope["method"] == "GET":
            await _respond(send, 401, login_page(), "text/html; charset=utf-8")
        else:
            detail = "missing or wrong API key: send 'Authorization: Bearer <key>' (or log in at /login)"
            await _respond(send, 401, json.dumps({"detail": detail}), "application/json", bearer_challenge=True)


class RateLimit:
    """At most `limit` POST requests per client address (e.g. "30/minute"); others get 429."""

    def __init__(self, app: ASGIApp, limit: str) -> None:
        from limits import parse
        from limits.storage import MemoryStorage
        from limits.strategies import MovingWindowRateLimiter

        self.app = app
        self.item = parse(limit)
        self.limiter = MovingWindowRateLimiter(MemoryStorage())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] in OPEN_PATHS - {"/login"}:
            await self.app(scope, receive, send)
            return
        client = (scope.get("client") or ("unknown", 0))[0]
        if self.limiter.hit(self.item, client):
            await self.app(scope, receive, send)
            return
        reset = self.limiter.get_window_stats(self.item, client).reset_time
        wait = max(1, math.ceil(reset - time.time()))
        detail = f"too many requests: at most {self.item} per client; try again in {wait} s"
        await _respond(send, 429, json.dumps({"detail": detail}), "application/json", retry_after=wait)


async def _respond(
    send: Send, status: int, body: str, content_type: str, bearer_challenge: bool = False, retry_after: int = 0
) -> None:
    headers = [(b"content-type", content_type.encode()), (b"content-length", str(len(body.encode())).encode())]
    if bearer_challenge:
        headers.append((b"www-authenticate", b"Bearer"))
    if retry_after:
        headers.append((b"retry-after", str(retry_after).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body.encode()})


def login_page(error: str = "") -> str:
    """A self-contained form (no scripts, no outside assets) that posts the key to /login."""
    message = f"<p class='error'>{html.escape(error)}</p>" if error else ""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Ask the articles: sign in</title>
<style>
body {{ font-family: system-ui, sans-serif; display: flex; justify-content: center; padding: 12vh 16px; }}
form {{ width: 100%; max-width: 360px; display: flex; flex-direction: column; gap: 12px; }}
input, button {{ font-size: 1rem; padding: 10px; border-radius: 6px; border: 1px solid #bbb; }}
button {{ background: #1d4ed8; color: white; border: none; cursor: pointer; }}
.error {{ color: #b91c1c; margin: 0; }}
</style></head>
<body><form method="post" action="/login">
<h1>Ask the articles</h1>
<label for="key">This server needs its API key.</label>
<input id="key" name="key" type="password" autocomplete="current-password" required autofocus>
{message}<button type="submit">Sign in</button>
</form></body></html>"""
