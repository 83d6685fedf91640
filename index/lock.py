"""One indexer at a time.

Embedded store: an exclusive `flock` on `<data dir>/index.lock`; the kernel releases it when the
holder dies, however it dies. Chroma server: a lease record in the catalog collection. Chroma has no
compare-and-swap, but `add` of an existing id keeps the first record and `delete` takes a `where`
filter, which together make "take it if free" and "remove it if it is still the dead holder's". The
holder renews the lease from a background thread; a lease not renewed for `ttl` seconds (its holder
was killed) may be taken over, so a dead indexer never blocks for ever.
"""

from __future__ import annotations

import fcntl
import logging
import os
import socket
import threading
import time
import uuid
from typing import TYPE_CHECKING, Protocol

import numpy as np

if TYPE_CHECKING:
    from pathlib import Path
    from types import TracebackType

    from chromadb.api.models.Collection import Collection

log = logging.getLogger(__name__)
LEASE = "lease"
WAIT_SECONDS = 600.0  # how long a second indexer waits for the first before giving up
LEASE_SECONDS = 30.0  # a lease not renewed for this long belongs to a dead indexer


class IndexBusy(RuntimeError):
    """Another indexer holds the lock, and waiting for it was not wanted or took too long."""


class LeaseLost(RuntimeError):
    """Our lease expired and another indexer took over; this run must stop writing."""


class IndexLock(Protocol):
    def __enter__(self) -> IndexLock: ...

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None: ...

    def check(self) -> None:
        """Raise LeaseLost if the lock is no longer ours."""


def holder_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def busy_message(holder: str) -> str:
    return f"another `rag index` is running ({holder}); try again when it has finished"


class FileLock:
    """flock on a file in the data dir (embedded store)."""

    def __init__(self, path: Path, wait_seconds: float, poll: float = 0.5) -> None:
        self.path = path
        self.wait_seconds = wait_seconds
        self.poll = poll
        self._handle: int | None = None

    def __enter__(self) -> FileLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + self.wait_seconds
        told = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = _read(handle)
                if time.monotonic() >= deadline:
                    os.close(handle)
                    raise IndexBusy(busy_message(holder)) from None
                if not told:
                    log.warning("another `rag index` is running (%s); waiting for it to finish", holder)
                    told = True
                time.sleep(self.poll)
        os.ftruncate(handle, 0)
        os.pwrite(handle, holder_name().encode(), 0)
        self._handle = handle
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._handle is not None:
            fcntl.flock(self._handle, fcntl.LOCK_UN)
            os.close(self._handle)
            self._handle = None

    def check(self) -> None:
        """A flock cannot be lost while the process lives."""


def _read(handle: int) -> str:
    return os.pread(handle, 200, 0).decode(errors="replace").strip() or "unknown holder"


class StoreLease:
    """A lease record in the catalog collection (Chroma server, shared by machines)."""

    def __init__(self, collection: Collection, wait_seconds: float, ttl: float, poll: float = 1.0) -> None:
        self.collection = collection
        self.wait_seconds = wait_seconds
        self.ttl = ttl
        self.poll = poll
        self.token = f"{holder_name()}:{uuid.uuid4().hex[:8]}"
        self._stop = threading.Event()
        self._renewer: threading.Thread | None = None
        self._lost = threading.Event()

    def __enter__(self) -> StoreLease:
        deadline = time.monotonic() + self.wait_seconds
        told = False
        while not self._try_take():
            holder = self._holder()
            if time.monotonic() >= deadline:
                raise IndexBusy(busy_message(holder))
            if not told:
                log.warning("another `rag index` is running (%s); waiting for it to finish", holder)
                told = True
            time.sleep(self.poll)
        self._renewer = threading.Thread(target=self._renew, name="index-lease", daemon=True)
        self._renewer.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._stop.set()
        if self._renewer is not None:
            self._renewer.join(timeout=5)
        self.collection.delete(ids=[LEASE], where={"holder": self.token})

    def check(self) -> None:
        if self._lost.is_set():
            raise LeaseLost("this indexer's lease expired and another indexer took over")

    def _try_take(self) -> bool:
        current = self._lease()
        if current is not None and float(current["expires"]) < time.time():
            log.warning("taking over the lease of an indexer that stopped renewing it (%s)", current["holder"])
            self.collection.delete(ids=[LEASE], where={"holder": str(current["holder"])})
        elif current is not None:
            return current["holder"] == self.token
        free = np.zeros((1, 1), dtype=np.float32)
        self.collection.add(ids=[LEASE], embeddings=free, metadatas=[self._record()])  # kept only if free
        current = self._lease()
        return current is not None and current["holder"] == self.token

    def _renew(self) -> None:
        while not self._stop.wait(self.ttl / 3):
            current = self._lease()
            if current is None or current["holder"] != self.token:
                self._lost.set()
                return
            self.collection.update(ids=[LEASE], metadatas=[self._record()])

    def _record(self) -> dict[str, str | float]:
        return {"kind": "lease", "holder": self.token, "expires": time.time() + self.ttl}

    def _lease(self) -> dict[str, str | float] | None:
        got = self.collection.get(ids=[LEASE], include=["metadatas"])
        metadatas = got["metadatas"] or []
        if not got["ids"] or not metadatas or not metadatas[0]:
            return None
        return {k: v for k, v in metadatas[0].items() if isinstance(v, str | float | int)}

    def _holder(self) -> str:
        current = self._lease()
        return str(current["holder"]) if current else "unknown holder"
