"""How the server is run (kept apart from the app so settings can refer to it without importing FastAPI)."""

from __future__ import annotations

from dataclasses import dataclass

from index.loader import MAX_FILE_BYTES


@dataclass(frozen=True)
class ServerOptions:
    api_key: str | None = None  # required (Bearer or login cookie) on every route but /health when set
    refresh_seconds: float = 2.0  # how often to look for a newer index
    rate_limit: str | None = None  # POST requests per client, e.g. "30/minute" (the `limits` syntax); None: off
    max_file_bytes: int = MAX_FILE_BYTES  # an uploaded file's size limit
