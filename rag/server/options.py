"""How the server is run (kept apart from the app so settings can refer to it without importing FastAPI)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ServerOptions:
    api_key: str | None = None  # required as 'Authorization: Bearer <key>' on /api and /v1 when set
    refresh_seconds: float = 2.0  # how often to look for a newer index
