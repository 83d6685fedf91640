"""One indexer at a time.

Embedded store: an exclusive `flock` on `<data dir>/index.lock`; the kernel releases it when the
holder dies, however it dies. Chroma server: a lease record in the catalog collection. Chroma has no
compare-and-swap, but `add` of an existing id keeps the first record and `delete` takes a `where`
filter, which together make "take it if free" and "remove it if it is still the dead holder's". The
holder renews the lease from a background thread; a lease not renewed for `ttl` seconds (its holder
was killed) may be taken over, so a dead indexer never blocks for ever.

The holder also writes its progress where the lock is (the lock file, the lease record), so that a
server can show "indexing 12/40 files" while it answers from the previous version.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import socket
import threading
import time
import uuid
from dataclasses import dataclass
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
RECORD_BYTES = 512  # the lock file's record, padded: rewritten in place as the run reports progress


class IndexBusy(RuntimeError):
    """Another indexer holds the lock, and waiting for it was not wanted or took too long."""


class LeaseLost(RuntimeError):
    """Our lease expired and another indexer took over; this run must stop writing."""


@dataclass(frozen=True)
class IndexActivity:
    """A `rag index` run in progress: who runs it and how far it is (total 0: still planning)."""

    holder: str
    done: int
    total: int


class IndexLock(Protocol):
    def __enter__(self) -> IndexLock: ...

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None: ...

    def check(self) -> None:
        """Raise LeaseLost if the lock is no longer ours."""

    def report(self, done: int, total: int) -> None:
        """Publish how far the run is, for servers to show."""


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
        self._handle = handle
        self.report(0, 0)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._handle is not None:
            os.ftruncate(self._handle, 0)  # an empty lock file: nobody is indexing
            fcntl.flock(self._handle, fcntl.LOCK_UN)
            os.close(self._handle)
            self._handle = None

    def check(self) -> None:
        """A flock cannot be lost while the process lives."""

    def report(self, done: int, total: int) -> None:
        if self._handle is None:
            return
        record = {"holder": holder_name(), "host": socket.gethostname(), "pid": os.getpid(), "done": done}
        data = json.dumps({**record, "total": total}).encode()
        if len(data) > RECORD_BYTES:
            os.ftruncate(self._handle, 0)
        os.pwrite(self._handle, data.ljust(RECORD_BYTES), 0)  # overwritten in place: no truncation per report


def _read(handle: int) -> str:
    record = _parse(os.pread(handle, 4096, 0))
    return str(record.get("holder") or "unknown holder")


def _parse(data: bytes) -> dict[str, object]:
    with contextlib.suppress(ValueError):
        record = json.loads(data)
        if isinstance(record, dict):
            return record
    return {}


def file_lock_activity(path: Path) -> IndexActivity | None:
    """The run holding the lock file, if its process is alive on this machine (a killed run leaves
    its record behind; the kernel has already released its lock)."""
    try:
        record = _parse(path.read_bytes())
    except OSError:
        return None
    if record.get("host") != socket.gethostname() or not _alive(record.get("pid")):
        return None
    return IndexActivity(str(record.get("holder")), _int(record.get("done")), _int(record.get("total")))


def _alive(pid: object) -> bool:
    if not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _int(value: object) -> int:
    return int(value) if isinstance(value, int | float) else 0


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
        self._progress = (0, 0)
        self._reported = 0.0

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

    def report(self, done: int, total: int, every: float = 1.0) -> None:
        """Kept with the lease; written at most every `every` seconds (and with each renewal)."""
        self._progress = (done, total)
        if time.monotonic() - self._reported < every or self._lost.is_set():
            return
        self._reported = time.monotonic()
        current = self._lease()
        if current is not None and current["holder"] == self.token:  # never overwrite a new holder's lease
            self.collection.update(ids=[LEASE], metadatas=[self._record()])

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
        done, total = self._progress
        return {"kind": "lease", "holder": self.token, "expires": time.time() + self.ttl, "done": done, "total": total}

    def _lease(self) -> dict[str, str | float] | None:
        return _lease_record(self.collection)

    def _holder(self) -> str:
        current = self._lease()
        return str(current["holder"]) if current else "unknown holder"


def _lease_record(collection: Collection) -> dict[str, str | float] | None:
    got = collection.get(ids=[LEASE], include=["metadatas"])
    metadatas = got["metadatas"] or []
    if not got["ids"] or not metadatas or not metadatas[0]:
        return None
    return {k: v for k, v in metadatas[0].items() if isinstance(v, str | float | int)}


def lease_activity(collection: Collection) -> IndexActivity | None:
    """The run holding a live lease (one whose holder still renews it)."""
    current = _lease_record(collection)
    if current is None or float(current["expires"]) < time.time():
        return None
    return IndexActivity(str(current["holder"]), _int(current.get("done")), _int(current.get("total")))
