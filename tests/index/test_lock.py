"""What a server sees of a `rag index` run: the progress its lock holder reports, and nothing once
the run ends or dies (real flock, real Chroma collection)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

from index.catalog import Catalog
from index.lock import FileLock, StoreLease, file_lock_activity, lease_activity
from index.store import open_client


def test_a_file_lock_holder_reports_progress_until_it_lets_go(tmp_path: Path) -> None:
    path = tmp_path / "index.lock"
    assert file_lock_activity(path) is None
    with FileLock(path, wait_seconds=0) as lock:
        running = file_lock_activity(path)
        assert running is not None and (running.done, running.total) == (0, 0)
        lock.report(7, 12)
        running = file_lock_activity(path)
        assert running is not None and (running.done, running.total) == (7, 12)
        assert running.holder.endswith(f":{os.getpid()}")
    assert file_lock_activity(path) is None


def test_the_record_of_a_killed_indexer_does_not_read_as_indexing(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    record = {"holder": "x", "host": socket.gethostname(), "pid": int(dead.stdout), "done": 1, "total": 2}
    (tmp_path / "index.lock").write_text(json.dumps(record))  # what SIGKILL leaves behind
    assert file_lock_activity(tmp_path / "index.lock") is None
    (tmp_path / "index.lock").write_text("not json")
    assert file_lock_activity(tmp_path / "index.lock") is None


def test_a_lease_holder_reports_progress_until_it_lets_go(tmp_path: Path) -> None:
    collection = Catalog(open_client(tmp_path, None), "articles").collection
    assert lease_activity(collection) is None
    with StoreLease(collection, wait_seconds=0, ttl=30) as lease:
        lease.report(4, 9, every=0)
        running = lease_activity(collection)
        assert running is not None and (running.done, running.total) == (4, 9)
    assert lease_activity(collection) is None
