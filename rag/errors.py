"""Failures the answering side turns into clear responses: a store that cannot be reached (503), an
LLM the server does not have (400)."""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator


class StoreUnavailable(RuntimeError):
    """The vector store cannot be reached (e.g. the Chroma server is down)."""


class GeneratorUnavailable(ValueError):
    """An answer was asked of an LLM this server has not been configured with."""


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


def short_error(err: BaseException, limit: int = 200) -> str:
    """The error's type and the start of its message, for a log line or a notice."""
    return f"{type(err).__name__}: {str(err)[:limit]}"


def _chain(err: BaseException | None) -> list[BaseException]:
    chain: list[BaseException] = []
    while err is not None and len(chain) < 10:
        chain.append(err)
        err = err.__cause__ or err.__context__
    return chain
