"""How the server is run (kept apart from the app so settings can refer to it without importing FastAPI)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ServerOptions:
    api_key: str | None = None  # required (Bearer or login cookie) on every route but /health when set
    refresh_seconds: float = 2.0  # how often to look for a newer index
    rate_limit: str | None = None  # POST requests per client, e.g. "30/minute" (the `limits` syntax); None: off
