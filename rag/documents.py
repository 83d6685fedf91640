"""The corpus folder as users change it from the chat window or the API: add files, remove them.

An upload is checked before anything is written (name, type, size, an existing file, and whether
its text can be read at all), saved under a hidden temporary name and renamed into place, then
indexed by `rag index <the files>` in a child process: the same code path as the CLI, the same
one-indexer lock, and the server keeps answering (it switches to the new version when it is
published). If indexing fails, the files written are taken back (a replaced file gets its old
bytes again), so a failed upload leaves the folder and the index as they were.
"""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from index.formats import DOCUMENT_SUFFIXES
from index.loader import ARTICLE_SUFFIXES, SkippedFile, read_document, resolve_inside
from rag.schemas import UploadedFile

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

log = logging.getLogger(__name__)
MAX_NAME_CHARS = 200
UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f/\\]")


class IndexFailed(RuntimeError):
    """`rag index` did not finish; the message is its error output."""


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes  # at most the size limit and one byte: enough to refuse a larger file
    size: int  # the whole file's


class DocumentLibrary:
    def __init__(
        self, corpus: Path, max_bytes: int, run_index: Callable[[Sequence[Path]], Mapping[str, object]]
    ) -> None:
        self.corpus = corpus
        self.max_bytes = max_bytes
        self._run_index = run_index

    # -- adding ------------------------------------------------------------------------------------
    def add(self, uploads: Sequence[Upload], replace: bool = False) -> list[UploadedFile]:
        """Check each file, save the acceptable ones, index them; one result per file."""
        results: dict[str, UploadedFile] = {}
        accepted: list[tuple[Upload, Path]] = []
        for upload in uploads:
            problem = self.refusal(upload, replace)
            if problem is not None:
                results[upload.name] = UploadedFile(source=upload.name, status="refused", reason=problem)
            else:
                accepted.append((upload, self.corpus / upload.name))
        if accepted:
            results.update(self._save_and_index(accepted))
        return [results[u.name] for u in uploads if u.name in results]

    def refusal(self, upload: Upload, replace: bool) -> str | None:
        """Why this file cannot be added, or None."""
        name = upload.name
        if problem := name_problem(name):
            return problem
        suffix = PurePosixPath(name).suffix.lower()
        if suffix not in ARTICLE_SUFFIXES:
            return f"unsupported file type ({suffix or 'no extension'}); articles are {', '.join(ARTICLE_SUFFIXES)}"
        if upload.size > self.max_bytes:
            return f"too large ({upload.size / 1e6:.1f} MB; the limit is {self.max_bytes / 1e6:.0f} MB)"
        target = resolve_inside(self.corpus, name)
        if target is None:
            return "the name would leave the corpus folder"
        if target.exists() and not replace:
            return "a file of that name exists already (ask to replace it)"
        return unreadable(name, suffix, upload.data)

    def _save_and_index(self, accepted: list[tuple[Upload, Path]]) -> dict[str, UploadedFile]:
        previous = {path: path.read_bytes() for _, path in accepted if path.exists()}
        for upload, path in accepted:
            _write_atomically(path, upload.data)
        try:
            summary = self._run_index([path for _, path in accepted])
        except Exception:
            for _, path in accepted:  # take the upload back: the folder as it was
                if path in previous:
                    _write_atomically(path, previous[path])
                else:
                    path.unlink(missing_ok=True)
            raise
        return {upload.name: _outcome(upload.name, summary) for upload, _ in accepted}

    # -- removing ----------------------------------------------------------------------------------
    def remove(self, source: str) -> bool:
        """Delete the file and drop it from the index; False when there is no such file."""
        path = resolve_inside(self.corpus, source)
        if path is None or not path.is_file():
            return False
        data = path.read_bytes()
        path.unlink()
        try:
            self._run_index([path.parent])  # the folder it was in: the file is gone from it
        except Exception:
            _write_atomically(path, data)
            raise
        return True

    def original(self, source: str) -> Path | None:
        """The file itself, for "open the original"; None outside the corpus or when it is gone."""
        path = resolve_inside(self.corpus, source)
        return path if path is not None and path.is_file() else None


def name_problem(name: str) -> str | None:
    """Names are plain file names in the corpus folder: no folders, no tricks."""
    if not name or not name.strip():
        return "an empty file name"
    if UNSAFE_NAME.search(name):
        return "the file name has a slash, backslash, NUL or control character"
    if name in (".", "..") or ".." in PurePosixPath(name).parts or name.startswith("."):
        return "the file name may not start with a dot or be '..'"
    if len(name) > MAX_NAME_CHARS:
        return f"the file name is longer than {MAX_NAME_CHARS} characters"
    return None


def unreadable(name: str, suffix: str, data: bytes) -> str | None:
    """Why the text of these bytes cannot be indexed (read as `rag index` will read them), or None."""
    if suffix in DOCUMENT_SUFFIXES:
        result = read_document(name, suffix, data)
        return result.reason if isinstance(result, SkippedFile) else None
    if b"\x00" in data:
        return "binary file (contains NUL bytes)"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        return f"not valid UTF-8 (byte {data[err.start]:#04x} at offset {err.start})"
    return "empty file" if not text.strip() else None


def _write_atomically(path: Path, data: bytes) -> None:
    """Readers (and `rag index`) never see half a file: a hidden temporary name, then a rename."""
    temporary = path.with_name(f".upload-{uuid.uuid4().hex}.part")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def _outcome(source: str, summary: Mapping[str, object]) -> UploadedFile:
    skipped = {str(s["source"]): str(s["reason"]) for s in _list(summary.get("skipped_files"))}
    if source in skipped:
        return UploadedFile(source=source, status="skipped", reason=skipped[source])
    return UploadedFile(source=source, status="indexed")


def _list(value: object) -> list[dict[str, object]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def index_in_child(env: Mapping[str, str], timeout: float) -> Callable[[Sequence[Path]], Mapping[str, object]]:
    """`rag index PATH... --json` in a child process with the server's settings as its environment:
    the embedding model (torch) loads there and its memory goes back when the run ends."""

    def run(paths: Sequence[Path]) -> Mapping[str, object]:
        command = [sys.executable, "-m", "rag", "index", *map(str, paths), "--json"]
        done = subprocess.run(command, env={**os.environ, **env}, capture_output=True, text=True, timeout=timeout)
        if done.returncode != 0:
            raise IndexFailed(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "rag index failed")
        summary: Mapping[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
        return summary

    return run
